// RUN: finnr-opt %s --split-input-file --verify-diagnostics --parsing-diagnostics | filecheck %s

// What a parallel-window SWU refuses.

// SIMD must be the channels
%x0 = "test.op"() : () -> tensor<1x5x5x4x!qnn.uint<2>>
dataflow.partition (%a = %x0 : tensor<1x5x5x4x!qnn.uint<2>>) -> () {
  %y = dataflow.swu %a {kernel = array<i64: 3, 3>, simd = 2 : i64, parallel_window = true} : (tensor<1x5x5x4x!qnn.uint<2>>) -> tensor<1x3x3x36x!qnn.uint<2>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.swu' parallel_window needs simd = the channels (4), got 2

// -----

// an MVAU behind it reads the whole window per beat
%x0 = "test.op"() : () -> tensor<1x5x5x2x!qnn.uint<2>>
dataflow.partition (%a = %x0 : tensor<1x5x5x2x!qnn.uint<2>>) -> () {
  %s = dataflow.swu %a {kernel = array<i64: 3, 3>, simd = 2 : i64, parallel_window = true} : (tensor<1x5x5x2x!qnn.uint<2>>) -> tensor<1x3x3x18x!qnn.uint<2>>
  %m = dataflow.mvau %s {weights = dense<1> : tensor<18x4xi8>, weight_dtype = !qnn.int<2>, simd = 6 : i64} : (tensor<1x3x3x18x!qnn.uint<2>>) -> tensor<1x3x3x4x!qnn.int<9>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.swu' parallel_window emits whole windows of 18 elements: its consumer 'dataflow.mvau' must read one per beat (simd = 18), got simd = 6

// -----

// a VVAU behind it too: SIMD = KH*KW and PE = C
%x0 = "test.op"() : () -> tensor<1x5x5x2x!qnn.uint<2>>
dataflow.partition (%a = %x0 : tensor<1x5x5x2x!qnn.uint<2>>) -> () {
  %d = dataflow.swu %a {kernel = array<i64: 3, 3>, simd = 2 : i64, depthwise = true, parallel_window = true} : (tensor<1x5x5x2x!qnn.uint<2>>) -> tensor<1x3x3x18x!qnn.uint<2>>
  %v = dataflow.vvau %d {kernel = array<i64: 3, 3>, weights = dense<1> : tensor<2x9xi8>, weight_dtype = !qnn.int<2>, simd = 9 : i64, pe = 1 : i64} : (tensor<1x3x3x18x!qnn.uint<2>>) -> tensor<1x3x3x2x!qnn.int<7>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.swu' parallel_window emits whole windows of 18 elements: its consumer 'dataflow.vvau' must read one per beat (simd = 9, pe = 2), got simd = 9, pe = 1
