"""The roofline: compute roofs from FINN-R's LUT cost per operation and the
DSPs, the memory roof from bandwidth, the command's table and PNG."""

from __future__ import annotations

import pytest

from finnr.driver.main import main
from finnr.models.devices import get_device
from finnr.models.roofline import attainable, compute_roof, luts_per_op, memory_roof, parse_precision


def test_compute_roof_by_hand():
    d = get_device("pynq-z1")  # 53,200 LUT, 220 DSP, 100 MHz
    # w1a1: 80% (the fit budget) of 53200 / 2.5 LUT per op + of 220 DSPs * 2 ops * 2 (packed)
    assert compute_roof(d, 1, 1) == pytest.approx(0.8 * (53200 / 2.5 + 220 * 4) * 100e6)
    # w4a4: W*A = 16 > 8, beyond the table: 13.7 + 1.6 * 8; DSPs unpacked
    assert luts_per_op(4, 4) == pytest.approx(13.7 + 1.6 * 8)
    assert compute_roof(d, 4, 4) == pytest.approx(0.8 * (53200 / luts_per_op(4, 4) + 220 * 2) * 100e6)
    assert compute_roof(d, 1, 1) > compute_roof(d, 2, 2) > compute_roof(d, 8, 8)
    # another budget and clock scale the roof
    assert compute_roof(d, 1, 1, clock_mhz=200, utilization=0.4) == pytest.approx(compute_roof(d, 1, 1))


def test_memory_roof_and_ridge():
    d = get_device("zcu104")
    assert memory_roof(d, 10.0) == pytest.approx(19.2e9 * 10)
    ridge = compute_roof(d, 2, 2) / (d.dram_gbps * 1e9)
    assert attainable(d, 2, 2, ridge / 2) == pytest.approx(compute_roof(d, 2, 2) / 2)
    assert attainable(d, 2, 2, ridge * 2) == pytest.approx(compute_roof(d, 2, 2))


def test_parse_precision():
    assert parse_precision("w2a4") == (2, 4)
    for bad in ("2a2", "w0a1", "wxa1"):
        with pytest.raises(ValueError):
            parse_precision(bad)


def test_roofline_command_writes_table_and_png(tmp_path, capsys):
    out = tmp_path / "roof.png"
    assert main(["roofline", "--device", "ultra96", "--precisions", "w1a1,w4a4", "-o", str(out)]) == 0
    text = capsys.readouterr().out
    assert "w1a1" in text and "w4a4" in text
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_roofline_command_rejects_bad_precision(tmp_path, capsys):
    assert main(["roofline", "--device", "ultra96", "--precisions", "w9", "-o", str(tmp_path / "r.png")]) == 2
    assert "not of the form wNaM" in capsys.readouterr().err
