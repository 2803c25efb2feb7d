"""The ``finnr`` command: the user-facing driver; its subcommands are the
modules of :mod:`finnr.driver.commands`.

Every failure caused by the user's input is a one-message diagnostic with
exit code 2; an internal error exits with 1 and asks for a report; a Python
traceback is shown only with ``--debug``; a closed stdout ends it quietly
(:mod:`finnr.driver.exits`).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from finnr import __version__
from finnr.driver.commands import COMMANDS
from finnr.driver.exits import EXIT_USER_ERROR, guarded


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="finnr",
        description="finnr: compile quantized neural networks (QONNX, ONNX QDQ) "
        "into FPGA dataflow accelerators.",
    )
    parser.add_argument("--version", action="version", version=f"finnr {__version__}")
    parser.add_argument("--debug", action="store_true", help="show Python tracebacks of errors")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for command in COMMANDS:
        command.add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_USER_ERROR
    return guarded("finnr", lambda: args.fn(args), debug=args.debug)


def run() -> None:
    """The console script ``finnr``."""
    sys.exit(main())
