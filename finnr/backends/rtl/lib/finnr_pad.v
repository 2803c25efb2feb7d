// finnr RTL library: padding of an H x W x C frame (SIMD channels per
// beat) by TOP/LEFT/BOTTOM/RIGHT pixels of VALUE: one output beat per
// cycle, (H+TOP+BOTTOM)*(W+LEFT+RIGHT)*C/SIMD cycles per frame; in_frame the
// frame each output beat is an input beat. The position's counters
// (finnr_count) keep registered last flags, and whether the row and the
// column lie in the frame are registers set as the counters step, so no
// comparison stands between the consumer's ready and the counters' enable.
// `busy` marks an output beat.
`default_nettype none
/* verilator lint_off WIDTH */
/* verilator lint_off UNUSEDSIGNAL */
/* verilator lint_off UNSIGNED */
module finnr_pad #(
  parameter integer H = 1,
  parameter integer W = 1,
  parameter integer C = 1,
  parameter integer SIMD = 1,
  parameter integer TOP = 0,
  parameter integer LEFT = 0,
  parameter integer BOTTOM = 0,
  parameter integer RIGHT = 0,
  parameter integer BITS = 1,
  parameter integer VALUE = 0
) (
  input  wire ap_clk,
  input  wire ap_rst_n,
  input  wire [SIMD*BITS-1:0] in_tdata,
  input  wire in_tvalid,
  output wire in_tready,
  output wire [SIMD*BITS-1:0] out_tdata,
  output wire out_tvalid,
  input  wire out_tready
);
  // a registered copy of the reset for the issue logic, one per engine:
  // the reset's fanout stays on the registers' own reset inputs, out of
  // the LUTs
  reg run;
  (* keep *) always @(posedge ap_clk) run <= ap_rst_n;  // kept: yosys would merge the copies into one
  localparam integer OH = H + TOP + BOTTOM;
  localparam integer OW = W + LEFT + RIGHT;
  localparam integer CF = C / SIMD;
  localparam integer CNT = 16;
  localparam [BITS-1:0] V = VALUE;
  reg out_valid;
  reg [SIMD*BITS-1:0] out_data;
  wire adv = !out_valid || out_tready;
  wire [(OH > 1 ? $clog2(OH) : 1)-1:0] oy;
  wire [(OW > 1 ? $clog2(OW) : 1)-1:0] ox;
  wire [(CF > 1 ? $clog2(CF) : 1)-1:0] cf;
  wire oy_first, oy_last, ox_first, ox_last, cf_first, cf_last;
  reg row_in, col_in;  // oy in TOP .. TOP+H-1, ox in LEFT .. LEFT+W-1
  wire in_frame = row_in && col_in;
  wire go = run && adv && (!in_frame || in_tvalid);
  wire busy = go;
  assign in_tready = run && adv && in_frame;
  wire col_step = go && cf_last;
  wire row_step = col_step && ox_last;
  finnr_count #(.N(CF)) cf_count (.ap_clk(ap_clk), .ap_rst_n(ap_rst_n), .step(go), .value(cf),
                                   .first(cf_first), .last(cf_last));
  finnr_count #(.N(OW)) ox_count (.ap_clk(ap_clk), .ap_rst_n(ap_rst_n), .step(col_step), .value(ox),
                                   .first(ox_first), .last(ox_last));
  finnr_count #(.N(OH)) oy_count (.ap_clk(ap_clk), .ap_rst_n(ap_rst_n), .step(row_step), .value(oy),
                                   .first(oy_first), .last(oy_last));
  wire [CNT-1:0] ox_next = ox_last ? 0 : ox + 1;
  wire [CNT-1:0] oy_next = oy_last ? 0 : oy + 1;
  always @(posedge ap_clk) begin
    if (!ap_rst_n) begin
      row_in <= TOP == 0 && H > 0;
      col_in <= LEFT == 0 && W > 0;
      out_valid <= 1'b0;
    end else begin
      if (col_step) col_in <= ox_next >= LEFT && ox_next < LEFT + W;
      if (row_step) row_in <= oy_next >= TOP && oy_next < TOP + H;
      if (adv) out_valid <= go;
      if (go) out_data <= in_frame ? in_tdata : {SIMD{V}};
    end
  end
  assign out_tvalid = out_valid;
  assign out_tdata = out_data;
endmodule
/* verilator lint_on UNSIGNED */
/* verilator lint_on UNUSEDSIGNAL */
/* verilator lint_on WIDTH */
`default_nettype wire
