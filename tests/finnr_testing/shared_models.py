"""Where the shared BNN-PYNQ test models live (``../shared/models`` beside
the repository, or $FINNR_SHARED_MODELS). Tests that use them skip when the
folder is absent, so that a user's clone passes on its own."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SHARED_MODELS = Path(os.environ.get("FINNR_SHARED_MODELS", REPO.parent / "shared" / "models"))
MODEL_NAMES = ("tfc_2w2a", "sfc_1w1a", "cnv_1w1a")


def shared_model(name: str) -> tuple[Path, Path]:
    """(model.onnx, golden.npz) of a shared model, or skip the test."""
    onnx_path = SHARED_MODELS / f"{name}.onnx"
    golden = SHARED_MODELS / f"{name}.golden.npz"
    if not onnx_path.is_file() or not golden.is_file():
        pytest.skip(f"shared model {name} not present at {SHARED_MODELS}")
    return onnx_path, golden
