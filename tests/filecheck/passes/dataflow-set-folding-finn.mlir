// dataflow-set-folding under FINN's own cost model (cost-model=finn): it
// records the model on the module, folds by FINN's cycles (FINN 1.6's
// SetFolding accepts a folding at exactly the target), and folds the host
// layers FINN builds in hardware too (here the input quantizer, FINN's
// Thresholding_rtl_0), recording their PE as finnr.finn_host_folding. Under
// the default model nothing is recorded and the host stays the host. An
// unknown model is refused.
// RUN: finnr-opt %s -p 'dataflow-set-folding{target-fps=25000000 device=pynq-z1 heuristic="setfolding" cost-model="finn"}' | filecheck %s --check-prefix=FINN
// RUN: finnr-opt %s -p 'dataflow-set-folding{target-fps=25000000 device=pynq-z1 heuristic="setfolding"}' | filecheck %s --check-prefix=DEFAULT
// RUN: finnr-opt %s -p 'dataflow-set-folding{maximize=true device=pynq-z1 cost-model="finn"}' | filecheck %s --check-prefix=MAX
// RUN: not finnr-opt %s -p 'dataflow-set-folding{maximize=true device=pynq-z1 cost-model="nope"}' 2>&1 | filecheck %s --check-prefix=UNKNOWN

// 25 MFPS at 100 MHz: 4 cycles per frame. The MVAU (MW 8, MH 4) raises SIMD
// to 8: (4/1)(8/8) = 4 cycles, which meets 4 under FINN's test (<=) but not
// under finnr's (<), where PE rises to 2 as well. The input thresholding (8
// channels, one vector) needs PE 2: 8/2 = 4 cycles.
// FINN:      builtin.module attributes {finnr.cost_model = "finn", finnr.finn_host_folding = {Thresholding_rtl_0 = {PE = 2 : i64}}}
// FINN:        dataflow.mvau
// FINN-SAME:     : tensor<1x3xi8>, simd = 8 : i64}
// DEFAULT:     builtin.module {
// DEFAULT:       dataflow.mvau
// DEFAULT-SAME:    pe = 2 : i64, simd = 8 : i64
// At full speed the MVAU takes 1 cycle (PE 4, SIMD 8) and so does the input
// thresholding (PE 8).
// MAX:         builtin.module attributes {finnr.cost_model = "finn", finnr.finn_host_folding = {Thresholding_rtl_0 = {PE = 8 : i64}}}
// MAX:           dataflow.mvau
// MAX-SAME:        pe = 4 : i64, simd = 8 : i64
// UNKNOWN:     unknown cost model 'nope' (cost models: finn-r, yosys, finn, ecp5)
func.func @mlp(%x: tensor<1x8xf32>) -> tensor<1x4x!qnn.uint<2>> {
  %t = qnn.constant dense<[[0.25, 0.5, 0.75]]> : tensor<1x3xf32> -> tensor<1x3xf32>
  %q = qnn.multithreshold %x, %t {out_dtype = !qnn.uint<2>} : (tensor<1x8xf32>, tensor<1x3xf32>) -> tensor<1x8x!qnn.uint<2>>
  %y = dataflow.partition (%a = %q : tensor<1x8x!qnn.uint<2>>) -> (tensor<1x4x!qnn.uint<2>>) {
    %h = dataflow.mvau %a {weights = dense<1> : tensor<8x4xi8>, weight_dtype = !qnn.int<2>, thresholds = dense<[[0, 4, 8]]> : tensor<1x3xi8>} : (tensor<1x8x!qnn.uint<2>>) -> tensor<1x4x!qnn.uint<2>>
    dataflow.yield %h : tensor<1x4x!qnn.uint<2>>
  }
  func.return %y : tensor<1x4x!qnn.uint<2>>
}
