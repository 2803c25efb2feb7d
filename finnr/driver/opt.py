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

LEVELS = ("qnn", "dataflow", "hls")
"""finnr's IR levels, from the imported model to the code-level IR (by dialect)."""

LEVEL_NEEDS = {
    "dataflow": "dataflow IR (dataflow layers in a dataflow.partition or dataflow.offload, after "
                "convert-qnn-to-dataflow; before convert-dataflow-to-hls)",
    "hls": "hls IR (hls.top ops, after convert-dataflow-to-hls)",
}

TARGET_LEVEL = {"report": "dataflow", "rtl": "dataflow", "hls-cpp": "hls", "verilog": "hls"}
"""The IR level each finnr target reads."""


def ir_level(module) -> str | None:
    """The level of a module: that of the highest of finnr's dialects it
    uses (hls > dataflow > qnn), None without any of them."""
    seen = {op.name.split(".", 1)[0] for op in module.walk()}
    return next((level for level in reversed(LEVELS) if level in seen), None)


def check_target_level(target: str, module) -> None:
    """Refuse to run a finnr target on IR of another level."""
    need = TARGET_LEVEL.get(target)
    level = ir_level(module)
    if need is not None and level != need:
        from finnr.diagnostics import FinnrError

        got = f"{level} IR" if level else "IR without any of finnr's dialects"
        raise FinnrError(f"target '{target}' needs {LEVEL_NEEDS[need]}; the input is {got}")


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

    def parse_chunk(self, chunk, file_extension: str, start_offset: int = 0):
        """Parse and verify one input chunk. The input failing a verifier
        (while parsing, for attributes, or after) is the user's mistake, a
        FinnrError; a verifier failure after a pass stays an internal error."""
        from io import BytesIO, StringIO

        from xdsl.utils.exceptions import VerifyException

        from finnr.diagnostics import FinnrError
        from finnr.ir_io import PARSER_CRASHES, check_integer_widths, parser_crash_message

        where = self.args.input_file or "<stdin>"
        data = chunk.read()
        text = data.decode(errors="replace") if isinstance(data, bytes) else data
        check_integer_widths(text, where, first_line=start_offset + 1)
        chunk = BytesIO(data) if isinstance(data, bytes) else StringIO(data)
        try:
            try:
                module = super().parse_chunk(chunk, file_extension, start_offset)
            except PARSER_CRASHES as e:
                raise FinnrError(parser_crash_message(where, e)) from None
            if module is not None and not self.args.disable_verify and not self.args.verify_diagnostics:
                module.verify()
        except VerifyException as e:
            if self.args.verify_diagnostics:
                raise
            raise FinnrError(f"{where}: the IR does not verify:\n{str(e).strip()}") from None
        return module

    def output_resulting_program(self, prog):
        from xdsl.utils.arg_spec import parse_spec

        check_target_level(parse_spec(self.args.target).name, prog)
        return super().output_resulting_program(prog)

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
    """Run finnr-opt. As for ``finnr`` (:mod:`finnr.driver.exits`): a mistake
    in the input (a FinnrError, e.g. an impossible target, IR with a syntax
    error or IR that fails a verifier, an unknown pass, a target given IR of
    the wrong level) is one message and exit code 2; a closed stdout ends it
    quietly (141); any other exception is a bug in finnr, exit code 1 with
    a line asking for a report. A traceback is shown only with ``--debug``."""
    from xdsl.utils.exceptions import ArgSpecParseError, ParseError

    from finnr.diagnostics import FinnrError
    from finnr.driver.exits import guarded

    argv = list(sys.argv[1:] if args is None else args)
    debug = "--debug" in argv
    argv = [a for a in argv if a != "--debug"]

    def run() -> int:
        try:
            opt = FinnrOptMain(args=argv)
        except (ValueError, ArgSpecParseError) as e:  # a bad -p/-t spec
            raise FinnrError(str(e).strip()) from None
        opt.run()
        return 0

    sys.exit(guarded("finnr-opt", run, debug=debug, user_errors=(ParseError,)))
