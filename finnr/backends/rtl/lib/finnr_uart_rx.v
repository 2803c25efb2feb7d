// finnr board shell: UART receiver, 8N1, LSB first, CLKS_PER_BIT clock
// cycles a bit. The line is synchronized by two flip-flops; a start bit is
// taken when the line is low half a bit after its falling edge, each bit
// is sampled in its middle, and the byte is given (`valid` for one cycle)
// only when its stop bit is high; a low stop bit sets `frame_error`
// (sticky until reset).
`default_nettype none
module finnr_uart_rx #(
  parameter integer CLKS_PER_BIT = 33
) (
  input  wire       clk,
  input  wire       rst_n,
  input  wire       rx,
  output reg  [7:0] data,
  output reg        valid,
  output reg        frame_error
);
  localparam integer CW = $clog2(CLKS_PER_BIT + 1);
  reg [1:0] sync;
  reg [CW-1:0] count;
  reg [3:0] bitn;  // 0: the start bit, 1..8: data bits, 9: the stop bit
  reg busy;
  reg [7:0] shift;
  wire line = sync[1];
  always @(posedge clk) begin
    if (!rst_n) sync <= 2'b11;
    else sync <= {sync[0], rx};
  end
  always @(posedge clk) begin
    valid <= 1'b0;
    if (!rst_n) begin
      busy <= 1'b0;
      frame_error <= 1'b0;
      count <= 0;
      bitn <= 0;
    end else if (!busy) begin
      if (!line) begin
        busy <= 1'b1;
        count <= CLKS_PER_BIT / 2;
        bitn <= 0;
      end
    end else if (count != 0) begin
      count <= count - 1'b1;
    end else begin
      count <= CLKS_PER_BIT - 1;
      if (bitn == 0) begin
        if (line) busy <= 1'b0;  // a glitch, not a start bit
        else bitn <= 1;
      end else if (bitn <= 8) begin
        shift <= {line, shift[7:1]};
        bitn <= bitn + 1'b1;
      end else begin
        busy <= 1'b0;
        if (line) begin
          data <= shift;
          valid <= 1'b1;
        end else begin
          frame_error <= 1'b1;
        end
      end
    end
  end
endmodule
`default_nettype wire
