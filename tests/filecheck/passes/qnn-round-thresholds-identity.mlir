// qnn-round-thresholds removes a multithreshold that is the identity on its
// integer input (ONNX Runtime's requantizers on an unchanged scale).
// RUN: finnr-opt %s --split-input-file -p qnn-round-thresholds | filecheck %s

// The identity on uint<2>: thresholds 1, 2, 3, output count + 0.
// CHECK-LABEL: func.func @identity(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x4x!qnn.uint<2>>) -> tensor<1x4x!qnn.uint<2>> {
// CHECK-NEXT:  func.return %[[X]] : tensor<1x4x!qnn.uint<2>>
func.func @identity(%x: tensor<1x4x!qnn.uint<2>>) -> tensor<1x4x!qnn.uint<2>> {
  %t = qnn.constant dense<[[1, 2, 3]]> : tensor<1x3xi8> -> tensor<1x3x!qnn.uint<2>>
  %m = qnn.multithreshold %x, %t {out_dtype = !qnn.uint<2>, data_layout = "NHWC"} : (tensor<1x4x!qnn.uint<2>>, tensor<1x3x!qnn.uint<2>>) -> tensor<1x4x!qnn.uint<2>>
  func.return %m : tensor<1x4x!qnn.uint<2>>
}

// -----

// The identity on int<2>: thresholds -1, 0, 1, output count - 2.
// CHECK-LABEL: func.func @signed_identity(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x4x!qnn.int<2>>) -> tensor<1x4x!qnn.int<2>> {
// CHECK-NEXT:  func.return %[[X]] : tensor<1x4x!qnn.int<2>>
func.func @signed_identity(%x: tensor<1x4x!qnn.int<2>>) -> tensor<1x4x!qnn.int<2>> {
  %t = qnn.constant dense<[[-1, 0, 1]]> : tensor<1x3xi8> -> tensor<1x3x!qnn.int<2>>
  %m = qnn.multithreshold %x, %t {out_dtype = !qnn.int<2>, out_bias = -2.000000e+00 : f32, data_layout = "NHWC"} : (tensor<1x4x!qnn.int<2>>, tensor<1x3x!qnn.int<2>>) -> tensor<1x4x!qnn.int<2>>
  func.return %m : tensor<1x4x!qnn.int<2>>
}

// -----

// Refused: thresholds 1, 2, 2 (x = 3 gives 3, x = 2 gives 3 too) are no identity.
// CHECK-LABEL: func.func @shifted_kept(
// CHECK:       qnn.multithreshold
func.func @shifted_kept(%x: tensor<1x4x!qnn.uint<2>>) -> tensor<1x4x!qnn.uint<2>> {
  %t = qnn.constant dense<[[1, 2, 2]]> : tensor<1x3xi8> -> tensor<1x3x!qnn.uint<2>>
  %m = qnn.multithreshold %x, %t {out_dtype = !qnn.uint<2>, data_layout = "NHWC"} : (tensor<1x4x!qnn.uint<2>>, tensor<1x3x!qnn.uint<2>>) -> tensor<1x4x!qnn.uint<2>>
  func.return %m : tensor<1x4x!qnn.uint<2>>
}
