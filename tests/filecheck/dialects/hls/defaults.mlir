// RUN: finnr-opt %s | filecheck %s
// RUN: finnr-opt %s --print-op-generic | filecheck %s --check-prefix=GENERIC

// Properties at their default value are elided in the custom form (depth 2,
// storage "auto") whether written or not, and spelled out in the generic
// form. Values other than the default are always printed. (Empty kernel
// params, elided too, are not valid IR: test_hls_dialect.py checks them.)

hls.top @defaults(%in0 : !hls.stream<!qnn.uint<4>, 1>) -> (%out0 : !hls.stream<!qnn.uint<4>, 1>) {
  %implicit = hls.stream : !hls.stream<!qnn.uint<4>, 1>
  %explicit = hls.stream {depth = 2 : i64} : !hls.stream<!qnn.uint<4>, 1>
  %deep = hls.stream {depth = 3 : i64} : !hls.stream<!qnn.uint<4>, 1>
  %w_auto = hls.rom "w_auto" dense<1> : tensor<2xi8> {storage = "auto"} -> tensor<2x!qnn.uint<4>>
  %w_ultra = hls.rom "w_ultra" dense<1> : tensor<2xi8> {storage = "ultra"} -> tensor<2x!qnn.uint<4>>
  hls.kernel "fifo" "k0" ins(%in0 : !hls.stream<!qnn.uint<4>, 1>) outs(%implicit : !hls.stream<!qnn.uint<4>, 1>) params {ELEMS = 1 : i64, BEATS = 4 : i64, T = !qnn.uint<4>}
  hls.kernel "fifo" "k1" ins(%implicit : !hls.stream<!qnn.uint<4>, 1>) outs(%explicit : !hls.stream<!qnn.uint<4>, 1>) params {ELEMS = 1 : i64, BEATS = 4 : i64, T = !qnn.uint<4>}
  hls.kernel "fifo" "k2" ins(%explicit : !hls.stream<!qnn.uint<4>, 1>) outs(%deep : !hls.stream<!qnn.uint<4>, 1>) params {ELEMS = 1 : i64, BEATS = 4 : i64, T = !qnn.uint<4>}
  hls.kernel "fifo" "k3" ins(%deep : !hls.stream<!qnn.uint<4>, 1>) outs(%out0 : !hls.stream<!qnn.uint<4>, 1>) params {ELEMS = 1 : i64, BEATS = 4 : i64, T = !qnn.uint<4>}
  hls.yield
}

// CHECK:      %implicit = hls.stream : !hls.stream<!qnn.uint<4>, 1>
// CHECK-NEXT: %explicit = hls.stream : !hls.stream<!qnn.uint<4>, 1>
// CHECK-NEXT: %deep = hls.stream {depth = 3 : i64} : !hls.stream<!qnn.uint<4>, 1>
// CHECK-NEXT: %w_auto = hls.rom "w_auto" dense<1> : tensor<2xi8> -> tensor<2x!qnn.uint<4>>
// CHECK-NEXT: %w_ultra = hls.rom "w_ultra" dense<1> : tensor<2xi8> {storage = "ultra"} -> tensor<2x!qnn.uint<4>>
// CHECK-NEXT: hls.kernel "fifo" "k0" ins(%in0 : !hls.stream<!qnn.uint<4>, 1>) outs(%implicit : !hls.stream<!qnn.uint<4>, 1>) params {ELEMS = 1 : i64, BEATS = 4 : i64, T = !qnn.uint<4>}{{$}}
// CHECK-NEXT: hls.kernel "fifo" "k1" ins(%implicit : !hls.stream<!qnn.uint<4>, 1>) outs(%explicit : !hls.stream<!qnn.uint<4>, 1>) params {ELEMS = 1 : i64, BEATS = 4 : i64, T = !qnn.uint<4>}{{$}}

// GENERIC:      %implicit = "hls.stream"() <{depth = 2 : i64}>
// GENERIC-NEXT: %explicit = "hls.stream"() <{depth = 2 : i64}>
// GENERIC-NEXT: %deep = "hls.stream"() <{depth = 3 : i64}>
// GENERIC-NEXT: %w_auto = "hls.rom"() <{name = "w_auto", value = dense<1> : tensor<2xi8>, storage = "auto"}>
// GENERIC-NEXT: %w_ultra = "hls.rom"() <{name = "w_ultra", value = dense<1> : tensor<2xi8>, storage = "ultra"}>
// GENERIC-NEXT: "hls.kernel"({{.*}}) <{kernel = "fifo", instance = "k0", {{.*}}params = {ELEMS = 1 : i64
// GENERIC-NEXT: "hls.kernel"({{.*}}) <{kernel = "fifo", instance = "k1", {{.*}}params = {ELEMS = 1 : i64
