"""``qnn-split-conv-bias``: a convolution's constant bias becomes an add
after it, ``conv(x, W, b) -> add(conv(x, W), b)``, b shaped per output
channel. The reference interpreter adds the bias to the finished sum in the
same dtype, so the rewrite is exact; the add then moves on like any other
(into thresholds) and the conv's scales can leave it (``qnn-move-affine``
refuses a conv with a bias). Refused: a bias that is not a constant."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from xdsl.context import Context
from xdsl.dialects.builtin import ModuleOp, TensorType
from xdsl.passes import ModulePass
from xdsl.pattern_rewriter import PatternRewriter, RewritePattern, op_type_rewrite_pattern

from finnr.dialects import datatypes as dt
from finnr.dialects import qnn
from finnr.passes.utils import apply_patterns, constant_of, element_type, make_constant


class SplitConvBias(RewritePattern):
    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: qnn.ConvOp, rewriter: PatternRewriter, /):
        if op.bias is None:
            return
        b = constant_of(op.bias)
        if b is None:
            return
        rank = len(op.result.type.get_shape())
        per_channel = np.asarray(b).reshape(-1)
        if op.data_layout.data != "NHWC":
            per_channel = per_channel.reshape((-1,) + (1,) * (rank - 2))
        conv = qnn.ConvOp(
            op.operands[0], op.operands[1], None, TensorType(dt.f32, op.result.type.get_shape()),
            strides=op.strides.get_values(), pads=op.pads.get_values(), dilations=op.dilations.get_values(),
            group=op.group.value.data, data_layout=op.data_layout.data,
        )
        k = make_constant(per_channel, element_type(op.bias))
        rewriter.replace(op, [conv, k, qnn.AddOp(conv.result, k.result, op.result.type)])


@dataclass(frozen=True)
class QnnSplitConvBias(ModulePass):
    """A conv's constant bias becomes an add after it (exact)."""

    name = "qnn-split-conv-bias"

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        apply_patterns(op, SplitConvBias())
