// finnr RTL library: dot product of SIMD inputs and SIMD weights into a
// signed ACC_BITS-bit value (combinational). Element kinds: 0 unsigned,
// 1 signed (two's complement), 2 bipolar (one bit, 0 = -1, 1 = +1).
// Bipolar times bipolar is XNOR-popcount: 2 * popcount(~(x ^ w)) - SIMD;
// everything else multiplies exactly ((IN_BITS+1) x (W_BITS+1) bits) and
// adds. ACC_BITS holds every partial sum (each term's range holds 0, so a
// sum of some terms lies within the sum of all), so no step overflows.
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
  parameter integer ACC_BITS = 8
) (
  input  wire [SIMD*IN_BITS-1:0] x,
  input  wire [SIMD*W_BITS-1:0] w,
  output wire [ACC_BITS-1:0] y
);
  generate
    if (IN_KIND == 2 && W_KIND == 2) begin : xnor_popcount
      wire [SIMD-1:0] agree = ~(x ^ w);
      reg [ACC_BITS-1:0] ones;
      integer i;
      always @* begin
        ones = {ACC_BITS{1'b0}};
        for (i = 0; i < SIMD; i = i + 1) ones = ones + agree[i];
      end
      assign y = (ones << 1) - SIMD;
    end else begin : multiply_add
      reg signed [ACC_BITS-1:0] sum;
      reg signed [IN_BITS:0] xv;
      reg signed [W_BITS:0] wv;
      reg signed [IN_BITS+W_BITS+1:0] product;
      integer i;
      always @* begin
        sum = {ACC_BITS{1'b0}};
        for (i = 0; i < SIMD; i = i + 1) begin
          if (IN_KIND == 2) xv = x[i] ? 1 : -1;
          else if (IN_KIND == 1) xv = $signed({x[i*IN_BITS+IN_BITS-1], x[i*IN_BITS +: IN_BITS]});
          else xv = $signed({1'b0, x[i*IN_BITS +: IN_BITS]});
          if (W_KIND == 2) wv = w[i] ? 1 : -1;
          else if (W_KIND == 1) wv = $signed({w[i*W_BITS+W_BITS-1], w[i*W_BITS +: W_BITS]});
          else wv = $signed({1'b0, w[i*W_BITS +: W_BITS]});
          product = xv * wv;
          sum = sum + product;
        end
      end
      assign y = sum;
    end
  endgenerate
endmodule
/* verilator lint_on UNSIGNED */
/* verilator lint_on UNUSEDSIGNAL */
/* verilator lint_on WIDTH */
`default_nettype wire
