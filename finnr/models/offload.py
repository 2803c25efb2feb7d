"""The multi-layer-offload (MO) architecture of FINN-R: one shared compute
engine (an MVAU of PE x SIMD) runs the layers one after the other, with
weights and activations streamed from off-chip memory.

Per layer and frame, the engine needs ceil(MH/PE)·ceil(MW/SIMD)·vectors
cycles (dimensions padded to the engine's folding), and the memory system
must move the layer's weights (once per batch of frames) and its input and
output activations. A layer takes the longer of the two; layers do not
overlap, so the frame time is their sum. Non-matrix layers (sliding windows,
pooling, thresholds) are folded into the engine's address generation and
output stage and cost only their activation traffic."""

from __future__ import annotations

import math
from dataclasses import dataclass

from finnr.models import cost
from finnr.models.devices import Device


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


def _activation_bytes(spec: cost.LayerSpec) -> float:
    if spec.kind == "mvau":
        return spec.vectors * (spec.mw * spec.abits + spec.mh * spec.obits) / 8
    elements = spec.channels * max(1, spec.vectors) if spec.kind not in ("swu", "maxpool", "pad") else spec.channels * spec.ifm[0] * spec.ifm[1]
    return elements * (spec.abits + spec.obits) / 8


def offload_performance(specs: list[cost.LayerSpec], device: Device, pe: int, simd: int, batch: int = 1, clock_mhz: float | None = None) -> OffloadPerformance:
    """Cycles per frame of every layer on one PE x SIMD engine, with the
    device's DRAM bandwidth (weights amortized over ``batch`` frames)."""
    clock = clock_mhz if clock_mhz is not None else device.clock_mhz
    bytes_per_cycle = device.dram_gbps * 1e9 / (clock * 1e6)
    layers = []
    wbits = max((s.wbits for s in specs if s.kind in ("mvau", "vvau")), default=1)
    abits = max((s.abits for s in specs), default=1)
    for s in specs:
        if s.kind in ("dwc", "fifo"):
            continue
        moved = _activation_bytes(s)
        compute = 0.0
        if s.kind == "mvau":
            compute = math.ceil(s.mh / pe) * math.ceil(s.mw / simd) * s.vectors
            moved += s.mw * s.mh * s.wbits / 8 / batch
        elif s.kind == "vvau":
            kk = s.kernel[0] * s.kernel[1]
            compute = math.ceil(s.channels / pe) * math.ceil(kk / simd) * s.ofm[0] * s.ofm[1]
            moved += s.channels * kk * s.wbits / 8 / batch
        layers.append(OffloadLayer(s.kind, compute, moved / bytes_per_cycle, moved))
    engine = cost.LayerSpec("mvau", mw=simd, mh=pe, wbits=wbits, abits=abits, obits=abits, thresholds=2**abits - 1)
    res = cost.mvau_resources(engine, pe, simd, "block", "lut", "external")
    buffers = 2 * cost.bram18(1024, simd * abits) + 2 * pe * cost.bram18(512, simd * wbits)  # double-buffered tiles
    resources = {k: float(v) for k, v in res.items()}
    resources["bram18"] += float(buffers)
    return OffloadPerformance(pe, simd, layers, clock, resources)


def best_offload(specs: list[cost.LayerSpec], device: Device, budget: dict[str, float], batch: int = 1) -> OffloadPerformance | None:
    """The fastest engine (PE, SIMD powers of two up to 256) that fits the budget."""
    best = None
    for pe in (1, 2, 4, 8, 16, 32, 64, 128, 256):
        for simd in (1, 2, 4, 8, 16, 32, 64, 128, 256):
            perf = offload_performance(specs, device, pe, simd, batch)
            if all(perf.resources[r] <= budget[r] + 1e-9 for r in budget):
                if best is None or perf.fps > best.fps:
                    best = perf
    return best
