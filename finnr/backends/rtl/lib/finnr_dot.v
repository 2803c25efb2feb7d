// finnr RTL library: dot product of SIMD inputs and SIMD weights into a
// signed ACC_BITS-bit value, pipelined (clock enable `en`): the products
// are registered, then summed by finnr_tree (a register every LEVELS
// adder levels), so y is the dot product of the x and w given 1 +
// tree_stages(SIMD) enables before (finnr.hw.pipeline.dot_latency).
// Element kinds: 0 unsigned, 1 signed (two's complement), 2 bipolar (one
// bit, 0 = -1, 1 = +1). Bipolar times bipolar is XNOR-popcount:
// 2 * popcount(~(x ^ w)) - SIMD; everything else multiplies exactly
// ((IN_BITS+1) x (W_BITS+1) bits) and adds. ACC_BITS holds every partial
// sum (each term's range holds 0, so a sum of some terms lies within the
// sum of all), so no product or partial sum overflows it.
`default_nettype none
/* verilator lint_off WIDTH */
/* verilator lint_off UNUSEDSIGNAL */
/* verilator lint_off UNSIGNED */
module finnr_dot #(
  parameter integer SIMD = 1,
  parameter integer IN_BITS = 1,
  parameter integer IN_KIND = 0,
  parameter integer W_BITS = 1,
  parameter integer W_KIND = 1,
  parameter integer ACC_BITS = 8,
  parameter integer LEVELS = 2
) (
  input  wire ap_clk,
  input  wire en,
  input  wire [SIMD*IN_BITS-1:0] x,
  input  wire [SIMD*W_BITS-1:0] w,
  output wire [ACC_BITS-1:0] y
);
  localparam integer PB = IN_BITS + W_BITS + 2 < ACC_BITS ? IN_BITS + W_BITS + 2 : ACC_BITS;
  localparam integer CB = $clog2(SIMD + 1);
  generate
    if (IN_KIND == 2 && W_KIND == 2) begin : xnor_popcount
      reg [SIMD-1:0] agree;
      always @(posedge ap_clk) begin
        if (en) agree <= ~(x ^ w);
      end
      wire [CB-1:0] ones;
      finnr_tree #(.N(SIMD), .W(1), .SIGNED(0), .OW(CB), .LEVELS(LEVELS)) popcount (
        .ap_clk(ap_clk), .en(en), .x(agree), .y(ones));
      wire signed [ACC_BITS:0] twice = {ones, 1'b0};
      assign y = twice - SIMD;
    end else begin : multiply_add
      reg signed [IN_BITS:0] xv;
      reg signed [W_BITS:0] wv;
      reg signed [IN_BITS+W_BITS+1:0] product;
      reg [SIMD*PB-1:0] now, products;
      integer i;
      always @* begin
        now = {SIMD*PB{1'b0}};
        for (i = 0; i < SIMD; i = i + 1) begin
          if (IN_KIND == 2) xv = x[i] ? 1 : -1;
          else if (IN_KIND == 1) xv = $signed({x[i*IN_BITS+IN_BITS-1], x[i*IN_BITS +: IN_BITS]});
          else xv = $signed({1'b0, x[i*IN_BITS +: IN_BITS]});
          if (W_KIND == 2) wv = w[i] ? 1 : -1;
          else if (W_KIND == 1) wv = $signed({w[i*W_BITS+W_BITS-1], w[i*W_BITS +: W_BITS]});
          else wv = $signed({1'b0, w[i*W_BITS +: W_BITS]});
          product = xv * wv;
          now[i*PB +: PB] = product[PB-1:0];
        end
      end
      always @(posedge ap_clk) begin
        if (en) products <= now;
      end
      finnr_tree #(.N(SIMD), .W(PB), .SIGNED(1), .OW(ACC_BITS), .LEVELS(LEVELS)) sum (
        .ap_clk(ap_clk), .en(en), .x(products), .y(y));
    end
  endgenerate
endmodule
/* verilator lint_on UNSIGNED */
/* verilator lint_on UNUSEDSIGNAL */
/* verilator lint_on WIDTH */
`default_nettype wire
