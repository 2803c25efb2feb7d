"""The board shell (finnr/backends/rtl/board.py and board_host.py,
lib/finnr_uart_*.v, lib/finnr_board_shell.v) and ``finnr board run``: the PLL and baud
arithmetic, the bytes on the wire, the generated top and constraints, the
refusals, and the board top simulated in Verilator, driven bit by bit
through its UART pins by ``finnr board run --port sim``, reproducing
``finnr run`` on a tiny MLP whose rows are padded on both sides; the
serial-port path through a stand-in for pyserial."""

from __future__ import annotations

import json
import sys
import types
from pathlib import Path

import numpy as np
import onnx
import pytest

from finnr.backends.rtl import board as shell
from finnr.backends.rtl import board_host as host
from finnr.backends.rtl.board import pll, uart_divider
from finnr.backends.rtl.board_host import pack_rows, unpack_rows
from finnr.backends.rtl.sim import verilator_command
from finnr.diagnostics import FinnrError
from finnr.dialects import datatypes as dt
from finnr.driver.main import main
from finnr.examples.networks import NetSpec, mlp
from finnr.models.devices import BOARDS, DEVICES
from finnr_testing.toolchains import run_lib_module

needs_verilator = pytest.mark.skipif(verilator_command() is None, reason="Verilator is not installed")


def test_pll_dividers_from_lattice_facts():
    p = pll(25.0, 100.0)  # the ULX3S: ecppll -i 25 -o 100 gives the same dividers
    assert (p.clki_div, p.clkfb_div, p.clkop_div, p.fvco_mhz, p.fout_mhz) == (1, 4, 6, 600.0, 100.0)
    for fout in (48.0, 75.0, 125.0, 133.0, 200.0):
        q = pll(25.0, fout)
        assert 400 <= q.fvco_mhz <= 800 and 3.125 <= 25.0 / q.clki_div <= 400
        assert q.fout_mhz == pytest.approx(25.0 * q.clkfb_div / q.clki_div) == pytest.approx(q.fvco_mhz / q.clkop_div)
        assert abs(q.fout_mhz - fout) < 1.2
    odd = pll(25.0, 133.0)  # not exact: 25 / 3 x 16 = 133.33 MHz
    assert odd.fout_mhz != 133.0 and abs(odd.fout_mhz - 133.0) < 0.34
    # 48 = 25 x 48 / 25 needs a 1 MHz PFD (below 3.125): the closest is 25 / 8 x 15
    assert pll(25.0, 48.0).fout_mhz == 46.875
    with pytest.raises(FinnrError, match="gives 10-400 MHz; a 1000 MHz clock"):
        pll(25.0, 1000.0)
    with pytest.raises(FinnrError, match="takes 8-400 MHz, not a 4 MHz oscillator"):
        pll(4.0, 100.0)


def test_uart_divider_and_its_error():
    u = uart_divider(100.0, 3_000_000)
    assert u.clks_per_bit == 33 and round(u.achieved) == 3_030_303 and u.error == pytest.approx(0.010101, abs=1e-6)
    assert uart_divider(48.0, 3_000_000).error == 0.0  # 16 cycles a bit
    with pytest.raises(FinnrError, match=r"3 cycles a bit give 3,333,333 baud \(\+11.11%\)"):
        uart_divider(10.0, 3_000_000)
    with pytest.raises(FinnrError, match=r"4 cycles a bit give 3,250,000 baud \(\+8.33%\), beyond the 2%"):
        uart_divider(13.0, 3_000_000)


def test_bytes_on_the_wire():
    # a row of three UINT2 elements: element 0 in the low bits, padded to a byte
    T = dt.from_finn_name
    assert pack_rows(np.array([1, 2, 3]), T("UINT2"), 3) == bytes([0b00111001])
    # five 2-bit elements: 10 bits in two bytes, the second padded; two rows
    two = pack_rows(np.array([3, 0, 0, 0, 1, 1, 1, 1, 1, 2]), T("UINT2"), 5)
    assert two == bytes([0b00000011, 0b01, 0b01010101, 0b10])
    # bipolar as codes 0/1, signed two's complement, each round trip
    for t, v, row in ((T("BIPOLAR"), [-1, 1, 1, -1, 1, 1, 1, -1, -1], 9), (T("INT3"), [-4, 3, -1, 0, 2, -2], 3),
                      (T("UINT8"), [0, 255, 17, 128], 2), (T("INT5"), [-16, 15, 1, -1, 7], 5)):
        data = pack_rows(np.array(v), t, row)
        assert len(data) == (len(v) // row) * -(-row * dt.bitwidth(t) // 8)
        assert unpack_rows(data, t, row).tolist() == v
    assert pack_rows(np.array([-1, 1, 1]), T("BIPOLAR"), 3) == bytes([0b110])


def test_board_facts_and_refusals():
    u = BOARDS["ulx3s-85f"]
    assert (u.clock.site, u.clock_mhz, u.uart_rx.site, u.uart_tx.site, u.baud) == ("G2", 25.0, "M1", "L4", 3_000_000)
    assert [p.site for p in u.leds] == ["B2", "C2", "C1", "D2", "D1", "E2", "E1", "H3"]
    e = BOARDS["ecpix5-85"]
    assert (e.clock.site, e.clock_mhz, e.uart_rx.site, e.uart_tx.site) == ("K23", 100.0, "R26", "R24")
    assert set(BOARDS) == {d for d, dev in DEVICES.items() if dev.family == "ecp5"}
    with pytest.raises(FinnrError, match="OrangeCrab has no UART bridge") as err:
        shell.board_of("orangecrab-25f")
    assert "--top accelerator" in str(err.value)
    with pytest.raises(FinnrError, match="no board facts"):
        shell.board_of("pynq-z1")


def _build(tmp: Path, device: str, dims=(7, 6, 3)) -> Path:
    onnx.save(mlp(NetSpec(2, 2, True, False, False, 0), dims), tmp / "tiny.onnx")
    out = tmp / device
    assert main(["build", str(tmp / "tiny.onnx"), "--backend", "rtl", "--device", device, "--target-fps", "100000",
                 "-o", str(out), "--quiet"]) == 0
    return out


@pytest.fixture(scope="module")
def ulx3s(tmp_path_factory) -> Path:
    """A tiny 2-bit MLP (7-6-3: 14-bit input rows and 15-bit output rows,
    both padded to two bytes) built for the ULX3S."""
    return _build(tmp_path_factory.mktemp("board"), "ulx3s-85f")


def test_generated_top_and_constraints(ulx3s):
    manifest = json.loads((ulx3s / "rtl" / "manifest.json").read_text())
    b = manifest["board"]
    assert b["top"] == "finnr_board_top" and b["lpf"] == "ulx3s-85f.lpf"
    assert b["pll"] == {"CLKI_DIV": 1, "CLKFB_DIV": 4, "CLKOP_DIV": 6, "CLKOP_CPHASE": 3, "vco_mhz": 600.0}
    assert (b["clks_per_bit"], b["baud_error"]) == (33, 0.0101)
    assert b["in"] == {"row": 7, "bits": 2, "row_bytes": 2, "frame_bytes": 2, "beat_bits": b["in"]["beat_bits"]}
    assert b["out"]["row_bytes"] == 2 and b["out"]["frame_bytes"] == 2
    report = json.loads((ulx3s / "report.json").read_text())
    assert (b["in"]["frame_bytes"], b["out"]["frame_bytes"]) == (report["io"]["in_bytes_per_frame"],
                                                                report["io"]["out_bytes_per_frame"])
    assert b["pins"] == {"clk_in": "G2", "uart_rx": "M1", "uart_tx": "L4",
                         **{f"led[{k}]": s for k, s in enumerate(["B2", "C2", "C1", "D2", "D1", "E2", "E1", "H3"])}}
    lpf = (ulx3s / "rtl" / "ulx3s-85f.lpf").read_text()
    assert 'LOCATE COMP "uart_rx" SITE "M1";' in lpf and 'FREQUENCY PORT "clk_in" 25 MHZ;' in lpf
    assert 'IOBUF PORT "uart_tx" IO_TYPE=LVCMOS33 PULLMODE=UP DRIVE=4;' in lpf
    assert lpf.count("LOCATE COMP") == len(b["pins"])
    top = (ulx3s / "rtl" / "board_top.v").read_text()
    assert ".CLKI_DIV(1), .CLKFB_DIV(4), .CLKOP_DIV(6)," in top and "parameter integer CLKS_PER_BIT = 33" in top
    assert f"{manifest['top']} u_accel (" in top and "`ifdef FINNR_SIM" in top
    assert "finnr_board_unpack #(.W(" in top and ".ROW_BITS(14)" in top and ".ROW_BITS(15)" in top
    for f in b["files"]:
        assert (ulx3s / "rtl" / f).is_file()
    defined = {line.split()[1] for f in b["files"] for line in (ulx3s / "rtl" / f).read_text().splitlines()
               if line.startswith("module ")}
    assert defined == set(shell.MODULES)  # each reserved by legalize-names (tests/test_rtl.py)


def test_orangecrab_and_xilinx_builds_have_no_shell(tmp_path, capsys):
    d = _build(tmp_path, "orangecrab-25f", (4, 3, 2))
    board = json.loads((d / "rtl" / "manifest.json").read_text())["board"]
    assert "OrangeCrab has no UART bridge" in board["error"] and not (d / "rtl" / "board_top.v").exists()
    assert main(["bitstream", str(d)]) == 2
    err = capsys.readouterr().err
    assert "no board shell" in err and "soft USB" in err and "--top accelerator" in err and "Traceback" not in err
    np.save(tmp_path / "x.npy", np.zeros((1, 4), np.float32))
    assert main(["board", "run", str(d), "--port", "sim", "--input", str(tmp_path / "x.npy")]) == 2
    assert "OrangeCrab has no UART bridge" in capsys.readouterr().err
    assert main(["board", "run", str(tmp_path / "missing"), "--port", "sim", "--input", str(tmp_path / "x.npy")]) == 2
    assert "not a directory" in capsys.readouterr().err
    x = _build(tmp_path, "pynq-z1", (4, 3, 2))
    assert "board" not in json.loads((x / "rtl" / "manifest.json").read_text())
    assert main(["board", "run", str(x), "--port", "sim", "--input", str(tmp_path / "x.npy")]) == 2
    assert "no board shell" in capsys.readouterr().err


def _frames(n: int = 6) -> np.ndarray:
    return (np.random.default_rng(3).random((n, 7)) * 0.75 - 0.5).astype(np.float32)


@needs_verilator
def test_board_run_sim_reproduces_finnr_run(ulx3s, tmp_path, capsys):
    np.save(tmp_path / "x.npy", _frames())
    assert main(["run", str(ulx3s / "05-estimated.mlir"), "--input", str(tmp_path / "x.npy"), "-o",
                 str(tmp_path / "ref.npy"), "--quiet"]) == 0
    assert main(["board", "run", str(ulx3s), "--port", "sim", "--input", str(tmp_path / "x.npy"), "-o",
                 str(tmp_path / "out.npy"), "--quiet"]) == 0
    ref, out = np.load(tmp_path / "ref.npy"), np.load(tmp_path / "out.npy")
    assert out.shape == ref.shape == (6, 3) and np.array_equal(out, ref)
    assert len(np.unique(out, axis=0)) > 1  # the frames differ, so a frame mix-up would show


@needs_verilator
def test_shell_bytes_match_the_interpreters_partition(ulx3s):
    """The bytes the simulated board sends are the packing of the
    partition's outputs in the interpreter (not just equal after decoding)."""
    from finnr.backends.rtl.design import designs
    from finnr.backends.rtl.sim import run_simulated
    from finnr.interpreter import run_batch
    from finnr.ir_io import load_ir

    module = load_ir(ulx3s / "05-estimated.mlir")
    (design,) = designs(module)
    manifest = json.loads((ulx3s / "rtl" / "manifest.json").read_text())
    files = list(dict.fromkeys([*manifest["files"], *manifest["board"]["files"]]))
    link = host.SimLink(ulx3s / "rtl", files)
    acc = host.BoardAccelerator(design, link)
    seen: list = []

    class Recording:
        def simulate(self, frames):
            seen.extend(frames)
            return acc.simulate(frames)

    x = _frames(3)
    out = run_simulated(module, {design.partition: Recording()}, x)
    assert all(np.array_equal(a, b) for a, b in zip(out, run_batch(module, x)))
    sent = [pack_rows(f[0], design.inputs[0].element, 7) for f in seen]
    assert link.run is not None and link.run.status == 0 and len(link.run.frame_done) == 3
    assert all(len(s) == 2 for s in sent) and all(len(o) == 2 for o in link.run.outputs)
    assert link.run.frame_done == sorted(link.run.frame_done)
    # a run cut short (3 bytes: a frame and a half) before the break that starts a run: the
    # break resets the shell and the accelerator, and the frames come out as before
    from finnr.backends.rtl.sim import run_board

    again = run_board(link.binary, ulx3s / "rtl", sent, 2, shell.BREAK_BITS, link.clks_per_bit, junk=3)
    assert again.outputs == link.run.outputs and again.status == 0


@needs_verilator
def test_frames_in_flight_keep_the_link_busy(ulx3s):
    """With the receive FIFO's frames in flight (8 of 2 bytes) the bytes
    go out back to back: after the first frame, a frame's output is
    complete every 2 bytes x 10 bits x CLKS_PER_BIT cycles (the link's
    bound; this accelerator is faster). One frame in flight waits for the
    input, the accelerator and the output in turn; two are not enough here
    (half of those)."""
    from finnr.backends.rtl.design import designs
    from finnr.backends.rtl.sim import run_board
    from finnr.ir_io import load_ir

    module = load_ir(ulx3s / "05-estimated.mlir")
    (design,) = designs(module)
    manifest = json.loads((ulx3s / "rtl" / "manifest.json").read_text())
    files = list(dict.fromkeys([*manifest["files"], *manifest["board"]["files"]]))
    link = host.SimLink(ulx3s / "rtl", files)
    frames = [pack_rows(f, design.inputs[0].element, 7) for f in _frames(8)]
    one = run_board(link.binary, ulx3s / "rtl", frames, 2, shell.BREAK_BITS, link.clks_per_bit)
    two = run_board(link.binary, ulx3s / "rtl", frames, 2, shell.BREAK_BITS, link.clks_per_bit, in_flight=2)
    full = run_board(link.binary, ulx3s / "rtl", frames, 2, shell.BREAK_BITS, link.clks_per_bit,
                     in_flight=shell.frames_in_flight(2))
    assert full.outputs == two.outputs == one.outputs and one.status == two.status == full.status == 0
    period = 2 * 10 * link.clks_per_bit
    assert set(np.diff(full.frame_done[1:])) == {period}
    serial = set(np.diff(one.frame_done))
    assert len(serial) == 1 and serial.pop() > 2 * period  # the input, the accelerator, then the output
    assert sum(np.diff(two.frame_done[1:])) == sum(np.diff(one.frame_done[1:])) // 2


@needs_verilator
def test_serial_port_path(ulx3s, tmp_path, capsys, monkeypatch):
    """``--port`` through pyserial: missing, unopenable, a board that goes
    silent, and a stand-in port backed by the simulated board."""
    np.save(tmp_path / "x.npy", _frames(4))
    args = ["board", "run", str(ulx3s), "--input", str(tmp_path / "x.npy"), "--quiet"]
    monkeypatch.setitem(sys.modules, "serial", None)  # not installed
    assert main([*args, "--port", "/dev/ttyUSB0"]) == 2
    err = capsys.readouterr().err
    assert "needs pyserial" in err and "pip install 'finnr[board]'" in err

    manifest = json.loads((ulx3s / "rtl" / "manifest.json").read_text())
    files = list(dict.fromkeys([*manifest["files"], *manifest["board"]["files"]]))
    sim = host.SimLink(ulx3s / "rtl", files)
    opened: dict = {}
    events: list[str] = []
    in_bytes = manifest["board"]["in"]["frame_bytes"]
    # a 16-byte receive FIFO (4 frames of 2 bytes, at least 16) holds 8
    assert (manifest["board"]["rx_fifo_bytes"], manifest["board"]["frames_in_flight"]) == (16, 8)
    # a frame larger than the largest FIFO still travels, alone
    assert [(shell.rx_depth(n), shell.frames_in_flight(n)) for n in (98, 12_288, 20_000, 150_528)] == [
        (512, 5), (32_768, 2), (32_768, 1), (32_768, 1)]

    class SerialException(Exception):
        pass

    class Port:
        def __init__(self, silent: bool):
            self.silent, self.pending = silent, b""

        def reset_input_buffer(self):
            pass

        def send_break(self, duration):
            opened["break"] = duration

        def write(self, data):
            self.pending += data
            events.append("w")

        def flush(self):
            pass

        def read(self, n):
            events.append("r")
            if self.silent:
                return b""
            (out,) = sim.exchange([self.pending[:in_bytes]], n)
            self.pending = self.pending[in_bytes:]
            return out

        def close(self):
            opened["closed"] = True

    def serial_for_url(url, **kw):
        opened.update(kw, url=url)
        if url == "/dev/missing":
            raise SerialException("[Errno 2] could not open port /dev/missing")
        return Port(silent=url == "/dev/silent")

    monkeypatch.setitem(sys.modules, "serial", types.SimpleNamespace(serial_for_url=serial_for_url,
                                                                      SerialException=SerialException))
    assert main([*args, "--port", "/dev/missing"]) == 2
    assert "cannot open the serial port /dev/missing" in capsys.readouterr().err
    assert main([*args, "--port", "/dev/silent", "--timeout", "0.5"]) == 2
    err = capsys.readouterr().err
    assert "frame 0: the board sent 0 of 2 output bytes within 0.5 s" in err and opened.get("closed")
    assert main([*args, "--port", "/dev/ttyUSB0", "--baud", "1000000", "-o", str(tmp_path / "out.npy")]) == 0
    assert opened["baudrate"] == 1_000_000 and opened["bytesize"] == 8 and opened["stopbits"] == 1
    assert opened["break"] > 0  # every run starts with a break
    # 8 frames in flight: all 4 frames go out before the first output is read
    assert "".join(events[-8:]) == "wwwwrrrr"
    assert main(["run", str(ulx3s / "05-estimated.mlir"), "--input", str(tmp_path / "x.npy"), "-o",
                 str(tmp_path / "ref.npy"), "--quiet"]) == 0
    assert np.array_equal(np.load(tmp_path / "out.npy"), np.load(tmp_path / "ref.npy"))
    assert main([*args, "--port", "sim", "--baud", "0"]) == 2
    assert "--baud must be a positive" in capsys.readouterr().err


def test_a_shell_error_is_reported(monkeypatch):
    """The simulated shell's status bits (a framing error, a lost byte) fail the run."""
    from finnr.backends.rtl.sim import BoardRun

    link = host.SimLink.__new__(host.SimLink)
    link.rtl_dir, link.clks_per_bit, link.binary, link.run = Path("."), 8, Path("Vboard"), None
    monkeypatch.setattr(host, "run_board", lambda *a, **k: BoardRun([b"\0"], 100, [90], 2))
    with pytest.raises(FinnrError, match="reports a lost byte"):
        link.exchange([b"\0"], 1)
    monkeypatch.setattr(host, "run_board", lambda *a, **k: BoardRun([b"\0"], 100, [90], 3))
    with pytest.raises(FinnrError, match="a UART framing error and a lost byte"):
        link.exchange([b"\0"], 1)


FIFO_DRIVER = r"""
#include <cstdio>
#include <cstdlib>
#include <deque>
#include "Vfinnr_board_fifo.h"
int main() {
  Vfinnr_board_fifo m;
  std::deque<int> sent;
  unsigned seed = 7, pushed = 0, popped = 0, errors = 0, max_level = 0;
  auto rnd = [&]() { seed = seed * 1103515245u + 12345u; return (seed >> 16) & 0x7fff; };
  m.clk = 0; m.rst_n = 0; m.in_valid = 0; m.out_ready = 0; m.eval();
  for (int c = 0; c < 2; ++c) { m.clk = 1; m.eval(); m.clk = 0; m.eval(); }
  m.rst_n = 1;
  for (int c = 0; c < 6000; ++c) {
    // phase 1: fill without reading; phase 2: random traffic; phase 3: drain
    bool fill = c < 400, drain = c >= 5000;
    m.in_valid = !drain && (fill || rnd() % 100 < 45);
    m.in_data = rnd() & 0xff;
    m.out_ready = !fill && (drain || rnd() % 100 < 60);
    m.eval();
    bool push = m.in_valid && m.in_ready, pop = m.out_valid && m.out_ready;
    if (pop) {
      if (sent.empty() || sent.front() != m.out_data) ++errors;
      if (!sent.empty()) sent.pop_front();
      ++popped;
    }
    if (push) { sent.push_back(m.in_data); ++pushed; }
    if (sent.size() > max_level) max_level = sent.size();
    m.clk = 1; m.eval(); m.clk = 0; m.eval();
  }
  printf("pushed=%u popped=%u errors=%u left=%zu max_level=%u\n", pushed, popped, errors, sent.size(), max_level);
  return 0;
}
"""


@needs_verilator
@pytest.mark.parametrize("depth, bank", [(32, 8), (16, 2048)])
def test_receive_fifo_in_banks_keeps_every_byte_in_order(tmp_path, depth, bank):
    """The shell's byte FIFO, in banks (each with its own read register and
    a register next to it before the bank multiplexer) and in one bank:
    under random valid/ready every byte leaves once, in order; it holds
    DEPTH bytes plus the one in its output register."""
    lib = Path(shell.__file__).parent / "lib" / "finnr_board_shell.v"
    out = run_lib_module(tmp_path, [lib], "finnr_board_fifo", FIFO_DRIVER, {"DEPTH": depth, "BANK_BYTES": bank})
    stats = dict(kv.split("=") for kv in out.split())
    assert int(stats["errors"]) == 0 and int(stats["left"]) == 0, out
    assert int(stats["pushed"]) == int(stats["popped"]) > 1000, out
    assert int(stats["max_level"]) == depth + 1, out  # filled while nothing is read
