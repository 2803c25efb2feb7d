// dataflow-insert-fifo: a FIFO of `depth` beats (default 2) on every
// connection between two layers of a partition, as wide as the producer's
// output stream (elems). Connections already passing through a FIFO are
// left alone, so a second run inserts nothing more.
// RUN: finnr-opt %s --split-input-file -p dataflow-insert-fifo | filecheck %s --check-prefixes=CHECK,DEFAULT
// RUN: finnr-opt %s --split-input-file -p dataflow-insert-fifo,dataflow-insert-fifo | filecheck %s --check-prefixes=CHECK,DEFAULT
// RUN: finnr-opt %s --split-input-file -p 'dataflow-insert-fifo{depth=16}' | filecheck %s --check-prefixes=CHECK,DEEP
// RUN: not finnr-opt %s -p 'dataflow-insert-fifo{depth=0}' 2>&1 | filecheck %s --check-prefix=ZERO

// ZERO: dataflow-insert-fifo: depth must be >= 1, got 0

// Around a width converter: MVAU (PE 2) -> FIFO of 2 elements -> DWC
// (2 -> 4) -> FIFO of 4 elements -> MVAU (SIMD 4). Nothing between the
// partition's input and the first layer, nor after the last.
// CHECK-LABEL: func.func @mlp(
// CHECK:         dataflow.partition
// CHECK-NEXT:      %[[H:[^ ]*]] = dataflow.mvau
// DEFAULT-NEXT:    %[[F0:[^ ]*]] = dataflow.fifo %[[H]] {elems = 2 : i64} : (tensor<1x8x!qnn.uint<2>>) -> tensor<1x8x!qnn.uint<2>>
// DEEP-NEXT:       %[[F0:[^ ]*]] = dataflow.fifo %[[H]] {depth = 16 : i64, elems = 2 : i64} : (tensor<1x8x!qnn.uint<2>>) -> tensor<1x8x!qnn.uint<2>>
// CHECK-NEXT:      %[[D:[^ ]*]] = dataflow.dwc %[[F0]] {in_elems = 2 : i64, out_elems = 4 : i64}
// DEFAULT-NEXT:    %[[F1:[^ ]*]] = dataflow.fifo %[[D]] {elems = 4 : i64}
// DEEP-NEXT:       %[[F1:[^ ]*]] = dataflow.fifo %[[D]] {depth = 16 : i64, elems = 4 : i64}
// CHECK-NEXT:      %[[O:[^ ]*]] = dataflow.mvau %[[F1]]
// CHECK-NEXT:      dataflow.yield %[[O]]
// CHECK-NOT:     dataflow.fifo
func.func @mlp(%x: tensor<1x8x!qnn.uint<2>>) -> tensor<1x4x!qnn.int<8>> {
  %y = dataflow.partition (%a = %x : tensor<1x8x!qnn.uint<2>>) -> (tensor<1x4x!qnn.int<8>>) {
    %h = dataflow.mvau %a {weights = dense<1> : tensor<8x8xi8>, weight_dtype = !qnn.int<2>, thresholds = dense<[[0, 4, 8]]> : tensor<1x3xi8>, pe = 2 : i64, simd = 4 : i64} : (tensor<1x8x!qnn.uint<2>>) -> tensor<1x8x!qnn.uint<2>>
    %d = dataflow.dwc %h {in_elems = 2 : i64, out_elems = 4 : i64} : (tensor<1x8x!qnn.uint<2>>) -> tensor<1x8x!qnn.uint<2>>
    %o = dataflow.mvau %d {weights = dense<1> : tensor<8x4xi8>, weight_dtype = !qnn.int<2>, pe = 4 : i64, simd = 4 : i64} : (tensor<1x8x!qnn.uint<2>>) -> tensor<1x4x!qnn.int<8>>
    dataflow.yield %o : tensor<1x4x!qnn.int<8>>
  }
  func.return %y : tensor<1x4x!qnn.int<8>>
}

// -----

// A FIFO already on a connection (of any depth) is kept and not doubled;
// the other connection gets one. The SWU's FIFO is SIMD (3) wide.
// CHECK-LABEL: func.func @existing(
// CHECK:         %[[W:[^ ]*]] = dataflow.swu %{{[^ ]*}} {kernel = array<i64: 2, 2>, simd = 3 : i64}
// DEFAULT-NEXT:  %[[F0:[^ ]*]] = dataflow.fifo %[[W]] {elems = 3 : i64}
// DEEP-NEXT:     %[[F0:[^ ]*]] = dataflow.fifo %[[W]] {depth = 16 : i64, elems = 3 : i64}
// CHECK-NEXT:    %[[H:[^ ]*]] = dataflow.mvau %[[F0]]
// CHECK-NEXT:    %[[F1:[^ ]*]] = dataflow.fifo %[[H]] {depth = 64 : i64, ram_style = "block"}
// CHECK-NEXT:    %[[M:[^ ]*]] = dataflow.thresholding %[[F1]]
// CHECK-NEXT:    dataflow.yield %[[M]]
func.func @existing(%x: tensor<1x3x3x3x!qnn.uint<2>>) -> tensor<1x2x2x4x!qnn.uint<2>> {
  %y = dataflow.partition (%a = %x : tensor<1x3x3x3x!qnn.uint<2>>) -> (tensor<1x2x2x4x!qnn.uint<2>>) {
    %w = dataflow.swu %a {kernel = array<i64: 2, 2>, simd = 3 : i64} : (tensor<1x3x3x3x!qnn.uint<2>>) -> tensor<1x2x2x12x!qnn.uint<2>>
    %h = dataflow.mvau %w {weights = dense<1> : tensor<12x4xi8>, weight_dtype = !qnn.int<2>, simd = 3 : i64} : (tensor<1x2x2x12x!qnn.uint<2>>) -> tensor<1x2x2x4x!qnn.int<8>>
    %f = dataflow.fifo %h {depth = 64 : i64, ram_style = "block"} : (tensor<1x2x2x4x!qnn.int<8>>) -> tensor<1x2x2x4x!qnn.int<8>>
    %t = dataflow.thresholding %f {thresholds = dense<[[0, 2, 4]]> : tensor<1x3xi8>} : (tensor<1x2x2x4x!qnn.int<8>>) -> tensor<1x2x2x4x!qnn.uint<2>>
    dataflow.yield %t : tensor<1x2x2x4x!qnn.uint<2>>
  }
  func.return %y : tensor<1x2x2x4x!qnn.uint<2>>
}

// -----

// A stream read by two layers gets a FIFO on each connection; an
// add_streams gets one per operand.
// CHECK-LABEL: func.func @branches(
// CHECK:         %[[T:[^ ]*]] = dataflow.thresholding %{{[^ ]*}} {{.*}}pe = 2 : i64}
// CHECK-NEXT:    %[[F0:[^ ]*]] = dataflow.fifo %[[T]] {{.*}}elems = 2 : i64}
// CHECK-NEXT:    %[[U:[^ ]*]] = dataflow.thresholding %[[F0]]
// CHECK-NEXT:    %[[F1:[^ ]*]] = dataflow.fifo %[[T]] {{.*}}elems = 2 : i64}
// CHECK-NEXT:    %[[V:[^ ]*]] = dataflow.thresholding %[[F1]]
// CHECK-NEXT:    %[[F2:[^ ]*]] = dataflow.fifo %[[U]] {{.*}}elems = 2 : i64}
// CHECK-NEXT:    %[[F3:[^ ]*]] = dataflow.fifo %[[V]] {{.*}}elems = 2 : i64}
// CHECK-NEXT:    %[[S:[^ ]*]] = dataflow.add_streams %[[F2]], %[[F3]] {pe = 2 : i64}
// CHECK-NEXT:    dataflow.yield %[[S]]
func.func @branches(%x: tensor<1x8x!qnn.int<4>>) -> tensor<1x8x!qnn.uint<3>> {
  %y = dataflow.partition (%a = %x : tensor<1x8x!qnn.int<4>>) -> (tensor<1x8x!qnn.uint<3>>) {
    %t = dataflow.thresholding %a {thresholds = dense<[[0, 2, 4]]> : tensor<1x3xi8>, pe = 2 : i64} : (tensor<1x8x!qnn.int<4>>) -> tensor<1x8x!qnn.uint<2>>
    %u = dataflow.thresholding %t {thresholds = dense<[[1, 2, 3]]> : tensor<1x3xi8>, pe = 2 : i64} : (tensor<1x8x!qnn.uint<2>>) -> tensor<1x8x!qnn.uint<2>>
    %v = dataflow.thresholding %t {thresholds = dense<[[1, 1, 3]]> : tensor<1x3xi8>, pe = 2 : i64} : (tensor<1x8x!qnn.uint<2>>) -> tensor<1x8x!qnn.uint<2>>
    %s = dataflow.add_streams %u, %v {pe = 2 : i64} : (tensor<1x8x!qnn.uint<2>>, tensor<1x8x!qnn.uint<2>>) -> tensor<1x8x!qnn.uint<3>>
    dataflow.yield %s : tensor<1x8x!qnn.uint<3>>
  }
  func.return %y : tensor<1x8x!qnn.uint<3>>
}
