"""What the RTL of a ``dataflow.partition`` is made of: one engine of the
library per layer with every parameter bound (dimensions, folding,
datatypes, accumulator and threshold widths), its ROM contents, and the
streams between the layers. Reads the folded dataflow IR, never changes it;
:mod:`finnr.backends.rtl` prints it.

Each dataflow op class binds to its engine through :func:`rtl_engine`;
every name comes from the ``legalize-names`` pass (:mod:`finnr.names`),
which :func:`designs` runs on a module that lacks the names.

Element encodings follow the HLS backend (``encode``): element ``i`` of a
beat sits in bits ``[i*B +: B]``, integers in two's complement, bipolar as
one bit (0 = -1). Thresholds are compared with integers, so they are
stored as integers exactly as ``convert-dataflow-to-hls`` stores them
(``ceil``, clipped to the accumulator's range plus one).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from xdsl.dialects.builtin import ModuleOp, TensorType
from xdsl.ir import Attribute, Block, Operation, SSAValue

from finnr.diagnostics import FinnrError
from finnr.dialects import dataflow as df
from finnr.dialects import datatypes as dt
from finnr.hw import (
    accumulator_range,
    encode,
    fold_thresholds,
    fold_weights,
    integer_thresholds,
    kind_code,
    pipeline,
    signed_bits,
)
from finnr.interop.finn import finn_names
from finnr.models import layers as lm
from finnr.models.arch import refuse_offload
from finnr.models.cost import fifo_prefetches
from finnr.models.layers import dataflow_layers
from finnr.names import ensure_legal, name_of, names_of


def hex_words(codes: np.ndarray, bits: int) -> list[str]:
    """ROM words as hex lines: ``codes`` (depth, elements) of non-negative
    element codes of ``bits`` bits each, element 0 in the least significant
    bits of its word."""
    depth, n = codes.shape
    width = n * bits
    shifts = np.arange(bits, dtype=np.uint64)
    b = ((codes.astype(np.uint64)[..., None] >> shifts) & np.uint64(1)).astype(np.uint8).reshape(depth, width)
    pad = (-width) % 8
    if pad:
        b = np.concatenate([b, np.zeros((depth, pad), np.uint8)], axis=1)
    packed = np.packbits(b, axis=1, bitorder="little")[:, ::-1]
    digits = (width + 3) // 4
    return [row.tobytes().hex()[-digits:] for row in packed]


@dataclass
class Rom:
    """A ``finnr_rom``'s contents: ``words`` of ``width`` bits, in banks of
    ``pipeline.rom_bank(width)`` words, each bank a file of its own when
    there are several (``file``.000, ``file``.001, ...; the engine takes
    ``file`` as its ``param`` and the bank size as ``param``_BANK)."""

    param: str  # the engine's file-name parameter (WEIGHTS, THRESHOLDS)
    file: str
    width: int
    words: list[str]

    @property
    def bank(self) -> int:
        return pipeline.rom_bank(self.width)

    def files(self) -> list[tuple[str, list[str]]]:
        """(file name, words) of each bank."""
        if len(self.words) <= self.bank:
            return [(self.file, self.words)]
        return [(f"{self.file}.{b:03d}", self.words[i : i + self.bank])
                for b, i in enumerate(range(0, len(self.words), self.bank))]


@dataclass(frozen=True)
class Packed:
    """A vector parameter: ``values`` of ``bits`` bits each, the first in
    the low bits (printed as a Verilog concatenation of sized literals)."""

    values: tuple[int, ...]
    bits: int

    def verilog(self) -> str:
        return "{" + ", ".join(f"{self.bits}'d{v}" for v in reversed(self.values)) + "}"


Params = Callable[[Operation, str], tuple[dict[str, int | Packed], list[Rom]]]


@dataclass(frozen=True)
class Engine:
    """How a dataflow op class becomes RTL: the library files it needs
    (``finnr/backends/rtl/lib``; the first holds the engine) and its
    parameters and ROMs (ROM files named after the layer's module)."""

    files: tuple[str, ...]
    params: Params

    @property
    def module(self) -> str:
        """The engine's module (``finnr_mvau``)."""
        return self.files[0][:-2]


ENGINES: dict[type[Operation], Engine] = {}
"""The engine of every dataflow op class the RTL backend covers."""
MODE_ENGINES: dict[type[Operation], list[tuple[Callable[[Operation], bool], Engine]]] = {}
"""Engines for a mode of an op class (a parallel-window SWU), each with
the test of its ops, tried before the class's own engine."""


def rtl_engine(*classes: type[Operation], files: tuple[str, ...],
               when: Callable[[Operation], bool] | None = None) -> Callable[[Params], Params]:
    """Register the decorated parameter function, with the library
    ``files``, as the engine of the op ``classes`` (only of their ops for
    which ``when`` holds, if given)."""

    def register(params: Params) -> Params:
        for cls in classes:
            if when is None:
                ENGINES[cls] = Engine(files, params)
            else:
                MODE_ENGINES.setdefault(cls, []).append((when, Engine(files, params)))
        return params

    return register


def engine(op: Operation) -> Engine:
    """The engine of ``op`` (of its mode, or of its class); a diagnostic
    when it has none."""
    for when, mode_engine in MODE_ENGINES.get(type(op), ()):
        if when(op):
            return mode_engine
    found = ENGINES.get(type(op))
    if found is None:
        raise FinnrError(
            f"rtl: no RTL engine for '{op.name}' ({lm.kind(op)}) yet; the RTL backend covers "
            f"{', '.join(sorted(cls.name for cls in ENGINES))}"
        )
    return found


@dataclass
class Layer:
    """One layer instance: its engine with every parameter bound. Its
    module has one AXI-Stream bundle per operand and per result: ``in`` and
    ``out`` for one, ``in0``, ``in1``, ... for several."""

    op: Operation
    kind: str
    ir_name: str
    name: str
    module: str
    params: dict[str, int | Packed]
    roms: list[Rom] = field(default_factory=list)
    in_elems: int = 1
    out_elems: int = 1
    instance: str = "u"

    @property
    def engine(self) -> str:
        return engine(self.op).module

    @property
    def files(self) -> tuple[str, ...]:
        return engine(self.op).files

    @property
    def inputs(self) -> list[tuple[str, int]]:
        """(bundle, width) of each operand's stream."""
        return _bundles("in", [self.in_elems * dt.bitwidth(_elt(v)) for v in self.op.operands])

    @property
    def outputs(self) -> list[tuple[str, int]]:
        """(bundle, width) of each result's stream."""
        return _bundles("out", [self.out_elems * dt.bitwidth(_elt(v)) for v in self.op.results])

    def beats_out(self) -> int:
        """Output beats per frame (of each result)."""
        return math.prod(_shape(self.op.results[0])) // self.out_elems

    def folding(self) -> tuple[int | None, int | None]:
        """(pe, simd) where the layer has them, else None."""
        props = self.op.properties
        pe = props["pe"].value.data if "pe" in props else None
        simd = props["simd"].value.data if "simd" in props else None
        return pe, simd


def _bundles(base: str, widths: list[int]) -> list[tuple[str, int]]:
    if len(widths) == 1:
        return [(base, widths[0])]
    return [(f"{base}{i}", w) for i, w in enumerate(widths)]


@dataclass
class Stream:
    """A connection: its producer (a layer or an input port) and its one
    consumer (a layer or an output port), ``elems`` elements of ``bits``
    bits."""

    value: SSAValue
    name: str
    elems: int
    bits: int
    port: str | None = None  # the top's port name when it enters or leaves the partition

    @property
    def width(self) -> int:
        return self.elems * self.bits

    @property
    def element(self) -> Attribute:
        """The element datatype."""
        return _elt(self.value)

    def beats_frame(self) -> int:
        """Beats per frame."""
        return math.prod(_shape(self.value)) // self.elems


def _shape(v: SSAValue) -> tuple[int, ...]:
    t = v.type
    assert isinstance(t, TensorType)
    return tuple(t.get_shape())


def _elt(v: SSAValue) -> Attribute:
    t = v.type
    assert isinstance(t, TensorType)
    return t.get_element_type()


def _int(attr) -> int:
    return int(attr.value.data)


def _weight_rom(name: str, w: np.ndarray, wt: Attribute, pe: int, simd: int) -> Rom:
    folded = fold_weights(w, pe, simd)  # (PE, WMEM, SIMD)
    codes = encode(folded, wt).transpose(1, 0, 2).reshape(folded.shape[1], pe * simd)
    bits = dt.bitwidth(wt)
    return Rom("WEIGHTS", f"{name}_weights.mem", pe * simd * bits, hex_words(codes, bits))


def _threshold_rom(name: str, t: np.ndarray, channels: int, pe: int, lo: int, hi: int) -> tuple[Rom, int, int]:
    """The ROM of (channels or 1, NT) thresholds compared with integers in
    [lo, hi]; returns it, NT and the thresholds' signed width."""
    ints = integer_thresholds(t, lo, hi)
    folded = fold_thresholds(ints, channels, pe)  # (PE, NF, NT)
    nt = folded.shape[-1]
    tbits = signed_bits(int(folded.min()), int(folded.max()))
    codes = (folded.transpose(1, 0, 2).reshape(folded.shape[1], pe * nt) & ((1 << tbits) - 1)).astype(np.uint64)
    return Rom("THRESHOLDS", f"{name}_thresholds.mem", pe * nt * tbits, hex_words(codes, tbits)), nt, tbits


def _check_integer(op: Operation, what: str, t: Attribute) -> None:
    if not dt.is_integer(t):
        raise FinnrError(
            f"rtl: '{op.name}' {what} has element type {t}; the RTL engines handle integer datatypes only"
        )


def layer_params(op: Operation, module: str) -> tuple[dict[str, int], list[Rom]]:
    """The engine parameters and ROMs of a layer (ROM files named after
    ``module``)."""
    return engine(op).params(op, module)


@rtl_engine(df.MVAUOp, files=("finnr_mvau.v", "finnr_skid.v", "finnr_dot.v", "finnr_tree.v", "finnr_act.v", "finnr_rom.v"))
def _mvau(op: df.MVAUOp, module: str) -> tuple[dict[str, int], list[Rom]]:
    x, y = _elt(op.operands[0]), _elt(op.results[0])
    pe, simd = _int(op.pe), _int(op.simd)
    w = np.asarray(op.weight_matrix(), dtype=np.int64)
    lo, hi = accumulator_range(w, x)
    params = {
        "MW": op.mw, "MH": op.mh, "SIMD": simd, "PE": pe, "IN_BITS": dt.bitwidth(x), "IN_KIND": kind_code(x),
        "W_BITS": dt.bitwidth(op.weight_dtype), "W_KIND": kind_code(op.weight_dtype),
        "ACC_BITS": signed_bits(lo, hi), "NT": 0, "T_BITS": 2, "OUT_BITS": dt.bitwidth(y),
        "ACT_BIAS": _int(op.act_bias), "LEVELS": pipeline.TREE_LEVELS, **_mmv(op),
    }
    roms = [_weight_rom(module, w, op.weight_dtype, pe, simd)]
    t = op.threshold_matrix()
    if t is not None:
        rom, params["NT"], params["T_BITS"] = _threshold_rom(module, t, op.mh, pe, lo, hi)
        roms.append(rom)
    return params, roms


@rtl_engine(df.VVAUOp, files=("finnr_vvau.v", "finnr_skid.v", "finnr_dot.v", "finnr_tree.v", "finnr_act.v", "finnr_rom.v"))
def _vvau(op: df.VVAUOp, module: str) -> tuple[dict[str, int], list[Rom]]:
    x, y = _elt(op.operands[0]), _elt(op.results[0])
    pe, simd = _int(op.pe), _int(op.simd)
    w = np.asarray(op.weight_matrix(), dtype=np.int64)  # (C, K)
    c, k = w.shape
    lo, hi = accumulator_range(w.T, x)  # the window positions are the inputs
    params = {
        "C": c, "K": k, "SIMD": simd, "PE": pe, "IN_BITS": dt.bitwidth(x), "IN_KIND": kind_code(x),
        "W_BITS": dt.bitwidth(op.weight_dtype), "W_KIND": kind_code(op.weight_dtype),
        "ACC_BITS": signed_bits(lo, hi), "NT": 0, "T_BITS": 2, "OUT_BITS": dt.bitwidth(y),
        "ACT_BIAS": _int(op.act_bias), "LEVELS": pipeline.TREE_LEVELS,
    }
    # the weights in the order the window arrives, (k, c), SIMD * PE per word
    arrival = encode(w.T, op.weight_dtype).reshape(-1, simd * pe)
    roms = [Rom("WEIGHTS", f"{module}_weights.mem", simd * pe * dt.bitwidth(op.weight_dtype),
                hex_words(arrival, dt.bitwidth(op.weight_dtype)))]
    t = op.threshold_matrix()
    if t is not None:
        rom, params["NT"], params["T_BITS"] = _threshold_rom(module, t, c, pe, lo, hi)
        roms.append(rom)
    return params, roms


@rtl_engine(df.ThresholdingOp, files=("finnr_thresholding.v", "finnr_skid.v", "finnr_act.v", "finnr_tree.v", "finnr_rom.v"))
def _thresholding(op: df.ThresholdingOp, module: str) -> tuple[dict[str, int], list[Rom]]:
    x, y = _elt(op.operands[0]), _elt(op.results[0])
    pe = _int(op.pe)
    c = _shape(op.input)[-1]
    lo, hi = (int(v) for v in dt.value_range(x))
    rom, nt, tbits = _threshold_rom(module, op.threshold_matrix(), c, pe, lo, hi)
    params = {"C": c, "PE": pe, "IN_BITS": dt.bitwidth(x), "IN_KIND": kind_code(x), "NT": nt, "T_BITS": tbits,
              "OUT_BITS": dt.bitwidth(y), "ACT_BIAS": _int(op.act_bias), "LEVELS": pipeline.TREE_LEVELS}
    return params, [rom]


@rtl_engine(df.SWUOp, df.MaxPoolOp, files=("finnr_window.v", "finnr_window_rows.v", "finnr_skid.v", "finnr_count.v"))
def _window(op: df.SWUOp | df.MaxPoolOp, module: str) -> tuple[dict[str, int], list[Rom]]:
    x = _elt(op.operands[0])
    _, h, w_, c = _shape(op.input)
    _, oh, ow, _ = _shape(op.result)
    (kh, kw), (sh, sw), (dh, dw) = op.window()
    pool = isinstance(op, df.MaxPoolOp)
    params = {"H": h, "W": w_, "C": c, "SIMD": _int(op.pe if pool else op.simd), "KH": kh, "KW": kw,
              "SH": sh, "SW": sw, "DH": dh, "DW": dw, "OH": oh, "OW": ow, "BITS": dt.bitwidth(x),
              "KIND": kind_code(x), "POOL": int(pool)}
    return params, []


@rtl_engine(df.SWUOp, files=("finnr_window_pw.v", "finnr_window_rows.v", "finnr_skid.v", "finnr_count.v"),
            when=lambda op: op.is_parallel)
def _window_pw(op: df.SWUOp, module: str) -> tuple[dict[str, int], list[Rom]]:
    _, h, w_, c = _shape(op.input)
    _, oh, ow, _ = _shape(op.result)
    (kh, kw), (sh, sw), (dh, dw) = op.window()
    params = {"H": h, "W": w_, "C": c, "KH": kh, "KW": kw, "SH": sh, "SW": sw, "DH": dh, "DW": dw,
              "OH": oh, "OW": ow, "BITS": dt.bitwidth(_elt(op.input)), **_mmv(op)}
    return params, []


def _mmv(op: df.SWUOp | df.MVAUOp) -> dict[str, int]:
    """The engine's ``MMV`` (pixels per beat) where it is not 1."""
    m = _int(op.mmv)
    return {"MMV": m} if m > 1 else {}


@rtl_engine(df.MaxPoolOp, files=("finnr_pool_mmv.v", "finnr_window_rows.v", "finnr_skid.v", "finnr_count.v"),
            when=lambda op: _int(op.mmv) > 1)
def _pool_mmv(op: df.MaxPoolOp, module: str) -> tuple[dict[str, int], list[Rom]]:
    x = _elt(op.operands[0])
    _, h, w_, c = _shape(op.input)
    _, oh, ow, _ = _shape(op.result)
    (kh, kw), (sh, sw), _ = op.window()
    params = {"H": h, "W": w_, "C": c, "MMV": _int(op.mmv), "KH": kh, "KW": kw, "SH": sh, "SW": sw,
              "OH": oh, "OW": ow, "BITS": dt.bitwidth(x), "KIND": kind_code(x)}
    return params, []


@rtl_engine(df.PadOp, files=("finnr_pad.v", "finnr_count.v"))
def _pad(op: df.PadOp, module: str) -> tuple[dict[str, int], list[Rom]]:
    x = _elt(op.operands[0])
    _, h, w_, c = _shape(op.input)
    top, left, bottom, right = (int(p) for p in op.pads.get_values())
    value = int(encode(np.array([op.value.value.data]), x)[0])
    mmv = {"MMV": _int(op.mmv)} if _int(op.mmv) > 1 else {}  # M pixels a beat (1: the engine's default)
    params = {"H": h, "W": w_, "C": c, "SIMD": _int(op.simd), **mmv, "TOP": top, "LEFT": left, "BOTTOM": bottom,
              "RIGHT": right, "BITS": dt.bitwidth(x), "VALUE": value}
    return params, []


@rtl_engine(df.LabelSelectOp, files=("finnr_label_select.v",))
def _label_select(op: df.LabelSelectOp, module: str) -> tuple[dict[str, int], list[Rom]]:
    x, y = _elt(op.operands[0]), _elt(op.results[0])
    return {"L": _shape(op.input)[-1], "K": _int(op.k), "PE": _int(op.pe), "IN_BITS": dt.bitwidth(x),
            "IN_KIND": kind_code(x), "OUT_BITS": dt.bitwidth(y)}, []


@rtl_engine(df.DWCOp, files=("finnr_dwc.v",))
def _dwc(op: df.DWCOp, module: str) -> tuple[dict[str, int], list[Rom]]:
    x = _elt(op.operands[0])
    return {"BITS": dt.bitwidth(x), "IN": _int(op.in_elems), "OUT": _int(op.out_elems)}, []


@rtl_engine(df.FIFOOp, files=("finnr_fifo.v",))
def _fifo(op: df.FIFOOp, module: str) -> tuple[dict[str, int], list[Rom]]:
    width, depth = _int(op.elems) * dt.bitwidth(_elt(op.operands[0])), max(2, _int(op.depth))
    return {"WIDTH": width, "DEPTH": depth, "PREFETCH": int(fifo_prefetches(depth, width))}, []


@rtl_engine(df.DuplicateOp, files=("finnr_duplicate.v",))
def _duplicate(op: df.DuplicateOp, module: str) -> tuple[dict[str, int], list[Rom]]:
    return {"N": len(op.results), "WIDTH": _int(op.pe) * dt.bitwidth(_elt(op.input))}, []


@rtl_engine(df.AddStreamsOp, files=("finnr_add_streams.v",))
def _add_streams(op: df.AddStreamsOp, module: str) -> tuple[dict[str, int], list[Rom]]:
    a, b, y = _elt(op.lhs), _elt(op.rhs), _elt(op.result)
    return {"PE": _int(op.pe), "A_BITS": dt.bitwidth(a), "A_KIND": kind_code(a), "B_BITS": dt.bitwidth(b),
            "B_KIND": kind_code(b), "OUT_BITS": dt.bitwidth(y)}, []


@rtl_engine(df.ConcatOp, files=("finnr_concat.v",))
def _concat(op: df.ConcatOp, module: str) -> tuple[dict[str, int | Packed], list[Rom]]:
    simd = _int(op.simd)
    folds = tuple(c // simd for c in op.input_channels)
    return {"N": len(folds), "SIMD": simd, "BITS": dt.bitwidth(_elt(op.result)), "FOLDS": Packed(folds, 16)}, []


@rtl_engine(df.UpsampleOp, files=("finnr_upsample.v",))
def _upsample(op: df.UpsampleOp, module: str) -> tuple[dict[str, int], list[Rom]]:
    _, _, w_, c = _shape(op.input)
    sh, sw = (int(s) for s in op.scale.get_values())
    return {"W": w_, "C": c, "SIMD": _int(op.simd), "SH": sh, "SW": sw, "BITS": dt.bitwidth(_elt(op.input))}, []


@rtl_engine(df.DepthToSpaceOp, files=("finnr_depth_to_space.v",))
def _depth_to_space(op: df.DepthToSpaceOp, module: str) -> tuple[dict[str, int], list[Rom]]:
    _, h, w_, _ = _shape(op.input)
    return {"H": h, "W": w_, "C": _shape(op.result)[-1], "SIMD": _int(op.simd), "B": _int(op.blocksize),
            "CRD": int(op.mode.data == "CRD"), "BITS": dt.bitwidth(_elt(op.input))}, []


@dataclass
class Design:
    """The RTL of one partition: its top module, layers and streams in
    order (one stream per value, each with exactly one producer and one
    consumer: a ``dataflow.duplicate`` forks a value that several read)."""

    partition: df.PartitionOp
    top: str
    layers: list[Layer]
    streams: dict[SSAValue, Stream]
    inputs: list[Stream]
    outputs: list[Stream]

    def files(self) -> list[str]:
        """Every .v file of the top: the library files in use, the layer
        modules, the top (each once, in that order)."""
        lib = [f for layer in self.layers for f in layer.files]
        return list(dict.fromkeys([*lib, *(f"{layer.module}.v" for layer in self.layers), f"{self.top}.v"]))

    def fifos(self) -> list[Layer]:
        return [layer for layer in self.layers if isinstance(layer.op, df.FIFOOp)]


def partitions(module: ModuleOp) -> list[df.PartitionOp]:
    return [op for op in module.walk() if isinstance(op, df.PartitionOp)]


def designs(module: ModuleOp, fifo_depths: dict[str, int] | None = None) -> list[Design]:
    """The design of every partition of ``module``. ``fifo_depths``
    overrides the depth of FIFO layers by their ``ir_name``."""
    refuse_offload(module, "rtl", "has no RTL engines yet; generate RTL for a dataflow design (dataflow.partition)")
    ensure_legal(module)
    layers = dataflow_layers(module)
    ir_names = dict(zip(layers, finn_names(layers)))
    return [_design(part, ir_names, fifo_depths or {}) for part in partitions(module)]


def _design(part: df.PartitionOp, ir_names: dict, fifo_depths: dict[str, int]) -> Design:
    top = name_of(part, "finnr.verilog_name")
    yield_op = part.yield_op()
    assert yield_op is not None
    ops = [op for op in part.block.ops if op is not yield_op]
    layers: list[Layer] = []
    for op in ops:
        if not lm.is_layer(op):
            raise FinnrError(f"rtl: no RTL engine for '{op.name}' (partition '{top}')")
        for i, v in enumerate((*op.operands, *op.results)):
            _check_integer(op, f"operand/result #{i}", _elt(v))
        ir_name = ir_names[op]
        module = name_of(op, "finnr.verilog_name")
        params, roms = layer_params(op, module)
        if isinstance(op, df.FIFOOp) and ir_name in fifo_depths:
            params["DEPTH"] = max(2, int(fifo_depths[ir_name]))
        ins, outs = lm.stream_widths(op)
        # a FINN name (MVAU_hls_0) is an identifier already
        layers.append(Layer(op, lm.kind(op), ir_name, ir_name, module, params, roms, ins, outs))
    by_op = {layer.op: layer for layer in layers}
    bundles = names_of(part, "finnr.verilog_ports")
    port_of: dict[SSAValue, str] = dict(zip(part.block.args, bundles))
    port_of.update(zip(yield_op.arguments, bundles[len(part.block.args):]))
    wire_of: dict[SSAValue, str] = dict(zip(part.block.args, names_of(part, "finnr.verilog_wires")))
    for op in ops:
        wires = [name_of(op, "finnr.verilog_wire")] if len(op.results) == 1 else names_of(op, "finnr.verilog_wires")
        wire_of.update(zip(op.results, wires))
    streams: dict[SSAValue, Stream] = {}
    for v, users in _consumers(part).items():
        what = _describe(v, by_op)
        if len(users) != 1:
            fix = ("; fork it with a dataflow.duplicate (run dataflow-insert-duplicate)" if users
                   else "; every stream needs one")
            raise FinnrError(f"rtl: partition '{top}': {what} has {len(users)} consumers{fix}")
        (user,) = users
        if isinstance(v.owner, Block):
            if isinstance(user, int):
                raise FinnrError(f"rtl: partition '{top}': {what} is yielded as it is; no layer computes it")
            elems = by_op[user].in_elems
        else:
            elems = by_op[v.owner].out_elems
            if not isinstance(user, int) and by_op[user].in_elems != elems:
                raise FinnrError(
                    f"rtl: partition '{top}': {what} has {elems} elements per beat but {by_op[user].ir_name} reads "
                    f"{by_op[user].in_elems}; run dataflow-insert-dwc")
        streams[v] = Stream(v, wire_of[v], elems, dt.bitwidth(_elt(v)), port_of.get(v))
    inputs = [streams[v] for v in part.block.args]
    outputs = [streams[v] for v in yield_op.arguments]
    for layer in layers:
        layer.instance = name_of(layer.op, "finnr.verilog_inst")
    return Design(part, top, layers, streams, inputs, outputs)


def _consumers(part: df.PartitionOp) -> dict[SSAValue, list[Operation | int]]:
    """Every value of the partition (its inputs, then the layers' results)
    and what reads it: layers, and output ``j`` of the yield."""
    yield_op = part.yield_op()
    assert yield_op is not None
    ops = [op for op in part.block.ops if op is not yield_op]
    uses: dict[SSAValue, list[Operation | int]] = {v: [] for v in [*part.block.args, *(r for op in ops for r in op.results)]}
    for op in ops:
        for v in op.operands:
            uses[v].append(op)
    for j, v in enumerate(yield_op.arguments):
        uses[v].append(j)
    return uses


def _describe(v: SSAValue, by_op: dict[Operation, Layer]) -> str:
    """The value ``v`` in words, for a diagnostic (``input #0 (%x)``, ``the
    result of MVAU_hls_0``, ``result #1 of DuplicateStreams_hls_0``)."""
    hint = f" (%{v.name_hint})" if v.name_hint else ""
    if isinstance(v.owner, Block):
        return f"input #{v.index}{hint}"
    layer = by_op[v.owner]
    if len(layer.op.results) == 1:
        return f"the result of {layer.ir_name}{hint}"
    return f"result #{v.index} of {layer.ir_name}{hint}"
