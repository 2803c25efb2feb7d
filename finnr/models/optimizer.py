"""Resource-constrained folding: the fastest design that fits a resource
budget, or the cheapest one that meets a throughput target.

For a cycle budget T per frame, a dataflow pipeline runs at f_clk / T as
long as every layer takes at most T cycles, and the layers do not
otherwise interact: a design for T picks, for every layer, one folding
(PE, SIMD, weight memory style, LUT or DSP multipliers) with at most T
cycles, and it fits when the picks' LUT, FF, BRAM18, URAM and DSP sums stay
within the budget of each. Each layer's candidates are enumerated once
and costed exactly by the vectorized models of ``finnr.models.cost``.

The cost of a design is the sum of its resources, each as a share of its
budget. For one T the choice is a multiple-choice packing problem in five
dimensions; :meth:`_Problem.solve` answers it in two steps:

1. Lagrangian relaxation: with a price per resource, every layer takes its
   cheapest candidate independently; the prices of the resources the
   picks overspend rise (multiplicatively, with a shrinking step) and the
   rest fall back to their base price, for a fixed number of rounds; the
   best picks seen are kept (fewest overspent shares, then the cheapest).
2. Repair: prices alone cannot split a family of identical layers between
   two memories (they all switch at the same price), which is how a design
   that needs some weights in URAM and the rest in BRAM18 gets missed; so
   from the best picks, single-layer moves until they fit, each the one
   that most reduces the overspent shares, or at equal overspend the
   largest shares (making room in one resource for another's overspend);
   out of a local minimum by the largest shares alone.

A fitting design is then made cheaper by single-layer moves that keep it
fitting (:meth:`_Problem.polish`).

:func:`maximize` bisects over the distinct achievable T (the union of all
candidates' cycle counts) for the smallest T that fits; :func:`minimize`
solves its one T. Why not an ILP: a solver dependency, and seconds per T
on the largest networks; this runs in a fraction of a second and finds
the mixed memory placements a fixed set of prices misses."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from finnr.models import cost, cost_models, fit
from finnr.models.folding import divisors

RESOURCES = fit.RESOURCES

ROUNDS = 48
"""Price updates per cycle budget (Lagrangian rounds)."""
STEP = 2.0
"""The first price step: an overspent share x of a resource multiplies its
price by exp(STEP * x / sqrt(round + 1))."""


@dataclass
class Candidates:
    """Every legal configuration of one layer, with its cost."""

    pe: np.ndarray
    simd: np.ndarray
    ram_style: np.ndarray
    res_type: np.ndarray
    cycles: np.ndarray
    res: dict[str, np.ndarray]
    mode: np.ndarray | None = None
    """Each candidate's folding mode (``LayerModel.modes``), None where the
    layer has only its plain mode."""

    def __len__(self) -> int:
        return len(self.cycles)


MODE_POLICIES = ("auto", "plain", "forced")
"""Which folding modes (``LayerModel.modes``) the optimizer tries: all,
only each layer's plain mode (the first), or only the others where a layer
has them (e.g. parallel windows wherever a sliding window unit can). A
policy may also be a dict, per mode key (``parallel_window``, ``mmv``) one
of :data:`KEY_POLICIES`."""

KEY_POLICIES = ("auto", "on", "off")
"""Per mode key: any value, a value other than the plain mode's where the
layer has one (``on``), or the plain mode's (``off``)."""


def layer_modes(spec: cost.LayerSpec, cost_model: str | None = None, policy: str | dict = "auto") -> list[dict]:
    """The folding modes of ``spec``'s layer under ``policy``; a model of
    FINN's hardware has the plain modes only (FINN's estimator models none
    of the others)."""
    modes = cost.model_for(spec).modes(spec)
    if policy == "plain" or cost_models.get(cost_model).finn_hardware:
        return modes[:1]
    if policy == "forced":
        return modes[1:] or modes[:1]
    plain = modes[0]
    for key, rule in (policy if isinstance(policy, dict) else {}).items():
        if key not in plain or rule == "auto":
            continue
        same = [m for m in modes if m[key] == plain[key]]
        modes = same if rule == "off" else [m for m in modes if m[key] != plain[key]] or same
    return modes


def candidates(spec: cost.LayerSpec, uram: bool = True, cost_model: str | None = None,
               modes: str | dict = "auto") -> Candidates:
    """Enumerate (PE, SIMD[, memory style, multiplier type, folding mode])
    of a layer, costed by the named cost model (default finnr's); the modes
    by ``modes`` (:data:`MODE_POLICIES`)."""
    model = cost.model_for(spec)
    costs = cost_models.get(cost_model)
    pe_dim, simd_dim = model.folded_dims(spec)
    pes = divisors(pe_dim) if pe_dim else [1]
    simds = divisors(simd_dim) if simd_dim else [1]
    grid_pe, grid_simd = (a.ravel() for a in np.meshgrid(pes, simds, indexing="ij"))
    keys = ("lut", "ff", "bram18", "uram", "dsp")
    parts = []
    for mode in layer_modes(spec, cost_model, modes):
        mspec = cost.replace_spec(spec, **mode)
        ok = (model.stream_bits_ok(mspec, grid_pe, grid_simd) & model.mode_ok(mspec, grid_pe, grid_simd)
              & costs.folding_ok(mspec, grid_pe, grid_simd))
        pe, simd = grid_pe[ok], grid_simd[ok]
        cyc = np.broadcast_to(np.asarray(costs.cycles(mspec, pe, simd), np.float64), pe.shape)
        for style, rtype in costs.memory_choices(mspec, uram):
            res = costs.resources(mspec, pe, simd, style, rtype)
            parts.append((pe, simd, style, rtype, mode, cyc,
                          {k: np.broadcast_to(np.asarray(res[k], np.float64), pe.shape) for k in keys}))
    modeless = len(model.modes(spec)) == 1  # the layer has its plain mode only
    return Candidates(
        pe=np.concatenate([p[0] for p in parts]),
        simd=np.concatenate([p[1] for p in parts]),
        ram_style=np.concatenate([np.full(len(p[0]), p[2], dtype=object) for p in parts]),
        res_type=np.concatenate([np.full(len(p[0]), p[3], dtype=object) for p in parts]),
        cycles=np.concatenate([p[5] for p in parts]),
        res={k: np.concatenate([p[6][k] for p in parts]) for k in keys},
        mode=None if modeless else np.concatenate([np.full(len(p[0]), p[4], dtype=object) for p in parts]),
    )


@dataclass
class Choice:
    pe: int
    simd: int
    ram_style: str
    res_type: str
    cycles: float
    mode: dict = field(default_factory=dict)
    """The folding mode (``LayerModel.modes``; empty: the layer has none)."""


@dataclass
class Result:
    choices: list[Choice]
    cycles: float
    totals: dict[str, float]
    fits: bool
    evaluated: int
    """Layer configurations costed."""


class _Problem:
    """Every layer's candidates in one flat array, layer after layer, each
    candidate's resources as shares of the budget (a resource the budget
    does not name is free; a candidate that needs a resource whose budget
    is 0 is never chosen)."""

    def __init__(self, cands: list[Candidates], budget: dict[str, float]):
        self.cands = cands
        sizes = np.array([len(c) for c in cands])
        self.starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
        self.layer = np.repeat(np.arange(len(cands)), sizes)
        self.index = np.arange(int(sizes.sum()))
        self.cycles = np.concatenate([c.cycles for c in cands])
        share = []
        for r in RESOURCES:
            used = np.concatenate([c.res[r] for c in cands])
            limit = budget.get(r, np.inf)
            share.append(used / limit if limit > 0 else np.where(used > 0, np.inf, 0.0))
        self.share = np.stack(share, axis=1)
        possible = np.all(np.isfinite(self.share), axis=1)
        self.cycles = np.where(possible, self.cycles, np.inf)
        self.share[~possible] = 0.0

    def cheapest(self, score: np.ndarray) -> np.ndarray:
        """Each layer's candidate of the lowest ``score`` (the first of
        equals; -1 for a layer whose scores are all infinite)."""
        low = np.minimum.reduceat(score, self.starts)
        first = np.minimum.reduceat(np.where(score <= low[self.layer], self.index, len(score)), self.starts)
        return np.where(np.isfinite(low), first, -1)

    def solve(self, limit: float) -> tuple[np.ndarray, float] | None:
        """Picks (a candidate index per layer, each at most ``limit``
        cycles) and their overspent shares (0: they fit); the cheapest
        fitting picks found, else the least overspent. None when a layer
        cannot reach ``limit``."""
        banned = np.where(self.cycles <= limit, 0.0, np.inf)
        prices = np.ones(len(RESOURCES))
        best = None
        for step in range(ROUNDS):
            picks = self.cheapest(self.share @ prices + banned)
            if picks.min() < 0:
                return None
            total = self.share[picks].sum(axis=0)
            key = _key(total)
            if best is None or key < best[0]:
                best = (key, picks)
            if step == 0 and key[0] == 0:
                break  # the cheapest picks of every layer fit: nothing to trade
            prices = np.maximum(1.0, prices * np.exp(STEP * (total - 1) / np.sqrt(step + 1)))
        (over, _), picks = best
        if over > 0:
            picks = self._repair(picks.copy(), banned)
        return picks, _key(self.share[picks].sum(axis=0))[0]

    def _repair(self, picks: np.ndarray, banned: np.ndarray) -> np.ndarray:
        """Single-layer moves until the picks fit: each the move that most
        lowers the overspent shares, or at equal overspend the resources'
        shares sorted from the largest (a move that makes room in one
        resource for another's overspend); when no move does, moves that
        lower the sorted shares alone (the leximax order: the largest
        share first, whatever the overspend), which leave the local
        minimum. The least overspent picks seen are the answer."""
        total = self.share[picks].sum(axis=0)
        best = (_key(total)[0], picks.copy())
        leximax = False
        for _ in range(8 * len(self.cands) + 16):
            if best[0] == 0:
                break
            moved = total - self.share[picks][self.layer] + self.share
            ranks, now = _rank(moved, leximax), _rank(total, leximax)
            ranks[np.isinf(banned)] = np.inf
            j = int(np.lexsort(ranks.T[::-1])[0])
            if tuple(ranks[j]) >= tuple(now):
                if leximax:
                    break
                leximax = True
                continue
            picks[self.layer[j]] = j
            total = moved[j]
            over = _key(total)[0]
            if over < best[0]:
                best = (over, picks.copy())
                leximax = False
        return best[1]

    def polish(self, picks: np.ndarray, limit: float) -> np.ndarray:
        """Fitting picks made cheaper: single-layer moves (at most ``limit``
        cycles) that keep them fitting, the one that saves most first."""
        banned = np.where(self.cycles <= limit, 0.0, np.inf)
        picks = picks.copy()
        total = self.share[picks].sum(axis=0)
        for _ in range(4 * len(self.cands) + 16):
            moved = total - self.share[picks][self.layer] + self.share
            cost = np.where(np.all(moved <= 1 + fit.TOLERANCE, axis=1), moved.sum(axis=1), np.inf) + banned
            j = int(np.argmin(cost))
            if cost[j] >= total.sum() - 1e-12:
                break
            picks[self.layer[j]] = j
            total = moved[j]
        return picks


def _rank(shares: np.ndarray, leximax: bool) -> np.ndarray:
    """The order of :meth:`_Problem._repair`: the overspent shares (unless
    ``leximax``), then the shares sorted from the largest."""
    ordered = -np.sort(-shares, axis=-1)
    if leximax:
        return ordered
    over = np.maximum(shares - 1 - fit.TOLERANCE, 0).sum(axis=-1, keepdims=True)
    return np.concatenate([over, ordered], axis=-1)


def _key(total: np.ndarray) -> tuple[float, float]:
    """(overspent shares, cost) of picks whose shares sum to ``total``."""
    return float(np.maximum(total - 1 - fit.TOLERANCE, 0).sum()), float(total.sum())


def _result(problem: _Problem, picks: np.ndarray, over: float) -> Result:
    cands, starts = problem.cands, problem.starts
    local = picks - starts
    choices = [
        Choice(int(c.pe[i]), int(c.simd[i]), str(c.ram_style[i]), str(c.res_type[i]), float(c.cycles[i]),
               {} if c.mode is None else dict(c.mode[i]))
        for c, i in zip(cands, local)
    ]
    totals = {r: float(sum(c.res[r][i] for c, i in zip(cands, local))) for r in RESOURCES}
    return Result(choices, max(ch.cycles for ch in choices), totals, over == 0, sum(len(c) for c in cands))


def _targets(specs: list[cost.LayerSpec], budget: dict[str, float], uram: bool,
             cost_model: str | None = None, modes: str | dict = "auto") -> tuple[_Problem, np.ndarray]:
    """The problem and its distinct cycle budgets at which every layer has a candidate, ascending."""
    problem = _Problem([candidates(s, uram, cost_model, modes) for s in specs], budget)
    targets = np.unique(problem.cycles[np.isfinite(problem.cycles)])
    floor = max(float(np.min(problem.cycles[problem.layer == i])) for i in range(len(specs)))
    return problem, targets[targets >= floor]


def fits_at_all(specs: list[cost.LayerSpec], budget: dict[str, float], uram: bool = True,
                cost_model: str | None = None, modes: str | dict = "auto") -> Result:
    """A design at the loosest cycle budget (every candidate allowed): one
    that fits ``budget`` if any folding found does (``fits``), else the
    least overspent."""
    problem, targets = _targets(specs, budget, uram, cost_model, modes)
    found = problem.solve(float(targets[-1]))
    assert found is not None
    return _result(problem, *found)


def maximize(specs: list[cost.LayerSpec], budget: dict[str, float], uram: bool = True,
             cost_model: str | None = None, modes: str | dict = "auto") -> Result:
    """The fastest folding whose LUT/FF/BRAM18/URAM/DSP totals fit
    ``budget`` (a resource it does not name is unbounded); when not even
    the slowest folding fits, the least overspent slowest design, with
    ``fits`` False. ``cost_model`` names the model of every candidate's cost,
    ``modes`` the folding modes tried (:data:`MODE_POLICIES`)."""
    problem, targets = _targets(specs, budget, uram, cost_model, modes)
    slowest = problem.solve(float(targets[-1]))
    assert slowest is not None
    if slowest[1] > 0:
        return _result(problem, *slowest)
    lo, hi, best = 0, len(targets) - 1, slowest  # targets[hi] fits; find the first that does
    while lo < hi:
        mid = (lo + hi) // 2
        found = problem.solve(float(targets[mid]))
        if found is not None and found[1] == 0:
            hi, best = mid, found
        else:
            lo = mid + 1
    picks, _ = best
    return _result(problem, problem.polish(picks, float(targets[lo])), 0.0)


def minimize(specs: list[cost.LayerSpec], target_cycles: float, budget: dict[str, float], uram: bool = True,
             cost_model: str | None = None, modes: str | dict = "auto") -> Result:
    """The cheapest folding with every layer at most ``target_cycles``
    (``fits`` False when no folding found fits ``budget``: then the least
    overspent). Raises ValueError naming the layers that cannot get there."""
    cands = [candidates(s, uram, cost_model, modes) for s in specs]
    slow = [i for i, c in enumerate(cands) if c.cycles.min() > target_cycles]
    if slow:
        raise ValueError(slow)
    problem = _Problem(cands, budget)
    found = problem.solve(target_cycles)
    if found is None:  # a layer that reaches the target only with a resource the budget denies
        raise ValueError([i for i in range(len(cands)) if not np.any(problem.cycles[problem.layer == i] <= target_cycles)])
    picks, over = found
    return _result(problem, problem.polish(picks, target_cycles) if over == 0 else picks, over)
