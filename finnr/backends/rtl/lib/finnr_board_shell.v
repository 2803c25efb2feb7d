// finnr board shell: the parts between a UART and the accelerator's
// AXI-stream ports. Bytes carry rows: a row (the innermost dimension of a
// tensor, ROW_BITS = elements x bits) is its elements' codes concatenated,
// element 0 in the least-significant bits, padded with zeros to whole
// bytes, sent least-significant byte first (as FINN's driver packs a row).
// A beat of the accelerator holds W bits of that stream (element 0 lowest);
// the unpacker and the packer move one bit a cycle, which is far faster
// than the UART (ten bits a byte, each many cycles).
`default_nettype none

// A byte FIFO (first word fall-through): DEPTH bytes in a memory with a
// registered read (block RAM when large), plus the output register. Its
// empty and full flags are registers, computed from the pointers' next
// values, so the memory's read enable (spread over many EBRs in a deep
// FIFO) comes from registers through one gate.
module finnr_board_fifo #(
  parameter integer DEPTH = 16
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
  reg [7:0] mem [0:DEPTH-1];
  reg [AW:0] wr, rd;
  reg empty, full;
  assign in_ready = !full;
  wire push = in_valid && !full;
  wire pop = (!out_valid || out_ready) && !empty;
  wire [AW:0] wr_next = wr + push;
  wire [AW:0] rd_next = rd + pop;
  always @(posedge clk) begin
    if (push) mem[wr[AW-1:0]] <= in_data;
  end
  always @(posedge clk) begin
    if (!rst_n) begin
      wr <= 0;
      rd <= 0;
      empty <= 1'b1;
      full <= 1'b0;
      out_valid <= 1'b0;
    end else begin
      wr <= wr_next;
      rd <= rd_next;
      empty <= wr_next == rd_next;
      full <= wr_next - rd_next == DEPTH;
      if (!out_valid || out_ready) out_valid <= !empty;
    end
  end
  always @(posedge clk) begin
    if (pop) out_data <= mem[rd[AW-1:0]];
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
