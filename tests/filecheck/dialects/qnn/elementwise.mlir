// qnn.add/sub/mul/div broadcast like numpy and ONNX: scalars, per-channel
// constants, and both operands stretched at once; relu and sign keep shapes.
// RUN: finnr-opt %s --print-op-generic | finnr-opt | filecheck %s

// CHECK-LABEL: func.func @scalar
// CHECK-SAME:    (%[[X:.*]]: tensor<1x16x8x8xf32>, %[[S:.*]]: tensor<f32>)
// CHECK-NEXT:    %[[A:.*]] = qnn.add %[[X]], %[[S]] : (tensor<1x16x8x8xf32>, tensor<f32>) -> tensor<1x16x8x8xf32>
// CHECK-NEXT:    %[[B:.*]] = qnn.sub %[[S]], %[[A]] : (tensor<f32>, tensor<1x16x8x8xf32>) -> tensor<1x16x8x8xf32>
// CHECK-NEXT:    %[[C:.*]] = qnn.mul %[[B]], %[[S]] : (tensor<1x16x8x8xf32>, tensor<f32>) -> tensor<1x16x8x8xf32>
// CHECK-NEXT:    %[[D:.*]] = qnn.div %[[C]], %[[S]] : (tensor<1x16x8x8xf32>, tensor<f32>) -> tensor<1x16x8x8xf32>
// CHECK-NEXT:    %[[E:.*]] = qnn.mul %[[S]], %[[S]] : (tensor<f32>, tensor<f32>) -> tensor<f32>
// CHECK-NEXT:    func.return %[[D]], %[[E]]
func.func @scalar(%x: tensor<1x16x8x8xf32>, %s: tensor<f32>) -> (tensor<1x16x8x8xf32>, tensor<f32>) {
  %a = qnn.add %x, %s : (tensor<1x16x8x8xf32>, tensor<f32>) -> tensor<1x16x8x8xf32>
  %b = qnn.sub %s, %a : (tensor<f32>, tensor<1x16x8x8xf32>) -> tensor<1x16x8x8xf32>
  %c = qnn.mul %b, %s : (tensor<1x16x8x8xf32>, tensor<f32>) -> tensor<1x16x8x8xf32>
  %d = qnn.div %c, %s : (tensor<1x16x8x8xf32>, tensor<f32>) -> tensor<1x16x8x8xf32>
  %e = qnn.mul %s, %s : (tensor<f32>, tensor<f32>) -> tensor<f32>
  func.return %d, %e : tensor<1x16x8x8xf32>, tensor<f32>
}

// One value per channel: (16, 1, 1) or (1, 16, 1, 1) against NCHW, (16) against NHWC.
// CHECK-LABEL: func.func @per_channel
// CHECK-NEXT:    %[[S:.*]] = qnn.constant dense<2.500000e-01> : tensor<16x1x1xf32> -> tensor<16x1x1xf32>
// CHECK-NEXT:    %[[B:.*]] = qnn.constant dense<-3> : tensor<1x16x1x1xi8> -> tensor<1x16x1x1x!qnn.int<3>>
// CHECK-NEXT:    %[[M:.*]] = qnn.mul %{{.*}}, %[[S]] : (tensor<1x16x8x8x!qnn.int<8>>, tensor<16x1x1xf32>) -> tensor<1x16x8x8xf32>
// CHECK-NEXT:    %[[A:.*]] = qnn.add %[[M]], %[[B]] : (tensor<1x16x8x8xf32>, tensor<1x16x1x1x!qnn.int<3>>) -> tensor<1x16x8x8xf32>
// CHECK-NEXT:    %[[H:.*]] = qnn.constant dense<1.000000e+00> : tensor<16xf32> -> tensor<16xf32>
// CHECK-NEXT:    %{{.*}} = qnn.sub %{{.*}}, %[[H]] : (tensor<1x8x8x16xf32>, tensor<16xf32>) -> tensor<1x8x8x16xf32>
func.func @per_channel(%x: tensor<1x16x8x8x!qnn.int<8>>, %y: tensor<1x8x8x16xf32>) -> (tensor<1x16x8x8xf32>, tensor<1x8x8x16xf32>) {
  %s = qnn.constant dense<0.25> : tensor<16x1x1xf32> -> tensor<16x1x1xf32>
  %b = qnn.constant dense<-3> : tensor<1x16x1x1xi8> -> tensor<1x16x1x1x!qnn.int<3>>
  %m = qnn.mul %x, %s : (tensor<1x16x8x8x!qnn.int<8>>, tensor<16x1x1xf32>) -> tensor<1x16x8x8xf32>
  %a = qnn.add %m, %b : (tensor<1x16x8x8xf32>, tensor<1x16x1x1x!qnn.int<3>>) -> tensor<1x16x8x8xf32>
  %h = qnn.constant dense<1.0> : tensor<16xf32> -> tensor<16xf32>
  %n = qnn.sub %y, %h : (tensor<1x8x8x16xf32>, tensor<16xf32>) -> tensor<1x8x8x16xf32>
  func.return %a, %n : tensor<1x16x8x8xf32>, tensor<1x8x8x16xf32>
}

// Both operands are stretched: (4, 1, 3) with (5, 1) gives (4, 5, 3).
// CHECK-LABEL: func.func @full_broadcast
// CHECK-NEXT:    qnn.add %{{.*}}, %{{.*}} : (tensor<4x1x3xf32>, tensor<5x1xf32>) -> tensor<4x5x3xf32>
// CHECK-NEXT:    qnn.sub %{{.*}}, %{{.*}} : (tensor<5x1xf32>, tensor<4x1x3xf32>) -> tensor<4x5x3xf32>
// CHECK-NEXT:    qnn.mul %{{.*}}, %{{.*}} : (tensor<1x3xf32>, tensor<2x1xf32>) -> tensor<2x3xf32>
// CHECK-NEXT:    qnn.div %{{.*}}, %{{.*}} : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
func.func @full_broadcast(%a: tensor<4x1x3xf32>, %b: tensor<5x1xf32>, %r: tensor<1x3xf32>, %c: tensor<2x1xf32>) -> (tensor<4x5x3xf32>, tensor<4x5x3xf32>, tensor<2x3xf32>) {
  %0 = qnn.add %a, %b : (tensor<4x1x3xf32>, tensor<5x1xf32>) -> tensor<4x5x3xf32>
  %1 = qnn.sub %b, %a : (tensor<5x1xf32>, tensor<4x1x3xf32>) -> tensor<4x5x3xf32>
  %2 = qnn.mul %r, %c : (tensor<1x3xf32>, tensor<2x1xf32>) -> tensor<2x3xf32>
  %3 = qnn.div %2, %2 : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  func.return %0, %1, %3 : tensor<4x5x3xf32>, tensor<4x5x3xf32>, tensor<2x3xf32>
}

// CHECK-LABEL: func.func @unary
// CHECK-NEXT:    %[[R:.*]] = qnn.relu %{{.*}} : (tensor<1x10xf32>) -> tensor<1x10xf32>
// CHECK-NEXT:    %[[S:.*]] = qnn.sign %[[R]] : (tensor<1x10xf32>) -> tensor<1x10x!qnn.ternary>
// CHECK-NEXT:    %{{.*}} = qnn.relu %{{.*}} : (tensor<1x10x!qnn.int<4>>) -> tensor<1x10x!qnn.uint<3>>
func.func @unary(%x: tensor<1x10xf32>, %i: tensor<1x10x!qnn.int<4>>) -> (tensor<1x10x!qnn.ternary>, tensor<1x10x!qnn.uint<3>>) {
  %r = qnn.relu %x : (tensor<1x10xf32>) -> tensor<1x10xf32>
  %s = qnn.sign %r : (tensor<1x10xf32>) -> tensor<1x10x!qnn.ternary>
  %u = qnn.relu %i : (tensor<1x10x!qnn.int<4>>) -> tensor<1x10x!qnn.uint<3>>
  func.return %s, %u : tensor<1x10x!qnn.ternary>, tensor<1x10x!qnn.uint<3>>
}
