"""Which architecture a network gets (``finnr build --arch auto``):
dataflow, one engine per layer, when its compute layers fit the budget
(the one fit rule, :mod:`finnr.models.fit`) at some folding; multi-layer
offload (shared engines, weights in off-chip memory) when they do not.
Pure functions of the cost model (``--cost-model``, else the device
family's default), which judges the fit as the folding will."""

from __future__ import annotations

from collections.abc import Sequence

from xdsl.ir import Operation

from finnr.diagnostics import FinnrError
from finnr.dialects import dataflow as df
from finnr.models import cost, cost_models, fit, optimizer
from finnr.models.devices import Device

ALIASES = {"df": "dataflow", "dataflow": "dataflow", "mo": "offload", "offload": "offload", "auto": "auto"}


def design_specs(module: Operation, cost_model: str) -> list[cost.LayerSpec]:
    """The specs the folding of ``module`` under ``cost_model`` chooses for:
    its compute layers' (with what that model reads from the layers) and the
    host layers the model builds in hardware (FINN's input thresholding, ...)."""
    from finnr.models import layers as lm

    saved = module.attributes.get(cost_models.MODULE_ATTR)
    cost_models.set_on_module(module, cost_model)
    try:
        return [lm.spec_of(op) for op in lm.compute_layers(module.walk())] + \
            [spec for _, spec, _ in cost_models.host_layers(module)]
    finally:
        module.attributes.pop(cost_models.MODULE_ATTR, None)
        if saved is not None:
            module.attributes[cost_models.MODULE_ATTR] = saved


def choose_arch(specs: list[cost.LayerSpec], device: Device, utilization: float,
                cost_model: str | None = None) -> tuple[str, str]:
    """(architecture, the reason in words) for the layers ``specs``, judged
    by ``cost_model`` (None: the device family's default)."""
    model = cost_model or cost_models.default_for(device)
    budget = fit.budget(device, utilization)
    loosest = optimizer.fits_at_all(specs, budget, uram=device.uram > 0, cost_model=model)
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
