// qnn.trunc (QONNX Trunc, e.g. after an average pool's sum): FLOOR is the
// default rounding and is elided; out_bitwidth may equal in_bitwidth;
// scale and zero point may be per channel.
// RUN: finnr-opt %s --print-op-generic | finnr-opt | filecheck %s

// CHECK-LABEL: func.func @trunc
// CHECK-SAME:    (%[[X:.*]]: tensor<1x4x2x2xf32>)
// CHECK-NEXT:    %[[A:.*]] = qnn.trunc %[[X]] {scale = dense<1.000000e+00> : tensor<f32>, zeropt = dense<0.000000e+00> : tensor<f32>, in_bitwidth = 12 : i64, out_bitwidth = 8 : i64} : (tensor<1x4x2x2xf32>) -> tensor<1x4x2x2xf32>
// CHECK-NEXT:    %[[B:.*]] = qnn.trunc %[[A]] {scale = dense<1.000000e+00> : tensor<f32>, zeropt = dense<0.000000e+00> : tensor<f32>, in_bitwidth = 8 : i64, out_bitwidth = 8 : i64} : (tensor<1x4x2x2xf32>) -> tensor<1x4x2x2xf32>
// CHECK-NEXT:    %[[C:.*]] = qnn.trunc %[[B]] {scale = dense<2.500000e-01> : tensor<4x1x1xf32>, zeropt = dense<1.000000e+00> : tensor<1x4x1x1xf32>, in_bitwidth = 8 : i64, out_bitwidth = 1 : i64, rounding_mode = "ROUND"} : (tensor<1x4x2x2xf32>) -> tensor<1x4x2x2xf32>
// CHECK-NEXT:    %[[D:.*]] = qnn.trunc %[[C]] {scale = dense<1.000000e+00> : tensor<f32>, zeropt = dense<0.000000e+00> : tensor<f32>, in_bitwidth = 32 : i64, out_bitwidth = 16 : i64, rounding_mode = "CEIL"} : (tensor<1x4x2x2xf32>) -> tensor<1x4x2x2x!qnn.int<16>>
// CHECK-NEXT:    func.return %[[D]]
func.func @trunc(%x: tensor<1x4x2x2xf32>) -> tensor<1x4x2x2x!qnn.int<16>> {
  %a = qnn.trunc %x {scale = dense<1.0> : tensor<f32>, zeropt = dense<0.0> : tensor<f32>, in_bitwidth = 12 : i64, out_bitwidth = 8 : i64, rounding_mode = "FLOOR"} : (tensor<1x4x2x2xf32>) -> tensor<1x4x2x2xf32>
  %b = qnn.trunc %a {scale = dense<1.0> : tensor<f32>, zeropt = dense<0.0> : tensor<f32>, in_bitwidth = 8 : i64, out_bitwidth = 8 : i64} : (tensor<1x4x2x2xf32>) -> tensor<1x4x2x2xf32>
  %c = qnn.trunc %b {scale = dense<0.25> : tensor<4x1x1xf32>, zeropt = dense<1.0> : tensor<1x4x1x1xf32>, in_bitwidth = 8 : i64, out_bitwidth = 1 : i64, rounding_mode = "ROUND"} : (tensor<1x4x2x2xf32>) -> tensor<1x4x2x2xf32>
  %d = qnn.trunc %c {scale = dense<1.0> : tensor<f32>, zeropt = dense<0.0> : tensor<f32>, in_bitwidth = 32 : i64, out_bitwidth = 16 : i64, rounding_mode = "CEIL"} : (tensor<1x4x2x2xf32>) -> tensor<1x4x2x2x!qnn.int<16>>
  func.return %d : tensor<1x4x2x2x!qnn.int<16>>
}

// The generic form spells out the default rounding mode.
// RUN: finnr-opt %s --print-op-generic | filecheck %s --check-prefix=GENERIC
// GENERIC: "qnn.trunc"(%{{.*}}) <{scale = dense<1.000000e+00> : tensor<f32>, zeropt = dense<0.000000e+00> : tensor<f32>, in_bitwidth = 8 : i64, out_bitwidth = 8 : i64, rounding_mode = "FLOOR"}>

// Trunc v2 (Brevitas >= 0.11): out_scale gives the shift, signed and narrow
// the output range; out_bitwidth may exceed in_bitwidth (v2 ignores it).
// CHECK-LABEL: func.func @trunc_v2
// CHECK-NEXT:    %{{.*}} = qnn.trunc %{{.*}} {scale = dense<2.500000e-01> : tensor<f32>, zeropt = dense<0.000000e+00> : tensor<f32>, in_bitwidth = 10 : i64, out_bitwidth = 8 : i64, out_scale = dense<1.000000e+00> : tensor<f32>, signed = false} : (tensor<1x4x1x1xf32>) -> tensor<1x4x1x1xf32>
// CHECK-NEXT:    %{{.*}} = qnn.trunc %{{.*}} {scale = dense<2.500000e-01> : tensor<f32>, zeropt = dense<0.000000e+00> : tensor<f32>, in_bitwidth = 4 : i64, out_bitwidth = 8 : i64, rounding_mode = "ROUND", out_scale = dense<5.000000e-01> : tensor<f32>, narrow = true} : (tensor<1x4x1x1xf32>) -> tensor<1x4x1x1xf32>
func.func @trunc_v2(%x: tensor<1x4x1x1xf32>) -> tensor<1x4x1x1xf32> {
  %a = qnn.trunc %x {scale = dense<0.25> : tensor<f32>, zeropt = dense<0.0> : tensor<f32>, in_bitwidth = 10 : i64, out_bitwidth = 8 : i64, out_scale = dense<1.0> : tensor<f32>, signed = false} : (tensor<1x4x1x1xf32>) -> tensor<1x4x1x1xf32>
  %b = qnn.trunc %a {scale = dense<0.25> : tensor<f32>, zeropt = dense<0.0> : tensor<f32>, in_bitwidth = 4 : i64, out_bitwidth = 8 : i64, rounding_mode = "ROUND", out_scale = dense<0.5> : tensor<f32>, narrow = true} : (tensor<1x4x1x1xf32>) -> tensor<1x4x1x1xf32>
  func.return %b : tensor<1x4x1x1xf32>
}
