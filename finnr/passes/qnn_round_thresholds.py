"""``qnn-round-thresholds``: thresholds of a multithreshold whose input is
an integer datatype become integers of the input's range.

For an integer x, ``x >= t`` equals ``x >= ceil(t)``; thresholds below the
input's minimum are clipped to it and those above its maximum to max + 1
(never reached), so every threshold fits the input datatype widened by one
step. The thresholds then get the narrowest integer datatype holding them.
Refused when the input is not an integer datatype, the thresholds are
already integers of an integer type, or the rounded thresholds need more
than 32 bits.

A multithreshold that is the identity on its integer input disappears: its
thresholds are ``lo + 1, ..., hi`` for the input datatype's range [lo, hi]
(in every row), the output ``count + lo`` (scale 1, bias lo), of the input's
type (the requantizer an ONNX Runtime QDQ graph puts after a max pool or a
reshape, on an unchanged scale)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from xdsl.context import Context
from xdsl.dialects.builtin import ModuleOp
from xdsl.passes import ModulePass
from xdsl.pattern_rewriter import PatternRewriter, RewritePattern, op_type_rewrite_pattern

from finnr.dialects import datatypes as dt
from finnr.dialects import qnn
from finnr.passes.utils import apply_patterns, constant_of, element_type, make_constant


class RoundThresholds(RewritePattern):
    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: qnn.MultiThresholdOp, rewriter: PatternRewriter, /):
        x_elt = element_type(op.input)
        t = constant_of(op.thresholds)
        if t is None or not dt.is_integer(x_elt) or dt.is_integer(element_type(op.thresholds)):
            return
        lo, hi = dt.value_range(x_elt)
        rounded = np.clip(np.ceil(np.asarray(t, np.float64)), lo, hi + 1)
        try:
            ttype = dt.smallest_integer_type(float(rounded.min()), float(rounded.max()))
        except ValueError:
            return  # an int<32> input's full range plus one: no 32-bit type holds it
        tc = make_constant(rounded, ttype)
        new = qnn.MultiThresholdOp(
            op.input, tc.result, op.result.type, out_dtype=op.out_dtype,
            out_scale=op.out_scale.value.data, out_bias=op.out_bias.value.data, data_layout=op.data_layout.data,
        )
        rewriter.replace(op, [tc, new])


class RemoveIdentityThresholds(RewritePattern):
    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: qnn.MultiThresholdOp, rewriter: PatternRewriter, /):
        x_elt = element_type(op.input)
        t = constant_of(op.thresholds)
        if t is None or not dt.is_integer(x_elt) or isinstance(x_elt, dt.BipolarType) or op.result.type != op.input.type:
            return
        lo, hi = dt.value_range(x_elt)
        if op.out_scale.value.data != 1 or op.out_bias.value.data != lo:
            return
        steps = np.arange(lo + 1, hi + 1)
        t = np.asarray(t, np.float64)
        if t.shape[1] != steps.size or not np.all(t == steps):
            return
        rewriter.replace(op, [], [op.input])


@dataclass(frozen=True)
class QnnRoundThresholds(ModulePass):
    """Thresholds on integer inputs become integers (ceil, clipped to the input range); identities go."""

    name = "qnn-round-thresholds"

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        apply_patterns(op, RoundThresholds(), RemoveIdentityThresholds())
