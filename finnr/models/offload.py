"""The multi-layer-offload (MO) architecture of FINN-R: a few shared
compute engines (:class:`Engine`: one MVAU and/or VVAU of PE x SIMD, as in a
``dataflow.offload``) run the layers one after the other, with weights and
activations streamed from off-chip memory.

Per layer and frame, its engine needs ceil(MH/PE)·ceil(MW/SIMD)·vectors
cycles (dimensions padded to the engine's folding), and the memory system
must move the layer's weights (once per batch of frames) and its input and
output activations. A layer takes the longer of the two; layers do not
overlap, so the frame time is their sum. Non-matrix layers (sliding windows,
pooling, thresholds) are folded into the engine's address generation and
output stage and cost only their activation traffic. The per-kind facts
(engine cycles, weights, activation bytes) come from the layer models."""

from __future__ import annotations

from dataclasses import dataclass

from finnr.models import cost, fit
from finnr.models.devices import Device
from finnr.models.registry import MODELS, WeightedModel


@dataclass
class OffloadLayer:
    kind: str
    compute_cycles: float
    memory_cycles: float
    bytes_moved: float

    @property
    def cycles(self) -> float:
        return max(self.compute_cycles, self.memory_cycles)

    @property
    def bound(self) -> str:
        return "memory" if self.memory_cycles > self.compute_cycles else "compute"


@dataclass
class OffloadPerformance:
    pe: int
    simd: int
    layers: list[OffloadLayer]
    clock_mhz: float
    resources: dict[str, float]

    @property
    def cycles(self) -> float:
        return sum(layer.cycles for layer in self.layers)

    @property
    def fps(self) -> float:
        return self.clock_mhz * 1e6 / self.cycles if self.cycles else 0.0


@dataclass(frozen=True)
class Engine:
    """A shared compute engine: an MVAU or VVAU of PE x SIMD lanes for
    weights of up to ``wbits`` and inputs of up to ``abits`` bits, with
    thresholds for outputs of up to ``obits`` bits (0: none)."""

    kind: str
    pe: int
    simd: int
    wbits: int
    abits: int
    obits: int = 0


def engine_of(op) -> Engine:
    """The :class:`Engine` a ``dataflow.engine`` op describes."""
    return Engine(op.kind.data, op.pe.value.data, op.simd.value.data, op.wbits.value.data, op.abits.value.data,
                  op.obits.value.data)


def weighted_models() -> list[WeightedModel]:
    """The layer models of the kinds that run on shared engines (MVAU,
    VVAU), in registry order."""
    return [m for m in MODELS.values() if isinstance(m, WeightedModel)]


def engines_for(specs: list[cost.LayerSpec], pe: int, simd: int) -> list[Engine]:
    """One engine per kind of weighted layer (MVAU, VVAU) present, each wide
    enough for the widest weights and inputs of its layers."""
    out = []
    for model in weighted_models():
        mine = [s for s in specs if cost.model_for(s) is model]
        if mine:
            obits = max((s.obits for s in mine if s.thresholds), default=0)
            out.append(Engine(model.kind, pe, simd, max(s.wbits for s in mine), max(s.abits for s in mine), obits))
    return out


def engine_resources(engine: Engine) -> dict[str, float]:
    """The engine's datapath (FINN-R's MVAU cost with external weights,
    thresholds for ``obits``-bit outputs when it has any) plus double-buffered on-chip tiles
    of inputs and weights."""
    spec = cost.LayerSpec(cost.MVAUModel.kind, mw=engine.simd, mh=engine.pe, wbits=engine.wbits, abits=engine.abits,
                          obits=engine.obits or 32, thresholds=2**engine.obits - 1 if engine.obits else 0)
    res = {k: float(v) for k, v in cost.mvau_resources(spec, engine.pe, engine.simd, "block", "lut", "external").items()}
    res["bram18"] += float(2 * cost.bram18(1024, engine.simd * engine.abits)
                           + 2 * engine.pe * cost.bram18(512, engine.simd * engine.wbits))
    return res


def offload_performance(specs: list[cost.LayerSpec], device: Device, pe: int, simd: int, batch: int = 1, clock_mhz: float | None = None) -> OffloadPerformance:
    """Cycles per frame of every layer on engines of PE x SIMD (one per
    weighted kind, :func:`engines_for`), with the device's DRAM bandwidth
    (weights amortized over ``batch`` frames)."""
    return schedule(specs, engines_for(specs, pe, simd), device, batch, clock_mhz)


def schedule(specs: list[cost.LayerSpec], engines: list[Engine], device: Device, batch: int = 1, clock_mhz: float | None = None) -> OffloadPerformance:
    """The layers one after the other, each weighted layer on the engine of
    its kind (its dimensions padded up to the engine's PE and SIMD); every
    layer takes the longer of its compute and its off-chip traffic."""
    clock = clock_mhz if clock_mhz is not None else device.clock_mhz
    bytes_per_cycle = device.dram_gbps * 1e9 / (clock * 1e6)
    by_kind = {e.kind: e for e in engines}
    layers = []
    for s in specs:
        model = cost.model_for(s)
        if not model.compute:
            continue
        moved = model.activation_bytes(s)
        compute = 0.0
        if isinstance(model, WeightedModel):
            e = by_kind.get(s.kind)
            if e is None:
                raise ValueError(f"no {s.kind} engine for a {s.kind} layer")
            compute = model.engine_cycles(s, e.pe, e.simd)
            moved += model.weight_count(s) * s.wbits / 8 / batch
        layers.append(OffloadLayer(s.kind, compute, moved / bytes_per_cycle, moved))
    resources = dict.fromkeys(("lut", "ff", "bram18", "uram", "dsp"), 0.0)
    for engine in engines:
        for k, v in engine_resources(engine).items():
            resources[k] += v
    pe = max((e.pe for e in engines), default=1)
    simd = max((e.simd for e in engines), default=1)
    return OffloadPerformance(pe, simd, layers, clock, resources)


def best_offload(specs: list[cost.LayerSpec], device: Device, budget: dict[str, float], batch: int = 1,
                 target_fps: float | None = None, clock_mhz: float | None = None) -> OffloadPerformance | None:
    """The engine (PE, SIMD powers of two up to 256) that fits the budget
    (:func:`finnr.models.fit.over`): with ``target_fps``, the one with the
    fewest LUTs reaching it, if any does; else the fastest, and of equally
    fast ones (a memory-bound network gains nothing from a wider engine)
    the one with the fewest LUTs. Frame rates at ``clock_mhz`` (default:
    the device's clock)."""
    fitting = []
    for pe in (1, 2, 4, 8, 16, 32, 64, 128, 256):
        for simd in (1, 2, 4, 8, 16, 32, 64, 128, 256):
            perf = offload_performance(specs, device, pe, simd, batch, clock_mhz)
            if not fit.over(perf.resources, budget):
                fitting.append(perf)
    if not fitting:
        return None
    if target_fps is not None:
        meeting = [p for p in fitting if p.fps >= target_fps]
        if meeting:
            return min(meeting, key=lambda p: (p.resources["lut"], -p.fps))
    fastest = max(p.fps for p in fitting)
    return min((p for p in fitting if p.fps >= fastest * (1 - 1e-9)), key=lambda p: p.resources["lut"])
