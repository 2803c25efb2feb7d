"""``finnr build --verify``: every level of a build, run on the same inputs,
against the imported model; the accelerator in C-simulation against the
dataflow level, bit for bit."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

LEVELS = ("02-streamlined.mlir", "03-dataflow.mlir", "04-folded.mlir", "05-estimated.mlir")


@dataclass
class Check:
    level: str
    against: str
    max_abs_diff: float
    same_argmax: bool
    passed: bool
    note: str = ""


def verification_inputs(build_dir: Path, module, n: int = 4, seed: int = 0) -> np.ndarray:
    """The bundled example's inputs, or n random frames in [0, 1) of the
    model's input shape (images, as BNN-PYNQ's)."""
    example = build_dir / "example_input.npy"
    if example.is_file():
        return np.load(example)
    from finnr.interpreter import entry_function

    shape = entry_function(module).function_type.inputs.data[0].get_shape()
    return np.random.default_rng(seed).uniform(0, 1, (n, *shape[1:])).astype(np.float32)


def _compare(level: str, against: str, got: np.ndarray, ref: np.ndarray, exact: bool) -> Check:
    diff = float(np.max(np.abs(got.astype(np.float64) - ref.astype(np.float64)))) if got.size else 0.0
    same_argmax = bool(np.array_equal(got.reshape(len(got), -1).argmax(1), ref.reshape(len(ref), -1).argmax(1)))
    if exact:
        passed = bool(np.array_equal(got, ref))
    else:
        scale = max(1.0, float(np.max(np.abs(ref))))
        passed = bool(np.allclose(got, ref, rtol=1e-5, atol=1e-6 * scale)) and same_argmax
    return Check(level, against, diff, same_argmax, passed, "bit-exact" if exact else "rtol 1e-5")


def verify_build(build_dir: str | Path, progress: Callable[[str], None] = lambda message: None) -> list[Check]:
    """Run the checks on a build directory; the C-simulation only where the
    build has HLS code and a C++ compiler is there. ``progress`` hears of
    each level before it runs (and of the C-simulation's compile)."""
    from finnr.interpreter import run_batch
    from finnr.ir_io import load_ir

    d = Path(build_dir)
    progress("01-qnn.mlir, the reference")
    qnn = load_ir(d / "01-qnn.mlir")
    x = verification_inputs(d, qnn)
    (ref,) = run_batch(qnn, x)
    checks = []
    outputs = {}
    for level in LEVELS:
        if (d / level).is_file():
            progress(f"{level} against 01-qnn.mlir")
            (y,) = run_batch(load_ir(d / level), x)
            outputs[level] = y
            checks.append(_compare(level, "01-qnn.mlir", y, ref, exact=False))
    if (d / "hls").is_dir() and (d / "06-hls.mlir").is_file():
        from finnr.backends.hls_cpp.csim import find_compiler

        if find_compiler() is None:
            checks.append(Check("C-simulation", "04-folded.mlir", float("nan"), False, True, "skipped: no C++ compiler"))
        else:
            from finnr.backends.hls_cpp.csim import Simulator
            from finnr.flows.outdir import recording

            with recording(d, "finnr build --verify"):  # the compiled testbench, in hls/csim/
                sim = Simulator(load_ir(d / "06-hls.mlir"), d / "hls", progress=progress)
                sim.compile_all()
                progress("C-simulation against 04-folded.mlir")
                (y,) = sim.run_batch(x)
            checks.append(_compare("C-simulation", "04-folded.mlir", y, outputs["04-folded.mlir"], exact=True))
    return checks


def table(checks: list[Check]) -> str:
    lines = [f"{'level':<22}{'against':<16}{'max |diff|':>12}  {'argmax':<7}{'check':<11}result"]
    for c in checks:
        lines.append(
            f"{c.level:<22}{c.against:<16}{c.max_abs_diff:>12.3g}  {'same' if c.same_argmax else 'DIFF':<7}"
            f"{c.note:<11}{'pass' if c.passed else 'FAIL'}"
        )
    return "\n".join(lines)
