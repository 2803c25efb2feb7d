"""Issue 17: a deployed network is one dataflow partition. After
streamlining and dataflow conversion every matmul/conv/pool/add/threshold of
the shared models is in one partition, the host keeps only the float pre and
post tail (no multiply-accumulates), and the dataflow IR at a random legal
folding, with its forks and width converters made explicit, computes what
the streamlined IR computes. Skips for models not present."""

from __future__ import annotations

import numpy as np
import pytest

from finnr.dialects import dataflow as df
from finnr.flows import pipeline
from finnr.frontend.onnx_import import import_model
from finnr.interpreter import run_batch
from finnr.models.host import host_ops
from finnr_testing.flow import apply, random_folding
from finnr_testing.shared_models import shared_model

QUANTIZED_INPUT = ("tiny_resnet_w4a4", "tiny_invres_w2a2", "espcn_w4a4", "cnv_1w1a", "tfc_2w2a", "sfc_1w1a")
"""Models whose input has a quantizer: nothing but the tails stays on the host."""

FLOAT_INPUT = ("mobilenet_v1_w2a2_quarter_64", "resnet18_w4a4")
"""Models whose first conv reads the unquantized float input."""


def _partitions(module) -> list[df.PartitionOp]:
    return [op for op in module.walk() if isinstance(op, df.PartitionOp)]


@pytest.mark.parametrize("name", [*QUANTIZED_INPUT[:3], *FLOAT_INPUT[:1]])
def test_deployed_network_is_one_exact_partition(name):
    onnx_path, golden_path = shared_model(name)
    x = np.load(golden_path)["input"][:2]
    module = import_model(onnx_path)
    if name in FLOAT_INPUT:
        apply(module, 'qnn-quantize-input{datatype="UINT8" scale=0.00392156862745098}')
    apply(module, pipeline.STREAMLINE)
    (streamlined,) = run_batch(module, x)
    apply(module, pipeline.DATAFLOW)
    assert len(_partitions(module)) == 1
    assert [o for o in host_ops(module) if o["macs"]] == []
    random_folding(module, np.random.default_rng(17))
    apply(module, pipeline.buffers(), "dataflow-insert-duplicate,dataflow-insert-dwc")
    assert any(isinstance(op, df.DuplicateOp) for op in module.walk()) == (name in ("tiny_resnet_w4a4", "tiny_invres_w2a2"))
    (got,) = run_batch(module, x)
    np.testing.assert_array_equal(got, streamlined)


@pytest.mark.parametrize("name", [*QUANTIZED_INPUT[3:], *FLOAT_INPUT])
def test_shared_models_map_every_mac_to_the_fpga(name):
    onnx_path, _ = shared_model(name)
    module = import_model(onnx_path)
    apply(module, pipeline.TO_DATAFLOW)
    macs = [o for o in host_ops(module) if o["macs"]]
    if name in FLOAT_INPUT:  # the first conv reads the float input: it stays on the host ...
        assert [o["op"] for o in macs] == ["qnn.matmul"]
        module = import_model(onnx_path)  # ... unless the input's datatype is declared
        apply(module, 'qnn-quantize-input{datatype="UINT8" scale=0.00392156862745098}', pipeline.TO_DATAFLOW)
        macs = [o for o in host_ops(module) if o["macs"]]
    assert macs == []
    assert len(_partitions(module)) == 1


def _ort_int8_cnn(path, rng) -> None:
    """A float CNN (conv-relu-maxpool twice, flatten, linear) quantized to
    int8 QDQ by ONNX Runtime's quantize_static, as a new user would."""
    import onnx
    from onnx import TensorProto, helper, numpy_helper
    from onnxruntime.quantization import CalibrationDataReader, QuantFormat, QuantType, quantize_static

    def arr(name, shape, s):
        return numpy_helper.from_array((rng.standard_normal(shape) * s).astype(np.float32), name)

    inits, nodes = [], []
    for name, x, cin, cout in (("c1", "x", 3, 8), ("c2", "c1_p", 8, 16)):
        inits += [arr(f"{name}_w", (cout, cin, 3, 3), 0.3), arr(f"{name}_b", (cout,), 0.1)]
        nodes += [helper.make_node("Conv", [x, f"{name}_w", f"{name}_b"], [name], pads=[1, 1, 1, 1]),
                  helper.make_node("Relu", [name], [f"{name}_r"]),
                  helper.make_node("MaxPool", [f"{name}_r"], [f"{name}_p"], kernel_shape=[2, 2], strides=[2, 2])]
    inits += [arr("fc_w", (256, 10), 0.1), arr("fc_b", (10,), 0.1),
              numpy_helper.from_array(np.array([1, -1], np.int64), "shape")]
    nodes += [helper.make_node("Reshape", ["c2_p", "shape"], ["flat"]),
              helper.make_node("MatMul", ["flat", "fc_w"], ["mm"]), helper.make_node("Add", ["mm", "fc_b"], ["y"])]
    graph = helper.make_graph(nodes, "cnn", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 3, 16, 16])],
                              [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, 10])], inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 8
    onnx.save(model, path.with_suffix(".float.onnx"))

    class Frames(CalibrationDataReader):
        def __init__(self):
            self.frames = iter([{"x": rng.random((1, 3, 16, 16), dtype=np.float32)} for _ in range(8)])

        def get_next(self):
            return next(self.frames, None)

    quantize_static(str(path.with_suffix(".float.onnx")), str(path), Frames(), quant_format=QuantFormat.QDQ,
                    activation_type=QuantType.QUInt8, weight_type=QuantType.QInt8)


def test_onnxruntime_int8_qdq_cnn_is_one_partition_and_csim_matches_onnxruntime(tmp_path):
    """ONNX Runtime's int8 QDQ CNN: both convs, both max pools, the flatten and
    the linear layer in one partition (its requantizers after the pools are
    identities and go), nothing multiplied on the host, and the C-simulated
    accelerator within one output quantization step of onnxruntime."""
    import json
    import warnings

    import onnxruntime as ort

    from finnr.driver.main import main
    from finnr_testing.toolchains import csim_toolchain_missing

    rng = np.random.default_rng(0)
    model = tmp_path / "cnn.onnx"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # onnxruntime's advice to pre-process the model
        _ort_int8_cnn(model, rng)
    x = rng.random((4, 3, 16, 16), dtype=np.float32)
    session = ort.InferenceSession(str(model))
    want = np.concatenate([session.run(None, {"x": x[i:i + 1]})[0] for i in range(len(x))])
    np.save(tmp_path / "x.npy", x)
    out = tmp_path / "build"
    assert main(["build", str(model), "--target-fps", "1000", "-o", str(out), "--quiet"]) == 0
    report = json.loads((out / "report.json").read_text())
    assert report["partitions"] == 1 and report["host_macs"] == 0
    assert report["hardware_macs"] == 16 * 16 * 8 * 27 + 8 * 8 * 16 * 72 + 256 * 10
    assert main(["run", str(out / "05-estimated.mlir"), "--input", str(tmp_path / "x.npy"), "-o",
                 str(tmp_path / "ir.npy")]) == 0
    step = 0.05  # the output quantizer's scale is about 0.048
    np.testing.assert_allclose(np.load(tmp_path / "ir.npy"), want, rtol=0, atol=step)
    if csim_toolchain_missing():
        pytest.skip(csim_toolchain_missing())
    assert main(["csim", str(out), "--input", str(tmp_path / "x.npy"), "-o", str(tmp_path / "csim.npy")]) == 0
    np.testing.assert_array_equal(np.load(tmp_path / "csim.npy"), np.load(tmp_path / "ir.npy"))


def test_build_says_what_stays_on_the_host_and_how_to_move_it(tmp_path, capsys):
    """MobileNet's first conv reads the float input: the build says how many
    multiply-accumulates stay on the host and how to declare the input;
    declared, nothing multiplies on the host."""
    import json

    from finnr.driver.main import main

    onnx_path, _ = shared_model("mobilenet_v1_w2a2_quarter_64")
    out = tmp_path / "float_input"
    assert main(["build", str(onnx_path), "--target-fps", "100", "--stop-after", "estimate", "-o", str(out)]) == 0
    report = json.loads((out / "report.json").read_text())
    first = 31 * 31 * 8 * 27  # the stride-2 3x3 conv on the 3x64x64 input
    assert report["host_macs"] == first
    assert f"{first} multiply-accumulates per frame stay on the host" in capsys.readouterr().out
    assert f"on the host: {first} (qnn.matmul" in (out / "report.md").read_text()
    out = tmp_path / "uint8_input"
    assert main(["build", str(onnx_path), "--target-fps", "100", "--stop-after", "estimate", "-o", str(out),
                 "--input-datatype", "UINT8", "--input-scale", str(1 / 255)]) == 0
    report = json.loads((out / "report.json").read_text())
    assert report["host_macs"] == 0 and report["partitions"] == 1
    assert "stay on the host" not in capsys.readouterr().out
    assert main(["build", str(onnx_path), "--target-fps", "100", "-o", str(tmp_path / "bad"),
                 "--input-datatype", "FLOAT32"]) == 2
    assert "datatype must be INTn or UINTn" in capsys.readouterr().err


@pytest.mark.parametrize("pads", [(1, 1, 1, 1), (1, 0, 0, 2), (0, 0, 0, 0)])
def test_padded_max_pool_runs_in_the_partition_exactly(pads):
    """A padded max pool (ONNX pads with -inf) becomes dataflow.pad with the
    datatype's minimum + dataflow.maxpool, equal to qnn.maxpool on every
    input, negative values at the borders included."""
    from xdsl.parser import Parser

    from finnr.dialects import finnr_context, qnn

    k, s = 3, 2
    h = w = 5
    oh, ow = (h + pads[0] + pads[2] - k) // s + 1, (w + pads[1] + pads[3] - k) // s + 1
    text = f"""func.func @main(%x: tensor<1x{h}x{w}x3x!qnn.int<3>>) -> tensor<1x{oh}x{ow}x3x!qnn.int<3>> {{
  %m = qnn.maxpool %x {{kernel_shape = array<i64: {k}, {k}>, strides = array<i64: {s}, {s}>, pads = array<i64: {", ".join(map(str, pads))}>, dilations = array<i64: 1, 1>, data_layout = "NHWC"}} : (tensor<1x{h}x{w}x3x!qnn.int<3>>) -> tensor<1x{oh}x{ow}x3x!qnn.int<3>>
  func.return %m : tensor<1x{oh}x{ow}x3x!qnn.int<3>>
}}"""
    module = Parser(finnr_context(), text).parse_module()
    x = np.random.default_rng(sum(pads)).integers(-4, 4, (6, h, w, 3)).astype(np.float32)
    (want,) = run_batch(module, x)
    apply(module, pipeline.DATAFLOW)
    assert not any(isinstance(op, qnn.MaxPoolOp) for op in module.walk())
    assert any(isinstance(op, df.PadOp) for op in module.walk()) == any(pads)
    (got,) = run_batch(module, x)
    np.testing.assert_array_equal(got, want)
