// qnn-infer-datatypes on the model-zoo ops: data movement (depth_to_space,
// space_to_depth, resize, slice, split) keeps the range; clip with integer
// bounds clips it; a fractional clip bound, leaky_relu, sigmoid and
// softmax stay f32 (refused); argmax's indices stay i64.
// RUN: finnr-opt %s -p qnn-infer-datatypes | filecheck %s

// CHECK-LABEL: func.func @movement
// CHECK:       %[[Q:.*]] = qnn.quant %{{.*}} -> tensor<1x8x2x2x!qnn.int<4>>
// CHECK-NEXT:  %[[D:.*]] = qnn.depth_to_space %[[Q]] {{.*}} -> tensor<1x2x4x4x!qnn.int<4>>
// CHECK-NEXT:  %[[S:.*]] = qnn.space_to_depth %[[D]] {{.*}} -> tensor<1x8x2x2x!qnn.int<4>>
// CHECK-NEXT:  %[[R:.*]] = qnn.resize %[[S]] {{.*}} -> tensor<1x8x4x4x!qnn.int<4>>
// CHECK-NEXT:  %[[L:.*]] = qnn.slice %[[R]] {{.*}} -> tensor<1x8x2x4x!qnn.int<4>>
// CHECK-NEXT:  %{{.*}}, %{{.*}} = qnn.split %[[L]] {{.*}} -> (tensor<1x3x2x4x!qnn.int<4>>, tensor<1x5x2x4x!qnn.int<4>>)
// CHECK-NEXT:  %{{.*}} = qnn.clip %[[Q]] {min = -2.000000e+00 : f32, max = 3.000000e+00 : f32} : (tensor<1x8x2x2x!qnn.int<4>>) -> tensor<1x8x2x2x!qnn.int<3>>
// CHECK-NEXT:  %{{.*}} = qnn.clip %[[Q]] {min = 0.000000e+00 : f32} : (tensor<1x8x2x2x!qnn.int<4>>) -> tensor<1x8x2x2x!qnn.uint<3>>
// CHECK-NEXT:  %{{.*}} = qnn.clip %[[Q]] {min = 5.000000e-01 : f32} : (tensor<1x8x2x2x!qnn.int<4>>) -> tensor<1x8x2x2xf32>
// CHECK-NEXT:  %{{.*}} = qnn.leaky_relu %[[Q]] : (tensor<1x8x2x2x!qnn.int<4>>) -> tensor<1x8x2x2xf32>
// CHECK-NEXT:  %{{.*}} = qnn.sigmoid %[[Q]] : (tensor<1x8x2x2x!qnn.int<4>>) -> tensor<1x8x2x2xf32>
// CHECK-NEXT:  %{{.*}} = qnn.softmax %[[Q]] : (tensor<1x8x2x2x!qnn.int<4>>) -> tensor<1x8x2x2xf32>
// CHECK-NEXT:  %{{.*}} = qnn.argmax %[[Q]] {axis = 1 : i64} : (tensor<1x8x2x2x!qnn.int<4>>) -> tensor<1x1x2x2xi64>
func.func @movement(%x: tensor<1x8x2x2xf32>) {
  %q = qnn.quant %x {bitwidth = 4 : i64, scale = dense<1.0> : tensor<f32>, zeropt = dense<0.0> : tensor<f32>} : (tensor<1x8x2x2xf32>) -> tensor<1x8x2x2xf32>
  %d = qnn.depth_to_space %q {blocksize = 2 : i64} : (tensor<1x8x2x2xf32>) -> tensor<1x2x4x4xf32>
  %s = qnn.space_to_depth %d {blocksize = 2 : i64} : (tensor<1x2x4x4xf32>) -> tensor<1x8x2x2xf32>
  %r = qnn.resize %s {scales = dense<[1.0, 1.0, 2.0, 2.0]> : tensor<4xf32>} : (tensor<1x8x2x2xf32>) -> tensor<1x8x4x4xf32>
  %l = qnn.slice %r {starts = array<i64: 0, 0, 1, 0>, steps = array<i64: 1, 1, 2, 1>} : (tensor<1x8x4x4xf32>) -> tensor<1x8x2x4xf32>
  %a, %b = qnn.split %l {axis = 1 : i64} : (tensor<1x8x2x4xf32>) -> (tensor<1x3x2x4xf32>, tensor<1x5x2x4xf32>)
  %c = qnn.clip %q {min = -2.0 : f32, max = 3.0 : f32} : (tensor<1x8x2x2xf32>) -> tensor<1x8x2x2xf32>
  %c2 = qnn.clip %q {min = 0.0 : f32} : (tensor<1x8x2x2xf32>) -> tensor<1x8x2x2xf32>
  %c3 = qnn.clip %q {min = 0.5 : f32} : (tensor<1x8x2x2xf32>) -> tensor<1x8x2x2xf32>
  %lr = qnn.leaky_relu %q : (tensor<1x8x2x2xf32>) -> tensor<1x8x2x2xf32>
  %sg = qnn.sigmoid %q : (tensor<1x8x2x2xf32>) -> tensor<1x8x2x2xf32>
  %sm = qnn.softmax %q : (tensor<1x8x2x2xf32>) -> tensor<1x8x2x2xf32>
  %am = qnn.argmax %q {axis = 1 : i64} : (tensor<1x8x2x2xf32>) -> tensor<1x1x2x2xi64>
  func.return
}
