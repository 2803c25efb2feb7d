"""Named coefficient sets of the resource model.

``finn-r`` (the default everywhere) is the cost model of
:mod:`finnr.models.cost` with FINN-R's Vivado coefficients (300 + 1.1·...).
``yosys`` weighs terms of its own (:func:`terms`) with coefficients fitted by
non-negative least squares to
finnr's own RTL layers synthesized by the pinned yosys (``finnr synth``);
``benchmarks/prediction_accuracy.py`` fits them on generated layers, checks
them on held-out ones and writes ``yosys_coefficients.json`` beside this
module. A kind the fit has not seen keeps FINN-R's model.

``ecp5`` is the model of a Lattice ECP5 in nextpnr-ecp5's counting: LUT4
(TRELLIS_COMB) and FF fitted the same way on ``synth_ecp5`` of the layers
(``benchmarks/ecp5_calibration.py``, ``ecp5_coefficients.json``); EBR
(``bram18``) and MULT18 (``dsp``) by exact rules of how yosys maps finnr's
memories and multipliers on an ECP5 (:func:`ecp5_memories`,
:func:`ecp5_ebr`); URAM 0. A kind the ECP5 fit has not seen takes its
``yosys`` (LUT6) model scaled by the file's ``lut6_to_lut4`` ratio.
:func:`layer_resources_ecp5` and :func:`design_resources_ecp5` give a
layer's and a whole build's figures from the IR.

The model of one layer kind is linear in its terms::

    LUT = sum_i c_i * term_i(spec, pe, simd)        (and FF alike)

with the terms of :func:`terms` (``const`` is 1). FINN-R's model (300 +
1.1·(mult + adders + acc + thresholds) + its LUTRAM weights for the MVAU)
is :mod:`finnr.models.cost` itself, untouched by these terms."""

from __future__ import annotations

import itertools
import json
import math
from collections.abc import Callable
from functools import cache
from pathlib import Path

import numpy as np
from xdsl.ir import Operation

from finnr.dialects import dataflow as df
from finnr.hw.ecp5_memory import ecp5_blocks, ecp5_in_ebr, ecp5_mapping
from finnr.models import cost
from finnr.models.cost import LayerSpec
from finnr.models.registry import MODELS, model_of

COEFFICIENT_SETS = ("finn-r", "yosys", "ecp5")
YOSYS_FILE = Path(__file__).with_name("yosys_coefficients.json")
ECP5_FILE = Path(__file__).with_name("ecp5_coefficients.json")
FITTED = ("lut", "ff")
ROM_LUT_BITS, ROM_LUT_DEPTH = 8192, 256
"""Where yosys's synth_xilinx put the weight ROMs of the benchmark's layers:
in LUTs up to 8192 bits (tfc_2w2a's 4096 x 2, 4096 x 2 of mlp_w1a1_deep) or up
to 256 words (128 x 72, 250 x 16), in RAMB18s from 512 x 32 up (512 x 32,
1024 x 32, 1536 x 8, 6144 x 6, 4096 x 49, 32768 x 1, 32768 x 8, 65536 x 1,
50176 x 2)."""


def _a(x) -> np.ndarray:
    return np.asarray(x, dtype=np.float64)


def terms(spec: LayerSpec, pe=1, simd=1, ram_style: str = "auto", res_type: str = "lut",
          mem_mode: str = "internal_embedded") -> dict[str, np.ndarray]:
    """The terms of a layer's resource model at (pe, simd), by kind.

    - mvau, vvau (finnr's RTL MVAU as yosys maps it): ``pe`` = PE (a
      per-PE constant); ``products`` = PE·SIMD·W·A, the partial-product
      bits of integer multipliers built from LUTs, and ``products_sq`` =
      PE·SIMD·(W·A)²/4 for their superlinear growth; ``tree`` =
      PE·SIMD·(W+A+log2 SIMD), the adder tree; ``xnor`` = PE·SIMD and
      ``popcount`` = PE·SIMD·log2(2·SIMD) for XNOR-popcount (binary) layers
      instead; ``acc`` = PE·accumulator bits; thresholds: ``compare`` =
      PE·T·acc comparators against thresholds read from a ROM (more than one
      channel per PE), ``compare_const`` = the same against constant
      thresholds (one channel per PE, which synthesis folds), and
      ``threshold_rom`` = that ROM as 64-deep LUTs; the weight ROM of each
      PE is SIMD·W bits wide and MW·MH/(PE·SIMD) deep: ``weights`` = it as
      64-deep LUTs (PE·SIMD·W·ceil(depth/64)), ``weights_mux`` =
      PE·SIMD·W·(ceil(depth/64)-1), the muxes joining those LUTs, and
      ``weights_addr`` = PE·SIMD·W·log2(depth), a ROM of constants being
      logic of its address bits; all three 0 when the weights are off chip
      or in block RAM: finnr's RTL keeps them in one ROM PE·SIMD·W bits
      wide, which yosys puts in RAMB18s when it holds more than
      :data:`ROM_LUT_BITS` bits and is deeper than :data:`ROM_LUT_DEPTH`
      words (``ram_style`` does not reach the RTL); then the logic around
      the RAMB18s instead: ``rom_bram`` = 1 (address and control of the
      ROM), ``rom_blocks`` = its RAMB18s (:func:`cost.bram18` of depth x
      PE·SIMD·W: the address decode and output muxes of blocks cascaded in
      depth) and ``rom_out`` = PE·SIMD·W, its output bits; ``inbuf`` = the input
      vector buffer (MW/SIMD words of SIMD·A bits) as 64-deep LUTs;
    - thresholding: ``compare`` = PE·T·A, ``memory`` = PE·(T·A)·ceil(C/PE/64);
    - swu, maxpool: ``width`` = lanes·A bits, ``buffer`` = its line buffer as
      64-deep LUTs;
    - fifo: ``width``, ``buffer`` (depth x width) and ``addr`` = ceil(log2
      depth), the bits of its two pointers and count; dwc: ``width`` = its
      shift buffer (in + out elements), ``in_width`` = the input it shifts
      in (in elements) and ``count`` = the bits of its fill count; other stream layers (pad,
      label_select, duplicate, add_streams): ``width``;
    - concat: ``width`` = SIMD·A and ``mux`` = (inputs - 1)·SIMD·A, its
      input multiplexer; upsample: ``width`` and ``buffer`` = its input row
      as 64-deep LUTs; depth_to_space: ``width``, ``banks`` = B²·SIMD and
      ``buffer`` = its two input rows in those banks as 64-deep LUTs."""
    pe, simd = _a(pe), _a(simd)
    one = 0 * pe * simd + 1.0
    return TERMS[cost.model_for(spec).op](spec, pe, simd, one, ram_style, res_type, mem_mode)


TERMS: dict[type[Operation], Callable[..., dict[str, np.ndarray]]] = {}
"""The registry of :func:`terms`: dataflow op class -> the terms of its
layers, ``(spec, pe, simd, one, ram_style, res_type, mem_mode)`` with
``one`` = 1 broadcast over the folding."""


def _terms_of(*op_classes: type[Operation]):
    def register(fn):
        for cls in op_classes:
            TERMS[cls] = fn
        return fn

    return register


@_terms_of(df.MVAUOp, df.VVAUOp)
def _weighted_terms(spec, pe, simd, one, ram_style, res_type, mem_mode):
    t = cost.mvau_terms(spec, pe, simd, ram_style, res_type, mem_mode)
    w, a = spec.wbits, spec.abits
    depth, width = cost.weight_memory(spec, pe, simd)
    on_chip = 0.0 if mem_mode == "external" else 1.0
    in_bram = on_chip * np.where((pe * depth * width > ROM_LUT_BITS) & (depth > ROM_LUT_DEPTH), 1.0, 0.0)
    in_luts = on_chip - in_bram
    nch, mw = cost.model_for(spec).folded_dims(spec)
    lanes = pe * simd * spec.mmv  # the datapath M times (mmv), the memories once
    xnor = 1.0 if spec.binary_xnor else 0.0
    acc = t["acc"]  # of the M datapaths
    tmem = nch / pe
    rom = np.where(tmem > 1, 1.0, 0.0)
    compare = pe * spec.thresholds * acc
    words = np.ceil(depth / 64)
    return {"const": one, "pe": spec.mmv * pe * one,
            "products": (1 - xnor) * lanes * w * a * one,
            "products_sq": (1 - xnor) * lanes * (w * a) ** 2 / 4 * one,
            "tree": (1 - xnor) * lanes * (w + a + np.log2(simd)) * one,
            "xnor": xnor * lanes * one, "popcount": xnor * lanes * np.log2(2 * simd) * one,
            "acc": pe * acc * one, "compare": rom * compare, "compare_const": (1 - rom) * compare,
            "threshold_rom": rom * pe * cost.lutram(tmem, spec.thresholds * acc / spec.mmv),
            "weights": in_luts * pe * width * words, "weights_mux": in_luts * pe * width * (words - 1),
            "weights_addr": in_luts * pe * width * np.log2(np.maximum(depth, 2)),
            "rom_bram": in_bram * one, "rom_blocks": in_bram * cost.bram18(depth, pe * width),
            "rom_out": in_bram * pe * width,
            "inbuf": cost.lutram(mw / simd, simd * a) * one}


@_terms_of(df.ThresholdingOp)
def _thresholding_terms(spec, pe, simd, one, ram_style, res_type, mem_mode):
    bits = spec.thresholds * spec.abits
    return {"const": one, "compare": pe * bits * one, "memory": pe * cost.lutram(spec.channels / pe, bits) * one}


@_terms_of(df.SWUOp)
def _swu_terms(spec, pe, simd, one, ram_style, res_type, mem_mode):
    copies, lines, depth, width = cost.window_buffer(spec, simd)
    out = spec.kernel[0] * spec.kernel[1] * width if spec.parallel_window else width
    return {"const": one, "width": out * one, "buffer": copies * cost.lutram(lines * depth, width) * one}


@_terms_of(df.MaxPoolOp)
def _maxpool_terms(spec, pe, simd, one, ram_style, res_type, mem_mode):
    lanes = spec.mmv * pe  # M whole pixels a beat (mmv)
    width = lanes * spec.abits
    return {"const": one, "width": width * one, "buffer": cost.lutram(spec.ifm[1] * spec.channels / lanes, width) * one}


@_terms_of(df.FIFOOp)
def _fifo_terms(spec, pe, simd, one, ram_style, res_type, mem_mode):
    width = spec.in_elems * spec.abits
    return {"const": one, "width": width * one, "buffer": cost.lutram(spec.depth, width) * one,
            "addr": max(math.ceil(math.log2(max(spec.depth, 2))), 1) * one}


@_terms_of(df.DWCOp)
def _dwc_terms(spec, pe, simd, one, ram_style, res_type, mem_mode):
    cap = spec.in_elems + spec.out_elems
    return {"const": one, "width": cap * spec.abits * one, "in_width": spec.in_elems * spec.abits * one,
            "count": math.ceil(math.log2(cap + 1)) * one}


@_terms_of(df.PadOp)
def _simd_stream_terms(spec, pe, simd, one, ram_style, res_type, mem_mode):
    return {"const": one, "width": spec.mmv * simd * max(spec.abits, spec.obits) * one}


@_terms_of(df.LabelSelectOp, df.DuplicateOp, df.AddStreamsOp)
def _pe_stream_terms(spec, pe, simd, one, ram_style, res_type, mem_mode):
    return {"const": one, "width": pe * max(spec.abits, spec.obits) * one}


@_terms_of(df.ConcatOp)
def _concat_terms(spec, pe, simd, one, ram_style, res_type, mem_mode):
    width = simd * spec.abits
    return {"const": one, "width": width * one, "mux": (len(cost.ConcatModel.inputs(spec)) - 1) * width * one}


@_terms_of(df.UpsampleOp)
def _upsample_terms(spec, pe, simd, one, ram_style, res_type, mem_mode):
    depth, width = cost.upsample_buffer(spec, simd)
    return {"const": one, "width": width * one, "buffer": cost.lutram(depth, width) * one}


@_terms_of(df.DepthToSpaceOp)
def _depth_to_space_terms(spec, pe, simd, one, ram_style, res_type, mem_mode):
    banks, depth, bits = cost.depth_to_space_buffer(spec, simd)
    return {"const": one, "width": simd * spec.abits * one, "banks": banks * one,
            "buffer": banks * cost.lutram(depth, bits) * one}


def finn_r_resources(spec: LayerSpec, pe=1, simd=1, ram_style: str = "auto", res_type: str = "lut",
                     mem_mode: str = "internal_embedded") -> dict[str, np.ndarray]:
    """The default model (FINN-R's coefficients) of any layer kind."""
    return cost.resources(spec, pe, simd, ram_style, res_type, mem_mode)


@cache
def coefficient_file(name: str) -> dict:
    """The JSON document of a named set (empty for ``finn-r`` or a set not
    yet fitted)."""
    if name not in COEFFICIENT_SETS:
        raise ValueError(f"unknown coefficient set '{name}' (sets: {', '.join(COEFFICIENT_SETS)})")
    path = {"yosys": YOSYS_FILE, "ecp5": ECP5_FILE}.get(name)
    return json.loads(path.read_text()) if path is not None and path.is_file() else {}


def coefficient_set(name: str) -> dict:
    """``{kind: {"lut": {term: c}, "ff": {term: c}}}`` of a named set
    (``finn-r`` is empty: its model is :mod:`finnr.models.cost` itself)."""
    return coefficient_file(name).get("kinds", {})


def _fitted(spec: LayerSpec, pe, simd, ram_style, res_type, mem_mode, kinds: dict, scale: float = 1.0):
    t = terms(spec, pe, simd, ram_style, res_type, mem_mode)
    return {key: scale * sum(c * t[name] for name, c in kinds[spec.kind][key].items()) for key in FITTED}


def resources(spec: LayerSpec, pe=1, simd=1, ram_style: str = "auto", res_type: str = "lut",
              mem_mode: str = "internal_embedded", coefficients: str = "finn-r") -> dict[str, np.ndarray]:
    """LUT, FF, BRAM18, URAM and DSP of a layer with a named coefficient
    set: LUT and FF from the set's fitted coefficients where it has the
    layer's kind, everything else from FINN-R's model (``ecp5``: see
    :func:`ecp5_resources`)."""
    if coefficients == "ecp5":
        return ecp5_resources(spec, pe, simd, ram_style, res_type, mem_mode)
    res = finn_r_resources(spec, pe, simd, ram_style, res_type, mem_mode)
    kinds = coefficient_set(coefficients)
    if spec.kind in kinds:
        res.update(_fitted(spec, pe, simd, ram_style, res_type, mem_mode, kinds))
    return res


# --- ECP5 -------------------------------------------------------------------------------------

def ecp5_memories(spec: LayerSpec, pe=1, simd=1, mem_mode: str = "internal_embedded",
                  threshold_bits: int | None = None) -> list[tuple[int, int, bool]]:
    """The memories of a layer's RTL engine as yosys sees them, (depth,
    width, is_rom): an MVAU's/VVAU's weight ROM (depth = folds, width
    PE·SIMD·W, in banks of :func:`finnr.hw.pipeline.rom_bank` words), its
    threshold ROM (channels/PE words of PE·T thresholds of
    ``threshold_bits``, default the accumulator's bits) and the MVAU's input
    buffer (MW/SIMD words of SIMD·A); a thresholding layer's ROM; a FIFO's
    RAM; a sliding window's or max-pool's line buffer ((DH·(KH-1)+1+SH)
    rows of IFM_W·C/SIMD words of SIMD·A); the upsampler's row; the
    depth-to-space banks."""
    from finnr.hw.pipeline import rom_bank

    pe, simd = int(pe), int(simd)
    mems: list[tuple[int, int, bool]] = []

    def rom(depth: int, width: int) -> None:
        bank = rom_bank(width)
        full, rest = divmod(depth, bank) if depth > bank else (0, depth)
        mems.extend([(bank, width, True)] * full + ([(rest, width, True)] if rest else []))

    kind = spec.kind
    tbits = threshold_bits or spec.acc_bits
    if kind in ("mvau", "vvau"):
        depth, width = cost.weight_memory(spec, pe, simd)
        if mem_mode != "external":
            rom(int(depth), int(pe * width))
        nch, mw = cost.model_for(spec).folded_dims(spec)
        if spec.thresholds:
            rom(max(1, int(nch) // pe), pe * spec.thresholds * tbits)
        if kind == "mvau" and mw // simd > 1:
            mems.append((int(mw) // simd, simd * spec.abits, False))
    elif kind == "thresholding":
        rom(max(1, spec.channels // pe), pe * spec.thresholds * (threshold_bits or spec.abits + 1))
    elif kind == "fifo":
        mems.append((max(2, spec.depth), spec.in_elems * spec.abits, False))
    elif kind == "swu" and spec.parallel_window:  # a memory per line and window column
        copies, lines, depth, width = cost.window_buffer(spec, simd)
        mems.extend([(int(depth), int(width), False)] * (copies * lines))
    elif kind in ("swu", "maxpool"):
        lanes = simd if kind == "swu" else spec.mmv * pe
        kh, sh, dh = spec.kernel[0], spec.stride[0], spec.dilation[0]
        mems.append(((dh * (kh - 1) + 1 + sh) * spec.ifm[1] * spec.channels // lanes, lanes * spec.abits, False))
    elif kind == "upsample":
        depth, width = cost.upsample_buffer(spec, simd)
        mems.append((int(depth), int(width), False))
    elif kind == "depth_to_space":
        banks, depth, bits = cost.depth_to_space_buffer(spec, simd)
        mems.extend([(int(depth), int(bits), False)] * int(banks))
    return mems


def ecp5_ebr(spec: LayerSpec, pe=1, simd=1, mem_mode: str = "internal_embedded",
             threshold_bits: int | None = None) -> int:
    """EBRs of a layer on an ECP5: the blocks of those of its memories
    that yosys puts in EBR (:func:`ecp5_in_ebr`)."""
    return sum(ecp5_blocks(d, w) for d, w, r in ecp5_memories(spec, pe, simd, mem_mode, threshold_bits)
               if ecp5_in_ebr(d, w, r))


def ecp5_mult18(spec: LayerSpec, pe=1, simd=1, res_type: str = "lut") -> int:
    """MULT18X18Ds of a layer on an ECP5: one a lane (PE·SIMD multipliers of
    W x A bits, at most 18 x 18) for a non-binary MVAU/VVAU whose res_type is
    dsp; none otherwise (finnr synthesizes with ``-nodsp`` unless DSPs are
    asked for, and the multipliers stay in LUTs)."""
    if spec.kind not in ("mvau", "vvau") or res_type != "dsp" or spec.binary_xnor:
        return 0
    return int(pe) * int(simd) * math.ceil(spec.wbits / 18) * math.ceil(spec.abits / 18)


def ecp5_terms(spec: LayerSpec, pe=1, simd=1, ram_style: str = "auto", res_type: str = "lut",
               mem_mode: str = "internal_embedded", threshold_bits: int | None = None) -> dict[str, float]:
    """The terms of a layer's LUT4/FF model on an ECP5: those of
    :func:`terms` for most kinds; for the engines whose memories yosys maps
    three ways (:func:`ecp5_mapping`) terms of each mapping instead of the
    64-deep LUTRAM of a Xilinx part, and for the pipelined MVAU/VVAU
    (finnr_mvau, finnr_rom, finnr_dot/finnr_tree, finnr_act, finnr_skid)
    their registers:

    - mvau, vvau: ``const``, ``products`` (PE·SIMD·W·A),
      ``products_sq``, ``tree``, ``popcount``, ``acc`` (PE·acc bits),
      ``compare`` (PE·T·threshold bits); the weight ROM: ``rom_logic`` (the
      bits / 16 of its banks in LUTs: a LUT4 holds 16), ``rom_addr`` (their
      width · log2 depth), ``thr_logic`` (the threshold ROM's bits / 16 when
      in LUTs), ``rom_regs`` (its registered word, width ·
      (rom_latency - 1), and each bank's held word); ``stages`` (PE · acc
      bits · the adder tree's and the activation's register stages),
      ``xs`` (the input word waiting beside the ROM: SIMD·A ·
      rom_latency), ``out`` (PE·output bits: output and skid registers);
      ``inbuf_dpr``/``inbuf_ff`` (the input buffer's 16 x 4 distributed
      RAMs, or its bits in flip-flops);
    - fifo, swu, maxpool, upsample, depth_to_space: ``const``, ``width``,
      ``addr`` (log2 depth), and the buffer as ``dpr`` (16 x 4 RAMs),
      ``ff`` (bits in flip-flops) or ``ebr`` (blocks);
    - pad: ``const``, ``width`` and ``counters`` (the bits of its row,
      column and channel-fold counters)."""
    from finnr.hw import pipeline

    kind = spec.kind
    pe, simd = int(pe), int(simd)
    if kind in ("mvau", "vvau"):
        base = terms(spec, pe, simd, ram_style, res_type, mem_mode)
        depth, width = (int(v) for v in cost.weight_memory(spec, pe, simd))
        width *= pe
        on_chip = mem_mode != "external"
        banks = math.ceil(depth / pipeline.rom_bank(width))
        latency = pipeline.rom_latency(width, depth)
        tbits = threshold_bits or spec.acc_bits
        acc = float(base["acc"]) / pe
        nch = int(cost.model_for(spec).folded_dims(spec)[0])
        mems = ecp5_memories(spec, pe, simd, mem_mode, threshold_bits)
        n_weight = banks if on_chip else 0
        logic = [(d, w) for d, w, _ in mems[:n_weight] if ecp5_mapping(d, w, True) == "logic"]
        thr_logic = [(d, w) for d, w, r in mems[n_weight:] if r and ecp5_mapping(d, w, True) == "logic"]
        inbuf = [m for m in mems if not m[2]]
        inbuf_map = [ecp5_mapping(d, w, False) for d, w, _ in inbuf]
        if kind == "vvau":
            return {"const": 1.0, "channel_acc": spec.channels * acc, "products": float(base["products"]),
                    "tree": float(base["tree"]), "compare": pe * spec.thresholds * tbits,
                    "act_stages": pe * spec.thresholds * math.ceil(math.log2(spec.thresholds + 1)),
                    "rom_regs": on_chip * width * (latency - 1), "xs": simd * spec.abits * latency,
                    "out": pe * spec.obits}
        return {"const": 1.0, "products": float(base["products"]),
                "products_sq": float(base["products_sq"]),
                "tree": float(base["tree"]), "popcount": float(base["popcount"]), "acc": pe * acc,
                "compare": pe * spec.thresholds * tbits,
                "rom_logic": sum(d * w / 16 for d, w in logic),
                "rom_addr": sum(w * math.log2(max(d, 2)) for d, w in logic),
                "thr_logic": sum(d * w / 16 for d, w in thr_logic),
                "rom_regs": on_chip * width * (latency - 1 + (banks if banks > 1 else 0)),
                "stages": pe * acc * pipeline.tree_stages(simd),
                "act_stages": pe * (spec.thresholds + math.ceil(math.log2(spec.thresholds + 1))
                                    * pipeline.tree_stages(spec.thresholds)) if spec.thresholds else 0.0,
                "thr_q": pe * spec.thresholds * tbits if nch // pe > 1 else 0.0,
                "xs": simd * spec.abits * latency, "out": pe * spec.obits,
                "inbuf_dpr": sum(math.ceil(d / 16) * math.ceil(w / 4) for (d, w, _), m in zip(inbuf, inbuf_map)
                                 if m == "dpr"),
                "inbuf_ff": sum(d * w for (d, w, _), m in zip(inbuf, inbuf_map) if m == "logic")}
    if kind == "pad":
        return {"const": 1.0, "width": float(spec.mmv * simd * max(spec.abits, spec.obits)),
                "counters": sum(math.ceil(math.log2(max(n, 2)))
                                for n in (spec.ofm[0], spec.ofm[1] // spec.mmv, spec.channels // simd))}
    mems = ecp5_memories(spec, pe, simd, mem_mode, threshold_bits)
    if kind in ("fifo", "swu", "maxpool", "upsample", "depth_to_space") and mems:
        t = {"const": 1.0, "width": float(mems[0][1]) * (1 if kind != "depth_to_space" else len(mems)),
             "addr": float(math.ceil(math.log2(max(mems[0][0], 2)))), "dpr": 0.0, "ff": 0.0, "ebr": 0.0}
        for d, w, _ in mems:
            m = ecp5_mapping(d, w, False)
            t["dpr" if m == "dpr" else "ff" if m == "logic" else "ebr"] += (
                math.ceil(d / 16) * math.ceil(w / 4) if m == "dpr" else d * w if m == "logic" else ecp5_blocks(d, w))
        return t
    return {k: float(v) for k, v in terms(spec, pe, simd, ram_style, res_type, mem_mode).items()}


ECP5_PREFETCH_LUT4 = (7.1, 26)
"""LUT4 (per bit of the width, and fixed) of ``finnr_fifo``'s PREFETCH
stage on an ECP5, beside the fitted FIFO, whose fit predates the stage
(yosys synth_ecp5 of a 1,024-deep FIFO with and without it at 2, 4, 8, 12
and 16 bits: +44, 45, 87, 116, 135, least squares)."""

ECP5_PREFETCH_FF = (6, 34)
"""FF of the PREFETCH stage on an ECP5 (the same measurement: +46, 58, 82,
106, 130)."""

ECP5_WINDOW_ROWS_LUT4 = 74
"""LUT4 of a window engine's row accounting (``finnr_window_rows``) beyond
the fitted swu and maxpool, whose fit predates its comparisons of each
possible next row count with constants (yosys synth_ecp5 of the module
before and after at five shapes, H/OH/SH/RN 18/16/1/3, 34/32/1/3,
32/16/2/3, 16/8/2/2, 66/64/1/3: +84, 85, 44, 50, 105; the mean)."""


def ecp5_resources(spec: LayerSpec, pe=1, simd=1, ram_style: str = "auto", res_type: str = "lut",
                   mem_mode: str = "internal_embedded", threshold_bits: int | None = None) -> dict[str, np.ndarray]:
    """LUT (LUT4 as nextpnr counts it), FF, BRAM18 (EBR), URAM (0) and DSP
    (MULT18) of a layer on an ECP5: LUT and FF from the ``ecp5`` set on
    :func:`ecp5_terms`, EBR and MULT18 from the rules (element-wise over
    arrays of PE and SIMD)."""
    if np.ndim(pe) or np.ndim(simd):
        one = np.vectorize(lambda p, s, k: float(ecp5_resources(spec, p, s, ram_style, res_type, mem_mode,
                                                                threshold_bits)[k]))
        return {k: one(pe, simd, k) for k in ("lut", "ff", "bram18", "uram", "dsp")}
    doc = coefficient_file("ecp5")
    kinds = doc.get("kinds", {})
    if spec.kind in kinds:
        t = ecp5_terms(spec, pe, simd, ram_style, res_type, mem_mode, threshold_bits)
        res = {key: sum(c * t[name] for name, c in kinds[spec.kind][key].items()) for key in FITTED}
        if spec.kind == "fifo" and cost.fifo_prefetches(spec.depth, spec.in_elems * spec.abits):
            width = spec.in_elems * spec.abits
            res["lut"] += ECP5_PREFETCH_LUT4[0] * width + ECP5_PREFETCH_LUT4[1]
            res["ff"] += ECP5_PREFETCH_FF[0] * width + ECP5_PREFETCH_FF[1]
        if spec.kind in ("swu", "maxpool"):
            res["lut"] += ECP5_WINDOW_ROWS_LUT4
    elif spec.kind in coefficient_set("yosys"):
        res = _fitted(spec, pe, simd, ram_style, res_type, mem_mode, coefficient_set("yosys"),
                      doc.get("lut6_to_lut4", 1.0))
    else:
        base = finn_r_resources(spec, pe, simd, ram_style, res_type, mem_mode)
        res = {key: base[key] for key in FITTED}
    return {"lut": np.float64(res["lut"]), "ff": np.float64(res["ff"]),
            "bram18": np.float64(ecp5_ebr(spec, pe, simd, mem_mode, threshold_bits)), "uram": np.float64(0),
            "dsp": np.float64(ecp5_mult18(spec, pe, simd, res_type))}


def threshold_bits(op: Operation) -> int | None:
    """The signed width of a layer's integer thresholds as its RTL engine
    stores them (None without thresholds): those of
    :func:`finnr.hw.threshold_memory` against the accumulator's range (an
    MVAU's or VVAU's) or the input's (a thresholding layer's)."""
    from finnr.dialects import datatypes as dt
    from finnr.hw import accumulator_range, integer_thresholds, signed_bits

    matrix = getattr(op, "threshold_matrix", None)
    t = matrix() if matrix is not None else None
    if t is None:
        return None
    x = op.operands[0].type.element_type
    if isinstance(op, df.ThresholdingOp):
        lo, hi = (int(v) for v in dt.value_range(x))
    else:
        w = np.asarray(op.weight_matrix(), dtype=np.int64)
        lo, hi = accumulator_range(w.T if isinstance(op, df.VVAUOp) else w, x)
    ints = integer_thresholds(t, lo, hi)
    return signed_bits(int(ints.min()), int(ints.max()))


def layer_resources_ecp5(op: Operation) -> dict[str, float]:
    """A dataflow layer's resources on an ECP5 (``ecp5`` set), from the op:
    its spec, folding, ram_style/res_type/mem_mode and threshold width."""
    spec = model_of(op).spec(op)
    pe, simd = (op.properties[k].value.data if k in op.properties else 1 for k in ("pe", "simd"))
    mem = {k: getattr(op, k).data for k in ("ram_style", "res_type", "mem_mode") if k in op.properties}
    return {k: float(v) for k, v in ecp5_resources(spec, pe, simd, **mem, threshold_bits=threshold_bits(op)).items()}


ECP5_DESIGN_LUTS = 2
"""TRELLIS_COMB of a whole design's constant drivers (nextpnr-ecp5 packs
them once a design; ``finnr.toolchains.synth`` counts them alike)."""


def in_ecp5_design(res: dict) -> dict:
    """Resources synthesized alone (one layer's, or a sum of layers') as
    part of a whole design: LUT4 and FF scaled by the ``ecp5`` set's
    ``design_factor`` (yosys optimizes across the layers' boundaries)."""
    factor = coefficient_file("ecp5").get("design_factor", {})
    return {k: v * factor.get(k, 1.0) if k in FITTED else v for k, v in res.items()}


def design_resources_ecp5(module: Operation) -> dict:
    """A whole design's resources on an ECP5 as nextpnr-ecp5 counts them:
    every dataflow layer of the module (FIFOs and width converters
    included) by :func:`layer_resources_ecp5` (each as synthesized alone),
    the sums of LUT4 and FF scaled by the set's ``design_factor`` (yosys
    optimizes across the layers' boundaries of a whole design: fitted on
    training networks packed whole), plus the constant drivers' LUT4s;
    ``{"layers": {name: res}, "total": res}``."""
    layers = {}
    for i, op in enumerate(op for op in module.walk() if type(op) in MODELS):
        name = op.attributes["sym_name"].data if "sym_name" in op.attributes else f"{op.name}_{i}"
        layers[name] = layer_resources_ecp5(op)
    total = in_ecp5_design({k: sum(r[k] for r in layers.values()) for k in ("lut", "ff", "bram18", "uram", "dsp")})
    total["lut"] += ECP5_DESIGN_LUTS
    return {"layers": layers, "total": total}


def fit(rows: list[dict[str, float]], measured: list[float]) -> dict[str, float]:
    """Non-negative least-squares coefficients of ``measured ≈ Σ c·row[term]``
    in relative error (each row weighed by 1/measured, since the accuracy
    that counts is relative): the least squares over every subset of the
    terms whose coefficients all come out non-negative, the best of them
    (the exact NNLS optimum, which is the plain least squares on its
    support), the smallest subset on a tie. Terms that are zero on every
    row get no coefficient."""
    names = [n for n in rows[0] if any(float(r[n]) != 0 for r in rows)]
    y = np.asarray(measured, dtype=np.float64)
    weight = 1.0 / np.maximum(y, 1.0)
    x = np.array([[float(r[n]) for n in names] for r in rows]).reshape(len(rows), len(names)) * weight[:, None]
    b = y * weight
    best, coeffs = float(np.sum(b**2)), {}
    for size in range(1, len(names) + 1):
        for subset in itertools.combinations(range(len(names)), size):
            c, *_ = np.linalg.lstsq(x[:, subset], b, rcond=None)
            if (c < 0).any():
                continue
            residual = float(np.sum((x[:, subset] @ c - b) ** 2))
            if residual < best - 1e-9 * max(best, 1e-12):
                best, coeffs = residual, {names[i]: float(v) for i, v in zip(subset, c)}
    return coeffs
