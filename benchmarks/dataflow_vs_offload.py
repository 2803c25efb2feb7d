"""Benchmark: dataflow against multi-layer offload (FINN-R's two
architectures), and the TOp/s finnr predicts for them.

    .venv/bin/python benchmarks/dataflow_vs_offload.py [--utilization 0.8]

For the shared TFC/SFC/CNV exports (skipped when ../shared is absent), CNV
requantized to w4a4 and w8a8 by ``qnn-requantize`` (weights too big for a
small device), and every device: the fastest dataflow design within the
budget (``finnr.models.optimizer.maximize``; "-" when it does not fit even
at its smallest folding) and the fastest multi-layer-offload engine within
the same budget (``finnr.models.offload.best_offload``, the device's DRAM
bandwidth included), with FPS, TOp/s (2 ops per multiply-accumulate), LUT
and BRAM18; then the highest TOp/s per device, next to FINN-R's headline
figures (50 TOp/s measured on AWS F1, 5 TOp/s on embedded boards, for
binarized networks). What ``finnr build --arch auto`` picks is the
dataflow column when it fits, else MO."""

from __future__ import annotations

import argparse
import time

from common import SHARED_MODELS

DEVICES = ("pynq-z1", "ultra96", "zcu104", "aws-f1")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--utilization", type=float, default=0.8)
    args = ap.parse_args()
    from finnr.flows.dse import compile_variant
    from finnr.models import cost
    from finnr.models.devices import get_device
    from finnr.models.offload import best_offload
    from finnr.models.optimizer import RESOURCES, maximize

    variants = []
    for name in ("tfc_2w2a", "sfc_1w1a", "cnv_1w1a"):
        if (SHARED_MODELS / f"{name}.onnx").is_file():
            variants.append((name, str(SHARED_MODELS / f"{name}.onnx"), "native"))
    if (SHARED_MODELS / "cnv_1w1a.onnx").is_file():
        variants += [("cnv requantized w4a4", str(SHARED_MODELS / "cnv_1w1a.onnx"), "w4a4"),
                     ("cnv requantized w8a8", str(SHARED_MODELS / "cnv_1w1a.onnx"), "w8a8")]
    if not variants:
        print("../shared/models is absent: nothing to compare")
        return
    print(f"budget: {args.utilization:.0%} of LUT, BRAM18, URAM and DSP")
    print(f"{'network':<22}{'device':<9}{'dataflow FPS':>14}{'TOp/s':>8}{'LUT':>9}{'BRAM18':>8}"
          f"{'MO FPS':>12}{'TOp/s':>8}{'LUT':>9}{'BRAM18':>8}  MO engine, bound      auto picks")
    best: dict[str, tuple[float, str]] = {}
    t0 = time.perf_counter()
    for label, path, precision in variants:
        v = compile_variant(path, precision, 0.0)
        if v.error:
            print(f"{label:<22}: {v.error}")
            continue
        macs = sum(cost.macs(s) for s in v.specs)
        for dname in DEVICES:
            device = get_device(dname)
            budget = {r: args.utilization * device.resources()[r] for r in RESOURCES}
            clock = device.clock_mhz * 1e6
            df = maximize(v.specs, budget, uram=device.uram > 0)
            mo = best_offload(v.specs, device, budget)
            cells = []
            if df.fits:
                fps = clock / df.cycles
                tops = 2 * macs * fps / 1e12
                cells.append(f"{fps:>14,.0f}{tops:>8.2f}{df.totals['lut']:>9,.0f}{df.totals['bram18']:>8,.0f}")
                best[dname] = max(best.get(dname, (0.0, "")), (tops, f"{label}, dataflow"))
            else:
                cells.append(f"{'-':>14}{'':>8}{'':>9}{'':>8}")
            if mo is not None:
                tops = 2 * macs * mo.fps / 1e12
                bound = "memory" if sum(l.memory_cycles >= l.compute_cycles for l in mo.layers) > len(mo.layers) / 2 else "compute"
                cells.append(f"{mo.fps:>12,.0f}{tops:>8.2f}{mo.resources['lut']:>9,.0f}{mo.resources['bram18']:>8,.0f}"
                             f"  {mo.pe}x{mo.simd}, {bound:<8}")
                best[dname] = max(best.get(dname, (0.0, "")), (tops, f"{label}, MO"))
            else:
                cells.append(f"{'-':>12}{'':>8}{'':>9}{'':>8}  {'':<17}")
            print(f"{label:<22}{dname:<9}{''.join(cells)}  {'dataflow' if df.fits else 'MO'}")
    print(f"({time.perf_counter() - t0:.1f} s for the whole table)")
    print("highest predicted TOp/s per device (FINN-R: 50 TOp/s measured on AWS F1, 5 TOp/s on embedded boards):")
    for dname, (tops, what) in best.items():
        print(f"  {dname:<9}{tops:>8.2f} TOp/s  ({what})")


if __name__ == "__main__":
    main()
