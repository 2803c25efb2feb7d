"""The bundled example: a small quantized network that finnr generates
itself (no download), as Brevitas would export it to QONNX.

``tfc_w2a2_example()`` is a TFC-style MLP for 8x8 images (64-32-32-10):
2-bit quantized input, 2-bit weights with per-output-channel scales, batch
norms, 2-bit activations after a relu, and a float output scale. Its
weights are random but fixed (seeded), so every build of it is the same.

The generated networks of the tests and benchmarks are here too:
:mod:`finnr.examples.networks` (random BNN-PYNQ-style MLPs and CNNs) on
:mod:`finnr.examples.onnx_builder`."""

from __future__ import annotations

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

from finnr.examples.onnx_builder import QONNX_DOMAIN


def tfc_w2a2_example(seed: int = 0, widths: tuple[int, ...] = (64, 32, 32, 10)) -> onnx.ModelProto:
    rng = np.random.default_rng(seed)
    nodes: list[onnx.NodeProto] = []
    inits: list[onnx.TensorProto] = []
    count = 0

    def const(value, prefix: str, dtype=np.float32) -> str:
        nonlocal count
        count += 1
        name = f"{prefix}_{count}"
        inits.append(numpy_helper.from_array(np.asarray(value, dtype=dtype), name))
        return name

    def node(op: str, inputs: list[str], domain: str = "", **attrs) -> str:
        nonlocal count
        count += 1
        out = f"{op.lower()}_{count}"
        nodes.append(helper.make_node(op, inputs, [out], name=f"{op}_{count}", domain=domain, **attrs))
        return out

    def quant(x: str, scale, bits: int, signed: bool, narrow: bool = False) -> str:
        return node("Quant", [x, const(scale, "scale"), const(0.0, "zeropt"), const(bits, "bits")],
                    domain=QONNX_DOMAIN, signed=int(signed), narrow=int(narrow), rounding_mode="ROUND")

    x = node("Reshape", ["image", const([1, widths[0]], "shape", np.int64)])
    x = quant(x, 0.5, 2, signed=True)
    for i in range(len(widths) - 1):
        w = const(rng.standard_normal((widths[i + 1], widths[i])), "weight")
        wscale = rng.uniform(0.1, 0.4, (widths[i + 1], 1)).astype(np.float32)
        wq = quant(w, wscale, 2, signed=True, narrow=True)
        x = node("MatMul", [x, node("Transpose", [wq], perm=[1, 0])])
        if i < len(widths) - 2:
            c = widths[i + 1]
            bn = [const(rng.uniform(0.5, 1.5, c), "gamma"), const(rng.uniform(-0.5, 0.5, c), "beta"),
                  const(rng.uniform(-1, 1, c), "mean"), const(rng.uniform(0.5, 1.5, c), "var")]
            x = node("BatchNormalization", [x, *bn], epsilon=1e-4)
            x = quant(node("Relu", [x]), 0.5, 2, signed=False)
    y = node("Mul", [x, const(0.25, "out_scale")])
    side = int(round(widths[0] ** 0.5))
    graph = helper.make_graph(
        nodes, "tfc_w2a2_example",
        [helper.make_tensor_value_info("image", TensorProto.FLOAT, [1, 1, side, side])],
        [helper.make_tensor_value_info(y, TensorProto.FLOAT, [1, widths[-1]])],
        initializer=inits,
    )
    model = helper.make_model(
        graph, opset_imports=[helper.make_opsetid("", 13), helper.make_opsetid(QONNX_DOMAIN, 1)],
        ir_version=8, producer_name="finnr",
    )
    return model


def example_input(seed: int = 1, n: int = 4, side: int = 8) -> np.ndarray:
    """A batch of inputs for the example: images with values in [0, 1)."""
    return np.random.default_rng(seed).uniform(0, 1, (n, 1, side, side)).astype(np.float32)
