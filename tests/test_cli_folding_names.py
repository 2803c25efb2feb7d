"""FINN's older layer names in a folding config (``StreamingFCLayer_Batch_0``
for today's ``MVAU_hls_0``, ...) apply like today's, instead of being ignored
(a build that fell back to PE = SIMD = 1); entries that match no layer are
warnings."""

from __future__ import annotations

import json

import pytest

from finnr.dialects import dataflow as df
from finnr.driver.main import main
from finnr.interop.finn import finn_op_class


@pytest.mark.parametrize(
    ("name", "cls"),
    [("StreamingFCLayer_Batch_0", df.MVAUOp), ("MatrixVectorActivation_1", df.MVAUOp), ("MVAU_hls_2", df.MVAUOp),
     ("Thresholding_Batch_3", df.ThresholdingOp), ("ConvolutionInputGenerator_0", df.SWUOp),
     ("ConvolutionInputGenerator1D_1", df.SWUOp), ("ConvolutionInputGenerator_rtl_2", df.SWUOp),
     ("StreamingMaxPool_Batch_0", df.MaxPoolOp), ("FMPadding_Batch_1", df.PadOp),
     ("StreamingDataWidthConverter_Batch_2", df.DWCOp), ("StreamingFIFO_4", df.FIFOOp),
     ("Vector_Vector_Activate_Batch_0", df.VVAUOp), ("LabelSelect_Batch_0", df.LabelSelectOp),
     ("DuplicateStreams_Batch_0", df.DuplicateOp), ("AddStreams_Batch_1", df.AddStreamsOp),
     ("Reshape_0", None), ("FMPadding_Pixel_0", None), ("Defaults", None)],
)
def test_finn_names_old_and_new(name, cls):
    assert finn_op_class(name) is cls


def test_a_config_with_finns_old_names_folds_the_build(tmp_path, capsys):
    config = tmp_path / "old.json"
    config.write_text(json.dumps({
        "StreamingFCLayer_Batch_0": {"PE": 4, "SIMD": 8},
        "StreamingFCLayer_Batch_1": {"PE": 2, "SIMD": 4},
        "StreamingFCLayer_Batch_2": {"PE": 5, "SIMD": 2},
        "Thresholding_Batch_0": {"PE": 1},
    }))
    out = tmp_path / "out"
    assert main(["build", "-o", str(out), "--folding-config", str(config), "--stop-after", "estimate"]) == 0
    err = capsys.readouterr().err
    layers = json.loads((out / "report.json").read_text())["layers"]
    mvaus = [(r["name"], r["pe"], r["simd"]) for r in layers if r["kind"] == "mvau"]
    assert mvaus == [("MVAU_hls_0", 4, 8), ("MVAU_hls_1", 2, 4), ("MVAU_hls_2", 5, 2)]
    assert "finnr: warning: folding config entry 'Thresholding_Batch_0' has no counterpart in this network" in err
    assert "StreamingFCLayer" not in err
