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


def with_element_type(t: Attribute, elt: Attribute) -> TensorType:
    assert isinstance(t, TensorType)
    return TensorType(elt, t.get_shape())


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
