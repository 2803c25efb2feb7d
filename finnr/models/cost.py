"""Performance and resource models of the dataflow layers, vectorized over
foldings so that the design-space exploration can evaluate many
configurations at once, and the layer-model registry entries
(:mod:`finnr.models.registry`): one :class:`LayerModel` per dataflow op
class, which holds every per-kind fact.

Every function takes a :class:`LayerSpec` (the layer's shape and
precisions, independent of the IR) and the folding as numbers or numpy
arrays (``pe``, ``simd``), and returns numbers or arrays of the same shape.

Cycle counts follow FINN's formulas (REFERENCE.md); where this module
differs it says so. Resources follow the FINN-R cost functions as FINN uses
them today (LUTs of the MVAU compute, threshold and weight memories, BRAM18
by RAMB18 aspect ratio, URAM, DSPs)."""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass, field

import numpy as np
from xdsl.ir import Operation

from finnr.dialects import dataflow as df
from finnr.dialects import datatypes as dt
from finnr.hw.ecp5_memory import ecp5_in_ebr
from finnr.models.registry import MAX_STREAM_BITS, LayerModel, WeightedModel, layer_model, model_named


@dataclass(frozen=True)
class LayerSpec:
    """The shape and precisions of one dataflow layer.

    ``mw``/``mh``: matrix width (inputs per output) and height (outputs) of
    an MVAU; ``channels``: channels of a per-channel layer (for a VVAU the
    channel count, with ``kernel`` its window); ``vectors``: input vectors
    per frame (output pixels of a convolution, 1 for a dense layer);
    ``ifm``/``ofm``: input/output feature map (h, w) of window layers,
    ``kernel``/``stride``/``dilation`` their windows (h, w);
    ``wbits``/``abits``/``obits``: weight, input and output bits;
    ``acc_bits``: accumulator bits; ``thresholds``: thresholds per channel
    (0 when there is no activation); ``signed_input``: whether the input
    datatype is signed; ``binary_xnor``: bipolar x bipolar computed as
    XNOR-popcount; ``parallel_window``: a sliding window unit emitting a
    whole window per beat (a folding mode, ``LayerModel.modes``);
    ``mmv``: pixels per beat (FINN's MMV, a folding mode: M consecutive
    pixels of a row per beat, cycles / M; an MVAU's ``ofm`` is its (H, W))."""

    kind: str
    mw: int = 0
    mh: int = 0
    channels: int = 0
    vectors: int = 1
    kernel: tuple[int, int] = (1, 1)
    stride: tuple[int, int] = (1, 1)
    dilation: tuple[int, int] = (1, 1)
    ifm: tuple[int, int] = (1, 1)
    ofm: tuple[int, int] = (1, 1)
    wbits: int = 1
    abits: int = 1
    obits: int = 1
    acc_bits: int = 32
    thresholds: int = 0
    signed_input: bool = False
    binary_xnor: bool = False
    depth: int = 2
    in_elems: int = 1
    out_elems: int = 1
    parallel_window: bool = False
    mmv: int = 1
    extra: dict = field(default_factory=dict, compare=False, hash=False)

    def __post_init__(self):
        model_named(self.kind)  # unknown kinds raise


def replace_spec(spec: LayerSpec, **changes) -> LayerSpec:
    """A copy of ``spec`` with some fields changed."""
    return dataclasses.replace(spec, **changes)


def model_for(spec: LayerSpec) -> LayerModel:
    """The registry entry of the spec's layer kind."""
    return model_named(spec.kind)


def _a(x) -> np.ndarray:
    return np.asarray(x, dtype=np.float64)


# --- cycles ------------------------------------------------------------------


def cycles(spec: LayerSpec, pe=1, simd=1) -> np.ndarray:
    """Cycles per frame of the layer at folding (pe, simd).

    - mvau: (MH/PE)·(MW/SIMD)·vectors / M (``mmv`` = M vectors a cycle)
    - vvau: (C/PE)·(KH·KW/SIMD)·OH·OW
    - thresholding, duplicate, add_streams: (C/PE)·vectors
    - swu and maxpool: a line-buffer engine of R + STRIDE_H rows (R =
      DIL_H·(KH-1) + 1, the rows a window spans) that writes rows while it
      reads windows, one beat per cycle each:
      max(IFM_H·IFM_W·C/F, OFM_H·max(OFM_W·KH·KW·C/F, STRIDE_H·IFM_W·C/F) + FILL·IFM_W·C/F),
      F = SIMD (swu) or PE (maxpool, whose reads go through the window per
      channel fold); FILL = max(0, T + R - STRIDE_H) rows, T the bottom rows
      no window uses: the rows of the next frame's first window that cannot
      be written during the last output row. This is finnr's RTL engine
      (finnr/backends/rtl/lib/finnr_window.v), measured within a cycle or
      two. FINN's formulas describe engines that do less: its SWU fills
      IFM_W·KH·DIL_H·C/SIMD cycles per frame without overlap, and its
      StreamingMaxPool takes floor(IFM_H·IFM_W·(1 + 1/(KH·KW)))·C/PE
      (which FINN marks inexact), 1.25x the input for 2x2 pooling where an
      engine reading one beat per cycle needs the input's beats.
      A parallel-window swu (SIMD = C) emits a whole window per beat: the
      same with OFM_W reads per output row instead of OFM_W·KH·KW·C/SIMD,
      so it keeps up with one input pixel per cycle. With ``mmv`` = M
      (M pixels per beat in, M whole windows per beat out) the rows take
      IFM_W/M beats and OFM_W/M reads: the cycles / M.
      A maxpool of ``mmv`` = M pixels per beat (PE = C) writes IFM_W/M
      beats a row and reads KH·NW beats per M output pixels, NW =
      ceil(((M-1)·STRIDE_W + KW)/M) the beats a row of their windows spans
      (:func:`pool_words`); FILL as above.
    - pad: (C/SIMD)·OH·OW/M (M = ``mmv`` pixels per beat)
    - label_select: max(L/PE, K)·vectors (the K indices leave one per
      beat while the next vector streams in)
    - dwc: elements / min(in, out) beats; fifo: elements / beat
    - concat: (ΣC/SIMD)·vectors; upsample: (C/SIMD)·OFM_H·OFM_W;
      depth_to_space: (IFM_H + 1)·IFM_W·B²·C/SIMD (C its output channels;
      the first input row fills before the B output rows of each row leave
      while the next row is written)
    """
    return model_for(spec).cycles(spec, _a(pe), _a(simd))


def window_cycles(spec: LayerSpec, fold) -> np.ndarray:
    """Cycles per frame of the line-buffer window engine (swu, maxpool)
    taking ``fold`` channels per beat; see :func:`cycles`."""
    c = spec.channels / _a(fold)
    (kh, kw), (sh, _), (ih, iw), (oh, ow) = spec.kernel, spec.stride, spec.ifm, spec.ofm
    span = spec.dilation[0] * (kh - 1) + 1
    fill = max(0, ih - ((oh - 1) * sh + span) + span - sh)
    row = iw * c / spec.mmv
    reads = ow * (1 if spec.parallel_window else kh * kw * c) / spec.mmv
    if spec.kind == "maxpool" and spec.mmv > 1:  # M whole pixels a beat (PE = C): KH x NW beats per M outputs
        reads = ow / spec.mmv * kh * pool_words(spec)
    return np.maximum(ih * row, oh * np.maximum(reads, sh * row) + fill * row)


def pool_words(spec: LayerSpec) -> int:
    """Beats of M = ``mmv`` pixels that one row of the windows of M
    consecutive output pixels spans in a maxpool: its first column,
    ox·STRIDE_W with ox a multiple of M, starts a beat, and the windows
    cover (M-1)·STRIDE_W + KW columns."""
    m = spec.mmv
    return -(-((m - 1) * spec.stride[1] + spec.kernel[1]) // m)


def weight_count(spec: LayerSpec) -> int:
    """Weights of a layer: MW·MH of an MVAU, C·KH·KW of a VVAU, else 0."""
    return model_for(spec).weight_count(spec)


def weight_totals(specs: list[LayerSpec]) -> tuple[int, int]:
    """(weights, weight bits) of the layers."""
    return sum(weight_count(s) for s in specs), sum(weight_count(s) * s.wbits for s in specs)


def macs(spec: LayerSpec) -> int:
    """Multiply-accumulates per frame (2 operations each)."""
    return model_for(spec).macs(spec)


# --- memories ----------------------------------------------------------------


def bram18(depth, width) -> np.ndarray:
    """RAMB18 blocks for a memory of ``depth`` words of ``width`` bits (the
    RAMB18 aspect ratios: 16Kx1, 8Kx2, 4Kx4, 2Kx9, 1Kx18, 512x36)."""
    d, w = _a(depth), _a(width)
    return np.select(
        [w <= 0, w == 1, w == 2, w <= 4, w <= 9, (w <= 18) | (d > 512)],
        [0 * d, np.ceil(d / 16384), np.ceil(d / 8192), np.ceil(d / 4096) * np.ceil(w / 4),
         np.ceil(d / 2048) * np.ceil(w / 9), np.ceil(d / 1024) * np.ceil(w / 18)],
        np.ceil(d / 512) * np.ceil(w / 36),
    )


def uram(depth, width) -> np.ndarray:
    """URAM blocks (4K x 72) for a memory of ``depth`` x ``width`` bits."""
    return np.ceil(_a(width) / 72) * np.ceil(_a(depth) / 4096)


def lutram(depth, width) -> np.ndarray:
    """LUTs for a distributed memory (64 x 1 bits per LUT)."""
    return _a(width) * np.ceil(_a(depth) / 64)


def weight_memory(spec: LayerSpec, pe, simd) -> tuple[np.ndarray, np.ndarray]:
    """(depth, width) of one PE's weight memory: MW·MH/(PE·SIMD) words of
    SIMD·W bits (PE memories side by side)."""
    pe, simd = _a(pe), _a(simd)
    return weight_count(spec) / (pe * simd), simd * spec.wbits


def finn_r_bram(spec: LayerSpec, pe, simd) -> np.ndarray:
    """The FINN-R paper's MVAU BRAM function: P·ceil(Ω/512)·ceil(Q·W/36)."""
    depth, width = weight_memory(spec, pe, simd)
    return _a(pe) * np.ceil(depth / 512) * np.ceil(width / 36)


def finn_r_lut(spec: LayerSpec, pe, simd) -> np.ndarray:
    """The FINN-R paper's MVAU LUT function: 300 + 1.1·P·Q·W·A."""
    return 300 + 1.1 * _a(pe) * _a(simd) * spec.wbits * spec.abits


# --- resources -----------------------------------------------------------------


RAM_STYLES = ("auto", "block", "distributed", "ultra")


def resolve_ram_style(style: str, depth, width) -> np.ndarray:
    """'auto' picks LUTRAM for memories of at most 128 words, BRAM otherwise
    (FINN's rule of thumb); returns an array of style names."""
    if style != "auto":
        return np.full(np.shape(_a(depth) * _a(width)), style, dtype=object)
    return np.where(_a(depth) * (0 * _a(width) + 1) <= 128, "distributed", "block").astype(object)


def mvau_terms(spec: LayerSpec, pe, simd, ram_style: str = "auto", res_type: str = "lut", mem_mode: str = "internal_embedded") -> dict[str, np.ndarray]:
    """The terms of the MVAU (or VVAU) estimate at (pe, simd), before any
    coefficient: per PE, the multipliers ``mult``, the adder tree
    ``adders``, the accumulator bits ``acc``, the LUTRAM thresholds ``thr``
    and the comparators ``cmp``; the weights in LUTRAM (``wlut``, LUTs), in
    BRAM18 (``wbram``) and in URAM (``wuram``); and the DSPs ``dsp``. See
    :func:`mvau_resources`, which weighs them with FINN's coefficients."""
    pe, simd = _a(pe), _a(simd)
    w, a = spec.wbits, spec.abits
    if spec.binary_xnor:
        mult = 0 * simd
        adders = (2 * simd - 1) * 1.0
    else:
        mult = simd * (2 * math.ceil((w + a) / 6) - 1) * (w + a) if res_type != "dsp" else 0 * simd
        adders = (w + a) * (2 * simd - 1)
    nch, mw = model_for(spec).folded_dims(spec)
    alpha = math.log2(max(mw, 1)) + w + a - 1 - int(spec.signed_input)
    acc = min(spec.acc_bits, math.ceil(alpha + math.log2(1 + 2**-alpha) + 1))
    levels = spec.thresholds
    tmem = nch / pe
    thr = levels * acc * np.ceil(tmem / 64) if levels else 0 * pe
    cmp = levels * acc + 0 * pe if levels else 0 * pe
    depth, width = weight_memory(spec, pe, simd)
    style = resolve_ram_style(ram_style, depth, width)
    external = mem_mode == "external"
    on_chip = 0.0 if external else 1.0
    wlut = np.where(style == "distributed", pe * lutram(depth, width), 0) * on_chip
    wbram = np.where(style == "block", pe * bram18(depth, width), 0) * on_chip
    wuram = np.where(style == "ultra", pe * uram(depth, width), 0) * on_chip
    dsp = pe * simd * math.ceil((w + a) / 48) if (res_type == "dsp" and not spec.binary_xnor) else 0 * pe
    m = spec.mmv  # M copies of the datapath, one weight (and threshold) memory
    return {"mult": m * _a(mult), "adders": m * _a(adders), "acc": m * _a(acc + 0 * pe), "thr": _a(thr),
            "cmp": m * _a(cmp), "wlut": wlut, "wbram": wbram, "wuram": wuram, "dsp": m * _a(dsp)}


def mvau_resources(spec: LayerSpec, pe, simd, ram_style: str = "auto", res_type: str = "lut", mem_mode: str = "internal_embedded") -> dict[str, np.ndarray]:
    """LUT, FF, BRAM18, URAM and DSP of an MVAU (or VVAU) at (pe, simd).

    LUTs (FINN's HLS MVAU estimate): per PE, the multipliers
    (SIMD·(2·ceil((W+A)/6)-1)·(W+A), none when they go to DSPs), the adder
    tree ((W+A)·(2·SIMD-1)), the accumulator, the threshold comparators and
    LUTRAM thresholds (T·acc each, T the thresholds per channel, where FINN
    counts 2^O-1); plus LUTRAM weights; plus a constant 300. XNOR-popcount
    (bipolar weights and inputs, where FINN applies the general formula)
    has no multipliers and a popcount tree of 2·SIMD-1 LUTs. Weights of ``mem_mode='external'`` cost no on-chip memory
    (they stream in). FFs are estimated as the pipeline registers of the
    datapath, one per LUT output (a rough model; FINN has none). With
    ``mmv`` = M (an MVAU at SIMD = MW, PE = MH) the datapath (multipliers,
    adders, accumulators, comparators, DSPs, registers) is there M times,
    the weight and threshold memories once (:func:`mvau_terms`)."""
    t = mvau_terms(spec, pe, simd, ram_style, res_type, mem_mode)
    pe, simd = _a(pe), _a(simd)
    lut = 300 + 1.1 * pe * (t["mult"] + t["adders"] + t["acc"] + t["thr"] + t["cmp"]) + t["wlut"]
    ff = pe * (spec.mmv * (simd * (spec.wbits + spec.abits) + spec.obits) + t["acc"]) + 0 * lut
    return {"lut": lut, "ff": ff, "bram18": t["wbram"] + 0 * lut, "uram": t["wuram"] + 0 * lut, "dsp": t["dsp"] + 0 * lut}


def thresholding_resources(spec: LayerSpec, pe) -> dict[str, np.ndarray]:
    """LUTs of comparators (2^O-1 per PE, input-width each) and LUTRAM
    thresholds (BRAM when the per-PE table is deep)."""
    pe = _a(pe)
    levels = spec.thresholds
    depth = spec.channels / pe
    width = levels * spec.abits
    style = resolve_ram_style("auto", depth, width)
    lut = 100 + pe * levels * spec.abits + np.where(style == "distributed", pe * lutram(depth, width), 0)
    bram = np.where(style == "block", pe * bram18(depth, width), 0)
    return {"lut": lut, "ff": pe * (spec.abits + spec.obits) + 0 * lut, "bram18": bram, "uram": 0 * pe, "dsp": 0 * pe}


def window_buffer(spec: LayerSpec, simd) -> tuple[int, int, np.ndarray, np.ndarray]:
    """(copies, lines, depth, width) of a sliding window unit's line
    buffer: (K + stride) lines (a dilated window spans DIL·(K-1)+1 lines)
    of IFM_W·C/SIMD words of SIMD·A bits; in parallel-window mode (SIMD =
    C) KW copies of it, so that the KH·KW pixels of a window are read in one
    cycle (the KH rows of a window lie in KH different lines, its KW
    columns in KW copies of them). With ``mmv`` = M a word holds the M
    pixels of a beat (IFM_W/M words of M·C·A bits) and there are M·KW
    copies, one per column of the M windows a read takes."""
    simd = _a(simd)
    kh, sh, dh, m = spec.kernel[0], spec.stride[0], spec.dilation[0], spec.mmv
    copies = m * spec.kernel[1] if spec.parallel_window else 1
    return copies, dh * (kh - 1) + 1 + sh, spec.ifm[1] * spec.channels / (simd * m), m * simd * spec.abits


def swu_resources(spec: LayerSpec, simd) -> dict[str, np.ndarray]:
    """The sliding window buffer (:func:`window_buffer`), one memory per
    line in BRAM when it holds more than 16 Kib (REFERENCE.md's SWU BRAM;
    with ``mmv`` > 1 only memories deeper than 64 words, a LUTRAM's),
    LUTs for the address logic; in parallel-window mode also the window's
    KH·KW·C·A-bit output register and, per bit of it, the multiplexer
    choosing its line (ceil(lines/4) LUTs: a LUT6 selects 1 of 4); with
    ``mmv`` = M, M such registers, each bit choosing among lines·M (its
    line and its pixel of the word read)."""
    simd = _a(simd)
    copies, lines, depth, width = window_buffer(spec, simd)
    use_bram = copies * lines * depth * width > 16 * 1024
    if spec.mmv > 1:  # M pixels a word: W/M words a memory, which at most 64 of keep to LUTRAM
        use_bram = use_bram & (depth > 64)
    bram = np.where(use_bram, copies * lines * bram18(depth, width), 0)
    lut = 200 + 10 * width + np.where(use_bram, 0, copies * lutram(lines * depth, width))
    out = width
    if spec.parallel_window:
        out = spec.kernel[0] * spec.kernel[1] * width
        lut = lut + out * math.ceil(lines * spec.mmv / 4)
    return {"lut": lut, "ff": width + out + 100 + 0 * lut, "bram18": bram, "uram": 0 * simd, "dsp": 0 * simd}


def resources(spec: LayerSpec, pe=1, simd=1, ram_style: str = "auto", res_type: str = "lut",
              mem_mode: str = "internal_embedded") -> dict[str, np.ndarray]:
    """LUT, FF, BRAM18, URAM and DSP of any layer at (pe, simd); the
    memory style, multiplier type and weight location matter to the MVAU
    and VVAU only."""
    return model_for(spec).resources(spec, pe, simd, ram_style, res_type, mem_mode)


def stream_resources(spec: LayerSpec, pe=1, simd=1) -> dict[str, np.ndarray]:
    """:func:`resources` of the small streaming layers (maxpool, pad,
    label_select, dwc, fifo, duplicate, add_streams): LUTs and FFs
    proportional to the stream width, FIFOs deeper than 64 words of width
    > 0 in BRAM."""
    return resources(spec, pe, simd)


def _stream_lanes(lut, width, lanes, bram=0) -> dict[str, np.ndarray]:
    return {"lut": _a(lut), "ff": _a(2 * width + 20), "bram18": _a(bram) + 0 * lanes, "uram": 0 * lanes, "dsp": 0 * lanes}


# --- the layer models (registry entries) -----------------------------------------------


def _bits(t) -> int:
    return dt.bitwidth(t.get_element_type())


def _vectors(shape) -> int:
    """Vectors of a stream: the product of the dimensions between the
    first and the last."""
    return math.prod(shape[1:-1]) if len(shape) > 2 else 1


def _spec(model: LayerModel, op: Operation, **fields) -> LayerSpec:
    """The spec of ``op`` with its input and output bits."""
    return LayerSpec(model.kind, abits=_bits(op.operands[0].type), obits=_bits(op.results[0].type), **fields)


def _pair(attr) -> tuple[int, int]:
    return tuple(attr.get_values())  # type: ignore[return-value]


def _weighted_fields(op: df.WeightedOp) -> dict:
    """The fields an MVAU and a VVAU read alike: weights, thresholds,
    signedness, XNOR, accumulator."""
    x, y = op.input.type, op.result.type
    binary = isinstance(op.weight_dtype, dt.BipolarType) and isinstance(x.get_element_type(), dt.BipolarType)
    return {
        "wbits": dt.bitwidth(op.weight_dtype),
        "thresholds": 0 if op.thresholds is None else op.thresholds.get_shape()[1],
        "signed_input": dt.value_range(x.get_element_type())[0] < 0,
        "binary_xnor": binary,
        "acc_bits": _bits(y) if op.thresholds is None else 32,
    }


class _Weighted(WeightedModel):
    def resources(self, spec, pe, simd, ram_style, res_type, mem_mode):
        return mvau_resources(spec, pe, simd, ram_style, res_type, mem_mode)

    def macs(self, spec) -> int:
        return self.weight_count(spec) * self.vectors(spec)


MAX_MMV = 8
"""The most pixels per beat the optimizer tries."""


def mmv_modes(widths: tuple[int, ...], beat_bits: tuple[int, ...], base: dict | None = None) -> list[dict]:
    """The multi-pixel folding modes of a layer: ``{"mmv": M}`` (with
    ``base``) for every M in 2..:data:`MAX_MMV` dividing each of the row
    ``widths`` whose beats (``beat_bits``: the bits of the one-pixel beats
    at full channel parallelism, in and out) stay within
    :data:`~finnr.models.registry.MAX_STREAM_BITS`."""
    return [{**(base or {}), "mmv": m} for m in range(2, MAX_MMV + 1)
            if all(w % m == 0 for w in widths) and all(m * b <= MAX_STREAM_BITS for b in beat_bits)]


@layer_model(df.MVAUOp)
class MVAUModel(_Weighted):
    """(MH/PE)·(MW/SIMD)·vectors/M cycles; streams M·SIMD in, M·PE out."""

    kind = "mvau"

    def spec(self, op):
        xs, ys = op.in_shape, op.out_shape
        rows = {"ofm": (xs[1], xs[2])} if len(xs) == 4 else {}
        return _spec(self, op, mw=xs[-1], mh=ys[-1], vectors=_vectors(xs), mmv=op.mmv.value.data, **rows,
                     **_weighted_fields(op))

    def folded_dims(self, spec):
        return spec.mh, spec.mw

    def cycles(self, spec, pe, simd):
        return (spec.mh / pe) * (spec.mw / simd) * spec.vectors / spec.mmv

    def stream_widths(self, spec, pe, simd):
        return simd * spec.mmv, pe * spec.mmv

    def modes(self, spec):
        """One vector a beat, or M (``mmv``) of a row's pixels (a
        convolution's), the datapath M times."""
        bits = (spec.mw * spec.abits, spec.mh * spec.obits)
        return [{"mmv": 1}, *mmv_modes((spec.ofm[1],), bits)]

    def mode_ok(self, spec, pe, simd):
        """M vectors a beat need the whole matrix a cycle (SIMD = MW, PE = MH)."""
        return ((pe == spec.mh) & (simd == spec.mw)) | (spec.mmv == 1)

    def weight_count(self, spec) -> int:
        return spec.mw * spec.mh

    def activation_bytes(self, spec) -> float:
        return spec.vectors * (spec.mw * spec.abits + spec.mh * spec.obits) / 8

    def set_folding(self, search) -> None:
        """SIMD first, through the divisors of MW, capped by SIMD·W bits;
        then PE through the divisors of MH."""
        pe_dim, simd_dim = self.folded_dims(search.spec)
        if not search.raise_to_target("simd", simd_dim, lane_bits=search.spec.wbits):
            search.raise_to_target("pe", pe_dim)


@layer_model(df.VVAUOp)
class VVAUModel(_Weighted):
    """(C/PE)·(KH·KW/SIMD)·OH·OW cycles; streams SIMD·PE in, PE out."""

    kind = "vvau"

    def spec(self, op):
        ys = op.out_shape
        return _spec(self, op, channels=ys[-1], kernel=_pair(op.kernel), ofm=(ys[1], ys[2]), vectors=ys[1] * ys[2],
                     **_weighted_fields(op))

    def folded_dims(self, spec):
        return spec.channels, spec.kernel[0] * spec.kernel[1]

    def cycles(self, spec, pe, simd):
        kk = spec.kernel[0] * spec.kernel[1]
        return (spec.channels / pe) * (kk / simd) * spec.ofm[0] * spec.ofm[1]

    def stream_widths(self, spec, pe, simd):
        return simd * pe, pe

    def vectors(self, spec) -> int:
        return spec.ofm[0] * spec.ofm[1]

    def weight_count(self, spec) -> int:
        return spec.channels * spec.kernel[0] * spec.kernel[1]

    def macs(self, spec) -> int:
        return spec.channels * spec.kernel[0] * spec.kernel[1] * spec.ofm[0] * spec.ofm[1]

    def set_folding(self, search) -> None:
        """PE (channels) first; SIMD (window positions) only once PE is at
        its maximum and the cycles still exceed the target."""
        pe_dim, simd_dim = self.folded_dims(search.spec)
        search.raise_to_target("pe", pe_dim)
        if search.fold.pe == pe_dim and search.cycles() > search.target:
            search.raise_to_target("simd", simd_dim)


class _PerChannel(LayerModel):
    """A layer folded over its channels by PE, C/PE cycles per vector."""

    def folded_dims(self, spec):
        return spec.channels, None

    def cycles(self, spec, pe, simd):
        return (spec.channels / pe) * spec.vectors + 0 * simd

    def spec(self, op):
        xs = op.operands[0].type.get_shape()
        return _spec(self, op, channels=xs[-1], vectors=_vectors(xs))


@layer_model(df.ThresholdingOp)
class ThresholdingModel(_PerChannel):
    kind = "thresholding"

    def spec(self, op):
        return dataclasses.replace(super().spec(op), thresholds=op.thresholds.get_shape()[1])

    def resources(self, spec, pe, simd, ram_style, res_type, mem_mode):
        return thresholding_resources(spec, pe)

    def bounded_input_lanes(self, pe, simd):
        return pe


class _Window(LayerModel):
    """A line-buffer window engine (swu, maxpool); see :func:`window_cycles`."""

    def spec(self, op):
        xs, ys = op.in_shape, op.out_shape
        return _spec(self, op, channels=xs[-1], kernel=_pair(op.kernel), stride=_pair(op.stride), ifm=(xs[1], xs[2]),
                     ofm=(ys[1], ys[2]), **self.window_fields(op))

    def window_fields(self, op) -> dict:
        return {}

    def activation_bytes(self, spec) -> float:
        return spec.channels * spec.ifm[0] * spec.ifm[1] * (spec.abits + spec.obits) / 8


@layer_model(df.SWUOp)
class SWUModel(_Window):
    """SIMD channels per beat, in and out."""

    kind = "swu"

    def window_fields(self, op) -> dict:
        return {"dilation": _pair(op.dilation), "parallel_window": op.is_parallel, "mmv": op.mmv.value.data}

    def folded_dims(self, spec):
        return None, spec.channels

    def cycles(self, spec, pe, simd):
        return window_cycles(spec, simd) + 0 * pe

    def resources(self, spec, pe, simd, ram_style, res_type, mem_mode):
        return swu_resources(spec, simd)

    def stream_widths(self, spec, pe, simd):
        m = spec.mmv
        return simd * m, simd * m * (spec.kernel[0] * spec.kernel[1] if spec.parallel_window else 1)

    def modes(self, spec):
        """Window column by column, whole windows (parallel_window), or M
        whole windows of a row a beat (``mmv``, M input pixels a beat)."""
        pixel = spec.channels * spec.abits
        bits = (pixel, spec.kernel[0] * spec.kernel[1] * pixel)
        whole = {"parallel_window": True, "mmv": 1}
        return [{"parallel_window": False, "mmv": 1}, whole,
                *mmv_modes((spec.ifm[1], spec.ofm[1]), bits, whole)]

    def mode_ok(self, spec, pe, simd):
        """A whole window per beat takes a whole pixel per beat (SIMD = C)."""
        return (simd == spec.channels) | (not spec.parallel_window)


class _Pixels(LayerModel):
    """A layer that streams whole pixels, ``mmv`` = M of one row per beat
    once its channel parallelism (``bounded_input_lanes``) is full: its
    streams M times as wide, its datapath M copies."""

    def modes(self, spec):
        """Plain (M = 1), then every M of :func:`mmv_modes` dividing the
        input and the output width."""
        return [{"mmv": 1}, *mmv_modes((spec.ifm[1], spec.ofm[1]), (spec.channels * max(spec.abits, spec.obits),))]

    def mode_ok(self, spec, pe, simd):
        """M > 1 takes whole pixels (all channels per beat)."""
        return (_a(self.bounded_input_lanes(pe, simd)) == spec.channels) | (spec.mmv == 1)


@layer_model(df.MaxPoolOp)
class MaxPoolModel(_Pixels, _Window):
    """PE channels per beat, or M = ``mmv`` whole pixels (PE = C); one
    line of partial maxima in LUTRAM, M times the comparators."""

    kind = "maxpool"

    def window_fields(self, op) -> dict:
        return {"mmv": op.mmv.value.data}

    def folded_dims(self, spec):
        return spec.channels, None

    def cycles(self, spec, pe, simd):
        return window_cycles(spec, pe) + 0 * simd

    def resources(self, spec, pe, simd, ram_style, res_type, mem_mode):
        pe = _a(pe)
        width = spec.mmv * pe * spec.abits
        buf = spec.ifm[1] * spec.channels / (spec.mmv * pe)  # one line of partial maxima
        return _stream_lanes(100 + width * 2 + lutram(buf, width), width, pe)

    def stream_widths(self, spec, pe, simd):
        return spec.mmv * pe, spec.mmv * pe

    def bounded_input_lanes(self, pe, simd):
        return pe

    def set_folding(self, search) -> None:
        """All channels at once (PE = C), as FINN's StreamingMaxPool: not folded."""
        search.fold.pe = search.spec.channels


@layer_model(df.PadOp)
class PadModel(_Pixels):
    """(C/SIMD)·OH·OW/M cycles, M = ``mmv`` pixels per beat (SIMD = C)."""

    kind = "pad"

    def spec(self, op):
        xs, ys = op.in_shape, op.out_shape
        return _spec(self, op, channels=xs[-1], ifm=(xs[1], xs[2]), ofm=(ys[1], ys[2]), mmv=op.mmv.value.data)

    def folded_dims(self, spec):
        return None, spec.channels

    def cycles(self, spec, pe, simd):
        return (spec.channels / simd) * spec.ofm[0] * spec.ofm[1] / spec.mmv + 0 * pe

    def resources(self, spec, pe, simd, ram_style, res_type, mem_mode):
        simd = _a(simd)
        width = spec.mmv * simd * spec.abits
        return _stream_lanes(50 + width, width, simd)

    def stream_widths(self, spec, pe, simd):
        return spec.mmv * simd, spec.mmv * simd

    def activation_bytes(self, spec) -> float:
        return spec.channels * spec.ifm[0] * spec.ifm[1] * (spec.abits + spec.obits) / 8


@layer_model(df.LabelSelectOp)
class LabelSelectModel(_PerChannel):
    """max(L/PE, K)·vectors cycles: the K indices leave one per beat while
    the next vector streams in; the first output needs the whole frame."""

    kind = "label_select"

    def spec(self, op):
        return dataclasses.replace(super().spec(op), extra={"k": op.k.value.data})

    def cycles(self, spec, pe, simd):
        return np.maximum(spec.channels / pe, spec.extra.get("k", 1)) * spec.vectors + 0 * simd

    def resources(self, spec, pe, simd, ram_style, res_type, mem_mode):
        pe = _a(pe)
        lut = 100 + pe * (spec.abits + math.ceil(math.log2(max(spec.channels, 2)))) * 2
        return _stream_lanes(lut, pe * spec.abits, pe)

    def stream_widths(self, spec, pe, simd):
        return pe, 1

    def bounded_input_lanes(self, pe, simd):
        return pe


class _Buffer(LayerModel):
    """A stream buffer between layers (width converter, FIFO): its
    folding follows from its neighbours' (``in_elems``/``out_elems``)."""

    compute = False

    def stream_widths(self, spec, pe, simd):
        return spec.in_elems, spec.out_elems


@layer_model(df.DWCOp)
class DWCModel(_Buffer):
    """elements / min(in, out) cycles."""

    kind = "dwc"

    def spec(self, op):
        xs = op.in_shape
        return _spec(self, op, channels=xs[-1], vectors=_vectors(xs), in_elems=op.in_elems.value.data,
                     out_elems=op.out_elems.value.data)

    def cycles(self, spec, pe, simd):
        return spec.channels * spec.vectors / min(spec.in_elems, spec.out_elems) + 0 * pe * simd

    def resources(self, spec, pe, simd, ram_style, res_type, mem_mode):
        width = max(spec.in_elems, spec.out_elems) * spec.abits
        return {"lut": _a(width * 2 + 50), "ff": _a(width * 2), "bram18": _a(0), "uram": _a(0), "dsp": _a(0)}


FIFO_BRAM_DEPTH = 64
"""A FIFO deeper than this is in block RAM (:class:`FIFOModel`)."""

PREFETCH_LUT = (3.1, 19)
"""LUT (per bit of the FIFO's width, and fixed) of ``finnr_fifo``'s
PREFETCH stage (:func:`fifo_prefetches`): its four output slots' input
multiplexers and the slot bookkeeping (yosys synth_xilinx, UltraScale+,
512-deep FIFO at 8 and 32 bits: +44 and +119 LUT)."""

PREFETCH_FF = (4, 21)
"""FF of the PREFETCH stage (the slots and the fabric register behind the
memory; the same measurement: +53 and +149 FF)."""


def fifo_prefetches(depth: int, width: int) -> bool:
    """Whether ``finnr_fifo`` reads its memory ahead into output registers
    (its PREFETCH parameter): where the memory is a block RAM, whose
    clock-to-output is too slow to drive logic in the same cycle: deeper
    than :data:`FIFO_BRAM_DEPTH` words, or a memory yosys puts in EBR on an
    ECP5 (:func:`finnr.hw.ecp5_memory.ecp5_in_ebr`)."""
    return depth > FIFO_BRAM_DEPTH or ecp5_in_ebr(max(2, depth), width, False)


@layer_model(df.FIFOOp)
class FIFOModel(_Buffer):
    """elements / beat cycles; deeper than :data:`FIFO_BRAM_DEPTH` words in
    BRAM; the PREFETCH stage's registers where :func:`fifo_prefetches`."""

    kind = "fifo"

    def spec(self, op):
        xs = op.in_shape
        elems = op.elems.value.data
        return _spec(self, op, channels=xs[-1], vectors=_vectors(xs), depth=op.depth.value.data, in_elems=elems,
                     out_elems=elems)

    def cycles(self, spec, pe, simd):
        return spec.channels * spec.vectors / spec.in_elems + 0 * pe * simd

    def resources(self, spec, pe, simd, ram_style, res_type, mem_mode):
        width = spec.in_elems * spec.abits
        deep = spec.depth > FIFO_BRAM_DEPTH
        bram = bram18(spec.depth, width) if deep else 0
        lut = 20 + (0 if deep else lutram(spec.depth, width))
        ff = 2 * width + 20
        if fifo_prefetches(spec.depth, width):
            lut += PREFETCH_LUT[0] * width + PREFETCH_LUT[1]
            ff += PREFETCH_FF[0] * width + PREFETCH_FF[1]
        return {"lut": _a(lut), "ff": _a(ff), "bram18": _a(bram), "uram": _a(0), "dsp": _a(0)}


@layer_model(df.DuplicateOp)
class DuplicateModel(_PerChannel):
    kind = "duplicate"

    def resources(self, spec, pe, simd, ram_style, res_type, mem_mode):
        pe = _a(pe)
        width = pe * spec.abits
        return _stream_lanes(50 + width, width, pe)


@layer_model(df.AddStreamsOp)
class AddStreamsModel(_PerChannel):
    kind = "add_streams"

    def resources(self, spec, pe, simd, ram_style, res_type, mem_mode):
        pe = _a(pe)
        return _stream_lanes(50 + pe * spec.obits, pe * spec.abits, pe)


# --- stream layers of issue 17: concat, upsample, depth-to-space ---------------


def banked_buffer(banks, depth, width) -> tuple[np.ndarray, np.ndarray]:
    """(LUTs, BRAM18) of a buffer of ``banks`` memories of ``depth`` words of
    ``width`` bits each: BRAM18 per bank when the buffer holds more than 16
    Kib (as the SWU's line buffer), else LUTRAM."""
    banks, depth, width = _a(banks), _a(depth), _a(width)
    use_bram = banks * depth * width > 16 * 1024
    return np.where(use_bram, 0, banks * lutram(depth, width)), np.where(use_bram, banks * bram18(depth, width), 0)


class _SimdStream(LayerModel):
    """A data-movement layer reading and writing SIMD elements per beat."""

    def stream_widths(self, spec, pe, simd):
        return simd, simd


@layer_model(df.ConcatOp)
class ConcatModel(_SimdStream):
    """(ΣC/SIMD)·vectors cycles: every input's channels in turn, SIMD per
    beat; SIMD divides every input's channels (``extra['inputs']``). LUTs:
    50 + the N-to-1 multiplexer of the SIMD·A-bit beat, N·SIMD·A."""

    kind = "concat"

    def spec(self, op):
        xs = op.result.type.get_shape()
        return _spec(self, op, channels=xs[-1], vectors=_vectors(xs), extra={"inputs": op.input_channels})

    @staticmethod
    def inputs(spec) -> tuple[int, ...]:
        """The channels of each input (one input of all channels when the
        spec does not say)."""
        return tuple(spec.extra.get("inputs", (spec.channels,)))

    def folded_dims(self, spec):
        return None, math.gcd(*self.inputs(spec))

    def cycles(self, spec, pe, simd):
        return (spec.channels / simd) * spec.vectors + 0 * pe

    def resources(self, spec, pe, simd, ram_style, res_type, mem_mode):
        width = _a(simd) * spec.abits
        return _stream_lanes(50 + len(self.inputs(spec)) * width, width, width)


class _Rearrange(_SimdStream):
    """A layer moving the pixels of an NHWC frame through a row buffer
    (upsample, depth_to_space): ``channels`` are the output channels, which
    SIMD divides; ``vectors`` the output pixels."""

    def spec(self, op):
        xs, ys = op.in_shape, op.out_shape
        return _spec(self, op, channels=ys[-1], ifm=(xs[1], xs[2]), ofm=(ys[1], ys[2]), vectors=ys[1] * ys[2])

    def folded_dims(self, spec):
        return None, spec.channels


def upsample_buffer(spec: LayerSpec, simd) -> tuple[np.ndarray, np.ndarray]:
    """(depth, width) of the upsampler's buffer: one input row, IFM_W·C/SIMD
    words of SIMD·A bits."""
    simd = _a(simd)
    return spec.ifm[1] * spec.channels / simd, simd * spec.abits


@layer_model(df.UpsampleOp)
class UpsampleModel(_Rearrange):
    """(C/SIMD)·OFM_H·OFM_W cycles: one output beat per cycle, the input
    beats read while the first copy of their row leaves. One input row
    buffered (:func:`upsample_buffer`); LUTs 100 + 2·SIMD·A for the beat
    path and its addressing."""

    kind = "upsample"

    def cycles(self, spec, pe, simd):
        return (spec.channels / simd) * spec.vectors + 0 * pe

    def resources(self, spec, pe, simd, ram_style, res_type, mem_mode):
        depth, width = upsample_buffer(spec, simd)
        lut, bram = banked_buffer(1, depth, width)
        return _stream_lanes(100 + 2 * width + lut, width, width, bram)

    def activation_bytes(self, spec) -> float:
        ih, iw = spec.ifm
        return spec.channels * (ih * iw * spec.abits + spec.vectors * spec.obits) / 8


def depth_to_space_buffer(spec: LayerSpec, simd) -> tuple[np.ndarray, np.ndarray, int]:
    """(banks, depth, width) of the depth-to-space buffer: two input rows
    (one filling while the other drains) of IFM_W·B²·C elements, in B²·SIMD
    banks of 2·IFM_W·C/SIMD words of A bits, so that a beat of SIMD
    consecutive input channels is written, and one of SIMD output channels
    read, in one cycle in either channel order."""
    simd = _a(simd)
    b = spec.ofm[0] // spec.ifm[0]
    return b * b * simd, 2 * spec.ifm[1] * spec.channels / simd, spec.abits


@layer_model(df.DepthToSpaceOp)
class DepthToSpaceModel(_Rearrange):
    """(IFM_H + 1)·IFM_W·B²·C/SIMD cycles: input row y+1 is written while
    the B output rows of row y leave, one beat each per cycle, after the
    first row filled (C the output channels, SIMD per beat). Memory:
    :func:`depth_to_space_buffer`; LUTs 100 + (2 + B²)·SIMD·A (the beat path
    and each lane's B²-to-1 bank multiplexer)."""

    kind = "depth_to_space"

    def cycles(self, spec, pe, simd):
        ih, iw = spec.ifm
        b = spec.ofm[0] // ih
        return (ih + 1) * iw * b * b * spec.channels / simd + 0 * pe

    def resources(self, spec, pe, simd, ram_style, res_type, mem_mode):
        banks, depth, bits = depth_to_space_buffer(spec, simd)
        width = _a(simd) * spec.abits
        b = spec.ofm[0] // spec.ifm[0]
        lut, bram = banked_buffer(banks, depth, bits)
        return _stream_lanes(100 + (2 + b * b) * width + lut, width, width, bram)
