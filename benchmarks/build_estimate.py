"""Benchmark: `finnr build MODEL --device pynq-z1 --target-fps 3000`, with
--stop-after estimate (import -> streamline -> dataflow -> folding ->
estimate, every stage's IR, the reports and plots written; goal of issue 5:
under 3 s for cnv_1w1a) and through the HLS C++ and Verilog (goal of issue 8:
under 3 s, a third of FINN's estimate-only flow on these machines).

    .venv/bin/python benchmarks/build_estimate.py [--model PATH]

Prints the best of 3 wall-clock times of the command (a fresh process,
start-up included) and of the flow in process."""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from common import REPO, SHARED_MODELS, best_of

DEFAULT = SHARED_MODELS / "cnv_1w1a.onnx"



def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--model", type=Path, default=DEFAULT)
    ap.add_argument("--device", default="pynq-z1")
    ap.add_argument("--target-fps", type=float, default=3000)
    args = ap.parse_args()
    if not args.model.is_file():
        sys.exit(f"model not found: {args.model}")
    from finnr.flows.build import BuildOptions, run_build

    with tempfile.TemporaryDirectory() as d:
        out = Path(d) / "out"
        opts = BuildOptions(str(args.model), str(out), args.device, args.target_fps)
        t_lib = best_of(3, lambda: run_build(opts))
        cmd = [sys.executable, "-m", "finnr", "build", str(args.model), "--device", args.device,
               "--target-fps", str(args.target_fps), "--stop-after", "estimate", "-o", str(out)]
        t_cli = best_of(3, lambda: subprocess.run(cmd, check=True, cwd=REPO, capture_output=True))
        full = [c for c in cmd if c not in ("--stop-after", "estimate")]
        t_full = best_of(3, lambda: subprocess.run(full, check=True, cwd=REPO, capture_output=True))
        report = (out / "report.md").read_text().splitlines()[2]
    print(f"model: {args.model.name}, {args.device}, target {args.target_fps:g} FPS")
    print(report)
    print(f"{'step':<40}{'seconds':>9}{'goal':>7}")
    print(f"{'build --stop-after estimate (process)':<40}{t_cli:>9.3f}{'3.0':>7}")
    print(f"{'build --stop-after estimate (library)':<40}{t_lib:>9.3f}{'':>7}")
    print(f"{'build through HLS C++ + Verilog (process)':<40}{t_full:>9.3f}{'3.0':>7}")


if __name__ == "__main__":
    main()
