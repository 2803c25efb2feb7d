"""User-facing errors. A :class:`FinnrError` is a mistake in the user's input
(a model, an IR file, an option): the command-line tools print its message
and exit with code 2, without a traceback."""

from __future__ import annotations

import sys


class FinnrError(Exception):
    """An error in the user's input, with a message saying what is wrong,
    where, and how to fix it."""

    def __init__(self, message: str, notes: list[str] | None = None):
        super().__init__(message)
        self.message = message
        self.notes = notes or []

    def __str__(self) -> str:
        return "\n".join([self.message, *(f"  {n}" for n in self.notes)])


def warning(message: str, prog: str = "finnr") -> None:
    """Print a warning about the user's input on stderr (``finnr: warning: ...``)."""
    print(f"{prog}: warning: {message}", file=sys.stderr)
