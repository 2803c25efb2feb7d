"""``finnr devices``: the device database."""

from __future__ import annotations

import argparse


def run(args: argparse.Namespace) -> int:
    from finnr.models.devices import DEVICES

    print(f"{'name':<10}{'part':<22}{'LUT':>10}{'FF':>11}{'BRAM18':>8}{'URAM':>6}{'DSP':>7}{'MHz':>6}{'GB/s':>7}")
    for d in DEVICES.values():
        print(f"{d.name:<10}{d.part:<22}{d.lut:>10,}{d.ff:>11,}{d.bram18:>8,}{d.uram:>6,}{d.dsp:>7,}{d.clock_mhz:>6.0f}{d.dram_gbps:>7.1f}")
    return 0


def add_parser(sub) -> None:
    p = sub.add_parser("devices", help="list the devices finnr knows", description="List the device database.")
    p.set_defaults(fn=run)
