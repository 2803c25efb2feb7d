"""Benchmark (issue 17): MobileNet-v1 w4a4 and ResNet-18 w4a4 (the shared
models) built whole into one dataflow partition, `--maximize` on u250 and
zcu104, with the input declared as 8-bit images (`--input-datatype UINT8
--input-scale 1/255`, so the first conv runs on the FPGA too). Goal: the
compile through HLS C++ under 15 s each.

    .venv/bin/python benchmarks/deployed_networks.py [MODEL.onnx ...]

Prints per model and device: FPS (at the device's default clock, the
slowest layer's cycles; the host link is not a bound yet), partitions,
multiply-accumulates on the host and on the FPGA, LUT/BRAM18/URAM/DSP of
the estimate, and the wall-clock seconds of `finnr build` (import through
the HLS C++ written to disk), one run each, in process."""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from common import SHARED_MODELS

DEFAULTS = [SHARED_MODELS / "mobilenet_v1_w4a4.onnx", SHARED_MODELS / "resnet18_w4a4.onnx"]
DEVICES = ("u250", "zcu104")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("models", nargs="*", type=Path, default=DEFAULTS)
    args = ap.parse_args()
    from finnr.flows.build import BuildOptions, run_build

    print("| model | device | FPS | MHz | partitions | host MACs | FPGA MACs | LUT | BRAM18 | URAM | DSP | build s |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for model in args.models:
        if not model.is_file():
            print(f"| {model.name} | - | missing | | | | | | | | | |")
            continue
        for device in DEVICES:
            with tempfile.TemporaryDirectory() as d:
                opts = BuildOptions(model=str(model), output=str(Path(d) / "build"), device=device, maximize=True,
                                    stop_after="hls", input_datatype="UINT8", input_scale=1 / 255)
                t = time.perf_counter()
                r = run_build(opts, warn=lambda message: None)
                seconds = time.perf_counter() - t
            tot = r["total"]
            print(f"| {model.stem} | {device} | {r['fps']:.1f} | {r['clock_mhz']:g} | {r['partitions']} | "
                  f"{r['host_macs']} | {r['hardware_macs']} | {tot['lut']:.0f} | {tot['bram18']:.0f} | "
                  f"{tot['uram']:.0f} | {tot['dsp']:.0f} | {seconds:.1f} |", flush=True)


if __name__ == "__main__":
    main()
