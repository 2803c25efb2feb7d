// finnr RTL library: max pooling of an H x W x C frame, MMV consecutive
// pixels of a row per beat (each pixel all C channels), in and out: per
// beat of MMV output pixels the maximum of each one's KH x KW window (at
// (oy*SH, ox*SW)); KIND 1 compares as signed, else as unsigned.
//
// finnr_window's line buffer and pipeline, its words MMV pixels: a buffer
// of BUF = KH + SH rows of W/MMV words, written round-robin, its rows
// counted by finnr_window_rows. The windows of a beat's MMV output pixels
// start at column ob*MMV*SW, which starts a word, and span (MMV-1)*SW + KW
// columns, NW words a row: the reader reads the beat's KH x NW words (the
// word fastest) and merges each into the MMV running maxima, lane j taking
// the word's pixels its window covers (a mask per word of the row, fixed).
// Reads issue one per cycle once the rows are in; the address takes AS = 3
// registered stages, then the RAM's read, a register, the merge into the
// output stage (finnr.hw.pipeline.window_latency, as finnr_window); the
// pipeline stalls as a whole when the output is not taken. `busy` marks a
// cycle in which the reader issued a read or waited for rows its writer
// was writing.
`default_nettype none
/* verilator lint_off WIDTH */
/* verilator lint_off UNUSEDSIGNAL */
/* verilator lint_off UNSIGNED */
module finnr_pool_mmv #(
  parameter integer H = 2,
  parameter integer W = 2,
  parameter integer C = 1,
  parameter integer MMV = 2,
  parameter integer KH = 2,
  parameter integer KW = 2,
  parameter integer SH = 2,
  parameter integer SW = 2,
  parameter integer OH = 1,
  parameter integer OW = 1,
  parameter integer BITS = 1,
  parameter integer KIND = 0
) (
  input  wire ap_clk,
  input  wire ap_rst_n,
  input  wire [MMV*C*BITS-1:0] in_tdata,
  input  wire in_tvalid,
  output wire in_tready,
  output wire [MMV*C*BITS-1:0] out_tdata,
  output wire out_tvalid,
  input  wire out_tready
);
  // a registered copy of the reset for the issue logic, one per engine
  reg run;
  (* keep *) always @(posedge ap_clk) run <= ap_rst_n;  // kept: yosys would merge the copies into one
  localparam integer PB = C * BITS;  // a pixel
  localparam integer EB = MMV * PB;  // a word, a beat
  localparam integer WB = W / MMV;  // words a row
  localparam integer OB = OW / MMV;  // output beats a row
  localparam integer NW = ((MMV - 1) * SW + KW + MMV - 1) / MMV;  // words a window row of a beat spans
  localparam integer BUF = KH + SH;
  localparam integer DEPTH = BUF * WB;
  localparam integer AW = DEPTH > 1 ? $clog2(DEPTH) : 1;
  localparam integer CNT = 16;
  localparam [BITS-1:0] LOWEST = KIND == 1 ? {1'b1, {(BITS - 1){1'b0}}} : {BITS{1'b0}};

  reg [EB-1:0] ram [0:DEPTH-1];

  // writer: rows round-robin into the buffer, each word AS cycles later
  localparam integer AS = 3;
  reg [AW-1:0] wa;
  wire [(WB > 1 ? $clog2(WB) : 1)-1:0] wpos;
  wire wpos_first, wpos_last;
  wire space, rows_ok;
  assign in_tready = run && space;
  wire wgo = in_tvalid && in_tready;
  wire row_done = wgo && wpos_last;
  finnr_count #(.N(WB)) w_count (.ap_clk(ap_clk), .ap_rst_n(ap_rst_n), .step(wgo), .value(wpos),
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

  // reader: output row oy, output beat ob, window row kh, word nw
  wire adv;
  wire rgo = run && adv && rows_ok;
  wire busy = rgo || (!rows_ok && wgo);
  wire [(OH > 1 ? $clog2(OH) : 1)-1:0] oy;
  wire [(OB > 1 ? $clog2(OB) : 1)-1:0] ob;
  wire [(KH > 1 ? $clog2(KH) : 1)-1:0] kh;
  wire [(NW > 1 ? $clog2(NW) : 1)-1:0] nw;
  wire oy_first, oy_last, ob_first, ob_last, kh_first, kh_last, nw_first, nw_last;
  wire beat_last = kh_last && nw_last;
  wire row_last = beat_last && ob_last;
  wire frame_last = row_last && oy_last;
  finnr_count #(.N(NW)) nw_count (.ap_clk(ap_clk), .ap_rst_n(ap_rst_n), .step(rgo), .value(nw),
                                   .first(nw_first), .last(nw_last));
  finnr_count #(.N(KH)) kh_count (.ap_clk(ap_clk), .ap_rst_n(ap_rst_n), .step(rgo && nw_last), .value(kh),
                                   .first(kh_first), .last(kh_last));
  finnr_count #(.N(OB)) ob_count (.ap_clk(ap_clk), .ap_rst_n(ap_rst_n), .step(rgo && beat_last), .value(ob),
                                   .first(ob_first), .last(ob_last));
  finnr_count #(.N(OH)) oy_count (.ap_clk(ap_clk), .ap_rst_n(ap_rst_n), .step(rgo && row_last), .value(oy),
                                   .first(oy_first), .last(oy_last));
  wire [CNT-1:0] base;
  finnr_window_rows #(.H(H), .OH(OH), .SH(SH), .RN(KH), .CNT(CNT)) rows (
    .ap_clk(ap_clk), .ap_rst_n(ap_rst_n), .row_done(row_done), .row_read(rgo && row_last),
    .frame_last(frame_last), .space(space), .rows_ok(rows_ok), .base(base));
  // lane j takes pixel i of word nw when column nw*MMV + i lies in its
  // window, j*SW .. j*SW+KW-1 (columns from the beat's first)
  wire [MMV*MMV-1:0] mask;
  genvar i, j, c;
  generate
    for (j = 0; j < MMV; j = j + 1) begin : lane_mask
      for (i = 0; i < MMV; i = i + 1) begin : pixel_mask
        assign mask[j*MMV + i] = nw * MMV + i >= j * SW && nw * MMV + i < j * SW + KW;
      end
    end
  endgenerate
  // the address in three stages: (slot before wrap-around, word column),
  // (slot, word in the row), word in the buffer
  reg [CNT-1:0] a1_slot, a1_col, a2_slot, a2_word;
  reg [AW-1:0] a3_addr;
  reg [3:1] a_valid, a_first, a_last;
  reg [MMV*MMV-1:0] a_mask [1:3];
  always @(posedge ap_clk) begin
    if (!ap_rst_n) begin
      a_valid <= 3'b0;
    end else if (adv) begin
      a_valid <= {a_valid[2:1], rgo};
      a_first <= {a_first[2:1], kh_first && nw_first};
      a_last <= {a_last[2:1], beat_last};
      a_mask[1] <= mask;
      a_mask[2] <= a_mask[1];
      a_mask[3] <= a_mask[2];
      a1_slot <= base + kh;
      a1_col <= ob * SW + nw;
      a2_slot <= a1_slot >= BUF ? a1_slot - BUF : a1_slot;
      a2_word <= a1_col;
      a3_addr <= a2_slot * WB + a2_word;
    end
  end
  // the RAM's read, then a register
  reg [EB-1:0] word, q;
  reg r_valid, r_first, r_last, b_valid, b_first, b_last;
  reg [MMV*MMV-1:0] r_mask, b_mask;
  always @(posedge ap_clk) begin
    if (adv) begin
      word <= ram[a3_addr];
      q <= word;
      r_mask <= a_mask[3];
      b_mask <= r_mask;
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

  // output: per lane and channel the running maximum over the pixels its
  // mask takes (from the lowest value at a beat's first word)
  reg [EB-1:0] best;
  wire [EB-1:0] merged;
  generate
    for (j = 0; j < MMV; j = j + 1) begin : lane
      for (c = 0; c < C; c = c + 1) begin : channel
        reg [BITS-1:0] m;
        integer p;
        always @* begin
          m = b_first ? LOWEST : best[(j*C + c)*BITS +: BITS];
          for (p = 0; p < MMV; p = p + 1) begin
            if (b_mask[j*MMV + p] && (KIND == 1 ? $signed(q[(p*C + c)*BITS +: BITS]) > $signed(m)
                                                : q[(p*C + c)*BITS +: BITS] > m))
              m = q[(p*C + c)*BITS +: BITS];
          end
        end
        assign merged[(j*C + c)*BITS +: BITS] = m;
      end
    end
  endgenerate
  always @(posedge ap_clk) begin
    if (adv && b_valid) best <= merged;
  end
  finnr_skid #(.WIDTH(EB)) out (
    .ap_clk(ap_clk), .ap_rst_n(ap_rst_n), .valid(b_valid && b_last), .data(merged), .adv(adv),
    .out_tdata(out_tdata), .out_tvalid(out_tvalid), .out_tready(out_tready));
endmodule
/* verilator lint_on UNSIGNED */
/* verilator lint_on UNUSEDSIGNAL */
/* verilator lint_on WIDTH */
`default_nettype wire
