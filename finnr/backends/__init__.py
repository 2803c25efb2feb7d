"""finnr's targets (``finnr-opt -t NAME``)."""

from collections.abc import Callable

from xdsl.utils.target import Target


def _report() -> type[Target]:
    from finnr.backends.report import ReportTarget

    return ReportTarget


def _hls_cpp() -> type[Target]:
    from finnr.backends.hls_cpp import HlsCppTarget

    return HlsCppTarget


def _verilog() -> type[Target]:
    from finnr.backends.verilog import VerilogTarget

    return VerilogTarget


def _rtl() -> type[Target]:
    from finnr.backends.rtl import RtlTarget

    return RtlTarget


FINNR_TARGETS: dict[str, Callable[[], type[Target]]] = {
    "report": _report,
    "hls-cpp": _hls_cpp,
    "verilog": _verilog,
    "rtl": _rtl,
}
"""Target factories by name, registered in ``finnr-opt``."""
