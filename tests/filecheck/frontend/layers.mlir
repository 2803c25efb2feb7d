// Residual Add/Sub/Mul of two activations, Gemm with transposed operands
// (a constant transposed at import, a computed one by qnn.transpose; alpha a
// qnn.mul, beta = 0 drops C), AveragePool with count_include_pad and
// ceil_mode, GlobalAveragePool, GlobalMaxPool.
// RUN: python %S/Inputs/zoo_models.py residual %t1.onnx && finnr import %t1.onnx | filecheck %s --check-prefix=RES
// RUN: python %S/Inputs/zoo_models.py gemm %t2.onnx && finnr import %t2.onnx | filecheck %s --check-prefix=GEMM
// RUN: python %S/Inputs/zoo_models.py pools %t3.onnx && finnr import %t3.onnx | filecheck %s --check-prefix=POOL

// RES:      %[[Q:.*]] = qnn.quant %x
// RES:      %[[R:.*]] = qnn.quant %relu
// RES-NEXT: %[[A:.*]] = qnn.add %[[Q]], %[[R]] : (tensor<1x2x2x2xf32>, tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32>
// RES-NEXT: %[[S:.*]] = qnn.sub %[[A]], %[[R]]
// RES-NEXT: qnn.mul %[[S]], %[[Q]]

// GEMM:      %[[W:.*]] = qnn.quant %c {{.*}} : (tensor<3x4xf32>) -> tensor<3x4xf32>
// GEMM-NEXT: %[[WT:.*]] = qnn.transpose %[[W]] {perm = array<i64: 1, 0>} : (tensor<3x4xf32>) -> tensor<4x3xf32>
// GEMM-NEXT: %[[M:.*]] = qnn.matmul %quant, %[[WT]]
// GEMM:      qnn.mul %[[M]]
// GEMM:      %[[Y:.*]] = qnn.add
// GEMM:      %[[YT:.*]] = qnn.transpose %[[Y]] {perm = array<i64: 1, 0>} : (tensor<1x3xf32>) -> tensor<3x1xf32>
// GEMM-NEXT: %[[Z:.*]] = qnn.matmul %{{.*}}, %[[YT]] : (tensor<1x3xf32>, tensor<3x1xf32>) -> tensor<1x1xf32>
// GEMM-NEXT: func.return %[[Z]]

// POOL:      qnn.avgpool %quant {strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, kernel_shape = array<i64: 3, 3>, ceil_mode = true, count_include_pad = true} : (tensor<1x2x4x4xf32>) -> tensor<1x2x3x3xf32>
// POOL-NEXT: qnn.avgpool %quant {{{.*}}kernel_shape = array<i64: 4, 4>} : (tensor<1x2x4x4xf32>) -> tensor<1x2x1x1xf32>
// POOL-NEXT: qnn.maxpool %quant {{{.*}}kernel_shape = array<i64: 4, 4>} : (tensor<1x2x4x4xf32>) -> tensor<1x2x1x1xf32>
