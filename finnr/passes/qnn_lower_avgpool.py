"""``qnn-lower-avgpool``: a truncated average pool (Brevitas
``TruncAvgPool2d``: ``AveragePool`` then QONNX ``Trunc``) on integers
becomes an integer window sum followed by a multithreshold::

    trunc(avgpool(q * s))  ->  multithreshold(conv(q, 1, group=C), T) * out_scale

where ``q`` has an integer datatype, ``s`` is an optional positive constant
per-channel scale (a ``qnn.mul`` just before or just after the pool), and
the conv is the depthwise convolution with unit weights (the window sum
``S``, which ``qnn-lower-conv`` turns into im2col + ``qnn.depthwise_dot``).

Exactness: the pool's output is ``s * S / K`` (K window elements), so the
trunc's output is a non-decreasing step function of the integer ``S``. For
every integer ``S`` the input range allows, the pass computes that function
in exact rational arithmetic (``round`` half to even, then the shift by
``in_bitwidth - out_bitwidth`` with ``rounding_mode``, as qonnx's
``Trunc``), and the thresholds are the integers where it steps: the result
is the trunc's value for every input, with no float rounding in between
(qonnx computes the same in float32, which can differ only where a float32
average lands on the other side of a rounding tie).

An average pool on integers that no trunc follows (a QDQ
``DequantizeLinear -> AveragePool -> QuantizeLinear``) becomes the same
window sum times ``s / K``, a scale that moves on into the next thresholds
(exact in real arithmetic; float32 averages agree away from rounding ties).

Refused (the pool and trunc stay): a non-integer pool input; a non-constant,
non-positive or spatially varying scale; ``ceil_mode``; padding excluded
from the average (``count_include_pad`` false with pads: the divisor varies
at the borders); a step function that is not uniform across channels (its
levels would need different multithreshold biases); a constant output.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction

import numpy as np
from xdsl.context import Context
from xdsl.dialects.builtin import ModuleOp, TensorType
from xdsl.ir import Operation, SSAValue
from xdsl.passes import ModulePass
from xdsl.pattern_rewriter import PatternRewriter, RewritePattern, op_type_rewrite_pattern

from finnr.dialects import datatypes as dt
from finnr.dialects import qnn
from finnr.dialects.utils import numpy_from_dense
from finnr.interpreter.numeric import int_range
from finnr.passes.utils import apply_patterns, constant_of, element_type, has_func_return_use, make_constant


def _round(t: Fraction, mode: str) -> int:
    """``t`` rounded by a QONNX rounding mode, exactly."""
    mode = mode.upper()
    if mode in ("ROUND", "HALF_EVEN"):
        return round(t)
    if mode == "FLOOR":
        return math.floor(t)
    if mode == "CEIL":
        return math.ceil(t)
    sign = 1 if t >= 0 else -1
    a = abs(t)
    if mode == "UP":
        return sign * math.ceil(a)
    if mode in ("DOWN", "ROUND_TO_ZERO"):
        return sign * math.floor(a)
    if mode == "HALF_UP":
        return sign * math.floor(a + Fraction(1, 2))
    if mode == "HALF_DOWN":
        return sign * math.ceil(a - Fraction(1, 2))
    raise ValueError(mode)


@dataclass(frozen=True)
class _Trunc:
    """One channel's trunc: ``(L(y) - zp_out) * out_scale`` with
    ``y = round(x / scale + zeropt)``."""

    scale: Fraction
    zeropt: Fraction
    shift: Fraction  # the divisor of y: 2^(in_bw - out_bw) (v1) or trunc_scale (v2)
    clip: tuple[int, int] | None  # v2 clips to the out_bitwidth range
    mode: str
    out_scale: Fraction

    def level(self, x: Fraction) -> int:
        y = round(x / self.scale + self.zeropt)
        t = Fraction(y) / self.shift
        if self.clip is not None:
            t = min(max(t, Fraction(self.clip[0])), Fraction(self.clip[1]))
        return _round(t, self.mode)

    @property
    def zp_out(self) -> Fraction:
        return self.zeropt / self.shift if self.clip is not None else self.zeropt


def _per_channel(values: np.ndarray, shape: tuple[int, ...], axis: int) -> np.ndarray | None:
    """A parameter broadcast to ``shape`` as one value per channel, or None
    when it varies along another axis."""
    try:
        full = np.broadcast_to(np.asarray(values, np.float64), shape)
    except ValueError:
        return None
    moved = np.moveaxis(full, axis, -1).reshape(-1, shape[axis])
    if not np.all(moved == moved[:1]):
        return None
    return moved[0]


def _truncs(op: qnn.TruncOp, shape: tuple[int, ...], axis: int) -> list[_Trunc] | None:
    """The trunc of every channel (v1, or v2 when the op carries an output
    scale)."""
    c = shape[axis]
    props = op.properties
    scale = _per_channel(numpy_from_dense(op.scale), shape, axis)
    zeropt = _per_channel(numpy_from_dense(op.zeropt), shape, axis)
    if scale is None or zeropt is None:
        return None
    ib, ob = op.in_bitwidth.value.data, op.out_bitwidth.value.data
    mode = op.rounding_mode.data
    out_scale_attr = props.get("out_scale")
    if out_scale_attr is None:
        return [
            _Trunc(Fraction(float(scale[i])), Fraction(float(zeropt[i])), Fraction(2) ** (ib - ob), None, mode,
                   Fraction(float(scale[i])))
            for i in range(c)
        ]
    out_scale = _per_channel(numpy_from_dense(out_scale_attr), shape, axis)
    if out_scale is None:
        return None
    signed = bool(props["signed"].value.data) if "signed" in props else True
    narrow = bool(props["narrow"].value.data) if "narrow" in props else False
    clip = int_range(ob, signed, narrow)
    result = []
    for i in range(c):
        ts = 2.0 ** float(np.round(np.log2(out_scale[i] / scale[i])))  # as qonnx: a power of two
        result.append(_Trunc(Fraction(float(scale[i])), Fraction(float(zeropt[i])), Fraction(ts), clip, mode,
                             Fraction(float(out_scale[i]))))
    return result


def _steps(levels: list[int], s_lo: int) -> tuple[int, int, list[int]] | None:
    """(lowest level, step, thresholds) of a non-decreasing level sequence
    over S = s_lo, s_lo + 1, ...: threshold k is the first S reaching
    lowest + k * step."""
    diffs = [b - a for a, b in zip(levels, levels[1:])]
    if any(d < 0 for d in diffs):
        return None
    step = 0
    for d in diffs:
        step = math.gcd(step, d)
    if step == 0:
        return None
    lo = levels[0]
    thresholds = []
    for i, d in enumerate(diffs):
        thresholds += [s_lo + i + 1] * (d // step)
    return lo, step, thresholds


def _scale_of(v: SSAValue) -> tuple[SSAValue, np.ndarray] | None:
    """``(q, s)`` when v is ``q * s`` with s a constant (else s = 1)."""
    owner = v.owner
    if isinstance(owner, qnn.MulOp):
        for a, b in ((owner.lhs, owner.rhs), (owner.rhs, owner.lhs)):
            s = constant_of(b)
            if s is not None and a.type.get_shape() == v.type.get_shape():
                return a, np.asarray(s, np.float64)
    return v, np.ones(())


@dataclass
class _IntegerPool:
    """An average pool of ``q * s``, ``q`` integer, that the lowering can
    take: no ceil mode, padding counted in the average, a per-channel
    ``s`` (``s_c``, one value per channel on ``axis`` of ``shape``)."""

    q: SSAValue
    s_c: np.ndarray
    shape: tuple[int, ...]
    axis: int
    layout: str
    pads: list[int]

    @property
    def channels(self) -> int:
        return self.shape[self.axis]


def _integer_pool(pool: qnn.AvgPoolOp, extra_scale=1.0) -> _IntegerPool | None:
    q, s = _scale_of(pool.input)
    if not dt.is_integer(element_type(q)):
        return None
    pads = list(pool.pads.get_values())
    if pool.ceil_mode.value.data or (any(pads) and not pool.count_include_pad.value.data):
        return None
    layout = pool.data_layout.data
    shape = tuple(pool.result.type.get_shape())
    axis = len(shape) - 1 if layout == "NHWC" else 1
    s_c = _per_channel(s * extra_scale, shape, axis)
    if s_c is None:
        return None
    return _IntegerPool(q, s_c, shape, axis, layout, pads)


class LowerTruncAvgPool(RewritePattern):
    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: qnn.TruncOp, rewriter: PatternRewriter, /):
        pre = _scale_of(op.input)
        pool = pre[0].owner
        if not isinstance(pool, qnn.AvgPoolOp) or not pool.result.has_one_use():
            return
        ip = _integer_pool(pool, pre[1])
        if ip is None:
            return
        q, s_c, shape, axis, layout, pads, c = ip.q, ip.s_c, ip.shape, ip.axis, ip.layout, ip.pads, ip.channels
        truncs = _truncs(op, shape, axis)
        if truncs is None or np.any(s_c <= 0):
            return
        kernel = tuple(pool.kernel_shape.get_values())
        k = math.prod(kernel)
        lo, hi = dt.value_range(element_type(q))
        if any(pads):
            lo, hi = min(lo, 0), max(hi, 0)
        s_lo, s_hi = int(k * lo), int(k * hi)
        cache: dict[tuple, tuple[int, int, list[int]] | None] = {}
        per_channel = []
        for i in range(c):
            key = (float(s_c[i]), truncs[i])
            if key not in cache:
                a = Fraction(float(s_c[i])) / k
                cache[key] = _steps([truncs[i].level(a * n) for n in range(s_lo, s_hi + 1)], s_lo)
            per_channel.append(cache[key])
        if any(p is None for p in per_channel):
            return
        biases = {p[0] - truncs[i].zp_out for i, p in enumerate(per_channel)}
        steps = {p[1] for p in per_channel}
        if len(biases) != 1 or len(steps) != 1:
            return
        bias, step = biases.pop(), steps.pop()
        if bias.denominator != 1:
            return
        n = max(len(p[2]) for p in per_channel)
        rows = [p[2] + [s_hi + 1] * (n - len(p[2])) for p in per_channel]
        if all(r == rows[0] for r in rows):
            rows = rows[:1]
        new: list[Operation] = []
        ones = make_constant(np.ones((c, 1, *kernel)), dt.UIntType(1))
        sum_type = TensorType(dt.smallest_integer_type(s_lo, s_hi), shape)
        window_sum = qnn.ConvOp(
            q, ones.result, None, sum_type, strides=pool.strides.get_values(), pads=pads,
            dilations=pool.dilations.get_values(), group=c, data_layout=layout,
        )
        t = make_constant(np.asarray(rows), dt.smallest_integer_type(min(map(min, rows)), max(map(max, rows))))
        out_dtype = dt.smallest_integer_type(min(int(bias), int(bias) + step * n), max(int(bias), int(bias) + step * n))
        mt = qnn.MultiThresholdOp(
            window_sum.result, t.result, TensorType(out_dtype, shape), out_dtype=out_dtype,
            out_scale=float(step), out_bias=float(bias), data_layout=layout,
        )
        new += [ones, window_sum, t, mt]
        out_scales = [float(tr.out_scale) for tr in truncs]
        uniform = all(v == out_scales[0] for v in out_scales)
        if uniform and out_scales[0] == 1 and not has_func_return_use(op.result):
            rewriter.replace(op, new, [mt.result])
            return
        scale_shape = [1] * len(shape)
        if uniform:
            values = np.full(scale_shape, out_scales[0])
        else:
            scale_shape[axis] = c
            values = np.asarray(out_scales).reshape(scale_shape)
        sc = make_constant(values)
        mul = qnn.MulOp(mt.result, sc.result, op.result.type)
        new += [sc, mul]
        rewriter.replace(op, new, [mul.result])


def _feeds_trunc(pool: qnn.AvgPoolOp) -> bool:
    """Whether the pool's only use is a trunc (maybe behind a mul): that is
    the truncated pool's pattern, not this one."""
    users = [u.operation for u in pool.result.uses]
    if len(users) == 1 and isinstance(users[0], qnn.MulOp):
        users = [u.operation for u in users[0].result.uses]
    return len(users) == 1 and isinstance(users[0], qnn.TruncOp)


class LowerAvgPool(RewritePattern):
    """An average pool on integers (times a per-channel scale) without a
    trunc: ``avgpool(q * s) -> conv(q, 1, group=C) * (s / K)``, the integer
    window sum and a scale that moves on into the next thresholds (a QDQ
    ``DequantizeLinear -> AveragePool -> QuantizeLinear``). Exact in real
    arithmetic; refused as the truncated form is."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, pool: qnn.AvgPoolOp, rewriter: PatternRewriter, /):
        if _feeds_trunc(pool):
            return
        ip = _integer_pool(pool)
        if ip is None:
            return
        q, s_c, shape, axis, layout, pads, c = ip.q, ip.s_c, ip.shape, ip.axis, ip.layout, ip.pads, ip.channels
        kernel = tuple(pool.kernel_shape.get_values())
        k = math.prod(kernel)
        lo, hi = dt.value_range(element_type(q))
        if any(pads):
            lo, hi = min(lo, 0), max(hi, 0)
        ones = make_constant(np.ones((c, 1, *kernel)), dt.UIntType(1))
        window_sum = qnn.ConvOp(
            q, ones.result, None, TensorType(dt.smallest_integer_type(k * lo, k * hi), shape),
            strides=pool.strides.get_values(), pads=pads, dilations=pool.dilations.get_values(), group=c,
            data_layout=layout,
        )
        scale_shape = [1] * len(shape)
        if np.all(s_c == s_c[0]):
            values = np.full(scale_shape, s_c[0] / k)
        else:
            scale_shape[axis] = c
            values = (s_c / k).reshape(scale_shape)
        sc = make_constant(values)
        mul = qnn.MulOp(window_sum.result, sc.result, pool.result.type)
        rewriter.replace(pool, [ones, window_sum, sc, mul], [mul.result])


@dataclass(frozen=True)
class QnnLowerAvgpool(ModulePass):
    """Average pools on integers become integer window sums (and exact multithresholds for a trunc)."""

    name = "qnn-lower-avgpool"

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        apply_patterns(op, LowerTruncAvgPool(), LowerAvgPool())
