"""The ``qnn`` dialect from Python: every builder makes an op that verifies
and round-trips through text with its defaults elided, bad parameters raise
``VerifyException`` with the verifier's message, and the shape rules
(``window_output_dim``, ``matmul_shape``, broadcasting) agree with numpy and
onnxruntime."""

from __future__ import annotations

import importlib.util
import io
import math

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from xdsl.dialects import test as xdsl_test
from xdsl.dialects.builtin import DYNAMIC_INDEX, ModuleOp, TensorType, f32, i32, i64
from xdsl.ir import Attribute, Operation, SSAValue
from xdsl.parser import Parser
from xdsl.printer import Printer
from xdsl.utils.exceptions import VerifyException

from finnr.dialects import datatypes as dt
from finnr.dialects import finnr_context, qnn
from finnr.dialects.utils import broadcast_shapes, window_output_dim

FAST = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])

U2, U4, I2, I4, I8 = dt.UIntType(2), dt.UIntType(4), dt.IntType(2), dt.IntType(4), dt.IntType(8)


def T(*shape: int, elt: Attribute = f32) -> TensorType:
    return TensorType(elt, shape)


def value(t: Attribute, ops: list[Operation]) -> SSAValue:
    """A fresh SSA value of type ``t``, defined by a test.op appended to ``ops``."""
    op = xdsl_test.TestOp(result_types=[t])
    ops.append(op)
    return op.results[0]


def print_ir(op: Operation) -> str:
    out = io.StringIO()
    Printer(stream=out).print_op(op)
    return out.getvalue()


def check(ops: list[Operation]) -> ModuleOp:
    """Verify ``ops`` in a module, then print, re-parse and compare, through
    the custom and the generic form."""
    module = ModuleOp(ops)
    module.verify()
    text = print_ir(module)
    reparsed = Parser(finnr_context(allow_unregistered=True), text).parse_module()
    reparsed.verify()
    assert print_ir(reparsed) == text
    # the generic form carries every property, defaults included
    out = io.StringIO()
    Printer(stream=out, print_generic_format=True).print_op(module)
    generic = Parser(finnr_context(allow_unregistered=True), out.getvalue()).parse_module()
    generic.verify()
    assert print_ir(generic) == text
    return module


# --- every builder -----------------------------------------------------------


def build_constant(ops):
    yield qnn.ConstantOp(np.array([[1, -1], [-1, 1]], dtype=np.int8), T(2, 2, elt=dt.BipolarType()))
    c = qnn.ConstantOp(np.array([0, 3, 7]))  # inferred: uint<3>
    assert c.result.type == T(3, elt=dt.UIntType(3))
    yield c
    c = qnn.ConstantOp(np.array([-4, 3]))
    assert c.result.type == T(2, elt=dt.IntType(3))
    yield c
    c = qnn.ConstantOp(np.linspace(-1, 1, 12, dtype=np.float32).reshape(3, 4))
    assert c.result.type == T(3, 4)
    yield c
    yield qnn.ConstantOp(np.array([0.25, -1.5], dtype=np.float32), T(2, elt=dt.FixedType(4, 2)))
    yield qnn.ConstantOp(np.array([True, False]), T(2, elt=dt.BinaryType()))
    c = qnn.ConstantOp(np.float32(0.5))
    assert c.result.type == T()
    yield c
    big = np.arange(300, dtype=np.int16).reshape(20, 15) - 150
    c = qnn.ConstantOp(big)
    assert c.result.type == T(20, 15, elt=dt.IntType(9))
    np.testing.assert_array_equal(c.numpy(), big)
    yield c


def build_quant(ops):
    x = value(T(1, 3, 4, 4), ops)
    yield qnn.QuantOp(x, T(1, 3, 4, 4), scale=0.5, zeropt=0.0, bitwidth=4)
    yield qnn.QuantOp(
        x, T(1, 3, 4, 4), scale=np.array([0.5, 0.25, 1.0]).reshape(3, 1, 1), zeropt=np.zeros((1, 3, 1, 1)),
        bitwidth=2, signed=False, narrow=True, rounding_mode="HALF_UP",
    )
    yield qnn.QuantOp(x, T(1, 3, 4, 4, elt=I8), scale=1.0, zeropt=0.0, bitwidth=8, narrow=True)
    for mode in qnn.ROUNDING_MODES:
        yield qnn.QuantOp(x, T(1, 3, 4, 4), scale=1.0, zeropt=0.0, bitwidth=3, rounding_mode=mode)


def build_bipolar_quant(ops):
    x = value(T(1, 8), ops)
    yield qnn.BipolarQuantOp(x, T(1, 8, elt=dt.BipolarType()), scale=1.0)
    yield qnn.BipolarQuantOp(x, T(1, 8), scale=np.full((1, 8), 0.5))


def build_trunc(ops):
    x = value(T(1, 4, 2, 2), ops)
    yield qnn.TruncOp(x, T(1, 4, 2, 2), scale=1.0, zeropt=0.0, in_bitwidth=12, out_bitwidth=8)
    yield qnn.TruncOp(
        x, T(1, 4, 2, 2), scale=np.full((4, 1, 1), 0.25), zeropt=1.0, in_bitwidth=8, out_bitwidth=8,
        rounding_mode="ROUND",
    )
    yield qnn.TruncOp(
        x, T(1, 4, 2, 2), scale=0.25, zeropt=0.0, in_bitwidth=4, out_bitwidth=8, out_scale=1.0,
        signed=False, narrow=True,
    )


def build_multithreshold(ops):
    x = value(T(1, 4, 3, 3), ops)
    t = value(T(4, 3), ops)
    yield qnn.MultiThresholdOp(x, t, T(1, 4, 3, 3, elt=U2), out_dtype=U2)
    h = value(T(1, 3, 3, 4), ops)
    yield qnn.MultiThresholdOp(h, t, T(1, 3, 3, 4, elt=U2), out_dtype=U2, data_layout="NHWC")
    v = value(T(1, 64, elt=dt.IntType(10)), ops)
    s = value(T(1, 1, elt=dt.IntType(10)), ops)
    yield qnn.MultiThresholdOp(
        v, s, T(1, 64, elt=dt.BipolarType()), out_dtype=dt.BipolarType(), out_scale=2.0, out_bias=-1.0,
        data_layout="NC",
    )
    t2 = value(T(1, 2), ops)
    yield qnn.MultiThresholdOp(v, t2, T(1, 64), out_dtype=dt.TernaryType(), out_scale=0.5, out_bias=-1.0, data_layout="NC")


def build_matmul(ops):
    a, w = value(T(1, 784, elt=dt.BipolarType()), ops), value(T(784, 64, elt=dt.BipolarType()), ops)
    yield qnn.MatMulOp(a, w, T(1, 64, elt=dt.IntType(11)))
    v, m = value(T(4), ops), value(T(3, 4, 5), ops)
    yield qnn.MatMulOp(v, m, T(3, 5))
    yield qnn.MatMulOp(v, v, T())


def build_conv(ops):
    x, w, b = value(T(1, 3, 8, 8), ops), value(T(16, 3, 3, 3, elt=I4), ops), value(T(16), ops)
    yield qnn.ConvOp(x, w, b, T(1, 16, 8, 8), pads=[1, 1, 1, 1])
    yield qnn.ConvOp(x, w, None, T(1, 16, 3, 3), strides=[2, 2])
    yield qnn.ConvOp(x, w, None, T(1, 16, 4, 4), dilations=[2, 2])
    d, dw = value(T(1, 8, 6, 6), ops), value(T(8, 1, 3, 3), ops)
    yield qnn.ConvOp(d, dw, None, T(1, 8, 6, 6), pads=[1, 1, 1, 1], group=8)
    h, hw = value(T(1, 6, 6, 8), ops), value(T(4, 8, 1, 1), ops)
    yield qnn.ConvOp(h, hw, None, T(1, 6, 6, 4), data_layout="NHWC")
    x1, w1 = value(T(1, 2, 10), ops), value(T(3, 2, 3), ops)
    c = qnn.ConvOp(x1, w1, None, T(1, 3, 8))
    assert c.strides.get_values() == (1,) and c.pads.get_values() == (0, 0)
    yield c


def build_pools(ops):
    x = value(T(1, 4, 8, 8, elt=U2), ops)
    yield qnn.MaxPoolOp(x, T(1, 4, 4, 4, elt=U2), kernel_shape=[2, 2], strides=[2, 2])
    yield qnn.MaxPoolOp(x, T(1, 4, 4, 4, elt=U2), kernel_shape=[3, 3], strides=[2, 2], ceil_mode=True)
    yield qnn.MaxPoolOp(x, T(1, 4, 8, 8, elt=U2), kernel_shape=[3, 3], pads=[1, 1, 1, 1])
    h = value(T(1, 8, 8, 4), ops)
    yield qnn.MaxPoolOp(h, T(1, 6, 6, 4), kernel_shape=[2, 2], dilations=[2, 2], data_layout="NHWC")
    g = value(T(1, 64, 7, 7), ops)
    yield qnn.AvgPoolOp(g, T(1, 64, 1, 1), kernel_shape=[7, 7])
    yield qnn.AvgPoolOp(g, T(1, 64, 4, 4), kernel_shape=[3, 3], strides=[2, 2], pads=[1, 1, 1, 1])


def build_im2col(ops):
    x = value(T(1, 8, 8, 3, elt=U4), ops)
    yield qnn.Im2ColOp(x, T(1, 6, 6, 27, elt=U4), kernel_shape=[3, 3])
    yield qnn.Im2ColOp(x, T(1, 4, 4, 12, elt=U4), kernel_shape=[2, 2], strides=[2, 2])
    yield qnn.Im2ColOp(x, T(1, 4, 4, 27, elt=U4), kernel_shape=[3, 3], dilations=[2, 2])


def build_batchnorm(ops):
    x, p = value(T(1, 16, 4, 4), ops), value(T(16), ops)
    yield qnn.BatchNormOp(x, p, p, p, p, T(1, 16, 4, 4))
    yield qnn.BatchNormOp(x, p, p, p, p, T(1, 16, 4, 4), epsilon=1e-3)


def build_elementwise(ops):
    a, s, c = value(T(1, 16, 4, 4), ops), value(T(), ops), value(T(16, 1, 1, elt=I8), ops)
    for cls in (qnn.AddOp, qnn.SubOp, qnn.MulOp, qnn.DivOp):
        yield cls(a, s, T(1, 16, 4, 4))
        yield cls(c, a, T(1, 16, 4, 4))
    for cls in (qnn.ReluOp, qnn.SignOp):
        yield cls(a, T(1, 16, 4, 4))
    yield qnn.SignOp(a, T(1, 16, 4, 4, elt=dt.TernaryType()))


def build_activations(ops):
    a = value(T(1, 16, 4, 4), ops)
    yield qnn.LeakyReluOp(a, T(1, 16, 4, 4))
    yield qnn.LeakyReluOp(a, T(1, 16, 4, 4), alpha=0.125)
    yield qnn.ClipOp(a, T(1, 16, 4, 4), min=-1.0, max=1.0)
    yield qnn.ClipOp(a, T(1, 16, 4, 4), min=0.0)
    yield qnn.ClipOp(a, T(1, 16, 4, 4), max=6.0)
    yield qnn.SigmoidOp(a, T(1, 16, 4, 4))
    yield qnn.TanhOp(a, T(1, 16, 4, 4))
    yield qnn.HardSigmoidOp(a, T(1, 16, 4, 4))
    yield qnn.HardSigmoidOp(a, T(1, 16, 4, 4), alpha=0.25, beta=0.5)
    i = value(T(1, 8, elt=I8), ops)
    yield qnn.ClipOp(i, T(1, 8, elt=I4), min=-8.0, max=7.0)


def build_data_movement(ops):
    x = value(T(1, 4, 2, 3, elt=U2), ops)
    yield qnn.ReshapeOp(x, T(1, 24, elt=U2))
    yield qnn.ReshapeOp(x, T(24, elt=U2))
    yield qnn.TransposeOp(x, T(1, 2, 3, 4, elt=U2), perm=[0, 2, 3, 1])
    yield qnn.PadOp(x, T(1, 4, 4, 5, elt=U2), pads=[0, 0, 1, 1, 0, 0, 1, 1])
    yield qnn.PadOp(x, T(1, 4, 3, 3, elt=U2), pads=[0, 0, 1, 0, 0, 0, 0, 0], value=3.0)
    y = value(T(1, 2, 2, 3), ops)
    yield qnn.ConcatOp([x, y], T(1, 6, 2, 3), axis=1)
    yield qnn.ConcatOp([y], T(1, 2, 2, 3), axis=0)
    z = value(T(1, 10), ops)
    yield qnn.TopKOp(z, T(1, 1), T(1, 1, elt=i64), k=1)
    yield qnn.TopKOp(z, T(1, 10), T(1, 10, elt=i64), k=1, axis=0, largest=False)
    yield qnn.TopKOp(z, T(1, 3), T(1, 3, elt=i64), k=3, axis=-1)


def build_zoo_data_movement(ops):
    x = value(T(1, 8, 3, 2, elt=U2), ops)
    yield qnn.DepthToSpaceOp(x, T(1, 2, 6, 4, elt=U2), blocksize=2)
    yield qnn.DepthToSpaceOp(x, T(1, 2, 6, 4, elt=U2), blocksize=2, mode="CRD")
    y = value(T(1, 2, 6, 4), ops)
    yield qnn.SpaceToDepthOp(y, T(1, 8, 3, 2), blocksize=2)
    yield qnn.ResizeOp(y, T(1, 2, 12, 8), scales=[1, 1, 2, 2])
    yield qnn.ResizeOp(y, T(1, 2, 3, 10), scales=[1, 1, 0.5, 2.5], coordinate_transformation_mode="asymmetric", nearest_mode="floor")
    yield qnn.SliceOp(y, T(1, 1, 3, 4), starts=[0, 1, 5, 0], steps=[1, 1, -2, 1])
    split = qnn.SplitOp(y, [T(1, 2, 2, 4), T(1, 2, 4, 4)], axis=2)
    assert len(split.results) == 2
    yield split
    yield qnn.SoftmaxOp(y, T(1, 2, 6, 4))
    yield qnn.LogSoftmaxOp(y, T(1, 2, 6, 4), axis=1)
    yield qnn.ArgMaxOp(y, T(1, 2, 6, 1, elt=i64))
    yield qnn.ArgMaxOp(y, T(1, 6, 4, elt=i64), axis=1, keepdims=False, select_last_index=True)


BUILDERS = [
    build_constant, build_quant, build_bipolar_quant, build_trunc, build_multithreshold, build_matmul,
    build_conv, build_pools, build_im2col, build_batchnorm, build_elementwise, build_activations, build_data_movement,
    build_zoo_data_movement,
]


@pytest.mark.parametrize("builder", BUILDERS, ids=lambda b: b.__name__)
def test_builders_make_ops_that_verify_and_round_trip(builder):
    ops: list[Operation] = []
    built = list(builder(ops))
    assert built
    for op in built:
        op.verify()
    check([*ops, *built])


def test_every_op_has_a_builder_test():
    ops: list[Operation] = []
    built = {type(op) for builder in BUILDERS for op in builder(ops)}
    assert set(qnn.Qnn.operations) <= built, set(qnn.Qnn.operations) - built


def test_builder_defaults_are_the_property_defaults():
    """What a builder fills in by default is elided when printed."""
    ops: list[Operation] = []
    x, t = value(T(1, 4, 4, 4), ops), value(T(1, 3), ops)
    w = value(T(4, 4, 1, 1), ops)
    v = value(T(1, 8), ops)
    p = value(T(4), ops)
    built = [
        qnn.QuantOp(x, T(1, 4, 4, 4), scale=1.0, zeropt=0.0, bitwidth=4),
        qnn.TruncOp(x, T(1, 4, 4, 4), scale=1.0, zeropt=0.0, in_bitwidth=8, out_bitwidth=4),
        qnn.MultiThresholdOp(x, t, T(1, 4, 4, 4, elt=U2), out_dtype=U2),
        qnn.ConvOp(x, w, None, T(1, 4, 4, 4)),
        qnn.MaxPoolOp(x, T(1, 4, 2, 2), kernel_shape=[2, 2], strides=[2, 2]),
        qnn.AvgPoolOp(x, T(1, 4, 2, 2), kernel_shape=[2, 2], strides=[2, 2]),
        qnn.BatchNormOp(x, p, p, p, p, T(1, 4, 4, 4)),
        qnn.PadOp(x, T(1, 4, 4, 4), pads=[0] * 8),
        qnn.TopKOp(v, T(1, 2), T(1, 2, elt=i64), k=2),
    ]
    text = print_ir(ModuleOp([*ops, *built]))
    for name in ("signed", "narrow", "rounding_mode", "out_scale", "out_bias", "data_layout", "group",
                 "ceil_mode", "count_include_pad", "epsilon", "value", "axis", "largest"):
        assert f"{name} =" not in text, name


# --- builders with bad parameters raise the verifier's message ----------------


@pytest.mark.parametrize(
    "make, message",
    [
        (lambda o: qnn.QuantOp(value(T(2, 3), o), T(2, 3), scale=0.0, zeropt=0.0, bitwidth=4),
         "'qnn.quant' scale must be positive"),
        (lambda o: qnn.QuantOp(value(T(2, 3), o), T(2, 3), scale=1.0, zeropt=0.0, bitwidth=4, rounding_mode="round"),
         "'qnn.quant' rounding_mode must be one of"),
        (lambda o: qnn.TruncOp(value(T(2), o), T(2), scale=1.0, zeropt=0.0, in_bitwidth=4, out_bitwidth=5),
         r"'qnn.trunc' out_bitwidth \(5\) must not exceed in_bitwidth \(4\)"),
        (lambda o: qnn.MultiThresholdOp(value(T(1, 4), o), value(T(4, 3), o), T(1, 4, elt=dt.TernaryType()),
                                        out_dtype=dt.TernaryType(), data_layout="NC"),
         "3 thresholds give 4 levels, more than !qnn.ternary holds"),
        (lambda o: qnn.ConvOp(value(T(1, 3, 8, 8), o), value(T(4, 3, 3, 3), o), None, T(1, 4, 8, 8)),
         r"'qnn.conv' result shape must be \[1, 4, 6, 6\], got \[1, 4, 8, 8\]"),
        (lambda o: qnn.MaxPoolOp(value(T(1, 3, 8, 8), o), T(1, 3, 4, 4), kernel_shape=[2, 2], data_layout="NC"),
         "data_layout must be NCHW or NHWC"),
        (lambda o: qnn.AddOp(value(T(2, 3), o), value(T(3, 2), o), T(3, 3)),
         r"operand shapes \[2, 3\] and \[3, 2\] do not broadcast"),
        (lambda o: qnn.ReluOp(value(T(2, 3, elt=i32), o), T(2, 3)),
         "'qnn.relu' operand #0 must have a finnr datatype"),
        (lambda o: qnn.TopKOp(value(T(1, 10), o), T(1, 2, elt=i64), T(1, 2, elt=i64), k=2),
         "'qnn.topk' result #0 must have a finnr datatype"),
        (lambda o: qnn.ConstantOp(np.array([0, 2]), T(2, elt=dt.BipolarType())),
         r"'qnn.constant' values must lie in !qnn.bipolar \(\[-1, 1\]\)"),
        (lambda o: qnn.ReshapeOp(value(TensorType(f32, (DYNAMIC_INDEX, 4)), o), T(4)),
         "must have a static shape"),
    ],
)
def test_bad_builders_raise_the_verifier_message(make, message):
    ops: list[Operation] = []
    op = make(ops)
    with pytest.raises(VerifyException, match=message):
        op.verify()


# --- matmul_shape against numpy.matmul -----------------------------------------


def numpy_matmul_shape(a: tuple[int, ...], b: tuple[int, ...]) -> tuple[int, ...] | None:
    try:
        return np.matmul(np.zeros(a), np.zeros(b)).shape
    except ValueError:
        return None


dims = st.integers(1, 3)
small_shapes = st.lists(dims, min_size=1, max_size=4).map(tuple)


@settings(max_examples=400, deadline=None)
@given(small_shapes, small_shapes)
def test_matmul_shape_is_numpy_matmul(a, b):
    assert qnn.matmul_shape(a, b) == numpy_matmul_shape(a, b)


@FAST
@given(st.lists(dims, max_size=3).map(tuple), st.lists(dims, max_size=3).map(tuple), dims, dims, dims,
       st.booleans(), st.booleans())
def test_matmul_shape_when_inner_dims_agree(batch_a, batch_b, m, k, n, vec_a, vec_b):
    a = (k,) if vec_a else (*batch_a, m, k)
    b = (k,) if vec_b else (*batch_b, k, n)
    expected = numpy_matmul_shape(a, b)
    assert qnn.matmul_shape(a, b) == expected
    if expected is not None:
        ops: list[Operation] = []
        qnn.MatMulOp(value(T(*a), ops), value(T(*b), ops), T(*expected)).verify()


def test_matmul_shape_rejects_scalars():
    assert qnn.matmul_shape((), (3,)) is None
    assert qnn.matmul_shape((3,), ()) is None


# --- broadcasting against numpy --------------------------------------------------


@FAST
@given(small_shapes, small_shapes)
def test_elementwise_broadcasting_is_numpy(a, b):
    try:
        expected = np.broadcast(np.zeros(a), np.zeros(b)).shape
    except ValueError:
        expected = None
    assert broadcast_shapes(a, b) == expected
    ops: list[Operation] = []
    op = qnn.MulOp(value(T(*a), ops), value(T(*b), ops), T(*(expected or a)))
    if expected is None:
        with pytest.raises(VerifyException, match="do not broadcast"):
            op.verify()
    else:
        op.verify()


# --- window_output_dim against numpy and onnxruntime -----------------------------


def numpy_windows(size: int, kernel: int, stride: int, pad_begin: int, pad_end: int, dilation: int) -> int:
    """Count the windows numpy's sliding_window_view finds (floor mode)."""
    span = dilation * (kernel - 1) + 1
    padded = np.zeros(size + pad_begin + pad_end)
    if span > padded.size:
        return 0
    return np.lib.stride_tricks.sliding_window_view(padded, span)[::stride].shape[0]


@settings(max_examples=300, deadline=None)
@given(st.integers(1, 20), st.integers(1, 5), st.integers(1, 4), st.integers(0, 3), st.integers(0, 3),
       st.integers(1, 3))
def test_window_output_dim_floor_is_numpy(size, kernel, stride, pb, pe, dilation):
    got = window_output_dim(size, kernel, stride, pb, pe, dilation)
    expected = numpy_windows(size, kernel, stride, pb, pe, dilation)
    assert max(got, 0) == expected


@settings(max_examples=300, deadline=None)
@given(st.integers(1, 20), st.integers(1, 5), st.integers(1, 4), st.integers(0, 3), st.integers(0, 3),
       st.integers(1, 3))
def test_window_output_dim_ceil(size, kernel, stride, pb, pe, dilation):
    span = dilation * (kernel - 1) + 1
    floor = window_output_dim(size, kernel, stride, pb, pe, dilation)
    ceil = window_output_dim(size, kernel, stride, pb, pe, dilation, ceil_mode=True)
    assume(size + pb + pe >= span)
    assume(pb < kernel and pe < kernel)  # as onnxruntime and PyTorch require
    # ceil mode adds at most one window, one that runs off the padded end
    assert ceil in (floor, floor + 1)
    assert ceil == floor + 1 or (size + pb + pe - span) % stride == 0 or (floor * stride >= size + pb)
    if ceil == floor + 1:
        assert (ceil - 1) * stride + span > size + pb + pe  # the extra window is partial
        assert (ceil - 1) * stride < size + pb  # and starts inside the input or left padding


needs_onnxruntime = pytest.mark.skipif(
    importlib.util.find_spec("onnxruntime") is None, reason="onnxruntime is not installed"
)


def ort_output_shape(op_type: str, x_shape, w_shape=None, **attrs) -> tuple[int, ...]:
    import onnxruntime as ort
    from onnx import TensorProto, helper

    inputs = [helper.make_tensor_value_info("x", TensorProto.FLOAT, list(x_shape))]
    feeds = {"x": np.zeros(x_shape, np.float32)}
    names = ["x"]
    if w_shape is not None:
        inputs.append(helper.make_tensor_value_info("w", TensorProto.FLOAT, list(w_shape)))
        feeds["w"] = np.zeros(w_shape, np.float32)
        names.append("w")
    node = helper.make_node(op_type, names, ["y"], **attrs)
    graph = helper.make_graph(
        [node], "g", inputs, [helper.make_tensor_value_info("y", TensorProto.FLOAT, None)]
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 19)])
    model.ir_version = 9
    options = ort.SessionOptions()
    options.log_severity_level = 3
    session = ort.InferenceSession(model.SerializeToString(), options, providers=["CPUExecutionProvider"])
    return session.run(None, feeds)[0].shape


@needs_onnxruntime
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(1, 12), st.integers(1, 4), st.integers(1, 3), st.integers(0, 3), st.integers(0, 3),
       st.integers(1, 2), st.booleans())
def test_maxpool_matches_onnxruntime(size, kernel, stride, pb, pe, dilation, ceil_mode):
    assume(pb < kernel and pe < kernel)  # onnxruntime's requirement
    span = dilation * (kernel - 1) + 1
    assume(size + pb + pe >= span)
    (out,) = ort_output_shape(
        "MaxPool", (1, 2, size), kernel_shape=[kernel], strides=[stride], pads=[pb, pe],
        dilations=[dilation], ceil_mode=int(ceil_mode),
    )[2:]
    assert window_output_dim(size, kernel, stride, pb, pe, dilation, ceil_mode) == out
    ops: list[Operation] = []
    x = value(T(1, 2, size, 5), ops)
    kwargs = dict(kernel_shape=[kernel, 1], strides=[stride, 1], pads=[pb, 0, pe, 0], dilations=[dilation, 1],
                  ceil_mode=ceil_mode)
    qnn.MaxPoolOp(x, T(1, 2, out, 5), **kwargs).verify()
    with pytest.raises(VerifyException, match="result shape must be"):
        qnn.MaxPoolOp(x, T(1, 2, out + 1, 5), **kwargs).verify()


@needs_onnxruntime
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(3, 10), st.integers(3, 10), st.integers(1, 3), st.integers(1, 3),
       st.sampled_from([1, 2, 4]), st.integers(1, 2), st.integers(0, 2), st.integers(0, 2),
       st.integers(1, 2), st.booleans(), st.data())
def test_conv_matches_onnxruntime(h, w, kh, kw, group, stride, pt, pb, dilation, nhwc, data):
    c = group * data.draw(st.integers(1, 2))
    m = group * data.draw(st.integers(1, 2))
    assume(h + pt + pb >= dilation * (kh - 1) + 1 and w >= dilation * (kw - 1) + 1)
    x_shape, w_shape = (1, c, h, w), (m, c // group, kh, kw)
    out = ort_output_shape(
        "Conv", x_shape, w_shape, strides=[stride, stride], pads=[pt, 0, pb, 0], dilations=[dilation] * 2,
        group=group,
    )
    ops: list[Operation] = []
    kwargs = dict(strides=[stride] * 2, pads=[pt, 0, pb, 0], dilations=[dilation] * 2, group=group)
    if nhwc:
        x = value(T(1, h, w, c), ops)
        result = T(out[0], out[2], out[3], out[1])
        kwargs["data_layout"] = "NHWC"
    else:
        x = value(T(*x_shape), ops)
        result = T(*out)
    weights = value(T(*w_shape, elt=I4), ops)
    bias = value(T(m), ops)
    qnn.ConvOp(x, weights, bias, result, **kwargs).verify()
    wrong = T(*[d + (i == 2) for i, d in enumerate(result.get_shape())])
    with pytest.raises(VerifyException, match="result shape must be"):
        qnn.ConvOp(x, weights, None, wrong, **kwargs).verify()


def test_channel_axis():
    assert qnn.channel_axis("NCHW", 4) == 1
    assert qnn.channel_axis("NHWC", 4) == 3
    assert qnn.channel_axis("NC", 2) == 1
    assert qnn.channel_axis("NCW", 3) == 1
    assert qnn.channel_axis("NWC", 3) == 2
    assert qnn.channel_axis("NCHW", 2) == 1
    assert qnn.channel_axis("NCHW", 1) == 0


@pytest.mark.parametrize(
    "out_dtype, max_thresholds",
    [(dt.UIntType(1), 1), (dt.UIntType(2), 3), (dt.IntType(4), 15), (dt.BipolarType(), 1),
     (dt.BinaryType(), 1), (dt.TernaryType(), 2), (dt.UIntType(8), 255)],
)
def test_multithreshold_counts_the_values_of_out_dtype(out_dtype, max_thresholds):
    ops: list[Operation] = []
    x = value(T(1, 4), ops)
    ok = qnn.MultiThresholdOp(x, value(T(1, max_thresholds), ops), T(1, 4), out_dtype=out_dtype, data_layout="NC")
    ok.verify()
    lo, hi = dt.value_range(out_dtype)
    assert max_thresholds + 1 == (2 if isinstance(out_dtype, dt.BipolarType) else hi - lo + 1)
    bad = qnn.MultiThresholdOp(x, value(T(1, max_thresholds + 1), ops), T(1, 4), out_dtype=out_dtype,
                               data_layout="NC")
    with pytest.raises(VerifyException, match="thresholds give"):
        bad.verify()


def test_matmul_shape_of_tfc_layers():
    shapes = [(1, 784), (784, 64), (64, 64), (64, 10)]
    x = shapes[0]
    for w in shapes[1:]:
        x = qnn.matmul_shape(x, w)
    assert x == (1, 10)
    assert math.prod(x) == 10
