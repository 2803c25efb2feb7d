// finnr RTL library: vector-vector-activation unit (VVAU, depthwise
// convolution), one input beat per cycle: K*C/(SIMD*PE) = C/PE * K/SIMD
// cycles per window.
//
// A window is K positions x C channels in the order (k, c), SIMD * PE
// elements per beat; channel c of the output is the dot product of its K
// values with row c of the C x K weights. The engine multiplies every
// element as it arrives (one finnr_dot per element; the weight ROM holds
// the weights in the same order: BEATS words of SIMD * PE weights, word b
// element e the weight of flat window element b*SIMD*PE + e) and adds the
// products into C accumulators, NW = C/G words of G = gcd(SIMD*PE, C)
// channels. A beat is NU = SIMD*PE/G units of G consecutive channels at
// one window position: unit u of beat b (unit b*NU + u of the window)
// adds into word (b*NU + u) mod NW. The accumulators are kept rotated so
// that these are fixed places: before beat b, place p holds word
// (b*NU + p) mod NW, unit u adds into place u mod NW (several units into
// one place when SIMD*PE > C), and the words then rotate by NU places
// (wiring, no multiplexers). A window is K*NW units, a whole number of
// turns, so after its last beat place p holds word p again. Every word
// starts afresh with the first beat of a window.
//
// After the last beat of a window the C sums move to an output buffer,
// which emits them over the next window, C/PE beats of PE elements through
// finnr_act (thresholds from a ROM of C/PE words of PE * NT thresholds,
// address: the channel fold, as the MVAU). Emitting C/PE beats takes no
// longer than a window's C/PE * K/SIMD beats, so the input never waits
// for the buffer at full rate.
//
// Pipeline: issue (counters, weight ROM address) -> weight ROM (2
// registers; the beat waits beside it) -> products (finnr_dot) ->
// accumulate -> output buffer -> 3 emit registers (the buffer's word;
// beside it the threshold ROM) -> activation
// (finnr_act) -> output register (finnr.hw.pipeline.vvau_latency from a
// window's last beat to its first output beat). The emit side stalls when
// the output register is full and not taken; the accumulate side when the
// last beat of a window finds the buffer still emitting. `busy` marks a
// cycle that took an input beat.
`default_nettype none
/* verilator lint_off WIDTH */
/* verilator lint_off UNUSEDSIGNAL */
/* verilator lint_off UNSIGNED */
module finnr_vvau #(
  parameter integer C = 2,
  parameter integer K = 1,
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
  parameter integer WEIGHTS_BANK = K * C / (SIMD * PE),
  parameter THRESHOLDS = "thresholds.mem",
  parameter integer THRESHOLDS_BANK = C / PE
) (
  input  wire ap_clk,
  input  wire ap_rst_n,
  input  wire [SIMD*PE*IN_BITS-1:0] in_tdata,
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
  function integer gcd(input integer a, input integer b);
    integer x, y, r, i;
    begin
      x = a;
      y = b;
      for (i = 0; i < 64; i = i + 1) begin
        if (y != 0) begin
          r = x % y;
          x = y;
          y = r;
        end
      end
      gcd = x;
    end
  endfunction

  localparam integer IN = SIMD * PE;
  localparam integer BEATS = K * C / IN;
  localparam integer NF = C / PE;
  localparam integer G = gcd(IN, C);
  localparam integer NU = IN / G;
  localparam integer NW = C / G;
  localparam integer STEP = NU % NW;
  localparam integer BW = BEATS > 1 ? $clog2(BEATS) : 1;
  localparam integer NFW = NF > 1 ? $clog2(NF) : 1;
  localparam [BW-1:0] B_LAST = BEATS - 1;
  localparam [NFW-1:0] NF_LAST = NF - 1;

  wire adv;  // the pipeline advances (the output stage's skid is empty)

  // output buffer state (the emit side)
  reg [C*ACC_BITS-1:0] obuf;
  reg ob_full;
  reg [NFW-1:0] ef;
  wire ob_free = !ob_full || (adv && ef == NF_LAST);

  // issue
  localparam integer RLW = BEATS > WEIGHTS_BANK ? 3 : 2;  // the weight ROM's depth (finnr_rom)
  localparam integer RLT = NF > THRESHOLDS_BANK ? 3 : 2;  // the threshold ROM's
  localparam integer S = RLW + 1;  // the stage that accumulates (after the products)
  reg [S:1] s_valid, s_first, s_last;  // bit k: stage k
  wire b_valid = s_valid[S], b_last = s_last[S], b_first = s_first[S];
  wire adv_in = !(b_valid && b_last) || ob_free;  // the accumulate side advances
  reg [BW-1:0] beat;
  wire go = run && adv_in && in_tvalid;
  wire busy = go;
  assign in_tready = run && adv_in;
  always @(posedge ap_clk) begin
    if (!ap_rst_n) beat <= {BW{1'b0}};
    else if (go) beat <= beat == B_LAST ? {BW{1'b0}} : beat + 1'b1;
  end

  // multiply-accumulate
  wire [IN*W_BITS-1:0] wq;
  finnr_rom #(.WIDTH(IN*W_BITS), .DEPTH(BEATS), .BANK(WEIGHTS_BANK), .FILE(WEIGHTS)) weights (
    .ap_clk(ap_clk), .en(adv_in), .addr(beat), .q(wq));
  reg [IN*IN_BITS-1:0] xs [1:RLW];  // the beat beside the weight ROM
  integer k;
  always @(posedge ap_clk) begin
    if (!ap_rst_n) begin
      s_valid <= {S{1'b0}};
      s_last <= {S{1'b0}};
    end else if (adv_in) begin
      s_valid <= {s_valid[S-1:1], go};
      s_last <= {s_last[S-1:1], go && beat == B_LAST};
      s_first <= {s_first[S-1:1], beat == {BW{1'b0}}};
      xs[1] <= in_tdata;
      for (k = 2; k <= RLW; k = k + 1) xs[k] <= xs[k-1];
    end
  end
  wire [IN*ACC_BITS-1:0] prod;
  genvar e;
  generate
    for (e = 0; e < IN; e = e + 1) begin : element
      finnr_dot #(.SIMD(1), .IN_BITS(IN_BITS), .IN_KIND(IN_KIND), .W_BITS(W_BITS), .W_KIND(W_KIND),
                  .ACC_BITS(ACC_BITS), .LEVELS(LEVELS)) mul (
        .ap_clk(ap_clk), .en(adv_in), .x(xs[RLW][e*IN_BITS +: IN_BITS]), .w(wq[e*W_BITS +: W_BITS]),
        .y(prod[e*ACC_BITS +: ACC_BITS]));
    end
  endgenerate
  reg [C*ACC_BITS-1:0] acc;
  reg [C*ACC_BITS-1:0] sum;  // the places after this beat's units
  wire [C*ACC_BITS-1:0] acc_next;  // rotated for the next beat
  integer pl, un, ch;  // place, unit of the beat, channel of the unit
  always @* begin
    sum = b_first ? {C*ACC_BITS{1'b0}} : acc;
    for (un = 0; un < NU; un = un + 1) begin
      pl = un % NW;
      for (ch = 0; ch < G; ch = ch + 1)
        sum[(pl*G+ch)*ACC_BITS +: ACC_BITS] = sum[(pl*G+ch)*ACC_BITS +: ACC_BITS] + prod[(un*G+ch)*ACC_BITS +: ACC_BITS];
    end
  end
  genvar p;
  generate
    for (p = 0; p < NW; p = p + 1) begin : place
      assign acc_next[p*G*ACC_BITS +: G*ACC_BITS] = sum[((p + STEP) % NW)*G*ACC_BITS +: G*ACC_BITS];
    end
  endgenerate
  always @(posedge ap_clk) begin
    if (adv_in && b_valid) acc <= acc_next;
  end

  // output buffer: loaded with a finished window, emitted PE channels a
  // cycle (e1), two registers on (e3) with the channel fold's thresholds
  // (the ROM addressed at e1, or at e2 when it is 2 deep)
  reg e_valid, e2_valid, e3_valid;
  reg [PE*ACC_BITS-1:0] e_acc, e2_acc, e3_acc;
  reg [NFW-1:0] ef2;
  always @(posedge ap_clk) begin
    if (!ap_rst_n) begin
      ob_full <= 1'b0;
      ef <= {NFW{1'b0}};
      e_valid <= 1'b0;
      e2_valid <= 1'b0;
      e3_valid <= 1'b0;
    end else begin
      if (adv) begin
        e_valid <= ob_full;
        e_acc <= obuf[ef*PE*ACC_BITS +: PE*ACC_BITS];
        ef2 <= ef;
        e2_valid <= e_valid;
        e2_acc <= e_acc;
        e3_valid <= e2_valid;
        e3_acc <= e2_acc;
        if (ob_full) ef <= ef == NF_LAST ? {NFW{1'b0}} : ef + 1'b1;
      end
      if (adv_in && b_last) begin
        obuf <= acc_next;
        ob_full <= 1'b1;
      end else if (adv && ef == NF_LAST) begin
        ob_full <= 1'b0;
      end
    end
  end

  // activation
  wire [PE*OUT_BITS-1:0] y;
  wire y_valid;
  finnr_act #(.PE(PE), .ACC_BITS(ACC_BITS), .NT(NT), .T_BITS(T_BITS), .OUT_BITS(OUT_BITS),
              .ACT_BIAS(ACT_BIAS), .NF(NF), .LEVELS(LEVELS), .THRESHOLDS(THRESHOLDS),
              .THRESHOLDS_BANK(THRESHOLDS_BANK)) act (
    .ap_clk(ap_clk), .ap_rst_n(ap_rst_n), .en(adv), .addr(RLT == 3 ? ef : ef2), .valid(e3_valid), .acc(e3_acc),
    .y_valid(y_valid), .y(y));

  // output register
  finnr_skid #(.WIDTH(PE*OUT_BITS)) out (
    .ap_clk(ap_clk), .ap_rst_n(ap_rst_n), .valid(y_valid), .data(y), .adv(adv),
    .out_tdata(out_tdata), .out_tvalid(out_tvalid), .out_tready(out_tready));
endmodule
/* verilator lint_on UNSIGNED */
/* verilator lint_on UNUSEDSIGNAL */
/* verilator lint_on WIDTH */
`default_nettype wire
