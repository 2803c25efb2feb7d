"""The host's side of the board shell (:mod:`finnr.backends.rtl.board`):
frames as the bytes on the wire, and the links that carry them: the
board's UART through a serial port (pyserial), or the board top simulated
in Verilator through its UART pins. :class:`BoardAccelerator` stands in
for a partition's simulator in :func:`finnr.backends.rtl.sim.run_simulated`,
so the host code around the accelerator runs in the interpreter."""

from __future__ import annotations

import math
import time
from pathlib import Path

import numpy as np

from finnr.backends.rtl.board import BREAK_BITS, TOP, frames_in_flight, rows_of
from finnr.backends.rtl.design import Design
from finnr.backends.rtl.sim import BOARD_CLKS_PER_BIT, build_board, decode_codes, run_board
from finnr.diagnostics import FinnrError


def pack_rows(values: np.ndarray, t, row: int) -> bytes:
    """Integer values of datatype ``t`` (any shape, rows of ``row``
    elements in order) as the bytes on the wire: each row's codes
    concatenated, element 0 in the least-significant bits, padded with
    zeros to whole bytes, least-significant byte first."""
    from finnr.dialects import datatypes as dt
    from finnr.hw import encode

    bits = dt.bitwidth(t)
    codes = encode(np.rint(np.asarray(values, np.float64)).astype(np.int64).reshape(-1, row), t)
    b = ((codes[..., None] >> np.arange(bits, dtype=np.uint64)) & np.uint64(1)).astype(np.uint8)
    b = b.reshape(codes.shape[0], row * bits)
    pad = (-b.shape[1]) % 8
    b = np.concatenate([b, np.zeros((b.shape[0], pad), np.uint8)], axis=1)
    return np.packbits(b, axis=1, bitorder="little").tobytes()


def unpack_rows(data: bytes, t, row: int) -> np.ndarray:
    """The inverse of :func:`pack_rows`: the values, flat."""
    from finnr.dialects import datatypes as dt

    bits = dt.bitwidth(t)
    row_bytes = math.ceil(row * bits / 8)
    raw = np.frombuffer(data, np.uint8).reshape(-1, row_bytes)
    b = np.unpackbits(raw, axis=1, bitorder="little")[:, : row * bits].reshape(-1, bits).astype(np.int64)
    return decode_codes((b << np.arange(bits, dtype=np.int64)).sum(axis=1), t)


class SimLink:
    """The board's UART, simulated: the board top in Verilator
    (:func:`finnr.backends.rtl.sim.build_board`), driven bit by bit on its
    RX pin and read from its TX pin."""

    def __init__(self, rtl_dir: str | Path, files: list[str], progress=lambda message: None,
                 clks_per_bit: int | None = None):
        self.rtl_dir = Path(rtl_dir)
        self.clks_per_bit = clks_per_bit or BOARD_CLKS_PER_BIT
        self.binary = build_board(rtl_dir, files, TOP, self.clks_per_bit, progress)
        self.run = None

    def exchange(self, frames: list[bytes], out_frame_bytes: int, in_flight: int = 1) -> list[bytes]:
        self.run = run_board(self.binary, self.rtl_dir, frames, out_frame_bytes, BREAK_BITS, self.clks_per_bit,
                             in_flight=in_flight)
        if self.run.status:
            raise FinnrError("the simulated board shell reports "
                             + " and ".join(w for k, w in ((1, "a UART framing error"), (2, "a lost byte"))
                                            if self.run.status & k))
        return self.run.outputs


class SerialLink:
    """The board's UART through a serial port (pyserial): 8N1 at ``baud``;
    at most ``in_flight`` frames sent ahead of the outputs received, as
    the shell's receive FIFO allows."""

    def __init__(self, port: str, baud: int, timeout: float):
        try:
            import serial  # type: ignore[import-not-found]
        except ImportError:
            raise FinnrError("finnr board run needs pyserial to talk to a serial port: pip install 'finnr[board]' "
                             "(or pip install pyserial)") from None
        try:
            self.port = serial.serial_for_url(port, baudrate=baud, bytesize=8, parity="N", stopbits=1,
                                              timeout=timeout)
        except (serial.SerialException, OSError, ValueError) as e:
            raise FinnrError(f"cannot open the serial port {port}: {e}",
                             ["is the board plugged in, and the port the board's (e.g. /dev/ttyUSB0)? "
                              "--port sim talks to the simulated board instead"]) from None
        self.name, self.timeout = port, timeout

    def exchange(self, frames: list[bytes], out_frame_bytes: int, in_flight: int = 1) -> list[bytes]:
        out: list[bytes] = []
        self.port.send_break(0.01)  # resets the shell (and whatever an earlier run left in it)
        time.sleep(0.01)
        self.port.reset_input_buffer()
        sent = 0
        for k in range(len(frames)):
            while sent < min(len(frames), k + in_flight):  # frames up to k + in_flight - 1 go out first
                self.port.write(frames[sent])
                sent += 1
            self.port.flush()
            got = self.port.read(out_frame_bytes)
            if len(got) != out_frame_bytes:
                raise FinnrError(f"{self.name}: frame {k}: the board sent {len(got)} of {out_frame_bytes} output "
                                 f"bytes within {self.timeout:g} s",
                                 ["is the bitstream of this build loaded (openFPGALoader -b ulx3s "
                                  "DIR/bitstream/finnr_board_top.bit), and the baud rate the shell's (--baud)?"])
            out.append(bytes(got))
        return out

    def close(self) -> None:
        self.port.close()


class BoardAccelerator:
    """A partition run on the board (or its simulation) through its
    shell: ``simulate(frames)`` as :class:`finnr.backends.rtl.sim.RtlSimulator`,
    so :func:`finnr.backends.rtl.sim.run_simulated` runs the host code
    around it."""

    def __init__(self, design: Design, link):
        self.design = design
        self.link = link
        self.inp, self.out = rows_of(design.inputs[0]), rows_of(design.outputs[0])

    def simulate(self, frames: list[tuple[np.ndarray, ...]]) -> list[tuple[np.ndarray, ...]]:
        si, so = self.design.inputs[0], self.design.outputs[0]
        data = [pack_rows(f[0], si.element, self.inp.row) for f in frames]
        outs = self.link.exchange(data, self.out.frame_bytes, frames_in_flight(self.inp.frame_bytes))
        return [(unpack_rows(o, so.element, self.out.row),) for o in outs]
