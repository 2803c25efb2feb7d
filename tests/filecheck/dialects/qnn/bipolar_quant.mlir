// qnn.bipolar_quant (QONNX BipolarQuant): a scalar or per-channel positive
// scale; with scale 1 the result holds only +-1 and may be typed bipolar.
// RUN: finnr-opt %s --print-op-generic | finnr-opt | filecheck %s

// CHECK-LABEL: func.func @bipolar_quant
// CHECK-SAME:    (%[[X:.*]]: tensor<1x64xf32>, %[[W:.*]]: tensor<16x8x3x3xf32>, %[[H:.*]]: tensor<1x4x4x8xf32>)
// CHECK-NEXT:    %[[A:.*]] = qnn.bipolar_quant %[[X]] {scale = dense<1.000000e+00> : tensor<f32>} : (tensor<1x64xf32>) -> tensor<1x64x!qnn.bipolar>
// CHECK-NEXT:    %[[B:.*]] = qnn.bipolar_quant %[[X]] {scale = dense<3.750000e-01> : tensor<1x1xf32>} : (tensor<1x64xf32>) -> tensor<1x64xf32>
// CHECK-NEXT:    %[[C:.*]] = qnn.bipolar_quant %[[W]] {scale = dense<5.000000e-01> : tensor<16x1x1x1xf32>} : (tensor<16x8x3x3xf32>) -> tensor<16x8x3x3xf32>
// CHECK-NEXT:    %[[D:.*]] = qnn.bipolar_quant %[[H]] {scale = dense<[1.000000e+00, 2.000000e+00, 3.000000e+00, 4.000000e+00, 5.000000e+00, 6.000000e+00, 7.000000e+00, 8.000000e+00]> : tensor<8xf32>} : (tensor<1x4x4x8xf32>) -> tensor<1x4x4x8xf32>
// CHECK-NEXT:    func.return %[[A]], %[[B]], %[[C]], %[[D]]
func.func @bipolar_quant(%x: tensor<1x64xf32>, %w: tensor<16x8x3x3xf32>, %h: tensor<1x4x4x8xf32>) -> (tensor<1x64x!qnn.bipolar>, tensor<1x64xf32>, tensor<16x8x3x3xf32>, tensor<1x4x4x8xf32>) {
  %a = qnn.bipolar_quant %x {scale = dense<1.0> : tensor<f32>} : (tensor<1x64xf32>) -> tensor<1x64x!qnn.bipolar>
  %b = qnn.bipolar_quant %x {scale = dense<0.375> : tensor<1x1xf32>} : (tensor<1x64xf32>) -> tensor<1x64xf32>
  %c = qnn.bipolar_quant %w {scale = dense<0.5> : tensor<16x1x1x1xf32>} : (tensor<16x8x3x3xf32>) -> tensor<16x8x3x3xf32>
  %d = qnn.bipolar_quant %h {scale = dense<[1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0]> : tensor<8xf32>} : (tensor<1x4x4x8xf32>) -> tensor<1x4x4x8xf32>
  func.return %a, %b, %c, %d : tensor<1x64x!qnn.bipolar>, tensor<1x64xf32>, tensor<16x8x3x3xf32>, tensor<1x4x4x8xf32>
}
