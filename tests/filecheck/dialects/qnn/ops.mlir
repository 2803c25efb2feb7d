// Every qnn op round-trips through its custom form and through the generic
// form (printed generic, re-parsed, printed custom).
// RUN: finnr-opt %s | finnr-opt | filecheck %s
// RUN: finnr-opt %s --print-op-generic | finnr-opt | filecheck %s

func.func @ops(%x: tensor<1x3x8x8xf32>, %v: tensor<1x16xf32>, %i: tensor<1x8x8x3x!qnn.uint<4>>) -> tensor<1x16xf32> {
  %w = qnn.constant dense<1> : tensor<4x3x3x3xi8> -> tensor<4x3x3x3x!qnn.int<2>>
  %b = qnn.constant dense<[0.5, -0.5, 1.0, 0.0]> : tensor<4xf32> -> tensor<4xf32>
  %q = qnn.quant %x {bitwidth = 4 : i64, scale = dense<0.25> : tensor<f32>, zeropt = dense<0.0> : tensor<f32>, narrow = true, rounding_mode = "HALF_UP"} : (tensor<1x3x8x8xf32>) -> tensor<1x3x8x8xf32>
  %bq = qnn.bipolar_quant %x {scale = dense<1.0> : tensor<f32>} : (tensor<1x3x8x8xf32>) -> tensor<1x3x8x8xf32>
  %t = qnn.trunc %q {scale = dense<0.25> : tensor<f32>, zeropt = dense<0.0> : tensor<f32>, in_bitwidth = 8 : i64, out_bitwidth = 4 : i64} : (tensor<1x3x8x8xf32>) -> tensor<1x3x8x8xf32>
  %c = qnn.conv %t, %w, %b {strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3x!qnn.int<2>>, tensor<4xf32>) -> tensor<1x4x8x8xf32>
  %c2 = qnn.conv %bq, %w {strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3x!qnn.int<2>>) -> tensor<1x4x3x3xf32>
  %th = qnn.constant dense<[[0.5, 1.5, 2.5]]> : tensor<1x3xf32> -> tensor<1x3xf32>
  %mt = qnn.multithreshold %c, %th {out_dtype = !qnn.uint<2>} : (tensor<1x4x8x8xf32>, tensor<1x3xf32>) -> tensor<1x4x8x8x!qnn.uint<2>>
  %mp = qnn.maxpool %mt {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x4x8x8x!qnn.uint<2>>) -> tensor<1x4x4x4x!qnn.uint<2>>
  %ap = qnn.avgpool %c2 {kernel_shape = array<i64: 3, 3>, strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, count_include_pad = true} : (tensor<1x4x3x3xf32>) -> tensor<1x4x1x1xf32>
  %ic = qnn.im2col %i {kernel_shape = array<i64: 3, 3>, strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, data_layout = "NHWC"} : (tensor<1x8x8x3x!qnn.uint<4>>) -> tensor<1x6x6x27x!qnn.uint<4>>
  %bn = qnn.batchnorm %c2, %b, %b, %b, %b {epsilon = 1.0e-3 : f32} : (tensor<1x4x3x3xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<1x4x3x3xf32>
  %r = qnn.reshape %mp : (tensor<1x4x4x4x!qnn.uint<2>>) -> tensor<1x64x!qnn.uint<2>>
  %wm = qnn.constant dense<-1> : tensor<64x16xi8> -> tensor<64x16x!qnn.bipolar>
  %mm = qnn.matmul %r, %wm : (tensor<1x64x!qnn.uint<2>>, tensor<64x16x!qnn.bipolar>) -> tensor<1x16x!qnn.int<8>>
  %s = qnn.constant dense<0.5> : tensor<f32> -> tensor<f32>
  %add = qnn.add %mm, %v : (tensor<1x16x!qnn.int<8>>, tensor<1x16xf32>) -> tensor<1x16xf32>
  %sub = qnn.sub %add, %s : (tensor<1x16xf32>, tensor<f32>) -> tensor<1x16xf32>
  %mul = qnn.mul %sub, %s : (tensor<1x16xf32>, tensor<f32>) -> tensor<1x16xf32>
  %div = qnn.div %mul, %s : (tensor<1x16xf32>, tensor<f32>) -> tensor<1x16xf32>
  %relu = qnn.relu %div : (tensor<1x16xf32>) -> tensor<1x16xf32>
  %sign = qnn.sign %relu : (tensor<1x16xf32>) -> tensor<1x16x!qnn.ternary>
  %tr = qnn.transpose %bn {perm = array<i64: 0, 2, 3, 1>} : (tensor<1x4x3x3xf32>) -> tensor<1x3x3x4xf32>
  %pd = qnn.pad %mt {pads = array<i64: 0, 0, 1, 1, 0, 0, 1, 1>, value = 1.0 : f32} : (tensor<1x4x8x8x!qnn.uint<2>>) -> tensor<1x4x10x10x!qnn.uint<2>>
  %cc = qnn.concat %relu, %div, %v {axis = 1 : i64} : (tensor<1x16xf32>, tensor<1x16xf32>, tensor<1x16xf32>) -> tensor<1x48xf32>
  %tv, %ti = qnn.topk %cc {k = 5 : i64} : (tensor<1x48xf32>) -> (tensor<1x5xf32>, tensor<1x5xi64>)
  func.return %relu : tensor<1x16xf32>
}

// CHECK:      func.func @ops(%[[X:.*]]: tensor<1x3x8x8xf32>, %[[V:.*]]: tensor<1x16xf32>, %[[I:.*]]: tensor<1x8x8x3x!qnn.uint<4>>) -> tensor<1x16xf32> {
// CHECK-NEXT: %[[W:.*]] = qnn.constant dense<1> : tensor<4x3x3x3xi8> -> tensor<4x3x3x3x!qnn.int<2>>
// CHECK-NEXT: %[[B:.*]] = qnn.constant dense<[5.000000e-01, -5.000000e-01, 1.000000e+00, 0.000000e+00]> : tensor<4xf32> -> tensor<4xf32>
// CHECK-NEXT: %[[Q:.*]] = qnn.quant %[[X]] {bitwidth = 4 : i64, scale = dense<2.500000e-01> : tensor<f32>, zeropt = dense<0.000000e+00> : tensor<f32>, narrow = true, rounding_mode = "HALF_UP"} : (tensor<1x3x8x8xf32>) -> tensor<1x3x8x8xf32>
// CHECK-NEXT: %[[BQ:.*]] = qnn.bipolar_quant %[[X]] {scale = dense<1.000000e+00> : tensor<f32>} : (tensor<1x3x8x8xf32>) -> tensor<1x3x8x8xf32>
// CHECK-NEXT: %[[T:.*]] = qnn.trunc %[[Q]] {scale = dense<2.500000e-01> : tensor<f32>, zeropt = dense<0.000000e+00> : tensor<f32>, in_bitwidth = 8 : i64, out_bitwidth = 4 : i64} : (tensor<1x3x8x8xf32>) -> tensor<1x3x8x8xf32>
// CHECK-NEXT: %[[C:.*]] = qnn.conv %[[T]], %[[W]], %[[B]] {strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3x!qnn.int<2>>, tensor<4xf32>) -> tensor<1x4x8x8xf32>
// CHECK-NEXT: %[[C2:.*]] = qnn.conv %[[BQ]], %[[W]] {strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3x!qnn.int<2>>) -> tensor<1x4x3x3xf32>
// CHECK-NEXT: %[[TH:.*]] = qnn.constant dense<{{\[\[}}5.000000e-01, 1.500000e+00, 2.500000e+00{{\]\]}}> : tensor<1x3xf32> -> tensor<1x3xf32>
// CHECK-NEXT: %[[MT:.*]] = qnn.multithreshold %[[C]], %[[TH]] {out_dtype = !qnn.uint<2>} : (tensor<1x4x8x8xf32>, tensor<1x3xf32>) -> tensor<1x4x8x8x!qnn.uint<2>>
// CHECK-NEXT: %[[MP:.*]] = qnn.maxpool %[[MT]] {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x4x8x8x!qnn.uint<2>>) -> tensor<1x4x4x4x!qnn.uint<2>>
// CHECK-NEXT: %[[AP:.*]] = qnn.avgpool %[[C2]] {kernel_shape = array<i64: 3, 3>, strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, count_include_pad = true} : (tensor<1x4x3x3xf32>) -> tensor<1x4x1x1xf32>
// CHECK-NEXT: %[[IC:.*]] = qnn.im2col %[[I]] {kernel_shape = array<i64: 3, 3>, strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, data_layout = "NHWC"} : (tensor<1x8x8x3x!qnn.uint<4>>) -> tensor<1x6x6x27x!qnn.uint<4>>
// CHECK-NEXT: %[[BN:.*]] = qnn.batchnorm %[[C2]], %[[B]], %[[B]], %[[B]], %[[B]] {epsilon = 1.000000e-03 : f32} : (tensor<1x4x3x3xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<1x4x3x3xf32>
// CHECK-NEXT: %[[R:.*]] = qnn.reshape %[[MP]] : (tensor<1x4x4x4x!qnn.uint<2>>) -> tensor<1x64x!qnn.uint<2>>
// CHECK-NEXT: %[[WM:.*]] = qnn.constant dense<-1> : tensor<64x16xi8> -> tensor<64x16x!qnn.bipolar>
// CHECK-NEXT: %[[MM:.*]] = qnn.matmul %[[R]], %[[WM]] : (tensor<1x64x!qnn.uint<2>>, tensor<64x16x!qnn.bipolar>) -> tensor<1x16x!qnn.int<8>>
// CHECK-NEXT: %[[S:.*]] = qnn.constant dense<5.000000e-01> : tensor<f32> -> tensor<f32>
// CHECK-NEXT: %[[ADD:.*]] = qnn.add %[[MM]], %[[V]] : (tensor<1x16x!qnn.int<8>>, tensor<1x16xf32>) -> tensor<1x16xf32>
// CHECK-NEXT: %[[SUB:.*]] = qnn.sub %[[ADD]], %[[S]] : (tensor<1x16xf32>, tensor<f32>) -> tensor<1x16xf32>
// CHECK-NEXT: %[[MUL:.*]] = qnn.mul %[[SUB]], %[[S]] : (tensor<1x16xf32>, tensor<f32>) -> tensor<1x16xf32>
// CHECK-NEXT: %[[DIV:.*]] = qnn.div %[[MUL]], %[[S]] : (tensor<1x16xf32>, tensor<f32>) -> tensor<1x16xf32>
// CHECK-NEXT: %[[RELU:.*]] = qnn.relu %[[DIV]] : (tensor<1x16xf32>) -> tensor<1x16xf32>
// CHECK-NEXT: %[[SIGN:.*]] = qnn.sign %[[RELU]] : (tensor<1x16xf32>) -> tensor<1x16x!qnn.ternary>
// CHECK-NEXT: %[[TR:.*]] = qnn.transpose %[[BN]] {perm = array<i64: 0, 2, 3, 1>} : (tensor<1x4x3x3xf32>) -> tensor<1x3x3x4xf32>
// CHECK-NEXT: %[[PD:.*]] = qnn.pad %[[MT]] {pads = array<i64: 0, 0, 1, 1, 0, 0, 1, 1>, value = 1.000000e+00 : f32} : (tensor<1x4x8x8x!qnn.uint<2>>) -> tensor<1x4x10x10x!qnn.uint<2>>
// CHECK-NEXT: %[[CC:.*]] = qnn.concat %[[RELU]], %[[DIV]], %[[V]] {axis = 1 : i64} : (tensor<1x16xf32>, tensor<1x16xf32>, tensor<1x16xf32>) -> tensor<1x48xf32>
// CHECK-NEXT: %[[TV:.*]], %[[TI:.*]] = qnn.topk %[[CC]] {k = 5 : i64} : (tensor<1x48xf32>) -> (tensor<1x5xf32>, tensor<1x5xi64>)
// CHECK-NEXT: func.return %[[RELU]] : tensor<1x16xf32>
