"""``finnr study`` without its training dependencies is a one-line user
error; its table and plot are written from measured rows (the training
itself needs torch, which is not a test dependency: `make study` runs it)."""

from __future__ import annotations

import math
import sys

from finnr.driver.main import main
from finnr.flows.study import Row, markdown_table, write_results


def test_study_without_torch_is_a_user_error(monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "torch", None)  # import torch fails
    assert main(["study", "-o", "unused"]) == 2
    err = capsys.readouterr().err
    assert "finnr study needs the training dependencies" in err and "make study" in err
    assert "Traceback" not in err


def test_table_and_plot_from_rows(tmp_path):
    rows = [
        Row("w2a2", 2, 2, 0.0, "trained", acc_csim=0.95, acc_torch=0.95, params=8832, weight_bits=17664,
            lut=2094, bram18=0, max_fps=12.5e6),
        Row("w8a8 -> w2a2", 2, 2, 0.0, "qnn-requantize, no retraining", acc_csim=0.5, params=8832,
            weight_bits=17664, lut=2094, bram18=0, max_fps=12.5e6),
    ]
    assert math.isnan(rows[1].acc_torch)
    table = markdown_table(rows, 100.0)
    assert "max FPS (80% of pynq-z1, 100 MHz)" in table
    assert "| w2a2 | trained | 95.0% | 95.0% | 8,832 | 17,664 | 2,094 | 0 | 12,500,000 |" in table
    assert "| w8a8 -> w2a2 | qnn-requantize, no retraining | 50.0% | — |" in table
    write_results(rows, tmp_path, 12.0, 30, 10, 0, 125.0)
    assert (tmp_path / "study.png").stat().st_size > 10_000
    assert "make study" in (tmp_path / "study.md").read_text()
    assert '"acc_csim": 0.95' in (tmp_path / "study.json").read_text()
    assert '"clock_mhz": 125.0' in (tmp_path / "study.json").read_text()
