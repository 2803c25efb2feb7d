// RUN: finnr-opt %s --split-input-file --verify-diagnostics | filecheck %s
// RUN: finnr-opt %s --split-input-file --verify-diagnostics --print-op-generic | filecheck %s --check-prefix=GENERIC

// hls.top is a symbol: a module may hold several accelerators (e.g. one per
// partition), each named by its sym_name, and their names must differ.
// Discardable attributes ride along after the `attributes` keyword in the
// custom form and in the attribute dictionary in the generic form.

hls.top @part0(%in0 : !hls.stream<!qnn.uint<8>, 1>) -> (%out0 : !hls.stream<!qnn.uint<8>, 1>) attributes {finnr.device = "pynq-z1", finnr.clock_ns = 10 : i64} {
  hls.kernel "fifo" "f" ins(%in0 : !hls.stream<!qnn.uint<8>, 1>) outs(%out0 : !hls.stream<!qnn.uint<8>, 1>) params {ELEMS = 1 : i64, BEATS = 1 : i64, T = !qnn.uint<8>}
  hls.yield
}
hls.top @part1(%in0 : !hls.stream<!qnn.uint<8>, 1>) -> (%out0 : !hls.stream<!qnn.uint<8>, 1>) {
  hls.kernel "fifo" "f" ins(%in0 : !hls.stream<!qnn.uint<8>, 1>) outs(%out0 : !hls.stream<!qnn.uint<8>, 1>) params {ELEMS = 1 : i64, BEATS = 1 : i64, T = !qnn.uint<8>}
  hls.yield
}

// CHECK:      builtin.module {
// CHECK-NEXT:   hls.top @part0(%{{[^ ]+}} : !hls.stream<!qnn.uint<8>, 1>) -> (%{{[^ ]+}} : !hls.stream<!qnn.uint<8>, 1>) attributes {finnr.device = "pynq-z1", finnr.clock_ns = 10 : i64} {
// CHECK:        hls.top @part1(%{{[^ ]+}} : !hls.stream<!qnn.uint<8>, 1>) -> (%{{[^ ]+}} : !hls.stream<!qnn.uint<8>, 1>) {

// GENERIC:      "hls.top"() <{sym_name = "part0", num_inputs = 1 : i64}> ({
// GENERIC:      }) {finnr.device = "pynq-z1", finnr.clock_ns = 10 : i64} : () -> ()
// GENERIC-NEXT: "hls.top"() <{sym_name = "part1", num_inputs = 1 : i64}> ({

// -----

hls.top @same(%in0 : !hls.stream<!qnn.uint<8>, 1>) -> (%out0 : !hls.stream<!qnn.uint<8>, 1>) {
  hls.kernel "fifo" "f" ins(%in0 : !hls.stream<!qnn.uint<8>, 1>) outs(%out0 : !hls.stream<!qnn.uint<8>, 1>) params {ELEMS = 1 : i64, BEATS = 1 : i64, T = !qnn.uint<8>}
  hls.yield
}
hls.top @same(%in0 : !hls.stream<!qnn.uint<8>, 1>) -> (%out0 : !hls.stream<!qnn.uint<8>, 1>) {
  hls.kernel "fifo" "f" ins(%in0 : !hls.stream<!qnn.uint<8>, 1>) outs(%out0 : !hls.stream<!qnn.uint<8>, 1>) params {ELEMS = 1 : i64, BEATS = 1 : i64, T = !qnn.uint<8>}
  hls.yield
}
// CHECK: Redefinition of symbol "same"
// GENERIC: Redefinition of symbol "same"
