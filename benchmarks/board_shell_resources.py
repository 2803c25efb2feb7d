"""Benchmark: the ECP5 board shell's own resources, the facts of
``finnr/models/board_shell.py`` measured again.

    .venv/bin/python benchmarks/board_shell_resources.py [--work DIR]

The board top of ``finnr/backends/rtl/board.py`` (ULX3S: 25 MHz
oscillator, PLL to 100 MHz, 3 Mbaud) is generated around a black-box
accelerator for every receive-FIFO depth (16 to 32,768 bytes, 8-bit beats and rows)
and for wider beats (64 and 512 bits, in and out), longer rows and the
shells of tfc_2w2a and MobileNet, synthesized by yosys
``synth_ecp5 -nodsp`` and counted as nextpnr counts it
(``count_cells_ecp5``). Each row prints the measurement beside
``shell_resources``' prediction; the table in board_shell.py is the
measurement at 8-bit beats, the slopes come from the wider ones."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

from common import REPO
from finnr.backends.rtl import board
from finnr.backends.verilog import padded
from finnr.models.board_shell import BY_RX_DEPTH, shell_resources
from finnr.toolchains.synth import carry_chains, count_cells_ecp5, yosys_command

ACCEL = "accel_top"


def stub(w_in: int, w_out: int) -> str:
    """The accelerator as a black box with the partition top's ports."""
    return (f"(* blackbox *) module {ACCEL} (input wire ap_clk, input wire ap_rst_n,\n"
            f"  input wire [{padded(w_in) - 1}:0] s_axis_in0_tdata, input wire s_axis_in0_tvalid,\n"
            "  output wire s_axis_in0_tready,\n"
            f"  output wire [{padded(w_out) - 1}:0] m_axis_out0_tdata, output wire m_axis_out0_tvalid,\n"
            "  input wire m_axis_out0_tready);\nendmodule\n")


def shell_of(in_bytes: int, w_in: int, w_out: int, row_in: int, row_out: int) -> board.Shell:
    """The ULX3S shell of a partition whose input frame is ``in_bytes``
    bytes, whose beats are ``w_in``/``w_out`` bits and whose rows are
    ``row_in``/``row_out`` one-bit elements."""
    design = SimpleNamespace(top=ACCEL, inputs=[SimpleNamespace(width=w_in, port="s_axis_in0")],
                             outputs=[SimpleNamespace(width=w_out, port="m_axis_out0")])
    b = board.board_of("ulx3s-85f")
    p = board.pll(b.clock_mhz, 100.0)
    inp = board.Rows(row_in, 1, max(1, in_bytes // -(-row_in // 8)), w_in)
    out = board.Rows(row_out, 1, 4, w_out)
    return board.Shell(b, design, 100.0, p, board.uart_divider(p.fout_mhz, b.baud), inp, out)  # type: ignore[arg-type]


def measure(work: Path, name: str, in_bytes: int, w_in: int, w_out: int, row_in: int, row_out: int) -> dict:
    d = work / name
    d.mkdir(parents=True, exist_ok=True)
    shell = shell_of(in_bytes, w_in, w_out, row_in, row_out)
    (d / "board_top.v").write_text(board.board_top(shell))
    (d / "accel.v").write_text(stub(w_in, w_out))
    files = [str(board.LIB_DIR / f) for f in board.LIB_FILES] + ["accel.v", "board_top.v"]
    reads = "; ".join(f'read_verilog -defer -sv "{f}"' for f in files)
    script = f"{reads}; synth_ecp5 -top {board.TOP} -nodsp; tee -q -o stat.json stat -json; write_json net.json"
    subprocess.run([*yosys_command(), "-q", "-p", script], cwd=d, check=True, capture_output=True)
    cells = json.loads((d / "stat.json").read_text())["design"]["num_cells_by_type"]
    c = count_cells_ecp5(cells, carry_chains(json.loads((d / "net.json").read_text()), board.TOP))
    manifest = shell.to_json()
    return {"measured": {"LUT4": c["lut"], "FF": c["ff"], "EBR": c["bram18"], "MULT18": c["dsp"]},
            "predicted": shell_resources(manifest), "rx": manifest["rx_fifo_bytes"]}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--work", type=Path, default=REPO / "build" / "board_shell_resources")
    args = ap.parse_args()
    # input frames of depth / RX_FRAMES bytes: the receive FIFO of each depth
    cases = [(f"rx{depth}", max(1, depth // board.RX_FRAMES), 8, 8, 8, 8) for depth in BY_RX_DEPTH]
    cases += [(f"in{w}", 4, w, 8, w, 8) for w in (64, 512)] + [(f"out{w}", 4, 8, w, 8, w) for w in (64, 512)]
    cases += [("rows", 4, 8, 8, 1568, 160), ("tfc", 196, 2, 7, 1568, 70), ("mobilenet", 12288, 24, 8, 24, 184)]
    print(f"{'case':<10}{'rx bytes':>9}{'in':>5}{'out':>5}{'rows':>10}  {'LUT4 meas/pred':>16}{'FF meas/pred':>15}"
          f"{'EBR':>8}")
    worst = 0.0
    for name, in_bytes, w_in, w_out, row_in, row_out in cases:
        r = measure(args.work, name, in_bytes, w_in, w_out, row_in, row_out)
        m, p = r["measured"], r["predicted"]
        worst = max(worst, *(abs(p[k] / m[k] - 1) for k in ("LUT4", "FF") if m[k]))
        print(f"{name:<10}{r['rx']:>9}{w_in:>5}{w_out:>5}{f'{row_in}/{row_out}':>10}  {m['LUT4']:>7} / {p['LUT4']:<6}"
              f"{m['FF']:>7} / {p['FF']:<6}{m['EBR']:>3} / {p['EBR']:<3}", flush=True)
    print(f"largest LUT4/FF error: {100 * worst:.1f}%")
    return 0


if __name__ == "__main__":
    sys.exit(main())
