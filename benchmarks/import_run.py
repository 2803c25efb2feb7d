"""Benchmark: `finnr import` of cnv_1w1a (1.5 M parameters) and `finnr run`
of one image through it. Goals (issue 3): import under 2 s, run under 1 s.

    .venv/bin/python benchmarks/import_run.py [--model PATH]

Prints wall-clock seconds, best of 3: in-process (the library calls) and as
the command a user types (a fresh Python process, start-up included)."""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np

from common import REPO, SHARED_MODELS, best_of

DEFAULT = SHARED_MODELS / "cnv_1w1a.onnx"



def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--model", type=Path, default=DEFAULT)
    args = ap.parse_args()
    if not args.model.is_file():
        sys.exit(f"model not found: {args.model}")

    from finnr.frontend.onnx_import import import_model
    from finnr.interpreter import run_batch
    from finnr.ir_io import print_ir

    golden = args.model.with_name(args.model.name.replace(".onnx", ".golden.npz"))
    x = np.load(golden)["input"][:1] if golden.is_file() else None
    module = import_model(args.model)
    if x is None:
        shape = module.body.block.first_op.function_type.inputs.data[0].get_shape()
        x = np.random.default_rng(0).uniform(0, 1, shape).astype(np.float32)

    t_import = best_of(3, lambda: print_ir(import_model(args.model)))
    t_run = best_of(3, lambda: run_batch(module, x))
    with tempfile.TemporaryDirectory() as d:
        ir, xin = Path(d) / "m.mlir", Path(d) / "x.npy"
        np.save(xin, x)
        finnr = [sys.executable, "-m", "finnr"]
        t_cli_import = best_of(3, lambda: subprocess.run([*finnr, "import", str(args.model), "-o", str(ir)], check=True, cwd=REPO))
        t_cli_run = best_of(3, lambda: subprocess.run([*finnr, "run", str(ir), "--input", str(xin), "-o", str(Path(d) / "y.npy")], check=True, cwd=REPO))
    print(f"model: {args.model.name}")
    print(f"{'step':<34}{'seconds':>9}{'goal':>7}")
    print(f"{'import + print IR (in process)':<34}{t_import:>9.3f}{'2.0':>7}")
    print(f"{'run 1 image (in process)':<34}{t_run:>9.3f}{'1.0':>7}")
    print(f"{'finnr import (command)':<34}{t_cli_import:>9.3f}{'2.0':>7}")
    print(f"{'finnr run on the IR (command)':<34}{t_cli_run:>9.3f}{'1.0':>7}")


if __name__ == "__main__":
    main()
