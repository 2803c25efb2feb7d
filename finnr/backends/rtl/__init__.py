"""The ``rtl`` target: finnr's own synthesizable Verilog of a folded
dataflow partition (``finnr-opt -t rtl``, ``finnr build --backend rtl``).

What it is made of, and why
---------------------------
A hand-written library of parametrized Verilog-2005 engines, shipped as
package data in ``finnr/backends/rtl/lib`` — ``finnr_mvau`` (XNOR-popcount
for bipolar x bipolar, exact integer multiply-accumulate for 1-8 bit and
mixed bipolar/integer operands, thresholds or pass-through), ``finnr_vvau``
(the depthwise dot products, as the MVAU), ``finnr_thresholding``,
``finnr_window`` (the sliding window unit and, with ``POOL=1``, max
pooling), ``finnr_pad``, ``finnr_label_select``, ``finnr_dwc``,
``finnr_fifo``, ``finnr_duplicate`` (a stream fork),
``finnr_add_streams`` (the residual join), ``finnr_concat`` (the channel
join), ``finnr_upsample`` (nearest neighbour, a row buffer) and
``finnr_depth_to_space`` (ping-pong row buffers, banked for either channel
order) and their parts (``finnr_dot``,
``finnr_act``, ``finnr_rom``) — plus a generated part: one wrapper module
per layer that binds every parameter of its engine (dimensions, PE/SIMD,
datatypes, accumulator and threshold widths, the ROM file names), ROM files of the
weights and thresholds (``$readmemh``, bare file names: tools run in the rtl
directory), and one top module that connects the layers by AXI-Stream
(TDATA/TVALID/TREADY; the top's TDATA padded to bytes, element 0 in the
low bits), one stream per value. A layer module has one bundle per stream:
``in``/``out``, or ``in0``, ``in1``, ... where a layer has several
(add_streams' and concat's operands, duplicate's results); an engine with several
streams on a side takes them concatenated, the first in the low bits.

We chose this over lowering through xDSL's CIRCT-compatible ``hw``/``comb``/
``seq`` dialects because xDSL 0.74 has those dialects but no Verilog
emitter (CIRCT's ExportVerilog is not part of it), so that route means
writing an emitter and expressing every engine's datapath, counters and
handshakes as IR before a single layer simulates; the engines are a few
hundred lines of ordinary, reviewable Verilog that Verilator and yosys
accept as they are. What depends on the network — the parameters, the
ROM contents, the stream widths and the wiring — is generated here from the
IR (:mod:`finnr.backends.rtl.design`), and that text is what the FileCheck
tests (``tests/filecheck/backends/rtl*.mlir``) check; the engines are checked
by running them (Verilator simulation bit-exact with the interpreter, and
cycle counts against the cost model).

Every engine runs at one fold per cycle (II=1) with stall-all pipelines
(the VVAU's accumulate and emit sides stall apart, a duplicate's outputs
take a beat each on their own; depth-to-space fills its first row before
its output starts, a row's time more per frame), so its cycles per frame are the cost
model's (:mod:`finnr.models.cost`), and
exposes a ``busy`` signal (a cycle of work) that ``finnr rtlsim`` counts.

Every identifier is one that the ``legalize-names`` pass wrote into the IR
(:mod:`finnr.names`: never a Verilog/SystemVerilog keyword or a library
module's name); :func:`~finnr.backends.rtl.design.designs` runs it on a
module that lacks them.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from xdsl.context import Context
from xdsl.dialects.builtin import ModuleOp
from xdsl.utils.target import Target

from finnr import __version__
from finnr.backends.rtl.design import Design, Layer, Packed, designs
from finnr.backends.verilog import _range, padded
from finnr.diagnostics import FinnrError

LIB_DIR = Path(__file__).parent / "lib"
MANIFEST = "manifest.json"


def _ports(inputs: list[tuple[str, int]], outputs: list[tuple[str, int]]) -> list[str]:
    """The clock, reset and one AXI-Stream bundle per (name, width)."""
    lines = ["  input  wire ap_clk,", "  input  wire ap_rst_n,"]
    for b, w in inputs:
        lines += [f"  input  wire {_range(w)}{b}_tdata,", f"  input  wire {b}_tvalid,", f"  output wire {b}_tready,"]
    for b, w in outputs:
        lines += [f"  output wire {_range(w)}{b}_tdata,", f"  output wire {b}_tvalid,", f"  input  wire {b}_tready,"]
    lines[-1] = lines[-1].rstrip(",")
    return lines


def _concat(bundles: list[str], signal: str) -> str:
    """The signal of several bundles as one concatenation, the first in the
    low bits (a single bundle's signal as it is)."""
    names = [f"{b}_{signal}" for b in reversed(bundles)]
    return names[0] if len(names) == 1 else "{" + ", ".join(names) + "}"


def _connect(port: str, bundles: list[str]) -> str:
    """``.port_tdata(...), .port_tvalid(...), .port_tready(...)`` of an
    engine or layer port driven by the streams ``bundles`` (several:
    concatenated, the first in the low bits)."""
    return ", ".join(f".{port}_{s}({_concat(bundles, s)})" for s in ("tdata", "tvalid", "tready"))


def _param(value) -> str:
    if isinstance(value, Packed):
        return value.verilog()
    return f'"{value}"' if isinstance(value, str) else str(int(value))


def layer_module(layer: Layer) -> str:
    """The wrapper module of one layer: its engine with every parameter
    bound, synthesizable on its own (with the library files and ROM files
    it names)."""
    pe, simd = layer.folding()
    fold = ", ".join(f"{k} {v}" for k, v in (("PE", pe), ("SIMD", simd)) if v is not None)
    params = {**layer.params, **{k: v for rom in layer.roms
                                 for k, v in ((rom.param, rom.file), (f"{rom.param}_BANK", rom.bank))}}
    plist = ",\n".join(f"    .{k}({_param(v)})" for k, v in params.items())
    lines = [
        f"// Generated by finnr {__version__} (rtl target): layer {layer.ir_name} ({layer.op.name})"
        + (f", {fold}" if fold else "") + ".",
        *(f"// ROM {rom.file}: {len(rom.words)} words of {rom.width} bits" for rom in layer.roms),
        "`default_nettype none",
        f"module {layer.module} (",
        *_ports(layer.inputs, layer.outputs),
        ");",
        "  // the layer's own registered copy of the reset: its fanout stays within the layer",
        "  // (kept: yosys would merge the layers' identical copies into one)",
        "  reg rst_n_q;",
        "  (* keep *) always @(posedge ap_clk) rst_n_q <= ap_rst_n;",
        f"  {layer.engine} #(",
        plist,
        "  ) u (",
        "    .ap_clk(ap_clk), .ap_rst_n(rst_n_q),",
        f"    {_connect('in', [b for b, _ in layer.inputs])},",
        f"    {_connect('out', [b for b, _ in layer.outputs])});",
        "endmodule",
        "`default_nettype wire",
        "",
    ]
    return "\n".join(lines)


def top_module(design: Design) -> str:
    """The top: AXI-Stream ports (TDATA padded to bytes), one wire bundle
    per stream, one instance per layer."""
    decl = _ports([(s.port, padded(s.width)) for s in design.inputs], [(s.port, padded(s.width)) for s in design.outputs])
    body: list[str] = []
    for s in design.streams.values():
        body += [f"  // stream {s.name}: {s.elems} x {s.element} per beat",
                 f"  wire {_range(s.width)}{s.name}_tdata;", f"  wire {s.name}_tvalid;", f"  wire {s.name}_tready;"]
    for s in design.inputs:
        body += [f"  assign {s.name}_tdata = {s.port}_tdata[{s.width - 1}:0];",
                 f"  assign {s.name}_tvalid = {s.port}_tvalid;", f"  assign {s.port}_tready = {s.name}_tready;"]
    for s in design.outputs:
        pad = padded(s.width) - s.width
        data = f"{{{pad}'d0, {s.name}_tdata}}" if pad else f"{s.name}_tdata"
        body += [f"  assign {s.port}_tdata = {data};", f"  assign {s.port}_tvalid = {s.name}_tvalid;",
                 f"  assign {s.name}_tready = {s.port}_tready;"]
    for layer in design.layers:
        ports = [(b, design.streams[v].name) for (b, _), v in zip(layer.inputs, layer.op.operands)]
        ports += [(b, design.streams[v].name) for (b, _), v in zip(layer.outputs, layer.op.results)]
        body += [
            f"  // {layer.ir_name}: {layer.op.name}",
            f"  {layer.module} {layer.instance} (",
            "    .ap_clk(ap_clk), .ap_rst_n(ap_rst_n),",
            *(f"    {_connect(b, [s])}," for b, s in ports),
        ]
        body[-1] = body[-1][:-1] + ");"
    lines = [
        f"// Generated by finnr {__version__} (rtl target): top of the dataflow partition "
        f"'{design.top}', {len(design.layers)} layer(s).",
        "// AXI-Stream ports: TDATA padded to whole bytes, element 0 in the least-significant bits.",
        "`default_nettype none",
        "/* verilator lint_off UNUSEDSIGNAL */",
        f"module {design.top} (",
        *decl,
        ");",
        *body,
        "endmodule",
        "/* verilator lint_on UNUSEDSIGNAL */",
        "`default_nettype wire",
        "",
    ]
    return "\n".join(lines)


def emit_rtl(module: ModuleOp) -> str:
    """The generated Verilog of every partition: the top, then the layer
    modules (the library and ROM files are not printed)."""
    parts = []
    for d in designs(module):
        parts.append(top_module(d))
        parts.extend(layer_module(layer) for layer in d.layers)
    return "\n".join(parts)


def write_rtl_project(module: ModuleOp, directory: str | Path, clock_mhz: float,
                      fifo_depths: dict[str, int] | None = None, device: str | None = None) -> dict:
    """Write the RTL of every partition of the module into ``directory``
    (one top per partition, layer module names unique across them) and
    ``manifest.json``: ``partitions`` (each its top, files and layer
    modules, in the order the host calls them), ``files`` and ``layers`` of
    all of them, and ``top`` when there is one partition; returns the
    manifest. For a ``device`` with board facts (the ECP5 boards) also the
    board shell (:mod:`finnr.backends.rtl.board`: ``board_top.v`` and
    ``<device>.lpf``), described by the manifest's ``board``, or ``board``
    ``{"error": why}`` when the board or the design cannot have one."""
    ds = designs(module, fifo_depths)
    if not ds:
        raise FinnrError("rtl: the module holds no dataflow.partition")
    parts = [_write_files(d, directory) for d in ds]
    files = list(dict.fromkeys(f for p in parts for f in p["files"]))
    manifest = {
        **({"top": parts[0]["top"]} if len(parts) == 1 else {}),
        "files": files,
        "clock_mhz": float(clock_mhz),
        "partitions": [{k: p[k] for k in ("top", "files")} | {"layers": [l["module"] for l in p["layers"]]}
                       for p in parts],
        "layers": [l for p in parts for l in p["layers"]],
    }
    board = _board(ds, directory, device, clock_mhz)
    if board is not None:
        manifest["board"] = board
    (Path(directory) / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n")
    return manifest


def _board(ds: list[Design], directory: str | Path, device: str | None, clock_mhz: float) -> dict | None:
    """The board shell of a device with board facts (None without them)."""
    from finnr.backends.rtl.board import write_board
    from finnr.models.devices import get_board

    if device is None or get_board(device) is None:
        return None
    if len(ds) != 1:
        return {"error": f"the board shell streams one accelerator; the module has {len(ds)} partitions "
                         "(host code between them)"}
    try:
        return write_board(ds[0], directory, device, clock_mhz)
    except FinnrError as e:
        return {"error": e.message}


def write_design(design: Design, directory: str | Path, clock_mhz: float) -> dict:
    """Write a partition's RTL into ``directory``: the library files it
    uses, one file per layer module, the top, the ROM files and
    ``manifest.json``; returns the manifest."""
    manifest = {"clock_mhz": float(clock_mhz), **_write_files(design, directory)}
    (Path(directory) / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n")
    return manifest


def _write_files(design: Design, directory: str | Path) -> dict:
    """Write a partition's files; its top, files and layers."""
    d = Path(directory)
    d.mkdir(parents=True, exist_ok=True)
    for layer in design.layers:
        for f in layer.files:
            shutil.copyfile(LIB_DIR / f, d / f)
        (d / f"{layer.module}.v").write_text(layer_module(layer))
        for rom in layer.roms:
            for name, words in rom.files():
                (d / name).write_text("\n".join(words) + "\n")
    (d / f"{design.top}.v").write_text(top_module(design))
    return {
        "top": design.top,
        "files": design.files(),
        "layers": [
            {
                "name": layer.name,
                "op": layer.kind,
                "module": layer.module,
                "files": [*layer.files, f"{layer.module}.v"],
                "pe": layer.folding()[0],
                "simd": layer.folding()[1],
                "ir_name": layer.ir_name,
            }
            for layer in design.layers
        ],
    }


@dataclass(frozen=True)
class RtlTarget(Target):
    """finnr's own RTL of each dataflow.partition: the top and the layer modules (library engines with bound parameters)."""

    name = "rtl"

    def emit(self, ctx: Context, module: ModuleOp, output: IO[str]) -> None:
        output.write(emit_rtl(module))
