"""Hardware facts: how finnr's engines lay out, size and encode numbers.

Pure functions on numpy arrays and finnr datatypes, shared by the
interpreter, the passes and both backends (HLS C++ and RTL), so that they
agree by construction:

- :mod:`finnr.hw.memory`: ROM layouts (weights as PE x WMEM x SIMD,
  thresholds as PE x TMEM x T);
- :mod:`finnr.hw.arith`: accumulator ranges, threshold integerization and
  the widths that hold them;
- :mod:`finnr.hw.encoding`: bit patterns of elements, packing of ROM words
  into 64-bit limbs, the RTL library's element kinds.

It imports nothing of finnr but the dialects."""

from finnr.hw.arith import accumulator_range, integer_thresholds, signed_bits
from finnr.hw.encoding import KIND_BIPOLAR, KIND_SIGNED, KIND_UNSIGNED, encode, kind_code, limb_layout, pack_rom
from finnr.hw.memory import fold_thresholds, fold_weights, threshold_memory

__all__ = [
    "KIND_BIPOLAR",
    "KIND_SIGNED",
    "KIND_UNSIGNED",
    "accumulator_range",
    "encode",
    "fold_thresholds",
    "fold_weights",
    "integer_thresholds",
    "kind_code",
    "limb_layout",
    "pack_rom",
    "signed_bits",
    "threshold_memory",
]
