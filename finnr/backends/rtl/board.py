"""The board shell of an ECP5 board with a USB-UART bridge: a top level
(``rtl/board_top.v``) that puts a UART in front of the accelerator and one
behind it, and the board's constraints (``rtl/<device>.lpf``).

What the shell is made of (the library files ``finnr_uart_rx.v``,
``finnr_uart_tx.v`` and ``finnr_board_shell.v``, and this generator)::

    oscillator -> EHXPLLL -> the build's clock; power-on reset after the PLL locks, or a break
    UART RX -> byte FIFO -> unpacker (rows of bytes -> beats) -> accelerator
            -> packer (beats -> rows of bytes) -> byte FIFO -> UART TX

The bytes on the wire are those of
:func:`finnr.backends.rtl.board_host.pack_rows`: every row (the
innermost dimension of the accelerator's input or output tensor, C
elements of B bits) is its elements' codes concatenated, element 0 in the
least-significant bits, padded with zeros to ceil(C x B / 8) bytes, sent
least-significant byte first, rows in order, frames in order; exactly the
bytes per frame of :func:`finnr.models.roofline.frame_bytes` (FINN's
driver packs rows the same way). The UART is 8N1 at the board's baud rate
(:class:`finnr.models.devices.Board`), its bit period a whole number of
clock cycles (:func:`uart_divider`, the error against the baud rate
stated and at most :data:`MAX_BAUD_ERROR`).

The UART has no flow control, so the receive FIFO holds several whole
input frames (:func:`rx_depth`) and the host keeps as many frames
in flight as it holds, F (:func:`frames_in_flight`): it sends frame k + F
only once frame k's output has arrived, when the accelerator has taken
frame k in (every engine reads a frame's last beat before it sends its
last one). So no byte is lost however slowly the accelerator takes its
input, and the link stays busy: while the accelerator works on one frame
the next ones arrive. A frame too large for two in the largest FIFO
(over 16 KB) travels alone; one larger than the FIFO (over 32 KB) too,
and then relies on the accelerator taking its bytes as they arrive. The host starts every run with a
break (the line held low for BREAK_BITS bit periods), which resets the
shell and the accelerator, so a run cut short mid-frame leaves no partial
frame behind. The status LEDs: 0 the PLL locked and the reset released,
1 a heartbeat, 2 a UART framing error seen, 3 a byte lost (receive FIFO
full); both errors stay lit until the next break.

The PLL (ECP5 EHXPLLL, feedback from CLKOP) follows the facts Lattice gives
(ECP5 and ECP5-5G sysCLOCK PLL/DLL Design and Usage Guide, FPGA-TN-02200,
formerly TN1263) as Project Trellis' ``ecppll`` states them: CLKI 8-400
MHz, PFD (CLKI / CLKI_DIV) 3.125-400 MHz, VCO 400-800 MHz, CLKOP 10-400
MHz; CLKI_DIV 1-128, CLKFB_DIV 1-80, CLKOP_DIV 1-128; f_out = f_in x
CLKFB_DIV / CLKI_DIV and f_vco = f_out x CLKOP_DIV; CLKOP_CPHASE half the
output period in VCO cycles (a 180 degree shift, as Lattice's tools set
it). The closest output frequency wins, then the VCO nearest 600 MHz.
A board whose oscillator is the build's clock uses no PLL. In
simulation (``FINNR_SIM`` defined) the PLL is bypassed: the oscillator
input is the accelerator's clock."""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

from finnr import __version__
from finnr.backends.rtl.design import Design, Stream
from finnr.backends.verilog import _range, padded
from finnr.diagnostics import FinnrError
from finnr.models.devices import Board, Pin, get_board

LIB_DIR = Path(__file__).parent / "lib"
TOP = "finnr_board_top"
"""The board top's module name (a library name: no layer module takes it)."""
TOP_FILE = "board_top.v"
LIB_FILES = ("finnr_uart_rx.v", "finnr_uart_tx.v", "finnr_board_shell.v")
MODULES = ("finnr_uart_rx", "finnr_uart_tx", "finnr_board_fifo", "finnr_board_unpack", "finnr_board_pack", TOP)
"""The shell's modules (reserved by :data:`finnr.names.LIBRARY_MODULES`)."""

MAX_BAUD_ERROR = 0.02
"""The largest baud-rate error the shell accepts (8N1 samples the last bit
9.5 bit periods after the start edge, so a 2% error moves it by a fifth of
a bit; the bridge's own error adds to it)."""

PLL_LIMITS = {"in": (8.0, 400.0), "pfd": (3.125, 400.0), "vco": (400.0, 800.0), "out": (10.0, 400.0)}
PLL_DIVIDERS = {"clki": 128, "clkfb": 80, "clkop": 128}
TX_DEPTH = 16
BREAK_BITS = 20
"""A break: the RX line low this many bit periods (two characters) resets the shell."""
MAX_RX_DEPTH = 32768


@dataclass(frozen=True)
class Pll:
    clki_div: int
    clkfb_div: int
    clkop_div: int
    fin_mhz: float
    fout_mhz: float
    fvco_mhz: float

    @property
    def cphase(self) -> int:
        """CLKOP_CPHASE: half the output period in VCO cycles."""
        return self.clkop_div // 2


def pll(fin_mhz: float, fout_mhz: float) -> Pll:
    """The EHXPLLL dividers that bring ``fin_mhz`` closest to ``fout_mhz``
    (see the module docstring for the facts); a FinnrError when the input
    or the output is out of the PLL's range."""
    lo, hi = PLL_LIMITS["in"]
    if not lo <= fin_mhz <= hi:
        raise FinnrError(f"the ECP5 PLL takes {lo:g}-{hi:g} MHz, not a {fin_mhz:g} MHz oscillator")
    lo, hi = PLL_LIMITS["out"]
    if not lo <= fout_mhz <= hi:
        raise FinnrError(f"the ECP5 PLL gives {lo:g}-{hi:g} MHz; a {fout_mhz:g} MHz clock is out of its range",
                         ["build at a clock in that range: finnr build --clock-mhz F"])
    best: tuple[float, float, Pll] | None = None
    for clki in range(1, PLL_DIVIDERS["clki"] + 1):
        pfd = fin_mhz / clki
        if not PLL_LIMITS["pfd"][0] <= pfd <= PLL_LIMITS["pfd"][1]:
            continue
        for clkfb in range(1, PLL_DIVIDERS["clkfb"] + 1):
            fout = pfd * clkfb
            if not PLL_LIMITS["out"][0] <= fout <= PLL_LIMITS["out"][1]:
                continue
            for clkop in range(1, PLL_DIVIDERS["clkop"] + 1):
                vco = fout * clkop
                if not PLL_LIMITS["vco"][0] <= vco <= PLL_LIMITS["vco"][1]:
                    continue
                key = (round(abs(fout - fout_mhz), 9), abs(vco - 600.0))
                if best is None or key < best[:2]:
                    best = (*key, Pll(clki, clkfb, clkop, fin_mhz, fout, vco))
    if best is None:  # pragma: no cover - every in-range pair has a setting
        raise FinnrError(f"no ECP5 PLL setting gives {fout_mhz:g} MHz from {fin_mhz:g} MHz")
    return best[2]


@dataclass(frozen=True)
class Uart:
    baud: int
    clks_per_bit: int
    clock_mhz: float

    @property
    def achieved(self) -> float:
        return self.clock_mhz * 1e6 / self.clks_per_bit

    @property
    def error(self) -> float:
        """The achieved baud rate's relative error."""
        return self.achieved / self.baud - 1


def uart_divider(clock_mhz: float, baud: int) -> Uart:
    """Clock cycles per UART bit at ``clock_mhz`` for ``baud`` (the nearest
    whole number); a FinnrError when its error exceeds MAX_BAUD_ERROR."""
    cpb = max(1, round(clock_mhz * 1e6 / baud))
    u = Uart(baud, cpb, clock_mhz)
    if cpb < 4 or abs(u.error) > MAX_BAUD_ERROR:
        raise FinnrError(f"a {baud:,} baud UART at {clock_mhz:g} MHz: {cpb} cycles a bit give {u.achieved:,.0f} "
                         f"baud ({100 * u.error:+.2f}%), beyond the {100 * MAX_BAUD_ERROR:g}% a UART tolerates",
                         ["build at a clock that is closer to a multiple of the baud rate (finnr build --clock-mhz)"])
    return u


@dataclass(frozen=True)
class Rows:
    """How a partition port's stream travels as bytes: ``row`` elements of
    ``bits`` bits a row, ``rows`` rows a frame, ``beat`` bits a beat."""

    row: int
    bits: int
    rows: int
    beat: int

    @property
    def row_bits(self) -> int:
        return self.row * self.bits

    @property
    def row_bytes(self) -> int:
        return math.ceil(self.row_bits / 8)

    @property
    def frame_bytes(self) -> int:
        return self.rows * self.row_bytes


def rows_of(stream: Stream) -> Rows:
    shape = tuple(stream.value.type.get_shape())  # type: ignore[attr-defined]
    row = shape[-1] if shape else 1
    return Rows(row, stream.bits, math.prod(shape) // row, stream.width)


RX_FRAMES = 4
"""Input frames the receive FIFO is sized for (at most MAX_RX_DEPTH bytes).
Two keep the link busy while the accelerator computes a frame in no more
time than the frame takes to arrive; a frame's latency past its last byte
and its output's bytes ask for more (sfc_1w1a: three, by
benchmarks/board_shell.py)."""


def rx_depth(in_bytes: int) -> int:
    """The receive FIFO's depth: :data:`RX_FRAMES` whole input frames (a
    power of two, at least 16), at most MAX_RX_DEPTH."""
    return min(MAX_RX_DEPTH, 1 << max(4, math.ceil(math.log2(max(1, RX_FRAMES * in_bytes)))))


def frames_in_flight(in_bytes: int) -> int:
    """How many input frames the host may send ahead of the outputs it has
    received: as many as the receive FIFO holds, at least one (a frame
    larger than the largest FIFO travels alone, and arrives whole only if
    the accelerator takes its bytes as fast as the UART brings them; a
    lost byte lights LED 3)."""
    return max(1, rx_depth(in_bytes) // max(1, in_bytes))


@dataclass(frozen=True)
class Shell:
    """Everything the board top and its constraints are generated from."""

    board: Board
    design: Design
    clock_mhz: float
    pll: Pll | None
    uart: Uart
    inp: Rows
    out: Rows

    def to_json(self) -> dict:
        """The manifest's ``board`` entry."""
        b = self.board
        return {
            "device": b.device, "top": TOP, "file": TOP_FILE, "lpf": f"{b.device}.lpf",
            "files": [*LIB_FILES, TOP_FILE], "clock_mhz": self.clock_mhz,
            "oscillator_mhz": b.clock_mhz, "achieved_clock_mhz": self.achieved_mhz,
            "pll": None if self.pll is None else {"CLKI_DIV": self.pll.clki_div, "CLKFB_DIV": self.pll.clkfb_div,
                                                  "CLKOP_DIV": self.pll.clkop_div, "CLKOP_CPHASE": self.pll.cphase,
                                                  "vco_mhz": round(self.pll.fvco_mhz, 4)},
            "baud": self.uart.baud, "clks_per_bit": self.uart.clks_per_bit,
            "baud_achieved": round(self.uart.achieved, 1), "baud_error": round(self.uart.error, 5),
            "in": {"row": self.inp.row, "bits": self.inp.bits, "row_bytes": self.inp.row_bytes,
                   "frame_bytes": self.inp.frame_bytes, "beat_bits": self.inp.beat},
            "out": {"row": self.out.row, "bits": self.out.bits, "row_bytes": self.out.row_bytes,
                    "frame_bytes": self.out.frame_bytes, "beat_bits": self.out.beat},
            "rx_fifo_bytes": rx_depth(self.inp.frame_bytes), "tx_fifo_bytes": TX_DEPTH,
            "rx_fifo_holds_frame": rx_depth(self.inp.frame_bytes) >= self.inp.frame_bytes,
            "frames_in_flight": frames_in_flight(self.inp.frame_bytes),
            "pins": pins(b), "bridge": b.bridge, "source": b.source,
        }

    @property
    def achieved_mhz(self) -> float:
        return self.clock_mhz if self.pll is None else round(self.pll.fout_mhz, 6)


def board_of(device: str) -> Board:
    """The board facts of a device with a UART; a FinnrError naming why not."""
    b = get_board(device)
    if b is None:
        raise FinnrError(f"{device}: finnr has no board facts (pins) for it; the board shell exists for "
                         "ulx3s-85f and ecpix5-85")
    if b.uart_rx is None or b.uart_tx is None:
        raise FinnrError(f"{device}: no board shell: {b.no_uart}",
                         ["run the bare accelerator through the flow: finnr bitstream DIR --top accelerator"])
    return b


def plan(design: Design, device: str, clock_mhz: float) -> Shell:
    """The shell of ``design`` on ``device``'s board at ``clock_mhz``; a
    FinnrError when the board has no UART or the partition has more than
    one input or output."""
    b = board_of(device)
    if len(design.inputs) != 1 or len(design.outputs) != 1:
        raise FinnrError(f"the board shell streams one input and one output over the UART; the partition "
                         f"'{design.top}' has {len(design.inputs)} inputs and {len(design.outputs)} outputs",
                         ["run the bare accelerator through the flow: finnr bitstream DIR --top accelerator"])
    p = None if math.isclose(b.clock_mhz, clock_mhz) else pll(b.clock_mhz, clock_mhz)
    fout = clock_mhz if p is None else p.fout_mhz
    return Shell(b, design, clock_mhz, p, uart_divider(fout, b.baud), rows_of(design.inputs[0]),
                 rows_of(design.outputs[0]))


def pins(b: Board) -> dict[str, str]:
    """The board top's ports and their package pins."""
    assert b.uart_rx is not None and b.uart_tx is not None
    out = {"clk_in": b.clock.site, "uart_rx": b.uart_rx.site, "uart_tx": b.uart_tx.site}
    out.update({f"led[{k}]": p.site for k, p in enumerate(b.leds)})
    return out


def _iobuf(port: str, p: Pin) -> str:
    extra = "".join(f" {k}={v}" for k, v in (("PULLMODE", p.pull), ("DRIVE", p.drive)) if v is not None)
    return f'IOBUF PORT "{port}" IO_TYPE={p.io_type}{extra};'


def lpf(shell: Shell) -> str:
    """The board's constraints: every port of the board top on its pin, its
    I/O standard, and the oscillator's frequency (nextpnr derives the
    PLL's output clock from it)."""
    b = shell.board
    assert b.uart_rx is not None and b.uart_tx is not None
    ports = [("clk_in", b.clock), ("uart_rx", b.uart_rx), ("uart_tx", b.uart_tx),
             *((f"led[{k}]", p) for k, p in enumerate(b.leds))]
    lines = [f"# Generated by finnr {__version__}: the board shell of {b.device} (pins from {b.source}).",
             f"# UART {b.baud:,} baud 8N1: {b.bridge}."]
    for port, p in ports:
        lines += [f'LOCATE COMP "{port}" SITE "{p.site}";', _iobuf(port, p)]
    lines.append(f'FREQUENCY PORT "clk_in" {b.clock_mhz:g} MHZ;')
    return "\n".join(lines) + "\n"


def board_top(shell: Shell) -> str:
    """The board top: clock (PLL), power-on reset, UART in, the partition,
    UART out, status LEDs. ``CLKS_PER_BIT`` is a parameter (simulations
    override it)."""
    d, b, p = shell.design, shell.board, shell.pll
    si, so = d.inputs[0], d.outputs[0]
    nled = len(b.leds)
    if p is None:
        clock = ["  assign clk = clk_in;", "  wire locked = 1'b1;"]
    else:
        clock = [
            "`ifdef FINNR_SIM",
            "  assign clk = clk_in;  // the PLL bypassed in simulation",
            "  wire locked = 1'b1;",
            "`else",
            "  wire locked;",
            f"  // EHXPLLL: {b.clock_mhz:g} MHz / {p.clki_div} x {p.clkfb_div} = {p.fout_mhz:.6g} MHz "
            f"(VCO {p.fvco_mhz:.6g} MHz = CLKOP x {p.clkop_div})"
            + ("" if math.isclose(p.fout_mhz, shell.clock_mhz) else f"; {shell.clock_mhz:g} MHz asked"),
            f'  (* FREQUENCY_PIN_CLKI="{b.clock_mhz:g}" *) (* FREQUENCY_PIN_CLKOP="{p.fout_mhz:.6g}" *)',
            '  (* ICP_CURRENT="12" *) (* LPF_RESISTOR="8" *) (* MFG_ENABLE_FILTEROPAMP="1" *) '
            '(* MFG_GMCREF_SEL="2" *)',
            "  EHXPLLL #(",
            '    .PLLRST_ENA("DISABLED"), .INTFB_WAKE("DISABLED"), .STDBY_ENABLE("DISABLED"),',
            '    .DPHASE_SOURCE("DISABLED"), .OUTDIVIDER_MUXA("DIVA"), .CLKOP_ENABLE("ENABLED"),',
            f"    .CLKI_DIV({p.clki_div}), .CLKFB_DIV({p.clkfb_div}), .CLKOP_DIV({p.clkop_div}),",
            f'    .CLKOP_CPHASE({p.cphase}), .CLKOP_FPHASE(0), .FEEDBK_PATH("CLKOP")',
            "  ) pll (",
            "    .CLKI(clk_in), .CLKFB(clk), .CLKOP(clk), .RST(1'b0), .STDBY(1'b0), .PHASESEL0(1'b0),",
            "    .PHASESEL1(1'b0), .PHASEDIR(1'b0), .PHASESTEP(1'b0), .PHASELOADREG(1'b0), .PLLWAKESYNC(1'b0),",
            "    .ENCLKOP(1'b0), .LOCK(locked));",
            "`endif",
        ]
    leds = ["locked_rst", "beat[25]", "frame_error", "overrun"][:nled] + ["1'b0"] * max(0, nled - 4)
    lines = [
        f"// Generated by finnr {__version__}: the board shell of {b.device} around the partition '{d.top}'.",
        f"// UART {b.baud:,} baud 8N1 ({shell.uart.clks_per_bit} cycles a bit at {shell.achieved_mhz:.6g} MHz: "
        f"{shell.uart.achieved:,.0f} baud, {100 * shell.uart.error:+.2f}%); {b.bridge}.",
        f"// In: rows of {shell.inp.row} x {shell.inp.bits} bits = {shell.inp.row_bytes} bytes, "
        f"{shell.inp.frame_bytes} bytes a frame; out: rows of {shell.out.row} x {shell.out.bits} bits = "
        f"{shell.out.row_bytes} bytes, {shell.out.frame_bytes} bytes a frame.",
        "`default_nettype none",
        f"module {TOP} #(",
        f"  parameter integer CLKS_PER_BIT = {shell.uart.clks_per_bit}",
        ") (",
        "  input  wire clk_in,",
        "`ifdef FINNR_SIM",
        "  output wire [1:0] sim_status,  // {a byte lost, a framing error}",
        "`endif",
        "  input  wire uart_rx,",
        "  output wire uart_tx" + ("," if nled else ""),
        *([f"  output wire [{nled - 1}:0] led"] if nled else []),
        ");",
        "  wire clk;",
        *clock,
        "  // power-on reset: held until the PLL has locked, then 255 cycles more",
        "  reg [7:0] por = 8'd0;",
        "  always @(posedge clk) por <= !locked ? 8'd0 : (&por ? por : por + 1'b1);",
        f"  // a break (the RX line low for {BREAK_BITS} bit periods) resets the shell and the accelerator until the",
        "  // line is high again: the host starts every run with one, so a run cut short leaves nothing behind",
        "  localparam integer BREAK = " + f"{BREAK_BITS} * CLKS_PER_BIT;",
        "  reg [1:0] rx_sync = 2'b11;",
        "  reg [$clog2(BREAK + 1) - 1:0] low = 0;",
        "  always @(posedge clk) rx_sync <= {rx_sync[0], uart_rx};",
        "  always @(posedge clk) low <= rx_sync[1] ? 0 : (low == BREAK ? low : low + 1'b1);",
        "  // registered: the reset leaves one flip-flop, not the counters' decode",
        "  reg rst_n = 1'b0;",
        "  always @(posedge clk) rst_n <= &por && low != BREAK;",
        "  wire locked_rst = rst_n;",
        "  reg [25:0] beat = 26'd0;",
        "  always @(posedge clk) beat <= beat + 1'b1;",
        "  wire [7:0] rx_data, rx_q, tx_d, tx_q;",
        "  wire rx_valid, rx_ready, rx_q_valid, rx_q_ready, tx_d_valid, tx_d_ready, tx_q_valid, tx_q_ready;",
        "  wire frame_error;",
        "  reg overrun = 1'b0;",
        "  always @(posedge clk) overrun <= rst_n && (overrun || (rx_valid && !rx_ready));",
        "  finnr_uart_rx #(.CLKS_PER_BIT(CLKS_PER_BIT)) u_rx (.clk(clk), .rst_n(rst_n), .rx(uart_rx),",
        "    .data(rx_data), .valid(rx_valid), .frame_error(frame_error));",
        f"  finnr_board_fifo #(.DEPTH({rx_depth(shell.inp.frame_bytes)})) u_rx_fifo (.clk(clk), .rst_n(rst_n),",
        "    .in_data(rx_data), .in_valid(rx_valid), .in_ready(rx_ready),",
        "    .out_data(rx_q), .out_valid(rx_q_valid), .out_ready(rx_q_ready));",
        f"  wire {_range(padded(si.width))}in_tdata;",
        f"  wire {_range(padded(so.width))}out_tdata;",
        "  wire in_tvalid, in_tready, out_tvalid, out_tready;",
        f"  finnr_board_unpack #(.W({si.width}), .ROW_BITS({shell.inp.row_bits}), .OUT_W({padded(si.width)})) "
        "u_unpack (",
        "    .clk(clk), .rst_n(rst_n), .in_data(rx_q), .in_valid(rx_q_valid), .in_ready(rx_q_ready),",
        "    .out_tdata(in_tdata), .out_tvalid(in_tvalid), .out_tready(in_tready));",
        f"  {d.top} u_accel (",
        "    .ap_clk(clk), .ap_rst_n(rst_n),",
        f"    .{si.port}_tdata(in_tdata), .{si.port}_tvalid(in_tvalid), .{si.port}_tready(in_tready),",
        f"    .{so.port}_tdata(out_tdata), .{so.port}_tvalid(out_tvalid), .{so.port}_tready(out_tready));",
        f"  finnr_board_pack #(.W({so.width}), .ROW_BITS({shell.out.row_bits}), .IN_W({padded(so.width)})) u_pack (",
        "    .clk(clk), .rst_n(rst_n), .in_tdata(out_tdata), .in_tvalid(out_tvalid), .in_tready(out_tready),",
        "    .out_data(tx_d), .out_valid(tx_d_valid), .out_ready(tx_d_ready));",
        f"  finnr_board_fifo #(.DEPTH({TX_DEPTH})) u_tx_fifo (.clk(clk), .rst_n(rst_n),",
        "    .in_data(tx_d), .in_valid(tx_d_valid), .in_ready(tx_d_ready),",
        "    .out_data(tx_q), .out_valid(tx_q_valid), .out_ready(tx_q_ready));",
        "  finnr_uart_tx #(.CLKS_PER_BIT(CLKS_PER_BIT)) u_tx (.clk(clk), .rst_n(rst_n), .data(tx_q),",
        "    .valid(tx_q_valid), .ready(tx_q_ready), .tx(uart_tx));",
        *([f"  assign led = {{{', '.join(reversed(leds))}}};"] if nled else []),
        "`ifdef FINNR_SIM",
        "  assign sim_status = {overrun, frame_error};",
        "`endif",
        "endmodule",
        "`default_nettype wire",
        "",
    ]
    return "\n".join(lines)


def write_board(design: Design, directory: str | Path, device: str, clock_mhz: float) -> dict:
    """Write the board top, the library files it adds and ``<device>.lpf``
    into ``directory``; the manifest's ``board`` entry."""
    import shutil

    shell = plan(design, device, clock_mhz)
    d = Path(directory)
    for f in LIB_FILES:
        shutil.copyfile(LIB_DIR / f, d / f)
    (d / TOP_FILE).write_text(board_top(shell))
    (d / f"{device}.lpf").write_text(lpf(shell))
    return shell.to_json()
