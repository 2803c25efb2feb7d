"""Interpreter functions of the dataflow dialect: each layer computed the way
its hardware engine folds it.

An MVAU/VVAU multiplies PE x SIMD tiles of its weight memory (the layout the
HLS kernels use, :func:`finnr.hw.fold_weights`) and accumulates them over the SIMD
folds in exact integer arithmetic; thresholds compare per PE lane. Values
are the same representation as in the qnn interpreter (float64 arrays of
exact integers), so both levels can be compared bit for bit."""

from __future__ import annotations

from typing import Any

import numpy as np
from xdsl.interpreter import (
    Interpreter,
    InterpreterFunctions,
    ReturnedValues,
    impl,
    impl_terminator,
    register_impls,
)

from finnr.dialects import dataflow as df
from finnr.dialects import datatypes as dt
from finnr.dialects.utils import numpy_from_dense
from finnr.hw import fold_thresholds, fold_weights
from finnr.interpreter import numeric
from finnr.interpreter.qnn import repr_dtype


def _threshold(acc: np.ndarray, thresholds: np.ndarray | None, act_bias: int, pe: int, out_type) -> np.ndarray:
    """acc (V, C) -> the threshold count + act_bias per PE lane; bipolar
    outputs map the count 0/1 to -1/+1."""
    if thresholds is None:
        return acc
    v, c = acc.shape
    if c % pe:  # the padded lanes of a shared engine: every channel counts alike
        pe = 1
    tmem = fold_thresholds(thresholds, c, pe)  # (PE, NF, T)
    lanes = acc.reshape(v, c // pe, pe).transpose(0, 2, 1)  # (V, PE, NF)
    count = (lanes[..., None] >= tmem[None]).sum(axis=-1)  # (V, PE, NF)
    out = count.transpose(0, 2, 1).reshape(v, c) + act_bias
    if isinstance(out_type, dt.BipolarType):
        out = 2 * out - 1
    return out


def _elt(v) -> Any:
    return v.type.get_element_type()


def _out(op, value: np.ndarray) -> tuple[np.ndarray]:
    r = op.results[0]
    return (np.asarray(value, dtype=repr_dtype(r.type)).reshape(r.type.get_shape()),)


@register_impls
class DataflowFunctions(InterpreterFunctions):
    @impl(df.PartitionOp)
    def run_partition(self, interpreter: Interpreter, op: df.PartitionOp, args: tuple[Any, ...]):
        return interpreter.run_ssacfg_region(op.body, args, "dataflow.partition")

    @impl_terminator(df.YieldOp)
    def run_yield(self, interpreter: Interpreter, op: df.YieldOp, args: tuple[Any, ...]):
        return ReturnedValues(args), ()

    @impl(df.OffloadOp)
    def run_offload(self, interpreter: Interpreter, op: df.OffloadOp, args: tuple[Any, ...]):
        """The layers one after the other, as the shared engines run them."""
        return interpreter.run_ssacfg_region(op.body, args, "dataflow.offload")

    @impl(df.EngineOp)
    def run_engine(self, interpreter: Interpreter, op: df.EngineOp, args: tuple[Any, ...]):
        return ()

    @impl(df.MVAUOp)
    def run_mvau(self, interpreter: Interpreter, op: df.MVAUOp, args: tuple[Any, ...]):
        """Tile by tile: PE rows x SIMD columns of the weight memory per
        step. On a shared engine (dimensions that PE/SIMD need not divide)
        the matrix and the input vectors are padded with zeros up to whole
        tiles, and the padded rows are dropped at the end."""
        pe, simd = op.pe.value.data, op.simd.value.data
        w = numpy_from_dense(op.weights).astype(np.int64)
        mw, mh = w.shape
        pw, ph = -(-mw // simd) * simd, -(-mh // pe) * pe
        w = np.pad(w, ((0, pw - mw), (0, ph - mh)))
        x = np.rint(np.asarray(args[0], np.float64)).astype(np.int64).reshape(-1, mw)
        x = np.pad(x, ((0, 0), (0, pw - mw))).reshape(-1, pw // simd, simd)  # (V, SF, SIMD)
        wmem = fold_weights(w, pe, simd).reshape(pe, ph // pe, pw // simd, simd)  # (PE, NF, SF, SIMD)
        acc = np.einsum("vfs,pnfs->vnp", x, wmem).reshape(x.shape[0], ph)[:, :mh]  # row nf*PE + p
        t = numpy_from_dense(op.thresholds) if op.thresholds is not None else None
        return _out(op, _threshold(acc, t, op.act_bias.value.data, pe, _elt(op.result)))

    @impl(df.VVAUOp)
    def run_vvau(self, interpreter: Interpreter, op: df.VVAUOp, args: tuple[Any, ...]):
        w = numpy_from_dense(op.weights).astype(np.int64)  # (C, K)
        c, k = w.shape
        x = np.rint(np.asarray(args[0], np.float64)).astype(np.int64).reshape(-1, k, c)  # window order (kh, kw, c)
        acc = np.einsum("vkc,ck->vc", x, w)
        t = numpy_from_dense(op.thresholds) if op.thresholds is not None else None
        return _out(op, _threshold(acc, t, op.act_bias.value.data, op.pe.value.data, _elt(op.result)))

    @impl(df.ThresholdingOp)
    def run_thresholding(self, interpreter: Interpreter, op: df.ThresholdingOp, args: tuple[Any, ...]):
        x = np.asarray(args[0], np.float64)
        c = x.shape[-1]
        acc = x.reshape(-1, c)
        t = numpy_from_dense(op.thresholds)
        return _out(op, _threshold(acc, t, op.act_bias.value.data, op.pe.value.data, _elt(op.result)))

    @impl(df.SWUOp)
    def run_swu(self, interpreter: Interpreter, op: df.SWUOp, args: tuple[Any, ...]):
        x = np.asarray(args[0], np.float64)
        return _out(op, numeric.im2col(x, op.kernel.get_values(), op.stride.get_values(), op.dilation.get_values()))

    @impl(df.MaxPoolOp)
    def run_maxpool(self, interpreter: Interpreter, op: df.MaxPoolOp, args: tuple[Any, ...]):
        x = np.asarray(args[0], np.float64)
        kernel = op.kernel.get_values()
        y = numeric.pool(x, "max", kernel, op.stride.get_values(), [0] * 4, [1, 1], False, True)
        return _out(op, y)

    @impl(df.PadOp)
    def run_pad(self, interpreter: Interpreter, op: df.PadOp, args: tuple[Any, ...]):
        x = np.asarray(args[0], np.float64)
        top, left, bottom, right = op.pads.get_values()
        return _out(op, numeric.pad(x, [0, top, left, 0, 0, bottom, right, 0], op.value.value.data))

    @impl(df.LabelSelectOp)
    def run_label_select(self, interpreter: Interpreter, op: df.LabelSelectOp, args: tuple[Any, ...]):
        x = np.asarray(args[0], np.float64)
        _, idx = numeric.topk(x, op.k.value.data, x.ndim - 1, True)
        return _out(op, idx)

    @impl(df.DWCOp)
    def run_dwc(self, interpreter: Interpreter, op: df.DWCOp, args: tuple[Any, ...]):
        return _out(op, np.asarray(args[0]))

    @impl(df.FIFOOp)
    def run_fifo(self, interpreter: Interpreter, op: df.FIFOOp, args: tuple[Any, ...]):
        return _out(op, np.asarray(args[0]))

    @impl(df.DuplicateOp)
    def run_duplicate(self, interpreter: Interpreter, op: df.DuplicateOp, args: tuple[Any, ...]):
        return tuple(np.array(args[0], copy=True) for _ in op.results)

    @impl(df.AddStreamsOp)
    def run_add_streams(self, interpreter: Interpreter, op: df.AddStreamsOp, args: tuple[Any, ...]):
        return _out(op, np.asarray(args[0], np.float64) + np.asarray(args[1], np.float64))

    @impl(df.ConcatOp)
    def run_concat(self, interpreter: Interpreter, op: df.ConcatOp, args: tuple[Any, ...]):
        return _out(op, np.concatenate([np.asarray(a, np.float64) for a in args], axis=-1))

    @impl(df.UpsampleOp)
    def run_upsample(self, interpreter: Interpreter, op: df.UpsampleOp, args: tuple[Any, ...]):
        sh, sw = op.scale.get_values()
        return _out(op, np.asarray(args[0], np.float64).repeat(sh, axis=1).repeat(sw, axis=2))

    @impl(df.DepthToSpaceOp)
    def run_depth_to_space(self, interpreter: Interpreter, op: df.DepthToSpaceOp, args: tuple[Any, ...]):
        x = np.asarray(args[0], np.float64)
        n, h, w, _ = x.shape
        b, c = op.blocksize.value.data, op.out_shape[-1]
        if op.mode.data == "DCR":  # channel index (bh, bw, c)
            y = x.reshape(n, h, w, b, b, c).transpose(0, 1, 3, 2, 4, 5)
        else:  # CRD: (c, bh, bw)
            y = x.reshape(n, h, w, c, b, b).transpose(0, 1, 4, 2, 5, 3)
        return _out(op, y)
