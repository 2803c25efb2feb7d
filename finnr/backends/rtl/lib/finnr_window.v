// finnr RTL library: sliding windows over an H x W x C frame (NHWC, SIMD
// channels per beat, CF = C/SIMD beats per pixel), for the sliding window
// unit (POOL = 0: every window leaves as KH*KW*CF beats ordered (kh, kw,
// channel fold), as dataflow.swu orders it) and for max pooling (POOL = 1:
// per channel fold the maximum over the window, one beat per output pixel
// and channel fold; KIND 1 compares as signed, else as unsigned).
//
// A line buffer of BUF = (KH-1)*DH + 1 + SH rows: the writer stores the
// incoming rows round-robin, the reader walks the windows of one output
// row once the rows it needs are complete (finnr_window_rows counts them).
//
// The reader computes each read's address in AS = 3 registered stages
// (finnr.hw.pipeline.WINDOW_ADDRESS_STAGES), reads the RAM, registers the
// word, then (max pooling: merged into the running maximum) into the
// output stage (finnr.hw.pipeline.window_latency in all); its pipeline
// stalls as a whole when the output is not taken. Every write reaches the RAM AS cycles after its beat is taken,
// so reads and writes meet the RAM in the order they were decided, as if
// neither were delayed. `busy` marks a cycle in which the reader issued a
// read or waited for rows its writer was writing.
`default_nettype none
/* verilator lint_off WIDTH */
/* verilator lint_off UNUSEDSIGNAL */
/* verilator lint_off UNSIGNED */
module finnr_window #(
  parameter integer H = 3,
  parameter integer W = 3,
  parameter integer C = 1,
  parameter integer SIMD = 1,
  parameter integer KH = 1,
  parameter integer KW = 1,
  parameter integer SH = 1,
  parameter integer SW = 1,
  parameter integer DH = 1,
  parameter integer DW = 1,
  parameter integer OH = 3,
  parameter integer OW = 3,
  parameter integer BITS = 1,
  parameter integer KIND = 0,
  parameter integer POOL = 0
) (
  input  wire ap_clk,
  input  wire ap_rst_n,
  input  wire [SIMD*BITS-1:0] in_tdata,
  input  wire in_tvalid,
  output wire in_tready,
  output wire [SIMD*BITS-1:0] out_tdata,
  output wire out_tvalid,
  input  wire out_tready
);
  // a registered copy of the reset for the issue logic, one per engine:
  // the reset's fanout stays on the registers' own reset inputs, out of
  // the LUTs
  reg run;
  (* keep *) always @(posedge ap_clk) run <= ap_rst_n;  // kept: yosys would merge the copies into one
  localparam integer CF = C / SIMD;
  localparam integer WC = W * CF;
  localparam integer RN = (KH - 1) * DH + 1;
  localparam integer BUF = RN + SH;
  localparam integer DEPTH = BUF * WC;
  localparam integer AW = DEPTH > 1 ? $clog2(DEPTH) : 1;
  localparam integer EB = SIMD * BITS;
  localparam integer CNT = 16;

  reg [EB-1:0] ram [0:DEPTH-1];

  // writer: rows round-robin into the buffer, each word AS cycles later
  localparam integer AS = 3;
  reg [AW-1:0] wa;
  wire [(WC > 1 ? $clog2(WC) : 1)-1:0] wpos;
  wire wpos_first, wpos_last;
  wire space, rows_ok;  // the line buffer's rows (finnr_window_rows)
  assign in_tready = run && space;
  wire wgo = in_tvalid && in_tready;
  wire row_done = wgo && wpos_last;
  finnr_count #(.N(WC)) w_count (.ap_clk(ap_clk), .ap_rst_n(ap_rst_n), .step(wgo), .value(wpos),
                                  .first(wpos_first), .last(wpos_last));
  reg [AS:1] w_en;
  reg [AW-1:0] w_addr [1:AS];
  reg [EB-1:0] w_data [1:AS];
  integer k;
  always @(posedge ap_clk) begin
    if (!ap_rst_n) w_en <= {AS{1'b0}};
    else w_en <= {w_en[AS-1:1], wgo};
    w_addr[1] <= wa;
    w_data[1] <= in_tdata;
    for (k = 2; k <= AS; k = k + 1) begin
      w_addr[k] <= w_addr[k-1];
      w_data[k] <= w_data[k-1];
    end
    if (w_en[AS]) ram[w_addr[AS]] <= w_data[AS];
  end
  always @(posedge ap_clk) begin
    if (!ap_rst_n) wa <= 0;
    else if (wgo) wa <= wa == DEPTH - 1 ? 0 : wa + 1;
  end

  // reader
  wire adv;  // the pipeline advances (the output stage's skid is empty)
  wire rgo = run && adv && rows_ok;
  wire busy = rgo || (!rows_ok && wgo);
  // the read's position: output pixel (oy, ox), window (kh, kw), channel
  // fold cf, each a counter with registered first/last flags
  wire [(OH > 1 ? $clog2(OH) : 1)-1:0] oy;
  wire [(OW > 1 ? $clog2(OW) : 1)-1:0] ox;
  wire [(KH > 1 ? $clog2(KH) : 1)-1:0] kh;
  wire [(KW > 1 ? $clog2(KW) : 1)-1:0] kw;
  wire [(CF > 1 ? $clog2(CF) : 1)-1:0] cf;
  wire oy_first, oy_last, ox_first, ox_last, kh_first, kh_last, kw_first, kw_last, cf_first, cf_last;
  wire pixel_last = kh_last && kw_last && cf_last;
  wire row_last = pixel_last && ox_last;
  wire frame_last = row_last && oy_last;
  // (kh, kw, channel fold), the channel fold fastest; for max pooling
  // (channel fold, kh, kw), kw fastest
  wire cf_step = POOL != 0 ? rgo && kh_last && kw_last : rgo;
  wire kw_step = POOL != 0 ? rgo : rgo && cf_last;
  wire kh_step = POOL != 0 ? rgo && kw_last : rgo && cf_last && kw_last;
  finnr_count #(.N(CF)) cf_count (.ap_clk(ap_clk), .ap_rst_n(ap_rst_n), .step(cf_step), .value(cf),
                                   .first(cf_first), .last(cf_last));
  finnr_count #(.N(KW)) kw_count (.ap_clk(ap_clk), .ap_rst_n(ap_rst_n), .step(kw_step), .value(kw),
                                   .first(kw_first), .last(kw_last));
  finnr_count #(.N(KH)) kh_count (.ap_clk(ap_clk), .ap_rst_n(ap_rst_n), .step(kh_step), .value(kh),
                                   .first(kh_first), .last(kh_last));
  finnr_count #(.N(OW)) ox_count (.ap_clk(ap_clk), .ap_rst_n(ap_rst_n), .step(rgo && pixel_last), .value(ox),
                                   .first(ox_first), .last(ox_last));
  finnr_count #(.N(OH)) oy_count (.ap_clk(ap_clk), .ap_rst_n(ap_rst_n), .step(rgo && row_last), .value(oy),
                                   .first(oy_first), .last(oy_last));
  // max pooling: the first and last beat of a channel fold's window
  wire window_first = kh_first && kw_first;
  wire window_last = POOL == 0 || (kh_last && kw_last);
  // the buffer row of the output row's first window row
  wire [CNT-1:0] base;
  finnr_window_rows #(.H(H), .OH(OH), .SH(SH), .RN(RN), .CNT(CNT)) rows (
    .ap_clk(ap_clk), .ap_rst_n(ap_rst_n), .row_done(row_done), .row_read(rgo && row_last),
    .frame_last(frame_last), .space(space), .rows_ok(rows_ok), .base(base));
  // the address in three stages: (slot before wrap-around, pixel column),
  // (slot, word in the row), word in the buffer
  reg [CNT-1:0] a1_slot, a1_col, a1_cf, a2_slot, a2_word;
  reg [AW-1:0] a3_addr;
  reg [3:1] a_valid, a_first, a_last;
  always @(posedge ap_clk) begin
    if (!ap_rst_n) begin
      a_valid <= 3'b0;
    end else if (adv) begin
      a_valid <= {a_valid[2:1], rgo};
      a_first <= {a_first[2:1], window_first};
      a_last <= {a_last[2:1], window_last};
      a1_slot <= base + kh * DH;
      a1_col <= ox * SW + kw * DW;
      a1_cf <= cf;
      a2_slot <= a1_slot >= BUF ? a1_slot - BUF : a1_slot;
      a2_word <= a1_col * CF + a1_cf;
      a3_addr <= a2_slot * WC + a2_word;
    end
  end
  // the RAM's read, then a register (a block RAM's clock-to-output time
  // ends there, not in the maximum)
  reg [EB-1:0] word, q;
  reg r_valid, r_first, r_last, b_valid, b_first, b_last;
  always @(posedge ap_clk) begin
    if (adv) begin
      word <= ram[a3_addr];
      q <= word;
    end
  end
  always @(posedge ap_clk) begin
    if (!ap_rst_n) begin
      r_valid <= 1'b0;
      b_valid <= 1'b0;
    end else if (adv) begin
      r_valid <= a_valid[3];
      r_first <= a_first[3];
      r_last <= a_last[3];
      b_valid <= r_valid;
      b_first <= r_first;
      b_last <= r_last;
    end
  end

  // output: the window's beats, or their running maximum
  reg [EB-1:0] best;
  wire [EB-1:0] merged;
  genvar e;
  generate
    for (e = 0; e < SIMD; e = e + 1) begin : element
      wire [BITS-1:0] a = best[e*BITS +: BITS];
      wire [BITS-1:0] b = q[e*BITS +: BITS];
      wire b_wins = KIND == 1 ? $signed(b) > $signed(a) : b > a;
      assign merged[e*BITS +: BITS] = (b_first || b_wins) ? b : a;
    end
  endgenerate
  wire [EB-1:0] y = POOL != 0 ? merged : q;
  always @(posedge ap_clk) begin
    if (adv && b_valid) best <= merged;
  end
  finnr_skid #(.WIDTH(EB)) out (
    .ap_clk(ap_clk), .ap_rst_n(ap_rst_n), .valid(b_valid && b_last), .data(y), .adv(adv),
    .out_tdata(out_tdata), .out_tvalid(out_tvalid), .out_tready(out_tready));
endmodule
/* verilator lint_on UNSIGNED */
/* verilator lint_on UNUSEDSIGNAL */
/* verilator lint_on WIDTH */
`default_nettype wire
