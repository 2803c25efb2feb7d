"""``qnn-activation-to-thresholds``: quantized activations become
multithresholds followed by their float scale.

- ``qnn.quant`` of a non-constant tensor (at most ``max-bits`` bits, integer
  zero point, uniform zero point across channels) becomes
  ``qnn.multithreshold`` counting the integer levels, with out_bias = the
  lowest level - zeropt, then ``qnn.mul`` by the scale (left out when it is 1).
  A 1-bit signed quantizer gives a bipolar output (out_scale 2, bias -1).
- ``qnn.bipolar_quant`` becomes a bipolar multithreshold times its scale.
- ``qnn.sign`` becomes a two-threshold multithreshold with bias -1.

The thresholds are exact: each is the smallest input (a float32, or an
integer when the input is an integer datatype) at which the quantizer, as the
reference interpreter computes it in float32, reaches the next level; so
``x >= t`` and the original quantizer agree on every input. A per-channel
scale gives per-channel thresholds when it varies along axis 1 (NCHW) or the
last axis (NHWC); other layouts are refused.

A monotonic activation in front (relu, leaky relu, clip/hardtanh, sigmoid,
tanh, hard sigmoid) is absorbed later, by ``qnn-absorb-into-thresholds``,
through :data:`MONOTONIC_ACTIVATIONS`: op class -> its function in numpy,
computed exactly as the reference interpreter computes the op.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from xdsl.context import Context
from xdsl.dialects.builtin import ModuleOp, TensorType
from xdsl.ir import Attribute, Operation, SSAValue
from xdsl.passes import ModulePass
from xdsl.pattern_rewriter import PatternRewriter, RewritePattern, op_type_rewrite_pattern

from finnr.dialects import datatypes as dt
from finnr.dialects import qnn
from finnr.dialects.utils import numpy_from_dense
from finnr.interpreter import numeric
from finnr.passes.utils import (
    apply_patterns,
    constant_of,
    element_type,
    has_func_return_use,
    make_constant,
    smallest_reaching,
)


@dataclass(frozen=True)
class Activation:
    """How thresholds absorb an activation op: ``fn(op, x)`` computes it on
    an array ``x`` in x's dtype exactly as the interpreter does."""

    fn: Callable[[Operation, np.ndarray], np.ndarray]
    rounded_monotone: bool = True
    """Monotone (non-decreasing) in float arithmetic by construction (built
    of correctly rounded +, *, max, min). When False (sigmoid, tanh: a
    libm exp/tanh), each absorbed threshold is checked against the
    neighbouring inputs and the rewrite is refused if the check fails."""


MONOTONIC_ACTIVATIONS: dict[type[Operation], Activation] = {
    qnn.ReluOp: Activation(lambda op, x: np.maximum(x, x.dtype.type(0))),
    qnn.LeakyReluOp: Activation(lambda op, x: numeric.leaky_relu(x, op.alpha.value.data)),
    qnn.ClipOp: Activation(lambda op, x: numeric.clip(x, *op.bounds())),
    qnn.HardSigmoidOp: Activation(lambda op, x: numeric.hard_sigmoid(x, op.alpha.value.data, op.beta.value.data)),
    qnn.SigmoidOp: Activation(lambda op, x: numeric.sigmoid(x), rounded_monotone=False),
    qnn.TanhOp: Activation(lambda op, x: np.tanh(x), rounded_monotone=False),
}
"""The monotonically non-decreasing activations that a multithreshold after
them absorbs (the interpreter's own arithmetic, keyed by op class)."""


def channel_layout(param_shape: tuple[int, ...], shape: tuple[int, ...]) -> tuple[int | None, str] | None:
    """Which axis a broadcast parameter varies along: (None, "NCHW") for a
    scalar, (axis, layout) for axis 1 or the last axis, None otherwise."""
    rank = len(shape)
    padded = (1,) * (rank - len(param_shape)) + tuple(param_shape)
    axes = [i for i, d in enumerate(padded) if d != 1]
    if not axes:
        return None, "NCHW"
    if len(axes) != 1:
        return None
    axis = axes[0]
    if axis == rank - 1:
        return axis, "NHWC"
    if axis == 1:
        return axis, "NCHW"
    return None


def per_channel(param: np.ndarray, shape: tuple[int, ...], axis: int | None) -> np.ndarray:
    """A broadcast parameter as a column (C, 1) along ``axis`` (or (1, 1))."""
    if axis is None:
        return np.asarray(param).reshape(1, 1)
    rank = len(shape)
    padded = np.asarray(param).reshape((1,) * (rank - np.ndim(param)) + np.shape(param))
    return np.moveaxis(padded, axis, 0).reshape(-1, 1)


def input_search_range(x: SSAValue) -> tuple[float, float] | None:
    """The integer range to search thresholds over, or None for float32."""
    elt = element_type(x)
    if isinstance(elt, dt.DataType) and elt.is_integer:
        return (elt.min_value, elt.max_value)
    return None


def thresholds_for(x: SSAValue, levels: Callable[[np.ndarray], np.ndarray], targets: np.ndarray, channels: int) -> np.ndarray:
    """Exact thresholds (channels, N): for each channel c and target k, the
    smallest admissible input with ``levels(candidates)[c, k] >= targets[k]``.
    ``levels`` maps a (channels, N) array of candidate inputs to levels."""
    search = input_search_range(x)
    shape = (channels, len(targets))

    def pred(cands: np.ndarray) -> np.ndarray:
        return levels(np.asarray(cands, dtype=np.float32)) >= targets[None, :]

    return smallest_reaching(pred, shape, search)


def threshold_constant(x: SSAValue, t: np.ndarray) -> qnn.ConstantOp:
    """Thresholds as a constant: integers when the input is integer."""
    if input_search_range(x) is not None:
        lo, hi = float(t.min()), float(t.max())
        return make_constant(t, dt.smallest_integer_type(lo, hi))
    return make_constant(t.astype(np.float32))


def _replace_with_thresholds(op: Operation, rewriter: PatternRewriter, x: SSAValue, thresholds: np.ndarray, layout: str, out_type: Attribute, out_scale: float, out_bias: float, scale: np.ndarray | None) -> None:
    """Replace ``op`` by multithreshold(x) [* scale]."""
    result = op.results[0]
    shape = result.type.get_shape()
    unit_scale = scale is None or np.all(scale == 1)
    mt_type = TensorType(out_type, shape)
    if unit_scale and has_func_return_use(result):
        mt_type = result.type
    tconst = threshold_constant(x, thresholds)
    mt = qnn.MultiThresholdOp(x, tconst.result, mt_type, out_dtype=out_type, out_scale=out_scale, out_bias=out_bias, data_layout=layout)
    new: list[Operation] = [tconst, mt]
    if not unit_scale:
        s = make_constant(np.asarray(scale, np.float32))
        new += [s, qnn.MulOp(mt.result, s.result, result.type)]
    rewriter.replace(op, new)


class QuantToThresholds(RewritePattern):
    def __init__(self, max_bits: int):
        self.max_bits = max_bits

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: qnn.QuantOp, rewriter: PatternRewriter, /):
        if constant_of(op.input) is not None:
            return  # weights: qnn-fold-quant-weights
        bits = op.bitwidth.value.data
        if bits > self.max_bits:
            return
        scale = numpy_from_dense(op.scale).astype(np.float32)
        zp = numpy_from_dense(op.zeropt).astype(np.float32)
        if not np.all(zp == np.round(zp)) or np.unique(zp).size > 1:
            return
        shape = op.input.type.get_shape()
        found = channel_layout(np.broadcast_shapes(scale.shape, zp.shape), shape)
        if found is None:
            return
        axis, layout = found
        channels = shape[axis] if axis is not None else 1
        sc = per_channel(np.broadcast_to(scale, np.broadcast_shapes(scale.shape, zp.shape)), shape, axis)
        zc = np.float32(zp.reshape(-1)[0])
        signed, narrow = bool(op.signed.value.data), bool(op.narrow.value.data)
        mode = op.rounding_mode.data

        def levels(c: np.ndarray) -> np.ndarray:
            return numeric.quant_int(c, sc, np.asarray(zc), bits, signed, narrow, mode)

        if bits == 1 and signed:
            targets = np.array([1.0])
            out_type: Attribute = dt.BipolarType()
            out_scale, out_bias = 2.0, -1.0 - float(zc)
            if zc != 0:
                out_type = dt.smallest_integer_type(-1 - zc, 1 - zc)
        else:
            lo, hi = numeric.int_range(bits, signed, narrow)
            targets = np.arange(lo + 1, hi + 1, dtype=np.float64)
            out_scale, out_bias = 1.0, float(lo - zc)
            out_type = (dt.IntType(bits) if signed else dt.UIntType(bits)) if zc == 0 else dt.smallest_integer_type(lo - zc, hi - zc)
        t = thresholds_for(op.input, levels, targets, channels)
        _replace_with_thresholds(op, rewriter, op.input, t, layout, out_type, out_scale, out_bias, scale)


class BipolarQuantToThresholds(RewritePattern):
    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: qnn.BipolarQuantOp, rewriter: PatternRewriter, /):
        if constant_of(op.input) is not None:
            return
        t = thresholds_for(op.input, lambda c: np.where(c >= 0, 1.0, 0.0), np.array([1.0]), 1)
        scale = numpy_from_dense(op.scale).astype(np.float32)
        _replace_with_thresholds(op, rewriter, op.input, t, "NCHW", dt.BipolarType(), 2.0, -1.0, scale)


class SignToThresholds(RewritePattern):
    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: qnn.SignOp, rewriter: PatternRewriter, /):
        if constant_of(op.input) is not None:
            return
        t = thresholds_for(op.input, np.sign, np.array([0.0, 1.0]), 1)
        _replace_with_thresholds(op, rewriter, op.input, t, "NCHW", dt.IntType(2), 1.0, -1.0, None)


@dataclass(frozen=True)
class QnnActivationToThresholds(ModulePass):
    """Quantized activations (quant, bipolar_quant, sign) become exact multithresholds times their scale."""

    name = "qnn-activation-to-thresholds"

    max_bits: int = 8
    """Quantizers wider than this stay (2^bits - 1 thresholds each)."""

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        apply_patterns(op, QuantToThresholds(self.max_bits), BipolarQuantToThresholds(), SignToThresholds())
