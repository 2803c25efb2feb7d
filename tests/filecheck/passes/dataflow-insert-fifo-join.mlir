// dataflow-insert-fifo at a join: the FIFO in front of the short branch of
// a fork/join holds what the long branch holds (the held fractions of the
// cost model, summed along the branch, in beats of the FIFO's stream, + 2),
// so that the fork never waits on a full short branch while the long one
// needs input. Here the long branch from the partition input %a holds
//   pad 2/16 + fifo 2/72 + swu (3-1+1+1)/6 rows + fifo 2/288 + mvau 2/16
//   + fifo 2/32 = 1.0139 frames
// of %a's 32 beats: ceil(32.44) + 2 = 35 words. The long branch's own
// inputs keep depth 2.
// RUN: finnr-opt %s --split-input-file -p dataflow-insert-fifo | filecheck %s

// CHECK-LABEL: func.func @join(
// CHECK:         %[[L:[^ ]*]] = dataflow.fifo %m : (tensor<1x4x4x2x!qnn.int<6>>)
// CHECK-NEXT:    %[[S:[^ ]*]] = dataflow.fifo %a {depth = 35 : i64} : (tensor<1x4x4x2x!qnn.uint<2>>) -> tensor<1x4x4x2x!qnn.uint<2>>
// CHECK-NEXT:    dataflow.add_streams %[[L]], %[[S]]
func.func @join(%x: tensor<1x4x4x2x!qnn.uint<2>>) -> tensor<1x4x4x2x!qnn.int<7>> {
  %p = dataflow.partition "dataflow_0" (%a = %x : tensor<1x4x4x2x!qnn.uint<2>>) -> (tensor<1x4x4x2x!qnn.int<7>>) {
    %q = dataflow.pad %a {pads = array<i64: 1, 1, 1, 1>} : (tensor<1x4x4x2x!qnn.uint<2>>) -> tensor<1x6x6x2x!qnn.uint<2>>
    %w = dataflow.swu %q {kernel = array<i64: 3, 3>} : (tensor<1x6x6x2x!qnn.uint<2>>) -> tensor<1x4x4x18x!qnn.uint<2>>
    %m = dataflow.mvau %w {weights = dense<1> : tensor<18x2xi8>, weight_dtype = !qnn.int<2>} : (tensor<1x4x4x18x!qnn.uint<2>>) -> tensor<1x4x4x2x!qnn.int<6>>
    %s = dataflow.add_streams %m, %a : (tensor<1x4x4x2x!qnn.int<6>>, tensor<1x4x4x2x!qnn.uint<2>>) -> tensor<1x4x4x2x!qnn.int<7>>
    dataflow.yield %s : tensor<1x4x4x2x!qnn.int<7>>
  }
  func.return %p : tensor<1x4x4x2x!qnn.int<7>>
}

// -----

// Refused: a join of two partition inputs has no fork upstream; nothing
// waits, no FIFO is added.
// CHECK-LABEL: func.func @independent(
// CHECK-NOT:     dataflow.fifo
// CHECK:         dataflow.add_streams %a, %b
func.func @independent(%x: tensor<1x4x!qnn.uint<2>>, %y: tensor<1x4x!qnn.uint<2>>) -> tensor<1x4x!qnn.uint<3>> {
  %p = dataflow.partition "dataflow_0" (%a = %x : tensor<1x4x!qnn.uint<2>>, %b = %y : tensor<1x4x!qnn.uint<2>>) -> (tensor<1x4x!qnn.uint<3>>) {
    %s = dataflow.add_streams %a, %b : (tensor<1x4x!qnn.uint<2>>, tensor<1x4x!qnn.uint<2>>) -> tensor<1x4x!qnn.uint<3>>
    dataflow.yield %s : tensor<1x4x!qnn.uint<3>>
  }
  func.return %p : tensor<1x4x!qnn.uint<3>>
}
