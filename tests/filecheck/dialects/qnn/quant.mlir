// qnn.quant with every QONNX rounding mode, signed and unsigned, narrow,
// 1 to 32 bits, and per-channel scale and zero point. ROUND, the default, is
// elided when printed.
// RUN: finnr-opt %s --print-op-generic | finnr-opt | filecheck %s

// CHECK-LABEL: func.func @rounding_modes
// CHECK-SAME:    (%[[X:.*]]: tensor<4xf32>)
// CHECK-NEXT:    %{{.*}} = qnn.quant %[[X]] {bitwidth = 4 : i64, scale = dense<5.000000e-01> : tensor<f32>, zeropt = dense<0.000000e+00> : tensor<f32>} : (tensor<4xf32>) -> tensor<4xf32>
// CHECK-NEXT:    %{{.*}} = qnn.quant %[[X]] {bitwidth = 4 : i64, scale = dense<5.000000e-01> : tensor<f32>, zeropt = dense<0.000000e+00> : tensor<f32>, rounding_mode = "HALF_EVEN"} : (tensor<4xf32>) -> tensor<4xf32>
// CHECK-NEXT:    %{{.*}} = qnn.quant %[[X]] {bitwidth = 4 : i64, scale = dense<5.000000e-01> : tensor<f32>, zeropt = dense<0.000000e+00> : tensor<f32>, rounding_mode = "CEIL"} : (tensor<4xf32>) -> tensor<4xf32>
// CHECK-NEXT:    %{{.*}} = qnn.quant %[[X]] {bitwidth = 4 : i64, scale = dense<5.000000e-01> : tensor<f32>, zeropt = dense<0.000000e+00> : tensor<f32>, rounding_mode = "FLOOR"} : (tensor<4xf32>) -> tensor<4xf32>
// CHECK-NEXT:    %{{.*}} = qnn.quant %[[X]] {bitwidth = 4 : i64, scale = dense<5.000000e-01> : tensor<f32>, zeropt = dense<0.000000e+00> : tensor<f32>, rounding_mode = "UP"} : (tensor<4xf32>) -> tensor<4xf32>
// CHECK-NEXT:    %{{.*}} = qnn.quant %[[X]] {bitwidth = 4 : i64, scale = dense<5.000000e-01> : tensor<f32>, zeropt = dense<0.000000e+00> : tensor<f32>, rounding_mode = "DOWN"} : (tensor<4xf32>) -> tensor<4xf32>
// CHECK-NEXT:    %{{.*}} = qnn.quant %[[X]] {bitwidth = 4 : i64, scale = dense<5.000000e-01> : tensor<f32>, zeropt = dense<0.000000e+00> : tensor<f32>, rounding_mode = "ROUND_TO_ZERO"} : (tensor<4xf32>) -> tensor<4xf32>
// CHECK-NEXT:    %{{.*}} = qnn.quant %[[X]] {bitwidth = 4 : i64, scale = dense<5.000000e-01> : tensor<f32>, zeropt = dense<0.000000e+00> : tensor<f32>, rounding_mode = "HALF_UP"} : (tensor<4xf32>) -> tensor<4xf32>
// CHECK-NEXT:    %{{.*}} = qnn.quant %[[X]] {bitwidth = 4 : i64, scale = dense<5.000000e-01> : tensor<f32>, zeropt = dense<0.000000e+00> : tensor<f32>, rounding_mode = "HALF_DOWN"} : (tensor<4xf32>) -> tensor<4xf32>
func.func @rounding_modes(%x: tensor<4xf32>) {
  %q0 = qnn.quant %x {bitwidth = 4 : i64, scale = dense<0.5> : tensor<f32>, zeropt = dense<0.0> : tensor<f32>, rounding_mode = "ROUND"} : (tensor<4xf32>) -> tensor<4xf32>
  %q1 = qnn.quant %x {bitwidth = 4 : i64, scale = dense<0.5> : tensor<f32>, zeropt = dense<0.0> : tensor<f32>, rounding_mode = "HALF_EVEN"} : (tensor<4xf32>) -> tensor<4xf32>
  %q2 = qnn.quant %x {bitwidth = 4 : i64, scale = dense<0.5> : tensor<f32>, zeropt = dense<0.0> : tensor<f32>, rounding_mode = "CEIL"} : (tensor<4xf32>) -> tensor<4xf32>
  %q3 = qnn.quant %x {bitwidth = 4 : i64, scale = dense<0.5> : tensor<f32>, zeropt = dense<0.0> : tensor<f32>, rounding_mode = "FLOOR"} : (tensor<4xf32>) -> tensor<4xf32>
  %q4 = qnn.quant %x {bitwidth = 4 : i64, scale = dense<0.5> : tensor<f32>, zeropt = dense<0.0> : tensor<f32>, rounding_mode = "UP"} : (tensor<4xf32>) -> tensor<4xf32>
  %q5 = qnn.quant %x {bitwidth = 4 : i64, scale = dense<0.5> : tensor<f32>, zeropt = dense<0.0> : tensor<f32>, rounding_mode = "DOWN"} : (tensor<4xf32>) -> tensor<4xf32>
  %q6 = qnn.quant %x {bitwidth = 4 : i64, scale = dense<0.5> : tensor<f32>, zeropt = dense<0.0> : tensor<f32>, rounding_mode = "ROUND_TO_ZERO"} : (tensor<4xf32>) -> tensor<4xf32>
  %q7 = qnn.quant %x {bitwidth = 4 : i64, scale = dense<0.5> : tensor<f32>, zeropt = dense<0.0> : tensor<f32>, rounding_mode = "HALF_UP"} : (tensor<4xf32>) -> tensor<4xf32>
  %q8 = qnn.quant %x {bitwidth = 4 : i64, scale = dense<0.5> : tensor<f32>, zeropt = dense<0.0> : tensor<f32>, rounding_mode = "HALF_DOWN"} : (tensor<4xf32>) -> tensor<4xf32>
  func.return
}
// signed (default) and unsigned, narrow or not; a 1-bit signed quantizer (a
// sign to +-1 in QONNX) and a 32-bit one; integer result types where scale 1
// and zero point 0 make the values integers.
// CHECK-LABEL: func.func @signedness
// CHECK-NEXT:    qnn.quant %{{.*}} {bitwidth = 8 : i64, scale = dense<1.000000e+00> : tensor<f32>, zeropt = dense<0.000000e+00> : tensor<f32>} : (tensor<1x8xf32>) -> tensor<1x8x!qnn.int<8>>
// CHECK-NEXT:    qnn.quant %{{.*}} {bitwidth = 8 : i64, scale = dense<1.000000e+00> : tensor<f32>, zeropt = dense<0.000000e+00> : tensor<f32>, narrow = true} : (tensor<1x8xf32>) -> tensor<1x8x!qnn.int<8>>
// CHECK-NEXT:    qnn.quant %{{.*}} {bitwidth = 4 : i64, scale = dense<1.000000e+00> : tensor<f32>, zeropt = dense<0.000000e+00> : tensor<f32>, signed = false} : (tensor<1x8xf32>) -> tensor<1x8x!qnn.uint<4>>
// CHECK-NEXT:    qnn.quant %{{.*}} {bitwidth = 4 : i64, scale = dense<1.000000e+00> : tensor<f32>, zeropt = dense<0.000000e+00> : tensor<f32>, signed = false, narrow = true} : (tensor<1x8xf32>) -> tensor<1x8x!qnn.uint<4>>
// CHECK-NEXT:    qnn.quant %{{.*}} {bitwidth = 1 : i64, scale = dense<1.000000e+00> : tensor<f32>, zeropt = dense<0.000000e+00> : tensor<f32>} : (tensor<1x8xf32>) -> tensor<1x8x!qnn.bipolar>
// CHECK-NEXT:    qnn.quant %{{.*}} {bitwidth = 1 : i64, scale = dense<1.000000e+00> : tensor<f32>, zeropt = dense<0.000000e+00> : tensor<f32>, signed = false} : (tensor<1x8xf32>) -> tensor<1x8x!qnn.binary>
// CHECK-NEXT:    qnn.quant %{{.*}} {bitwidth = 32 : i64, scale = dense<1.000000e+00> : tensor<f32>, zeropt = dense<0.000000e+00> : tensor<f32>} : (tensor<1x8xf32>) -> tensor<1x8x!qnn.int<32>>
func.func @signedness(%x: tensor<1x8xf32>) {
  %a = qnn.quant %x {bitwidth = 8 : i64, scale = dense<1.0> : tensor<f32>, zeropt = dense<0.0> : tensor<f32>, signed = true, narrow = false} : (tensor<1x8xf32>) -> tensor<1x8x!qnn.int<8>>
  %b = qnn.quant %x {bitwidth = 8 : i64, scale = dense<1.0> : tensor<f32>, zeropt = dense<0.0> : tensor<f32>, narrow = true} : (tensor<1x8xf32>) -> tensor<1x8x!qnn.int<8>>
  %c = qnn.quant %x {bitwidth = 4 : i64, scale = dense<1.0> : tensor<f32>, zeropt = dense<0.0> : tensor<f32>, signed = false} : (tensor<1x8xf32>) -> tensor<1x8x!qnn.uint<4>>
  %d = qnn.quant %x {bitwidth = 4 : i64, scale = dense<1.0> : tensor<f32>, zeropt = dense<0.0> : tensor<f32>, signed = false, narrow = true} : (tensor<1x8xf32>) -> tensor<1x8x!qnn.uint<4>>
  %e = qnn.quant %x {bitwidth = 1 : i64, scale = dense<1.0> : tensor<f32>, zeropt = dense<0.0> : tensor<f32>} : (tensor<1x8xf32>) -> tensor<1x8x!qnn.bipolar>
  %f = qnn.quant %x {bitwidth = 1 : i64, scale = dense<1.0> : tensor<f32>, zeropt = dense<0.0> : tensor<f32>, signed = false} : (tensor<1x8xf32>) -> tensor<1x8x!qnn.binary>
  %g = qnn.quant %x {bitwidth = 32 : i64, scale = dense<1.0> : tensor<f32>, zeropt = dense<0.0> : tensor<f32>} : (tensor<1x8xf32>) -> tensor<1x8x!qnn.int<32>>
  func.return
}

// Per-channel parameters broadcast against NCHW (C, 1, 1) or (1, C, 1, 1),
// and per-output-channel weight scales (M, 1, 1, 1).
// CHECK-LABEL: func.func @per_channel
// CHECK-NEXT:    qnn.quant %{{.*}} {bitwidth = 4 : i64, scale = dense<[{{\[\[}}5.000000e-01{{\]\]}}, {{\[\[}}2.500000e-01{{\]\]}}, {{\[\[}}1.250000e-01{{\]\]}}]> : tensor<3x1x1xf32>, zeropt = dense<0.000000e+00> : tensor<1x3x1x1xf32>, signed = false} : (tensor<1x3x4x4xf32>) -> tensor<1x3x4x4xf32>
// CHECK-NEXT:    qnn.quant %{{.*}} {bitwidth = 2 : i64, scale = dense<1.000000e-01> : tensor<8x1x1x1xf32>, zeropt = dense<0.000000e+00> : tensor<f32>, narrow = true} : (tensor<8x3x3x3xf32>) -> tensor<8x3x3x3xf32>
// CHECK-NEXT:    qnn.quant %{{.*}} {bitwidth = 8 : i64, scale = dense<1.000000e+00> : tensor<1x1x1x4xf32>, zeropt = dense<[1.000000e+00, 2.000000e+00, 3.000000e+00, 4.000000e+00]> : tensor<4xf32>, signed = false} : (tensor<1x3x4x4xf32>) -> tensor<1x3x4x4xf32>
func.func @per_channel(%x: tensor<1x3x4x4xf32>, %w: tensor<8x3x3x3xf32>) {
  %a = qnn.quant %x {bitwidth = 4 : i64, scale = dense<[[[0.5]], [[0.25]], [[0.125]]]> : tensor<3x1x1xf32>, zeropt = dense<0.0> : tensor<1x3x1x1xf32>, signed = false} : (tensor<1x3x4x4xf32>) -> tensor<1x3x4x4xf32>
  %b = qnn.quant %w {bitwidth = 2 : i64, scale = dense<0.1> : tensor<8x1x1x1xf32>, zeropt = dense<0.0> : tensor<f32>, narrow = true} : (tensor<8x3x3x3xf32>) -> tensor<8x3x3x3xf32>
  %c = qnn.quant %x {bitwidth = 8 : i64, scale = dense<1.0> : tensor<1x1x1x4xf32>, zeropt = dense<[1.0, 2.0, 3.0, 4.0]> : tensor<4xf32>, signed = false} : (tensor<1x3x4x4xf32>) -> tensor<1x3x4x4xf32>
  func.return
}
