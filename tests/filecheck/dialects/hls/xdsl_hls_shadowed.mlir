// RUN: finnr-opt %s --split-input-file --verify-diagnostics --parsing-diagnostics | filecheck %s

// finnr-opt registers finnr's hls dialect in place of xDSL's experimental one
// of the same name: xDSL's hls ops and types are unknown, and !hls.stream is
// finnr's two-parameter stream type.

%ii = "test.op"() : () -> i32
"hls.pipeline"(%ii) : (i32) -> ()
// CHECK: Operation hls.pipeline is not registered

// -----

"hls.dataflow"() ({
  "hls.yield"() : () -> ()
}) : () -> ()
// CHECK: Operation hls.dataflow is not registered

// -----

%s = "test.op"() : () -> !hls.streamtype<i32>
// CHECK: 'hls.streamtype' is not registered

// -----

%s = "test.op"() : () -> !hls.stream<!qnn.bipolar, 64>
// CHECK:      builtin.module {
// CHECK-NEXT:   %s = "test.op"() : () -> !hls.stream<!qnn.bipolar, 64>
// CHECK-NEXT: }

// -----

// xDSL's hls.stream op has an elem_type property and a !hls.streamtype
// result; finnr's has a depth and an optional name.
hls.top @t(%in0 : !hls.stream<!qnn.int<4>, 1>) -> (%out0 : !hls.stream<!qnn.int<4>, 1>) {
  %s = "hls.stream"() <{elem_type = i32}> : () -> !hls.stream<!qnn.int<4>, 1>
  hls.kernel "fifo" "a" ins(%in0 : !hls.stream<!qnn.int<4>, 1>) outs(%s : !hls.stream<!qnn.int<4>, 1>)
  hls.kernel "fifo" "b" ins(%s : !hls.stream<!qnn.int<4>, 1>) outs(%out0 : !hls.stream<!qnn.int<4>, 1>)
  hls.yield
}
// CHECK: property 'elem_type' is not defined by the operation 'hls.stream'
