// hls-cpp, mvau: one function per kernel instance holding its ROMs, and the
// call of finnr::mvau with the template parameters in the library's order
// (MW, MH, SIMD, PE, VECS, TI, TW, TO, TA, NT, TT, ACT_BIAS). A ROM word
// packs its elements from the least significant bit (INT2 [1, 0, -2, 1] ->
// 0b01_10_00_01 = 0x61); storage styles become BIND_STORAGE, PE lanes are
// partitioned. Without thresholds (NT = 0) the call has no threshold ROM;
// bipolar x bipolar is the same call (the library picks XNOR-popcount).
// RUN: finnr-opt %s -t hls-cpp | filecheck %s

// CHECK:      #include <ap_int.h>
// CHECK-NEXT: #include <hls_stream.h>
// CHECK:      #include "finnr/kernels.h"

// CHECK-LABEL: // kernel mvau: layer0
// CHECK-NEXT:  void layer0(hls::stream<ap_uint<8> > &in0, hls::stream<ap_uint<2> > &out0) {
// CHECK-NEXT:  #pragma HLS INTERFACE axis port=in0
// CHECK-NEXT:  #pragma HLS INTERFACE axis port=out0
// CHECK-NEXT:  #pragma HLS INTERFACE ap_ctrl_none port=return
// CHECK-NEXT:  #pragma HLS INLINE off
// CHECK-NEXT:    // 2 x 2 words of 4 x INT2 (8 bits, 1 limb(s) of 8)
// CHECK-NEXT:    static const finnr::rom_limb<8>::type layer0_weights[2][2][1] = {
// CHECK-NEXT:      0x61, 0x71, 0x17, 0xb1
// CHECK-NEXT:    };
// CHECK-NEXT:  #pragma HLS BIND_STORAGE variable=layer0_weights type=rom_2p impl=bram
// CHECK-NEXT:  #pragma HLS ARRAY_PARTITION variable=layer0_weights dim=1 complete
// CHECK-NEXT:    // 2 x 1 words of 1 x INT5 (5 bits, 1 limb(s) of 5)
// CHECK-NEXT:    static const finnr::rom_limb<5>::type layer0_thresholds[2][1][1] = {
// CHECK-NEXT:      0x1f, 0x3
// CHECK-NEXT:    };
// CHECK-NEXT:  #pragma HLS ARRAY_PARTITION variable=layer0_thresholds dim=1 complete
// CHECK-NEXT:    finnr::mvau<8, 2, 4, 2, 1, finnr::UInt<2>, finnr::Int<2>, finnr::Bipolar, finnr::Int<5>, 1, finnr::Int<5>, 0>(in0, out0, layer0_weights, layer0_thresholds);
// CHECK-NEXT:  }

// CHECK-LABEL: // kernel mvau: layer1
// CHECK-NEXT:  void layer1(hls::stream<ap_uint<2> > &in0, hls::stream<ap_uint<6> > &out0) {
// CHECK:         static const finnr::rom_limb<2>::type layer1_weights[1][2][1] = {
// CHECK-NEXT:      0x1, 0x0
// CHECK-NEXT:    };
// CHECK-NEXT:  #pragma HLS BIND_STORAGE variable=layer1_weights type=rom_2p impl=lutram
// CHECK-NEXT:    finnr::mvau<2, 1, 2, 1, 1, finnr::Bipolar, finnr::Bipolar, finnr::Int<6>, finnr::Int<3>, 0, finnr::Int<3>, 0>(in0, out0, layer1_weights);
// CHECK-NEXT:  }

// A 100-bit word (25 x UINT4 of 3 = 0b0011) is two limbs of 50 bits, the
// second starting in the middle of element 12; partitioned.
// CHECK-LABEL: // kernel mvau: wide
// CHECK:         // 1 x 1 words of 25 x UINT4 (100 bits, 2 limb(s) of 50)
// CHECK-NEXT:    static const finnr::rom_limb<50>::type wide_weights[1][1][2] = {
// CHECK-NEXT:      0x3333333333333, 0xcccccccccccc
// CHECK-NEXT:    };
// CHECK-NEXT:  #pragma HLS ARRAY_PARTITION variable=wide_weights dim=3 complete

hls.top @mlp(%in0 : !hls.stream<!qnn.uint<2>, 4>) -> (%out0 : !hls.stream<!qnn.int<6>, 1>) {
  %s = hls.stream {depth = 16 : i64, name = "layer0_out"} : !hls.stream<!qnn.bipolar, 2>
  %w0 = hls.rom "layer0_weights" dense<[[[1, 0, -2, 1], [1, 0, -1, 1]], [[-1, 1, 1, 0], [1, 0, -1, -2]]]> : tensor<2x2x4xi8> {storage = "block"} -> tensor<2x2x4x!qnn.int<2>>
  %t0 = hls.rom "layer0_thresholds" dense<[[[-1]], [[3]]]> : tensor<2x1x1xi8> -> tensor<2x1x1x!qnn.int<5>>
  hls.kernel "mvau" "layer0" ins(%in0 : !hls.stream<!qnn.uint<2>, 4>) outs(%s : !hls.stream<!qnn.bipolar, 2>) roms(%w0, %t0 : tensor<2x2x4x!qnn.int<2>>, tensor<2x1x1x!qnn.int<5>>) params {MW = 8 : i64, MH = 2 : i64, SIMD = 4 : i64, PE = 2 : i64, VECS = 1 : i64, TI = !qnn.uint<2>, TW = !qnn.int<2>, TO = !qnn.bipolar, TA = !qnn.int<5>, NT = 1 : i64, TT = !qnn.int<5>, ACT_BIAS = 0 : i64}
  %w1 = hls.rom "layer1_weights" dense<[[[1, -1], [-1, -1]]]> : tensor<1x2x2xi8> {storage = "distributed"} -> tensor<1x2x2x!qnn.bipolar>
  hls.kernel "mvau" "layer1" ins(%s : !hls.stream<!qnn.bipolar, 2>) outs(%out0 : !hls.stream<!qnn.int<6>, 1>) roms(%w1 : tensor<1x2x2x!qnn.bipolar>) params {MW = 2 : i64, MH = 1 : i64, SIMD = 2 : i64, PE = 1 : i64, VECS = 1 : i64, TI = !qnn.bipolar, TW = !qnn.bipolar, TO = !qnn.int<6>, TA = !qnn.int<3>, NT = 0 : i64, TT = !qnn.int<3>, ACT_BIAS = 0 : i64}
  hls.yield
}

hls.top @wide_top(%in0 : !hls.stream<!qnn.uint<4>, 25>) -> (%out0 : !hls.stream<!qnn.uint<10>, 1>) {
  %w = hls.rom "wide_weights" dense<3> : tensor<1x1x25xi8> -> tensor<1x1x25x!qnn.uint<4>>
  hls.kernel "mvau" "wide" ins(%in0 : !hls.stream<!qnn.uint<4>, 25>) outs(%out0 : !hls.stream<!qnn.uint<10>, 1>) roms(%w : tensor<1x1x25x!qnn.uint<4>>) params {MW = 25 : i64, MH = 1 : i64, SIMD = 25 : i64, PE = 1 : i64, VECS = 1 : i64, TI = !qnn.uint<4>, TW = !qnn.uint<4>, TO = !qnn.uint<10>, TA = !qnn.uint<13>, NT = 0 : i64, TT = !qnn.uint<13>, ACT_BIAS = 0 : i64}
  hls.yield
}
