"""Bit encodings of elements, shared by the HLS and RTL backends: integers
in two's complement of their datatype's width, bipolar as one bit
(0 = -1); the elements of a word packed element 0 first, from the least
significant bit."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np

from finnr.dialects import datatypes as dt

if TYPE_CHECKING:
    from xdsl.ir import Attribute

KIND_UNSIGNED, KIND_SIGNED, KIND_BIPOLAR = 0, 1, 2


def kind_code(t: Attribute) -> int:
    """The RTL library's element kind: 0 unsigned, 1 signed, 2 bipolar."""
    if isinstance(t, dt.BipolarType):
        return KIND_BIPOLAR
    return KIND_SIGNED if dt.value_range(t)[0] < 0 else KIND_UNSIGNED


def encode(values: np.ndarray, t: Attribute) -> np.ndarray:
    """The bit patterns (as uint64) of integer values of datatype ``t``."""
    v = np.asarray(values).astype(np.int64)
    if isinstance(t, dt.BipolarType):
        return (v > 0).astype(np.uint64)
    bits = dt.bitwidth(t)
    return (v & ((1 << bits) - 1)).astype(np.uint64)


def limb_layout(word_bits: int) -> tuple[int, int]:
    """(limbs, bits per limb) of a ROM word: the fewest limbs of <= 64 bits,
    all of the same width."""
    limbs = max(1, math.ceil(word_bits / 64))
    return limbs, math.ceil(word_bits / limbs)


def pack_rom(values: np.ndarray, t: Attribute) -> tuple[np.ndarray, int]:
    """A ROM (A, B, K) of elements of ``t`` as (A, B, L) limbs (uint64) of
    LW bits: the K elements of a word packed element 0 first, from the
    least significant bit; returns (limbs, LW)."""
    a, b, k = values.shape
    eb = dt.bitwidth(t)
    codes = encode(values, t)
    limbs, lw = limb_layout(k * eb)
    if limbs == 1:
        word = np.zeros((a, b), dtype=np.uint64)
        for i in range(k):
            word |= codes[:, :, i] << np.uint64(i * eb)
        return word.reshape(a, b, 1), lw
    shifts = np.arange(eb, dtype=np.uint64)
    bits = ((codes[..., None] >> shifts) & np.uint64(1)).reshape(a, b, k * eb)
    pad = limbs * lw - k * eb
    if pad:
        bits = np.concatenate([bits, np.zeros((a, b, pad), dtype=np.uint64)], axis=-1)
    bits = bits.reshape(a, b, limbs, lw)
    weights = np.left_shift(np.uint64(1), np.arange(lw, dtype=np.uint64))
    return (bits * weights).sum(axis=-1, dtype=np.uint64), lw
