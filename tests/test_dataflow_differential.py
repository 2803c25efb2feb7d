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
from finnr.dialects import finnr_context
from finnr.dialects.utils import i64_attr
from finnr.frontend.onnx_import import import_model
from finnr.interpreter import entry_function, run_batch
from finnr.models import layers as lm
from finnr.models.folding import divisors
from finnr.passes import FINNR_PASSES
from tests.qnn_networks import cnn, mlp, net_specs
from tests.shared_models import MODEL_NAMES, shared_model


def apply(module, *names: str) -> None:
    for n in names:
        FINNR_PASSES[n]()().apply(finnr_context(), module)
    module.verify()


def random_folding(module, rng: np.random.Generator) -> None:
    """Random legal PE/SIMD for every layer."""
    for op in module.walk():
        k = lm.kind(op)
        if k is None:
            continue
        props = type(op).get_irdl_definition().properties
        xs, ys = op.operands[0].type.get_shape(), op.results[0].type.get_shape()
        if k == "mvau":
            op.properties["pe"] = i64_attr(int(rng.choice(divisors(ys[-1]))))
            op.properties["simd"] = i64_attr(int(rng.choice(divisors(xs[-1]))))
        elif "simd" in props:
            op.properties["simd"] = i64_attr(int(rng.choice(divisors(xs[-1]))))
        elif "pe" in props and not isinstance(op, df.LabelSelectOp):
            op.properties["pe"] = i64_attr(int(rng.choice(divisors(xs[-1]))))
    module.verify()



@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(spec=net_specs, kind=st.sampled_from(["mlp", "cnn"]))
def test_dataflow_equals_qnn_on_random_networks(spec, kind):
    module = import_model(mlp(spec) if kind == "mlp" else cnn(spec))
    apply(module, "qnn-streamline")
    rng = np.random.default_rng(spec.seed)
    shape = entry_function(module).function_type.inputs.data[0].get_shape()
    x = (rng.standard_normal((4, *shape[1:])) * 1.5).astype(np.float32)
    (expected,) = run_batch(module, x)
    apply(module, "convert-qnn-to-dataflow")
    assert any(isinstance(op, df.PartitionOp) for op in module.walk())
    random_folding(module, rng)
    apply(module, "dataflow-insert-dwc", "dataflow-insert-fifo")
    (got,) = run_batch(module, x)
    np.testing.assert_array_equal(got, expected)


@pytest.mark.parametrize("name", MODEL_NAMES)
def test_dataflow_equals_golden_on_shared_models(name):
    onnx_path, golden_path = shared_model(name)
    golden = np.load(golden_path)
    module = import_model(onnx_path)
    apply(module, "qnn-streamline")
    (expected,) = run_batch(module, golden["input"][:3])
    apply(module, "convert-qnn-to-dataflow")
    random_folding(module, np.random.default_rng(0))
    apply(module, "dataflow-insert-dwc", "dataflow-insert-fifo")
    (got,) = run_batch(module, golden["input"][:3])
    np.testing.assert_array_equal(got, expected)
    np.testing.assert_array_equal(got.argmax(1), golden["output"][:3].argmax(1))
    np.testing.assert_allclose(got, golden["output"][:3], rtol=1e-5, atol=1e-6)
    kinds = {lm.kind(op) for op in module.walk() if lm.kind(op)}
    assert "mvau" in kinds
