"""``convert-qnn-to-dataflow``: streamlined qnn becomes streaming hardware
layers inside ``dataflow.partition`` regions.

Each maximal run of convertible ops (constants aside) becomes one partition;
what cannot go to hardware (float pre- and post-processing, layout
transposes, anything on floats) stays outside, and the partition's operands
and results are the explicit boundary. The conversions, on NHWC integer
tensors:

- ``matmul(x, W)`` with constant integer W -> ``dataflow.mvau``, fused with
  the ``multithreshold`` that is its only user (thresholds along the last
  axis, out_scale 1 with an integer bias -> act_bias; out_scale 2 and bias
  -1 with one threshold -> a bipolar output); unfused it outputs the raw
  accumulator (a last layer);
- ``multithreshold`` on the last axis -> ``dataflow.thresholding``;
- ``depthwise_dot(im2col(x), W)`` with constant integer W (C, K) and a
  2-D window -> ``dataflow.swu`` in depthwise mode + ``dataflow.vvau``,
  fused with its multithreshold like an MVAU;
- ``im2col`` -> ``dataflow.swu``; ``pad`` of the spatial axes ->
  ``dataflow.pad``; ``maxpool`` (NHWC) -> ``dataflow.maxpool``, after a
  ``dataflow.pad`` with the datatype's minimum where it pads (exact: every
  window holds a real value, as the pads are smaller than the kernel);
- ``add`` of two integer streams -> ``dataflow.add_streams``;
- ``concat`` of two or more integer streams of one datatype along the last
  axis -> ``dataflow.concat``; a nearest ``resize`` of a rank-4 integer
  tensor whose axes 1 and 2 read ``in[i // s]`` for integer factors s (the
  other axes unchanged) -> ``dataflow.upsample`` (:func:`upsample_factors`);
  an NHWC ``depth_to_space`` -> ``dataflow.depth_to_space``;
- a ``reshape`` that keeps the last dimension is free on a stream: it
  disappears inside a partition (the layers after it see the stream's shape)
  and the original shape is restored by a host-side ``qnn.reshape`` after
  the partition where needed. A chain of reshapes counts by its net
  effect (1x1x1xC -> 1xCx1x1 -> 1xC keeps the stream), so a CNV-style
  flatten does not split the partition. Any other reshape that keeps the
  batch (a flatten before a classifier, or a reshape before a window layer
  or add_streams, which need the stream in the shape their qnn op sees)
  becomes a ``dataflow.dwc`` whose result views the stream in the new
  shape; the width converter's widths follow its neighbours' folding.

Every layer starts with PE = SIMD = 1 (``dataflow-set-folding`` chooses the
folding). Partitions are named ``dataflow_0``, ``dataflow_1``, ...
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from xdsl.context import Context
from xdsl.dialects import func
from xdsl.dialects.builtin import ModuleOp, TensorType
from xdsl.ir import Block, Operation, SSAValue
from xdsl.passes import ModulePass
from xdsl.rewriter import InsertPoint, Rewriter

from finnr.dialects import dataflow as df
from finnr.dialects import datatypes as dt
from finnr.dialects import qnn
from finnr.dialects.utils import numpy_from_dense
from finnr.interpreter import numeric
from finnr.passes.utils import constant_of, element_type


def _is_int(v: SSAValue) -> bool:
    return isinstance(v.type, TensorType) and dt.is_integer(element_type(v))


def _last_axis_thresholds(mt: qnn.MultiThresholdOp) -> bool:
    rank = len(mt.input.type.get_shape())
    return qnn.channel_axis(mt.data_layout.data, rank) == rank - 1


def _activation(mt: qnn.MultiThresholdOp) -> int | None:
    """The act_bias that expresses a multithreshold's output mapping, or None."""
    s, b = mt.out_scale.value.data, mt.out_bias.value.data
    n = mt.thresholds.type.get_shape()[1]
    if s == 1 and b == round(b):
        return int(b)
    if s == 2 and b == -1 and n == 1 and isinstance(element_type(mt.result), dt.BipolarType):
        return 0  # the count 0/1 is the bipolar bit
    return None


def _fusable_activation(mm: qnn.MatMulOp | qnn.DepthwiseDotOp) -> qnn.MultiThresholdOp | None:
    if not mm.result.has_one_use():
        return None
    user = mm.result.first_use.operation
    if (
        isinstance(user, qnn.MultiThresholdOp)
        and user.input is mm.result
        and constant_of(user.thresholds) is not None
        and _last_axis_thresholds(user)
        and _activation(user) is not None
        and _is_int(user.result)
    ):
        return user
    return None


def upsample_factors(op: qnn.ResizeOp) -> tuple[int, int] | None:
    """(SH, SW) when a nearest resize of a rank-4 tensor is an integer
    upsampling of axes 1 and 2 (output index i reads input index i // s,
    by the op's own coordinate and rounding modes) that leaves axes 0 and 3
    as they are; else None. For an integer factor s >= 2 that holds at any
    size with half_pixel or pytorch_half_pixel coordinates and
    round_prefer_floor or round_prefer_ceil, with asymmetric or
    tf_half_pixel_for_nn and floor, and for s = 2 also with align_corners
    and either round_prefer mode and with asymmetric and
    round_prefer_floor; no other pair gives it beyond single-element axes.
    The test is made on the op's own sizes, with the index computation of
    the interpreter."""
    x, y = op.input.type.get_shape(), op.result.type.get_shape()
    if len(x) != 4:
        return None
    scales = numpy_from_dense(op.scales)
    factors = []
    for axis, (a, b) in enumerate(zip(x, y)):
        index = numeric.resize_nearest_axis(a, b, float(scales[axis]), op.coordinate_transformation_mode.data,
                                            op.nearest_mode.data)
        s = b // a if b % a == 0 else 0
        if s == 0 or (axis in (0, 3) and s != 1):
            return None
        if index is not None and not np.array_equal(index, np.arange(b) // s):
            return None
        factors.append(s)
    return factors[1], factors[2]


def _same_int_type(op: Operation) -> bool:
    """Integer operands and result, all of one datatype."""
    return all(_is_int(v) for v in (*op.operands, *op.results)) and len(
        {element_type(v) for v in (*op.operands, *op.results)}
    ) == 1


def convertible(op: Operation) -> bool:
    """Whether ``op`` has a dataflow counterpart."""
    if isinstance(op, qnn.MatMulOp):
        w = constant_of(op.rhs)
        return (
            w is not None and np.ndim(w) == 2 and _is_int(op.lhs) and _is_int(op.rhs)
            and _is_int(op.result) and len(op.lhs.type.get_shape()) >= 2
        )
    if isinstance(op, qnn.DepthwiseDotOp):
        cols = op.input.owner
        return (
            constant_of(op.weights) is not None and isinstance(cols, qnn.Im2ColOp)
            and len(cols.kernel_shape.get_values()) == 2
            and _is_int(op.input) and _is_int(op.weights) and _is_int(op.result)
        )
    if isinstance(op, qnn.MultiThresholdOp):
        return (
            _is_int(op.input) and _is_int(op.result) and constant_of(op.thresholds) is not None
            and _last_axis_thresholds(op) and _activation(op) is not None
        )
    if isinstance(op, qnn.Im2ColOp):
        return _is_int(op.input) and len(op.input.type.get_shape()) == 4
    if isinstance(op, qnn.PadOp):
        pads = op.pads.get_values()
        rank = len(op.input.type.get_shape())
        return _is_int(op.input) and rank == 4 and not any(pads[i] for i in (0, 3, 4, 7))
    if isinstance(op, qnn.MaxPoolOp):
        return (
            _is_int(op.input) and op.data_layout.data == "NHWC" and len(op.input.type.get_shape()) == 4
            and not op.ceil_mode.value.data and all(d == 1 for d in op.dilations.get_values())
            and all(p < k for p, k in zip(op.pads.get_values(), [*op.kernel_shape.get_values()] * 2))
        )
    if isinstance(op, qnn.AddOp):
        return (
            _is_int(op.lhs) and _is_int(op.rhs) and _is_int(op.result) and constant_of(op.lhs) is None
            and constant_of(op.rhs) is None and op.lhs.type.get_shape() == op.rhs.type.get_shape()
        )
    if isinstance(op, qnn.ReshapeOp):
        return _is_int(op.input)  # whether the stream allows it: _stream_result
    if isinstance(op, qnn.ConcatOp):
        rank = len(op.result.type.get_shape())
        return (
            len(op.inputs) >= 2 and rank >= 2 and op.axis.value.data == rank - 1 and _same_int_type(op)
            and all(constant_of(v) is None for v in op.inputs)
        )
    if isinstance(op, qnn.ResizeOp):
        return _same_int_type(op) and upsample_factors(op) is not None
    if isinstance(op, qnn.DepthToSpaceOp):
        return _same_int_type(op) and op.data_layout.data == "NHWC"
    return False


Shape = tuple[int, ...]

_FRAMED = (qnn.Im2ColOp, qnn.PadOp, qnn.MaxPoolOp, qnn.AddOp, qnn.ConcatOp, qnn.ResizeOp, qnn.DepthToSpaceOp)
"""The ops whose layers need their input stream in the shape their qnn op
sees (window and frame layers, and joins of streams of equal shapes)."""


def _stream_result(op: Operation, stream: dict[SSAValue, Shape]) -> Shape | None:
    """The shape of the stream ``op``'s (first) result has inside the
    partition being built, or None when the streams reaching ``op`` do not
    fit it. ``stream`` holds the stream shapes of the values made in that
    partition; any other value enters it with its own shape.

    A reshape is free on a stream when it keeps the batch and the last
    (folded) dimension, or when only reshapes use its result (a chain such
    as CNV's flatten 1x1x1xC -> 1xCx1x1 -> 1xC counts by its net effect):
    the layers after it see the stream's shape. Window layers (im2col, pad,
    maxpool) need their input as an actual NHWC frame and add_streams two
    streams of the same shape: before them, and wherever the last
    dimension changes (a flatten of an NHWC frame before a classifier), a
    reshape that keeps the batch becomes a ``dataflow.dwc`` whose result
    views the stream in the reshape's shape (the elements stream in the same
    order either way)."""

    def shape(v: SSAValue) -> Shape:
        return stream.get(v, v.type.get_shape())

    if isinstance(op, qnn.ReshapeOp):
        a, b = shape(op.input), op.result.type.get_shape()
        if a[:1] != b[:1]:
            return None
        framed = any(isinstance(u.operation, _FRAMED) for u in op.result.uses)
        if not framed and (a[-1:] == b[-1:] or (op.result.uses and all(isinstance(u.operation, qnn.ReshapeOp) for u in op.result.uses))):
            return a
        return tuple(b)  # a width converter re-views the stream
    if isinstance(op, qnn.MatMulOp):
        return (*shape(op.lhs)[:-1], op.rhs.type.get_shape()[-1])
    if isinstance(op, qnn.DepthwiseDotOp):
        x = op.input
        return op.result.type.get_shape() if shape(x) == x.type.get_shape() else None
    if isinstance(op, qnn.MultiThresholdOp):
        return shape(op.input)
    if isinstance(op, qnn.AddOp):
        return shape(op.lhs) if shape(op.lhs) == shape(op.rhs) else None
    if isinstance(op, qnn.ConcatOp):
        leads = {shape(v)[:-1] for v in op.inputs}
        return (*leads.pop(), op.result.type.get_shape()[-1]) if len(leads) == 1 else None
    # im2col, pad, maxpool, resize, depth_to_space
    x = op.operands[0]
    return op.results[0].type.get_shape() if shape(x) == x.type.get_shape() else None


class _Segment:
    """One partition being built: the qnn ops it replaces, in order."""

    def __init__(self):
        self.ops: list[Operation] = []
        self.fused: set[Operation] = set()
        self.shapes: dict[SSAValue, Shape] = {}  # the stream shape of each value made here


def _segments(block) -> list[_Segment]:
    segments: list[_Segment] = []
    current = _Segment()
    fused: set[Operation] = set()  # of every segment: a host op may sit between
    constant = qnn.constant_expressions(block.ops)
    for op in block.ops:            # a matmul and its multithreshold
        if op in fused:
            continue
        if op in constant:
            continue  # constants (and expressions of constants) do not split a partition
        result = _stream_result(op, current.shapes) if convertible(op) else None
        if result is None and convertible(op) and current.ops:
            # the stream reaching op does not fit it: op starts a new
            # partition, where its operands come from the host as they are
            if any(not isinstance(o, qnn.ReshapeOp) for o in current.ops):
                segments.append(current)
            current = _Segment()
            result = _stream_result(op, current.shapes)
        if result is not None:
            current.ops.append(op)
            current.shapes[op.results[0]] = result
            if isinstance(op, qnn.MatMulOp | qnn.DepthwiseDotOp) and (mt := _fusable_activation(op)) is not None:
                current.fused.add(mt)
                fused.add(mt)
                current.shapes[mt.result] = result
            continue
        if any(not isinstance(o, qnn.ReshapeOp) for o in current.ops):
            segments.append(current)
        current = _Segment()
    if any(not isinstance(o, qnn.ReshapeOp) for o in current.ops):
        segments.append(current)
    return segments


def _with_shape(elt, shape) -> TensorType:
    return TensorType(elt, tuple(shape))


def _convert_op(op: Operation, segment: _Segment, vmap: dict[SSAValue, SSAValue], out: list[Operation]) -> None:
    """Append the dataflow op(s) for ``op``, mapping its result(s) in vmap."""
    if isinstance(op, qnn.ReshapeOp):
        x = vmap[op.input]
        if segment.shapes[op.result] == x.type.get_shape():
            vmap[op.result] = x
            return
        new = df.DWCOp(x, in_elems=1, out_elems=1,
                       result_type=_with_shape(element_type(op.result), segment.shapes[op.result]))
        out.append(new)
        vmap[op.result] = new.result
        return
    if isinstance(op, qnn.MatMulOp | qnn.DepthwiseDotOp):
        dw = isinstance(op, qnn.DepthwiseDotOp)
        x = vmap[op.operands[0]]
        w = np.asarray(constant_of(op.operands[1]))
        mt = _fusable_activation(op)
        shape = (*x.type.get_shape()[:-1], w.shape[0] if dw else w.shape[1])
        kwargs = {"weights": w, "weight_dtype": element_type(op.operands[1])}
        result = op.result
        if mt is not None and mt in segment.fused:
            kwargs["thresholds"] = np.broadcast_to(np.asarray(constant_of(mt.thresholds)), (1, mt.thresholds.type.get_shape()[1])) if mt.thresholds.type.get_shape()[0] == 1 else np.asarray(constant_of(mt.thresholds))
            kwargs["act_bias"] = _activation(mt)
            result = mt.result
        if dw:
            kernel = op.input.owner.kernel_shape.get_values()
            new = df.VVAUOp(x, _with_shape(element_type(result), shape), kernel=kernel, **kwargs)
        else:
            new = df.MVAUOp(x, _with_shape(element_type(result), shape), **kwargs)
        out.append(new)
        vmap[result] = new.result
        return
    if isinstance(op, qnn.MultiThresholdOp):
        x = vmap[op.input]
        new = df.ThresholdingOp(
            x, _with_shape(element_type(op.result), x.type.get_shape()),
            thresholds=np.asarray(constant_of(op.thresholds)), act_bias=_activation(op),
        )
    elif isinstance(op, qnn.Im2ColOp):
        new = df.SWUOp(
            vmap[op.input], _with_shape(element_type(op.result), op.result.type.get_shape()),
            kernel=op.kernel_shape.get_values(), stride=op.strides.get_values(), dilation=op.dilations.get_values(),
            depthwise=bool(op.result.uses) and all(
                isinstance(u.operation, qnn.DepthwiseDotOp) and convertible(u.operation) for u in op.result.uses
            ),
        )
    elif isinstance(op, qnn.PadOp):
        p = op.pads.get_values()
        new = df.PadOp(vmap[op.input], _with_shape(element_type(op.result), op.result.type.get_shape()),
                       pads=[p[1], p[2], p[5], p[6]], value=op.value.value.data)
    elif isinstance(op, qnn.MaxPoolOp):
        x = vmap[op.input]
        top, left, bottom, right = op.pads.get_values()
        if top or left or bottom or right:  # padding with the datatype's minimum never wins a maximum
            n, h, w, c = x.type.get_shape()
            elt = element_type(op.input)
            pad = df.PadOp(x, _with_shape(elt, (n, h + top + bottom, w + left + right, c)),
                           pads=[top, left, bottom, right], value=dt.value_range(elt)[0])
            out.append(pad)
            x = pad.result
        new = df.MaxPoolOp(x, _with_shape(element_type(op.result), op.result.type.get_shape()),
                           kernel=op.kernel_shape.get_values(), stride=op.strides.get_values())
    elif isinstance(op, qnn.AddOp):
        a = vmap[op.lhs]
        new = df.AddStreamsOp(a, vmap[op.rhs], _with_shape(element_type(op.result), a.type.get_shape()))
    elif isinstance(op, qnn.ConcatOp):
        new = df.ConcatOp([vmap[v] for v in op.inputs])
    elif isinstance(op, qnn.ResizeOp):
        new = df.UpsampleOp(vmap[op.input], scale=upsample_factors(op))
    elif isinstance(op, qnn.DepthToSpaceOp):
        new = df.DepthToSpaceOp(vmap[op.input], blocksize=op.blocksize.value.data, mode=op.mode.data)
    else:  # pragma: no cover - convertible() and this function agree
        raise AssertionError(f"no dataflow conversion for {op.name}")
    out.append(new)
    vmap[op.results[0]] = new.results[0]


def _build_partition(segment: _Segment, index: int) -> None:
    ops = segment.ops + sorted(segment.fused, key=lambda o: segment.ops.index(o.operands[0].owner))
    inside = set(ops)
    inputs: list[SSAValue] = []
    for op in segment.ops:
        for v in op.operands:
            if constant_of(v) is not None or v.owner in inside or v in inputs:
                continue
            if isinstance(op, qnn.MatMulOp | qnn.DepthwiseDotOp) and v is op.operands[1]:
                continue
            inputs.append(v)
    outputs: list[SSAValue] = []
    for op in ops:
        for r in op.results:
            if any(u.operation not in inside for u in r.uses) and r not in outputs:
                if isinstance(op, qnn.MatMulOp | qnn.DepthwiseDotOp) and op in segment.ops and _fusable_activation(op) in segment.fused:
                    continue  # its only user is the fused multithreshold
                outputs.append(r)
    body = Block(arg_types=[v.type for v in inputs])
    vmap: dict[SSAValue, SSAValue] = dict(zip(inputs, body.args))
    new_ops: list[Operation] = []
    for op in segment.ops:
        _convert_op(op, segment, vmap, new_ops)
    for op in new_ops:
        body.add_op(op)
    yielded = [vmap[o] for o in outputs]
    body.add_op(df.YieldOp(*yielded))
    final = df.PartitionOp(inputs, [v.type for v in yielded], body, sym_name=f"dataflow_{index}")
    last = segment.ops[-1]
    Rewriter.insert_op(final, InsertPoint.after(last))
    host_ops: list[Operation] = []
    for qv, res in zip(outputs, final.results):
        value = res
        if res.type.get_shape() != qv.type.get_shape():
            back = qnn.ReshapeOp(res, TensorType(element_type(res), qv.type.get_shape()))
            host_ops.append(back)
            value = back.result
        value.name_hint = qv.name_hint
        qv.replace_all_uses_with(value)
    if host_ops:
        Rewriter.insert_op(host_ops, InsertPoint.after(final))
    for op in reversed(sorted(ops, key=lambda o: o.parent_block().get_operation_index(o))):
        Rewriter.erase_op(op, safe_erase=False)


def convert_function(fn: func.FuncOp) -> None:
    for i, seg in enumerate(_segments(fn.body.block)):
        _build_partition(seg, i)


@dataclass(frozen=True)
class ConvertQnnToDataflow(ModulePass):
    """Streamlined qnn becomes dataflow layers in partitions; the rest stays on the host."""

    name = "convert-qnn-to-dataflow"

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        for f in list(op.walk()):
            if isinstance(f, func.FuncOp):
                convert_function(f)
        from xdsl.transforms.dead_code_elimination import region_dce

        for f in list(op.walk()):
            if isinstance(f, func.FuncOp):
                region_dce(f.body)
