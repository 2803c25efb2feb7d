"""From dataflow IR to cost-model inputs: the layers of a module, the
:class:`LayerSpec` of every layer and its folding (the network-level
figures are in :mod:`finnr.models.schedule`). Reads the IR,
never changes it; every per-kind fact comes from the layer-model registry
(:mod:`finnr.models.registry`)."""

from __future__ import annotations

import dataclasses

import numpy as np
from xdsl.ir import Operation

from finnr.dialects import dataflow as df
from finnr.dialects import datatypes as dt
from finnr.hw.arith import accumulator_range
from finnr.models import cost, cost_models, finn_estimates, finn_model
from finnr.models.registry import MODELS, model_of


def kind(op: Operation) -> str | None:
    """The layer kind of ``op`` (its model's short name), None when it is
    not a dataflow layer."""
    model = MODELS.get(type(op))
    return model.kind if model is not None else None


def is_layer(op: Operation) -> bool:
    """Whether ``op`` is a dataflow layer (its class has a layer model)."""
    return type(op) in MODELS


def dataflow_layers(module: Operation) -> list[Operation]:
    """The dataflow layers in ``module``, in walk order."""
    return [op for op in module.walk() if is_layer(op)]


def compute_layers(ops) -> list[Operation]:
    """The layers among ``ops`` whose folding is chosen: every dataflow
    layer but the FIFOs and width converters, which follow from their
    neighbours' foldings."""
    return [op for op in ops if is_layer(op) and model_of(op).compute]


def _int_prop(op: Operation, name: str, default: int = 1) -> int:
    attr = op.properties.get(name)
    return attr.value.data if attr is not None else default


def _str_prop(op: Operation, name: str, default: str) -> str:
    attr = op.properties.get(name)
    return attr.data if attr is not None else default


def folding(op: Operation) -> tuple[int, int]:
    """(pe, simd) of a layer (1 where the layer has no such parameter)."""
    return _int_prop(op, "pe"), _int_prop(op, "simd")


def folding_mode(op: Operation) -> str:
    """The layer's folding mode beyond PE and SIMD (``LayerModel.modes``)
    where it is not the plain one, as report.md shows it: e.g.
    ``parallel_window``, ``mmv 2``; empty for the plain mode."""
    spec = model_of(op).spec(op)
    plain = model_of(op).modes(spec)[0]
    parts = []
    for key, default in plain.items():
        value = getattr(spec, key)
        if value != default:
            parts.append(key if isinstance(value, bool) else f"{key} {value}")
    return ", ".join(parts)


def spec_of(op: Operation) -> cost.LayerSpec:
    """The cost-model description of a dataflow layer. In a module folded
    under a model of FINN's hardware its ``extra`` also holds what FINN's
    model reads beyond the shape (the accumulator and weight widths FINN
    derives from the weights, ``finn_acc_bits`` and ``finn_wbits``, which
    take a pass over the weights; a depthwise window, ``depthwise``)."""
    if not is_layer(op):
        raise ValueError(f"{op.name} is not a dataflow layer")
    spec = model_of(op).spec(op)
    if not _under_finn_hardware(op):
        return spec
    spec = finn_model.with_depthwise_window(op, spec)
    if isinstance(op, df.WeightedOp):
        w = np.asarray(op.weight_matrix())
        bits = 1 if spec.binary_xnor else finn_estimates.weight_bits(int(w.min(initial=0)), int(w.max(initial=0)))
        return dataclasses.replace(spec, extra={**spec.extra, "finn_acc_bits": finn_accumulator_bits(op),
                                                "finn_wbits": bits})
    if isinstance(op, df.SWUOp) and op.depthwise.value.data:
        return dataclasses.replace(spec, extra={**spec.extra, "depthwise": True})
    return spec


def _under_finn_hardware(op: Operation) -> bool:
    """Whether the module holding ``op`` is folded under a cost model of FINN's hardware."""
    top = op
    while (parent := top.parent_op()) is not None:
        top = parent
    return cost_models.get(cost_models.of_module(top)).finn_hardware


def finn_accumulator_bits(op: df.WeightedOp) -> int:
    """The accumulator width FINN gives the layer from its weights
    (``MVAU.minimize_accumulator_width`` with FINN's ``calculate_matvec_accumulator_range``;
    bipolar XNOR layers as FINN computes them: weights +-1 on BINARY 0/1 inputs)."""
    x = op.input.type.get_element_type()
    w = np.asarray(op.weight_matrix(), dtype=np.int64)
    if isinstance(op, df.VVAUOp):  # (C, K*K): each channel's window is a column
        w = w.reshape(w.shape[0], -1).T
    in_type = dt.BinaryType() if isinstance(x, dt.BipolarType) and isinstance(op.weight_dtype, dt.BipolarType) else x
    lo, hi = accumulator_range(w, in_type)
    return finn_estimates.accumulator_bits(lo, hi)


def layer_cycles(op: Operation, model: str | None = None) -> float:
    """Cycles per frame of one layer at its folding, by the named cost model
    (:mod:`finnr.models.cost_models`; default finnr's own)."""
    pe, simd = folding(op)
    return float(cost_models.get(model).cycles(spec_of(op), pe, simd))


def layer_resources(op: Operation, model: str | None = None) -> dict[str, float]:
    """LUT, FF, BRAM18, URAM, DSP of one layer at its folding, by the named
    cost model (default finnr's own; a ``res_type`` of 'auto' is estimated as
    LUT multipliers, as FINN's estimates do)."""
    cm = cost_models.get(model)
    if cm.op_resources is not None:
        return {key: float(np.asarray(v)) for key, v in cm.op_resources(op).items()}
    pe, simd = folding(op)
    res_type = _str_prop(op, "res_type", "lut")
    res = cm.resources(
        spec_of(op), pe, simd, _str_prop(op, "ram_style", "auto"), "lut" if res_type == "auto" else res_type,
        _str_prop(op, "mem_mode", "internal_embedded"))
    return {key: float(np.asarray(v)) for key, v in res.items()}


def stream_widths(op: Operation) -> tuple[int, int]:
    """Elements per beat of the layer's input and output streams."""
    pe, simd = folding(op)
    return model_of(op).stream_widths(spec_of(op), pe, simd)
