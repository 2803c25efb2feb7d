"""Plots (PNG, matplotlib's Agg backend): the roofline."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from finnr.models.devices import Device
from finnr.models.roofline import DesignPoint, attainable, compute_roof


def roofline_png(path: str | Path, device: Device, precisions: list[tuple[int, int]], points: list[DesignPoint] = ()) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    intensity = np.logspace(-2, 6, 400)
    fig, ax = plt.subplots(figsize=(7, 4.5), dpi=120)
    for w, a in precisions:
        ax.loglog(intensity, attainable(device, w, a, intensity) / 1e12, label=f"w{w}a{a}: {compute_roof(device, w, a) / 1e12:.2f} TOp/s")
    for p in points:
        ax.plot([p.intensity], [p.ops_per_second / 1e12], "o", markersize=7)
        ax.annotate(p.name, (p.intensity, p.ops_per_second / 1e12), textcoords="offset points", xytext=(6, -12), fontsize=8)
    ax.set_xlabel("operational intensity (ops per off-chip byte)")
    ax.set_ylabel("TOp/s")
    ax.set_title(f"roofline of {device.name} ({device.clock_mhz:g} MHz, {device.dram_gbps:g} GB/s)")
    ax.grid(True, which="both", linewidth=0.3)
    ax.legend(fontsize=8, loc="lower right")
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
