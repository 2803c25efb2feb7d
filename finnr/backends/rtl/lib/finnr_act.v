// finnr RTL library: the activation of PE lanes and its threshold
// memory. With NT = 0 every signed ACC_BITS-bit value leaves as OUT_BITS
// bits (sign-extended or truncated: the output type holds every value),
// combinationally. With NT > 0 lane p outputs ACT_BIAS + the number of its
// NT signed T_BITS-bit thresholds that the value reaches (x >= t), in
// OUT_BITS bits (a bipolar output is the count's bit), pipelined (clock
// enable `en`): the comparisons are registered and counted by finnr_tree,
// so y is the activation of the `acc` given 1 + tree_stages(NT) enables
// before (finnr.hw.pipeline.act_latency); `y_valid` is `valid` as many
// enables on. The thresholds are a finnr_rom of
// NF words of PE * NT (lane p's threshold i at bits [(p*NT+i)*T_BITS +:
// T_BITS]), read at `addr`: give the address rom_latency (2, or 3 with
// several banks) enables before its values in `acc`.
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
  parameter integer LEVELS = 2,
  parameter THRESHOLDS = "thresholds.mem",
  parameter integer THRESHOLDS_BANK = NF
) (
  input  wire ap_clk,
  input  wire ap_rst_n,
  input  wire en,
  input  wire [(NF > 1 ? $clog2(NF) : 1)-1:0] addr,
  input  wire valid,
  input  wire [PE*ACC_BITS-1:0] acc,
  output wire y_valid,
  output wire [PE*OUT_BITS-1:0] y
);
  localparam integer CB = $clog2(NT + 1);
  localparam integer AL = NT > 0 ? 1 + (NT > 1 ? ($clog2(NT) + LEVELS - 1) / LEVELS : 0) : 0;  // the depth
  wire [AL:0] v;  // bit k: `valid` k enables on
  assign v[0] = valid;
  assign y_valid = v[AL];
  genvar j;
  generate
    for (j = 1; j <= AL; j = j + 1) begin : stage
      reg r;
      always @(posedge ap_clk) begin
        if (!ap_rst_n) r <= 1'b0;
        else if (en) r <= v[j-1];
      end
      assign v[j] = r;
    end
  endgenerate
  wire [(NT > 0 ? PE*NT*T_BITS : 1)-1:0] t;
  generate
    if (NT > 0) begin : threshold_rom
      finnr_rom #(.WIDTH(PE*NT*T_BITS), .DEPTH(NF), .BANK(THRESHOLDS_BANK), .FILE(THRESHOLDS)) thresholds (
        .ap_clk(ap_clk), .en(en), .addr(addr), .q(t));
    end else begin : no_thresholds
      assign t = 1'b0;
    end
  endgenerate
  genvar p, i;
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
        wire [NT-1:0] reached;
        for (i = 0; i < NT; i = i + 1) begin : compare
          assign reached[i] = a >= $signed(t[(p*NT+i)*T_BITS +: T_BITS]);
        end
        reg [NT-1:0] r;
        always @(posedge ap_clk) begin
          if (en) r <= reached;
        end
        wire [CB-1:0] count;
        finnr_tree #(.N(NT), .W(1), .SIGNED(0), .OW(CB), .LEVELS(LEVELS)) counter (
          .ap_clk(ap_clk), .en(en), .x(r), .y(count));
        wire [31:0] level = ACT_BIAS + count;
        assign y[p*OUT_BITS +: OUT_BITS] = level[OUT_BITS-1:0];
      end
    end
  endgenerate
endmodule
/* verilator lint_on UNSIGNED */
/* verilator lint_on UNUSEDSIGNAL */
/* verilator lint_on WIDTH */
`default_nettype wire
