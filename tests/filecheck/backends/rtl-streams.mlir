// rtl: layers of several streams. A duplicate's results and an
// add_streams' operands are one stream each (a wire bundle per value,
// named from the layer: DuplicateStreams_hls_0_0, _1, _2); the layer module has
// a bundle per stream (in0, in1 / out0, out1, out2) and hands its engine the
// streams concatenated, the first in the low bits. The VVAU binds C, K, its
// folding and accumulator width; its weight ROM holds the window order,
// K*C/(SIMD*PE) words of SIMD*PE weights.
// RUN: finnr-opt %s -t rtl | filecheck %s

// CHECK-LABEL: module fork_join_top (
// CHECK:         // stream DuplicateStreams_hls_0_0: 2 x !qnn.int<5> per beat
// CHECK-NEXT:    wire [9:0] DuplicateStreams_hls_0_0_tdata;
// CHECK:         // stream DuplicateStreams_hls_0_1: 2 x !qnn.int<5> per beat
// CHECK:         // stream AddStreams_hls_0: 2 x !qnn.int<6> per beat
// CHECK-NEXT:    wire [11:0] AddStreams_hls_0_tdata;
// CHECK:         fork_join_DuplicateStreams_hls_0 u_DuplicateStreams_hls_0 (
// CHECK-NEXT:      .ap_clk(ap_clk), .ap_rst_n(ap_rst_n),
// CHECK-NEXT:      .in_tdata(VVAU_hls_0_tdata), .in_tvalid(VVAU_hls_0_tvalid), .in_tready(VVAU_hls_0_tready),
// CHECK-NEXT:      .out0_tdata(DuplicateStreams_hls_0_0_tdata), .out0_tvalid(DuplicateStreams_hls_0_0_tvalid), .out0_tready(DuplicateStreams_hls_0_0_tready),
// CHECK-NEXT:      .out1_tdata(DuplicateStreams_hls_0_1_tdata), .out1_tvalid(DuplicateStreams_hls_0_1_tvalid), .out1_tready(DuplicateStreams_hls_0_1_tready),
// CHECK-NEXT:      .out2_tdata(DuplicateStreams_hls_0_2_tdata), .out2_tvalid(DuplicateStreams_hls_0_2_tvalid), .out2_tready(DuplicateStreams_hls_0_2_tready));
// CHECK:         fork_join_AddStreams_hls_0 u_AddStreams_hls_0 (
// CHECK-NEXT:      .ap_clk(ap_clk), .ap_rst_n(ap_rst_n),
// CHECK-NEXT:      .in0_tdata(DuplicateStreams_hls_0_1_tdata), .in0_tvalid(DuplicateStreams_hls_0_1_tvalid), .in0_tready(DuplicateStreams_hls_0_1_tready),
// CHECK-NEXT:      .in1_tdata(DuplicateStreams_hls_0_0_tdata), .in1_tvalid(DuplicateStreams_hls_0_0_tvalid), .in1_tready(DuplicateStreams_hls_0_0_tready),
// CHECK-NEXT:      .out_tdata(AddStreams_hls_0_tdata), .out_tvalid(AddStreams_hls_0_tvalid), .out_tready(AddStreams_hls_0_tready));
// CHECK:       endmodule

// CHECK:       layer VVAU_hls_0 (dataflow.vvau), PE 2, SIMD 2.
// CHECK-NEXT:  // ROM fork_join_VVAU_hls_0_weights.mem: 2 words of 8 bits
// CHECK:         finnr_vvau #(
// CHECK-NEXT:      .C(2),
// CHECK-NEXT:      .K(4),
// CHECK-NEXT:      .SIMD(2),
// CHECK-NEXT:      .PE(2),
// CHECK-NEXT:      .IN_BITS(2),
// CHECK-NEXT:      .IN_KIND(1),
// CHECK-NEXT:      .W_BITS(2),
// CHECK-NEXT:      .W_KIND(1),
// CHECK-NEXT:      .ACC_BITS(4),
// CHECK-NEXT:      .NT(0),

// CHECK-LABEL: module fork_join_DuplicateStreams_hls_0 (
// CHECK:           input  wire [9:0] in_tdata,
// CHECK:           output wire [9:0] out0_tdata,
// CHECK-NEXT:      output wire out0_tvalid,
// CHECK-NEXT:      input  wire out0_tready,
// CHECK-NEXT:      output wire [9:0] out1_tdata,
// CHECK:         finnr_duplicate #(
// CHECK-NEXT:      .N(3),
// CHECK-NEXT:      .WIDTH(10)
// CHECK:           .in_tdata(in_tdata), .in_tvalid(in_tvalid), .in_tready(in_tready),
// CHECK-NEXT:      .out_tdata({out2_tdata, out1_tdata, out0_tdata}), .out_tvalid({out2_tvalid, out1_tvalid, out0_tvalid}), .out_tready({out2_tready, out1_tready, out0_tready}));

// CHECK-LABEL: module fork_join_AddStreams_hls_1 (
// CHECK:           input  wire [9:0] in0_tdata,
// CHECK:           input  wire [7:0] in1_tdata,
// CHECK:           output wire [11:0] out_tdata,
// CHECK:         finnr_add_streams #(
// CHECK-NEXT:      .PE(2),
// CHECK-NEXT:      .A_BITS(5),
// CHECK-NEXT:      .A_KIND(1),
// CHECK-NEXT:      .B_BITS(4),
// CHECK-NEXT:      .B_KIND(0),
// CHECK-NEXT:      .OUT_BITS(6)
// CHECK:           .in_tdata({in1_tdata, in0_tdata}), .in_tvalid({in1_tvalid, in0_tvalid}), .in_tready({in1_tready, in0_tready}),

builtin.module {
  func.func @main(%x: tensor<1x1x1x8x!qnn.int<2>>, %z: tensor<1x1x1x2x!qnn.uint<4>>) -> (tensor<1x1x1x2x!qnn.int<6>>, tensor<1x1x1x2x!qnn.int<6>>) {
    %y:2 = dataflow.partition "fork join" (%win = %x : tensor<1x1x1x8x!qnn.int<2>>, %u = %z : tensor<1x1x1x2x!qnn.uint<4>>) -> (tensor<1x1x1x2x!qnn.int<6>>, tensor<1x1x1x2x!qnn.int<6>>) {
      %v = dataflow.vvau %win {kernel = array<i64: 2, 2>, weights = dense<[[1, -1, 0, 1], [-2, 1, 1, 0]]> : tensor<2x4xi8>, weight_dtype = !qnn.int<2>, pe = 2 : i64, simd = 2 : i64} : (tensor<1x1x1x8x!qnn.int<2>>) -> tensor<1x1x1x2x!qnn.int<5>>
      %d:3 = dataflow.duplicate %v {pe = 2 : i64} : (tensor<1x1x1x2x!qnn.int<5>>) -> (tensor<1x1x1x2x!qnn.int<5>>, tensor<1x1x1x2x!qnn.int<5>>, tensor<1x1x1x2x!qnn.int<5>>)
      %s = dataflow.add_streams %d#1, %d#0 {pe = 2 : i64} : (tensor<1x1x1x2x!qnn.int<5>>, tensor<1x1x1x2x!qnn.int<5>>) -> tensor<1x1x1x2x!qnn.int<6>>
      %t = dataflow.add_streams %d#2, %u {pe = 2 : i64} : (tensor<1x1x1x2x!qnn.int<5>>, tensor<1x1x1x2x!qnn.uint<4>>) -> tensor<1x1x1x2x!qnn.int<6>>
      dataflow.yield %s, %t : tensor<1x1x1x2x!qnn.int<6>>, tensor<1x1x1x2x!qnn.int<6>>
    }
    func.return %y#0, %y#1 : tensor<1x1x1x2x!qnn.int<6>>, tensor<1x1x1x2x!qnn.int<6>>
  }
}
