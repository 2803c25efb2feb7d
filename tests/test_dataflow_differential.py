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
