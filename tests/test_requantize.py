"""Differential tests of qnn-requantize: to the same precision it changes
nothing; a requantized MLP computes what a numpy reference of the network
at the new precision computes; the result streamlines into integer layers of
the new widths."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from finnr.diagnostics import FinnrError
from finnr.dialects import datatypes as dt
from finnr.dialects import qnn
from finnr.examples.networks import cnn, mlp
from finnr.examples.onnx_builder import GraphBuilder, f32, vinfo
from finnr.flows import pipeline
from finnr.frontend.onnx_import import import_model
from finnr.interpreter import entry_function, run_batch
from finnr.ir_io import print_ir
from finnr.passes.qnn_requantize import requantize
from finnr_testing.strategies import net_specs


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(spec=net_specs, kind=st.sampled_from(["mlp", "cnn"]))
def test_same_precision_changes_nothing(spec, kind):
    module = import_model(mlp(spec) if kind == "mlp" else cnn(spec))
    before = print_ir(module)
    requantize(module, weight_bits=spec.wbits, act_bits=spec.abits, input_bits=spec.abits)
    assert print_ir(module) == before


# --- a numpy reference of a small MLP at any precision ---------------------------

WIDTHS = (6, 5, 4, 3)


def _params(seed: int = 3):
    rng = np.random.default_rng(seed)
    layers = []
    for i in range(len(WIDTHS) - 1):
        w = f32(rng.standard_normal((WIDTHS[i + 1], WIDTHS[i])))
        wscale = f32(rng.uniform(0.2, 0.6, (WIDTHS[i + 1], 1)))  # per output channel
        bias = f32(rng.uniform(-0.5, 0.5, WIDTHS[i + 1]))
        layers.append((w, wscale, bias))
    return layers


def _max_int(bits: int, signed: bool, narrow: bool) -> int:
    if signed:
        return 1 if bits == 1 else 2 ** (bits - 1) - 1
    return 2**bits - 1 - int(narrow)


def _q(x: np.ndarray, scale, bits: int, signed: bool, narrow: bool) -> np.ndarray:
    """A symmetric quantizer in numpy (a sign to +-scale at 1 signed bit)."""
    scale = np.float32(scale) if np.ndim(scale) == 0 else f32(scale)
    if bits == 1 and signed:
        return np.where(x >= 0, np.float32(1), np.float32(-1)) * scale
    lo = -(2 ** (bits - 1)) + int(narrow) if signed else 0
    hi = _max_int(bits, signed, narrow)
    return (np.round(np.clip(x / scale, lo, hi)) * scale).astype(np.float32)


IN_SCALE, ACT_SCALE = 0.5, 0.25  # 2-bit input (signed) and activations (unsigned)


def _model(layers) -> object:
    """The MLP at 2 bits, as Brevitas would export it: input quantizer, then
    per layer MatMul(Transpose(Quant(W))) + bias, and Relu + unsigned Quant
    between layers."""
    b = GraphBuilder()
    x = b.quant("x", IN_SCALE, 0.0, 2, signed=True)
    for i, (w, wscale, bias) in enumerate(layers):
        wq = b.quant(b.const(w, "w"), wscale, 0.0, 2, signed=True, narrow=True)
        x = b.node("Add", [b.node("MatMul", [x, b.node("Transpose", [wq], perm=[1, 0])]), b.const(bias, "b")])
        if i < len(layers) - 1:
            x = b.quant(b.node("Relu", [x]), ACT_SCALE, 0.0, 2, signed=False)
    return b.model([vinfo("x", [1, WIDTHS[0]])], [x])


def _reference(layers, x: np.ndarray, wbits: int, abits: int) -> np.ndarray:
    """The MLP with every quantizer at the new width and the scale that
    keeps its largest magnitude (2-bit maxima: weights 1, activations 3)."""
    y = _q(x, IN_SCALE, 2, True, False)  # the input's quantizer is left alone
    for i, (w, wscale, bias) in enumerate(layers):
        wq = _q(w, wscale * 1 / _max_int(wbits, True, True), wbits, True, True)
        y = (y @ wq.T + bias).astype(np.float32)
        if i < len(layers) - 1:
            y = _q(np.maximum(y, 0), ACT_SCALE * 3 / _max_int(abits, False, False), abits, False, False)
    return y


@pytest.mark.parametrize("wbits,abits", [(1, 1), (2, 2), (4, 4), (8, 8), (3, 5)])
def test_requantized_mlp_equals_numpy_reference(wbits, abits):
    layers = _params()
    module = requantize(import_model(_model(layers)), wbits, abits)
    module.verify()
    x = (np.random.default_rng(7).standard_normal((64, WIDTHS[0])) * 2).astype(np.float32)
    (got,) = run_batch(module, x)
    want = np.concatenate([_reference(layers, row[None], wbits, abits) for row in x])
    np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-5)


def test_requantized_mlp_streamlines_to_new_widths():
    module = requantize(import_model(_model(_params())), weight_bits=4, act_bits=3)
    x = (np.random.default_rng(8).standard_normal((16, WIDTHS[0])) * 2).astype(np.float32)
    (before,) = run_batch(module, x)
    pipeline.run(module, pipeline.STREAMLINE)
    (after,) = run_batch(module, x)
    np.testing.assert_allclose(after, before, rtol=1e-6, atol=1e-6)
    ops = list(entry_function(module).body.walk())
    weights = [mm.rhs.type.get_element_type() for mm in ops if isinstance(mm, qnn.MatMulOp)]
    assert all(dt.bitwidth(t) <= 4 for t in weights), weights
    acts = [op.out_dtype for op in ops if isinstance(op, qnn.MultiThresholdOp)]
    assert acts[1:] == [dt.UIntType(3)] * (len(WIDTHS) - 2), acts  # acts[0]: the input's 2 bits


def test_requantize_refuses_streamlined_weights():
    module = import_model(_model(_params()))
    pipeline.run(module, pipeline.STREAMLINE)
    with pytest.raises(FinnrError, match="the weights of 'qnn.matmul' .* have no quantizer"):
        requantize(module, weight_bits=4)
