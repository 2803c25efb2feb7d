"""Import forms added for the networks people deploy (MobileNet, ResNet,
ESPCN, the QONNX model zoo): activations, Trunc v2, data movement, pools,
classifier tails. Each form is compared with onnxruntime (standard ops) or
qonnx's executor (QONNX ops) on random inputs."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from onnx import TensorProto

pytest.importorskip("onnxruntime")
pytest.importorskip("qonnx.core.onnx_exec")

from finnr.diagnostics import FinnrError  # noqa: E402
from finnr.examples.onnx_builder import CUSTOM_DOMAINS, ROUNDING_MODES, GraphBuilder, f32, vinfo  # noqa: E402
from finnr.frontend.onnx_import import import_model  # noqa: E402
from finnr_testing.onnx_run import assert_close, compare_with_qonnx, random_input, run_finnr, run_ort  # noqa: E402

FAST = settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
seeds = st.integers(0, 2**32 - 1)


def qnn_ops(module) -> list[str]:
    return [op.name for op in module.walk() if op.name.startswith("qnn.")]


# --- activations -------------------------------------------------------------


@FAST
@given(seed=seeds, opset=st.sampled_from([9, 11, 13, 18]), with_quant=st.booleans())
def test_activations_match_onnxruntime(seed, opset, with_quant):
    """LeakyRelu, Clip (both bounds, one bound, HardTanh-style), Sigmoid,
    Tanh, HardSigmoid, with and without a quantizer in front and after."""
    rng = np.random.default_rng(seed)
    b = GraphBuilder(opset=opset)
    x = b.quant("x", 0.125, 0.0, 6) if with_quant else "x"
    alpha = float(rng.uniform(0, 0.5))
    ys = [b.node("LeakyRelu", [x], alpha=alpha), b.node("LeakyRelu", [x])]
    if opset < 11:
        ys += [b.node("Clip", [x], min=-1.0, max=1.0), b.node("Clip", [x], min=0.0)]
    else:
        ys += [b.node("Clip", [x, b.const(f32(-1.0)), b.const(f32(1.0))]), b.node("Clip", [x, b.const(f32(0.0))]),
               b.node("Clip", [x, "", b.const(f32(0.5))])]
    ys += [b.node("Sigmoid", [x]), b.node("Tanh", [x]), b.node("HardSigmoid", [x]),
           b.node("HardSigmoid", [x], alpha=1 / 6, beta=0.5)]
    if with_quant:
        ys = [b.quant(y, 0.0625, 0.0, 4) for y in ys]
    model = b.model([vinfo("x", [1, 3, 4])], ys)
    compare_with_qonnx(model, random_input(rng, [1, 3, 4], scale=3.0))


def test_activations_import_as_qnn_ops():
    b = GraphBuilder(opset=13)
    y = b.node("HardSigmoid", [b.node("Tanh", [b.node("Sigmoid", [b.node("Clip", [b.node("LeakyRelu", ["x"], alpha=0.2), b.const(f32(-2.0))])])])])
    m = import_model(b.model([vinfo("x", [1, 4])], [y]))
    assert qnn_ops(m) == ["qnn.leaky_relu", "qnn.constant", "qnn.clip", "qnn.sigmoid", "qnn.tanh", "qnn.hard_sigmoid"] or \
        qnn_ops(m) == ["qnn.leaky_relu", "qnn.clip", "qnn.sigmoid", "qnn.tanh", "qnn.hard_sigmoid"]


def test_activations_fold_on_constants():
    b = GraphBuilder(opset=13)
    c = b.node("Sigmoid", [b.node("LeakyRelu", [b.const(f32([-1.0, 2.0]))], alpha=0.5)])
    y = b.node("Add", ["x", c])
    x = f32([[0.0, 0.0]])
    model = b.model([vinfo("x", [1, 2])], [y])
    assert qnn_ops(import_model(model)).count("qnn.sigmoid") == 0
    assert_close(run_finnr(model, x), run_ort(model, x))


def test_quantized_activation_matches_qonnx():
    rng = np.random.default_rng(0)
    b = GraphBuilder()
    y = b.quant(b.node("LeakyRelu", [b.quant("x", 0.25, 0.0, 4)], alpha=0.125), 0.5, 0.0, 3)
    model = b.model([vinfo("x", [1, 8])], [y])
    compare_with_qonnx(model, random_input(rng, [4, 8]), exact=True)


# --- Trunc v2 ------------------------------------------------------------------


@FAST
@given(
    seed=seeds, in_bits=st.integers(2, 10), shift=st.integers(-1, 4), out_bits=st.integers(2, 8),
    signed=st.booleans(), narrow=st.booleans(), mode=st.sampled_from(ROUNDING_MODES), zero_zp=st.booleans(),
    domain=st.sampled_from(CUSTOM_DOMAINS),
)
def test_trunc_v2_matches_qonnx(seed, in_bits, shift, out_bits, signed, narrow, mode, zero_zp, domain):
    """A TruncAvgPool2d as Brevitas >= 0.11 exports it: average pool, then
    Trunc with 6 inputs; the shift comes from out_scale/scale, the result
    is clipped to out_bits (signed, narrow) before rounding."""
    rng = np.random.default_rng(seed)
    pow2 = bool(rng.integers(2))
    scale = f32(2.0 ** rng.integers(-4, 0) if pow2 else rng.uniform(0.01, 0.2))
    zp = f32(0.0 if zero_zp else rng.integers(-2, 3))
    b = GraphBuilder(domain=domain)
    q = b.quant("x", scale, zp, in_bits, signed=True)
    # a pool's float sum rounds differently in onnxruntime unless the values
    # are exact binary fractions: pool only power-of-two scales
    p = b.node("AveragePool", [q], kernel_shape=[2, 2], strides=[2, 2]) if pow2 else q
    y = b.trunc_v2(p, scale, zp, in_bits + 2, scale * f32(2.0**shift), out_bits, signed, narrow, mode)
    model = b.model([vinfo("x", [1, 3, 4, 4])], [y], custom_opset=2)
    x = random_input(rng, [1, 3, 4, 4], scale=float(scale) * 2 ** (in_bits - 1))
    compare_with_qonnx(model, x, exact=True)


def test_trunc_v2_imports_with_out_scale():
    b = GraphBuilder()
    y = b.trunc_v2("x", 0.5, 0.0, 10, 2.0, 8, signed=False, rounding_mode="ROUND")
    m = import_model(b.model([vinfo("x", [1, 4])], [y], custom_opset=2))
    (op,) = [o for o in m.walk() if o.name == "qnn.trunc"]
    assert op.is_v2 and not op.is_signed and not op.is_narrow and op.rounding_mode.data == "ROUND"


def test_trunc_with_other_input_counts_is_refused():
    b = GraphBuilder()
    b.nodes.append(__import__("onnx").helper.make_node("Trunc", ["x", b.const(f32(1.0)), b.const(f32(0.0)), b.const(f32(8.0))], ["y"], domain=b.domain))
    with pytest.raises(FinnrError, match=r"Trunc takes 5 \(v1\) or 6 \(v2\) inputs, got 4"):
        import_model(b.model([vinfo("x", [1, 4])], ["y"]))


# --- data movement ---------------------------------------------------------------


@FAST
@given(seed=seeds, b=st.sampled_from([1, 2, 3]), mode=st.sampled_from(["DCR", "CRD"]), quant=st.booleans())
def test_depth_and_space_rearrangements_match_onnxruntime(seed, b, mode, quant):
    """DepthToSpace (DCR and CRD: PixelShuffle) and SpaceToDepth of
    activations, and of a constant (folded)."""
    rng = np.random.default_rng(seed)
    g = GraphBuilder(opset=13)
    x = g.quant("x", 0.25, 0.0, 5) if quant else "x"
    d = g.node("DepthToSpace", [x], blocksize=b, mode=mode)  # (1, 2, 3b, 2b)
    s = g.node("SpaceToDepth", [d], blocksize=b)
    c = g.node("DepthToSpace", [g.const(f32(rng.standard_normal((1, 2 * b * b, 3, 2))))], blocksize=b, mode=mode)
    y = g.node("Add", [d, c])
    model = g.model([vinfo("x", [1, 2 * b * b, 3, 2])], [y, s])
    compare_with_qonnx(model, random_input(rng, [1, 2 * b * b, 3, 2]))


RESIZE_FORMS = [
    # (opset, attrs, scales, sizes)
    (13, {}, [1, 1, 2, 2], None),
    (13, {"coordinate_transformation_mode": "asymmetric", "nearest_mode": "floor"}, [1, 1, 2, 3], None),
    (13, {"coordinate_transformation_mode": "align_corners", "nearest_mode": "round_prefer_ceil"}, None, [1, 3, 7, 5]),
    (13, {"coordinate_transformation_mode": "pytorch_half_pixel", "nearest_mode": "ceil"}, None, [1, 3, 9, 4]),
    (13, {"coordinate_transformation_mode": "tf_half_pixel_for_nn"}, [1, 1, 1.5, 2.5], None),
    (13, {}, [1, 1, 0.5, 0.5], None),
    (11, {"coordinate_transformation_mode": "asymmetric", "nearest_mode": "floor"}, [1, 1, 2, 2], None),
    (18, {"axes": [2, 3]}, [3, 2], None),
    (18, {"axes": [3]}, None, [7]),
    (10, {}, [1, 1, 2, 3], None),
]


@pytest.mark.parametrize("opset,attrs,scales,sizes", RESIZE_FORMS)
def test_resize_nearest_matches_onnxruntime(opset, attrs, scales, sizes):
    rng = np.random.default_rng(opset)
    g = GraphBuilder(opset=opset)
    if opset == 10:
        inputs = ["x", g.const(f32(scales))]
    else:
        roi = g.const(f32([])) if opset == 11 else ""
        inputs = ["x", roi, g.const(f32(scales)) if scales is not None else ""]
        if sizes is not None:
            inputs.append(g.const(np.asarray(sizes, np.int64)))
    y = g.node("Resize", inputs, mode="nearest", **attrs)
    model = g.model([vinfo("x", [1, 3, 4, 4])], [y])
    x = random_input(rng, [1, 3, 4, 4])
    assert_close(run_finnr(model, x), run_ort(model, x))


@pytest.mark.parametrize("opset", [7, 9])
def test_upsample_matches_onnxruntime(opset):
    rng = np.random.default_rng(opset)
    g = GraphBuilder(opset=opset)
    scales = [1.0, 1.0, 2.0, 3.0]
    y = g.node("Upsample", ["x"], mode="nearest", scales=scales) if opset == 7 else g.node("Upsample", ["x", g.const(f32(scales))], mode="nearest")
    model = g.model([vinfo("x", [1, 2, 3, 3])], [y])
    x = random_input(rng, [1, 2, 3, 3])
    assert_close(run_finnr(model, x), run_ort(model, x))


@FAST
@given(seed=seeds, opset=st.sampled_from([11, 13, 18]))
def test_split_slice_concat_of_activations_match_onnxruntime(seed, opset):
    """Split (sizes as attribute, input, or equal parts), Slice with
    negative, clamped and reversed bounds, Concat of computed tensors."""
    rng = np.random.default_rng(seed)
    g = GraphBuilder(opset=opset)
    x = g.node("Relu", ["x"])
    if opset < 13:
        a, b2 = g.node("Split", [x], n_out=2, axis=1, split=[2, 4])
    else:
        a, b2 = g.node("Split", [x, g.const(np.array([2, 4], np.int64))], n_out=2, axis=1)
    if opset >= 18:
        p, q, r = g.node("Split", [x], n_out=3, axis=3, num_outputs=3)
    else:
        p, q, r = g.node("Split", [x], n_out=3, axis=3)
    i64 = lambda v: g.const(np.array(v, np.int64))  # noqa: E731
    s1 = g.node("Slice", [b2, i64([1, -100]), i64([3, 100]), i64([1, 2])])  # (1, 2, 5, 6)
    s2 = g.node("Slice", [x, i64([-1, 4]), i64([-100, 0]), i64([2, 1]), i64([-1, -2])])  # reversed
    s3 = g.node("Slice", [x, i64([1]), i64([6]), i64([3]), i64([2])])
    cat = g.node("Concat", [a, g.node("Relu", [a])], axis=1)
    model = g.model([vinfo("x", [1, 6, 5, 6])], [cat, p, q, r, s1, s2, s3])
    x_in = random_input(rng, [1, 6, 5, 6])
    assert_close(run_finnr(model, x_in), run_ort(model, x_in))


# --- classifier tails --------------------------------------------------------------


@pytest.mark.parametrize("opset", [12, 13])
@pytest.mark.parametrize("axis", [None, 1, -1, 2])
def test_softmax_logsoftmax_argmax_match_onnxruntime(opset, axis):
    rng = np.random.default_rng(0)
    g = GraphBuilder(opset=opset)
    kw = {} if axis is None else {"axis": axis}
    sm = g.node("Softmax", ["x"], **kw)
    ls = g.node("LogSoftmax", ["x"], **kw)
    am = g.node("ArgMax", ["x"], **kw)
    am2 = g.node("ArgMax", ["x"], axis=-1, keepdims=0, select_last_index=1)
    model = g.model([vinfo("x", [1, 3, 4, 5])], [sm, ls, vinfo(am, None, TensorProto.INT64), vinfo(am2, None, TensorProto.INT64)])
    x = random_input(rng, [1, 3, 4, 5])
    x[0, 0, 0, :2] = 5.0  # ties: select_last_index matters
    ours, theirs = run_finnr(model, x), run_ort(model, x)
    assert_close(ours[:2], theirs[:2])
    for a, e in zip(ours[2:], theirs[2:]):
        np.testing.assert_array_equal(a, e)
        assert a.dtype == np.int64


def test_quantized_classifier_with_softmax_matches_qonnx():
    rng = np.random.default_rng(1)
    g = GraphBuilder()
    w = g.quant(g.const(f32(rng.standard_normal((8, 10)))), 0.25, 0.0, 4)
    y = g.node("MatMul", [g.quant("x", 0.5, 0.0, 4), w])
    y = g.node("Softmax", [y], axis=-1)
    model = g.model([vinfo("x", [1, 8])], [y])
    compare_with_qonnx(model, random_input(rng, [3, 8]))


# --- QONNX domains ---------------------------------------------------------------

CHANNELS_LAST = "qonnx.custom_op.channels_last"


@pytest.mark.parametrize("quant_weights", [False, True])
def test_channels_last_ops_match_qonnx(quant_weights):
    """hls4ml's QONNX models: Conv (weights (M, kh, kw, C/g)), BatchNormalization
    and MaxPool in the channels_last domain, on NHWC tensors."""
    rng = np.random.default_rng(3)
    g = GraphBuilder()
    x = g.quant("x", 0.125, 0.0, 6)
    w = g.const(f32(rng.standard_normal((4, 3, 3, 3))))
    if quant_weights:
        w = g.quant(w, 0.25, 0.0, 4)
    c = g.node("Conv", [x, w, g.const(f32(rng.standard_normal(4)))], domain=CHANNELS_LAST,
               kernel_shape=[3, 3], strides=[1, 1], dilations=[1, 1], pads=[1, 1, 1, 1], group=1)
    bn = g.node("BatchNormalization", [c, *(g.const(f32(rng.uniform(0.5, 1.5, 4))) for _ in range(4))],
                domain=CHANNELS_LAST, epsilon=1e-5, momentum=0.9)
    p = g.node("MaxPool", [bn], domain=CHANNELS_LAST, kernel_shape=[2, 2], strides=[2, 2], pads=[0, 0, 0, 0])
    y = g.quant(g.node("Relu", [p]), 0.5, 0.0, 4, signed=False)
    # qonnx's shape inference of channels-last ops needs their input shapes
    shapes = [vinfo(x, [1, 6, 6, 3]), vinfo(c, [1, 6, 6, 4]), vinfo(bn, [1, 6, 6, 4]), vinfo(p, [1, 3, 3, 4])]
    if quant_weights:
        shapes.append(vinfo(w, [4, 3, 3, 3]))
    # qonnx runs the wrapped op at the ONNX opset of the channels_last domain
    model = g.model([vinfo("x", [1, 6, 6, 3])], [y], value_info=shapes, custom_opset=13)
    m = import_model(model)
    assert qnn_ops(m).count("qnn.transpose") >= 6
    compare_with_qonnx(model, random_input(rng, [1, 6, 6, 3]))


@pytest.mark.parametrize("domain", ["finn", "finn.custom_op.general", "onnx.brevitas", "qonnx.custom_op.general", ""])
def test_every_quant_domain_spelling_imports(domain):
    """``Quant`` in every domain spelling in use, including the default
    domain (older Brevitas, MLPerf Tiny KWS)."""
    rng = np.random.default_rng(4)
    g = GraphBuilder(domain=domain)
    y = g.quant(g.node("Relu", [g.quant("x", 0.25, 0.0, 5)]), 0.5, 0.0, 3, signed=False)
    model = g.model([vinfo("x", [1, 8])], [y])
    ref = GraphBuilder()
    r = ref.quant(ref.node("Relu", [ref.quant("x", 0.25, 0.0, 5)]), 0.5, 0.0, 3, signed=False)
    x = random_input(rng, [3, 8])
    np.testing.assert_array_equal(run_finnr(model, x)[0], compare_with_qonnx(ref.model([vinfo("x", [1, 8])], [r]), x, exact=True)[0])


def test_float_model_is_refused_when_quantization_is_required():
    g = GraphBuilder()
    y = g.node("Relu", [g.node("MatMul", ["x", g.const(f32(np.ones((4, 2))))])])
    model = g.model([vinfo("x", [1, 4])], [y])
    import_model(model)  # float graphs still import (references, `finnr run`)
    with pytest.raises(FinnrError, match="no quantized layers found: finnr compiles QONNX/QDQ models; float models need quantization first"):
        import_model(model, require_quantized=True)
    q = GraphBuilder()
    import_model(q.model([vinfo("x", [1, 4])], [q.quant("x", 1.0, 0.0, 4)]), require_quantized=True)


def test_unsupported_nodes_are_listed_before_the_float_model_message():
    g = GraphBuilder()
    y = g.node("Fancy", [g.node("Relu", ["x"])], domain="com.example")
    with pytest.raises(FinnrError, match="unsupported node") as e:
        import_model(g.model([vinfo("x", [1, 4])], [y]), require_quantized=True)
    assert "Fancy (domain 'com.example')" in str(e.value)


# --- random networks of the new layer kinds --------------------------------------


def zoo_network(rng, bits: int, mode: str, shift: int):
    """Conv -> depthwise conv -> residual Add with a shared quantizer ->
    Concat -> DepthToSpace -> TruncAvgPool (Trunc v2) -> Resize -> global
    pool -> Gemm, with power-of-two scales (so float rounding cannot flip a
    quantization level between two executors)."""
    g = GraphBuilder()
    s_in, s_w, s_a = 2.0 ** -3, 2.0 ** -2, 2.0 ** -rng.integers(1, 4)

    def wq(shape):
        return g.quant(g.const(f32(rng.integers(-3, 4, shape) * s_w)), s_w, 0.0, 3)

    x = g.quant("x", s_in, 0.0, 8)
    a = g.quant(g.node("Relu", [g.node("Conv", [x, wq((8, 4, 3, 3))], pads=[1, 1, 1, 1])]), s_a, 0.0, bits, signed=False)
    b = g.node("Conv", [a, wq((8, 1, 3, 3))], pads=[1, 1, 1, 1], group=8)
    b = g.quant(g.node("Relu", [b]), s_a, 0.0, bits, signed=False)
    r = g.quant(g.node("Add", [a, b]), s_a, 0.0, bits + 1, signed=False)
    c = g.node("Concat", [r, a], axis=1)  # (1, 16, 8, 8)
    d = g.node("DepthToSpace", [c], blocksize=2, mode=mode)  # (1, 4, 16, 16)
    p = g.node("AveragePool", [d], kernel_shape=[4, 4], strides=[4, 4])  # (1, 4, 4, 4)
    t = g.trunc_v2(p, s_a, 0.0, bits + 5, s_a * 2.0**shift, bits + 1, signed=False)
    u = g.node("Resize", [t, "", g.const(f32([1, 1, 2, 2]))], mode="nearest")  # (1, 4, 8, 8)
    v = g.node("Flatten", [g.node("GlobalAveragePool", [u])])
    y = g.node("Gemm", [v, wq((5, 4)), g.const(f32(rng.standard_normal(5)))], transB=1)
    return g.model([vinfo("x", [1, 4, 8, 8])], [y], custom_opset=2)


zoo_cases = given(seed=seeds, bits=st.integers(2, 4), mode=st.sampled_from(["DCR", "CRD"]), shift=st.integers(0, 3))


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@zoo_cases
def test_random_zoo_networks_match_qonnx(seed, bits, mode, shift):
    rng = np.random.default_rng(seed)
    model = zoo_network(rng, bits, mode, shift)
    compare_with_qonnx(model, random_input(rng, [2, 4, 8, 8]))


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@zoo_cases
def test_random_zoo_networks_streamline_exactly(seed, bits, mode, shift):
    """The same networks before and after qnn-streamline: the interpreter
    agrees (to float rounding of the float tail), and the residual add,
    concat, depth-to-space, pools and resize are integer."""
    from finnr.dialects import datatypes as dt
    from finnr.dialects import qnn
    from finnr.flows import pipeline
    from finnr.interpreter import run_batch

    assume(shift <= bits)  # else the TruncAvgPool's output is one constant level (left as it is)
    rng = np.random.default_rng(seed)
    module = import_model(zoo_network(rng, bits, mode, shift))
    x = random_input(rng, [2, 4, 8, 8])
    (before,) = run_batch(module, x)
    pipeline.run(module, pipeline.STREAMLINE)
    (after,) = run_batch(module, x)
    np.testing.assert_allclose(after, before, rtol=1e-5, atol=1e-5)
    for cls in (qnn.AddOp, qnn.ConcatOp, qnn.DepthToSpaceOp, qnn.ResizeOp):
        ops = [op for op in module.walk() if isinstance(op, cls)]
        assert any(dt.is_integer(op.results[0].type.get_element_type()) for op in ops), cls.name


@pytest.mark.parametrize("layout", ["NCHW", "NHWC"])
@pytest.mark.parametrize("signed,ibits,obits,k,stride", [(False, 4, 4, 2, 2), (True, 4, 6, 3, 1), (False, 2, 8, 2, 1), (True, 8, 3, 2, 2)])
def test_quant_avg_pool_and_maxpool_nhwc_match_qonnx(layout, signed, ibits, obits, k, stride):
    """FINN/QONNX's QuantAvgPool2d (window sum shifted right to obits) in
    both layouts, and MaxPoolNHWC, on integer inputs."""
    rng = np.random.default_rng(ibits * 10 + k)
    g = GraphBuilder()
    x = g.quant("x", 1.0, 0.0, ibits, signed=signed)
    y = g.node("QuantAvgPool2d", [x], domain=g.domain, kernel=k, stride=stride, ibits=ibits, obits=obits,
               signed=int(signed), data_layout=layout)
    outs = [y]
    shape = [1, 3, 6, 6] if layout == "NCHW" else [1, 6, 6, 3]
    if layout == "NHWC":
        outs.append(g.node("MaxPoolNHWC", [x], domain=g.domain, kernel_shape=[2, 2], strides=[2, 2], pads=[0, 0, 0, 0]))
    model = g.model([vinfo("x", shape)], outs, value_info=[vinfo(x, shape)])
    compare_with_qonnx(model, random_input(rng, shape, scale=2.0**ibits), exact=True)


@pytest.mark.parametrize("command", [["build", "--target-fps", "1000", "-o", "out"], ["dse", "-o", "out"],
                                     ["roofline", "--device", "pynq-z1", "-o", "out", "--model"]])
def test_float_model_is_refused_by_the_commands(command, tmp_path, capsys, monkeypatch):
    """The compiling commands (build, dse, roofline of a model) refuse a
    model without quantizers with exit 2 and the message, and write nothing;
    `finnr import` still imports it (to look at, or run as a reference)."""
    import onnx

    from finnr.driver.main import main

    g = GraphBuilder()
    y = g.node("Relu", [g.node("MatMul", ["x", g.const(f32(np.ones((4, 2))))])])
    path = tmp_path / "float.onnx"
    onnx.save(g.model([vinfo("x", [1, 4])], [y]), path)
    monkeypatch.chdir(tmp_path)
    args = [*command, str(path)] if command[-1] == "--model" else [command[0], str(path), *command[1:]]
    assert main(args) == 2
    assert "no quantized layers found" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["float.onnx"]
