// qnn.depthwise_dot (the depthwise convolution on im2col windows, FINN's
// VVAU): input (..., K*C) ordered (k, c), weights (C, K), result (..., C).
// RUN: finnr-opt %s | finnr-opt | filecheck %s
// RUN: finnr-opt %s --print-op-generic | finnr-opt | filecheck %s

func.func @depthwise_dot(%x: tensor<1x4x4x18x!qnn.uint<2>>, %w: tensor<2x9x!qnn.int<3>>, %f: tensor<3x8xf32>) -> (tensor<1x4x4x2x!qnn.int<8>>, tensor<3x2xf32>) {
  %y = qnn.depthwise_dot %x, %w : (tensor<1x4x4x18x!qnn.uint<2>>, tensor<2x9x!qnn.int<3>>) -> tensor<1x4x4x2x!qnn.int<8>>
  %c = qnn.constant dense<[[1.0, 2.0, 3.0, 4.0], [0.5, 0.0, -1.0, 2.0]]> : tensor<2x4xf32> -> tensor<2x4xf32>
  %z = qnn.depthwise_dot %f, %c : (tensor<3x8xf32>, tensor<2x4xf32>) -> tensor<3x2xf32>
  func.return %y, %z : tensor<1x4x4x2x!qnn.int<8>>, tensor<3x2xf32>
}

// CHECK-LABEL: func.func @depthwise_dot
// CHECK:       qnn.depthwise_dot %{{.*}}, %{{.*}} : (tensor<1x4x4x18x!qnn.uint<2>>, tensor<2x9x!qnn.int<3>>) -> tensor<1x4x4x2x!qnn.int<8>>
// CHECK:       qnn.depthwise_dot %{{.*}}, %{{.*}} : (tensor<3x8xf32>, tensor<2x4xf32>) -> tensor<3x2xf32>
