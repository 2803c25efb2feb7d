"""Folding choices as pure functions: FINN's SetFolding heuristic (the
baseline), and reading/writing FINN's folding-config JSON."""

from __future__ import annotations

from dataclasses import dataclass

from finnr.models import cost

MAX_SIMD_WEIGHT_BITS = 36
"""SetFolding stops raising an MVAU's SIMD once SIMD·W exceeds this (FINN's
``mvau_wwidth_max``) without meeting the target."""


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
    """FINN's SetFolding for one layer (``SetFolding.apply`` in FINN):

    - an MVAU raises SIMD through the divisors of MW until its cycles drop
      below the target; a SIMD that makes SIMD·W exceed 36 bits without
      meeting the target is reverted and ends the SIMD search; then PE rises
      through the divisors of MH likewise;
    - a VVAU raises PE (channels) first and SIMD (window positions) only
      once PE is at its maximum and the cycles still exceed the target;
    - a max-pool processes all channels at once (PE = C), as FINN's
      StreamingMaxPool does: SetFolding does not fold it;
    - other layers raise their one parallelism (PE or SIMD) the same way."""
    pe_dim, simd_dim = _folded_dims(spec)
    fold = Fold()

    def cyc() -> float:
        return float(cost.cycles(spec, fold.pe, fold.simd))

    def raise_to_target(attr: str, dim: int) -> bool:
        for v in divisors(dim):
            setattr(fold, attr, v)
            if cyc() < target_cycles:
                return True
        return False

    if spec.kind == "mvau":
        for s in divisors(simd_dim):
            prev, fold.simd = fold.simd, s
            if cyc() < target_cycles:
                return fold
            if s * spec.wbits > MAX_SIMD_WEIGHT_BITS:
                fold.simd = prev
                break
        raise_to_target("pe", pe_dim)
        return fold
    if spec.kind == "maxpool":
        fold.pe = spec.channels
        return fold
    if spec.kind == "vvau":
        raise_to_target("pe", pe_dim)
        if fold.pe == pe_dim and cyc() > target_cycles:
            raise_to_target("simd", simd_dim)
        return fold
    if simd_dim is not None:
        raise_to_target("simd", simd_dim)
    elif pe_dim is not None:
        raise_to_target("pe", pe_dim)
    return fold


def set_folding(specs: list[cost.LayerSpec], target_cycles: float) -> list[Fold]:
    """FINN's SetFolding over a network, with its two-pass relaxation: when
    the slowest layer misses the target (its cycles exceed it), every layer
    is folded again with the slowest layer's cycles as the target, so that
    no layer is parallelized further than the bottleneck needs (each still
    ends strictly below it, as FINN's ``cycles < target`` test does)."""
    folds = [set_folding_layer(s, target_cycles) for s in specs]
    worst = max((float(cost.cycles(s, f.pe, f.simd)) for s, f in zip(specs, folds)), default=0.0)
    if worst > target_cycles:
        folds = [set_folding_layer(s, worst) for s in specs]
    return folds
