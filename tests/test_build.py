"""`finnr build` end to end on small generated QONNX models (and on the
shared CNV when present): the output directory, report.json's schema and
numbers, folding-config round trip, and clean failures."""

from __future__ import annotations

import json
import math
import subprocess
import sys
import warnings
from pathlib import Path

import numpy as np
import onnx
import pytest

from finnr.dialects import dataflow as df
from finnr.driver.main import main
from finnr.examples.networks import NetSpec, cnn, mlp
from finnr.interop.finn import OP_TYPE
from finnr.ir_io import load_ir
from finnr.models import layers as lm
from finnr.models.registry import KINDS, model_named
from finnr_testing.shared_models import shared_model

REPORT_KEYS = {"device", "clock_mhz", "fps", "latency_cycles", "tops", "fits", "layers", "total"}
EXTRA_KEYS = {"arch", "arch_reason", "bottleneck", "utilization", "fit_rule", "fit_utilization", "over_budget",
              "host_ops", "host_macs", "hardware_macs",
              "compute_fps", "bound", "io", "cost_model",
              "partitions"}
LAYER_KEYS = {"name", "kind", "pe", "simd", "mode", "cycles", "lut", "ff", "bram18", "uram", "dsp",
              "input_dtype", "output_dtype", "weight_dtype", "weight_memory", "in_stream_bits", "out_stream_bits"}
STAGE_FILES = ("01-qnn.mlir", "02-streamlined.mlir", "03-dataflow.mlir", "04-folded.mlir", "05-estimated.mlir")
FINNR_OPT = Path(sys.executable).parent / "finnr-opt"


def build(*args: str) -> int:
    return main(["build", *map(str, args)])


@pytest.fixture(scope="module")
def models(tmp_path_factory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("models")
    out = {}
    for name, model in [
        ("mlp", mlp(NetSpec(wbits=2, abits=2, relu=True, per_channel=False, negative_bn=False, seed=1))),
        ("cnn", cnn(NetSpec(wbits=2, abits=2, relu=True, per_channel=True, negative_bn=False, seed=3))),
    ]:
        onnx.save(model, d / f"{name}.onnx")
        out[name] = d / f"{name}.onnx"
    return out


@pytest.fixture(scope="module")
def builds(models, tmp_path_factory) -> dict[str, Path]:
    """Each model built once with --target-fps (1e5 FPS on pynq-z1: 1000
    cycles per frame), --stop-after estimate."""
    d = tmp_path_factory.mktemp("builds")
    out = {}
    for name, path in models.items():
        assert build(path, "-o", d / name, "--target-fps", 1e5, "--stop-after", "estimate") == 0
        out[name] = d / name
    return out


def report_of(d: Path) -> dict:
    return json.loads((d / "report.json").read_text())


def ir_layers(path: Path) -> list:
    return [op for op in load_ir(path).walk() if lm.kind(op) is not None]


@pytest.mark.parametrize("name", ["mlp", "cnn"])
def test_report_schema(builds, name):
    report = report_of(builds[name])
    assert REPORT_KEYS <= set(report)
    assert set(report) - REPORT_KEYS == EXTRA_KEYS
    assert report["device"] == "pynq-z1"
    assert report["clock_mhz"] == 100.0
    assert isinstance(report["fits"], bool)
    assert isinstance(report["latency_cycles"], int)
    assert report["layers"]
    for row in report["layers"]:
        assert set(row) == LAYER_KEYS | ({"depth"} if row["kind"] == "fifo" else set()), row
        assert row["kind"] in KINDS
        assert isinstance(row["pe"], int) and isinstance(row["simd"], int) and isinstance(row["cycles"], int)
        assert row["pe"] >= 1 and row["simd"] >= 1 and row["cycles"] >= 1
        assert all(isinstance(row[k], int) and row[k] >= 0 for k in ("lut", "ff", "bram18", "uram", "dsp"))
    for k in ("lut", "ff", "bram18", "uram", "dsp"):
        assert report["total"][k] == sum(r[k] for r in report["layers"])
    cycles = [r["cycles"] for r in report["layers"]]
    # the target (1000 cycles) is within reach: every layer at most 1000 cycles
    assert max(cycles) <= 1000
    assert report["fps"] == pytest.approx(100e6 / max(cycles), rel=1e-6)
    assert report["bottleneck"] == report["layers"][cycles.index(max(cycles))]["name"]
    assert max(cycles) <= report["latency_cycles"] <= sum(cycles)
    assert (builds[name] / "report.md").read_text().startswith("# finnr estimate on pynq-z1 at 100 MHz")


@pytest.mark.parametrize("name", ["mlp", "cnn"])
def test_layers_in_dataflow_order(builds, name):
    """The report lists the IR's layers (partitions in order, each in stream
    order): every layer comes after the layers feeding it."""
    report = report_of(builds[name])
    layers = ir_layers(builds[name] / "05-estimated.mlir")
    assert [(r["kind"], r["pe"], r["simd"]) for r in report["layers"]] == [
        (lm.kind(op), *lm.folding(op)) for op in layers
    ]
    assert [r["cycles"] for r in report["layers"]] == [op.attributes["cost"].data["cycles"].value.data for op in layers]
    position = {op: i for i, op in enumerate(layers)}
    for i, op in enumerate(layers):
        for v in op.operands:
            if v.owner in position:
                assert position[v.owner] < i
    # names count each kind in that order
    seen: dict[str, int] = {}
    for row in report["layers"]:
        kind = row["kind"]
        assert row["name"] == f"{OP_TYPE[model_named(kind).op]}_{seen.get(kind, 0)}"
        seen[kind] = seen.get(kind, 0) + 1
    # an MLP is MVAUs in a row, a FIFO on every connection
    if name == "mlp":
        kinds = [r["kind"] for r in report["layers"] if r["kind"] not in ("fifo", "dwc")]
        assert kinds == ["mvau", "mvau", "mvau"]
        for a, b in zip(layers, layers[1:]):
            assert isinstance(b, df.FIFOOp) or isinstance(a, df.FIFOOp | df.DWCOp)


def test_stage_files_parse_with_finnr_opt(builds):
    d = builds["cnn"]
    assert sorted(p.name for p in d.iterdir()) == sorted(
        [*STAGE_FILES, ".finnr-build.json", "folding_config.json", "report.json", "report.md", "resources.png",
         "roofline.png"]
    )
    for name in STAGE_FILES:
        res = subprocess.run([str(FINNR_OPT), str(d / name)], capture_output=True, text=True)
        assert res.returncode == 0, (name, res.stderr[-2000:])
    # the stages do what they say
    assert "dataflow." not in (d / "02-streamlined.mlir").read_text()
    assert "dataflow.partition" in (d / "03-dataflow.mlir").read_text()
    assert "dataflow.fifo" not in (d / "03-dataflow.mlir").read_text()
    assert "dataflow.fifo" in (d / "04-folded.mlir").read_text()
    assert "cost = {" not in (d / "04-folded.mlir").read_text()
    assert "cost = {" in (d / "05-estimated.mlir").read_text()


@pytest.mark.parametrize("name", ["mlp", "cnn"])
def test_folding_config_reproduces_the_folding(models, builds, tmp_path, name):
    first = builds[name]
    config = first / "folding_config.json"
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # finnr reads its own config without a warning
        assert build(models[name], "-o", tmp_path / "again", "--folding-config", config) == 0
    again = tmp_path / "again"
    assert json.loads((again / "folding_config.json").read_text()) == json.loads(config.read_text())
    strip = lambda r: [(x["name"], x["pe"], x["simd"], x["cycles"], x["lut"]) for x in r["layers"]]  # noqa: E731
    assert strip(report_of(again)) == strip(report_of(first))
    assert (again / "04-folded.mlir").read_text() == (first / "04-folded.mlir").read_text()


def test_finn_config_warnings_are_diagnostics(models, tmp_path, capsys):
    config = tmp_path / "finn.json"
    config.write_text(json.dumps({
        "Defaults": {"ram_style": ["block", ["MVAU_hls"]]},
        "MVAU_hls_0": {"PE": 2, "SIMD": 4},
        "Reshape_0": {},
    }))
    assert build(models["mlp"], "-o", tmp_path / "out", "--folding-config", config) == 0
    err = capsys.readouterr().err
    assert "finnr: warning: folding config entry 'Defaults'" in err
    assert "finnr: warning: folding config entry 'Reshape_0' has no counterpart in this network; ignored" in err
    assert "UserWarning" not in err
    first = report_of(tmp_path / "out")["layers"][0]
    assert (first["name"], first["pe"], first["simd"]) == ("MVAU_hls_0", 2, 4)


def test_stop_after_dataflow(models, tmp_path):
    out = tmp_path / "df"
    assert build(models["mlp"], "-o", out, "--stop-after", "dataflow") == 0
    assert sorted(p.name for p in out.iterdir()) == [".finnr-build.json", "01-qnn.mlir", "02-streamlined.mlir",
                                                     "03-dataflow.mlir"]


def test_unknown_device_is_a_user_error(models, tmp_path, capsys):
    out = tmp_path / "out"
    assert build(models["mlp"], "-o", out, "--target-fps", 1000, "--device", "pynqz1") == 2
    err = capsys.readouterr().err
    assert err.startswith("finnr: error: unknown device 'pynqz1'; did you mean pynq-z1, pynq-z2?")
    assert "Traceback" not in err
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []


def test_failed_build_leaves_nothing_behind(models, tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"MVAU_hls_0": {"PE": 3, "SIMD": 1}}))
    out = tmp_path / "new" / "nested" / "out"
    assert build(models["mlp"], "-o", out, "--folding-config", bad) == 2
    err = capsys.readouterr().err
    assert "finnr: error: folding config 'MVAU_hls_0' does not fit dataflow.mvau" in err
    assert "must divide MH (8)" in err
    assert "Traceback" not in err
    # neither the output directory, nor its temporary twin, nor the parents made for it
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.json"]


def test_failed_build_keeps_the_previous_output(models, tmp_path, capsys):
    out = tmp_path / "out"
    assert build(models["mlp"], "-o", out, "--stop-after", "import") == 0
    assert build(models["mlp"], "-o", out, "--folding-config", tmp_path / "missing.json") == 2
    assert "missing.json: no such file (--folding-config)" in capsys.readouterr().err
    assert sorted(p.name for p in out.iterdir()) == [".finnr-build.json", "01-qnn.mlir"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


# --- the shared CNV (BNN-PYNQ cnv_1w1a) on pynq-z1 with FINN's SetFolding at 3000 FPS ---


@pytest.fixture(scope="module")
def cnv(tmp_path_factory) -> Path:
    model, _ = shared_model("cnv_1w1a")
    out = tmp_path_factory.mktemp("cnv") / "cnv"
    assert build(model, "-o", out, "--device", "pynq-z1", "--target-fps", 3000, "--heuristic", "setfolding",
                 "--stop-after", "estimate") == 0
    return out


def swu_cycles(op: df.SWUOp) -> int:
    """The line-buffer window engine's cycles (finnr's RTL, the cost model),
    from the IR shapes: FINN's 2-D formula with the next frame's first rows
    filled during the last output row."""
    _, ih, iw, ch = op.in_shape
    _, oh, ow, _ = op.out_shape
    kh, kw = op.kernel.get_values()
    sh, _ = op.stride.get_values()
    dh, _ = op.dilation.get_values()
    nf = ch // op.simd.value.data
    span = dh * (kh - 1) + 1
    fill = max(0, ih - ((oh - 1) * sh + span) + span - sh)
    return int(max(ih * iw * nf, oh * max(ow * kw * kh * nf, sh * iw * nf) + fill * iw * nf))


def test_cnv_cycles_and_throughput(cnv):
    report = report_of(cnv)
    layers = ir_layers(cnv / "05-estimated.mlir")
    rows = report["layers"]
    assert len(rows) == len(layers)
    # the CNV flatten (1x1x1x256 -> 1x256x1x1 -> 1x256) keeps one partition
    assert (cnv / "03-dataflow.mlir").read_text().count("dataflow.partition") == 1
    n_mvau = n_swu = 0
    for row, op in zip(rows, layers):
        assert row["kind"] == lm.kind(op)
        assert (row["pe"], row["simd"]) == lm.folding(op)
        if isinstance(op, df.MVAUOp):
            n_mvau += 1
            *lead, mw = op.in_shape
            mh = op.out_shape[-1]
            assert op.weights.get_shape() == (mw, mh)
            vectors = math.prod(lead[1:])
            assert mh % row["pe"] == 0 and mw % row["simd"] == 0
            assert row["cycles"] == (mh // row["pe"]) * (mw // row["simd"]) * vectors, row
        elif isinstance(op, df.SWUOp):
            n_swu += 1
            assert row["cycles"] == swu_cycles(op), row
    assert (n_mvau, n_swu) == (9, 6)
    cycles = [r["cycles"] for r in rows]
    slowest = max(cycles)
    assert slowest < 100e6 / 3000  # the target is met
    assert report["fps"] == pytest.approx(100e6 / slowest, abs=1e-3)
    assert report["fps"] >= 3000
    bottleneck = rows[cycles.index(slowest)]["name"]
    assert report["bottleneck"] == bottleneck
    md = (cnv / "report.md").read_text()
    assert f"the slowest layer, {bottleneck})" in md
    assert f"| {bottleneck} (bottleneck) |" in md
    assert md.count("(bottleneck) |") == 1


def test_build_without_a_model_builds_the_bundled_example(tmp_path):
    out = tmp_path / "demo"
    assert main(["build", "--device", "pynq-z1", "--target-fps", "100000", "--stop-after", "estimate", "-o", str(out)]) == 0
    assert (out / "example.onnx").is_file() and (out / "example_input.npy").is_file()
    report = json.loads((out / "report.json").read_text())
    assert report["fits"] and report["fps"] >= 100000
    assert main(["run", str(out / "example.onnx"), "--input", str(out / "example_input.npy"), "-o", str(tmp_path / "a.npy")]) == 0
    assert main(["run", str(out / "05-estimated.mlir"), "--input", str(out / "example_input.npy"), "-o", str(tmp_path / "b.npy")]) == 0
    a, b = np.load(tmp_path / "a.npy"), np.load(tmp_path / "b.npy")
    np.testing.assert_allclose(b, a, rtol=1e-6, atol=1e-6)


def test_running_the_hls_stage_asks_for_csim(tmp_path, capsys):
    out = tmp_path / "demo"
    assert main(["build", "--device", "pynq-z1", "--target-fps", "100000", "-o", str(out)]) == 0
    assert (out / "06-hls.mlir").is_file() and (out / "hls").is_dir()
    assert main(["run", str(out / "06-hls.mlir"), "--input", str(out / "example_input.npy")]) == 2
    assert "only C-simulation runs: use `finnr csim`" in capsys.readouterr().err


def test_verify_json_and_plots_on_the_bundled_example(tmp_path, capsys):
    out = tmp_path / "demo"
    assert main(["build", "--device", "pynq-z1", "--target-fps", "100000", "-o", str(out), "--verify", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["report"]["fits"]
    levels = [c["level"] for c in result["verify"]]
    assert levels == ["02-streamlined.mlir", "03-dataflow.mlir", "04-folded.mlir", "05-estimated.mlir", "C-simulation"]
    assert all(c["passed"] for c in result["verify"])
    for png in ("resources.png", "roofline.png"):
        assert (out / png).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert (out / "rtl").is_dir() and (out / "hls").is_dir()


def test_verify_on_shared_tfc(tmp_path, capsys):
    model, _ = shared_model("tfc_2w2a")
    out = tmp_path / "tfc"
    assert main(["build", str(model), "--device", "pynq-z1", "--target-fps", "10000", "-o", str(out), "--verify", "--quiet"]) == 0
    text = capsys.readouterr().out
    assert text.count("pass") == 5 and "FAIL" not in text
