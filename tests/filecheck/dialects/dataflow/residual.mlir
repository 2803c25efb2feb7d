// RUN: finnr-opt %s | filecheck %s
// RUN: finnr-opt %s --print-op-generic | finnr-opt | filecheck %s

// Residual blocks: a stream forks with dataflow.duplicate, one branch goes
// through compute (and a FIFO deep enough to balance the other), and the
// branches join with dataflow.add_streams, whose result datatype must hold
// every sum of its operands' ranges.

// CHECK-LABEL: func.func @resblock
func.func @resblock(%x: tensor<1x4x4x8x!qnn.uint<4>>) -> tensor<1x4x4x8x!qnn.uint<5>> {
  %r = dataflow.partition "resblock" (%a = %x : tensor<1x4x4x8x!qnn.uint<4>>) -> (tensor<1x4x4x8x!qnn.uint<5>>) {
    %d:2 = dataflow.duplicate %a {pe = 4 : i64} : (tensor<1x4x4x8x!qnn.uint<4>>) -> (tensor<1x4x4x8x!qnn.uint<4>>, tensor<1x4x4x8x!qnn.uint<4>>)
    %m = dataflow.mvau %d#0 {weights = dense<1> : tensor<8x8xi8>, weight_dtype = !qnn.int<2>, thresholds = dense<0> : tensor<8x15xi16>, pe = 4 : i64, simd = 8 : i64} : (tensor<1x4x4x8x!qnn.uint<4>>) -> tensor<1x4x4x8x!qnn.uint<4>>
    %skip = dataflow.fifo %d#1 {depth = 128 : i64, elems = 4 : i64} : (tensor<1x4x4x8x!qnn.uint<4>>) -> tensor<1x4x4x8x!qnn.uint<4>>
    // 0..15 + 0..15 = 0..30: uint<5>
    %s = dataflow.add_streams %m, %skip {pe = 4 : i64} : (tensor<1x4x4x8x!qnn.uint<4>>, tensor<1x4x4x8x!qnn.uint<4>>) -> tensor<1x4x4x8x!qnn.uint<5>>
    dataflow.yield %s : tensor<1x4x4x8x!qnn.uint<5>>
  }
  func.return %r : tensor<1x4x4x8x!qnn.uint<5>>
}
// CHECK:      %[[D0:.*]], %[[D1:.*]] = dataflow.duplicate %{{.*}} {pe = 4 : i64} : (tensor<1x4x4x8x!qnn.uint<4>>) -> (tensor<1x4x4x8x!qnn.uint<4>>, tensor<1x4x4x8x!qnn.uint<4>>)
// CHECK-NEXT: %[[M:.*]] = dataflow.mvau %[[D0]]
// CHECK-NEXT: %[[SKIP:.*]] = dataflow.fifo %[[D1]] {depth = 128 : i64, elems = 4 : i64}
// CHECK-NEXT: %[[S:.*]] = dataflow.add_streams %[[M]], %[[SKIP]] {pe = 4 : i64} : (tensor<1x4x4x8x!qnn.uint<4>>, tensor<1x4x4x8x!qnn.uint<4>>) -> tensor<1x4x4x8x!qnn.uint<5>>
// CHECK-NEXT: dataflow.yield %[[S]] : tensor<1x4x4x8x!qnn.uint<5>>

// A three-way fork, sums of mixed signedness, wider-than-needed results and
// float streams (which hold any sum).
// CHECK-LABEL: func.func @forks
func.func @forks(%x: tensor<2x6x!qnn.int<3>>, %u: tensor<2x6x!qnn.uint<2>>, %f: tensor<2x6xf32>) -> (tensor<2x6x!qnn.int<5>>, tensor<2x6x!qnn.int<8>>, tensor<2x6xf32>, tensor<2x6x!qnn.int<4>>) {
  %r:4 = dataflow.partition (%a = %x : tensor<2x6x!qnn.int<3>>, %b = %u : tensor<2x6x!qnn.uint<2>>, %c = %f : tensor<2x6xf32>) -> (tensor<2x6x!qnn.int<5>>, tensor<2x6x!qnn.int<8>>, tensor<2x6xf32>, tensor<2x6x!qnn.int<4>>) {
    %d:3 = dataflow.duplicate %a {pe = 3 : i64} : (tensor<2x6x!qnn.int<3>>) -> (tensor<2x6x!qnn.int<3>>, tensor<2x6x!qnn.int<3>>, tensor<2x6x!qnn.int<3>>)
    // -4..3 + 0..3 = -4..6: int<4> is the tightest, int<5> is fine too
    %s0 = dataflow.add_streams %d#0, %b {pe = 6 : i64} : (tensor<2x6x!qnn.int<3>>, tensor<2x6x!qnn.uint<2>>) -> tensor<2x6x!qnn.int<5>>
    %s1 = dataflow.add_streams %d#1, %d#2 : (tensor<2x6x!qnn.int<3>>, tensor<2x6x!qnn.int<3>>) -> tensor<2x6x!qnn.int<8>>
    %s2 = dataflow.add_streams %c, %c {pe = 2 : i64} : (tensor<2x6xf32>, tensor<2x6xf32>) -> tensor<2x6xf32>
    %e:2 = dataflow.duplicate %b : (tensor<2x6x!qnn.uint<2>>) -> (tensor<2x6x!qnn.uint<2>>, tensor<2x6x!qnn.uint<2>>)
    %s3 = dataflow.add_streams %d#2, %e#1 : (tensor<2x6x!qnn.int<3>>, tensor<2x6x!qnn.uint<2>>) -> tensor<2x6x!qnn.int<4>>
    dataflow.yield %s0, %s1, %s2, %s3 : tensor<2x6x!qnn.int<5>>, tensor<2x6x!qnn.int<8>>, tensor<2x6xf32>, tensor<2x6x!qnn.int<4>>
  }
  func.return %r#0, %r#1, %r#2, %r#3 : tensor<2x6x!qnn.int<5>>, tensor<2x6x!qnn.int<8>>, tensor<2x6xf32>, tensor<2x6x!qnn.int<4>>
}
// CHECK:      %[[X0:.*]], %[[X1:.*]], %[[X2:.*]] = dataflow.duplicate %{{.*}} {pe = 3 : i64} : (tensor<2x6x!qnn.int<3>>) -> (tensor<2x6x!qnn.int<3>>, tensor<2x6x!qnn.int<3>>, tensor<2x6x!qnn.int<3>>)
// CHECK-NEXT: dataflow.add_streams %[[X0]], %{{.*}} {pe = 6 : i64} : (tensor<2x6x!qnn.int<3>>, tensor<2x6x!qnn.uint<2>>) -> tensor<2x6x!qnn.int<5>>
// CHECK-NEXT: dataflow.add_streams %[[X1]], %[[X2]] : (tensor<2x6x!qnn.int<3>>, tensor<2x6x!qnn.int<3>>) -> tensor<2x6x!qnn.int<8>>
// CHECK-NEXT: dataflow.add_streams %{{.*}}, %{{.*}} {pe = 2 : i64} : (tensor<2x6xf32>, tensor<2x6xf32>) -> tensor<2x6xf32>
// CHECK-NEXT: %[[E0:.*]], %[[E1:.*]] = dataflow.duplicate %{{.*}} : (tensor<2x6x!qnn.uint<2>>) -> (tensor<2x6x!qnn.uint<2>>, tensor<2x6x!qnn.uint<2>>)
// CHECK-NEXT: dataflow.add_streams %[[X2]], %[[E1]] : (tensor<2x6x!qnn.int<3>>, tensor<2x6x!qnn.uint<2>>) -> tensor<2x6x!qnn.int<4>>
