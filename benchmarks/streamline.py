"""Benchmark: `qnn-streamline` of cnv_1w1a. Goal (issue 4): under 2 s.

    .venv/bin/python benchmarks/streamline.py [--model PATH]

Prints the best of 3 wall-clock times of the pass alone (on a fresh import
each time) and of `finnr-opt -p qnn-streamline` as a command, and checks
that the streamlined model still reproduces the golden outputs."""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from common import SHARED_MODELS

DEFAULT = SHARED_MODELS / "cnv_1w1a.onnx"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--model", type=Path, default=DEFAULT)
    args = ap.parse_args()
    if not args.model.is_file():
        sys.exit(f"model not found: {args.model}")

    from finnr.flows import pipeline
    from finnr.frontend.onnx_import import import_model
    from finnr.interpreter import run_batch
    from finnr.ir_io import print_ir

    times = []
    for _ in range(3):
        module = import_model(args.model)
        t = time.perf_counter()
        pipeline.run(module, pipeline.STREAMLINE)
        times.append(time.perf_counter() - t)
    golden = args.model.with_name(args.model.name.replace(".onnx", ".golden.npz"))
    status = "no golden file"
    if golden.is_file():
        g = np.load(golden)
        (y,) = run_batch(module, g["input"])
        same = np.array_equal(y.argmax(1), g["output"].argmax(1)) and np.allclose(y, g["output"], rtol=1e-5, atol=1e-6)
        status = "reproduces the golden outputs" if same else "DIFFERS from the golden outputs"
    with tempfile.TemporaryDirectory() as d:
        ir = Path(d) / "m.mlir"
        ir.write_text(print_ir(import_model(args.model)))
        cmd = [str(Path(sys.executable).with_name("finnr-opt")), str(ir), "-p", "qnn-streamline", "-o", str(Path(d) / "s.mlir")]
        cli = []
        for _ in range(3):
            t = time.perf_counter()
            subprocess.run(cmd, check=True)
            cli.append(time.perf_counter() - t)
    print(f"model: {args.model.name} ({status})")
    print(f"{'step':<44}{'seconds':>9}{'goal':>7}")
    print(f"{'qnn-streamline (pass only)':<44}{min(times):>9.3f}{'2.0':>7}")
    print(f"{'finnr-opt -p qnn-streamline (parse+print)':<44}{min(cli):>9.3f}{'':>7}")


if __name__ == "__main__":
    main()
