"""finnr's dialects: ``qnn`` (tensors), ``dataflow`` (streaming hardware
layers) and ``hls`` (what the C++ printer needs)."""

from collections.abc import Callable

from xdsl.context import Context
from xdsl.ir import Dialect


def _qnn() -> Dialect:
    from finnr.dialects.qnn import Qnn

    return Qnn


def _dataflow() -> Dialect:
    from finnr.dialects.dataflow import Dataflow

    return Dataflow


def _hls() -> Dialect:
    from finnr.dialects.hls import Hls

    return Hls


FINNR_DIALECTS: dict[str, Callable[[], Dialect]] = {
    "qnn": _qnn,
    "dataflow": _dataflow,
    "hls": _hls,
}
"""Dialect factories by name. ``hls`` here replaces xDSL's experimental
dialect of the same name wherever finnr builds a context."""


def register_dialects(ctx: Context) -> None:
    """Register xDSL's dialects and finnr's in ``ctx``, finnr's ``hls`` in
    place of xDSL's experimental one."""
    from xdsl.universe import Universe

    for name, factory in Universe.get_multiverse().all_dialects.items():
        if name not in FINNR_DIALECTS:
            ctx.register_dialect(name, factory)
    for name, factory in FINNR_DIALECTS.items():
        ctx.register_dialect(name, factory)


def finnr_context(allow_unregistered: bool = False) -> Context:
    """A fresh context with every dialect finnr knows."""
    ctx = Context(allow_unregistered=allow_unregistered)
    register_dialects(ctx)
    return ctx
