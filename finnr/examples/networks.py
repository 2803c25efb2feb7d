"""Random BNN-PYNQ-style QONNX networks (the tests' and benchmarks'): MLPs
and small conv nets with quantized or bipolar weights, batch norms (some
with negative scales) and quantized, relu-quantized or bipolar
activations, built with onnx.helper as Brevitas would export them."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import onnx

from finnr.examples.onnx_builder import GraphBuilder, f32, vinfo


@dataclass(frozen=True)
class NetSpec:
    """What a random network looks like."""

    wbits: int  # 1 = bipolar weights
    abits: int  # 1 = bipolar activations
    relu: bool  # unsigned activations after a relu (abits > 1)
    per_channel: bool  # per-output-channel weight scales
    negative_bn: bool  # some batch-norm scales negative
    seed: int


def _weight(b: GraphBuilder, rng: np.random.Generator, shape: tuple[int, ...], spec: NetSpec) -> str:
    w = b.const(f32(rng.standard_normal(shape)), "w")
    if spec.wbits == 1:
        return b.bipolar(w, 1.0)
    if spec.per_channel:
        scale = f32(rng.uniform(0.05, 0.5, (shape[0],) + (1,) * (len(shape) - 1)))
    else:
        scale = f32(rng.uniform(0.05, 0.5))
    return b.quant(w, scale, 0.0, spec.wbits, signed=True, narrow=True)


def _batchnorm(b: GraphBuilder, rng: np.random.Generator, x: str, channels: int, spec: NetSpec) -> str:
    gamma = rng.uniform(0.5, 1.5, channels)
    if spec.negative_bn:
        gamma *= np.where(rng.uniform(size=channels) < 0.3, -1, 1)
    params = [
        b.const(f32(gamma), "gamma"),
        b.const(f32(rng.uniform(-1, 1, channels)), "beta"),
        b.const(f32(rng.uniform(-1, 1, channels)), "mean"),
        b.const(f32(rng.uniform(0.5, 1.5, channels)), "var"),
    ]
    return b.node("BatchNormalization", [x, *params], epsilon=1e-4)


def _activation(b: GraphBuilder, rng: np.random.Generator, x: str, spec: NetSpec) -> str:
    if spec.abits == 1:
        return b.bipolar(x, 1.0)
    scale = f32(2.0 ** -rng.integers(0, 3))
    if spec.relu:
        return b.quant(b.node("Relu", [x]), scale, 0.0, spec.abits, signed=False)
    return b.quant(x, scale, 0.0, spec.abits, signed=True, narrow=bool(rng.integers(0, 2)))


def _input_quant(b: GraphBuilder, x: str, spec: NetSpec) -> str:
    if spec.abits == 1:
        return b.bipolar(x, 1.0)
    return b.quant(x, 0.25, 0.0, spec.abits, signed=True)


def mlp(spec: NetSpec, widths: tuple[int, ...] = (12, 8, 6, 4)) -> onnx.ModelProto:
    rng = np.random.default_rng(spec.seed)
    b = GraphBuilder()
    x = _input_quant(b, "x", spec)
    for i in range(len(widths) - 1):
        w = _weight(b, rng, (widths[i + 1], widths[i]), spec)
        x = b.node("MatMul", [x, b.node("Transpose", [w], perm=[1, 0])])
        if i < len(widths) - 2:
            x = _activation(b, rng, _batchnorm(b, rng, x, widths[i + 1], spec), spec)
    y = b.node("Mul", [x, b.const(f32(rng.uniform(0.5, 2.0)), "out_scale")])
    return b.model([vinfo("x", [1, widths[0]])], [y])


def cnn(spec: NetSpec, channels: tuple[int, ...] = (2, 4, 6), size: int = 8, classes: int = 3) -> onnx.ModelProto:
    rng = np.random.default_rng(spec.seed)
    b = GraphBuilder()
    x = _input_quant(b, "x", spec)
    h = size
    for i in range(len(channels) - 1):
        pad = 1 if (spec.abits > 1 and i > 0) else 0
        w = _weight(b, rng, (channels[i + 1], channels[i], 3, 3), spec)
        x = b.node("Conv", [x, w], kernel_shape=[3, 3], pads=[pad] * 4)
        h = h - 2 + 2 * pad
        x = _activation(b, rng, _batchnorm(b, rng, x, channels[i + 1], spec), spec)
        if i == 0:
            x = b.node("MaxPool", [x], kernel_shape=[2, 2], strides=[2, 2])
            h //= 2
    x = b.node("Reshape", [x, b.const(np.array([1, -1], np.int64), "shape")])
    w = _weight(b, rng, (classes, channels[-1] * h * h), spec)
    y = b.node("MatMul", [x, b.node("Transpose", [w], perm=[1, 0])])
    return b.model([vinfo("x", [1, channels[0], size, size])], [y])
