"""``dataflow-insert-duplicate``: a ``dataflow.duplicate`` wherever a value
of a ``dataflow.partition`` (a partition input or a layer's result) has
several readers (layers, or the partition's outputs): a stream has one
reader, so the fork copies it, one output per reader, in the order of the
readers in the block.

The fork passes the stream on at the width it arrives: the producer's
output width, or for a partition input the width its first layer reads (1
when only outputs read it). Readers of another width need a converter after
the fork: run ``dataflow-insert-dwc`` next. Values with one reader are left
alone, so the pass is idempotent; chains are unchanged."""

from __future__ import annotations

from dataclasses import dataclass

from xdsl.context import Context
from xdsl.dialects.builtin import ModuleOp
from xdsl.ir import Block, SSAValue, Use
from xdsl.passes import ModulePass
from xdsl.pattern_rewriter import PatternRewriter, RewritePattern, op_type_rewrite_pattern
from xdsl.rewriter import InsertPoint

from finnr.dialects import dataflow as df
from finnr.models import layers as lm
from finnr.passes.utils import apply_patterns


def _width(v: SSAValue, readers: list[Use]) -> int:
    """Elements per beat of the stream ``v``."""
    if not isinstance(v.owner, Block):
        return lm.stream_widths(v.owner)[1]
    layers = [u.operation for u in readers if lm.is_layer(u.operation)]
    return lm.stream_widths(layers[0])[0] if layers else 1


class InsertDuplicate(RewritePattern):
    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: df.PartitionOp, rewriter: PatternRewriter, /):
        block = op.block
        order = {o: i for i, o in enumerate(block.ops)}
        values: list[SSAValue] = [*block.args]
        for o in block.ops:
            values.extend(o.results)
        after_args = None  # forks of the partition's inputs come first, in input order
        for v in values:
            readers = sorted(v.uses, key=lambda u: (order[u.operation], u.index))
            if len(readers) < 2:
                continue
            fork = df.DuplicateOp(v, len(readers), pe=_width(v, readers))
            if isinstance(v.owner, Block):
                where = InsertPoint.at_start(block) if after_args is None else InsertPoint.after(after_args)
                after_args = fork
            else:
                where = InsertPoint.after(v.owner)
            rewriter.insert(fork, where)
            for use, out in zip(readers, fork.outputs):
                use.operation.operands[use.index] = out
                rewriter.notify_op_modified(use.operation)


@dataclass(frozen=True)
class DataflowInsertDuplicate(ModulePass):
    """Fork every stream of a dataflow partition that has several readers."""

    name = "dataflow-insert-duplicate"

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        apply_patterns(op, InsertDuplicate())
