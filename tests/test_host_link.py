"""The host link as a bound on throughput: the device figures, the bytes
per frame, the report's ``io`` and the folding optimizer's use of it."""

from __future__ import annotations

import json
import math

import pytest

from finnr.driver.main import main
from finnr.models.devices import DEVICES, get_device
from finnr_testing.shared_models import shared_model


def test_link_figures_by_hand():
    # Zynq-7000: one 64-bit HP port at 150 MHz; Zynq UltraScale+: one
    # 128-bit HP port at 333 MHz; PCIe Gen3 x16 through XDMA: 12 GB/s.
    assert get_device("pynq-z1").link_in == get_device("pynq-z1").link_out == 1_200_000_000
    for name in ("ultra96", "zcu104"):
        assert get_device(name).link_in == get_device(name).link_out == 5_328_000_000
    for name in ("u250", "aws-f1"):
        assert get_device(name).link_in == get_device(name).link_out == 12_000_000_000
    assert all(d.link_in > 0 and d.link_out > 0 and d.link for d in DEVICES.values())


def test_link_fps_by_hand():
    zcu = get_device("zcu104")
    # TFC: 784 x 2 bits = 196 bytes in, 10 x 7 bits = 70 bits -> 9 bytes out.
    assert zcu.link_fps(196, 9) == pytest.approx(5.328e9 / 196)
    # The output direction binds when it moves more.
    assert zcu.link_fps(10, 1000) == pytest.approx(5.328e6)
    assert get_device("pynq-z1").link_fps(0, 4) == pytest.approx(3e8)
    assert math.isinf(zcu.link_fps(0, 0))


def _build(tmp_path, name: str, *args) -> dict:
    model, _ = shared_model("tfc_2w2a")
    out = tmp_path / name
    assert main(["build", str(model), "-o", str(out), "--device", "zcu104", "--stop-after", "estimate",
                 "--quiet", *map(str, args)]) == 0
    return json.loads((out / "report.json").read_text())


def test_tfc_maximize_is_link_bound(tmp_path):
    bound = 5.328e9 / 196
    report = _build(tmp_path, "max", "--maximize")
    assert report["io"]["in_bytes_per_frame"] == 196
    assert report["io"]["out_bytes_per_frame"] == 9
    assert report["io"]["fps_bound"] == pytest.approx(bound, rel=1e-9)
    assert report["bound"] == "host link"
    assert report["fps"] == pytest.approx(bound, rel=1e-9)
    # The optimizer bought no throughput beyond the bound: at 300 MHz the
    # fastest folding that fits runs 75e6 FPS (4 cycles per frame); the
    # chosen one needs at most 300e6 / bound = 11.04 cycles.
    assert bound <= report["compute_fps"] < 75e6
    cheapest = _build(tmp_path, "target", "--target-fps", bound)
    assert cheapest["compute_fps"] >= bound
    assert cheapest["fps"] == pytest.approx(bound, rel=1e-9)
    assert report["total"]["lut"] <= cheapest["total"]["lut"]


def test_target_above_the_link_warns(tmp_path, capsys):
    report = _build(tmp_path, "over", "--target-fps", 3e7)
    assert "warning: 3e+07 FPS is above what the host link of zcu104 carries (27183673.5 FPS" in capsys.readouterr().err
    assert report["bound"] == "host link"
    assert report["compute_fps"] >= 3e7
    assert report["fps"] == report["io"]["fps_bound"]


def test_dse_points_stay_under_the_link():
    from finnr.flows.dse import compile_variant, device_points

    model, _ = shared_model("tfc_2w2a")
    v = compile_variant(str(model), "native", 0.0)
    assert v.frame_bytes == (196, 9)
    bound = 5.328e9 / 196
    points = device_points(v, get_device("zcu104"), 0.8, 4)
    assert max(p.fps for p in points) == pytest.approx(bound)
    assert all(p.fps <= bound * (1 + 1e-9) for p in points)
    fastest = next(p for p in points if p.target_fps is None)
    assert fastest.fps == pytest.approx(bound)
    # The fastest point is the cheapest reaching the bound, so no other point
    # at the bound's rate is cheaper.
    assert all(p.lut >= fastest.lut for p in points if p.fps >= bound * (1 - 1e-9))


def test_roofline_point_carries_the_link_bound(tmp_path):
    from finnr.backends.plots import roofline_png
    from finnr.backends.report import build_report
    from finnr.flows import pipeline
    from finnr.flows.roofline import design_point
    from finnr.frontend.onnx_import import import_model

    model, _ = shared_model("tfc_2w2a")
    module = import_model(str(model), require_quantized=True)
    pipeline.run(module, f"{pipeline.TO_DATAFLOW},{pipeline.folding(device='zcu104', maximize=True, utilization=0.8)}")
    report = build_report(module, get_device("zcu104"))
    point = design_point(module, report, "tfc")
    # Link-bound: the design sits on its link line.
    assert point.link_ops_per_second == pytest.approx(point.ops_per_second)
    assert point.ops_per_second == pytest.approx(2 * report["hardware_macs"] * 5.328e9 / 196)
    roofline_png(tmp_path / "r.png", get_device("zcu104"), [(2, 2)], [point])
    assert (tmp_path / "r.png").stat().st_size > 0
