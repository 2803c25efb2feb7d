// qnn-streamline: the whole pipeline on small networks. The result must be
// integer matmuls (the convolutions lowered to im2col + matmul in NHWC), each
// followed by an integer multithreshold, and a final float multiply: no
// quantizer, batchnorm, conv, transpose or float add is left.
// RUN: finnr-opt %s --split-input-file -p qnn-streamline | filecheck %s
// RUN: finnr-opt %s --split-input-file -p qnn-streamline | filecheck %s --check-prefix=STRUCT
// RUN: finnr-opt %s --split-input-file -p 'qnn-streamline{lower-conv=false}' | filecheck %s --check-prefix=NOLOWER

// TFC-like (w1a1): bipolar input quantizer, bipolar weights, batchnorm +
// sign activations, a float output scale. BN 0 is A = [0.5, -2, 1],
// B = [0, 1, 0.75] on dot products h in [-4, 4]: 0.5h >= 0, -2h + 1 >= 0
// (the sign moves into weight column 1, then 2h' + 1 >= 0) and
// h + 0.75 >= 0 all become h >= 0. BN 1 is A = [0.5, 1.5, -0.5],
// B = [-0.25, -2, 0.25]: h >= 0.5 -> 1, h >= 4/3 -> 2, and column 2
// negated, h' >= -0.5 -> 0.
// STRUCT-LABEL: func.func @tfc(
// STRUCT-NOT:   qnn.{{bipolar_quant|quant|batchnorm|add|sub|div|conv|transpose}}
// STRUCT:       qnn.matmul {{.*}} : (tensor<1x4x!qnn.bipolar>, tensor<4x3x!qnn.bipolar>) -> tensor<1x3x!qnn.int<4>>
// STRUCT-NEXT:  qnn.constant {{.*}} -> tensor<3x1x!qnn.uint<1>>
// STRUCT-NEXT:  qnn.multithreshold
// STRUCT-NOT:   qnn.{{bipolar_quant|quant|batchnorm|add|sub|div|conv|transpose}}
// STRUCT:       qnn.matmul {{.*}} -> tensor<1x3x!qnn.int<3>>
// STRUCT-NEXT:  qnn.constant {{.*}} -> tensor<3x1x!qnn.uint<2>>
// STRUCT-NEXT:  qnn.multithreshold
// STRUCT-NOT:   qnn.{{bipolar_quant|quant|batchnorm|add|sub|div|conv|transpose}}
// STRUCT:       qnn.matmul {{.*}} -> tensor<1x2x!qnn.int<3>>
// STRUCT-NEXT:  qnn.constant dense<2.500000e-01>
// STRUCT-NEXT:  qnn.mul
// STRUCT-NEXT:  func.return
// CHECK-LABEL: func.func @tfc(
// CHECK-SAME:  %[[IMG:[^:]*]]: tensor<1x4xf32>) -> tensor<1x2xf32> {
// CHECK-NEXT:  %[[X:[^ ,]*]] = qnn.constant dense<0> : tensor<1x1xi8> -> tensor<1x1x!qnn.uint<1>>
// CHECK-NEXT:  %[[X_1:[^ ,]*]] = qnn.multithreshold %[[IMG]], %[[X]] {out_dtype = !qnn.bipolar, out_scale = 2.000000e+00 : f32, out_bias = -1.000000e+00 : f32} : (tensor<1x4xf32>, tensor<1x1x!qnn.uint<1>>) -> tensor<1x4x!qnn.bipolar>
// CHECK-NEXT:  %[[N0:[^ ,]*]] = qnn.constant dense<{{\[\[}}1, 1, 1], [-1, -1, 1], [1, -1, -1], [-1, 1, 1{{\]\]}}> : tensor<4x3xi8> -> tensor<4x3x!qnn.bipolar>
// CHECK-NEXT:  %[[N0_1:[^ ,]*]] = qnn.matmul %[[X_1]], %[[N0]] : (tensor<1x4x!qnn.bipolar>, tensor<4x3x!qnn.bipolar>) -> tensor<1x3x!qnn.int<4>>
// CHECK-NEXT:  %[[A0:[^ ,]*]] = qnn.constant dense<0> : tensor<3x1xi8> -> tensor<3x1x!qnn.uint<1>>
// CHECK-NEXT:  %[[A0_1:[^ ,]*]] = qnn.multithreshold %[[N0_1]], %[[A0]] {out_dtype = !qnn.bipolar, out_scale = 2.000000e+00 : f32, out_bias = -1.000000e+00 : f32} : (tensor<1x3x!qnn.int<4>>, tensor<3x1x!qnn.uint<1>>) -> tensor<1x3x!qnn.bipolar>
// CHECK-NEXT:  %[[N1:[^ ,]*]] = qnn.constant dense<{{\[\[}}1, -1, -1], [-1, 1, -1], [1, 1, 1{{\]\]}}> : tensor<3x3xi8> -> tensor<3x3x!qnn.bipolar>
// CHECK-NEXT:  %[[N1_1:[^ ,]*]] = qnn.matmul %[[A0_1]], %[[N1]] : (tensor<1x3x!qnn.bipolar>, tensor<3x3x!qnn.bipolar>) -> tensor<1x3x!qnn.int<3>>
// CHECK-NEXT:  %[[A1:[^ ,]*]] = qnn.constant dense<{{\[\[}}1], [2], [0{{\]\]}}> : tensor<3x1xi8> -> tensor<3x1x!qnn.uint<2>>
// CHECK-NEXT:  %[[A1_1:[^ ,]*]] = qnn.multithreshold %[[N1_1]], %[[A1]] {out_dtype = !qnn.bipolar, out_scale = 2.000000e+00 : f32, out_bias = -1.000000e+00 : f32} : (tensor<1x3x!qnn.int<3>>, tensor<3x1x!qnn.uint<2>>) -> tensor<1x3x!qnn.bipolar>
// CHECK-NEXT:  %[[W2Q:[^ ,]*]] = qnn.constant dense<{{\[\[}}1, -1], [-1, 1], [1, 1{{\]\]}}> : tensor<3x2xi8> -> tensor<3x2x!qnn.bipolar>
// CHECK-NEXT:  %[[H2:[^ ,]*]] = qnn.matmul %[[A1_1]], %[[W2Q]] : (tensor<1x3x!qnn.bipolar>, tensor<3x2x!qnn.bipolar>) -> tensor<1x2x!qnn.int<3>>
// CHECK-NEXT:  %[[S:[^ ,]*]] = qnn.constant dense<2.500000e-01> : tensor<f32> -> tensor<f32>
// CHECK-NEXT:  %[[Y:[^ ,]*]] = qnn.mul %[[H2]], %[[S]] : (tensor<1x2x!qnn.int<3>>, tensor<f32>) -> tensor<1x2xf32>
// CHECK-NEXT:  func.return %[[Y]] : tensor<1x2xf32>
// CHECK-NEXT:  }
func.func @tfc(%img: tensor<1x4xf32>) -> tensor<1x2xf32> {
  %x = qnn.bipolar_quant %img {scale = dense<1.0> : tensor<f32>} : (tensor<1x4xf32>) -> tensor<1x4xf32>
  %w0 = qnn.constant dense<[[0.3, -0.2, 0.1], [-0.5, 0.4, 0.2], [0.7, 0.1, -0.3], [-0.1, -0.6, 0.5]]> : tensor<4x3xf32> -> tensor<4x3xf32>
  %w0q = qnn.bipolar_quant %w0 {scale = dense<1.0> : tensor<f32>} : (tensor<4x3xf32>) -> tensor<4x3xf32>
  %h0 = qnn.matmul %x, %w0q : (tensor<1x4xf32>, tensor<4x3xf32>) -> tensor<1x3xf32>
  %g0 = qnn.constant dense<[1.0, -2.0, 0.5]> : tensor<3xf32> -> tensor<3xf32>
  %b0 = qnn.constant dense<[0.5, 1.0, -0.25]> : tensor<3xf32> -> tensor<3xf32>
  %m0 = qnn.constant dense<[1.0, 0.0, -1.0]> : tensor<3xf32> -> tensor<3xf32>
  %v0 = qnn.constant dense<[4.0, 1.0, 0.25]> : tensor<3xf32> -> tensor<3xf32>
  %n0 = qnn.batchnorm %h0, %g0, %b0, %m0, %v0 {epsilon = 0.0 : f32} : (tensor<1x3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<1x3xf32>
  %a0 = qnn.bipolar_quant %n0 {scale = dense<1.0> : tensor<f32>} : (tensor<1x3xf32>) -> tensor<1x3xf32>
  %w1 = qnn.constant dense<[[0.3, -0.2, 0.1], [-0.5, 0.4, 0.2], [0.7, 0.1, -0.3]]> : tensor<3x3xf32> -> tensor<3x3xf32>
  %w1q = qnn.bipolar_quant %w1 {scale = dense<1.0> : tensor<f32>} : (tensor<3x3xf32>) -> tensor<3x3xf32>
  %h1 = qnn.matmul %a0, %w1q : (tensor<1x3xf32>, tensor<3x3xf32>) -> tensor<1x3xf32>
  %g1 = qnn.constant dense<[0.5, 1.5, -1.0]> : tensor<3xf32> -> tensor<3xf32>
  %b1 = qnn.constant dense<[0.0, -0.5, 0.25]> : tensor<3xf32> -> tensor<3xf32>
  %m1 = qnn.constant dense<[0.5, 1.0, 0.0]> : tensor<3xf32> -> tensor<3xf32>
  %v1 = qnn.constant dense<[1.0, 1.0, 4.0]> : tensor<3xf32> -> tensor<3xf32>
  %n1 = qnn.batchnorm %h1, %g1, %b1, %m1, %v1 {epsilon = 0.0 : f32} : (tensor<1x3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<1x3xf32>
  %a1 = qnn.bipolar_quant %n1 {scale = dense<1.0> : tensor<f32>} : (tensor<1x3xf32>) -> tensor<1x3xf32>
  %w2 = qnn.constant dense<[[0.3, -0.2], [-0.5, 0.4], [0.7, 0.1]]> : tensor<3x2xf32> -> tensor<3x2xf32>
  %w2q = qnn.bipolar_quant %w2 {scale = dense<1.0> : tensor<f32>} : (tensor<3x2xf32>) -> tensor<3x2xf32>
  %h2 = qnn.matmul %a1, %w2q : (tensor<1x3xf32>, tensor<3x2xf32>) -> tensor<1x2xf32>
  %s = qnn.constant dense<0.25> : tensor<f32> -> tensor<f32>
  %y = qnn.mul %h2, %s : (tensor<1x2xf32>, tensor<f32>) -> tensor<1x2xf32>
  func.return %y : tensor<1x2xf32>
}

// -----

// An MLP with 2-bit weights (scale 0.25) and 2-bit activations: the input
// quantizer (scale 0.5) becomes float thresholds; relu + quantizer of scale
// 0.125 on 0.125 * h becomes h >= [1, 2, 3] (round(h) with h integer); the
// output scale is 0.125 * 0.25 = 0.03125.
// STRUCT-LABEL: func.func @mlp_w2a2(
// STRUCT-NOT:   qnn.{{quant|relu|add|sub|div}}
// STRUCT:       qnn.matmul {{.*}} : (tensor<1x4x!qnn.uint<2>>, tensor<4x3x!qnn.int<2>>) -> tensor<1x3x!qnn.int<5>>
// STRUCT-NEXT:  qnn.constant {{.*}} -> tensor<1x3x!qnn.uint<2>>
// STRUCT-NEXT:  qnn.multithreshold
// STRUCT-NOT:   qnn.{{quant|relu|add|sub|div}}
// STRUCT:       qnn.matmul {{.*}} : (tensor<1x3x!qnn.uint<2>>, tensor<3x2x!qnn.int<2>>) -> tensor<1x2x!qnn.int<4>>
// STRUCT-NEXT:  qnn.constant dense<3.125000e-02>
// STRUCT-NEXT:  qnn.mul
// STRUCT-NEXT:  func.return
// CHECK-LABEL: func.func @mlp_w2a2(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x4xf32>) -> tensor<1x2xf32> {
// CHECK-NEXT:  %[[XQ:[^ ,]*]] = qnn.constant dense<{{\[\[}}0.25000003, 7.500000e-01, 1.25000012{{\]\]}}> : tensor<1x3xf32> -> tensor<1x3xf32>
// CHECK-NEXT:  %[[XQ_1:[^ ,]*]] = qnn.multithreshold %[[X]], %[[XQ]] {out_dtype = !qnn.uint<2>} : (tensor<1x4xf32>, tensor<1x3xf32>) -> tensor<1x4x!qnn.uint<2>>
// CHECK-NEXT:  %[[W0Q:[^ ,]*]] = qnn.constant dense<{{\[\[}}1, -1, 0], [1, 1, -2], [-2, 1, 0], [0, -2, 1{{\]\]}}> : tensor<4x3xi8> -> tensor<4x3x!qnn.int<2>>
// CHECK-NEXT:  %[[H0:[^ ,]*]] = qnn.matmul %[[XQ_1]], %[[W0Q]] : (tensor<1x4x!qnn.uint<2>>, tensor<4x3x!qnn.int<2>>) -> tensor<1x3x!qnn.int<5>>
// CHECK-NEXT:  %[[A0:[^ ,]*]] = qnn.constant dense<{{\[\[}}1, 2, 3{{\]\]}}> : tensor<1x3xi8> -> tensor<1x3x!qnn.uint<2>>
// CHECK-NEXT:  %[[A0_1:[^ ,]*]] = qnn.multithreshold %[[H0]], %[[A0]] {out_dtype = !qnn.uint<2>} : (tensor<1x3x!qnn.int<5>>, tensor<1x3x!qnn.uint<2>>) -> tensor<1x3x!qnn.uint<2>>
// CHECK-NEXT:  %[[W1Q:[^ ,]*]] = qnn.constant dense<{{\[\[}}1, -1], [1, 1], [-2, 1{{\]\]}}> : tensor<3x2xi8> -> tensor<3x2x!qnn.int<2>>
// CHECK-NEXT:  %[[H1:[^ ,]*]] = qnn.matmul %[[A0_1]], %[[W1Q]] : (tensor<1x3x!qnn.uint<2>>, tensor<3x2x!qnn.int<2>>) -> tensor<1x2x!qnn.int<4>>
// CHECK-NEXT:  %[[H1_1:[^ ,]*]] = qnn.constant dense<3.125000e-02> : tensor<f32> -> tensor<f32>
// CHECK-NEXT:  %[[H1_2:[^ ,]*]] = qnn.mul %[[H1]], %[[H1_1]] : (tensor<1x2x!qnn.int<4>>, tensor<f32>) -> tensor<1x2xf32>
// CHECK-NEXT:  func.return %[[H1_2]] : tensor<1x2xf32>
// CHECK-NEXT:  }
func.func @mlp_w2a2(%x: tensor<1x4xf32>) -> tensor<1x2xf32> {
  %xq = qnn.quant %x {bitwidth = 2 : i64, scale = dense<0.5> : tensor<f32>, zeropt = dense<0.0> : tensor<f32>, signed = false} : (tensor<1x4xf32>) -> tensor<1x4xf32>
  %w0 = qnn.constant dense<[[0.5, -0.25, 0.1], [0.3, 0.2, -0.6], [-0.4, 0.35, 0.05], [0.1, -0.5, 0.45]]> : tensor<4x3xf32> -> tensor<4x3xf32>
  %w0q = qnn.quant %w0 {bitwidth = 2 : i64, scale = dense<0.25> : tensor<f32>, zeropt = dense<0.0> : tensor<f32>} : (tensor<4x3xf32>) -> tensor<4x3xf32>
  %h0 = qnn.matmul %xq, %w0q : (tensor<1x4xf32>, tensor<4x3xf32>) -> tensor<1x3xf32>
  %r0 = qnn.relu %h0 : (tensor<1x3xf32>) -> tensor<1x3xf32>
  %a0 = qnn.quant %r0 {bitwidth = 2 : i64, scale = dense<0.125> : tensor<f32>, zeropt = dense<0.0> : tensor<f32>, signed = false} : (tensor<1x3xf32>) -> tensor<1x3xf32>
  %w1 = qnn.constant dense<[[0.5, -0.25], [0.3, 0.2], [-0.4, 0.35]]> : tensor<3x2xf32> -> tensor<3x2xf32>
  %w1q = qnn.quant %w1 {bitwidth = 2 : i64, scale = dense<0.25> : tensor<f32>, zeropt = dense<0.0> : tensor<f32>} : (tensor<3x2xf32>) -> tensor<3x2xf32>
  %h1 = qnn.matmul %a0, %w1q : (tensor<1x3xf32>, tensor<3x2xf32>) -> tensor<1x2xf32>
  func.return %h1 : tensor<1x2xf32>
}

// -----

// CNV-like (w2a2): two convolutions with a maxpool between them and a final
// dense layer. Conv 0's output channel 1 has a negative batchnorm scale,
// which moves into its weights (int<2> [-2, 1, 1, 1] becomes int<3>
// [2, -1, -1, -1]); channel 0's thresholds are [0, 1, 1]
// (0.5c + 0.25 quantized by 0.25), channel 1's [-7, -4, 1]
// (0.0625c + 0.625). Conv 1 (0.125c quantized by 0.25) gives [2, 3, 6].
// The lowered convolutions stream NHWC: the input's transpose (one
// channel) is a reshape; conv 1's output transpose sinks past its
// multithreshold and, moving size-1 axes only, is a reshape before the
// flatten.
// STRUCT-LABEL: func.func @cnv(
// STRUCT-NOT:   qnn.{{quant|batchnorm|relu|add|sub|div|conv|transpose}}
// STRUCT:       qnn.matmul {{.*}} : (tensor<1x3x3x4x!qnn.uint<2>>, tensor<4x2x!qnn.int<3>>) -> tensor<1x3x3x2x!qnn.int<5>>
// STRUCT-NEXT:  qnn.constant {{.*}} -> tensor<2x3x!qnn.int<4>>
// STRUCT-NEXT:  qnn.multithreshold {{.*}} data_layout = "NHWC"
// STRUCT-NEXT:  qnn.maxpool {{.*}} data_layout = "NHWC"
// STRUCT-NOT:   qnn.{{quant|batchnorm|relu|add|sub|div|conv|transpose}}
// STRUCT:       qnn.matmul {{.*}} : (tensor<1x1x1x8x!qnn.uint<2>>, tensor<8x2x!qnn.int<2>>) -> tensor<1x1x1x2x!qnn.int<5>>
// STRUCT-NEXT:  qnn.constant {{.*}} -> tensor<1x3x!qnn.uint<3>>
// STRUCT-NEXT:  qnn.multithreshold {{.*}} data_layout = "NHWC"
// STRUCT-NOT:   qnn.{{quant|batchnorm|relu|add|sub|div|conv|transpose}}
// STRUCT:       qnn.matmul {{.*}} : (tensor<1x2x!qnn.uint<2>>, tensor<2x2x!qnn.int<2>>) -> tensor<1x2x!qnn.int<4>>
// STRUCT-NEXT:  qnn.constant dense<1.250000e-01>
// STRUCT-NEXT:  qnn.mul
// STRUCT-NEXT:  func.return
// With lower-conv=false the (integer) convolutions stay, in NCHW.
// NOLOWER-LABEL: func.func @cnv(
// NOLOWER-NOT:   qnn.{{quant|batchnorm|relu|transpose|im2col}}
// NOLOWER:       qnn.conv {{.*}} : (tensor<1x1x4x4x!qnn.uint<2>>, tensor<2x1x2x2x!qnn.int<3>>) -> tensor<1x2x3x3x!qnn.int<5>>
// NOLOWER-NEXT:  qnn.constant dense<{{\[\[}}0, 1, 1], [-7, -4, 1{{\]\]}}>
// NOLOWER-NEXT:  qnn.multithreshold
// NOLOWER-NEXT:  qnn.maxpool
// NOLOWER-NEXT:  qnn.constant
// NOLOWER-NEXT:  qnn.conv {{.*}} -> tensor<1x2x1x1x!qnn.int<5>>
// NOLOWER-NOT:   qnn.{{quant|batchnorm|relu|transpose|im2col}}
// NOLOWER:       func.return
// CHECK-LABEL: func.func @cnv(
// CHECK-SAME:  %[[IMG:[^:]*]]: tensor<1x1x4x4xf32>) -> tensor<1x2xf32> {
// CHECK-NEXT:  %[[X:[^ ,]*]] = qnn.constant dense<{{\[\[}}0.25000003, 7.500000e-01, 1.25000012{{\]\]}}> : tensor<1x3xf32> -> tensor<1x3xf32>
// CHECK-NEXT:  %[[X_1:[^ ,]*]] = qnn.multithreshold %[[IMG]], %[[X]] {out_dtype = !qnn.uint<2>} : (tensor<1x1x4x4xf32>, tensor<1x3xf32>) -> tensor<1x1x4x4x!qnn.uint<2>>
// CHECK-NEXT:  %[[BN:[^ ,]*]] = qnn.reshape %[[X_1]] : (tensor<1x1x4x4x!qnn.uint<2>>) -> tensor<1x4x4x1x!qnn.uint<2>>
// CHECK-NEXT:  %[[BN_1:[^ ,]*]] = qnn.im2col %[[BN]] {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, data_layout = "NHWC", kernel_shape = array<i64: 2, 2>} : (tensor<1x4x4x1x!qnn.uint<2>>) -> tensor<1x3x3x4x!qnn.uint<2>>
// CHECK-NEXT:  %[[BN_2:[^ ,]*]] = qnn.constant dense<{{\[\[}}1, 2], [-1, -1], [1, -1], [0, -1{{\]\]}}> : tensor<4x2xi8> -> tensor<4x2x!qnn.int<3>>
// CHECK-NEXT:  %[[BN_3:[^ ,]*]] = qnn.matmul %[[BN_1]], %[[BN_2]] : (tensor<1x3x3x4x!qnn.uint<2>>, tensor<4x2x!qnn.int<3>>) -> tensor<1x3x3x2x!qnn.int<5>>
// CHECK-NEXT:  %[[A0:[^ ,]*]] = qnn.constant dense<{{\[\[}}0, 1, 1], [-7, -4, 1{{\]\]}}> : tensor<2x3xi8> -> tensor<2x3x!qnn.int<4>>
// CHECK-NEXT:  %[[A0_1:[^ ,]*]] = qnn.multithreshold %[[BN_3]], %[[A0]] {out_dtype = !qnn.uint<2>, data_layout = "NHWC"} : (tensor<1x3x3x2x!qnn.int<5>>, tensor<2x3x!qnn.int<4>>) -> tensor<1x3x3x2x!qnn.uint<2>>
// CHECK-NEXT:  %[[P0:[^ ,]*]] = qnn.maxpool %[[A0_1]] {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, data_layout = "NHWC", kernel_shape = array<i64: 2, 2>} : (tensor<1x3x3x2x!qnn.uint<2>>) -> tensor<1x2x2x2x!qnn.uint<2>>
// CHECK-NEXT:  %[[C1:[^ ,]*]] = qnn.im2col %[[P0]] {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, data_layout = "NHWC", kernel_shape = array<i64: 2, 2>} : (tensor<1x2x2x2x!qnn.uint<2>>) -> tensor<1x1x1x8x!qnn.uint<2>>
// CHECK-NEXT:  %[[C1_1:[^ ,]*]] = qnn.constant dense<{{\[\[}}1, 0], [-2, 1], [-1, 1], [1, 0], [1, -1], [1, -2], [0, 1], [1, -1{{\]\]}}> : tensor<8x2xi8> -> tensor<8x2x!qnn.int<2>>
// CHECK-NEXT:  %[[C1_2:[^ ,]*]] = qnn.matmul %[[C1]], %[[C1_1]] : (tensor<1x1x1x8x!qnn.uint<2>>, tensor<8x2x!qnn.int<2>>) -> tensor<1x1x1x2x!qnn.int<5>>
// CHECK-NEXT:  %[[A1:[^ ,]*]] = qnn.constant dense<{{\[\[}}2, 3, 6{{\]\]}}> : tensor<1x3xi8> -> tensor<1x3x!qnn.uint<3>>
// CHECK-NEXT:  %[[A1_1:[^ ,]*]] = qnn.multithreshold %[[C1_2]], %[[A1]] {out_dtype = !qnn.uint<2>, data_layout = "NHWC"} : (tensor<1x1x1x2x!qnn.int<5>>, tensor<1x3x!qnn.uint<3>>) -> tensor<1x1x1x2x!qnn.uint<2>>
// CHECK-NEXT:  %[[A1_2:[^ ,]*]] = qnn.reshape %[[A1_1]] : (tensor<1x1x1x2x!qnn.uint<2>>) -> tensor<1x2x1x1x!qnn.uint<2>>
// CHECK-NEXT:  %[[F:[^ ,]*]] = qnn.reshape %[[A1_2]] : (tensor<1x2x1x1x!qnn.uint<2>>) -> tensor<1x2x!qnn.uint<2>>
// CHECK-NEXT:  %[[WFQ:[^ ,]*]] = qnn.constant dense<{{\[\[}}1, -2], [1, 1{{\]\]}}> : tensor<2x2xi8> -> tensor<2x2x!qnn.int<2>>
// CHECK-NEXT:  %[[Y:[^ ,]*]] = qnn.matmul %[[F]], %[[WFQ]] : (tensor<1x2x!qnn.uint<2>>, tensor<2x2x!qnn.int<2>>) -> tensor<1x2x!qnn.int<4>>
// CHECK-NEXT:  %[[Y_1:[^ ,]*]] = qnn.constant dense<1.250000e-01> : tensor<f32> -> tensor<f32>
// CHECK-NEXT:  %[[Y_2:[^ ,]*]] = qnn.mul %[[Y]], %[[Y_1]] : (tensor<1x2x!qnn.int<4>>, tensor<f32>) -> tensor<1x2xf32>
// CHECK-NEXT:  func.return %[[Y_2]] : tensor<1x2xf32>
// CHECK-NEXT:  }
func.func @cnv(%img: tensor<1x1x4x4xf32>) -> tensor<1x2xf32> {
  %x = qnn.quant %img {bitwidth = 2 : i64, scale = dense<0.5> : tensor<f32>, zeropt = dense<0.0> : tensor<f32>, signed = false} : (tensor<1x1x4x4xf32>) -> tensor<1x1x4x4xf32>
  %w0 = qnn.constant dense<[[[[0.5, -0.5], [1.0, 0.0]]], [[[-1.0, 0.5], [0.5, 0.5]]]]> : tensor<2x1x2x2xf32> -> tensor<2x1x2x2xf32>
  %w0q = qnn.quant %w0 {bitwidth = 2 : i64, scale = dense<0.5> : tensor<f32>, zeropt = dense<0.0> : tensor<f32>} : (tensor<2x1x2x2xf32>) -> tensor<2x1x2x2xf32>
  %c0 = qnn.conv %x, %w0q {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x1x4x4xf32>, tensor<2x1x2x2xf32>) -> tensor<1x2x3x3xf32>
  %g = qnn.constant dense<[2.0, -0.5]> : tensor<2xf32> -> tensor<2xf32>
  %b = qnn.constant dense<[0.25, 0.5]> : tensor<2xf32> -> tensor<2xf32>
  %m = qnn.constant dense<[0.0, 0.5]> : tensor<2xf32> -> tensor<2xf32>
  %v = qnn.constant dense<[1.0, 4.0]> : tensor<2xf32> -> tensor<2xf32>
  %bn = qnn.batchnorm %c0, %g, %b, %m, %v {epsilon = 0.0 : f32} : (tensor<1x2x3x3xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x3x3xf32>
  %r0 = qnn.relu %bn : (tensor<1x2x3x3xf32>) -> tensor<1x2x3x3xf32>
  %a0 = qnn.quant %r0 {bitwidth = 2 : i64, scale = dense<0.25> : tensor<f32>, zeropt = dense<0.0> : tensor<f32>, signed = false} : (tensor<1x2x3x3xf32>) -> tensor<1x2x3x3xf32>
  %p0 = qnn.maxpool %a0 {kernel_shape = array<i64: 2, 2>, strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x2x3x3xf32>) -> tensor<1x2x2x2xf32>
  %w1 = qnn.constant dense<[[[[0.5, -0.5], [1.0, 0.0]], [[-1.0, 0.5], [0.5, 0.5]]], [[[0.0, 0.5], [-0.5, 1.0]], [[0.5, 0.0], [-1.0, -0.5]]]]> : tensor<2x2x2x2xf32> -> tensor<2x2x2x2xf32>
  %w1q = qnn.quant %w1 {bitwidth = 2 : i64, scale = dense<0.5> : tensor<f32>, zeropt = dense<0.0> : tensor<f32>} : (tensor<2x2x2x2xf32>) -> tensor<2x2x2x2xf32>
  %c1 = qnn.conv %p0, %w1q {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x2x2x2xf32>, tensor<2x2x2x2xf32>) -> tensor<1x2x1x1xf32>
  %r1 = qnn.relu %c1 : (tensor<1x2x1x1xf32>) -> tensor<1x2x1x1xf32>
  %a1 = qnn.quant %r1 {bitwidth = 2 : i64, scale = dense<0.25> : tensor<f32>, zeropt = dense<0.0> : tensor<f32>, signed = false} : (tensor<1x2x1x1xf32>) -> tensor<1x2x1x1xf32>
  %f = qnn.reshape %a1 : (tensor<1x2x1x1xf32>) -> tensor<1x2xf32>
  %wf = qnn.constant dense<[[0.5, -1.0], [1.0, 0.5]]> : tensor<2x2xf32> -> tensor<2x2xf32>
  %wfq = qnn.quant %wf {bitwidth = 2 : i64, scale = dense<0.5> : tensor<f32>, zeropt = dense<0.0> : tensor<f32>} : (tensor<2x2xf32>) -> tensor<2x2xf32>
  %y = qnn.matmul %f, %wfq : (tensor<1x2xf32>, tensor<2x2xf32>) -> tensor<1x2xf32>
  func.return %y : tensor<1x2xf32>
}

// -----

// Gemm-style weights (transpose of a quantized (out, in) matrix) with a
// negative batchnorm scale: once the weight scale has moved past the
// transpose and the matmul, the transposed integer weights fold to a
// constant, and the sign of channel 1 moves into them ([-2, 1, 0] becomes
// [2, -1, 0], int<3>); 0.5c + 0.25 >= 0 then is c >= 0 for both channels.
// STRUCT-LABEL: func.func @gemm_negative_bn(
// STRUCT-NOT:   qnn.{{quant|bipolar_quant|batchnorm|add|sub|div|transpose}}
// STRUCT:       qnn.matmul {{.*}} : (tensor<1x3x!qnn.bipolar>, tensor<3x2x!qnn.int<3>>) -> tensor<1x2x!qnn.int<3>>
// STRUCT-NEXT:  qnn.constant dense<0> : tensor<2x1xi8> -> tensor<2x1x!qnn.uint<1>>
// STRUCT-NEXT:  qnn.multithreshold
// STRUCT-NOT:   qnn.{{quant|bipolar_quant|batchnorm|add|sub|div|transpose}}
// STRUCT:       qnn.matmul {{.*}} : (tensor<1x2x!qnn.bipolar>, tensor<2x2x!qnn.int<2>>) -> tensor<1x2x!qnn.int<3>>
// STRUCT-NEXT:  qnn.constant dense<5.000000e-01>
// STRUCT-NEXT:  qnn.mul
// STRUCT-NEXT:  func.return
// CHECK-LABEL: func.func @gemm_negative_bn(
// CHECK-SAME:  %[[IMG:[^:]*]]: tensor<1x3xf32>) -> tensor<1x2xf32> {
// CHECK-NEXT:  %[[X:[^ ,]*]] = qnn.constant dense<0> : tensor<1x1xi8> -> tensor<1x1x!qnn.uint<1>>
// CHECK-NEXT:  %[[X_1:[^ ,]*]] = qnn.multithreshold %[[IMG]], %[[X]] {out_dtype = !qnn.bipolar, out_scale = 2.000000e+00 : f32, out_bias = -1.000000e+00 : f32} : (tensor<1x3xf32>, tensor<1x1x!qnn.uint<1>>) -> tensor<1x3x!qnn.bipolar>
// CHECK-NEXT:  %[[N0:[^ ,]*]] = qnn.constant dense<{{\[\[}}1, 2], [-1, -1], [1, 0{{\]\]}}> : tensor<3x2xi8> -> tensor<3x2x!qnn.int<3>>
// CHECK-NEXT:  %[[N0_1:[^ ,]*]] = qnn.matmul %[[X_1]], %[[N0]] : (tensor<1x3x!qnn.bipolar>, tensor<3x2x!qnn.int<3>>) -> tensor<1x2x!qnn.int<3>>
// CHECK-NEXT:  %[[A0:[^ ,]*]] = qnn.constant dense<0> : tensor<2x1xi8> -> tensor<2x1x!qnn.uint<1>>
// CHECK-NEXT:  %[[A0_1:[^ ,]*]] = qnn.multithreshold %[[N0_1]], %[[A0]] {out_dtype = !qnn.bipolar, out_scale = 2.000000e+00 : f32, out_bias = -1.000000e+00 : f32} : (tensor<1x2x!qnn.int<3>>, tensor<2x1x!qnn.uint<1>>) -> tensor<1x2x!qnn.bipolar>
// CHECK-NEXT:  %[[W1T:[^ ,]*]] = qnn.constant dense<{{\[\[}}1, 1], [-1, 1{{\]\]}}> : tensor<2x2xi8> -> tensor<2x2x!qnn.int<2>>
// CHECK-NEXT:  %[[Y:[^ ,]*]] = qnn.matmul %[[A0_1]], %[[W1T]] : (tensor<1x2x!qnn.bipolar>, tensor<2x2x!qnn.int<2>>) -> tensor<1x2x!qnn.int<3>>
// CHECK-NEXT:  %[[Y_1:[^ ,]*]] = qnn.constant dense<5.000000e-01> : tensor<f32> -> tensor<f32>
// CHECK-NEXT:  %[[Y_2:[^ ,]*]] = qnn.mul %[[Y]], %[[Y_1]] : (tensor<1x2x!qnn.int<3>>, tensor<f32>) -> tensor<1x2xf32>
// CHECK-NEXT:  func.return %[[Y_2]] : tensor<1x2xf32>
// CHECK-NEXT:  }
func.func @gemm_negative_bn(%img: tensor<1x3xf32>) -> tensor<1x2xf32> {
  %x = qnn.bipolar_quant %img {scale = dense<1.0> : tensor<f32>} : (tensor<1x3xf32>) -> tensor<1x3xf32>
  %w0 = qnn.constant dense<[[0.5, -0.5, 1.0], [-1.0, 0.5, 0.0]]> : tensor<2x3xf32> -> tensor<2x3xf32>
  %w0q = qnn.quant %w0 {bitwidth = 2 : i64, scale = dense<0.5> : tensor<f32>, zeropt = dense<0.0> : tensor<f32>} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %w0t = qnn.transpose %w0q {perm = array<i64: 1, 0>} : (tensor<2x3xf32>) -> tensor<3x2xf32>
  %h0 = qnn.matmul %x, %w0t : (tensor<1x3xf32>, tensor<3x2xf32>) -> tensor<1x2xf32>
  %g = qnn.constant dense<[1.0, -1.0]> : tensor<2xf32> -> tensor<2xf32>
  %b = qnn.constant dense<[0.25, 0.25]> : tensor<2xf32> -> tensor<2xf32>
  %m = qnn.constant dense<[0.0, 0.0]> : tensor<2xf32> -> tensor<2xf32>
  %v = qnn.constant dense<[1.0, 1.0]> : tensor<2xf32> -> tensor<2xf32>
  %n0 = qnn.batchnorm %h0, %g, %b, %m, %v {epsilon = 0.0 : f32} : (tensor<1x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2xf32>
  %a0 = qnn.bipolar_quant %n0 {scale = dense<1.0> : tensor<f32>} : (tensor<1x2xf32>) -> tensor<1x2xf32>
  %w1 = qnn.constant dense<[[0.5, -0.5], [1.0, 0.5]]> : tensor<2x2xf32> -> tensor<2x2xf32>
  %w1q = qnn.quant %w1 {bitwidth = 2 : i64, scale = dense<0.5> : tensor<f32>, zeropt = dense<0.0> : tensor<f32>} : (tensor<2x2xf32>) -> tensor<2x2xf32>
  %w1t = qnn.transpose %w1q {perm = array<i64: 1, 0>} : (tensor<2x2xf32>) -> tensor<2x2xf32>
  %y = qnn.matmul %a0, %w1t : (tensor<1x2xf32>, tensor<2x2xf32>) -> tensor<1x2xf32>
  func.return %y : tensor<1x2xf32>
}

// -----

// Residual join (ResNet-style): the skip (relu-quant, scale 0.5) feeds the
// next matmul and the add; both branches share the scale, so the join is an
// integer add of the two uint<3> counts and the quantizer after it (scale 1,
// half to even) counts n = y1 + skip: n*0.5 rounds up to 1 from n = 2, to 2
// from n = 3 (1.5 ties to 2), to 3 from n = 6 (2.5 ties to 2), ...
// STRUCT-LABEL: func.func @residual(
// STRUCT-NOT:   qnn.{{quant|add|mul}} %
// STRUCT:       %[[SKIP:[^ ,]*]] = qnn.multithreshold {{.*}} -> tensor<1x4x!qnn.uint<3>>
// STRUCT:       qnn.matmul %[[SKIP]], {{.*}} -> tensor<1x4x!qnn.int<5>>
// STRUCT:       %[[Y1:[^ ,]*]] = qnn.multithreshold {{.*}} -> tensor<1x4x!qnn.uint<3>>
// STRUCT-NEXT:  %[[SUM:[^ ,]*]] = qnn.add %[[Y1]], %[[SKIP]] : (tensor<1x4x!qnn.uint<3>>, tensor<1x4x!qnn.uint<3>>) -> tensor<1x4x!qnn.uint<4>>
// STRUCT-NEXT:  %[[T:[^ ,]*]] = qnn.constant dense<{{\[\[}}2, 3, 6, 7, 10, 11, 14{{\]\]}}> : tensor<1x7xi8> -> tensor<1x7x!qnn.uint<4>>
// STRUCT-NEXT:  qnn.multithreshold %[[SUM]], %[[T]] {out_dtype = !qnn.uint<3>} : (tensor<1x4x!qnn.uint<4>>, tensor<1x7x!qnn.uint<4>>) -> tensor<1x4x!qnn.uint<3>>
// STRUCT-NOT:   qnn.{{quant|add|mul}} %
// STRUCT:       func.return
// CHECK-LABEL: func.func @residual(
// NOLOWER-LABEL: func.func @residual(
func.func @residual(%img: tensor<1x4xf32>) -> tensor<1x2xf32> {
  %x = qnn.quant %img {bitwidth = 4 : i64, scale = dense<0.25> : tensor<f32>, zeropt = dense<0.0> : tensor<f32>} : (tensor<1x4xf32>) -> tensor<1x4xf32>
  %w0 = qnn.constant dense<[[1, -1, 1, 0], [1, 1, -1, 1], [-1, 0, 1, 1], [0, 1, 1, -1]]> : tensor<4x4xi8> -> tensor<4x4x!qnn.int<2>>
  %h0 = qnn.matmul %x, %w0 : (tensor<1x4xf32>, tensor<4x4x!qnn.int<2>>) -> tensor<1x4xf32>
  %r0 = qnn.relu %h0 : (tensor<1x4xf32>) -> tensor<1x4xf32>
  %skip = qnn.quant %r0 {bitwidth = 3 : i64, signed = false, scale = dense<0.5> : tensor<f32>, zeropt = dense<0.0> : tensor<f32>} : (tensor<1x4xf32>) -> tensor<1x4xf32>
  %w1 = qnn.constant dense<[[1, -1, 1, 0], [1, 1, 0, -1], [0, 1, -1, 1], [-1, 0, 1, 1]]> : tensor<4x4xi8> -> tensor<4x4x!qnn.int<2>>
  %h1 = qnn.matmul %skip, %w1 : (tensor<1x4xf32>, tensor<4x4x!qnn.int<2>>) -> tensor<1x4xf32>
  %r1 = qnn.relu %h1 : (tensor<1x4xf32>) -> tensor<1x4xf32>
  %y1 = qnn.quant %r1 {bitwidth = 3 : i64, signed = false, scale = dense<0.5> : tensor<f32>, zeropt = dense<0.0> : tensor<f32>} : (tensor<1x4xf32>) -> tensor<1x4xf32>
  %sum = qnn.add %y1, %skip : (tensor<1x4xf32>, tensor<1x4xf32>) -> tensor<1x4xf32>
  %r2 = qnn.relu %sum : (tensor<1x4xf32>) -> tensor<1x4xf32>
  %y2 = qnn.quant %r2 {bitwidth = 3 : i64, signed = false, scale = dense<1.0> : tensor<f32>, zeropt = dense<0.0> : tensor<f32>} : (tensor<1x4xf32>) -> tensor<1x4xf32>
  %w2 = qnn.constant dense<[[1, -1], [1, 1], [-1, 1], [0, 1]]> : tensor<4x2xi8> -> tensor<4x2x!qnn.int<2>>
  %o = qnn.matmul %y2, %w2 : (tensor<1x4xf32>, tensor<4x2x!qnn.int<2>>) -> tensor<1x2xf32>
  func.return %o : tensor<1x2xf32>
}
