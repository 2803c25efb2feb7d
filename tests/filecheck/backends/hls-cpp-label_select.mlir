// hls-cpp, label_select: finnr::label_select<L, K, PE, VECS, TI, TO>, one
// index per output beat.
// RUN: finnr-opt %s -t hls-cpp | filecheck %s

// CHECK-LABEL: // kernel label_select: top1
// CHECK-NEXT:  void top1(hls::stream<ap_uint<15> > &in0, hls::stream<ap_uint<4> > &out0) {
// CHECK:         finnr::label_select<10, 3, 5, 1, finnr::Int<3>, finnr::UInt<4>>(in0, out0);

hls.top @labels(%in0 : !hls.stream<!qnn.int<3>, 5>) -> (%out0 : !hls.stream<!qnn.uint<4>, 1>) {
  hls.kernel "label_select" "top1" ins(%in0 : !hls.stream<!qnn.int<3>, 5>) outs(%out0 : !hls.stream<!qnn.uint<4>, 1>) params {L = 10 : i64, K = 3 : i64, PE = 5 : i64, VECS = 1 : i64, TI = !qnn.int<3>, TO = !qnn.uint<4>}
  hls.yield
}
