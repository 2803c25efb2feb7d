// finnr RTL library: the output stage of a stall-all engine, an output
// register with a skid register behind it, so that the engine's pipeline
// enable `adv` comes from a register of its own (the skid is empty) and
// not through the consumer's TREADY: the ready path ends here. Each cycle
// with `adv` the engine's last stage hands over `valid`/`data`: into the
// output register when it is empty or being taken, else into the skid
// (then `adv` drops for the cycles until the output register takes the
// skid's beat). A beat that finds the output register free leaves the
// cycle after, as from a plain output register: a consumer that takes
// every beat sees exactly the timing of one.
`default_nettype none
/* verilator lint_off WIDTH */
/* verilator lint_off UNUSEDSIGNAL */
/* verilator lint_off UNSIGNED */
module finnr_skid #(
  parameter integer WIDTH = 8
) (
  input  wire ap_clk,
  input  wire ap_rst_n,
  input  wire valid,
  input  wire [WIDTH-1:0] data,
  output wire adv,
  output wire [WIDTH-1:0] out_tdata,
  output wire out_tvalid,
  input  wire out_tready
);
  reg ov, sv;
  reg [WIDTH-1:0] od, sd;
  assign adv = !sv;
  wire free = !ov || out_tready;
  always @(posedge ap_clk) begin
    if (!ap_rst_n) begin
      ov <= 1'b0;
      sv <= 1'b0;
    end else if (sv) begin
      if (out_tready) begin
        od <= sd;
        sv <= 1'b0;
      end
    end else if (free) begin
      ov <= valid;
      od <= data;
    end else begin
      sv <= valid;
      sd <= data;
    end
  end
  assign out_tvalid = ov;
  assign out_tdata = od;
endmodule
/* verilator lint_on UNSIGNED */
/* verilator lint_on UNUSEDSIGNAL */
/* verilator lint_on WIDTH */
`default_nettype wire
