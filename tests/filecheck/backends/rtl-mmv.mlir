// rtl: an SWU and an MVAU with two pixels a beat (mmv = 2) bind
// finnr_window_pw and finnr_mvau with MMV = 2 (left out where M = 1); their
// streams carry two pixels a beat: two 2-channel pixels in, two 18-element
// windows, two 4-element outputs.
// RUN: finnr-opt %s -t rtl | filecheck %s

// CHECK:         // stream a: 4 x !qnn.uint<3> per beat
// CHECK:         // stream ConvolutionInputGenerator_rtl_0: 36 x !qnn.uint<3> per beat
// CHECK-NEXT:    wire [107:0] ConvolutionInputGenerator_rtl_0_tdata;
// CHECK:         // stream MVAU_hls_0: 8 x !qnn.int<10> per beat
// CHECK-LABEL: module mmv_ConvolutionInputGenerator_rtl_0 (
// CHECK:         finnr_window_pw #(
// CHECK:           .BITS(3),
// CHECK-NEXT:      .MMV(2)
// CHECK-NEXT:    ) u (
// CHECK-LABEL: module mmv_MVAU_hls_0 (
// CHECK:         input  wire [107:0] in_tdata,
// CHECK:         output wire [79:0] out_tdata,
// CHECK:         finnr_mvau #(
// CHECK:           .LEVELS(2),
// CHECK-NEXT:      .MMV(2),
// CHECK-NEXT:      .WEIGHTS(
// CHECK-LABEL: module mmv_MVAU_hls_1 (
// CHECK:         finnr_mvau #(
// CHECK-NOT:       .MMV
// CHECK:         ) u (
func.func @main(%x: tensor<1x6x6x2x!qnn.uint<3>>) -> tensor<1x4x4x2x!qnn.int<14>> {
  %y = dataflow.partition "mmv" (%a = %x : tensor<1x6x6x2x!qnn.uint<3>>) -> (tensor<1x4x4x2x!qnn.int<14>>) {
    %s = dataflow.swu %a {kernel = array<i64: 3, 3>, simd = 2 : i64, parallel_window = true, mmv = 2 : i64} : (tensor<1x6x6x2x!qnn.uint<3>>) -> tensor<1x4x4x18x!qnn.uint<3>>
    %m = dataflow.mvau %s {weights = dense<1> : tensor<18x4xi8>, weight_dtype = !qnn.int<2>, simd = 18 : i64, pe = 4 : i64, mmv = 2 : i64} : (tensor<1x4x4x18x!qnn.uint<3>>) -> tensor<1x4x4x4x!qnn.int<10>>
    %w = dataflow.dwc %m {in_elems = 8 : i64, out_elems = 4 : i64} : (tensor<1x4x4x4x!qnn.int<10>>) -> tensor<1x4x4x4x!qnn.int<10>>
    %n = dataflow.mvau %w {weights = dense<1> : tensor<4x2xi8>, weight_dtype = !qnn.int<2>, simd = 4 : i64, pe = 2 : i64} : (tensor<1x4x4x4x!qnn.int<10>>) -> tensor<1x4x4x2x!qnn.int<14>>
    dataflow.yield %n : tensor<1x4x4x2x!qnn.int<14>>
  }
  func.return %y : tensor<1x4x4x2x!qnn.int<14>>
}
