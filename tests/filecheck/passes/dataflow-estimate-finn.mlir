// dataflow-estimate under FINN's own cost model: cost-model=finn records the
// model on the module (finnr.cost_model) and costs every layer as FINN's
// estimator (finn-plus 1.6.1) costs the nodes FINN's flow makes of it; a
// module that records the model is estimated under it without the option;
// an unknown model is refused.
// RUN: finnr-opt %s -p 'dataflow-estimate{cost-model="finn"}' | filecheck %s
// RUN: finnr-opt %s -p 'dataflow-estimate{cost-model="finn"},dataflow-estimate' | filecheck %s
// RUN: finnr-opt %s -p 'dataflow-estimate{cost-model="finn"},dataflow-estimate{cost-model="finn-r"}' | filecheck %s --check-prefix=DEFAULT
// RUN: not finnr-opt %s -p 'dataflow-estimate{cost-model="nope"}' 2>&1 | filecheck %s --check-prefix=UNKNOWN

// An MVAU_hls, MW 8, MH 4, PE 2, SIMD 4, input UINT2; its weights are all 1,
// which FINN minimizes to BINARY (W = 1), and their accumulator range [0, 24]
// to UINT5 (the datatype bound is ceil(log2 8 + 1 + 2 - 1 + log2(1 + 2^-5) + 1)
// = 7, so acc = 5); weights decoupled in 'auto' memory (BRAM), thresholds in
// 'auto' memory (FINN's LUT estimate does not count them):
//   cycles = (MH/PE)(MW/SIMD) = 4
//   LUT = 300 + 1.1 PE (SIMD (2 ceil(3/6) - 1) 3 + 3 (2 SIMD - 1) + acc)
//       = 300 + 2.2 (12 + 21 + 5) = 383.6 -> 383
//   BRAM18: one memory of MW MH/(PE SIMD) = 4 words of PE SIMD W = 8 bits: 1
//   FF: finnr's (FINN estimates none)
// The FIFO keeps finnr's model. Thresholding_rtl: 4 channels, PE 2, three
// thresholds of 2 + 1 bits, 2 output bits: per PE memories of 2 and 4 words
// of 3 bits, each 3 LUTRAMs (the least waste): LUT 2 * (3 + 3) = 12, 2 cycles.
// CHECK:       builtin.module attributes {finnr.cost_model = "finn"}
// CHECK:         dataflow.mvau %{{[^ ]*}} {cost = {cycles = 4 : i64, lut = 383 : i64, ff = 52 : i64, bram18 = 1 : i64, uram = 0 : i64, dsp = 0 : i64}
// CHECK-NEXT:    dataflow.fifo %{{[^ ]*}} {cost = {cycles = 2 : i64, lut = 24 : i64, ff = 28 : i64, bram18 = 0 : i64, uram = 0 : i64, dsp = 0 : i64}
// CHECK-NEXT:    dataflow.thresholding %{{[^ ]*}} {cost = {cycles = 2 : i64, lut = 12 : i64, ff = 8 : i64, bram18 = 0 : i64, uram = 0 : i64, dsp = 0 : i64}
// DEFAULT-NOT:   finnr.cost_model
// DEFAULT:       dataflow.mvau %{{[^ ]*}} {cost = {cycles = 4 : i64, lut = 536 : i64
// UNKNOWN:       unknown cost model 'nope' (cost models: finn-r, yosys, finn, ecp5)
func.func @mlp(%x: tensor<1x8x!qnn.uint<2>>) -> tensor<1x4x!qnn.uint<2>> {
  %y = dataflow.partition (%a = %x : tensor<1x8x!qnn.uint<2>>) -> (tensor<1x4x!qnn.uint<2>>) {
    %h = dataflow.mvau %a {weights = dense<1> : tensor<8x4xi8>, weight_dtype = !qnn.int<2>, thresholds = dense<[[0, 4, 8]]> : tensor<1x3xi8>, pe = 2 : i64, simd = 4 : i64} : (tensor<1x8x!qnn.uint<2>>) -> tensor<1x4x!qnn.uint<2>>
    %f = dataflow.fifo %h {elems = 2 : i64} : (tensor<1x4x!qnn.uint<2>>) -> tensor<1x4x!qnn.uint<2>>
    %t = dataflow.thresholding %f {thresholds = dense<[[1, 2, 3]]> : tensor<1x3xi8>, pe = 2 : i64} : (tensor<1x4x!qnn.uint<2>>) -> tensor<1x4x!qnn.uint<2>>
    dataflow.yield %t : tensor<1x4x!qnn.uint<2>>
  }
  func.return %y : tensor<1x4x!qnn.uint<2>>
}
