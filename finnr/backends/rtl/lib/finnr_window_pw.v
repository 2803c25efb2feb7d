// finnr RTL library: the sliding window unit in parallel-window mode: over
// an H x W x C frame (NHWC, a whole pixel of C channels per input beat),
// every output pixel's KH x KW window leaves as one beat of KH*KW*C
// elements ordered (kh, kw, c), element 0 in the low bits.
//
// As finnr_window: a line buffer of BUF = (KH-1)*DH + 1 + SH rows that the
// writer fills round-robin while the reader walks the output rows, the
// rows counted by finnr_window_rows. Here the reader takes one step per
// output pixel: every row of the buffer is a memory of its own, in KW
// copies, so that the KH rows of a window (in KH different rows of the
// buffer) and its KW columns (one from each copy) are read in one cycle.
//
// Pipeline: the read's addresses (each window row's buffer row, each window
// column's pixel) in AS = 1 registered stage
// (finnr.hw.pipeline.PARALLEL_WINDOW_ADDRESS_STAGES), the memories' read,
// then the multiplexers choosing each window row's buffer row into the
// output stage (finnr.hw.pipeline.parallel_window_latency in all). Every
// write reaches its memory AS cycles after its beat is taken, so reads and
// writes meet the memories in the order they were decided.
//
// MMV (FINN's name) > 1: an input beat carries MMV consecutive pixels of a
// row and an output beat the MMV windows of MMV consecutive output pixels
// of a row (window m at bits [m*KH*KW*C*BITS +: ...]); MMV divides W and
// OW. A memory word then holds the MMV pixels of an input beat (W/MMV
// words), and each buffer row is there in MMV*KW copies, one per column of
// the MMV windows: copy (m, k) reads the word of window m's column k, the
// output stage picks the pixel within it. One step per MMV output pixels.
`default_nettype none
/* verilator lint_off WIDTH */
/* verilator lint_off UNUSEDSIGNAL */
/* verilator lint_off UNSIGNED */
module finnr_window_pw #(
  parameter integer H = 3,
  parameter integer W = 3,
  parameter integer C = 1,
  parameter integer KH = 1,
  parameter integer KW = 1,
  parameter integer SH = 1,
  parameter integer SW = 1,
  parameter integer DH = 1,
  parameter integer DW = 1,
  parameter integer OH = 3,
  parameter integer OW = 3,
  parameter integer BITS = 1,
  parameter integer MMV = 1
) (
  input  wire ap_clk,
  input  wire ap_rst_n,
  input  wire [MMV*C*BITS-1:0] in_tdata,
  input  wire in_tvalid,
  output wire in_tready,
  output wire [MMV*KH*KW*C*BITS-1:0] out_tdata,
  output wire out_tvalid,
  input  wire out_tready
);
  reg run;
  (* keep *) always @(posedge ap_clk) run <= ap_rst_n;  // kept: yosys would merge the copies into one
  localparam integer PX = C * BITS;
  localparam integer RN = (KH - 1) * DH + 1;
  localparam integer BUF = RN + SH;
  localparam integer CNT = 16;
  localparam integer WW = W / MMV;  // words a buffer row
  localparam integer OWS = OW / MMV;  // steps an output row
  localparam integer XB = WW > 1 ? $clog2(WW) : 1;
  localparam integer OB = MMV > 1 ? $clog2(MMV) : 1;
  localparam integer NC = MMV * KW;  // copies of a buffer row
  localparam integer SB = $clog2(BUF);

  // writer: rows round-robin into the buffer's rows, each pixel a cycle later
  wire [SB-1:0] wslot;
  wire [XB-1:0] wcol;
  wire wslot_first, wslot_last, wcol_first, wcol_last;
  wire space, rows_ok;  // the line buffer's rows (finnr_window_rows)
  assign in_tready = run && space;
  wire wgo = in_tvalid && in_tready;
  wire row_done = wgo && wcol_last;
  finnr_count #(.N(WW)) wcol_count (.ap_clk(ap_clk), .ap_rst_n(ap_rst_n), .step(wgo), .value(wcol),
                                    .first(wcol_first), .last(wcol_last));
  finnr_count #(.N(BUF)) wslot_count (.ap_clk(ap_clk), .ap_rst_n(ap_rst_n), .step(row_done), .value(wslot),
                                       .first(wslot_first), .last(wslot_last));
  reg w_en;
  reg [SB-1:0] w_slot;
  reg [XB-1:0] w_col;
  reg [MMV*PX-1:0] w_data;
  always @(posedge ap_clk) begin
    if (!ap_rst_n) w_en <= 1'b0;
    else w_en <= wgo;
    w_slot <= wslot;
    w_col <= wcol;
    w_data <= in_tdata;
  end

  // reader: one step per MMV output pixels (oy, ox*MMV + m)
  wire adv;
  wire rgo = run && adv && rows_ok;
  wire busy = rgo || (!rows_ok && wgo);  // a read issued, or waiting for the rows being written
  wire [(OH > 1 ? $clog2(OH) : 1)-1:0] oy;
  wire [(OWS > 1 ? $clog2(OWS) : 1)-1:0] ox;
  wire oy_first, oy_last, ox_first, ox_last;
  wire frame_last = ox_last && oy_last;
  finnr_count #(.N(OWS)) ox_count (.ap_clk(ap_clk), .ap_rst_n(ap_rst_n), .step(rgo), .value(ox),
                                   .first(ox_first), .last(ox_last));
  finnr_count #(.N(OH)) oy_count (.ap_clk(ap_clk), .ap_rst_n(ap_rst_n), .step(rgo && ox_last), .value(oy),
                                   .first(oy_first), .last(oy_last));
  // the buffer row of the output row's first window row
  wire [CNT-1:0] base;
  finnr_window_rows #(.H(H), .OH(OH), .SH(SH), .RN(RN), .CNT(CNT)) rows (
    .ap_clk(ap_clk), .ap_rst_n(ap_rst_n), .row_done(row_done), .row_read(rgo && ox_last),
    .frame_last(frame_last), .space(space), .rows_ok(rows_ok), .base(base));

  // the addresses: each window row's buffer row, each window column's word
  // and pixel in it
  reg a_valid;
  reg [SB*KH-1:0] a_slot;
  reg [XB*NC-1:0] a_col;
  reg [OB*NC-1:0] a_off;
  wire [SB*KH-1:0] slot_next;
  wire [XB*NC-1:0] col_next;
  wire [OB*NC-1:0] off_next;
  genvar g;
  generate
    for (g = 0; g < KH; g = g + 1) begin : row_slot
      wire [CNT-1:0] slot = base + g * DH;
      assign slot_next[g*SB +: SB] = slot >= BUF ? slot - BUF : slot;
    end
    for (g = 0; g < NC; g = g + 1) begin : col_pixel  // copy g: window g / KW, its column g % KW
      wire [CNT-1:0] x = (ox * MMV + g / KW) * SW + (g % KW) * DW;
      assign col_next[g*XB +: XB] = x / MMV;
      assign off_next[g*OB +: OB] = x % MMV;
    end
  endgenerate
  always @(posedge ap_clk) begin
    if (!ap_rst_n) a_valid <= 1'b0;
    else if (adv) a_valid <= rgo;
    if (adv) begin
      a_slot <= slot_next;
      a_col <= col_next;
      a_off <= off_next;
    end
  end

  // the buffer: row s, copy c a memory of W/MMV words, read at copy c's column
  wire [MMV*PX-1:0] q [0:BUF*NC-1];
  genvar s, c;
  generate
    for (s = 0; s < BUF; s = s + 1) begin : line
      for (c = 0; c < NC; c = c + 1) begin : copy
        reg [MMV*PX-1:0] mem [0:WW-1];
        reg [MMV*PX-1:0] word;
        always @(posedge ap_clk) begin
          if (w_en && w_slot == s) mem[w_col] <= w_data;
          if (adv) word <= mem[a_col[c*XB +: XB]];
        end
        assign q[s * NC + c] = word;
      end
    end
  endgenerate
  reg r_valid;
  reg [SB*KH-1:0] r_slot;
  reg [OB*NC-1:0] r_off;
  always @(posedge ap_clk) begin
    if (!ap_rst_n) r_valid <= 1'b0;
    else if (adv) r_valid <= a_valid;
    if (adv) begin
      r_slot <= a_slot;
      r_off <= a_off;
    end
  end

  // output: window m's row kh from buffer row r_slot[kh], its column k from
  // copy (m, k)'s word, pixel r_off of it
  wire [MMV*KH*KW*PX-1:0] y;
  genvar r, k, m;
  generate
    for (m = 0; m < MMV; m = m + 1) begin : win
      for (r = 0; r < KH; r = r + 1) begin : wrow
        for (k = 0; k < KW; k = k + 1) begin : wcol_
          localparam integer CP = m * KW + k;
          wire [MMV*PX-1:0] word = q[r_slot[r*SB +: SB] * NC + CP];
          assign y[((m*KH + r)*KW + k)*PX +: PX] = word[r_off[CP*OB +: OB]*PX +: PX];
        end
      end
    end
  endgenerate
  finnr_skid #(.WIDTH(MMV*KH*KW*PX)) out (
    .ap_clk(ap_clk), .ap_rst_n(ap_rst_n), .valid(r_valid), .data(y), .adv(adv),
    .out_tdata(out_tdata), .out_tvalid(out_tvalid), .out_tready(out_tready));
endmodule
/* verilator lint_on UNSIGNED */
/* verilator lint_on UNUSEDSIGNAL */
/* verilator lint_on WIDTH */
`default_nettype wire
