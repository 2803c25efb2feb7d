// qnn-fold-constants: pure qnn ops whose operands are all constants are
// evaluated by the reference interpreter and become one qnn.constant of the
// op's result type. Quantizers, integer-times-float products and ops with a
// non-constant operand stay.
// RUN: finnr-opt %s --split-input-file -p qnn-fold-constants | filecheck %s

// Float elementwise: [1, 2] + [0.5, -1] = [1.5, 1]; the operands die.
// CHECK-LABEL: func.func @add_floats(
// CHECK-SAME:  ) -> tensor<2xf32> {
// CHECK-NEXT:  %[[C:[^ ,]*]] = qnn.constant dense<[1.500000e+00, 1.000000e+00]> : tensor<2xf32> -> tensor<2xf32>
// CHECK-NEXT:  func.return %[[C]] : tensor<2xf32>
// CHECK-NEXT:  }
func.func @add_floats() -> tensor<2xf32> {
  %a = qnn.constant dense<[1.0, 2.0]> : tensor<2xf32> -> tensor<2xf32>
  %b = qnn.constant dense<[0.5, -1.0]> : tensor<2xf32> -> tensor<2xf32>
  %c = qnn.add %a, %b : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  func.return %c : tensor<2xf32>
}

// -----

// Integer matmul: [1, -2] @ [[1, 2], [3, -1]] = [-5, 4], stored as integers
// of the declared result datatype.
// CHECK-LABEL: func.func @int_matmul(
// CHECK-SAME:  ) -> tensor<1x2x!qnn.int<4>> {
// CHECK-NEXT:  %[[C:[^ ,]*]] = qnn.constant dense<{{\[\[}}-5, 4{{\]\]}}> : tensor<1x2xi8> -> tensor<1x2x!qnn.int<4>>
// CHECK-NEXT:  func.return %[[C]] : tensor<1x2x!qnn.int<4>>
// CHECK-NEXT:  }
func.func @int_matmul() -> tensor<1x2x!qnn.int<4>> {
  %a = qnn.constant dense<[[1, -2]]> : tensor<1x2xi8> -> tensor<1x2x!qnn.int<3>>
  %b = qnn.constant dense<[[1, 2], [3, -1]]> : tensor<2x2xi8> -> tensor<2x2x!qnn.int<3>>
  %c = qnn.matmul %a, %b : (tensor<1x2x!qnn.int<3>>, tensor<2x2x!qnn.int<3>>) -> tensor<1x2x!qnn.int<4>>
  func.return %c : tensor<1x2x!qnn.int<4>>
}

// -----

// Chains fold completely: transpose, then reshape, then relu.
// CHECK-LABEL: func.func @chain(
// CHECK-SAME:  ) -> tensor<4xf32> {
// CHECK-NEXT:  %[[Y:[^ ,]*]] = qnn.constant dense<[1.000000e+00, 3.000000e+00, 0.000000e+00, 0.000000e+00]> : tensor<4xf32> -> tensor<4xf32>
// CHECK-NEXT:  func.return %[[Y]] : tensor<4xf32>
// CHECK-NEXT:  }
func.func @chain() -> tensor<4xf32> {
  %a = qnn.constant dense<[[1.0, -2.0], [3.0, -4.0]]> : tensor<2x2xf32> -> tensor<2x2xf32>
  %t = qnn.transpose %a {perm = array<i64: 1, 0>} : (tensor<2x2xf32>) -> tensor<2x2xf32>
  %r = qnn.reshape %t : (tensor<2x2xf32>) -> tensor<4xf32>
  %y = qnn.relu %r : (tensor<4xf32>) -> tensor<4xf32>
  func.return %y : tensor<4xf32>
}

// -----

// A non-constant operand: nothing folds.
// CHECK-LABEL: func.func @non_constant_operand(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<2xf32>) -> tensor<2xf32> {
// CHECK-NEXT:  %[[A:[^ ,]*]] = qnn.constant dense<[1.000000e+00, 2.000000e+00]> : tensor<2xf32> -> tensor<2xf32>
// CHECK-NEXT:  %[[C:[^ ,]*]] = qnn.add %[[X]], %[[A]] : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
// CHECK-NEXT:  func.return %[[C]] : tensor<2xf32>
// CHECK-NEXT:  }
func.func @non_constant_operand(%x: tensor<2xf32>) -> tensor<2xf32> {
  %a = qnn.constant dense<[1.0, 2.0]> : tensor<2xf32> -> tensor<2xf32>
  %c = qnn.add %x, %a : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  func.return %c : tensor<2xf32>
}

// -----

// Quantizers are not folded here (qnn-fold-quant-weights keeps their integer
// structure), nor is a multithreshold.
// CHECK-LABEL: func.func @quantizers_stay(
// CHECK-SAME:  ) -> (tensor<2xf32>, tensor<2xf32>, tensor<1x2x!qnn.uint<1>>) {
// CHECK-NEXT:  %[[A:[^ ,]*]] = qnn.constant dense<[3.000000e-01, -2.000000e+00]> : tensor<2xf32> -> tensor<2xf32>
// CHECK-NEXT:  %[[Q:[^ ,]*]] = qnn.quant %[[A]] {bitwidth = 4 : i64, scale = dense<5.000000e-01> : tensor<f32>, zeropt = dense<0.000000e+00> : tensor<f32>} : (tensor<2xf32>) -> tensor<2xf32>
// CHECK-NEXT:  %[[B:[^ ,]*]] = qnn.bipolar_quant %[[A]] {scale = dense<1.000000e+00> : tensor<f32>} : (tensor<2xf32>) -> tensor<2xf32>
// CHECK-NEXT:  %[[X:[^ ,]*]] = qnn.constant dense<{{\[\[}}3.000000e-01, -2.000000e+00{{\]\]}}> : tensor<1x2xf32> -> tensor<1x2xf32>
// CHECK-NEXT:  %[[T:[^ ,]*]] = qnn.constant dense<0.000000e+00> : tensor<1x1xf32> -> tensor<1x1xf32>
// CHECK-NEXT:  %[[M:[^ ,]*]] = qnn.multithreshold %[[X]], %[[T]] {out_dtype = !qnn.uint<1>} : (tensor<1x2xf32>, tensor<1x1xf32>) -> tensor<1x2x!qnn.uint<1>>
// CHECK-NEXT:  func.return %[[Q]], %[[B]], %[[M]] : tensor<2xf32>, tensor<2xf32>, tensor<1x2x!qnn.uint<1>>
// CHECK-NEXT:  }
func.func @quantizers_stay() -> (tensor<2xf32>, tensor<2xf32>, tensor<1x2x!qnn.uint<1>>) {
  %a = qnn.constant dense<[0.3, -2.0]> : tensor<2xf32> -> tensor<2xf32>
  %q = qnn.quant %a {bitwidth = 4 : i64, scale = dense<0.5> : tensor<f32>, zeropt = dense<0.0> : tensor<f32>} : (tensor<2xf32>) -> tensor<2xf32>
  %b = qnn.bipolar_quant %a {scale = dense<1.0> : tensor<f32>} : (tensor<2xf32>) -> tensor<2xf32>
  %x = qnn.constant dense<[[0.3, -2.0]]> : tensor<1x2xf32> -> tensor<1x2xf32>
  %t = qnn.constant dense<[[0.0]]> : tensor<1x1xf32> -> tensor<1x1xf32>
  %m = qnn.multithreshold %x, %t {out_dtype = !qnn.uint<1>} : (tensor<1x2xf32>, tensor<1x1xf32>) -> tensor<1x2x!qnn.uint<1>>
  func.return %q, %b, %m : tensor<2xf32>, tensor<2xf32>, tensor<1x2x!qnn.uint<1>>
}

// -----

// Integer weights times their float scale stay factored: qnn-move-affine
// moves the scale past the matmul.
// CHECK-LABEL: func.func @int_times_scale_stays(
// CHECK-SAME:  ) -> tensor<2x2xf32> {
// CHECK-NEXT:  %[[W:[^ ,]*]] = qnn.constant dense<{{\[\[}}1, -1], [0, 1{{\]\]}}> : tensor<2x2xi8> -> tensor<2x2x!qnn.int<2>>
// CHECK-NEXT:  %[[S:[^ ,]*]] = qnn.constant dense<5.000000e-01> : tensor<f32> -> tensor<f32>
// CHECK-NEXT:  %[[Y:[^ ,]*]] = qnn.mul %[[W]], %[[S]] : (tensor<2x2x!qnn.int<2>>, tensor<f32>) -> tensor<2x2xf32>
// CHECK-NEXT:  func.return %[[Y]] : tensor<2x2xf32>
// CHECK-NEXT:  }
func.func @int_times_scale_stays() -> tensor<2x2xf32> {
  %w = qnn.constant dense<[[1, -1], [0, 1]]> : tensor<2x2xi8> -> tensor<2x2x!qnn.int<2>>
  %s = qnn.constant dense<0.5> : tensor<f32> -> tensor<f32>
  %y = qnn.mul %w, %s : (tensor<2x2x!qnn.int<2>>, tensor<f32>) -> tensor<2x2xf32>
  func.return %y : tensor<2x2xf32>
}

// -----

// TopK's indices are builtin integers, which no qnn.constant holds.
// CHECK-LABEL: func.func @topk_stays(
// CHECK-SAME:  ) -> tensor<1x1xi64> {
// CHECK-NEXT:  %[[A:[^ ,]*]] = qnn.constant dense<{{\[\[}}1.000000e+00, 2.000000e+00{{\]\]}}> : tensor<1x2xf32> -> tensor<1x2xf32>
// CHECK-NEXT:  %[[V:[^ ,]*]], %[[I:[^ ,]*]] = qnn.topk %[[A]] {k = 1 : i64} : (tensor<1x2xf32>) -> (tensor<1x1xf32>, tensor<1x1xi64>)
// CHECK-NEXT:  func.return %[[I]] : tensor<1x1xi64>
// CHECK-NEXT:  }
func.func @topk_stays() -> tensor<1x1xi64> {
  %a = qnn.constant dense<[[1.0, 2.0]]> : tensor<1x2xf32> -> tensor<1x2xf32>
  %v, %i = qnn.topk %a {k = 1 : i64} : (tensor<1x2xf32>) -> (tensor<1x1xf32>, tensor<1x1xi64>)
  func.return %i : tensor<1x1xi64>
}
