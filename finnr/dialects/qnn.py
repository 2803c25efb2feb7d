"""The ``qnn`` dialect: quantized neural networks as tensor operations with
QONNX semantics.

Every op works on whole ranked tensors. Element types are finnr datatypes
(:mod:`finnr.dialects.datatypes`): ``f32`` for float tensors, ``!qnn.int<n>``
and friends for tensors known to hold integers of that range. Quantizers are
explicit ops (``qnn.quant``, ``qnn.bipolar_quant``, ``qnn.trunc``,
``qnn.multithreshold``); their scalar parameters are properties, while tensor
data (weights, thresholds, elementwise constants) flows through operands from
``qnn.constant``.

This module defines ops and their verifiers only: semantics live in
``finnr/interpreter``, rewrites in ``finnr/passes``.
"""

from __future__ import annotations

import abc
import math
from typing import ClassVar

import numpy as np
from xdsl.dialects.builtin import (
    DenseArrayBase,
    DenseIntOrFPElementsAttr,
    Float32Type,
    FloatAttr,
    IntegerAttr,
    StringAttr,
    TensorType,
    i64,
)
from xdsl.ir import Attribute, Dialect, SSAValue, TypeAttribute
from xdsl.irdl import (
    IRDLOperation,
    ParsePropInAttrDict,
    irdl_op_definition,
    operand_def,
    opt_operand_def,
    opt_prop_def,
    prop_def,
    result_def,
    traits_def,
    var_operand_def,
    var_result_def,
)
from xdsl.parser import Parser
from xdsl.printer import Printer
from xdsl.traits import ConstantLike, Pure
from xdsl.utils.exceptions import VerifyException

from finnr.dialects import datatypes as dt
from finnr.dialects.utils import (
    bool_attr,
    broadcast_shapes,
    check_dense_payload,
    dense_from_numpy,
    dense_text_is_lossy,
    f32_attr,
    i64_array,
    i64_attr,
    numpy_from_dense,
    tensor_shape,
    window_output_dim,
)

ROUNDING_MODES = ("ROUND", "HALF_EVEN", "CEIL", "FLOOR", "UP", "DOWN", "ROUND_TO_ZERO", "HALF_UP", "HALF_DOWN")
"""QONNX rounding modes (ROUND and HALF_EVEN are numpy's half-to-even;
ROUND_TO_ZERO is DOWN)."""

DATA_LAYOUTS = ("NCHW", "NHWC", "NC", "NCW", "NWC")

def _check_element_type(op_name: str, what: str, t: Attribute) -> None:
    elt = t.get_element_type() if isinstance(t, TensorType) else t
    if not dt.is_datatype(elt):
        raise VerifyException(
            f"'{op_name}' {what} must have a finnr datatype as element type "
            f"(f32, !qnn.int<n>, !qnn.uint<n>, ...), got {elt}"
        )


def _check_static(op_name: str, what: str, t: Attribute) -> None:
    if isinstance(t, TensorType) and not t.has_static_shape():
        raise VerifyException(f"'{op_name}' {what} must have a static shape, got {t}")


class QnnOp(IRDLOperation, abc.ABC):
    """Base of every qnn op: operands and results are tensors whose element
    types are finnr datatypes."""

    irdl_options = (ParsePropInAttrDict(),)

    INDEX_RESULTS: ClassVar[tuple[int, ...]] = ()
    """Results holding indices (builtin integers) instead of a datatype."""

    def verify_(self) -> None:
        for i, operand in enumerate(self.operands):
            _check_element_type(self.name, f"operand #{i}", operand.type)
            _check_static(self.name, f"operand #{i}", operand.type)
        for i, res in enumerate(self.results):
            _check_static(self.name, f"result #{i}", res.type)
            if i in self.INDEX_RESULTS:
                continue  # index results (topk) are builtin integers
            _check_element_type(self.name, f"result #{i}", res.type)
        self.verify_op()

    def verify_op(self) -> None:
        """Op-specific checks, run after the common element-type checks."""


def _dense_f32(op: IRDLOperation, name: str, attr: DenseIntOrFPElementsAttr) -> np.ndarray:
    if not isinstance(attr.get_element_type(), Float32Type):
        raise VerifyException(f"'{op.name}' {name} must be an f32 dense attribute")
    values = numpy_from_dense(attr)
    if not np.all(np.isfinite(values)):
        raise VerifyException(f"'{op.name}' {name} must be finite")
    return values


def _check_broadcastable(op: IRDLOperation, name: str, param: np.ndarray, shape: tuple[int, ...]) -> None:
    if broadcast_shapes(param.shape, shape) != tuple(shape):
        raise VerifyException(
            f"'{op.name}' {name} of shape {list(param.shape)} does not broadcast "
            f"to the input shape {list(shape)}"
        )


def _check_rounding(op: IRDLOperation, mode: StringAttr) -> None:
    if mode.data not in ROUNDING_MODES:
        raise VerifyException(
            f"'{op.name}' rounding_mode must be one of {', '.join(ROUNDING_MODES)}, "
            f"got '{mode.data}'"
        )


def _check_same_shape(op: IRDLOperation, a: Attribute, b: Attribute) -> None:
    if tensor_shape(a) != tensor_shape(b):
        raise VerifyException(
            f"'{op.name}' result shape {list(tensor_shape(b))} must equal the input "
            f"shape {list(tensor_shape(a))}"
        )


# --- constants ---------------------------------------------------------------


@irdl_op_definition
class ConstantOp(QnnOp):
    """A constant tensor. ``value`` stores the numbers (``f32`` or a builtin
    integer type, built from bytes); the result type says which datatype they
    belong to, e.g. ``tensor<64x784xi8> -> tensor<64x784x!qnn.bipolar>``."""

    name = "qnn.constant"
    value = prop_def(DenseIntOrFPElementsAttr)
    result = result_def(TensorType)
    traits = traits_def(Pure(), ConstantLike())

    @classmethod
    def parse(cls, parser: Parser) -> ConstantOp:
        value = parser.parse_attribute()
        if not isinstance(value, DenseIntOrFPElementsAttr):
            parser.raise_error("'qnn.constant' expects a dense attribute")
        attrs = parser.parse_optional_attr_dict()
        parser.parse_punctuation("->")
        op = cls.create(properties={"value": value}, result_types=[parser.parse_type()], attributes=attrs)
        return op

    def print(self, printer: Printer) -> None:
        """``qnn.constant dense<...> : tensor<...> -> tensor<...>``. Float
        values that xDSL's decimal printer cannot round-trip (inf, nan, big
        whole numbers) are printed as raw hex bytes instead."""
        printer.print_string(" ")
        if dense_text_is_lossy(self.value):
            printer.print_string(f'dense<"0x{self.value.data.data.hex().upper()}"> : ')
            printer.print_attribute(self.value.type)
        else:
            printer.print_attribute(self.value)
        printer.print_op_attributes(self.attributes)
        printer.print_string(" -> ")
        printer.print_attribute(self.result.type)

    def __init__(self, value: DenseIntOrFPElementsAttr | np.ndarray, result_type: Attribute | None = None):
        if not isinstance(value, DenseIntOrFPElementsAttr):
            value = dense_from_numpy(value)
        if result_type is None:
            if isinstance(value.get_element_type(), Float32Type):
                elt: Attribute = dt.f32
            else:
                vals = numpy_from_dense(value)
                lo, hi = (int(vals.min()), int(vals.max())) if vals.size else (0, 0)
                elt = dt.smallest_integer_type(lo, hi)
            result_type = TensorType(elt, value.get_shape())
        super().__init__(properties={"value": value}, result_types=[result_type])

    def numpy(self) -> np.ndarray:
        return numpy_from_dense(self.value)

    def verify_op(self) -> None:
        rtype = self.result.type
        assert isinstance(rtype, TensorType)
        check_dense_payload("qnn.constant", self.value, rtype)


# --- quantizers --------------------------------------------------------------


@irdl_op_definition
class QuantOp(QnnOp):
    """QONNX ``Quant``: ``y = clip(round(x/scale + zeropt), min_int, max_int)``
    then ``(y - zeropt) * scale``; ``scale`` and ``zeropt`` are scalar or
    broadcast per channel."""

    name = "qnn.quant"
    input = operand_def(TensorType)
    scale = prop_def(DenseIntOrFPElementsAttr)
    zeropt = prop_def(DenseIntOrFPElementsAttr)
    bitwidth = prop_def(IntegerAttr)
    signed = prop_def(IntegerAttr, default_value=bool_attr(True))
    narrow = prop_def(IntegerAttr, default_value=bool_attr(False))
    rounding_mode = prop_def(StringAttr, default_value=StringAttr("ROUND"))
    result = result_def(TensorType)
    traits = traits_def(Pure())
    assembly_format = "$input attr-dict `:` functional-type(operands, results)"

    def __init__(self, input: SSAValue, result_type: Attribute, *, scale, zeropt, bitwidth: int, signed: bool = True, narrow: bool = False, rounding_mode: str = "ROUND"):
        super().__init__(
            operands=[input],
            result_types=[result_type],
            properties={
                "scale": dense_from_numpy(np.asarray(scale, dtype=np.float32)),
                "zeropt": dense_from_numpy(np.asarray(zeropt, dtype=np.float32)),
                "bitwidth": i64_attr(bitwidth),
                "signed": bool_attr(signed),
                "narrow": bool_attr(narrow),
                "rounding_mode": StringAttr(rounding_mode),
            },
        )

    def verify_op(self) -> None:
        _check_same_shape(self, self.input.type, self.result.type)
        shape = tensor_shape(self.input.type)
        scale = _dense_f32(self, "scale", self.scale)
        if np.any(scale <= 0):
            raise VerifyException("'qnn.quant' scale must be positive")
        _check_broadcastable(self, "scale", scale, shape)
        _check_broadcastable(self, "zeropt", _dense_f32(self, "zeropt", self.zeropt), shape)
        bits = self.bitwidth.value.data
        if not 1 <= bits <= dt.MAX_BITWIDTH:
            raise VerifyException(
                f"'qnn.quant' bitwidth must be in 1..{dt.MAX_BITWIDTH}, got {bits}"
            )
        if bits == 1 and self.narrow.value.data and not self.signed.value.data:
            raise VerifyException(
                "'qnn.quant' an unsigned narrow 1-bit quantizer has a single value (0)"
            )
        _check_rounding(self, self.rounding_mode)


@irdl_op_definition
class BipolarQuantOp(QnnOp):
    """QONNX ``BipolarQuant``: ``scale * (x >= 0 ? +1 : -1)``."""

    name = "qnn.bipolar_quant"
    input = operand_def(TensorType)
    scale = prop_def(DenseIntOrFPElementsAttr)
    result = result_def(TensorType)
    traits = traits_def(Pure())
    assembly_format = "$input attr-dict `:` functional-type(operands, results)"

    def __init__(self, input: SSAValue, result_type: Attribute, *, scale):
        super().__init__(
            operands=[input],
            result_types=[result_type],
            properties={"scale": dense_from_numpy(np.asarray(scale, dtype=np.float32))},
        )

    def verify_op(self) -> None:
        _check_same_shape(self, self.input.type, self.result.type)
        scale = _dense_f32(self, "scale", self.scale)
        if np.any(scale <= 0):
            raise VerifyException("'qnn.bipolar_quant' scale must be positive")
        _check_broadcastable(self, "scale", scale, tensor_shape(self.input.type))


@irdl_op_definition
class TruncOp(QnnOp):
    """QONNX ``Trunc``: drop least significant bits of a quantized tensor
    (rounding by ``rounding_mode``).

    Version 1 (no ``out_scale``): ``y = round(x/scale + zeropt)``, divided
    by ``2^(in_bitwidth - out_bitwidth)`` and rounded, ``(y - zeropt) *
    scale``. Version 2 (``out_scale`` given, Brevitas >= 0.11): the shift is
    ``t = 2^round(log2(out_scale/scale))`` (``in_bitwidth`` is not used), the
    shifted value is clipped to the ``out_bitwidth`` range (``signed``,
    ``narrow`` as for Quant) before rounding, and the result is ``(y -
    zeropt/t) * out_scale``. ``signed`` and ``narrow`` only apply to v2."""

    name = "qnn.trunc"
    input = operand_def(TensorType)
    scale = prop_def(DenseIntOrFPElementsAttr)
    zeropt = prop_def(DenseIntOrFPElementsAttr)
    in_bitwidth = prop_def(IntegerAttr)
    out_bitwidth = prop_def(IntegerAttr)
    rounding_mode = prop_def(StringAttr, default_value=StringAttr("FLOOR"))
    out_scale = opt_prop_def(DenseIntOrFPElementsAttr)
    signed = opt_prop_def(IntegerAttr)
    narrow = opt_prop_def(IntegerAttr)
    result = result_def(TensorType)
    traits = traits_def(Pure())
    assembly_format = "$input attr-dict `:` functional-type(operands, results)"

    def __init__(self, input: SSAValue, result_type: Attribute, *, scale, zeropt, in_bitwidth: int, out_bitwidth: int, rounding_mode: str = "FLOOR", out_scale=None, signed: bool = True, narrow: bool = False):
        props = {
            "scale": dense_from_numpy(np.asarray(scale, dtype=np.float32)),
            "zeropt": dense_from_numpy(np.asarray(zeropt, dtype=np.float32)),
            "in_bitwidth": i64_attr(in_bitwidth),
            "out_bitwidth": i64_attr(out_bitwidth),
            "rounding_mode": StringAttr(rounding_mode),
        }
        if out_scale is not None:
            props["out_scale"] = dense_from_numpy(np.asarray(out_scale, dtype=np.float32))
            if not signed:
                props["signed"] = bool_attr(False)
            if narrow:
                props["narrow"] = bool_attr(True)
        super().__init__(operands=[input], result_types=[result_type], properties=props)

    @property
    def is_v2(self) -> bool:
        return self.out_scale is not None

    @property
    def is_signed(self) -> bool:
        """v2's output range is signed (the default)."""
        return self.signed is None or bool(self.signed.value.data)

    @property
    def is_narrow(self) -> bool:
        """v2's output range is narrow (default: not)."""
        return self.narrow is not None and bool(self.narrow.value.data)

    def verify_op(self) -> None:
        _check_same_shape(self, self.input.type, self.result.type)
        shape = tensor_shape(self.input.type)
        scales = [("scale", self.scale)] + ([("out_scale", self.out_scale)] if self.out_scale is not None else [])
        for what, attr in scales:
            scale = _dense_f32(self, what, attr)
            if np.any(scale <= 0):
                raise VerifyException(f"'qnn.trunc' {what} must be positive")
            _check_broadcastable(self, what, scale, shape)
        _check_broadcastable(self, "zeropt", _dense_f32(self, "zeropt", self.zeropt), shape)
        ib, ob = self.in_bitwidth.value.data, self.out_bitwidth.value.data
        for what, bits in (("in_bitwidth", ib), ("out_bitwidth", ob)):
            if not 1 <= bits <= dt.MAX_BITWIDTH:
                raise VerifyException(
                    f"'qnn.trunc' {what} must be in 1..{dt.MAX_BITWIDTH}, got {bits}"
                )
        if ob > ib and not self.is_v2:  # v2 shifts by the scales, not the widths
            raise VerifyException(
                f"'qnn.trunc' out_bitwidth ({ob}) must not exceed in_bitwidth ({ib})"
            )
        if not self.is_v2 and (self.signed is not None or self.narrow is not None):
            raise VerifyException("'qnn.trunc' signed and narrow need out_scale (Trunc v2)")
        _check_rounding(self, self.rounding_mode)


def constant_expressions(ops) -> set:
    """The ops among ``ops`` (in program order) that compute from constants
    only: every ``qnn.constant``, and every op whose operands all come from
    such ops (a bias times its scale). The host computes them once, not per
    frame; they split no accelerator partition."""
    constant: set = set()
    for op in ops:
        if isinstance(op, ConstantOp) or (op.operands and all(v.owner in constant for v in op.operands)):
            constant.add(op)
    return constant


def channel_axis(layout: str, rank: int) -> int:
    """The channel axis of a tensor of ``rank`` in ``layout``."""
    return rank - 1 if layout in ("NHWC", "NWC") or rank <= 2 else 1


@irdl_op_definition
class MultiThresholdOp(QnnOp):
    """QONNX ``MultiThreshold``: ``out_scale * (number of thresholds t with
    x >= t) + out_bias``, per channel. ``thresholds`` has shape (C, N) or
    (1, N); ``out_dtype`` is the datatype of the result before float scaling."""

    name = "qnn.multithreshold"
    input = operand_def(TensorType)
    thresholds = operand_def(TensorType)
    out_dtype = prop_def(TypeAttribute)
    out_scale = prop_def(FloatAttr, default_value=f32_attr(1.0))
    out_bias = prop_def(FloatAttr, default_value=f32_attr(0.0))
    data_layout = prop_def(StringAttr, default_value=StringAttr("NCHW"))
    result = result_def(TensorType)
    traits = traits_def(Pure())
    assembly_format = "$input `,` $thresholds attr-dict `:` functional-type(operands, results)"

    def __init__(self, input: SSAValue, thresholds: SSAValue, result_type: Attribute, *, out_dtype: Attribute, out_scale: float = 1.0, out_bias: float = 0.0, data_layout: str = "NCHW"):
        super().__init__(
            operands=[input, thresholds],
            result_types=[result_type],
            properties={
                "out_dtype": out_dtype,
                "out_scale": f32_attr(out_scale),
                "out_bias": f32_attr(out_bias),
                "data_layout": StringAttr(data_layout),
            },
        )

    def verify_op(self) -> None:
        _check_same_shape(self, self.input.type, self.result.type)
        layout = self.data_layout.data
        if layout not in DATA_LAYOUTS:
            raise VerifyException(
                f"'qnn.multithreshold' data_layout must be one of {', '.join(DATA_LAYOUTS)}, got '{layout}'"
            )
        shape = tensor_shape(self.input.type)
        tshape = tensor_shape(self.thresholds.type)
        if len(tshape) != 2:
            raise VerifyException(
                f"'qnn.multithreshold' thresholds must have rank 2 (channels, steps), got shape {list(tshape)}"
            )
        if len(shape) < 1:
            raise VerifyException("'qnn.multithreshold' input must have rank >= 1")
        channels = shape[channel_axis(layout, len(shape))]
        if tshape[0] not in (1, channels):
            raise VerifyException(
                f"'qnn.multithreshold' thresholds must have 1 or {channels} rows (one per channel), got {tshape[0]}"
            )
        out = self.out_dtype
        if not dt.is_datatype(out) or not dt.is_integer(out):
            raise VerifyException(
                f"'qnn.multithreshold' out_dtype must be an integer datatype, got {out}"
            )
        lo, hi = dt.value_range(out)
        levels = int(hi - lo) + 1  # the number of values out_dtype holds
        if isinstance(out, dt.BipolarType):
            levels = 2
        if tshape[1] > levels - 1:
            raise VerifyException(
                f"'qnn.multithreshold' {tshape[1]} thresholds give {tshape[1] + 1} levels, more than {out} holds ({levels})"
            )
        if not np.isfinite(self.out_scale.value.data) or not np.isfinite(self.out_bias.value.data):
            raise VerifyException("'qnn.multithreshold' out_scale and out_bias must be finite")


# --- linear algebra ----------------------------------------------------------


@irdl_op_definition
class MatMulOp(QnnOp):
    """``lhs @ rhs`` with numpy semantics (batched over leading dimensions)."""

    name = "qnn.matmul"
    lhs = operand_def(TensorType)
    rhs = operand_def(TensorType)
    result = result_def(TensorType)
    traits = traits_def(Pure())
    assembly_format = "$lhs `,` $rhs attr-dict `:` functional-type(operands, results)"

    def __init__(self, lhs: SSAValue, rhs: SSAValue, result_type: Attribute):
        super().__init__(operands=[lhs, rhs], result_types=[result_type])

    def verify_op(self) -> None:
        expected = matmul_shape(tensor_shape(self.lhs.type), tensor_shape(self.rhs.type))
        if expected is None:
            raise VerifyException(
                f"'qnn.matmul' operand shapes {list(tensor_shape(self.lhs.type))} and "
                f"{list(tensor_shape(self.rhs.type))} do not match"
            )
        if tensor_shape(self.result.type) != expected:
            raise VerifyException(
                f"'qnn.matmul' result shape must be {list(expected)}, got {list(tensor_shape(self.result.type))}"
            )


def matmul_shape(a: tuple[int, ...], b: tuple[int, ...]) -> tuple[int, ...] | None:
    """The result shape of numpy.matmul, or None when the shapes mismatch."""
    if not a or not b:
        return None
    a2 = (1,) + a if len(a) == 1 else a
    b2 = b + (1,) if len(b) == 1 else b
    if a2[-1] != b2[-2]:
        return None
    batch = broadcast_shapes(a2[:-2], b2[:-2])
    if batch is None:
        return None
    out = batch + (a2[-2], b2[-1])
    if len(a) == 1:
        out = out[:-2] + out[-1:]
    if len(b) == 1:
        out = out[:-1]
    return out


class WindowOp(QnnOp, abc.ABC):
    """Base of ops sliding a window over the spatial axes (conv, pools,
    im2col). ``pads`` follows ONNX: all begins, then all ends."""

    strides = prop_def(DenseArrayBase.constr(i64))
    pads = prop_def(DenseArrayBase.constr(i64))
    dilations = prop_def(DenseArrayBase.constr(i64))
    data_layout = prop_def(StringAttr, default_value=StringAttr("NCHW"))

    def spatial(self, shape: tuple[int, ...]) -> tuple[int, ...]:
        return shape[1:-1] if self.data_layout.data == "NHWC" else shape[2:]

    def channels(self, shape: tuple[int, ...]) -> int:
        return shape[-1] if self.data_layout.data == "NHWC" else shape[1]

    def check_layout(self) -> None:
        if self.data_layout.data not in ("NCHW", "NHWC"):
            raise VerifyException(
                f"'{self.name}' data_layout must be NCHW or NHWC, got '{self.data_layout.data}'"
            )

    def window_attrs(self, nspatial: int) -> tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...]]:
        strides = tuple(self.strides.get_values())
        pads = tuple(self.pads.get_values())
        dilations = tuple(self.dilations.get_values())
        self.check_layout()
        if len(strides) != nspatial or len(dilations) != nspatial or len(pads) != 2 * nspatial:
            raise VerifyException(
                f"'{self.name}' needs {nspatial} strides, {nspatial} dilations and "
                f"{2 * nspatial} pads for {nspatial} spatial axes, got "
                f"{len(strides)}, {len(dilations)} and {len(pads)}"
            )
        if any(s < 1 for s in strides) or any(d < 1 for d in dilations):
            raise VerifyException(f"'{self.name}' strides and dilations must be >= 1")
        if any(p < 0 for p in pads):
            raise VerifyException(f"'{self.name}' pads must be >= 0")
        return strides, pads, dilations

    def output_spatial(self, in_spatial: tuple[int, ...], kernel: tuple[int, ...], ceil_mode: bool = False) -> tuple[int, ...]:
        strides, pads, dilations = self.window_attrs(len(in_spatial))
        n = len(in_spatial)
        out = tuple(
            window_output_dim(in_spatial[i], kernel[i], strides[i], pads[i], pads[n + i], dilations[i], ceil_mode)
            for i in range(n)
        )
        if any(o < 1 for o in out):
            raise VerifyException(
                f"'{self.name}' window {list(kernel)} does not fit the input {list(in_spatial)}"
            )
        return out

    def make_shape(self, n: int, c: int, spatial: tuple[int, ...]) -> tuple[int, ...]:
        if self.data_layout.data == "NHWC":
            return (n, *spatial, c)
        return (n, c, *spatial)

    def check_result(self, expected: tuple[int, ...]) -> None:
        got = tensor_shape(self.results[0].type)
        if got != expected:
            raise VerifyException(
                f"'{self.name}' result shape must be {list(expected)}, got {list(got)}"
            )


def _window_props(nspatial: int, strides=None, pads=None, dilations=None, data_layout: str = "NCHW") -> dict[str, Attribute]:
    return {
        "strides": i64_array(strides if strides is not None else [1] * nspatial),
        "pads": i64_array(pads if pads is not None else [0] * (2 * nspatial)),
        "dilations": i64_array(dilations if dilations is not None else [1] * nspatial),
        "data_layout": StringAttr(data_layout),
    }


@irdl_op_definition
class ConvOp(WindowOp):
    """ONNX ``Conv``: weights (M, C/group, k...) in both layouts, optional
    bias (M); NCHW or NHWC activations."""

    name = "qnn.conv"
    input = operand_def(TensorType)
    weights = operand_def(TensorType)
    bias = opt_operand_def(TensorType)
    group = prop_def(IntegerAttr, default_value=i64_attr(1))
    result = result_def(TensorType)
    traits = traits_def(Pure())
    assembly_format = "$input `,` $weights (`,` $bias^)? attr-dict `:` functional-type(operands, results)"

    def __init__(self, input: SSAValue, weights: SSAValue, bias: SSAValue | None, result_type: Attribute, *, strides=None, pads=None, dilations=None, group: int = 1, data_layout: str = "NCHW"):
        nspatial = len(tensor_shape(weights.type)) - 2
        super().__init__(
            operands=[input, weights, [bias] if bias is not None else []],
            result_types=[result_type],
            properties={**_window_props(nspatial, strides, pads, dilations, data_layout), "group": i64_attr(group)},
        )

    def verify_op(self) -> None:
        x = tensor_shape(self.input.type)
        w = tensor_shape(self.weights.type)
        if len(x) < 3 or len(w) != len(x):
            raise VerifyException(
                f"'qnn.conv' input and weights must have the same rank >= 3, got shapes {list(x)} and {list(w)}"
            )
        self.check_layout()
        if any(k < 1 for k in w[2:]):
            raise VerifyException(f"'qnn.conv' kernel dimensions {list(w[2:])} must be >= 1")
        group = self.group.value.data
        c = self.channels(x)
        m = w[0]
        if group < 1 or c % group or m % group:
            raise VerifyException(
                f"'qnn.conv' group ({group}) must divide the input channels ({c}) and output channels ({m})"
            )
        if w[1] * group != c:
            raise VerifyException(
                f"'qnn.conv' weights have {w[1]} input channels per group, expected {c // group}"
            )
        if self.bias is not None and tensor_shape(self.bias.type) != (m,):
            raise VerifyException(
                f"'qnn.conv' bias must have shape [{m}], got {list(tensor_shape(self.bias.type))}"
            )
        out = self.output_spatial(self.spatial(x), w[2:])
        self.check_result(self.make_shape(x[0], m, out))


class PoolOp(WindowOp, abc.ABC):
    input = operand_def(TensorType)
    kernel_shape = prop_def(DenseArrayBase.constr(i64))
    ceil_mode = prop_def(IntegerAttr, default_value=bool_attr(False))
    result = result_def(TensorType)
    traits = traits_def(Pure())
    assembly_format = "$input attr-dict `:` functional-type(operands, results)"

    def __init__(self, input: SSAValue, result_type: Attribute, *, kernel_shape, strides=None, pads=None, dilations=None, ceil_mode: bool = False, data_layout: str = "NCHW"):
        super().__init__(
            operands=[input],
            result_types=[result_type],
            properties={
                **_window_props(len(kernel_shape), strides, pads, dilations, data_layout),
                "kernel_shape": i64_array(kernel_shape),
                "ceil_mode": bool_attr(ceil_mode),
            },
        )

    def verify_op(self) -> None:
        x = tensor_shape(self.input.type)
        kernel = tuple(self.kernel_shape.get_values())
        if len(x) != len(kernel) + 2:
            raise VerifyException(
                f"'{self.name}' kernel_shape {list(kernel)} does not match an input of rank {len(x)}"
            )
        if any(k < 1 for k in kernel):
            raise VerifyException(f"'{self.name}' kernel_shape entries must be >= 1")
        out = self.output_spatial(self.spatial(x), kernel, bool(self.ceil_mode.value.data))
        self.check_result(self.make_shape(x[0], self.channels(x), out))


@irdl_op_definition
class MaxPoolOp(PoolOp):
    """ONNX ``MaxPool`` (padding with -inf)."""

    name = "qnn.maxpool"


@irdl_op_definition
class AvgPoolOp(PoolOp):
    """ONNX ``AveragePool`` and ``GlobalAveragePool`` (padding excluded from
    the average unless ``count_include_pad``)."""

    name = "qnn.avgpool"
    count_include_pad = prop_def(IntegerAttr, default_value=bool_attr(False))


@irdl_op_definition
class Im2ColOp(WindowOp):
    """Sliding-window unfolding of an NHWC tensor: every output pixel holds
    its window as a vector ordered (kh, kw, c). Padding is not part of this
    op (``pads`` must be zero): it is made explicit by ``qnn.pad``."""

    name = "qnn.im2col"
    input = operand_def(TensorType)
    kernel_shape = prop_def(DenseArrayBase.constr(i64))
    result = result_def(TensorType)
    traits = traits_def(Pure())
    assembly_format = "$input attr-dict `:` functional-type(operands, results)"

    def __init__(self, input: SSAValue, result_type: Attribute, *, kernel_shape, strides=None, dilations=None):
        super().__init__(
            operands=[input],
            result_types=[result_type],
            properties={**_window_props(len(kernel_shape), strides, None, dilations, "NHWC"), "kernel_shape": i64_array(kernel_shape)},
        )

    def verify_op(self) -> None:
        if self.data_layout.data != "NHWC":
            raise VerifyException("'qnn.im2col' works on NHWC tensors only")
        x = tensor_shape(self.input.type)
        kernel = tuple(self.kernel_shape.get_values())
        if len(x) != len(kernel) + 2:
            raise VerifyException(
                f"'qnn.im2col' kernel_shape {list(kernel)} does not match an input of rank {len(x)}"
            )
        if any(self.pads.get_values()):
            raise VerifyException("'qnn.im2col' pads must be zero (use qnn.pad)")
        out = self.output_spatial(self.spatial(x), kernel)
        self.check_result((x[0], *out, math.prod(kernel) * x[-1]))


@irdl_op_definition
class BatchNormOp(QnnOp):
    """ONNX ``BatchNormalization`` in inference mode over axis 1:
    ``(x - mean) / sqrt(var + epsilon) * scale + bias``."""

    name = "qnn.batchnorm"
    input = operand_def(TensorType)
    scale = operand_def(TensorType)
    bias = operand_def(TensorType)
    mean = operand_def(TensorType)
    var = operand_def(TensorType)
    epsilon = prop_def(FloatAttr, default_value=f32_attr(1e-5))
    result = result_def(TensorType)
    traits = traits_def(Pure())
    assembly_format = "$input `,` $scale `,` $bias `,` $mean `,` $var attr-dict `:` functional-type(operands, results)"

    def __init__(self, input: SSAValue, scale: SSAValue, bias: SSAValue, mean: SSAValue, var: SSAValue, result_type: Attribute, *, epsilon: float = 1e-5):
        super().__init__(operands=[input, scale, bias, mean, var], result_types=[result_type], properties={"epsilon": f32_attr(epsilon)})

    def verify_op(self) -> None:
        _check_same_shape(self, self.input.type, self.result.type)
        x = tensor_shape(self.input.type)
        if len(x) < 2:
            raise VerifyException("'qnn.batchnorm' input must have rank >= 2 (N, C, ...)")
        for name in ("scale", "bias", "mean", "var"):
            s = tensor_shape(getattr(self, name).type)
            if s != (x[1],):
                raise VerifyException(
                    f"'qnn.batchnorm' {name} must have shape [{x[1]}], got {list(s)}"
                )
        if not self.epsilon.value.data >= 0:
            raise VerifyException("'qnn.batchnorm' epsilon must be >= 0")


# --- elementwise -------------------------------------------------------------


class BinaryElementwiseOp(QnnOp, abc.ABC):
    """Elementwise with ONNX/numpy broadcasting."""

    lhs = operand_def(TensorType)
    rhs = operand_def(TensorType)
    result = result_def(TensorType)
    traits = traits_def(Pure())
    assembly_format = "$lhs `,` $rhs attr-dict `:` functional-type(operands, results)"

    def __init__(self, lhs: SSAValue, rhs: SSAValue, result_type: Attribute):
        super().__init__(operands=[lhs, rhs], result_types=[result_type])

    def verify_op(self) -> None:
        a, b = tensor_shape(self.lhs.type), tensor_shape(self.rhs.type)
        expected = broadcast_shapes(a, b)
        if expected is None:
            raise VerifyException(
                f"'{self.name}' operand shapes {list(a)} and {list(b)} do not broadcast"
            )
        got = tensor_shape(self.result.type)
        if got != expected:
            raise VerifyException(
                f"'{self.name}' result shape must be {list(expected)}, got {list(got)}"
            )


@irdl_op_definition
class AddOp(BinaryElementwiseOp):
    name = "qnn.add"


@irdl_op_definition
class SubOp(BinaryElementwiseOp):
    name = "qnn.sub"


@irdl_op_definition
class MulOp(BinaryElementwiseOp):
    name = "qnn.mul"


@irdl_op_definition
class DivOp(BinaryElementwiseOp):
    name = "qnn.div"


class UnaryElementwiseOp(QnnOp, abc.ABC):
    """Elementwise function of one tensor. Float parameters of a subclass
    (``alpha``, ``min``, ...) are f32 properties given to ``__init__`` by
    name."""

    input = operand_def(TensorType)
    result = result_def(TensorType)
    traits = traits_def(Pure())
    assembly_format = "$input attr-dict `:` functional-type(operands, results)"

    def __init__(self, input: SSAValue, result_type: Attribute, **params: float | None):
        props = {k: f32_attr(float(v)) for k, v in params.items() if v is not None}
        super().__init__(operands=[input], result_types=[result_type], properties=props)

    def verify_op(self) -> None:
        _check_same_shape(self, self.input.type, self.result.type)
        for name, attr in self.properties.items():
            if isinstance(attr, FloatAttr) and not math.isfinite(attr.value.data):
                raise VerifyException(f"'{self.name}' {name} must be finite, got {attr.value.data}")


class ActivationOp(UnaryElementwiseOp, abc.ABC):
    """An elementwise activation function, monotonically non-decreasing for
    the parameters its verifier accepts (so a quantizer after it can become
    thresholds on its input)."""


@irdl_op_definition
class ReluOp(ActivationOp):
    """``max(x, 0)``."""

    name = "qnn.relu"


@irdl_op_definition
class LeakyReluOp(ActivationOp):
    """ONNX ``LeakyRelu``: ``x`` for ``x >= 0``, else ``alpha * x``
    (``alpha >= 0``)."""

    name = "qnn.leaky_relu"
    alpha = prop_def(FloatAttr, default_value=f32_attr(0.01))

    def verify_op(self) -> None:
        super().verify_op()
        if self.alpha.value.data < 0:
            raise VerifyException(f"'qnn.leaky_relu' alpha must be >= 0, got {self.alpha.value.data:g}")


@irdl_op_definition
class ClipOp(ActivationOp):
    """ONNX ``Clip`` (and HardTanh): ``min(max(x, min), max)``; a missing
    bound is unbounded."""

    name = "qnn.clip"
    min = opt_prop_def(FloatAttr)
    max = opt_prop_def(FloatAttr)

    def bounds(self) -> tuple[float, float]:
        lo = -math.inf if self.min is None else self.min.value.data
        hi = math.inf if self.max is None else self.max.value.data
        return lo, hi

    def verify_op(self) -> None:
        super().verify_op()
        lo, hi = self.bounds()
        if lo > hi:
            raise VerifyException(f"'qnn.clip' min ({lo:g}) must not exceed max ({hi:g})")


@irdl_op_definition
class SigmoidOp(ActivationOp):
    """ONNX ``Sigmoid``: ``1 / (1 + exp(-x))``."""

    name = "qnn.sigmoid"


@irdl_op_definition
class TanhOp(ActivationOp):
    """ONNX ``Tanh``."""

    name = "qnn.tanh"


@irdl_op_definition
class HardSigmoidOp(ActivationOp):
    """ONNX ``HardSigmoid``: ``max(0, min(1, alpha * x + beta))``
    (``alpha >= 0``)."""

    name = "qnn.hard_sigmoid"
    alpha = prop_def(FloatAttr, default_value=f32_attr(0.2))
    beta = prop_def(FloatAttr, default_value=f32_attr(0.5))

    def verify_op(self) -> None:
        super().verify_op()
        if self.alpha.value.data < 0:
            raise VerifyException(f"'qnn.hard_sigmoid' alpha must be >= 0, got {self.alpha.value.data:g}")


@irdl_op_definition
class SignOp(UnaryElementwiseOp):
    """ONNX ``Sign``: -1, 0 or +1."""

    name = "qnn.sign"


# --- data movement -----------------------------------------------------------


@irdl_op_definition
class ReshapeOp(QnnOp):
    """Reinterpret the elements (row-major) with the result's shape."""

    name = "qnn.reshape"
    input = operand_def(TensorType)
    result = result_def(TensorType)
    traits = traits_def(Pure())
    assembly_format = "$input attr-dict `:` functional-type(operands, results)"

    def __init__(self, input: SSAValue, result_type: Attribute):
        super().__init__(operands=[input], result_types=[result_type])

    def verify_op(self) -> None:
        a, b = tensor_shape(self.input.type), tensor_shape(self.result.type)
        if math.prod(a) != math.prod(b):
            raise VerifyException(
                f"'qnn.reshape' cannot reshape {list(a)} ({math.prod(a)} elements) into "
                f"{list(b)} ({math.prod(b)} elements)"
            )


@irdl_op_definition
class TransposeOp(QnnOp):
    """Permute the axes: ``result.shape[i] = input.shape[perm[i]]``."""

    name = "qnn.transpose"
    input = operand_def(TensorType)
    perm = prop_def(DenseArrayBase.constr(i64))
    result = result_def(TensorType)
    traits = traits_def(Pure())
    assembly_format = "$input attr-dict `:` functional-type(operands, results)"

    def __init__(self, input: SSAValue, result_type: Attribute, *, perm):
        super().__init__(operands=[input], result_types=[result_type], properties={"perm": i64_array(perm)})

    def verify_op(self) -> None:
        a = tensor_shape(self.input.type)
        perm = tuple(self.perm.get_values())
        if sorted(perm) != list(range(len(a))):
            raise VerifyException(
                f"'qnn.transpose' perm {list(perm)} is not a permutation of {len(a)} axes"
            )
        expected = tuple(a[p] for p in perm)
        if tensor_shape(self.result.type) != expected:
            raise VerifyException(
                f"'qnn.transpose' result shape must be {list(expected)}, got {list(tensor_shape(self.result.type))}"
            )


@irdl_op_definition
class PadOp(QnnOp):
    """Constant padding; ``pads`` in ONNX order (all begins, then all ends)."""

    name = "qnn.pad"
    input = operand_def(TensorType)
    pads = prop_def(DenseArrayBase.constr(i64))
    value = prop_def(FloatAttr, default_value=f32_attr(0.0))
    result = result_def(TensorType)
    traits = traits_def(Pure())
    assembly_format = "$input attr-dict `:` functional-type(operands, results)"

    def __init__(self, input: SSAValue, result_type: Attribute, *, pads, value: float = 0.0):
        super().__init__(operands=[input], result_types=[result_type], properties={"pads": i64_array(pads), "value": f32_attr(value)})

    def verify_op(self) -> None:
        a = tensor_shape(self.input.type)
        pads = tuple(self.pads.get_values())
        if len(pads) != 2 * len(a):
            raise VerifyException(
                f"'qnn.pad' needs {2 * len(a)} pads for rank {len(a)}, got {len(pads)}"
            )
        if any(p < 0 for p in pads):
            raise VerifyException("'qnn.pad' pads must be >= 0")
        expected = tuple(d + pads[i] + pads[i + len(a)] for i, d in enumerate(a))
        if tensor_shape(self.result.type) != expected:
            raise VerifyException(
                f"'qnn.pad' result shape must be {list(expected)}, got {list(tensor_shape(self.result.type))}"
            )
        elt = self.result.type.get_element_type()
        if not dt.allows(elt, np.array([self.value.value.data])):
            raise VerifyException(f"'qnn.pad' pad value {self.value.value.data:g} is not in {elt}")


@irdl_op_definition
class ConcatOp(QnnOp):
    """Concatenate along ``axis``."""

    name = "qnn.concat"
    inputs = var_operand_def(TensorType)
    axis = prop_def(IntegerAttr)
    result = result_def(TensorType)
    traits = traits_def(Pure())
    assembly_format = "$inputs attr-dict `:` functional-type(operands, results)"

    def __init__(self, inputs: list[SSAValue], result_type: Attribute, *, axis: int):
        super().__init__(operands=[inputs], result_types=[result_type], properties={"axis": i64_attr(axis)})

    def verify_op(self) -> None:
        if not self.inputs:
            raise VerifyException("'qnn.concat' needs at least one input")
        shapes = [tensor_shape(v.type) for v in self.inputs]
        rank = len(shapes[0])
        axis = self.axis.value.data
        if not 0 <= axis < rank:
            raise VerifyException(f"'qnn.concat' axis {axis} is out of range for rank {rank}")
        for s in shapes:
            if len(s) != rank or any(s[i] != shapes[0][i] for i in range(rank) if i != axis):
                raise VerifyException(
                    f"'qnn.concat' input shapes {[list(s) for s in shapes]} differ outside axis {axis}"
                )
        expected = tuple(sum(s[i] for s in shapes) if i == axis else shapes[0][i] for i in range(rank))
        if tensor_shape(self.result.type) != expected:
            raise VerifyException(
                f"'qnn.concat' result shape must be {list(expected)}, got {list(tensor_shape(self.result.type))}"
            )


class BlockRearrangeOp(QnnOp, abc.ABC):
    """Moves ``blocksize x blocksize`` spatial blocks of a rank-4 tensor
    between the channel and the spatial axes. ``data_layout`` says where the
    channels are: ``NCHW`` (ONNX's layout, the default) or ``NHWC`` (the
    same rearrangement with the channel axis last, the channel index in the
    same order)."""

    input = operand_def(TensorType)
    blocksize = prop_def(IntegerAttr)
    data_layout = prop_def(StringAttr, default_value=StringAttr("NCHW"))
    result = result_def(TensorType)
    traits = traits_def(Pure())
    assembly_format = "$input attr-dict `:` functional-type(operands, results)"

    def __init__(self, input: SSAValue, result_type: Attribute, *, blocksize: int, data_layout: str = "NCHW", **props: Attribute):
        super().__init__(
            operands=[input], result_types=[result_type],
            properties={"blocksize": i64_attr(blocksize), "data_layout": StringAttr(data_layout), **props},
        )

    @abc.abstractmethod
    def expected_shape(self, x: tuple[int, ...], b: int) -> tuple[int, ...]:
        """The result shape for input shape ``x`` (NCHW) and block size ``b``."""

    def verify_op(self) -> None:
        x = tensor_shape(self.input.type)
        b = self.blocksize.value.data
        layout = self.data_layout.data
        if layout not in ("NCHW", "NHWC"):
            raise VerifyException(f"'{self.name}' data_layout must be NCHW or NHWC, got '{layout}'")
        if len(x) != 4:
            raise VerifyException(f"'{self.name}' input must be {layout} (rank 4), got rank {len(x)}")
        if b < 1:
            raise VerifyException(f"'{self.name}' blocksize must be >= 1, got {b}")
        if layout == "NHWC":
            n, c, h, w = self.expected_shape((x[0], x[3], x[1], x[2]), b)
            expected = (n, h, w, c)
        else:
            expected = self.expected_shape(x, b)
        if tensor_shape(self.result.type) != expected:
            raise VerifyException(
                f"'{self.name}' result shape must be {list(expected)}, got {list(tensor_shape(self.result.type))}"
            )


@irdl_op_definition
class DepthToSpaceOp(BlockRearrangeOp):
    """ONNX ``DepthToSpace``: (N, C*b*b, H, W) -> (N, C, H*b, W*b) (NHWC:
    (N, H, W, C*b*b) -> (N, H*b, W*b, C)). In ``DCR`` mode the channel index
    is (bh, bw, c), in ``CRD`` mode (c, bh, bw) (PyTorch's PixelShuffle)."""

    name = "qnn.depth_to_space"
    mode = prop_def(StringAttr, default_value=StringAttr("DCR"))

    def __init__(self, input: SSAValue, result_type: Attribute, *, blocksize: int, mode: str = "DCR", data_layout: str = "NCHW"):
        super().__init__(input, result_type, blocksize=blocksize, data_layout=data_layout, mode=StringAttr(mode))

    def expected_shape(self, x, b):
        if x[1] % (b * b):
            raise VerifyException(f"'qnn.depth_to_space' channels ({x[1]}) must be a multiple of blocksize^2 ({b * b})")
        return (x[0], x[1] // (b * b), x[2] * b, x[3] * b)

    def verify_op(self) -> None:
        if self.mode.data not in ("DCR", "CRD"):
            raise VerifyException(f"'qnn.depth_to_space' mode must be DCR or CRD, got '{self.mode.data}'")
        super().verify_op()


@irdl_op_definition
class SpaceToDepthOp(BlockRearrangeOp):
    """ONNX ``SpaceToDepth``: (N, C, H*b, W*b) -> (N, C*b*b, H, W), the
    channel index being (bh, bw, c) (the inverse of DCR depth_to_space)."""

    name = "qnn.space_to_depth"

    def expected_shape(self, x, b):
        if x[2] % b or x[3] % b:
            raise VerifyException(f"'qnn.space_to_depth' spatial size {list(x[2:])} must be a multiple of blocksize {b}")
        return (x[0], x[1] * b * b, x[2] // b, x[3] // b)


RESIZE_COORDINATE_MODES = ("half_pixel", "asymmetric", "align_corners", "pytorch_half_pixel", "tf_half_pixel_for_nn")
RESIZE_NEAREST_MODES = ("round_prefer_floor", "round_prefer_ceil", "floor", "ceil")


@irdl_op_definition
class ResizeOp(QnnOp):
    """ONNX ``Resize`` in ``nearest`` mode (and ``Upsample``): output
    element ``i`` of each axis reads input element ``nearest(transform(i))``,
    with ``transform`` by ``coordinate_transformation_mode`` from the
    per-axis ``scales`` (output/input) and ``nearest_mode`` rounding."""

    name = "qnn.resize"
    input = operand_def(TensorType)
    scales = prop_def(DenseIntOrFPElementsAttr)
    coordinate_transformation_mode = prop_def(StringAttr, default_value=StringAttr("half_pixel"))
    nearest_mode = prop_def(StringAttr, default_value=StringAttr("round_prefer_floor"))
    result = result_def(TensorType)
    traits = traits_def(Pure())
    assembly_format = "$input attr-dict `:` functional-type(operands, results)"

    def __init__(self, input: SSAValue, result_type: Attribute, *, scales, coordinate_transformation_mode: str = "half_pixel", nearest_mode: str = "round_prefer_floor"):
        super().__init__(
            operands=[input],
            result_types=[result_type],
            properties={
                "scales": dense_from_numpy(np.asarray(scales, dtype=np.float32).reshape(-1)),
                "coordinate_transformation_mode": StringAttr(coordinate_transformation_mode),
                "nearest_mode": StringAttr(nearest_mode),
            },
        )

    def verify_op(self) -> None:
        x, y = tensor_shape(self.input.type), tensor_shape(self.result.type)
        scales = _dense_f32(self, "scales", self.scales)
        if scales.shape != (len(x),):
            raise VerifyException(f"'qnn.resize' needs {len(x)} scales (one per axis), got shape {list(scales.shape)}")
        if np.any(scales <= 0):
            raise VerifyException("'qnn.resize' scales must be positive")
        if len(y) != len(x):
            raise VerifyException(f"'qnn.resize' result rank must be {len(x)}, got {len(y)}")
        for i, (a, b, s) in enumerate(zip(x, y, scales)):
            if b not in (math.floor(a * float(s)), round(a * float(s))) or b < 1:
                raise VerifyException(f"'qnn.resize' axis {i}: {a} elements scaled by {float(s):g} cannot give {b}")
        for what, value, allowed in (
            ("coordinate_transformation_mode", self.coordinate_transformation_mode.data, RESIZE_COORDINATE_MODES),
            ("nearest_mode", self.nearest_mode.data, RESIZE_NEAREST_MODES),
        ):
            if value not in allowed:
                raise VerifyException(f"'qnn.resize' {what} must be one of {', '.join(allowed)}, got '{value}'")


@irdl_op_definition
class SliceOp(QnnOp):
    """A strided slice: along axis ``a`` the result takes the elements
    ``starts[a] + k * steps[a]`` for ``k`` below the result's size there
    (``starts`` non-negative, ``steps`` non-zero, one per axis)."""

    name = "qnn.slice"
    input = operand_def(TensorType)
    starts = prop_def(DenseArrayBase.constr(i64))
    steps = prop_def(DenseArrayBase.constr(i64))
    result = result_def(TensorType)
    traits = traits_def(Pure())
    assembly_format = "$input attr-dict `:` functional-type(operands, results)"

    def __init__(self, input: SSAValue, result_type: Attribute, *, starts, steps):
        super().__init__(operands=[input], result_types=[result_type], properties={"starts": i64_array(starts), "steps": i64_array(steps)})

    def verify_op(self) -> None:
        x, y = tensor_shape(self.input.type), tensor_shape(self.result.type)
        starts, steps = self.starts.get_values(), self.steps.get_values()
        if not len(starts) == len(steps) == len(x) == len(y):
            raise VerifyException(f"'qnn.slice' needs one start and step per axis of the rank-{len(x)} input, and a result of that rank")
        for a, (d, n, st, sp) in enumerate(zip(x, y, starts, steps)):
            last = st + (n - 1) * sp
            if sp == 0 or n < 1 or not (0 <= st < d and 0 <= last < d):
                raise VerifyException(f"'qnn.slice' axis {a}: {n} elements from {st} in steps of {sp} do not fit in {d}")


@irdl_op_definition
class SplitOp(QnnOp):
    """ONNX ``Split``: consecutive pieces along ``axis``, sized by the
    results."""

    name = "qnn.split"
    input = operand_def(TensorType)
    axis = prop_def(IntegerAttr)
    outputs = var_result_def(TensorType)
    traits = traits_def(Pure())
    assembly_format = "$input attr-dict `:` functional-type(operands, results)"

    def __init__(self, input: SSAValue, result_types: list[Attribute], *, axis: int):
        super().__init__(operands=[input], result_types=[result_types], properties={"axis": i64_attr(axis)})

    def verify_op(self) -> None:
        x = tensor_shape(self.input.type)
        axis = self.axis.value.data
        if not 0 <= axis < len(x):
            raise VerifyException(f"'qnn.split' axis {axis} is out of range for rank {len(x)}")
        shapes = [tensor_shape(r.type) for r in self.outputs]
        if not shapes:
            raise VerifyException("'qnn.split' needs at least one result")
        for s in shapes:
            if len(s) != len(x) or any(s[i] != x[i] for i in range(len(x)) if i != axis) or s[axis] < 1:
                raise VerifyException(f"'qnn.split' result shapes {[list(s) for s in shapes]} do not split {list(x)} along axis {axis}")
        if sum(s[axis] for s in shapes) != x[axis]:
            raise VerifyException(f"'qnn.split' result sizes along axis {axis} sum to {sum(s[axis] for s in shapes)}, not {x[axis]}")


class AxisReductionOp(QnnOp, abc.ABC):
    """A function of the values along ``axis`` (the classifier tails)."""

    input = operand_def(TensorType)
    axis = prop_def(IntegerAttr, default_value=i64_attr(-1))
    result = result_def(TensorType)
    traits = traits_def(Pure())
    assembly_format = "$input attr-dict `:` functional-type(operands, results)"

    def __init__(self, input: SSAValue, result_type: Attribute, *, axis: int = -1, **props: Attribute):
        super().__init__(operands=[input], result_types=[result_type], properties={"axis": i64_attr(axis), **props})

    def normalized_axis(self) -> int:
        rank = len(tensor_shape(self.input.type))
        axis = self.axis.value.data
        if not -rank <= axis < rank:
            raise VerifyException(f"'{self.name}' axis {axis} is out of range for rank {rank}")
        return axis % rank

    def verify_op(self) -> None:
        self.normalized_axis()
        _check_same_shape(self, self.input.type, self.result.type)


@irdl_op_definition
class SoftmaxOp(AxisReductionOp):
    """ONNX ``Softmax`` (opset 13 form): ``exp(x) / sum(exp(x))`` along ``axis``."""

    name = "qnn.softmax"


@irdl_op_definition
class LogSoftmaxOp(AxisReductionOp):
    """ONNX ``LogSoftmax`` (opset 13 form): ``x - log(sum(exp(x)))`` along ``axis``."""

    name = "qnn.log_softmax"


@irdl_op_definition
class ArgMaxOp(AxisReductionOp):
    """ONNX ``ArgMax``: the (first, or last with ``select_last_index``)
    index of the maximum along ``axis`` as ``i64``; the axis is kept with
    size 1 when ``keepdims``."""

    name = "qnn.argmax"
    keepdims = prop_def(IntegerAttr, default_value=bool_attr(True))
    select_last_index = prop_def(IntegerAttr, default_value=bool_attr(False))
    INDEX_RESULTS: ClassVar[tuple[int, ...]] = (0,)

    def __init__(self, input: SSAValue, result_type: Attribute, *, axis: int = -1, keepdims: bool = True, select_last_index: bool = False):
        super().__init__(input, result_type, axis=axis, keepdims=bool_attr(keepdims), select_last_index=bool_attr(select_last_index))

    def verify_op(self) -> None:
        axis = self.normalized_axis()
        x = tensor_shape(self.input.type)
        expected = tuple(1 if i == axis else d for i, d in enumerate(x)) if self.keepdims.value.data else x[:axis] + x[axis + 1:]
        if tensor_shape(self.result.type) != expected:
            raise VerifyException(f"'qnn.argmax' result shape must be {list(expected)}, got {list(tensor_shape(self.result.type))}")
        if self.result.type.get_element_type() != i64:
            raise VerifyException(f"'qnn.argmax' result must be i64, got {self.result.type.get_element_type()}")


@irdl_op_definition
class TopKOp(QnnOp):
    """ONNX ``TopK``: the ``k`` largest (or smallest) values along ``axis``
    and their indices (``i64``)."""

    name = "qnn.topk"
    input = operand_def(TensorType)
    k = prop_def(IntegerAttr)
    axis = prop_def(IntegerAttr, default_value=i64_attr(-1))
    largest = prop_def(IntegerAttr, default_value=bool_attr(True))
    values = result_def(TensorType)
    indices = result_def(TensorType)
    traits = traits_def(Pure())
    INDEX_RESULTS: ClassVar[tuple[int, ...]] = (1,)
    assembly_format = "$input attr-dict `:` functional-type(operands, results)"

    def __init__(self, input: SSAValue, values_type: Attribute, indices_type: Attribute, *, k: int, axis: int = -1, largest: bool = True):
        super().__init__(operands=[input], result_types=[values_type, indices_type], properties={"k": i64_attr(k), "axis": i64_attr(axis), "largest": bool_attr(largest)})

    def verify_op(self) -> None:
        a = tensor_shape(self.input.type)
        axis = self.axis.value.data
        if not -len(a) <= axis < len(a):
            raise VerifyException(f"'qnn.topk' axis {axis} is out of range for rank {len(a)}")
        axis %= len(a)
        k = self.k.value.data
        if not 1 <= k <= a[axis]:
            raise VerifyException(f"'qnn.topk' k must be in 1..{a[axis]}, got {k}")
        expected = tuple(k if i == axis else d for i, d in enumerate(a))
        for name in ("values", "indices"):
            got = tensor_shape(getattr(self, name).type)
            if got != expected:
                raise VerifyException(
                    f"'qnn.topk' {name} shape must be {list(expected)}, got {list(got)}"
                )
        itype = self.indices.type.get_element_type()
        if itype != i64:
            raise VerifyException(f"'qnn.topk' indices must be i64, got {itype}")


# --- issue 16 stream-b ops (depthwise form); owned by stream-b ------------------


@irdl_op_definition
class DepthwiseDotOp(QnnOp):
    """Per-channel dot products over windows (the depthwise convolution after
    ``qnn.im2col``; FINN's VVAU): ``input`` is (..., K*C) ordered (k, c) as
    im2col makes it, ``weights`` is (C, K), and
    ``result[..., c] = sum_k input[..., k*C + c] * weights[c, k]``."""

    name = "qnn.depthwise_dot"
    input = operand_def(TensorType)
    weights = operand_def(TensorType)
    result = result_def(TensorType)
    traits = traits_def(Pure())
    assembly_format = "$input `,` $weights attr-dict `:` functional-type(operands, results)"

    def __init__(self, input: SSAValue, weights: SSAValue, result_type: Attribute):
        super().__init__(operands=[input, weights], result_types=[result_type])

    def verify_op(self) -> None:
        x = tensor_shape(self.input.type)
        w = tensor_shape(self.weights.type)
        if len(w) != 2:
            raise VerifyException(f"'qnn.depthwise_dot' weights must be (C, K), got shape {list(w)}")
        if not x or x[-1] != w[0] * w[1]:
            raise VerifyException(
                f"'qnn.depthwise_dot' input vectors must have K*C = {w[1]}*{w[0]} = {w[0] * w[1]} "
                f"elements, got shape {list(x)}"
            )
        expected = (*x[:-1], w[0])
        if tensor_shape(self.result.type) != expected:
            raise VerifyException(
                f"'qnn.depthwise_dot' result shape must be {list(expected)}, got "
                f"{list(tensor_shape(self.result.type))}"
            )


# --- end of issue 16 stream-b ops -----------------------------------------------


Qnn = Dialect(
    "qnn",
    [
        ConstantOp,
        QuantOp,
        BipolarQuantOp,
        TruncOp,
        MultiThresholdOp,
        MatMulOp,
        ConvOp,
        MaxPoolOp,
        AvgPoolOp,
        Im2ColOp,
        BatchNormOp,
        AddOp,
        SubOp,
        MulOp,
        DivOp,
        ReluOp,
        LeakyReluOp,
        ClipOp,
        SigmoidOp,
        TanhOp,
        HardSigmoidOp,
        SignOp,
        ReshapeOp,
        TransposeOp,
        PadOp,
        ConcatOp,
        DepthToSpaceOp,
        SpaceToDepthOp,
        ResizeOp,
        SliceOp,
        SplitOp,
        SoftmaxOp,
        LogSoftmaxOp,
        ArgMaxOp,
        TopKOp,
        DepthwiseDotOp,  # issue 16 stream-b
    ],
    list(dt.DATATYPES),
)
