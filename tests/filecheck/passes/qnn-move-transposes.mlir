// qnn-move-transposes: layout transposes sink towards the outputs (past
// multithresholds, maxpools and elementwise ops) until they cancel, and the
// last one folds into the rows of flattened matmul weights.
// RUN: finnr-opt %s --split-input-file -p qnn-move-transposes | filecheck %s

// NHWC then back to NCHW: the pair cancels.
// CHECK-LABEL: func.func @cancel(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x2x3x4xf32>) -> tensor<1x2x3x4xf32> {
// CHECK-NEXT:  %[[R:[^ ,]*]] = qnn.relu %[[X]] : (tensor<1x2x3x4xf32>) -> tensor<1x2x3x4xf32>
// CHECK-NEXT:  func.return %[[R]] : tensor<1x2x3x4xf32>
// CHECK-NEXT:  }
func.func @cancel(%x: tensor<1x2x3x4xf32>) -> tensor<1x2x3x4xf32> {
  %t = qnn.transpose %x {perm = array<i64: 0, 2, 3, 1>} : (tensor<1x2x3x4xf32>) -> tensor<1x3x4x2xf32>
  %u = qnn.transpose %t {perm = array<i64: 0, 3, 1, 2>} : (tensor<1x3x4x2xf32>) -> tensor<1x2x3x4xf32>
  %r = qnn.relu %u : (tensor<1x2x3x4xf32>) -> tensor<1x2x3x4xf32>
  func.return %r : tensor<1x2x3x4xf32>
}

// -----

// Two transposes compose into one: [1, 0, 2] then [2, 1, 0] is [2, 0, 1].
// CHECK-LABEL: func.func @compose(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<2x3x4xf32>) -> tensor<4x2x3xf32> {
// CHECK-NEXT:  %[[U:[^ ,]*]] = qnn.transpose %[[X]] {perm = array<i64: 2, 0, 1>} : (tensor<2x3x4xf32>) -> tensor<4x2x3xf32>
// CHECK-NEXT:  func.return %[[U]] : tensor<4x2x3xf32>
// CHECK-NEXT:  }
func.func @compose(%x: tensor<2x3x4xf32>) -> tensor<4x2x3xf32> {
  %t = qnn.transpose %x {perm = array<i64: 1, 0, 2>} : (tensor<2x3x4xf32>) -> tensor<3x2x4xf32>
  %u = qnn.transpose %t {perm = array<i64: 2, 1, 0>} : (tensor<3x2x4xf32>) -> tensor<4x2x3xf32>
  func.return %u : tensor<4x2x3xf32>
}

// -----

// A transpose that moves only size-1 axes is a reshape.
// CHECK-LABEL: func.func @trivial_to_reshape(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x1x1x4xf32>) -> tensor<1x4x1x1xf32> {
// CHECK-NEXT:  %[[T:[^ ,]*]] = qnn.reshape %[[X]] : (tensor<1x1x1x4xf32>) -> tensor<1x4x1x1xf32>
// CHECK-NEXT:  func.return %[[T]] : tensor<1x4x1x1xf32>
// CHECK-NEXT:  }
func.func @trivial_to_reshape(%x: tensor<1x1x1x4xf32>) -> tensor<1x4x1x1xf32> {
  %t = qnn.transpose %x {perm = array<i64: 0, 3, 1, 2>} : (tensor<1x1x1x4xf32>) -> tensor<1x4x1x1xf32>
  func.return %t : tensor<1x4x1x1xf32>
}

// -----

// ... unless it can sink past its user: the multithreshold reads the NHWC
// tensor; the trivial transpose then follows it, as a reshape.
// CHECK-LABEL: func.func @trivial_sinks_past_multithreshold(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x1x1x2x!qnn.int<4>>) -> tensor<1x2x1x1x!qnn.uint<1>> {
// CHECK-NEXT:  %[[TH:[^ ,]*]] = qnn.constant dense<{{\[\[}}0], [1{{\]\]}}> : tensor<2x1xi8> -> tensor<2x1x!qnn.uint<1>>
// CHECK-NEXT:  %[[M:[^ ,]*]] = qnn.multithreshold %[[X]], %[[TH]] {out_dtype = !qnn.uint<1>, data_layout = "NHWC"} : (tensor<1x1x1x2x!qnn.int<4>>, tensor<2x1x!qnn.uint<1>>) -> tensor<1x1x1x2x!qnn.uint<1>>
// CHECK-NEXT:  %[[M_1:[^ ,]*]] = qnn.reshape %[[M]] : (tensor<1x1x1x2x!qnn.uint<1>>) -> tensor<1x2x1x1x!qnn.uint<1>>
// CHECK-NEXT:  func.return %[[M_1]] : tensor<1x2x1x1x!qnn.uint<1>>
// CHECK-NEXT:  }
func.func @trivial_sinks_past_multithreshold(%x: tensor<1x1x1x2x!qnn.int<4>>) -> tensor<1x2x1x1x!qnn.uint<1>> {
  %t = qnn.transpose %x {perm = array<i64: 0, 3, 1, 2>} : (tensor<1x1x1x2x!qnn.int<4>>) -> tensor<1x2x1x1x!qnn.int<4>>
  %th = qnn.constant dense<[[0], [1]]> : tensor<2x1xi8> -> tensor<2x1x!qnn.uint<1>>
  %m = qnn.multithreshold %t, %th {out_dtype = !qnn.uint<1>} : (tensor<1x2x1x1x!qnn.int<4>>, tensor<2x1x!qnn.uint<1>>) -> tensor<1x2x1x1x!qnn.uint<1>>
  func.return %m : tensor<1x2x1x1x!qnn.uint<1>>
}

// -----

// NCHW multithreshold of an NHWC tensor transposed to NCHW: the
// multithreshold runs in NHWC (per-channel thresholds follow the channel
// axis), the transpose moves behind it.
// CHECK-LABEL: func.func @past_multithreshold(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x2x2x3x!qnn.int<4>>) -> tensor<1x3x2x2x!qnn.uint<1>> {
// CHECK-NEXT:  %[[TH:[^ ,]*]] = qnn.constant dense<{{\[\[}}0], [1], [2{{\]\]}}> : tensor<3x1xi8> -> tensor<3x1x!qnn.uint<2>>
// CHECK-NEXT:  %[[M:[^ ,]*]] = qnn.multithreshold %[[X]], %[[TH]] {out_dtype = !qnn.uint<1>, data_layout = "NHWC"} : (tensor<1x2x2x3x!qnn.int<4>>, tensor<3x1x!qnn.uint<2>>) -> tensor<1x2x2x3x!qnn.uint<1>>
// CHECK-NEXT:  %[[M_1:[^ ,]*]] = qnn.transpose %[[M]] {perm = array<i64: 0, 3, 1, 2>} : (tensor<1x2x2x3x!qnn.uint<1>>) -> tensor<1x3x2x2x!qnn.uint<1>>
// CHECK-NEXT:  func.return %[[M_1]] : tensor<1x3x2x2x!qnn.uint<1>>
// CHECK-NEXT:  }
func.func @past_multithreshold(%x: tensor<1x2x2x3x!qnn.int<4>>) -> tensor<1x3x2x2x!qnn.uint<1>> {
  %t = qnn.transpose %x {perm = array<i64: 0, 3, 1, 2>} : (tensor<1x2x2x3x!qnn.int<4>>) -> tensor<1x3x2x2x!qnn.int<4>>
  %th = qnn.constant dense<[[0], [1], [2]]> : tensor<3x1xi8> -> tensor<3x1x!qnn.uint<2>>
  %m = qnn.multithreshold %t, %th {out_dtype = !qnn.uint<1>} : (tensor<1x3x2x2x!qnn.int<4>>, tensor<3x1x!qnn.uint<2>>) -> tensor<1x3x2x2x!qnn.uint<1>>
  func.return %m : tensor<1x3x2x2x!qnn.uint<1>>
}

// -----

// Refused: a permutation that puts the channel axis on axis 2 (neither
// NCHW nor NHWC).
// CHECK-LABEL: func.func @multithreshold_bad_axis_stays(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x3x2x2x!qnn.int<4>>) -> tensor<1x2x3x2x!qnn.uint<1>> {
// CHECK-NEXT:  %[[T:[^ ,]*]] = qnn.transpose %[[X]] {perm = array<i64: 0, 2, 1, 3>} : (tensor<1x3x2x2x!qnn.int<4>>) -> tensor<1x2x3x2x!qnn.int<4>>
// CHECK-NEXT:  %[[TH:[^ ,]*]] = qnn.constant dense<{{\[\[}}0], [1{{\]\]}}> : tensor<2x1xi8> -> tensor<2x1x!qnn.uint<2>>
// CHECK-NEXT:  %[[M:[^ ,]*]] = qnn.multithreshold %[[T]], %[[TH]] {out_dtype = !qnn.uint<1>} : (tensor<1x2x3x2x!qnn.int<4>>, tensor<2x1x!qnn.uint<2>>) -> tensor<1x2x3x2x!qnn.uint<1>>
// CHECK-NEXT:  func.return %[[M]] : tensor<1x2x3x2x!qnn.uint<1>>
// CHECK-NEXT:  }
func.func @multithreshold_bad_axis_stays(%x: tensor<1x3x2x2x!qnn.int<4>>) -> tensor<1x2x3x2x!qnn.uint<1>> {
  %t = qnn.transpose %x {perm = array<i64: 0, 2, 1, 3>} : (tensor<1x3x2x2x!qnn.int<4>>) -> tensor<1x2x3x2x!qnn.int<4>>
  %th = qnn.constant dense<[[0], [1]]> : tensor<2x1xi8> -> tensor<2x1x!qnn.uint<2>>
  %m = qnn.multithreshold %t, %th {out_dtype = !qnn.uint<1>} : (tensor<1x2x3x2x!qnn.int<4>>, tensor<2x1x!qnn.uint<2>>) -> tensor<1x2x3x2x!qnn.uint<1>>
  func.return %m : tensor<1x2x3x2x!qnn.uint<1>>
}

// -----

// An NCHW maxpool of an NHWC tensor becomes an NHWC maxpool.
// CHECK-LABEL: func.func @past_maxpool(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x4x4x2x!qnn.uint<2>>) -> tensor<1x2x2x2x!qnn.uint<2>> {
// CHECK-NEXT:  %[[P:[^ ,]*]] = qnn.maxpool %[[X]] {strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, data_layout = "NHWC", kernel_shape = array<i64: 2, 2>} : (tensor<1x4x4x2x!qnn.uint<2>>) -> tensor<1x2x2x2x!qnn.uint<2>>
// CHECK-NEXT:  %[[P_1:[^ ,]*]] = qnn.transpose %[[P]] {perm = array<i64: 0, 3, 1, 2>} : (tensor<1x2x2x2x!qnn.uint<2>>) -> tensor<1x2x2x2x!qnn.uint<2>>
// CHECK-NEXT:  func.return %[[P_1]] : tensor<1x2x2x2x!qnn.uint<2>>
// CHECK-NEXT:  }
func.func @past_maxpool(%x: tensor<1x4x4x2x!qnn.uint<2>>) -> tensor<1x2x2x2x!qnn.uint<2>> {
  %t = qnn.transpose %x {perm = array<i64: 0, 3, 1, 2>} : (tensor<1x4x4x2x!qnn.uint<2>>) -> tensor<1x2x4x4x!qnn.uint<2>>
  %p = qnn.maxpool %t {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x2x4x4x!qnn.uint<2>>) -> tensor<1x2x2x2x!qnn.uint<2>>
  func.return %p : tensor<1x2x2x2x!qnn.uint<2>>
}

// -----

// Refused: a maxpool behind a transpose other than NHWC -> NCHW.
// CHECK-LABEL: func.func @maxpool_other_perm_stays(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x4x2x4xf32>) -> tensor<1x2x2x2xf32> {
// CHECK-NEXT:  %[[T:[^ ,]*]] = qnn.transpose %[[X]] {perm = array<i64: 0, 2, 1, 3>} : (tensor<1x4x2x4xf32>) -> tensor<1x2x4x4xf32>
// CHECK-NEXT:  %[[P:[^ ,]*]] = qnn.maxpool %[[T]] {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x2x4x4xf32>) -> tensor<1x2x2x2xf32>
// CHECK-NEXT:  func.return %[[P]] : tensor<1x2x2x2xf32>
// CHECK-NEXT:  }
func.func @maxpool_other_perm_stays(%x: tensor<1x4x2x4xf32>) -> tensor<1x2x2x2xf32> {
  %t = qnn.transpose %x {perm = array<i64: 0, 2, 1, 3>} : (tensor<1x4x2x4xf32>) -> tensor<1x2x4x4xf32>
  %p = qnn.maxpool %t {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x2x4x4xf32>) -> tensor<1x2x2x2xf32>
  func.return %p : tensor<1x2x2x2xf32>
}

// -----

// Relu and a constant add swap with the transpose; the constant (3, 1, 1)
// is permuted to (1, 1, 1, 3).
// CHECK-LABEL: func.func @past_elementwise(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x2x2x3xf32>) -> tensor<1x3x2x2xf32> {
// CHECK-NEXT:  %[[R:[^ ,]*]] = qnn.relu %[[X]] : (tensor<1x2x2x3xf32>) -> tensor<1x2x2x3xf32>
// CHECK-NEXT:  %[[A:[^ ,]*]] = qnn.constant dense<{{\[\[}}{{\[\[}}1.000000e+00, 2.000000e+00, 3.000000e+00{{\]\]}}{{\]\]}}> : tensor<1x1x1x3xf32> -> tensor<1x1x1x3xf32>
// CHECK-NEXT:  %[[A_1:[^ ,]*]] = qnn.add %[[R]], %[[A]] : (tensor<1x2x2x3xf32>, tensor<1x1x1x3xf32>) -> tensor<1x2x2x3xf32>
// CHECK-NEXT:  %[[A_2:[^ ,]*]] = qnn.transpose %[[A_1]] {perm = array<i64: 0, 3, 1, 2>} : (tensor<1x2x2x3xf32>) -> tensor<1x3x2x2xf32>
// CHECK-NEXT:  func.return %[[A_2]] : tensor<1x3x2x2xf32>
// CHECK-NEXT:  }
func.func @past_elementwise(%x: tensor<1x2x2x3xf32>) -> tensor<1x3x2x2xf32> {
  %t = qnn.transpose %x {perm = array<i64: 0, 3, 1, 2>} : (tensor<1x2x2x3xf32>) -> tensor<1x3x2x2xf32>
  %r = qnn.relu %t : (tensor<1x3x2x2xf32>) -> tensor<1x3x2x2xf32>
  %c = qnn.constant dense<[[[1.0]], [[2.0]], [[3.0]]]> : tensor<3x1x1xf32> -> tensor<3x1x1xf32>
  %a = qnn.add %r, %c : (tensor<1x3x2x2xf32>, tensor<3x1x1xf32>) -> tensor<1x3x2x2xf32>
  func.return %a : tensor<1x3x2x2xf32>
}

// -----

// Refused: an add of a non-constant.
// CHECK-LABEL: func.func @non_constant_add_stays(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x2x2x3xf32>, %[[Y:[^:]*]]: tensor<1x3x2x2xf32>) -> tensor<1x3x2x2xf32> {
// CHECK-NEXT:  %[[T:[^ ,]*]] = qnn.transpose %[[X]] {perm = array<i64: 0, 3, 1, 2>} : (tensor<1x2x2x3xf32>) -> tensor<1x3x2x2xf32>
// CHECK-NEXT:  %[[A:[^ ,]*]] = qnn.add %[[T]], %[[Y]] : (tensor<1x3x2x2xf32>, tensor<1x3x2x2xf32>) -> tensor<1x3x2x2xf32>
// CHECK-NEXT:  func.return %[[A]] : tensor<1x3x2x2xf32>
// CHECK-NEXT:  }
func.func @non_constant_add_stays(%x: tensor<1x2x2x3xf32>, %y: tensor<1x3x2x2xf32>) -> tensor<1x3x2x2xf32> {
  %t = qnn.transpose %x {perm = array<i64: 0, 3, 1, 2>} : (tensor<1x2x2x3xf32>) -> tensor<1x3x2x2xf32>
  %a = qnn.add %t, %y : (tensor<1x3x2x2xf32>, tensor<1x3x2x2xf32>) -> tensor<1x3x2x2xf32>
  func.return %a : tensor<1x3x2x2xf32>
}

// -----

// Refused: a transpose with another user is not sunk.
// CHECK-LABEL: func.func @other_user_stays(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x2x2x3xf32>) -> (tensor<1x3x2x2xf32>, tensor<1x3x2x2xf32>) {
// CHECK-NEXT:  %[[T:[^ ,]*]] = qnn.transpose %[[X]] {perm = array<i64: 0, 3, 1, 2>} : (tensor<1x2x2x3xf32>) -> tensor<1x3x2x2xf32>
// CHECK-NEXT:  %[[R:[^ ,]*]] = qnn.relu %[[T]] : (tensor<1x3x2x2xf32>) -> tensor<1x3x2x2xf32>
// CHECK-NEXT:  func.return %[[R]], %[[T]] : tensor<1x3x2x2xf32>, tensor<1x3x2x2xf32>
// CHECK-NEXT:  }
func.func @other_user_stays(%x: tensor<1x2x2x3xf32>) -> (tensor<1x3x2x2xf32>, tensor<1x3x2x2xf32>) {
  %t = qnn.transpose %x {perm = array<i64: 0, 3, 1, 2>} : (tensor<1x2x2x3xf32>) -> tensor<1x3x2x2xf32>
  %r = qnn.relu %t : (tensor<1x3x2x2xf32>) -> tensor<1x3x2x2xf32>
  func.return %r, %t : tensor<1x3x2x2xf32>, tensor<1x3x2x2xf32>
}

// -----

// NHWC (1, 2, 1, 2) flattened in NCHW order: row k = 2c + h of W holds
// source element h * 2 + c, so rows 1 and 2 swap and the transpose goes.
// CHECK-LABEL: func.func @into_flattened_weights(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x2x1x2x!qnn.uint<2>>) -> tensor<1x2x!qnn.int<4>> {
// CHECK-NEXT:  %[[Y:[^ ,]*]] = qnn.constant dense<{{\[\[}}1, 0], [3, 0], [2, 0], [4, 1{{\]\]}}> : tensor<4x2xi8> -> tensor<4x2x!qnn.uint<3>>
// CHECK-NEXT:  %[[Y_1:[^ ,]*]] = qnn.reshape %[[X]] : (tensor<1x2x1x2x!qnn.uint<2>>) -> tensor<1x4x!qnn.uint<2>>
// CHECK-NEXT:  %[[Y_2:[^ ,]*]] = qnn.matmul %[[Y_1]], %[[Y]] : (tensor<1x4x!qnn.uint<2>>, tensor<4x2x!qnn.uint<3>>) -> tensor<1x2x!qnn.int<4>>
// CHECK-NEXT:  func.return %[[Y_2]] : tensor<1x2x!qnn.int<4>>
// CHECK-NEXT:  }
func.func @into_flattened_weights(%x: tensor<1x2x1x2x!qnn.uint<2>>) -> tensor<1x2x!qnn.int<4>> {
  %t = qnn.transpose %x {perm = array<i64: 0, 3, 1, 2>} : (tensor<1x2x1x2x!qnn.uint<2>>) -> tensor<1x2x2x1x!qnn.uint<2>>
  %f = qnn.reshape %t : (tensor<1x2x2x1x!qnn.uint<2>>) -> tensor<1x4x!qnn.uint<2>>
  %w = qnn.constant dense<[[1, 0], [2, 0], [3, 0], [4, 1]]> : tensor<4x2xi8> -> tensor<4x2x!qnn.uint<3>>
  %y = qnn.matmul %f, %w : (tensor<1x4x!qnn.uint<2>>, tensor<4x2x!qnn.uint<3>>) -> tensor<1x2x!qnn.int<4>>
  func.return %y : tensor<1x2x!qnn.int<4>>
}

// -----

// Refused: flattened into a matmul with non-constant weights.
// CHECK-LABEL: func.func @flattened_dynamic_weights_stays(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x2x1x2xf32>, %[[W:[^:]*]]: tensor<4x2xf32>) -> tensor<1x2xf32> {
// CHECK-NEXT:  %[[T:[^ ,]*]] = qnn.transpose %[[X]] {perm = array<i64: 0, 3, 1, 2>} : (tensor<1x2x1x2xf32>) -> tensor<1x2x2x1xf32>
// CHECK-NEXT:  %[[F:[^ ,]*]] = qnn.reshape %[[T]] : (tensor<1x2x2x1xf32>) -> tensor<1x4xf32>
// CHECK-NEXT:  %[[Y:[^ ,]*]] = qnn.matmul %[[F]], %[[W]] : (tensor<1x4xf32>, tensor<4x2xf32>) -> tensor<1x2xf32>
// CHECK-NEXT:  func.return %[[Y]] : tensor<1x2xf32>
// CHECK-NEXT:  }
func.func @flattened_dynamic_weights_stays(%x: tensor<1x2x1x2xf32>, %w: tensor<4x2xf32>) -> tensor<1x2xf32> {
  %t = qnn.transpose %x {perm = array<i64: 0, 3, 1, 2>} : (tensor<1x2x1x2xf32>) -> tensor<1x2x2x1xf32>
  %f = qnn.reshape %t : (tensor<1x2x2x1xf32>) -> tensor<1x4xf32>
  %y = qnn.matmul %f, %w : (tensor<1x4xf32>, tensor<4x2xf32>) -> tensor<1x2xf32>
  func.return %y : tensor<1x2xf32>
}
