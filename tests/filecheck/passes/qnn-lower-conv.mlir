// qnn-lower-conv: a group-1 convolution becomes transpose to NHWC -> pad
// (if any) -> im2col -> matmul with W reordered to (kh, kw, c) x M -> add
// bias -> transpose back to NCHW. A depthwise convolution becomes im2col ->
// qnn.depthwise_dot, a grouped one a block-diagonal matmul. Zero padding of
// a datatype without 0 and grouped convolutions with non-constant weights
// are refused.
// RUN: finnr-opt %s --split-input-file -p qnn-lower-conv | filecheck %s

// W (1, 2, 2, 2) rows in (kh, kw, c) order: (0,0,c0)=1, (0,0,c1)=1,
// (0,1,c0)=-1, (0,1,c1)=0, (1,0,c0)=0, (1,0,c1)=-1, (1,1,c0)=1,
// (1,1,c1)=1. The datatypes carry over.
// CHECK-LABEL: func.func @conv(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x2x3x3x!qnn.uint<2>>) -> tensor<1x1x2x2x!qnn.int<6>> {
// CHECK-NEXT:  %[[Y:[^ ,]*]] = qnn.transpose %[[X]] {perm = array<i64: 0, 2, 3, 1>} : (tensor<1x2x3x3x!qnn.uint<2>>) -> tensor<1x3x3x2x!qnn.uint<2>>
// CHECK-NEXT:  %[[Y_1:[^ ,]*]] = qnn.im2col %[[Y]] {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, data_layout = "NHWC", kernel_shape = array<i64: 2, 2>} : (tensor<1x3x3x2x!qnn.uint<2>>) -> tensor<1x2x2x8x!qnn.uint<2>>
// CHECK-NEXT:  %[[Y_2:[^ ,]*]] = qnn.constant dense<{{\[\[}}1], [1], [-1], [0], [0], [-1], [1], [1{{\]\]}}> : tensor<8x1xi8> -> tensor<8x1x!qnn.int<2>>
// CHECK-NEXT:  %[[Y_3:[^ ,]*]] = qnn.matmul %[[Y_1]], %[[Y_2]] : (tensor<1x2x2x8x!qnn.uint<2>>, tensor<8x1x!qnn.int<2>>) -> tensor<1x2x2x1x!qnn.int<6>>
// CHECK-NEXT:  %[[Y_4:[^ ,]*]] = qnn.transpose %[[Y_3]] {perm = array<i64: 0, 3, 1, 2>} : (tensor<1x2x2x1x!qnn.int<6>>) -> tensor<1x1x2x2x!qnn.int<6>>
// CHECK-NEXT:  func.return %[[Y_4]] : tensor<1x1x2x2x!qnn.int<6>>
// CHECK-NEXT:  }
func.func @conv(%x: tensor<1x2x3x3x!qnn.uint<2>>) -> tensor<1x1x2x2x!qnn.int<6>> {
  %w = qnn.constant dense<[[[[1, -1], [0, 1]], [[1, 0], [-1, 1]]]]> : tensor<1x2x2x2xi8> -> tensor<1x2x2x2x!qnn.int<2>>
  %y = qnn.conv %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x2x3x3x!qnn.uint<2>>, tensor<1x2x2x2x!qnn.int<2>>) -> tensor<1x1x2x2x!qnn.int<6>>
  func.return %y : tensor<1x1x2x2x!qnn.int<6>>
}

// -----

// Padding becomes an explicit NHWC pad; stride 2 goes to im2col; the bias
// is added to the NHWC product.
// CHECK-LABEL: func.func @padded_strided_bias(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x1x2x2xf32>) -> tensor<1x2x2x2xf32> {
// CHECK-NEXT:  %[[B:[^ ,]*]] = qnn.constant dense<[5.000000e-01, -1.000000e+00]> : tensor<2xf32> -> tensor<2xf32>
// CHECK-NEXT:  %[[Y:[^ ,]*]] = qnn.transpose %[[X]] {perm = array<i64: 0, 2, 3, 1>} : (tensor<1x1x2x2xf32>) -> tensor<1x2x2x1xf32>
// CHECK-NEXT:  %[[Y_1:[^ ,]*]] = qnn.pad %[[Y]] {pads = array<i64: 0, 1, 1, 0, 0, 1, 1, 0>} : (tensor<1x2x2x1xf32>) -> tensor<1x4x4x1xf32>
// CHECK-NEXT:  %[[Y_2:[^ ,]*]] = qnn.im2col %[[Y_1]] {strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, data_layout = "NHWC", kernel_shape = array<i64: 2, 2>} : (tensor<1x4x4x1xf32>) -> tensor<1x2x2x4xf32>
// CHECK-NEXT:  %[[Y_3:[^ ,]*]] = qnn.constant dense<{{\[\[}}1, 1], [-1, 0], [0, -1], [1, 1{{\]\]}}> : tensor<4x2xi8> -> tensor<4x2x!qnn.int<2>>
// CHECK-NEXT:  %[[Y_4:[^ ,]*]] = qnn.matmul %[[Y_2]], %[[Y_3]] : (tensor<1x2x2x4xf32>, tensor<4x2x!qnn.int<2>>) -> tensor<1x2x2x2xf32>
// CHECK-NEXT:  %[[Y_5:[^ ,]*]] = qnn.add %[[Y_4]], %[[B]] : (tensor<1x2x2x2xf32>, tensor<2xf32>) -> tensor<1x2x2x2xf32>
// CHECK-NEXT:  %[[Y_6:[^ ,]*]] = qnn.transpose %[[Y_5]] {perm = array<i64: 0, 3, 1, 2>} : (tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32>
// CHECK-NEXT:  func.return %[[Y_6]] : tensor<1x2x2x2xf32>
// CHECK-NEXT:  }
func.func @padded_strided_bias(%x: tensor<1x1x2x2xf32>) -> tensor<1x2x2x2xf32> {
  %w = qnn.constant dense<[[[[1, -1], [0, 1]]], [[[1, 0], [-1, 1]]]]> : tensor<2x1x2x2xi8> -> tensor<2x1x2x2x!qnn.int<2>>
  %b = qnn.constant dense<[0.5, -1.0]> : tensor<2xf32> -> tensor<2xf32>
  %y = qnn.conv %x, %w, %b {strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>} : (tensor<1x1x2x2xf32>, tensor<2x1x2x2x!qnn.int<2>>, tensor<2xf32>) -> tensor<1x2x2x2xf32>
  func.return %y : tensor<1x2x2x2xf32>
}

// -----

// Dilation 2 goes to im2col.
// CHECK-LABEL: func.func @dilated(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x1x3x3xf32>) -> tensor<1x1x1x1xf32> {
// CHECK-NEXT:  %[[Y:[^ ,]*]] = qnn.transpose %[[X]] {perm = array<i64: 0, 2, 3, 1>} : (tensor<1x1x3x3xf32>) -> tensor<1x3x3x1xf32>
// CHECK-NEXT:  %[[Y_1:[^ ,]*]] = qnn.im2col %[[Y]] {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 2, 2>, data_layout = "NHWC", kernel_shape = array<i64: 2, 2>} : (tensor<1x3x3x1xf32>) -> tensor<1x1x1x4xf32>
// CHECK-NEXT:  %[[Y_2:[^ ,]*]] = qnn.constant dense<{{\[\[}}1], [-1], [0], [1{{\]\]}}> : tensor<4x1xi8> -> tensor<4x1x!qnn.int<2>>
// CHECK-NEXT:  %[[Y_3:[^ ,]*]] = qnn.matmul %[[Y_1]], %[[Y_2]] : (tensor<1x1x1x4xf32>, tensor<4x1x!qnn.int<2>>) -> tensor<1x1x1x1xf32>
// CHECK-NEXT:  %[[Y_4:[^ ,]*]] = qnn.transpose %[[Y_3]] {perm = array<i64: 0, 3, 1, 2>} : (tensor<1x1x1x1xf32>) -> tensor<1x1x1x1xf32>
// CHECK-NEXT:  func.return %[[Y_4]] : tensor<1x1x1x1xf32>
// CHECK-NEXT:  }
func.func @dilated(%x: tensor<1x1x3x3xf32>) -> tensor<1x1x1x1xf32> {
  %w = qnn.constant dense<[[[[1, -1], [0, 1]]]]> : tensor<1x1x2x2xi8> -> tensor<1x1x2x2x!qnn.int<2>>
  %y = qnn.conv %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 2, 2>} : (tensor<1x1x3x3xf32>, tensor<1x1x2x2x!qnn.int<2>>) -> tensor<1x1x1x1xf32>
  func.return %y : tensor<1x1x1x1xf32>
}

// -----

// An NHWC convolution needs no transposes.
// CHECK-LABEL: func.func @nhwc(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x3x3x1xf32>) -> tensor<1x2x2x1xf32> {
// CHECK-NEXT:  %[[Y:[^ ,]*]] = qnn.im2col %[[X]] {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, data_layout = "NHWC", kernel_shape = array<i64: 2, 2>} : (tensor<1x3x3x1xf32>) -> tensor<1x2x2x4xf32>
// CHECK-NEXT:  %[[Y_1:[^ ,]*]] = qnn.constant dense<{{\[\[}}1], [-1], [0], [1{{\]\]}}> : tensor<4x1xi8> -> tensor<4x1x!qnn.int<2>>
// CHECK-NEXT:  %[[Y_2:[^ ,]*]] = qnn.matmul %[[Y]], %[[Y_1]] : (tensor<1x2x2x4xf32>, tensor<4x1x!qnn.int<2>>) -> tensor<1x2x2x1xf32>
// CHECK-NEXT:  func.return %[[Y_2]] : tensor<1x2x2x1xf32>
// CHECK-NEXT:  }
func.func @nhwc(%x: tensor<1x3x3x1xf32>) -> tensor<1x2x2x1xf32> {
  %w = qnn.constant dense<[[[[1, -1], [0, 1]]]]> : tensor<1x1x2x2xi8> -> tensor<1x1x2x2x!qnn.int<2>>
  %y = qnn.conv %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, data_layout = "NHWC"} : (tensor<1x3x3x1xf32>, tensor<1x1x2x2x!qnn.int<2>>) -> tensor<1x2x2x1xf32>
  func.return %y : tensor<1x2x2x1xf32>
}

// -----

// Non-constant weights are transposed and reshaped in the IR.
// CHECK-LABEL: func.func @dynamic_weights(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x1x3x3xf32>, %[[W:[^:]*]]: tensor<2x1x2x2xf32>) -> tensor<1x2x2x2xf32> {
// CHECK-NEXT:  %[[Y:[^ ,]*]] = qnn.transpose %[[X]] {perm = array<i64: 0, 2, 3, 1>} : (tensor<1x1x3x3xf32>) -> tensor<1x3x3x1xf32>
// CHECK-NEXT:  %[[Y_1:[^ ,]*]] = qnn.im2col %[[Y]] {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, data_layout = "NHWC", kernel_shape = array<i64: 2, 2>} : (tensor<1x3x3x1xf32>) -> tensor<1x2x2x4xf32>
// CHECK-NEXT:  %[[Y_2:[^ ,]*]] = qnn.transpose %[[W]] {perm = array<i64: 2, 3, 1, 0>} : (tensor<2x1x2x2xf32>) -> tensor<2x2x1x2xf32>
// CHECK-NEXT:  %[[Y_3:[^ ,]*]] = qnn.reshape %[[Y_2]] : (tensor<2x2x1x2xf32>) -> tensor<4x2xf32>
// CHECK-NEXT:  %[[Y_4:[^ ,]*]] = qnn.matmul %[[Y_1]], %[[Y_3]] : (tensor<1x2x2x4xf32>, tensor<4x2xf32>) -> tensor<1x2x2x2xf32>
// CHECK-NEXT:  %[[Y_5:[^ ,]*]] = qnn.transpose %[[Y_4]] {perm = array<i64: 0, 3, 1, 2>} : (tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32>
// CHECK-NEXT:  func.return %[[Y_5]] : tensor<1x2x2x2xf32>
// CHECK-NEXT:  }
func.func @dynamic_weights(%x: tensor<1x1x3x3xf32>, %w: tensor<2x1x2x2xf32>) -> tensor<1x2x2x2xf32> {
  %y = qnn.conv %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x1x3x3xf32>, tensor<2x1x2x2xf32>) -> tensor<1x2x2x2xf32>
  func.return %y : tensor<1x2x2x2xf32>
}

// -----

// A bipolar input without padding is lowered.
// CHECK-LABEL: func.func @bipolar_unpadded(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x1x3x3x!qnn.bipolar>) -> tensor<1x1x2x2x!qnn.int<4>> {
// CHECK-NEXT:  %[[Y:[^ ,]*]] = qnn.transpose %[[X]] {perm = array<i64: 0, 2, 3, 1>} : (tensor<1x1x3x3x!qnn.bipolar>) -> tensor<1x3x3x1x!qnn.bipolar>
// CHECK-NEXT:  %[[Y_1:[^ ,]*]] = qnn.im2col %[[Y]] {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, data_layout = "NHWC", kernel_shape = array<i64: 2, 2>} : (tensor<1x3x3x1x!qnn.bipolar>) -> tensor<1x2x2x4x!qnn.bipolar>
// CHECK-NEXT:  %[[Y_2:[^ ,]*]] = qnn.constant dense<{{\[\[}}1], [-1], [0], [1{{\]\]}}> : tensor<4x1xi8> -> tensor<4x1x!qnn.int<2>>
// CHECK-NEXT:  %[[Y_3:[^ ,]*]] = qnn.matmul %[[Y_1]], %[[Y_2]] : (tensor<1x2x2x4x!qnn.bipolar>, tensor<4x1x!qnn.int<2>>) -> tensor<1x2x2x1x!qnn.int<4>>
// CHECK-NEXT:  %[[Y_4:[^ ,]*]] = qnn.transpose %[[Y_3]] {perm = array<i64: 0, 3, 1, 2>} : (tensor<1x2x2x1x!qnn.int<4>>) -> tensor<1x1x2x2x!qnn.int<4>>
// CHECK-NEXT:  func.return %[[Y_4]] : tensor<1x1x2x2x!qnn.int<4>>
// CHECK-NEXT:  }
func.func @bipolar_unpadded(%x: tensor<1x1x3x3x!qnn.bipolar>) -> tensor<1x1x2x2x!qnn.int<4>> {
  %w = qnn.constant dense<[[[[1, -1], [0, 1]]]]> : tensor<1x1x2x2xi8> -> tensor<1x1x2x2x!qnn.int<2>>
  %y = qnn.conv %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x1x3x3x!qnn.bipolar>, tensor<1x1x2x2x!qnn.int<2>>) -> tensor<1x1x2x2x!qnn.int<4>>
  func.return %y : tensor<1x1x2x2x!qnn.int<4>>
}

// -----

// Refused: zero padding of a bipolar tensor (0 is not bipolar).
// CHECK-LABEL: func.func @bipolar_padded_stays(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x1x2x2x!qnn.bipolar>) -> tensor<1x1x3x3x!qnn.int<4>> {
// CHECK-NEXT:  %[[W:[^ ,]*]] = qnn.constant dense<{{\[\[}}{{\[\[}}1, -1], [0, 1{{\]\]}}{{\]\]}}> : tensor<1x1x2x2xi8> -> tensor<1x1x2x2x!qnn.int<2>>
// CHECK-NEXT:  %[[Y:[^ ,]*]] = qnn.conv %[[X]], %[[W]] {strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>} : (tensor<1x1x2x2x!qnn.bipolar>, tensor<1x1x2x2x!qnn.int<2>>) -> tensor<1x1x3x3x!qnn.int<4>>
// CHECK-NEXT:  func.return %[[Y]] : tensor<1x1x3x3x!qnn.int<4>>
// CHECK-NEXT:  }
func.func @bipolar_padded_stays(%x: tensor<1x1x2x2x!qnn.bipolar>) -> tensor<1x1x3x3x!qnn.int<4>> {
  %w = qnn.constant dense<[[[[1, -1], [0, 1]]]]> : tensor<1x1x2x2xi8> -> tensor<1x1x2x2x!qnn.int<2>>
  %y = qnn.conv %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>} : (tensor<1x1x2x2x!qnn.bipolar>, tensor<1x1x2x2x!qnn.int<2>>) -> tensor<1x1x3x3x!qnn.int<4>>
  func.return %y : tensor<1x1x3x3x!qnn.int<4>>
}

// -----

// A depthwise convolution (group = C = M): im2col, then one dot product per
// channel with W reshaped to (C, kh*kw); the bias is added as for a dense conv.
// CHECK-LABEL: func.func @depthwise(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x2x3x3x!qnn.uint<2>>) -> tensor<1x2x4x4x!qnn.int<6>> {
// CHECK-NEXT:  %[[B:[^ ,]*]] = qnn.constant dense<[1, -1]> : tensor<2xi8> -> tensor<2x!qnn.int<2>>
// CHECK-NEXT:  %[[Y:[^ ,]*]] = qnn.transpose %[[X]] {perm = array<i64: 0, 2, 3, 1>} : (tensor<1x2x3x3x!qnn.uint<2>>) -> tensor<1x3x3x2x!qnn.uint<2>>
// CHECK-NEXT:  %[[Y_1:[^ ,]*]] = qnn.pad %[[Y]] {pads = array<i64: 0, 1, 1, 0, 0, 1, 1, 0>} : (tensor<1x3x3x2x!qnn.uint<2>>) -> tensor<1x5x5x2x!qnn.uint<2>>
// CHECK-NEXT:  %[[Y_2:[^ ,]*]] = qnn.im2col %[[Y_1]] {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, data_layout = "NHWC", kernel_shape = array<i64: 2, 2>} : (tensor<1x5x5x2x!qnn.uint<2>>) -> tensor<1x4x4x8x!qnn.uint<2>>
// CHECK-NEXT:  %[[Y_3:[^ ,]*]] = qnn.constant dense<{{\[\[}}1, -1, 0, 1], [1, 0, -1, 1{{\]\]}}> : tensor<2x4xi8> -> tensor<2x4x!qnn.int<2>>
// CHECK-NEXT:  %[[Y_4:[^ ,]*]] = qnn.depthwise_dot %[[Y_2]], %[[Y_3]] : (tensor<1x4x4x8x!qnn.uint<2>>, tensor<2x4x!qnn.int<2>>) -> tensor<1x4x4x2x!qnn.int<6>>
// CHECK-NEXT:  %[[Y_5:[^ ,]*]] = qnn.add %[[Y_4]], %[[B]] : (tensor<1x4x4x2x!qnn.int<6>>, tensor<2x!qnn.int<2>>) -> tensor<1x4x4x2x!qnn.int<6>>
// CHECK-NEXT:  %[[Y_6:[^ ,]*]] = qnn.transpose %[[Y_5]] {perm = array<i64: 0, 3, 1, 2>} : (tensor<1x4x4x2x!qnn.int<6>>) -> tensor<1x2x4x4x!qnn.int<6>>
// CHECK-NEXT:  func.return %[[Y_6]] : tensor<1x2x4x4x!qnn.int<6>>
// CHECK-NEXT:  }
func.func @depthwise(%x: tensor<1x2x3x3x!qnn.uint<2>>) -> tensor<1x2x4x4x!qnn.int<6>> {
  %w = qnn.constant dense<[[[[1, -1], [0, 1]]], [[[1, 0], [-1, 1]]]]> : tensor<2x1x2x2xi8> -> tensor<2x1x2x2x!qnn.int<2>>
  %b = qnn.constant dense<[1, -1]> : tensor<2xi8> -> tensor<2x!qnn.int<2>>
  %y = qnn.conv %x, %w, %b {strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, group = 2 : i64} : (tensor<1x2x3x3x!qnn.uint<2>>, tensor<2x1x2x2x!qnn.int<2>>, tensor<2x!qnn.int<2>>) -> tensor<1x2x4x4x!qnn.int<6>>
  func.return %y : tensor<1x2x4x4x!qnn.int<6>>
}

// -----

// Depthwise with non-constant weights: they are reshaped in the IR.
// CHECK-LABEL: func.func @depthwise_dynamic(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x2x3x3xf32>, %[[W:[^:]*]]: tensor<2x1x2x2xf32>) -> tensor<1x2x2x2xf32> {
// CHECK-NEXT:  %[[Y:[^ ,]*]] = qnn.transpose %[[X]] {perm = array<i64: 0, 2, 3, 1>} : (tensor<1x2x3x3xf32>) -> tensor<1x3x3x2xf32>
// CHECK-NEXT:  %[[Y_1:[^ ,]*]] = qnn.im2col %[[Y]] {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, data_layout = "NHWC", kernel_shape = array<i64: 2, 2>} : (tensor<1x3x3x2xf32>) -> tensor<1x2x2x8xf32>
// CHECK-NEXT:  %[[Y_2:[^ ,]*]] = qnn.reshape %[[W]] : (tensor<2x1x2x2xf32>) -> tensor<2x4xf32>
// CHECK-NEXT:  %[[Y_3:[^ ,]*]] = qnn.depthwise_dot %[[Y_1]], %[[Y_2]] : (tensor<1x2x2x8xf32>, tensor<2x4xf32>) -> tensor<1x2x2x2xf32>
// CHECK-NEXT:  %[[Y_4:[^ ,]*]] = qnn.transpose %[[Y_3]] {perm = array<i64: 0, 3, 1, 2>} : (tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32>
// CHECK-NEXT:  func.return %[[Y_4]] : tensor<1x2x2x2xf32>
// CHECK-NEXT:  }
func.func @depthwise_dynamic(%x: tensor<1x2x3x3xf32>, %w: tensor<2x1x2x2xf32>) -> tensor<1x2x2x2xf32> {
  %y = qnn.conv %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, group = 2 : i64} : (tensor<1x2x3x3xf32>, tensor<2x1x2x2xf32>) -> tensor<1x2x2x2xf32>
  func.return %y : tensor<1x2x2x2xf32>
}

// -----

// A grouped convolution (2 groups of 2 input channels, 1 output channel
// each) becomes one matmul with a block-diagonal (kh, kw, c) x M matrix;
// bipolar weights widen to int<2> to hold the zeros.
// CHECK-LABEL: func.func @grouped(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x4x2x2xf32>) -> tensor<1x2x1x1xf32> {
// CHECK-NEXT:  %[[Y:[^ ,]*]] = qnn.transpose %[[X]] {perm = array<i64: 0, 2, 3, 1>} : (tensor<1x4x2x2xf32>) -> tensor<1x2x2x4xf32>
// CHECK-NEXT:  %[[Y_1:[^ ,]*]] = qnn.im2col %[[Y]] {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, data_layout = "NHWC", kernel_shape = array<i64: 2, 2>} : (tensor<1x2x2x4xf32>) -> tensor<1x1x1x16xf32>
// CHECK-NEXT:  %[[Y_2:[^ ,]*]] = qnn.constant dense<{{\[\[}}1, 0], [-1, 0], [0, -1], [0, 1], [-1, 0], [-1, 0], [0, 1], [0, 1], [1, 0], [1, 0], [0, 1], [0, -1], [1, 0], [-1, 0], [0, 1], [0, 1{{\]\]}}> : tensor<16x2xi8> -> tensor<16x2x!qnn.int<2>>
// CHECK-NEXT:  %[[Y_3:[^ ,]*]] = qnn.matmul %[[Y_1]], %[[Y_2]] : (tensor<1x1x1x16xf32>, tensor<16x2x!qnn.int<2>>) -> tensor<1x1x1x2xf32>
// CHECK-NEXT:  %[[Y_4:[^ ,]*]] = qnn.transpose %[[Y_3]] {perm = array<i64: 0, 3, 1, 2>} : (tensor<1x1x1x2xf32>) -> tensor<1x2x1x1xf32>
// CHECK-NEXT:  func.return %[[Y_4]] : tensor<1x2x1x1xf32>
// CHECK-NEXT:  }
func.func @grouped(%x: tensor<1x4x2x2xf32>) -> tensor<1x2x1x1xf32> {
  %w = qnn.constant dense<[[[[1, -1], [1, 1]], [[-1, -1], [1, -1]]], [[[-1, 1], [1, 1]], [[1, 1], [-1, 1]]]]> : tensor<2x2x2x2xi8> -> tensor<2x2x2x2x!qnn.bipolar>
  %y = qnn.conv %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, group = 2 : i64} : (tensor<1x4x2x2xf32>, tensor<2x2x2x2x!qnn.bipolar>) -> tensor<1x2x1x1xf32>
  func.return %y : tensor<1x2x1x1xf32>
}

// -----

// Refused: a grouped (not depthwise) convolution with non-constant weights
// (its block-diagonal matrix would have to be built in the IR).
// CHECK-LABEL: func.func @grouped_dynamic_stays(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x4x2x2xf32>, %[[W:[^:]*]]: tensor<2x2x2x2xf32>) -> tensor<1x2x1x1xf32> {
// CHECK-NEXT:  %[[Y:[^ ,]*]] = qnn.conv %[[X]], %[[W]] {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, group = 2 : i64} : (tensor<1x4x2x2xf32>, tensor<2x2x2x2xf32>) -> tensor<1x2x1x1xf32>
// CHECK-NEXT:  func.return %[[Y]] : tensor<1x2x1x1xf32>
// CHECK-NEXT:  }
func.func @grouped_dynamic_stays(%x: tensor<1x4x2x2xf32>, %w: tensor<2x2x2x2xf32>) -> tensor<1x2x1x1xf32> {
  %y = qnn.conv %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, group = 2 : i64} : (tensor<1x4x2x2xf32>, tensor<2x2x2x2xf32>) -> tensor<1x2x1x1xf32>
  func.return %y : tensor<1x2x1x1xf32>
}
