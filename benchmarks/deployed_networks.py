"""Benchmark (issues 17, 18): MobileNet-v1 w4a4 and ResNet-18 w4a4 (the
shared models) built whole into one accelerator, `--maximize` on u250 and
zcu104 at a sweep of budgets (`--utilization`, default 0.7, 0.8 and 0.9 of
each resource), with the input declared as 8-bit images
(`--input-datatype UINT8 --input-scale 1/255`, so the first conv runs on
the FPGA too). Goals: the compile through HLS C++ under 15 s each, and the
fastest design that fits never slower at a larger budget.

    .venv/bin/python benchmarks/deployed_networks.py [MODEL.onnx ...] [--budgets 0.7,0.8,0.9]

Prints per model, device and budget: the architecture (``--arch auto``:
dataflow when it fits, else multi-layer offload), FPS at the clock of the
MHz column (the device's default; the lower of the compute rate and the
host link's bound), partitions, multiply-accumulates on the host and on the
FPGA, LUT/BRAM18/URAM/DSP of the estimate, whether it fits the budget, and
the wall-clock seconds of `finnr build` (import through the HLS C++
written to disk), one run each, in process."""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from common import SHARED_MODELS

DEFAULTS = [SHARED_MODELS / "mobilenet_v1_w4a4.onnx", SHARED_MODELS / "resnet18_w4a4.onnx"]
DEVICES = ("u250", "zcu104")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("models", nargs="*", type=Path, default=DEFAULTS)
    ap.add_argument("--budgets", default="0.7,0.8,0.9", help="comma-separated --utilization values")
    args = ap.parse_args()
    from finnr.diagnostics import FinnrError
    from finnr.flows.build import BuildOptions, run_build

    budgets = [float(b) for b in args.budgets.split(",")]
    print("| model | device | budget | arch | FPS | MHz | partitions | host MACs | FPGA MACs | LUT | BRAM18 | URAM | DSP "
          "| fits | build s |")
    print("|---|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|")
    for model in args.models:
        if not model.is_file():
            print(f"| {model.name} | - | - | missing | | | | | | | | | | | |")
            continue
        for device in DEVICES:
            for budget in budgets:
                with tempfile.TemporaryDirectory() as d:
                    opts = BuildOptions(model=str(model), output=str(Path(d) / "build"), device=device, maximize=True,
                                        utilization=budget, stop_after="hls", input_datatype="UINT8",
                                        input_scale=1 / 255)
                    t = time.perf_counter()
                    try:
                        r = run_build(opts, warn=lambda message: None)
                    except FinnrError as e:
                        print(f"| {model.stem} | {device} | {budget:g} | error: {str(e).splitlines()[0]} "
                              "| | | | | | | | | | | |", flush=True)
                        continue
                    seconds = time.perf_counter() - t
                tot = r["total"]
                print(f"| {model.stem} | {device} | {budget:g} | {r['arch']} | {r['fps']:.1f} | {r['clock_mhz']:g} | "
                      f"{r['partitions']} | {r['host_macs']} | {r['hardware_macs']} | {tot['lut']:.0f} | "
                      f"{tot['bram18']:.0f} | {tot['uram']:.0f} | {tot['dsp']:.0f} | {'yes' if r['fits'] else 'NO'} | "
                      f"{seconds:.1f} |", flush=True)


if __name__ == "__main__":
    main()
