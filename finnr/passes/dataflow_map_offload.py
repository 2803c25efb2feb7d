"""``dataflow-map-offload``: map a dataflow accelerator onto FINN-R's
multi-layer-offload (MO) architecture.

Every ``dataflow.partition`` with weighted layers becomes a
``dataflow.offload``: one shared ``dataflow.engine`` per kind of weighted
layer (MVAU, VVAU), every weighted layer bound to its engine (``engine``,
the engine's ``pe``/``simd``, ``mem_mode = "external"``: weights stream in
from off-chip memory), and the FIFOs and width converters dropped (the
layers hand their activations over through off-chip memory). Three
patterns, one per step, each idempotent:

- ``ConvertPartitionToOffload``: the partition becomes an offload op with
  its engines; a partition without weighted layers stays as it is;
- ``BindLayerToEngine``: a weighted layer of an offload op with no engine
  takes the engine of its kind;
- ``DropStreamBuffer``: a FIFO or width converter in an offload op is
  replaced by its input.

Options: ``pe``/``simd`` fix the engines' folding; otherwise the engine
(PE, SIMD powers of two up to 256) whose resources fit ``utilization`` of
``device`` (the one fit rule, :mod:`finnr.models.fit`) is chosen by the MO
performance model at ``clock-mhz`` (default: the device's clock)
(:func:`finnr.models.offload.best_offload`, off-chip bandwidth included;
``batch`` frames share one fetch of the weights): the cheapest reaching
``target-fps`` when given (a warning when none does), else the fastest."""

from __future__ import annotations

import warnings
from dataclasses import dataclass

from xdsl.context import Context
from xdsl.dialects.builtin import ModuleOp, StringAttr, SymbolRefAttr
from xdsl.ir import Operation
from xdsl.passes import ModulePass
from xdsl.pattern_rewriter import (
    GreedyRewritePatternApplier,
    PatternRewriter,
    PatternRewriteWalker,
    RewritePattern,
    op_type_rewrite_pattern,
)

from finnr.defaults import DEFAULT_DEVICE, DEFAULT_UTILIZATION
from finnr.diagnostics import FinnrError
from finnr.dialects import dataflow as df
from finnr.dialects.utils import i64_attr
from finnr.models import cost, fit
from finnr.models import layers as lm
from finnr.models.clock import check_clock
from finnr.models.devices import Device, get_device
from finnr.models.offload import Engine, best_offload, engines_for
from finnr.models.registry import WeightedModel


def engine_name(kind: str) -> str:
    return f"{kind}_engine"


class ConvertPartitionToOffload(RewritePattern):
    """partition -> offload with its engines, at a folding ``fold(specs)``
    gives (or refuses, None)."""

    def __init__(self, choose):
        self.choose = choose

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: df.PartitionOp, rewriter: PatternRewriter) -> None:
        specs = [lm.spec_of(l) for l in lm.compute_layers(op.block.ops)]
        if not any(isinstance(cost.model_for(s), WeightedModel) for s in specs):
            return
        pe, simd = self.choose(specs, op)
        body = op.detach_region(op.body)
        offload = df.OffloadOp(op.inputs, op.outputs.types, body, sym_name=op.sym_name.data if op.sym_name else None)
        offload.attributes |= op.attributes
        first = body.block.first_op
        for engine in engines_for(specs, pe, simd):
            body.block.insert_op_before(_engine_op(engine), first)
        rewriter.replace(op, offload)


def _engine_op(e: Engine) -> df.EngineOp:
    return df.EngineOp(engine_name(e.kind), kind=e.kind, pe=e.pe, simd=e.simd, wbits=e.wbits, abits=e.abits, obits=e.obits)


class BindLayerToEngine(RewritePattern):
    def match_and_rewrite(self, op: Operation, rewriter: PatternRewriter) -> None:
        if not isinstance(op, df.WeightedOp) or op.engine is not None or not isinstance(op.parent_op(), df.OffloadOp):
            return
        engine = next((e for e in op.parent_block().ops
                       if isinstance(e, df.EngineOp) and df.ENGINE_OPS.get(e.kind.data) is type(op)), None)
        if engine is None:
            return
        op.properties["engine"] = SymbolRefAttr(engine.sym_name.data)
        op.properties["pe"] = i64_attr(engine.pe.value.data)
        op.properties["simd"] = i64_attr(engine.simd.value.data)
        op.properties["mem_mode"] = StringAttr("external")
        rewriter.handle_operation_modification(op)


class DropStreamBuffer(RewritePattern):
    def match_and_rewrite(self, op: Operation, rewriter: PatternRewriter) -> None:
        if isinstance(op, df.FIFOOp | df.DWCOp) and isinstance(op.parent_op(), df.OffloadOp):
            if op.input.type != op.result.type:
                return  # a converter that re-views the frame (a flatten): the layers read it in its new shape
            rewriter.replace(op, [], [op.input])


@dataclass(frozen=True)
class DataflowMapOffload(ModulePass):
    """Map every accelerator onto shared engines with off-chip weights (FINN-R's multi-layer offload)."""

    name = "dataflow-map-offload"

    device: str = DEFAULT_DEVICE
    utilization: int | float = DEFAULT_UTILIZATION
    pe: int | None = None
    simd: int | None = None
    batch: int = 1
    target_fps: int | float | None = None
    clock_mhz: int | float | None = None

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        try:
            device = get_device(self.device)
        except KeyError as e:
            raise FinnrError(str(e.args[0])) from None
        fit.check_utilization(self.utilization, "utilization")
        check_clock(self.clock_mhz, "clock-mhz")
        if (self.pe is None) != (self.simd is None):
            raise FinnrError("dataflow-map-offload: give both pe and simd, or neither")
        for what in ("pe", "simd", "batch"):
            value = getattr(self, what)
            if value is not None and value < 1:
                raise FinnrError(f"dataflow-map-offload: {what} must be at least 1, got {value}")
        PatternRewriteWalker(
            GreedyRewritePatternApplier(
                [ConvertPartitionToOffload(lambda specs, part: self._fold(specs, part, device)), BindLayerToEngine(), DropStreamBuffer()],
                dce_enabled=False,
            ),
            apply_recursively=True,
        ).rewrite_module(op)

    def _fold(self, specs, part: df.PartitionOp, device: Device) -> tuple[int, int]:
        if self.pe is not None and self.simd is not None:
            return self.pe, self.simd
        best = best_offload(specs, device, fit.budget(device, self.utilization), self.batch, self.target_fps,
                            self.clock_mhz)
        if best is not None and self.target_fps is not None and best.fps < self.target_fps:
            warnings.warn(
                f"{self.target_fps:g} FPS is out of reach of a shared engine within {self.utilization:.0%} of "
                f"{device.name}; the fastest ({best.pe}x{best.simd}) reaches {best.fps:.1f} FPS",
                stacklevel=2,
            )
        if best is None:
            name = part.sym_name.data if part.sym_name else "the accelerator"
            raise FinnrError(
                f"{name}: not even a 1x1 shared engine fits {self.utilization:.0%} of {device.name}",
                ["use a larger device or a higher utilization"],
            )
        return best.pe, best.simd
