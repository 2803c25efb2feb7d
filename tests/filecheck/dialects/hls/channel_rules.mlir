// RUN: finnr-opt %s --split-input-file --verify-diagnostics | filecheck %s

// In a dataflow region every channel has exactly one producer and one
// consumer. Fan-out goes through an explicit "duplicate" kernel and fan-in
// through "add_streams"; the diagnostics name the offending port or stream by
// its index, its SSA name and its human name.

hls.top @fanout_ok(%in0 : !hls.stream<!qnn.int<4>, 2>) -> (%out0 : !hls.stream<!qnn.int<4>, 2>, %out1 : !hls.stream<!qnn.int<4>, 2>) {
  hls.kernel "duplicate" "dup" ins(%in0 : !hls.stream<!qnn.int<4>, 2>) outs(%out0, %out1 : !hls.stream<!qnn.int<4>, 2>, !hls.stream<!qnn.int<4>, 2>) params {ELEMS = 2 : i64, BEATS = 1 : i64, T = !qnn.int<4>}
  hls.yield
}
// CHECK: hls.top @fanout_ok

// -----

hls.top @fanout_bad(%in0 : !hls.stream<!qnn.int<4>, 2>) -> (%out0 : !hls.stream<!qnn.int<4>, 2>, %out1 : !hls.stream<!qnn.int<4>, 2>) {
  hls.kernel "fifo" "a" ins(%in0 : !hls.stream<!qnn.int<4>, 2>) outs(%out0 : !hls.stream<!qnn.int<4>, 2>) params {ELEMS = 2 : i64, BEATS = 1 : i64, T = !qnn.int<4>}
  hls.kernel "fifo" "b" ins(%in0 : !hls.stream<!qnn.int<4>, 2>) outs(%out1 : !hls.stream<!qnn.int<4>, 2>) params {ELEMS = 2 : i64, BEATS = 1 : i64, T = !qnn.int<4>}
  hls.yield
}
// CHECK: 'hls.top' input port #0 (%in0) must be read by exactly one kernel, got 2

// -----

hls.top @second_output_unwritten(%in0 : !hls.stream<!qnn.int<4>, 2>) -> (%out0 : !hls.stream<!qnn.int<4>, 2>, %result : !hls.stream<!qnn.int<4>, 2>) {
  hls.kernel "fifo" "a" ins(%in0 : !hls.stream<!qnn.int<4>, 2>) outs(%out0 : !hls.stream<!qnn.int<4>, 2>) params {ELEMS = 2 : i64, BEATS = 1 : i64, T = !qnn.int<4>}
  hls.yield
}
// CHECK: 'hls.top' output port #1 (%result) must be written by exactly one kernel, got 0

// -----

hls.top @dangling_channel(%in0 : !hls.stream<!qnn.int<4>, 2>) -> (%out0 : !hls.stream<!qnn.int<4>, 2>) {
  %s = hls.stream {name = "conv0_out"} : !hls.stream<!qnn.int<4>, 2>
  hls.kernel "duplicate" "dup" ins(%in0 : !hls.stream<!qnn.int<4>, 2>) outs(%out0, %s : !hls.stream<!qnn.int<4>, 2>, !hls.stream<!qnn.int<4>, 2>) params {ELEMS = 2 : i64, BEATS = 1 : i64, T = !qnn.int<4>}
  hls.yield
}
// CHECK: 'hls.top' stream "conv0_out" (%s) must be read by exactly one kernel, got 0

// -----

hls.top @two_writers(%in0 : !hls.stream<!qnn.int<4>, 2>, %in1 : !hls.stream<!qnn.int<4>, 2>) -> (%out0 : !hls.stream<!qnn.int<4>, 2>) {
  %merged = hls.stream : !hls.stream<!qnn.int<4>, 2>
  hls.kernel "fifo" "a" ins(%in0 : !hls.stream<!qnn.int<4>, 2>) outs(%merged : !hls.stream<!qnn.int<4>, 2>) params {ELEMS = 2 : i64, BEATS = 1 : i64, T = !qnn.int<4>}
  hls.kernel "fifo" "b" ins(%in1 : !hls.stream<!qnn.int<4>, 2>) outs(%merged : !hls.stream<!qnn.int<4>, 2>) params {ELEMS = 2 : i64, BEATS = 1 : i64, T = !qnn.int<4>}
  hls.kernel "fifo" "c" ins(%merged : !hls.stream<!qnn.int<4>, 2>) outs(%out0 : !hls.stream<!qnn.int<4>, 2>) params {ELEMS = 2 : i64, BEATS = 1 : i64, T = !qnn.int<4>}
  hls.yield
}
// CHECK: 'hls.top' stream %merged must be written by exactly one kernel, got 2

// -----

// Unnamed values are named by their position among the channels.
"hls.top"() <{sym_name = "anonymous", num_inputs = 1 : i64}> ({
^bb0(%0 : !hls.stream<!qnn.int<4>, 2>, %1 : !hls.stream<!qnn.int<4>, 2>):
  %2 = "hls.stream"() : () -> !hls.stream<!qnn.int<4>, 2>
  %3 = "hls.stream"() : () -> !hls.stream<!qnn.int<4>, 2>
  "hls.kernel"(%0, %2) <{kernel = "fifo", instance = "a", params = {ELEMS = 2 : i64, BEATS = 1 : i64, T = !qnn.int<4>}, operandSegmentSizes = array<i32: 1, 1, 0>}> : (!hls.stream<!qnn.int<4>, 2>, !hls.stream<!qnn.int<4>, 2>) -> ()
  "hls.kernel"(%2, %1) <{kernel = "fifo", instance = "b", params = {ELEMS = 2 : i64, BEATS = 1 : i64, T = !qnn.int<4>}, operandSegmentSizes = array<i32: 1, 1, 0>}> : (!hls.stream<!qnn.int<4>, 2>, !hls.stream<!qnn.int<4>, 2>) -> ()
  "hls.yield"() : () -> ()
}) : () -> ()
// CHECK: 'hls.top' stream #1 must be read by exactly one kernel, got 0
