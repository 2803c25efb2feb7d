"""The plots a build writes, looked at by the machine: every label inside
the figure, design labels apart from each other, resources.png with a
panel per resource and the budget line the design must fit."""

from __future__ import annotations

import itertools

import pytest

from finnr.backends.plots import _budget, resources_figure, roofline_figure
from finnr.models.devices import get_device
from finnr.models.roofline import DesignPoint


def texts_inside_and_apart(fig, texts, within=None):
    """Whether the texts lie inside the figure (or the axes ``within``) and
    none overlaps another."""
    import matplotlib.pyplot as plt

    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    boxes = [t.get_window_extent(renderer) for t in texts if t.get_text().strip()]
    frame = fig.bbox if within is None else within.get_window_extent(renderer)
    plt.close(fig)
    inside = all(frame.x0 <= b.x0 and b.x1 <= frame.x1 and frame.y0 <= b.y0 and b.y1 <= frame.y1 for b in boxes)
    apart = not any(a.overlaps(b) for a, b in itertools.combinations(boxes, 2))
    return inside, apart


def test_roofline_labels_stay_inside_and_apart():
    # three designs close together at the right edge, one with a long name
    points = [DesignPoint("a_rather_long_model_name (123,456 FPS)", 7e5, 2e11, 5e12),
              DesignPoint("b (120,000 FPS)", 8e5, 2.1e11), DesignPoint("c (99,000 FPS)", 6e5, 1.9e11),
              DesignPoint("left (10 FPS)", 0.05, 1e8)]
    fig = roofline_figure(get_device("u280"), [(1, 1), (4, 4)], points)
    labels = [t for t in fig.axes[0].texts]
    assert len(labels) == 4
    assert texts_inside_and_apart(fig, labels, within=fig.axes[0]) == (True, True)


def report(share: float | None, **total) -> dict:
    layers = [{"name": f"MVAU_hls_{i}", "kind": "mvau", "lut": 1000 * (i + 1), "ff": 10, "bram18": 2 * i, "uram": 0,
               "dsp": i} for i in range(3)] + [{"name": "StreamingFIFO_rtl_0", "kind": "fifo", "lut": 50, "ff": 5,
                                                "bram18": 0, "uram": 0, "dsp": 0}]
    tot = {k: sum(r[k] for r in layers) for k in ("lut", "ff", "bram18", "uram", "dsp")}
    return {"arch": "dataflow", "device": "zcu104", "clock_mhz": 300.0, "fps": 1234.5, "fits": True,
            "bottleneck": "MVAU_hls_2", **({} if share is None else {"fit_utilization": share}), "layers": layers,
            "total": {**tot, **total}}


@pytest.mark.parametrize(("share", "lut", "bram"), [(0.7, 70, 70), (0.8, 80, 80), (None, 80, 80)])
def test_resource_panels_with_the_budget(share, lut, bram):
    """The dashed line is the report's fit budget (one share for every
    resource; the default where the report has none)."""
    assert _budget({} if share is None else {"fit_utilization": share})["lut"] * 100 == pytest.approx(lut)
    fig = resources_figure(report(share))
    axes = fig.axes
    assert [ax.get_title().split(":")[0] for ax in axes] == ["LUT", "BRAM18", "URAM", "DSP"]
    budget_lines = [[line.get_xdata()[0] for line in ax.get_lines()] for ax in axes]
    assert budget_lines[0] == [lut] and budget_lines[1] == [bram] and budget_lines[3] == [bram]
    rows = [t.get_text() for t in axes[0].get_yticklabels()]
    assert rows == ["total", "MVAU_hls_0", "MVAU_hls_1", "MVAU_hls_2", "FIFOs + DWCs"]
    assert any("6,050 (2.6%)" in t.get_text() for t in axes[0].texts)  # the total, in units and % of the device
    texts = [t for ax in axes for t in (*ax.texts, ax.title, ax.xaxis.label)] + [fig._suptitle]
    assert texts_inside_and_apart(fig, texts)[0]


def test_resources_of_an_offload_design_are_its_engines():
    r = report(0.8)
    r["arch"] = "offload"
    r["engines"] = [{"name": "mvau_engine", "lut": 5000, "ff": 1, "bram18": 4, "uram": 0, "dsp": 0}]
    fig = resources_figure(r)
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == ["total", "mvau_engine"]
