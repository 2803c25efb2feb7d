"""Named cost models: the extension point that chooses what the folding
optimizer optimizes and what the estimate predicts.

A :class:`CostModel` is a name and, per layer (a
:class:`~finnr.models.cost.LayerSpec` at a folding), its cycles per frame,
its resources, the memory and multiplier choices the optimizer tries, and
FINN's SetFolding step under those cycles. The registry :data:`COST_MODELS`
maps names to models; :data:`FAMILY_DEFAULTS` maps a device family to the
model chosen for it when the user names none (:func:`default_for`).

- ``finn-r`` (the default): finnr's own engines, with FINN-R's 2018
  coefficients (:mod:`finnr.models.cost`).
- ``yosys``: finnr's own engines, LUTs and FFs with the coefficients
  fitted to the pinned yosys (:mod:`finnr.models.calibration`).
- ``finn``: FINN's current estimator (finn-plus 1.6.1) for the hardware
  FINN's own flow builds from the design (:mod:`finnr.models.finn_model`).
- ``ecp5`` (the default for ECP5 devices): finnr's own engines as yosys
  ``synth_ecp5`` and nextpnr-ecp5 count them: LUT4 and FF fitted per kind,
  EBR and MULT18 by yosys's memory mapping rules
  (:func:`finnr.models.calibration.ecp5_resources`).

The model of a design travels in the IR: ``dataflow-set-folding{cost-model=NAME}``
records it as the module attribute :data:`MODULE_ATTR` (absent for the
default), which ``dataflow-estimate``, the report, the fit rule's totals
and folding_config.json read, so that every figure of a build comes from
one model. finnr's engine schedules (FIFO depths, latency) stay finnr's
whatever the model.

Adding a model is one :func:`register` call; making it a device family's
default is one :data:`FAMILY_DEFAULTS` entry."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from xdsl.dialects.builtin import StringAttr

from finnr.diagnostics import FinnrError
from finnr.models import calibration, cost, finn_model

DEFAULT_COST_MODEL = "finn-r"
MODULE_ATTR = "finnr.cost_model"
"""The module attribute naming the cost model of a folded design."""


@dataclass(frozen=True)
class CostModel:
    name: str
    describes: str
    """What its figures describe, in words (report.md prints it)."""
    cycles: Callable
    """(spec, pe, simd) -> cycles per frame."""
    resources: Callable
    """(spec, pe, simd, ram_style, res_type, mem_mode) -> LUT, FF, BRAM18, URAM, DSP."""
    memory_choices: Callable = lambda spec, uram: cost.model_for(spec).memory_choices(spec, uram)
    """(spec, uram) -> the (ram_style, res_type) pairs the optimizer tries."""
    set_folding: Callable = lambda search: cost.model_for(search.spec).set_folding(search)
    """FINN's SetFolding step for one layer (a ``FoldSearch``)."""
    meets_at_target: bool = False
    """SetFolding accepts a folding at exactly the target (FINN 1.6's
    ``cycles <= target``) rather than strictly below it."""
    finn_hardware: bool = False
    """Its figures are for FINN's hardware: the host layers FINN builds
    (:func:`finnr.models.finn_model.host_layers`) are folded and costed too,
    and folding_config.json names every node of FINN's flow."""
    folding_ok: Callable = lambda spec, pe, simd: np.ones(np.broadcast(pe, simd).shape, bool)
    """(spec, pe, simd) -> which foldings the hardware it models accepts (the
    optimizer tries only those)."""
    op_resources: Callable | None = None
    """(op) -> LUT, FF, BRAM18, URAM, DSP of a placed layer, where the op
    tells the model more than its spec (the values of its thresholds, say);
    the estimate and the report use it, the optimizer the spec-level
    :attr:`resources`."""


COST_MODELS: dict[str, CostModel] = {}
"""The registry: name -> cost model."""

FAMILY_DEFAULTS: dict[str, str] = {}
"""Device family -> the cost model it gets when none is named (any family
not listed: :data:`DEFAULT_COST_MODEL`)."""


def register(model: CostModel) -> CostModel:
    if model.name in COST_MODELS:
        raise ValueError(f"cost model '{model.name}' is registered already")
    COST_MODELS[model.name] = model
    return model


register(CostModel(
    "finn-r", "finnr's own engines, FINN-R's 2018 cost functions (finnr.models.cost)",
    cycles=cost.cycles, resources=cost.resources))
register(CostModel(
    "yosys", "finnr's own engines, LUTs and FFs fitted to yosys's synthesis of finnr's RTL (finnr.models.calibration)",
    cycles=cost.cycles,
    resources=lambda spec, pe=1, simd=1, ram_style="auto", res_type="lut", mem_mode="internal_embedded":
        calibration.resources(spec, pe, simd, ram_style, res_type, mem_mode, coefficients="yosys")))
register(CostModel(
    "finn", "FINN's hardware for this design as FINN's own estimator (finn-plus 1.6.1) predicts it: its cycles "
    "per layer and its LUT/BRAM/URAM/DSP estimates (FFs and FIFOs: finnr's)",
    cycles=finn_model.cycles, resources=finn_model.resources, set_folding=finn_model.set_folding, meets_at_target=True,
    finn_hardware=True, folding_ok=finn_model.folding_ok))


register(CostModel(
    "ecp5", "finnr's own engines as yosys synth_ecp5 and nextpnr-ecp5 count them: LUT4 and FF fitted per layer kind, "
    "EBR and MULT18 by yosys's memory mapping rules (finnr.models.calibration)",
    cycles=cost.cycles,
    resources=lambda spec, pe=1, simd=1, ram_style="auto", res_type="lut", mem_mode="internal_embedded":
        calibration.in_ecp5_design(calibration.ecp5_resources(spec, pe, simd, ram_style, res_type, mem_mode)),
    op_resources=lambda op: calibration.in_ecp5_design(calibration.layer_resources_ecp5(op))))
FAMILY_DEFAULTS["ecp5"] = "ecp5"


def get(name: str | None) -> CostModel:
    """The model named ``name`` (None: the default); a FinnrError naming the
    models for an unknown name."""
    model = COST_MODELS.get(DEFAULT_COST_MODEL if name is None else name)
    if model is None:
        raise FinnrError(f"unknown cost model '{name}' (cost models: {', '.join(COST_MODELS)})")
    return model


def default_for(device) -> str:
    """The cost model of ``device`` when none is named."""
    return FAMILY_DEFAULTS.get(device.family, DEFAULT_COST_MODEL)


def of_module(module) -> str:
    """The cost model a module was folded under (its :data:`MODULE_ATTR`)."""
    attr = module.attributes.get(MODULE_ATTR)
    return attr.data if isinstance(attr, StringAttr) else DEFAULT_COST_MODEL


def set_on_module(module, name: str) -> None:
    """Record ``name`` on ``module`` (the default is recorded by its absence)."""
    get(name)
    if name == DEFAULT_COST_MODEL:
        module.attributes.pop(MODULE_ATTR, None)
    else:
        module.attributes[MODULE_ATTR] = StringAttr(name)


def host_layers(module) -> list[tuple[str, cost.LayerSpec, int]]:
    """(FINN node name, spec, PE) of the host layers the module's cost model
    builds in hardware (FINN's input thresholding, ...; none under a model
    of finnr's hardware), at the PE the folding chose (1 if none)."""
    if not get(of_module(module)).finn_hardware:
        return []
    folds = finn_model.host_folding(module)
    return [(h.name, h.spec, folds.get(h.name, 1)) for h in finn_model.host_specs(module)]


def host_totals(module) -> dict[str, float]:
    """LUT/FF/BRAM18/URAM/DSP of :func:`host_layers`."""
    model = get(of_module(module))
    total = dict.fromkeys(finn_model.KEYS, 0.0)
    for _, spec, pe in host_layers(module):
        for k, v in model.resources(spec, pe, 1).items():
            total[k] += float(v)
    return total
