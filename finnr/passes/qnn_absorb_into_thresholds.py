"""``qnn-absorb-into-thresholds``: elementwise monotone ops in front of a
multithreshold move into its thresholds.

``multithreshold(f(x), T)`` becomes ``multithreshold(x, T')`` for f one of

- ``qnn.add`` / ``qnn.sub`` with a constant (x + a, x - a),
- ``qnn.mul`` with a constant m >= 0, ``qnn.div`` by a constant d > 0,
- a monotonic activation (relu, leaky relu, clip, hard sigmoid, sigmoid,
  tanh: ``MONOTONIC_ACTIVATIONS`` of ``qnn-activation-to-thresholds``,
  keyed by op class),

where the constant is a scalar or varies along the multithreshold's channel
axis. ``T'[c, k]`` is the smallest input (a float32, or an integer when x is
an integer datatype) with ``f(x) >= T[c, k]`` as the reference interpreter
computes f, so the rewrite is exact. A negative multiplier or divisor (f
decreasing) is refused: ``qnn-move-affine`` first moves its sign into the
weights of a preceding matmul or conv. A zero multiplier makes the count
constant, which the thresholds express exactly (-inf or +inf). The f must
have no other user. For an activation not monotone by construction in float
arithmetic (sigmoid, tanh: a libm function), the new thresholds are checked
on the 256 inputs on either side of each (and on the whole integer range
when it has at most 2^12 values); the rewrite is refused if the check fails.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from xdsl.context import Context
from xdsl.dialects.builtin import ModuleOp
from xdsl.passes import ModulePass
from xdsl.pattern_rewriter import PatternRewriter, RewritePattern, op_type_rewrite_pattern

from finnr.dialects import qnn
from finnr.interpreter.qnn import compute_dtype, repr_dtype
from finnr.passes.qnn_activation_to_thresholds import (
    MONOTONIC_ACTIVATIONS,
    input_search_range,
    per_channel,
    threshold_constant,
)
from finnr.passes.utils import apply_patterns, constant_of, reaching_holds, smallest_reaching


def _elementwise(op) -> tuple | None:
    """(x, f(candidates, channel_column) -> values, constant) for an
    absorbable op, or None."""
    dtype = compute_dtype(op)
    act = MONOTONIC_ACTIVATIONS.get(type(op))
    if act is not None:
        return op.input, lambda c, k: act.fn(op, c.astype(dtype)), None
    if not isinstance(op, qnn.BinaryElementwiseOp):
        return None
    lhs_c, rhs_c = constant_of(op.lhs), constant_of(op.rhs)
    if rhs_c is not None and lhs_c is None:
        x, const = op.lhs, rhs_c
    elif lhs_c is not None and rhs_c is None and isinstance(op, qnn.AddOp | qnn.MulOp):
        x, const = op.rhs, lhs_c
    else:
        return None
    if x.type.get_shape() != op.result.type.get_shape():
        return None  # the constant must not broadcast x itself
    fns: dict[type, Callable] = {
        qnn.AddOp: lambda c, k: c.astype(dtype) + k.astype(dtype),
        qnn.SubOp: lambda c, k: c.astype(dtype) - k.astype(dtype),
        qnn.MulOp: lambda c, k: c.astype(dtype) * k.astype(dtype),
        qnn.DivOp: lambda c, k: c.astype(dtype) / k.astype(dtype),
    }
    if isinstance(op, qnn.MulOp) and np.any(const < 0):
        return None
    if isinstance(op, qnn.DivOp) and np.any(const <= 0):
        return None
    return x, fns[type(op)], const


class AbsorbIntoThresholds(RewritePattern):
    @op_type_rewrite_pattern
    def match_and_rewrite(self, mt: qnn.MultiThresholdOp, rewriter: PatternRewriter, /):
        producer = mt.input.owner
        if type(producer) not in MONOTONIC_ACTIVATIONS and not isinstance(producer, qnn.BinaryElementwiseOp):
            return
        if not mt.input.has_one_use():
            return
        found = _elementwise(producer)
        if found is None:
            return
        x, fn, const = found
        thresholds = constant_of(mt.thresholds)
        if thresholds is None:
            return
        shape = mt.input.type.get_shape()
        axis = qnn.channel_axis(mt.data_layout.data, len(shape))
        channels = shape[axis]
        if const is not None:
            padded = np.asarray(const).reshape((1,) * (len(shape) - np.ndim(const)) + np.shape(const))
            if any(d != 1 for i, d in enumerate(padded.shape) if i != axis):
                return  # varies along a non-channel axis
            kcol = per_channel(padded, shape, axis) if padded.shape[axis] != 1 else padded.reshape(1, 1)
        else:
            kcol = np.zeros((1, 1))
        rows = channels if (thresholds.shape[0] != 1 or kcol.shape[0] != 1) else 1
        t_full = np.broadcast_to(np.asarray(thresholds, np.float64), (rows, thresholds.shape[1]))
        kcol = np.broadcast_to(kcol, (rows, 1))
        # compare exactly as the interpreter would: f's result in its own
        # representation, then both sides in the multithreshold's dtype
        f_repr, mt_dtype = repr_dtype(producer.results[0].type), compute_dtype(mt)
        t_cmp = t_full.astype(repr_dtype(mt.thresholds.type)).astype(mt_dtype)

        def pred(c: np.ndarray) -> np.ndarray:
            return fn(np.asarray(c), kcol).astype(f_repr).astype(mt_dtype) >= t_cmp

        new_t = smallest_reaching(pred, t_full.shape, input_search_range(x))
        act = MONOTONIC_ACTIVATIONS.get(type(producer))
        if act is not None and not act.rounded_monotone and not reaching_holds(pred, new_t, input_search_range(x)):
            return  # not monotone in float arithmetic near a threshold
        tconst = threshold_constant(x, new_t)
        new_mt = qnn.MultiThresholdOp(
            x, tconst.result, mt.result.type, out_dtype=mt.out_dtype,
            out_scale=mt.out_scale.value.data, out_bias=mt.out_bias.value.data, data_layout=mt.data_layout.data,
        )
        rewriter.replace(mt, [tconst, new_mt])
        rewriter.erase(producer)


@dataclass(frozen=True)
class QnnAbsorbIntoThresholds(ModulePass):
    """Constant add/sub/mul/div and monotonic activations in front of a multithreshold move exactly into its thresholds."""

    name = "qnn-absorb-into-thresholds"

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        apply_patterns(op, AbsorbIntoThresholds())
