"""Named coefficient sets of the resource model: FINN-R's stays the default,
the yosys set weighs the same terms with fitted coefficients, and the fit
is a non-negative least squares in relative error."""

from __future__ import annotations

import json

import numpy as np
import pytest

from finnr.models import calibration, cost
from finnr.models.cost import LayerSpec, replace_spec

SPECS = [
    LayerSpec("mvau", mw=64, mh=32, wbits=2, abits=2, obits=2, thresholds=3),
    LayerSpec("mvau", mw=16, mh=10, wbits=1, abits=1, obits=8, acc_bits=6, binary_xnor=True),
    LayerSpec("vvau", channels=8, kernel=(3, 3), ofm=(4, 4), vectors=16, wbits=4, abits=4, thresholds=15),
    LayerSpec("thresholding", channels=16, thresholds=3, abits=8, obits=2),
    LayerSpec("swu", channels=8, kernel=(3, 3), ifm=(10, 10), ofm=(8, 8), abits=2),
    LayerSpec("maxpool", channels=8, kernel=(2, 2), stride=(2, 2), ifm=(8, 8), ofm=(4, 4), abits=2),
    LayerSpec("fifo", channels=32, depth=256, in_elems=4, out_elems=4, abits=2),
    LayerSpec("dwc", channels=32, in_elems=4, out_elems=8, abits=2),
    LayerSpec("pad", channels=8, ifm=(4, 4), ofm=(6, 6), abits=2),
    LayerSpec("label_select", channels=10, abits=8, obits=4),
]


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.kind)
def test_finn_r_is_the_default_and_unchanged(spec):
    got = calibration.resources(spec, 2, 2)
    assert calibration.finn_r_resources(spec, 2, 2) == got
    if spec.kind in ("mvau", "vvau"):
        want = cost.mvau_resources(spec, 2, 2)
    elif spec.kind == "thresholding":
        want = cost.thresholding_resources(spec, 2)
    elif spec.kind == "swu":
        want = cost.swu_resources(spec, 2)
    else:
        want = cost.stream_resources(spec, 2, 2)
    assert {k: float(v) for k, v in got.items()} == {k: float(v) for k, v in want.items()}


def test_mvau_terms():
    spec = SPECS[0]  # 64 x 32, W2 A2, 3 thresholds per channel
    t = {k: float(v) for k, v in calibration.terms(spec, 2, 4).items()}
    assert t["const"] == 1 and t["pe"] == 2
    # integer multipliers: PE·SIMD·W·A partial-product bits, no XNOR terms
    assert t["products"] == 2 * 4 * 2 * 2 and t["products_sq"] == 2 * 4 * 16 / 4
    assert t["tree"] == pytest.approx(2 * 4 * (2 + 2 + 2)) and t["xnor"] == 0 and t["popcount"] == 0
    # weight ROM: SIMD·W = 8 bits wide per PE, 64·32/(2·4) = 256 deep: 4096 bits, in LUTs
    # (whatever memory the FINN-R model picks)
    assert float(cost.mvau_resources(spec, 2, 4)["bram18"]) > 0
    assert t["weights"] == 2 * 8 * 4 and t["weights_mux"] == 2 * 8 * 3 and t["weights_addr"] == 2 * 8 * 8
    # ... none off chip
    off = calibration.terms(spec, 2, 4, mem_mode="external")
    assert sum(float(off[k]) for k in ("weights", "weights_mux", "weights_addr")) == 0
    # more than ROM_LUT_BITS and ROM_LUT_DEPTH: block RAM, one ROM 2·8 bits wide x 2048 deep, no LUTs
    big = LayerSpec("mvau", mw=256, mh=64, wbits=2, abits=2, obits=2, thresholds=3)
    assert 2 * 4 * 2 * 2048 > calibration.ROM_LUT_BITS and 2048 > calibration.ROM_LUT_DEPTH
    b = calibration.terms(big, 2, 4)
    assert float(b["weights"]) == float(b["weights_mux"]) == float(b["weights_addr"]) == 0
    # ... the logic around its RAMB18s instead: 2048 x 16 bits = 2 x 1K x 18 blocks, 16 output bits
    assert float(b["rom_bram"]) == 1 and float(b["rom_blocks"]) == 2 and float(b["rom_out"]) == 16
    assert float(calibration.terms(big, 8, 32)["weights"]) > 0  # 8 x 32 x 2 bits x 64 deep: LUTs
    assert float(calibration.terms(big, 8, 32)["rom_bram"]) == 0
    assert t["rom_bram"] == t["rom_blocks"] == t["rom_out"] == 0
    # 16 channels per PE: thresholds from a ROM, 3 x acc bits compared per PE
    acc = float(cost.mvau_terms(spec, 2, 4)["acc"])
    assert t["acc"] == 2 * acc and t["compare"] == 2 * 3 * acc and t["compare_const"] == 0
    assert t["threshold_rom"] == 2 * 3 * acc * 1
    # one channel per PE: constant thresholds
    c = {k: float(v) for k, v in calibration.terms(spec, 32, 1).items()}
    assert c["compare"] == 0 and c["threshold_rom"] == 0 and c["compare_const"] == 32 * 3 * acc
    # the input buffer: 64/4 = 16 words of 4 x 2 bits
    assert t["inbuf"] == 8
    # XNOR-popcount: no multipliers, XNOR gates and a popcount instead
    x = {k: float(v) for k, v in calibration.terms(SPECS[1], 2, 4).items()}
    assert x["products"] == x["products_sq"] == x["tree"] == 0
    assert x["xnor"] == 8 and x["popcount"] == pytest.approx(8 * 3)


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.kind)
def test_terms_vectorize_over_foldings(spec):
    pe, simd = np.array([1, 2]), np.array([1, 2])
    for name, v in calibration.terms(spec, pe, simd).items():
        assert np.shape(v) == (2,), name
        assert float(v[1]) == pytest.approx(float(calibration.terms(spec, 2, 2)[name]))


def test_fit_recovers_coefficients_and_drops_negative_terms():
    rng = np.random.default_rng(0)
    rows = [{"const": 1.0, "a": float(rng.uniform(1, 100)), "b": float(rng.uniform(1, 100)), "zero": 0.0}
            for _ in range(20)]
    y = [40 + 2.5 * r["a"] + 0.5 * r["b"] for r in rows]
    c = calibration.fit(rows, y)
    assert set(c) == {"const", "a", "b"}
    assert (c["const"], c["a"], c["b"]) == pytest.approx((40, 2.5, 0.5))
    # a term that only hurts would get a negative coefficient: it is dropped
    y = [10 + 3 * r["a"] - 0.01 * r["b"] for r in rows]
    c = calibration.fit(rows, y)
    assert "b" not in c and all(v >= 0 for v in c.values())
    # exact NNLS: no non-negative combination of the terms fits better
    def loss(c):
        return sum(((sum(v * r[n] for n, v in c.items()) - m) / m) ** 2 for r, m in zip(rows, y))
    for other in ({"const": 10, "a": 3}, {"a": 3.2}, {"const": 9, "a": 3.01, "b": 0.001}):
        assert loss(c) <= loss(other) + 1e-12
    # a single row: the smallest exact subset (the constant alone) wins the tie
    assert calibration.fit([{"const": 1.0, "a": 4.0}], [43.0]) == {"const": pytest.approx(43.0)}


def test_yosys_set_uses_the_fitted_coefficients(tmp_path, monkeypatch):
    path = tmp_path / "coeffs.json"
    path.write_text(json.dumps({"kinds": {"mvau": {"lut": {"const": 10.0, "products": 0.5, "weights": 1.0},
                                                   "ff": {"tree": 0.25}, "layers": 3}}}))
    monkeypatch.setattr(calibration, "YOSYS_FILE", path)
    calibration.coefficient_file.cache_clear()
    try:
        spec = SPECS[0]
        t = calibration.terms(spec, 2, 4)
        r = calibration.resources(spec, 2, 4, coefficients="yosys")
        assert float(r["lut"]) == pytest.approx(10 + 0.5 * float(t["products"]) + float(t["weights"]))
        assert float(r["ff"]) == pytest.approx(0.25 * float(t["tree"]))
        assert float(r["bram18"]) == float(cost.mvau_resources(spec, 2, 4)["bram18"])
        # a kind the fit has not seen keeps FINN-R's model
        thr = SPECS[3]
        assert calibration.resources(thr, 2, coefficients="yosys") == calibration.finn_r_resources(thr, 2)
    finally:
        calibration.coefficient_file.cache_clear()
    with pytest.raises(ValueError, match="unknown coefficient set"):
        calibration.coefficient_set("vivado")


def test_committed_yosys_coefficients_are_well_formed():
    if not calibration.YOSYS_FILE.is_file():
        pytest.skip("no fitted coefficients yet (benchmarks/prediction_accuracy.py writes them)")
    data = json.loads(calibration.YOSYS_FILE.read_text())
    assert data["yosys"].startswith("Yosys 0.70") and "prediction_accuracy.py" in data["fitted_by"]
    specs = {s.kind: s for s in SPECS}
    for kind, c in data["kinds"].items():
        names = set(calibration.terms(specs[kind], 1, 1))
        for key in ("lut", "ff"):
            assert set(c[key]) <= names and all(v >= 0 for v in c[key].values()), (kind, key)
        assert c["layers"] > 0


# --- the ecp5 set -------------------------------------------------------------------------


def test_ecp5_blocks_take_the_best_aspect_ratio():
    assert calibration.ecp5_blocks(16384, 1) == 1 and calibration.ecp5_blocks(16385, 1) == 2
    assert calibration.ecp5_blocks(2048, 9) == 1 and calibration.ecp5_blocks(2048, 10) == 2
    assert calibration.ecp5_blocks(512, 36) == 1 and calibration.ecp5_blocks(512, 72) == 2
    assert calibration.ecp5_blocks(1024, 32) == 2  # 2 x (512 x 36) or 2 x (1K x 18)
    assert calibration.ecp5_blocks(0, 8) == 0


def test_ecp5_memory_rule_is_memory_libmap_s_cost():
    # a ROM goes to an EBR when its 128 (+2 for its read port) costs less than
    # its bits at 1/16: 256 x 8 (2048 bits, 128) stays logic, 256 x 9 (144) does not
    assert not calibration.ecp5_in_ebr(256, 8, rom=True)
    assert calibration.ecp5_in_ebr(256, 9, rom=True)
    assert calibration.ecp5_in_ebr(2048, 7, rom=True)  # a weight ROM bank of sfc_1w1a
    assert not calibration.ecp5_in_ebr(64, 20, rom=True)  # tfc_2w2a's last layer
    # a RAM: distributed RAM (4 a 16 x 4) or logic first; 1K x 16 is an EBR
    assert not calibration.ecp5_in_ebr(64, 8, rom=False)
    assert not calibration.ecp5_in_ebr(2, 64, rom=False)
    assert calibration.ecp5_in_ebr(1024, 16, rom=False)


def test_ecp5_memories_of_an_mvau_bank_the_weight_rom():
    from finnr.hw.pipeline import rom_bank

    spec = LayerSpec("mvau", mw=784, mh=256, wbits=1, abits=1, obits=1, thresholds=1, acc_bits=11)
    mems = calibration.ecp5_memories(spec, 1, 7)  # 28672 words of 7 bits: 14 banks of 2048
    assert rom_bank(7) == 2048
    assert mems[:14] == [(2048, 7, True)] * 14
    assert mems[14] == (256, 11, True) and mems[15] == (112, 7, False)  # thresholds, input buffer
    assert calibration.ecp5_ebr(spec, 1, 7) == 14 + 1  # the 256 x 11 thresholds: 176 > 130
    assert calibration.ecp5_ebr(spec, 1, 7, threshold_bits=8) == 14
    assert calibration.ecp5_ebr(spec, 1, 7, mem_mode="external", threshold_bits=8) == 0
    fifo = LayerSpec("fifo", channels=32, depth=2048, in_elems=4, out_elems=4, abits=2)
    assert calibration.ecp5_memories(fifo) == [(2048, 8, False)] and calibration.ecp5_ebr(fifo) == 1


def test_ecp5_resources_and_the_multiplier_rule():
    spec = SPECS[0]
    r = calibration.resources(spec, 2, 4, coefficients="ecp5")
    assert set(r) == {"lut", "ff", "bram18", "uram", "dsp"} and r["uram"] == 0 and r["dsp"] == 0
    assert float(r["lut"]) > 0 and float(r["ff"]) > 0
    assert calibration.ecp5_mult18(spec, 2, 4, "dsp") == 8
    assert calibration.ecp5_mult18(SPECS[1], 2, 4, "dsp") == 0  # XNOR-popcount: no multiplier
    assert calibration.ecp5_mult18(SPECS[3], 2, 1, "dsp") == 0


def test_ecp5_set_falls_back_to_the_scaled_yosys_model(tmp_path, monkeypatch):
    path = tmp_path / "ecp5.json"
    path.write_text(json.dumps({"lut6_to_lut4": 2.0, "kinds": {"fifo": {"lut": {"const": 7.0}, "ff": {"const": 3.0},
                                                                        "layers": 1},
                                                               "swu": {"lut": {"const": 5.0}, "ff": {"const": 1.0},
                                                                       "layers": 1}}}))
    yosys = tmp_path / "yosys.json"
    yosys.write_text(json.dumps({"kinds": {"thresholding": {"lut": {"compare": 1.0}, "ff": {"const": 4.0}}}}))
    monkeypatch.setattr(calibration, "ECP5_FILE", path)
    monkeypatch.setattr(calibration, "YOSYS_FILE", yosys)
    calibration.coefficient_file.cache_clear()
    try:
        fifo, thr = SPECS[6], SPECS[3]
        # the fitted FIFO, plus the PREFETCH stage's measured registers where the memory is a block RAM
        assert float(calibration.ecp5_resources(replace_spec(fifo, depth=16))["lut"]) == 7.0
        # a window engine: the fitted set plus its row accounting's measured comparisons
        swu = LayerSpec("swu", channels=4, kernel=(3, 3), ifm=(8, 8), ofm=(6, 6), abits=2)
        assert float(calibration.ecp5_resources(swu, 1, 4)["lut"]) == 5.0 + calibration.ECP5_WINDOW_ROWS_LUT4
        per_bit, fixed = calibration.ECP5_PREFETCH_LUT4
        assert cost.fifo_prefetches(256, 8) and not cost.fifo_prefetches(16, 8)
        assert float(calibration.ecp5_resources(fifo)["lut"]) == pytest.approx(7.0 + per_bit * 8 + fixed)
        t = calibration.terms(thr, 2)
        r = calibration.ecp5_resources(thr, 2)
        assert float(r["lut"]) == pytest.approx(2 * float(t["compare"])) and float(r["ff"]) == 8.0
        # neither set has it: FINN-R's model
        assert float(calibration.ecp5_resources(SPECS[8])["lut"]) == float(calibration.finn_r_resources(SPECS[8])["lut"])
    finally:
        calibration.coefficient_file.cache_clear()


def test_committed_ecp5_coefficients_are_well_formed():
    if not calibration.ECP5_FILE.is_file():
        pytest.skip("no fitted coefficients yet (benchmarks/ecp5_calibration.py writes them)")
    data = json.loads(calibration.ECP5_FILE.read_text())
    assert data["family"] == "ecp5" and "ecp5_calibration.py" in data["fitted_by"] and data["lut6_to_lut4"] > 0
    specs = {s.kind: s for s in SPECS}
    assert {"mvau", "fifo", "swu", "dwc"} <= set(data["kinds"])
    for kind, c in data["kinds"].items():
        if kind not in specs:
            continue
        names = set(calibration.ecp5_terms(specs[kind], 1, 1))
        for key in ("lut", "ff"):
            assert set(c[key]) <= names and all(v >= 0 for v in c[key].values()), (kind, key)


@pytest.mark.parametrize(("model", "ebr"), [("tfc_2w2a", 9), ("sfc_1w1a", 22)])
def test_ecp5_ebr_of_whole_designs_is_what_nextpnr_placed(model, ebr, tmp_path):
    # nextpnr-ecp5 placed 9 and 22 DP16KD for these networks (built --maximize
    # for the ULX3S, folded under its default ecp5 cost model; `finnr bitstream
    # --top accelerator`): the rule, on the layers of the build's IR, predicts
    # them exactly
    from finnr.driver.main import main
    from finnr.ir_io import load_ir
    from finnr_testing.shared_models import SHARED_MODELS

    path = SHARED_MODELS / f"{model}.onnx"
    if not path.is_file():
        pytest.skip("shared models not present")
    out = tmp_path / model
    assert main(["build", str(path), "--device", "ulx3s-85f", "--maximize", "--backend", "rtl",
                 "--stop-after", "estimate", "-o", str(out), "--quiet"]) == 0
    design = calibration.design_resources_ecp5(load_ir(out / "05-estimated.mlir"))
    assert design["total"]["bram18"] == ebr
    assert design["total"]["uram"] == 0 and design["total"]["dsp"] == 0
