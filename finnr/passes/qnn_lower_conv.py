"""``qnn-lower-conv``: a convolution becomes a sliding window and a matrix
product on NHWC tensors, with its padding made explicit.

``conv(x, W, b)`` (NCHW, group 1) becomes::

    transpose(x) to NHWC -> pad (if any) -> im2col -> matmul(W') -> add(b) -> transpose back to NCHW

where ``W'`` is W reordered to (kh, kw, c) x M, matching im2col's window
order; the weights keep their datatype (folded when constant, else a
transpose and reshape). The padding value is 0, which the pad's datatype must
hold. NHWC convolutions skip the transposes.

A depthwise convolution (group = C = M) keeps the same window but its
product is ``qnn.depthwise_dot`` with W reshaped to (C, kh*kw): one dot
product per channel (the VVAU form, ``dataflow.swu`` + ``dataflow.vvau``).
Any other grouped convolution (1 < group, or a depthwise multiplier M > C)
with constant weights becomes one matmul with a block-diagonal (kh, kw, c)
x M weight matrix: output channel m reads only the input channels of its
group (zeros elsewhere; bipolar weights widen to the integer type holding
-1, 0, +1), so it is an MVAU like a dense conv. A grouped
convolution with non-constant weights is refused.
``qnn-move-transposes`` then removes the transposes between layers.
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


def _block_diagonal(w: np.ndarray, group: int) -> np.ndarray:
    """Grouped conv weights (M, C/group, k...) as one (k..., C) x M matrix
    in im2col's window order, zero outside each output channel's group."""
    m, cg, kernel = w.shape[0], w.shape[1], w.shape[2:]
    mg = m // group
    full = np.zeros((*kernel, cg * group, m), dtype=w.dtype)
    nsp = len(kernel)
    per = np.transpose(w, [*range(2, 2 + nsp), 1, 0])  # (k..., C/group, M)
    for g in range(group):
        full[..., g * cg:(g + 1) * cg, g * mg:(g + 1) * mg] = per[..., g * mg:(g + 1) * mg]
    return full.reshape(-1, m)


class LowerConv(RewritePattern):
    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: qnn.ConvOp, rewriter: PatternRewriter, /):
        group = op.group.value.data
        w_shape = op.weights.type.get_shape()
        m, c, kernel = w_shape[0], w_shape[1] * group, tuple(w_shape[2:])
        depthwise = group > 1 and group == c == m
        w = constant_of(op.weights)
        if group > 1 and not depthwise and w is None:
            return  # a block-diagonal matrix needs constant weights
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
        y_shape = (xs[0], *out_spatial, m)
        acc_elt = element_type(op.result)
        if depthwise:
            y = self._depthwise(op, cols.result, w, w_elt, kernel, TensorType(acc_elt, y_shape), new)
            self._finish(op, y, nhwc, rank, new, rewriter)
            return
        perm = [*range(2, 2 + nsp), 1, 0]
        if w is not None and group > 1:
            if not dt.allows(w_elt, np.zeros(1)):  # bipolar: the zeros need a wider type
                w_elt = dt.smallest_integer_type(min(float(np.min(w)), 0.0), max(float(np.max(w)), 0.0))
            wc = make_constant(_block_diagonal(np.asarray(w), group), w_elt)
            new.append(wc)
            w_mat = wc.result
        elif w is not None:
            wc = make_constant(np.transpose(np.asarray(w), perm).reshape(-1, m), w_elt)
            new.append(wc)
            w_mat = wc.result
        else:
            wt = _transposed(op.weights, perm)
            wr = qnn.ReshapeOp(wt.result, TensorType(w_elt, (math.prod(kernel) * c, m)))
            new += [wt, wr]
            w_mat = wr.result
        mm = qnn.MatMulOp(cols.result, w_mat, TensorType(acc_elt, y_shape))
        new.append(mm)
        self._finish(op, mm.result, nhwc, rank, new, rewriter)

    @staticmethod
    def _depthwise(op: qnn.ConvOp, cols: SSAValue, w, w_elt, kernel, result_type, new: list[Operation]) -> SSAValue:
        m, k = op.weights.type.get_shape()[0], math.prod(kernel)
        if w is not None:
            wc = make_constant(np.asarray(w).reshape(m, k), w_elt)
            new.append(wc)
            w_mat = wc.result
        else:
            wr = qnn.ReshapeOp(op.weights, TensorType(w_elt, (m, k)))
            new.append(wr)
            w_mat = wr.result
        dot = qnn.DepthwiseDotOp(cols, w_mat, result_type)
        new.append(dot)
        return dot.result

    @staticmethod
    def _finish(op: qnn.ConvOp, y: SSAValue, nhwc: bool, rank: int, new: list[Operation], rewriter: PatternRewriter) -> None:
        y_shape = y.type.get_shape()
        acc_elt = element_type(op.result)
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
