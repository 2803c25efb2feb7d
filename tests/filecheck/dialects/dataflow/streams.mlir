// RUN: finnr-opt %s | filecheck %s
// RUN: finnr-opt %s --print-op-generic | finnr-opt | filecheck %s

// FIFOs and data-width converters between layers of different foldings: an
// MVAU producing pe = 4 elements per beat feeds one consuming simd = 8; a
// DWC regroups 4-element beats into 8-element ones, FIFOs buffer on both
// sides. Neither changes the frame.

// CHECK-LABEL: func.func @fc_chain
func.func @fc_chain(%x: tensor<1x16x!qnn.uint<2>>) -> tensor<1x4x!qnn.uint<2>> {
  %r = dataflow.partition "fc_chain" (%a = %x : tensor<1x16x!qnn.uint<2>>) -> (tensor<1x4x!qnn.uint<2>>) {
    %i = dataflow.fifo %a {depth = 32 : i64, elems = 2 : i64} : (tensor<1x16x!qnn.uint<2>>) -> tensor<1x16x!qnn.uint<2>>
    %d0 = dataflow.dwc %i {in_elems = 2 : i64, out_elems = 16 : i64} : (tensor<1x16x!qnn.uint<2>>) -> tensor<1x16x!qnn.uint<2>>
    %m0 = dataflow.mvau %d0 {weights = dense<1> : tensor<16x16xi8>, weight_dtype = !qnn.int<2>, thresholds = dense<0> : tensor<16x3xi8>, pe = 4 : i64, simd = 16 : i64} : (tensor<1x16x!qnn.uint<2>>) -> tensor<1x16x!qnn.uint<2>>
    %f0 = dataflow.fifo %m0 {depth = 4 : i64, elems = 4 : i64} : (tensor<1x16x!qnn.uint<2>>) -> tensor<1x16x!qnn.uint<2>>
    %d1 = dataflow.dwc %f0 {in_elems = 4 : i64, out_elems = 8 : i64} : (tensor<1x16x!qnn.uint<2>>) -> tensor<1x16x!qnn.uint<2>>
    %f1 = dataflow.fifo %d1 {depth = 1024 : i64, ram_style = "block", elems = 8 : i64} : (tensor<1x16x!qnn.uint<2>>) -> tensor<1x16x!qnn.uint<2>>
    %m1 = dataflow.mvau %f1 {weights = dense<1> : tensor<16x4xi8>, weight_dtype = !qnn.int<2>, thresholds = dense<0> : tensor<4x3xi8>, simd = 8 : i64} : (tensor<1x16x!qnn.uint<2>>) -> tensor<1x4x!qnn.uint<2>>
    // down-converting: 4 elements per beat into 1 (and back, a no-op pair)
    %d2 = dataflow.dwc %m1 {in_elems = 4 : i64, out_elems = 1 : i64} : (tensor<1x4x!qnn.uint<2>>) -> tensor<1x4x!qnn.uint<2>>
    %d3 = dataflow.dwc %d2 {in_elems = 1 : i64, out_elems = 1 : i64} : (tensor<1x4x!qnn.uint<2>>) -> tensor<1x4x!qnn.uint<2>>
    %o = dataflow.fifo %d3 {ram_style = "distributed"} : (tensor<1x4x!qnn.uint<2>>) -> tensor<1x4x!qnn.uint<2>>
    dataflow.yield %o : tensor<1x4x!qnn.uint<2>>
  }
  func.return %r : tensor<1x4x!qnn.uint<2>>
}
// CHECK:      %[[I:.*]] = dataflow.fifo %{{.*}} {depth = 32 : i64, elems = 2 : i64} : (tensor<1x16x!qnn.uint<2>>) -> tensor<1x16x!qnn.uint<2>>
// CHECK-NEXT: %[[D0:.*]] = dataflow.dwc %[[I]] {in_elems = 2 : i64, out_elems = 16 : i64} : (tensor<1x16x!qnn.uint<2>>) -> tensor<1x16x!qnn.uint<2>>
// CHECK-NEXT: %[[M0:.*]] = dataflow.mvau %[[D0]] {{.*}}pe = 4 : i64, simd = 16 : i64}
// CHECK-NEXT: %[[F0:.*]] = dataflow.fifo %[[M0]] {depth = 4 : i64, elems = 4 : i64}
// CHECK-NEXT: %[[D1:.*]] = dataflow.dwc %[[F0]] {in_elems = 4 : i64, out_elems = 8 : i64}
// CHECK-NEXT: %[[F1:.*]] = dataflow.fifo %[[D1]] {depth = 1024 : i64, ram_style = "block", elems = 8 : i64}
// CHECK-NEXT: %[[M1:.*]] = dataflow.mvau %[[F1]] {{.*}}simd = 8 : i64}
// CHECK-NEXT: %[[D2:.*]] = dataflow.dwc %[[M1]] {in_elems = 4 : i64, out_elems = 1 : i64} : (tensor<1x4x!qnn.uint<2>>) -> tensor<1x4x!qnn.uint<2>>
// CHECK-NEXT: %[[D3:.*]] = dataflow.dwc %[[D2]] {in_elems = 1 : i64, out_elems = 1 : i64}
// CHECK-NEXT: %[[O:.*]] = dataflow.fifo %[[D3]] {ram_style = "distributed"} : (tensor<1x4x!qnn.uint<2>>) -> tensor<1x4x!qnn.uint<2>>
// CHECK-NEXT: dataflow.yield %[[O]] : tensor<1x4x!qnn.uint<2>>

// FIFOs on a 4-D convolution stream: elems divides the channel count.
// CHECK-LABEL: func.func @conv_stream
func.func @conv_stream(%x: tensor<1x4x4x12x!qnn.int<8>>) -> tensor<1x4x4x12x!qnn.int<8>> {
  %r = dataflow.partition (%a = %x : tensor<1x4x4x12x!qnn.int<8>>) -> (tensor<1x4x4x12x!qnn.int<8>>) {
    %f0 = dataflow.fifo %a {depth = 64 : i64, ram_style = "ultra", elems = 12 : i64} : (tensor<1x4x4x12x!qnn.int<8>>) -> tensor<1x4x4x12x!qnn.int<8>>
    %d = dataflow.dwc %f0 {in_elems = 12 : i64, out_elems = 3 : i64} : (tensor<1x4x4x12x!qnn.int<8>>) -> tensor<1x4x4x12x!qnn.int<8>>
    %f1 = dataflow.fifo %d {depth = 1 : i64, elems = 3 : i64} : (tensor<1x4x4x12x!qnn.int<8>>) -> tensor<1x4x4x12x!qnn.int<8>>
    dataflow.yield %f1 : tensor<1x4x4x12x!qnn.int<8>>
  }
  func.return %r : tensor<1x4x4x12x!qnn.int<8>>
}
// CHECK:      dataflow.fifo %{{.*}} {depth = 64 : i64, ram_style = "ultra", elems = 12 : i64} : (tensor<1x4x4x12x!qnn.int<8>>) -> tensor<1x4x4x12x!qnn.int<8>>
// CHECK-NEXT: dataflow.dwc %{{.*}} {in_elems = 12 : i64, out_elems = 3 : i64} : (tensor<1x4x4x12x!qnn.int<8>>) -> tensor<1x4x4x12x!qnn.int<8>>
// CHECK-NEXT: dataflow.fifo %{{.*}} {depth = 1 : i64, elems = 3 : i64} : (tensor<1x4x4x12x!qnn.int<8>>) -> tensor<1x4x4x12x!qnn.int<8>>
