"""Arithmetic facts of the engines: the range of an accumulator, thresholds
as integers, the width of a two's complement number."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from finnr.dialects import datatypes as dt

if TYPE_CHECKING:
    from xdsl.ir import Attribute


def accumulator_range(w: np.ndarray, in_type: Attribute) -> tuple[int, int]:
    """The smallest and largest value any partial sum of ``x @ w`` can take
    (``w`` an (MW, MH) integer matrix, ``x`` a vector of ``in_type``): per
    column the sum of the per-term minima/maxima (each term's range holds
    0, so every partial sum lies in between)."""
    lo, hi = (int(v) for v in dt.value_range(in_type))
    w = np.asarray(w, dtype=np.int64)
    if w.size == 0:
        return 0, 0
    a, b = w * lo, w * hi
    col_lo = np.minimum(a, b).sum(axis=0)
    col_hi = np.maximum(a, b).sum(axis=0)
    return min(0, int(col_lo.min())), max(0, int(col_hi.max()))


def integer_thresholds(t: np.ndarray, lo: int, hi: int) -> np.ndarray:
    """Thresholds compared with integers in [lo, hi]: ``x >= t`` iff
    ``x >= ceil(t)``; below ``lo`` every x passes (clip to lo), above ``hi``
    none does (clip to hi + 1)."""
    c = np.ceil(np.asarray(t, dtype=np.float64))
    return np.clip(c, lo, hi + 1).astype(np.int64)


def signed_bits(lo: int, hi: int) -> int:
    """Bits of the narrowest two's complement type holding [lo, hi] (>= 2)."""
    n = 2
    while lo < -(1 << (n - 1)) or hi > (1 << (n - 1)) - 1:
        n += 1
    return n
