"""The estimate report of a folded dataflow module: per-layer cycles and
resources, totals against a device, throughput, latency and TOp/s, as a JSON
dictionary, a Markdown table, and the ``report`` target.

Every throughput figure (``fps``, ``compute_fps``, ``tops``) assumes the
clock ``clock_mhz`` (the device's default unless given), and the report
says so beside each; whether the design fits is judged once, by the one
fit rule (:mod:`finnr.models.fit`) at the budget ``utilization``, FIFOs
and width converters included."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import IO

from xdsl.context import Context
from xdsl.dialects.builtin import ModuleOp
from xdsl.utils.target import Target

from finnr.defaults import DEFAULT_DEVICE, DEFAULT_UTILIZATION
from finnr.diagnostics import FinnrError
from finnr.dialects import dataflow as df
from finnr.interop.finn import finn_names, finn_plan
from finnr.models import cost, cost_models, finn_model, fit, offload, schedule
from finnr.models import layers as lm
from finnr.models.clock import check_clock
from finnr.models.devices import Device, get_device
from finnr.models.host import host_ops
from finnr.models.roofline import frame_bytes

RESOURCES = fit.RESOURCES
FORMATS = ("markdown", "json")

MEMORY_KINDS = {"distributed": "LUTRAM", "block": "BRAM", "ultra": "URAM"}
"""The weight memory a layer's ``ram_style`` resolves to, by its report name
(weights of ``mem_mode = "external"`` are "off-chip")."""


def resource_counts(res: dict[str, float]) -> dict[str, int]:
    """Whole resources, as a synthesis report counts them: LUTs and FFs
    rounded, BRAM18, URAM and DSP rounded up (a part of one is one)."""
    return {k: int(math.floor(res[k] + 0.5)) if k in ("lut", "ff") else int(math.ceil(res[k] - 1e-9)) for k in RESOURCES}


def _dtype_name(t) -> str:
    from finnr.dialects import datatypes as dt

    return dt.finn_name(t) if dt.is_datatype(t) else str(t)


def layer_io(op) -> dict:
    """What an FPGA engineer reads of a layer besides its cost: its input,
    output and weight datatypes (FINN's names), where its weights live
    (LUTRAM, BRAM, URAM or off-chip) and its stream widths in bits (elements
    per beat x element bits, in and out)."""
    from finnr.dialects import datatypes as dt
    from finnr.models.cost import resolve_ram_style, weight_memory

    x, y = op.operands[0].type.get_element_type(), op.results[0].type.get_element_type()
    out = {"input_dtype": _dtype_name(x), "output_dtype": _dtype_name(y), "weight_dtype": None, "weight_memory": None}
    if isinstance(op, df.WeightedOp):
        out["weight_dtype"] = _dtype_name(op.weight_dtype)
        if op.mem_mode.data == "external":
            out["weight_memory"] = "off-chip"
        else:
            pe, simd = lm.folding(op)
            depth, width = weight_memory(lm.spec_of(op), pe, simd)
            out["weight_memory"] = MEMORY_KINDS[str(resolve_ram_style(op.ram_style.data, depth, width))]
    elems_in, elems_out = lm.stream_widths(op)
    out["in_stream_bits"] = int(elems_in) * dt.bitwidth(x) if dt.is_datatype(x) else None
    out["out_stream_bits"] = int(elems_out) * dt.bitwidth(y) if dt.is_datatype(y) else None
    return out


def _io_table(layers: list[dict]) -> list[str]:
    """report.md's table of datatypes, weight memories and stream widths."""
    lines = ["", "| layer | input | output | weights | weight memory | in stream (bits) | out stream (bits) |",
             "|---|---|---|---|---|---:|---:|"]
    for r in layers:
        if "input_dtype" in r:
            lines.append(f"| {r['name']} | {r['input_dtype']} | {r['output_dtype']} | {r['weight_dtype'] or '-'} | "
                         f"{r['weight_memory'] or '-'} | {r['in_stream_bits']} | {r['out_stream_bits']} |")
    return lines


def _fit(total: dict[str, float], device: Device, utilization: float) -> dict:
    """The report's fit verdict: ``fits``, the budget it was judged at and
    the rule in words, and each over-budget resource (used, budget,
    available)."""
    over = fit.fits(total, device, utilization)
    return {"fits": not over, "fit_utilization": utilization, "fit_rule": fit.rule(utilization),
            "over_budget": [o.as_json() for o in over]}


def _utilization(total: dict[str, float], device: Device) -> dict[str, float]:
    avail = device.resources()
    return {k: (total[k] / avail[k] if avail[k] else (0.0 if total[k] == 0 else float("inf"))) for k in RESOURCES}


def build_report(module: ModuleOp, device: Device, clock_mhz: float | None = None,
                 utilization: float = DEFAULT_UTILIZATION) -> dict:
    """The report dictionary (the schema of ``report.json``): dataflow
    accelerators (``arch`` "dataflow", every layer its own engine) or
    multi-layer-offload ones (``arch`` "offload", with ``engines``), at
    ``clock_mhz`` (default: the device's), judged against ``utilization``
    of the device."""
    layers = lm.dataflow_layers(module)
    clock = clock_mhz if clock_mhz is not None else device.clock_mhz
    offloads = [op for op in module.walk() if isinstance(op, df.OffloadOp)]
    if offloads:
        if any(isinstance(op, df.PartitionOp) for op in module.walk()):
            raise FinnrError("report: this module mixes dataflow and offload accelerators; report them apart")
        return _link_bound({**_offload_report(offloads, device, clock, utilization), **_host(module)},
                           module, device)
    perf = schedule.performance(layers, clock)
    model = cost_models.of_module(module)
    if model != cost_models.DEFAULT_COST_MODEL:
        perf = _model_performance(module, layers, perf, model)
    rows = []
    total = dict.fromkeys(RESOURCES, 0.0)
    names = _layer_names(module, layers, model) + [name for name, _, _ in cost_models.host_layers(module)]
    for name, op, cyc in zip(names, layers, perf.cycles):
        pe, simd = lm.folding(op)
        res = lm.layer_resources(op, model)
        for k in RESOURCES:
            total[k] += res[k]
        rows.append({
            "name": name, "kind": lm.kind(op), "pe": pe, "simd": simd, "mode": lm.folding_mode(op),
            "cycles": int(round(cyc)),
            **resource_counts(res),
            **({"depth": op.depth.value.data} if isinstance(op, df.FIFOOp) else {}),
            **layer_io(op),
        })
    first = 0  # the host layers before the partitions lead the table
    before = {h.name for h in finn_model.host_layers(module)[0]} if cost_models.host_layers(module) else set()
    for (name, spec, pe), cyc in zip(cost_models.host_layers(module), perf.cycles[len(layers):]):
        res = cost_models.get(model).resources(spec, pe, 1)
        res = {k: float(res[k]) for k in RESOURCES}
        for k in RESOURCES:
            total[k] += res[k]
        row = {"name": name, "kind": "host:" + spec.extra["finn_op"], "pe": pe, "simd": 1,
               "cycles": int(round(cyc)), **resource_counts(res)}
        if name in before:
            rows.insert(first, row)
            first += 1
        else:
            rows.append(row)
    util = _utilization(total, device)
    report = _link_bound({
        "arch": "dataflow",
        "device": device.name,
        "clock_mhz": clock,
        "fps": round(perf.fps, 3),
        "latency_cycles": int(round(perf.latency_cycles)),
        "tops": perf.tops,
        **_fit(total, device, utilization),
        "bottleneck": names[perf.bottleneck] if rows else None,
        "layers": rows,
        "total": {k: sum(r[k] for r in rows) for k in RESOURCES},
        "utilization": {k: round(v, 4) for k, v in util.items()},
        "hardware_macs": perf.macs,
        **_host(module),
    }, module, device)
    report["cost_model"] = model  # the model of every figure above (report.md says so first)
    return report


def _layer_names(module: ModuleOp, layers: list, model: str) -> list[str]:
    """FINN's names of the layers; under a model of FINN's hardware, those of
    the nodes FINN's flow makes of each compute layer, joined by '+' (a
    max-pool is ``ConvolutionInputGenerator_rtl_2+Pool_hls_0``)."""
    names = finn_names(layers)
    if not cost_models.get(model).finn_hardware:
        return names
    nodes: dict = {}
    for node in finn_plan(module):
        if node.layer is not None:
            nodes.setdefault(node.layer, []).append(node.name)
    return ["+".join(nodes[op]) if op in nodes else name for name, op in zip(names, layers)]


def _model_performance(module: ModuleOp, layers: list, perf: schedule.Performance, model: str) -> schedule.Performance:
    """``perf`` with the cycles of the named cost model, its host layers'
    after the layers' (throughput and bottleneck follow them; the latency
    stays that of finnr's engine schedules)."""
    cyc = [lm.layer_cycles(op, model) for op in layers]
    cyc += [float(cost_models.get(model).cycles(spec, pe, 1)) for _, spec, pe in cost_models.host_layers(module)]
    if not cyc:
        return perf
    b = max(range(len(cyc)), key=cyc.__getitem__)
    return schedule.Performance(perf.clock_mhz, cyc, b, perf.clock_mhz * 1e6 / cyc[b], perf.latency_cycles, perf.macs)


def _link_bound(report: dict, module: ModuleOp, device: Device) -> dict:
    """The host link as a bound: ``io`` (its bandwidth, the bytes per frame
    in and out, :func:`finnr.models.roofline.frame_bytes`, and the frame
    rate it carries); ``fps`` becomes the lower of the compute rate (kept
    as ``compute_fps``) and that bound, ``bound`` says which binds, and
    ``tops`` follows ``fps``."""
    in_bytes, out_bytes = frame_bytes(module)
    bound = device.link_fps(in_bytes, out_bytes)
    compute = report["fps"]
    report["compute_fps"] = compute
    report["bound"] = "host link" if bound < compute else "compute"
    if bound < compute:
        report["fps"] = round(bound, 3)
        report["tops"] = report["tops"] * bound / compute
    report["io"] = {
        "bandwidth_bytes_per_s": {"in": device.link_in, "out": device.link_out},
        "link": device.link,
        "in_bytes_per_frame": in_bytes,
        "out_bytes_per_frame": out_bytes,
        "fps_bound": round(bound, 3) if bound != float("inf") else None,
    }
    return report


def _link_lines(report: dict) -> list[str]:
    io = report["io"]
    bw = io["bandwidth_bytes_per_s"]
    limit = f"at most {io['fps_bound']:.1f} FPS" if io["fps_bound"] is not None else "no bound"
    return [f"- host link: {io['in_bytes_per_frame']} bytes in, {io['out_bytes_per_frame']} bytes out per frame "
            f"(rows of elements packed to whole bytes) over {io['link']} ({bw['in'] / 1e9:g} GB/s in, "
            f"{bw['out'] / 1e9:g} GB/s out): {limit}"]


def _throughput(report: dict, how: str) -> str:
    head = f"- throughput: **{report['fps']:.1f} FPS** at {report['clock_mhz']:g} MHz, bound by "
    if report["bound"] == "host link":
        return head + f"the host link (compute alone: {report['compute_fps']:.1f} FPS, {how})"
    return head + f"compute ({how})"


def _host(module: ModuleOp) -> dict:
    """What runs on the host per frame, its multiply-accumulates, and the
    number of accelerators (the accelerators' own multiply-accumulates are
    ``hardware_macs``, summed with their performance)."""
    ops = host_ops(module)
    return {
        "host_ops": ops,
        "host_macs": sum(o["macs"] for o in ops),
        "partitions": sum(isinstance(op, df.PartitionOp | df.OffloadOp) for op in module.walk()),
    }


def _host_lines(report: dict) -> list[str]:
    if "host_ops" not in report:
        return []
    macs = [o for o in report["host_ops"] if o["macs"]]
    line = (f"- on the FPGA: {report['hardware_macs']} multiply-accumulates per frame in {report['partitions']} "
            f"accelerator partition(s); on the host: {report['host_macs']}")
    if macs:
        line += " (" + ", ".join(f"{o['op']} {o['name']}: {o['macs']}" for o in macs) + ")"
    others = sorted({o["op"] for o in report["host_ops"] if not o["macs"]})
    return [line, f"- also on the host (no multiply-accumulates): {', '.join(others) if others else 'nothing'}"]


def _offload_report(offloads: list, device: Device, clock: float, utilization: float) -> dict:
    """Multi-layer offload: the layers run one after the other on the
    shared engines, each taking the longer of its compute and its off-chip
    traffic (:func:`finnr.models.offload.schedule`); the frame takes their
    sum, and the resources are the engines'."""
    rows, engines = [], []
    total = dict.fromkeys(RESOURCES, 0.0)
    macs = 0
    names = iter(finn_names([l for off in offloads for l in lm.compute_layers(off.walk())]))
    for off in offloads:
        layers = lm.compute_layers(off.walk())
        specs = [lm.spec_of(l) for l in layers]
        macs += sum(cost.macs(s) for s in specs)
        ir_engines = [e for e in off.block.ops if isinstance(e, df.EngineOp)]
        model = [offload.engine_of(e) for e in ir_engines]
        perf = offload.schedule(specs, model, device, clock_mhz=clock)
        for layer, timing in zip(layers, perf.layers):
            pe, simd = lm.folding(layer)
            engine = layer.engine.root_reference.data if isinstance(layer, df.WeightedOp) else None
            rows.append({"name": next(names), "kind": lm.kind(layer), "pe": pe, "simd": simd,
                         "cycles": int(round(timing.cycles)), "bound": timing.bound, "engine": engine,
                         "offchip_bytes": round(timing.bytes_moved, 1), **dict.fromkeys(RESOURCES, 0), **layer_io(layer)})
        for e, m in zip(ir_engines, model):
            res = offload.engine_resources(m)
            for k in RESOURCES:
                total[k] += res[k]
            engines.append({"name": e.sym_name.data, "kind": m.kind, "pe": m.pe, "simd": m.simd, "wbits": m.wbits,
                            "abits": m.abits, "obits": m.obits, **resource_counts(res)})
    cycles = sum(r["cycles"] for r in rows)
    fps = clock * 1e6 / cycles if cycles else 0.0
    util = _utilization(total, device)
    slowest = max(rows, key=lambda r: r["cycles"])["name"] if rows else None
    return {
        "arch": "offload",
        "device": device.name,
        "clock_mhz": clock,
        "dram_gbps": device.dram_gbps,
        "fps": round(fps, 3),
        "latency_cycles": cycles,
        "tops": 2 * macs * fps / 1e12,
        "hardware_macs": macs,
        **_fit(total, device, utilization),
        "bottleneck": slowest,
        "layers": rows,
        "engines": engines,
        "total": {k: sum(e[k] for e in engines) for k in RESOURCES},
        "utilization": {k: round(v, 4) for k, v in util.items()},
    }


def _resource_footer(report: dict, skip: int) -> list[str]:
    t, u = report["total"], report["utilization"]
    pad = "| " * skip
    return [
        f"| **total** {pad}| {t['lut']:.0f} | {t['ff']:.0f} | {t['bram18']:.0f} | {t['uram']:.0f} | {t['dsp']:.0f} |",
        f"| **% of device** {pad}| " + " | ".join(f"{100 * u[k]:.1f}%" for k in RESOURCES) + " |",
    ]


def _compute_and_fit(report: dict) -> list[str]:
    over = [fit.Overage(**o) for o in report["over_budget"]]
    return [
        f"- compute: {report['tops'] * 1e3:.3f} GOp/s at {report['clock_mhz']:g} MHz (2 ops per multiply-accumulate)",
        f"- fits {report['fit_utilization']:.0%} of {report['device']}: {fit.verdict(over)} ({report['fit_rule']})",
    ]


def _offload_markdown(report: dict) -> list[str]:
    lines = [
        _throughput(report, "f_clk / the sum of the layers' cycles: they run one after the other on the "
                    f"shared engines; off-chip memory at {report['dram_gbps']:g} GB/s"),
        *_link_lines(report),
        f"- latency: {report['latency_cycles']} cycles ({report['latency_cycles'] / report['clock_mhz']:.1f} us)",
        *_compute_and_fit(report),
        *_host_lines(report),
        "",
        "| layer | kind | engine | cycles | bound by | off-chip bytes |",
        "|---|---|---|---:|---|---:|",
    ]
    for r in report["layers"]:
        mark = " (slowest)" if r["name"] == report["bottleneck"] else ""
        lines.append(f"| {r['name']}{mark} | {r['kind']} | {r['engine'] or '-'} | {r['cycles']} | {r['bound']} | {r['offchip_bytes']:.0f} |")
    lines += [
        "",
        "| engine | kind | PE | SIMD | weight bits | input bits | output bits | LUT | FF | BRAM18 | URAM | DSP |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for e in report["engines"]:
        lines.append(f"| {e['name']} | {e['kind']} | {e['pe']} | {e['simd']} | {e['wbits']} | {e['abits']} | {e['obits'] or '-'} | "
                     f"{e['lut']:.0f} | {e['ff']:.0f} | {e['bram18']:.0f} | {e['uram']:.0f} | {e['dsp']:.0f} |")
    return lines + _resource_footer(report, 6) + _io_table(report["layers"])


def markdown(report: dict) -> str:
    """``report.md``: the layer table with utilization in % of the device."""
    lines = [f"# finnr estimate on {report['device']} at {report['clock_mhz']:g} MHz", ""]
    if "cost_model" in report:
        model = cost_models.get(report["cost_model"])
        lines += [f"- cost model: **{model.name}** ({model.describes}"
                  + ("; the latency is that of finnr's own engines" if model.finn_hardware else "") + ")"]
    if "arch_reason" in report:
        lines += [f"- architecture: **{report['arch']}** ({report['arch_reason']})"]
    if report.get("arch") == "offload":
        return "\n".join(lines + _offload_markdown(report)) + "\n"
    lines += [
        _throughput(report, f"f_clk / the slowest layer, {report['bottleneck']}"),
        *_link_lines(report),
        f"- latency: {report['latency_cycles']} cycles "
        f"({report['latency_cycles'] / report['clock_mhz']:.1f} us; first frame, stages overlapping)",
        *_compute_and_fit(report),
        *_host_lines(report),
        "",
        "| layer | kind | PE | SIMD | mode | cycles | LUT | FF | BRAM18 | URAM | DSP |",
        "|---|---|---:|---:|---|---:|---:|---:|---:|---:|---:|",
    ]
    for r in report["layers"]:
        mark = " (bottleneck)" if r["name"] == report["bottleneck"] else ""
        lines.append(
            f"| {r['name']}{mark} | {r['kind']} | {r['pe']} | {r['simd']} | {r.get('mode') or '-'} | {r['cycles']} | "
            f"{r['lut']:.0f} | {r['ff']:.0f} | {r['bram18']:.0f} | {r['uram']:.0f} | {r['dsp']:.0f} |"
        )
    return "\n".join(lines + _resource_footer(report, 5) + _io_table(report["layers"])) + "\n"


def _shell_note(doc: dict) -> str:
    """How finnr's prediction covers the board shell of a bitstream report."""
    shell = (doc.get("predicted_parts") or {}).get("board_shell")
    if not shell:
        return "; its own logic counts in nextpnr's figures, not in finnr's"
    return ("; finnr's figures are the accelerator's plus the shell's own, "
            + ", ".join(f"{v} {k}" for k, v in shell.items() if v) + ", as measured out of context")


def bitstream_markdown(doc: dict, heading: str) -> str:
    """The section of report.md that ``finnr bitstream`` appends: fmax
    against the clock, nextpnr's utilization against finnr's prediction,
    the seconds of each step (``doc``: its report.json)."""
    board = doc.get("board")
    path = doc.get("critical_path") or {}
    lines = [heading, "",
             f"- top: `{doc['top']}`" + (f" (the board shell: UART {board['baud']:,} baud 8N1, "
                                        f"{board['clks_per_bit']} cycles a bit, {100 * board['baud_error']:+.2f}%; "
                                        f"pins in rtl/{board['lpf']}" + _shell_note(doc) + ")"
                                        if board else " (its ports on free pins)"),
             f"- fmax: {doc['fmax_mhz']} MHz at a {doc['clock_mhz']:g} MHz constraint: "
             f"**{'met' if doc['timing_met'] else 'MISSED'}**"
             + (f"; critical path {path.get('from')} -> {path.get('to')}" if path else ""),
             "- seconds: " + ", ".join(f"{k} {'-' if v is None else v}" for k, v in doc["seconds"].items()),
             "", "| resource | nextpnr | finnr | finnr / nextpnr | of |", "|---|---:|---:|---:|---:|"]
    for k, used in doc["utilization"].items():
        pred = doc["predicted"][k]
        ratio = f"{pred / used:.2f}" if used else "-"
        lines.append(f"| {k} | {used} | {pred} | {ratio} | {doc['available'].get(k) or '-'} |")
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class ReportTarget(Target):
    """The estimate report of the module's dataflow layers (Markdown or JSON)."""

    name = "report"

    device: str = DEFAULT_DEVICE
    clock_mhz: int | float | None = None
    utilization: int | float = DEFAULT_UTILIZATION
    format: str = "markdown"

    def emit(self, ctx: Context, module: ModuleOp, output: IO[str]) -> None:
        if self.format not in FORMATS:
            raise FinnrError(f"report: unknown format '{self.format}' (formats: {', '.join(FORMATS)})")
        try:
            device = get_device(self.device)
        except KeyError as e:
            raise FinnrError(f"report: {e.args[0]}") from None
        check_clock(self.clock_mhz, "report: clock-mhz")
        fit.check_utilization(self.utilization, "report: utilization")
        report = build_report(module, device, self.clock_mhz, self.utilization)
        if self.format == "json":
            output.write(json.dumps(report, indent=2) + "\n")
        else:
            output.write(markdown(report))
