"""FINN's SetFolding heuristic (the baseline of the optimizer) as pure
functions."""

from __future__ import annotations

from dataclasses import dataclass

from finnr.models import cost, cost_models

MAX_SIMD_WEIGHT_BITS = 36
"""SetFolding stops raising an MVAU's SIMD once SIMD·W exceeds this (FINN's
``mvau_wwidth_max``) without meeting the target."""


def divisors(n: int) -> list[int]:
    return [d for d in range(1, n + 1) if n % d == 0]


@dataclass
class Fold:
    pe: int = 1
    simd: int = 1


class FoldSearch:
    """SetFolding's state for one layer: its ``fold``, the ``target``
    cycles, and the step every layer model's ``set_folding`` uses."""

    def __init__(self, spec: cost.LayerSpec, target: float, model: str | None = None):
        self.spec, self.target, self.fold = spec, target, Fold()
        self.model = cost_models.get(model)

    def cycles(self) -> float:
        return float(self.model.cycles(self.spec, self.fold.pe, self.fold.simd))

    def meets(self) -> bool:
        """Whether the fold meets the target: strictly below it, or at most it
        under a model that says so (FINN 1.6's SetFolding)."""
        return self.cycles() <= self.target if self.model.meets_at_target else self.cycles() < self.target

    def raise_to_target(self, attr: str, dim: int, lane_bits: int | None = None) -> bool:
        """Raise ``fold.<attr>`` through the divisors of ``dim`` until the
        cycles drop below the target (True) or the divisors run out
        (False). With ``lane_bits``, a value whose lanes exceed
        :data:`MAX_SIMD_WEIGHT_BITS` bits without meeting the target is
        reverted and ends the search."""
        for v in divisors(dim):
            prev = getattr(self.fold, attr)
            setattr(self.fold, attr, v)
            if self.meets():
                return True
            if lane_bits is not None and v * lane_bits > MAX_SIMD_WEIGHT_BITS:
                setattr(self.fold, attr, prev)
                return False
        return False


def set_folding_layer(spec: cost.LayerSpec, target_cycles: float, model: str | None = None) -> Fold:
    """FINN's SetFolding for one layer (``SetFolding.apply`` in FINN), as
    its layer model's ``set_folding`` does it:

    - an MVAU raises SIMD through the divisors of MW until its cycles drop
      below the target; a SIMD that makes SIMD·W exceed 36 bits without
      meeting the target is reverted and ends the SIMD search; then PE rises
      through the divisors of MH likewise;
    - a VVAU raises PE (channels) first and SIMD (window positions) only
      once PE is at its maximum and the cycles still exceed the target;
    - a max-pool processes all channels at once (PE = C), as FINN's
      StreamingMaxPool does: SetFolding does not fold it (under the ``finn``
      cost model, FINN's Pool_hls and its window generator are folded);
    - other layers raise their one parallelism (PE or SIMD) the same way.

    ``model`` names the cost model whose cycles it reads (default finnr's)."""
    search = FoldSearch(spec, target_cycles, model)
    search.model.set_folding(search)
    return search.fold


def set_folding(specs: list[cost.LayerSpec], target_cycles: float, model: str | None = None) -> list[Fold]:
    """FINN's SetFolding over a network, with its two-pass relaxation: when
    the slowest layer misses the target (its cycles exceed it), every layer
    is folded again with the slowest layer's cycles as the target, so that
    no layer is parallelized further than the bottleneck needs (each still
    ends strictly below it, as FINN's ``cycles < target`` test did before
    FINN 1.6; at most it under a model that says so)."""
    folds = [set_folding_layer(s, target_cycles, model) for s in specs]
    cycles = cost_models.get(model).cycles
    worst = max((float(cycles(s, f.pe, f.simd)) for s, f in zip(specs, folds)), default=0.0)
    if worst > target_cycles:
        folds = [set_folding_layer(s, worst, model) for s in specs]
    return folds
