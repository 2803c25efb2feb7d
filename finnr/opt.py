"""``finnr-opt``: xDSL's opt driver with finnr's dialects, passes and targets."""

from __future__ import annotations

import argparse
import dataclasses
import inspect
import sys
from collections.abc import Sequence

from xdsl.xdsl_opt_main import xDSLOptMain

from finnr import __version__
from finnr.backends import FINNR_TARGETS
from finnr.dialects import register_dialects
from finnr.passes import FINNR_PASSES


class FinnrOptMain(xDSLOptMain):
    """``xdsl-opt`` plus finnr. finnr's ``hls`` dialect replaces xDSL's
    experimental one of the same name."""

    version_format = f"finnr-opt {__version__} (xdsl {{xdsl_version}})"

    def __init__(self, args: Sequence[str] | None = None):
        argv = list(sys.argv[1:] if args is None else args)
        self._wants_help = any(a in ("-h", "--help") for a in argv)
        super().__init__(
            description="finnr modular optimizer driver: xDSL's passes and "
            "targets plus finnr's dialects (qnn, dataflow, hls), passes and targets",
            args=args,
        )

    def register_all_arguments(self, arg_parser: argparse.ArgumentParser):
        super().register_all_arguments(arg_parser)
        if self._wants_help:  # listing the passes imports them all: only for --help
            arg_parser.formatter_class = argparse.RawDescriptionHelpFormatter
            arg_parser.epilog = finnr_help_epilog()

    def register_all_dialects(self):
        register_dialects(self.ctx)

    def register_all_passes(self):
        super().register_all_passes()
        for name, factory in FINNR_PASSES.items():
            self.register_pass(name, factory)

    def register_all_targets(self):
        for name, factory in FINNR_TARGETS.items():
            self.available_targets[name] = factory
        super().register_all_targets()


def _describe(cls: type) -> str:
    doc = inspect.getdoc(cls) or ""
    return doc.strip().split("\n\n")[0].replace("\n", " ")


def _options(cls: type) -> str:
    if not dataclasses.is_dataclass(cls):
        return ""
    fields = []
    for f in dataclasses.fields(cls):
        if f.name == "name":
            continue
        default = f.default if f.default is not dataclasses.MISSING else None
        if isinstance(default, bool):
            default = str(default).lower()
        name = f.name.replace("_", "-")
        fields.append(f"{name}={default}" if default is not None else name)
    return "{" + " ".join(fields) + "}" if fields else ""


def finnr_help_epilog() -> str:
    """The passes and targets finnr adds, with their options, for --help."""
    lines = ["finnr dialects: qnn, dataflow, hls (replacing xDSL's experimental hls)", ""]
    lines.append("finnr passes (-p 'name{option=value ...}'):")
    for name, factory in sorted(FINNR_PASSES.items()):
        cls = factory()
        lines.append(f"  {name}{_options(cls)}")
        lines.append(f"      {_describe(cls)}")
    if not FINNR_PASSES:
        lines.append("  (none registered)")
    lines.append("")
    lines.append("finnr targets (-t 'name{option=value ...}'):")
    for name, factory in sorted(FINNR_TARGETS.items()):
        cls = factory()
        lines.append(f"  {name}{_options(cls)}")
        lines.append(f"      {_describe(cls)}")
    lines.append("  mlir  (xDSL's) the IR as text; the default")
    return "\n".join(lines)


def main(args: Sequence[str] | None = None) -> None:
    """Run finnr-opt; a FinnrError (a user mistake, e.g. an impossible
    target) is one message and exit code 2, not a traceback."""
    from finnr.diagnostics import FinnrError

    try:
        FinnrOptMain(args=args).run()
    except FinnrError as e:
        print(f"finnr-opt: error: {e}", file=sys.stderr)
        sys.exit(2)
