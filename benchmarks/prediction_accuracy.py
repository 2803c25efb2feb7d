"""Benchmark: how well finnr's cost model predicts its own RTL — cycles
measured by `finnr rtlsim` (Verilator) and resources measured by `finnr
synth` (yosys synth_xilinx) — and the calibration of the resource model for
the yosys flow.

    .venv/bin/python benchmarks/prediction_accuracy.py [--work DIR] [-j N] [--markdown docs/prediction_accuracy.md]

For generated networks (MLPs and small CNNs from finnr.examples.networks,
across precisions, each layer folded with a PE and SIMD drawn from the
divisors of its dimensions) and for the shared models (../shared/models,
skipped when absent), it builds each with `finnr build --backend rtl`,
simulates it with `finnr rtlsim` and synthesizes every layer with `finnr
synth`; results are kept in the work directory (default
build/prediction_accuracy/) and reused by the next run.

Cycles: accuracy = 1 - |predicted - measured| / measured per layer, and for
the whole network's throughput (cycles per frame: the slowest layer
predicted against rtlsim's measured cycles_per_frame).

Resources: the LUT/FF model's coefficients are fitted per layer kind by
least squares (finnr.models.calibration.fit) on the layers of the training
networks and written to finnr/models/yosys_coefficients.json (the `yosys`
coefficient set); the held-out networks and the shared models are predicted
with them and with the default FINN-R (Vivado) coefficients. The table goes
to stdout and, with --markdown, to a file."""

from __future__ import annotations

import argparse
import json
import shlex
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from common import REPO, SHARED_MODELS

DEVICE = "pynq-z1"
MAX_LANES = 32
"""PE x SIMD at most, to keep each layer's synthesis short."""


@dataclass(frozen=True)
class Case:
    name: str
    net: str  # "mlp" or "cnn"
    wbits: int
    abits: int
    seed: int
    train: bool
    dims: tuple[int, ...] = ()
    ram_style: str = ""
    """The MVAUs' ram_style when set (else the compiler's 'auto')."""
    max_lanes: int = 0
    """PE x SIMD at most when set (else MAX_LANES): few lanes make deep
    weight ROMs, which yosys puts in block RAM."""

    def model(self):
        from finnr.examples.networks import NetSpec, cnn, mlp

        spec = NetSpec(self.wbits, self.abits, relu=self.abits > 1, per_channel=True, negative_bn=False, seed=self.seed)
        if self.net == "mlp":
            return mlp(spec, self.dims)
        return cnn(spec, self.dims, size=12, classes=10)


def generated_cases() -> list[Case]:
    """MLPs over precisions and layer widths, and CNNs (sliding windows,
    max-pool, padding; binary, and with 2-bit activations, whose flatten
    stays on the host: two partitions); every third MLP and the second and
    fourth CNN are held out (the last two CNNs train, for more max-pool,
    padding and width-converter layers); seven training MLPs ask for block
    RAM (ram_style 'block', as the compiler picks for the shared models'
    large layers), five of them with few lanes (max_lanes) for deep weight
    ROMs that yosys puts in RAMB18s (1- and 2-bit weights, 1 to 32 bits
    wide, 1 to 16 blocks), to fit the terms of the logic around them."""
    mlps = [(1, 1), (2, 2), (3, 3), (4, 4), (2, 4), (4, 2), (1, 2), (3, 2), (2, 3)]
    widths = [(64, 32, 16, 10), (48, 24, 24, 8), (96, 32, 12, 10)]
    cases = [Case(f"mlp_w{w}a{a}", "mlp", w, a, i, i % 3 != 2, widths[(i // 3 + i) % len(widths)]) for i, (w, a) in enumerate(mlps)]
    cases += [Case("cnn_w1a1_s0", "cnn", 1, 1, 0, True, (3, 8, 8)), Case("cnn_w1a1_s1", "cnn", 1, 1, 1, False, (3, 6, 8)),
              Case("cnn_w2a2_s2", "cnn", 2, 2, 2, True, (3, 6, 8)), Case("cnn_w3a2_s3", "cnn", 3, 2, 3, False, (3, 8, 6)),
              Case("cnn_w2a2_s4", "cnn", 2, 2, 4, True, (3, 8, 6)), Case("cnn_w3a2_s5", "cnn", 3, 2, 5, True, (3, 6, 8))]
    cases += [Case("mlp_w1a1_bram", "mlp", 1, 1, 9, True, (256, 64, 64, 10), "block"),
              Case("mlp_w2a2_bram", "mlp", 2, 2, 10, True, (128, 64, 32, 10), "block")]
    cases += [Case("mlp_w1a1_deep", "mlp", 1, 1, 11, True, (256, 128, 64, 10), "block", 2),
              Case("mlp_w2a2_deep", "mlp", 2, 2, 12, True, (192, 96, 64, 10), "block", 4),
              Case("mlp_w1a1_wide", "mlp", 1, 1, 13, True, (1024, 32, 32, 10), "block", 32),
              Case("mlp_w2a2_wide", "mlp", 2, 2, 14, True, (512, 32, 16, 10), "block", 16),
              Case("mlp_w1a1_big", "mlp", 1, 1, 15, True, (1024, 256, 16, 10), "block", 8)]
    return cases


def divisors(n: int) -> list[int]:
    return [d for d in range(1, n + 1) if n % d == 0]


def folding(model_path: Path, seed: int, ram_style: str = "", max_lanes: int = 0) -> dict:
    """A FINN folding config for the model: every layer's PE and SIMD drawn
    from the divisors of its dimensions (PE x SIMD <= max_lanes, else
    MAX_LANES), and the
    MVAUs' ram_style when given."""
    from finnr.flows import pipeline
    from finnr.frontend.onnx_import import import_model
    from finnr.interop.finn import finn_names
    from finnr.models import layers as lm
    from finnr.models.layers import dataflow_layers

    module = import_model(str(model_path))
    pipeline.run(module, pipeline.TO_DATAFLOW)
    rng = np.random.default_rng(seed)
    lanes = max_lanes or MAX_LANES
    config: dict = {"Defaults": {}}
    layers = dataflow_layers(module)
    for name, op in zip(finn_names(layers), layers):
        spec = lm.spec_of(op)
        props = type(op).get_irdl_definition().properties
        outer = spec.mh if spec.kind == "mvau" else spec.channels
        inner = spec.mw if spec.kind == "mvau" else spec.channels
        entry = {}
        if "simd" in props:
            entry["SIMD"] = int(rng.choice([d for d in divisors(inner) if d <= lanes]))
        if "pe" in props:
            entry["PE"] = int(rng.choice([d for d in divisors(outer) if d * entry.get("SIMD", 1) <= lanes]))
        if ram_style and "ram_style" in props:
            entry["ram_style"] = ram_style
        config[name] = entry
    return config


class Failed(Exception):
    """A finnr command failed on a network (its message: finnr's error)."""


def finnr(*args: str, log: Path) -> None:
    """Run a finnr command, its output into ``log``; Failed with finnr's
    message when it fails."""
    cmd = [sys.executable, "-m", "finnr", *args]
    proc = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True)
    log.write_text(f"$ {shlex.join(cmd)}\n{proc.stdout}\n{proc.stderr}")
    if proc.returncode != 0:
        raise Failed(f"`finnr {args[0]}`: " + (proc.stderr.strip().splitlines() or ["failed"])[-1])


def prepare(name: str, work: Path, jobs: int, model: Path | None = None, case: Case | None = None,
            build_args: tuple[str, ...] = ()) -> Path:
    """Build (rtl backend) one network with depth-2 FIFOs and size them by
    simulation (`finnr rtlsim --size-fifos`, in WORK/NAME/sizing), build it
    again with those depths (`--fifo-depths`), simulate and synthesize that
    build, reusing what the work directory already holds. Returns the sized
    build's directory."""
    import onnx

    base = work / name
    sizing, d = base / "sizing", base / "build"
    base.mkdir(parents=True, exist_ok=True)
    t = time.perf_counter()
    if case is not None:
        model = base / "model.onnx"
        if not model.is_file():
            onnx.save(case.model(), model)
            (base / "folding.json").write_text(json.dumps(folding(model, case.seed, case.ram_style, case.max_lanes), indent=2))
        build_args = ("--folding-config", str(base / "folding.json"))
    assert model is not None
    x = base / "input.npy"
    if not x.is_file():
        np.save(x, _random_input(model))
    depths = sizing / "fifo_depths.json"
    for out, extra in ((sizing, ()), (d, ("--fifo-depths", str(depths)))):
        if not (out / "rtl" / "manifest.json").is_file():
            finnr("build", str(model), "--device", DEVICE, "--backend", "rtl", "-o", str(out), "--quiet",
                  *build_args, *extra, log=base / f"{out.name}.build.log")
        if not (out / "rtlsim.json").is_file() or (out is sizing and not depths.is_file()):
            finnr("rtlsim", str(out), "--input", str(x), *(("--size-fifos",) if out is sizing else ()),
                  log=base / f"{out.name}.rtlsim.log")
    if not (d / "synth.json").is_file():
        finnr("synth", str(d), "-j", str(jobs), "--quiet", log=base / "synth.log")
    print(f"{name}: ready ({time.perf_counter() - t:.0f} s)", file=sys.stderr, flush=True)
    return d


def _random_input(model: Path) -> np.ndarray:
    """Eight random frames in the model's input shape (rtlsim measures the
    steady state over them)."""
    import onnx

    dims = onnx.load(str(model), load_external_data=False).graph.input[0].type.tensor_type.shape.dim
    shape = [d.dim_value for d in dims]
    rng = np.random.default_rng(0)
    return rng.uniform(-1, 1, (8, *shape[1:])).astype(np.float32)


# --- gathering -----------------------------------------------------------------------


def _rtlsim_layers(rtlsim: dict) -> dict[str, dict]:
    """rtlsim.json's layers by name, each with 'measured' and 'predicted'."""
    layers = rtlsim.get("layers", [])
    items = layers.items() if isinstance(layers, dict) else ((l.get("name"), l) for l in layers)
    out = {}
    for name, l in items:
        measured = next((l[k] for k in ("measured", "measured_cycles", "cycles") if k in l), None)
        predicted = next((l[k] for k in ("predicted", "predicted_cycles") if k in l), None)
        out[name] = {"measured": measured, "predicted": predicted}
    return out


def build_layers(d: Path):
    """Each layer of a synthesized build: (manifest entry, op, spec, (pe,
    simd), its ram_style/res_type/mem_mode, its synth.json row)."""
    from finnr.interop.finn import finn_names
    from finnr.ir_io import load_ir
    from finnr.models import layers as lm
    from finnr.models.layers import dataflow_layers

    layers = dataflow_layers(load_ir(d / "05-estimated.mlir"))
    ops = dict(zip(finn_names(layers), layers))
    manifest = json.loads((d / "rtl" / "manifest.json").read_text())
    synth = {r["name"]: r for r in json.loads((d / "synth.json").read_text())["layers"]}
    for layer in manifest["layers"]:
        op = ops[layer["ir_name"]]
        mem = {k: getattr(op, k).data for k in ("ram_style", "res_type", "mem_mode") if k in op.properties}
        yield layer, op, lm.spec_of(op), lm.folding(op), mem, synth[layer["name"]]


def gather(network: str, d: Path, train: bool) -> tuple[list[dict], dict]:
    """Per-layer rows (cost-model terms, FINN-R and measured figures) and the
    network's cycles of one prepared build."""
    from finnr.models import calibration

    report = {r["name"]: r for r in json.loads((d / "report.json").read_text())["layers"]}
    rtlsim = json.loads((d / "rtlsim.json").read_text())
    sim = _rtlsim_layers(rtlsim)
    rows = []
    for layer, _, spec, (pe, simd), mem, meas in build_layers(d):
        ir_name = layer["ir_name"]
        mem = {k: v for k, v in mem.items() if k != "res_type"}
        rows.append({
            "network": network, "train": train, "layer": layer["name"], "ir_name": ir_name, "kind": spec.kind,
            "pe": pe, "simd": simd, "wbits": spec.wbits if spec.kind in ("mvau", "vvau") else None, "abits": spec.abits,
            "spec": spec, "folding": (pe, simd), "mem": mem,
            "terms": {k: float(v) for k, v in calibration.terms(spec, pe, simd, **mem).items()},
            "lut": meas["lut"], "ff": meas["ff"], "bram18": meas["bram18"], "dsp": meas["dsp"],
            "lut_finnr": float(report[ir_name]["lut"]), "ff_finnr": float(report[ir_name]["ff"]),
            "cycles_pred": float(report[ir_name]["cycles"]),
            "cycles_meas": sim.get(layer["name"], {}).get("measured"),
        })
    before = json.loads((d.parent / "sizing" / "rtlsim.json").read_text())["fifo_sizing"]["cycles_per_frame_before"]
    net = {"network": network, "train": train, "cycles_pred": max(r["cycles_pred"] for r in rows),
           "cycles_meas": rtlsim.get("cycles_per_frame"), "cycles_depth2": before,
           "fifo_depths": [r["depth"] for r in report.values() if r["kind"] == "fifo"],
           "synth_seconds": json.loads((d / "synth.json").read_text())["seconds"],
           "lut": sum(r["lut"] for r in rows),
           "lut_finnr": sum(r["lut_finnr"] for r in rows)}
    return rows, net


# --- fitting and evaluation -------------------------------------------------------------


def fit_coefficients(rows: list[dict], meta: dict) -> dict:
    from finnr.models.calibration import fit

    kinds = {}
    for kind in sorted({r["kind"] for r in rows}):
        mine = [r for r in rows if r["kind"] == kind]
        kinds[kind] = {key: fit([r["terms"] for r in mine], [r[key] for r in mine]) for key in ("lut", "ff")}
        kinds[kind]["layers"] = len(mine)
    return {**meta, "kinds": kinds}


def accuracy(pred: float, meas: float | None) -> float | None:
    if meas is None or meas == 0:
        return None
    return 1 - abs(pred - meas) / meas


def predict_yosys(rows: list[dict]) -> None:
    from finnr.models import calibration

    calibration.coefficient_file.cache_clear()
    for r in rows:
        res = calibration.resources(r["spec"], *r["folding"], **r["mem"], coefficients="yosys")
        r["lut_yosys"] = float(res["lut"])
        r["ff_yosys"] = float(res["ff"])


def _set(r: dict) -> str:
    """'train', 'held out' (generated) or 'shared' (a shared model) of a row
    or network."""
    if r["train"]:
        return "train"
    return "held out" if r["network"] in {c.name for c in generated_cases()} else "shared"


def _pct(x: float | None) -> str:
    return "-" if x is None else f"{100 * x:.1f}%"


def report(rows: list[dict], nets: list[dict], coeffs: dict, command: str) -> str:
    test = [r for r in rows if not r["train"]]
    lines = [
        "# Prediction accuracy of finnr's cost model against its own RTL",
        "",
        f"Made by `{command}` with {coeffs['yosys']} (synth_xilinx -family {coeffs['family']}, "
        f"out of context) and Verilator (`finnr rtlsim`), device {DEVICE}.",
        "Accuracy = 1 - |predicted - measured| / measured. LUT (yosys) uses the `yosys` coefficient set "
        "of `finnr.models.calibration`, fitted on the layers of the training networks "
        f"({sum(r['train'] for r in rows)} layers) and shown here on the held-out networks and the shared "
        "models; LUT (FINN-R) is the default model with FINN-R's Vivado coefficients. The fit: per layer kind, "
        "non-negative least squares of LUT and FF on the terms of `finnr.models.calibration.terms`, each layer "
        "weighed by 1/measured (relative error): the least squares over every subset of the terms whose coefficients "
        "all come out non-negative, the best of them (`finnr.models.calibration.fit`). Results are cached in the work directory and every layer's synthesis "
        "in ~/.cache/finnr/synth; the synthesis column gives the first run's seconds (2 yosys jobs).",
        "",
        "## Cycles per layer (all networks)",
        "",
    ]
    cyc = [(r, accuracy(r["cycles_pred"], r["cycles_meas"])) for r in rows]
    by_kind: dict[str, list[float]] = {}
    for r, a in cyc:
        if a is not None:
            by_kind.setdefault(r["kind"], []).append(a)
    lines += ["| kind | layers | min accuracy | mean accuracy |", "|---|---:|---:|---:|"]
    for k, acc in sorted(by_kind.items()):
        lines.append(f"| {k} | {len(acc)} | {_pct(min(acc))} | {_pct(float(np.mean(acc)))} |")
    missing = sum(a is None for _, a in cyc)
    if missing:
        lines.append(f"\n{missing} layers without a measured cycle count in rtlsim.json.")
    lines += ["", "## Throughput per network", "",
              "Measured with the FIFO depths `finnr rtlsim --size-fifos` found on a build with depth-2 FIFOs "
              "(built again with `finnr build --fifo-depths`); the depth-2 build's cycles per frame for comparison.",
              "",
              "| network | set | predicted cycles/frame | measured (sized FIFOs) | accuracy | depth-2 FIFOs | "
              "FIFO depths | LUT (yosys) | LUT measured | synthesis s |",
              "|---|---|---:|---:|---:|---:|---|---:|---:|---:|"]
    for n in nets:
        mine = [r for r in rows if r["network"] == n["network"]]
        lut_y = sum(r["lut_yosys"] for r in mine)
        lines.append(f"| {n['network']} | {_set(n)} | {n['cycles_pred']:.0f} | "
                     f"{n['cycles_meas'] if n['cycles_meas'] is not None else '-'} | "
                     f"{_pct(accuracy(n['cycles_pred'], n['cycles_meas']))} | {n['cycles_depth2']} | "
                     f"{' '.join(map(str, n['fifo_depths']))} | {lut_y:.0f} | {n['lut']} | {n['synth_seconds']:.0f} |")
    lines += ["", "## LUTs per layer kind", "",
              ("Error = (predicted - measured) / measured of the kind's total; the mean abs layer error is the mean of "
               "|predicted - measured| / measured over its layers. Training layers for reference (the fit's own data)."),
              "",
              ("| set | kind | layers | LUT measured | LUT (yosys) | error | mean abs layer error (yosys) | "
               "LUT (FINN-R) | error | mean abs layer error (FINN-R) |"),
              "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for label in ("train", "held out", "shared"):
        part = [r for r in rows if _set(r) == label]
        for k in [*sorted({r["kind"] for r in part}), None]:
            mine = [r for r in part if k is None or r["kind"] == k]
            m, y, f = (sum(r[key] for r in mine) for key in ("lut", "lut_yosys", "lut_finnr"))
            ey, ef = ([abs(r[key] - r["lut"]) / max(r["lut"], 1) for r in mine] for key in ("lut_yosys", "lut_finnr"))
            lines.append(f"| {label} | {k or '**all**'} | {len(mine)} | {m} | {y:.0f} | {_pct((y - m) / max(m, 1))} | "
                         f"{_pct(float(np.mean(ey)))} | {f:.0f} | {_pct((f - m) / max(m, 1))} | "
                         f"{_pct(float(np.mean(ef)))} |")
    lines += ["", "## Per layer (held-out networks and shared models)", "",
              "| network | layer | kind | PE | SIMD | W | A | cycles pred. | cycles meas. | LUT meas. | LUT (yosys) | LUT (FINN-R) | FF meas. | FF (yosys) | BRAM18 | DSP |",
              "|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in test:
        lines.append(f"| {r['network']} | {r['layer']} | {r['kind']} | {r['pe']} | {r['simd']} | {r['wbits'] or '-'} | "
                     f"{r['abits']} | {r['cycles_pred']:.0f} | {r['cycles_meas'] if r['cycles_meas'] is not None else '-'} | "
                     f"{r['lut']} | {r['lut_yosys']:.0f} | {r['lut_finnr']:.0f} | {r['ff']} | {r['ff_yosys']:.0f} | "
                     f"{r['bram18']} | {r['dsp']} |")
    lines += ["", "## Fitted coefficients (`finnr/models/yosys_coefficients.json`)", "", *coefficient_table(coeffs)]
    return "\n".join(lines) + "\n"


def coefficient_table(coeffs: dict, lut: str = "LUT") -> list[str]:
    """The markdown table of a fitted set's coefficients per kind."""
    def fmt(d):
        return ", ".join(f"{n} {v:.3g}" for n, v in d.items()) or "-"

    return [f"| kind | training layers | {lut} | FF |", "|---|---:|---|---|",
            *(f"| {k} | {c['layers']} | {fmt(c['lut'])} | {fmt(c['ff'])} |" for k, c in coeffs["kinds"].items())]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--work", type=Path, default=REPO / "build" / "prediction_accuracy")
    ap.add_argument("-j", "--jobs", type=int, default=2, help="parallel yosys runs per network")
    ap.add_argument("--markdown", type=Path, help="also write the tables to this file")
    ap.add_argument("--networks", default="all",
                    help="comma-separated generated networks (names as in the table) or 'all'")
    ap.add_argument("--shared", default="all",
                    help="comma-separated shared models (stems of ../shared/models/*.onnx), 'all' or 'none'")
    args = ap.parse_args()
    from finnr.models.calibration import YOSYS_FILE
    from finnr.models.devices import get_device
    from finnr.toolchains.synth import family_of

    rows: list[dict] = []
    nets: list[dict] = []
    skipped: list[str] = []
    shared = sorted(SHARED_MODELS.glob("*.onnx")) if SHARED_MODELS.is_dir() else []
    if args.shared != "all":
        shared = [m for m in shared if m.stem in args.shared.split(",")]
    cases = [c for c in generated_cases() if args.networks == "all" or c.name in args.networks.split(",")]
    jobs = [(c.name, dict(case=c), c.train) for c in cases]
    jobs += [(m.stem, dict(model=m, build_args=("--target-fps", "1000")), False) for m in shared]
    for name, how, train in jobs:
        try:
            d = prepare(name, args.work, args.jobs, **how)
        except Failed as e:
            skipped.append(f"{name}: {e}")
            print(f"{name}: skipped, {e}", file=sys.stderr)
            continue
        r, n = gather(name, d, train)
        rows += r
        nets.append(n)
    synth = json.loads((args.work / cases[0].name / "build" / "synth.json").read_text())
    meta = {"yosys": synth["yosys"], "family": family_of(get_device(DEVICE).part), "device": DEVICE,
            "fitted_by": "benchmarks/prediction_accuracy.py (non-negative least squares in relative error, per kind)",
            "training_networks": [c.name for c in cases if c.train]}
    coeffs = fit_coefficients([r for r in rows if r["train"]], meta)
    YOSYS_FILE.write_text(json.dumps(coeffs, indent=2) + "\n")
    predict_yosys(rows)
    command = "python benchmarks/prediction_accuracy.py" + (f" --markdown {args.markdown}" if args.markdown else "")
    for opt in ("networks", "shared"):
        if getattr(args, opt) != "all":
            command += f" --{opt} {getattr(args, opt)}"
    text = report(rows, nets, coeffs, command)
    if skipped:
        text += "\n## Networks that did not build, simulate or synthesize\n\n" + "".join(f"- {s}\n" for s in skipped)
    print(text)
    if args.markdown:
        args.markdown.write_text(text)
    test = [r for r in rows if not r["train"]]
    cyc = [accuracy(r["cycles_pred"], r["cycles_meas"]) for r in rows]
    cyc = [a for a in cyc if a is not None]
    thr = [a for a in (accuracy(n["cycles_pred"], n["cycles_meas"]) for n in nets) if a is not None]
    lut_err = abs(sum(r["lut_yosys"] for r in test) - sum(r["lut"] for r in test)) / max(sum(r["lut"] for r in test), 1)
    held = [r for r in test if _set(r) == "held out"]
    per_kind = {k: (sum(r["lut_yosys"] for r in held if r["kind"] == k) - sum(r["lut"] for r in held if r["kind"] == k))
                / max(sum(r["lut"] for r in held if r["kind"] == k), 1) for k in sorted({r["kind"] for r in held})}
    print(f"goal: cycles >= 97% per layer: min {_pct(min(cyc) if cyc else None)}; "
          f"throughput >= 97%: min {_pct(min(thr) if thr else None)}; "
          f"held-out and shared LUT total within 15%: {_pct(lut_err)}; held-out LUT total per kind: "
          + ", ".join(f"{k} {_pct(e)}" for k, e in per_kind.items()))


if __name__ == "__main__":
    main()
