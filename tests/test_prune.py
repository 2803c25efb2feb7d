"""Differential tests of qnn-prune: an all-ones mask changes nothing; a
pruned network computes exactly what the original computes with the pruned
channels zeroed where the next layer reads them (the interpreter, random
inputs); pruning before or after streamlining gives the same network; a
pruned network lowers to smaller dataflow layers."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from xdsl.dialects.builtin import ModuleOp
from xdsl.rewriter import InsertPoint, Rewriter

from finnr.diagnostics import FinnrError
from finnr.dialects import dataflow as df
from finnr.dialects import qnn
from finnr.dialects.utils import tensor_shape
from finnr.examples.networks import cnn, mlp
from finnr.examples.onnx_builder import GraphBuilder, f32, vinfo
from finnr.flows import pipeline
from finnr.frontend.onnx_import import import_model
from finnr.interpreter import run_batch
from finnr.ir_io import print_ir
from finnr.passes.qnn_prune import layers, out_channels, prune
from finnr.passes.utils import make_constant
from finnr_testing.strategies import net_specs


def _weight(b: GraphBuilder, rng, shape, wbits: int) -> str:
    w = b.const(f32(rng.standard_normal(shape)), "w")
    if wbits == 1:
        return b.bipolar(w, f32(2.0 ** -rng.integers(0, 3, (shape[0],) + (1,) * (len(shape) - 1))))
    scale = f32(2.0 ** -rng.integers(1, 4, (shape[0],) + (1,) * (len(shape) - 1)))
    return b.quant(w, scale, 0.0, wbits, signed=True, narrow=True)


def _act(b: GraphBuilder, rng, x: str, channels: int, abits: int) -> str:
    bn = [b.const(f32(rng.uniform(0.5, 1.5, channels)), "g"), b.const(f32(rng.uniform(-1, 1, channels)), "b"),
          b.const(f32(rng.uniform(-1, 1, channels)), "m"), b.const(f32(rng.uniform(0.5, 1.5, channels)), "v")]
    x = b.node("BatchNormalization", [x, *bn], epsilon=1e-4)
    if abits == 1:
        return b.bipolar(x, 1.0)
    return b.quant(b.node("Relu", [x]), 0.5, 0.0, abits, signed=False)


def exact_net(kind: str, wbits: int, abits: int, seed: int):
    """An MLP or CNN whose scales are powers of two, so that every matmul
    and conv sums exactly in float32 whatever its order: removing terms that
    are zero changes no bit."""
    rng = np.random.default_rng(seed)
    b = GraphBuilder()
    x = b.quant("x", 0.25, 0.0, 4, signed=True)
    if kind == "mlp":
        widths = (10, 12, 8, 4)
        for i in range(3):
            x = b.node("MatMul", [x, b.node("Transpose", [_weight(b, rng, (widths[i + 1], widths[i]), wbits)], perm=[1, 0])])
            if i < 2:
                x = _act(b, rng, x, widths[i + 1], abits)
        return b.model([vinfo("x", [1, widths[0]])], [x])
    x = b.node("Conv", [x, _weight(b, rng, (6, 2, 3, 3), wbits)], kernel_shape=[3, 3], pads=[1, 1, 1, 1])
    x = b.node("MaxPool", [_act(b, rng, x, 6, abits)], kernel_shape=[2, 2], strides=[2, 2])
    x = _act(b, rng, b.node("Conv", [x, _weight(b, rng, (5, 6, 3, 3), wbits)], kernel_shape=[3, 3]), 5, abits)
    x = b.node("Reshape", [x, b.const(np.array([1, -1], np.int64), "shape")])
    x = b.node("MatMul", [x, b.node("Transpose", [_weight(b, rng, (3, 5), wbits)], perm=[1, 0])])
    return b.model([vinfo("x", [1, 2, 6, 6])], [x])


def _inputs(module: ModuleOp, seed: int, n: int = 12) -> np.ndarray:
    fn = next(op for op in module.ops if op.name == "func.func")
    shape = fn.function_type.inputs.data[0].get_shape()
    return (np.random.default_rng(seed).standard_normal((n, *shape[1:])) * 1.5).astype(np.float32)


def _random_masks(module: ModuleOp, rng) -> dict[int, np.ndarray]:
    found = layers(module)
    masks = {}
    for i, layer in enumerate(found[:-1]):  # the last computes the outputs
        n = out_channels(layer)
        mask = rng.uniform(size=n) < 0.5
        mask[rng.integers(n)] = True
        masks[i] = mask
    return masks


def zero_pruned_inputs(module: ModuleOp, masks: dict[int, np.ndarray]) -> ModuleOp:
    """The reference: the original network with each pruned channel zeroed
    where the next layer reads it (a multiply by 0/1 before that layer;
    channels flattened into a vector are blocks of it)."""
    found = layers(module)
    for i, mask in masks.items():
        consumer = found[i + 1]  # the networks here are chains
        value = consumer.operands[0]
        shape = tensor_shape(value.type)
        if isinstance(consumer, qnn.ConvOp):
            factor = mask.reshape(1, -1, *([1] * (len(shape) - 2)))
        else:
            factor = np.repeat(mask, shape[-1] // mask.size)
        const = make_constant(factor.astype(np.float32))
        mul = qnn.MulOp(value, const.result, value.type)
        Rewriter.insert_op([const, mul], InsertPoint.before(consumer))
        consumer.operands[0] = mul.result
    module.verify()
    return module


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(spec=net_specs, kind=st.sampled_from(["mlp", "cnn"]))
def test_all_ones_mask_changes_nothing(spec, kind):
    module = import_model(mlp(spec) if kind == "mlp" else cnn(spec))
    before = print_ir(module)
    batch = _inputs(module, spec.seed)
    (y0,) = run_batch(module, batch)
    found = layers(module)
    prune(module, masks={i: np.ones(out_channels(l), bool) for i, l in enumerate(found[:-1])})
    assert print_ir(module) == before
    (y1,) = run_batch(module, batch)
    assert np.array_equal(y0, y1)


@pytest.mark.parametrize("kind", ["mlp", "cnn"])
@pytest.mark.parametrize("wbits,abits", [(1, 1), (2, 2), (4, 3)])
@pytest.mark.parametrize("seed", [0, 1])
def test_pruned_equals_original_with_channels_zeroed(kind, wbits, abits, seed):
    model = exact_net(kind, wbits, abits, seed)
    masks = _random_masks(import_model(model), np.random.default_rng(seed))
    pruned = prune(import_model(model), masks=masks)
    pruned.verify()
    for i, layer in enumerate(layers(pruned)[:-1]):
        assert out_channels(layer) == masks[i].sum()
    reference = zero_pruned_inputs(import_model(model), masks)
    batch = _inputs(pruned, seed)
    (want,) = run_batch(reference, batch)
    (got,) = run_batch(pruned, batch)
    assert np.array_equal(got, want)


@pytest.mark.parametrize("kind", ["mlp", "cnn"])
def test_pruning_commutes_with_streamlining(kind):
    """The same masks before or after qnn-streamline (where a conv is im2col
    + matmul and activations are thresholds) give the same network."""
    model = exact_net(kind, 2, 2, 5)
    masks = _random_masks(import_model(model), np.random.default_rng(5))
    first = prune(import_model(model), masks=masks)
    pipeline.run(first, pipeline.STREAMLINE)
    second = import_model(model)
    pipeline.run(second, pipeline.STREAMLINE)
    prune(second, masks=masks)
    batch = _inputs(first, 5)
    assert np.array_equal(run_batch(first, batch)[0], run_batch(second, batch)[0])


def test_magnitude_pruning_shrinks_the_dataflow_layers():
    module = prune(import_model(exact_net("mlp", 2, 2, 3)), sparsity=0.5, align=4)
    pipeline.run(module, pipeline.TO_DATAFLOW)
    mvaus = [op for op in module.walk() if isinstance(op, df.MVAUOp)]
    assert [(m.mw, m.mh) for m in mvaus] == [(10, 8), (8, 4), (4, 4)]  # 12 -> 6 -> 8, 8 -> 4


def test_refused_prune_leaves_the_module_unchanged():
    module = import_model(exact_net("mlp", 2, 2, 0))
    before = print_ir(module)
    with pytest.raises(FinnrError, match="they are outputs of the network"):
        prune(module, masks={0: np.ones(12, bool), 2: np.array([True, False, True, True])})
    assert print_ir(module) == before
