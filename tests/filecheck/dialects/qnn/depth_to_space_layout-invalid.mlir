// RUN: finnr-opt %s --split-input-file --verify-diagnostics | filecheck %s

// The data_layout rules of depth_to_space / space_to_depth.

func.func @layout(%x: tensor<1x8x2x2xf32>) {
  %r = qnn.depth_to_space %x {blocksize = 2 : i64, data_layout = "NWC"} : (tensor<1x8x2x2xf32>) -> tensor<1x2x4x4xf32>
  func.return
}
// CHECK: 'qnn.depth_to_space' data_layout must be NCHW or NHWC, got 'NWC'

// -----

func.func @nhwc_channels(%x: tensor<1x2x2x6xf32>) {
  %r = qnn.depth_to_space %x {blocksize = 2 : i64, data_layout = "NHWC"} : (tensor<1x2x2x6xf32>) -> tensor<1x4x4x1xf32>
  func.return
}
// CHECK: 'qnn.depth_to_space' channels (6) must be a multiple of blocksize^2 (4)

// -----

func.func @nhwc_shape(%x: tensor<1x2x2x8xf32>) {
  %r = qnn.depth_to_space %x {blocksize = 2 : i64, data_layout = "NHWC"} : (tensor<1x2x2x8xf32>) -> tensor<1x2x4x4xf32>
  func.return
}
// CHECK: 'qnn.depth_to_space' result shape must be [1, 4, 4, 2], got [1, 2, 4, 4]

// -----

func.func @nhwc_rank(%x: tensor<2x2x8xf32>) {
  %r = qnn.space_to_depth %x {blocksize = 2 : i64, data_layout = "NHWC"} : (tensor<2x2x8xf32>) -> tensor<1x1x32xf32>
  func.return
}
// CHECK: 'qnn.space_to_depth' input must be NHWC (rank 4), got rank 3
