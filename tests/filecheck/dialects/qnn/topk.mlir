// qnn.topk: k values along an axis (negative axes count from the end), the
// largest (default) or smallest, with i64 indices; as in FINN's label
// selection at the end of a classifier.
// RUN: finnr-opt %s --print-op-generic | finnr-opt | filecheck %s

func.func @topk(%x: tensor<1x10x!qnn.int<16>>, %f: tensor<4x6x5xf32>) -> (tensor<1x1xi64>, tensor<1x10x!qnn.int<16>>, tensor<4x2x5xf32>, tensor<4x6x3xi64>, tensor<4x3x5xi64>) {
  %v, %i = qnn.topk %x {k = 1 : i64} : (tensor<1x10x!qnn.int<16>>) -> (tensor<1x1x!qnn.int<16>>, tensor<1x1xi64>)
  %va, %ia = qnn.topk %x {k = 10 : i64, axis = 1 : i64} : (tensor<1x10x!qnn.int<16>>) -> (tensor<1x10x!qnn.int<16>>, tensor<1x10xi64>)
  %vm, %im = qnn.topk %f {k = 2 : i64, axis = 1 : i64, largest = false} : (tensor<4x6x5xf32>) -> (tensor<4x2x5xf32>, tensor<4x2x5xi64>)
  %vn, %in = qnn.topk %f {k = 3 : i64, axis = -1 : i64} : (tensor<4x6x5xf32>) -> (tensor<4x6x3xf32>, tensor<4x6x3xi64>)
  %vb, %ib = qnn.topk %f {k = 3 : i64, axis = -2 : i64, largest = false} : (tensor<4x6x5xf32>) -> (tensor<4x3x5xf32>, tensor<4x3x5xi64>)
  func.return %i, %va, %vm, %in, %ib : tensor<1x1xi64>, tensor<1x10x!qnn.int<16>>, tensor<4x2x5xf32>, tensor<4x6x3xi64>, tensor<4x3x5xi64>
}

// CHECK-LABEL: func.func @topk
// CHECK-SAME:  (%[[X:.*]]: tensor<1x10x!qnn.int<16>>, %[[F:.*]]: tensor<4x6x5xf32>) -> (tensor<1x1xi64>, tensor<1x10x!qnn.int<16>>, tensor<4x2x5xf32>, tensor<4x6x3xi64>, tensor<4x3x5xi64>) {
// CHECK-NEXT:  %[[V:.*]], %[[I:.*]] = qnn.topk %[[X]] {k = 1 : i64} : (tensor<1x10x!qnn.int<16>>) -> (tensor<1x1x!qnn.int<16>>, tensor<1x1xi64>)
// CHECK-NEXT:  %[[VA:.*]], %[[IA:.*]] = qnn.topk %[[X]] {k = 10 : i64, axis = 1 : i64} : (tensor<1x10x!qnn.int<16>>) -> (tensor<1x10x!qnn.int<16>>, tensor<1x10xi64>)
// CHECK-NEXT:  %[[VM:.*]], %[[IM:.*]] = qnn.topk %[[F]] {k = 2 : i64, axis = 1 : i64, largest = false} : (tensor<4x6x5xf32>) -> (tensor<4x2x5xf32>, tensor<4x2x5xi64>)
// CHECK-NEXT:  %[[VN:.*]], %[[IN:.*]] = qnn.topk %[[F]] {k = 3 : i64} : (tensor<4x6x5xf32>) -> (tensor<4x6x3xf32>, tensor<4x6x3xi64>)
// CHECK-NEXT:  %[[VB:.*]], %[[IB:.*]] = qnn.topk %[[F]] {k = 3 : i64, axis = -2 : i64, largest = false} : (tensor<4x6x5xf32>) -> (tensor<4x3x5xf32>, tensor<4x3x5xi64>)
// CHECK-NEXT:  func.return %[[I]], %[[VA]], %[[VM]], %[[IN]], %[[IB]] : tensor<1x1xi64>, tensor<1x10x!qnn.int<16>>, tensor<4x2x5xf32>, tensor<4x6x3xi64>, tensor<4x3x5xi64>
// CHECK-NEXT:  }
