"""``finnr devices``: the device database, as a table or as JSON (the form
``--device FILE.json`` reads, :mod:`finnr.models.devices`)."""

from __future__ import annotations

import argparse
import json

from finnr.diagnostics import FinnrError


def run(args: argparse.Namespace) -> int:
    from finnr.models.devices import DEVICES, device_to_json, get_device

    try:
        devices = [get_device(n) for n in args.names] if args.names else list(DEVICES.values())
    except KeyError as e:
        raise FinnrError(str(e.args[0])) from None
    if args.json:
        data = [device_to_json(d) for d in devices]
        print(json.dumps(data[0] if len(args.names) == 1 else data, indent=2))
        return 0
    nw = max(len(d.name) for d in devices) + 2
    print(f"{'name':<{nw}}{'part':<22}{'family':<20}{'LUT':>10}{'FF':>11}{'BRAM18':>8}{'URAM':>6}{'DSP':>7}{'MHz':>6}"
          f"{'GB/s':>7}{'link GB/s':>11}")
    for d in devices:
        print(f"{d.name:<{nw}}{d.part:<22}{d.family:<20}{d.lut:>10,}{d.ff:>11,}{d.bram18:>8,}{d.uram:>6,}{d.dsp:>7,}"
              f"{d.clock_mhz:>6.0f}{d.dram_gbps:>7.1f}{min(d.link_in, d.link_out) / 1e9:>11.4g}")
    return 0


def add_parser(sub) -> None:
    p = sub.add_parser("devices", help="list the devices finnr knows (--json: the form --device FILE.json reads)",
                       description="List the device database: part, family, resources, default clock, off-chip "
                       "bandwidth and host link. With --json, the devices as JSON; one named device prints as "
                       "the JSON object that `--device FILE.json` reads, e.g. `finnr devices pynq-z1 --json > "
                       "my_board.json` as a start for a board of one's own.")
    p.add_argument("names", nargs="*", metavar="DEVICE", help="only these devices (names or .json files)")
    p.add_argument("--json", action="store_true", help="print JSON: a list, or one object for one DEVICE")
    p.set_defaults(fn=run)
