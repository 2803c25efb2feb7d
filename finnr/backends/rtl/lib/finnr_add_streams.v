// finnr RTL library: elementwise sum of two streams, PE elements per beat
// and per cycle. Element kinds: 0 unsigned, 1 signed, 2 bipolar (one bit,
// 0 = -1); the sum leaves as OUT_BITS bits in two's complement (the
// output type holds every sum). The input ports are the two streams
// concatenated, stream 0 (A) in the low bits; a beat is taken from both
// at once, only when both are valid. Pipeline (stall-all): both beats
// through two registers, then the sum into the output register
// (finnr.hw.pipeline.ADD_STREAMS_LATENCY). yosys merges the first register
// into a block-RAM FIFO's read port; the second one is in the fabric, so
// the block RAM's clock-to-output time ends there, not in the adder.
// `busy` marks a cycle that took a pair of beats.
`default_nettype none
/* verilator lint_off WIDTH */
/* verilator lint_off UNUSEDSIGNAL */
/* verilator lint_off UNSIGNED */
module finnr_add_streams #(
  parameter integer PE = 1,
  parameter integer A_BITS = 8,
  parameter integer A_KIND = 1,
  parameter integer B_BITS = 8,
  parameter integer B_KIND = 1,
  parameter integer OUT_BITS = 9
) (
  input  wire ap_clk,
  input  wire ap_rst_n,
  input  wire [PE*(A_BITS+B_BITS)-1:0] in_tdata,
  input  wire [1:0] in_tvalid,
  output wire [1:0] in_tready,
  output wire [PE*OUT_BITS-1:0] out_tdata,
  output wire out_tvalid,
  input  wire out_tready
);
  // a registered copy of the reset for the issue logic, one per engine:
  // the reset's fanout stays on the registers' own reset inputs, out of
  // the LUTs
  reg run;
  (* keep *) always @(posedge ap_clk) run <= ap_rst_n;  // kept: yosys would merge the copies into one
  localparam integer SW = (A_BITS > B_BITS ? (A_BITS > OUT_BITS ? A_BITS : OUT_BITS)
                                           : (B_BITS > OUT_BITS ? B_BITS : OUT_BITS)) + 2;
  reg out_valid;
  reg [PE*OUT_BITS-1:0] out_data;
  wire adv = !out_valid || out_tready;
  wire go = run && adv && in_tvalid[0] && in_tvalid[1];
  wire busy = go;
  assign in_tready = {run && adv && in_tvalid[0], run && adv && in_tvalid[1]};
  reg [2:1] taken;
  reg [PE*A_BITS-1:0] a1, a;
  reg [PE*B_BITS-1:0] b1, b;
  always @(posedge ap_clk) begin
    if (adv) begin
      a1 <= in_tdata[PE*A_BITS-1:0];
      b1 <= in_tdata[PE*(A_BITS+B_BITS)-1:PE*A_BITS];
      a <= a1;
      b <= b1;
    end
  end
  reg [PE*OUT_BITS-1:0] y;
  reg signed [SW-1:0] av, bv, s;
  integer p;
  always @* begin
    for (p = 0; p < PE; p = p + 1) begin
      if (A_KIND == 2) av = a[p] ? 1 : -1;
      else if (A_KIND == 1) av = $signed(a[p*A_BITS +: A_BITS]);
      else av = $signed({1'b0, a[p*A_BITS +: A_BITS]});
      if (B_KIND == 2) bv = b[p] ? 1 : -1;
      else if (B_KIND == 1) bv = $signed(b[p*B_BITS +: B_BITS]);
      else bv = $signed({1'b0, b[p*B_BITS +: B_BITS]});
      s = av + bv;
      y[p*OUT_BITS +: OUT_BITS] = s[OUT_BITS-1:0];
    end
  end
  always @(posedge ap_clk) begin
    if (!ap_rst_n) begin
      taken <= 2'b0;
      out_valid <= 1'b0;
    end else if (adv) begin
      taken <= {taken[1], go};
      out_valid <= taken[2];
      out_data <= y;
    end
  end
  assign out_tvalid = out_valid;
  assign out_tdata = out_data;
endmodule
/* verilator lint_on UNSIGNED */
/* verilator lint_on UNUSEDSIGNAL */
/* verilator lint_on WIDTH */
`default_nettype wire
