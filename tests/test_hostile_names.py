"""Generated code that no name can break (issue 9): a QONNX MLP and a small
CNN whose every node, tensor (graph inputs, outputs, initializers,
intermediate values, renamed consistently) and graph name is hostile —
quotes, newlines, comment delimiters, backslashes, ``$``, braces, C++ /
Verilog / Tcl keywords, leading digits, non-ASCII, empty node names, names
that collide after sanitizing and a 5000-character name — go through
``finnr build``; then

- ``finnr csim`` of the build equals ``finnr run`` of the original model
  bit for bit;
- the Verilog of DIR/rtl lints clean with ``verilator --lint-only -Wall``
  (skipped without Verilator);
- no file under DIR/hls and DIR/rtl (C++, Verilog, Tcl) contains a hostile
  string verbatim, no keyword is declared as a name, and every file name
  there is a plain identifier-like name;
- nothing is written outside DIR (the working directory and the directory
  around DIR hold only what the test put there)."""

from __future__ import annotations

import copy
import re
import subprocess
from pathlib import Path

import numpy as np
import onnx
import pytest

from finnr.backends import hls_cpp
from finnr.backends.rtl.sim import verilator_command
from finnr.driver.main import main
from finnr.examples.networks import NetSpec, cnn, mlp
from finnr_testing.toolchains import csim_toolchain_missing

pytestmark = pytest.mark.skipif(csim_toolchain_missing() is not None, reason=str(csim_toolchain_missing()))


VERILATOR = verilator_command()

KEYWORDS = ["int", "module", "wire", "proc", "set", "return", "begin", "end", "class"]
"""C++, Verilog and Tcl keywords used as names."""

LONG = "L" * 4999
HOSTILE = [
    "it's", 'say "hi"', "line1\nline2", "end */ of comment", "/* open comment", "// rest of line",
    "back\\slash\\", "$dollar", "${var}", "{brace}", "[exec rm -rf x]", *KEYWORDS,
    "9lives", "0", "1x", "café_é", "中文", "🔥emoji🚀", "a-b", "a_b", "a b", "a.b",
    LONG + "a", LONG + "b",  # 5000 characters, equal after truncation
    "`define X", "#include <x>", "\\\\server\\share", "../../escape", "/etc/passwd", "nul\tTAB",
]
"""Tensor names (and, with a prefix, node names). When a model has more
tensors than this list, the names repeat with more and more trailing
newlines: still distinct ONNX names, but identical after sanitizing."""


def _pick(k: int, pool: list[str]) -> str:
    return pool[k % len(pool)] + "\n" * (k // len(pool))


def hostile_copy(model: onnx.ModelProto) -> tuple[onnx.ModelProto, set[str]]:
    """``model`` with every tensor, node and the graph renamed to hostile
    strings, consistently; returns the model and the names it used."""
    m = copy.deepcopy(model)
    g = m.graph
    names: list[str] = []
    for i in g.input:
        names.append(i.name)
    for t in g.initializer:
        names.append(t.name)
    for n in g.node:
        names.extend(x for x in [*n.input, *n.output] if x)
    names.extend(o.name for o in g.output)
    mapping: dict[str, str] = {}
    for name in names:
        if name not in mapping:
            mapping[name] = _pick(len(mapping), HOSTILE)
    assert len(set(mapping.values())) == len(mapping)

    for i in [*g.input, *g.output, *g.value_info]:
        i.name = mapping[i.name]
    for t in g.initializer:
        t.name = mapping[t.name]
    used = set(mapping.values())
    node_pool = [*HOSTILE, ""]  # ONNX allows empty node names
    for k, n in enumerate(g.node):
        n.input[:] = [mapping[x] if x else x for x in n.input]
        n.output[:] = [mapping[x] for x in n.output]
        n.name = _pick(k * 7 + 3, node_pool)
        used.add(n.name)
    g.name = 'graph "g" */ module\n$top'
    used.add(g.name)
    assert [n.op_type for n in g.node] == [n.op_type for n in model.graph.node]
    return m, used


PLAIN = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def _checked_strings(used: set[str]) -> list[str]:
    """The hostile strings to search for verbatim: length >= 3 and not a
    plain identifier (a plain identifier may legitimately appear as a
    sanitized name); and every line of a multi-line name."""
    out = set()
    for s in used:
        for piece in [s, *s.split("\n")]:
            piece_s = piece.strip("\n")
            if len(piece_s) >= 3 and not PLAIN.fullmatch(piece_s):
                out.add(piece_s)
    return sorted(out)


_CPP_DECL = re.compile(
    r"(?:\bvoid|\bstatic\s+const\s+[\w:<>, ]+?|hls::stream<[^;{}]*?>\s*&?)\s+(\w+)\s*[\[(;=,)]"
)
_V_DECL = re.compile(r"\b(?:module|input|output|inout|wire|reg|localparam|parameter)\b\s+(?:wire\s+|reg\s+|signed\s+)*(?:\[[^\]]*\]\s*)?(\w+)")
_V_INST = re.compile(r"^\s*(\w+)\s+(?:#\s*\([^;]*?\)\s*)?(\w+)\s*\(", re.M)
_TCL_NAMES = re.compile(r"^\s*(?:set_top|open_project|open_solution|create_clock\s+-period\s+\S+\s+-name)\s+(\S+)", re.M)


def _declared_names(path: Path, text: str) -> set[str]:
    if path.suffix in (".cpp", ".h", ".hpp"):
        return set(_CPP_DECL.findall(text))
    if path.suffix in (".v", ".sv"):
        return set(_V_DECL.findall(text)) | {inst for _mod, inst in _V_INST.findall(text)}
    if path.suffix == ".tcl":
        return {n.strip("\"{}") for n in _TCL_NAMES.findall(text)}
    return set()


def _tree(d: Path) -> set[Path]:
    return {p.relative_to(d) for p in d.rglob("*")}


SPECS = {
    "mlp": NetSpec(wbits=2, abits=2, relu=True, per_channel=True, negative_bn=True, seed=5),
    "cnn": NetSpec(wbits=2, abits=2, relu=True, per_channel=True, negative_bn=True, seed=5),
}


@pytest.mark.parametrize("kind", ["mlp", "cnn"])
def test_hostile_names_build_simulate_and_lint_clean(kind, tmp_path, monkeypatch):
    original = mlp(SPECS[kind]) if kind == "mlp" else cnn(SPECS[kind])
    hostile, used = hostile_copy(original)
    assert any(len(s) >= 5000 for s in used) and "" in used and {"a-b", "a_b"} <= used
    assert {len(n.name) for n in hostile.graph.node} & {0}

    work = tmp_path / "work"
    cwd = tmp_path / "cwd"
    work.mkdir()
    cwd.mkdir()
    monkeypatch.chdir(cwd)
    orig_path, hostile_path = work / "original.onnx", work / "hostile.onnx"
    onnx.save(original, orig_path)
    onnx.save(hostile, hostile_path)
    shape = [d.dim_value for d in original.graph.input[0].type.tensor_type.shape.dim]
    x = (np.random.default_rng(3).standard_normal((3, *shape[1:])) * 1.5).astype(np.float32)
    np.save(work / "x.npy", x)
    before = _tree(tmp_path)

    out = tmp_path / "build"
    assert main(["build", str(hostile_path), "--target-fps", "1000", "-o", str(out)]) == 0
    assert main(["csim", str(out), "--input", str(work / "x.npy"), "-o", str(work / "csim.npy")]) == 0
    assert main(["run", str(orig_path), "--input", str(work / "x.npy"), "-o", str(work / "run.npy")]) == 0
    assert main(["run", str(out / "04-folded.mlir"), "--input", str(work / "x.npy"), "-o", str(work / "folded.npy")]) == 0
    got, want, folded = np.load(work / "csim.npy"), np.load(work / "run.npy"), np.load(work / "folded.npy")
    # the accelerator is bit-exact with the folded dataflow level; that level
    # equals the original float model up to float32 rounding of the scales
    # that streamlining moves (exact in real arithmetic)
    np.testing.assert_array_equal(got, folded)
    np.testing.assert_allclose(got, want, rtol=1e-6, atol=1e-6)
    np.testing.assert_array_equal(got.argmax(-1), want.argmax(-1))

    # nothing written outside DIR: only DIR and the test's own result files are new
    after = _tree(tmp_path)
    new = {p for p in after - before if p.parts[0] != "build" or len(p.parts) == 1}
    assert new == {Path("build"), Path("work/csim.npy"), Path("work/run.npy"), Path("work/folded.npy")}, sorted(map(str, new))
    assert not any(cwd.iterdir())

    # no hostile string verbatim in the generated C++, Verilog and Tcl
    checked = _checked_strings(used)
    assert "line1" not in checked and 'say "hi"' in checked and "int" not in checked
    files = [p for d in ("hls", "rtl") for p in (out / d).rglob("*") if p.is_file()]
    tcl = [p for p in files if p.suffix == ".tcl"]
    assert tcl and any(p.suffix == ".v" for p in files) and any(p.suffix == ".cpp" for p in files)
    keywords = set(KEYWORDS)
    library = Path(hls_cpp.__file__).parent / "include"
    for p in files:
        rel = p.relative_to(out)
        assert all(re.fullmatch(r"[A-Za-z0-9_.\-]+", part) for part in rel.parts), rel
        if p.suffix in (".o", "") or p.name.endswith("_csim"):
            continue  # the compiled C-simulation binary
        text = p.read_text(encoding="utf-8")
        if rel.parts[1] == "include":  # the kernel library, copied unchanged
            assert text == (library / Path(*rel.parts[2:])).read_text(encoding="utf-8"), rel
            continue
        assert text.isascii(), rel
        for s in checked:
            assert s not in text, f"{rel} contains the hostile string {s[:40]!r}"
        bad = _declared_names(p, text) & keywords
        assert not bad, f"{rel} declares the keyword(s) {sorted(bad)}"

    if VERILATOR is not None:
        tops = sorted((out / "rtl").glob("*_top.v"))
        assert tops
        for top in tops:
            name = top.name[: -len("_top.v")]
            files = [top, out / "rtl" / f"{name}_stubs.v"]
            r = subprocess.run(
                [*VERILATOR, "--lint-only", "-Wall", "--top-module", f"{name}_top", *map(str, files)],
                cwd=out / "rtl", capture_output=True, text=True, timeout=60,
            )
            assert r.returncode == 0 and "%Warning" not in r.stderr and "%Error" not in r.stderr, r.stderr
