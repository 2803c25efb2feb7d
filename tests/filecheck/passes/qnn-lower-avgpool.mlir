// qnn-lower-avgpool: trunc(avgpool(q * s) * K) on an integer q becomes the
// window sum (a depthwise conv with unit weights) and a multithreshold whose
// thresholds are the integer sums where the trunc steps, then the trunc's
// output scale; without a trunc, the window sum times s / K. What it
// refuses stays as it is.
// RUN: finnr-opt %s --split-input-file -p qnn-lower-avgpool | filecheck %s

// TruncAvgPool2d (v1 Trunc, FLOOR): floor(S / 4) of the 2x2 sum S of uint2
// values: thresholds 4, 8, 12; the output scale 0.5 stays a mul.
// CHECK-LABEL: func.func @pool(
// CHECK-SAME:  %[[Q:[^:]*]]: tensor<1x2x4x4x!qnn.uint<2>>) -> tensor<1x2x2x2xf32> {
// CHECK-NEXT:  %[[T:[^ ,]*]] = qnn.constant dense<1> : tensor<2x1x2x2xi8> -> tensor<2x1x2x2x!qnn.uint<1>>
// CHECK-NEXT:  %[[T_1:[^ ,]*]] = qnn.conv %[[Q]], %[[T]] {strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, group = 2 : i64} : (tensor<1x2x4x4x!qnn.uint<2>>, tensor<2x1x2x2x!qnn.uint<1>>) -> tensor<1x2x2x2x!qnn.uint<4>>
// CHECK-NEXT:  %[[T_2:[^ ,]*]] = qnn.constant dense<{{\[\[}}4, 8, 12{{\]\]}}> : tensor<1x3xi8> -> tensor<1x3x!qnn.uint<4>>
// CHECK-NEXT:  %[[T_3:[^ ,]*]] = qnn.multithreshold %[[T_1]], %[[T_2]] {out_dtype = !qnn.uint<2>} : (tensor<1x2x2x2x!qnn.uint<4>>, tensor<1x3x!qnn.uint<4>>) -> tensor<1x2x2x2x!qnn.uint<2>>
// CHECK-NEXT:  %[[T_4:[^ ,]*]] = qnn.constant dense<5.000000e-01> : tensor<1x1x1x1xf32> -> tensor<1x1x1x1xf32>
// CHECK-NEXT:  %[[T_5:[^ ,]*]] = qnn.mul %[[T_3]], %[[T_4]] : (tensor<1x2x2x2x!qnn.uint<2>>, tensor<1x1x1x1xf32>) -> tensor<1x2x2x2xf32>
// CHECK-NEXT:  func.return %[[T_5]] : tensor<1x2x2x2xf32>
// CHECK-NEXT:  }
func.func @pool(%q: tensor<1x2x4x4x!qnn.uint<2>>) -> tensor<1x2x2x2xf32> {
  %s = qnn.constant dense<0.5> : tensor<f32> -> tensor<f32>
  %x = qnn.mul %q, %s : (tensor<1x2x4x4x!qnn.uint<2>>, tensor<f32>) -> tensor<1x2x4x4xf32>
  %p = qnn.avgpool %x {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x2x4x4xf32>) -> tensor<1x2x2x2xf32>
  %k = qnn.constant dense<4.0> : tensor<f32> -> tensor<f32>
  %m = qnn.mul %p, %k : (tensor<1x2x2x2xf32>, tensor<f32>) -> tensor<1x2x2x2xf32>
  %t = qnn.trunc %m {scale = dense<0.5> : tensor<f32>, zeropt = dense<0.0> : tensor<f32>, in_bitwidth = 4 : i64, out_bitwidth = 2 : i64} : (tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32>
  func.return %t : tensor<1x2x2x2xf32>
}

// -----

// A pool over a whole NHWC frame of int2 values, ROUND (half to even) and
// per-channel scales: channel 0 has s = 1, channel 1 s = 2 = its trunc
// scale, so both step at round(S/4) = -1, 0, 1 for S in -8..4 (S = -2 and
// 2 are ties to even): one threshold row, per-channel output scales.
// CHECK-LABEL: func.func @per_channel(
// CHECK-SAME:  %[[Q:[^:]*]]: tensor<1x2x2x2x!qnn.int<2>>) -> tensor<1x1x1x2xf32> {
// CHECK-NEXT:  %[[T:[^ ,]*]] = qnn.constant dense<1> : tensor<2x1x2x2xi8> -> tensor<2x1x2x2x!qnn.uint<1>>
// CHECK-NEXT:  %[[T_1:[^ ,]*]] = qnn.conv %[[Q]], %[[T]] {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, data_layout = "NHWC", group = 2 : i64} : (tensor<1x2x2x2x!qnn.int<2>>, tensor<2x1x2x2x!qnn.uint<1>>) -> tensor<1x1x1x2x!qnn.int<4>>
// CHECK-NEXT:  %[[T_2:[^ ,]*]] = qnn.constant dense<{{\[\[}}-5, -2, 3{{\]\]}}> : tensor<1x3xi8> -> tensor<1x3x!qnn.int<4>>
// CHECK-NEXT:  %[[T_3:[^ ,]*]] = qnn.multithreshold %[[T_1]], %[[T_2]] {out_dtype = !qnn.int<2>, out_bias = -2.000000e+00 : f32, data_layout = "NHWC"} : (tensor<1x1x1x2x!qnn.int<4>>, tensor<1x3x!qnn.int<4>>) -> tensor<1x1x1x2x!qnn.int<2>>
// CHECK-NEXT:  %[[T_4:[^ ,]*]] = qnn.constant dense<{{\[\[}}{{\[\[}}1.000000e+00, 2.000000e+00{{\]\]}}{{\]\]}}> : tensor<1x1x1x2xf32> -> tensor<1x1x1x2xf32>
// CHECK-NEXT:  %[[T_5:[^ ,]*]] = qnn.mul %[[T_3]], %[[T_4]] : (tensor<1x1x1x2x!qnn.int<2>>, tensor<1x1x1x2xf32>) -> tensor<1x1x1x2xf32>
// CHECK-NEXT:  func.return %[[T_5]] : tensor<1x1x1x2xf32>
// CHECK-NEXT:  }
func.func @per_channel(%q: tensor<1x2x2x2x!qnn.int<2>>) -> tensor<1x1x1x2xf32> {
  %s = qnn.constant dense<[1.0, 2.0]> : tensor<2xf32> -> tensor<2xf32>
  %x = qnn.mul %q, %s : (tensor<1x2x2x2x!qnn.int<2>>, tensor<2xf32>) -> tensor<1x2x2x2xf32>
  %p = qnn.avgpool %x {kernel_shape = array<i64: 2, 2>, strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, data_layout = "NHWC"} : (tensor<1x2x2x2xf32>) -> tensor<1x1x1x2xf32>
  %t = qnn.trunc %p {scale = dense<[1.0, 2.0]> : tensor<2xf32>, zeropt = dense<0.0> : tensor<f32>, in_bitwidth = 2 : i64, out_bitwidth = 2 : i64, rounding_mode = "ROUND"} : (tensor<1x1x1x2xf32>) -> tensor<1x1x1x2xf32>
  func.return %t : tensor<1x1x1x2xf32>
}

// -----

// Refused: the pool's input is a float, not integers times a scale.
// CHECK-LABEL: func.func @float_input_stays(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x1x2x2xf32>) -> tensor<1x1x1x1xf32> {
// CHECK-NEXT:  %[[P:[^ ,]*]] = qnn.avgpool %[[X]] {kernel_shape = array<i64: 2, 2>, strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x1x2x2xf32>) -> tensor<1x1x1x1xf32>
// CHECK-NEXT:  %[[T:[^ ,]*]] = qnn.trunc %[[P]] {scale = dense<1.000000e+00> : tensor<f32>, zeropt = dense<0.000000e+00> : tensor<f32>, in_bitwidth = 4 : i64, out_bitwidth = 2 : i64} : (tensor<1x1x1x1xf32>) -> tensor<1x1x1x1xf32>
// CHECK-NEXT:  func.return %[[T]] : tensor<1x1x1x1xf32>
// CHECK-NEXT:  }
func.func @float_input_stays(%x: tensor<1x1x2x2xf32>) -> tensor<1x1x1x1xf32> {
  %p = qnn.avgpool %x {kernel_shape = array<i64: 2, 2>, strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x1x2x2xf32>) -> tensor<1x1x1x1xf32>
  %t = qnn.trunc %p {scale = dense<1.0> : tensor<f32>, zeropt = dense<0.0> : tensor<f32>, in_bitwidth = 4 : i64, out_bitwidth = 2 : i64} : (tensor<1x1x1x1xf32>) -> tensor<1x1x1x1xf32>
  func.return %t : tensor<1x1x1x1xf32>
}

// -----

// Refused: padding excluded from the average (the divisor varies at the
// borders).
// CHECK-LABEL: func.func @padding_excluded_stays(
// CHECK-SAME:  %[[Q:[^:]*]]: tensor<1x1x2x2x!qnn.uint<2>>) -> tensor<1x1x2x2xf32> {
// CHECK-NEXT:  %[[P:[^ ,]*]] = qnn.avgpool %[[Q]] {kernel_shape = array<i64: 3, 3>, strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>} : (tensor<1x1x2x2x!qnn.uint<2>>) -> tensor<1x1x2x2xf32>
// CHECK-NEXT:  %[[T:[^ ,]*]] = qnn.trunc %[[P]] {scale = dense<1.000000e+00> : tensor<f32>, zeropt = dense<0.000000e+00> : tensor<f32>, in_bitwidth = 4 : i64, out_bitwidth = 2 : i64} : (tensor<1x1x2x2xf32>) -> tensor<1x1x2x2xf32>
// CHECK-NEXT:  func.return %[[T]] : tensor<1x1x2x2xf32>
// CHECK-NEXT:  }
func.func @padding_excluded_stays(%q: tensor<1x1x2x2x!qnn.uint<2>>) -> tensor<1x1x2x2xf32> {
  %p = qnn.avgpool %q {kernel_shape = array<i64: 3, 3>, strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>} : (tensor<1x1x2x2x!qnn.uint<2>>) -> tensor<1x1x2x2xf32>
  %t = qnn.trunc %p {scale = dense<1.0> : tensor<f32>, zeropt = dense<0.0> : tensor<f32>, in_bitwidth = 4 : i64, out_bitwidth = 2 : i64} : (tensor<1x1x2x2xf32>) -> tensor<1x1x2x2xf32>
  func.return %t : tensor<1x1x2x2xf32>
}

// -----

// Refused: ceil_mode (partial windows at the border).
// CHECK-LABEL: func.func @ceil_mode_stays(
// CHECK-SAME:  %[[Q:[^:]*]]: tensor<1x1x3x3x!qnn.uint<2>>) -> tensor<1x1x2x2xf32> {
// CHECK-NEXT:  %[[P:[^ ,]*]] = qnn.avgpool %[[Q]] {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, ceil_mode = true} : (tensor<1x1x3x3x!qnn.uint<2>>) -> tensor<1x1x2x2xf32>
// CHECK-NEXT:  %[[T:[^ ,]*]] = qnn.trunc %[[P]] {scale = dense<1.000000e+00> : tensor<f32>, zeropt = dense<0.000000e+00> : tensor<f32>, in_bitwidth = 4 : i64, out_bitwidth = 2 : i64} : (tensor<1x1x2x2xf32>) -> tensor<1x1x2x2xf32>
// CHECK-NEXT:  func.return %[[T]] : tensor<1x1x2x2xf32>
// CHECK-NEXT:  }
func.func @ceil_mode_stays(%q: tensor<1x1x3x3x!qnn.uint<2>>) -> tensor<1x1x2x2xf32> {
  %p = qnn.avgpool %q {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, ceil_mode = true} : (tensor<1x1x3x3x!qnn.uint<2>>) -> tensor<1x1x2x2xf32>
  %t = qnn.trunc %p {scale = dense<1.0> : tensor<f32>, zeropt = dense<0.0> : tensor<f32>, in_bitwidth = 4 : i64, out_bitwidth = 2 : i64} : (tensor<1x1x2x2xf32>) -> tensor<1x1x2x2xf32>
  func.return %t : tensor<1x1x2x2xf32>
}

// -----

// Refused: a scale that varies over the window.
// CHECK-LABEL: func.func @spatial_scale_stays(
// CHECK-SAME:  %[[Q:[^:]*]]: tensor<1x1x2x2x!qnn.uint<2>>) -> tensor<1x1x1x1xf32> {
// CHECK-NEXT:  %[[S:[^ ,]*]] = qnn.constant dense<{{\[\[}}1.000000e+00, 2.000000e+00], [1.000000e+00, 2.000000e+00{{\]\]}}> : tensor<2x2xf32> -> tensor<2x2xf32>
// CHECK-NEXT:  %[[X:[^ ,]*]] = qnn.mul %[[Q]], %[[S]] : (tensor<1x1x2x2x!qnn.uint<2>>, tensor<2x2xf32>) -> tensor<1x1x2x2xf32>
// CHECK-NEXT:  %[[P:[^ ,]*]] = qnn.avgpool %[[X]] {kernel_shape = array<i64: 2, 2>, strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x1x2x2xf32>) -> tensor<1x1x1x1xf32>
// CHECK-NEXT:  %[[T:[^ ,]*]] = qnn.trunc %[[P]] {scale = dense<1.000000e+00> : tensor<f32>, zeropt = dense<0.000000e+00> : tensor<f32>, in_bitwidth = 4 : i64, out_bitwidth = 2 : i64} : (tensor<1x1x1x1xf32>) -> tensor<1x1x1x1xf32>
// CHECK-NEXT:  func.return %[[T]] : tensor<1x1x1x1xf32>
// CHECK-NEXT:  }
func.func @spatial_scale_stays(%q: tensor<1x1x2x2x!qnn.uint<2>>) -> tensor<1x1x1x1xf32> {
  %s = qnn.constant dense<[[1.0, 2.0], [1.0, 2.0]]> : tensor<2x2xf32> -> tensor<2x2xf32>
  %x = qnn.mul %q, %s : (tensor<1x1x2x2x!qnn.uint<2>>, tensor<2x2xf32>) -> tensor<1x1x2x2xf32>
  %p = qnn.avgpool %x {kernel_shape = array<i64: 2, 2>, strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x1x2x2xf32>) -> tensor<1x1x1x1xf32>
  %t = qnn.trunc %p {scale = dense<1.0> : tensor<f32>, zeropt = dense<0.0> : tensor<f32>, in_bitwidth = 4 : i64, out_bitwidth = 2 : i64} : (tensor<1x1x1x1xf32>) -> tensor<1x1x1x1xf32>
  func.return %t : tensor<1x1x1x1xf32>
}

// -----

// Without a trunc (a QDQ DequantizeLinear -> AveragePool): the window sum
// times s / K = 0.5 / 4, a scale for the next thresholds to absorb.
// CHECK-LABEL: func.func @plain_pool(
// CHECK-SAME:  %[[Q:[^:]*]]: tensor<1x2x2x2x!qnn.uint<8>>) -> tensor<1x2x1x1xf32> {
// CHECK-NEXT:  %[[P:[^ ,]*]] = qnn.constant dense<1> : tensor<2x1x2x2xi8> -> tensor<2x1x2x2x!qnn.uint<1>>
// CHECK-NEXT:  %[[P_1:[^ ,]*]] = qnn.conv %[[Q]], %[[P]] {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, group = 2 : i64} : (tensor<1x2x2x2x!qnn.uint<8>>, tensor<2x1x2x2x!qnn.uint<1>>) -> tensor<1x2x1x1x!qnn.uint<10>>
// CHECK-NEXT:  %[[P_2:[^ ,]*]] = qnn.constant dense<1.250000e-01> : tensor<1x1x1x1xf32> -> tensor<1x1x1x1xf32>
// CHECK-NEXT:  %[[P_3:[^ ,]*]] = qnn.mul %[[P_1]], %[[P_2]] : (tensor<1x2x1x1x!qnn.uint<10>>, tensor<1x1x1x1xf32>) -> tensor<1x2x1x1xf32>
// CHECK-NEXT:  func.return %[[P_3]] : tensor<1x2x1x1xf32>
// CHECK-NEXT:  }
func.func @plain_pool(%q: tensor<1x2x2x2x!qnn.uint<8>>) -> tensor<1x2x1x1xf32> {
  %s = qnn.constant dense<0.5> : tensor<f32> -> tensor<f32>
  %x = qnn.mul %q, %s : (tensor<1x2x2x2x!qnn.uint<8>>, tensor<f32>) -> tensor<1x2x2x2xf32>
  %p = qnn.avgpool %x {kernel_shape = array<i64: 2, 2>, strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x2x2x2xf32>) -> tensor<1x2x1x1xf32>
  func.return %p : tensor<1x2x1x1xf32>
}

// -----

// Refused: a plain pool of floats.
// CHECK-LABEL: func.func @plain_float_pool_stays(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x2x2x2xf32>) -> tensor<1x2x1x1xf32> {
// CHECK-NEXT:  %[[P:[^ ,]*]] = qnn.avgpool %[[X]] {kernel_shape = array<i64: 2, 2>, strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x2x2x2xf32>) -> tensor<1x2x1x1xf32>
// CHECK-NEXT:  func.return %[[P]] : tensor<1x2x1x1xf32>
// CHECK-NEXT:  }
func.func @plain_float_pool_stays(%x: tensor<1x2x2x2xf32>) -> tensor<1x2x1x1xf32> {
  %p = qnn.avgpool %x {kernel_shape = array<i64: 2, 2>, strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x2x2x2xf32>) -> tensor<1x2x1x1xf32>
  func.return %p : tensor<1x2x1x1xf32>
}
