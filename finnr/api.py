"""finnr's Python API: build a model into a folded dataflow accelerator and
use the build from Python, as ``finnr build``, ``run``, ``csim`` and
``rtlsim`` do on the command line.

>>> import finnr
>>> with finnr.build("model.onnx", device="pynq-z1", target_fps=3000) as b:  # doctest: +SKIP
...     print(b.fps, b.report["total"]["lut"])
...     y = b.csim(x)

:func:`build` runs :func:`finnr.flows.build.run_build` (the flow of
``finnr build``, every option checked before the first stage) and returns
a :class:`Build`; :func:`load` opens an earlier build directory as the same
:class:`Build`; :func:`devices` is the device database. Every mistake of
the caller is a :class:`finnr.diagnostics.FinnrError`.
"""

from __future__ import annotations

import dataclasses
import json
import shutil
import tempfile
import weakref
from pathlib import Path
from typing import Any

import numpy as np

from finnr.defaults import DEFAULT_BACKEND, DEFAULT_DEVICE
from finnr.diagnostics import FinnrError

STAGE_FILES = {
    "import": "01-qnn.mlir",
    "streamline": "02-streamlined.mlir",
    "dataflow": "03-dataflow.mlir",
    "folding": "04-folded.mlir",
    "estimate": "05-estimated.mlir",
    "hls": "06-hls.mlir",
}
"""The IR a build writes after each stage (:meth:`Build.ir`)."""


class Build:
    """A build directory of ``finnr build``: its report, folding and IR, and
    the model run in the interpreter, in C-simulation or in RTL simulation.

    A build made by :func:`build` without ``output_dir`` lives in a
    temporary directory that this object owns: :meth:`close` (or leaving a
    ``with`` block, or garbage collection) removes it. A build of a given
    directory, or one opened by :func:`load`, is never removed."""

    def __init__(self, output_dir: str | Path, *, _owned: Path | None = None):
        self.output_dir = Path(output_dir)
        self._cleanup = weakref.finalize(self, shutil.rmtree, _owned, True) if _owned is not None else None

    def __repr__(self) -> str:
        return f"<finnr.Build {self.output_dir}>"

    # --- lifetime -----------------------------------------------------------

    def close(self) -> None:
        """Remove the build's temporary directory (if it owns one)."""
        if self._cleanup is not None:
            self._cleanup()

    def __enter__(self) -> Build:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _file(self, name: str, what: str) -> Path:
        if self._cleanup is not None and not self._cleanup.alive:
            raise FinnrError("this finnr.Build is closed (its temporary directory is gone)")
        p = self.output_dir / name
        if not p.exists():
            raise FinnrError(f"{self.output_dir}: no {name} ({what})")
        return p

    # --- results ------------------------------------------------------------

    @property
    def report(self) -> dict:
        """What ``report.json`` holds: per layer its folding, cycles and
        resources; totals, utilization, ``fps``, latency, ``fits``, ..."""
        return json.loads(self._file("report.json", "the build stopped before the estimate").read_text())

    @property
    def fps(self) -> float:
        """The estimated frames per second (``report["fps"]``)."""
        return float(self.report["fps"])

    @property
    def folding(self) -> dict:
        """The folding in FINN's format (``folding_config.json``): layer name
        -> PE, SIMD, memory style, ..."""
        return json.loads(self._file("folding_config.json", "the build stopped before the folding, or it is "
                                     "a multi-layer-offload design").read_text())

    def ir(self, stage: str = "estimate"):
        """The xDSL module the build wrote after ``stage`` (one of
        ``import``, ``streamline``, ``dataflow``, ``folding``, ``estimate``,
        ``hls``; or an IR file name such as ``04-folded.mlir``); ``str()``
        of it is the text."""
        from finnr.ir_io import load_ir

        name = STAGE_FILES.get(stage, stage)
        if name not in STAGE_FILES.values():
            raise FinnrError(f"unknown stage '{stage}' (stages: {', '.join(STAGE_FILES)})")
        return load_ir(self._file(name, f"the build did not run the stage '{stage}'"))

    def _last_ir(self) -> str:
        for name in reversed(list(STAGE_FILES.values())[:5]):
            if (self.output_dir / name).is_file():
                return name
        return self._file("01-qnn.mlir", "not a finnr build").name

    # --- running it ---------------------------------------------------------

    def run(self, x, stage: str | None = None, *, func: str | None = None):
        """The model on the batch ``x`` (N, ...) in the reference interpreter,
        at ``stage`` (default: the last dataflow level the build wrote, the
        folded design); one output as an array, several as a list."""
        from finnr.interpreter import run_batch

        module = self.ir(stage or self._last_ir())
        return _outputs(run_batch(module, _batch(x, module, func), func))

    def csim(self, x, *, func: str | None = None):
        """The model on ``x`` with its accelerator C-simulated (g++; the
        testbench compiles once, into ``hls/csim/``), bit-exact with
        :meth:`run`. Needs a build of the ``hls`` backend to the last stage."""
        from finnr.backends.hls_cpp.csim import Simulator
        from finnr.flows.outdir import recording

        why = "C-simulation needs a build of the hls backend to the last stage (backend='hls', stop_after='hls')"
        self._file(STAGE_FILES["hls"], why)
        self._file("hls", why)
        module = self.ir("hls")
        with recording(self.output_dir, "finnr.Build.csim"):
            return _outputs(Simulator(module, self.output_dir / "hls").run_batch(_batch(x, module, func), func))

    def rtlsim(self, x, *, func: str | None = None):
        """The model on ``x`` with its accelerator simulated cycle by cycle
        from finnr's own RTL (Verilator; built once and cached). Needs a
        build with ``backend="rtl"``; the measurements land in
        :attr:`rtlsim_report`."""
        from finnr.backends.rtl.sim import RtlSimulator, combine, run_simulated
        from finnr.driver.commands.rtlsim import load_build
        from finnr.flows.outdir import recording

        module, designs, manifest = load_build(self.output_dir)
        clock = float(manifest.get("clock_mhz", 100.0))
        with recording(self.output_dir, "finnr.Build.rtlsim"):
            sims = {des.partition: RtlSimulator(module, self.output_dir / "rtl", des, p["files"], clock)
                    for des, p in zip(designs, manifest["partitions"])}
            outputs = run_simulated(module, sims, _batch(x, module, func), func)
        self.rtlsim_report = combine([s.report for s in sims.values()], [])
        return _outputs(outputs)


def _batch(x, module, func: str | None) -> np.ndarray:
    from finnr.driver.arrays import warn_on_input_range

    batch = np.asarray(x)
    warn_on_input_range(module, batch, func)
    return batch


def _outputs(outputs: list[np.ndarray]):
    return outputs[0] if len(outputs) == 1 else outputs


_FIXED = {"model", "output", "device", "target_fps", "maximize", "backend"}
"""The options of :class:`finnr.flows.build.BuildOptions` that :func:`build` names."""


def build(model, device: str = DEFAULT_DEVICE, target_fps: float | None = None, maximize: bool = False,
          output_dir: str | Path | None = None, backend: str = DEFAULT_BACKEND, **options: Any) -> Build:
    """Compile ``model`` (a .onnx path or an ``onnx.ModelProto``) for
    ``device`` (a name of :func:`devices` or a device .json file) into a
    folded dataflow accelerator: the cheapest folding reaching
    ``target_fps``, the fastest that fits with ``maximize=True``, or
    ``folding_config="cfg.json"``; ``backend`` "hls" (HLS C++, C-simulation)
    or "rtl" (finnr's own RTL, RTL simulation).

    ``options`` are the other options of ``finnr build`` by their Python
    names: ``folding_config``, ``stop_after`` (default "hls", the whole
    flow), ``utilization``, ``heuristic``, ``arch``, ``fifo_depth``,
    ``fifo_depths``, ``input_datatype``, ``input_scale``, ``force``, ``cost_model``.

    With ``output_dir`` the build is written there (as ``finnr build -o``
    does: a new or empty directory, or an earlier finnr build); without it,
    into a temporary directory that the returned :class:`Build` owns."""
    import onnx

    from finnr.flows.build import BuildOptions, run_build

    known = {f.name for f in dataclasses.fields(BuildOptions)} - _FIXED
    unknown = sorted(set(options) - known)
    if unknown:
        raise FinnrError(f"finnr.build: unknown option(s) {', '.join(unknown)} (options: {', '.join(sorted(known))})")
    options.setdefault("stop_after", "hls")
    work = Path(tempfile.mkdtemp(prefix="finnr-build-"))
    try:
        if isinstance(model, onnx.ModelProto):
            path = work / "model.onnx"
            onnx.save(model, path)
        elif isinstance(model, str | Path):
            path = Path(model)
        else:
            raise FinnrError(f"finnr.build: model must be a .onnx path or an onnx.ModelProto, not {type(model).__name__}")
        out = Path(output_dir) if output_dir is not None else work / "build"
        run_build(BuildOptions(model=str(path), output=str(out), device=device, target_fps=target_fps,
                               maximize=maximize, backend=backend, **options))
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    if output_dir is not None:
        shutil.rmtree(work, ignore_errors=True)
        return Build(out)
    return Build(out, _owned=work)


def load(output_dir: str | Path) -> Build:
    """The :class:`Build` in ``output_dir``, a directory that ``finnr build``
    (or :func:`build`) wrote; it is never removed by the object."""
    d = Path(output_dir)
    if not (d / STAGE_FILES["import"]).is_file():
        raise FinnrError(f"{d}: not a finnr build directory (no {STAGE_FILES['import']}; build it with `finnr build`)")
    return Build(d)


def devices() -> dict:
    """The built-in devices by name (:class:`finnr.models.devices.Device`:
    part, family, resources, clock, bandwidths; ``device_to_json`` gives the
    JSON form that a device file of one's own takes)."""
    from finnr.models.devices import DEVICES

    return dict(DEVICES)
