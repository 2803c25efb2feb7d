"""Import forms added for the networks people deploy (MobileNet, ResNet,
ESPCN, the QONNX model zoo): activations, Trunc v2, data movement, pools,
classifier tails. Each form is compared with onnxruntime (standard ops) or
qonnx's executor (QONNX ops) on random inputs."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

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
