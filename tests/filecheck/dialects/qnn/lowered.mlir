// The streamlined, lowered form qnn passes hand to convert-qnn-to-dataflow:
// NHWC throughout, padding explicit, every conv an im2col and a matmul with
// (kh, kw, c) x M integer weights, every activation a multithreshold with
// integer thresholds of the accumulator's type, and a max pool on NHWC.
// RUN: finnr-opt %s --print-op-generic | finnr-opt | filecheck %s

func.func @lowered(%img: tensor<1x8x8x3x!qnn.uint<8>>) -> tensor<1x3x3x4x!qnn.int<10>> {
  %p = qnn.pad %img {pads = array<i64: 0, 1, 1, 0, 0, 1, 1, 0>} : (tensor<1x8x8x3x!qnn.uint<8>>) -> tensor<1x10x10x3x!qnn.uint<8>>
  %win = qnn.im2col %p {kernel_shape = array<i64: 3, 3>, strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, data_layout = "NHWC"} : (tensor<1x10x10x3x!qnn.uint<8>>) -> tensor<1x8x8x27x!qnn.uint<8>>
  %w = qnn.constant dense<[[1, 0, 0, 1, 0, 1, 1, -2], [-2, -1, -1, 1, 1, -2, -1, 1], [-2, 1, -2, -1, 1, -1, -1, -1], [0, -1, 1, -1, -1, 0, 0, 0], [0, 1, 1, 1, 0, 0, -1, 1], [-1, -2, 1, -2, 1, 0, -2, -2], [-1, -2, -2, 0, 1, -1, 1, 1], [1, 0, -1, 0, -1, -1, -1, -2], [1, -2, -2, -2, 1, 0, 1, -2], [0, -1, -1, -2, 0, 1, 0, -2], [0, -1, 1, 1, -2, 0, 1, 1], [0, 0, -2, 0, -1, -2, -2, 0], [0, 0, 0, 1, 0, -1, 0, 0], [-2, -2, 0, -1, 0, -1, -2, -2], [-1, 1, -1, -1, 0, 1, -1, 0], [-1, 0, -1, 0, 0, 0, 1, -2], [0, -1, -1, -2, -2, -1, 1, -2], [-1, 1, 1, -2, -2, 0, -2, -1], [-1, 1, -2, 0, 0, -2, 1, 1], [-1, 1, 0, 1, 1, 0, -1, -2], [0, -2, 1, 1, -2, 0, -2, -2], [-1, 1, 1, 0, 0, 0, -2, -1], [1, -1, -2, -2, 0, -2, 1, 1], [0, -1, 1, 0, -1, -1, -1, 1], [-2, -2, 0, -1, 1, -2, 1, -2], [-1, 1, -2, 0, 0, -1, -2, 0], [-1, 1, 0, -1, -2, 0, -1, 0]]> : tensor<27x8xi8> -> tensor<27x8x!qnn.int<2>>
  %acc = qnn.matmul %win, %w : (tensor<1x8x8x27x!qnn.uint<8>>, tensor<27x8x!qnn.int<2>>) -> tensor<1x8x8x8x!qnn.int<15>>
  %t = qnn.constant dense<[[-2, 5, 5], [0, 0, 3], [4, 5, 6], [-5, -1, 6], [-6, -3, 1], [3, 3, 4], [-5, 2, 5], [-1, 4, 5]]> : tensor<8x3xi8> -> tensor<8x3x!qnn.int<15>>
  %a = qnn.multithreshold %acc, %t {out_dtype = !qnn.uint<2>, data_layout = "NHWC"} : (tensor<1x8x8x8x!qnn.int<15>>, tensor<8x3x!qnn.int<15>>) -> tensor<1x8x8x8x!qnn.uint<2>>
  %m = qnn.maxpool %a {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, data_layout = "NHWC"} : (tensor<1x8x8x8x!qnn.uint<2>>) -> tensor<1x4x4x8x!qnn.uint<2>>
  %win2 = qnn.im2col %m {kernel_shape = array<i64: 3, 3>, strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, data_layout = "NHWC"} : (tensor<1x4x4x8x!qnn.uint<2>>) -> tensor<1x2x2x72x!qnn.uint<2>>
  %w2 = qnn.constant dense<"0x01FE0100FF010100FE00FEFEFEFE01FFFEFEFFFFFF01010001FFFEFFFE01FEFFFE01FE00010001010100000001FF0101FFFF0001FEFEFEFFFE00000100FF01010000FF00FE000101FFFF00FF00FEFEFEFFFEFF01010100FE000001FFFE00FF00FFFFFE0101FFFE00FF00FEFE00FE00FFFE010001010001FE01010001000101000101FFFEFEFEFFFEFFFF00FE01FE0100FEFEFF00FEFEFE00FEFEFFFF000101000001FF00FE00FEFE0100FFFEFE01FF010101FEFE00FF01FFFEFEFF00FE01FFFF0001FF01FFFE01010101FFFE0000FF00FF0001FEFF00FE0001010001FFFFFE00FF01FF01FEFEFFFEFF0000FEFE00000101FFFEFF01FF010000FE00FF01FEFE00000100FFFFFF0000FFFE00FEFEFF01FF00FEFF01010001FFFEFEFE0101FE00FE"> : tensor<72x4xi8> -> tensor<72x4x!qnn.int<2>>
  %acc2 = qnn.matmul %win2, %w2 : (tensor<1x2x2x72x!qnn.uint<2>>, tensor<72x4x!qnn.int<2>>) -> tensor<1x2x2x4x!qnn.int<10>>
  %pp = qnn.pad %acc2 {pads = array<i64: 0, 0, 0, 0, 0, 1, 1, 0>, value = -512.0 : f32} : (tensor<1x2x2x4x!qnn.int<10>>) -> tensor<1x3x3x4x!qnn.int<10>>
  func.return %pp : tensor<1x3x3x4x!qnn.int<10>>
}

// CHECK-LABEL: func.func @lowered
// CHECK-SAME:  (%[[IMG:.*]]: tensor<1x8x8x3x!qnn.uint<8>>) -> tensor<1x3x3x4x!qnn.int<10>> {
// CHECK-NEXT:  %[[P:.*]] = qnn.pad %[[IMG]] {pads = array<i64: 0, 1, 1, 0, 0, 1, 1, 0>} : (tensor<1x8x8x3x!qnn.uint<8>>) -> tensor<1x10x10x3x!qnn.uint<8>>
// CHECK-NEXT:  %[[WIN:.*]] = qnn.im2col %[[P]] {kernel_shape = array<i64: 3, 3>, strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, data_layout = "NHWC"} : (tensor<1x10x10x3x!qnn.uint<8>>) -> tensor<1x8x8x27x!qnn.uint<8>>
// CHECK-NEXT:  %[[W:.*]] = qnn.constant dense<"0x01000001000101FEFEFFFF0101FEFF01FE01FEFF01FFFFFF00FF01FFFF000000000101010000FF01FFFE01FE0100FEFEFFFEFE0001FF01010100FF00FFFFFFFE01FEFEFE010001FE00FFFFFE000100FE00FF0101FE0001010000FE00FFFEFE000000000100FF0000FEFE00FF00FFFEFEFF01FFFF0001FF00FF00FF00000001FE00FFFFFEFEFF01FEFF0101FEFE00FEFFFF01FE0000FE0101FF0100010100FFFE00FE0101FE00FEFEFF0101000000FEFF01FFFEFE00FE010100FF0100FFFFFF01FEFE00FF01FE01FEFF01FE0000FFFE00FF0100FFFE00FF00"> : tensor<27x8xi8> -> tensor<27x8x!qnn.int<2>>
// CHECK-NEXT:  %[[ACC:.*]] = qnn.matmul %[[WIN]], %[[W]] : (tensor<1x8x8x27x!qnn.uint<8>>, tensor<27x8x!qnn.int<2>>) -> tensor<1x8x8x8x!qnn.int<15>>
// CHECK-NEXT:  %[[T:.*]] = qnn.constant dense<{{\[\[}}-2, 5, 5], [0, 0, 3], [4, 5, 6], [-5, -1, 6], [-6, -3, 1], [3, 3, 4], [-5, 2, 5], [-1, 4, 5{{\]\]}}> : tensor<8x3xi8> -> tensor<8x3x!qnn.int<15>>
// CHECK-NEXT:  %[[A:.*]] = qnn.multithreshold %[[ACC]], %[[T]] {out_dtype = !qnn.uint<2>, data_layout = "NHWC"} : (tensor<1x8x8x8x!qnn.int<15>>, tensor<8x3x!qnn.int<15>>) -> tensor<1x8x8x8x!qnn.uint<2>>
// CHECK-NEXT:  %[[M:.*]] = qnn.maxpool %[[A]] {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, data_layout = "NHWC"} : (tensor<1x8x8x8x!qnn.uint<2>>) -> tensor<1x4x4x8x!qnn.uint<2>>
// CHECK-NEXT:  %[[WIN2:.*]] = qnn.im2col %[[M]] {kernel_shape = array<i64: 3, 3>, strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, data_layout = "NHWC"} : (tensor<1x4x4x8x!qnn.uint<2>>) -> tensor<1x2x2x72x!qnn.uint<2>>
// CHECK-NEXT:  %[[W2:.*]] = qnn.constant dense<"0x01FE0100FF010100FE00FEFEFEFE01FFFEFEFFFFFF01010001FFFEFFFE01FEFFFE01FE00010001010100000001FF0101FFFF0001FEFEFEFFFE00000100FF01010000FF00FE000101FFFF00FF00FEFEFEFFFEFF01010100FE000001FFFE00FF00FFFFFE0101FFFE00FF00FEFE00FE00FFFE010001010001FE01010001000101000101FFFEFEFEFFFEFFFF00FE01FE0100FEFEFF00FEFEFE00FEFEFFFF000101000001FF00FE00FEFE0100FFFEFE01FF010101FEFE00FF01FFFEFEFF00FE01FFFF0001FF01FFFE01010101FFFE0000FF00FF0001FEFF00FE0001010001FFFFFE00FF01FF01FEFEFFFEFF0000FEFE00000101FFFEFF01FF010000FE00FF01FEFE00000100FFFFFF0000FFFE00FEFEFF01FF00FEFF01010001FFFEFEFE0101FE00FE"> : tensor<72x4xi8> -> tensor<72x4x!qnn.int<2>>
// CHECK-NEXT:  %[[ACC2:.*]] = qnn.matmul %[[WIN2]], %[[W2]] : (tensor<1x2x2x72x!qnn.uint<2>>, tensor<72x4x!qnn.int<2>>) -> tensor<1x2x2x4x!qnn.int<10>>
// CHECK-NEXT:  %[[PP:.*]] = qnn.pad %[[ACC2]] {pads = array<i64: 0, 0, 0, 0, 0, 1, 1, 0>, value = -5.120000e+02 : f32} : (tensor<1x2x2x4x!qnn.int<10>>) -> tensor<1x3x3x4x!qnn.int<10>>
// CHECK-NEXT:  func.return %[[PP]] : tensor<1x3x3x4x!qnn.int<10>>
// CHECK-NEXT:  }
