// dataflow-insert-dwc on a width converter that re-views the frame (the
// flatten convert-qnn-to-dataflow keeps inside a partition): it takes the
// widths of its neighbours (PE 2 of the thresholding, SIMD 8 of the MVAU)
// instead of getting a second converter beside it.
// RUN: finnr-opt %s -p dataflow-insert-dwc | filecheck %s

// CHECK-LABEL: func.func @adopt(
// CHECK:         %[[T:[^ ]*]] = dataflow.thresholding
// CHECK-NEXT:    %[[D:[^ ]*]] = dataflow.dwc %[[T]] {in_elems = 2 : i64, out_elems = 8 : i64} : (tensor<1x2x2x4x!qnn.uint<2>>) -> tensor<1x16x!qnn.uint<2>>
// CHECK-NEXT:    %[[M:[^ ]*]] = dataflow.mvau %[[D]]
// CHECK-NEXT:    dataflow.yield %[[M]]
// CHECK-NOT:     dataflow.dwc
func.func @adopt(%x: tensor<1x2x2x4x!qnn.int<4>>) -> tensor<1x2x!qnn.int<8>> {
  %p = dataflow.partition "dataflow_0" (%a = %x : tensor<1x2x2x4x!qnn.int<4>>) -> (tensor<1x2x!qnn.int<8>>) {
    %t = dataflow.thresholding %a {thresholds = dense<[[-1, 0, 1]]> : tensor<1x3xi8>, pe = 2 : i64} : (tensor<1x2x2x4x!qnn.int<4>>) -> tensor<1x2x2x4x!qnn.uint<2>>
    %d = dataflow.dwc %t {in_elems = 1 : i64, out_elems = 1 : i64} : (tensor<1x2x2x4x!qnn.uint<2>>) -> tensor<1x16x!qnn.uint<2>>
    %m = dataflow.mvau %d {weights = dense<1> : tensor<16x2xi8>, weight_dtype = !qnn.int<2>, simd = 8 : i64} : (tensor<1x16x!qnn.uint<2>>) -> tensor<1x2x!qnn.int<8>>
    dataflow.yield %m : tensor<1x2x!qnn.int<8>>
  }
  func.return %p : tensor<1x2x!qnn.int<8>>
}
