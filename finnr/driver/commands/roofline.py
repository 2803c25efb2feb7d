"""``finnr roofline``: compute roofs per precision and, with a model, where
its fastest dataflow design on the device lands (:mod:`finnr.flows.roofline`)."""

from __future__ import annotations

import argparse
from pathlib import Path

from finnr.defaults import DEFAULT_PRECISIONS, DEFAULT_UTILIZATION
from finnr.diagnostics import FinnrError
from finnr.models.cost_models import COST_MODELS


def run(args: argparse.Namespace) -> int:
    from finnr.backends.plots import roofline_png
    from finnr.flows.roofline import compile_point
    from finnr.models.clock import clock_mhz
    from finnr.models.cost_models import default_for
    from finnr.models.devices import get_device
    from finnr.models.fit import check_utilization
    from finnr.models.roofline import compute_roof, parse_precision

    try:
        device = get_device(args.device)
    except KeyError as e:
        raise FinnrError(str(e.args[0])) from None
    clock = clock_mhz(device, args.clock_mhz)
    check_utilization(args.utilization)
    try:
        precisions = [parse_precision(p) for p in args.precisions.split(",") if p.strip()]
    except ValueError as e:
        raise FinnrError(str(e)) from None
    if args.model and not Path(args.model).is_file():
        raise FinnrError(f"{args.model}: no such file")
    if not Path(args.output).absolute().parent.is_dir():
        raise FinnrError(f"{args.output}: cannot write: {Path(args.output).parent} is not a directory")
    print(f"{device.name}: {device.lut:,} LUT, {device.dsp:,} DSP at {clock:g} MHz, {device.dram_gbps:g} GB/s; "
          f"compute roofs of {args.utilization:.0%} of the LUTs and DSPs")
    print(f"{'precision':<10}{'compute roof (TOp/s)':>22}{'ridge (ops/byte)':>18}")
    for w, a in precisions:
        roof = compute_roof(device, w, a, clock, args.utilization)
        print(f"{f'w{w}a{a}':<10}{roof / 1e12:>22.3f}{roof / (device.dram_gbps * 1e9):>18.1f}")
    points = []
    if args.model:
        p = compile_point(args.model, device, args.utilization, clock, args.cost_model)
        points.append(p)
        print(f"model {p.name}: {p.ops_per_second / 1e12:.3f} TOp/s at {p.intensity:,.0f} ops/byte ({clock:g} MHz, "
              f"cost model {args.cost_model or default_for(device)})")
    roofline_png(args.output, device, precisions, points, clock, args.utilization)
    print(f"wrote {args.output}")
    return 0


def add_parser(sub) -> None:
    p = sub.add_parser(
        "roofline",
        help="roofline of a device per precision, with a compiled model on it",
        description="Compute roofs from the LUT cost per operation (FINN-R) and the DSPs, the memory "
        "roof from the off-chip bandwidth, and (with --model) the fastest dataflow design of the "
        "model that fits --utilization of the device; print a table and write a PNG.",
    )
    p.add_argument("--device", required=True)
    p.add_argument("--precisions", default=",".join(DEFAULT_PRECISIONS),
                   help=f"comma-separated wNaM (default {','.join(DEFAULT_PRECISIONS)})")
    p.add_argument("--model", help="an .onnx model to place on the roofline")
    p.add_argument("--utilization", type=float, default=DEFAULT_UTILIZATION,
                   help=f"the budget: the share of each resource of the device a design may use, and the share of "
                   f"its LUTs and DSPs the compute roofs count (default {DEFAULT_UTILIZATION})")
    p.add_argument("--clock-mhz", type=float, metavar="MHZ",
                   help="the clock of the roofs and the model's design (default: the device's, see `finnr devices`)")
    p.add_argument("--cost-model", choices=tuple(COST_MODELS), metavar="NAME",
                   help="the cost model the model's design is folded and estimated by (default: the device "
                   f"family's; one of {', '.join(COST_MODELS)})")
    p.add_argument("-o", "--output", default="roofline.png", help="the PNG to write (default roofline.png)")
    p.set_defaults(fn=run)
