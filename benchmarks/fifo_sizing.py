"""Benchmark (issue 18): FIFO depths from the engines' schedules
(`dataflow-size-fifos`, run by every build).

    .venv/bin/python benchmarks/fifo_sizing.py            # sizing time of the deployed networks
    .venv/bin/python benchmarks/fifo_sizing.py --rtlsim   # and the simulation table (minutes)

Sizing time: MobileNet-v1 w4a4 and ResNet-18 w4a4 (the shared models, input
declared as 8-bit images) folded by `--maximize` on zcu104 and u250; the
best of 3 runs of `dataflow-size-fifos` on the folded design, its FIFOs and their memory (bits: depth x width). Goal: < 1 s.

`--rtlsim`: for every shared model small enough to simulate, `finnr build
--backend rtl` (no FIFO file) then `finnr rtlsim` (Verilator, 4 frames back
to back): cycles per frame and first-frame latency measured against
report.json's prediction (at 100 MHz; the clock does not enter cycles), and
the FIFO memory of the analytical depths against depths sized by
simulation (every FIFO one frame deep, frames paced at the rate that design
reaches, each FIFO's peak occupancy + 1: what `finnr rtlsim --size-fifos`
does for a design that stalls).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import math
import tempfile
from pathlib import Path

import numpy as np

from common import SHARED_MODELS, best_of

DEPLOYED = ["mobilenet_v1_w4a4", "resnet18_w4a4"]
SIMULATED = [("tfc_2w2a", 50000), ("sfc_1w1a", 50000), ("cnv_1w1a", 3000), ("tiny_resnet_w4a4", 2000),
             ("tiny_invres_w2a2", 2000), ("mobilenet_v1_w2a2_quarter_64", 300)]


def _fifos(module) -> tuple[int, int]:
    """(FIFOs, their bits)."""
    from finnr.dialects import dataflow as df
    from finnr.dialects import datatypes as dt

    fifos = [op for op in module.walk() if isinstance(op, df.FIFOOp)]
    bits = sum(op.depth.value.data * op.elems.value.data * dt.bitwidth(op.input.type.get_element_type())
               for op in fifos)
    return len(fifos), bits


def sizing_times() -> None:
    from finnr.flows import pipeline
    from finnr.flows.build import BuildOptions, run_build
    from finnr.ir_io import load_ir

    print("| model | device | FIFOs | FIFO bits | sizing s |")
    print("|---|---|---:|---:|---:|")
    for name in DEPLOYED:
        model = SHARED_MODELS / f"{name}.onnx"
        if not model.is_file():
            print(f"| {name} | - | missing | | |")
            continue
        for device in ("zcu104", "u250"):
            with tempfile.TemporaryDirectory() as d:
                opts = BuildOptions(model=str(model), output=str(Path(d) / "b"), device=device, maximize=True,
                                    stop_after="folding", input_datatype="UINT8", input_scale=1 / 255)
                run_build(opts, warn=lambda message: None)
                module = load_ir(Path(d) / "b" / "04-folded.mlir")
            seconds = best_of(3, lambda m=module: pipeline.run(m, "dataflow-size-fifos"))
            n, bits = _fifos(module)
            print(f"| {name} | {device} | {n} | {bits} | {seconds:.2f} |", flush=True)


def _run(argv: list[str]) -> None:
    from finnr.driver.main import main

    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        rc = main(argv)
    if rc != 0:
        raise SystemExit(f"finnr {' '.join(argv)} exited {rc}")


def _simulated_fifo_bits(module, directory: Path, frames: int = 4) -> int:
    """The FIFO memory of depths sized by simulation, as `finnr rtlsim
    --size-fifos` sizes them from a design that stalls: every FIFO one frame
    deep, frames paced at the cycles per frame that design reaches, each
    FIFO's peak occupancy + 1 (at least 2)."""
    from finnr.backends.rtl import sim, write_design
    from finnr.backends.rtl.design import designs
    from finnr.dialects import datatypes as dt

    bits = 0
    for k, design in enumerate(designs(module)):
        part = design.partition
        deep = {f.ir_name: f.beats_out() + 2 for f in design.fifos()}
        (design,) = [e for e in designs(module, deep) if e.partition is part]
        where = directory / str(k)
        manifest = write_design(design, where, 100.0)
        binary, probes = sim.build(where, design, manifest["files"])
        inputs = [tuple(np.zeros(a.type.get_shape()) for a in part.body.block.args)] * frames
        free = sim.run(binary, where, design, probes, inputs)
        period = math.ceil(sim.measure(design, free, frames, 100.0)["cycles_per_frame"])
        paced = sim.run(binary, where, design, probes, inputs, period=period)
        for f in design.fifos():
            width = f.op.elems.value.data * dt.bitwidth(f.op.input.type.get_element_type())
            bits += max(2, paced.probes[(f.ir_name, "peak")] + 1) * width
    return bits


def simulation_table() -> None:
    from finnr.ir_io import load_ir

    print("| model | predicted cycles/frame | measured | error | predicted latency | measured | error "
          "| FIFO bits (analytical) | FIFO bits (rtlsim-sized) | ratio |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name, fps in SIMULATED:
        model = SHARED_MODELS / f"{name}.onnx"
        if not model.is_file():
            print(f"| {name} | missing |")
            continue
        with tempfile.TemporaryDirectory() as d:
            d = Path(d)
            x = d / "x.npy"
            np.save(x, np.load(SHARED_MODELS / f"{name}.golden.npz")["input"][:1])
            build = ["build", str(model), "--backend", "rtl", "--target-fps", str(fps), "--quiet"]
            _run([*build, "-o", str(d / "a")])
            _run(["rtlsim", str(d / "a"), "--input", str(x), "-o", str(d / "y.npy")])
            built = json.loads((d / "a" / "report.json").read_text())
            sim = json.loads((d / "a" / "rtlsim.json").read_text())
            module = load_ir(d / "a" / "05-estimated.mlir")
            ours = _fifos(module)[1]
            theirs = _simulated_fifo_bits(module, d / "sim")
        cycles = max(l["cycles"] for l in built["layers"])
        lat = built["latency_cycles"]
        print(f"| {name} | {cycles} | {sim['cycles_per_frame']:g} | "
              f"{100 * (sim['cycles_per_frame'] - cycles) / cycles:+.2f}% | {lat} | {sim['latency_cycles']} | "
              f"{100 * (sim['latency_cycles'] - lat) / lat:+.2f}% | {ours} | {theirs} | "
              f"{ours / theirs if theirs else math.nan:.2f} |", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rtlsim", action="store_true", help="also the simulation table (minutes; needs Verilator)")
    args = ap.parse_args()
    sizing_times()
    if args.rtlsim:
        print()
        simulation_table()


if __name__ == "__main__":
    main()
