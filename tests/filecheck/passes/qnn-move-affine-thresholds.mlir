// qnn-move-affine: a multithreshold's output scale leaves it as a multiply
// (which then moves on like any scale), where the levels stay integers.
// RUN: finnr-opt %s --split-input-file -p qnn-move-affine | filecheck %s

// A multithreshold's output scale moves out as a multiply: levels
// 16 * k + 32 become k + 2 (uint<3>) times 16.
// CHECK-LABEL: func.func @scale_out(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x4x!qnn.uint<4>>) -> tensor<1x4x!qnn.uint<8>> {
// CHECK-NEXT:  %[[T:[^ ,]*]] = qnn.constant dense<{{\[\[}}1, 2, 3{{\]\]}}> : tensor<1x3xi8> -> tensor<1x3x!qnn.uint<2>>
// CHECK-NEXT:  %[[M:[^ ,]*]] = qnn.multithreshold %[[X]], %[[T]] {out_dtype = !qnn.uint<3>, out_bias = 2.000000e+00 : f32, data_layout = "NHWC"} : (tensor<1x4x!qnn.uint<4>>, tensor<1x3x!qnn.uint<2>>) -> tensor<1x4x!qnn.uint<3>>
// CHECK-NEXT:  %[[S:[^ ,]*]] = qnn.constant dense<1.600000e+01> : tensor<f32> -> tensor<f32>
// CHECK-NEXT:  %[[Y:[^ ,]*]] = qnn.mul %[[M]], %[[S]] : (tensor<1x4x!qnn.uint<3>>, tensor<f32>) -> tensor<1x4x!qnn.uint<8>>
// CHECK-NEXT:  func.return %[[Y]] : tensor<1x4x!qnn.uint<8>>
func.func @scale_out(%x: tensor<1x4x!qnn.uint<4>>) -> tensor<1x4x!qnn.uint<8>> {
  %t = qnn.constant dense<[[1, 2, 3]]> : tensor<1x3xi8> -> tensor<1x3x!qnn.uint<2>>
  %m = qnn.multithreshold %x, %t {out_dtype = !qnn.uint<8>, out_scale = 1.600000e+01 : f32, out_bias = 3.200000e+01 : f32, data_layout = "NHWC"} : (tensor<1x4x!qnn.uint<4>>, tensor<1x3x!qnn.uint<2>>) -> tensor<1x4x!qnn.uint<8>>
  func.return %m : tensor<1x4x!qnn.uint<8>>
}

// -----

// Refused: a bipolar output (2 k - 1) is what the hardware computes.
// CHECK-LABEL: func.func @bipolar_kept(
// CHECK:       qnn.multithreshold %{{.*}} {out_dtype = !qnn.bipolar, out_scale = 2.000000e+00 : f32, out_bias = -1.000000e+00 : f32
// CHECK-NOT:   qnn.mul
func.func @bipolar_kept(%x: tensor<1x4x!qnn.int<4>>) -> tensor<1x4x!qnn.bipolar> {
  %t = qnn.constant dense<[[0]]> : tensor<1x1xi8> -> tensor<1x1x!qnn.uint<1>>
  %m = qnn.multithreshold %x, %t {out_dtype = !qnn.bipolar, out_scale = 2.000000e+00 : f32, out_bias = -1.000000e+00 : f32, data_layout = "NHWC"} : (tensor<1x4x!qnn.int<4>>, tensor<1x1x!qnn.uint<1>>) -> tensor<1x4x!qnn.bipolar>
  func.return %m : tensor<1x4x!qnn.bipolar>
}

// -----

// Refused: the bias is no integer multiple of the scale (2 k + 1).
// CHECK-LABEL: func.func @fractional_bias_kept(
// CHECK:       qnn.multithreshold %{{.*}} {out_dtype = !qnn.uint<2>, out_scale = 2.000000e+00 : f32, out_bias = 1.000000e+00 : f32
// CHECK-NOT:   qnn.mul
func.func @fractional_bias_kept(%x: tensor<1x4x!qnn.uint<4>>) -> tensor<1x4xf32> {
  %t = qnn.constant dense<[[1, 2, 3]]> : tensor<1x3xi8> -> tensor<1x3x!qnn.uint<2>>
  %m = qnn.multithreshold %x, %t {out_dtype = !qnn.uint<2>, out_scale = 2.000000e+00 : f32, out_bias = 1.000000e+00 : f32, data_layout = "NHWC"} : (tensor<1x4x!qnn.uint<4>>, tensor<1x3x!qnn.uint<2>>) -> tensor<1x4xf32>
  func.return %m : tensor<1x4xf32>
}
