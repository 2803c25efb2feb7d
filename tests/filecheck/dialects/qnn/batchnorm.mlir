// qnn.batchnorm (inference-mode BatchNormalization over axis 1): per-channel
// scale, bias, mean and variance, after a conv (NCHW) or a matmul (NC), with
// the default epsilon (elided) or another one; as imported, before
// streamlining turns it into qnn.mul and qnn.add.
// RUN: finnr-opt %s --print-op-generic | finnr-opt | filecheck %s

func.func @batchnorm(%x: tensor<1x16x8x8xf32>, %h: tensor<1x64xf32>, %v: tensor<2x4x10xf32>) -> (tensor<1x16x8x8xf32>, tensor<1x64xf32>, tensor<2x4x10xf32>) {
  %g = qnn.constant dense<1.5> : tensor<16xf32> -> tensor<16xf32>
  %b = qnn.constant dense<-0.25> : tensor<16xf32> -> tensor<16xf32>
  %m = qnn.constant dense<0.125> : tensor<16xf32> -> tensor<16xf32>
  %s = qnn.constant dense<2.0> : tensor<16xf32> -> tensor<16xf32>
  %y = qnn.batchnorm %x, %g, %b, %m, %s : (tensor<1x16x8x8xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> tensor<1x16x8x8xf32>
  %p = qnn.constant dense<1.0> : tensor<64xf32> -> tensor<64xf32>
  %z = qnn.batchnorm %h, %p, %p, %p, %p {epsilon = 1.0e-03 : f32} : (tensor<1x64xf32>, tensor<64xf32>, tensor<64xf32>, tensor<64xf32>, tensor<64xf32>) -> tensor<1x64xf32>
  %q = qnn.constant dense<[1.0, 2.0, 3.0, 4.0]> : tensor<4xf32> -> tensor<4xf32>
  %w = qnn.batchnorm %v, %q, %q, %q, %q {epsilon = 0.0 : f32} : (tensor<2x4x10xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<2x4x10xf32>
  func.return %y, %z, %w : tensor<1x16x8x8xf32>, tensor<1x64xf32>, tensor<2x4x10xf32>
}

// CHECK-LABEL: func.func @batchnorm
// CHECK-SAME:  (%[[X:.*]]: tensor<1x16x8x8xf32>, %[[H:.*]]: tensor<1x64xf32>, %[[V:.*]]: tensor<2x4x10xf32>) -> (tensor<1x16x8x8xf32>, tensor<1x64xf32>, tensor<2x4x10xf32>) {
// CHECK-NEXT:  %[[G:.*]] = qnn.constant dense<1.500000e+00> : tensor<16xf32> -> tensor<16xf32>
// CHECK-NEXT:  %[[B:.*]] = qnn.constant dense<-2.500000e-01> : tensor<16xf32> -> tensor<16xf32>
// CHECK-NEXT:  %[[M:.*]] = qnn.constant dense<1.250000e-01> : tensor<16xf32> -> tensor<16xf32>
// CHECK-NEXT:  %[[S:.*]] = qnn.constant dense<2.000000e+00> : tensor<16xf32> -> tensor<16xf32>
// CHECK-NEXT:  %[[Y:.*]] = qnn.batchnorm %[[X]], %[[G]], %[[B]], %[[M]], %[[S]] : (tensor<1x16x8x8xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> tensor<1x16x8x8xf32>
// CHECK-NEXT:  %[[P:.*]] = qnn.constant dense<1.000000e+00> : tensor<64xf32> -> tensor<64xf32>
// CHECK-NEXT:  %[[Z:.*]] = qnn.batchnorm %[[H]], %[[P]], %[[P]], %[[P]], %[[P]] {epsilon = 1.000000e-03 : f32} : (tensor<1x64xf32>, tensor<64xf32>, tensor<64xf32>, tensor<64xf32>, tensor<64xf32>) -> tensor<1x64xf32>
// CHECK-NEXT:  %[[Q:.*]] = qnn.constant dense<[1.000000e+00, 2.000000e+00, 3.000000e+00, 4.000000e+00]> : tensor<4xf32> -> tensor<4xf32>
// CHECK-NEXT:  %[[W:.*]] = qnn.batchnorm %[[V]], %[[Q]], %[[Q]], %[[Q]], %[[Q]] {epsilon = 0.000000e+00 : f32} : (tensor<2x4x10xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<2x4x10xf32>
// CHECK-NEXT:  func.return %[[Y]], %[[Z]], %[[W]] : tensor<1x16x8x8xf32>, tensor<1x64xf32>, tensor<2x4x10xf32>
// CHECK-NEXT:  }
