"""The layer-model registry: what the cost models know of each layer kind,
keyed by its dataflow op class (as xDSL keys interpreter functions).

A :class:`LayerModel` subclass per op class, registered with
``@layer_model(df.MVAUOp)``, holds every per-kind fact of the models: the
:class:`~finnr.models.cost.LayerSpec` read from an op, the dimensions PE
and SIMD fold, cycles, resources, stream widths,
weights and multiply-accumulates, the optimizer's choices, FINN's
SetFolding step and the off-chip traffic of a multi-layer offload. The
entries are in :mod:`finnr.models.cost` (importing :mod:`finnr.models`
registers them). ``LayerModel.kind`` is the layer's short name
(``"mvau"``: ``LayerSpec.kind`` and the ``kind`` of report.json), defined
by its entry only.

:func:`missing_entries` checks any set of registries keyed by op class
against the dataflow ops that are layers (:func:`layer_op_classes`)."""

from __future__ import annotations

import math
from collections.abc import Callable, Container, Iterable
from typing import ClassVar

import numpy as np
from xdsl.ir import Operation

from finnr.dialects import dataflow as df

MAX_STREAM_BITS = 8192
"""No layer reads or writes a stream wider than this (AXI-Stream limit)."""


class LayerModel:
    """The cost-model facts of one layer kind. The methods take the
    layer's ``LayerSpec`` (which :meth:`spec` reads from an op);
    ``pe``/``simd`` are numbers or numpy arrays (the results then broadcast
    over them)."""

    op: ClassVar[type[Operation]]
    """The dataflow op class (set by :func:`layer_model`)."""
    kind: ClassVar[str]
    """The short name of the kind (``LayerSpec.kind``, report.json)."""
    compute: ClassVar[bool] = True
    """Whether a folding is chosen for the layer (False for the FIFOs and
    width converters, which follow from their neighbours)."""

    def spec(self, op: Operation):
        """The ``LayerSpec`` of ``op``."""
        raise NotImplementedError

    def folded_dims(self, spec) -> tuple[int | None, int | None]:
        """(dimension PE divides, dimension SIMD divides); None where the
        layer has no such parallelism."""
        return None, None

    def cycles(self, spec, pe, simd) -> np.ndarray:
        """Cycles per frame at folding (pe, simd)."""
        raise NotImplementedError

    def resources(self, spec, pe, simd, ram_style: str, res_type: str, mem_mode: str) -> dict[str, np.ndarray]:
        """LUT, FF, BRAM18, URAM and DSP at (pe, simd)."""
        raise NotImplementedError

    def stream_widths(self, spec, pe: int, simd: int) -> tuple[int, int]:
        """Elements per beat of the input and output streams."""
        return pe, pe

    def vectors(self, spec) -> int:
        """Vectors per frame the layer computes one after the other."""
        return spec.vectors

    def weight_count(self, spec) -> int:
        return 0

    def macs(self, spec) -> int:
        """Multiply-accumulates per frame."""
        return 0

    def bounded_input_lanes(self, pe, simd):
        """The input lanes the optimizer keeps within
        :data:`MAX_STREAM_BITS`: SIMD (1 where the layer has none)."""
        return simd

    def stream_bits_ok(self, spec, pe, simd) -> np.ndarray:
        """Which foldings keep the optimizer's stream-width bound (a beat
        of ``spec.mmv`` pixels)."""
        return self.bounded_input_lanes(pe, simd) * spec.abits * spec.mmv <= MAX_STREAM_BITS

    def memory_choices(self, spec, uram: bool) -> list[tuple[str, str]]:
        """(ram_style, res_type) pairs the optimizer tries."""
        return [("auto", "lut")]

    def modes(self, spec) -> list[dict]:
        """The folding modes beyond PE and SIMD the optimizer tries: each
        a set of ``LayerSpec`` fields (an op property of the same name), the
        first the layer's plain mode (a sliding window unit:
        ``parallel_window`` off and on; ``mmv``: M pixels per beat)."""
        return [{}]

    def mode_ok(self, spec, pe, simd) -> np.ndarray:
        """Which foldings the spec's mode allows."""
        return np.ones(np.shape(pe), dtype=bool)

    def activation_bytes(self, spec) -> float:
        """Bytes of input and output activations per frame (multi-layer
        offload, where they go through off-chip memory)."""
        return spec.channels * max(1, spec.vectors) * (spec.abits + spec.obits) / 8

    def set_folding(self, search) -> None:
        """FINN's SetFolding for the layer (``search``: a
        :class:`finnr.models.folding.FoldSearch`): raise its one
        parallelism, SIMD or PE, until it meets the target."""
        pe_dim, simd_dim = self.folded_dims(search.spec)
        if simd_dim is not None:
            search.raise_to_target("simd", simd_dim)
        elif pe_dim is not None:
            search.raise_to_target("pe", pe_dim)


class WeightedModel(LayerModel):
    """A layer with a weight memory (MVAU, VVAU): a compute engine that a
    multi-layer offload can share. ``folded_dims`` is (outputs, inputs per
    output)."""

    def stream_bits_ok(self, spec, pe, simd) -> np.ndarray:
        return super().stream_bits_ok(spec, pe, simd) & (pe * spec.obits * spec.mmv <= MAX_STREAM_BITS)

    def memory_choices(self, spec, uram: bool) -> list[tuple[str, str]]:
        """Weight memory styles (URAM where the device has it) x LUT or DSP
        multipliers (LUT only for XNOR-popcount)."""
        mems = ["distributed", "block"] + (["ultra"] if uram else [])
        mults = ["lut"] if spec.binary_xnor else ["lut", "dsp"]
        return [(m, r) for m in mems for r in mults]

    def engine_cycles(self, spec, pe: int, simd: int) -> int:
        """Cycles per frame on a shared engine of pe x simd (dimensions
        padded up to it)."""
        pe_dim, simd_dim = self.folded_dims(spec)
        return math.ceil(pe_dim / pe) * math.ceil(simd_dim / simd) * self.vectors(spec)


MODELS: dict[type[Operation], LayerModel] = {}
"""The registry: op class -> its model, in registration order."""
_BY_KIND: dict[str, LayerModel] = {}
KINDS = _BY_KIND.keys()
"""The short names of the registered layer kinds (a live view)."""


def layer_model(op_class: type[Operation]) -> Callable[[type[LayerModel]], type[LayerModel]]:
    """Class decorator: register a :class:`LayerModel` subclass as the
    model of ``op_class``."""

    def register(cls: type[LayerModel]) -> type[LayerModel]:
        if op_class in MODELS or cls.kind in _BY_KIND:
            raise ValueError(f"{op_class.__name__} ('{cls.kind}') has a layer model already")
        cls.op = op_class
        MODELS[op_class] = _BY_KIND[cls.kind] = cls()
        return cls

    return register


def model_of(op_or_class: Operation | type[Operation]) -> LayerModel:
    """The model of an op or op class; ValueError if it has none."""
    cls = op_or_class if isinstance(op_or_class, type) else type(op_or_class)
    model = MODELS.get(cls)
    if model is None:
        raise ValueError(f"{cls.name} ({cls.__name__}) is not a dataflow layer: it has no layer model")
    return model


def model_named(kind: str) -> LayerModel:
    """The model whose ``kind`` is ``kind`` (a ``LayerSpec.kind``)."""
    model = _BY_KIND.get(kind)
    if model is None:
        raise ValueError(f"unknown layer kind '{kind}'")
    return model


def mmv_of(op: Operation) -> int:
    """Pixels per beat of a dataflow layer (its ``mmv``; 1 where it has none)."""
    attr = getattr(op, "mmv", None) if isinstance(op, df.DataflowOp) else None
    return 1 if attr is None else attr.value.data


def layer_op_classes(ops: Iterable[type[Operation]] | None = None) -> list[type[Operation]]:
    """The op classes among ``ops`` (default: the dataflow dialect's) that
    are layers: the subclasses of ``dataflow.DataflowOp``."""
    ops = list(df.Dataflow.operations) if ops is None else ops
    return [op for op in ops if issubclass(op, df.DataflowOp)]


def missing_entries(registries: dict[str, Container[type[Operation]]], op_classes: Iterable[type[Operation]]) -> list[str]:
    """One message per op class that a registry (name -> the op classes it
    covers, e.g. a dict keyed by op class) has no entry for."""
    return [
        f"{op.name} ({op.__name__}) has no entry in the {name} registry"
        for op in op_classes
        for name, registry in registries.items()
        if op not in registry
    ]
