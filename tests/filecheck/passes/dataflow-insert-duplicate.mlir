// dataflow-insert-duplicate: a dataflow.duplicate wherever a value of a
// partition has several readers (layers or the partition's outputs), one
// output per reader in block order, as wide as the stream it copies (the
// producer's output width; for a partition input the width of its first
// layer, or 1). Values with one reader are left alone, so a chain is
// unchanged and running the pass twice changes nothing more.
// RUN: finnr-opt %s --split-input-file -p dataflow-insert-duplicate | filecheck %s
// RUN: finnr-opt %s --split-input-file -p dataflow-insert-duplicate,dataflow-insert-duplicate | filecheck %s
// RUN: finnr-opt %s --split-input-file -p dataflow-insert-duplicate,dataflow-insert-dwc | filecheck %s --check-prefix=DWC

// A residual block: the thresholding's result feeds an MVAU, the join and
// output #1 (three readers: a fork of width PE = 2 right after it).
// CHECK-LABEL: func.func @residual(
// CHECK:         %[[T:[^ ]+]] = dataflow.thresholding %{{[^ ]+}}
// CHECK-NEXT:    %[[D:[^ ]+]], %[[D1:[^ ]+]], %[[D2:[^ ]+]] = dataflow.duplicate %[[T]] {pe = 2 : i64} : (tensor<1x4x!qnn.uint<2>>) -> (tensor<1x4x!qnn.uint<2>>, tensor<1x4x!qnn.uint<2>>, tensor<1x4x!qnn.uint<2>>)
// CHECK-NEXT:    %[[M:[^ ]+]] = dataflow.mvau %[[D]]
// CHECK-NEXT:    %[[S:[^ ]+]] = dataflow.add_streams %[[M]], %[[D1]]
// CHECK-NEXT:    dataflow.yield %[[S]], %[[D2]]
// CHECK-NOT:     dataflow.duplicate
func.func @residual(%x: tensor<1x4x!qnn.int<3>>) -> (tensor<1x4x!qnn.int<4>>, tensor<1x4x!qnn.uint<2>>) {
  %y:2 = dataflow.partition (%a = %x : tensor<1x4x!qnn.int<3>>) -> (tensor<1x4x!qnn.int<4>>, tensor<1x4x!qnn.uint<2>>) {
    %t = dataflow.thresholding %a {thresholds = dense<[[0.5, 1.5, 2.5]]> : tensor<1x3xf32>, pe = 2 : i64} : (tensor<1x4x!qnn.int<3>>) -> tensor<1x4x!qnn.uint<2>>
    %m = dataflow.mvau %t {weights = dense<1> : tensor<4x4xi8>, weight_dtype = !qnn.int<2>, thresholds = dense<[[0, 4, 8]]> : tensor<1x3xi8>, pe = 2 : i64, simd = 2 : i64} : (tensor<1x4x!qnn.uint<2>>) -> tensor<1x4x!qnn.uint<2>>
    %s = dataflow.add_streams %m, %t {pe = 2 : i64} : (tensor<1x4x!qnn.uint<2>>, tensor<1x4x!qnn.uint<2>>) -> tensor<1x4x!qnn.int<4>>
    dataflow.yield %s, %t : tensor<1x4x!qnn.int<4>>, tensor<1x4x!qnn.uint<2>>
  }
  func.return %y#0, %y#1 : tensor<1x4x!qnn.int<4>>, tensor<1x4x!qnn.uint<2>>
}

// -----

// Partition inputs: %a feeds a thresholding (PE 2), an MVAU (SIMD 4) and
// output #1: a fork of width 2 (its first layer's), first in the block;
// dataflow-insert-dwc then converts 2 -> 4 for the MVAU. %b is only yielded,
// twice: a fork of width 1 (the default, not printed). An input read once (%c) gets none.
// CHECK-LABEL: func.func @inputs(
// CHECK:         dataflow.partition
// CHECK-NEXT:      %[[A:[^ ]+]], %[[A1:[^ ]+]], %[[A2:[^ ]+]] = dataflow.duplicate %a {pe = 2 : i64}
// CHECK-NEXT:      %[[B:[^ ]+]], %[[B1:[^ ]+]] = dataflow.duplicate %b : (tensor<1x6x!qnn.uint<4>>)
// CHECK-NEXT:      dataflow.thresholding %[[A]]
// CHECK-NEXT:      dataflow.mvau %[[A1]]
// CHECK-NEXT:      dataflow.thresholding %c
// CHECK-NEXT:      dataflow.yield %{{[^ ]+}}, %[[A2]], %{{[^ ]+}}, %[[B]], %[[B1]], %{{[^ ]+}} :
// DWC-LABEL: func.func @inputs(
// DWC:         %[[A:[^ ]+]], %[[A1:[^ ]+]], %[[A2:[^ ]+]] = dataflow.duplicate %a {pe = 2 : i64}
// DWC:         %[[W:[^ ]+]] = dataflow.dwc %[[A1]] {in_elems = 2 : i64, out_elems = 4 : i64}
// DWC-NEXT:    dataflow.mvau %[[W]]
func.func @inputs(%x: tensor<1x4x!qnn.int<3>>, %z: tensor<1x6x!qnn.uint<4>>, %w: tensor<1x4x!qnn.int<3>>) -> (tensor<1x4x!qnn.uint<1>>, tensor<1x4x!qnn.int<3>>, tensor<1x2x!qnn.int<6>>, tensor<1x6x!qnn.uint<4>>, tensor<1x6x!qnn.uint<4>>, tensor<1x4x!qnn.uint<1>>) {
  %r:6 = dataflow.partition (%a = %x : tensor<1x4x!qnn.int<3>>, %b = %z : tensor<1x6x!qnn.uint<4>>, %c = %w : tensor<1x4x!qnn.int<3>>) -> (tensor<1x4x!qnn.uint<1>>, tensor<1x4x!qnn.int<3>>, tensor<1x2x!qnn.int<6>>, tensor<1x6x!qnn.uint<4>>, tensor<1x6x!qnn.uint<4>>, tensor<1x4x!qnn.uint<1>>) {
    %t = dataflow.thresholding %a {thresholds = dense<[[0.5]]> : tensor<1x1xf32>, pe = 2 : i64} : (tensor<1x4x!qnn.int<3>>) -> tensor<1x4x!qnn.uint<1>>
    %m = dataflow.mvau %a {weights = dense<1> : tensor<4x2xi8>, weight_dtype = !qnn.int<2>, simd = 4 : i64} : (tensor<1x4x!qnn.int<3>>) -> tensor<1x2x!qnn.int<6>>
    %u = dataflow.thresholding %c {thresholds = dense<[[0.5]]> : tensor<1x1xf32>, pe = 4 : i64} : (tensor<1x4x!qnn.int<3>>) -> tensor<1x4x!qnn.uint<1>>
    dataflow.yield %t, %a, %m, %b, %b, %u : tensor<1x4x!qnn.uint<1>>, tensor<1x4x!qnn.int<3>>, tensor<1x2x!qnn.int<6>>, tensor<1x6x!qnn.uint<4>>, tensor<1x6x!qnn.uint<4>>, tensor<1x4x!qnn.uint<1>>
  }
  func.return %r#0, %r#1, %r#2, %r#3, %r#4, %r#5 : tensor<1x4x!qnn.uint<1>>, tensor<1x4x!qnn.int<3>>, tensor<1x2x!qnn.int<6>>, tensor<1x6x!qnn.uint<4>>, tensor<1x6x!qnn.uint<4>>, tensor<1x4x!qnn.uint<1>>
}

// -----

// One op reading a value twice: two readers.
// CHECK-LABEL: func.func @square(
// CHECK:         %[[D:[^ ]+]], %[[D1:[^ ]+]] = dataflow.duplicate %a {pe = 4 : i64}
// CHECK-NEXT:    dataflow.add_streams %[[D]], %[[D1]] {pe = 4 : i64}
func.func @square(%x: tensor<1x4x!qnn.int<3>>) -> tensor<1x4x!qnn.int<4>> {
  %y = dataflow.partition (%a = %x : tensor<1x4x!qnn.int<3>>) -> (tensor<1x4x!qnn.int<4>>) {
    %s = dataflow.add_streams %a, %a {pe = 4 : i64} : (tensor<1x4x!qnn.int<3>>, tensor<1x4x!qnn.int<3>>) -> tensor<1x4x!qnn.int<4>>
    dataflow.yield %s : tensor<1x4x!qnn.int<4>>
  }
  func.return %y : tensor<1x4x!qnn.int<4>>
}

// -----

// A chain (with FIFOs and a converter) is left as it is.
// CHECK-LABEL: func.func @chain(
// CHECK-NOT:     dataflow.duplicate
// CHECK:         dataflow.yield
func.func @chain(%x: tensor<1x8x!qnn.uint<2>>) -> tensor<1x4x!qnn.int<6>> {
  %y = dataflow.partition (%a = %x : tensor<1x8x!qnn.uint<2>>) -> (tensor<1x4x!qnn.int<6>>) {
    %h = dataflow.mvau %a {weights = dense<1> : tensor<8x4xi8>, weight_dtype = !qnn.int<2>, thresholds = dense<[[0, 4, 8]]> : tensor<1x3xi8>, act_bias = -2 : i64, pe = 2 : i64, simd = 4 : i64} : (tensor<1x8x!qnn.uint<2>>) -> tensor<1x4x!qnn.int<2>>
    %f = dataflow.fifo %h {depth = 16 : i64, elems = 2 : i64} : (tensor<1x4x!qnn.int<2>>) -> tensor<1x4x!qnn.int<2>>
    %d = dataflow.dwc %f {in_elems = 2 : i64, out_elems = 4 : i64} : (tensor<1x4x!qnn.int<2>>) -> tensor<1x4x!qnn.int<2>>
    %o = dataflow.mvau %d {weights = dense<1> : tensor<4x4xi8>, weight_dtype = !qnn.int<2>, simd = 4 : i64} : (tensor<1x4x!qnn.int<2>>) -> tensor<1x4x!qnn.int<6>>
    dataflow.yield %o : tensor<1x4x!qnn.int<6>>
  }
  func.return %y : tensor<1x4x!qnn.int<6>>
}
