"""The estimate report of a folded dataflow module: per-layer cycles and
resources, totals against a device, throughput, latency and TOp/s, as a JSON
dictionary, a Markdown table, and the ``report`` target."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import IO

from xdsl.context import Context
from xdsl.dialects.builtin import ModuleOp
from xdsl.utils.target import Target

from finnr.diagnostics import FinnrError
from finnr.models import layers as lm
from finnr.models.devices import Device, get_device

RESOURCES = ("lut", "ff", "bram18", "uram", "dsp")
FORMATS = ("markdown", "json")
LUT_FIT = 0.7
"""A design fits when its LUTs stay within 70% of the device (FINN-R's 2018
rule) and every other resource within 100%."""


def dataflow_layers(module: ModuleOp) -> list:
    return [op for op in module.walk() if lm.kind(op) is not None]


def build_report(module: ModuleOp, device: Device, clock_mhz: float | None = None, utilization: float | None = None) -> dict:
    """The report dictionary (the schema of ``report.json``)."""
    layers = dataflow_layers(module)
    clock = clock_mhz if clock_mhz is not None else device.clock_mhz
    perf = lm.performance(layers, clock)
    rows = []
    total = dict.fromkeys(RESOURCES, 0.0)
    for name, op, cyc in zip(lm.finn_names(layers), layers, perf.cycles):
        pe, simd = lm.folding(op)
        res = lm.layer_resources(op)
        for k in RESOURCES:
            total[k] += res[k]
        rows.append({
            "name": name, "kind": lm.kind(op), "pe": pe, "simd": simd, "cycles": int(round(cyc)),
            **{k: round(res[k], 1) for k in RESOURCES},
        })
    avail = device.resources()
    util = {k: (total[k] / avail[k] if avail[k] else (0.0 if total[k] == 0 else float("inf"))) for k in RESOURCES}
    if utilization is None:
        fits = util["lut"] <= LUT_FIT and all(util[k] <= 1.0 for k in ("bram18", "uram", "dsp"))
        rule = f"LUT <= {int(LUT_FIT * 100)}%, BRAM18/URAM/DSP <= 100%"
    else:
        fits = all(util[k] <= utilization + 1e-9 for k in ("lut", "bram18", "uram", "dsp"))
        rule = f"LUT/BRAM18/URAM/DSP <= {utilization:.0%}"
    return {
        "device": device.name,
        "clock_mhz": clock,
        "fps": round(perf.fps, 3),
        "latency_cycles": int(round(perf.latency_cycles)),
        "tops": perf.tops,
        "fits": bool(fits),
        "fit_rule": rule,
        "bottleneck": rows[perf.bottleneck]["name"] if rows else None,
        "layers": rows,
        "total": {k: round(v, 1) for k, v in total.items()},
        "utilization": {k: round(v, 4) for k, v in util.items()},
    }


def markdown(report: dict) -> str:
    """``report.md``: the layer table with utilization in % of the device."""
    lines = [
        f"# finnr estimate on {report['device']} at {report['clock_mhz']:g} MHz",
        "",
        f"- throughput: **{report['fps']:.1f} FPS** (f_clk / the slowest layer, {report['bottleneck']})",
        f"- latency: {report['latency_cycles']} cycles "
        f"({report['latency_cycles'] / report['clock_mhz']:.1f} us; first frame, stages overlapping)",
        f"- compute: {report['tops'] * 1e3:.3f} GOp/s (2 ops per multiply-accumulate)",
        f"- fits the device: {'yes' if report['fits'] else 'NO'} ({report['fit_rule']})",
        "",
        "| layer | kind | PE | SIMD | cycles | LUT | FF | BRAM18 | URAM | DSP |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in report["layers"]:
        mark = " (bottleneck)" if r["name"] == report["bottleneck"] else ""
        lines.append(
            f"| {r['name']}{mark} | {r['kind']} | {r['pe']} | {r['simd']} | {r['cycles']} | "
            f"{r['lut']:.0f} | {r['ff']:.0f} | {r['bram18']:.0f} | {r['uram']:.0f} | {r['dsp']:.0f} |"
        )
    t, u = report["total"], report["utilization"]
    lines.append(
        f"| **total** | | | | | {t['lut']:.0f} | {t['ff']:.0f} | {t['bram18']:.0f} | {t['uram']:.0f} | {t['dsp']:.0f} |"
    )
    lines.append(
        "| **% of device** | | | | | " + " | ".join(f"{100 * u[k]:.1f}%" for k in RESOURCES) + " |"
    )
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class ReportTarget(Target):
    """The estimate report of the module's dataflow layers (Markdown or JSON)."""

    name = "report"

    device: str = "pynq-z1"
    clock_mhz: int | float | None = None
    format: str = "markdown"

    def emit(self, ctx: Context, module: ModuleOp, output: IO[str]) -> None:
        if self.format not in FORMATS:
            raise FinnrError(f"report: unknown format '{self.format}' (formats: {', '.join(FORMATS)})")
        try:
            device = get_device(self.device)
        except KeyError as e:
            raise FinnrError(f"report: {e.args[0]}") from None
        report = build_report(module, device, self.clock_mhz)
        if self.format == "json":
            output.write(json.dumps(report, indent=2) + "\n")
        else:
            output.write(markdown(report))
