"""``qnn-integer-add``: residual joins become integer adds.

An add of two quantized activations, each an integer tensor times a
positive constant scale (``mul(a, s1)``, ``mul(b, s2)``; a branch that is
already an integer tensor has scale 1), is brought to one integer scale:
with ``s = min(s1, s2)`` and integer ratios ``ka = s1 / s``, ``kb = s2 / s``
the join computes ``n = ka*a + kb*b`` as an integer ``qnn.add``. A ratio
other than 1 is absorbed into the multithreshold producing that branch (its
``out_scale`` and ``out_bias`` scaled by k: a copy of the multithreshold
when it has other users). The scales may be scalars or vary along the
channel axis, as long as each ratio is one integer for all channels.

- ``multithreshold(add(mul(a, s1), mul(b, s2)), T)`` (the add's only user)
  becomes ``multithreshold(add(a', b'), T')``: the common scale moves into
  the thresholds. ``T'`` is computed by enumerating every pair of input
  values (a, b) of their datatypes, evaluating the original float32
  arithmetic exactly as the reference interpreter does, and checking that
  each threshold's outcome depends only on n and is monotone in n; T'[c, k]
  is then the smallest attainable n that reaches T[c, k]. The rewrite is
  therefore exact on every input. When the scales have no integer ratio
  (ONNX Runtime QDQ adds, each side with its own scale), the convergents
  p/q of s1/s2 (p, q <= 2^12) are tried as ``n = p*a + q*b`` (both
  producing multithresholds scaled), the first that passes the check wins.
  Refused when no candidate passes or there are more than 2^24 (pair,
  channel) cases.
- Any other add of that form (not feeding a multithreshold: e.g. a final
  linear or the float tail) becomes ``mul(add(a', b'), s)``: exact in real
  arithmetic, in float32 equal up to rounding, like ``qnn-move-affine``'s
  rewrites; the scale then moves on (past a matmul, into thresholds).

Adds of two tensors not computed from constants alone that stay float after the pass are
reported: each gets a Python ``UserWarning`` ("residual add ... stays
float: ...") naming the add, so the host part of the model is explicit.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np
from xdsl.context import Context
from xdsl.dialects.builtin import ModuleOp, TensorType
from xdsl.ir import Operation, SSAValue
from xdsl.passes import ModulePass
from xdsl.pattern_rewriter import PatternRewriter, RewritePattern, op_type_rewrite_pattern

from finnr.dialects import datatypes as dt
from finnr.dialects import qnn
from finnr.interpreter.qnn import compute_dtype, repr_dtype
from finnr.passes.qnn_activation_to_thresholds import per_channel
from finnr.passes.utils import apply_patterns, constant_of, element_type, make_constant, op_label

MAX_CASES = 1 << 24
"""Most (a, b, channel) cases the exact threshold search enumerates."""

MAX_FACTOR = 1 << 12
"""Largest integer factor tried for a branch whose scale has no integer
ratio to the other's (a continued-fraction convergent of the ratio)."""


@dataclass
class _Branch:
    """One operand of the add: ``value = ints * scale`` (``mul`` is None when
    the operand is already integer)."""

    ints: SSAValue
    scale: np.ndarray  # (C, 1) or (1, 1) column along the channel axis
    mul: qnn.MulOp | None


def _branch(v: SSAValue, axis: int) -> _Branch | None:
    shape = v.type.get_shape()
    if dt.is_integer(element_type(v)):
        return _Branch(v, np.ones((1, 1)), None)
    op = v.owner
    if not isinstance(op, qnn.MulOp):
        return None
    lc, rc = constant_of(op.lhs), constant_of(op.rhs)
    if rc is not None and lc is None:
        x, c = op.lhs, rc
    elif lc is not None and rc is None:
        x, c = op.rhs, lc
    else:
        return None
    if not dt.is_integer(element_type(x)) or x.type.get_shape() != shape:
        return None
    c = np.asarray(c, np.float64)
    if c.ndim > len(shape) or not np.all(c > 0) or not np.all(np.isfinite(c)):
        return None
    padded = c.reshape((1,) * (len(shape) - c.ndim) + c.shape)
    if any(d != 1 for i, d in enumerate(padded.shape) if i != axis):
        return None
    col = per_channel(padded, shape, axis) if padded.shape[axis] != 1 else padded.reshape(1, 1)
    return _Branch(x, col, op)


def _ratio(scale: np.ndarray, common: np.ndarray) -> int | None:
    """The one integer k with scale == k * common on every channel, if any."""
    r = scale / common
    k = int(np.rint(r.max()))
    if k < 1 or not np.allclose(r, k, rtol=1e-6, atol=0):
        return None
    return k


def _scaled(b: _Branch, k: int) -> tuple[list[Operation], SSAValue] | None:
    """``b.ints * k`` as an integer tensor: k absorbed into the producing
    multithreshold (a copy of it)."""
    if k == 1:
        return [], b.ints
    mt = b.ints.owner
    if not isinstance(mt, qnn.MultiThresholdOp) or constant_of(mt.thresholds) is None:
        return None
    lo, hi = dt.value_range(element_type(b.ints))
    out = dt.smallest_integer_type(k * lo, k * hi)
    new = qnn.MultiThresholdOp(
        mt.input, mt.thresholds, TensorType(out, b.ints.type.get_shape()), out_dtype=out,
        out_scale=k * mt.out_scale.value.data, out_bias=k * mt.out_bias.value.data, data_layout=mt.data_layout.data,
    )
    return [new], new.result


def _branches(add: qnn.AddOp, axis: int) -> tuple[_Branch, _Branch] | None:
    """The two scaled integer operands of an add, or None."""
    shape = add.result.type.get_shape()
    if add.lhs.type.get_shape() != shape or add.rhs.type.get_shape() != shape:
        return None
    if constant_of(add.lhs) is not None or constant_of(add.rhs) is not None:
        return None
    ba, bb = _branch(add.lhs, axis), _branch(add.rhs, axis)
    if ba is None or bb is None or (ba.mul is None and bb.mul is None):
        return None  # (two integer operands: already an integer add)
    return ba, bb


def _integer_ratios(ba: _Branch, bb: _Branch) -> tuple[int, int, np.ndarray] | None:
    """(ka, kb, common scale) when both scales are integer multiples of the smaller."""
    common = np.minimum(ba.scale, bb.scale)
    ka, kb = _ratio(ba.scale, common), _ratio(bb.scale, common)
    return None if ka is None or kb is None else (ka, kb, common)


def _convergents(r: float, limit: int) -> list[tuple[int, int]]:
    """The continued-fraction convergents p/q of r > 0 with p, q <= limit."""
    out: list[tuple[int, int]] = []
    p0, q0, p1, q1 = 0, 1, 1, 0
    x = r
    for _ in range(40):
        a = int(np.floor(x))
        p0, q0, p1, q1 = p1, q1, a * p1 + p0, a * q1 + q0
        if p1 > limit or q1 > limit:
            break
        if p1 > 0:
            out.append((p1, q1))
        frac = x - a
        if frac < 1e-12:
            break
        x = 1.0 / frac
    return out


def _joined(ba: _Branch, bb: _Branch, ka: int, kb: int):
    """(new ops, a', b', (n_lo, n_hi)) for ``n = ka*a + kb*b``, or None."""
    sa, sb = _scaled(ba, ka), _scaled(bb, kb)
    if sa is None or sb is None:
        return None
    (alo, ahi), (blo, bhi) = dt.value_range(element_type(ba.ints)), dt.value_range(element_type(bb.ints))
    return sa[0] + sb[0], sa[1], sb[1], (ka * alo + kb * blo, ka * ahi + kb * bhi)


def _branch_values(b: _Branch, add: qnn.AddOp, values: np.ndarray) -> np.ndarray:
    """(C or 1, N) float values of the branch as the interpreter computes
    them (the mul in its compute dtype, then the add's)."""
    if b.mul is None:
        return values[None, :].astype(compute_dtype(add))
    d = compute_dtype(b.mul)
    v = (values[None, :].astype(d) * b.scale.astype(d)).astype(repr_dtype(b.mul.result.type))
    return v.astype(compute_dtype(add))


def _reach_by_n(vs: np.ndarray, t: np.ndarray, n: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
    """(the distinct n, reach[row, n, k]: whether the sums with that n reach
    threshold k) when that is a function of n, monotone in n; else None."""
    order = np.argsort(n, kind="stable")
    nvals, starts = np.unique(n[order], return_index=True)
    vs = vs[:, order]
    lows, highs = np.minimum.reduceat(vs, starts, axis=1), np.maximum.reduceat(vs, starts, axis=1)
    reach = lows[:, :, None] >= t[:, None, :]  # (rows, n values, thresholds)
    if not np.array_equal(reach, highs[:, :, None] >= t[:, None, :]):
        return None  # some threshold's outcome is not a function of n
    if np.any(np.diff(reach.astype(np.int8), axis=1) < 0):
        return None  # not monotone in n
    return nvals, reach


class IntegerAddBeforeThresholds(RewritePattern):
    """multithreshold(add(mul(a, s1), mul(b, s2)), T) -> multithreshold(add(a', b'), T'), exactly."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, mt: qnn.MultiThresholdOp, rewriter: PatternRewriter, /):
        add = mt.input.owner
        if not isinstance(add, qnn.AddOp) or not mt.input.has_one_use():
            return
        thresholds = constant_of(mt.thresholds)
        if thresholds is None:
            return
        shape = add.result.type.get_shape()
        axis = qnn.channel_axis(mt.data_layout.data, len(shape))
        found = _branches(add, axis)
        if found is None:
            return
        ba, bb = found
        ratios = _integer_ratios(ba, bb)
        if ratios is not None:
            candidates = [ratios[:2]]
        elif ba.scale.size == 1 and bb.scale.size == 1:
            candidates = [(p, q) for p, q in _convergents(float(ba.scale.item() / bb.scale.item()), MAX_FACTOR)
                          if (p == 1 or isinstance(ba.ints.owner, qnn.MultiThresholdOp))
                          and (q == 1 or isinstance(bb.ints.owner, qnn.MultiThresholdOp))]
        else:
            return
        (alo, ahi), (blo, bhi) = dt.value_range(element_type(ba.ints)), dt.value_range(element_type(bb.ints))
        av, bv = np.arange(alo, ahi + 1), np.arange(blo, bhi + 1)
        rows = max(ba.scale.shape[0], bb.scale.shape[0], thresholds.shape[0])
        if av.size * bv.size * rows > MAX_CASES or not candidates:
            return
        va, vb = _branch_values(ba, add, av), _branch_values(bb, add, bv)
        sums = (va[:, :, None] + vb[:, None, :]).astype(repr_dtype(add.result.type))
        sums = np.broadcast_to(sums, (rows, av.size, bv.size)).reshape(rows, -1)
        mt_dtype = compute_dtype(mt)
        t = np.broadcast_to(
            np.asarray(thresholds).astype(repr_dtype(mt.thresholds.type)).astype(mt_dtype), (rows, thresholds.shape[1])
        )
        for ka, kb in candidates:
            reach = _reach_by_n(sums.astype(mt_dtype), t, (ka * av[:, None] + kb * bv[None, :]).reshape(-1))
            if reach is not None:
                break
        else:
            return  # no candidate makes every threshold's outcome a monotone function of n
        nvals, reach = reach
        joined = _joined(ba, bb, ka, kb)
        if joined is None:
            return
        new_ops, a2, b2, (nlo, nhi) = joined
        first = np.argmax(reach, axis=1)  # (rows, thresholds)
        new_t = np.where(reach.any(axis=1), nvals[first], nhi + 1)
        new_t = np.maximum(new_t, nlo)
        n_type = dt.smallest_integer_type(nlo, nhi)
        int_add = qnn.AddOp(a2, b2, TensorType(n_type, shape))
        tconst = make_constant(new_t, dt.smallest_integer_type(float(new_t.min()), float(new_t.max())))
        new_mt = qnn.MultiThresholdOp(
            int_add.result, tconst.result, mt.result.type, out_dtype=mt.out_dtype,
            out_scale=mt.out_scale.value.data, out_bias=mt.out_bias.value.data, data_layout=mt.data_layout.data,
        )
        rewriter.replace(mt, [*new_ops, int_add, tconst, new_mt])
        rewriter.erase(add)


class ScaleOutOfAdd(RewritePattern):
    """add(mul(a, s1), mul(b, s2)) -> mul(add(a', b'), s) when the add does
    not feed a multithreshold (up to float rounding)."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, add: qnn.AddOp, rewriter: PatternRewriter, /):
        if any(isinstance(u.operation, qnn.MultiThresholdOp) for u in add.result.uses):
            return  # IntegerAddBeforeThresholds, exactly
        if not isinstance(add.result.type, TensorType) or dt.is_integer(element_type(add.result)):
            return
        shape = add.result.type.get_shape()
        if len(shape) < 2:
            return
        found = _branches(add, 1)
        if found is None:
            return
        ratios = _integer_ratios(*found)
        if ratios is None:
            return
        ka, kb, common = ratios
        joined = _joined(*found, ka, kb)
        if joined is None:
            return
        new_ops, a2, b2, (nlo, nhi) = joined
        if common.shape[0] != 1:
            # per-channel along axis 1 (NCHW); the last axis (NHWC) is refused here
            scale = common.reshape((1, -1) + (1,) * (len(shape) - 2))
        else:
            scale = common.reshape(())
        int_add = qnn.AddOp(a2, b2, TensorType(dt.smallest_integer_type(nlo, nhi), shape))
        k = make_constant(np.asarray(scale, np.float32))
        rewriter.replace(add, [*new_ops, int_add, k, qnn.MulOp(int_add.result, k.result, add.result.type)])


def _constant_valued(v: SSAValue) -> bool:
    """Whether ``v`` is computed from constants only (a bias times its scale)."""
    op = v.owner
    return isinstance(op, qnn.ConstantOp) or (
        isinstance(op, qnn.QnnOp) and bool(op.operands) and all(_constant_valued(o) for o in op.operands)
    )


def _report_float_adds(module: ModuleOp) -> None:
    for op in module.walk():
        if not isinstance(op, qnn.AddOp):
            continue
        if _constant_valued(op.lhs) or _constant_valued(op.rhs):
            continue
        if dt.is_integer(element_type(op.lhs)) and dt.is_integer(element_type(op.rhs)):
            continue
        warnings.warn(
            f"residual add {op_label(op)} stays float: its operands are not both an integer tensor "
            "times a positive constant scale with an integer ratio, or its thresholds depend on more than "
            "their integer sum; it runs on the host",
            stacklevel=2,
        )


@dataclass(frozen=True)
class QnnIntegerAdd(ModulePass):
    """Adds of two scaled integer tensors become integer adds at one scale (exact before thresholds)."""

    name = "qnn-integer-add"

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        apply_patterns(op, IntegerAddBeforeThresholds(), ScaleOutOfAdd())
        _report_float_adds(op)
