"""Every argument check comes before the first stage (exit 2, nothing
written, no stage run); `finnr run -o` writes exactly the path given; a
warning when the inputs lie outside what the model's input quantizer
covers."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from finnr.driver.arrays import warn_on_input_range
from finnr.driver.main import main
from finnr.flows import pipeline
from finnr.ir_io import load_ir, print_ir

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "tfc_w2a2.mlir"
"""Its input quantizer: signed 2-bit, scale 0.5, so [-1, 0.5]."""

TWO_OUTPUTS = """func.func @two(%x: tensor<1x4xf32>) -> (tensor<1x4xf32>, tensor<1x4xf32>) {
  %r = qnn.relu %x : (tensor<1x4xf32>) -> tensor<1x4xf32>
  func.return %x, %r : tensor<1x4xf32>, tensor<1x4xf32>
}
"""


def bad_json(tmp: Path) -> str:
    (tmp / "bad.json").write_text("{not json")
    return str(tmp / "bad.json")


def bad_depths(tmp: Path) -> str:
    (tmp / "depths.json").write_text(json.dumps({"StreamingFIFO_rtl_0": {"depth": 0}}))
    return str(tmp / "depths.json")


# (id, extra build arguments (a function of tmp_path), message)
BUILD_CASES = [
    ("fps-negative", lambda t: ["--target-fps", "-5"], "--target-fps must be a positive number, got -5"),
    ("fps-zero", lambda t: ["--target-fps", "0"], "--target-fps must be a positive number, got 0"),
    ("fps-nan", lambda t: ["--target-fps", "nan"], "--target-fps must be a positive number, got nan"),
    ("fps-inf", lambda t: ["--target-fps", "inf"], "--target-fps must be a positive number, got inf"),
    ("utilization-zero", lambda t: ["--maximize", "--utilization", "0"], "--utilization must be in (0, 1], got 0"),
    ("utilization-above-1", lambda t: ["--maximize", "--utilization", "1.5"], "--utilization must be in (0, 1], got 1.5"),
    ("no-folding", lambda t: [], "choose a folding: --target-fps F, --maximize or --folding-config FILE"),
    ("unknown-device", lambda t: ["--maximize", "--device", "pynqz1"], "unknown device 'pynqz1'"),
    ("missing-folding-config", lambda t: ["--folding-config", str(t / "none.json")],
     "none.json: no such file (--folding-config)"),
    ("folding-config-not-json", lambda t: ["--folding-config", bad_json(t)], "bad.json:1:2: not valid JSON"),
    ("missing-fifo-depths", lambda t: ["--maximize", "--fifo-depths", str(t / "none.json")],
     "none.json: no such file (--fifo-depths)"),
    ("bad-fifo-depth", lambda t: ["--maximize", "--fifo-depths", bad_depths(t)],
     "'StreamingFIFO_rtl_0': depth must be a positive integer, got 0"),
    ("missing-model", lambda t: [str(t / "none.onnx"), "--maximize"], "none.onnx: no such file"),
]


@pytest.mark.parametrize(("extra", "message"), [c[1:] for c in BUILD_CASES], ids=[c[0] for c in BUILD_CASES])
def test_build_checks_arguments_before_the_first_stage(tmp_path, capsys, extra, message):
    args = extra(tmp_path)
    before = sorted(p.name for p in tmp_path.iterdir())
    assert main(["build", "-o", str(tmp_path / "out"), *args]) == 2
    err = capsys.readouterr().err
    assert message in err, err
    assert "finnr build [" not in err  # no stage ran
    assert sorted(p.name for p in tmp_path.iterdir()) == before


@pytest.mark.parametrize(
    ("argv", "message"),
    [(["--utilization", "2"], "--utilization must be in (0, 1], got 2"),
     (["--steps", "0"], "--steps must be at least 1, got 0"),
     (["--devices", ","], "--devices names no device"),
     (["--precisions", "w9"], "w9")],
    ids=["utilization", "steps", "no-device", "bad-precision"],
)
def test_dse_checks_arguments_before_exploring(tmp_path, capsys, argv, message):
    assert main(["dse", str(tmp_path / "none.onnx"), "-o", str(tmp_path / "out"), "--quiet", *argv]) == 2
    assert message in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_synth_checks_jobs_first(tmp_path, capsys):
    assert main(["synth", str(tmp_path / "nowhere"), "--jobs", "0"]) == 2
    assert "--jobs must be at least 1" in capsys.readouterr().err


@pytest.mark.parametrize("command", ["run", "csim", "rtlsim"])
def test_output_suffix_is_checked_before_anything_runs(tmp_path, capsys, command):
    """Even before the input or the model is read."""
    target = str(EXAMPLE) if command == "run" else str(tmp_path)
    assert main([command, target, "--input", str(tmp_path / "none.npy"), "-o", str(tmp_path / "o.json")]) == 2
    assert "o.json: the output file must end in .npy (one output) or .npz" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_run_writes_exactly_the_path_given(tmp_path, capsys):
    x = tmp_path / "x.npy"
    np.save(x, np.zeros((1, 8), np.float32))
    assert main(["run", str(EXAMPLE), "--input", str(x), "-o", str(tmp_path / "y.npy")]) == 0
    assert main(["run", str(EXAMPLE), "--input", str(x), "-o", str(tmp_path / "y.npz")]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.npy", "y.npy", "y.npz"]
    np.testing.assert_array_equal(np.load(tmp_path / "y.npz")["arr_0"], np.load(tmp_path / "y.npy"))
    assert main(["run", str(EXAMPLE), "--input", str(x), "-o", str(tmp_path / "no" / "y.npy")]) == 2
    assert "y.npy: cannot write:" in capsys.readouterr().err


def test_several_outputs_need_npz(tmp_path, capsys):
    (tmp_path / "two.mlir").write_text(TWO_OUTPUTS)
    x = tmp_path / "x.npy"
    np.save(x, np.array([[-1, 2, -3, 4]], np.float32))
    assert main(["run", str(tmp_path / "two.mlir"), "--input", str(x), "-o", str(tmp_path / "y.npy")]) == 2
    assert "y.npy: the model has 2 outputs; save them to a .npz file" in capsys.readouterr().err
    assert not (tmp_path / "y.npy").exists()
    assert main(["run", str(tmp_path / "two.mlir"), "--input", str(x), "-o", str(tmp_path / "y.npz")]) == 0
    saved = np.load(tmp_path / "y.npz")
    np.testing.assert_array_equal(saved["arr_1"], [[0, 2, 0, 4]])


# --- inputs outside the input quantizer's range -----------------------------------------


def test_images_of_0_to_255_given_to_a_model_of_0_to_1_warn(tmp_path, capsys):
    x = tmp_path / "x.npy"
    np.save(x, np.arange(0, 256, 32, dtype=np.uint8).reshape(1, 8))
    assert main(["run", str(EXAMPLE), "--input", str(x)]) == 0
    err = capsys.readouterr().err
    assert ("finnr: warning: the input values span [0, 224], but the model expects [-1, 0.5] "
            "(its input quantizer: signed 2-bit, scale 0.5)") in err
    assert "8-bit images divided by 255?" in err


@pytest.mark.parametrize("values", [[-1, 1], [-0.9, 0.4], [-1.5, 1.0]], ids=["to-1", "inside", "a-step-beyond"])
def test_inputs_within_a_step_of_the_range_do_not_warn(tmp_path, capsys, values):
    x = tmp_path / "x.npy"
    np.save(x, np.linspace(*values, 8, dtype=np.float32).reshape(1, 8))
    assert main(["run", str(EXAMPLE), "--input", str(x)]) == 0
    assert "warning" not in capsys.readouterr().err


def test_streamlined_ir_warns_by_its_input_thresholds(tmp_path, capsys):
    """csim and rtlsim read streamlined IR, whose input quantizer became
    a multithreshold on the host: the same range."""
    module = load_ir(EXAMPLE)
    pipeline.run(module, pipeline.TO_DATAFLOW)
    assert "qnn.quant" not in print_ir(module)
    warn_on_input_range(module, np.full((1, 8), 3.0))
    err = capsys.readouterr().err
    assert "but the model expects [-1, 0.5] (its input: 3 thresholds); values beyond it are clipped" in err
    assert "255" not in err
    warn_on_input_range(module, np.full((1, 8), 0.5))
    assert capsys.readouterr().err == ""


PREPROCESSED = """func.func @bnn(%x: tensor<1x4xf32>) -> tensor<1x4xf32> {
  %two = qnn.constant dense<2.0> : tensor<f32> -> tensor<f32>
  %y = qnn.mul %x, %two : (tensor<1x4xf32>, tensor<f32>) -> tensor<1x4xf32>
  %one = qnn.constant dense<1.0> : tensor<1xf32> -> tensor<1xf32>
  %z = qnn.sub %y, %one : (tensor<1x4xf32>, tensor<1xf32>) -> tensor<1x4xf32>
  %q = qnn.quant %z {bitwidth = 2 : i64, scale = dense<1.0> : tensor<f32>, zeropt = dense<0.0> : tensor<f32>, narrow = true} : (tensor<1x4xf32>) -> tensor<1x4xf32>
  func.return %q : tensor<1x4xf32>
}
"""


def test_the_range_is_in_units_of_the_input_through_the_preprocessing(tmp_path, capsys):
    """BNN-PYNQ's exports map [0, 1] to [-1, 1] (x * 2 - 1) before a narrow
    2-bit quantizer of levels -1, 0, 1: the model expects [0, 1]."""
    (tmp_path / "bnn.mlir").write_text(PREPROCESSED)
    module = load_ir(tmp_path / "bnn.mlir")
    warn_on_input_range(module, np.linspace(0, 1, 8))
    assert capsys.readouterr().err == ""
    warn_on_input_range(module, np.array([0, 128, 255], np.uint8))
    assert ("the input values span [0, 255], but the model expects [0, 1] (its input quantizer: signed 2-bit, "
            "scale 1)") in capsys.readouterr().err


@pytest.mark.parametrize(("name", "expected"), [("tfc_2w2a", (0, 1)), ("cnv_1w1a", (0, 0.99609375)),
                                                ("sfc_1w1a", (0, 1)), ("tiny_resnet_w4a4", (-1, 0.9921875))])
def test_shared_models_golden_inputs_fit_and_uint8_images_warn(capsys, name, expected):
    from finnr.driver.arrays import _expected_range
    from finnr.frontend.onnx_import import import_model
    from finnr_testing.shared_models import shared_model

    onnx_path, golden = shared_model(name)
    module = import_model(onnx_path)
    assert _expected_range(module, None)[:2] == pytest.approx(expected)
    x = np.load(golden)["input"]
    warn_on_input_range(module, x)
    assert capsys.readouterr().err == ""
    warn_on_input_range(module, (x * 255).round().astype(np.uint8))
    assert "8-bit images divided by 255?" in capsys.readouterr().err
