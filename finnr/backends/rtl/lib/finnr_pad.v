// finnr RTL library: padding of an H x W x C frame (SIMD channels per
// beat) by TOP/LEFT/BOTTOM/RIGHT pixels of VALUE: one output beat per
// cycle, (H+TOP+BOTTOM)*(W+LEFT+RIGHT)*C/SIMD/MMV cycles per frame. With
// MMV > 1 (SIMD = C) a beat carries MMV consecutive pixels of a row, in
// and out: output beat ox of a row holds pixels ox*MMV .. ox*MMV+MMV-1 and
// reads input beat ox - LEFT/MMV when the row has one (`reads`); the
// LEFT % MMV pixels that spill into the next output beat come from the
// beat read before (`held`). The position's counters (finnr_count) keep
// registered last flags, and whether the row, the input beat and each
// output pixel lie in the frame are registers set as the counters step,
// so no comparison stands between the consumer's ready and the counters'
// enable. `busy` marks an output beat.
`default_nettype none
/* verilator lint_off WIDTH */
/* verilator lint_off UNUSEDSIGNAL */
/* verilator lint_off UNSIGNED */
module finnr_pad #(
  parameter integer H = 1,
  parameter integer W = 1,
  parameter integer C = 1,
  parameter integer SIMD = 1,
  parameter integer MMV = 1,
  parameter integer TOP = 0,
  parameter integer LEFT = 0,
  parameter integer BOTTOM = 0,
  parameter integer RIGHT = 0,
  parameter integer BITS = 1,
  parameter integer VALUE = 0
) (
  input  wire ap_clk,
  input  wire ap_rst_n,
  input  wire [MMV*SIMD*BITS-1:0] in_tdata,
  input  wire in_tvalid,
  output wire in_tready,
  output wire [MMV*SIMD*BITS-1:0] out_tdata,
  output wire out_tvalid,
  input  wire out_tready
);
  // a registered copy of the reset for the issue logic, one per engine:
  // the reset's fanout stays on the registers' own reset inputs, out of
  // the LUTs
  reg run;
  (* keep *) always @(posedge ap_clk) run <= ap_rst_n;  // kept: yosys would merge the copies into one
  localparam integer OH = H + TOP + BOTTOM;
  localparam integer OW = (W + LEFT + RIGHT) / MMV;  // beats a row
  localparam integer WB = W / MMV;  // input beats a row
  localparam integer LB = LEFT / MMV;  // output beats before the first that reads
  localparam integer S = LEFT % MMV;  // pixels of a read beat that spill into the next output beat
  localparam integer CF = C / SIMD;
  localparam integer PB = SIMD * BITS;  // bits a pixel (MMV > 1) or a beat
  localparam integer CNT = 16;
  localparam [BITS-1:0] V = VALUE;
  reg out_valid;
  reg [MMV*PB-1:0] out_data, held;
  wire adv = !out_valid || out_tready;
  wire [(OH > 1 ? $clog2(OH) : 1)-1:0] oy;
  wire [(OW > 1 ? $clog2(OW) : 1)-1:0] ox;
  wire [(CF > 1 ? $clog2(CF) : 1)-1:0] cf;
  wire oy_first, oy_last, ox_first, ox_last, cf_first, cf_last;
  reg row_in, col_rd;  // oy in TOP .. TOP+H-1, ox in LB .. LB+WB-1
  reg [MMV-1:0] lane_in;  // pixel ox*MMV + j in LEFT .. LEFT+W-1
  wire reads = row_in && col_rd;
  wire go = run && adv && (!reads || in_tvalid);
  wire busy = go;
  assign in_tready = run && adv && reads;
  wire col_step = go && cf_last;
  wire row_step = col_step && ox_last;
  finnr_count #(.N(CF)) cf_count (.ap_clk(ap_clk), .ap_rst_n(ap_rst_n), .step(go), .value(cf),
                                   .first(cf_first), .last(cf_last));
  finnr_count #(.N(OW)) ox_count (.ap_clk(ap_clk), .ap_rst_n(ap_rst_n), .step(col_step), .value(ox),
                                   .first(ox_first), .last(ox_last));
  finnr_count #(.N(OH)) oy_count (.ap_clk(ap_clk), .ap_rst_n(ap_rst_n), .step(row_step), .value(oy),
                                   .first(oy_first), .last(oy_last));
  wire [CNT-1:0] ox_next = ox_last ? 0 : ox + 1;
  wire [CNT-1:0] oy_next = oy_last ? 0 : oy + 1;
  // each output pixel: from the beat read now (lane j >= S) or the one
  // before (j < S), or VALUE outside the frame
  wire [2*MMV*PB-1:0] pair = {in_tdata, held};
  wire [MMV*PB-1:0] y;
  genvar j;
  generate
    for (j = 0; j < MMV; j = j + 1) begin : lane
      assign y[j*PB +: PB] = row_in && lane_in[j] ? pair[(j + MMV - S)*PB +: PB] : {SIMD{V}};
      always @(posedge ap_clk) begin
        if (!ap_rst_n) lane_in[j] <= j >= LEFT && j < LEFT + W;
        else if (col_step) lane_in[j] <= ox_next * MMV + j >= LEFT && ox_next * MMV + j < LEFT + W;
      end
    end
  endgenerate
  always @(posedge ap_clk) begin
    if (!ap_rst_n) begin
      row_in <= TOP == 0 && H > 0;
      col_rd <= LB == 0 && WB > 0;
      out_valid <= 1'b0;
    end else begin
      if (col_step) col_rd <= ox_next >= LB && ox_next < LB + WB;
      if (row_step) row_in <= oy_next >= TOP && oy_next < TOP + H;
      if (adv) out_valid <= go;
      if (go) out_data <= y;
    end
  end
  always @(posedge ap_clk) begin
    if (in_tvalid && in_tready) held <= in_tdata;
  end
  assign out_tvalid = out_valid;
  assign out_tdata = out_data;
endmodule
/* verilator lint_on UNSIGNED */
/* verilator lint_on UNUSEDSIGNAL */
/* verilator lint_on WIDTH */
`default_nettype wire
