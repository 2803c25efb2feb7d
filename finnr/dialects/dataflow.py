"""The ``dataflow`` dialect: streaming hardware layers.

One op is one hardware engine (a FINN "HW layer") that consumes a stream and
produces a stream. Values are ranked builtin tensors whose element types are
finnr datatypes (:mod:`finnr.dialects.datatypes`); a tensor is the whole
frame that streams through the engine, in NHWC layout (batch first, channels
last), so the last dimension is the one the engine folds over.

Folding is given by two properties, as in FINN:

* ``pe``: processing elements, the number of output channels (matrix rows,
  labels, ...) produced in parallel; it must divide that dimension.
* ``simd``: the number of input elements consumed in parallel; it must divide
  the input vector length.

The hardware part of a network is the body of a ``dataflow.partition``:
values from the host enter as its operands (block arguments inside), the
values it hands back are the operands of its ``dataflow.yield``. Every layer
op must sit directly in a partition, so the hardware boundary is explicit::

    %y = dataflow.partition "tfc" (%a = %x : tensor<1x784x!qnn.uint<2>>) -> (tensor<1x64x!qnn.uint<2>>) {
      %h = dataflow.mvau %a {pe = 4 : i64, simd = 8 : i64, weights = dense<"0x..."> : tensor<784x64xi8>, weight_dtype = !qnn.int<2>, thresholds = ...} : (tensor<1x784x!qnn.uint<2>>) -> tensor<1x64x!qnn.uint<2>>
      dataflow.yield %h : tensor<1x64x!qnn.uint<2>>
    }

Weights and thresholds are dense properties built from numpy bytes (printed
in hex when large). Thresholds follow QONNX ``MultiThreshold``: an output is
``act_bias + (number of thresholds t with x >= t)``; a threshold matrix has
one row per output channel or a single row shared by all channels.

This module defines ops and their verifiers only: semantics live in
``finnr/interpreter``, costs in ``finnr/models``, rewrites in
``finnr/passes``.
"""

from __future__ import annotations

import abc
import math
from collections.abc import Sequence

import numpy as np
from xdsl.dialects.builtin import (
    DenseArrayBase,
    DenseIntOrFPElementsAttr,
    Float32Type,
    FloatAttr,
    IntegerAttr,
    IntegerType,
    StringAttr,
    SymbolNameConstraint,
    SymbolRefAttr,
    TensorType,
)
from xdsl.dialects.utils import AbstractYieldOperation
from xdsl.ir import Attribute, Block, Dialect, Operation, Region, SSAValue, TypeAttribute
from xdsl.irdl import (
    IRDLOperation,
    ParsePropInAttrDict,
    irdl_op_definition,
    lazy_traits_def,
    operand_def,
    opt_prop_def,
    prop_def,
    region_def,
    result_def,
    traits_def,
    var_operand_def,
    var_result_def,
)
from xdsl.parser import Parser
from xdsl.printer import Printer
from xdsl.traits import (
    HasParent,
    IsolatedFromAbove,
    IsTerminator,
    Pure,
    RecursiveMemoryEffect,
    SymbolOpInterface,
)
from xdsl.utils.exceptions import VerifyException

from finnr.dialects import datatypes as dt
from finnr.dialects.qnn import _check_element_type
from finnr.dialects.utils import (
    bool_attr,
    dense_from_numpy,
    f32_attr,
    i64_array,
    i64_attr,
    numpy_from_dense,
    tensor_shape,
    window_output_dim,
)

MEM_MODES = ("internal_embedded", "internal_decoupled", "external")
"""Where an MVAU/VVAU keeps its weights: compiled into the engine
(``internal_embedded``), in a separate streaming memory next to it
(``internal_decoupled``) or streamed in from off-chip (``external``)."""

RAM_STYLES = ("auto", "block", "distributed", "ultra")
"""Memory primitive for weights or FIFOs: let the tool choose, BRAM, LUTRAM
or URAM."""

RES_TYPES = ("auto", "lut", "dsp")
"""Resource used for the multiply-accumulate of an MVAU/VVAU."""


# --- shared checks -----------------------------------------------------------


def _int(attr: IntegerAttr) -> int:
    return attr.value.data


def _elem(t: Attribute) -> Attribute:
    assert isinstance(t, TensorType)
    return t.get_element_type()


def _check_enum(op: Operation, what: str, value: StringAttr, allowed: tuple[str, ...]) -> None:
    if value.data not in allowed:
        raise VerifyException(
            f"'{op.name}' {what} must be one of {', '.join(allowed)}, got '{value.data}'"
        )


def _check_positive(op: Operation, what: str, value: int) -> None:
    if value < 1:
        raise VerifyException(f"'{op.name}' {what} must be >= 1, got {value}")


def _check_divides(op: Operation, what: str, value: int, dim_name: str, dim: int) -> None:
    """``value`` (a positive folding factor) must divide ``dim``."""
    _check_positive(op, what, value)
    if dim % value:
        raise VerifyException(f"'{op.name}' {what} ({value}) must divide {dim_name} ({dim})")


def _check_mmv(op: Operation, mmv: int, widths: Sequence[tuple[str, int]]) -> None:
    """``mmv`` (pixels per beat, FINN's MMV) is positive and divides each
    of the (name, width) row widths it covers."""
    for name, width in widths:
        _check_divides(op, "mmv", mmv, name, width)


def _check_beat(op: Operation, what: str, elems: int, shape: Sequence[int], dim_name: str) -> None:
    """A stream beat of ``elems`` elements divides the last dimension, or
    (a layer's ``mmv``: several whole pixels per beat) is a multiple of it
    dividing a row (the last two dimensions)."""
    last = shape[-1]
    if len(shape) >= 3 and elems > last and elems % last == 0:
        _check_divides(op, what, elems, f"a row ({shape[-2]} x {last})", shape[-2] * last)
    else:
        _check_divides(op, what, elems, dim_name, last)


def _check_mmv_lanes(op: Operation, mmv: int, w: int, ow: int, lanes_name: str, lanes: int, channels: int) -> None:
    """``mmv`` divides the input width ``w`` and the output width ``ow``,
    and above 1 needs the channel parallelism (``lanes``) full: a beat
    carries whole pixels."""
    _check_mmv(op, mmv, [("the input width", w), ("the output width", ow)])
    if mmv > 1 and lanes != channels:
        raise VerifyException(f"'{op.name}' mmv ({mmv}) needs {lanes_name} = the channels ({channels}), got {lanes}")


def _check_rank(op: Operation, what: str, shape: tuple[int, ...], rank: int, layout: str) -> None:
    if len(shape) != rank:
        raise VerifyException(
            f"'{op.name}' {what} must have rank {rank} ({layout}), got shape {list(shape)}"
        )


def _check_min_rank(op: Operation, what: str, shape: tuple[int, ...], rank: int) -> None:
    if len(shape) < rank:
        raise VerifyException(
            f"'{op.name}' {what} must have rank >= {rank}, got shape {list(shape)}"
        )


def _check_same_type(op: Operation, what: str, expected: Attribute, got: Attribute) -> None:
    if expected != got:
        raise VerifyException(f"'{op.name}' {what} type {got} must equal the input type {expected}")


def _check_result_shape(op: Operation, expected: Sequence[int], got: Sequence[int]) -> None:
    if tuple(expected) != tuple(got):
        raise VerifyException(
            f"'{op.name}' result shape must be {list(expected)}, got {list(got)}"
        )


def _pair(op: Operation, what: str, attr: DenseArrayBase, minimum: int) -> tuple[int, int]:
    """The two values (height, width) of an ``array<i64: h, w>`` property."""
    values = tuple(int(v) for v in attr.get_values())
    if len(values) != 2:
        raise VerifyException(
            f"'{op.name}' {what} must have 2 entries (height, width), got {list(values)}"
        )
    if any(v < minimum for v in values):
        raise VerifyException(f"'{op.name}' {what} entries must be >= {minimum}, got {list(values)}")
    return values  # type: ignore[return-value]


def _check_thresholds(
    op: Operation,
    thresholds: DenseIntOrFPElementsAttr,
    rows: int,
    out: Attribute,
    act_bias: int,
) -> None:
    """Thresholds (rows or 1, T) feeding a result of element type ``out``:
    the output ``act_bias + count`` (count in 0..T) must fit in ``out``.

    For a ``!qnn.bipolar`` result the count (0 or 1) is the bipolar bit
    itself (0 encodes -1, as FINN's hardware does), so T = 1 and act_bias 0.
    """
    storage = thresholds.get_element_type()
    if not isinstance(storage, IntegerType | Float32Type):
        raise VerifyException(f"'{op.name}' thresholds must store integers or f32, got {storage}")
    shape = thresholds.get_shape()
    if len(shape) != 2:
        raise VerifyException(
            f"'{op.name}' thresholds must have rank 2 (channels, steps), got shape {list(shape)}"
        )
    if shape[0] not in (1, rows):
        raise VerifyException(
            f"'{op.name}' thresholds must have 1 or {rows} rows (one per channel), got {shape[0]}"
        )
    steps = shape[1]
    if steps < 1:
        raise VerifyException(f"'{op.name}' thresholds must have at least one step")
    if not np.all(np.isfinite(numpy_from_dense(thresholds))):
        raise VerifyException(f"'{op.name}' thresholds must be finite")
    if not dt.is_integer(out):
        raise VerifyException(
            f"'{op.name}' result element type must be an integer datatype when thresholds "
            f"are present, got {out}"
        )
    levels = 2 if isinstance(out, dt.BipolarType) else 2 ** dt.bitwidth(out)
    if steps > levels - 1:
        raise VerifyException(
            f"'{op.name}' {steps} thresholds give {steps + 1} levels, more than {out} holds ({levels})"
        )
    if isinstance(out, dt.BipolarType):
        if act_bias != 0:
            raise VerifyException(
                f"'{op.name}' act_bias must be 0 for a !qnn.bipolar result "
                f"(the threshold count is the bipolar bit), got {act_bias}"
            )
    elif not dt.allows(out, np.array([act_bias, act_bias + steps])):
        raise VerifyException(
            f"'{op.name}' outputs act_bias + 0..{steps} = [{act_bias}, {act_bias + steps}] "
            f"do not fit in {out}"
        )


# --- base of every layer -----------------------------------------------------


class DataflowOp(IRDLOperation, abc.ABC):
    """Base of every dataflow layer: one hardware engine in a partition.
    Operands and results are tensors whose element types are finnr
    datatypes."""

    irdl_options = (ParsePropInAttrDict(),)
    traits = lazy_traits_def(lambda: (HasParent(PartitionOp, OffloadOp), Pure()))

    def verify_(self) -> None:
        for i, operand in enumerate(self.operands):
            _check_element_type(self.name, f"operand #{i}", operand.type)
        for i, res in enumerate(self.results):
            _check_element_type(self.name, f"result #{i}", res.type)
        self.verify_op()

    def verify_op(self) -> None:
        """Op-specific checks, run after the common element-type checks."""


class StreamOp(DataflowOp, abc.ABC):
    """A layer with one input stream and one output stream."""

    input = operand_def(TensorType)
    result = result_def(TensorType)
    assembly_format = "$input attr-dict `:` functional-type(operands, results)"

    @property
    def in_shape(self) -> tuple[int, ...]:
        return tensor_shape(self.input.type)

    @property
    def out_shape(self) -> tuple[int, ...]:
        return tensor_shape(self.result.type)


# --- compute layers ----------------------------------------------------------


class WeightedOp(StreamOp, abc.ABC):
    """Base of the engines holding a weight memory (MVAU, VVAU), with an
    optional threshold activation behind the accumulator."""

    weights = prop_def(DenseIntOrFPElementsAttr)
    weight_dtype = prop_def(TypeAttribute)
    thresholds = opt_prop_def(DenseIntOrFPElementsAttr)
    act_bias = prop_def(IntegerAttr, default_value=i64_attr(0))
    pe = prop_def(IntegerAttr, default_value=i64_attr(1))
    simd = prop_def(IntegerAttr, default_value=i64_attr(1))
    mem_mode = prop_def(StringAttr, default_value=StringAttr("internal_embedded"))
    ram_style = prop_def(StringAttr, default_value=StringAttr("auto"))
    res_type = prop_def(StringAttr, default_value=StringAttr("auto"))
    engine = opt_prop_def(SymbolRefAttr)
    """In a ``dataflow.offload``: the shared engine the layer runs on."""

    def __init__(
        self,
        input: SSAValue | Operation,
        result_type: Attribute,
        *,
        weights: np.ndarray,
        weight_dtype: Attribute,
        thresholds: np.ndarray | None = None,
        act_bias: int = 0,
        pe: int = 1,
        simd: int = 1,
        mem_mode: str = "internal_embedded",
        ram_style: str = "auto",
        res_type: str = "auto",
        extra: dict[str, Attribute] | None = None,
    ):
        props: dict[str, Attribute] = {
            "weights": dense_from_numpy(np.asarray(weights)),
            "weight_dtype": weight_dtype,
            "act_bias": i64_attr(act_bias),
            "pe": i64_attr(pe),
            "simd": i64_attr(simd),
            "mem_mode": StringAttr(mem_mode),
            "ram_style": StringAttr(ram_style),
            "res_type": StringAttr(res_type),
            **(extra or {}),
        }
        if thresholds is not None:
            props["thresholds"] = dense_from_numpy(np.asarray(thresholds))
        super().__init__(operands=[input], result_types=[result_type], properties=props)

    def weight_matrix(self) -> np.ndarray:
        return numpy_from_dense(self.weights)

    def threshold_matrix(self) -> np.ndarray | None:
        return None if self.thresholds is None else numpy_from_dense(self.thresholds)

    def check_folding(self, pe_dim_name: str, pe_dim: int, simd_dim_name: str, simd_dim: int) -> None:
        """PE and SIMD divide the dimensions they fold; on a shared engine
        (``engine`` set) the dimensions are padded up to them instead."""
        if self.engine is None:
            _check_divides(self, "pe", _int(self.pe), pe_dim_name, pe_dim)
            _check_divides(self, "simd", _int(self.simd), simd_dim_name, simd_dim)

    @abc.abstractmethod
    def check_shapes(self) -> int:
        """Check operand, result and weight shapes; return the number of
        output channels (the rows a threshold matrix may have)."""

    def verify_op(self) -> None:
        _check_positive(self, "pe", _int(self.pe))
        _check_positive(self, "simd", _int(self.simd))
        channels = self.check_shapes()
        wdt = self.weight_dtype
        if not dt.is_integer(wdt):
            raise VerifyException(
                f"'{self.name}' weight_dtype must be an integer datatype, got {wdt}"
            )
        if not isinstance(self.weights.get_element_type(), IntegerType):
            raise VerifyException(
                f"'{self.name}' weights must store integers, got {self.weights.get_element_type()}"
            )
        if not dt.allows(wdt, self.weight_matrix()):
            lo, hi = dt.value_range(wdt)
            raise VerifyException(
                f"'{self.name}' weight values must lie in weight_dtype {wdt} ([{lo:g}, {hi:g}])"
            )
        out = _elem(self.result.type)
        if self.thresholds is not None:
            _check_thresholds(self, self.thresholds, channels, out, _int(self.act_bias))
        elif _int(self.act_bias) != 0:
            raise VerifyException(f"'{self.name}' act_bias needs thresholds")
        _check_enum(self, "mem_mode", self.mem_mode, MEM_MODES)
        _check_enum(self, "ram_style", self.ram_style, RAM_STYLES)
        _check_enum(self, "res_type", self.res_type, RES_TYPES)


@irdl_op_definition
class MVAUOp(WeightedOp):
    """Matrix-vector-activation unit (FINN ``MVAU``, finn-hlslib
    ``Matrix_Vector_Activate_Batch``): every input vector of MW elements
    (the last dimension) is multiplied by the (MW, MH) weight matrix, giving
    MH accumulators that go through the thresholds when present (the output
    is then ``act_bias`` + the threshold count) or leave as they are.

    Leading dimensions (batch, pixels) are the vectors streamed one after the
    other. ``pe`` rows of the matrix and ``simd`` of its columns are computed
    per cycle: MH/pe * MW/simd cycles per vector.

    ``mmv`` (FINN's MMV) > 1 computes M vectors (M consecutive pixels of a
    row of an (N, H, W, MW) input) per beat with M copies of the datapath
    sharing the weights: it needs the whole matrix per cycle (simd = MW, pe
    = MH) and M dividing the width W."""

    name = "dataflow.mvau"
    mmv = prop_def(IntegerAttr, default_value=i64_attr(1))

    def __init__(self, input: SSAValue | Operation, result_type: Attribute, *, mmv: int = 1, **kwargs):
        kwargs["extra"] = {"mmv": i64_attr(mmv), **(kwargs.get("extra") or {})}
        super().__init__(input, result_type, **kwargs)

    @property
    def mw(self) -> int:
        return self.in_shape[-1]

    @property
    def mh(self) -> int:
        return self.out_shape[-1]

    def check_shapes(self) -> int:
        x, y = self.in_shape, self.out_shape
        _check_min_rank(self, "input", x, 2)
        if len(y) != len(x) or y[:-1] != x[:-1]:
            raise VerifyException(
                f"'dataflow.mvau' result shape {list(y)} must keep the leading dimensions "
                f"of the input shape {list(x)}"
            )
        mw, mh = x[-1], y[-1]
        w = self.weights.get_shape()
        if w != (mw, mh):
            raise VerifyException(
                f"'dataflow.mvau' weights must have shape [MW, MH] = [{mw}, {mh}], got {list(w)}"
            )
        self.check_folding("MH", mh, "MW", mw)
        mmv = _int(self.mmv)
        if mmv != 1:
            if len(x) != 4:
                raise VerifyException(f"'dataflow.mvau' mmv > 1 needs an (N, H, W, MW) input, got shape {list(x)}")
            _check_mmv(self, mmv, [("the width", x[2])])
            if (_int(self.simd), _int(self.pe)) != (mw, mh):
                raise VerifyException(
                    f"'dataflow.mvau' mmv > 1 needs simd = MW ({mw}) and pe = MH ({mh}), "
                    f"got simd = {_int(self.simd)}, pe = {_int(self.pe)}"
                )
        return mh


@irdl_op_definition
class VVAUOp(WeightedOp):
    """Vector-vector-activation unit (FINN ``VVAU``): the depthwise
    convolution engine. Its input is the output of a depthwise
    ``dataflow.swu``, (N, OH, OW, KH*KW*C) ordered (kh, kw, c); every
    channel c is the dot product of its KH*KW window values with row c of
    the (C, KH*KW) weights, then optionally thresholded.

    ``pe`` channels and ``simd`` window positions are computed per cycle."""

    name = "dataflow.vvau"
    kernel = prop_def(DenseArrayBase)

    def __init__(self, input: SSAValue | Operation, result_type: Attribute, *, kernel: Sequence[int], **kwargs):
        super().__init__(input, result_type, extra={"kernel": i64_array(kernel)}, **kwargs)

    @property
    def channels(self) -> int:
        return self.out_shape[-1]

    def check_shapes(self) -> int:
        kh, kw = _pair(self, "kernel", self.kernel, 1)
        x, y = self.in_shape, self.out_shape
        _check_rank(self, "input", x, 4, "N, OH, OW, KH*KW*C")
        _check_rank(self, "result", y, 4, "N, OH, OW, C")
        if y[:3] != x[:3]:
            raise VerifyException(
                f"'dataflow.vvau' result shape {list(y)} must keep N, OH, OW of the input "
                f"shape {list(x)}"
            )
        c = y[3]
        if x[3] != kh * kw * c:
            raise VerifyException(
                f"'dataflow.vvau' input vectors must have KH*KW*C = {kh}*{kw}*{c} = "
                f"{kh * kw * c} elements, got {x[3]}"
            )
        w = self.weights.get_shape()
        if w != (c, kh * kw):
            raise VerifyException(
                f"'dataflow.vvau' weights must have shape [C, KH*KW] = [{c}, {kh * kw}], got {list(w)}"
            )
        self.check_folding("C", c, "KH*KW", kh * kw)
        return c


ENGINE_OPS: dict[str, type[WeightedOp]] = {"mvau": MVAUOp, "vvau": VVAUOp}
"""What a shared engine of a ``dataflow.offload`` can be (its ``kind``),
and the layers it runs."""


@irdl_op_definition
class ThresholdingOp(StreamOp):
    """Standalone multi-threshold activation (FINN ``Thresholding``): every
    element of channel c (the last dimension) becomes ``act_bias`` + the
    number of thresholds of row c (or of the shared row) it reaches.
    ``pe`` channels per cycle."""

    name = "dataflow.thresholding"
    thresholds = prop_def(DenseIntOrFPElementsAttr)
    act_bias = prop_def(IntegerAttr, default_value=i64_attr(0))
    pe = prop_def(IntegerAttr, default_value=i64_attr(1))

    def __init__(self, input: SSAValue | Operation, result_type: Attribute, *, thresholds: np.ndarray, act_bias: int = 0, pe: int = 1):
        super().__init__(
            operands=[input],
            result_types=[result_type],
            properties={
                "thresholds": dense_from_numpy(np.asarray(thresholds)),
                "act_bias": i64_attr(act_bias),
                "pe": i64_attr(pe),
            },
        )

    def threshold_matrix(self) -> np.ndarray:
        return numpy_from_dense(self.thresholds)

    def verify_op(self) -> None:
        x = self.in_shape
        _check_min_rank(self, "input", x, 1)
        _check_result_shape(self, x, self.out_shape)
        _check_divides(self, "pe", _int(self.pe), "the channels", x[-1])
        _check_thresholds(self, self.thresholds, x[-1], _elem(self.result.type), _int(self.act_bias))


# --- data movement layers ----------------------------------------------------


class WindowLayerOp(StreamOp, abc.ABC):
    """A layer sliding a (KH, KW) window over an NHWC frame, without
    padding (padding is a separate ``dataflow.pad``)."""

    kernel = prop_def(DenseArrayBase)
    stride = prop_def(DenseArrayBase, default_value=i64_array([1, 1]))

    def dilation_pair(self) -> tuple[int, int]:
        return (1, 1)

    def window(self) -> tuple[tuple[int, int], tuple[int, int], tuple[int, int]]:
        """(kernel, stride, dilation) as (height, width) pairs."""
        return (
            _pair(self, "kernel", self.kernel, 1),
            _pair(self, "stride", self.stride, 1),
            self.dilation_pair(),
        )

    def output_spatial(self, x: tuple[int, ...]) -> tuple[int, int]:
        """(OH, OW) for an (N, H, W, C) input; raises when the window does
        not fit."""
        _check_rank(self, "input", x, 4, "N, H, W, C")
        k, s, d = self.window()
        out = _window_shape(x, k, s, d)
        if any(o < 1 for o in out):
            raise VerifyException(
                f"'{self.name}' window {list(k)} (dilation {list(d)}) does not fit the input "
                f"{list(x[1:3])}"
            )
        return out


def _window_shape(
    x: Sequence[int], kernel: Sequence[int], stride: Sequence[int], dilation: Sequence[int] = (1, 1)
) -> tuple[int, int]:
    """(OH, OW) of an (N, H, W, C) frame under an unpadded window."""
    return tuple(window_output_dim(x[1 + i], kernel[i], stride[i], 0, 0, dilation[i]) for i in range(2))  # type: ignore[return-value]


@irdl_op_definition
class SWUOp(WindowLayerOp):
    """Sliding window unit (FINN ``ConvolutionInputGenerator``): turns an
    (N, H, W, C) frame into its windows, (N, OH, OW, KH*KW*C), each ordered
    (kh, kw, c), with OH = (H - dilation*(KH-1) - 1) / stride + 1. It reads
    ``simd`` channels per cycle. ``depthwise`` keeps the same output order
    but tells that the consumer is a ``dataflow.vvau`` (the hardware then
    interleaves channels for it).

    ``parallel_window`` (FINN's name) emits the whole KH*KW*C window of an
    output pixel as one beat once the line buffer holds its rows, so the
    unit keeps up with one input pixel per cycle. It needs SIMD = C (the
    line buffer takes a whole pixel per beat). Its consumer may read the
    window at any width: a narrower MVAU/VVAU input goes through a width
    converter (``dataflow-insert-dwc``), as every width mismatch does.

    ``mmv`` (FINN's MMV) > 1 emits M whole windows, of M consecutive output
    pixels of a row, per beat and takes M input pixels per beat (a beat
    stays contiguous in the row-major order of the tensor); it needs
    ``parallel_window`` and M dividing the input and output widths."""

    name = "dataflow.swu"
    dilation = prop_def(DenseArrayBase, default_value=i64_array([1, 1]))
    simd = prop_def(IntegerAttr, default_value=i64_attr(1))
    depthwise = prop_def(IntegerAttr, default_value=bool_attr(False))
    parallel_window = prop_def(IntegerAttr, default_value=bool_attr(False))
    mmv = prop_def(IntegerAttr, default_value=i64_attr(1))

    def __init__(
        self,
        input: SSAValue | Operation,
        result_type: Attribute | None = None,
        *,
        kernel: Sequence[int],
        stride: Sequence[int] = (1, 1),
        dilation: Sequence[int] = (1, 1),
        simd: int = 1,
        depthwise: bool = False,
        parallel_window: bool = False,
        mmv: int = 1,
    ):
        """``result_type`` defaults to the window shape of the input."""
        if result_type is None:
            t = SSAValue.get(input).type
            assert isinstance(t, TensorType)
            x = t.get_shape()
            oh, ow = _window_shape(x, kernel, stride, dilation)
            result_type = TensorType(t.get_element_type(), (x[0], oh, ow, kernel[0] * kernel[1] * x[3]))
        super().__init__(
            operands=[input],
            result_types=[result_type],
            properties={
                "kernel": i64_array(kernel),
                "stride": i64_array(stride),
                "dilation": i64_array(dilation),
                "simd": i64_attr(simd),
                "depthwise": bool_attr(depthwise),
                "parallel_window": bool_attr(parallel_window),
                "mmv": i64_attr(mmv),
            },
        )

    def dilation_pair(self) -> tuple[int, int]:
        return _pair(self, "dilation", self.dilation, 1)

    @property
    def is_parallel(self) -> bool:
        """Whether the unit emits a whole window per beat."""
        return bool(self.parallel_window.value.data)

    def verify_op(self) -> None:
        x = self.in_shape
        oh, ow = self.output_spatial(x)
        (kh, kw), _, _ = self.window()
        _check_result_shape(self, (x[0], oh, ow, kh * kw * x[3]), self.out_shape)
        _check_same_type(self, "result element", _elem(self.input.type), _elem(self.result.type))
        _check_divides(self, "simd", _int(self.simd), "the channels", x[3])
        if self.is_parallel and _int(self.simd) != x[3]:
            raise VerifyException(
                f"'dataflow.swu' parallel_window needs simd = the channels ({x[3]}), got {_int(self.simd)}"
            )
        if _int(self.mmv) > 1 and not self.is_parallel:
            raise VerifyException(f"'dataflow.swu' mmv > 1 needs parallel_window, got mmv = {_int(self.mmv)}")
        _check_mmv(self, _int(self.mmv), [("the input width", x[2]), ("the output width", ow)])


@irdl_op_definition
class MaxPoolOp(WindowLayerOp):
    """Streaming max pooling (FINN ``StreamingMaxPool``): (N, H, W, C) to
    (N, OH, OW, C), the maximum of every window, ``pe`` channels per
    cycle. ``mmv`` (FINN's name, default 1) pixels per beat, in and out: M
    consecutive pixels of a row, each whole (PE = C); M divides W and OW."""

    name = "dataflow.maxpool"
    pe = prop_def(IntegerAttr, default_value=i64_attr(1))
    mmv = prop_def(IntegerAttr, default_value=i64_attr(1))

    def __init__(
        self,
        input: SSAValue | Operation,
        result_type: Attribute | None = None,
        *,
        kernel: Sequence[int],
        stride: Sequence[int] | None = None,
        pe: int = 1,
        mmv: int = 1,
    ):
        """``stride`` defaults to ``kernel`` (non-overlapping windows, as
        FINN's StreamingMaxPool); ``result_type`` to the pooled shape."""
        stride = tuple(kernel) if stride is None else tuple(stride)
        if result_type is None:
            t = SSAValue.get(input).type
            assert isinstance(t, TensorType)
            x = t.get_shape()
            result_type = TensorType(t.get_element_type(), (x[0], *_window_shape(x, kernel, stride), x[3]))
        super().__init__(
            operands=[input],
            result_types=[result_type],
            properties={"kernel": i64_array(kernel), "stride": i64_array(stride), "pe": i64_attr(pe),
                        "mmv": i64_attr(mmv)},
        )

    def verify_op(self) -> None:
        x = self.in_shape
        oh, ow = self.output_spatial(x)
        _check_result_shape(self, (x[0], oh, ow, x[3]), self.out_shape)
        _check_same_type(self, "result element", _elem(self.input.type), _elem(self.result.type))
        _check_divides(self, "pe", _int(self.pe), "the channels", x[3])
        _check_mmv_lanes(self, _int(self.mmv), x[2], ow, "pe", _int(self.pe), x[3])


@irdl_op_definition
class PadOp(StreamOp):
    """Streaming padding (FINN ``FMPadding``): (N, H, W, C) to
    (N, top+H+bottom, left+W+right, C), new pixels holding ``value``;
    ``simd`` channels per cycle. ``mmv`` (FINN's name, default 1) pixels
    per beat, in and out: M consecutive pixels of a row, each whole (SIMD =
    C); M divides W and the padded width."""

    name = "dataflow.pad"
    pads = prop_def(DenseArrayBase)
    value = prop_def(FloatAttr, default_value=f32_attr(0.0))
    simd = prop_def(IntegerAttr, default_value=i64_attr(1))
    mmv = prop_def(IntegerAttr, default_value=i64_attr(1))

    def __init__(
        self,
        input: SSAValue | Operation,
        result_type: Attribute | None = None,
        *,
        pads: Sequence[int],
        value: float = 0.0,
        simd: int = 1,
        mmv: int = 1,
    ):
        """``pads`` is (top, left, bottom, right); ``result_type`` defaults
        to the padded shape."""
        if result_type is None:
            t = SSAValue.get(input).type
            assert isinstance(t, TensorType)
            result_type = TensorType(t.get_element_type(), PadOp.padded_shape(t.get_shape(), pads))
        super().__init__(
            operands=[input],
            result_types=[result_type],
            properties={"pads": i64_array(pads), "value": f32_attr(value), "simd": i64_attr(simd),
                        "mmv": i64_attr(mmv)},
        )

    @staticmethod
    def padded_shape(x: Sequence[int], pads: Sequence[int]) -> tuple[int, ...]:
        top, left, bottom, right = pads
        return (x[0], x[1] + top + bottom, x[2] + left + right, x[3])

    def verify_op(self) -> None:
        x = self.in_shape
        _check_rank(self, "input", x, 4, "N, H, W, C")
        pads = tuple(int(p) for p in self.pads.get_values())
        if len(pads) != 4:
            raise VerifyException(
                f"'dataflow.pad' pads must have 4 entries (top, left, bottom, right), got {list(pads)}"
            )
        if any(p < 0 for p in pads):
            raise VerifyException(f"'dataflow.pad' pads must be >= 0, got {list(pads)}")
        _check_result_shape(self, self.padded_shape(x, pads), self.out_shape)
        elt = _elem(self.result.type)
        _check_same_type(self, "result element", _elem(self.input.type), elt)
        value = self.value.value.data
        if not dt.allows(elt, np.array([value])):
            raise VerifyException(f"'dataflow.pad' pad value {value:g} is not in {elt}")
        _check_divides(self, "simd", _int(self.simd), "the channels", x[3])
        _check_mmv_lanes(self, _int(self.mmv), x[2], self.out_shape[2], "simd", _int(self.simd), x[3])


@irdl_op_definition
class LabelSelectOp(StreamOp):
    """Top-k label selection (FINN ``LabelSelect``): (N, L) scores to the
    (N, K) indices of the ``k`` largest, largest first; ``pe`` labels per
    cycle. Dimensions between N and L (the 1x1 pixels a CNV classifier ends
    with) are kept: (N, ..., L) to (N, ..., K)."""

    name = "dataflow.label_select"
    k = prop_def(IntegerAttr)
    pe = prop_def(IntegerAttr, default_value=i64_attr(1))

    def __init__(self, input: SSAValue | Operation, result_type: Attribute | None = None, *, k: int, pe: int = 1):
        """``result_type`` defaults to (N, ..., k) of the smallest unsigned
        type holding the label indices."""
        if result_type is None:
            t = SSAValue.get(input).type
            assert isinstance(t, TensorType)
            *lead, labels = t.get_shape()
            result_type = TensorType(dt.smallest_integer_type(0, labels - 1), (*lead, k))
        super().__init__(operands=[input], result_types=[result_type], properties={"k": i64_attr(k), "pe": i64_attr(pe)})

    def verify_op(self) -> None:
        x, y = self.in_shape, self.out_shape
        _check_min_rank(self, "input", x, 2)
        labels, k = x[-1], _int(self.k)
        if not 1 <= k <= labels:
            raise VerifyException(f"'dataflow.label_select' k must be in 1..{labels}, got {k}")
        _check_result_shape(self, (*x[:-1], k), y)
        _check_divides(self, "pe", _int(self.pe), "the labels", labels)
        out = _elem(self.result.type)
        if not dt.is_integer(out) or not dt.allows(out, np.array([0, labels - 1])):
            raise VerifyException(
                f"'dataflow.label_select' result element type must be an integer datatype "
                f"holding the indices 0..{labels - 1}, got {out}"
            )


@irdl_op_definition
class DWCOp(StreamOp):
    """Stream data-width converter (FINN ``StreamingDataWidthConverter``):
    the frame's elements pass in their order, arriving ``in_elems`` per
    beat and leaving ``out_elems`` per beat. Inserted between layers whose
    foldings differ.

    Its result may view the frame in another shape with the same number of
    elements (a reshape that changes the last dimension, such as the
    flatten before a classifier): a stream is a sequence of elements, so
    the view costs nothing beyond the width conversion; ``in_elems``
    divides the input's last dimension and ``out_elems`` the result's."""

    name = "dataflow.dwc"
    in_elems = prop_def(IntegerAttr)
    out_elems = prop_def(IntegerAttr)

    def __init__(self, input: SSAValue | Operation, *, in_elems: int, out_elems: int,
                 result_type: Attribute | None = None):
        super().__init__(
            operands=[input],
            result_types=[SSAValue.get(input).type if result_type is None else result_type],
            properties={"in_elems": i64_attr(in_elems), "out_elems": i64_attr(out_elems)},
        )

    def verify_op(self) -> None:
        _check_same_type(self, "result element", _elem(self.input.type), _elem(self.result.type))
        x, y = self.in_shape, self.out_shape
        _check_min_rank(self, "input", x, 1)
        _check_min_rank(self, "result", y, 1)
        if math.prod(x) != math.prod(y) or x[:1] != y[:1]:
            raise VerifyException(
                f"'dataflow.dwc' result shape {list(y)} must hold the input's {math.prod(x)} elements "
                f"(shape {list(x)}) with the same batch size"
            )
        _check_beat(self, "in_elems", _int(self.in_elems), x, "the last dimension")
        _check_beat(self, "out_elems", _int(self.out_elems), y, "the result's last dimension")


@irdl_op_definition
class FIFOOp(StreamOp):
    """Stream FIFO (FINN ``StreamingFIFO``): the frame unchanged, buffered
    in ``depth`` beats of ``elems`` elements each, in ``ram_style``
    memory. Inserted between layers to absorb rate differences."""

    name = "dataflow.fifo"
    depth = prop_def(IntegerAttr, default_value=i64_attr(2))
    ram_style = prop_def(StringAttr, default_value=StringAttr("auto"))
    elems = prop_def(IntegerAttr, default_value=i64_attr(1))

    def __init__(self, input: SSAValue | Operation, *, depth: int = 2, ram_style: str = "auto", elems: int = 1):
        super().__init__(
            operands=[input],
            result_types=[SSAValue.get(input).type],
            properties={"depth": i64_attr(depth), "ram_style": StringAttr(ram_style), "elems": i64_attr(elems)},
        )

    def verify_op(self) -> None:
        _check_same_type(self, "result", self.input.type, self.result.type)
        x = self.in_shape
        _check_min_rank(self, "input", x, 1)
        _check_positive(self, "depth", _int(self.depth))
        _check_enum(self, "ram_style", self.ram_style, RAM_STYLES)
        _check_beat(self, "elems", _int(self.elems), x, "the last dimension")


@irdl_op_definition
class DuplicateOp(DataflowOp):
    """Stream fork (FINN ``DuplicateStreams``): every beat of the input is
    copied to each of the two or more outputs, ``pe`` elements per beat.
    Used where a value feeds several layers (residual branches)."""

    name = "dataflow.duplicate"
    input = operand_def(TensorType)
    outputs = var_result_def(TensorType)
    pe = prop_def(IntegerAttr, default_value=i64_attr(1))
    assembly_format = "$input attr-dict `:` functional-type(operands, results)"

    def __init__(self, input: SSAValue | Operation, count: int = 2, *, pe: int = 1):
        t = SSAValue.get(input).type
        super().__init__(operands=[input], result_types=[[t] * count], properties={"pe": i64_attr(pe)})

    def verify_op(self) -> None:
        if len(self.outputs) < 2:
            raise VerifyException(
                f"'dataflow.duplicate' needs at least 2 results, got {len(self.outputs)}"
            )
        for i, res in enumerate(self.outputs):
            _check_same_type(self, f"result #{i}", self.input.type, res.type)
        x = tensor_shape(self.input.type)
        _check_min_rank(self, "input", x, 1)
        _check_beat(self, "pe", _int(self.pe), x, "the last dimension")


@irdl_op_definition
class AddStreamsOp(DataflowOp):
    """Elementwise sum of two streams of the same shape (FINN
    ``AddStreams``), ``pe`` elements per cycle: the join of a residual
    branch."""

    name = "dataflow.add_streams"
    lhs = operand_def(TensorType)
    rhs = operand_def(TensorType)
    result = result_def(TensorType)
    pe = prop_def(IntegerAttr, default_value=i64_attr(1))
    assembly_format = "$lhs `,` $rhs attr-dict `:` functional-type(operands, results)"

    def __init__(self, lhs: SSAValue | Operation, rhs: SSAValue | Operation, result_type: Attribute | None = None, *, pe: int = 1):
        """``result_type`` defaults to the smallest integer datatype holding
        every sum when both inputs are integer datatypes, else ``f32``."""
        if result_type is None:
            a, b = SSAValue.get(lhs).type, SSAValue.get(rhs).type
            assert isinstance(a, TensorType) and isinstance(b, TensorType)
            ea, eb = a.get_element_type(), b.get_element_type()
            if dt.is_integer(ea) and dt.is_integer(eb):
                lo = dt.value_range(ea)[0] + dt.value_range(eb)[0]
                hi = dt.value_range(ea)[1] + dt.value_range(eb)[1]
                elt: Attribute = dt.smallest_integer_type(lo, hi)
            else:
                elt = dt.f32
            result_type = TensorType(elt, a.get_shape())
        super().__init__(operands=[lhs, rhs], result_types=[result_type], properties={"pe": i64_attr(pe)})

    def verify_op(self) -> None:
        a, b = tensor_shape(self.lhs.type), tensor_shape(self.rhs.type)
        if a != b:
            raise VerifyException(
                f"'dataflow.add_streams' operand shapes {list(a)} and {list(b)} must be equal"
            )
        _check_result_shape(self, a, tensor_shape(self.result.type))
        _check_min_rank(self, "input", a, 1)
        _check_divides(self, "pe", _int(self.pe), "the last dimension", a[-1])
        ea, eb, out = _elem(self.lhs.type), _elem(self.rhs.type), _elem(self.result.type)
        if dt.is_integer(ea) and dt.is_integer(eb):
            lo = dt.value_range(ea)[0] + dt.value_range(eb)[0]
            hi = dt.value_range(ea)[1] + dt.value_range(eb)[1]
            if not dt.allows(out, np.array([lo, hi])):
                raise VerifyException(
                    f"'dataflow.add_streams' result element type {out} does not hold the "
                    f"sums of {ea} and {eb} ([{lo:g}, {hi:g}])"
                )


@irdl_op_definition
class ConcatOp(DataflowOp):
    """Concatenation of two or more streams along the channels, the last
    dimension (FINN ``StreamingConcat``): every vector (pixel) of the result
    holds the channels of input 0, then those of input 1, and so on. The
    inputs agree in every other dimension and share the result's element
    type; ``simd`` channels per beat, in and out, dividing the channels of
    every input."""

    name = "dataflow.concat"
    inputs = var_operand_def(TensorType)
    result = result_def(TensorType)
    simd = prop_def(IntegerAttr, default_value=i64_attr(1))
    assembly_format = "$inputs attr-dict `:` functional-type(operands, results)"

    def __init__(self, inputs: Sequence[SSAValue | Operation], result_type: Attribute | None = None, *, simd: int = 1):
        """``result_type`` defaults to the concatenation of the inputs."""
        if result_type is None:
            types = [SSAValue.get(v).type for v in inputs]
            assert all(isinstance(t, TensorType) for t in types)
            *lead, _ = types[0].get_shape()
            result_type = TensorType(types[0].get_element_type(), (*lead, sum(t.get_shape()[-1] for t in types)))
        super().__init__(operands=[inputs], result_types=[result_type], properties={"simd": i64_attr(simd)})

    @property
    def input_channels(self) -> tuple[int, ...]:
        """The channels (last dimension) of each input, in order."""
        return tuple(tensor_shape(v.type)[-1] for v in self.inputs)

    def verify_op(self) -> None:
        if len(self.inputs) < 2:
            raise VerifyException(f"'dataflow.concat' needs at least 2 inputs, got {len(self.inputs)}")
        shapes = [tensor_shape(v.type) for v in self.inputs]
        _check_min_rank(self, "input", shapes[0], 1)
        lead = shapes[0][:-1]
        for i, s in enumerate(shapes):
            if s[:-1] != lead:
                raise VerifyException(
                    f"'dataflow.concat' input #{i} shape {list(s)} must agree with input #0 shape "
                    f"{list(shapes[0])} outside the last dimension"
                )
        _check_result_shape(self, (*lead, sum(self.input_channels)), tensor_shape(self.result.type))
        out = _elem(self.result.type)
        for i, v in enumerate(self.inputs):
            if _elem(v.type) != out:
                raise VerifyException(
                    f"'dataflow.concat' input #{i} element type {_elem(v.type)} must equal the result's {out}"
                )
        for i, c in enumerate(self.input_channels):
            _check_divides(self, "simd", _int(self.simd), f"the channels of input #{i}", c)


@irdl_op_definition
class UpsampleOp(StreamOp):
    """Nearest-neighbour upsampling by integer factors (FINN
    ``UpsampleNearestNeighbour``): (N, H, W, C) to (N, H*SH, W*SW, C) with
    ``scale`` = (SH, SW); output pixel (y, x) is input pixel (y // SH,
    x // SW). ``simd`` channels per beat, in and out."""

    name = "dataflow.upsample"
    scale = prop_def(DenseArrayBase)
    simd = prop_def(IntegerAttr, default_value=i64_attr(1))

    def __init__(self, input: SSAValue | Operation, result_type: Attribute | None = None, *, scale: Sequence[int], simd: int = 1):
        """``result_type`` defaults to the upsampled shape."""
        if result_type is None:
            t = SSAValue.get(input).type
            assert isinstance(t, TensorType)
            n, h, w, c = t.get_shape()
            result_type = TensorType(t.get_element_type(), (n, h * scale[0], w * scale[1], c))
        super().__init__(
            operands=[input], result_types=[result_type], properties={"scale": i64_array(scale), "simd": i64_attr(simd)}
        )

    def verify_op(self) -> None:
        x = self.in_shape
        _check_rank(self, "input", x, 4, "N, H, W, C")
        sh, sw = _pair(self, "scale", self.scale, 1)
        _check_result_shape(self, (x[0], x[1] * sh, x[2] * sw, x[3]), self.out_shape)
        _check_same_type(self, "result element", _elem(self.input.type), _elem(self.result.type))
        _check_divides(self, "simd", _int(self.simd), "the channels", x[3])


DEPTH_TO_SPACE_MODES = ("DCR", "CRD")
"""The channel order of a depth-to-space input: (bh, bw, c) or (c, bh, bw)."""


@irdl_op_definition
class DepthToSpaceOp(StreamOp):
    """Depth to space (pixel shuffle) on NHWC: (N, H, W, B*B*C) to
    (N, H*B, W*B, C), B = ``blocksize``; output pixel (y*B + bh, x*B + bw)
    channel c is input pixel (y, x) channel (bh*B + bw)*C + c in ``DCR``
    mode, c*B*B + bh*B + bw in ``CRD`` mode (ONNX ``DepthToSpace``'s channel
    orders). ``simd`` channels per beat, in and out, dividing C."""

    name = "dataflow.depth_to_space"
    blocksize = prop_def(IntegerAttr)
    mode = prop_def(StringAttr, default_value=StringAttr("DCR"))
    simd = prop_def(IntegerAttr, default_value=i64_attr(1))

    def __init__(self, input: SSAValue | Operation, result_type: Attribute | None = None, *, blocksize: int, mode: str = "DCR", simd: int = 1):
        """``result_type`` defaults to the rearranged shape."""
        if result_type is None:
            t = SSAValue.get(input).type
            assert isinstance(t, TensorType)
            n, h, w, c = t.get_shape()
            b = blocksize
            result_type = TensorType(t.get_element_type(), (n, h * b, w * b, c // (b * b)))
        super().__init__(
            operands=[input], result_types=[result_type],
            properties={"blocksize": i64_attr(blocksize), "mode": StringAttr(mode), "simd": i64_attr(simd)},
        )

    def verify_op(self) -> None:
        x = self.in_shape
        _check_rank(self, "input", x, 4, "N, H, W, C")
        b = _int(self.blocksize)
        _check_positive(self, "blocksize", b)
        _check_enum(self, "mode", self.mode, DEPTH_TO_SPACE_MODES)
        if x[3] % (b * b):
            raise VerifyException(
                f"'dataflow.depth_to_space' input channels ({x[3]}) must be a multiple of blocksize^2 ({b * b})"
            )
        c = x[3] // (b * b)
        _check_result_shape(self, (x[0], x[1] * b, x[2] * b, c), self.out_shape)
        _check_same_type(self, "result element", _elem(self.input.type), _elem(self.result.type))
        _check_divides(self, "simd", _int(self.simd), "the output channels", c)


# --- the hardware partition --------------------------------------------------


@irdl_op_definition
class YieldOp(AbstractYieldOperation[Attribute]):
    """Terminator of a ``dataflow.partition``: the streams it hands back to
    the host, in the order of the partition's results."""

    name = "dataflow.yield"
    traits = lazy_traits_def(lambda: (IsTerminator(), HasParent(PartitionOp, OffloadOp), Pure()))


class AcceleratorOp(IRDLOperation, abc.ABC):
    """Base of the region ops that hold one accelerator: its operands are
    the tensors the host streams in; inside, they are the arguments of the
    single block, whose ops are dataflow layers, ended by a
    ``dataflow.yield`` of the tensors handed back (the op's results).
    ``sym_name`` optionally names the accelerator.

    Custom syntax (``OP`` is ``dataflow.partition`` or ``dataflow.offload``)::

        %r = OP "name" (%a = %x : tensor<...>, ...) -> (tensor<...>) {
          ...
          dataflow.yield %v : tensor<...>
        }
    """

    inputs = var_operand_def(TensorType)
    sym_name = opt_prop_def(StringAttr)
    outputs = var_result_def(TensorType)
    body = region_def("single_block")
    traits = traits_def(IsolatedFromAbove(), RecursiveMemoryEffect())

    def __init__(
        self,
        inputs: Sequence[SSAValue | Operation],
        result_types: Sequence[Attribute],
        body: Region | Block | None = None,
        *,
        sym_name: str | None = None,
    ):
        """Without ``body``, the op gets an empty block whose arguments
        match ``inputs``; fill it through :attr:`block`."""
        if body is None:
            body = Block(arg_types=[SSAValue.get(v).type for v in inputs])
        if isinstance(body, Block):
            body = Region(body)
        props: dict[str, Attribute] = {}
        if sym_name is not None:
            props["sym_name"] = StringAttr(sym_name)
        super().__init__(operands=[inputs], result_types=[result_types], regions=[body], properties=props)

    @property
    def block(self) -> Block:
        return self.body.block

    def yield_op(self) -> YieldOp | None:
        last = self.body.blocks.first.last_op if self.body.blocks.first else None
        return last if isinstance(last, YieldOp) else None

    def verify_(self) -> None:
        for i, operand in enumerate(self.inputs):
            _check_element_type(self.name, f"operand #{i}", operand.type)
        for i, res in enumerate(self.outputs):
            _check_element_type(self.name, f"result #{i}", res.type)
        block = self.body.block
        arg_types = [a.type for a in block.args]
        in_types = [v.type for v in self.inputs]
        if arg_types != in_types:
            raise VerifyException(
                f"'{self.name}' block argument types ({', '.join(map(str, arg_types))}) "
                f"must equal the operand types ({', '.join(map(str, in_types))})"
            )
        yield_op = self.yield_op()
        if yield_op is None:
            raise VerifyException(f"'{self.name}' body must end with a 'dataflow.yield'")
        for op in block.ops:
            if op is not yield_op and not isinstance(op, DataflowOp | EngineOp):
                raise VerifyException(
                    f"'{self.name}' body may only contain dataflow layer ops, got '{op.name}'"
                )
        yielded = [v.type for v in yield_op.arguments]
        out_types = [r.type for r in self.outputs]
        if yielded != out_types:
            raise VerifyException(
                f"'{self.name}' yielded types ({', '.join(map(str, yielded))}) "
                f"must equal the result types ({', '.join(map(str, out_types))})"
            )
        self.verify_layers([op for op in block.ops if op is not yield_op])

    @abc.abstractmethod
    def verify_layers(self, ops: list[Operation]) -> None:
        """The architecture's own rules on the ops of the body."""

    def print(self, printer: Printer) -> None:
        if self.sym_name is not None:
            printer.print_string(" ")
            printer.print_string_literal(self.sym_name.data)
        entry = self.body.blocks.first
        args = entry.args if entry is not None else ()

        def print_input(pair: tuple[SSAValue, SSAValue]) -> None:
            arg, value = pair
            printer.print_ssa_value(arg)
            printer.print_string(" = ")
            printer.print_ssa_value(value)
            printer.print_string(" : ")
            printer.print_attribute(value.type)

        printer.print_string(" (")
        printer.print_list(zip(args, self.inputs), print_input)
        printer.print_string(") -> (")
        printer.print_list(self.outputs.types, printer.print_attribute)
        printer.print_string(")")
        printer.print_op_attributes(self.attributes, print_keyword=True)
        printer.print_string(" ")
        printer.print_region(self.body, print_entry_block_args=False)

    @classmethod
    def parse(cls, parser: Parser) -> AcceleratorOp:
        sym_name = parser.parse_optional_str_literal()

        def parse_input() -> tuple[Parser.Argument, SSAValue]:
            arg = parser.parse_argument(expect_type=False)
            parser.parse_punctuation("=")
            operand = parser.parse_unresolved_operand()
            parser.parse_punctuation(":")
            t = parser.parse_type()
            return arg.resolve(t), parser.resolve_operand(operand, t)

        pairs = parser.parse_comma_separated_list(parser.Delimiter.PAREN, parse_input)
        parser.parse_punctuation("->")
        result_types = parser.parse_comma_separated_list(parser.Delimiter.PAREN, parser.parse_type)
        attrs = parser.parse_optional_attr_dict_with_keyword()
        body = parser.parse_region([arg for arg, _ in pairs])
        op = cls([v for _, v in pairs], result_types, body, sym_name=sym_name)
        if attrs is not None:
            op.attributes |= attrs.data
        return op


@irdl_op_definition
class PartitionOp(AcceleratorOp):
    """The hardware part of a network as a dataflow accelerator (FINN's
    dataflow partition): one engine per layer, all working at once, each
    streaming into the next. Its layers bind to no shared engine."""

    name = "dataflow.partition"

    def verify_layers(self, ops: list[Operation]) -> None:
        for op in ops:
            if isinstance(op, WeightedOp) and op.engine is not None:
                raise VerifyException(
                    f"'dataflow.partition' layers have engines of their own; '{op.name}' names "
                    f"the shared engine {op.engine} (shared engines belong in a 'dataflow.offload')"
                )


@irdl_op_definition
class OffloadOp(AcceleratorOp):
    """The hardware part of a network as a multi-layer-offload accelerator
    (FINN-R's MO architecture): a few shared compute engines
    (``dataflow.engine``) run the layers one after the other; every
    weighted layer names the engine it runs on, whose PE and SIMD it takes
    (its dimensions padded up to them), and reads its weights from off-chip
    memory (``mem_mode = "external"``). Activations go through off-chip
    memory between layers, so there are no FIFOs or width converters; the
    other layers (sliding windows, pooling, thresholds, label select) are
    the address generation and output stage around the engines."""

    name = "dataflow.offload"

    def verify_layers(self, ops: list[Operation]) -> None:
        engines: dict[str, EngineOp] = {}
        for op in ops:
            if isinstance(op, EngineOp):
                if op.sym_name.data in engines:
                    raise VerifyException(f"'dataflow.offload' defines the engine @{op.sym_name.data} twice")
                engines[op.sym_name.data] = op
        for op in ops:
            if isinstance(op, FIFOOp | DWCOp) and op.input.type == op.result.type:
                raise VerifyException(
                    f"'dataflow.offload' layers exchange activations through off-chip memory; "
                    f"'{op.name}' has no place in it"
                )
            if not isinstance(op, WeightedOp):
                continue
            if op.engine is None:
                raise VerifyException(f"'{op.name}' in a 'dataflow.offload' must name its shared engine (engine = @...)")
            engine = engines.get(op.engine.root_reference.data)
            if engine is None:
                raise VerifyException(f"'{op.name}' names the engine {op.engine}, which this 'dataflow.offload' does not define")
            engine.check_layer(op)


@irdl_op_definition
class EngineOp(IRDLOperation):
    """A shared compute engine of a ``dataflow.offload``: an MVAU (or VVAU,
    ``kind``) of ``pe`` x ``simd`` lanes for weights of up to ``wbits`` and
    inputs of up to ``abits`` bits (signed when either datatype of a layer is
    signed), with a threshold output stage for outputs of up to ``obits``
    bits (0: no thresholds, the accumulators leave as they are). The layers that name it (``engine = @sym_name``) run on it one
    after the other."""

    name = "dataflow.engine"
    sym_name = prop_def(SymbolNameConstraint())
    kind = prop_def(StringAttr, default_value=StringAttr("mvau"))
    pe = prop_def(IntegerAttr)
    simd = prop_def(IntegerAttr)
    wbits = prop_def(IntegerAttr)
    abits = prop_def(IntegerAttr)
    obits = prop_def(IntegerAttr, default_value=i64_attr(0))
    irdl_options = (ParsePropInAttrDict(),)
    assembly_format = "$sym_name attr-dict"
    traits = lazy_traits_def(lambda: (HasParent(OffloadOp), SymbolOpInterface()))

    def __init__(self, sym_name: str, *, kind: str = "mvau", pe: int, simd: int, wbits: int, abits: int, obits: int = 0):
        super().__init__(properties={
            "sym_name": StringAttr(sym_name), "kind": StringAttr(kind), "pe": i64_attr(pe),
            "simd": i64_attr(simd), "wbits": i64_attr(wbits), "abits": i64_attr(abits), "obits": i64_attr(obits),
        })

    def verify_(self) -> None:
        _check_enum(self, "kind", self.kind, tuple(ENGINE_OPS))
        for what in ("pe", "simd", "wbits", "abits"):
            _check_positive(self, what, _int(getattr(self, what)))

    def check_layer(self, op: WeightedOp) -> None:
        """Raise unless ``op`` can run on this engine."""
        at = f"'{op.name}' on engine @{self.sym_name.data}"
        if type(op) is not ENGINE_OPS.get(self.kind.data):
            raise VerifyException(f"{at}: a {self.kind.data} engine cannot run it")
        if (_int(op.pe), _int(op.simd)) != (_int(self.pe), _int(self.simd)):
            raise VerifyException(
                f"{at}: its pe/simd ({_int(op.pe)}, {_int(op.simd)}) must be the engine's "
                f"({_int(self.pe)}, {_int(self.simd)})"
            )
        wbits, abits = dt.bitwidth(op.weight_dtype), dt.bitwidth(_elem(op.input.type))
        if wbits > _int(self.wbits) or abits > _int(self.abits):
            raise VerifyException(
                f"{at}: its {wbits}-bit weights and {abits}-bit inputs exceed the engine's "
                f"{_int(self.wbits)} and {_int(self.abits)} bits"
            )
        if op.thresholds is not None and dt.bitwidth(_elem(op.result.type)) > _int(self.obits):
            raise VerifyException(
                f"{at}: its {dt.bitwidth(_elem(op.result.type))}-bit thresholded outputs exceed the engine's "
                f"{_int(self.obits)}-bit output stage"
            )
        if op.mem_mode.data != "external":
            raise VerifyException(f"{at}: weights of a shared engine are streamed from off-chip memory (mem_mode = \"external\")")


Dataflow = Dialect(
    "dataflow",
    [
        PartitionOp,
        OffloadOp,
        EngineOp,
        YieldOp,
        MVAUOp,
        VVAUOp,
        SWUOp,
        ThresholdingOp,
        MaxPoolOp,
        PadOp,
        LabelSelectOp,
        DWCOp,
        FIFOOp,
        DuplicateOp,
        AddStreamsOp,
        ConcatOp,
        UpsampleOp,
        DepthToSpaceOp,
    ],
    [],
)
