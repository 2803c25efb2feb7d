// Quant in the 'finn' domain and in the default ONNX domain; the
// channels_last Conv and MaxPool (NHWC) as transposes around the NCHW ops,
// the constant weights transposed at import from (M, kh, kw, C) to (M, C, kh, kw);
// FINN's QuantAvgPool2d as avgpool, a multiplication by k*k and a unit-scale
// Trunc dropping accumulator bits - obits (here 6 - 4) LSBs.
// RUN: python %S/Inputs/zoo_models.py domains %t1.onnx && finnr import %t1.onnx | filecheck %s --check-prefix=QUANT
// RUN: python %S/Inputs/zoo_models.py quant_avg_pool %t3.onnx && finnr import %t3.onnx | filecheck %s --check-prefix=QAVG
// RUN: python %S/Inputs/zoo_models.py quant_avg_pool_bad_layout %t4.onnx && not finnr import %t4.onnx 2>&1 | filecheck %s --check-prefix=ERR-QAVG
// RUN: python %S/Inputs/zoo_models.py channels_last %t2.onnx && finnr import %t2.onnx | filecheck %s --check-prefix=NHWC

// QUANT:      %[[A:.*]] = qnn.quant %x {{{.*}}bitwidth = 4 : i64}
// QUANT-NEXT: qnn.quant %[[A]] {{{.*}}bitwidth = 3 : i64}

// NHWC:      %[[T:.*]] = qnn.transpose %x {perm = array<i64: 0, 3, 1, 2>} : (tensor<1x4x4x2xf32>) -> tensor<1x2x4x4xf32>
// NHWC-NEXT: %[[W:.*]] = qnn.constant dense<1.000000e+00> : tensor<4x2x3x3xf32>
// NHWC-NEXT: %[[C:.*]] = qnn.conv %[[T]], %[[W]] {{.*}} : (tensor<1x2x4x4xf32>, tensor<4x2x3x3xf32>) -> tensor<1x4x4x4xf32>
// NHWC-NEXT: %[[B:.*]] = qnn.transpose %[[C]] {perm = array<i64: 0, 2, 3, 1>}
// NHWC-NEXT: %[[T2:.*]] = qnn.transpose %[[B]] {perm = array<i64: 0, 3, 1, 2>}
// NHWC-NEXT: %[[M:.*]] = qnn.maxpool %[[T2]]
// NHWC-NEXT: qnn.transpose %[[M]] {perm = array<i64: 0, 2, 3, 1>} : (tensor<1x4x2x2xf32>) -> tensor<1x2x2x4xf32>

// QAVG:      %[[P:.*]] = qnn.avgpool %quant {strides = array<i64: 2, 2>, {{.*}}kernel_shape = array<i64: 2, 2>} : (tensor<1x3x4x4xf32>) -> tensor<1x3x2x2xf32>
// QAVG-NEXT: %[[K:.*]] = qnn.constant dense<4.000000e+00> : tensor<f32>
// QAVG-NEXT: %[[M:.*]] = qnn.mul %[[P]], %[[K]]
// QAVG-NEXT: qnn.trunc %[[M]] {scale = dense<1.000000e+00> : tensor<f32>, zeropt = dense<0.000000e+00> : tensor<f32>, in_bitwidth = 6 : i64, out_bitwidth = 4 : i64} : (tensor<1x3x2x2xf32>) -> tensor<1x3x2x2xf32>

// ERR-QAVG: finnr: error: node 'my_qavg' (QuantAvgPool2d): data_layout 'CHWN' is not supported
