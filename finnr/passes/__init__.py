"""finnr's passes, one per file, named after their command-line name
(``qnn_streamline.py`` for ``qnn-streamline``); loaded lazily."""

import importlib
from collections.abc import Callable

from xdsl.passes import ModulePass

_PASS_MODULES = {
    "qnn-quantize-input": ("qnn_quantize_input", "QnnQuantizeInput"),
    "qnn-fold-constants": ("qnn_fold_constants", "QnnFoldConstants"),
    "qnn-fold-quant-weights": ("qnn_fold_quant_weights", "QnnFoldQuantWeights"),
    "qnn-batchnorm-to-affine": ("qnn_batchnorm_to_affine", "QnnBatchnormToAffine"),
    "qnn-infer-datatypes": ("qnn_infer_datatypes", "QnnInferDatatypes"),
    "qnn-activation-to-thresholds": ("qnn_activation_to_thresholds", "QnnActivationToThresholds"),
    "qnn-absorb-into-thresholds": ("qnn_absorb_into_thresholds", "QnnAbsorbIntoThresholds"),
    "qnn-move-affine": ("qnn_move_affine", "QnnMoveAffine"),
    "qnn-integer-add": ("qnn_integer_add", "QnnIntegerAdd"),
    "qnn-split-conv-bias": ("qnn_split_conv_bias", "QnnSplitConvBias"),
    "qnn-round-thresholds": ("qnn_round_thresholds", "QnnRoundThresholds"),
    "qnn-lower-conv": ("qnn_lower_conv", "QnnLowerConv"),
    "qnn-lower-avgpool": ("qnn_lower_avgpool", "QnnLowerAvgpool"),
    "qnn-move-transposes": ("qnn_move_transposes", "QnnMoveTransposes"),
    "qnn-streamline": ("qnn_streamline", "QnnStreamline"),
    "qnn-requantize": ("qnn_requantize", "QnnRequantize"),
    "qnn-prune": ("qnn_prune", "QnnPrune"),
    "convert-qnn-to-dataflow": ("convert_qnn_to_dataflow", "ConvertQnnToDataflow"),
    "dataflow-set-folding": ("dataflow_set_folding", "DataflowSetFolding"),
    "dataflow-map-offload": ("dataflow_map_offload", "DataflowMapOffload"),
    "dataflow-insert-duplicate": ("dataflow_insert_duplicate", "DataflowInsertDuplicate"),
    "dataflow-insert-dwc": ("dataflow_insert_dwc", "DataflowInsertDWC"),
    "dataflow-insert-fifo": ("dataflow_insert_fifo", "DataflowInsertFIFO"),
    "dataflow-size-fifos": ("dataflow_size_fifos", "DataflowSizeFIFOs"),
    "dataflow-set-fifo-depths": ("dataflow_set_fifo_depths", "DataflowSetFIFODepths"),
    "dataflow-estimate": ("dataflow_estimate", "DataflowEstimate"),
    "convert-dataflow-to-hls": ("convert_dataflow_to_hls", "ConvertDataflowToHls"),
    "legalize-names": ("legalize_names", "LegalizeNames"),
}


def _factory(module: str, cls: str) -> Callable[[], type[ModulePass]]:
    def load() -> type[ModulePass]:
        return getattr(importlib.import_module(f"finnr.passes.{module}"), cls)

    return load


FINNR_PASSES: dict[str, Callable[[], type[ModulePass]]] = {
    name: _factory(*where) for name, where in _PASS_MODULES.items()
}
"""Pass factories by command-line name, registered in ``finnr-opt``."""
