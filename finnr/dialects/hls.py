"""The ``hls`` dialect: what the Vitis-HLS C++ printer needs, and nothing more.

An accelerator is one ``hls.top`` (the top function, a ``#pragma HLS
DATAFLOW`` region) whose block arguments are its AXI-Stream ports. Its body
holds

* ``hls.stream``: an internal ``hls::stream`` channel with a FIFO depth;
* ``hls.rom``: a constant weight/threshold array with a storage style;
* ``hls.kernel``: one call of a templated kernel of finnr's header library,
  with its template parameters, the streams it reads and writes and the ROMs
  it uses, checked against the kernel's schema (:data:`KERNELS`), so that
  verified IR is what the printer can print;
* ``hls.yield``: the terminator.

Every beat of a stream carries ``N`` elements of a finnr datatype:
``!hls.stream<!qnn.uint<2>, 8>`` is 16 bits wide. In a dataflow region every
channel has exactly one producer and one consumer; ``hls.top`` checks this
for its ports and its internal streams.

This module defines types, ops and verifiers only: the C++ text is the
business of ``finnr/backends``.

Example::

    hls.top @tfc(%in0 : !hls.stream<!qnn.uint<8>, 49>) -> (%out0 : !hls.stream<!qnn.uint<4>, 1>) {
      %s = hls.stream {depth = 4 : i64} : !hls.stream<!qnn.int<8>, 2>
      %w = hls.rom "w0" dense<1> : tensor<2x8x49xi8> -> tensor<2x8x49x!qnn.int<2>>
      hls.kernel "mvau" "layer0" ins(%in0 : ...) outs(%s : ...) roms(%w : ...) params {MW = 784 : i64, ...}
      hls.kernel "thresholding" "layer1" ins(%s : ...) outs(%out0 : ...) params {...}
      hls.yield
    }
"""

from __future__ import annotations

import abc
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from xdsl.dialects.builtin import (
    DenseIntOrFPElementsAttr,
    DictionaryAttr,
    IntAttr,
    IntegerAttr,
    StringAttr,
    SymbolNameConstraint,
    TensorType,
)
from xdsl.ir import (
    Attribute,
    Block,
    BlockArgument,
    Dialect,
    Operation,
    OpResult,
    ParametrizedAttribute,
    Region,
    SSAValue,
    TypeAttribute,
)
from xdsl.irdl import (
    AttrSizedOperandSegments,
    IRDLOperation,
    ParsePropInAttrDict,
    irdl_attr_definition,
    irdl_op_definition,
    opt_prop_def,
    prop_def,
    region_def,
    result_def,
    traits_def,
    var_operand_def,
)
from xdsl.parser import AttrParser, Parser
from xdsl.printer import Printer
from xdsl.traits import (
    HasParent,
    IsolatedFromAbove,
    IsTerminator,
    Pure,
    SymbolOpInterface,
)
from xdsl.utils.exceptions import VerifyException

from finnr.dialects import datatypes as dt
from finnr.dialects.utils import bool_attr, check_dense_payload, dense_from_numpy, i64_attr, numpy_from_dense


@dataclass(frozen=True)
class KernelSchema:
    """What ``hls.kernel`` may pass to one C++ template of finnr's header
    library: its template parameters in order (``datatypes`` name the ones
    that are finnr datatypes, the others are integers), the number of input
    streams, and the (min, max) numbers of output streams and of ROMs
    (every ROM of rank 3: lanes, depth, word).

    A kernel with a ``per_input`` parameter ``P`` (an integer) takes
    ``inputs`` or more input streams and one ``P<i>`` per input stream i
    (``C0``, ``C1``, ...), which its C++ template takes last, as a
    parameter pack."""

    params: tuple[str, ...]
    datatypes: frozenset[str]
    inputs: int = 1
    outputs: tuple[int, int] = (1, 1)
    roms: tuple[int, int] = (0, 0)
    per_input: str | None = None

    def __post_init__(self):
        assert self.datatypes <= set(self.params), self.datatypes - set(self.params)

    def pack(self, inputs: int) -> tuple[str, ...]:
        """The per-input parameters of an instance with ``inputs`` input
        streams, in order (none without ``per_input``)."""
        return tuple(f"{self.per_input}{i}" for i in range(inputs)) if self.per_input else ()


def _schema(params: str, datatypes: str, **arity) -> KernelSchema:
    return KernelSchema(tuple(params.split()), frozenset(datatypes.split()), **arity)


KERNELS: dict[str, KernelSchema] = {
    "mvau": _schema("MW MH SIMD PE VECS TI TW TO TA NT TT ACT_BIAS", "TI TW TO TA TT", roms=(1, 2)),
    "vvau": _schema("C K SIMD PE VECS TI TW TO TA NT TT ACT_BIAS", "TI TW TO TA TT", roms=(1, 2)),
    "swu": _schema("N H W C KH KW SH SW DH DW OH OW SIMD T", "T"),
    "thresholding": _schema("C PE VECS TI TO NT TT ACT_BIAS", "TI TO TT", roms=(1, 1)),
    "maxpool": _schema("N H W C KH KW SH SW OH OW PE T", "T"),
    "pad": _schema("N H W C TOP LEFT BOTTOM RIGHT SIMD T VALUE", "T"),
    "label_select": _schema("L K PE VECS TI TO", "TI TO"),
    "dwc": _schema("IN OUT TOTAL T", "T"),
    "fifo": _schema("ELEMS BEATS T", "T"),
    "duplicate": _schema("ELEMS BEATS T", "T", outputs=(1, 64)),
    "add_streams": _schema("PE BEATS TA TB TO", "TA TB TO", inputs=2),
    "concat": _schema("SIMD VECS T", "T", inputs=2, per_input="C"),
    "upsample": _schema("N H W C SH SW SIMD T", "T"),
    "depth_to_space": _schema("N H W C B CRD SIMD T", "T"),
    "swu_pw": _schema("N H W C KH KW SH SW DH DW OH OW T", "T"),  # a parallel-window dataflow.swu
    "swu_mmv": _schema("N H W C KH KW SH SW DH DW OH OW MMV T", "T"),  # ... with mmv > 1
    "mvau_mmv": _schema("MW MH SIMD PE VECS TI TW TO TA NT TT ACT_BIAS MMV", "TI TW TO TA TT", roms=(1, 2)),
    "maxpool_mmv": _schema("N H W C KH KW SH SW OH OW MMV T", "T"),  # a dataflow.maxpool of mmv > 1
    "pad_mmv": _schema("N H W C TOP LEFT BOTTOM RIGHT MMV T VALUE", "T"),  # a dataflow.pad of mmv > 1
}
"""The kernels of finnr's HLS header library that ``hls.kernel`` can call,
by template name, with the schema of their instances."""

LIBRARY_DATATYPES = (dt.IntType, dt.UIntType, dt.BipolarType, dt.BinaryType, dt.TernaryType)
"""The datatypes the header library's kernels take (integers only)."""

ROM_STORAGES = ("auto", "block", "distributed", "ultra")
"""Storage styles of ``hls.rom`` (``#pragma HLS BIND_STORAGE``): let the tool
choose, BRAM, LUTRAM, URAM."""


# --- the stream type ---------------------------------------------------------


@irdl_attr_definition
class StreamType(ParametrizedAttribute, TypeAttribute):
    """``!hls.stream<T, N>``: a stream whose every beat carries ``N`` elements
    of the finnr datatype ``T`` (``f32`` or a quantized type); a beat is
    ``N * bits(T)`` bits wide."""

    name = "hls.stream"
    element_type: Attribute
    num_elements: IntAttr

    def __init__(self, element_type: Attribute, num_elements: int | IntAttr = 1):
        if isinstance(num_elements, int):
            num_elements = IntAttr(num_elements)
        super().__init__(element_type, num_elements)

    @classmethod
    def parse_parameters(cls, parser: AttrParser) -> Sequence[Attribute]:
        with parser.in_angle_brackets():
            element_type = parser.parse_type()
            parser.parse_punctuation(",")
            n = parser.parse_integer(allow_boolean=False, allow_negative=True)
        return (element_type, IntAttr(n))

    def print_parameters(self, printer: Printer) -> None:
        with printer.in_angle_brackets():
            printer.print_attribute(self.element_type)
            printer.print_string(f", {self.num_elements.data}")

    def verify(self) -> None:
        if not dt.is_datatype(self.element_type):
            raise VerifyException(
                "!hls.stream element type must be a finnr datatype (f32, "
                f"!qnn.int<n>, !qnn.uint<n>, ...), got {self.element_type}"
            )
        if self.num_elements.data < 1:
            raise VerifyException(
                "!hls.stream must carry at least one element per beat, got "
                f"{self.num_elements.data}"
            )

    def get_element_type(self) -> Attribute:
        return self.element_type

    @property
    def elements(self) -> int:
        """Number of elements per beat (``N``)."""
        return self.num_elements.data

    @property
    def element_bits(self) -> int:
        return dt.bitwidth(self.element_type)

    @property
    def width(self) -> int:
        """Bits per beat: ``N * bits(T)``."""
        return self.elements * self.element_bits


# --- ops ---------------------------------------------------------------------


class HlsOp(IRDLOperation, abc.ABC):
    """Base of the ops that live in the body of an ``hls.top``."""

    irdl_options = (ParsePropInAttrDict(),)


def _port_kind(top: TopOp, arg: BlockArgument) -> tuple[str, int]:
    n = top.num_inputs.value.data
    return ("input", arg.index) if arg.index < n else ("output", arg.index - n)


def _describe(top: TopOp, value: SSAValue, index: int) -> str:
    """A port or stream for diagnostics: ``input port #0 (%in0)``,
    ``stream "conv0_out" (%s)``, ``stream %s``, or ``stream #2`` (``index``
    among the top's hls.stream ops) when it has no name at all."""
    hint = f" (%{value.name_hint})" if value.name_hint else ""
    if isinstance(value, BlockArgument):
        kind, i = _port_kind(top, value)
        return f"{kind} port #{i}{hint}"
    owner = value.owner
    if isinstance(owner, StreamOp) and owner.stream_name is not None:
        return f'stream "{owner.stream_name.data}"{hint}'
    if value.name_hint:
        return f"stream %{value.name_hint}"
    return f"stream #{index}"


@irdl_op_definition
class TopOp(IRDLOperation):
    """The top function of an accelerator: a dataflow region whose block
    arguments are its AXI-Stream ports, the first ``num_inputs`` inputs and
    the rest outputs. Custom form::

        hls.top @name(%in0 : !hls.stream<T, N>) -> (%out0 : !hls.stream<T, N>) {
          ...
          hls.yield
        }
    """

    name = "hls.top"
    sym_name = prop_def(SymbolNameConstraint())
    num_inputs = prop_def(IntegerAttr)
    body = region_def("single_block")
    traits = traits_def(IsolatedFromAbove(), SymbolOpInterface())

    def __init__(
        self,
        name: str,
        input_types: Sequence[Attribute],
        output_types: Sequence[Attribute],
        body: Region | None = None,
    ):
        """A top with ports of the given types. Without ``body``, the region
        holds one empty block whose arguments are the ports; add the body ops
        and an ``hls.yield`` to :attr:`body_block`."""
        if body is None:
            body = Region(Block(arg_types=[*input_types, *output_types]))
        super().__init__(
            properties={
                "sym_name": StringAttr(name),
                "num_inputs": i64_attr(len(input_types)),
            },
            regions=[body],
        )

    @property
    def body_block(self) -> Block:
        return self.body.block

    @property
    def inputs(self) -> tuple[BlockArgument, ...]:
        """The input ports (read by kernels)."""
        return self.body.block.args[: self.num_inputs.value.data]

    @property
    def outputs(self) -> tuple[BlockArgument, ...]:
        """The output ports (written by kernels)."""
        return self.body.block.args[self.num_inputs.value.data :]

    # -- custom format --

    @classmethod
    def parse(cls, parser: Parser) -> TopOp:
        sym_name = parser.parse_symbol_name()
        ins = parser.parse_comma_separated_list(
            parser.Delimiter.PAREN, parser.parse_argument
        )
        parser.parse_punctuation("->")
        outs = parser.parse_comma_separated_list(
            parser.Delimiter.PAREN, parser.parse_argument
        )
        attrs = parser.parse_optional_attr_dict_with_keyword()
        region = parser.parse_region([*ins, *outs])
        op = cls(sym_name.data, [a.type for a in ins], [a.type for a in outs], region)
        if attrs is not None:
            op.attributes |= attrs.data
        return op

    def print(self, printer: Printer) -> None:
        def print_port(arg: BlockArgument) -> None:
            printer.print_ssa_value(arg)
            printer.print_string(" : ")
            printer.print_attribute(arg.type)

        printer.print_string(" ")
        printer.print_symbol_name(self.sym_name.data)
        with printer.in_parens():
            printer.print_list(self.inputs, print_port)
        printer.print_string(" -> ")
        with printer.in_parens():
            printer.print_list(self.outputs, print_port)
        printer.print_op_attributes(self.attributes, print_keyword=True)
        printer.print_string(" ")
        printer.print_region(self.body, print_entry_block_args=False)

    # -- verification --

    def verify_(self) -> None:
        args = self.body.block.args
        n = self.num_inputs.value.data
        if n < 1:
            raise VerifyException(
                f"'hls.top' needs at least one input port, got num_inputs = {n}"
            )
        if n >= len(args):
            raise VerifyException(
                f"'hls.top' needs at least one output port, got {len(args)} ports "
                f"with num_inputs = {n}"
            )
        for arg in args:
            if not isinstance(arg.type, StreamType):
                kind, i = _port_kind(self, arg)
                raise VerifyException(
                    f"'hls.top' {kind} port #{i} must be an !hls.stream, got {arg.type}"
                )
        ops = list(self.body.block.ops)
        for op in ops:
            if not isinstance(op, StreamOp | RomOp | KernelOp | YieldOp):
                raise VerifyException(
                    "'hls.top' body may only hold hls.stream, hls.rom, hls.kernel "
                    f"and hls.yield ops, got '{op.name}'"
                )
        # xDSL already requires the block to end with a terminator, and
        # hls.yield is the only terminator allowed above.
        self._verify_unique_names(ops)
        self._verify_single_reader_writer(ops)

    def _verify_unique_names(self, ops: Iterable[Operation]) -> None:
        seen: dict[tuple[str, str], None] = {}
        for op in ops:
            if isinstance(op, KernelOp):
                key = ("kernel instance", op.instance.data)
            elif isinstance(op, RomOp):
                key = ("rom name", op.rom_name.data)
            else:
                continue
            if key in seen:
                raise VerifyException(f"'hls.top' {key[0]} \"{key[1]}\" is not unique")
            seen[key] = None

    def _verify_single_reader_writer(self, ops: Sequence[Operation]) -> None:
        """Input ports are read once, output ports written once, internal
        streams written once and read once (by hls.kernel ins/outs)."""
        reads: dict[SSAValue, int] = {}
        writes: dict[SSAValue, int] = {}
        for op in ops:
            if isinstance(op, KernelOp):
                for v in op.ins:
                    reads[v] = reads.get(v, 0) + 1
                for v in op.outs:
                    writes[v] = writes.get(v, 0) + 1
        streams = [op.result for op in ops if isinstance(op, StreamOp)]
        channels = [(v, _describe(self, v, 0)) for v in self.body.block.args]
        channels += [(v, _describe(self, v, i)) for i, v in enumerate(streams)]
        for value, what in channels:
            r, w = reads.get(value, 0), writes.get(value, 0)
            is_input = value in self.inputs
            is_output = value in self.outputs
            if is_input and w:
                raise VerifyException(
                    f"'hls.top' {what} is written by {w} kernel(s); input ports are read-only"
                )
            if is_output and r:
                raise VerifyException(
                    f"'hls.top' {what} is read by {r} kernel(s); output ports are write-only"
                )
            if not is_output and r != 1:
                raise VerifyException(
                    f"'hls.top' {what} must be read by exactly one kernel, got {r}"
                )
            if not is_input and w != 1:
                raise VerifyException(
                    f"'hls.top' {what} must be written by exactly one kernel, got {w}"
                )


@irdl_op_definition
class StreamOp(HlsOp):
    """An internal channel (``hls::stream`` with ``#pragma HLS STREAM
    depth``). ``name`` is an optional human name; the printer sanitizes it."""

    name = "hls.stream"
    depth = prop_def(IntegerAttr, default_value=i64_attr(2))
    stream_name = opt_prop_def(StringAttr, prop_name="name")
    result = result_def(StreamType)
    traits = traits_def(HasParent(TopOp))
    assembly_format = "attr-dict `:` type($result)"

    def __init__(self, stream_type: StreamType, *, depth: int = 2, name: str | None = None):
        super().__init__(
            result_types=[stream_type],
            properties={
                "depth": i64_attr(depth),
                "name": StringAttr(name) if name is not None else None,
            },
        )

    def verify_(self) -> None:
        if self.depth.value.data < 1:
            raise VerifyException(
                f"'hls.stream' depth must be >= 1, got {self.depth.value.data}"
            )


@irdl_op_definition
class RomOp(HlsOp):
    """A constant array of a kernel (weights or thresholds), named ``name``.
    ``value`` stores the numbers (integer storage for integer datatypes,
    ``f32`` for ``f32`` and fixed point); the result type says which datatype
    they belong to and their layout (e.g. PE x depth x SIMD)::

        %w = hls.rom "w0" dense<...> : tensor<4x98x8xi8> {storage = "block"} -> tensor<4x98x8x!qnn.int<2>>
    """

    name = "hls.rom"
    rom_name = prop_def(StringAttr, prop_name="name")
    value = prop_def(DenseIntOrFPElementsAttr)
    storage = prop_def(StringAttr, default_value=StringAttr("auto"))
    result = result_def(TensorType)
    traits = traits_def(HasParent(TopOp), Pure())
    assembly_format = "$name $value attr-dict `->` type($result)"

    def __init__(
        self,
        name: str,
        value: DenseIntOrFPElementsAttr | np.ndarray,
        element_type: Attribute,
        *,
        storage: str = "auto",
    ):
        if not isinstance(value, DenseIntOrFPElementsAttr):
            value = dense_from_numpy(value)
        super().__init__(
            result_types=[TensorType(element_type, value.get_shape())],
            properties={
                "name": StringAttr(name),
                "value": value,
                "storage": StringAttr(storage),
            },
        )

    def numpy(self) -> np.ndarray:
        return numpy_from_dense(self.value)

    @property
    def element_type(self) -> Attribute:
        assert isinstance(self.result.type, TensorType)
        return self.result.type.get_element_type()

    def verify_(self) -> None:
        if not self.rom_name.data:
            raise VerifyException("'hls.rom' name must not be empty")
        if self.storage.data not in ROM_STORAGES:
            raise VerifyException(
                f"'hls.rom' storage must be one of {', '.join(ROM_STORAGES)}, "
                f"got '{self.storage.data}'"
            )
        rtype = self.result.type
        assert isinstance(rtype, TensorType)
        elt = rtype.get_element_type()
        if not dt.is_datatype(elt):
            raise VerifyException(
                "'hls.rom' result must have a finnr datatype as element type "
                f"(f32, !qnn.int<n>, !qnn.uint<n>, ...), got {elt}"
            )
        check_dense_payload("hls.rom", self.value, rtype)


ParamValue = int | bool | Attribute


def _param_attr(value: ParamValue) -> Attribute:
    if isinstance(value, bool):
        return bool_attr(value)
    if isinstance(value, int):
        return i64_attr(value)
    return value


@irdl_op_definition
class KernelOp(HlsOp):
    """One call of a kernel of finnr's header library: ``kernel`` names the
    template, ``instance`` the call, ``params`` its template parameters
    (integers, booleans and finnr datatypes). It reads the streams ``ins``,
    writes the streams ``outs`` and uses the ROMs ``roms``; the verifier
    checks all of them against the kernel's :class:`KernelSchema`::

        hls.kernel "mvau" "layer0" ins(%a : !hls.stream<..>) outs(%b : !hls.stream<..>)
            roms(%w, %t : tensor<..>, tensor<..>) params {MW = 784 : i64, TW = !qnn.int<2>}
    """

    name = "hls.kernel"
    kernel = prop_def(StringAttr)
    instance = prop_def(StringAttr)
    params = prop_def(DictionaryAttr, default_value=DictionaryAttr({}))
    ins = var_operand_def(StreamType)
    outs = var_operand_def(StreamType)
    roms = var_operand_def(TensorType)
    irdl_options = (ParsePropInAttrDict(), AttrSizedOperandSegments(as_property=True))
    traits = traits_def(HasParent(TopOp))
    assembly_format = (
        "$kernel $instance"
        " (`ins` `(` $ins^ `:` type($ins) `)`)?"
        " (`outs` `(` $outs^ `:` type($outs) `)`)?"
        " (`roms` `(` $roms^ `:` type($roms) `)`)?"
        " (`params` $params^)? attr-dict"
    )

    def __init__(
        self,
        kernel: str,
        instance: str,
        ins: Sequence[SSAValue | Operation],
        outs: Sequence[SSAValue | Operation],
        roms: Sequence[SSAValue | Operation] = (),
        params: Mapping[str, ParamValue] | DictionaryAttr | None = None,
    ):
        if not isinstance(params, DictionaryAttr):
            params = DictionaryAttr(
                {k: _param_attr(v) for k, v in (params or {}).items()}
            )
        super().__init__(
            operands=[ins, outs, roms],
            properties={
                "kernel": StringAttr(kernel),
                "instance": StringAttr(instance),
                "params": params,
            },
        )

    def param(self, key: str) -> Attribute:
        """The template parameter ``key`` (KeyError if absent)."""
        return self.params.data[key]

    def int_param(self, key: str) -> int:
        value = self.param(key)
        assert isinstance(value, IntegerAttr)
        return value.value.data

    def verify_(self) -> None:
        if self.kernel.data not in KERNELS:
            raise VerifyException(
                f"'hls.kernel' unknown kernel '{self.kernel.data}', expected one of "
                f"{', '.join(KERNELS)}"
            )
        if not self.instance.data:
            raise VerifyException("'hls.kernel' instance name must not be empty")
        if not self.ins:
            raise VerifyException("'hls.kernel' needs at least one input stream")
        if not self.outs:
            raise VerifyException("'hls.kernel' needs at least one output stream")
        both = set(self.ins) & set(self.outs)
        if both:
            raise VerifyException(
                "'hls.kernel' cannot read and write the same stream"
            )
        for i, rom in enumerate(self.roms):
            if not (isinstance(rom, OpResult) and isinstance(rom.owner, RomOp)):
                raise VerifyException(
                    f"'hls.kernel' rom operand #{i} must be the result of an hls.rom"
                )
        for key, value in self.params.data.items():
            if not (isinstance(value, IntegerAttr) or dt.is_datatype(value)):
                raise VerifyException(
                    f"'hls.kernel' parameter '{key}' must be an integer, a boolean or "
                    f"a finnr datatype, got {value}"
                )
        self._verify_schema(KERNELS[self.kernel.data])

    def _verify_schema(self, schema: KernelSchema) -> None:
        kind, inst = self.kernel.data, self.instance.data
        what = f"'hls.kernel' instance '{inst}' ({kind})"
        params = self.params.data
        expected = (*schema.params, *schema.pack(len(self.ins)))
        missing = [p for p in expected if p not in params]
        if missing:
            raise VerifyException(f"{what} lacks template parameter(s) {', '.join(missing)}")
        unknown = [p for p in params if p not in expected]
        if unknown:
            raise VerifyException(
                f"{what} has no template parameter(s) {', '.join(unknown)}; "
                f"{kind} takes {', '.join(expected)}"
            )
        for key in expected:
            value = params[key]
            if key in schema.datatypes:
                if isinstance(value, IntegerAttr):
                    raise VerifyException(f"{what} parameter {key} must be a datatype")
                if not isinstance(value, LIBRARY_DATATYPES):
                    raise VerifyException(
                        f"{what} parameter {key} has datatype {value}; the HLS kernels "
                        "handle integer datatypes only"
                    )
            elif not isinstance(value, IntegerAttr):
                raise VerifyException(f"{what} parameter {key} must be an integer")
        (lo_out, hi_out), (lo_rom, hi_rom) = schema.outputs, schema.roms
        n_in = len(self.ins)
        if (
            (n_in < schema.inputs if schema.per_input else n_in != schema.inputs)
            or not lo_out <= len(self.outs) <= hi_out
            or not lo_rom <= len(self.roms) <= hi_rom
        ):
            more = " or more" if schema.per_input else ""
            raise VerifyException(
                f"{what} takes {schema.inputs}{more} input stream(s), "
                f"{lo_out}..{hi_out} output stream(s) and {lo_rom}..{hi_rom} ROM(s), got "
                f"{len(self.ins)}, {len(self.outs)} and {len(self.roms)}"
            )
        for i, rom in enumerate(self.roms):
            shape = list(rom.type.get_shape())
            if len(shape) != 3:
                raise VerifyException(
                    f"{what} ROM #{i} must have rank 3 (lanes, depth, word), got shape {shape}"
                )


@irdl_op_definition
class YieldOp(HlsOp):
    """The terminator of ``hls.top``."""

    name = "hls.yield"
    traits = traits_def(IsTerminator(), HasParent(TopOp))
    assembly_format = "attr-dict"

    def __init__(self):
        super().__init__()


Hls = Dialect("hls", [TopOp, StreamOp, RomOp, KernelOp, YieldOp], [StreamType])
