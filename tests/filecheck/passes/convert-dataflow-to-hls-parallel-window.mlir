// convert-dataflow-to-hls: a parallel-window SWU becomes the swu_pw kernel
// (no SIMD: a whole pixel in, a whole window out per beat), its output stream
// a window (KH*KW*C elements) per beat.
// RUN: finnr-opt %s -p convert-dataflow-to-hls | filecheck %s

// CHECK:      hls.top @conv_1(%in0 : !hls.stream<!qnn.uint<4>, 3>) -> (%out0 : !hls.stream<!qnn.uint<4>, 27>)
// CHECK-NEXT: hls.kernel "swu_pw" "ConvolutionInputGenerator_rtl_0" {{.*}} params {N = 1 : i64, H = 8 : i64, W = 8 : i64, C = 3 : i64, KH = 3 : i64, KW = 3 : i64, SH = 1 : i64, SW = 1 : i64, DH = 1 : i64, DW = 1 : i64, OH = 6 : i64, OW = 6 : i64, T = !qnn.uint<4>}
// CHECK-NEXT: hls.yield
func.func @conv(%x: tensor<1x8x8x3x!qnn.uint<4>>) -> tensor<1x6x6x27x!qnn.uint<4>> {
  %y = dataflow.partition "conv" (%a = %x : tensor<1x8x8x3x!qnn.uint<4>>) -> (tensor<1x6x6x27x!qnn.uint<4>>) {
    %s = dataflow.swu %a {kernel = array<i64: 3, 3>, simd = 3 : i64, parallel_window = true} : (tensor<1x8x8x3x!qnn.uint<4>>) -> tensor<1x6x6x27x!qnn.uint<4>>
    dataflow.yield %s : tensor<1x6x6x27x!qnn.uint<4>>
  }
  func.return %y : tensor<1x6x6x27x!qnn.uint<4>>
}
