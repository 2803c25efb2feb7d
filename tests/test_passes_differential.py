"""Differential tests of the qnn passes: random BNN-PYNQ-style networks (and
the shared Brevitas exports) run through the reference interpreter before
and after every pass of the streamlining pipeline, with every intermediate
value checked against its datatype."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from xdsl.dialects.builtin import ModuleOp, TensorType
from xdsl.interpreter import Interpreter

from finnr.dialects import datatypes as dt
from finnr.dialects import qnn
from finnr.examples.networks import cnn, mlp
from finnr.flows import pipeline
from finnr.frontend.onnx_import import import_model
from finnr.interpreter import entry_function, run_batch
from finnr.interpreter.func_calls import FuncFunctions
from finnr.interpreter.qnn import QnnFunctions, repr_dtype
from finnr.passes.qnn_streamline import QnnStreamline
from finnr_testing.shared_models import MODEL_NAMES, shared_model
from finnr_testing.strategies import net_specs

PIPELINE = [p.name for p in QnnStreamline().pipeline()]
"""The passes of qnn-streamline, applied one by one below."""


class DatatypeChecker(Interpreter.Listener):
    """Fails when an op produces a value outside its result's datatype."""

    def did_interpret_op(self, op, results) -> None:
        for r, v in zip(op.results, results):
            if not isinstance(r.type, TensorType):
                continue
            elt = r.type.get_element_type()
            if isinstance(elt, dt.DataType):
                assert elt.allows(np.asarray(v)), f"{op.name} produced values outside {elt}: {np.unique(v)[:8]}"


def run_checked(module: ModuleOp, batch: np.ndarray) -> np.ndarray:
    fn = entry_function(module)
    arg_type = fn.function_type.inputs.data[0]
    interpreter = Interpreter(module, listeners=(DatatypeChecker(),))
    interpreter.register_implementations(FuncFunctions())
    interpreter.register_implementations(QnnFunctions())
    outs = []
    for frame in batch.reshape(-1, *arg_type.get_shape()):
        (y,) = interpreter.call_op(fn.sym_name.data, (frame.astype(repr_dtype(arg_type)),))
        outs.append(np.asarray(y, np.float64))
    return np.concatenate(outs, axis=0)


def apply_pass(module: ModuleOp, name: str) -> None:
    pipeline.run(module, name)
    module.verify()


def assert_same(after: np.ndarray, before: np.ndarray, what: str) -> None:
    scale = max(1.0, float(np.max(np.abs(before))))
    np.testing.assert_allclose(after, before, rtol=1e-6, atol=1e-6 * scale, err_msg=what)


def check_streamlined(module: ModuleOp) -> None:
    """Every matmul has integer (or bipolar) operands; every matmul but the
    last feeds a multithreshold with integer thresholds; no conv is left."""
    ops = list(entry_function(module).body.walk())
    assert not any(isinstance(o, qnn.ConvOp | qnn.BatchNormOp | qnn.QuantOp | qnn.BipolarQuantOp) for o in ops)
    matmuls = [o for o in ops if isinstance(o, qnn.MatMulOp)]
    assert matmuls
    for mm in matmuls:
        for v in mm.operands:
            assert dt.is_integer(v.type.get_element_type()), f"float operand of {mm}"
    for mm in matmuls[:-1]:
        users = [u.operation for u in mm.result.uses]
        assert len(users) == 1 and isinstance(users[0], qnn.MultiThresholdOp), users
        assert dt.is_integer(users[0].thresholds.type.get_element_type())



@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(spec=net_specs, kind=st.sampled_from(["mlp", "cnn"]))
def test_every_pass_preserves_semantics_on_random_networks(spec, kind):
    model = mlp(spec) if kind == "mlp" else cnn(spec)
    module = import_model(model)
    rng = np.random.default_rng(spec.seed)
    shape = entry_function(module).function_type.inputs.data[0].get_shape()
    batch = (rng.standard_normal((6, *shape[1:])) * 1.5).astype(np.float32)
    before = run_checked(module, batch)
    for name in PIPELINE:
        apply_pass(module, name)
        assert_same(run_checked(module, batch), before, f"after {name}")
    check_streamlined(module)


@pytest.mark.parametrize("name", MODEL_NAMES)
def test_shared_models_streamline_to_golden(name):
    onnx_path, golden_path = shared_model(name)
    golden = np.load(golden_path)
    module = import_model(onnx_path)
    x = golden["input"]
    for p in PIPELINE:
        apply_pass(module, p)
        y = run_checked(module, x[:2])
        np.testing.assert_array_equal(y.argmax(1), golden["output"][:2].argmax(1), err_msg=f"after {p}")
    check_streamlined(module)
    (y,) = run_batch(module, x)
    np.testing.assert_array_equal(y.argmax(1), golden["output"].argmax(1))
    np.testing.assert_allclose(y, golden["output"], rtol=1e-5, atol=1e-6)
