// convert-qnn-to-dataflow on branching networks: one partition holds a fork
// and its join, and constants computed on the host do not split it.
// RUN: finnr-opt %s --split-input-file -p convert-qnn-to-dataflow | filecheck %s

// A residual block: the partition input feeds the MVAU and the join; both
// stay in one partition (dataflow-insert-duplicate forks the stream later).
// CHECK-LABEL: func.func @residual(
// CHECK-NEXT:    %[[P:[^ ]*]] = dataflow.partition "dataflow_0" (%[[A:[^ ]*]] = %{{[^ ]*}} : tensor<1x4x!qnn.uint<2>>) -> (tensor<1x4x!qnn.int<6>>) {
// CHECK-NEXT:      %[[M:[^ ]*]] = dataflow.mvau %[[A]]
// CHECK-NEXT:      %[[S:[^ ]*]] = dataflow.add_streams %[[M]], %[[A]] : (tensor<1x4x!qnn.int<5>>, tensor<1x4x!qnn.uint<2>>) -> tensor<1x4x!qnn.int<6>>
// CHECK-NEXT:      dataflow.yield %[[S]]
// CHECK-NEXT:    }
// CHECK-NEXT:    func.return %[[P]]
func.func @residual(%x: tensor<1x4x!qnn.uint<2>>) -> tensor<1x4x!qnn.int<6>> {
  %w = qnn.constant dense<1> : tensor<4x4xi8> -> tensor<4x4x!qnn.int<2>>
  %m = qnn.matmul %x, %w : (tensor<1x4x!qnn.uint<2>>, tensor<4x4x!qnn.int<2>>) -> tensor<1x4x!qnn.int<5>>
  %s = qnn.add %m, %x : (tensor<1x4x!qnn.int<5>>, tensor<1x4x!qnn.uint<2>>) -> tensor<1x4x!qnn.int<6>>
  func.return %s : tensor<1x4x!qnn.int<6>>
}

// -----

// An expression of constants between two layers (a bias times its scale,
// computed once on the host) does not split the partition.
// CHECK-LABEL: func.func @constant_expression(
// CHECK:         %[[BS:[^ ]*]] = qnn.mul
// CHECK-NEXT:    %[[P:[^ ]*]] = dataflow.partition "dataflow_0"
// CHECK-NEXT:      dataflow.thresholding
// CHECK-NEXT:      dataflow.mvau
// CHECK-NEXT:      dataflow.yield
// CHECK-NEXT:    }
// CHECK-NEXT:    %[[Y:[^ ]*]] = qnn.add %[[P]], %[[BS]]
// CHECK-NOT:     dataflow.partition
func.func @constant_expression(%x: tensor<1x4x!qnn.uint<2>>) -> tensor<1x2xf32> {
  %t = qnn.constant dense<[[0, 1, 2]]> : tensor<1x3xi8> -> tensor<1x3x!qnn.uint<2>>
  %a = qnn.multithreshold %x, %t {out_dtype = !qnn.uint<2>, data_layout = "NHWC"} : (tensor<1x4x!qnn.uint<2>>, tensor<1x3x!qnn.uint<2>>) -> tensor<1x4x!qnn.uint<2>>
  %b = qnn.constant dense<[3, -2]> : tensor<2xi8> -> tensor<2x!qnn.int<3>>
  %s = qnn.constant dense<5.000000e-01> : tensor<1xf32> -> tensor<1xf32>
  %bs = qnn.mul %b, %s : (tensor<2x!qnn.int<3>>, tensor<1xf32>) -> tensor<2xf32>
  %w = qnn.constant dense<1> : tensor<4x2xi8> -> tensor<4x2x!qnn.int<2>>
  %m = qnn.matmul %a, %w : (tensor<1x4x!qnn.uint<2>>, tensor<4x2x!qnn.int<2>>) -> tensor<1x2x!qnn.int<5>>
  %y = qnn.add %m, %bs : (tensor<1x2x!qnn.int<5>>, tensor<2xf32>) -> tensor<1x2xf32>
  func.return %y : tensor<1x2xf32>
}

// -----

// A padded max pool (ResNet's stem: 3x3, stride 2, pad 1) becomes a pad with
// the datatype's minimum (-8 for int<4>: it never wins a maximum) and the
// pool.
// CHECK-LABEL: func.func @padded_maxpool(
// CHECK:         %[[P:[^ ]*]] = dataflow.pad %{{[^ ]*}} {pads = array<i64: 1, 1, 0, 0>, value = -8.000000e+00 : f32} : (tensor<1x4x4x2x!qnn.int<4>>) -> tensor<1x5x5x2x!qnn.int<4>>
// CHECK-NEXT:    %[[M:[^ ]*]] = dataflow.maxpool %[[P]] {kernel = array<i64: 3, 3>, stride = array<i64: 2, 2>}
// CHECK-NEXT:    dataflow.yield %[[M]]
func.func @padded_maxpool(%x: tensor<1x4x4x2x!qnn.int<4>>) -> tensor<1x2x2x2x!qnn.int<4>> {
  %m = qnn.maxpool %x {kernel_shape = array<i64: 3, 3>, strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 0, 0>, dilations = array<i64: 1, 1>, data_layout = "NHWC"} : (tensor<1x4x4x2x!qnn.int<4>>) -> tensor<1x2x2x2x!qnn.int<4>>
  func.return %m : tensor<1x2x2x2x!qnn.int<4>>
}
