// verilog: the AXI-Stream wrapper of an hls.top: byte-padded TDATA, one
// instance per kernel with the Vitis HLS port names, one FIFO per stream.
// RUN: finnr-opt %s -t verilog | filecheck %s
// RUN: finnr-opt %s -t 'verilog{stubs=true}' | filecheck %s --check-prefix=STUB

// CHECK-LABEL: module acc_top (
// CHECK-NEXT:    input  wire ap_clk,
// CHECK-NEXT:    input  wire ap_rst_n,
// CHECK-NEXT:    input  wire [15:0] s_axis_x_tdata,
// CHECK-NEXT:    input  wire s_axis_x_tvalid,
// CHECK-NEXT:    output wire s_axis_x_tready,
// CHECK-NEXT:    output wire [23:0] m_axis_y_tdata,
// CHECK-NEXT:    output wire m_axis_y_tvalid,
// CHECK-NEXT:    input  wire m_axis_y_tready
// CHECK-NEXT:  );
// CHECK:         // stream mid: 6 bits, depth 5
// CHECK-NEXT:    wire [7:0] mid_w_tdata;
// CHECK:         wire [7:0] mid_r_tdata;
// CHECK:         acc_axis_fifo #(.WIDTH(8), .DEPTH(5), .AW(3)) fifo_mid (
// CHECK-NEXT:      .ap_clk(ap_clk), .ap_rst_n(ap_rst_n),
// CHECK-NEXT:      .s_tdata(mid_w_tdata), .s_tvalid(mid_w_tvalid), .s_tready(mid_w_tready),
// CHECK-NEXT:      .m_tdata(mid_r_tdata), .m_tvalid(mid_r_tvalid), .m_tready(mid_r_tready)
// CHECK:         // kernel dwc: conv
// CHECK-NEXT:    conv u_conv (
// CHECK-NEXT:      .ap_clk(ap_clk),
// CHECK-NEXT:      .ap_rst_n(ap_rst_n),
// CHECK-NEXT:      .in0_TDATA(s_axis_x_tdata),
// CHECK-NEXT:      .in0_TVALID(s_axis_x_tvalid),
// CHECK-NEXT:      .in0_TREADY(s_axis_x_tready),
// CHECK-NEXT:      .out0_TDATA(mid_w_tdata),
// CHECK:         // kernel thresholding: thr
// CHECK-NEXT:    thr u_thr (
// CHECK:           .in0_TDATA(mid_r_tdata),
// CHECK:           .out0_TDATA(m_axis_y_tdata),
// CHECK-NEXT:      .out0_TVALID(m_axis_y_tvalid),
// CHECK-NEXT:      .out0_TREADY(m_axis_y_tready)
// CHECK:       endmodule
// CHECK:       module acc_axis_fifo #(

// STUB-LABEL: module conv (
// STUB:         input  wire [15:0] in0_TDATA,
// STUB:         output wire [7:0] out0_TDATA,
// STUB:         assign out0_TDATA = {{[{][{]}}2{1'b0}}, out0_q};
// STUB-LABEL: module thr (
// STUB:         input  wire [7:0] in0_TDATA,
// STUB:         output wire [23:0] out0_TDATA,

hls.top @acc(%x : !hls.stream<!qnn.int<3>, 4>) -> (%y : !hls.stream<!qnn.int<9>, 2>) {
  %mid = hls.stream {depth = 5 : i64, name = "mid"} : !hls.stream<!qnn.int<3>, 2>
  hls.kernel "dwc" "conv" ins(%x : !hls.stream<!qnn.int<3>, 4>) outs(%mid : !hls.stream<!qnn.int<3>, 2>) params {IN = 4 : i64, OUT = 2 : i64, TOTAL = 4 : i64, T = !qnn.int<3>}
  %t = hls.rom "t" dense<0> : tensor<2x1x1xi8> -> tensor<2x1x1x!qnn.int<3>>
  hls.kernel "thresholding" "thr" ins(%mid : !hls.stream<!qnn.int<3>, 2>) outs(%y : !hls.stream<!qnn.int<9>, 2>) roms(%t : tensor<2x1x1x!qnn.int<3>>) params {C = 2 : i64, PE = 2 : i64, VECS = 1 : i64, TI = !qnn.int<3>, TO = !qnn.int<9>, NT = 1 : i64, TT = !qnn.int<3>, ACT_BIAS = 0 : i64}
  hls.yield
}
