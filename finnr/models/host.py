"""What stays on the host: the ops of a module outside its accelerators
(``dataflow.partition``/``dataflow.offload``) and the multiply-accumulates
they do per frame, next to the accelerators' (``report.json``'s
``host_ops``, ``host_macs`` and ``hardware_macs``).

Constants and expressions of constants are left out (they are computed
once, not per frame). An op's multiply-accumulates are counted by its class
(:data:`HOST_MACS`); ops without an entry (data movement, elementwise
scaling, thresholds) do none."""

from __future__ import annotations

import math
from collections.abc import Callable

from xdsl.dialects import func
from xdsl.ir import Operation

from finnr.dialects import dataflow as df
from finnr.dialects import qnn


def _shape(v) -> tuple[int, ...]:
    return tuple(v.type.get_shape())


def _matmul(op: qnn.MatMulOp) -> int:
    return math.prod(_shape(op.result)) * _shape(op.lhs)[-1]


def _conv(op: qnn.ConvOp) -> int:
    w = _shape(op.weights)  # (M, C/group, k...)
    return math.prod(_shape(op.result)) * math.prod(w[1:])


def _depthwise_dot(op: qnn.DepthwiseDotOp) -> int:
    return math.prod(_shape(op.result)) * _shape(op.weights)[1]


HOST_MACS: dict[type[Operation], Callable[[Operation], int]] = {
    qnn.MatMulOp: _matmul,
    qnn.ConvOp: _conv,
    qnn.DepthwiseDotOp: _depthwise_dot,
}
"""Multiply-accumulates per frame of a host op, by op class."""

_ACCELERATORS = (df.PartitionOp, df.OffloadOp)


def host_ops(module: Operation) -> list[dict]:
    """Every op that runs on the host per frame, in program order:
    ``{"name": its first result's name (the ONNX tensor it computes),
    "op": the op's name, "macs": multiply-accumulates per frame}``."""
    rows: list[dict] = []
    for fn in module.walk():
        if not isinstance(fn, func.FuncOp):
            continue
        constant = qnn.constant_expressions(fn.body.block.ops)
        for op in fn.body.block.ops:
            if op in constant:
                continue
            if isinstance(op, (*_ACCELERATORS, func.ReturnOp)):
                continue
            count = HOST_MACS.get(type(op))
            name = op.results[0].name_hint if op.results else None
            rows.append({"name": name or "", "op": op.name, "macs": count(op) if count else 0})
    return rows
