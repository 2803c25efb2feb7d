"""``dataflow-set-folding``: choose PE and SIMD of every layer.

Modes (options):

- ``target-fps=F`` (with ``device``; at ``clock-mhz``, default the
  device's clock): the cheapest folding reaching F frames per second,
  found by finnr's optimizer (``finnr.models.optimizer.minimize``: PE,
  SIMD, weight memory style and LUT/DSP multipliers of every layer); with
  ``heuristic="setfolding"``, FINN's SetFolding instead
  (``finnr.models.folding``), the baseline;
- ``maximize=true``: the fastest folding that fits ``utilization`` (default
  0.8) of the device by the one fit rule (``finnr.models.fit``: each of
  LUT, FF, BRAM18, URAM and DSP, the width converters and FIFOs between the
  layers included; ``finnr.models.optimizer.maximize``), but never faster
  than the host link carries (``Device.link_fps`` of the accelerators'
  bytes per frame): when the fastest exceeds that bound, the cheapest
  folding reaching it;
- ``config=PATH``: a folding config in FINN's JSON format (layer name ->
  PE, SIMD, ram_style, mem_mode, resType), matched to finnr's layers by kind
  and order, so a folding can come from FINN (under ``cost-model=finn``,
  by FINN's node names, ``finnr.interop.finn.finn_plan``).

``parallel-window=auto|on|off``: whether the optimizer may choose the
parallel-window mode of the sliding window units (a whole window per
beat, SIMD = C; ``auto``: where it pays under the budget), must choose it
for every one (``on``), or never (``off``); SetFolding and a model of
FINN's hardware never choose it (a folding config may set it).

``mmv=auto|on|off``: whether the optimizer may process several pixels per
beat (``mmv`` = M, FINN's MMV: M consecutive pixels of a row per beat, the
layer's cycles / M, its datapath M times) in the layers that offer it
(``LayerModel.modes``: a parallel-window sliding window unit, an MVAU at
SIMD = MW and PE = MH, ...), must wherever a layer can (``on``), or never
(``off``: one pixel per beat, as FINN's defaults). ``parallel-window=off``
rules it out in the sliding window units (M windows per beat are whole
windows).

``cost-model=NAME`` (:mod:`finnr.models.cost_models`; default: the
device family's, ``finn-r`` for all but those listed in
``FAMILY_DEFAULTS``) names the model whose cycles and resources every mode
optimizes, and is recorded on the module for the estimate and the report.
A model of FINN's hardware also folds the host layers FINN builds (its
input thresholding, ...), recorded as the module attribute
``finnr.finn_host_folding``.

The chosen values are written to the layers' ``pe``/``simd`` (and memory
style, multiplier, folding mode: ``parallel_window``, ``mmv``) properties; every
choice divides the dimension it folds.
A target no folding reaches is an error naming the slowest layer and the
best reachable FPS; a design that does not fit is an error for
``maximize`` and a warning (``finnr.models.fit.OverBudgetWarning``) for
``target-fps``, as is a target above the host link's bound (the folding
still reaches the target). FIFOs and
width converters are not touched: run ``dataflow-insert-dwc`` and
``dataflow-insert-fifo`` after this pass."""

from __future__ import annotations

import warnings
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from xdsl.context import Context
from xdsl.dialects.builtin import ModuleOp, StringAttr
from xdsl.ir import Operation
from xdsl.passes import ModulePass

from finnr.defaults import DEFAULT_DEVICE, DEFAULT_HEURISTIC, DEFAULT_UTILIZATION
from finnr.diagnostics import FinnrError
from finnr.dialects import dataflow as df
from finnr.dialects.utils import bool_attr, i64_attr
from finnr.interop.finn import apply_finn_plan_config, apply_folding_config, finn_names, read_folding_config
from finnr.models import cost_models, finn_model, fit, optimizer
from finnr.models import layers as lm
from finnr.models.clock import clock_mhz
from finnr.models.design import design_totals
from finnr.models.devices import get_device
from finnr.models.folding import set_folding
from finnr.models.roofline import frame_bytes


def apply_fold(op: Operation, pe: int, simd: int, mode: dict | None = None) -> None:
    """Set the layer's PE, SIMD and folding mode (``LayerModel.modes``;
    None: its plain mode)."""
    props = type(op).get_irdl_definition().properties
    if "pe" in props:
        op.properties["pe"] = i64_attr(pe)
    if "simd" in props:
        op.properties["simd"] = i64_attr(simd)
    if mode is None:
        modes = lm.model_of(op).modes(lm.spec_of(op))
        mode = modes[0]
    for key, value in mode.items():
        op.properties[key] = bool_attr(value) if isinstance(value, bool) else i64_attr(value)


MODE_OPTIONS = {"parallel_window": ("parallel-window", optimizer.KEY_POLICIES),
                "mmv": ("mmv", optimizer.KEY_POLICIES)}
"""Folding-mode key -> (its option, the values the option takes)."""


@dataclass(frozen=True)
class DataflowSetFolding(ModulePass):
    """Choose PE/SIMD per layer: cheapest for a target FPS, fastest within a budget, FINN's SetFolding, or a FINN folding config."""

    name = "dataflow-set-folding"

    target_fps: int | float | None = None
    device: str = DEFAULT_DEVICE
    clock_mhz: int | float | None = None
    config: str | None = None
    maximize: bool = False
    utilization: int | float = DEFAULT_UTILIZATION
    heuristic: str = DEFAULT_HEURISTIC
    cost_model: str | None = None
    parallel_window: str = "auto"
    mmv: str = "auto"

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        layers = lm.compute_layers(op.walk())
        model = self.cost_model
        if model is None:
            try:
                model = cost_models.default_for(get_device(self.device))
            except KeyError as e:
                raise FinnrError(str(e.args[0])) from None
        cost_models.set_on_module(op, model)
        finn_model.set_host_folding(op, {})
        if self.config is not None:
            config = read_folding_config(self.config)
            if cost_models.get(model).finn_hardware:
                apply_finn_plan_config(op, layers, config)
            else:
                apply_folding_config(layers, config)
            return
        modes = {key: getattr(self, key) for key in MODE_OPTIONS}
        for key, (option, allowed) in MODE_OPTIONS.items():
            if modes[key] not in allowed:
                raise FinnrError(f"{option} must be one of {', '.join(allowed)}, got '{modes[key]}'")
        if self.heuristic not in ("optimizer", "setfolding"):
            raise FinnrError(f"heuristic must be 'optimizer' or 'setfolding', got '{self.heuristic}'")
        if self.target_fps is None and not self.maximize:
            raise FinnrError("dataflow-set-folding needs target-fps=F, maximize=true or config=PATH")
        if self.target_fps is not None and self.target_fps <= 0:
            raise FinnrError(f"target-fps must be positive, got {self.target_fps}")
        fit.check_utilization(self.utilization, "utilization")
        try:
            device = get_device(self.device)
        except KeyError as e:
            raise FinnrError(str(e.args[0])) from None
        clock = clock_mhz(device, self.clock_mhz, "clock-mhz")
        hosts = cost_models.host_layers(op)
        specs = [lm.spec_of(l) for l in layers] + [spec for _, spec, _ in hosts]
        names = finn_names(layers) + [name for name, _, _ in hosts]
        budget = fit.budget(device, self.utilization)
        link_fps = device.link_fps(*frame_bytes(op))
        if self.maximize:
            result = fold_fastest(op, device, self.utilization, clock, link_fps, modes)
            if not result.fits:
                raise FinnrError(
                    f"the network does not fit {self.utilization:.0%} of {device.name} at any folding "
                    f"({_summary(result.totals, budget)})",
                    ["use a larger device, a lower precision, or the multi-layer-offload architecture"],
                )
            return
        assert self.target_fps is not None
        if self.target_fps > link_fps:
            warnings.warn(
                f"{self.target_fps:g} FPS is above what the host link of {device.name} carries "
                f"({link_fps:.1f} FPS, {device.link}); the design is built for the target, but runs at "
                "most at the link's rate",
                stacklevel=2,
            )
        target_cycles = clock * 1e6 / self.target_fps
        if self.heuristic == "setfolding":
            folds = set_folding(specs, target_cycles, model)
            for layer, fold in zip(layers, folds):
                apply_fold(layer, fold.pe, fold.simd)
            finn_model.set_host_folding(op, {name: f.pe for (name, _, _), f in zip(hosts, folds[len(layers):])})
            return
        try:
            result = fold_for(op, device, self.utilization, target_cycles, modes)
        except ValueError as e:
            slow = e.args[0]
            fastest = [min(optimizer.candidates(specs[i], cost_model=model, modes=modes).cycles) for i in slow]
            worst = slow[int(np.argmax(fastest))]
            best_fps = clock * 1e6 / max(fastest)
            raise FinnrError(
                f"{self.target_fps:g} FPS is out of reach at {clock:g} MHz: layer {names[worst]} "
                f"({specs[worst].kind}) needs at least {max(fastest):.0f} cycles per frame at full "
                f"parallelism; the best reachable is {best_fps:.1f} FPS",
                [f"also too slow: {names[i]}" for i in slow if i != worst],
            ) from None
        if not result.fits:
            warnings.warn(
                f"the cheapest folding for {self.target_fps:g} FPS does not fit {self.utilization:.0%} "
                f"of {device.name} ({_summary(result.totals, budget)})",
                fit.OverBudgetWarning,
                stacklevel=2,
            )


def folding_specs(module: ModuleOp) -> list:
    """The specs the folding chooses for: the compute layers', then the host
    layers' of the module's cost model (:func:`cost_models.host_layers`)."""
    return [lm.spec_of(l) for l in lm.compute_layers(module.walk())] + \
        [spec for _, spec, _ in cost_models.host_layers(module)]


def fold_fastest(module: ModuleOp, device, utilization: float, clock: float,
                 link_fps: float = float("inf"), modes: str | dict = "auto") -> optimizer.Result:
    """Fold the compute layers of ``module`` for the highest frame rate at
    which the design fits ``utilization`` of ``device``, but never faster
    than ``link_fps``: where the fastest exceeds it, the cheapest folding
    reaching it; by the module's cost model, with the folding modes of
    ``modes`` (:data:`optimizer.MODE_POLICIES`). See :func:`_fold_within`."""
    specs = folding_specs(module)
    uram = device.uram > 0
    model = cost_models.of_module(module)

    def solve(budget: dict[str, float]) -> optimizer.Result:
        result = optimizer.maximize(specs, budget, uram=uram, cost_model=model, modes=modes)
        if result.fits and clock * 1e6 / result.cycles > link_fps:  # faster than the link feeds it
            result = optimizer.minimize(specs, clock * 1e6 / link_fps, budget, uram=uram, cost_model=model,
                                        modes=modes)
        return result

    return _fold_within(module, fit.budget(device, utilization), solve)


def fold_for(module: ModuleOp, device, utilization: float, target_cycles: float,
             modes: str | dict = "auto") -> optimizer.Result:
    """Fold the compute layers of ``module`` the cheapest way with every
    layer at most ``target_cycles``, within ``utilization`` of ``device``
    if it can (see :func:`_fold_within`). Raises ValueError naming the
    layers that cannot get there."""
    specs = folding_specs(module)
    model = cost_models.of_module(module)
    return _fold_within(module, fit.budget(device, utilization), lambda budget: optimizer.minimize(
        specs, target_cycles, budget, uram=device.uram > 0, cost_model=model, modes=modes))


def _fold_within(module: ModuleOp, budget: dict[str, float],
                 solve: Callable[[dict[str, float]], optimizer.Result]) -> optimizer.Result:
    """Apply ``solve(budget of the compute layers)`` to the compute layers
    of ``module`` so that the whole design fits ``budget``: the forks,
    width converters and FIFOs between the layers depend on the folding of
    both neighbours, which the optimizer does not see, so the compute
    layers' budget shrinks by what they cost until the whole design fits
    (or 8 rounds pass, or the compute layers alone do not fit). The
    result's ``totals`` and ``fits`` are those of the whole design."""
    layers = lm.compute_layers(module.walk())
    hosts = cost_models.host_layers(module)
    inner = dict(budget)
    for _ in range(8):
        result = solve(inner)
        _apply_choices(layers, result.choices)
        finn_model.set_host_folding(module, {name: c.pe for (name, _, _), c in zip(hosts, result.choices[len(layers):])})
        extra = interconnect_resources(module)
        result.totals = {r: result.totals[r] + extra[r] for r in fit.RESOURCES}
        over = fit.over(result.totals, budget)
        if not over or not result.fits:
            result.fits = not over
            return result
        result.fits = False
        for r in over:
            inner[r] = max(0.0, budget[r] - extra[r])
    return result


def interconnect_resources(module: ModuleOp) -> dict[str, float]:
    """LUT/FF/BRAM18/URAM/DSP of what a build's buffers stage adds to
    ``module`` at its current folding: forks, width converters and FIFOs
    (each as deep as the pipeline needs over 3 frames: the build's own
    sizing may find more, and the build then refolds), by running those
    passes on a copy of it."""
    from finnr.dialects import finnr_context
    from finnr.passes.dataflow_insert_duplicate import DataflowInsertDuplicate
    from finnr.passes.dataflow_insert_dwc import DataflowInsertDWC
    from finnr.passes.dataflow_insert_fifo import DataflowInsertFIFO
    from finnr.passes.dataflow_size_fifos import DataflowSizeFIFOs

    copy = module.clone()
    ctx = finnr_context()
    for buffers in (DataflowInsertDuplicate(), DataflowInsertDWC(), DataflowInsertFIFO(), DataflowSizeFIFOs(frames=3)):
        buffers.apply(ctx, copy)
    before, after = design_totals(module), design_totals(copy)
    return {r: after[r] - before[r] for r in fit.RESOURCES}


def _summary(totals: dict[str, float], budget: dict[str, float]) -> str:
    return ", ".join(f"{fit.NAMES[r]} {totals[r]:.0f}/{budget[r]:.0f}" for r in fit.RESOURCES)


def _apply_choices(layers: list[Operation], choices: list[optimizer.Choice]) -> None:
    for layer, c in zip(layers, choices):
        apply_fold(layer, c.pe, c.simd, c.mode)
        props = type(layer).get_irdl_definition().properties
        if "ram_style" in props and not isinstance(layer, df.FIFOOp):
            layer.properties["ram_style"] = StringAttr(c.ram_style)
        if "res_type" in props:
            layer.properties["res_type"] = StringAttr(c.res_type)
