"""Named coefficient sets of the resource model.

``finn-r`` (the default everywhere) is the cost model of
:mod:`finnr.models.cost` with FINN-R's Vivado coefficients (300 + 1.1·...).
``yosys`` weighs terms of its own (:func:`terms`) with coefficients fitted by
non-negative least squares to
finnr's own RTL layers synthesized by the pinned yosys (``finnr synth``);
``benchmarks/prediction_accuracy.py`` fits them on generated layers, checks
them on held-out ones and writes ``yosys_coefficients.json`` beside this
module. A kind the fit has not seen keeps FINN-R's model.

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
from finnr.models import cost
from finnr.models.cost import LayerSpec

COEFFICIENT_SETS = ("finn-r", "yosys")
YOSYS_FILE = Path(__file__).with_name("yosys_coefficients.json")
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
    lanes = pe * simd
    xnor = 1.0 if spec.binary_xnor else 0.0
    acc = t["acc"]
    tmem = nch / pe
    rom = np.where(tmem > 1, 1.0, 0.0)
    compare = pe * spec.thresholds * acc
    words = np.ceil(depth / 64)
    return {"const": one, "pe": pe * one,
            "products": (1 - xnor) * lanes * w * a * one,
            "products_sq": (1 - xnor) * lanes * (w * a) ** 2 / 4 * one,
            "tree": (1 - xnor) * lanes * (w + a + np.log2(simd)) * one,
            "xnor": xnor * lanes * one, "popcount": xnor * lanes * np.log2(2 * simd) * one,
            "acc": pe * acc * one, "compare": rom * compare, "compare_const": (1 - rom) * compare,
            "threshold_rom": rom * pe * cost.lutram(tmem, spec.thresholds * acc),
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
    width = simd * spec.abits
    kh, sh, dh = spec.kernel[0], spec.stride[0], spec.dilation[0]
    lines = dh * (kh - 1) + 1 + sh
    return {"const": one, "width": width * one,
            "buffer": cost.lutram(lines * spec.ifm[1] * spec.channels / simd, width) * one}


@_terms_of(df.MaxPoolOp)
def _maxpool_terms(spec, pe, simd, one, ram_style, res_type, mem_mode):
    width = pe * spec.abits
    return {"const": one, "width": width * one, "buffer": cost.lutram(spec.ifm[1] * spec.channels / pe, width) * one}


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
    return {"const": one, "width": simd * max(spec.abits, spec.obits) * one}


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
def coefficient_set(name: str) -> dict:
    """``{kind: {"lut": {term: c}, "ff": {term: c}}}`` of a named set
    (``finn-r`` is empty: its model is :mod:`finnr.models.cost` itself)."""
    if name not in COEFFICIENT_SETS:
        raise ValueError(f"unknown coefficient set '{name}' (sets: {', '.join(COEFFICIENT_SETS)})")
    if name == "finn-r" or not YOSYS_FILE.is_file():
        return {}
    return json.loads(YOSYS_FILE.read_text())["kinds"]


def resources(spec: LayerSpec, pe=1, simd=1, ram_style: str = "auto", res_type: str = "lut",
              mem_mode: str = "internal_embedded", coefficients: str = "finn-r") -> dict[str, np.ndarray]:
    """LUT, FF, BRAM18, URAM and DSP of a layer with a named coefficient
    set: LUT and FF from the set's fitted coefficients where it has the
    layer's kind, everything else from FINN-R's model."""
    res = finn_r_resources(spec, pe, simd, ram_style, res_type, mem_mode)
    fitted = coefficient_set(coefficients).get(spec.kind)
    if fitted:
        t = terms(spec, pe, simd, ram_style, res_type, mem_mode)
        for key in FITTED:
            res[key] = sum(c * t[name] for name, c in fitted[key].items())
    return res


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
