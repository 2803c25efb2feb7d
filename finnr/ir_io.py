"""Reading and writing finnr IR: parse and verify an IR file, import an
ONNX model, print a module, write text to a file or stdout. Below the flows
and the driver; every failure is a FinnrError naming the file."""

from __future__ import annotations

import sys
from io import StringIO
from pathlib import Path

from finnr.diagnostics import FinnrError


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
    """The module as text, with a final newline."""
    from xdsl.printer import Printer

    out = StringIO()
    Printer(stream=out).print_op(module)
    out.write("\n")
    return out.getvalue()


def write_output(text: str, path: str | None) -> None:
    """Write ``text`` to ``path`` (its directory created), or to stdout for
    None or ``-``."""
    if path is None or path == "-":
        sys.stdout.write(text)
        return
    p = Path(path)
    try:
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text)
    except OSError as e:
        raise FinnrError(f"{p}: cannot write ({e.strerror})") from None
