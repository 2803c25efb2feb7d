"""finnr's passes, one per file, named after their command-line name
(``qnn_streamline.py`` for ``qnn-streamline``)."""

from collections.abc import Callable

from xdsl.passes import ModulePass

FINNR_PASSES: dict[str, Callable[[], type[ModulePass]]] = {}
"""Pass factories by command-line name, registered in ``finnr-opt``."""
