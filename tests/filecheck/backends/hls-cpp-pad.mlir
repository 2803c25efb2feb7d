// hls-cpp, pad: finnr::pad<N, H, W, C, TOP, LEFT, BOTTOM, RIGHT, SIMD, T,
// VALUE>; the pad value is a signed template argument.
// RUN: finnr-opt %s -t hls-cpp | filecheck %s

// CHECK-LABEL: // kernel pad: pad0
// CHECK-NEXT:  void pad0(hls::stream<ap_uint<8> > &in0, hls::stream<ap_uint<8> > &out0) {
// CHECK:         finnr::pad<1, 5, 6, 4, 1, 2, 0, 1, 2, finnr::Int<4>, -3>(in0, out0);

hls.top @padding(%in0 : !hls.stream<!qnn.int<4>, 2>) -> (%out0 : !hls.stream<!qnn.int<4>, 2>) {
  hls.kernel "pad" "pad0" ins(%in0 : !hls.stream<!qnn.int<4>, 2>) outs(%out0 : !hls.stream<!qnn.int<4>, 2>) params {N = 1 : i64, H = 5 : i64, W = 6 : i64, C = 4 : i64, TOP = 1 : i64, LEFT = 2 : i64, BOTTOM = 0 : i64, RIGHT = 1 : i64, SIMD = 2 : i64, T = !qnn.int<4>, VALUE = -3 : i64}
  hls.yield
}
