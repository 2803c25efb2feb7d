// finnr RTL library: multi-threshold activation of C channels, PE per beat
// and per cycle (C/PE cycles per vector). Thresholds: a ROM of C/PE words
// of PE * NT signed T_BITS-bit thresholds (address: the channel fold).
// Pipeline: issue -> threshold ROM (the beat waits 3 registers beside it,
// the ROM is addressed rom_latency before their end) -> activation
// (finnr_act) -> output register,
// finnr.hw.pipeline.thresholding_latency cycles, stall-all. `busy` marks a
// cycle that took a beat.
`default_nettype none
/* verilator lint_off WIDTH */
/* verilator lint_off UNUSEDSIGNAL */
/* verilator lint_off UNSIGNED */
module finnr_thresholding #(
  parameter integer C = 1,
  parameter integer PE = 1,
  parameter integer IN_BITS = 1,
  parameter integer IN_KIND = 0,
  parameter integer NT = 1,
  parameter integer T_BITS = 8,
  parameter integer OUT_BITS = 8,
  parameter integer ACT_BIAS = 0,
  parameter integer LEVELS = 2,
  parameter THRESHOLDS = "thresholds.mem",
  parameter integer THRESHOLDS_BANK = C / PE
) (
  input  wire ap_clk,
  input  wire ap_rst_n,
  input  wire [PE*IN_BITS-1:0] in_tdata,
  input  wire in_tvalid,
  output wire in_tready,
  output wire [PE*OUT_BITS-1:0] out_tdata,
  output wire out_tvalid,
  input  wire out_tready
);
  // a registered copy of the reset for the issue logic, one per engine:
  // the reset's fanout stays on the registers' own reset inputs, out of
  // the LUTs
  reg run;
  (* keep *) always @(posedge ap_clk) run <= ap_rst_n;  // kept: yosys would merge the copies into one
  localparam integer NF = C / PE;
  localparam integer NFW = NF > 1 ? $clog2(NF) : 1;
  localparam [NFW-1:0] NF_LAST = NF - 1;
  localparam integer VB = IN_BITS + 1;
  wire adv;  // the pipeline advances (the output stage's skid is empty)
  wire go = run && adv && in_tvalid;
  wire busy = go;
  assign in_tready = run && adv;
  reg [NFW-1:0] nf;
  always @(posedge ap_clk) begin
    if (!ap_rst_n) nf <= {NFW{1'b0}};
    else if (go) nf <= nf == NF_LAST ? {NFW{1'b0}} : nf + 1'b1;
  end
  // the beat waits ROM_SLOT (3) stages, the thresholds are read RLT before
  localparam integer RLT = NF > THRESHOLDS_BANK ? 3 : 2;
  reg [3:1] s_valid;
  reg [NFW-1:0] nf1;
  reg [PE*IN_BITS-1:0] xs [1:3];
  always @(posedge ap_clk) begin
    if (!ap_rst_n) begin
      s_valid <= 3'b0;
    end else if (adv) begin
      s_valid <= {s_valid[2:1], go};
      nf1 <= nf;
      xs[1] <= in_tdata;
      xs[2] <= xs[1];
      xs[3] <= xs[2];
    end
  end
  wire b2_valid = s_valid[3];
  wire [PE*IN_BITS-1:0] b_x = xs[3];
  // each element as a signed VB-bit value
  wire [PE*VB-1:0] values;
  genvar p;
  generate
    for (p = 0; p < PE; p = p + 1) begin : lane
      wire [IN_BITS-1:0] e = b_x[p*IN_BITS +: IN_BITS];
      if (IN_KIND == 2) begin : bipolar
        assign values[p*VB +: VB] = e[0] ? 2'sd1 : -2'sd1;
      end else if (IN_KIND == 1) begin : signed_int
        assign values[p*VB +: VB] = {e[IN_BITS-1], e};
      end else begin : unsigned_int
        assign values[p*VB +: VB] = {1'b0, e};
      end
    end
  endgenerate
  wire [PE*OUT_BITS-1:0] y;
  wire y_valid;
  finnr_act #(.PE(PE), .ACC_BITS(VB), .NT(NT), .T_BITS(T_BITS), .OUT_BITS(OUT_BITS),
              .ACT_BIAS(ACT_BIAS), .NF(NF), .LEVELS(LEVELS), .THRESHOLDS(THRESHOLDS),
              .THRESHOLDS_BANK(THRESHOLDS_BANK)) act (
    .ap_clk(ap_clk), .ap_rst_n(ap_rst_n), .en(adv), .addr(RLT == 3 ? nf : nf1), .valid(b2_valid), .acc(values),
    .y_valid(y_valid), .y(y));
  finnr_skid #(.WIDTH(PE*OUT_BITS)) out (
    .ap_clk(ap_clk), .ap_rst_n(ap_rst_n), .valid(y_valid), .data(y), .adv(adv),
    .out_tdata(out_tdata), .out_tvalid(out_tvalid), .out_tready(out_tready));
endmodule
/* verilator lint_on UNSIGNED */
/* verilator lint_on UNUSEDSIGNAL */
/* verilator lint_on WIDTH */
`default_nettype wire
