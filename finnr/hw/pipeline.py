"""Pipeline depths of finnr's RTL engines (``finnr/backends/rtl/lib``):
how many registers a value passes between the cycle an engine issues a
step and the cycle its result can leave. The Verilog computes the same
depths from its parameters; the engines' schedules
(:mod:`finnr.models.schedule`) add them to every output beat, and the
Verilator tests check the two agree to the cycle.

Every engine is stall-all: all its registers advance together, so a
deeper pipeline adds latency and never changes the cycles per frame."""

from __future__ import annotations

import math

TREE_LEVELS = 2
"""Adder levels between two registers in ``finnr_tree``: a 2-input adder
of accumulator width and its routing twice fit a 100 MHz cycle on an ECP5
(-6) with room to spare (``finnr bitstream`` measures it)."""

ROM_SLOT = 3
"""The most registers of a ``finnr_rom`` (:func:`rom_latency`): where an
engine reads thresholds beside a value in flight, the value waits this
long whatever the ROM's banks (the address is given later for a shallower
ROM)."""


WINDOW_ADDRESS_STAGES = 3
"""``finnr_window``: the reader's address is computed in three registered
stages before the line buffer's read (slot and pixel column; the slot
wrapped and the word in the row; the word in the buffer); every write is
delayed as long, so reads and writes reach the buffer in the order they
were decided."""


ADD_STREAMS_LATENCY = 3
"""``finnr_add_streams``: both input beats through two registers, then the
sum into the output register. yosys merges the first into a block-RAM
FIFO's read port (an EBR's clock-to-output is about 5.8 ns on an ECP5-6),
so only the second keeps the adder off the block RAM's output."""


def window_latency() -> int:
    """``finnr_window``: from the cycle a read issues to its output beat:
    the address stages, the line buffer's read, a register behind it, the
    output register."""
    return WINDOW_ADDRESS_STAGES + 3


PARALLEL_WINDOW_ADDRESS_STAGES = 1
"""``finnr_window_pw``: the reader's addresses (the line of every window
row, the column of every window column) are one registered stage before
the line buffers' reads; every write is delayed as long."""


def parallel_window_latency() -> int:
    """``finnr_window_pw``: from the cycle a window's read issues to its
    output beat: the address stage, the line buffers' read, the output
    register (behind the multiplexers choosing each window row's line)."""
    return PARALLEL_WINDOW_ADDRESS_STAGES + 2


def rom_bank(width: int) -> int:
    """Words per bank of a ``finnr_rom`` of ``width``-bit words: the
    deepest aspect ratio of an 18 Kb block RAM at that width (16K x 1,
    8K x 2, 4K x 4, 2K x 9, 1K x 18, 512 x 36: the ECP5 DP16KD, FPGA-DS-02012
    table 2.8 "Dual-Port Block RAM", and the Xilinx RAMB18E1/E2, UG473 table
    1-3 / UG573 table 1-4, alike); a wider word takes several block RAMs side
    by side, 512 deep."""
    for bits, depth in ((1, 16384), (2, 8192), (4, 4096), (9, 2048), (18, 1024)):
        if width <= bits:
            return depth
    return 512


def rom_latency(width: int, depth: int) -> int:
    """``finnr_rom``: the synchronous read and an output register in the
    fabric (2); a ROM deeper than one bank also registers each bank's word
    before selecting among the banks (3)."""
    return 2 if depth <= rom_bank(width) else 3


def tree_stages(n: int) -> int:
    """Registers of ``finnr_tree`` summing ``n`` terms: one every
    :data:`TREE_LEVELS` levels of ceil(log2 n), and after the last."""
    levels = math.ceil(math.log2(n)) if n > 1 else 0
    return -(-levels // TREE_LEVELS)


def dot_latency(simd: int) -> int:
    """``finnr_dot``: the products' register, then the tree over ``simd``."""
    return 1 + tree_stages(simd)


def act_latency(thresholds: int) -> int:
    """``finnr_act``: none without thresholds; else the comparisons'
    register, then the tree that counts the ``thresholds`` comparisons."""
    return 0 if thresholds == 0 else 1 + tree_stages(thresholds)


def mvau_latency(pe: int, simd: int, w_bits: int, folds: int, thresholds: int) -> int:
    """``finnr_mvau``: from the cycle a fold issues (weight ROM address) to
    its output beat: weight ROM (``folds`` words of PE*SIMD weights), dot
    product, accumulator, activation (threshold ROM read alongside),
    output register."""
    return rom_latency(pe * simd * w_bits, folds) + dot_latency(simd) + 1 + act_latency(thresholds) + 1


def thresholding_latency(thresholds: int) -> int:
    """``finnr_thresholding``: threshold ROM (the input waits
    :data:`ROM_SLOT` beside it), activation, output register."""
    return ROM_SLOT + act_latency(thresholds) + 1


def vvau_latency(lanes: int, w_bits: int, beats: int, thresholds: int) -> int:
    """``finnr_vvau``: from the cycle a window's last beat issues to its
    first output beat: weight ROM (``beats`` words of ``lanes`` =
    SIMD*PE weights), product, accumulator into the output buffer,
    :data:`ROM_SLOT` emit registers (the buffer's word, and beside it the
    threshold ROM), activation, output register."""
    return rom_latency(lanes * w_bits, beats) + dot_latency(1) + 1 + ROM_SLOT + act_latency(thresholds) + 1
