"""Unix pipe manners: a closed stdout ends `finnr` and `finnr-opt` quietly
with exit code 141, as mlir-opt killed by SIGPIPE (`finnr-opt x.mlir | head`
used to end in "internal error: BrokenPipeError"); a BrokenPipeError that
is not stdout's stays an internal error."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from finnr.driver.exits import EXIT_BROKEN_PIPE
from finnr.driver.main import main

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "tfc_w2a2.mlir"
BIN = Path(sys.executable).parent


def closed_early(argv: list[str]) -> tuple[int, str]:
    """Run with stdout a pipe whose reader is gone before the first write."""
    p = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    p.stdout.close()
    err = p.stderr.read()
    return p.wait(), err


@pytest.mark.parametrize(
    "argv",
    [[str(BIN / "finnr-opt"), str(EXAMPLE)],
     [str(BIN / "finnr-opt"), str(EXAMPLE), "-p", "qnn-streamline", "-t", "mlir"],
     [str(BIN / "finnr"), "run", str(EXAMPLE), "--input", "{x}"]],
    ids=["finnr-opt", "finnr-opt-passes", "finnr-run"],
)
def test_a_closed_stdout_ends_quietly(tmp_path, argv):
    np.save(tmp_path / "x.npy", np.zeros((3, 8), np.float32))
    rc, err = closed_early([a.replace("{x}", str(tmp_path / "x.npy")) for a in argv])
    assert (rc, err) == (EXIT_BROKEN_PIPE, "")


def test_another_broken_pipe_is_an_internal_error(monkeypatch, capsys):
    def boom(args):
        raise BrokenPipeError(32, "Broken pipe")

    from finnr.driver.commands import devices

    monkeypatch.setattr(devices, "run", boom)
    assert main(["devices"]) == 1
    assert "finnr: internal error: BrokenPipeError" in capsys.readouterr().err
