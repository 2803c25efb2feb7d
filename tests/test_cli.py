"""The `finnr` command: results on a known example and clean diagnostics
(exit code 2, no traceback) for the user's mistakes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from finnr.driver.main import main

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "tfc_w2a2.mlir"


def expected_tfc_w2a2(x: np.ndarray) -> np.ndarray:
    """examples/tfc_w2a2.mlir computed by hand with numpy."""
    w0 = np.array([[1, -2, 0, 1, 1, -1], [0, 1, -1, -2, 1, 0], [1, 1, 1, 0, -1, -1], [-2, 0, 1, 1, 0, 1],
                   [0, -1, 1, 1, 1, -2], [1, 0, 0, -1, 1, 1], [-1, 1, -2, 0, 0, 1], [1, 1, 0, 1, -1, 0]])
    w1 = np.array([[1, 0, -1, 1], [-2, 1, 1, 0], [0, 1, -1, 1], [1, -1, 0, -2], [1, 1, 1, 0], [-1, 0, 1, 1]])
    xq = np.clip(np.round(x / 0.5), -2, 1) * 0.5
    h0 = xq @ w0
    a0 = (h0[..., None] >= np.array([-0.25, 0.25, 0.75])).sum(-1)
    return (a0 @ w1) * 0.125


def test_run_example_ir_matches_hand_computation(tmp_path):
    rng = np.random.default_rng(0)
    x = rng.uniform(-1.5, 1.5, size=(5, 8)).astype(np.float32)
    np.save(tmp_path / "x.npy", x)
    assert main(["run", str(EXAMPLE), "--input", str(tmp_path / "x.npy"), "-o", str(tmp_path / "y.npy")]) == 0
    np.testing.assert_allclose(np.load(tmp_path / "y.npy"), expected_tfc_w2a2(x), rtol=1e-6)


def test_run_prints_outputs_without_output_file(tmp_path, capsys):
    np.save(tmp_path / "x.npy", np.zeros((1, 8), np.float32))
    assert main(["run", str(EXAMPLE), "--input", str(tmp_path / "x.npy")]) == 0
    assert "output #0: shape [1, 4]" in capsys.readouterr().out


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "finnr", *args], capture_output=True, text=True, cwd=REPO)


@pytest.mark.parametrize(
    ("filename", "content", "message"),
    [
        ("missing.onnx", None, "missing.onnx: no such file"),
        ("junk.onnx", b"\x00\xffnot a model" * 10, "junk.onnx: not"),
        ("bad.mlir", b"func.func @f( {\n", "bad.mlir:1:"),
        (
            "unverified.mlir",
            b'%x = "test.op"() : () -> tensor<1x4xf32>\n'
            b"%q = qnn.relu %x : (tensor<1x4xf32>) -> tensor<1x5xf32>\n",
            "result shape [1, 5] must equal the input shape [1, 4]",
        ),
    ],
    ids=["missing-file", "not-onnx", "ir-syntax-error", "ir-verify-error"],
)
def test_user_errors_exit_2_without_traceback(tmp_path, filename, content, message):
    path = tmp_path / filename
    if content is not None:
        path.write_bytes(content)
    np.save(tmp_path / "x.npy", np.zeros((1, 4), np.float32))
    res = run_cli("run", str(path), "--input", str(tmp_path / "x.npy"))
    assert res.returncode == 2, res.stderr
    assert "Traceback" not in res.stderr
    assert res.stderr.startswith("finnr: error:")
    assert message in res.stderr


def test_wrong_input_shape_is_a_user_error(tmp_path):
    np.save(tmp_path / "x.npy", np.zeros((2, 7), np.float32))
    res = run_cli("run", str(EXAMPLE), "--input", str(tmp_path / "x.npy"))
    assert res.returncode == 2
    assert "is not a batch of inputs of shape [1, 8]" in res.stderr
    assert "Traceback" not in res.stderr


def test_version_and_help():
    res = run_cli("--version")
    assert res.returncode == 0 and res.stdout.startswith("finnr 0.1.0")
    res = run_cli("--help")
    assert res.returncode == 0
    for cmd in ("import", "run"):
        assert cmd in res.stdout
