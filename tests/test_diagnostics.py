"""Bad input never crashes finnr (issue 9): every mistake in the user's input
is one clear message with exit code 2 and no traceback; an internal error is
exit code 1 with a line asking for a report (a traceback only with --debug).

A table covers each kind of bad input with the exact message; bounded
hypothesis fuzzing feeds mutated ONNX files, mutated QONNX graphs and mutated
IR text to the command-line drivers and checks that nothing escapes as an
uncaught exception."""

from __future__ import annotations

import copy
import io
import os
import random
import re
import tempfile
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import numpy as np
import onnx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from onnx import numpy_helper

from finnr.diagnostics import FinnrError
from finnr.driver import opt as finnr_opt
from finnr.driver.main import main
from finnr.examples.networks import NetSpec, mlp
from finnr.examples.onnx_builder import GraphBuilder, f32, vinfo
from finnr.frontend.onnx_import import import_model
from finnr.ir_io import print_ir

# CI runs the same 30 examples every time; FINNR_FUZZ_EXAMPLES=N FINNR_FUZZ_RANDOM=1
# hunts with N fresh random examples.
FUZZ = settings(max_examples=int(os.environ.get("FINNR_FUZZ_EXAMPLES", "30")), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture],
                database=None, derandomize=not os.environ.get("FINNR_FUZZ_RANDOM"))


# --- helpers --------------------------------------------------------------------


def run_finnr(argv: list[str]) -> tuple[int, str]:
    """``finnr ARGV`` in-process: (exit code, stderr)."""
    err = io.StringIO()
    with redirect_stderr(err), redirect_stdout(io.StringIO()):
        try:
            rc = main(argv)
        except SystemExit as e:  # argparse
            rc = e.code if isinstance(e.code, int) else 2
    return rc, err.getvalue()


def run_opt(argv: list[str]) -> tuple[int, str]:
    """``finnr-opt ARGV`` in-process: (exit code, stderr)."""
    err = io.StringIO()
    rc = 0
    with redirect_stderr(err), redirect_stdout(io.StringIO()):
        try:
            finnr_opt.main(argv)
        except SystemExit as e:
            rc = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
    return rc, err.getvalue()


def small_mlp() -> onnx.ModelProto:
    return mlp(NetSpec(wbits=2, abits=2, relu=True, per_channel=False, negative_bn=False, seed=0), widths=(6, 4, 3))


def quant_model(scale=0.5, bits=4) -> onnx.ModelProto:
    b = GraphBuilder()
    y = b.quant("x", scale, 0.0, bits)
    return b.model([vinfo("x", [1, 4])], [y])


def weight_model(value: float) -> onnx.ModelProto:
    """x @ Quant(w) with one weight replaced by ``value``."""
    w = f32(np.linspace(-1, 1, 12).reshape(4, 3))
    w[1, 2] = value
    b = GraphBuilder()
    qw = b.quant(b.const(w, "w"), 0.25, 0.0, 4)
    y = b.node("MatMul", ["x", qw])
    return b.model([vinfo("x", [1, 4])], [y])


def float_weight_model(value: float) -> onnx.ModelProto:
    """A plain float MatMul whose weight initializer holds ``value``."""
    w = f32(np.ones((4, 3)))
    w[0, 0] = value
    b = GraphBuilder()
    y = b.node("MatMul", ["x", b.const(w, "w")])
    return b.model([vinfo("x", [1, 4])], [y])


def unsupported_model() -> onnx.ModelProto:
    b = GraphBuilder()
    a = b.node("FancyOp", ["x"])
    c = b.node("Relu", [a])
    d = b.node("OtherOp", [c], domain="com.example")
    return b.model([vinfo("x", [1, 4])], [d])


def dynamic_model() -> onnx.ModelProto:
    b = GraphBuilder()
    y = b.node("Relu", ["x"])
    return b.model([vinfo("x", ["N", "C"])], [y])


# --- the table ------------------------------------------------------------------


def _save(tmp: Path, model: onnx.ModelProto, name: str = "model.onnx") -> str:
    onnx.save(model, tmp / name)
    return str(tmp / name)


def case_not_onnx(tmp):
    (tmp / "junk.onnx").write_bytes(b"\x00\xffthis is not a model" * 20)
    return ["import", str(tmp / "junk.onnx")]


def case_truncated(tmp):
    data = small_mlp().SerializeToString()
    (tmp / "cut.onnx").write_bytes(data[: len(data) // 2])
    return ["import", str(tmp / "cut.onnx")]


def case_missing_external_data(tmp):
    path = tmp / "ext.onnx"
    onnx.save_model(small_mlp(), path, save_as_external_data=True, all_tensors_to_one_file=True,
                    location="ext.data", size_threshold=0)
    (tmp / "ext.data").unlink()
    return ["import", str(path)]


def case_model(model_fn):
    return lambda tmp: ["import", _save(tmp, model_fn())]


def case_build(*extra):
    return lambda tmp: ["build", "-o", str(tmp / "out"), "--stop-after", "folding", *extra]


def case_output_under_file(tmp):
    (tmp / "afile").write_text("x")
    return ["import", _save(tmp, small_mlp()), "-o", str(tmp / "afile" / "out.mlir")]


def case_build_dir_under_file(tmp):
    (tmp / "afile").write_text("x")
    return ["build", "-o", str(tmp / "afile" / "out"), "--target-fps", "10", "--stop-after", "import"]


def case_ir(text: str, name: str):
    def make(tmp):
        (tmp / name).write_text(text)
        np.save(tmp / "x.npy", np.zeros((1, 4), np.float32))
        return ["run", str(tmp / name), "--input", str(tmp / "x.npy")]
    return make


def case_corrupt_bytes(mutate):
    def make(tmp):
        (tmp / "corrupt.onnx").write_bytes(mutate(small_mlp()))
        return ["import", str(tmp / "corrupt.onnx")]
    return make


def _undefined_initializer(m: onnx.ModelProto) -> bytes:
    m.graph.initializer[0].data_type = onnx.TensorProto.UNDEFINED
    return m.SerializeToString()


def _non_utf8_name(m: onnx.ModelProto) -> bytes:
    name = m.graph.node[0].name.encode()
    return m.SerializeToString().replace(name, b"\xff" + name[1:], 1)


def _attribute_without_value(m: onnx.ModelProto) -> bytes:
    m.graph.node[0].attribute[0].type = onnx.AttributeProto.UNDEFINED
    return m.SerializeToString()


UNVERIFIED_IR = (
    '%x = "test.op"() : () -> tensor<1x4xf32>\n'
    "%q = qnn.relu %x : (tensor<1x4xf32>) -> tensor<1x5xf32>\n"
)

# (id, argv builder, messages that must all appear on stderr)
TABLE = [
    ("not-onnx", case_not_onnx, ["junk.onnx: not a readable ONNX model"]),
    ("truncated", case_truncated, ["cut.onnx: not a readable ONNX model", "check that the file is a complete .onnx export"]),
    ("missing-external-data", case_missing_external_data,
     ["is stored in the external data file 'ext.data', which does not exist next to the model"]),
    ("unsupported-ops", case_model(unsupported_model),
     ["the model has 2 unsupported nodes:", "node 'n_FancyOp_2': FancyOp (domain 'ai.onnx')",
      "node 'n_OtherOp_6': OtherOp (domain 'com.example')"]),
    ("dynamic-dimension", case_model(dynamic_model),
     ["graph input 'x' has a dynamic dimension 1 ('C'); only the batch dimension may be symbolic"]),
    ("bitwidth-0", case_model(lambda: quant_model(bits=0)), ["(Quant): bit width must be in 1..32, got 0"]),
    ("bitwidth-33", case_model(lambda: quant_model(bits=33)), ["(Quant): bit width must be in 1..32, got 33"]),
    ("scale-zero", case_model(lambda: quant_model(scale=0.0)), ["(Quant): scale must be finite and positive, got [0.0]"]),
    ("scale-negative", case_model(lambda: quant_model(scale=-0.5)), ["(Quant): scale must be finite and positive, got [-0.5]"]),
    ("scale-nan", case_model(lambda: quant_model(scale=np.nan)), ["(Quant): scale must be finite and positive, got [nan]"]),
    ("weight-nan", case_model(lambda: weight_model(np.nan)),
     ["(Quant): the constant 'w_1' has 1 non-finite value(s) (first: nan at index [1, 2])"]),
    ("weight-inf", case_model(lambda: weight_model(np.inf)),
     ["(Quant): the constant 'w_1' has 1 non-finite value(s) (first: inf at index [1, 2])"]),
    ("float-weight-inf", case_model(lambda: float_weight_model(-np.inf)),
     ["(MatMul): the constant 'w_1' has 1 non-finite value(s) (first: -inf at index [0, 0])"]),
    ("fps-out-of-reach", case_build("--target-fps", "1e12"),
     ["1e+12 FPS is out of reach at 100 MHz: layer MVAU_hls_0 (mvau)", "the best reachable is 100000000.0 FPS"]),
    ("unknown-device", case_build("--device", "pynqz1", "--target-fps", "10"),
     ["unknown device 'pynqz1'; did you mean pynq-z1, pynq-z2?"]),
    ("output-file-unwritable", case_output_under_file, ["afile/out.mlir: cannot write ("]),
    ("output-dir-unwritable", case_build_dir_under_file, ["afile/out: cannot create the output directory"]),
    ("ir-syntax-error", case_ir("func.func @f( {\n", "bad.mlir"), ["bad.mlir:1:15", "Expected argument or type"]),
    ("undefined-initializer-type", case_corrupt_bytes(_undefined_initializer),
     ["initializer 'scale_1' cannot be read (TypeError: The element type in the input tensor is UNDEFINED.)"]),
    ("non-utf8-name", case_corrupt_bytes(_non_utf8_name), ["a node name is not valid UTF-8", "the file is corrupt"]),
    ("attribute-without-value", case_corrupt_bytes(_attribute_without_value),
     ["node 'n_Quant_5' (Quant) is malformed: ValueError: attribute 'narrow' has no value"]),
    ("ir-huge-integer-width", case_ir('%x = "test.op"() : () -> i99999999999\n', "wide.mlir"),
     ["wide.mlir:1:26: integer type 'i99999999999' is wider than 16777215 bits (MLIR's limit)"]),
    ("ir-parser-crash", case_ir('"test.op"() {a = array<i100000: 1, 0>} : () -> ()\n', "crash.mlir"),
     ["crash.mlir: cannot parse this IR (the parser failed with NotImplementedError"]),
    ("ir-verify-error", case_ir(UNVERIFIED_IR, "unverified.mlir"),
     ["unverified.mlir: the IR does not verify", "result shape [1, 5] must equal the input shape [1, 4]"]),
]


@pytest.mark.parametrize(("make_argv", "messages"), [(m, msgs) for _, m, msgs in TABLE], ids=[c[0] for c in TABLE])
def test_user_error_table(tmp_path, make_argv, messages):
    rc, err = run_finnr(make_argv(tmp_path))
    assert rc == 2, err
    assert "Traceback" not in err
    assert "finnr: error:" in err, err  # (after `finnr build`'s progress lines)
    assert "internal error" not in err
    for m in messages:
        assert m in err, f"{m!r} not in {err!r}"


@pytest.mark.parametrize(
    ("text", "messages"),
    [("func.func @f( {\n", ["bad.mlir:1:15", "Expected argument or type"]),
     (UNVERIFIED_IR, ["bad.mlir: the IR does not verify", "result shape [1, 5] must equal the input shape [1, 4]"]),
     ('"test.op"() : () -> ()\n// -----\n%x = "test.op"() : () -> si4294967297\n',
      ["bad.mlir:3:26: integer type 'si4294967297' is wider than 16777215 bits"]),
     ('"test.op"() {a = array<i100000: 1, 0>} : () -> ()\n', ["bad.mlir: cannot parse this IR (the parser failed with"])],
    ids=["syntax", "verifier", "huge-integer-width", "parser-crash"],
)
def test_finnr_opt_user_errors(tmp_path, text, messages):
    (tmp_path / "bad.mlir").write_text(text)
    rc, err = run_opt([str(tmp_path / "bad.mlir")])
    assert rc == 2 and "Traceback" not in err and err.startswith("finnr-opt: error:"), err
    for m in messages:
        assert m in err


def test_finnr_opt_unknown_pass(tmp_path):
    (tmp_path / "ok.mlir").write_text(print_ir(import_model(small_mlp())))
    rc, err = run_opt([str(tmp_path / "ok.mlir"), "-p", "no-such-pass"])
    assert rc == 2 and "Unrecognized passes: ['no-such-pass']" in err and "Traceback" not in err


def test_internal_error_asks_for_a_report(tmp_path, monkeypatch):
    def boom(*a, **k):
        raise RuntimeError("kaboom")

    monkeypatch.setattr("finnr.frontend.onnx_import.import_model", boom)
    path = _save(tmp_path, small_mlp())
    rc, err = run_finnr(["import", path])
    assert rc == 1
    assert "finnr: internal error: RuntimeError: kaboom" in err
    assert "please report it" in err and "rerun with --debug" in err
    assert "Traceback" not in err
    with pytest.raises(RuntimeError, match="kaboom"):  # --debug: the exception (and its traceback) escapes
        main(["--debug", "import", path])


def test_finnr_opt_internal_error(tmp_path, monkeypatch):
    def boom(*a, **k):
        raise RuntimeError("kaboom")

    (tmp_path / "ok.mlir").write_text(print_ir(import_model(small_mlp())))
    monkeypatch.setattr(finnr_opt.FinnrOptMain, "apply_passes", boom)
    rc, err = run_opt([str(tmp_path / "ok.mlir")])
    assert rc == 1 and "please report it" in err and "Traceback" not in err
    with pytest.raises(RuntimeError, match="kaboom"):
        finnr_opt.main([str(tmp_path / "ok.mlir"), "--debug"])


# --- fuzzing --------------------------------------------------------------------

_MLP_BYTES = small_mlp().SerializeToString()


@st.composite
def byte_mutations(draw) -> bytes:
    data = bytearray(_MLP_BYTES)
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["truncate", "flip", "delete", "insert"]))
        if not data:
            break
        i = draw(st.integers(0, len(data) - 1))
        if kind == "truncate":
            data = data[:i]
        elif kind == "flip":
            data[i] ^= 1 << draw(st.integers(0, 7))
        elif kind == "delete":
            del data[i : i + draw(st.integers(1, 16))]
        else:
            data[i:i] = draw(st.binary(min_size=1, max_size=8))
    return bytes(data)


@FUZZ
@given(data=byte_mutations())
def test_fuzz_onnx_bytes(tmp_path, data):
    with tempfile.TemporaryDirectory(dir=tmp_path) as d:
        path = Path(d) / "m.onnx"
        path.write_bytes(data)
        rc, err = run_finnr(["import", str(path), "-o", str(Path(d) / "m.mlir")])
    assert rc in (0, 2), err
    assert "Traceback" not in err


_BAD_NUMBERS = [0.0, -1.0, -0.5, np.nan, np.inf, -np.inf, 33.0, 64.0, 1.5, 1e30, -1e30, 2.0]


@st.composite
def mutated_qonnx(draw) -> onnx.ModelProto:
    spec = NetSpec(wbits=draw(st.sampled_from([1, 2, 4])), abits=draw(st.sampled_from([1, 2, 3])), relu=draw(st.booleans()),
                   per_channel=draw(st.booleans()), negative_bn=draw(st.booleans()), seed=draw(st.integers(0, 2**16)))
    m = mlp(spec, widths=(6, 4, 3))
    for _ in range(draw(st.integers(1, 3))):
        kind = draw(st.sampled_from(["value", "shape", "dtype", "attr", "input"]))
        if kind in ("value", "shape", "dtype"):
            t = draw(st.sampled_from(list(m.graph.initializer)))
            a = numpy_helper.to_array(t)
            if kind == "value":
                a = np.full(a.shape, draw(st.sampled_from(_BAD_NUMBERS)), dtype=a.dtype if a.dtype.kind == "f" else np.float32)
            elif kind == "shape":
                shape = draw(st.lists(st.integers(0, 5), min_size=0, max_size=3))
                a = np.ones(shape, dtype=a.dtype)
            else:
                a = a.astype(draw(st.sampled_from([np.int64, np.float64, np.bool_, np.int8, np.float16])))
            t.CopyFrom(numpy_helper.from_array(a, t.name))
        elif kind == "attr":
            n = draw(st.sampled_from(list(m.graph.node)))
            if n.attribute:
                attr = draw(st.sampled_from(list(n.attribute)))
                if attr.type == onnx.AttributeProto.INT:
                    attr.i = draw(st.sampled_from([-1, 0, 2, 7, 1 << 40]))
                elif attr.type == onnx.AttributeProto.INTS:
                    del attr.ints[:]
                    attr.ints.extend(draw(st.lists(st.integers(-3, 3), max_size=3)))
                elif attr.type == onnx.AttributeProto.STRING:
                    attr.s = draw(st.sampled_from([b"", b"BOGUS", b"floor", b"\xff"]))
                elif attr.type == onnx.AttributeProto.FLOAT:
                    attr.f = float(draw(st.sampled_from(_BAD_NUMBERS)))
        else:
            n = draw(st.sampled_from(list(m.graph.node)))
            if n.input:
                i = draw(st.integers(0, len(n.input) - 1))
                n.input[i] = draw(st.sampled_from(["", "x", "undefined", n.output[0]]))
    return m


@FUZZ
@given(model=mutated_qonnx())
def test_fuzz_qonnx_graphs(model):
    try:
        import_model(copy.deepcopy(model))
    except FinnrError as e:
        assert str(e)


_QNN_TEXT = print_ir(import_model(small_mlp()))
_TYPES = ["f32", "f64", "i32", "i1", "index", "tensor<1x6xf32>", "tensor<?xf32>", "tensor<f32>", "i64"]


@st.composite
def mutated_ir(draw) -> str:
    lines = _QNN_TEXT.splitlines()
    rnd = random.Random(draw(st.integers(0, 2**32)))
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["delete", "duplicate", "number", "type", "char"]))
        i = rnd.randrange(len(lines))
        line = lines[i]
        if kind == "delete":
            del lines[i]
        elif kind == "duplicate":
            lines.insert(i, line)
        elif kind == "number":
            nums = list(re.finditer(r"-?\d+(\.\d+)?(e[-+]?\d+)?", line))
            if nums:
                m = rnd.choice(nums)
                new = rnd.choice(["0", "-1", "33", "1.5", "nan", "0x10", ""])
                lines[i] = line[: m.start()] + new + line[m.end():]
        elif kind == "type":
            types = list(re.finditer(r"tensor<[^>]*>|\bf32\b|\bi64\b|\bi1\b", line))
            if types:
                m = rnd.choice(types)
                lines[i] = line[: m.start()] + rnd.choice(_TYPES) + line[m.end():]
        elif line:
            j = rnd.randrange(len(line))
            lines[i] = line[:j] + rnd.choice(["", "{", "}", "(", ")", "%", "@", '"', ":", ","]) + line[j + 1:]
        if not lines:
            break
    return "\n".join(lines) + "\n"


@FUZZ
@given(text=mutated_ir())
def test_fuzz_ir_text(tmp_path, text):
    with tempfile.TemporaryDirectory(dir=tmp_path) as d:
        path = Path(d) / "m.mlir"
        path.write_text(text)
        rc, err = run_opt([str(path)])
    assert rc in (0, 2), err
    assert "Traceback" not in err
