"""The dataflow level computes exactly what the streamlined qnn level does:
random BNN-PYNQ-style networks and the shared models, converted to dataflow
partitions, folded at random PE/SIMD (with width converters and FIFOs) and
run by the dataflow interpreter, equal the qnn interpreter bit for bit."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from finnr.dialects import dataflow as df
from finnr.examples.networks import cnn, mlp
from finnr.flows import pipeline
from finnr.frontend.onnx_import import import_model
from finnr.interpreter import entry_function, run_batch
from finnr.models import layers as lm
from finnr_testing.flow import apply, random_folding
from finnr_testing.shared_models import MODEL_NAMES, shared_model
from finnr_testing.strategies import net_specs


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(spec=net_specs, kind=st.sampled_from(["mlp", "cnn"]))
def test_dataflow_equals_qnn_on_random_networks(spec, kind):
    module = import_model(mlp(spec) if kind == "mlp" else cnn(spec))
    apply(module, pipeline.STREAMLINE)
    rng = np.random.default_rng(spec.seed)
    shape = entry_function(module).function_type.inputs.data[0].get_shape()
    x = (rng.standard_normal((4, *shape[1:])) * 1.5).astype(np.float32)
    (expected,) = run_batch(module, x)
    apply(module, pipeline.DATAFLOW)
    assert any(isinstance(op, df.PartitionOp) for op in module.walk())
    random_folding(module, rng)
    apply(module, pipeline.buffers())
    (got,) = run_batch(module, x)
    np.testing.assert_array_equal(got, expected)


@pytest.mark.parametrize("name", MODEL_NAMES)
def test_dataflow_equals_golden_on_shared_models(name):
    onnx_path, golden_path = shared_model(name)
    golden = np.load(golden_path)
    module = import_model(onnx_path)
    apply(module, pipeline.STREAMLINE)
    (expected,) = run_batch(module, golden["input"][:3])
    apply(module, pipeline.DATAFLOW)
    random_folding(module, np.random.default_rng(0))
    apply(module, pipeline.buffers())
    (got,) = run_batch(module, golden["input"][:3])
    np.testing.assert_array_equal(got, expected)
    np.testing.assert_array_equal(got.argmax(1), golden["output"][:3].argmax(1))
    np.testing.assert_allclose(got, golden["output"][:3], rtol=1e-5, atol=1e-6)
    kinds = {lm.kind(op) for op in module.walk() if lm.kind(op)}
    assert "mvau" in kinds


# --- depthwise and grouped convolutions (issue 16) --------------------------


def _dw_cnn(spec, group: int):
    """A MobileNet-style block: dense 3x3 conv (per-channel activation
    scales with per_channel weights), a depthwise 3x3 conv
    (padded, or strided), a grouped 1x1 conv (2 groups; depthwise when
    group is 4; depthwise with multiplier 2, a block-diagonal matmul, when
    group is 0), each with batch norm and a quantized
    activation, then a flatten and a matmul; quantizers as in
    ``finnr.examples.networks``."""
    from finnr.examples import networks as nets
    from finnr.examples.onnx_builder import GraphBuilder, f32, vinfo

    rng = np.random.default_rng(spec.seed)
    b = GraphBuilder()
    x = nets._input_quant(b, "x", spec)
    x = b.node("Conv", [x, nets._weight(b, rng, (4, 2, 3, 3), spec)], kernel_shape=[3, 3])  # 8 -> 6
    x = nets._batchnorm(b, rng, x, 4, spec)
    if spec.abits > 1 and spec.per_channel:  # per-channel activation scales (MobileNet)
        x = b.quant(b.node("Relu", [x]), f32(2.0 ** -rng.integers(0, 3, (1, 4, 1, 1))), 0.0, spec.abits, signed=False)
    else:
        x = nets._activation(b, rng, x, spec)
    pad = 1 if spec.abits > 1 else 0  # no zero padding of bipolar values
    stride = 1 + spec.seed % 2
    x = b.node("Conv", [x, nets._weight(b, rng, (4, 1, 3, 3), spec)], kernel_shape=[3, 3], pads=[pad] * 4,
               strides=[stride] * 2, group=4)
    h = (6 + 2 * pad - 3) // stride + 1
    x = nets._activation(b, rng, nets._batchnorm(b, rng, x, 4, spec), spec)
    m, g = {0: (8, 4), 2: (6, 2), 4: (4, 4)}[group]
    x = b.node("Conv", [x, nets._weight(b, rng, (m, 4 // g, 1, 1), spec)], kernel_shape=[1, 1], group=g)
    x = nets._activation(b, rng, nets._batchnorm(b, rng, x, m, spec), spec)
    x = b.node("Reshape", [x, b.const(np.array([1, -1], np.int64), "shape")])
    w = nets._weight(b, rng, (3, m * h * h), spec)
    y = b.node("MatMul", [x, b.node("Transpose", [w], perm=[1, 0])])
    y = b.node("Mul", [y, b.const(f32(0.5), "out_scale")])
    return b.model([vinfo("x", [1, 2, 8, 8])], [y])


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(spec=net_specs, group=st.sampled_from([0, 2, 4]))
def test_depthwise_and_grouped_convs_are_exact_at_every_level(spec, group):
    """Imported, streamlined (depthwise -> im2col + depthwise_dot, grouped ->
    block-diagonal matmul) and dataflow (swu + vvau, mvau) compute the same."""
    module = import_model(_dw_cnn(spec, group))
    rng = np.random.default_rng(spec.seed)
    x = (rng.standard_normal((4, 2, 8, 8)) * 1.5).astype(np.float32)
    (imported,) = run_batch(module, x)
    apply(module, pipeline.STREAMLINE)
    names = {op.name for op in module.walk()}
    assert "qnn.conv" not in names and "qnn.depthwise_dot" in names
    (streamlined,) = run_batch(module, x)
    np.testing.assert_allclose(streamlined, imported, rtol=1e-5, atol=1e-5)
    apply(module, pipeline.DATAFLOW)
    kinds = {lm.kind(op) for op in module.walk() if lm.kind(op)}
    assert "vvau" in kinds
    assert any(isinstance(op, df.SWUOp) and op.depthwise.value.data for op in module.walk())
    random_folding(module, rng)
    apply(module, pipeline.buffers())
    (got,) = run_batch(module, x)
    np.testing.assert_array_equal(got, streamlined)


def test_tiny_invres_depthwise_convs_become_vvaus():
    onnx_path, golden_path = shared_model("tiny_invres_w2a2")
    golden = np.load(golden_path)
    module = import_model(onnx_path)
    apply(module, pipeline.STREAMLINE)
    assert "qnn.conv" not in {op.name for op in module.walk()}
    (expected,) = run_batch(module, golden["input"][:3])
    np.testing.assert_allclose(expected, golden["output"][:3], rtol=1e-5, atol=1e-6)
    apply(module, pipeline.DATAFLOW)
    assert sum(isinstance(op, df.VVAUOp) for op in module.walk()) == 2
    random_folding(module, np.random.default_rng(0))
    apply(module, pipeline.buffers())
    (got,) = run_batch(module, golden["input"][:3])
    np.testing.assert_array_equal(got, expected)
