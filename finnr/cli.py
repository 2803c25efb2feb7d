"""The ``finnr`` command: the user-facing driver (import, run, ...).

Every failure caused by the user's input is a one-message diagnostic with
exit code 2; an internal error exits with 1 and asks for a report; a Python
traceback is shown only with ``--debug``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from io import StringIO
from pathlib import Path

import numpy as np

from finnr import __version__
from finnr.diagnostics import FinnrError

EXIT_USER_ERROR = 2
EXIT_INTERNAL_ERROR = 1


def load_ir(path: str | Path):
    """Parse and verify an IR file (any finnr dialect)."""
    from xdsl.parser import Parser
    from xdsl.utils.exceptions import ParseError, VerifyException

    from finnr.dialects import finnr_context
    from finnr.dialects.utils import PARSER_CRASHES, check_integer_widths, parser_crash_message

    p = Path(path)
    try:
        text = p.read_text()
    except OSError as e:
        raise FinnrError(f"{p}: cannot read ({e.strerror})") from None
    check_integer_widths(text, str(p))
    try:
        try:
            module = Parser(finnr_context(), text, str(p)).parse_module()
        except PARSER_CRASHES as e:
            raise FinnrError(parser_crash_message(str(p), e)) from None
        module.verify()
    except ParseError as e:
        raise FinnrError(str(e).strip()) from None
    except VerifyException as e:
        raise FinnrError(f"{p}: the IR does not verify:\n{str(e).strip()}") from None
    return module


def load_model_or_ir(path: str | Path):
    """An ONNX file is imported; anything else is parsed as IR."""
    if str(path).endswith(".onnx"):
        from finnr.frontend.onnx_import import import_model

        return import_model(path)
    return load_ir(path)


def print_ir(module) -> str:
    from xdsl.printer import Printer

    out = StringIO()
    Printer(stream=out).print_op(module)
    out.write("\n")
    return out.getvalue()


def write_output(text: str, path: str | None) -> None:
    if path is None or path == "-":
        sys.stdout.write(text)
        return
    p = Path(path)
    try:
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text)
    except OSError as e:
        raise FinnrError(f"{p}: cannot write ({e.strerror})") from None


def cmd_import(args: argparse.Namespace) -> int:
    from finnr.frontend.onnx_import import import_model

    write_output(print_ir(import_model(args.model)), args.output)
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    from finnr.interpreter import run_batch

    module = load_model_or_ir(args.model)
    try:
        x = np.load(args.input, allow_pickle=False)
    except (OSError, ValueError) as e:
        raise FinnrError(f"{args.input}: not a readable .npy file ({e})") from None
    outputs = run_batch(module, x, args.func)
    if args.output:
        if len(outputs) == 1:
            try:
                np.save(args.output, outputs[0])
            except OSError as e:
                raise FinnrError(f"{args.output}: cannot write ({e.strerror})") from None
        else:
            np.savez(args.output, *outputs)
    else:
        with np.printoptions(precision=6, suppress=True, threshold=10_000):
            for i, y in enumerate(outputs):
                print(f"output #{i}: shape {list(y.shape)}")
                print(y)
    return 0


def _save_or_print(outputs: list[np.ndarray], path: str | None) -> None:
    if path:
        try:
            if len(outputs) == 1:
                np.save(path, outputs[0])
            else:
                np.savez(path, *outputs)
        except OSError as e:
            raise FinnrError(f"{path}: cannot write ({e.strerror})") from None
    else:
        with np.printoptions(precision=6, suppress=True, threshold=10_000):
            for i, y in enumerate(outputs):
                print(f"output #{i}: shape {list(y.shape)}")
                print(y)


def cmd_csim(args: argparse.Namespace) -> int:
    from finnr.backends.hls_cpp.csim import HLS_IR, Simulator

    d = Path(args.dir)
    ir = d / HLS_IR
    if not d.is_dir():
        raise FinnrError(f"{d}: not a directory (give the output directory of `finnr build`)")
    if not ir.is_file() or not (d / "hls").is_dir():
        raise FinnrError(
            f"{d}: no {HLS_IR} and hls/ there; build the model with `finnr build` "
            "without --stop-after (or --stop-after hls)"
        )
    module = load_ir(ir)
    try:
        x = np.load(args.input, allow_pickle=False)
    except (OSError, ValueError) as e:
        raise FinnrError(f"{args.input}: not a readable .npy file ({e})") from None
    sim = Simulator(module, d / "hls", progress=lambda m: print(f"finnr csim: {m}", file=sys.stderr))
    outputs = sim.run_batch(x, args.func)
    _save_or_print(outputs, args.output)
    return 0


def cmd_devices(args: argparse.Namespace) -> int:
    from finnr.models.devices import DEVICES

    print(f"{'name':<10}{'part':<22}{'LUT':>10}{'FF':>11}{'BRAM18':>8}{'URAM':>6}{'DSP':>7}{'MHz':>6}{'GB/s':>7}")
    for d in DEVICES.values():
        print(f"{d.name:<10}{d.part:<22}{d.lut:>10,}{d.ff:>11,}{d.bram18:>8,}{d.uram:>6,}{d.dsp:>7,}{d.clock_mhz:>6.0f}{d.dram_gbps:>7.1f}")
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    from finnr.build import STAGES, BuildOptions, run_build

    opts = BuildOptions(
        model=args.model, output=args.output, device=args.device, target_fps=args.target_fps,
        folding_config=args.folding_config, stop_after=args.stop_after, maximize=args.maximize,
        utilization=args.utilization, heuristic=args.heuristic, backend=args.backend, arch=args.arch,
        fifo_depths=args.fifo_depths,
    )
    stages = list(STAGES[: STAGES.index(args.stop_after) + 1])

    def progress(stage: str) -> None:
        if not args.quiet and not args.json:
            shown = "rtl" if stage == "hls" and args.backend == "rtl" else stage
            print(f"finnr build [{stages.index(stage) + 1}/{len(stages)}] {shown}", file=sys.stderr, flush=True)

    report = run_build(opts, progress=progress)
    status = 0
    if args.verify:
        from finnr.verify import table, verify_build

        checks = verify_build(args.output)
        if not args.json:
            print(table(checks))
        status = 0 if all(c.passed for c in checks) else 1
    if args.json:
        import json

        out = {"output": args.output, "report": report}
        if args.verify:
            out["verify"] = [vars(c) for c in checks]
        print(json.dumps(out, indent=2, default=str))
    elif report is not None and not args.quiet:
        print(
            f"{report['device']} ({report['arch']}): {report['fps']:.1f} FPS, latency {report['latency_cycles']} cycles, "
            f"LUT {report['total']['lut']:.0f} ({100 * report['utilization']['lut']:.1f}%), "
            f"BRAM18 {report['total']['bram18']:.0f}, fits: {'yes' if report['fits'] else 'no'}"
        )
    if not args.json and not args.quiet:
        print(f"results in {args.output}/")
    if status:
        print("finnr build: verification FAILED (a bug in finnr; please report it)", file=sys.stderr)
    return status


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="finnr",
        description="finnr: compile quantized neural networks (QONNX, ONNX QDQ) "
        "into FPGA dataflow accelerators.",
    )
    parser.add_argument("--version", action="version", version=f"finnr {__version__}")
    parser.add_argument("--debug", action="store_true", help="show Python tracebacks of errors")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser(
        "import",
        help="import an ONNX/QONNX/QDQ model into qnn IR",
        description="Import an ONNX model (QONNX from Brevitas, ONNX QDQ, or float ONNX) "
        "into the qnn dialect and print it.",
    )
    p.add_argument("model", help="the .onnx file (external data next to it)")
    p.add_argument("-o", "--output", help="where to write the IR (default: stdout)")
    p.set_defaults(fn=cmd_import)

    p = sub.add_parser(
        "run",
        help="execute a model or IR file with the reference interpreter",
        description="Run the reference interpreter on IR of any finnr dialect, or on an "
        "ONNX model (imported first). The input holds a batch (N, ...); each sample "
        "runs through the model and the outputs are stacked.",
    )
    p.add_argument("model", help="an .onnx file or an IR (.mlir) file")
    p.add_argument("--input", required=True, help="a .npy file with the input batch")
    p.add_argument("-o", "--output", help="save the output as .npy (several outputs: .npz)")
    p.add_argument("--func", help="the function to run (default: the only one)")
    p.set_defaults(fn=cmd_run)

    p = sub.add_parser("devices", help="list the devices finnr knows", description="List the device database.")
    p.set_defaults(fn=cmd_devices)

    from finnr.build import STAGES

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
    p.add_argument("-o", "--output", required=True, help="output directory (replaced when the build succeeds)")
    p.add_argument("--device", default="pynq-z1", help="target device (see `finnr devices`; default pynq-z1)")
    fold = p.add_mutually_exclusive_group()
    fold.add_argument("--target-fps", type=float, help="frames per second to reach with the least resources")
    fold.add_argument("--maximize", action="store_true", help="the highest FPS that fits --utilization of the device")
    fold.add_argument("--folding-config", help="a folding config in FINN's JSON format")
    p.add_argument("--utilization", type=float, default=0.8,
                   help="share of LUT/BRAM18/URAM/DSP the design may use (default 0.8)")
    p.add_argument("--fifo-depths", metavar="FILE",
                   help="FIFO depths in FINN's hardware-config format (FIFO name -> {\"depth\": N}), e.g. the "
                   "fifo_depths.json that `finnr rtlsim --size-fifos` writes; other FIFOs keep depth 2")
    p.add_argument("--verify", action="store_true",
                   help="run every level on the same inputs (the example's, or random frames) against the "
                   "imported model, and the C-simulation against the dataflow level; print a table")
    p.add_argument("--quiet", action="store_true", help="print nothing but errors (and --verify's table)")
    p.add_argument("--json", action="store_true", help="print the report (and checks) as JSON on stdout")
    p.add_argument("--heuristic", choices=("optimizer", "setfolding"), default="optimizer",
                   help="folding search for --target-fps: finnr's optimizer (default) or FINN's SetFolding")
    p.add_argument("--stop-after", choices=STAGES, default=STAGES[-1],
                   help=f"last stage to run (default: {STAGES[-1]})")
    p.add_argument("--arch", choices=("auto", "df", "mo", "dataflow", "offload"), default="auto",
                   help="architecture: df (dataflow, one engine per layer), mo (multi-layer offload: shared "
                   "engines, weights in off-chip memory) or auto (default: dataflow when it fits the device at "
                   "its smallest folding, else mo; report.md says why)")
    p.add_argument("--backend", choices=("hls", "rtl"), default="hls",
                   help="what the last stage writes: hls (default: HLS C++ in hls/ and its Verilog wrapper in "
                   "rtl/) or rtl (finnr's own RTL in rtl/ with rtl/manifest.json; see `finnr rtlsim`)")
    p.set_defaults(fn=cmd_build)

    p = sub.add_parser(
        "csim",
        help="run a built model with its accelerator C-simulated (g++)",
        description="Compile the HLS C++ testbench of a `finnr build` output directory with g++ "
        "(cached in DIR/hls/csim/) and run the model: the host pre- and post-processing in the "
        "reference interpreter, the accelerator in C-simulation, so the output compares with "
        "`finnr run` on the model. Needs a C++ compiler and the ap_int headers of the hls4ml "
        "package (pip install --no-deps hls4ml).",
    )
    p.add_argument("dir", help="the output directory of `finnr build`")
    p.add_argument("--input", required=True, help="a .npy file with the input batch")
    p.add_argument("-o", "--output", help="save the output as .npy (several outputs: .npz)")
    p.add_argument("--func", help="the function to run (default: the only one)")
    p.set_defaults(fn=cmd_csim)

    from finnr.roofline_command import add_parser as add_roofline

    add_roofline(sub)

    from finnr.synth_command import add_parser as add_synth

    add_synth(sub)

    from finnr.study_command import add_parser as add_study

    add_study(sub)

    from finnr.rtlsim_command import add_parser as add_rtlsim

    add_rtlsim(sub)

    from finnr.dse_command import add_parser as add_dse

    add_dse(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_USER_ERROR
    try:
        return args.fn(args)
    except FinnrError as e:
        if args.debug:
            raise
        print(f"finnr: error: {e}", file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        print("finnr: interrupted", file=sys.stderr)
        return 130
    except Exception as e:  # an internal error: a bug in finnr
        if args.debug:
            raise
        print(
            f"finnr: internal error: {type(e).__name__}: {e}\n"
            "This is a bug in finnr; please report it with the command line and "
            "input (rerun with --debug for the traceback).",
            file=sys.stderr,
        )
        return EXIT_INTERNAL_ERROR
