"""Shared by the benchmark scripts: where the shared models are and a timer."""

from __future__ import annotations

import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED_MODELS = REPO.parent / "shared" / "models"


def best_of(n: int, fn) -> float:
    """The smallest wall-clock time of ``n`` calls of ``fn``, in seconds."""
    times = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)
