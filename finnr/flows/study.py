"""The accuracy-cost study behind ``finnr study``: small quantized MLPs
trained with Brevitas on scikit-learn's handwritten digits (8x8 images,
bundled with scikit-learn, no download), exported to QONNX and compiled by
finnr, their accuracy measured on the C-simulated accelerator.

For each precision (w1a1, w2a2, w4a4, w8a8) an MLP 64-64-64-10 (8-bit
input, batch norms, weights and activations at the precision; bipolar at 1
bit) is trained. Each is then pruned by finnr's ``qnn-prune`` (the channels
of smallest weight magnitude that finnr picks on the dense model; the
network fine-tuned in PyTorch with those neurons masked, exported dense and
pruned by finnr, which equals the masked network), and the w8a8 network is
also requantized by ``qnn-requantize`` to lower precisions without
retraining. Every variant is built for a PYNQ-Z1 (streamline, dataflow,
folding, estimate, HLS C++) and its test accuracy is that of finnr's
C-simulation of the accelerator (host pre/post-processing in the
interpreter), over the whole test split.

The training dependencies (torch, brevitas, scikit-learn, onnxoptimizer)
are the ``study`` extra (``make study`` installs them); nothing else in
finnr imports them."""

from __future__ import annotations

import contextlib
import copy
import json
import math
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np

from finnr.defaults import DEFAULT_DEVICE, DEFAULT_UTILIZATION
from finnr.diagnostics import FinnrError
from finnr.flows import outdir, pipeline

PRECISIONS = ((1, 1), (2, 2), (4, 4), (8, 8))
SPARSITIES = (0.25, 0.5, 0.75)
REQUANTIZED = ((4, 4), (2, 2))
"""Precisions the w8a8 network is requantized to by finnr (no retraining)."""
HIDDEN = (64, 64)
DEVICE = DEFAULT_DEVICE
TARGET_FPS = 100_000
"""The throughput at which LUT and BRAM are compared (the folding is the
cheapest reaching it); FPS is the fastest folding within DEFAULT_UTILIZATION
of the device."""
EPOCHS = 30
FINETUNE_EPOCHS = 10
SEED = 0


@dataclass
class Row:
    name: str
    wbits: int
    abits: int
    sparsity: float
    how: str
    acc_csim: float = math.nan
    acc_torch: float = math.nan
    params: int = 0
    weight_bits: int = 0
    lut: float = 0.0
    bram18: float = 0.0
    max_fps: float = 0.0
    lut_at_max: float = 0.0
    notes: list[str] = field(default_factory=list)


def _require():
    try:
        import brevitas  # noqa: F401
        import onnxoptimizer  # noqa: F401
        import sklearn  # noqa: F401
        import torch  # noqa: F401
    except ImportError as e:
        raise FinnrError(
            f"finnr study needs the training dependencies ({e.name} is missing)",
            ["install them with `make study` (or pip install torch==2.13.0, then pip install -e '.[study]')"],
        ) from None


# --- data and training ------------------------------------------------------------


def load_data(seed: int = 0):
    """Digits scaled to [-1, 1], split 75/25 (stratified, fixed seed)."""
    from sklearn.datasets import load_digits
    from sklearn.model_selection import train_test_split

    x, y = load_digits(return_X_y=True)
    x = (x / 16.0 * 2 - 1).astype(np.float32)
    return train_test_split(x, y.astype(np.int64), test_size=0.25, random_state=seed, stratify=y)


def make_model(wbits: int, abits: int):
    """An MLP 64-64-64-10 in Brevitas: 8-bit input quantizer, per layer a
    quantized linear (no bias), a batch norm and a quantized activation
    (relu at >= 2 bits, bipolar at 1 bit); the last linear's output is the
    logits."""
    import brevitas.nn as qnn
    import torch.nn as nn
    from brevitas.quant import SignedBinaryActPerTensorConst, SignedBinaryWeightPerTensorConst

    def weights() -> dict:
        if wbits == 1:
            return {"weight_quant": SignedBinaryWeightPerTensorConst}
        return {"weight_bit_width": wbits}

    def activation():
        if abits == 1:
            return qnn.QuantIdentity(act_quant=SignedBinaryActPerTensorConst, return_quant_tensor=True)
        return qnn.QuantReLU(bit_width=abits, return_quant_tensor=True)

    mods: list = [qnn.QuantIdentity(bit_width=8, return_quant_tensor=True)]
    width = 64
    for h in HIDDEN:
        mods += [qnn.QuantLinear(width, h, bias=False, **weights()), nn.BatchNorm1d(h), activation()]
        width = h
    mods.append(qnn.QuantLinear(width, 10, bias=False, **weights()))
    return nn.Sequential(*mods)


def _forward(model, x, masks: dict[int, np.ndarray]):
    """The model's logits, with hidden layer i's neurons outside masks[i]
    zeroed after its activation (what finnr's pruning of them computes)."""
    import torch

    layer = -1
    for mod in model:
        x = mod(x)
        if type(mod).__name__ == "QuantLinear":
            layer += 1
        elif layer in masks and type(mod).__name__ in ("QuantReLU", "QuantIdentity") and layer >= 0:
            x = x.value * torch.as_tensor(masks[layer], dtype=torch.float32)
    return x.value if hasattr(x, "value") else x


def train(model, data, epochs: int, seed: int, masks: dict[int, np.ndarray] | None = None, lr: float = 0.01):
    import torch

    x_train, _, y_train, _ = data
    torch.manual_seed(seed)
    gen = torch.Generator().manual_seed(seed)
    xs, ys = torch.as_tensor(x_train), torch.as_tensor(y_train)
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, max(1, epochs))
    loss_fn = torch.nn.CrossEntropyLoss()
    model.train()
    for _ in range(epochs):
        for idx in torch.randperm(len(xs), generator=gen).split(64):
            opt.zero_grad()
            loss_fn(_forward(model, xs[idx], masks or {}), ys[idx]).backward()
            opt.step()
        sched.step()
    model.eval()
    return model


def torch_accuracy(model, data, masks: dict[int, np.ndarray] | None = None) -> float:
    import torch

    _, x_test, _, y_test = data
    with torch.no_grad():
        logits = _forward(model, torch.as_tensor(x_test), masks or {})
    return float((logits.argmax(1).numpy() == y_test).mean())


def export(model, path: Path) -> None:
    """Export to QONNX (torch's exporter chatter silenced)."""
    import contextlib
    import io
    import logging

    import torch
    from brevitas.export import export_qonnx

    logging.getLogger("torch.onnx").setLevel(logging.ERROR)
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        export_qonnx(model, torch.zeros(1, 64), export_path=str(path))


# --- compiling and measuring with finnr ---------------------------------------------


def weight_stats(module) -> tuple[int, int]:
    """(number of weights, their bits) over the dataflow layers."""
    from finnr.models import cost
    from finnr.models import layers as lm
    from finnr.models.layers import dataflow_layers

    return cost.weight_totals([lm.spec_of(layer) for layer in dataflow_layers(module)])


def compile_and_measure(module, row: Row, data, work: Path, clock_mhz: float) -> None:
    """Build ``module`` (imported, pruned/requantized qnn IR) for the
    device at ``clock_mhz``, fill ``row`` with its costs and C-simulated
    accuracy."""
    from finnr.backends.hls_cpp import write_hls_project
    from finnr.backends.hls_cpp.csim import Simulator
    from finnr.backends.report import build_report
    from finnr.dialects import finnr_context
    from finnr.models.devices import get_device

    device = get_device(DEVICE)
    ctx = finnr_context()
    pipeline.run(module, pipeline.TO_DATAFLOW, ctx)
    fastest = module.clone()
    for m, folding in ((fastest, pipeline.folding(device=DEVICE, maximize=True, clock_mhz=clock_mhz)),
                       (module, pipeline.folding(device=DEVICE, target_fps=TARGET_FPS, clock_mhz=clock_mhz))):
        pipeline.run(m, f"{folding},{pipeline.buffers()},{pipeline.ESTIMATE}", ctx)
    best = build_report(fastest, device, clock_mhz, DEFAULT_UTILIZATION)
    report = build_report(module, device, clock_mhz, DEFAULT_UTILIZATION)
    row.max_fps, row.lut_at_max = best["fps"], best["total"]["lut"]
    row.lut, row.bram18 = report["total"]["lut"], report["total"]["bram18"]
    row.params, row.weight_bits = weight_stats(module)
    pipeline.run(module, pipeline.HLS, ctx)
    hls = work / row.name / "hls"
    write_hls_project(module, hls, part=device.part, clock_mhz=clock_mhz)
    _, x_test, _, y_test = data
    (logits,) = Simulator(module, hls).run_batch(x_test)
    row.acc_csim = float((np.asarray(logits).argmax(1) == y_test).mean())


# --- the study ----------------------------------------------------------------------


STUDY_FILES = ("study.md", "study.json", "study.png")


def run_study(output: Path, epochs: int = EPOCHS, finetune_epochs: int = FINETUNE_EPOCHS, seed: int = SEED,
              work: Path | None = None, progress=print, force: bool = False, clock_mhz: float | None = None) -> list[Row]:
    """Train, prune, requantize, compile (at ``clock_mhz``, default the
    device's clock) and measure; write STUDY_FILES into ``output`` (a new
    or empty directory or an earlier finnr result; with ``force`` any
    directory, whose other files stay: :mod:`finnr.flows.outdir`)."""
    import warnings

    from finnr.models.clock import clock_mhz as clock_of
    from finnr.models.devices import get_device

    clock = clock_of(get_device(DEVICE), clock_mhz)

    if epochs < 1:
        raise FinnrError(f"--epochs must be at least 1, got {epochs}")
    if finetune_epochs < 0:
        raise FinnrError(f"--finetune-epochs must be at least 0, got {finetune_epochs}")
    out = outdir.prepare(output, force=force, expected=STUDY_FILES)
    kept = None if work is None else outdir.prepare(work, force=force)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # brevitas: optional kernels not installed
        _require()
        import brevitas.nn  # noqa: F401
    import torch

    from finnr.frontend.onnx_import import import_model
    from finnr.passes.qnn_prune import prune, prune_masks
    from finnr.passes.qnn_requantize import requantize

    torch.set_num_threads(1)
    start = time.monotonic()
    data = load_data(seed)
    rows: list[Row] = []
    with contextlib.ExitStack() as stack:  # --work: kept like an output directory, when the study succeeds
        if kept is None:
            work = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="finnr-study-")))
        else:
            work = stack.enter_context(outdir.Staging(kept, "finnr study --work"))

        def measure(row: Row, onnx_path: Path, transform=lambda m: m) -> None:
            module = transform(import_model(onnx_path))
            compile_and_measure(module, row, data, work, clock)
            rows.append(row)
            progress(f"[{time.monotonic() - start:5.0f} s] {row.name}: csim accuracy {row.acc_csim:.3f} "
                     f"(PyTorch {row.acc_torch:.3f}), {row.params} weights, LUT {row.lut:.0f}, "
                     f"BRAM18 {row.bram18:.0f}, max {row.max_fps:,.0f} FPS")

        for wbits, abits in PRECISIONS:
            tag = f"w{wbits}a{abits}"
            torch.manual_seed(seed)  # the initial weights
            model = train(make_model(wbits, abits), data, epochs, seed)
            dense = work / f"{tag}.onnx"
            export(model, dense)
            measure(Row(tag, wbits, abits, 0.0, "trained", acc_torch=torch_accuracy(model, data)), dense)
            for sparsity in SPARSITIES:
                masks = prune_masks(import_model(dense), sparsity=sparsity)
                tuned = train(copy.deepcopy(model), data, finetune_epochs, seed + 1, masks, lr=0.003)
                path = work / f"{tag}-p{int(sparsity * 100)}.onnx"
                export(tuned, path)
                row = Row(f"{tag} pruned {sparsity:.0%}", wbits, abits, sparsity, "qnn-prune + fine-tuning",
                          acc_torch=torch_accuracy(tuned, data, masks))
                measure(row, path, lambda m, masks=masks: prune(m, masks=masks))
            if (wbits, abits) == PRECISIONS[-1]:
                for wb, ab in REQUANTIZED:
                    row = Row(f"{tag} -> w{wb}a{ab}", wb, ab, 0.0, "qnn-requantize, no retraining")
                    measure(row, dense, lambda m, wb=wb, ab=ab: requantize(m, wb, ab))
    seconds = time.monotonic() - start
    with outdir.Staging(out, "finnr study") as staging:
        write_results(rows, staging, seconds, epochs, finetune_epochs, seed, clock)
    progress(f"finnr study: {len(rows)} networks in {seconds:.0f} s; results in {output}/study.md")
    return rows


# --- results ------------------------------------------------------------------------

COMMAND = "`make study` (which runs `finnr study -o docs --force`)"


def markdown_table(rows: list[Row], clock_mhz: float) -> str:
    lines = [
        "| network | how | accuracy (C-sim) | accuracy (PyTorch) | weights | weight bits | "
        f"LUT @ {TARGET_FPS // 1000}k FPS | BRAM18 @ {TARGET_FPS // 1000}k FPS | "
        f"max FPS ({DEFAULT_UTILIZATION:.0%} of {DEVICE}, {clock_mhz:g} MHz) |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        torch_acc = "—" if math.isnan(r.acc_torch) else f"{100 * r.acc_torch:.1f}%"
        lines.append(
            f"| {r.name} | {r.how} | {100 * r.acc_csim:.1f}% | {torch_acc} | {r.params:,} | "
            f"{r.weight_bits:,} | {r.lut:,.0f} | {r.bram18:.0f} | {r.max_fps:,.0f} |"
        )
    return "\n".join(lines) + "\n"


def write_results(rows: list[Row], output: Path, seconds: float, epochs: int, finetune_epochs: int, seed: int,
                  clock_mhz: float) -> None:
    output.mkdir(parents=True, exist_ok=True)
    (output / "study.json").write_text(json.dumps(
        {"seconds": seconds, "epochs": epochs, "finetune_epochs": finetune_epochs, "seed": seed,
         "device": DEVICE, "clock_mhz": clock_mhz, "target_fps": TARGET_FPS, "rows": [asdict(r) for r in rows]},
        indent=2) + "\n")
    plot(rows, output / "study.png")
    text = f"""# Accuracy and cost of quantized, pruned MLPs on handwritten digits

Made by {COMMAND} in {seconds:.0f} s on a 2-core machine ({len(rows)} networks,
{epochs} training epochs, {finetune_epochs} fine-tuning epochs after pruning,
seed {seed}); `finnr study --help` tells the options.

Every network is an MLP 64-64-64-10 trained with Brevitas on the
handwritten digits of scikit-learn (1,347 training and 450 test images of
8x8 pixels), exported to QONNX and compiled by finnr for a {DEVICE}. The
accuracy is that of finnr's **C-simulated accelerator** on the 450 test
images (the host's input quantization and output scaling in finnr's
interpreter); PyTorch's own accuracy is beside it. The two agree on every
logit to within float rounding (about 2e-6); they differ only where a
low-precision network gives two classes exactly the same logit, a tie that
finnr's exact integer arithmetic resolves to the first class and PyTorch's
float rounding either way. Pruned networks lose the
hidden neurons of smallest weight magnitude, chosen by `qnn-prune` on the
trained network; the network is fine-tuned with those neurons masked, and
finnr removes them from the exported model (`prune(module, masks=...)`).
Requantized networks are the trained w8a8 network with its weights and
activations narrowed by `qnn-requantize` (keeping each quantizer's largest
magnitude), without retraining. LUT and BRAM18 are finnr's estimates for the
cheapest folding reaching {TARGET_FPS:,} frames per second; max FPS is the
fastest folding within {DEFAULT_UTILIZATION:.0%} of the device; both at {clock_mhz:g} MHz.

{markdown_table(rows, clock_mhz)}
![accuracy against LUTs and weight memory](study.png)
"""
    (output / "study.md").write_text(text)


def plot(rows: list[Row], path: Path) -> None:
    """Accuracy against LUTs and against weight memory: one line per
    precision through its pruning levels, squares for requantized networks
    (accuracies below the axis are drawn at its bottom, with their value)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.ticker import NullFormatter

    floor = 75.0
    fig, axes = plt.subplots(1, 2, figsize=(11, 4.5))
    colors = {1: "tab:red", 2: "tab:orange", 4: "tab:green", 8: "tab:blue"}
    for ax, key, label in ((axes[0], "lut", f"LUT at {TARGET_FPS:,} FPS (finnr estimate)"),
                           (axes[1], "weight_bits", "weight memory (bits)")):
        for wbits, abits in PRECISIONS:
            line = sorted((r for r in rows if (r.wbits, r.abits) == (wbits, abits) and "requantize" not in r.how),
                          key=lambda r: r.sparsity)
            xs, ys = [getattr(r, key) for r in line], [100 * r.acc_csim for r in line]
            ax.plot(xs, ys, "-o", color=colors[wbits], label=f"w{wbits}a{abits}", markersize=5)
            for r, x, y in zip(line, xs, ys):
                ax.annotate(f"{r.sparsity:.0%}", (x, y), fontsize=7, xytext=(3, 3), textcoords="offset points")
        for r in rows:
            if "requantize" in r.how:
                y = max(100 * r.acc_csim, floor + 0.5)
                ax.scatter(getattr(r, key), y, color=colors.get(r.wbits, "gray"), marker="s", s=50, edgecolor="black")
                text = r.name + ("" if y == 100 * r.acc_csim else f" ({100 * r.acc_csim:.0f}%, below)")
                ax.annotate(text, (getattr(r, key), y), fontsize=7, xytext=(6, 3), textcoords="offset points")
        ax.set_xscale("log")
        ax.xaxis.set_minor_formatter(NullFormatter())
        ax.set_ylim(floor, 100)
        ax.set_xlabel(label)
        ax.set_ylabel("test accuracy, C-simulated (%)")
        ax.grid(True, which="both", alpha=0.3)
    axes[0].set_title("accuracy vs. logic")
    axes[1].set_title("accuracy vs. weight memory")
    axes[0].legend(title="trained, then pruned (0-75%)", fontsize=8, title_fontsize=8, loc="lower right")
    fig.suptitle(f"digits MLP 64-64-64-10 on {DEVICE}; squares: w8a8 requantized by finnr without retraining")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
