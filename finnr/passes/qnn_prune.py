"""``qnn-prune``: remove output channels (neurons) of matmul and conv layers
and everything that depended on them.

It works on qnn IR where channels are explicit tensor axes: the imported
model (before ``qnn-streamline``, where the ``finnr dse`` command calls it)
or the streamlined one (integer weights, thresholds). A *layer* is a
``qnn.matmul`` or ``qnn.conv`` whose weights are computed from constants
only; layers are numbered 0, 1, ... in program order. Pruning layer ``i``'s
output channels ``c``:

- slices its weights (through their quantizers, transposes and scales:
  per-channel scales and zero points are sliced too) and a conv's bias;
- follows the channel axis forward and slices every per-channel operand on
  the way: batch norms, elementwise constants, quantizer scales,
  multithreshold rows, through relus, pools, pads of other axes,
  transposes, reshapes that keep channels apart (flattening the channel
  axis with the axes after it makes each channel a block of the vector) and
  im2col;
- stops at the next layer, whose weights lose the matching input rows
  (a matmul's rows, a conv's input channels).

The result computes exactly what the original computes with the next
layer's weights zeroed on the pruned inputs. Folding constraints follow by
construction: the layer's MH (and the next layer's MW) shrink to the kept
count, and ``dataflow-set-folding`` later picks PE/SIMD among its divisors;
``align=A`` rounds the kept count up to a multiple of A so that PE (SIMD)
values up to A stay available.

Which channels go: ``sparsity=S`` removes the fraction S (rounded) of each
layer's channels, ``keep=N`` keeps N per layer, both by the L1 magnitude of
each channel's weights (as the weights compute, after their quantizers);
with ``layer=I`` only layer I is pruned, otherwise every layer whose
channels feed another layer (a layer computing the network's outputs is
kept whole). ``layer=I keep-channels=0,2,...`` keeps exactly the listed
channels of layer I (a mask). Pruning is not idempotent: a second run
prunes again.

Refused, with a diagnostic naming the op: channels that reach an op the
pass does not follow (a concat, an add of two computed tensors, a
depthwise conv, a reshape mixing channels with other axes, ...)
or the network's outputs, weights shared by two layers, options out of
range. Nothing is changed when the pass refuses."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from xdsl.context import Context
from xdsl.dialects import func
from xdsl.dialects.builtin import ModuleOp, TensorType
from xdsl.ir import Operation, SSAValue
from xdsl.passes import ModulePass
from xdsl.rewriter import InsertPoint, Rewriter

from finnr.diagnostics import FinnrError
from finnr.dialects import qnn
from finnr.dialects.utils import dense_from_numpy, numpy_from_dense, tensor_shape
from finnr.passes.qnn_requantize import LAYERS, weight_operand
from finnr.passes.utils import element_type, evaluate, make_constant, op_label

PASS = "qnn-prune"
CHANNELWISE = (qnn.ReluOp, qnn.SignOp, qnn.QuantOp, qnn.BipolarQuantOp, qnn.TruncOp, qnn.MaxPoolOp, qnn.AvgPoolOp, qnn.PadOp)
"""Ops that keep the channel axis where it is (their per-channel scale
properties, if any, are sliced)."""
BINARY = (qnn.AddOp, qnn.SubOp, qnn.MulOp, qnn.DivOp)


class _Refused(Exception):
    """A channel reaches something the pass cannot follow (message: why)."""


# --- layers ------------------------------------------------------------------


def _constant_only(value: SSAValue) -> bool:
    """Whether ``value`` is computed from constants only."""
    op = value.owner
    return isinstance(op, Operation) and (
        isinstance(op, qnn.ConstantOp) or (bool(op.operands) and all(_constant_only(v) for v in op.operands))
    )


def layers(module: ModuleOp) -> list[Operation]:
    """The module's layers in program order: matmuls and convs whose weights
    are computed from constants."""
    return [op for op in module.walk() if isinstance(op, LAYERS) and _constant_only(weight_operand(op))]


def _out_axis(layer: Operation) -> int:
    """The channel axis of a layer's result."""
    rank = len(tensor_shape(layer.results[0].type))
    if isinstance(layer, qnn.ConvOp) and layer.data_layout.data != "NHWC":
        return 1
    return rank - 1


def out_channels(layer: Operation) -> int:
    return tensor_shape(layer.results[0].type)[_out_axis(layer)]


def _weight_axis(layer: Operation, output: bool) -> int:
    """The weights' axis of output channels (or of input channels)."""
    rank = len(tensor_shape(weight_operand(layer).type))
    if isinstance(layer, qnn.ConvOp):
        return 0 if output else 1
    return rank - 1 if output else rank - 2


def _values(value: SSAValue) -> np.ndarray:
    """What a constant-only value computes (with the interpreter)."""
    op = value.owner
    if isinstance(op, qnn.ConstantOp):
        return op.numpy()
    return evaluate(op, [_values(v) for v in op.operands])[value.index]


def channel_magnitudes(layer: Operation) -> np.ndarray:
    """The L1 norm of each output channel's weights."""
    w = np.abs(np.asarray(_values(weight_operand(layer)), dtype=np.float64))
    axis = _weight_axis(layer, output=True)
    return np.moveaxis(w, axis, 0).reshape(w.shape[axis], -1).sum(axis=1)


# --- slicing -----------------------------------------------------------------


def _take(array: np.ndarray, axis: int, rank: int, n: int, keep: np.ndarray) -> np.ndarray:
    """Slice a parameter broadcast (right-aligned) to a tensor of ``rank``
    along the tensor's ``axis`` of size ``n``; size-1 axes stay."""
    p = axis - (rank - array.ndim)
    if p < 0 or array.shape[p] == 1:
        return array
    if array.shape[p] != n:
        raise _Refused(f"a parameter of shape {list(array.shape)} does not match {n} channels")
    return np.take(array, keep, axis=p)


def _retype(value: SSAValue, shape: Iterable[int]) -> SSAValue:
    return Rewriter.replace_value_with_new_type(value, TensorType(element_type(value), list(shape)))


def _new_shape(value: SSAValue, axis: int, size: int) -> list[int]:
    shape = list(tensor_shape(value.type))
    shape[axis] = size
    return shape


def _slice_props(op: Operation, axis: int, n: int, keep: np.ndarray) -> None:
    """Slice a quantizer's per-channel ``scale``/``zeropt`` properties."""
    rank = len(tensor_shape(op.results[0].type))
    for name in ("scale", "zeropt"):
        if name in op.properties:
            values = numpy_from_dense(op.properties[name])
            op.properties[name] = dense_from_numpy(_take(values, axis, rank, n, keep).astype(np.float32))


def _shrink_operand(user: Operation, index: int, axis: int, n: int, keep: np.ndarray) -> None:
    """Slice operand ``index`` of ``user`` (computed from constants) along
    ``axis`` (of size ``n``); broadcast operands of size 1 there stay."""
    value = user.operands[index]
    shape = tensor_shape(value.type)
    if axis < 0 or shape[axis] == 1:
        return
    if not _constant_only(value):
        raise _Refused(f"{op_label(user)} combines them with a computed tensor")
    if shape[axis] != n:
        raise _Refused(f"{op_label(user)} has an operand of shape {list(shape)}")
    op = value.owner
    if value.uses.get_length() > 1:  # shared: slice a copy of what computes it
        op = op.clone()
        Rewriter.insert_op(op, InsertPoint.before(user))
        user.operands[index] = op.results[value.index]
    if isinstance(op, qnn.ConstantOp):
        new = make_constant(np.take(op.numpy(), keep, axis=axis), element_type(op.result))
        Rewriter.replace_op(op, new)
        return
    if isinstance(op, qnn.TransposeOp):
        _shrink_operand(op, 0, list(op.perm.get_values())[axis], n, keep)
    elif isinstance(op, qnn.QuantOp | qnn.BipolarQuantOp | qnn.TruncOp | qnn.ReluOp | qnn.SignOp):
        _slice_props(op, axis, n, keep)
        _shrink_operand(op, 0, axis, n, keep)
    elif isinstance(op, BINARY):
        rank = len(shape)
        for i, v in enumerate(op.operands):
            _shrink_operand(op, i, axis - (rank - len(tensor_shape(v.type))), n, keep)
    else:
        raise _Refused(f"its weights are computed by {op_label(op)}, which the pass does not slice")
    _retype(op.results[0], _new_shape(op.results[0], axis, len(keep)))


# --- following the channels forward ---------------------------------------------


def _reshape_keep(in_shape: tuple[int, ...], out_shape: tuple[int, ...], axis: int, keep: np.ndarray):
    """Where the kept channels go through a reshape: (axis, n, keep) of the
    output, when the kept elements are whole slices along one output axis
    (a flattened channel is a block of the vector); None otherwise."""
    kept = np.zeros(in_shape, dtype=bool)
    index = [slice(None)] * len(in_shape)
    index[axis] = keep
    kept[tuple(index)] = True
    kept = kept.reshape(out_shape)
    for j, size in enumerate(out_shape):
        others = tuple(i for i in range(len(out_shape)) if i != j)
        along = kept.any(axis=others)
        if not along.all() and np.array_equal(kept, np.broadcast_to(along.reshape([size if i == j else 1 for i in range(len(out_shape))]), out_shape)):
            return j, size, np.flatnonzero(along)
    return None


def _follow(value: SSAValue, axis: int, n: int, keep: np.ndarray) -> None:
    """Remove the channels not in ``keep`` (of ``n``) along ``axis`` of
    ``value`` from every user, up to the next layers."""
    work = [(value, axis, n, keep)]
    while work:
        value, axis, n, keep = work.pop()
        for use in list(value.uses):
            user, index = use.operation, use.index
            result = _follow_into(user, index, value, axis, n, keep)
            if result is not None:
                work.append(result)


def _follow_into(user: Operation, index: int, value: SSAValue, axis: int, n: int, keep: np.ndarray):
    """Slice what ``user`` needs for its operand ``index`` losing channels;
    returns the next (value, axis, n, keep) to follow, or None at a layer."""
    rank = len(tensor_shape(value.type))
    if isinstance(user, qnn.MatMulOp) and index == 0 and axis == rank - 1:
        _shrink_operand(user, 1, len(tensor_shape(user.rhs.type)) - 2, n, keep)
        return None
    if isinstance(user, qnn.ConvOp) and index == 0 and axis == _conv_in_axis(user, rank):
        if user.group.value.data != 1:
            raise _Refused(f"they reach the grouped (depthwise) conv {op_label(user)}")
        _shrink_operand(user, 1, 1, n, keep)
        return None
    if isinstance(user, func.ReturnOp):
        raise _Refused("they are outputs of the network")
    out_axis, out_n, out_keep = axis, n, keep
    if isinstance(user, CHANNELWISE) and index == 0:
        if isinstance(user, qnn.PadOp):
            pads = list(user.pads.get_values())
            if pads[axis] or pads[axis + rank]:
                raise _Refused(f"{op_label(user)} pads the channel axis")
        if isinstance(user, qnn.MaxPoolOp | qnn.AvgPoolOp) and axis != _conv_in_axis(user, rank):
            raise _Refused(f"{op_label(user)} pools along their axis")
        _slice_props(user, axis, n, keep)
    elif isinstance(user, qnn.MultiThresholdOp) and index == 0:
        if axis != qnn.channel_axis(user.data_layout.data, rank):
            raise _Refused(f"{op_label(user)} has its channels on another axis")
        _shrink_operand(user, 1, 0, n, keep)
    elif isinstance(user, qnn.BatchNormOp) and index == 0 and axis == 1:
        for i in range(1, 5):
            _shrink_operand(user, i, 0, n, keep)
    elif isinstance(user, BINARY):
        out_rank = len(tensor_shape(user.result.type))
        other = user.operands[1 - index]
        if not _constant_only(other):
            raise _Refused(f"{op_label(user)} combines them with another computed tensor")
        out_axis = axis + out_rank - rank
        _shrink_operand(user, 1 - index, out_axis - (out_rank - len(tensor_shape(other.type))), n, keep)
    elif isinstance(user, qnn.TransposeOp):
        out_axis = list(user.perm.get_values()).index(axis)
    elif isinstance(user, qnn.ReshapeOp):
        before = _new_shape(value, axis, n)  # the shape before pruning
        moved = _reshape_keep(tuple(before), tensor_shape(user.result.type), axis, keep)
        if moved is None:
            raise _Refused(f"{op_label(user)} mixes the channels with other axes")
        out_axis, out_n, out_keep = moved
    elif isinstance(user, qnn.Im2ColOp) and axis == rank - 1:
        window = math.prod(user.kernel_shape.get_values())
        out_keep = (np.arange(window)[:, None] * n + keep[None, :]).reshape(-1)
        out_n = window * n
    else:
        raise _Refused(f"they reach {op_label(user)}, which the pass does not follow")
    out = _retype(user.results[0], _new_shape(user.results[0], out_axis, len(out_keep)))
    return out, out_axis, out_n, out_keep


def _conv_in_axis(op: Operation, rank: int) -> int:
    return rank - 1 if op.data_layout.data == "NHWC" else 1


def _reaches_output(layer: Operation) -> bool:
    """Whether the layer's result reaches a function return before another
    layer consumes it."""
    work, seen = [layer.results[0]], set()
    while work:
        value = work.pop()
        for use in value.uses:
            user = use.operation
            if isinstance(user, func.ReturnOp):
                return True
            if isinstance(user, LAYERS) or user in seen:
                continue
            seen.add(user)
            work.extend(user.results)
    return False


def _prune_layer(layer: Operation, keep: np.ndarray) -> None:
    n = out_channels(layer)
    if len(keep) == n:
        return
    try:
        _shrink_operand(layer, 1, _weight_axis(layer, output=True), n, keep)
        if isinstance(layer, qnn.ConvOp) and layer.bias is not None:
            _shrink_operand(layer, 2, 0, n, keep)
        axis = _out_axis(layer)
        out = _retype(layer.results[0], _new_shape(layer.results[0], axis, len(keep)))
        _follow(out, axis, n, keep)
    except _Refused as e:
        raise FinnrError(f"{PASS}: cannot prune the output channels of {op_label(layer)}: {e}") from None


# --- choosing channels -------------------------------------------------------------


def _count(n: int, sparsity: float | None, keep: int | None, align: int) -> int:
    k = min(keep, n) if keep is not None else max(1, round(n * (1 - sparsity)))
    return min(n, -(-k // align) * align)


def _strongest(layer: Operation, count: int) -> np.ndarray:
    """The ``count`` channels of largest weight magnitude, in order (ties:
    the earlier channel)."""
    order = np.argsort(-channel_magnitudes(layer), kind="stable")
    return np.sort(order[:count])


def _check_options(sparsity: float | None, keep: int | None, align: int) -> None:
    if (sparsity is None) == (keep is None):
        raise FinnrError(f"{PASS}: give exactly one of sparsity=S, keep=N or a mask (layer=I keep-channels=...)")
    if sparsity is not None and not 0 <= sparsity < 1:
        raise FinnrError(f"{PASS}: sparsity must be in [0, 1), got {sparsity}")
    if keep is not None and keep < 1:
        raise FinnrError(f"{PASS}: keep must be >= 1, got {keep}")
    if align < 1:
        raise FinnrError(f"{PASS}: align must be >= 1, got {align}")


def prune_masks(module: ModuleOp, sparsity: float | None = None, keep: int | None = None, align: int = 1,
                layers_to_prune: Iterable[int] | None = None) -> dict[int, np.ndarray]:
    """The channels that :func:`prune` with ``sparsity`` or ``keep`` removes,
    without removing them: a boolean mask (True keeps) per pruned layer
    index, chosen by L1 weight magnitude among the layers
    ``layers_to_prune`` (default: every layer not computing the network's
    outputs), the kept count rounded up to a multiple of ``align``."""
    _check_options(sparsity, keep, align)
    found = layers(module)
    if layers_to_prune is None:
        targets = [i for i, layer in enumerate(found) if not _reaches_output(layer)]
    else:
        targets = [_check_index(i, found) for i in layers_to_prune]
    masks = {}
    for i in targets:
        n = out_channels(found[i])
        masks[i] = np.isin(np.arange(n), _strongest(found[i], _count(n, sparsity, keep, align)))
    return masks


def prune(module: ModuleOp, sparsity: float | None = None, keep: int | None = None,
          masks: dict[int, np.ndarray] | None = None, align: int = 1,
          layers_to_prune: Iterable[int] | None = None) -> ModuleOp:
    """Prune ``module`` in place and return it.

    ``sparsity`` (the fraction of channels removed) or ``keep`` (channels
    kept per layer) prune by weight magnitude, as :func:`prune_masks`
    chooses (on the unpruned module). ``masks`` maps layer indices (into
    :func:`layers`) to boolean arrays over the layer's output channels
    (True keeps the channel) or to arrays of the channel indices to keep,
    and prunes exactly those. Raises FinnrError, leaving the module
    unchanged, for what it cannot prune."""
    if masks is None:
        masks = prune_masks(module, sparsity, keep, align, layers_to_prune)
    elif sparsity is not None or keep is not None:
        raise FinnrError(f"{PASS}: give exactly one of sparsity=S, keep=N or a mask (layer=I keep-channels=...)")
    work = module.clone()  # pruned in a copy: nothing changes if it refuses
    found = layers(work)
    plan = {_check_index(i, found): _mask_channels(i, found[i], mask) for i, mask in masks.items()}
    for i, channels in sorted(plan.items()):
        _prune_layer(found[i], channels)
    work.verify()
    block = work.body.detach_block(0)
    module.body.detach_block(0).erase()
    module.body.add_block(block)
    return module


def _check_index(i: int, found: list[Operation]) -> int:
    if not 0 <= i < len(found):
        raise FinnrError(f"{PASS}: no layer {i}: the module has {len(found)} layers (matmul/conv with constant weights)")
    return i


def _mask_channels(i: int, layer: Operation, mask) -> np.ndarray:
    mask = np.asarray(mask).reshape(-1)
    n = out_channels(layer)
    if mask.dtype != bool:  # channel indices
        if mask.size and (mask.min() < 0 or mask.max() >= n or len(set(mask.tolist())) != mask.size):
            raise FinnrError(f"{PASS}: layer {i} ({op_label(layer)}) has channels 0..{n - 1}; got {sorted(mask.tolist())}")
        mask = np.isin(np.arange(n), mask)
    elif mask.size != n:
        raise FinnrError(f"{PASS}: the mask of layer {i} has {mask.size} entries; {op_label(layer)} has {n} output channels")
    if not mask.any():
        raise FinnrError(f"{PASS}: the mask of layer {i} ({op_label(layer)}) keeps no channel")
    return np.flatnonzero(mask)


@dataclass(frozen=True)
class QnnPrune(ModulePass):
    """Remove output channels of matmul/conv layers (by weight magnitude or a list), and their inputs in the next layer."""

    name = "qnn-prune"

    sparsity: int | float | None = None
    """The fraction of each layer's channels to remove (by L1 magnitude)."""
    keep: int | None = None
    """The number of channels each layer keeps (by L1 magnitude)."""
    align: int = 1
    """Kept counts are rounded up to a multiple of this (PE/SIMD stay possible)."""
    layer: int | None = None
    """Prune only this layer (index among the matmul/conv layers)."""
    keep_channels: tuple[int, ...] | None = None
    """With ``layer``: exactly the channels to keep."""

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        if self.keep_channels is not None:
            if self.layer is None or self.sparsity is not None or self.keep is not None:
                raise FinnrError(f"{PASS}: keep-channels needs layer=I and neither sparsity nor keep")
            prune(op, masks={self.layer: np.asarray(self.keep_channels, dtype=np.int64)})
            return
        prune(op, self.sparsity, self.keep, align=self.align,
              layers_to_prune=None if self.layer is None else [self.layer])
