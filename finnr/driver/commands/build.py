"""``finnr build``: the command line of :mod:`finnr.flows.build` (and of
``--verify``, :mod:`finnr.flows.verify`)."""

from __future__ import annotations

import argparse
import sys

from finnr.defaults import DEFAULT_ARCH, DEFAULT_BACKEND, DEFAULT_DEVICE, DEFAULT_FIFO_DEPTH, DEFAULT_HEURISTIC, DEFAULT_UTILIZATION
from finnr.flows.build import BACKENDS, HEURISTICS, STAGES
from finnr.models.cost_models import COST_MODELS


def run(args: argparse.Namespace) -> int:
    from finnr.flows.build import BuildOptions, run_build

    opts = BuildOptions(
        model=args.model, output=args.output, device=args.device, target_fps=args.target_fps,
        folding_config=args.folding_config, stop_after=args.stop_after, maximize=args.maximize,
        utilization=args.utilization, heuristic=args.heuristic, backend=args.backend, arch=args.arch,
        fifo_depths=args.fifo_depths, input_datatype=args.input_datatype, input_scale=args.input_scale,
        force=args.force, clock_mhz=args.clock_mhz, allow_overbudget=args.allow_overbudget,
        cost_model=args.cost_model,
    )
    stages = list(STAGES[: STAGES.index(args.stop_after) + 1])
    if args.bitstream:
        _check_bitstream(args)

    def progress(stage: str) -> None:
        if not args.quiet and not args.json:
            shown = "rtl" if stage == "hls" and args.backend == "rtl" else stage
            print(f"finnr build [{stages.index(stage) + 1}/{len(stages)}] {shown}", file=sys.stderr, flush=True)

    report = run_build(opts, progress=progress)
    status = 0
    if args.verify:
        from finnr.flows.progress import Steps
        from finnr.flows.verify import table, verify_build

        with Steps("finnr build --verify", quiet=args.quiet or args.json) as steps:
            checks = verify_build(args.output, progress=steps)
        if not args.json:
            print(table(checks))
        status = 0 if all(c.passed for c in checks) else 1
    bitstream = None
    if args.bitstream and report is not None:
        from pathlib import Path

        from finnr.flows.bitstream import run_bitstream

        bitstream = run_bitstream(Path(args.output), quiet=args.quiet or args.json,
                                  show=not (args.quiet or args.json))
    if args.json:
        import json

        out = {"output": args.output, "report": report, **({"bitstream": bitstream} if bitstream else {})}
        if args.verify:
            out["verify"] = [vars(c) for c in checks]
        print(json.dumps(out, indent=2, default=str))
    elif report is not None and not args.quiet:
        print(
            f"{report['device']} ({report['arch']}): {report['fps']:.1f} FPS at {report['clock_mhz']:g} MHz"
            + (" (bound by the host link)" if report.get("bound") == "host link" else "")
            + f", latency {report['latency_cycles']} cycles, "
            f"LUT {report['total']['lut']:.0f} ({100 * report['utilization']['lut']:.1f}%), "
            f"BRAM18 {report['total']['bram18']:.0f}, fits {report['fit_utilization']:.0%} of the device: "
            f"{'yes' if report['fits'] else 'NO'}"
            + (f"; {report['host_macs']} multiply-accumulates per frame stay on the host (see report.md; a "
               "first layer that reads the float input runs on the FPGA once you declare the input's datatype, "
               "e.g. --input-datatype UINT8 --input-scale 0.00392156862745098 for 8-bit images in [0, 1])"
               if report.get("host_macs") else "")
        )
    if not args.json and not args.quiet:
        print(f"results in {args.output}/")
    if status:
        print("finnr build: verification FAILED (a bug in finnr; please report it)", file=sys.stderr)
    return status


def _check_bitstream(args: argparse.Namespace) -> None:
    """--bitstream needs an ECP5 device, the rtl backend and the whole build."""
    from finnr.diagnostics import FinnrError
    from finnr.models.devices import get_device

    try:
        family = get_device(args.device).family
    except KeyError:
        return  # the build reports the unknown device
    if family != "ecp5" or args.backend != "rtl" or args.stop_after != STAGES[-1]:
        raise FinnrError("--bitstream runs the open ECP5 flow after the build: it needs an ECP5 device "
                         "(ulx3s-85f, ecpix5-85, orangecrab-25f), --backend rtl and the whole build (no --stop-after)",
                         [f"here: --device {args.device}, --backend {args.backend}, --stop-after {args.stop_after}"])


def add_parser(sub) -> None:
    p = sub.add_parser(
        "build",
        help="compile a model into a folded dataflow accelerator with an estimate report",
        description="Import, streamline, convert to dataflow layers, fold (the cheapest folding for "
        "--target-fps, the fastest that fits for --maximize, or a FINN folding config), estimate "
        "and generate the HLS C++. Writes each "
        "stage's IR, report.json, report.md, folding_config.json, resources.png, roofline.png, "
        "hls/ (Vitis HLS C++, kernel headers, testbench, Tcl scripts; see `finnr csim`) and rtl/ "
        "(the Verilog top level) into the output directory.",
    )
    p.add_argument("model", nargs="?", help="the .onnx model (default: finnr's bundled example, a small "
                   "2-bit MLP that it generates and writes to DIR/example.onnx with DIR/example_input.npy)")
    p.add_argument("-o", "--output", required=True,
                   help="output directory: new, empty or an earlier finnr build, whose files finnr replaces when "
                   "the build succeeds (it records what it wrote in DIR/.finnr-build.json)")
    p.add_argument("--force", action="store_true",
                   help="write into an output directory that holds files finnr did not write; finnr still never "
                   "deletes or replaces them")
    p.add_argument("--device", default=DEFAULT_DEVICE,
                   help=f"target device (see `finnr devices`; default {DEFAULT_DEVICE})")
    fold = p.add_mutually_exclusive_group()
    fold.add_argument("--target-fps", type=float, help="frames per second to reach with the least resources")
    fold.add_argument("--maximize", action="store_true", help="the highest FPS that fits --utilization of the device")
    fold.add_argument("--folding-config", help="a folding config in FINN's JSON format")
    p.add_argument("--utilization", type=float, default=DEFAULT_UTILIZATION,
                   help="the budget: the share of each of the device's LUT, FF, BRAM18, URAM and DSP the design, "
                   f"FIFOs and width converters included, may use (default {DEFAULT_UTILIZATION}); a design over "
                   "it fails the build (exit 2) naming the resources over budget and the best FPS that fits")
    p.add_argument("--allow-overbudget", action="store_true",
                   help="build a design that does not fit --utilization anyway (a warning instead of an error)")
    p.add_argument("--clock-mhz", type=float, metavar="MHZ",
                   help="the clock the folding, every throughput figure and the generated code assume (default: "
                   "the device's, see `finnr devices`)")
    p.add_argument("--fifo-depths", metavar="FILE",
                   help="FIFO depths in FINN's hardware-config format (FIFO name -> {\"depth\": N}), e.g. the "
                   "fifo_depths.json that `finnr rtlsim --size-fifos` writes; other FIFOs keep depth "
                   f"{DEFAULT_FIFO_DEPTH}")
    p.add_argument("--input-datatype", metavar="DTYPE",
                   help="the datatype the input arrives in, as FINN annotates the global input (UINT8 for "
                   "images): the input is read as DTYPE integers times --input-scale, so that a first layer "
                   "that reads the raw float input runs on the FPGA (exact for inputs on that grid, others "
                   "are rounded to it); default: the model's own input quantizer, if any")
    p.add_argument("--input-scale", type=float, default=1.0,
                   help="the scale of --input-datatype (e.g. 0.00392156862745098 = 1/255 for images in [0, 1]; "
                   "default 1)")
    p.add_argument("--verify", action="store_true",
                   help="run every level on the same inputs (the example's, or random frames) against the "
                   "imported model, and the C-simulation against the dataflow level; print a table")
    p.add_argument("--quiet", action="store_true", help="print nothing but errors (and --verify's table)")
    p.add_argument("--json", action="store_true", help="print the report (and checks) as JSON on stdout")
    p.add_argument("--cost-model", choices=tuple(COST_MODELS), metavar="NAME",
                   help="the cost model the folding optimizes and the report predicts: finn-r (finnr's own engines, "
                   "FINN-R's cost functions; the default), yosys (LUTs and FFs fitted to yosys) or finn (FINN's own estimator for the hardware FINN's flow "
                   "builds; folding_config.json then names every node of FINN's flow); default: the device's")
    p.add_argument("--heuristic", choices=HEURISTICS, default=DEFAULT_HEURISTIC,
                   help="folding search for --target-fps: finnr's optimizer (default) or FINN's SetFolding")
    p.add_argument("--stop-after", choices=STAGES, default=STAGES[-1],
                   help=f"last stage to run (default: {STAGES[-1]})")
    p.add_argument("--arch", choices=("auto", "df", "mo", "dataflow", "offload"), default=DEFAULT_ARCH,
                   help="architecture: df (dataflow, one engine per layer), mo (multi-layer offload: shared "
                   "engines, weights in off-chip memory) or auto (default: dataflow when it fits the device at "
                   "its smallest folding, else mo; report.md says why)")
    p.add_argument("--backend", choices=BACKENDS, default=DEFAULT_BACKEND,
                   help="what the last stage writes: hls (default: HLS C++ in hls/ and its Verilog wrapper in "
                   "rtl/) or rtl (finnr's own RTL in rtl/ with rtl/manifest.json; see `finnr rtlsim`)")
    p.add_argument("--bitstream", action="store_true",
                   help="then run `finnr bitstream` on the build (ECP5 devices with --backend rtl): yosys, "
                   "nextpnr-ecp5 and ecppack on the board shell, DIR/bitstream/ and its lines in report.md")
    p.set_defaults(fn=run)
