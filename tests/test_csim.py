"""C-simulation of the generated HLS C++ reproduces the interpreter bit for
bit: random BNN-PYNQ-style networks of every precision (1-8 bit weights and
activations, bipolar), hand-built partitions of every layer kind of the
kernel library (and the plumbing the conversion adds: forks, width
converters, port copies), and the shared models through `finnr build` +
`finnr csim` against `finnr run`.

Compiling is the slow part, so each test compiles one binary: the networks
of a test are merged into one module, whose tops share one testbench."""

from __future__ import annotations

import json
import time

import numpy as np
import pytest
from xdsl.dialects import func
from xdsl.dialects.builtin import ModuleOp, StringAttr, TensorType
from xdsl.ir import Block, Region

from finnr.backends.hls_cpp import write_hls_project
from finnr.backends.hls_cpp.csim import (
    Simulator,
    run_testbench,
)
from finnr.diagnostics import FinnrError
from finnr.dialects import dataflow as df
from finnr.dialects import datatypes as dt
from finnr.dialects import hls
from finnr.driver.main import main
from finnr.examples.networks import NetSpec, cnn, mlp
from finnr.flows import pipeline
from finnr.frontend.onnx_import import import_model
from finnr.interpreter import entry_function, run, run_batch
from finnr_testing.flow import apply, random_folding
from finnr_testing.shared_models import shared_model
from finnr_testing.toolchains import csim_toolchain_missing

pytestmark = pytest.mark.skipif(csim_toolchain_missing() is not None, reason=str(csim_toolchain_missing()))


def merge(modules: dict[str, ModuleOp]) -> ModuleOp:
    """One module holding the entry function of every module, renamed to
    its key (partitions renamed after it)."""
    merged = ModuleOp([])
    for name, m in modules.items():
        fn = entry_function(m)
        fn.detach()
        fn.properties["sym_name"] = StringAttr(name)
        for i, p in enumerate(op for op in fn.walk() if isinstance(op, df.PartitionOp)):
            p.properties["sym_name"] = StringAttr(f"{name}_df{i}")
        merged.body.block.add_op(fn)
    merged.verify()
    return merged


# --- random networks of every precision ---------------------------------------

# (weight bits, activation bits, kind): 1 = bipolar. Every precision 1..8 of
# weights and of activations, bipolar x bipolar (XNOR-popcount), bipolar x
# int, int x bipolar, MLPs (MVAU, DWC, FIFO) and CNNs (+ SWU, max-pool, pad).
NETWORKS = [
    (1, 1, "mlp"), (1, 1, "cnn"), (2, 1, "mlp"), (1, 4, "cnn"), (2, 3, "cnn"), (3, 5, "mlp"),
    (4, 2, "cnn"), (5, 8, "mlp"), (6, 6, "cnn"), (7, 7, "mlp"), (8, 8, "cnn"),
]


def test_random_networks_of_every_precision_match_the_interpreter(tmp_path):
    modules, inputs, expected = {}, {}, {}
    for i, (w, a, kind) in enumerate(NETWORKS):
        spec = NetSpec(wbits=w, abits=a, relu=bool(i % 2), per_channel=bool(i % 3), negative_bn=True, seed=100 + i)
        m = import_model(mlp(spec) if kind == "mlp" else cnn(spec))
        apply(m, pipeline.STREAMLINE)
        rng = np.random.default_rng(i)
        shape = entry_function(m).function_type.inputs.data[0].get_shape()
        x = (rng.standard_normal((3, *shape[1:])) * 1.5).astype(np.float32)
        apply(m, pipeline.DATAFLOW)
        random_folding(m, rng)
        apply(m, pipeline.buffers())
        name = f"{kind}_w{w}a{a}"
        modules[name], inputs[name] = m, x
        (expected[name],) = run_batch(m, x)
    module = merge(modules)
    kinds = {op.name for op in module.walk() if isinstance(op, df.DataflowOp)}
    assert kinds >= {"dataflow.mvau", "dataflow.swu", "dataflow.maxpool", "dataflow.pad", "dataflow.dwc", "dataflow.fifo"}
    apply(module, pipeline.HLS)
    write_hls_project(module, tmp_path / "hls")
    sim = Simulator(module, tmp_path / "hls")
    for name, x in inputs.items():
        (got,) = sim.run_batch(x, name)
        np.testing.assert_array_equal(got, expected[name], err_msg=name)


# --- hand-built partitions: every kernel and the plumbing ----------------------

I = dt.IntType
U = dt.UIntType
BIP, BIN, TER = dt.BipolarType(), dt.BinaryType(), dt.TernaryType()


def T(elt, *shape) -> TensorType:
    return TensorType(elt, shape)


def function(name: str, in_types: list[TensorType], build, partition_name: str | None = None) -> func.FuncOp:
    """A function whose body is one partition; ``build(args)`` appends the
    layers to the partition block and returns the values it yields."""
    body = Block(arg_types=in_types)
    yielded = build(body, list(body.args))
    body.add_op(df.YieldOp(*yielded))
    fn_block = Block(arg_types=in_types)
    part = df.PartitionOp(list(fn_block.args), [v.type for v in yielded], body, sym_name=partition_name or f"{name}_df")
    fn_block.add_ops([part, func.ReturnOp(*part.results)])
    return func.FuncOp(name, (in_types, [v.type for v in yielded]), Region(fn_block))


def add(block: Block, op):
    block.add_op(op)
    return op.results[0] if len(op.results) == 1 else op.results


def thresholds(rng, rows: int, steps: int, lo: float, hi: float) -> np.ndarray:
    return np.sort(rng.uniform(lo, hi, (rows, steps)), axis=-1).astype(np.float32)


def layer_functions(rng) -> list[func.FuncOp]:
    fns = []

    def vvau_pad(b, args):  # pad (value -3) -> depthwise SWU -> VVAU with thresholds; inserted DWC 2 -> 6
        (x,) = args
        p = add(b, df.PadOp(x, pads=[1, 2, 0, 1], value=-3, simd=2))
        s = add(b, df.SWUOp(p, kernel=[3, 2], stride=[1, 2], simd=2, depthwise=True))
        w = rng.integers(-4, 4, (4, 6))
        v = add(b, df.VVAUOp(s, T(I(3), 1, 4, 4, 4), kernel=[3, 2], weights=w, weight_dtype=I(3),
                             thresholds=thresholds(rng, 4, 7, -40, 40), act_bias=-4, pe=2, simd=3))
        return [v]

    fns.append(function("vvau_pad", [T(I(4), 1, 5, 6, 4)], vvau_pad))

    def vvau_bipolar(b, args):  # bipolar x bipolar VVAU (XNOR) to a bipolar output; VVAU without thresholds
        x, y = args
        s = add(b, df.SWUOp(x, kernel=[2, 2], depthwise=True))
        v = add(b, df.VVAUOp(s, T(BIP, 1, 3, 3, 3), kernel=[2, 2], weights=rng.choice([-1, 1], (3, 4)),
                             weight_dtype=BIP, thresholds=np.array([[0.5], [-1.0], [2.0]], np.float32), pe=3, simd=2))
        s2 = add(b, df.SWUOp(y, kernel=[3, 3], stride=[2, 2], simd=2, depthwise=True))
        v2 = add(b, df.VVAUOp(s2, T(I(8), 1, 2, 2, 2), kernel=[3, 3], weights=rng.integers(-1, 2, (2, 9)),
                              weight_dtype=TER, pe=1, simd=9))
        return [v, v2]

    fns.append(function("vvau_bipolar", [T(BIP, 1, 4, 4, 3), T(U(3), 1, 5, 5, 2)], vvau_bipolar))

    def thresholding(b, args):  # thresholds beyond the input range, shared row, bipolar output, inserted DWC 3 -> 2
        (x,) = args
        t = thresholds(rng, 6, 3, -20, 20)
        t[0] = [-100.0, 0.5, 100.0]
        h = add(b, df.ThresholdingOp(x, T(I(3), 1, 3, 4, 6), thresholds=t, act_bias=-1, pe=3))
        o = add(b, df.ThresholdingOp(h, T(BIP, 1, 3, 4, 6), thresholds=np.array([[0.0]], np.float32), pe=2))
        return [o]

    fns.append(function("thresholding", [T(I(6), 1, 3, 4, 6)], thresholding))

    def labels(b, args):  # two ports in, two out; ties go to the lower index
        x, y = args
        a = add(b, df.LabelSelectOp(x, k=4, pe=3))
        c = add(b, df.LabelSelectOp(y, k=10, pe=5))
        return [a, c]

    fns.append(function("labels", [T(U(2), 1, 12), T(I(5), 1, 2, 10)], labels))

    def residual(b, args):  # duplicate, FIFO, MVAU, add_streams; inserted forks of a port and of a layer; port copy
        x, y = args
        d0, d1 = add(b, df.DuplicateOp(x, 2, pe=2))
        m = add(b, df.MVAUOp(d0, T(I(8), 1, 8), weights=rng.integers(-2, 2, (8, 8)), weight_dtype=I(2), pe=2, simd=4))
        f = add(b, df.FIFOOp(d1, depth=5, elems=2))
        s = add(b, df.AddStreamsOp(m, f, T(I(9), 1, 8), pe=2))
        return [s, m, x, y]

    fns.append(function("residual", [T(I(3), 1, 8), T(U(4), 1, 3)], residual, partition_name="for"))

    def windows(b, args):  # strided, dilated, rectangular SWU; overlapping max-pool; one input, two consumers
        (x,) = args
        s = add(b, df.SWUOp(x, kernel=[2, 3], stride=[2, 1], dilation=[2, 1], simd=2))
        p = add(b, df.MaxPoolOp(x, kernel=[3, 2], stride=[2, 1], pe=1))
        return [s, p]

    fns.append(function("windows", [T(U(3), 1, 9, 7, 2)], windows, partition_name='1 weird/"name"; int'))

    def parallel_windows(b, args):  # issue 22: whole windows per beat into an MVAU and (DWC 12 -> 4) a VVAU
        (x,) = args
        s = add(b, df.SWUOp(x, kernel=[3, 2], stride=[1, 2], dilation=[2, 1], simd=2, parallel_window=True))
        m = add(b, df.MVAUOp(s, T(I(8), 1, 3, 3, 3), weights=rng.integers(-2, 2, (12, 3)), weight_dtype=I(2),
                             pe=3, simd=12))
        d = add(b, df.SWUOp(x, kernel=[2, 2], simd=2, depthwise=True, parallel_window=True))
        v = add(b, df.VVAUOp(d, T(I(7), 1, 6, 5, 2), kernel=[2, 2], weights=rng.integers(-4, 4, (2, 4)),
                             weight_dtype=I(3), pe=1, simd=4))
        return [m, v]

    fns.append(function("parallel_windows", [T(U(2), 1, 7, 6, 2)], parallel_windows))

    def mmv(b, args):  # issue 22: three and two windows per beat into MVAUs of as many vectors a beat
        (x,) = args
        s = add(b, df.SWUOp(x, kernel=[3, 2], stride=[1, 2], dilation=[2, 1], simd=2, parallel_window=True, mmv=3))
        m = add(b, df.MVAUOp(s, T(U(2), 1, 2, 9, 3), weights=rng.integers(-2, 2, (12, 3)), weight_dtype=I(2),
                             thresholds=np.sort(rng.integers(-12, 12, (3, 3)), axis=1), pe=3, simd=12, mmv=3))
        t = add(b, df.SWUOp(x, kernel=[2, 3], stride=[1, 3], simd=2, parallel_window=True, mmv=2))
        n = add(b, df.MVAUOp(t, T(I(8), 1, 5, 6, 2), weights=rng.integers(-2, 2, (12, 2)), weight_dtype=I(2),
                             pe=2, simd=12, mmv=2))
        return [m, n, t]  # t also leaves: a fork of two windows a beat

    fns.append(function("mmv", [T(U(2), 1, 6, 18, 2)], mmv))

    def mmv_pad_pool(b, args):  # issue 22: pad (LEFT % M = 1) and max-pool of M pixels a beat; DWC 4 -> 6
        (x,) = args
        p = add(b, df.PadOp(x, pads=[1, 1, 0, 1], value=2, simd=2, mmv=2))
        return [add(b, df.MaxPoolOp(p, kernel=[3, 2], stride=[2, 2], pe=2, mmv=3))]

    fns.append(function("mmv_pad_pool", [T(I(3), 1, 4, 4, 2)], mmv_pad_pool))

    def mixes(b, args):  # bipolar x int, uint x bipolar -> bipolar, bipolar x ternary, binary x int; DWC 3 -> 4
        x, z, q = args
        h = add(b, df.MVAUOp(x, T(U(2), 1, 3, 6), weights=rng.integers(-4, 4, (8, 6)), weight_dtype=I(3),
                             thresholds=thresholds(rng, 6, 3, -10, 10), pe=3, simd=4))
        g = add(b, df.MVAUOp(h, T(BIP, 1, 3, 4), weights=rng.choice([-1, 1], (6, 4)), weight_dtype=BIP,
                             thresholds=thresholds(rng, 1, 1, -3, 3), pe=2, simd=3))
        o = add(b, df.MVAUOp(g, T(I(4), 1, 3, 5), weights=rng.integers(-1, 2, (4, 5)), weight_dtype=TER, pe=5, simd=2))
        r = add(b, df.MVAUOp(z, T(I(5), 1, 3), weights=rng.integers(-2, 2, (6, 3)), weight_dtype=I(2), pe=1, simd=6))
        c = add(b, df.DWCOp(q, in_elems=3, out_elems=4))
        t = add(b, df.ThresholdingOp(c, T(U(2), 1, 12), thresholds=thresholds(rng, 12, 2, -60, 60), pe=4))
        return [o, r, t]

    fns.append(function("mixes", [T(BIP, 1, 3, 8), T(BIN, 1, 6), T(I(7), 1, 12)], mixes))

    def rearrange(b, args):  # issue 17: a concat of three (one input twice), upsample, depth-to-space CRD and DCR
        x, y, z = args
        c = add(b, df.ConcatOp([x, y, x], simd=2))
        u = add(b, df.UpsampleOp(z, scale=[2, 3], simd=2))
        d = add(b, df.DepthToSpaceOp(c, blocksize=2, mode="CRD", simd=2))
        e = add(b, df.DepthToSpaceOp(y, blocksize=2, mode="DCR"))
        return [u, d, e]

    fns.append(function("rearrange", [T(U(3), 1, 2, 3, 4), T(U(3), 1, 2, 3, 8), T(I(4), 1, 2, 3, 4)], rearrange))
    return fns


def random_value(rng, t: TensorType) -> np.ndarray:
    elt, shape = t.get_element_type(), t.get_shape()
    if isinstance(elt, dt.BipolarType):
        return rng.choice([-1.0, 1.0], shape)
    lo, hi = dt.value_range(elt)
    return rng.integers(int(lo), int(hi) + 1, shape).astype(np.float64)


def test_every_kernel_kind_matches_the_interpreter(tmp_path):
    rng = np.random.default_rng(7)
    module = ModuleOp(layer_functions(rng))
    module.verify()
    kinds = {op.name.split(".")[1] for op in module.walk() if isinstance(op, df.DataflowOp)}
    assert kinds | {"swu_pw", "swu_mmv", "mvau_mmv", "pad_mmv", "maxpool_mmv"} == set(hls.KERNELS)  # the modes' kernels
    cases = {}
    for fn in list(module.ops):
        frames = [[random_value(rng, t) for t in fn.function_type.inputs.data] for _ in range(3)]
        cases[fn.sym_name.data] = (frames, [run(module, f, fn.sym_name.data) for f in frames])
    apply(module, pipeline.HLS)
    tops = [op for op in module.walk() if isinstance(op, hls.TopOp)]
    made = {op.kernel.data for op in module.walk() if isinstance(op, hls.KernelOp)}
    assert made == set(hls.KERNELS) and len(tops) == len(cases)
    write_hls_project(module, tmp_path / "hls")
    sim = Simulator(module, tmp_path / "hls")
    for name, (frames, expected) in cases.items():
        for f, want in zip(frames, expected):
            got = sim.run(f, name)
            assert len(got) == len(want)
            for g, w in zip(got, want):
                np.testing.assert_array_equal(g, w, err_msg=name)
    # the binary is cached in the project: a new simulator does not rebuild it
    binary = sim.binary()
    stamp = binary.stat().st_mtime_ns
    t = time.perf_counter()
    assert Simulator(module, tmp_path / "hls").binary() == binary
    assert binary.stat().st_mtime_ns == stamp and time.perf_counter() - t < 1.0


def test_a_read_from_an_empty_stream_aborts_with_a_message(tmp_path):
    """The stream model's deadlock report: one frame of data for two frames."""
    rng = np.random.default_rng(1)

    def body(b, args):
        return [add(b, df.MVAUOp(args[0], T(I(6), 1, 4), weights=rng.integers(-2, 2, (4, 4)), weight_dtype=I(2)))]

    module = ModuleOp([function("f", [T(U(2), 1, 4)], body)])
    apply(module, pipeline.HLS)
    write_hls_project(module, tmp_path / "hls")
    sim = Simulator(module, tmp_path / "hls")
    binary, (_top, cpp_name) = sim.binary(), sim.tops["f_df"]
    with pytest.raises(FinnrError, match=r"read from empty hls::stream 'in0'"):
        run_testbench(binary, cpp_name, [np.array([0, 1, 2, 3])], [4], frames=2)
    with pytest.raises(FinnrError, match="not representable"):
        run_testbench(binary, cpp_name, [np.array([0, 1, 2, 7])], [4], frames=1)


# --- the shared models through the command line --------------------------------


@pytest.mark.parametrize("name, frames", [("tfc_2w2a", 10), ("cnv_1w1a", 2), ("tiny_resnet_w4a4", 8),
                                          ("tiny_invres_w2a2", 8)])
def test_build_and_csim_reproduce_finnr_run_on_shared_models(name, frames, tmp_path):
    """The residual networks build into one partition (forks and joins
    inside it, nothing multiplied on the host) and C-simulate exactly."""
    onnx_path, golden_path = shared_model(name)
    golden = np.load(golden_path)
    x = tmp_path / "x.npy"
    np.save(x, golden["input"][:frames])
    out = tmp_path / "build"
    assert main(["build", str(onnx_path), "--target-fps", "3000", "-o", str(out)]) == 0
    assert (out / "06-hls.mlir").is_file() and (out / "hls" / "include" / "finnr" / "kernels.h").is_file()
    report = json.loads((out / "report.json").read_text())
    assert report["host_macs"] == 0 and report["partitions"] == 1 and report["hardware_macs"] > 0
    assert main(["csim", str(out), "--input", str(x), "-o", str(tmp_path / "csim.npy")]) == 0
    assert main(["run", str(onnx_path), "--input", str(x), "-o", str(tmp_path / "run.npy")]) == 0
    assert main(["run", str(out / "04-folded.mlir"), "--input", str(x), "-o", str(tmp_path / "ir.npy")]) == 0
    got, want, ir = np.load(tmp_path / "csim.npy"), np.load(tmp_path / "run.npy"), np.load(tmp_path / "ir.npy")
    np.testing.assert_array_equal(got, ir)  # the build's own IR: bit for bit
    # the imported model: its float tail (scale, bias) in another order
    np.testing.assert_allclose(got, want, rtol=0, atol=1e-6)
    np.testing.assert_array_equal(got.argmax(1), golden["output"][:frames].argmax(1))


def test_csim_diagnostics(tmp_path, capsys):
    assert main(["csim", str(tmp_path), "--input", str(tmp_path / "x.npy")]) == 2
    assert "no 06-hls.mlir and hls/ there" in capsys.readouterr().err
