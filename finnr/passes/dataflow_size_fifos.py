"""``dataflow-size-fifos``: give every FIFO of every dataflow partition the
depth the pipeline needs to run at its slowest layer's rate, from the
engines' exact schedules (:func:`finnr.models.schedule.fifo_depths`): the
partition's inputs offered evenly at that rate, each FIFO as deep as the
most words it holds in a cycle that pushes one, + 1 (a FIFO already deeper keeps its depth). No
producer then ever finds its FIFO full, so the design runs as if its FIFOs
were infinite: every layer at the slowest one's rate, and no fork and join
can deadlock. ``finnr rtlsim`` measures it; ``finnr rtlsim --size-fifos``
sizes by simulation instead, as a check.

Run it after ``dataflow-insert-fifo`` (and after the folding: the depths
follow from it). ``frames=N`` simulates N frames only (a quick estimate,
as the folding optimizer uses to cost the FIFOs; 0, the default, until
every FIFO's peak stops growing). Refused: a stream between two layers without a FIFO, and
a stream with several readers (run ``dataflow-insert-duplicate``), whose
schedules the model does not cover."""

from __future__ import annotations

from dataclasses import dataclass

from xdsl.context import Context
from xdsl.dialects.builtin import ModuleOp
from xdsl.passes import ModulePass

from finnr.diagnostics import FinnrError
from finnr.dialects import dataflow as df
from finnr.dialects.utils import i64_attr
from finnr.models import layers as lm
from finnr.models import schedule


def _check(part: df.PartitionOp) -> None:
    block = part.body.block
    for i, v in enumerate(block.args):
        if len({use.operation for use in v.uses}) > 1:
            raise FinnrError(f"dataflow-size-fifos: partition input #{i} has several readers; "
                             "run dataflow-insert-duplicate first")
    for op in block.ops:
        for v in op.results:
            readers = {use.operation for use in v.uses}
            if len(readers) > 1:
                raise FinnrError(f"dataflow-size-fifos: the result of '{op.name}' has several readers; "
                                 "run dataflow-insert-duplicate first")
            if (lm.is_layer(op) and not isinstance(op, df.FIFOOp)
                    and any(lm.is_layer(r) and not isinstance(r, df.FIFOOp) for r in readers)):
                raise FinnrError(f"dataflow-size-fifos: '{op.name}' streams into a layer without a FIFO; "
                                 "run dataflow-insert-fifo first")


@dataclass(frozen=True)
class DataflowSizeFIFOs(ModulePass):
    """Size every FIFO for its partition's slowest layer's rate."""

    name = "dataflow-size-fifos"

    frames: int = 0
    """Frames to simulate; 0: until every FIFO's peak stops growing (see
    :func:`finnr.models.schedule.fifo_depths`)."""

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        if self.frames < 0:
            raise FinnrError(f"dataflow-size-fifos: frames must be >= 0, got {self.frames}")
        for part in op.walk():
            if not isinstance(part, df.PartitionOp):
                continue
            _check(part)
            for fifo, depth in schedule.fifo_depths(part, self.frames or None).items():
                if depth > fifo.depth.value.data:
                    fifo.properties["depth"] = i64_attr(depth)
