"""--clock-mhz: the clock of the folding, of every throughput figure (the
report, the CLI summary, dse, roofline) and of the generated code, on
`finnr build`, `dse`, `roofline`, `study` and their Python entry points;
checked up front (exit 2)."""

from __future__ import annotations

import csv
import io
import json
from contextlib import redirect_stderr, redirect_stdout

import onnx
import pytest

from finnr.diagnostics import FinnrError
from finnr.driver.main import main
from finnr.examples.networks import NetSpec, mlp
from finnr.flows import pipeline
from finnr.flows.build import BuildOptions, run_build
from finnr.models.clock import clock_mhz
from finnr.models.devices import get_device


def run(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        rc = main(argv)
    return rc, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def model(tmp_path_factory):
    path = tmp_path_factory.mktemp("clock") / "mlp.onnx"
    onnx.save(mlp(NetSpec(wbits=2, abits=2, relu=True, per_channel=False, negative_bn=False, seed=1),
                  widths=(32, 16, 10)), path)
    return str(path)


def test_default_is_the_devices_clock():
    zcu = get_device("zcu104")
    assert clock_mhz(zcu) == 300.0 and clock_mhz(zcu, 125) == 125.0


@pytest.mark.parametrize("bad", [0, -5, float("nan"), float("inf")])
def test_a_clock_is_a_positive_finite_number(bad):
    with pytest.raises(FinnrError, match="--clock-mhz must be a positive number of MHz"):
        clock_mhz(get_device("zcu104"), bad)


@pytest.mark.parametrize("command", [
    ["build", "--maximize"],
    ["dse"],
    ["roofline", "--device", "pynq-z1"],
    ["study"],
])
@pytest.mark.parametrize("bad", ["0", "-5", "nan", "inf"])
def test_every_command_checks_the_clock_up_front(model, tmp_path, command, bad):
    argv = [command[0], *([model] if command[0] in ("build", "dse") else []), *command[1:], "--clock-mhz", bad,
            "-o", str(tmp_path / "out")]
    rc, out, err = run(argv)
    assert rc == 2 and f"--clock-mhz must be a positive number of MHz, got {float(bad):g}" in err
    assert "Traceback" not in err and not (tmp_path / "out").exists()


def test_build_at_another_clock(model, tmp_path):
    """A fixed folding (the fastest that fits) is the same at every clock;
    every figure scales with the clock and says which it assumes, and the
    code is generated for it."""
    reports = {}
    for mhz in (None, 50.0):
        out = tmp_path / f"b{mhz}"
        argv = ["build", model, "-o", str(out), "--device", "pynq-z1", "--maximize", "--utilization", "0.02",
                "--stop-after", "hls", *(["--clock-mhz", str(mhz)] if mhz else [])]
        rc, stdout, _ = run(argv)
        assert rc == 0
        reports[mhz] = (json.loads((out / "report.json").read_text()), (out / "report.md").read_text(), stdout, out)
    (r100, md100, out100, _), (r50, md50, out50, d50) = reports[None], reports[50.0]
    assert "# finnr estimate on pynq-z1 at 100 MHz" in md100
    assert r100["clock_mhz"] == 100.0 and r50["clock_mhz"] == 50.0
    assert [l["cycles"] for l in r50["layers"]] == [l["cycles"] for l in r100["layers"]]
    assert r50["bound"] == r100["bound"] == "compute"
    assert r50["fps"] == pytest.approx(r100["fps"] / 2, rel=1e-6)
    assert r50["tops"] == pytest.approx(r100["tops"] / 2, rel=1e-6)
    assert "# finnr estimate on pynq-z1 at 50 MHz" in md50
    assert f"- throughput: **{r50['fps']:.1f} FPS** at 50 MHz" in md50 and "GOp/s at 50 MHz" in md50
    assert f"{r50['fps']:.1f} FPS at 50 MHz" in out50 and f"{r100['fps']:.1f} FPS at 100 MHz" in out100
    tcl = "\n".join(p.read_text() for p in (d50 / "hls").rglob("*.tcl"))
    assert "create_clock -period 20.000" in tcl


def test_build_target_fps_folds_for_the_clock(model):
    """The same target FPS needs twice the parallelism at half the clock."""
    def cycles(mhz):
        from finnr.frontend.onnx_import import import_model
        from finnr.models import layers as lm

        module = import_model(model, require_quantized=True)
        pipeline.run(module, f"{pipeline.TO_DATAFLOW},"
                     f"{pipeline.folding(device='pynq-z1', target_fps=1e6, clock_mhz=mhz)}")
        return max(lm.layer_cycles(op) for op in lm.compute_layers(module.walk()))

    assert cycles(100.0) <= 100 and cycles(50.0) <= 50 < cycles(100.0)


def test_python_entry_point(model, tmp_path):
    report = run_build(BuildOptions(model=model, output=str(tmp_path / "b"), device="zcu104", maximize=True,
                                    stop_after="estimate", clock_mhz=150.0), warn=lambda message: None)
    assert report["clock_mhz"] == 150.0
    with pytest.raises(FinnrError, match="--clock-mhz must be a positive number of MHz, got -1"):
        run_build(BuildOptions(model=model, output=str(tmp_path / "c"), maximize=True, clock_mhz=-1.0))
    assert not (tmp_path / "c").exists()


def test_pipeline_spec_carries_the_clock():
    assert "clock-mhz=125.0" in pipeline.folding(device="zcu104", maximize=True, clock_mhz=125.0)
    assert "clock-mhz" not in pipeline.folding(device="zcu104", maximize=True)
    assert "clock-mhz=125.0" in pipeline.offload(device="zcu104", clock_mhz=125.0)


def test_dse_at_another_clock(model, tmp_path):
    for mhz in (None, 150.0):
        out = tmp_path / f"d{mhz}"
        rc, _, _ = run(["dse", model, "-o", str(out), "--devices", "zcu104", "--precisions", "native", "--steps", "2",
                        "--quiet", *(["--clock-mhz", str(mhz)] if mhz else [])])
        assert rc == 0
        rows = list(csv.DictReader((out / "dse.csv").open()))
        assert {float(r["clock_mhz"]) for r in rows} == {mhz or 300.0}
        md = (out / "dse.md").read_text()
        assert "| MHz |" in md and f"| zcu104 | native | 0 | dataflow | {mhz or 300:g} |" in md


def test_roofline_at_another_clock(tmp_path):
    rc, out, _ = run(["roofline", "--device", "pynq-z1", "--precisions", "w1a1", "--clock-mhz", "200",
                      "-o", str(tmp_path / "r.png")])
    assert rc == 0 and "at 200 MHz" in out
    roof = float(out.splitlines()[2].split()[1])
    rc, out, _ = run(["roofline", "--device", "pynq-z1", "--precisions", "w1a1", "-o", str(tmp_path / "s.png")])
    assert rc == 0 and float(out.splitlines()[2].split()[1]) == pytest.approx(roof / 2, rel=1e-3)
