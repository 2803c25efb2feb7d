"""Output directories never lose a user's file (finnr.flows.outdir): finnr
writes only its own files into DIR, recorded in DIR/.finnr-build.json,
replaces its own earlier outputs, refuses a DIR holding anything else
(exit 2) unless --force, and even then never deletes, replaces or writes
through what it did not write (symbolic links included)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from finnr.diagnostics import FinnrError
from finnr.driver.main import main
from finnr.flows import outdir
from finnr.flows.outdir import MARKER

REFUSED = "is not empty and not a finnr build; choose another or pass --force"


def build(out, *extra) -> int:
    """The bundled example, imported only (about a second)."""
    return main(["build", "-o", str(out), "--stop-after", "import", *map(str, extra)])


def tree(d: Path) -> dict[str, str]:
    """Every file and link under ``d`` (not followed) with its content or target."""
    out = {}
    for root, dirs, files in os.walk(d):
        for name in dirs + files:
            p = Path(root) / name
            rel = str(p.relative_to(d))
            if p.is_symlink():
                out[rel] = "-> " + os.readlink(p)
            elif p.is_file():
                out[rel] = p.read_bytes().hex()[:64]
    return out


def marker(d: Path) -> dict:
    return json.loads((d / MARKER).read_text())


@pytest.fixture
def user_dir(tmp_path) -> Path:
    """A folder of the user's: a training script and a data folder."""
    d = tmp_path / "project"
    (d / "data").mkdir(parents=True)
    (d / "train.py").write_text("print('training')\n")
    (d / "data" / "x.csv").write_text("1,2\n")
    return d


# --- refusing a folder of the user's -------------------------------------------------


def test_a_folder_with_a_users_file_is_refused(user_dir, capsys):
    before = tree(user_dir)
    assert build(user_dir) == 2
    err = capsys.readouterr().err
    assert f"finnr: error: {user_dir} {REFUSED}" in err
    assert "it holds data/, train.py" in err
    assert "finnr build [1/" not in err  # refused before the first stage
    assert tree(user_dir) == before
    assert sorted(p.name for p in user_dir.parent.iterdir()) == ["project"]  # no staging left beside it


def test_dot_in_a_folder_with_a_users_file_is_refused(user_dir, monkeypatch, capsys):
    """`-o .` once printed `internal error: OSError ... '.'` and left the folder empty."""
    monkeypatch.chdir(user_dir)
    before = tree(user_dir)
    assert build(".") == 2
    err = capsys.readouterr().err
    assert REFUSED in err and "internal error" not in err
    assert str(user_dir) in err  # '.' spelled out
    assert tree(user_dir) == before


def test_dot_in_an_empty_folder_builds_there(tmp_path, monkeypatch):
    d = tmp_path / "empty"
    d.mkdir()
    monkeypatch.chdir(d)
    assert build(".") == 0
    assert sorted(p.name for p in d.iterdir()) == [MARKER, "01-qnn.mlir", "example.onnx", "example_input.npy"]
    assert sorted(marker(d)["files"]) == ["01-qnn.mlir", "example.onnx", "example_input.npy"]
    assert build(".", "--stop-after", "streamline") == 0  # a finnr build now: replaced without --force
    assert (d / "02-streamlined.mlir").is_file()


def test_an_unreadable_marker_does_not_make_a_finnr_build(user_dir, capsys):
    (user_dir / MARKER).write_text("{not json")
    assert build(user_dir) == 2
    assert REFUSED in capsys.readouterr().err


def test_a_file_as_output_directory_is_refused(tmp_path, capsys):
    (tmp_path / "afile").write_text("mine")
    assert build(tmp_path / "afile") == 2
    assert "afile: exists and is not a directory" in capsys.readouterr().err
    assert (tmp_path / "afile").read_text() == "mine"


# --- --force ---------------------------------------------------------------------------


def test_force_writes_beside_the_users_files_and_never_deletes_them(user_dir):
    before = tree(user_dir)
    assert build(user_dir, "--force", "--stop-after", "streamline") == 0
    assert (user_dir / "02-streamlined.mlir").is_file()
    assert sorted(marker(user_dir)["files"]) == ["01-qnn.mlir", "02-streamlined.mlir", "example.onnx",
                                                 "example_input.npy"]
    # still not a finnr build (the user's files are there): refused without --force
    assert build(user_dir) == 2
    # a rebuild with --force replaces finnr's files (02 goes) and keeps the user's
    assert build(user_dir, "--force") == 0
    assert not (user_dir / "02-streamlined.mlir").exists()
    after = tree(user_dir)
    assert {k: v for k, v in after.items() if k in before} == before
    assert sorted(set(after) - set(before)) == [MARKER, "01-qnn.mlir", "example.onnx", "example_input.npy"]


def test_force_refuses_to_replace_a_file_finnr_did_not_write(user_dir, capsys):
    (user_dir / "01-qnn.mlir").write_text("the user's own IR")
    assert build(user_dir, "--force") == 2
    err = capsys.readouterr().err
    assert f"{user_dir / '01-qnn.mlir'}: exists and finnr did not write it" in err
    assert "finnr build [1/" not in err
    assert (user_dir / "01-qnn.mlir").read_text() == "the user's own IR"
    assert not (user_dir / MARKER).exists()


# --- rebuilding into a finnr build directory -------------------------------------------


def test_rebuilding_replaces_finnrs_earlier_outputs(tmp_path):
    out = tmp_path / "out"
    assert build(out, "--stop-after", "dataflow") == 0
    assert (out / "03-dataflow.mlir").is_file()
    assert build(out) == 0  # import only: the later stages' files go
    assert sorted(p.name for p in out.iterdir()) == [MARKER, "01-qnn.mlir", "example.onnx", "example_input.npy"]
    assert marker(out)["written_by"] == "finnr build"


def test_a_file_added_to_a_build_makes_it_the_users(tmp_path, capsys):
    out = tmp_path / "out"
    assert build(out) == 0
    (out / "notes.txt").write_text("mine")
    assert build(out) == 2
    assert "it holds notes.txt" in capsys.readouterr().err
    assert build(out, "--force") == 0
    assert (out / "notes.txt").read_text() == "mine"


def test_outputs_written_into_a_build_are_finnrs(tmp_path, capsys):
    """`finnr run -o DIR/y.npy` into a build records y.npy as finnr's: the
    next build replaces it instead of refusing the directory."""
    out = tmp_path / "out"
    assert build(out) == 0
    assert main(["run", str(out / "example.onnx"), "--input", str(out / "example_input.npy"),
                 "-o", str(out / "y.npy")]) == 0
    assert "y.npy" in marker(out)["files"]
    assert build(out) == 0
    assert not (out / "y.npy").exists()


def test_a_failed_rebuild_keeps_the_previous_build(tmp_path, capsys):
    out = tmp_path / "out"
    assert build(out) == 0
    before = tree(out)
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"MVAU_hls_0": {"PE": 3, "SIMD": 1}}))
    assert main(["build", "-o", str(out), "--folding-config", str(bad)]) == 2
    assert "does not fit dataflow.mvau" in capsys.readouterr().err
    assert tree(out) == before  # not even a staging directory left inside


# --- symbolic links: never followed for deletion, never written through ---------------


@pytest.fixture
def outside(tmp_path) -> Path:
    d = tmp_path / "outside"
    d.mkdir()
    (d / "precious.txt").write_text("keep me")
    (d / "01-qnn.mlir").write_text("not finnr's")
    return d


def test_a_symlink_inside_dir_is_the_users(tmp_path, outside, capsys):
    out = tmp_path / "out"
    assert build(out) == 0
    (out / "link").symlink_to(outside)
    assert build(out) == 2
    assert "it holds link" in capsys.readouterr().err
    assert build(out, "--force") == 0
    assert (out / "link").is_symlink() and tree(outside) == {"precious.txt": b"keep me".hex(),
                                                             "01-qnn.mlir": b"not finnr's".hex()}


def test_a_symlink_in_place_of_finnrs_file_is_never_written_through(tmp_path, outside, capsys):
    out = tmp_path / "out"
    assert build(out) == 0
    (out / "01-qnn.mlir").unlink()
    (out / "01-qnn.mlir").symlink_to(outside / "01-qnn.mlir")
    assert build(out, "--force") == 2
    assert "01-qnn.mlir: exists and finnr did not write it" in capsys.readouterr().err
    assert (out / "01-qnn.mlir").is_symlink()
    assert (outside / "01-qnn.mlir").read_text() == "not finnr's"


def test_a_symlinked_directory_in_place_of_finnrs_is_never_followed(tmp_path, outside):
    """The marker lists hls/x.cpp; the user replaced hls/ by a link to a
    folder holding an x.cpp of theirs: removing finnr's files must not reach it."""
    out = tmp_path / "out"
    (outside / "x.cpp").write_text("user code")
    staging = tmp_path / "staged"
    (staging / "hls").mkdir(parents=True)
    (staging / "hls" / "x.cpp").write_text("finnr code")
    outdir.install(staging, out, "test")
    assert marker(out)["files"] == ["hls/x.cpp"]
    (out / "hls" / "x.cpp").unlink()
    (out / "hls").rmdir()
    (out / "hls").symlink_to(outside)
    again = tmp_path / "again"
    (again / "hls").mkdir(parents=True)
    (again / "hls" / "x.cpp").write_text("finnr code 2")
    with pytest.raises(FinnrError, match="hls: exists and finnr did not write it"):
        outdir.install(again, out, "test")
    assert (outside / "x.cpp").read_text() == "user code"


def test_a_symlink_inside_finnrs_directory_survives_a_rebuild(tmp_path, outside):
    out = tmp_path / "out"
    for content in ("one", "two"):
        staging = tmp_path / f"staged-{content}"
        (staging / "hls").mkdir(parents=True)
        (staging / "hls" / "x.cpp").write_text(content)
        if content == "one":
            outdir.install(staging, out, "test")
            (out / "hls" / "mine").symlink_to(outside)
            assert outdir.foreign(out, outdir.read_marker(out)) == ["hls/mine"]
        else:
            outdir.install(staging, out, "test")
    assert (out / "hls" / "x.cpp").read_text() == "two"
    assert (out / "hls" / "mine").is_symlink() and (outside / "precious.txt").read_text() == "keep me"


# --- commands that add to a build: recorded, so the next build replaces them ----------


def test_recording_claims_new_files_and_directories_and_removal_spares_links(tmp_path, outside):
    out = tmp_path / "out"
    staging = tmp_path / "staged"
    (staging / "hls").mkdir(parents=True)
    (staging / "hls" / "x.cpp").write_text("code")
    outdir.install(staging, out, "finnr build")
    with outdir.recording(out, "finnr synth"):
        (out / "synth.json").write_text("{}")
        (out / "synth" / "deep").mkdir(parents=True)
        (out / "synth" / "deep" / "a.log").write_text("log")
        (out / "synth" / "link").symlink_to(outside)  # a link inside a tree finnr owns
        (out / "hls" / "x.o").write_text("object")
    m = marker(out)
    assert m["written_by"] == "finnr build"
    assert sorted(m["files"]) == ["hls/x.cpp", "hls/x.o", "synth.json"]
    assert m["directories"] == ["synth"]
    assert outdir.foreign(out, outdir.read_marker(out)) == []
    again = tmp_path / "again"
    again.mkdir()
    (again / "report.json").write_text("{}")
    outdir.install(again, out, "finnr build")
    assert sorted(p.name for p in out.iterdir()) == [MARKER, "report.json"]
    assert tree(outside) == {"precious.txt": b"keep me".hex(), "01-qnn.mlir": b"not finnr's".hex()}


def test_check_free_refuses_a_users_file_before_a_command_writes(tmp_path):
    d = tmp_path / "build"
    d.mkdir()
    (d / "synth.json").write_text("the user's")
    with pytest.raises(FinnrError, match="synth.json: exists and finnr did not write it"):
        outdir.check_free(d, ["synth.json", "synth"])
    outdir.check_free(d, ["rtlsim.json"])  # absent: free


def test_build_verify_records_the_c_simulation(tmp_path, capsys):
    """`--verify` compiles the testbench into DIR/hls/csim/: recorded, so
    that the directory is still a finnr build afterwards."""
    from finnr.backends.hls_cpp.csim import find_compiler

    if find_compiler() is None:
        pytest.skip("no C++ compiler")
    out = tmp_path / "out"
    assert main(["build", "-o", str(out), "--target-fps", "1000", "--verify", "--quiet"]) == 0
    assert any(f.startswith("hls/csim/") and f.endswith(".o") for f in marker(out)["files"])
    assert outdir.foreign(out, outdir.read_marker(out)) == []
    assert build(out) == 0
    assert not (out / "hls").exists()


# --- dse and study -------------------------------------------------------------------


def test_dse_refuses_a_users_folder_before_exploring(user_dir, tmp_path, capsys):
    import onnx

    from finnr.examples import tfc_w2a2_example

    model = tmp_path / "m.onnx"
    onnx.save(tfc_w2a2_example(), model)
    before = tree(user_dir)
    assert main(["dse", str(model), "-o", str(user_dir), "--quiet"]) == 2
    assert REFUSED in capsys.readouterr().err
    assert tree(user_dir) == before


def test_study_refuses_a_users_folder_before_training(user_dir, capsys):
    before = tree(user_dir)
    assert main(["study", "-o", str(user_dir)]) == 2
    assert REFUSED in capsys.readouterr().err
    assert tree(user_dir) == before


def test_the_docs_folder_is_a_study_result_with_other_files():
    """`make study` writes into docs/ with --force: its marker lists the
    study's files, so they are replaced and the other documents kept."""
    docs = Path(__file__).resolve().parents[1] / "docs"
    owned = outdir.read_marker(docs)
    assert owned is not None and owned.files == {"study.md", "study.json", "study.png"}
    assert "prediction_accuracy.md" in outdir.foreign(docs, owned)
    outdir.check_free(docs, ["study.md", "study.json", "study.png"])

