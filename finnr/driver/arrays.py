"""The input batches and outputs of ``finnr run``, ``csim`` and ``rtlsim``:
.npy files in, .npy/.npz files or printed arrays out."""

from __future__ import annotations

import numpy as np

from finnr.diagnostics import FinnrError


def load_batch(path: str) -> np.ndarray:
    """The input batch of a .npy file."""
    try:
        return np.load(path, allow_pickle=False)
    except (OSError, ValueError) as e:
        raise FinnrError(f"{path}: not a readable .npy file ({e})") from None


def save_or_print(outputs: list[np.ndarray], path: str | None) -> None:
    """Save one output as .npy (several as .npz), or print them all."""
    if path:
        try:
            if len(outputs) == 1:
                np.save(path, outputs[0])
            else:
                np.savez(path, *outputs)
        except OSError as e:
            raise FinnrError(f"{path}: cannot write ({e.strerror})") from None
    else:
        with np.printoptions(precision=6, suppress=True, threshold=10_000):
            for i, y in enumerate(outputs):
                print(f"output #{i}: shape {list(y.shape)}")
                print(y)
