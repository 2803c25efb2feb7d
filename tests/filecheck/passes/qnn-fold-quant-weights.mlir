// qnn-fold-quant-weights: a quantizer of a constant becomes the integer
// constant q - zeropt (of the quantizer's integer datatype) times the scale;
// the product is bit-identical to what the quantizer computed. The multiply
// is left out for a unit scale unless a function result needs the f32 type.
// RUN: finnr-opt %s --split-input-file -p qnn-fold-quant-weights | filecheck %s

// Signed 3 bits, scale 0.5: W / 0.5 = [[0.6, -1.6, 4], [-0.2, 1.2, -10]],
// clipped to [-4, 3] and rounded: [[1, -2, 3], [0, 1, -4]].
// CHECK-LABEL: func.func @signed_scaled(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x2xf32>) -> tensor<1x3xf32> {
// CHECK-NEXT:  %[[Q:[^ ,]*]] = qnn.constant dense<{{\[\[}}1, -2, 3], [0, 1, -4{{\]\]}}> : tensor<2x3xi8> -> tensor<2x3x!qnn.int<3>>
// CHECK-NEXT:  %[[Q_1:[^ ,]*]] = qnn.constant dense<5.000000e-01> : tensor<f32> -> tensor<f32>
// CHECK-NEXT:  %[[Q_2:[^ ,]*]] = qnn.mul %[[Q]], %[[Q_1]] : (tensor<2x3x!qnn.int<3>>, tensor<f32>) -> tensor<2x3xf32>
// CHECK-NEXT:  %[[Y:[^ ,]*]] = qnn.matmul %[[X]], %[[Q_2]] : (tensor<1x2xf32>, tensor<2x3xf32>) -> tensor<1x3xf32>
// CHECK-NEXT:  func.return %[[Y]] : tensor<1x3xf32>
// CHECK-NEXT:  }
func.func @signed_scaled(%x: tensor<1x2xf32>) -> tensor<1x3xf32> {
  %w = qnn.constant dense<[[0.3, -0.8, 2.0], [-0.1, 0.6, -5.0]]> : tensor<2x3xf32> -> tensor<2x3xf32>
  %q = qnn.quant %w {bitwidth = 3 : i64, scale = dense<0.5> : tensor<f32>, zeropt = dense<0.0> : tensor<f32>} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %y = qnn.matmul %x, %q : (tensor<1x2xf32>, tensor<2x3xf32>) -> tensor<1x3xf32>
  func.return %y : tensor<1x3xf32>
}

// -----

// Unsigned 4 bits, unit scale: clip to [0, 15] and round (half to even:
// 1.6 -> 2); no multiply, the matmul reads the integers directly.
// CHECK-LABEL: func.func @unsigned_unit_scale(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x2xf32>) -> tensor<1x2xf32> {
// CHECK-NEXT:  %[[Q:[^ ,]*]] = qnn.constant dense<{{\[\[}}0, 0], [2, 9{{\]\]}}> : tensor<2x2xi8> -> tensor<2x2x!qnn.uint<4>>
// CHECK-NEXT:  %[[Y:[^ ,]*]] = qnn.matmul %[[X]], %[[Q]] : (tensor<1x2xf32>, tensor<2x2x!qnn.uint<4>>) -> tensor<1x2xf32>
// CHECK-NEXT:  func.return %[[Y]] : tensor<1x2xf32>
// CHECK-NEXT:  }
func.func @unsigned_unit_scale(%x: tensor<1x2xf32>) -> tensor<1x2xf32> {
  %w = qnn.constant dense<[[0.3, -2.8], [1.6, 9.0]]> : tensor<2x2xf32> -> tensor<2x2xf32>
  %q = qnn.quant %w {bitwidth = 4 : i64, scale = dense<1.0> : tensor<f32>, zeropt = dense<0.0> : tensor<f32>, signed = false} : (tensor<2x2xf32>) -> tensor<2x2xf32>
  %y = qnn.matmul %x, %q : (tensor<1x2xf32>, tensor<2x2xf32>) -> tensor<1x2xf32>
  func.return %y : tensor<1x2xf32>
}

// -----

// A unit scale whose result is returned keeps the multiply (the signature
// fixes the f32 type).
// CHECK-LABEL: func.func @unit_scale_returned(
// CHECK-SAME:  ) -> tensor<2xf32> {
// CHECK-NEXT:  %[[Q:[^ ,]*]] = qnn.constant dense<[0, -3]> : tensor<2xi8> -> tensor<2x!qnn.int<4>>
// CHECK-NEXT:  %[[Q_1:[^ ,]*]] = qnn.constant dense<1.000000e+00> : tensor<f32> -> tensor<f32>
// CHECK-NEXT:  %[[Q_2:[^ ,]*]] = qnn.mul %[[Q]], %[[Q_1]] : (tensor<2x!qnn.int<4>>, tensor<f32>) -> tensor<2xf32>
// CHECK-NEXT:  func.return %[[Q_2]] : tensor<2xf32>
// CHECK-NEXT:  }
func.func @unit_scale_returned() -> tensor<2xf32> {
  %w = qnn.constant dense<[0.3, -2.8]> : tensor<2xf32> -> tensor<2xf32>
  %q = qnn.quant %w {bitwidth = 4 : i64, scale = dense<1.0> : tensor<f32>, zeropt = dense<0.0> : tensor<f32>} : (tensor<2xf32>) -> tensor<2xf32>
  func.return %q : tensor<2xf32>
}

// -----

// Narrow signed 2 bits ([-1, 1]) with HALF_UP rounding: 0.5 -> 1, -0.5 -> -1.
// CHECK-LABEL: func.func @narrow_half_up(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x2xf32>) -> tensor<1x2xf32> {
// CHECK-NEXT:  %[[Q:[^ ,]*]] = qnn.constant dense<{{\[\[}}1, -1], [1, 0{{\]\]}}> : tensor<2x2xi8> -> tensor<2x2x!qnn.int<2>>
// CHECK-NEXT:  %[[Y:[^ ,]*]] = qnn.matmul %[[X]], %[[Q]] : (tensor<1x2xf32>, tensor<2x2x!qnn.int<2>>) -> tensor<1x2xf32>
// CHECK-NEXT:  func.return %[[Y]] : tensor<1x2xf32>
// CHECK-NEXT:  }
func.func @narrow_half_up(%x: tensor<1x2xf32>) -> tensor<1x2xf32> {
  %w = qnn.constant dense<[[0.5, -0.5], [3.0, 0.4]]> : tensor<2x2xf32> -> tensor<2x2xf32>
  %q = qnn.quant %w {bitwidth = 2 : i64, scale = dense<1.0> : tensor<f32>, zeropt = dense<0.0> : tensor<f32>, narrow = true, rounding_mode = "HALF_UP"} : (tensor<2x2xf32>) -> tensor<2x2xf32>
  %y = qnn.matmul %x, %q : (tensor<1x2xf32>, tensor<2x2xf32>) -> tensor<1x2xf32>
  func.return %y : tensor<1x2xf32>
}

// -----

// A 1-bit signed quantizer is a sign: bipolar weights (0 maps to +1).
// CHECK-LABEL: func.func @one_bit_signed(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x2xf32>) -> tensor<1x2xf32> {
// CHECK-NEXT:  %[[Q:[^ ,]*]] = qnn.constant dense<{{\[\[}}1, -1], [1, -1{{\]\]}}> : tensor<2x2xi8> -> tensor<2x2x!qnn.bipolar>
// CHECK-NEXT:  %[[Q_1:[^ ,]*]] = qnn.constant dense<2.500000e-01> : tensor<f32> -> tensor<f32>
// CHECK-NEXT:  %[[Q_2:[^ ,]*]] = qnn.mul %[[Q]], %[[Q_1]] : (tensor<2x2x!qnn.bipolar>, tensor<f32>) -> tensor<2x2xf32>
// CHECK-NEXT:  %[[Y:[^ ,]*]] = qnn.matmul %[[X]], %[[Q_2]] : (tensor<1x2xf32>, tensor<2x2xf32>) -> tensor<1x2xf32>
// CHECK-NEXT:  func.return %[[Y]] : tensor<1x2xf32>
// CHECK-NEXT:  }
func.func @one_bit_signed(%x: tensor<1x2xf32>) -> tensor<1x2xf32> {
  %w = qnn.constant dense<[[0.3, -2.8], [0.0, -0.1]]> : tensor<2x2xf32> -> tensor<2x2xf32>
  %q = qnn.quant %w {bitwidth = 1 : i64, scale = dense<0.25> : tensor<f32>, zeropt = dense<0.0> : tensor<f32>} : (tensor<2x2xf32>) -> tensor<2x2xf32>
  %y = qnn.matmul %x, %q : (tensor<1x2xf32>, tensor<2x2xf32>) -> tensor<1x2xf32>
  func.return %y : tensor<1x2xf32>
}

// -----

// A 1-bit signed quantizer with a zero point: y = sign(W - 1) is -1 or +1,
// the constant holds y + 1 = [[0, 0], [2, 2]], in [0, 2]: uint<2>.
// CHECK-LABEL: func.func @one_bit_zeropt(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x2xf32>) -> tensor<1x2xf32> {
// CHECK-NEXT:  %[[Q:[^ ,]*]] = qnn.constant dense<{{\[\[}}0, 0], [2, 2{{\]\]}}> : tensor<2x2xi8> -> tensor<2x2x!qnn.uint<2>>
// CHECK-NEXT:  %[[Y:[^ ,]*]] = qnn.matmul %[[X]], %[[Q]] : (tensor<1x2xf32>, tensor<2x2x!qnn.uint<2>>) -> tensor<1x2xf32>
// CHECK-NEXT:  func.return %[[Y]] : tensor<1x2xf32>
// CHECK-NEXT:  }
func.func @one_bit_zeropt(%x: tensor<1x2xf32>) -> tensor<1x2xf32> {
  %w = qnn.constant dense<[[0.3, -2.8], [1.6, 9.0]]> : tensor<2x2xf32> -> tensor<2x2xf32>
  %q = qnn.quant %w {bitwidth = 1 : i64, scale = dense<1.0> : tensor<f32>, zeropt = dense<-1.0> : tensor<f32>} : (tensor<2x2xf32>) -> tensor<2x2xf32>
  %y = qnn.matmul %x, %q : (tensor<1x2xf32>, tensor<2x2xf32>) -> tensor<1x2xf32>
  func.return %y : tensor<1x2xf32>
}

// -----

// bipolar_quant of a constant: bipolar weights times the scale.
// CHECK-LABEL: func.func @bipolar_quant(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x2xf32>) -> tensor<1x2xf32> {
// CHECK-NEXT:  %[[Q:[^ ,]*]] = qnn.constant dense<{{\[\[}}1, -1], [1, -1{{\]\]}}> : tensor<2x2xi8> -> tensor<2x2x!qnn.bipolar>
// CHECK-NEXT:  %[[Q_1:[^ ,]*]] = qnn.constant dense<2.000000e+00> : tensor<f32> -> tensor<f32>
// CHECK-NEXT:  %[[Q_2:[^ ,]*]] = qnn.mul %[[Q]], %[[Q_1]] : (tensor<2x2x!qnn.bipolar>, tensor<f32>) -> tensor<2x2xf32>
// CHECK-NEXT:  %[[Y:[^ ,]*]] = qnn.matmul %[[X]], %[[Q_2]] : (tensor<1x2xf32>, tensor<2x2xf32>) -> tensor<1x2xf32>
// CHECK-NEXT:  func.return %[[Y]] : tensor<1x2xf32>
// CHECK-NEXT:  }
func.func @bipolar_quant(%x: tensor<1x2xf32>) -> tensor<1x2xf32> {
  %w = qnn.constant dense<[[0.3, -2.8], [0.0, -0.1]]> : tensor<2x2xf32> -> tensor<2x2xf32>
  %q = qnn.bipolar_quant %w {scale = dense<2.0> : tensor<f32>} : (tensor<2x2xf32>) -> tensor<2x2xf32>
  %y = qnn.matmul %x, %q : (tensor<1x2xf32>, tensor<2x2xf32>) -> tensor<1x2xf32>
  func.return %y : tensor<1x2xf32>
}

// -----

// An integer zero point: y = round(clip(W + 1, 0, 3)) = [[1, 0], [3, 3]],
// the constant holds y - 1 = [[0, -1], [2, 2]], in [-1, 2]: int<3>.
// CHECK-LABEL: func.func @integer_zeropt(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x2xf32>) -> tensor<1x2xf32> {
// CHECK-NEXT:  %[[Q:[^ ,]*]] = qnn.constant dense<{{\[\[}}0, -1], [2, 2{{\]\]}}> : tensor<2x2xi8> -> tensor<2x2x!qnn.int<3>>
// CHECK-NEXT:  %[[Y:[^ ,]*]] = qnn.matmul %[[X]], %[[Q]] : (tensor<1x2xf32>, tensor<2x2x!qnn.int<3>>) -> tensor<1x2xf32>
// CHECK-NEXT:  func.return %[[Y]] : tensor<1x2xf32>
// CHECK-NEXT:  }
func.func @integer_zeropt(%x: tensor<1x2xf32>) -> tensor<1x2xf32> {
  %w = qnn.constant dense<[[0.3, -2.8], [1.6, 9.0]]> : tensor<2x2xf32> -> tensor<2x2xf32>
  %q = qnn.quant %w {bitwidth = 2 : i64, scale = dense<1.0> : tensor<f32>, zeropt = dense<1.0> : tensor<f32>, signed = false} : (tensor<2x2xf32>) -> tensor<2x2xf32>
  %y = qnn.matmul %x, %q : (tensor<1x2xf32>, tensor<2x2xf32>) -> tensor<1x2xf32>
  func.return %y : tensor<1x2xf32>
}

// -----

// A per-output-channel scale stays a vector: W / [0.5, 2] = [[0.6, -1.4],
// [3.2, 4.5]] -> [[1, -1], [3, 4]] (4.5 rounds to even).
// CHECK-LABEL: func.func @per_channel_scale(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x2xf32>) -> tensor<1x2xf32> {
// CHECK-NEXT:  %[[Q:[^ ,]*]] = qnn.constant dense<{{\[\[}}1, -1], [3, 4{{\]\]}}> : tensor<2x2xi8> -> tensor<2x2x!qnn.int<4>>
// CHECK-NEXT:  %[[Q_1:[^ ,]*]] = qnn.constant dense<[5.000000e-01, 2.000000e+00]> : tensor<2xf32> -> tensor<2xf32>
// CHECK-NEXT:  %[[Q_2:[^ ,]*]] = qnn.mul %[[Q]], %[[Q_1]] : (tensor<2x2x!qnn.int<4>>, tensor<2xf32>) -> tensor<2x2xf32>
// CHECK-NEXT:  %[[Y:[^ ,]*]] = qnn.matmul %[[X]], %[[Q_2]] : (tensor<1x2xf32>, tensor<2x2xf32>) -> tensor<1x2xf32>
// CHECK-NEXT:  func.return %[[Y]] : tensor<1x2xf32>
// CHECK-NEXT:  }
func.func @per_channel_scale(%x: tensor<1x2xf32>) -> tensor<1x2xf32> {
  %w = qnn.constant dense<[[0.3, -2.8], [1.6, 9.0]]> : tensor<2x2xf32> -> tensor<2x2xf32>
  %q = qnn.quant %w {bitwidth = 4 : i64, scale = dense<[0.5, 2.0]> : tensor<2xf32>, zeropt = dense<0.0> : tensor<f32>} : (tensor<2x2xf32>) -> tensor<2x2xf32>
  %y = qnn.matmul %x, %q : (tensor<1x2xf32>, tensor<2x2xf32>) -> tensor<1x2xf32>
  func.return %y : tensor<1x2xf32>
}

// -----

// Refused: a non-integer zero point (the values are not integers times a
// scale).
// CHECK-LABEL: func.func @fractional_zeropt_stays(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x2xf32>) -> tensor<1x2xf32> {
// CHECK-NEXT:  %[[W:[^ ,]*]] = qnn.constant dense<{{\[\[}}3.000000e-01, -2.800000e+00], [1.600000e+00, 9.000000e+00{{\]\]}}> : tensor<2x2xf32> -> tensor<2x2xf32>
// CHECK-NEXT:  %[[Q:[^ ,]*]] = qnn.quant %[[W]] {bitwidth = 4 : i64, scale = dense<1.000000e+00> : tensor<f32>, zeropt = dense<5.000000e-01> : tensor<f32>} : (tensor<2x2xf32>) -> tensor<2x2xf32>
// CHECK-NEXT:  %[[Y:[^ ,]*]] = qnn.matmul %[[X]], %[[Q]] : (tensor<1x2xf32>, tensor<2x2xf32>) -> tensor<1x2xf32>
// CHECK-NEXT:  func.return %[[Y]] : tensor<1x2xf32>
// CHECK-NEXT:  }
func.func @fractional_zeropt_stays(%x: tensor<1x2xf32>) -> tensor<1x2xf32> {
  %w = qnn.constant dense<[[0.3, -2.8], [1.6, 9.0]]> : tensor<2x2xf32> -> tensor<2x2xf32>
  %q = qnn.quant %w {bitwidth = 4 : i64, scale = dense<1.0> : tensor<f32>, zeropt = dense<0.5> : tensor<f32>} : (tensor<2x2xf32>) -> tensor<2x2xf32>
  %y = qnn.matmul %x, %q : (tensor<1x2xf32>, tensor<2x2xf32>) -> tensor<1x2xf32>
  func.return %y : tensor<1x2xf32>
}

// -----

// Refused: quantizers of activations (qnn-activation-to-thresholds).
// CHECK-LABEL: func.func @activations_stay(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x2xf32>) -> (tensor<1x2xf32>, tensor<1x2xf32>) {
// CHECK-NEXT:  %[[Q:[^ ,]*]] = qnn.quant %[[X]] {bitwidth = 4 : i64, scale = dense<1.000000e+00> : tensor<f32>, zeropt = dense<0.000000e+00> : tensor<f32>} : (tensor<1x2xf32>) -> tensor<1x2xf32>
// CHECK-NEXT:  %[[B:[^ ,]*]] = qnn.bipolar_quant %[[X]] {scale = dense<1.000000e+00> : tensor<f32>} : (tensor<1x2xf32>) -> tensor<1x2xf32>
// CHECK-NEXT:  func.return %[[Q]], %[[B]] : tensor<1x2xf32>, tensor<1x2xf32>
// CHECK-NEXT:  }
func.func @activations_stay(%x: tensor<1x2xf32>) -> (tensor<1x2xf32>, tensor<1x2xf32>) {
  %q = qnn.quant %x {bitwidth = 4 : i64, scale = dense<1.0> : tensor<f32>, zeropt = dense<0.0> : tensor<f32>} : (tensor<1x2xf32>) -> tensor<1x2xf32>
  %b = qnn.bipolar_quant %x {scale = dense<1.0> : tensor<f32>} : (tensor<1x2xf32>) -> tensor<1x2xf32>
  func.return %q, %b : tensor<1x2xf32>, tensor<1x2xf32>
}
