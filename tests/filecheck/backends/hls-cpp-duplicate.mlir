// hls-cpp, duplicate: finnr::duplicate<ELEMS, BEATS, T> with as many output
// streams as the kernel has.
// RUN: finnr-opt %s -t hls-cpp | filecheck %s

// CHECK-LABEL: // kernel duplicate: fork0
// CHECK-NEXT:  void fork0(hls::stream<ap_uint<6> > &in0, hls::stream<ap_uint<6> > &out0, hls::stream<ap_uint<6> > &out1, hls::stream<ap_uint<6> > &out2) {
// CHECK-NEXT:  #pragma HLS INTERFACE axis port=in0
// CHECK-NEXT:  #pragma HLS INTERFACE axis port=out0
// CHECK-NEXT:  #pragma HLS INTERFACE axis port=out1
// CHECK-NEXT:  #pragma HLS INTERFACE axis port=out2
// CHECK:         finnr::duplicate<2, 2, finnr::Int<3>>(in0, out0, out1, out2);

hls.top @fork(%in0 : !hls.stream<!qnn.int<3>, 2>) -> (%a : !hls.stream<!qnn.int<3>, 2>, %b : !hls.stream<!qnn.int<3>, 2>, %c : !hls.stream<!qnn.int<3>, 2>) {
  hls.kernel "duplicate" "fork0" ins(%in0 : !hls.stream<!qnn.int<3>, 2>) outs(%a, %b, %c : !hls.stream<!qnn.int<3>, 2>, !hls.stream<!qnn.int<3>, 2>, !hls.stream<!qnn.int<3>, 2>) params {ELEMS = 2 : i64, BEATS = 2 : i64, T = !qnn.int<3>}
  hls.yield
}
