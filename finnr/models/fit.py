"""The one fit rule: a design fits a device when each of its resources
(LUT, FF, BRAM18, URAM, DSP) stays within the same share of the device,
the utilization budget (``finnr.defaults.DEFAULT_UTILIZATION`` unless the
user gives ``--utilization``), FIFOs and width converters included.

``--target-fps``, ``--maximize``, the report, ``finnr dse`` and the choice
of architecture all judge fit here, and nowhere else; what they judge of a
finished design is :func:`finnr.models.design.design_totals`."""

from __future__ import annotations

import math
from dataclasses import dataclass

from finnr.diagnostics import FinnrError

RESOURCES = ("lut", "ff", "bram18", "uram", "dsp")
"""The resources a budget covers, each on its own."""

NAMES = {"lut": "LUT", "ff": "FF", "bram18": "BRAM18", "uram": "URAM", "dsp": "DSP"}

TOLERANCE = 1e-9
"""Rounding slack of a comparison with the budget."""


class OverBudgetWarning(UserWarning):
    """A pass warns with this when the design it made does not fit; a flow
    that judges the finished design itself (``finnr build``) drops it."""


@dataclass(frozen=True)
class Overage:
    """One resource over its budget."""

    resource: str
    used: float
    budget: float
    available: int

    def __str__(self) -> str:
        return (f"{NAMES[self.resource]} {self.used:,.0f} used / {self.budget:,.0f} budget / "
                f"{self.available:,} available")

    def as_json(self) -> dict:
        return {"resource": self.resource, "used": round(self.used, 1), "budget": round(self.budget, 1),
                "available": self.available}


def check_utilization(value: float, name: str = "--utilization") -> None:
    """A budget is a share of the device in (0, 1]."""
    if not (math.isfinite(value) and 0 < value <= 1):
        raise FinnrError(f"{name} must be in (0, 1], got {value:g}")


def budget(device, utilization: float) -> dict[str, float]:
    """Each resource's budget: ``utilization`` of the device's."""
    return {r: utilization * n for r, n in device.resources().items() if r in RESOURCES}


def over(totals: dict[str, float], limit: dict[str, float]) -> list[str]:
    """The resources of ``totals`` above ``limit`` (a resource ``limit``
    does not name is unbounded)."""
    return [r for r in RESOURCES if r in limit and totals.get(r, 0.0) > limit[r] + TOLERANCE]


def fits(totals: dict[str, float], device, utilization: float) -> list[Overage]:
    """The resources of a design (``totals``) over ``utilization`` of
    ``device``: empty when it fits."""
    limit = budget(device, utilization)
    avail = device.resources()
    return [Overage(r, float(totals[r]), limit[r], avail[r]) for r in over(totals, limit)]


def rule(utilization: float) -> str:
    """The rule in words, as the reports print it."""
    return f"each of {', '.join(NAMES.values())} <= {utilization:.0%} of the device"


def verdict(overages: list[Overage]) -> str:
    """"yes", or "NO: <each over-budget resource>"."""
    return "yes" if not overages else "NO: " + "; ".join(map(str, overages))
