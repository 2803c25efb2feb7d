// Data movement and classifier tails of the model-zoo networks:
// depth_to_space (DCR default elided, CRD), space_to_depth, nearest resize
// (defaults half_pixel / round_prefer_floor elided), strided slice, split
// into several results, softmax, log_softmax and argmax (i64 indices).
// RUN: finnr-opt %s --print-op-generic | finnr-opt | filecheck %s

// CHECK-LABEL: func.func @movement
// CHECK-NEXT:    %{{.*}} = qnn.depth_to_space %{{.*}} {blocksize = 2 : i64} : (tensor<1x8x3x2x!qnn.uint<2>>) -> tensor<1x2x6x4x!qnn.uint<2>>
// CHECK-NEXT:    %[[P:.*]] = qnn.depth_to_space %{{.*}} {blocksize = 2 : i64, mode = "CRD"} : (tensor<1x8x3x2x!qnn.uint<2>>) -> tensor<1x2x6x4x!qnn.uint<2>>
// CHECK-NEXT:    %{{.*}} = qnn.space_to_depth %[[P]] {blocksize = 2 : i64} : (tensor<1x2x6x4x!qnn.uint<2>>) -> tensor<1x8x3x2x!qnn.uint<2>>
// CHECK-NEXT:    %{{.*}} = qnn.resize %[[P]] {scales = dense<[1.000000e+00, 1.000000e+00, 2.000000e+00, 2.000000e+00]> : tensor<4xf32>} : (tensor<1x2x6x4x!qnn.uint<2>>) -> tensor<1x2x12x8x!qnn.uint<2>>
// CHECK-NEXT:    %{{.*}} = qnn.resize %[[P]] {scales = dense<[1.000000e+00, 1.000000e+00, 5.000000e-01, 2.500000e+00]> : tensor<4xf32>, coordinate_transformation_mode = "asymmetric", nearest_mode = "floor"} : (tensor<1x2x6x4x!qnn.uint<2>>) -> tensor<1x2x3x10x!qnn.uint<2>>
// CHECK-NEXT:    %{{.*}} = qnn.slice %[[P]] {starts = array<i64: 0, 1, 5, 0>, steps = array<i64: 1, 1, -2, 1>} : (tensor<1x2x6x4x!qnn.uint<2>>) -> tensor<1x1x3x4x!qnn.uint<2>>
// CHECK-NEXT:    %{{.*}}, %{{.*}} = qnn.split %[[P]] {axis = 2 : i64} : (tensor<1x2x6x4x!qnn.uint<2>>) -> (tensor<1x2x2x4x!qnn.uint<2>>, tensor<1x2x4x4x!qnn.uint<2>>)
func.func @movement(%x: tensor<1x8x3x2x!qnn.uint<2>>) {
  %a = qnn.depth_to_space %x {blocksize = 2 : i64, mode = "DCR"} : (tensor<1x8x3x2x!qnn.uint<2>>) -> tensor<1x2x6x4x!qnn.uint<2>>
  %p = qnn.depth_to_space %x {blocksize = 2 : i64, mode = "CRD"} : (tensor<1x8x3x2x!qnn.uint<2>>) -> tensor<1x2x6x4x!qnn.uint<2>>
  %s = qnn.space_to_depth %p {blocksize = 2 : i64} : (tensor<1x2x6x4x!qnn.uint<2>>) -> tensor<1x8x3x2x!qnn.uint<2>>
  %r = qnn.resize %p {scales = dense<[1.0, 1.0, 2.0, 2.0]> : tensor<4xf32>} : (tensor<1x2x6x4x!qnn.uint<2>>) -> tensor<1x2x12x8x!qnn.uint<2>>
  %r2 = qnn.resize %p {scales = dense<[1.0, 1.0, 0.5, 2.5]> : tensor<4xf32>, coordinate_transformation_mode = "asymmetric", nearest_mode = "floor"} : (tensor<1x2x6x4x!qnn.uint<2>>) -> tensor<1x2x3x10x!qnn.uint<2>>
  %sl = qnn.slice %p {starts = array<i64: 0, 1, 5, 0>, steps = array<i64: 1, 1, -2, 1>} : (tensor<1x2x6x4x!qnn.uint<2>>) -> tensor<1x1x3x4x!qnn.uint<2>>
  %h, %t = qnn.split %p {axis = 2 : i64} : (tensor<1x2x6x4x!qnn.uint<2>>) -> (tensor<1x2x2x4x!qnn.uint<2>>, tensor<1x2x4x4x!qnn.uint<2>>)
  func.return
}

// CHECK-LABEL: func.func @tails
// CHECK-NEXT:    %{{.*}} = qnn.softmax %{{.*}} : (tensor<1x10xf32>) -> tensor<1x10xf32>
// CHECK-NEXT:    %{{.*}} = qnn.log_softmax %{{.*}} {axis = 0 : i64} : (tensor<1x10xf32>) -> tensor<1x10xf32>
// CHECK-NEXT:    %{{.*}} = qnn.argmax %{{.*}} : (tensor<1x10xf32>) -> tensor<1x1xi64>
// CHECK-NEXT:    %{{.*}} = qnn.argmax %{{.*}} {keepdims = false, select_last_index = true} : (tensor<1x10x!qnn.int<4>>) -> tensor<1xi64>
func.func @tails(%x: tensor<1x10xf32>, %i: tensor<1x10x!qnn.int<4>>) {
  %s = qnn.softmax %x : (tensor<1x10xf32>) -> tensor<1x10xf32>
  %l = qnn.log_softmax %x {axis = 0 : i64} : (tensor<1x10xf32>) -> tensor<1x10xf32>
  %a = qnn.argmax %x : (tensor<1x10xf32>) -> tensor<1x1xi64>
  %b = qnn.argmax %i {keepdims = false, select_last_index = true} : (tensor<1x10x!qnn.int<4>>) -> tensor<1xi64>
  func.return
}
