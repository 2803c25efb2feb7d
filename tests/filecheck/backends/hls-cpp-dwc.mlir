// hls-cpp, dwc: finnr::dwc<IN, OUT, TOTAL, T>, any widths dividing the frame.
// RUN: finnr-opt %s -t hls-cpp | filecheck %s

// CHECK-LABEL: // kernel dwc: dwc0
// CHECK-NEXT:  void dwc0(hls::stream<ap_uint<21> > &in0, hls::stream<ap_uint<28> > &out0) {
// CHECK:         finnr::dwc<3, 4, 12, finnr::Int<7>>(in0, out0);

hls.top @widths(%in0 : !hls.stream<!qnn.int<7>, 3>) -> (%out0 : !hls.stream<!qnn.int<7>, 4>) {
  hls.kernel "dwc" "dwc0" ins(%in0 : !hls.stream<!qnn.int<7>, 3>) outs(%out0 : !hls.stream<!qnn.int<7>, 4>) params {IN = 3 : i64, OUT = 4 : i64, TOTAL = 12 : i64, T = !qnn.int<7>}
  hls.yield
}
