// RUN: finnr-opt %s | filecheck %s
// RUN: finnr-opt %s --print-op-generic | finnr-opt | filecheck %s

// !hls.stream<T, N> carries N elements of any finnr datatype per beat:
// bipolar (1 bit), binary (1), ternary (2), int<n>, uint<n>, fixed<w, i> and
// f32 (32). Beat widths (N * bits(T)) are checked in tests/test_hls_dialect.py;
// here every element type parses, prints and keeps its N, as a port type, as
// an internal channel type and as the type of a value of another dialect.

hls.top @types(%bip : !hls.stream<!qnn.bipolar, 64>, %fx : !hls.stream<!qnn.fixed<16, 6>, 4>) -> (%bin : !hls.stream<!qnn.binary, 32>, %flt : !hls.stream<f32, 1>) {
  %ter = hls.stream : !hls.stream<!qnn.ternary, 16>
  %i32 = hls.stream : !hls.stream<!qnn.int<32>, 1>
  hls.kernel "dwc" "a" ins(%bip : !hls.stream<!qnn.bipolar, 64>) outs(%ter : !hls.stream<!qnn.ternary, 16>) params {IN = 64 : i64, OUT = 16 : i64, TOTAL = 64 : i64, T = !qnn.bipolar}
  hls.kernel "dwc" "b" ins(%ter : !hls.stream<!qnn.ternary, 16>) outs(%bin : !hls.stream<!qnn.binary, 32>) params {IN = 16 : i64, OUT = 32 : i64, TOTAL = 32 : i64, T = !qnn.ternary}
  hls.kernel "fifo" "c" ins(%fx : !hls.stream<!qnn.fixed<16, 6>, 4>) outs(%i32 : !hls.stream<!qnn.int<32>, 1>) params {ELEMS = 1 : i64, BEATS = 4 : i64, T = !qnn.int<32>}
  hls.kernel "fifo" "d" ins(%i32 : !hls.stream<!qnn.int<32>, 1>) outs(%flt : !hls.stream<f32, 1>) params {ELEMS = 1 : i64, BEATS = 1 : i64, T = !qnn.int<32>}
  hls.yield
}
%wide = "test.op"() : () -> !hls.stream<!qnn.uint<1>, 4096>

// CHECK:      hls.top @types(%{{[^ ]+}} : !hls.stream<!qnn.bipolar, 64>, %{{[^ ]+}} : !hls.stream<!qnn.fixed<16, 6>, 4>) -> (%{{[^ ]+}} : !hls.stream<!qnn.binary, 32>, %{{[^ ]+}} : !hls.stream<f32, 1>) {
// CHECK-NEXT:   %{{.*}} = hls.stream : !hls.stream<!qnn.ternary, 16>
// CHECK-NEXT:   %{{.*}} = hls.stream : !hls.stream<!qnn.int<32>, 1>
// CHECK:      %{{.*}} = "test.op"() : () -> !hls.stream<!qnn.uint<1>, 4096>
