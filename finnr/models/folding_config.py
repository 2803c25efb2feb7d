"""FINN's folding-config JSON, both ways.

A FINN folding config maps node names to attributes::

    {"Defaults": {}, "MVAU_hls_0": {"PE": 4, "SIMD": 8, "ram_style": "auto",
     "mem_mode": "internal_decoupled", "resType": "lut"}, ...}

finnr writes its layers under FINN's names (kind + index per kind, as FINN's
GiveUniqueNodeNames does) and reads a file by matching entries to layers of
the same kind in order, so a file written by FINN (``MVAU_hls_2``,
``ConvolutionInputGenerator_rtl_0``, ...) applies too. Entries without a
counterpart (FINN's reshape or elementwise nodes, a non-empty ``Defaults``,
which finnr does not apply) are reported as warnings; the empty ``Defaults``
finnr writes itself is accepted silently, so a config round-trips without
warnings."""

from __future__ import annotations

import json
import re
import warnings
from pathlib import Path

from xdsl.dialects.builtin import StringAttr
from xdsl.ir import Operation

from finnr.diagnostics import FinnrError
from finnr.dialects.utils import i64_attr
from finnr.models import layers as lm

_FINN_KIND = {
    "MVAU": "mvau", "MatrixVectorActivation": "mvau", "VVAU": "vvau", "VectorVectorActivation": "vvau",
    "ConvolutionInputGenerator": "swu", "Thresholding": "thresholding", "StreamingMaxPool": "maxpool",
    "FMPadding": "pad", "LabelSelect": "label_select", "StreamingDataWidthConverter": "dwc",
    "StreamingFIFO": "fifo", "DuplicateStreams": "duplicate", "AddStreams": "add_streams",
}
_NAME = re.compile(r"^([A-Za-z]+?)(?:_Batch)?(?:_(?:hls|rtl))?(?:_(\d+))?$")


def finn_kind(name: str) -> str | None:
    m = _NAME.match(name)
    return _FINN_KIND.get(m.group(1)) if m else None


def folding_config(layers: list[Operation]) -> dict:
    """The folding of ``layers`` as a FINN folding config."""
    out: dict = {"Defaults": {}}
    for name, op in zip(lm.finn_names(layers), layers):
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
    by_kind: dict[str, list[Operation]] = {}
    for op in layers:
        by_kind.setdefault(lm.kind(op), []).append(op)
    entries: dict[str, list[tuple[str, dict]]] = {}
    unmatched = []
    for name, attrs in config.items():
        if name == "Defaults" and attrs == {}:
            continue  # FINN's (and finnr's own) empty defaults: nothing to apply
        k = finn_kind(name)
        if k is None or not isinstance(attrs, dict):
            unmatched.append(name)
            continue
        entries.setdefault(k, []).append((name, attrs))
    for k, items in entries.items():
        ops = by_kind.get(k, [])
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
