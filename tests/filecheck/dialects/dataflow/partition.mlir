// RUN: finnr-opt %s | filecheck %s
// RUN: finnr-opt %s --print-op-generic | filecheck %s --check-prefix=GENERIC
// RUN: finnr-opt %s --print-op-generic | finnr-opt | filecheck %s
// RUN: finnr-opt %s -p dce | filecheck %s --check-prefix=DCE

// The partition op: its name, host inputs bound to block arguments, several
// results, extra attributes, a body that passes an input straight through.
// Layers are pure, so dead engines inside a partition are removed by DCE.

// CHECK-LABEL: func.func @two_partitions
func.func @two_partitions(%x: tensor<1x8x!qnn.uint<2>>, %y: tensor<1x8x!qnn.int<4>>) -> (tensor<1x8x!qnn.uint<2>>, tensor<1x8x!qnn.int<4>>, tensor<1x8x!qnn.uint<2>>) {
  %p:2 = dataflow.partition "accel_0" (%a = %x : tensor<1x8x!qnn.uint<2>>, %b = %y : tensor<1x8x!qnn.int<4>>) -> (tensor<1x8x!qnn.uint<2>>, tensor<1x8x!qnn.int<4>>) attributes {device = "pynq-z1", clock_mhz = 100 : i64} {
    %f = dataflow.fifo %a : (tensor<1x8x!qnn.uint<2>>) -> tensor<1x8x!qnn.uint<2>>
    %dead = dataflow.fifo %b {depth = 8 : i64} : (tensor<1x8x!qnn.int<4>>) -> tensor<1x8x!qnn.int<4>>
    dataflow.yield %f, %b : tensor<1x8x!qnn.uint<2>>, tensor<1x8x!qnn.int<4>>
  }
  // a second accelerator fed by the first, with a name that needs escaping
  // (printed in MLIR hex-escape style)
  %q = dataflow.partition "accel \"1\"" (%c = %p#0 : tensor<1x8x!qnn.uint<2>>) -> (tensor<1x8x!qnn.uint<2>>) {
    dataflow.yield %c : tensor<1x8x!qnn.uint<2>>
  }
  func.return %p#0, %p#1, %q : tensor<1x8x!qnn.uint<2>>, tensor<1x8x!qnn.int<4>>, tensor<1x8x!qnn.uint<2>>
}

// CHECK:      %[[P0:.*]], %[[P1:.*]] = dataflow.partition "accel_0" (%[[A:.*]] = %[[X:.*]] : tensor<1x8x!qnn.uint<2>>, %[[B:.*]] = %[[Y:.*]] : tensor<1x8x!qnn.int<4>>) -> (tensor<1x8x!qnn.uint<2>>, tensor<1x8x!qnn.int<4>>) attributes {device = "pynq-z1", clock_mhz = 100 : i64} {
// CHECK-NEXT:   %[[F:.*]] = dataflow.fifo %[[A]] : (tensor<1x8x!qnn.uint<2>>) -> tensor<1x8x!qnn.uint<2>>
// CHECK-NEXT:   dataflow.fifo %[[B]] {depth = 8 : i64} : (tensor<1x8x!qnn.int<4>>) -> tensor<1x8x!qnn.int<4>>
// CHECK-NEXT:   dataflow.yield %[[F]], %[[B]] : tensor<1x8x!qnn.uint<2>>, tensor<1x8x!qnn.int<4>>
// CHECK-NEXT: }
// CHECK-NEXT: %[[Q:.*]] = dataflow.partition "accel \221\22" (%[[C:.*]] = %[[P0]] : tensor<1x8x!qnn.uint<2>>) -> (tensor<1x8x!qnn.uint<2>>) {
// CHECK-NEXT:   dataflow.yield %[[C]] : tensor<1x8x!qnn.uint<2>>
// CHECK-NEXT: }
// CHECK-NEXT: func.return %[[P0]], %[[P1]], %[[Q]]

// The name is the sym_name property; other attributes stay discardable.
// GENERIC:      "dataflow.partition"(%x, %y) <{sym_name = "accel_0"}> ({
// GENERIC-NEXT: ^bb0(%a: tensor<1x8x!qnn.uint<2>>, %b: tensor<1x8x!qnn.int<4>>):
// GENERIC:      }) {device = "pynq-z1", clock_mhz = 100 : i64} : (tensor<1x8x!qnn.uint<2>>, tensor<1x8x!qnn.int<4>>) -> (tensor<1x8x!qnn.uint<2>>, tensor<1x8x!qnn.int<4>>)
// GENERIC:      "dataflow.partition"(%p) <{sym_name = "accel \221\22"}> ({

// DCE:      dataflow.partition "accel_0"
// DCE-NEXT:   %[[F:.*]] = dataflow.fifo
// DCE-NEXT:   dataflow.yield %[[F]], %{{.*}}
// DCE-NOT:  depth = 8

// A partition at the top level, without a name, taking no input (a
// generator) is legal; so is one with an unused result.
// CHECK-LABEL: func.func @no_inputs
func.func @no_inputs() {
  dataflow.partition () -> () {
    dataflow.yield
  }
  func.return
}
// CHECK:      dataflow.partition () -> () {
// CHECK-NEXT:   dataflow.yield
// CHECK-NEXT: }
