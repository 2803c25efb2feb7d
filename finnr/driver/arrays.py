"""The input batches and outputs of ``finnr run``, ``csim`` and ``rtlsim``:
.npy files in, .npy/.npz files or printed arrays out, and a warning when
the inputs lie outside what the model's input quantizer covers."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np

from finnr.diagnostics import FinnrError, warning

OUTPUT_SUFFIXES = (".npy", ".npz")


def load_batch(path: str) -> np.ndarray:
    """The input batch of a .npy file."""
    try:
        return np.load(path, allow_pickle=False)
    except (OSError, ValueError) as e:
        raise FinnrError(f"{path}: not a readable .npy file ({e})") from None


def check_output_path(path: str | None) -> None:
    """Before any work: ``-o`` names a .npy or .npz file in a directory
    that exists."""
    if path is None:
        return
    p = Path(path)
    if p.suffix.lower() not in OUTPUT_SUFFIXES:
        raise FinnrError(f"{path}: the output file must end in .npy (one output) or .npz (any number of outputs)")
    if not p.parent.is_dir():
        raise FinnrError(f"{path}: cannot write: {p.parent} is not a directory")
    if p.is_dir():
        raise FinnrError(f"{path}: is a directory")


def save_or_print(outputs: list[np.ndarray], path: str | None) -> None:
    """Save the outputs to exactly ``path``: one output as .npy, any number
    as .npz (numpy's names: ``arr_0``, ``arr_1``, ...); or print them all.
    A file written into a finnr build directory is recorded as finnr's."""
    from finnr.flows.outdir import claim

    if path is None:
        with np.printoptions(precision=6, suppress=True, threshold=10_000):
            for i, y in enumerate(outputs):
                print(f"output #{i}: shape {list(y.shape)}")
                print(y)
        return
    check_output_path(path)
    npz = Path(path).suffix.lower() == ".npz"
    if not npz and len(outputs) != 1:
        raise FinnrError(f"{path}: the model has {len(outputs)} outputs; save them to a .npz file")
    tmp = f"{path}.tmp-{os.getpid()}"
    try:
        with open(tmp, "wb") as f:  # a file object: numpy adds no suffix to it
            if npz:
                np.savez(f, *outputs)
            else:
                np.save(f, outputs[0])
        os.replace(tmp, path)
    except OSError as e:
        Path(tmp).unlink(missing_ok=True)
        raise FinnrError(f"{path}: cannot write ({e.strerror})") from None
    claim(path)


def _scalar(value) -> float | None:
    """The number a ``qnn.constant`` of one element holds (else None)."""
    from finnr.dialects import qnn

    op = value.owner
    if isinstance(op, qnn.ConstantOp):
        c = op.numpy()
        if c.size == 1:
            return float(c.reshape(()))
    return None


def _quantizer_range(op, value) -> tuple[float, float, float, str] | None:
    """(lowest level, highest level, step, what) of a quantizer reading ``value``."""
    from finnr.dialects import qnn
    from finnr.dialects.utils import numpy_from_dense
    from finnr.interpreter.numeric import int_range

    if isinstance(op, qnn.QuantOp):
        bits, signed = op.bitwidth.value.data, bool(op.signed.value.data)
        lo_int, hi_int = int_range(bits, signed, bool(op.narrow.value.data))
        scale = numpy_from_dense(op.scale).astype(np.float64)
        zero = numpy_from_dense(op.zeropt).astype(np.float64)
        step = float(np.max(scale))
        kind = f"{'signed' if signed else 'unsigned'} {bits}-bit, scale {step:.4g}"
        return float(np.min((lo_int - zero) * scale)), float(np.max((hi_int - zero) * scale)), step, kind
    if isinstance(op, qnn.BipolarQuantOp):
        scale = float(np.max(numpy_from_dense(op.scale)))
        return -scale, scale, 2 * scale, f"bipolar, scale {scale:.4g}"
    if isinstance(op, qnn.MultiThresholdOp) and op.input is value and isinstance(op.thresholds.owner, qnn.ConstantOp):
        t = op.thresholds.owner.numpy().astype(np.float64)
        if t.shape[-1] < 2:
            return None
        lo, hi = t[:, 0] - (t[:, 1] - t[:, 0]) / 2, t[:, -1] + (t[:, -1] - t[:, -2]) / 2
        return float(np.min(lo)), float(np.max(hi)), float(np.max(np.diff(t, axis=-1))), f"{t.shape[-1]} thresholds"
    return None


def _expected_range(module, func: str | None) -> tuple[float, float, float, str] | None:
    """(low, high, step, what): the range of inputs the first quantizer on
    the entry function's input distinguishes, and its step, in units of the
    input: followed through shape-only ops and the affine preprocessing of
    an export (``x * 2 - 1``: multiplications, divisions, additions and
    subtractions of a constant number). The quantizer: a ``qnn.quant`` (its
    integer range times its scale), a ``qnn.bipolar_quant`` (plus or minus
    its scale) or, in streamlined IR, a ``qnn.multithreshold`` (half a step
    beyond its first and last thresholds). None when the input meets none."""
    from finnr.dialects import qnn
    from finnr.interpreter import entry_function

    fn = entry_function(module, func)
    value = fn.args[0] if len(fn.args) == 1 else None
    a, b = 1.0, 0.0  # the input = a * value + b
    while value is not None and value.uses.get_length() == 1:
        op = next(iter(value.uses)).operation
        found = _quantizer_range(op, value)
        if found is not None:
            lo, hi, step, kind = found
            ends = sorted((a * lo + b, a * hi + b))
            what = "its input quantizer" if isinstance(op, qnn.QuantOp | qnn.BipolarQuantOp) else "its input"
            return ends[0], ends[1], abs(a) * step, f"{what}: {kind}"
        if isinstance(op, qnn.ReshapeOp | qnn.TransposeOp):
            value = op.results[0]
            continue
        if not isinstance(op, qnn.AddOp | qnn.SubOp | qnn.MulOp | qnn.DivOp):
            return None
        first = op.lhs is value
        c = _scalar(op.rhs if first else op.lhs)
        if c is None or (isinstance(op, qnn.MulOp | qnn.DivOp) and c == 0) or (isinstance(op, qnn.DivOp) and not first):
            return None
        if isinstance(op, qnn.MulOp):
            a /= c
        elif isinstance(op, qnn.DivOp):
            a *= c
        elif isinstance(op, qnn.AddOp):
            b -= a * c
        elif first:  # value - c
            b += a * c
        else:  # c - value
            a, b = -a, b + a * c
        value = op.result
    return None


def warn_on_input_range(module, x: np.ndarray, func: str | None = None) -> None:
    """Warn when ``x`` lies outside the range of the model's input quantizer
    by more than a step and 5% of the range (values beyond it are clipped:
    e.g. images of 0..255 given to a model trained on [0, 1])."""
    found = _expected_range(module, func)
    x = np.asarray(x)
    if found is None or x.size == 0 or not np.issubdtype(x.dtype, np.number):
        return
    lo, hi, step, what = found
    slack = step + 0.05 * (hi - lo)
    xmin, xmax = float(np.min(x)), float(np.max(x))
    if xmin < lo - slack or xmax > hi + slack:
        hint = "; 8-bit images divided by 255?" if xmin >= 0 and 10 * max(hi, 1.0) < xmax <= 255 else ""
        warning(f"the input values span [{xmin:g}, {xmax:g}], but the model expects [{lo:.4g}, {hi:.4g}] ({what}); "
                f"values beyond it are clipped (scale the input as the model was trained{hint})")
