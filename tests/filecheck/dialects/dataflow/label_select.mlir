// RUN: finnr-opt %s | filecheck %s
// RUN: finnr-opt %s --print-op-generic | finnr-opt | filecheck %s

// Top-k label selection: (N, L) scores to (N, k) indices; the index type must
// hold 0..L-1; pe divides L. Dimensions between N and L are kept.

%x = "test.op"() : () -> tensor<1x10x!qnn.int<16>>
%f = "test.op"() : () -> tensor<4x1000xf32>
%c = "test.op"() : () -> tensor<1x1x1x16x!qnn.int<9>>
dataflow.partition (%a = %x : tensor<1x10x!qnn.int<16>>, %b = %f : tensor<4x1000xf32>, %d = %c : tensor<1x1x1x16x!qnn.int<9>>) -> () {
  // top-1 of 10 classes: indices 0..9 need uint<4>
  %l0 = dataflow.label_select %a {k = 1 : i64} : (tensor<1x10x!qnn.int<16>>) -> tensor<1x1x!qnn.uint<4>>
  // top-5 of 1000 (ImageNet) on a batch of 4, 8 labels per cycle: uint<10>
  %l1 = dataflow.label_select %b {k = 5 : i64, pe = 8 : i64} : (tensor<4x1000xf32>) -> tensor<4x5x!qnn.uint<10>>
  // all labels, sorted; a signed index type wide enough is fine too
  %l2 = dataflow.label_select %a {k = 10 : i64, pe = 10 : i64} : (tensor<1x10x!qnn.int<16>>) -> tensor<1x10x!qnn.int<8>>
  // after a CNV's 1x1 spatial output: 16 labels, indices 0..15 fit uint<4> exactly
  %l3 = dataflow.label_select %d {k = 2 : i64, pe = 4 : i64} : (tensor<1x1x1x16x!qnn.int<9>>) -> tensor<1x1x1x2x!qnn.uint<4>>
  dataflow.yield
}

// CHECK:      dataflow.label_select %[[A:.*]] {k = 1 : i64} : (tensor<1x10x!qnn.int<16>>) -> tensor<1x1x!qnn.uint<4>>
// CHECK-NEXT: dataflow.label_select %{{.*}} {k = 5 : i64, pe = 8 : i64} : (tensor<4x1000xf32>) -> tensor<4x5x!qnn.uint<10>>
// CHECK-NEXT: dataflow.label_select %[[A]] {k = 10 : i64, pe = 10 : i64} : (tensor<1x10x!qnn.int<16>>) -> tensor<1x10x!qnn.int<8>>
// CHECK-NEXT: dataflow.label_select %{{.*}} {k = 2 : i64, pe = 4 : i64} : (tensor<1x1x1x16x!qnn.int<9>>) -> tensor<1x1x1x2x!qnn.uint<4>>
// CHECK-NEXT: dataflow.yield
