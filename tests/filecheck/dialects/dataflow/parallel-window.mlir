// RUN: finnr-opt %s --split-input-file | filecheck %s
// RUN: finnr-opt %s --split-input-file --print-op-generic | finnr-opt --split-input-file | filecheck %s

// A parallel-window SWU emits the whole KH*KW*C window of a pixel per beat
// (SIMD = C); its consumer reads it at any width (an MVAU a whole window per
// beat, a VVAU through a width converter).

%x = "test.op"() : () -> tensor<1x5x5x2x!qnn.uint<2>>
dataflow.partition (%a = %x : tensor<1x5x5x2x!qnn.uint<2>>) -> () {
  %s = dataflow.swu %a {kernel = array<i64: 3, 3>, simd = 2 : i64, parallel_window = true} : (tensor<1x5x5x2x!qnn.uint<2>>) -> tensor<1x3x3x18x!qnn.uint<2>>
  %m = dataflow.mvau %s {weights = dense<1> : tensor<18x4xi8>, weight_dtype = !qnn.int<2>, simd = 18 : i64, pe = 2 : i64} : (tensor<1x3x3x18x!qnn.uint<2>>) -> tensor<1x3x3x4x!qnn.int<9>>
  %d = dataflow.swu %a {kernel = array<i64: 3, 3>, simd = 2 : i64, depthwise = true, parallel_window = true} : (tensor<1x5x5x2x!qnn.uint<2>>) -> tensor<1x3x3x18x!qnn.uint<2>>
  %w = dataflow.dwc %d {in_elems = 18 : i64, out_elems = 6 : i64} : (tensor<1x3x3x18x!qnn.uint<2>>) -> tensor<1x3x3x18x!qnn.uint<2>>
  %v = dataflow.vvau %w {kernel = array<i64: 3, 3>, weights = dense<1> : tensor<2x9xi8>, weight_dtype = !qnn.int<2>, simd = 3 : i64, pe = 2 : i64} : (tensor<1x3x3x18x!qnn.uint<2>>) -> tensor<1x3x3x2x!qnn.int<7>>
  dataflow.yield
}

// CHECK:      dataflow.swu %[[A:.*]] {kernel = array<i64: 3, 3>, simd = 2 : i64, parallel_window = true}
// CHECK-NEXT: dataflow.mvau
// CHECK-NEXT: dataflow.swu %[[A]] {kernel = array<i64: 3, 3>, simd = 2 : i64, depthwise = true, parallel_window = true}
// CHECK-NEXT: dataflow.dwc
// CHECK-NEXT: dataflow.vvau
