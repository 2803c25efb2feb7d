"""Named coefficient sets of the resource model.

``finn-r`` (the default everywhere) is the cost model of
:mod:`finnr.models.cost` with FINN-R's Vivado coefficients (300 + 1.1·...).
``yosys`` weighs the same terms with coefficients fitted by least squares to
finnr's own RTL layers synthesized by the pinned yosys (``finnr synth``);
``benchmarks/prediction_accuracy.py`` fits them on generated layers, checks
them on held-out ones and writes ``yosys_coefficients.json`` beside this
module. A kind the fit has not seen keeps FINN-R's model.

The model of one layer kind is linear in its terms::

    LUT = sum_i c_i * term_i(spec, pe, simd)        (and FF alike)

with the terms of :func:`terms` (``const`` is 1); FINN-R's MVAU model is
300 + 1.1·(mult + adders + acc + thresholds) + its LUTRAM weights."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import numpy as np

from finnr.models import cost
from finnr.models.cost import LayerSpec

COEFFICIENT_SETS = ("finn-r", "yosys")
YOSYS_FILE = Path(__file__).with_name("yosys_coefficients.json")
FITTED = ("lut", "ff")


def _a(x) -> np.ndarray:
    return np.asarray(x, dtype=np.float64)


def terms(spec: LayerSpec, pe=1, simd=1, ram_style: str = "auto", res_type: str = "lut",
          mem_mode: str = "internal_embedded") -> dict[str, np.ndarray]:
    """The terms of a layer's resource model at (pe, simd), by kind.

    - mvau, vvau: per PE the multipliers ``mult``, adder tree ``adders``,
      accumulator ``acc`` and thresholds ``thresholds`` (thr + cmp) of
      :func:`cost.mvau_terms`, each times PE; ``weights`` = the weight
      memory as 64-deep LUTs (PE·SIMD·W·ceil(depth/64), whatever memory the
      cost model picks: a synthesis tool maps small ROMs to LUTs);
      ``inbuf`` = the input vector buffer (MW/SIMD words of SIMD·A bits) as
      64-deep LUTs; ``products`` = PE·SIMD·W·A, the partial-product bits of
      integer multipliers built from LUTs (0 for XNOR-popcount);
    - thresholding: ``compare`` = PE·T·A, ``memory`` = PE·(T·A)·ceil(C/PE/64);
    - swu, maxpool: ``width`` = lanes·A bits, ``buffer`` = its line buffer as
      64-deep LUTs;
    - fifo: ``width`` and ``buffer`` (depth x width); dwc: ``width`` = its
      shift buffer (in + out elements); other stream layers (pad,
      label_select, duplicate, add_streams): ``width``."""
    pe, simd = _a(pe), _a(simd)
    one = 0 * pe * simd + 1.0
    k = spec.kind
    if k in ("mvau", "vvau"):
        t = cost.mvau_terms(spec, pe, simd, ram_style, res_type, mem_mode)
        depth, width = cost.weight_memory(spec, pe, simd)
        on_chip = 0.0 if mem_mode == "external" else 1.0
        mw = spec.mw if k == "mvau" else spec.kernel[0] * spec.kernel[1]
        return {"const": one, "mult": pe * t["mult"], "adders": pe * t["adders"], "acc": pe * t["acc"],
                "thresholds": pe * (t["thr"] + t["cmp"]), "weights": pe * cost.lutram(depth, width) * on_chip,
                "inbuf": cost.lutram(mw / simd, simd * spec.abits) * one,
                "products": pe * simd * (0 if spec.binary_xnor else spec.wbits * spec.abits) * one}
    if k == "thresholding":
        bits = spec.thresholds * spec.abits
        return {"const": one, "compare": pe * bits * one, "memory": pe * cost.lutram(spec.channels / pe, bits) * one}
    if k == "swu":
        width = simd * spec.abits
        kh, sh, dh = spec.kernel[0], spec.stride[0], spec.dilation[0]
        lines = dh * (kh - 1) + 1 + sh
        return {"const": one, "width": width * one,
                "buffer": cost.lutram(lines * spec.ifm[1] * spec.channels / simd, width) * one}
    if k == "maxpool":
        width = pe * spec.abits
        return {"const": one, "width": width * one, "buffer": cost.lutram(spec.ifm[1] * spec.channels / pe, width) * one}
    if k == "fifo":
        width = spec.in_elems * spec.abits
        return {"const": one, "width": width * one, "buffer": cost.lutram(spec.depth, width) * one}
    if k == "dwc":
        return {"const": one, "width": (spec.in_elems + spec.out_elems) * spec.abits * one}
    lanes = simd if k == "pad" else pe
    return {"const": one, "width": lanes * max(spec.abits, spec.obits) * one}


def finn_r_resources(spec: LayerSpec, pe=1, simd=1, ram_style: str = "auto", res_type: str = "lut",
                     mem_mode: str = "internal_embedded") -> dict[str, np.ndarray]:
    """The default model (FINN-R's coefficients) of any layer kind."""
    if spec.kind in ("mvau", "vvau"):
        return cost.mvau_resources(spec, pe, simd, ram_style, res_type, mem_mode)
    if spec.kind == "thresholding":
        return cost.thresholding_resources(spec, pe)
    if spec.kind == "swu":
        return cost.swu_resources(spec, simd)
    return cost.stream_resources(spec, pe, simd)


@cache
def coefficient_set(name: str) -> dict:
    """``{kind: {"lut": {term: c}, "ff": {term: c}}}`` of a named set
    (``finn-r`` is empty: its model is :mod:`finnr.models.cost` itself)."""
    if name not in COEFFICIENT_SETS:
        raise ValueError(f"unknown coefficient set '{name}' (sets: {', '.join(COEFFICIENT_SETS)})")
    if name == "finn-r" or not YOSYS_FILE.is_file():
        return {}
    return json.loads(YOSYS_FILE.read_text())["kinds"]


def resources(spec: LayerSpec, pe=1, simd=1, ram_style: str = "auto", res_type: str = "lut",
              mem_mode: str = "internal_embedded", coefficients: str = "finn-r") -> dict[str, np.ndarray]:
    """LUT, FF, BRAM18, URAM and DSP of a layer with a named coefficient
    set: LUT and FF from the set's fitted coefficients where it has the
    layer's kind, everything else from FINN-R's model."""
    res = finn_r_resources(spec, pe, simd, ram_style, res_type, mem_mode)
    fitted = coefficient_set(coefficients).get(spec.kind)
    if fitted:
        t = terms(spec, pe, simd, ram_style, res_type, mem_mode)
        for key in FITTED:
            res[key] = sum(c * t[name] for name, c in fitted[key].items())
    return res


def fit(rows: list[dict[str, float]], measured: list[float]) -> dict[str, float]:
    """Least-squares coefficients of ``measured ≈ Σ c·row[term]``, in
    relative error (each row weighed by 1/measured, since the accuracy that
    counts is relative), non-negative: a term whose coefficient comes out
    negative is dropped and the rest refitted. Terms that are zero on every
    row get no coefficient."""
    names = [n for n in rows[0] if any(float(r[n]) != 0 for r in rows)]
    y = np.asarray(measured, dtype=np.float64)
    weight = 1.0 / np.maximum(y, 1.0)
    while names:
        x = np.array([[float(r[n]) for n in names] for r in rows]) * weight[:, None]
        c, *_ = np.linalg.lstsq(x, y * weight, rcond=None)
        if (c >= 0).all():
            return {n: float(v) for n, v in zip(names, c)}
        names.pop(int(np.argmin(c)))
    return {}
