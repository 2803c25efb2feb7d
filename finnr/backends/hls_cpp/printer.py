"""The C++ text of hls IR: the top file (one function per kernel instance,
with its ROMs, and one ``#pragma HLS DATAFLOW`` top function per
``hls.top``), the C-simulation testbench and the Vitis HLS Tcl scripts.

The printer only reads the hls IR. Every identifier it writes is one that
the ``legalize-names`` pass wrote into the IR (:mod:`finnr.names`; the
printer runs it on a module that lacks them): top and instance functions
are global names, ports, streams and ROMs are local to the function that
declares them, and none of them can be a C++ keyword, a macro of the ap_int
headers or a name of the kernel library."""

from __future__ import annotations

import math

import numpy as np
from xdsl.dialects.builtin import IntegerAttr, ModuleOp
from xdsl.ir import Attribute, SSAValue

from finnr import __version__
from finnr.diagnostics import FinnrError
from finnr.dialects import datatypes as dt
from finnr.dialects import hls
from finnr.hw import pack_rom
from finnr.names import ensure_legal, name_of, names_of

MAX_AP_WIDTH = 32768
"""The widest ap_uint the ap_int headers allow (AP_INT_MAX_W)."""

_BIND_IMPL = {"block": "bram", "distributed": "lutram", "ultra": "uram"}


# --- datatypes and ROM words -------------------------------------------------


def cpp_type(t: Attribute, where: str) -> str:
    """The kernel library's tag type of a finnr datatype."""
    if isinstance(t, dt.IntType):
        return f"finnr::Int<{t.bitwidth}>"
    if isinstance(t, dt.UIntType):
        return f"finnr::UInt<{t.bitwidth}>"
    if isinstance(t, dt.BipolarType):
        return "finnr::Bipolar"
    if isinstance(t, dt.BinaryType):
        return "finnr::Binary"
    if isinstance(t, dt.TernaryType):
        return "finnr::Ternary"
    raise FinnrError(f"hls-cpp: {where} has datatype {t}; the HLS kernels handle integer datatypes only")


def stream_type(t: Attribute) -> str:
    assert isinstance(t, hls.StreamType)
    return f"hls::stream<ap_uint<{t.width}> >"


def _hex_lines(flat: np.ndarray, per_line: int = 16, indent: str = "    ") -> str:
    text = [hex(v) for v in flat.tolist()]
    return ",\n".join(indent + ", ".join(text[i : i + per_line]) for i in range(0, len(text), per_line))


# --- the module --------------------------------------------------------------


def _rom_of(v: SSAValue) -> hls.RomOp:
    owner = v.owner
    assert isinstance(owner, hls.RomOp)
    return owner


class CppPrinter:
    """Prints the hls.top ops of a module."""

    def __init__(self, module: ModuleOp):
        self.tops = [op for op in module.walk() if isinstance(op, hls.TopOp)]
        if not self.tops:
            raise FinnrError("hls-cpp: the module has no hls.top (run convert-dataflow-to-hls first)")
        ensure_legal(module)
        self.module = module
        self.top_names = {top: name_of(top, "finnr.cpp_name") for top in self.tops}
        self.kernel_names: dict[hls.KernelOp, str] = {
            op: name_of(op, "finnr.cpp_name")
            for top in self.tops for op in top.body_block.ops if isinstance(op, hls.KernelOp)
        }

    def template_args(self, op: hls.KernelOp) -> str:
        """The template arguments in the order of the kernel's schema
        (``hls.KERNELS``), its per-input parameters last; verified IR has
        every one of them."""
        args = []
        schema = hls.KERNELS[op.kernel.data]
        for key in (*schema.params, *schema.pack(len(op.ins))):
            value = op.params.data[key]
            if isinstance(value, IntegerAttr):
                args.append(str(value.value.data))
            else:
                args.append(cpp_type(value, f"kernel '{op.instance.data}' parameter {key}"))
        return ", ".join(args)

    # -- widths --

    def max_width(self) -> int:
        """The widest ap_uint the file needs: stream beats, ROM words and
        the kernels' internal words."""
        widest = 64
        for top in self.tops:
            for v in top.body_block.args:
                widest = max(widest, v.type.width)
            for op in top.body_block.ops:
                if isinstance(op, hls.StreamOp):
                    widest = max(widest, op.result.type.width)
                elif isinstance(op, hls.RomOp):
                    shape = op.value.get_shape()
                    widest = max(widest, shape[-1] * dt.bitwidth(op.element_type))
                elif isinstance(op, hls.KernelOp) and op.kernel.data == "dwc":
                    p = op.params.data
                    eb = dt.bitwidth(p["T"]) if "T" in p and dt.is_datatype(p["T"]) else 1
                    widest = max(widest, (op.int_param("IN") + op.int_param("OUT")) * eb)
        return widest

    def max_width_define(self) -> list[str]:
        """``#define AP_INT_MAX_W`` when an ap_uint is wider than the
        default 1024 bits (before ap_int.h is included)."""
        width = self.max_width()
        if width <= 1024:
            return []
        return ["#ifndef AP_INT_MAX_W", f"#define AP_INT_MAX_W {math.ceil(width / 1024) * 1024}", "#endif"]

    # -- text --

    def kernel_function(self, op: hls.KernelOp) -> str:
        fname = self.kernel_names[op]
        ports = names_of(op, "finnr.cpp_ports")
        params = [f"{stream_type(v.type)} &{n}" for v, n in zip((*op.ins, *op.outs), ports)]
        args = list(ports)
        lines = [
            f"// kernel {op.kernel.data}: {fname}",
            f"void {fname}({', '.join(params)}) {{",
        ]
        for n in ports:
            lines.append(f"#pragma HLS INTERFACE axis port={n}")
        lines.append("#pragma HLS INTERFACE ap_ctrl_none port=return")
        lines.append("#pragma HLS INLINE off")
        for v, n in zip(op.roms, names_of(op, "finnr.cpp_roms")):
            rom = _rom_of(v)
            args.append(n)
            lines.extend(self.rom_declaration(rom, n))
        kind = op.kernel.data
        lines.append(f"  finnr::{kind}<{self.template_args(op)}>({', '.join(args)});")
        lines.append("}")
        return "\n".join(lines)

    def rom_declaration(self, rom: hls.RomOp, name: str) -> list[str]:
        values = rom.numpy()
        a, b, k = values.shape
        limbs, lw = pack_rom(values, rom.element_type)
        bits = k * dt.bitwidth(rom.element_type)
        lines = [
            (f"  // {a} x {b} words of {k} x {dt.finn_name(rom.element_type)} ({bits} bits, "
             f"{limbs.shape[-1]} limb(s) of {lw})"),
            f"  static const finnr::rom_limb<{lw}>::type {name}[{a}][{b}][{limbs.shape[-1]}] = {{",
            _hex_lines(limbs.reshape(-1)),
            "  };",
        ]
        impl = _BIND_IMPL.get(rom.storage.data)
        if impl is not None:
            lines.append(f"#pragma HLS BIND_STORAGE variable={name} type=rom_2p impl={impl}")
        if a > 1:
            lines.append(f"#pragma HLS ARRAY_PARTITION variable={name} dim=1 complete")
        if limbs.shape[-1] > 1:
            lines.append(f"#pragma HLS ARRAY_PARTITION variable={name} dim=3 complete")
        return lines

    def top_function(self, top: hls.TopOp) -> str:
        names: dict[SSAValue, str] = dict(zip((*top.inputs, *top.outputs), names_of(top, "finnr.cpp_ports")))
        params = [f"{stream_type(v.type)} &{n}" for v, n in names.items()]
        fname = self.top_names[top]
        kernels = sum(isinstance(o, hls.KernelOp) for o in top.body_block.ops)
        lines = [
            f"// hls.top @{fname}: the accelerator, a dataflow region of {kernels} kernel(s)",
            f"void {fname}({', '.join(params)}) {{",
        ]
        for v in (*top.inputs, *top.outputs):
            lines.append(f"#pragma HLS INTERFACE axis port={names[v]}")
        lines.append("#pragma HLS INTERFACE ap_ctrl_none port=return")
        lines.append("#pragma HLS DATAFLOW")
        for op in top.body_block.ops:
            if isinstance(op, hls.StreamOp):
                n = names[op.result] = name_of(op, "finnr.cpp_name")
                lines.append(f"  {stream_type(op.result.type)} {n}(\"{n}\");")
                lines.append(f"#pragma HLS STREAM variable={n} depth={op.depth.value.data}")
        for op in top.body_block.ops:
            if isinstance(op, hls.KernelOp):
                args = [names[v] for v in (*op.ins, *op.outs)]
                lines.append(f"  {self.kernel_names[op]}({', '.join(args)});")
        lines.append("}")
        return "\n".join(lines)

    def prototype(self, top: hls.TopOp) -> str:
        params = [stream_type(v.type) + " &" for v in (*top.inputs, *top.outputs)]
        return f"void {self.top_names[top]}({', '.join(params)});"

    def cpp(self) -> str:
        """The top file: kernel instance functions and top functions."""
        width = self.max_width()
        if width > MAX_AP_WIDTH:
            raise FinnrError(
                f"hls-cpp: a stream or ROM word of {width} bits exceeds the {MAX_AP_WIDTH} bits "
                "ap_uint allows; fold the layers with smaller PE/SIMD"
            )
        parts = [
            f"// Generated by finnr {__version__} (hls-cpp target): "
            + ", ".join(f"@{n}" for n in self.top_names.values()) + ".",
            "// Vitis HLS C++: one function per kernel instance, called from the DATAFLOW top;",
            "// the kernels are finnr's header library (include/finnr/kernels.h).",
        ]
        parts += self.max_width_define()
        parts += ["#include <ap_int.h>", "#include <hls_stream.h>", "", '#include "finnr/kernels.h"', ""]
        for top in self.tops:
            for op in top.body_block.ops:
                if isinstance(op, hls.KernelOp):
                    parts.append(self.kernel_function(op))
                    parts.append("")
            parts.append(self.top_function(top))
            parts.append("")
        return "\n".join(parts)

    @property
    def project_name(self) -> str:
        """The base name of the project's files: the top's name, or
        ``accelerators`` when the module has several tops."""
        return name_of(self.module, "finnr.cpp_project")

    def testbench(self) -> str:
        """The C-simulation main of every top: TOP FRAMES, then one binary
        file of little-endian int64 element values per input port and per
        output port (frames one after the other, each in NHWC order)."""
        lines = [
            f"// Generated by finnr {__version__}: C-simulation testbench of "
            + ", ".join(f"@{n}" for n in self.top_names.values()) + ".",
            f"// usage: {self.project_name}_csim TOP FRAMES IN0.bin ... OUT0.bin ...",
            "// Files hold little-endian int64 element values, frames one after the other,",
            "// each frame in NHWC order. The top function runs once per frame.",
            "#include <cstdio>",
            "#include <cstdlib>",
            "#include <cstring>",
            *self.max_width_define(),
            "#include <ap_int.h>",
            "#include <hls_stream.h>",
            "",
            '#include "finnr/testbench.h"',
            "",
        ]
        runners = {top: name_of(top, "finnr.cpp_runner") for top in self.tops}
        for top in self.tops:
            lines.append(self.prototype(top))
        lines.append("")
        for top in self.tops:
            lines.extend(self.top_runner(top, runners[top]))
            lines.append("")
        lines += [
            "int main(int argc, char **argv) {",
            "  if (argc < 3) {",
            '    std::fprintf(stderr, "usage: %s TOP FRAMES IN0.bin ... OUT0.bin ...\\n", argv[0]);',
            "    return 2;",
            "  }",
        ]
        for top in self.tops:
            lines.append(f'  if (std::strcmp(argv[1], "{self.top_names[top]}") == 0) return {runners[top]}(argc, argv);')
        lines += ['  std::fprintf(stderr, "unknown top function %s\\n", argv[1]);', "  return 2;", "}", ""]
        return "\n".join(lines)

    def top_runner(self, top: hls.TopOp, runner: str) -> list[str]:
        ports = [*top.inputs, *top.outputs]
        names = names_of(top, "finnr.cpp_tb_ports")
        n_in = len(top.inputs)
        fname = self.top_names[top]
        usage = " ".join([f"IN{i}.bin" for i in range(n_in)] + [f"OUT{j}.bin" for j in range(len(top.outputs))])
        lines = [
            f"static int {runner}(int argc, char **argv) {{",
            f"  if (argc != {len(ports) + 3}) {{",
            f'    std::fprintf(stderr, "usage: %s {fname} FRAMES {usage}\\n", argv[0]);',
            "    return 2;",
            "  }",
            "  const unsigned long long frames = std::strtoull(argv[2], 0, 10);",
        ]
        for v, n in zip(ports, names):
            lines.append(f'  {stream_type(v.type)} {n}("{n}");')
        for i, (v, n) in enumerate(zip(top.inputs, names)):
            t = cpp_type(v.type.element_type, f"input port #{i}")
            lines.append(f'  finnr::tb::load<{t}, {v.type.elements}>(argv[{i + 3}], {n}, "{n}", frames);')
        call = f"{fname}({', '.join(names)})"
        lines.append(f"  finnr::tb::run_with_stack([&]() {{ for (unsigned long long f = 0; f < frames; f++) {call}; }});")
        for n in names[:n_in]:
            lines.append(f'  finnr::tb::expect_consumed({n}, "{n}");')
        for j, (v, n) in enumerate(zip(top.outputs, names[n_in:])):
            t = cpp_type(v.type.element_type, f"output port #{j}")
            lines.append(f'  finnr::tb::store<{t}, {v.type.elements}>(argv[{n_in + j + 3}], {n}, "{n}");')
        lines += ["  return 0;", "}"]
        return lines

    def tcl(self, top: hls.TopOp, part: str, clock_mhz: float, kernel: hls.KernelOp | None = None) -> str:
        """A Vitis HLS script synthesizing the top (or one kernel instance,
        out of context) and exporting it as an IP; run it from the hls
        directory: ``vitis_hls -f NAME.tcl``."""
        fname = self.top_names[top]
        target = self.kernel_names[kernel] if kernel is not None else fname
        what = f"kernel instance {target} of @{fname}" if kernel is not None else f"the accelerator @{fname}"
        lines = [
            f"# Generated by finnr {__version__}: Vitis HLS synthesis of {what}.",
            "# Run from the hls directory: vitis_hls -f " + (f"kernels/{target}.tcl" if kernel is not None else f"{fname}.tcl"),
            f"open_project -reset {target}_prj",
            f"set_top {target}",
            f'add_files {self.project_name}.cpp -cflags "-std=c++14 -I./include"',
        ]
        if kernel is None:
            lines.append(f'add_files -tb {self.project_name}_tb.cpp -cflags "-std=c++14 -I./include"')
        lines += [
            "open_solution -reset solution1 -flow_target vivado",
            f"set_part {{{part}}}",
            f"create_clock -period {1000.0 / clock_mhz:.3f} -name default",
            "csynth_design",
            "export_design -format ip_catalog -rtl verilog",
            "exit",
            "",
        ]
        return "\n".join(lines)


def emit_cpp(module: ModuleOp) -> str:
    """The C++ file of every hls.top of ``module``."""
    return CppPrinter(module).cpp()
