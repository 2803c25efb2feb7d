// qnn.reshape keeps the element count (flatten, unflatten, to and from
// scalars); qnn.transpose permutes axes (NCHW <-> NHWC, matrix transpose,
// identity permutation).
// RUN: finnr-opt %s --print-op-generic | finnr-opt | filecheck %s

func.func @reshape(%x: tensor<1x64x4x4x!qnn.uint<2>>, %s: tensor<1x1xf32>) -> (tensor<1x1024x!qnn.uint<2>>, tensor<1x16x8x8x!qnn.uint<2>>, tensor<f32>, tensor<1x1x1xf32>) {
  %flat = qnn.reshape %x : (tensor<1x64x4x4x!qnn.uint<2>>) -> tensor<1x1024x!qnn.uint<2>>
  %unflat = qnn.reshape %flat : (tensor<1x1024x!qnn.uint<2>>) -> tensor<1x16x8x8x!qnn.uint<2>>
  %scalar = qnn.reshape %s : (tensor<1x1xf32>) -> tensor<f32>
  %back = qnn.reshape %scalar : (tensor<f32>) -> tensor<1x1x1xf32>
  func.return %flat, %unflat, %scalar, %back : tensor<1x1024x!qnn.uint<2>>, tensor<1x16x8x8x!qnn.uint<2>>, tensor<f32>, tensor<1x1x1xf32>
}

func.func @transpose(%x: tensor<1x3x32x30xf32>, %m: tensor<784x64x!qnn.bipolar>) -> (tensor<1x32x30x3xf32>, tensor<1x3x32x30xf32>, tensor<64x784x!qnn.bipolar>, tensor<1x3x32x30xf32>) {
  %nhwc = qnn.transpose %x {perm = array<i64: 0, 2, 3, 1>} : (tensor<1x3x32x30xf32>) -> tensor<1x32x30x3xf32>
  %nchw = qnn.transpose %nhwc {perm = array<i64: 0, 3, 1, 2>} : (tensor<1x32x30x3xf32>) -> tensor<1x3x32x30xf32>
  %mt = qnn.transpose %m {perm = array<i64: 1, 0>} : (tensor<784x64x!qnn.bipolar>) -> tensor<64x784x!qnn.bipolar>
  %id = qnn.transpose %x {perm = array<i64: 0, 1, 2, 3>} : (tensor<1x3x32x30xf32>) -> tensor<1x3x32x30xf32>
  func.return %nhwc, %nchw, %mt, %id : tensor<1x32x30x3xf32>, tensor<1x3x32x30xf32>, tensor<64x784x!qnn.bipolar>, tensor<1x3x32x30xf32>
}

// CHECK-LABEL: func.func @reshape
// CHECK-SAME:  (%[[X:.*]]: tensor<1x64x4x4x!qnn.uint<2>>, %[[S:.*]]: tensor<1x1xf32>) -> (tensor<1x1024x!qnn.uint<2>>, tensor<1x16x8x8x!qnn.uint<2>>, tensor<f32>, tensor<1x1x1xf32>) {
// CHECK-NEXT:  %[[FLAT:.*]] = qnn.reshape %[[X]] : (tensor<1x64x4x4x!qnn.uint<2>>) -> tensor<1x1024x!qnn.uint<2>>
// CHECK-NEXT:  %[[UNFLAT:.*]] = qnn.reshape %[[FLAT]] : (tensor<1x1024x!qnn.uint<2>>) -> tensor<1x16x8x8x!qnn.uint<2>>
// CHECK-NEXT:  %[[SCALAR:.*]] = qnn.reshape %[[S]] : (tensor<1x1xf32>) -> tensor<f32>
// CHECK-NEXT:  %[[BACK:.*]] = qnn.reshape %[[SCALAR]] : (tensor<f32>) -> tensor<1x1x1xf32>
// CHECK-NEXT:  func.return %[[FLAT]], %[[UNFLAT]], %[[SCALAR]], %[[BACK]] : tensor<1x1024x!qnn.uint<2>>, tensor<1x16x8x8x!qnn.uint<2>>, tensor<f32>, tensor<1x1x1xf32>
// CHECK-NEXT:  }
// CHECK-LABEL: func.func @transpose
// CHECK-SAME:  (%[[X:.*]]: tensor<1x3x32x30xf32>, %[[M:.*]]: tensor<784x64x!qnn.bipolar>) -> (tensor<1x32x30x3xf32>, tensor<1x3x32x30xf32>, tensor<64x784x!qnn.bipolar>, tensor<1x3x32x30xf32>) {
// CHECK-NEXT:  %[[NHWC:.*]] = qnn.transpose %[[X]] {perm = array<i64: 0, 2, 3, 1>} : (tensor<1x3x32x30xf32>) -> tensor<1x32x30x3xf32>
// CHECK-NEXT:  %[[NCHW:.*]] = qnn.transpose %[[NHWC]] {perm = array<i64: 0, 3, 1, 2>} : (tensor<1x32x30x3xf32>) -> tensor<1x3x32x30xf32>
// CHECK-NEXT:  %[[MT:.*]] = qnn.transpose %[[M]] {perm = array<i64: 1, 0>} : (tensor<784x64x!qnn.bipolar>) -> tensor<64x784x!qnn.bipolar>
// CHECK-NEXT:  %[[ID:.*]] = qnn.transpose %[[X]] {perm = array<i64: 0, 1, 2, 3>} : (tensor<1x3x32x30xf32>) -> tensor<1x3x32x30xf32>
// CHECK-NEXT:  func.return %[[NHWC]], %[[NCHW]], %[[MT]], %[[ID]] : tensor<1x32x30x3xf32>, tensor<1x3x32x30xf32>, tensor<64x784x!qnn.bipolar>, tensor<1x3x32x30xf32>
// CHECK-NEXT:  }
