"""Shared by the benchmark scripts (which import it as ``common``: a script's
own directory comes first on sys.path): where the shared models are and a
timer."""

from __future__ import annotations

import os
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED_MODELS = Path(os.environ.get("FINNR_SHARED_MODELS", REPO.parent / "shared" / "models"))
"""As for the tests: ``../shared/models`` beside the repository, or $FINNR_SHARED_MODELS."""


def best_of(n: int, fn) -> float:
    """The smallest wall-clock time of ``n`` calls of ``fn``, in seconds."""
    times = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)
