"""The bitstream flow of ``finnr bitstream DIR`` and ``finnr build
--bitstream``: the open Lattice ECP5 flow (yosys synth_ecp5, nextpnr-ecp5,
ecppack) on the RTL of an ECP5 build, its board shell as the top unless
the bare accelerator is asked for; DIR/bitstream/ with the .bit, the logs
and report.json (fmax, timing, critical path, nextpnr's utilization
against finnr's prediction, seconds per step), and that comparison
appended to DIR/report.md."""

from __future__ import annotations

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


def _shell_prediction(board: dict) -> dict[str, int] | None:
    """The board shell's own resources (:mod:`finnr.models.board_shell`),
    None for a shell without a measured receive-FIFO depth."""
    from finnr.models.board_shell import shell_resources

    try:
        return shell_resources(board)
    except (KeyError, TypeError, ValueError):
        return None


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


def _summary(doc: dict, out: Path) -> None:
    """Print what the flow measured."""
    from finnr.toolchains.ecp5 import UTILIZATION

    fmax, path = doc["fmax_mhz"], doc["critical_path"] or {}
    print(f"{doc['device']} ({doc['part']}): fmax {fmax} MHz at a {doc['clock_mhz']:g} MHz constraint"
          f" ({'met' if doc['timing_met'] else 'MISSED'}); critical path {path.get('from')} -> {path.get('to')}")
    print(f"{'':<8}{'nextpnr':>9}{'finnr':>9}{'of':>8}")
    for k in UTILIZATION:
        print(f"{k:<8}{doc['utilization'][k]:>9}{doc['predicted'][k]:>9}{doc['available'][k] or '-':>8}")
    print("seconds: " + ", ".join(f"{k} {'-' if v is None else v}" for k, v in doc["seconds"].items()))
    if "fps_at_fmax" in doc:
        print(f"{doc['fps_at_fmax']:,.1f} FPS at {fmax} MHz")
    if doc["bitstream"]:
        print(f"wrote {out / doc['bitstream']}")
    print(f"wrote {out / REPORT}")


def run_bitstream(d: Path, clock_mhz: str | None = None, device_name: str | None = None, top_kind: str = "board",
                  quiet: bool = False, show: bool = True) -> dict:
    """Run the flow on the build directory ``d`` (``clock_mhz``: MHz, 'auto'
    or None for the build's clock; ``device_name``: None for the build's;
    ``top_kind``: 'board' or 'accelerator'), print its summary (``show``) and return
    DIR/bitstream/report.json's content; timing missed (without 'auto') is
    a FinnrError after the report is written."""
    from finnr.flows.outdir import check_free, recording
    from finnr.flows.progress import Steps
    from finnr.models.devices import get_device
    from finnr.toolchains.ecp5 import UTILIZATION, run_flow, tool_command
    from finnr.toolchains.synth import load_manifest

    clock_arg = _clock(clock_mhz)
    manifest = load_manifest(d)
    report = _build_report(d)
    try:
        device = get_device(device_name or report.get("device") or "")
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
    board = _board(d, manifest, device.name) if top_kind == "board" else None
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
        with Steps("finnr bitstream", quiet=quiet) as steps:
            result = run_flow(d / "rtl", out, top, files, device.part, clock,
                              dsp=predicted(report)["MULT18"] > 0, lpf=board["lpf"] if board else None,
                              clock_net=("clk" if board["pll"] else "clk_in") if board else "ap_clk",
                              pack=lambda r: auto or bool(r["timing_met"]), progress=steps)
        fmax = result["fmax_mhz"]
        measured = {k: result["utilization"].get(v, 0) for k, v in UTILIZATION.items()}
        accelerator = predicted(report)
        shell = _shell_prediction(board) if board else None
        doc = {
            "device": device.name, "part": device.part, "top": top,
            "fmax_mhz": fmax, "clock_mhz": clock, "timing_met": result["timing_met"],
            "critical_path": result["critical_path"],
            "utilization": measured,
            "predicted": accelerator if shell is None else {k: v + shell[k] for k, v in accelerator.items()},
            "predicted_parts": {"accelerator": accelerator, **({"board_shell": shell} if shell else {})},
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
    if show:
        _summary(doc, out)
    if not result["timing_met"] and not auto:
        raise FinnrError(f"timing missed: nextpnr reaches {fmax} MHz, below the {clock:g} MHz constraint; no bitstream "
                         "written", [f"rebuild at a lower clock (finnr build --clock-mhz {int(fmax or 1)}), or "
                                     "pass --clock-mhz auto to write the bitstream and report the FPS at the achieved fmax"])
    return doc


