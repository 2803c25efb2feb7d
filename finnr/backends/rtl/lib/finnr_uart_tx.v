// finnr board shell: UART transmitter, 8N1, LSB first, CLKS_PER_BIT clock
// cycles a bit; takes a byte (valid/ready) when idle or as its stop bit
// ends. The line idles high; a byte is a low start bit, its eight bits and
// a high stop bit, each CLKS_PER_BIT cycles long.
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
  reg [8:0] shift;  // the data bits still to send, then the stop bit
  reg [3:0] left;   // line periods left, the current one included (10 after a load)
  reg [CW-1:0] count;
  // a byte is taken when idle or in the stop bit's last cycle, so bytes
  // leave back to back: one every 10 x CLKS_PER_BIT cycles
  assign ready = left == 0 || (left == 1 && count == 0);
  always @(posedge clk) begin
    if (!rst_n) begin
      tx <= 1'b1;
      left <= 0;
      count <= 0;
      shift <= 9'h1ff;
    end else if (valid && ready) begin
      tx <= 1'b0;  // the start bit
      shift <= {1'b1, data};
      left <= 4'd10;
      count <= CLKS_PER_BIT - 1;
    end else if (left != 0) begin
      if (count != 0) begin
        count <= count - 1'b1;
      end else if (left == 1) begin
        left <= 0;  // the stop bit is over: idle (high)
      end else begin
        tx <= shift[0];
        shift <= {1'b1, shift[8:1]};
        left <= left - 1'b1;
        count <= CLKS_PER_BIT - 1;
      end
    end
  end
endmodule
`default_nettype wire
