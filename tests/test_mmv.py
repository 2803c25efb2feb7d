"""Several pixels per beat (MMV, issue 22): a parallel-window sliding window
unit emitting M whole windows of a row per beat and an MVAU computing M
vectors per beat (the datapath M times, the weights once). Their cycle and
resource models by hand, the optimizer's choice of M and the policy that
forbids it, and the RTL engines bit-exact and cycle-exact against the
schedule in Verilator (the C-simulation case is in test_csim's
every-kernel test)."""

from __future__ import annotations

import numpy as np
import pytest
from xdsl.utils.exceptions import VerifyException

from finnr.dialects import dataflow as df
from finnr.flows import pipeline
from finnr.models import cost, optimizer
from finnr.models.cost import LayerSpec
from finnr_testing.flow import apply
from test_rtl import I, T, U, needs_sim, partition_module


def swu_spec(ifm, channels, kernel=(3, 3), stride=(1, 1), mmv=1, abits=8) -> LayerSpec:
    ofm = tuple((ifm[i] - kernel[i]) // stride[i] + 1 for i in range(2))
    return LayerSpec("swu", channels=channels, kernel=kernel, stride=stride, ifm=ifm, ofm=ofm, abits=abits,
                     obits=abits, parallel_window=True, mmv=mmv)


def mvau_spec(mw, mh, rows, mmv=1) -> LayerSpec:
    return LayerSpec("mvau", mw=mw, mh=mh, vectors=rows[0] * rows[1], ofm=rows, wbits=1, abits=8, obits=1,
                     thresholds=1, mmv=mmv)


def test_cycles_by_hand():
    """cnv_1w1a's first SWU (32x32x3, 3x3): whole windows take 1,024
    cycles, one input pixel each (test_parallel_window); two pixels a beat,
    30 rows of max(15 reads, 16 input beats) + the 2 rows (16 beats each)
    the first output row waits for beyond the buffer's own: 512. Its MVAU
    (MW 27, MH 64, 900 vectors) at SIMD 27, PE 64: 900, two a beat 450."""
    assert float(cost.cycles(swu_spec((32, 32), 3, mmv=2), 1, 3)) == 30 * 16 + 2 * 16 == 512
    assert float(cost.cycles(swu_spec((32, 32), 3), 1, 3)) == 1024
    # 2 pixels a beat over 8x8, 2x2 windows with stride 2 (4x4 of them): 4 rows of max(2 reads, 2 * 4 beats)
    assert float(cost.cycles(swu_spec((8, 8), 2, kernel=(2, 2), stride=(2, 2), mmv=2), 1, 2)) == 4 * 8 == 32
    assert float(cost.cycles(mvau_spec(27, 64, (30, 30)), 64, 27)) == 900
    assert float(cost.cycles(mvau_spec(27, 64, (30, 30), mmv=2), 64, 27)) == 450


def test_resources_and_stream_widths_by_hand():
    """The first SWU at M = 2: 2 * 3 = 6 copies of a 4-row buffer of 16
    words of 2 pixels (48 bits; 6 * 48 * ceil(64/64) = 288 LUTs), two
    216-bit windows out, each bit choosing among 4 rows x 2 pixels (2 LUTs:
    864), 200 + 10 * 48 for the rest; 2 pixels in, 2 windows out. The MVAU
    at M = 2: the datapath twice, the weights once."""
    spec = swu_spec((32, 32), 3, mmv=2)
    res = cost.resources(spec, 1, 3)
    assert float(res["lut"]) == 200 + 480 + 288 + 864 == 1832
    assert float(res["ff"]) == 48 + 432 + 100
    assert float(res["bram18"]) == 0
    assert cost.model_for(spec).stream_widths(spec, 1, 3) == (6, 54)
    one, two = mvau_spec(27, 64, (30, 30)), mvau_spec(27, 64, (30, 30), mmv=2)
    r1, r2 = (cost.resources(s, 64, 27, "distributed") for s in (one, two))
    t1 = cost.mvau_terms(one, 64, 27, "distributed")
    assert float(r2["lut"] - r1["lut"]) == pytest.approx(
        1.1 * 64 * float(t1["mult"] + t1["adders"] + t1["acc"] + t1["cmp"]))  # a second datapath
    assert float(t1["wlut"]) == float(cost.mvau_terms(two, 64, 27, "distributed")["wlut"]) > 0  # weights once
    assert float(r2["ff"]) == 2 * float(r1["ff"])
    assert cost.model_for(two).stream_widths(two, 64, 27) == (54, 128)


def test_modes_divide_both_widths_up_to_8():
    """M in 2..8 dividing W and OW (32, 30: 2), within the stream bound
    (8,192 bits: a 576-channel 8-bit pixel's 9 x 4,608-bit window, none);
    an MVAU's M divide its width, a dense one has none."""
    assert [m["mmv"] for m in cost.model_for(swu_spec((32, 32), 3)).modes(swu_spec((32, 32), 3))] == [1, 1, 2]
    wide = swu_spec((8, 8), 64, abits=8, kernel=(1, 1))
    assert [m["mmv"] for m in cost.model_for(wide).modes(wide)] == [1, 1, 2, 4, 8]
    huge = swu_spec((8, 8), 576, abits=1)
    assert [m["mmv"] for m in cost.model_for(huge).modes(huge)] == [1, 1]
    assert [m["mmv"] for m in cost.model_for(mvau_spec(9, 4, (12, 12))).modes(mvau_spec(9, 4, (12, 12)))] == \
        [1, 2, 3, 4, 6]
    assert cost.model_for(LayerSpec("mvau", mw=8, mh=4)).modes(LayerSpec("mvau", mw=8, mh=4)) == [{"mmv": 1}]


def test_the_optimizer_offers_m_at_full_parallelism_only():
    """M > 1 only at SIMD = MW and PE = MH (an MVAU) or with whole windows
    (an SWU); the per-key policy: mmv off keeps M = 1, on leaves M > 1
    only; parallel_window off rules M out in the SWU."""
    spec = mvau_spec(6, 4, (4, 4))
    c = optimizer.candidates(spec)
    multi = np.array([m["mmv"] > 1 for m in c.mode])
    assert set(zip(c.pe[multi], c.simd[multi])) == {(4, 6)}
    assert min(c.cycles) == 16 / 4
    assert {m["mmv"] for m in optimizer.candidates(spec, modes={"mmv": "off"}).mode} == {1}
    assert {m["mmv"] for m in optimizer.candidates(spec, modes={"mmv": "on"}).mode} == {2, 4}
    swu = swu_spec((8, 8), 2)
    modes = optimizer.candidates(swu, modes={"parallel_window": "off"}).mode
    assert {(m["parallel_window"], m["mmv"]) for m in modes} == {(False, 1)}
    modes = optimizer.candidates(swu, modes={"parallel_window": "on", "mmv": "off"}).mode
    assert {(m["parallel_window"], m["mmv"]) for m in modes} == {(True, 1)}
    assert optimizer.candidates(swu, cost_model="finn").mode[0] == {"parallel_window": False, "mmv": 1}


@pytest.mark.parametrize("build, message", [
    (lambda a: df.SWUOp(a, kernel=[3, 3], simd=4, mmv=2), r"mmv > 1 needs parallel_window, got mmv = 2"),
    (lambda a: df.SWUOp(a, kernel=[2, 2], simd=4, parallel_window=True, mmv=2),
     r"mmv \(2\) must divide the output width \(5\)"),
    (lambda a: df.SWUOp(a, kernel=[3, 3], simd=4, parallel_window=True, mmv=4),
     r"mmv \(4\) must divide the input width \(6\)"),
    (lambda a: df.MVAUOp(a, T(I(8), 1, 6, 6, 3), weights=np.ones((4, 3)), weight_dtype=I(2), pe=3, simd=2,
                         mmv=2),
     r"mmv > 1 needs simd = MW \(4\) and pe = MH \(3\), got simd = 2, pe = 3"),
    (lambda a: df.MVAUOp(a, T(I(8), 1, 6, 6, 3), weights=np.ones((4, 3)), weight_dtype=I(2), pe=3, simd=4,
                         mmv=4),
     r"mmv \(4\) must divide the width \(6\)"),
    (lambda a: df.SWUOp(a, kernel=[3, 3], simd=4, parallel_window=True, mmv=0), r"mmv must be >= 1, got 0"),
])
def test_the_verifier_refuses(build, message):
    module = partition_module("p", [T(U(2), 1, 6, 6, 4)], lambda add, a: [add(build(a[0]))])
    with pytest.raises(VerifyException, match=message):
        module.verify()


def window_module(h, w, c, kernel, mmv, stride=(1, 1), dilation=(1, 1)):
    """One parallel-window SWU of ``mmv`` windows a beat, alone."""
    return partition_module("window", [T(U(3), 1, h, w, c)], lambda add, a: [add(df.SWUOp(
        a[0], kernel=list(kernel), stride=list(stride), dilation=list(dilation), simd=c, parallel_window=True,
        mmv=mmv))])


def conv_module(seed: int = 0):
    """A 3x3 convolution over 6x6x2 two pixels a beat (SWU and MVAU at M =
    2, thresholds behind), then a 1x1 one at M = 1 (a width converter
    between them) and one at M = 4 reading the 4x4 frame; the first
    convolution's output leaves too."""
    rng = np.random.default_rng(seed)

    def build(add, a):
        s = add(df.SWUOp(a[0], kernel=[3, 3], simd=2, parallel_window=True, mmv=2))
        m = add(df.MVAUOp(s, T(U(2), 1, 4, 4, 3), weights=rng.integers(-2, 2, (18, 3)), weight_dtype=I(2),
                          thresholds=np.sort(rng.integers(-20, 20, (3, 3)), axis=1), pe=3, simd=18, mmv=2))
        n = add(df.MVAUOp(m, T(I(6), 1, 4, 4, 2), weights=rng.integers(-2, 2, (3, 2)), weight_dtype=I(2), pe=1,
                          simd=3))
        last = add(df.MVAUOp(n, T(I(9), 1, 4, 4, 2), weights=rng.integers(-2, 2, (2, 2)), weight_dtype=I(2),
                             pe=2, simd=2, mmv=4))
        return [last, m]  # m also leaves: a fork of two pixels a beat

    module = partition_module("mmv", [T(U(2), 1, 6, 6, 2)], build)
    apply(module, pipeline.buffers())
    return module


ISOLATED = {
    # 6x6x2, 3x3, two a beat: 4 output rows of max(2 reads, 3 input beats), after 3 + 1 rows: 18 input beats
    "square": (lambda: window_module(6, 6, 2, (3, 3), 2), 18),
    # 9x10x1, 3x2 stride 2, dilation (1, 2) (4x4 windows), two a beat: 4 rows of max(2, 2 * 5), + 1 row
    "strided": (lambda: window_module(9, 10, 1, (3, 2), 2, stride=(2, 2), dilation=(1, 2)), 45),
    # 4x9x2, 2x3 stride (1, 3) (3x3 windows), three a beat: 3 rows of max(1, 3), + 1 row
    "three": (lambda: window_module(4, 9, 2, (2, 3), 3, stride=(1, 3)), 12),
}


def test_isolated_cycles_by_hand():
    """The isolated engines' predicted cycles: the input's beats (the
    writer binds), 36 / 2, 90 / 2 and 36 / 3."""
    from finnr.models import layers as lm

    for make, cycles in ISOLATED.values():
        (swu,) = [op for op in make().walk() if isinstance(op, df.SWUOp)]
        assert lm.layer_cycles(swu) == cycles


@needs_sim
@pytest.mark.parametrize("name", ISOLATED)
def test_rtl_window_is_bit_exact_and_on_the_cost_model(tmp_path, monkeypatch, name):
    """An isolated SWU of M windows a beat in Verilator, by
    test_parallel_window's test: its windows the interpreter's under
    back-pressure, its cycles per frame exactly the cost model's."""
    import test_parallel_window

    monkeypatch.setitem(test_parallel_window.ISOLATED, name, ISOLATED[name])
    test_parallel_window.test_rtl_is_bit_exact_and_exactly_on_the_cost_model(tmp_path, name)


@needs_sim
def test_rtl_network_is_bit_exact(tmp_path, monkeypatch):
    """conv_module in Verilator (its two outputs), by test_parallel_window's test."""
    import test_parallel_window

    monkeypatch.setattr(test_parallel_window, "parallel_module", conv_module)
    test_parallel_window.test_a_network_with_whole_windows_is_bit_exact(tmp_path)


@needs_sim
@pytest.mark.parametrize("name", [*ISOLATED, "network"])
def test_rtl_is_on_the_schedule_to_the_cycle(tmp_path, monkeypatch, name):
    """finnr.models.schedule against Verilator (test_rtl's engine schedule
    test): every output beat at the predicted cycle, every FIFO's peak the
    predicted one."""
    import test_rtl

    make = ISOLATED[name][0] if name in ISOLATED else conv_module
    monkeypatch.setitem(test_rtl.SCHEDULED, name, make)
    test_rtl.test_engine_schedules_equal_rtlsim_to_the_cycle(tmp_path, name)


def test_folding_config_carries_mmv():
    """folding_config.json: finnr's own key ``mmv`` where M > 1 (FINN's
    keys as they were; M = 1, the default, is left out); reading it back
    sets it, refusing what is not a positive integer and an M the layer
    cannot have."""
    from finnr.diagnostics import FinnrError
    from finnr.interop.finn import apply_folding_config, folding_config

    def layers(mmv: int):
        module = partition_module("p", [T(U(2), 1, 6, 6, 2)], lambda add, a: [
            add(s := df.SWUOp(a[0], kernel=[3, 3], simd=2, parallel_window=True, mmv=mmv)),
            add(df.MVAUOp(s, T(I(8), 1, 4, 4, 3), weights=np.ones((18, 3), np.int64), weight_dtype=I(2), pe=3, simd=18,
                          mmv=mmv))])
        return [op for op in module.walk() if isinstance(op, (df.SWUOp, df.MVAUOp))]

    config = folding_config(layers(2))
    assert config["ConvolutionInputGenerator_rtl_0"] == {"SIMD": 2, "parallel_window": 1, "mmv": 2}
    assert config["MVAU_hls_0"] == {"PE": 3, "SIMD": 18, "ram_style": "auto", "mem_mode": "internal_embedded",
                                    "resType": "auto", "mmv": 2}
    assert "mmv" not in folding_config(layers(1))["MVAU_hls_0"]
    fresh = layers(1)
    assert apply_folding_config(fresh, config) == []
    assert [op.mmv.value.data for op in fresh] == [2, 2]
    with pytest.raises(FinnrError, match="mmv must be a positive integer, got 0"):
        apply_folding_config(layers(1), {"MVAU_hls_0": {"mmv": 0}})
    with pytest.raises(FinnrError, match=r"does not fit dataflow.mvau: .*mmv \(3\) must divide the width \(4\)"):
        apply_folding_config(layers(1), {"MVAU_hls_0": {"mmv": 3}})


def test_dse_explores_mmv(tmp_path):
    """finnr dse folds with the optimizer, which takes two pixels a beat
    for the fastest designs of a 16x16 frame (the first SWU's 256 cycles
    with whole windows, 128 at M = 2) and not for the slowest; dse.csv
    names the most of any layer."""
    import onnx

    from finnr.examples.networks import NetSpec, cnn
    from finnr.flows.dse import run_dse

    path = tmp_path / "cnn.onnx"
    onnx.save(cnn(NetSpec(2, 2, True, False, False, 0), channels=(2, 4, 4), size=16), path)
    points = run_dse(str(path), str(tmp_path / "out"), ["zcu104"], ["native"], [0.0], steps=3, quiet=True)
    assert max(points, key=lambda p: p.fps).mmv >= 2
    assert min(points, key=lambda p: p.fps).mmv == 1
    assert "mmv" in (tmp_path / "out" / "dse.csv").read_text().splitlines()[0].split(",")


@needs_sim
def test_rtl_lints_clean_with_all_warnings(tmp_path, monkeypatch):
    """conv_module's RTL (MMV engines) under verilator --lint-only -Wall, by test_parallel_window's test."""
    import test_parallel_window

    monkeypatch.setattr(test_parallel_window, "parallel_module", conv_module)
    test_parallel_window.test_rtl_lints_clean_with_all_warnings(tmp_path)


@needs_sim
def test_tiny_resnet_at_two_pixels_a_beat_through_rtlsim(tmp_path):
    """tiny_resnet_w4a4, a default build (the build's own FIFO depths) for a
    throughput one pixel a cycle cannot reach: 900,000 FPS at aws-f1's 250
    MHz leaves 277 cycles a frame, where each pad and window unit takes 324
    (18 x 18 pixels); the optimizer puts all five of each at M = 2 (162
    cycles), and the whole MVAUs bind at 256. In rtlsim: bit-exact with the
    IR and the golden argmax, every layer at its modelled rate, and the
    whole within 1% of the predicted cycles per frame (8 frames: the first
    ones' start-up counts in the measurement)."""
    import json

    from finnr.driver.main import main
    from finnr_testing.shared_models import shared_model

    model, golden = shared_model("tiny_resnet_w4a4")
    g = np.load(golden)
    x, out = tmp_path / "x.npy", tmp_path / "b"
    np.save(x, g["input"])
    assert main(["build", str(model), "--backend", "rtl", "--device", "aws-f1", "--target-fps", "900000", "-o",
                 str(out), "--quiet"]) == 0
    ir = (out / "05-estimated.mlir").read_text()
    assert ir.count("mmv = 2") == 10 and "mmv = 3" not in ir
    assert main(["rtlsim", str(out), "--input", str(x), "-o", str(tmp_path / "y.npy")]) == 0
    assert main(["run", str(out / "05-estimated.mlir"), "--input", str(x), "-o", str(tmp_path / "ref.npy")]) == 0
    y = np.load(tmp_path / "y.npy")
    np.testing.assert_array_equal(y, np.load(tmp_path / "ref.npy"))
    np.testing.assert_array_equal(y.argmax(1), g["output"].argmax(1))
    report = json.loads((out / "rtlsim.json").read_text())
    assert report["predicted_cycles_per_frame"] == 256
    assert report["cycles_per_frame"] == pytest.approx(256, rel=0.01)
    assert report["latency_cycles"] == report["predicted_latency_cycles"]
    for layer in report["layers"]:
        assert layer["measured_cycles"] == pytest.approx(layer["predicted_cycles"], rel=0.01), layer


def test_the_report_names_each_layers_folding_mode():
    """report.json's and report.md's ``mode``: what a layer does beyond PE
    and SIMD, empty for its plain mode."""
    from finnr.models import layers as lm

    def build(add, args):
        (x,) = args
        w = add(df.SWUOp(x, kernel=[3, 3], simd=2, parallel_window=True, mmv=2))
        p = add(df.SWUOp(x, kernel=[3, 3], simd=2, parallel_window=True))
        q = add(df.SWUOp(x, kernel=[3, 3], simd=1))
        return [w, p, q]

    module = partition_module("modes", [T(U(2), 1, 6, 6, 2)], build)
    swus = [op for op in module.walk() if isinstance(op, df.SWUOp)]
    assert [lm.folding_mode(op) for op in swus] == ["parallel_window, mmv 2", "parallel_window", ""]
