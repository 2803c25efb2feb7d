"""The device database: FPGA resources, default clock and off-chip memory
bandwidth of the boards finnr targets.

Resources and clocks are the vendor figures FINN-R and FINN use
(REFERENCE.md). Bandwidth is the nominal peak of the board's off-chip DRAM
(bus width x transfer rate), which the multi-layer-offload model and the
roofline use; real sustained bandwidth is lower.

The host link (``link_in``/``link_out``, bytes per second from the host
into the accelerator and back) bounds the frame rate of every design:
no accelerator runs faster than its input and output frames can be moved.
Assumption (conservative, as FINN's shells are built): the accelerator's
input stream comes through ONE DMA on ONE port, and so does its output;
the read and write directions of an AXI port (and of a PCIe link) are
independent, so each direction has the whole port:

- Zynq-7000 (pynq-z1): the PS has four high-performance AXI slave ports
  (S_AXI_HP0..3), 64 bits wide at up to 150 MHz (Zynq-7000 TRM, UG585,
  chapter 5 "Interconnect", high-performance AXI ports). One port: 8 bytes
  x 150 MHz = 1.2 GB/s each way.
- Zynq UltraScale+ (ultra96, zcu104): the PL-to-PS high-performance ports
  S_AXI_HP0..3_FPD are up to 128 bits wide (Zynq UltraScale+ TRM, UG1085,
  "PL-PS AXI interfaces"), clocked at up to 333 MHz (Zynq UltraScale+ data
  sheet DS925, PS-PL AXI interface clock). One port: 16 bytes x 333 MHz =
  5.328 GB/s each way (below the boards' DRAM bandwidth).
- Alveo U250 and AWS F1 (VU9P): PCIe Gen3 x16, 8 GT/s x 16 lanes x 128/130
  = 15.75 GB/s raw per direction; the XDMA/QDMA DMA subsystems (PG195,
  PG302) measure about 12-13 GB/s per direction on Gen3 x16 with large
  transfers, and AMD advises measuring it (`xbutil dma` test, Vitis
  guide UG1393 "Determine the Maximum Achievable Throughput"): 12 GB/s
  each way, the low end."""

from __future__ import annotations

import difflib
from dataclasses import dataclass


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

    def link_fps(self, in_bytes: float, out_bytes: float) -> float:
        """The frames per second the host link carries when a frame moves
        ``in_bytes`` in and ``out_bytes`` out (both directions at once)."""
        rates = [bw / b for bw, b in ((self.link_in, in_bytes), (self.link_out, out_bytes)) if b > 0]
        return min(rates) if rates else float("inf")

    def resources(self) -> dict[str, int]:
        return {"lut": self.lut, "ff": self.ff, "bram18": self.bram18, "uram": self.uram, "dsp": self.dsp}


DEVICES: dict[str, Device] = {
    d.name: d
    for d in (
        Device("pynq-z1", "xc7z020clg400-1", 53_200, 106_400, 280, 0, 220, 100.0, 4.2,
               "PYNQ-Z1, Zynq-7020, 512 MB DDR3 (32 bit, 1066 MT/s)", 8 * 150e6, 8 * 150e6, "one 64-bit AXI HP port at 150 MHz"),
        Device("ultra96", "xczu3eg-sbva484-1", 70_560, 141_120, 432, 0, 360, 300.0, 8.5,
               "Ultra96, Zynq UltraScale+ ZU3EG, 2 GB LPDDR4 (32 bit, 2133 MT/s)", 16 * 333e6, 16 * 333e6, "one 128-bit AXI HP port at 333 MHz"),
        Device("zcu104", "xczu7ev-ffvc1156-2", 230_400, 460_800, 624, 96, 1_728, 300.0, 19.2,
               "ZCU104, Zynq UltraScale+ ZU7EV, 2 GB DDR4 (64 bit, 2400 MT/s)", 16 * 333e6, 16 * 333e6, "one 128-bit AXI HP port at 333 MHz"),
        Device("aws-f1", "xcvu9p-flgb2104-2", 1_182_240, 2_364_480, 4_320, 960, 6_840, 250.0, 76.8,
               "AWS EC2 F1, Virtex UltraScale+ VU9P, 4 x DDR4 (64 bit, 2400 MT/s)", 12e9, 12e9, "PCIe Gen3 x16 through XDMA (12 GB/s each way)"),
        Device("u250", "xcu250-figd2104-2L", 1_728_000, 3_456_000, 5_376, 1_280, 12_288, 250.0, 77.0,
               "Alveo U250, 4 x DDR4 (64 bit, 2400 MT/s)", 12e9, 12e9, "PCIe Gen3 x16 through XDMA (12 GB/s each way)"),
    )
}


def get_device(name: str) -> Device:
    """The device called ``name`` (case-insensitive); a KeyError naming the
    closest known devices otherwise."""
    key = name.strip().lower()
    if key in DEVICES:
        return DEVICES[key]
    close = difflib.get_close_matches(key, DEVICES, n=3, cutoff=0.4)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    raise KeyError(f"unknown device '{name}'{hint} (known: {', '.join(DEVICES)})")
