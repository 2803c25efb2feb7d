// hls-cpp, swu: finnr::swu<N, H, W, C, KH, KW, SH, SW, DH, DW, OH, OW,
// SIMD, T>, SIMD elements per beat in and out.
// RUN: finnr-opt %s -t hls-cpp | filecheck %s

// CHECK-LABEL: // kernel swu: swu0
// CHECK-NEXT:  void swu0(hls::stream<ap_uint<8> > &in0, hls::stream<ap_uint<8> > &out0) {
// CHECK-NEXT:  #pragma HLS INTERFACE axis port=in0
// CHECK-NEXT:  #pragma HLS INTERFACE axis port=out0
// CHECK-NEXT:  #pragma HLS INTERFACE ap_ctrl_none port=return
// CHECK-NEXT:  #pragma HLS INLINE off
// CHECK-NEXT:    finnr::swu<1, 9, 7, 2, 2, 3, 2, 1, 2, 1, 4, 5, 2, finnr::UInt<4>>(in0, out0);
// CHECK-NEXT:  }

hls.top @windows(%in0 : !hls.stream<!qnn.uint<4>, 2>) -> (%out0 : !hls.stream<!qnn.uint<4>, 2>) {
  hls.kernel "swu" "swu0" ins(%in0 : !hls.stream<!qnn.uint<4>, 2>) outs(%out0 : !hls.stream<!qnn.uint<4>, 2>) params {N = 1 : i64, H = 9 : i64, W = 7 : i64, C = 2 : i64, KH = 2 : i64, KW = 3 : i64, SH = 2 : i64, SW = 1 : i64, DH = 2 : i64, DW = 1 : i64, OH = 4 : i64, OW = 5 : i64, SIMD = 2 : i64, T = !qnn.uint<4>}
  hls.yield
}
