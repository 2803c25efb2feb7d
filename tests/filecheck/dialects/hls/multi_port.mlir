// RUN: finnr-opt %s | filecheck %s
// RUN: finnr-opt %s --print-op-generic | filecheck %s --check-prefix=GENERIC
// RUN: finnr-opt %s --print-op-generic | finnr-opt | filecheck %s

// A top with two input and two output ports: the custom form lists them on
// either side of the arrow; the generic form keeps them as four block
// arguments split by num_inputs = 2. A residual-style join (add_streams) and a
// fork (duplicate) keep every stream at one writer and one reader.

hls.top @two_by_two(%a : !hls.stream<!qnn.int<4>, 2>, %b : !hls.stream<!qnn.int<4>, 2>) -> (%x : !hls.stream<!qnn.int<5>, 2>, %y : !hls.stream<!qnn.int<5>, 2>) {
  %sum = hls.stream {depth = 32 : i64} : !hls.stream<!qnn.int<5>, 2>
  hls.kernel "add_streams" "join" ins(%a, %b : !hls.stream<!qnn.int<4>, 2>, !hls.stream<!qnn.int<4>, 2>) outs(%sum : !hls.stream<!qnn.int<5>, 2>) params {PE = 2 : i64, BEATS = 8 : i64, TA = !qnn.int<4>, TB = !qnn.int<4>, TO = !qnn.int<5>}
  hls.kernel "duplicate" "fork" ins(%sum : !hls.stream<!qnn.int<5>, 2>) outs(%x, %y : !hls.stream<!qnn.int<5>, 2>, !hls.stream<!qnn.int<5>, 2>) params {ELEMS = 2 : i64, BEATS = 8 : i64, T = !qnn.int<5>}
  hls.yield
}

// CHECK:      hls.top @two_by_two(%[[A:[^ ]+]] : !hls.stream<!qnn.int<4>, 2>, %[[B:[^ ]+]] : !hls.stream<!qnn.int<4>, 2>) -> (%[[X:[^ ]+]] : !hls.stream<!qnn.int<5>, 2>, %[[Y:[^ ]+]] : !hls.stream<!qnn.int<5>, 2>) {
// CHECK-NEXT:   %[[SUM:[^ ]+]] = hls.stream {depth = 32 : i64} : !hls.stream<!qnn.int<5>, 2>
// CHECK-NEXT:   hls.kernel "add_streams" "join" ins(%[[A]], %[[B]] : !hls.stream<!qnn.int<4>, 2>, !hls.stream<!qnn.int<4>, 2>) outs(%[[SUM]] : !hls.stream<!qnn.int<5>, 2>) params {PE = 2 : i64, BEATS = 8 : i64, TA = !qnn.int<4>, TB = !qnn.int<4>, TO = !qnn.int<5>}
// CHECK-NEXT:   hls.kernel "duplicate" "fork" ins(%[[SUM]] : !hls.stream<!qnn.int<5>, 2>) outs(%[[X]], %[[Y]] : !hls.stream<!qnn.int<5>, 2>, !hls.stream<!qnn.int<5>, 2>) params {ELEMS = 2 : i64, BEATS = 8 : i64, T = !qnn.int<5>}
// CHECK-NEXT:   hls.yield
// CHECK-NEXT: }

// GENERIC:      "hls.top"() <{sym_name = "two_by_two", num_inputs = 2 : i64}> ({
// GENERIC-NEXT: ^{{.*}}(%{{[^:]+}}: !hls.stream<!qnn.int<4>, 2>, %{{[^:]+}}: !hls.stream<!qnn.int<4>, 2>, %{{[^:]+}}: !hls.stream<!qnn.int<5>, 2>, %{{[^:]+}}: !hls.stream<!qnn.int<5>, 2>):
// GENERIC:      "hls.kernel"({{.*}}) <{kernel = "add_streams", {{.*}}operandSegmentSizes = array<i32: 2, 1, 0>}>
// GENERIC:      "hls.kernel"({{.*}}) <{kernel = "duplicate", {{.*}}operandSegmentSizes = array<i32: 1, 2, 0>}>
