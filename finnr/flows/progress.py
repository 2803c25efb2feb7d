"""Progress on the long steps (C-simulation compiles and frames, ``--verify``
levels, Verilator builds, yosys, dse), all through one library, tqdm, on
stderr; nothing at all when stderr is not a terminal or with ``--quiet``.

Two shapes, both fed by the ``progress`` callbacks that flows, backends and
toolchains take:

- :func:`bar`: a counted bar (frames, layers, design points);
- :class:`Steps`: a sink for ``progress(message)`` callbacks, each message
  a running step with its elapsed time (redrawn twice a second), closed
  when the next message comes or the steps end.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import IO

from tqdm import tqdm

REFRESH_S = 0.5
"""How often a running step redraws its elapsed time."""


def shown(quiet: bool = False, stream: IO[str] | None = None) -> bool:
    """Whether progress is drawn: not ``quiet`` and ``stream`` (stderr) is a terminal."""
    stream = sys.stderr if stream is None else stream
    try:
        return not quiet and stream.isatty()
    except (AttributeError, ValueError):  # no isatty, or a closed stream
        return False


def bar(total: int | None, desc: str, *, unit: str = "it", quiet: bool = False, stream: IO[str] | None = None) -> tqdm:
    """A tqdm bar of ``total`` steps on stderr (or ``stream``), disabled
    unless :func:`shown`; use it as tqdm (``update``, ``set_postfix_str``,
    ``close``, a context manager)."""
    stream = sys.stderr if stream is None else stream
    return tqdm(total=total, desc=desc, unit=unit, file=stream, disable=not shown(quiet, stream),
                dynamic_ncols=True, leave=True)


class Steps:
    """``progress(message)`` callbacks shown as running steps: ``prefix
    [elapsed] message``, one line each, left on the screen when done."""

    def __init__(self, prefix: str, *, quiet: bool = False, stream: IO[str] | None = None):
        self.prefix = prefix
        self.stream = sys.stderr if stream is None else stream
        self.enabled = shown(quiet, self.stream)
        self._bar: tqdm | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def __call__(self, message: str) -> None:
        self._finish_step()
        if not self.enabled:
            return
        text = message.replace("{", "{{").replace("}", "}}")  # the elapsed time first: a long message is cut
        self._bar = tqdm(total=None, file=self.stream, leave=True, dynamic_ncols=True,
                         bar_format=f"{self.prefix} [{{elapsed}}] {text}")
        self._stop.clear()
        self._thread = threading.Thread(target=self._tick, args=(self._bar,), daemon=True)
        self._thread.start()

    def _tick(self, b: tqdm) -> None:
        while not self._stop.wait(REFRESH_S):
            b.refresh()

    def _finish_step(self) -> None:
        if self._bar is None:
            return
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        self._bar.close()
        self._bar, self._thread = None, None

    def close(self) -> None:
        """End the running step."""
        self._finish_step()

    def __enter__(self) -> Steps:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


@contextmanager
def step(prefix: str, message: str, *, quiet: bool = False) -> Iterator[None]:
    """One running step around a block."""
    with Steps(prefix, quiet=quiet) as s:
        s(message)
        yield


def frames_per_call(module, name: str | None = None) -> int:
    """The frames one call of the module's entry function takes (its
    input's batch dimension; 1 for a symbolic batch)."""
    from finnr.interpreter import entry_function

    types = entry_function(module, name).function_type.inputs.data
    shape = types[0].get_shape() if len(types) == 1 else ()
    return max(1, shape[0]) if shape else 1


def run_frames(run: Callable, batch, frames_per_call: int, desc: str, *, quiet: bool = False) -> list:
    """``run(chunk)`` over ``batch`` in chunks of ``frames_per_call`` frames
    (the model's batch dimension), a bar counting the frames; the outputs
    of the chunks concatenated along their first axis, as one call over the
    whole batch would give them. A batch that does not split so goes to
    ``run`` whole (which reports the mismatch)."""
    import numpy as np

    n = len(batch)
    if frames_per_call < 1 or n % frames_per_call or n <= frames_per_call:
        with step(desc, f"{n} frame(s)", quiet=quiet):
            return run(batch)
    results = []
    with bar(n, desc, unit="frame", quiet=quiet) as b:
        for start in range(0, n, frames_per_call):
            results.append(run(batch[start:start + frames_per_call]))
            b.update(frames_per_call)
    return [np.concatenate([r[i] for r in results], axis=0) for i in range(len(results[0]))]
