"""``qnn-streamline``: the standard pipeline that turns an imported QNN into
integer matrix products followed by integer multithresholds.

In order: constant subexpressions fold, quantized weights become integer
constants times scales, batch norms become affine ops, activations become
exact multithresholds, conv biases become adds, scales and biases move past
matrix products, pools and layout changes (then constants fold again: a
transposed weight freed of its scale becomes a constant, into which a
negative scale's sign can move) and are absorbed into the thresholds (with
any monotonic activation in front of a quantizer), residual joins become
integer adds at one scale (``qnn-integer-add``; then the moving and
absorbing run again, for interleaved chains), thresholds on integers are
rounded, convolutions are lowered to NHWC sliding windows and matrix
products, transposes between layers cancel, and every tensor gets its
narrowest datatype. What stays float is the host's part: the input before
its first quantizer and a float tail at the output (a multiply/add, a
softmax)."""

from __future__ import annotations

from dataclasses import dataclass

from xdsl.context import Context
from xdsl.dialects.builtin import ModuleOp
from xdsl.passes import ModulePass

from finnr.dialects import qnn
from finnr.passes.qnn_absorb_into_thresholds import QnnAbsorbIntoThresholds
from finnr.passes.qnn_activation_to_thresholds import QnnActivationToThresholds
from finnr.passes.qnn_batchnorm_to_affine import QnnBatchnormToAffine
from finnr.passes.qnn_fold_constants import QnnFoldConstants
from finnr.passes.qnn_fold_quant_weights import QnnFoldQuantWeights
from finnr.passes.qnn_infer_datatypes import QnnInferDatatypes
from finnr.passes.qnn_integer_add import QnnIntegerAdd
from finnr.passes.qnn_lower_avgpool import QnnLowerAvgpool
from finnr.passes.qnn_lower_conv import QnnLowerConv
from finnr.passes.qnn_move_affine import QnnMoveAffine
from finnr.passes.qnn_move_transposes import QnnMoveTransposes
from finnr.passes.qnn_round_thresholds import QnnRoundThresholds
from finnr.passes.qnn_split_conv_bias import QnnSplitConvBias


@dataclass(frozen=True)
class MoveAffineAndLowerPools(ModulePass):
    """qnn-move-affine, then qnn-lower-avgpool, again while a pool was
    lowered: a lowered pool leaves a scale behind that may free the next
    pool down the line (avgpool -> resize -> global pool). Terminates: each
    round lowers an average pool or is the last."""

    name = "qnn-move-affine+qnn-lower-avgpool"

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        while True:
            QnnMoveAffine().apply(ctx, op)
            pools = sum(isinstance(o, qnn.AvgPoolOp) for o in op.walk())
            QnnLowerAvgpool().apply(ctx, op)
            if sum(isinstance(o, qnn.AvgPoolOp) for o in op.walk()) == pools:
                return


@dataclass(frozen=True)
class QnnStreamline(ModulePass):
    """The standard streamlining pipeline (integer matmuls + integer thresholds)."""

    name = "qnn-streamline"

    lower_conv: bool = True
    """Lower convolutions to im2col + matmul in NHWC."""

    def pipeline(self) -> list[ModulePass]:
        """The passes this pass runs, in order."""
        passes: list[ModulePass] = [
            QnnFoldConstants(),
            QnnFoldQuantWeights(),
            QnnInferDatatypes(),
            QnnBatchnormToAffine(),
            QnnActivationToThresholds(),
            QnnLowerAvgpool(),
            QnnSplitConvBias(),  # so that scales leave biased convs
            MoveAffineAndLowerPools(),
            QnnFoldConstants(),  # weights freed of their scales (transpose(W) of a Gemm) fold
            QnnAbsorbIntoThresholds(),
            QnnIntegerAdd(),  # residual joins: relus absorbed, the scales of both branches at hand
            MoveAffineAndLowerPools(),
            QnnAbsorbIntoThresholds(),
            QnnInferDatatypes(),
            QnnRoundThresholds(),
        ]
        if self.lower_conv:
            passes += [QnnLowerConv(), QnnMoveTransposes()]
        passes += [QnnFoldConstants(), QnnInferDatatypes()]
        return passes

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        for p in self.pipeline():
            p.apply(ctx, op)
