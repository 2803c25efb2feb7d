// RUN: finnr-opt %s | filecheck %s
// RUN: finnr-opt %s --print-op-generic | finnr-opt | filecheck %s

// Several pixels per beat (mmv) in the padding and max-pool engines: M
// divides the input and the output width, the channel parallelism is full.

%x = "test.op"() : () -> tensor<1x4x4x3x!qnn.uint<2>>
%y = "test.op"() : () -> tensor<1x8x8x2x!qnn.int<4>>
dataflow.partition (%a = %x : tensor<1x4x4x3x!qnn.uint<2>>, %b = %y : tensor<1x8x8x2x!qnn.int<4>>) -> () {
  // 4 + 1 + 1 = 6 wide: M = 2 divides both
  %p0 = dataflow.pad %a {pads = array<i64: 1, 1, 1, 1>, simd = 3 : i64, mmv = 2 : i64} : (tensor<1x4x4x3x!qnn.uint<2>>) -> tensor<1x6x6x3x!qnn.uint<2>>
  // mmv = 1 is the default and not printed
  %p1 = dataflow.pad %a {pads = array<i64: 1, 1, 1, 1>, mmv = 1 : i64} : (tensor<1x4x4x3x!qnn.uint<2>>) -> tensor<1x6x6x3x!qnn.uint<2>>
  // 8 -> 4 wide: M = 4 divides both
  %m0 = dataflow.maxpool %b {kernel = array<i64: 2, 2>, stride = array<i64: 2, 2>, pe = 2 : i64, mmv = 4 : i64} : (tensor<1x8x8x2x!qnn.int<4>>) -> tensor<1x4x4x2x!qnn.int<4>>
  // the streams between them carry whole pixels of a row a beat: 2 of 3 channels, to 4 of 2 channels
  %f0 = dataflow.fifo %p0 {elems = 6 : i64} : (tensor<1x6x6x3x!qnn.uint<2>>) -> tensor<1x6x6x3x!qnn.uint<2>>
  %d0 = dataflow.dwc %b {in_elems = 8 : i64, out_elems = 2 : i64} : (tensor<1x8x8x2x!qnn.int<4>>) -> tensor<1x8x8x2x!qnn.int<4>>
  dataflow.yield
}

// CHECK:      dataflow.pad %{{.*}} {pads = array<i64: 1, 1, 1, 1>, simd = 3 : i64, mmv = 2 : i64} : (tensor<1x4x4x3x!qnn.uint<2>>) -> tensor<1x6x6x3x!qnn.uint<2>>
// CHECK-NEXT: dataflow.pad %{{.*}} {pads = array<i64: 1, 1, 1, 1>} : (tensor<1x4x4x3x!qnn.uint<2>>) -> tensor<1x6x6x3x!qnn.uint<2>>
// CHECK-NEXT: dataflow.maxpool %{{.*}} {kernel = array<i64: 2, 2>, stride = array<i64: 2, 2>, pe = 2 : i64, mmv = 4 : i64} : (tensor<1x8x8x2x!qnn.int<4>>) -> tensor<1x4x4x2x!qnn.int<4>>
// CHECK-NEXT: dataflow.fifo %{{.*}} {elems = 6 : i64} : (tensor<1x6x6x3x!qnn.uint<2>>) -> tensor<1x6x6x3x!qnn.uint<2>>
// CHECK-NEXT: dataflow.dwc %{{.*}} {in_elems = 8 : i64, out_elems = 2 : i64} : (tensor<1x8x8x2x!qnn.int<4>>) -> tensor<1x8x8x2x!qnn.int<4>>
