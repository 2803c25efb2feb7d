"""``qnn-infer-datatypes``: give every tensor the narrowest exact datatype.

A forward range analysis over the qnn ops of each function: integer
quantizers with unit scale, thresholds with integer scale and bias, and
integer constants start integer ranges; matmul and conv accumulate them
(per output channel when the weights are constant, FINN's accumulator
minimization), add/sub/mul combine intervals, relu clips, and data movement
(reshape, transpose, pad, concat, im2col, maxpool, depth_to_space,
space_to_depth, resize, slice, split) keeps them; clip clips them. Each result
whose range is integer gets the narrowest ``!qnn.int<n>``/``!qnn.uint<n>``
holding it (``!qnn.bipolar`` where the values are exactly {-1, +1}); a
declared datatype that is already as narrow is kept. Anything touching a
float stays ``f32``, and values returned by a function keep their type (the
signature fixes it)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from xdsl.context import Context
from xdsl.dialects import func
from xdsl.dialects.builtin import ModuleOp, TensorType
from xdsl.ir import Attribute, Operation, SSAValue
from xdsl.passes import ModulePass
from xdsl.rewriter import Rewriter

from finnr.dialects import datatypes as dt
from finnr.dialects import qnn
from finnr.dialects.utils import numpy_from_dense
from finnr.passes.utils import constant_of, element_type, has_func_return_use


@dataclass
class _Info:
    """Inclusive integer bounds of a tensor's values."""

    lo: float
    hi: float
    bipolar: bool = False


def _info_of_type(t: Attribute) -> _Info | None:
    elt = t.get_element_type() if isinstance(t, TensorType) else t
    if isinstance(elt, dt.DataType) and elt.is_integer:
        return _Info(elt.min_value, elt.max_value, isinstance(elt, dt.BipolarType))
    return None


def _type_of(info: _Info) -> dt.DataType:
    if info.bipolar:
        return dt.BipolarType()
    return dt.smallest_integer_type(info.lo, info.hi)


def _products(a: _Info, b_lo: np.ndarray, b_hi: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    cands = np.stack([a.lo * b_lo, a.lo * b_hi, a.hi * b_lo, a.hi * b_hi])
    return cands.min(axis=0), cands.max(axis=0)


class _Analysis:
    def __init__(self):
        self.info: dict[SSAValue, _Info] = {}

    def get(self, v: SSAValue) -> _Info | None:
        if v in self.info:
            return self.info[v]
        return _info_of_type(v.type)

    def visit(self, op: Operation) -> list[_Info | None]:
        ins = [self.get(v) for v in op.operands]
        if isinstance(op, qnn.ConstantOp):
            vals = op.numpy()
            if vals.size and np.all(vals == np.round(vals)):
                bip = bool(np.all(np.abs(vals) == 1)) and isinstance(element_type(op.result), dt.BipolarType)
                return [_Info(float(vals.min()), float(vals.max()), bip)]
            return [None]
        if isinstance(op, qnn.QuantOp):
            scale = numpy_from_dense(op.scale)
            zp = numpy_from_dense(op.zeropt)
            if not (np.all(scale == 1) and np.all(zp == 0)):
                return [None]
            bits, signed = op.bitwidth.value.data, bool(op.signed.value.data)
            if bits == 1 and signed:
                return [_Info(-1, 1, True)]
            from finnr.interpreter.numeric import int_range

            lo, hi = int_range(bits, signed, bool(op.narrow.value.data))
            return [_Info(lo, hi)]
        if isinstance(op, qnn.BipolarQuantOp):
            return [_Info(-1, 1, True)] if np.all(numpy_from_dense(op.scale) == 1) else [None]
        if isinstance(op, qnn.MultiThresholdOp):
            s, b = op.out_scale.value.data, op.out_bias.value.data
            n = op.thresholds.type.get_shape()[1]
            if s != round(s) or b != round(b):
                return [None]
            lo, hi = sorted((b, b + s * n))
            return [_Info(lo, hi, n == 1 and s == 2 and b == -1)]
        if any(i is None for i in ins):
            return [None] * len(op.results)
        if isinstance(op, qnn.MatMulOp | qnn.ConvOp):
            return [self._accumulate(op, ins)]
        if isinstance(op, qnn.AddOp | qnn.SubOp | qnn.MulOp):
            a, b = ins
            if isinstance(op, qnn.AddOp):
                return [_Info(a.lo + b.lo, a.hi + b.hi)]
            if isinstance(op, qnn.SubOp):
                return [_Info(a.lo - b.hi, a.hi - b.lo)]
            lo, hi = _products(a, np.float64(b.lo), np.float64(b.hi))
            return [_Info(float(lo), float(hi), a.bipolar and b.bipolar)]
        if isinstance(op, qnn.ReluOp):
            (a,) = ins
            return [_Info(max(a.lo, 0), max(a.hi, 0))]
        if isinstance(op, qnn.ClipOp):
            (a,) = ins
            lo, hi = op.bounds()
            if any(np.isfinite(b) and b != round(b) for b in (lo, hi)):
                return [None]  # a fractional bound makes clipped values fractional
            return [_Info(min(max(a.lo, lo), hi), max(min(a.hi, hi), lo))]
        if isinstance(op, qnn.SignOp):
            (a,) = ins
            return [_Info(-1 if a.lo < 0 else (0 if a.lo == 0 else 1), 1 if a.hi > 0 else (0 if a.hi == 0 else -1), a.bipolar)]
        if isinstance(op, qnn.ReshapeOp | qnn.TransposeOp | qnn.MaxPoolOp | qnn.Im2ColOp | qnn.BlockRearrangeOp | qnn.ResizeOp | qnn.SliceOp):
            return [ins[0]]
        if isinstance(op, qnn.SplitOp):
            return [ins[0]] * len(op.results)
        if isinstance(op, qnn.PadOp):
            v = op.value.value.data
            (a,) = ins
            if v != round(v):
                return [None]
            return [_Info(min(a.lo, v), max(a.hi, v), a.bipolar and abs(v) == 1)]
        if isinstance(op, qnn.ConcatOp):
            return [_Info(min(i.lo for i in ins), max(i.hi for i in ins), all(i.bipolar for i in ins))]
        if isinstance(op, qnn.TopKOp):
            return [ins[0], None]
        return [None] * len(op.results)

    def _accumulate(self, op: qnn.MatMulOp | qnn.ConvOp, ins: list[_Info]) -> _Info:
        a = ins[0]
        if isinstance(op, qnn.ConvOp) and any(op.pads.get_values()):
            a = _Info(min(a.lo, 0), max(a.hi, 0))  # zero padding enters the sums
        w_value = op.operands[1]
        w = constant_of(w_value)
        if isinstance(op, qnn.MatMulOp):
            k = w_value.type.get_shape()[-2] if len(w_value.type.get_shape()) > 1 else w_value.type.get_shape()[0]
        else:
            k = int(np.prod(w_value.type.get_shape()[1:]))
        if w is not None:
            w = np.asarray(w, np.float64)
            lo, hi = _products(a, w, w)
            if isinstance(op, qnn.MatMulOp):
                axis = -2 if w.ndim > 1 else 0
                lo_sum, hi_sum = lo.sum(axis=axis), hi.sum(axis=axis)
            else:
                axes = tuple(range(1, w.ndim))
                lo_sum, hi_sum = lo.sum(axis=axes), hi.sum(axis=axes)
            lo_t, hi_t = float(lo_sum.min()), float(hi_sum.max())
        else:
            b = ins[1]
            plo, phi = _products(a, np.float64(b.lo), np.float64(b.hi))
            lo_t, hi_t = k * float(plo), k * float(phi)
        if isinstance(op, qnn.ConvOp) and op.bias is not None:
            bias = ins[2]
            lo_t, hi_t = lo_t + bias.lo, hi_t + bias.hi
        return _Info(lo_t, hi_t)


def _narrower_or_equal(declared: Attribute, inferred: dt.DataType) -> bool:
    """Whether a declared element type already says at least as much."""
    if not isinstance(declared, dt.DataType) or not declared.is_integer:
        return False
    if isinstance(declared, dt.BipolarType):
        return isinstance(inferred, dt.BipolarType)
    return (
        declared.bitwidth <= inferred.bitwidth
        and declared.min_value >= inferred.min_value
        and declared.max_value <= inferred.max_value
    )


def infer_function(fn: func.FuncOp) -> None:
    analysis = _Analysis()
    for op in fn.body.walk():
        if not isinstance(op, qnn.QnnOp):
            continue
        for res, info in zip(list(op.results), analysis.visit(op)):
            if info is None or not isinstance(res.type, TensorType):
                continue
            if not np.isfinite(info.lo) or not np.isfinite(info.hi):
                continue
            try:
                inferred = _type_of(info)
            except ValueError:  # wider than 32 bits: leave it alone
                continue
            analysis.info[res] = info
            declared = element_type(res)
            if declared == inferred or _narrower_or_equal(declared, inferred) or has_func_return_use(res):
                continue
            if isinstance(op, qnn.ConstantOp) and isinstance(declared, dt.DataType):
                continue
            new = Rewriter.replace_value_with_new_type(res, TensorType(inferred, res.type.get_shape()))
            new.name_hint = res.name_hint
            analysis.info[new] = info
            if isinstance(op, qnn.ConstantOp):
                _restore_constant_storage(op, inferred)


def _restore_constant_storage(op: qnn.ConstantOp, t: dt.DataType) -> None:
    """A constant narrowed from f32 to an integer type stores integers."""
    from finnr.dialects.utils import dense_from_numpy

    op.properties["value"] = dense_from_numpy(np.asarray(np.rint(op.numpy()), dtype=np.int64))


@dataclass(frozen=True)
class QnnInferDatatypes(ModulePass):
    """Give every tensor the narrowest exact datatype (range analysis)."""

    name = "qnn-infer-datatypes"

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        for f in op.walk():
            if isinstance(f, func.FuncOp):
                infer_function(f)
