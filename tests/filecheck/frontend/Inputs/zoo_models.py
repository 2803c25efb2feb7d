"""Write one small ONNX model of an import form (the FileCheck tests of
tests/filecheck/frontend import them with `finnr import`).

    python zoo_models.py NAME OUT.onnx
"""

from __future__ import annotations

import sys

import numpy as np
import onnx
from onnx import TensorProto

from finnr.examples.onnx_builder import GraphBuilder, f32, vinfo


def i64(g: GraphBuilder, v) -> str:
    return g.const(np.asarray(v, np.int64), "i")


def trunc_v1_v2():
    g = GraphBuilder()
    q = g.quant("x", 0.25, 0.0, 8)
    p = g.node("AveragePool", [q], kernel_shape=[2, 2], count_include_pad=1)
    a = g.trunc(p, 0.25, 0.0, 10, 8)
    b = g.trunc_v2(p, 0.25, 0.0, 10, 1.0, 8, signed=False, rounding_mode="ROUND")
    return g.model([vinfo("x", [1, 2, 2, 2])], [a, b], custom_opset=2)


def trunc_3_inputs():
    g = GraphBuilder()
    g.nodes.append(onnx.helper.make_node("Trunc", ["x", g.const(f32(1.0)), g.const(f32(0.0))], ["y"], name="my_trunc", domain=g.domain))
    return g.model([vinfo("x", [1, 4])], ["y"])


def activations():
    g = GraphBuilder(opset=13)
    x = g.quant("x", 0.125, 0.0, 6)
    ys = [g.node("LeakyRelu", [x], alpha=0.25), g.node("Clip", [x, g.const(f32(-1.0)), g.const(f32(1.0))]),
          g.node("Clip", [x, "", g.const(f32(6.0))]), g.node("Sigmoid", [x]), g.node("Tanh", [x]),
          g.node("HardSigmoid", [x], alpha=0.5)]
    return g.model([vinfo("x", [1, 4])], [g.quant(y, 0.25, 0.0, 4) for y in ys])


def clip_opset6():
    g = GraphBuilder(opset=9)
    return g.model([vinfo("x", [1, 4])], [g.node("Clip", ["x"], min=-1.0, max=1.0)])


def rearrange():
    g = GraphBuilder()
    d = g.node("DepthToSpace", ["x"], blocksize=2, mode="CRD")
    s = g.node("SpaceToDepth", [d], blocksize=2)
    return g.model([vinfo("x", [1, 8, 3, 3])], [d, s])


def rearrange_bad_mode():
    g = GraphBuilder()
    g.node("DepthToSpace", ["x"], blocksize=2, mode="XYZ")
    g.nodes[-1].name = "my_d2s"
    return g.model([vinfo("x", [1, 8, 3, 3])], [g.nodes[-1].output[0]])


def resize():
    g = GraphBuilder(opset=13)
    a = g.node("Resize", ["x", "", g.const(f32([1, 1, 2, 2]))], mode="nearest")
    b = g.node("Resize", ["x", "", "", i64(g, [1, 2, 3, 5])], mode="nearest",
               coordinate_transformation_mode="asymmetric", nearest_mode="floor")
    return g.model([vinfo("x", [1, 2, 2, 2])], [a, b])


def upsample():
    g = GraphBuilder(opset=9)
    return g.model([vinfo("x", [1, 2, 2, 2])], [g.node("Upsample", ["x", g.const(f32([1, 1, 2, 2]))], mode="nearest")])


def resize_linear():
    g = GraphBuilder(opset=13)
    g.node("Resize", ["x", "", g.const(f32([1, 1, 2, 2]))], mode="linear")
    g.nodes[-1].name = "my_resize"
    return g.model([vinfo("x", [1, 2, 2, 2])], [g.nodes[-1].output[0]])


def upsample_down():
    g = GraphBuilder(opset=9)
    g.node("Upsample", ["x", g.const(f32([1, 1, 0.5, 0.5]))])
    g.nodes[-1].name = "my_upsample"
    return g.model([vinfo("x", [1, 2, 2, 2])], [g.nodes[-1].output[0]])


def split_slice_concat():
    g = GraphBuilder(opset=13)
    x = g.node("Relu", ["x"])
    a, b = g.node("Split", [x, i64(g, [1, 3])], n_out=2, axis=1)
    s = g.node("Slice", [b, i64(g, [-1]), i64(g, [-100]), i64(g, [1]), i64(g, [-2])])
    c = g.node("Concat", [a, s], axis=1)
    return g.model([vinfo("x", [1, 4, 2])], [c])


def slice_empty():
    g = GraphBuilder(opset=13)
    g.node("Slice", [g.node("Relu", ["x"]), i64(g, [3]), i64(g, [1]), i64(g, [1])])
    g.nodes[-1].name = "my_slice"
    return g.model([vinfo("x", [1, 4])], [g.nodes[-1].output[0]])


def tails():
    g = GraphBuilder(opset=11)
    sm = g.node("Softmax", ["x"])  # opset 11, axis 1 of a 3-D tensor: coerced to 2-D
    ls = g.node("LogSoftmax", ["x"], axis=2)
    am = g.node("ArgMax", ["x"], axis=2, keepdims=0)
    return g.model([vinfo("x", [1, 3, 4])], [sm, ls, vinfo(am, None, TensorProto.INT64)])


def channels_last():
    g = GraphBuilder()
    w = g.const(f32(np.ones((4, 3, 3, 2))))
    c = g.node("Conv", ["x", w], domain="qonnx.custom_op.channels_last", kernel_shape=[3, 3], strides=[1, 1],
               dilations=[1, 1], pads=[1, 1, 1, 1], group=1)
    m = g.node("MaxPool", [c], domain="qonnx.custom_op.channels_last", kernel_shape=[2, 2], strides=[2, 2])
    return g.model([vinfo("x", [1, 4, 4, 2])], [m])


def domains():
    out = []
    g = GraphBuilder(domain="finn")
    y = g.quant("x", 0.5, 0.0, 4)
    g.domain = ""
    y = g.quant(y, 0.5, 0.0, 3)
    out.append(y)
    return g.model([vinfo("x", [1, 4])], out)


def residual():
    g = GraphBuilder()
    x = g.quant("x", 0.25, 0.0, 4)
    r = g.quant(g.node("Relu", [g.node("Conv", [x, g.const(f32(np.ones((2, 2, 1, 1))))])]), 0.25, 0.0, 4)
    s = g.node("Add", [x, r])
    d = g.node("Sub", [s, r])
    m = g.node("Mul", [d, x])
    return g.model([vinfo("x", [1, 2, 2, 2])], [m])


def gemm():
    g = GraphBuilder()
    x = g.quant("x", 0.25, 0.0, 4)
    w = g.quant(g.const(f32(np.ones((3, 4)))), 0.5, 0.0, 4)
    y = g.node("Gemm", [x, w, g.const(f32(np.ones(3)))], transB=1, alpha=0.5)
    z = g.node("Gemm", [g.const(f32(np.ones((3, 1)))), y, g.const(f32(1.0))], transA=1, transB=1, beta=0.0)
    return g.model([vinfo("x", [1, 4])], [z])


def pools():
    g = GraphBuilder()
    x = g.quant("x", 0.25, 0.0, 4)
    a = g.node("AveragePool", [x], kernel_shape=[3, 3], pads=[1, 1, 1, 1], strides=[2, 2], count_include_pad=1, ceil_mode=1)
    b = g.node("GlobalAveragePool", [x])
    c = g.node("GlobalMaxPool", [x])
    return g.model([vinfo("x", [1, 2, 4, 4])], [a, b, c])


def leaky_relu_negative():
    g = GraphBuilder()
    g.node("LeakyRelu", ["x"], alpha=-0.5)
    g.nodes[-1].name = "my_lrelu"
    return g.model([vinfo("x", [1, 4])], [g.nodes[-1].output[0]])


def quant_avg_pool(layout: str = "NCHW"):
    g = GraphBuilder()
    x = g.quant("x", 1.0, 0.0, 4, signed=False)
    g.node("QuantAvgPool2d", [x], domain=g.domain, kernel=2, stride=2, ibits=4, obits=4, signed=0, data_layout=layout)
    g.nodes[-1].name = "my_qavg"
    return g.model([vinfo("x", [1, 3, 4, 4])], [g.nodes[-1].output[0]])


def quant_avg_pool_bad_layout():
    return quant_avg_pool("CHWN")


def float_model():
    g = GraphBuilder()
    return g.model([vinfo("x", [1, 4])], [g.node("Relu", ["x"])])


if __name__ == "__main__":
    onnx.save_model(globals()[sys.argv[1]](), sys.argv[2])
