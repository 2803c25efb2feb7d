"""``dataflow-set-folding``: choose PE and SIMD of every layer.

Modes (options):

- ``target-fps=F`` (with ``device``, or ``clock-mhz``): FINN's SetFolding
  heuristic (``finnr.models.folding``) for F frames per second, the baseline
  the optimizer must beat;
- ``config=PATH``: a folding config in FINN's JSON format (layer name ->
  PE, SIMD, ram_style, mem_mode, resType), matched to finnr's layers by kind
  and order, so a folding can come from FINN.

The chosen values are written to the layers' ``pe``/``simd`` (and memory
style) properties; every choice divides the dimension it folds. FIFOs and
width converters are not touched: run ``dataflow-insert-dwc`` and
``dataflow-insert-fifo`` after this pass."""

from __future__ import annotations

from dataclasses import dataclass

from xdsl.context import Context
from xdsl.dialects.builtin import ModuleOp
from xdsl.ir import Operation
from xdsl.passes import ModulePass

from finnr.diagnostics import FinnrError
from finnr.dialects import dataflow as df
from finnr.dialects.utils import i64_attr
from finnr.models import layers as lm
from finnr.models.devices import get_device
from finnr.models.folding import set_folding


def partition_layers(module: ModuleOp) -> list[Operation]:
    """Every dataflow layer of the module, partitions in order."""
    return [op for op in module.walk() if lm.kind(op) is not None]


def apply_fold(op: Operation, pe: int, simd: int) -> None:
    if "pe" in type(op).get_irdl_definition().properties:
        op.properties["pe"] = i64_attr(pe)
    if "simd" in type(op).get_irdl_definition().properties:
        op.properties["simd"] = i64_attr(simd)


@dataclass(frozen=True)
class DataflowSetFolding(ModulePass):
    """Choose PE/SIMD per layer: FINN's SetFolding for a target FPS, or a FINN folding config."""

    name = "dataflow-set-folding"

    target_fps: int | float | None = None
    device: str = "pynq-z1"
    clock_mhz: int | float | None = None
    config: str | None = None

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        layers = [l for l in partition_layers(op) if not isinstance(l, df.DWCOp | df.FIFOOp)]
        if self.config is not None:
            from finnr.models.folding_config import apply_folding_config, read_folding_config

            apply_folding_config(layers, read_folding_config(self.config))
            return
        if self.target_fps is None:
            raise FinnrError("dataflow-set-folding needs target-fps=F or config=PATH")
        if self.target_fps <= 0:
            raise FinnrError(f"target-fps must be positive, got {self.target_fps}")
        try:
            clock = self.clock_mhz if self.clock_mhz is not None else get_device(self.device).clock_mhz
        except KeyError as e:
            raise FinnrError(str(e.args[0])) from None
        target_cycles = clock * 1e6 / self.target_fps
        folds = set_folding([lm.spec_of(l) for l in layers], target_cycles)
        for layer, fold in zip(layers, folds):
            apply_fold(layer, fold.pe, fold.simd)
