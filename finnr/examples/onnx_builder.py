"""Build small ONNX/QONNX/QDQ models with onnx.helper: fresh node and
tensor names, Quant/BipolarQuant/Trunc/MultiThreshold nodes in a chosen
custom domain (the tests' and benchmarks' generated networks)."""

from __future__ import annotations

import copy
from collections.abc import Iterable, Sequence

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

QONNX_DOMAIN = "qonnx.custom_op.general"
BREVITAS_DOMAIN = "onnx.brevitas"
FINN_DOMAIN = "finn.custom_op.general"
CUSTOM_DOMAINS = (QONNX_DOMAIN, BREVITAS_DOMAIN, FINN_DOMAIN)
ROUNDING_MODES = ("ROUND", "HALF_EVEN", "CEIL", "FLOOR", "UP", "DOWN", "HALF_UP", "HALF_DOWN")

# the largest IR version that onnxruntime 1.31 (and so qonnx's executor) reads
MAX_IR_VERSION = 10


def vinfo(name: str, shape: Sequence[int | str] | None, elem: int = TensorProto.FLOAT) -> onnx.ValueInfoProto:
    return helper.make_tensor_value_info(name, elem, None if shape is None else list(shape))


def tensor(name: str, value) -> onnx.TensorProto:
    return numpy_helper.from_array(np.asarray(value), name)


def f32(value) -> np.ndarray:
    return np.asarray(value, dtype=np.float32)


class GraphBuilder:
    """Accumulates nodes and initializers with fresh names."""

    def __init__(self, opset: int = 13, domain: str = QONNX_DOMAIN):
        self.opset = opset
        self.domain = domain
        self.nodes: list[onnx.NodeProto] = []
        self.inits: list[onnx.TensorProto] = []
        self.count = 0

    def fresh(self, prefix: str) -> str:
        self.count += 1
        return f"{prefix}_{self.count}"

    def const(self, value, prefix: str = "c") -> str:
        name = self.fresh(prefix)
        self.inits.append(tensor(name, value))
        return name

    def node(self, op_type: str, inputs: Sequence[str], n_out: int = 1, domain: str = "", **attrs) -> str | list[str]:
        outs = [self.fresh(op_type.lower()) for _ in range(n_out)]
        self.nodes.append(
            helper.make_node(op_type, list(inputs), outs, name=self.fresh(f"n_{op_type}"), domain=domain, **attrs)
        )
        return outs[0] if n_out == 1 else outs

    def quant(self, x: str, scale, zeropt, bits: int, signed: bool = True, narrow: bool = False, rounding_mode: str = "ROUND", op_type: str = "Quant") -> str:
        return self.node(
            op_type,
            [x, self.const(f32(scale), "scale"), self.const(f32(zeropt), "zeropt"), self.const(f32(bits), "bits")],
            domain=self.domain, signed=int(signed), narrow=int(narrow), rounding_mode=rounding_mode,
        )

    def bipolar(self, x: str, scale) -> str:
        return self.node("BipolarQuant", [x, self.const(f32(scale), "scale")], domain=self.domain)

    def trunc(self, x: str, scale, zeropt, in_bits: int, out_bits: int, rounding_mode: str = "FLOOR") -> str:
        return self.node(
            "Trunc",
            [x, self.const(f32(scale), "scale"), self.const(f32(zeropt), "zeropt"),
             self.const(f32(in_bits), "ibits"), self.const(f32(out_bits), "obits")],
            domain=self.domain, rounding_mode=rounding_mode,
        )

    def trunc_v2(self, x: str, scale, zeropt, in_bits: int, out_scale, out_bits: int, signed: bool = True, narrow: bool = False, rounding_mode: str = "FLOOR") -> str:
        """QONNX Trunc v2 (6 inputs; the model needs custom opset 2 for qonnx's executor)."""
        return self.node(
            "Trunc",
            [x, self.const(f32(scale), "scale"), self.const(f32(zeropt), "zeropt"), self.const(f32(in_bits), "ibits"),
             self.const(f32(out_scale), "oscale"), self.const(f32(out_bits), "obits")],
            domain=self.domain, rounding_mode=rounding_mode, signed=int(signed), narrow=int(narrow),
        )

    def multithreshold(self, x: str, thresholds, out_dtype: str, **attrs) -> str:
        return self.node("MultiThreshold", [x, self.const(f32(thresholds), "thres")], domain=self.domain, out_dtype=out_dtype, **attrs)

    def model(self, inputs: Sequence[onnx.ValueInfoProto], outputs: Sequence[str | onnx.ValueInfoProto], **kw) -> onnx.ModelProto:
        outs = [o if isinstance(o, onnx.ValueInfoProto) else vinfo(o, None) for o in outputs]
        return make_model(self.nodes, inputs, outs, self.inits, opset=self.opset, **kw)


def make_model(
    nodes: Sequence[onnx.NodeProto],
    inputs: Sequence[onnx.ValueInfoProto],
    outputs: Sequence[onnx.ValueInfoProto],
    inits: Iterable[onnx.TensorProto] = (),
    opset: int = 13,
    value_info: Sequence[onnx.ValueInfoProto] = (),
    ir_version: int = 8,
    custom_opset: int = 1,
) -> onnx.ModelProto:
    graph = helper.make_graph(list(nodes), "g", list(inputs), list(outputs), initializer=list(inits), value_info=list(value_info))
    domains = sorted({n.domain for n in nodes if n.domain not in ("", "ai.onnx")})
    opsets = [helper.make_opsetid("", opset)] + [helper.make_opsetid(d, custom_opset) for d in domains]
    return helper.make_model(graph, opset_imports=opsets, ir_version=min(ir_version, MAX_IR_VERSION), producer_name="finnr-tests")


def with_domain(model: onnx.ModelProto, domain: str) -> onnx.ModelProto:
    """A copy of ``model`` with every custom op (and opset import) in ``domain``."""
    m = copy.deepcopy(model)
    for n in m.graph.node:
        if n.domain in CUSTOM_DOMAINS:
            n.domain = domain
    seen = set()
    keep = []
    for o in m.opset_import:
        d = domain if o.domain in CUSTOM_DOMAINS else o.domain
        if d not in seen:
            seen.add(d)
            keep.append(helper.make_opsetid(d, o.version))
    del m.opset_import[:]
    m.opset_import.extend(keep)
    return m
