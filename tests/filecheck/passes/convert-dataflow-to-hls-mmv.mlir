// convert-dataflow-to-hls: an SWU and an MVAU with two pixels a beat (mmv)
// become the swu_mmv and mvau_mmv kernels with MMV = 2, their streams two
// pixels a beat (2 x 3 channels in, 2 x 27 window elements, 2 x 4 outputs);
// at M = 1 they stay swu_pw and mvau.
// RUN: finnr-opt %s -p convert-dataflow-to-hls | filecheck %s

// CHECK:      hls.top @conv_1(%in0 : !hls.stream<!qnn.uint<4>, 6>) -> (%out0 : !hls.stream<!qnn.int<12>, 4>)
// CHECK:      hls.kernel "swu_mmv" "ConvolutionInputGenerator_rtl_0" {{.*}} outs(%{{.*}} : !hls.stream<!qnn.uint<4>, 54>) params {N = 1 : i64, H = 8 : i64, W = 8 : i64, C = 3 : i64, KH = 3 : i64, KW = 3 : i64, SH = 1 : i64, SW = 1 : i64, DH = 1 : i64, DW = 1 : i64, OH = 6 : i64, OW = 6 : i64, MMV = 2 : i64, T = !qnn.uint<4>}
// CHECK:      hls.kernel "mvau_mmv" "MVAU_hls_0" {{.*}} outs(%{{.*}} : !hls.stream<!qnn.int<10>, 8>) {{.*}} params {MW = 27 : i64, MH = 4 : i64, SIMD = 27 : i64, PE = 4 : i64, VECS = 36 : i64, {{.*}}, MMV = 2 : i64}
// CHECK:      hls.kernel "mvau" "MVAU_hls_1"
// CHECK-NOT:  MMV
// CHECK:      hls.yield
func.func @conv(%x: tensor<1x8x8x3x!qnn.uint<4>>) -> tensor<1x6x6x4x!qnn.int<12>> {
  %y = dataflow.partition "conv" (%a = %x : tensor<1x8x8x3x!qnn.uint<4>>) -> (tensor<1x6x6x4x!qnn.int<12>>) {
    %s = dataflow.swu %a {kernel = array<i64: 3, 3>, simd = 3 : i64, parallel_window = true, mmv = 2 : i64} : (tensor<1x8x8x3x!qnn.uint<4>>) -> tensor<1x6x6x27x!qnn.uint<4>>
    %m = dataflow.mvau %s {weights = dense<1> : tensor<27x4xi8>, weight_dtype = !qnn.int<2>, simd = 27 : i64, pe = 4 : i64, mmv = 2 : i64} : (tensor<1x6x6x27x!qnn.uint<4>>) -> tensor<1x6x6x4x!qnn.int<10>>
    %w = dataflow.dwc %m {in_elems = 8 : i64, out_elems = 4 : i64} : (tensor<1x6x6x4x!qnn.int<10>>) -> tensor<1x6x6x4x!qnn.int<10>>
    %n = dataflow.mvau %w {weights = dense<1> : tensor<4x4xi8>, weight_dtype = !qnn.int<2>, simd = 4 : i64, pe = 4 : i64} : (tensor<1x6x6x4x!qnn.int<10>>) -> tensor<1x6x6x4x!qnn.int<12>>
    dataflow.yield %n : tensor<1x6x6x4x!qnn.int<12>>
  }
  func.return %y : tensor<1x6x6x4x!qnn.int<12>>
}
