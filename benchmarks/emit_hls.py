"""Benchmark: emitting the HLS C++ of cnv_1w1a (1.5 M weights): the
convert-dataflow-to-hls pass on the folded, estimated module, then the
hls-cpp printer (kernel functions with their packed ROMs, the DATAFLOW top),
then the whole HLS project (C++, testbench, Tcl scripts, headers) as
`finnr build` writes it; and the same from the command line, `finnr-opt
05-estimated.mlir -p convert-dataflow-to-hls -t hls-cpp` (a fresh process:
start-up and parsing of the IR included). Goal (issue 7): under 5 s.

    .venv/bin/python benchmarks/emit_hls.py [--model PATH]

The model is first built to the estimate stage (not timed); prints the best
of 3 wall-clock times of each step and of their sum."""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import SHARED_MODELS, best_of

DEFAULT = SHARED_MODELS / "cnv_1w1a.onnx"
GOAL_S = 5.0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--model", type=Path, default=DEFAULT)
    ap.add_argument("--device", default="pynq-z1")
    ap.add_argument("--target-fps", type=float, default=3000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    if not args.model.is_file():
        sys.exit(f"model not found: {args.model}")
    from finnr.backends.hls_cpp import write_hls_project
    from finnr.backends.hls_cpp.printer import emit_cpp
    from finnr.dialects import hls
    from finnr.flows import pipeline
    from finnr.flows.build import BuildOptions, run_build
    from finnr.ir_io import load_ir

    with tempfile.TemporaryDirectory() as d:
        out = Path(d) / "build"
        run_build(BuildOptions(str(args.model), str(out), args.device, args.target_fps, stop_after="estimate"))
        estimated = load_ir(out / "05-estimated.mlir")
        rows: dict[str, list[float]] = {"convert-dataflow-to-hls": [], "print C++ (-t hls-cpp)": [], "write hls/ project": []}
        size = 0
        for i in range(args.repeat):
            module = estimated.clone()
            t0 = time.perf_counter()
            pipeline.run(module, pipeline.HLS)
            t1 = time.perf_counter()
            text = emit_cpp(module)
            t2 = time.perf_counter()
            write_hls_project(module, Path(d) / f"hls{i}", part="xc7z020clg400-1", clock_mhz=100)
            t3 = time.perf_counter()
            rows["convert-dataflow-to-hls"].append(t1 - t0)
            rows["print C++ (-t hls-cpp)"].append(t2 - t1)
            rows["write hls/ project"].append(t3 - t2)
            size = len(text)
        weights = sum(
            op.value.get_shape()[0] * op.value.get_shape()[1] * op.value.get_shape()[2]
            for op in module.walk() if isinstance(op, hls.RomOp) and op.rom_name.data.endswith("weights")
        )
        kernels = sum(isinstance(op, hls.KernelOp) for op in module.walk())
        opt = Path(sys.executable).with_name("finnr-opt")
        cmd = [str(opt), str(out / "05-estimated.mlir"), "-p", "convert-dataflow-to-hls", "-t", "hls-cpp",
               "-o", str(Path(d) / "top.cpp")]
        t_cli = best_of(args.repeat, lambda: subprocess.run(cmd, check=True, capture_output=True))
    print(f"model: {args.model.name}, {args.device}, target {args.target_fps:g} FPS: "
          f"{kernels} kernels, {weights:,} weights, {size / 1e6:.2f} MB of C++")
    print(f"{'step':<40}{'seconds':>9}")
    for name, times in rows.items():
        print(f"{name:<40}{min(times):>9.3f}")
    emission = min(a + b for a, b in zip(rows["convert-dataflow-to-hls"], rows["print C++ (-t hls-cpp)"]))
    total = min(a + b + c for a, b, c in zip(*rows.values()))
    print(f"{'HLS C++ emission (pass + printer)':<40}{emission:>9.3f}   goal {GOAL_S:g}")
    print(f"{'total with the project files':<40}{total:>9.3f}")
    print(f"{'finnr-opt -p ... -t hls-cpp (process)':<40}{t_cli:>9.3f}   (start-up and parsing included)")


if __name__ == "__main__":
    main()
