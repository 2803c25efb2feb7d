"""What report.json and report.md say of each layer besides its cost: its
datatypes, where its weights live and its stream widths; resources as whole
counts that add up to the totals."""

from __future__ import annotations

import pytest
from xdsl.dialects.builtin import StringAttr

from finnr.backends.report import build_report, markdown, resource_counts
from finnr.dialects import dataflow as df
from finnr.examples import tfc_w2a2_example
from finnr.flows import pipeline
from finnr.frontend.onnx_import import import_model
from finnr.models.devices import get_device
from finnr.models.layers import dataflow_layers, folding


@pytest.fixture
def folded():
    module = import_model(tfc_w2a2_example(), require_quantized=True)
    pipeline.run(module, f"{pipeline.TO_DATAFLOW},{pipeline.folding(target_fps=100_000)},{pipeline.buffers()}")
    return module


def mvaus(module):
    return [op for op in dataflow_layers(module) if isinstance(op, df.MVAUOp)]


def test_datatypes_memory_and_stream_widths(folded):
    first, second, third = mvaus(folded)
    second.properties["ram_style"] = StringAttr("ultra")
    third.properties["mem_mode"] = StringAttr("external")
    report = build_report(folded, get_device("zcu104"))
    rows = {r["name"]: r for r in report["layers"]}
    a, b, c = rows["MVAU_hls_0"], rows["MVAU_hls_1"], rows["MVAU_hls_2"]
    # the example: 2-bit signed inputs and weights, 2-bit unsigned activations, a 7-bit signed output
    assert (a["input_dtype"], a["weight_dtype"], a["output_dtype"]) == ("INT2", "INT2", "UINT2")
    assert (c["input_dtype"], c["output_dtype"]) == ("UINT2", "INT7")
    assert (a["weight_memory"], b["weight_memory"], c["weight_memory"]) == ("LUTRAM", "URAM", "off-chip")
    pe, simd = folding(first)
    assert (a["in_stream_bits"], a["out_stream_bits"]) == (simd * 2, pe * 2)
    assert b["uram"] >= 1 and c["bram18"] == c["uram"] == 0
    fifo = next(r for r in report["layers"] if r["kind"] == "fifo")
    assert fifo["weight_dtype"] is None and fifo["weight_memory"] is None
    assert fifo["in_stream_bits"] == fifo["out_stream_bits"]
    text = markdown(report)
    assert "| layer | input | output | weights | weight memory | in stream (bits) | out stream (bits) |" in text
    assert f"| MVAU_hls_0 | INT2 | UINT2 | INT2 | LUTRAM | {simd * 2} | {pe * 2} |" in text


def test_block_ram_weights(folded):
    first = mvaus(folded)[0]
    first.properties["ram_style"] = StringAttr("block")
    row = build_report(folded, get_device("pynq-z1"))["layers"][0]
    assert row["weight_memory"] == "BRAM" and row["bram18"] >= 1


def test_resource_counts_are_whole():
    assert resource_counts({"lut": 10.5, "ff": 3.49, "bram18": 0.5, "uram": 0.0, "dsp": 2.0}) == \
        {"lut": 11, "ff": 3, "bram18": 1, "uram": 0, "dsp": 2}
