// RUN: finnr-opt %s | filecheck %s
// RUN: finnr-opt %s --print-op-generic | finnr-opt | filecheck %s

// Legal MVAU shapes and foldings: the vectors to multiply are the last
// dimension, any leading dimensions (batch, pixels) are streamed one vector
// after the other; pe divides MH and simd divides MW, from fully folded
// (1, 1) to fully parallel (MH, MW).

// CHECK-LABEL: func.func @leading_dims
func.func @leading_dims(%x: tensor<2x8xf32>, %img: tensor<1x3x3x12x!qnn.uint<4>>) -> (tensor<2x4xf32>, tensor<1x3x3x6x!qnn.int<12>>) {
  %r:2 = dataflow.partition (%a = %x : tensor<2x8xf32>, %b = %img : tensor<1x3x3x12x!qnn.uint<4>>) -> (tensor<2x4xf32>, tensor<1x3x3x6x!qnn.int<12>>) {
    // batch of 2 float vectors, integer weights, raw f32 accumulator out
    %m0 = dataflow.mvau %a {weights = dense<[[1, -1, 0, 1], [1, 1, 0, 0], [0, 1, -1, 0], [1, 0, 0, -1], [-1, 1, 1, 1], [0, 0, 1, 1], [1, 1, 1, 0], [0, -1, 0, 1]]> : tensor<8x4xi8>, weight_dtype = !qnn.ternary} : (tensor<2x8xf32>) -> tensor<2x4xf32>
    // a 1x1 convolution: 3x3 pixels of 12 channels, 6 filters; fully parallel
    %m1 = dataflow.mvau %b {weights = dense<7> : tensor<12x6xi8>, weight_dtype = !qnn.int<4>, pe = 6 : i64, simd = 12 : i64, res_type = "dsp"} : (tensor<1x3x3x12x!qnn.uint<4>>) -> tensor<1x3x3x6x!qnn.int<12>>
    dataflow.yield %m0, %m1 : tensor<2x4xf32>, tensor<1x3x3x6x!qnn.int<12>>
  }
  func.return %r#0, %r#1 : tensor<2x4xf32>, tensor<1x3x3x6x!qnn.int<12>>
}
// CHECK:      dataflow.mvau %{{.*}} {weights = dense<{{\[}}[1, -1, 0, 1], {{.*}}]> : tensor<8x4xi8>, weight_dtype = !qnn.ternary} : (tensor<2x8xf32>) -> tensor<2x4xf32>
// CHECK-NEXT: dataflow.mvau %{{.*}} {weights = dense<7> : tensor<12x6xi8>, weight_dtype = !qnn.int<4>, pe = 6 : i64, simd = 12 : i64, res_type = "dsp"} : (tensor<1x3x3x12x!qnn.uint<4>>) -> tensor<1x3x3x6x!qnn.int<12>>

// CHECK-LABEL: func.func @foldings
func.func @foldings(%x: tensor<1x64x!qnn.int<4>>) -> tensor<1x32x!qnn.uint<4>> {
  %r = dataflow.partition "foldings" (%a = %x : tensor<1x64x!qnn.int<4>>) -> (tensor<1x32x!qnn.uint<4>>) {
    %m0 = dataflow.mvau %a {weights = dense<1> : tensor<64x32xi8>, weight_dtype = !qnn.uint<1>, thresholds = dense<0> : tensor<32x15xi16>} : (tensor<1x64x!qnn.int<4>>) -> tensor<1x32x!qnn.uint<4>>
    %m1 = dataflow.mvau %a {weights = dense<1> : tensor<64x32xi8>, weight_dtype = !qnn.uint<1>, thresholds = dense<0> : tensor<32x15xi16>, pe = 2 : i64, simd = 64 : i64} : (tensor<1x64x!qnn.int<4>>) -> tensor<1x32x!qnn.uint<4>>
    %m2 = dataflow.mvau %a {weights = dense<1> : tensor<64x32xi8>, weight_dtype = !qnn.uint<1>, thresholds = dense<0> : tensor<32x15xi16>, pe = 32 : i64, simd = 2 : i64} : (tensor<1x64x!qnn.int<4>>) -> tensor<1x32x!qnn.uint<4>>
    %m3 = dataflow.mvau %a {weights = dense<1> : tensor<64x32xi8>, weight_dtype = !qnn.uint<1>, thresholds = dense<0> : tensor<32x15xi16>, pe = 32 : i64, simd = 64 : i64, mem_mode = "external", ram_style = "ultra", res_type = "lut"} : (tensor<1x64x!qnn.int<4>>) -> tensor<1x32x!qnn.uint<4>>
    dataflow.yield %m3 : tensor<1x32x!qnn.uint<4>>
  }
  func.return %r : tensor<1x32x!qnn.uint<4>>
}
// CHECK:      thresholds = dense<0> : tensor<32x15xi16>} : (tensor<1x64x!qnn.int<4>>) -> tensor<1x32x!qnn.uint<4>>
// CHECK-NEXT: thresholds = dense<0> : tensor<32x15xi16>, pe = 2 : i64, simd = 64 : i64}
// CHECK-NEXT: thresholds = dense<0> : tensor<32x15xi16>, pe = 32 : i64, simd = 2 : i64}
// CHECK-NEXT: thresholds = dense<0> : tensor<32x15xi16>, pe = 32 : i64, simd = 64 : i64, mem_mode = "external", ram_style = "ultra", res_type = "lut"}

// Activations: per-channel f32 thresholds, a shared row, a signed output
// with act_bias, and a bipolar output (the 1-bit count is the bipolar bit).
// CHECK-LABEL: func.func @activations
func.func @activations(%x: tensor<1x4x!qnn.bipolar>) -> (tensor<1x2x!qnn.uint<2>>, tensor<1x2x!qnn.int<2>>, tensor<1x2x!qnn.bipolar>) {
  %r:3 = dataflow.partition (%a = %x : tensor<1x4x!qnn.bipolar>) -> (tensor<1x2x!qnn.uint<2>>, tensor<1x2x!qnn.int<2>>, tensor<1x2x!qnn.bipolar>) {
    %m0 = dataflow.mvau %a {weights = dense<[[1, -1], [1, 1], [-1, -1], [1, -1]]> : tensor<4x2xi8>, weight_dtype = !qnn.bipolar, thresholds = dense<[[-1.5, 0.0, 1.5], [-2.0, 0.5, 2.0]]> : tensor<2x3xf32>, pe = 2 : i64, simd = 4 : i64} : (tensor<1x4x!qnn.bipolar>) -> tensor<1x2x!qnn.uint<2>>
    %m1 = dataflow.mvau %a {weights = dense<[[1, -1], [1, 1], [-1, -1], [1, -1]]> : tensor<4x2xi8>, weight_dtype = !qnn.bipolar, thresholds = dense<[[-2, 0, 2]]> : tensor<1x3xi8>, act_bias = -2 : i64} : (tensor<1x4x!qnn.bipolar>) -> tensor<1x2x!qnn.int<2>>
    %m2 = dataflow.mvau %a {weights = dense<[[1, -1], [1, 1], [-1, -1], [1, -1]]> : tensor<4x2xi8>, weight_dtype = !qnn.bipolar, thresholds = dense<[[0], [2]]> : tensor<2x1xi8>} : (tensor<1x4x!qnn.bipolar>) -> tensor<1x2x!qnn.bipolar>
    dataflow.yield %m0, %m1, %m2 : tensor<1x2x!qnn.uint<2>>, tensor<1x2x!qnn.int<2>>, tensor<1x2x!qnn.bipolar>
  }
  func.return %r#0, %r#1, %r#2 : tensor<1x2x!qnn.uint<2>>, tensor<1x2x!qnn.int<2>>, tensor<1x2x!qnn.bipolar>
}
// CHECK:      thresholds = dense<{{\[}}[-1.500000e+00, 0.000000e+00, 1.500000e+00], [-2.000000e+00, 5.000000e-01, 2.000000e+00]]> : tensor<2x3xf32>, pe = 2 : i64, simd = 4 : i64} : (tensor<1x4x!qnn.bipolar>) -> tensor<1x2x!qnn.uint<2>>
// CHECK-NEXT: thresholds = dense<{{\[}}[-2, 0, 2]]> : tensor<1x3xi8>, act_bias = -2 : i64} : (tensor<1x4x!qnn.bipolar>) -> tensor<1x2x!qnn.int<2>>
// CHECK-NEXT: thresholds = dense<{{\[}}[0], [2]]> : tensor<2x1xi8>} : (tensor<1x4x!qnn.bipolar>) -> tensor<1x2x!qnn.bipolar>
