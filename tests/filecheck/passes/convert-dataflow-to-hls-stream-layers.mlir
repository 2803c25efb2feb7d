// convert-dataflow-to-hls and the stream layers of issue 17: dataflow.concat
// becomes a "concat" kernel with one channel count per input (C0, C1, ...,
// printed last, as the template's parameter pack), dataflow.upsample an
// "upsample" kernel, dataflow.depth_to_space a "depth_to_space" kernel (CRD
// = 1 for the CRD channel order); the hls-cpp target prints their calls.
// RUN: finnr-opt %s -p convert-dataflow-to-hls | filecheck %s
// RUN: finnr-opt %s -p convert-dataflow-to-hls -t hls-cpp | filecheck %s --check-prefix=CPP

func.func @main(%a: tensor<1x2x3x4x!qnn.uint<3>>, %b: tensor<1x2x3x4x!qnn.uint<3>>) -> (tensor<1x4x9x8x!qnn.uint<3>>, tensor<1x4x6x2x!qnn.uint<3>>) {
  %r:2 = dataflow.partition "layers17" (%xa = %a : tensor<1x2x3x4x!qnn.uint<3>>, %xb = %b : tensor<1x2x3x4x!qnn.uint<3>>) -> (tensor<1x4x9x8x!qnn.uint<3>>, tensor<1x4x6x2x!qnn.uint<3>>) {
    %c = dataflow.concat %xa, %xb {simd = 2 : i64} : (tensor<1x2x3x4x!qnn.uint<3>>, tensor<1x2x3x4x!qnn.uint<3>>) -> tensor<1x2x3x8x!qnn.uint<3>>
    %d:2 = dataflow.duplicate %c {pe = 2 : i64} : (tensor<1x2x3x8x!qnn.uint<3>>) -> (tensor<1x2x3x8x!qnn.uint<3>>, tensor<1x2x3x8x!qnn.uint<3>>)
    %u = dataflow.upsample %d#0 {scale = array<i64: 2, 3>, simd = 2 : i64} : (tensor<1x2x3x8x!qnn.uint<3>>) -> tensor<1x4x9x8x!qnn.uint<3>>
    %w = dataflow.dwc %d#1 {in_elems = 2 : i64, out_elems = 1 : i64} : (tensor<1x2x3x8x!qnn.uint<3>>) -> tensor<1x2x3x8x!qnn.uint<3>>
    %s = dataflow.depth_to_space %w {blocksize = 2 : i64, mode = "CRD"} : (tensor<1x2x3x8x!qnn.uint<3>>) -> tensor<1x4x6x2x!qnn.uint<3>>
    dataflow.yield %u, %s : tensor<1x4x9x8x!qnn.uint<3>>, tensor<1x4x6x2x!qnn.uint<3>>
  }
  func.return %r#0, %r#1 : tensor<1x4x9x8x!qnn.uint<3>>, tensor<1x4x6x2x!qnn.uint<3>>
}

// CHECK-LABEL: hls.top @layers17(
// CHECK-SAME:  %[[A:[^ ]*]] : !hls.stream<!qnn.uint<3>, 2>, %[[B:[^ ]*]] : !hls.stream<!qnn.uint<3>, 2>) -> (%[[O0:[^ ]*]] : !hls.stream<!qnn.uint<3>, 2>, %[[O1:[^ ]*]] : !hls.stream<!qnn.uint<3>, 1>)
// CHECK:       hls.kernel "concat" "StreamingConcat_hls_0" ins(%[[A]], %[[B]] : !hls.stream<!qnn.uint<3>, 2>, !hls.stream<!qnn.uint<3>, 2>) outs(%{{.*}} : !hls.stream<!qnn.uint<3>, 2>) params {SIMD = 2 : i64, VECS = 6 : i64, T = !qnn.uint<3>, C0 = 4 : i64, C1 = 4 : i64}
// CHECK:       hls.kernel "upsample" "UpsampleNearestNeighbour_hls_0" ins(%{{.*}} : !hls.stream<!qnn.uint<3>, 2>) outs(%[[O0]] : !hls.stream<!qnn.uint<3>, 2>) params {N = 1 : i64, H = 2 : i64, W = 3 : i64, C = 8 : i64, SH = 2 : i64, SW = 3 : i64, SIMD = 2 : i64, T = !qnn.uint<3>}
// CHECK:       hls.kernel "depth_to_space" "FinnrDepthToSpace_hls_0" ins(%{{.*}} : !hls.stream<!qnn.uint<3>, 1>) outs(%[[O1]] : !hls.stream<!qnn.uint<3>, 1>) params {N = 1 : i64, H = 2 : i64, W = 3 : i64, C = 2 : i64, B = 2 : i64, CRD = 1 : i64, SIMD = 1 : i64, T = !qnn.uint<3>}

// CPP-LABEL: // kernel concat: StreamingConcat_hls_0
// CPP-NEXT:  void StreamingConcat_hls_0(hls::stream<ap_uint<6> > &in0, hls::stream<ap_uint<6> > &in1, hls::stream<ap_uint<6> > &out0) {
// CPP:         finnr::concat<2, 6, finnr::UInt<3>, 4, 4>(in0, in1, out0);
// CPP-LABEL: // kernel upsample: UpsampleNearestNeighbour_hls_0
// CPP:         finnr::upsample<1, 2, 3, 8, 2, 3, 2, finnr::UInt<3>>(in0, out0);
// CPP-LABEL: // kernel depth_to_space: FinnrDepthToSpace_hls_0
// CPP:         finnr::depth_to_space<1, 2, 3, 2, 2, 1, 1, finnr::UInt<3>>(in0, out0);
