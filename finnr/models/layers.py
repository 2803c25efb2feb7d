"""From dataflow IR to cost-model inputs: the :class:`LayerSpec` of every
layer, its folding, FINN-style names, and the network-level figures
(throughput, latency with pipeline overlap, TOp/s). Reads the IR, never
changes it."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from xdsl.ir import Operation

from finnr.dialects import dataflow as df
from finnr.dialects import datatypes as dt
from finnr.models import cost

KIND_OF = {
    df.MVAUOp: "mvau",
    df.VVAUOp: "vvau",
    df.SWUOp: "swu",
    df.ThresholdingOp: "thresholding",
    df.MaxPoolOp: "maxpool",
    df.PadOp: "pad",
    df.LabelSelectOp: "label_select",
    df.DWCOp: "dwc",
    df.FIFOOp: "fifo",
    df.DuplicateOp: "duplicate",
    df.AddStreamsOp: "add_streams",
}

FINN_OP_TYPE = {
    "mvau": "MVAU_hls",
    "vvau": "VVAU_hls",
    "swu": "ConvolutionInputGenerator_rtl",
    "thresholding": "Thresholding_rtl",
    "maxpool": "StreamingMaxPool_hls",
    "pad": "FMPadding_rtl",
    "label_select": "LabelSelect_hls",
    "dwc": "StreamingDataWidthConverter_hls",
    "fifo": "StreamingFIFO_rtl",
    "duplicate": "DuplicateStreams_hls",
    "add_streams": "AddStreams_hls",
}


def kind(op: Operation) -> str | None:
    return KIND_OF.get(type(op))


def compute_layers(ops) -> list[Operation]:
    """The layers among ``ops`` whose folding is chosen: every dataflow
    layer but the FIFOs and width converters, which follow from their
    neighbours' foldings."""
    return [op for op in ops if kind(op) not in (None, "dwc", "fifo")]


def _bits(t) -> int:
    return dt.bitwidth(t.get_element_type())


def _int_prop(op: Operation, name: str, default: int = 1) -> int:
    attr = op.properties.get(name)
    return attr.value.data if attr is not None else default


def folding(op: Operation) -> tuple[int, int]:
    """(pe, simd) of a layer (1 where the layer has no such parameter)."""
    return _int_prop(op, "pe"), _int_prop(op, "simd")


def spec_of(op: Operation) -> cost.LayerSpec:
    """The cost-model description of a dataflow layer."""
    k = kind(op)
    if k is None:
        raise ValueError(f"{op.name} is not a dataflow layer")
    x = op.operands[0].type
    y = op.results[0].type
    xs, ys = x.get_shape(), y.get_shape()
    common = {"abits": _bits(x), "obits": _bits(y)}
    if k in ("mvau", "vvau"):
        wt = op.weight_dtype
        thresholds = 0
        if op.thresholds is not None:
            thresholds = op.thresholds.get_shape()[1]
        binary = isinstance(wt, dt.BipolarType) and isinstance(x.get_element_type(), dt.BipolarType)
        signed_in = dt.value_range(x.get_element_type())[0] < 0
        acc_bits = _bits(y) if op.thresholds is None else 32
        if k == "mvau":
            vectors = math.prod(xs[1:-1]) if len(xs) > 2 else 1
            return cost.LayerSpec("mvau", mw=xs[-1], mh=ys[-1], vectors=vectors, wbits=dt.bitwidth(wt),
                                  thresholds=thresholds, signed_input=signed_in, binary_xnor=binary,
                                  acc_bits=acc_bits, **common)
        kernel = tuple(op.kernel.get_values())
        return cost.LayerSpec("vvau", channels=ys[-1], kernel=kernel, ofm=(ys[1], ys[2]), vectors=ys[1] * ys[2],
                              wbits=dt.bitwidth(wt), thresholds=thresholds, signed_input=signed_in,
                              binary_xnor=binary, acc_bits=acc_bits, **common)
    if k == "swu":
        return cost.LayerSpec("swu", channels=xs[-1], kernel=tuple(op.kernel.get_values()),
                              stride=tuple(op.stride.get_values()), dilation=tuple(op.dilation.get_values()), ifm=(xs[1], xs[2]), ofm=(ys[1], ys[2]), **common)
    if k == "maxpool":
        return cost.LayerSpec("maxpool", channels=xs[-1], kernel=tuple(op.kernel.get_values()),
                              stride=tuple(op.stride.get_values()), ifm=(xs[1], xs[2]), ofm=(ys[1], ys[2]), **common)
    if k == "pad":
        return cost.LayerSpec("pad", channels=xs[-1], ifm=(xs[1], xs[2]), ofm=(ys[1], ys[2]), **common)
    if k == "thresholding":
        return cost.LayerSpec("thresholding", channels=xs[-1], vectors=math.prod(xs[1:-1]) if len(xs) > 2 else 1,
                              thresholds=op.thresholds.get_shape()[1], **common)
    if k == "label_select":
        return cost.LayerSpec("label_select", channels=xs[-1], vectors=math.prod(xs[1:-1]) if len(xs) > 2 else 1,
                              extra={"k": op.k.value.data}, **common)
    vectors = math.prod(xs[1:-1]) if len(xs) > 2 else 1
    if k == "dwc":
        return cost.LayerSpec("dwc", channels=xs[-1], vectors=vectors, in_elems=op.in_elems.value.data,
                              out_elems=op.out_elems.value.data, **common)
    if k == "fifo":
        return cost.LayerSpec("fifo", channels=xs[-1], vectors=vectors, depth=op.depth.value.data,
                              in_elems=op.elems.value.data, out_elems=op.elems.value.data, **common)
    return cost.LayerSpec(k, channels=xs[-1], vectors=vectors, **common)


def layer_cycles(op: Operation) -> float:
    pe, simd = folding(op)
    return float(cost.cycles(spec_of(op), pe, simd))


def layer_resources(op: Operation) -> dict[str, float]:
    """LUT, FF, BRAM18, URAM, DSP of one layer at its folding."""
    spec = spec_of(op)
    pe, simd = folding(op)
    if spec.kind in ("mvau", "vvau"):
        res = cost.mvau_resources(spec, pe, simd, op.ram_style.data, _res_type(op, spec), op.mem_mode.data)
    elif spec.kind == "thresholding":
        res = cost.thresholding_resources(spec, pe)
    elif spec.kind == "swu":
        res = cost.swu_resources(spec, simd)
    else:
        res = cost.stream_resources(spec, pe, simd)
    return {key: float(np.asarray(v)) for key, v in res.items()}


def _res_type(op: Operation, spec: cost.LayerSpec) -> str:
    """'auto' is estimated as LUT multipliers (as FINN's estimates do)."""
    r = op.res_type.data
    return "lut" if r == "auto" else r


def stream_widths(op: Operation) -> tuple[int, int]:
    """Elements per beat of the layer's input and output streams."""
    k = kind(op)
    pe, simd = folding(op)
    if k == "mvau":
        return simd, pe
    if k == "vvau":
        return simd * pe, pe
    if k in ("swu", "pad"):
        return simd, simd
    if k == "label_select":
        return pe, 1
    if k == "dwc":
        return op.in_elems.value.data, op.out_elems.value.data
    if k == "fifo":
        return op.elems.value.data, op.elems.value.data
    return pe, pe


def finn_names(layers: list[Operation]) -> list[str]:
    """FINN's node names for the layers, in order (``MVAU_hls_0``, ...)."""
    counters: dict[str, int] = {}
    names = []
    for op in layers:
        t = FINN_OP_TYPE[kind(op)]
        names.append(f"{t}_{counters.get(t, 0)}")
        counters[t] = counters.get(t, 0) + 1
    return names


@dataclass
class Performance:
    clock_mhz: float
    cycles: list[float]
    bottleneck: int
    fps: float
    latency_cycles: float
    macs: int

    @property
    def tops(self) -> float:
        return 2 * self.macs * self.fps / 1e12


def first_output_cycles(spec: cost.LayerSpec, total: float) -> float:
    """Cycles until a layer emits its first output, for the overlap model:
    a window layer must buffer the lines of its first window (KH, or
    DIL·(KH-1)+1 when dilated) first; a per-vector layer needs one vector's
    worth; a label select needs the whole frame."""
    if spec.kind == "swu":
        rows = spec.dilation[0] * (spec.kernel[0] - 1) + 1
        return total * min(1.0, rows / max(1, spec.ifm[0]))
    if spec.kind == "maxpool":
        return total * min(1.0, spec.kernel[0] / max(1, spec.ifm[0]))
    if spec.kind == "label_select":
        return total
    vectors = max(1, spec.vectors if spec.kind != "vvau" else spec.ofm[0] * spec.ofm[1])
    return total / vectors


def performance(layers: list[Operation], clock_mhz: float) -> Performance:
    """Throughput = f_clk / max layer cycles. Latency with pipeline overlap:
    each stage starts once its producer emitted its first output, so the
    first frame leaves after the sum of the first-output delays plus the
    slowest stage's full frame (FINN's no-overlap sum is the bound above
    this)."""
    specs = [spec_of(op) for op in layers]
    cyc = [layer_cycles(op) for op in layers]
    if not cyc:
        return Performance(clock_mhz, [], -1, 0.0, 0.0, 0)
    b = int(np.argmax(cyc))
    firsts = [first_output_cycles(s, c) for s, c in zip(specs, cyc)]
    latency = sum(firsts) - firsts[b] + cyc[b]
    fps = clock_mhz * 1e6 / cyc[b]
    return Performance(clock_mhz, cyc, b, fps, latency, sum(cost.macs(s) for s in specs))
