"""``dataflow-set-fifo-depths{config=PATH}``: set the depth of FIFOs from a
file in FINN's hardware-config format — FIFO name -> ``{"depth": N}``, the
names FINN's (``StreamingFIFO_rtl_0``, ... as ``finnr.interop.finn.finn_names``
gives them), the format of the ``fifo_depths.json`` that ``finnr rtlsim
--size-fifos`` writes and of FINN's ``final_hw_config.json``. Entries of
other layer kinds (a full FINN config) are ignored; a FIFO the file does not
name keeps its depth. Run it after ``dataflow-insert-fifo``.

Refused: an unreadable file, an entry naming no FIFO of the module, a depth
that is not a positive integer."""

from __future__ import annotations

from dataclasses import dataclass

from xdsl.context import Context
from xdsl.dialects.builtin import ModuleOp
from xdsl.passes import ModulePass

from finnr.diagnostics import FinnrError
from finnr.dialects import dataflow as df
from finnr.dialects.utils import i64_attr
from finnr.interop.finn import finn_names, finn_op_class, read_folding_config
from finnr.models import layers as lm


def fifo_depths(path: str) -> dict[str, int]:
    """The FIFO depths a config file sets, by FIFO name."""
    depths = {}
    for name, attrs in read_folding_config(path).items():
        if finn_op_class(name) is not df.FIFOOp:
            continue
        depth = attrs.get("depth") if isinstance(attrs, dict) else None
        if not isinstance(depth, int) or isinstance(depth, bool) or depth < 1:
            raise FinnrError(f"{path}: '{name}': depth must be a positive integer, got {depth!r}")
        depths[name] = depth
    return depths


@dataclass(frozen=True)
class DataflowSetFIFODepths(ModulePass):
    """Set FIFO depths from a FINN hardware config (FIFO name -> {"depth": N})."""

    name = "dataflow-set-fifo-depths"

    config: str = ""

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        if not self.config:
            raise FinnrError("dataflow-set-fifo-depths needs config=PATH")
        depths = fifo_depths(self.config)
        layers = lm.dataflow_layers(op)
        fifos = {n: l for n, l in zip(finn_names(layers), layers) if isinstance(l, df.FIFOOp)}
        unknown = sorted(set(depths) - set(fifos))
        if unknown:
            raise FinnrError(f"{self.config}: no FIFO named {', '.join(unknown)} in this module "
                             f"(its FIFOs: {', '.join(fifos) or 'none'}; run dataflow-insert-fifo first)")
        for name, depth in depths.items():
            fifos[name].properties["depth"] = i64_attr(depth)
