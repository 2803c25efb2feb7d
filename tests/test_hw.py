"""finnr.hw, the hardware facts, on hand-computed examples: ROM layouts,
accumulator ranges, integer thresholds, widths and bit encodings."""

from __future__ import annotations

import numpy as np
import pytest

from finnr import hw
from finnr.dialects import datatypes as dt

U2, I2, I3 = dt.UIntType(2), dt.IntType(2), dt.IntType(3)


def test_fold_weights_pe2_simd2():
    w = np.array([[10 * i + j for j in range(4)] for i in range(4)])  # w[input, output]
    mem = hw.fold_weights(w, pe=2, simd=2)
    # lane p holds outputs p, p + 2; word nf*SF + sf holds inputs 2sf, 2sf + 1
    expected = [
        [[0, 10], [20, 30], [2, 12], [22, 32]],
        [[1, 11], [21, 31], [3, 13], [23, 33]],
    ]
    np.testing.assert_array_equal(mem, expected)


def test_folded_weight_layout_matches_finn_order():
    w = np.arange(4 * 6).reshape(4, 6)  # MW=4, MH=6
    mem = hw.fold_weights(w, pe=2, simd=2)  # (PE, (MH/PE)*(MW/SIMD), SIMD)
    assert mem.shape == (2, 6, 2)
    # lane 1, word (nf=1, sf=0) holds inputs 0..1 of output row nf*PE + 1 = 3
    np.testing.assert_array_equal(mem[1, 2], w[0:2, 3])


def test_fold_thresholds_per_channel_and_shared_row():
    t = np.array([[0, 1], [2, 3], [4, 5], [6, 7]])
    np.testing.assert_array_equal(hw.fold_thresholds(t, 4, 2), [[[0, 1], [4, 5]], [[2, 3], [6, 7]]])
    np.testing.assert_array_equal(hw.fold_thresholds(np.array([[5, 9]]), 4, 2), [[[5, 9], [5, 9]]] * 2)


@pytest.mark.parametrize(
    ("in_type", "expected"),
    [(U2, (-6, 12)), (I2, (-8, 4)), (dt.BipolarType(), (-4, 4))],
)
def test_accumulator_range(in_type, expected):
    w = np.array([[1, -2], [3, 0]])  # (MW, MH)
    assert hw.accumulator_range(w, in_type) == expected


def test_accumulator_range_holds_zero():
    assert hw.accumulator_range(np.array([[1]]), U2) == (0, 3)
    assert hw.accumulator_range(np.zeros((0, 2)), U2) == (0, 0)


def test_integer_thresholds_ceil_and_clip():
    t = np.array([-100.0, -1.5, 0.0, 0.5, 2.0, 100.0])
    got = hw.integer_thresholds(t, -3, 5)
    assert got.dtype == np.int64
    np.testing.assert_array_equal(got, [-3, -1, 0, 1, 2, 6])


def test_threshold_memory_is_integer_thresholds_folded():
    got = hw.threshold_memory(np.array([[0.5, 100.0]]), 2, 1, 0, 3)
    np.testing.assert_array_equal(got, [[[1, 4], [1, 4]]])


@pytest.mark.parametrize(
    ("lo", "hi", "bits"),
    [(0, 0, 2), (-2, 1, 2), (-3, 1, 3), (0, 2, 3), (-128, 127, 8), (-129, 0, 9), (0, 128, 9)],
)
def test_signed_bits(lo, hi, bits):
    assert hw.signed_bits(lo, hi) == bits


def test_encode_bipolar_signed_unsigned():
    np.testing.assert_array_equal(hw.encode(np.array([-1, 1, 1, -1]), dt.BipolarType()), [0, 1, 1, 0])
    np.testing.assert_array_equal(hw.encode(np.array([-4, -1, 0, 3]), I3), [4, 7, 0, 3])
    np.testing.assert_array_equal(hw.encode(np.array([0, 3]), U2), [0, 3])
    np.testing.assert_array_equal(hw.encode(np.array([-1, 0, 1]), dt.TernaryType()), [3, 0, 1])
    assert hw.encode(np.array([-1.0]), I3).dtype == np.uint64


@pytest.mark.parametrize(
    ("bits", "layout"), [(1, (1, 1)), (64, (1, 64)), (65, (2, 33)), (128, (2, 64)), (130, (3, 44))]
)
def test_limb_layout(bits, layout):
    assert hw.limb_layout(bits) == layout


def test_pack_rom_one_limb():
    limbs, lw = hw.pack_rom(np.array([[[-1, 0, 1]]]), I2)  # codes 3, 0, 1 from the LSB
    assert lw == 6
    np.testing.assert_array_equal(limbs, [[[3 | 1 << 4]]])


def test_pack_rom_several_limbs():
    v = np.zeros((1, 1, 33), np.int64)
    v[0, 0, 0], v[0, 0, 16], v[0, 0, 32] = 3, 1, 3  # 66 bits: 2 limbs of 33
    limbs, lw = hw.pack_rom(v, U2)
    assert lw == 33
    np.testing.assert_array_equal(limbs, [[[3 | 1 << 32, 3 << 31]]])


@pytest.mark.parametrize(
    ("t", "code"),
    [(U2, hw.KIND_UNSIGNED), (I2, hw.KIND_SIGNED), (dt.BipolarType(), hw.KIND_BIPOLAR),
     (dt.BinaryType(), hw.KIND_UNSIGNED), (dt.TernaryType(), hw.KIND_SIGNED)],
)
def test_kind_code(t, code):
    assert hw.kind_code(t) == code


def test_hw_imports_only_numpy_and_dialects():
    import ast
    from pathlib import Path

    for path in Path(hw.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("finnr"):
                assert node.module.startswith(("finnr.dialects", "finnr.hw")), (path.name, node.module)
