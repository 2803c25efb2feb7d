"""Which architecture a network gets (``finnr build --arch auto``):
dataflow, one engine per layer, when its compute layers fit the budget
(the one fit rule, :mod:`finnr.models.fit`) at some folding; multi-layer
offload (shared engines, weights in off-chip memory) when they do not.
Pure functions of the cost model."""

from __future__ import annotations

from collections.abc import Sequence

from xdsl.ir import Operation

from finnr.diagnostics import FinnrError
from finnr.dialects import dataflow as df
from finnr.models import cost, fit, optimizer
from finnr.models.devices import Device

ALIASES = {"df": "dataflow", "dataflow": "dataflow", "mo": "offload", "offload": "offload", "auto": "auto"}


def choose_arch(specs: list[cost.LayerSpec], device: Device, utilization: float) -> tuple[str, str]:
    """(architecture, the reason in words) for the compute layers ``specs``."""
    budget = fit.budget(device, utilization)
    loosest = optimizer.fits_at_all(specs, budget, uram=device.uram > 0)
    if loosest.fits:
        return "dataflow", (f"chosen by --arch auto: every layer gets its own engine; a folding within "
                            f"{utilization:.0%} of {device.name} exists")
    use = ", ".join(f"{fit.NAMES[r]} {loosest.totals[r]:.0f}/{budget[r]:.0f}" for r in fit.RESOURCES if budget[r] > 0)
    over = [fit.NAMES[r] for r in fit.over(loosest.totals, budget)]
    return "offload", (
        f"chosen by --arch auto: a dataflow design does not fit {utilization:.0%} of {device.name} at any "
        f"folding ({', '.join(over)} over: {use}), so the layers share engines and stream their weights "
        f"from off-chip memory"
    )


def refuse_offload(module: Operation, what: str, missing: str, notes: Sequence[str] = ()) -> None:
    """Raise the one diagnostic of a lowering or target that has nothing
    for the multi-layer-offload architecture yet, naming the first
    ``dataflow.offload`` of ``module``: "WHAT: 'dataflow.offload' "NAME"
    (multi-layer offload) MISSING"."""
    for op in module.walk():
        if isinstance(op, df.OffloadOp):
            name = f' "{op.sym_name.data}"' if op.sym_name is not None else ""
            raise FinnrError(f"{what}: 'dataflow.offload'{name} (multi-layer offload) {missing}", list(notes))
