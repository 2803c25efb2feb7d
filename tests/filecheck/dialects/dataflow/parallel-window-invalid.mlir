// RUN: finnr-opt %s --split-input-file --verify-diagnostics --parsing-diagnostics | filecheck %s

// What a parallel-window SWU refuses.

// SIMD must be the channels
%x0 = "test.op"() : () -> tensor<1x5x5x4x!qnn.uint<2>>
dataflow.partition (%a = %x0 : tensor<1x5x5x4x!qnn.uint<2>>) -> () {
  %y = dataflow.swu %a {kernel = array<i64: 3, 3>, simd = 2 : i64, parallel_window = true} : (tensor<1x5x5x4x!qnn.uint<2>>) -> tensor<1x3x3x36x!qnn.uint<2>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.swu' parallel_window needs simd = the channels (4), got 2
