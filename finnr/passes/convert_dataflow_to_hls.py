"""``convert-dataflow-to-hls``: every ``dataflow.partition`` becomes an
``hls.top`` (the accelerator's top function), and the host calls it.

For a partition named ``P`` (sanitized, made unique among the module's
symbols):

- ``hls.top @P`` is added to the module: its ports are the partition's
  inputs and results as ``!hls.stream<T, N>`` (``N`` elements per beat: what
  the first layer reads, what the last one writes); its body holds one
  ``hls.kernel`` per layer (template parameters: dimensions, folding,
  datatypes), an ``hls.stream`` per connection and an ``hls.rom`` per weight
  and threshold memory.
- A ``dataflow.fifo`` disappears into the depth of the stream it sits on
  (the sum of the depths of a chain of FIFOs; streams without one keep the
  default depth 2).
- Weights become a PE x WMEM x SIMD ROM (:func:`finnr.hw.fold_weights`,
  storage from the layer's ``ram_style``); thresholds a PE x TMEM x T ROM
  (:func:`finnr.hw.threshold_memory`) of integers: a threshold ``t`` is
  compared with an integer, so it is stored as ``ceil(t)``, clipped to the
  accumulator's range (plus one), and the accumulator and threshold
  datatypes (``TA``, ``TT``) are the narrowest holding every partial sum and
  threshold.
- Every layer, ``dataflow.duplicate`` and ``dataflow.dwc`` included,
  becomes the kernel its class registers (:func:`kernel_lowering`). Every
  stream has one reader, as wide as its writer: values read several times
  or at another width are refused, naming the pass that makes the fork or
  the converter explicit (``dataflow-insert-duplicate``,
  ``dataflow-insert-dwc``). An input port yielded as it is gets a ``fifo``
  copy kernel.
- The partition itself is replaced, in the host function, by a
  ``func.call`` of the external declaration
  ``func.func private @P_accel(...) attributes {hls.top = @P}``: the host
  code around it is kept as it is, and ``finnr csim`` runs that call in
  C-simulation.

Kernel instances take FINN's layer names (``MVAU_hls_0``, ...), as in the
estimate report.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from xdsl.context import Context
from xdsl.dialects import func
from xdsl.dialects.builtin import (
    FunctionType,
    ModuleOp,
    StringAttr,
    SymbolRefAttr,
    TensorType,
)
from xdsl.ir import Attribute, Block, Operation, Region, SSAValue
from xdsl.passes import ModulePass
from xdsl.rewriter import InsertPoint, Rewriter

from finnr import hw
from finnr.diagnostics import FinnrError
from finnr.dialects import dataflow as df
from finnr.dialects import datatypes as dt
from finnr.dialects import hls
from finnr.interop.finn import finn_names
from finnr.models import layers as lm
from finnr.models.arch import refuse_offload
from finnr.names import Namer

TOP_ATTR = "hls.top"
"""The attribute of the host-side declaration naming the ``hls.top`` it calls."""

DEFAULT_DEPTH = 2


# --- parameters of the kernels ----------------------------------------------


def _elt(v: SSAValue) -> Attribute:
    t = v.type
    assert isinstance(t, TensorType)
    return t.get_element_type()


def _shape(v: SSAValue) -> tuple[int, ...]:
    t = v.type
    assert isinstance(t, TensorType)
    return tuple(t.get_shape())


def _int(attr) -> int:
    return int(attr.value.data)


def _pair(attr) -> tuple[int, int]:
    a, b = (int(v) for v in attr.get_values())
    return a, b


def _check_type(op: Operation, what: str, t: Attribute) -> None:
    if not dt.is_integer(t):
        raise FinnrError(
            f"convert-dataflow-to-hls: '{op.name}' {what} has element type {t}; "
            "the HLS kernels handle integer datatypes only"
        )


def _threshold_rom(name: str, t: np.ndarray, channels: int, pe: int, lo: int, hi: int):
    folded = hw.threshold_memory(t, channels, pe, lo, hi)
    tt = dt.smallest_integer_type(int(folded.min()), int(folded.max()))
    return hls.RomOp(name, folded, tt), tt, int(folded.shape[-1])


KernelLowering = Callable[[Operation, str], tuple[str, dict, list[hls.RomOp]]]
"""``(op, instance) -> (kernel name, template parameters, ROMs)``."""

KERNEL_LOWERINGS: dict[type[Operation], KernelLowering] = {}
"""The HLS kernel of every dataflow layer class (``dataflow.fifo`` has none:
it becomes the depth of the stream it sits on)."""


def kernel_lowering(*op_classes: type[Operation]) -> Callable[[KernelLowering], KernelLowering]:
    """Register the HLS kernel of the dataflow layer classes ``op_classes``."""

    def register(fn: KernelLowering) -> KernelLowering:
        for cls in op_classes:
            KERNEL_LOWERINGS[cls] = fn
        return fn

    return register


def layer_kernel(op: Operation, instance: str) -> tuple[str, dict, list[hls.RomOp]]:
    """(kernel name, template parameters, ROMs) of a dataflow layer."""
    lowering = KERNEL_LOWERINGS.get(type(op))
    if lowering is None:
        raise FinnrError(f"convert-dataflow-to-hls: no HLS kernel for '{op.name}'")
    for i, v in enumerate(op.operands):
        _check_type(op, f"operand #{i}", _elt(v))
    for i, v in enumerate(op.results):
        _check_type(op, f"result #{i}", _elt(v))
    return lowering(op, instance)


@kernel_lowering(df.MVAUOp, df.VVAUOp)
def _weighted(op: df.MVAUOp | df.VVAUOp, instance: str):
    pe, simd = _int(op.pe), _int(op.simd)
    w = np.asarray(op.weight_matrix(), dtype=np.int64)
    ti, tw, to = _elt(op.input), op.weight_dtype, _elt(op.result)
    vecs = math.prod(_shape(op.input)[:-1])
    if isinstance(op, df.MVAUOp):
        kernel, matrix = "mvau", w  # (MW, MH)
        dims = {"MW": w.shape[0], "MH": w.shape[1]}
    else:
        kernel, matrix = "vvau", w.T  # (K, C): the window positions are the inputs
        dims = {"C": w.shape[0], "K": w.shape[1]}
    lo, hi = hw.accumulator_range(matrix, ti)
    ta = dt.smallest_integer_type(lo, hi)
    roms = [hls.RomOp(f"{instance}_weights", hw.fold_weights(matrix, pe, simd), tw, storage=op.ram_style.data)]
    t = op.threshold_matrix()
    if t is not None:
        rom, tt, nt = _threshold_rom(f"{instance}_thresholds", t, matrix.shape[1], pe, lo, hi)
        roms.append(rom)
    else:
        tt, nt = ta, 0
    params = {
        **dims, "SIMD": simd, "PE": pe, "VECS": vecs, "TI": ti, "TW": tw, "TO": to, "TA": ta,
        "NT": nt, "TT": tt, "ACT_BIAS": _int(op.act_bias),
    }
    if isinstance(op, df.MVAUOp) and _int(op.mmv) > 1:  # M vectors a beat
        kernel, params["MMV"] = "mvau_mmv", _int(op.mmv)
    return kernel, params, roms


@kernel_lowering(df.ThresholdingOp)
def _thresholding(op: df.ThresholdingOp, instance: str):
    pe = _int(op.pe)
    ti, to = _elt(op.input), _elt(op.result)
    c = _shape(op.input)[-1]
    lo, hi = (int(v) for v in dt.value_range(ti))
    rom, tt, nt = _threshold_rom(f"{instance}_thresholds", op.threshold_matrix(), c, pe, lo, hi)
    params = {
        "C": c, "PE": pe, "VECS": math.prod(_shape(op.input)[:-1]), "TI": ti, "TO": to,
        "NT": nt, "TT": tt, "ACT_BIAS": _int(op.act_bias),
    }
    return "thresholding", params, [rom]


@kernel_lowering(df.SWUOp)
def _swu(op: df.SWUOp, instance: str):
    """``swu``, or ``swu_pw`` for a parallel window (a whole window per
    beat; SIMD = C, so it has no SIMD parameter), ``swu_mmv`` for M whole
    windows per beat (``mmv`` > 1)."""
    n, h, w_, c = _shape(op.input)
    (kh, kw), (sh, sw), (dh, dw) = op.window()
    _, oh, ow, _ = _shape(op.result)
    params = {
        "N": n, "H": h, "W": w_, "C": c, "KH": kh, "KW": kw, "SH": sh, "SW": sw, "DH": dh, "DW": dw,
        "OH": oh, "OW": ow, "SIMD": _int(op.simd), "T": _elt(op.input),
    }
    if op.is_parallel:
        del params["SIMD"]
        if _int(op.mmv) > 1:
            t = params.pop("T")
            return "swu_mmv", {**params, "MMV": _int(op.mmv), "T": t}, []
        return "swu_pw", params, []
    return "swu", params, []


@kernel_lowering(df.MaxPoolOp)
def _maxpool(op: df.MaxPoolOp, instance: str):
    """``maxpool``, or ``maxpool_mmv`` for M = ``mmv`` > 1 pixels a beat
    (PE = C, so it has no PE parameter)."""
    n, h, w_, c = _shape(op.input)
    (kh, kw), (sh, sw), _ = op.window()
    _, oh, ow, _ = _shape(op.result)
    params = {"N": n, "H": h, "W": w_, "C": c, "KH": kh, "KW": kw, "SH": sh, "SW": sw, "OH": oh, "OW": ow}
    if _int(op.mmv) > 1:
        return "maxpool_mmv", {**params, "MMV": _int(op.mmv), "T": _elt(op.input)}, []
    return "maxpool", {**params, "PE": _int(op.pe), "T": _elt(op.input)}, []


@kernel_lowering(df.PadOp)
def _pad(op: df.PadOp, instance: str):
    """``pad``, or ``pad_mmv`` for M = ``mmv`` > 1 pixels a beat (SIMD = C,
    so it has no SIMD parameter)."""
    n, h, w_, c = _shape(op.input)
    top, left, bottom, right = (int(p) for p in op.pads.get_values())
    params = {"N": n, "H": h, "W": w_, "C": c, "TOP": top, "LEFT": left, "BOTTOM": bottom, "RIGHT": right}
    fold = {"MMV": _int(op.mmv)} if _int(op.mmv) > 1 else {"SIMD": _int(op.simd)}
    kernel = "pad_mmv" if _int(op.mmv) > 1 else "pad"
    return kernel, {**params, **fold, "T": _elt(op.input), "VALUE": int(op.value.value.data)}, []


@kernel_lowering(df.LabelSelectOp)
def _label_select(op: df.LabelSelectOp, instance: str):
    x = _shape(op.input)
    params = {
        "L": x[-1], "K": _int(op.k), "PE": _int(op.pe), "VECS": math.prod(x[:-1]),
        "TI": _elt(op.input), "TO": _elt(op.result),
    }
    return "label_select", params, []


@kernel_lowering(df.DWCOp)
def _dwc(op: df.DWCOp, instance: str):
    params = {
        "IN": _int(op.in_elems), "OUT": _int(op.out_elems), "TOTAL": math.prod(_shape(op.input)),
        "T": _elt(op.input),
    }
    return "dwc", params, []


@kernel_lowering(df.DuplicateOp)
def _duplicate(op: df.DuplicateOp, instance: str):
    pe = _int(op.pe)
    params = {"ELEMS": pe, "BEATS": math.prod(_shape(op.input)) // pe, "T": _elt(op.input)}
    return "duplicate", params, []


@kernel_lowering(df.AddStreamsOp)
def _add_streams(op: df.AddStreamsOp, instance: str):
    pe = _int(op.pe)
    params = {
        "PE": pe, "BEATS": math.prod(_shape(op.lhs)) // pe, "TA": _elt(op.lhs), "TB": _elt(op.rhs),
        "TO": _elt(op.result),
    }
    return "add_streams", params, []


@kernel_lowering(df.ConcatOp)
def _concat(op: df.ConcatOp, instance: str):
    params = {"SIMD": _int(op.simd), "VECS": math.prod(_shape(op.result)[:-1]), "T": _elt(op.result)}
    params |= {f"C{i}": c for i, c in enumerate(op.input_channels)}
    return "concat", params, []


@kernel_lowering(df.UpsampleOp)
def _upsample(op: df.UpsampleOp, instance: str):
    n, h, w_, c = _shape(op.input)
    sh, sw = _pair(op.scale)
    params = {"N": n, "H": h, "W": w_, "C": c, "SH": sh, "SW": sw, "SIMD": _int(op.simd), "T": _elt(op.input)}
    return "upsample", params, []


@kernel_lowering(df.DepthToSpaceOp)
def _depth_to_space(op: df.DepthToSpaceOp, instance: str):
    n, h, w_, _ = _shape(op.input)
    params = {
        "N": n, "H": h, "W": w_, "C": _shape(op.result)[-1], "B": _int(op.blocksize),
        "CRD": int(op.mode.data == "CRD"), "SIMD": _int(op.simd), "T": _elt(op.input),
    }
    return "depth_to_space", params, []


# --- one partition -----------------------------------------------------------


@dataclass(frozen=True)
class _PortUse:
    """An output port reading a value."""

    index: int


class _TopBuilder:
    """Builds the body of one hls.top from a partition."""

    def __init__(self, partition: df.PartitionOp, name: str, layer_names: dict[Operation, str]):
        self.partition = partition
        self.name = name
        self.layer_names = layer_names
        self.names = Namer()  # instance and ROM names, unique in this top
        self.stream_names = Namer()
        self.ops: list[Operation] = []
        self.block = partition.block
        yield_op = partition.yield_op()
        assert yield_op is not None
        self.yielded = list(yield_op.arguments)
        self.layers = [op for op in self.block.ops if op is not yield_op]
        # a FIFO is an alias of its input; its depth goes to the channel
        self.root: dict[SSAValue, SSAValue] = {}
        self.fifo_depth: dict[SSAValue, int] = defaultdict(int)
        for op in self.layers:
            if isinstance(op, df.FIFOOp):
                r = self.resolve(op.input)
                self.root[op.result] = r
                self.fifo_depth[r] += _int(op.depth)
        # consumers of every channel, in order: (layer, operand index) or _PortUse
        self.consumers: dict[SSAValue, list] = defaultdict(list)
        for op in self.layers:
            if isinstance(op, df.FIFOOp):
                continue
            for i, v in enumerate(op.operands):
                self.consumers[self.resolve(v)].append((op, i))
        for j, v in enumerate(self.yielded):
            self.consumers[self.resolve(v)].append(_PortUse(j))
        self.edge: dict = {}  # consumer -> the hls stream it reads

    def resolve(self, v: SSAValue) -> SSAValue:
        while v in self.root:
            v = self.root[v]
        return v

    # widths (elements per beat)

    def consumer_width(self, c) -> int:
        if isinstance(c, _PortUse):
            return self.port_width(self.yielded[c.index])
        op, _ = c
        return lm.stream_widths(op)[0]

    def producer_width(self, v: SSAValue) -> int:
        v = self.resolve(v)
        if isinstance(v.owner, Block):
            kernels = [c for c in self.consumers[v] if not isinstance(c, _PortUse)]
            return self.consumer_width(kernels[0]) if kernels else 1
        return lm.stream_widths(v.owner)[1]

    def port_width(self, v: SSAValue) -> int:
        return self.producer_width(v)

    def depth(self, v: SSAValue) -> int:
        return self.fifo_depth.get(self.resolve(v), 0) or DEFAULT_DEPTH

    # building blocks

    def new_stream(self, elt: Attribute, width: int, depth: int, name: str) -> SSAValue:
        op = hls.StreamOp(hls.StreamType(elt, width), depth=depth, name=self.stream_names(name, "s"))
        self.ops.append(op)
        return op.result

    def kernel(self, kind: str, instance: str, ins, outs, roms=(), params=None) -> hls.KernelOp:
        return hls.KernelOp(kind, self.names(instance, "k"), ins, outs, roms, params or {})

    def describe(self, v: SSAValue) -> str:
        return f"input #{v.index}" if isinstance(v.owner, Block) else f"result #{v.index} of '{v.owner.name}'"

    def plan(self, v: SSAValue, width: int, head: SSAValue | None, name: str) -> tuple[SSAValue, list[Operation]]:
        """Route channel ``v`` (``width`` elements per beat) to its one
        reader. ``head`` is the input port when ``v`` enters the partition;
        otherwise the stream the producer is to write is chosen here.
        Returns it and the kernels to emit right after the producer (the
        copy of an input port that is an output port as it is)."""
        v = self.resolve(v)
        elt = _elt(v)
        cons = self.consumers[v]
        where = f"convert-dataflow-to-hls: partition '{self.name}': the {self.describe(v)}"
        if not cons:
            raise FinnrError(f"{where} is never read (a stream needs a consumer)")
        if len(cons) > 1:
            raise FinnrError(
                f"{where} has {len(cons)} readers; a stream has one (run dataflow-insert-duplicate first)"
            )
        (c,) = cons
        if self.consumer_width(c) != width:
            reader = "an output port" if isinstance(c, _PortUse) else f"'{c[0].name}'"
            raise FinnrError(
                f"{where} carries {width} element(s) per beat but {reader} reads "
                f"{self.consumer_width(c)} (run dataflow-insert-dwc first)"
            )
        dst = self.top.outputs[c.index] if isinstance(c, _PortUse) else None
        if head is None:
            if dst is not None:
                return dst, []
            s = self.new_stream(elt, width, self.depth(v), f"{name}_out")
            self.edge[c] = s
            return s, []
        if dst is None:
            self.edge[c] = head
            return head, []
        params = {"ELEMS": width, "BEATS": math.prod(_shape(v)) // width, "T": elt}
        return head, [self.kernel("fifo", f"{name}_copy", [head], [dst], params=params)]

    def build(self) -> hls.TopOp:
        ins = [hls.StreamType(_elt(a), self.producer_width(a)) for a in self.block.args]
        outs = [hls.StreamType(_elt(v), self.port_width(v)) for v in self.yielded]
        self.top = hls.TopOp(self.name, ins, outs)
        port_names = Namer()
        for i, a in enumerate(self.top.inputs):
            a.name_hint = port_names(f"in{i}")
        for j, a in enumerate(self.top.outputs):
            a.name_hint = port_names(f"out{j}")
        for a, port in zip(self.block.args, self.top.inputs):
            _, after = self.plan(a, port.type.elements, port, f"in{a.index}")
            self.ops.extend(after)
        for op in self.layers:
            if isinstance(op, df.FIFOOp):
                continue
            instance = self.layer_names[op]
            kind, params, roms = layer_kernel(op, instance)
            for rom in roms:
                rom.properties["name"] = StringAttr(self.names(rom.rom_name.data, "rom"))
            ins = [self.edge[(op, i)] for i in range(len(op.operands))]
            outs, later = [], []
            width = lm.stream_widths(op)[1]
            for k, r in enumerate(op.results):
                suffix = f"_{k}" if len(op.results) > 1 else ""
                head, after = self.plan(r, width, None, f"{instance}{suffix}")
                outs.append(head)
                later.extend(after)
            self.ops.extend(roms)
            self.ops.append(self.kernel(kind, instance, ins, outs, [r.result for r in roms], params))
            self.ops.extend(later)
        body = self.top.body_block
        body.add_ops(self.ops)
        body.add_op(hls.YieldOp())
        return self.top


def _symbols(module: ModuleOp) -> set[str]:
    """The symbol names in use, but for the partitions' own names."""
    names = set()
    for op in module.walk():
        if isinstance(op, df.PartitionOp):
            continue
        sym = op.properties.get("sym_name") or op.attributes.get("sym_name")
        if isinstance(sym, StringAttr):
            names.add(sym.data)
    return names


def convert_partition(partition: df.PartitionOp, name: str, accel: str, layer_names: dict[Operation, str]) -> None:
    fn = partition.parent_op()
    while fn is not None and not isinstance(fn, func.FuncOp):
        fn = fn.parent_op()
    if fn is None:
        raise FinnrError(f"convert-dataflow-to-hls: partition '{name}' is not inside a function")
    top = _TopBuilder(partition, name, layer_names).build()
    in_types = [v.type for v in partition.inputs]
    out_types = [r.type for r in partition.outputs]
    decl = func.FuncOp(accel, FunctionType.from_lists(in_types, out_types), Region(), visibility="private")
    decl.attributes[TOP_ATTR] = SymbolRefAttr(name)
    Rewriter.insert_op([decl, top], InsertPoint.after(fn))
    call = func.CallOp(accel, list(partition.inputs), out_types)
    Rewriter.replace_op(partition, call)


@dataclass(frozen=True)
class ConvertDataflowToHls(ModulePass):
    """Every dataflow partition becomes an hls.top of kernels, streams and ROMs, called from the host."""

    name = "convert-dataflow-to-hls"

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        refuse_offload(op, "convert-dataflow-to-hls", "has no HLS lowering yet",
                       ["lower a dataflow design (dataflow.partition) instead"])
        partitions = [p for p in op.walk() if isinstance(p, df.PartitionOp)]
        if not partitions:
            return
        layers = lm.dataflow_layers(op)
        layer_names = dict(zip(layers, finn_names(layers)))
        symbols = Namer(_symbols(op))
        for i, p in enumerate(partitions):
            base = p.sym_name.data if p.sym_name is not None else f"dataflow_{i}"
            name = symbols(base, "dataflow")
            accel = symbols(f"{name}_accel", "dataflow")
            convert_partition(p, name, accel, layer_names)
