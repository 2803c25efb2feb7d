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
// registers, computed for each of `ahead`'s possible next values as a
// comparison of the register with a constant, and selected by the steps.
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
  // base steps by SH (or the rows released at a frame's end) modulo BUF:
  // the wrap's comparison and both sums from the register alone (base < BUF)
  localparam integer S_STEP = SH % BUF;
  localparam integer R_STEP = REL_LAST % BUF;
  wire [CNT-1:0] base_sh = base >= BUF - S_STEP ? base - (BUF - S_STEP) : base + S_STEP;
  wire [CNT-1:0] base_rel = base >= BUF - R_STEP ? base - (BUF - R_STEP) : base + R_STEP;
  wire [CNT-1:0] base_next = frame_last ? base_rel : base_sh;
  // `ahead`'s six possible next values are ahead + D, D one of six
  // constants, and their comparisons ahead + D < BUF and ahead + D >= RN
  // compare the register itself with BUF - D and RN - D: no adder before a
  // comparison, and the reader's and writer's steps (late: they come
  // through the position counters' flags) only select among the results
  localparam integer D_SH = -SH;
  localparam integer D_REL = -REL_LAST;
  wire [2:0] pick = {row_read, row_read && frame_last, row_done};
  reg signed [DB-1:0] ahead_next;
  reg space_next, rows_ok_next;
  always @(*) begin
    case (pick)
      3'b001: begin ahead_next = ahead + 1; space_next = ahead < BUF - 1; rows_ok_next = ahead >= RN - 1; end
      3'b100: begin
        ahead_next = ahead + D_SH; space_next = ahead < BUF - D_SH; rows_ok_next = ahead >= RN - D_SH;
      end
      3'b101: begin
        ahead_next = ahead + 1 + D_SH; space_next = ahead < BUF - 1 - D_SH; rows_ok_next = ahead >= RN - 1 - D_SH;
      end
      3'b110: begin
        ahead_next = ahead + D_REL; space_next = ahead < BUF - D_REL; rows_ok_next = ahead >= RN - D_REL;
      end
      3'b111: begin
        ahead_next = ahead + 1 + D_REL; space_next = ahead < BUF - 1 - D_REL;
        rows_ok_next = ahead >= RN - 1 - D_REL;
      end
      default: begin ahead_next = ahead; space_next = ahead < BUF; rows_ok_next = ahead >= RN; end
    endcase
  end
  always @(posedge ap_clk) begin
    if (!ap_rst_n) begin
      ahead <= 0;
      space <= 1'b1;
      rows_ok <= 1'b0;
      base <= 0;
    end else begin
      ahead <= ahead_next;
      space <= space_next;
      rows_ok <= rows_ok_next;
      if (row_read) base <= base_next;
    end
  end
endmodule
/* verilator lint_on UNUSEDSIGNAL */
/* verilator lint_on WIDTH */
`default_nettype wire
