// RUN: finnr-opt %s --split-input-file | filecheck %s
// RUN: finnr-opt %s --split-input-file --print-op-generic | finnr-opt --split-input-file | filecheck %s

// mmv (FINN's MMV): M pixels of a row per beat. A parallel-window SWU takes
// two pixels and emits their two whole windows per beat, an MVAU at SIMD =
// MW and PE = MH computes two vectors per beat; a FIFO or width converter
// beat may hold whole pixels of a row (here two windows of 18).

%x = "test.op"() : () -> tensor<1x6x6x2x!qnn.uint<2>>
dataflow.partition (%a = %x : tensor<1x6x6x2x!qnn.uint<2>>) -> () {
  %s = dataflow.swu %a {kernel = array<i64: 3, 3>, simd = 2 : i64, parallel_window = true, mmv = 2 : i64} : (tensor<1x6x6x2x!qnn.uint<2>>) -> tensor<1x4x4x18x!qnn.uint<2>>
  %f = dataflow.fifo %s {depth = 4 : i64, elems = 36 : i64} : (tensor<1x4x4x18x!qnn.uint<2>>) -> tensor<1x4x4x18x!qnn.uint<2>>
  %m = dataflow.mvau %f {weights = dense<1> : tensor<18x4xi8>, weight_dtype = !qnn.int<2>, simd = 18 : i64, pe = 4 : i64, mmv = 2 : i64} : (tensor<1x4x4x18x!qnn.uint<2>>) -> tensor<1x4x4x4x!qnn.int<9>>
  %w = dataflow.dwc %m {in_elems = 8 : i64, out_elems = 16 : i64} : (tensor<1x4x4x4x!qnn.int<9>>) -> tensor<1x4x4x4x!qnn.int<9>>
  dataflow.yield
}

// CHECK:      dataflow.swu %{{.*}} {kernel = array<i64: 3, 3>, simd = 2 : i64, parallel_window = true, mmv = 2 : i64}
// CHECK-NEXT: dataflow.fifo %{{.*}} {depth = 4 : i64, elems = 36 : i64}
// CHECK-NEXT: dataflow.mvau %{{.*}} mmv = 2 : i64
// CHECK-NEXT: dataflow.dwc %{{.*}} {in_elems = 8 : i64, out_elems = 16 : i64}
