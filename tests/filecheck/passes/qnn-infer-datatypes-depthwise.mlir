// qnn-infer-datatypes on qnn.depthwise_dot: per channel the accumulator
// range of its constant weights,
// the widest channel sets the type; non-constant weights bound every product.
// RUN: finnr-opt %s --split-input-file -p qnn-infer-datatypes | filecheck %s

// Channel 0 weights (1, -1, 1): [-3, 6]; channel 1 (2, 2, 0): [0, 12] -> int<5>.
// CHECK-LABEL: func.func @constant_weights(
// CHECK:       qnn.depthwise_dot %{{.*}} : (tensor<1x6x!qnn.uint<2>>, tensor<2x3x!qnn.int<3>>) -> tensor<1x2x!qnn.int<5>>
func.func @constant_weights(%x: tensor<1x6x!qnn.uint<2>>) -> tensor<1x2xf32> {
  %w = qnn.constant dense<[[1, -1, 1], [2, 2, 0]]> : tensor<2x3xi8> -> tensor<2x3x!qnn.int<3>>
  %y = qnn.depthwise_dot %x, %w : (tensor<1x6x!qnn.uint<2>>, tensor<2x3x!qnn.int<3>>) -> tensor<1x2xf32>
  %s = qnn.constant dense<0.5> : tensor<f32> -> tensor<f32>
  %z = qnn.mul %y, %s : (tensor<1x2xf32>, tensor<f32>) -> tensor<1x2xf32>
  func.return %z : tensor<1x2xf32>
}

// -----

// Non-constant int<2> weights: 3 * [-2, 1] * [0, 3] = [-18, 9] -> int<6>.
// CHECK-LABEL: func.func @dynamic_weights(
// CHECK:       qnn.depthwise_dot %{{.*}} : (tensor<1x6x!qnn.uint<2>>, tensor<2x3x!qnn.int<2>>) -> tensor<1x2x!qnn.int<6>>
func.func @dynamic_weights(%x: tensor<1x6x!qnn.uint<2>>, %w: tensor<2x3x!qnn.int<2>>) -> tensor<1x2xf32> {
  %y = qnn.depthwise_dot %x, %w : (tensor<1x6x!qnn.uint<2>>, tensor<2x3x!qnn.int<2>>) -> tensor<1x2xf32>
  %s = qnn.constant dense<0.5> : tensor<f32> -> tensor<f32>
  %z = qnn.mul %y, %s : (tensor<1x2xf32>, tensor<f32>) -> tensor<1x2xf32>
  func.return %z : tensor<1x2xf32>
}

// -----

// Refused: a float input keeps the result f32.
// CHECK-LABEL: func.func @float_input(
// CHECK:       qnn.depthwise_dot %{{.*}} : (tensor<1x6xf32>, tensor<2x3x!qnn.int<3>>) -> tensor<1x2xf32>
func.func @float_input(%x: tensor<1x6xf32>) -> tensor<1x2xf32> {
  %w = qnn.constant dense<[[1, -1, 1], [2, 2, 0]]> : tensor<2x3xi8> -> tensor<2x3x!qnn.int<3>>
  %y = qnn.depthwise_dot %x, %w : (tensor<1x6xf32>, tensor<2x3x!qnn.int<3>>) -> tensor<1x2xf32>
  %s = qnn.constant dense<0.5> : tensor<f32> -> tensor<f32>
  %z = qnn.mul %y, %s : (tensor<1x2xf32>, tensor<f32>) -> tensor<1x2xf32>
  func.return %z : tensor<1x2xf32>
}
