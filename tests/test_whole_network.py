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
from finnr_testing.flow import apply
from finnr_testing.shared_models import shared_model

QUANTIZED_INPUT = ("tiny_resnet_w4a4", "tiny_invres_w2a2", "espcn_w4a4", "cnv_1w1a", "tfc_2w2a", "sfc_1w1a")
"""Models whose input has a quantizer: nothing but the tails stays on the host."""

FLOAT_INPUT = ("mobilenet_v1_w2a2_quarter_64", "resnet18_w4a4")
"""Models whose first conv reads the unquantized float input."""


def _partitions(module) -> list[df.PartitionOp]:
    return [op for op in module.walk() if isinstance(op, df.PartitionOp)]


def _fold_randomly(module, rng) -> None:
    from finnr.dialects.utils import i64_attr
    from finnr.models.folding import divisors

    for op in module.walk():
        props = type(op).get_irdl_definition().properties
        if isinstance(op, df.VVAUOp):
            op.properties["pe"] = i64_attr(int(rng.choice(divisors(op.channels))))
            op.properties["simd"] = i64_attr(int(rng.choice(divisors(int(np.prod(op.kernel.get_values()))))))
        elif isinstance(op, df.MVAUOp):
            op.properties["pe"] = i64_attr(int(rng.choice(divisors(op.results[0].type.get_shape()[-1]))))
            op.properties["simd"] = i64_attr(int(rng.choice(divisors(op.operands[0].type.get_shape()[-1]))))
        elif isinstance(op, df.StreamOp) and not isinstance(op, df.DWCOp | df.FIFOOp | df.LabelSelectOp):
            key = "simd" if "simd" in props else "pe" if "pe" in props else None
            if key is not None:
                op.properties[key] = i64_attr(int(rng.choice(divisors(op.operands[0].type.get_shape()[-1]))))
    module.verify()


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
    _fold_randomly(module, np.random.default_rng(17))
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
