"""``finnr dse``: requantized and pruned variants folded per device, Pareto
fronts, the files it writes, and its diagnostics."""

from __future__ import annotations

import csv
import io
from contextlib import redirect_stderr

import onnx
import pytest

from finnr.diagnostics import FinnrError
from finnr.driver.main import main
from finnr.examples.networks import NetSpec, mlp
from finnr.flows.dse import Point, mark_pareto, parse_precisions, parse_sparsities, run_dse


def point(device="d", fps=1.0, lut=1.0, bram=0.0, fits=True, precision="w2a2") -> Point:
    return Point(device, precision, 0.0, "dataflow", None, fps, lut, bram, 0.0, 0.0, 0.0, 0.0, fits, 1, 2)


def test_pareto_marks_exactly_the_undominated_fitting_points():
    pts = [point(fps=10, lut=100), point(fps=20, lut=100), point(fps=20, lut=300), point(fps=50, lut=250),
           point(fps=5, lut=50), point(fps=1000, lut=1, fits=False), point(device="other", fps=1, lut=1000)]
    mark_pareto(pts)
    assert [p.pareto_lut for p in pts] == [False, True, False, True, True, False, True]
    # BRAM: all 0 on device d, so only the fastest fitting point is on that front
    assert [p.pareto_bram18 for p in pts] == [False, False, False, True, False, False, True]


def test_option_parsing():
    assert parse_precisions("w1a1, W2A2,native") == ["w1a1", "w2a2", "native"]
    with pytest.raises(FinnrError, match="not of the form wNaM"):
        parse_precisions("int8")
    assert parse_sparsities("0,0.25") == [0.0, 0.25]
    with pytest.raises(FinnrError, match=r"must lie in \[0, 1\)"):
        parse_sparsities("0,1.5")


@pytest.fixture(scope="module")
def small_model(tmp_path_factory):
    path = tmp_path_factory.mktemp("dse") / "mlp.onnx"
    onnx.save(mlp(NetSpec(wbits=4, abits=4, relu=True, per_channel=False, negative_bn=False, seed=2), widths=(64, 32, 32, 10)), path)
    return str(path)


def read_csv(path):
    with open(path) as f:
        return list(csv.DictReader(f))


def test_dse_explores_precisions_sparsities_and_devices(small_model, tmp_path):
    err = io.StringIO()
    with redirect_stderr(err):
        rc = main(["dse", small_model, "--devices", "pynq-z1,zcu104", "--precisions", "w1a1,w4a4,native",
                       "--sparsity", "0,0.5", "--steps", "5", "-o", str(tmp_path / "out")])
    assert rc == 0
    assert "finnr dse" not in err.getvalue()  # no progress bar when stderr is not a terminal (tests/test_progress.py)
    rows = read_csv(tmp_path / "out" / "dse.csv")
    combos = {(r["device"], r["precision"], r["sparsity"]) for r in rows}
    assert len(combos) == 2 * 3 * 2
    for r in rows:
        params, bits = int(r["params"]), int(r["weight_bits"])
        wbits = {"w1a1": 1, "w4a4": 4, "native": 4}[r["precision"]]
        assert bits == params * wbits
        if r["target_fps"]:
            assert float(r["fps"]) >= float(r["target_fps"]) * (1 - 1e-6)
    full = {int(r["params"]) for r in rows if r["sparsity"] == "0.0"}
    pruned = {int(r["params"]) for r in rows if r["sparsity"] == "0.5"}
    assert len(full) == len(pruned) == 1 and pruned.pop() < full.pop()
    # the fastest design per combination fits 80% of its device
    for r in rows:
        if not r["target_fps"]:
            assert r["fits"] == "True" and float(r["lut_pct"]) <= 80.0 + 1e-6
    front = read_csv(tmp_path / "out" / "pareto.csv")
    assert front and {r["device"] for r in front} == {"pynq-z1", "zcu104"}
    for p in front:
        if p["pareto_lut"] == "True":
            assert not any(q["device"] == p["device"] and q["fits"] == "True" and float(q["fps"]) > float(p["fps"])
                           and float(q["lut"]) < float(p["lut"]) for q in rows)
    assert (tmp_path / "out" / "pareto.png").read_bytes()[:4] == b"\x89PNG"
    md = (tmp_path / "out" / "dse.md").read_text()
    assert "Command: `finnr dse" in md and "| zcu104 | w1a1 | 0.5 | dataflow |" in md


def test_dse_falls_back_to_offload_when_nothing_fits(tmp_path):
    path = tmp_path / "big.onnx"
    onnx.save(mlp(NetSpec(8, 8, True, False, False, 0), widths=(1024, 1024, 1024, 10)), path)
    points = run_dse(str(path), str(tmp_path / "out"), ["pynq-z1"], ["native"], [0.0], quiet=True)
    assert {p.arch for p in points} == {"offload"} and all(p.fits for p in points)


@pytest.mark.parametrize(("argv", "message"), [
    (["--precisions", "w0a2"], "bit widths must be in 1..32"),
    (["--devices", "pynqz1"], "unknown device 'pynqz1'; did you mean pynq-z1, pynq-z2?"),
    (["--sparsity", "x"], "--sparsity must be a comma-separated list of fractions"),
    (["--steps", "0"], "--steps must be at least 1"),
])
def test_dse_user_errors(small_model, tmp_path, argv, message):
    err = io.StringIO()
    with redirect_stderr(err):
        rc = main(["dse", small_model, "-o", str(tmp_path / "o"), "--quiet", *argv])
    assert rc == 2 and message in err.getvalue() and "Traceback" not in err.getvalue()


def test_a_failed_dse_leaves_no_output(small_model, tmp_path, monkeypatch):
    import finnr.flows.dse as dse

    def boom(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(dse, "pareto_png", boom)
    with pytest.raises(KeyboardInterrupt):
        run_dse(small_model, str(tmp_path / "out"), ["pynq-z1"], ["native"], [0.0], steps=2, quiet=True)
    assert list(tmp_path.iterdir()) == []
