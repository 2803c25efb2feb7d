// dataflow-set-folding chooses the parallel-window mode of a sliding window
// unit (a whole window per beat, SIMD = C) where it pays: an 8x8x3 frame,
// 3x3 windows (6x6 of them) into an MVAU of MW 27, MH 4.
// RUN: finnr-opt %s -p 'dataflow-set-folding{maximize=true device=zcu104}' | filecheck %s --check-prefix=AUTO
// RUN: finnr-opt %s -p 'dataflow-set-folding{maximize=true device=zcu104 parallel-window=off}' | filecheck %s --check-prefix=OFF
// RUN: finnr-opt %s -p 'dataflow-set-folding{target-fps=10 device=zcu104 parallel-window=on}' | filecheck %s --check-prefix=ON
// RUN: finnr-opt %s -p 'dataflow-set-folding{maximize=true device=zcu104 cost-model=finn}' | filecheck %s --check-prefix=FINN
// RUN: finnr-opt %s -p 'dataflow-set-folding{maximize=true device=zcu104},dataflow-set-folding{target-fps=10 device=zcu104 heuristic=setfolding}' | filecheck %s --check-prefix=SETF
// RUN: not finnr-opt %s -p 'dataflow-set-folding{maximize=true device=zcu104 parallel-window=yes}' 2>&1 | filecheck %s --check-prefix=BAD

// By default (auto) whole windows: the SWU takes 64 cycles (one input
// pixel each), column by column it would need at least 6*6*9 = 324; the
// MVAU keeps up (SIMD 27: 36 cycles at PE 4); two pixels a beat halve both
// (dataflow-set-folding-mmv.mlir).
// AUTO:      dataflow.swu %{{.*}} {kernel = array<i64: 3, 3>, simd = 3 : i64, parallel_window = true, mmv = 2 : i64}
// AUTO-NEXT: dataflow.mvau %{{.*}} simd = 27 : i64
// OFF:       dataflow.swu %{{.*}} {kernel = array<i64: 3, 3>, simd = 3 : i64}
// parallel-window=on: the cheapest folding for 10 FPS, still whole windows
// ON:        dataflow.swu %{{.*}} {kernel = array<i64: 3, 3>, simd = 3 : i64, parallel_window = true}
// ON-NEXT:   dataflow.mvau %{{.*}} {weights = dense<1> : tensor<27x4xi8>, weight_dtype = !qnn.int<2>, ram_style
// FINN's estimator knows no parallel windows: a model of FINN's hardware never chooses them
// FINN:      dataflow.swu %{{.*}} {kernel = array<i64: 3, 3>, simd = 3 : i64}
// SetFolding folds in the plain mode, also after a folding with whole windows
// SETF:      dataflow.swu %{{.*}} {kernel = array<i64: 3, 3>}
// BAD: parallel-window must be one of auto, on, off, got 'yes'

%x = "test.op"() : () -> tensor<1x8x8x3x!qnn.uint<4>>
%y = dataflow.partition "conv" (%a = %x : tensor<1x8x8x3x!qnn.uint<4>>) -> (tensor<1x6x6x4x!qnn.int<11>>) {
  %s = dataflow.swu %a {kernel = array<i64: 3, 3>} : (tensor<1x8x8x3x!qnn.uint<4>>) -> tensor<1x6x6x27x!qnn.uint<4>>
  %m = dataflow.mvau %s {weights = dense<1> : tensor<27x4xi8>, weight_dtype = !qnn.int<2>} : (tensor<1x6x6x27x!qnn.uint<4>>) -> tensor<1x6x6x4x!qnn.int<11>>
  dataflow.yield %m : tensor<1x6x6x4x!qnn.int<11>>
}
