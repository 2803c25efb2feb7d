// rtl: finnr's own RTL of a folded dataflow partition: a top with byte-padded
// AXI-Stream ports and one wire bundle per stream, then one module per layer
// binding its library engine's parameters (dimensions, folding, element
// kinds 0 unsigned / 1 signed / 2 bipolar, accumulator and threshold
// widths, ROM file names). Names are sanitized: the partition
// 'my "accel"; wire' and the port hint 'module' (a keyword) never reach
// Verilog verbatim. Each layer module registers the reset once for its
// engine, so the reset's fanout stays within the layer.
// RUN: finnr-opt %s -t rtl | filecheck %s

// CHECK-LABEL: module my_accel_wire_top (
// CHECK-NEXT:    input  wire ap_clk,
// CHECK-NEXT:    input  wire ap_rst_n,
// CHECK-NEXT:    input  wire [7:0] s_axis_module_1_tdata,
// CHECK-NEXT:    input  wire s_axis_module_1_tvalid,
// CHECK-NEXT:    output wire s_axis_module_1_tready,
// CHECK-NEXT:    output wire [7:0] m_axis_out0_tdata,
// CHECK-NEXT:    output wire m_axis_out0_tvalid,
// CHECK-NEXT:    input  wire m_axis_out0_tready
// CHECK-NEXT:  );
// CHECK-NEXT:    // stream module_1: 2 x !qnn.int<3> per beat
// CHECK-NEXT:    wire [5:0] module_1_tdata;
// CHECK:         // stream StreamingDataWidthConverter_hls_0: 4 x !qnn.int<3> per beat
// CHECK-NEXT:    wire [11:0] StreamingDataWidthConverter_hls_0_tdata;
// CHECK:         // stream LabelSelect_hls_0: 1 x !qnn.uint<2> per beat
// CHECK-NEXT:    wire [1:0] LabelSelect_hls_0_tdata;
// CHECK:         assign module_1_tdata = s_axis_module_1_tdata[5:0];
// CHECK:         assign m_axis_out0_tdata = {6'd0, LabelSelect_hls_0_tdata};
// CHECK:         // FMPadding_rtl_0: dataflow.pad
// CHECK-NEXT:    my_accel_wire_FMPadding_rtl_0 u_FMPadding_rtl_0 (
// CHECK-NEXT:      .ap_clk(ap_clk), .ap_rst_n(ap_rst_n),
// CHECK-NEXT:      .in_tdata(module_1_tdata), .in_tvalid(module_1_tvalid), .in_tready(module_1_tready),
// CHECK-NEXT:      .out_tdata(FMPadding_rtl_0_tdata), .out_tvalid(FMPadding_rtl_0_tvalid), .out_tready(FMPadding_rtl_0_tready));
// CHECK:         my_accel_wire_MVAU_hls_0 u_MVAU_hls_0 (
// CHECK-NEXT:      .ap_clk(ap_clk), .ap_rst_n(ap_rst_n),
// CHECK-NEXT:      .in_tdata(StreamingDataWidthConverter_hls_0_tdata),
// CHECK:         my_accel_wire_LabelSelect_hls_0 u_LabelSelect_hls_0 (
// CHECK:       endmodule

// CHECK-LABEL: module my_accel_wire_FMPadding_rtl_0 (
// CHECK:         reg rst_n_q;
// CHECK-NEXT:    (* keep *) always @(posedge ap_clk) rst_n_q <= ap_rst_n;
// CHECK-NEXT:    finnr_pad #(
// CHECK-NEXT:      .H(4),
// CHECK-NEXT:      .W(4),
// CHECK-NEXT:      .C(2),
// CHECK-NEXT:      .SIMD(2),
// CHECK-NEXT:      .TOP(1),
// CHECK-NEXT:      .LEFT(0),
// CHECK-NEXT:      .BOTTOM(0),
// CHECK-NEXT:      .RIGHT(1),
// CHECK-NEXT:      .BITS(3),
// CHECK-NEXT:      .VALUE(7)
// CHECK-NEXT:    ) u (
// CHECK-NEXT:      .ap_clk(ap_clk), .ap_rst_n(rst_n_q),

// CHECK:       layer ConvolutionInputGenerator_rtl_0 (dataflow.swu), SIMD 2.
// CHECK:         finnr_window #(
// CHECK-NEXT:      .H(5),
// CHECK-NEXT:      .W(5),
// CHECK:           .KH(2),
// CHECK-NEXT:      .KW(2),
// CHECK-NEXT:      .SH(2),
// CHECK-NEXT:      .SW(2),
// CHECK:           .OH(2),
// CHECK-NEXT:      .OW(2),
// CHECK-NEXT:      .BITS(3),
// CHECK-NEXT:      .KIND(1),
// CHECK-NEXT:      .POOL(0)

// CHECK-LABEL: module my_accel_wire_StreamingFIFO_rtl_0 (
// CHECK:         finnr_fifo #(
// CHECK-NEXT:      .WIDTH(6),
// CHECK-NEXT:      .DEPTH(4)

// CHECK-LABEL: module my_accel_wire_StreamingDataWidthConverter_hls_0 (
// CHECK:           output wire [11:0] out_tdata,
// CHECK:         finnr_dwc #(
// CHECK-NEXT:      .BITS(3),
// CHECK-NEXT:      .IN(2),
// CHECK-NEXT:      .OUT(4)

// CHECK:       layer MVAU_hls_0 (dataflow.mvau), PE 2, SIMD 4.
// CHECK-NEXT:  // ROM my_accel_wire_MVAU_hls_0_weights.mem: 4 words of 16 bits
// CHECK-NEXT:  // ROM my_accel_wire_MVAU_hls_0_thresholds.mem: 2 words of 18 bits
// CHECK:         finnr_mvau #(
// CHECK-NEXT:      .MW(8),
// CHECK-NEXT:      .MH(4),
// CHECK-NEXT:      .SIMD(4),
// CHECK-NEXT:      .PE(2),
// CHECK-NEXT:      .IN_BITS(3),
// CHECK-NEXT:      .IN_KIND(1),
// CHECK-NEXT:      .W_BITS(2),
// CHECK-NEXT:      .W_KIND(1),
// CHECK-NEXT:      .ACC_BITS(6),
// CHECK-NEXT:      .NT(3),
// CHECK-NEXT:      .T_BITS(3),
// CHECK-NEXT:      .OUT_BITS(2),
// CHECK-NEXT:      .ACT_BIAS(0),
// CHECK-NEXT:      .LEVELS(2),
// CHECK-NEXT:      .WEIGHTS("my_accel_wire_MVAU_hls_0_weights.mem"),
// CHECK-NEXT:      .WEIGHTS_BANK(1024),
// CHECK-NEXT:      .THRESHOLDS("my_accel_wire_MVAU_hls_0_thresholds.mem"),
// CHECK-NEXT:      .THRESHOLDS_BANK(1024)

// CHECK:       layer StreamingMaxPool_hls_0 (dataflow.maxpool), PE 2.
// CHECK:         finnr_window #(
// CHECK:           .POOL(1)

// CHECK:       layer Thresholding_rtl_0 (dataflow.thresholding), PE 4.
// CHECK:         finnr_thresholding #(
// CHECK-NEXT:      .C(4),
// CHECK-NEXT:      .PE(4),
// CHECK-NEXT:      .IN_BITS(2),
// CHECK-NEXT:      .IN_KIND(0),
// CHECK-NEXT:      .NT(1),

// CHECK:       layer LabelSelect_hls_0 (dataflow.label_select), PE 2.
// CHECK:         finnr_label_select #(
// CHECK-NEXT:      .L(4),
// CHECK-NEXT:      .K(1),
// CHECK-NEXT:      .PE(2),
// CHECK-NEXT:      .IN_BITS(1),
// CHECK-NEXT:      .IN_KIND(2),
// CHECK-NEXT:      .OUT_BITS(2)

builtin.module {
  func.func @main(%0: tensor<1x4x4x2x!qnn.int<3>>) -> tensor<1x1x1x1x!qnn.uint<2>> {
    %1 = dataflow.partition "my \22accel\22; wire" (%module = %0 : tensor<1x4x4x2x!qnn.int<3>>) -> (tensor<1x1x1x1x!qnn.uint<2>>) {
      %2 = dataflow.pad %module {pads = array<i64: 1, 0, 0, 1>, value = -1.000000e+00 : f32, simd = 2 : i64} : (tensor<1x4x4x2x!qnn.int<3>>) -> tensor<1x5x5x2x!qnn.int<3>>
      %3 = dataflow.swu %2 {kernel = array<i64: 2, 2>, stride = array<i64: 2, 2>, simd = 2 : i64} : (tensor<1x5x5x2x!qnn.int<3>>) -> tensor<1x2x2x8x!qnn.int<3>>
      %4 = dataflow.fifo %3 {depth = 4 : i64, elems = 2 : i64} : (tensor<1x2x2x8x!qnn.int<3>>) -> tensor<1x2x2x8x!qnn.int<3>>
      %5 = dataflow.dwc %4 {in_elems = 2 : i64, out_elems = 4 : i64} : (tensor<1x2x2x8x!qnn.int<3>>) -> tensor<1x2x2x8x!qnn.int<3>>
      %6 = dataflow.mvau %5 {weights = dense<[[1, -1, 0, 1], [0, 1, 1, -2], [1, 1, -1, 0], [-2, 0, 1, 1], [1, 0, 0, 1], [0, -1, 1, 1], [1, 1, 1, 1], [-1, 0, -2, 1]]> : tensor<8x4xi8>, weight_dtype = !qnn.int<2>, pe = 2 : i64, simd = 4 : i64, thresholds = dense<[[-1.500000e+00, 0.000000e+00, 2.500000e+00], [-1.500000e+00, 0.000000e+00, 2.500000e+00], [-1.500000e+00, 0.000000e+00, 2.500000e+00], [-1.500000e+00, 0.000000e+00, 2.500000e+00]]> : tensor<4x3xf32>} : (tensor<1x2x2x8x!qnn.int<3>>) -> tensor<1x2x2x4x!qnn.uint<2>>
      %7 = dataflow.maxpool %6 {kernel = array<i64: 2, 2>, stride = array<i64: 2, 2>, pe = 2 : i64} : (tensor<1x2x2x4x!qnn.uint<2>>) -> tensor<1x1x1x4x!qnn.uint<2>>
      %w = dataflow.dwc %7 {in_elems = 2 : i64, out_elems = 4 : i64} : (tensor<1x1x1x4x!qnn.uint<2>>) -> tensor<1x1x1x4x!qnn.uint<2>>
      %8 = dataflow.thresholding %w {thresholds = dense<1.000000e+00> : tensor<1x1xf32>, pe = 4 : i64} : (tensor<1x1x1x4x!qnn.uint<2>>) -> tensor<1x1x1x4x!qnn.bipolar>
      %v = dataflow.dwc %8 {in_elems = 4 : i64, out_elems = 2 : i64} : (tensor<1x1x1x4x!qnn.bipolar>) -> tensor<1x1x1x4x!qnn.bipolar>
      %9 = dataflow.label_select %v {k = 1 : i64, pe = 2 : i64} : (tensor<1x1x1x4x!qnn.bipolar>) -> tensor<1x1x1x1x!qnn.uint<2>>
      dataflow.yield %9 : tensor<1x1x1x1x!qnn.uint<2>>
    }
    func.return %1 : tensor<1x1x1x1x!qnn.uint<2>>
  }
}
