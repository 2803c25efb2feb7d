// finnr RTL library: stream data-width converter, IN elements of BITS bits
// per input beat to OUT per output beat (any ratio; the frame holds a
// multiple of both). A shift buffer of IN + OUT elements takes a beat and
// gives one in the same cycle, so the wider side never waits: cycles =
// max(input beats, output beats). `busy` counts the beats of the side with
// more beats.
`default_nettype none
/* verilator lint_off WIDTH */
/* verilator lint_off UNUSEDSIGNAL */
/* verilator lint_off UNSIGNED */
module finnr_dwc #(
  parameter integer BITS = 1,
  parameter integer IN = 1,
  parameter integer OUT = 1
) (
  input  wire ap_clk,
  input  wire ap_rst_n,
  input  wire [IN*BITS-1:0] in_tdata,
  input  wire in_tvalid,
  output wire in_tready,
  output wire [OUT*BITS-1:0] out_tdata,
  output wire out_tvalid,
  input  wire out_tready
);
  // a registered copy of the reset for the issue logic, one per engine:
  // the reset's fanout stays on the registers' own reset inputs, out of
  // the LUTs
  reg run;
  (* keep *) always @(posedge ap_clk) run <= ap_rst_n;  // kept: yosys would merge the copies into one
  localparam integer CAP = IN + OUT;
  localparam integer CW = $clog2(CAP + 1);
  localparam [CW-1:0] IN_N = IN;
  localparam [CW-1:0] OUT_N = OUT;
  localparam [CW-1:0] CAP_N = CAP;
  reg [CAP*BITS-1:0] data;
  reg [CW-1:0] n;
  wire emit = out_tvalid & out_tready;
  wire [CW-1:0] n_left = emit ? n - OUT_N : n;
  assign out_tvalid = n >= OUT_N;
  assign out_tdata = data[OUT*BITS-1:0];
  assign in_tready = run && (n_left <= CAP_N - IN_N);
  wire take = in_tvalid & in_tready;
  wire busy = IN <= OUT ? take : emit;
  wire [CAP*BITS-1:0] kept = emit ? data >> (OUT * BITS) : data;
  wire [CAP*BITS-1:0] incoming = {{(CAP*BITS-IN*BITS){1'b0}}, in_tdata} << (n_left * BITS);
  always @(posedge ap_clk) begin
    if (!ap_rst_n) begin
      n <= {CW{1'b0}};
      data <= {(CAP*BITS){1'b0}};
    end else begin
      n <= take ? n_left + IN_N : n_left;
      data <= take ? kept | incoming : kept;
    end
  end
endmodule
/* verilator lint_on UNSIGNED */
/* verilator lint_on UNUSEDSIGNAL */
/* verilator lint_on WIDTH */
`default_nettype wire
