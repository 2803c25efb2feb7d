// finnr RTL library: padding of an H x W x C frame (SIMD channels per
// beat) by TOP/LEFT/BOTTOM/RIGHT pixels of VALUE: one output beat per
// cycle, (H+TOP+BOTTOM)*(W+LEFT+RIGHT)*C/SIMD cycles per frame; in_frame the
// frame each output beat is an input beat. `busy` marks an output beat.
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
  localparam integer OH = H + TOP + BOTTOM;
  localparam integer OW = W + LEFT + RIGHT;
  localparam integer CF = C / SIMD;
  localparam integer CNT = 16;
  localparam [BITS-1:0] V = VALUE;
  reg out_valid;
  reg [SIMD*BITS-1:0] out_data;
  wire adv = !out_valid || out_tready;
  reg [CNT-1:0] oy, ox, cf;
  wire in_frame = oy >= TOP && oy < TOP + H && ox >= LEFT && ox < LEFT + W;
  wire go = ap_rst_n && adv && (!in_frame || in_tvalid);
  wire busy = go;
  assign in_tready = ap_rst_n && adv && in_frame;
  always @(posedge ap_clk) begin
    if (!ap_rst_n) begin
      oy <= 0; ox <= 0; cf <= 0;
      out_valid <= 1'b0;
    end else begin
      if (adv) out_valid <= go;
      if (go) begin
        out_data <= in_frame ? in_tdata : {SIMD{V}};
        if (cf != CF - 1) cf <= cf + 1;
        else begin
          cf <= 0;
          if (ox != OW - 1) ox <= ox + 1;
          else begin
            ox <= 0;
            oy <= oy == OH - 1 ? 0 : oy + 1;
          end
        end
      end
    end
  end
  assign out_tvalid = out_valid;
  assign out_tdata = out_data;
endmodule
/* verilator lint_on UNSIGNED */
/* verilator lint_on UNUSEDSIGNAL */
/* verilator lint_on WIDTH */
`default_nettype wire
