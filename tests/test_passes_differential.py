"""Differential tests of the qnn passes: random BNN-PYNQ-style networks (and
the shared Brevitas exports) run through the reference interpreter before
and after every pass of the streamlining pipeline, with every intermediate
value checked against its datatype."""

from __future__ import annotations

import numpy as np
import onnx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from xdsl.dialects.builtin import ModuleOp, TensorType
from xdsl.interpreter import Interpreter
from xdsl.passes import ModulePass

from finnr.dialects import datatypes as dt
from finnr.dialects import finnr_context, qnn
from finnr.examples.networks import NetSpec, cnn, mlp
from finnr.examples.onnx_builder import GraphBuilder, f32, vinfo
from finnr.flows import pipeline
from finnr.frontend.onnx_import import import_model
from finnr.interpreter import entry_function, run_batch
from finnr.interpreter.func_calls import FuncFunctions
from finnr.interpreter.qnn import QnnFunctions, repr_dtype
from finnr.passes.qnn_streamline import QnnStreamline
from finnr_testing.shared_models import MODEL_NAMES, shared_model
from finnr_testing.strategies import net_specs

PIPELINE = QnnStreamline().pipeline()
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


def apply_pass(module: ModuleOp, p: ModulePass) -> None:
    p.apply(finnr_context(), module)
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
    for p in PIPELINE:
        apply_pass(module, p)
        assert_same(run_checked(module, batch), before, f"after {p.name}")
    check_streamlined(module)


def residual_net(spec: NetSpec, ratio: float, tail_add: bool) -> onnx.ModelProto:
    """A random ResNet-style net: conv, then a block whose branch quantizer
    has ``ratio`` times the skip's scale, joined by an add followed by a
    quantizer; then a second block whose add feeds the final matmul
    directly (no activation after it) when ``tail_add``. Multi-bit
    activations (a padded conv of bipolar values has no integer form)."""
    rng = np.random.default_rng(spec.seed)
    b = GraphBuilder()
    c, size = 4, 6

    def weight(shape):
        w = b.const(f32(rng.standard_normal(shape)), "w")
        return b.bipolar(w, 1.0) if spec.wbits == 1 else b.quant(w, f32(rng.uniform(0.05, 0.5)), 0.0, spec.wbits, narrow=True)

    def conv_bn(x):
        y = b.node("Conv", [x, weight((c, c, 3, 3) if x != "x_q" else (c, 2, 3, 3))], kernel_shape=[3, 3], pads=[1] * 4)
        params = [rng.uniform(0.5, 1.5, c) * np.where(rng.uniform(size=c) < 0.3 * spec.negative_bn, -1, 1),
                  rng.uniform(-1, 1, c), rng.uniform(-1, 1, c), rng.uniform(0.5, 1.5, c)]
        return b.node("BatchNormalization", [y, *(b.const(f32(p), "bn") for p in params)], epsilon=1e-4)

    def act(x, scale, relu):
        if relu:
            return b.quant(b.node("Relu", [x]), scale, 0.0, spec.abits, signed=False)
        return b.quant(x, scale, 0.0, spec.abits, signed=True)

    b.nodes.append(onnx.helper.make_node("Identity", ["x"], ["x_id"]))
    x = b.quant("x_id", 0.25, 0.0, spec.abits, signed=True)
    b.nodes.append(onnx.helper.make_node("Identity", [x], ["x_q"]))
    s = f32(2.0 ** -rng.integers(0, 3))
    skip = act(conv_bn("x_q"), s, spec.relu)
    y = act(conv_bn(skip), f32(s * ratio), spec.relu)
    x = act(b.node("Add", [y, skip]), f32(2.0 ** -rng.integers(0, 3)), spec.relu)
    y = act(conv_bn(x), f32(2.0 ** -rng.integers(0, 3)), spec.relu)
    x = b.node("Add", [y, x])
    if not tail_add:
        x = act(x, f32(0.5), False)
    x = b.node("Reshape", [x, b.const(np.array([1, -1], np.int64), "shape")])
    w = weight((3, c * size * size))
    out = b.node("MatMul", [x, b.node("Transpose", [w], perm=[1, 0])])
    return b.model([vinfo("x", [1, 2, size, size])], [out])


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(spec=net_specs.filter(lambda s: s.abits > 1), ratio=st.sampled_from([1.0, 2.0, 0.5, 0.75]), tail_add=st.booleans())
def test_residual_adds_become_integer_on_random_networks(spec, ratio, tail_add):
    """Every pass preserves a random residual network's outputs, and the
    streamlined net has integer adds only (the float tail: a scale, no add
    of two tensors)."""
    module = import_model(residual_net(spec, ratio, tail_add))
    rng = np.random.default_rng(spec.seed)
    batch = (rng.standard_normal((6, 2, 6, 6)) * 1.5).astype(np.float32)
    before = run_checked(module, batch)
    for p in PIPELINE:
        apply_pass(module, p)
        assert_same(run_checked(module, batch), before, f"after {p.name}")
    if ratio >= 1:
        check_streamlined(module)
    # ratio 0.5 (0.75): the skip (a fork) is scaled by 2 (by 4, the branch by
    # 3: convergents of the ratio), by a copy of its multithreshold, so its
    # matmul feeds two multithresholds
    adds = [o for o in module.walk() if isinstance(o, qnn.AddOp) and o.lhs.owner is not None
            and not isinstance(o.lhs.owner, qnn.ConstantOp) and not isinstance(o.rhs.owner, qnn.ConstantOp)]
    assert len(adds) == 2
    for a in adds:
        assert dt.is_integer(a.result.type.get_element_type()), a


ACTIVATIONS = {
    "LeakyRelu": lambda b, x: b.node("LeakyRelu", [x], alpha=0.125),
    "Clip": lambda b, x: b.node("Clip", [x, b.const(f32(-1.0), "min"), b.const(f32(1.5), "max")]),
    "Sigmoid": lambda b, x: b.node("Sigmoid", [x]),
    "Tanh": lambda b, x: b.node("Tanh", [x]),
    "HardSigmoid": lambda b, x: b.node("HardSigmoid", [x], alpha=0.25, beta=0.5),
    "Relu": lambda b, x: b.node("Relu", [x]),
}


def activation_mlp(spec: NetSpec, activation: str, widths=(6, 8, 5, 3)) -> onnx.ModelProto:
    """A random MLP whose hidden layers are matmul, batch norm, ``activation``
    and a quantizer (unsigned when ``spec.relu``)."""
    rng = np.random.default_rng(spec.seed)
    b = GraphBuilder()
    x = b.quant("x", 0.25, 0.0, 4, signed=True)
    for i in range(len(widths) - 1):
        w = b.const(f32(rng.standard_normal((widths[i], widths[i + 1]))), "w")
        x = b.node("MatMul", [x, b.quant(w, f32(rng.uniform(0.05, 0.5)), 0.0, max(spec.wbits, 2), narrow=True)])
        if i < len(widths) - 2:
            c = widths[i + 1]
            params = [rng.uniform(0.5, 1.5, c), rng.uniform(-1, 1, c), rng.uniform(-1, 1, c), rng.uniform(0.5, 1.5, c)]
            x = b.node("BatchNormalization", [x, *(b.const(f32(p), "bn") for p in params)], epsilon=1e-4)
            x = ACTIVATIONS[activation](b, x)
            bits = max(spec.abits, 2)
            scale = f32(2.0 ** -(bits - 1 + rng.integers(0, 2)))
            x = b.quant(x, scale, 0.0, bits, signed=not spec.relu)
    return b.model([vinfo("x", [1, widths[0]])], [x])


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(spec=net_specs, activation=st.sampled_from(sorted(ACTIVATIONS)))
def test_monotonic_activations_become_thresholds_on_random_networks(spec, activation):
    """Every pass preserves a random MLP with any monotonic activation before
    its quantizers, and the activation ends in the thresholds."""
    module = import_model(activation_mlp(spec, activation))
    rng = np.random.default_rng(spec.seed)
    batch = (rng.standard_normal((16, 6)) * 2).astype(np.float32)
    before = run_checked(module, batch)
    for p in PIPELINE:
        apply_pass(module, p)
        assert_same(run_checked(module, batch), before, f"after {p.name}")
    check_streamlined(module)
    assert not any(isinstance(o, qnn.ActivationOp) for o in module.walk())


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


@pytest.mark.parametrize("tail", ["Softmax", "LogSoftmax", "scale_bias"])
def test_float_tail_stays_on_host(tail):
    """A float tail with no integer form (a final scale and bias, a softmax)
    is left alone and correct by streamlining, and convert-qnn-to-dataflow
    keeps it outside the partition."""
    from finnr.dialects import dataflow as df

    spec = NetSpec(wbits=2, abits=2, relu=True, per_channel=False, negative_bn=False, seed=7)
    model = mlp(spec)
    if tail != "scale_bias":
        graph = model.graph
        last = graph.output[0].name
        graph.node.append(onnx.helper.make_node(tail, [last], ["probs"], axis=-1))
        graph.output[0].name = "probs"
    module = import_model(model)
    rng = np.random.default_rng(7)
    batch = (rng.standard_normal((6, 12)) * 1.5).astype(np.float32)
    before = run_checked(module, batch)
    pipeline.run(module, pipeline.STREAMLINE)
    assert_same(run_checked(module, batch), before, "after qnn-streamline")
    fn = entry_function(module)
    ops = list(fn.body.walk())
    if tail != "scale_bias":
        (sm,) = [o for o in ops if o.name == f"qnn.{tail.replace('Log', 'log_').lower()}"]
        assert not dt.is_integer(sm.input.type.get_element_type())
    pipeline.run(module, pipeline.DATAFLOW)
    (part,) = [o for o in module.walk() if isinstance(o, df.PartitionOp)]
    inside = set(part.walk())
    host = [o for o in entry_function(module).body.block.ops if o not in inside]
    host_names = {o.name for o in host}
    assert "qnn.mul" in host_names  # the final scale
    if tail != "scale_bias":
        assert f"qnn.{tail.replace('Log', 'log_').lower()}" in host_names
    assert not any(o.name in ("qnn.mul", "qnn.add", "qnn.softmax", "qnn.log_softmax") for o in inside)
    np.testing.assert_allclose(run_batch(module, batch)[0], before, rtol=1e-6, atol=1e-6)
