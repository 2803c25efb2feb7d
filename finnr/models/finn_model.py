"""The ``finn`` cost model: what FINN's estimate-only flow (finn-plus 1.6.1)
predicts for the hardware FINN's own flow makes of a finnr dataflow design.

FINN's flow maps a network to its hardware nodes differently from finnr:

- each finnr layer becomes one or more FINN nodes (:data:`NODES`, keyed by
  op class): an MVAU is ``MVAU_hls``, a sliding window
  ``ConvolutionInputGenerator_rtl``, a max-pool a depthwise
  ``ConvolutionInputGenerator_rtl`` (SIMD = the pool's PE) followed by
  ``Pool_hls``, a depthwise convolution's VVAU its window generator (SIMD =
  the VVAU's PE, as FINN requires; the finnr window layer has no node of
  its own) and ``VVAU_hls``, a thresholding ``Thresholding_rtl``, ...; the
  layer's cycles are its slowest node's and its resources their sum;
- the float-side operations finnr leaves on the host become hardware too
  (:func:`host_layers`): the input quantizer is an input ``Thresholding_rtl``
  (float input, its PE folded like any thresholding), a reshape of the float
  input a ``Reshape_rtl``, the scalar multiplication of the output an
  ``ElementwiseMul_hls``, and behind an XNOR-popcount output layer the
  ``ElementwiseAdd_hls`` that restores its dot product.

:func:`plan` lists every FINN node of a module with FINN's name (op type and
index per op type, in graph order, as FINN's ``GiveUniqueNodeNames``), the
finnr layer or host layer it stands for, and which of its foldings FINN's
attribute is. Weight memories are decoupled (FINN's ``internal_decoupled``,
its default) unless the weights are ``external``; thresholds stay in FINN's
``auto`` style, which FINN's LUT estimate does not count. Layers FINN has
no node for (finnr's depth-to-space, upsample, concat), its FIFOs and its
width converters' BRAM keep finnr's own model (:mod:`finnr.models.cost`);
FINN's width converter LUTs are FINN's formula."""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from xdsl.dialects.builtin import DictionaryAttr, IntegerAttr, ModuleOp, i64
from xdsl.ir import Operation

from finnr.dialects import dataflow as df
from finnr.dialects import datatypes as dt
from finnr.dialects import qnn
from finnr.models import cost
from finnr.models import finn_estimates as fe
from finnr.models.cost import LayerSpec

KEYS = ("lut", "ff", "bram18", "uram", "dsp")


@dataclass
class Node:
    """One FINN node of a layer at a folding: its op type, the folding
    attribute FINN gives it (``PE``/``SIMD``) and which of the layer's
    foldings that is (``pe``/``simd``), its cycles and resources."""

    op_type: str
    attrs: dict[str, str]
    cycles: np.ndarray
    res: dict[str, np.ndarray]


def _res(shape, lut=0.0, bram18=0.0, uram=0.0, dsp=0.0) -> dict[str, np.ndarray]:
    zero = np.zeros(np.shape(shape))
    return {"lut": zero + lut, "ff": zero, "bram18": zero + bram18, "uram": zero + uram, "dsp": zero + dsp}


NodeFn = Callable[[LayerSpec, np.ndarray, np.ndarray, str, str, str], list[Node]]
NODES: dict[type[Operation], NodeFn] = {}
"""Op class -> the FINN nodes of its layers at a folding, ``(spec, pe,
simd, ram_style, res_type, mem_mode)``. Op classes without an entry keep
finnr's model."""


def _nodes_of(*op_classes: type[Operation]):
    def register(fn: NodeFn) -> NodeFn:
        for cls in op_classes:
            NODES[cls] = fn
        return fn

    return register


def weight_mem_mode(mem_mode: str) -> str:
    """FINN's ``mem_mode`` of a finnr layer's weights: decoupled unless external."""
    return "external" if mem_mode == "external" else "internal_decoupled"


def finn_ram_style(ram_style: str) -> str:
    return ram_style if ram_style in ("distributed", "block", "ultra") else "auto"


def _signed_for_finn(spec: LayerSpec) -> bool:
    """FINN reads binary XNOR inputs as BINARY (unsigned)."""
    return spec.signed_input and not spec.binary_xnor


@_nodes_of(df.MVAUOp)
def _mvau(spec, pe, simd, ram_style, res_type, mem_mode):
    """``MVAU_hls`` (FINN specializes an MVAU with an activation to HLS), with
    the weight width FINN minimizes the weights to (``finn_wbits``)."""
    mode, style = weight_mem_mode(mem_mode), finn_ram_style(ram_style)
    w = spec.extra.get("finn_wbits", spec.wbits)
    acc = spec.extra.get("finn_acc_bits", fe.acc_bound(spec.mw, w, spec.abits, _signed_for_finn(spec)))
    lut = fe.mvau_lut(spec.mh, spec.mw, w, spec.abits, spec.obits, acc, _signed_for_finn(spec),
                      spec.thresholds > 0, pe, simd, res_type, mode, style)
    res = _res(lut, lut, fe.mvau_bram(spec.mh, spec.mw, w, pe, simd, mode, style),
               fe.mvau_uram(spec.mh, spec.mw, w, pe, simd, mode, style), fe.mvau_dsp(w, spec.abits, pe, simd, res_type))
    return [Node("MVAU_hls", {"PE": "pe", "SIMD": "simd"}, fe.mvau_cycles(spec.mh, spec.mw, spec.vectors, pe, simd), res)]


@_nodes_of(df.VVAUOp)
def _vvau(spec, pe, simd, ram_style, res_type, mem_mode):
    """``VVAU_hls``, behind the depthwise window generator that feeds it
    (``extra['finn_window']``, the window's spec), whose SIMD FINN ties to
    the VVAU's PE (:func:`with_depthwise_window`)."""
    mode, style = weight_mem_mode(mem_mode), finn_ram_style(ram_style)
    k = spec.kernel[0] * spec.kernel[1]
    w = spec.extra.get("finn_wbits", spec.wbits)
    acc = spec.extra.get("finn_acc_bits", fe.acc_bound(k, w, spec.abits, _signed_for_finn(spec)))
    lut = fe.vvau_lut(spec.channels, k, w, spec.abits, spec.obits, acc, _signed_for_finn(spec),
                      spec.thresholds > 0, pe, simd, res_type, mode, style)
    res = _res(lut, lut, fe.vvau_bram(spec.channels, k, w, pe, simd, mode, style), 0.0,
               fe.vvau_dsp(w, spec.abits, pe, res_type))
    cycles = fe.vvau_cycles(spec.channels, k, spec.ofm[0] * spec.ofm[1], pe, simd)
    vvau = Node("VVAU_hls", {"PE": "pe", "SIMD": "simd"}, cycles, res)
    if "finn_window" not in spec.extra:
        return [vvau]
    window = _window(spec.extra["finn_window"], pe, True)
    window.attrs = {"SIMD": "pe"}
    return [window, vvau]


def _window(spec: LayerSpec, simd, depthwise: bool) -> Node:
    """``ConvolutionInputGenerator_rtl`` of the layer's window with its line
    buffer in LUTRAM (FINN's default ``distributed``), no parallel window."""
    mem = fe.swu_memory(spec.channels, spec.abits, spec.ifm, spec.kernel, spec.stride, spec.dilation, simd,
                        "distributed")
    cycles = fe.swu_cycles(spec.channels, spec.ifm, spec.ofm, spec.kernel, spec.stride, spec.dilation, simd,
                           depthwise)
    return Node("ConvolutionInputGenerator_rtl", {"SIMD": "simd"}, cycles, _res(mem["lut"], **mem))


@_nodes_of(df.SWUOp)
def _swu(spec, pe, simd, ram_style, res_type, mem_mode):
    """``ConvolutionInputGenerator_rtl``; none for the depthwise window of a
    VVAU, which is the VVAU's (:func:`with_depthwise_window`)."""
    if spec.extra.get("finn_window_of_vvau"):
        return []
    return [_window(spec, simd, spec.extra.get("depthwise", False))]


def _through_streams(value, forward: bool) -> Operation | None:
    """The layer at the other end of ``value`` past FIFOs and width
    converters: its producer, or (``forward``) its single consumer."""
    while True:
        if forward:
            uses = list(value.uses)
            op = uses[0].operation if len(uses) == 1 else None
        else:
            op = value.owner if isinstance(value.owner, Operation) else None
        if not isinstance(op, df.FIFOOp | df.DWCOp):
            return op
        value = op.results[0] if forward else op.operands[0]


def with_depthwise_window(op: Operation, spec: LayerSpec) -> LayerSpec:
    """``spec`` of ``op`` with what FINN's coupling of a depthwise window
    generator and its VVAU needs: FINN requires the window's SIMD to equal
    the VVAU's PE (its SetFolding sets it so), so under FINN's model the
    window is one of the VVAU's nodes, folded by the VVAU's PE: the VVAU's
    spec carries the window's (``finn_window``; none for a 1x1 window of
    stride 1, for which FINN makes no node), and the window layer itself has
    no node and no cost (``finn_window_of_vvau``). The VVAU's
    SIMD stays 1 (:func:`folding_ok`): above 1 FINN needs PE = C and the
    window's parallel mode, which this model does not write."""
    from finnr.models.registry import model_of

    if isinstance(op, df.VVAUOp):
        window = _through_streams(op.operands[0], forward=False)
        if isinstance(window, df.SWUOp) and window.depthwise.value.data:
            found = model_of(window).spec(window)
            if found.kernel == (1, 1) and found.stride == (1, 1):
                return spec  # FINN makes no window generator for a pointwise VVAU
            return dataclasses.replace(spec, extra={**spec.extra, "finn_window": found})
    elif isinstance(op, df.SWUOp) and op.depthwise.value.data:
        if isinstance(_through_streams(op.results[0], forward=True), df.VVAUOp):
            return dataclasses.replace(spec, extra={**spec.extra, "finn_window_of_vvau": True})
    return spec


def folding_ok(spec: LayerSpec, pe, simd) -> np.ndarray:
    """The foldings FINN's flow accepts as this model writes them: a VVAU
    behind a depthwise window generator keeps SIMD 1 (see
    :func:`with_depthwise_window`)."""
    simd = np.asarray(simd)
    return simd == 1 if "finn_window" in spec.extra else np.ones(np.broadcast(pe, simd).shape, bool)


@_nodes_of(df.MaxPoolOp)
def _maxpool(spec, pe, simd, ram_style, res_type, mem_mode):
    """A depthwise window generator (SIMD = PE) and ``Pool_hls`` (no resource
    estimate in FINN); FINN's ``InferPool``."""
    window = _window(spec, pe, True)
    window.attrs = {"SIMD": "pe"}
    pool = Node("Pool_hls", {"PE": "pe"}, fe.pool_cycles(spec.channels, spec.kernel, spec.ofm, pe), _res(pe))
    return [window, pool]


@_nodes_of(df.ThresholdingOp)
def _thresholding(spec, pe, simd, ram_style, res_type, mem_mode):
    """``Thresholding_rtl``: thresholds of the input's width + 1 bits (FINN
    clips integer thresholds to [min, max + 1] of the input), 32 for a float
    input."""
    bits = 32 if spec.extra.get("float_input") else spec.abits + 1
    mem = fe.thresholding_memory(spec.channels, bits, spec.obits, pe)
    res = _res(pe, mem["LUTRAM"], mem["BRAM"], mem["URAM"])
    return [Node("Thresholding_rtl", {"PE": "pe"}, fe.channel_cycles(spec.channels, spec.vectors, pe), res)]


@_nodes_of(df.PadOp)
def _pad(spec, pe, simd, ram_style, res_type, mem_mode):
    """``FMPadding_rtl`` (no resource estimate in FINN)."""
    return [Node("FMPadding_rtl", {"SIMD": "simd"}, fe.fmpadding_cycles(spec.channels, spec.ofm, simd), _res(simd))]


@_nodes_of(df.LabelSelectOp)
def _label_select(spec, pe, simd, ram_style, res_type, mem_mode):
    """``LabelSelect_hls`` (no resource estimate in FINN)."""
    return [Node("LabelSelect_hls", {"PE": "pe"}, fe.labelselect_cycles(spec.channels, pe), _res(pe))]


@_nodes_of(df.DuplicateOp)
def _duplicate(spec, pe, simd, ram_style, res_type, mem_mode):
    return [Node("DuplicateStreams_hls", {"PE": "pe"}, fe.channel_cycles(spec.channels, spec.vectors, pe), _res(pe))]


@_nodes_of(df.AddStreamsOp)
def _add_streams(spec, pe, simd, ram_style, res_type, mem_mode):
    return [Node("AddStreams_hls", {"PE": "pe"}, fe.channel_cycles(spec.channels, spec.vectors, pe), _res(pe))]


@_nodes_of(df.DWCOp)
def _dwc(spec, pe, simd, ram_style, res_type, mem_mode):
    """finnr's width converter, with FINN's LUT formula."""
    res = cost.resources(spec, pe, simd)
    res["lut"] = np.zeros(np.shape(res["lut"])) + fe.dwc_lut(spec.in_elems * spec.abits, spec.out_elems * spec.abits)
    return [Node("StreamingDataWidthConverter_hls", {}, cost.cycles(spec, pe, simd), res)]


def nodes(spec: LayerSpec, pe=1, simd=1, ram_style: str = "auto", res_type: str = "lut",
          mem_mode: str = "internal_embedded") -> list[Node]:
    """The FINN nodes of a layer (or host layer, ``extra['finn_op']``: every
    one takes C/PE cycles per vector; only the thresholding has a resource
    estimate) at a folding; [] for a layer FINN's model does not cover."""
    pe, simd = np.asarray(pe, np.float64), np.asarray(simd, np.float64)
    op = spec.extra.get("finn_op")
    if op == "Thresholding_rtl":
        return _thresholding(spec, pe, simd, ram_style, res_type, mem_mode)
    if op is not None:
        return [Node(op, {"PE": "pe"}, fe.channel_cycles(spec.channels, spec.vectors, pe), _res(pe))]
    fn = NODES.get(cost.model_for(spec).op)
    return fn(spec, pe, simd, ram_style, res_type, mem_mode) if fn is not None else []


def cycles(spec: LayerSpec, pe=1, simd=1) -> np.ndarray:
    """The slowest of the layer's FINN nodes (finnr's model where FINN has none)."""
    if spec.extra.get("finn_window_of_vvau"):
        return np.zeros(np.broadcast(pe, simd).shape)
    found = nodes(spec, pe, simd)
    if not found:
        return cost.cycles(spec, pe, simd)
    return np.maximum.reduce([np.broadcast_to(n.cycles, np.broadcast(pe, simd).shape) for n in found])


def resources(spec: LayerSpec, pe=1, simd=1, ram_style: str = "auto", res_type: str = "lut",
              mem_mode: str = "internal_embedded") -> dict[str, np.ndarray]:
    """The sum of the layer's FINN nodes' resources (finnr's model where FINN
    has none; FINN estimates no FFs: finnr's figure is kept). The memory and
    multiplier choices the optimizer tries are finnr's (FINN's weight memory
    styles, LUT or DSP multipliers)."""
    if spec.extra.get("finn_window_of_vvau"):
        return {k: np.zeros(np.broadcast(pe, simd).shape) for k in KEYS}
    found = nodes(spec, pe, simd, ram_style, res_type, mem_mode)
    total = {k: sum(n.res[k] for n in found) for k in KEYS}
    if spec.extra.get("finn_op") is not None:
        return total
    own = cost.resources(spec, pe, simd, ram_style, res_type, mem_mode)
    if not found:
        return own
    total["ff"] = np.asarray(own["ff"], np.float64) + 0 * total["lut"]
    return total


def set_folding(search) -> None:
    """FINN's SetFolding step for one layer (finn/transformation/fpgadataflow/
    set_folding.py) under FINN's cycles; a max-pool (FINN's Pool_hls behind a
    depthwise window generator) and a VVAU behind its depthwise window
    generator (SIMD kept at 1, see :func:`folding_ok`) raise the PE to the
    target, then, while the window generator (SIMD = that PE) misses it, the
    PE further; an MVAU caps SIMD by the weight width FINN gives the weights
    (``finn_wbits``)."""
    spec = search.spec
    if "finn_wbits" in spec.extra:
        search.spec = spec = dataclasses.replace(spec, wbits=spec.extra["finn_wbits"])
    if spec.extra.get("finn_op") is None and cost.model_for(spec).op is df.MaxPoolOp:
        _pe_then_window(search, lambda pe: fe.pool_cycles(spec.channels, spec.kernel, spec.ofm, pe))
    elif "finn_window" in spec.extra:
        _pe_then_window(search, lambda pe: fe.vvau_cycles(spec.channels, spec.kernel[0] * spec.kernel[1],
                                                          spec.ofm[0] * spec.ofm[1], pe, 1))
    else:
        cost.model_for(spec).set_folding(search)


def _pe_then_window(search, own: Callable[[int], float]) -> None:
    """The PE of a node behind a depthwise window generator that takes it as
    SIMD: the first divisor of the channels at which the node's ``own``
    cycles meet the target, then further while the whole layer (the window
    too) misses it."""
    channels = search.spec.channels
    for v in _divisors(channels):
        search.fold.pe = v
        if float(own(v)) <= search.target:
            break
    for v in _divisors(channels):
        if v < search.fold.pe:
            continue
        search.fold.pe = v
        if search.cycles() <= search.target:
            break


def _divisors(n: int) -> list[int]:
    return [d for d in range(1, n + 1) if n % d == 0]


# --- host layers: what FINN's flow puts in hardware that finnr leaves on the host ----------

HOST_FOLDING = "finnr.finn_host_folding"
"""The module attribute holding the PE of each host layer (FINN node name ->
{PE = n}), written by ``dataflow-set-folding`` under the ``finn`` model."""


@dataclass
class HostLayer:
    name: str
    spec: LayerSpec


def _chain_in(arg) -> list[Operation]:
    """The host ops from the function argument ``arg`` along its single-use
    chain (reshape, multithreshold, transpose) up to the first partition."""
    ops: list[Operation] = []
    value = arg
    while len(uses := list(value.uses)) == 1:
        user = uses[0].operation
        if not isinstance(user, qnn.ReshapeOp | qnn.MultiThresholdOp | qnn.TransposeOp):
            break
        ops.append(user)
        value = user.results[0]
    return ops


def _vectors_channels(shape) -> tuple[int, int]:
    shape = tuple(shape)
    return (math.prod(shape[1:-1]) if len(shape) > 2 else 1), shape[-1]


def _elementwise(op_type: str, shape) -> LayerSpec:
    vectors, channels = _vectors_channels(shape)
    return LayerSpec("thresholding", channels=channels, vectors=vectors, abits=32, obits=32,
                     extra={"finn_op": op_type})


def _ends_in_xnor_popcount(partition: df.PartitionOp) -> bool:
    """Whether the partition's output comes from a bipolar x bipolar MVAU
    without thresholds. FINN computes it as an XNOR popcount ``p`` and
    restores the dot product as ``2 p - MW``: streamlining folds the 2 into
    the output's scalar multiplication (``ElementwiseMul_hls``) and moves the
    ``- MW`` behind it, where nothing absorbs it (``ElementwiseAdd_hls``)."""
    yields = [op for op in partition.regions[0].block.ops if isinstance(op, df.YieldOp)]
    producer = _through_streams(yields[0].operands[0], forward=False) if yields and yields[0].operands else None
    return (isinstance(producer, df.MVAUOp) and producer.thresholds is None
            and isinstance(producer.weight_dtype, dt.BipolarType)
            and isinstance(producer.input.type.get_element_type(), dt.BipolarType))


def host_layers(module: ModuleOp) -> tuple[list[HostLayer], list[HostLayer]]:
    """FINN's hardware for the host ops around the dataflow partitions, in
    graph order, named by op type and index: before the first partition a
    reshape of the float input (``Reshape_rtl``, C = the last dimension of its
    result) and the input quantizer (``Thresholding_rtl``, C = the channels of
    the partition's NHWC input, float input); after the last one the
    multiplications by a constant of the output (``ElementwiseMul_hls``) and
    additions (``ElementwiseAdd_hls``), and after an XNOR popcount output
    layer FINN's restoring multiplication and addition where finnr has no
    such op (:func:`_ends_in_xnor_popcount`); (before, after), each named as FINN
    names it (they come first and last in FINN's graph). Empty without
    partitions."""
    partitions = [op for op in module.walk() if isinstance(op, df.PartitionOp)]
    if not partitions:
        return [], []
    func = partitions[0].parent_op()
    before: list[LayerSpec] = []
    first_input = partitions[0].operands[0].type.get_shape() if partitions[0].operands else None
    for arg in func.regions[0].block.args if func is not None and func.regions else []:
        for op in _chain_in(arg):
            if isinstance(op, qnn.ReshapeOp):
                vectors, channels = _vectors_channels(op.result.type.get_shape())
                before.append(LayerSpec("thresholding", channels=channels, vectors=vectors, abits=32, obits=32,
                                        extra={"finn_op": "Reshape_rtl"}))
            elif isinstance(op, qnn.MultiThresholdOp) and first_input is not None:
                vectors, channels = _vectors_channels(first_input)
                out = dt.bitwidth(op.result.type.get_element_type())
                before.append(LayerSpec("thresholding", channels=channels, vectors=vectors, abits=32, obits=out,
                                        thresholds=op.thresholds.type.get_shape()[-1],
                                        extra={"finn_op": "Thresholding_rtl", "float_input": True}))
    after: list[LayerSpec] = []
    value = partitions[-1].results[0] if partitions[-1].results else None
    shape = value.type.get_shape() if value is not None else None
    while value is not None and len(uses := list(value.uses)) == 1:
        user = uses[0].operation
        if isinstance(user, qnn.MulOp | qnn.AddOp):
            shape = user.results[0].type.get_shape()
            after.append(_elementwise("ElementwiseMul_hls" if isinstance(user, qnn.MulOp) else "ElementwiseAdd_hls",
                                      shape))
        elif not isinstance(user, qnn.ReshapeOp | qnn.TransposeOp):
            break
        value = user.results[0] if user.results else None
    if shape is not None and _ends_in_xnor_popcount(partitions[-1]):
        ops = [s.extra["finn_op"] for s in after]
        if "ElementwiseMul_hls" not in ops:
            after.insert(0, _elementwise("ElementwiseMul_hls", shape))
        if "ElementwiseAdd_hls" not in ops:
            after.append(_elementwise("ElementwiseAdd_hls", shape))
    counters: dict[str, int] = {}

    def named(specs: list[LayerSpec]) -> list[HostLayer]:
        out = []
        for s in specs:
            op_type = s.extra["finn_op"]
            out.append(HostLayer(f"{op_type}_{counters.get(op_type, 0)}", s))
            counters[op_type] = counters.get(op_type, 0) + 1
        return out

    return named(before), named(after)


def host_folding(module: ModuleOp) -> dict[str, int]:
    """The PE of each host layer chosen by the folding (FINN node name -> PE)."""
    attr = module.attributes.get(HOST_FOLDING)
    if not isinstance(attr, DictionaryAttr):
        return {}
    return {name: entry.data["PE"].value.data for name, entry in attr.data.items()}


def set_host_folding(module: ModuleOp, folds: dict[str, int]) -> None:
    if not folds:
        module.attributes.pop(HOST_FOLDING, None)
        return
    module.attributes[HOST_FOLDING] = DictionaryAttr(
        {name: DictionaryAttr({"PE": IntegerAttr(pe, i64)}) for name, pe in folds.items()})


# --- the plan: every FINN node of a module ------------------------------------------------------


@dataclass
class PlanNode:
    """One FINN node: its name, op type, the finnr layer (or None) or host
    layer it belongs to, and FINN attribute -> the layer's folding (``pe`` /
    ``simd``)."""

    name: str
    op_type: str
    layer: Operation | None
    host: HostLayer | None
    attrs: dict[str, str]


def plan(module: ModuleOp, layers: list[Operation], spec_of: Callable[[Operation], LayerSpec],
         op_type_of: Callable[[Operation], str]) -> list[PlanNode]:
    """Every FINN node of ``module``'s design, in graph order, named as FINN
    names them: the host layers before the partitions, the nodes of each of
    ``layers`` (its compute layers, in order; a layer FINN has no node for
    is one node of op type ``op_type_of(layer)``), the host layers after."""
    before, after = host_layers(module) if layers else ([], [])
    counters = {h.spec.extra["finn_op"]: 0 for h in before}
    for h in before:
        counters[h.spec.extra["finn_op"]] += 1
    out = [PlanNode(h.name, h.spec.extra["finn_op"], None, h, {"PE": "pe"}) for h in before]
    for layer in layers:
        spec = spec_of(layer)
        if spec.extra.get("finn_window_of_vvau"):
            continue  # a node of its VVAU
        found = nodes(spec) or [Node(op_type_of(layer), {"PE": "pe", "SIMD": "simd"}, np.zeros(()), {})]
        for n in found:
            out.append(PlanNode(f"{n.op_type}_{counters.get(n.op_type, 0)}", n.op_type, layer, None, n.attrs))
            counters[n.op_type] = counters.get(n.op_type, 0) + 1
    return out + [PlanNode(h.name, h.spec.extra["finn_op"], None, h, {"PE": "pe"}) for h in after]


def host_specs(module: ModuleOp) -> list[HostLayer]:
    """The host layers of ``module``, those before the partitions first."""
    before, after = host_layers(module)
    return before + after

