// dataflow-set-folding chooses several pixels per beat (mmv) where it pays,
// and its mmv option forbids or forces it: an 8x8x3 frame, 3x3 windows (6x6
// of them) into an MVAU of MW 27, MH 4. M divides W = 8 and OW = 6: 2.
// RUN: finnr-opt %s -p 'dataflow-set-folding{maximize=true device=zcu104}' | filecheck %s --check-prefix=AUTO
// RUN: finnr-opt %s -p 'dataflow-set-folding{maximize=true device=zcu104 mmv=off}' | filecheck %s --check-prefix=OFF
// RUN: finnr-opt %s -p 'dataflow-set-folding{maximize=true device=zcu104 parallel-window=off}' | filecheck %s --check-prefix=PWOFF
// RUN: finnr-opt %s -p 'dataflow-set-folding{target-fps=10 device=zcu104 mmv=on}' | filecheck %s --check-prefix=ON
// RUN: finnr-opt %s -p 'dataflow-set-folding{maximize=true device=zcu104 cost-model=finn}' | filecheck %s --check-prefix=FINN
// RUN: finnr-opt %s -p 'dataflow-set-folding{maximize=true device=zcu104},dataflow-set-folding{target-fps=10 device=zcu104 heuristic=setfolding}' | filecheck %s --check-prefix=SETF
// RUN: not finnr-opt %s -p 'dataflow-set-folding{maximize=true device=zcu104 mmv=yes}' 2>&1 | filecheck %s --check-prefix=BAD

// auto: two windows a beat (32 cycles, the input's 64 pixels two a beat),
// the MVAU two vectors a beat at SIMD 27, PE 4 (18 cycles)
// AUTO:      dataflow.swu %{{.*}} {kernel = array<i64: 3, 3>, simd = 3 : i64, parallel_window = true, mmv = 2 : i64}
// AUTO-NEXT: dataflow.mvau %{{.*}} mmv = 2 : i64, pe = 4 : i64, simd = 27 : i64
// mmv=off: whole windows, one a beat (64 cycles); the MVAU one vector a beat
// OFF:       dataflow.swu %{{.*}} {kernel = array<i64: 3, 3>, simd = 3 : i64, parallel_window = true}
// OFF-NEXT:  dataflow.mvau %{{.*}} {weights = dense<1> : tensor<27x4xi8>, weight_dtype = !qnn.int<2>, pe = 4 : i64
// OFF-NOT:   mmv
// parallel-window=off: no whole windows, so no M windows a beat; the MVAU
// keeps up with the column-by-column SWU without M
// PWOFF:      dataflow.swu %{{.*}} {kernel = array<i64: 3, 3>, simd = 3 : i64}
// PWOFF-NEXT: dataflow.mvau %{{.*}} {weights = dense<1> : tensor<27x4xi8>, weight_dtype = !qnn.int<2>, pe = 4 : i64, simd = 3 : i64
// mmv=on: the cheapest folding for 10 FPS, still two pixels a beat wherever a layer can
// ON:        dataflow.swu %{{.*}} {kernel = array<i64: 3, 3>, simd = 3 : i64, parallel_window = true, mmv = 2 : i64}
// ON-NEXT:   dataflow.mvau %{{.*}} mmv = 2 : i64, pe = 4 : i64, simd = 27 : i64
// FINN's estimator knows no MMV: a model of FINN's hardware never chooses it
// FINN:      dataflow.swu %{{.*}} {kernel = array<i64: 3, 3>, simd = 3 : i64}
// FINN-NEXT: dataflow.mvau
// FINN-NOT:  mmv
// SetFolding folds one pixel a beat, also after a folding with M = 2
// SETF:      dataflow.swu %{{.*}} {kernel = array<i64: 3, 3>}
// SETF-NEXT: dataflow.mvau
// SETF-NOT:  mmv
// BAD: mmv must be one of auto, on, off, got 'yes'

%x = "test.op"() : () -> tensor<1x8x8x3x!qnn.uint<4>>
%y = dataflow.partition "conv" (%a = %x : tensor<1x8x8x3x!qnn.uint<4>>) -> (tensor<1x6x6x4x!qnn.int<11>>) {
  %s = dataflow.swu %a {kernel = array<i64: 3, 3>} : (tensor<1x8x8x3x!qnn.uint<4>>) -> tensor<1x6x6x27x!qnn.uint<4>>
  %m = dataflow.mvau %s {weights = dense<1> : tensor<27x4xi8>, weight_dtype = !qnn.int<2>} : (tensor<1x6x6x27x!qnn.uint<4>>) -> tensor<1x6x6x4x!qnn.int<11>>
  dataflow.yield %m : tensor<1x6x6x4x!qnn.int<11>>
}
