"""Designs on the roofline: where a built design lands (``finnr build``'s
roofline.png) and the fastest dataflow design of a model that fits a device
(``finnr roofline --model``)."""

from __future__ import annotations

from finnr.defaults import DEFAULT_UTILIZATION
from finnr.flows import pipeline


def design_point(module, report: dict, label: str):
    """A built design on the roofline: ops/s = 2·MACs·FPS; intensity = ops
    per frame / bytes moved off chip per frame: the partitions' input and
    output frames (all a dataflow design moves), or for multi-layer offload
    every layer's weights and activations (the report's ``offchip_bytes``)."""
    import math

    from finnr.dialects import dataflow as df
    from finnr.dialects import datatypes as dt
    from finnr.models import schedule
    from finnr.models.layers import dataflow_layers
    from finnr.models.roofline import DesignPoint

    perf = schedule.performance(dataflow_layers(module), report["clock_mhz"])
    moved = sum(r.get("offchip_bytes", 0.0) for r in report["layers"])
    for part in module.walk():
        if isinstance(part, df.PartitionOp):
            for v in (*part.inputs, *part.outputs):
                t = v.type
                moved += math.prod(t.get_shape()) * dt.bitwidth(t.get_element_type()) / 8
    ops = 2 * perf.macs
    link = report.get("io", {}).get("fps_bound")
    return DesignPoint(f"{label} ({report['fps']:,.0f} FPS)", ops / max(moved, 1e-9), ops * report["fps"],
                       ops * link if link else None)


def compile_point(model: str, device, utilization: float = DEFAULT_UTILIZATION, clock_mhz: float | None = None,
                  cost_model: str | None = None):
    """Compile ``model`` for the fastest dataflow folding that fits
    ``utilization`` of ``device`` at ``clock_mhz`` (default: the device's
    clock) by ``cost_model`` (default: the device family's, as ``finnr
    build``) and place it on the roofline."""
    from finnr.backends.report import build_report
    from finnr.frontend.onnx_import import import_model

    module = import_model(model, require_quantized=True)
    folding = pipeline.folding(device=device.name, maximize=True, utilization=utilization, clock_mhz=clock_mhz,
                               cost_model=cost_model)
    pipeline.run(module, f"{pipeline.TO_DATAFLOW},{folding}")
    return design_point(module, build_report(module, device, clock_mhz, utilization), model.split("/")[-1])
