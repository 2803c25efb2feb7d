"""Benchmark: how far throughput scales with the device once the sliding
window units may emit whole windows (issue 22, parallel-window mode) and
the layers several pixels per beat (mmv).

    .venv/bin/python benchmarks/throughput_scaling.py [--utilization 0.8] [--models cnv_1w1a,...]

For cnv_1w1a and mobilenet_v1_w4a4 (the shared models; a missing one is
skipped) on aws-f1, zcu104, ultra96 and pynq-z1: the fastest folding that
fits ``utilization`` of the device (``dataflow-set-folding{maximize=true}``,
as ``finnr build --maximize`` folds, with the forks, width converters and
FIFOs of its buffers stage), before (``parallel-window=off``: every window
column by column), with whole windows but one pixel per beat
(``parallel-window=auto mmv=off``) and with both (``auto``, ``auto``: the
optimizer's choice). Per row: FPS and TOp/s (2 operations a
multiply-accumulate, at the device's clock, capped by the host link as the
report caps them), LUT and BRAM18 of the design, the sliding window units
in parallel-window mode, the most pixels per beat (M) of any layer, and
what binds: the host link, the resource the budget runs out of, or the
layer that cannot go faster at any folding (with its kind and M); a network
no dataflow folding fits gets the optimizer's diagnostic."""

from __future__ import annotations

import argparse
import time

from common import SHARED_MODELS
from finnr.diagnostics import FinnrError

DEVICES = ("aws-f1", "zcu104", "ultra96", "pynq-z1")
MODELS = ("cnv_1w1a", "mobilenet_v1_w4a4")
MODES = (("off", "off"), ("auto", "off"), ("auto", "auto"))
"""(parallel-window, mmv) options of dataflow-set-folding."""


def dataflow_module(name: str):
    from finnr.flows import pipeline
    from finnr.frontend.onnx_import import import_model

    module = import_model(SHARED_MODELS / f"{name}.onnx")
    pipeline.run(module, pipeline.TO_DATAFLOW)
    return module


def binding(module, report: dict, device, utilization: float, mode: tuple[str, str]) -> str:
    """What stops a faster design: the host link; else a layer already at
    its fastest folding (the optimizer's candidates, in this mode); else the
    resource nearest its budget."""
    from finnr.dialects import dataflow as df
    from finnr.interop.finn import finn_names
    from finnr.models import fit, optimizer
    from finnr.models import layers as lm
    from finnr.models.registry import mmv_of

    if report["bound"] == "host link":
        return "host link"
    layers = lm.compute_layers(module.walk())
    policy = {"parallel_window": mode[0], "mmv": mode[1]}
    worst = max(map(lm.layer_cycles, layers))
    for slowest in (op for op in layers if lm.layer_cycles(op) == worst):  # one of them at its fastest binds
        if worst > min(optimizer.candidates(lm.spec_of(slowest), modes=policy).cycles):
            continue
        name = finn_names(layers)[layers.index(slowest)]
        whole = ", whole windows" if isinstance(slowest, df.SWUOp) and slowest.is_parallel else ""
        return f"{name} ({lm.kind(slowest)}{whole}, M = {mmv_of(slowest)}) at full parallelism"
    budget = fit.budget(device, utilization)
    share = {r: report["total"][r] / budget[r] for r in fit.RESOURCES if budget[r]}
    top = max(share, key=share.get)
    return f"{fit.NAMES[top]} ({100 * share[top]:.0f}% of the budget)"


def run(name: str, device_name: str, utilization: float, mode: tuple[str, str]) -> dict:
    from finnr.backends.report import build_report
    from finnr.dialects import dataflow as df
    from finnr.flows import pipeline
    from finnr.models.devices import get_device
    from finnr.models.registry import mmv_of

    device = get_device(device_name)
    module = dataflow_module(name)
    pipeline.run(module, pipeline.spec("dataflow-set-folding", device=device.name, utilization=utilization,
                                       maximize=True, parallel_window=mode[0], mmv=mode[1]))
    pipeline.run(module, pipeline.buffers(frames=3))
    report = build_report(module, device, utilization=utilization)
    windows = [op for op in module.walk() if isinstance(op, df.SWUOp)]
    return {"fps": report["fps"], "tops": report["tops"], "lut": report["total"]["lut"],
            "bram18": report["total"]["bram18"], "fits": report["fits"],
            "pw": f"{sum(op.is_parallel for op in windows)}/{len(windows)}",
            "mmv": max(map(mmv_of, module.walk())),
            "binds": binding(module, report, device, utilization, mode)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--utilization", type=float, default=0.8)
    ap.add_argument("--models", default=",".join(MODELS))
    ap.add_argument("--devices", default=",".join(DEVICES))
    args = ap.parse_args()
    print("| model | device | parallel-window | mmv | FPS | TOp/s | LUT | BRAM18 | fits | SWUs whole-window | M | binds |")
    print("|---|---|---|---|---:|---:|---:|---:|---|---|---:|---|")
    for name in args.models.split(","):
        if not (SHARED_MODELS / f"{name}.onnx").exists():
            print(f"| {name} | (skipped: not in {SHARED_MODELS}) |||||||||||")
            continue
        for device in args.devices.split(","):
            for mode in MODES:
                t = time.perf_counter()
                try:
                    r = run(name, device, args.utilization, mode)
                except FinnrError as e:  # no dataflow design fits
                    print(f"| {name} | {device} | {' | '.join(mode)} | - | - | - | - | no | - | - | "
                          f"{str(e).splitlines()[0]} |")
                    continue
                print(f"| {name} | {device} | {' | '.join(mode)} | {r['fps']:,.0f} | {r['tops']:.2f} | "
                      f"{r['lut']:,.0f} | {r['bram18']:,.0f} | {'yes' if r['fits'] else 'no'} | {r['pw']} | "
                      f"{r['mmv']} | {r['binds']} |"
                      f" <!-- {time.perf_counter() - t:.1f} s -->", flush=True)


if __name__ == "__main__":
    main()
