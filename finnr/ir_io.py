"""Reading and writing finnr IR: parse and verify an IR file, import an
ONNX model, print a module, write text to a file or stdout. Below the flows
and the driver; every failure is a FinnrError naming the file."""

from __future__ import annotations

import re
import sys
from io import StringIO
from pathlib import Path

from finnr.diagnostics import FinnrError

MAX_INTEGER_WIDTH = 16_777_215
"""MLIR's limit on the width of an integer type (``i``/``si``/``ui``N)."""

_INTEGER_TYPE = re.compile(r"(?<![\w.$#%@!-])(?:[su]?i)(\d+)\b")


def check_integer_widths(text: str, where: str, first_line: int = 1) -> None:
    """Reject integer types wider than MLIR allows before xDSL parses them:
    xDSL computes the value range of ``iN`` as ``2**N``, which for a width in
    the billions exhausts memory instead of giving an error."""
    for m in _INTEGER_TYPE.finditer(text):
        if int(m.group(1)) > MAX_INTEGER_WIDTH:
            line = text.count("\n", 0, m.start()) + first_line
            col = m.start() - (text.rfind("\n", 0, m.start()) + 1) + 1
            raise FinnrError(
                f"{where}:{line}:{col}: integer type '{m.group(0)}' is wider than "
                f"{MAX_INTEGER_WIDTH} bits (MLIR's limit)"
            )


PARSER_CRASHES = (NotImplementedError, ValueError, OverflowError, MemoryError, TypeError, IndexError, KeyError)
"""What xDSL 0.74's parser raises, instead of a ParseError, on some invalid
input (e.g. ``array<i100000: 1>``): the input's fault, reported as such."""


def parser_crash_message(where: str, e: BaseException) -> str:
    return f"{where}: cannot parse this IR (the parser failed with {type(e).__name__}: {str(e).strip()[:200]})"


def load_ir(path: str | Path):
    """Parse and verify an IR file (any finnr dialect)."""
    from xdsl.parser import Parser
    from xdsl.utils.exceptions import ParseError, VerifyException

    from finnr.dialects import finnr_context

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
