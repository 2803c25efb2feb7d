// qnn-move-transposes across branches: a transpose shared by several users
// is split so that each copy sinks on its own branch, and a join of two
// equally transposed operands takes the transpose along.
// RUN: finnr-opt %s --split-input-file -p qnn-move-transposes | filecheck %s

// A residual join: add of two transposes with the same permutation -> one
// transpose after the add.
// CHECK-LABEL: func.func @join(
// CHECK-SAME:  %[[A:[^:]*]]: tensor<1x2x2x3x!qnn.int<4>>, %[[B:[^:]*]]: tensor<1x2x2x3x!qnn.int<4>>) -> tensor<1x3x2x2x!qnn.int<5>> {
// CHECK-NEXT:  %[[S:[^ ,]*]] = qnn.add %[[A]], %[[B]] : (tensor<1x2x2x3x!qnn.int<4>>, tensor<1x2x2x3x!qnn.int<4>>) -> tensor<1x2x2x3x!qnn.int<5>>
// CHECK-NEXT:  %[[T:[^ ,]*]] = qnn.transpose %[[S]] {perm = array<i64: 0, 3, 1, 2>} : (tensor<1x2x2x3x!qnn.int<5>>) -> tensor<1x3x2x2x!qnn.int<5>>
// CHECK-NEXT:  func.return %[[T]] : tensor<1x3x2x2x!qnn.int<5>>
// CHECK-NEXT:  }
func.func @join(%a: tensor<1x2x2x3x!qnn.int<4>>, %b: tensor<1x2x2x3x!qnn.int<4>>) -> tensor<1x3x2x2x!qnn.int<5>> {
  %ta = qnn.transpose %a {perm = array<i64: 0, 3, 1, 2>} : (tensor<1x2x2x3x!qnn.int<4>>) -> tensor<1x3x2x2x!qnn.int<4>>
  %tb = qnn.transpose %b {perm = array<i64: 0, 3, 1, 2>} : (tensor<1x2x2x3x!qnn.int<4>>) -> tensor<1x3x2x2x!qnn.int<4>>
  %s = qnn.add %ta, %tb : (tensor<1x3x2x2x!qnn.int<4>>, tensor<1x3x2x2x!qnn.int<4>>) -> tensor<1x3x2x2x!qnn.int<5>>
  func.return %s : tensor<1x3x2x2x!qnn.int<5>>
}

// -----

// A transpose feeding both branches of a residual block is split, one copy
// per user; the copies sink past the relu and the join and cancel with the
// transpose back: the block runs in NHWC.
// CHECK-LABEL: func.func @residual(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x2x2x3x!qnn.int<4>>) -> tensor<1x2x2x3x!qnn.int<5>> {
// CHECK-NEXT:  %[[R:[^ ,]*]] = qnn.relu %[[X]] : (tensor<1x2x2x3x!qnn.int<4>>) -> tensor<1x2x2x3x!qnn.int<4>>
// CHECK-NEXT:  %[[S:[^ ,]*]] = qnn.add %[[R]], %[[X]] : (tensor<1x2x2x3x!qnn.int<4>>, tensor<1x2x2x3x!qnn.int<4>>) -> tensor<1x2x2x3x!qnn.int<5>>
// CHECK-NEXT:  func.return %[[S]] : tensor<1x2x2x3x!qnn.int<5>>
// CHECK-NEXT:  }
func.func @residual(%x: tensor<1x2x2x3x!qnn.int<4>>) -> tensor<1x2x2x3x!qnn.int<5>> {
  %t = qnn.transpose %x {perm = array<i64: 0, 3, 1, 2>} : (tensor<1x2x2x3x!qnn.int<4>>) -> tensor<1x3x2x2x!qnn.int<4>>
  %r = qnn.relu %t : (tensor<1x3x2x2x!qnn.int<4>>) -> tensor<1x3x2x2x!qnn.int<4>>
  %s = qnn.add %r, %t : (tensor<1x3x2x2x!qnn.int<4>>, tensor<1x3x2x2x!qnn.int<4>>) -> tensor<1x3x2x2x!qnn.int<5>>
  %u = qnn.transpose %s {perm = array<i64: 0, 2, 3, 1>} : (tensor<1x3x2x2x!qnn.int<5>>) -> tensor<1x2x2x3x!qnn.int<5>>
  func.return %u : tensor<1x2x2x3x!qnn.int<5>>
}

// -----

// Refused: the two operands are transposed by different permutations.
// CHECK-LABEL: func.func @different_perms(
// CHECK-NEXT:  %[[TA:[^ ,]*]] = qnn.transpose %{{.*}} {perm = array<i64: 0, 3, 1, 2>}
// CHECK-NEXT:  %[[TB:[^ ,]*]] = qnn.transpose %{{.*}} {perm = array<i64: 0, 2, 3, 1>}
// CHECK-NEXT:  %[[S:[^ ,]*]] = qnn.add %[[TA]], %[[TB]]
// CHECK-NEXT:  func.return %[[S]]
func.func @different_perms(%a: tensor<1x2x2x2xf32>, %b: tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32> {
  %ta = qnn.transpose %a {perm = array<i64: 0, 3, 1, 2>} : (tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32>
  %tb = qnn.transpose %b {perm = array<i64: 0, 2, 3, 1>} : (tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32>
  %s = qnn.add %ta, %tb : (tensor<1x2x2x2xf32>, tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32>
  func.return %s : tensor<1x2x2x2xf32>
}

// -----

// Refused: a shared transpose is not split when one of its users (here the
// function's return) is nothing a transpose sinks past.
// CHECK-LABEL: func.func @shared_with_other_user(
// CHECK-NEXT:  %[[T:[^ ,]*]] = qnn.transpose %{{.*}} {perm = array<i64: 0, 3, 1, 2>}
// CHECK-NEXT:  %[[R:[^ ,]*]] = qnn.relu %[[T]]
// CHECK-NEXT:  func.return %[[R]], %[[T]]
func.func @shared_with_other_user(%x: tensor<1x2x2x3xf32>) -> (tensor<1x3x2x2xf32>, tensor<1x3x2x2xf32>) {
  %t = qnn.transpose %x {perm = array<i64: 0, 3, 1, 2>} : (tensor<1x2x2x3xf32>) -> tensor<1x3x2x2xf32>
  %r = qnn.relu %t : (tensor<1x3x2x2xf32>) -> tensor<1x3x2x2xf32>
  func.return %r, %t : tensor<1x3x2x2xf32>, tensor<1x3x2x2xf32>
}
