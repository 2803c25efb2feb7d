// The activation ops: leaky_relu, clip (one or both bounds), sigmoid, tanh
// and hard_sigmoid keep shapes; their float parameters are properties with
// ONNX's defaults. Round trip through the generic form.
// RUN: finnr-opt %s --print-op-generic | finnr-opt | filecheck %s

// CHECK-LABEL: func.func @activations
// CHECK-NEXT:    %[[L:.*]] = qnn.leaky_relu %{{.*}} {alpha = 1.000000e-01 : f32} : (tensor<1x4x2x2xf32>) -> tensor<1x4x2x2xf32>
// CHECK-NEXT:    %[[D:.*]] = qnn.leaky_relu %[[L]] : (tensor<1x4x2x2xf32>) -> tensor<1x4x2x2xf32>
// CHECK-NEXT:    %[[C:.*]] = qnn.clip %[[D]] {min = -1.000000e+00 : f32, max = 1.000000e+00 : f32} : (tensor<1x4x2x2xf32>) -> tensor<1x4x2x2xf32>
// CHECK-NEXT:    %[[R6:.*]] = qnn.clip %[[C]] {min = 0.000000e+00 : f32} : (tensor<1x4x2x2xf32>) -> tensor<1x4x2x2xf32>
// CHECK-NEXT:    %[[S:.*]] = qnn.sigmoid %[[R6]] : (tensor<1x4x2x2xf32>) -> tensor<1x4x2x2xf32>
// CHECK-NEXT:    %[[T:.*]] = qnn.tanh %[[S]] : (tensor<1x4x2x2xf32>) -> tensor<1x4x2x2xf32>
// CHECK-NEXT:    %[[H:.*]] = qnn.hard_sigmoid %[[T]] {alpha = 0.166666672 : f32} : (tensor<1x4x2x2xf32>) -> tensor<1x4x2x2xf32>
// CHECK-NEXT:    %{{.*}} = qnn.clip %{{.*}} {min = -4.000000e+00 : f32, max = 3.000000e+00 : f32} : (tensor<1x4x!qnn.int<8>>) -> tensor<1x4x!qnn.int<3>>
func.func @activations(%x: tensor<1x4x2x2xf32>, %i: tensor<1x4x!qnn.int<8>>) -> (tensor<1x4x2x2xf32>, tensor<1x4x!qnn.int<3>>) {
  %l = qnn.leaky_relu %x {alpha = 0.1 : f32} : (tensor<1x4x2x2xf32>) -> tensor<1x4x2x2xf32>
  %d = qnn.leaky_relu %l : (tensor<1x4x2x2xf32>) -> tensor<1x4x2x2xf32>
  %c = qnn.clip %d {min = -1.0 : f32, max = 1.0 : f32} : (tensor<1x4x2x2xf32>) -> tensor<1x4x2x2xf32>
  %r = qnn.clip %c {min = 0.0 : f32} : (tensor<1x4x2x2xf32>) -> tensor<1x4x2x2xf32>
  %s = qnn.sigmoid %r : (tensor<1x4x2x2xf32>) -> tensor<1x4x2x2xf32>
  %t = qnn.tanh %s : (tensor<1x4x2x2xf32>) -> tensor<1x4x2x2xf32>
  %h = qnn.hard_sigmoid %t {alpha = 0.1666666667 : f32} : (tensor<1x4x2x2xf32>) -> tensor<1x4x2x2xf32>
  %k = qnn.clip %i {min = -4.0 : f32, max = 3.0 : f32} : (tensor<1x4x!qnn.int<8>>) -> tensor<1x4x!qnn.int<3>>
  func.return %h, %k : tensor<1x4x2x2xf32>, tensor<1x4x!qnn.int<3>>
}
