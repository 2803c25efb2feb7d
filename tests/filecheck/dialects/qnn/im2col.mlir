// qnn.im2col (FINN's sliding-window unit): NHWC in, one vector of
// kh * kw * C values per output pixel; strided, dilated, rectangular and 1-D
// windows; padding comes from an explicit qnn.pad before it.
// RUN: finnr-opt %s --print-op-generic | finnr-opt | filecheck %s

func.func @im2col(%x: tensor<1x8x8x3x!qnn.uint<4>>, %y: tensor<2x9x7x4xf32>, %z: tensor<1x12x2xf32>) -> (tensor<1x8x8x27x!qnn.uint<4>>, tensor<2x4x3x16xf32>, tensor<2x5x5x36xf32>, tensor<2x9x3x12xf32>, tensor<1x4x6xf32>, tensor<1x8x8x3x!qnn.uint<4>>) {
  %p = qnn.pad %x {pads = array<i64: 0, 1, 1, 0, 0, 1, 1, 0>} : (tensor<1x8x8x3x!qnn.uint<4>>) -> tensor<1x10x10x3x!qnn.uint<4>>
  %same = qnn.im2col %p {kernel_shape = array<i64: 3, 3>, strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, data_layout = "NHWC"} : (tensor<1x10x10x3x!qnn.uint<4>>) -> tensor<1x8x8x27x!qnn.uint<4>>
  %strided = qnn.im2col %y {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, data_layout = "NHWC"} : (tensor<2x9x7x4xf32>) -> tensor<2x4x3x16xf32>
  %dilated = qnn.im2col %y {kernel_shape = array<i64: 3, 3>, strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 2, 1>, data_layout = "NHWC"} : (tensor<2x9x7x4xf32>) -> tensor<2x5x5x36xf32>
  %rect = qnn.im2col %y {kernel_shape = array<i64: 1, 3>, strides = array<i64: 1, 2>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, data_layout = "NHWC"} : (tensor<2x9x7x4xf32>) -> tensor<2x9x3x12xf32>
  %one_d = qnn.im2col %z {kernel_shape = array<i64: 3>, strides = array<i64: 3>, pads = array<i64: 0, 0>, dilations = array<i64: 1>, data_layout = "NHWC"} : (tensor<1x12x2xf32>) -> tensor<1x4x6xf32>
  %pointwise = qnn.im2col %x {kernel_shape = array<i64: 1, 1>, strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, data_layout = "NHWC"} : (tensor<1x8x8x3x!qnn.uint<4>>) -> tensor<1x8x8x3x!qnn.uint<4>>
  func.return %same, %strided, %dilated, %rect, %one_d, %pointwise : tensor<1x8x8x27x!qnn.uint<4>>, tensor<2x4x3x16xf32>, tensor<2x5x5x36xf32>, tensor<2x9x3x12xf32>, tensor<1x4x6xf32>, tensor<1x8x8x3x!qnn.uint<4>>
}

// CHECK-LABEL: func.func @im2col
// CHECK-SAME:  (%[[X:.*]]: tensor<1x8x8x3x!qnn.uint<4>>, %[[Y:.*]]: tensor<2x9x7x4xf32>, %[[Z:.*]]: tensor<1x12x2xf32>) -> (tensor<1x8x8x27x!qnn.uint<4>>, tensor<2x4x3x16xf32>, tensor<2x5x5x36xf32>, tensor<2x9x3x12xf32>, tensor<1x4x6xf32>, tensor<1x8x8x3x!qnn.uint<4>>) {
// CHECK-NEXT:  %[[P:.*]] = qnn.pad %[[X]] {pads = array<i64: 0, 1, 1, 0, 0, 1, 1, 0>} : (tensor<1x8x8x3x!qnn.uint<4>>) -> tensor<1x10x10x3x!qnn.uint<4>>
// CHECK-NEXT:  %[[SAME:.*]] = qnn.im2col %[[P]] {kernel_shape = array<i64: 3, 3>, strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, data_layout = "NHWC"} : (tensor<1x10x10x3x!qnn.uint<4>>) -> tensor<1x8x8x27x!qnn.uint<4>>
// CHECK-NEXT:  %[[STRIDED:.*]] = qnn.im2col %[[Y]] {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, data_layout = "NHWC"} : (tensor<2x9x7x4xf32>) -> tensor<2x4x3x16xf32>
// CHECK-NEXT:  %[[DILATED:.*]] = qnn.im2col %[[Y]] {kernel_shape = array<i64: 3, 3>, strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 2, 1>, data_layout = "NHWC"} : (tensor<2x9x7x4xf32>) -> tensor<2x5x5x36xf32>
// CHECK-NEXT:  %[[RECT:.*]] = qnn.im2col %[[Y]] {kernel_shape = array<i64: 1, 3>, strides = array<i64: 1, 2>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, data_layout = "NHWC"} : (tensor<2x9x7x4xf32>) -> tensor<2x9x3x12xf32>
// CHECK-NEXT:  %[[ONE_D:.*]] = qnn.im2col %[[Z]] {kernel_shape = array<i64: 3>, strides = array<i64: 3>, pads = array<i64: 0, 0>, dilations = array<i64: 1>, data_layout = "NHWC"} : (tensor<1x12x2xf32>) -> tensor<1x4x6xf32>
// CHECK-NEXT:  %[[POINTWISE:.*]] = qnn.im2col %[[X]] {kernel_shape = array<i64: 1, 1>, strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, data_layout = "NHWC"} : (tensor<1x8x8x3x!qnn.uint<4>>) -> tensor<1x8x8x3x!qnn.uint<4>>
// CHECK-NEXT:  func.return %[[SAME]], %[[STRIDED]], %[[DILATED]], %[[RECT]], %[[ONE_D]], %[[POINTWISE]] : tensor<1x8x8x27x!qnn.uint<4>>, tensor<2x4x3x16xf32>, tensor<2x5x5x36xf32>, tensor<2x9x3x12xf32>, tensor<1x4x6xf32>, tensor<1x8x8x3x!qnn.uint<4>>
// CHECK-NEXT:  }
