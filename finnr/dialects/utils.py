"""Helpers shared by finnr's dialects: dense attributes to and from numpy,
attribute constructors, and the shape rules that verifiers and passes share."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from xdsl.dialects.builtin import (
    BytesAttr,
    DenseArrayBase,
    DenseIntOrFPElementsAttr,
    Float32Type,
    Float64Type,
    FloatAttr,
    IntegerAttr,
    IntegerType,
    Signedness,
    TensorType,
    f32,
    i1,
    i8,
    i16,
    i32,
    i64,
)
from xdsl.ir import Attribute
from xdsl.utils.exceptions import VerifyException

# --- dense attributes <-> numpy ----------------------------------------------

_INT_STORAGE = ((np.int8, i8), (np.int16, i16), (np.int32, i32), (np.int64, i64))


def dense_from_numpy(array: np.ndarray | float | int) -> DenseIntOrFPElementsAttr:
    """A dense attribute holding ``array`` (built from its bytes, never from
    a list). Floats are stored as ``f32``; integers in the narrowest of
    i8/i16/i32/i64 that holds them."""
    a = np.asarray(array)
    if a.dtype.kind == "b":
        a = a.astype(np.int8)
    if a.dtype.kind in "iu":
        lo, hi = (int(a.min()), int(a.max())) if a.size else (0, 0)
        for np_type, ir_type in _INT_STORAGE:
            info = np.iinfo(np_type)
            if info.min <= lo and hi <= info.max:
                a = np.asarray(a, dtype=np_type, order="C")
                return DenseIntOrFPElementsAttr(
                    TensorType(ir_type, a.shape), BytesAttr(a.tobytes())
                )
        raise ValueError("integer values do not fit in 64 bits")
    a = np.asarray(a, dtype=np.float32, order="C")
    return DenseIntOrFPElementsAttr(TensorType(f32, a.shape), BytesAttr(a.tobytes()))


def numpy_from_dense(attr: DenseIntOrFPElementsAttr) -> np.ndarray:
    """The values of a dense attribute as a (read-only) numpy array."""
    elt = attr.get_element_type()
    shape = attr.get_shape()
    if isinstance(elt, Float32Type):
        dtype: type = np.float32
    elif isinstance(elt, Float64Type):
        dtype = np.float64
    elif isinstance(elt, IntegerType) and elt.width.data in (8, 16, 32, 64):
        kind = "u" if elt.signedness.data == Signedness.UNSIGNED else "i"
        dtype = np.dtype(f"{kind}{elt.width.data // 8}").type
    else:
        vals = np.array(attr.get_values())
        if (
            isinstance(elt, IntegerType)
            and elt.width.data == 1
            and elt.signedness.data != Signedness.SIGNED
        ):
            vals = np.abs(vals)  # i1 `true` is stored as -1; it means 1
        return vals.reshape(shape) if vals.size == int(np.prod(shape)) else vals
    flat = np.frombuffer(attr.data.data, dtype=dtype)
    n = int(np.prod(shape))
    if flat.size == 1 and n != 1:  # a splat
        return np.broadcast_to(flat, shape)
    return flat.reshape(shape)


def dense_text_is_lossy(attr: DenseIntOrFPElementsAttr) -> bool:
    """Whether xDSL 0.74's decimal form of this dense attribute would not
    parse back to the same values: it prints a float that is not finite, or
    a whole float of many digits, as its bit pattern in hex, which its parser
    then reads as an integer. (Attributes of more than 100 elements print as
    hex bytes and are always exact.)"""
    if not isinstance(attr.get_element_type(), Float32Type | Float64Type) or len(attr) > 100:
        return False
    v = np.asarray(numpy_from_dense(attr), dtype=np.float64)
    return bool(np.any(~np.isfinite(v)) or np.any((v == np.round(v)) & (np.abs(v) >= 1e5)))


def check_dense_payload(op_name: str, value: DenseIntOrFPElementsAttr, result_type: TensorType) -> None:
    """The checks a constant-like op (qnn.constant, hls.rom) makes of its
    dense payload: same shape as the result; f32 storage for f32 and fixed
    results, integer storage for integer datatypes; values in the result's
    datatype."""
    from finnr.dialects import datatypes as dt

    if value.get_shape() != result_type.get_shape():
        raise VerifyException(
            f"'{op_name}' value shape {list(value.get_shape())} must equal "
            f"the result shape {list(result_type.get_shape())}"
        )
    elt = result_type.get_element_type()
    storage = value.get_element_type()
    if isinstance(elt, Float32Type | dt.FixedType):
        if not isinstance(storage, Float32Type):
            raise VerifyException(f"'{op_name}' of element type {elt} must store f32 values, got {storage}")
    elif not isinstance(storage, IntegerType):
        raise VerifyException(f"'{op_name}' of integer datatype {elt} must store integer values, got {storage}")
    if not dt.allows(elt, numpy_from_dense(value)):
        lo, hi = dt.value_range(elt)
        raise VerifyException(f"'{op_name}' values must lie in {elt} ([{lo:g}, {hi:g}])")


# --- attribute constructors --------------------------------------------------


def i64_attr(value: int) -> IntegerAttr:
    return IntegerAttr(value, i64)


def bool_attr(value: bool) -> IntegerAttr:
    return IntegerAttr(int(value), i1)


def f32_attr(value: float) -> FloatAttr:
    return FloatAttr(float(value), f32)


def i64_array(values: Sequence[int]) -> DenseArrayBase:
    return DenseArrayBase.from_list(i64, [int(v) for v in values])


# --- shapes ------------------------------------------------------------------


def tensor_shape(t: Attribute) -> tuple[int, ...]:
    if not isinstance(t, TensorType):
        raise VerifyException(f"expected a ranked tensor, got {t}")
    return t.get_shape()


def broadcast_shapes(a: Sequence[int], b: Sequence[int]) -> tuple[int, ...] | None:
    """Numpy/ONNX multidirectional broadcasting; None if incompatible."""
    try:
        return tuple(np.broadcast_shapes(tuple(a), tuple(b)))
    except ValueError:
        return None


def window_output_dim(
    size: int, kernel: int, stride: int, pad_begin: int, pad_end: int,
    dilation: int = 1, ceil_mode: bool = False,
) -> int:
    """Output length of a sliding window (conv, pool, im2col) along one axis."""
    span = dilation * (kernel - 1) + 1
    num = size + pad_begin + pad_end - span
    if ceil_mode:
        out = -(-num // stride) + 1
        # ONNX: the last window must start inside the input or left padding
        if (out - 1) * stride >= size + pad_begin:
            out -= 1
        return out
    return num // stride + 1
