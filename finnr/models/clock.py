"""The clock every throughput figure assumes: the device's default clock
(``finnr devices``) unless the user gives one (``--clock-mhz``)."""

from __future__ import annotations

import math

from finnr.diagnostics import FinnrError


def check_clock(value: float | None, name: str = "--clock-mhz") -> None:
    """A clock must be a finite number of MHz above 0 (None: the default)."""
    if value is not None and not (isinstance(value, int | float) and math.isfinite(value) and value > 0):
        raise FinnrError(f"{name} must be a positive number of MHz, got {value:g}")


def clock_mhz(device, given: float | None = None, name: str = "--clock-mhz") -> float:
    """``given`` (checked), or the device's default clock."""
    check_clock(given, name)
    return float(device.clock_mhz if given is None else given)
