// hls-cpp, add_streams: finnr::add_streams<PE, BEATS, TA, TB, TO> reading
// two streams.
// RUN: finnr-opt %s -t hls-cpp | filecheck %s

// CHECK-LABEL: // kernel add_streams: join0
// CHECK-NEXT:  void join0(hls::stream<ap_uint<16> > &in0, hls::stream<ap_uint<6> > &in1, hls::stream<ap_uint<18> > &out0) {
// CHECK:         finnr::add_streams<2, 4, finnr::Int<8>, finnr::Int<3>, finnr::Int<9>>(in0, in1, out0);
// CHECK-LABEL: void join(
// CHECK:         join0(lhs, rhs, sum);

hls.top @join(%lhs : !hls.stream<!qnn.int<8>, 2>, %rhs : !hls.stream<!qnn.int<3>, 2>) -> (%sum : !hls.stream<!qnn.int<9>, 2>) {
  hls.kernel "add_streams" "join0" ins(%lhs, %rhs : !hls.stream<!qnn.int<8>, 2>, !hls.stream<!qnn.int<3>, 2>) outs(%sum : !hls.stream<!qnn.int<9>, 2>) params {PE = 2 : i64, BEATS = 4 : i64, TA = !qnn.int<8>, TB = !qnn.int<3>, TO = !qnn.int<9>}
  hls.yield
}
