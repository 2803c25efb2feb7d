"""The end-to-end flow of ``finnr build``, stage by stage, into an output
directory that appears only when the build succeeded.

Stages: import (01-qnn.mlir) -> streamline (02-streamlined.mlir) -> dataflow
(03-dataflow.mlir) -> folding (04-folded.mlir: folding, width converters,
FIFOs) -> estimate (05-estimated.mlir, report.json, report.md,
folding_config.json, resources.png, roofline.png) -> hls (06-hls.mlir after convert-dataflow-to-hls;
hls/: the Vitis HLS C++, kernel headers, testbench and Tcl scripts; rtl/: the
Verilog AXI-Stream top level of each accelerator and stub cores; with the
``rtl`` backend instead rtl/ holds finnr's own RTL and manifest.json, and
there is no 06-hls.mlir or hls/).
``stop_after`` ends the flow after a stage. Every option is checked before
the first stage. A failed build leaves nothing behind: neither the output
directory nor the parent directories it had to create; a successful one
replaces finnr's earlier files in the output directory and never touches
files finnr did not write (:mod:`finnr.flows.outdir`).

A design that does not fit the budget (``utilization`` of each resource of
the device, :mod:`finnr.models.fit`; judged on the folded design with its
FIFOs and width converters, after the folding stage) fails the build with
a diagnostic naming each over-budget resource and the frame rate the
fastest fitting design reaches, unless ``allow_overbudget`` (then a
warning). Such a build still writes its output directory, through the
estimate (the IR, report.json, report.md, the plots), so that the user can
see where the resources go, but generates no code."""

from __future__ import annotations

import json
import math
import warnings
from dataclasses import dataclass
from pathlib import Path

from xdsl.dialects.builtin import ModuleOp

from finnr.defaults import DEFAULT_ARCH, DEFAULT_BACKEND, DEFAULT_DEVICE, DEFAULT_FIFO_DEPTH, DEFAULT_HEURISTIC, DEFAULT_PRECISIONS, DEFAULT_UTILIZATION
from finnr.diagnostics import FinnrError, warning
from finnr.flows import outdir, pipeline
from finnr.models import fit
from finnr.models.clock import clock_mhz
from finnr.models.design import design_totals

STAGES = ("import", "streamline", "dataflow", "folding", "estimate", "hls")
HEURISTICS = ("optimizer", "setfolding")
"""The folding searches for a target FPS: finnr's optimizer or FINN's SetFolding."""
BACKENDS = ("hls", "rtl")
"""What the last stage writes: HLS C++ (hls/ and its Verilog wrapper in
rtl/) or finnr's own RTL (rtl/, with rtl/manifest.json)."""


@dataclass
class BuildOptions:
    model: str | None
    """The .onnx model; None builds the bundled example (finnr.examples)."""
    output: str
    device: str = DEFAULT_DEVICE
    target_fps: float | None = None
    folding_config: str | None = None
    stop_after: str = "estimate"
    fifo_depth: int = DEFAULT_FIFO_DEPTH
    fifo_depths: str | None = None
    """A FINN hardware config of FIFO depths (``fifo_depths.json`` of
    ``finnr rtlsim --size-fifos``), applied by ``dataflow-set-fifo-depths``."""
    maximize: bool = False
    utilization: float = DEFAULT_UTILIZATION
    """The budget: the share of each of the device's LUT, FF, BRAM18, URAM
    and DSP the design may use (:mod:`finnr.models.fit`)."""
    allow_overbudget: bool = False
    """Build a design that does not fit the budget (with a warning) instead
    of failing."""
    clock_mhz: float | None = None
    """The clock every throughput figure assumes and the code is generated
    for; None: the device's default clock."""
    heuristic: str = DEFAULT_HEURISTIC
    arch: str = DEFAULT_ARCH
    """dataflow (df), multi-layer offload (mo) or auto: dataflow when it fits."""
    backend: str = DEFAULT_BACKEND
    """``hls``: Vitis HLS C++ (hls/) and its Verilog wrapper (rtl/); ``rtl``:
    finnr's own RTL (rtl/ with manifest.json, :mod:`finnr.backends.rtl`)."""
    input_datatype: str | None = None
    """The datatype the input arrives in (``qnn-quantize-input``), e.g. UINT8."""
    input_scale: float = 1.0
    force: bool = False
    """Write into an output directory that holds files finnr did not write
    (never deleting or replacing them; :mod:`finnr.flows.outdir`)."""
    cost_model: str | None = None
    """The cost model the folding optimizes and the estimate reports
    (:mod:`finnr.models.cost_models`); None: the device family's default.
    ``finn`` also writes folding_config.json for every node of FINN's flow."""


def _write_ir(d: Path, name: str, module: ModuleOp) -> None:
    from finnr.ir_io import print_ir

    (d / name).write_text(print_ir(module))


def _draw_plots(tmp: Path, report: dict, device, points) -> None:
    from finnr.backends.plots import resources_png, roofline_png
    from finnr.models.roofline import parse_precision

    resources_png(tmp / "resources.png", report)
    roofline_png(tmp / "roofline.png", device, [parse_precision(p) for p in DEFAULT_PRECISIONS], points,
                 report["clock_mhz"], report["fit_utilization"])


def _plot_worker(conn) -> None:
    import matplotlib.pyplot  # noqa: F401  (the slow import, done while the build runs)

    job = conn.recv()
    if job is None:
        return
    try:
        _draw_plots(*job)
        conn.send(None)
    except Exception as e:  # reported by the build process
        conn.send(f"{type(e).__name__}: {e}")


class _Plotter:
    """Draws the build's plots in a forked process, so that importing
    matplotlib and drawing overlap with the rest of the build (on a machine
    without fork, it draws in this process)."""

    def __init__(self):
        import multiprocessing

        self.job = None
        self.proc = None
        if "fork" in multiprocessing.get_all_start_methods():
            ctx = multiprocessing.get_context("fork")
            self.conn, child = ctx.Pipe()
            self.proc = ctx.Process(target=_plot_worker, args=(child,), daemon=True)
            self.proc.start()

    def send(self, job) -> None:
        self.job = job
        if self.proc is not None:
            self.conn.send(job)

    def finish(self) -> None:
        if self.proc is None:
            if self.job is not None:
                _draw_plots(*self.job)
            return
        if self.job is None:
            self.conn.send(None)
            self.proc.join()
            return
        error = self.conn.recv()
        self.proc.join()
        if error is not None:
            raise RuntimeError(f"drawing the plots failed: {error}")

    def close(self) -> None:
        if self.proc is not None and self.proc.is_alive():
            self.proc.kill()
            self.proc.join()


def _choose_arch(module: ModuleOp, device, opts: BuildOptions) -> tuple[str, str]:
    """(dataflow or offload, why) for ``opts.arch``."""
    from finnr.models import cost_models
    from finnr.models.arch import ALIASES, choose_arch, design_specs

    arch = ALIASES[opts.arch]
    if arch != "auto":
        if arch == "offload" and opts.folding_config is not None:
            raise FinnrError("--folding-config folds a dataflow design; it does not go with --arch mo")
        return arch, f"chosen by --arch {opts.arch}"
    if opts.folding_config is not None:
        return "dataflow", "a folding config was given"
    model = opts.cost_model or cost_models.default_for(device)
    return choose_arch(design_specs(module, model), device, opts.utilization, model)


BUILD_FILES = ("01-qnn.mlir", "02-streamlined.mlir", "03-dataflow.mlir", "04-folded.mlir", "05-estimated.mlir",
               "06-hls.mlir", "report.json", "report.md", "folding_config.json", "resources.png", "roofline.png",
               "example.onnx", "example_input.npy")
"""The files a build may write at the top of its directory (and hls/, rtl/)."""


def positive_number(name: str, value: float | None) -> None:
    """A rate or a count that must be a finite number above 0."""
    if value is not None and not (math.isfinite(value) and value > 0):
        raise FinnrError(f"{name} must be a positive number, got {value:g}")


def check_options(opts: BuildOptions):
    """Every check of the options that needs no stage to run: names,
    numbers, the device, the model, the config files and the output
    directory; returns (device, the loaded model or None, the output
    directory's absolute path); ``opts.clock_mhz`` is checked here too
    (:func:`finnr.models.clock.clock_mhz` gives the clock)."""
    from finnr.frontend.onnx_import import load_model
    from finnr.interop.finn import read_folding_config
    from finnr.models.arch import ALIASES
    from finnr.models.devices import get_device
    from finnr.passes.dataflow_set_fifo_depths import fifo_depths

    if opts.backend not in BACKENDS:
        raise FinnrError(f"unknown backend '{opts.backend}' (backends: {', '.join(BACKENDS)})")
    if opts.stop_after not in STAGES:
        raise FinnrError(f"unknown stage '{opts.stop_after}' (stages: {', '.join(STAGES)})")
    if opts.arch not in ALIASES:
        raise FinnrError(f"unknown architecture '{opts.arch}' (choose {', '.join(ALIASES)})")
    if opts.heuristic not in HEURISTICS:
        raise FinnrError(f"unknown heuristic '{opts.heuristic}' (choose {', '.join(HEURISTICS)})")
    try:
        device = get_device(opts.device)
    except KeyError as e:
        raise FinnrError(str(e.args[0])) from None
    positive_number("--target-fps", opts.target_fps)
    from finnr.models import cost_models

    cost_models.get(opts.cost_model)
    fit.check_utilization(opts.utilization)
    clock_mhz(device, opts.clock_mhz)
    if isinstance(opts.fifo_depth, bool) or not isinstance(opts.fifo_depth, int) or opts.fifo_depth < 1:
        raise FinnrError(f"the FIFO depth must be a positive integer, got {opts.fifo_depth!r}")
    folds = STAGES.index(opts.stop_after) >= STAGES.index("folding")
    if opts.target_fps is None and opts.folding_config is None and not opts.maximize and folds:
        raise FinnrError("choose a folding: --target-fps F, --maximize or --folding-config FILE")
    for flag, path in (("--folding-config", opts.folding_config), ("--fifo-depths", opts.fifo_depths)):
        if path is not None and not Path(path).is_file():
            raise FinnrError(f"{path}: no such file ({flag})")
    if opts.folding_config is not None:
        read_folding_config(opts.folding_config)
    if opts.fifo_depths is not None:
        fifo_depths(str(opts.fifo_depths))
    if opts.input_datatype is not None:
        from finnr.passes.qnn_quantize_input import input_type

        input_type(opts.input_datatype, opts.input_scale)
    model = None if opts.model is None else load_model(opts.model)
    out = outdir.prepare(opts.output, force=opts.force, expected=BUILD_FILES)
    return device, model, out


def _folding(opts: BuildOptions, device, clock: float, maximize: bool, utilization: float) -> str:
    """The folding stage of a dataflow design for ``opts``, or ``maximize``
    at ``utilization``."""
    if maximize:
        return pipeline.folding(device=device.name, utilization=utilization, maximize=True, clock_mhz=clock,
                                cost_model=opts.cost_model)
    return pipeline.folding(
        device=device.name, utilization=utilization, heuristic=opts.heuristic, target_fps=opts.target_fps,
        config=None if opts.folding_config is None else str(opts.folding_config), clock_mhz=clock,
        cost_model=opts.cost_model)


def _fold_dataflow(unfolded: ModuleOp, opts: BuildOptions, device, clock: float, maximize: bool, ctx=None):
    """Fold a copy of ``unfolded`` (``maximize``, or as ``opts`` say) and
    add its forks, width converters and FIFOs; returns (the design, its
    resources over budget, the folding's warnings, its folding config).

    The optimizer estimates the converters and FIFOs between the layers,
    but the buffers stage decides them (forks, deeper FIFOs before a join,
    sized depths); when the design it believed to fit does not, the folding
    is redone within a budget tightened by the overspent share and a margin
    (0.1% of the budget, doubling each time), at most three times."""
    from finnr.interop.finn import finn_plan_config, folding_config
    from finnr.models import cost_models
    from finnr.models.layers import dataflow_layers

    utilization = opts.utilization
    optimized = maximize or (opts.folding_config is None and opts.heuristic == "optimizer")
    for attempt in range(4):
        module = unfolded.clone()
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            pipeline.run(module, _folding(opts, device, clock, maximize, utilization), ctx)
        config = (finn_plan_config(module) if cost_models.get(cost_models.of_module(module)).finn_hardware
                  else folding_config(dataflow_layers(module)))
        retry = optimized and attempt < 3 and not any(issubclass(w.category, fit.OverBudgetWarning) for w in caught)
        # FIFOs sized over a few frames first (quick); fully unless the folding is redone
        for frames in (QUICK_SIZING_FRAMES, None):
            pipeline.run(module, _buffers(opts, frames), ctx)
            over = fit.fits(design_totals(module), device, opts.utilization)
            if over and retry:
                break
        module.verify()
        if not over or not retry:
            break
        utilization *= min(o.budget / o.used for o in over) * (1 - 0.001 * 2**attempt)
    return module, over, caught, config


QUICK_SIZING_FRAMES = 3
"""Frames the FIFOs are first sized over while a folding is tried."""


def _buffers(opts: BuildOptions, frames: int | None = None) -> str:
    return pipeline.buffers(depth=opts.fifo_depth, depths=None if opts.fifo_depths is None else str(opts.fifo_depths),
                            frames=frames)


def _over_budget(over: list[fit.Overage], device, opts: BuildOptions) -> str:
    """The diagnostic of a design over its budget."""
    what = ("the fastest folding" if opts.maximize else f"the design for {opts.target_fps:,.10g} FPS"
            if opts.target_fps is not None else "the folded design")
    return (f"{what} does not fit {opts.utilization:.0%} of {device.name} (with its FIFOs and width converters): "
            + "; ".join(map(str, over)))


def _best_fitting_fps(unfolded: ModuleOp, device, opts: BuildOptions, clock: float) -> float | None:
    """The frame rate of the fastest design that fits (``--maximize`` at
    the same budget, through the same FIFOs and width converters, on a
    copy of the unfolded design), at most the host link's; None when no
    folding fits."""
    from finnr.models import cost_models
    from finnr.models import layers as lm
    from finnr.models.roofline import frame_bytes

    try:
        module, over, _, _ = _fold_dataflow(unfolded, opts, device, clock, maximize=True)
    except FinnrError:
        return None
    if over:
        return None
    model = cost_models.of_module(module)
    slowest = max([lm.layer_cycles(op, model) for op in lm.dataflow_layers(module)]
                  + [float(cost_models.get(model).cycles(spec, pe, 1)) for _, spec, pe in cost_models.host_layers(module)])
    return min(clock * 1e6 / slowest, device.link_fps(*frame_bytes(module)))


def run_build(opts: BuildOptions, progress=lambda stage: None, warn=warning) -> dict | None:
    """Run the flow; returns the report (or None when stopped before the
    estimate). Every check of the options comes before the first stage
    (:func:`check_options`). ``warn`` receives the warnings of the flow
    (folding-config entries that match no layer), one message each,
    instead of Python's warning printer."""
    from finnr.backends.report import build_report, markdown
    from finnr.dialects import finnr_context
    from finnr.frontend.onnx_import import import_model
    from finnr.models.layers import dataflow_layers

    device, loaded, out = check_options(opts)
    clock = clock_mhz(device, opts.clock_mhz)
    ctx = finnr_context()

    def apply(spec: str) -> None:
        pipeline.run(module, spec, ctx)
        module.verify()

    report = None
    arch, arch_reason = "dataflow", ""
    over: list[fit.Overage] = []
    refused: FinnrError | None = None  # a design over its budget: raised once its directory is written
    staging = outdir.Staging(out, "finnr build")
    tmp = staging.path
    plotter = _Plotter()
    try:
        progress("import")
        model = loaded
        if model is None:  # the bundled example, written next to the results
            import numpy as np
            import onnx

            from finnr.examples import example_input, tfc_w2a2_example

            model = tfc_w2a2_example()
            onnx.save(model, tmp / "example.onnx")
            np.save(tmp / "example_input.npy", example_input())
        module = import_model(model, require_quantized=True)
        apply(pipeline.quantize_input(opts.input_datatype, opts.input_scale))
        _write_ir(tmp, "01-qnn.mlir", module)
        if opts.stop_after != "import":
            progress("streamline")
            apply(pipeline.STREAMLINE)
            _write_ir(tmp, "02-streamlined.mlir", module)
        if STAGES.index(opts.stop_after) >= STAGES.index("dataflow"):
            progress("dataflow")
            apply(pipeline.DATAFLOW)
            if not dataflow_layers(module):
                raise FinnrError("nothing in this model maps to hardware layers after streamlining")
            _write_ir(tmp, "03-dataflow.mlir", module)
        if STAGES.index(opts.stop_after) >= STAGES.index("folding"):
            progress("folding")
            unfolded = module
            arch, arch_reason = _choose_arch(module, device, opts)
            if arch == "offload":
                with warnings.catch_warnings(record=True) as caught:
                    warnings.simplefilter("always")
                    apply(pipeline.offload(device=device.name, utilization=opts.utilization, clock_mhz=clock,
                                           target_fps=None if opts.maximize else opts.target_fps))
                over = fit.fits(design_totals(module), device, opts.utilization)
            else:
                module, over, caught, config = _fold_dataflow(unfolded, opts, device, clock, opts.maximize, ctx)
                (tmp / "folding_config.json").write_text(json.dumps(config, indent=2) + "\n")
            for w in caught:
                if not issubclass(w.category, fit.OverBudgetWarning):  # judged below, on the whole design
                    warn(str(w.message))
            _write_ir(tmp, "04-folded.mlir", module)
            if over and opts.allow_overbudget:
                warn(_over_budget(over, device, opts) + "; built anyway (--allow-overbudget)")
        if STAGES.index(opts.stop_after) >= STAGES.index("estimate"):
            progress("estimate")
            apply(pipeline.ESTIMATE)
            _write_ir(tmp, "05-estimated.mlir", module)
            report = build_report(module, device, clock, opts.utilization)
            report["arch_reason"] = arch_reason
            (tmp / "report.json").write_text(json.dumps(report, indent=2) + "\n")
            (tmp / "report.md").write_text(markdown(report))
            from finnr.flows.roofline import design_point

            label = "example" if opts.model is None else Path(opts.model).stem
            plotter.send((tmp, report, device, [design_point(module, report, label)]))
        if over and not opts.allow_overbudget:
            best = _best_fitting_fps(unfolded, device, opts, clock) if arch == "dataflow" else None
            kept = "the estimate (report.md, report.json)" if report is not None else "the folding (04-folded.mlir)"
            refused = FinnrError(
                _over_budget(over, device, opts),
                [f"the fastest design that fits reaches {best:,.1f} FPS at {clock:g} MHz (--maximize)" if best
                 else "no folding fits: try a larger device, a lower precision or --arch mo",
                 f"{opts.output}/ holds the stages through {kept} to see where the resources go, and no code; "
                 "--allow-overbudget builds the design anyway"])
        elif opts.stop_after == "hls" and arch == "offload":
            warn("the multi-layer-offload architecture has no HLS or RTL code generation yet; "
                 "the build ends after the estimate (--arch dataflow generates code)")
        elif opts.stop_after == "hls" and opts.backend == "rtl":
            from finnr.backends.rtl import write_rtl_project

            progress("hls")
            write_rtl_project(module, tmp / "rtl", clock_mhz=clock, device=device.name)
        elif opts.stop_after == "hls":
            from finnr.backends.hls_cpp import write_hls_project

            progress("hls")
            if device.family == "ecp5":
                warn(f"the HLS C++ is for Vitis HLS (Xilinx), which cannot target {device.part}; it is still "
                     "C-simulated by `finnr csim`. For the ECP5 bitstream: --backend rtl, then `finnr bitstream`")
            apply(pipeline.HLS)
            _write_ir(tmp, "06-hls.mlir", module)
            write_hls_project(module, tmp / "hls", part=device.part, clock_mhz=clock)
            from finnr.backends.verilog import write_rtl

            write_rtl(module, tmp / "rtl")
        plotter.finish()
        staging.install()
    except BaseException:
        plotter.close()
        staging.discard()
        raise
    if refused is not None:
        raise refused
    return report
