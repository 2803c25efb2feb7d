"""Import ONNX models (QONNX from Brevitas, ONNX QDQ, plain float ONNX) into
the qnn dialect: one ``func.func @main`` per model.

Tensors computed only from constants (initializers, Constant nodes,
Shape/Gather/Unsqueeze chains) are folded at import; everything else becomes
a qnn op. QONNX ops are read in every domain spelling in use
(``qonnx.custom_op.general``, ``onnx.brevitas``, ``finn.custom_op.general``,
``finn``; ``Quant`` also in the default domain), ``Trunc`` in both versions
(5 and 6 inputs), and the NHWC ops of ``qonnx.custom_op.channels_last`` as
transposes around the NCHW ones. Quantizers stay explicit (folding them into integer weights is the
job of the streamlining passes). A model with unsupported nodes fails with
one :class:`FinnrError` listing all of them.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import onnx
from onnx import helper, numpy_helper
from xdsl.dialects import func
from xdsl.dialects.builtin import FunctionType, ModuleOp, TensorType, f32, i64
from xdsl.ir import Block, Operation, Region, SSAValue

from finnr.diagnostics import FinnrError
from finnr.dialects import datatypes as dt
from finnr.dialects import qnn
from finnr.dialects.utils import bool_attr, broadcast_shapes, dense_from_numpy, window_output_dim
from finnr.interpreter import numeric
from finnr.names import sanitize

QONNX_DOMAINS = ("qonnx.custom_op.general", "onnx.brevitas", "finn.custom_op.general", "finn")
CHANNELS_LAST_DOMAIN = "qonnx.custom_op.channels_last"
DEFAULT_DOMAINS = ("", "ai.onnx")
QUANTIZER_OPS = ("Quant", "IntQuant", "BipolarQuant", "Trunc", "MultiThreshold", "QuantizeLinear", "DequantizeLinear")
"""Node types that make a model quantized (QONNX quantizers, QDQ pairs)."""
NO_QUANTIZER_MESSAGE = "no quantized layers found: finnr compiles QONNX/QDQ models; float models need quantization first"
MIN_OPSET, MAX_OPSET = 7, 22


class _Unsupported(Exception):
    """Raised inside a handler for a node the importer cannot express."""


@dataclass
class _QLinear:
    """The output of a QuantizeLinear, kept symbolic until its
    DequantizeLinear turns the pair into one qnn.quant."""

    source: str
    scale: np.ndarray
    zeropt: np.ndarray
    bitwidth: int
    signed: bool


Value = SSAValue | np.ndarray | _QLinear


def load_model(path: str | os.PathLike) -> onnx.ModelProto:
    """Read an ONNX file and its external data, or raise FinnrError."""
    p = Path(path)
    if not p.is_file():
        raise FinnrError(f"{p}: no such file")
    try:
        model = onnx.load(str(p), load_external_data=False)
    except Exception as e:  # onnx raises DecodeError, ValueError, ...
        raise FinnrError(
            f"{p}: not a readable ONNX model ({type(e).__name__}: {str(e).strip()[:200]})",
            ["check that the file is a complete .onnx export"],
        ) from None
    if not model.graph.node and not model.graph.output:
        raise FinnrError(f"{p}: not an ONNX model (the file parses to an empty graph)")
    for t in model.graph.initializer:
        if t.data_location == onnx.TensorProto.EXTERNAL:
            info = {e.key: e.value for e in t.external_data}
            data = p.parent / info.get("location", "")
            if not data.is_file():
                raise FinnrError(
                    f"{p}: tensor '{t.name}' is stored in the external data file "
                    f"'{info.get('location', '')}', which does not exist next to the model",
                    [f"put {data.name} in {p.parent}"],
                )
    try:
        onnx.load_external_data_for_model(model, str(p.parent))
    except Exception as e:
        raise FinnrError(f"{p}: cannot read the external data ({e})") from None
    return model


def import_model(model: onnx.ModelProto | str | os.PathLike, *, require_quantized: bool = False) -> ModuleOp:
    """Import an ONNX model (or a path to one) into a qnn module. With
    ``require_quantized`` a model without any quantizer (a float model) is a
    FinnrError (after every other check of the import: unsupported nodes,
    shapes, values); without it float
    graphs import too (the interpreter runs them as references)."""
    if not isinstance(model, onnx.ModelProto):
        model = load_model(model)
    _check_names(model.graph)
    module = _Importer(model).run()
    if require_quantized:
        check_quantized(model)
    return module


def check_quantized(model: onnx.ModelProto) -> None:
    """Raise a FinnrError when no node of ``model`` is a quantizer."""
    if not any(n.op_type in QUANTIZER_OPS for n in model.graph.node):
        raise FinnrError(
            NO_QUANTIZER_MESSAGE,
            ["quantize it first (Brevitas quantization-aware training, or ONNX Runtime's quantize_static for QDQ)"],
        )


def _check_names(graph: onnx.GraphProto) -> None:
    """A corrupt file can hold names that are not UTF-8 (protobuf then gives
    bytes instead of str): reject them before anything compares names."""
    named = [*graph.input, *graph.output, *graph.value_info, *graph.initializer]
    names = [(v.name, "tensor") for v in named]
    for n in graph.node:
        names += [(n.name, "node"), (n.op_type, "op type"), (n.domain, "domain")]
        names += [(i, "tensor") for i in (*n.input, *n.output)]
        names += [(a.name, "attribute") for a in n.attribute]
    for name, what in names:
        if not isinstance(name, str):
            raise FinnrError(
                f"a {what} name is not valid UTF-8 ({bytes(name)[:40]!r}); the file is corrupt",
                ["check that the file is a complete, valid .onnx export"],
            )


def _attrs(node: onnx.NodeProto) -> dict:
    out = {}
    for a in node.attribute:
        v = helper.get_attribute_value(a)
        if v is None:
            raise ValueError(f"attribute '{a.name}' has no value")
        out[a.name] = v.decode() if isinstance(v, bytes) else v
    return out


def _initializer(t: onnx.TensorProto) -> np.ndarray:
    try:
        return numpy_helper.to_array(t)
    except Exception as e:  # onnx raises TypeError, ValueError, ... on corrupt tensors
        raise FinnrError(
            f"initializer '{t.name}' cannot be read ({type(e).__name__}: {str(e).strip()[:200]})",
            ["check that the file is a complete, valid .onnx export"],
        ) from None


def _tensor_type(shape) -> TensorType:
    return TensorType(f32, tuple(int(d) for d in shape))


class _Importer:
    def __init__(self, model: onnx.ModelProto):
        self.model = model
        self.graph = model.graph
        self.opset = 0
        for o in model.opset_import:
            if o.domain in DEFAULT_DOMAINS:
                self.opset = o.version
        self.consts: dict[str, np.ndarray] = {t.name: _initializer(t) for t in self.graph.initializer}
        self.values: dict[str, Value] = {}
        self.materialized: dict[str, SSAValue] = {}
        self.block: Block | None = None
        self.consumers: dict[str, list[onnx.NodeProto]] = {}
        for n in self.graph.node:
            for i in n.input:
                self.consumers.setdefault(i, []).append(n)

    # --- driver ------------------------------------------------------------

    def run(self) -> ModuleOp:
        self._check_supported()
        inputs = [i for i in self.graph.input if i.name not in self.consts]
        arg_types = [self._input_type(i) for i in inputs]
        self.block = Block(arg_types=arg_types)
        for arg, i in zip(self.block.args, inputs):
            arg.name_hint = sanitize(i.name)
            self.values[i.name] = arg
        for node in self._sorted_nodes():
            self._convert(node)
        results = []
        for out in self.graph.output:
            if out.name not in self.values and out.name not in self.consts:
                raise FinnrError(f"graph output '{out.name}' is not produced by any node")
            results.append(self.ssa(out.name))
        self.block.add_op(func.ReturnOp(*results))
        ftype = FunctionType.from_lists(arg_types, [r.type for r in results])
        fn = func.FuncOp("main", ftype, Region(self.block))
        module = ModuleOp([fn])
        try:
            module.verify()
        except Exception as e:
            raise FinnrError(f"the imported model is inconsistent: {e}") from None
        return module

    def _check_supported(self) -> None:
        if not MIN_OPSET <= self.opset <= MAX_OPSET:
            raise FinnrError(
                f"the model uses ONNX opset {self.opset}; finnr supports opsets {MIN_OPSET} to {MAX_OPSET}",
                ["convert it with onnx.version_converter"],
            )
        bad = []
        for n in self.graph.node:
            if self._handler(n) is None:
                bad.append(n)
        if bad:
            lines = [
                f"node '{n.name or '<unnamed>'}': {n.op_type} (domain '{n.domain or 'ai.onnx'}')"
                for n in bad
            ]
            raise FinnrError(
                f"the model has {len(bad)} unsupported node{'s' if len(bad) > 1 else ''}:",
                lines,
            )

    def _handler(self, n: onnx.NodeProto) -> Callable | None:
        if n.domain in QONNX_DOMAINS:
            return _QONNX_HANDLERS.get(n.op_type)
        if n.domain == CHANNELS_LAST_DOMAIN:
            return _CHANNELS_LAST_HANDLERS.get(n.op_type)
        if n.domain in DEFAULT_DOMAINS:
            return _ONNX_HANDLERS.get(n.op_type)
        return None

    def _sorted_nodes(self) -> list[onnx.NodeProto]:
        available = set(self.consts) | {i.name for i in self.graph.input} | {""}
        pending = list(self.graph.node)
        ordered: list[onnx.NodeProto] = []
        while pending:
            progress = False
            rest = []
            for n in pending:
                if all(i in available for i in n.input):
                    ordered.append(n)
                    available.update(n.output)
                    progress = True
                else:
                    rest.append(n)
            if not progress:
                missing = sorted({i for n in rest for i in n.input if i not in available})
                raise FinnrError(
                    f"the graph has a cycle or undefined tensors: {', '.join(missing[:10])}"
                )
            pending = rest
        return ordered

    def _input_type(self, vi: onnx.ValueInfoProto) -> TensorType:
        tt = vi.type.tensor_type
        if not vi.type.HasField("tensor_type") or not tt.HasField("shape"):
            raise FinnrError(f"graph input '{vi.name}' has no tensor shape")
        if tt.elem_type not in (onnx.TensorProto.FLOAT, onnx.TensorProto.UINT8, onnx.TensorProto.INT8):
            raise FinnrError(
                f"graph input '{vi.name}' has element type "
                f"{onnx.TensorProto.DataType.Name(tt.elem_type)}; finnr takes float inputs"
            )
        shape = []
        for k, d in enumerate(tt.shape.dim):
            if d.HasField("dim_value") and d.dim_value > 0:
                shape.append(d.dim_value)
            elif k == 0:
                shape.append(1)  # a symbolic batch: finnr compiles one frame
            else:
                raise FinnrError(
                    f"graph input '{vi.name}' has a dynamic dimension {k} "
                    f"('{d.dim_param or '?'}'); only the batch dimension may be symbolic",
                    ["export the model with a fixed input shape"],
                )
        return _tensor_type(shape)

    def _convert(self, node: onnx.NodeProto) -> None:
        handler = self._handler(node)
        assert handler is not None
        try:
            outs = handler(self, node, _attrs(node))
        except _Unsupported as e:
            raise FinnrError(
                f"node '{node.name or '<unnamed>'}' ({node.op_type}): {e}"
            ) from None
        except (ValueError, KeyError, IndexError, OverflowError, TypeError) as e:
            # a malformed node (missing inputs, attributes of the wrong
            # arity, tensors of impossible shapes), found by fuzzing
            raise FinnrError(
                f"node '{node.name or '<unnamed>'}' ({node.op_type}) is malformed: "
                f"{type(e).__name__}: {str(e)[:200]}",
                ["check the node's inputs, attributes and constant shapes"],
            ) from None
        for name, value in zip(node.output, outs):
            if name:
                if isinstance(value, np.ndarray | np.generic):  # numpy gives 0-d results as scalars
                    self.consts[name] = np.asarray(value)
                else:
                    self.values[name] = value

    # --- values ------------------------------------------------------------

    def is_const(self, name: str) -> bool:
        return name in self.consts

    def const(self, node: onnx.NodeProto, index: int, what: str) -> np.ndarray:
        if index >= len(node.input) or not node.input[index]:
            raise _Unsupported(f"missing input {what}")
        name = node.input[index]
        if name not in self.consts:
            raise _Unsupported(f"{what} ('{name}') must be a constant")
        return self.consts[name]

    def opt_const(self, node: onnx.NodeProto, index: int, what: str) -> np.ndarray | None:
        if index >= len(node.input) or not node.input[index]:
            return None
        return self.const(node, index, what)

    def ssa(self, name: str) -> SSAValue:
        """The SSA value of an ONNX tensor, materializing constants."""
        if name in self.materialized:
            return self.materialized[name]
        v = self.values.get(name)
        if isinstance(v, SSAValue):
            return v
        if isinstance(v, _QLinear):
            return self._materialize_qlinear(name, v)
        if name in self.consts:
            arr = self.consts[name]
            if arr.dtype.kind not in "fiub":
                raise _Unsupported(f"constant '{name}' has unsupported dtype {arr.dtype}")
            op = qnn.ConstantOp(
                dense_from_numpy(np.asarray(arr, dtype=np.float32)),
                _tensor_type(arr.shape),
            )
            op.result.name_hint = sanitize(name)
            self.emit(op)
            self.materialized[name] = op.result
            return op.result
        raise FinnrError(f"tensor '{name}' is used before it is defined")

    def emit(self, op: Operation) -> Operation:
        assert self.block is not None
        self.block.add_op(op)
        return op

    def shape(self, name: str) -> tuple[int, ...]:
        if name in self.consts:
            return tuple(self.consts[name].shape)
        v = self.values[name]
        if isinstance(v, _QLinear):
            return self.shape(v.source)
        return v.type.get_shape()

    def _materialize_qlinear(self, name: str, q: _QLinear) -> SSAValue:
        """A QuantizeLinear whose output is used as integers:
        ``saturate(round(x/s) + zp)``, rounding half to even before the zero
        point is added (as ONNX does): ``quant(x/s)``, or with a zero point
        ``quant(quant(x/s; wide) + zp)`` (the first rounds, the second
        saturates)."""
        x = self.ssa(q.source)
        t = x.type
        s = self.emit(qnn.ConstantOp(dense_from_numpy(q.scale.astype(np.float32)), _tensor_type(q.scale.shape))).result
        div = self.emit(qnn.DivOp(x, s, _tensor_type(broadcast_shapes(t.get_shape(), q.scale.shape)))).result
        one, zero = np.float32(1.0), np.float32(0.0)
        if np.any(q.zeropt):
            div = self.emit(qnn.QuantOp(div, div.type, scale=one, zeropt=zero, bitwidth=q.bitwidth + 1, signed=True)).result
            zp = self.emit(qnn.ConstantOp(dense_from_numpy(q.zeropt.astype(np.float32)), _tensor_type(q.zeropt.shape))).result
            div = self.emit(qnn.AddOp(div, zp, _tensor_type(broadcast_shapes(div.type.get_shape(), q.zeropt.shape)))).result
        out = self.emit(qnn.QuantOp(div, div.type, scale=one, zeropt=zero, bitwidth=q.bitwidth, signed=q.signed)).result
        out.name_hint = sanitize(name)
        self.materialized[name] = out
        return out

    def named(self, node: onnx.NodeProto, op: Operation, index: int = 0) -> SSAValue:
        if op.parent is None:  # a multi-result op is named once per result
            self.emit(op)
        r = op.results[index]
        if index < len(node.output):
            r.name_hint = sanitize(node.output[index])
        return r


# --- handlers: each returns the node's outputs (SSA values or constants) ---


def _fold_or(fn: Callable[..., np.ndarray], build: Callable[[_Importer, onnx.NodeProto, dict], list[Value]] | None = None):
    """A handler that folds when every input is constant, else builds ops."""

    def handler(im: _Importer, node: onnx.NodeProto, attrs: dict) -> list[Value]:
        names = [i for i in node.input if i]
        if all(im.is_const(i) for i in names):
            res = fn(im, node, attrs, [im.consts[i] for i in names])
            return list(res) if isinstance(res, tuple) else [res]
        if build is None:
            raise _Unsupported("only supported on constant inputs")
        return build(im, node, attrs)

    return handler


def _binary(op_cls: type[qnn.BinaryElementwiseOp], np_fn: Callable) -> Callable:
    def fold(im, node, attrs, vals):
        a, b = vals
        r = np_fn(a, b)
        return r.astype(np.result_type(a.dtype, b.dtype)) if a.dtype.kind == b.dtype.kind else r

    def build(im: _Importer, node, attrs):
        a, b = node.input[0], node.input[1]
        shape = broadcast_shapes(im.shape(a), im.shape(b))
        if shape is None:
            raise _Unsupported(f"shapes {list(im.shape(a))} and {list(im.shape(b))} do not broadcast")
        return [im.named(node, op_cls(im.ssa(a), im.ssa(b), _tensor_type(shape)))]

    return _fold_or(fold, build)


def _unary(op_cls: type[qnn.UnaryElementwiseOp], np_fn: Callable) -> Callable:
    def build(im: _Importer, node, attrs):
        x = im.ssa(node.input[0])
        return [im.named(node, op_cls(x, x.type))]

    return _fold_or(lambda im, node, attrs, vals: np_fn(vals[0]).astype(vals[0].dtype), build)


def _activation(op_cls: type[qnn.UnaryElementwiseOp], defaults: dict[str, float], np_fn: Callable) -> Callable:
    """An activation whose float parameters are attributes (``defaults``
    gives their ONNX defaults); folded on constants by ``np_fn(x, **params)``."""

    def params(attrs) -> dict[str, float]:
        return {k: float(attrs.get(k, v)) for k, v in defaults.items()}

    def build(im: _Importer, node, attrs):
        x = im.ssa(node.input[0])
        p = params(attrs)
        for k, v in p.items():
            if not math.isfinite(v) or (k == "alpha" and v < 0):
                raise _Unsupported(f"{k} = {v:g} is not supported (finnr takes finite parameters and alpha >= 0)")
        return [im.named(node, op_cls(x, x.type, **p))]

    def fold(im, node, attrs, vals):
        x = vals[0].astype(np.float32)
        return np_fn(x, **params(attrs))

    return _fold_or(fold, build)


def _clip_bounds(im: _Importer, node, attrs) -> tuple[float | None, float | None]:
    if im.opset < 11:
        lo, hi = attrs.get("min"), attrs.get("max")
        return (None if lo is None else float(lo)), (None if hi is None else float(hi))
    bounds = []
    for i, what in ((1, "min"), (2, "max")):
        v = im.opt_const(node, i, what)
        if v is not None and v.size != 1:
            raise _Unsupported(f"{what} must be a scalar")
        bounds.append(None if v is None else float(v.reshape(-1)[0]))
    return bounds[0], bounds[1]


def _clip(im: _Importer, node, attrs) -> list[Value]:
    lo, hi = _clip_bounds(im, node, attrs)
    name = node.input[0]
    if im.is_const(name):
        x = im.consts[name]
        return [np.clip(x, -np.inf if lo is None else lo, np.inf if hi is None else hi).astype(x.dtype)]
    x = im.ssa(name)
    for b in (lo, hi):
        if b is not None and not math.isfinite(b):
            raise _Unsupported(f"bound {b} must be finite")
    return [im.named(node, qnn.ClipOp(x, x.type, min=lo, max=hi))]


def _identity(im: _Importer, node, attrs) -> list[Value]:
    name = node.input[0]
    if im.is_const(name):
        return [im.consts[name]]
    return [im.values[name]]


def _constant(im: _Importer, node, attrs) -> list[Value]:
    if "value" in attrs:
        return [numpy_helper.to_array(attrs["value"])]
    for key, dtype in (("value_float", np.float32), ("value_floats", np.float32), ("value_int", np.int64), ("value_ints", np.int64)):
        if key in attrs:
            return [np.asarray(attrs[key], dtype=dtype)]
    raise _Unsupported("only tensor, float and int constants are supported")


def _shape(im: _Importer, node, attrs) -> list[Value]:
    shape = np.asarray(im.shape(node.input[0]), dtype=np.int64)
    start, end = attrs.get("start", 0), attrs.get("end", None)
    return [shape[start:end]]


def _gather(im, node, attrs, vals):
    data, idx = vals
    return np.take(data, idx.astype(np.int64), axis=attrs.get("axis", 0))


def _axes(im: _Importer, node, attrs) -> list[int] | None:
    if "axes" in attrs:
        return list(attrs["axes"])
    if len(node.input) > 1 and node.input[1]:
        return [int(a) for a in im.const(node, 1, "axes")]
    return None


def _unsqueeze_shape(shape: tuple[int, ...], axes: list[int]) -> tuple[int, ...]:
    rank = len(shape) + len(axes)
    axes = sorted(a % rank for a in axes)
    out = list(shape)
    for a in axes:
        out.insert(a, 1)
    return tuple(out)


def _squeeze_shape(shape: tuple[int, ...], axes: list[int] | None) -> tuple[int, ...]:
    if axes is None:
        return tuple(d for d in shape if d != 1)
    axes = [a % len(shape) for a in axes]
    for a in axes:
        if shape[a] != 1:
            raise _Unsupported(f"cannot squeeze axis {a} of size {shape[a]}")
    return tuple(d for i, d in enumerate(shape) if i not in axes)


def _reshape_to(im: _Importer, node, shape: tuple[int, ...]) -> list[Value]:
    name = node.input[0]
    if im.is_const(name):
        return [im.consts[name].reshape(shape)]
    return [im.named(node, qnn.ReshapeOp(im.ssa(name), _tensor_type(shape)))]


def _unsqueeze(im: _Importer, node, attrs) -> list[Value]:
    axes = _axes(im, node, attrs)
    if axes is None:
        raise _Unsupported("Unsqueeze needs axes")
    return _reshape_to(im, node, _unsqueeze_shape(im.shape(node.input[0]), axes))


def _squeeze(im: _Importer, node, attrs) -> list[Value]:
    return _reshape_to(im, node, _squeeze_shape(im.shape(node.input[0]), _axes(im, node, attrs)))


def _reshape(im: _Importer, node, attrs) -> list[Value]:
    target = [int(d) for d in im.const(node, 1, "shape")]
    src = im.shape(node.input[0])
    allowzero = attrs.get("allowzero", 0)
    out = [src[i] if (d == 0 and not allowzero) else d for i, d in enumerate(target)]
    if out.count(-1) > 1:
        raise _Unsupported("shape has more than one -1")
    if -1 in out:
        known = math.prod(d for d in out if d != -1)
        if known == 0 or math.prod(src) % known:
            raise _Unsupported(f"cannot reshape {list(src)} into {target}")
        out[out.index(-1)] = math.prod(src) // known
    if math.prod(out) != math.prod(src):
        raise _Unsupported(f"cannot reshape {list(src)} into {target}")
    return _reshape_to(im, node, tuple(out))


def _flatten(im: _Importer, node, attrs) -> list[Value]:
    src = im.shape(node.input[0])
    axis = attrs.get("axis", 1)
    axis = axis + len(src) if axis < 0 else axis  # -1 is the last axis (not len(src))
    return _reshape_to(im, node, (math.prod(src[:axis]), math.prod(src[axis:])))


def _transpose(im: _Importer, node, attrs) -> list[Value]:
    name = node.input[0]
    src = im.shape(name)
    perm = list(attrs.get("perm", reversed(range(len(src)))))
    if im.is_const(name):
        return [np.transpose(im.consts[name], perm)]
    return [im.named(node, qnn.TransposeOp(im.ssa(name), _tensor_type([src[p] for p in perm]), perm=perm))]


def _concat(im: _Importer, node, attrs) -> list[Value]:
    names = [i for i in node.input if i]
    shapes = [im.shape(n) for n in names]
    axis = attrs["axis"] % len(shapes[0])
    if all(im.is_const(n) for n in names):
        return [np.concatenate([im.consts[n] for n in names], axis=axis)]
    out = list(shapes[0])
    out[axis] = sum(s[axis] for s in shapes)
    return [im.named(node, qnn.ConcatOp([im.ssa(n) for n in names], _tensor_type(out), axis=axis))]


def _cast(im, node, attrs, vals):
    return vals[0].astype(helper.tensor_dtype_to_np_dtype(attrs["to"]))


def _constant_of_shape(im, node, attrs, vals):
    value = numpy_helper.to_array(attrs["value"]) if "value" in attrs else np.zeros(1, np.float32)
    return np.full(tuple(int(d) for d in vals[0]), value.reshape(-1)[0], dtype=value.dtype)


def _slice(im, node, attrs, vals):
    data = vals[0]
    if "starts" in attrs:  # opset < 10: starts, ends and axes are attributes
        starts, ends = attrs["starts"], attrs["ends"]
        axes, steps = attrs.get("axes"), None
    else:  # by position: an optional input may be skipped ('')
        starts, ends = im.const(node, 1, "starts"), im.const(node, 2, "ends")
        axes, steps = im.opt_const(node, 3, "axes"), im.opt_const(node, 4, "steps")
    axes = np.arange(len(starts)) if axes is None else axes
    steps = np.ones(len(starts), dtype=np.int64) if steps is None else steps
    index = [slice(None)] * data.ndim
    for s, e, a, st in zip(starts, ends, axes, steps):
        index[int(a)] = slice(int(s), int(e), int(st))
    return data[tuple(index)]


def _slice_params(im: _Importer, node, attrs, shape: tuple[int, ...]) -> tuple[list[int], list[int], list[int]]:
    """ONNX Slice normalized per axis: (starts, steps, sizes), clamped as
    ONNX clamps them."""
    if "starts" in attrs:
        starts, ends = list(attrs["starts"]), list(attrs["ends"])
        axes, steps = attrs.get("axes"), None
    else:
        starts, ends = list(im.const(node, 1, "starts")), list(im.const(node, 2, "ends"))
        axes, steps = im.opt_const(node, 3, "axes"), im.opt_const(node, 4, "steps")
    axes = list(range(len(starts))) if axes is None else [int(a) % len(shape) for a in axes]
    steps = [1] * len(starts) if steps is None else list(steps)
    out_starts, out_steps, sizes = [0] * len(shape), [1] * len(shape), list(shape)
    for s_, e_, a, st in zip(starts, ends, axes, steps):
        d, s_, e_, st = shape[a], int(s_), int(e_), int(st)
        if st == 0:
            raise _Unsupported("a step of 0")
        s_ = s_ + d if s_ < 0 else s_
        e_ = e_ + d if e_ < 0 else e_
        if st > 0:
            s_, e_ = min(max(s_, 0), d), min(max(e_, 0), d)
        else:
            s_, e_ = min(max(s_, 0), d - 1), min(max(e_, -1), d - 1)
        n = max(0, -(-(e_ - s_) // st))
        if n == 0:
            raise _Unsupported(f"the slice of axis {a} is empty")
        out_starts[a], out_steps[a], sizes[a] = s_, st, n
    return out_starts, out_steps, sizes


def _slice_build(im: _Importer, node, attrs) -> list[Value]:
    x = node.input[0]
    starts, steps, sizes = _slice_params(im, node, attrs, im.shape(x))
    return [im.named(node, qnn.SliceOp(im.ssa(x), _tensor_type(sizes), starts=starts, steps=steps))]


def _split_sizes(im: _Importer, node, attrs, dim: int) -> list[int]:
    n_out = len(node.output)
    if "split" in attrs:
        sizes = [int(v) for v in attrs["split"]]
    elif len(node.input) > 1 and node.input[1]:
        sizes = [int(v) for v in im.const(node, 1, "split")]
    else:
        n = attrs.get("num_outputs", n_out)
        chunk = -(-dim // n)
        sizes = [chunk] * (n - 1) + [dim - chunk * (n - 1)]
    if sum(sizes) != dim or len(sizes) != n_out or any(v < 1 for v in sizes):
        raise _Unsupported(f"split sizes {sizes} do not split {dim} into {n_out} non-empty outputs")
    return sizes


def _split(im: _Importer, node, attrs) -> list[Value]:
    x = node.input[0]
    shape = im.shape(x)
    axis = attrs.get("axis", 0) % len(shape)
    sizes = _split_sizes(im, node, attrs, shape[axis])
    if im.is_const(x):
        return list(np.split(im.consts[x], np.cumsum(sizes)[:-1], axis=axis))
    types = [_tensor_type([n if i == axis else d for i, d in enumerate(shape)]) for n in sizes]
    op = qnn.SplitOp(im.ssa(x), types, axis=axis)
    return [im.named(node, op, i) for i in range(len(sizes))]


def _block_rearrange(kind: str) -> Callable:
    def handler(im: _Importer, node, attrs) -> list[Value]:
        x = node.input[0]
        b = int(attrs["blocksize"])
        mode = attrs.get("mode", "DCR")
        if mode not in ("DCR", "CRD"):
            raise _Unsupported(f"mode '{mode}' is not supported")
        if len(im.shape(x)) != 4:
            raise _Unsupported("only NCHW (rank 4) inputs are supported")
        if im.is_const(x):
            v = im.consts[x]
            return [numeric.depth_to_space(v, b, mode) if kind == "d2s" else numeric.space_to_depth(v, b)]
        n, c, h, w = im.shape(x)
        if kind == "d2s":
            if c % (b * b):
                raise _Unsupported(f"{c} channels are not a multiple of blocksize^2 = {b * b}")
            op = qnn.DepthToSpaceOp(im.ssa(x), _tensor_type((n, c // (b * b), h * b, w * b)), blocksize=b, mode=mode)
        else:
            if h % b or w % b:
                raise _Unsupported(f"spatial size {[h, w]} is not a multiple of blocksize {b}")
            op = qnn.SpaceToDepthOp(im.ssa(x), _tensor_type((n, c * b * b, h // b, w // b)), blocksize=b)
        return [im.named(node, op)]

    return handler


def _resize_op(im: _Importer, node, x: str, scales: list[float] | None, sizes: list[int] | None, coord: str, nearest: str) -> list[Value]:
    shape = im.shape(x)
    if sizes is not None:
        out = list(sizes)
        scales = [np.float32(o) / np.float32(i) for o, i in zip(out, shape)]
    else:
        out = [int(math.floor(d * float(np.float32(s)))) for d, s in zip(shape, scales)]
    if len(out) != len(shape) or any(o < 1 for o in out):
        raise _Unsupported(f"cannot resize {list(shape)} to {out}")
    op = qnn.ResizeOp(im.ssa(x), _tensor_type(out), scales=np.asarray(scales, np.float32), coordinate_transformation_mode=coord, nearest_mode=nearest)
    return [im.named(node, op)]


def _upsample_modes(scales) -> tuple[str, str]:
    """Upsample and Resize-10: asymmetric coordinates, the input index
    truncated (onnxruntime's rule when upsampling)."""
    if any(float(s) < 1 for s in scales):
        raise _Unsupported("only upsampling (scales >= 1) is supported in this form")
    return "asymmetric", "floor"


def _upsample(im: _Importer, node, attrs) -> list[Value]:
    if attrs.get("mode", "nearest") != "nearest":
        raise _Unsupported(f"mode '{attrs['mode']}' is not supported (only nearest)")
    scales = list(attrs["scales"]) if "scales" in attrs else [float(v) for v in im.const(node, 1, "scales")]
    return _resize_op(im, node, node.input[0], scales, None, *_upsample_modes(scales))


def _resize(im: _Importer, node, attrs) -> list[Value]:
    if attrs.get("mode", "nearest") != "nearest":
        raise _Unsupported(f"mode '{attrs['mode']}' is not supported (only nearest)")
    x = node.input[0]
    rank = len(im.shape(x))
    if im.opset < 11:
        scales = [float(v) for v in im.const(node, 1, "scales")]
        return _resize_op(im, node, x, scales, None, *_upsample_modes(scales))
    coord = attrs.get("coordinate_transformation_mode", "half_pixel")
    nearest = attrs.get("nearest_mode", "round_prefer_floor")
    if coord not in qnn.RESIZE_COORDINATE_MODES:
        raise _Unsupported(f"coordinate_transformation_mode '{coord}' is not supported")
    if nearest not in qnn.RESIZE_NEAREST_MODES:
        raise _Unsupported(f"nearest_mode '{nearest}' is not supported")
    if attrs.get("keep_aspect_ratio_policy", "stretch") != "stretch":
        raise _Unsupported("keep_aspect_ratio_policy other than 'stretch' is not supported")
    scales = im.opt_const(node, 2, "scales")
    sizes = im.opt_const(node, 3, "sizes")
    if scales is not None and scales.size == 0:
        scales = None
    axes = [int(a) % rank for a in attrs.get("axes", range(rank))]

    def full(values, fill, cast):
        out = [fill(a) for a in range(rank)]
        for a, v in zip(axes, values):
            out[a] = cast(v)
        return out

    if sizes is not None and sizes.size:
        return _resize_op(im, node, x, None, full(sizes, lambda a: im.shape(x)[a], int), coord, nearest)
    if scales is None:
        raise _Unsupported("needs scales or sizes")
    return _resize_op(im, node, x, full(scales, lambda a: 1.0, float), None, coord, nearest)


def _softmax(op_cls: type[qnn.AxisReductionOp]) -> Callable:
    """Softmax/LogSoftmax; before opset 13 the input is coerced to 2-D at
    ``axis`` (a reshape around the op along the flattened tail)."""

    def handler(im: _Importer, node, attrs) -> list[Value]:
        x = im.ssa(node.input[0])
        shape = x.type.get_shape()
        axis = attrs.get("axis", 1 if im.opset < 13 else -1) % len(shape)
        if im.opset >= 13 or axis == len(shape) - 1:
            return [im.named(node, op_cls(x, x.type, axis=axis))]
        flat = _tensor_type((math.prod(shape[:axis]), math.prod(shape[axis:])))
        r = im.emit(qnn.ReshapeOp(x, flat)).result
        y = im.emit(op_cls(r, flat, axis=1)).result
        return [im.named(node, qnn.ReshapeOp(y, x.type))]

    return handler


def _argmax(im: _Importer, node, attrs) -> list[Value]:
    x = im.ssa(node.input[0])
    shape = x.type.get_shape()
    axis = attrs.get("axis", 0) % len(shape)
    keep = bool(attrs.get("keepdims", 1))
    out = [1 if i == axis else d for i, d in enumerate(shape)] if keep else [d for i, d in enumerate(shape) if i != axis]
    op = qnn.ArgMaxOp(x, TensorType(i64, out), axis=axis, keepdims=keep, select_last_index=bool(attrs.get("select_last_index", 0)))
    return [im.named(node, op)]


def _pow(im: _Importer, node, attrs) -> list[Value]:
    base, exp_name = node.input[0], node.input[1]
    if im.is_const(base) and im.is_const(exp_name):
        b, e = im.consts[base], im.consts[exp_name]
        return [np.power(b, e).astype(b.dtype)]
    e = im.const(node, 1, "the exponent")
    if e.size != 1 or float(e.reshape(-1)[0]) not in (1.0, 2.0):
        raise _Unsupported("only a constant exponent of 1 or 2 is supported on a non-constant base")
    x = im.ssa(base)
    if float(e.reshape(-1)[0]) == 1.0:
        return [x]
    return [im.named(node, qnn.MulOp(x, x, x.type))]


def _check_finite(im: _Importer, node: onnx.NodeProto, *indices: int) -> None:
    """NaN or Inf in a constant operand (a weight, a bias, a quantizer's
    input) would silently poison every result: reject it at import, naming
    the tensor and the first bad position."""
    for i in indices:
        if i >= len(node.input) or not im.is_const(node.input[i]):
            continue
        arr = im.consts[node.input[i]]
        if arr.dtype.kind == "f":
            bad = ~np.isfinite(arr)
            if bad.any():
                pos = tuple(int(k) for k in np.argwhere(bad)[0])
                raise _Unsupported(
                    f"the constant '{node.input[i]}' has {int(bad.sum())} non-finite value(s) "
                    f"(first: {arr[pos] if pos else arr.item()} at index {list(pos)}); "
                    "weights must be finite numbers, fix or retrain the model"
                )


def _matmul(im: _Importer, node, attrs) -> list[Value]:
    a, b = node.input[0], node.input[1]
    if im.is_const(a) and im.is_const(b):
        return [np.matmul(im.consts[a], im.consts[b])]
    _check_finite(im, node, 0, 1)
    shape = qnn.matmul_shape(im.shape(a), im.shape(b))
    if shape is None:
        raise _Unsupported(f"shapes {list(im.shape(a))} and {list(im.shape(b))} do not match")
    return [im.named(node, qnn.MatMulOp(im.ssa(a), im.ssa(b), _tensor_type(shape)))]


def _const_ssa(im: _Importer, value: np.ndarray) -> SSAValue:
    value = np.asarray(value, dtype=np.float32)
    return im.emit(qnn.ConstantOp(dense_from_numpy(value), _tensor_type(value.shape))).result


def _gemm(im: _Importer, node, attrs) -> list[Value]:
    a, b = node.input[0], node.input[1]
    c = node.input[2] if len(node.input) > 2 and node.input[2] else None
    alpha, beta = attrs.get("alpha", 1.0), attrs.get("beta", 1.0)
    _check_finite(im, node, 0, 1, 2)

    def operand(name: str, trans: int) -> tuple[SSAValue, tuple[int, ...]]:
        s = im.shape(name)
        if len(s) != 2:
            raise _Unsupported(f"Gemm operands must be matrices, got shape {list(s)}")
        if im.is_const(name):
            v = im.consts[name].T if trans else im.consts[name]
            return _const_ssa(im, v), v.shape
        x = im.ssa(name)
        if trans:
            x = im.emit(qnn.TransposeOp(x, _tensor_type(s[::-1]), perm=[1, 0])).result
            s = s[::-1]
        return x, s

    av, ash = operand(a, attrs.get("transA", 0))
    bv, bsh = operand(b, attrs.get("transB", 0))
    if ash[1] != bsh[0]:
        raise _Unsupported(f"inner dimensions {ash[1]} and {bsh[0]} differ")
    out_shape = (ash[0], bsh[1])
    y = im.emit(qnn.MatMulOp(av, bv, _tensor_type(out_shape))).result
    if alpha != 1.0:
        y = im.emit(qnn.MulOp(y, _const_ssa(im, np.float32(alpha)), y.type)).result
    if c is not None and beta != 0.0:
        if im.is_const(c):
            cv = _const_ssa(im, np.float32(beta) * im.consts[c].astype(np.float32))
        else:
            cv = im.ssa(c)
            if beta != 1.0:
                cv = im.emit(qnn.MulOp(cv, _const_ssa(im, np.float32(beta)), cv.type)).result
        shape = broadcast_shapes(out_shape, cv.type.get_shape())
        if shape != out_shape:
            raise _Unsupported("Gemm bias does not broadcast to the output")
        y = im.emit(qnn.AddOp(y, cv, y.type)).result
    y.name_hint = sanitize(node.output[0])
    return [y]


def _window_attrs(im: _Importer, node, attrs, in_spatial: tuple[int, ...], kernel: tuple[int, ...]) -> tuple[list[int], list[int], list[int]]:
    n = len(kernel)
    strides = list(attrs.get("strides", [1] * n))
    dilations = list(attrs.get("dilations", [1] * n))
    pads = list(attrs.get("pads", [0] * (2 * n)))
    auto_pad = attrs.get("auto_pad", "NOTSET")
    if auto_pad in ("SAME_UPPER", "SAME_LOWER"):
        pads = [0] * (2 * n)
        for i in range(n):
            out = -(-in_spatial[i] // strides[i])
            total = max(0, (out - 1) * strides[i] + dilations[i] * (kernel[i] - 1) + 1 - in_spatial[i])
            small, big = total // 2, total - total // 2
            pads[i], pads[n + i] = (small, big) if auto_pad == "SAME_UPPER" else (big, small)
    elif auto_pad == "VALID":
        pads = [0] * (2 * n)
    elif auto_pad != "NOTSET":
        raise _Unsupported(f"auto_pad '{auto_pad}' is not supported")
    return strides, pads, dilations


def _conv(im: _Importer, node, attrs) -> list[Value]:
    x, w = node.input[0], node.input[1]
    _check_finite(im, node, 1, 2)
    xs, ws = im.shape(x), im.shape(w)
    if len(xs) < 3 or len(ws) != len(xs):
        raise _Unsupported(f"input {list(xs)} and weights {list(ws)} must have the same rank >= 3")
    kernel = tuple(attrs.get("kernel_shape", ws[2:]))
    strides, pads, dilations = _window_attrs(im, node, attrs, xs[2:], kernel)
    group = attrs.get("group", 1)
    n = len(kernel)
    out = [window_output_dim(xs[2 + i], kernel[i], strides[i], pads[i], pads[n + i], dilations[i]) for i in range(n)]
    bias = im.ssa(node.input[2]) if len(node.input) > 2 and node.input[2] else None
    op = qnn.ConvOp(im.ssa(x), im.ssa(w), bias, _tensor_type((xs[0], ws[0], *out)), strides=strides, pads=pads, dilations=dilations, group=group)
    return [im.named(node, op)]


def _pool(op_cls: type[qnn.PoolOp], global_pool: bool) -> Callable:
    def handler(im: _Importer, node, attrs) -> list[Value]:
        if len([o for o in node.output if o]) > 1:
            raise _Unsupported("the Indices output is not supported")
        x = node.input[0]
        xs = im.shape(x)
        kernel = tuple(xs[2:]) if global_pool else tuple(attrs["kernel_shape"])
        strides, pads, dilations = _window_attrs(im, node, attrs, xs[2:], kernel)
        ceil_mode = bool(attrs.get("ceil_mode", 0))
        n = len(kernel)
        out = [window_output_dim(xs[2 + i], kernel[i], strides[i], pads[i], pads[n + i], dilations[i], ceil_mode) for i in range(n)]
        op = op_cls(im.ssa(x), _tensor_type((xs[0], xs[1], *out)), kernel_shape=kernel, strides=strides, pads=pads, dilations=dilations, ceil_mode=ceil_mode)
        if isinstance(op, qnn.AvgPoolOp):
            op.properties["count_include_pad"] = bool_attr(bool(attrs.get("count_include_pad", 0)))
        return [im.named(node, op)]

    return handler


def _batchnorm(im: _Importer, node, attrs) -> list[Value]:
    if attrs.get("training_mode", 0):
        raise _Unsupported("training mode is not supported")
    if len([o for o in node.output if o]) > 1:
        raise _Unsupported("running statistics outputs are not supported")
    x = node.input[0]
    params = [_const_ssa(im, im.const(node, i, what)) for i, what in enumerate(("scale", "bias", "mean", "var"), start=1)]
    xv = im.ssa(x)
    return [im.named(node, qnn.BatchNormOp(xv, *params, xv.type, epsilon=attrs.get("epsilon", 1e-5)))]


def _pad(im: _Importer, node, attrs) -> list[Value]:
    if attrs.get("mode", "constant") != "constant":
        raise _Unsupported(f"pad mode '{attrs['mode']}' is not supported")
    x = node.input[0]
    xs = im.shape(x)
    if "pads" in attrs:
        pads = list(attrs["pads"])
        value = float(attrs.get("value", 0.0))
    else:
        pads = [int(p) for p in im.const(node, 1, "pads")]
        cv = im.opt_const(node, 2, "constant_value")
        value = float(cv.reshape(-1)[0]) if cv is not None and cv.size else 0.0
        axes = im.opt_const(node, 3, "axes")
        if axes is not None:
            full = [0] * (2 * len(xs))
            k = len(axes)
            for j, a in enumerate(int(a) % len(xs) for a in axes):
                full[a], full[len(xs) + a] = pads[j], pads[k + j]
            pads = full
    if any(p < 0 for p in pads):
        raise _Unsupported("negative pads (cropping) are not supported")
    if im.is_const(x):
        return [np.pad(im.consts[x], [(pads[i], pads[i + len(xs)]) for i in range(len(xs))], constant_values=value)]
    out = [d + pads[i] + pads[i + len(xs)] for i, d in enumerate(xs)]
    return [im.named(node, qnn.PadOp(im.ssa(x), _tensor_type(out), pads=pads, value=value))]


def _topk(im: _Importer, node, attrs) -> list[Value]:
    x = node.input[0]
    xs = im.shape(x)
    k = int(im.const(node, 1, "K").reshape(-1)[0]) if len(node.input) > 1 else attrs["k"]
    axis = attrs.get("axis", -1) % len(xs)
    shape = [k if i == axis else d for i, d in enumerate(xs)]
    op = qnn.TopKOp(im.ssa(x), _tensor_type(shape), TensorType(i64, shape), k=k, axis=axis, largest=bool(attrs.get("largest", 1)))
    return [im.named(node, op, 0), im.named(node, op, 1)]


# --- QONNX ---------------------------------------------------------------


def _scalar_int(value: np.ndarray, what: str, lo: int = 1, hi: int = dt.MAX_BITWIDTH) -> int:
    if value.size != 1 or float(value.reshape(-1)[0]) != int(value.reshape(-1)[0]):
        raise _Unsupported(f"{what} must be a single integer, got {value.reshape(-1)[:4].tolist()}")
    v = int(value.reshape(-1)[0])
    if not lo <= v <= hi:
        raise _Unsupported(f"{what} must be in {lo}..{hi}, got {v}")
    return v


def _check_scale(scale: np.ndarray, what: str = "scale") -> np.ndarray:
    if not np.all(np.isfinite(scale)) or np.any(scale <= 0):
        raise _Unsupported(f"{what} must be finite and positive, got {scale.reshape(-1)[:4].tolist()}")
    return scale.astype(np.float32)


def _quant(im: _Importer, node, attrs) -> list[Value]:
    _check_finite(im, node, 0)
    x = im.ssa(node.input[0])
    scale = _check_scale(im.const(node, 1, "scale"))
    zeropt = im.const(node, 2, "zero point").astype(np.float32)
    bits = _scalar_int(im.const(node, 3, "bit width"), "bit width")
    op = qnn.QuantOp(
        x, x.type, scale=scale, zeropt=zeropt, bitwidth=bits,
        signed=bool(attrs.get("signed", 1)), narrow=bool(attrs.get("narrow", 0)),
        rounding_mode=attrs.get("rounding_mode", "ROUND").upper(),
    )
    return [im.named(node, op)]


def _bipolar_quant(im: _Importer, node, attrs) -> list[Value]:
    _check_finite(im, node, 0)
    x = im.ssa(node.input[0])
    return [im.named(node, qnn.BipolarQuantOp(x, x.type, scale=_check_scale(im.const(node, 1, "scale"))))]


def _trunc(im: _Importer, node, attrs) -> list[Value]:
    """Trunc v1 (x, scale, zeropt, in_bitwidth, out_bitwidth) and v2 (x,
    scale, zeropt, in_bitwidth, out_scale, out_bitwidth; signed, narrow)."""
    n = len(node.input)
    if n not in (5, 6):
        raise _Unsupported(f"Trunc takes 5 (v1) or 6 (v2) inputs, got {n}")
    x = im.ssa(node.input[0])
    v2 = {}
    if n == 6:
        v2 = {
            "out_scale": _check_scale(im.const(node, 4, "output scale"), "output scale"),
            "signed": bool(attrs.get("signed", 1)),
            "narrow": bool(attrs.get("narrow", 0)),
        }
    op = qnn.TruncOp(
        x, x.type,
        scale=_check_scale(im.const(node, 1, "scale")),
        zeropt=im.const(node, 2, "zero point").astype(np.float32),
        in_bitwidth=_scalar_int(im.const(node, 3, "input bit width"), "input bit width"),
        out_bitwidth=_scalar_int(im.const(node, n - 1, "output bit width"), "output bit width"),
        rounding_mode=attrs.get("rounding_mode", "FLOOR").upper(),
        **v2,
    )
    return [im.named(node, op)]


def _multithreshold(im: _Importer, node, attrs) -> list[Value]:
    x = im.ssa(node.input[0])
    thresholds = im.ssa(node.input[1])
    try:
        out_dtype = dt.from_finn_name(attrs.get("out_dtype", ""))
    except Exception as e:
        raise _Unsupported(str(e)) from None
    # qonnx: the channel axis is where "C" is in data_layout; without one it
    # guesses from the rank (2: NC, 3: NWC, 4: NCHW, else axis 1)
    rank = len(x.type.get_shape())
    layout = attrs.get("data_layout", "") or {2: "NC", 3: "NWC"}.get(rank, "NCHW")
    cdim = layout.index("C") if "C" in layout else 1
    if cdim == 1 or rank <= 2:
        layout = {2: "NC", 3: "NCW"}.get(rank, "NCHW")
    elif cdim == rank - 1:
        layout = "NWC" if rank == 3 else "NHWC"
    else:
        raise _Unsupported(f"data_layout '{layout}' puts the channels on axis {cdim}; only axis 1 or the last axis is supported")
    op = qnn.MultiThresholdOp(
        x, thresholds, x.type, out_dtype=out_dtype,
        out_scale=float(attrs.get("out_scale", 1.0)), out_bias=float(attrs.get("out_bias", 0.0)),
        data_layout=layout,
    )
    return [im.named(node, op)]


# --- QDQ -------------------------------------------------------------------

_QDQ_TYPES = {
    np.dtype(np.uint8): (8, False), np.dtype(np.int8): (8, True),
    np.dtype(np.uint16): (16, False), np.dtype(np.int16): (16, True),
}


_QDQ_DTYPES = {v: k for k, v in _QDQ_TYPES.items()}


def _qdq_params(im: _Importer, node, attrs, rank: int, default: np.dtype) -> tuple[np.ndarray, np.ndarray, int | None, bool | None]:
    """Scale and zero point (shaped for the axis), and the integer type's
    bit width and signedness (None for types other than (u)int8/16, such as
    the int32 of biases). Without a zero point its type is ``default``."""
    if attrs.get("block_size", 0):
        raise _Unsupported("blocked quantization (block_size) is not supported")
    scale = _check_scale(im.const(node, 1, "scale"))
    zp = im.opt_const(node, 2, "zero point")
    if zp is None:
        zp = np.zeros(scale.shape, dtype=default)
    if zp.dtype.kind not in "iu":
        raise _Unsupported(f"zero point type {zp.dtype} is not supported (an integer type)")
    bits, signed = _QDQ_TYPES.get(zp.dtype, (None, None))
    if scale.size > 1:  # per-axis
        shape = [1] * rank
        shape[attrs.get("axis", 1) % rank] = scale.size
        scale = scale.reshape(shape)
        zp = zp.reshape(shape)
    return scale, zp.astype(np.float32), bits, signed


def _require_qdq_type(bits: int | None, what: str) -> int:
    if bits is None:
        raise _Unsupported(f"{what} must be int8, uint8, int16 or uint16")
    return bits


def _quantize_linear(im: _Importer, node, attrs) -> list[Value]:
    x = node.input[0]
    out_type = attrs.get("output_dtype", 0)  # opset 21: the type when there is no zero point
    default = helper.tensor_dtype_to_np_dtype(out_type) if out_type else np.dtype(np.uint8)
    scale, zp, bits, signed = _qdq_params(im, node, attrs, len(im.shape(x)), default)
    q = _QLinear(x, scale, zp, _require_qdq_type(bits, "the output type"), signed)
    users = im.consumers.get(node.output[0], [])
    outputs = {o.name for o in im.graph.output}
    if users and all(u.op_type == "DequantizeLinear" for u in users) and node.output[0] not in outputs:
        return [q]
    return [im._materialize_qlinear(node.output[0], q)]


def _quantize_dequantize(im: _Importer, node, x: SSAValue, scale: np.ndarray, zp: np.ndarray, bits: int, signed: bool) -> SSAValue:
    """QuantizeLinear then DequantizeLinear: ``(saturate(round(x/s) + zp) -
    zp) * s``. ONNX rounds (half to even) before adding the zero point, a
    qnn.quant after: the two differ on ties when the zero point is odd (and
    on near-ties where x/s + zp rounds in float32). So with a zero point the
    pair is two quants: one rounds x/s without it (into a range one bit
    wider, which the saturation never exceeds), the second takes the exact
    result and saturates it with the zero point. A zero point that only
    shifts the range onto another standard one (uint8 with 128 is int8) is
    a single quant without zero point."""
    if not np.any(zp):
        return im.named(node, qnn.QuantOp(x, x.type, scale=scale, zeropt=zp, bitwidth=bits, signed=signed))
    levels = {s: ((-(2 ** (bits - 1)), 2 ** (bits - 1) - 1) if s else (0, 2**bits - 1)) for s in (True, False)}
    lo, hi = levels[signed]
    if np.unique(zp).size == 1:
        z = int(zp.reshape(-1)[0])
        for s2, (lo2, hi2) in levels.items():
            if (lo - z, hi - z) == (lo2, hi2):
                return im.named(node, qnn.QuantOp(x, x.type, scale=scale, zeropt=np.zeros_like(zp), bitwidth=bits, signed=s2))
    r = im.emit(qnn.QuantOp(x, x.type, scale=scale, zeropt=np.zeros_like(zp), bitwidth=bits + 1, signed=True)).result
    return im.named(node, qnn.QuantOp(r, r.type, scale=scale, zeropt=zp, bitwidth=bits, signed=signed))


def _dequantize_linear(im: _Importer, node, attrs) -> list[Value]:
    name = node.input[0]
    src = im.values.get(name)
    rank = len(im.shape(name))
    if isinstance(src, _QLinear):
        default = _QDQ_DTYPES[(src.bitwidth, src.signed)]
    elif im.is_const(name):
        default = im.consts[name].dtype
    else:
        default = np.dtype(np.uint8)  # only the zero point's value matters here
    scale, zp, bits, signed = _qdq_params(im, node, attrs, rank, default)
    if isinstance(src, _QLinear):
        if not (np.array_equal(src.scale, scale) and np.array_equal(src.zeropt, zp) and src.bitwidth == bits and src.signed == signed):
            raise _Unsupported("QuantizeLinear and DequantizeLinear parameters differ")
        return [_quantize_dequantize(im, node, im.ssa(src.source), scale, zp, bits, signed)]
    if im.is_const(name):
        w = im.consts[name]
        values = ((w.astype(np.float32) - zp) * scale).astype(np.float32)
        if w.dtype in _QDQ_TYPES:
            # keep the weights recognizable as quantized: an exact requantization
            bits, signed = _QDQ_TYPES[w.dtype]
            wv = _const_ssa(im, values)
            return [im.named(node, qnn.QuantOp(wv, wv.type, scale=scale, zeropt=zp, bitwidth=bits, signed=signed))]
        return [values]
    x = im.ssa(name)
    zpv = _const_ssa(im, zp)
    sub = im.emit(qnn.SubOp(x, zpv, _tensor_type(broadcast_shapes(x.type.get_shape(), zp.shape)))).result
    return [im.named(node, qnn.MulOp(sub, _const_ssa(im, scale), sub.type))]


def _int_div(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """ONNX integer Div truncates toward zero (as C does); numpy's // floors."""
    q = np.abs(a) // np.abs(b)
    return np.where((a < 0) != (b < 0), -q, q)


_ONNX_HANDLERS: dict[str, Callable] = {
    "Identity": _identity,
    "Dropout": _identity,
    "Constant": _constant,
    "Shape": _shape,
    "Gather": _fold_or(_gather),
    "Unsqueeze": _unsqueeze,
    "Squeeze": _squeeze,
    "Cast": _fold_or(_cast),
    "ConstantOfShape": _fold_or(_constant_of_shape),
    "Slice": _fold_or(_slice, _slice_build),
    "Split": _split,
    "DepthToSpace": _block_rearrange("d2s"),
    "SpaceToDepth": _block_rearrange("s2d"),
    "Resize": _resize,
    "Upsample": _upsample,
    "Softmax": _softmax(qnn.SoftmaxOp),
    "LogSoftmax": _softmax(qnn.LogSoftmaxOp),
    "ArgMax": _argmax,
    "Sqrt": _fold_or(lambda im, node, attrs, vals: np.sqrt(vals[0])),
    "Neg": _fold_or(lambda im, node, attrs, vals: -vals[0]),
    "Reshape": _reshape,
    "Flatten": _flatten,
    "Transpose": _transpose,
    "Concat": _concat,
    "Add": _binary(qnn.AddOp, np.add),
    "Sub": _binary(qnn.SubOp, np.subtract),
    "Mul": _binary(qnn.MulOp, np.multiply),
    "Div": _binary(qnn.DivOp, lambda a, b: _int_div(a, b) if a.dtype.kind in "iu" and b.dtype.kind in "iu" else a / b),
    "Pow": _pow,
    "Relu": _unary(qnn.ReluOp, lambda a: np.maximum(a, 0)),
    "Sign": _unary(qnn.SignOp, np.sign),
    "LeakyRelu": _activation(qnn.LeakyReluOp, {"alpha": 0.01}, numeric.leaky_relu),
    "Clip": _clip,
    "Sigmoid": _activation(qnn.SigmoidOp, {}, numeric.sigmoid),
    "Tanh": _activation(qnn.TanhOp, {}, np.tanh),
    "HardSigmoid": _activation(qnn.HardSigmoidOp, {"alpha": 0.2, "beta": 0.5}, numeric.hard_sigmoid),
    "MatMul": _matmul,
    "Gemm": _gemm,
    "Conv": _conv,
    "BatchNormalization": _batchnorm,
    "MaxPool": _pool(qnn.MaxPoolOp, False),
    "AveragePool": _pool(qnn.AvgPoolOp, False),
    "GlobalAveragePool": _pool(qnn.AvgPoolOp, True),
    "GlobalMaxPool": _pool(qnn.MaxPoolOp, True),
    "Pad": _pad,
    "TopK": _topk,
    "Quant": _quant,  # older Brevitas and MLPerf Tiny exports use the default domain
    "QuantizeLinear": _quantize_linear,
    "DequantizeLinear": _dequantize_linear,
}

_QONNX_HANDLERS: dict[str, Callable] = {
    "Quant": _quant,
    "IntQuant": _quant,
    "BipolarQuant": _bipolar_quant,
    "Trunc": _trunc,
    "MultiThreshold": _multithreshold,
}


def _channels_last(handler: Callable) -> Callable:
    """A ``qonnx.custom_op.channels_last`` node (hls4ml's QONNX models): the
    ONNX op on NHWC data, Conv weights in (M, kh, kw, C/g) order. Imported as
    transposes to NCHW around the standard op (the weights transposed at
    import when constant)."""

    def wrapped(im: _Importer, node, attrs) -> list[Value]:
        inner = onnx.NodeProto()
        inner.CopyFrom(node)
        inner.domain = ""
        n_layout = 2 if node.op_type == "Conv" else 1
        for i in range(min(n_layout, len(node.input))):
            name = node.input[i]
            rank = len(im.shape(name))
            if rank < 3:
                raise _Unsupported(f"channels-last input {i} must have rank >= 3, got {rank}")
            perm = [0, rank - 1, *range(1, rank - 1)]
            new = f"{name}__nchw_{node.output[0]}"
            if im.is_const(name):
                im.consts[new] = np.transpose(im.consts[name], perm)
            else:
                src = im.shape(name)
                im.values[new] = im.emit(qnn.TransposeOp(im.ssa(name), _tensor_type([src[p] for p in perm]), perm=perm)).result
            inner.input[i] = new
        inner.output[0] = f"{node.output[0]}__nchw"
        (y,) = handler(im, inner, attrs)
        shape = y.type.get_shape()
        rank = len(shape)
        perm = [0, *range(2, rank), 1]
        return [im.named(node, qnn.TransposeOp(y, _tensor_type([shape[p] for p in perm]), perm=perm))]

    return wrapped


def _quant_avg_pool_nchw(im: _Importer, node, attrs) -> list[Value]:
    """QONNX/FINN ``QuantAvgPool2d`` (older Brevitas exports): the window sum
    ``round(avg * k*k)`` shifted right (floor) by ``accumulator bits -
    obits``, the accumulator holding ``(2^ibits - 1) * k*k``. Imported as
    avgpool, a multiplication by k*k and a Trunc (v1, unit scale)."""
    k, stride = int(attrs["kernel"]), int(attrs.get("stride", 1))
    ibits, obits = int(attrs["ibits"]), int(attrs["obits"])
    acc = int((2**ibits - 1) * k * k).bit_length()
    shift = max(acc - obits, 0)
    x = node.input[0]
    xs = im.shape(x)
    if len(xs) != 4:
        raise _Unsupported("only 2-D pooling of rank-4 tensors is supported")
    out = [window_output_dim(d, k, stride, 0, 0, 1) for d in xs[2:]]
    t = _tensor_type((xs[0], xs[1], *out))
    p = im.emit(qnn.AvgPoolOp(im.ssa(x), t, kernel_shape=[k, k], strides=[stride, stride])).result
    m = im.emit(qnn.MulOp(p, _const_ssa(im, np.float32(k * k)), t)).result
    op = qnn.TruncOp(m, t, scale=np.float32(1), zeropt=np.float32(0), in_bitwidth=acc, out_bitwidth=acc - shift)
    return [im.named(node, op)]


def _quant_avg_pool(im: _Importer, node, attrs) -> list[Value]:
    layout = attrs.get("data_layout", "NCHW")
    if layout == "NHWC":
        return _channels_last(_quant_avg_pool_nchw)(im, node, attrs)
    if layout != "NCHW":
        raise _Unsupported(f"data_layout '{layout}' is not supported")
    return _quant_avg_pool_nchw(im, node, attrs)


_QONNX_HANDLERS["QuantAvgPool2d"] = _quant_avg_pool
_QONNX_HANDLERS["MaxPoolNHWC"] = _channels_last(_pool(qnn.MaxPoolOp, False))

_CHANNELS_LAST_HANDLERS: dict[str, Callable] = {
    "Conv": _channels_last(_conv),
    "BatchNormalization": _channels_last(_batchnorm),
    "MaxPool": _channels_last(_pool(qnn.MaxPoolOp, False)),
}
