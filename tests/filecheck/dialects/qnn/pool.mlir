// qnn.maxpool and qnn.avgpool accept the output shapes onnxruntime computes,
// with ceil_mode (including its rule that a window must start inside the input
// or the left padding), pads, dilations, NHWC, 1-D, and global average pooling.
// RUN: finnr-opt %s --print-op-generic | finnr-opt | filecheck %s

// CHECK-LABEL: func.func @maxpool_2x2
// CHECK-SAME:    (%[[X:.*]]: tensor<1x16x32x32x!qnn.uint<2>>)
// CHECK-NEXT:    %[[Y:.*]] = qnn.maxpool %[[X]] {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x16x32x32x!qnn.uint<2>>) -> tensor<1x16x16x16x!qnn.uint<2>>
// CHECK-NEXT:    func.return %[[Y]]
func.func @maxpool_2x2(%x: tensor<1x16x32x32x!qnn.uint<2>>) -> tensor<1x16x16x16x!qnn.uint<2>> {
  %y = qnn.maxpool %x {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x16x32x32x!qnn.uint<2>>) -> tensor<1x16x16x16x!qnn.uint<2>>
  func.return %y : tensor<1x16x16x16x!qnn.uint<2>>
}

// 8 pixels, 3x3 windows, stride 2: floor gives 3, ceil gives 4.
// CHECK-LABEL: func.func @ceil_vs_floor
// CHECK-NEXT:    qnn.maxpool %{{.*}} {kernel_shape = array<i64: 3, 3>, strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x8x8x8xf32>) -> tensor<1x8x3x3xf32>
// CHECK-NEXT:    qnn.maxpool %{{.*}} {kernel_shape = array<i64: 3, 3>, strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, ceil_mode = true} : (tensor<1x8x8x8xf32>) -> tensor<1x8x4x4xf32>
func.func @ceil_vs_floor(%x: tensor<1x8x8x8xf32>) -> (tensor<1x8x3x3xf32>, tensor<1x8x4x4xf32>) {
  %f = qnn.maxpool %x {kernel_shape = array<i64: 3, 3>, strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x8x8x8xf32>) -> tensor<1x8x3x3xf32>
  %c = qnn.maxpool %x {kernel_shape = array<i64: 3, 3>, strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, ceil_mode = true} : (tensor<1x8x8x8xf32>) -> tensor<1x8x4x4xf32>
  func.return %f, %c : tensor<1x8x3x3xf32>, tensor<1x8x4x4xf32>
}

// ceil(7 / 3) + 1 = 4 windows would start at 0, 3, 6 and 9; the last starts
// in the right padding (9 >= 7 + 1), so onnxruntime keeps 3.
// CHECK-LABEL: func.func @ceil_drops_window_in_right_padding
// CHECK-NEXT:    qnn.maxpool %{{.*}} {kernel_shape = array<i64: 2, 2>, strides = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, ceil_mode = true} : (tensor<1x1x7x7xf32>) -> tensor<1x1x3x3xf32>
func.func @ceil_drops_window_in_right_padding(%x: tensor<1x1x7x7xf32>) -> tensor<1x1x3x3xf32> {
  %y = qnn.maxpool %x {kernel_shape = array<i64: 2, 2>, strides = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, ceil_mode = true} : (tensor<1x1x7x7xf32>) -> tensor<1x1x3x3xf32>
  func.return %y : tensor<1x1x3x3xf32>
}

// CHECK-LABEL: func.func @maxpool_same_padding
// CHECK-NEXT:    qnn.maxpool %{{.*}} {kernel_shape = array<i64: 3, 3>, strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>} : (tensor<1x4x5x5x!qnn.int<4>>) -> tensor<1x4x5x5x!qnn.int<4>>
func.func @maxpool_same_padding(%x: tensor<1x4x5x5x!qnn.int<4>>) -> tensor<1x4x5x5x!qnn.int<4>> {
  %y = qnn.maxpool %x {kernel_shape = array<i64: 3, 3>, strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>} : (tensor<1x4x5x5x!qnn.int<4>>) -> tensor<1x4x5x5x!qnn.int<4>>
  func.return %y : tensor<1x4x5x5x!qnn.int<4>>
}

// CHECK-LABEL: func.func @maxpool_dilated
// CHECK-NEXT:    qnn.maxpool %{{.*}} {kernel_shape = array<i64: 3, 3>, strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 2, 2>} : (tensor<1x1x10x10xf32>) -> tensor<1x1x6x6xf32>
func.func @maxpool_dilated(%x: tensor<1x1x10x10xf32>) -> tensor<1x1x6x6xf32> {
  %y = qnn.maxpool %x {kernel_shape = array<i64: 3, 3>, strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 2, 2>} : (tensor<1x1x10x10xf32>) -> tensor<1x1x6x6xf32>
  func.return %y : tensor<1x1x6x6xf32>
}

// CHECK-LABEL: func.func @maxpool_nhwc
// CHECK-NEXT:    qnn.maxpool %{{.*}} {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, data_layout = "NHWC"} : (tensor<1x8x8x16x!qnn.bipolar>) -> tensor<1x4x4x16x!qnn.bipolar>
func.func @maxpool_nhwc(%x: tensor<1x8x8x16x!qnn.bipolar>) -> tensor<1x4x4x16x!qnn.bipolar> {
  %y = qnn.maxpool %x {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, data_layout = "NHWC"} : (tensor<1x8x8x16x!qnn.bipolar>) -> tensor<1x4x4x16x!qnn.bipolar>
  func.return %y : tensor<1x4x4x16x!qnn.bipolar>
}

// CHECK-LABEL: func.func @maxpool_1d_ceil
// CHECK-NEXT:    qnn.maxpool %{{.*}} {kernel_shape = array<i64: 3>, strides = array<i64: 3>, pads = array<i64: 0, 0>, dilations = array<i64: 1>, ceil_mode = true} : (tensor<1x4x10xf32>) -> tensor<1x4x4xf32>
func.func @maxpool_1d_ceil(%x: tensor<1x4x10xf32>) -> tensor<1x4x4xf32> {
  %y = qnn.maxpool %x {kernel_shape = array<i64: 3>, strides = array<i64: 3>, pads = array<i64: 0, 0>, dilations = array<i64: 1>, ceil_mode = true} : (tensor<1x4x10xf32>) -> tensor<1x4x4xf32>
  func.return %y : tensor<1x4x4xf32>
}

// CHECK-LABEL: func.func @avgpool_padded
// CHECK-NEXT:    qnn.avgpool %{{.*}} {kernel_shape = array<i64: 3, 3>, strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>} : (tensor<1x4x5x5xf32>) -> tensor<1x4x3x3xf32>
// CHECK-NEXT:    qnn.avgpool %{{.*}} {kernel_shape = array<i64: 3, 3>, strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, count_include_pad = true} : (tensor<1x4x5x5xf32>) -> tensor<1x4x3x3xf32>
func.func @avgpool_padded(%x: tensor<1x4x5x5xf32>) -> (tensor<1x4x3x3xf32>, tensor<1x4x3x3xf32>) {
  %a = qnn.avgpool %x {kernel_shape = array<i64: 3, 3>, strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>} : (tensor<1x4x5x5xf32>) -> tensor<1x4x3x3xf32>
  %b = qnn.avgpool %x {kernel_shape = array<i64: 3, 3>, strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, count_include_pad = true} : (tensor<1x4x5x5xf32>) -> tensor<1x4x3x3xf32>
  func.return %a, %b : tensor<1x4x3x3xf32>, tensor<1x4x3x3xf32>
}

// CHECK-LABEL: func.func @avgpool_ceil
// CHECK-NEXT:    qnn.avgpool %{{.*}} {kernel_shape = array<i64: 3, 3>, strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, ceil_mode = true} : (tensor<1x2x6x6xf32>) -> tensor<1x2x3x3xf32>
func.func @avgpool_ceil(%x: tensor<1x2x6x6xf32>) -> tensor<1x2x3x3xf32> {
  %y = qnn.avgpool %x {kernel_shape = array<i64: 3, 3>, strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, ceil_mode = true} : (tensor<1x2x6x6xf32>) -> tensor<1x2x3x3xf32>
  func.return %y : tensor<1x2x3x3xf32>
}

// GlobalAveragePool is an avgpool whose kernel is the whole image.
// CHECK-LABEL: func.func @global_average_pool
// CHECK-NEXT:    qnn.avgpool %{{.*}} {kernel_shape = array<i64: 7, 7>, strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x64x7x7x!qnn.uint<4>>) -> tensor<1x64x1x1xf32>
// CHECK-NEXT:    qnn.avgpool %{{.*}} {kernel_shape = array<i64: 7, 7>, strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, data_layout = "NHWC"} : (tensor<1x7x7x64xf32>) -> tensor<1x1x1x64xf32>
func.func @global_average_pool(%x: tensor<1x64x7x7x!qnn.uint<4>>, %z: tensor<1x7x7x64xf32>) -> (tensor<1x64x1x1xf32>, tensor<1x1x1x64xf32>) {
  %y = qnn.avgpool %x {kernel_shape = array<i64: 7, 7>, strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x64x7x7x!qnn.uint<4>>) -> tensor<1x64x1x1xf32>
  %w = qnn.avgpool %z {kernel_shape = array<i64: 7, 7>, strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, data_layout = "NHWC"} : (tensor<1x7x7x64xf32>) -> tensor<1x1x1x64xf32>
  func.return %y, %w : tensor<1x64x1x1xf32>, tensor<1x1x1x64xf32>
}
