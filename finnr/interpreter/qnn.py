"""Interpreter functions of the qnn dialect.

Values are numpy arrays. A tensor whose element type is ``f32`` is a
float32 array and every op producing or consuming one computes in float32,
as QONNX's executor does. A tensor of a quantized datatype is a float64
array of exact values (integers, or fixed-point multiples of a power of
two), so integer-only graphs compute exactly.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from xdsl.dialects.builtin import Float32Type, IntegerType, TensorType
from xdsl.interpreter import Interpreter, InterpreterFunctions, impl, register_impls
from xdsl.ir import Attribute, Operation

from finnr.dialects import qnn
from finnr.dialects.utils import numpy_from_dense
from finnr.interpreter import numeric


def repr_dtype(t: Attribute) -> type:
    """The numpy dtype holding values of tensor type ``t``."""
    elt = t.get_element_type() if isinstance(t, TensorType) else t
    if isinstance(elt, Float32Type):
        return np.float32
    if isinstance(elt, IntegerType):
        return np.int64
    return np.float64


def compute_dtype(op: Operation) -> type:
    """float32 when any tensor of the op is f32, else float64."""
    for v in (*op.operands, *op.results):
        if repr_dtype(v.type) is np.float32:
            return np.float32
    return np.float64


def _ins(op: Operation, args: tuple[Any, ...]) -> list[np.ndarray]:
    dtype = compute_dtype(op)
    return [np.asarray(a, dtype=dtype) for a in args]


def _out(op: Operation, *values: np.ndarray) -> tuple[np.ndarray, ...]:
    return tuple(
        np.asarray(v, dtype=repr_dtype(r.type)).reshape(r.type.get_shape())
        for v, r in zip(values, op.results, strict=True)
    )


def _in_nchw(op: qnn.BlockRearrangeOp, x: np.ndarray, fn) -> np.ndarray:
    """``fn`` (an NCHW computation) applied in the op's ``data_layout``."""
    if op.data_layout.data == "NHWC":
        return fn(x.transpose(0, 3, 1, 2)).transpose(0, 2, 3, 1)
    return fn(x)


@register_impls
class QnnFunctions(InterpreterFunctions):
    @impl(qnn.ConstantOp)
    def run_constant(self, interpreter: Interpreter, op: qnn.ConstantOp, args: tuple[Any, ...]):
        return _out(op, op.numpy())

    @impl(qnn.QuantOp)
    def run_quant(self, interpreter: Interpreter, op: qnn.QuantOp, args: tuple[Any, ...]):
        (x,) = _ins(op, args)
        y = numeric.quant(
            x,
            numpy_from_dense(op.scale),
            numpy_from_dense(op.zeropt),
            op.bitwidth.value.data,
            bool(op.signed.value.data),
            bool(op.narrow.value.data),
            op.rounding_mode.data,
        )
        return _out(op, y)

    @impl(qnn.BipolarQuantOp)
    def run_bipolar_quant(self, interpreter: Interpreter, op: qnn.BipolarQuantOp, args: tuple[Any, ...]):
        (x,) = _ins(op, args)
        return _out(op, numeric.bipolar_quant(x, numpy_from_dense(op.scale)))

    @impl(qnn.TruncOp)
    def run_trunc(self, interpreter: Interpreter, op: qnn.TruncOp, args: tuple[Any, ...]):
        (x,) = _ins(op, args)
        if op.out_scale is not None:
            y = numeric.trunc_v2(
                x,
                numpy_from_dense(op.scale),
                numpy_from_dense(op.zeropt),
                numpy_from_dense(op.out_scale),
                op.out_bitwidth.value.data,
                op.is_signed,
                op.is_narrow,
                op.rounding_mode.data,
            )
            return _out(op, y)
        y = numeric.trunc(
            x,
            numpy_from_dense(op.scale),
            numpy_from_dense(op.zeropt),
            op.in_bitwidth.value.data,
            op.out_bitwidth.value.data,
            op.rounding_mode.data,
        )
        return _out(op, y)

    @impl(qnn.MultiThresholdOp)
    def run_multithreshold(self, interpreter: Interpreter, op: qnn.MultiThresholdOp, args: tuple[Any, ...]):
        x, t = _ins(op, args)
        axis = qnn.channel_axis(op.data_layout.data, x.ndim)
        y = numeric.multithreshold(x, t, op.out_scale.value.data, op.out_bias.value.data, axis)
        return _out(op, y)

    @impl(qnn.MatMulOp)
    def run_matmul(self, interpreter: Interpreter, op: qnn.MatMulOp, args: tuple[Any, ...]):
        a, b = _ins(op, args)
        return _out(op, np.matmul(a, b))

    @impl(qnn.ConvOp)
    def run_conv(self, interpreter: Interpreter, op: qnn.ConvOp, args: tuple[Any, ...]):
        x, w, *bias = _ins(op, args)
        y = numeric.conv(
            x,
            w,
            bias[0] if bias else None,
            op.strides.get_values(),
            op.pads.get_values(),
            op.dilations.get_values(),
            op.group.value.data,
            op.data_layout.data == "NHWC",
        )
        return _out(op, y)

    def _pool(self, op: qnn.PoolOp, args: tuple[Any, ...], kind: str, include_pad: bool = False):
        (x,) = _ins(op, args)
        y = numeric.pool(
            x,
            kind,
            op.kernel_shape.get_values(),
            op.strides.get_values(),
            op.pads.get_values(),
            op.dilations.get_values(),
            bool(op.ceil_mode.value.data),
            op.data_layout.data == "NHWC",
            include_pad,
        )
        return _out(op, y)

    @impl(qnn.MaxPoolOp)
    def run_maxpool(self, interpreter: Interpreter, op: qnn.MaxPoolOp, args: tuple[Any, ...]):
        return self._pool(op, args, "max")

    @impl(qnn.AvgPoolOp)
    def run_avgpool(self, interpreter: Interpreter, op: qnn.AvgPoolOp, args: tuple[Any, ...]):
        return self._pool(op, args, "avg", bool(op.count_include_pad.value.data))

    @impl(qnn.Im2ColOp)
    def run_im2col(self, interpreter: Interpreter, op: qnn.Im2ColOp, args: tuple[Any, ...]):
        (x,) = _ins(op, args)
        y = numeric.im2col(x, op.kernel_shape.get_values(), op.strides.get_values(), op.dilations.get_values())
        return _out(op, y)

    @impl(qnn.BatchNormOp)
    def run_batchnorm(self, interpreter: Interpreter, op: qnn.BatchNormOp, args: tuple[Any, ...]):
        x, s, b, m, v = _ins(op, args)
        return _out(op, numeric.batchnorm(x, s, b, m, v, op.epsilon.value.data))

    @impl(qnn.AddOp)
    def run_add(self, interpreter: Interpreter, op: qnn.AddOp, args: tuple[Any, ...]):
        a, b = _ins(op, args)
        return _out(op, a + b)

    @impl(qnn.SubOp)
    def run_sub(self, interpreter: Interpreter, op: qnn.SubOp, args: tuple[Any, ...]):
        a, b = _ins(op, args)
        return _out(op, a - b)

    @impl(qnn.MulOp)
    def run_mul(self, interpreter: Interpreter, op: qnn.MulOp, args: tuple[Any, ...]):
        a, b = _ins(op, args)
        return _out(op, a * b)

    @impl(qnn.DivOp)
    def run_div(self, interpreter: Interpreter, op: qnn.DivOp, args: tuple[Any, ...]):
        a, b = _ins(op, args)
        return _out(op, a / b)

    @impl(qnn.ReluOp)
    def run_relu(self, interpreter: Interpreter, op: qnn.ReluOp, args: tuple[Any, ...]):
        (x,) = _ins(op, args)
        return _out(op, np.maximum(x, x.dtype.type(0)))

    @impl(qnn.LeakyReluOp)
    def run_leaky_relu(self, interpreter: Interpreter, op: qnn.LeakyReluOp, args: tuple[Any, ...]):
        (x,) = _ins(op, args)
        return _out(op, numeric.leaky_relu(x, op.alpha.value.data))

    @impl(qnn.ClipOp)
    def run_clip(self, interpreter: Interpreter, op: qnn.ClipOp, args: tuple[Any, ...]):
        (x,) = _ins(op, args)
        return _out(op, numeric.clip(x, *op.bounds()))

    @impl(qnn.SigmoidOp)
    def run_sigmoid(self, interpreter: Interpreter, op: qnn.SigmoidOp, args: tuple[Any, ...]):
        (x,) = _ins(op, args)
        return _out(op, numeric.sigmoid(x))

    @impl(qnn.TanhOp)
    def run_tanh(self, interpreter: Interpreter, op: qnn.TanhOp, args: tuple[Any, ...]):
        (x,) = _ins(op, args)
        return _out(op, np.tanh(x))

    @impl(qnn.HardSigmoidOp)
    def run_hard_sigmoid(self, interpreter: Interpreter, op: qnn.HardSigmoidOp, args: tuple[Any, ...]):
        (x,) = _ins(op, args)
        return _out(op, numeric.hard_sigmoid(x, op.alpha.value.data, op.beta.value.data))

    @impl(qnn.SignOp)
    def run_sign(self, interpreter: Interpreter, op: qnn.SignOp, args: tuple[Any, ...]):
        (x,) = _ins(op, args)
        return _out(op, np.sign(x))

    @impl(qnn.ReshapeOp)
    def run_reshape(self, interpreter: Interpreter, op: qnn.ReshapeOp, args: tuple[Any, ...]):
        (x,) = _ins(op, args)
        return _out(op, x)

    @impl(qnn.TransposeOp)
    def run_transpose(self, interpreter: Interpreter, op: qnn.TransposeOp, args: tuple[Any, ...]):
        (x,) = _ins(op, args)
        return _out(op, np.transpose(x, op.perm.get_values()))

    @impl(qnn.PadOp)
    def run_pad(self, interpreter: Interpreter, op: qnn.PadOp, args: tuple[Any, ...]):
        (x,) = _ins(op, args)
        return _out(op, numeric.pad(x, op.pads.get_values(), op.value.value.data))

    @impl(qnn.ConcatOp)
    def run_concat(self, interpreter: Interpreter, op: qnn.ConcatOp, args: tuple[Any, ...]):
        return _out(op, np.concatenate(_ins(op, args), axis=op.axis.value.data))

    @impl(qnn.DepthToSpaceOp)
    def run_depth_to_space(self, interpreter: Interpreter, op: qnn.DepthToSpaceOp, args: tuple[Any, ...]):
        (x,) = _ins(op, args)
        return _out(op, _in_nchw(op, x, lambda v: numeric.depth_to_space(v, op.blocksize.value.data, op.mode.data)))

    @impl(qnn.SpaceToDepthOp)
    def run_space_to_depth(self, interpreter: Interpreter, op: qnn.SpaceToDepthOp, args: tuple[Any, ...]):
        (x,) = _ins(op, args)
        return _out(op, _in_nchw(op, x, lambda v: numeric.space_to_depth(v, op.blocksize.value.data)))

    @impl(qnn.ResizeOp)
    def run_resize(self, interpreter: Interpreter, op: qnn.ResizeOp, args: tuple[Any, ...]):
        (x,) = _ins(op, args)
        y = numeric.resize_nearest(
            x, op.result.type.get_shape(), numpy_from_dense(op.scales),
            op.coordinate_transformation_mode.data, op.nearest_mode.data,
        )
        return _out(op, y)

    @impl(qnn.SliceOp)
    def run_slice(self, interpreter: Interpreter, op: qnn.SliceOp, args: tuple[Any, ...]):
        (x,) = _ins(op, args)
        return _out(op, numeric.strided_slice(x, op.starts.get_values(), op.steps.get_values(), op.result.type.get_shape()))

    @impl(qnn.SplitOp)
    def run_split(self, interpreter: Interpreter, op: qnn.SplitOp, args: tuple[Any, ...]):
        (x,) = _ins(op, args)
        axis = op.axis.value.data
        cuts = np.cumsum([r.type.get_shape()[axis] for r in op.results])[:-1]
        return _out(op, *np.split(x, cuts, axis=axis))

    @impl(qnn.SoftmaxOp)
    def run_softmax(self, interpreter: Interpreter, op: qnn.SoftmaxOp, args: tuple[Any, ...]):
        (x,) = _ins(op, args)
        return _out(op, numeric.softmax(x, op.normalized_axis()))

    @impl(qnn.LogSoftmaxOp)
    def run_log_softmax(self, interpreter: Interpreter, op: qnn.LogSoftmaxOp, args: tuple[Any, ...]):
        (x,) = _ins(op, args)
        return _out(op, numeric.log_softmax(x, op.normalized_axis()))

    @impl(qnn.ArgMaxOp)
    def run_argmax(self, interpreter: Interpreter, op: qnn.ArgMaxOp, args: tuple[Any, ...]):
        x = np.asarray(args[0], dtype=repr_dtype(op.input.type))
        y = numeric.argmax(x, op.normalized_axis(), bool(op.keepdims.value.data), bool(op.select_last_index.value.data))
        return _out(op, y)

    @impl(qnn.TopKOp)
    def run_topk(self, interpreter: Interpreter, op: qnn.TopKOp, args: tuple[Any, ...]):
        x = np.asarray(args[0], dtype=repr_dtype(op.input.type))
        axis = op.axis.value.data % x.ndim
        values, indices = numeric.topk(x, op.k.value.data, axis, bool(op.largest.value.data))
        return _out(op, values, indices)

    # --- issue 16 stream-b ops (depthwise form); owned by stream-b -------------

    @impl(qnn.DepthwiseDotOp)
    def run_depthwise_dot(self, interpreter: Interpreter, op: qnn.DepthwiseDotOp, args: tuple[Any, ...]):
        x, w = _ins(op, args)
        c, k = w.shape
        windows = x.reshape(*x.shape[:-1], k, c)
        return _out(op, np.einsum("...kc,ck->...c", windows, w))
