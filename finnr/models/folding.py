"""Folding choices as pure functions: FINN's SetFolding heuristic (the
baseline), and reading/writing FINN's folding-config JSON."""

from __future__ import annotations

from dataclasses import dataclass

from finnr.models import cost

MAX_SIMD_WEIGHT_BITS = 36
"""SetFolding stops raising an MVAU's SIMD when SIMD·W would exceed this."""


def divisors(n: int) -> list[int]:
    return [d for d in range(1, n + 1) if n % d == 0]


@dataclass
class Fold:
    pe: int = 1
    simd: int = 1


def _folded_dims(spec: cost.LayerSpec) -> tuple[int | None, int | None]:
    """(dimension PE divides, dimension SIMD divides) of a layer kind."""
    k = spec.kind
    if k == "mvau":
        return spec.mh, spec.mw
    if k == "vvau":
        return spec.channels, spec.kernel[0] * spec.kernel[1]
    if k in ("swu", "pad"):
        return None, spec.channels
    if k in ("thresholding", "maxpool", "label_select", "duplicate", "add_streams"):
        return spec.channels, None
    return None, None


def set_folding_layer(spec: cost.LayerSpec, target_cycles: float) -> Fold:
    """FINN's SetFolding for one layer: an MVAU/VVAU raises SIMD through the
    divisors of its SIMD dimension until its cycles drop below the target
    (an MVAU stops before SIMD·W exceeds 36 bits), then PE likewise; other
    layers raise their one parallelism (PE or SIMD) the same way."""
    pe_dim, simd_dim = _folded_dims(spec)
    fold = Fold()

    def cyc() -> float:
        return float(cost.cycles(spec, fold.pe, fold.simd))

    if simd_dim is not None:
        for s in divisors(simd_dim):
            if spec.kind == "mvau" and s * spec.wbits > MAX_SIMD_WEIGHT_BITS:
                break
            fold.simd = s
            if cyc() < target_cycles:
                return fold
    if pe_dim is not None:
        for p in divisors(pe_dim):
            fold.pe = p
            if cyc() < target_cycles:
                return fold
    return fold


def set_folding(specs: list[cost.LayerSpec], target_cycles: float) -> list[Fold]:
    """FINN's SetFolding over a network; when the target is missed, it runs
    once more with the slowest layer's cycles as the target, so that no
    layer is faster than the bottleneck needs."""
    folds = [set_folding_layer(s, target_cycles) for s in specs]
    worst = max((float(cost.cycles(s, f.pe, f.simd)) for s, f in zip(specs, folds)), default=0.0)
    if worst >= target_cycles:
        folds = [set_folding_layer(s, worst + 1) for s in specs]
    return folds
