"""FINN interop: FINN's node names of finnr's layers and FINN's
folding-config JSON, both ways. The FINN op type of each layer is keyed by
its dataflow op class (:data:`OP_TYPE`).

A FINN folding config maps node names to attributes::

    {"Defaults": {}, "MVAU_hls_0": {"PE": 4, "SIMD": 8, "ram_style": "auto",
     "mem_mode": "internal_decoupled", "resType": "lut"}, ...}

finnr writes its layers under FINN's names (op type + index per op type, as
FINN's GiveUniqueNodeNames does) and reads a file by matching entries to
layers of the same op class in order, so a file written by FINN
(``MVAU_hls_2``, ``ConvolutionInputGenerator_rtl_0``, ...) applies too.
Entries without a counterpart (FINN's reshape or elementwise nodes, a
non-empty ``Defaults``, which finnr does not apply) are reported as
warnings; the empty ``Defaults`` finnr writes itself is accepted silently,
so a config round-trips without warnings."""

from __future__ import annotations

import json
import re
import warnings
from pathlib import Path

from xdsl.dialects.builtin import StringAttr
from xdsl.ir import Operation

from finnr.diagnostics import FinnrError
from finnr.dialects import dataflow as df
from finnr.dialects.utils import i64_attr
from finnr.models import layers as lm

OP_TYPE: dict[type[Operation], str] = {
    df.MVAUOp: "MVAU_hls",
    df.VVAUOp: "VVAU_hls",
    df.SWUOp: "ConvolutionInputGenerator_rtl",
    df.ThresholdingOp: "Thresholding_rtl",
    df.MaxPoolOp: "StreamingMaxPool_hls",
    df.PadOp: "FMPadding_rtl",
    df.LabelSelectOp: "LabelSelect_hls",
    df.DWCOp: "StreamingDataWidthConverter_hls",
    df.FIFOOp: "StreamingFIFO_rtl",
    df.DuplicateOp: "DuplicateStreams_hls",
    df.AddStreamsOp: "AddStreams_hls",
    df.ConcatOp: "StreamingConcat_hls",
    df.UpsampleOp: "UpsampleNearestNeighbour_hls",
    df.DepthToSpaceOp: "FinnrDepthToSpace_hls",
}
"""The FINN op type (node name prefix) finnr writes for each layer. FINN has
no depth-to-space layer: finnr's is ``FinnrDepthToSpace``."""

_FINN_OP_CLASS: dict[str, type[Operation]] = {
    "MVAU": df.MVAUOp, "MatrixVectorActivation": df.MVAUOp, "VVAU": df.VVAUOp,
    "VectorVectorActivation": df.VVAUOp, "ConvolutionInputGenerator": df.SWUOp,
    "Thresholding": df.ThresholdingOp, "StreamingMaxPool": df.MaxPoolOp, "FMPadding": df.PadOp,
    "LabelSelect": df.LabelSelectOp, "StreamingDataWidthConverter": df.DWCOp, "StreamingFIFO": df.FIFOOp,
    "DuplicateStreams": df.DuplicateOp, "AddStreams": df.AddStreamsOp, "StreamingConcat": df.ConcatOp,
    "UpsampleNearestNeighbour": df.UpsampleOp, "FinnrDepthToSpace": df.DepthToSpaceOp,
}
"""FINN op type (without ``_hls``/``_rtl``/``_Batch``, old names too) ->
the op class of finnr's layer."""

_OLD_OP_TYPE = {
    "StreamingFCLayer": "MVAU",
    "Vector_Vector_Activate": "VVAU",
    "ConvolutionInputGenerator1D": "ConvolutionInputGenerator",
}
"""Op types of older FINN releases (before the ``_hls``/``_rtl`` split; their
nodes are named ``StreamingFCLayer_Batch_0``, ``Vector_Vector_Activate_Batch_0``,
...) that differ from today's by more than the ``_Batch`` suffix -> today's."""
_NAME = re.compile(r"^([A-Za-z][A-Za-z0-9_]*?)(?:_Batch)?(?:_(?:hls|rtl))?(?:_(\d+))?$")


def finn_op_class(name: str) -> type[Operation] | None:
    """The op class of the layer a FINN node name (``MVAU_hls_3``,
    ``Thresholding_Batch_0``, FINN's older ``StreamingFCLayer_Batch_1``)
    stands for; None for other nodes."""
    m = _NAME.match(name)
    if m is None:
        return None
    op_type = m.group(1)
    return _FINN_OP_CLASS.get(_OLD_OP_TYPE.get(op_type, op_type))


def finn_names(layers: list[Operation]) -> list[str]:
    """FINN's node names for the layers, in order (``MVAU_hls_0``, ...)."""
    counters: dict[str, int] = {}
    names = []
    for op in layers:
        t = OP_TYPE[type(op)]
        names.append(f"{t}_{counters.get(t, 0)}")
        counters[t] = counters.get(t, 0) + 1
    return names


def folding_config(layers: list[Operation]) -> dict:
    """The folding of ``layers`` as a FINN folding config."""
    out: dict = {"Defaults": {}}
    for name, op in zip(finn_names(layers), layers):
        pe, simd = lm.folding(op)
        props = type(op).get_irdl_definition().properties
        entry: dict = {}
        if "pe" in props:
            entry["PE"] = pe
        if "simd" in props:
            entry["SIMD"] = simd
        if "ram_style" in props:
            entry["ram_style"] = op.ram_style.data
        if "mem_mode" in props:
            entry["mem_mode"] = op.mem_mode.data
        if "res_type" in props:
            entry["resType"] = op.res_type.data
        out[name] = entry
    return out


def read_folding_config(path: str | Path) -> dict:
    p = Path(path)
    try:
        data = json.loads(p.read_text())
    except OSError as e:
        raise FinnrError(f"{p}: cannot read the folding config ({e.strerror})") from None
    except json.JSONDecodeError as e:
        raise FinnrError(f"{p}:{e.lineno}:{e.colno}: not valid JSON ({e.msg})") from None
    if not isinstance(data, dict):
        raise FinnrError(f"{p}: a folding config is a JSON object of layer name -> attributes")
    return data


def _index(name: str) -> int:
    m = _NAME.match(name)
    return int(m.group(2)) if m and m.group(2) else 0


def apply_folding_config(layers: list[Operation], config: dict) -> list[str]:
    """Set the layers' folding from a FINN folding config; returns the
    warnings (entries with no counterpart), which it also emits."""
    by_class: dict[type[Operation], list[Operation]] = {}
    for op in layers:
        by_class.setdefault(type(op), []).append(op)
    entries: dict[type[Operation], list[tuple[str, dict]]] = {}
    unmatched = []
    for name, attrs in config.items():
        if name == "Defaults" and attrs == {}:
            continue  # FINN's (and finnr's own) empty defaults: nothing to apply
        cls = finn_op_class(name)
        if cls is None or not isinstance(attrs, dict):
            unmatched.append(name)
            continue
        entries.setdefault(cls, []).append((name, attrs))
    for cls, items in entries.items():
        ops = by_class.get(cls, [])
        for i, (name, attrs) in enumerate(sorted(items, key=lambda it: _index(it[0]))):
            if i >= len(ops):
                unmatched.append(name)
                continue
            _set(ops[i], name, attrs)
    msgs = [
        "folding config entry 'Defaults' (FINN's per-op-type defaults) is not applied by finnr; "
        "set each layer instead"
        if n == "Defaults"
        else f"folding config entry '{n}' has no counterpart in this network; ignored"
        for n in unmatched
    ]
    for m in msgs:
        warnings.warn(m, stacklevel=2)
    return msgs


def _set(op: Operation, name: str, attrs: dict) -> None:
    props = type(op).get_irdl_definition().properties
    for key, prop in (("PE", "pe"), ("SIMD", "simd")):
        if key in attrs and prop in props:
            value = attrs[key]
            if not isinstance(value, int) or value < 1:
                raise FinnrError(f"folding config '{name}': {key} must be a positive integer, got {value!r}")
            op.properties[prop] = i64_attr(value)
    for key, prop in (("ram_style", "ram_style"), ("mem_mode", "mem_mode"), ("resType", "res_type")):
        if key in attrs and prop in props:
            op.properties[prop] = StringAttr(str(attrs[key]))
    try:
        op.verify()
    except Exception as e:
        raise FinnrError(f"folding config '{name}' does not fit {op.name}: {e}") from None
