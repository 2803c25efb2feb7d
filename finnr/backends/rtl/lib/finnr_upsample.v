// finnr RTL library: nearest-neighbour upsampling of frames of rows of W
// pixels of C channels (SIMD per beat) by SH x SW: output pixel (y, x) is
// input pixel (y / SH, x / SW). One output beat per cycle, SH*SW times the
// input beats: the beats of an input row are taken while its first copy
// leaves (each pixel's first copy) and written into a row buffer of W*C/SIMD
// words, which gives the other copies. `busy` marks an output beat.
`default_nettype none
/* verilator lint_off WIDTH */
/* verilator lint_off UNUSEDSIGNAL */
/* verilator lint_off UNSIGNED */
module finnr_upsample #(
  parameter integer W = 1,
  parameter integer C = 1,
  parameter integer SIMD = 1,
  parameter integer SH = 2,
  parameter integer SW = 2,
  parameter integer BITS = 1
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
  localparam integer CF = C / SIMD;
  localparam integer CNT = 16;
  localparam integer AW = W * CF > 1 ? $clog2(W * CF) : 1;
  reg [SIMD*BITS-1:0] row [0:W*CF-1];
  reg out_valid;
  reg [SIMD*BITS-1:0] out_data;
  wire adv = !out_valid || out_tready;
  // the input row's copy ry, input pixel x, its copy rx, channel fold cf
  reg [CNT-1:0] ry, x, rx, cf;
  wire [AW-1:0] addr = x * CF + cf;
  wire fresh = ry == 0 && rx == 0;  // the pixel's first copy: an input beat
  wire go = run && adv && (!fresh || in_tvalid);
  wire busy = go;
  assign in_tready = run && adv && fresh;
  always @(posedge ap_clk) begin
    if (go && fresh) row[addr] <= in_tdata;
  end
  always @(posedge ap_clk) begin
    if (!ap_rst_n) begin
      ry <= 0; x <= 0; rx <= 0; cf <= 0;
      out_valid <= 1'b0;
    end else begin
      if (adv) out_valid <= go;
      if (go) begin
        out_data <= fresh ? in_tdata : row[addr];
        if (cf != CF - 1) cf <= cf + 1;
        else begin
          cf <= 0;
          if (rx != SW - 1) rx <= rx + 1;
          else begin
            rx <= 0;
            if (x != W - 1) x <= x + 1;
            else begin
              x <= 0;
              ry <= ry == SH - 1 ? 0 : ry + 1;
            end
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
