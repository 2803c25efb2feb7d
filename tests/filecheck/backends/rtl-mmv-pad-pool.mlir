// rtl: a pad of M = mmv pixels a beat binds finnr_pad with MMV, a max-pool
// of M > 1 finnr_pool_mmv (no PE: whole pixels), their streams M*C elements
// wide; a max-pool of M = 1 finnr_window.
// RUN: finnr-opt %s -t rtl | filecheck %s

// CHECK:         // stream FMPadding_rtl_0: 6 x !qnn.uint<4> per beat
// CHECK-NEXT:    wire [23:0] FMPadding_rtl_0_tdata;
// CHECK:         // stream StreamingMaxPool_hls_0: 6 x !qnn.uint<4> per beat
// CHECK-LABEL: module mmv_FMPadding_rtl_0 (
// CHECK:         finnr_pad #(
// CHECK-NEXT:      .H(4),
// CHECK-NEXT:      .W(6),
// CHECK-NEXT:      .C(3),
// CHECK-NEXT:      .SIMD(3),
// CHECK-NEXT:      .MMV(2),
// CHECK-LABEL: module mmv_StreamingMaxPool_hls_0 (
// CHECK:         finnr_pool_mmv #(
// CHECK-NEXT:      .H(6),
// CHECK-NEXT:      .W(8),
// CHECK-NEXT:      .C(3),
// CHECK-NEXT:      .MMV(2),
// CHECK-NEXT:      .KH(2),
// CHECK-NEXT:      .KW(2),
// CHECK-NEXT:      .SH(2),
// CHECK-NEXT:      .SW(2),
// CHECK-NEXT:      .OH(3),
// CHECK-NEXT:      .OW(4),
// CHECK-NEXT:      .BITS(4),
// CHECK-NEXT:      .KIND(0)
// CHECK-NEXT:    ) u (
// CHECK-LABEL: module mmv_StreamingMaxPool_hls_1 (
// CHECK:         finnr_window #(
func.func @mmv(%x: tensor<1x4x6x3x!qnn.uint<4>>) -> (tensor<1x3x4x3x!qnn.uint<4>>, tensor<1x3x4x3x!qnn.uint<4>>) {
  %y:2 = dataflow.partition "mmv" (%a = %x : tensor<1x4x6x3x!qnn.uint<4>>) -> (tensor<1x3x4x3x!qnn.uint<4>>, tensor<1x3x4x3x!qnn.uint<4>>) {
    %p = dataflow.pad %a {pads = array<i64: 1, 1, 1, 1>, simd = 3 : i64, mmv = 2 : i64} : (tensor<1x4x6x3x!qnn.uint<4>>) -> tensor<1x6x8x3x!qnn.uint<4>>
    %d:2 = dataflow.duplicate %p {pe = 6 : i64} : (tensor<1x6x8x3x!qnn.uint<4>>) -> (tensor<1x6x8x3x!qnn.uint<4>>, tensor<1x6x8x3x!qnn.uint<4>>)
    %m = dataflow.maxpool %d#0 {kernel = array<i64: 2, 2>, stride = array<i64: 2, 2>, pe = 3 : i64, mmv = 2 : i64} : (tensor<1x6x8x3x!qnn.uint<4>>) -> tensor<1x3x4x3x!qnn.uint<4>>
    %e = dataflow.dwc %d#1 {in_elems = 6 : i64, out_elems = 1 : i64} : (tensor<1x6x8x3x!qnn.uint<4>>) -> tensor<1x6x8x3x!qnn.uint<4>>
    %n = dataflow.maxpool %e {kernel = array<i64: 2, 2>, stride = array<i64: 2, 2>, pe = 1 : i64} : (tensor<1x6x8x3x!qnn.uint<4>>) -> tensor<1x3x4x3x!qnn.uint<4>>
    dataflow.yield %m, %n : tensor<1x3x4x3x!qnn.uint<4>>, tensor<1x3x4x3x!qnn.uint<4>>
  }
  func.return %y#0, %y#1 : tensor<1x3x4x3x!qnn.uint<4>>, tensor<1x3x4x3x!qnn.uint<4>>
}
