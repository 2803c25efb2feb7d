"""The identifier sanitizer. Every name that finnr generates from user input
(ONNX node and tensor names) passes through here before it reaches IR name
hints, C++, Verilog or Tcl."""

from __future__ import annotations

import re

MAX_LENGTH = 48
_INVALID = re.compile(r"[^A-Za-z0-9_]+")


def sanitize(name: str, fallback: str = "v") -> str:
    """A C/Verilog/Tcl/MLIR-safe identifier derived from ``name``: only
    ASCII letters, digits and single underscores, starting with a letter,
    at most MAX_LENGTH characters. Never empty."""
    s = _INVALID.sub("_", name).strip("_")
    s = re.sub(r"_+", "_", s)
    if not s:
        s = fallback
    if not s[0].isalpha():
        s = f"{fallback}_{s}"
    return s[:MAX_LENGTH].rstrip("_") or fallback


class Namer:
    """Hands out sanitized identifiers that never collide with each other
    or with a set of reserved words."""

    def __init__(self, reserved: frozenset[str] | set[str] = frozenset()):
        self._used: set[str] = {r.lower() for r in reserved}

    def __call__(self, name: str, fallback: str = "v") -> str:
        base = sanitize(name, fallback)
        candidate, n = base, 0
        while candidate.lower() in self._used:
            n += 1
            suffix = f"_{n}"
            candidate = base[: MAX_LENGTH - len(suffix)] + suffix
        self._used.add(candidate.lower())
        return candidate
