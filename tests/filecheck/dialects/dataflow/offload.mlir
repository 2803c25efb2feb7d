// RUN: finnr-opt %s | filecheck %s
// RUN: finnr-opt %s --print-op-generic | finnr-opt | filecheck %s
// RUN: finnr-opt %s -p dce | filecheck %s --check-prefix=DCE

// A multi-layer-offload accelerator: a shared engine (a symbol, kept by DCE
// although nothing uses its results: it has none and is not pure), layers
// bound to it with the engine's PE/SIMD (dimensions they need not divide:
// MH 10 and MW 12 on a 4 x 8 engine) and off-chip weights; non-weighted
// layers between them.

// CHECK-LABEL: func.func @mo
// CHECK:         %{{.*}} = dataflow.offload "accel" (%[[A:.*]] = %{{.*}} : tensor<1x12x!qnn.uint<2>>) -> (tensor<1x10x!qnn.uint<2>>) {
// CHECK-NEXT:      dataflow.engine @mvau_engine {pe = 4 : i64, simd = 8 : i64, wbits = 2 : i64, abits = 2 : i64}
// CHECK-NEXT:      %[[H:.*]] = dataflow.mvau %[[A]] {weights = dense<1> : tensor<12x10xi8>, weight_dtype = !qnn.int<2>, pe = 4 : i64, simd = 8 : i64, mem_mode = "external", engine = @mvau_engine} : (tensor<1x12x!qnn.uint<2>>) -> tensor<1x10x!qnn.int<8>>
// CHECK-NEXT:      %[[T:.*]] = dataflow.thresholding %[[H]]
// CHECK-NEXT:      dataflow.yield %[[T]] : tensor<1x10x!qnn.uint<2>>
// DCE:           dataflow.engine @mvau_engine
func.func @mo(%x: tensor<1x12x!qnn.uint<2>>) -> tensor<1x10x!qnn.uint<2>> {
  %y = dataflow.offload "accel" (%a = %x : tensor<1x12x!qnn.uint<2>>) -> (tensor<1x10x!qnn.uint<2>>) {
    dataflow.engine @mvau_engine {pe = 4 : i64, simd = 8 : i64, wbits = 2 : i64, abits = 2 : i64}
    %h = dataflow.mvau %a {weights = dense<1> : tensor<12x10xi8>, weight_dtype = !qnn.int<2>, pe = 4 : i64, simd = 8 : i64, mem_mode = "external", engine = @mvau_engine} : (tensor<1x12x!qnn.uint<2>>) -> tensor<1x10x!qnn.int<8>>
    %t = dataflow.thresholding %h {thresholds = dense<[[0, 2, 4]]> : tensor<1x3xi8>} : (tensor<1x10x!qnn.int<8>>) -> tensor<1x10x!qnn.uint<2>>
    dataflow.yield %t : tensor<1x10x!qnn.uint<2>>
  }
  func.return %y : tensor<1x10x!qnn.uint<2>>
}
