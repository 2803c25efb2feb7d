"""finnr's targets (``finnr-opt -t NAME``)."""

from collections.abc import Callable

from xdsl.utils.target import Target


def _report() -> type[Target]:
    from finnr.backends.report import ReportTarget

    return ReportTarget


FINNR_TARGETS: dict[str, Callable[[], type[Target]]] = {
    "report": _report,
}
"""Target factories by name, registered in ``finnr-opt``."""
