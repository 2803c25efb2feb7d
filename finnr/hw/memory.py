"""ROM layouts of the engines: how a layer's weights and thresholds sit in
the memories of its PE lanes (finn-hlslib order)."""

from __future__ import annotations

import numpy as np

from finnr.hw.arith import integer_thresholds


def fold_weights(weights: np.ndarray, pe: int, simd: int) -> np.ndarray:
    """A (MW, MH) weight matrix as the (PE, WMEM, SIMD) memory of an MVAU:
    PE lane p holds output rows p, p + PE, ...; word (nf, sf) of a lane holds
    the SIMD inputs sf*SIMD .. of output row nf*PE + p (finn-hlslib order)."""
    mw, mh = weights.shape
    w = np.asarray(weights).T.reshape(mh // pe, pe, mw // simd, simd)  # (NF, PE, SF, SIMD)
    return np.ascontiguousarray(w.transpose(1, 0, 2, 3).reshape(pe, (mh // pe) * (mw // simd), simd))


def fold_thresholds(thresholds: np.ndarray, channels: int, pe: int) -> np.ndarray:
    """Thresholds (C or 1, T) as the (PE, C/PE, T) memory of PE lanes."""
    t = np.broadcast_to(np.asarray(thresholds), (channels, np.shape(thresholds)[1]))
    return np.ascontiguousarray(t.reshape(channels // pe, pe, -1).transpose(1, 0, 2))


def threshold_memory(thresholds: np.ndarray, channels: int, pe: int, lo: int, hi: int) -> np.ndarray:
    """The (PE, C/PE, T) integer threshold memory of a layer whose inputs
    (or accumulators) are integers in [lo, hi]: :func:`integer_thresholds`
    folded by :func:`fold_thresholds`."""
    return fold_thresholds(integer_thresholds(thresholds, lo, hi), channels, pe)
