// qnn.matmul has numpy.matmul shapes: 1-D operands are promoted and the
// promoted axis dropped again, batch axes broadcast.
// RUN: finnr-opt %s --print-op-generic | finnr-opt | filecheck %s

// CHECK-LABEL: func.func @fully_connected
// CHECK-SAME:    (%[[X:.*]]: tensor<1x784x!qnn.bipolar>, %[[W:.*]]: tensor<784x64x!qnn.bipolar>)
// CHECK-NEXT:    %[[Y:.*]] = qnn.matmul %[[X]], %[[W]] : (tensor<1x784x!qnn.bipolar>, tensor<784x64x!qnn.bipolar>) -> tensor<1x64x!qnn.int<11>>
// CHECK-NEXT:    func.return %[[Y]] : tensor<1x64x!qnn.int<11>>
func.func @fully_connected(%x: tensor<1x784x!qnn.bipolar>, %w: tensor<784x64x!qnn.bipolar>) -> tensor<1x64x!qnn.int<11>> {
  %y = qnn.matmul %x, %w : (tensor<1x784x!qnn.bipolar>, tensor<784x64x!qnn.bipolar>) -> tensor<1x64x!qnn.int<11>>
  func.return %y : tensor<1x64x!qnn.int<11>>
}

// CHECK-LABEL: func.func @vector_matrix
// CHECK-NEXT:    qnn.matmul %{{.*}}, %{{.*}} : (tensor<8xf32>, tensor<8x6x!qnn.int<2>>) -> tensor<6xf32>
// CHECK-NEXT:    qnn.matmul %{{.*}}, %{{.*}} : (tensor<6x8x!qnn.int<2>>, tensor<8xf32>) -> tensor<6xf32>
// CHECK-NEXT:    qnn.matmul %{{.*}}, %{{.*}} : (tensor<8xf32>, tensor<8xf32>) -> tensor<f32>
func.func @vector_matrix(%v: tensor<8xf32>, %w: tensor<8x6x!qnn.int<2>>, %wt: tensor<6x8x!qnn.int<2>>) -> (tensor<6xf32>, tensor<6xf32>, tensor<f32>) {
  %a = qnn.matmul %v, %w : (tensor<8xf32>, tensor<8x6x!qnn.int<2>>) -> tensor<6xf32>
  %b = qnn.matmul %wt, %v : (tensor<6x8x!qnn.int<2>>, tensor<8xf32>) -> tensor<6xf32>
  %c = qnn.matmul %v, %v : (tensor<8xf32>, tensor<8xf32>) -> tensor<f32>
  func.return %a, %b, %c : tensor<6xf32>, tensor<6xf32>, tensor<f32>
}

// CHECK-LABEL: func.func @batched
// CHECK-NEXT:    qnn.matmul %{{.*}}, %{{.*}} : (tensor<2x1x3x4xf32>, tensor<5x4x6xf32>) -> tensor<2x5x3x6xf32>
// CHECK-NEXT:    qnn.matmul %{{.*}}, %{{.*}} : (tensor<3x4xf32>, tensor<2x4x5xf32>) -> tensor<2x3x5xf32>
// CHECK-NEXT:    qnn.matmul %{{.*}}, %{{.*}} : (tensor<2x3x4xf32>, tensor<4xf32>) -> tensor<2x3xf32>
// CHECK-NEXT:    qnn.matmul %{{.*}}, %{{.*}} : (tensor<4xf32>, tensor<2x4x5xf32>) -> tensor<2x5xf32>
func.func @batched(%a: tensor<2x1x3x4xf32>, %b: tensor<5x4x6xf32>, %m: tensor<3x4xf32>, %n: tensor<2x4x5xf32>, %p: tensor<2x3x4xf32>, %v: tensor<4xf32>) -> (tensor<2x5x3x6xf32>, tensor<2x3x5xf32>, tensor<2x3xf32>, tensor<2x5xf32>) {
  %0 = qnn.matmul %a, %b : (tensor<2x1x3x4xf32>, tensor<5x4x6xf32>) -> tensor<2x5x3x6xf32>
  %1 = qnn.matmul %m, %n : (tensor<3x4xf32>, tensor<2x4x5xf32>) -> tensor<2x3x5xf32>
  %2 = qnn.matmul %p, %v : (tensor<2x3x4xf32>, tensor<4xf32>) -> tensor<2x3xf32>
  %3 = qnn.matmul %v, %n : (tensor<4xf32>, tensor<2x4x5xf32>) -> tensor<2x5xf32>
  func.return %0, %1, %2, %3 : tensor<2x5x3x6xf32>, tensor<2x3x5xf32>, tensor<2x3xf32>, tensor<2x5xf32>
}

// CHECK-LABEL: func.func @weights_from_constant
// CHECK-NEXT:    %[[W:.*]] = qnn.constant dense<{{\[\[}}1, -1], [-1, 1], [1, 1{{\]\]}}> : tensor<3x2xi8> -> tensor<3x2x!qnn.bipolar>
// CHECK-NEXT:    %{{.*}} = qnn.matmul %{{.*}}, %[[W]] : (tensor<4x3x!qnn.uint<8>>, tensor<3x2x!qnn.bipolar>) -> tensor<4x2x!qnn.int<10>>
func.func @weights_from_constant(%x: tensor<4x3x!qnn.uint<8>>) -> tensor<4x2x!qnn.int<10>> {
  %w = qnn.constant dense<[[1, -1], [-1, 1], [1, 1]]> : tensor<3x2xi8> -> tensor<3x2x!qnn.bipolar>
  %y = qnn.matmul %x, %w : (tensor<4x3x!qnn.uint<8>>, tensor<3x2x!qnn.bipolar>) -> tensor<4x2x!qnn.int<10>>
  func.return %y : tensor<4x2x!qnn.int<10>>
}
