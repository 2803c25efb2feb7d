"""Helpers shared by finnr's passes: reading and making constants, evaluating
an op with the reference interpreter, applying patterns."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from xdsl.dialects.builtin import Float32Type, ModuleOp, TensorType
from xdsl.ir import Attribute, Operation, SSAValue
from xdsl.pattern_rewriter import (
    GreedyRewritePatternApplier,
    PatternRewriteWalker,
    RewritePattern,
)

from finnr.dialects import datatypes as dt
from finnr.dialects import qnn
from finnr.dialects.utils import dense_from_numpy


def constant_of(value: SSAValue) -> np.ndarray | None:
    """The value of ``value`` if a qnn.constant defines it."""
    if isinstance(value.owner, qnn.ConstantOp):
        return value.owner.numpy()
    return None


def make_constant(array: np.ndarray, element_type: Attribute | None = None) -> qnn.ConstantOp:
    """A qnn.constant of ``array``: ``f32`` (the default) stores float32,
    an integer datatype stores integers."""
    array = np.asarray(array)
    elt = dt.f32 if element_type is None else element_type
    if isinstance(elt, Float32Type | dt.FixedType):
        dense = dense_from_numpy(array.astype(np.float32))
    else:
        dense = dense_from_numpy(np.asarray(np.rint(array), dtype=np.int64))
    return qnn.ConstantOp(dense, TensorType(elt, array.shape))


def element_type(value: SSAValue) -> Attribute:
    t = value.type
    assert isinstance(t, TensorType)
    return t.get_element_type()


def evaluate(op: Operation, operands: Sequence[np.ndarray]) -> tuple[np.ndarray, ...]:
    """Run one op with the reference interpreter."""
    from xdsl.interpreter import Interpreter

    from finnr.interpreter.qnn import QnnFunctions

    interpreter = Interpreter(ModuleOp([]))
    interpreter.register_implementations(QnnFunctions())
    return tuple(interpreter.run_op(op, tuple(operands)))


def has_func_return_use(value: SSAValue) -> bool:
    """Whether a use of ``value`` fixes its type (a function's return)."""
    from xdsl.dialects import func

    return any(isinstance(u.operation, func.ReturnOp) for u in value.uses)


def apply_patterns(module: ModuleOp, *patterns: RewritePattern) -> None:
    """Apply ``patterns`` greedily until none matches (they must be
    idempotent: the walker has no iteration cap). Dead pure ops go too."""
    PatternRewriteWalker(
        GreedyRewritePatternApplier(list(patterns)), apply_recursively=True
    ).rewrite_module(module)


# --- exact threshold search ----------------------------------------------------

_F32_MAX_KEY = int(np.float32(np.finfo(np.float32).max).view(np.int32))


def _f32_from_key(key: np.ndarray) -> np.ndarray:
    """The float32 whose order key is ``key`` (keys order all floats)."""
    bits = np.where(key >= 0, key, (-key) | -0x80000000).astype(np.int32)
    return bits.view(np.float32)


def smallest_reaching(pred, shape: tuple[int, ...], integer_range: tuple[float, float] | None = None) -> np.ndarray:
    """Elementwise, the smallest input ``x`` with ``pred(x)`` true, for a
    predicate that is monotone (false, then true) in ``x``. ``pred`` gets an
    array of ``shape`` candidates and returns booleans of that shape.

    Without ``integer_range`` the search runs over every float32 (candidates
    are float32) and the answer is a float32: the lowest float32 when
    ``pred`` holds for every finite input, +inf when it holds for none. With ``integer_range=(lo, hi)`` it runs over
    the integers lo..hi (float64 candidates) and answers lo when ``pred``
    holds everywhere, hi + 1 when nowhere. The answer is exact: ``x >= t``
    equals ``pred(x)`` for every admissible ``x``."""
    if integer_range is not None:
        lo_i, hi_i = integer_range
        lo = np.full(shape, lo_i - 1, dtype=np.float64)
        hi = np.full(shape, hi_i + 1, dtype=np.float64)
        while np.any(hi - lo > 1):
            mid = np.floor((lo + hi) / 2)
            ok = np.asarray(pred(mid), dtype=bool)
            active = hi - lo > 1  # converged elements stay put
            hi, lo = np.where(ok & active, mid, hi), np.where(ok | ~active, lo, mid)
        return np.maximum(hi, lo_i)
    lo = np.full(shape, -_F32_MAX_KEY - 1, dtype=np.int64)  # "-inf"
    hi = np.full(shape, _F32_MAX_KEY + 1, dtype=np.int64)  # "+inf"
    while np.any(hi - lo > 1):
        mid = np.clip((lo + hi) // 2, -_F32_MAX_KEY, _F32_MAX_KEY)  # finite probes only
        ok = np.asarray(pred(_f32_from_key(mid)), dtype=bool)
        active = hi - lo > 1  # converged elements stay put
        hi, lo = np.where(ok & active, mid, hi), np.where(ok | ~active, lo, mid)
    out = _f32_from_key(np.minimum(hi, _F32_MAX_KEY)).astype(np.float32)
    return np.where(hi > _F32_MAX_KEY, np.float32(np.inf), out)


def reaching_holds(pred, t: np.ndarray, integer_range: tuple[float, float] | None = None, window: int = 256) -> bool:
    """Check an answer of :func:`smallest_reaching` where ``pred`` might not
    be monotone: ``pred`` is false on the ``window`` admissible inputs below
    each ``t`` and true on ``t`` and the ``window - 1`` above (on every
    input of an integer range of at most 2^12 values)."""
    t = np.asarray(t)
    if integer_range is not None:
        lo, hi = integer_range
        offsets = np.arange(lo, hi + 1) if hi - lo < 1 << 12 else None
        for i in range(-window, window) if offsets is None else offsets:
            cand = t + i if offsets is None else np.full(t.shape, float(i))
            ok = (cand >= lo) & (cand <= hi)
            want = cand >= t
            if np.any(ok & (np.asarray(pred(np.clip(cand, lo, hi)), bool) != want)):
                return False
        return True
    bits = t.astype(np.float32).view(np.int32).astype(np.int64)
    key = np.where(bits >= 0, bits, -(bits & 0x7FFFFFFF))  # order key of each threshold
    finite = np.isfinite(t)
    for i in range(-window, window):
        k = np.clip(key + i, -_F32_MAX_KEY, _F32_MAX_KEY)
        cand = _f32_from_key(k)
        want = (k >= key) & finite | (~finite & (t < 0))
        inside = (key + i >= -_F32_MAX_KEY) & (key + i <= _F32_MAX_KEY)
        if np.any(inside & (np.asarray(pred(cand), bool) != want)):
            return False
    return True


def op_label(op: Operation) -> str:
    """How diagnostics name an op: ``'qnn.matmul' %name`` (its first
    result's name in the IR), or just the op name."""
    hint = op.results[0].name_hint if op.results else None
    return f"'{op.name}' %{hint}" if hint else f"'{op.name}'"
