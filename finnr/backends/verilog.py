"""The ``verilog`` target: a Verilog-2001 AXI-Stream wrapper per ``hls.top``
that stitches the Vitis HLS cores of the ``hls-cpp`` target into one
accelerator, and a file of pass-through stub cores so that the wrapper lints
and simulates without Vitis HLS.

For an ``hls.top @NAME`` the wrapper is the module ``NAME_top``::

    module NAME_top (
      input  wire ap_clk, input wire ap_rst_n,
      input  wire [W-1:0] s_axis_<in>_tdata,  input wire s_axis_<in>_tvalid,  output wire s_axis_<in>_tready,
      output wire [W-1:0] m_axis_<out>_tdata, output wire m_axis_<out>_tvalid, input wire m_axis_<out>_tready);

``<in>``/``<out>`` are the port names of the C++ top function, ``W`` the
stream's beat width padded up to a multiple of 8 (element 0 in the
least-significant bits, as the C++ packs it; the padding bits are zero).

Every ``hls.kernel`` becomes an instance of the module Vitis HLS makes of its
C++ function ``f`` (``#pragma HLS INTERFACE axis`` ports, ``ap_ctrl_none``,
synthesized out of context by ``kernels/f.tcl``): module ``f`` with ports
``ap_clk``, ``ap_rst_n`` and ``in<i>_TDATA/TVALID/TREADY``,
``out<j>_TDATA/TVALID/TREADY`` (TDATA padded to bytes, as Vitis HLS does).
Every ``hls.stream`` becomes an instance of the wrapper's AXI-Stream FIFO
(``NAME_axis_fifo``, the stream's depth). The ports of the top connect
straight to the cores that read or write them. Width conversion is a kernel
of its own (``dwc``) in the hls IR, so both ends of a channel always have the
same width and no converter is needed between cores.

Every identifier is one that the ``legalize-names`` pass wrote into the IR
(:mod:`finnr.names`; the printer runs it on a module that lacks them): core
names and their ports are those of the C++ functions (so they match the
synthesized cores), the wrapper's own names never take a Verilog or
SystemVerilog keyword; port signals are those names with fixed suffixes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import IO

from xdsl.context import Context
from xdsl.dialects.builtin import ModuleOp
from xdsl.ir import SSAValue
from xdsl.utils.target import Target

from finnr import __version__
from finnr.diagnostics import FinnrError
from finnr.dialects import hls
from finnr.names import VERILOG_KEYWORDS, name_of, names_of

_AXIS = ("tdata", "tvalid", "tready")


def _comment(text: str) -> str:
    """``text`` safe inside a ``//`` comment: control characters and
    non-ASCII escaped (``\\n``), so a name from hand-written IR cannot end
    the comment."""
    return text.encode("unicode_escape").decode("ascii")


def padded(width: int) -> int:
    """An AXI-Stream TDATA width: ``width`` bits padded up to whole bytes."""
    return (width + 7) // 8 * 8


def _range(width: int) -> str:
    return f"[{width - 1}:0] "


@dataclass
class _Port:
    """One AXI-Stream port of a core: its name (``in0``), real and padded
    widths."""

    name: str
    width: int

    @property
    def tdata_width(self) -> int:
        return padded(self.width)


class VerilogPrinter:
    """Prints the Verilog of the hls.top ops of a module (wrappers and stub
    cores), with the names of the C++ printer."""

    def __init__(self, module: ModuleOp):
        from finnr.backends.hls_cpp.printer import CppPrinter

        cpp = self.cpp = CppPrinter(module)  # runs legalize-names when the names are missing
        self.tops = cpp.tops
        self.top_names = cpp.top_names
        self.kernel_names = cpp.kernel_names
        for name in (*self.top_names.values(), *self.kernel_names.values()):
            if name.lower() in VERILOG_KEYWORDS:
                raise FinnrError(
                    f"verilog: the HLS function '{name}' is a Verilog keyword; rename the layer"
                )
        self.wrapper_names = {top: name_of(top, "finnr.verilog_name") for top in self.tops}
        self.fifo_names = {top: name_of(top, "finnr.verilog_fifo") for top in self.tops}

    # -- names of the cores' ports --

    def core_ports(self, op: hls.KernelOp) -> tuple[list[_Port], list[_Port]]:
        """The AXI-Stream ports of the core of ``op``, named as in its C++
        function (``in0``..., ``out0``...)."""
        names = names_of(op, "finnr.cpp_ports")
        n_in = len(op.ins)
        ins = [_Port(n, v.type.width) for n, v in zip(names[:n_in], op.ins)]
        outs = [_Port(n, v.type.width) for n, v in zip(names[n_in:], op.outs)]
        return ins, outs

    def top_ports(self, top: hls.TopOp) -> dict[SSAValue, str]:
        """The port names of the C++ top function."""
        return dict(zip((*top.inputs, *top.outputs), names_of(top, "finnr.cpp_ports")))

    # -- the wrapper --

    def wrapper(self, top: hls.TopOp) -> str:
        name = self.wrapper_names[top]
        fifo = self.fifo_names[top]
        bundles = dict(zip((*top.inputs, *top.outputs), names_of(top, "finnr.verilog_ports")))
        # channel -> (tdata, tvalid, tready) signal names, producer and consumer side
        prod: dict[SSAValue, tuple[str, str, str]] = {}
        cons: dict[SSAValue, tuple[str, str, str]] = {}
        decl = ["  input  wire ap_clk,", "  input  wire ap_rst_n,"]
        for v in top.inputs:
            b = bundles[v]
            cons[v] = (f"{b}_tdata", f"{b}_tvalid", f"{b}_tready")
            w = padded(v.type.width)
            decl += [f"  input  wire {_range(w)}{b}_tdata,", f"  input  wire {b}_tvalid,",
                     f"  output wire {b}_tready,"]
        for v in top.outputs:
            b = bundles[v]
            prod[v] = (f"{b}_tdata", f"{b}_tvalid", f"{b}_tready")
            w = padded(v.type.width)
            decl += [f"  output wire {_range(w)}{b}_tdata,", f"  output wire {b}_tvalid,",
                     f"  input  wire {b}_tready,"]
        decl[-1] = decl[-1].rstrip(",")
        kernels = [op for op in top.body_block.ops if isinstance(op, hls.KernelOp)]
        streams = [op for op in top.body_block.ops if isinstance(op, hls.StreamOp)]
        body: list[str] = []
        fifos: list[str] = []
        for op in streams:
            cname = name_of(op, "finnr.cpp_name")  # the C++ stream's name, for the comment
            w = padded(op.result.type.width)
            pb, cb = names_of(op, "finnr.verilog_wires")
            prod[op.result] = tuple(f"{pb}_{s}" for s in _AXIS)
            cons[op.result] = tuple(f"{cb}_{s}" for s in _AXIS)
            depth = op.depth.value.data
            body.append(f"  // stream {cname}: {op.result.type.width} bits, depth {depth}")
            for b in (pb, cb):
                body.append(f"  wire {_range(w)}{b}_tdata;")
                body.append(f"  wire {b}_tvalid;")
                body.append(f"  wire {b}_tready;")
            inst = name_of(op, "finnr.verilog_inst")
            aw = max(1, (depth - 1).bit_length())
            fifos += [
                f"  {fifo} #(.WIDTH({w}), .DEPTH({depth}), .AW({aw})) {inst} (",
                "    .ap_clk(ap_clk), .ap_rst_n(ap_rst_n),",
                f"    .s_tdata({pb}_tdata), .s_tvalid({pb}_tvalid), .s_tready({pb}_tready),",
                f"    .m_tdata({cb}_tdata), .m_tvalid({cb}_tvalid), .m_tready({cb}_tready)",
                "  );",
            ]
        cores: list[str] = []
        for op in kernels:
            core = self.kernel_names[op]
            inst = name_of(op, "finnr.verilog_inst")
            ins, outs = self.core_ports(op)
            conns = ["    .ap_clk(ap_clk)", "    .ap_rst_n(ap_rst_n)"]
            for p, v in zip(ins, op.ins):
                d, vl, r = cons[v]
                conns += [f"    .{p.name}_TDATA({d})", f"    .{p.name}_TVALID({vl})", f"    .{p.name}_TREADY({r})"]
            for p, v in zip(outs, op.outs):
                d, vl, r = prod[v]
                conns += [f"    .{p.name}_TDATA({d})", f"    .{p.name}_TVALID({vl})", f"    .{p.name}_TREADY({r})"]
            cores.append(f"  // kernel {op.kernel.data}: {_comment(op.instance.data)}")
            cores.append(f"  {core} {inst} (")
            cores.append(",\n".join(conns))
            cores.append("  );")
        lines = [
            f"// Generated by finnr {__version__} (verilog target): AXI-Stream wrapper of @{self.top_names[top]}.",
            f"// {len(kernels)} Vitis HLS core(s) (the functions of hls/{self.cpp.project_name}.cpp,",
            "// synthesized by hls/kernels/*.tcl) and one FIFO per internal stream.",
            "// TDATA: beats padded to whole bytes, element 0 in the least-significant bits.",
            "`timescale 1ns / 1ps",
            "`default_nettype none",
            "// one file holds the wrapper and its FIFO module",
            "/* verilator lint_off DECLFILENAME */",
            "",
            f"module {name} (",
            *decl,
            ");",
            *body,
            "",
            *fifos,
            "",
            *cores,
            "endmodule",
            "",
            self.fifo_module(fifo),
            "/* verilator lint_on DECLFILENAME */",
            "`default_nettype wire",
            "",
        ]
        return "\n".join(lines)

    def fifo_module(self, name: str) -> str:
        """A synthesizable AXI-Stream FIFO of DEPTH beats (DEPTH <= 2**AW):
        registered TREADY/TVALID, distributed-RAM storage."""
        return f"""// AXI-Stream FIFO: DEPTH beats of WIDTH bits (DEPTH <= 2**AW).
module {name} #(
  parameter integer WIDTH = 8,
  parameter integer DEPTH = 2,
  parameter integer AW = 1
) (
  input  wire ap_clk,
  input  wire ap_rst_n,
  input  wire [WIDTH-1:0] s_tdata,
  input  wire s_tvalid,
  output wire s_tready,
  output wire [WIDTH-1:0] m_tdata,
  output wire m_tvalid,
  input  wire m_tready
);
  localparam [AW:0] FULL = DEPTH[AW:0];
  localparam integer LAST_INDEX = DEPTH - 1;
  localparam [AW-1:0] LAST = LAST_INDEX[AW-1:0];
  reg [WIDTH-1:0] mem [0:DEPTH-1];
  reg [AW-1:0] wptr;
  reg [AW-1:0] rptr;
  reg [AW:0] count;
  reg not_full;
  reg not_empty;
  wire push = s_tvalid & not_full;
  wire pop = m_tready & not_empty;
  wire [AW:0] count_next = push == pop ? count : (push ? count + 1'b1 : count - 1'b1);
  assign s_tready = not_full;
  assign m_tvalid = not_empty;
  assign m_tdata = mem[rptr];
  always @(posedge ap_clk) begin
    if (push) mem[wptr] <= s_tdata;
  end
  always @(posedge ap_clk) begin
    if (!ap_rst_n) begin
      wptr <= {{AW{{1'b0}}}};
      rptr <= {{AW{{1'b0}}}};
      count <= {{(AW+1){{1'b0}}}};
      not_full <= 1'b0;
      not_empty <= 1'b0;
    end else begin
      if (push) wptr <= wptr == LAST ? {{AW{{1'b0}}}} : wptr + 1'b1;
      if (pop) rptr <= rptr == LAST ? {{AW{{1'b0}}}} : rptr + 1'b1;
      count <= count_next;
      not_full <= count_next != FULL;
      not_empty <= count_next != {{(AW+1){{1'b0}}}};
    end
  end
endmodule
"""

    # -- stub cores --

    def stub(self, op: hls.KernelOp) -> str:
        """A stand-in for the Vitis HLS core of ``op`` with its module and
        port names: it takes one beat from every input (each into a register,
        TREADY low while it is held), then offers on every output the XOR of
        the input beats, each resized (truncated or zero-extended) to that
        output's width, and takes the next beats once every output has been
        accepted. With one input and one output it is a registered
        pass-through; ``duplicate`` copies, ``add_streams`` joins. Its
        signals are the legalized port names with fixed suffixes
        (``in0_have``, ``out0_q``, ``unused_in0``) and ``fire``."""
        core = self.kernel_names[op]
        ins, outs = self.core_ports(op)
        decl = ["  input  wire ap_clk,", "  input  wire ap_rst_n,"]
        for p in ins:
            decl += [f"  input  wire {_range(p.tdata_width)}{p.name}_TDATA,", f"  input  wire {p.name}_TVALID,",
                     f"  output wire {p.name}_TREADY,"]
        for p in outs:
            decl += [f"  output wire {_range(p.tdata_width)}{p.name}_TDATA,", f"  output wire {p.name}_TVALID,",
                     f"  input  wire {p.name}_TREADY,"]
        decl[-1] = decl[-1].rstrip(",")
        widest_out = max(p.width for p in outs)
        body: list[str] = []
        seq_reset: list[str] = []
        seq: list[str] = []
        data_seq: list[str] = []
        have, held = [], []
        for p in ins:
            keep = min(p.width, widest_out)
            h, q = f"{p.name}_have", f"{p.name}_q"
            have.append(h)
            held.append((q, keep))
            body += [f"  reg {h};", f"  reg {_range(keep)}{q};", f"  assign {p.name}_TREADY = !{h};"]
            if keep < p.tdata_width:
                u = f"unused_{p.name}"
                body.append(f"  wire {u} = &{{1'b0, {p.name}_TDATA[{p.tdata_width - 1}:{keep}], 1'b0}};")
            seq_reset.append(f"      {h} <= 1'b0;")
            seq.append(f"      if ({p.name}_TVALID && !{h}) {h} <= 1'b1;")
            data_seq.append(f"    if ({p.name}_TVALID && !{h}) {q} <= {p.name}_TDATA[{keep - 1}:0];")
        pend, results = [], []
        for p in outs:
            k, r = f"{p.name}_pending", f"{p.name}_q"
            pend.append(k)
            results.append(r)
            body += [f"  reg {k};", f"  reg {_range(p.width)}{r};", f"  assign {p.name}_TVALID = {k};"]
            if p.tdata_width > p.width:
                body.append(f"  assign {p.name}_TDATA = {{{{{p.tdata_width - p.width}{{1'b0}}}}, {r}}};")
            else:
                body.append(f"  assign {p.name}_TDATA = {r};")
            seq_reset.append(f"      {k} <= 1'b0;")
        fire = "fire"
        body.append(f"  wire {fire} = {' && '.join(have)} && !({' || '.join(pend)});")
        for h in have:
            seq.append(f"      if ({fire}) {h} <= 1'b0;")
        for p, k, r in zip(outs, pend, results):
            seq.append(f"      if ({fire}) {k} <= 1'b1;")
            seq.append(f"      else if ({p.name}_TREADY) {k} <= 1'b0;")
            terms = [_resize(q, keep, p.width) for q, keep in held]
            data_seq.append(f"    if ({fire}) {r} <= {' ^ '.join(terms)};")
        lines = [
            f"// stub of the Vitis HLS core {core} (kernel {op.kernel.data} \"{_comment(op.instance.data)}\")",
            f"module {core} (",
            *decl,
            ");",
            *body,
            "  always @(posedge ap_clk) begin",
            "    if (!ap_rst_n) begin",
            *seq_reset,
            "    end else begin",
            *seq,
            "    end",
            "  end",
            "  always @(posedge ap_clk) begin",
            *data_seq,
            "  end",
            "endmodule",
            "",
        ]
        return "\n".join(lines)

    def stubs(self, top: hls.TopOp) -> str:
        """The stub cores of a top's kernels (see :meth:`stub`)."""
        parts = [
            f"// Generated by finnr {__version__} (verilog target): stub cores of @{self.top_names[top]},",
            "// stand-ins for the Vitis HLS cores with their module and port names, so that",
            f"// {self.wrapper_names[top]} lints and simulates on its own. Do not synthesize them:",
            "// each core passes beats through (resized to the output width; several inputs",
            "// are joined by XOR, several outputs get copies), it does not compute the layer.",
            "`timescale 1ns / 1ps",
            "`default_nettype none",
            "/* verilator lint_off DECLFILENAME */",
            "",
        ]
        for op in top.body_block.ops:
            if isinstance(op, hls.KernelOp):
                parts.append(self.stub(op))
        parts.append("/* verilator lint_on DECLFILENAME */")
        parts.append("`default_nettype wire")
        parts.append("")
        return "\n".join(parts)

    def verilog(self) -> str:
        """The wrappers of every top of the module."""
        return "\n".join(self.wrapper(top) for top in self.tops)


def _resize(expr: str, width: int, to: int) -> str:
    if to == width:
        return expr
    if to < width:
        return f"{expr}[{to - 1}:0]"
    return f"{{{{{to - width}{{1'b0}}}}, {expr}}}"


def write_rtl(module: ModuleOp, directory) -> list:
    """Write ``TOP_top.v`` (the wrapper with its FIFO module) and
    ``TOP_stubs.v`` (stub cores) of every hls.top of ``module`` into
    ``directory``; returns the files written."""
    from pathlib import Path

    d = Path(directory)
    d.mkdir(parents=True, exist_ok=True)
    printer = VerilogPrinter(module)
    files = []
    for top in printer.tops:
        name = printer.top_names[top]
        for path, text in ((d / f"{printer.wrapper_names[top]}.v", printer.wrapper(top)),
                           (d / f"{name}_stubs.v", printer.stubs(top))):
            path.write_text(text)
            files.append(path)
    return files


@dataclass(frozen=True)
class VerilogTarget(Target):
    """The Verilog AXI-Stream wrapper of each hls.top (``NAME_top``) with its FIFOs; ``stubs=true`` prints the stub cores instead."""

    name = "verilog"

    stubs: bool = False

    def emit(self, ctx: Context, module: ModuleOp, output: IO[str]) -> None:
        printer = VerilogPrinter(module)
        if self.stubs:
            output.write("\n".join(printer.stubs(top) for top in printer.tops))
        else:
            output.write(printer.verilog())
