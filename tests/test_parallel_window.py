"""The parallel-window mode of the sliding window unit (issue 22): a whole
KH*KW*C window per beat once the line buffer holds its rows. Its cycle and
resource models by hand, the optimizer's choice of it, and its RTL engine
bit-exact and cycle-exact against the schedule in Verilator (the C-simulation
case is in test_csim's every-kernel test)."""

from __future__ import annotations

import subprocess

import numpy as np
import pytest
from xdsl.utils.exceptions import VerifyException

from finnr.backends.rtl import design as rtl_design
from finnr.backends.rtl.sim import run_frames
from finnr.dialects import dataflow as df
from finnr.flows import pipeline
from finnr.hw import pipeline as hw_pipeline
from finnr.models import cost, optimizer
from finnr.models.cost import LayerSpec
from finnr_testing.flow import apply
from test_rtl import I, T, U, needs_sim, partition_module, random_inputs, simulate


def swu_spec(ifm, channels, kernel=(3, 3), stride=(1, 1), parallel=False, abits=8) -> LayerSpec:
    ofm = tuple((ifm[i] - kernel[i]) // stride[i] + 1 for i in range(2))
    return LayerSpec("swu", channels=channels, kernel=kernel, stride=stride, ifm=ifm, ofm=ofm, abits=abits,
                     obits=abits, parallel_window=parallel)


def test_cycles_by_hand():
    """cnv_1w1a's first SWU, 32x32x3, 3x3 windows (30x30 of them): window
    column by column at SIMD 3, 30 rows of 30*9 reads, after the 2 rows
    (32 beats each) the first output row waits for beyond the 4-row
    buffer's own (issue 22: 8,164); whole windows, 30 rows of
    max(30 reads, 32 input beats) + the same 2 rows: 1024, the input's
    beats. A stride of 2 over 9x9x2 (4x4 windows): the writer (2 rows of 9
    beats a window row) binds, 4*18 + 9 = 81, again the input."""
    assert float(cost.cycles(swu_spec((32, 32), 3), simd=3)) == 30 * 30 * 9 + 2 * 32 == 8164
    assert float(cost.cycles(swu_spec((32, 32), 3, parallel=True), simd=3)) == 30 * 32 + 2 * 32 == 1024
    assert float(cost.cycles(swu_spec((9, 9), 2, stride=(2, 2), parallel=True), simd=2)) == 4 * 18 + 9 == 81
    # a 2x2 window over 7x6 (6x5 of them): max(5, 6) per row, + 1 row
    assert float(cost.cycles(swu_spec((7, 6), 4, kernel=(2, 2), parallel=True), simd=4)) == 6 * 6 + 6


def test_resources_and_stream_widths_by_hand():
    """cnv_1w1a's first SWU with whole windows: KW = 3 copies of a 4-row
    buffer of 32 pixels of 24 bits (9,216 bits in all, LUTRAM: 3 * 24 *
    ceil(128/64) = 144 LUTs), the 216-bit window register with a 4-to-1
    row multiplexer a bit (216 LUTs), 200 + 10 * 24 for the rest; out a
    window of 27 elements a beat."""
    spec = swu_spec((32, 32), 3, parallel=True)
    res = cost.resources(spec, 1, 3)
    assert float(res["lut"]) == 200 + 240 + 144 + 216 == 800
    assert float(res["ff"]) == 24 + 216 + 100
    assert float(res["bram18"]) == 0
    assert cost.model_for(spec).stream_widths(spec, 1, 3) == (3, 27)
    plain = swu_spec((32, 32), 3)
    assert cost.model_for(plain).stream_widths(plain, 1, 3) == (3, 3)
    # a large buffer goes to BRAM, one RAMB18 per row and copy: 64 channels of 1 bit, 224 pixels a row
    big = swu_spec((224, 224), 64, abits=1, parallel=True)
    assert float(cost.resources(big, 1, 64)["bram18"]) == 3 * 4 * float(cost.bram18(224, 64))


def test_the_optimizer_offers_whole_windows_only_at_simd_c():
    """Candidates: every SIMD (divisors of C = 6) column by column, SIMD 6
    only for whole windows; a model of FINN's hardware, and the policy
    'plain', have none (the plain mode, explicit); 'forced' has only them."""
    spec = swu_spec((7, 7), 6)  # no M > 1 divides W and OW: no multi-pixel modes (test_mmv)
    c = optimizer.candidates(spec)
    modes = [m["parallel_window"] for m in c.mode]
    assert sorted(c.simd[np.array(modes)]) == [6]
    assert sorted(c.simd[~np.array(modes)]) == [1, 2, 3, 6]
    assert min(c.cycles) == float(cost.cycles(cost.replace_spec(spec, parallel_window=True), 1, 6)) == 49
    for plain in (optimizer.candidates(spec, cost_model="finn"), optimizer.candidates(spec, modes="plain")):
        assert [m["parallel_window"] for m in plain.mode] == [False] * 4
    assert [m["parallel_window"] for m in optimizer.candidates(spec, modes="forced").mode] == [True]
    # a layer without modes keeps its one
    mvau = LayerSpec("mvau", mw=8, mh=4)
    assert optimizer.candidates(mvau, modes="forced").mode is None


def test_the_verifier_needs_simd_c():
    module = partition_module("p", [T(U(2), 1, 5, 5, 4)], lambda add, a: [
        add(df.SWUOp(a[0], kernel=[3, 3], simd=2, parallel_window=True))])
    with pytest.raises(VerifyException, match=r"parallel_window needs simd = the channels \(4\), got 2"):
        module.verify()


def parallel_module(seed: int = 0):
    """Whole windows: strided, dilated and rectangular into an MVAU reading
    a window a beat, and depthwise (2x2) through a width converter into a
    VVAU; one input, two consumers (a fork)."""
    rng = np.random.default_rng(seed)

    def build(add, a):
        s = add(df.SWUOp(a[0], kernel=[3, 2], stride=[1, 2], dilation=[2, 1], simd=2, parallel_window=True))
        m = add(df.MVAUOp(s, T(I(8), 1, 3, 3, 3), weights=rng.integers(-2, 2, (12, 3)), weight_dtype=I(2),
                          pe=3, simd=12))
        d = add(df.SWUOp(a[0], kernel=[2, 2], simd=2, depthwise=True, parallel_window=True))
        v = add(df.VVAUOp(d, T(I(7), 1, 6, 5, 2), kernel=[2, 2], weights=rng.integers(-4, 4, (2, 4)),
                          weight_dtype=I(3), pe=1, simd=4))
        return [m, v]

    module = partition_module("pw", [T(U(2), 1, 7, 6, 2)], build)
    apply(module, pipeline.buffers())
    return module


def window_module(h, w, c, kernel, stride=(1, 1), dilation=(1, 1)):
    """One parallel-window SWU alone."""
    return partition_module("window", [T(U(3), 1, h, w, c)], lambda add, a: [add(df.SWUOp(
        a[0], kernel=list(kernel), stride=list(stride), dilation=list(dilation), simd=c, parallel_window=True))])


def test_the_rtl_engine_is_chosen_by_mode():
    module = window_module(5, 5, 2, (3, 3))
    (swu,) = [op for op in module.walk() if isinstance(op, df.SWUOp)]
    assert rtl_design.engine(swu).module == "finnr_window_pw"
    swu.properties["parallel_window"] = df.bool_attr(False)
    assert rtl_design.engine(swu).module == "finnr_window"
    assert hw_pipeline.parallel_window_latency() == 3


ISOLATED = {
    # 6x5x2, 3x3: 4 output rows of max(3 reads, 5 input beats), after 3 + 1 rows (the buffer's first 3,
    # then the row the last output row waits for beyond them): the input's 30 beats
    "square": (lambda: window_module(6, 5, 2, (3, 3)), 30),
    # 9x7x1, 3x2 stride 2, dilation (1, 2): 4 rows of max(3, 2 * 7), + 1 row
    "strided": (lambda: window_module(9, 7, 1, (3, 2), stride=(2, 2), dilation=(1, 2)), 63),
}


@needs_sim
@pytest.mark.parametrize("name", ISOLATED)
def test_rtl_is_bit_exact_and_exactly_on_the_cost_model(tmp_path, name):
    """An isolated parallel-window SWU in Verilator: its windows those of
    the interpreter under back-pressure, its cycles per frame exactly the
    cost model's (by hand above)."""
    make, cycles = ISOLATED[name]
    module = make()
    x = random_inputs(np.random.default_rng(2), module, 3)
    want = run_frames(module, x)
    got, (report,) = simulate(module, x, tmp_path / "rtl")
    for g, w_ in zip(got, want):
        np.testing.assert_array_equal(g, w_)
    (layer,) = report["layers"]
    assert layer["measured_cycles"] == layer["predicted_cycles"] == cycles


@needs_sim
def test_a_network_with_whole_windows_is_bit_exact(tmp_path):
    module = parallel_module()
    x = random_inputs(np.random.default_rng(3), module, 3)
    want = run_frames(module, x)
    got, _ = simulate(module, x, tmp_path / "rtl")
    assert len(got) == len(want) == 2
    for g, w_ in zip(got, want):
        np.testing.assert_array_equal(g, w_)


@needs_sim
@pytest.mark.parametrize("name", [*ISOLATED, "network"])
def test_rtl_is_on_the_schedule_to_the_cycle(tmp_path, monkeypatch, name):
    """finnr.models.schedule against Verilator, by test_rtl's engine schedule
    test: frames entering every slowest-layer period, FIFOs too deep to
    fill, every output beat at the predicted cycle, every FIFO's peak the
    predicted one."""
    import test_rtl

    make = ISOLATED[name][0] if name in ISOLATED else parallel_module
    monkeypatch.setitem(test_rtl.SCHEDULED, name, make)
    test_rtl.test_engine_schedules_equal_rtlsim_to_the_cycle(tmp_path, name)


@needs_sim
def test_rtl_lints_clean_with_all_warnings(tmp_path):
    from finnr.backends.rtl import write_rtl_project
    from test_rtl import VERILATOR

    manifest = write_rtl_project(parallel_module(), tmp_path, 100.0)
    assert "finnr_window_pw.v" in {p.rsplit("/", 1)[-1] for p in manifest["files"]}
    r = subprocess.run([*VERILATOR, "--lint-only", "-Wall", "--top-module", manifest["top"], *manifest["files"]],
                       cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0 and "%Warning" not in r.stderr, r.stderr


def test_folding_config_carries_parallel_window():
    """folding_config.json names it as FINN's ConvolutionInputGenerator_rtl
    does (1; 0, FINN's default, is left out); reading it back sets it,
    refusing other values and a SIMD it cannot have."""
    from finnr.diagnostics import FinnrError
    from finnr.interop.finn import apply_folding_config, folding_config

    def layers(parallel: bool, simd: int):
        module = partition_module("p", [T(U(2), 1, 5, 5, 4)], lambda add, a: [
            add(df.SWUOp(a[0], kernel=[3, 3], simd=simd, parallel_window=parallel))])
        return [op for op in module.walk() if isinstance(op, df.SWUOp)]

    config = folding_config(layers(True, 4))
    assert config["ConvolutionInputGenerator_rtl_0"] == {"SIMD": 4, "parallel_window": 1}
    assert folding_config(layers(False, 2))["ConvolutionInputGenerator_rtl_0"] == {"SIMD": 2}  # FINN's default
    (fresh,) = layers(False, 1)
    assert apply_folding_config([fresh], config) == []
    assert fresh.is_parallel and fresh.simd.value.data == 4
    assert apply_folding_config([fresh], {"ConvolutionInputGenerator_rtl_0": {"parallel_window": False}}) == []
    assert not fresh.is_parallel
    with pytest.raises(FinnrError, match="parallel_window must be 0 or 1, got 2"):
        apply_folding_config([fresh], {"ConvolutionInputGenerator_rtl_0": {"parallel_window": 2}})
    with pytest.raises(FinnrError, match=r"does not fit dataflow.swu: .*parallel_window needs simd = the channels \(4\), got 2"):
        apply_folding_config(layers(False, 1), {"ConvolutionInputGenerator_rtl_0": {"SIMD": 2, "parallel_window": 1}})


def test_dse_explores_parallel_windows(tmp_path):
    """finnr dse folds with the optimizer, which chooses whole windows for
    the fastest designs (a 16x16 frame of 2 channels: column by column the
    first SWU needs 14*14*9*2/SIMD >= 1,764 cycles, with whole windows 256)
    and not for the slowest; dse.csv names how many."""
    import onnx

    from finnr.examples.networks import NetSpec, cnn
    from finnr.flows.dse import run_dse

    path = tmp_path / "cnn.onnx"
    onnx.save(cnn(NetSpec(2, 2, True, False, False, 0), channels=(2, 4, 4), size=16), path)
    points = run_dse(str(path), str(tmp_path / "out"), ["zcu104"], ["native"], [0.0], steps=3, quiet=True)
    fastest = max(points, key=lambda p: p.fps)
    slowest = min(points, key=lambda p: p.fps)
    assert fastest.parallel_windows >= 1 and slowest.parallel_windows == 0
    assert "parallel_windows" in (tmp_path / "out" / "dse.csv").read_text().splitlines()[0]
