"""The static import graph of finnr: no cycle, and every layer imports only
the layers below it (DESIGN.md, "How the parts join"):

    dialects <- interpreter, models, hw <- passes <- backends <- toolchains <- flows <- driver

Every import counts, also those inside functions."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import finnr

ROOT = Path(finnr.__file__).parent

LAYERS = {
    # package (first component under finnr) -> rank; a module imports only equal or lower ranks
    "diagnostics": 0,
    "names": 3,
    "defaults": 0,
    "dialects": 1,
    "hw": 2,
    "interpreter": 2,
    "models": 2,
    "interop": 3,
    "frontend": 3,
    "examples": 3,
    "passes": 4,
    "backends": 5,
    "toolchains": 6,
    "ir_io": 6,
    "flows": 7,
    "driver": 8,
    "api": 8,
    "__main__": 8,
}


def module_name(path: Path) -> str:
    rel = path.relative_to(ROOT.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports(path: Path) -> set[str]:
    """The finnr modules that ``path`` imports, anywhere in the file."""
    me = module_name(path)
    package = me if path.name == "__init__.py" else me.rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.split(".")[0] == "finnr")
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                mod = ".".join(base + ([node.module] if node.module else []))
            else:
                mod = node.module or ""
            if mod.split(".")[0] != "finnr":
                continue
            for a in node.names:  # `from finnr.models import cost` imports finnr.models.cost
                sub = ROOT.parent / mod.replace(".", "/") / a.name
                if sub.with_suffix(".py").exists() or (sub / "__init__.py").exists():
                    found.add(f"{mod}.{a.name}")
                else:
                    found.add(mod)
    found.discard(me)
    return found


def graph() -> dict[str, set[str]]:
    mods = {module_name(p): p for p in ROOT.rglob("*.py")}
    return {m: {i for i in imports(p) if i in mods} for m, p in mods.items()}


def layer(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "finnr"


def test_every_package_has_a_layer():
    unknown = sorted({layer(m) for m in graph()} - set(LAYERS) - {"finnr"})
    assert not unknown, f"packages without a layer in this test: {unknown}"


def test_no_import_cycle():
    g = graph()
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(m: str) -> None:
        state[m] = 1
        stack.append(m)
        for n in sorted(g[m]):
            if state.get(n) == 1:
                cycle = stack[stack.index(n):] + [n]
                pytest.fail("import cycle: " + " -> ".join(cycle))
            if n not in state:
                visit(n)
        stack.pop()
        state[m] = 2

    for m in sorted(g):
        if m not in state:
            visit(m)


def upward_imports(g: dict[str, set[str]]) -> list[str]:
    bad = []
    for m, deps in sorted(g.items()):
        lm = layer(m)
        if lm == "finnr":
            continue
        for d in sorted(deps):
            ld = layer(d)
            if ld in ("finnr", lm):
                continue
            if LAYERS[ld] > LAYERS[lm]:
                bad.append(f"{m} ({lm}) imports {d} ({ld})")
    return bad


def test_layers_import_only_downward():
    assert upward_imports(graph()) == []


def test_dialects_import_nothing_else_of_finnr():
    g = graph()
    bad = [f"{m} imports {d}" for m, deps in g.items() if layer(m) == "dialects"
           for d in deps if layer(d) != "dialects"]
    assert bad == []


def test_upward_import_is_reported():
    """The check itself: a pass importing a backend is named."""
    g = {"finnr.passes.x": {"finnr.backends.report"}, "finnr.backends.report": set()}
    assert upward_imports(g) == ["finnr.passes.x (passes) imports finnr.backends.report (backends)"]


def test_backends_and_passes_do_not_import_each_other():
    """Passes rewrite IR, backends print it: what both need (hardware
    facts, names, models) lives below them."""
    g = graph()
    bad = [f"{m} imports {d}" for m, deps in g.items() for d in deps
           if {layer(m), layer(d)} == {"passes", "backends"}]
    assert bad == []


def test_installed_distribution_has_one_top_level_package():
    """pyproject installs only ``finnr`` (tests/, benchmarks/ and tools stay
    out of site-packages, where xDSL's wheel already put a ``tests``)."""
    import tomllib

    config = tomllib.loads((ROOT.parent / "pyproject.toml").read_text())
    assert config["tool"]["setuptools"]["packages"]["find"]["include"] == ["finnr*"]
    scripts = config["project"]["scripts"].values()
    assert all(s.startswith("finnr.") for s in scripts)
