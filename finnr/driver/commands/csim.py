"""``finnr csim``: a built model run with its accelerator C-simulated (g++)."""

from __future__ import annotations

import argparse
from pathlib import Path

from finnr.diagnostics import FinnrError
from finnr.driver.arrays import check_output_path, load_batch, save_or_print, warn_on_input_range


def run(args: argparse.Namespace) -> int:
    from finnr.backends.hls_cpp.csim import HLS_IR, Simulator
    from finnr.flows.outdir import recording
    from finnr.flows.progress import Steps, frames_per_call, run_frames
    from finnr.ir_io import load_ir

    check_output_path(args.output)
    d = Path(args.dir)
    ir = d / HLS_IR
    if not d.is_dir():
        raise FinnrError(f"{d}: not a directory (give the output directory of `finnr build`)")
    if not ir.is_file() or not (d / "hls").is_dir():
        raise FinnrError(
            f"{d}: no {HLS_IR} and hls/ there; build the model with `finnr build` "
            "without --stop-after (or --stop-after hls)"
        )
    x = load_batch(args.input)
    module = load_ir(ir)
    warn_on_input_range(module, x, args.func)
    with recording(d, "finnr csim"), Steps("finnr csim", quiet=args.quiet) as steps:  # the testbench, in DIR/hls/csim/
        sim = Simulator(module, d / "hls", progress=steps)
        sim.compile_all()
        steps.close()
        outputs = run_frames(lambda b: sim.run_batch(b, args.func), x, frames_per_call(module, args.func),
                             "finnr csim", quiet=args.quiet)
    save_or_print(outputs, args.output)
    return 0


def add_parser(sub) -> None:
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
    p.add_argument("-o", "--output", help="save the output to this .npy file (any number of outputs: .npz)")
    p.add_argument("--func", help="the function to run (default: the only one)")
    p.add_argument("--quiet", action="store_true", help="no progress (shown only on a terminal)")
    p.set_defaults(fn=run)
