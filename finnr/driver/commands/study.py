"""``finnr study``: the accuracy-cost study of quantized and pruned MLPs on
handwritten digits (see :mod:`finnr.flows.study`)."""

from __future__ import annotations

import argparse
import sys

from finnr.flows.study import EPOCHS, FINETUNE_EPOCHS, SEED


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from finnr.flows.study import run_study

    run_study(Path(args.output), epochs=args.epochs, finetune_epochs=args.finetune_epochs, seed=args.seed,
              work=None if args.work is None else Path(args.work),
              progress=lambda m: print(m, file=sys.stderr, flush=True), force=args.force, clock_mhz=args.clock_mhz)
    return 0


def add_parser(sub) -> None:
    p = sub.add_parser(
        "study",
        help="train quantized/pruned MLPs on digits with Brevitas, compile them, measure accuracy in C-simulation",
        description="Train MLPs 64-64-64-10 with Brevitas on scikit-learn's handwritten digits at "
        "w1a1, w2a2, w4a4 and w8a8, prune them with qnn-prune (then fine-tune), requantize the "
        "w8a8 one with qnn-requantize, compile every network with finnr for a PYNQ-Z1 and measure its "
        "test accuracy on the C-simulated accelerator. Writes study.md (a table), study.png and "
        "study.json into the output directory. Needs the study extra (make study).",
    )
    p.add_argument("-o", "--output", default="docs",
                   help="where to write study.md, study.png, study.json (default docs): a new or empty directory or "
                   "an earlier finnr result, whose files finnr replaces")
    p.add_argument("--force", action="store_true",
                   help="write into an output directory that holds files finnr did not write (never deleting them)")
    p.add_argument("--epochs", type=int, default=EPOCHS, help=f"training epochs per precision (default {EPOCHS})")
    p.add_argument("--finetune-epochs", type=int, default=FINETUNE_EPOCHS,
                   help=f"fine-tuning epochs after pruning (default {FINETUNE_EPOCHS})")
    p.add_argument("--seed", type=int, default=SEED, help=f"seed of the data split and the training (default {SEED})")
    p.add_argument("--clock-mhz", type=float, metavar="MHZ",
                   help="the clock of the designs and their frame rates (default: the device's, see `finnr devices`)")
    p.add_argument("--work", help="keep the exported models and HLS projects here (default: a temporary directory)")
    p.set_defaults(fn=run)
