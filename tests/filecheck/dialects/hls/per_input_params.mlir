// RUN: finnr-opt %s --split-input-file --verify-diagnostics --parsing-diagnostics | filecheck %s

// A kernel with a per-input parameter (concat: C) takes its minimum number of
// input streams or more, and one such parameter per input stream
// (C0, C1, ...); the verifier checks both.

// Three inputs, three channel counts: valid.
hls.top @three(%a : !hls.stream<!qnn.uint<2>, 2>, %b : !hls.stream<!qnn.uint<2>, 2>, %c : !hls.stream<!qnn.uint<2>, 2>) -> (%o : !hls.stream<!qnn.uint<2>, 2>) {
  hls.kernel "concat" "k" ins(%a, %b, %c : !hls.stream<!qnn.uint<2>, 2>, !hls.stream<!qnn.uint<2>, 2>, !hls.stream<!qnn.uint<2>, 2>) outs(%o : !hls.stream<!qnn.uint<2>, 2>) params {SIMD = 2 : i64, VECS = 4 : i64, T = !qnn.uint<2>, C0 = 2 : i64, C1 = 4 : i64, C2 = 2 : i64}
  hls.yield
}
// CHECK: hls.kernel "concat" "k" ins(%{{.*}}, %{{.*}}, %{{.*}} : {{.*}}) outs(%{{.*}} : !hls.stream<!qnn.uint<2>, 2>) params {SIMD = 2 : i64, VECS = 4 : i64, T = !qnn.uint<2>, C0 = 2 : i64, C1 = 4 : i64, C2 = 2 : i64}

// -----

// A channel count missing for an input.
hls.top @missing(%a : !hls.stream<!qnn.uint<2>, 2>, %b : !hls.stream<!qnn.uint<2>, 2>) -> (%o : !hls.stream<!qnn.uint<2>, 2>) {
  hls.kernel "concat" "k" ins(%a, %b : !hls.stream<!qnn.uint<2>, 2>, !hls.stream<!qnn.uint<2>, 2>) outs(%o : !hls.stream<!qnn.uint<2>, 2>) params {SIMD = 2 : i64, VECS = 4 : i64, T = !qnn.uint<2>, C0 = 2 : i64}
  hls.yield
}
// CHECK: 'hls.kernel' instance 'k' (concat) lacks template parameter(s) C1

// -----

// A channel count for no input.
hls.top @extra(%a : !hls.stream<!qnn.uint<2>, 2>, %b : !hls.stream<!qnn.uint<2>, 2>) -> (%o : !hls.stream<!qnn.uint<2>, 2>) {
  hls.kernel "concat" "k" ins(%a, %b : !hls.stream<!qnn.uint<2>, 2>, !hls.stream<!qnn.uint<2>, 2>) outs(%o : !hls.stream<!qnn.uint<2>, 2>) params {SIMD = 2 : i64, VECS = 4 : i64, T = !qnn.uint<2>, C0 = 2 : i64, C1 = 2 : i64, C2 = 2 : i64}
  hls.yield
}
// CHECK: 'hls.kernel' instance 'k' (concat) has no template parameter(s) C2; concat takes SIMD, VECS, T, C0, C1

// -----

// A channel count must be an integer.
hls.top @typed(%a : !hls.stream<!qnn.uint<2>, 2>, %b : !hls.stream<!qnn.uint<2>, 2>) -> (%o : !hls.stream<!qnn.uint<2>, 2>) {
  hls.kernel "concat" "k" ins(%a, %b : !hls.stream<!qnn.uint<2>, 2>, !hls.stream<!qnn.uint<2>, 2>) outs(%o : !hls.stream<!qnn.uint<2>, 2>) params {SIMD = 2 : i64, VECS = 4 : i64, T = !qnn.uint<2>, C0 = 2 : i64, C1 = !qnn.uint<2>}
  hls.yield
}
// CHECK: 'hls.kernel' instance 'k' (concat) parameter C1 must be an integer

// -----

// Fewer input streams than the minimum.
hls.top @one(%a : !hls.stream<!qnn.uint<2>, 2>) -> (%o : !hls.stream<!qnn.uint<2>, 2>) {
  hls.kernel "concat" "k" ins(%a : !hls.stream<!qnn.uint<2>, 2>) outs(%o : !hls.stream<!qnn.uint<2>, 2>) params {SIMD = 2 : i64, VECS = 4 : i64, T = !qnn.uint<2>, C0 = 2 : i64}
  hls.yield
}
// CHECK: 'hls.kernel' instance 'k' (concat) takes 2 or more input stream(s), 1..1 output stream(s) and 0..0 ROM(s), got 1, 1 and 0
