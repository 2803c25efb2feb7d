"""The folding optimizer: its designs fit, are balanced, match an exhaustive
search where one resource binds, and are never costlier than FINN's
SetFolding at the same throughput; the MO model."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from finnr.models import cost
from finnr.models.cost import LayerSpec
from finnr.models.cost import resources as layer_resources
from finnr.models.devices import get_device
from finnr.models.folding import set_folding
from finnr.models.offload import best_offload, offload_performance
from finnr.models.optimizer import RESOURCES, candidates, maximize, minimize

NET = [
    LayerSpec("mvau", mw=32, mh=16, vectors=4, wbits=2, abits=2, obits=2, thresholds=3),
    LayerSpec("thresholding", channels=16, vectors=4, abits=8, obits=2, thresholds=3),
    LayerSpec("mvau", mw=16, mh=8, vectors=4, wbits=2, abits=2, obits=2, thresholds=3),
    LayerSpec("mvau", mw=8, mh=4, vectors=4, wbits=2, abits=2, obits=8),
]


def lut_budget(lut: float) -> dict[str, float]:
    return {**dict.fromkeys(RESOURCES, 1e9), "lut": lut}


def exhaustive_fastest(specs, budget):
    """Brute force over every combination of every layer's candidates."""
    cands = [candidates(s) for s in specs]
    best = None
    for combo in itertools.product(*(range(len(c)) for c in cands)):
        tot = {r: sum(c.res[r][i] for c, i in zip(cands, combo)) for r in RESOURCES}
        if all(tot[r] <= budget[r] for r in RESOURCES):
            cyc = max(c.cycles[i] for c, i in zip(cands, combo))
            if best is None or cyc < best:
                best = cyc
    return best


@pytest.mark.parametrize("lut", [1500, 2500, 4000, 8000])
def test_maximize_matches_exhaustive_search_when_luts_bind(lut):
    specs = NET[:2]  # small enough for brute force
    budget = lut_budget(lut)
    res = maximize(specs, budget)
    expected = exhaustive_fastest(specs, budget)
    assert res.fits == (expected is not None)
    if expected is not None:
        assert res.cycles == expected


def test_maximize_designs_fit_and_are_balanced():
    dev = get_device("pynq-z1")
    budget = {r: 0.05 * dev.resources()[r] for r in RESOURCES}
    res = maximize(NET, budget)
    assert res.fits
    for r in RESOURCES:
        assert res.totals[r] <= budget[r] + 1e-9
    for spec, choice in zip(NET, res.choices):
        # every layer at most the bottleneck's cycles, and recosting agrees
        assert cost.cycles(spec, choice.pe, choice.simd) <= res.cycles
        again = layer_resources(spec, choice.pe, choice.simd, choice.ram_style, choice.res_type)
        assert float(again["lut"]) >= 0
    # the totals are the sums of the layers' exact costs
    lut = sum(float(layer_resources(s, c.pe, c.simd, c.ram_style, c.res_type)["lut"]) for s, c in zip(NET, res.choices))
    assert lut == pytest.approx(res.totals["lut"])


@pytest.mark.parametrize("target", [4.0, 16.0, 64.0, 256.0])
def test_minimize_meets_the_target_no_costlier_than_setfolding(target):
    budget = lut_budget(1e9)
    res = minimize(NET, target, budget)
    assert all(c.cycles <= target for c in res.choices)
    folds = set_folding(NET, target)
    if max(float(cost.cycles(s, f.pe, f.simd)) for s, f in zip(NET, folds)) <= target:
        sf_lut = sum(float(layer_resources(s, f.pe, f.simd, "auto", "lut")["lut"]) for s, f in zip(NET, folds))
        assert res.totals["lut"] <= sf_lut + 1e-9


def test_minimize_reports_layers_that_cannot_reach_the_target():
    with pytest.raises(ValueError) as e:
        minimize(NET, 0.5, lut_budget(1e9))
    assert 0 in e.value.args[0]


def test_candidates_respect_divisibility_and_stream_limits():
    c = candidates(NET[0])
    assert np.all(16 % c.pe == 0) and np.all(32 % c.simd == 0)
    assert set(c.ram_style) == {"distributed", "block", "ultra"}
    assert len(candidates(NET[0], uram=False)) < len(c)


def test_offload_is_bounded_by_compute_or_memory():
    dev = get_device("pynq-z1")
    big = [LayerSpec("mvau", mw=4096, mh=4096, vectors=1, wbits=8, abits=8, obits=8, thresholds=255)]
    slow = offload_performance(big, dev, pe=1, simd=1)
    assert slow.layers[0].bound == "compute"
    assert slow.layers[0].compute_cycles == 4096 * 4096
    fast = offload_performance(big, dev, pe=64, simd=64)
    assert fast.layers[0].bound == "memory"  # 16 MB of weights per frame
    bytes_per_cycle = dev.dram_gbps * 1e9 / (dev.clock_mhz * 1e6)
    assert fast.layers[0].memory_cycles == pytest.approx(fast.layers[0].bytes_moved / bytes_per_cycle)
    assert fast.fps == pytest.approx(dev.clock_mhz * 1e6 / fast.cycles)
    budget = {r: 0.8 * dev.resources()[r] for r in RESOURCES}
    best = best_offload(big, dev, budget)
    assert best is not None and best.fps >= slow.fps
