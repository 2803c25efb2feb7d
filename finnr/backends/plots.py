"""Plots (PNG, matplotlib's Agg backend): the roofline of a device with
designs on it, and a build's resources per layer against the device."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np

from finnr.defaults import DEFAULT_UTILIZATION
from finnr.models.devices import Device
from finnr.models.roofline import DesignPoint, attainable, compute_roof

PANELS = (("lut", "LUT", "tab:blue"), ("bram18", "BRAM18", "tab:orange"), ("uram", "URAM", "tab:green"),
          ("dsp", "DSP", "tab:red"))
"""The resources ``resources.png`` draws, each a panel."""


def _pyplot():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def _label_offsets(points: list[tuple[float, float]], near: float = 0.08) -> list[int]:
    """Vertical label offsets (in label heights) so that labels of points
    close together (in axis fractions) stack instead of overlapping."""
    offsets: list[int] = []
    for i, (x, y) in enumerate(points):
        taken = {offsets[j] for j in range(i) if abs(points[j][0] - x) < 2 * near and abs(points[j][1] - y) < near}
        k = 0
        while k in taken:
            k += 1
        offsets.append(k)
    return offsets


def roofline_png(path: str | Path, device: Device, precisions: list[tuple[int, int]], points: list[DesignPoint] = (),
                 clock_mhz: float | None = None, utilization: float = DEFAULT_UTILIZATION) -> None:
    """The compute roofs of ``utilization`` of ``device`` at ``clock_mhz``
    (default: the device's clock) for each (weight, activation) precision,
    its memory roof, the designs on it (labelled on the side where the
    label stays inside the plot, stacked where designs lie close) and each
    design's host-link bound as a dashed line."""
    _save(roofline_figure(device, precisions, points, clock_mhz, utilization), path)


def _save(fig, path: str | Path) -> None:
    import matplotlib.pyplot as plt

    fig.savefig(path)
    plt.close(fig)


def roofline_figure(device: Device, precisions: list[tuple[int, int]], points: list[DesignPoint] = (),
                    clock_mhz: float | None = None, utilization: float = DEFAULT_UTILIZATION):
    """The figure of :func:`roofline_png`."""
    plt = _pyplot()
    clock = clock_mhz or device.clock_mhz
    x_lo, x_hi = -2, 6  # log10 of the intensities drawn
    intensity = np.logspace(x_lo, x_hi, 400)
    fig, ax = plt.subplots(figsize=(7.5, 4.8), dpi=120, layout="constrained")
    for w, a in precisions:
        roof = compute_roof(device, w, a, clock, utilization)
        ax.loglog(intensity, attainable(device, w, a, intensity, clock, utilization) / 1e12,
                  label=f"w{w}a{a}: {roof / 1e12:.2f} TOp/s")
    ys = [p.ops_per_second / 1e12 for p in points] + [p.link_ops_per_second / 1e12 for p in points if p.link_ops_per_second]
    ys += [compute_roof(device, w, a, clock, utilization) / 1e12 for w, a in precisions]
    y_lo = min([attainable(device, w, a, intensity[:1], clock, utilization)[0] / 1e12 for w, a in precisions] + ys
               or [1e-6])
    y_hi = max(ys or [1.0])
    ax.set_xlim(10**x_lo / 2, 10**x_hi * 2)
    ax.set_ylim(y_lo / 3, y_hi * 4)  # room above the highest line for labels
    fx = [(math.log10(max(p.intensity, 1e-30)) - x_lo) / (x_hi - x_lo) for p in points]
    fy = [(math.log10(max(p.ops_per_second / 1e12, 1e-30)) - math.log10(y_lo / 3)) / math.log10(12 * y_hi / y_lo)
          for p in points]
    for p, x, k in zip(points, fx, _label_offsets(list(zip(fx, fy)))):
        (dot,) = ax.plot([p.intensity], [p.ops_per_second / 1e12], "o", markersize=7)
        right = x > 0.6  # near the right edge: the label goes to the left of the point
        ax.annotate(p.name, (p.intensity, p.ops_per_second / 1e12), textcoords="offset points",
                    xytext=(-8 if right else 8, -14 - 12 * k), ha="right" if right else "left", fontsize=8,
                    color=dot.get_color(), bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.8})
        if p.link_ops_per_second:
            ax.axhline(p.link_ops_per_second / 1e12, color=dot.get_color(), linestyle="--", linewidth=0.8,
                       label=f"host link bound of {p.name.split(' (')[0]}: {p.link_ops_per_second / 1e12:.3g} TOp/s")
    ax.set_xlabel("operational intensity (ops per off-chip byte)")
    ax.set_ylabel("TOp/s")
    ax.set_title(f"roofline of {utilization:.0%} of {device.name} ({clock:.4g} MHz, {device.dram_gbps:g} GB/s)")
    ax.grid(True, which="both", linewidth=0.3)
    ax.legend(fontsize=8, loc="lower right", framealpha=0.9)
    return fig


def _budget(report: dict) -> dict[str, float]:
    """The share of each resource the design may use: the report's fit
    budget (one for every resource)."""
    share = report.get("fit_utilization", DEFAULT_UTILIZATION)
    return dict.fromkeys(("lut", "ff", "bram18", "uram", "dsp"), share)


def resources_png(path: str | Path, report: dict) -> None:
    """A build's LUT, BRAM18, URAM and DSP, a panel each: a bar per compute
    layer (FIFOs and width converters summed into one; the engines of a
    multi-layer-offload design) and the total, in % of the device, with the
    budget the design must fit as a dashed line."""
    _save(resources_figure(report), path)


def resources_figure(report: dict):
    """The figure of :func:`resources_png`."""
    from finnr.models.devices import get_device

    plt = _pyplot()
    device = get_device(report["device"])
    if report.get("arch") == "offload":
        rows, glue = report["engines"], []
    else:
        rows = [r for r in report["layers"] if r["kind"] not in ("fifo", "dwc")]
        glue = [r for r in report["layers"] if r["kind"] in ("fifo", "dwc")]
    names = ["total"] + [r["name"] for r in rows] + (["FIFOs + DWCs"] if glue else [])
    budget = _budget(report)
    fig, axes = plt.subplots(1, len(PANELS), figsize=(15, 0.3 * len(names) + 2.2), dpi=110, sharey=True,
                             layout="constrained")
    for ax, (key, label, color) in zip(axes, PANELS):
        avail = device.resources()[key]
        values = [report["total"][key]] + [r[key] for r in rows] + ([sum(r[key] for r in glue)] if glue else [])
        ax.grid(True, axis="x", linewidth=0.3)
        if not avail:
            ax.set_xlabel(f"{device.name} has no {label}")
            ax.set_title(f"{label}: {values[0]:,.0f} used, none on the device", fontsize=10,
                         color="black" if values[0] == 0 else "tab:red")
            ax.set_xlim(0, 100)
            continue
        ax.set_xlabel(f"% of {device.name}'s {avail:,} {label}")
        pct = [100 * v / avail for v in values]
        ax.barh([0], pct[:1], color=color, edgecolor="black", linewidth=1.2)  # the total
        ax.barh(range(1, len(names)), pct[1:], color=color, alpha=0.75)
        limit = 100 * budget[key]
        ax.axvline(limit, color="black", linestyle="--", linewidth=1)
        right = max(pct[0], limit) * 1.22
        ax.set_xlim(0, right)
        ax.text(limit, -0.9, f" budget {limit:g}%", fontsize=7, va="center", ha="right" if limit > 0.8 * right else "left")
        inside = pct[0] > 0.6 * right  # the total's value inside its bar when the bar is long
        ax.text(pct[0] if not inside else pct[0] * 0.98, 0, f" {values[0]:,.0f} ({pct[0]:.1f}%) ", fontsize=7, va="center",
                ha="right" if inside else "left", color="white" if inside else "black", fontweight="bold")
        ax.set_title(f"{label}: {pct[0]:.1f}% used", fontsize=10, color="black" if pct[0] <= limit + 1e-9 else "tab:red")
    axes[0].set_yticks(range(len(names)), names, fontsize=7)
    axes[0].get_yticklabels()[0].set_fontweight("bold")
    axes[0].set_ylim(len(names) - 0.5, -1.5)  # top to bottom, a row above the total for the budget labels
    bottleneck = f" (bottleneck {report['bottleneck']})" if report.get("bottleneck") else ""
    fig.suptitle(f"{report['fps']:,.0f} FPS on {device.name} at {report['clock_mhz']:.4g} MHz{bottleneck}; "
                 f"fits: {'yes' if report['fits'] else 'NO'}", fontsize=10)
    return fig
