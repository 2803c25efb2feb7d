"""Progress (finnr/flows/progress.py, tqdm): drawn on a terminal, nothing
when stderr is not one or with --quiet; frames counted as they run."""

from __future__ import annotations

import io
import time
from pathlib import Path

import numpy as np
import pytest

from finnr.driver.main import main
from finnr.flows import progress

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "tfc_w2a2.mlir"


class FakeTTY(io.StringIO):
    def isatty(self) -> bool:
        super().isatty()  # ValueError when closed
        return True


def test_shown_only_on_a_terminal_and_not_quiet():
    assert progress.shown(stream=FakeTTY())
    assert not progress.shown(quiet=True, stream=FakeTTY())
    assert not progress.shown(stream=io.StringIO())
    closed = FakeTTY()
    closed.close()
    assert not progress.shown(stream=closed)


def test_bar_draws_on_a_terminal_only():
    tty, pipe = FakeTTY(), io.StringIO()
    for stream in (tty, pipe):
        with progress.bar(3, "finnr x", unit="frame", stream=stream) as b:
            for _ in range(3):
                b.update()
    assert "finnr x: 100%" in tty.getvalue() and "3/3" in tty.getvalue()
    assert pipe.getvalue() == ""


def test_steps_show_each_message_with_its_elapsed_time(monkeypatch):
    monkeypatch.setattr(progress, "REFRESH_S", 0.05)
    tty = FakeTTY()
    with progress.Steps("finnr csim", stream=tty) as steps:
        steps("compiling {the} testbench")
        time.sleep(0.2)
        steps("running")
    lines = [l for l in tty.getvalue().replace("\r", "\n").splitlines() if l]
    assert "finnr csim [00:00] compiling {the} testbench" in lines
    assert lines[-1] == "finnr csim [00:00] running"
    # redrawn while it runs: the refresher drew the first step more than once
    assert lines.count("finnr csim [00:00] compiling {the} testbench") >= 2
    quiet = FakeTTY()
    with progress.Steps("finnr csim", quiet=True, stream=quiet) as steps:
        steps("compiling")
    assert quiet.getvalue() == ""


def test_run_frames_equals_one_call_and_counts_frames(monkeypatch):
    tty = FakeTTY()
    monkeypatch.setattr("sys.stderr", tty)
    calls = []

    def run(chunk):
        calls.append(len(chunk))
        return [chunk * 2, chunk.sum(axis=1)]

    batch = np.arange(12.0).reshape(6, 2)
    out = progress.run_frames(run, batch, 2, "finnr run")
    assert calls == [2, 2, 2]
    assert np.array_equal(out[0], batch * 2) and np.array_equal(out[1], batch.sum(axis=1))
    assert "6/6" in tty.getvalue()
    calls.clear()
    progress.run_frames(run, batch[:5], 2, "finnr run")  # 5 frames do not split in 2s: one call
    assert calls == [5]


@pytest.mark.parametrize(("stream", "args", "drawn"), [
    (FakeTTY, [], True), (FakeTTY, ["--quiet"], False), (io.StringIO, [], False)])
def test_finnr_run_progress(tmp_path, monkeypatch, capsys, stream, args, drawn):
    np.save(tmp_path / "x.npy", np.zeros((3, 8), np.float32))
    err = stream()
    monkeypatch.setattr("sys.stderr", err)
    assert main(["run", str(EXAMPLE), "--input", str(tmp_path / "x.npy"), "-o", str(tmp_path / "y.npy"), *args]) == 0
    assert ("3/3" in err.getvalue()) == drawn
    assert drawn or err.getvalue() == ""
