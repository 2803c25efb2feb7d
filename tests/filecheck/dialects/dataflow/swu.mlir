// RUN: finnr-opt %s | filecheck %s
// RUN: finnr-opt %s --print-op-generic | finnr-opt | filecheck %s

// Sliding window units: OH = (H - dilation*(KH-1) - 1) / stride + 1 (floor),
// same for W; the output vector of a pixel is its window, KH*KW*C elements.

%x = "test.op"() : () -> tensor<2x7x9x4x!qnn.uint<3>>
dataflow.partition (%a = %x : tensor<2x7x9x4x!qnn.uint<3>>) -> () {
  // 3x3, stride 1: 5x7 windows of 36 elements
  %s0 = dataflow.swu %a {kernel = array<i64: 3, 3>} : (tensor<2x7x9x4x!qnn.uint<3>>) -> tensor<2x5x7x36x!qnn.uint<3>>
  // 3x3, stride 2: (7-3)/2+1 = 3, (9-3)/2+1 = 4
  %s1 = dataflow.swu %a {kernel = array<i64: 3, 3>, stride = array<i64: 2, 2>, simd = 4 : i64} : (tensor<2x7x9x4x!qnn.uint<3>>) -> tensor<2x3x4x36x!qnn.uint<3>>
  // 3x3, dilation 2 (span 5): 3x5
  %s2 = dataflow.swu %a {kernel = array<i64: 3, 3>, dilation = array<i64: 2, 2>, simd = 2 : i64} : (tensor<2x7x9x4x!qnn.uint<3>>) -> tensor<2x3x5x36x!qnn.uint<3>>
  // stride 3 and dilation 2 along W only: (9-5)/3+1 = 2
  %s3 = dataflow.swu %a {kernel = array<i64: 1, 3>, stride = array<i64: 1, 3>, dilation = array<i64: 1, 2>} : (tensor<2x7x9x4x!qnn.uint<3>>) -> tensor<2x7x2x12x!qnn.uint<3>>
  // a stride that does not land on the edge: (7-2)/4+1 = 2, (9-2)/4+1 = 2
  %s4 = dataflow.swu %a {kernel = array<i64: 2, 2>, stride = array<i64: 4, 4>} : (tensor<2x7x9x4x!qnn.uint<3>>) -> tensor<2x2x2x16x!qnn.uint<3>>
  // 1x1 kernel: the identity window, one pixel at a time
  %s5 = dataflow.swu %a {kernel = array<i64: 1, 1>, simd = 1 : i64} : (tensor<2x7x9x4x!qnn.uint<3>>) -> tensor<2x7x9x4x!qnn.uint<3>>
  // the whole frame as a single window
  %s6 = dataflow.swu %a {kernel = array<i64: 7, 9>} : (tensor<2x7x9x4x!qnn.uint<3>>) -> tensor<2x1x1x252x!qnn.uint<3>>
  dataflow.yield
}

// CHECK:      dataflow.swu %[[A:.*]] {kernel = array<i64: 3, 3>} : (tensor<2x7x9x4x!qnn.uint<3>>) -> tensor<2x5x7x36x!qnn.uint<3>>
// CHECK-NEXT: dataflow.swu %[[A]] {kernel = array<i64: 3, 3>, stride = array<i64: 2, 2>, simd = 4 : i64} : (tensor<2x7x9x4x!qnn.uint<3>>) -> tensor<2x3x4x36x!qnn.uint<3>>
// CHECK-NEXT: dataflow.swu %[[A]] {kernel = array<i64: 3, 3>, dilation = array<i64: 2, 2>, simd = 2 : i64} : (tensor<2x7x9x4x!qnn.uint<3>>) -> tensor<2x3x5x36x!qnn.uint<3>>
// CHECK-NEXT: dataflow.swu %[[A]] {kernel = array<i64: 1, 3>, stride = array<i64: 1, 3>, dilation = array<i64: 1, 2>} : (tensor<2x7x9x4x!qnn.uint<3>>) -> tensor<2x7x2x12x!qnn.uint<3>>
// CHECK-NEXT: dataflow.swu %[[A]] {kernel = array<i64: 2, 2>, stride = array<i64: 4, 4>} : (tensor<2x7x9x4x!qnn.uint<3>>) -> tensor<2x2x2x16x!qnn.uint<3>>
// CHECK-NEXT: dataflow.swu %[[A]] {kernel = array<i64: 1, 1>} : (tensor<2x7x9x4x!qnn.uint<3>>) -> tensor<2x7x9x4x!qnn.uint<3>>
// CHECK-NEXT: dataflow.swu %[[A]] {kernel = array<i64: 7, 9>} : (tensor<2x7x9x4x!qnn.uint<3>>) -> tensor<2x1x1x252x!qnn.uint<3>>
// CHECK-NEXT: dataflow.yield
