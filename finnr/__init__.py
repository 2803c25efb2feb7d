"""finnr: a compiler from quantized neural networks to FPGA dataflow
accelerators, after FINN-R, built on xDSL.

The Python API (:mod:`finnr.api`, imported on first use so that ``import
finnr`` stays light): :func:`finnr.build` compiles a model into a
:class:`finnr.Build` (report, folding, IR; the model run in the
interpreter, C-simulation or RTL simulation), :func:`finnr.load` opens an
earlier build directory, :func:`finnr.devices` is the device database.
"""

__version__ = "0.1.0"

__all__ = ["Build", "build", "devices", "load", "__version__"]

_API = ("Build", "build", "devices", "load")


def __getattr__(name: str):
    if name in _API:
        # imported on first use (PEP 562): finnr.api sits on top of every
        # layer, and the modules that read finnr.__version__ must not load it
        import importlib

        return getattr(importlib.import_module("finnr.api"), name)
    raise AttributeError(f"module 'finnr' has no attribute '{name}'")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_API))
