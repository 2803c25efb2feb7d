// rtl: the layers that move elements without computing. A concat of three
// streams is a layer module with a bundle per input (in0, in1, in2) whose
// engine takes them concatenated, the first in the low bits, and the fold
// of each input (its channels / SIMD) as FOLDS, 16 bits each, input 0's
// lowest; upsample binds the input width, channels and factors (SH, SW);
// depth_to_space its input H x W, output channels, blocksize and order
// (CRD 1, DCR 0).
// RUN: finnr-opt %s -t rtl | filecheck %s

// CHECK-LABEL: module rearrange_top (
// CHECK:         rearrange_StreamingConcat_hls_0 u_StreamingConcat_hls_0 (
// CHECK-NEXT:      .ap_clk(ap_clk), .ap_rst_n(ap_rst_n),
// CHECK-NEXT:      .in0_tdata(a_tdata), .in0_tvalid(a_tvalid), .in0_tready(a_tready),
// CHECK-NEXT:      .in1_tdata(b_tdata), .in1_tvalid(b_tvalid), .in1_tready(b_tready),
// CHECK-NEXT:      .in2_tdata(c_tdata), .in2_tvalid(c_tvalid), .in2_tready(c_tready),
// CHECK-NEXT:      .out_tdata(StreamingConcat_hls_0_tdata)

// CHECK-LABEL: module rearrange_StreamingConcat_hls_0 (
// CHECK:           input  wire [5:0] in0_tdata,
// CHECK:           input  wire [5:0] in1_tdata,
// CHECK:           input  wire [5:0] in2_tdata,
// CHECK:           output wire [5:0] out_tdata,
// CHECK:         finnr_concat #(
// CHECK-NEXT:      .N(3),
// CHECK-NEXT:      .SIMD(2),
// CHECK-NEXT:      .BITS(3),
// CHECK-NEXT:      .FOLDS({16'd3, 16'd1, 16'd2})
// CHECK:           .in_tdata({in2_tdata, in1_tdata, in0_tdata}), .in_tvalid({in2_tvalid, in1_tvalid, in0_tvalid}), .in_tready({in2_tready, in1_tready, in0_tready}),

// CHECK-LABEL: layer UpsampleNearestNeighbour_hls_0 (dataflow.upsample), SIMD 2.
// CHECK:         finnr_upsample #(
// CHECK-NEXT:      .W(3),
// CHECK-NEXT:      .C(4),
// CHECK-NEXT:      .SIMD(2),
// CHECK-NEXT:      .SH(2),
// CHECK-NEXT:      .SW(3),
// CHECK-NEXT:      .BITS(3)

// CHECK-LABEL: layer FinnrDepthToSpace_hls_0 (dataflow.depth_to_space), SIMD 2.
// CHECK:         finnr_depth_to_space #(
// CHECK-NEXT:      .H(2),
// CHECK-NEXT:      .W(2),
// CHECK-NEXT:      .C(4),
// CHECK-NEXT:      .SIMD(2),
// CHECK-NEXT:      .B(2),
// CHECK-NEXT:      .CRD(1),
// CHECK-NEXT:      .BITS(4)

// CHECK-LABEL: layer FinnrDepthToSpace_hls_1 (dataflow.depth_to_space), SIMD 1.
// CHECK:         finnr_depth_to_space #(
// CHECK-NEXT:      .H(1),
// CHECK-NEXT:      .W(1),
// CHECK-NEXT:      .C(2),
// CHECK-NEXT:      .SIMD(1),
// CHECK-NEXT:      .B(3),
// CHECK-NEXT:      .CRD(0),

builtin.module {
  func.func @main(%0: tensor<1x2x2x4x!qnn.int<3>>, %1: tensor<1x2x2x2x!qnn.int<3>>, %2: tensor<1x2x2x6x!qnn.int<3>>, %3: tensor<1x2x3x4x!qnn.uint<3>>, %4: tensor<1x2x2x16x!qnn.uint<4>>, %5: tensor<1x1x1x18x!qnn.int<2>>) -> (tensor<1x2x2x12x!qnn.int<3>>, tensor<1x4x9x4x!qnn.uint<3>>, tensor<1x4x4x4x!qnn.uint<4>>, tensor<1x3x3x2x!qnn.int<2>>) {
    %r:4 = dataflow.partition "rearrange" (%a = %0 : tensor<1x2x2x4x!qnn.int<3>>, %b = %1 : tensor<1x2x2x2x!qnn.int<3>>, %c = %2 : tensor<1x2x2x6x!qnn.int<3>>, %u = %3 : tensor<1x2x3x4x!qnn.uint<3>>, %d = %4 : tensor<1x2x2x16x!qnn.uint<4>>, %e = %5 : tensor<1x1x1x18x!qnn.int<2>>) -> (tensor<1x2x2x12x!qnn.int<3>>, tensor<1x4x9x4x!qnn.uint<3>>, tensor<1x4x4x4x!qnn.uint<4>>, tensor<1x3x3x2x!qnn.int<2>>) {
      %cat = dataflow.concat %a, %b, %c {simd = 2 : i64} : (tensor<1x2x2x4x!qnn.int<3>>, tensor<1x2x2x2x!qnn.int<3>>, tensor<1x2x2x6x!qnn.int<3>>) -> tensor<1x2x2x12x!qnn.int<3>>
      %up = dataflow.upsample %u {scale = array<i64: 2, 3>, simd = 2 : i64} : (tensor<1x2x3x4x!qnn.uint<3>>) -> tensor<1x4x9x4x!qnn.uint<3>>
      %ds = dataflow.depth_to_space %d {blocksize = 2 : i64, mode = "CRD", simd = 2 : i64} : (tensor<1x2x2x16x!qnn.uint<4>>) -> tensor<1x4x4x4x!qnn.uint<4>>
      %dd = dataflow.depth_to_space %e {blocksize = 3 : i64, simd = 1 : i64} : (tensor<1x1x1x18x!qnn.int<2>>) -> tensor<1x3x3x2x!qnn.int<2>>
      dataflow.yield %cat, %up, %ds, %dd : tensor<1x2x2x12x!qnn.int<3>>, tensor<1x4x9x4x!qnn.uint<3>>, tensor<1x4x4x4x!qnn.uint<4>>, tensor<1x3x3x2x!qnn.int<2>>
    }
    func.return %r#0, %r#1, %r#2, %r#3 : tensor<1x2x2x12x!qnn.int<3>>, tensor<1x4x9x4x!qnn.uint<3>>, tensor<1x4x4x4x!qnn.uint<4>>, tensor<1x3x3x2x!qnn.int<2>>
  }
}
