"""Plots (PNG, matplotlib's Agg backend): the roofline."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from finnr.defaults import DEFAULT_UTILIZATION
from finnr.models.devices import Device
from finnr.models.roofline import DesignPoint, attainable, compute_roof


def roofline_png(path: str | Path, device: Device, precisions: list[tuple[int, int]], points: list[DesignPoint] = (),
                 clock_mhz: float | None = None, utilization: float = DEFAULT_UTILIZATION) -> None:
    """The compute roofs of ``utilization`` of ``device`` at ``clock_mhz``
    (default: the device's clock), its memory roof, and ``points``."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    intensity = np.logspace(-2, 6, 400)
    fig, ax = plt.subplots(figsize=(7, 4.5), dpi=120)
    clock = clock_mhz or device.clock_mhz
    for w, a in precisions:
        roof = compute_roof(device, w, a, clock, utilization)
        ax.loglog(intensity, attainable(device, w, a, intensity, clock, utilization) / 1e12,
                  label=f"w{w}a{a}: {roof / 1e12:.2f} TOp/s")
    for p in points:
        ax.plot([p.intensity], [p.ops_per_second / 1e12], "o", markersize=7)
        ax.annotate(p.name, (p.intensity, p.ops_per_second / 1e12), textcoords="offset points", xytext=(6, -12), fontsize=8)
        if p.link_ops_per_second:
            ax.axhline(p.link_ops_per_second / 1e12, color="gray", linestyle="--", linewidth=0.8,
                       label=f"host link bound of {p.name.split(' (')[0]}: {p.link_ops_per_second / 1e12:.3g} TOp/s")
    ax.set_xlabel("operational intensity (ops per off-chip byte)")
    ax.set_ylabel("TOp/s")
    ax.set_title(f"roofline of {utilization:.0%} of {device.name} ({clock:g} MHz, {device.dram_gbps:g} GB/s)")
    ax.grid(True, which="both", linewidth=0.3)
    ax.legend(fontsize=8, loc="lower right")
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)


def resources_png(path: str | Path, report: dict) -> None:
    """Per-layer LUT and BRAM18 bars of a build report, each against the
    device's total (as % of it), compute layers only (FIFOs and width
    converters are summed into one bar)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from finnr.models.devices import get_device

    device = get_device(report["device"])
    rows = [r for r in report["layers"] if r["kind"] not in ("fifo", "dwc")]
    glue = [r for r in report["layers"] if r["kind"] in ("fifo", "dwc")]
    names = [r["name"] for r in rows] + (["FIFOs + DWCs"] if glue else [])
    fig, axes = plt.subplots(1, 2, figsize=(10, 0.35 * len(names) + 1.6), dpi=110, sharey=True)
    for ax, key, total in ((axes[0], "lut", device.lut), (axes[1], "bram18", device.bram18)):
        values = [r[key] for r in rows] + ([sum(r[key] for r in glue)] if glue else [])
        pct = [100 * v / total if total else 0.0 for v in values]
        ax.barh(range(len(names)), pct, color="tab:blue" if key == "lut" else "tab:orange")
        ax.set_xlabel(f"{key.upper()} (% of {device.name}: {total:,})")
        ax.grid(True, axis="x", linewidth=0.3)
        used = 100 * report["total"][key] / total if total else 0.0
        ax.axvline(100 * report["fit_utilization"], color="red", linestyle="--", linewidth=0.8)
        ax.set_title(f"{key.upper()}: {used:.1f}% used in total (budget {report['fit_utilization']:.0%}, dashed)")
    axes[0].set_yticks(range(len(names)), names, fontsize=7)
    axes[0].invert_yaxis()
    fig.suptitle(f"{report['fps']:,.0f} FPS at {report['clock_mhz']:g} MHz on {device.name} "
                 f"(bottleneck {report['bottleneck']})", fontsize=10)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
