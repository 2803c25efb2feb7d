// convert-qnn-to-dataflow and the stream layers of issue 17: qnn.concat
// (last axis, one integer datatype), nearest qnn.resize reading in[i // s]
// on axes 1 and 2 of a rank-4 integer tensor, NHWC qnn.depth_to_space; what
// it converts and what stays on the host.
// RUN: finnr-opt %s --split-input-file -p convert-qnn-to-dataflow | filecheck %s

// A concat of integer streams of one datatype along the last axis (one input
// twice) is a dataflow.concat.
// CHECK-LABEL: func.func @concat(
// CHECK-SAME:  %[[A:[^:]*]]: tensor<1x3x4x2x!qnn.uint<2>>, %[[B:[^:]*]]: tensor<1x3x4x6x!qnn.uint<2>>)
// CHECK-NEXT:  %[[P:[^ ,]*]] = dataflow.partition "dataflow_0" (%[[XA:[^ ]*]] = %[[A]] : tensor<1x3x4x2x!qnn.uint<2>>, %[[XB:[^ ]*]] = %[[B]] : tensor<1x3x4x6x!qnn.uint<2>>) -> (tensor<1x3x4x10x!qnn.uint<2>>) {
// CHECK-NEXT:    %[[C:[^ ,]*]] = dataflow.concat %[[XA]], %[[XB]], %[[XA]] : (tensor<1x3x4x2x!qnn.uint<2>>, tensor<1x3x4x6x!qnn.uint<2>>, tensor<1x3x4x2x!qnn.uint<2>>) -> tensor<1x3x4x10x!qnn.uint<2>>
// CHECK-NEXT:    dataflow.yield %[[C]]
func.func @concat(%a: tensor<1x3x4x2x!qnn.uint<2>>, %b: tensor<1x3x4x6x!qnn.uint<2>>) -> tensor<1x3x4x10x!qnn.uint<2>> {
  %c = qnn.concat %a, %b, %a {axis = 3 : i64} : (tensor<1x3x4x2x!qnn.uint<2>>, tensor<1x3x4x6x!qnn.uint<2>>, tensor<1x3x4x2x!qnn.uint<2>>) -> tensor<1x3x4x10x!qnn.uint<2>>
  func.return %c : tensor<1x3x4x10x!qnn.uint<2>>
}

// -----

// Refused: a concat along another axis (a spatial one) stays on the host.
// CHECK-LABEL: func.func @concat_not_last(
// CHECK-NOT:   dataflow
// CHECK:       qnn.concat %{{.*}}, %{{.*}} {axis = 2 : i64}
// CHECK-NOT:   dataflow
func.func @concat_not_last(%a: tensor<1x3x4x2x!qnn.uint<2>>, %b: tensor<1x3x4x2x!qnn.uint<2>>) -> tensor<1x3x8x2x!qnn.uint<2>> {
  %c = qnn.concat %a, %b {axis = 2 : i64} : (tensor<1x3x4x2x!qnn.uint<2>>, tensor<1x3x4x2x!qnn.uint<2>>) -> tensor<1x3x8x2x!qnn.uint<2>>
  func.return %c : tensor<1x3x8x2x!qnn.uint<2>>
}

// -----

// Refused: inputs of different datatypes.
// CHECK-LABEL: func.func @concat_mixed_types(
// CHECK-NOT:   dataflow
// CHECK:       qnn.concat
// CHECK-NOT:   dataflow
func.func @concat_mixed_types(%a: tensor<1x4x!qnn.uint<2>>, %b: tensor<1x4x!qnn.uint<3>>) -> tensor<1x8x!qnn.uint<3>> {
  %c = qnn.concat %a, %b {axis = 1 : i64} : (tensor<1x4x!qnn.uint<2>>, tensor<1x4x!qnn.uint<3>>) -> tensor<1x8x!qnn.uint<3>>
  func.return %c : tensor<1x8x!qnn.uint<3>>
}

// -----

// Refused: a constant input (no stream carries it).
// CHECK-LABEL: func.func @concat_constant(
// CHECK-NOT:   dataflow
// CHECK:       qnn.concat
// CHECK-NOT:   dataflow
func.func @concat_constant(%a: tensor<1x4x!qnn.uint<2>>) -> tensor<1x8x!qnn.uint<2>> {
  %k = qnn.constant dense<1> : tensor<1x4xi8> -> tensor<1x4x!qnn.uint<2>>
  %c = qnn.concat %a, %k {axis = 1 : i64} : (tensor<1x4x!qnn.uint<2>>, tensor<1x4x!qnn.uint<2>>) -> tensor<1x8x!qnn.uint<2>>
  func.return %c : tensor<1x8x!qnn.uint<2>>
}

// -----

// A nearest resize by integer factors of axes 1 and 2 whose modes read in[i // s]:
// asymmetric + floor by (2, 3); half_pixel + round_prefer_floor (the defaults) by 2.
// CHECK-LABEL: func.func @upsample(
// CHECK-NEXT:  dataflow.partition "dataflow_0" (%[[X:[^ ]*]] = %{{.*}} : tensor<1x3x4x2x!qnn.int<4>>)
// CHECK-NEXT:    %[[U:[^ ,]*]] = dataflow.upsample %[[X]] {scale = array<i64: 2, 3>} : (tensor<1x3x4x2x!qnn.int<4>>) -> tensor<1x6x12x2x!qnn.int<4>>
// CHECK-NEXT:    %[[V:[^ ,]*]] = dataflow.upsample %[[X]] {scale = array<i64: 2, 2>} : (tensor<1x3x4x2x!qnn.int<4>>) -> tensor<1x6x8x2x!qnn.int<4>>
// CHECK-NEXT:    dataflow.yield %[[U]], %[[V]]
func.func @upsample(%x: tensor<1x3x4x2x!qnn.int<4>>) -> (tensor<1x6x12x2x!qnn.int<4>>, tensor<1x6x8x2x!qnn.int<4>>) {
  %u = qnn.resize %x {scales = dense<[1.0, 2.0, 3.0, 1.0]> : tensor<4xf32>, coordinate_transformation_mode = "asymmetric", nearest_mode = "floor"} : (tensor<1x3x4x2x!qnn.int<4>>) -> tensor<1x6x12x2x!qnn.int<4>>
  %v = qnn.resize %x {scales = dense<[1.0, 2.0, 2.0, 1.0]> : tensor<4xf32>} : (tensor<1x3x4x2x!qnn.int<4>>) -> tensor<1x6x8x2x!qnn.int<4>>
  func.return %u, %v : tensor<1x6x12x2x!qnn.int<4>>, tensor<1x6x8x2x!qnn.int<4>>
}

// -----

// Refused: half_pixel with floor reads in[max(0, (2i - 1) // 4)], not in[i // 2].
// CHECK-LABEL: func.func @resize_not_in_i_div_s(
// CHECK-NOT:   dataflow
// CHECK:       qnn.resize
// CHECK-NOT:   dataflow
func.func @resize_not_in_i_div_s(%x: tensor<1x3x4x2x!qnn.int<4>>) -> tensor<1x6x8x2x!qnn.int<4>> {
  %u = qnn.resize %x {scales = dense<[1.0, 2.0, 2.0, 1.0]> : tensor<4xf32>, nearest_mode = "floor"} : (tensor<1x3x4x2x!qnn.int<4>>) -> tensor<1x6x8x2x!qnn.int<4>>
  func.return %u : tensor<1x6x8x2x!qnn.int<4>>
}

// -----

// Refused: a resize of the channel axis.
// CHECK-LABEL: func.func @resize_channels(
// CHECK-NOT:   dataflow
// CHECK:       qnn.resize
// CHECK-NOT:   dataflow
func.func @resize_channels(%x: tensor<1x3x4x2x!qnn.int<4>>) -> tensor<1x3x4x4x!qnn.int<4>> {
  %u = qnn.resize %x {scales = dense<[1.0, 1.0, 1.0, 2.0]> : tensor<4xf32>, coordinate_transformation_mode = "asymmetric", nearest_mode = "floor"} : (tensor<1x3x4x2x!qnn.int<4>>) -> tensor<1x3x4x4x!qnn.int<4>>
  func.return %u : tensor<1x3x4x4x!qnn.int<4>>
}

// -----

// Refused: a scale that is no integer.
// CHECK-LABEL: func.func @resize_fraction(
// CHECK-NOT:   dataflow
// CHECK:       qnn.resize
// CHECK-NOT:   dataflow
func.func @resize_fraction(%x: tensor<1x2x4x2x!qnn.int<4>>) -> tensor<1x3x4x2x!qnn.int<4>> {
  %u = qnn.resize %x {scales = dense<[1.0, 1.5, 1.0, 1.0]> : tensor<4xf32>, coordinate_transformation_mode = "asymmetric", nearest_mode = "floor"} : (tensor<1x2x4x2x!qnn.int<4>>) -> tensor<1x3x4x2x!qnn.int<4>>
  func.return %u : tensor<1x3x4x2x!qnn.int<4>>
}

// -----

// An NHWC depth_to_space, in DCR and CRD modes.
// CHECK-LABEL: func.func @d2s(
// CHECK-NEXT:  dataflow.partition "dataflow_0" (%[[X:[^ ]*]] = %{{.*}} : tensor<1x2x3x8x!qnn.uint<3>>)
// CHECK-NEXT:    %[[D:[^ ,]*]] = dataflow.depth_to_space %[[X]] {blocksize = 2 : i64} : (tensor<1x2x3x8x!qnn.uint<3>>) -> tensor<1x4x6x2x!qnn.uint<3>>
// CHECK-NEXT:    %[[E:[^ ,]*]] = dataflow.depth_to_space %[[X]] {blocksize = 2 : i64, mode = "CRD"} : (tensor<1x2x3x8x!qnn.uint<3>>) -> tensor<1x4x6x2x!qnn.uint<3>>
// CHECK-NEXT:    dataflow.yield %[[D]], %[[E]]
func.func @d2s(%x: tensor<1x2x3x8x!qnn.uint<3>>) -> (tensor<1x4x6x2x!qnn.uint<3>>, tensor<1x4x6x2x!qnn.uint<3>>) {
  %d = qnn.depth_to_space %x {blocksize = 2 : i64, data_layout = "NHWC"} : (tensor<1x2x3x8x!qnn.uint<3>>) -> tensor<1x4x6x2x!qnn.uint<3>>
  %e = qnn.depth_to_space %x {blocksize = 2 : i64, mode = "CRD", data_layout = "NHWC"} : (tensor<1x2x3x8x!qnn.uint<3>>) -> tensor<1x4x6x2x!qnn.uint<3>>
  func.return %d, %e : tensor<1x4x6x2x!qnn.uint<3>>, tensor<1x4x6x2x!qnn.uint<3>>
}

// -----

// Refused: an NCHW depth_to_space (qnn-move-transposes makes it NHWC first).
// CHECK-LABEL: func.func @d2s_nchw(
// CHECK-NOT:   dataflow
// CHECK:       qnn.depth_to_space
// CHECK-NOT:   dataflow
func.func @d2s_nchw(%x: tensor<1x8x2x3x!qnn.uint<3>>) -> tensor<1x2x4x6x!qnn.uint<3>> {
  %d = qnn.depth_to_space %x {blocksize = 2 : i64} : (tensor<1x8x2x3x!qnn.uint<3>>) -> tensor<1x2x4x6x!qnn.uint<3>>
  func.return %d : tensor<1x2x4x6x!qnn.uint<3>>
}
