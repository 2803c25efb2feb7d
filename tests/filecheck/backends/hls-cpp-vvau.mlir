// hls-cpp, vvau: finnr::vvau<C, K, SIMD, PE, VECS, TI, TW, TO, TA, NT, TT,
// ACT_BIAS>; its input beats carry SIMD * PE elements.
// RUN: finnr-opt %s -t hls-cpp | filecheck %s

// CHECK-LABEL: // kernel vvau: dw0
// CHECK-NEXT:  void dw0(hls::stream<ap_uint<24> > &in0, hls::stream<ap_uint<4> > &out0) {
// CHECK:         static const finnr::rom_limb<6>::type dw0_weights[2][3][1] = {
// CHECK-NEXT:      0x31, 0x31, 0x31, 0x15, 0x15, 0x15
// CHECK-NEXT:    };
// CHECK:         static const finnr::rom_limb<21>::type dw0_thresholds[2][1][1] = {
// CHECK-NEXT:      0x40400, 0x141414
// CHECK-NEXT:    };
// CHECK-NEXT:  #pragma HLS ARRAY_PARTITION variable=dw0_thresholds dim=1 complete
// CHECK-NEXT:    finnr::vvau<2, 9, 3, 2, 16, finnr::UInt<4>, finnr::Int<2>, finnr::UInt<2>, finnr::Int<9>, 3, finnr::UInt<7>, 0>(in0, out0, dw0_weights, dw0_thresholds);
// CHECK-NEXT:  }

// CHECK-LABEL: void dw(
// CHECK:         dw0(in0, out0);

hls.top @dw(%in0 : !hls.stream<!qnn.uint<4>, 6>) -> (%out0 : !hls.stream<!qnn.uint<2>, 2>) {
  %w = hls.rom "dw0_weights" dense<[[[1, 0, -1], [1, 0, -1], [1, 0, -1]], [[1, 1, 1], [1, 1, 1], [1, 1, 1]]]> : tensor<2x3x3xi8> -> tensor<2x3x3x!qnn.int<2>>
  %t = hls.rom "dw0_thresholds" dense<[[[0, 8, 16]], [[20, 40, 80]]]> : tensor<2x1x3xi8> -> tensor<2x1x3x!qnn.uint<7>>
  hls.kernel "vvau" "dw0" ins(%in0 : !hls.stream<!qnn.uint<4>, 6>) outs(%out0 : !hls.stream<!qnn.uint<2>, 2>) roms(%w, %t : tensor<2x3x3x!qnn.int<2>>, tensor<2x1x3x!qnn.uint<7>>) params {C = 2 : i64, K = 9 : i64, SIMD = 3 : i64, PE = 2 : i64, VECS = 16 : i64, TI = !qnn.uint<4>, TW = !qnn.int<2>, TO = !qnn.uint<2>, TA = !qnn.int<9>, NT = 3 : i64, TT = !qnn.uint<7>, ACT_BIAS = 0 : i64}
  hls.yield
}
