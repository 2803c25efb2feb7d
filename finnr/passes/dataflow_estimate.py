"""``dataflow-estimate``: annotate every dataflow layer with its predicted
cost at its current folding, as a ``cost`` attribute::

    dataflow.mvau %x {..., cost = {cycles = 9600 : i64, lut = 1234 : i64, ff = 800 : i64,
                                   bram18 = 2 : i64, uram = 0 : i64, dsp = 0 : i64}}

The figures come from ``finnr.models`` (cycles per frame; LUT, FF, BRAM18,
URAM, DSP), rounded up to integers, by the module's cost model
(``finnr.cost_model``, recorded by ``dataflow-set-folding``; default
``finn-r``) or the one ``cost-model=NAME`` names (then recorded on the
module). Running it again refreshes them."""

from __future__ import annotations

import math
from dataclasses import dataclass

from xdsl.context import Context
from xdsl.dialects.builtin import DictionaryAttr, IntegerAttr, ModuleOp, i64
from xdsl.passes import ModulePass

from finnr.models import cost_models
from finnr.models import layers as lm

COST_KEYS = ("cycles", "lut", "ff", "bram18", "uram", "dsp")


def cost_attr(op, model: str | None = None) -> DictionaryAttr:
    res = lm.layer_resources(op, model)
    values = {"cycles": lm.layer_cycles(op, model), **res}
    return DictionaryAttr({k: IntegerAttr(int(math.ceil(values[k] - 1e-9)), i64) for k in COST_KEYS})


@dataclass(frozen=True)
class DataflowEstimate(ModulePass):
    """Annotate every dataflow layer with its predicted cycles and resources."""

    name = "dataflow-estimate"

    cost_model: str | None = None

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        if self.cost_model is not None:
            cost_models.set_on_module(op, self.cost_model)
        model = cost_models.of_module(op)
        for layer in lm.dataflow_layers(op):
            layer.attributes["cost"] = cost_attr(layer, model)
