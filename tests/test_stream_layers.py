"""The stream layers of issue 17 (dataflow.concat, dataflow.upsample,
dataflow.depth_to_space): verifiers, interpreter against numpy references,
cost models, FINN names, the qnn -> dataflow conversion on tiny networks
(a concat of two conv branches, a nearest upsample, a depth-to-space in DCR
and CRD) differential against the streamlined qnn level, and their HLS
kernels in C-simulation bit-exact with the interpreter at two foldings."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest
from xdsl.dialects.builtin import Float32Type, ModuleOp, TensorType
from xdsl.parser import Parser
from xdsl.utils.exceptions import VerifyException

from finnr.backends.report import build_report
from finnr.backends.rtl.design import designs
from finnr.diagnostics import FinnrError
from finnr.dialects import dataflow as df
from finnr.dialects import datatypes as dt
from finnr.dialects import finnr_context, qnn
from finnr.dialects.utils import i64_attr
from finnr.examples.onnx_builder import GraphBuilder, f32, vinfo
from finnr.flows import pipeline
from finnr.frontend.onnx_import import import_model
from finnr.interop.finn import OP_TYPE, apply_folding_config, finn_names, finn_op_class, folding_config
from finnr.interpreter import entry_function, numeric, run, run_batch
from finnr.models import calibration, cost, schedule
from finnr.models import layers as lm
from finnr.models.cost import LayerSpec
from finnr.models.devices import get_device
from finnr.models.folding import divisors, set_folding_layer
from finnr.models.optimizer import candidates
from finnr.models.registry import model_of
from finnr.passes.convert_qnn_to_dataflow import upsample_factors
from finnr_testing.flow import apply
from finnr_testing.toolchains import csim_toolchain_missing
from test_csim import add, function, merge
from test_passes_differential import PIPELINE, apply_pass, assert_same, run_checked

U, I = dt.UIntType, dt.IntType


def T(elt, *shape) -> TensorType:
    return TensorType(elt, shape)


def partition_of(in_types, build) -> ModuleOp:
    """A module whose function runs one partition; ``build(args)`` returns
    the layers, the last one's results are yielded."""

    def body(b, args):
        ops = build(args)
        for op in ops:
            b.add_op(op)
        return list(ops[-1].results)

    return ModuleOp([function("f", in_types, body)])


def random_ints(rng, t: TensorType) -> np.ndarray:
    lo, hi = dt.value_range(t.get_element_type())
    return rng.integers(int(lo), int(hi) + 1, t.get_shape()).astype(np.float64)


# --- verifiers -------------------------------------------------------------------


def test_default_result_types():
    def body(b, args):
        x, y = args
        c = add(b, df.ConcatOp([x, y, x], simd=2))
        u = add(b, df.UpsampleOp(x, scale=[2, 3]))
        d = add(b, df.DepthToSpaceOp(y, blocksize=2, mode="CRD"))
        return [c, u, d]

    fn = function("f", [T(U(3), 1, 2, 3, 4), T(U(3), 1, 2, 3, 8)], body)
    ModuleOp([fn]).verify()
    assert [t.get_shape() for t in fn.function_type.outputs.data] == [(1, 2, 3, 16), (1, 4, 9, 4), (1, 4, 6, 2)]


@pytest.mark.parametrize(
    "build, message",
    [
        (lambda x, v: df.ConcatOp([x, v]), "input #1 shape [1, 6] must agree with input #0 shape [1, 2, 3, 4]"),
        (lambda x, v: df.ConcatOp([x, x], simd=3), "simd (3) must divide the channels of input #0 (4)"),
        (lambda x, v: df.UpsampleOp(x, T(U(3), 1, 4, 6, 4), scale=[2, 3]), "result shape must be [1, 4, 9, 4]"),
        (lambda x, v: df.DepthToSpaceOp(x, T(U(3), 1, 4, 6, 1), blocksize=2, simd=2), "simd (2) must divide the output channels (1)"),
        (lambda x, v: df.DepthToSpaceOp(x, blocksize=2, mode="DRC"), "mode must be one of DCR, CRD, got 'DRC'"),
    ],
)
def test_verifiers_name_the_rule(build, message):
    with pytest.raises(VerifyException, match=re.escape(message)):
        partition_of([T(U(3), 1, 2, 3, 4), T(U(3), 1, 6)], lambda a: [build(*a)]).verify()


# --- interpreter against numpy references -------------------------------------------


def _reference_depth_to_space(x: np.ndarray, b: int, mode: str) -> np.ndarray:
    """Element by element: output (y*b + bh, x*b + bw, c) reads input
    channel (bh*b + bw)*C + c (DCR) or c*b*b + bh*b + bw (CRD)."""
    n, h, w, cin = x.shape
    c = cin // (b * b)
    y = np.empty((n, h * b, w * b, c))
    for oy, ox, k in np.ndindex(h * b, w * b, c):
        bh, bw = oy % b, ox % b
        ci = (bh * b + bw) * c + k if mode == "DCR" else k * b * b + bh * b + bw
        y[:, oy, ox, k] = x[:, oy // b, ox // b, ci]
    return y


@pytest.mark.parametrize("mode", ["DCR", "CRD"])
def test_depth_to_space_interpreters_match_the_reference(mode):
    rng = np.random.default_rng(1)
    t = T(U(4), 1, 2, 3, 12)
    x = random_ints(rng, t)
    m = partition_of([t], lambda a: [df.DepthToSpaceOp(a[0], blocksize=2, mode=mode, simd=3)])
    (got,) = run(m, [x], "f")
    want = _reference_depth_to_space(x, 2, mode)
    np.testing.assert_array_equal(got, want)
    # the qnn op in NHWC equals the reference too, and ONNX's NCHW form transposed
    nhwc = numeric.depth_to_space(x.transpose(0, 3, 1, 2), 2, mode).transpose(0, 2, 3, 1)
    np.testing.assert_array_equal(nhwc, want)
    from finnr.interpreter.qnn import _in_nchw

    op = qnn.DepthToSpaceOp(m.body.block.first_op.args[0], T(U(4), 1, 4, 6, 3), blocksize=2, mode=mode, data_layout="NHWC")
    np.testing.assert_array_equal(_in_nchw(op, x, lambda v: numeric.depth_to_space(v, 2, mode)), want)


def test_upsample_and_concat_interpreters_match_the_reference():
    rng = np.random.default_rng(2)
    tx, ty = T(I(4), 1, 2, 3, 4), T(I(4), 1, 2, 3, 2)
    x, y = random_ints(rng, tx), random_ints(rng, ty)
    m = partition_of([tx], lambda a: [df.UpsampleOp(a[0], scale=[3, 2], simd=2)])
    (got,) = run(m, [x], "f")
    for oy, ox in np.ndindex(6, 6):
        np.testing.assert_array_equal(got[:, oy, ox], x[:, oy // 3, ox // 2])
    m = partition_of([tx, ty], lambda a: [df.ConcatOp([a[1], a[0], a[1]], simd=2)])
    (got,) = run(m, [x, y], "f")
    np.testing.assert_array_equal(got[..., :2], y)
    np.testing.assert_array_equal(got[..., 2:6], x)
    np.testing.assert_array_equal(got[..., 6:], y)


def test_qnn_block_rearrange_in_nhwc_is_nchw_transposed():
    """space_to_depth in NHWC inverts an NHWC DCR depth_to_space."""
    from xdsl.dialects import func
    from xdsl.ir import Block, Region

    t = T(U(2), 1, 2, 3, 8)
    block = Block(arg_types=[t])
    d = qnn.DepthToSpaceOp(block.args[0], T(U(2), 1, 4, 6, 2), blocksize=2, data_layout="NHWC")
    s = qnn.SpaceToDepthOp(d.result, t, blocksize=2, data_layout="NHWC")
    block.add_ops([d, s, func.ReturnOp(d.result, s.result)])
    m = ModuleOp([func.FuncOp("f", ([t], [d.result.type, t]), Region(block))])
    m.verify()
    x = random_ints(np.random.default_rng(3), t)
    y, z = run(m, [x], "f")
    np.testing.assert_array_equal(y, _reference_depth_to_space(x, 2, "DCR"))
    np.testing.assert_array_equal(z, x)


# --- which resizes are an integer upsampling --------------------------------------------


# (coordinate mode, nearest mode) -> the integer factors s >= 2 for which
# output index i reads input index i // s at every size
IN_I_DIV_S = {
    ("half_pixel", "round_prefer_floor"): "all", ("half_pixel", "round_prefer_ceil"): "all",
    ("pytorch_half_pixel", "round_prefer_floor"): "all", ("pytorch_half_pixel", "round_prefer_ceil"): "all",
    ("asymmetric", "floor"): "all", ("tf_half_pixel_for_nn", "floor"): "all",
    ("asymmetric", "round_prefer_floor"): (2,),
    ("align_corners", "round_prefer_floor"): (2,), ("align_corners", "round_prefer_ceil"): (2,),
}


@pytest.mark.parametrize("coord", qnn.RESIZE_COORDINATE_MODES)
@pytest.mark.parametrize("nearest", qnn.RESIZE_NEAREST_MODES)
def test_upsample_factors_of_every_mode_pair(coord, nearest):
    from xdsl.ir import Block

    block = Block(arg_types=[T(U(2), 1, 5, 7, 3)])
    for s in (2, 3):
        op = qnn.ResizeOp(block.args[0], T(U(2), 1, 5 * s, 7 * s, 3), scales=[1, s, s, 1],
                          coordinate_transformation_mode=coord, nearest_mode=nearest)
        expected = IN_I_DIV_S.get((coord, nearest), ())
        assert (upsample_factors(op) == (s, s)) == (expected == "all" or s in expected), (coord, nearest, s)
        if upsample_factors(op) is not None:  # the same index map as the qnn interpreter
            x = np.arange(5 * 7 * 3, dtype=np.float64).reshape(1, 5, 7, 3)
            y = numeric.resize_nearest(x, (1, 5 * s, 7 * s, 3), [1, s, s, 1], coord, nearest)
            np.testing.assert_array_equal(y, x.repeat(s, 1).repeat(s, 2))


def test_upsample_factors_refuse_other_axes_and_fractions():
    from xdsl.ir import Block

    x = Block(arg_types=[T(U(2), 1, 4, 4, 2)]).args[0]
    modes = {"coordinate_transformation_mode": "asymmetric", "nearest_mode": "floor"}
    assert upsample_factors(qnn.ResizeOp(x, T(U(2), 1, 8, 4, 2), scales=[1, 2, 1, 1], **modes)) == (2, 1)
    assert upsample_factors(qnn.ResizeOp(x, T(U(2), 1, 4, 4, 4), scales=[1, 1, 1, 2], **modes)) is None
    assert upsample_factors(qnn.ResizeOp(x, T(U(2), 2, 4, 4, 2), scales=[2, 1, 1, 1], **modes)) is None
    assert upsample_factors(qnn.ResizeOp(x, T(U(2), 1, 6, 4, 2), scales=[1, 1.5, 1, 1], **modes)) is None
    assert upsample_factors(qnn.ResizeOp(x, T(U(2), 1, 2, 4, 2), scales=[1, 0.5, 1, 1], **modes)) is None


# --- qnn-move-transposes -----------------------------------------------------------

MOVE_TRANSPOSES_CASES = Path(__file__).parent / "filecheck" / "passes" / "qnn-move-transposes-stream-layers.mlir"


@pytest.mark.parametrize("case", MOVE_TRANSPOSES_CASES.read_text().split("// -----"))
def test_move_transposes_patterns_move_data_exactly(case):
    """Each FileCheck case of the patterns computes the same before and after
    the pass, on random inputs (rewritten or refused)."""
    module = Parser(finnr_context(), case).parse_module()
    fn = entry_function(module)
    rng = np.random.default_rng(4)
    args = [rng.standard_normal(t.get_shape()).astype(np.float32) if isinstance(t.get_element_type(), Float32Type)
            else random_ints(rng, t) for t in fn.function_type.inputs.data]
    before = run(module, args)
    apply(module, "qnn-move-transposes")
    for got, want in zip(run(module, args), before, strict=True):
        np.testing.assert_array_equal(got, want)


# --- cost models -------------------------------------------------------------------


def _spec(op_builder, *in_types):
    m = partition_of(list(in_types), lambda a: [op_builder(a)])
    (op,) = [o for o in m.walk() if lm.is_layer(o)]
    return op, lm.spec_of(op)


def test_cycles_and_stream_widths():
    op, spec = _spec(lambda a: df.ConcatOp([a[0], a[1]], simd=2), T(U(3), 1, 5, 5, 4), T(U(3), 1, 5, 5, 6))
    assert spec.extra["inputs"] == (4, 6) and model_of(op).folded_dims(spec) == (None, 2)
    assert lm.layer_cycles(op) == 10 / 2 * 25 and lm.stream_widths(op) == (2, 2)
    op, spec = _spec(lambda a: df.UpsampleOp(a[0], scale=[2, 3], simd=2), T(U(3), 1, 4, 5, 6))
    assert lm.layer_cycles(op) == 6 / 2 * 8 * 15 and model_of(op).folded_dims(spec) == (None, 6)
    assert model_of(op).activation_bytes(spec) == 6 * (20 * 3 + 120 * 3) / 8
    op, spec = _spec(lambda a: df.DepthToSpaceOp(a[0], blocksize=2, simd=3), T(U(3), 1, 4, 5, 24))
    # (H + 1) rows of W pixels of B*B*C channels, SIMD per beat: the first row fills first
    assert lm.layer_cycles(op) == 5 * 5 * 24 / 3 and model_of(op).folded_dims(spec) == (None, 6)
    # its schedule: input row 0 (5*24/3 = 40 beats) is read first; the first
    # output beat leaves the cycle after step 40, the last after step 199
    (taken,), (out,) = schedule.SCHEDULES[df.DepthToSpaceOp](op, [np.zeros(4 * 40, np.int64)], 1)
    assert list(taken[[0, -1]]) == [0, 159] and list(out[[0, -1]]) == [41, 200] and len(out) == 160


def test_resources_follow_the_buffers():
    # concat: 50 + N·SIMD·A LUTs, no memory
    r = cost.resources(LayerSpec("concat", channels=12, vectors=4, abits=4, extra={"inputs": (4, 4, 4)}), 1, 2)
    assert (float(r["lut"]), float(r["bram18"])) == (50 + 3 * 8, 0)
    # upsample: one input row, 8 x 16/4 words of 4·2 bits in LUTRAM ...
    small = LayerSpec("upsample", channels=16, ifm=(8, 8), ofm=(16, 16), vectors=256, abits=2)
    r = cost.resources(small, 1, 4)
    assert (float(r["lut"]), float(r["bram18"])) == (100 + 2 * 8 + 8 * 1, 0)
    # ... 64 x 64/4 = 1024 words of 32 bits (32 Kib) in BRAM18: 1 x ceil(32/18)
    big = LayerSpec("upsample", channels=64, ifm=(64, 64), ofm=(128, 128), vectors=128 * 128, abits=8)
    r = cost.resources(big, 1, 4)
    assert (float(r["lut"]), float(r["bram18"])) == (100 + 2 * 32, 2)
    # depth_to_space: B²·SIMD banks of 2·W·C/SIMD words of A bits: 4 x 1024 x 8 bits in BRAM18
    d2s = LayerSpec("depth_to_space", channels=16, ifm=(32, 32), ofm=(64, 64), vectors=64 * 64, abits=8)
    r = cost.resources(d2s, 1, 1)
    assert (float(r["lut"]), float(r["bram18"])) == (100 + (2 + 4) * 8, 4)
    r = cost.resources(LayerSpec("depth_to_space", channels=2, ifm=(4, 4), ofm=(8, 8), vectors=64, abits=3), 1, 2)
    assert (float(r["lut"]), float(r["bram18"])) == (100 + 6 * 6 + 8 * 3, 0)
    # yosys terms for each kind
    assert set(calibration.terms(d2s, 1, 2)) == {"const", "width", "banks", "buffer"}
    assert float(calibration.terms(d2s, 1, 2)["banks"]) == 8
    assert set(calibration.terms(small, 1, 4)) == {"const", "width", "buffer"}
    assert float(calibration.terms(LayerSpec("concat", channels=12, abits=4, extra={"inputs": (4, 8)}), 1, 4)["mux"]) == 16


def test_folding_heuristic_and_optimizer_fold_simd_legally():
    ops = [
        _spec(lambda a: df.ConcatOp([a[0], a[1]]), T(U(3), 1, 5, 5, 4), T(U(3), 1, 5, 5, 6))[0],
        _spec(lambda a: df.UpsampleOp(a[0], scale=[2, 2]), T(U(3), 1, 4, 4, 6))[0],
        _spec(lambda a: df.DepthToSpaceOp(a[0], blocksize=2, mode="CRD"), T(U(3), 1, 4, 4, 24))[0],
    ]
    for op in ops:
        spec = lm.spec_of(op)
        _, dim = model_of(op).folded_dims(spec)
        fold = set_folding_layer(spec, 60)  # raises SIMD through the divisors of its dimension
        assert fold.pe == 1 and fold.simd in divisors(dim) and fold.simd > 1
        c = candidates(spec)
        assert set(c.simd.tolist()) == set(divisors(dim)) and np.all(c.cycles > 0)
        op.properties["simd"] = i64_attr(int(c.simd.max()))
        op.verify()


def test_finn_names_and_folding_config():
    m = partition_of([T(U(3), 1, 2, 2, 4)], lambda a: [
        u := df.UpsampleOp(a[0], scale=[2, 2]), c := df.ConcatOp([u.result, u.result]),
        df.DepthToSpaceOp(c.result, blocksize=2),
    ])
    layers = lm.dataflow_layers(m)
    assert finn_names(layers) == ["UpsampleNearestNeighbour_hls_0", "StreamingConcat_hls_0", "FinnrDepthToSpace_hls_0"]
    config = folding_config(layers)
    assert config["StreamingConcat_hls_0"] == {"SIMD": 1}
    assert apply_folding_config(layers, {"StreamingConcat_hls_0": {"SIMD": 4}, "UpsampleNearestNeighbour_hls_0": {"SIMD": 2},
                                         "FinnrDepthToSpace_hls_0": {"SIMD": 2}}) == []
    assert [lm.folding(op)[1] for op in layers] == [2, 4, 2]
    with pytest.raises(FinnrError, match="folding config 'FinnrDepthToSpace_hls_0' does not fit dataflow.depth_to_space"):
        apply_folding_config(layers, {"FinnrDepthToSpace_hls_0": {"SIMD": 4}})
    assert finn_op_class("UpsampleNearestNeighbour_Batch_1") is df.UpsampleOp
    assert finn_op_class("StreamingConcat_hls_2") is df.ConcatOp and OP_TYPE[df.DepthToSpaceOp] == "FinnrDepthToSpace_hls"


def test_rtl_target_binds_them_to_their_engines():
    """(Their simulations: tests/test_rtl.py.)"""
    m = partition_of([T(U(3), 1, 2, 2, 4), T(U(3), 1, 4, 4, 4)], lambda a: [
        u := df.UpsampleOp(a[0], scale=[2, 2]), c := df.ConcatOp([u.result, a[1]]),
        df.DepthToSpaceOp(c.result, blocksize=2),
    ])
    (design,) = designs(m)
    assert [layer.engine for layer in design.layers] == ["finnr_upsample", "finnr_concat", "finnr_depth_to_space"]


# --- tiny networks through the whole flow ---------------------------------------------


def _conv_block(b: GraphBuilder, rng, x: str, cin: int, cout: int, k: int, scale: float = 0.25) -> str:
    """Conv (2-bit weights, same padding) -> BatchNorm -> Relu -> 3-bit unsigned Quant."""
    w = b.quant(b.const(f32(rng.standard_normal((cout, cin, k, k))), "w"), f32(rng.uniform(0.1, 0.4)), 0.0, 2,
                signed=True, narrow=True)
    y = b.node("Conv", [x, w], kernel_shape=[k, k], pads=[k // 2] * 4)
    bn = [b.const(f32(rng.uniform(lo, hi, cout)), n) for n, lo, hi in
          (("g", 0.5, 1.5), ("b", -1, 1), ("m", -1, 1), ("v", 0.5, 1.5))]
    y = b.node("BatchNormalization", [y, *bn], epsilon=1e-4)
    return b.quant(b.node("Relu", [y]), scale, 0.0, 3, signed=False)


def _head(b: GraphBuilder, rng, x: str, cin: int) -> str:
    w = b.quant(b.const(f32(rng.standard_normal((3, cin, 1, 1))), "w"), 0.25, 0.0, 2, signed=True, narrow=True)
    return b.node("Conv", [x, w], kernel_shape=[1, 1])


def concat_net(seed: int = 0):
    """Two conv branches of the input (3x3 to 4 channels, 1x1 to 2), one
    activation scale, concatenated, then a 1x1 conv."""
    rng = np.random.default_rng(seed)
    b = GraphBuilder()
    x = b.quant("x", 0.25, 0.0, 4, signed=True)
    c = b.node("Concat", [_conv_block(b, rng, x, 2, 4, 3), _conv_block(b, rng, x, 2, 2, 1)], axis=1)
    return b.model([vinfo("x", [1, 2, 5, 5])], [_head(b, rng, c, 6)])


def upsample_net(seed: int = 0, opset11: bool = True):
    """conv -> nearest upsample by 2 (Resize with ONNX's default half_pixel
    + round_prefer_floor, or opset-9 Upsample: asymmetric + floor) -> 1x1 conv."""
    rng = np.random.default_rng(seed)
    b = GraphBuilder(opset=13 if opset11 else 9)
    h = _conv_block(b, rng, b.quant("x", 0.25, 0.0, 4, signed=True), 2, 4, 3)
    scales = b.const(f32([1, 1, 2, 2]), "scales")
    u = b.node("Resize", [h, "", scales], mode="nearest") if opset11 else b.node("Upsample", [h, scales], mode="nearest")
    return b.model([vinfo("x", [1, 2, 3, 4])], [_head(b, rng, u, 4)])


def d2s_net(mode: str, seed: int = 0):
    """conv to 8 channels -> DepthToSpace(2, mode) -> 1x1 conv."""
    rng = np.random.default_rng(seed)
    b = GraphBuilder()
    h = _conv_block(b, rng, b.quant("x", 0.25, 0.0, 4, signed=True), 2, 8, 3)
    return b.model([vinfo("x", [1, 2, 3, 3])], [_head(b, rng, b.node("DepthToSpace", [h], blocksize=2, mode=mode), 2)])


NETWORKS = {
    "concat": (concat_net, df.ConcatOp),
    "upsample": (upsample_net, df.UpsampleOp),
    "upsample9": (lambda: upsample_net(opset11=False), df.UpsampleOp),
    "d2s_dcr": (lambda: d2s_net("DCR"), df.DepthToSpaceOp),
    "d2s_crd": (lambda: d2s_net("CRD"), df.DepthToSpaceOp),
}


def fold(module, widest: bool) -> None:
    """Every layer at SIMD/PE 1, or at the largest divisor of the dimension it folds."""
    for op in lm.compute_layers(list(module.walk())):
        props = type(op).get_irdl_definition().properties
        for name, dim in zip(("pe", "simd"), model_of(op).folded_dims(lm.spec_of(op))):
            if dim is not None and name in props:
                op.properties[name] = i64_attr(dim if widest else 1)
    module.verify()


def streamlined(name: str):
    build, layer = NETWORKS[name]
    module = import_model(build())
    shape = entry_function(module).function_type.inputs.data[0].get_shape()
    x = np.random.default_rng(5).standard_normal((3, *shape[1:])).astype(np.float32)
    (imported,) = run_batch(module, x)
    apply(module, pipeline.STREAMLINE)
    (expected,) = run_batch(module, x)
    np.testing.assert_allclose(expected, imported, rtol=1e-5, atol=1e-5)
    return module, layer, x, expected


@pytest.mark.parametrize("name", NETWORKS)
def test_every_streamline_pass_preserves_semantics(name):
    """Every pass of qnn-streamline (qnn-move-transposes sinking the layout
    transposes past the layer among them) computes what the imported
    network does, every value within its datatype."""
    module = import_model(NETWORKS[name][0]())
    shape = entry_function(module).function_type.inputs.data[0].get_shape()
    batch = np.random.default_rng(6).standard_normal((3, *shape[1:])).astype(np.float32)
    before = run_checked(module, batch)
    for p in PIPELINE:
        apply_pass(module, p)
        assert_same(run_checked(module, batch), before, f"after {p.name}")
    layer = {df.ConcatOp: qnn.ConcatOp, df.UpsampleOp: qnn.ResizeOp, df.DepthToSpaceOp: qnn.DepthToSpaceOp}[NETWORKS[name][1]]
    (op,) = [op for op in module.walk() if isinstance(op, layer)]
    assert not isinstance(op.operands[0].owner, qnn.TransposeOp)  # it reads NHWC streams
    assert not isinstance(op, qnn.DepthToSpaceOp) or op.data_layout.data == "NHWC"


def folded(name: str, widest: bool):
    """The network converted to dataflow, folded (:func:`fold`), with FIFOs
    and width converters; its input batch and the streamlined qnn output."""
    module, layer, x, expected = streamlined(name)
    apply(module, pipeline.DATAFLOW)
    assert not any(isinstance(op, qnn.ConcatOp | qnn.ResizeOp | qnn.DepthToSpaceOp) for op in module.walk())
    assert sum(isinstance(op, layer) for op in module.walk()) == 1
    fold(module, widest)
    apply(module, pipeline.buffers())
    return module, x, expected


@pytest.mark.parametrize("name", NETWORKS)
@pytest.mark.parametrize("widest", [False, True])
def test_conversion_equals_streamlined_qnn(name, widest):
    """Lowered NCHW networks reach the layer in NHWC (qnn-move-transposes):
    it is converted, and the folded dataflow level computes exactly what the
    streamlined qnn level does."""
    module, x, expected = folded(name, widest)
    (got,) = run_batch(module, x)
    np.testing.assert_array_equal(got, expected)


def test_estimate_and_report_cover_them():
    module, *_ = streamlined("d2s_crd")
    apply(module, pipeline.DATAFLOW, pipeline.folding(target_fps=1e5), pipeline.buffers(), pipeline.ESTIMATE)
    report = build_report(module, get_device("pynq-z1"))
    (row,) = [r for r in report["layers"] if r["kind"] == "depth_to_space"]
    op = next(op for op in module.walk() if isinstance(op, df.DepthToSpaceOp))
    assert row["name"] == "FinnrDepthToSpace_hls_0" and row["cycles"] == lm.layer_cycles(op) > 0 and row["lut"] > 100
    assert report["fps"] <= 100e6 / row["cycles"]


@pytest.mark.skipif(csim_toolchain_missing() is not None, reason=str(csim_toolchain_missing()))
def test_csim_of_the_networks_matches_the_interpreter(tmp_path):
    """The networks at the narrowest and the widest folding, one binary."""
    from finnr.backends.hls_cpp import write_hls_project
    from finnr.backends.hls_cpp.csim import Simulator

    cases = {f"{name}_{'wide' if widest else 'narrow'}": folded(name, widest) for name, widest in
             (("concat", False), ("concat", True), ("upsample", True), ("d2s_dcr", True), ("d2s_crd", False))}
    module = merge({key: m for key, (m, _, _) in cases.items()})
    expected = {key: run_batch(module, x, key)[0] for key, (_, x, _) in cases.items()}
    apply(module, pipeline.HLS)
    assert {"concat", "upsample", "depth_to_space"} <= {op.kernel.data for op in module.walk() if op.name == "hls.kernel"}
    write_hls_project(module, tmp_path / "hls")
    sim = Simulator(module, tmp_path / "hls")
    for key, (_, x, _) in cases.items():
        np.testing.assert_array_equal(sim.run_batch(x, key)[0], expected[key], err_msg=key)
