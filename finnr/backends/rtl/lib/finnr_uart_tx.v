// finnr board shell: UART transmitter, 8N1, LSB first, CLKS_PER_BIT clock
// cycles a bit; takes a byte (valid/ready) when idle. The line idles high;
// a byte is a low start bit, its eight bits and a high stop bit, each
// CLKS_PER_BIT cycles long, the stop bit included before the next byte.
`default_nettype none
module finnr_uart_tx #(
  parameter integer CLKS_PER_BIT = 33
) (
  input  wire       clk,
  input  wire       rst_n,
  input  wire [7:0] data,
  input  wire       valid,
  output wire       ready,
  output reg        tx
);
  localparam integer CW = $clog2(CLKS_PER_BIT + 1);
  reg [9:0] shift;
  reg [3:0] left;  // line periods left: 11 after a load (the 11th ends the stop bit)
  reg [CW-1:0] count;
  assign ready = left == 0;
  always @(posedge clk) begin
    if (!rst_n) begin
      tx <= 1'b1;
      left <= 0;
      count <= 0;
      shift <= 10'h3ff;
    end else if (left == 0) begin
      if (valid) begin
        shift <= {1'b1, data, 1'b0};
        left <= 4'd11;
        count <= 0;
      end
    end else if (count != 0) begin
      count <= count - 1'b1;
    end else begin
      tx <= shift[0];
      shift <= {1'b1, shift[9:1]};
      left <= left - 1'b1;
      count <= CLKS_PER_BIT - 1;
    end
  end
endmodule
`default_nettype wire
