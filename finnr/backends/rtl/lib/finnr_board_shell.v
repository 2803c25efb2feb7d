// finnr board shell: the parts between a UART and the accelerator's
// AXI-stream ports. Bytes carry rows: a row (the innermost dimension of a
// tensor, ROW_BITS = elements x bits) is its elements' codes concatenated,
// element 0 in the least-significant bits, padded with zeros to whole
// bytes, sent least-significant byte first (as FINN's driver packs a row).
// A beat of the accelerator holds W bits of that stream (element 0 lowest);
// the unpacker and the packer move one bit a cycle, which is far faster
// than the UART (ten bits a byte, each many cycles).
`default_nettype none

// A byte FIFO (first word fall-through): DEPTH bytes (a power of two) in
// banks of BANK bytes (one DP16KD as 2048 x 9 by default; a smaller FIFO
// is one bank), plus the output register. A read takes three cycles: the
// bank's registered read (the block RAM's own register), a register per
// bank next to its memory, then the bank multiplexer into the output
// register; one read is in flight at a time, so a byte leaves at most
// every three cycles (the UART brings one every ten bits). Without the
// per-bank register the multiplexer of a deep FIFO (16 EBRs spread over
// the die) sat between the block RAMs' slow clock-to-output and the
// unpacker, the critical path of MobileNet's board top. The empty and
// full flags are registers computed from the pointers' next values, so the
// memories' read enables come from registers through few gates.
module finnr_board_fifo #(
  parameter integer DEPTH = 16,
  parameter integer BANK_BYTES = 2048
) (
  input  wire       clk,
  input  wire       rst_n,
  input  wire [7:0] in_data,
  input  wire       in_valid,
  output wire       in_ready,
  output reg  [7:0] out_data,
  output reg        out_valid,
  input  wire       out_ready
);
  localparam integer AW = DEPTH > 1 ? $clog2(DEPTH) : 1;
  localparam integer BANK = DEPTH < BANK_BYTES ? DEPTH : BANK_BYTES;
  localparam integer BANKS = DEPTH / BANK;
  localparam integer LW = BANK > 1 ? $clog2(BANK) : 1;
  localparam integer SW = BANKS > 1 ? $clog2(BANKS) : 1;
  reg [AW:0] wr, rd;
  reg empty, full;
  reg read_q, read_h;        // a read in its first / second cycle
  reg [SW-1:0] bank_q, bank_h;
  wire push = in_valid && !full;
  // the output register is free when the read arrives: one read in flight
  wire pop = !empty && !read_q && !read_h && (!out_valid || out_ready);
  wire [AW:0] wr_next = wr + push;
  wire [AW:0] rd_next = rd + pop;
  wire [AW:0] level_next = wr_next - rd_next;  // AW+1 bits: a wrapped difference stays right
  wire [SW-1:0] wr_bank, rd_bank;
  wire [LW-1:0] wr_at = wr[LW-1:0];
  wire [LW-1:0] rd_at = rd[LW-1:0];
  wire [8*BANKS-1:0] held;
  assign in_ready = !full;
  generate
    if (BANKS > 1) begin : g_banked
      assign wr_bank = wr[AW-1:LW];
      assign rd_bank = rd[AW-1:LW];
    end else begin : g_one
      assign wr_bank = 1'b0;
      assign rd_bank = 1'b0;
    end
  endgenerate
  genvar b;
  generate
    for (b = 0; b < BANKS; b = b + 1) begin : g_bank
      reg [7:0] mem [0:BANK-1];
      reg [7:0] q, h;
      always @(posedge clk) begin
        if (push && wr_bank == b) mem[wr_at] <= in_data;
        if (pop && rd_bank == b) q <= mem[rd_at];
        if (read_q) h <= q;
      end
      assign held[8*b +: 8] = h;
    end
  endgenerate
  always @(posedge clk) begin
    if (!rst_n) begin
      wr <= 0;
      rd <= 0;
      empty <= 1'b1;
      full <= 1'b0;
      read_q <= 1'b0;
      read_h <= 1'b0;
      out_valid <= 1'b0;
    end else begin
      wr <= wr_next;
      rd <= rd_next;
      empty <= wr_next == rd_next;
      full <= level_next == DEPTH;
      read_q <= pop;
      read_h <= read_q;
      if (read_h) out_valid <= 1'b1;
      else if (out_ready) out_valid <= 1'b0;
    end
  end
  always @(posedge clk) begin
    if (pop) bank_q <= rd_bank;
    if (read_q) bank_h <= bank_q;
    if (read_h) out_data <= held[8*bank_h +: 8];
  end
endmodule

// Bytes of rows -> beats of W bits (the pad bits at each row's end dropped).
module finnr_board_unpack #(
  parameter integer W = 8,
  parameter integer ROW_BITS = 8,
  parameter integer OUT_W = 8
) (
  input  wire             clk,
  input  wire             rst_n,
  input  wire [7:0]       in_data,
  input  wire             in_valid,
  output wire             in_ready,
  output wire [OUT_W-1:0] out_tdata,
  output wire             out_tvalid,
  input  wire             out_tready
);
  localparam integer RW = ROW_BITS < 8 ? 4 : $clog2(ROW_BITS + 1);
  localparam integer CW = $clog2(W + 1);
  reg [7:0] byte_r;
  reg [3:0] nb;        // bits of byte_r still to move
  reg [RW-1:0] row;    // bits left in the current row
  reg [W-1:0] beat;
  reg [CW-1:0] have;   // bits in beat
  wire [W-1:0] bit_in = byte_r[0];  // zero-extended
  wire full = have == W;
  wire take = nb != 0 && !full;
  assign in_ready = nb == 0;
  assign out_tvalid = full;
  generate
    if (OUT_W > W) begin : g_pad
      assign out_tdata = {{(OUT_W - W){1'b0}}, beat};
    end else begin : g_nopad
      assign out_tdata = beat;
    end
  endgenerate
  always @(posedge clk) begin
    if (!rst_n) begin
      nb <= 0;
      row <= ROW_BITS;
      have <= 0;
    end else begin
      if (in_valid && in_ready) begin
        byte_r <= in_data;
        nb <= row < 8 ? row[3:0] : 4'd8;
      end else if (take) begin
        byte_r <= byte_r >> 1;
        nb <= nb - 1'b1;
        row <= row == 1 ? ROW_BITS : row - 1'b1;
      end
      if (take) begin
        beat <= (beat >> 1) | (bit_in << (W - 1));
        have <= have + 1'b1;
      end else if (full && out_tready) begin
        have <= 0;
      end
    end
  end
endmodule

// Beats of W bits -> bytes of rows (each row padded with zeros to whole bytes).
module finnr_board_pack #(
  parameter integer W = 8,
  parameter integer ROW_BITS = 8,
  parameter integer IN_W = 8
) (
  input  wire            clk,
  input  wire            rst_n,
  input  wire [IN_W-1:0] in_tdata,
  input  wire            in_tvalid,
  output wire            in_tready,
  output reg  [7:0]      out_data,
  output reg             out_valid,
  input  wire            out_ready
);
  localparam integer RW = $clog2(ROW_BITS + 1);
  localparam integer CW = $clog2(W + 1);
  reg [W-1:0] beat;
  reg [CW-1:0] left;   // bits of beat still to move
  reg [2:0] at;        // the next bit's place in the byte
  reg [RW-1:0] row;    // bits left in the current row
  wire take = left != 0 && !out_valid;
  wire last = at == 3'd7 || row == 1;
  assign in_tready = left == 0;
  always @(posedge clk) begin
    if (!rst_n) begin
      left <= 0;
      at <= 0;
      row <= ROW_BITS;
      out_valid <= 1'b0;
      out_data <= 8'd0;
    end else begin
      if (in_tvalid && in_tready) begin
        beat <= in_tdata[W-1:0];
        left <= W;
      end else if (take) begin
        beat <= beat >> 1;
        left <= left - 1'b1;
        out_data[at] <= beat[0];
        at <= last ? 3'd0 : at + 1'b1;
        row <= row == 1 ? ROW_BITS : row - 1'b1;
        if (last) out_valid <= 1'b1;
      end
      if (out_valid && out_ready) begin
        out_valid <= 1'b0;
        out_data <= 8'd0;
      end
    end
  end
endmodule
`default_nettype wire
