"""``finnr run``: a model or IR file executed by the reference interpreter."""

from __future__ import annotations

import argparse

from finnr.driver.arrays import check_output_path, load_batch, save_or_print, warn_on_input_range


def run(args: argparse.Namespace) -> int:
    from finnr.flows.progress import frames_per_call, run_frames
    from finnr.interpreter import run_batch
    from finnr.ir_io import load_model_or_ir

    check_output_path(args.output)
    x = load_batch(args.input)
    module = load_model_or_ir(args.model)
    warn_on_input_range(module, x, args.func)
    outputs = run_frames(lambda b: run_batch(module, b, args.func), x, frames_per_call(module, args.func), "finnr run",
                         quiet=args.quiet)
    save_or_print(outputs, args.output)
    return 0


def add_parser(sub) -> None:
    p = sub.add_parser(
        "run",
        help="execute a model or IR file with the reference interpreter",
        description="Run the reference interpreter on IR of any finnr dialect, or on an "
        "ONNX model (imported first). The input holds a batch (N, ...); each sample "
        "runs through the model and the outputs are stacked.",
    )
    p.add_argument("model", help="an .onnx file or an IR (.mlir) file")
    p.add_argument("--input", required=True, help="a .npy file with the input batch")
    p.add_argument("-o", "--output", help="save the output to this .npy file (any number of outputs: .npz)")
    p.add_argument("--func", help="the function to run (default: the only one)")
    p.add_argument("--quiet", action="store_true", help="no progress (shown only on a terminal)")
    p.set_defaults(fn=run)
