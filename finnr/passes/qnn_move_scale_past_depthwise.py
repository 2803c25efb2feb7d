"""``qnn-move-scale-past-depthwise``: a per-channel scale moves from the
input of a depthwise convolution to its output::

    conv(q * s, W, group = C)  ->  conv(q, W, group = C) * s'

with ``s'[m] = s[m // (M / C)]``: output channel m of a depthwise
convolution reads input channel m // (M / C) only, and zero padding is
unchanged by a scale, so the rewrite is exact (in real arithmetic). It is
what ``qnn-move-affine`` does with a scalar scale past any convolution; the
scale then moves on into the next thresholds, and the depthwise convolution
works on the integers ``q`` (MobileNet's per-channel activation scales).

Refused: a scale that is not constant or varies along a spatial or batch
axis; a convolution with a bias or that is not depthwise (group < C).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from xdsl.context import Context
from xdsl.dialects.builtin import ModuleOp, TensorType
from xdsl.passes import ModulePass
from xdsl.pattern_rewriter import PatternRewriter, RewritePattern, op_type_rewrite_pattern

from finnr.dialects import datatypes as dt
from finnr.dialects import qnn
from finnr.passes.utils import apply_patterns, constant_of, make_constant


def _channel_scale(s: np.ndarray, shape: tuple[int, ...], axis: int) -> np.ndarray | None:
    try:
        full = np.broadcast_to(np.asarray(s, np.float64), shape)
    except ValueError:
        return None
    moved = np.moveaxis(full, axis, -1).reshape(-1, shape[axis])
    return moved[0] if np.all(moved == moved[:1]) else None


class MoveScalePastDepthwise(RewritePattern):
    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: qnn.ConvOp, rewriter: PatternRewriter, /):
        mul = op.input.owner
        if not isinstance(mul, qnn.MulOp) or op.bias is not None:
            return
        x_shape = op.input.type.get_shape()
        axis = len(x_shape) - 1 if op.data_layout.data == "NHWC" else 1
        c, m = x_shape[axis], op.weights.type.get_shape()[0]
        if op.group.value.data != c:
            return
        for q, sv in ((mul.lhs, mul.rhs), (mul.rhs, mul.lhs)):
            s = constant_of(sv)
            if s is not None and q.type.get_shape() == x_shape:
                break
        else:
            return
        s_c = _channel_scale(s, x_shape, axis)
        if s_c is None:
            return
        conv = qnn.ConvOp(
            q, op.weights, None, TensorType(dt.f32, op.result.type.get_shape()),
            strides=op.strides.get_values(), pads=op.pads.get_values(), dilations=op.dilations.get_values(),
            group=c, data_layout=op.data_layout.data,
        )
        shape = [1] * len(x_shape)
        shape[axis] = m
        scale = make_constant(np.repeat(s_c, m // c).reshape(shape))
        out = qnn.MulOp(conv.result, scale.result, op.result.type)
        rewriter.replace(op, [conv, scale, out], [out.result])


@dataclass(frozen=True)
class QnnMoveScalePastDepthwise(ModulePass):
    """Per-channel scales move from a depthwise convolution's input to its output."""

    name = "qnn-move-scale-past-depthwise"

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        apply_patterns(op, MoveScalePastDepthwise())
