// RUN: finnr-opt %s --split-input-file --verify-diagnostics --parsing-diagnostics | filecheck %s

// What an SWU and an MVAU with several pixels per beat (mmv) refuse, and a
// beat of whole pixels that is not a divisor of a row.

// the SWU needs whole windows
%x0 = "test.op"() : () -> tensor<1x6x6x4x!qnn.uint<2>>
dataflow.partition (%a = %x0 : tensor<1x6x6x4x!qnn.uint<2>>) -> () {
  %y = dataflow.swu %a {kernel = array<i64: 3, 3>, simd = 4 : i64, mmv = 2 : i64} : (tensor<1x6x6x4x!qnn.uint<2>>) -> tensor<1x4x4x36x!qnn.uint<2>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.swu' mmv > 1 needs parallel_window, got mmv = 2

// -----

// M divides the input width and the output width
%x1 = "test.op"() : () -> tensor<1x6x6x4x!qnn.uint<2>>
dataflow.partition (%a = %x1 : tensor<1x6x6x4x!qnn.uint<2>>) -> () {
  %y = dataflow.swu %a {kernel = array<i64: 2, 2>, simd = 4 : i64, parallel_window = true, mmv = 2 : i64} : (tensor<1x6x6x4x!qnn.uint<2>>) -> tensor<1x5x5x16x!qnn.uint<2>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.swu' mmv (2) must divide the output width (5)

// -----

%x2 = "test.op"() : () -> tensor<1x6x6x4x!qnn.uint<2>>
dataflow.partition (%a = %x2 : tensor<1x6x6x4x!qnn.uint<2>>) -> () {
  %y = dataflow.swu %a {kernel = array<i64: 3, 3>, simd = 4 : i64, parallel_window = true, mmv = 4 : i64} : (tensor<1x6x6x4x!qnn.uint<2>>) -> tensor<1x4x4x36x!qnn.uint<2>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.swu' mmv (4) must divide the input width (6)

// -----

// the MVAU needs the whole matrix a cycle
%x3 = "test.op"() : () -> tensor<1x4x4x6x!qnn.uint<2>>
dataflow.partition (%a = %x3 : tensor<1x4x4x6x!qnn.uint<2>>) -> () {
  %y = dataflow.mvau %a {weights = dense<1> : tensor<6x4xi8>, weight_dtype = !qnn.int<2>, simd = 3 : i64, pe = 4 : i64, mmv = 2 : i64} : (tensor<1x4x4x6x!qnn.uint<2>>) -> tensor<1x4x4x4x!qnn.int<7>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.mvau' mmv > 1 needs simd = MW (6) and pe = MH (4), got simd = 3, pe = 4

// -----

// and a row of pixels (N, H, W, MW) that M divides
%x4 = "test.op"() : () -> tensor<16x6x!qnn.uint<2>>
dataflow.partition (%a = %x4 : tensor<16x6x!qnn.uint<2>>) -> () {
  %y = dataflow.mvau %a {weights = dense<1> : tensor<6x4xi8>, weight_dtype = !qnn.int<2>, simd = 6 : i64, pe = 4 : i64, mmv = 2 : i64} : (tensor<16x6x!qnn.uint<2>>) -> tensor<16x4x!qnn.int<7>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.mvau' mmv > 1 needs an (N, H, W, MW) input, got shape [16, 6]

// -----

%x5 = "test.op"() : () -> tensor<1x4x6x6x!qnn.uint<2>>
dataflow.partition (%a = %x5 : tensor<1x4x6x6x!qnn.uint<2>>) -> () {
  %y = dataflow.mvau %a {weights = dense<1> : tensor<6x4xi8>, weight_dtype = !qnn.int<2>, simd = 6 : i64, pe = 4 : i64, mmv = 4 : i64} : (tensor<1x4x6x6x!qnn.uint<2>>) -> tensor<1x4x6x4x!qnn.int<7>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.mvau' mmv (4) must divide the width (6)

// -----

// a FIFO beat of whole pixels divides a row (6 pixels of 4)
%x6 = "test.op"() : () -> tensor<1x4x6x4x!qnn.uint<2>>
dataflow.partition (%a = %x6 : tensor<1x4x6x4x!qnn.uint<2>>) -> () {
  %y = dataflow.fifo %a {depth = 2 : i64, elems = 16 : i64} : (tensor<1x4x6x4x!qnn.uint<2>>) -> tensor<1x4x6x4x!qnn.uint<2>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.fifo' elems (16) must divide a row (6 x 4) (24)
