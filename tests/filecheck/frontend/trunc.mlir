// Trunc v1 (5 inputs) and v2 (6 inputs: out_scale; signed, narrow) after a
// TruncAvgPool2d's average pool; any other input count is refused.
// RUN: python %S/Inputs/zoo_models.py trunc_v1_v2 %t.onnx && finnr import %t.onnx | filecheck %s
// RUN: python %S/Inputs/zoo_models.py trunc_3_inputs %t3.onnx && not finnr import %t3.onnx 2>&1 | filecheck %s --check-prefix=ERR

// CHECK:      %[[P:.*]] = qnn.avgpool %{{.*}} {{{.*}}kernel_shape = array<i64: 2, 2>, count_include_pad = true}
// CHECK-NEXT: qnn.trunc %[[P]] {scale = dense<2.500000e-01> : tensor<f32>, zeropt = dense<0.000000e+00> : tensor<f32>, in_bitwidth = 10 : i64, out_bitwidth = 8 : i64} :
// CHECK-NEXT: qnn.trunc %[[P]] {scale = dense<2.500000e-01> : tensor<f32>, zeropt = dense<0.000000e+00> : tensor<f32>, in_bitwidth = 10 : i64, out_bitwidth = 8 : i64, rounding_mode = "ROUND", out_scale = dense<1.000000e+00> : tensor<f32>, signed = false} :

// ERR: finnr: error: node 'my_trunc' (Trunc): Trunc takes 5 (v1) or 6 (v2) inputs, got 3
