"""Every finnr-opt target refuses IR of another level with exit code 2,
naming itself and the level it needs (the FileCheck tests in
filecheck/targets/ show the messages); every target declares its level."""

from __future__ import annotations

from pathlib import Path

import pytest

from finnr.backends import FINNR_TARGETS
from finnr.driver import opt

MLP = Path(__file__).resolve().parent / "filecheck" / "targets" / "Inputs" / "mlp.mlir"
TO_LEVEL = {
    "qnn": [],
    "dataflow": ["-p", "qnn-streamline,convert-qnn-to-dataflow"],
    "hls": ["-p", "qnn-streamline,convert-qnn-to-dataflow,dataflow-insert-duplicate,dataflow-insert-dwc,"
                  "convert-dataflow-to-hls"],
}


def test_every_target_declares_its_level():
    assert set(opt.TARGET_LEVEL) == set(FINNR_TARGETS)
    assert set(opt.TARGET_LEVEL.values()) <= set(opt.LEVELS)


@pytest.mark.parametrize(("target", "level"), [(t, lv) for t in sorted(FINNR_TARGETS) for lv in opt.LEVELS])
def test_a_target_runs_on_its_level_only(capsys, target, level):
    with pytest.raises(SystemExit) as exit_:
        opt.main([str(MLP), *TO_LEVEL[level], "-t", target])
    out, err = capsys.readouterr()
    if level == opt.TARGET_LEVEL[target]:
        assert exit_.value.code == 0 and out and not err
    else:
        assert exit_.value.code == 2 and out == ""
        assert err == (f"finnr-opt: error: target '{target}' needs {opt.LEVEL_NEEDS[opt.TARGET_LEVEL[target]]}; "
                       f"the input is {level} IR\n")
