"""Devices of one's own: ``--device FILE.json`` in the form ``finnr devices
--json`` prints (the README's schema), a build with the README's example
file, and a clear error naming the field for every broken rule."""

from __future__ import annotations

import copy
import json

import pytest

from finnr.diagnostics import FinnrError
from finnr.driver.main import main
from finnr.models.devices import DEVICES, device_from_json, device_to_json, get_device, load_device_file
from test_api import readme_block


def test_every_builtin_round_trips_through_json():
    for d in DEVICES.values():
        assert device_from_json(json.loads(json.dumps(device_to_json(d)))) == d


def test_devices_json_lists_all_and_one_names_one(capsys):
    assert main(["devices", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [d["name"] for d in listed] == list(DEVICES)
    assert main(["devices", "kv260", "--json"]) == 0
    one = json.loads(capsys.readouterr().out)
    assert one == listed[list(DEVICES).index("kv260")]
    assert set(one) == {"name", "part", "family", "description", "resources", "clock_mhz", "dram_gbps", "host_link"}
    assert one["resources"] == {"lut": 117_120, "ff": 234_240, "bram18": 288, "uram": 64, "dsp": 1_248}
    assert main(["devices"]) == 0
    table = capsys.readouterr().out
    assert all(name in table for name in ("pynq-z2", "zcu102", "kv260", "u280", "u55c"))


def test_build_with_the_readme_device_file(tmp_path, capsys):
    board = tmp_path / "my_board.json"
    board.write_text(readme_block("Devices", "json"))
    out = tmp_path / "out"
    assert main(["build", "-o", str(out), "--device", str(board), "--target-fps", "100000", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)["report"]
    assert report["device"] == "my-zynq-board" and report["clock_mhz"] == 125
    assert "xc7z020clg484-1" in (out / "hls" / "dataflow_0.tcl").read_text()
    assert (out / "resources.png").is_file()


def test_a_copy_of_a_builtin_is_that_builtin_and_a_changed_one_needs_its_own_name(tmp_path):
    d = tmp_path / "z1.json"
    d.write_text(json.dumps(device_to_json(DEVICES["pynq-z1"])))
    assert get_device(str(d)) is not None and load_device_file(d) == DEVICES["pynq-z1"]
    changed = {**device_to_json(DEVICES["pynq-z1"]), "clock_mhz": 125}
    d.write_text(json.dumps(changed))
    with pytest.raises(FinnrError, match="field 'name': 'pynq-z1' is a built-in device with other figures"):
        load_device_file(d)


def _edit(**changes):
    def apply(data: dict) -> dict:
        data = copy.deepcopy(data)
        for path, value in changes.items():
            *outer, last = path.split("__")
            node = data
            for k in outer:
                node = node[k]
            if value is KeyError:
                del node[last]
            else:
                node[last] = value
        return data
    return apply


@pytest.mark.parametrize(("edit", "message"), [
    (_edit(part=KeyError), "the device lacks 'part'"),
    (_edit(clock_mzh=100), "unknown field 'clock_mzh' (did you mean 'clock_mhz'?)"),
    (_edit(resources__lut=-1), "field 'resources.lut' must be a positive integer, got -1"),
    (_edit(resources__dsp=1.5), "field 'resources.dsp' must be a non-negative integer, got 1.5"),
    (_edit(resources__bram=4), "unknown field 'resources.bram' (did you mean 'bram18'?)"),
    (_edit(family="spartan-6"), "field 'family' must be one of zynq-7000,"),
    (_edit(name="My Board"), "field 'name' must be a name of lower-case letters"),
    (_edit(host_link__in_bytes_per_s=0), "field 'host_link.in_bytes_per_s' must be a positive number, got 0"),
    (_edit(clock_mhz="fast"), "field 'clock_mhz' must be a positive number, got \"fast\""),
    (_edit(clock_mhz=True), "field 'clock_mhz' must be a positive number, got true"),
    (_edit(host_link=[1, 2]), "field 'host_link' must be a JSON object"),
])
def test_a_broken_device_file_names_the_field(tmp_path, capsys, edit, message):
    base = {**device_to_json(DEVICES["pynq-z1"]), "name": "my-board"}
    f = tmp_path / "board.json"
    f.write_text(json.dumps(edit(base)))
    assert main(["build", "-o", str(tmp_path / "out"), "--device", str(f), "--target-fps", "10"]) == 2
    err = capsys.readouterr().err
    assert f"{f}: {message}" in err and "Traceback" not in err
    assert not (tmp_path / "out").exists()


def test_a_missing_or_unreadable_device_file(tmp_path, capsys):
    assert main(["devices", str(tmp_path / "nope.json")]) == 2
    assert "nope.json: no such device file" in capsys.readouterr().err
    (tmp_path / "bad.json").write_text("{name: 1")
    assert main(["devices", str(tmp_path / "bad.json")]) == 2
    assert "bad.json: not JSON" in capsys.readouterr().err
