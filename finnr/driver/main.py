"""The ``finnr`` command: the user-facing driver; its subcommands are the
modules of :mod:`finnr.driver.commands`.

Every failure caused by the user's input is a one-message diagnostic with
exit code 2; an internal error exits with 1 and asks for a report; a Python
traceback is shown only with ``--debug``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from finnr import __version__
from finnr.diagnostics import FinnrError
from finnr.driver.commands import COMMANDS

EXIT_USER_ERROR = 2
EXIT_INTERNAL_ERROR = 1


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


def run() -> None:
    """The console script ``finnr``."""
    sys.exit(main())
