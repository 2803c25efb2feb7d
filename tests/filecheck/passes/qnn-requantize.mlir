// qnn-requantize: every quantizer gets the requested bit width and keeps its
// largest magnitude M = scale * max_int (new scale = M / new max_int);
// weights (of matmul/conv) by weight-bits, activations after a layer by
// act-bits, the network input's quantizers by input-bits (0 leaves a kind
// alone). The same precision changes nothing; a second run changes nothing.
// RUN: finnr-opt %s --split-input-file -p 'qnn-requantize{weight-bits=4 act-bits=4}' | filecheck %s --check-prefix=W4A4
// RUN: finnr-opt %s --split-input-file -p 'qnn-requantize{weight-bits=4 act-bits=4},qnn-requantize{weight-bits=4 act-bits=4}' | filecheck %s --check-prefix=W4A4
// RUN: finnr-opt %s --split-input-file -p 'qnn-requantize{weight-bits=1 act-bits=1 input-bits=1}' | filecheck %s --check-prefix=ONE
// RUN: finnr-opt %s --split-input-file -p 'qnn-requantize{weight-bits=2 act-bits=2 input-bits=2}' | filecheck %s --check-prefix=SAME
// RUN: finnr-opt %s --split-input-file -p 'qnn-requantize' | filecheck %s --check-prefixes=SAME,NONE
// RUN: sed -n 's/^\/\/ ZEROPT-IR: //p' %s | not finnr-opt -p 'qnn-requantize{act-bits=4}' 2>&1 | filecheck %s --check-prefix=ZEROPT
// RUN: sed -n 's/^\/\/ FLOATW-IR: //p' %s | not finnr-opt -p 'qnn-requantize{weight-bits=4}' 2>&1 | filecheck %s --check-prefix=FLOATW
// RUN: sed -n 's/^\/\/ FLOATW-IR: //p' %s | finnr-opt -p 'qnn-requantize{act-bits=4}' | filecheck %s --check-prefix=FLOATW-ACT
// RUN: sed -n 's/^\/\/ THRESH-IR: //p' %s | not finnr-opt -p 'qnn-requantize{act-bits=4}' 2>&1 | filecheck %s --check-prefix=THRESH
// RUN: sed -n 's/^\/\/ TYPED-IR: //p' %s | not finnr-opt -p 'qnn-requantize{input-bits=4}' 2>&1 | filecheck %s --check-prefix=TYPED
// RUN: not finnr-opt %s -p 'qnn-requantize{weight-bits=33}' 2>&1 | filecheck %s --check-prefix=RANGE

// What the pass refuses (the IR is in comments, extracted by the RUN lines
// above, so that the other RUN lines do not see it).

// An asymmetric quantizer (zero point 1):
// ZEROPT: qnn-requantize: 'qnn.quant' %a has a non-zero zero point; only symmetric quantizers (zero point 0) can be requantized
// ZEROPT-IR: func.func @zeropt(%x: tensor<1x2xf32>) -> tensor<1x2xf32> {
// ZEROPT-IR:   %w = qnn.constant dense<1.0> : tensor<2x2xf32> -> tensor<2x2xf32>
// ZEROPT-IR:   %h = qnn.matmul %x, %w : (tensor<1x2xf32>, tensor<2x2xf32>) -> tensor<1x2xf32>
// ZEROPT-IR:   %a = qnn.quant %h {bitwidth = 2 : i64, scale = dense<0.5> : tensor<f32>, zeropt = dense<1.0> : tensor<f32>} : (tensor<1x2xf32>) -> tensor<1x2xf32>
// ZEROPT-IR:   func.return %a : tensor<1x2xf32>
// ZEROPT-IR: }

// Float weights (no quantizer to requantize) are refused by weight-bits;
// act-bits alone requantizes the activation and leaves them.
// FLOATW: qnn-requantize: the weights of 'qnn.matmul' %h have no quantizer (qnn.quant) to requantize: float weights, or weights already folded into integers by qnn-streamline (requantize the imported model)
// FLOATW-ACT: qnn.constant dense<1.000000e+00> : tensor<2x2xf32> -> tensor<2x2xf32>
// FLOATW-ACT: qnn.quant %h {scale = dense<1.000000e-01> : tensor<f32>, zeropt = dense<0.000000e+00> : tensor<f32>, bitwidth = 4 : i64, signed = false}
// FLOATW-IR: func.func @float_weights(%x: tensor<1x2xf32>) -> tensor<1x2xf32> {
// FLOATW-IR:   %w = qnn.constant dense<1.0> : tensor<2x2xf32> -> tensor<2x2xf32>
// FLOATW-IR:   %h = qnn.matmul %x, %w : (tensor<1x2xf32>, tensor<2x2xf32>) -> tensor<1x2xf32>
// FLOATW-IR:   %a = qnn.quant %h {bitwidth = 2 : i64, scale = dense<0.5> : tensor<f32>, signed = false, zeropt = dense<0.0> : tensor<f32>} : (tensor<1x2xf32>) -> tensor<1x2xf32>
// FLOATW-IR:   func.return %a : tensor<1x2xf32>
// FLOATW-IR: }

// Activations already lowered to thresholds (streamlined IR):
// THRESH: qnn-requantize: the activation 'qnn.multithreshold' %a has no quantizer to requantize (already thresholds or a sign); requantize the imported model, before qnn-streamline
// THRESH-IR: func.func @thresholds(%x: tensor<1x2x!qnn.int<4>>) -> tensor<1x2x!qnn.uint<1>> {
// THRESH-IR:   %t = qnn.constant dense<[[0], [1]]> : tensor<2x1xi8> -> tensor<2x1x!qnn.int<2>>
// THRESH-IR:   %a = qnn.multithreshold %x, %t {out_dtype = !qnn.uint<1>} : (tensor<1x2x!qnn.int<4>>, tensor<2x1x!qnn.int<2>>) -> tensor<1x2x!qnn.uint<1>>
// THRESH-IR:   func.return %a : tensor<1x2x!qnn.uint<1>>
// THRESH-IR: }

// A quantizer whose result streamlining has typed as integers:
// TYPED: qnn-requantize: 'qnn.quant' %q produces !qnn.int<2>, not f32: requantize the imported model, before qnn-streamline
// TYPED-IR: func.func @typed(%x: tensor<1x2xf32>) -> tensor<1x2x!qnn.int<2>> {
// TYPED-IR:   %q = qnn.quant %x {bitwidth = 2 : i64, scale = dense<1.0> : tensor<f32>, zeropt = dense<0.0> : tensor<f32>} : (tensor<1x2xf32>) -> tensor<1x2x!qnn.int<2>>
// TYPED-IR:   func.return %q : tensor<1x2x!qnn.int<2>>
// TYPED-IR: }

// RANGE: qnn-requantize: weight-bits must be in 1..32 (0 leaves it), got 33

// An MLP layer: 2-bit narrow weights with per-channel scales (M = 0.7, 1.4),
// transposed into the matmul; a 2-bit unsigned activation after a relu
// (M = 1.5); the input's 2-bit quantizer (M = 0.5).
// W4A4-LABEL: func.func @mlp(
// W4A4-NEXT:    %xq = qnn.quant %x {bitwidth = 2 : i64, scale = dense<5.000000e-01> : tensor<f32>, zeropt = dense<0.000000e+00> : tensor<f32>}
// W4A4-NEXT:    %w = qnn.constant
// W4A4-NEXT:    %wq = qnn.quant %w {scale = dense<{{\[\[}}1.000000e-01], [2.000000e-01{{\]\]}}> : tensor<2x1xf32>, zeropt = dense<0.000000e+00> : tensor<f32>, bitwidth = 4 : i64, narrow = true} : (tensor<2x3xf32>) -> tensor<2x3xf32>
// W4A4-NEXT:    %wt = qnn.transpose %wq
// W4A4-NEXT:    %h = qnn.matmul %xq, %wt
// W4A4-NEXT:    %r = qnn.relu %h
// W4A4-NEXT:    %a = qnn.quant %r {scale = dense<1.000000e-01> : tensor<f32>, zeropt = dense<0.000000e+00> : tensor<f32>, bitwidth = 4 : i64, signed = false} : (tensor<1x2xf32>) -> tensor<1x2xf32>
// W4A4-NEXT:    func.return %a
// One bit: signed quantizers become bipolar with scale M; the unsigned
// activation keeps {0, M}.
// ONE-LABEL: func.func @mlp(
// ONE-NEXT:    %xq = qnn.bipolar_quant %x {scale = dense<5.000000e-01> : tensor<f32>} : (tensor<1x3xf32>) -> tensor<1x3xf32>
// ONE-NEXT:    %w = qnn.constant
// ONE-NEXT:    %wq = qnn.bipolar_quant %w {scale = dense<{{\[\[}}7.000000e-01], [1.400000e+00{{\]\]}}> : tensor<2x1xf32>} : (tensor<2x3xf32>) -> tensor<2x3xf32>
// ONE:         %a = qnn.quant %r {scale = dense<1.500000e+00> : tensor<f32>, zeropt = dense<0.000000e+00> : tensor<f32>, bitwidth = 1 : i64, signed = false}
// SAME-LABEL: func.func @mlp(
// SAME-NEXT:    %xq = qnn.quant %x {bitwidth = 2 : i64, scale = dense<5.000000e-01> : tensor<f32>, zeropt = dense<0.000000e+00> : tensor<f32>}
// SAME-NEXT:    %w = qnn.constant
// SAME-NEXT:    %wq = qnn.quant %w {bitwidth = 2 : i64, narrow = true, scale = dense<{{\[\[}}7.000000e-01], [1.400000e+00{{\]\]}}> : tensor<2x1xf32>, zeropt = dense<0.000000e+00> : tensor<f32>}
// SAME:         %a = qnn.quant %r {bitwidth = 2 : i64, scale = dense<5.000000e-01> : tensor<f32>, signed = false, zeropt = dense<0.000000e+00> : tensor<f32>}
func.func @mlp(%x: tensor<1x3xf32>) -> tensor<1x2xf32> {
  %xq = qnn.quant %x {bitwidth = 2 : i64, scale = dense<0.5> : tensor<f32>, zeropt = dense<0.0> : tensor<f32>} : (tensor<1x3xf32>) -> tensor<1x3xf32>
  %w = qnn.constant dense<[[0.3, -0.8, 2.0], [-0.1, 0.6, -5.0]]> : tensor<2x3xf32> -> tensor<2x3xf32>
  %wq = qnn.quant %w {bitwidth = 2 : i64, narrow = true, scale = dense<[[0.7], [1.4]]> : tensor<2x1xf32>, zeropt = dense<0.0> : tensor<f32>} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %wt = qnn.transpose %wq {perm = array<i64: 1, 0>} : (tensor<2x3xf32>) -> tensor<3x2xf32>
  %h = qnn.matmul %xq, %wt : (tensor<1x3xf32>, tensor<3x2xf32>) -> tensor<1x2xf32>
  %r = qnn.relu %h : (tensor<1x2xf32>) -> tensor<1x2xf32>
  %a = qnn.quant %r {bitwidth = 2 : i64, scale = dense<0.5> : tensor<f32>, signed = false, zeropt = dense<0.0> : tensor<f32>} : (tensor<1x2xf32>) -> tensor<1x2xf32>
  func.return %a : tensor<1x2xf32>
}

// -----

// A conv with bipolar weights (M = 0.5) and a quantized bias: 4 bits give a
// signed narrow quantizer of scale 0.5 / 7; the bias quantizer (not a
// layer's weights) and the signed activation (M = 3 * 0.25) follow their
// own rules; one bit leaves the bipolar weights as they are.
// W4A4-LABEL: func.func @conv(
// W4A4:         %wq = qnn.quant %w {scale = dense<0.0714285746> : tensor<f32>, zeropt = dense<0.000000e+00> : tensor<f32>, bitwidth = 4 : i64, narrow = true} : (tensor<2x1x1x1xf32>) -> tensor<2x1x1x1xf32>
// W4A4:         %bq = qnn.quant %b {bitwidth = 8 : i64, scale = dense<1.000000e-01> : tensor<f32>, zeropt = dense<0.000000e+00> : tensor<f32>}
// W4A4:         %a = qnn.quant %y {scale = dense<0.107142858> : tensor<f32>, zeropt = dense<0.000000e+00> : tensor<f32>, bitwidth = 4 : i64}
// ONE-LABEL: func.func @conv(
// ONE:         %wq = qnn.bipolar_quant %w {scale = dense<5.000000e-01> : tensor<f32>}
// ONE:         %bq = qnn.quant %b {bitwidth = 8 : i64
// ONE:         %a = qnn.bipolar_quant %y {scale = dense<7.500000e-01> : tensor<f32>}
// NONE-LABEL: func.func @conv(
// NONE:         %wq = qnn.bipolar_quant %w {scale = dense<5.000000e-01> : tensor<f32>}
// NONE:         %bq = qnn.quant %b {bitwidth = 8 : i64
// NONE:         %a = qnn.quant %y {bitwidth = 3 : i64, scale = dense<2.500000e-01> : tensor<f32>, zeropt = dense<0.000000e+00> : tensor<f32>}
func.func @conv(%x: tensor<1x1x2x2xf32>) -> tensor<1x2x2x2xf32> {
  %w = qnn.constant dense<[[[[0.3]]], [[[-0.2]]]]> : tensor<2x1x1x1xf32> -> tensor<2x1x1x1xf32>
  %wq = qnn.bipolar_quant %w {scale = dense<0.5> : tensor<f32>} : (tensor<2x1x1x1xf32>) -> tensor<2x1x1x1xf32>
  %c = qnn.conv %x, %wq {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x1x2x2xf32>, tensor<2x1x1x1xf32>) -> tensor<1x2x2x2xf32>
  %b = qnn.constant dense<[[[0.31]], [[-0.52]]]> : tensor<2x1x1xf32> -> tensor<2x1x1xf32>
  %bq = qnn.quant %b {bitwidth = 8 : i64, scale = dense<0.1> : tensor<f32>, zeropt = dense<0.0> : tensor<f32>} : (tensor<2x1x1xf32>) -> tensor<2x1x1xf32>
  %y = qnn.add %c, %bq : (tensor<1x2x2x2xf32>, tensor<2x1x1xf32>) -> tensor<1x2x2x2xf32>
  %a = qnn.quant %y {bitwidth = 3 : i64, scale = dense<0.25> : tensor<f32>, zeropt = dense<0.0> : tensor<f32>} : (tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32>
  func.return %a : tensor<1x2x2x2xf32>
}
