// qnn-absorb-into-thresholds: a constant add/sub/mul/div or a relu in front
// of a multithreshold moves into its thresholds: T'[c, k] is the smallest
// input (float32, or integer for integer inputs) with f(x) >= T[c, k] as f
// is computed in float32.
// RUN: finnr-opt %s --split-input-file -p qnn-absorb-into-thresholds | filecheck %s

// x + 0.5 >= [0, 1, 2]: x >= -0.5; x >= 0.49999997 (0.49999997 + 0.5 is a
// float32 tie that rounds up to 1.0); x >= 1.5.
// CHECK-LABEL: func.func @add(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x4xf32>) -> tensor<1x4x!qnn.uint<2>> {
// CHECK-NEXT:  %[[M:[^ ,]*]] = qnn.constant dense<{{\[\[}}-5.000000e-01, 0.49999997, 1.500000e+00{{\]\]}}> : tensor<1x3xf32> -> tensor<1x3xf32>
// CHECK-NEXT:  %[[M_1:[^ ,]*]] = qnn.multithreshold %[[X]], %[[M]] {out_dtype = !qnn.uint<2>} : (tensor<1x4xf32>, tensor<1x3xf32>) -> tensor<1x4x!qnn.uint<2>>
// CHECK-NEXT:  func.return %[[M_1]] : tensor<1x4x!qnn.uint<2>>
// CHECK-NEXT:  }
func.func @add(%x: tensor<1x4xf32>) -> tensor<1x4x!qnn.uint<2>> {
  %a = qnn.constant dense<0.5> : tensor<f32> -> tensor<f32>
  %y = qnn.add %x, %a : (tensor<1x4xf32>, tensor<f32>) -> tensor<1x4xf32>
  %t = qnn.constant dense<[[0.0, 1.0, 2.0]]> : tensor<1x3xf32> -> tensor<1x3xf32>
  %m = qnn.multithreshold %y, %t {out_dtype = !qnn.uint<2>} : (tensor<1x4xf32>, tensor<1x3xf32>) -> tensor<1x4x!qnn.uint<2>>
  func.return %m : tensor<1x4x!qnn.uint<2>>
}

// -----

// An integer input gets integer thresholds: x - 3 >= [0.5, 1.5, 2.5] for
// x in int<4> is x >= [4, 5, 6].
// CHECK-LABEL: func.func @sub_integer(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x4x!qnn.int<4>>) -> tensor<1x4x!qnn.uint<2>> {
// CHECK-NEXT:  %[[M:[^ ,]*]] = qnn.constant dense<{{\[\[}}4, 5, 6{{\]\]}}> : tensor<1x3xi8> -> tensor<1x3x!qnn.uint<3>>
// CHECK-NEXT:  %[[M_1:[^ ,]*]] = qnn.multithreshold %[[X]], %[[M]] {out_dtype = !qnn.uint<2>} : (tensor<1x4x!qnn.int<4>>, tensor<1x3x!qnn.uint<3>>) -> tensor<1x4x!qnn.uint<2>>
// CHECK-NEXT:  func.return %[[M_1]] : tensor<1x4x!qnn.uint<2>>
// CHECK-NEXT:  }
func.func @sub_integer(%x: tensor<1x4x!qnn.int<4>>) -> tensor<1x4x!qnn.uint<2>> {
  %a = qnn.constant dense<3> : tensor<i8> -> tensor<!qnn.uint<2>>
  %y = qnn.sub %x, %a : (tensor<1x4x!qnn.int<4>>, tensor<!qnn.uint<2>>) -> tensor<1x4x!qnn.int<5>>
  %t = qnn.constant dense<[[0.5, 1.5, 2.5]]> : tensor<1x3xf32> -> tensor<1x3xf32>
  %m = qnn.multithreshold %y, %t {out_dtype = !qnn.uint<2>} : (tensor<1x4x!qnn.int<5>>, tensor<1x3xf32>) -> tensor<1x4x!qnn.uint<2>>
  func.return %m : tensor<1x4x!qnn.uint<2>>
}

// -----

// A per-channel multiplier (channel axis 1 of an NC tensor) gives one row
// per channel: T / 2 and T / 0.5.
// CHECK-LABEL: func.func @mul_per_channel(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x2xf32>) -> tensor<1x2x!qnn.uint<2>> {
// CHECK-NEXT:  %[[M:[^ ,]*]] = qnn.constant dense<{{\[\[}}2.500000e-01, 7.500000e-01, 1.250000e+00], [1.000000e+00, 3.000000e+00, 5.000000e+00{{\]\]}}> : tensor<2x3xf32> -> tensor<2x3xf32>
// CHECK-NEXT:  %[[M_1:[^ ,]*]] = qnn.multithreshold %[[X]], %[[M]] {out_dtype = !qnn.uint<2>, data_layout = "NC"} : (tensor<1x2xf32>, tensor<2x3xf32>) -> tensor<1x2x!qnn.uint<2>>
// CHECK-NEXT:  func.return %[[M_1]] : tensor<1x2x!qnn.uint<2>>
// CHECK-NEXT:  }
func.func @mul_per_channel(%x: tensor<1x2xf32>) -> tensor<1x2x!qnn.uint<2>> {
  %a = qnn.constant dense<[2.0, 0.5]> : tensor<2xf32> -> tensor<2xf32>
  %y = qnn.mul %x, %a : (tensor<1x2xf32>, tensor<2xf32>) -> tensor<1x2xf32>
  %t = qnn.constant dense<[[0.5, 1.5, 2.5]]> : tensor<1x3xf32> -> tensor<1x3xf32>
  %m = qnn.multithreshold %y, %t {out_dtype = !qnn.uint<2>, data_layout = "NC"} : (tensor<1x2xf32>, tensor<1x3xf32>) -> tensor<1x2x!qnn.uint<2>>
  func.return %m : tensor<1x2x!qnn.uint<2>>
}

// -----

// NCHW: a constant of shape (2, 1, 1) varies along the channel axis 1.
// CHECK-LABEL: func.func @add_nchw_channels(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x2x1x2xf32>) -> tensor<1x2x1x2x!qnn.uint<1>> {
// CHECK-NEXT:  %[[M:[^ ,]*]] = qnn.constant dense<{{\[\[}}-5.000000e-01], [-1.500000e+00{{\]\]}}> : tensor<2x1xf32> -> tensor<2x1xf32>
// CHECK-NEXT:  %[[M_1:[^ ,]*]] = qnn.multithreshold %[[X]], %[[M]] {out_dtype = !qnn.uint<1>} : (tensor<1x2x1x2xf32>, tensor<2x1xf32>) -> tensor<1x2x1x2x!qnn.uint<1>>
// CHECK-NEXT:  func.return %[[M_1]] : tensor<1x2x1x2x!qnn.uint<1>>
// CHECK-NEXT:  }
func.func @add_nchw_channels(%x: tensor<1x2x1x2xf32>) -> tensor<1x2x1x2x!qnn.uint<1>> {
  %a = qnn.constant dense<[[[1.0]], [[2.0]]]> : tensor<2x1x1xf32> -> tensor<2x1x1xf32>
  %y = qnn.add %x, %a : (tensor<1x2x1x2xf32>, tensor<2x1x1xf32>) -> tensor<1x2x1x2xf32>
  %t = qnn.constant dense<[[0.5]]> : tensor<1x1xf32> -> tensor<1x1xf32>
  %m = qnn.multithreshold %y, %t {out_dtype = !qnn.uint<1>} : (tensor<1x2x1x2xf32>, tensor<1x1xf32>) -> tensor<1x2x1x2x!qnn.uint<1>>
  func.return %m : tensor<1x2x1x2x!qnn.uint<1>>
}

// -----

// x / 4 >= 1: x >= 4.
// CHECK-LABEL: func.func @div(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x2xf32>) -> tensor<1x2x!qnn.uint<1>> {
// CHECK-NEXT:  %[[M:[^ ,]*]] = qnn.constant dense<4.000000e+00> : tensor<1x1xf32> -> tensor<1x1xf32>
// CHECK-NEXT:  %[[M_1:[^ ,]*]] = qnn.multithreshold %[[X]], %[[M]] {out_dtype = !qnn.uint<1>} : (tensor<1x2xf32>, tensor<1x1xf32>) -> tensor<1x2x!qnn.uint<1>>
// CHECK-NEXT:  func.return %[[M_1]] : tensor<1x2x!qnn.uint<1>>
// CHECK-NEXT:  }
func.func @div(%x: tensor<1x2xf32>) -> tensor<1x2x!qnn.uint<1>> {
  %a = qnn.constant dense<4.0> : tensor<f32> -> tensor<f32>
  %y = qnn.div %x, %a : (tensor<1x2xf32>, tensor<f32>) -> tensor<1x2xf32>
  %t = qnn.constant dense<[[1.0]]> : tensor<1x1xf32> -> tensor<1x1xf32>
  %m = qnn.multithreshold %y, %t {out_dtype = !qnn.uint<1>} : (tensor<1x2xf32>, tensor<1x1xf32>) -> tensor<1x2x!qnn.uint<1>>
  func.return %m : tensor<1x2x!qnn.uint<1>>
}

// -----

// relu(x) >= -1 and relu(x) >= 0 hold everywhere (the lowest float32,
// -3.40282347e+38); relu(x) >= 0.5 is x >= 0.5. The constant prints as raw
// little-endian float32 bytes (xDSL's decimal form would not parse back):
// FFFF7FFF = -3.40282347e+38, 0000003F = 0.5.
// CHECK-LABEL: func.func @relu(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x2xf32>) -> tensor<1x2x!qnn.uint<2>> {
// CHECK-NEXT:  %[[M:[^ ,]*]] = qnn.constant dense<"0xFFFF7FFFFFFF7FFF0000003F"> : tensor<1x3xf32> -> tensor<1x3xf32>
// CHECK-NEXT:  %[[M_1:[^ ,]*]] = qnn.multithreshold %[[X]], %[[M]] {out_dtype = !qnn.uint<2>} : (tensor<1x2xf32>, tensor<1x3xf32>) -> tensor<1x2x!qnn.uint<2>>
// CHECK-NEXT:  func.return %[[M_1]] : tensor<1x2x!qnn.uint<2>>
// CHECK-NEXT:  }
func.func @relu(%x: tensor<1x2xf32>) -> tensor<1x2x!qnn.uint<2>> {
  %y = qnn.relu %x : (tensor<1x2xf32>) -> tensor<1x2xf32>
  %t = qnn.constant dense<[[-1.0, 0.0, 0.5]]> : tensor<1x3xf32> -> tensor<1x3xf32>
  %m = qnn.multithreshold %y, %t {out_dtype = !qnn.uint<2>} : (tensor<1x2xf32>, tensor<1x3xf32>) -> tensor<1x2x!qnn.uint<2>>
  func.return %m : tensor<1x2x!qnn.uint<2>>
}

// -----

// A zero multiplier makes the count constant: 0 >= -1 and 0 >= 0 always
// (lowest float32, FFFF7FFF), 0 >= 0.5 never (+inf, 0000807F); channel 1
// keeps [-1, 0, 0.5] (000080BF, 00000000, 0000003F).
// CHECK-LABEL: func.func @zero_multiplier(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x2xf32>) -> tensor<1x2x!qnn.uint<2>> {
// CHECK-NEXT:  %[[M:[^ ,]*]] = qnn.constant dense<"0xFFFF7FFFFFFF7FFF0000807F000080BF000000000000003F"> : tensor<2x3xf32> -> tensor<2x3xf32>
// CHECK-NEXT:  %[[M_1:[^ ,]*]] = qnn.multithreshold %[[X]], %[[M]] {out_dtype = !qnn.uint<2>} : (tensor<1x2xf32>, tensor<2x3xf32>) -> tensor<1x2x!qnn.uint<2>>
// CHECK-NEXT:  func.return %[[M_1]] : tensor<1x2x!qnn.uint<2>>
// CHECK-NEXT:  }
func.func @zero_multiplier(%x: tensor<1x2xf32>) -> tensor<1x2x!qnn.uint<2>> {
  %a = qnn.constant dense<[0.0, 1.0]> : tensor<2xf32> -> tensor<2xf32>
  %y = qnn.mul %x, %a : (tensor<1x2xf32>, tensor<2xf32>) -> tensor<1x2xf32>
  %t = qnn.constant dense<[[-1.0, 0.0, 0.5]]> : tensor<1x3xf32> -> tensor<1x3xf32>
  %m = qnn.multithreshold %y, %t {out_dtype = !qnn.uint<2>} : (tensor<1x2xf32>, tensor<1x3xf32>) -> tensor<1x2x!qnn.uint<2>>
  func.return %m : tensor<1x2x!qnn.uint<2>>
}

// -----

// Chains are absorbed one op at a time: 1 + 2x >= 0 is x >= -0.5.
// CHECK-LABEL: func.func @chain(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x2xf32>) -> tensor<1x2x!qnn.uint<1>> {
// CHECK-NEXT:  %[[M:[^ ,]*]] = qnn.constant dense<-5.000000e-01> : tensor<1x1xf32> -> tensor<1x1xf32>
// CHECK-NEXT:  %[[M_1:[^ ,]*]] = qnn.multithreshold %[[X]], %[[M]] {out_dtype = !qnn.uint<1>} : (tensor<1x2xf32>, tensor<1x1xf32>) -> tensor<1x2x!qnn.uint<1>>
// CHECK-NEXT:  func.return %[[M_1]] : tensor<1x2x!qnn.uint<1>>
// CHECK-NEXT:  }
func.func @chain(%x: tensor<1x2xf32>) -> tensor<1x2x!qnn.uint<1>> {
  %a = qnn.constant dense<2.0> : tensor<f32> -> tensor<f32>
  %y = qnn.mul %x, %a : (tensor<1x2xf32>, tensor<f32>) -> tensor<1x2xf32>
  %b = qnn.constant dense<1.0> : tensor<f32> -> tensor<f32>
  %z = qnn.add %b, %y : (tensor<f32>, tensor<1x2xf32>) -> tensor<1x2xf32>
  %t = qnn.constant dense<[[0.0]]> : tensor<1x1xf32> -> tensor<1x1xf32>
  %m = qnn.multithreshold %z, %t {out_dtype = !qnn.uint<1>} : (tensor<1x2xf32>, tensor<1x1xf32>) -> tensor<1x2x!qnn.uint<1>>
  func.return %m : tensor<1x2x!qnn.uint<1>>
}

// -----

// Refused: a negative multiplier (f decreasing; qnn-move-affine moves the
// sign into the weights first).
// CHECK-LABEL: func.func @negative_mul_stays(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x2xf32>) -> tensor<1x2x!qnn.uint<1>> {
// CHECK-NEXT:  %[[A:[^ ,]*]] = qnn.constant dense<[2.000000e+00, -1.000000e+00]> : tensor<2xf32> -> tensor<2xf32>
// CHECK-NEXT:  %[[Y:[^ ,]*]] = qnn.mul %[[X]], %[[A]] : (tensor<1x2xf32>, tensor<2xf32>) -> tensor<1x2xf32>
// CHECK-NEXT:  %[[T:[^ ,]*]] = qnn.constant dense<5.000000e-01> : tensor<1x1xf32> -> tensor<1x1xf32>
// CHECK-NEXT:  %[[M:[^ ,]*]] = qnn.multithreshold %[[Y]], %[[T]] {out_dtype = !qnn.uint<1>} : (tensor<1x2xf32>, tensor<1x1xf32>) -> tensor<1x2x!qnn.uint<1>>
// CHECK-NEXT:  func.return %[[M]] : tensor<1x2x!qnn.uint<1>>
// CHECK-NEXT:  }
func.func @negative_mul_stays(%x: tensor<1x2xf32>) -> tensor<1x2x!qnn.uint<1>> {
  %a = qnn.constant dense<[2.0, -1.0]> : tensor<2xf32> -> tensor<2xf32>
  %y = qnn.mul %x, %a : (tensor<1x2xf32>, tensor<2xf32>) -> tensor<1x2xf32>
  %t = qnn.constant dense<[[0.5]]> : tensor<1x1xf32> -> tensor<1x1xf32>
  %m = qnn.multithreshold %y, %t {out_dtype = !qnn.uint<1>} : (tensor<1x2xf32>, tensor<1x1xf32>) -> tensor<1x2x!qnn.uint<1>>
  func.return %m : tensor<1x2x!qnn.uint<1>>
}

// -----

// Refused: a negative divisor.
// CHECK-LABEL: func.func @negative_div_stays(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x2xf32>) -> tensor<1x2x!qnn.uint<1>> {
// CHECK-NEXT:  %[[A:[^ ,]*]] = qnn.constant dense<-2.000000e+00> : tensor<f32> -> tensor<f32>
// CHECK-NEXT:  %[[Y:[^ ,]*]] = qnn.div %[[X]], %[[A]] : (tensor<1x2xf32>, tensor<f32>) -> tensor<1x2xf32>
// CHECK-NEXT:  %[[T:[^ ,]*]] = qnn.constant dense<5.000000e-01> : tensor<1x1xf32> -> tensor<1x1xf32>
// CHECK-NEXT:  %[[M:[^ ,]*]] = qnn.multithreshold %[[Y]], %[[T]] {out_dtype = !qnn.uint<1>} : (tensor<1x2xf32>, tensor<1x1xf32>) -> tensor<1x2x!qnn.uint<1>>
// CHECK-NEXT:  func.return %[[M]] : tensor<1x2x!qnn.uint<1>>
// CHECK-NEXT:  }
func.func @negative_div_stays(%x: tensor<1x2xf32>) -> tensor<1x2x!qnn.uint<1>> {
  %a = qnn.constant dense<-2.0> : tensor<f32> -> tensor<f32>
  %y = qnn.div %x, %a : (tensor<1x2xf32>, tensor<f32>) -> tensor<1x2xf32>
  %t = qnn.constant dense<[[0.5]]> : tensor<1x1xf32> -> tensor<1x1xf32>
  %m = qnn.multithreshold %y, %t {out_dtype = !qnn.uint<1>} : (tensor<1x2xf32>, tensor<1x1xf32>) -> tensor<1x2x!qnn.uint<1>>
  func.return %m : tensor<1x2x!qnn.uint<1>>
}

// -----

// Refused: constant minus x (decreasing).
// CHECK-LABEL: func.func @constant_minus_x_stays(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x2xf32>) -> tensor<1x2x!qnn.uint<1>> {
// CHECK-NEXT:  %[[A:[^ ,]*]] = qnn.constant dense<1.000000e+00> : tensor<f32> -> tensor<f32>
// CHECK-NEXT:  %[[Y:[^ ,]*]] = qnn.sub %[[A]], %[[X]] : (tensor<f32>, tensor<1x2xf32>) -> tensor<1x2xf32>
// CHECK-NEXT:  %[[T:[^ ,]*]] = qnn.constant dense<5.000000e-01> : tensor<1x1xf32> -> tensor<1x1xf32>
// CHECK-NEXT:  %[[M:[^ ,]*]] = qnn.multithreshold %[[Y]], %[[T]] {out_dtype = !qnn.uint<1>} : (tensor<1x2xf32>, tensor<1x1xf32>) -> tensor<1x2x!qnn.uint<1>>
// CHECK-NEXT:  func.return %[[M]] : tensor<1x2x!qnn.uint<1>>
// CHECK-NEXT:  }
func.func @constant_minus_x_stays(%x: tensor<1x2xf32>) -> tensor<1x2x!qnn.uint<1>> {
  %a = qnn.constant dense<1.0> : tensor<f32> -> tensor<f32>
  %y = qnn.sub %a, %x : (tensor<f32>, tensor<1x2xf32>) -> tensor<1x2xf32>
  %t = qnn.constant dense<[[0.5]]> : tensor<1x1xf32> -> tensor<1x1xf32>
  %m = qnn.multithreshold %y, %t {out_dtype = !qnn.uint<1>} : (tensor<1x2xf32>, tensor<1x1xf32>) -> tensor<1x2x!qnn.uint<1>>
  func.return %m : tensor<1x2x!qnn.uint<1>>
}

// -----

// Refused: a non-constant addend.
// CHECK-LABEL: func.func @non_constant_stays(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x2xf32>, %[[A:[^:]*]]: tensor<1x2xf32>) -> tensor<1x2x!qnn.uint<1>> {
// CHECK-NEXT:  %[[Y:[^ ,]*]] = qnn.add %[[X]], %[[A]] : (tensor<1x2xf32>, tensor<1x2xf32>) -> tensor<1x2xf32>
// CHECK-NEXT:  %[[T:[^ ,]*]] = qnn.constant dense<5.000000e-01> : tensor<1x1xf32> -> tensor<1x1xf32>
// CHECK-NEXT:  %[[M:[^ ,]*]] = qnn.multithreshold %[[Y]], %[[T]] {out_dtype = !qnn.uint<1>} : (tensor<1x2xf32>, tensor<1x1xf32>) -> tensor<1x2x!qnn.uint<1>>
// CHECK-NEXT:  func.return %[[M]] : tensor<1x2x!qnn.uint<1>>
// CHECK-NEXT:  }
func.func @non_constant_stays(%x: tensor<1x2xf32>, %a: tensor<1x2xf32>) -> tensor<1x2x!qnn.uint<1>> {
  %y = qnn.add %x, %a : (tensor<1x2xf32>, tensor<1x2xf32>) -> tensor<1x2xf32>
  %t = qnn.constant dense<[[0.5]]> : tensor<1x1xf32> -> tensor<1x1xf32>
  %m = qnn.multithreshold %y, %t {out_dtype = !qnn.uint<1>} : (tensor<1x2xf32>, tensor<1x1xf32>) -> tensor<1x2x!qnn.uint<1>>
  func.return %m : tensor<1x2x!qnn.uint<1>>
}

// -----

// Refused: the add has another user.
// CHECK-LABEL: func.func @other_user_stays(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x2xf32>) -> (tensor<1x2x!qnn.uint<1>>, tensor<1x2xf32>) {
// CHECK-NEXT:  %[[A:[^ ,]*]] = qnn.constant dense<1.000000e+00> : tensor<f32> -> tensor<f32>
// CHECK-NEXT:  %[[Y:[^ ,]*]] = qnn.add %[[X]], %[[A]] : (tensor<1x2xf32>, tensor<f32>) -> tensor<1x2xf32>
// CHECK-NEXT:  %[[T:[^ ,]*]] = qnn.constant dense<5.000000e-01> : tensor<1x1xf32> -> tensor<1x1xf32>
// CHECK-NEXT:  %[[M:[^ ,]*]] = qnn.multithreshold %[[Y]], %[[T]] {out_dtype = !qnn.uint<1>} : (tensor<1x2xf32>, tensor<1x1xf32>) -> tensor<1x2x!qnn.uint<1>>
// CHECK-NEXT:  func.return %[[M]], %[[Y]] : tensor<1x2x!qnn.uint<1>>, tensor<1x2xf32>
// CHECK-NEXT:  }
func.func @other_user_stays(%x: tensor<1x2xf32>) -> (tensor<1x2x!qnn.uint<1>>, tensor<1x2xf32>) {
  %a = qnn.constant dense<1.0> : tensor<f32> -> tensor<f32>
  %y = qnn.add %x, %a : (tensor<1x2xf32>, tensor<f32>) -> tensor<1x2xf32>
  %t = qnn.constant dense<[[0.5]]> : tensor<1x1xf32> -> tensor<1x1xf32>
  %m = qnn.multithreshold %y, %t {out_dtype = !qnn.uint<1>} : (tensor<1x2xf32>, tensor<1x1xf32>) -> tensor<1x2x!qnn.uint<1>>
  func.return %m, %y : tensor<1x2x!qnn.uint<1>>, tensor<1x2xf32>
}

// -----

// Refused: a constant varying along the last axis of an NCHW tensor (not
// the channel axis).
// CHECK-LABEL: func.func @non_channel_axis_stays(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x2x2x2xf32>) -> tensor<1x2x2x2x!qnn.uint<1>> {
// CHECK-NEXT:  %[[A:[^ ,]*]] = qnn.constant dense<[1.000000e+00, 2.000000e+00]> : tensor<2xf32> -> tensor<2xf32>
// CHECK-NEXT:  %[[Y:[^ ,]*]] = qnn.add %[[X]], %[[A]] : (tensor<1x2x2x2xf32>, tensor<2xf32>) -> tensor<1x2x2x2xf32>
// CHECK-NEXT:  %[[T:[^ ,]*]] = qnn.constant dense<5.000000e-01> : tensor<1x1xf32> -> tensor<1x1xf32>
// CHECK-NEXT:  %[[M:[^ ,]*]] = qnn.multithreshold %[[Y]], %[[T]] {out_dtype = !qnn.uint<1>} : (tensor<1x2x2x2xf32>, tensor<1x1xf32>) -> tensor<1x2x2x2x!qnn.uint<1>>
// CHECK-NEXT:  func.return %[[M]] : tensor<1x2x2x2x!qnn.uint<1>>
// CHECK-NEXT:  }
func.func @non_channel_axis_stays(%x: tensor<1x2x2x2xf32>) -> tensor<1x2x2x2x!qnn.uint<1>> {
  %a = qnn.constant dense<[1.0, 2.0]> : tensor<2xf32> -> tensor<2xf32>
  %y = qnn.add %x, %a : (tensor<1x2x2x2xf32>, tensor<2xf32>) -> tensor<1x2x2x2xf32>
  %t = qnn.constant dense<[[0.5]]> : tensor<1x1xf32> -> tensor<1x1xf32>
  %m = qnn.multithreshold %y, %t {out_dtype = !qnn.uint<1>} : (tensor<1x2x2x2xf32>, tensor<1x1xf32>) -> tensor<1x2x2x2x!qnn.uint<1>>
  func.return %m : tensor<1x2x2x2x!qnn.uint<1>>
}

// -----

// Refused: the constant broadcasts x itself.
// CHECK-LABEL: func.func @broadcasting_stays(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x1xf32>) -> tensor<1x2x!qnn.uint<1>> {
// CHECK-NEXT:  %[[A:[^ ,]*]] = qnn.constant dense<{{\[\[}}1.000000e+00, 2.000000e+00{{\]\]}}> : tensor<1x2xf32> -> tensor<1x2xf32>
// CHECK-NEXT:  %[[Y:[^ ,]*]] = qnn.add %[[X]], %[[A]] : (tensor<1x1xf32>, tensor<1x2xf32>) -> tensor<1x2xf32>
// CHECK-NEXT:  %[[T:[^ ,]*]] = qnn.constant dense<5.000000e-01> : tensor<1x1xf32> -> tensor<1x1xf32>
// CHECK-NEXT:  %[[M:[^ ,]*]] = qnn.multithreshold %[[Y]], %[[T]] {out_dtype = !qnn.uint<1>} : (tensor<1x2xf32>, tensor<1x1xf32>) -> tensor<1x2x!qnn.uint<1>>
// CHECK-NEXT:  func.return %[[M]] : tensor<1x2x!qnn.uint<1>>
// CHECK-NEXT:  }
func.func @broadcasting_stays(%x: tensor<1x1xf32>) -> tensor<1x2x!qnn.uint<1>> {
  %a = qnn.constant dense<[[1.0, 2.0]]> : tensor<1x2xf32> -> tensor<1x2xf32>
  %y = qnn.add %x, %a : (tensor<1x1xf32>, tensor<1x2xf32>) -> tensor<1x2xf32>
  %t = qnn.constant dense<[[0.5]]> : tensor<1x1xf32> -> tensor<1x1xf32>
  %m = qnn.multithreshold %y, %t {out_dtype = !qnn.uint<1>} : (tensor<1x2xf32>, tensor<1x1xf32>) -> tensor<1x2x!qnn.uint<1>>
  func.return %m : tensor<1x2x!qnn.uint<1>>
}

// -----

// Refused: thresholds that are not constants.
// CHECK-LABEL: func.func @non_constant_thresholds_stay(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x2xf32>, %[[T:[^:]*]]: tensor<1x1xf32>) -> tensor<1x2x!qnn.uint<1>> {
// CHECK-NEXT:  %[[A:[^ ,]*]] = qnn.constant dense<1.000000e+00> : tensor<f32> -> tensor<f32>
// CHECK-NEXT:  %[[Y:[^ ,]*]] = qnn.add %[[X]], %[[A]] : (tensor<1x2xf32>, tensor<f32>) -> tensor<1x2xf32>
// CHECK-NEXT:  %[[M:[^ ,]*]] = qnn.multithreshold %[[Y]], %[[T]] {out_dtype = !qnn.uint<1>} : (tensor<1x2xf32>, tensor<1x1xf32>) -> tensor<1x2x!qnn.uint<1>>
// CHECK-NEXT:  func.return %[[M]] : tensor<1x2x!qnn.uint<1>>
// CHECK-NEXT:  }
func.func @non_constant_thresholds_stay(%x: tensor<1x2xf32>, %t: tensor<1x1xf32>) -> tensor<1x2x!qnn.uint<1>> {
  %a = qnn.constant dense<1.0> : tensor<f32> -> tensor<f32>
  %y = qnn.add %x, %a : (tensor<1x2xf32>, tensor<f32>) -> tensor<1x2xf32>
  %m = qnn.multithreshold %y, %t {out_dtype = !qnn.uint<1>} : (tensor<1x2xf32>, tensor<1x1xf32>) -> tensor<1x2x!qnn.uint<1>>
  func.return %m : tensor<1x2x!qnn.uint<1>>
}

// -----

// Monotonic activations (MONOTONIC_ACTIVATIONS, keyed by op class) move in
// like relu. leaky_relu(x, 0.25) >= -0.5 is x >= -2; >= 0 holds from the
// second negative denormal up (0.25 times the first rounds to -0); >= 0.5
// is x >= 0.5.
// CHECK-LABEL: func.func @leaky_relu(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x2xf32>) -> tensor<1x2x!qnn.int<2>> {
// CHECK-NEXT:  %[[T:[^ ,]*]] = qnn.constant dense<{{\[\[}}-2.000000e+00, -2.802600e-45, 5.000000e-01{{\]\]}}> : tensor<1x3xf32> -> tensor<1x3xf32>
// CHECK-NEXT:  %[[M:[^ ,]*]] = qnn.multithreshold %[[X]], %[[T]] {out_dtype = !qnn.int<2>, out_bias = -2.000000e+00 : f32} : (tensor<1x2xf32>, tensor<1x3xf32>) -> tensor<1x2x!qnn.int<2>>
// CHECK-NEXT:  func.return %[[M]] : tensor<1x2x!qnn.int<2>>
func.func @leaky_relu(%x: tensor<1x2xf32>) -> tensor<1x2x!qnn.int<2>> {
  %y = qnn.leaky_relu %x {alpha = 0.25 : f32} : (tensor<1x2xf32>) -> tensor<1x2xf32>
  %t = qnn.constant dense<[[-0.5, 0.0, 0.5]]> : tensor<1x3xf32> -> tensor<1x3xf32>
  %m = qnn.multithreshold %y, %t {out_dtype = !qnn.int<2>, out_bias = -2.0 : f32} : (tensor<1x2xf32>, tensor<1x3xf32>) -> tensor<1x2x!qnn.int<2>>
  func.return %m : tensor<1x2x!qnn.int<2>>
}

// -----

// clip(x, -1, 2) of an int<4>: >= -1.5 always (-8), >= 0.5 from 1, >= 3
// never (8).
// CHECK-LABEL: func.func @clip(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x2x!qnn.int<4>>) -> tensor<1x2x!qnn.uint<2>> {
// CHECK-NEXT:  %[[T:[^ ,]*]] = qnn.constant dense<{{\[\[}}-8, 1, 8{{\]\]}}> : tensor<1x3xi8> -> tensor<1x3x!qnn.int<5>>
// CHECK-NEXT:  %[[M:[^ ,]*]] = qnn.multithreshold %[[X]], %[[T]] {out_dtype = !qnn.uint<2>} : (tensor<1x2x!qnn.int<4>>, tensor<1x3x!qnn.int<5>>) -> tensor<1x2x!qnn.uint<2>>
func.func @clip(%x: tensor<1x2x!qnn.int<4>>) -> tensor<1x2x!qnn.uint<2>> {
  %y = qnn.clip %x {min = -1.0 : f32, max = 2.0 : f32} : (tensor<1x2x!qnn.int<4>>) -> tensor<1x2x!qnn.int<3>>
  %t = qnn.constant dense<[[-1.5, 0.5, 3.0]]> : tensor<1x3xf32> -> tensor<1x3xf32>
  %m = qnn.multithreshold %y, %t {out_dtype = !qnn.uint<2>} : (tensor<1x2x!qnn.int<3>>, tensor<1x3xf32>) -> tensor<1x2x!qnn.uint<2>>
  func.return %m : tensor<1x2x!qnn.uint<2>>
}

// -----

// sigmoid(x) >= 0.25, 0.5, 0.75: x >= ln(1/3), the float32 below 0 where
// sigmoid rounds to 0.5, ln(3) (checked against the neighbouring floats).
// CHECK-LABEL: func.func @sigmoid(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x2xf32>) -> tensor<1x2x!qnn.uint<2>> {
// CHECK-NEXT:  %[[T:[^ ,]*]] = qnn.constant dense<{{\[\[}}-1.09861243, -4.10632381e-08, 1.09861207{{\]\]}}> : tensor<1x3xf32> -> tensor<1x3xf32>
// CHECK-NEXT:  %[[M:[^ ,]*]] = qnn.multithreshold %[[X]], %[[T]] {out_dtype = !qnn.uint<2>} : (tensor<1x2xf32>, tensor<1x3xf32>) -> tensor<1x2x!qnn.uint<2>>
func.func @sigmoid(%x: tensor<1x2xf32>) -> tensor<1x2x!qnn.uint<2>> {
  %y = qnn.sigmoid %x : (tensor<1x2xf32>) -> tensor<1x2xf32>
  %t = qnn.constant dense<[[0.25, 0.5, 0.75]]> : tensor<1x3xf32> -> tensor<1x3xf32>
  %m = qnn.multithreshold %y, %t {out_dtype = !qnn.uint<2>} : (tensor<1x2xf32>, tensor<1x3xf32>) -> tensor<1x2x!qnn.uint<2>>
  func.return %m : tensor<1x2x!qnn.uint<2>>
}

// -----

// tanh of an int<4> >= -0.9, 0, 0.99: from -1, 0 and 3.
// CHECK-LABEL: func.func @tanh(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x2x!qnn.int<4>>) -> tensor<1x2x!qnn.uint<2>> {
// CHECK-NEXT:  %[[T:[^ ,]*]] = qnn.constant dense<{{\[\[}}-1, 0, 3{{\]\]}}> : tensor<1x3xi8> -> tensor<1x3x!qnn.int<3>>
func.func @tanh(%x: tensor<1x2x!qnn.int<4>>) -> tensor<1x2x!qnn.uint<2>> {
  %y = qnn.tanh %x : (tensor<1x2x!qnn.int<4>>) -> tensor<1x2xf32>
  %t = qnn.constant dense<[[-0.9, 0.0, 0.99]]> : tensor<1x3xf32> -> tensor<1x3xf32>
  %m = qnn.multithreshold %y, %t {out_dtype = !qnn.uint<2>} : (tensor<1x2xf32>, tensor<1x3xf32>) -> tensor<1x2x!qnn.uint<2>>
  func.return %m : tensor<1x2x!qnn.uint<2>>
}

// -----

// hard_sigmoid (0.2 x + 0.5, clipped to [0, 1]) >= 0 everywhere (the
// lowest float32), >= 1.5 nowhere (+inf).
// CHECK-LABEL: func.func @hard_sigmoid(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x2xf32>) -> tensor<1x2x!qnn.uint<2>> {
// CHECK-NEXT:  %[[T:[^ ,]*]] = qnn.constant dense<"0xFFFF7FFF0000A0B30000807F"> : tensor<1x3xf32> -> tensor<1x3xf32>
// CHECK-NEXT:  %[[M:[^ ,]*]] = qnn.multithreshold %[[X]], %[[T]]
func.func @hard_sigmoid(%x: tensor<1x2xf32>) -> tensor<1x2x!qnn.uint<2>> {
  %y = qnn.hard_sigmoid %x : (tensor<1x2xf32>) -> tensor<1x2xf32>
  %t = qnn.constant dense<[[0.0, 0.5, 1.5]]> : tensor<1x3xf32> -> tensor<1x3xf32>
  %m = qnn.multithreshold %y, %t {out_dtype = !qnn.uint<2>} : (tensor<1x2xf32>, tensor<1x3xf32>) -> tensor<1x2x!qnn.uint<2>>
  func.return %m : tensor<1x2x!qnn.uint<2>>
}

// -----

// Refused: the activation has another user.
// CHECK-LABEL: func.func @shared(
// CHECK-NEXT:  qnn.sigmoid
// CHECK-NEXT:  qnn.constant
// CHECK-NEXT:  qnn.multithreshold
func.func @shared(%x: tensor<1x2xf32>) -> (tensor<1x2x!qnn.uint<2>>, tensor<1x2xf32>) {
  %y = qnn.sigmoid %x : (tensor<1x2xf32>) -> tensor<1x2xf32>
  %t = qnn.constant dense<[[0.25, 0.5, 0.75]]> : tensor<1x3xf32> -> tensor<1x3xf32>
  %m = qnn.multithreshold %y, %t {out_dtype = !qnn.uint<2>} : (tensor<1x2xf32>, tensor<1x3xf32>) -> tensor<1x2x!qnn.uint<2>>
  func.return %m, %y : tensor<1x2x!qnn.uint<2>>, tensor<1x2xf32>
}
