"""``qnn-move-affine``: move constant multiplies and adds towards the
thresholds that absorb them, and collapse chains of them.

Patterns (c, a, s, m: constants; each an identity of real arithmetic):

- ``sub(x, c) -> add(x, -c)``; ``div(x, c) -> mul(x, 1/c)``
- ``mul(mul(x, a), b) -> mul(x, a*b)``; ``add(add(x, a), b) -> add(x, a+b)``
- ``mul(add(x, a), m) -> add(mul(x, m), a*m)`` (multiplies before adds)
- ``add(x, 0)``, ``mul(x, 1)`` disappear
- ``matmul(mul(x, s), W) -> mul(matmul(x, W), s)`` and the same for conv,
  for a scalar s (and for a depthwise conv, an s per channel)
- ``matmul(x, mul(W, s)) -> mul(matmul(x, W), s)`` for s varying only along
  W's output (last) axis; conv likewise along its output-channel axis 0
- ``matmul(add(x, a), W) -> add(matmul(x, W), a @ W)`` for constant W and a
  scalar or per-input a; conv likewise when it has no padding
- ``maxpool(mul(x, s)) -> mul(maxpool(x), s)`` for s > 0 scalar or
  per-channel; ``maxpool(add(x, a)) -> add(maxpool(x), a)``
- ``transpose`` of ``mul``/``add`` with a constant swap (the constant is
  permuted alike); ``reshape``, ``depth_to_space`` and ``space_to_depth``
  likewise for a scalar constant
- ``mul(matmul(x, W), m)`` with negative per-output m: the sign moves into
  the constant weights (``W * sign(m)``, then ``|m|``), and likewise for conv.
- ``multithreshold(x)`` with an output scale s > 0 (levels ``s * k + b``, b/s
  an integer) -> ``mul(multithreshold'(x), s)`` with levels ``k + b/s``, so
  that s moves on like any other scale (a truncated average pool's 8-bit
  output on a grid of 16, say, feeds the next matmul as 4-bit counts);
  bipolar outputs (s = 2, b = -1) stay
- ``mul(x, c)`` of a non-constant integer x with several users (a residual fork, a
  strided block's conv and its shortcut conv) is copied, one per user, so
  that each copy can move on alone (the same float32 product each time).

When both operands are constants, the float one counts as the factor of the
integer one (a weight times its scale). Refused: non-constant factors, factors that vary along an axis the linear op
mixes, adds in front of a padded conv, non-positive factors before maxpool.
The rewrites hold exactly in real arithmetic; in float32 they may differ in
the last bit, which is why the patterns run before thresholds absorb the
constants and integer types take over.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from xdsl.context import Context
from xdsl.dialects.builtin import ModuleOp, TensorType
from xdsl.ir import Operation, SSAValue
from xdsl.passes import ModulePass
from xdsl.pattern_rewriter import PatternRewriter, RewritePattern, op_type_rewrite_pattern
from xdsl.rewriter import InsertPoint

from finnr.dialects import datatypes as dt
from finnr.dialects import qnn
from finnr.dialects.utils import broadcast_shapes
from finnr.passes.utils import apply_patterns, constant_of, element_type, has_func_return_use, make_constant


def _split_const(op: Operation) -> tuple[SSAValue, np.ndarray] | None:
    """(x, c) of a binary elementwise op with a constant factor c whose
    broadcasting does not change x's shape. When both operands are
    constants, the float one is the factor of the integer one (a weight
    times its scale)."""
    if not isinstance(op, qnn.BinaryElementwiseOp):
        return None
    lc, rc = constant_of(op.lhs), constant_of(op.rhs)
    commutes = isinstance(op, qnn.AddOp | qnn.MulOp)
    if lc is not None and rc is not None:
        l_int, r_int = dt.is_integer(element_type(op.lhs)), dt.is_integer(element_type(op.rhs))
        if l_int and not r_int:
            lc = None
        elif r_int and not l_int and commutes:
            rc = None
        else:
            return None
    if rc is not None and lc is None:
        x, c = op.lhs, rc
    elif lc is not None and rc is None and commutes:
        x, c = op.rhs, lc
    else:
        return None
    if x.type.get_shape() != op.result.type.get_shape():
        return None
    return x, np.asarray(c, np.float64)


def _f32(t: TensorType) -> TensorType:
    return TensorType(dt.f32, t.get_shape())


def _only_user(v: SSAValue) -> bool:
    return v.has_one_use()


def _const(values: np.ndarray) -> qnn.ConstantOp:
    return make_constant(np.asarray(values, np.float32))


def _is_scalar(c: np.ndarray) -> bool:
    return c.size == 1


class CanonicalizeSubDiv(RewritePattern):
    """sub(x, c) -> add(x, -c); div(x, c) -> mul(x, 1/c)."""

    def match_and_rewrite(self, op: Operation, rewriter: PatternRewriter, /):
        if not isinstance(op, qnn.SubOp | qnn.DivOp):
            return
        found = _split_const(op)
        if found is None or found[0] is not op.lhs:
            return
        x, c = found
        if isinstance(op, qnn.DivOp) and np.any(c == 0):
            return
        k = _const(-c if isinstance(op, qnn.SubOp) else 1.0 / c)
        cls = qnn.AddOp if isinstance(op, qnn.SubOp) else qnn.MulOp
        rewriter.replace(op, [k, cls(x, k.result, _f32(op.result.type) if not has_func_return_use(op.result) else op.result.type)])


class RemoveIdentity(RewritePattern):
    """add(x, 0) -> x; mul(x, 1) -> x (when the types agree or may change)."""

    def match_and_rewrite(self, op: Operation, rewriter: PatternRewriter, /):
        if not isinstance(op, qnn.AddOp | qnn.MulOp):
            return
        found = _split_const(op)
        if found is None:
            return
        x, c = found
        neutral = 0.0 if isinstance(op, qnn.AddOp) else 1.0
        if not np.all(c == neutral):
            return
        if x.type != op.result.type and has_func_return_use(op.result):
            return
        rewriter.replace(op, [], [x])


class CollapseChains(RewritePattern):
    """mul(mul(x,a),b) -> mul(x,a*b); add(add(x,a),b) -> add(x,a+b);
    mul(add(x,a),m) -> add(mul(x,m),a*m)."""

    def match_and_rewrite(self, op: Operation, rewriter: PatternRewriter, /):
        outer = _split_const(op)
        if outer is None or not isinstance(op, qnn.AddOp | qnn.MulOp):
            return
        y, b = outer
        inner_op = y.owner
        inner = _split_const(inner_op) if isinstance(inner_op, qnn.AddOp | qnn.MulOp) else None
        if inner is None or not _only_user(y):
            return
        x, a = inner
        shape = op.result.type.get_shape()
        if broadcast_shapes(np.shape(a), np.shape(b)) is None:
            return
        rtype = op.result.type
        if type(op) is type(inner_op):
            k = _const(a * b if isinstance(op, qnn.MulOp) else a + b)
            new = type(op)(x, k.result, rtype)
            rewriter.replace(op, [k, new])
            rewriter.erase(inner_op)
        elif isinstance(op, qnn.MulOp) and isinstance(inner_op, qnn.AddOp):
            m = _const(b)
            am = _const(a * b)
            mul = qnn.MulOp(x, m.result, TensorType(dt.f32, broadcast_shapes(x.type.get_shape(), np.shape(b)) or shape))
            add = qnn.AddOp(mul.result, am.result, rtype)
            if mul.result.type.get_shape() != shape:
                return
            rewriter.replace(op, [m, am, mul, add])
            rewriter.erase(inner_op)


def _varies_only_along(c: np.ndarray, rank: int, axis: int) -> bool:
    padded = c.reshape((1,) * (rank - c.ndim) + c.shape) if c.ndim <= rank else None
    return padded is not None and all(d == 1 for i, d in enumerate(padded.shape) if i != axis % rank)


def _linear_result(op: qnn.MatMulOp | qnn.ConvOp, x: SSAValue, w: SSAValue) -> Operation:
    if isinstance(op, qnn.MatMulOp):
        return qnn.MatMulOp(x, w, _f32(op.result.type))
    return qnn.ConvOp(
        x, w, op.bias, _f32(op.result.type),
        strides=op.strides.get_values(), pads=op.pads.get_values(), dilations=op.dilations.get_values(),
        group=op.group.value.data, data_layout=op.data_layout.data,
    )


def _output_channel_shape(op: qnn.MatMulOp | qnn.ConvOp, per_channel: np.ndarray) -> np.ndarray:
    """A per-output-channel vector shaped to broadcast over the op's result."""
    rank = len(op.result.type.get_shape())
    if isinstance(op, qnn.MatMulOp) or op.data_layout.data == "NHWC":
        return per_channel.reshape(-1)
    return per_channel.reshape((-1,) + (1,) * (rank - 2))


def _depthwise_output_scale(op: Operation, s: np.ndarray) -> np.ndarray | None:
    """For a per-channel factor ``s`` of a depthwise conv's input (group =
    input channels, each giving M/C output channels), the same factor on
    the output channels; None for anything else."""
    if not isinstance(op, qnn.ConvOp):
        return None
    shape = op.operands[0].type.get_shape()
    axis = len(shape) - 1 if op.data_layout.data == "NHWC" else 1
    channels, outputs = shape[axis], op.result.type.get_shape()[axis]
    if op.group.value.data != channels or outputs % channels or s.ndim > len(shape) or not _varies_only_along(s, len(shape), axis):
        return None
    return np.repeat(s.reshape((1,) * (len(shape) - s.ndim) + s.shape), outputs // channels, axis=axis)


class ScaleOutOfLinear(RewritePattern):
    """linear(mul(x, s), W) and linear(x, mul(W, s)) -> mul(linear(x, W), s)."""

    def match_and_rewrite(self, op: Operation, rewriter: PatternRewriter, /):
        if not isinstance(op, qnn.MatMulOp | qnn.ConvOp):
            return
        if isinstance(op, qnn.ConvOp) and op.bias is not None:
            return
        lhs, rhs = op.operands[0], op.operands[1]
        if isinstance(lhs.owner, qnn.MulOp) and _only_user(lhs):
            found = _split_const(lhs.owner)
            out_scale = None if found is None or _is_scalar(found[1]) else _depthwise_output_scale(op, found[1])
            if found is not None and (_is_scalar(found[1]) or out_scale is not None):
                x, s = found
                lin = _linear_result(op, x, rhs)
                k = _const(s.reshape(()) if out_scale is None else out_scale)
                rewriter.replace(op, [lin, k, qnn.MulOp(lin.results[0], k.result, op.result.type)])
                rewriter.erase(lhs.owner)
                return
        if isinstance(rhs.owner, qnn.MulOp) and _only_user(rhs):
            found = _split_const(rhs.owner)
            if found is None:
                return
            w, s = found
            wrank = len(w.type.get_shape())
            out_axis = -1 if isinstance(op, qnn.MatMulOp) else 0
            if not (_is_scalar(s) or _varies_only_along(s, wrank, out_axis)):
                return
            lin = _linear_result(op, lhs, w)
            vec = s.reshape(-1) if not _is_scalar(s) else s.reshape(())
            k = _const(_output_channel_shape(op, vec) if vec.ndim else vec)
            rewriter.replace(op, [lin, k, qnn.MulOp(lin.results[0], k.result, op.result.type)])
            rewriter.erase(rhs.owner)


class AddOutOfLinear(RewritePattern):
    """matmul(add(x, a), W) -> add(matmul(x, W), a @ W), W constant; conv
    likewise (no padding, a scalar or per input channel)."""

    def match_and_rewrite(self, op: Operation, rewriter: PatternRewriter, /):
        if not isinstance(op, qnn.MatMulOp | qnn.ConvOp):
            return
        lhs, rhs = op.operands[0], op.operands[1]
        w = constant_of(rhs)
        if w is None or not isinstance(lhs.owner, qnn.AddOp) or not _only_user(lhs):
            return
        found = _split_const(lhs.owner)
        if found is None:
            return
        x, a = found
        xshape = x.type.get_shape()
        w = np.asarray(w, np.float64)
        if isinstance(op, qnn.MatMulOp):
            if len(w.shape) != 2 or not (_is_scalar(a) or _varies_only_along(a, len(xshape), -1)):
                return
            shift = np.broadcast_to(a.reshape(-1), (w.shape[0],)) @ w
            k = _const(shift)
        else:
            if any(op.pads.get_values()) or op.group.value.data != 1 or op.data_layout.data != "NCHW":
                return
            if not (_is_scalar(a) or _varies_only_along(a, len(xshape), 1)):
                return
            per_c = np.broadcast_to(a.reshape(-1), (w.shape[1],))
            shift = np.einsum("mck,c->m", w.reshape(w.shape[0], w.shape[1], -1), per_c)
            k = _const(_output_channel_shape(op, shift))
        lin = _linear_result(op, x, rhs)
        if broadcast_shapes(lin.results[0].type.get_shape(), k.result.type.get_shape()) != op.result.type.get_shape():
            return
        rewriter.replace(op, [lin, k, qnn.AddOp(lin.results[0], k.result, op.result.type)])
        rewriter.erase(lhs.owner)


class SignIntoWeights(RewritePattern):
    """mul(linear(x, W), m) with some m < 0 per output channel and W constant:
    negate those weight channels and keep |m|."""

    def match_and_rewrite(self, op: Operation, rewriter: PatternRewriter, /):
        if not isinstance(op, qnn.MulOp):
            return
        found = _split_const(op)
        if found is None:
            return
        y, m = found
        lin = y.owner
        if not isinstance(lin, qnn.MatMulOp | qnn.ConvOp) or not _only_user(y) or not np.any(m < 0):
            return
        if isinstance(lin, qnn.ConvOp) and lin.bias is not None:
            return
        w = constant_of(lin.operands[1])
        if w is None:
            return
        rank = len(y.type.get_shape())
        is_mm = isinstance(lin, qnn.MatMulOp)
        axis = rank - 1 if (is_mm or lin.data_layout.data == "NHWC") else 1
        if not _varies_only_along(m, rank, axis) and not _is_scalar(m):
            return
        sign = np.sign(np.broadcast_to(m.reshape(-1), (y.type.get_shape()[axis],)))
        sign[sign == 0] = 1
        wt = element_type(lin.operands[1])
        new_w = np.asarray(w) * (sign if is_mm else sign.reshape((-1,) + (1,) * (np.ndim(w) - 1)))
        if isinstance(wt, dt.DataType) and not wt.allows(new_w):
            wt = dt.smallest_integer_type(float(new_w.min()), float(new_w.max())) if np.all(new_w == np.round(new_w)) else dt.f32
        wc = make_constant(new_w, wt)
        new_lin = _linear_result(lin, lin.operands[0], wc.result)
        k = _const(np.abs(m))
        rewriter.replace(op, [wc, new_lin, k, qnn.MulOp(new_lin.results[0], k.result, op.result.type)])
        rewriter.erase(lin)


class AffineOutOfMaxPool(RewritePattern):
    """maxpool(mul(x, s>0)) -> mul(maxpool(x), s); maxpool(add(x, a)) -> add(maxpool(x), a)."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: qnn.MaxPoolOp, rewriter: PatternRewriter, /):
        src = op.input.owner
        if not isinstance(src, qnn.MulOp | qnn.AddOp) or not _only_user(op.input):
            return
        found = _split_const(src)
        if found is None:
            return
        x, c = found
        rank = len(x.type.get_shape())
        axis = rank - 1 if op.data_layout.data == "NHWC" else 1
        if not (_is_scalar(c) or _varies_only_along(c, rank, axis)):
            return
        if isinstance(src, qnn.MulOp) and np.any(c <= 0):
            return
        pool = qnn.MaxPoolOp(
            x, TensorType(element_type(x), op.result.type.get_shape()),
            kernel_shape=op.kernel_shape.get_values(), strides=op.strides.get_values(), pads=op.pads.get_values(),
            dilations=op.dilations.get_values(), ceil_mode=bool(op.ceil_mode.value.data), data_layout=op.data_layout.data,
        )
        k = _const(c)
        rewriter.replace(op, [pool, k, type(src)(pool.result, k.result, op.result.type)])
        rewriter.erase(src)


class AffineOutOfDataMovement(RewritePattern):
    """transpose(mul|add(x, c)) -> mul|add(transpose(x), c permuted alike);
    reshape / depth_to_space / space_to_depth / nearest resize / slice
    (mul|add(x, scalar)) -> mul|add(reshape(x), scalar): each output element
    is one input element, so the scalar commutes."""

    def match_and_rewrite(self, op: Operation, rewriter: PatternRewriter, /):
        if not isinstance(op, qnn.ReshapeOp | qnn.TransposeOp | qnn.BlockRearrangeOp | qnn.ResizeOp | qnn.SliceOp):
            return
        src = op.input.owner
        if not isinstance(src, qnn.MulOp | qnn.AddOp) or not _only_user(op.input):
            return
        found = _split_const(src)
        if found is None:
            return
        x, c = found
        moved_type = TensorType(element_type(x), op.result.type.get_shape())
        if not isinstance(op, qnn.TransposeOp):
            if not _is_scalar(c):
                return
            moved: Operation = type(op).create(
                operands=[x], result_types=[moved_type], properties=dict(op.properties), attributes=dict(op.attributes)
            )
            k = _const(c.reshape(()))
        else:
            perm = list(op.perm.get_values())
            padded = c.reshape((1,) * (len(perm) - c.ndim) + c.shape)
            moved = qnn.TransposeOp(x, moved_type, perm=perm)
            k = _const(np.transpose(padded, perm))
        rewriter.replace(op, [moved, k, type(src)(moved.results[0], k.result, op.result.type)])
        rewriter.erase(src)


class ScaleOutOfConcat(RewritePattern):
    """concat(mul(a, s), mul(b, s), ...) with one positive or negative scalar
    ``s`` for every input, each mul used by the concat alone ->
    mul(concat(a, b, ...), s): a scale shared by the inputs (Brevitas concats
    share a quantizer) leaves the concat, so it concatenates integers."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: qnn.ConcatOp, rewriter: PatternRewriter, /):
        srcs = [v.owner for v in op.inputs]
        if not all(isinstance(m, qnn.MulOp) and _only_user(m.result) for m in srcs):
            return
        found = [_split_const(m) for m in srcs]
        if any(f is None or not _is_scalar(f[1]) for f in found):
            return
        scale = found[0][1].reshape(())
        if any(f[1].reshape(()) != scale for f in found):
            return
        xs = [f[0] for f in found]
        ranges = [dt.value_range(element_type(x)) for x in xs]
        if all(dt.is_integer(element_type(x)) for x in xs):
            elt = dt.smallest_integer_type(min(r[0] for r in ranges), max(r[1] for r in ranges))
        else:
            elt = dt.f32
        cat = qnn.ConcatOp(xs, TensorType(elt, op.result.type.get_shape()), axis=op.axis.value.data)
        k = _const(scale)
        rewriter.replace(op, [cat, k, qnn.MulOp(cat.result, k.result, op.result.type)])
        for m in srcs:
            rewriter.erase(m)


class SplitSharedScale(RewritePattern):
    """mul(x, c), x a non-constant integer tensor, with several users -> one copy of the mul per user."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: qnn.MulOp, rewriter: PatternRewriter, /):
        if op.result.has_one_use() or not op.result.uses:
            return
        found = _split_const(op)
        if found is None or constant_of(found[0]) is not None or not dt.is_integer(element_type(found[0])):
            return
        const_rhs = constant_of(op.rhs) is not None
        for use in list(op.result.uses)[1:]:
            k = (op.rhs if const_rhs else op.lhs).owner.clone()
            copy = qnn.MulOp(op.lhs, k.results[0], op.result.type) if const_rhs else qnn.MulOp(k.results[0], op.rhs, op.result.type)
            rewriter.insert(k, InsertPoint.after(op))
            rewriter.insert(copy, InsertPoint.after(k))
            use.operation.operands[use.index] = copy.result
            rewriter.notify_op_modified(use.operation)


class ScaleOutOfThresholds(RewritePattern):
    """multithreshold with out_scale s -> mul(multithreshold with out_scale 1, s)."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: qnn.MultiThresholdOp, rewriter: PatternRewriter, /):
        s, b = op.out_scale.value.data, op.out_bias.value.data
        if s == 1 or s <= 0 or isinstance(op.out_dtype, dt.BipolarType) or b / s != round(b / s):
            return
        base = int(round(b / s))
        n = op.thresholds.type.get_shape()[1]
        try:
            out = dt.smallest_integer_type(base, base + n)
        except ValueError:
            return
        mt = qnn.MultiThresholdOp(
            op.input, op.thresholds, TensorType(out, op.result.type.get_shape()), out_dtype=out,
            out_bias=float(base), data_layout=op.data_layout.data,
        )
        k = _const(np.array(s, np.float32))
        rewriter.replace(op, [mt, k, qnn.MulOp(mt.result, k.result, op.result.type)])


PATTERNS = (
    CanonicalizeSubDiv,
    RemoveIdentity,
    CollapseChains,
    ScaleOutOfLinear,
    AddOutOfLinear,
    SignIntoWeights,
    AffineOutOfMaxPool,
    AffineOutOfDataMovement,
    ScaleOutOfConcat,
    SplitSharedScale,
    ScaleOutOfThresholds,
)


@dataclass(frozen=True)
class QnnMoveAffine(ModulePass):
    """Move constant multiplies/adds past linear ops, pools and data movement; collapse chains."""

    name = "qnn-move-affine"

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        apply_patterns(op, *(p() for p in PATTERNS))
