"""Benchmark (issue 19): the ULX3S board shell and the accelerator simulated
together, byte for byte, on the shared models' golden inputs.

    .venv/bin/python benchmarks/board_shell.py [--frames 3] [--out DIR] [--bitstream]

For tfc_2w2a, sfc_1w1a, tiny_resnet_w4a4 and mobilenet_v1_w2a2_quarter_64:
`finnr build M --backend rtl --device ulx3s-85f --maximize` (MobileNet with
its input declared as 8-bit images, `--input-datatype UINT8 --input-scale
1/255`), then `finnr board run DIR --port sim` on the first --frames golden
inputs: the board top (UART RX, unpacker, the accelerator, packer, UART TX;
the PLL bypassed, 8 cycles a UART bit) in Verilator, driven bit by bit on
its RX pin and read from its TX pin, frames in flight as the host sends them.
Its outputs are compared with `finnr run` of the build's IR (exactly) and
with the golden outputs (argmax). Prints the bytes per frame, the frames
in flight, the cycles simulated, a frame's cycles once the link is busy
against the bound (the UART's larger direction at the simulation's
cycles a bit, or the accelerator's compute rate), and the seconds of the Verilator build and of the run; with
--bitstream also `finnr bitstream DIR --clock-mhz auto` (the board shell as
the top): fmax, nextpnr's utilization and the seconds of each step.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import tempfile
import time
from pathlib import Path

import numpy as np

from common import SHARED_MODELS

MODELS = [("tfc_2w2a", []), ("sfc_1w1a", []), ("tiny_resnet_w4a4", []),
          ("mobilenet_v1_w2a2_quarter_64", ["--input-datatype", "UINT8", "--input-scale", "0.00392156862745098"])]


def _quiet(fn, *args):
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        code = fn(*args)
    if code != 0:
        raise SystemExit(f"failed ({code}): {' '.join(map(str, args[0]))}\n{buf.getvalue()}")
    return buf.getvalue()


def main() -> None:
    from finnr.backends.rtl.board_host import BoardAccelerator, SimLink
    from finnr.backends.rtl.design import designs
    from finnr.backends.rtl.sim import run_simulated
    from finnr.driver.main import main as finnr
    from finnr.interpreter import run_batch
    from finnr.ir_io import load_ir

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--frames", type=int, default=3)
    ap.add_argument("--out", help="keep the builds here (default: a temporary directory)")
    ap.add_argument("--bitstream", action="store_true", help="also run finnr bitstream on each build (minutes)")
    ap.add_argument("--clks-per-bit", type=int, help="cycles a UART bit in the simulation (default 8; the board: 33)")
    ap.add_argument("--models", help="a comma-separated subset of the models")
    args = ap.parse_args()
    root = Path(args.out) if args.out else Path(tempfile.mkdtemp(prefix="finnr-board-shell-"))
    rows = []
    for name, extra in MODELS:
        if args.models and name not in args.models.split(","):
            continue
        onnx = SHARED_MODELS / f"{name}.onnx"
        d = root / name
        t = time.perf_counter()
        if not (d / "rtl" / "manifest.json").is_file():
            _quiet(finnr, ["build", str(onnx), "--backend", "rtl", "--device", "ulx3s-85f", "--maximize",
                           "-o", str(d), "--quiet", *extra])
        build_s = time.perf_counter() - t
        golden = np.load(SHARED_MODELS / f"{name}.golden.npz")
        x = golden["input"][: args.frames]
        module = load_ir(d / "05-estimated.mlir")
        (design,) = designs(module)
        manifest = json.loads((d / "rtl" / "manifest.json").read_text())
        board = manifest["board"]
        t = time.perf_counter()
        link = SimLink(d / "rtl", list(dict.fromkeys([*manifest["files"], *board["files"]])),
                       clks_per_bit=args.clks_per_bit)
        verilate_s = time.perf_counter() - t
        t = time.perf_counter()
        out = run_simulated(module, {design.partition: BoardAccelerator(design, link)}, x)
        sim_s = time.perf_counter() - t
        ref = run_batch(module, x)
        exact = all(np.array_equal(a, b) for a, b in zip(out, ref))
        argmax = bool(np.array_equal(np.argmax(out[0].reshape(len(x), -1), axis=1),
                                     np.argmax(golden["output"][: args.frames].reshape(len(x), -1), axis=1)))
        report = json.loads((d / "report.json").read_text())
        cpb = link.clks_per_bit
        # a frame's cycles once the link is busy (after the first frame), against the bound: the UART
        # (the larger direction, 10 bits a byte) or the accelerator (report.json's compute FPS)
        steady = float(np.mean(np.diff(link.run.frame_done[1:]))) if len(x) >= 3 else None
        bound = max(10 * cpb * max(board["in"]["frame_bytes"], board["out"]["frame_bytes"]),
                    report["clock_mhz"] * 1e6 / report["compute_fps"])
        row = {"model": name, "frames": len(x), "in_bytes": board["in"]["frame_bytes"],
               "out_bytes": board["out"]["frame_bytes"], "in_flight": board["frames_in_flight"],
               "cycles": link.run.cycles, "steady_cycles": steady, "bound_cycles": round(bound, 1),
               "clks_per_bit": cpb, "exact": exact,
               "golden_argmax": argmax, "build_s": build_s, "verilate_s": verilate_s, "sim_s": sim_s}
        if args.bitstream:
            _quiet(finnr, ["bitstream", str(d), "--clock-mhz", "auto", "--quiet"])
            r = json.loads((d / "bitstream" / "report.json").read_text())
            row.update(fmax=r["fmax_mhz"], met=r["timing_met"], used=r["utilization"], predicted=r["predicted"],
                       seconds=r["seconds"])
        rows.append(row)
        print(json.dumps(row), flush=True)
    print()
    print("| model | frames | bytes in/out a frame | frames in flight | cycles simulated "
          "| cycles a frame, steady / bound | = finnr run | golden argmax | Verilator build s | simulation s |")
    print("|---|---:|---:|---:|---:|---:|---|---|---:|---:|")
    for r in rows:
        steady = "-" if r["steady_cycles"] is None else f"{r['steady_cycles']:,.0f}"
        print(f"| {r['model']} | {r['frames']} | {r['in_bytes']} / {r['out_bytes']} | {r['in_flight']} | "
              f"{r['cycles']:,} | {steady} / {r['bound_cycles']:,.0f} | "
              f"{'yes' if r['exact'] else 'NO'} | {'yes' if r['golden_argmax'] else 'no'} | {r['verilate_s']:.1f} | "
              f"{r['sim_s']:.1f} |")
    if args.bitstream:
        print()
        print("| model | fmax MHz (100 asked) | LUT4 | FF | EBR | MULT18 | synth s | pnr s | pack s |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
        for r in rows:
            u, p, s = r["used"], r["predicted"], r["seconds"]
            print(f"| {r['model']} | {r['fmax']} ({'met' if r['met'] else 'missed'}) | "
                  + " | ".join(f"{u[k]} ({p[k]})" for k in ("LUT4", "FF", "EBR", "MULT18"))
                  + f" | {s['synth']} | {s['pnr']} | {s['pack'] if s['pack'] is not None else '-'} |")


if __name__ == "__main__":
    main()
