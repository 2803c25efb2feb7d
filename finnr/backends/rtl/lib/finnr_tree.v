// finnr RTL library: a pipelined adder tree, the sum of N terms of W bits
// (two's complement when SIGNED, else unsigned) in OW bits (OW holds every
// partial sum: the caller's accumulator range). Level l adds pairs of
// level l-1 (an odd one out passes), in min(W + l, OW) bits; a register
// (clock enable `en`) ends every LEVELS-th level and the last one, so the
// sum of the terms given at one `en` leaves ceil(ceil(log2 N) / LEVELS)
// enables later (N = 1: combinational, no register). The depth is a fact
// of finnr.hw.pipeline (tree_stages), which the engines' schedules use.
`default_nettype none
/* verilator lint_off WIDTH */
/* verilator lint_off UNUSEDSIGNAL */
/* verilator lint_off UNSIGNED */
module finnr_tree #(
  parameter integer N = 1,
  parameter integer W = 1,
  parameter integer SIGNED = 1,
  parameter integer OW = 8,
  parameter integer LEVELS = 2
) (
  input  wire ap_clk,
  input  wire en,
  input  wire [N*W-1:0] x,
  output wire [OW-1:0] y
);
  localparam integer D = N > 1 ? $clog2(N) : 0;
  function integer count(input integer l);  // terms at level l
    integer i, n;
    begin
      n = N;
      for (i = 0; i < l; i = i + 1) n = (n + 1) / 2;
      count = n;
    end
  endfunction
  function integer width(input integer l);  // bits of a term at level l
    width = W + l < OW ? W + l : OW;
  endfunction
  // level l's terms as the next level sees them (after its register): q
  genvar l, i;
  generate
    for (l = 0; l <= D; l = l + 1) begin : level
      localparam integer NO = count(l);
      localparam integer WO = width(l);
      wire [NO*WO-1:0] q;
      if (l == 0) begin : terms
        assign q = x;
      end else begin : adders
        localparam integer NI = count(l - 1);
        localparam integer WI = width(l - 1);
        wire [NI*WI-1:0] in = level[l - 1].q;
        wire [NO*WO-1:0] s;
        for (i = 0; i < NO; i = i + 1) begin : node
          wire [WI-1:0] a = in[2*i*WI +: WI];
          if (2*i + 1 < NI) begin : pair
            wire [WI-1:0] b = in[(2*i + 1)*WI +: WI];
            if (SIGNED) begin : sgn
              assign s[i*WO +: WO] = $signed(a) + $signed(b);
            end else begin : uns
              assign s[i*WO +: WO] = a + b;
            end
          end else begin : pass
            if (SIGNED) begin : sgn
              assign s[i*WO +: WO] = $signed(a);
            end else begin : uns
              assign s[i*WO +: WO] = a;
            end
          end
        end
        if (l % LEVELS == 0 || l == D) begin : stage
          reg [NO*WO-1:0] r;
          always @(posedge ap_clk) begin
            if (en) r <= s;
          end
          assign q = r;
        end else begin : comb
          assign q = s;
        end
      end
    end
  endgenerate
  wire [width(D)-1:0] top = level[D].q;
  generate
    if (SIGNED) begin : sgn
      assign y = $signed(top);
    end else begin : uns
      assign y = top;
    end
  endgenerate
endmodule
/* verilator lint_on UNSIGNED */
/* verilator lint_on UNUSEDSIGNAL */
/* verilator lint_on WIDTH */
`default_nettype wire
