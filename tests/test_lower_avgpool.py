"""``qnn-lower-avgpool`` is exact: a truncated average pool over every
possible window of integers gives the same values before and after the
rewrite (integer window sum + multithreshold), for each rounding mode, bit
widths, scales and zero points; and in random networks (imported and
streamlined, then at the dataflow level) the interpreter agrees before and
after streamlining."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from xdsl.context import Context
from xdsl.dialects import func
from xdsl.dialects.builtin import ModuleOp, TensorType
from xdsl.ir import Block, Region

from finnr.dialects import datatypes as dt
from finnr.dialects import qnn
from finnr.interpreter import run_batch
from finnr.passes.qnn_lower_avgpool import QnnLowerAvgpool
from finnr.passes.qnn_lower_conv import QnnLowerConv
from finnr.passes.utils import make_constant


def _pool_trunc_module(n: int, c: int, bits: int, signed: bool, kernel: int, pads: int, s, trunc: dict) -> ModuleOp:
    """func(q: n x c x k x k ints) = trunc(avgpool(q * s) * K), as Brevitas
    exports ``TruncAvgPool2d`` with a v1 Trunc (the trunc sees the sum)."""
    elt = dt.IntType(bits) if signed else dt.UIntType(bits)
    side = kernel - 2 * pads
    x_type = TensorType(elt, (n, c, side, side))
    block = Block(arg_types=[x_type])
    q = block.args[0]
    ops = []
    sc = make_constant(np.asarray(s, np.float32))
    mul = qnn.MulOp(q, sc.result, TensorType(dt.f32, x_type.get_shape()))
    out_type = TensorType(dt.f32, (n, c, 1, 1))
    pool = qnn.AvgPoolOp(mul.result, out_type, kernel_shape=[kernel, kernel], pads=[pads] * 4)
    if pads:
        pool.properties["count_include_pad"] = qnn.bool_attr(True)
    k = make_constant(np.asarray(kernel * kernel, np.float32))
    summed = qnn.MulOp(pool.result, k.result, out_type)
    tr = qnn.TruncOp(summed.result, out_type, **trunc)
    ops += [sc, mul, pool, k, summed, tr, func.ReturnOp(tr.result)]
    block.add_ops(ops)
    fn = func.FuncOp("main", ([x_type], [out_type]), Region(block))
    return ModuleOp([fn])


def _every_window(c: int, bits: int, signed: bool, side: int) -> np.ndarray:
    lo, hi = (-(2 ** (bits - 1)), 2 ** (bits - 1) - 1) if signed else (0, 2**bits - 1)
    windows = np.array(list(itertools.product(range(lo, hi + 1), repeat=side * side)), np.float64)
    windows = windows.reshape(-1, 1, side, side)
    return np.repeat(windows, c, axis=1)


CASES = [
    # (bits, signed, kernel, pads, s, trunc parameters)
    (2, False, 2, 0, 0.5, dict(scale=0.5, zeropt=0.0, in_bitwidth=4, out_bitwidth=2)),
    (2, False, 2, 0, 0.25, dict(scale=0.25, zeropt=0.0, in_bitwidth=4, out_bitwidth=2, rounding_mode="ROUND")),
    (2, True, 2, 0, 1.0, dict(scale=1.0, zeropt=0.0, in_bitwidth=4, out_bitwidth=2, rounding_mode="HALF_UP")),
    (2, True, 2, 0, 0.5, dict(scale=0.125, zeropt=1.0, in_bitwidth=6, out_bitwidth=3, rounding_mode="CEIL")),
    (3, False, 2, 0, 1.0, dict(scale=1.0, zeropt=0.0, in_bitwidth=5, out_bitwidth=3, rounding_mode="HALF_DOWN")),
    (2, True, 2, 0, 1.0, dict(scale=1.0, zeropt=0.0, in_bitwidth=4, out_bitwidth=2, rounding_mode="UP")),
    (2, True, 2, 0, 1.0, dict(scale=1.0, zeropt=0.0, in_bitwidth=4, out_bitwidth=2, rounding_mode="DOWN")),
    (1, False, 3, 0, 1.0, dict(scale=1.0, zeropt=0.0, in_bitwidth=4, out_bitwidth=4)),  # no truncation: round(S/9)
    (2, False, 3, 1, 0.5, dict(scale=0.5, zeropt=0.0, in_bitwidth=6, out_bitwidth=2)),  # padding counted
    (2, False, 2, 0, [[[[0.5]], [[0.25]]]], dict(scale=[[[[0.5]], [[0.25]]]], zeropt=0.0, in_bitwidth=4, out_bitwidth=2)),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c[0]}b{'s' if c[1] else 'u'}-k{c[2]}p{c[3]}-{c[5].get('rounding_mode', 'FLOOR')}")
def test_every_window_gives_the_truncs_value(case):
    bits, signed, kernel, pads, s, trunc = case
    c = 2
    side = kernel - 2 * pads
    x = _every_window(c, bits, signed, side)
    module = _pool_trunc_module(len(x), c, bits, signed, kernel, pads, s, trunc)
    (before,) = run_batch(module, x)
    QnnLowerAvgpool().apply(Context(), module)
    names = {op.name for op in module.walk()}
    assert "qnn.trunc" not in names and "qnn.avgpool" not in names, names
    QnnLowerConv().apply(Context(), module)
    assert "qnn.depthwise_dot" in {op.name for op in module.walk()}
    (after,) = run_batch(module, x)
    np.testing.assert_array_equal(after, before)


def test_exact_where_float32_is_not():
    """s = 0.1 is no power of two: the thresholds follow the exact values
    (the sum times s/K in rational arithmetic), which float32 averages agree
    with away from rounding ties."""
    x = _every_window(1, 3, False, 2)
    module = _pool_trunc_module(len(x), 1, 3, False, 2, 0, 0.1, dict(scale=0.1, zeropt=0.0, in_bitwidth=5, out_bitwidth=3))
    (before,) = run_batch(module, x)
    QnnLowerAvgpool().apply(Context(), module)
    (after,) = run_batch(module, x)
    sums = x.reshape(len(x), -1).sum(axis=1)
    exact = np.floor(sums / 4) * np.float32(0.1)
    np.testing.assert_allclose(after.reshape(-1), exact, rtol=1e-6)
    np.testing.assert_allclose(after, before, rtol=1e-6)
    assert math.isclose(float(after.max()), 0.7, rel_tol=1e-6)


# --- random networks: TruncAvgPool2d as Brevitas exports it with a v1 Trunc ---


def _avg_cnn(spec, global_pool: bool, mode: str):
    """conv -> batch norm -> relu -> unsigned quant (scale s) -> average pool
    (2x2 stride 2, 3x3 stride 1 padded with the padding counted, or global)
    -> Mul(K) -> Trunc(s, in = abits + log2 K, out = abits) -> flatten -> matmul."""
    from finnr.examples import networks as nets
    from finnr.examples.onnx_builder import GraphBuilder, f32, vinfo

    rng = np.random.default_rng(spec.seed)
    b = GraphBuilder()
    x = nets._input_quant(b, "x", spec)
    x = b.node("Conv", [x, nets._weight(b, rng, (4, 2, 3, 3), spec)], kernel_shape=[3, 3])  # 8 -> 6
    x = nets._batchnorm(b, rng, x, 4, spec)
    abits = max(spec.abits, 2)
    s = f32(2.0 ** -rng.integers(0, 3))
    x = b.quant(b.node("Relu", [x]), s, 0.0, abits, signed=False)
    if global_pool:
        x, k, h = b.node("GlobalAveragePool", [x]), 36, 1
    elif spec.seed % 2:
        x = b.node("AveragePool", [x], kernel_shape=[3, 3], pads=[1] * 4, count_include_pad=1)
        k, h = 9, 6
    else:
        x = b.node("AveragePool", [x], kernel_shape=[2, 2], strides=[2, 2])
        k, h = 4, 3
    x = b.node("Mul", [x, b.const(f32(k))])
    x = b.trunc(x, s, 0.0, abits + math.ceil(math.log2(k)), abits, rounding_mode=mode)
    x = b.node("Reshape", [x, b.const(np.array([1, -1], np.int64), "shape")])
    w = nets._weight(b, rng, (3, 4 * h * h), spec)
    y = b.node("MatMul", [x, b.node("Transpose", [w], perm=[1, 0])])
    return b.model([vinfo("x", [1, 2, 8, 8])], [y])


def test_truncated_avgpools_stream_exactly_on_random_networks():
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from finnr.dialects import dataflow as df
    from finnr.flows import pipeline
    from finnr.frontend.onnx_import import import_model
    from finnr_testing.flow import apply
    from finnr_testing.strategies import net_specs

    @settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(spec=net_specs, global_pool=st.booleans(), mode=st.sampled_from(["FLOOR", "ROUND"]))
    def check(spec, global_pool, mode):
        module = import_model(_avg_cnn(spec, global_pool, mode))
        rng = np.random.default_rng(spec.seed)
        x = (rng.standard_normal((4, 2, 8, 8)) * 1.5).astype(np.float32)
        (imported,) = run_batch(module, x)
        apply(module, pipeline.STREAMLINE)
        names = {op.name for op in module.walk()}
        assert not names & {"qnn.avgpool", "qnn.trunc", "qnn.conv"}, names
        (streamlined,) = run_batch(module, x)
        np.testing.assert_allclose(streamlined, imported, rtol=1e-5, atol=1e-5)
        apply(module, pipeline.DATAFLOW)
        assert any(isinstance(op, df.VVAUOp) for op in module.walk())
        (got,) = run_batch(module, x)
        np.testing.assert_array_equal(got, streamlined)

    check()
