// finnr board-shell harness: drives the board top's UART RX pin bit by bit
// (8N1, CLKS_PER_BIT cycles a bit, bytes back to back, as a USB-UART bridge
// sends them) and decodes its UART TX pin, as the host does: IN_FLIGHT
// frames in flight (frame k + IN_FLIGHT is sent once frame k's output bytes
// have all arrived).
//
// Before the frames, JUNK bytes (a run cut short) and then a break (the
// line low BREAK_BITS + 2 bit periods), which resets the shell, as the host
// starts every run; what the board sends until then is dropped.
//
// usage: Vboard CONFIG, a text file of whitespace-separated fields:
//   IN.bin IN_FRAME_BYTES FRAMES OUT.bin OUT_FRAME_BYTES CLKS_PER_BIT MAX_IDLE STATUS.txt JUNK BREAK_BITS
//   IN_FLIGHT
// STATUS.txt gets: cycles, the shell's status bits (1: framing error, 2: a
// byte lost), then the cycle at which each frame's output was complete.
#include <cstdint>
#include <cstdio>
#include <memory>
#include <vector>

#include "Vboard.h"
#include "verilated.h"

int main(int argc, char **argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s CONFIG\n", argv[0]);
    return 2;
  }
  FILE *cfg = std::fopen(argv[1], "r");
  char in_file[4096], out_file[4096], status_file[4096];
  unsigned long long in_frame, frames, out_frame, cpb, max_idle, junk, break_bits, in_flight;
  if (!cfg || std::fscanf(cfg, "%4095s %llu %llu %4095s %llu %llu %llu %4095s %llu %llu %llu", in_file, &in_frame,
                          &frames, out_file, &out_frame, &cpb, &max_idle, status_file, &junk, &break_bits,
                          &in_flight) != 11 || in_flight < 1) {
    std::fprintf(stderr, "cannot read the configuration %s\n", argv[1]);
    return 2;
  }
  std::fclose(cfg);
  std::vector<uint8_t> in(in_frame * frames + 1), out(out_frame * frames + 1);
  FILE *f = std::fopen(in_file, "rb");
  if (!f || std::fread(in.data(), 1, in_frame * frames, f) != in_frame * frames) {
    std::fprintf(stderr, "cannot read %s\n", in_file);
    return 2;
  }
  std::fclose(f);
  std::vector<uint64_t> done(frames, 0);

  auto ctx = std::make_unique<VerilatedContext>();
  auto top = std::make_unique<Vboard>(ctx.get());
  top->clk_in = 0;
  top->uart_rx = 1;
  top->eval();
  uint64_t cycle = 0, idle = 0;
  auto step = [&](bool rx) {
    top->uart_rx = rx;
    top->clk_in = 1;
    top->eval();
    top->clk_in = 0;
    top->eval();
    cycle++;
  };
  for (uint64_t k = 0; k < 400; k++) step(true);  // the shell's power-on reset (256 cycles)
  for (uint64_t j = 0; j < junk; j++) {           // bytes of a run cut short: 0xa5, 8N1
    for (uint64_t p = 0; p < 10; p++)
      for (uint64_t k = 0; k < cpb; k++) step(p == 0 ? false : p <= 8 ? (0xa5 >> (p - 1)) & 1 : true);
  }
  for (uint64_t k = 0; k < (break_bits + 2) * cpb; k++) step(false);  // the break
  for (uint64_t k = 0; k < 2 * cpb; k++) step(true);
  // the sender: byte `sent`, its line period `period` (0 start, 1-8 data, 9 stop), `count` cycles into it
  uint64_t sent = 0, period = 0, count = 0;
  bool sending = false;
  // the receiver
  uint64_t got = 0, rcount = 0, rbit = 0;
  bool receiving = false;
  uint8_t rbyte = 0;
  while (got < out_frame * frames) {
    // the pin the board receives on
    if (!sending && sent < in_frame * frames &&
        sent / in_frame < got / out_frame + in_flight) {
      sending = true;
      period = 0;
      count = 0;
    }
    const uint8_t b = in[sent];
    step(!sending || (period == 0 ? false : period <= 8 ? (b >> (period - 1)) & 1 : true));
    idle++;
    if (sending && ++count == cpb) {
      count = 0;
      if (++period == 10) {
        sending = false;
        sent++;
        idle = 0;
      }
    }
    // the pin the board sends on, sampled in the middle of each bit
    const bool line = top->uart_tx;
    if (!receiving) {
      if (!line) {
        receiving = true;
        rcount = cpb / 2;
        rbit = 0;
        rbyte = 0;
      }
    } else if (rcount != 0) {
      rcount--;
    } else {
      rcount = cpb - 1;
      if (rbit == 0) {
        if (line) receiving = false;  // not a start bit
        else rbit = 1;
      } else if (rbit <= 8) {
        rbyte |= (uint8_t)line << (rbit - 1);
        rbit++;
      } else {
        receiving = false;
        if (!line) {
          std::fprintf(stderr, "the board's UART TX sent a byte without its stop bit (cycle %llu)\n",
                       (unsigned long long)cycle);
          return 3;
        }
        out[got++] = rbyte;
        if (got % out_frame == 0) done[got / out_frame - 1] = cycle;
        idle = 0;
      }
    }
    if (idle > max_idle) {
      std::fprintf(stderr, "the board sent nothing for %llu cycles: %llu of %llu input bytes sent, %llu of %llu "
                   "output bytes received (status %u)\n", (unsigned long long)idle, (unsigned long long)sent,
                   (unsigned long long)(in_frame * frames), (unsigned long long)got,
                   (unsigned long long)(out_frame * frames), (unsigned)top->sim_status);
      return 3;
    }
  }
  f = std::fopen(out_file, "wb");
  std::fwrite(out.data(), 1, out_frame * frames, f);
  std::fclose(f);
  f = std::fopen(status_file, "w");
  std::fprintf(f, "%llu %u\n", (unsigned long long)cycle, (unsigned)top->sim_status);
  for (uint64_t k = 0; k < frames; k++) std::fprintf(f, "%llu\n", (unsigned long long)done[k]);
  std::fclose(f);
  top->final();
  return 0;
}
