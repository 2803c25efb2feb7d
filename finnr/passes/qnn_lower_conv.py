"""``qnn-lower-conv``: a convolution becomes a sliding window and a matrix
product on NHWC tensors, with its padding made explicit.

``conv(x, W, b)`` (NCHW, group 1) becomes::

    transpose(x) to NHWC -> pad (if any) -> im2col -> matmul(W') -> add(b) -> transpose back to NCHW

where ``W'`` is W reordered to (kh, kw, c) x M, matching im2col's window
order; the weights keep their datatype (folded when constant, else a
transpose and reshape). The padding value is 0, which the pad's datatype must
hold. NHWC convolutions skip the transposes. Grouped and depthwise
convolutions are refused (they become vector-vector units in the dataflow
dialect). ``qnn-move-transposes`` then removes the transposes between layers.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from xdsl.context import Context
from xdsl.dialects.builtin import ModuleOp, TensorType
from xdsl.ir import Operation, SSAValue
from xdsl.passes import ModulePass
from xdsl.pattern_rewriter import PatternRewriter, RewritePattern, op_type_rewrite_pattern

from finnr.dialects import datatypes as dt
from finnr.dialects import qnn
from finnr.passes.utils import apply_patterns, constant_of, element_type, make_constant

TO_NHWC = lambda rank: [0, *range(2, rank), 1]  # noqa: E731
TO_NCHW = lambda rank: [0, rank - 1, *range(1, rank - 1)]  # noqa: E731


def _transposed(v: SSAValue, perm: list[int]) -> qnn.TransposeOp:
    shape = v.type.get_shape()
    return qnn.TransposeOp(v, TensorType(element_type(v), [shape[p] for p in perm]), perm=perm)


class LowerConv(RewritePattern):
    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: qnn.ConvOp, rewriter: PatternRewriter, /):
        if op.group.value.data != 1:
            return
        w_shape = op.weights.type.get_shape()
        m, c, kernel = w_shape[0], w_shape[1], tuple(w_shape[2:])
        rank = len(op.input.type.get_shape())
        nsp = rank - 2
        nhwc = op.data_layout.data == "NHWC"
        x_elt = element_type(op.input)
        pads = list(op.pads.get_values())
        if any(pads) and not dt.allows(x_elt, np.zeros(1)):
            return  # zero padding is not a value of this datatype (e.g. bipolar)
        new: list[Operation] = []
        x = op.input
        if not nhwc:
            t = _transposed(x, TO_NHWC(rank))
            new.append(t)
            x = t.result
        if any(pads):
            xs = x.type.get_shape()
            full = [0, *pads[:nsp], 0, 0, *pads[nsp:], 0]
            out = [d + full[i] + full[i + rank] for i, d in enumerate(xs)]
            p = qnn.PadOp(x, TensorType(x_elt, out), pads=full, value=0.0)
            new.append(p)
            x = p.result
        xs = x.type.get_shape()
        res_shape = op.result.type.get_shape()
        out_spatial = res_shape[1:-1] if nhwc else res_shape[2:]
        cols_type = TensorType(x_elt, (xs[0], *out_spatial, math.prod(kernel) * c))
        cols = qnn.Im2ColOp(x, cols_type, kernel_shape=kernel, strides=op.strides.get_values(), dilations=op.dilations.get_values())
        new.append(cols)
        w_elt = element_type(op.weights)
        perm = [*range(2, 2 + nsp), 1, 0]
        w = constant_of(op.weights)
        if w is not None:
            wc = make_constant(np.transpose(np.asarray(w), perm).reshape(-1, m), w_elt)
            new.append(wc)
            w_mat = wc.result
        else:
            wt = _transposed(op.weights, perm)
            wr = qnn.ReshapeOp(wt.result, TensorType(w_elt, (math.prod(kernel) * c, m)))
            new += [wt, wr]
            w_mat = wr.result
        y_shape = (xs[0], *out_spatial, m)
        acc_elt = element_type(op.result)
        mm = qnn.MatMulOp(cols.result, w_mat, TensorType(acc_elt, y_shape))
        new.append(mm)
        y = mm.result
        if op.bias is not None:
            add = qnn.AddOp(y, op.bias, TensorType(acc_elt, y_shape))
            new.append(add)
            y = add.result
        if not nhwc:
            back = qnn.TransposeOp(y, op.result.type, perm=TO_NCHW(rank))
            new.append(back)
        rewriter.replace(op, new)


@dataclass(frozen=True)
class QnnLowerConv(ModulePass):
    """Convolutions become NHWC sliding windows (im2col) and matrix products, padding explicit."""

    name = "qnn-lower-conv"

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        apply_patterns(op, LowerConv())
