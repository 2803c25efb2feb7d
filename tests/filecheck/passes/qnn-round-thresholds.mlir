// qnn-round-thresholds: thresholds of a multithreshold on an integer input
// become integers: ceil(T), clipped to [min, max + 1] of the input type,
// in the narrowest integer datatype holding them.
// RUN: finnr-opt %s --split-input-file -p qnn-round-thresholds | filecheck %s

// int<4> input ([-8, 7]): -20 -> -8, 0.5 -> 1, 2 -> 2, -1.5 -> -1,
// 3.25 -> 4, 100 -> 8 (never reached); [-8, 8] needs int<5>.
// CHECK-LABEL: func.func @round_and_clip(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x2x!qnn.int<4>>) -> tensor<1x2x!qnn.uint<2>> {
// CHECK-NEXT:  %[[M:[^ ,]*]] = qnn.constant dense<{{\[\[}}-8, 1, 2], [-1, 4, 8{{\]\]}}> : tensor<2x3xi8> -> tensor<2x3x!qnn.int<5>>
// CHECK-NEXT:  %[[M_1:[^ ,]*]] = qnn.multithreshold %[[X]], %[[M]] {out_dtype = !qnn.uint<2>} : (tensor<1x2x!qnn.int<4>>, tensor<2x3x!qnn.int<5>>) -> tensor<1x2x!qnn.uint<2>>
// CHECK-NEXT:  func.return %[[M_1]] : tensor<1x2x!qnn.uint<2>>
// CHECK-NEXT:  }
func.func @round_and_clip(%x: tensor<1x2x!qnn.int<4>>) -> tensor<1x2x!qnn.uint<2>> {
  %t = qnn.constant dense<[[-20.0, 0.5, 2.0], [-1.5, 3.25, 100.0]]> : tensor<2x3xf32> -> tensor<2x3xf32>
  %m = qnn.multithreshold %x, %t {out_dtype = !qnn.uint<2>} : (tensor<1x2x!qnn.int<4>>, tensor<2x3xf32>) -> tensor<1x2x!qnn.uint<2>>
  func.return %m : tensor<1x2x!qnn.uint<2>>
}

// -----

// Huge thresholds clip to the uint<2> range: [0, 1, 4].
// CHECK-LABEL: func.func @huge_thresholds(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x2x!qnn.uint<2>>) -> tensor<1x2x!qnn.uint<2>> {
// CHECK-NEXT:  %[[M:[^ ,]*]] = qnn.constant dense<{{\[\[}}0, 1, 4{{\]\]}}> : tensor<1x3xi8> -> tensor<1x3x!qnn.uint<3>>
// CHECK-NEXT:  %[[M_1:[^ ,]*]] = qnn.multithreshold %[[X]], %[[M]] {out_dtype = !qnn.uint<2>} : (tensor<1x2x!qnn.uint<2>>, tensor<1x3x!qnn.uint<3>>) -> tensor<1x2x!qnn.uint<2>>
// CHECK-NEXT:  func.return %[[M_1]] : tensor<1x2x!qnn.uint<2>>
// CHECK-NEXT:  }
func.func @huge_thresholds(%x: tensor<1x2x!qnn.uint<2>>) -> tensor<1x2x!qnn.uint<2>> {
  %t = qnn.constant dense<[[-1.0e+30, 0.5, 1.0e+30]]> : tensor<1x3xf32> -> tensor<1x3xf32>
  %m = qnn.multithreshold %x, %t {out_dtype = !qnn.uint<2>} : (tensor<1x2x!qnn.uint<2>>, tensor<1x3xf32>) -> tensor<1x2x!qnn.uint<2>>
  func.return %m : tensor<1x2x!qnn.uint<2>>
}

// -----

// A bipolar input: x >= -0.5 is x >= 0 on {-1, +1}.
// CHECK-LABEL: func.func @bipolar_input(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x2x!qnn.bipolar>) -> tensor<1x2x!qnn.uint<1>> {
// CHECK-NEXT:  %[[M:[^ ,]*]] = qnn.constant dense<0> : tensor<1x1xi8> -> tensor<1x1x!qnn.uint<1>>
// CHECK-NEXT:  %[[M_1:[^ ,]*]] = qnn.multithreshold %[[X]], %[[M]] {out_dtype = !qnn.uint<1>} : (tensor<1x2x!qnn.bipolar>, tensor<1x1x!qnn.uint<1>>) -> tensor<1x2x!qnn.uint<1>>
// CHECK-NEXT:  func.return %[[M_1]] : tensor<1x2x!qnn.uint<1>>
// CHECK-NEXT:  }
func.func @bipolar_input(%x: tensor<1x2x!qnn.bipolar>) -> tensor<1x2x!qnn.uint<1>> {
  %t = qnn.constant dense<[[-0.5]]> : tensor<1x1xf32> -> tensor<1x1xf32>
  %m = qnn.multithreshold %x, %t {out_dtype = !qnn.uint<1>} : (tensor<1x2x!qnn.bipolar>, tensor<1x1xf32>) -> tensor<1x2x!qnn.uint<1>>
  func.return %m : tensor<1x2x!qnn.uint<1>>
}

// -----

// Refused: a float input.
// CHECK-LABEL: func.func @float_input_stays(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x2xf32>) -> tensor<1x2x!qnn.uint<1>> {
// CHECK-NEXT:  %[[T:[^ ,]*]] = qnn.constant dense<5.000000e-01> : tensor<1x1xf32> -> tensor<1x1xf32>
// CHECK-NEXT:  %[[M:[^ ,]*]] = qnn.multithreshold %[[X]], %[[T]] {out_dtype = !qnn.uint<1>} : (tensor<1x2xf32>, tensor<1x1xf32>) -> tensor<1x2x!qnn.uint<1>>
// CHECK-NEXT:  func.return %[[M]] : tensor<1x2x!qnn.uint<1>>
// CHECK-NEXT:  }
func.func @float_input_stays(%x: tensor<1x2xf32>) -> tensor<1x2x!qnn.uint<1>> {
  %t = qnn.constant dense<[[0.5]]> : tensor<1x1xf32> -> tensor<1x1xf32>
  %m = qnn.multithreshold %x, %t {out_dtype = !qnn.uint<1>} : (tensor<1x2xf32>, tensor<1x1xf32>) -> tensor<1x2x!qnn.uint<1>>
  func.return %m : tensor<1x2x!qnn.uint<1>>
}

// -----

// Refused: thresholds that are already integers (even out of range).
// CHECK-LABEL: func.func @integer_thresholds_stay(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x2x!qnn.int<4>>) -> tensor<1x2x!qnn.uint<1>> {
// CHECK-NEXT:  %[[T:[^ ,]*]] = qnn.constant dense<20> : tensor<1x1xi8> -> tensor<1x1x!qnn.uint<5>>
// CHECK-NEXT:  %[[M:[^ ,]*]] = qnn.multithreshold %[[X]], %[[T]] {out_dtype = !qnn.uint<1>} : (tensor<1x2x!qnn.int<4>>, tensor<1x1x!qnn.uint<5>>) -> tensor<1x2x!qnn.uint<1>>
// CHECK-NEXT:  func.return %[[M]] : tensor<1x2x!qnn.uint<1>>
// CHECK-NEXT:  }
func.func @integer_thresholds_stay(%x: tensor<1x2x!qnn.int<4>>) -> tensor<1x2x!qnn.uint<1>> {
  %t = qnn.constant dense<[[20]]> : tensor<1x1xi8> -> tensor<1x1x!qnn.uint<5>>
  %m = qnn.multithreshold %x, %t {out_dtype = !qnn.uint<1>} : (tensor<1x2x!qnn.int<4>>, tensor<1x1x!qnn.uint<5>>) -> tensor<1x2x!qnn.uint<1>>
  func.return %m : tensor<1x2x!qnn.uint<1>>
}

// -----

// Refused: thresholds that are not constants.
// CHECK-LABEL: func.func @non_constant_stays(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x2x!qnn.int<4>>, %[[T:[^:]*]]: tensor<1x1xf32>) -> tensor<1x2x!qnn.uint<1>> {
// CHECK-NEXT:  %[[M:[^ ,]*]] = qnn.multithreshold %[[X]], %[[T]] {out_dtype = !qnn.uint<1>} : (tensor<1x2x!qnn.int<4>>, tensor<1x1xf32>) -> tensor<1x2x!qnn.uint<1>>
// CHECK-NEXT:  func.return %[[M]] : tensor<1x2x!qnn.uint<1>>
// CHECK-NEXT:  }
func.func @non_constant_stays(%x: tensor<1x2x!qnn.int<4>>, %t: tensor<1x1xf32>) -> tensor<1x2x!qnn.uint<1>> {
  %m = qnn.multithreshold %x, %t {out_dtype = !qnn.uint<1>} : (tensor<1x2x!qnn.int<4>>, tensor<1x1xf32>) -> tensor<1x2x!qnn.uint<1>>
  func.return %m : tensor<1x2x!qnn.uint<1>>
}

// -----

// Refused: an int<32> input whose thresholds span [min, max + 1], which no
// 32-bit type holds. (The big whole floats print as raw bytes.)
// CHECK-LABEL: func.func @int32_full_range_stays(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x2x!qnn.int<32>>) -> tensor<1x2x!qnn.uint<2>> {
// CHECK-NEXT:  %[[T:[^ ,]*]] = qnn.constant dense<"0x7684DFD07684DF50"> : tensor<1x2xf32> -> tensor<1x2xf32>
// CHECK-NEXT:  %[[M:[^ ,]*]] = qnn.multithreshold %[[X]], %[[T]] {out_dtype = !qnn.uint<2>} : (tensor<1x2x!qnn.int<32>>, tensor<1x2xf32>) -> tensor<1x2x!qnn.uint<2>>
// CHECK-NEXT:  func.return %[[M]] : tensor<1x2x!qnn.uint<2>>
// CHECK-NEXT:  }
func.func @int32_full_range_stays(%x: tensor<1x2x!qnn.int<32>>) -> tensor<1x2x!qnn.uint<2>> {
  %t = qnn.constant dense<[[-3.0e+10, 3.0e+10]]> : tensor<1x2xf32> -> tensor<1x2xf32>
  %m = qnn.multithreshold %x, %t {out_dtype = !qnn.uint<2>} : (tensor<1x2x!qnn.int<32>>, tensor<1x2xf32>) -> tensor<1x2x!qnn.uint<2>>
  func.return %m : tensor<1x2x!qnn.uint<2>>
}
