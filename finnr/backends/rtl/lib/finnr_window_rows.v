// finnr RTL library: the row accounting of a sliding window engine's line
// buffer of BUF = RN + SH rows (RN = (KH-1)*DH + 1 the rows a window spans),
// shared by finnr_window and finnr_window_pw. `ahead` counts the complete
// rows from the first row of the reader's current output row: the writer
// may work on the row `ahead` while ahead < BUF (`space`), so it fills the
// SH rows of the next output row (and at the end of a frame the first rows
// of the next frame) while the reader reads; the reader may read an output
// row once its RN rows are complete (`rows_ok`). After an output row
// (`row_read`) the reader releases SH rows, after the frame's last one
// (`frame_last` with it) the rest of the frame, rows no window used
// included (`ahead` goes negative and the writer skips them). `base` is the
// buffer row of the output row's first window row. Both comparisons are
// registers, computed from `ahead`'s next value.
`default_nettype none
/* verilator lint_off WIDTH */
/* verilator lint_off UNUSEDSIGNAL */
module finnr_window_rows #(
  parameter integer H = 3,
  parameter integer OH = 3,
  parameter integer SH = 1,
  parameter integer RN = 1,
  parameter integer CNT = 16
) (
  input  wire ap_clk,
  input  wire ap_rst_n,
  input  wire row_done,
  input  wire row_read,
  input  wire frame_last,
  output reg  space,
  output reg  rows_ok,
  output reg  [CNT-1:0] base
);
  localparam integer BUF = RN + SH;
  localparam integer REL_LAST = H - (OH - 1) * SH;
  localparam integer DB = $clog2(H + BUF + 1) + 2;
  reg signed [DB-1:0] ahead;
  wire [CNT-1:0] base_sh = base + SH % BUF;
  wire [CNT-1:0] base_rel = base + REL_LAST % BUF;
  wire [CNT-1:0] base_next = frame_last ? (base_rel >= BUF ? base_rel - BUF : base_rel)
                                        : (base_sh >= BUF ? base_sh - BUF : base_sh);
  wire [CNT-1:0] release_rows = frame_last ? REL_LAST : SH;
  wire signed [DB-1:0] ahead_next = ahead + (row_done ? 1 : 0) - (row_read ? release_rows : 0);
  always @(posedge ap_clk) begin
    if (!ap_rst_n) begin
      ahead <= 0;
      space <= 1'b1;
      rows_ok <= 1'b0;
      base <= 0;
    end else begin
      ahead <= ahead_next;
      space <= ahead_next < BUF;
      rows_ok <= ahead_next >= RN;
      if (row_read) base <= base_next;
    end
  end
endmodule
/* verilator lint_on UNUSEDSIGNAL */
/* verilator lint_on WIDTH */
`default_nettype wire
