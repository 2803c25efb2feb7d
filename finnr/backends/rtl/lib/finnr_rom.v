// finnr RTL library: a read-only memory of DEPTH words of WIDTH bits,
// split into banks of BANK words (the deepest a block RAM holds at this
// width: finnr.hw.pipeline.rom_bank), each initialized from its own file
// ($readmemh, one hex word per line, resolved against the tool's working
// directory): FILE for one bank, else FILE.000, FILE.001, ...
//
// Registered so that a block RAM's clock-to-output time ends in a
// register (finnr.hw.pipeline.rom_latency enables from `addr` to `q`, all
// with the clock enable `en`): one bank, its synchronous read and an
// output register (2); several, each bank's read and a register of its
// own, then the bank select into the output register (3).
`default_nettype none
/* verilator lint_off WIDTH */
/* verilator lint_off UNUSEDSIGNAL */
/* verilator lint_off UNSIGNED */
module finnr_rom #(
  parameter integer WIDTH = 8,
  parameter integer DEPTH = 2,
  parameter integer BANK = DEPTH,
  parameter FILE = "rom.mem"
) (
  input  wire ap_clk,
  input  wire en,
  input  wire [(DEPTH > 1 ? $clog2(DEPTH) : 1)-1:0] addr,
  output reg  [WIDTH-1:0] q
);
  localparam integer AW = DEPTH > 1 ? $clog2(DEPTH) : 1;
  localparam integer NB = (DEPTH + BANK - 1) / BANK;
  generate
    if (NB == 1) begin : one
      reg [WIDTH-1:0] mem [0:DEPTH-1];
      reg [WIDTH-1:0] word;
      initial $readmemh(FILE, mem);
      always @(posedge ap_clk) begin
        if (en) begin
          word <= mem[addr];
          q <= word;
        end
      end
    end else begin : banked
      localparam integer BW = $clog2(BANK);  // BANK is a power of 2
      wire [NB*WIDTH-1:0] held;
      reg [AW-BW-1:0] sel1, sel2;
      genvar b;
      for (b = 0; b < NB; b = b + 1) begin : bank
        localparam integer N = b < NB - 1 ? BANK : DEPTH - b * BANK;
        localparam [7:0] D2 = 48 + b / 100, D1 = 48 + (b / 10) % 10, D0 = 48 + b % 10;
        reg [WIDTH-1:0] mem [0:N-1];
        reg [WIDTH-1:0] word, hold;
        initial $readmemh({FILE, ".", D2, D1, D0}, mem);
        always @(posedge ap_clk) begin
          if (en) begin
            word <= mem[addr[BW-1:0]];
            hold <= word;
          end
        end
        assign held[b*WIDTH +: WIDTH] = hold;
      end
      always @(posedge ap_clk) begin
        if (en) begin
          sel1 <= addr[AW-1:BW];
          sel2 <= sel1;
          q <= held[sel2*WIDTH +: WIDTH];
        end
      end
    end
  endgenerate
endmodule
/* verilator lint_on UNSIGNED */
/* verilator lint_on UNUSEDSIGNAL */
/* verilator lint_on WIDTH */
`default_nettype wire
