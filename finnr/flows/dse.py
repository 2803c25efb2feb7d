"""Design-space exploration (``finnr dse``) over precision, pruning, device
and parallelism, without synthesis.

For every precision (``qnn-requantize`` of the imported model's weight and
activation quantizers; ``native`` keeps the model's own) and every pruning
level (``qnn-prune{sparsity=S}``), the network is streamlined and converted
to dataflow layers once; then, for every device, the folding optimizer
gives the cheapest design for a ladder of target frame rates (geometric,
from the slowest folding up to the fastest that fits) and the fastest that
fits ``utilization`` of the device, but never faster than the device's
host link carries the network's input and output frames: where the
fastest folding exceeds that bound, the cheapest folding reaching it
instead, and every point's FPS is at most the bound. A network that does
not fit as a dataflow design at any folding gets multi-layer-offload
points instead (shared engines, off-chip weights). The optimizer chooses
PE, SIMD and memories of every layer and whether each sliding window unit
emits whole windows (parallel-window mode; the ``parallel_windows``
column counts them) and how many pixels per beat the layers that can take
(``mmv``; the ``mmv`` column: the most of any layer). Every point is folded
and costed as ``finnr build`` folds and costs it (the same functions, the
width converters and depth-2 FIFOs between the layers included) and judged
by the same fit rule (:mod:`finnr.models.fit`); every frame rate is at
``clock_mhz`` (default: each device's own clock), the ``clock_mhz``
column.

Outputs in DIR (written beside it and moved into place when complete):
``dse.csv`` (every point), ``pareto.csv`` (the points on a
device's Pareto front: no other point of that device has at least the FPS
with at most the LUTs, or at most the BRAM18), ``pareto.png`` (FPS vs LUT
and vs BRAM18 per device, fronts drawn) and ``dse.md`` (the fastest design
per device, precision and pruning level)."""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from finnr.defaults import DEFAULT_UTILIZATION
from finnr.diagnostics import FinnrError
from finnr.flows import outdir, pipeline, progress

NATIVE = "native"
STEPS = 12
"""Target frame rates per device and network (the default)."""


@dataclass
class Point:
    device: str
    precision: str
    sparsity: float
    arch: str
    target_fps: float | None
    """None for the fastest design that fits."""
    fps: float
    lut: float
    bram18: float
    uram: float
    dsp: float
    lut_pct: float
    bram18_pct: float
    fits: bool
    params: int
    weight_bits: int
    pareto_lut: bool = False
    pareto_bram18: bool = False
    clock_mhz: float = 0.0
    """The clock ``fps`` assumes."""
    parallel_windows: int = 0
    """Sliding window units the folding runs in parallel-window mode (a
    whole window per beat; the optimizer's choice, like PE and SIMD)."""
    mmv: int = 1
    """The most pixels per beat (``mmv``, the optimizer's choice) of any
    layer of the folding."""


@dataclass
class Variant:
    """One requantized and pruned network, ready to fold."""

    precision: str
    sparsity: float
    specs: list
    error: str | None = None
    frame_bytes: tuple[int, int] = (0, 0)
    """Bytes per frame into and out of the accelerator (the host link's load)."""
    module: object = None
    """Its dataflow IR (``specs`` are its compute layers'), folded in place
    for every design."""


def parse_precisions(text: str) -> list[str]:
    from finnr.models.roofline import parse_precision

    out = []
    for p in (t.strip().lower() for t in text.split(",") if t.strip()):
        if p != NATIVE:
            try:
                parse_precision(p)
            except ValueError as e:
                raise FinnrError(str(e)) from None
        out.append(p)
    if not out:
        raise FinnrError("--precisions names no precision (e.g. w1a1,w2a2 or native)")
    return out


def parse_sparsities(text: str) -> list[float]:
    try:
        out = [float(t) for t in text.split(",") if t.strip()]
    except ValueError:
        raise FinnrError(f"--sparsity must be a comma-separated list of fractions, got '{text}'") from None
    bad = [s for s in out if not 0 <= s < 1]
    if bad or not out:
        raise FinnrError(f"--sparsity values must lie in [0, 1), got '{text}'")
    return out


def compile_variant(model: str, precision: str, sparsity: float) -> Variant:
    """Import, requantize, prune, streamline and convert; the compute
    layers' cost-model specs (or the reason it failed)."""
    from finnr.frontend.onnx_import import import_model
    from finnr.models import layers as lm
    from finnr.models.roofline import frame_bytes, parse_precision
    from finnr.passes.qnn_prune import prune
    from finnr.passes.qnn_requantize import requantize

    try:
        module = import_model(model, require_quantized=True)
        if precision != NATIVE:
            wbits, abits = parse_precision(precision)
            requantize(module, weight_bits=wbits, act_bits=abits)
        if sparsity > 0:
            prune(module, sparsity=sparsity)
        pipeline.run(module, pipeline.TO_DATAFLOW)
        specs = [lm.spec_of(op) for op in lm.compute_layers(module.walk())]
    except FinnrError as e:
        return Variant(precision, sparsity, [], str(e).splitlines()[0])
    if not specs:
        return Variant(precision, sparsity, [], "nothing maps to hardware layers")
    return Variant(precision, sparsity, specs, frame_bytes=frame_bytes(module), module=module)


def device_points(v: Variant, device, utilization: float, steps: int, clock_mhz: float | None = None,
                  cost_model: str | None = None) -> list[Point]:
    """The designs of one network on one device, at ``clock_mhz``
    (default: the device's clock), under ``cost_model`` (default: the
    device family's; :mod:`finnr.models.cost_models`)."""
    from finnr.dialects import dataflow as df
    from finnr.models import cost, cost_models, fit, optimizer
    from finnr.models.clock import clock_mhz as clock_of
    from finnr.models.offload import best_offload
    from finnr.models.registry import mmv_of
    from finnr.passes.dataflow_set_folding import fold_fastest, fold_for, folding_specs

    model = cost_model or cost_models.default_for(device)
    cost_models.set_on_module(v.module, model)

    avail = device.resources()
    uram = device.uram > 0
    params, bits = cost.weight_totals(v.specs)
    mhz = clock_of(device, clock_mhz)
    clock = mhz * 1e6
    link = device.link_fps(*v.frame_bytes)

    def point(arch: str, target: float | None, fps: float, res: dict[str, float], fits: bool) -> Point:
        fps = min(fps, link)
        pct = {r: (res[r] / avail[r] if avail[r] else 0.0) for r in ("lut", "bram18")}
        windows = 0 if arch != "dataflow" else sum(
            isinstance(op, df.SWUOp) and op.is_parallel for op in v.module.walk())  # as just folded
        mmv = 1 if arch != "dataflow" else max(map(mmv_of, v.module.walk()), default=1)
        return Point(device.name, v.precision, v.sparsity, arch, target, fps, res["lut"], res["bram18"], res["uram"],
                     res["dsp"], round(100 * pct["lut"], 3), round(100 * pct["bram18"], 3), fits, params, bits,
                     clock_mhz=mhz, parallel_windows=windows, mmv=mmv)

    best = fold_fastest(v.module, device, utilization, mhz, link)
    if not best.fits:
        mo = best_offload(v.specs, device, fit.budget(device, utilization), clock_mhz=mhz)
        if mo is None:
            return []
        return [point("offload", None, mo.fps, mo.resources, True)]
    fastest = min(clock / best.cycles, link)
    slowest = clock / max(max(optimizer.candidates(s, uram, model).cycles) for s in folding_specs(v.module))
    out = [point("dataflow", None, fastest, best.totals, True)]
    if steps > 1 and fastest > slowest * (1 + 1e-9):
        ratio = (fastest / slowest) ** (1 / (steps - 1))
        for i in range(steps - 1):
            target = slowest * ratio**i
            try:
                r = fold_for(v.module, device, utilization, clock / target)
            except ValueError:
                continue
            out.append(point("dataflow", round(target, 3), clock / r.cycles, r.totals, r.fits))
    return out


def mark_pareto(points: list[Point]) -> None:
    """Per device: on the LUT front when no other fitting point has at least
    its FPS with fewer LUTs (or the same LUTs and more FPS); likewise BRAM18."""
    for key, flag in (("lut", "pareto_lut"), ("bram18", "pareto_bram18")):
        for p in points:
            if not p.fits:
                continue
            dominated = any(
                q is not p and q.fits and q.device == p.device and q.fps >= p.fps and getattr(q, key) <= getattr(p, key)
                and (q.fps > p.fps or getattr(q, key) < getattr(p, key))
                for q in points
            )
            setattr(p, flag, not dominated)


def explore(model: str, devices: list, precisions: list[str], sparsities: list[float],
            utilization: float = DEFAULT_UTILIZATION, steps: int = STEPS, progress: Callable[[str], None] = lambda label: None,
            clock_mhz: float | None = None, cost_model: str | None = None) -> tuple[list[Point], list[Variant]]:
    points, failed = [], []
    for precision in precisions:
        for sparsity in sparsities:
            v = compile_variant(model, precision, sparsity)
            progress(f"{precision} sparsity {sparsity:g}" + (" (failed)" if v.error else ""))
            if v.error:
                failed.append(v)
                continue
            for device in devices:
                points += device_points(v, device, utilization, steps, clock_mhz, cost_model)
    mark_pareto(points)
    return points, failed


def write_csv(path: Path, points: list[Point]) -> None:
    names = [f.name for f in fields(Point)]
    with path.open("w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=names)
        w.writeheader()
        for p in points:
            row = asdict(p)
            row["target_fps"] = "" if p.target_fps is None else p.target_fps
            w.writerow(row)


def pareto_png(path: Path, points: list[Point], devices: list) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.ticker import FuncFormatter

    precisions = sorted({p.precision for p in points})
    colors = {pr: plt.cm.tab10(i % 10) for i, pr in enumerate(precisions)}
    fig, axes = plt.subplots(2, len(devices), figsize=(4.2 * len(devices), 7), dpi=110, squeeze=False)
    for col, device in enumerate(devices):
        mine = [p for p in points if p.device == device.name]
        for row, (key, flag, label) in enumerate((("lut", "pareto_lut", "LUT"), ("bram18", "pareto_bram18", "BRAM18"))):
            ax = axes[row][col]
            for pr in precisions:
                pts = [p for p in mine if p.precision == pr]
                ax.scatter([getattr(p, key) for p in pts], [p.fps for p in pts], s=12, color=colors[pr], label=pr,
                           marker="o" if all(p.arch == "dataflow" for p in pts) else "^")
            front = sorted((p for p in mine if getattr(p, flag)), key=lambda p: getattr(p, key))
            if front:
                ax.step([getattr(p, key) for p in front], [p.fps for p in front], where="post", color="black", linewidth=1)
            ax.set_yscale("log")
            ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _: f"{x / 1000:g}k" if abs(x) >= 1000 else f"{x:g}"))
            ax.set_xlabel(f"{label} (device: {getattr(device, key):,})")
            ax.set_ylabel("FPS")
            ax.grid(True, which="both", linewidth=0.3)
            if row == 0:
                clocks = sorted({p.clock_mhz for p in mine}) or [device.clock_mhz]
                ax.set_title(f"{device.name} ({', '.join(f'{c:g}' for c in clocks)} MHz)")
        axes[0][col].legend(fontsize=7)
    fig.suptitle("finnr dse: designs (o dataflow, ^ offload) and Pareto fronts", fontsize=10)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)


def summary_markdown(model: str, points: list[Point], failed: list[Variant], command: str) -> str:
    lines = [f"# finnr dse of {Path(model).name}", "", f"Command: `{command}`", "",
             f"{len(points)} designs; {sum(p.pareto_lut for p in points)} on a FPS-vs-LUT Pareto front.", "",
             "Fastest design that fits, per device, precision and pruning level (FPS at the clock of the MHz "
             "column):", "",
             "| device | precision | sparsity | arch | MHz | FPS | LUT | LUT % | BRAM18 | BRAM18 % | DSP | params | weight bits |",
             "|---|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for p in points:
        if p.target_fps is None:
            lines.append(f"| {p.device} | {p.precision} | {p.sparsity:g} | {p.arch} | {p.clock_mhz:g} | {p.fps:,.0f} | {p.lut:,.0f} | "
                         f"{p.lut_pct:.1f} | {p.bram18:,.0f} | {p.bram18_pct:.1f} | {p.dsp:,.0f} | {p.params:,} | {p.weight_bits:,} |")
    for v in failed:
        lines.append(f"\n- {v.precision}, sparsity {v.sparsity:g}: not explored ({v.error})")
    return "\n".join(lines) + "\n"


DSE_FILES = ("dse.csv", "pareto.csv", "pareto.png", "dse.md")


def run_dse(model: str, output: str, devices: list[str], precisions: list[str], sparsities: list[float],
            utilization: float = DEFAULT_UTILIZATION, steps: int = STEPS, quiet: bool = False,
            command: str = "", force: bool = False, clock_mhz: float | None = None,
            cost_model: str | None = None) -> list[Point]:
    """Explore and write DSE_FILES into ``output`` (a new or empty
    directory or an earlier finnr result; with ``force`` any directory,
    whose other files stay: :mod:`finnr.flows.outdir`); frame rates at
    ``clock_mhz`` (default: each device's clock)."""
    from finnr.frontend.onnx_import import load_model
    from finnr.models.clock import check_clock
    from finnr.models.devices import get_device
    from finnr.models.fit import check_utilization

    check_utilization(utilization)
    check_clock(clock_mhz)
    from finnr.models import cost_models

    cost_models.get(cost_model)
    if steps < 1:
        raise FinnrError(f"--steps must be at least 1, got {steps}")
    if not devices:
        raise FinnrError("--devices names no device (see `finnr devices`)")
    try:
        devs = [get_device(d) for d in devices]
    except KeyError as e:
        raise FinnrError(str(e.args[0])) from None
    load_model(model)  # a missing or broken model is an error before anything runs
    out = outdir.prepare(output, force=force, expected=DSE_FILES)
    with outdir.Staging(out, "finnr dse") as tmp:
        with progress.bar(len(precisions) * len(sparsities), "finnr dse", unit="network", quiet=quiet) as bar:
            def step(label: str) -> None:
                bar.set_postfix_str(label, refresh=False)
                bar.update()

            points, failed = explore(model, devs, precisions, sparsities, utilization, steps, step, clock_mhz,
                                     cost_model)
        if not points:
            reasons = "; ".join(f"{v.precision}/{v.sparsity:g}: {v.error}" for v in failed) or "nothing fits any device"
            raise FinnrError(f"no design could be explored ({reasons})")
        write_csv(tmp / "dse.csv", points)
        write_csv(tmp / "pareto.csv", [p for p in points if p.pareto_lut or p.pareto_bram18])
        pareto_png(tmp / "pareto.png", points, devs)
        (tmp / "dse.md").write_text(summary_markdown(model, points, failed, command))
    return points
