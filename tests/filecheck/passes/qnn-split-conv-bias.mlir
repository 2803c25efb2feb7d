// qnn-split-conv-bias: a conv's constant bias becomes an add after it, per
// output channel (exact: the interpreter adds the bias to the finished sum).
// RUN: finnr-opt %s --split-input-file -p qnn-split-conv-bias | filecheck %s

// CHECK-LABEL: func.func @nchw(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x1x3x3xf32>) -> tensor<1x2x2x2xf32> {
// CHECK-NEXT:  %[[W:[^ ,]*]] = qnn.constant
// CHECK-NEXT:  %[[Y:[^ ,]*]] = qnn.conv %[[X]], %[[W]] {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x1x3x3xf32>, tensor<2x1x2x2x!qnn.int<2>>) -> tensor<1x2x2x2xf32>
// CHECK-NEXT:  %[[B:[^ ,]*]] = qnn.constant dense<{{\[\[\[}}1.000000e+00]], {{\[\[}}2.000000e+00{{\]\]\]}}> : tensor<2x1x1xf32> -> tensor<2x1x1xf32>
// CHECK-NEXT:  %[[O:[^ ,]*]] = qnn.add %[[Y]], %[[B]] : (tensor<1x2x2x2xf32>, tensor<2x1x1xf32>) -> tensor<1x2x2x2xf32>
// CHECK-NEXT:  func.return %[[O]] : tensor<1x2x2x2xf32>
func.func @nchw(%x: tensor<1x1x3x3xf32>) -> tensor<1x2x2x2xf32> {
  %w = qnn.constant dense<[[[[1, -1], [0, 1]]], [[[1, 1], [1, 1]]]]> : tensor<2x1x2x2xi8> -> tensor<2x1x2x2x!qnn.int<2>>
  %b = qnn.constant dense<[1.0, 2.0]> : tensor<2xf32> -> tensor<2xf32>
  %y = qnn.conv %x, %w, %b {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x1x3x3xf32>, tensor<2x1x2x2x!qnn.int<2>>, tensor<2xf32>) -> tensor<1x2x2x2xf32>
  func.return %y : tensor<1x2x2x2xf32>
}

// -----

// Refused: a bias that is not a constant.
// CHECK-LABEL: func.func @bias_not_constant(
// CHECK:       qnn.conv %{{[^ ,]*}}, %{{[^ ,]*}}, %{{[^ ,]*}} {
func.func @bias_not_constant(%x: tensor<1x1x3x3xf32>, %b: tensor<2xf32>) -> tensor<1x2x2x2xf32> {
  %w = qnn.constant dense<[[[[1, -1], [0, 1]]], [[[1, 1], [1, 1]]]]> : tensor<2x1x2x2xi8> -> tensor<2x1x2x2x!qnn.int<2>>
  %y = qnn.conv %x, %w, %b {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x1x3x3xf32>, tensor<2x1x2x2x!qnn.int<2>>, tensor<2xf32>) -> tensor<1x2x2x2xf32>
  func.return %y : tensor<1x2x2x2xf32>
}
