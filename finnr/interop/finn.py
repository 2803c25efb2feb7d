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
so a config round-trips without warnings.

Under a cost model of FINN's hardware (``--cost-model finn``) the names are
those of every node FINN's own flow creates for the network
(:func:`finn_plan`: its input thresholding, the window generator and
``Pool_hls`` of each max-pool, ...), written by :func:`finn_plan_config`
and read by :func:`apply_finn_plan_config`, so that FINN takes the file as
it is."""

from __future__ import annotations

import json
import re
import warnings
from pathlib import Path

from xdsl.dialects.builtin import StringAttr
from xdsl.ir import Operation

from finnr.diagnostics import FinnrError
from finnr.dialects import dataflow as df
from finnr.dialects.utils import bool_attr, i64_attr
from finnr.models import finn_model
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
        entry.update({key: int(value) for key, (value, plain) in _mode(op).items() if value != plain})
        out[name] = entry
    return out


def _mode(op: Operation) -> dict:
    """The layer's folding mode (``LayerModel.modes``: e.g. a sliding
    window unit's ``parallel_window``, FINN's name): per key, its value on
    the layer and in the plain mode (FINN's default, which a folding config
    leaves out)."""
    spec = lm.spec_of(op)
    return {key: (getattr(spec, key), plain) for key, plain in lm.model_of(op).modes(spec)[0].items()}


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
    for key, (_, plain) in _mode(op).items():
        if key in attrs:
            value = attrs[key]
            if not isinstance(plain, bool):  # a count (mmv): a positive integer
                if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                    raise FinnrError(f"folding config '{name}': {key} must be a positive integer, got {value!r}")
                op.properties[key] = i64_attr(value)
                continue
            if value not in (0, 1):  # True and False too
                raise FinnrError(f"folding config '{name}': {key} must be 0 or 1, got {value!r}")
            op.properties[key] = bool_attr(bool(value))
    try:
        op.verify()
    except Exception as e:
        raise FinnrError(f"folding config '{name}' does not fit {op.name}: {e}") from None


def finn_plan(module: Operation) -> list[finn_model.PlanNode]:
    """Every node FINN's flow (finn-plus 1.6) creates for ``module``'s design,
    with FINN's names (:func:`finnr.models.finn_model.plan`)."""
    return finn_model.plan(module, lm.compute_layers(module.walk()), lm.spec_of, lambda op: OP_TYPE[type(op)])


def finn_plan_config(module: Operation) -> dict:
    """The folding of ``module`` as a folding config naming every node of
    FINN's flow: PE/SIMD of each (a max-pool's PE is its window generator's
    SIMD and its ``Pool_hls``'s PE; a host layer's PE is the module's
    ``finnr.finn_host_folding``), FINN's memory attributes of the matrix
    units (weights decoupled unless external) and of the window generators
    (line buffer in LUTRAM, the SWU's parallel window as set)."""
    hosts = finn_model.host_folding(module)
    out: dict = {"Defaults": {}}
    for node in finn_plan(module):
        if node.layer is None:
            out[node.name] = {"PE": hosts.get(node.name, 1)}
            continue
        op = node.layer
        pe, simd = lm.folding(op)
        fold = {"pe": pe, "simd": simd}
        props = type(op).get_irdl_definition().properties
        entry = {attr: fold[which] for attr, which in node.attrs.items() if which in props}
        if isinstance(op, df.WeightedOp) and node.op_type in ("MVAU_hls", "VVAU_hls"):
            res_type = op.res_type.data
            entry.update(ram_style=finn_model.finn_ram_style(op.ram_style.data), ram_style_thresholds="auto",
                         resType="lut" if res_type == "auto" else res_type,
                         mem_mode=finn_model.weight_mem_mode(op.mem_mode.data))
            if node.op_type == "VVAU_hls":  # FINN's VVAU has no such attribute
                del entry["ram_style_thresholds"]
        if node.op_type == "ConvolutionInputGenerator_rtl":
            entry.update(parallel_window=int(isinstance(op, df.SWUOp) and op.is_parallel), ram_style="distributed")
        out[node.name] = entry
    return out


def apply_finn_plan_config(module: Operation, layers: list[Operation], config: dict) -> list[str]:
    """Set the folding of ``layers`` (the compute layers of ``module``) and of
    its host layers from a folding config that names FINN's nodes
    (:func:`finn_plan`), FINN's own ``auto_folding_config.json`` for the
    network or one :func:`finn_plan_config` wrote; returns the warnings
    (entries with no counterpart, a max-pool whose window generator and pool
    disagree), which it also emits."""
    by_name = {n.name: n for n in finn_plan(module)}
    msgs, hosts, set_by = [], {}, {}
    for name, attrs in config.items():
        if name == "Defaults" and attrs == {}:
            continue
        node = by_name.get(name)
        if node is None or not isinstance(attrs, dict):
            msgs.append(f"folding config entry '{name}' has no counterpart in this network; ignored")
            continue
        if node.layer is None:
            pe = attrs.get("PE", 1)
            if not isinstance(pe, int) or pe < 1 or node.host.spec.channels % pe:
                raise FinnrError(f"folding config '{name}': PE must be a positive divisor of "
                                 f"{node.host.spec.channels}, got {pe!r}")
            hosts[name] = pe
            continue
        fold = {("PE" if which == "pe" else "SIMD"): attrs[attr] for attr, which in node.attrs.items() if attr in attrs}
        for key, value in fold.items():
            earlier = set_by.get((node.layer, key))
            if earlier is not None and earlier[1] != value:
                msgs.append(f"folding config entries '{earlier[0]}' and '{name}' fold the same finnr layer "
                            f"differently ({earlier[1]} and {value}); '{name}' applies")
            set_by[(node.layer, key)] = (name, value)
        memory = {k: attrs[k] for k in ("ram_style", "resType") if k in attrs and node.op_type in ("MVAU_hls", "VVAU_hls")}
        if attrs.get("mem_mode") == "external":
            memory["mem_mode"] = "external"
        _set(node.layer, name, {**fold, **memory})
    finn_model.set_host_folding(module, hosts)
    for m in msgs:
        warnings.warn(m, stacklevel=2)
    return msgs


def finn_estimate(module: Operation) -> dict[str, dict[str, int]]:
    """What ``--cost-model finn`` predicts for each node of FINN's flow at the
    module's folding, in the terms of FINN's estimate reports
    (``estimate_layer_cycles.json`` and ``estimate_layer_resources.json``):
    node name -> cycles, LUT, BRAM_18K, URAM, DSP."""
    hosts = finn_model.host_folding(module)
    out = {}
    for node in finn_plan(module):
        if node.layer is None:
            spec, pe, simd, memory = node.host.spec, hosts.get(node.name, 1), 1, ("auto", "lut", "internal_decoupled")
        else:
            spec, (pe, simd) = lm.spec_of(node.layer), lm.folding(node.layer)
            props = node.layer.properties
            memory = tuple(props[k].data if k in props else d
                           for k, d in (("ram_style", "auto"), ("res_type", "lut"), ("mem_mode", "internal_embedded")))
            memory = (memory[0], "lut" if memory[1] == "auto" else memory[1], memory[2])
        found = [n for n in finn_model.nodes(spec, pe, simd, *memory) if n.op_type == node.op_type]
        if not found:
            continue
        n = found[0]
        out[node.name] = {"cycles": int(n.cycles), "LUT": int(n.res["lut"]), "BRAM_18K": int(n.res["bram18"]),
                          "URAM": int(n.res["uram"]), "DSP": int(n.res["dsp"])}
    return out
