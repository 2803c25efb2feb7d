"""Resource-constrained folding: the fastest design that fits a resource
budget, or the cheapest one that meets a throughput target.

The algorithm is a bottleneck-driven sweep with exact re-costing. For a
candidate cycle budget T per frame, a dataflow pipeline runs at f_clk / T
as long as every layer takes at most T cycles, and the layers do not
otherwise interact; so the cheapest design for T picks, for every layer
independently, its cheapest folding (PE, SIMD, weight memory style,
LUT or DSP multipliers) with at most T cycles: a balanced pipeline where no
layer pays for being faster than the bottleneck. Each layer's candidates are
enumerated once and costed exactly by the vectorized models of
``finnr.models.cost``; sorted by cycles, a running minimum of their cost
gives the cheapest choice for every T at once. The sweep evaluates every
distinct achievable T (the union of all candidates' cycle counts), sums the
chosen layers' LUT/BRAM18/URAM/DSP, and keeps the smallest T whose totals
fit. "Cheapest" needs one number per candidate: a weighted sum of its
resources relative to the budget; the sweep runs for a grid of relative
prices of BRAM, URAM and DSP against LUTs (a coarse Lagrangian search) and
keeps the best outcome.

Why not an ILP: for a fixed T the problem separates per layer, and T takes
at most a few thousand values, so the exhaustive sweep is exact for each
weighting and runs in a fraction of a second, without a solver dependency."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from finnr.models import cost
from finnr.models.folding import divisors

RESOURCES = ("lut", "bram18", "uram", "dsp")

WEIGHTINGS = tuple(
    {"lut": 1.0, "bram18": b, "uram": u, "dsp": d}
    for b in (0.125, 0.25, 0.5, 1.0, 2.0, 4.0, 8.0)
    for u in (0.5, 2.0)
    for d in (0.25, 1.0, 4.0)
)
"""Relative prices of the resources (against LUTs) that the sweep tries:
which resource binds, and how much of one to trade for another, differs
between networks and devices."""


@dataclass
class Candidates:
    """Every legal configuration of one layer, with its cost."""

    pe: np.ndarray
    simd: np.ndarray
    ram_style: np.ndarray
    res_type: np.ndarray
    cycles: np.ndarray
    res: dict[str, np.ndarray]

    def __len__(self) -> int:
        return len(self.cycles)


def candidates(spec: cost.LayerSpec, uram: bool = True) -> Candidates:
    """Enumerate (PE, SIMD[, memory style, multiplier type]) of a layer."""
    model = cost.model_for(spec)
    pe_dim, simd_dim = model.folded_dims(spec)
    pes = divisors(pe_dim) if pe_dim else [1]
    simds = divisors(simd_dim) if simd_dim else [1]
    pe, simd = (a.ravel() for a in np.meshgrid(pes, simds, indexing="ij"))
    ok = model.stream_bits_ok(spec, pe, simd)
    pe, simd = pe[ok], simd[ok]
    styles = model.memory_choices(spec, uram)
    parts = []
    for style, rtype in styles:
        res = cost.resources(spec, pe, simd, style, rtype)
        parts.append((style, rtype, {k: np.broadcast_to(np.asarray(res[k], np.float64), pe.shape) for k in ("lut", "ff", "bram18", "uram", "dsp")}))
    n = len(pe)
    cyc = np.broadcast_to(np.asarray(cost.cycles(spec, pe, simd), np.float64), pe.shape)
    return Candidates(
        pe=np.tile(pe, len(parts)),
        simd=np.tile(simd, len(parts)),
        ram_style=np.repeat(np.array([p[0] for p in parts], dtype=object), n),
        res_type=np.repeat(np.array([p[1] for p in parts], dtype=object), n),
        cycles=np.tile(cyc, len(parts)),
        res={k: np.concatenate([p[2][k] for p in parts]) for k in ("lut", "ff", "bram18", "uram", "dsp")},
    )


@dataclass
class Choice:
    pe: int
    simd: int
    ram_style: str
    res_type: str
    cycles: float


@dataclass
class Result:
    choices: list[Choice]
    cycles: float
    totals: dict[str, float]
    fits: bool
    evaluated: int
    """Layer configurations costed."""


def _score(c: Candidates, weights: dict[str, float], budget: dict[str, float]) -> np.ndarray:
    s = np.zeros(len(c))
    for r in RESOURCES:
        if budget[r] > 0:
            s += weights[r] * c.res[r] / budget[r]
        else:
            s += np.where(c.res[r] > 0, 1e9, 0.0)
    return s


class _Sweep:
    """Per-layer cheapest choice for every cycle budget T, one weighting."""

    def __init__(self, cands: list[Candidates], weights: dict[str, float], budget: dict[str, float]):
        self.cands = cands
        self.orders, self.sorted_cycles, self.best = [], [], []
        for c in cands:
            order = np.argsort(c.cycles, kind="stable")
            score = _score(c, weights, budget)[order]
            run = np.minimum.accumulate(score)
            # index (into order) of the running minimum
            idx = np.arange(len(score))
            is_new = np.concatenate([[True], score[1:] < run[:-1]])
            best = np.maximum.accumulate(np.where(is_new, idx, 0))
            self.orders.append(order)
            self.sorted_cycles.append(c.cycles[order])
            self.best.append(order[best])

    def choose(self, targets: np.ndarray) -> np.ndarray | None:
        """(layers, len(targets)) candidate indices; -1 where a layer cannot
        reach the target."""
        picks = []
        for cyc, best in zip(self.sorted_cycles, self.best):
            pos = np.searchsorted(cyc, targets, side="right") - 1
            picks.append(np.where(pos >= 0, best[np.maximum(pos, 0)], -1))
        return np.array(picks)

    def totals(self, picks: np.ndarray) -> dict[str, np.ndarray]:
        out = {r: np.zeros(picks.shape[1]) for r in (*RESOURCES, "ff")}
        for c, p in zip(self.cands, picks):
            for r in out:
                out[r] += np.where(p >= 0, c.res[r][np.maximum(p, 0)], np.inf)
        return out


def _result(cands: list[Candidates], picks: np.ndarray, fits: bool, evaluated: int) -> Result:
    choices = [
        Choice(int(c.pe[i]), int(c.simd[i]), str(c.ram_style[i]), str(c.res_type[i]), float(c.cycles[i]))
        for c, i in zip(cands, picks)
    ]
    totals = {r: float(sum(c.res[r][i] for c, i in zip(cands, picks))) for r in (*RESOURCES, "ff")}
    return Result(choices, max(ch.cycles for ch in choices), totals, fits, evaluated)


def maximize(specs: list[cost.LayerSpec], budget: dict[str, float], uram: bool = True) -> Result:
    """The fastest folding whose LUT/BRAM18/URAM/DSP totals fit ``budget``
    (None fits when not even the slowest folding does: the result is then
    the cheapest design, with ``fits`` False)."""
    cands = [candidates(s, uram) for s in specs]
    evaluated = sum(len(c) for c in cands)
    targets = np.unique(np.concatenate([c.cycles for c in cands]))
    best: tuple[float, np.ndarray] | None = None
    for w in WEIGHTINGS:
        sweep = _Sweep(cands, w, budget)
        picks = sweep.choose(targets)
        tot = sweep.totals(picks)
        ok = np.all(picks >= 0, axis=0)
        for r in RESOURCES:
            ok &= tot[r] <= budget[r] + 1e-9
        if np.any(ok):
            t = int(np.argmax(ok))  # targets ascend: the first feasible is the fastest
            cyc = max(float(c.cycles[p]) for c, p in zip(cands, picks[:, t]))
            if best is None or cyc < best[0]:
                best = (cyc, picks[:, t])
    if best is not None:
        return _result(cands, best[1], True, evaluated)
    slowest = _Sweep(cands, WEIGHTINGS[0], budget).choose(targets[-1:])[:, 0]
    return _result(cands, slowest, False, evaluated)


def minimize(specs: list[cost.LayerSpec], target_cycles: float, budget: dict[str, float], uram: bool = True) -> Result:
    """The cheapest folding with every layer at most ``target_cycles``.
    Raises ValueError naming the layers that cannot get there."""
    cands = [candidates(s, uram) for s in specs]
    slow = [i for i, c in enumerate(cands) if c.cycles.min() > target_cycles]
    if slow:
        raise ValueError(slow)
    best: tuple[float, np.ndarray, bool] | None = None
    for w in WEIGHTINGS:
        sweep = _Sweep(cands, w, budget)
        picks = sweep.choose(np.array([target_cycles]))[:, 0]
        tot = {r: sum(c.res[r][p] for c, p in zip(cands, picks)) for r in RESOURCES}
        fits = all(tot[r] <= budget[r] + 1e-9 for r in RESOURCES)
        norm = sum(tot[r] / budget[r] for r in RESOURCES if budget[r] > 0)
        key = (0 if fits else 1, norm)
        if best is None or key < (0 if best[2] else 1, best[0]):
            best = (norm, picks, fits)
    assert best is not None
    return _result(cands, best[1], best[2], sum(len(c) for c in cands))
