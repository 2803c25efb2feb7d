// RUN: finnr-opt %s | filecheck %s
// RUN: finnr-opt %s --print-op-generic | finnr-opt | filecheck %s

// depth_to_space and space_to_depth take a data_layout: NCHW (ONNX's, the
// default, elided) or NHWC (the channels last, in the same order).

func.func @layouts(%x: tensor<1x8x2x3xf32>, %y: tensor<1x2x3x8x!qnn.uint<2>>) -> (tensor<1x2x4x6xf32>, tensor<1x4x6x2x!qnn.uint<2>>, tensor<1x2x3x8x!qnn.uint<2>>) {
  %a = qnn.depth_to_space %x {blocksize = 2 : i64, mode = "CRD"} : (tensor<1x8x2x3xf32>) -> tensor<1x2x4x6xf32>
  %b = qnn.depth_to_space %y {blocksize = 2 : i64, data_layout = "NHWC"} : (tensor<1x2x3x8x!qnn.uint<2>>) -> tensor<1x4x6x2x!qnn.uint<2>>
  %c = qnn.space_to_depth %b {blocksize = 2 : i64, data_layout = "NHWC"} : (tensor<1x4x6x2x!qnn.uint<2>>) -> tensor<1x2x3x8x!qnn.uint<2>>
  func.return %a, %b, %c : tensor<1x2x4x6xf32>, tensor<1x4x6x2x!qnn.uint<2>>, tensor<1x2x3x8x!qnn.uint<2>>
}

// CHECK:      qnn.depth_to_space %{{.*}} {blocksize = 2 : i64, mode = "CRD"} : (tensor<1x8x2x3xf32>) -> tensor<1x2x4x6xf32>
// CHECK-NEXT: qnn.depth_to_space %{{.*}} {blocksize = 2 : i64, data_layout = "NHWC"} : (tensor<1x2x3x8x!qnn.uint<2>>) -> tensor<1x4x6x2x!qnn.uint<2>>
// CHECK-NEXT: qnn.space_to_depth %{{.*}} {blocksize = 2 : i64, data_layout = "NHWC"} : (tensor<1x4x6x2x!qnn.uint<2>>) -> tensor<1x2x3x8x!qnn.uint<2>>
