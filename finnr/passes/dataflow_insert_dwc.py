"""``dataflow-insert-dwc``: a data-width converter wherever a layer's output
stream carries a different number of elements per beat than its consumer
reads (e.g. an MVAU with PE 4 feeding one with SIMD 8). Layers whose widths
agree are left alone, so the pass is idempotent. A converter that is
already there (one that re-views the frame in another shape, made by
``convert-qnn-to-dataflow`` for a flatten) takes its neighbours' widths
instead of getting a second converter beside it; run it after the folding
is set and after ``dataflow-insert-duplicate`` (whose forks pass a stream on
at its producer's width, so a reader of another width needs a converter
after the fork)."""

from __future__ import annotations

from dataclasses import dataclass

from xdsl.context import Context
from xdsl.dialects.builtin import ModuleOp
from xdsl.passes import ModulePass
from xdsl.pattern_rewriter import PatternRewriter, RewritePattern
from xdsl.rewriter import InsertPoint

from finnr.dialects import dataflow as df
from finnr.dialects.utils import i64_attr
from finnr.models import layers as lm
from finnr.passes.utils import apply_patterns


class InsertDWC(RewritePattern):
    def match_and_rewrite(self, op, rewriter: PatternRewriter, /):
        if not lm.is_layer(op):
            return
        for i, v in enumerate(op.operands):
            producer = v.owner
            if not lm.is_layer(producer):
                continue
            out_w = lm.stream_widths(producer)[1]
            in_w = lm.stream_widths(op)[0]
            if out_w == in_w:
                continue
            if isinstance(op, df.DWCOp):
                op.properties["in_elems"] = i64_attr(out_w)
                rewriter.notify_op_modified(op)
                continue
            if isinstance(producer, df.DWCOp) and v.has_one_use():
                producer.properties["out_elems"] = i64_attr(in_w)
                rewriter.notify_op_modified(producer)
                continue
            dwc = df.DWCOp(v, in_elems=out_w, out_elems=in_w)
            rewriter.insert(dwc, InsertPoint.before(op))
            op.operands[i] = dwc.result
            rewriter.notify_op_modified(op)


@dataclass(frozen=True)
class DataflowInsertDWC(ModulePass):
    """Insert data-width converters between layers whose stream widths differ."""

    name = "dataflow-insert-dwc"

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        apply_patterns(op, InsertDWC())
