// RUN: finnr-opt %s | filecheck %s
// RUN: finnr-opt %s --print-op-generic | finnr-opt | filecheck %s

// Streaming max pooling without padding: OH = (H - KH) / stride + 1.

%x = "test.op"() : () -> tensor<1x8x6x4x!qnn.int<4>>
dataflow.partition (%a = %x : tensor<1x8x6x4x!qnn.int<4>>) -> () {
  // FINN's usual 2x2 / stride 2
  %p0 = dataflow.maxpool %a {kernel = array<i64: 2, 2>, stride = array<i64: 2, 2>, pe = 4 : i64} : (tensor<1x8x6x4x!qnn.int<4>>) -> tensor<1x4x3x4x!qnn.int<4>>
  // overlapping 3x3 / stride 2: (8-3)/2+1 = 3, (6-3)/2+1 = 2
  %p1 = dataflow.maxpool %a {kernel = array<i64: 3, 3>, stride = array<i64: 2, 2>, pe = 2 : i64} : (tensor<1x8x6x4x!qnn.int<4>>) -> tensor<1x3x2x4x!qnn.int<4>>
  // stride 1 (the default)
  %p2 = dataflow.maxpool %a {kernel = array<i64: 2, 2>} : (tensor<1x8x6x4x!qnn.int<4>>) -> tensor<1x7x5x4x!qnn.int<4>>
  // non-square: pool along W only
  %p3 = dataflow.maxpool %a {kernel = array<i64: 1, 3>, stride = array<i64: 1, 3>} : (tensor<1x8x6x4x!qnn.int<4>>) -> tensor<1x8x2x4x!qnn.int<4>>
  // a global max pool
  %p4 = dataflow.maxpool %a {kernel = array<i64: 8, 6>} : (tensor<1x8x6x4x!qnn.int<4>>) -> tensor<1x1x1x4x!qnn.int<4>>
  // a stride larger than the kernel skips pixels: (8-2)/3+1 = 3, (6-2)/3+1 = 2
  %p5 = dataflow.maxpool %a {kernel = array<i64: 2, 2>, stride = array<i64: 3, 3>, pe = 1 : i64} : (tensor<1x8x6x4x!qnn.int<4>>) -> tensor<1x3x2x4x!qnn.int<4>>
  dataflow.yield
}

// CHECK:      dataflow.maxpool %[[A:.*]] {kernel = array<i64: 2, 2>, stride = array<i64: 2, 2>, pe = 4 : i64} : (tensor<1x8x6x4x!qnn.int<4>>) -> tensor<1x4x3x4x!qnn.int<4>>
// CHECK-NEXT: dataflow.maxpool %[[A]] {kernel = array<i64: 3, 3>, stride = array<i64: 2, 2>, pe = 2 : i64} : (tensor<1x8x6x4x!qnn.int<4>>) -> tensor<1x3x2x4x!qnn.int<4>>
// CHECK-NEXT: dataflow.maxpool %[[A]] {kernel = array<i64: 2, 2>} : (tensor<1x8x6x4x!qnn.int<4>>) -> tensor<1x7x5x4x!qnn.int<4>>
// CHECK-NEXT: dataflow.maxpool %[[A]] {kernel = array<i64: 1, 3>, stride = array<i64: 1, 3>} : (tensor<1x8x6x4x!qnn.int<4>>) -> tensor<1x8x2x4x!qnn.int<4>>
// CHECK-NEXT: dataflow.maxpool %[[A]] {kernel = array<i64: 8, 6>} : (tensor<1x8x6x4x!qnn.int<4>>) -> tensor<1x1x1x4x!qnn.int<4>>
// CHECK-NEXT: dataflow.maxpool %[[A]] {kernel = array<i64: 2, 2>, stride = array<i64: 3, 3>} : (tensor<1x8x6x4x!qnn.int<4>>) -> tensor<1x3x2x4x!qnn.int<4>>
// CHECK-NEXT: dataflow.yield
