"""``dataflow-insert-fifo``: a FIFO of ``depth`` words (default 2) between
every two connected layers of a partition, as wide as the producer's output
stream (and in front of a join's input that comes straight from the
partition's input, where the join needs one, see below). Connections that already pass through a FIFO are left alone, so the
pass is idempotent; run it after ``dataflow-insert-dwc``.

A join (``add_streams``) reads its inputs in lock step, and the fork
upstream of it feeds both branches in lock step: while the long branch
fills its line buffers, everything the fork sends down the short branch
waits in the short branch's FIFO. So the FIFO in front of each input of a
join is at least as deep as the other branches hold beyond its own: the
parts of a frame that the layers between the fork and the join hold at most
(each layer's ``held_fraction`` from the cost model: a window's line buffer,
a vector in flight, a FIFO's words), summed along each branch, in beats of
the FIFO's stream, plus 2. A branch that holds no more never waits on
another and the pipeline cannot deadlock (``finnr rtlsim`` checks it);
the sizes are safe bounds, not the smallest (exact sizing is separate)."""

from __future__ import annotations

import math
from dataclasses import dataclass

from xdsl.context import Context
from xdsl.dialects.builtin import ModuleOp
from xdsl.ir import Block, Operation, SSAValue
from xdsl.passes import ModulePass
from xdsl.pattern_rewriter import PatternRewriter, RewritePattern
from xdsl.rewriter import InsertPoint

from finnr.defaults import DEFAULT_FIFO_DEPTH
from finnr.diagnostics import FinnrError
from finnr.dialects import dataflow as df
from finnr.models import layers as lm
from finnr.passes.utils import apply_patterns


def _ancestors(v: SSAValue) -> list[SSAValue]:
    """``v`` and the values it is computed from inside its partition,
    nearest first."""
    seen: list[SSAValue] = []
    todo = [v]
    while todo:
        x = todo.pop(0)
        if x in seen:
            continue
        seen.append(x)
        if not isinstance(x.owner, Block):
            todo.extend(x.owner.operands)
    return seen


def _held(v: SSAValue, fork: SSAValue) -> float:
    """The most of a frame the layers between ``fork`` and ``v`` hold."""
    if v is fork or isinstance(v.owner, Block):
        return 0.0
    op = v.owner
    return lm.held_fraction(op) + max(_held(x, fork) for x in op.operands)


def _join_depth(join: Operation, index: int, elems: int) -> int:
    """The depth the FIFO in front of input ``index`` of a join needs; 0
    for an op that is no join."""
    if len(join.operands) < 2:
        return 0
    mine = join.operands[index]
    others = [v for j, v in enumerate(join.operands) if j != index]
    extra = 0.0
    for other in others:
        reach = set(_ancestors(other))
        fork = next((a for a in _ancestors(mine) if a in reach), None)
        if fork is None:
            continue  # independent inputs (two partition inputs): nothing to wait for
        extra = max(extra, _held(other, fork) - _held(mine, fork))
    beats = math.prod(mine.type.get_shape()) // elems
    return math.ceil(extra * beats) + 2 if extra > 0 else 0


class InsertFIFO(RewritePattern):
    def __init__(self, depth: int):
        self.depth = depth

    def match_and_rewrite(self, op, rewriter: PatternRewriter, /):
        if not lm.is_layer(op) or isinstance(op, df.FIFOOp):
            return
        for i, v in enumerate(op.operands):
            producer = v.owner
            if isinstance(producer, df.FIFOOp):
                continue
            if lm.is_layer(producer):
                elems = lm.stream_widths(producer)[1]
                depth = max(self.depth, _join_depth(op, i, elems))
            else:  # a partition input: a FIFO only where a join needs one
                elems = lm.stream_widths(op)[0]
                depth = _join_depth(op, i, elems)
                if not depth:
                    continue
            fifo = df.FIFOOp(v, depth=depth, elems=elems)
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
