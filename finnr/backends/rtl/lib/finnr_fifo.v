// finnr RTL library: AXI-Stream FIFO of DEPTH beats (DEPTH >= 2 for one
// beat per cycle), registered TREADY and TVALID; `count` is the occupancy
// (read by the simulation's FIFO sizing), `busy` marks a cycle that moved
// a beat in. The flags' next values select among comparisons of the
// registered count, so a late push or pop only drives multiplexers.
`default_nettype none
/* verilator lint_off WIDTH */
/* verilator lint_off UNUSEDSIGNAL */
/* verilator lint_off UNSIGNED */
module finnr_fifo #(
  parameter integer WIDTH = 8,
  parameter integer DEPTH = 2
) (
  input  wire ap_clk,
  input  wire ap_rst_n,
  input  wire [WIDTH-1:0] in_tdata,
  input  wire in_tvalid,
  output wire in_tready,
  output wire [WIDTH-1:0] out_tdata,
  output wire out_tvalid,
  input  wire out_tready
);
  localparam integer AW = DEPTH > 1 ? $clog2(DEPTH) : 1;
  localparam [AW:0] FULL = DEPTH;
  localparam [AW-1:0] LAST = DEPTH - 1;
  reg [WIDTH-1:0] mem [0:DEPTH-1];
  reg [AW-1:0] wptr;
  reg [AW-1:0] rptr;
  reg [AW:0] count;
  reg not_full;
  reg not_empty;
  wire push = in_tvalid & not_full;
  wire pop = out_tready & not_empty;
  wire busy = push;
  wire one = count == 1;
  wire almost = count == FULL - 1;
  assign in_tready = not_full;
  assign out_tvalid = not_empty;
  assign out_tdata = mem[rptr];
  always @(posedge ap_clk) begin
    if (push) mem[wptr] <= in_tdata;
  end
  always @(posedge ap_clk) begin
    if (!ap_rst_n) begin
      wptr <= {AW{1'b0}};
      rptr <= {AW{1'b0}};
      count <= {(AW+1){1'b0}};
      not_full <= 1'b0;
      not_empty <= 1'b0;
    end else begin
      if (push) wptr <= wptr == LAST ? {AW{1'b0}} : wptr + 1'b1;
      if (pop) rptr <= rptr == LAST ? {AW{1'b0}} : rptr + 1'b1;
      if (push && !pop) begin
        count <= count + 1'b1;
        not_full <= !almost;
        not_empty <= 1'b1;
      end else if (pop && !push) begin
        count <= count - 1'b1;
        not_full <= 1'b1;
        not_empty <= !one;
      end else begin
        not_full <= count != FULL;  // out of reset
      end
    end
  end
endmodule
/* verilator lint_on UNSIGNED */
/* verilator lint_on UNUSEDSIGNAL */
/* verilator lint_on WIDTH */
`default_nettype wire
