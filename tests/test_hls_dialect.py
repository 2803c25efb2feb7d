"""The ``hls`` dialect from Python: builders produce verifying ops, stream
widths follow the element datatypes, and wrong parameters raise
``VerifyException`` with the verifier's message."""

from __future__ import annotations

import re

import numpy as np
import pytest
from xdsl.dialects.builtin import IntegerAttr, ModuleOp, StringAttr, f32, i1, i32, i64
from xdsl.ir import Operation
from xdsl.parser import Parser
from xdsl.utils.exceptions import VerifyException

from finnr.dialects import datatypes as dt
from finnr.dialects import finnr_context
from finnr.dialects.hls import (
    KERNELS,
    Hls,
    KernelOp,
    RomOp,
    StreamOp,
    StreamType,
    TopOp,
    YieldOp,
)

U2, U8 = dt.UIntType(2), dt.UIntType(8)
I2, I16 = dt.IntType(2), dt.IntType(16)


def schema_params(kernel: str, t=U8) -> dict:
    """Parameters a kernel's schema accepts with its fewest input streams:
    every datatype ``t``, every integer 1."""
    schema = KERNELS[kernel]
    return {p: t if p in schema.datatypes else 1 for p in (*schema.params, *schema.pack(schema.inputs))}


FIFO_U8 = schema_params("fifo")


def raises(message: str):
    """Expect a VerifyException whose text contains ``message`` verbatim."""
    return pytest.raises(VerifyException, match=re.escape(message))


def make_top(
    build_body, inputs=None, outputs=None, name="top"
) -> TopOp:
    """A top with the given ports; ``build_body(top)`` returns the ops of its
    body, an ``hls.yield`` is appended (ports: one u8 x 8 in, one u2 x 2 out
    unless given)."""
    inputs = [StreamType(U8, 8)] if inputs is None else list(inputs)
    outputs = [StreamType(U2, 2)] if outputs is None else list(outputs)
    top = TopOp(name, inputs, outputs)
    top.body_block.add_ops([*build_body(top), YieldOp()])
    return top


def two_layer_top() -> TopOp:
    """The shape of tests/filecheck/dialects/hls/tfc_top.mlir, built in Python."""

    def body(top: TopOp) -> list[Operation]:
        rng = np.random.default_rng(0)
        w0 = RomOp("w0", rng.integers(-2, 2, (4, 4, 8)), I2, storage="block")
        t0 = RomOp("t0", np.sort(rng.integers(-40, 40, (4, 2, 3)), -1), I16)
        act = StreamOp(StreamType(U2, 4), depth=8, name="layer0_out")
        k0 = KernelOp(
            "mvau", "layer0", ins=top.inputs, outs=[act], roms=[w0, t0],
            params={"MW": 16, "MH": 8, "SIMD": 8, "PE": 4, "VECS": 1, "TI": U8, "TW": I2, "TO": U2, "TA": I16,
                    "NT": 3, "TT": I16, "ACT_BIAS": 0},
        )
        w1 = RomOp("w1", rng.integers(-1, 2, (2, 4, 4)), dt.TernaryType())
        k1 = KernelOp(
            "mvau", "layer1", ins=[act], outs=top.outputs, roms=[w1],
            params={"MW": 8, "MH": 4, "SIMD": 4, "PE": 2, "VECS": 1, "TI": U2, "TW": dt.TernaryType(), "TO": U2,
                    "TA": I16, "NT": False, "TT": I16, "ACT_BIAS": 0},
        )
        return [w0, t0, act, k0, w1, k1]

    return make_top(body, name="tfc")


def fifo_top(**kernel_args) -> TopOp:
    """One kernel from the input port to the output port."""
    args = {"kernel": "fifo", "instance": "f", "params": FIFO_U8} | kernel_args
    return make_top(
        lambda top: [KernelOp(args["kernel"], args["instance"], top.inputs, top.outputs, params=args.get("params"))],
        inputs=[StreamType(U8, 1)],
        outputs=[StreamType(U8, 1)],
    )


def parse(text: str) -> ModuleOp:
    return Parser(finnr_context(), text).parse_module()


# --- the stream type -----------------------------------------------------------


@pytest.mark.parametrize(
    "element, n, width",
    [
        (dt.BipolarType(), 64, 64),
        (dt.BinaryType(), 32, 32),
        (dt.TernaryType(), 16, 32),
        (dt.IntType(4), 8, 32),
        (dt.UIntType(2), 8, 16),
        (dt.FixedType(16, 6), 4, 64),
        (f32, 3, 96),
        (dt.IntType(32), 1, 32),
    ],
)
def test_stream_width_is_elements_times_bits(element, n, width):
    t = StreamType(element, n)
    assert (t.elements, t.width, t.element_bits * n) == (n, width, width)
    assert t.get_element_type() == element


def test_stream_type_defaults_to_one_element_and_compares_by_value():
    assert StreamType(U2) == StreamType(U2, 1)
    assert StreamType(U2, 8) != StreamType(U2, 4)
    assert StreamType(U2, 8) != StreamType(I2, 8)


@pytest.mark.parametrize(
    "element, n, message",
    [
        (i32, 2, "!hls.stream element type must be a finnr datatype (f32, !qnn.int<n>, !qnn.uint<n>, ...), got i32"),
        (U2, 0, "!hls.stream must carry at least one element per beat, got 0"),
        (U2, -4, "!hls.stream must carry at least one element per beat, got -4"),
    ],
)
def test_stream_type_rejects_bad_parameters(element, n, message):
    with raises(message):
        StreamType(element, n)


# --- builders ------------------------------------------------------------------


def test_two_layer_top_built_in_python_verifies_and_round_trips():
    top = two_layer_top()
    module = ModuleOp([top])
    module.verify()
    assert top.sym_name.data == "tfc" and top.num_inputs.value.data == 1
    assert [a.type for a in top.inputs] == [StreamType(U8, 8)]
    assert [a.type for a in top.outputs] == [StreamType(U2, 2)]
    text = str(module)
    assert 'hls.rom "w0" dense<"0x' in text  # 128 values: printed in hex
    reparsed = parse(text)
    reparsed.verify()
    assert str(reparsed) == text


def test_kernel_builder_converts_python_params():
    top = two_layer_top()
    k0, k1 = [op for op in top.body_block.ops if isinstance(op, KernelOp)]
    assert k0.param("MW") == IntegerAttr(16, i64)
    assert k0.int_param("PE") == 4
    assert k0.param("TW") == I2
    assert k1.param("NT") == IntegerAttr(0, i1)
    assert [r.owner.rom_name.data for r in k0.roms] == ["w0", "t0"]
    assert len(k0.ins) == len(k0.outs) == 1 and len(k1.roms) == 1


def test_rom_builder_keeps_values_and_layout():
    values = np.arange(-8, 8, dtype=np.int64).reshape(2, 2, 4)
    top = make_top(
        lambda top: [
            rom := RomOp("w", values, dt.IntType(4), storage="distributed"),
            KernelOp("mvau", "k", top.inputs, top.outputs, [rom], schema_params("mvau", dt.IntType(4))),
        ]
    )
    top.verify()
    rom = next(op for op in top.body_block.ops if isinstance(op, RomOp))
    np.testing.assert_array_equal(rom.numpy(), values)
    assert rom.result.type.get_shape() == (2, 2, 4)
    assert rom.element_type == dt.IntType(4)
    assert rom.storage == StringAttr("distributed")


def test_builders_use_defaults():
    s = StreamOp(StreamType(U2, 4))
    assert s.depth.value.data == 2 and s.stream_name is None
    r = RomOp("w", np.zeros((2,), np.int8), U2)
    assert r.storage.data == "auto"
    k = KernelOp("fifo", "k", [], [])
    assert k.params.data == {}
    assert "params" not in str(k)  # an empty dictionary is elided (no kernel verifies without params)


@pytest.mark.parametrize("kernel", KERNELS)
def test_every_library_kernel_is_accepted(kernel):
    """With the fewest streams and ROMs its schema allows, and every parameter."""
    schema = KERNELS[kernel]

    def body(top):
        roms = [RomOp(f"r{i}", np.zeros((1, 1, 1), np.int8), U8) for i in range(schema.roms[0])]
        return [*roms, KernelOp(kernel, "k", top.inputs, top.outputs, roms, schema_params(kernel))]

    t = StreamType(U8, 1)
    make_top(body, inputs=[t] * schema.inputs, outputs=[t] * schema.outputs[0]).verify()


def test_multi_port_top():
    def body(top):
        s = StreamOp(StreamType(dt.IntType(5), 2), depth=32)
        return [
            s,
            KernelOp("add_streams", "join", top.inputs, [s], params=schema_params("add_streams", dt.IntType(4))),
            KernelOp("duplicate", "fork", [s], top.outputs, params=schema_params("duplicate", dt.IntType(5))),
        ]

    t = StreamType(dt.IntType(4), 2)
    top = make_top(body, inputs=[t, t], outputs=[StreamType(dt.IntType(5), 2)] * 2)
    top.verify()
    assert top.num_inputs.value.data == 2 and len(top.outputs) == 2


# --- verifier messages -----------------------------------------------------------


def test_stream_depth_must_be_positive():
    def body(top):
        s = StreamOp(StreamType(U8, 1), depth=0)
        return [
            s,
            KernelOp("fifo", "a", top.inputs, [s], params=FIFO_U8),
            KernelOp("fifo", "b", [s], top.outputs, params=FIFO_U8),
        ]

    with raises("'hls.stream' depth must be >= 1, got 0"):
        make_top(body, inputs=[StreamType(U8, 1)], outputs=[StreamType(U8, 1)]).verify()


@pytest.mark.parametrize(
    "values, element, storage, message",
    [
        (np.array([1, 2]), I2, "auto", "'hls.rom' values must lie in !qnn.int<2> ([-2, 1])"),
        (np.array([1, 0]), dt.BipolarType(), "auto", "'hls.rom' values must lie in !qnn.bipolar ([-1, 1])"),
        (np.array([0.5, 1.0]), I2, "auto", "'hls.rom' of integer datatype !qnn.int<2> must store integer values, got f32"),
        (np.array([1, 1]), f32, "auto", "'hls.rom' of element type f32 must store f32 values, got i8"),
        (np.array([1, 1]), I2, "flash", "'hls.rom' storage must be one of auto, block, distributed, ultra, got 'flash'"),
        (np.array([1, 1]), i32, "auto", "'hls.rom' result must have a finnr datatype as element type"),
    ],
)
def test_rom_verifier(values, element, storage, message):
    top = make_top(
        lambda top: [
            rom := RomOp("w", values, element, storage=storage),
            KernelOp("mvau", "k", top.inputs, top.outputs, [rom]),
        ]
    )
    with raises(message):
        top.verify()


def test_fixed_point_rom_accepts_its_grid_only():
    fx = dt.FixedType(8, 4)
    ok = RomOp("w", np.array([-8.0, 7.9375, 0.0625], np.float32), fx)
    bad = RomOp("w", np.array([0.03125], np.float32), fx)
    for rom, fails in ((ok, False), (bad, True)):
        top = make_top(lambda top, rom=rom: [rom, KernelOp("fifo", "k", top.inputs, top.outputs, params=FIFO_U8)],
                       inputs=[StreamType(U8, 1)], outputs=[StreamType(U8, 1)])
        if fails:
            with raises("'hls.rom' values must lie in !qnn.fixed<8, 4>"):
                top.verify()
        else:
            top.verify()


@pytest.mark.parametrize(
    "kernel_args, message",
    [
        ({"kernel": "conv"}, "'hls.kernel' unknown kernel 'conv', expected one of mvau, vvau"),
        ({"instance": ""}, "'hls.kernel' instance name must not be empty"),
        ({"params": {"scale": StringAttr("x")}}, "'hls.kernel' parameter 'scale' must be an integer, a boolean or a finnr datatype, got \"x\""),
        ({"params": {"T": i32}}, "'hls.kernel' parameter 'T' must be an integer, a boolean or a finnr datatype, got i32"),
    ],
)
def test_kernel_verifier(kernel_args, message):
    with raises(message):
        fifo_top(**kernel_args).verify()


@pytest.mark.parametrize(
    "kernel_args, message",
    [
        ({"params": {"ELEMS": 1}}, "'hls.kernel' instance 'f' (fifo) lacks template parameter(s) BEATS, T"),
        ({"params": FIFO_U8 | {"DEPTH": 4}},
         "'hls.kernel' instance 'f' (fifo) has no template parameter(s) DEPTH; fifo takes ELEMS, BEATS, T"),
        ({"params": FIFO_U8 | {"T": 8}}, "'hls.kernel' instance 'f' (fifo) parameter T must be a datatype"),
        ({"params": FIFO_U8 | {"BEATS": U8}}, "'hls.kernel' instance 'f' (fifo) parameter BEATS must be an integer"),
        ({"params": FIFO_U8 | {"T": f32}},
         "'hls.kernel' instance 'f' (fifo) parameter T has datatype f32; "
         "the HLS kernels handle integer datatypes only"),
        ({"kernel": "add_streams", "params": schema_params("add_streams")},
         "'hls.kernel' instance 'f' (add_streams) takes 2 input stream(s), 1..1 output stream(s) and 0..0 ROM(s), "
         "got 1, 1 and 0"),
        ({"kernel": "thresholding", "params": schema_params("thresholding")},
         "'hls.kernel' instance 'f' (thresholding) takes 1 input stream(s), 1..1 output stream(s) and 1..1 ROM(s), "
         "got 1, 1 and 0"),
    ],
)
def test_kernel_schema(kernel_args, message):
    """What the C++ printer cannot print does not verify: the kernel's schema in the dialect."""
    with raises(message):
        fifo_top(**kernel_args).verify()


def test_kernel_roms_have_rank_3():
    def body(top):
        rom = RomOp("w", np.zeros((2, 3), np.int8), U8)
        return [rom, KernelOp("thresholding", "k", top.inputs, top.outputs, [rom], schema_params("thresholding"))]

    message = "'hls.kernel' instance 'k' (thresholding) ROM #0 must have rank 3 (lanes, depth, word), got shape [2, 3]"
    with raises(message):
        make_top(body).verify()


def test_schema_lists_datatypes_among_its_params():
    for name, schema in KERNELS.items():
        assert schema.datatypes <= set(schema.params), name
        assert all(p.startswith("T") for p in schema.datatypes), name


def test_kernel_needs_input_and_output_streams():
    with raises("'hls.kernel' needs at least one input stream"):
        make_top(lambda top: [KernelOp("fifo", "k", [], top.outputs)]).verify()
    with raises("'hls.kernel' needs at least one output stream"):
        make_top(lambda top: [KernelOp("fifo", "k", top.inputs, [])]).verify()


def test_top_port_counts():
    t = StreamType(U8, 1)
    with raises("'hls.top' needs at least one input port, got num_inputs = 0"):
        make_top(lambda top: [], inputs=[], outputs=[t]).verify()
    with raises("'hls.top' needs at least one output port, got 1 ports with num_inputs = 1"):
        make_top(lambda top: [], inputs=[t], outputs=[]).verify()
    with raises("'hls.top' output port #0 must be an !hls.stream, got i32"):
        make_top(lambda top: [], inputs=[t], outputs=[i32]).verify()


def test_top_channel_rules_name_the_stream():
    def read_twice(top):
        s = StreamOp(StreamType(U8, 1), name="conv0_out")
        return [
            s,
            KernelOp("fifo", "a", top.inputs, [s], params=FIFO_U8),
            KernelOp("fifo", "b", [s], [top.outputs[0]], params=FIFO_U8),
            KernelOp("fifo", "c", [s], [top.outputs[1]], params=FIFO_U8),
        ]

    t = StreamType(U8, 1)
    with raises("'hls.top' stream \"conv0_out\" must be read by exactly one kernel, got 2"):
        make_top(read_twice, inputs=[t], outputs=[t, t]).verify()
    with raises("'hls.top' input port #0 must be read by exactly one kernel, got 0"):
        make_top(lambda top: [], inputs=[t], outputs=[t]).verify()


def test_top_rejects_duplicate_instances():
    def body(top):
        s = StreamOp(StreamType(U8, 1))
        return [
            s,
            KernelOp("fifo", "k", top.inputs, [s], params=FIFO_U8),
            KernelOp("fifo", "k", [s], top.outputs, params=FIFO_U8),
        ]

    t = StreamType(U8, 1)
    with raises("'hls.top' kernel instance \"k\" is not unique"):
        make_top(body, inputs=[t], outputs=[t]).verify()


# --- registration ----------------------------------------------------------------


def test_finnr_context_uses_finnr_hls_not_xdsls():
    ctx = finnr_context()
    assert ctx.get_op("hls.top") is TopOp
    assert ctx.get_optional_type("hls.stream") is StreamType
    assert ctx.get_optional_op("hls.pipeline") is None
    assert Hls.name == "hls"
    assert {op.name for op in Hls.operations} == {
        "hls.top", "hls.stream", "hls.rom", "hls.kernel", "hls.yield",
    }


# --- the lowering from dataflow layers -------------------------------------------


def test_every_dataflow_layer_lowers_to_a_library_kernel():
    """convert-dataflow-to-hls has a kernel for every dataflow layer class
    (but dataflow.fifo, which becomes a stream depth), and the lookup of an
    unregistered class names the op."""
    from finnr.diagnostics import FinnrError
    from finnr.dialects import dataflow as df
    from finnr.models.registry import layer_op_classes
    from finnr.passes.convert_dataflow_to_hls import KERNEL_LOWERINGS, layer_kernel

    assert set(KERNEL_LOWERINGS) == set(layer_op_classes()) - {df.FIFOOp}
    with pytest.raises(FinnrError, match="convert-dataflow-to-hls: no HLS kernel for 'dataflow.fifo'"):
        layer_kernel(df.FIFOOp(StreamOp(StreamType(U8, 1)).result), "f")
