"""``qnn-quantize-input``: declare the datatype the accelerator's input
arrives in, as FINN does by annotating the global input (``UINT8`` for
images): every float input of a function gets a QONNX quantizer,

    x  ->  quant(x, scale, zeropt=0, bitwidth, signed)     (ROUND)

so ``x`` is read as ``datatype`` integers times ``scale``. A network whose
first convolution reads its unquantized float input (MobileNet-v1 and
ResNet-18 as Brevitas exports them) then streamlines into integer layers
from its first layer on, and the first layer runs on the FPGA instead of
on the host in float.

This is a declaration, not a rewrite that keeps every value: it is exact
for inputs on the declared grid (8-bit images with ``scale = 1/255``, say)
and rounds any other input to it. The pass does nothing without
``datatype``, and leaves alone inputs that already have a quantizer as their
only user, integer inputs, and functions' non-tensor arguments.

Options: ``datatype`` (a FINN/QONNX integer datatype name: ``UINT8``,
``INT8``, ...), ``scale`` (a positive float, default 1)."""

from __future__ import annotations

import math
from dataclasses import dataclass

from xdsl.context import Context
from xdsl.dialects import func
from xdsl.dialects.builtin import Float32Type, ModuleOp, TensorType
from xdsl.passes import ModulePass
from xdsl.rewriter import InsertPoint, Rewriter

from finnr.diagnostics import FinnrError
from finnr.dialects import datatypes as dt
from finnr.dialects import qnn


def input_type(datatype: str, scale: float) -> dt.DataType:
    """The integer datatype named ``datatype``; a diagnostic for another
    name or a scale that is not a positive finite number."""
    try:
        t = dt.from_finn_name(datatype)
    except ValueError as e:
        raise FinnrError(f"qnn-quantize-input: {e}") from None
    if not isinstance(t, dt.IntType | dt.UIntType):
        raise FinnrError(f"qnn-quantize-input: datatype must be INTn or UINTn, got '{datatype}'")
    if not (isinstance(scale, int | float) and math.isfinite(scale) and scale > 0):
        raise FinnrError(f"qnn-quantize-input: scale must be a positive number, got {scale}")
    return t


@dataclass(frozen=True)
class QnnQuantizeInput(ModulePass):
    """Quantize every float function input to ``datatype`` times ``scale``."""

    name = "qnn-quantize-input"

    datatype: str | None = None
    scale: int | float = 1.0

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        if self.datatype is None:
            return
        t = input_type(self.datatype, self.scale)
        for fn in op.walk():
            if not isinstance(fn, func.FuncOp):
                continue
            for arg in fn.body.block.args:
                if not isinstance(arg.type, TensorType) or not isinstance(arg.type.get_element_type(), Float32Type):
                    continue
                users = [u.operation for u in arg.uses]
                if len(users) == 1 and isinstance(users[0], qnn.QuantOp | qnn.BipolarQuantOp | qnn.MultiThresholdOp):
                    continue
                q = qnn.QuantOp(arg, arg.type, scale=self.scale, zeropt=0.0, bitwidth=dt.bitwidth(t),
                                signed=isinstance(t, dt.IntType))
                arg.replace_all_uses_with(q.result)
                q.operands[0] = arg
                q.result.name_hint = f"{arg.name_hint or 'input'}_quant"
                Rewriter.insert_op(q, InsertPoint.at_start(fn.body.block))
