"""The shared Brevitas exports reproduce their golden outputs (computed by
qonnx's executor) through `finnr import` + `finnr run`: the BNN-PYNQ
networks and the model-zoo networks of issue 16 (MobileNet-v1 with
TruncAvgPool as Trunc v2, CIFAR ResNet-18 with residual adds, ESPCN with
DepthToSpace, tiny residual and inverted-residual nets)."""

from __future__ import annotations

import numpy as np
import pytest

from finnr.driver.main import main
from finnr_testing.shared_models import MODEL_NAMES, shared_model

ZOO_MODEL_NAMES = (
    "mobilenet_v1_w4a4", "mobilenet_v1_w2a2_quarter_64", "resnet18_w4a4", "espcn_w4a4",
    "tiny_resnet_w4a4", "tiny_invres_w2a2",
)


@pytest.mark.parametrize("name", [*MODEL_NAMES, *ZOO_MODEL_NAMES])
def test_import_and_run_reproduce_golden(name, tmp_path):
    """Values to float rounding; for classifiers the argmax exactly (ESPCN
    outputs an image)."""
    onnx_path, golden_path = shared_model(name)
    golden = np.load(golden_path)
    ir = tmp_path / f"{name}.mlir"
    x = tmp_path / "x.npy"
    y = tmp_path / "y.npy"
    np.save(x, golden["input"])
    assert main(["import", str(onnx_path), "-o", str(ir)]) == 0
    text = ir.read_text()
    assert "func.func @main" in text and "qnn." in text
    assert main(["run", str(ir), "--input", str(x), "-o", str(y)]) == 0
    out, ref = np.load(y), golden["output"]
    assert out.shape == ref.shape
    if ref.ndim == 2:
        np.testing.assert_array_equal(out.argmax(axis=1), ref.argmax(axis=1))
    np.testing.assert_allclose(out, ref, rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("name", MODEL_NAMES)
def test_running_the_onnx_file_directly_equals_running_its_ir(name, tmp_path):
    onnx_path, golden_path = shared_model(name)
    golden = np.load(golden_path)
    x = tmp_path / "x.npy"
    np.save(x, golden["input"][:2])
    ir = tmp_path / "m.mlir"
    assert main(["import", str(onnx_path), "-o", str(ir)]) == 0
    assert main(["run", str(onnx_path), "--input", str(x), "-o", str(tmp_path / "a.npy")]) == 0
    assert main(["run", str(ir), "--input", str(x), "-o", str(tmp_path / "b.npy")]) == 0
    np.testing.assert_array_equal(np.load(tmp_path / "a.npy"), np.load(tmp_path / "b.npy"))



@pytest.mark.parametrize("name", (*MODEL_NAMES, *ZOO_MODEL_NAMES))
def test_shared_models_are_quantized(name):
    from finnr.frontend.onnx_import import import_model

    onnx_path, _ = shared_model(name)
    import_model(onnx_path, require_quantized=True)
