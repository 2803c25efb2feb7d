// finnr RTL library: a read-only memory of DEPTH words of WIDTH bits,
// initialized from FILE ($readmemh, one hex word per line, bare file name
// resolved against the tool's working directory), synchronous read with a
// clock enable (block or distributed RAM, as the synthesis tool chooses).
`default_nettype none
/* verilator lint_off WIDTH */
/* verilator lint_off UNUSEDSIGNAL */
/* verilator lint_off UNSIGNED */
module finnr_rom #(
  parameter integer WIDTH = 8,
  parameter integer DEPTH = 2,
  parameter FILE = "rom.mem"
) (
  input  wire ap_clk,
  input  wire en,
  input  wire [(DEPTH > 1 ? $clog2(DEPTH) : 1)-1:0] addr,
  output reg  [WIDTH-1:0] q
);
  reg [WIDTH-1:0] mem [0:DEPTH-1];
  initial $readmemh(FILE, mem);
  always @(posedge ap_clk) begin
    if (en) q <= mem[addr];
  end
endmodule
/* verilator lint_on UNSIGNED */
/* verilator lint_on UNUSEDSIGNAL */
/* verilator lint_on WIDTH */
`default_nettype wire
