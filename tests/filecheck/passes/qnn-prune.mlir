// qnn-prune: removing output channels of a layer (matmul/conv with constant
// weights) slices its weights through their quantizers and transposes
// (per-channel scales too), a conv's bias, the per-channel operands on the
// way to the next layer (batch norm, quantizer scales, thresholds; through
// relu, max-pool and a flattening reshape, where a channel is a block of the
// vector), and the next layer's input rows. Layers computing the outputs
// stay whole.
// RUN: finnr-opt %s --split-input-file -p 'qnn-prune{layer=0 keep-channels=1,3}' | filecheck %s --check-prefix=MASK
// RUN: finnr-opt %s --split-input-file -p 'qnn-prune{layer=0 keep-channels=0,1,2,3}' | filecheck %s --check-prefix=ALL
// RUN: finnr-opt %s --split-input-file -p 'qnn-prune{sparsity=0.5}' | filecheck %s --check-prefix=HALF
// RUN: finnr-opt %s --split-input-file -p 'qnn-prune{keep=1 align=2}' | filecheck %s --check-prefix=HALF
// RUN: finnr-opt %s --split-input-file -p 'qnn-prune{keep=1}' | filecheck %s --check-prefix=ONE
// RUN: not finnr-opt %s -p 'qnn-prune{layer=1 keep-channels=1}' 2>&1 | filecheck %s --check-prefix=OUTPUT
// RUN: not finnr-opt %s -p 'qnn-prune' 2>&1 | filecheck %s --check-prefix=NONE
// RUN: not finnr-opt %s -p 'qnn-prune{sparsity=1}' 2>&1 | filecheck %s --check-prefix=SPARSITY
// RUN: not finnr-opt %s -p 'qnn-prune{keep=0}' 2>&1 | filecheck %s --check-prefix=KEEP
// RUN: not finnr-opt %s -p 'qnn-prune{keep-channels=1}' 2>&1 | filecheck %s --check-prefix=NOLAYER
// RUN: not finnr-opt %s -p 'qnn-prune{layer=0 keep-channels=1,7}' 2>&1 | filecheck %s --check-prefix=CHANNEL
// RUN: not finnr-opt %s -p 'qnn-prune{layer=9 keep=1}' 2>&1 | filecheck %s --check-prefix=INDEX
// RUN: sed -n 's/^\/\/ RESIDUAL-IR: //p' %s | not finnr-opt -p 'qnn-prune{sparsity=0.5}' 2>&1 | filecheck %s --check-prefix=RESIDUAL
// RUN: sed -n 's/^\/\/ DEPTHWISE-IR: //p' %s | not finnr-opt -p 'qnn-prune{layer=0 keep=1}' 2>&1 | filecheck %s --check-prefix=DEPTHWISE
// RUN: sed -n 's/^\/\/ CONCAT-IR: //p' %s | not finnr-opt -p 'qnn-prune{keep=1}' 2>&1 | filecheck %s --check-prefix=CONCAT

// What the pass refuses (the IR is in comments, extracted by the RUN lines
// above, so that the other RUN lines do not see it); a refused module is
// left unchanged.

// OUTPUT: qnn-prune: cannot prune the output channels of 'qnn.matmul' %y: they are outputs of the network
// NONE: qnn-prune: give exactly one of sparsity=S, keep=N or a mask (layer=I keep-channels=...)
// SPARSITY: qnn-prune: sparsity must be in [0, 1), got 1
// KEEP: qnn-prune: keep must be >= 1, got 0
// NOLAYER: qnn-prune: keep-channels needs layer=I and neither sparsity nor keep
// CHANNEL: qnn-prune: layer 0 ('qnn.matmul' %h) has channels 0..3; got [1, 7]
// INDEX: qnn-prune: no layer 9: the module has 6 layers (matmul/conv with constant weights)

// A residual connection adds the layer's channels to the input's:
// RESIDUAL: qnn-prune: cannot prune the output channels of 'qnn.matmul' %h: 'qnn.add' %s combines them with another computed tensor
// RESIDUAL-IR: func.func @residual(%x: tensor<1x2xf32>) -> tensor<1x1xf32> {
// RESIDUAL-IR:   %w = qnn.constant dense<[[1.0, 2.0], [3.0, 4.0]]> : tensor<2x2xf32> -> tensor<2x2xf32>
// RESIDUAL-IR:   %h = qnn.matmul %x, %w : (tensor<1x2xf32>, tensor<2x2xf32>) -> tensor<1x2xf32>
// RESIDUAL-IR:   %s = qnn.add %h, %x : (tensor<1x2xf32>, tensor<1x2xf32>) -> tensor<1x2xf32>
// RESIDUAL-IR:   %w2 = qnn.constant dense<[[1.0], [2.0]]> : tensor<2x1xf32> -> tensor<2x1xf32>
// RESIDUAL-IR:   %y = qnn.matmul %s, %w2 : (tensor<1x2xf32>, tensor<2x1xf32>) -> tensor<1x1xf32>
// RESIDUAL-IR:   func.return %y : tensor<1x1xf32>
// RESIDUAL-IR: }

// A depthwise conv (group = channels) after the layer:
// DEPTHWISE: qnn-prune: cannot prune the output channels of 'qnn.conv' %c: they reach the grouped (depthwise) conv 'qnn.conv' %d
// DEPTHWISE-IR: func.func @depthwise(%x: tensor<1x1x2x2xf32>) -> tensor<1x2x2x2xf32> {
// DEPTHWISE-IR:   %w = qnn.constant dense<[[[[1.0]]], [[[2.0]]]]> : tensor<2x1x1x1xf32> -> tensor<2x1x1x1xf32>
// DEPTHWISE-IR:   %c = qnn.conv %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x1x2x2xf32>, tensor<2x1x1x1xf32>) -> tensor<1x2x2x2xf32>
// DEPTHWISE-IR:   %w2 = qnn.constant dense<[[[[1.0]]], [[[2.0]]]]> : tensor<2x1x1x1xf32> -> tensor<2x1x1x1xf32>
// DEPTHWISE-IR:   %d = qnn.conv %c, %w2 {group = 2 : i64, strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x2x2x2xf32>, tensor<2x1x1x1xf32>) -> tensor<1x2x2x2xf32>
// DEPTHWISE-IR:   func.return %d : tensor<1x2x2x2xf32>
// DEPTHWISE-IR: }

// A concat joins the layer's channels with other tensors:
// CONCAT: qnn-prune: cannot prune the output channels of 'qnn.matmul' %h: they reach 'qnn.concat' %k, which the pass does not follow
// CONCAT-IR: func.func @concat(%x: tensor<1x2xf32>) -> tensor<1x1xf32> {
// CONCAT-IR:   %w = qnn.constant dense<[[1.0, 2.0], [3.0, 4.0]]> : tensor<2x2xf32> -> tensor<2x2xf32>
// CONCAT-IR:   %h = qnn.matmul %x, %w : (tensor<1x2xf32>, tensor<2x2xf32>) -> tensor<1x2xf32>
// CONCAT-IR:   %k = qnn.concat %h, %x {axis = 1 : i64} : (tensor<1x2xf32>, tensor<1x2xf32>) -> tensor<1x4xf32>
// CONCAT-IR:   %w2 = qnn.constant dense<[[1.0], [2.0], [3.0], [4.0]]> : tensor<4x1xf32> -> tensor<4x1xf32>
// CONCAT-IR:   %y = qnn.matmul %k, %w2 : (tensor<1x4xf32>, tensor<4x1xf32>) -> tensor<1x1xf32>
// CONCAT-IR:   func.return %y : tensor<1x1xf32>
// CONCAT-IR: }

// An imported MLP layer: per-channel 2-bit weights (transposed into the
// matmul), a batch norm, a relu and an activation quantizer, then the next
// layer (4-bit weights). Channel L1 magnitudes after quantization: 0.5,
// 0.75, 0, 0.25, so sparsity 0.5 (and keep=1 rounded up to align=2) keeps
// channels 0 and 1, keep=1 channel 1.
// MASK-LABEL: func.func @mlp(
// MASK-NEXT:    %w = qnn.constant dense<{{\[\[}}5.000000e-01, -2.000000e+00, 1.000000e+00], [3.000000e+00, 0.000000e+00, -3.000000e+00{{\]\]}}> : tensor<2x3xf32> -> tensor<2x3xf32>
// MASK-NEXT:    %wq = qnn.quant %w {bitwidth = 2 : i64, narrow = true, scale = dense<{{\[\[}}2.500000e-01], [1.250000e-01{{\]\]}}> : tensor<2x1xf32>, zeropt = dense<0.000000e+00> : tensor<f32>} : (tensor<2x3xf32>) -> tensor<2x3xf32>
// MASK-NEXT:    %wt = qnn.transpose %wq {perm = array<i64: 1, 0>} : (tensor<2x3xf32>) -> tensor<3x2xf32>
// MASK-NEXT:    %h = qnn.matmul %x, %wt : (tensor<1x3xf32>, tensor<3x2xf32>) -> tensor<1x2xf32>
// MASK-NEXT:    %g = qnn.constant dense<[2.000000e+00, 4.000000e+00]> : tensor<2xf32> -> tensor<2xf32>
// MASK-NEXT:    %b = qnn.constant dense<[2.000000e-01, 4.000000e-01]> : tensor<2xf32> -> tensor<2xf32>
// MASK-NEXT:    %m = qnn.constant dense<[-2.000000e+00, -4.000000e+00]> : tensor<2xf32> -> tensor<2xf32>
// MASK-NEXT:    %v = qnn.constant dense<[2.500000e-01, 1.000000e+00]> : tensor<2xf32> -> tensor<2xf32>
// MASK-NEXT:    %n = qnn.batchnorm %h, %g, %b, %m, %v : (tensor<1x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2xf32>
// MASK-NEXT:    %r = qnn.relu %n : (tensor<1x2xf32>) -> tensor<1x2xf32>
// MASK-NEXT:    %a = qnn.quant %r {bitwidth = 2 : i64, scale = dense<5.000000e-01> : tensor<f32>, signed = false, zeropt = dense<0.000000e+00> : tensor<f32>} : (tensor<1x2xf32>) -> tensor<1x2xf32>
// MASK-NEXT:    %w2 = qnn.constant dense<{{\[\[}}2.000000e+00, 4.000000e+00], [-2.000000e+00, -4.000000e+00{{\]\]}}> : tensor<2x2xf32> -> tensor<2x2xf32>
// MASK-NEXT:    %w2q = qnn.quant %w2 {{.*}} : (tensor<2x2xf32>) -> tensor<2x2xf32>
// MASK-NEXT:    %w2t = qnn.transpose %w2q {perm = array<i64: 1, 0>} : (tensor<2x2xf32>) -> tensor<2x2xf32>
// MASK-NEXT:    %y = qnn.matmul %a, %w2t : (tensor<1x2xf32>, tensor<2x2xf32>) -> tensor<1x2xf32>
// MASK-NEXT:    func.return %y : tensor<1x2xf32>
// ALL-LABEL: func.func @mlp(
// ALL-NEXT:    %w = qnn.constant dense<{{\[\[}}1.000000e+00, 0.000000e+00, 0.000000e+00], [5.000000e-01, -2.000000e+00, 1.000000e+00], [1.000000e-01, 1.000000e-01, -1.000000e-01], [3.000000e+00, 0.000000e+00, -3.000000e+00{{\]\]}}> : tensor<4x3xf32> -> tensor<4x3xf32>
// ALL:         %y = qnn.matmul %a, %w2t : (tensor<1x4xf32>, tensor<4x2xf32>) -> tensor<1x2xf32>
// HALF-LABEL: func.func @mlp(
// HALF-NEXT:    %w = qnn.constant dense<{{\[\[}}1.000000e+00, 0.000000e+00, 0.000000e+00], [5.000000e-01, -2.000000e+00, 1.000000e+00{{\]\]}}> : tensor<2x3xf32> -> tensor<2x3xf32>
// HALF:         %w2 = qnn.constant dense<{{\[\[}}1.000000e+00, 2.000000e+00], [-1.000000e+00, -2.000000e+00{{\]\]}}> : tensor<2x2xf32> -> tensor<2x2xf32>
// HALF:         %y = qnn.matmul %a, %w2t : (tensor<1x2xf32>, tensor<2x2xf32>) -> tensor<1x2xf32>
// ONE-LABEL: func.func @mlp(
// ONE-NEXT:    %w = qnn.constant dense<{{\[\[}}5.000000e-01, -2.000000e+00, 1.000000e+00{{\]\]}}> : tensor<1x3xf32> -> tensor<1x3xf32>
// ONE:         %w2 = qnn.constant dense<{{\[\[}}2.000000e+00], [-2.000000e+00{{\]\]}}> : tensor<2x1xf32> -> tensor<2x1xf32>
// ONE:         %y = qnn.matmul %a, %w2t : (tensor<1x1xf32>, tensor<1x2xf32>) -> tensor<1x2xf32>
func.func @mlp(%x: tensor<1x3xf32>) -> tensor<1x2xf32> {
  %w = qnn.constant dense<[[1.0, 0.0, 0.0], [0.5, -2.0, 1.0], [0.1, 0.1, -0.1], [3.0, 0.0, -3.0]]> : tensor<4x3xf32> -> tensor<4x3xf32>
  %wq = qnn.quant %w {bitwidth = 2 : i64, narrow = true, scale = dense<[[0.5], [0.25], [1.0], [0.125]]> : tensor<4x1xf32>, zeropt = dense<0.0> : tensor<f32>} : (tensor<4x3xf32>) -> tensor<4x3xf32>
  %wt = qnn.transpose %wq {perm = array<i64: 1, 0>} : (tensor<4x3xf32>) -> tensor<3x4xf32>
  %h = qnn.matmul %x, %wt : (tensor<1x3xf32>, tensor<3x4xf32>) -> tensor<1x4xf32>
  %g = qnn.constant dense<[1.0, 2.0, 3.0, 4.0]> : tensor<4xf32> -> tensor<4xf32>
  %b = qnn.constant dense<[0.1, 0.2, 0.3, 0.4]> : tensor<4xf32> -> tensor<4xf32>
  %m = qnn.constant dense<[-1.0, -2.0, -3.0, -4.0]> : tensor<4xf32> -> tensor<4xf32>
  %v = qnn.constant dense<[0.5, 0.25, 0.125, 1.0]> : tensor<4xf32> -> tensor<4xf32>
  %n = qnn.batchnorm %h, %g, %b, %m, %v : (tensor<1x4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<1x4xf32>
  %r = qnn.relu %n : (tensor<1x4xf32>) -> tensor<1x4xf32>
  %a = qnn.quant %r {bitwidth = 2 : i64, scale = dense<0.5> : tensor<f32>, signed = false, zeropt = dense<0.0> : tensor<f32>} : (tensor<1x4xf32>) -> tensor<1x4xf32>
  %w2 = qnn.constant dense<[[1.0, 2.0, 3.0, 4.0], [-1.0, -2.0, -3.0, -4.0]]> : tensor<2x4xf32> -> tensor<2x4xf32>
  %w2q = qnn.quant %w2 {bitwidth = 4 : i64, scale = dense<0.5> : tensor<f32>, zeropt = dense<0.0> : tensor<f32>} : (tensor<2x4xf32>) -> tensor<2x4xf32>
  %w2t = qnn.transpose %w2q {perm = array<i64: 1, 0>} : (tensor<2x4xf32>) -> tensor<4x2xf32>
  %y = qnn.matmul %a, %w2t : (tensor<1x4xf32>, tensor<4x2xf32>) -> tensor<1x2xf32>
  func.return %y : tensor<1x2xf32>
}

// -----

// A conv with bipolar per-channel weights and a bias, a per-channel
// quantizer, a max-pool and a flattening reshape: each channel is a block of
// 4 entries of the vector the matmul reads (rows 0-3, 4-7, 8-11).
// MASK-LABEL: func.func @cnn(
// MASK-NEXT:    %w = qnn.constant dense<{{\[\[\[\[}}1.000000e+00]]], {{\[\[\[}}-5.000000e-01{{\]\]\]\]}}> : tensor<2x1x1x1xf32> -> tensor<2x1x1x1xf32>
// MASK-NEXT:    %wq = qnn.bipolar_quant %w {scale = dense<{{\[\[\[\[}}2.000000e+00]]], {{\[\[\[}}8.000000e+00{{\]\]\]\]}}> : tensor<2x1x1x1xf32>} : (tensor<2x1x1x1xf32>) -> tensor<2x1x1x1xf32>
// MASK-NEXT:    %bias = qnn.constant dense<[2.500000e-01, 6.250000e-02]> : tensor<2xf32> -> tensor<2xf32>
// MASK-NEXT:    %c = qnn.conv %x, %wq, %bias {{.*}} : (tensor<1x1x4x4xf32>, tensor<2x1x1x1xf32>, tensor<2xf32>) -> tensor<1x2x4x4xf32>
// MASK-NEXT:    %q = qnn.quant %c {bitwidth = 3 : i64, scale = dense<{{\[\[\[}}1.000000e+00]], {{\[\[}}4.000000e+00{{\]\]\]}}> : tensor<2x1x1xf32>, zeropt = dense<0.000000e+00> : tensor<f32>} : (tensor<1x2x4x4xf32>) -> tensor<1x2x4x4xf32>
// MASK-NEXT:    %p = qnn.maxpool %q {{.*}} : (tensor<1x2x4x4xf32>) -> tensor<1x2x2x2xf32>
// MASK-NEXT:    %f = qnn.reshape %p : (tensor<1x2x2x2xf32>) -> tensor<1x8xf32>
// MASK-NEXT:    %w2 = qnn.constant dense<{{\[\[}}8, 9], [10, 11], [12, 13], [14, 15], [24, 25], [26, 27], [28, 29], [30, 31{{\]\]}}> : tensor<8x2xi8> -> tensor<8x2x!qnn.int<6>>
// MASK-NEXT:    %y = qnn.matmul %f, %w2 : (tensor<1x8xf32>, tensor<8x2x!qnn.int<6>>) -> tensor<1x2xf32>
// HALF-LABEL: func.func @cnn(
// HALF:         %wq = qnn.bipolar_quant %w {scale = dense<{{\[\[\[\[}}4.000000e+00]]], {{\[\[\[}}8.000000e+00{{\]\]\]\]}}>
// HALF:         %y = qnn.matmul %f, %w2 : (tensor<1x8xf32>, tensor<8x2x!qnn.int<6>>) -> tensor<1x2xf32>
func.func @cnn(%x: tensor<1x1x4x4xf32>) -> tensor<1x2xf32> {
  %w = qnn.constant dense<[[[[0.5]]], [[[1.0]]], [[[2.0]]], [[[-0.5]]]]> : tensor<4x1x1x1xf32> -> tensor<4x1x1x1xf32>
  %wq = qnn.bipolar_quant %w {scale = dense<[[[[1.0]]], [[[2.0]]], [[[4.0]]], [[[8.0]]]]> : tensor<4x1x1x1xf32>} : (tensor<4x1x1x1xf32>) -> tensor<4x1x1x1xf32>
  %bias = qnn.constant dense<[0.5, 0.25, 0.125, 0.0625]> : tensor<4xf32> -> tensor<4xf32>
  %c = qnn.conv %x, %wq, %bias {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x1x4x4xf32>, tensor<4x1x1x1xf32>, tensor<4xf32>) -> tensor<1x4x4x4xf32>
  %q = qnn.quant %c {bitwidth = 3 : i64, scale = dense<[[[0.5]], [[1.0]], [[2.0]], [[4.0]]]> : tensor<4x1x1xf32>, zeropt = dense<0.0> : tensor<f32>} : (tensor<1x4x4x4xf32>) -> tensor<1x4x4x4xf32>
  %p = qnn.maxpool %q {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x4x4x4xf32>) -> tensor<1x4x2x2xf32>
  %f = qnn.reshape %p : (tensor<1x4x2x2xf32>) -> tensor<1x16xf32>
  %w2 = qnn.constant dense<[[0, 1], [2, 3], [4, 5], [6, 7], [8, 9], [10, 11], [12, 13], [14, 15], [16, 17], [18, 19], [20, 21], [22, 23], [24, 25], [26, 27], [28, 29], [30, 31]]> : tensor<16x2xi8> -> tensor<16x2x!qnn.int<6>>
  %y = qnn.matmul %f, %w2 : (tensor<1x16xf32>, tensor<16x2x!qnn.int<6>>) -> tensor<1x2xf32>
  func.return %y : tensor<1x2xf32>
}

// -----

// Streamlined IR: integer weights, per-channel thresholds (a row each),
// the next layer's integer rows.
// MASK-LABEL: func.func @streamlined(
// MASK-NEXT:    %w = qnn.constant dense<{{\[\[}}-1, 1], [1, 1{{\]\]}}> : tensor<2x2xi8> -> tensor<2x2x!qnn.int<2>>
// MASK-NEXT:    %h = qnn.matmul %x, %w : (tensor<1x2x!qnn.int<2>>, tensor<2x2x!qnn.int<2>>) -> tensor<1x2x!qnn.int<4>>
// MASK-NEXT:    %t = qnn.constant dense<{{\[\[}}1, 2], [-1, 3{{\]\]}}> : tensor<2x2xi8> -> tensor<2x2x!qnn.int<4>>
// MASK-NEXT:    %a = qnn.multithreshold %h, %t {out_dtype = !qnn.uint<2>} : (tensor<1x2x!qnn.int<4>>, tensor<2x2x!qnn.int<4>>) -> tensor<1x2x!qnn.uint<2>>
// MASK-NEXT:    %w2 = qnn.constant dense<{{\[\[}}1, -1], [-1, -1{{\]\]}}> : tensor<2x2xi8> -> tensor<2x2x!qnn.int<2>>
// MASK-NEXT:    %y = qnn.matmul %a, %w2 : (tensor<1x2x!qnn.uint<2>>, tensor<2x2x!qnn.int<2>>) -> tensor<1x2x!qnn.int<6>>
// HALF-LABEL: func.func @streamlined(
// HALF-NEXT:    %w = qnn.constant dense<{{\[\[}}-1, 1], [1, 1{{\]\]}}> : tensor<2x2xi8> -> tensor<2x2x!qnn.int<2>>
func.func @streamlined(%x: tensor<1x2x!qnn.int<2>>) -> tensor<1x2x!qnn.int<6>> {
  %w = qnn.constant dense<[[1, -1, 0, 1], [0, 1, 0, 1]]> : tensor<2x4xi8> -> tensor<2x4x!qnn.int<2>>
  %h = qnn.matmul %x, %w : (tensor<1x2x!qnn.int<2>>, tensor<2x4x!qnn.int<2>>) -> tensor<1x4x!qnn.int<4>>
  %t = qnn.constant dense<[[0, 1], [1, 2], [0, 0], [-1, 3]]> : tensor<4x2xi8> -> tensor<4x2x!qnn.int<4>>
  %a = qnn.multithreshold %h, %t {out_dtype = !qnn.uint<2>} : (tensor<1x4x!qnn.int<4>>, tensor<4x2x!qnn.int<4>>) -> tensor<1x4x!qnn.uint<2>>
  %w2 = qnn.constant dense<[[1, 1], [1, -1], [0, 0], [-1, -1]]> : tensor<4x2xi8> -> tensor<4x2x!qnn.int<2>>
  %y = qnn.matmul %a, %w2 : (tensor<1x4x!qnn.uint<2>>, tensor<4x2x!qnn.int<2>>) -> tensor<1x2x!qnn.int<6>>
  func.return %y : tensor<1x2x!qnn.int<6>>
}
