"""finnr's passes, one per file, named after their command-line name
(``qnn_streamline.py`` for ``qnn-streamline``)."""

from collections.abc import Callable

from xdsl.passes import ModulePass


def _qnn_fold_constants() -> type[ModulePass]:
    from finnr.passes.qnn_fold_constants import QnnFoldConstants

    return QnnFoldConstants


def _qnn_fold_quant_weights() -> type[ModulePass]:
    from finnr.passes.qnn_fold_quant_weights import QnnFoldQuantWeights

    return QnnFoldQuantWeights


def _qnn_batchnorm_to_affine() -> type[ModulePass]:
    from finnr.passes.qnn_batchnorm_to_affine import QnnBatchnormToAffine

    return QnnBatchnormToAffine


def _qnn_infer_datatypes() -> type[ModulePass]:
    from finnr.passes.qnn_infer_datatypes import QnnInferDatatypes

    return QnnInferDatatypes


def _qnn_activation_to_thresholds() -> type[ModulePass]:
    from finnr.passes.qnn_activation_to_thresholds import QnnActivationToThresholds

    return QnnActivationToThresholds


def _qnn_absorb_into_thresholds() -> type[ModulePass]:
    from finnr.passes.qnn_absorb_into_thresholds import QnnAbsorbIntoThresholds

    return QnnAbsorbIntoThresholds


def _qnn_move_affine() -> type[ModulePass]:
    from finnr.passes.qnn_move_affine import QnnMoveAffine

    return QnnMoveAffine


FINNR_PASSES: dict[str, Callable[[], type[ModulePass]]] = {
    "qnn-fold-constants": _qnn_fold_constants,
    "qnn-fold-quant-weights": _qnn_fold_quant_weights,
    "qnn-batchnorm-to-affine": _qnn_batchnorm_to_affine,
    "qnn-infer-datatypes": _qnn_infer_datatypes,
    "qnn-activation-to-thresholds": _qnn_activation_to_thresholds,
    "qnn-absorb-into-thresholds": _qnn_absorb_into_thresholds,
    "qnn-move-affine": _qnn_move_affine,
}
"""Pass factories by command-line name, registered in ``finnr-opt``."""
