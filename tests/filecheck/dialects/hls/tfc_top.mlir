// RUN: finnr-opt %s | filecheck %s
// RUN: finnr-opt %s --print-op-generic | filecheck %s --check-prefix=GENERIC
// RUN: finnr-opt %s --print-op-generic | finnr-opt | filecheck %s

// A complete small accelerator as the dataflow-to-hls conversion produces it:
// two fully-connected layers (MVAU with weights and thresholds in ROMs), the
// internal channel between them, and the AXI-Stream ports. Layer 0 is
// MW=16, MH=8 folded SIMD=8, PE=4 (weights PE x (MW/SIMD * MH/PE) x SIMD =
// 4x4x8, 128 values, so printed in hex); layer 1 is MW=8, MH=4, SIMD=4, PE=2.

hls.top @tfc_w2a2(%in0 : !hls.stream<!qnn.uint<8>, 8>) -> (%out0 : !hls.stream<!qnn.uint<2>, 2>) {
  %w0 = hls.rom "layer0_weights" dense<"0x010000FFFFFEFEFEFE0100010000010000000001FF0100FEFF0100FE010001FEFE01FE00FEFFFFFFFFFEFEFEFE000000FF0001FFFF010101FF000100010000FF01FE00000100FFFFFFFF0001FE0100FF0000FFFF000000FF01FFFF01FFFE0000FEFEFF01FF01FFFE0101FEFE00FF00FE01FF010100FE01FE00FF01FE01FE0000"> : tensor<4x4x8xi8> {storage = "block"} -> tensor<4x4x8x!qnn.int<2>>
  %t0 = hls.rom "layer0_thresholds" dense<[[[-17, 31, 32], [-25, 13, 31]], [[-37, 20, 35], [-32, -11, 10]], [[0, 10, 21], [-8, -5, 34]], [[-25, -3, 36], [-37, -6, -1]]]> : tensor<4x2x3xi8> {storage = "distributed"} -> tensor<4x2x3x!qnn.int<16>>
  %act0 = hls.stream {depth = 8 : i64, name = "layer0_out"} : !hls.stream<!qnn.uint<2>, 4>
  hls.kernel "mvau" "layer0" ins(%in0 : !hls.stream<!qnn.uint<8>, 8>) outs(%act0 : !hls.stream<!qnn.uint<2>, 4>) roms(%w0, %t0 : tensor<4x4x8x!qnn.int<2>>, tensor<4x2x3x!qnn.int<16>>) params {MW = 16 : i64, MH = 8 : i64, SIMD = 8 : i64, PE = 4 : i64, VECS = 1 : i64, TI = !qnn.uint<8>, TW = !qnn.int<2>, TO = !qnn.uint<2>, TA = !qnn.int<16>, NT = 3 : i64, TT = !qnn.int<16>, ACT_BIAS = 0 : i64}
  %w1 = hls.rom "layer1_weights" dense<[[[1, 0, 0, 1], [0, 1, -1, 0], [1, 1, 0, 0], [0, 0, -1, 1]], [[-1, 0, 1, 1], [1, -1, 0, 0], [0, 0, 1, -1], [1, 1, 1, -1]]]> : tensor<2x4x4xi8> -> tensor<2x4x4x!qnn.ternary>
  %t1 = hls.rom "layer1_thresholds" dense<[[[-7, -4, -2], [3, 3, 3]], [[-6, 6, 6], [-7, -6, 3]]]> : tensor<2x2x3xi8> -> tensor<2x2x3x!qnn.int<8>>
  hls.kernel "mvau" "layer1" ins(%act0 : !hls.stream<!qnn.uint<2>, 4>) outs(%out0 : !hls.stream<!qnn.uint<2>, 2>) roms(%w1, %t1 : tensor<2x4x4x!qnn.ternary>, tensor<2x2x3x!qnn.int<8>>) params {MW = 8 : i64, MH = 4 : i64, SIMD = 4 : i64, PE = 2 : i64, VECS = 1 : i64, TI = !qnn.uint<2>, TW = !qnn.ternary, TO = !qnn.uint<2>, TA = !qnn.int<8>, NT = 3 : i64, TT = !qnn.int<8>, ACT_BIAS = 0 : i64}
  hls.yield
}

// CHECK:      builtin.module {
// CHECK-NEXT:   hls.top @tfc_w2a2(%[[IN:[^ ]+]] : !hls.stream<!qnn.uint<8>, 8>) -> (%[[OUT:[^ ]+]] : !hls.stream<!qnn.uint<2>, 2>) {
// CHECK-NEXT:     %[[W0:[^ ]+]] = hls.rom "layer0_weights" dense<"0x010000FFFFFEFEFEFE0100010000010000000001FF0100FEFF0100FE010001FEFE01FE00FEFFFFFFFFFEFEFEFE000000FF0001FFFF010101FF000100010000FF01FE00000100FFFFFFFF0001FE0100FF0000FFFF000000FF01FFFF01FFFE0000FEFEFF01FF01FFFE0101FEFE00FF00FE01FF010100FE01FE00FF01FE01FE0000"> : tensor<4x4x8xi8> {storage = "block"} -> tensor<4x4x8x!qnn.int<2>>
// CHECK-NEXT:     %[[T0:[^ ]+]] = hls.rom "layer0_thresholds" dense<{{.*}}> : tensor<4x2x3xi8> {storage = "distributed"} -> tensor<4x2x3x!qnn.int<16>>
// CHECK-NEXT:     %[[ACT0:[^ ]+]] = hls.stream {depth = 8 : i64, name = "layer0_out"} : !hls.stream<!qnn.uint<2>, 4>
// CHECK-NEXT:     hls.kernel "mvau" "layer0" ins(%[[IN]] : !hls.stream<!qnn.uint<8>, 8>) outs(%[[ACT0]] : !hls.stream<!qnn.uint<2>, 4>) roms(%[[W0]], %[[T0]] : tensor<4x4x8x!qnn.int<2>>, tensor<4x2x3x!qnn.int<16>>) params {MW = 16 : i64, MH = 8 : i64, SIMD = 8 : i64, PE = 4 : i64, VECS = 1 : i64, TI = !qnn.uint<8>, TW = !qnn.int<2>, TO = !qnn.uint<2>, TA = !qnn.int<16>, NT = 3 : i64, TT = !qnn.int<16>, ACT_BIAS = 0 : i64}
// CHECK-NEXT:     %[[W1:[^ ]+]] = hls.rom "layer1_weights" dense<{{.*}}> : tensor<2x4x4xi8> -> tensor<2x4x4x!qnn.ternary>
// CHECK-NEXT:     %[[T1:[^ ]+]] = hls.rom "layer1_thresholds" dense<{{.*}}> : tensor<2x2x3xi8> -> tensor<2x2x3x!qnn.int<8>>
// CHECK-NEXT:     hls.kernel "mvau" "layer1" ins(%[[ACT0]] : !hls.stream<!qnn.uint<2>, 4>) outs(%[[OUT]] : !hls.stream<!qnn.uint<2>, 2>) roms(%[[W1]], %[[T1]] : tensor<2x4x4x!qnn.ternary>, tensor<2x2x3x!qnn.int<8>>) params {MW = 8 : i64, MH = 4 : i64, SIMD = 4 : i64, PE = 2 : i64, VECS = 1 : i64, TI = !qnn.uint<2>, TW = !qnn.ternary, TO = !qnn.uint<2>, TA = !qnn.int<8>, NT = 3 : i64, TT = !qnn.int<8>, ACT_BIAS = 0 : i64}
// CHECK-NEXT:     hls.yield
// CHECK-NEXT:   }
// CHECK-NEXT: }

// The generic form: one input port, the operand segments ins/outs/roms.
// GENERIC:      "hls.top"() <{sym_name = "tfc_w2a2", num_inputs = 1 : i64}> ({
// GENERIC-NEXT: ^{{.*}}(%[[IN:[^:]+]]: !hls.stream<!qnn.uint<8>, 8>, %[[OUT:[^:]+]]: !hls.stream<!qnn.uint<2>, 2>):
// GENERIC:      "hls.kernel"(%[[IN]], %{{.*}}, %{{.*}}, %{{.*}}) <{kernel = "mvau", instance = "layer0", params = {{.*}}, operandSegmentSizes = array<i32: 1, 1, 2>}>
// GENERIC:      "hls.kernel"(%{{.*}}, %[[OUT]], %{{.*}}, %{{.*}}) <{kernel = "mvau", instance = "layer1", params = {{.*}}, operandSegmentSizes = array<i32: 1, 1, 2>}>
// GENERIC-NEXT: "hls.yield"() : () -> ()
