"""``finnr import``: an ONNX model imported into qnn IR."""

from __future__ import annotations

import argparse


def run(args: argparse.Namespace) -> int:
    from finnr.flows.outdir import claim
    from finnr.frontend.onnx_import import import_model
    from finnr.ir_io import print_ir, write_output

    write_output(print_ir(import_model(args.model)), args.output)
    if args.output not in (None, "-"):
        claim(args.output)
    return 0


def add_parser(sub) -> None:
    p = sub.add_parser(
        "import",
        help="import an ONNX/QONNX/QDQ model into qnn IR",
        description="Import an ONNX model (QONNX from Brevitas, ONNX QDQ, or float ONNX) "
        "into the qnn dialect and print it.",
    )
    p.add_argument("model", help="the .onnx file (external data next to it)")
    p.add_argument("-o", "--output", help="where to write the IR (default: stdout)")
    p.set_defaults(fn=run)
