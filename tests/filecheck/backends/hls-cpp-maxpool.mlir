// hls-cpp, maxpool: finnr::maxpool<N, H, W, C, KH, KW, SH, SW, OH, OW, PE, T>.
// RUN: finnr-opt %s -t hls-cpp | filecheck %s

// CHECK-LABEL: // kernel maxpool: pool0
// CHECK-NEXT:  void pool0(hls::stream<ap_uint<2> > &in0, hls::stream<ap_uint<2> > &out0) {
// CHECK:         finnr::maxpool<1, 28, 28, 64, 2, 2, 2, 2, 14, 14, 2, finnr::Bipolar>(in0, out0);

hls.top @pool(%in0 : !hls.stream<!qnn.bipolar, 2>) -> (%out0 : !hls.stream<!qnn.bipolar, 2>) {
  hls.kernel "maxpool" "pool0" ins(%in0 : !hls.stream<!qnn.bipolar, 2>) outs(%out0 : !hls.stream<!qnn.bipolar, 2>) params {N = 1 : i64, H = 28 : i64, W = 28 : i64, C = 64 : i64, KH = 2 : i64, KW = 2 : i64, SH = 2 : i64, SW = 2 : i64, OH = 14 : i64, OW = 14 : i64, PE = 2 : i64, T = !qnn.bipolar}
  hls.yield
}
