// RUN: finnr-opt %s | filecheck %s
// RUN: finnr-opt %s --print-op-generic | finnr-opt | filecheck %s

// Streaming padding: pads are (top, left, bottom, right); the pad value must
// be a value of the element type.

%u = "test.op"() : () -> tensor<1x5x4x6x!qnn.uint<4>>
%s = "test.op"() : () -> tensor<1x5x4x6x!qnn.int<4>>
%b = "test.op"() : () -> tensor<1x5x4x6x!qnn.bipolar>
%f = "test.op"() : () -> tensor<1x5x4x6x!qnn.fixed<8, 4>>
dataflow.partition (%xu = %u : tensor<1x5x4x6x!qnn.uint<4>>, %xs = %s : tensor<1x5x4x6x!qnn.int<4>>, %xb = %b : tensor<1x5x4x6x!qnn.bipolar>, %xf = %f : tensor<1x5x4x6x!qnn.fixed<8, 4>>) -> () {
  // symmetric, zero value
  %p0 = dataflow.pad %xu {pads = array<i64: 1, 1, 1, 1>} : (tensor<1x5x4x6x!qnn.uint<4>>) -> tensor<1x7x6x6x!qnn.uint<4>>
  // asymmetric: 0 top, 2 left, 3 bottom, 1 right, padded with the maximum
  %p1 = dataflow.pad %xu {pads = array<i64: 0, 2, 3, 1>, value = 15.0 : f32, simd = 3 : i64} : (tensor<1x5x4x6x!qnn.uint<4>>) -> tensor<1x8x7x6x!qnn.uint<4>>
  // negative value for a signed type
  %p2 = dataflow.pad %xs {pads = array<i64: 2, 0, 2, 0>, value = -8.0 : f32, simd = 6 : i64} : (tensor<1x5x4x6x!qnn.int<4>>) -> tensor<1x9x4x6x!qnn.int<4>>
  // bipolar has no zero: pad with -1
  %p3 = dataflow.pad %xb {pads = array<i64: 1, 1, 1, 1>, value = -1.0 : f32} : (tensor<1x5x4x6x!qnn.bipolar>) -> tensor<1x7x6x6x!qnn.bipolar>
  // fixed point: a fraction on its grid
  %p4 = dataflow.pad %xf {pads = array<i64: 1, 0, 0, 0>, value = 0.5 : f32, simd = 2 : i64} : (tensor<1x5x4x6x!qnn.fixed<8, 4>>) -> tensor<1x6x4x6x!qnn.fixed<8, 4>>
  // no padding at all is legal
  %p5 = dataflow.pad %xs {pads = array<i64: 0, 0, 0, 0>} : (tensor<1x5x4x6x!qnn.int<4>>) -> tensor<1x5x4x6x!qnn.int<4>>
  // pad then window: the "same" 3x3 convolution input
  %w = dataflow.swu %p0 {kernel = array<i64: 3, 3>} : (tensor<1x7x6x6x!qnn.uint<4>>) -> tensor<1x5x4x54x!qnn.uint<4>>
  dataflow.yield
}

// CHECK:      %[[P0:.*]] = dataflow.pad %{{.*}} {pads = array<i64: 1, 1, 1, 1>} : (tensor<1x5x4x6x!qnn.uint<4>>) -> tensor<1x7x6x6x!qnn.uint<4>>
// CHECK-NEXT: dataflow.pad %{{.*}} {pads = array<i64: 0, 2, 3, 1>, value = 1.500000e+01 : f32, simd = 3 : i64} : (tensor<1x5x4x6x!qnn.uint<4>>) -> tensor<1x8x7x6x!qnn.uint<4>>
// CHECK-NEXT: dataflow.pad %{{.*}} {pads = array<i64: 2, 0, 2, 0>, value = -8.000000e+00 : f32, simd = 6 : i64} : (tensor<1x5x4x6x!qnn.int<4>>) -> tensor<1x9x4x6x!qnn.int<4>>
// CHECK-NEXT: dataflow.pad %{{.*}} {pads = array<i64: 1, 1, 1, 1>, value = -1.000000e+00 : f32} : (tensor<1x5x4x6x!qnn.bipolar>) -> tensor<1x7x6x6x!qnn.bipolar>
// CHECK-NEXT: dataflow.pad %{{.*}} {pads = array<i64: 1, 0, 0, 0>, value = 5.000000e-01 : f32, simd = 2 : i64} : (tensor<1x5x4x6x!qnn.fixed<8, 4>>) -> tensor<1x6x4x6x!qnn.fixed<8, 4>>
// CHECK-NEXT: dataflow.pad %{{.*}} {pads = array<i64: 0, 0, 0, 0>} : (tensor<1x5x4x6x!qnn.int<4>>) -> tensor<1x5x4x6x!qnn.int<4>>
// CHECK-NEXT: dataflow.swu %[[P0]] {kernel = array<i64: 3, 3>} : (tensor<1x7x6x6x!qnn.uint<4>>) -> tensor<1x5x4x54x!qnn.uint<4>>
