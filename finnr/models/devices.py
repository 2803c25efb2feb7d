"""The device database: FPGA resources, default clock and off-chip memory
bandwidth of the boards finnr targets.

Resources and clocks are the vendor figures FINN-R and FINN use
(REFERENCE.md). Bandwidth is the nominal peak of the board's off-chip DRAM
(bus width x transfer rate), which the multi-layer-offload model and the
roofline use; real sustained bandwidth is lower."""

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

    def resources(self) -> dict[str, int]:
        return {"lut": self.lut, "ff": self.ff, "bram18": self.bram18, "uram": self.uram, "dsp": self.dsp}


DEVICES: dict[str, Device] = {
    d.name: d
    for d in (
        Device("pynq-z1", "xc7z020clg400-1", 53_200, 106_400, 280, 0, 220, 100.0, 4.2,
               "PYNQ-Z1, Zynq-7020, 512 MB DDR3 (32 bit, 1066 MT/s)"),
        Device("ultra96", "xczu3eg-sbva484-1", 70_560, 141_120, 432, 0, 360, 300.0, 8.5,
               "Ultra96, Zynq UltraScale+ ZU3EG, 2 GB LPDDR4 (32 bit, 2133 MT/s)"),
        Device("zcu104", "xczu7ev-ffvc1156-2", 230_400, 460_800, 624, 96, 1_728, 300.0, 19.2,
               "ZCU104, Zynq UltraScale+ ZU7EV, 2 GB DDR4 (64 bit, 2400 MT/s)"),
        Device("aws-f1", "xcvu9p-flgb2104-2", 1_182_240, 2_364_480, 4_320, 960, 6_840, 250.0, 76.8,
               "AWS EC2 F1, Virtex UltraScale+ VU9P, 4 x DDR4 (64 bit, 2400 MT/s)"),
        Device("u250", "xcu250-figd2104-2L", 1_728_000, 3_456_000, 5_376, 1_280, 12_288, 250.0, 77.0,
               "Alveo U250, 4 x DDR4 (64 bit, 2400 MT/s)"),
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
