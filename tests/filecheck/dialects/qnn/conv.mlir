// qnn.conv accepts the output shapes ONNX (onnxruntime) computes for
// strided, padded (also asymmetrically), dilated, grouped and depthwise
// convolutions, 1-D to 3-D, NCHW and NHWC, with and without bias, and keeps
// quantized weight and bias types.
// RUN: finnr-opt %s --print-op-generic | finnr-opt | filecheck %s

// CHECK-LABEL: func.func @same_padding_with_bias
// CHECK-SAME:    (%[[X:.*]]: tensor<1x3x32x32xf32>, %[[W:.*]]: tensor<16x3x3x3x!qnn.int<4>>, %[[B:.*]]: tensor<16x!qnn.int<16>>)
// CHECK-NEXT:    %[[Y:.*]] = qnn.conv %[[X]], %[[W]], %[[B]] {strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>} : (tensor<1x3x32x32xf32>, tensor<16x3x3x3x!qnn.int<4>>, tensor<16x!qnn.int<16>>) -> tensor<1x16x32x32xf32>
// CHECK-NEXT:    func.return %[[Y]]
func.func @same_padding_with_bias(%x: tensor<1x3x32x32xf32>, %w: tensor<16x3x3x3x!qnn.int<4>>, %b: tensor<16x!qnn.int<16>>) -> tensor<1x16x32x32xf32> {
  %y = qnn.conv %x, %w, %b {strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>} : (tensor<1x3x32x32xf32>, tensor<16x3x3x3x!qnn.int<4>>, tensor<16x!qnn.int<16>>) -> tensor<1x16x32x32xf32>
  func.return %y : tensor<1x16x32x32xf32>
}

// CHECK-LABEL: func.func @strided
// CHECK-NEXT:    qnn.conv %{{.*}}, %{{.*}} {strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>} : (tensor<1x3x32x32xf32>, tensor<16x3x3x3xf32>) -> tensor<1x16x16x16xf32>
func.func @strided(%x: tensor<1x3x32x32xf32>, %w: tensor<16x3x3x3xf32>) -> tensor<1x16x16x16xf32> {
  %y = qnn.conv %x, %w {strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>} : (tensor<1x3x32x32xf32>, tensor<16x3x3x3xf32>) -> tensor<1x16x16x16xf32>
  func.return %y : tensor<1x16x16x16xf32>
}

// A 3x3 kernel with dilation 2 spans 5 pixels: 9 - 5 + 1 = 5.
// CHECK-LABEL: func.func @dilated
// CHECK-NEXT:    qnn.conv %{{.*}}, %{{.*}} {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 2, 2>} : (tensor<1x3x9x9xf32>, tensor<8x3x3x3xf32>) -> tensor<1x8x5x5xf32>
func.func @dilated(%x: tensor<1x3x9x9xf32>, %w: tensor<8x3x3x3xf32>) -> tensor<1x8x5x5xf32> {
  %y = qnn.conv %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 2, 2>} : (tensor<1x3x9x9xf32>, tensor<8x3x3x3xf32>) -> tensor<1x8x5x5xf32>
  func.return %y : tensor<1x8x5x5xf32>
}

// pads are all begins then all ends: top 0, left 1, bottom 2, right 0.
// CHECK-LABEL: func.func @asymmetric_pads
// CHECK-NEXT:    qnn.conv %{{.*}}, %{{.*}} {strides = array<i64: 2, 2>, pads = array<i64: 0, 1, 2, 0>, dilations = array<i64: 1, 1>} : (tensor<1x3x7x7xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x4x3xf32>
func.func @asymmetric_pads(%x: tensor<1x3x7x7xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x4x3xf32> {
  %y = qnn.conv %x, %w {strides = array<i64: 2, 2>, pads = array<i64: 0, 1, 2, 0>, dilations = array<i64: 1, 1>} : (tensor<1x3x7x7xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x4x3xf32>
  func.return %y : tensor<1x4x4x3xf32>
}

// CHECK-LABEL: func.func @rectangular_kernel
// CHECK-NEXT:    qnn.conv %{{.*}}, %{{.*}} {strides = array<i64: 1, 2>, pads = array<i64: 0, 1, 0, 1>, dilations = array<i64: 1, 1>} : (tensor<1x2x5x7xf32>, tensor<3x2x1x3xf32>) -> tensor<1x3x5x4xf32>
func.func @rectangular_kernel(%x: tensor<1x2x5x7xf32>, %w: tensor<3x2x1x3xf32>) -> tensor<1x3x5x4xf32> {
  %y = qnn.conv %x, %w {strides = array<i64: 1, 2>, pads = array<i64: 0, 1, 0, 1>, dilations = array<i64: 1, 1>} : (tensor<1x2x5x7xf32>, tensor<3x2x1x3xf32>) -> tensor<1x3x5x4xf32>
  func.return %y : tensor<1x3x5x4xf32>
}

// 8 input channels in 4 groups: each filter sees 2 channels.
// CHECK-LABEL: func.func @grouped
// CHECK-NEXT:    qnn.conv %{{.*}}, %{{.*}} {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, group = 4 : i64} : (tensor<1x8x6x6xf32>, tensor<16x2x3x3xf32>) -> tensor<1x16x4x4xf32>
func.func @grouped(%x: tensor<1x8x6x6xf32>, %w: tensor<16x2x3x3xf32>) -> tensor<1x16x4x4xf32> {
  %y = qnn.conv %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, group = 4 : i64} : (tensor<1x8x6x6xf32>, tensor<16x2x3x3xf32>) -> tensor<1x16x4x4xf32>
  func.return %y : tensor<1x16x4x4xf32>
}

// CHECK-LABEL: func.func @depthwise
// CHECK-NEXT:    qnn.conv %{{.*}}, %{{.*}}, %{{.*}} {strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, group = 8 : i64} : (tensor<1x8x6x6x!qnn.uint<4>>, tensor<8x1x3x3x!qnn.int<4>>, tensor<8xf32>) -> tensor<1x8x6x6xf32>
func.func @depthwise(%x: tensor<1x8x6x6x!qnn.uint<4>>, %w: tensor<8x1x3x3x!qnn.int<4>>, %b: tensor<8xf32>) -> tensor<1x8x6x6xf32> {
  %y = qnn.conv %x, %w, %b {strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, group = 8 : i64} : (tensor<1x8x6x6x!qnn.uint<4>>, tensor<8x1x3x3x!qnn.int<4>>, tensor<8xf32>) -> tensor<1x8x6x6xf32>
  func.return %y : tensor<1x8x6x6xf32>
}

// CHECK-LABEL: func.func @pointwise
// CHECK-NEXT:    qnn.conv %{{.*}}, %{{.*}} {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x64x4x4x!qnn.bipolar>, tensor<10x64x1x1x!qnn.bipolar>) -> tensor<1x10x4x4x!qnn.int<8>>
func.func @pointwise(%x: tensor<1x64x4x4x!qnn.bipolar>, %w: tensor<10x64x1x1x!qnn.bipolar>) -> tensor<1x10x4x4x!qnn.int<8>> {
  %y = qnn.conv %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x64x4x4x!qnn.bipolar>, tensor<10x64x1x1x!qnn.bipolar>) -> tensor<1x10x4x4x!qnn.int<8>>
  func.return %y : tensor<1x10x4x4x!qnn.int<8>>
}

// NHWC activations; the weights keep the ONNX layout (M, C/group, kh, kw).
// CHECK-LABEL: func.func @nhwc
// CHECK-NEXT:    qnn.conv %{{.*}}, %{{.*}} {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, data_layout = "NHWC"} : (tensor<1x32x32x3xf32>, tensor<16x3x3x3xf32>) -> tensor<1x30x30x16xf32>
func.func @nhwc(%x: tensor<1x32x32x3xf32>, %w: tensor<16x3x3x3xf32>) -> tensor<1x30x30x16xf32> {
  %y = qnn.conv %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, data_layout = "NHWC"} : (tensor<1x32x32x3xf32>, tensor<16x3x3x3xf32>) -> tensor<1x30x30x16xf32>
  func.return %y : tensor<1x30x30x16xf32>
}

// CHECK-LABEL: func.func @nhwc_depthwise_strided
// CHECK-NEXT:    qnn.conv %{{.*}}, %{{.*}}, %{{.*}} {strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, group = 8 : i64, data_layout = "NHWC"} : (tensor<1x6x6x8xf32>, tensor<8x1x3x3xf32>, tensor<8xf32>) -> tensor<1x3x3x8xf32>
func.func @nhwc_depthwise_strided(%x: tensor<1x6x6x8xf32>, %w: tensor<8x1x3x3xf32>, %b: tensor<8xf32>) -> tensor<1x3x3x8xf32> {
  %y = qnn.conv %x, %w, %b {strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, group = 8 : i64, data_layout = "NHWC"} : (tensor<1x6x6x8xf32>, tensor<8x1x3x3xf32>, tensor<8xf32>) -> tensor<1x3x3x8xf32>
  func.return %y : tensor<1x3x3x8xf32>
}

// 1-D: a 3-tap kernel with dilation 3 spans 7 samples of 10.
// CHECK-LABEL: func.func @conv1d_dilated
// CHECK-NEXT:    qnn.conv %{{.*}}, %{{.*}} {strides = array<i64: 1>, pads = array<i64: 0, 0>, dilations = array<i64: 3>} : (tensor<1x4x10xf32>, tensor<6x4x3xf32>) -> tensor<1x6x4xf32>
func.func @conv1d_dilated(%x: tensor<1x4x10xf32>, %w: tensor<6x4x3xf32>) -> tensor<1x6x4xf32> {
  %y = qnn.conv %x, %w {strides = array<i64: 1>, pads = array<i64: 0, 0>, dilations = array<i64: 3>} : (tensor<1x4x10xf32>, tensor<6x4x3xf32>) -> tensor<1x6x4xf32>
  func.return %y : tensor<1x6x4xf32>
}

// CHECK-LABEL: func.func @conv3d
// CHECK-NEXT:    qnn.conv %{{.*}}, %{{.*}} {strides = array<i64: 1, 1, 1>, pads = array<i64: 0, 0, 0, 0, 0, 0>, dilations = array<i64: 1, 1, 1>} : (tensor<1x2x4x4x4xf32>, tensor<3x2x2x2x2xf32>) -> tensor<1x3x3x3x3xf32>
func.func @conv3d(%x: tensor<1x2x4x4x4xf32>, %w: tensor<3x2x2x2x2xf32>) -> tensor<1x3x3x3x3xf32> {
  %y = qnn.conv %x, %w {strides = array<i64: 1, 1, 1>, pads = array<i64: 0, 0, 0, 0, 0, 0>, dilations = array<i64: 1, 1, 1>} : (tensor<1x2x4x4x4xf32>, tensor<3x2x2x2x2xf32>) -> tensor<1x3x3x3x3xf32>
  func.return %y : tensor<1x3x3x3x3xf32>
}

// Batch 4 passes through.
// CHECK-LABEL: func.func @batched
// CHECK-NEXT:    qnn.conv %{{.*}}, %{{.*}} {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : (tensor<4x3x5x5xf32>, tensor<2x3x5x5xf32>) -> tensor<4x2x1x1xf32>
func.func @batched(%x: tensor<4x3x5x5xf32>, %w: tensor<2x3x5x5xf32>) -> tensor<4x2x1x1xf32> {
  %y = qnn.conv %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : (tensor<4x3x5x5xf32>, tensor<2x3x5x5xf32>) -> tensor<4x2x1x1xf32>
  func.return %y : tensor<4x2x1x1xf32>
}
