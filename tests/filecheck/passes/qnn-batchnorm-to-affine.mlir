// qnn-batchnorm-to-affine: batchnorm(x) = x * A + B with
// A = scale / sqrt(var + eps) and B = bias - mean * A (computed in float64),
// as f32 constants shaped to broadcast over axis 1.
// RUN: finnr-opt %s --split-input-file -p qnn-batchnorm-to-affine | filecheck %s

// NCHW: A = [3/2, 0.5/0.5] = [1.5, 1], B = [1 - 0.5*1.5, -1 - 2*1] =
// [0.25, -3], both of shape (2, 1, 1).
// CHECK-LABEL: func.func @nchw(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x2x3x3xf32>) -> tensor<1x2x3x3xf32> {
// CHECK-NEXT:  %[[Y:[^ ,]*]] = qnn.constant dense<{{\[\[}}[1.500000e+00{{\]\]}}, {{\[\[}}1.000000e+00{{\]\]}}]> : tensor<2x1x1xf32> -> tensor<2x1x1xf32>
// CHECK-NEXT:  %[[Y_1:[^ ,]*]] = qnn.constant dense<{{\[\[}}[2.500000e-01{{\]\]}}, {{\[\[}}-3.000000e+00{{\]\]}}]> : tensor<2x1x1xf32> -> tensor<2x1x1xf32>
// CHECK-NEXT:  %[[Y_2:[^ ,]*]] = qnn.mul %[[X]], %[[Y]] : (tensor<1x2x3x3xf32>, tensor<2x1x1xf32>) -> tensor<1x2x3x3xf32>
// CHECK-NEXT:  %[[Y_3:[^ ,]*]] = qnn.add %[[Y_2]], %[[Y_1]] : (tensor<1x2x3x3xf32>, tensor<2x1x1xf32>) -> tensor<1x2x3x3xf32>
// CHECK-NEXT:  func.return %[[Y_3]] : tensor<1x2x3x3xf32>
// CHECK-NEXT:  }
func.func @nchw(%x: tensor<1x2x3x3xf32>) -> tensor<1x2x3x3xf32> {
  %s = qnn.constant dense<[3.0, 0.5]> : tensor<2xf32> -> tensor<2xf32>
  %b = qnn.constant dense<[1.0, -1.0]> : tensor<2xf32> -> tensor<2xf32>
  %m = qnn.constant dense<[0.5, 2.0]> : tensor<2xf32> -> tensor<2xf32>
  %v = qnn.constant dense<[4.0, 0.25]> : tensor<2xf32> -> tensor<2xf32>
  %y = qnn.batchnorm %x, %s, %b, %m, %v {epsilon = 0.0 : f32} : (tensor<1x2x3x3xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x3x3xf32>
  func.return %y : tensor<1x2x3x3xf32>
}

// -----

// (N, C): the constants are vectors.
// CHECK-LABEL: func.func @nc(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x2xf32>) -> tensor<1x2xf32> {
// CHECK-NEXT:  %[[Y:[^ ,]*]] = qnn.constant dense<[1.500000e+00, 1.000000e+00]> : tensor<2xf32> -> tensor<2xf32>
// CHECK-NEXT:  %[[Y_1:[^ ,]*]] = qnn.constant dense<[2.500000e-01, -3.000000e+00]> : tensor<2xf32> -> tensor<2xf32>
// CHECK-NEXT:  %[[Y_2:[^ ,]*]] = qnn.mul %[[X]], %[[Y]] : (tensor<1x2xf32>, tensor<2xf32>) -> tensor<1x2xf32>
// CHECK-NEXT:  %[[Y_3:[^ ,]*]] = qnn.add %[[Y_2]], %[[Y_1]] : (tensor<1x2xf32>, tensor<2xf32>) -> tensor<1x2xf32>
// CHECK-NEXT:  func.return %[[Y_3]] : tensor<1x2xf32>
// CHECK-NEXT:  }
func.func @nc(%x: tensor<1x2xf32>) -> tensor<1x2xf32> {
  %s = qnn.constant dense<[3.0, 0.5]> : tensor<2xf32> -> tensor<2xf32>
  %b = qnn.constant dense<[1.0, -1.0]> : tensor<2xf32> -> tensor<2xf32>
  %m = qnn.constant dense<[0.5, 2.0]> : tensor<2xf32> -> tensor<2xf32>
  %v = qnn.constant dense<[4.0, 0.25]> : tensor<2xf32> -> tensor<2xf32>
  %y = qnn.batchnorm %x, %s, %b, %m, %v {epsilon = 0.0 : f32} : (tensor<1x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2xf32>
  func.return %y : tensor<1x2xf32>
}

// -----

// The default epsilon (1e-5 as f32) enters: A = 3/sqrt(4.00001) = 1.49999809
// in f32, B = 1 - 0.5 * A = 0.250000924.
// CHECK-LABEL: func.func @default_epsilon(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x1xf32>) -> tensor<1x1xf32> {
// CHECK-NEXT:  %[[Y:[^ ,]*]] = qnn.constant dense<1.49999809> : tensor<1xf32> -> tensor<1xf32>
// CHECK-NEXT:  %[[Y_1:[^ ,]*]] = qnn.constant dense<0.250000924> : tensor<1xf32> -> tensor<1xf32>
// CHECK-NEXT:  %[[Y_2:[^ ,]*]] = qnn.mul %[[X]], %[[Y]] : (tensor<1x1xf32>, tensor<1xf32>) -> tensor<1x1xf32>
// CHECK-NEXT:  %[[Y_3:[^ ,]*]] = qnn.add %[[Y_2]], %[[Y_1]] : (tensor<1x1xf32>, tensor<1xf32>) -> tensor<1x1xf32>
// CHECK-NEXT:  func.return %[[Y_3]] : tensor<1x1xf32>
// CHECK-NEXT:  }
func.func @default_epsilon(%x: tensor<1x1xf32>) -> tensor<1x1xf32> {
  %s = qnn.constant dense<[3.0]> : tensor<1xf32> -> tensor<1xf32>
  %b = qnn.constant dense<[1.0]> : tensor<1xf32> -> tensor<1xf32>
  %m = qnn.constant dense<[0.5]> : tensor<1xf32> -> tensor<1xf32>
  %v = qnn.constant dense<[4.0]> : tensor<1xf32> -> tensor<1xf32>
  %y = qnn.batchnorm %x, %s, %b, %m, %v : (tensor<1x1xf32>, tensor<1xf32>, tensor<1xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x1xf32>
  func.return %y : tensor<1x1xf32>
}

// -----

// Refused: a parameter that is not a constant.
// CHECK-LABEL: func.func @non_constant_parameter(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x2xf32>, %[[S:[^:]*]]: tensor<2xf32>) -> tensor<1x2xf32> {
// CHECK-NEXT:  %[[B:[^ ,]*]] = qnn.constant dense<[1.000000e+00, -1.000000e+00]> : tensor<2xf32> -> tensor<2xf32>
// CHECK-NEXT:  %[[M:[^ ,]*]] = qnn.constant dense<[5.000000e-01, 2.000000e+00]> : tensor<2xf32> -> tensor<2xf32>
// CHECK-NEXT:  %[[V:[^ ,]*]] = qnn.constant dense<[4.000000e+00, 2.500000e-01]> : tensor<2xf32> -> tensor<2xf32>
// CHECK-NEXT:  %[[Y:[^ ,]*]] = qnn.batchnorm %[[X]], %[[S]], %[[B]], %[[M]], %[[V]] : (tensor<1x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2xf32>
// CHECK-NEXT:  func.return %[[Y]] : tensor<1x2xf32>
// CHECK-NEXT:  }
func.func @non_constant_parameter(%x: tensor<1x2xf32>, %s: tensor<2xf32>) -> tensor<1x2xf32> {
  %b = qnn.constant dense<[1.0, -1.0]> : tensor<2xf32> -> tensor<2xf32>
  %m = qnn.constant dense<[0.5, 2.0]> : tensor<2xf32> -> tensor<2xf32>
  %v = qnn.constant dense<[4.0, 0.25]> : tensor<2xf32> -> tensor<2xf32>
  %y = qnn.batchnorm %x, %s, %b, %m, %v : (tensor<1x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2xf32>
  func.return %y : tensor<1x2xf32>
}
