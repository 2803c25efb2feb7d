// finnr RTL library: AXI-Stream FIFO of DEPTH beats (DEPTH >= 2 for one
// beat per cycle), registered TREADY and TVALID; `count` is the occupancy
// (read by the simulation's FIFO sizing), `busy` marks a cycle that moved
// a beat in. The flags' next values select among comparisons of the
// registered count, so a late push or pop only drives multiplexers.
//
// PREFETCH (a FIFO deep enough for block RAM): the memory is read ahead
// into four output slots, out_tdata always from a register. A read
// passes the memory's own read register (an EBR's clock-to-output is
// about 5.8 ns on an ECP5-6) and one fabric register before it joins
// the slots, so the block RAM's output never drives logic across the die
// in its cycle. A read reserves its slot when it issues (while fewer
// than four slots are valid or reserved); a beat with nothing ahead of it
// in the memory goes straight to the slot behind the reserved ones. Four
// slots cover the three cycles a read takes, so the FIFO offers every
// beat the cycle after it arrives or the cycle after its predecessor
// leaves, exactly as without PREFETCH (tests/test_fifo_prefetch.py drives
// both alike and compares them cycle by cycle), and holds DEPTH beats in
// all.
`default_nettype none
/* verilator lint_off WIDTH */
/* verilator lint_off UNUSEDSIGNAL */
/* verilator lint_off UNSIGNED */
module finnr_fifo #(
  parameter integer WIDTH = 8,
  parameter integer DEPTH = 2,
  parameter integer PREFETCH = 0
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
  wire pop = out_tready & out_tvalid;
  wire busy = push;
  wire one = count == 1;
  wire almost = count == FULL - 1;
  assign in_tready = not_full;
  always @(posedge ap_clk) begin
    if (!ap_rst_n) begin
      count <= {(AW+1){1'b0}};
      not_full <= 1'b0;
      not_empty <= 1'b0;
    end else begin
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
  generate
    if (PREFETCH == 0) begin : g_plain
      assign out_tvalid = not_empty;
      assign out_tdata = mem[rptr];
      always @(posedge ap_clk) begin
        if (push) mem[wptr] <= in_tdata;
      end
      always @(posedge ap_clk) begin
        if (!ap_rst_n) begin
          wptr <= {AW{1'b0}};
          rptr <= {AW{1'b0}};
        end else begin
          if (push) wptr <= wptr == LAST ? {AW{1'b0}} : wptr + 1'b1;
          if (pop) rptr <= rptr == LAST ? {AW{1'b0}} : rptr + 1'b1;
        end
      end
    end else begin : g_prefetch
      // s0..s3: the output slots, s0 leaves first. A slot is valid (v), or
      // reserved for a read in flight (whose slot index moves down with
      // every pop), or free; `used` counts the valid and reserved ones.
      reg [AW:0] stored;            // beats in the memory, not yet read
      reg read_q, read_h;           // a read in the memory's register / in h
      reg [1:0] slot_q, slot_h;     // their reserved slots
      reg [WIDTH-1:0] q, h;
      reg [WIDTH-1:0] s0, s1, s2, s3;
      reg [3:0] v;
      reg [2:0] used;
      wire room = used != 3'd4;
      wire issue = stored != 0 && room;
      // a beat with nothing ahead of it in the memory goes straight to a
      // slot behind the reserved ones (the reads in flight)
      wire direct = push && stored == 0 && (room || pop);
      wire [1:0] at_d = used - pop;
      wire [1:0] at_h = slot_h - pop;
      wire [3:0] put_h = read_h ? 4'b0001 << at_h : 4'b0000;
      wire [3:0] put_d = direct ? 4'b0001 << at_d : 4'b0000;
      assign out_tvalid = v[0];
      assign out_tdata = s0;
      always @(posedge ap_clk) begin
        if (push && !direct) mem[wptr] <= in_tdata;
        if (issue) q <= mem[rptr];
        if (read_q) h <= q;
      end
      always @(posedge ap_clk) begin
        s0 <= put_h[0] ? h : put_d[0] ? in_tdata : pop ? s1 : s0;
        s1 <= put_h[1] ? h : put_d[1] ? in_tdata : pop ? s2 : s1;
        s2 <= put_h[2] ? h : put_d[2] ? in_tdata : pop ? s3 : s2;
        s3 <= put_h[3] ? h : put_d[3] ? in_tdata : s3;
        if (issue) slot_q <= used - pop;
        if (read_q) slot_h <= slot_q - pop;
      end
      always @(posedge ap_clk) begin
        if (!ap_rst_n) begin
          wptr <= {AW{1'b0}};
          rptr <= {AW{1'b0}};
          stored <= {(AW+1){1'b0}};
          read_q <= 1'b0;
          read_h <= 1'b0;
          v <= 4'b0000;
          used <= 3'd0;
        end else begin
          if (push && !direct) wptr <= wptr == LAST ? {AW{1'b0}} : wptr + 1'b1;
          if (issue) rptr <= rptr == LAST ? {AW{1'b0}} : rptr + 1'b1;
          stored <= stored + (push && !direct) - issue;
          read_q <= issue;
          read_h <= read_q;
          v <= put_h | put_d | (pop ? {1'b0, v[3:1]} : v);
          used <= used + issue + direct - pop;
        end
      end
    end
  endgenerate
endmodule
/* verilator lint_on UNSIGNED */
/* verilator lint_on UNUSEDSIGNAL */
/* verilator lint_on WIDTH */
`default_nettype wire
