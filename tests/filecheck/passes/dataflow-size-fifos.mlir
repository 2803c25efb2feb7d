// dataflow-size-fifos: every FIFO as deep as the pipeline needs to run at
// its slowest layer's rate, from the engines' schedules (inputs offered
// evenly at that rate; the most words a FIFO holds in a cycle that pushes
// one, + 1, at least 2: the default depth, not printed). Idempotent: the
// depths follow from the folding alone.
// RUN: finnr-opt %s --split-input-file -p dataflow-insert-duplicate,dataflow-insert-fifo,dataflow-size-fifos | filecheck %s
// RUN: finnr-opt %s --split-input-file -p dataflow-insert-duplicate,dataflow-insert-fifo,dataflow-size-fifos,dataflow-size-fifos | filecheck %s
// RUN: finnr-opt %s --split-input-file -p 'dataflow-insert-duplicate,dataflow-insert-fifo,dataflow-size-fifos{frames=3}' | filecheck %s
// RUN: finnr-opt %s --split-input-file -p 'dataflow-insert-duplicate,dataflow-insert-fifo{depth=100},dataflow-size-fifos' | filecheck %s --check-prefix=DEEP
// RUN: not finnr-opt %s --split-input-file -p dataflow-size-fifos 2>&1 | filecheck %s --check-prefix=FORK
// RUN: not finnr-opt %s -p 'dataflow-size-fifos{frames=-1}' 2>&1 | filecheck %s --check-prefix=FRAMES
// RUN: not finnr-opt %s --split-input-file -p dataflow-insert-duplicate,dataflow-size-fifos 2>&1 | filecheck %s --check-prefix=NOFIFO

// A fork and join: a 3x3 convolution (pad, window, MVAU of SF 18 and NF 2:
// 576 cycles per frame, the slowest) beside the identity. The input's 32
// beats come one every 18 cycles; while the long branch buffers three
// padded rows and computes, the short branch's FIFO holds 17 of them
// (depth 18), and the window's two last output rows (the bottom padding
// row follows the last input row at once) come 144 beats in a row that
// the MVAU takes at one every other cycle: 72 words in front of it.
// Without the deep short branch the fork would wait on it while the long
// branch needs input: a deadlock.
// CHECK-LABEL: func.func @join(
// CHECK:         %[[D0:[^ ]*]], %[[D1:[^ ]*]] = dataflow.duplicate %a
// CHECK-NEXT:    dataflow.fifo %[[D0]] : (
// CHECK-NEXT:    dataflow.pad
// CHECK-NEXT:    dataflow.fifo %q {depth = 18 : i64}
// CHECK-NEXT:    dataflow.swu
// CHECK-NEXT:    dataflow.fifo %w {depth = 72 : i64}
// CHECK-NEXT:    dataflow.mvau
// CHECK-NEXT:    %[[L:[^ ]*]] = dataflow.fifo %m : (
// CHECK-NEXT:    %[[S:[^ ]*]] = dataflow.fifo %[[D1]] {depth = 18 : i64}
// CHECK-NEXT:    dataflow.add_streams %[[L]], %[[S]]

// A FIFO already deeper than it needs keeps its depth (`--fifo-depth` is a minimum):
// DEEP-COUNT-5: dataflow.fifo {{.*}} {depth = 100 : i64}
// DEEP-NOT: dataflow.fifo {{.*}} {depth = {{[0-9]}}{{[0-9]?}} : i64}

// FRAMES: dataflow-size-fifos: frames must be >= 0, got -1
// FORK: dataflow-size-fifos: partition input #0 has several readers; run dataflow-insert-duplicate first
// NOFIFO: dataflow-size-fifos: 'dataflow.duplicate' streams into a layer without a FIFO; run dataflow-insert-fifo first
func.func @join(%x: tensor<1x4x4x2x!qnn.uint<2>>) -> tensor<1x4x4x2x!qnn.int<7>> {
  %p = dataflow.partition "dataflow_0" (%a = %x : tensor<1x4x4x2x!qnn.uint<2>>) -> (tensor<1x4x4x2x!qnn.int<7>>) {
    %q = dataflow.pad %a {pads = array<i64: 1, 1, 1, 1>} : (tensor<1x4x4x2x!qnn.uint<2>>) -> tensor<1x6x6x2x!qnn.uint<2>>
    %w = dataflow.swu %q {kernel = array<i64: 3, 3>} : (tensor<1x6x6x2x!qnn.uint<2>>) -> tensor<1x4x4x18x!qnn.uint<2>>
    %m = dataflow.mvau %w {weights = dense<1> : tensor<18x2xi8>, weight_dtype = !qnn.int<2>} : (tensor<1x4x4x18x!qnn.uint<2>>) -> tensor<1x4x4x2x!qnn.int<6>>
    %s = dataflow.add_streams %m, %a : (tensor<1x4x4x2x!qnn.int<6>>, tensor<1x4x4x2x!qnn.uint<2>>) -> tensor<1x4x4x2x!qnn.int<7>>
    dataflow.yield %s : tensor<1x4x4x2x!qnn.int<7>>
  }
  func.return %p : tensor<1x4x4x2x!qnn.int<7>>
}

// -----

// Two partition inputs joined without a fork need no FIFO at all.
// CHECK-LABEL: func.func @independent(
// CHECK-NOT:     dataflow.fifo
// CHECK:         dataflow.add_streams %a, %b
func.func @independent(%x: tensor<1x4x!qnn.uint<2>>, %y: tensor<1x4x!qnn.uint<2>>) -> tensor<1x4x!qnn.uint<3>> {
  %p = dataflow.partition "dataflow_0" (%a = %x : tensor<1x4x!qnn.uint<2>>, %b = %y : tensor<1x4x!qnn.uint<2>>) -> (tensor<1x4x!qnn.uint<3>>) {
    %s = dataflow.add_streams %a, %b : (tensor<1x4x!qnn.uint<2>>, tensor<1x4x!qnn.uint<2>>) -> tensor<1x4x!qnn.uint<3>>
    dataflow.yield %s : tensor<1x4x!qnn.uint<3>>
  }
  func.return %p : tensor<1x4x!qnn.uint<3>>
}

// -----

// A chain whose consumer takes every beat as it comes keeps the minimum
// depth: the first MVAU (32 cycles) offers a beat every 8 cycles, the
// second reads each at once.
// CHECK-LABEL: func.func @chain(
// CHECK:         dataflow.fifo %h : (
func.func @chain(%x: tensor<1x8x!qnn.uint<2>>) -> tensor<1x2x!qnn.int<5>> {
  %y = dataflow.partition (%a = %x : tensor<1x8x!qnn.uint<2>>) -> (tensor<1x2x!qnn.int<5>>) {
    %h = dataflow.mvau %a {weights = dense<1> : tensor<8x4xi8>, weight_dtype = !qnn.int<2>, thresholds = dense<[[0, 4, 8]]> : tensor<1x3xi8>} : (tensor<1x8x!qnn.uint<2>>) -> tensor<1x4x!qnn.uint<2>>
    %o = dataflow.mvau %h {weights = dense<1> : tensor<4x2xi8>, weight_dtype = !qnn.int<2>} : (tensor<1x4x!qnn.uint<2>>) -> tensor<1x2x!qnn.int<5>>
    dataflow.yield %o : tensor<1x2x!qnn.int<5>>
  }
  func.return %y : tensor<1x2x!qnn.int<5>>
}
