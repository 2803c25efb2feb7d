"""finnr's targets (``finnr-opt -t NAME``)."""

from collections.abc import Callable

from xdsl.utils.target import Target

FINNR_TARGETS: dict[str, Callable[[], type[Target]]] = {}
"""Target factories by name, registered in ``finnr-opt``."""
