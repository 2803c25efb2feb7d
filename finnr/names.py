"""Every identifier finnr generates, in one place.

- :func:`sanitize` and :class:`Namer` make identifiers of user input (ONNX
  node and tensor names): the importer's IR name hints, and every C++,
  Verilog and Tcl name the backends print;
- :func:`legalize` (the ``legalize-names`` pass,
  :mod:`finnr.passes.legalize_names`) writes every C++ and Verilog name the
  backends print into the IR as discardable attributes, which the printers
  only read. The backends run it themselves (:func:`ensure_legal`) on a
  module that lacks them (a name that is not an identifier, or an array of
  the wrong length, counts as missing); names a module carries are printed
  as they are.

The attributes (all strings or arrays of strings):

on an ``hls.top`` (C++ and the Verilog wrapper of the ``verilog`` target)
  ``finnr.cpp_name``        its C++ function (a global name, as the kernels')
  ``finnr.cpp_ports``       its parameters, inputs then outputs
  ``finnr.cpp_tb_ports``    the testbench's streams of those ports
  ``finnr.cpp_runner``      the testbench's function that runs it
  ``finnr.verilog_name``    the wrapper module (``NAME_top``)
  ``finnr.verilog_fifo``    the wrapper's FIFO module (``NAME_axis_fifo``)
  ``finnr.verilog_ports``   the wrapper's AXI-Stream port bundles
                            (``s_axis_IN``..., ``m_axis_OUT``...)
on an ``hls.kernel``
  ``finnr.cpp_name``        its C++ function (= the Vitis HLS core's module)
  ``finnr.cpp_ports``       its stream parameters, inputs then outputs
                            (= the core's AXI-Stream ports)
  ``finnr.cpp_roms``        its ROM arrays, in the order of its ROMs
  ``finnr.verilog_inst``    its core's instance in the wrapper
on an ``hls.stream``
  ``finnr.cpp_name``        the stream variable of the top function
  ``finnr.verilog_wires``   the wrapper's bundles of its writer and reader side
  ``finnr.verilog_inst``    its FIFO's instance in the wrapper
on the ``builtin.module`` holding ``hls.top`` ops
  ``finnr.cpp_project``     the base name of the HLS project's files
on a ``dataflow.partition`` (the ``rtl`` target)
  ``finnr.verilog_name``    its top module
  ``finnr.verilog_ports``   the top's AXI-Stream port bundles, inputs then outputs
  ``finnr.verilog_wires``   the bundles of its inputs' streams
on a layer in a ``dataflow.partition``
  ``finnr.verilog_name``    its module (its engine with bound parameters)
  ``finnr.verilog_inst``    its instance in the top
  ``finnr.verilog_wire``    the bundle of its result's stream
  ``finnr.verilog_wires``   (a layer of several results, ``dataflow.duplicate``)
                            the bundles of its results' streams, instead

A bundle ``b`` stands for the signals ``b_tdata``, ``b_tvalid`` and
``b_tready``; other fixed prefixes and suffixes on these names (``_TDATA``,
a stub core's ``in0_q``) are the printers'.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from xdsl.dialects.builtin import ArrayAttr, ModuleOp, StringAttr
from xdsl.ir import Attribute, Operation

from finnr.dialects import dataflow as df
from finnr.dialects import hls
from finnr.interop.finn import finn_names
from finnr.models import layers as lm

MAX_LENGTH = 48
_INVALID = re.compile(r"[^A-Za-z0-9_]+")


def sanitize(name: str, fallback: str = "v") -> str:
    """A C/Verilog/Tcl/MLIR-safe identifier derived from ``name``: only
    ASCII letters, digits and single underscores, starting with a letter,
    at most MAX_LENGTH characters. Never empty."""
    s = _INVALID.sub("_", name).strip("_")
    s = re.sub(r"_+", "_", s)
    if not s:
        s = fallback
    if not s[0].isalpha():
        s = f"{fallback}_{s}"
    return s[:MAX_LENGTH].rstrip("_") or fallback


class Namer:
    """Hands out sanitized identifiers that never collide with each other
    or with a set of reserved words."""

    def __init__(self, reserved: frozenset[str] | set[str] = frozenset()):
        self._used: set[str] = {r.lower() for r in reserved}

    def __call__(self, name: str, fallback: str = "v") -> str:
        base = sanitize(name, fallback)
        candidate, n = base, 0
        while candidate.lower() in self._used:
            n += 1
            suffix = f"_{n}"
            candidate = base[: MAX_LENGTH - len(suffix)] + suffix
        self._used.add(candidate.lower())
        return candidate


# --- reserved words ------------------------------------------------------------

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

CPP_RESERVED = frozenset(_CPP_KEYWORDS + _LIBRARY_NAMES + _AP_MACROS)
"""Names a generated C++ identifier must never take: C++ keywords, names of the
kernel library, the testbench and the ap_int headers, and their macros."""

VERILOG_KEYWORDS = frozenset(
    """
always and assign automatic begin buf bufif0 bufif1 case casex casez cell cmos config deassign
default defparam design disable edge else end endcase endconfig endfunction endgenerate endmodule
endprimitive endspecify endtable endtask event for force forever fork function generate genvar
highz0 highz1 if ifnone incdir include initial inout input instance integer join large liblist
library localparam macromodule medium module nand negedge nmos nor noshowcancelled not notif0
notif1 or output parameter pmos posedge primitive pull0 pull1 pulldown pullup
pulsestyle_onevent pulsestyle_ondetect rcmos real realtime reg release repeat rnmos rpmos rtran
rtranif0 rtranif1 scalared showcancelled signed small specify specparam strong0 strong1 supply0
supply1 table task time tran tranif0 tranif1 tri tri0 tri1 triand trior trireg unsigned use
uwire vectored wait wand weak0 weak1 while wire wor xnor xor
alias always_comb always_ff always_latch assert assume before bind bins binsof bit break byte
chandle checker class clocking const constraint context continue cover covergroup coverpoint
cross dist do endchecker endclass endclocking endgroup endinterface endpackage endprogram
endproperty endsequence enum eventually expect export extends extern final first_match foreach
forkjoin global iff ignore_bins illegal_bins implements implies import inside int interconnect
interface intersect join_any join_none let local logic longint matches modport nettype new
nexttime null package packed priority program property protected pure rand randc randcase
randsequence ref reject_on restrict return s_always s_eventually s_nexttime s_until
s_until_with sequence shortint shortreal soft solve static string strong struct super sync_accept_on
sync_reject_on tagged this throughout timeprecision timeunit type typedef union unique unique0
until until_with untyped var virtual void wait_order weak wildcard with within accept_on
""".split()
)
"""Verilog-2005 and SystemVerilog-2017 keywords (Verilator parses ``.v``
files as SystemVerilog by default)."""

_FIXED = frozenset({"ap_clk", "ap_rst_n"})
_AXIS = ("tdata", "tvalid", "tready")

LIBRARY_MODULES = frozenset(
    ["finnr_mvau", "finnr_dot", "finnr_act", "finnr_rom", "finnr_thresholding", "finnr_window",
     "finnr_pad", "finnr_label_select", "finnr_dwc", "finnr_fifo", "finnr_vvau", "finnr_duplicate",
     "finnr_add_streams", "finnr_concat", "finnr_upsample", "finnr_depth_to_space", "finnr_tree", "finnr_skid",
     "finnr_count", "finnr_window_pw", "finnr_window_rows", "finnr_pool_mmv",
     # the board shell (finnr/backends/rtl/board.py)
     "finnr_uart_rx", "finnr_uart_tx", "finnr_board_fifo", "finnr_board_unpack", "finnr_board_pack",
     "finnr_board_top"]
)
"""The modules of the RTL engine library (``finnr/backends/rtl/lib``)."""


class _VerilogNames:
    """Unique Verilog identifiers of one module: single names and bundles
    (a sanitized base with fixed suffixes), never a keyword."""

    def __init__(self, reserved: Iterable[str] = ()):
        self.used = {r.lower() for r in (*VERILOG_KEYWORDS, *reserved)}
        self.namer = Namer(self.used)

    def __call__(self, hint: str, fallback: str = "v") -> str:
        while True:
            n = self.namer(hint, fallback)
            if n.lower() not in self.used:
                self.used.add(n.lower())
                return n

    def bundle(self, hint: str, suffixes=_AXIS, fallback: str = "v") -> str:
        """A base ``b`` such that ``b_<suffix>`` are all new names."""
        while True:
            b = self.namer(hint[:36], fallback)
            names = [f"{b}_{s}".lower() for s in suffixes]
            if b.lower() not in self.used and not any(n in self.used for n in names):
                self.used.update(names)
                self.used.add(b.lower())
                return b


# --- the legalization ------------------------------------------------------------


def _set(op: Operation, key: str, value: str | list[str]) -> None:
    attr: Attribute = StringAttr(value) if isinstance(value, str) else ArrayAttr([StringAttr(v) for v in value])
    op.attributes[key] = attr


def name_of(op: Operation, key: str) -> str:
    """The legalized name ``key`` of ``op`` (see the module docstring)."""
    attr = op.attributes[key]
    assert isinstance(attr, StringAttr), key
    return attr.data


def names_of(op: Operation, key: str) -> list[str]:
    """The legalized names ``key`` of ``op`` (see the module docstring)."""
    attr = op.attributes[key]
    assert isinstance(attr, ArrayAttr), key
    return [a.data for a in attr.data]


def legalize(module: ModuleOp) -> None:
    """Write every C++ and Verilog name of the module's ``hls.top`` ops and
    ``dataflow.partition`` ops into the IR (see the module docstring).
    The names follow from the IR's own names (symbols, instance, stream and
    ROM names, SSA name hints) only, so running it again changes nothing."""
    tops = [op for op in module.walk() if isinstance(op, hls.TopOp)]
    if tops:
        _legalize_hls(module, tops)
    parts = [op for op in module.walk() if isinstance(op, df.PartitionOp)]
    if parts:
        _legalize_rtl(module, parts)


_IDENTIFIER = re.compile(r"[A-Za-z][A-Za-z0-9_]*")


def _counts(op: Operation) -> dict[str, int | None]:
    """The name attributes ``op`` needs, with the length of the arrays
    (None for a single name)."""
    if isinstance(op, hls.TopOp):
        n = len(op.body_block.args)
        return {"finnr.cpp_name": None, "finnr.cpp_ports": n, "finnr.cpp_tb_ports": n, "finnr.cpp_runner": None,
                "finnr.verilog_name": None, "finnr.verilog_fifo": None, "finnr.verilog_ports": n}
    if isinstance(op, hls.KernelOp):
        return {"finnr.cpp_name": None, "finnr.cpp_ports": len(op.ins) + len(op.outs),
                "finnr.cpp_roms": len(op.roms), "finnr.verilog_inst": None}
    if isinstance(op, hls.StreamOp):
        return {"finnr.cpp_name": None, "finnr.verilog_wires": 2, "finnr.verilog_inst": None}
    if isinstance(op, df.PartitionOp):
        yield_op = op.yield_op()
        outs = len(yield_op.arguments) if yield_op is not None else 0
        return {"finnr.verilog_name": None, "finnr.verilog_ports": len(op.block.args) + outs,
                "finnr.verilog_wires": len(op.block.args)}
    if isinstance(op.parent_op(), df.PartitionOp) and lm.is_layer(op):
        wires = {"finnr.verilog_wire": None} if len(op.results) == 1 else {"finnr.verilog_wires": len(op.results)}
        return {"finnr.verilog_name": None, "finnr.verilog_inst": None, **wires}
    return {}


def _legal(attr: Attribute | None, count: int | None) -> bool:
    if count is None:
        return isinstance(attr, StringAttr) and _IDENTIFIER.fullmatch(attr.data) is not None
    return (isinstance(attr, ArrayAttr) and len(attr.data) == count
            and all(_legal(a, None) for a in attr.data))


def _missing(module: ModuleOp) -> bool:
    """Whether a name the backends print is missing (or is not an
    identifier, or an array of the wrong length)."""
    for op in module.walk():
        if isinstance(op, hls.TopOp) and not _legal(module.attributes.get("finnr.cpp_project"), None):
            return True
        if not all(_legal(op.attributes.get(k), n) for k, n in _counts(op).items()):
            return True
    return False


def ensure_legal(module: ModuleOp) -> None:
    """Run :func:`legalize` unless every name is already there (as the
    pass or a user wrote it)."""
    if _missing(module):
        legalize(module)


def _legalize_hls(module: ModuleOp, tops: list[hls.TopOp]) -> None:
    # C++: top and kernel functions are global names; everything else is
    # local to the function that declares it
    glob = Namer(CPP_RESERVED)
    global_names: set[str] = set()

    def global_name(name: str, fallback: str) -> str:
        n = glob(name, fallback)
        global_names.add(n)
        return n

    top_names = {top: global_name(top.sym_name.data, "top") for top in tops}
    kernels = {top: [op for op in top.body_block.ops if isinstance(op, hls.KernelOp)] for top in tops}
    streams = {top: [op for op in top.body_block.ops if isinstance(op, hls.StreamOp)] for top in tops}
    kernel_names = {op: global_name(op.instance.data, "kernel") for top in tops for op in kernels[top]}
    local = set(CPP_RESERVED) | global_names

    if len(tops) == 1:
        project = top_names[tops[0]]
    else:
        project = "accelerators" if "accelerators" not in global_names else "accelerators_all"
    module.attributes["finnr.cpp_project"] = StringAttr(project)

    ports: dict[hls.TopOp, list[str]] = {}
    for top in tops:
        _set(top, "finnr.cpp_name", top_names[top])
        scope = Namer(local)
        ports[top] = [scope(v.name_hint or f"in{i}", "in") for i, v in enumerate(top.inputs)]
        ports[top] += [scope(v.name_hint or f"out{i}", "out") for i, v in enumerate(top.outputs)]
        _set(top, "finnr.cpp_ports", ports[top])
        for op in streams[top]:
            hint = op.stream_name.data if op.stream_name is not None else (op.result.name_hint or "s")
            _set(op, "finnr.cpp_name", scope(hint, "s"))
        scope = Namer(local)
        _set(top, "finnr.cpp_tb_ports", [scope(v.name_hint or f"p{i}", "p")
                                         for i, v in enumerate((*top.inputs, *top.outputs))])
        _set(top, "finnr.cpp_runner", Namer(local)(f"run_{top_names[top]}", "run"))
        for op in kernels[top]:
            scope = Namer(local)
            _set(op, "finnr.cpp_name", kernel_names[op])
            _set(op, "finnr.cpp_ports", [scope(f"in{i}", "in") for i in range(len(op.ins))]
                 + [scope(f"out{i}", "out") for i in range(len(op.outs))])
            roms = []
            for v in op.roms:
                rom = v.owner
                roms.append(scope(rom.rom_name.data if isinstance(rom, hls.RomOp) else "rom", "rom"))
            _set(op, "finnr.cpp_roms", roms)

    # the Verilog wrapper: its module and its FIFO module never take a core's name
    glob_v = _VerilogNames({*global_names, *_FIXED})
    modules: set[str] = set()
    for top in tops:
        base = top_names[top]
        wanted = f"{base}_top"  # sanitized name + fixed suffix, unless that is taken
        wrapper = wanted if wanted.lower() not in glob_v.used else glob_v(wanted)
        glob_v.used.add(wrapper.lower())
        fifo = glob_v(f"{base}_axis_fifo")
        _set(top, "finnr.verilog_name", wrapper)
        _set(top, "finnr.verilog_fifo", fifo)
        modules |= {wrapper, fifo}
    for top in tops:
        n_in = len(top.inputs)
        bundles = [f"s_axis_{p}" for p in ports[top][:n_in]] + [f"m_axis_{p}" for p in ports[top][n_in:]]
        _set(top, "finnr.verilog_ports", bundles)
        reserved = {*_FIXED, *(f"{b}_{s}" for b in bundles for s in _AXIS)}
        names = _VerilogNames(reserved | global_names | modules)
        for op in streams[top]:
            cname = name_of(op, "finnr.cpp_name")
            pb = names.bundle(f"{cname[:32]}_w", fallback="s")
            cb = names.bundle(f"{cname[:32]}_r", fallback="s")
            _set(op, "finnr.verilog_wires", [pb, cb])
            _set(op, "finnr.verilog_inst", names(f"fifo_{cname}", "fifo"))
        for op in kernels[top]:
            _set(op, "finnr.verilog_inst", names(f"u_{kernel_names[op]}", "u"))


def _legalize_rtl(module: ModuleOp, parts: list[df.PartitionOp]) -> None:
    layers = lm.dataflow_layers(module)
    ir_names = dict(zip(layers, finn_names(layers)))
    names = _VerilogNames(LIBRARY_MODULES)  # module names, unique across the partitions
    for part in parts:
        pname = sanitize(part.sym_name.data if part.sym_name is not None else "dataflow", "dataflow")
        _set(part, "finnr.verilog_name", names(f"{pname}_top", "top"))
        yield_op = part.yield_op()
        ops = [op for op in part.block.ops if op is not yield_op and lm.is_layer(op)]
        for op in ops:
            _set(op, "finnr.verilog_name", names(f"{pname}_{ir_names[op]}", "layer"))
        # the top's ports first, so that no internal name takes theirs
        ports = _VerilogNames(_FIXED)
        bundles = ["s_axis_" + ports(v.name_hint or f"in{v.index}", "in") for v in part.block.args]
        outs = yield_op.arguments if yield_op is not None else ()
        bundles += ["m_axis_" + ports(f"out{j}", "out") for j in range(len(outs))]
        _set(part, "finnr.verilog_ports", bundles)
        local = _VerilogNames({*_FIXED, *(f"{b}_{s}" for b in bundles for s in _AXIS)})
        _set(part, "finnr.verilog_wires",
             [local.bundle(v.name_hint or f"in{v.index}", fallback="s") for v in part.block.args])
        layer_names = {op: sanitize(ir_names[op], "layer") for op in ops}
        for op in ops:
            if len(op.results) == 1:
                _set(op, "finnr.verilog_wire", local.bundle(layer_names[op], fallback="s"))
            else:
                _set(op, "finnr.verilog_wires",
                     [local.bundle(f"{layer_names[op]}_{j}", fallback="s") for j in range(len(op.results))])
        for op in ops:
            _set(op, "finnr.verilog_inst", local(f"u_{layer_names[op]}", "u"))
