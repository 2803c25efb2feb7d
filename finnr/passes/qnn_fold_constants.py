"""``qnn-fold-constants``: evaluate qnn ops whose operands are all constants.

Every pure qnn op except the quantizers (``qnn.quant``, ``qnn.bipolar_quant``,
``qnn.trunc``, ``qnn.multithreshold``: folding those on weights is
``qnn-fold-quant-weights``, which keeps their integer structure) is computed
with the reference interpreter and replaced by a ``qnn.constant`` of the same
type, so the result is exactly what the op computed. An op that turns
integer constants into floats (an integer weight times its scale) is left
alone: that structure is what later passes move and absorb."""

from __future__ import annotations

from dataclasses import dataclass

from xdsl.context import Context
from xdsl.dialects.builtin import ModuleOp
from xdsl.ir import Operation
from xdsl.passes import ModulePass
from xdsl.pattern_rewriter import PatternRewriter, RewritePattern

from finnr.dialects import datatypes as dt
from finnr.dialects import qnn
from finnr.passes.utils import apply_patterns, constant_of, element_type, evaluate, make_constant

_NOT_FOLDED = (qnn.ConstantOp, qnn.QuantOp, qnn.BipolarQuantOp, qnn.TruncOp, qnn.MultiThresholdOp)


class FoldConstantOp(RewritePattern):
    """op(const, ...) -> const, for every pure qnn op but the quantizers."""

    def match_and_rewrite(self, op: Operation, rewriter: PatternRewriter, /):
        if not isinstance(op, qnn.QnnOp) or isinstance(op, _NOT_FOLDED):
            return
        if not all(dt.is_datatype(element_type(r)) for r in op.results):
            return  # e.g. topk indices: no qnn.constant holds them
        if any(dt.is_integer(element_type(v)) for v in op.operands) and not all(
            dt.is_integer(element_type(r)) for r in op.results
        ):
            return  # integers times a float scale: qnn-move-affine moves the scale
        values = [constant_of(v) for v in op.operands]
        if any(v is None for v in values):
            return
        results = evaluate(op, values)
        new = [make_constant(r, element_type(res)) for r, res in zip(results, op.results)]
        rewriter.replace(op, new, [c.result for c in new])


@dataclass(frozen=True)
class QnnFoldConstants(ModulePass):
    """Evaluate qnn ops whose operands are all constants (quantizers excepted)."""

    name = "qnn-fold-constants"

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        apply_patterns(op, FoldConstantOp())
