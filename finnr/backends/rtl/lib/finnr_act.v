// finnr RTL library: the activation of PE lanes and its threshold
// memory. With NT = 0 every signed ACC_BITS-bit value leaves as OUT_BITS
// bits (sign-extended or truncated: the output type holds every value);
// with NT > 0 lane p outputs ACT_BIAS + the number of its NT signed
// T_BITS-bit thresholds that the value reaches (x >= t), in OUT_BITS bits
// (a bipolar output is the count's bit). The thresholds are a ROM of NF
// words of PE * NT (lane p's threshold i at bits [(p*NT+i)*T_BITS +:
// T_BITS]), read at `addr` when `en` (synchronous: give the address a cycle
// before its values in `acc`); y is combinational in `acc`.
`default_nettype none
/* verilator lint_off WIDTH */
/* verilator lint_off UNUSEDSIGNAL */
/* verilator lint_off UNSIGNED */
module finnr_act #(
  parameter integer PE = 1,
  parameter integer ACC_BITS = 8,
  parameter integer NT = 0,
  parameter integer T_BITS = 8,
  parameter integer OUT_BITS = 8,
  parameter integer ACT_BIAS = 0,
  parameter integer NF = 1,
  parameter THRESHOLDS = "thresholds.mem"
) (
  input  wire ap_clk,
  input  wire en,
  input  wire [(NF > 1 ? $clog2(NF) : 1)-1:0] addr,
  input  wire [PE*ACC_BITS-1:0] acc,
  output wire [PE*OUT_BITS-1:0] y
);
  wire [(NT > 0 ? PE*NT*T_BITS : 1)-1:0] t;
  generate
    if (NT > 0) begin : threshold_rom
      finnr_rom #(.WIDTH(PE*NT*T_BITS), .DEPTH(NF), .FILE(THRESHOLDS)) thresholds (
        .ap_clk(ap_clk), .en(en), .addr(addr), .q(t));
    end else begin : no_thresholds
      assign t = 1'b0;
    end
  endgenerate
  genvar p;
  generate
    for (p = 0; p < PE; p = p + 1) begin : lane
      wire signed [ACC_BITS-1:0] a = acc[p*ACC_BITS +: ACC_BITS];
      if (NT == 0) begin : pass
        if (OUT_BITS <= ACC_BITS) begin : narrow
          assign y[p*OUT_BITS +: OUT_BITS] = a[OUT_BITS-1:0];
        end else begin : wide
          assign y[p*OUT_BITS +: OUT_BITS] = {{(OUT_BITS-ACC_BITS){a[ACC_BITS-1]}}, a};
        end
      end else begin : thresholds
        reg [31:0] count;
        integer i;
        always @* begin
          count = ACT_BIAS;
          for (i = 0; i < NT; i = i + 1) begin
            if (a >= $signed(t[(p*NT+i)*T_BITS +: T_BITS])) count = count + 1;
          end
        end
        assign y[p*OUT_BITS +: OUT_BITS] = count[OUT_BITS-1:0];
      end
    end
  endgenerate
endmodule
/* verilator lint_on UNSIGNED */
/* verilator lint_on UNUSEDSIGNAL */
/* verilator lint_on WIDTH */
`default_nettype wire
