"""Several pixels per beat (MMV, issue 22) in the padding and max-pool
engines: a beat carries M consecutive pixels of a row, each whole (SIMD or
PE = C). Their cycle and resource models and beat-exact schedules by hand,
the optimizer's modes, the RTL engines bit-exact and cycle-exact in
Verilator, the HLS kernels bit-exact in C-simulation, folding_config.json."""

from __future__ import annotations

import numpy as np
import pytest
from xdsl.utils.exceptions import VerifyException

from finnr.dialects import dataflow as df
from finnr.hw import pipeline as hw_pipeline
from finnr.models import cost, optimizer, schedule
from finnr.models.cost import LayerSpec
from test_rtl import BIP, I, T, U, needs_sim, partition_module, random_inputs, simulate


def pad_spec(ifm, channels, pads=(1, 1, 1, 1), mmv=1, abits=4) -> LayerSpec:
    top, left, bottom, right = pads
    return LayerSpec("pad", channels=channels, ifm=ifm, ofm=(ifm[0] + top + bottom, ifm[1] + left + right),
                     abits=abits, obits=abits, mmv=mmv)


def pool_spec(ifm, channels, kernel=(2, 2), stride=(2, 2), mmv=1, abits=1) -> LayerSpec:
    ofm = tuple((ifm[i] - kernel[i]) // stride[i] + 1 for i in range(2))
    return LayerSpec("maxpool", channels=channels, kernel=kernel, stride=stride, ifm=ifm, ofm=ofm, abits=abits,
                     obits=abits, mmv=mmv)


def test_cycles_by_hand():
    """tiny_resnet_w4a4's pads, 16x16 to 18x18 (SIMD = C): 324 beats, 162
    at M = 2; cnv_1w1a's max-pool behind layer 2, 28x28x64 in 2x2 windows
    (PE = C): the input's 784 beats, at M = 2 14 output rows of max(7 beats
    of 2 outputs * 2 rows * 2 beats a window row, 2 rows * 14 input beats):
    392. Overlapping 3x3 windows of stride 2 over 9x10 (4x4 of them) at M
    = 2: the windows of 2 outputs span 2*2 + 1 = 5 columns, 3 beats; 4
    rows of max(2 * 3 * 3 = 18 reads, 2 * 5 = 10 input beats), + the row
    the next frame's first window needs beyond what the last output row
    releases (5 beats): 77."""
    assert float(cost.cycles(pad_spec((16, 16), 16), simd=16)) == 324
    assert float(cost.cycles(pad_spec((16, 16), 16, mmv=2), simd=16)) == 162
    assert float(cost.cycles(pad_spec((16, 16), 16), simd=4)) == 4 * 324
    assert float(cost.cycles(pool_spec((28, 28), 64), pe=64)) == 784
    assert float(cost.cycles(pool_spec((28, 28), 64, mmv=2), pe=64)) == 14 * max(7 * 2 * 2, 2 * 14) == 392
    over = pool_spec((9, 10), 2, kernel=(3, 3), stride=(2, 2), mmv=2)
    assert cost.pool_words(over) == 3
    assert float(cost.cycles(over, pe=2)) == 4 * max(2 * 3 * 3, 2 * 5) + 5 == 77


def test_resources_and_stream_widths_by_hand():
    """M times the beat: a pad of 16 channels of 4 bits at M = 2 moves 128
    bits a beat (LUTs 50 + 128, FFs 2 * 128 + 20); the max-pool of 64
    one-bit channels at M = 2, 128-bit words of partial maxima (14 of them,
    128 * 1 LUTs), 100 + 2 * 128 for the comparators."""
    p = pad_spec((16, 16), 16, mmv=2)
    res = cost.resources(p, 1, 16)
    assert (float(res["lut"]), float(res["ff"])) == (50 + 128, 2 * 128 + 20)
    assert cost.model_for(p).stream_widths(p, 1, 16) == (32, 32)
    q = pool_spec((28, 28), 64, mmv=2)
    assert float(cost.resources(q, 64, 1)["lut"]) == 100 + 2 * 128 + 128
    assert cost.model_for(q).stream_widths(q, 64, 1) == (128, 128)
    plain = pool_spec((28, 28), 64)
    assert cost.model_for(plain).stream_widths(plain, 64, 1) == (64, 64)


def test_calibrated_and_ecp5_terms_follow_m():
    """The resource terms the calibrated and ECP5 models weigh: the beat M
    times as wide, the line buffer (ECP5: of KH + SH = 4 rows) in words of M
    pixels, the pad's column counter over OW/M beats."""
    from finnr.models import calibration

    pool, pool2 = pool_spec((28, 28), 64), pool_spec((28, 28), 64, mmv=2)
    assert float(calibration.terms(pool2, 64)["width"]) == 2 * float(calibration.terms(pool, 64)["width"]) == 128
    assert calibration.ecp5_memories(pool2, 64) == [(4 * 14, 128, False)]
    pad, pad2 = pad_spec((16, 16), 16), pad_spec((16, 16), 16, mmv=2)
    assert float(calibration.terms(pad2, 1, 16)["width"]) == 2 * 16 * 4
    t, t2 = calibration.ecp5_terms(pad, 1, 16), calibration.ecp5_terms(pad2, 1, 16)
    assert (t2["width"], t2["counters"]) == (2 * t["width"], t["counters"] - 1) == (128, 5 + 4 + 1)  # 18 rows, 9 beats, 1 fold


def test_modes_are_the_widths_m_divides():
    """The plain mode first, then every M <= 8 dividing the input and the
    output width within MAX_STREAM_BITS (here 8 * 64 * 8 = 4096 bits)."""
    assert [m["mmv"] for m in cost.model_for(pad_spec((16, 16), 16)).modes(pad_spec((16, 16), 16))] == [1, 2]
    pool = pool_spec((28, 28), 64)
    assert [m["mmv"] for m in cost.model_for(pool).modes(pool)] == [1, 2, 7]
    wide = pad_spec((8, 24), 512, pads=(0, 0, 0, 0), abits=8)  # 4096 bits a pixel: 2 of them fit
    assert [m["mmv"] for m in cost.model_for(wide).modes(wide)] == [1, 2]


def test_the_optimizer_offers_mmv_only_at_full_channels():
    """Candidates: SIMD (divisors of C = 4) at M = 1, SIMD = 4 only at M =
    2; the fastest is M = 2; FINN's hardware has the plain mode only."""
    spec = pad_spec((6, 6), 4)
    c = optimizer.candidates(spec)
    mmv = np.array([m["mmv"] for m in c.mode])
    assert sorted(c.simd[mmv == 2]) == [4]
    assert sorted(c.simd[mmv == 1]) == [1, 2, 4]
    assert min(c.cycles) == 8 * 8 / 2
    assert {m["mmv"] for m in optimizer.candidates(spec, cost_model="finn").mode} == {1}
    pool = pool_spec((8, 8), 4)
    c = optimizer.candidates(pool)
    mmv = np.array([m["mmv"] for m in c.mode])
    assert set(c.pe[mmv > 1]) == {4} and set(mmv) == {1, 2, 4}


def test_the_verifier_by_python():
    module = partition_module("p", [T(U(2), 1, 4, 4, 2)], lambda add, a: [
        add(df.PadOp(a[0], pads=[1, 1, 1, 1], simd=1, mmv=2))])
    with pytest.raises(VerifyException, match=r"mmv \(2\) needs simd = the channels \(2\), got 1"):
        module.verify()
    module = partition_module("p", [T(I(4), 1, 4, 4, 2)], lambda add, a: [
        add(df.MaxPoolOp(a[0], kernel=[2, 2], pe=2, mmv=4))])
    with pytest.raises(VerifyException, match=r"mmv \(4\) must divide the output width \(2\)"):
        module.verify()


def only_layer(module, cls):
    (op,) = [op for op in module.walk() if isinstance(op, cls)]
    return op


def test_pad_schedule_by_hand():
    """A 2x4 frame padded by 1 all round at M = 2: 4 rows of 3 beats;
    output beat x of rows 1 and 2 reads input beat x - floor(1/2) = x when
    x < 2 (the third holds the second beat's last pixel and the padding):
    the four input beats, offered at once, are taken at steps 3, 4, 6, 7;
    every beat leaves a cycle after its step. Left padding 2 (6 wide):
    beat x reads input beat x - 1."""
    def pad(pads):
        module = partition_module("p", [T(U(2), 1, 2, 4, 1)], lambda add, a: [
            add(df.PadOp(a[0], pads=pads, simd=1, mmv=2))])
        return schedule.SCHEDULES[df.PadOp](only_layer(module, df.PadOp), [np.zeros(4, np.int64)], 1)

    (taken,), (out,) = pad([1, 1, 1, 1])
    assert taken.tolist() == [3, 4, 6, 7]
    assert out.tolist() == list(range(1, 13))
    (taken,), (out,) = pad([0, 2, 0, 0])
    assert taken.tolist() == [1, 2, 4, 5] and out.tolist() == list(range(1, 7))


def test_pool_schedule_by_hand_and_on_the_cost_model():
    """A 2x4 frame in 2x2 windows at M = 2: 2 beats a row; the one output
    beat (2 pixels) reads 2 rows of 2 beats once both rows are in (cycle
    3): steps 4..7, out ``window_latency`` after the last. Over three
    frames of cnv's pool (28x28x64, M = 2) the frames leave 392 cycles
    apart, the cost model's cycles."""
    module = partition_module("p", [T(I(4), 1, 2, 4, 3)], lambda add, a: [
        add(df.MaxPoolOp(a[0], kernel=[2, 2], pe=3, mmv=2))])
    (taken,), (out,) = schedule.SCHEDULES[df.MaxPoolOp](only_layer(module, df.MaxPoolOp),
                                                       [np.zeros(4, np.int64)], 1)
    assert taken.tolist() == [0, 1, 2, 3]
    assert out.tolist() == [7 + hw_pipeline.window_latency()]
    cnv = partition_module("p", [T(dt_bipolar(), 1, 28, 28, 64)], lambda add, a: [
        add(df.MaxPoolOp(a[0], kernel=[2, 2], pe=64, mmv=2))])
    pool = only_layer(cnv, df.MaxPoolOp)
    (taken,), (out,) = schedule.SCHEDULES[df.MaxPoolOp](pool, [np.zeros(3 * 392, np.int64)], 3)
    per = out.size // 3
    assert out[2 * per - 1] - out[per - 1] == out[3 * per - 1] - out[2 * per - 1] == 392
    assert schedule.bottleneck_cycles(pool.parent_op()) == 392


def dt_bipolar():
    from finnr.dialects import datatypes as dt

    return dt.BipolarType()


# --- the RTL engines -----------------------------------------------------------------


def pad_module(h, w, c, pads, mmv, elt=None):
    """One padding engine alone, M = mmv pixels a beat (SIMD = C)."""
    elt = U(3) if elt is None else elt
    return partition_module("pad", [T(elt, 1, h, w, c)], lambda add, a: [
        add(df.PadOp(a[0], pads=list(pads), simd=c, mmv=mmv, value=1.0))])


def pool_module(h, w, c, kernel, stride, mmv, elt=None):
    """One max-pool engine alone, M = mmv pixels a beat (PE = C)."""
    elt = I(4) if elt is None else elt
    return partition_module("pool", [T(elt, 1, h, w, c)], lambda add, a: [
        add(df.MaxPoolOp(a[0], kernel=list(kernel), stride=list(stride), pe=c, mmv=mmv))])


def test_the_rtl_engine_is_chosen_by_mode():
    """finnr_pad takes MMV as a parameter; a max-pool of M > 1 has an
    engine of its own, finnr_pool_mmv (finnr_window stays as it is)."""
    from finnr.backends.rtl import design as rtl_design

    pool = only_layer(pool_module(2, 4, 2, (2, 2), (2, 2), 2), df.MaxPoolOp)
    assert rtl_design.engine(pool).module == "finnr_pool_mmv"
    pool.properties["mmv"] = df.i64_attr(1)
    assert rtl_design.engine(pool).module == "finnr_window"
    assert rtl_design.engine(only_layer(pad_module(2, 4, 1, (1, 1, 1, 1), 2), df.PadOp)).module == "finnr_pad"


ISOLATED = {
    # 4x6x2 padded (1, 1, 1, 1), M = 2: 6 rows of 4 beats
    "pad": (lambda: pad_module(4, 6, 2, (1, 1, 1, 1), 2), 6 * 4),
    # asymmetric, M = 3, LEFT % M = 2: (2+3+1) rows of (5+6+1)/3 = 4 beats
    "pad_shifted": (lambda: pad_module(3, 6, 1, (2, 5, 1, 1), 3), 6 * 4),
    # LEFT a multiple of M: 3 rows of (4+4+0)/4 = 2 beats
    "pad_aligned": (lambda: pad_module(3, 4, 3, (0, 4, 0, 0), 4), 3 * 2),
    # cnv's 2x2 pooling at M = 2 over 4x8x3 (signed): 2 rows of max(2 beats * 2 rows * 2 words, 2 rows * 4)
    "pool": (lambda: pool_module(4, 8, 3, (2, 2), (2, 2), 2), 16),
    # overlapping 3x3 windows of stride 2 over 9x10x2 (unsigned), M = 2: as by hand above
    "pool_overlap": (lambda: pool_module(9, 10, 2, (3, 3), (2, 2), 2, U(3)), 77),
    # a stride beyond the kernel (2x1 windows, stride 2x3, over 5x6, bipolar): OH 2, OW 2, M = 2: NW =
    # ceil((3 + 1) / 2) = 2 words: 2 rows of max(1 * 2 * 2, 2 * 3) + 1 row (the fifth, unused) of 3
    "pool_skip": (lambda: pool_module(5, 6, 2, (2, 1), (2, 3), 2, BIP), 2 * 6 + 3),
}


@needs_sim
@pytest.mark.parametrize("name", ISOLATED)
def test_rtl_is_bit_exact_and_exactly_on_the_cost_model(tmp_path, name):
    """An isolated engine of M pixels a beat in Verilator: its frames those
    of the interpreter under back-pressure, its cycles per frame exactly
    the cost model's (by hand above)."""
    from finnr.backends.rtl.sim import run_frames

    make, cycles = ISOLATED[name]
    module = make()
    x = random_inputs(np.random.default_rng(5), module, 3)
    want = run_frames(module, x)
    got, (report,) = simulate(module, x, tmp_path / "rtl")
    for g, w_ in zip(got, want, strict=True):
        np.testing.assert_array_equal(g, w_)
    (layer,) = report["layers"]
    assert layer["measured_cycles"] == layer["predicted_cycles"] == cycles


@needs_sim
@pytest.mark.parametrize("name", ISOLATED)
def test_rtl_is_on_the_schedule_to_the_cycle(tmp_path, monkeypatch, name):
    """finnr.models.schedule against Verilator, by test_rtl's engine
    schedule test: every output beat at the predicted cycle."""
    import test_rtl

    monkeypatch.setitem(test_rtl.SCHEDULED, name, ISOLATED[name][0])
    test_rtl.test_engine_schedules_equal_rtlsim_to_the_cycle(tmp_path, name)


def network_module():
    """A pad of M = 2 into a max-pool of M = 5 (through a width converter,
    dataflow-insert-dwc's) and a plain max-pool of PE 1: 4x8x2 padded to
    6x10, 2x2 windows to 3x5."""

    def build(add, a):
        p = add(df.PadOp(a[0], pads=[1, 1, 1, 1], simd=2, mmv=2))
        return [add(df.MaxPoolOp(p, kernel=[2, 2], pe=2, mmv=5)), add(df.MaxPoolOp(p, kernel=[2, 2], pe=1))]

    from finnr.flows import pipeline
    from finnr_testing.flow import apply

    module = partition_module("mmv", [T(I(3), 1, 4, 8, 2)], build)
    apply(module, pipeline.buffers())
    return module


@needs_sim
def test_a_network_of_mixed_m_is_bit_exact_and_on_the_schedule(tmp_path, monkeypatch):
    import test_rtl
    from finnr.backends.rtl.sim import run_frames

    module = network_module()
    assert any(isinstance(op, df.DWCOp) for op in module.walk())
    x = random_inputs(np.random.default_rng(6), module, 3)
    want = run_frames(module, x)
    got, _ = simulate(module, x, tmp_path / "rtl")
    assert len(got) == len(want) == 2
    for g, w_ in zip(got, want, strict=True):
        np.testing.assert_array_equal(g, w_)
    monkeypatch.setitem(test_rtl.SCHEDULED, "network", network_module)
    test_rtl.test_engine_schedules_equal_rtlsim_to_the_cycle(tmp_path / "schedule", "network")


@needs_sim
def test_rtl_lints_clean_with_all_warnings(tmp_path):
    """test_rtl's Verilator lint (-Wall) of the network, which uses both
    engines at M > 1."""
    import test_rtl
    from finnr.backends.rtl import write_rtl_project

    manifest = write_rtl_project(network_module(), tmp_path / "files", 100.0)
    assert {"finnr_pool_mmv.v", "finnr_pad.v"} <= {p.rsplit("/", 1)[-1] for p in manifest["files"]}
    test_rtl.test_rtl_lints_clean_with_all_warnings(tmp_path / "lint", network_module)


def test_folding_config_carries_mmv():
    """folding_config.json: finnr's own key ``mmv`` where M > 1 (1, the
    plain mode, is left out); read back it sets M, refusing what is not a
    positive integer and an M the layer cannot have."""
    from finnr.diagnostics import FinnrError
    from finnr.interop.finn import apply_folding_config, folding_config

    def layers(simd: int, mmv: int, pe: int = 2):
        module = partition_module("p", [T(U(2), 1, 4, 6, 2)], lambda add, a: [
            add(df.MaxPoolOp(add(df.PadOp(a[0], pads=[1, 1, 1, 1], simd=simd, mmv=mmv)), kernel=[2, 2], pe=pe,
                             mmv=mmv))])
        module.verify()
        return [op for op in module.walk() if isinstance(op, df.PadOp | df.MaxPoolOp)]

    config = folding_config(layers(2, 2))
    assert config["FMPadding_rtl_0"] == {"SIMD": 2, "mmv": 2}
    assert config["StreamingMaxPool_hls_0"] == {"PE": 2, "mmv": 2}
    assert folding_config(layers(1, 1, 1))["FMPadding_rtl_0"] == {"SIMD": 1}
    fresh = layers(1, 1, 1)
    assert apply_folding_config(fresh, config) == []
    assert [(op.mmv.value.data, lm_fold(op)) for op in fresh] == [(2, 2), (2, 2)]
    for bad in (0, 1.5, True, "2"):
        with pytest.raises(FinnrError, match=f"mmv must be a positive integer, got {bad!r}"):
            apply_folding_config(fresh, {"FMPadding_rtl_0": {"mmv": bad}})
    with pytest.raises(FinnrError, match=r"does not fit dataflow.pad: .*mmv \(2\) needs simd = the channels \(2\), got 1"):
        apply_folding_config(layers(1, 1, 1), {"FMPadding_rtl_0": {"mmv": 2}})


def lm_fold(op) -> int:
    from finnr.models import layers as lm

    pe, simd = lm.folding(op)
    return pe if isinstance(op, df.MaxPoolOp) else simd
