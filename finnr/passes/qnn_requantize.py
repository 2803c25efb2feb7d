"""``qnn-requantize``: change the precision of a quantized network's weights
and activations, on the imported (un-streamlined) qnn IR.

It works where the quantizers are still explicit ops, before
``qnn-streamline``: every quantizer keeps its place and its largest
representable magnitude ``M`` and gets a new bit width; its scale is
re-derived as ``M / max_int(new bits)`` (what Brevitas computes for a scale
taken from the tensor's maximum), so a quantizer of ``b`` bits and scale
``s`` with ``max_int = 2^(b-1) - 1`` becomes one of ``b'`` bits and scale
``s * max_int(b) / max_int(b')``; per-channel scales stay per channel.

- ``weight-bits``: quantizers of the weights of ``qnn.matmul`` and
  ``qnn.conv`` (a ``qnn.quant``/``qnn.bipolar_quant`` of a constant,
  possibly transposed or reshaped). 1 bit gives ``qnn.bipolar_quant`` of
  scale ``M``; a bipolar quantizer raised to ``b`` bits becomes a signed,
  narrow (symmetric) ``qnn.quant`` of scale ``M / (2^(b-1) - 1)``.
- ``act-bits``: quantizers of non-constant tensors computed from a
  ``qnn.matmul``/``qnn.conv`` (the activations). Unsigned quantizers (after
  a relu) stay unsigned: ``M = s * (2^b - 1)``.
- ``input-bits``: the quantizers of the network's input (before any layer),
  left alone unless given.

0 (the default) leaves that kind as it is; a quantizer already at the
requested width is not touched, so the pass is idempotent and requantizing to
the same precision changes nothing. Quantizers of other constants (biases)
and ``qnn.trunc`` are left alone.

Refused, with a diagnostic naming the op: a quantizer with a non-zero zero
point (asymmetric), a quantizer whose result is no longer ``f32`` (typed by
streamlining), weights of a layer with no quantizer (float or already
integer weights), and activations already lowered to ``qnn.multithreshold`` or
``qnn.sign`` (requantize the imported model, before ``qnn-streamline``)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from xdsl.context import Context
from xdsl.dialects.builtin import Float32Type, ModuleOp
from xdsl.ir import Operation, SSAValue
from xdsl.passes import ModulePass
from xdsl.rewriter import Rewriter

from finnr.diagnostics import FinnrError
from finnr.dialects import datatypes as dt
from finnr.dialects import qnn
from finnr.dialects.utils import numpy_from_dense
from finnr.interpreter import numeric
from finnr.passes.utils import constant_of, element_type, op_label

PASS = "qnn-requantize"
LAYERS = (qnn.MatMulOp, qnn.ConvOp)
QUANTIZERS = (qnn.QuantOp, qnn.BipolarQuantOp)


def weight_operand(layer: Operation) -> SSAValue:
    """The weight operand of a matmul (rhs) or conv."""
    return layer.rhs if isinstance(layer, qnn.MatMulOp) else layer.weights


def weight_source(value: SSAValue) -> Operation | None:
    """The op at the root of a layer's weight operand, looking through
    transposes and reshapes: a quantizer or constant for weights, anything
    else (or None, for a block argument) for an activation operand."""
    op = value.owner
    while isinstance(op, qnn.TransposeOp | qnn.ReshapeOp):
        op = op.input.owner
    return op if isinstance(op, Operation) else None


def _max_level(op: Operation) -> int:
    """The largest integer level a quantizer produces (1 for a sign)."""
    if isinstance(op, qnn.BipolarQuantOp):
        return 1
    bits, signed = op.bitwidth.value.data, bool(op.signed.value.data)
    if bits == 1 and signed:
        return 1
    return numeric.int_range(bits, signed, bool(op.narrow.value.data))[1]


def _bits(op: Operation) -> int:
    return 1 if isinstance(op, qnn.BipolarQuantOp) else op.bitwidth.value.data


def _requantize_one(op: Operation, bits: int) -> None:
    """Give quantizer ``op`` ``bits`` bits, keeping its largest magnitude."""
    if _bits(op) == bits:
        return
    if isinstance(op, qnn.QuantOp):
        if np.any(numpy_from_dense(op.zeropt) != 0):
            raise FinnrError(
                f"{PASS}: {op_label(op)} has a non-zero zero point; only symmetric "
                "quantizers (zero point 0) can be requantized"
            )
        signed, narrow, rounding = bool(op.signed.value.data), bool(op.narrow.value.data), op.rounding_mode.data
    else:
        signed, narrow, rounding = True, True, "ROUND"
    if not isinstance(element_type(op.results[0]), Float32Type):
        raise FinnrError(
            f"{PASS}: {op_label(op)} produces {element_type(op.results[0])}, not f32: "
            "requantize the imported model, before qnn-streamline"
        )
    magnitude = numpy_from_dense(op.scale).astype(np.float64) * _max_level(op)
    if bits == 1 and signed:
        new: Operation = qnn.BipolarQuantOp(op.input, op.results[0].type, scale=magnitude.astype(np.float32))
    else:
        if bits == 1:
            narrow = False  # an unsigned narrow 1-bit quantizer would hold only 0
        new_max = numeric.int_range(bits, signed, narrow)[1]
        new = qnn.QuantOp(
            op.input, op.results[0].type, scale=(magnitude / new_max).astype(np.float32),
            zeropt=np.float32(0), bitwidth=bits, signed=signed, narrow=narrow, rounding_mode=rounding,
        )
    Rewriter.replace_op(op, new)


def _computed_from_layer(value: SSAValue, memo: dict[SSAValue, bool]) -> bool:
    """Whether a matmul or conv lies upstream of ``value``."""
    stack, order = [value], []
    while stack:  # iterative: deep networks must not exhaust the stack
        v = stack.pop()
        if v in memo:
            continue
        order.append(v)
        memo[v] = False
        if isinstance(v.owner, Operation):
            stack.extend(v.owner.operands)
    for v in reversed(order):  # operands before users
        op = v.owner
        memo[v] = isinstance(op, Operation) and (
            isinstance(op, LAYERS) or any(memo[o] for o in op.operands)
        )
    return memo[value]


def _check_bits(what: str, bits: int) -> None:
    if not 0 <= bits <= dt.MAX_BITWIDTH:
        raise FinnrError(f"{PASS}: {what} must be in 1..{dt.MAX_BITWIDTH} (0 leaves it), got {bits}")


def requantize(module: ModuleOp, weight_bits: int | None = None, act_bits: int | None = None,
               input_bits: int | None = None) -> ModuleOp:
    """Requantize ``module`` (imported qnn IR, before ``qnn-streamline``) in
    place and return it: the weights of every matmul/conv to
    ``weight_bits``, every activation quantizer after a layer to
    ``act_bits``, the network input's quantizers to ``input_bits``; None
    (or 0) leaves that kind alone. Raises FinnrError for what it cannot
    requantize (see the module docstring)."""
    wb, ab, ib = weight_bits or 0, act_bits or 0, input_bits or 0
    for what, bits in (("weight-bits", wb), ("act-bits", ab), ("input-bits", ib)):
        _check_bits(what, bits)
    weights: list[Operation] = []
    activations: list[tuple[Operation, int]] = []
    memo: dict[SSAValue, bool] = {}
    for op in module.walk():
        if wb and isinstance(op, LAYERS):
            src = weight_source(weight_operand(op))
            if isinstance(src, QUANTIZERS) and constant_of(src.input) is not None:
                weights.append(src)
            elif isinstance(src, qnn.ConstantOp) or (
                isinstance(src, qnn.MulOp) and all(constant_of(v) is not None for v in src.operands)
            ):
                raise FinnrError(
                    f"{PASS}: the weights of {op_label(op)} have no quantizer (qnn.quant) to "
                    "requantize: float weights, or weights already folded into integers by "
                    "qnn-streamline (requantize the imported model)"
                )
        elif isinstance(op, QUANTIZERS) and constant_of(op.input) is None:
            from_layer = _computed_from_layer(op.input, memo)
            bits = ab if from_layer else ib
            if bits:
                activations.append((op, bits))
        elif ab and isinstance(op, qnn.MultiThresholdOp | qnn.SignOp):
            raise FinnrError(
                f"{PASS}: the activation {op_label(op)} has no quantizer to requantize "
                "(already thresholds or a sign); requantize the imported model, before qnn-streamline"
            )
    for op in dict.fromkeys(weights):  # a quantizer shared by two layers once
        _requantize_one(op, wb)
    for op, bits in activations:
        _requantize_one(op, bits)
    return module


@dataclass(frozen=True)
class QnnRequantize(ModulePass):
    """Change the bit widths of weight and activation quantizers, keeping each one's largest magnitude."""

    name = "qnn-requantize"

    weight_bits: int = 0
    """Bits of the weights of every matmul/conv (0: unchanged; 1: bipolar)."""
    act_bits: int = 0
    """Bits of every activation quantizer after a layer (0: unchanged)."""
    input_bits: int = 0
    """Bits of the quantizers of the network's input (0: unchanged)."""

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        requantize(op, self.weight_bits, self.act_bits, self.input_bits)
