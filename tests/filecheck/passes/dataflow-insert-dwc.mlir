// dataflow-insert-dwc: a data-width converter wherever a producer's output
// stream carries a different number of elements per beat than its
// consumer reads (an MVAU reads SIMD and writes PE elements, an SWU reads
// and writes SIMD, thresholding/maxpool/add_streams PE). Streams whose
// widths agree, and the partition's inputs and outputs, are left alone, so
// running the pass twice changes nothing more.
// RUN: finnr-opt %s --split-input-file -p dataflow-insert-dwc | filecheck %s
// RUN: finnr-opt %s --split-input-file -p dataflow-insert-dwc,dataflow-insert-dwc | filecheck %s

// PE 2 feeding SIMD 4: a 2 -> 4 converter. The partition input (from the
// host) and the yielded result get none.
// CHECK-LABEL: func.func @mlp(
// CHECK:         %[[A:[^ ]*]] = dataflow.partition
// CHECK-NEXT:      %[[H:[^ ]*]] = dataflow.mvau %{{[^ ]*}} {{.*}}pe = 2 : i64, simd = 4 : i64} : (tensor<1x8x!qnn.uint<2>>) -> tensor<1x8x!qnn.uint<2>>
// CHECK-NEXT:      %[[D:[^ ]*]] = dataflow.dwc %[[H]] {in_elems = 2 : i64, out_elems = 4 : i64} : (tensor<1x8x!qnn.uint<2>>) -> tensor<1x8x!qnn.uint<2>>
// CHECK-NEXT:      %[[O:[^ ]*]] = dataflow.mvau %[[D]] {{.*}}pe = 4 : i64, simd = 4 : i64}
// CHECK-NEXT:      dataflow.yield %[[O]]
// CHECK-NOT:     dataflow.dwc
func.func @mlp(%x: tensor<1x8x!qnn.uint<2>>) -> tensor<1x4x!qnn.int<8>> {
  %y = dataflow.partition (%a = %x : tensor<1x8x!qnn.uint<2>>) -> (tensor<1x4x!qnn.int<8>>) {
    %h = dataflow.mvau %a {weights = dense<1> : tensor<8x8xi8>, weight_dtype = !qnn.int<2>, thresholds = dense<[[0, 4, 8]]> : tensor<1x3xi8>, pe = 2 : i64, simd = 4 : i64} : (tensor<1x8x!qnn.uint<2>>) -> tensor<1x8x!qnn.uint<2>>
    %o = dataflow.mvau %h {weights = dense<1> : tensor<8x4xi8>, weight_dtype = !qnn.int<2>, pe = 4 : i64, simd = 4 : i64} : (tensor<1x8x!qnn.uint<2>>) -> tensor<1x4x!qnn.int<8>>
    dataflow.yield %o : tensor<1x4x!qnn.int<8>>
  }
  func.return %y : tensor<1x4x!qnn.int<8>>
}

// -----

// SWU SIMD 2 feeding an MVAU of SIMD 6: 2 -> 6. MVAU PE 4 feeding a
// maxpool of PE 4: nothing.
// CHECK-LABEL: func.func @conv(
// CHECK:         %[[W:[^ ]*]] = dataflow.swu %{{[^ ]*}} {kernel = array<i64: 3, 3>, simd = 2 : i64}
// CHECK-NEXT:    %[[D:[^ ]*]] = dataflow.dwc %[[W]] {in_elems = 2 : i64, out_elems = 6 : i64} : (tensor<1x2x2x18x!qnn.uint<2>>) -> tensor<1x2x2x18x!qnn.uint<2>>
// CHECK-NEXT:    %[[H:[^ ]*]] = dataflow.mvau %[[D]] {{.*}}pe = 4 : i64, simd = 6 : i64}
// CHECK-NEXT:    %[[M:[^ ]*]] = dataflow.maxpool %[[H]] {kernel = array<i64: 1, 1>, pe = 4 : i64}
// CHECK-NEXT:    dataflow.yield %[[M]]
// CHECK-NOT:     dataflow.dwc
func.func @conv(%x: tensor<1x4x4x2x!qnn.uint<2>>) -> tensor<1x2x2x4x!qnn.uint<2>> {
  %y = dataflow.partition (%a = %x : tensor<1x4x4x2x!qnn.uint<2>>) -> (tensor<1x2x2x4x!qnn.uint<2>>) {
    %w = dataflow.swu %a {kernel = array<i64: 3, 3>, simd = 2 : i64} : (tensor<1x4x4x2x!qnn.uint<2>>) -> tensor<1x2x2x18x!qnn.uint<2>>
    %h = dataflow.mvau %w {weights = dense<1> : tensor<18x4xi8>, weight_dtype = !qnn.int<2>, thresholds = dense<[[0, 4, 8]]> : tensor<1x3xi8>, pe = 4 : i64, simd = 6 : i64} : (tensor<1x2x2x18x!qnn.uint<2>>) -> tensor<1x2x2x4x!qnn.uint<2>>
    %m = dataflow.maxpool %h {kernel = array<i64: 1, 1>, pe = 4 : i64} : (tensor<1x2x2x4x!qnn.uint<2>>) -> tensor<1x2x2x4x!qnn.uint<2>>
    dataflow.yield %m : tensor<1x2x2x4x!qnn.uint<2>>
  }
  func.return %y : tensor<1x2x2x4x!qnn.uint<2>>
}

// -----

// A wide-to-narrow stream (MVAU PE 8 into a thresholding of PE 2), a
// stream read by two layers (PE 2 into PE 2: nothing; into PE 4: 2 -> 4)
// and, on a two-input layer, only the operand whose width differs (PE 2
// into an add_streams of PE 4; the PE 4 operand matches).
// CHECK-LABEL: func.func @narrow_and_join(
// CHECK:         %[[H:[^ ]*]] = dataflow.mvau
// CHECK-NEXT:    %[[D0:[^ ]*]] = dataflow.dwc %[[H]] {in_elems = 8 : i64, out_elems = 2 : i64}
// CHECK-NEXT:    %[[T:[^ ]*]] = dataflow.thresholding %[[D0]] {{.*}}pe = 2 : i64}
// CHECK-NEXT:    %[[U:[^ ]*]] = dataflow.thresholding %[[T]] {{.*}}pe = 2 : i64}
// CHECK-NEXT:    %[[D1:[^ ]*]] = dataflow.dwc %[[T]] {in_elems = 2 : i64, out_elems = 4 : i64}
// CHECK-NEXT:    %[[V:[^ ]*]] = dataflow.thresholding %[[D1]] {{.*}}pe = 4 : i64}
// CHECK-NEXT:    %[[D2:[^ ]*]] = dataflow.dwc %[[U]] {in_elems = 2 : i64, out_elems = 4 : i64}
// CHECK-NEXT:    %[[S:[^ ]*]] = dataflow.add_streams %[[D2]], %[[V]] {pe = 4 : i64}
// CHECK-NEXT:    dataflow.yield %[[S]]
func.func @narrow_and_join(%x: tensor<1x8x!qnn.uint<2>>) -> tensor<1x8x!qnn.uint<3>> {
  %y = dataflow.partition (%a = %x : tensor<1x8x!qnn.uint<2>>) -> (tensor<1x8x!qnn.uint<3>>) {
    %h = dataflow.mvau %a {weights = dense<1> : tensor<8x8xi8>, weight_dtype = !qnn.int<2>, pe = 8 : i64, simd = 8 : i64} : (tensor<1x8x!qnn.uint<2>>) -> tensor<1x8x!qnn.int<8>>
    %t = dataflow.thresholding %h {thresholds = dense<[[0, 2, 4]]> : tensor<1x3xi8>, pe = 2 : i64} : (tensor<1x8x!qnn.int<8>>) -> tensor<1x8x!qnn.uint<2>>
    %u = dataflow.thresholding %t {thresholds = dense<[[1, 2, 3]]> : tensor<1x3xi8>, pe = 2 : i64} : (tensor<1x8x!qnn.uint<2>>) -> tensor<1x8x!qnn.uint<2>>
    %v = dataflow.thresholding %t {thresholds = dense<[[1, 2, 3]]> : tensor<1x3xi8>, pe = 4 : i64} : (tensor<1x8x!qnn.uint<2>>) -> tensor<1x8x!qnn.uint<2>>
    %s = dataflow.add_streams %u, %v {pe = 4 : i64} : (tensor<1x8x!qnn.uint<2>>, tensor<1x8x!qnn.uint<2>>) -> tensor<1x8x!qnn.uint<3>>
    dataflow.yield %s : tensor<1x8x!qnn.uint<3>>
  }
  func.return %y : tensor<1x8x!qnn.uint<3>>
}

// -----

// Nothing to convert: equal widths everywhere (SWU SIMD 2 into an MVAU of
// SIMD 2, PE 1 into a thresholding of PE 1); an unfolded network is left
// unchanged.
// CHECK-LABEL: func.func @matching(
// CHECK-NOT:     dataflow.dwc
// CHECK:         dataflow.yield
// CHECK-NOT:     dataflow.dwc
func.func @matching(%x: tensor<1x4x4x2x!qnn.uint<2>>) -> tensor<1x2x2x4x!qnn.uint<2>> {
  %y = dataflow.partition (%a = %x : tensor<1x4x4x2x!qnn.uint<2>>) -> (tensor<1x2x2x4x!qnn.uint<2>>) {
    %w = dataflow.swu %a {kernel = array<i64: 3, 3>, simd = 2 : i64} : (tensor<1x4x4x2x!qnn.uint<2>>) -> tensor<1x2x2x18x!qnn.uint<2>>
    %h = dataflow.mvau %w {weights = dense<1> : tensor<18x4xi8>, weight_dtype = !qnn.int<2>, simd = 2 : i64} : (tensor<1x2x2x18x!qnn.uint<2>>) -> tensor<1x2x2x4x!qnn.int<8>>
    %t = dataflow.thresholding %h {thresholds = dense<[[0, 2, 4]]> : tensor<1x3xi8>} : (tensor<1x2x2x4x!qnn.int<8>>) -> tensor<1x2x2x4x!qnn.uint<2>>
    dataflow.yield %t : tensor<1x2x2x4x!qnn.uint<2>>
  }
  func.return %y : tensor<1x2x2x4x!qnn.uint<2>>
}
