"""FINN-R's roofline for quantized networks on an FPGA: compute roofs per
precision from the LUT cost of an operation (and the DSPs), a memory roof
from the off-chip bandwidth, and a compiled design placed on it.

- Compute roof of precision WxA: the ops per second of a device whose LUTs
  and DSPs, as much of each as the fit budget allows (the one fit rule,
  :mod:`finnr.models.fit`; FINN-R's paper used 70% of the LUTs), are all
  spent on W·A-bit multiply-accumulates, at FINN-R's measured LUT cost per
  operation, and one multiply-accumulate (2 ops) per DSP per cycle, two
  for W·A <= 8 bits by packing; at the device clock unless given.
- Memory roof: bandwidth (bytes/s) x operational intensity (ops per byte
  moved off chip).
- A dataflow design moves only its input and output frames off chip; a
  multi-layer-offload design moves weights and activations too.
- Host link: no design runs faster than the host link moves its input and
  output frames (:func:`frame_bytes`, ``Device.link_fps``); a design's
  ops/s are capped at its ops per frame x that frame rate (a horizontal
  line on the plot).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from finnr.defaults import DEFAULT_UTILIZATION
from finnr.models.devices import Device

LUTS_PER_OP = (2.5, 4.1, 5.7, 7.3, 8.9, 10.5, 12.1, 13.7)
"""FINN-R's 2018 LUTs per (binary-ish) operation for W·A = 1..8; beyond 8
the cost grows on the same slope (1.6 LUTs per extra bit of W·A)."""
def luts_per_op(wbits: int, abits: int) -> float:
    wa = wbits * abits
    if wa <= len(LUTS_PER_OP):
        return LUTS_PER_OP[wa - 1]
    return LUTS_PER_OP[-1] + 1.6 * (wa - len(LUTS_PER_OP))


def compute_roof(device: Device, wbits: int, abits: int, clock_mhz: float | None = None,
                 utilization: float = DEFAULT_UTILIZATION) -> float:
    """Peak ops/s of ``utilization`` of ``device`` at precision W x A."""
    f = (clock_mhz or device.clock_mhz) * 1e6
    lut_ops = device.lut / luts_per_op(wbits, abits)
    dsp_ops = device.dsp * 2 * (2 if wbits * abits <= 8 else 1)
    return utilization * (lut_ops + dsp_ops) * f


def memory_roof(device: Device, intensity) -> np.ndarray:
    """Ops/s the off-chip bandwidth sustains at ``intensity`` ops/byte."""
    return device.dram_gbps * 1e9 * np.asarray(intensity, dtype=np.float64)


def attainable(device: Device, wbits: int, abits: int, intensity, clock_mhz: float | None = None,
               utilization: float = DEFAULT_UTILIZATION) -> np.ndarray:
    return np.minimum(compute_roof(device, wbits, abits, clock_mhz, utilization), memory_roof(device, intensity))


@dataclass
class DesignPoint:
    name: str
    intensity: float
    """Ops per byte moved off chip."""
    ops_per_second: float
    link_ops_per_second: float | None = None
    """Its ops per frame x the frame rate the host link carries."""


def parse_precision(text: str) -> tuple[int, int]:
    """'w2a4' -> (2, 4). Raises ValueError."""
    t = text.strip().lower()
    if not t.startswith("w") or "a" not in t:
        raise ValueError(f"precision '{text}' is not of the form wNaM (e.g. w2a2)")
    w, a = t[1:].split("a", 1)
    wbits, abits = int(w), int(a)
    if not (1 <= wbits <= 32 and 1 <= abits <= 32):
        raise ValueError(f"precision '{text}': bit widths must be in 1..32")
    return wbits, abits


def frame_bytes(module) -> tuple[int, int]:
    """Bytes per frame into and out of the module's accelerators (dataflow
    partitions and offloads), as the host's DMA moves them: FINN's driver
    packs each row of elements (the innermost dimension) bit by bit and
    pads the row to whole bytes, so a tensor of shape (..., C) of B-bit
    elements takes prod(...) x ceil(C x B / 8) bytes."""
    import math

    from finnr.dialects import dataflow as df
    from finnr.dialects import datatypes as dt

    def nbytes(t) -> int:
        shape = t.get_shape()
        rows = math.prod(shape[:-1]) if shape else 1
        cols = shape[-1] if shape else 1
        return rows * math.ceil(cols * dt.bitwidth(t.get_element_type()) / 8)

    accs = [op for op in module.walk() if isinstance(op, df.AcceleratorOp)]
    return (sum(nbytes(v.type) for a in accs for v in a.inputs),
            sum(nbytes(v.type) for a in accs for v in a.outputs))
