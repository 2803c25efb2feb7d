// RUN: finnr-opt %s --split-input-file --verify-diagnostics | filecheck %s

func.func @weights_rank(%x: tensor<1x18xf32>, %w: tensor<2x9x1xf32>) {
  %y = qnn.depthwise_dot %x, %w : (tensor<1x18xf32>, tensor<2x9x1xf32>) -> tensor<1x2xf32>
  func.return
}
// CHECK: 'qnn.depthwise_dot' weights must be (C, K), got shape [2, 9, 1]

// -----

func.func @vector_size(%x: tensor<1x16xf32>, %w: tensor<2x9xf32>) {
  %y = qnn.depthwise_dot %x, %w : (tensor<1x16xf32>, tensor<2x9xf32>) -> tensor<1x2xf32>
  func.return
}
// CHECK: 'qnn.depthwise_dot' input vectors must have K*C = 9*2 = 18 elements, got shape [1, 16]

// -----

func.func @result_shape(%x: tensor<1x18xf32>, %w: tensor<2x9xf32>) {
  %y = qnn.depthwise_dot %x, %w : (tensor<1x18xf32>, tensor<2x9xf32>) -> tensor<1x9xf32>
  func.return
}
// CHECK: 'qnn.depthwise_dot' result shape must be [1, 2], got [1, 9]

// -----

func.func @element_type(%x: tensor<1x18xi32>, %w: tensor<2x9xf32>) {
  %y = qnn.depthwise_dot %x, %w : (tensor<1x18xi32>, tensor<2x9xf32>) -> tensor<1x2xf32>
  func.return
}
// CHECK: 'qnn.depthwise_dot' operand #0
