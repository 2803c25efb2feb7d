"""finnr.models against hand-computed values: every cycle and resource
formula of finnr/models/cost.py (REFERENCE.md's FINN/FINN-R formulas), their
vectorized evaluation, FINN's SetFolding heuristic, the folding-config JSON
both ways, the device database and the network performance figures."""

from __future__ import annotations

import json
import math
import warnings

import numpy as np
import pytest
from xdsl.parser import Parser

from finnr.diagnostics import FinnrError
from finnr.dialects import dataflow as df
from finnr.dialects import finnr_context
from finnr.interop.finn import OP_TYPE, apply_folding_config, finn_names, finn_op_class, folding_config
from finnr.models import cost, schedule
from finnr.models import layers as lm
from finnr.models.cost import LayerSpec
from finnr.models.devices import DEVICES, get_device
from finnr.models.folding import Fold, divisors, set_folding, set_folding_layer


def c(spec: LayerSpec, pe=1, simd=1) -> float:
    return float(cost.cycles(spec, pe, simd))


# --- cycles --------------------------------------------------------------------


def test_cycles_mvau():
    # (MH/PE)(MW/SIMD) per vector
    spec = LayerSpec("mvau", mw=8, mh=4, vectors=9)
    assert c(spec) == 4 * 8 * 9
    assert c(spec, pe=2, simd=4) == 2 * 2 * 9
    assert c(spec, pe=4, simd=8) == 9


def test_cycles_vvau():
    # (C/PE)(KH*KW/SIMD) OH OW
    spec = LayerSpec("vvau", channels=4, kernel=(3, 3), ofm=(5, 5))
    assert c(spec) == 4 * 9 * 25
    assert c(spec, pe=2, simd=3) == 2 * 3 * 25


@pytest.mark.parametrize("kind", ["thresholding", "duplicate", "add_streams"])
def test_cycles_per_channel_layers(kind):
    # (C/PE) vectors; SIMD plays no part
    spec = LayerSpec(kind, channels=8, vectors=10)
    assert c(spec) == 80
    assert c(spec, pe=4) == 20
    assert c(spec, pe=4, simd=8) == 20


def window(ih, iw, cf, kernel, stride, ofm, dil=1):
    """finnr's line-buffer window engine, written out: the input rows, or
    the output rows (each reading its windows or waiting for STRIDE input
    rows) plus the rows of the next frame's first window that the last
    output row leaves to fill."""
    (kh, kw), (sh, _), (oh, ow) = kernel, stride, ofm
    span = dil * (kh - 1) + 1
    trailing = ih - ((oh - 1) * sh + span)
    fill = max(0, trailing + span - sh)
    return max(ih * iw * cf, oh * max(ow * kh * kw * cf, sh * iw * cf) + fill * iw * cf)


def test_cycles_swu():
    spec = LayerSpec("swu", channels=4, kernel=(3, 3), ifm=(8, 8), ofm=(6, 6))
    assert c(spec) == 6 * 6 * 9 * 4 + 2 * 8 * 4 == window(8, 8, 4, (3, 3), (1, 1), (6, 6))  # 1296 + 2 rows
    assert c(spec, simd=2) == 6 * 6 * 9 * 2 + 2 * 8 * 2  # 648 + 32 = 680
    # (FINN's formula fills 3 rows per frame without overlap: 1392 and 696)
    # stride 2: 9x9 -> 4x4, no bottom row unused; 2 rows of the next frame are written meanwhile
    spec = LayerSpec("swu", channels=2, kernel=(3, 3), stride=(2, 2), ifm=(9, 9), ofm=(4, 4))
    assert c(spec) == 4 * 4 * 9 * 2 + 1 * 9 * 2 == window(9, 9, 2, (3, 3), (2, 2), (4, 4))
    # a 1x1 window of stride 2: reading the input rows dominates
    spec = LayerSpec("swu", channels=2, kernel=(1, 1), stride=(2, 2), ifm=(8, 8), ofm=(4, 4))
    assert c(spec) == 8 * 8 * 2
    # dilation 2: 9x9, 3x3 -> 5x5, the window spans 5 rows
    spec = LayerSpec("swu", channels=1, kernel=(3, 3), dilation=(2, 2), ifm=(9, 9), ofm=(5, 5))
    assert c(spec) == 5 * 5 * 9 + 4 * 9 == window(9, 9, 1, (3, 3), (1, 1), (5, 5), dil=2)
    # a rectangular window keeps KH and KW apart: 6x8, 1x3 -> 6x6, nothing to fill
    spec = LayerSpec("swu", channels=2, kernel=(1, 3), ifm=(6, 8), ofm=(6, 6))
    assert c(spec) == 6 * 6 * 3 * 2


def test_cycles_maxpool():
    # the same engine reading each channel fold's window: for non-overlapping
    # windows exactly the input's beats (FINN's inexact formula: 1.25x that)
    spec = LayerSpec("maxpool", channels=8, kernel=(2, 2), stride=(2, 2), ifm=(4, 4), ofm=(2, 2))
    assert c(spec) == 16 * 8
    assert c(spec, pe=2) == 16 * 4
    assert c(spec, pe=8) == 16
    spec = LayerSpec("maxpool", channels=1, kernel=(3, 3), stride=(3, 3), ifm=(5, 5), ofm=(1, 1))
    assert c(spec) == 25
    # overlapping windows read more than the input
    spec = LayerSpec("maxpool", channels=2, kernel=(3, 2), stride=(2, 1), ifm=(9, 7), ofm=(4, 6))
    assert c(spec) == 4 * 6 * 6 * 2 + 1 * 7 * 2 == window(9, 7, 2, (3, 2), (2, 1), (4, 6))


def test_cycles_pad_label_select_dwc_fifo():
    # pad: (C/SIMD) OH OW
    assert c(LayerSpec("pad", channels=4, ifm=(4, 4), ofm=(6, 6)), simd=2) == 2 * 36
    assert c(LayerSpec("pad", channels=4, ifm=(4, 4), ofm=(6, 6)), pe=4) == 4 * 36
    # label_select: max(L/PE, K) per vector
    assert c(LayerSpec("label_select", channels=10), pe=5) == 2
    assert c(LayerSpec("label_select", channels=10, vectors=3), pe=5) == 6
    assert c(LayerSpec("label_select", channels=10, extra={"k": 4}), pe=5) == 4
    # dwc: elements / min(in, out) beats (= the larger of the beat counts)
    assert c(LayerSpec("dwc", channels=12, vectors=2, in_elems=3, out_elems=4)) == 24 / 3
    assert c(LayerSpec("dwc", channels=12, vectors=2, in_elems=6, out_elems=2)) == 24 / 2
    # fifo: elements / beat
    assert c(LayerSpec("fifo", channels=12, vectors=2, in_elems=4, out_elems=4)) == 6


def test_macs():
    assert cost.macs(LayerSpec("mvau", mw=8, mh=4, vectors=9)) == 288
    assert cost.macs(LayerSpec("vvau", channels=4, kernel=(3, 3), ofm=(5, 5))) == 900
    assert cost.macs(LayerSpec("swu", channels=4)) == 0


def test_unknown_kind():
    with pytest.raises(ValueError, match="unknown layer kind 'conv'"):
        LayerSpec("conv")


# --- memories ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("depth", "width", "blocks"),
    [
        # 16K x 1
        (16384, 1, 1), (16385, 1, 2),
        # 8K x 2
        (8192, 2, 1), (8193, 2, 2),
        # 4K x 4: ceil(d/4096) ceil(w/4)
        (4096, 3, 1), (4096, 4, 1), (4097, 4, 2),
        # 2K x 9: ceil(d/2048) ceil(w/9)
        (2048, 5, 1), (2048, 9, 1), (2049, 9, 2),
        # 1K x 18 (w <= 18, or deeper than 512): ceil(d/1024) ceil(w/18)
        (1024, 10, 1), (1024, 18, 1), (1025, 18, 2), (1024, 36, 2), (513, 36, 2), (2048, 72, 8),
        # 512 x 36: ceil(d/512) ceil(w/36)
        (512, 36, 1), (512, 37, 2), (100, 19, 1), (512, 72, 2),
        # nothing to store
        (100, 0, 0),
    ],
)
def test_bram18_aspect_ratios(depth, width, blocks):
    assert float(cost.bram18(depth, width)) == blocks


def test_bram18_vectorized():
    d = np.array([16385, 8193, 4097, 2049, 1025, 512])
    w = np.array([1, 2, 4, 9, 18, 36])
    np.testing.assert_array_equal(cost.bram18(d, w), [2, 2, 2, 2, 2, 1])


def test_uram_and_lutram():
    # URAM 4K x 72: ceil(w/72) ceil(d/4096)
    assert float(cost.uram(4096, 72)) == 1
    assert float(cost.uram(4097, 72)) == 2
    assert float(cost.uram(4096, 73)) == 2
    assert float(cost.uram(8192, 144)) == 4
    # LUTRAM 64 x 1 per LUT: w ceil(d/64)
    assert float(cost.lutram(64, 8)) == 8
    assert float(cost.lutram(65, 8)) == 16
    assert float(cost.lutram(1, 3)) == 3


def test_weight_memory():
    # MW MH / (PE SIMD) words of SIMD W bits, per PE
    depth, width = cost.weight_memory(LayerSpec("mvau", mw=8, mh=4, wbits=2), 2, 4)
    assert (float(depth), float(width)) == (4, 8)
    depth, width = cost.weight_memory(LayerSpec("vvau", channels=4, kernel=(3, 3), wbits=3), 2, 3)
    assert (float(depth), float(width)) == (6, 9)


def test_finn_r_functions():
    # CNV's third layer (MW 1152, MH 128, binary) at PE 4, SIMD 32:
    # BRAM = P ceil(Omega/512) ceil(Q W/36), Omega = 1152*128/128 = 1152
    spec = LayerSpec("mvau", mw=1152, mh=128, wbits=1, abits=1)
    assert float(cost.finn_r_bram(spec, 4, 32)) == 4 * 3 * 1
    # ... and at SIMD 64 the words are 64 bits: two BRAMs wide, 576 deep
    assert float(cost.finn_r_bram(spec, 4, 64)) == 4 * 2 * 2
    # LUT = 300 + 1.1 P Q W A
    assert float(cost.finn_r_lut(spec, 4, 32)) == pytest.approx(300 + 1.1 * 128)
    spec = LayerSpec("mvau", mw=64, mh=64, wbits=2, abits=3)
    assert float(cost.finn_r_lut(spec, 2, 8)) == pytest.approx(300 + 1.1 * 2 * 8 * 6)


# --- MVAU resources -----------------------------------------------------------------


INT_MVAU = LayerSpec("mvau", mw=8, mh=4, wbits=2, abits=2, obits=2, thresholds=3)


def test_mvau_resources_integer():
    # W = A = 2, unsigned input, PE 2, SIMD 4 (see dataflow-estimate.mlir):
    # mult 4*(2*1-1)*4 = 16, adders 4*7 = 28,
    # alpha = log2(8) + 2 + 2 - 1 = 6, acc = ceil(6 + log2(1 + 2^-6) + 1) = 8,
    # thr = 3*8*ceil(2/64) = 24, cmp = 24, LUTRAM weights 2 * 8 ceil(4/64) = 16
    r = cost.mvau_resources(INT_MVAU, 2, 4)
    assert float(r["lut"]) == pytest.approx(300 + 1.1 * 2 * (16 + 28 + 8 + 24 + 24) + 16)
    assert float(r["ff"]) == 2 * (4 * 4 + 8 + 2)
    assert (float(r["bram18"]), float(r["uram"]), float(r["dsp"])) == (0, 0, 0)


def test_mvau_resources_signed_input_and_no_thresholds():
    # a signed input takes one bit off alpha: 5 -> acc ceil(5 + log2(1 + 1/32) + 1) = 7
    spec = LayerSpec("mvau", mw=8, mh=4, wbits=2, abits=2, obits=2, thresholds=3, signed_input=True)
    r = cost.mvau_resources(spec, 2, 4)
    assert float(r["lut"]) == pytest.approx(300 + 1.1 * 2 * (16 + 28 + 7 + 21 + 21) + 16)
    # without thresholds the accumulator is capped at acc_bits (the result's
    # width) and there are no comparators or threshold memories
    spec = LayerSpec("mvau", mw=8, mh=4, wbits=2, abits=2, obits=5, acc_bits=5)
    r = cost.mvau_resources(spec, 1, 4)
    # (8 words of 8 bits: 8 LUTs of LUTRAM)
    assert float(r["lut"]) == pytest.approx(300 + 1.1 * (16 + 28 + 5) + 8)
    assert float(r["ff"]) == 16 + 5 + 5


def test_mvau_resources_xnor():
    # bipolar x bipolar: XNOR-popcount, no multipliers, a popcount tree of
    # 2 SIMD - 1; alpha = log2(64) + 1 + 1 - 1 - 1 (signed) = 6, acc = 8;
    # one threshold, tmem = 16/4 = 4: thr 8, cmp 8; weights 64*16/64 = 16
    # words of 16 bits: LUTRAM 16 per PE
    spec = LayerSpec("mvau", mw=64, mh=16, wbits=1, abits=1, obits=1, thresholds=1,
                     signed_input=True, binary_xnor=True)
    r = cost.mvau_resources(spec, 4, 16)
    assert float(r["lut"]) == pytest.approx(300 + 1.1 * 4 * (0 + 31 + 8 + 8 + 8) + 4 * 16)
    assert float(r["ff"]) == 4 * (16 * 2 + 8 + 1)
    # XNOR never uses DSPs, even when asked to
    assert float(cost.mvau_resources(spec, 4, 16, res_type="dsp")["dsp"]) == 0
    assert float(cost.mvau_resources(spec, 4, 16, res_type="dsp")["lut"]) == float(r["lut"])


def test_mvau_resources_lut_vs_dsp_multipliers():
    # W = A = 4: a LUT multiplier costs (2 ceil(8/6) - 1) 8 = 24 LUTs per SIMD
    # lane; with DSPs they go, and P Q ceil(8/48) = P Q DSPs appear
    spec = LayerSpec("mvau", mw=16, mh=8, wbits=4, abits=4, obits=4, thresholds=15)
    lut = cost.mvau_resources(spec, 2, 4, res_type="lut")
    dsp = cost.mvau_resources(spec, 2, 4, res_type="dsp")
    assert float(lut["lut"] - dsp["lut"]) == pytest.approx(1.1 * 2 * 4 * 24)
    assert float(lut["dsp"]) == 0
    assert float(dsp["dsp"]) == 2 * 4
    # W + A = 49 bits: two DSPs per lane
    wide = LayerSpec("mvau", mw=16, mh=8, wbits=24, abits=25, acc_bits=32)
    assert float(cost.mvau_resources(wide, 2, 4, res_type="dsp")["dsp"]) == 2 * 4 * 2


def test_mvau_weight_memory_styles():
    # MW 256, MH 64, W 2, SIMD 2: 8192 words of 4 bits per PE
    spec = LayerSpec("mvau", mw=256, mh=64, wbits=2, abits=2, obits=12, acc_bits=12)
    auto = cost.mvau_resources(spec, 1, 2)
    assert float(auto["bram18"]) == 2  # > 128 words: BRAM, 4K x 4 twice
    block = cost.mvau_resources(spec, 2, 2, ram_style="block")
    assert float(block["bram18"]) == 2 * 1  # 4096 words per PE
    ultra = cost.mvau_resources(spec, 1, 2, ram_style="ultra")
    assert (float(ultra["uram"]), float(ultra["bram18"])) == (2, 0)
    dist = cost.mvau_resources(spec, 1, 2, ram_style="distributed")
    assert float(dist["bram18"]) == 0
    assert float(dist["lut"] - auto["lut"]) == 4 * 8192 / 64
    # small memories default to LUTRAM: 8 words
    small = cost.mvau_resources(spec, 64, 32)
    assert float(small["bram18"]) == 0


@pytest.mark.parametrize("style", ["auto", "block", "ultra", "distributed"])
def test_mvau_external_weights_cost_no_memory(style):
    spec = LayerSpec("mvau", mw=256, mh=64, wbits=2, abits=2, obits=12, acc_bits=12)
    internal = cost.mvau_resources(spec, 1, 2, ram_style=style)
    external = cost.mvau_resources(spec, 1, 2, ram_style=style, mem_mode="external")
    assert (float(external["bram18"]), float(external["uram"])) == (0, 0)
    # the compute is the same; only LUTRAM weights (if any) go
    lutram = 4 * 8192 / 64 if style == "distributed" else 0
    assert float(internal["lut"] - external["lut"]) == pytest.approx(lutram)


def test_vvau_resources():
    # a VVAU's "MW" is its window (9) and its rows the channels
    spec = LayerSpec("vvau", channels=4, kernel=(3, 3), ofm=(4, 4), wbits=2, abits=2, obits=2,
                     thresholds=3)
    r = cost.mvau_resources(spec, 2, 3)
    # mult 3*1*4 = 12, adders 4*5 = 20, alpha log2(9)+3 = 6.17 -> acc 8,
    # thr 3*8*ceil(2/64) = 24, cmp 24, weights 36/6 = 6 words of 6 bits
    alpha = math.log2(9) + 3
    acc = math.ceil(alpha + math.log2(1 + 2**-alpha) + 1)
    assert acc == 8
    assert float(r["lut"]) == pytest.approx(300 + 1.1 * 2 * (12 + 20 + 8 + 24 + 24) + 2 * 6)


def test_other_layer_resources():
    # thresholding: 100 + PE T A comparators + LUTRAM tables of C/PE words of T A bits
    thr = cost.thresholding_resources(LayerSpec("thresholding", channels=4, thresholds=3, abits=4, obits=2), 2)
    assert float(thr["lut"]) == 100 + 2 * 3 * 4 + 2 * 12
    assert float(thr["ff"]) == 2 * (4 + 2)
    # a deep table goes to BRAM: 2048 channels, PE 1: 2048 words of 45 bits
    deep = cost.thresholding_resources(LayerSpec("thresholding", channels=2048, thresholds=15, abits=3), 1)
    assert float(deep["bram18"]) == math.ceil(2048 / 1024) * math.ceil(45 / 18)
    # swu: (K + stride) lines of IFM_W C/SIMD words of SIMD A bits, in BRAM
    # above 16 Kib: with 1-bit inputs 4 * 512 words * 4 bits = 8 Kib (LUTRAM)
    swu = LayerSpec("swu", channels=64, kernel=(3, 3), ifm=(32, 32), ofm=(30, 30), abits=1)
    r = cost.swu_resources(swu, 4)
    assert float(r["bram18"]) == 0
    assert float(r["lut"]) == 200 + 10 * 4 + 4 * math.ceil(4 * 512 / 64)
    # with 4-bit inputs 32 Kib: 4 lines of ceil(512/1024) ceil(16/18) RAMB18
    swu = LayerSpec("swu", channels=64, kernel=(3, 3), ifm=(32, 32), ofm=(30, 30), abits=4)
    r = cost.swu_resources(swu, 4)
    assert (float(r["bram18"]), float(r["lut"])) == (4, 200 + 10 * 16)
    # stride 2 buffers K + 2 lines; dilation 2 spans 2*(3-1)+1 = 5 lines
    strided = LayerSpec("swu", channels=64, kernel=(3, 3), stride=(2, 2), ifm=(32, 32), ofm=(15, 15), abits=4)
    assert float(cost.swu_resources(strided, 4)["bram18"]) == 5
    dilated = LayerSpec("swu", channels=64, kernel=(3, 3), dilation=(2, 2), ifm=(32, 32), ofm=(28, 28), abits=4)
    assert float(cost.swu_resources(dilated, 4)["bram18"]) == 6
    # fifo: LUTRAM up to 64 words, BRAM deeper
    f = cost.stream_resources(LayerSpec("fifo", channels=8, depth=32, in_elems=4, out_elems=4, abits=2))
    assert (float(f["lut"]), float(f["bram18"])) == (20 + 8, 0)
    # ... where finnr_fifo's PREFETCH stage reads it ahead into registers: 3.1 LUT and 4 FF a bit, + 19 and 21
    f = cost.stream_resources(LayerSpec("fifo", channels=8, depth=1024, in_elems=4, out_elems=4, abits=2))
    assert (float(f["lut"]), float(f["ff"]), float(f["bram18"])) == (20 + 3.1 * 8 + 19, 2 * 8 + 20 + 4 * 8 + 21, 1)
    # dwc: proportional to the wider side
    d = cost.stream_resources(LayerSpec("dwc", channels=8, in_elems=2, out_elems=8, abits=2))
    assert (float(d["lut"]), float(d["ff"])) == (16 * 2 + 50, 32)


# --- vectorized evaluation -----------------------------------------------------------


def test_vectorized_matches_scalar():
    """Arrays of PE and SIMD (broadcast to a grid) give the same figures as
    one scalar call per folding, including where 'auto' switches the
    weights from BRAM to LUTRAM."""
    pes = np.array([1, 2, 4, 8, 16])
    simds = np.array([1, 2, 4, 8, 16, 32, 64])[:, None]
    specs = [
        LayerSpec("mvau", mw=64, mh=16, vectors=9, wbits=2, abits=2, obits=2, thresholds=3),
        LayerSpec("mvau", mw=64, mh=16, wbits=1, abits=1, obits=1, thresholds=1, signed_input=True,
                  binary_xnor=True),
        LayerSpec("vvau", channels=16, kernel=(8, 8), ofm=(3, 3), wbits=4, abits=4, obits=4, thresholds=15),
    ]
    for spec in specs:
        grid_cycles = cost.cycles(spec, pes, simds)
        for res_type in ("lut", "dsp"):
            grid = cost.mvau_resources(spec, pes, simds, res_type=res_type)
            for i, s in enumerate(simds[:, 0]):
                for j, p in enumerate(pes):
                    assert grid_cycles[i, j] == c(spec, int(p), int(s))
                    one = cost.mvau_resources(spec, int(p), int(s), res_type=res_type)
                    for k in ("lut", "ff", "bram18", "uram", "dsp"):
                        assert np.shape(grid[k]) == (len(simds), len(pes)), k
                        assert grid[k][i, j] == pytest.approx(float(one[k])), (k, p, s)
        styles = cost.resolve_ram_style("auto", *cost.weight_memory(spec, pes, simds))
        assert {"block", "distributed"} <= set(styles.ravel()) or spec.kind == "vvau"
    # the one-parallelism layers
    swu = LayerSpec("swu", channels=64, kernel=(3, 3), ifm=(32, 32), ofm=(30, 30), abits=2)
    thr = LayerSpec("thresholding", channels=64, vectors=100, thresholds=3, abits=8, obits=2)
    simd = np.array([1, 2, 4, 8, 16, 32, 64])
    grid_swu, grid_thr = cost.swu_resources(swu, simd), cost.thresholding_resources(thr, simd)
    for i, s in enumerate(simd):
        assert cost.cycles(swu, 1, simd)[i] == c(swu, 1, int(s))
        assert cost.cycles(thr, simd)[i] == c(thr, int(s))
        for k in ("lut", "ff", "bram18"):
            assert grid_swu[k][i] == pytest.approx(float(cost.swu_resources(swu, int(s))[k]))
            assert grid_thr[k][i] == pytest.approx(float(cost.thresholding_resources(thr, int(s))[k]))
    for kind in ("maxpool", "pad", "label_select", "add_streams", "duplicate", "dwc", "fifo"):
        spec = LayerSpec(kind, channels=64, vectors=4, kernel=(2, 2), ifm=(4, 4), ofm=(2, 2),
                         in_elems=2, out_elems=4)
        grid = cost.cycles(spec, pes, simds)
        assert np.shape(grid) == (len(simds), len(pes)), kind
        assert grid[3, 2] == c(spec, int(pes[2]), int(simds[3, 0])), kind


# --- SetFolding ------------------------------------------------------------------


def test_divisors():
    assert divisors(1) == [1]
    assert divisors(7) == [1, 7]
    assert divisors(12) == [1, 2, 3, 4, 6, 12]
    assert divisors(36) == [1, 2, 3, 4, 6, 9, 12, 18, 36]


def fold(spec, target) -> tuple[int, int]:
    f = set_folding_layer(spec, target)
    return f.pe, f.simd


def test_set_folding_mvau_simd_first():
    # MW 8, MH 4, W 2, target 10: SIMD 1, 2, 4 give 32, 16, 8 < 10
    assert fold(LayerSpec("mvau", mw=8, mh=4, wbits=2), 10) == (1, 4)
    # target 3: SIMD 8 (4 cycles), then PE 2 (2 cycles)
    assert fold(LayerSpec("mvau", mw=8, mh=4, wbits=2), 3) == (2, 8)
    # already fast enough unfolded
    assert fold(LayerSpec("mvau", mw=8, mh=4, wbits=2), 33) == (1, 1)
    # unreachable: everything at its maximum
    assert fold(LayerSpec("mvau", mw=8, mh=4, wbits=2), 1) == (4, 8)


def test_set_folding_simd_weight_width_stop():
    # MW 64, MH 8, W 8, target 10: SIMD 4 (32 bits) gives 128 cycles; SIMD 8
    # (64 bits > 36) gives 64, still missing the target: back to 4, then PE
    # through the divisors of 8: 64, 32, 16 (missed, PE at its maximum)
    spec = LayerSpec("mvau", mw=64, mh=8, wbits=8)
    pe, simd = fold(spec, 10)
    assert (pe, simd) == (8, 4)
    assert simd * spec.wbits <= 36
    assert c(spec, pe, simd) == 16
    # W 1: the stop is at SIMD 32 (36 bits allow any divisor of 64 up to 32)
    pe, simd = fold(LayerSpec("mvau", mw=64, mh=8, wbits=1), 4)
    assert (pe, simd) == (8, 32)


def test_set_folding_keeps_a_wide_simd_that_meets_the_target():
    # FINN checks the target before the width: MW 16, MH 1, W 4, target 2:
    # SIMD 8 (32 bits) gives 2 cycles, not < 2; SIMD 16 (64 bits) gives 1
    assert fold(LayerSpec("mvau", mw=16, mh=1, wbits=4), 2) == (1, 16)


def test_set_folding_vvau_pe_first():
    # FINN folds a VVAU's channels (PE) first and its window (SIMD) only
    # once PE is at its maximum: (4/PE)(9/SIMD) 16 cycles
    spec = LayerSpec("vvau", channels=4, kernel=(3, 3), ofm=(4, 4), wbits=2)
    assert fold(spec, 200) == (4, 1)  # 144 < 200
    assert fold(spec, 100) == (4, 3)  # PE 4: 144; SIMD 3: 48
    assert fold(spec, 300) == (2, 1)  # 288


def test_set_folding_other_layers():
    swu = LayerSpec("swu", channels=4, kernel=(2, 2), ifm=(4, 4), ofm=(3, 3))  # 176/SIMD
    assert fold(swu, 100) == (1, 2)
    assert fold(LayerSpec("pad", channels=6, ofm=(4, 4)), 40) == (1, 3)  # 96/3 = 32
    assert fold(LayerSpec("thresholding", channels=64, vectors=1), 10) == (8, 1)
    assert fold(LayerSpec("label_select", channels=10), 3) == (5, 1)
    # FINN's StreamingMaxPool takes all channels at once: never folded
    assert fold(LayerSpec("maxpool", channels=8, kernel=(2, 2), ifm=(4, 4)), 50) == (8, 1)
    assert fold(LayerSpec("add_streams", channels=6, vectors=4), 10) == (3, 1)
    assert fold(LayerSpec("fifo", channels=6, vectors=4), 1) == (1, 1)
    assert fold(LayerSpec("dwc", channels=6, vectors=4), 1) == (1, 1)


MLP = [
    LayerSpec("mvau", mw=16, mh=64, wbits=4, abits=2, obits=2, thresholds=3),
    LayerSpec("thresholding", channels=64, abits=2, obits=2, thresholds=3),
    LayerSpec("mvau", mw=64, mh=2, wbits=16, abits=2, obits=24, acc_bits=24),
]


def test_set_folding_second_pass_with_the_slowest_cycles():
    """The dataflow-set-folding.mlir MLP at 10 cycles: L2 (16-bit weights)
    cannot go below 32 cycles, so every layer is folded again for 32,
    strictly below it as FINN does."""
    first = [set_folding_layer(s, 10) for s in MLP]
    assert [(f.pe, f.simd) for f in first] == [(16, 8), (8, 1), (2, 2)]
    assert [c(s, f.pe, f.simd) for s, f in zip(MLP, first)] == [8, 8, 32]
    folds = set_folding(MLP, 10)
    assert [(f.pe, f.simd) for f in folds] == [(8, 8), (4, 1), (2, 2)]
    assert [c(s, f.pe, f.simd) for s, f in zip(MLP, folds)] == [16, 16, 32]
    # the second pass is the first pass at the slowest layer's cycles
    assert folds == [set_folding_layer(s, 32) for s in MLP]


def test_set_folding_single_pass_when_the_target_is_met():
    folds = set_folding(MLP, 50)
    assert folds == [set_folding_layer(s, 50) for s in MLP]
    assert [(f.pe, f.simd) for f in folds] == [(4, 8), (2, 1), (1, 4)]
    assert max(c(s, f.pe, f.simd) for s, f in zip(MLP, folds)) < 50
    assert set_folding([], 10) == []
    assert set_folding(MLP, 1e9) == [Fold(), Fold(), Fold()]


# --- folding config ----------------------------------------------------------------


NETWORK = """
func.func @cnn(%x: tensor<1x6x6x2x!qnn.uint<2>>) -> tensor<1x2x2x2x!qnn.int<8>> {
  %y = dataflow.partition (%a = %x : tensor<1x6x6x2x!qnn.uint<2>>) -> (tensor<1x2x2x2x!qnn.int<8>>) {
    %w = dataflow.swu %a {kernel = array<i64: 3, 3>} : (tensor<1x6x6x2x!qnn.uint<2>>) -> tensor<1x4x4x18x!qnn.uint<2>>
    %h = dataflow.mvau %w {weights = dense<1> : tensor<18x4xi8>, weight_dtype = !qnn.int<2>, thresholds = dense<[[0, 4, 8]]> : tensor<1x3xi8>} : (tensor<1x4x4x18x!qnn.uint<2>>) -> tensor<1x4x4x4x!qnn.uint<2>>
    %m = dataflow.maxpool %h {kernel = array<i64: 2, 2>, stride = array<i64: 2, 2>} : (tensor<1x4x4x4x!qnn.uint<2>>) -> tensor<1x2x2x4x!qnn.uint<2>>
    %t = dataflow.thresholding %m {thresholds = dense<[[1, 2, 3]]> : tensor<1x3xi8>} : (tensor<1x2x2x4x!qnn.uint<2>>) -> tensor<1x2x2x4x!qnn.uint<2>>
    %o = dataflow.mvau %t {weights = dense<1> : tensor<4x2xi8>, weight_dtype = !qnn.int<2>} : (tensor<1x2x2x4x!qnn.uint<2>>) -> tensor<1x2x2x2x!qnn.int<8>>
    dataflow.yield %o : tensor<1x2x2x2x!qnn.int<8>>
  }
  func.return %y : tensor<1x2x2x2x!qnn.int<8>>
}
"""


def network_layers(text: str = NETWORK):
    module = Parser(finnr_context(), text).parse_module()
    module.verify()
    return [op for op in module.walk() if lm.kind(op) is not None]


def fold_state(layers) -> list[tuple]:
    out = []
    for op in layers:
        props = {k: (v.data if hasattr(v, "data") else v.value.data) for k, v in op.properties.items()
                 if k in ("pe", "simd", "ram_style", "mem_mode", "res_type")}
        out.append((lm.kind(op), *lm.folding(op), tuple(sorted(props.items()))))
    return out


def test_folding_config_round_trip():
    layers = network_layers()
    swu, mvau0, maxpool, thr, mvau1 = layers
    for op, settings in [
        (swu, {"SIMD": 2}),
        (mvau0, {"PE": 4, "SIMD": 6, "ram_style": "distributed", "mem_mode": "internal_decoupled", "resType": "dsp"}),
        (maxpool, {"PE": 2}),
        (thr, {"PE": 4}),
        (mvau1, {"PE": 2, "SIMD": 4, "ram_style": "block"}),
    ]:
        apply_folding_config([op], {f"{OP_TYPE[type(op)]}_0": settings})
    config = folding_config(layers)
    assert list(config) == ["Defaults", "ConvolutionInputGenerator_rtl_0", "MVAU_hls_0",
                            "StreamingMaxPool_hls_0", "Thresholding_rtl_0", "MVAU_hls_1"]
    assert config["ConvolutionInputGenerator_rtl_0"] == {"SIMD": 2}
    assert config["MVAU_hls_0"] == {"PE": 4, "SIMD": 6, "ram_style": "distributed",
                                    "mem_mode": "internal_decoupled", "resType": "dsp"}
    assert config["Thresholding_rtl_0"] == {"PE": 4}
    fresh = network_layers()
    assert fold_state(fresh) != fold_state(layers)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # finnr's own file: no warnings
        assert apply_folding_config(fresh, json.loads(json.dumps(config))) == []
    assert fold_state(fresh) == fold_state(layers)
    for op in fresh:
        op.verify()


def test_finn_named_config_with_extra_entries_warns():
    config = {
        "Defaults": {"ram_style": ["block", ["MVAU_hls"]]},
        "MVAU_hls_1": {"PE": 2, "SIMD": 2},
        "ConvolutionInputGenerator_rtl_0": {"SIMD": 2},
        "MVAU_hls_0": {"PE": 2, "SIMD": 9},
        "Reshape_0": {},
        "Thresholding_Batch_0": {"PE": 2},
        "MVAU_hls_2": {"PE": 1, "SIMD": 1},
    }
    layers = network_layers()
    with pytest.warns(UserWarning) as record:
        msgs = apply_folding_config(layers, config)
    warned = " ".join(str(w.message) for w in record)
    for name in ("Defaults", "Reshape_0", "MVAU_hls_2"):
        assert f"'{name}'" in warned
        assert any(f"'{name}'" in m for m in msgs)
    assert len(msgs) == 3
    # matched by kind, in the order of the index in the name
    assert [(lm.kind(op), *lm.folding(op)) for op in layers] == [
        ("swu", 1, 2), ("mvau", 2, 9), ("maxpool", 1, 1), ("thresholding", 2, 1), ("mvau", 2, 2)
    ]


def test_folding_config_errors():
    with pytest.raises(FinnrError, match="'MVAU_hls_0' does not fit dataflow.mvau: .*pe \\(3\\) must divide MH \\(4\\)"):
        apply_folding_config(network_layers(), {"MVAU_hls_0": {"PE": 3}})
    with pytest.raises(FinnrError, match="'MVAU_hls_0': SIMD must be a positive integer, got '4'"):
        apply_folding_config(network_layers(), {"MVAU_hls_0": {"SIMD": "4"}})
    with pytest.raises(FinnrError, match="ram_style must be one of"):
        apply_folding_config(network_layers(), {"MVAU_hls_0": {"ram_style": "flash"}})


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("MVAU_hls_3", df.MVAUOp), ("MVAU_rtl_0", df.MVAUOp), ("MatrixVectorActivation_1", df.MVAUOp),
        ("VVAU_hls_0", df.VVAUOp), ("ConvolutionInputGenerator_rtl_12", df.SWUOp),
        ("Thresholding_Batch_0", df.ThresholdingOp), ("StreamingMaxPool_Batch_1", df.MaxPoolOp),
        ("FMPadding_rtl_0", df.PadOp), ("LabelSelect_hls_0", df.LabelSelectOp),
        ("StreamingFIFO_rtl_7", df.FIFOOp), ("StreamingDataWidthConverter_hls_2", df.DWCOp),
        ("AddStreams_hls_0", df.AddStreamsOp), ("DuplicateStreams_hls_0", df.DuplicateOp),
        ("Reshape_0", None), ("Defaults", None), ("MVAU hls 0", None),
    ],
)
def test_finn_op_class(name, kind):
    assert finn_op_class(name) is kind


# --- devices -----------------------------------------------------------------------


def test_devices_match_the_reference_table():
    table = {
        "pynq-z1": ("xc7z020clg400-1", 53_200, 106_400, 280, 0, 220, 100),
        "ultra96": ("xczu3eg-sbva484-1", 70_560, 141_120, 432, 0, 360, 300),
        "zcu104": ("xczu7ev-ffvc1156-2", 230_400, 460_800, 624, 96, 1_728, 300),
        "aws-f1": ("xcvu9p-flgb2104-2", 1_182_240, 2_364_480, 4_320, 960, 6_840, 250),
        "u250": ("xcu250-figd2104-2L", 1_728_000, 3_456_000, 5_376, 1_280, 12_288, 250),
        # the boards added later (sources in finnr/models/devices.py)
        "pynq-z2": ("xc7z020clg400-1", 53_200, 106_400, 280, 0, 220, 100),
        "zcu102": ("xczu9eg-ffvb1156-2-e", 274_080, 548_160, 1_824, 0, 2_520, 100),
        "kv260": ("xck26-sfvc784-2LV-c", 117_120, 234_240, 288, 64, 1_248, 100),
        "u280": ("xcu280-fsvh2892-2L-e", 1_303_680, 2_607_360, 4_032, 960, 9_024, 333.333),
        "u55c": ("xcu55c-fsvh2892-2L-e", 1_303_680, 2_607_360, 4_032, 960, 9_024, 333.333),
        # ECP5 boards: LUT4, FF, EBR (DP16KD), MULT18X18D as nextpnr-ecp5 counts the dies
        "ulx3s-85f": ("LFE5U-85F-6BG381C", 83_640, 83_640, 208, 0, 156, 100),
        "orangecrab-25f": ("LFE5U-25F-8MG285C", 24_288, 24_288, 56, 0, 28, 100),
        "ecpix5-85": ("LFE5UM5G-85F-8BG554I", 83_640, 83_640, 208, 0, 156, 100),
    }
    assert set(DEVICES) == set(table)
    for name, (part, lut, ff, bram, uram, dsp, mhz) in table.items():
        d = get_device(name)
        assert (d.part, d.lut, d.ff, d.bram18, d.uram, d.dsp, d.clock_mhz) == (part, lut, ff, bram, uram, dsp, mhz)
        assert d.resources() == {"lut": lut, "ff": ff, "bram18": bram, "uram": uram, "dsp": dsp}


def test_get_device_is_case_insensitive_and_suggests():
    assert get_device(" PYNQ-Z1 ").name == "pynq-z1"
    with pytest.raises(KeyError, match="unknown device 'pynq-z3'; did you mean pynq-z[12], pynq-z[12]"):
        get_device("pynq-z3")
    with pytest.raises(KeyError, match="did you mean zcu104"):
        get_device("zcu014")
    with pytest.raises(KeyError) as e:
        get_device("xyzzy-9000")
    assert "did you mean" not in str(e.value)
    assert "known: pynq-z1, pynq-z2, ultra96, zcu104, zcu102, kv260, aws-f1, u250, u280, u55c" in str(e.value)


# --- performance --------------------------------------------------------------------


CONV = """
func.func @conv(%x: tensor<1x4x4x2x!qnn.uint<2>>) -> tensor<1x3x3x4x!qnn.uint<2>> {
  %y = dataflow.partition (%a = %x : tensor<1x4x4x2x!qnn.uint<2>>) -> (tensor<1x3x3x4x!qnn.uint<2>>) {
    %w = dataflow.swu %a {kernel = array<i64: 2, 2>} : (tensor<1x4x4x2x!qnn.uint<2>>) -> tensor<1x3x3x8x!qnn.uint<2>>
    %h = dataflow.mvau %w {weights = dense<1> : tensor<8x4xi8>, weight_dtype = !qnn.int<2>, thresholds = dense<[[0, 4, 8]]> : tensor<1x3xi8>, simd = 2 : i64} : (tensor<1x3x3x8x!qnn.uint<2>>) -> tensor<1x3x3x4x!qnn.uint<2>>
    %t = dataflow.thresholding %h {thresholds = dense<[[1, 2, 3]]> : tensor<1x3xi8>} : (tensor<1x3x3x4x!qnn.uint<2>>) -> tensor<1x3x3x4x!qnn.uint<2>>
    dataflow.yield %t : tensor<1x3x3x4x!qnn.uint<2>>
  }
  func.return %y : tensor<1x3x3x4x!qnn.uint<2>>
}
"""


def test_performance():
    layers = network_layers(CONV)
    perf = schedule.performance(layers, 100.0)
    # swu: 3*max(3*4*2, 4*2) + 1 row (4*2) = 80; mvau: 4*(8/2)*9 = 144;
    # thresholding: 4*9 = 36
    assert perf.cycles == [80, 144, 36]
    assert perf.bottleneck == 1
    assert perf.fps == pytest.approx(100e6 / max(perf.cycles))
    # latency from the schedules, input back to back from cycle 0: the swu
    # takes its 4 rows of 8 beats at cycles 0-31 (rows done at 7, 15, 23,
    # 31) and reads output row 0 (24 steps) at 16-39, once rows 0 and 1 are
    # in, its beats out window_latency = 3 address stages + read + register
    # + output = 6 cycles after each step; the mvau's first vector waits
    # for swu beats 1, 3, 5, 7 (two elements a beat: 23, 25, 27, 29), then
    # it runs without waiting: its 144 steps end at 29 + 12 + 128 = 169, the
    # last beat out mvau_latency = 2 (ROM) + 2 (products, a tree of 2) + 1
    # (accumulate) + 2 (compares, a tree of 3) + 1 (output) = 8 cycles
    # later, at 177; thresholding's 3 (ROM slot) + 2 + 1 = 6 later: 183
    assert perf.latency_cycles == 184
    assert perf.macs == 8 * 4 * 9
    assert perf.tops == pytest.approx(2 * 288 * 100e6 / 144 / 1e12)
    assert schedule.performance(layers, 250.0).fps == pytest.approx(250e6 / 144)


def test_performance_single_vectors_do_not_overlap():
    layers = network_layers("""
func.func @mlp(%x: tensor<1x8x!qnn.uint<2>>) -> tensor<1x2x!qnn.int<5>> {
  %y = dataflow.partition (%a = %x : tensor<1x8x!qnn.uint<2>>) -> (tensor<1x2x!qnn.int<5>>) {
    %h = dataflow.mvau %a {weights = dense<1> : tensor<8x4xi8>, weight_dtype = !qnn.int<2>, thresholds = dense<[[0, 4, 8]]> : tensor<1x3xi8>} : (tensor<1x8x!qnn.uint<2>>) -> tensor<1x4x!qnn.uint<2>>
    %o = dataflow.mvau %h {weights = dense<1> : tensor<4x2xi8>, weight_dtype = !qnn.int<2>} : (tensor<1x4x!qnn.uint<2>>) -> tensor<1x2x!qnn.int<5>>
    dataflow.yield %o : tensor<1x2x!qnn.int<5>>
  }
  func.return %y : tensor<1x2x!qnn.int<5>>
}
""")
    perf = schedule.performance(layers, 100.0)
    assert perf.cycles == [32, 8]
    # the first mvau reads its 8 beats at 0-7 and offers its 4 outputs
    # mvau_latency = 2 (ROM) + 1 (products) + 1 (accumulate) + 2 (compares,
    # a tree of 3) + 1 (output) = 7 cycles after steps 7, 15, 23, 31 (14,
    # 22, 30, 38); the second reads them as they come and offers its 2
    # outputs 2 + 1 + 1 + 1 = 5 cycles after its steps 3 (at 38) and 7 (at
    # 42): 43 and 47, so 48 cycles
    assert perf.latency_cycles == 48
    assert perf.fps == pytest.approx(100e6 / 32)
    empty = schedule.performance([], 100.0)
    assert (empty.fps, empty.latency_cycles, empty.bottleneck) == (0.0, 0.0, -1)


def test_spec_of_reads_the_ir():
    swu, mvau0, maxpool, thr, mvau1 = network_layers()
    s = lm.spec_of(swu)
    assert (s.kind, s.channels, s.kernel, s.ifm, s.ofm, s.abits) == ("swu", 2, (3, 3), (6, 6), (4, 4), 2)
    s = lm.spec_of(mvau0)
    assert (s.mw, s.mh, s.vectors, s.wbits, s.abits, s.obits, s.thresholds, s.signed_input) == (
        18, 4, 16, 2, 2, 2, 3, False)
    s = lm.spec_of(mvau1)
    assert (s.mw, s.mh, s.vectors, s.thresholds, s.acc_bits) == (4, 2, 4, 0, 8)
    assert finn_names([swu, mvau0, maxpool, thr, mvau1]) == [
        "ConvolutionInputGenerator_rtl_0", "MVAU_hls_0", "StreamingMaxPool_hls_0", "Thresholding_rtl_0",
        "MVAU_hls_1"]
