"""Whether the tests can C-simulate: a C++ compiler and the ap_int headers
(Verilator: ``finnr.backends.rtl.sim.verilator_command``)."""

from __future__ import annotations

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
