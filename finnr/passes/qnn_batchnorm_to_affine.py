"""``qnn-batchnorm-to-affine``: inference batch normalization becomes a
channelwise multiply and add.

``batchnorm(x) = x * A + B`` with ``A = scale / sqrt(var + eps)`` and
``B = bias - mean * A``, computed in float64 and stored as f32 constants of
shape (C, 1, ...) that broadcast over axis 1. Refused when a parameter is not
a constant."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from xdsl.context import Context
from xdsl.dialects.builtin import ModuleOp
from xdsl.passes import ModulePass
from xdsl.pattern_rewriter import PatternRewriter, RewritePattern, op_type_rewrite_pattern

from finnr.dialects import qnn
from finnr.passes.utils import apply_patterns, constant_of, make_constant


class BatchNormToAffine(RewritePattern):
    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: qnn.BatchNormOp, rewriter: PatternRewriter, /):
        params = [constant_of(v) for v in (op.scale, op.bias, op.mean, op.var)]
        if any(p is None for p in params):
            return
        s, b, m, v = (np.asarray(p, np.float64) for p in params)
        a = s / np.sqrt(v + np.float64(np.float32(op.epsilon.value.data)))
        c = b - m * a
        rank = len(op.input.type.get_shape())
        shape = (-1,) + (1,) * (rank - 2)
        ac = make_constant(a.reshape(shape).astype(np.float32))
        cc = make_constant(c.reshape(shape).astype(np.float32))
        mul = qnn.MulOp(op.input, ac.result, op.result.type)
        add = qnn.AddOp(mul.result, cc.result, op.result.type)
        rewriter.replace(op, [ac, cc, mul, add])


@dataclass(frozen=True)
class QnnBatchnormToAffine(ModulePass):
    """Batch normalization becomes a channelwise multiply and add."""

    name = "qnn-batchnorm-to-affine"

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        apply_patterns(op, BatchNormToAffine())
