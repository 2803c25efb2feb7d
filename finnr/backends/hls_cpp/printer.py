"""The C++ text of hls IR: the top file (one function per kernel instance,
with its ROMs, and one ``#pragma HLS DATAFLOW`` top function per
``hls.top``), the C-simulation testbench and the Vitis HLS Tcl scripts.

The printer only reads the hls IR. Every identifier it writes comes from
:class:`finnr.names.Namer` (never straight from the IR): top and instance
functions are global names, ports, streams and ROMs are local to the
function that declares them, and none of them can be a C++ keyword, a macro
of the ap_int headers or a name of the kernel library."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
from xdsl.dialects.builtin import IntegerAttr, ModuleOp
from xdsl.ir import Attribute, SSAValue

from finnr import __version__
from finnr.diagnostics import FinnrError
from finnr.dialects import datatypes as dt
from finnr.dialects import hls
from finnr.hw import pack_rom
from finnr.names import Namer

_CPP_KEYWORDS = """
alignas alignof and and_eq asm atomic_cancel atomic_commit atomic_noexcept auto bitand bitor bool
break case catch char char8_t char16_t char32_t class compl concept const consteval constexpr
constinit const_cast continue co_await co_return co_yield decltype default delete do double
dynamic_cast else enum explicit export extern false float for friend goto if inline int long
mutable namespace new noexcept not not_eq nullptr operator or or_eq private protected public
reflexpr register reinterpret_cast requires return short signed sizeof static static_assert
static_cast struct switch synchronized template this thread_local throw true try typedef typeid
typename union unsigned using virtual void volatile wchar_t while xor xor_eq override final
import module restrict
""".split()

_LIBRARY_NAMES = """
main std hls finnr ap_int ap_uint ap_fixed ap_ufixed ap_range_ref ap_bit_ref ap_private ap_int_base
ap_fixed_base ap_bigint ap_biguint stream size_t int8_t int16_t int32_t int64_t uint8_t uint16_t
uint32_t uint64_t printf fprintf sprintf puts abort exit malloc free memcpy memset strtoull strtol
atoi stderr stdout stdin errno assert isdigit isxdigit NULL EOF argc argv frames Int UInt Bipolar
Binary Ternary
""".split()

_AP_MACROS = """
AF_ASSIGN_OP_WITH_AP_INT AF_ASSIGN_OP_WITH_INT AF_ASSIGN_OP_WITH_INT_SF AF_BIN_OP_WITH_AP_INT
AF_BIN_OP_WITH_INT AF_BIN_OP_WITH_INT_SF AF_REF_REL_OPS_WITH_INT AF_REF_REL_OP_WITH_AP_INT
AF_REF_REL_OP_WITH_INT AF_REL_OP_WITH_AP_INT AF_REL_OP_WITH_INT ALL_AF_OP_WITH_INT
ALL_OP_ASSIGN_WITH_INT ALL_OP_BIN_WITH_INT ALL_OP_REL_WITH_INT ALL_OP_SHIFT_WITH_INT
ALL_OP_WITH_FLOAT APFX_IEEE_DOUBLE_E_MAX APFX_IEEE_DOUBLE_E_MIN AP_ABS AP_ASSERT
AP_FIXED_ENABLE_CPP_FENV AP_INT_MAX_W AP_MAX AP_MIN AP_RND AP_RND_CONV AP_RND_INF AP_RND_MIN_INF
AP_RND_ZERO AP_SAT AP_SAT_SYM AP_SAT_ZERO AP_TRN AP_TRN_ZERO AP_WEAK AP_WRAP AP_WRAP_SM
ASSIGN_CTYPE_TO_AF_RANGE ASSIGN_OP_FROM_INT ASSIGN_WITH_CTYPE ASSIGN_WITH_CTYPE_FP BIAS
BIT_WIDTH_UPPER_LIMIT CONCAT_OP_WITH_INT CONCAT_SHIFT_WITH_INT CTOR CTOR_FROM_INT DEF_IS_INTEGRAL
DOUBLE_BIAS DOUBLE_CMP_AF DOUBLE_EXP DOUBLE_MAN FLOAT_BIAS FLOAT_EXP FLOAT_MAN HALF_BIAS HALF_EXP
HALF_MAN INLINE LLVM_SUPPORT_MATHEXTRAS_H MAX_MODE OPS_MIX_FLOAT OPS_MIX_INT OP_ASSIGN_AF
OP_ASSIGN_AP OP_ASSIGN_AP_2 OP_ASSIGN_AP_CHK OP_ASSIGN_LSHIFT_INT OP_ASSIGN_MIX_BIT
OP_ASSIGN_MIX_INT OP_ASSIGN_MIX_RANGE OP_ASSIGN_RSHIFT_INT OP_ASSIGN_WITH_BIT
OP_ASSIGN_WITH_CONCAT OP_ASSIGN_WITH_INT OP_ASSIGN_WITH_RANGE OP_BIN_AF OP_BIN_AP OP_BIN_AP2
OP_BIN_LOGIC_AP OP_BIN_LOGIC_ASSIGN_AP OP_BIN_MIX_BIT OP_BIN_MIX_FLOAT OP_BIN_MIX_INT
OP_BIN_MIX_PTR OP_BIN_MIX_RANGE OP_BIN_SHIFT_INT OP_BIN_WITH_BIT OP_BIN_WITH_CONCAT
OP_BIN_WITH_FLOAT OP_BIN_WITH_INT OP_BIN_WITH_PTR OP_BIN_WITH_RANGE OP_CMP_AF OP_LEFT_SHIFT_CTYPE
OP_REL_MIX_BIT OP_REL_MIX_INT OP_REL_MIX_RANGE OP_REL_WITH_BIT OP_REL_WITH_CONCAT
OP_REL_WITH_DOUBLE_OR_FLOAT OP_REL_WITH_INT OP_REL_WITH_RANGE OP_RIGHT_SHIFT_CTYPE REF_BIN_MIX_INT
REF_BIN_OP REF_BIN_OP_MIX_INT REF_BIN_OP_WITH_INT REF_BIN_OP_WITH_INT_ARITH
REF_BIN_OP_WITH_INT_BITS REF_REL_MIX_INT REF_REL_OP_MIX_INT REF_REL_OP_WITH_INT REF_REL_WITH_INT_1
REF_REL_WITH_INT_2 SC_BIN SC_DEC SC_HEX SC_OCT SC_RND SC_RND_CONV SC_RND_INF SC_RND_MIN_INF
SC_RND_ZERO SC_SAT SC_SAT_SYM SC_SAT_ZERO SC_TRN SC_TRN_ZERO SC_WRAP SC_WRAP_SM SYN_CONCAT_REF_BIN_OP
X_HLS_MATH_H X_HLS_STREAM_SIM_H X_HLS_UTILS_H FINNR_HLS_STREAM_SIM_H FINNR_TYPES_H FINNR_MAC_H
FINNR_MVAU_H FINNR_WINDOW_H FINNR_ELEMENTWISE_H FINNR_KERNELS_H FINNR_TESTBENCH_H
""".split()

RESERVED = frozenset(_CPP_KEYWORDS + _LIBRARY_NAMES + _AP_MACROS)
"""Names a generated identifier must never take."""

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


@dataclass
class _Scope:
    """Names of one C++ scope, on top of the global ones."""

    reserved: set[str]
    namer: Namer = field(init=False)

    def __post_init__(self):
        self.namer = Namer(self.reserved)

    def __call__(self, name: str, fallback: str = "v") -> str:
        return self.namer(name, fallback)


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
        used: set[str] = set(RESERVED)
        glob = Namer(used)
        self.global_names: set[str] = set()

        def global_name(name: str, fallback: str) -> str:
            n = glob(name, fallback)
            self.global_names.add(n)
            return n

        self.top_names = {top: global_name(top.sym_name.data, "top") for top in self.tops}
        self.kernel_names: dict[hls.KernelOp, str] = {}
        for top in self.tops:
            for op in top.body_block.ops:
                if isinstance(op, hls.KernelOp):
                    self.kernel_names[op] = global_name(op.instance.data, "kernel")

    def scope(self) -> _Scope:
        return _Scope(set(RESERVED) | self.global_names)

    def template_args(self, op: hls.KernelOp) -> str:
        """The template arguments in the order of the kernel's schema
        (``hls.KERNELS``); verified IR has every one of them."""
        args = []
        for key in hls.KERNELS[op.kernel.data].params:
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
        scope = self.scope()
        fname = self.kernel_names[op]
        params = []
        args = []
        ports = []
        for i, v in enumerate(op.ins):
            n = scope(f"in{i}", "in")
            params.append(f"{stream_type(v.type)} &{n}")
            args.append(n)
            ports.append(n)
        for i, v in enumerate(op.outs):
            n = scope(f"out{i}", "out")
            params.append(f"{stream_type(v.type)} &{n}")
            args.append(n)
            ports.append(n)
        lines = [
            f"// kernel {op.kernel.data}: {fname}",
            f"void {fname}({', '.join(params)}) {{",
        ]
        for n in ports:
            lines.append(f"#pragma HLS INTERFACE axis port={n}")
        lines.append("#pragma HLS INTERFACE ap_ctrl_none port=return")
        lines.append("#pragma HLS INLINE off")
        for v in op.roms:
            rom = _rom_of(v)
            n = scope(rom.rom_name.data, "rom")
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
        scope = self.scope()
        names: dict[SSAValue, str] = {}
        params = []
        for i, v in enumerate(top.inputs):
            names[v] = scope(v.name_hint or f"in{i}", "in")
            params.append(f"{stream_type(v.type)} &{names[v]}")
        for i, v in enumerate(top.outputs):
            names[v] = scope(v.name_hint or f"out{i}", "out")
            params.append(f"{stream_type(v.type)} &{names[v]}")
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
                hint = op.stream_name.data if op.stream_name is not None else (op.result.name_hint or "s")
                n = scope(hint, "s")
                names[op.result] = n
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
        if len(self.tops) == 1:
            return self.top_names[self.tops[0]]
        return "accelerators" if "accelerators" not in self.global_names else "accelerators_all"

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
        runners = {}
        for top in self.tops:
            lines.append(self.prototype(top))
        lines.append("")
        for top in self.tops:
            runner = self.scope()(f"run_{self.top_names[top]}", "run")
            runners[top] = runner
            lines.extend(self.top_runner(top, runner))
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
        scope = self.scope()
        ports = [*top.inputs, *top.outputs]
        names = [scope(v.name_hint or f"p{i}", "p") for i, v in enumerate(ports)]
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
        for v, n in zip(top.inputs, names):
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
