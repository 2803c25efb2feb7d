// finnr RTL library: matrix-vector-activation unit (MVAU), one fold per
// cycle: MH/PE * MW/SIMD cycles per input vector.
//
// The input vector (MW elements, SIMD per beat) is read during the first
// row fold (nf = 0) and kept in a buffer of MW/SIMD words for the others.
// The weight ROM holds MH/PE * MW/SIMD words of PE * SIMD weights (address
// nf * SF + sf; lane p's SIMD weights at bits [p*SIMD*W_BITS +: ...],
// element s of a lane at [s*W_BITS +: W_BITS]): lane p computes output row
// nf * PE + p. Each lane accumulates its dot products over the SF folds;
// after the last one the PE sums go through finnr_act (thresholds from a
// ROM of MH/PE words of PE * NT thresholds, address nf) into one output
// beat of PE elements.
//
// Pipeline: issue (counters, weight ROM address) -> weight ROM (2
// registers; the input word and the fold's flags wait beside it) -> dot
// product (finnr_dot: products, adder tree) -> accumulate -> activation
// (finnr_act; its threshold ROM is read alongside) -> output register,
// finnr.hw.pipeline.mvau_latency cycles from issue to output. Every stage
// advances together when the output register is empty or taken
// (stall-all), so a beat is produced every SF cycles without bubbles.
// `busy` marks a cycle that issued a fold.
//
// MMV (FINN's name) > 1: a beat carries MMV input vectors (vector m at
// bits [m*SIMD*IN_BITS +: ...]) and MMV copies of the dot products,
// accumulators and activation compute them from the same weight word; the
// output beat holds the MMV vectors' PE results (vector m at
// [m*PE*OUT_BITS +: ...]). The pipeline and its latency are unchanged.
`default_nettype none
/* verilator lint_off WIDTH */
/* verilator lint_off UNUSEDSIGNAL */
/* verilator lint_off UNSIGNED */
module finnr_mvau #(
  parameter integer MW = 2,
  parameter integer MH = 2,
  parameter integer SIMD = 1,
  parameter integer PE = 1,
  parameter integer IN_BITS = 1,
  parameter integer IN_KIND = 0,
  parameter integer W_BITS = 1,
  parameter integer W_KIND = 1,
  parameter integer ACC_BITS = 8,
  parameter integer NT = 0,
  parameter integer T_BITS = 8,
  parameter integer OUT_BITS = 8,
  parameter integer ACT_BIAS = 0,
  parameter integer LEVELS = 2,
  parameter WEIGHTS = "weights.mem",
  parameter integer WEIGHTS_BANK = MW / SIMD * MH / PE,
  parameter THRESHOLDS = "thresholds.mem",
  parameter integer THRESHOLDS_BANK = MH / PE,
  parameter integer MMV = 1
) (
  input  wire ap_clk,
  input  wire ap_rst_n,
  input  wire [MMV*SIMD*IN_BITS-1:0] in_tdata,
  input  wire in_tvalid,
  output wire in_tready,
  output wire [MMV*PE*OUT_BITS-1:0] out_tdata,
  output wire out_tvalid,
  input  wire out_tready
);
  // a registered copy of the reset for the issue logic, one per engine:
  // the reset's fanout stays on the registers' own reset inputs, out of
  // the LUTs
  reg run;
  (* keep *) always @(posedge ap_clk) run <= ap_rst_n;  // kept: yosys would merge the copies into one
  localparam integer SF = MW / SIMD;
  localparam integer NF = MH / PE;
  localparam integer WMEM = SF * NF;
  localparam integer SFW = SF > 1 ? $clog2(SF) : 1;
  localparam integer NFW = NF > 1 ? $clog2(NF) : 1;
  localparam integer WAW = WMEM > 1 ? $clog2(WMEM) : 1;
  localparam [SFW-1:0] SF_LAST = SF - 1;
  localparam [NFW-1:0] NF_LAST = NF - 1;
  localparam [WAW-1:0] W_LAST = WMEM - 1;
  localparam integer XW = SIMD * IN_BITS;  // one vector's share of a beat
  localparam integer IW = MMV * XW;

  wire adv;  // the pipeline advances (the output stage's skid is empty)

  // issue
  reg [SFW-1:0] sf;
  reg [NFW-1:0] nf;
  reg [WAW-1:0] waddr;
  reg [IW-1:0] inbuf [0:SF-1];
  wire need_in = nf == {NFW{1'b0}};
  wire go = run && adv && (!need_in || in_tvalid);
  wire busy = go;
  assign in_tready = run && adv && need_in;
  wire [IW-1:0] x_now = need_in ? in_tdata : inbuf[sf];
  always @(posedge ap_clk) begin
    if (go && need_in) inbuf[sf] <= in_tdata;
  end
  always @(posedge ap_clk) begin
    if (!ap_rst_n) begin
      sf <= {SFW{1'b0}};
      nf <= {NFW{1'b0}};
      waddr <= {WAW{1'b0}};
    end else if (go) begin
      waddr <= waddr == W_LAST ? {WAW{1'b0}} : waddr + 1'b1;
      if (sf == SF_LAST) begin
        sf <= {SFW{1'b0}};
        nf <= nf == NF_LAST ? {NFW{1'b0}} : nf + 1'b1;
      end else begin
        sf <= sf + 1'b1;
      end
    end
  end

  // weight ROM, dot product: the fold's flags and row fold go along
  localparam integer DL = 1 + (SIMD > 1 ? ($clog2(SIMD) + LEVELS - 1) / LEVELS : 0);  // finnr_dot's depth
  localparam integer RLW = WMEM > WEIGHTS_BANK ? 3 : 2;  // the weight ROM's depth (finnr_rom)
  localparam integer RLT = NF > THRESHOLDS_BANK ? 3 : 2;  // the threshold ROM's
  localparam integer A = RLW + DL;  // the stage that accumulates
  wire [PE*SIMD*W_BITS-1:0] wq;
  finnr_rom #(.WIDTH(PE*SIMD*W_BITS), .DEPTH(WMEM), .BANK(WEIGHTS_BANK), .FILE(WEIGHTS)) weights (
    .ap_clk(ap_clk), .en(adv), .addr(waddr), .q(wq));
  reg [A:1] s_valid, s_first, s_last;  // bit k: stage k
  reg [NFW-1:0] s_nf [1:A];
  reg [IW-1:0] xs [1:RLW];  // the input word beside the weight ROM
  integer k;
  always @(posedge ap_clk) begin
    if (!ap_rst_n) begin
      s_valid <= {A{1'b0}};
    end else if (adv) begin
      s_valid <= {s_valid[A-1:1], go};
      s_first <= {s_first[A-1:1], sf == {SFW{1'b0}}};
      s_last <= {s_last[A-1:1], sf == SF_LAST};
      s_nf[1] <= nf;
      for (k = 2; k <= A; k = k + 1) s_nf[k] <= s_nf[k-1];
      xs[1] <= x_now;
      for (k = 2; k <= RLW; k = k + 1) xs[k] <= xs[k-1];
    end
  end
  localparam integer AW = PE * ACC_BITS;  // one vector's accumulators
  wire [IW-1:0] x_word = xs[RLW];
  reg [MMV*AW-1:0] acc;
  wire [MMV*AW-1:0] acc_next;
  genvar p, m;
  generate
    for (m = 0; m < MMV; m = m + 1) begin : vec
      for (p = 0; p < PE; p = p + 1) begin : lane
        wire [ACC_BITS-1:0] dot;
        wire [ACC_BITS-1:0] sum = acc[m*AW + p*ACC_BITS +: ACC_BITS];
        finnr_dot #(.SIMD(SIMD), .IN_BITS(IN_BITS), .IN_KIND(IN_KIND), .W_BITS(W_BITS), .W_KIND(W_KIND),
                    .ACC_BITS(ACC_BITS), .LEVELS(LEVELS)) mac (
          .ap_clk(ap_clk), .en(adv), .x(x_word[m*XW +: XW]), .w(wq[p*SIMD*W_BITS +: SIMD*W_BITS]), .y(dot));
        assign acc_next[m*AW + p*ACC_BITS +: ACC_BITS] = (s_first[A] ? {ACC_BITS{1'b0}} : sum) + dot;
      end
    end
  endgenerate
  always @(posedge ap_clk) begin
    if (adv && s_valid[A]) acc <= acc_next;
  end

  // activation: the row fold's sums, its thresholds read RLT stages before
  reg c_valid;
  reg [MMV*AW-1:0] c_acc;
  always @(posedge ap_clk) begin
    if (!ap_rst_n) begin
      c_valid <= 1'b0;
    end else if (adv) begin
      c_valid <= s_valid[A] && s_last[A];
      c_acc <= acc_next;
    end
  end
  wire [MMV*PE*OUT_BITS-1:0] y;
  wire [MMV-1:0] y_valid;
  generate
    for (m = 0; m < MMV; m = m + 1) begin : act_
      finnr_act #(.PE(PE), .ACC_BITS(ACC_BITS), .NT(NT), .T_BITS(T_BITS), .OUT_BITS(OUT_BITS),
                  .ACT_BIAS(ACT_BIAS), .NF(NF), .LEVELS(LEVELS), .THRESHOLDS(THRESHOLDS),
                  .THRESHOLDS_BANK(THRESHOLDS_BANK)) act (
        .ap_clk(ap_clk), .ap_rst_n(ap_rst_n), .en(adv), .addr(s_nf[A+1-RLT]), .valid(c_valid),
        .acc(c_acc[m*AW +: AW]), .y_valid(y_valid[m]), .y(y[m*PE*OUT_BITS +: PE*OUT_BITS]));
    end
  endgenerate

  // output register
  finnr_skid #(.WIDTH(MMV*PE*OUT_BITS)) out (
    .ap_clk(ap_clk), .ap_rst_n(ap_rst_n), .valid(y_valid[0]), .data(y), .adv(adv),
    .out_tdata(out_tdata), .out_tvalid(out_tvalid), .out_tready(out_tready));
endmodule
/* verilator lint_on UNSIGNED */
/* verilator lint_on UNUSEDSIGNAL */
/* verilator lint_on WIDTH */
`default_nettype wire
