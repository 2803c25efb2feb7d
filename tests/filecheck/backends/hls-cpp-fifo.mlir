// hls-cpp, fifo: finnr::fifo<ELEMS, BEATS, T>, a copy between two ports.
// RUN: finnr-opt %s -t hls-cpp | filecheck %s

// CHECK-LABEL: // kernel fifo: copy0
// CHECK-NEXT:  void copy0(hls::stream<ap_uint<4> > &in0, hls::stream<ap_uint<4> > &out0) {
// CHECK:         finnr::fifo<1, 6, finnr::UInt<4>>(in0, out0);

hls.top @copy(%in0 : !hls.stream<!qnn.uint<4>, 1>) -> (%out0 : !hls.stream<!qnn.uint<4>, 1>) {
  hls.kernel "fifo" "copy0" ins(%in0 : !hls.stream<!qnn.uint<4>, 1>) outs(%out0 : !hls.stream<!qnn.uint<4>, 1>) params {ELEMS = 1 : i64, BEATS = 6 : i64, T = !qnn.uint<4>}
  hls.yield
}
