"""``finnr_fifo`` with PREFETCH (a FIFO deep enough for block RAM: the
memory read ahead into output registers, so that no block RAM output
drives logic in its cycle) against the plain FIFO, driven alike under
random valid/ready: every cycle the same TREADY, TVALID, data and
occupancy, so the beat-exact schedule (a beat offered the cycle after it
arrives) holds for both."""

from __future__ import annotations

from pathlib import Path

import pytest

from finnr.backends.rtl.sim import verilator_command
from finnr_testing.toolchains import run_lib_module

LIB = Path(__file__).parents[1] / "finnr" / "backends" / "rtl" / "lib"

TOP = """
`default_nettype none
module fifo_pair #(parameter integer WIDTH = 8, parameter integer DEPTH = 80) (
  input wire ap_clk, input wire ap_rst_n,
  input wire [WIDTH-1:0] in_tdata, input wire in_tvalid,
  output wire rdy_a, output wire rdy_b,
  output wire [WIDTH-1:0] d_a, output wire [WIDTH-1:0] d_b,
  output wire v_a, output wire v_b, input wire out_tready,
  output wire [$clog2(DEPTH):0] n_a, output wire [$clog2(DEPTH):0] n_b);
  finnr_fifo #(.WIDTH(WIDTH), .DEPTH(DEPTH), .PREFETCH(0)) a (.ap_clk(ap_clk), .ap_rst_n(ap_rst_n),
    .in_tdata(in_tdata), .in_tvalid(in_tvalid), .in_tready(rdy_a), .out_tdata(d_a), .out_tvalid(v_a),
    .out_tready(out_tready));
  finnr_fifo #(.WIDTH(WIDTH), .DEPTH(DEPTH), .PREFETCH(1)) b (.ap_clk(ap_clk), .ap_rst_n(ap_rst_n),
    .in_tdata(in_tdata), .in_tvalid(in_tvalid), .in_tready(rdy_b), .out_tdata(d_b), .out_tvalid(v_b),
    .out_tready(out_tready));
  assign n_a = a.count;
  assign n_b = b.count;
endmodule
"""

DRIVER = r"""
#include <cstdio>
#include "Vfifo_pair.h"
int main() {
  Vfifo_pair m;
  unsigned seed = 11, moved = 0, differ = 0, full = 0, backlog = 0;
  auto rnd = [&]() { seed = seed * 1103515245u + 12345u; return (seed >> 16) & 0x7fff; };
  m.ap_clk = 0; m.ap_rst_n = 0; m.in_tvalid = 0; m.out_tready = 0; m.eval();
  for (int c = 0; c < 3; ++c) { m.ap_clk = 1; m.eval(); m.ap_clk = 0; m.eval(); }
  m.ap_rst_n = 1;
  for (int c = 0; c < 20000; ++c) {
    // phases: bursts in, bursts out, both random, so the FIFO fills, drains and streams
    int phase = (c / 500) % 4;
    int pin = phase == 0 ? 95 : phase == 1 ? 20 : phase == 2 ? 60 : 100;
    int pout = phase == 0 ? 20 : phase == 1 ? 95 : phase == 2 ? 60 : 100;
    m.in_tvalid = rnd() % 100 < pin;
    m.in_tdata = rnd() & 0xff;
    m.out_tready = rnd() % 100 < pout;
    m.eval();
    if (m.rdy_a != m.rdy_b || m.v_a != m.v_b || (m.v_a && m.d_a != m.d_b) || m.n_a != m.n_b) ++differ;
    if (m.v_a && m.out_tready) ++moved;
    if (!m.rdy_a) ++full;
    if (m.n_a > 8) ++backlog;
    m.ap_clk = 1; m.eval(); m.ap_clk = 0; m.eval();
  }
  printf("moved=%u differ=%u full=%u backlog=%u\n", moved, differ, full, backlog);
  return 0;
}
"""


@pytest.mark.skipif(verilator_command() is None, reason="Verilator is not installed")
@pytest.mark.parametrize("depth", [80, 128])
def test_prefetch_fifo_is_the_plain_fifo_cycle_for_cycle(tmp_path, depth):
    (tmp_path / "fifo_pair.v").write_text(TOP)
    out = run_lib_module(tmp_path, [LIB / "finnr_fifo.v", tmp_path / "fifo_pair.v"], "fifo_pair", DRIVER,
                         {"DEPTH": depth})
    stats = {k: int(v) for k, v in (kv.split("=") for kv in out.split())}
    assert stats["differ"] == 0, out
    # the run exercised what matters: many beats, a full FIFO, a backlog in the memory
    assert stats["moved"] > 5000 and stats["full"] > 100 and stats["backlog"] > 1000, out
