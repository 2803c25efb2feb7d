"""Every dataflow layer has an entry in every registry keyed by op class
that must cover it; a new layer op without one fails here, naming the op
and the registry."""

from __future__ import annotations

import pytest
from xdsl.irdl import irdl_op_definition

from finnr.backends.rtl import design as rtl
from finnr.dialects import dataflow as df
from finnr.interop import finn
from finnr.interpreter.dataflow import DataflowFunctions
from finnr.models import calibration, schedule
from finnr.models.registry import KINDS, MODELS, WeightedModel, layer_op_classes, missing_entries, model_named, model_of
from finnr.passes.convert_dataflow_to_hls import KERNEL_LOWERINGS

HLS_ABSORBED = {df.FIFOOp}
"""Layers with no HLS kernel of their own: a FIFO becomes the depth of the
``hls.stream`` it sits on."""

REGISTRIES = {
    "interpreter (finnr.interpreter.dataflow.DataflowFunctions)": {cls for cls, _ in DataflowFunctions._impls()},
    "cost model (finnr.models.registry.MODELS)": MODELS,
    "yosys LUT terms (finnr.models.calibration.TERMS)": calibration.TERMS,
    "FINN op type (finnr.interop.finn.OP_TYPE)": finn.OP_TYPE,
    "HLS kernel lowering (finnr.passes.convert_dataflow_to_hls.KERNEL_LOWERINGS)": {*KERNEL_LOWERINGS, *HLS_ABSORBED},
    "RTL engine (finnr.backends.rtl.design.ENGINES)": set(rtl.ENGINES),
    "engine schedule (finnr.models.schedule.SCHEDULES)": schedule.SCHEDULES,
}
"""Registry name -> the op classes it covers."""


@irdl_op_definition
class DummyLayerOp(df.StreamOp):
    """A layer kind that nobody gave an entry."""

    name = "dataflow.dummy_layer"


def test_every_dataflow_layer_has_every_entry():
    assert missing_entries(REGISTRIES, layer_op_classes()) == []


def test_exemptions_are_current():
    """An exempted layer that gained an entry must leave the exemption list."""
    assert not HLS_ABSORBED & set(KERNEL_LOWERINGS)


def test_layers_are_found_by_class_hierarchy():
    layers = layer_op_classes()
    assert df.MVAUOp in layers and df.AddStreamsOp in layers and df.DuplicateOp in layers
    for not_a_layer in (df.PartitionOp, df.OffloadOp, df.YieldOp, df.EngineOp):
        assert not_a_layer not in layers
    assert len(layers) == len(MODELS)


def test_a_layer_without_entries_is_reported():
    classes = [*df.Dataflow.operations, DummyLayerOp]
    missing = missing_entries(REGISTRIES, layer_op_classes(classes))
    assert missing == [f"dataflow.dummy_layer (DummyLayerOp) has no entry in the {name} registry" for name in REGISTRIES]


def test_model_of_an_unregistered_class_names_it():
    with pytest.raises(ValueError, match=r"dataflow.dummy_layer \(DummyLayerOp\) is not a dataflow layer"):
        model_of(DummyLayerOp)
    with pytest.raises(ValueError, match="dataflow.partition"):
        model_of(df.PartitionOp)


def test_kinds_are_defined_by_the_entries():
    assert len(set(KINDS)) == len(MODELS)
    for cls, model in MODELS.items():
        assert model.op is cls and model_of(cls) is model and model_named(model.kind) is model


def test_engine_kinds_are_the_weighted_layers():
    """The ``kind`` of a dataflow.engine names the weighted layer it runs;
    the layer models agree."""
    assert {model_of(cls).kind: cls for cls in df.ENGINE_OPS.values()} == df.ENGINE_OPS
    assert [cls for cls, m in MODELS.items() if isinstance(m, WeightedModel)] == list(df.ENGINE_OPS.values())
