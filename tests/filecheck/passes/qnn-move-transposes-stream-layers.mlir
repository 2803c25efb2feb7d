// qnn-move-transposes and the stream layers of issue 17: a layout transpose
// sinks past depth_to_space / space_to_depth (which change data_layout),
// nearest resize (its scales permuted) and concat (its axis permuted), so a
// lowered network reaches them in NHWC.
// RUN: finnr-opt %s --split-input-file -p qnn-move-transposes | filecheck %s

// depth_to_space of an NHWC-to-NCHW transpose: NHWC, the transpose after it.
// CHECK-LABEL: func.func @d2s_to_nhwc(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x2x3x8xf32>) -> tensor<1x2x4x6xf32> {
// CHECK-NEXT:  %[[D:[^ ,]*]] = qnn.depth_to_space %[[X]] {blocksize = 2 : i64, mode = "CRD", data_layout = "NHWC"} : (tensor<1x2x3x8xf32>) -> tensor<1x4x6x2xf32>
// CHECK-NEXT:  %[[T:[^ ,]*]] = qnn.transpose %[[D]] {perm = array<i64: 0, 3, 1, 2>} : (tensor<1x4x6x2xf32>) -> tensor<1x2x4x6xf32>
// CHECK-NEXT:  func.return %[[T]] : tensor<1x2x4x6xf32>
func.func @d2s_to_nhwc(%x: tensor<1x2x3x8xf32>) -> tensor<1x2x4x6xf32> {
  %t = qnn.transpose %x {perm = array<i64: 0, 3, 1, 2>} : (tensor<1x2x3x8xf32>) -> tensor<1x8x2x3xf32>
  %d = qnn.depth_to_space %t {blocksize = 2 : i64, mode = "CRD"} : (tensor<1x8x2x3xf32>) -> tensor<1x2x4x6xf32>
  func.return %d : tensor<1x2x4x6xf32>
}

// -----

// ... and the transpose back to NHWC after it cancels: no transpose is left.
// CHECK-LABEL: func.func @d2s_cancels(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x2x3x8xf32>) -> tensor<1x4x6x2xf32> {
// CHECK-NEXT:  %[[D:[^ ,]*]] = qnn.depth_to_space %[[X]] {blocksize = 2 : i64, data_layout = "NHWC"} : (tensor<1x2x3x8xf32>) -> tensor<1x4x6x2xf32>
// CHECK-NEXT:  func.return %[[D]] : tensor<1x4x6x2xf32>
func.func @d2s_cancels(%x: tensor<1x2x3x8xf32>) -> tensor<1x4x6x2xf32> {
  %t = qnn.transpose %x {perm = array<i64: 0, 3, 1, 2>} : (tensor<1x2x3x8xf32>) -> tensor<1x8x2x3xf32>
  %d = qnn.depth_to_space %t {blocksize = 2 : i64} : (tensor<1x8x2x3xf32>) -> tensor<1x2x4x6xf32>
  %u = qnn.transpose %d {perm = array<i64: 0, 2, 3, 1>} : (tensor<1x2x4x6xf32>) -> tensor<1x4x6x2xf32>
  func.return %u : tensor<1x4x6x2xf32>
}

// -----

// The other way: an NHWC space_to_depth of an NCHW-to-NHWC transpose runs in NCHW.
// CHECK-LABEL: func.func @s2d_to_nchw(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x2x4x6xf32>) -> tensor<1x2x3x8xf32> {
// CHECK-NEXT:  %[[S:[^ ,]*]] = qnn.space_to_depth %[[X]] {blocksize = 2 : i64} : (tensor<1x2x4x6xf32>) -> tensor<1x8x2x3xf32>
// CHECK-NEXT:  %[[T:[^ ,]*]] = qnn.transpose %[[S]] {perm = array<i64: 0, 2, 3, 1>} : (tensor<1x8x2x3xf32>) -> tensor<1x2x3x8xf32>
// CHECK-NEXT:  func.return %[[T]] : tensor<1x2x3x8xf32>
func.func @s2d_to_nchw(%x: tensor<1x2x4x6xf32>) -> tensor<1x2x3x8xf32> {
  %t = qnn.transpose %x {perm = array<i64: 0, 2, 3, 1>} : (tensor<1x2x4x6xf32>) -> tensor<1x4x6x2xf32>
  %s = qnn.space_to_depth %t {blocksize = 2 : i64, data_layout = "NHWC"} : (tensor<1x4x6x2xf32>) -> tensor<1x2x3x8xf32>
  func.return %s : tensor<1x2x3x8xf32>
}

// -----

// Refused: a permutation that is no layout change (it swaps H and W).
// CHECK-LABEL: func.func @d2s_other_perm(
// CHECK-NEXT:  %[[T:[^ ,]*]] = qnn.transpose %{{.*}} {perm = array<i64: 0, 1, 3, 2>}
// CHECK-NEXT:  %[[D:[^ ,]*]] = qnn.depth_to_space %[[T]] {blocksize = 2 : i64} : (tensor<1x8x2x3xf32>) -> tensor<1x2x4x6xf32>
// CHECK-NEXT:  func.return %[[D]]
func.func @d2s_other_perm(%x: tensor<1x8x3x2xf32>) -> tensor<1x2x4x6xf32> {
  %t = qnn.transpose %x {perm = array<i64: 0, 1, 3, 2>} : (tensor<1x8x3x2xf32>) -> tensor<1x8x2x3xf32>
  %d = qnn.depth_to_space %t {blocksize = 2 : i64} : (tensor<1x8x2x3xf32>) -> tensor<1x2x4x6xf32>
  func.return %d : tensor<1x2x4x6xf32>
}

// -----

// Refused: the transpose has another user.
// CHECK-LABEL: func.func @d2s_shared_transpose(
// CHECK-NEXT:  %[[T:[^ ,]*]] = qnn.transpose %{{.*}} {perm = array<i64: 0, 3, 1, 2>}
// CHECK-NEXT:  %[[D:[^ ,]*]] = qnn.depth_to_space %[[T]] {blocksize = 2 : i64} : (tensor<1x8x2x3xf32>) -> tensor<1x2x4x6xf32>
// CHECK-NEXT:  func.return %[[D]], %[[T]]
func.func @d2s_shared_transpose(%x: tensor<1x2x3x8xf32>) -> (tensor<1x2x4x6xf32>, tensor<1x8x2x3xf32>) {
  %t = qnn.transpose %x {perm = array<i64: 0, 3, 1, 2>} : (tensor<1x2x3x8xf32>) -> tensor<1x8x2x3xf32>
  %d = qnn.depth_to_space %t {blocksize = 2 : i64} : (tensor<1x8x2x3xf32>) -> tensor<1x2x4x6xf32>
  func.return %d, %t : tensor<1x2x4x6xf32>, tensor<1x8x2x3xf32>
}

// -----

// A transpose of a 1x1 frame moves only size-1 axes, but it sinks past
// depth_to_space instead of becoming a reshape (which would stop there).
// CHECK-LABEL: func.func @d2s_trivial(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x1x1x8xf32>) -> tensor<1x2x2x2xf32> {
// CHECK-NEXT:  %[[D:[^ ,]*]] = qnn.depth_to_space %[[X]] {blocksize = 2 : i64, data_layout = "NHWC"} : (tensor<1x1x1x8xf32>) -> tensor<1x2x2x2xf32>
// CHECK-NEXT:  %[[T:[^ ,]*]] = qnn.transpose %[[D]] {perm = array<i64: 0, 3, 1, 2>}
// CHECK-NEXT:  func.return %[[T]]
func.func @d2s_trivial(%x: tensor<1x1x1x8xf32>) -> tensor<1x2x2x2xf32> {
  %t = qnn.transpose %x {perm = array<i64: 0, 3, 1, 2>} : (tensor<1x1x1x8xf32>) -> tensor<1x8x1x1xf32>
  %d = qnn.depth_to_space %t {blocksize = 2 : i64} : (tensor<1x8x1x1xf32>) -> tensor<1x2x2x2xf32>
  func.return %d : tensor<1x2x2x2xf32>
}

// -----

// resize of a transpose: the scales follow the axes, (1, 1, 2, 2) in NCHW is
// (1, 2, 2, 1) in NHWC; the modes are kept.
// CHECK-LABEL: func.func @resize(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x3x4x2xf32>) -> tensor<1x2x6x8xf32> {
// CHECK-NEXT:  %[[R:[^ ,]*]] = qnn.resize %[[X]] {scales = dense<[1.000000e+00, 2.000000e+00, 2.000000e+00, 1.000000e+00]> : tensor<4xf32>, coordinate_transformation_mode = "asymmetric", nearest_mode = "floor"} : (tensor<1x3x4x2xf32>) -> tensor<1x6x8x2xf32>
// CHECK-NEXT:  %[[T:[^ ,]*]] = qnn.transpose %[[R]] {perm = array<i64: 0, 3, 1, 2>} : (tensor<1x6x8x2xf32>) -> tensor<1x2x6x8xf32>
// CHECK-NEXT:  func.return %[[T]] : tensor<1x2x6x8xf32>
func.func @resize(%x: tensor<1x3x4x2xf32>) -> tensor<1x2x6x8xf32> {
  %t = qnn.transpose %x {perm = array<i64: 0, 3, 1, 2>} : (tensor<1x3x4x2xf32>) -> tensor<1x2x3x4xf32>
  %r = qnn.resize %t {scales = dense<[1.0, 1.0, 2.0, 2.0]> : tensor<4xf32>, coordinate_transformation_mode = "asymmetric", nearest_mode = "floor"} : (tensor<1x2x3x4xf32>) -> tensor<1x2x6x8xf32>
  func.return %r : tensor<1x2x6x8xf32>
}

// -----

// Refused: the transpose has another user.
// CHECK-LABEL: func.func @resize_shared(
// CHECK-NEXT:  %[[T:[^ ,]*]] = qnn.transpose
// CHECK-NEXT:  %[[R:[^ ,]*]] = qnn.resize %[[T]] {scales = dense<[1.000000e+00, 1.000000e+00, 2.000000e+00, 2.000000e+00]> : tensor<4xf32>} : (tensor<1x2x3x4xf32>) -> tensor<1x2x6x8xf32>
// CHECK-NEXT:  func.return %[[R]], %[[T]]
func.func @resize_shared(%x: tensor<1x3x4x2xf32>) -> (tensor<1x2x6x8xf32>, tensor<1x2x3x4xf32>) {
  %t = qnn.transpose %x {perm = array<i64: 0, 3, 1, 2>} : (tensor<1x3x4x2xf32>) -> tensor<1x2x3x4xf32>
  %r = qnn.resize %t {scales = dense<[1.0, 1.0, 2.0, 2.0]> : tensor<4xf32>} : (tensor<1x2x3x4xf32>) -> tensor<1x2x6x8xf32>
  func.return %r, %t : tensor<1x2x6x8xf32>, tensor<1x2x3x4xf32>
}

// -----

// concat of transposes with one permutation: the channel axis 1 of NCHW is
// axis 3 of NHWC; one transpose after it.
// CHECK-LABEL: func.func @concat(
// CHECK-SAME:  %[[A:[^:]*]]: tensor<1x3x4x2x!qnn.uint<2>>, %[[B:[^:]*]]: tensor<1x3x4x5x!qnn.uint<2>>) -> tensor<1x7x3x4x!qnn.uint<2>> {
// CHECK-NEXT:  %[[C:[^ ,]*]] = qnn.concat %[[A]], %[[B]] {axis = 3 : i64} : (tensor<1x3x4x2x!qnn.uint<2>>, tensor<1x3x4x5x!qnn.uint<2>>) -> tensor<1x3x4x7x!qnn.uint<2>>
// CHECK-NEXT:  %[[T:[^ ,]*]] = qnn.transpose %[[C]] {perm = array<i64: 0, 3, 1, 2>} : (tensor<1x3x4x7x!qnn.uint<2>>) -> tensor<1x7x3x4x!qnn.uint<2>>
// CHECK-NEXT:  func.return %[[T]] : tensor<1x7x3x4x!qnn.uint<2>>
func.func @concat(%a: tensor<1x3x4x2x!qnn.uint<2>>, %b: tensor<1x3x4x5x!qnn.uint<2>>) -> tensor<1x7x3x4x!qnn.uint<2>> {
  %ta = qnn.transpose %a {perm = array<i64: 0, 3, 1, 2>} : (tensor<1x3x4x2x!qnn.uint<2>>) -> tensor<1x2x3x4x!qnn.uint<2>>
  %tb = qnn.transpose %b {perm = array<i64: 0, 3, 1, 2>} : (tensor<1x3x4x5x!qnn.uint<2>>) -> tensor<1x5x3x4x!qnn.uint<2>>
  %c = qnn.concat %ta, %tb {axis = 1 : i64} : (tensor<1x2x3x4x!qnn.uint<2>>, tensor<1x5x3x4x!qnn.uint<2>>) -> tensor<1x7x3x4x!qnn.uint<2>>
  func.return %c : tensor<1x7x3x4x!qnn.uint<2>>
}

// -----

// Refused: the inputs' permutations differ.
// CHECK-LABEL: func.func @concat_mixed_perms(
// CHECK-NEXT:  %[[TA:[^ ,]*]] = qnn.transpose %{{.*}} {perm = array<i64: 0, 3, 1, 2>}
// CHECK-NEXT:  %[[TB:[^ ,]*]] = qnn.transpose %{{.*}} {perm = array<i64: 0, 1, 3, 2>}
// CHECK-NEXT:  %[[C:[^ ,]*]] = qnn.concat %[[TA]], %[[TB]] {axis = 1 : i64}
// CHECK-NEXT:  func.return %[[C]]
func.func @concat_mixed_perms(%a: tensor<1x3x4x2xf32>, %b: tensor<1x5x4x3xf32>) -> tensor<1x7x3x4xf32> {
  %ta = qnn.transpose %a {perm = array<i64: 0, 3, 1, 2>} : (tensor<1x3x4x2xf32>) -> tensor<1x2x3x4xf32>
  %tb = qnn.transpose %b {perm = array<i64: 0, 1, 3, 2>} : (tensor<1x5x4x3xf32>) -> tensor<1x5x3x4xf32>
  %c = qnn.concat %ta, %tb {axis = 1 : i64} : (tensor<1x2x3x4xf32>, tensor<1x5x3x4xf32>) -> tensor<1x7x3x4xf32>
  func.return %c : tensor<1x7x3x4xf32>
}

// -----

// Refused: an input is no transpose.
// CHECK-LABEL: func.func @concat_not_all_transposes(
// CHECK-SAME:  %{{[^:]*}}: tensor<1x3x4x2xf32>, %[[B:[^:]*]]: tensor<1x5x3x4xf32>)
// CHECK-NEXT:  %[[TA:[^ ,]*]] = qnn.transpose %{{.*}} {perm = array<i64: 0, 3, 1, 2>}
// CHECK-NEXT:  %[[C:[^ ,]*]] = qnn.concat %[[TA]], %[[B]] {axis = 1 : i64}
// CHECK-NEXT:  func.return %[[C]]
func.func @concat_not_all_transposes(%a: tensor<1x3x4x2xf32>, %b: tensor<1x5x3x4xf32>) -> tensor<1x7x3x4xf32> {
  %ta = qnn.transpose %a {perm = array<i64: 0, 3, 1, 2>} : (tensor<1x3x4x2xf32>) -> tensor<1x2x3x4xf32>
  %c = qnn.concat %ta, %b {axis = 1 : i64} : (tensor<1x2x3x4xf32>, tensor<1x5x3x4xf32>) -> tensor<1x7x3x4xf32>
  func.return %c : tensor<1x7x3x4xf32>
}

// -----

// One transpose read twice is split, one copy per use; the concat then
// runs in NHWC before the transpose.
// CHECK-LABEL: func.func @concat_twice(
// CHECK-SAME:  %[[A:[^:]*]]: tensor<1x3x4x2xf32>)
// CHECK-NEXT:  %[[C:[^ ,]*]] = qnn.concat %[[A]], %[[A]] {axis = 3 : i64} : (tensor<1x3x4x2xf32>, tensor<1x3x4x2xf32>) -> tensor<1x3x4x4xf32>
// CHECK-NEXT:  %[[T:[^ ,]*]] = qnn.transpose %[[C]] {perm = array<i64: 0, 3, 1, 2>}
// CHECK-NEXT:  func.return %[[T]]
func.func @concat_twice(%a: tensor<1x3x4x2xf32>) -> tensor<1x4x3x4xf32> {
  %ta = qnn.transpose %a {perm = array<i64: 0, 3, 1, 2>} : (tensor<1x3x4x2xf32>) -> tensor<1x2x3x4xf32>
  %c = qnn.concat %ta, %ta {axis = 1 : i64} : (tensor<1x2x3x4xf32>, tensor<1x2x3x4xf32>) -> tensor<1x4x3x4xf32>
  func.return %c : tensor<1x4x3x4xf32>
}
