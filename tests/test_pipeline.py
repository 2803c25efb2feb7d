"""The stage pipeline as pass-pipeline specs: options survive the round trip
through xDSL's spec parser exactly (floats, strings with quotes and
backslashes, infinity), and the stages compose into a pipeline of finnr's
passes in the order of ``finnr build``."""

from __future__ import annotations

import numpy as np
import pytest
from xdsl.passes import PassPipeline

from finnr.diagnostics import FinnrError
from finnr.flows import pipeline
from finnr.passes import FINNR_PASSES


def parsed(spec: str):
    return PassPipeline.parse_spec(FINNR_PASSES, spec).passes


@pytest.mark.parametrize("fps", [3000.0, 1e-5, 1e20, 123456.789, 0.1 + 0.2, float("inf"), 7, np.float64(2.5)])
def test_numbers_round_trip(fps):
    (p,) = parsed(pipeline.folding(device="zcu104", target_fps=fps, utilization=0.35))
    assert p.target_fps == fps and isinstance(p.target_fps, int) == isinstance(fps, int)
    assert (p.device, p.utilization, p.maximize) == ("zcu104", 0.35, False)


def test_strings_round_trip():
    path = 'dir with space/"quoted"\\back\nslash ü.json'
    (p,) = parsed(pipeline.folding(config=path))
    assert p.config == path


def test_nan_is_refused():
    with pytest.raises(FinnrError, match="nan"):
        pipeline.folding(target_fps=float("nan"))


def test_stages_compose_in_build_order():
    spec = ",".join([pipeline.TO_DATAFLOW, pipeline.folding(maximize=True), pipeline.buffers(depths="d.json"),
                     pipeline.ESTIMATE, pipeline.HLS])
    assert [p.name for p in parsed(spec)] == [
        "qnn-streamline", "convert-qnn-to-dataflow", "dataflow-set-folding", "dataflow-insert-duplicate",
        "dataflow-insert-dwc", "dataflow-insert-fifo", "dataflow-size-fifos", "dataflow-set-fifo-depths", "dataflow-estimate",
        "dataflow-insert-duplicate",
        "dataflow-insert-dwc", "convert-dataflow-to-hls"]
    assert pipeline.offload(device="ultra96") == 'dataflow-map-offload{device="ultra96" utilization=0.8}'
