// finnr RTL library: depth to space (pixel shuffle) of an H x W frame of
// B*B*C channels into (H*B) x (W*B) pixels of C channels, SIMD channels per
// beat in and out (SIMD divides C): output pixel (y*B + bh, x*B + bw)
// channel c is input pixel (y, x) channel (bh*B + bw)*C + c (CRD = 0, DCR
// order) or c*B*B + bh*B + bw (CRD = 1). Two row buffers, ping-pong: in
// step s of a frame (0..H) input row s is written (s < H) while the B output
// rows of input row s - 1 leave (s > 0), one beat of each per cycle, in lock
// step: (H + 1) * W*B*B*C/SIMD cycles per frame. The buffer is B*B*SIMD
// banks of elements, bank (c % SIMD)*B*B + bh*B + bw holding channel c of
// block (bh, bw) at word (row, x, c / SIMD), so that a beat writes, and a
// beat reads, SIMD different banks in either order. `busy` marks a cycle
// that moved a beat.
`default_nettype none
/* verilator lint_off WIDTH */
/* verilator lint_off UNUSEDSIGNAL */
/* verilator lint_off UNSIGNED */
module finnr_depth_to_space #(
  parameter integer H = 1,
  parameter integer W = 1,
  parameter integer C = 1,
  parameter integer SIMD = 1,
  parameter integer B = 2,
  parameter integer CRD = 0,
  parameter integer BITS = 1
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
  localparam integer BB = B * B;
  localparam integer NB = BB * SIMD;
  localparam integer ROWW = W * CF;  // the words of a row in a bank
  // an input pixel's beats: DCR (bh*B + bw, c / SIMD), CRD (c / SIMD, bh*B + bw)
  localparam integer INNER = CRD ? BB : CF;
  localparam integer OUTER = CRD ? CF : BB;
  localparam integer CNT = 16;
  localparam integer AW = $clog2(2 * ROWW);
  reg out_valid;
  reg [SIMD*BITS-1:0] out_data;
  wire adv = !out_valid || out_tready;
  reg [CNT-1:0] s;  // the step of the frame
  reg pp;  // the buffer input row s is written into (the other one is read)
  reg [CNT-1:0] wx, wo, wi;  // the input pixel and its beat (outer, inner)
  reg [CNT-1:0] rbh, rx, rbw, rcf;  // the output beat: row bh, pixel x*B + bw, channel fold cf
  wire writing = s < H;
  wire reading = s > 0;
  wire go = run && adv && (!writing || in_tvalid);
  wire busy = go;
  assign in_tready = run && adv && writing;
  wire [AW-1:0] waddr = (pp ? ROWW : 0) + wx * CF + (CRD ? wo : wi);
  wire [AW-1:0] raddr = (pp ? 0 : ROWW) + rx * CF + rcf;
  wire [CNT-1:0] rblock = rbh * B + rbw;
  wire [NB*BITS-1:0] banks;  // every bank's word at raddr, bank 0 lowest
  reg [SIMD*BITS-1:0] beat;
  integer l;
  always @* begin
    for (l = 0; l < SIMD; l = l + 1) beat[l*BITS +: BITS] = banks[(l*BB + rblock)*BITS +: BITS];
  end
  genvar b;
  generate
    for (b = 0; b < NB; b = b + 1) begin : g_bank
      // the input lane that writes this bank, and in which beats
      localparam integer LANE = CRD ? b % SIMD : b / BB;
      wire mine = CRD ? wi == b / SIMD : wo == b % BB;
      reg [BITS-1:0] mem [0:2*ROWW-1];
      always @(posedge ap_clk) begin
        if (go && writing && mine) mem[waddr] <= in_tdata[LANE*BITS +: BITS];
      end
      assign banks[b*BITS +: BITS] = mem[raddr];
    end
  endgenerate
  always @(posedge ap_clk) begin
    if (!ap_rst_n) begin
      s <= 0; pp <= 1'b0;
      wx <= 0; wo <= 0; wi <= 0;
      rbh <= 0; rx <= 0; rbw <= 0; rcf <= 0;
      out_valid <= 1'b0;
    end else begin
      if (adv) out_valid <= go && reading;
      if (go && reading) out_data <= beat;
      if (go) begin
        if (wi != INNER - 1) wi <= wi + 1;
        else begin
          wi <= 0;
          if (wo != OUTER - 1) wo <= wo + 1;
          else begin
            wo <= 0;
            wx <= wx == W - 1 ? 0 : wx + 1;
          end
        end
        if (rcf != CF - 1) rcf <= rcf + 1;
        else begin
          rcf <= 0;
          if (rbw != B - 1) rbw <= rbw + 1;
          else begin
            rbw <= 0;
            if (rx != W - 1) rx <= rx + 1;
            else begin
              rx <= 0;
              if (rbh != B - 1) rbh <= rbh + 1;
              else begin  // the step ends
                rbh <= 0;
                pp <= !pp;
                s <= s == H ? 0 : s + 1;
              end
            end
          end
        end
      end
    end
  end
  assign out_tvalid = out_valid;
  assign out_tdata = out_data;
endmodule
/* verilator lint_on UNSIGNED */
/* verilator lint_on UNUSEDSIGNAL */
/* verilator lint_on WIDTH */
`default_nettype wire
