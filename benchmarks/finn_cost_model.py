"""Benchmark: finnr's optimizer under FINN's own cost model (``--cost-model
finn``) against FINN's SetFolding, both judged by FINN's estimator.

    .venv/bin/python benchmarks/finn_cost_model.py [--utilization 0.8] [--out DIR] [--no-finn]

Needs the FINN peer environment (``../shared/tools/setup-peer.sh``: FINN,
finn-plus 1.6.1, in ``$FINN_PEER_DIR``, default ``~/.cache/finn-peer``) and
``../shared/tools/finn_estimate.py``, FINN's estimate-only flow; without
them it says so and exits (status 0). ``--no-finn`` runs only finnr's side
(its replica of SetFolding under FINN's model).

For tfc_2w2a, cnv_1w1a (the shared models) and a CNV-w2a2 (Brevitas's
``cnv_2w2a`` with random weights and batch-norm statistics, exported with the
peer environment into ``--out`` unless ``$FINNR_SHARED_MODELS`` has
``cnv_2w2a.onnx``):

0. the estimate: FINN's own SetFolding folding at 3000 FPS (100 MHz), read
   by ``finnr build --cost-model finn --folding-config``: how many of FINN's
   nodes finnr's estimate gives FINN's cycles, and the LUT and BRAM18 totals
   of both.

Then on pynq-z1 and ultra96 (at their clocks, 100 and 300 MHz):

1. ``finnr build --cost-model finn --maximize --utilization U`` writes its
   folding_config.json, which FINN's estimate-only flow takes as it is
   (``--folding``); the row shows FINN's FPS and LUT/BRAM18 totals of it and
   whether FINN estimates it within U of the device (LUT, BRAM18, URAM, DSP;
   FINN estimates no FFs) and whether FINN warned of nodes without a config;
2. FINN's best SetFolding design: the largest integer target FPS whose
   SetFolding design FINN estimates within U, found by bisection on finnr's
   replica of SetFolding and FINN's estimator (``--cost-model finn
   --heuristic setfolding``, equal to FINN node for node, see
   tests/test_finn_cost_model.py), then checked with FINN itself at that
   target (it must fit) and at the next one (it must not; "replica": whether
   finnr's replica predicted FINN's FPS and totals at the target exactly);
3. the speedup (1) / (2), the goal being >= 1.25.

FINN's estimate flow is run for the xc7z020 part (the tool's; FINN's
estimates of these nodes do not depend on the part) and the budget is that
of each device."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from common import SHARED_MODELS

DEVICES = ("pynq-z1", "ultra96")
PEER = Path(os.environ.get("FINN_PEER_DIR", Path.home() / ".cache" / "finn-peer"))
TOOL = SHARED_MODELS.parent / "tools" / "finn_estimate.py"
FINN_RESOURCES = {"LUT": "lut", "BRAM_18K": "bram18", "URAM": "uram", "DSP": "dsp"}

EXPORT_CNV_W2A2 = """
import sys, torch
from brevitas_examples.bnn_pynq.models import cnv_2w2a
from brevitas.export import export_qonnx
torch.manual_seed(0)
m = cnv_2w2a(pretrained=False).eval()
with torch.no_grad():
    for mod in m.modules():
        if isinstance(mod, torch.nn.BatchNorm2d | torch.nn.BatchNorm1d):
            mod.running_mean.uniform_(-0.5, 0.5); mod.running_var.uniform_(0.5, 2.0)
            mod.weight.uniform_(0.5, 1.5); mod.bias.uniform_(-0.5, 0.5)
export_qonnx(m, torch.rand(1, 3, 32, 32), export_path=sys.argv[1], dynamo=False)
"""


def peer_python() -> Path | None:
    py = PEER / "bin" / "python"
    return py if py.is_file() and TOOL.is_file() else None


def networks(out: Path, finn: Path | None) -> dict[str, Path]:
    nets = {n: SHARED_MODELS / f"{n}.onnx" for n in ("tfc_2w2a", "cnv_1w1a")}
    cnv2 = SHARED_MODELS / "cnv_2w2a.onnx"
    if not cnv2.is_file():
        cnv2 = out / "cnv_2w2a.onnx"
        if not cnv2.is_file() and finn is not None:
            subprocess.run([str(finn), "-c", EXPORT_CNV_W2A2, str(cnv2)], check=True, capture_output=True)
    nets["cnv_w2a2"] = cnv2
    return {n: p for n, p in nets.items() if p.is_file()}


def run_finn(finn: Path, model: Path, out: Path, clk_ns: float, *, folding: Path | None = None,
             target_fps: int | None = None) -> dict:
    """FINN's estimate-only flow: FPS, totals and the nodes it had no config for."""
    args = [str(finn), str(TOOL), str(model), str(out), "--clk-ns", repr(clk_ns)]
    args += ["--folding", str(folding)] if folding is not None else ["--target-fps", str(target_fps)]
    subprocess.run(args, check=True, capture_output=True)
    got = json.loads((out / "finn_estimate.json").read_text())
    log = (out / "build_dataflow.log").read_text() if (out / "build_dataflow.log").is_file() else ""
    missing = [n.strip() for line in log.splitlines() if "No HW configuration for nodes" in line
               for n in line.split("nodes:", 1)[1].split(",") if n.strip()]
    total = got["estimate_layer_resources"]["total"]
    return {"fps": got["estimate_network_performance"]["estimated_throughput_fps"],
            "totals": {ours: float(total.get(k, 0)) for k, ours in FINN_RESOURCES.items()},
            "missing": missing}


def dataflow(model: Path):
    from finnr.flows import pipeline
    from finnr.frontend.onnx_import import import_model
    from finnr.models import cost_models

    module = import_model(model, require_quantized=True)
    pipeline.run(module, pipeline.TO_DATAFLOW)
    cost_models.set_on_module(module, "finn")
    return module


def setfolding_replica(module, clk_ns: float, fps: int) -> tuple[float, dict[str, float]]:
    """(FPS, LUT/BRAM18/URAM/DSP) of FINN's SetFolding at ``fps`` as finnr's
    replica computes it (FINN's target cycles: int(1e9 / clk_ns / fps))."""
    from finnr.models import cost_models, folding
    from finnr.models.arch import design_specs

    model = cost_models.get("finn")
    specs = design_specs(module, "finn")
    folds = folding.set_folding(specs, int(10**9 / clk_ns / fps), "finn")
    cycles = max(float(model.cycles(s, f.pe, f.simd)) for s, f in zip(specs, folds))
    totals = dict.fromkeys(FINN_RESOURCES.values(), 0.0)
    for s, f in zip(specs, folds):
        res = model.resources(s, f.pe, f.simd, "auto", "lut", "internal_decoupled")
        for k in totals:
            totals[k] += float(res[k])
    return 10**9 / clk_ns / cycles, totals


def fits(totals: dict[str, float], budget: dict[str, float]) -> bool:
    return all(totals[k] <= budget[k] + 1e-9 for k in totals)


def best_setfolding(module, clk_ns: float, budget: dict[str, float]) -> int | None:
    """The largest integer target FPS whose replica SetFolding design fits
    (bisection; None when not even 1 FPS fits)."""
    lo, hi = 1, int(10**9 / clk_ns)
    if not fits(setfolding_replica(module, clk_ns, lo)[1], budget):
        return None
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if fits(setfolding_replica(module, clk_ns, mid)[1], budget):
            lo = mid
        else:
            hi = mid - 1
    return lo


def estimate_check(finn: Path, name: str, model: Path, out: Path) -> str:
    """Table 0's row: FINN's SetFolding at 3000 FPS against finnr's estimate of it."""
    from finnr.flows.build import BuildOptions, run_build
    from finnr.interop.finn import finn_estimate
    from finnr.ir_io import load_ir

    theirs = run_finn(finn, model, out / "finn", 10.0, target_fps=3000)
    got = json.loads((out / "finn" / "finn_estimate.json").read_text())
    run_build(BuildOptions(model=str(model), output=str(out / "finnr"), folding_config=str(
        out / "finn" / "report" / "auto_folding_config.json"), cost_model="finn", stop_after="estimate",
        allow_overbudget=True, force=True), warn=lambda message: None)
    ours = finn_estimate(load_ir(out / "finnr" / "05-estimated.mlir"))
    cycles = got["estimate_layer_cycles"]
    same = sum(1 for n, c in cycles.items() if n in ours and ours[n]["cycles"] == c)
    lut, bram = (sum(o[k] for o in ours.values()) for k in ("LUT", "BRAM_18K"))
    return (f"{name:<10}{same:>4} of {len(cycles):<4}{theirs['totals']['lut']:>10.0f}{lut:>8}"
            f"{100 * (lut / theirs['totals']['lut'] - 1):>+7.1f}%{theirs['totals']['bram18']:>9.0f}{bram:>7}"
            f"{100 * (bram / max(theirs['totals']['bram18'], 1) - 1):>+7.1f}%  "
            + ", ".join(n for n in cycles if n not in ours))


def finnr_maximize(model: Path, device: str, utilization: float, out: Path) -> dict:
    from finnr.flows.build import BuildOptions, run_build

    report = run_build(BuildOptions(model=str(model), output=str(out), device=device, maximize=True,
                                    utilization=utilization, cost_model="finn", stop_after="estimate", force=True),
                       warn=lambda message: None)
    return report


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--utilization", type=float, default=0.8)
    ap.add_argument("--out", type=Path, help="where the builds go (default: a temporary directory)")
    ap.add_argument("--no-finn", action="store_true", help="finnr's side only (no FINN runs)")
    args = ap.parse_args()
    finn = None if args.no_finn else peer_python()
    if finn is None and not args.no_finn:
        print(f"FINN's peer environment is absent ({PEER}/bin/python and {TOOL} are needed; "
              "make it with ../shared/tools/setup-peer.sh): nothing to compare. --no-finn runs finnr's side only.")
        return 0
    from finnr.models import fit
    from finnr.models.devices import get_device

    out = args.out or Path(tempfile.mkdtemp(prefix="finnr-finn-cost-model-"))
    out.mkdir(parents=True, exist_ok=True)
    nets = networks(out, finn)
    if finn is not None:
        print("FINN's SetFolding at 3000 FPS (100 MHz), estimated by FINN and by finnr --cost-model finn:")
        print(f"{'network':<10}{'same cycles':<12}{'LUT FINN':>10}{'finnr':>8}{'':>8}{'BRAM FINN':>9}{'finnr':>7}{'':>8}"
              "  FINN nodes finnr does not see")
        for name, path in nets.items():
            print(estimate_check(finn, name, path, out / f"{name}_3000"))
            sys.stdout.flush()
        print()
    print(f"budget: {args.utilization:.0%} of LUT, BRAM18, URAM and DSP, judged on FINN's estimate"
          + ("" if finn else " (finnr's replica: --no-finn)"))
    head = (f"{'network':<10}{'device':<9}{'MHz':>5} | {'SetFolding target':>17}{'FPS':>11}{'LUT':>8}{'BRAM18':>7}"
            f"{'fits':>5}{'next fits':>10}{'replica':>8} | {'finnr FPS':>11}{'LUT':>8}{'BRAM18':>7}{'fits':>5}{'no cfg':>7}"
            f" | {'speedup':>7}")
    print(head)
    wins = rows = 0
    for name, path in nets.items():
        module = dataflow(path)
        for dname in DEVICES:
            device = get_device(dname)
            clk_ns = 1000 / device.clock_mhz
            budget = {ours: v for ours, v in fit.budget(device, args.utilization).items() if ours != "ff"}
            target = best_setfolding(module, clk_ns, budget)
            d = out / f"{name}_{dname}"
            report = finnr_maximize(path, dname, args.utilization, d / "finnr")
            if finn is not None:
                ours = run_finn(finn, path, d / "finn_on_finnr", clk_ns, folding=d / "finnr" / "folding_config.json")
                sf = run_finn(finn, path, d / "setfolding", clk_ns, target_fps=target) if target else None
                nxt = run_finn(finn, path, d / "setfolding_next", clk_ns, target_fps=target + 1) if target else None
            else:
                ours = {"fps": report["fps"], "totals": {k: report["total"][k] for k in FINN_RESOURCES.values()},
                        "missing": []}
                sf = dict(zip(("fps", "totals"), setfolding_replica(module, clk_ns, target))) if target else None
                nxt = dict(zip(("fps", "totals"), setfolding_replica(module, clk_ns, target + 1))) if target else None
            ours_fit = fits(ours["totals"], budget)
            speedup = ours["fps"] / sf["fps"] if sf and ours_fit else float("nan")
            rows += 1
            wins += bool(speedup >= 1.25)
            same = None
            if sf:
                fps, totals = setfolding_replica(module, clk_ns, target)
                same = abs(fps - sf["fps"]) <= 1e-6 * fps and all(abs(totals[k] - sf["totals"][k]) < 0.5 for k in totals)
            sf_cols = (f"{target:>17}{sf['fps']:>11.1f}{sf['totals']['lut']:>8.0f}{sf['totals']['bram18']:>7.0f}"
                       f"{'yes' if fits(sf['totals'], budget) else 'NO':>5}"
                       f"{'yes' if fits(nxt['totals'], budget) else 'no':>10}{'yes' if same else 'NO':>8}"
                       ) if sf else f"{'none fits':>66}"
            print(f"{name:<10}{dname:<9}{device.clock_mhz:>5g} | {sf_cols} | {ours['fps']:>11.1f}"
                  f"{ours['totals']['lut']:>8.0f}{ours['totals']['bram18']:>7.0f}{'yes' if ours_fit else 'NO':>5}"
                  f"{len(ours['missing']):>7} | {speedup:>7.2f}")
            sys.stdout.flush()
    print(f"finnr >= 1.25x SetFolding's best FPS (and fitting, by FINN's estimate) in {wins} of {rows} rows; "
          f"results in {out}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
