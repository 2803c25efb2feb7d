"""The device database: FPGA resources, default clock, off-chip memory
bandwidth and host link of the boards finnr targets, and devices of one's
own described in a JSON file.

Resources and clocks of pynq-z1, ultra96, zcu104, aws-f1 and u250 are the
vendor figures FINN-R and FINN use (REFERENCE.md). Bandwidth is the nominal
peak of the board's off-chip DRAM (bus width x transfer rate), which the
multi-layer-offload model and the roofline use; real sustained bandwidth is
lower.

The boards added after them, with the sources of every figure (BRAM18 is
twice the data sheet's count of 36 Kb block RAMs):

- pynq-z2 (TUL PYNQ-Z2): the same Zynq-7020 as the PYNQ-Z1 (FINN maps both
  boards to xc7z020clg400-1): 53,200 LUT, 106,400 FF, 140 BRAM36, 220 DSP
  (Zynq-7000 SoC data sheet overview, DS190, Z-7020 column). 100 MHz, the
  clock finn-examples builds the PYNQ boards at (synth_clk_period_ns 10 ns,
  bnn-pynq). DRAM: 512 MB DDR3 on a 16-bit bus at 1050 MT/s (PYNQ-Z2
  reference manual) = 2.1 GB/s.
- zcu102: Zynq UltraScale+ XCZU9EG (FINN: xczu9eg-ffvb1156-2-e): 274,080
  LUT, 548,160 FF, 912 BRAM36, no URAM, 2,520 DSP (Zynq UltraScale+ MPSoC
  data sheet overview, DS891, ZU9EG column). 100 MHz, as finn-examples
  builds its Zynq MobileNet-v1 (ZCU102, ZCU104: 10 ns). DRAM: the PS DDR4,
  64 bit at 2400 MT/s (ZCU102 board user guide, UG1182) = 19.2 GB/s.
- kv260: the Kria K26 SOM of the KV260 kit (FINN: xck26-sfvc784-2LV-c):
  117,120 LUT, 234,240 FF, 144 BRAM36, 64 URAM, 1,248 DSP (Kria K26 SOM
  data sheet, DS987). 100 MHz (finn-examples' Zynq clock). DRAM: 4 GB
  DDR4, 64 bit at 2400 MT/s (DS987) = 19.2 GB/s.
- u280: Alveo U280 (xcu280-fsvh2892-2L-e): 1,303,680 LUT, 2,607,360 FF,
  2,016 BRAM36, 960 URAM, 9,024 DSP (Alveo U280 data sheet, DS963). 333 MHz:
  finn-examples builds its Alveo designs at 3 ns (MobileNet-v1 on
  U50/U200/U250/U280). Off-chip: 8 GB HBM2 at 460 GB/s (DS963; the card's
  32 GB DDR4, 38 GB/s, is left out).
- u55c: Alveo U55C (FINN: xcu55c-fsvh2892-2L-e): the same resources as the
  U280 (Alveo U55C data sheet, DS978): 1,303,680 LUT, 2,607,360 FF, 2,016
  BRAM36, 960 URAM, 9,024 DSP; 16 GB HBM2 at 460 GB/s. 333 MHz, the
  Alveo clock of finn-examples (above).

- ulx3s-85f, orangecrab-25f, ecpix5-85: Lattice ECP5 boards for the open
  flow (``finnr bitstream``: yosys, nextpnr-ecp5, ecppack). Resources from
  the ECP5/ECP5-5G family data sheet (Lattice FPGA-DS-02012, table 1.1):
  LFE5U-85F / LFE5UM5G-85F: 84K LUT4 (83,640: 41,820 slices of two LUT4 and
  two FFs each, as nextpnr-ecp5 counts TRELLIS_COMB and TRELLIS_FF), 208
  sysMEM EBR blocks (DP16KD, 18 Kb each: finnr's "bram18"), 156 18x18
  multipliers (MULT18X18D: finnr's "dsp"); LFE5U-25F: 24K LUT4 (24,288),
  56 EBR, 28 multipliers. No URAM. "lut" counts LUT4s: finnr's LUT cost
  model counts LUT6-ish Xilinx LUTs and is used for ECP5 as it is, an
  approximation until an ECP5 coefficient set exists (``finnr bitstream``
  prints nextpnr's LUT4 count next to it; README "ECP5 bitstream"). 100 MHz default clock
  (from the board oscillator through a PLL). Parts: ULX3S LFE5U-85F-6BG381C
  (ULX3S schematic and README, radiona.org); OrangeCrab r0.2
  LFE5U-25F-8MG285C (OrangeCrab README, gsd); ECPIX-5 LFE5UM5G-85F-8BG554I
  (LambdaConcept ECPIX-5 documentation). DRAM: ULX3S 32 MB SDRAM, 16 bit
  at 166 MHz SDR = 0.33 GB/s; OrangeCrab 128 MB DDR3L and ECPIX-5 512 MB
  DDR3L, 16 bit; at the 800 MT/s the ECP5 DDR3 interface reaches = 1.6
  GB/s.

The host link (``link_in``/``link_out``, bytes per second from the host
into the accelerator and back) bounds the frame rate of every design:
no accelerator runs faster than its input and output frames can be moved.
Assumption (conservative, as FINN's shells are built): the accelerator's
input stream comes through ONE DMA on ONE port, and so does its output;
the read and write directions of an AXI port (and of a PCIe link) are
independent, so each direction has the whole port:

- Zynq-7000 (pynq-z1, pynq-z2): the PS has four high-performance AXI slave
  ports (S_AXI_HP0..3), 64 bits wide at up to 150 MHz (Zynq-7000 TRM,
  UG585, chapter 5 "Interconnect", high-performance AXI ports). One port:
  8 bytes x 150 MHz = 1.2 GB/s each way.
- Zynq UltraScale+ (ultra96, zcu104, zcu102, kv260): the PL-to-PS
  high-performance ports S_AXI_HP0..3_FPD are up to 128 bits wide (Zynq
  UltraScale+ TRM, UG1085, "PL-PS AXI interfaces"; FINN's native port
  width of these boards is 128 bits too), clocked at up to 333 MHz (Zynq
  UltraScale+ data sheet DS925, PS-PL AXI interface clock). One port: 16
  bytes x 333 MHz = 5.328 GB/s each way (below the boards' DRAM bandwidth).
- Alveo U250, U280, U55C and AWS F1 (VU9P): PCIe Gen3 x16 (the U280 and
  U55C platforms FINN uses are gen3x16 XDMA shells), 8 GT/s x 16 lanes x
  128/130 = 15.75 GB/s raw per direction; the XDMA/QDMA DMA subsystems
  (PG195, PG302) measure about 12-13 GB/s per direction on Gen3 x16 with
  large transfers, and AMD advises measuring it (`xbutil dma` test, Vitis
  guide UG1393 "Determine the Maximum Achievable Throughput"): 12 GB/s
  each way, the low end.

- ECP5 boards: the board's USB port as a UART (the board shell,
  :mod:`finnr.backends.rtl.board`, with the pins of :data:`BOARDS`). ULX3S: FTDI FT231X at 3 Mbaud, 8N1 framing
  (10 bits a byte) = 300 kB/s each way (full duplex). ECPIX-5: its FTDI
  FT2232H's second channel as a UART, assumed at the same 3 Mbaud as the
  ULX3S (the chip reaches 12 Mbaud) = 300 kB/s each way. OrangeCrab: no
  USB-UART bridge; the ECP5 drives USB 1.1 full speed itself (a soft
  CDC-ACM core): 12 Mbit/s, at most 19 bulk packets of 64 bytes per 1 ms
  frame = 1.216 MB/s, half duplex, so assumed 608 kB/s each way.

A device of one's own: ``--device FILE.json`` (every command and pass
option that takes a device) reads a JSON object in exactly the form that
``finnr devices --json`` prints for one device (:func:`device_to_json`,
:func:`load_device_file`; the README's "Devices" section shows one)::

    {
      "name": "my-board",              a name of its own, [a-z0-9._-]
      "part": "xc7z020clg400-1",       the FPGA part (HLS and Tcl use it)
      "family": "zynq-7000",           one of FAMILIES
      "description": "...",            optional free text
      "resources": {"lut": 53200, "ff": 106400, "bram18": 280, "uram": 0, "dsp": 220},
      "clock_mhz": 100,                the default clock
      "dram_gbps": 4.2,                off-chip memory bandwidth, GB/s
      "host_link": {"in_bytes_per_s": 1.2e9, "out_bytes_per_s": 1.2e9,
                    "link": "one 64-bit AXI HP port at 150 MHz"}
    }

Resources are non-negative integers (BRAM18: 18 Kb block RAMs, twice the
36 Kb count), at least one LUT; the clock, bandwidths and host link are
positive numbers. A file that is not of this form is an error naming the
field."""

from __future__ import annotations

import difflib
import json
import math
import re
from dataclasses import dataclass
from pathlib import Path

from finnr.diagnostics import FinnrError

FAMILIES = ("zynq-7000", "artix-7", "kintex-7", "virtex-7", "zynq-ultrascale+", "kintex-ultrascale+",
            "virtex-ultrascale+", "ecp5")
"""The device families a device file may name."""

RESOURCE_KEYS = ("lut", "ff", "bram18", "uram", "dsp")


@dataclass(frozen=True)
class Device:
    name: str
    part: str
    lut: int
    ff: int
    bram18: int
    uram: int
    dsp: int
    clock_mhz: float
    dram_gbps: float
    """Nominal peak off-chip bandwidth in GB/s."""
    description: str
    link_in: float
    """Host-to-accelerator bandwidth in bytes/s (see the module docstring)."""
    link_out: float
    """Accelerator-to-host bandwidth in bytes/s."""
    link: str
    """What the link is."""
    family: str
    """One of FAMILIES."""

    def link_fps(self, in_bytes: float, out_bytes: float) -> float:
        """The frames per second the host link carries when a frame moves
        ``in_bytes`` in and ``out_bytes`` out (both directions at once)."""
        rates = [bw / b for bw, b in ((self.link_in, in_bytes), (self.link_out, out_bytes)) if b > 0]
        return min(rates) if rates else float("inf")

    def resources(self) -> dict[str, int]:
        return {"lut": self.lut, "ff": self.ff, "bram18": self.bram18, "uram": self.uram, "dsp": self.dsp}


_Z7_LINK = (8 * 150e6, 8 * 150e6, "one 64-bit AXI HP port at 150 MHz")
_ZUP_LINK = (16 * 333e6, 16 * 333e6, "one 128-bit AXI HP port at 333 MHz")
_PCIE_LINK = (12e9, 12e9, "PCIe Gen3 x16 through XDMA (12 GB/s each way)")
_UART_LINK = (300e3, 300e3, "USB-UART at 3 Mbaud, 8N1 (300 kB/s each way)")

DEVICES: dict[str, Device] = {
    d.name: d
    for d in (
        Device("pynq-z1", "xc7z020clg400-1", 53_200, 106_400, 280, 0, 220, 100.0, 4.2,
               "PYNQ-Z1, Zynq-7020, 512 MB DDR3 (32 bit, 1066 MT/s)", *_Z7_LINK, "zynq-7000"),
        Device("pynq-z2", "xc7z020clg400-1", 53_200, 106_400, 280, 0, 220, 100.0, 2.1,
               "PYNQ-Z2, Zynq-7020, 512 MB DDR3 (16 bit, 1050 MT/s)", *_Z7_LINK, "zynq-7000"),
        Device("ultra96", "xczu3eg-sbva484-1", 70_560, 141_120, 432, 0, 360, 300.0, 8.5,
               "Ultra96, Zynq UltraScale+ ZU3EG, 2 GB LPDDR4 (32 bit, 2133 MT/s)", *_ZUP_LINK, "zynq-ultrascale+"),
        Device("zcu104", "xczu7ev-ffvc1156-2", 230_400, 460_800, 624, 96, 1_728, 300.0, 19.2,
               "ZCU104, Zynq UltraScale+ ZU7EV, 2 GB DDR4 (64 bit, 2400 MT/s)", *_ZUP_LINK, "zynq-ultrascale+"),
        Device("zcu102", "xczu9eg-ffvb1156-2-e", 274_080, 548_160, 1_824, 0, 2_520, 100.0, 19.2,
               "ZCU102, Zynq UltraScale+ ZU9EG, 4 GB PS DDR4 (64 bit, 2400 MT/s)", *_ZUP_LINK, "zynq-ultrascale+"),
        Device("kv260", "xck26-sfvc784-2LV-c", 117_120, 234_240, 288, 64, 1_248, 100.0, 19.2,
               "Kria KV260, K26 SOM (Zynq UltraScale+), 4 GB DDR4 (64 bit, 2400 MT/s)", *_ZUP_LINK, "zynq-ultrascale+"),
        Device("aws-f1", "xcvu9p-flgb2104-2", 1_182_240, 2_364_480, 4_320, 960, 6_840, 250.0, 76.8,
               "AWS EC2 F1, Virtex UltraScale+ VU9P, 4 x DDR4 (64 bit, 2400 MT/s)", *_PCIE_LINK, "virtex-ultrascale+"),
        Device("u250", "xcu250-figd2104-2L", 1_728_000, 3_456_000, 5_376, 1_280, 12_288, 250.0, 77.0,
               "Alveo U250, 4 x DDR4 (64 bit, 2400 MT/s)", *_PCIE_LINK, "virtex-ultrascale+"),
        Device("u280", "xcu280-fsvh2892-2L-e", 1_303_680, 2_607_360, 4_032, 960, 9_024, 333.333, 460.0,
               "Alveo U280, 8 GB HBM2 (460 GB/s)", *_PCIE_LINK, "virtex-ultrascale+"),
        Device("u55c", "xcu55c-fsvh2892-2L-e", 1_303_680, 2_607_360, 4_032, 960, 9_024, 333.333, 460.0,
               "Alveo U55C, 16 GB HBM2 (460 GB/s)", *_PCIE_LINK, "virtex-ultrascale+"),
        Device("ulx3s-85f", "LFE5U-85F-6BG381C", 83_640, 83_640, 208, 0, 156, 100.0, 0.332,
               "ULX3S, Lattice ECP5 LFE5U-85F, 32 MB SDRAM (16 bit, 166 MHz)", *_UART_LINK, "ecp5"),
        Device("orangecrab-25f", "LFE5U-25F-8MG285C", 24_288, 24_288, 56, 0, 28, 100.0, 1.6,
               "OrangeCrab r0.2, Lattice ECP5 LFE5U-25F, 128 MB DDR3L (16 bit)", 608e3, 608e3,
               "USB 1.1 full speed, soft CDC-ACM (608 kB/s each way, half duplex)", "ecp5"),
        Device("ecpix5-85", "LFE5UM5G-85F-8BG554I", 83_640, 83_640, 208, 0, 156, 100.0, 1.6,
               "ECPIX-5, Lattice ECP5-5G LFE5UM5G-85F, 512 MB DDR3L (16 bit)", *_UART_LINK, "ecp5"),
    )
}

_LOADED: dict[str, Device] = {}
"""Devices read from files in this process, by name (so that a pass or a
plot given the name finds the device the build was given as a file)."""


def device_to_json(d: Device) -> dict:
    """The JSON form of a device: what ``finnr devices --json`` prints for
    it and what :func:`load_device_file` reads."""
    return {
        "name": d.name,
        "part": d.part,
        "family": d.family,
        "description": d.description,
        "resources": d.resources(),
        "clock_mhz": d.clock_mhz,
        "dram_gbps": d.dram_gbps,
        "host_link": {"in_bytes_per_s": d.link_in, "out_bytes_per_s": d.link_out, "link": d.link},
    }


def _field_error(path: str, field: str, what: str, value) -> FinnrError:
    return FinnrError(f"{path}: field '{field}' must be {what}, got {json.dumps(value)}")


def _object(path: str, field: str, value, keys: tuple[str, ...], optional: tuple[str, ...] = ()) -> dict:
    """``value`` is an object with exactly ``keys`` (and maybe ``optional``)."""
    where = f"field '{field}'" if field else "the device"
    if not isinstance(value, dict):
        raise FinnrError(f"{path}: {where} must be a JSON object, got {json.dumps(value)[:60]}")
    for k in keys:
        if k not in value:
            raise FinnrError(f"{path}: {where} lacks '{k}' (a device has: {', '.join(keys)})")
    for k in value:
        if k not in keys and k not in optional:
            dotted = f"{field}.{k}" if field else k
            close = difflib.get_close_matches(k, keys + optional, n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else f" (known: {', '.join(keys + optional)})"
            raise FinnrError(f"{path}: unknown field '{dotted}'{hint}")
    return value


def _number(path: str, field: str, value) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value) or value <= 0:
        raise _field_error(path, field, "a positive number", value)
    return float(value)


def _count(path: str, field: str, value, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        what = "a positive integer" if minimum > 0 else "a non-negative integer"
        raise _field_error(path, field, what, value)
    return value


def _text(path: str, field: str, value, pattern: str | None = None, what: str = "a non-empty string") -> str:
    if not isinstance(value, str) or not value.strip() or (pattern is not None and not re.fullmatch(pattern, value)):
        raise _field_error(path, field, what, value)
    return value


def device_from_json(data, path: str = "the device") -> Device:
    """The device a JSON object describes (the form of :func:`device_to_json`);
    a FinnrError naming the first bad field otherwise."""
    keys = ("name", "part", "family", "resources", "clock_mhz", "dram_gbps", "host_link")
    _object(path, "", data, keys, optional=("description",))
    name = _text(path, "name", data["name"], r"[a-z0-9][a-z0-9._-]*",
                 "a name of lower-case letters, digits, '.', '_' and '-'")
    part = _text(path, "part", data["part"])
    if data["family"] not in FAMILIES:
        raise _field_error(path, "family", f"one of {', '.join(FAMILIES)}", data["family"])
    description = data.get("description", "")
    if not isinstance(description, str):
        raise _field_error(path, "description", "a string", description)
    res = _object(path, "resources", data["resources"], RESOURCE_KEYS)
    counts = {k: _count(path, f"resources.{k}", res[k], 1 if k == "lut" else 0) for k in RESOURCE_KEYS}
    link = _object(path, "host_link", data["host_link"], ("in_bytes_per_s", "out_bytes_per_s", "link"))
    return Device(
        name, part, counts["lut"], counts["ff"], counts["bram18"], counts["uram"], counts["dsp"],
        _number(path, "clock_mhz", data["clock_mhz"]), _number(path, "dram_gbps", data["dram_gbps"]),
        description, _number(path, "host_link.in_bytes_per_s", link["in_bytes_per_s"]),
        _number(path, "host_link.out_bytes_per_s", link["out_bytes_per_s"]),
        _text(path, "host_link.link", link["link"]), data["family"],
    )


def is_device_file(name: str) -> bool:
    """Whether ``--device`` names a file (a .json path) rather than a device."""
    return name.strip().lower().endswith(".json") or "/" in name or "\\" in name


def load_device_file(path: str | Path) -> Device:
    """The device a JSON file describes; known by its name from then on in
    this process (:func:`get_device`). A built-in's name is refused unless
    the file describes exactly the built-in device."""
    p = Path(path)
    try:
        data = json.loads(p.read_text())
    except FileNotFoundError:
        raise FinnrError(f"{path}: no such device file (--device takes a device name or a .json file; "
                         "see `finnr devices --json`)") from None
    except (OSError, UnicodeDecodeError) as e:
        raise FinnrError(f"{path}: cannot read the device file ({e})") from None
    except ValueError as e:
        raise FinnrError(f"{path}: not JSON ({e})") from None
    device = device_from_json(data, str(path))
    builtin = DEVICES.get(device.name)
    if builtin is not None and builtin != device:
        raise FinnrError(f"{path}: field 'name': '{device.name}' is a built-in device with other figures; "
                         "give your device a name of its own")
    _LOADED[device.name] = device
    return device


def get_device(name: str) -> Device:
    """The device called ``name`` (case-insensitive), or the device a .json
    file describes (:func:`load_device_file`); a KeyError naming the
    closest known devices otherwise."""
    if is_device_file(name):
        return load_device_file(name.strip())
    key = name.strip().lower()
    if key in DEVICES:
        return DEVICES[key]
    if key in _LOADED:
        return _LOADED[key]
    close = difflib.get_close_matches(key, DEVICES, n=3, cutoff=0.4)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    raise KeyError(f"unknown device '{name}'{hint} (known: {', '.join(DEVICES)}; or a .json file describing one)")


# --- board facts: the pins a board shell uses --------------------------------------


@dataclass(frozen=True)
class Pin:
    """A package pin (ball) and its I/O settings, as an LPF ``LOCATE`` and
    ``IOBUF`` line states them."""

    site: str
    io_type: str = "LVCMOS33"
    pull: str | None = None
    """PULLMODE (UP, DOWN, NONE), None: the tool's default."""
    drive: int | None = None
    """DRIVE in mA (outputs), None: the tool's default."""


@dataclass(frozen=True)
class Board:
    """What a board shell needs of a board (one home for these facts): its
    oscillator, its USB-UART bridge and its LEDs. ``uart_rx`` is the pin
    the FPGA receives on (the bridge's TXD), ``uart_tx`` the one it sends
    on. A board without a UART bridge has ``uart_rx``/``uart_tx`` None and
    says why in ``no_uart``."""

    device: str
    clock: Pin
    clock_mhz: float
    uart_rx: Pin | None
    uart_tx: Pin | None
    baud: int
    """The baud rate the shell runs its UART at (8N1)."""
    bridge: str
    """The UART bridge and the source of the baud rate."""
    leds: tuple[Pin, ...]
    """Active-high LEDs the shell drives (status), in order; may be empty."""
    source: str
    """Where the pins come from."""
    no_uart: str | None = None


BOARDS: dict[str, Board] = {
    b.device: b
    for b in (
        # emard/ulx3s doc/constraints/ulx3s_v20.lpf (ULX3S v2.x and v3.0.x): the 25 MHz oscillator on G2; the
        # FT231X's TXD on M1 ("ftdi_txd", the FPGA receives) and its RXD on L4 ("ftdi_rxd", the FPGA transmits),
        # LVCMOS33 with pull-ups, DRIVE 4 on the output; LEDs led[0..7] on B2 C2 C1 D2 D1 E2 E1 H3 (active high).
        Board("ulx3s-85f", Pin("G2", pull="NONE"), 25.0, Pin("M1", pull="UP"), Pin("L4", pull="UP", drive=4),
              3_000_000, "FTDI FT231X USB-UART bridge at 3 Mbaud (its maximum; the ULX3S README: \"FTDI FT231XS "
              "(300kbit JTAG and 3Mbit USB-serial)\")",
              tuple(Pin(s, pull="NONE", drive=4) for s in ("B2", "C2", "C1", "D2", "D1", "E2", "E1", "H3")),
              "emard/ulx3s, doc/constraints/ulx3s_v20.lpf"),
        # litex-hub/litex-boards, litex_boards/platforms/lambdaconcept_ecpix5.py: clk100 on K23, serial rx
        # (the FPGA receives) on R26, tx on R24, LVCMOS33. Its LEDs are RGB LEDs of unstated polarity: unused.
        Board("ecpix5-85", Pin("K23"), 100.0, Pin("R26"), Pin("R24"), 3_000_000,
              "FTDI FT2232H (channel B as a UART) at 3 Mbaud, as the device's host link assumes (the chip "
              "reaches 12 Mbaud)", (), "litex-hub/litex-boards, litex_boards/platforms/lambdaconcept_ecpix5.py"),
        Board("orangecrab-25f", Pin("A9"), 48.0, None, None, 0, "none", (),
              "the OrangeCrab r0.2.1 constraints (clk48, the 48 MHz oscillator, on A9)",
              no_uart="the OrangeCrab has no UART bridge: its USB port is wired to the FPGA itself and needs a "
              "soft USB (CDC-ACM) core in the bitstream, which finnr's board shell does not have"),
    )
}
"""Board facts of the ECP5 boards, keyed by device name."""


def get_board(device: str) -> Board | None:
    """The board facts of a device, None for a device without them."""
    return BOARDS.get(device)
