// rtl: a parallel-window SWU binds finnr_window_pw (no SIMD: a whole pixel
// in, a whole window out per beat; its output stream KH*KW*C elements wide);
// a plain one finnr_window.
// RUN: finnr-opt %s -t rtl | filecheck %s

// CHECK:         // stream ConvolutionInputGenerator_rtl_0: 18 x !qnn.uint<3> per beat
// CHECK-NEXT:    wire [53:0] ConvolutionInputGenerator_rtl_0_tdata;
// CHECK:         // stream ConvolutionInputGenerator_rtl_1: 2 x !qnn.uint<3> per beat
// CHECK-LABEL: module pw_ConvolutionInputGenerator_rtl_0 (
// CHECK:         finnr_window_pw #(
// CHECK-NEXT:      .H(5),
// CHECK-NEXT:      .W(6),
// CHECK-NEXT:      .C(2),
// CHECK-NEXT:      .KH(3),
// CHECK-NEXT:      .KW(3),
// CHECK-NEXT:      .SH(1),
// CHECK-NEXT:      .SW(1),
// CHECK-NEXT:      .DH(1),
// CHECK-NEXT:      .DW(1),
// CHECK-NEXT:      .OH(3),
// CHECK-NEXT:      .OW(4),
// CHECK-NEXT:      .BITS(3)
// CHECK-NEXT:    ) u (
// CHECK-LABEL: module pw_ConvolutionInputGenerator_rtl_1 (
// CHECK:         finnr_window #(
func.func @main(%x: tensor<1x5x6x2x!qnn.uint<3>>) -> (tensor<1x3x4x18x!qnn.uint<3>>, tensor<1x3x4x18x!qnn.uint<3>>) {
  %y:2 = dataflow.partition "pw" (%a = %x : tensor<1x5x6x2x!qnn.uint<3>>) -> (tensor<1x3x4x18x!qnn.uint<3>>, tensor<1x3x4x18x!qnn.uint<3>>) {
    %d:2 = dataflow.duplicate %a {pe = 2 : i64} : (tensor<1x5x6x2x!qnn.uint<3>>) -> (tensor<1x5x6x2x!qnn.uint<3>>, tensor<1x5x6x2x!qnn.uint<3>>)
    %s = dataflow.swu %d#0 {kernel = array<i64: 3, 3>, simd = 2 : i64, parallel_window = true} : (tensor<1x5x6x2x!qnn.uint<3>>) -> tensor<1x3x4x18x!qnn.uint<3>>
    %t = dataflow.swu %d#1 {kernel = array<i64: 3, 3>, simd = 2 : i64} : (tensor<1x5x6x2x!qnn.uint<3>>) -> tensor<1x3x4x18x!qnn.uint<3>>
    dataflow.yield %s, %t : tensor<1x3x4x18x!qnn.uint<3>>, tensor<1x3x4x18x!qnn.uint<3>>
  }
  func.return %y#0, %y#1 : tensor<1x3x4x18x!qnn.uint<3>>, tensor<1x3x4x18x!qnn.uint<3>>
}
