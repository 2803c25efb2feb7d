"""The Python API (finnr.api): the README's example as written there, a
build's lifetime (a temporary directory owned and removed; a given or
loaded one never), its accessors, and the caller's mistakes as
FinnrError."""

from __future__ import annotations

import gc
import re
from pathlib import Path

import numpy as np
import onnx
import pytest

import finnr
from finnr.diagnostics import FinnrError
from finnr.examples import example_input, tfc_w2a2_example

README = Path(__file__).resolve().parents[1] / "README.md"


def readme_block(section: str, language: str) -> str:
    """The first ```language block under the README heading ``section``."""
    text = README.read_text()
    start = text.index(f"### {section}\n")
    end = text.find("\n### ", start + 1)
    blocks = re.findall(rf"```{language}\n(.*?)```", text[start:end if end > 0 else None], re.S)
    assert blocks, f"no {language} block in the README section {section}"
    return blocks[0]


def needs_csim():
    from finnr.backends.hls_cpp.csim import ap_types_dir, find_compiler

    if find_compiler() is None:
        pytest.skip("no C++ compiler")
    try:
        ap_types_dir()
    except FinnrError:
        pytest.skip("no ap_int headers")


def test_readme_example_runs(capsys):
    needs_csim()
    exec(compile(readme_block("Python API", "python"), "README.md", "exec"), {"__name__": "readme"})
    out = capsys.readouterr().out
    assert re.search(r"^[\d,]+ FPS, \d+ LUT on pynq-z1$", out, re.M)
    assert "folding of the first layer: {'PE':" in out
    assert "['aws-f1', 'ecpix5-85', 'kv260']" in out


@pytest.fixture(scope="module")
def model_path(tmp_path_factory):
    p = tmp_path_factory.mktemp("api") / "tfc.onnx"
    onnx.save(tfc_w2a2_example(), p)
    return p


def test_temporary_build_is_owned_and_removed(model_path):
    b = finnr.build(model_path, target_fps=100_000, stop_after="estimate")
    d = b.output_dir
    assert d.is_dir() and (d / "report.json").is_file()
    assert b.fps == b.report["fps"] > 0
    b.close()
    assert not d.exists() and not d.parent.exists()
    with pytest.raises(FinnrError, match="closed"):
        _ = b.report
    b = finnr.build(model_path, target_fps=100_000, stop_after="estimate")
    d = b.output_dir
    del b
    gc.collect()
    assert not d.exists()  # garbage collection removes it too


def test_build_into_a_directory_and_load_it(model_path, tmp_path):
    out = tmp_path / "out"
    with finnr.build(str(model_path), maximize=True, output_dir=out, stop_after="estimate", utilization=0.5) as b:
        assert b.output_dir == out
        assert b.report["utilization"]["lut"] <= 0.5
    assert (out / "report.json").is_file()  # a given directory stays
    loaded = finnr.load(out)
    assert loaded.report == b.report and loaded.folding == b.folding
    assert set(loaded.folding) >= {"MVAU_hls_0", "MVAU_hls_1"}
    x = example_input()
    folded = loaded.run(x)
    np.testing.assert_allclose(folded, loaded.run(x, "import"), rtol=1e-5, atol=1e-6)  # the folded design computes the model
    assert str(loaded.ir("folding")).count("dataflow.mvau") == 3
    loaded.close()
    assert out.is_dir()
    with pytest.raises(FinnrError, match="no 06-hls.mlir"):
        loaded.csim(x)
    with pytest.raises(FinnrError, match="unknown stage 'place'"):
        loaded.ir("place")


def test_rtl_backend_rtlsim(model_path):
    from finnr.backends.rtl.sim import verilator_command

    if verilator_command() is None:
        pytest.skip("verilator not installed")
    x = example_input()
    with finnr.build(model_path, maximize=True, backend="rtl") as b:
        assert np.array_equal(b.rtlsim(x), b.run(x))
        assert b.rtlsim_report["cycles_per_frame"] > 0
        with pytest.raises(FinnrError, match="no 06-hls.mlir"):
            b.csim(x)


def test_mistakes_are_finnr_errors(model_path, tmp_path):
    with pytest.raises(FinnrError, match="unknown option.*targetfps"):
        finnr.build(model_path, targetfps=3)
    with pytest.raises(FinnrError, match="choose a folding"):
        finnr.build(model_path)
    with pytest.raises(FinnrError, match="unknown device 'pynqz1'"):
        finnr.build(model_path, device="pynqz1", target_fps=10)
    with pytest.raises(FinnrError, match="must be a .onnx path or an onnx.ModelProto"):
        finnr.build(42, target_fps=10)
    with pytest.raises(FinnrError, match="not a finnr build directory"):
        finnr.load(tmp_path)
    assert not list(Path(tmp_path).iterdir())


def test_import_finnr_is_light_and_exports_the_api():
    import subprocess
    import sys

    code = "import sys, finnr; print('finnr.api' in sys.modules, 'xdsl' in sys.modules, sorted(finnr.devices())[0])"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False", "aws-f1"]
    assert {"build", "load", "devices", "Build"} <= set(dir(finnr))
