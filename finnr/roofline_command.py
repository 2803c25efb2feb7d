"""``finnr roofline``: compute roofs per precision and, with a model, where
its fastest dataflow design on the device lands."""

from __future__ import annotations

import argparse

from finnr.diagnostics import FinnrError


def design_point(module, report: dict, label: str):
    """A built design on the roofline: ops/s = 2·MACs·FPS; intensity = ops
    per frame / bytes moved off chip per frame: the partitions' input and
    output frames (all a dataflow design moves), or for multi-layer offload
    every layer's weights and activations (the report's ``offchip_bytes``)."""
    import math

    from finnr.models.layers import dataflow_layers
    from finnr.dialects import dataflow as df
    from finnr.dialects import datatypes as dt
    from finnr.models import layers as lm
    from finnr.models.roofline import DesignPoint

    perf = lm.performance(dataflow_layers(module), report["clock_mhz"])
    moved = sum(r.get("offchip_bytes", 0.0) for r in report["layers"])
    for part in module.walk():
        if isinstance(part, df.PartitionOp):
            for v in (*part.inputs, *part.outputs):
                t = v.type
                moved += math.prod(t.get_shape()) * dt.bitwidth(t.get_element_type()) / 8
    ops = 2 * perf.macs
    return DesignPoint(f"{label} ({report['fps']:,.0f} FPS)", ops / max(moved, 1e-9), ops * report["fps"])


def compile_point(model: str, device, utilization: float = 0.8):
    """Compile ``model`` for the fastest dataflow folding that fits and
    place it on the roofline."""
    from finnr.backends.report import build_report
    from finnr.dialects import finnr_context
    from finnr.frontend.onnx_import import import_model
    from finnr.passes import FINNR_PASSES

    module = import_model(model)
    ctx = finnr_context()
    FINNR_PASSES["qnn-streamline"]()().apply(ctx, module)
    FINNR_PASSES["convert-qnn-to-dataflow"]()().apply(ctx, module)
    FINNR_PASSES["dataflow-set-folding"]()(device=device.name, maximize=True, utilization=utilization).apply(ctx, module)
    return design_point(module, build_report(module, device), model.split("/")[-1])


def cmd_roofline(args: argparse.Namespace) -> int:
    from finnr.backends.plots import roofline_png
    from finnr.models.devices import get_device
    from finnr.models.roofline import compute_roof, parse_precision

    try:
        device = get_device(args.device)
    except KeyError as e:
        raise FinnrError(str(e.args[0])) from None
    try:
        precisions = [parse_precision(p) for p in args.precisions.split(",") if p.strip()]
    except ValueError as e:
        raise FinnrError(str(e)) from None
    print(f"{device.name}: {device.lut:,} LUT, {device.dsp:,} DSP at {device.clock_mhz:g} MHz, {device.dram_gbps:g} GB/s")
    print(f"{'precision':<10}{'compute roof (TOp/s)':>22}{'ridge (ops/byte)':>18}")
    for w, a in precisions:
        roof = compute_roof(device, w, a)
        print(f"{f'w{w}a{a}':<10}{roof / 1e12:>22.3f}{roof / (device.dram_gbps * 1e9):>18.1f}")
    points = []
    if args.model:
        p = compile_point(args.model, device)
        points.append(p)
        print(f"model {p.name}: {p.ops_per_second / 1e12:.3f} TOp/s at {p.intensity:,.0f} ops/byte")
    roofline_png(args.output, device, precisions, points)
    print(f"wrote {args.output}")
    return 0


def add_parser(sub) -> None:
    p = sub.add_parser(
        "roofline",
        help="roofline of a device per precision, with a compiled model on it",
        description="Compute roofs from the LUT cost per operation (FINN-R) and the DSPs, the memory "
        "roof from the off-chip bandwidth, and (with --model) the fastest dataflow design of the "
        "model that fits 80%% of the device; print a table and write a PNG.",
    )
    p.add_argument("--device", required=True)
    p.add_argument("--precisions", default="w1a1,w2a2,w4a4,w8a8", help="comma-separated wNaM (default w1a1,w2a2,w4a4,w8a8)")
    p.add_argument("--model", help="an .onnx model to place on the roofline")
    p.add_argument("-o", "--output", default="roofline.png", help="the PNG to write (default roofline.png)")
    p.set_defaults(fn=cmd_roofline)
