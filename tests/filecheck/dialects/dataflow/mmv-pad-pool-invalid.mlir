// RUN: finnr-opt %s --split-input-file --verify-diagnostics --parsing-diagnostics | filecheck %s

// What the padding and max-pool engines refuse of mmv (pixels per beat).

// pad: M must divide the input width (5)
%x0 = "test.op"() : () -> tensor<1x4x5x2x!qnn.uint<2>>
dataflow.partition (%a = %x0 : tensor<1x4x5x2x!qnn.uint<2>>) -> () {
  %y = dataflow.pad %a {pads = array<i64: 0, 1, 0, 0>, simd = 2 : i64, mmv = 2 : i64} : (tensor<1x4x5x2x!qnn.uint<2>>) -> tensor<1x4x6x2x!qnn.uint<2>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.pad' mmv (2) must divide the input width (5)

// -----

// pad: M must divide the padded width (4 + 1 = 5)
%x1 = "test.op"() : () -> tensor<1x4x4x2x!qnn.uint<2>>
dataflow.partition (%a = %x1 : tensor<1x4x4x2x!qnn.uint<2>>) -> () {
  %y = dataflow.pad %a {pads = array<i64: 0, 1, 0, 0>, simd = 2 : i64, mmv = 2 : i64} : (tensor<1x4x4x2x!qnn.uint<2>>) -> tensor<1x4x5x2x!qnn.uint<2>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.pad' mmv (2) must divide the output width (5)

// -----

// pad: M > 1 needs SIMD = C
%x2 = "test.op"() : () -> tensor<1x4x4x2x!qnn.uint<2>>
dataflow.partition (%a = %x2 : tensor<1x4x4x2x!qnn.uint<2>>) -> () {
  %y = dataflow.pad %a {pads = array<i64: 1, 1, 1, 1>, simd = 1 : i64, mmv = 2 : i64} : (tensor<1x4x4x2x!qnn.uint<2>>) -> tensor<1x6x6x2x!qnn.uint<2>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.pad' mmv (2) needs simd = the channels (2), got 1

// -----

// pad: M is positive
%x3 = "test.op"() : () -> tensor<1x4x4x2x!qnn.uint<2>>
dataflow.partition (%a = %x3 : tensor<1x4x4x2x!qnn.uint<2>>) -> () {
  %y = dataflow.pad %a {pads = array<i64: 1, 1, 1, 1>, simd = 2 : i64, mmv = 0 : i64} : (tensor<1x4x4x2x!qnn.uint<2>>) -> tensor<1x6x6x2x!qnn.uint<2>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.pad' mmv must be >= 1, got 0

// -----

// maxpool: M must divide the output width (6 -> 3)
%x4 = "test.op"() : () -> tensor<1x6x6x2x!qnn.int<4>>
dataflow.partition (%a = %x4 : tensor<1x6x6x2x!qnn.int<4>>) -> () {
  %y = dataflow.maxpool %a {kernel = array<i64: 2, 2>, stride = array<i64: 2, 2>, pe = 2 : i64, mmv = 2 : i64} : (tensor<1x6x6x2x!qnn.int<4>>) -> tensor<1x3x3x2x!qnn.int<4>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.maxpool' mmv (2) must divide the output width (3)

// -----

// maxpool: M must divide the input width (7, 3x3 windows of stride 2 -> 3)
%x5 = "test.op"() : () -> tensor<1x7x7x2x!qnn.int<4>>
dataflow.partition (%a = %x5 : tensor<1x7x7x2x!qnn.int<4>>) -> () {
  %y = dataflow.maxpool %a {kernel = array<i64: 3, 3>, stride = array<i64: 2, 2>, pe = 2 : i64, mmv = 3 : i64} : (tensor<1x7x7x2x!qnn.int<4>>) -> tensor<1x3x3x2x!qnn.int<4>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.maxpool' mmv (3) must divide the input width (7)

// -----

// maxpool: M > 1 needs PE = C
%x6 = "test.op"() : () -> tensor<1x8x8x2x!qnn.int<4>>
dataflow.partition (%a = %x6 : tensor<1x8x8x2x!qnn.int<4>>) -> () {
  %y = dataflow.maxpool %a {kernel = array<i64: 2, 2>, stride = array<i64: 2, 2>, pe = 1 : i64, mmv = 2 : i64} : (tensor<1x8x8x2x!qnn.int<4>>) -> tensor<1x4x4x2x!qnn.int<4>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.maxpool' mmv (2) needs pe = the channels (2), got 1

// -----

// a stream beat of whole pixels divides a row: 3 pixels of 2 channels do not tile a row of 4
%x7 = "test.op"() : () -> tensor<1x4x4x2x!qnn.uint<2>>
dataflow.partition (%a = %x7 : tensor<1x4x4x2x!qnn.uint<2>>) -> () {
  %y = dataflow.fifo %a {elems = 6 : i64} : (tensor<1x4x4x2x!qnn.uint<2>>) -> tensor<1x4x4x2x!qnn.uint<2>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.fifo' elems (6) must divide a row (4 x 2) (8)

// -----

// nor does a beat of 3 elements split pixels of 2 channels
%x8 = "test.op"() : () -> tensor<1x4x6x2x!qnn.uint<2>>
dataflow.partition (%a = %x8 : tensor<1x4x6x2x!qnn.uint<2>>) -> () {
  %y = dataflow.dwc %a {in_elems = 3 : i64, out_elems = 2 : i64} : (tensor<1x4x6x2x!qnn.uint<2>>) -> tensor<1x4x6x2x!qnn.uint<2>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.dwc' in_elems (3) must divide the last dimension (2)
