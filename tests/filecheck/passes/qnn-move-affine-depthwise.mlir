// qnn-move-affine on depthwise convolutions: a per-channel scale on the
// input moves to the output (channel m reads input channel m // (M / C)
// only); the convolution then works on the integers.
// RUN: finnr-opt %s --split-input-file -p qnn-move-affine | filecheck %s

// Depthwise (C = M = 2), padded: the scales 0.5 and 0.25 follow their channels.
// CHECK-LABEL: func.func @depthwise(
// CHECK-SAME:  %[[Q:[^:]*]]: tensor<1x2x3x3x!qnn.uint<2>>) -> tensor<1x2x3x3xf32> {
// CHECK-NEXT:  %[[W:[^ ,]*]] = qnn.constant dense<{{\[\[}}{{\[\[}}1, -1], [0, 1{{\]\]}}], {{\[\[}}[1, 0], [-1, 1{{\]\]}}{{\]\]}}> : tensor<2x1x2x2xi8> -> tensor<2x1x2x2x!qnn.int<2>>
// CHECK-NEXT:  %[[Y:[^ ,]*]] = qnn.conv %[[Q]], %[[W]] {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 1, 1>, dilations = array<i64: 1, 1>, group = 2 : i64} : (tensor<1x2x3x3x!qnn.uint<2>>, tensor<2x1x2x2x!qnn.int<2>>) -> tensor<1x2x3x3xf32>
// CHECK-NEXT:  %[[Y_1:[^ ,]*]] = qnn.constant dense<{{\[\[}}{{\[\[}}5.000000e-01{{\]\]}}, {{\[\[}}2.500000e-01{{\]\]}}{{\]\]}}> : tensor<1x2x1x1xf32> -> tensor<1x2x1x1xf32>
// CHECK-NEXT:  %[[Y_2:[^ ,]*]] = qnn.mul %[[Y]], %[[Y_1]] : (tensor<1x2x3x3xf32>, tensor<1x2x1x1xf32>) -> tensor<1x2x3x3xf32>
// CHECK-NEXT:  func.return %[[Y_2]] : tensor<1x2x3x3xf32>
// CHECK-NEXT:  }
func.func @depthwise(%q: tensor<1x2x3x3x!qnn.uint<2>>) -> tensor<1x2x3x3xf32> {
  %s = qnn.constant dense<[[[0.5]], [[0.25]]]> : tensor<2x1x1xf32> -> tensor<2x1x1xf32>
  %x = qnn.mul %q, %s : (tensor<1x2x3x3x!qnn.uint<2>>, tensor<2x1x1xf32>) -> tensor<1x2x3x3xf32>
  %w = qnn.constant dense<[[[[1, -1], [0, 1]]], [[[1, 0], [-1, 1]]]]> : tensor<2x1x2x2xi8> -> tensor<2x1x2x2x!qnn.int<2>>
  %y = qnn.conv %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 1, 1>, dilations = array<i64: 1, 1>, group = 2 : i64} : (tensor<1x2x3x3xf32>, tensor<2x1x2x2x!qnn.int<2>>) -> tensor<1x2x3x3xf32>
  func.return %y : tensor<1x2x3x3xf32>
}

// -----

// Depthwise with multiplier 2 (C = 2, M = 4): each input channel's scale
// follows both of its output channels.
// CHECK-LABEL: func.func @multiplier(
// CHECK:       %[[Y:[^ ,]*]] = qnn.conv %{{.*}} {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, group = 2 : i64} : (tensor<1x2x2x2x!qnn.uint<2>>, tensor<4x1x2x2x!qnn.int<2>>) -> tensor<1x4x1x1xf32>
// CHECK-NEXT:  %[[K:[^ ,]*]] = qnn.constant dense<{{\[\[}}{{\[\[}}5.000000e-01{{\]\]}}, {{\[\[}}5.000000e-01{{\]\]}}, {{\[\[}}2.500000e-01{{\]\]}}, {{\[\[}}2.500000e-01{{\]\]}}{{\]\]}}> : tensor<1x4x1x1xf32> -> tensor<1x4x1x1xf32>
// CHECK-NEXT:  %{{.*}} = qnn.mul %[[Y]], %[[K]]
func.func @multiplier(%q: tensor<1x2x2x2x!qnn.uint<2>>) -> tensor<1x4x1x1xf32> {
  %s = qnn.constant dense<[[[[0.5]], [[0.25]]]]> : tensor<1x2x1x1xf32> -> tensor<1x2x1x1xf32>
  %x = qnn.mul %s, %q : (tensor<1x2x1x1xf32>, tensor<1x2x2x2x!qnn.uint<2>>) -> tensor<1x2x2x2xf32>
  %w = qnn.constant dense<[[[[1, -1], [0, 1]]], [[[1, 0], [-1, 1]]], [[[1, 1], [1, 1]]], [[[0, 1], [1, 0]]]]> : tensor<4x1x2x2xi8> -> tensor<4x1x2x2x!qnn.int<2>>
  %y = qnn.conv %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, group = 2 : i64} : (tensor<1x2x2x2xf32>, tensor<4x1x2x2x!qnn.int<2>>) -> tensor<1x4x1x1xf32>
  func.return %y : tensor<1x4x1x1xf32>
}

// -----

// Refused: a dense convolution (group 1 < C = 2) mixes channels.
// CHECK-LABEL: func.func @dense_stays(
// CHECK-SAME:  %[[Q:[^:]*]]: tensor<1x2x2x2x!qnn.uint<2>>) -> tensor<1x1x1x1xf32> {
// CHECK-NEXT:  %[[S:[^ ,]*]] = qnn.constant dense<{{\[\[}}[5.000000e-01{{\]\]}}, {{\[\[}}2.500000e-01{{\]\]}}]> : tensor<2x1x1xf32> -> tensor<2x1x1xf32>
// CHECK-NEXT:  %[[X:[^ ,]*]] = qnn.mul %[[Q]], %[[S]] : (tensor<1x2x2x2x!qnn.uint<2>>, tensor<2x1x1xf32>) -> tensor<1x2x2x2xf32>
// CHECK-NEXT:  %[[W:[^ ,]*]] = qnn.constant dense<1> : tensor<1x2x2x2xi8> -> tensor<1x2x2x2x!qnn.uint<1>>
// CHECK-NEXT:  %[[Y:[^ ,]*]] = qnn.conv %[[X]], %[[W]] {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x2x2x2xf32>, tensor<1x2x2x2x!qnn.uint<1>>) -> tensor<1x1x1x1xf32>
// CHECK-NEXT:  func.return %[[Y]] : tensor<1x1x1x1xf32>
// CHECK-NEXT:  }
func.func @dense_stays(%q: tensor<1x2x2x2x!qnn.uint<2>>) -> tensor<1x1x1x1xf32> {
  %s = qnn.constant dense<[[[0.5]], [[0.25]]]> : tensor<2x1x1xf32> -> tensor<2x1x1xf32>
  %x = qnn.mul %q, %s : (tensor<1x2x2x2x!qnn.uint<2>>, tensor<2x1x1xf32>) -> tensor<1x2x2x2xf32>
  %w = qnn.constant dense<1> : tensor<1x2x2x2xi8> -> tensor<1x2x2x2x!qnn.uint<1>>
  %y = qnn.conv %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x2x2x2xf32>, tensor<1x2x2x2x!qnn.uint<1>>) -> tensor<1x1x1x1xf32>
  func.return %y : tensor<1x1x1x1xf32>
}

// -----

// Refused: a bias, and a scale varying over the spatial axes.
// CHECK-LABEL: func.func @bias_and_spatial_scale_stay(
// CHECK-SAME:  %[[Q:[^:]*]]: tensor<1x1x2x2x!qnn.uint<2>>) -> (tensor<1x1x1x1xf32>, tensor<1x1x1x1xf32>) {
// CHECK-NEXT:  %[[S:[^ ,]*]] = qnn.constant dense<5.000000e-01> : tensor<f32> -> tensor<f32>
// CHECK-NEXT:  %[[X:[^ ,]*]] = qnn.mul %[[Q]], %[[S]] : (tensor<1x1x2x2x!qnn.uint<2>>, tensor<f32>) -> tensor<1x1x2x2xf32>
// CHECK-NEXT:  %[[W:[^ ,]*]] = qnn.constant dense<1> : tensor<1x1x2x2xi8> -> tensor<1x1x2x2x!qnn.uint<1>>
// CHECK-NEXT:  %[[B:[^ ,]*]] = qnn.constant dense<1.000000e+00> : tensor<1xf32> -> tensor<1xf32>
// CHECK-NEXT:  %[[Y:[^ ,]*]] = qnn.conv %[[X]], %[[W]], %[[B]] {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x1x2x2xf32>, tensor<1x1x2x2x!qnn.uint<1>>, tensor<1xf32>) -> tensor<1x1x1x1xf32>
// CHECK-NEXT:  %[[V:[^ ,]*]] = qnn.constant dense<{{\[\[}}5.000000e-01, 2.500000e-01], [5.000000e-01, 2.500000e-01{{\]\]}}> : tensor<2x2xf32> -> tensor<2x2xf32>
// CHECK-NEXT:  %[[Z:[^ ,]*]] = qnn.mul %[[Q]], %[[V]] : (tensor<1x1x2x2x!qnn.uint<2>>, tensor<2x2xf32>) -> tensor<1x1x2x2xf32>
// CHECK-NEXT:  %[[U:[^ ,]*]] = qnn.conv %[[Z]], %[[W]] {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x1x2x2xf32>, tensor<1x1x2x2x!qnn.uint<1>>) -> tensor<1x1x1x1xf32>
// CHECK-NEXT:  func.return %[[Y]], %[[U]] : tensor<1x1x1x1xf32>, tensor<1x1x1x1xf32>
// CHECK-NEXT:  }
func.func @bias_and_spatial_scale_stay(%q: tensor<1x1x2x2x!qnn.uint<2>>) -> (tensor<1x1x1x1xf32>, tensor<1x1x1x1xf32>) {
  %s = qnn.constant dense<0.5> : tensor<f32> -> tensor<f32>
  %x = qnn.mul %q, %s : (tensor<1x1x2x2x!qnn.uint<2>>, tensor<f32>) -> tensor<1x1x2x2xf32>
  %w = qnn.constant dense<1> : tensor<1x1x2x2xi8> -> tensor<1x1x2x2x!qnn.uint<1>>
  %b = qnn.constant dense<1.0> : tensor<1xf32> -> tensor<1xf32>
  %y = qnn.conv %x, %w, %b {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x1x2x2xf32>, tensor<1x1x2x2x!qnn.uint<1>>, tensor<1xf32>) -> tensor<1x1x1x1xf32>
  %v = qnn.constant dense<[[0.5, 0.25], [0.5, 0.25]]> : tensor<2x2xf32> -> tensor<2x2xf32>
  %z = qnn.mul %q, %v : (tensor<1x1x2x2x!qnn.uint<2>>, tensor<2x2xf32>) -> tensor<1x1x2x2xf32>
  %u = qnn.conv %z, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x1x2x2xf32>, tensor<1x1x2x2x!qnn.uint<1>>) -> tensor<1x1x1x1xf32>
  func.return %y, %u : tensor<1x1x1x1xf32>, tensor<1x1x1x1xf32>
}
