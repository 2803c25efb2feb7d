// convert-dataflow-to-hls: a pad and a max-pool of M = mmv > 1 pixels a beat
// become the pad_mmv and maxpool_mmv kernels (no SIMD/PE: whole pixels, MMV
// of them a beat), their streams M pixels (M*C elements) a beat; at M = 1
// the plain kernels stay.
// RUN: finnr-opt %s -p convert-dataflow-to-hls | filecheck %s

// CHECK:      hls.top @mmv_1(%in0 : !hls.stream<!qnn.uint<4>, 6>) -> (%out0 : !hls.stream<!qnn.uint<4>, 6>, %out1 : !hls.stream<!qnn.uint<4>, 1>)
// CHECK:      hls.kernel "pad_mmv" "FMPadding_rtl_0" {{.*}} outs(%{{.*}} : !hls.stream<!qnn.uint<4>, 6>) params {N = 1 : i64, H = 4 : i64, W = 6 : i64, C = 3 : i64, TOP = 1 : i64, LEFT = 1 : i64, BOTTOM = 1 : i64, RIGHT = 1 : i64, MMV = 2 : i64, T = !qnn.uint<4>, VALUE = 0 : i64}
// CHECK:      hls.kernel "maxpool_mmv" "StreamingMaxPool_hls_0" {{.*}} params {N = 1 : i64, H = 6 : i64, W = 8 : i64, C = 3 : i64, KH = 2 : i64, KW = 2 : i64, SH = 2 : i64, SW = 2 : i64, OH = 3 : i64, OW = 4 : i64, MMV = 2 : i64, T = !qnn.uint<4>}
// CHECK:      hls.kernel "maxpool" "StreamingMaxPool_hls_1" {{.*}} params {N = 1 : i64, H = 6 : i64, W = 8 : i64, C = 3 : i64, KH = 2 : i64, KW = 2 : i64, SH = 2 : i64, SW = 2 : i64, OH = 3 : i64, OW = 4 : i64, PE = 1 : i64, T = !qnn.uint<4>}
func.func @mmv(%x: tensor<1x4x6x3x!qnn.uint<4>>) -> (tensor<1x3x4x3x!qnn.uint<4>>, tensor<1x3x4x3x!qnn.uint<4>>) {
  %y:2 = dataflow.partition "mmv" (%a = %x : tensor<1x4x6x3x!qnn.uint<4>>) -> (tensor<1x3x4x3x!qnn.uint<4>>, tensor<1x3x4x3x!qnn.uint<4>>) {
    %p = dataflow.pad %a {pads = array<i64: 1, 1, 1, 1>, simd = 3 : i64, mmv = 2 : i64} : (tensor<1x4x6x3x!qnn.uint<4>>) -> tensor<1x6x8x3x!qnn.uint<4>>
    %d:2 = dataflow.duplicate %p {pe = 6 : i64} : (tensor<1x6x8x3x!qnn.uint<4>>) -> (tensor<1x6x8x3x!qnn.uint<4>>, tensor<1x6x8x3x!qnn.uint<4>>)
    %m = dataflow.maxpool %d#0 {kernel = array<i64: 2, 2>, stride = array<i64: 2, 2>, pe = 3 : i64, mmv = 2 : i64} : (tensor<1x6x8x3x!qnn.uint<4>>) -> tensor<1x3x4x3x!qnn.uint<4>>
    %e = dataflow.dwc %d#1 {in_elems = 6 : i64, out_elems = 1 : i64} : (tensor<1x6x8x3x!qnn.uint<4>>) -> tensor<1x6x8x3x!qnn.uint<4>>
    %n = dataflow.maxpool %e {kernel = array<i64: 2, 2>, stride = array<i64: 2, 2>, pe = 1 : i64} : (tensor<1x6x8x3x!qnn.uint<4>>) -> tensor<1x3x4x3x!qnn.uint<4>>
    dataflow.yield %m, %n : tensor<1x3x4x3x!qnn.uint<4>>, tensor<1x3x4x3x!qnn.uint<4>>
  }
  func.return %y#0, %y#1 : tensor<1x3x4x3x!qnn.uint<4>>, tensor<1x3x4x3x!qnn.uint<4>>
}
