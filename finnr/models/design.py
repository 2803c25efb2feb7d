"""The resources of a finished design, as the one fit rule
(:mod:`finnr.models.fit`) judges them: every dataflow layer, FIFOs and width
converters included, and the shared engines of multi-layer offloads."""

from __future__ import annotations

from finnr.dialects import dataflow as df
from finnr.models import layers as lm
from finnr.models import offload
from finnr.models.fit import RESOURCES


def design_totals(module) -> dict[str, float]:
    """LUT/FF/BRAM18/URAM/DSP of a finished design: every dataflow layer
    (FIFOs and width converters included) at its folding, plus the shared
    engines of its multi-layer offloads."""
    total = dict.fromkeys(RESOURCES, 0.0)
    parts = [lm.layer_resources(op) for op in lm.dataflow_layers(module)
             if not isinstance(op.parent_op(), df.OffloadOp)]
    parts += [offload.engine_resources(offload.engine_of(op)) for op in module.walk() if isinstance(op, df.EngineOp)]
    for res in parts:
        for r in RESOURCES:
            total[r] += float(res[r])
    return total
