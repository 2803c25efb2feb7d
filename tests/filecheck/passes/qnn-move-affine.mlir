// qnn-move-affine: constant multiplies and adds move towards the thresholds
// that absorb them (past matmuls, convs, maxpools and data movement), chains
// of them collapse, and negative scales move into the weights.
// RUN: finnr-opt %s --split-input-file -p qnn-move-affine | filecheck %s

// sub(x, c) -> add(x, -c) and div(x, 4) -> mul(x, 0.25); then the
// multiply moves in front of the add: (x - [1, -2]) / 4 = x * 0.25 +
// [-0.25, 0.5].
// CHECK-LABEL: func.func @sub_div(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x2xf32>) -> tensor<1x2xf32> {
// CHECK-NEXT:  %[[Z:[^ ,]*]] = qnn.constant dense<2.500000e-01> : tensor<f32> -> tensor<f32>
// CHECK-NEXT:  %[[Z_1:[^ ,]*]] = qnn.constant dense<[-2.500000e-01, 5.000000e-01]> : tensor<2xf32> -> tensor<2xf32>
// CHECK-NEXT:  %[[Z_2:[^ ,]*]] = qnn.mul %[[X]], %[[Z]] : (tensor<1x2xf32>, tensor<f32>) -> tensor<1x2xf32>
// CHECK-NEXT:  %[[Z_3:[^ ,]*]] = qnn.add %[[Z_2]], %[[Z_1]] : (tensor<1x2xf32>, tensor<2xf32>) -> tensor<1x2xf32>
// CHECK-NEXT:  %[[O:[^ ,]*]] = qnn.relu %[[Z_3]] : (tensor<1x2xf32>) -> tensor<1x2xf32>
// CHECK-NEXT:  func.return %[[O]] : tensor<1x2xf32>
// CHECK-NEXT:  }
func.func @sub_div(%x: tensor<1x2xf32>) -> tensor<1x2xf32> {
  %a = qnn.constant dense<[1.0, -2.0]> : tensor<2xf32> -> tensor<2xf32>
  %y = qnn.sub %x, %a : (tensor<1x2xf32>, tensor<2xf32>) -> tensor<1x2xf32>
  %b = qnn.constant dense<4.0> : tensor<f32> -> tensor<f32>
  %z = qnn.div %y, %b : (tensor<1x2xf32>, tensor<f32>) -> tensor<1x2xf32>
  %o = qnn.relu %z : (tensor<1x2xf32>) -> tensor<1x2xf32>
  func.return %o : tensor<1x2xf32>
}

// -----

// Refused: division by a constant holding a zero; a constant minus x.
// CHECK-LABEL: func.func @div_zero_and_reversed_sub_stay(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x2xf32>) -> tensor<1x2xf32> {
// CHECK-NEXT:  %[[B:[^ ,]*]] = qnn.constant dense<[4.000000e+00, 0.000000e+00]> : tensor<2xf32> -> tensor<2xf32>
// CHECK-NEXT:  %[[Z:[^ ,]*]] = qnn.div %[[X]], %[[B]] : (tensor<1x2xf32>, tensor<2xf32>) -> tensor<1x2xf32>
// CHECK-NEXT:  %[[A:[^ ,]*]] = qnn.constant dense<1.000000e+00> : tensor<f32> -> tensor<f32>
// CHECK-NEXT:  %[[Y:[^ ,]*]] = qnn.sub %[[A]], %[[Z]] : (tensor<f32>, tensor<1x2xf32>) -> tensor<1x2xf32>
// CHECK-NEXT:  func.return %[[Y]] : tensor<1x2xf32>
// CHECK-NEXT:  }
func.func @div_zero_and_reversed_sub_stay(%x: tensor<1x2xf32>) -> tensor<1x2xf32> {
  %b = qnn.constant dense<[4.0, 0.0]> : tensor<2xf32> -> tensor<2xf32>
  %z = qnn.div %x, %b : (tensor<1x2xf32>, tensor<2xf32>) -> tensor<1x2xf32>
  %a = qnn.constant dense<1.0> : tensor<f32> -> tensor<f32>
  %y = qnn.sub %a, %z : (tensor<f32>, tensor<1x2xf32>) -> tensor<1x2xf32>
  func.return %y : tensor<1x2xf32>
}

// -----

// Chains collapse: (x * 2) * [0.5, 3] = x * [1, 6]; + 1 + [0.25, -1] =
// + [1.25, 0].
// CHECK-LABEL: func.func @chains(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x2xf32>) -> tensor<1x2xf32> {
// CHECK-NEXT:  %[[Z:[^ ,]*]] = qnn.constant dense<[1.000000e+00, 6.000000e+00]> : tensor<2xf32> -> tensor<2xf32>
// CHECK-NEXT:  %[[Z_1:[^ ,]*]] = qnn.mul %[[X]], %[[Z]] : (tensor<1x2xf32>, tensor<2xf32>) -> tensor<1x2xf32>
// CHECK-NEXT:  %[[V:[^ ,]*]] = qnn.constant dense<[1.250000e+00, 0.000000e+00]> : tensor<2xf32> -> tensor<2xf32>
// CHECK-NEXT:  %[[V_1:[^ ,]*]] = qnn.add %[[Z_1]], %[[V]] : (tensor<1x2xf32>, tensor<2xf32>) -> tensor<1x2xf32>
// CHECK-NEXT:  %[[O:[^ ,]*]] = qnn.relu %[[V_1]] : (tensor<1x2xf32>) -> tensor<1x2xf32>
// CHECK-NEXT:  func.return %[[O]] : tensor<1x2xf32>
// CHECK-NEXT:  }
func.func @chains(%x: tensor<1x2xf32>) -> tensor<1x2xf32> {
  %a = qnn.constant dense<2.0> : tensor<f32> -> tensor<f32>
  %b = qnn.constant dense<[0.5, 3.0]> : tensor<2xf32> -> tensor<2xf32>
  %y = qnn.mul %x, %a : (tensor<1x2xf32>, tensor<f32>) -> tensor<1x2xf32>
  %z = qnn.mul %b, %y : (tensor<2xf32>, tensor<1x2xf32>) -> tensor<1x2xf32>
  %c = qnn.constant dense<1.0> : tensor<f32> -> tensor<f32>
  %d = qnn.constant dense<[0.25, -1.0]> : tensor<2xf32> -> tensor<2xf32>
  %u = qnn.add %z, %c : (tensor<1x2xf32>, tensor<f32>) -> tensor<1x2xf32>
  %v = qnn.add %u, %d : (tensor<1x2xf32>, tensor<2xf32>) -> tensor<1x2xf32>
  %o = qnn.relu %v : (tensor<1x2xf32>) -> tensor<1x2xf32>
  func.return %o : tensor<1x2xf32>
}

// -----

// Multiplies go before adds: (x + [1, -1]) * 3 = x * 3 + [3, -3].
// CHECK-LABEL: func.func @mul_before_add(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x2xf32>) -> tensor<1x2xf32> {
// CHECK-NEXT:  %[[Z:[^ ,]*]] = qnn.constant dense<3.000000e+00> : tensor<f32> -> tensor<f32>
// CHECK-NEXT:  %[[Z_1:[^ ,]*]] = qnn.constant dense<[3.000000e+00, -3.000000e+00]> : tensor<2xf32> -> tensor<2xf32>
// CHECK-NEXT:  %[[Z_2:[^ ,]*]] = qnn.mul %[[X]], %[[Z]] : (tensor<1x2xf32>, tensor<f32>) -> tensor<1x2xf32>
// CHECK-NEXT:  %[[Z_3:[^ ,]*]] = qnn.add %[[Z_2]], %[[Z_1]] : (tensor<1x2xf32>, tensor<2xf32>) -> tensor<1x2xf32>
// CHECK-NEXT:  %[[O:[^ ,]*]] = qnn.relu %[[Z_3]] : (tensor<1x2xf32>) -> tensor<1x2xf32>
// CHECK-NEXT:  func.return %[[O]] : tensor<1x2xf32>
// CHECK-NEXT:  }
func.func @mul_before_add(%x: tensor<1x2xf32>) -> tensor<1x2xf32> {
  %a = qnn.constant dense<[1.0, -1.0]> : tensor<2xf32> -> tensor<2xf32>
  %y = qnn.add %x, %a : (tensor<1x2xf32>, tensor<2xf32>) -> tensor<1x2xf32>
  %m = qnn.constant dense<3.0> : tensor<f32> -> tensor<f32>
  %z = qnn.mul %y, %m : (tensor<1x2xf32>, tensor<f32>) -> tensor<1x2xf32>
  %o = qnn.relu %z : (tensor<1x2xf32>) -> tensor<1x2xf32>
  func.return %o : tensor<1x2xf32>
}

// -----

// Refused: a chain whose inner op has another user.
// CHECK-LABEL: func.func @chain_other_user_stays(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x2xf32>) -> (tensor<1x2xf32>, tensor<1x2xf32>) {
// CHECK-NEXT:  %[[A:[^ ,]*]] = qnn.constant dense<2.000000e+00> : tensor<f32> -> tensor<f32>
// CHECK-NEXT:  %[[Y:[^ ,]*]] = qnn.mul %[[X]], %[[A]] : (tensor<1x2xf32>, tensor<f32>) -> tensor<1x2xf32>
// CHECK-NEXT:  %[[Z:[^ ,]*]] = qnn.mul %[[Y]], %[[A]] : (tensor<1x2xf32>, tensor<f32>) -> tensor<1x2xf32>
// CHECK-NEXT:  func.return %[[Y]], %[[Z]] : tensor<1x2xf32>, tensor<1x2xf32>
// CHECK-NEXT:  }
func.func @chain_other_user_stays(%x: tensor<1x2xf32>) -> (tensor<1x2xf32>, tensor<1x2xf32>) {
  %a = qnn.constant dense<2.0> : tensor<f32> -> tensor<f32>
  %y = qnn.mul %x, %a : (tensor<1x2xf32>, tensor<f32>) -> tensor<1x2xf32>
  %z = qnn.mul %y, %a : (tensor<1x2xf32>, tensor<f32>) -> tensor<1x2xf32>
  func.return %y, %z : tensor<1x2xf32>, tensor<1x2xf32>
}

// -----

// add(x, 0) and mul([1, 1], x) disappear.
// CHECK-LABEL: func.func @identities(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x2xf32>) -> tensor<1x2xf32> {
// CHECK-NEXT:  %[[O:[^ ,]*]] = qnn.relu %[[X]] : (tensor<1x2xf32>) -> tensor<1x2xf32>
// CHECK-NEXT:  func.return %[[O]] : tensor<1x2xf32>
// CHECK-NEXT:  }
func.func @identities(%x: tensor<1x2xf32>) -> tensor<1x2xf32> {
  %z = qnn.constant dense<0.0> : tensor<f32> -> tensor<f32>
  %one = qnn.constant dense<[1.0, 1.0]> : tensor<2xf32> -> tensor<2xf32>
  %y = qnn.add %x, %z : (tensor<1x2xf32>, tensor<f32>) -> tensor<1x2xf32>
  %w = qnn.mul %one, %y : (tensor<2xf32>, tensor<1x2xf32>) -> tensor<1x2xf32>
  %o = qnn.relu %w : (tensor<1x2xf32>) -> tensor<1x2xf32>
  func.return %o : tensor<1x2xf32>
}

// -----

// Refused: an identity whose result type differs from its input's and is
// fixed by the function signature.
// CHECK-LABEL: func.func @returned_identity_stays(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x2x!qnn.int<4>>) -> tensor<1x2xf32> {
// CHECK-NEXT:  %[[ONE:[^ ,]*]] = qnn.constant dense<1.000000e+00> : tensor<f32> -> tensor<f32>
// CHECK-NEXT:  %[[W:[^ ,]*]] = qnn.mul %[[X]], %[[ONE]] : (tensor<1x2x!qnn.int<4>>, tensor<f32>) -> tensor<1x2xf32>
// CHECK-NEXT:  func.return %[[W]] : tensor<1x2xf32>
// CHECK-NEXT:  }
func.func @returned_identity_stays(%x: tensor<1x2x!qnn.int<4>>) -> tensor<1x2xf32> {
  %one = qnn.constant dense<1.0> : tensor<f32> -> tensor<f32>
  %w = qnn.mul %x, %one : (tensor<1x2x!qnn.int<4>>, tensor<f32>) -> tensor<1x2xf32>
  func.return %w : tensor<1x2xf32>
}

// -----

// A scalar multiply moves past a matmul: (x * 0.5) W = (x W) * 0.5.
// CHECK-LABEL: func.func @scalar_out_of_matmul(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x2xf32>) -> tensor<1x3xf32> {
// CHECK-NEXT:  %[[W:[^ ,]*]] = qnn.constant dense<{{\[\[}}1, -1, 0], [1, 1, -1{{\]\]}}> : tensor<2x3xi8> -> tensor<2x3x!qnn.int<2>>
// CHECK-NEXT:  %[[Y:[^ ,]*]] = qnn.matmul %[[X]], %[[W]] : (tensor<1x2xf32>, tensor<2x3x!qnn.int<2>>) -> tensor<1x3xf32>
// CHECK-NEXT:  %[[Y_1:[^ ,]*]] = qnn.constant dense<5.000000e-01> : tensor<f32> -> tensor<f32>
// CHECK-NEXT:  %[[Y_2:[^ ,]*]] = qnn.mul %[[Y]], %[[Y_1]] : (tensor<1x3xf32>, tensor<f32>) -> tensor<1x3xf32>
// CHECK-NEXT:  func.return %[[Y_2]] : tensor<1x3xf32>
// CHECK-NEXT:  }
func.func @scalar_out_of_matmul(%x: tensor<1x2xf32>) -> tensor<1x3xf32> {
  %s = qnn.constant dense<0.5> : tensor<f32> -> tensor<f32>
  %xs = qnn.mul %x, %s : (tensor<1x2xf32>, tensor<f32>) -> tensor<1x2xf32>
  %w = qnn.constant dense<[[1, -1, 0], [1, 1, -1]]> : tensor<2x3xi8> -> tensor<2x3x!qnn.int<2>>
  %y = qnn.matmul %xs, %w : (tensor<1x2xf32>, tensor<2x3x!qnn.int<2>>) -> tensor<1x3xf32>
  func.return %y : tensor<1x3xf32>
}

// -----

// Refused: a per-input multiply in front of a matmul (it varies along the
// axis the matmul sums over).
// CHECK-LABEL: func.func @per_input_scale_stays(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x2xf32>) -> tensor<1x3xf32> {
// CHECK-NEXT:  %[[S:[^ ,]*]] = qnn.constant dense<[5.000000e-01, 2.000000e+00]> : tensor<2xf32> -> tensor<2xf32>
// CHECK-NEXT:  %[[XS:[^ ,]*]] = qnn.mul %[[X]], %[[S]] : (tensor<1x2xf32>, tensor<2xf32>) -> tensor<1x2xf32>
// CHECK-NEXT:  %[[W:[^ ,]*]] = qnn.constant dense<{{\[\[}}1, -1, 0], [1, 1, -1{{\]\]}}> : tensor<2x3xi8> -> tensor<2x3x!qnn.int<2>>
// CHECK-NEXT:  %[[Y:[^ ,]*]] = qnn.matmul %[[XS]], %[[W]] : (tensor<1x2xf32>, tensor<2x3x!qnn.int<2>>) -> tensor<1x3xf32>
// CHECK-NEXT:  func.return %[[Y]] : tensor<1x3xf32>
// CHECK-NEXT:  }
func.func @per_input_scale_stays(%x: tensor<1x2xf32>) -> tensor<1x3xf32> {
  %s = qnn.constant dense<[0.5, 2.0]> : tensor<2xf32> -> tensor<2xf32>
  %xs = qnn.mul %x, %s : (tensor<1x2xf32>, tensor<2xf32>) -> tensor<1x2xf32>
  %w = qnn.constant dense<[[1, -1, 0], [1, 1, -1]]> : tensor<2x3xi8> -> tensor<2x3x!qnn.int<2>>
  %y = qnn.matmul %xs, %w : (tensor<1x2xf32>, tensor<2x3x!qnn.int<2>>) -> tensor<1x3xf32>
  func.return %y : tensor<1x3xf32>
}

// -----

// Refused: the scaled input has another user.
// CHECK-LABEL: func.func @scaled_input_other_user_stays(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x2xf32>) -> (tensor<1x3xf32>, tensor<1x2xf32>) {
// CHECK-NEXT:  %[[S:[^ ,]*]] = qnn.constant dense<5.000000e-01> : tensor<f32> -> tensor<f32>
// CHECK-NEXT:  %[[XS:[^ ,]*]] = qnn.mul %[[X]], %[[S]] : (tensor<1x2xf32>, tensor<f32>) -> tensor<1x2xf32>
// CHECK-NEXT:  %[[W:[^ ,]*]] = qnn.constant dense<{{\[\[}}1, -1, 0], [1, 1, -1{{\]\]}}> : tensor<2x3xi8> -> tensor<2x3x!qnn.int<2>>
// CHECK-NEXT:  %[[Y:[^ ,]*]] = qnn.matmul %[[XS]], %[[W]] : (tensor<1x2xf32>, tensor<2x3x!qnn.int<2>>) -> tensor<1x3xf32>
// CHECK-NEXT:  func.return %[[Y]], %[[XS]] : tensor<1x3xf32>, tensor<1x2xf32>
// CHECK-NEXT:  }
func.func @scaled_input_other_user_stays(%x: tensor<1x2xf32>) -> (tensor<1x3xf32>, tensor<1x2xf32>) {
  %s = qnn.constant dense<0.5> : tensor<f32> -> tensor<f32>
  %xs = qnn.mul %x, %s : (tensor<1x2xf32>, tensor<f32>) -> tensor<1x2xf32>
  %w = qnn.constant dense<[[1, -1, 0], [1, 1, -1]]> : tensor<2x3xi8> -> tensor<2x3x!qnn.int<2>>
  %y = qnn.matmul %xs, %w : (tensor<1x2xf32>, tensor<2x3x!qnn.int<2>>) -> tensor<1x3xf32>
  func.return %y, %xs : tensor<1x3xf32>, tensor<1x2xf32>
}

// -----

// Integer weights times a per-output scale (as qnn-fold-quant-weights
// writes them): the scale moves behind the matmul, the matmul reads the
// integers.
// CHECK-LABEL: func.func @weight_scale_out_of_matmul(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x2xf32>) -> tensor<1x3xf32> {
// CHECK-NEXT:  %[[W:[^ ,]*]] = qnn.constant dense<{{\[\[}}1, -1, 0], [1, 1, -1{{\]\]}}> : tensor<2x3xi8> -> tensor<2x3x!qnn.int<2>>
// CHECK-NEXT:  %[[Y:[^ ,]*]] = qnn.matmul %[[X]], %[[W]] : (tensor<1x2xf32>, tensor<2x3x!qnn.int<2>>) -> tensor<1x3xf32>
// CHECK-NEXT:  %[[Y_1:[^ ,]*]] = qnn.constant dense<[5.000000e-01, 2.500000e-01, 2.000000e+00]> : tensor<3xf32> -> tensor<3xf32>
// CHECK-NEXT:  %[[Y_2:[^ ,]*]] = qnn.mul %[[Y]], %[[Y_1]] : (tensor<1x3xf32>, tensor<3xf32>) -> tensor<1x3xf32>
// CHECK-NEXT:  func.return %[[Y_2]] : tensor<1x3xf32>
// CHECK-NEXT:  }
func.func @weight_scale_out_of_matmul(%x: tensor<1x2xf32>) -> tensor<1x3xf32> {
  %w = qnn.constant dense<[[1, -1, 0], [1, 1, -1]]> : tensor<2x3xi8> -> tensor<2x3x!qnn.int<2>>
  %s = qnn.constant dense<[0.5, 0.25, 2.0]> : tensor<3xf32> -> tensor<3xf32>
  %ws = qnn.mul %w, %s : (tensor<2x3x!qnn.int<2>>, tensor<3xf32>) -> tensor<2x3xf32>
  %y = qnn.matmul %x, %ws : (tensor<1x2xf32>, tensor<2x3xf32>) -> tensor<1x3xf32>
  func.return %y : tensor<1x3xf32>
}

// -----

// Refused: a weight scale varying along the input axis of W.
// CHECK-LABEL: func.func @weight_scale_input_axis_stays(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x2xf32>) -> tensor<1x3xf32> {
// CHECK-NEXT:  %[[W:[^ ,]*]] = qnn.constant dense<{{\[\[}}1, -1, 0], [1, 1, -1{{\]\]}}> : tensor<2x3xi8> -> tensor<2x3x!qnn.int<2>>
// CHECK-NEXT:  %[[S:[^ ,]*]] = qnn.constant dense<{{\[\[}}5.000000e-01], [2.500000e-01{{\]\]}}> : tensor<2x1xf32> -> tensor<2x1xf32>
// CHECK-NEXT:  %[[WS:[^ ,]*]] = qnn.mul %[[W]], %[[S]] : (tensor<2x3x!qnn.int<2>>, tensor<2x1xf32>) -> tensor<2x3xf32>
// CHECK-NEXT:  %[[Y:[^ ,]*]] = qnn.matmul %[[X]], %[[WS]] : (tensor<1x2xf32>, tensor<2x3xf32>) -> tensor<1x3xf32>
// CHECK-NEXT:  func.return %[[Y]] : tensor<1x3xf32>
// CHECK-NEXT:  }
func.func @weight_scale_input_axis_stays(%x: tensor<1x2xf32>) -> tensor<1x3xf32> {
  %w = qnn.constant dense<[[1, -1, 0], [1, 1, -1]]> : tensor<2x3xi8> -> tensor<2x3x!qnn.int<2>>
  %s = qnn.constant dense<[[0.5], [0.25]]> : tensor<2x1xf32> -> tensor<2x1xf32>
  %ws = qnn.mul %w, %s : (tensor<2x3x!qnn.int<2>>, tensor<2x1xf32>) -> tensor<2x3xf32>
  %y = qnn.matmul %x, %ws : (tensor<1x2xf32>, tensor<2x3xf32>) -> tensor<1x3xf32>
  func.return %y : tensor<1x3xf32>
}

// -----

// A per-input add moves past a matmul with constant weights:
// (x + [1, 0.5]) W = x W + [1, 0.5] W = x W + [1.5, -0.5, -0.5].
// CHECK-LABEL: func.func @add_out_of_matmul(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x2xf32>) -> tensor<1x3xf32> {
// CHECK-NEXT:  %[[W:[^ ,]*]] = qnn.constant dense<{{\[\[}}1, -1, 0], [1, 1, -1{{\]\]}}> : tensor<2x3xi8> -> tensor<2x3x!qnn.int<2>>
// CHECK-NEXT:  %[[Y:[^ ,]*]] = qnn.matmul %[[X]], %[[W]] : (tensor<1x2xf32>, tensor<2x3x!qnn.int<2>>) -> tensor<1x3xf32>
// CHECK-NEXT:  %[[Y_1:[^ ,]*]] = qnn.constant dense<[1.500000e+00, -5.000000e-01, -5.000000e-01]> : tensor<3xf32> -> tensor<3xf32>
// CHECK-NEXT:  %[[Y_2:[^ ,]*]] = qnn.add %[[Y]], %[[Y_1]] : (tensor<1x3xf32>, tensor<3xf32>) -> tensor<1x3xf32>
// CHECK-NEXT:  func.return %[[Y_2]] : tensor<1x3xf32>
// CHECK-NEXT:  }
func.func @add_out_of_matmul(%x: tensor<1x2xf32>) -> tensor<1x3xf32> {
  %a = qnn.constant dense<[1.0, 0.5]> : tensor<2xf32> -> tensor<2xf32>
  %xa = qnn.add %x, %a : (tensor<1x2xf32>, tensor<2xf32>) -> tensor<1x2xf32>
  %w = qnn.constant dense<[[1, -1, 0], [1, 1, -1]]> : tensor<2x3xi8> -> tensor<2x3x!qnn.int<2>>
  %y = qnn.matmul %xa, %w : (tensor<1x2xf32>, tensor<2x3x!qnn.int<2>>) -> tensor<1x3xf32>
  func.return %y : tensor<1x3xf32>
}

// -----

// Refused: an add that varies along the rows of x (not a scalar, not per
// input).
// CHECK-LABEL: func.func @per_row_add_stays(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<2x2xf32>) -> tensor<2x3xf32> {
// CHECK-NEXT:  %[[A:[^ ,]*]] = qnn.constant dense<{{\[\[}}1.000000e+00], [5.000000e-01{{\]\]}}> : tensor<2x1xf32> -> tensor<2x1xf32>
// CHECK-NEXT:  %[[XA:[^ ,]*]] = qnn.add %[[X]], %[[A]] : (tensor<2x2xf32>, tensor<2x1xf32>) -> tensor<2x2xf32>
// CHECK-NEXT:  %[[W:[^ ,]*]] = qnn.constant dense<{{\[\[}}1, -1, 0], [1, 1, -1{{\]\]}}> : tensor<2x3xi8> -> tensor<2x3x!qnn.int<2>>
// CHECK-NEXT:  %[[Y:[^ ,]*]] = qnn.matmul %[[XA]], %[[W]] : (tensor<2x2xf32>, tensor<2x3x!qnn.int<2>>) -> tensor<2x3xf32>
// CHECK-NEXT:  func.return %[[Y]] : tensor<2x3xf32>
// CHECK-NEXT:  }
func.func @per_row_add_stays(%x: tensor<2x2xf32>) -> tensor<2x3xf32> {
  %a = qnn.constant dense<[[1.0], [0.5]]> : tensor<2x1xf32> -> tensor<2x1xf32>
  %xa = qnn.add %x, %a : (tensor<2x2xf32>, tensor<2x1xf32>) -> tensor<2x2xf32>
  %w = qnn.constant dense<[[1, -1, 0], [1, 1, -1]]> : tensor<2x3xi8> -> tensor<2x3x!qnn.int<2>>
  %y = qnn.matmul %xa, %w : (tensor<2x2xf32>, tensor<2x3x!qnn.int<2>>) -> tensor<2x3xf32>
  func.return %y : tensor<2x3xf32>
}

// -----

// Refused: an add in front of a matmul with non-constant weights.
// CHECK-LABEL: func.func @add_dynamic_weights_stays(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x2xf32>, %[[W:[^:]*]]: tensor<2x3xf32>) -> tensor<1x3xf32> {
// CHECK-NEXT:  %[[A:[^ ,]*]] = qnn.constant dense<1.000000e+00> : tensor<f32> -> tensor<f32>
// CHECK-NEXT:  %[[XA:[^ ,]*]] = qnn.add %[[X]], %[[A]] : (tensor<1x2xf32>, tensor<f32>) -> tensor<1x2xf32>
// CHECK-NEXT:  %[[Y:[^ ,]*]] = qnn.matmul %[[XA]], %[[W]] : (tensor<1x2xf32>, tensor<2x3xf32>) -> tensor<1x3xf32>
// CHECK-NEXT:  func.return %[[Y]] : tensor<1x3xf32>
// CHECK-NEXT:  }
func.func @add_dynamic_weights_stays(%x: tensor<1x2xf32>, %w: tensor<2x3xf32>) -> tensor<1x3xf32> {
  %a = qnn.constant dense<1.0> : tensor<f32> -> tensor<f32>
  %xa = qnn.add %x, %a : (tensor<1x2xf32>, tensor<f32>) -> tensor<1x2xf32>
  %y = qnn.matmul %xa, %w : (tensor<1x2xf32>, tensor<2x3xf32>) -> tensor<1x3xf32>
  func.return %y : tensor<1x3xf32>
}

// -----

// Negative per-output multipliers: those weight columns are negated
// (columns 0 and 2) and the multiplier becomes |m|.
// CHECK-LABEL: func.func @sign_into_matmul_weights(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x2xf32>) -> tensor<1x3xf32> {
// CHECK-NEXT:  %[[O:[^ ,]*]] = qnn.constant dense<{{\[\[}}-1, -1, 0], [-1, 1, 1{{\]\]}}> : tensor<2x3xi8> -> tensor<2x3x!qnn.int<2>>
// CHECK-NEXT:  %[[O_1:[^ ,]*]] = qnn.matmul %[[X]], %[[O]] : (tensor<1x2xf32>, tensor<2x3x!qnn.int<2>>) -> tensor<1x3xf32>
// CHECK-NEXT:  %[[O_2:[^ ,]*]] = qnn.constant dense<[5.000000e-01, 2.000000e+00, 1.000000e+00]> : tensor<3xf32> -> tensor<3xf32>
// CHECK-NEXT:  %[[O_3:[^ ,]*]] = qnn.mul %[[O_1]], %[[O_2]] : (tensor<1x3xf32>, tensor<3xf32>) -> tensor<1x3xf32>
// CHECK-NEXT:  func.return %[[O_3]] : tensor<1x3xf32>
// CHECK-NEXT:  }
func.func @sign_into_matmul_weights(%x: tensor<1x2xf32>) -> tensor<1x3xf32> {
  %w = qnn.constant dense<[[1, -1, 0], [1, 1, -1]]> : tensor<2x3xi8> -> tensor<2x3x!qnn.int<2>>
  %y = qnn.matmul %x, %w : (tensor<1x2xf32>, tensor<2x3x!qnn.int<2>>) -> tensor<1x3xf32>
  %m = qnn.constant dense<[-0.5, 2.0, -1.0]> : tensor<3xf32> -> tensor<3xf32>
  %o = qnn.mul %y, %m : (tensor<1x3xf32>, tensor<3xf32>) -> tensor<1x3xf32>
  func.return %o : tensor<1x3xf32>
}

// -----

// Negating bipolar weights keeps them bipolar; negating -2 in int<2>
// widens the weights to int<3>.
// CHECK-LABEL: func.func @sign_widens_weights(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x2xf32>) -> (tensor<1x2xf32>, tensor<1x2xf32>) {
// CHECK-NEXT:  %[[OB:[^ ,]*]] = qnn.constant dense<{{\[\[}}1, 1], [-1, 1{{\]\]}}> : tensor<2x2xi8> -> tensor<2x2x!qnn.bipolar>
// CHECK-NEXT:  %[[OB_1:[^ ,]*]] = qnn.matmul %[[X]], %[[OB]] : (tensor<1x2xf32>, tensor<2x2x!qnn.bipolar>) -> tensor<1x2xf32>
// CHECK-NEXT:  %[[OI:[^ ,]*]] = qnn.constant dense<{{\[\[}}1, 2], [-1, 0{{\]\]}}> : tensor<2x2xi8> -> tensor<2x2x!qnn.int<3>>
// CHECK-NEXT:  %[[OI_1:[^ ,]*]] = qnn.matmul %[[X]], %[[OI]] : (tensor<1x2xf32>, tensor<2x2x!qnn.int<3>>) -> tensor<1x2xf32>
// CHECK-NEXT:  func.return %[[OB_1]], %[[OI_1]] : tensor<1x2xf32>, tensor<1x2xf32>
// CHECK-NEXT:  }
func.func @sign_widens_weights(%x: tensor<1x2xf32>) -> (tensor<1x2xf32>, tensor<1x2xf32>) {
  %wb = qnn.constant dense<[[1, -1], [-1, -1]]> : tensor<2x2xi8> -> tensor<2x2x!qnn.bipolar>
  %yb = qnn.matmul %x, %wb : (tensor<1x2xf32>, tensor<2x2x!qnn.bipolar>) -> tensor<1x2xf32>
  %wi = qnn.constant dense<[[1, -2], [-1, 0]]> : tensor<2x2xi8> -> tensor<2x2x!qnn.int<2>>
  %yi = qnn.matmul %x, %wi : (tensor<1x2xf32>, tensor<2x2x!qnn.int<2>>) -> tensor<1x2xf32>
  %m = qnn.constant dense<[1.0, -1.0]> : tensor<2xf32> -> tensor<2xf32>
  %ob = qnn.mul %yb, %m : (tensor<1x2xf32>, tensor<2xf32>) -> tensor<1x2xf32>
  %oi = qnn.mul %yi, %m : (tensor<1x2xf32>, tensor<2xf32>) -> tensor<1x2xf32>
  func.return %ob, %oi : tensor<1x2xf32>, tensor<1x2xf32>
}

// -----

// Refused: a negative multiplier behind a matmul with non-constant weights.
// CHECK-LABEL: func.func @sign_dynamic_weights_stays(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x2xf32>, %[[W:[^:]*]]: tensor<2x3xf32>) -> tensor<1x3xf32> {
// CHECK-NEXT:  %[[Y:[^ ,]*]] = qnn.matmul %[[X]], %[[W]] : (tensor<1x2xf32>, tensor<2x3xf32>) -> tensor<1x3xf32>
// CHECK-NEXT:  %[[M:[^ ,]*]] = qnn.constant dense<-5.000000e-01> : tensor<f32> -> tensor<f32>
// CHECK-NEXT:  %[[O:[^ ,]*]] = qnn.mul %[[Y]], %[[M]] : (tensor<1x3xf32>, tensor<f32>) -> tensor<1x3xf32>
// CHECK-NEXT:  func.return %[[O]] : tensor<1x3xf32>
// CHECK-NEXT:  }
func.func @sign_dynamic_weights_stays(%x: tensor<1x2xf32>, %w: tensor<2x3xf32>) -> tensor<1x3xf32> {
  %y = qnn.matmul %x, %w : (tensor<1x2xf32>, tensor<2x3xf32>) -> tensor<1x3xf32>
  %m = qnn.constant dense<-0.5> : tensor<f32> -> tensor<f32>
  %o = qnn.mul %y, %m : (tensor<1x3xf32>, tensor<f32>) -> tensor<1x3xf32>
  func.return %o : tensor<1x3xf32>
}

// -----

// Convolutions: a scalar input multiply moves behind the conv.
// CHECK-LABEL: func.func @scalar_out_of_conv(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x1x3x3xf32>) -> tensor<1x2x2x2xf32> {
// CHECK-NEXT:  %[[W:[^ ,]*]] = qnn.constant dense<{{\[\[}}{{\[\[}}1, -1], [0, 1{{\]\]}}], {{\[\[}}[1, 1], [1, 1{{\]\]}}{{\]\]}}> : tensor<2x1x2x2xi8> -> tensor<2x1x2x2x!qnn.int<2>>
// CHECK-NEXT:  %[[Y:[^ ,]*]] = qnn.conv %[[X]], %[[W]] {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x1x3x3xf32>, tensor<2x1x2x2x!qnn.int<2>>) -> tensor<1x2x2x2xf32>
// CHECK-NEXT:  %[[Y_1:[^ ,]*]] = qnn.constant dense<5.000000e-01> : tensor<f32> -> tensor<f32>
// CHECK-NEXT:  %[[Y_2:[^ ,]*]] = qnn.mul %[[Y]], %[[Y_1]] : (tensor<1x2x2x2xf32>, tensor<f32>) -> tensor<1x2x2x2xf32>
// CHECK-NEXT:  func.return %[[Y_2]] : tensor<1x2x2x2xf32>
// CHECK-NEXT:  }
func.func @scalar_out_of_conv(%x: tensor<1x1x3x3xf32>) -> tensor<1x2x2x2xf32> {
  %s = qnn.constant dense<0.5> : tensor<f32> -> tensor<f32>
  %xs = qnn.mul %x, %s : (tensor<1x1x3x3xf32>, tensor<f32>) -> tensor<1x1x3x3xf32>
  %w = qnn.constant dense<[[[[1, -1], [0, 1]]], [[[1, 1], [1, 1]]]]> : tensor<2x1x2x2xi8> -> tensor<2x1x2x2x!qnn.int<2>>
  %y = qnn.conv %xs, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x1x3x3xf32>, tensor<2x1x2x2x!qnn.int<2>>) -> tensor<1x2x2x2xf32>
  func.return %y : tensor<1x2x2x2xf32>
}

// -----

// A per-output-channel weight scale (axis 0 of W) moves behind the conv as
// a (2, 1, 1) multiplier.
// CHECK-LABEL: func.func @weight_scale_out_of_conv(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x1x3x3xf32>) -> tensor<1x2x2x2xf32> {
// CHECK-NEXT:  %[[W:[^ ,]*]] = qnn.constant dense<{{\[\[}}{{\[\[}}1, -1], [0, 1{{\]\]}}], {{\[\[}}[1, 1], [1, 1{{\]\]}}{{\]\]}}> : tensor<2x1x2x2xi8> -> tensor<2x1x2x2x!qnn.int<2>>
// CHECK-NEXT:  %[[Y:[^ ,]*]] = qnn.conv %[[X]], %[[W]] {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x1x3x3xf32>, tensor<2x1x2x2x!qnn.int<2>>) -> tensor<1x2x2x2xf32>
// CHECK-NEXT:  %[[Y_1:[^ ,]*]] = qnn.constant dense<{{\[\[}}[5.000000e-01{{\]\]}}, {{\[\[}}2.500000e-01{{\]\]}}]> : tensor<2x1x1xf32> -> tensor<2x1x1xf32>
// CHECK-NEXT:  %[[Y_2:[^ ,]*]] = qnn.mul %[[Y]], %[[Y_1]] : (tensor<1x2x2x2xf32>, tensor<2x1x1xf32>) -> tensor<1x2x2x2xf32>
// CHECK-NEXT:  func.return %[[Y_2]] : tensor<1x2x2x2xf32>
// CHECK-NEXT:  }
func.func @weight_scale_out_of_conv(%x: tensor<1x1x3x3xf32>) -> tensor<1x2x2x2xf32> {
  %w = qnn.constant dense<[[[[1, -1], [0, 1]]], [[[1, 1], [1, 1]]]]> : tensor<2x1x2x2xi8> -> tensor<2x1x2x2x!qnn.int<2>>
  %s = qnn.constant dense<[[[[0.5]]], [[[0.25]]]]> : tensor<2x1x1x1xf32> -> tensor<2x1x1x1xf32>
  %ws = qnn.mul %w, %s : (tensor<2x1x2x2x!qnn.int<2>>, tensor<2x1x1x1xf32>) -> tensor<2x1x2x2xf32>
  %y = qnn.conv %x, %ws {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x1x3x3xf32>, tensor<2x1x2x2xf32>) -> tensor<1x2x2x2xf32>
  func.return %y : tensor<1x2x2x2xf32>
}

// -----

// Refused: a conv with a bias.
// CHECK-LABEL: func.func @conv_with_bias_stays(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x1x3x3xf32>) -> tensor<1x2x2x2xf32> {
// CHECK-NEXT:  %[[S:[^ ,]*]] = qnn.constant dense<5.000000e-01> : tensor<f32> -> tensor<f32>
// CHECK-NEXT:  %[[XS:[^ ,]*]] = qnn.mul %[[X]], %[[S]] : (tensor<1x1x3x3xf32>, tensor<f32>) -> tensor<1x1x3x3xf32>
// CHECK-NEXT:  %[[W:[^ ,]*]] = qnn.constant dense<{{\[\[}}{{\[\[}}1, -1], [0, 1{{\]\]}}], {{\[\[}}[1, 1], [1, 1{{\]\]}}{{\]\]}}> : tensor<2x1x2x2xi8> -> tensor<2x1x2x2x!qnn.int<2>>
// CHECK-NEXT:  %[[B:[^ ,]*]] = qnn.constant dense<[1.000000e+00, 2.000000e+00]> : tensor<2xf32> -> tensor<2xf32>
// CHECK-NEXT:  %[[Y:[^ ,]*]] = qnn.conv %[[XS]], %[[W]], %[[B]] {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x1x3x3xf32>, tensor<2x1x2x2x!qnn.int<2>>, tensor<2xf32>) -> tensor<1x2x2x2xf32>
// CHECK-NEXT:  func.return %[[Y]] : tensor<1x2x2x2xf32>
// CHECK-NEXT:  }
func.func @conv_with_bias_stays(%x: tensor<1x1x3x3xf32>) -> tensor<1x2x2x2xf32> {
  %s = qnn.constant dense<0.5> : tensor<f32> -> tensor<f32>
  %xs = qnn.mul %x, %s : (tensor<1x1x3x3xf32>, tensor<f32>) -> tensor<1x1x3x3xf32>
  %w = qnn.constant dense<[[[[1, -1], [0, 1]]], [[[1, 1], [1, 1]]]]> : tensor<2x1x2x2xi8> -> tensor<2x1x2x2x!qnn.int<2>>
  %b = qnn.constant dense<[1.0, 2.0]> : tensor<2xf32> -> tensor<2xf32>
  %y = qnn.conv %xs, %w, %b {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x1x3x3xf32>, tensor<2x1x2x2x!qnn.int<2>>, tensor<2xf32>) -> tensor<1x2x2x2xf32>
  func.return %y : tensor<1x2x2x2xf32>
}

// -----

// A per-input-channel add moves past an unpadded conv: channel 0 adds
// 1 * (1 - 1 + 0 + 1), channel 1 adds -0.5 * 4: -1 in all.
// CHECK-LABEL: func.func @add_out_of_conv(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x2x2x2xf32>) -> tensor<1x1x1x1xf32> {
// CHECK-NEXT:  %[[W:[^ ,]*]] = qnn.constant dense<{{\[\[}}{{\[\[}}1, -1], [0, 1{{\]\]}}, {{\[\[}}1, 1], [1, 1{{\]\]}}{{\]\]}}> : tensor<1x2x2x2xi8> -> tensor<1x2x2x2x!qnn.int<2>>
// CHECK-NEXT:  %[[Y:[^ ,]*]] = qnn.conv %[[X]], %[[W]] {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x2x2x2xf32>, tensor<1x2x2x2x!qnn.int<2>>) -> tensor<1x1x1x1xf32>
// CHECK-NEXT:  %[[Y_1:[^ ,]*]] = qnn.constant dense<-1.000000e+00> : tensor<1x1x1xf32> -> tensor<1x1x1xf32>
// CHECK-NEXT:  %[[Y_2:[^ ,]*]] = qnn.add %[[Y]], %[[Y_1]] : (tensor<1x1x1x1xf32>, tensor<1x1x1xf32>) -> tensor<1x1x1x1xf32>
// CHECK-NEXT:  func.return %[[Y_2]] : tensor<1x1x1x1xf32>
// CHECK-NEXT:  }
func.func @add_out_of_conv(%x: tensor<1x2x2x2xf32>) -> tensor<1x1x1x1xf32> {
  %a = qnn.constant dense<[[[1.0]], [[-0.5]]]> : tensor<2x1x1xf32> -> tensor<2x1x1xf32>
  %xa = qnn.add %x, %a : (tensor<1x2x2x2xf32>, tensor<2x1x1xf32>) -> tensor<1x2x2x2xf32>
  %w = qnn.constant dense<[[[[1, -1], [0, 1]], [[1, 1], [1, 1]]]]> : tensor<1x2x2x2xi8> -> tensor<1x2x2x2x!qnn.int<2>>
  %y = qnn.conv %xa, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x2x2x2xf32>, tensor<1x2x2x2x!qnn.int<2>>) -> tensor<1x1x1x1xf32>
  func.return %y : tensor<1x1x1x1xf32>
}

// -----

// Refused: an add in front of a padded conv (the padding is not shifted).
// CHECK-LABEL: func.func @add_padded_conv_stays(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x1x2x2xf32>) -> tensor<1x1x3x3xf32> {
// CHECK-NEXT:  %[[A:[^ ,]*]] = qnn.constant dense<1.000000e+00> : tensor<f32> -> tensor<f32>
// CHECK-NEXT:  %[[XA:[^ ,]*]] = qnn.add %[[X]], %[[A]] : (tensor<1x1x2x2xf32>, tensor<f32>) -> tensor<1x1x2x2xf32>
// CHECK-NEXT:  %[[W:[^ ,]*]] = qnn.constant dense<{{\[\[}}{{\[\[}}1, -1], [0, 1{{\]\]}}{{\]\]}}> : tensor<1x1x2x2xi8> -> tensor<1x1x2x2x!qnn.int<2>>
// CHECK-NEXT:  %[[Y:[^ ,]*]] = qnn.conv %[[XA]], %[[W]] {strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>} : (tensor<1x1x2x2xf32>, tensor<1x1x2x2x!qnn.int<2>>) -> tensor<1x1x3x3xf32>
// CHECK-NEXT:  func.return %[[Y]] : tensor<1x1x3x3xf32>
// CHECK-NEXT:  }
func.func @add_padded_conv_stays(%x: tensor<1x1x2x2xf32>) -> tensor<1x1x3x3xf32> {
  %a = qnn.constant dense<1.0> : tensor<f32> -> tensor<f32>
  %xa = qnn.add %x, %a : (tensor<1x1x2x2xf32>, tensor<f32>) -> tensor<1x1x2x2xf32>
  %w = qnn.constant dense<[[[[1, -1], [0, 1]]]]> : tensor<1x1x2x2xi8> -> tensor<1x1x2x2x!qnn.int<2>>
  %y = qnn.conv %xa, %w {strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>} : (tensor<1x1x2x2xf32>, tensor<1x1x2x2x!qnn.int<2>>) -> tensor<1x1x3x3xf32>
  func.return %y : tensor<1x1x3x3xf32>
}

// -----

// A negative per-channel multiplier behind a conv negates that output
// channel's weights (axis 0).
// CHECK-LABEL: func.func @sign_into_conv_weights(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x1x3x3xf32>) -> tensor<1x2x2x2xf32> {
// CHECK-NEXT:  %[[O:[^ ,]*]] = qnn.constant dense<{{\[\[}}{{\[\[}}1, -1], [0, 1{{\]\]}}], {{\[\[}}[-1, -1], [-1, -1{{\]\]}}{{\]\]}}> : tensor<2x1x2x2xi8> -> tensor<2x1x2x2x!qnn.int<2>>
// CHECK-NEXT:  %[[O_1:[^ ,]*]] = qnn.conv %[[X]], %[[O]] {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x1x3x3xf32>, tensor<2x1x2x2x!qnn.int<2>>) -> tensor<1x2x2x2xf32>
// CHECK-NEXT:  %[[O_2:[^ ,]*]] = qnn.constant dense<{{\[\[}}[2.000000e+00{{\]\]}}, {{\[\[}}5.000000e-01{{\]\]}}]> : tensor<2x1x1xf32> -> tensor<2x1x1xf32>
// CHECK-NEXT:  %[[O_3:[^ ,]*]] = qnn.mul %[[O_1]], %[[O_2]] : (tensor<1x2x2x2xf32>, tensor<2x1x1xf32>) -> tensor<1x2x2x2xf32>
// CHECK-NEXT:  func.return %[[O_3]] : tensor<1x2x2x2xf32>
// CHECK-NEXT:  }
func.func @sign_into_conv_weights(%x: tensor<1x1x3x3xf32>) -> tensor<1x2x2x2xf32> {
  %w = qnn.constant dense<[[[[1, -1], [0, 1]]], [[[1, 1], [1, 1]]]]> : tensor<2x1x2x2xi8> -> tensor<2x1x2x2x!qnn.int<2>>
  %y = qnn.conv %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x1x3x3xf32>, tensor<2x1x2x2x!qnn.int<2>>) -> tensor<1x2x2x2xf32>
  %m = qnn.constant dense<[[[2.0]], [[-0.5]]]> : tensor<2x1x1xf32> -> tensor<2x1x1xf32>
  %o = qnn.mul %y, %m : (tensor<1x2x2x2xf32>, tensor<2x1x1xf32>) -> tensor<1x2x2x2xf32>
  func.return %o : tensor<1x2x2x2xf32>
}

// -----

// A positive per-channel multiply and a scalar add both move behind a
// maxpool (max commutes with increasing maps).
// CHECK-LABEL: func.func @affine_out_of_maxpool(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x2x2x2xf32>) -> tensor<1x2x1x1xf32> {
// CHECK-NEXT:  %[[P:[^ ,]*]] = qnn.maxpool %[[X]] {strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, kernel_shape = array<i64: 2, 2>} : (tensor<1x2x2x2xf32>) -> tensor<1x2x1x1xf32>
// CHECK-NEXT:  %[[P_1:[^ ,]*]] = qnn.constant dense<{{\[\[}}[5.000000e-01{{\]\]}}, {{\[\[}}2.000000e+00{{\]\]}}]> : tensor<2x1x1xf32> -> tensor<2x1x1xf32>
// CHECK-NEXT:  %[[P_2:[^ ,]*]] = qnn.mul %[[P]], %[[P_1]] : (tensor<1x2x1x1xf32>, tensor<2x1x1xf32>) -> tensor<1x2x1x1xf32>
// CHECK-NEXT:  %[[P_3:[^ ,]*]] = qnn.constant dense<1.000000e+00> : tensor<f32> -> tensor<f32>
// CHECK-NEXT:  %[[P_4:[^ ,]*]] = qnn.add %[[P_2]], %[[P_3]] : (tensor<1x2x1x1xf32>, tensor<f32>) -> tensor<1x2x1x1xf32>
// CHECK-NEXT:  func.return %[[P_4]] : tensor<1x2x1x1xf32>
// CHECK-NEXT:  }
func.func @affine_out_of_maxpool(%x: tensor<1x2x2x2xf32>) -> tensor<1x2x1x1xf32> {
  %s = qnn.constant dense<[[[0.5]], [[2.0]]]> : tensor<2x1x1xf32> -> tensor<2x1x1xf32>
  %xs = qnn.mul %x, %s : (tensor<1x2x2x2xf32>, tensor<2x1x1xf32>) -> tensor<1x2x2x2xf32>
  %a = qnn.constant dense<1.0> : tensor<f32> -> tensor<f32>
  %xa = qnn.add %xs, %a : (tensor<1x2x2x2xf32>, tensor<f32>) -> tensor<1x2x2x2xf32>
  %p = qnn.maxpool %xa {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x2x2x2xf32>) -> tensor<1x2x1x1xf32>
  func.return %p : tensor<1x2x1x1xf32>
}

// -----

// Refused: a negative multiplier before a maxpool.
// CHECK-LABEL: func.func @negative_scale_maxpool_stays(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x2x2x2xf32>) -> tensor<1x2x1x1xf32> {
// CHECK-NEXT:  %[[S:[^ ,]*]] = qnn.constant dense<{{\[\[}}[5.000000e-01{{\]\]}}, {{\[\[}}-2.000000e+00{{\]\]}}]> : tensor<2x1x1xf32> -> tensor<2x1x1xf32>
// CHECK-NEXT:  %[[XS:[^ ,]*]] = qnn.mul %[[X]], %[[S]] : (tensor<1x2x2x2xf32>, tensor<2x1x1xf32>) -> tensor<1x2x2x2xf32>
// CHECK-NEXT:  %[[P:[^ ,]*]] = qnn.maxpool %[[XS]] {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x2x2x2xf32>) -> tensor<1x2x1x1xf32>
// CHECK-NEXT:  func.return %[[P]] : tensor<1x2x1x1xf32>
// CHECK-NEXT:  }
func.func @negative_scale_maxpool_stays(%x: tensor<1x2x2x2xf32>) -> tensor<1x2x1x1xf32> {
  %s = qnn.constant dense<[[[0.5]], [[-2.0]]]> : tensor<2x1x1xf32> -> tensor<2x1x1xf32>
  %xs = qnn.mul %x, %s : (tensor<1x2x2x2xf32>, tensor<2x1x1xf32>) -> tensor<1x2x2x2xf32>
  %p = qnn.maxpool %xs {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x2x2x2xf32>) -> tensor<1x2x1x1xf32>
  func.return %p : tensor<1x2x1x1xf32>
}

// -----

// Refused: an add varying over the pooled (spatial) axes.
// CHECK-LABEL: func.func @spatial_add_maxpool_stays(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x1x2x2xf32>) -> tensor<1x1x1x1xf32> {
// CHECK-NEXT:  %[[A:[^ ,]*]] = qnn.constant dense<{{\[\[}}1.000000e+00, 2.000000e+00], [3.000000e+00, 4.000000e+00{{\]\]}}> : tensor<2x2xf32> -> tensor<2x2xf32>
// CHECK-NEXT:  %[[XA:[^ ,]*]] = qnn.add %[[X]], %[[A]] : (tensor<1x1x2x2xf32>, tensor<2x2xf32>) -> tensor<1x1x2x2xf32>
// CHECK-NEXT:  %[[P:[^ ,]*]] = qnn.maxpool %[[XA]] {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x1x2x2xf32>) -> tensor<1x1x1x1xf32>
// CHECK-NEXT:  func.return %[[P]] : tensor<1x1x1x1xf32>
// CHECK-NEXT:  }
func.func @spatial_add_maxpool_stays(%x: tensor<1x1x2x2xf32>) -> tensor<1x1x1x1xf32> {
  %a = qnn.constant dense<[[1.0, 2.0], [3.0, 4.0]]> : tensor<2x2xf32> -> tensor<2x2xf32>
  %xa = qnn.add %x, %a : (tensor<1x1x2x2xf32>, tensor<2x2xf32>) -> tensor<1x1x2x2xf32>
  %p = qnn.maxpool %xa {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x1x2x2xf32>) -> tensor<1x1x1x1xf32>
  func.return %p : tensor<1x1x1x1xf32>
}

// -----

// A scalar multiply moves past a transpose and a reshape.
// CHECK-LABEL: func.func @scalar_out_of_data_movement(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x2x1x2xf32>) -> tensor<1x4xf32> {
// CHECK-NEXT:  %[[T:[^ ,]*]] = qnn.transpose %[[X]] {perm = array<i64: 0, 2, 3, 1>} : (tensor<1x2x1x2xf32>) -> tensor<1x1x2x2xf32>
// CHECK-NEXT:  %[[R:[^ ,]*]] = qnn.reshape %[[T]] : (tensor<1x1x2x2xf32>) -> tensor<1x4xf32>
// CHECK-NEXT:  %[[R_1:[^ ,]*]] = qnn.constant dense<5.000000e-01> : tensor<f32> -> tensor<f32>
// CHECK-NEXT:  %[[R_2:[^ ,]*]] = qnn.mul %[[R]], %[[R_1]] : (tensor<1x4xf32>, tensor<f32>) -> tensor<1x4xf32>
// CHECK-NEXT:  func.return %[[R_2]] : tensor<1x4xf32>
// CHECK-NEXT:  }
func.func @scalar_out_of_data_movement(%x: tensor<1x2x1x2xf32>) -> tensor<1x4xf32> {
  %s = qnn.constant dense<0.5> : tensor<f32> -> tensor<f32>
  %xs = qnn.mul %x, %s : (tensor<1x2x1x2xf32>, tensor<f32>) -> tensor<1x2x1x2xf32>
  %t = qnn.transpose %xs {perm = array<i64: 0, 2, 3, 1>} : (tensor<1x2x1x2xf32>) -> tensor<1x1x2x2xf32>
  %r = qnn.reshape %t : (tensor<1x1x2x2xf32>) -> tensor<1x4xf32>
  func.return %r : tensor<1x4xf32>
}

// -----

// A per-channel add moves past a transpose, its constant permuted alike:
// (2, 1, 1) along NCHW channels becomes (1, 1, 1, 2) along NHWC channels.
// CHECK-LABEL: func.func @channel_add_out_of_transpose(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x2x1x2xf32>) -> tensor<1x1x2x2xf32> {
// CHECK-NEXT:  %[[T:[^ ,]*]] = qnn.transpose %[[X]] {perm = array<i64: 0, 2, 3, 1>} : (tensor<1x2x1x2xf32>) -> tensor<1x1x2x2xf32>
// CHECK-NEXT:  %[[T_1:[^ ,]*]] = qnn.constant dense<{{\[\[}}{{\[\[}}1.000000e+00, 2.000000e+00{{\]\]}}{{\]\]}}> : tensor<1x1x1x2xf32> -> tensor<1x1x1x2xf32>
// CHECK-NEXT:  %[[T_2:[^ ,]*]] = qnn.add %[[T]], %[[T_1]] : (tensor<1x1x2x2xf32>, tensor<1x1x1x2xf32>) -> tensor<1x1x2x2xf32>
// CHECK-NEXT:  func.return %[[T_2]] : tensor<1x1x2x2xf32>
// CHECK-NEXT:  }
func.func @channel_add_out_of_transpose(%x: tensor<1x2x1x2xf32>) -> tensor<1x1x2x2xf32> {
  %a = qnn.constant dense<[[[1.0]], [[2.0]]]> : tensor<2x1x1xf32> -> tensor<2x1x1xf32>
  %xa = qnn.add %x, %a : (tensor<1x2x1x2xf32>, tensor<2x1x1xf32>) -> tensor<1x2x1x2xf32>
  %t = qnn.transpose %xa {perm = array<i64: 0, 2, 3, 1>} : (tensor<1x2x1x2xf32>) -> tensor<1x1x2x2xf32>
  func.return %t : tensor<1x1x2x2xf32>
}

// -----

// Refused: a non-scalar add in front of a reshape.
// CHECK-LABEL: func.func @vector_add_reshape_stays(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x2xf32>) -> tensor<2x1xf32> {
// CHECK-NEXT:  %[[A:[^ ,]*]] = qnn.constant dense<[1.000000e+00, 2.000000e+00]> : tensor<2xf32> -> tensor<2xf32>
// CHECK-NEXT:  %[[XA:[^ ,]*]] = qnn.add %[[X]], %[[A]] : (tensor<1x2xf32>, tensor<2xf32>) -> tensor<1x2xf32>
// CHECK-NEXT:  %[[R:[^ ,]*]] = qnn.reshape %[[XA]] : (tensor<1x2xf32>) -> tensor<2x1xf32>
// CHECK-NEXT:  func.return %[[R]] : tensor<2x1xf32>
// CHECK-NEXT:  }
func.func @vector_add_reshape_stays(%x: tensor<1x2xf32>) -> tensor<2x1xf32> {
  %a = qnn.constant dense<[1.0, 2.0]> : tensor<2xf32> -> tensor<2xf32>
  %xa = qnn.add %x, %a : (tensor<1x2xf32>, tensor<2xf32>) -> tensor<1x2xf32>
  %r = qnn.reshape %xa : (tensor<1x2xf32>) -> tensor<2x1xf32>
  func.return %r : tensor<2x1xf32>
}

// -----

// A scale with several users is copied, one per user; the matmul's copy
// then moves past it (the other stays for the return).
// CHECK-LABEL: func.func @shared_scale(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x2x!qnn.uint<2>>, %{{[^:]*}}: tensor<2x3x!qnn.int<2>>) -> (tensor<1x3xf32>, tensor<1x2xf32>) {
// CHECK-NEXT:  %[[S:[^ ,]*]] = qnn.constant dense<5.000000e-01> : tensor<f32> -> tensor<f32>
// CHECK-NEXT:  %[[A:[^ ,]*]] = qnn.mul %[[X]], %[[S]] : (tensor<1x2x!qnn.uint<2>>, tensor<f32>) -> tensor<1x2xf32>
// CHECK-NEXT:  %[[W:[^ ,]*]] = qnn.constant
// CHECK-NEXT:  %[[Y:[^ ,]*]] = qnn.matmul %[[X]], %[[W]] : (tensor<1x2x!qnn.uint<2>>, tensor<2x3x!qnn.int<2>>) -> tensor<1x3xf32>
// CHECK-NEXT:  %[[K:[^ ,]*]] = qnn.constant dense<5.000000e-01> : tensor<f32> -> tensor<f32>
// CHECK-NEXT:  %[[O:[^ ,]*]] = qnn.mul %[[Y]], %[[K]] : (tensor<1x3xf32>, tensor<f32>) -> tensor<1x3xf32>
// CHECK-NEXT:  func.return %[[O]], %[[A]] : tensor<1x3xf32>, tensor<1x2xf32>
func.func @shared_scale(%x: tensor<1x2x!qnn.uint<2>>, %w: tensor<2x3x!qnn.int<2>>) -> (tensor<1x3xf32>, tensor<1x2xf32>) {
  %s = qnn.constant dense<0.5> : tensor<f32> -> tensor<f32>
  %a = qnn.mul %x, %s : (tensor<1x2x!qnn.uint<2>>, tensor<f32>) -> tensor<1x2xf32>
  %w1 = qnn.constant dense<[[1, -1, 0], [1, 1, -1]]> : tensor<2x3xi8> -> tensor<2x3x!qnn.int<2>>
  %y = qnn.matmul %a, %w1 : (tensor<1x2xf32>, tensor<2x3x!qnn.int<2>>) -> tensor<1x3xf32>
  func.return %y, %a : tensor<1x3xf32>, tensor<1x2xf32>
}

// -----

// A per-channel input scale moves past a depthwise conv (channel c in,
// channel c out).
// CHECK-LABEL: func.func @depthwise(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x2x3x3x!qnn.uint<2>>) -> tensor<1x2x1x1xf32> {
// CHECK-NEXT:  %[[W:[^ ,]*]] = qnn.constant
// CHECK-NEXT:  %[[Y:[^ ,]*]] = qnn.conv %[[X]], %[[W]] {{.*}}group = 2 : i64} : (tensor<1x2x3x3x!qnn.uint<2>>, tensor<2x1x3x3x!qnn.int<2>>) -> tensor<1x2x1x1xf32>
// CHECK-NEXT:  %[[K:[^ ,]*]] = qnn.constant dense<{{\[\[\[\[}}5.000000e-01]], {{\[\[}}2.500000e-01{{\]\]\]\]}}> : tensor<1x2x1x1xf32> -> tensor<1x2x1x1xf32>
// CHECK-NEXT:  %[[O:[^ ,]*]] = qnn.mul %[[Y]], %[[K]] : (tensor<1x2x1x1xf32>, tensor<1x2x1x1xf32>) -> tensor<1x2x1x1xf32>
// CHECK-NEXT:  func.return %[[O]] : tensor<1x2x1x1xf32>
func.func @depthwise(%x: tensor<1x2x3x3x!qnn.uint<2>>) -> tensor<1x2x1x1xf32> {
  %s = qnn.constant dense<[[[[0.5]], [[0.25]]]]> : tensor<1x2x1x1xf32> -> tensor<1x2x1x1xf32>
  %a = qnn.mul %x, %s : (tensor<1x2x3x3x!qnn.uint<2>>, tensor<1x2x1x1xf32>) -> tensor<1x2x3x3xf32>
  %w = qnn.constant dense<1> : tensor<2x1x3x3xi8> -> tensor<2x1x3x3x!qnn.int<2>>
  %y = qnn.conv %a, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, group = 2 : i64} : (tensor<1x2x3x3xf32>, tensor<2x1x3x3x!qnn.int<2>>) -> tensor<1x2x1x1xf32>
  func.return %y : tensor<1x2x1x1xf32>
}

// -----

// Refused: a per-channel scale before a grouped (not depthwise) conv mixes
// channels of different scales.
// CHECK-LABEL: func.func @grouped_refused(
// CHECK:       %[[A:[^ ,]*]] = qnn.mul
// CHECK:       qnn.conv %[[A]],
func.func @grouped_refused(%x: tensor<1x4x3x3x!qnn.uint<2>>) -> tensor<1x2x1x1xf32> {
  %s = qnn.constant dense<[[[[0.5]], [[0.25]], [[0.5]], [[0.25]]]]> : tensor<1x4x1x1xf32> -> tensor<1x4x1x1xf32>
  %a = qnn.mul %x, %s : (tensor<1x4x3x3x!qnn.uint<2>>, tensor<1x4x1x1xf32>) -> tensor<1x4x3x3xf32>
  %w = qnn.constant dense<1> : tensor<2x2x3x3xi8> -> tensor<2x2x3x3x!qnn.int<2>>
  %y = qnn.conv %a, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, group = 2 : i64} : (tensor<1x4x3x3xf32>, tensor<2x2x3x3x!qnn.int<2>>) -> tensor<1x2x1x1xf32>
  func.return %y : tensor<1x2x1x1xf32>
}

// -----

// A scalar scale moves past depth_to_space (data movement) like a reshape.
// CHECK-LABEL: func.func @depth_to_space(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x4x1x1x!qnn.int<4>>) -> tensor<1x1x2x2xf32> {
// CHECK-NEXT:  %[[Y:[^ ,]*]] = qnn.depth_to_space %[[X]] {blocksize = 2 : i64} : (tensor<1x4x1x1x!qnn.int<4>>) -> tensor<1x1x2x2x!qnn.int<4>>
// CHECK-NEXT:  %[[K:[^ ,]*]] = qnn.constant dense<5.000000e-01> : tensor<f32> -> tensor<f32>
// CHECK-NEXT:  %[[O:[^ ,]*]] = qnn.mul %[[Y]], %[[K]] : (tensor<1x1x2x2x!qnn.int<4>>, tensor<f32>) -> tensor<1x1x2x2xf32>
// CHECK-NEXT:  func.return %[[O]] : tensor<1x1x2x2xf32>
func.func @depth_to_space(%x: tensor<1x4x1x1x!qnn.int<4>>) -> tensor<1x1x2x2xf32> {
  %s = qnn.constant dense<0.5> : tensor<f32> -> tensor<f32>
  %a = qnn.mul %x, %s : (tensor<1x4x1x1x!qnn.int<4>>, tensor<f32>) -> tensor<1x4x1x1xf32>
  %y = qnn.depth_to_space %a {blocksize = 2 : i64} : (tensor<1x4x1x1xf32>) -> tensor<1x1x2x2xf32>
  func.return %y : tensor<1x1x2x2xf32>
}

// -----

// Refused: a per-channel scale (depth_to_space moves channels into space).
// CHECK-LABEL: func.func @depth_to_space_per_channel_refused(
// CHECK:       %[[A:[^ ,]*]] = qnn.mul
// CHECK-NEXT:  qnn.depth_to_space %[[A]]
func.func @depth_to_space_per_channel_refused(%x: tensor<1x4x1x1x!qnn.int<4>>) -> tensor<1x1x2x2xf32> {
  %s = qnn.constant dense<[[[0.5]], [[0.25]], [[0.5]], [[0.25]]]> : tensor<4x1x1xf32> -> tensor<4x1x1xf32>
  %a = qnn.mul %x, %s : (tensor<1x4x1x1x!qnn.int<4>>, tensor<4x1x1xf32>) -> tensor<1x4x1x1xf32>
  %y = qnn.depth_to_space %a {blocksize = 2 : i64} : (tensor<1x4x1x1xf32>) -> tensor<1x1x2x2xf32>
  func.return %y : tensor<1x1x2x2xf32>
}
