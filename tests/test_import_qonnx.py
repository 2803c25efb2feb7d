"""The ONNX/QONNX importer and the reference interpreter against qonnx's
executor (``qonnx.core.onnx_exec.execute_onnx``) on generated models."""

from __future__ import annotations

import copy
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import onnx
import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st
from onnx import TensorProto, helper

pytest.importorskip("onnxruntime")
pytest.importorskip("qonnx.core.onnx_exec")

from finnr.diagnostics import FinnrError  # noqa: E402
from finnr.examples.onnx_builder import (  # noqa: E402
    BREVITAS_DOMAIN,
    CUSTOM_DOMAINS,
    QONNX_DOMAIN,
    ROUNDING_MODES,
    GraphBuilder,
    f32,
    tensor,
    vinfo,
)
from finnr.frontend.onnx_import import import_model  # noqa: E402
from finnr_testing.onnx_run import (  # noqa: E402
    assert_close,
    compare_with_qonnx,
    random_input,
    run_finnr,
    run_ort,
    run_qonnx,
)

pytestmark = [
    # qonnx's executor warns when onnx's shape inference could not size a
    # tensor (Reshape to a computed shape) and the executed shape differs
    pytest.mark.filterwarnings("ignore:Output shapes disagree after node:UserWarning"),
]

REPO = Path(__file__).resolve().parents[1]


def finnr_command() -> list[str]:
    """The installed ``finnr`` script next to this Python, else the module."""
    script = Path(sys.executable).parent / "finnr"
    return [str(script)] if script.is_file() else [sys.executable, "-m", "finnr"]


# FINNR_EXAMPLES=<n> multiplies the example budget for a long soak run
_SCALE = int(os.environ.get("FINNR_EXAMPLES", "1"))
FAST = settings(max_examples=25 * _SCALE, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=12 * _SCALE, deadline=None, suppress_health_check=[HealthCheck.too_slow])

seeds = st.integers(0, 2**32 - 1)
domains = st.sampled_from(CUSTOM_DOMAINS)


def qnn_ops(module) -> list[str]:
    return [op.name for op in module.walk() if op.name.startswith("qnn.")]


# --- single quantizer ops ------------------------------------------------------


@st.composite
def quant_params(draw, channels: int):
    bits = draw(st.integers(1, 8))
    signed = draw(st.booleans())
    narrow = draw(st.booleans()) and not (bits == 1 and not signed)
    mode = draw(st.sampled_from(ROUNDING_MODES))
    per_channel = draw(st.booleans())
    pow2 = draw(st.booleans())
    n = channels if per_channel else 1
    rng = np.random.default_rng(draw(seeds))
    if pow2:
        scale = 2.0 ** rng.integers(-4, 2, n)
    else:
        scale = rng.uniform(0.01, 1.5, n)
    zp_kind = draw(st.sampled_from(["zero", "int", "frac"]))
    if zp_kind == "zero":
        zp = np.zeros(n)
    elif zp_kind == "int":
        zp = rng.integers(-3, 4, n).astype(np.float64)
    else:
        zp = rng.uniform(-2, 2, n)
    if not per_channel and draw(st.booleans()):
        scale, zp = scale.reshape(()), zp.reshape(())
    return dict(bits=bits, signed=signed, narrow=narrow, mode=mode, scale=f32(scale), zp=f32(zp), per_channel=per_channel)


def _channel_shape(p: np.ndarray, rank: int) -> np.ndarray:
    """Per-channel parameters shaped to broadcast on axis 1."""
    if p.ndim == 0 or p.size == 1:
        return p
    return p.reshape([1, -1] + [1] * (rank - 2))


def _inputs_with_ties(rng, shape, scale, zp, bits) -> np.ndarray:
    """Random values over (and past) the quantizer's range, a quarter of them
    exactly on rounding ties (x/scale + zp = k + 1/2) when the scale is a
    power of two."""
    span = 2.0 ** max(bits - 1, 1)
    x = rng.uniform(-1.3 * span, 1.3 * span, shape) * scale
    k = rng.integers(-int(span) - 2, int(span) + 2, shape)
    ties = (k + 0.5 - zp) * scale
    pick = rng.random(shape) < 0.25
    return np.where(pick, ties, x).astype(np.float32)


@FAST
@given(data=st.data(), rank=st.sampled_from([2, 4]), channels=st.integers(1, 4), domain=domains)
def test_quant_matches_qonnx(data, rank, channels, domain):
    p = data.draw(quant_params(channels))
    shape = [2, channels] if rank == 2 else [1, channels, 3, 2]
    scale, zp = _channel_shape(p["scale"], rank), _channel_shape(p["zp"], rank)
    b = GraphBuilder(domain=domain)
    y = b.quant("x", scale, zp, p["bits"], p["signed"], p["narrow"], p["mode"], op_type=data.draw(st.sampled_from(["Quant", "IntQuant"])))
    model = b.model([vinfo("x", shape)], [y])
    rng = np.random.default_rng(data.draw(seeds))
    x = _inputs_with_ties(rng, [2 * shape[0], *shape[1:]], scale, zp, p["bits"])
    compare_with_qonnx(model, x, exact=True)


@FAST
@given(seed=seeds, per_channel=st.booleans(), domain=domains)
def test_bipolar_quant_matches_qonnx(seed, per_channel, domain):
    rng = np.random.default_rng(seed)
    scale = f32(rng.uniform(0.1, 2, (1, 3, 1, 1)) if per_channel else rng.uniform(0.1, 2))
    b = GraphBuilder(domain=domain)
    y = b.bipolar("x", scale)
    model = b.model([vinfo("x", [1, 3, 2, 2])], [y])
    x = random_input(rng, [2, 3, 2, 2])
    x[0, 0, 0, :] = 0.0  # sign of zero is +1
    compare_with_qonnx(model, x, exact=True)


@FAST
@given(
    seed=seeds,
    in_bits=st.integers(2, 8),
    drop=st.integers(0, 4),
    mode=st.sampled_from(ROUNDING_MODES),
    pow2=st.booleans(),
    zero_zp=st.booleans(),
    domain=domains,
)
def test_trunc_matches_qonnx(seed, in_bits, drop, mode, pow2, zero_zp, domain):
    rng = np.random.default_rng(seed)
    out_bits = max(1, in_bits - drop)
    scale = f32(2.0 ** rng.integers(-3, 1) if pow2 else rng.uniform(0.05, 0.5))
    zp = f32(0.0 if zero_zp else rng.integers(-2, 3))
    b = GraphBuilder(domain=domain)
    q = b.quant("x", scale, zp, in_bits, signed=True)
    y = b.trunc(q, scale, zp, in_bits, out_bits, mode)
    model = b.model([vinfo("x", [1, 4, 3])], [y])
    x = random_input(rng, [3, 4, 3], scale=float(scale) * 2 ** (in_bits - 1))
    compare_with_qonnx(model, x, exact=True)


@st.composite
def threshold_case(draw):
    layout = draw(st.sampled_from(["NCHW", "NHWC", None, "rank3", "NCW", "NWC", "rank2"]))
    channels = draw(st.integers(1, 4))
    shape = {
        "NCHW": [1, channels, 2, 3], "NHWC": [1, 2, 3, channels], None: [1, channels, 2, 2],
        "rank3": [1, 3, channels], "NCW": [1, channels, 3], "NWC": [1, 3, channels], "rank2": [2, channels],
    }[layout]
    bits = draw(st.integers(1, 4))
    steps = draw(st.integers(1, 2**bits - 1))
    shared = draw(st.booleans())
    signed_out = draw(st.booleans())
    out_scale = draw(st.sampled_from([1.0, 0.5, 2.0, 0.3]))
    return layout, channels, shape, bits, steps, shared, signed_out, out_scale


@FAST
@given(case=threshold_case(), seed=seeds, domain=domains)
def test_multithreshold_matches_qonnx(case, seed, domain):
    layout, channels, shape, bits, steps, shared, signed_out, out_scale = case
    rng = np.random.default_rng(seed)
    rows = 1 if shared else channels
    thresholds = np.sort(rng.integers(-8, 8, (rows, steps)) * 0.5, axis=1)
    attrs = {}
    if layout in ("NCHW", "NHWC", "NCW", "NWC"):
        attrs["data_layout"] = layout
    if out_scale != 1.0:
        attrs["out_scale"] = out_scale
    if signed_out:
        attrs["out_bias"] = float(-(2 ** (bits - 1)))
        out_dtype = f"INT{bits}" if bits > 1 else "BIPOLAR"
        if bits == 1:
            attrs["out_scale"] = 2.0 * out_scale
            attrs["out_bias"] = -out_scale
    else:
        out_dtype = f"UINT{bits}" if bits > 1 else "BINARY"
    b = GraphBuilder(domain=domain)
    y = b.multithreshold("x", thresholds, out_dtype, **attrs)
    model = b.model([vinfo("x", shape)], [y])
    # half-integers hit the thresholds exactly (x >= t counts them)
    x = (rng.integers(-10, 10, [2 * shape[0], *shape[1:]]) * 0.5).astype(np.float32)
    compare_with_qonnx(model, x, exact=True)


# --- whole graphs ----------------------------------------------------------------


@st.composite
def mlp_case(draw):
    return dict(
        seed=draw(seeds),
        domain=draw(domains),
        in_bits=draw(st.integers(2, 8)),
        w_bits=draw(st.integers(1, 8)),
        a_bits=draw(st.integers(1, 8)),
        a_mode=draw(st.sampled_from(ROUNDING_MODES)),
        hidden=draw(st.integers(2, 12)),
        classes=draw(st.integers(2, 10)),
        w_per_channel=draw(st.booleans()),
        norm=draw(st.sampled_from(["bn", "add", "none"])),
        act=draw(st.sampled_from(["relu_quant", "quant_signed", "multithreshold", "bipolar"])),
        trans_a=draw(st.booleans()),
        trans_b=draw(st.booleans()),
        alpha=draw(st.sampled_from([1.0, 0.5, 1.75])),
        beta=draw(st.sampled_from([1.0, 0.0, 2.0])),
        bias=draw(st.sampled_from(["vector", "matrix", "none", "computed"])),
        topk=draw(st.booleans()),
    )


@SLOW
@given(case=mlp_case())
def test_mlp_matches_qonnx(case):
    """Quant -> MatMul(quantized weights) -> BN/Add -> activation ->
    Gemm(transA/transB/alpha/beta) [-> TopK]."""
    c = case
    rng = np.random.default_rng(c["seed"])
    k, h, n = 6, c["hidden"], c["classes"]
    b = GraphBuilder(domain=c["domain"])
    xq = b.quant("x", 0.125, 0.0, c["in_bits"], signed=True)
    w1 = rng.standard_normal((k, h)).astype(np.float32)
    # power-of-two weight scales keep the MatMul exact in float32: its
    # results land exactly on the activation quantizer's rounding ties, and
    # both sides must then agree bit for bit (inexact scales would leave the
    # tie to the summation order)
    w_scale = 2.0 ** rng.integers(-4, 0, (1, h)) if c["w_per_channel"] else 0.25
    w1q = b.quant(b.const(w1, "w1"), w_scale, 0.0, c["w_bits"], signed=True, narrow=c["w_bits"] > 1)
    y = b.node("MatMul", [xq, w1q])
    if c["norm"] == "bn":
        y = b.node(
            "BatchNormalization",
            [y, b.const(f32(rng.uniform(0.5, 2, h))), b.const(f32(rng.standard_normal(h))),
             b.const(f32(rng.standard_normal(h))), b.const(f32(rng.uniform(0.5, 2, h)))],
            epsilon=1e-3,
        )
    elif c["norm"] == "add":
        y = b.node("Add", [y, b.const(f32(rng.standard_normal(h)))])
    if c["act"] == "relu_quant":
        y = b.quant(b.node("Relu", [y]), 0.25, 0.0, c["a_bits"], signed=False, rounding_mode=c["a_mode"])
    elif c["act"] == "quant_signed":
        y = b.quant(y, 0.25, 0.0, c["a_bits"], signed=True, rounding_mode=c["a_mode"])
    elif c["act"] == "bipolar":
        y = b.bipolar(y, 1.0)
    else:
        bits = min(c["a_bits"], 4)
        t = np.sort(rng.standard_normal((h, 2**bits - 1)), axis=1)
        y = b.multithreshold(y, t, f"UINT{bits}", out_scale=0.5)
    w2 = rng.standard_normal((n, h) if c["trans_b"] else (h, n)).astype(np.float32)
    # float weights before a TopK: quantized ones tie, and the indices of
    # tied values depend on float rounding
    w2q = b.const(w2, "w2") if c["topk"] else b.quant(b.const(w2, "w2"), 0.1, 0.0, 4, signed=True)
    a = y
    if c["trans_a"]:
        a = b.node("Transpose", [y], perm=[1, 0])
    gemm_in = [a, w2q]
    if c["bias"] == "computed":  # a non-constant C (scaled by beta in the graph)
        gemm_in.append(b.node("Relu", [b.node("MatMul", [xq, b.const(f32(rng.standard_normal((k, n))), "wc")])]))
    elif c["bias"] != "none":
        shape = (n,) if c["bias"] == "vector" else (1, n)
        gemm_in.append(b.const(f32(rng.standard_normal(shape)), "c"))
    out = b.node("Gemm", gemm_in, transA=int(c["trans_a"]), transB=int(c["trans_b"]), alpha=c["alpha"], beta=c["beta"])
    outputs = [out]
    if c["topk"]:
        vals, idx = b.node("TopK", [out, b.const(np.array([min(3, n)], dtype=np.int64), "k")], n_out=2)
        outputs = [out, vals, vinfo(idx, None, TensorProto.INT64)]
    model = b.model([vinfo("x", [1, k])], outputs)
    x = random_input(rng, [2, k])
    compare_with_qonnx(model, x)


@st.composite
def conv_case(draw):
    channels = draw(st.sampled_from([2, 4]))
    group_kind = draw(st.sampled_from(["one", "two", "depthwise"]))
    group = {"one": 1, "two": 2, "depthwise": channels}[group_kind]
    out_ch = channels if group_kind == "depthwise" else draw(st.sampled_from([2, 4, 6]))
    return dict(
        seed=draw(seeds),
        domain=draw(domains),
        channels=channels,
        group=group,
        out_ch=out_ch,
        size=draw(st.integers(5, 9)),
        kernel=draw(st.sampled_from([1, 2, 3])),
        stride=draw(st.integers(1, 2)),
        dilation=draw(st.integers(1, 2)),
        pads=draw(st.lists(st.integers(0, 2), min_size=4, max_size=4)),
        bias=draw(st.booleans()),
        bn=draw(st.booleans()),
        pool=draw(st.sampled_from(["max", "avg", "none"])),
        pool_kernel=draw(st.integers(2, 3)),
        pool_stride=draw(st.integers(1, 3)),
        pool_pad=draw(st.integers(0, 1)),
        ceil_mode=draw(st.booleans()),
        count_include_pad=draw(st.booleans()),
        w_bits=draw(st.integers(2, 8)),
        a_bits=draw(st.integers(2, 8)),
        head=draw(st.sampled_from(["gap_matmul", "flatten_matmul"])),
    )


@SLOW
@given(case=conv_case())
def test_convnet_matches_qonnx(case):
    """Quant -> Conv(pads/strides/dilations/groups, bias?) -> BN? -> Relu ->
    Quant -> Max/AveragePool(ceil_mode, pads) -> GlobalAveragePool or
    Flatten -> MatMul."""
    c = case
    rng = np.random.default_rng(c["seed"])
    cin, cout, size, kern = c["channels"], c["out_ch"], c["size"], c["kernel"]
    b = GraphBuilder(domain=c["domain"])
    xq = b.quant("x", 0.25, 0.0, 8, signed=True)
    w = rng.standard_normal((cout, cin // c["group"], kern, kern)).astype(np.float32)
    w_scale = 2.0 ** rng.integers(-4, -1, (cout, 1, 1, 1))  # exact sums, see test_mlp_matches_qonnx
    wq = b.quant(b.const(w, "w"), w_scale, 0.0, c["w_bits"], signed=True, narrow=True)
    conv_in = [xq, wq] + ([b.const(f32(rng.standard_normal(cout)), "bias")] if c["bias"] else [])
    y = b.node("Conv", conv_in, kernel_shape=[kern, kern], strides=[c["stride"]] * 2, dilations=[c["dilation"]] * 2, pads=c["pads"], group=c["group"])
    if c["bn"]:
        y = b.node(
            "BatchNormalization",
            [y, b.const(f32(rng.uniform(0.5, 2, cout))), b.const(f32(rng.standard_normal(cout))),
             b.const(f32(rng.standard_normal(cout))), b.const(f32(rng.uniform(0.5, 2, cout)))],
        )
    y = b.quant(b.node("Relu", [y]), 0.125, 0.0, c["a_bits"], signed=False)
    pk, ps, pp = c["pool_kernel"], c["pool_stride"], c["pool_pad"]
    pp = min(pp, pk - 1)  # ONNX: pads smaller than the kernel
    span = c["dilation"] * (kern - 1) + 1
    for i in range(2):
        conv_out = (size + c["pads"][i] + c["pads"][2 + i] - span) // c["stride"] + 1
        assume(conv_out >= 1)
        if c["pool"] != "none":
            assume(conv_out + 2 * pp >= pk)
            out = -(-(conv_out + 2 * pp - pk) // ps) + 1
            # onnx's shape inference (which qonnx's executor allocates by)
            # keeps a last ceil-mode window that starts in the end padding,
            # onnxruntime drops it (test_pool_matches_onnxruntime covers it)
            assume(not c["ceil_mode"] or (out - 1) * ps < conv_out + pp)
    if c["pool"] == "max":
        y = b.node("MaxPool", [y], kernel_shape=[pk, pk], strides=[ps, ps], pads=[pp] * 4, ceil_mode=int(c["ceil_mode"]))
    elif c["pool"] == "avg":
        y = b.node(
            "AveragePool", [y], kernel_shape=[pk, pk], strides=[ps, ps], pads=[pp] * 4,
            ceil_mode=int(c["ceil_mode"]), count_include_pad=int(c["count_include_pad"]),
        )
    if c["head"] == "gap_matmul":
        y = b.node("Flatten", [b.node("GlobalAveragePool", [y])])
        feat = cout
    else:
        y = b.node("Flatten", [y])
        feat = None
    model = b.model([vinfo("x", [1, cin, size, size])], [y])
    if feat is None:  # the width of the flattened features: ask the importer
        feat = import_model(model).body.block.first_op.function_type.outputs.data[0].get_shape()[1]
    out = b.node("MatMul", [y, b.const(f32(rng.standard_normal((feat, 5))), "fc")])
    model = b.model([vinfo("x", [1, cin, size, size])], [out])
    x = random_input(rng, [2, cin, size, size])
    compare_with_qonnx(model, x)


@st.composite
def pool_case(draw):
    nsp = draw(st.integers(1, 2))
    kernel = draw(st.lists(st.integers(1, 3), min_size=nsp, max_size=nsp))
    dil = draw(st.lists(st.integers(1, 2), min_size=nsp, max_size=nsp))
    pads = [draw(st.integers(0, k - 1)) for k in kernel] + [draw(st.integers(0, k - 1)) for k in kernel]
    size = [draw(st.integers(d * (k - 1) + 1, 8)) for k, d in zip(kernel, dil)]
    return dict(
        kind=draw(st.sampled_from(["MaxPool", "AveragePool"])),
        kernel=kernel, dilations=dil, pads=pads, size=size,
        strides=draw(st.lists(st.integers(1, 3), min_size=nsp, max_size=nsp)),
        ceil_mode=draw(st.booleans()), count_include_pad=draw(st.booleans()),
        seed=draw(seeds),
    )


_CEIL_DROP = dict(kernel=[2, 2], dilations=[1, 1], pads=[1, 1, 1, 1], size=[5, 5], strides=[2, 2], ceil_mode=True, seed=0)


@FAST
@given(case=pool_case())
@example(case=dict(kind="MaxPool", count_include_pad=False, **_CEIL_DROP))  # 3x3 out, not 4x4
@example(case=dict(kind="AveragePool", count_include_pad=True, **_CEIL_DROP))
def test_pool_matches_onnxruntime(case):
    """Max/AveragePool in 1-D and 2-D with asymmetric pads, strides,
    dilations, ceil_mode (including a last window that would start in the
    end padding, which onnxruntime drops) and count_include_pad, against
    onnxruntime on the whole model (qonnx's executor allocates by onnx's
    shape inference, which keeps that window)."""
    c = case
    rng = np.random.default_rng(c["seed"])
    attrs = dict(kernel_shape=c["kernel"], strides=c["strides"], pads=c["pads"], ceil_mode=int(c["ceil_mode"]), dilations=c["dilations"])
    if c["kind"] == "AveragePool":
        attrs["count_include_pad"] = int(c["count_include_pad"])
    b = GraphBuilder(opset=19)
    y = b.node(c["kind"], ["x"], **attrs)
    shape = [1, 2, *c["size"]]
    model = b.model([vinfo("x", shape)], [y])
    x = random_input(rng, shape)
    ours, theirs = run_finnr(model, x), run_ort(model, x)
    if {k: c[k] for k in _CEIL_DROP if k != "seed"} == {k: v for k, v in _CEIL_DROP.items() if k != "seed"}:
        assert theirs[0].shape == (1, 2, 3, 3)
    assert_close(ours, theirs)


@FAST
@given(
    seed=seeds,
    nsp=st.integers(1, 2),
    auto_pad=st.sampled_from(["SAME_UPPER", "SAME_LOWER", "VALID", "NOTSET"]),
    kernel=st.integers(1, 4),
    stride=st.integers(1, 3),
    dilation=st.integers(1, 2),
    group=st.sampled_from([1, 3]),
    bias=st.booleans(),
    global_pool=st.sampled_from(["GlobalAveragePool", "GlobalMaxPool"]),
)
def test_conv_auto_pad_matches_onnxruntime(seed, nsp, auto_pad, kernel, stride, dilation, group, bias, global_pool):
    """Conv in 1-D and 2-D with auto_pad, then a global pool."""
    rng = np.random.default_rng(seed)
    if auto_pad in ("SAME_UPPER", "SAME_LOWER"):
        dilation = 1  # onnxruntime rejects dilated SAME convolutions
    size = [7] * nsp
    b = GraphBuilder()
    w = b.const(f32(rng.standard_normal((6, 3 // group, *[kernel] * nsp))), "w")
    ins = ["x", w] + ([b.const(f32(rng.standard_normal(6)), "b")] if bias else [])
    y = b.node("Conv", ins, auto_pad=auto_pad, strides=[stride] * nsp, dilations=[dilation] * nsp, group=group)
    y = b.node(global_pool, [y])
    model = b.model([vinfo("x", [1, 3, *size])], [y])
    x = random_input(rng, [1, 3, *size])
    assert_close(run_finnr(model, x), run_ort(model, x))


@FAST
@given(seed=seeds, domain=domains, with_quant=st.booleans())
def test_elementwise_broadcasting_matches_qonnx(seed, domain, with_quant):
    """Add/Sub/Mul/Div with constants of every broadcastable shape and between
    two computed tensors; Relu, Sign, Pow with a constant exponent,
    Identity, Constant nodes."""
    rng = np.random.default_rng(seed)
    shape = [1, 3, 2, 4]
    b = GraphBuilder(domain=domain)
    x = b.quant("x", 0.1, 0.0, 6) if with_quant else "x"
    y = b.node("Add", [x, b.const(f32(rng.standard_normal((3, 1, 1))))])
    y = b.node("Mul", [b.const(f32(rng.uniform(0.5, 2, (1, 3, 1, 1)))), y])
    y = b.node("Sub", [y, b.const(f32(rng.standard_normal((4,))))])
    y = b.node("Div", [y, b.const(f32(rng.uniform(0.5, 2, (2, 1))))])
    cname = b.fresh("constnode")
    b.nodes.append(helper.make_node("Constant", [], [cname], value=tensor("cv", f32(rng.standard_normal((1, 1, 1, 4))))))
    y = b.node("Add", [y, cname])
    s = b.node("Sign", [y])
    r = b.node("Relu", [y])
    p = b.node("Pow", [r, b.const(f32(2.0), "two")])
    z = b.node("Add", [b.node("Mul", [s, p]), b.node("Identity", [r])])
    z = b.node("Sub", [z, b.node("Div", [r, b.node("Add", [p, b.const(f32(1.0))])])])
    model = b.model([vinfo("x", shape)], [z])
    compare_with_qonnx(model, random_input(rng, [2, *shape[1:]]))


@FAST
@given(seed=seeds, domain=domains, opset=st.sampled_from([11, 13, 18, 21]))
def test_shape_ops_match_qonnx(seed, domain, opset):
    """Transpose, Pad, Concat, Shape->Gather->Unsqueeze->Concat->Reshape,
    Flatten, Squeeze/Unsqueeze around quantizers."""
    rng = np.random.default_rng(seed)
    b = GraphBuilder(opset=opset, domain=domain)
    xq = b.quant("x", 0.25, 1.0, 5, signed=True)
    t = b.node("Transpose", [xq], perm=[0, 2, 3, 1])  # (1, 4, 5, 3)
    pads = [0, 1, 0, 2, 0, 0, 1, 0]
    padded = b.node("Pad", [t, b.const(np.array(pads, dtype=np.int64), "pads"), b.const(f32(0.5), "pv")])  # (1, 5, 6, 3)
    cat = b.node("Concat", [padded, b.const(f32(rng.standard_normal((1, 5, 6, 2))))], axis=-1)  # (1, 5, 6, 5)
    shp = b.node("Shape", [cat])
    n = b.node("Gather", [shp, b.const(np.array(0, dtype=np.int64), "i0")], axis=0)
    unsq = (
        b.node("Unsqueeze", [n], axes=[0]) if opset < 13
        else b.node("Unsqueeze", [n, b.const(np.array([0], dtype=np.int64), "ax")])
    )
    target = b.node("Concat", [unsq, b.const(np.array([-1, 5], dtype=np.int64), "rest")], axis=0)
    r = b.node("Reshape", [cat, target])  # (1, 30, 5)
    q = b.quant(r, 0.5, 0.0, 3, signed=False, rounding_mode="FLOOR")
    u = b.node("Unsqueeze", [q], axes=[2]) if opset < 13 else b.node("Unsqueeze", [q, b.const(np.array([2], dtype=np.int64))])
    s = b.node("Squeeze", [u], axes=[2]) if opset < 13 else b.node("Squeeze", [u, b.const(np.array([2], dtype=np.int64))])
    f = b.node("Flatten", [s], axis=2)  # (1*30, 5)
    model = b.model([vinfo("x", [1, 3, 4, 5])], [f])
    compare_with_qonnx(model, random_input(rng, [2, 3, 4, 5]))


# --- opset variety ---------------------------------------------------------------


@pytest.mark.parametrize("opset", [9, 10, 11, 13, 18, 21])
def test_opset_signatures(opset):
    """The op forms that changed between opsets: Pad (attribute, then input,
    then axes), Squeeze/Unsqueeze (attribute, then input), TopK (attribute k,
    then input K), Reshape (allowzero from 14), Max/AveragePool."""
    rng = np.random.default_rng(opset)
    b = GraphBuilder(opset=opset)
    xq = b.quant("x", 0.125, 0.0, 6)
    if opset < 11:
        p = b.node("Pad", [xq], pads=[0, 0, 1, 0, 0, 0, 0, 2], value=0.25)
    elif opset < 18:
        p = b.node("Pad", [xq, b.const(np.array([0, 0, 1, 0, 0, 0, 0, 2], dtype=np.int64)), b.const(f32(0.25))])
    else:  # pads on the named axes only
        p = b.node(
            "Pad",
            [xq, b.const(np.array([1, 0, 0, 2], dtype=np.int64)), b.const(f32(0.25)), b.const(np.array([2, -1], dtype=np.int64))],
        )
    # p: (1, 2, 5, 6)
    m = b.node("MaxPool", [p], kernel_shape=[2, 2], strides=[2, 2], pads=[0, 0, 1, 1] if opset >= 10 else [0, 0, 0, 0],
               **({"ceil_mode": 1} if opset >= 10 else {}))
    if opset >= 13:
        u = b.node("Unsqueeze", [m, b.const(np.array([1], dtype=np.int64))])
        s = b.node("Squeeze", [u, b.const(np.array([1], dtype=np.int64))])
    else:
        s = b.node("Squeeze", [b.node("Unsqueeze", [m], axes=[1])], axes=[1])
    if opset >= 14:
        r = b.node("Reshape", [s, b.const(np.array([1, 2, -1], dtype=np.int64))], allowzero=1)
        r = b.node("Reshape", [r, b.const(np.array([0, -1], dtype=np.int64))], allowzero=0)
    else:
        r = b.node("Reshape", [s, b.const(np.array([0, -1], dtype=np.int64))])
    if opset >= 10:
        vals, idx = b.node("TopK", [r, b.const(np.array([4], dtype=np.int64))], n_out=2, axis=-1)
    else:
        vals, idx = b.node("TopK", [r], n_out=2, k=4, axis=1)
    avg = b.node("AveragePool", [p], kernel_shape=[3, 3], strides=[1, 2], pads=[1, 1, 1, 1], count_include_pad=1)
    model = b.model([vinfo("x", [1, 2, 4, 3])], [vals, vinfo(idx, None, TensorProto.INT64), avg])
    x = random_input(rng, [2, 2, 4, 3])
    outs = compare_with_qonnx(model, x)
    assert outs[1].dtype == np.int64


def test_initializers_listed_as_graph_inputs():
    """Old exporters (IR < 4) list every initializer among the graph inputs."""
    rng = np.random.default_rng(0)
    b = GraphBuilder()
    w = rng.standard_normal((4, 3)).astype(np.float32)
    wname = b.const(w, "w")
    y = b.node("MatMul", [b.quant("x", 0.1, 0.0, 4), b.quant(wname, 0.1, 0.0, 3)])
    inputs = [vinfo("x", [1, 4])] + [vinfo(t.name, list(t.dims), t.data_type) for t in b.inits]
    model = b.model(inputs, [y], ir_version=3)
    module = import_model(model)
    fn = module.body.block.first_op
    assert len(fn.function_type.inputs.data) == 1
    compare_with_qonnx(model, random_input(rng, [3, 4]))


def test_symbolic_batch():
    """A symbolic batch dimension: finnr compiles one frame and run_batch
    maps it over the batch; qonnx runs each frame of a batch-1 copy."""
    rng = np.random.default_rng(1)
    b = GraphBuilder()
    xq = b.quant("x", 0.1, 0.0, 5)
    shp = b.node("Shape", [xq])
    n = b.node("Gather", [shp, b.const(np.array([0], dtype=np.int64))], axis=0)
    target = b.node("Concat", [n, b.const(np.array([-1], dtype=np.int64))], axis=0)
    flat = b.node("Reshape", [xq, target])
    y = b.node("Gemm", [flat, b.const(f32(rng.standard_normal((5, 12))))], transB=1)
    model = b.model([vinfo("x", ["batch", 3, 2, 2])], [y])
    x = random_input(rng, [4, 3, 2, 2])
    ours = run_finnr(model, x)
    fixed = onnx.ModelProto()
    fixed.CopyFrom(model)
    fixed.graph.input[0].type.tensor_type.shape.dim[0].dim_value = 1
    theirs = np.concatenate([run_qonnx(fixed, x[i : i + 1])[0] for i in range(4)])
    assert_close(ours, [theirs])


def test_external_data(tmp_path):
    rng = np.random.default_rng(2)
    b = GraphBuilder()
    y = b.node("MatMul", [b.quant("x", 0.1, 0.0, 4), b.quant(b.const(f32(rng.standard_normal((16, 32)))), 0.05, 0.0, 4)])
    y = b.node("Add", [y, b.const(f32(rng.standard_normal(32)))])
    model = b.model([vinfo("x", [1, 16])], [y])
    path = tmp_path / "model.onnx"
    # save_model moves the tensors of the model it is given out to the file
    onnx.save_model(copy.deepcopy(model), str(path), save_as_external_data=True, all_tensors_to_one_file=True, location="model.onnx.data", size_threshold=0)
    assert (tmp_path / "model.onnx.data").is_file()
    x = random_input(rng, [3, 16])
    ours = run_finnr(str(path), x)
    theirs = np.concatenate([run_qonnx(model, x[i : i + 1])[0] for i in range(3)])
    assert_close(ours, [theirs])
    (tmp_path / "model.onnx.data").unlink()
    with pytest.raises(FinnrError, match="external data"):
        import_model(str(path))


def test_missing_value_info():
    """No value_info, no output types or shapes: the importer infers them."""
    rng = np.random.default_rng(3)
    b = GraphBuilder()
    y = b.node("Relu", [b.node("Conv", [b.quant("x", 0.1, 0.0, 4), b.quant(b.const(f32(rng.standard_normal((3, 2, 3, 3)))), 0.1, 0.0, 3)], pads=[1, 1, 1, 1])])
    y = b.node("MaxPool", [y], kernel_shape=[2, 2], strides=[2, 2])
    out = onnx.ValueInfoProto()
    out.name = y
    model = b.model([vinfo("x", [1, 2, 4, 4])], [out])
    assert not model.graph.value_info
    x = random_input(rng, [2, 2, 4, 4])
    ours = run_finnr(model, x)
    assert ours[0].shape == (2, 3, 2, 2)
    # qonnx needs at least the element type of the graph output
    typed = copy.deepcopy(model)
    typed.graph.output[0].CopyFrom(vinfo(y, None))
    theirs = np.concatenate([run_qonnx(typed, x[i : i + 1])[0] for i in range(2)])
    assert_close(ours, [theirs])


def test_constant_subgraphs_are_folded():
    """Weights computed from constants (Constant, Transpose, Mul, Reshape,
    Shape/Gather/Concat, Cast, Sqrt, Neg) fold into one constant at import."""
    rng = np.random.default_rng(4)
    b = GraphBuilder()
    c = b.fresh("wconst")
    b.nodes.append(helper.make_node("Constant", [], [c], value=tensor("wv", f32(rng.standard_normal((3, 8))))))
    w = b.node("Transpose", [c], perm=[1, 0])  # (8, 3)
    w = b.node("Mul", [w, b.node("Sqrt", [b.const(f32(4.0))])])
    w = b.node("Sub", [w, b.node("Neg", [b.const(f32(0.5))])])
    shp = b.node("Cast", [b.node("Shape", [w])], to=TensorProto.INT64)
    w = b.node("Reshape", [w, b.node("Concat", [b.node("Gather", [shp, b.const(np.array([0], dtype=np.int64))], axis=0),
                                                b.const(np.array([-1], dtype=np.int64))], axis=0)])
    y = b.node("MatMul", [b.quant("x", 0.1, 0.0, 5), b.quant(w, 0.2, 0.0, 4)])
    model = b.model([vinfo("x", [1, 8])], [y])
    ops = qnn_ops(import_model(model))
    assert sorted(ops) == sorted(["qnn.constant", "qnn.quant", "qnn.quant", "qnn.matmul"])
    compare_with_qonnx(model, random_input(rng, [2, 8]))


@pytest.mark.parametrize("opset", [9, 13])
def test_folding_follows_onnx_semantics(opset):
    """Flatten with a negative axis; integer Div truncating toward zero in a
    shape computation; Slice with negative steps and a skipped optional
    input (opset 13) or with attributes (opset 9). Against onnxruntime (at
    opset 9 onnx cannot infer the computed shape that qonnx's executor
    needs)."""
    rng = np.random.default_rng(opset)
    b = GraphBuilder(opset=opset)
    flat = b.node("Flatten", ["x"], axis=-1 if opset >= 11 else 3)  # (6, 4)
    shape = b.node("Shape", [flat])
    target = b.node("Div", [shape, b.const(np.array([-4, 2], dtype=np.int64))])  # [-1, 2], not [-2, 2]
    r = b.node("Reshape", [flat, target])  # (12, 2)
    w = b.const(f32(rng.standard_normal((4, 6))), "w")
    if opset >= 10:
        ins = [w, b.const(np.array([0, 5], dtype=np.int64)), b.const(np.array([4, -100], dtype=np.int64)), "",
               b.const(np.array([2, -2], dtype=np.int64))]
        ws = b.node("Slice", ins)  # (2, 3)
    else:
        ws = b.node("Slice", [w], starts=[1, 1], ends=[3, 4], axes=[0, 1])  # (2, 3)
    y = b.node("MatMul", [r, ws])
    model = b.model([vinfo("x", [1, 2, 3, 4])], [y])
    assert "qnn.slice" not in qnn_ops(import_model(model))
    x = random_input(rng, [1, 2, 3, 4])
    out = run_finnr(model, x)
    assert out[0].shape == (12, 3)
    assert_close(out, run_ort(model, x))


@pytest.mark.parametrize("domain", CUSTOM_DOMAINS)
def test_domains_give_identical_results(domain):
    rng = np.random.default_rng(5)
    b = GraphBuilder(domain=domain)
    y = b.multithreshold(b.quant("x", 0.2, 0.0, 4), np.sort(rng.standard_normal((3, 3)), axis=1), "UINT2", data_layout="NCW")
    y = b.trunc(b.quant(y, 1.0, 0.0, 4), 1.0, 0.0, 4, 2)
    y = b.bipolar(b.node("Sub", [y, b.const(f32(0.5))]), 0.5)
    model = b.model([vinfo("x", [1, 3, 2])], [y])
    compare_with_qonnx(model, random_input(rng, [2, 3, 2]), exact=True)


# --- the command line --------------------------------------------------------------


def test_cli_import_then_run(tmp_path):
    from finnr.driver.main import main

    rng = np.random.default_rng(6)
    b = GraphBuilder(domain=BREVITAS_DOMAIN)
    y = b.node("Conv", [b.quant("x", 0.25, 0.0, 8), b.quant(b.const(f32(rng.standard_normal((4, 3, 3, 3)))), 0.1, 0.0, 4)], strides=[2, 2])
    y = b.quant(b.node("Relu", [y]), 0.5, 0.0, 3, signed=False)
    y = b.node("MatMul", [b.node("Flatten", [b.node("GlobalAveragePool", [y])]), b.const(f32(rng.standard_normal((4, 10))))])
    model = b.model([vinfo("x", [1, 3, 7, 7])], [y])
    onnx.save_model(copy.deepcopy(model), str(tmp_path / "m.onnx"), save_as_external_data=True, location="model.onnx.data", size_threshold=0)
    x = random_input(rng, [3, 3, 7, 7])
    np.save(tmp_path / "x.npy", x)
    assert main(["import", str(tmp_path / "m.onnx"), "-o", str(tmp_path / "m.mlir")]) == 0
    assert "qnn.quant" in (tmp_path / "m.mlir").read_text()
    assert main(["run", str(tmp_path / "m.mlir"), "--input", str(tmp_path / "x.npy"), "-o", str(tmp_path / "y.npy")]) == 0
    ours = np.load(tmp_path / "y.npy")
    theirs = np.concatenate([run_qonnx(model, x[i : i + 1])[0] for i in range(3)])
    assert_close([ours], [theirs])
    # the installed command on the .onnx directly gives the same
    proc = subprocess.run(
        [*finnr_command(), "run", str(tmp_path / "m.onnx"), "--input", str(tmp_path / "x.npy"), "-o", str(tmp_path / "y2.npy")],
        capture_output=True, text=True, cwd=tmp_path, timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    np.testing.assert_array_equal(np.load(tmp_path / "y2.npy"), ours)


def _unsupported_model() -> onnx.ModelProto:
    b = GraphBuilder()
    y = b.node("LpNormalization", [b.quant("x", 0.1, 0.0, 4)])  # (Softmax until issue 16)
    b.nodes[-1].name = "my_lpnorm"
    y = b.node("FancyQuant", [y], domain=QONNX_DOMAIN)
    b.nodes[-1].name = "my_fancy"
    y = b.node("Gadget", [y], domain="com.example")
    b.nodes[-1].name = "my_gadget"
    y = b.node("Relu", [y])
    y = b.node("LSTMish", [y])
    b.nodes[-1].name = ""
    return b.model([vinfo("x", [1, 4])], [y])


def test_unsupported_nodes_are_all_listed():
    with pytest.raises(FinnrError) as info:
        import_model(_unsupported_model())
    text = str(info.value)
    assert "4 unsupported nodes" in text
    for name, op, domain in [
        ("my_lpnorm", "LpNormalization", "ai.onnx"),
        ("my_fancy", "FancyQuant", QONNX_DOMAIN),
        ("my_gadget", "Gadget", "com.example"),
        ("<unnamed>", "LSTMish", "ai.onnx"),
    ]:
        assert any(name in line and op in line and domain in line for line in text.splitlines()), (name, text)
    assert "Relu" not in text


def test_cli_import_unsupported_exits_2(tmp_path):
    path = tmp_path / "bad.onnx"
    onnx.save_model(_unsupported_model(), str(path))
    proc = subprocess.run(
        [*finnr_command(), "import", str(path)],
        capture_output=True, text=True, cwd=REPO, timeout=120,
    )
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    assert proc.stderr.startswith("finnr: error:")
    for token in ("my_lpnorm", "LpNormalization", "my_fancy", "FancyQuant", "my_gadget", "Gadget", "com.example", "LSTMish"):
        assert token in proc.stderr
    assert proc.stdout == ""


def test_ort_agrees_on_float_graph():
    """Sanity check of the harness: a float-only graph gives the same under
    qonnx's node-by-node executor and onnxruntime."""
    rng = np.random.default_rng(7)
    b = GraphBuilder()
    y = b.node("Relu", [b.node("Gemm", ["x", b.const(f32(rng.standard_normal((4, 5))))], alpha=0.5)])
    model = b.model([vinfo("x", [1, 4])], [y])
    x = random_input(rng, [1, 4])
    assert_close(run_ort(model, x), run_qonnx(model, x))
    assert_close(run_finnr(model, x), run_ort(model, x))
