"""``finnr dse``: the command line of :mod:`finnr.flows.dse`."""

from __future__ import annotations

import argparse
import shlex
import sys

from finnr.defaults import DEFAULT_DEVICE, DEFAULT_PRECISIONS, DEFAULT_UTILIZATION
from finnr.flows.dse import STEPS, parse_precisions, parse_sparsities, run_dse
from finnr.models.cost_models import COST_MODELS


def run(args: argparse.Namespace) -> int:
    command = "finnr dse " + " ".join(shlex.quote(a) for a in sys.argv[2:]) if len(sys.argv) > 2 else "finnr dse"
    points = run_dse(
        args.model, args.output, [d for d in args.devices.split(",") if d.strip()], parse_precisions(args.precisions),
        parse_sparsities(args.sparsity), utilization=args.utilization, steps=args.steps, quiet=args.quiet, command=command,
        force=args.force, clock_mhz=args.clock_mhz, cost_model=args.cost_model,
    )
    if not args.quiet:
        front = sum(p.pareto_lut for p in points)
        print(f"{len(points)} designs, {front} on the FPS-vs-LUT Pareto fronts; results in {args.output}/ "
              "(dse.csv, pareto.csv, pareto.png, dse.md)")
    return 0


def add_parser(sub) -> None:
    p = sub.add_parser(
        "dse",
        help="explore precisions, pruning levels, devices and foldings; Pareto fronts as CSV and PNG",
        description="Design-space exploration without synthesis: requantize the model to each precision "
        "(qnn-requantize; 'native' keeps its own), prune it to each sparsity (qnn-prune), and fold it for each "
        "device over a ladder of target frame rates (and the fastest design within --utilization; multi-layer "
        "offload where a dataflow design cannot fit). Writes dse.csv, pareto.csv, pareto.png and dse.md.",
    )
    p.add_argument("model", help="the QONNX model (.onnx)")
    p.add_argument("-o", "--output", required=True,
                   help="output directory: new, empty or an earlier finnr result, whose files finnr replaces")
    p.add_argument("--force", action="store_true",
                   help="write into an output directory that holds files finnr did not write (never deleting them)")
    p.add_argument("--devices", default=DEFAULT_DEVICE,
                   help=f"comma-separated devices (default: {DEFAULT_DEVICE}; see `finnr devices`)")
    p.add_argument("--precisions", default=",".join(DEFAULT_PRECISIONS),
                   help=f"comma-separated wNaM precisions or 'native' (default: {','.join(DEFAULT_PRECISIONS)})")
    p.add_argument("--sparsity", default="0", help="comma-separated pruning levels in [0, 1) (default: 0)")
    p.add_argument("--utilization", type=float, default=DEFAULT_UTILIZATION,
                   help="the budget: the share of each of a device's LUT, FF, BRAM18, URAM and DSP a design may use "
                   f"(default: {DEFAULT_UTILIZATION})")
    p.add_argument("--clock-mhz", type=float, metavar="MHZ",
                   help="the clock of every frame rate (default: each device's own, see `finnr devices`)")
    p.add_argument("--cost-model", choices=tuple(COST_MODELS), metavar="NAME",
                   help="the cost model the folding optimizes and the points report: finn-r (finnr's own engines; the "
                   "default), yosys (LUTs and FFs fitted to yosys) or finn (FINN's own estimator for the hardware FINN's flow builds); default: each device's")
    p.add_argument("--steps", type=int, default=STEPS, help=f"target frame rates per device and network (default: {STEPS})")
    p.add_argument("--quiet", action="store_true", help="no progress bar or summary")
    p.set_defaults(fn=run)
