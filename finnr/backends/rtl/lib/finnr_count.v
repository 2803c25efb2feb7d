// finnr RTL library: a counter 0, 1, ..., N-1, 0, ... that advances on
// `step`, with registered flags for its first and last values: `last` is
// known a cycle ahead (value == N - 2 as it steps), so logic that waits
// for the wrap-around reads a register instead of comparing the count.
`default_nettype none
/* verilator lint_off WIDTH */
/* verilator lint_off UNUSEDSIGNAL */
/* verilator lint_off UNSIGNED */
module finnr_count #(
  parameter integer N = 2
) (
  input  wire ap_clk,
  input  wire ap_rst_n,
  input  wire step,
  output reg  [(N > 1 ? $clog2(N) : 1)-1:0] value,
  output reg  first,
  output reg  last
);
  always @(posedge ap_clk) begin
    if (!ap_rst_n) begin
      value <= 0;
      first <= 1'b1;
      last <= N == 1;
    end else if (step) begin
      if (last) begin
        value <= 0;
        first <= 1'b1;
        last <= N == 1;
      end else begin
        value <= value + 1'b1;
        first <= 1'b0;
        last <= value == N - 2;
      end
    end
  end
endmodule
/* verilator lint_on UNSIGNED */
/* verilator lint_on UNUSEDSIGNAL */
/* verilator lint_on WIDTH */
`default_nettype wire
