"""finnr's stage pipeline, defined once as xDSL pass-pipeline specs (the
text ``finnr-opt -p`` takes, e.g. ``qnn-streamline,convert-qnn-to-dataflow``).

Each stage of ``finnr build`` is a spec, or a function of the options that
returns one; ``build``, ``roofline``, ``dse``, ``study``, the tests and the
benchmarks compose and run these, so the order of the passes and their
options live only here. :func:`run` parses a spec with xDSL's
``PassPipeline.parse_spec`` over finnr's passes and applies it."""

from __future__ import annotations

import math
import numbers

from finnr.defaults import DEFAULT_DEVICE, DEFAULT_FIFO_DEPTH, DEFAULT_HEURISTIC, DEFAULT_UTILIZATION
from finnr.diagnostics import FinnrError

STREAMLINE = "qnn-streamline"
"""The ``streamline`` stage: qnn IR to integer thresholds and affine ops."""

DATAFLOW = "convert-qnn-to-dataflow"
"""The ``dataflow`` stage: streamlined qnn IR to dataflow layers in partitions."""

ESTIMATE = "dataflow-estimate"
"""The ``estimate`` stage: costs and cycles on every layer."""

HLS = "dataflow-insert-duplicate,dataflow-insert-dwc,convert-dataflow-to-hls"
"""The ``hls`` stage (HLS backend): forks and width converters made explicit
(no-ops on a chain), then dataflow layers to HLS kernels."""

TO_DATAFLOW = f"{STREAMLINE},{DATAFLOW}"
"""Imported qnn IR to unfolded dataflow layers."""


def _value(v: str | bool | int | float) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, numbers.Integral):
        return str(int(v))
    if isinstance(v, numbers.Real):
        v = float(v)
        if math.isnan(v):
            raise FinnrError("a pass option cannot be nan")
        if math.isinf(v):  # parses back to an infinite float
            return "1.0e999" if v > 0 else "-1.0e999"
        text = repr(v)  # a spec number has a '.' before any exponent
        return text if "." in text else text.replace("e", ".0e", 1)
    return '"' + v.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def spec(name: str, **options: str | bool | int | float | None) -> str:
    """``name{key=value ...}`` for the options that are not None, keys with
    dashes (``target_fps`` -> ``target-fps``), strings quoted."""
    given = [f"{k.replace('_', '-')}={_value(v)}" for k, v in options.items() if v is not None]
    return f"{name}{{{' '.join(given)}}}" if given else name


def folding(*, device: str = DEFAULT_DEVICE, utilization: float = DEFAULT_UTILIZATION,
            target_fps: float | None = None, maximize: bool = False, config: str | None = None,
            heuristic: str = DEFAULT_HEURISTIC, clock_mhz: float | None = None, cost_model: str | None = None) -> str:
    """The ``folding`` stage of a dataflow design: a FINN folding config,
    the fastest folding within ``utilization`` (``maximize``), or the
    cheapest reaching ``target_fps``, at ``clock_mhz`` (None: the device's
    clock), under ``cost_model`` (None: the device family's default)."""
    if config is not None:
        return spec("dataflow-set-folding", config=config, device=device if cost_model is None else None,
                    cost_model=cost_model)
    if maximize:
        return spec("dataflow-set-folding", device=device, utilization=utilization, heuristic=heuristic, maximize=True,
                    clock_mhz=clock_mhz, cost_model=cost_model)
    return spec("dataflow-set-folding", device=device, utilization=utilization, heuristic=heuristic,
                target_fps=target_fps, clock_mhz=clock_mhz, cost_model=cost_model)


def offload(*, device: str = DEFAULT_DEVICE, utilization: float = DEFAULT_UTILIZATION,
            target_fps: float | None = None, clock_mhz: float | None = None) -> str:
    """The ``folding`` stage of a multi-layer-offload design."""
    return spec("dataflow-map-offload", device=device, utilization=utilization, target_fps=target_fps,
                clock_mhz=clock_mhz)


def quantize_input(datatype: str | None, scale: float = 1.0) -> str:
    """What the ``import`` stage adds when the input's datatype is declared
    (``qnn-quantize-input``; nothing without a datatype)."""
    return spec("qnn-quantize-input", datatype=datatype, scale=scale if datatype is not None else None)


def buffers(*, depth: int = DEFAULT_FIFO_DEPTH, depths: str | None = None, frames: int | None = None) -> str:
    """What the ``folding`` stage adds to a folded dataflow design: forks
    where a stream has several readers, width converters and FIFOs, each
    as deep as the pipeline needs to run at its slowest layer's rate (at
    least ``depth``; sized over ``frames`` frames, by default until the
    depths settle), then the depths of a FINN hardware config (``depths``),
    if given."""
    out = (f"dataflow-insert-duplicate,dataflow-insert-dwc,{spec('dataflow-insert-fifo', depth=depth)},"
           f"{spec('dataflow-size-fifos', frames=frames)}")
    return out if depths is None else f"{out},{spec('dataflow-set-fifo-depths', config=depths)}"


def run(module, pipeline: str, ctx=None) -> None:
    """Apply the passes of ``pipeline`` to ``module`` in order (in a fresh
    finnr context unless ``ctx`` is given)."""
    from xdsl.passes import PassPipeline

    from finnr.dialects import finnr_context
    from finnr.passes import FINNR_PASSES

    PassPipeline.parse_spec(FINNR_PASSES, pipeline).apply(finnr_context() if ctx is None else ctx, module)
