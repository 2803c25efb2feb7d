"""The ``finn`` cost model (FINN's own estimator, finn-plus 1.6.1) and the
cost-model registry.

FINN's figures come from tests/fixtures/finn/*.json, recorded with FINN's
estimate-only flow (../shared/tools/finn_estimate.py) for FINN's SetFolding
at 3000 FPS on tfc_2w2a, cnv_1w1a and a CNV-w2a2 (Brevitas's cnv_2w2a,
random weights), and at 200,000 and 20,000 FPS on tfc_2w2a and cnv_1w1a:
per FINN node its attributes, cycles and resources, and FINN's folding. No
FINN environment is needed."""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pytest

from finnr.diagnostics import FinnrError
from finnr.dialects import dataflow as df
from finnr.flows import pipeline
from finnr.models import cost_models, finn_model
from finnr.models import finn_estimates as fe
from finnr_testing.shared_models import shared_model

FIXTURES = Path(__file__).parent / "fixtures" / "finn"


def fixture(name: str) -> dict:
    return json.loads((FIXTURES / f"{name}.json").read_text())


def bits(dtype: str) -> int:
    """Bits of a FINN datatype name."""
    if dtype in ("BINARY", "BIPOLAR"):
        return 1
    if dtype == "TERNARY":
        return 2
    return int(re.fullmatch(r"(?:U?INT|FLOAT)(\d+)", dtype).group(1))


# --- each formula against values worked out by hand ------------------------------


def test_mvau_formulas_by_hand():
    # tfc's first layer: MH 64, MW 784, PE 1, SIMD 2, W = A = 2, acc INT11
    assert fe.mvau_cycles(64, 784, 1, 1, 2) == 64 * 392
    # 300 + 1.1 (2 (2 ceil(4/6) - 1) 4 + 4 (2 2 - 1) + 11) = 300 + 1.1 * 31
    assert fe.mvau_lut(64, 784, 2, 2, 2, 11, True, True, 1, 2) == 334
    # one memory of 784 64 / 2 = 25088 words of 4 bits: ceil(25088/4096) = 7
    assert fe.mvau_bram(64, 784, 2, 1, 2) == 7
    assert fe.mvau_bram(64, 784, 2, 1, 2, ram_style="distributed") == 0
    # in URAM: ceil(4/72) ceil(25088/4096) = 7; DSPs: PE SIMD ceil(4/48) = 2
    assert fe.mvau_uram(64, 784, 2, 1, 2, ram_style="ultra") == 7
    assert fe.mvau_uram(64, 784, 2, 1, 2) == 0
    assert fe.mvau_dsp(2, 2, 1, 2, "dsp") == 2 and fe.mvau_dsp(2, 2, 1, 2, "lut") == 0
    # XNOR (W = A = 1, acc 10), PE 32, SIMD 36: 300 + 1.1 * 32 (36 * 1 * 2 + 2 * 71 + 10) = 8184.8
    assert fe.mvau_lut(64, 576, 1, 1, 1, 10, False, True, 32, 36) == 8184
    # 576 64 / (32 36) = 32 words of 1152 bits: ceil(32/512) ceil(1152/36) = 32
    assert fe.mvau_bram(64, 576, 1, 32, 36) == 32
    # LUTRAM weights (decoupled, distributed): + PE SIMD W ceil(WMEM/64) = 2 * 2 * ceil(25088/64) = 1568
    assert fe.mvau_lut(64, 784, 2, 2, 2, 11, True, True, 1, 2, ram_style="distributed") == 334 + 1568
    # thresholds in LUTRAM: + 1.1 (3 acc ceil(64/64) + 3 acc) = 1.1 * 66 = 72.6
    assert fe.mvau_lut(64, 784, 2, 2, 2, 11, True, True, 1, 2, ram_style_thresholds="distributed") == 406
    # DSP multipliers: no multiplier LUTs: 300 + 1.1 (12 + 11) = 325.3
    assert fe.mvau_lut(64, 784, 2, 2, 2, 11, True, True, 1, 2, res_type="dsp") == 325


def test_accumulator_and_weight_widths_by_hand():
    # alpha = log2(784) + 2 + 2 - 1 - 1 = 11.61; + log2(1 + 2^-11.61) + 1 -> 13
    assert fe.acc_bound(784, 2, 2, True) == 13
    assert fe.accumulator_bits(0, 255) == 8  # UINT8
    assert fe.accumulator_bits(-5, 100) == 8  # INT: ceil(log2 101) + 1
    assert fe.accumulator_bits(-128, 127) == 8
    # +-1 weights are INT2 (from -1 - 1), {-1, 0} BIPOLAR, {0, 1} BINARY, {0..3} UINT2, {-3..3} INT3
    assert [fe.weight_bits(*r) for r in ((-1, 1), (-1, 0), (0, 1), (0, 3), (-2, 1), (-3, 3))] == [2, 1, 1, 2, 2, 3]


def test_vvau_formulas_by_hand():
    # C 32, 3x3, 16x16 pixels, PE 4, SIMD 3: 32 * 9 / 4 / 3 * 256 = 6144
    assert fe.vvau_cycles(32, 9, 256, 4, 3) == 6144
    # W = A = 4 unsigned, acc 11, 4 output bits: mult 3 (2 * 2 - 1) 8 = 72, adders 8 * 5 = 40,
    # thr 15 * 11 * (32/4)/64 = 20.625, cmp 165: 300 + 1.1 * 4 * (72 + 40 + 11 + 20.625 + 165) = 1657.95
    assert fe.vvau_lut(32, 9, 4, 4, 4, 11, False, True, 4, 3) == 1657
    # 32 * 9 / 12 = 24 words: 'auto' and at most 128 words: no BRAM; 'block': 48 bits wide -> ceil(24/512) ceil(48/32)
    assert fe.vvau_bram(32, 9, 4, 4, 3) == 0
    assert fe.vvau_bram(32, 9, 4, 4, 3, ram_style="block") == 2
    assert fe.vvau_dsp(4, 4, 4, "dsp") == 4


def test_memory_primitives_by_hand():
    # 32 x 784: LUTRAM 32 * 13 = 416 wastes 1536 bits, two RAMB18s 11776
    assert {k: int(v) for k, v in fe.least_waste(32, 784).items()} == {"URAM": 0, "BRAM": 0, "LUTRAM": 416}
    # 36 x 512 fits one RAMB18 exactly
    assert int(fe.least_waste(36, 512)["BRAM"]) == 1
    # tfc's input thresholding: 784 channels, float thresholds, 2 output bits: 32 x 784 and 32 x 1568
    assert int(fe.thresholding_memory(784, 32, 2, 1)["LUTRAM"]) == 416 + 800
    # cnv's: 3 channels, 8 output bits: depths 3..384, 32 * (1 + 1 + 1 + 1 + 1 + 2 + 3 + 6)
    assert int(fe.thresholding_memory(3, 32, 8, 1)["LUTRAM"]) == 512
    # FINN-R RAMB18 aspect ratios
    assert [int(fe.ramb18_finn_r(d, w)) for d, w in ((20000, 1), (9000, 2), (5000, 3), (3000, 9), (600, 20), (300, 72))] \
        == [2, 2, 2, 2, 2, 2]


def test_window_generator_by_hand():
    # cnv's first: C 3, 32x32 -> 30x30, 3x3, SIMD 1: buffer (2 * 32 + 2 + 1) * 3 = 201,
    # 201 + 30 max(30 * 9 * 3, 32 * 3) = 24501; LUT 300 + 8 ceil(201/38) = 348
    args = (3, (32, 32), (30, 30), (3, 3), (1, 1), (1, 1))
    assert fe.swu_cycles(*args, 1) == 24501
    assert fe.swu_buffer_depth(3, (32, 32), (3, 3), (1, 1), (1, 1), 1) == 201
    assert fe.swu_memory(3, 8, (32, 32), (3, 3), (1, 1), (1, 1), 1, "distributed")["lut"] == 348
    # parallel window: the input's words + 2
    assert fe.swu_cycles(*args, 3, parallel_window=True) == 32 * 32 + 2
    # depthwise 2x2 stride 2, C 64, SIMD 2 (cnv's first pool): CF 32, buffer (28 + 1 + 1) 32 = 960,
    # per row max(14 * 4 * 32, 2 * 28 * 32) + 14 * 1 * 31 = 2226: 960 + 14 * 2226 + 28 * 32 = 33020;
    # buffer depth 960 + (28 - 4) 32 = 1728: LUT 300 + 2 ceil(1728/38) = 392
    assert fe.swu_cycles(64, (28, 28), (14, 14), (2, 2), (2, 2), (1, 1), 2, depthwise=True) == 33020
    assert fe.swu_memory(64, 1, (28, 28), (2, 2), (2, 2), (1, 1), 2, "distributed")["lut"] == 392
    # 1D, C 4, 1x20 -> 1x18, 1x3, SIMD 2: 18 * 3 * 2 + 2
    assert fe.swu_cycles(4, (1, 20), (1, 18), (1, 3), (1, 1), (1, 1), 2) == 110
    # a block buffer of 201 x 8 bits: 36-bit words up to 512 deep, one RAMB18; 20000 x 4 bits: 1-bit words,
    # ceil(20000/16384) * 4 = 8, less the 3616-deep remainder's savings (4-bit words: 4 - 1) = 5
    assert fe.swu_bram(8, 201, "auto") == 1 and fe.swu_bram(8, 201, "distributed") == 0
    assert fe.swu_bram(4, 20000, "block") == 5
    assert fe.swu_uram(80, 5000, "ultra") == 4


def test_stream_node_formulas_by_hand():
    assert fe.pool_cycles(64, (2, 2), (14, 14), 2) == 25088
    assert fe.fmpadding_cycles(16, (10, 10), 4) == 400
    assert fe.labelselect_cycles(10, 5) == 2
    assert fe.channel_cycles(784, 1, 4) == 196
    # 4 -> 6 bits through 12: |ceil(log2(4/12))| + 12 + |ceil(log2(12/6))| + 6
    assert fe.dwc_lut(4, 6) == 20 and fe.dwc_lut(8, 8) == 0


def test_formulas_vectorize_over_foldings():
    pe, simd = np.array([1, 2, 4]), np.array([2, 2, 2])
    assert list(fe.mvau_cycles(64, 784, 1, pe, simd)) == [25088, 12544, 6272]
    assert list(fe.mvau_lut(64, 784, 2, 2, 2, 11, True, True, pe, simd)) == [334, 368, 436]


# --- every node FINN estimated, from its attributes --------------------------------------


def _ours(node: dict) -> dict:
    """finnr's formulas on one FINN node's attributes (FINN's estimate of it)."""
    a, op = node["attrs"], node["op_type"]
    if op == "MVAU_hls":
        w, x, y = bits(a["weightDataType"]), bits(a["inputDataType"]), bits(a["outputDataType"])
        signed = a["inputDataType"].startswith("INT")
        pe, simd, act = a["PE"], a["SIMD"], not a["noActivation"]
        vectors = int(np.prod(a["numInputVectors"]))
        # FINN's defaults where the node does not set them
        mode, style, rtype = a.get("mem_mode", "internal_decoupled"), a.get("ram_style", "auto"), a.get("resType", "lut")
        return {"cycles": fe.mvau_cycles(a["MH"], a["MW"], vectors, pe, simd),
                "LUT": fe.mvau_lut(a["MH"], a["MW"], w, x, y, bits(a["accDataType"]), signed, act, pe, simd,
                                   rtype, mode, style, a.get("ram_style_thresholds", "auto")),
                "BRAM_18K": fe.mvau_bram(a["MH"], a["MW"], w, pe, simd, mode, style)}
    if op == "Thresholding_rtl":
        mem = fe.thresholding_memory(a["NumChannels"], bits(a["weightDataType"]), bits(a["outputDataType"]), a["PE"])
        return {"cycles": fe.channel_cycles(a["NumChannels"], int(np.prod(a["numInputVectors"])), a["PE"]),
                "LUT": mem["LUTRAM"], "BRAM_18K": mem["BRAM"]}
    if op == "ConvolutionInputGenerator_rtl":
        shape = (a["IFMChannels"], tuple(a["IFMDim"]), tuple(a["OFMDim"]), tuple(a["ConvKernelDim"]), tuple(a["Stride"]),
                 tuple(a["Dilation"]), a["SIMD"])
        mem = fe.swu_memory(a["IFMChannels"], bits(a["inputDataType"]), shape[1], shape[3], shape[4], shape[5],
                            a["SIMD"], a["ram_style"], a["parallel_window"])
        return {"cycles": fe.swu_cycles(*shape, a["depthwise"], a["parallel_window"]), "LUT": mem["lut"],
                "BRAM_18K": mem["bram18"]}
    if op == "Pool_hls":
        return {"cycles": fe.pool_cycles(a["Channels"], tuple(a["KernelSize"]), tuple(a["OutImgDims"]), a["PE"]),
                "LUT": 0, "BRAM_18K": 0}
    return {"cycles": node["cycles"], "LUT": 0, "BRAM_18K": 0}  # Reshape, elementwise: no estimate of interest


@pytest.mark.parametrize("name", ["tfc_2w2a_3000", "cnv_1w1a_3000", "cnv_2w2a_3000", "tfc_2w2a_200000", "cnv_1w1a_20000"])
def test_formulas_equal_finn_on_every_node(name):
    nodes = fixture(name)["nodes"]
    assert {n["op_type"] for n in nodes} >= {"MVAU_hls", "Thresholding_rtl"}
    for node in nodes:
        got = {k: int(v) for k, v in _ours(node).items()}
        assert got == {k: node[k] for k in got}, node["name"]


# --- finnr's design under --cost-model finn against FINN, on the shared models ------------------


def cnv_w2a2(tmp_path) -> Path:
    """The CNV-w2a2 of the cnv_2w2a fixture (Brevitas's ``cnv_2w2a``): its
    graph, with every initializer of more than 64 values drawn again,
    uniformly in the range the exported one spans (the metadata
    ``finnr_random_initializers``: name -> shape, low, high), as the
    original's random weights and batch-norm statistics were."""
    import onnx
    from onnx import numpy_helper

    model = onnx.load(FIXTURES / "cnv_2w2a.skeleton.onnx")
    drawn = json.loads({p.key: p.value for p in model.metadata_props}["finnr_random_initializers"])
    rng = np.random.default_rng(0)
    for name, (shape, low, high) in drawn.items():
        model.graph.initializer.append(numpy_helper.from_array(rng.uniform(low, high, shape).astype(np.float32), name))
    path = tmp_path / "cnv_w2a2.onnx"
    onnx.save(model, path)
    return path


def _dataflow_of(path) -> object:
    from finnr.frontend.onnx_import import import_model

    module = import_model(str(path), require_quantized=True)
    pipeline.run(module, pipeline.TO_DATAFLOW)
    return module


FIXTURE_NAMES = ["tfc_2w2a_3000", "cnv_1w1a_3000", "cnv_2w2a_3000", "tfc_2w2a_200000", "cnv_1w1a_20000",
                 "dw_cnn_20000", "dw_cnn_291000"]


def _network(name: str, tmp_path):
    """The dataflow design of a fixture's network."""
    if name == "cnv_2w2a":
        return _dataflow_of(cnv_w2a2(tmp_path))
    if name == "dw_cnn":
        from finnr.examples.networks import NetSpec
        from test_dataflow_differential import _dw_cnn

        return _dataflow_of_proto(_dw_cnn(NetSpec(2, 2, True, False, False, seed=1), 4))
    return _dataflow_of(shared_model(name)[0])


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_finn_folding_estimated_as_finn_estimates_it(tmp_path, name):
    """A folding FINN took, read by finnr under --cost-model finn (FINN's own
    SetFolding's, or for dw_cnn, a small depthwise CNN, the one finnr's
    optimizer chose under the model): finnr names every node FINN's flow
    creates, in FINN's order (cnv_1w1a's XNOR output layer included: FINN's
    ElementwiseMul_hls and ElementwiseAdd_hls behind it; dw_cnn's window
    generators at their VVAU's PE, and none for its pointwise VVAU), its
    estimate equals FINN's cycles on every node, and its LUT and BRAM18
    totals equal FINN's (the goal: within 10%; CNV-w2a2's weights drawn
    again give FINN's widths, so its totals too)."""
    from finnr.interop.finn import finn_estimate, finn_plan_config

    finn = fixture(name)
    network, fps = name.rsplit("_", 1)
    module = _network(network, tmp_path)
    if network == "dw_cnn":
        unfolded = module.clone()
        pipeline.run(unfolded, pipeline.folding(target_fps=int(fps), cost_model="finn"))
        assert finn_plan_config(unfolded) == finn["folding"]
    config = tmp_path / "auto_folding_config.json"
    config.write_text(json.dumps(finn["folding"]))
    pipeline.run(module, pipeline.folding(config=str(config), cost_model="finn"))
    ours = finn_estimate(module)
    assert [(n, got["cycles"]) for n, got in ours.items()] == [(n["name"], n["cycles"]) for n in finn["nodes"]]
    for key in ("LUT", "BRAM_18K"):
        assert sum(got[key] for got in ours.values()) == finn["total"][key], key


@pytest.mark.parametrize(("name", "fps"), [("tfc_2w2a", 3000), ("cnv_1w1a", 3000), ("tfc_2w2a", 200000),
                                           ("cnv_1w1a", 20000)])
def test_setfolding_under_finn_reproduces_finn(name, fps):
    """--heuristic setfolding --cost-model finn chooses FINN's own SetFolding
    folding, node for node, and its folding config names every node of
    FINN's flow with FINN's names."""
    from finnr.interop.finn import finn_plan_config

    finn = fixture(f"{name}_{fps}")
    module = _dataflow_of(shared_model(name)[0])
    pipeline.run(module, pipeline.folding(target_fps=fps, heuristic="setfolding", cost_model="finn"))
    ours = finn_plan_config(module)
    assert list(ours) == list(finn["folding"])
    for node, attrs in finn["folding"].items():
        for key in ("PE", "SIMD"):
            if key in attrs:
                assert ours[node][key] == attrs[key], (node, key)
    assert ours["MVAU_hls_0"]["mem_mode"] == "internal_decoupled"


def test_maximize_under_finn_folds_the_input_thresholding(tmp_path):
    """finnr build --cost-model finn --maximize: the folding config holds
    FINN's input Thresholding_rtl and each max-pool as a window generator
    and Pool_hls with one PE; the design fits by FINN's estimate; the report
    names the model and lists the host layer."""
    from finnr.flows.build import BuildOptions, run_build

    path, _ = shared_model("cnv_1w1a")
    report = run_build(BuildOptions(model=str(path), output=str(tmp_path / "b"), maximize=True, cost_model="finn",
                                    stop_after="estimate"))
    config = json.loads((tmp_path / "b" / "folding_config.json").read_text())
    assert "Thresholding_rtl_0" in config and "Pool_hls_1" in config and "StreamingMaxPool_hls_0" not in config
    assert config["ConvolutionInputGenerator_rtl_2"]["SIMD"] == config["Pool_hls_0"]["PE"]
    assert report["cost_model"] == "finn" and report["fits"]
    assert any(r["kind"] == "host:Thresholding_rtl" for r in report["layers"])
    assert "cost model: **finn**" in (tmp_path / "b" / "report.md").read_text()
    # FINN's estimate of it (finnr's replica, equal to FINN's) is what the report predicts
    assert report["fps"] == pytest.approx(100e6 / max(r["cycles"] for r in report["layers"]), rel=1e-3)


# --- the registry: the extension point ----------------------------------------------------------


def test_unknown_cost_model_is_a_diagnostic():
    with pytest.raises(FinnrError, match="unknown cost model 'nope' \\(cost models: finn-r, yosys, finn"):
        cost_models.get("nope")


def test_a_family_default_is_one_entry(monkeypatch):
    from finnr.models.devices import get_device

    assert cost_models.default_for(get_device("pynq-z1")) == "finn-r"
    monkeypatch.setitem(cost_models.FAMILY_DEFAULTS, "zynq-7000", "finn")
    assert cost_models.default_for(get_device("pynq-z1")) == "finn"
    assert cost_models.default_for(get_device("ultra96")) == "finn-r"


def test_a_new_model_is_one_registration(monkeypatch):
    """A model registered by name is chosen by the passes like the built-in
    ones (here a copy of finn-r with doubled LUTs)."""
    from finnr.dialects import finnr_context
    from finnr.ir_io import print_ir
    from finnr.models import cost
    from finnr.passes.dataflow_estimate import DataflowEstimate

    monkeypatch.delitem(cost_models.COST_MODELS, "double", raising=False)

    def double(spec, pe, simd, ram_style="auto", res_type="lut", mem_mode="internal_embedded"):
        res = cost.resources(spec, pe, simd, ram_style, res_type, mem_mode)
        return {**res, "lut": 2 * res["lut"]}

    cost_models.register(cost_models.CostModel("double", "finnr's, LUTs doubled", cost.cycles, double))
    try:
        from finnr.examples import tfc_w2a2_example
        from finnr.frontend.onnx_import import import_model

        module = import_model(tfc_w2a2_example(), require_quantized=True)
        pipeline.run(module, pipeline.TO_DATAFLOW)
        pipeline.run(module, pipeline.folding(target_fps=1000))
        plain = module.clone()
        DataflowEstimate().apply(finnr_context(), plain)
        DataflowEstimate(cost_model="double").apply(finnr_context(), module)
        assert 'finnr.cost_model = "double"' in print_ir(module)
        luts = [re.findall(r"lut = (\d+)", print_ir(m)) for m in (plain, module)]
        assert luts[0] and [2 * int(v) for v in luts[0]] == [int(v) for v in luts[1]] or all(
            abs(2 * int(a) - int(b)) <= 1 for a, b in zip(*luts))
    finally:
        del cost_models.COST_MODELS["double"]


def test_default_model_leaves_no_trace_in_the_ir():
    from finnr.examples import tfc_w2a2_example
    from finnr.frontend.onnx_import import import_model
    from finnr.ir_io import print_ir

    module = import_model(tfc_w2a2_example(), require_quantized=True)
    pipeline.run(module, pipeline.TO_DATAFLOW)
    pipeline.run(module, pipeline.folding(target_fps=1000))
    text = print_ir(module)
    assert "finnr.cost_model" not in text and finn_model.HOST_FOLDING not in text


def test_cli_cost_model(tmp_path, capsys):
    """`finnr build --cost-model finn` on the bundled example: the report and
    folding_config.json are FINN's; an unknown model is a usage error (exit
    2) before any stage; `finnr dse --cost-model finn` explores under it."""
    from finnr.driver.main import main

    out = tmp_path / "b"
    assert main(["build", "-o", str(out), "--target-fps", "1000", "--cost-model", "finn", "--stop-after",
                 "estimate", "--quiet"]) == 0
    report = json.loads((out / "report.json").read_text())
    config = json.loads((out / "folding_config.json").read_text())
    assert report["cost_model"] == "finn"
    assert [k for k in config if k.startswith(("Thresholding_rtl", "MVAU_hls"))][0] == "Thresholding_rtl_0"
    assert all(v["mem_mode"] == "internal_decoupled" for k, v in config.items() if k.startswith("MVAU_hls"))
    with pytest.raises(SystemExit) as e:
        main(["build", "-o", str(tmp_path / "c"), "--maximize", "--cost-model", "nope"])
    assert e.value.code == 2 and not (tmp_path / "c").exists()
    assert "invalid choice: 'nope'" in capsys.readouterr().err
    assert main(["dse", str(tmp_path / "b" / "example.onnx"), "-o", str(tmp_path / "d"), "--precisions", "native",
                 "--steps", "2", "--cost-model", "finn", "--quiet"]) == 0
    assert (tmp_path / "d" / "dse.csv").is_file()


def test_yosys_coefficients_are_a_cost_model():
    """The yosys-calibrated coefficient set is the registered model 'yosys':
    finnr's cycles, calibration's resources."""
    from finnr.models import calibration, cost

    spec = cost.LayerSpec("mvau", mw=64, mh=32, wbits=2, abits=2, obits=2, thresholds=3)
    model = cost_models.get("yosys")
    assert model.cycles(spec, 2, 8) == cost.cycles(spec, 2, 8)
    assert model.resources(spec, 2, 8)["lut"] == calibration.resources(spec, 2, 8, coefficients="yosys")["lut"]


MLP = (Path(__file__).parent / "filecheck" / "passes" / "dataflow-set-folding-finn.mlir").read_text()


def test_finn_config_by_node_names(tmp_path):
    """Under --cost-model finn a folding config names FINN's nodes: the input
    Thresholding_rtl_0's PE goes to the host folding, MVAU_hls_0's to the
    layer; a PE that does not divide the channels is refused, an unknown
    node is a warning; the written config round-trips."""
    from finnr.interop.finn import finn_plan_config
    from finnr.ir_io import load_ir

    (tmp_path / "mlp.mlir").write_text(MLP)

    def fold(config: dict):
        module = load_ir(tmp_path / "mlp.mlir")
        path = tmp_path / "c.json"
        path.write_text(json.dumps(config))
        pipeline.run(module, pipeline.folding(config=str(path), cost_model="finn"))
        return module

    module = fold({"Thresholding_rtl_0": {"PE": 4}, "MVAU_hls_0": {"PE": 2, "SIMD": 4, "mem_mode": "internal_decoupled"}})
    assert finn_model.host_folding(module) == {"Thresholding_rtl_0": 4}
    config = finn_plan_config(module)
    assert config["MVAU_hls_0"]["PE"] == 2 and config["MVAU_hls_0"]["SIMD"] == 4
    assert finn_plan_config(fold(config)) == config
    with pytest.raises(FinnrError, match="'Thresholding_rtl_0': PE must be a positive divisor of 8, got 3"):
        fold({"Thresholding_rtl_0": {"PE": 3}})
    with pytest.warns(UserWarning, match="'Pool_hls_0' has no counterpart"):
        fold({"Pool_hls_0": {"PE": 1}})


# --- --arch auto and the roofline judge by the chosen model -----------------------------------


def _tfc_example(tmp_path) -> str:
    import onnx

    from finnr.examples import tfc_w2a2_example

    path = tmp_path / "tfc.onnx"
    onnx.save(tfc_w2a2_example(), path)
    return str(path)


def test_arch_auto_judges_the_fit_by_the_cost_model():
    """The bundled TFC fits in 1,075 LUTs at the least by finnr's model and
    in 1,034 by FINN's (its host layers included): with a budget of 1,056
    LUTs (80% of 1,320), --arch auto picks dataflow under --cost-model finn
    and offload under the default."""
    import dataclasses

    from finnr.examples import tfc_w2a2_example
    from finnr.flows.build import BuildOptions, _choose_arch
    from finnr.frontend.onnx_import import import_model
    from finnr.models.devices import get_device

    module = import_model(tfc_w2a2_example(), require_quantized=True)
    pipeline.run(module, pipeline.TO_DATAFLOW)
    device = dataclasses.replace(get_device("pynq-z1"), name="small", lut=1320)
    for cost_model, arch in (("finn", "dataflow"), (None, "offload"), ("finn-r", "offload")):
        got, why = _choose_arch(module, device, BuildOptions(None, "unused", arch="auto", cost_model=cost_model))
        assert got == arch, (cost_model, why)
    assert cost_models.MODULE_ATTR not in module.attributes  # the judge leaves the module as it was


def test_roofline_places_the_design_of_the_cost_model(tmp_path, capsys):
    """`finnr roofline --model M --cost-model finn` places the design
    `finnr build --cost-model finn --maximize` makes (at 5% of a PYNQ-Z1,
    twice the frame rate of the default model's); an unknown model is a
    usage error."""
    from finnr.driver.main import main
    from finnr.flows.build import BuildOptions, run_build
    from finnr.flows.roofline import compile_point
    from finnr.models.devices import get_device

    model, device = _tfc_example(tmp_path), get_device("pynq-z1")
    report = run_build(BuildOptions(model=model, output=str(tmp_path / "b"), maximize=True, utilization=0.05,
                                    cost_model="finn"))
    finn, default = (compile_point(model, device, 0.05, cost_model=m) for m in ("finn", None))
    assert f"({report['fps']:,.0f} FPS)" in finn.name
    assert finn.ops_per_second == pytest.approx(2 * default.ops_per_second)
    assert main(["roofline", "--device", "pynq-z1", "--model", model, "--utilization", "0.05", "--cost-model", "finn",
                 "-o", str(tmp_path / "r.png")]) == 0
    assert f"{finn.ops_per_second / 1e12:.3f} TOp/s" in capsys.readouterr().out
    with pytest.raises(SystemExit) as e:
        main(["roofline", "--device", "pynq-z1", "--cost-model", "nope"])
    assert e.value.code == 2


# --- FINN's depthwise window generator takes its VVAU's PE as SIMD ---------------------------


@pytest.mark.parametrize(("heuristic", "fps"), [("optimizer", 2e4), ("optimizer", 2e5), ("setfolding", 2e4),
                                                ("setfolding", 2e5), ("optimizer", None)])
def test_depthwise_window_takes_the_vvau_pe(heuristic, fps):
    """Under --cost-model finn a depthwise window generator is one of its
    VVAU's FINN nodes: folding_config.json gives it SIMD = the VVAU's PE
    (FINN requires it), the VVAU keeps SIMD 1 (more needs FINN's parallel
    window), the estimate is the window's at that SIMD, the finnr window
    layer costs nothing of its own."""
    from finnr.examples.networks import NetSpec
    from finnr.interop.finn import finn_estimate, finn_plan_config
    from finnr.models import layers as lm
    from test_dataflow_differential import _dw_cnn

    module = _dataflow_of_proto(_dw_cnn(NetSpec(2, 2, True, False, False, seed=1), 4))
    if fps is None:
        pipeline.run(module, pipeline.folding(maximize=True, utilization=0.1, cost_model="finn"))
    else:
        pipeline.run(module, pipeline.folding(target_fps=fps, heuristic=heuristic, cost_model="finn"))
    config, estimate = finn_plan_config(module), finn_estimate(module)
    names = list(config)
    # the 3x3 depthwise VVAU behind its window; the pointwise one (1x1, stride 1) has none in FINN's flow
    vvaus = [i for i, n in enumerate(names) if n.startswith("VVAU_hls")]
    assert [names[i - 1] for i in vvaus] == ["ConvolutionInputGenerator_rtl_1", "VVAU_hls_0"]
    window, vvau = names[vvaus[0] - 1], names[vvaus[0]]
    assert config[window]["SIMD"] == config[vvau]["PE"] and config[vvau]["SIMD"] == 1
    # only attributes FINN's nodes have (FINN refuses others)
    assert set(config[window]) == {"SIMD", "parallel_window", "ram_style"}
    assert set(config[vvau]) == {"PE", "SIMD", "ram_style", "resType", "mem_mode"}
    layers = lm.compute_layers(module.walk())
    swu = next(op for op in layers if isinstance(op, df.SWUOp) and op.depthwise.value.data)
    vvau = next(op for op in layers if isinstance(op, df.VVAUOp))
    s, pe = lm.spec_of(swu), lm.folding(vvau)[0]
    assert estimate[window]["cycles"] == int(fe.swu_cycles(s.channels, s.ifm, s.ofm, s.kernel, s.stride, s.dilation,
                                                            pe, depthwise=True))
    assert cost_models.get("finn").cycles(s, 1, 1) == 0 and cost_models.get("finn").resources(s, 1, 1)["lut"] == 0
    assert (finn_model.folding_ok(lm.spec_of(vvau), np.array([1, 2]), np.array([1, 3])) == [True, False]).all()


def _dataflow_of_proto(model) -> object:
    from finnr.frontend.onnx_import import import_model

    module = import_model(model)
    pipeline.run(module, pipeline.TO_DATAFLOW)
    return module
