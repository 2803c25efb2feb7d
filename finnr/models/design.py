"""The resources of a finished design, as the one fit rule
(:mod:`finnr.models.fit`) judges them: every dataflow layer, FIFOs and width
converters included, and the shared engines of multi-layer offloads."""

from __future__ import annotations

from finnr.dialects import dataflow as df
from finnr.models import cost_models, offload
from finnr.models import layers as lm
from finnr.models.fit import RESOURCES


def design_totals(module) -> dict[str, float]:
    """LUT/FF/BRAM18/URAM/DSP of a finished design: every dataflow layer
    (FIFOs and width converters included) at its folding, plus the shared
    engines of its multi-layer offloads, by the module's cost model (with
    the host layers it builds in hardware, :func:`cost_models.host_layers`)."""
    total = dict.fromkeys(RESOURCES, 0.0)
    model = cost_models.of_module(module)
    parts = [lm.layer_resources(op, model) for op in lm.dataflow_layers(module)
             if not isinstance(op.parent_op(), df.OffloadOp)] + [cost_models.host_totals(module)]
    parts += [offload.engine_resources(offload.engine_of(op)) for op in module.walk() if isinstance(op, df.EngineOp)]
    for res in parts:
        for r in RESOURCES:
            total[r] += float(res[r])
    return total
