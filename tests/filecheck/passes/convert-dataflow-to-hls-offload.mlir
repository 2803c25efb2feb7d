// convert-dataflow-to-hls refuses a multi-layer-offload accelerator (it has
// no HLS lowering yet) with one diagnostic.
// RUN: not finnr-opt %s -p convert-dataflow-to-hls 2>&1 | filecheck %s

// CHECK: finnr-opt: error: convert-dataflow-to-hls: 'dataflow.offload' "accel" (multi-layer offload) has no HLS lowering yet
func.func @mo(%x: tensor<1x12x!qnn.uint<2>>) -> tensor<1x10x!qnn.int<8>> {
  %y = dataflow.offload "accel" (%a = %x : tensor<1x12x!qnn.uint<2>>) -> (tensor<1x10x!qnn.int<8>>) {
    dataflow.engine @mvau_engine {pe = 4 : i64, simd = 8 : i64, wbits = 2 : i64, abits = 2 : i64}
    %h = dataflow.mvau %a {weights = dense<1> : tensor<12x10xi8>, weight_dtype = !qnn.int<2>, pe = 4 : i64, simd = 8 : i64, mem_mode = "external", engine = @mvau_engine} : (tensor<1x12x!qnn.uint<2>>) -> tensor<1x10x!qnn.int<8>>
    dataflow.yield %h : tensor<1x10x!qnn.int<8>>
  }
  func.return %y : tensor<1x10x!qnn.int<8>>
}
