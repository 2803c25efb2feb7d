// hls-cpp, thresholding: finnr::thresholding<C, PE, VECS, TI, TO, NT, TT,
// ACT_BIAS> with its PE x C/PE x NT threshold ROM; a word holds the NT
// thresholds of one channel (INT7 [-20, 0, 5] -> 0x5 << 14 | 0 | 0x6c).
// RUN: finnr-opt %s -t hls-cpp | filecheck %s

// CHECK-LABEL: // kernel thresholding: th0
// CHECK-NEXT:  void th0(hls::stream<ap_uint<18> > &in0, hls::stream<ap_uint<9> > &out0) {
// CHECK:         // 3 x 2 words of 3 x INT7 (21 bits, 1 limb(s) of 21)
// CHECK-NEXT:    static const finnr::rom_limb<21>::type th0_thresholds[3][2][1] = {
// CHECK-NEXT:      0x1406c, 0x0, 0x81, 0x1fff81, 0x1fc000, 0x8182
// CHECK-NEXT:    };
// CHECK-NEXT:  #pragma HLS ARRAY_PARTITION variable=th0_thresholds dim=1 complete
// CHECK-NEXT:    finnr::thresholding<6, 3, 12, finnr::Int<6>, finnr::Int<3>, 3, finnr::Int<7>, -1>(in0, out0, th0_thresholds);

hls.top @th(%in0 : !hls.stream<!qnn.int<6>, 3>) -> (%out0 : !hls.stream<!qnn.int<3>, 3>) {
  %t = hls.rom "th0_thresholds" dense<[[[-20, 0, 5], [0, 0, 0]], [[1, 1, 0], [1, -1, -1]], [[0, 0, -1], [2, 3, 2]]]> : tensor<3x2x3xi8> -> tensor<3x2x3x!qnn.int<7>>
  hls.kernel "thresholding" "th0" ins(%in0 : !hls.stream<!qnn.int<6>, 3>) outs(%out0 : !hls.stream<!qnn.int<3>, 3>) roms(%t : tensor<3x2x3x!qnn.int<7>>) params {C = 6 : i64, PE = 3 : i64, VECS = 12 : i64, TI = !qnn.int<6>, TO = !qnn.int<3>, NT = 3 : i64, TT = !qnn.int<7>, ACT_BIAS = -1 : i64}
  hls.yield
}
