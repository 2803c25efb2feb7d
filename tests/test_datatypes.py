"""finnr's datatypes (``finnr.dialects.datatypes``) and the dense-attribute
helpers of ``finnr.dialects.utils``: ranges, bit widths, ``allows``, FINN
names (checked against qonnx's own ``DataType``), the narrowest integer type
of a range, equality and hashing, verification of widths, and numpy arrays
to dense attributes and back, also through printed and re-parsed IR."""

from __future__ import annotations

import io
import math

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from xdsl.dialects.builtin import (
    DenseIntOrFPElementsAttr,
    Float32Type,
    IntegerType,
    ModuleOp,
    Signedness,
    TensorType,
    f32,
    f64,
    i8,
    i16,
    i32,
    i64,
)
from xdsl.parser import Parser
from xdsl.printer import Printer
from xdsl.utils.exceptions import VerifyException

from finnr.dialects import datatypes as dt
from finnr.dialects import finnr_context
from finnr.dialects.qnn import ConstantOp
from finnr.dialects.utils import dense_from_numpy, numpy_from_dense

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

WIDTHS = range(1, dt.MAX_BITWIDTH + 1)


def all_types() -> list:
    """Every valid finnr element type (f32 included)."""
    types: list = [dt.BipolarType(), dt.BinaryType(), dt.TernaryType(), f32]
    types += [dt.IntType(n) for n in WIDTHS] + [dt.UIntType(n) for n in WIDTHS]
    types += [dt.FixedType(w, i) for w in range(2, dt.MAX_BITWIDTH + 1) for i in range(1, w)]
    return types


def print_ir(op) -> str:
    out = io.StringIO()
    Printer(stream=out).print_op(op)
    return out.getvalue()


def print_attr(attr) -> str:
    out = io.StringIO()
    Printer(stream=out).print_attribute(attr)
    return out.getvalue()


def reparse(text: str) -> ModuleOp:
    module = Parser(finnr_context(), text).parse_module()
    module.verify()
    return module


# --- ranges and bit widths ---------------------------------------------------


@pytest.mark.parametrize(
    "t, bits, lo, hi, signed, integer, name",
    [
        (dt.IntType(1), 1, -1, 0, True, True, "INT1"),
        (dt.IntType(4), 4, -8, 7, True, True, "INT4"),
        (dt.IntType(8), 8, -128, 127, True, True, "INT8"),
        (dt.IntType(32), 32, -(2**31), 2**31 - 1, True, True, "INT32"),
        (dt.UIntType(1), 1, 0, 1, False, True, "UINT1"),
        (dt.UIntType(2), 2, 0, 3, False, True, "UINT2"),
        (dt.UIntType(32), 32, 0, 2**32 - 1, False, True, "UINT32"),
        (dt.BipolarType(), 1, -1, 1, True, True, "BIPOLAR"),
        (dt.BinaryType(), 1, 0, 1, False, True, "BINARY"),
        (dt.TernaryType(), 2, -1, 1, True, True, "TERNARY"),
        (dt.FixedType(8, 4), 8, -8.0, 7.9375, True, False, "FIXED<8,4>"),
        (dt.FixedType(2, 1), 2, -1.0, 0.5, True, False, "FIXED<2,1>"),
        (dt.FixedType(16, 1), 16, -1.0, 1 - 2.0**-15, True, False, "FIXED<16,1>"),
    ],
)
def test_range_and_width(t, bits, lo, hi, signed, integer, name):
    assert t.bitwidth == bits == dt.bitwidth(t)
    assert (t.min_value, t.max_value) == (lo, hi) == dt.value_range(t)
    assert t.signed is signed
    assert t.is_integer is integer and dt.is_integer(t) is integer
    assert t.finn_name == name == dt.finn_name(t)
    assert dt.is_datatype(t)


def test_f32_through_module_functions():
    assert dt.is_datatype(f32)
    assert dt.bitwidth(f32) == 32
    assert dt.value_range(f32) == (-np.inf, np.inf)
    assert not dt.is_integer(f32)
    assert dt.finn_name(f32) == "FLOAT32"
    assert dt.allows(f32, np.array([np.inf, -1e30, 0.1, np.nan]))


@pytest.mark.parametrize("fn", [dt.bitwidth, dt.value_range, dt.finn_name, lambda t: dt.allows(t, [0])])
@pytest.mark.parametrize("t", [i8, i32, f64, IntegerType(4)])
def test_builtin_types_are_not_datatypes(fn, t):
    assert not dt.is_datatype(t)
    assert not dt.is_integer(t)
    with pytest.raises(ValueError, match="not a finnr datatype"):
        fn(t)


@pytest.mark.parametrize("n", WIDTHS)
def test_width_types_have_2_to_the_n_values(n):
    for t in (dt.IntType(n), dt.UIntType(n)):
        assert t.max_value - t.min_value + 1 == 2**n


def test_fixed_point_resolution():
    for w in range(2, 12):
        for i in range(1, w):
            t = dt.FixedType(w, i)
            assert t.frac_bits == w - i
            step = 2.0**-t.frac_bits
            # 2^w values, evenly spaced by the resolution
            assert (t.max_value - t.min_value) / step + 1 == 2**w


# --- allows ------------------------------------------------------------------


@pytest.mark.parametrize(
    "t, good, bad",
    [
        (dt.IntType(4), [-8, 7, 0, -1.0], [8, -9, 0.5, np.inf, np.nan]),
        (dt.UIntType(3), [0, 7, 3.0], [-1, 8, 2.5, np.nan]),
        (dt.BipolarType(), [-1, 1, 1.0], [0, 2, -2, 0.5, np.nan]),
        (dt.BinaryType(), [0, 1, True, False], [-1, 2, 0.5]),
        (dt.TernaryType(), [-1, 0, 1], [2, -2, 0.5]),
        (dt.FixedType(8, 4), [-8.0, 7.9375, 0.0625, -0.5], [8.0, -8.0625, 0.03125, np.inf]),
        (dt.FixedType(4, 2), [-2.0, 1.75, 0.25], [2.0, 0.125, -2.25]),
        (dt.IntType(32), [-(2**31), 2**31 - 1], [2**31, -(2**31) - 1]),
    ],
)
def test_allows(t, good, bad):
    assert t.allows(np.array(good))
    assert dt.allows(t, np.array(good))
    for v in good:
        assert t.allows(np.array([v])), v
    for v in bad:
        assert not t.allows(np.array([v])), v
        # one bad element spoils a whole array
        assert not t.allows(np.array([*good, v])), v


@pytest.mark.parametrize("t", [t for t in all_types() if t is not f32][:40])
def test_allows_empty_and_extremes(t):
    assert t.allows(np.zeros((0, 3)))
    assert t.allows(np.array([t.min_value, t.max_value]))
    step = 2.0 ** -t.frac_bits if isinstance(t, dt.FixedType) else 1
    assert not t.allows(np.array([t.min_value - step]))
    assert not t.allows(np.array([t.max_value + step]))


@FAST
@given(st.integers(1, 16), st.integers(-70000, 70000))
def test_allows_matches_integer_range(n, v):
    for t in (dt.IntType(n), dt.UIntType(n)):
        assert t.allows(np.array([v])) == (t.min_value <= v <= t.max_value)


# --- FINN names --------------------------------------------------------------


def test_finn_name_round_trip_for_every_type():
    for t in all_types():
        name = dt.finn_name(t)
        back = dt.from_finn_name(name)
        assert back == t, name
        assert dt.finn_name(back) == name


def test_finn_names_agree_with_qonnx():
    """qonnx's DataType of our name has our range, width and signedness."""
    qonnx_datatype = pytest.importorskip("qonnx.core.datatype").DataType
    for t in all_types():
        q = qonnx_datatype[dt.finn_name(t)]
        assert q.bitwidth() == dt.bitwidth(t), t
        if t is f32:
            continue
        assert (q.min(), q.max()) == dt.value_range(t), t
        assert q.signed() == t.signed, t
        # qonnx calls UINT1 BINARY; every other name is canonical
        expected = "BINARY" if t == dt.UIntType(1) else dt.finn_name(t)
        assert q.get_canonical_name() == expected


@pytest.mark.parametrize(
    "name, expected",
    [
        ("INT4", dt.IntType(4)),
        ("int4", dt.IntType(4)),
        (" UINT8 ", dt.UIntType(8)),
        ("FIXED<8, 4>", dt.FixedType(8, 4)),
        ("fixed<16,6>", dt.FixedType(16, 6)),
        ("Bipolar", dt.BipolarType()),
        ("BINARY", dt.BinaryType()),
        ("TERNARY", dt.TernaryType()),
        ("FLOAT32", f32),
    ],
)
def test_from_finn_name_spellings(name, expected):
    assert dt.from_finn_name(name) == expected


@pytest.mark.parametrize(
    "name",
    ["", "INT", "INT0", "UINT0", "INT33", "UINT64", "FIXED<8>", "FIXED<8,0>", "FIXED<8,8>",
     "FIXED<8,9>", "FIXED<40,4>", "INT4,2>", "FLOAT16", "SCALEDINT<8>", "BIPOLAR2", "4"],
)
def test_from_finn_name_rejects(name):
    with pytest.raises(ValueError):
        dt.from_finn_name(name)


# --- smallest_integer_type ---------------------------------------------------


def _holds(t: dt.DataType, lo: int, hi: int) -> bool:
    return t.min_value <= lo and hi <= t.max_value


@settings(max_examples=300, deadline=None)
@given(st.integers(-(2**31), 2**32 - 1), st.integers(-(2**31), 2**32 - 1))
def test_smallest_integer_type_is_the_narrowest(a, b):
    lo, hi = min(a, b), max(a, b)
    candidates = [t for n in WIDTHS for t in (dt.IntType(n), dt.UIntType(n)) if _holds(t, lo, hi)]
    if not candidates:
        with pytest.raises(ValueError):
            dt.smallest_integer_type(lo, hi)
        return
    t = dt.smallest_integer_type(lo, hi)
    assert isinstance(t, dt.IntType | dt.UIntType)
    assert _holds(t, lo, hi)
    assert t.bitwidth == min(c.bitwidth for c in candidates)
    # unsigned whenever the range allows it
    assert isinstance(t, dt.UIntType) == (lo >= 0)


@FAST
@given(st.floats(-1000, 1000), st.floats(0, 1000))
def test_smallest_integer_type_of_fractional_bounds(lo, width):
    hi = lo + width
    t = dt.smallest_integer_type(lo, hi)
    assert _holds(t, math.floor(lo), math.ceil(hi))


@pytest.mark.parametrize(
    "lo, hi, expected",
    [
        (0, 0, dt.UIntType(1)),
        (0, 1, dt.UIntType(1)),
        (0, 255, dt.UIntType(8)),
        (0, 256, dt.UIntType(9)),
        (-1, 0, dt.IntType(1)),
        (-1, 1, dt.IntType(2)),
        (-128, 127, dt.IntType(8)),
        (-129, 0, dt.IntType(9)),
        (-1, 128, dt.IntType(9)),
        (-(2**31), 2**31 - 1, dt.IntType(32)),
        (0, 2**32 - 1, dt.UIntType(32)),
        (-0.5, 0.5, dt.IntType(2)),
    ],
)
def test_smallest_integer_type_examples(lo, hi, expected):
    assert dt.smallest_integer_type(lo, hi) == expected


@pytest.mark.parametrize(
    "lo, hi", [(0, 2**32), (-(2**31) - 1, 0), (-1, 2**31), (0, np.inf), (-np.inf, 0), (np.nan, 1)]
)
def test_smallest_integer_type_too_wide(lo, hi):
    with pytest.raises(ValueError):
        dt.smallest_integer_type(lo, hi)


# --- equality, hashing, verification -----------------------------------------


def test_equality_and_hash_distinguish_parameters():
    types = all_types()
    assert len(set(types)) == len(types)
    for t in types:
        if t is not f32:
            rebuilt = type(t).new(t.parameters)
            assert rebuilt == t and hash(rebuilt) == hash(t)
    assert dt.IntType(4) != dt.UIntType(4)
    assert dt.IntType(4) != dt.IntType(5)
    assert dt.FixedType(8, 4) != dt.FixedType(8, 3)
    assert dt.FixedType(8, 4) != dt.FixedType(9, 4)
    assert dt.BipolarType() != dt.BinaryType()
    assert dt.UIntType(1) != dt.BinaryType()
    assert dt.IntType(2) != dt.TernaryType()
    assert dt.IntType(7) == dt.IntType(7) and hash(dt.IntType(7)) == hash(dt.IntType(7))
    assert dt.FixedType(8, 4) == dt.FixedType(8, 4)
    assert hash(dt.FixedType(8, 4)) == hash(dt.FixedType(8, 4))
    assert {dt.BipolarType(), dt.BipolarType(), dt.IntType(3), dt.IntType(3)} == {
        dt.BipolarType(),
        dt.IntType(3),
    }


def test_datatypes_are_registered_with_qnn():
    from finnr.dialects.qnn import Qnn

    names = {a.name for a in Qnn.attributes}
    assert {"qnn.int", "qnn.uint", "qnn.bipolar", "qnn.binary", "qnn.ternary", "qnn.fixed"} <= names


@pytest.mark.parametrize("n", [0, 33, 64])
def test_width_verification(n):
    # attributes verify when they are constructed
    for cls in (dt.IntType, dt.UIntType):
        with pytest.raises(VerifyException, match=f"width must be in 1..32, got {n}"):
            cls(n)


@pytest.mark.parametrize(
    "w, i, message",
    [
        (0, 0, "width must be in 1..32, got 0"),
        (33, 1, "width must be in 1..32, got 33"),
        (8, 0, r"integer width must be >= 1 and < width \(8\), got 0"),
        (8, 8, r"integer width must be >= 1 and < width \(8\), got 8"),
        (8, 9, r"integer width must be >= 1 and < width \(8\), got 9"),
        (1, 1, r"integer width must be >= 1 and < width \(1\), got 1"),
    ],
)
def test_fixed_verification(w, i, message):
    with pytest.raises(VerifyException, match="qnn.fixed " + message):
        dt.FixedType(w, i)


def test_every_type_verifies_and_round_trips_as_text():
    for t in all_types():
        if t is not f32:
            t.verify()
    text = ", ".join(f"tensor<2x{print_attr(t)}>" for t in all_types())
    module = reparse(f'"test.op"() {{types = [{text}]}} : () -> ()')
    (op,) = module.ops
    parsed = [tt.get_element_type() for tt in op.attributes["types"]]
    assert parsed == all_types()


# --- dense attributes <-> numpy ----------------------------------------------

INT_DTYPES = [np.int8, np.int16, np.int32, np.int64, np.uint8, np.uint16, np.uint32]
shapes = hnp.array_shapes(min_dims=0, max_dims=4, min_side=0, max_side=5)


def _storage(arr: np.ndarray):
    """The storage type dense_from_numpy should choose."""
    if arr.dtype.kind in "iub":
        a = arr.astype(np.int64)
        lo, hi = (int(a.min()), int(a.max())) if a.size else (0, 0)
        for np_t, ir_t in ((np.int8, i8), (np.int16, i16), (np.int32, i32), (np.int64, i64)):
            if np.iinfo(np_t).min <= lo and hi <= np.iinfo(np_t).max:
                return ir_t
    return f32


def _constant_round_trip(arr: np.ndarray) -> np.ndarray:
    """Build a qnn.constant from ``arr``, print it, parse it back."""
    op = ConstantOp(arr)
    op.verify()
    module = reparse(print_ir(ModuleOp([op])))
    (parsed,) = module.ops
    assert isinstance(parsed, ConstantOp)
    assert parsed.result.type == op.result.type
    return parsed.numpy()


@FAST
@given(st.sampled_from(INT_DTYPES).flatmap(lambda d: hnp.arrays(d, shapes)))
def test_dense_round_trip_int(arr):
    attr = dense_from_numpy(arr)
    assert attr.get_shape() == arr.shape
    assert attr.get_element_type() == _storage(arr)
    back = numpy_from_dense(attr)
    assert back.shape == arr.shape
    assert np.array_equal(back, arr)
    # a qnn.constant needs a datatype for its values (at most 32 bits)
    lo, hi = (int(arr.min()), int(arr.max())) if arr.size else (0, 0)
    if -(2**31) <= lo and hi < 2**32:
        np.testing.assert_array_equal(_constant_round_trip(arr), arr)


@FAST
@given(st.sampled_from([(np.float32, 32, 999999), (np.float64, 32, 999999), (np.float16, 16, 65504)]).flatmap(
    # below 1e6: see test_small_constants_with_hex_printed_floats_round_trip
    lambda d: hnp.arrays(d[0], shapes, elements=st.floats(-d[2], d[2], width=d[1]))
))
def test_dense_round_trip_float(arr):
    attr = dense_from_numpy(arr)
    assert attr.get_element_type() == f32
    expected = arr.astype(np.float32)
    back = numpy_from_dense(attr)
    assert back.dtype == np.float32 and back.shape == arr.shape
    assert back.tobytes() == expected.tobytes()
    # through text, lists (<= 100 elements) and hex alike: the same values
    # (bit-exact but for the sign of a zero: xDSL prints [0.0, -0.0] as the
    # splat dense<0.0>)
    np.testing.assert_array_equal(_constant_round_trip(arr), expected, strict=True)


@FAST
@given(hnp.arrays(np.bool_, shapes))
def test_dense_round_trip_bool(arr):
    attr = dense_from_numpy(arr)
    assert attr.get_element_type() == i8
    assert np.array_equal(numpy_from_dense(attr), arr.astype(np.int8))
    assert np.array_equal(_constant_round_trip(arr), arr.astype(np.int8))


@pytest.mark.parametrize("n", [100, 101, 1000])
def test_large_constants_print_as_hex_and_round_trip(n):
    rng = np.random.default_rng(n)
    ints = rng.integers(-128, 128, size=n).astype(np.int8)
    floats = rng.standard_normal(n).astype(np.float32)
    for arr in (ints, floats):
        text = print_ir(ModuleOp([ConstantOp(arr)]))
        assert ('dense<"0x' in text) == (n > 100)
        if n > 100:
            assert arr.tobytes().hex().upper() in text
        assert _constant_round_trip(arr).tobytes() == arr.tobytes()


def test_large_non_finite_constants_round_trip_as_hex():
    arr = np.full(101, np.inf, dtype=np.float32)
    arr[::2] = -np.inf
    arr[1] = np.nan
    assert _constant_round_trip(arr).tobytes() == arr.tobytes()


def test_large_constants_with_big_integral_floats_round_trip_as_hex():
    arr = np.full(101, 16777216.0, dtype=np.float32)
    arr[0] = 1000001.0
    assert _constant_round_trip(arr).tobytes() == arr.tobytes()


# xDSL 0.74 prints such an f32 of a small (<= 100 elements) dense attribute as
# its bit pattern (inf as 0x7f800000, 1000001.0 as 0x49742410) and parses that
# back as an integer value; qnn.constant prints these as hex bytes instead.
@pytest.mark.parametrize("v", [np.inf, -np.inf, np.nan, 1000001.0, 16777216.0, 123456789.0])
def test_small_constants_with_hex_printed_floats_round_trip(v):
    arr = np.array([v, 1.0], dtype=np.float32)
    assert _constant_round_trip(arr).tobytes() == arr.tobytes()


def test_integer_storage_picks_narrowest():
    assert dense_from_numpy(np.array([127, -128])).get_element_type() == i8
    assert dense_from_numpy(np.array([128])).get_element_type() == i16
    assert dense_from_numpy(np.array([255], dtype=np.uint8)).get_element_type() == i16
    assert dense_from_numpy(np.array([-40000])).get_element_type() == i32
    assert dense_from_numpy(np.array([2**31])).get_element_type() == i64
    assert dense_from_numpy(np.array([], dtype=np.int64)).get_element_type() == i8
    with pytest.raises(ValueError):
        dense_from_numpy(np.array([2**63], dtype=np.uint64))


def test_scalars():
    for value, storage in ((3, i8), (-3.5, f32), (True, i8)):
        attr = dense_from_numpy(value)
        assert attr.get_shape() == () and attr.get_element_type() == storage
        assert numpy_from_dense(attr) == value


def _dense(values, elt) -> DenseIntOrFPElementsAttr:
    return DenseIntOrFPElementsAttr.from_list(TensorType(elt, (len(values),)), values)


def test_numpy_from_dense_reads_unsigned_and_i1_storage():
    ui8 = IntegerType(8, Signedness.UNSIGNED)
    assert numpy_from_dense(_dense([200, 1], ui8)).tolist() == [200, 1]
    ui32 = IntegerType(32, Signedness.UNSIGNED)
    assert numpy_from_dense(_dense([2**32 - 1], ui32)).tolist() == [2**32 - 1]
    # `true` is stored as -1 in a signless i1; it means 1
    assert numpy_from_dense(_dense([1, 0, 1], IntegerType(1))).tolist() == [1, 0, 1]
    assert numpy_from_dense(_dense([3, -4], IntegerType(3))).tolist() == [3, -4]
    assert numpy_from_dense(_dense([1.5, -2.0], f64)).tolist() == [1.5, -2.0]


def test_parsed_splats_and_storage_types():
    module = reparse(
        """
        %a = qnn.constant dense<0.5> : tensor<3x3xf32> -> tensor<3x3xf32>
        %b = qnn.constant dense<[true, false]> : tensor<2xi1> -> tensor<2x!qnn.binary>
        %c = qnn.constant dense<[255, 7]> : tensor<2xui8> -> tensor<2x!qnn.uint<8>>
        %d = qnn.constant dense<"0x0000003F0000803F"> : tensor<2xf32> -> tensor<2x!qnn.fixed<4, 2>>
        """
    )
    a, b, c, d = (op.numpy() for op in module.ops)
    assert np.array_equal(a, np.full((3, 3), 0.5, np.float32))
    assert b.tolist() == [1, 0]
    assert c.tolist() == [255, 7]
    assert d.tolist() == [0.5, 1.0]
    assert isinstance(list(module.ops)[3].value.get_element_type(), Float32Type)
