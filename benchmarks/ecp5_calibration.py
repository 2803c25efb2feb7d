"""Benchmark: the ``ecp5`` coefficient set of finnr's resource model —
fitted on per-layer ``synth_ecp5`` of generated training networks, checked
on held-out generated networks (per layer) and on whole designs against
nextpnr-ecp5's utilization.

    .venv/bin/python benchmarks/ecp5_calibration.py [--work DIR] [-j N] [--exp DIR ...] [--markdown FILE]

1. Every generated network of ``prediction_accuracy.generated_cases`` (MLPs
   and small CNNs over precisions, random foldings; the same training /
   held-out split), the depthwise networks of :data:`DEPTHWISE` (VVAUs) and
   the shared model tiny_invres_w2a2 (:data:`TRAINING_MODELS`) are built for
   the ULX3S (``finnr build --backend rtl --device ulx3s-85f``) and each
   layer synthesized alone by ``finnr synth`` (synth_ecp5, LUT4 counted as
   nextpnr counts it); the work directory (default build/ecp5_calibration/)
   keeps the results for the next run.
2. LUT4 and FF are fitted per layer kind on the training layers
   (``calibration.fit`` on ``calibration.ecp5_terms``), and the ratio of a
   whole design's LUT4/FF to the sum of its layers' on the networks of
   :data:`DESIGN_TRAINING` packed whole (``design_factor``); both go to
   finnr/models/ecp5_coefficients.json. EBR and MULT18 are the rules of
   ``calibration.ecp5_mapping``/``ecp5_ebr``/``ecp5_mult18`` (no fit),
   checked here against yosys per layer.
3. Held-out layers are predicted with the set, and whole designs against
   nextpnr-ecp5's utilization: the four networks of issue 19 (tfc_2w2a,
   sfc_1w1a, tiny_resnet_w4a4, mobilenet_v1_w2a2_quarter_64 from the shared
   models, built with ``--maximize``) are built here, synthesized whole by
   synth_ecp5 and packed by ``nextpnr-ecp5 --pack-only`` (utilization is
   fixed once packed: the same counts as a full place and route, in
   seconds), and predicted by ``calibration.design_resources_ecp5`` on their
   05-estimated.mlir; ``--exp DIR`` adds builds that ``finnr bitstream``
   already placed and routed (their bitstream/report.json)."""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from common import REPO, SHARED_MODELS
from prediction_accuracy import (
    Case,
    Failed,
    build_layers,
    coefficient_table,
    finnr,
    fit_coefficients,
    folding,
    generated_cases,
)

DEVICE = "ulx3s-85f"
KEYS = (("LUT4", "lut"), ("FF", "ff"), ("EBR", "bram18"), ("MULT18", "dsp"))
DESIGNS = {"tfc_2w2a": (), "sfc_1w1a": (), "tiny_resnet_w4a4": (),
           "mobilenet_v1_w2a2_quarter_64": ("--input-datatype", "UINT8", "--input-scale", "0.00392156862745098")}
"""The networks of issue 19's Done-when and their extra build options."""
TRAINING_MODELS = {"tiny_invres_w2a2": ()}
"""Shared models whose layers also train the fit (none of the four above):
the kinds no generated network has (VVAU, add_streams, duplicate, ...)."""


@dataclass(frozen=True)
class DepthwiseCase(Case):
    """A small network with a depthwise convolution (a VVAU, which no
    network of prediction_accuracy has): conv 3x3, depthwise 3x3 (padded)
    over ``dims[1]`` channels, a classifier."""

    def model(self):
        from finnr.examples.networks import NetSpec, _activation, _batchnorm, _input_quant, _weight
        from finnr.examples.onnx_builder import GraphBuilder, vinfo

        spec = NetSpec(self.wbits, self.abits, relu=self.abits > 1, per_channel=True, negative_bn=False, seed=self.seed)
        rng = np.random.default_rng(self.seed)
        cin, c = self.dims
        b = GraphBuilder()
        x = _input_quant(b, "x", spec)
        x = b.node("Conv", [x, _weight(b, rng, (c, cin, 3, 3), spec)], kernel_shape=[3, 3])
        x = _activation(b, rng, _batchnorm(b, rng, x, c, spec), spec)
        x = b.node("Conv", [x, _weight(b, rng, (c, 1, 3, 3), spec)], kernel_shape=[3, 3], pads=[1] * 4, group=c)
        x = _activation(b, rng, _batchnorm(b, rng, x, c, spec), spec)
        x = b.node("Reshape", [x, b.const(np.array([1, -1], np.int64), "shape")])
        y = b.node("MatMul", [x, b.node("Transpose", [_weight(b, rng, (4, c * 16), spec)], perm=[1, 0])])
        return b.model([vinfo("x", [1, cin, 6, 6])], [y])


DEPTHWISE = [DepthwiseCase("dw_w2a2_c8", "dw", 2, 2, 21, True, (3, 8)),
             DepthwiseCase("dw_w4a4_c32", "dw", 4, 4, 22, True, (3, 32)),
             DepthwiseCase("dw_w2a2_c64", "dw", 2, 2, 23, True, (3, 64)),
             DepthwiseCase("dw_w3a3_c16", "dw", 3, 3, 24, True, (3, 16)),
             DepthwiseCase("dw_w2a3_c48", "dw", 2, 3, 25, False, (3, 48))]
"""Depthwise networks (VVAUs of 8 to 64 channels); the last is held out."""


def all_cases() -> list[Case]:
    return [*generated_cases(), *DEPTHWISE]


def prepare(case: Case, work: Path, jobs: int) -> Path:
    """Build one generated network for the ULX3S and synthesize its layers
    (reusing what the work directory holds); the build's directory."""
    import onnx

    base = work / case.name
    d = base / "build"
    base.mkdir(parents=True, exist_ok=True)
    t = time.perf_counter()
    model = base / "model.onnx"
    if not model.is_file():
        onnx.save(case.model(), model)
        config = folding(model, case.seed, case.ram_style, case.max_lanes)
        rng = np.random.default_rng(case.seed)
        for name, entry in config.items():
            if name.startswith("VVAU"):  # SIMD divides KH*KW (3x3), PE the channels
                entry.update(SIMD=int(rng.choice([1, 3])), PE=int(rng.choice([p for p in (1, 2, 4) if case.dims[1] % p == 0])))
        (base / "folding.json").write_text(json.dumps(config, indent=2))
    if not (d / "rtl" / "manifest.json").is_file():
        finnr("build", str(model), "--device", DEVICE, "--backend", "rtl", "-o", str(d), "--quiet",
              "--folding-config", str(base / "folding.json"), log=base / "build.log")
    if not (d / "synth.json").is_file():
        finnr("synth", str(d), "-j", str(jobs), "--quiet", log=base / "synth.log")
    print(f"{case.name}: ready ({time.perf_counter() - t:.0f} s)", file=sys.stderr, flush=True)
    return d


def gather(network: str, d: Path, train: bool) -> list[dict]:
    """Per-layer rows of a synthesized build: terms, measured LUT4/FF/EBR/
    MULT18 and logic depth, and the rules' EBR and MULT18."""
    from finnr.models import calibration

    rows = []
    for layer, op, spec, (pe, simd), mem, meas in build_layers(d):
        mem = {**mem, "threshold_bits": calibration.threshold_bits(op)}
        rows.append({
            "network": network, "train": train, "layer": layer["name"], "kind": spec.kind, "pe": pe, "simd": simd,
            "spec": spec, "folding": (pe, simd), "mem": mem,
            "terms": calibration.ecp5_terms(spec, pe, simd, **mem),
            "lut": meas["lut"], "ff": meas["ff"], "bram18": meas["bram18"], "dsp": meas["dsp"], "depth": meas.get("depth"),
        })
    return rows


def predict(rows: list[dict]) -> None:
    from finnr.models import calibration

    calibration.coefficient_file.cache_clear()
    for r in rows:
        res = calibration.ecp5_resources(r["spec"], *r["folding"], **r["mem"])
        for key in ("lut", "ff", "bram18", "dsp"):
            r[f"{key}_pred"] = float(res[key])


def lut6_to_lut4(rows: list[dict]) -> float:
    """Measured ECP5 LUT4 over the ``yosys`` (LUT6) model's prediction, over
    the training layers of the kinds both sets fit: what scales the LUT6
    model of a kind the ECP5 fit has not seen."""
    from finnr.models import calibration

    kinds = calibration.coefficient_set("yosys")
    mine = [r for r in rows if r["train"] and r["kind"] in kinds]
    pred = sum(float(calibration.resources(r["spec"], *r["folding"], coefficients="yosys",
                                           **{k: v for k, v in r["mem"].items() if k != "threshold_bits"})["lut"])
               for r in mine)
    return sum(r["lut"] for r in mine) / max(pred, 1.0)


def prepare_shared(name: str, work: Path, model: Path, jobs: int) -> Path:
    """Build a shared model for the ULX3S (``--maximize``) and synthesize
    its layers; the build's directory."""
    d = work / "designs" / name
    if not (d / "rtl" / "manifest.json").is_file():
        d.parent.mkdir(parents=True, exist_ok=True)
        finnr("build", str(model), "--device", DEVICE, "--backend", "rtl", "--maximize", "-o", str(d), "--quiet",
              *{**DESIGNS, **TRAINING_MODELS}[name], log=d.parent / f"{name}.build.log")
    if not (d / "synth.json").is_file():
        finnr("synth", str(d), "-j", str(jobs), "--quiet", log=d.parent / f"{name}.synth.log")
    return d


def packed(name: str, work: Path, model: Path) -> Path:
    """Build a shared model for the ULX3S (``--maximize``) and :func:`pack`
    it, reusing what the work directory holds; the build's directory."""
    d = work / "designs" / name
    if not (d / "rtl" / "manifest.json").is_file():
        d.parent.mkdir(parents=True, exist_ok=True)
        finnr("build", str(model), "--device", DEVICE, "--backend", "rtl", "--maximize", "-o", str(d), "--quiet",
              *DESIGNS[name], log=d.parent / f"{name}.build.log")
    return pack(d, name)


def pack(d: Path, name: str) -> Path:
    """Synthesize a build's whole design with synth_ecp5 and pack it with
    nextpnr-ecp5 (``--pack-only``) into d/packed/ (report.json
    {utilization}), unless done before; ``d``."""
    import subprocess

    from finnr.models.devices import get_device
    from finnr.toolchains.ecp5 import NETLIST, PNR_LOG, UTILIZATION, parse_log, part_options, synth_script, tool_command
    from finnr.toolchains.synth import yosys_command

    out = d / "packed"
    t = time.perf_counter()
    if not (out / "report.json").is_file():
        out.mkdir(exist_ok=True)
        manifest = json.loads((d / "rtl" / "manifest.json").read_text())
        files = sorted({f for l in manifest["layers"] for f in l["files"]} | set(manifest.get("files", [])))
        script = synth_script(files, manifest["top"], f"../packed/{NETLIST}", dsp=False)
        nextpnr = [*tool_command("nextpnr_ecp5"), *part_options(get_device(DEVICE).part)[0], "--json", NETLIST,
                   "--pack-only", "--lpf-allow-unconstrained", "--log", PNR_LOG, "-q"]
        for tool, cmd, cwd in (("yosys", [*yosys_command(), "-q", "-l", "../packed/yosys.log", "-p", script], d / "rtl"),
                               ("nextpnr-ecp5", nextpnr, out)):
            proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
            if proc.returncode != 0:
                raise Failed(f"{tool} failed in {cwd}: {proc.stderr[-500:]}")
        util = parse_log((out / PNR_LOG).read_text(errors="replace"))["utilization"]
        (out / "report.json").write_text(json.dumps({"utilization": {k: util.get(b, 0) for k, b in UTILIZATION.items()}}))
        (out / NETLIST).unlink()
    print(f"{name}: packed ({time.perf_counter() - t:.0f} s)", file=sys.stderr, flush=True)
    return d


DESIGN_TRAINING = ("tiny_invres_w2a2", "cnn_w2a2_s2", "cnn_w3a2_s5", "mlp_w2a2", "dw_w2a2_c64")
"""Training networks also packed whole: the ratio of a whole design's
LUT4/FF to the sum of its layers synthesized alone (yosys optimizes across
the layers' boundaries) is fitted on them (``design_factor``)."""


def design_factors(work: Path) -> dict[str, float]:
    """Whole-design LUT4 and FF (less the constant drivers) over the sum of
    the layers' (``finnr synth``), over the :data:`DESIGN_TRAINING` networks."""
    from finnr.models.calibration import ECP5_DESIGN_LUTS

    whole, parts = {"lut": 0.0, "ff": 0.0}, {"lut": 0.0, "ff": 0.0}
    for name in DESIGN_TRAINING:
        d = work / ("designs" if name in TRAINING_MODELS else "") / name / ("" if name in TRAINING_MODELS else "build")
        util = json.loads((pack(d, name) / "packed" / "report.json").read_text())["utilization"]
        total = json.loads((d / "synth.json").read_text())["total"]
        whole["lut"] += util["LUT4"] - ECP5_DESIGN_LUTS
        whole["ff"] += util["FF"]
        parts["lut"] += total["lut"]
        parts["ff"] += total["ff"]
    return {k: whole[k] / parts[k] for k in whole}


def whole_design(d: Path, name: str | None = None) -> dict | None:
    """A build with nextpnr-ecp5's utilization (packed/report.json of
    :func:`packed`, or bitstream/report.json of ``finnr bitstream``):
    predicted totals (``calibration.design_resources_ecp5`` of its
    05-estimated.mlir) against it."""
    from finnr.ir_io import load_ir
    from finnr.models import calibration

    rep = next((p for p in (d / "packed" / "report.json", d / "bitstream" / "report.json") if p.is_file()), None)
    if rep is None or not (d / "05-estimated.mlir").is_file():
        return None
    measured = json.loads(rep.read_text())["utilization"]
    total = calibration.design_resources_ecp5(load_ir(d / "05-estimated.mlir"))["total"]
    return {"network": name or d.name, "source": rep.parent.name, "measured": measured,
            "predicted": {k: total[v] for k, v in KEYS}}


def _pct(x: float | None) -> str:
    return "-" if x is None else f"{100 * x:+.1f}%"


def _err(pred: float, meas: float) -> float | None:
    return None if meas == 0 else (pred - meas) / meas


def report(rows: list[dict], designs: list[dict], coeffs: dict, command: str) -> str:
    lines = ["# ECP5 resource model (`ecp5` coefficient set)", "",
             f"Made by `{command}` with {coeffs['yosys']} (synth_ecp5 per layer, out of context; LUT4 counted as "
             "nextpnr-ecp5 counts TRELLIS_COMB: LUT4 + 2·CCU2C + 6·TRELLIS_DPR16X4 + 4 a carry chain). LUT4 and FF "
             f"fitted per kind on {sum(r['train'] for r in rows)} training layers; EBR and MULT18 by rule.", "",
             "## Per layer kind", "",
             "| set | kind | layers | LUT4 meas. | LUT4 pred. | error | FF meas. | FF pred. | error | "
             "EBR meas. | EBR rule | layers with EBR off | max depth |",
             "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for label, train in (("train", True), ("held out", False)):
        part = [r for r in rows if r["train"] == train]
        for k in [*sorted({r["kind"] for r in part}), None]:
            mine = [r for r in part if k is None or r["kind"] == k]
            m = {key: sum(r[key] for r in mine) for key in ("lut", "ff", "bram18", "lut_pred", "ff_pred", "bram18_pred")}
            off = sum(r["bram18"] != r["bram18_pred"] for r in mine)
            depth = max((r["depth"] or 0 for r in mine), default=0)
            lines.append(f"| {label} | {k or '**all**'} | {len(mine)} | {m['lut']} | {m['lut_pred']:.0f} | "
                         f"{_pct(_err(m['lut_pred'], m['lut']))} | {m['ff']} | {m['ff_pred']:.0f} | "
                         f"{_pct(_err(m['ff_pred'], m['ff']))} | {m['bram18']} | {m['bram18_pred']:.0f} | {off} | {depth} |")
    lines += ["", "## Per layer (held-out networks)", "",
              "| network | layer | kind | PE | SIMD | LUT4 meas. | LUT4 pred. | FF meas. | FF pred. | EBR meas. | EBR rule | depth |",
              "|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        if not r["train"]:
            lines.append(f"| {r['network']} | {r['layer']} | {r['kind']} | {r['pe']} | {r['simd']} | {r['lut']} | "
                         f"{r['lut_pred']:.0f} | {r['ff']} | {r['ff_pred']:.0f} | {r['bram18']} | {r['bram18_pred']:.0f} | "
                         f"{r['depth']} |")
    lines += ["", "## Whole designs against nextpnr-ecp5", "",
              "| network | " + " | ".join(f"{k} nextpnr | {k} pred. | error" for k, _ in KEYS) + " |",
              "|---|" + "---:|" * (3 * len(KEYS))]
    for dsg in designs:
        cells = []
        for k, _ in KEYS:
            m, p = dsg["measured"][k], dsg["predicted"][k]
            cells.append(f"{m} | {p:.0f} | {_pct(_err(p, m)) if m else ('exact' if round(p) == 0 else '-')}")
        lines.append(f"| {dsg['network']} ({dsg['source']}) | " + " | ".join(cells) + " |")
    lines += ["", "## Fitted coefficients (`finnr/models/ecp5_coefficients.json`)", "",
              f"lut6_to_lut4 (kinds without ECP5 training layers): {coeffs['lut6_to_lut4']:.3f}; design_factor "
              f"(whole design / sum of its layers, on {', '.join(DESIGN_TRAINING)}): LUT4 "
              f"{coeffs['design_factor']['lut']:.3f}, FF {coeffs['design_factor']['ff']:.3f}", "",
              *coefficient_table(coeffs, "LUT4")]
    return "\n".join(lines) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--work", type=Path, default=REPO / "build" / "ecp5_calibration")
    ap.add_argument("-j", "--jobs", type=int, default=2, help="parallel yosys runs per network")
    ap.add_argument("--networks", default="all", help="comma-separated generated networks or 'all'")
    ap.add_argument("--exp", type=Path, nargs="*", default=[],
                    help="ECP5 builds with bitstream/report.json (finnr bitstream) to compare as whole designs")
    ap.add_argument("--designs", default="all",
                    help="comma-separated networks of issue 19 to pack and compare whole, 'all' or 'none'")
    ap.add_argument("--no-fit", action="store_true", help="evaluate the committed coefficients, do not refit")
    ap.add_argument("--markdown", type=Path, help="also write the tables to this file")
    args = ap.parse_args()
    from finnr.models.calibration import ECP5_FILE

    cases = [c for c in all_cases() if args.networks == "all" or c.name in args.networks.split(",")]
    rows: list[dict] = []
    for c in cases:
        try:
            rows += gather(c.name, prepare(c, args.work, args.jobs), c.train)
        except Failed as e:
            print(f"{c.name}: skipped, {e}", file=sys.stderr)
    for name in TRAINING_MODELS if SHARED_MODELS.is_dir() else ():
        try:
            rows += gather(name, prepare_shared(name, args.work, SHARED_MODELS / f"{name}.onnx", args.jobs), True)
        except Failed as e:
            print(f"{name}: skipped, {e}", file=sys.stderr)
    synth = json.loads((args.work / cases[0].name / "build" / "synth.json").read_text())
    if args.no_fit:
        coeffs = json.loads(ECP5_FILE.read_text())
    else:
        meta = {"yosys": synth["yosys"], "family": "ecp5", "device": DEVICE,
                "fitted_by": "benchmarks/ecp5_calibration.py (non-negative least squares in relative error, per kind)",
                "training_networks": [c.name for c in cases if c.train] + list(TRAINING_MODELS),
                "lut6_to_lut4": lut6_to_lut4(rows), "design_factor": design_factors(args.work)}
        coeffs = fit_coefficients([r for r in rows if r["train"]], meta)
        ECP5_FILE.write_text(json.dumps(coeffs, indent=2) + "\n")
    predict(rows)
    designs = []
    if SHARED_MODELS.is_dir() and args.designs != "none":
        for name in DESIGNS if args.designs == "all" else args.designs.split(","):
            try:
                designs.append(whole_design(packed(name, args.work, SHARED_MODELS / f"{name}.onnx"), name))
            except Failed as e:
                print(f"{name}: skipped, {e}", file=sys.stderr)
    designs += [x for x in (whole_design(d) for d in args.exp) if x is not None]
    command = "python benchmarks/ecp5_calibration.py" + "".join(f" --exp {d}" for d in args.exp)
    text = report(rows, designs, coeffs, command)
    print(text)
    if args.markdown:
        args.markdown.write_text(text)


if __name__ == "__main__":
    main()
