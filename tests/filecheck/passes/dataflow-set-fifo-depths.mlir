// dataflow-set-fifo-depths: FIFO depths from a FINN hardware config (FIFO
// name -> {"depth": N}, the fifo_depths.json of `finnr rtlsim --size-fifos`).
// FIFOs the file does not name keep their depth; entries of other layer
// kinds are ignored. Refused: a name that is no FIFO of the module, a depth
// that is not a positive integer, a missing file, no config at all.
// RUN: finnr-opt %s -p 'dataflow-set-fifo-depths{config="%S/Inputs/fifo_depths.json"}' | filecheck %s
// RUN: not finnr-opt %s -p 'dataflow-set-fifo-depths{config="%S/Inputs/fifo_depths_unknown.json"}' 2>&1 | filecheck %s --check-prefix=UNKNOWN
// RUN: not finnr-opt %s -p 'dataflow-set-fifo-depths{config="%S/Inputs/fifo_depths_bad.json"}' 2>&1 | filecheck %s --check-prefix=BAD
// RUN: not finnr-opt %s -p 'dataflow-set-fifo-depths{config="%S/Inputs/missing.json"}' 2>&1 | filecheck %s --check-prefix=MISSING
// RUN: not finnr-opt %s -p dataflow-set-fifo-depths 2>&1 | filecheck %s --check-prefix=NONE

// UNKNOWN: fifo_depths_unknown.json: no FIFO named StreamingFIFO_rtl_7 in this module (its FIFOs: StreamingFIFO_rtl_0, StreamingFIFO_rtl_1; run dataflow-insert-fifo first)
// BAD: fifo_depths_bad.json: 'StreamingFIFO_rtl_0': depth must be a positive integer, got 0
// MISSING: missing.json: cannot read the folding config
// NONE: dataflow-set-fifo-depths needs config=PATH

// CHECK-LABEL: func.func @mlp(
// CHECK:         %[[H:[^ ]*]] = dataflow.mvau %{{.*}}pe = 4 : i64
// CHECK-NEXT:    %[[F0:[^ ]*]] = dataflow.fifo %[[H]] {elems = 2 : i64}
// CHECK-NEXT:    %[[D:[^ ]*]] = dataflow.dwc %[[F0]]
// CHECK-NEXT:    %[[F1:[^ ]*]] = dataflow.fifo %[[D]] {elems = 4 : i64, depth = 15 : i64}
// CHECK-NEXT:    dataflow.mvau %[[F1]]
func.func @mlp(%x: tensor<1x8x!qnn.uint<2>>) -> tensor<1x4x!qnn.int<8>> {
  %y = dataflow.partition (%a = %x : tensor<1x8x!qnn.uint<2>>) -> (tensor<1x4x!qnn.int<8>>) {
    %h = dataflow.mvau %a {weights = dense<1> : tensor<8x8xi8>, weight_dtype = !qnn.int<2>, thresholds = dense<[[0, 4, 8]]> : tensor<1x3xi8>, pe = 4 : i64, simd = 4 : i64} : (tensor<1x8x!qnn.uint<2>>) -> tensor<1x8x!qnn.uint<2>>
    %f0 = dataflow.fifo %h {elems = 2 : i64} : (tensor<1x8x!qnn.uint<2>>) -> tensor<1x8x!qnn.uint<2>>
    %d = dataflow.dwc %f0 {in_elems = 2 : i64, out_elems = 4 : i64} : (tensor<1x8x!qnn.uint<2>>) -> tensor<1x8x!qnn.uint<2>>
    %f1 = dataflow.fifo %d {elems = 4 : i64} : (tensor<1x8x!qnn.uint<2>>) -> tensor<1x8x!qnn.uint<2>>
    %o = dataflow.mvau %f1 {weights = dense<1> : tensor<8x4xi8>, weight_dtype = !qnn.int<2>, pe = 4 : i64, simd = 4 : i64} : (tensor<1x8x!qnn.uint<2>>) -> tensor<1x4x!qnn.int<8>>
    dataflow.yield %o : tensor<1x4x!qnn.int<8>>
  }
  func.return %y : tensor<1x4x!qnn.int<8>>
}
