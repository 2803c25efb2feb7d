// dataflow-estimate under FINN's cost model on a depthwise convolution: FINN
// requires the window generator in front of a VVAU to take the VVAU's PE as
// its SIMD, so the window is one of the VVAU's FINN nodes: finnr's window
// layer costs nothing of its own, and the VVAU's cycles are the slower of
// its window generator at SIMD = PE and the VVAU itself. Under the default
// model each layer keeps its own folding and cost.
// RUN: finnr-opt %s -p 'dataflow-estimate{cost-model="finn"}' | filecheck %s --check-prefix=FINN
// RUN: finnr-opt %s -p 'dataflow-estimate' | filecheck %s --check-prefix=DEFAULT

// C 4, 8x8 -> 3x3, 3x3 window, stride 2. VVAU_hls at PE 2: (4/2) 9 9 = 162 cycles.
// FINN's depthwise ConvolutionInputGenerator_rtl at SIMD 2 (not the SWU's own 1), C/SIMD = 2 folds:
// buffer (2 8 + 2 + 1) 2 = 38, per output row max(3 9 2, 2 8 2) + 3 (2 - 1)(2 - 1) = 57, last row 8 2:
// 38 + 3 57 + 16 = 225 cycles.
// FINN:      dataflow.swu %0 {cost = {cycles = 0 : i64, lut = 0 : i64
// FINN:      dataflow.vvau %1 {cost = {cycles = 225 : i64
// DEFAULT:   dataflow.swu %0 {cost = {cycles = 388 : i64, lut = {{[1-9]}}
// DEFAULT:   dataflow.vvau %1 {cost = {cycles = 162 : i64
func.func @dw(%x: tensor<1x8x8x4x!qnn.uint<2>>) -> tensor<1x3x3x4x!qnn.uint<2>> {
  %r = dataflow.partition "dataflow_0" (%0 = %x : tensor<1x8x8x4x!qnn.uint<2>>) -> (tensor<1x3x3x4x!qnn.uint<2>>) {
    %1 = dataflow.swu %0 {kernel = array<i64: 3, 3>, stride = array<i64: 2, 2>, depthwise = true} : (tensor<1x8x8x4x!qnn.uint<2>>) -> tensor<1x3x3x36x!qnn.uint<2>>
    %2 = dataflow.vvau %1 {weights = dense<[[1, 1, -1, -1, 1, -1, -1, 0, -1], [1, -1, 1, -1, 1, 1, 1, -1, -1], [1, -1, -1, 1, -1, 1, 0, 0, -1], [1, -1, 1, 1, -1, -1, 1, 1, -1]]> : tensor<4x9xi8>, weight_dtype = !qnn.int<2>, kernel = array<i64: 3, 3>, thresholds = dense<[[-4, -2, 0], [3, 5, 7], [0, 2, 3], [-2, 0, 1]]> : tensor<4x3xi8>, pe = 2 : i64} : (tensor<1x3x3x36x!qnn.uint<2>>) -> tensor<1x3x3x4x!qnn.uint<2>>
    dataflow.yield %2 : tensor<1x3x3x4x!qnn.uint<2>>
  }
  func.return %r : tensor<1x3x3x4x!qnn.uint<2>>
}
