// finnr RTL library: top-K label selection over L scores (PE per beat,
// L/PE beats per vector, one beat per cycle). The K best (score, index)
// pairs are kept sorted, largest first; each beat inserts its PE scores in
// index order, a score passing only strictly smaller ones (ties keep the
// lower index first). After a vector's last beat the K indices move to an
// output buffer and leave one per beat while the next vector streams in.
// Score kinds: 0 unsigned, 1 signed, 2 bipolar. `busy` marks a cycle that
// took a beat (or, when K > L/PE, gave one).
`default_nettype none
/* verilator lint_off WIDTH */
/* verilator lint_off UNUSEDSIGNAL */
/* verilator lint_off UNSIGNED */
module finnr_label_select #(
  parameter integer L = 2,
  parameter integer K = 1,
  parameter integer PE = 1,
  parameter integer IN_BITS = 1,
  parameter integer IN_KIND = 0,
  parameter integer OUT_BITS = 1
) (
  input  wire ap_clk,
  input  wire ap_rst_n,
  input  wire [PE*IN_BITS-1:0] in_tdata,
  input  wire in_tvalid,
  output wire in_tready,
  output wire [OUT_BITS-1:0] out_tdata,
  output wire out_tvalid,
  input  wire out_tready
);
  // a registered copy of the reset for the issue logic, one per engine:
  // the reset's fanout stays on the registers' own reset inputs, out of
  // the LUTs
  reg run;
  (* keep *) always @(posedge ap_clk) run <= ap_rst_n;  // kept: yosys would merge the copies into one
  localparam integer NB = L / PE;
  localparam integer CNT = 16;
  localparam integer VB = IN_BITS + 1;
  reg signed [VB-1:0] best_v [0:K-1];
  reg [OUT_BITS-1:0] best_i [0:K-1];
  reg best_ok [0:K-1];
  reg [CNT-1:0] beat;
  reg [OUT_BITS-1:0] obuf [0:K-1];
  reg [CNT-1:0] pending;
  reg [CNT-1:0] optr;
  wire last_beat = beat == NB - 1;
  wire emit = out_tvalid && out_tready;
  wire out_free = pending == 0 || (pending == 1 && emit);
  assign in_tready = run && (!last_beat || out_free);
  wire take = in_tvalid && in_tready;
  wire busy = NB >= K ? take : emit;
  assign out_tvalid = pending != 0;
  assign out_tdata = obuf[optr];

  // the list after inserting this beat's scores
  reg signed [VB-1:0] nv [0:K-1];
  reg [OUT_BITS-1:0] ni [0:K-1];
  reg nok [0:K-1];
  reg signed [VB-1:0] cv, tv;
  reg [OUT_BITS-1:0] ci, ti;
  reg cok, tok, shifting;
  reg [IN_BITS-1:0] e;
  integer j, k;
  always @* begin
    tv = 0; ti = 0; tok = 1'b0; e = 0; cv = 0; ci = 0; cok = 1'b0; shifting = 1'b0;
    for (k = 0; k < K; k = k + 1) begin
      nv[k] = best_v[k];
      ni[k] = best_i[k];
      nok[k] = beat != 0 && best_ok[k];
    end
    for (j = 0; j < PE; j = j + 1) begin
      e = in_tdata[j*IN_BITS +: IN_BITS];
      if (IN_KIND == 2) cv = e[0] ? 1 : -1;
      else if (IN_KIND == 1) cv = $signed({e[IN_BITS-1], e});
      else cv = $signed({1'b0, e});
      ci = beat * PE + j;
      cok = 1'b1;
      shifting = 1'b0;
      for (k = 0; k < K; k = k + 1) begin
        if (cok && (shifting || !nok[k] || cv > nv[k])) begin
          tv = nv[k]; ti = ni[k]; tok = nok[k];
          nv[k] = cv; ni[k] = ci; nok[k] = 1'b1;
          cv = tv; ci = ti; cok = tok;
          shifting = 1'b1;
        end
      end
    end
  end
  always @(posedge ap_clk) begin
    if (!ap_rst_n) begin
      beat <= 0;
      pending <= 0;
      optr <= 0;
    end else begin
      if (emit) begin
        pending <= pending - 1;
        optr <= optr + 1;
      end
      if (take) begin
        for (k = 0; k < K; k = k + 1) begin
          best_v[k] <= nv[k];
          best_i[k] <= ni[k];
          best_ok[k] <= nok[k];
        end
        if (last_beat) begin
          beat <= 0;
          for (k = 0; k < K; k = k + 1) obuf[k] <= ni[k];
          pending <= K;
          optr <= 0;
        end else begin
          beat <= beat + 1;
        end
      end
    end
  end
endmodule
/* verilator lint_on UNSIGNED */
/* verilator lint_on UNUSEDSIGNAL */
/* verilator lint_on WIDTH */
`default_nettype wire
