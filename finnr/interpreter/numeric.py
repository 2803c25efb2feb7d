"""Numpy kernels with the exact semantics of QONNX and ONNX operators.

Pure functions on arrays. The interpreter (``finnr/interpreter/qnn.py``) and
the frontend's constant folding call them; the arithmetic happens in the
dtype of the arrays they are given (float32 reproduces QONNX's float
execution; float64 holds integers exactly up to 2^53).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view


def round_mode(x: np.ndarray, mode: str) -> np.ndarray:
    """Round by a QONNX rounding mode (ROUND = half to even)."""
    mode = mode.upper()
    if mode in ("ROUND", "HALF_EVEN"):
        return np.round(x)
    if mode == "CEIL":
        return np.ceil(x)
    if mode == "FLOOR":
        return np.floor(x)
    if mode == "UP":
        return np.sign(x) * np.ceil(np.abs(x))
    if mode in ("DOWN", "ROUND_TO_ZERO"):
        return np.trunc(x)
    if mode == "HALF_UP":
        return np.sign(x) * np.floor(np.abs(x) + 0.5)
    if mode == "HALF_DOWN":
        return np.sign(x) * np.ceil(np.abs(x) - 0.5)
    raise ValueError(f"unknown rounding mode {mode}")


def int_range(bitwidth: int, signed: bool, narrow: bool) -> tuple[int, int]:
    """(min_int, max_int) of a QONNX integer quantizer."""
    if signed:
        lo = -(2 ** (bitwidth - 1)) + (1 if narrow else 0)
        hi = 2 ** (bitwidth - 1) - 1
    else:
        lo = 0
        hi = 2**bitwidth - 1 - (1 if narrow else 0)
    return lo, hi


def quant_int(x, scale, zeropt, bitwidth: int, signed: bool, narrow: bool, mode: str):
    """The integer side of QONNX Quant: clip(x/scale + zeropt) to the
    integer range, then round. A 1-bit signed quantizer is a sign to +-1
    (narrow is ignored there). Computed in the dtype of ``x``."""
    dtype = x.dtype
    y = x / scale.astype(dtype) + zeropt.astype(dtype)
    if bitwidth == 1 and signed:
        return np.where(y >= 0, dtype.type(1), dtype.type(-1))
    lo, hi = int_range(bitwidth, signed, narrow)
    return round_mode(np.clip(y, dtype.type(lo), dtype.type(hi)), mode)


def quant(x, scale, zeropt, bitwidth: int, signed: bool, narrow: bool, mode: str):
    """QONNX Quant: ``(quant_int(x) - zeropt) * scale``."""
    dtype = x.dtype
    y = quant_int(x, scale, zeropt, bitwidth, signed, narrow, mode)
    return ((y - zeropt.astype(dtype)) * scale.astype(dtype)).astype(dtype)


def bipolar_quant(x, scale):
    """QONNX BipolarQuant: scale * (x >= 0 ? 1 : -1)."""
    dtype = x.dtype
    return (np.where(x >= 0, dtype.type(1), dtype.type(-1)) * scale.astype(dtype)).astype(dtype)


def trunc(x, scale, zeropt, in_bitwidth: int, out_bitwidth: int, mode: str):
    """QONNX Trunc (opset 1): drop in_bitwidth - out_bitwidth LSBs."""
    dtype = x.dtype
    y = np.round(x / scale.astype(dtype) + zeropt.astype(dtype))
    y = round_mode(y / dtype.type(2.0 ** (in_bitwidth - out_bitwidth)), mode)
    return ((y - zeropt.astype(dtype)) * scale.astype(dtype)).astype(dtype)


def trunc_v2(x, scale, zeropt, out_scale, out_bitwidth: int, signed: bool, narrow: bool, mode: str):
    """QONNX Trunc v2: ``y = round(x/scale + zeropt)`` divided by ``t =
    2^round(log2(out_scale/scale))``, clipped to the out_bitwidth range,
    rounded by ``mode``, then ``(y - zeropt/t) * out_scale``."""
    dtype = x.dtype
    scale, zeropt, out_scale = (a.astype(dtype) for a in (scale, zeropt, out_scale))
    y = np.round(x / scale + zeropt)
    t = (dtype.type(2) ** np.round(np.log2(out_scale / scale))).astype(dtype)
    y = y / t
    lo, hi = int_range(out_bitwidth, signed, narrow)
    y = round_mode(np.clip(y, dtype.type(lo), dtype.type(hi)), mode)
    return ((y - zeropt / t) * out_scale).astype(dtype)


def multithreshold(x, thresholds, out_scale: float, out_bias: float, channel_axis: int):
    """QONNX MultiThreshold: count the thresholds each element reaches (per
    channel along ``channel_axis``), then ``out_scale * count + out_bias``."""
    dtype = x.dtype
    xm = np.moveaxis(x, channel_axis, -1)[..., None]
    t = thresholds.astype(dtype)
    count = np.count_nonzero(xm >= t, axis=-1).astype(dtype)
    count = np.moveaxis(count, -1, channel_axis)
    return (dtype.type(out_scale) * count + dtype.type(out_bias)).astype(dtype)


def _windows(xp: np.ndarray, kernel: Sequence[int], strides: Sequence[int], dilations: Sequence[int], first_axis: int) -> np.ndarray:
    """Sliding windows over the spatial axes starting at ``first_axis``.
    Returns the array with the output spatial axes in place and the kernel
    axes appended at the end."""
    n = len(kernel)
    axes = tuple(range(first_axis, first_axis + n))
    spans = [d * (k - 1) + 1 for k, d in zip(kernel, dilations)]
    w = sliding_window_view(xp, spans, axis=axes)
    index = [slice(None)] * w.ndim
    for i in range(n):
        index[first_axis + i] = slice(None, None, strides[i])
        index[xp.ndim + i] = slice(None, None, dilations[i])
    return w[tuple(index)]


def pad_spatial(x: np.ndarray, pads: Sequence[int], first_axis: int, value) -> np.ndarray:
    """Pad the spatial axes (ONNX order: all begins, then all ends)."""
    n = len(pads) // 2
    width = [(0, 0)] * x.ndim
    for i in range(n):
        width[first_axis + i] = (pads[i], pads[n + i])
    if not any(pads):
        return x
    return np.pad(x, width, mode="constant", constant_values=value)


def conv(x, w, bias, strides, pads, dilations, group: int, channels_last: bool):
    """ONNX Conv on NC<spatial> (or N<spatial>C) input; weights (M, C/g, k...)."""
    dtype = x.dtype
    if channels_last:
        x = np.moveaxis(x, -1, 1)
    kernel = w.shape[2:]
    xp = pad_spatial(x, pads, 2, dtype.type(0))
    win = _windows(xp, kernel, strides, dilations, 2)  # (N, C, O..., K...)
    nsp = len(kernel)
    m = w.shape[0]
    cg = w.shape[1]
    mg = m // group
    outs = []
    w = w.astype(dtype)
    for g in range(group):
        wg = win[:, g * cg : (g + 1) * cg]
        kg = w[g * mg : (g + 1) * mg]
        # contract the channel and kernel axes: (N, C, O.., K..) x (M, C, K..)
        axes_x = [1] + list(range(2 + nsp, 2 + 2 * nsp))
        axes_w = list(range(1, 2 + nsp))
        res = np.tensordot(wg, kg, axes=(axes_x, axes_w))  # (N, O..., Mg)
        outs.append(res)
    y = np.concatenate(outs, axis=-1) if group > 1 else outs[0]
    if bias is not None:
        y = y + bias.astype(dtype)
    y = y.astype(dtype)
    return y if channels_last else np.moveaxis(y, -1, 1)


def _ceil_extra(size: int, kernel: int, stride: int, pb: int, pe: int, dil: int, ceil_mode: bool) -> int:
    """Extra end padding that ceil_mode needs so the last window exists."""
    from finnr.dialects.utils import window_output_dim

    if not ceil_mode:
        return 0
    out = window_output_dim(size, kernel, stride, pb, pe, dil, True)
    need = (out - 1) * stride + dil * (kernel - 1) + 1
    return max(0, need - (size + pb + pe))


def pool(x, kind: str, kernel, strides, pads, dilations, ceil_mode: bool, channels_last: bool, count_include_pad: bool = False):
    """ONNX MaxPool / AveragePool over the spatial axes."""
    dtype = x.dtype
    if channels_last:
        x = np.moveaxis(x, -1, 1)
    nsp = len(kernel)
    spatial = x.shape[2:]
    ends = [
        pads[nsp + i] + _ceil_extra(spatial[i], kernel[i], strides[i], pads[i], pads[nsp + i], dilations[i], ceil_mode)
        for i in range(nsp)
    ]
    full = list(pads[:nsp]) + ends
    kaxes = tuple(range(2 + nsp, 2 + 2 * nsp))
    if kind == "max":
        fill = -np.inf if dtype.kind == "f" else np.iinfo(dtype).min
        win = _windows(pad_spatial(x, full, 2, fill), kernel, strides, dilations, 2)
        y = win.max(axis=kaxes)
    else:
        win = _windows(pad_spatial(x, full, 2, dtype.type(0)), kernel, strides, dilations, 2)
        total = win.sum(axis=kaxes, dtype=dtype)
        # count the real elements (and the explicit pads if asked)
        ones = np.ones((1, 1, *spatial), dtype=dtype)
        if count_include_pad:
            mask = pad_spatial(ones, list(pads), 2, dtype.type(1))
            mask = pad_spatial(mask, [0] * nsp + [e - p for e, p in zip(ends, pads[nsp:])], 2, dtype.type(0))
        else:
            mask = pad_spatial(ones, full, 2, dtype.type(0))
        count = _windows(mask, kernel, strides, dilations, 2).sum(axis=kaxes, dtype=dtype)
        y = total / count
    y = y.astype(dtype)
    return np.moveaxis(y, 1, -1) if channels_last else y


def im2col(x, kernel, strides, dilations):
    """NHWC sliding windows: (N, H, W, C) -> (N, OH, OW, KH*KW*C), each
    window ordered (kh, kw, c)."""
    nsp = len(kernel)
    win = _windows(x, kernel, strides, dilations, 1)  # (N, O..., C, K...)
    win = np.moveaxis(win, 1 + nsp, -1)  # (N, O..., K..., C)
    return np.ascontiguousarray(win).reshape(*win.shape[: 1 + nsp], -1)


def batchnorm(x, scale, bias, mean, var, epsilon: float):
    """ONNX BatchNormalization (inference) over axis 1."""
    dtype = x.dtype
    shape = (1, -1) + (1,) * (x.ndim - 2)
    s = scale.astype(dtype).reshape(shape)
    b = bias.astype(dtype).reshape(shape)
    mu = mean.astype(dtype).reshape(shape)
    v = var.astype(dtype).reshape(shape)
    return ((x - mu) / np.sqrt(v + dtype.type(epsilon)) * s + b).astype(dtype)


def pad(x, pads: Sequence[int], value):
    """Constant padding of every axis (ONNX order)."""
    return pad_spatial(x, pads, 0, x.dtype.type(value))


def topk(x, k: int, axis: int, largest: bool):
    """ONNX TopK: values and int64 indices, ties broken by the lower index."""
    key = -x if largest else x
    idx = np.argsort(key, axis=axis, kind="stable")
    idx = np.take(idx, np.arange(k), axis=axis)
    return np.take_along_axis(x, idx, axis=axis), idx.astype(np.int64)


def leaky_relu(x, alpha: float):
    """ONNX LeakyRelu."""
    return np.where(x >= 0, x, x * x.dtype.type(alpha)).astype(x.dtype)


def clip(x, lo: float, hi: float):
    """ONNX Clip (unbounded sides as +-inf)."""
    return np.minimum(np.maximum(x, x.dtype.type(lo)), x.dtype.type(hi)).astype(x.dtype)


def sigmoid(x):
    """ONNX Sigmoid, stable for large |x|."""
    one = x.dtype.type(1)
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, one / (one + e), e / (one + e)).astype(x.dtype)


def hard_sigmoid(x, alpha: float, beta: float):
    """ONNX HardSigmoid: max(0, min(1, alpha*x + beta))."""
    dtype = x.dtype
    y = x * dtype.type(alpha) + dtype.type(beta)
    return np.clip(y, dtype.type(0), dtype.type(1)).astype(dtype)


def depth_to_space(x, b: int, mode: str):
    """ONNX DepthToSpace on NCHW (DCR: channel index (bh, bw, c); CRD: (c, bh, bw))."""
    n, c, h, w = x.shape
    if mode == "DCR":
        y = x.reshape(n, b, b, c // (b * b), h, w).transpose(0, 3, 4, 1, 5, 2)
    else:
        y = x.reshape(n, c // (b * b), b, b, h, w).transpose(0, 1, 4, 2, 5, 3)
    return y.reshape(n, c // (b * b), h * b, w * b)


def space_to_depth(x, b: int):
    """ONNX SpaceToDepth on NCHW (channel index (bh, bw, c))."""
    n, c, h, w = x.shape
    y = x.reshape(n, c, h // b, b, w // b, b).transpose(0, 3, 5, 1, 2, 4)
    return y.reshape(n, c * b * b, h // b, w // b)


def resize_nearest_indices(in_len: int, out_len: int, scale: float, coordinate_mode: str, nearest_mode: str) -> np.ndarray:
    """The input index each output index of one axis reads (ONNX Resize,
    nearest), computed in float32 as onnxruntime does."""
    i = np.arange(out_len, dtype=np.float32)
    s = np.float32(scale)
    half = np.float32(0.5)
    if coordinate_mode == "half_pixel":
        x = (i + half) / s - half
    elif coordinate_mode == "asymmetric":
        x = i / s
    elif coordinate_mode == "align_corners":
        x = i * np.float32(in_len - 1) / np.float32(out_len - 1) if out_len > 1 else np.zeros_like(i)
    elif coordinate_mode == "pytorch_half_pixel":
        x = (i + half) / s - half if out_len > 1 else np.zeros_like(i)
    elif coordinate_mode == "tf_half_pixel_for_nn":
        x = (i + half) / s
    else:
        raise ValueError(f"unknown coordinate_transformation_mode {coordinate_mode}")
    if nearest_mode == "round_prefer_floor":
        idx = np.where(x == np.floor(x) + half, np.floor(x), np.round(x))
    elif nearest_mode == "round_prefer_ceil":
        idx = np.floor(x + half)
    elif nearest_mode == "floor":
        idx = np.floor(x)
    elif nearest_mode == "ceil":
        idx = np.ceil(x)
    else:
        raise ValueError(f"unknown nearest_mode {nearest_mode}")
    return np.clip(idx, 0, in_len - 1).astype(np.int64)


def resize_nearest_axis(in_len: int, out_len: int, scale: float, coordinate_mode: str, nearest_mode: str) -> np.ndarray | None:
    """The input index each output index of one axis of a nearest resize
    reads; None for an axis left as it is (same length, scale 1)."""
    if in_len == out_len and scale == 1:
        return None
    return resize_nearest_indices(in_len, out_len, scale, coordinate_mode, nearest_mode)


def resize_nearest(x, out_shape, scales, coordinate_mode: str, nearest_mode: str):
    """ONNX Resize (nearest) to ``out_shape``."""
    for axis, (a, b, s) in enumerate(zip(x.shape, out_shape, scales)):
        index = resize_nearest_axis(a, b, float(s), coordinate_mode, nearest_mode)
        if index is not None:
            x = np.take(x, index, axis=axis)
    return x


def strided_slice(x, starts, steps, out_shape):
    """Elements ``starts[a] + k * steps[a]``, k < out_shape[a], of every axis."""
    for axis, (st, sp, n) in enumerate(zip(starts, steps, out_shape)):
        if (st, sp, n) != (0, 1, x.shape[axis]):
            x = np.take(x, st + sp * np.arange(n), axis=axis)
    return x


def softmax(x, axis: int):
    """Softmax along ``axis`` (max subtracted first)."""
    e = np.exp(x - x.max(axis=axis, keepdims=True))
    return (e / e.sum(axis=axis, keepdims=True)).astype(x.dtype)


def log_softmax(x, axis: int):
    """LogSoftmax along ``axis``."""
    d = x - x.max(axis=axis, keepdims=True)
    return (d - np.log(np.exp(d).sum(axis=axis, keepdims=True))).astype(x.dtype)


def argmax(x, axis: int, keepdims: bool, select_last_index: bool):
    """ONNX ArgMax (int64 indices)."""
    if select_last_index:
        idx = x.shape[axis] - 1 - np.argmax(np.flip(x, axis=axis), axis=axis)
    else:
        idx = np.argmax(x, axis=axis)
    idx = idx.astype(np.int64)
    return np.expand_dims(idx, axis) if keepdims else idx
