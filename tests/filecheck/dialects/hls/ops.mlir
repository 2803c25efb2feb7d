// RUN: finnr-opt %s | finnr-opt | filecheck %s
// RUN: finnr-opt %s --print-op-generic | finnr-opt | filecheck %s

// Every op of the hls dialect and the !hls.stream type, in their custom form,
// survive printing and re-parsing, from the custom and from the generic form.

hls.top @ops(%in0 : !hls.stream<!qnn.uint<2>, 8>) -> (%out0 : !hls.stream<!qnn.uint<4>, 1>) {
  %s0 = hls.stream {depth = 16 : i64, name = "layer0_out"} : !hls.stream<!qnn.int<16>, 2>
  %s1 = hls.stream : !hls.stream<!qnn.int<16>, 2>
  %w = hls.rom "w0" dense<[[[1, -1]], [[0, 1]]]> : tensor<2x1x2xi8> {storage = "block"} -> tensor<2x1x2x!qnn.int<2>>
  %t = hls.rom "t0" dense<[[[-1, 0, 1]], [[2, 3, 4]]]> : tensor<2x1x3xi8> -> tensor<2x1x3x!qnn.int<16>>
  hls.kernel "mvau" "layer0" ins(%in0 : !hls.stream<!qnn.uint<2>, 8>) outs(%s0 : !hls.stream<!qnn.int<16>, 2>) roms(%w : tensor<2x1x2x!qnn.int<2>>) params {MW = 16 : i64, MH = 2 : i64, SIMD = 8 : i64, PE = 2 : i64, VECS = 1 : i64, TI = !qnn.uint<2>, TW = !qnn.int<2>, TO = !qnn.int<16>, TA = !qnn.int<16>, NT = 0 : i64, TT = !qnn.int<16>, ACT_BIAS = 0 : i64}
  hls.kernel "fifo" "fifo0" ins(%s0 : !hls.stream<!qnn.int<16>, 2>) outs(%s1 : !hls.stream<!qnn.int<16>, 2>) params {ELEMS = 2 : i64, BEATS = 1 : i64, T = !qnn.int<16>}
  hls.kernel "thresholding" "layer1" ins(%s1 : !hls.stream<!qnn.int<16>, 2>) outs(%out0 : !hls.stream<!qnn.uint<4>, 1>) roms(%t : tensor<2x1x3x!qnn.int<16>>) params {C = 2 : i64, PE = 2 : i64, VECS = 1 : i64, TI = !qnn.int<16>, TO = !qnn.uint<4>, NT = 3 : i64, TT = !qnn.int<16>, ACT_BIAS = 0 : i64}
  hls.yield
}

// CHECK:      hls.top @ops(%[[IN:.*]] : !hls.stream<!qnn.uint<2>, 8>) -> (%[[OUT:.*]] : !hls.stream<!qnn.uint<4>, 1>) {
// CHECK-NEXT:   %[[S0:.*]] = hls.stream {depth = 16 : i64, name = "layer0_out"} : !hls.stream<!qnn.int<16>, 2>
// CHECK-NEXT:   %[[S1:.*]] = hls.stream : !hls.stream<!qnn.int<16>, 2>
// CHECK-NEXT:   %[[W:.*]] = hls.rom "w0" dense<{{\[\[\[}}1, -1]], {{\[\[}}0, 1]]]> : tensor<2x1x2xi8> {storage = "block"} -> tensor<2x1x2x!qnn.int<2>>
// CHECK-NEXT:   %[[T:.*]] = hls.rom "t0" dense<{{\[\[\[}}-1, 0, 1]], {{\[\[}}2, 3, 4]]]> : tensor<2x1x3xi8> -> tensor<2x1x3x!qnn.int<16>>
// CHECK-NEXT:   hls.kernel "mvau" "layer0" ins(%[[IN]] : !hls.stream<!qnn.uint<2>, 8>) outs(%[[S0]] : !hls.stream<!qnn.int<16>, 2>) roms(%[[W]] : tensor<2x1x2x!qnn.int<2>>) params {MW = 16 : i64, MH = 2 : i64, SIMD = 8 : i64, PE = 2 : i64, VECS = 1 : i64, TI = !qnn.uint<2>, TW = !qnn.int<2>, TO = !qnn.int<16>, TA = !qnn.int<16>, NT = 0 : i64, TT = !qnn.int<16>, ACT_BIAS = 0 : i64}
// CHECK-NEXT:   hls.kernel "fifo" "fifo0" ins(%[[S0]] : !hls.stream<!qnn.int<16>, 2>) outs(%[[S1]] : !hls.stream<!qnn.int<16>, 2>) params {ELEMS = 2 : i64, BEATS = 1 : i64, T = !qnn.int<16>}
// CHECK-NEXT:   hls.kernel "thresholding" "layer1" ins(%[[S1]] : !hls.stream<!qnn.int<16>, 2>) outs(%[[OUT]] : !hls.stream<!qnn.uint<4>, 1>) roms(%[[T]] : tensor<2x1x3x!qnn.int<16>>) params {C = 2 : i64, PE = 2 : i64, VECS = 1 : i64, TI = !qnn.int<16>, TO = !qnn.uint<4>, NT = 3 : i64, TT = !qnn.int<16>, ACT_BIAS = 0 : i64}
// CHECK-NEXT:   hls.yield
// CHECK-NEXT: }
