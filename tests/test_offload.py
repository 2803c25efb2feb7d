"""Multi-layer offload (MO): dataflow-map-offload, the MO schedule in the
interpreter (identical outputs to the dataflow design), its performance
model and report, and ``finnr build --arch``."""

from __future__ import annotations

import json

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from finnr.backends.report import build_report, markdown
from finnr.diagnostics import FinnrError
from finnr.dialects import dataflow as df
from finnr.dialects import datatypes as dt
from finnr.driver.main import main
from finnr.examples.networks import NetSpec, cnn, mlp
from finnr.flows import pipeline
from finnr.flows.build import BuildOptions, run_build
from finnr.frontend.onnx_import import import_model
from finnr.interpreter import entry_function, run_batch
from finnr.ir_io import load_ir
from finnr.models import cost
from finnr.models.arch import choose_arch
from finnr.models.devices import get_device
from finnr.models.offload import Engine, best_offload, engine_resources, schedule
from finnr_testing.flow import apply, random_folding
from finnr_testing.shared_models import MODEL_NAMES, shared_model
from finnr_testing.strategies import net_specs


def dataflow_module(model, rng: np.random.Generator):
    module = import_model(model)
    apply(module, pipeline.TO_DATAFLOW)
    random_folding(module, rng)
    apply(module, pipeline.buffers())
    return module


def offload(module, **options):
    mo = module.clone()
    apply(mo, pipeline.spec("dataflow-map-offload", **options))
    return mo


def inputs_for(module, rng: np.random.Generator, n: int = 4) -> np.ndarray:
    shape = entry_function(module).function_type.inputs.data[0].get_shape()
    return (rng.standard_normal((n, *shape[1:])) * 1.5).astype(np.float32)


def engines(module) -> list[df.EngineOp]:
    return [op for op in module.walk() if isinstance(op, df.EngineOp)]


# --- identical outputs --------------------------------------------------------


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(spec=net_specs, kind=st.sampled_from(["mlp", "cnn"]), pe=st.integers(1, 9), simd=st.integers(1, 9))
def test_offload_equals_dataflow_on_random_networks(spec, kind, pe, simd):
    """Engines whose PE/SIMD divide nothing (padded tiles) give the same
    outputs as the dataflow design, bit for bit."""
    rng = np.random.default_rng(spec.seed)
    module = dataflow_module(mlp(spec) if kind == "mlp" else cnn(spec), rng)
    x = inputs_for(module, rng)
    (expected,) = run_batch(module, x)
    mo = offload(module, pe=pe, simd=simd)
    assert not any(isinstance(op, df.PartitionOp | df.FIFOOp) for op in mo.walk())
    # no width converters, but for one that re-views a frame (a flatten)
    assert all(op.input.type != op.result.type for op in mo.walk() if isinstance(op, df.DWCOp))
    assert {(e.pe.value.data, e.simd.value.data) for e in engines(mo)} == {(pe, simd)}
    (got,) = run_batch(mo, x)
    np.testing.assert_array_equal(got, expected)


@pytest.mark.parametrize("name", MODEL_NAMES)
def test_offload_equals_dataflow_on_shared_models(name):
    onnx_path, golden_path = shared_model(name)
    x = np.load(golden_path)["input"][:2]
    module = dataflow_module(str(onnx_path), np.random.default_rng(1))
    (expected,) = run_batch(module, x)
    for options in ({"device": "pynq-z1"}, {"pe": 7, "simd": 24}):
        (got,) = run_batch(offload(module, **options), x)
        np.testing.assert_array_equal(got, expected)


def test_one_engine_per_weighted_kind_wide_enough_for_its_layers():
    spec = NetSpec(wbits=3, abits=2, relu=True, per_channel=True, negative_bn=False, seed=4)
    mo = offload(dataflow_module(mlp(spec), np.random.default_rng(0)), pe=4, simd=2)
    (engine,) = engines(mo)
    weighted = [op for op in mo.walk() if isinstance(op, df.WeightedOp)]
    assert engine.kind.data == "mvau" and engine.wbits.value.data == 3
    assert engine.abits.value.data == max(dt.bitwidth(op.input.type.get_element_type()) for op in weighted)
    for op in weighted:
        assert op.engine.root_reference.data == engine.sym_name.data
        assert op.mem_mode.data == "external"


def test_options_are_checked():
    module = dataflow_module(mlp(NetSpec(2, 2, True, False, False, 0)), np.random.default_rng(0))
    with pytest.raises(FinnrError, match="give both pe and simd"):
        offload(module, pe=4)
    with pytest.raises(FinnrError, match="pe must be at least 1"):
        offload(module, pe=0, simd=2)
    with pytest.raises(FinnrError, match="unknown device 'nope'"):
        offload(module, device="nope")


# --- performance model and report ----------------------------------------------


def test_schedule_takes_the_longer_of_compute_and_traffic():
    dev = get_device("pynq-z1")
    layer = cost.LayerSpec("mvau", mw=100, mh=30, vectors=1, wbits=2, abits=2, obits=2)
    (t,) = schedule([layer], [Engine("mvau", pe=7, simd=16, wbits=2, abits=2)], dev).layers
    assert t.compute_cycles == 5 * 7  # ceil(30/7) x ceil(100/16): padded tiles
    bytes_per_cycle = dev.dram_gbps * 1e9 / (dev.clock_mhz * 1e6)
    assert t.bytes_moved == pytest.approx(100 * 30 * 2 / 8 + (100 * 2 + 30 * 2) / 8)
    assert t.memory_cycles == pytest.approx(t.bytes_moved / bytes_per_cycle)
    assert t.cycles == 35 and t.bound == "compute"
    (wide,) = schedule([layer], [Engine("mvau", pe=16, simd=64, wbits=2, abits=2)], dev).layers
    assert wide.compute_cycles == 2 * 2 and wide.bound == "memory" and wide.cycles == pytest.approx(t.memory_cycles)


def test_best_offload_meets_a_target_with_the_fewest_luts():
    dev = get_device("zcu104")
    specs = [cost.LayerSpec("mvau", mw=512, mh=512, vectors=16, wbits=4, abits=4, obits=4)]
    budget = {r: 0.8 * v for r, v in dev.resources().items() if r != "ff"}
    fastest = best_offload(specs, dev, budget)
    target = fastest.fps / 4
    cheap = best_offload(specs, dev, budget, target_fps=target)
    assert cheap.fps >= target and cheap.resources["lut"] < fastest.resources["lut"]
    assert best_offload(specs, dev, budget, target_fps=fastest.fps * 10).fps == fastest.fps


def test_offload_report_sums_the_layers_and_costs_the_engines():
    module = dataflow_module(cnn(NetSpec(2, 2, True, False, False, 3)), np.random.default_rng(0))
    mo = offload(module, pe=4, simd=8)
    dev = get_device("ultra96")
    rep = build_report(mo, dev)
    assert rep["arch"] == "offload"
    cycles = sum(r["cycles"] for r in rep["layers"])
    assert rep["latency_cycles"] == cycles
    assert rep["fps"] == pytest.approx(dev.clock_mhz * 1e6 / cycles, rel=1e-6)
    assert rep["engines"] and len(rep["engines"]) == len(engines(mo))
    luts = sum(engine_resources(Engine(e["kind"], 4, 8, e["wbits"], e["abits"], e["obits"]))["lut"] for e in rep["engines"])
    assert rep["total"]["lut"] == pytest.approx(luts, abs=0.5 * len(rep["engines"]))  # whole LUTs per engine
    assert all(r["lut"] == 0 for r in rep["layers"])
    assert {r["engine"] for r in rep["layers"] if r["kind"] == "mvau"} == {"mvau_engine"}
    text = markdown(rep)
    assert "one after the other on the shared engines" in text and "| mvau_engine | mvau | 4 | 8 |" in text
    assert build_report(module, dev)["arch"] == "dataflow"


# --- choosing the architecture ---------------------------------------------------


def big_mlp():
    return mlp(NetSpec(wbits=8, abits=8, relu=True, per_channel=False, negative_bn=False, seed=0), widths=(1024, 1024, 1024, 1024, 10))


def test_auto_chooses_offload_when_dataflow_cannot_fit():
    specs = [cost.LayerSpec("mvau", mw=1024, mh=1024, vectors=1, wbits=8, abits=8, obits=8)] * 3
    arch, why = choose_arch(specs, get_device("pynq-z1"), 0.8)
    assert arch == "offload"
    assert "does not fit 80% of pynq-z1 at any folding (BRAM18 over" in why
    small = [cost.LayerSpec("mvau", mw=64, mh=64, vectors=1, wbits=2, abits=2, obits=2)]
    arch, why = choose_arch(small, get_device("pynq-z1"), 0.8)
    assert arch == "dataflow" and "a folding within 80% of pynq-z1 exists" in why


def test_build_arch_auto_picks_offload_for_a_network_too_big(tmp_path):
    import onnx

    onnx.save(big_mlp(), tmp_path / "big.onnx")
    warnings = []
    report = run_build(BuildOptions(str(tmp_path / "big.onnx"), str(tmp_path / "out"), device="pynq-z1",
                                    maximize=True, stop_after="hls"), warn=warnings.append)
    assert report["arch"] == "offload" and "does not fit" in report["arch_reason"]
    assert any("no HLS or RTL code generation yet" in w for w in warnings)
    assert "architecture: **offload** (chosen by --arch auto" in (tmp_path / "out" / "report.md").read_text()
    assert report["fits"]


def test_build_arch_mo_runs_the_same_as_dataflow(tmp_path):
    rc = main(["build", "--arch", "mo", "--target-fps", "1000", "-o", str(tmp_path / "mo"), "--quiet"])
    assert rc == 0
    rep = json.loads((tmp_path / "mo" / "report.json").read_text())
    assert rep["arch"] == "offload" and rep["arch_reason"] == "chosen by --arch mo"
    assert not (tmp_path / "mo" / "hls").exists() and not (tmp_path / "mo" / "folding_config.json").exists()
    x = np.load(tmp_path / "mo" / "example_input.npy")
    (dataflow,) = run_batch(load_ir(tmp_path / "mo" / "02-streamlined.mlir"), x)
    (mo,) = run_batch(load_ir(tmp_path / "mo" / "05-estimated.mlir"), x)
    np.testing.assert_array_equal(mo, dataflow)


def test_build_rejects_an_unknown_arch_and_a_config_with_mo(tmp_path):
    with pytest.raises(FinnrError, match="unknown architecture 'gpu'"):
        run_build(BuildOptions(None, str(tmp_path / "a"), target_fps=10, arch="gpu"))
    (tmp_path / "f.json").write_text("{}")
    with pytest.raises(FinnrError, match="does not go with --arch mo"):
        run_build(BuildOptions(None, str(tmp_path / "b"), folding_config=str(tmp_path / "f.json"), arch="mo"))


def test_hls_lowering_refuses_offload():
    module = offload(dataflow_module(mlp(NetSpec(2, 2, True, False, False, 0)), np.random.default_rng(0)), pe=2, simd=2)
    with pytest.raises(FinnrError, match="multi-layer offload.* has no HLS lowering yet"):
        apply(module, pipeline.HLS)
