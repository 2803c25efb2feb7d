"""``qnn-move-transposes``: sink layout transposes towards the outputs until
they cancel, so that a lowered network streams NHWC from layer to layer.

Patterns:

- ``transpose(transpose(x, p), q)`` composes; the identity disappears
- a transpose that moves only size-1 axes is a ``qnn.reshape`` (unless
  its only user is an op it sinks past)
- ``multithreshold(transpose(x))`` -> ``transpose(multithreshold'(x))``,
  the thresholds' channel axis followed through the permutation (refused
  when it lands on neither axis 1 nor the last axis)
- ``maxpool(transpose(x))`` from NHWC to NCHW -> ``transpose(maxpool(x))``
  in NHWC
- ``relu``/``sign`` and constant ``add``/``sub``/``mul``/``div`` swap with a
  transpose (the constant is permuted along)
- ``add``/``sub``/``mul``/``div`` of two transposes with the same
  permutation (a residual join) -> one transpose of the joined inputs
- a transpose with several users becomes one transpose per user (a
  value that feeds two branches), so that each copy can sink on its own
  branch; only when every user is an op one of these patterns moves a
  transpose past (or another transpose)
- ``matmul(reshape(transpose(x)), W)`` flattening to (N, K) with W constant
  -> ``matmul(reshape(x), W')``: the rows of W are permuted instead.
- ``depth_to_space``/``space_to_depth`` of an NHWC-to-NCHW transpose (or
  NCHW-to-NHWC) run in the other ``data_layout``; a nearest ``resize``
  swaps with any transpose (its scales permuted along); a ``concat`` of
  transposes with one permutation concatenates before it (the axis
  followed through the permutation).

Every pattern moves data without changing any value, so the rewrite is
exact. The transpose must have no other user (but for the split).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from xdsl.context import Context
from xdsl.dialects.builtin import ModuleOp, StringAttr, TensorType
from xdsl.ir import Operation
from xdsl.passes import ModulePass
from xdsl.pattern_rewriter import PatternRewriter, RewritePattern, op_type_rewrite_pattern
from xdsl.rewriter import InsertPoint

from finnr.dialects import qnn
from finnr.dialects.utils import numpy_from_dense
from finnr.passes.utils import apply_patterns, constant_of, element_type, has_func_return_use, make_constant


def _perm(op: qnn.TransposeOp) -> list[int]:
    return list(op.perm.get_values())


def _permuted_type(t: TensorType, perm: list[int], elt=None) -> TensorType:
    shape = t.get_shape()
    return TensorType(elt if elt is not None else t.get_element_type(), [shape[p] for p in perm])


def _inverse(perm: list[int]) -> list[int]:
    inv = [0] * len(perm)
    for i, p in enumerate(perm):
        inv[p] = i
    return inv


class ComposeTransposes(RewritePattern):
    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: qnn.TransposeOp, rewriter: PatternRewriter, /):
        inner = op.input.owner
        if not isinstance(inner, qnn.TransposeOp) or not op.input.has_one_use():
            return
        p, q = _perm(inner), _perm(op)
        composed = [p[i] for i in q]
        x = inner.input
        if composed == list(range(len(composed))):
            if x.type != op.result.type and has_func_return_use(op.result):
                return
            rewriter.replace(op, [], [x])
        else:
            rewriter.replace(op, [qnn.TransposeOp(x, op.result.type, perm=composed)])
        rewriter.erase(inner)


class TrivialTransposeToReshape(RewritePattern):
    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: qnn.TransposeOp, rewriter: PatternRewriter, /):
        shape = op.input.type.get_shape()
        moved = [p for p in _perm(op) if shape[p] != 1]
        if moved != sorted(moved):
            return
        if op.result.has_one_use() and isinstance(
            next(iter(op.result.uses)).operation,
            qnn.MultiThresholdOp | qnn.MaxPoolOp | qnn.UnaryElementwiseOp | qnn.BinaryElementwiseOp
            | qnn.BlockRearrangeOp | qnn.ResizeOp,
        ):
            return  # the sink patterns move it on (a reshape would stop there)
        rewriter.replace(op, [qnn.ReshapeOp(op.input, op.result.type)])


def _sinkable(op: Operation, index: int = 0) -> qnn.TransposeOp | None:
    src = op.operands[index].owner
    if isinstance(src, qnn.TransposeOp) and op.operands[index].has_one_use():
        return src
    return None


def _layout_for_axis(axis: int, rank: int) -> str | None:
    if axis == rank - 1:
        return "NHWC"
    if axis == 1:
        return "NCHW"
    return None


class SinkPastMultiThreshold(RewritePattern):
    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: qnn.MultiThresholdOp, rewriter: PatternRewriter, /):
        t = _sinkable(op)
        if t is None:
            return
        perm = _perm(t)
        rank = len(perm)
        axis = perm[qnn.channel_axis(op.data_layout.data, rank)]
        layout = _layout_for_axis(axis, rank)
        if layout is None:
            return
        x = t.input
        mt = qnn.MultiThresholdOp(
            x, op.thresholds, _permuted_type(op.result.type, _inverse(perm)), out_dtype=op.out_dtype,
            out_scale=op.out_scale.value.data, out_bias=op.out_bias.value.data, data_layout=layout,
        )
        rewriter.replace(op, [mt, qnn.TransposeOp(mt.result, op.result.type, perm=perm)])
        rewriter.erase(t)


class SinkPastMaxPool(RewritePattern):
    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: qnn.MaxPoolOp, rewriter: PatternRewriter, /):
        t = _sinkable(op)
        if t is None:
            return
        rank = len(_perm(t))
        to_nchw = [0, rank - 1, *range(1, rank - 1)]
        if _perm(t) != to_nchw or op.data_layout.data != "NCHW":
            return
        pool = qnn.MaxPoolOp(
            t.input, _permuted_type(op.result.type, _inverse(to_nchw)),
            kernel_shape=op.kernel_shape.get_values(), strides=op.strides.get_values(), pads=op.pads.get_values(),
            dilations=op.dilations.get_values(), ceil_mode=bool(op.ceil_mode.value.data), data_layout="NHWC",
        )
        rewriter.replace(op, [pool, qnn.TransposeOp(pool.result, op.result.type, perm=to_nchw)])
        rewriter.erase(t)


class SinkPastElementwise(RewritePattern):
    def match_and_rewrite(self, op: Operation, rewriter: PatternRewriter, /):
        if isinstance(op, qnn.UnaryElementwiseOp):
            t = _sinkable(op)
            if t is None:
                return
            new = type(op)(t.input, _permuted_type(op.result.type, _inverse(_perm(t))))
            rewriter.replace(op, [new, qnn.TransposeOp(new.result, op.result.type, perm=_perm(t))])
            rewriter.erase(t)
            return
        if not isinstance(op, qnn.BinaryElementwiseOp):
            return
        t = _sinkable(op, 0)
        c = constant_of(op.rhs)
        if t is None or c is None or op.lhs.type.get_shape() != op.result.type.get_shape():
            return
        perm = _perm(t)
        rank = len(perm)
        padded = np.asarray(c).reshape((1,) * (rank - np.ndim(c)) + np.shape(c))
        moved = np.transpose(padded, _inverse(perm))
        k = make_constant(moved, element_type(op.rhs))
        new = type(op)(t.input, k.result, _permuted_type(op.result.type, _inverse(perm)))
        rewriter.replace(op, [k, new, qnn.TransposeOp(new.result, op.result.type, perm=perm)])
        rewriter.erase(t)


class TransposeIntoFlattenedWeights(RewritePattern):
    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: qnn.MatMulOp, rewriter: PatternRewriter, /):
        flat = op.lhs.owner
        w = constant_of(op.rhs)
        if not isinstance(flat, qnn.ReshapeOp) or w is None or np.ndim(w) != 2 or not op.lhs.has_one_use():
            return
        t = _sinkable(flat)
        if t is None:
            return
        src_shape = t.input.type.get_shape()
        out_shape = flat.result.type.get_shape()
        if len(out_shape) != 2 or out_shape[0] != src_shape[0] or t.input.type.get_shape()[0] != t.result.type.get_shape()[0] or _perm(t)[0] != 0:
            return
        # row k of the flattened transposed tensor holds element index[k] of the flattened source
        n_feat = math.prod(src_shape[1:])
        index = np.transpose(np.arange(n_feat).reshape(src_shape[1:]), [p - 1 for p in _perm(t)[1:]]).reshape(-1)
        new_w = np.empty_like(np.asarray(w))
        new_w[index] = np.asarray(w)
        wc = make_constant(new_w, element_type(op.rhs))
        reshape = qnn.ReshapeOp(t.input, TensorType(element_type(t.input), out_shape))
        mm = qnn.MatMulOp(reshape.result, wc.result, op.result.type)
        rewriter.replace(op, [wc, reshape, mm])
        rewriter.erase(flat)
        rewriter.erase(t)


class SinkPastJoin(RewritePattern):
    """``f(transpose(a, p), transpose(b, p))`` -> ``transpose(f(a, b), p)``
    for an elementwise binary ``f`` on two same-shaped operands."""

    def match_and_rewrite(self, op: Operation, rewriter: PatternRewriter, /):
        if not isinstance(op, qnn.BinaryElementwiseOp):
            return
        ta, tb = _sinkable(op, 0), _sinkable(op, 1)
        if ta is None or tb is None or ta is tb or _perm(ta) != _perm(tb):
            return
        if ta.input.type.get_shape() != tb.input.type.get_shape():
            return
        perm = _perm(ta)
        new = type(op)(ta.input, tb.input, _permuted_type(op.result.type, _inverse(perm)))
        rewriter.replace(op, [new, qnn.TransposeOp(new.result, op.result.type, perm=perm)])
        rewriter.erase(ta)
        rewriter.erase(tb)


_SINKS_PAST = (
    qnn.TransposeOp, qnn.MultiThresholdOp, qnn.MaxPoolOp, qnn.UnaryElementwiseOp, qnn.BinaryElementwiseOp,
    qnn.BlockRearrangeOp, qnn.ResizeOp, qnn.ConcatOp,
)


class SplitSharedTranspose(RewritePattern):
    """A transpose with several users -> one copy per user, when every user
    is an op a transpose sinks past (so that each copy moves on)."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: qnn.TransposeOp, rewriter: PatternRewriter, /):
        uses = list(op.result.uses)
        if len(uses) < 2 or not all(isinstance(u.operation, _SINKS_PAST) for u in uses):
            return
        for use in uses[1:]:
            copy = qnn.TransposeOp(op.input, op.result.type, perm=_perm(op))
            rewriter.insert(copy, InsertPoint.before(use.operation))
            use.operation.operands[use.index] = copy.result
            rewriter.notify_op_modified(use.operation)


_NHWC_TO_NCHW, _NCHW_TO_NHWC = [0, 3, 1, 2], [0, 2, 3, 1]


class SinkPastBlockRearrange(RewritePattern):
    """``depth_to_space(transpose(x))`` (or ``space_to_depth``) in NCHW
    whose transpose turns NHWC into NCHW -> ``transpose(depth_to_space(x))``
    in NHWC; in NHWC after an NCHW-to-NHWC transpose -> in NCHW before it.
    Other permutations are refused."""

    def match_and_rewrite(self, op: Operation, rewriter: PatternRewriter, /):
        if not isinstance(op, qnn.BlockRearrangeOp) or (t := _sinkable(op)) is None:
            return
        perm = _perm(t)
        layout = {("NCHW", tuple(_NHWC_TO_NCHW)): "NHWC", ("NHWC", tuple(_NCHW_TO_NHWC)): "NCHW"}.get(
            (op.data_layout.data, tuple(perm))
        )
        if layout is None:
            return
        new = type(op).create(
            operands=[t.input], result_types=[_permuted_type(op.result.type, _inverse(perm))],
            properties={**op.properties, "data_layout": StringAttr(layout)}, attributes=dict(op.attributes),
        )
        rewriter.replace(op, [new, qnn.TransposeOp(new.results[0], op.result.type, perm=perm)])
        rewriter.erase(t)


class SinkPastResize(RewritePattern):
    """``resize(transpose(x, p))`` -> ``transpose(resize(x), p)`` with the
    scales permuted along (axis p[i] of x takes the scale of axis i): a
    nearest resize works on each axis alone."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: qnn.ResizeOp, rewriter: PatternRewriter, /):
        if (t := _sinkable(op)) is None:
            return
        perm, inv = _perm(t), _inverse(_perm(t))
        new = qnn.ResizeOp(
            t.input, _permuted_type(op.result.type, inv), scales=numpy_from_dense(op.scales)[inv],
            coordinate_transformation_mode=op.coordinate_transformation_mode.data, nearest_mode=op.nearest_mode.data,
        )
        rewriter.replace(op, [new, qnn.TransposeOp(new.result, op.result.type, perm=perm)])
        rewriter.erase(t)


class SinkPastConcat(RewritePattern):
    """``concat(transpose(a, p), transpose(b, p), ..., axis)`` ->
    ``transpose(concat(a, b, ..., axis=p[axis]), p)``. Refused unless every
    input is a transpose of its own (no other user) with one permutation."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: qnn.ConcatOp, rewriter: PatternRewriter, /):
        ts = [_sinkable(op, i) for i in range(len(op.inputs))]
        if any(t is None for t in ts) or len({tuple(_perm(t)) for t in ts}) != 1:
            return
        perm = _perm(ts[0])
        new = qnn.ConcatOp(
            [t.input for t in ts], _permuted_type(op.result.type, _inverse(perm)), axis=perm[op.axis.value.data]
        )
        rewriter.replace(op, [new, qnn.TransposeOp(new.result, op.result.type, perm=perm)])
        for t in ts:
            rewriter.erase(t)


@dataclass(frozen=True)
class QnnMoveTransposes(ModulePass):
    """Sink layout transposes until they cancel; fold the last one into flattened weights."""

    name = "qnn-move-transposes"

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        apply_patterns(
            op,
            ComposeTransposes(),
            TrivialTransposeToReshape(),
            SinkPastMultiThreshold(),
            SinkPastMaxPool(),
            SinkPastElementwise(),
            SinkPastJoin(),
            SplitSharedTranspose(),
            TransposeIntoFlattenedWeights(),
            SinkPastBlockRearrange(),
            SinkPastResize(),
            SinkPastConcat(),
        )
