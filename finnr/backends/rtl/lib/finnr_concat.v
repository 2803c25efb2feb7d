// finnr RTL library: concatenation of N >= 2 streams along the channels:
// each of the frame's vectors (pixels) leaves as the FOLD0 beats of input 0,
// then the FOLD1 beats of input 1, and so on (FOLDi = Ci/SIMD, SIMD
// elements of BITS bits per beat, in and out). FOLDS holds the folds, 16
// bits each, input 0's in the low bits. The input ports are the N streams
// concatenated, stream 0 in the low bits; only the input whose turn it is
// is read. One output beat per cycle, (sum of FOLDi) * vectors cycles per
// frame; the beat into the output register, stall-all. `busy` marks a
// cycle that took a beat.
`default_nettype none
/* verilator lint_off WIDTH */
/* verilator lint_off UNUSEDSIGNAL */
/* verilator lint_off UNSIGNED */
module finnr_concat #(
  parameter integer N = 2,
  parameter integer SIMD = 1,
  parameter integer BITS = 8,
  parameter [16*N-1:0] FOLDS = {16'd1, 16'd1}
) (
  input  wire ap_clk,
  input  wire ap_rst_n,
  input  wire [N*SIMD*BITS-1:0] in_tdata,
  input  wire [N-1:0] in_tvalid,
  output wire [N-1:0] in_tready,
  output wire [SIMD*BITS-1:0] out_tdata,
  output wire out_tvalid,
  input  wire out_tready
);
  // a registered copy of the reset for the issue logic, one per engine:
  // the reset's fanout stays on the registers' own reset inputs, out of
  // the LUTs
  reg run;
  (* keep *) always @(posedge ap_clk) run <= ap_rst_n;  // kept: yosys would merge the copies into one
  localparam integer WIDTH = SIMD * BITS;
  localparam integer CNT = 16;
  reg out_valid;
  reg [WIDTH-1:0] out_data;
  wire adv = !out_valid || out_tready;
  reg [CNT-1:0] sel, f;  // the input whose turn it is, and its beat of the vector
  wire [CNT-1:0] fold = FOLDS[16*sel +: 16];
  wire go = run && adv && in_tvalid[sel];
  wire busy = go;
  genvar j;
  generate
    for (j = 0; j < N; j = j + 1) begin : g_ready
      assign in_tready[j] = run && adv && sel == j;
    end
  endgenerate
  always @(posedge ap_clk) begin
    if (!ap_rst_n) begin
      sel <= 0; f <= 0;
      out_valid <= 1'b0;
    end else begin
      if (adv) out_valid <= go;
      if (go) begin
        out_data <= in_tdata[WIDTH*sel +: WIDTH];
        if (f != fold - 1) f <= f + 1;
        else begin
          f <= 0;
          sel <= sel == N - 1 ? 0 : sel + 1;
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
