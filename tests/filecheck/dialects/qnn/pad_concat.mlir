// qnn.pad: ONNX pads order (all begins, then all ends), asymmetric, on any
// axis, with a pad value that the element type holds; qnn.concat along any
// axis, of one or many inputs.
// RUN: finnr-opt %s --print-op-generic | finnr-opt | filecheck %s

func.func @pad(%x: tensor<1x3x8x8x!qnn.uint<4>>, %h: tensor<1x8x8x3xf32>, %b: tensor<1x2x4x4x!qnn.bipolar>) -> (tensor<1x3x10x10x!qnn.uint<4>>, tensor<1x11x9x3xf32>, tensor<1x2x6x6x!qnn.bipolar>, tensor<1x3x8x8x!qnn.uint<4>>) {
  %a = qnn.pad %x {pads = array<i64: 0, 0, 1, 1, 0, 0, 1, 1>} : (tensor<1x3x8x8x!qnn.uint<4>>) -> tensor<1x3x10x10x!qnn.uint<4>>
  %c = qnn.pad %h {pads = array<i64: 0, 2, 0, 0, 0, 1, 1, 0>, value = -5.000000e-01 : f32} : (tensor<1x8x8x3xf32>) -> tensor<1x11x9x3xf32>
  %d = qnn.pad %b {pads = array<i64: 0, 0, 1, 1, 0, 0, 1, 1>, value = -1.0 : f32} : (tensor<1x2x4x4x!qnn.bipolar>) -> tensor<1x2x6x6x!qnn.bipolar>
  %e = qnn.pad %x {pads = array<i64: 0, 0, 0, 0, 0, 0, 0, 0>, value = 15.0 : f32} : (tensor<1x3x8x8x!qnn.uint<4>>) -> tensor<1x3x8x8x!qnn.uint<4>>
  func.return %a, %c, %d, %e : tensor<1x3x10x10x!qnn.uint<4>>, tensor<1x11x9x3xf32>, tensor<1x2x6x6x!qnn.bipolar>, tensor<1x3x8x8x!qnn.uint<4>>
}

func.func @concat(%a: tensor<1x3x4x4xf32>, %b: tensor<1x5x4x4xf32>, %i: tensor<1x3x4x4x!qnn.int<4>>, %v: tensor<2x7xf32>) -> (tensor<1x11x4x4xf32>, tensor<2x3x4x4xf32>, tensor<1x3x4x8xf32>, tensor<2x7xf32>, tensor<6x7xf32>) {
  %c = qnn.concat %a, %b, %a {axis = 1 : i64} : (tensor<1x3x4x4xf32>, tensor<1x5x4x4xf32>, tensor<1x3x4x4xf32>) -> tensor<1x11x4x4xf32>
  %n = qnn.concat %a, %a {axis = 0 : i64} : (tensor<1x3x4x4xf32>, tensor<1x3x4x4xf32>) -> tensor<2x3x4x4xf32>
  %w = qnn.concat %a, %i {axis = 3 : i64} : (tensor<1x3x4x4xf32>, tensor<1x3x4x4x!qnn.int<4>>) -> tensor<1x3x4x8xf32>
  %one = qnn.concat %v {axis = 1 : i64} : (tensor<2x7xf32>) -> tensor<2x7xf32>
  %rows = qnn.concat %v, %v, %v {axis = 0 : i64} : (tensor<2x7xf32>, tensor<2x7xf32>, tensor<2x7xf32>) -> tensor<6x7xf32>
  func.return %c, %n, %w, %one, %rows : tensor<1x11x4x4xf32>, tensor<2x3x4x4xf32>, tensor<1x3x4x8xf32>, tensor<2x7xf32>, tensor<6x7xf32>
}

// CHECK-LABEL: func.func @pad
// CHECK-SAME:  (%[[X:.*]]: tensor<1x3x8x8x!qnn.uint<4>>, %[[H:.*]]: tensor<1x8x8x3xf32>, %[[B:.*]]: tensor<1x2x4x4x!qnn.bipolar>) -> (tensor<1x3x10x10x!qnn.uint<4>>, tensor<1x11x9x3xf32>, tensor<1x2x6x6x!qnn.bipolar>, tensor<1x3x8x8x!qnn.uint<4>>) {
// CHECK-NEXT:  %[[A:.*]] = qnn.pad %[[X]] {pads = array<i64: 0, 0, 1, 1, 0, 0, 1, 1>} : (tensor<1x3x8x8x!qnn.uint<4>>) -> tensor<1x3x10x10x!qnn.uint<4>>
// CHECK-NEXT:  %[[C:.*]] = qnn.pad %[[H]] {pads = array<i64: 0, 2, 0, 0, 0, 1, 1, 0>, value = -5.000000e-01 : f32} : (tensor<1x8x8x3xf32>) -> tensor<1x11x9x3xf32>
// CHECK-NEXT:  %[[D:.*]] = qnn.pad %[[B]] {pads = array<i64: 0, 0, 1, 1, 0, 0, 1, 1>, value = -1.000000e+00 : f32} : (tensor<1x2x4x4x!qnn.bipolar>) -> tensor<1x2x6x6x!qnn.bipolar>
// CHECK-NEXT:  %[[E:.*]] = qnn.pad %[[X]] {pads = array<i64: 0, 0, 0, 0, 0, 0, 0, 0>, value = 1.500000e+01 : f32} : (tensor<1x3x8x8x!qnn.uint<4>>) -> tensor<1x3x8x8x!qnn.uint<4>>
// CHECK-NEXT:  func.return %[[A]], %[[C]], %[[D]], %[[E]] : tensor<1x3x10x10x!qnn.uint<4>>, tensor<1x11x9x3xf32>, tensor<1x2x6x6x!qnn.bipolar>, tensor<1x3x8x8x!qnn.uint<4>>
// CHECK-NEXT:  }
// CHECK-LABEL: func.func @concat
// CHECK-SAME:  (%[[A:.*]]: tensor<1x3x4x4xf32>, %[[B:.*]]: tensor<1x5x4x4xf32>, %[[I:.*]]: tensor<1x3x4x4x!qnn.int<4>>, %[[V:.*]]: tensor<2x7xf32>) -> (tensor<1x11x4x4xf32>, tensor<2x3x4x4xf32>, tensor<1x3x4x8xf32>, tensor<2x7xf32>, tensor<6x7xf32>) {
// CHECK-NEXT:  %[[C:.*]] = qnn.concat %[[A]], %[[B]], %[[A]] {axis = 1 : i64} : (tensor<1x3x4x4xf32>, tensor<1x5x4x4xf32>, tensor<1x3x4x4xf32>) -> tensor<1x11x4x4xf32>
// CHECK-NEXT:  %[[N:.*]] = qnn.concat %[[A]], %[[A]] {axis = 0 : i64} : (tensor<1x3x4x4xf32>, tensor<1x3x4x4xf32>) -> tensor<2x3x4x4xf32>
// CHECK-NEXT:  %[[W:.*]] = qnn.concat %[[A]], %[[I]] {axis = 3 : i64} : (tensor<1x3x4x4xf32>, tensor<1x3x4x4x!qnn.int<4>>) -> tensor<1x3x4x8xf32>
// CHECK-NEXT:  %[[ONE:.*]] = qnn.concat %[[V]] {axis = 1 : i64} : (tensor<2x7xf32>) -> tensor<2x7xf32>
// CHECK-NEXT:  %[[ROWS:.*]] = qnn.concat %[[V]], %[[V]], %[[V]] {axis = 0 : i64} : (tensor<2x7xf32>, tensor<2x7xf32>, tensor<2x7xf32>) -> tensor<6x7xf32>
// CHECK-NEXT:  func.return %[[C]], %[[N]], %[[W]], %[[ONE]], %[[ROWS]] : tensor<1x11x4x4xf32>, tensor<2x3x4x4xf32>, tensor<1x3x4x8xf32>, tensor<2x7xf32>, tensor<6x7xf32>
// CHECK-NEXT:  }
