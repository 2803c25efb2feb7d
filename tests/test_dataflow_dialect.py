"""The dataflow dialect from Python: builders produce ops that verify, and
wrong parameters raise VerifyException with the expected message."""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Sequence

import numpy as np
import pytest
from xdsl.dialects import test as xdsl_test
from xdsl.dialects.builtin import IntegerType, ModuleOp, TensorType, f32
from xdsl.ir import Attribute, Block, Operation, Region, SSAValue
from xdsl.parser import Parser
from xdsl.printer import Printer
from xdsl.utils.exceptions import VerifyException

from finnr.dialects import datatypes as dt
from finnr.dialects import finnr_context
from finnr.dialects.dataflow import (
    AddStreamsOp,
    Dataflow,
    DuplicateOp,
    DWCOp,
    FIFOOp,
    LabelSelectOp,
    MaxPoolOp,
    MVAUOp,
    PadOp,
    PartitionOp,
    SWUOp,
    ThresholdingOp,
    VVAUOp,
    YieldOp,
)
from finnr.dialects.utils import numpy_from_dense

U2, U4, I2, I4, I8 = dt.UIntType(2), dt.UIntType(4), dt.IntType(2), dt.IntType(4), dt.IntType(8)


def tensor(elt: Attribute, *shape: int) -> TensorType:
    return TensorType(elt, shape)


def value(t: TensorType) -> SSAValue:
    """A detached SSA value of type ``t`` (the result of a test.op)."""
    return xdsl_test.TestOp(result_types=[t]).results[0]


def partition(
    input_types: Sequence[TensorType],
    body: Callable[[Sequence[SSAValue]], tuple[list[Operation], list[SSAValue]]],
    name: str | None = "p",
) -> ModuleOp:
    """A module holding test.ops for the inputs and a partition whose body
    ``body`` builds from the block arguments; verified before returning."""
    sources = [xdsl_test.TestOp(result_types=[t]) for t in input_types]
    block = Block(arg_types=input_types)
    ops, outs = body(block.args)
    block.add_ops([*ops, YieldOp(*outs)])
    part = PartitionOp([s.results[0] for s in sources], [v.type for v in outs], block, sym_name=name)
    module = ModuleOp([*sources, part])
    module.verify()
    return module


def print_op(op: Operation) -> str:
    out = io.StringIO()
    Printer(stream=out).print_op(op)
    return out.getvalue()


def parse(text: str) -> ModuleOp:
    return Parser(finnr_context(), text).parse_module()


# --- builders ----------------------------------------------------------------


def test_mvau_builder_verifies_in_a_partition():
    rng = np.random.default_rng(0)
    w = rng.integers(-2, 2, size=(16, 8))
    t = np.sort(rng.integers(-20, 20, size=(8, 3)), axis=1)

    def body(args):
        m = MVAUOp(args[0], tensor(U2, 1, 8), weights=w, weight_dtype=I2, thresholds=t, pe=4, simd=8)
        return [m], [m.result]

    module = partition([tensor(U4, 1, 16)], body)
    mvau = next(op for op in module.walk() if isinstance(op, MVAUOp))
    assert (mvau.mw, mvau.mh) == (16, 8)
    assert mvau.pe.value.data == 4 and mvau.simd.value.data == 8
    np.testing.assert_array_equal(mvau.weight_matrix(), w)
    np.testing.assert_array_equal(mvau.threshold_matrix(), t)
    # weights are stored in the narrowest integer type, built from bytes
    assert mvau.weights.get_element_type() == IntegerType(8)
    assert mvau.mem_mode.data == "internal_embedded"


def test_mvau_without_thresholds_is_a_raw_accumulator():
    m = MVAUOp(value(tensor(f32, 2, 3, 4)), tensor(f32, 2, 3, 5), weights=np.ones((4, 5), np.int64), weight_dtype=dt.BinaryType())
    m.verify()
    assert m.thresholds is None and m.threshold_matrix() is None


def test_mvau_float_thresholds_and_options():
    m = MVAUOp(
        value(tensor(dt.BipolarType(), 1, 4)), tensor(dt.BipolarType(), 1, 2),
        weights=np.array([[1, -1], [1, 1], [-1, -1], [1, -1]]), weight_dtype=dt.BipolarType(),
        thresholds=np.array([[0.5], [-0.5]], np.float32), mem_mode="external", ram_style="ultra", res_type="dsp",
    )
    m.verify()
    assert numpy_from_dense(m.thresholds).dtype == np.float32
    assert (m.mem_mode.data, m.ram_style.data, m.res_type.data) == ("external", "ultra", "dsp")


def test_large_weights_print_as_hex_and_round_trip():
    w = (np.arange(32 * 16).reshape(32, 16) % 4 - 2).astype(np.int8)

    def body(args):
        m = MVAUOp(args[0], tensor(dt.IntType(10), 1, 16), weights=w, weight_dtype=I2, simd=32)
        return [m], [m.result]

    module = partition([tensor(U4, 1, 32)], body)
    text = print_op(module)
    assert f'dense<"0x{w.tobytes().hex().upper()}">' in text
    again = parse(text)
    again.verify()
    mvau = next(op for op in again.walk() if isinstance(op, MVAUOp))
    np.testing.assert_array_equal(mvau.weight_matrix(), w)
    assert print_op(again) == text


def test_vvau_builder():
    def body(args):
        swu = SWUOp(args[0], kernel=(3, 3), simd=4, depthwise=True)
        v = VVAUOp(
            swu.result, tensor(U2, 1, 3, 3, 4), kernel=(3, 3),
            weights=np.ones((4, 9), np.int8), weight_dtype=dt.TernaryType(),
            thresholds=np.zeros((4, 3)), pe=2, simd=3,
        )
        return [swu, v], [v.result]

    module = partition([tensor(U4, 1, 5, 5, 4)], body)
    v = next(op for op in module.walk() if isinstance(op, VVAUOp))
    assert v.channels == 4
    assert tuple(v.kernel.get_values()) == (3, 3)


@pytest.mark.parametrize(
    "shape, kernel, stride, dilation, expected",
    [
        ((1, 5, 5, 4), (3, 3), (1, 1), (1, 1), (1, 3, 3, 36)),
        ((1, 8, 8, 2), (3, 3), (2, 2), (1, 1), (1, 3, 3, 18)),
        ((2, 7, 9, 4), (3, 3), (1, 1), (2, 2), (2, 3, 5, 36)),
        ((1, 7, 9, 4), (1, 3), (1, 3), (1, 2), (1, 7, 2, 12)),
        ((1, 4, 4, 3), (1, 1), (1, 1), (1, 1), (1, 4, 4, 3)),
    ],
)
def test_swu_infers_the_window_shape(shape, kernel, stride, dilation, expected):
    swu = SWUOp(value(tensor(U2, *shape)), kernel=kernel, stride=stride, dilation=dilation)
    swu.verify()
    assert swu.result.type == tensor(U2, *expected)


def test_maxpool_stride_defaults_to_kernel_in_the_builder():
    p = MaxPoolOp(value(tensor(I4, 1, 8, 6, 4)), kernel=(2, 2), pe=4)
    p.verify()
    assert p.result.type == tensor(I4, 1, 4, 3, 4)
    assert tuple(p.stride.get_values()) == (2, 2)
    p1 = MaxPoolOp(value(tensor(I4, 1, 8, 6, 4)), kernel=(3, 3), stride=(1, 1))
    p1.verify()
    assert p1.result.type == tensor(I4, 1, 6, 4, 4)


def test_pad_infers_the_padded_shape():
    p = PadOp(value(tensor(I4, 1, 5, 4, 6)), pads=(0, 2, 3, 1), value=-8.0, simd=3)
    p.verify()
    assert p.result.type == tensor(I4, 1, 8, 7, 6)
    assert p.value.value.data == -8.0


@pytest.mark.parametrize(
    "shape, k, expected",
    [
        ((1, 10), 1, tensor(dt.UIntType(4), 1, 1)),
        ((4, 1000), 5, tensor(dt.UIntType(10), 4, 5)),
        ((1, 2), 2, tensor(dt.UIntType(1), 1, 2)),
        ((1, 1, 1, 16), 3, tensor(dt.UIntType(4), 1, 1, 1, 3)),
    ],
)
def test_label_select_infers_the_index_type(shape, k, expected):
    op = LabelSelectOp(value(tensor(I8, *shape)), k=k)
    op.verify()
    assert op.result.type == expected


def test_stream_plumbing_keeps_the_type():
    t = tensor(U2, 1, 4, 4, 12)
    x = value(t)
    d = DWCOp(x, in_elems=12, out_elems=3)
    f = FIFOOp(d.result, depth=64, ram_style="block", elems=3)
    dup = DuplicateOp(f.result, 3, pe=4)
    for op in (d, f, dup):
        op.verify()
    assert d.result.type == t and f.result.type == t
    assert [r.type for r in dup.outputs] == [t, t, t]
    assert f.depth.value.data == 64


@pytest.mark.parametrize(
    "lhs, rhs, expected",
    [
        (U2, U2, dt.UIntType(3)),
        (I4, U2, dt.IntType(5)),
        (dt.BipolarType(), dt.BipolarType(), dt.IntType(3)),
        (dt.BinaryType(), dt.TernaryType(), dt.IntType(3)),
        (f32, U2, f32),
    ],
)
def test_add_streams_infers_a_type_holding_every_sum(lhs, rhs, expected):
    op = AddStreamsOp(value(tensor(lhs, 2, 6)), value(tensor(rhs, 2, 6)), pe=2)
    op.verify()
    assert op.result.type == tensor(expected, 2, 6)


def test_thresholding_builder():
    t = np.array([[-10, 0, 10], [-5, 5, 15], [0, 1, 2], [-128, 0, 127]])
    op = ThresholdingOp(value(tensor(I8, 1, 2, 2, 4)), tensor(dt.IntType(2), 1, 2, 2, 4), thresholds=t, act_bias=-2, pe=2)
    op.verify()
    np.testing.assert_array_equal(op.threshold_matrix(), t)
    assert op.act_bias.value.data == -2


def test_partition_builder_prints_and_parses_back():
    def body(args):
        f = FIFOOp(args[0], depth=8)
        return [f], [f.result, args[1]]

    module = partition([tensor(U2, 1, 8), tensor(I4, 1, 8)], body, name="accel")
    text = print_op(module)
    assert 'dataflow.partition "accel" (%' in text
    assert "-> (tensor<1x8x!qnn.uint<2>>, tensor<1x8x!qnn.int<4>>) {" in text
    again = parse(text)
    again.verify()
    assert print_op(again) == text
    part = next(op for op in again.walk() if isinstance(op, PartitionOp))
    assert part.sym_name is not None and part.sym_name.data == "accel"
    assert isinstance(part.yield_op(), YieldOp)


def test_the_dialect_object_lists_every_op():
    names = {op.name for op in Dataflow.operations}
    assert names == {
        "dataflow.partition", "dataflow.yield", "dataflow.mvau", "dataflow.vvau",
        "dataflow.swu", "dataflow.thresholding", "dataflow.maxpool", "dataflow.pad",
        "dataflow.label_select", "dataflow.dwc", "dataflow.fifo", "dataflow.duplicate",
        "dataflow.add_streams", "dataflow.offload", "dataflow.engine",
        "dataflow.concat", "dataflow.upsample", "dataflow.depth_to_space",
    }


# --- wrong parameters --------------------------------------------------------


def _mvau(**kw):
    args = dict(weights=np.ones((8, 4), np.int8), weight_dtype=I2)
    args.update(kw)
    out = args.pop("out", tensor(U2, 1, 4))
    return MVAUOp(value(tensor(U2, 1, 8)), out, **args)


WRONG: list[tuple[str, Callable[[], Operation], str]] = [
    ("mvau pe", lambda: _mvau(pe=3), "'dataflow.mvau' pe (3) must divide MH (4)"),
    ("mvau simd", lambda: _mvau(simd=3), "'dataflow.mvau' simd (3) must divide MW (8)"),
    ("mvau pe zero", lambda: _mvau(pe=0), "'dataflow.mvau' pe must be >= 1, got 0"),
    ("mvau weights shape", lambda: _mvau(weights=np.ones((4, 8), np.int8)), "'dataflow.mvau' weights must have shape [MW, MH] = [8, 4], got [4, 8]"),
    ("mvau weight range", lambda: _mvau(weights=np.full((8, 4), 2)), "'dataflow.mvau' weight values must lie in weight_dtype !qnn.int<2> ([-2, 1])"),
    ("mvau float weights", lambda: _mvau(weights=np.ones((8, 4), np.float32)), "'dataflow.mvau' weights must store integers, got f32"),
    ("mvau weight dtype", lambda: _mvau(weight_dtype=f32), "'dataflow.mvau' weight_dtype must be an integer datatype, got f32"),
    ("mvau threshold rows", lambda: _mvau(thresholds=np.zeros((2, 3))), "'dataflow.mvau' thresholds must have 1 or 4 rows (one per channel), got 2"),
    ("mvau too many thresholds", lambda: _mvau(thresholds=np.zeros((4, 4))), "'dataflow.mvau' 4 thresholds give 5 levels, more than !qnn.uint<2> holds (4)"),
    ("mvau float result", lambda: _mvau(thresholds=np.zeros((1, 3)), out=tensor(f32, 1, 4)), "'dataflow.mvau' result element type must be an integer datatype when thresholds are present, got f32"),
    ("mvau act_bias range", lambda: _mvau(thresholds=np.zeros((1, 3)), act_bias=1), "'dataflow.mvau' outputs act_bias + 0..3 = [1, 4] do not fit in !qnn.uint<2>"),
    ("mvau act_bias alone", lambda: _mvau(act_bias=1), "'dataflow.mvau' act_bias needs thresholds"),
    ("mvau mem_mode", lambda: _mvau(mem_mode="decoupled"), "'dataflow.mvau' mem_mode must be one of internal_embedded, internal_decoupled, external, got 'decoupled'"),
    ("mvau ram_style", lambda: _mvau(ram_style="bram"), "'dataflow.mvau' ram_style must be one of auto, block, distributed, ultra, got 'bram'"),
    ("mvau res_type", lambda: _mvau(res_type="fabric"), "'dataflow.mvau' res_type must be one of auto, lut, dsp, got 'fabric'"),
    ("mvau element type", lambda: MVAUOp(value(tensor(IntegerType(8), 1, 8)), tensor(U2, 1, 4), weights=np.ones((8, 4)), weight_dtype=I2), "'dataflow.mvau' operand #0 must have a finnr datatype as element type"),
    ("vvau pe", lambda: VVAUOp(value(tensor(U2, 1, 2, 2, 18)), tensor(I8, 1, 2, 2, 2), kernel=(3, 3), weights=np.ones((2, 9)), weight_dtype=I2, pe=4), "'dataflow.vvau' pe (4) must divide C (2)"),
    ("vvau simd", lambda: VVAUOp(value(tensor(U2, 1, 2, 2, 18)), tensor(I8, 1, 2, 2, 2), kernel=(3, 3), weights=np.ones((2, 9)), weight_dtype=I2, simd=2), "'dataflow.vvau' simd (2) must divide KH*KW (9)"),
    ("vvau input", lambda: VVAUOp(value(tensor(U2, 1, 2, 2, 18)), tensor(I8, 1, 2, 2, 2), kernel=(2, 2), weights=np.ones((2, 4)), weight_dtype=I2), "'dataflow.vvau' input vectors must have KH*KW*C = 2*2*2 = 8 elements, got 18"),
    ("vvau weights", lambda: VVAUOp(value(tensor(U2, 1, 2, 2, 18)), tensor(I8, 1, 2, 2, 2), kernel=(3, 3), weights=np.ones((9, 2)), weight_dtype=I2), "'dataflow.vvau' weights must have shape [C, KH*KW] = [2, 9], got [9, 2]"),
    ("swu simd", lambda: SWUOp(value(tensor(U2, 1, 5, 5, 4)), kernel=(3, 3), simd=3), "'dataflow.swu' simd (3) must divide the channels (4)"),
    ("swu shape", lambda: SWUOp(value(tensor(U2, 1, 5, 5, 4)), tensor(U2, 1, 3, 3, 4), kernel=(3, 3)), "'dataflow.swu' result shape must be [1, 3, 3, 36], got [1, 3, 3, 4]"),
    ("swu window", lambda: SWUOp(value(tensor(U2, 1, 5, 5, 4)), tensor(U2, 1, 1, 1, 36), kernel=(3, 3), dilation=(3, 3)), "'dataflow.swu' window [3, 3] (dilation [3, 3]) does not fit the input [5, 5]"),
    ("swu stride", lambda: SWUOp(value(tensor(U2, 1, 5, 5, 4)), tensor(U2, 1, 3, 3, 36), kernel=(3, 3), stride=(0, 1)), "'dataflow.swu' stride entries must be >= 1, got [0, 1]"),
    ("thresholding pe", lambda: ThresholdingOp(value(tensor(I8, 1, 4)), tensor(U2, 1, 4), thresholds=np.zeros((1, 3)), pe=3), "'dataflow.thresholding' pe (3) must divide the channels (4)"),
    ("thresholding levels", lambda: ThresholdingOp(value(tensor(I8, 1, 4)), tensor(dt.BinaryType(), 1, 4), thresholds=np.zeros((1, 2))), "'dataflow.thresholding' 2 thresholds give 3 levels, more than !qnn.binary holds (2)"),
    ("thresholding bipolar bias", lambda: ThresholdingOp(value(tensor(I8, 1, 4)), tensor(dt.BipolarType(), 1, 4), thresholds=np.zeros((1, 1)), act_bias=-1), "'dataflow.thresholding' act_bias must be 0 for a !qnn.bipolar result"),
    ("maxpool pe", lambda: MaxPoolOp(value(tensor(I4, 1, 4, 4, 8)), kernel=(2, 2), pe=3), "'dataflow.maxpool' pe (3) must divide the channels (8)"),
    ("maxpool type", lambda: MaxPoolOp(value(tensor(I4, 1, 4, 4, 8)), tensor(I8, 1, 2, 2, 8), kernel=(2, 2)), "'dataflow.maxpool' result element type !qnn.int<8> must equal the input type !qnn.int<4>"),
    ("pad value", lambda: PadOp(value(tensor(U4, 1, 4, 4, 2)), pads=(1, 1, 1, 1), value=-1.0), "'dataflow.pad' pad value -1 is not in !qnn.uint<4>"),
    ("pad bipolar zero", lambda: PadOp(value(tensor(dt.BipolarType(), 1, 4, 4, 2)), pads=(1, 1, 1, 1)), "'dataflow.pad' pad value 0 is not in !qnn.bipolar"),
    ("pad negative", lambda: PadOp(value(tensor(U4, 1, 4, 4, 2)), tensor(U4, 1, 4, 4, 2), pads=(1, -1, -1, 1)), "'dataflow.pad' pads must be >= 0, got [1, -1, -1, 1]"),
    ("pad simd", lambda: PadOp(value(tensor(U4, 1, 4, 4, 2)), pads=(1, 1, 1, 1), simd=4), "'dataflow.pad' simd (4) must divide the channels (2)"),
    ("label_select k", lambda: LabelSelectOp(value(tensor(I8, 1, 10)), tensor(U4, 1, 11), k=11), "'dataflow.label_select' k must be in 1..10, got 11"),
    ("label_select pe", lambda: LabelSelectOp(value(tensor(I8, 1, 10)), k=1, pe=4), "'dataflow.label_select' pe (4) must divide the labels (10)"),
    ("label_select index type", lambda: LabelSelectOp(value(tensor(I8, 1, 10)), tensor(dt.UIntType(3), 1, 1), k=1), "'dataflow.label_select' result element type must be an integer datatype holding the indices 0..9, got !qnn.uint<3>"),
    ("dwc elems", lambda: DWCOp(value(tensor(U2, 1, 12)), in_elems=5, out_elems=4), "'dataflow.dwc' in_elems (5) must divide the last dimension (12)"),
    ("dwc zero", lambda: DWCOp(value(tensor(U2, 1, 12)), in_elems=2, out_elems=0), "'dataflow.dwc' out_elems must be >= 1, got 0"),
    ("fifo depth", lambda: FIFOOp(value(tensor(U2, 1, 12)), depth=0), "'dataflow.fifo' depth must be >= 1, got 0"),
    ("fifo ram_style", lambda: FIFOOp(value(tensor(U2, 1, 12)), ram_style="lut"), "'dataflow.fifo' ram_style must be one of auto, block, distributed, ultra, got 'lut'"),
    ("fifo elems", lambda: FIFOOp(value(tensor(U2, 1, 12)), elems=5), "'dataflow.fifo' elems (5) must divide the last dimension (12)"),
    ("duplicate one", lambda: DuplicateOp(value(tensor(U2, 1, 12)), 1), "'dataflow.duplicate' needs at least 2 results, got 1"),
    ("duplicate pe", lambda: DuplicateOp(value(tensor(U2, 1, 12)), 2, pe=5), "'dataflow.duplicate' pe (5) must divide the last dimension (12)"),
    ("add_streams shapes", lambda: AddStreamsOp(value(tensor(U2, 1, 12)), value(tensor(U2, 1, 6)), tensor(U4, 1, 12)), "'dataflow.add_streams' operand shapes [1, 12] and [1, 6] must be equal"),
    ("add_streams range", lambda: AddStreamsOp(value(tensor(U2, 1, 12)), value(tensor(I2, 1, 12)), tensor(dt.UIntType(3), 1, 12)), "'dataflow.add_streams' result element type !qnn.uint<3> does not hold the sums of !qnn.uint<2> and !qnn.int<2> ([-2, 4])"),
    ("add_streams pe", lambda: AddStreamsOp(value(tensor(U2, 1, 12)), value(tensor(U2, 1, 12)), pe=8), "'dataflow.add_streams' pe (8) must divide the last dimension (12)"),
]


@pytest.mark.parametrize("builder, message", [w[1:] for w in WRONG], ids=[w[0] for w in WRONG])
def test_wrong_parameters_raise(builder, message):
    op = builder()
    with pytest.raises(VerifyException, match=re.escape(message)):
        op.verify()


def test_layers_must_sit_in_a_partition():
    x = xdsl_test.TestOp(result_types=[tensor(U2, 1, 8)])
    module = ModuleOp([x, FIFOOp(x.results[0])])
    with pytest.raises(VerifyException, match="'dataflow.fifo' expects parent op to be one of 'dataflow.partition', 'dataflow.offload'"):
        module.verify()


def test_partition_body_holds_layers_only():
    x = xdsl_test.TestOp(result_types=[tensor(U2, 1, 8)])
    part = PartitionOp([x.results[0]], [])
    part.block.add_ops([xdsl_test.TestOp(result_types=[tensor(U2, 1, 8)]), YieldOp()])
    with pytest.raises(VerifyException, match="'dataflow.partition' body may only contain dataflow layer ops, got 'test.op'"):
        ModuleOp([x, part]).verify()


def test_partition_yields_its_result_types():
    x = xdsl_test.TestOp(result_types=[tensor(U2, 1, 8)])
    part = PartitionOp([x.results[0]], [tensor(U4, 1, 8)])
    part.block.add_op(YieldOp(part.block.args[0]))
    with pytest.raises(VerifyException, match=re.escape("'dataflow.partition' yielded types (tensor<1x8x!qnn.uint<2>>) must equal the result types (tensor<1x8x!qnn.uint<4>>)")):
        ModuleOp([x, part]).verify()


def test_partition_block_arguments_match_the_operands():
    x = xdsl_test.TestOp(result_types=[tensor(U2, 1, 8)])
    part = PartitionOp([x.results[0]], [], Region(Block([YieldOp()], arg_types=[tensor(U4, 1, 8)])))
    with pytest.raises(VerifyException, match=re.escape("'dataflow.partition' block argument types (tensor<1x8x!qnn.uint<4>>) must equal the operand types (tensor<1x8x!qnn.uint<2>>)")):
        ModuleOp([x, part]).verify()
