"""``qnn-fold-quant-weights``: quantizers applied to constants become integer
constants with their scale factored out.

``qnn.quant(W)`` with W constant is ``(q - zeropt) * scale`` for the integers
``q``; it becomes ``qnn.constant (q - zeropt) : tensor<...x!qnn.int<b>>``
followed by ``qnn.mul`` with the scale (omitted when the scale is 1 and no
function result needs the f32 type). A 1-bit signed quantizer gives
``!qnn.bipolar`` weights, and so does ``qnn.bipolar_quant``. The float32
product of the integer constant and the scale is bit-identical to what the
quantizer computed. Quantizers with a non-integer zero point are refused
(their values are not integers times a scale)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from xdsl.context import Context
from xdsl.dialects.builtin import ModuleOp
from xdsl.ir import Attribute, Operation
from xdsl.passes import ModulePass
from xdsl.pattern_rewriter import PatternRewriter, RewritePattern, op_type_rewrite_pattern

from finnr.dialects import datatypes as dt
from finnr.dialects import qnn
from finnr.dialects.utils import numpy_from_dense
from finnr.interpreter import numeric
from finnr.passes.utils import apply_patterns, constant_of, has_func_return_use, make_constant


def _replace_with_scaled(op: Operation, rewriter: PatternRewriter, q: np.ndarray, qtype: Attribute, scale: np.ndarray) -> None:
    """Replace ``op`` by ``constant(q) : qtype`` times ``scale``."""
    const = make_constant(q, qtype)
    if np.all(scale == 1) and not has_func_return_use(op.results[0]):
        rewriter.replace(op, [const])
        return
    s = make_constant(scale.astype(np.float32))
    mul = qnn.MulOp(const.result, s.result, op.results[0].type)
    rewriter.replace(op, [const, s, mul])


class FoldQuantOfConstant(RewritePattern):
    """quant(constant W) -> constant(q - zeropt) * scale."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: qnn.QuantOp, rewriter: PatternRewriter, /):
        w = constant_of(op.input)
        if w is None:
            return
        zp = numpy_from_dense(op.zeropt).astype(np.float32)
        if not np.all(zp == np.round(zp)):
            return
        scale = numpy_from_dense(op.scale).astype(np.float32)
        bits = op.bitwidth.value.data
        signed, narrow = bool(op.signed.value.data), bool(op.narrow.value.data)
        y = numeric.quant_int(np.asarray(w, np.float32), scale, zp, bits, signed, narrow, op.rounding_mode.data)
        q = (y - zp).astype(np.float64)
        if bits == 1 and signed and np.all(zp == 0):
            qtype: Attribute = dt.BipolarType()
        else:
            # a 1-bit signed quantizer is a sign: its levels are -1 and +1
            lo, hi = (-1, 1) if bits == 1 and signed else numeric.int_range(bits, signed, narrow)
            qtype = dt.smallest_integer_type(lo - float(zp.max()), hi - float(zp.min()))
            if np.all(zp == 0):
                qtype = dt.IntType(bits) if signed else dt.UIntType(bits)
        _replace_with_scaled(op, rewriter, np.broadcast_to(q, op.results[0].type.get_shape()), qtype, scale)


class FoldBipolarQuantOfConstant(RewritePattern):
    """bipolar_quant(constant W) -> constant(sign W : bipolar) * scale."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: qnn.BipolarQuantOp, rewriter: PatternRewriter, /):
        w = constant_of(op.input)
        if w is None:
            return
        q = np.where(np.asarray(w) >= 0, 1, -1)
        scale = numpy_from_dense(op.scale).astype(np.float32)
        _replace_with_scaled(op, rewriter, q, dt.BipolarType(), scale)


@dataclass(frozen=True)
class QnnFoldQuantWeights(ModulePass):
    """Quantizers on constants become integer (or bipolar) constants times their scale."""

    name = "qnn-fold-quant-weights"

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        apply_patterns(op, FoldQuantOfConstant(), FoldBipolarQuantOfConstant())
