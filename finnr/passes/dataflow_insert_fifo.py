"""``dataflow-insert-fifo``: a FIFO of ``depth`` words (default 2) between
every two connected layers of a partition, as wide as the producer's output
stream. Connections that already pass through a FIFO are left alone, so the
pass is idempotent; run it after ``dataflow-insert-duplicate`` (a fork is
a layer, so each branch gets its FIFO) and ``dataflow-insert-dwc``.

This pass places the FIFOs; ``dataflow-size-fifos`` gives each the depth
the pipeline needs (a join, whose inputs are read in lock step, needs deep
FIFOs on its short branch: with depth-2 FIFOs there it can deadlock)."""

from __future__ import annotations

from dataclasses import dataclass

from xdsl.context import Context
from xdsl.dialects.builtin import ModuleOp
from xdsl.passes import ModulePass
from xdsl.pattern_rewriter import PatternRewriter, RewritePattern
from xdsl.rewriter import InsertPoint

from finnr.defaults import DEFAULT_FIFO_DEPTH
from finnr.diagnostics import FinnrError
from finnr.dialects import dataflow as df
from finnr.models import layers as lm
from finnr.passes.utils import apply_patterns


class InsertFIFO(RewritePattern):
    def __init__(self, depth: int):
        self.depth = depth

    def match_and_rewrite(self, op, rewriter: PatternRewriter, /):
        if not lm.is_layer(op) or isinstance(op, df.FIFOOp):
            return
        for i, v in enumerate(op.operands):
            producer = v.owner
            if isinstance(producer, df.FIFOOp) or not lm.is_layer(producer):
                continue
            fifo = df.FIFOOp(v, depth=self.depth, elems=lm.stream_widths(producer)[1])
            rewriter.insert(fifo, InsertPoint.before(op))
            op.operands[i] = fifo.result
            rewriter.notify_op_modified(op)


@dataclass(frozen=True)
class DataflowInsertFIFO(ModulePass):
    """Insert a FIFO between every two connected layers."""

    name = "dataflow-insert-fifo"

    depth: int = DEFAULT_FIFO_DEPTH

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        if self.depth < 1:
            raise FinnrError(f"dataflow-insert-fifo: depth must be >= 1, got {self.depth}")
        apply_patterns(op, InsertFIFO(self.depth))
