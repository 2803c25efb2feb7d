// RUN: finnr-opt %s | filecheck %s
// RUN: finnr-opt %s --print-op-generic | finnr-opt | filecheck %s

// Depthwise convolution as FINN builds it: pad, a depthwise sliding window
// unit producing (kh, kw, c)-ordered windows, then a VVAU with one KH*KW
// weight row per channel. pe divides C, simd divides KH*KW.

// CHECK-LABEL: func.func @depthwise_3x3
func.func @depthwise_3x3(%x: tensor<1x8x8x16x!qnn.uint<4>>) -> tensor<1x8x8x16x!qnn.uint<4>> {
  %r = dataflow.partition "dw" (%a = %x : tensor<1x8x8x16x!qnn.uint<4>>) -> (tensor<1x8x8x16x!qnn.uint<4>>) {
    %p = dataflow.pad %a {pads = array<i64: 1, 1, 1, 1>, simd = 16 : i64} : (tensor<1x8x8x16x!qnn.uint<4>>) -> tensor<1x10x10x16x!qnn.uint<4>>
    %w = dataflow.swu %p {kernel = array<i64: 3, 3>, simd = 16 : i64, depthwise = true} : (tensor<1x10x10x16x!qnn.uint<4>>) -> tensor<1x8x8x144x!qnn.uint<4>>
    %v = dataflow.vvau %w {kernel = array<i64: 3, 3>, weights = dense<-2> : tensor<16x9xi8>, weight_dtype = !qnn.int<4>, thresholds = dense<0> : tensor<16x15xi16>, pe = 16 : i64, simd = 9 : i64} : (tensor<1x8x8x144x!qnn.uint<4>>) -> tensor<1x8x8x16x!qnn.uint<4>>
    dataflow.yield %v : tensor<1x8x8x16x!qnn.uint<4>>
  }
  func.return %r : tensor<1x8x8x16x!qnn.uint<4>>
}
// CHECK:      dataflow.pad %{{.*}} {pads = array<i64: 1, 1, 1, 1>, simd = 16 : i64} : (tensor<1x8x8x16x!qnn.uint<4>>) -> tensor<1x10x10x16x!qnn.uint<4>>
// CHECK-NEXT: dataflow.swu %{{.*}} {kernel = array<i64: 3, 3>, simd = 16 : i64, depthwise = true} : (tensor<1x10x10x16x!qnn.uint<4>>) -> tensor<1x8x8x144x!qnn.uint<4>>
// CHECK-NEXT: dataflow.vvau %{{.*}} {kernel = array<i64: 3, 3>, weights = dense<-2> : tensor<16x9xi8>, weight_dtype = !qnn.int<4>, thresholds = dense<0> : tensor<16x15xi16>, pe = 16 : i64, simd = 9 : i64} : (tensor<1x8x8x144x!qnn.uint<4>>) -> tensor<1x8x8x16x!qnn.uint<4>>

// Non-square kernels, strided windows, folded engines and a raw accumulator.
// CHECK-LABEL: func.func @depthwise_1x3_strided
func.func @depthwise_1x3_strided(%x: tensor<2x4x9x6x!qnn.int<2>>) -> tensor<2x4x4x6x!qnn.int<6>> {
  %r = dataflow.partition (%a = %x : tensor<2x4x9x6x!qnn.int<2>>) -> (tensor<2x4x4x6x!qnn.int<6>>) {
    %w = dataflow.swu %a {kernel = array<i64: 1, 3>, stride = array<i64: 1, 2>, simd = 3 : i64, depthwise = true} : (tensor<2x4x9x6x!qnn.int<2>>) -> tensor<2x4x4x18x!qnn.int<2>>
    %v = dataflow.vvau %w {kernel = array<i64: 1, 3>, weights = dense<[[1, 0, -1], [1, 1, 1], [0, 1, 0], [-1, 0, 1], [1, -1, 1], [0, 0, 1]]> : tensor<6x3xi8>, weight_dtype = !qnn.ternary, pe = 3 : i64, mem_mode = "internal_decoupled", ram_style = "distributed", res_type = "lut"} : (tensor<2x4x4x18x!qnn.int<2>>) -> tensor<2x4x4x6x!qnn.int<6>>
    dataflow.yield %v : tensor<2x4x4x6x!qnn.int<6>>
  }
  func.return %r : tensor<2x4x4x6x!qnn.int<6>>
}
// CHECK:      dataflow.swu %{{.*}} {kernel = array<i64: 1, 3>, stride = array<i64: 1, 2>, simd = 3 : i64, depthwise = true} : (tensor<2x4x9x6x!qnn.int<2>>) -> tensor<2x4x4x18x!qnn.int<2>>
// CHECK-NEXT: dataflow.vvau %{{.*}} {kernel = array<i64: 1, 3>, weights = dense<{{\[}}[1, 0, -1], [1, 1, 1], [0, 1, 0], [-1, 0, 1], [1, -1, 1], [0, 0, 1]]> : tensor<6x3xi8>, weight_dtype = !qnn.ternary, pe = 3 : i64, mem_mode = "internal_decoupled", ram_style = "distributed", res_type = "lut"} : (tensor<2x4x4x18x!qnn.int<2>>) -> tensor<2x4x4x6x!qnn.int<6>>

// A 5x5 kernel (25 positions) folded with simd = 5, shared threshold row,
// signed output with act_bias.
// CHECK-LABEL: func.func @depthwise_5x5
func.func @depthwise_5x5(%x: tensor<1x5x5x4x!qnn.uint<2>>) -> tensor<1x1x1x4x!qnn.int<3>> {
  %r = dataflow.partition (%a = %x : tensor<1x5x5x4x!qnn.uint<2>>) -> (tensor<1x1x1x4x!qnn.int<3>>) {
    %w = dataflow.swu %a {kernel = array<i64: 5, 5>, depthwise = true} : (tensor<1x5x5x4x!qnn.uint<2>>) -> tensor<1x1x1x100x!qnn.uint<2>>
    %v = dataflow.vvau %w {kernel = array<i64: 5, 5>, weights = dense<1> : tensor<4x25xi8>, weight_dtype = !qnn.binary, thresholds = dense<[[4, 8, 12, 16, 20, 24, 28]]> : tensor<1x7xi8>, act_bias = -4 : i64, pe = 2 : i64, simd = 5 : i64} : (tensor<1x1x1x100x!qnn.uint<2>>) -> tensor<1x1x1x4x!qnn.int<3>>
    dataflow.yield %v : tensor<1x1x1x4x!qnn.int<3>>
  }
  func.return %r : tensor<1x1x1x4x!qnn.int<3>>
}
// CHECK:      dataflow.swu %{{.*}} {kernel = array<i64: 5, 5>, depthwise = true} : (tensor<1x5x5x4x!qnn.uint<2>>) -> tensor<1x1x1x100x!qnn.uint<2>>
// CHECK-NEXT: dataflow.vvau %{{.*}} {kernel = array<i64: 5, 5>, weights = dense<1> : tensor<4x25xi8>, weight_dtype = !qnn.binary, thresholds = dense<{{\[}}[4, 8, 12, 16, 20, 24, 28]]> : tensor<1x7xi8>, act_bias = -4 : i64, pe = 2 : i64, simd = 5 : i64} : (tensor<1x1x1x100x!qnn.uint<2>>) -> tensor<1x1x1x4x!qnn.int<3>>
