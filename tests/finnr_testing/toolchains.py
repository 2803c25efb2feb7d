"""Which external tools the tests can use: the C-simulation toolchain (a
C++ compiler and the ap_int headers) and Verilator."""

from __future__ import annotations

from finnr.backends.hls_cpp.csim import ap_types_dir, find_compiler
from finnr.backends.rtl.sim import verilator_command  # noqa: F401  (re-exported for the tests)
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
