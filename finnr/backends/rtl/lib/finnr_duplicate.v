// finnr RTL library: stream fork to N >= 2 consumers, a beat of WIDTH bits
// per cycle. Output j's TDATA/TVALID are registered (one beat register
// shared by all outputs, a pending bit per output); each output takes the
// beat on its own, and the next beat enters once every output has taken
// (or is taking) the current one, so II=1 when all are ready. Output
// ports are the N streams concatenated, output 0 in the low bits. `busy`
// marks a cycle that took a beat.
`default_nettype none
/* verilator lint_off WIDTH */
/* verilator lint_off UNUSEDSIGNAL */
/* verilator lint_off UNSIGNED */
module finnr_duplicate #(
  parameter integer N = 2,
  parameter integer WIDTH = 8
) (
  input  wire ap_clk,
  input  wire ap_rst_n,
  input  wire [WIDTH-1:0] in_tdata,
  input  wire in_tvalid,
  output wire in_tready,
  output wire [N*WIDTH-1:0] out_tdata,
  output wire [N-1:0] out_tvalid,
  input  wire [N-1:0] out_tready
);
  // a registered copy of the reset for the issue logic, one per engine:
  // the reset's fanout stays on the registers' own reset inputs, out of
  // the LUTs
  reg run;
  (* keep *) always @(posedge ap_clk) run <= ap_rst_n;  // kept: yosys would merge the copies into one
  reg [WIDTH-1:0] data;
  reg [N-1:0] pending;
  wire [N-1:0] left = pending & ~out_tready;  // outputs still waiting after this cycle
  assign in_tready = run && left == {N{1'b0}};
  wire go = in_tready && in_tvalid;
  wire busy = go;
  always @(posedge ap_clk) begin
    if (!ap_rst_n) pending <= {N{1'b0}};
    else pending <= go ? {N{1'b1}} : left;
  end
  always @(posedge ap_clk) begin
    if (go) data <= in_tdata;
  end
  assign out_tdata = {N{data}};
  assign out_tvalid = pending;
endmodule
/* verilator lint_on UNSIGNED */
/* verilator lint_on UNUSEDSIGNAL */
/* verilator lint_on WIDTH */
`default_nettype wire
