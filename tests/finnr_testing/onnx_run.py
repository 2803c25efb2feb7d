"""Run ONNX models through finnr, qonnx's executor and onnxruntime, and
compare their outputs (the importer tests' references)."""

from __future__ import annotations

import contextlib
from collections.abc import Sequence

import numpy as np
import onnx

from finnr.examples.onnx_builder import MAX_IR_VERSION, QONNX_DOMAIN, with_domain


@contextlib.contextmanager
def ir_version_10():
    """qonnx 1.0 builds single-node models with onnx.IR_VERSION, which
    onnxruntime 1.31 rejects under onnx 1.23 (IR 14): pin it to 10."""
    old = onnx.IR_VERSION
    onnx.IR_VERSION = MAX_IR_VERSION
    try:
        yield
    finally:
        onnx.IR_VERSION = old


def run_finnr(model: onnx.ModelProto | str, batch: np.ndarray) -> list[np.ndarray]:
    from finnr.frontend.onnx_import import import_model
    from finnr.interpreter import run_batch

    return run_batch(import_model(model), batch)


def run_qonnx(model: onnx.ModelProto, x: np.ndarray) -> list[np.ndarray]:
    """qonnx's executor on ``model`` (custom ops moved to the qonnx domain,
    shapes inferred first, as execute_onnx requires)."""
    from qonnx.core.modelwrapper import ModelWrapper
    from qonnx.core.onnx_exec import execute_onnx
    from qonnx.transformation.infer_shapes import InferShapes

    m = with_domain(model, QONNX_DOMAIN)
    with ir_version_10():
        w = ModelWrapper(m)
        w = w.transform(InferShapes())
        inputs = [i.name for i in w.graph.input if i.name not in {t.name for t in w.graph.initializer}]
        assert len(inputs) == 1
        out = execute_onnx(w, {inputs[0]: x})
    return [np.asarray(out[o.name]) for o in m.graph.output]


def run_ort(model: onnx.ModelProto, x: np.ndarray, optimize: bool = False) -> list[np.ndarray]:
    """onnxruntime on the CPU. Graph optimizations are off by default so that
    QDQ groups are not fused into integer kernels (which requantize with
    their own rounding): the reference is the ONNX semantics node by node."""
    import onnxruntime as ort

    opts = ort.SessionOptions()
    if not optimize:
        opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_DISABLE_ALL
    sess = ort.InferenceSession(model.SerializeToString(), opts, providers=["CPUExecutionProvider"])
    name = sess.get_inputs()[0].name
    return list(sess.run(None, {name: x}))


def assert_close(actual: Sequence[np.ndarray], expected: Sequence[np.ndarray], rtol: float = 1e-5, argmax: bool = True) -> None:
    """Same number of outputs, same shapes, values within ``rtol`` (atol
    scaled to the output's magnitude for values near zero) and, for float
    outputs of rank >= 2, the same argmax along the last axis."""
    assert len(actual) == len(expected)
    for a, e in zip(actual, expected):
        a = np.asarray(a)
        e = np.asarray(e)
        assert a.shape == e.shape, f"shape {a.shape} != {e.shape}"
        scale = float(np.max(np.abs(e))) if e.size else 0.0
        np.testing.assert_allclose(a.astype(np.float64), e.astype(np.float64), rtol=rtol, atol=1e-6 * max(1.0, scale))
        if argmax and e.ndim >= 2 and e.size and e.shape[-1] > 1:
            # compare argmax where the maximum is unique in the reference (two
            # values within the tolerance are a tie: the exact result of the
            # math ties, both sides' float rounding picks one at random)
            flat_e = e.reshape(-1, e.shape[-1]).astype(np.float64)
            flat_a = a.reshape(-1, a.shape[-1]).astype(np.float64)
            top = np.sort(flat_e, axis=-1)
            unique = top[:, -1] - top[:, -2] > 2 * (rtol * np.abs(top[:, -1]) + 1e-6 * max(1.0, scale))
            assert np.array_equal(flat_a.argmax(-1)[unique], flat_e.argmax(-1)[unique])


def random_input(rng: np.random.Generator, shape: Sequence[int], scale: float = 2.0) -> np.ndarray:
    return (rng.standard_normal(tuple(shape)) * scale).astype(np.float32)


def compare_with_qonnx(model: onnx.ModelProto, batch: np.ndarray, rtol: float = 1e-5, exact: bool = False) -> list[np.ndarray]:
    """Run ``batch`` (frames stacked on axis 0, each of the model's input
    shape) through finnr (import_model + run_batch) and through qonnx's
    executor frame by frame; assert they agree. Returns finnr's outputs."""
    ours = run_finnr(model, batch)
    in_shape = [d.dim_value for d in model.graph.input[0].type.tensor_type.shape.dim]
    n = in_shape[0] if in_shape and in_shape[0] > 0 else 1
    frames = batch.reshape(-1, n, *batch.shape[1:])
    per_frame = [run_qonnx(model, f) for f in frames]
    theirs = [np.concatenate([r[i] for r in per_frame], axis=0) for i in range(len(per_frame[0]))]
    if exact:
        assert len(ours) == len(theirs)
        for a, e in zip(ours, theirs):
            np.testing.assert_array_equal(a, e)
    else:
        assert_close(ours, theirs, rtol=rtol)
    return ours
