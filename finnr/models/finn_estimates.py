"""FINN's own estimator (finn-plus 1.6.1) as pure functions: the cycles,
LUTs, BRAM18s, URAMs and DSPs that FINN's estimate-only flow reports for
each of its hardware nodes, written from FINN's formulas (the FINN file and
function of each formula is named beside it; the code is finnr's own).

Every function takes the node's shape as numbers and the folding as numbers
or numpy arrays (``pe``, ``simd``), and returns numbers or arrays of the
same shape, so that the optimizer evaluates many foldings at once. Cycles
are FINN's ``get_exp_cycles`` (truncated to integers as FINN does); LUTs
are ``lut_estimation`` (truncated); memories ``bram_estimation`` /
``uram_estimation``. FINN's estimates describe FINN's hardware, not
finnr's engines (:mod:`finnr.models.cost` and
:mod:`finnr.models.schedule` describe those)."""

from __future__ import annotations

import math

import numpy as np


def _a(x) -> np.ndarray:
    return np.asarray(x, dtype=np.float64)


def _int(x) -> np.ndarray:
    """``int(x)`` as FINN truncates its estimates (x >= 0)."""
    return np.floor(_a(x) + 1e-9)


# --- memories ---------------------------------------------------------------------


def ramb18_finn_r(depth, width) -> np.ndarray:
    """RAMB18s of a ``depth`` x ``width`` memory in SDP mode, the FINN-R aspect
    ratios (``MVAU.bram_estimation``, finn/custom_op/fpgadataflow/
    matrixvectoractivation.py): 16Kx1, 8Kx2, 4Kx4, 2Kx9, 1Kx18 (also any
    memory deeper than 512), 512x36."""
    d, w = _a(depth), _a(width)
    return np.select(
        [w == 1, w == 2, w <= 4, w <= 9, (w <= 18) | (d > 512)],
        [np.ceil(d / 16384), np.ceil(d / 8192), np.ceil(d / 4096) * np.ceil(w / 4),
         np.ceil(d / 2048) * np.ceil(w / 9), np.ceil(d / 1024) * np.ceil(w / 18)],
        np.ceil(d / 512) * np.ceil(w / 36),
    )


PRIMITIVES = (("URAM", 72, 4096), ("URAM", 36, 8192), ("URAM", 18, 16384), ("URAM", 9, 32768),
              ("BRAM", 36, 512), ("BRAM", 18, 1024), ("BRAM", 9, 2048), ("LUTRAM", 1, 64))
"""FINN's memory primitives (``mem_primitives_versal``, finn/util/memutil.py),
in FINN's order: (kind, width, depth)."""


def least_waste(width, depth) -> dict[str, np.ndarray]:
    """The primitives FINN builds a ``width`` x ``depth`` memory from: the one
    wasting the fewest bits, the first in :data:`PRIMITIVES` order on a tie
    (``get_memutil_alternatives`` and ``memutil``, finn/util/memutil.py:
    count = ceil(width/w)·ceil(depth/d), waste = count·w·d - width·depth);
    returns the count per kind (URAM, BRAM, LUTRAM)."""
    w, d = np.broadcast_arrays(_a(width), _a(depth))
    counts = np.stack([np.ceil(w / pw) * np.ceil(d / pd) for _, pw, pd in PRIMITIVES])
    waste = np.stack([c * pw * pd for c, (_, pw, pd) in zip(counts, PRIMITIVES)]) - w * d
    pick = np.argmin(waste, axis=0)
    chosen = np.take_along_axis(counts, pick[None], axis=0)[0]
    kinds = np.array([k for k, _, _ in PRIMITIVES])[pick]
    return {k: np.where(kinds == k, chosen, 0.0) for k in ("URAM", "BRAM", "LUTRAM")}


# --- MVAU_hls / VVAU_hls ----------------------------------------------------------


def mvau_cycles(mh: int, mw: int, vectors: int, pe, simd) -> np.ndarray:
    """(MH/PE)·(MW/SIMD)·vectors (``MVAU.get_exp_cycles``,
    matrixvectoractivation.py)."""
    return _int((mh / _a(pe)) * (mw / _a(simd)) * vectors)


def acc_bound(mw: int, wbits: int, abits: int, signed_input: bool) -> int:
    """The accumulator bits the datatypes bound (arXiv 2301.13376, as
    ``MVAU_hls.lut_estimation`` computes it): ceil(alpha + log2(1 + 2^-alpha) + 1),
    alpha = log2(MW) + W + A - 1 - signed(input)."""
    alpha = math.log2(mw) + wbits + abits - 1 - int(signed_input)
    return math.ceil(alpha + math.log2(1 + 2**-alpha) + 1)


def accumulator_bits(lo: int, hi: int) -> int:
    """FINN's accumulator datatype width for values in [lo, hi]
    (``MVAU.minimize_accumulator_width``): UINT ceil(log2(hi + 1)) when lo >= 0,
    else INT ceil(log2(max(-lo, hi + 1))) + 1."""
    if lo >= 0:
        return max(1, math.ceil(math.log2(hi + 1)))
    return math.ceil(math.log2(max(-lo, 1 + hi))) + 1


def weight_bits(lo: int, hi: int) -> int:
    """The weight width FINN's ``MVAU.minimize_weight_bit_width`` gives weights
    in [lo, hi]: the smallest of BINARY, UINTn, BIPOLAR, TERNARY, INTn
    (qonnx's ``get_smallest_possible``) holding lo (if |lo| > hi) or -hi - 1
    (if lo < 0), else hi; so +-1 weights are INT2."""
    if lo < 0:
        v = lo if -lo > hi else -hi - 1
        return 1 if v >= -1 else math.ceil(math.log2(-v)) + 1
    return 1 if hi <= 1 else math.ceil(math.log2(hi + 1))


def _weights_in_luts(mem_mode: str, ram_style: str, wmem) -> np.ndarray:
    """Whether FINN counts the weights as LUTRAM (``lut_estimation``'s c2)."""
    return np.asarray((mem_mode == "internal_decoupled" and ram_style == "distributed")
                      | ((mem_mode == "internal_embedded") & (_a(wmem) <= 128)))


def mac_luts(pe, simd, wbits: int, abits: int, acc: int, res_type: str, thr: np.ndarray, cmp: float,
             wmem, mem_mode: str, ram_style: str) -> np.ndarray:
    """300 + 1.1·PE·(multipliers + adder tree + accumulator + thresholds +
    comparators) + the LUTRAM weights (``MVAU_hls.lut_estimation``,
    hls/matrixvectoractivation_hls.py, and ``VVAU_hls.lut_estimation``):
    multipliers SIMD·(2·ceil((W+A)/6) - 1)·(W+A) (none with DSPs), adder tree
    (W+A)·(2·SIMD - 1), LUTRAM weights PE·SIMD·W·ceil(WMEM/64)."""
    pe, simd = _a(pe), _a(simd)
    w_a = wbits + abits
    mult = 0 * simd if res_type == "dsp" else simd * (2 * math.ceil(w_a / 6) - 1) * w_a
    adders = w_a * (2 * simd - 1)
    c2 = np.where(_weights_in_luts(mem_mode, ram_style, wmem), pe * simd * wbits * np.ceil(_a(wmem) / 64), 0)
    return _int(300 + 1.1 * (pe * (mult + adders + acc + thr + cmp)) + c2)


def mvau_lut(mh: int, mw: int, wbits: int, abits: int, obits: int, acc_bits: int, signed_input: bool,
             activation: bool, pe, simd, res_type: str = "lut", mem_mode: str = "internal_decoupled",
             ram_style: str = "auto", ram_style_thresholds: str = "auto") -> np.ndarray:
    """``MVAU_hls.lut_estimation``: :func:`mac_luts` with the accumulator
    min(accDataType bits, :func:`acc_bound`) and, for thresholds in LUTRAM
    (``ram_style_thresholds`` distributed), (2^B - 1)·acc·ceil(TMEM/64)
    threshold LUTs and (2^B - 1)·acc comparators (B output bits, TMEM = MH/PE)."""
    pe, simd = _a(pe), _a(simd)
    acc = min(acc_bits, acc_bound(mw, wbits, abits, signed_input))
    thr, cmp = 0 * pe, 0.0
    if activation and ram_style_thresholds == "distributed":
        levels = 2**obits - 1
        thr, cmp = levels * acc * np.ceil(mh / pe / 64), levels * acc
    return mac_luts(pe, simd, wbits, abits, acc, res_type, thr, cmp, mw * mh / (pe * simd), mem_mode, ram_style)


def mvau_bram(mh: int, mw: int, wbits: int, pe, simd, mem_mode: str = "internal_decoupled",
              ram_style: str = "auto") -> np.ndarray:
    """``MVAU.bram_estimation``: one memory of WMEM = MW·MH/(PE·SIMD) words of
    PE·SIMD·W bits in RAMB18s (:func:`ramb18_finn_r`); none when the weights
    are in LUTRAM or URAM, off chip, or embedded and at most 128 deep."""
    pe, simd = _a(pe), _a(simd)
    wmem = mw * mh / (pe * simd)
    none = (mem_mode == "internal_decoupled" and ram_style in ("distributed", "ultra")) \
        | ((mem_mode == "internal_embedded") & (wmem <= 128)) | (mem_mode in ("external", "external_mem"))
    return np.where(none, 0, ramb18_finn_r(wmem, pe * simd * wbits))


def mvau_uram(mh: int, mw: int, wbits: int, pe, simd, mem_mode: str = "internal_decoupled",
              ram_style: str = "auto") -> np.ndarray:
    """``MVAU.uram_estimation``: ceil(PE·SIMD·W/72)·ceil(WMEM/4096) URAMs when
    the weights are decoupled in ``ultra`` (or embedded and deeper than 128)."""
    pe, simd = _a(pe), _a(simd)
    wmem = mw * mh / (pe * simd)
    none = (mem_mode == "internal_decoupled" and ram_style != "ultra") \
        | ((mem_mode == "internal_embedded") & (wmem <= 128)) | (mem_mode in ("external", "external_mem"))
    return np.where(none, 0, np.ceil(pe * simd * wbits / 72) * np.ceil(wmem / 4096))


def mvau_dsp(wbits: int, abits: int, pe, simd, res_type: str) -> np.ndarray:
    """``MVAU_hls.dsp_estimation``: PE·SIMD·ceil((W+A)/48) with DSP multipliers."""
    return _a(pe) * _a(simd) * math.ceil((wbits + abits) / 48) * (res_type == "dsp")


def vvau_cycles(channels: int, kernel: int, pixels: int, pe, simd) -> np.ndarray:
    """(C·K²/PE/SIMD)·OH·OW (``VVAU.get_exp_cycles``, vectorvectoractivation.py)."""
    return _int(channels * kernel / _a(pe) / _a(simd) * pixels)


def vvau_lut(channels: int, kernel: int, wbits: int, abits: int, obits: int, acc_bits: int, signed_input: bool,
             activation: bool, pe, simd, res_type: str = "lut", mem_mode: str = "internal_decoupled",
             ram_style: str = "auto") -> np.ndarray:
    """``VVAU_hls.lut_estimation`` (hls/vectorvectoractivation_hls.py): as the
    MVAU's with alpha over the window (K²), and its thresholds always counted:
    (2^B - 1)·acc·TMEM/64 and (2^B - 1)·acc comparators (TMEM = C/PE)."""
    pe, simd = _a(pe), _a(simd)
    acc = min(acc_bits, acc_bound(kernel, wbits, abits, signed_input))
    thr, cmp = 0 * pe, 0.0
    if activation:
        levels = 2**obits - 1
        thr, cmp = levels * acc * (channels / pe) / 64, levels * acc
    return mac_luts(pe, simd, wbits, abits, acc, res_type, thr, cmp, channels * kernel / (pe * simd), mem_mode,
                    ram_style)


def vvau_bram(channels: int, kernel: int, wbits: int, pe, simd, mem_mode: str = "internal_decoupled",
              ram_style: str = "auto") -> np.ndarray:
    """``VVAU.bram_estimation``: like the MVAU's, but 9/16/32-bit words where the
    MVAU's are 9/18/36, and none for ``auto`` memories of at most 128 words."""
    pe, simd = _a(pe), _a(simd)
    wmem = channels * kernel / (pe * simd)
    width = pe * simd * wbits
    none = (mem_mode == "internal_decoupled" and ram_style in ("distributed", "ultra")) \
        | ((ram_style == "auto") & (wmem <= 128)) | ((mem_mode == "internal_embedded") & (wmem <= 128)) \
        | (mem_mode == "external")
    blocks = np.select(
        [width == 1, width == 2, width <= 4, width <= 9, (width <= 18) | (wmem > 512)],
        [np.ceil(wmem / 16384), np.ceil(wmem / 8192), np.ceil(wmem / 4096) * np.ceil(width / 4),
         np.ceil(wmem / 2048) * np.ceil(width / 8), np.ceil(wmem / 1024) * np.ceil(width / 16)],
        np.ceil(wmem / 512) * np.ceil(width / 32))
    return np.where(none, 0, blocks)


def vvau_dsp(wbits: int, abits: int, pe, res_type: str) -> np.ndarray:
    """``VVAU_hls.dsp_estimation``: PE·ceil((W+A)/48) with DSP multipliers."""
    return _a(pe) * math.ceil((wbits + abits) / 48) * (res_type == "dsp")


# --- Thresholding_rtl ---------------------------------------------------------------


def channel_cycles(channels: int, vectors: int, pe) -> np.ndarray:
    """(C/PE)·vectors: the folded output shape without its last dimension
    (``get_exp_cycles`` of Thresholding, DuplicateStreams, Reshape and the
    elementwise binary ops)."""
    return _int(channels / _a(pe) * vectors)


def thresholding_memory(channels: int, threshold_bits: int, obits: int, pe) -> dict[str, np.ndarray]:
    """``Thresholding_rtl.get_memory_estimate`` (rtl/thresholding_rtl.py): per PE
    and output bit x in 0..B-1 one memory of C/PE·2^x thresholds of the
    threshold datatype's width, each built from its least-waste primitive
    (:func:`least_waste`); counts per kind (LUTRAM is its LUT estimate)."""
    pe = _a(pe)
    total = {k: 0 * pe for k in ("URAM", "BRAM", "LUTRAM")}
    for x in range(obits):
        got = least_waste(threshold_bits, channels / pe * 2**x)
        for k in total:
            total[k] = total[k] + pe * got[k]
    return total


# --- ConvolutionInputGenerator_rtl ----------------------------------------------------


def swu_impl_parallel(kernel: tuple[int, int], parallel_window: bool) -> bool:
    """FINN's ``select_impl_style``: the parallel implementation for a parallel
    window or a 1x1 kernel, else the default."""
    return bool(parallel_window) or kernel == (1, 1)


def swu_buffer_depth(channels: int, ifm: tuple[int, int], kernel: tuple[int, int], stride: tuple[int, int],
                     dilation: tuple[int, int], simd, parallel: bool = False) -> np.ndarray:
    """``ConvolutionInputGenerator_rtl.get_buffer_depth``
    (rtl/convolutioninputgenerator_rtl.py), with CF = C/SIMD: default
    implementation ((KH-1)·DH·W + (KW-1)·DW + 1)·CF + max(0, (SW-1 - KH·KW)·CF)
    + max(0, ((SH-1)·W - KH·KW)·CF); parallel ((KH-1)·DH·W + (KW-1)·DW)·CF + 2."""
    cf = np.floor(channels / _a(simd))
    (kh, kw), (_, w), (sh, sw), (dh, dw) = kernel, ifm, stride, dilation
    if parallel:
        return ((kh - 1) * dh * w + (kw - 1) * dw) * cf + 2
    base = ((kh - 1) * dh * w + (kw - 1) * dw + 1) * cf
    return base + np.maximum(0, (sw - 1 - kh * kw) * cf) + np.maximum(0, ((sh - 1) * w - kh * kw) * cf)


def swu_cycles(channels: int, ifm: tuple[int, int], ofm: tuple[int, int], kernel: tuple[int, int],
               stride: tuple[int, int], dilation: tuple[int, int], simd, depthwise: bool = False,
               parallel_window: bool = False) -> np.ndarray:
    """``ConvolutionInputGenerator_rtl.get_exp_cycles``. Parallel implementation:
    the input words + 2 (IH·IW·C/SIMD + 2). Default, 2D (CF = C/SIMD):
    ((KH-1)·DH·IW + (KW-1)·DW + 1)·CF + OH·max(OW·KW·KH·CF, SW·IW·CF)
    (+ OW·(SW-1)·(CF-1) per output row and (SH-1)·IW·CF per frame when
    depthwise); 1D (a dimension of 1): OW·KW·CF + 2, depthwise
    max(OW·KW·CF + (CF-1)·KW, IW·CF + CF·(KW-1)·(SW-1)) + 2."""
    simd = _a(simd)
    cf = np.floor(channels / simd)
    (ih, iw), (oh, ow), (kh, kw), (sh, sw), (dh, dw) = ifm, ofm, kernel, stride, dilation
    if swu_impl_parallel(kernel, parallel_window):
        return _int(ih * iw * channels / simd + 2)
    if ih == 1 or iw == 1:  # 1D: normalized so that the window runs along W
        if iw == 1:
            (ih, iw), (oh, ow), (kh, kw), (sh, sw), (dh, dw) = (iw, ih), (ow, oh), (kw, kh), (sw, sh), (dw, dh)
        if depthwise:
            return _int(np.maximum(ow * kw * cf + (cf - 1) * kw, iw * cf + cf * (kw - 1) * (sw - 1)) + 2)
        return _int(ow * kw * cf + 2)
    buffer_min = ((kh - 1) * dh * iw + (kw - 1) * dw + 1) * cf
    per_row = np.maximum(ow * kw * kh * cf, sw * iw * cf)
    if depthwise:
        per_row = per_row + ow * (sw - 1) * (cf - 1)
    cycles = buffer_min + oh * per_row
    if depthwise:
        cycles = cycles + (sh - 1) * iw * cf
    return _int(cycles)


def _swu_ram_width(depth) -> np.ndarray:
    d = _a(depth)
    return np.select([d <= 512, d <= 1024, d <= 2048, d <= 4096, d <= 8192], [36, 18, 9, 4, 2], 1)


def swu_lut(width, depth, ram_style: str) -> np.ndarray:
    """``ConvolutionInputGenerator_rtl.lut_estimation``: 300 + (for a
    ``distributed`` buffer) SIMD·A·ceil(depth/38)."""
    return 300 + (np.floor(_a(width) * np.ceil(_a(depth) / 38)) if ram_style == "distributed" else 0 * _a(depth))


def swu_bram(width, depth, ram_style: str, count: int = 1) -> np.ndarray:
    """``ConvolutionInputGenerator_rtl.bram_estimation`` for a ``block`` or
    ``auto`` buffer of ``count`` memories of ``depth`` x ``width`` bits:
    cascades of 16K-deep RAMB18s of the aspect ratio the depth allows
    (36/18/9/4/2/1 bits up to 512/1K/2K/4K/8K words), ceil(depth/16384)·
    ceil(width/ratio), less the narrower last cascade's savings."""
    if ram_style not in ("block", "auto"):
        return 0 * _a(depth)
    w, d = _a(width), _a(depth)
    full = np.ceil(d / 16384) * np.ceil(w / _swu_ram_width(d))
    savings = np.where(d > 16384, np.ceil(w / _swu_ram_width(d)) - np.ceil(w / _swu_ram_width(d % 16384)), 0)
    return (full - savings) * count


def swu_uram(width, depth, ram_style: str, count: int = 1) -> np.ndarray:
    """``ConvolutionInputGenerator_rtl.uram_estimation``: ceil(depth/4096)·
    ceil(width/72) for an ``ultra`` buffer."""
    if ram_style != "ultra":
        return 0 * _a(depth)
    return np.ceil(_a(depth) / 4096) * np.ceil(_a(width) / 72) * count


def swu_memory(channels: int, abits: int, ifm: tuple[int, int], kernel: tuple[int, int], stride: tuple[int, int],
               dilation: tuple[int, int], simd, ram_style: str, parallel_window: bool = False) -> dict[str, np.ndarray]:
    """LUT, BRAM18 and URAM of a window generator (the functions above; the
    parallel implementation's RAMs are KH-1 line buffers of (IW - KW') +
    IW·(DH-1) words, none in 1D)."""
    simd = _a(simd)
    width = simd * abits
    parallel = swu_impl_parallel(kernel, parallel_window)
    depth = swu_buffer_depth(channels, ifm, kernel, stride, dilation, simd, parallel)
    ram_depth, count = depth, 1
    if parallel:
        (ih, iw), (kh, kw), (dh, dw) = ifm, kernel, dilation
        ram_depth, count = 0 * simd + (iw - ((kw - 1) * dw + 1)) + iw * (dh - 1), kh - 1
        if ih == 1 or iw == 1:
            count = 0
    return {"lut": swu_lut(width, depth, ram_style), "bram18": swu_bram(width, ram_depth, ram_style, count),
            "uram": swu_uram(width, ram_depth, ram_style, count)}


# --- the small streaming nodes ----------------------------------------------------------


def pool_cycles(channels: int, kernel: tuple[int, int], ofm: tuple[int, int], pe) -> np.ndarray:
    """(C·KH·KW/PE)·OH·OW (``Pool.get_exp_cycles``, pool.py); Pool_hls has no
    resource estimate (0)."""
    return _int(channels * kernel[0] * kernel[1] / _a(pe) * ofm[0] * ofm[1])


def fmpadding_cycles(channels: int, ofm: tuple[int, int], simd) -> np.ndarray:
    """(C/SIMD)·OH·OW (``FMPadding.get_exp_cycles``, fmpadding.py)."""
    return _int(channels / _a(simd) * ofm[0] * ofm[1])


def labelselect_cycles(labels: int, pe) -> np.ndarray:
    """Labels/PE (``LabelSelect.get_exp_cycles``, labelselect.py)."""
    return _int(labels / _a(pe))


def dwc_lut(in_bits: int, out_bits: int) -> int:
    """``StreamingDataWidthConverter.lut_estimation``: through the least common
    multiple L of the widths, |ceil(log2(in/L))| + L counter and control LUTs
    when in != L, |ceil(log2(L/out))| + out when L != out."""
    lcm = in_bits * out_bits // math.gcd(in_bits, out_bits)
    luts = 0
    if in_bits != lcm:
        luts += abs(math.ceil(math.log2(in_bits / lcm))) + lcm
    if lcm != out_bits:
        luts += abs(math.ceil(math.log2(lcm / out_bits))) + out_bits
    return luts
