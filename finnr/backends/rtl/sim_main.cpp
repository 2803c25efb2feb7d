// finnr rtlsim harness: streams input beats into the Verilated testbench
// `tb` (the accelerator plus activity counters), takes output beats with a
// given TREADY probability, and writes the output beats, the cycle of each
// output beat and the counters.
//
// usage: Vtb IN.bin N_IN IN_WORDS OUT.bin N_OUT OUT_WORDS VALID_PCT READY_PCT SEED
//            CYCLES.bin PROBES.txt N_PROBES MAX_IDLE FRAME_BEATS PERIOD
// Input beat i is offered from cycle (i / FRAME_BEATS) * PERIOD on (PERIOD 0:
// at once), so frames can be paced at a given rate.
// Beats are little-endian 32-bit words, IN_WORDS/OUT_WORDS per beat.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <vector>

#include "Vtb.h"
#include "verilated.h"

template <typename T>
static void put(T &port, const uint32_t *w) {
  if constexpr (sizeof(T) > 4) {
    port = (T)w[0] | ((T)w[1] << 32);
  } else {
    port = (T)w[0];
  }
}
template <std::size_t N>
static void put(VlWide<N> &port, const uint32_t *w) {
  for (std::size_t i = 0; i < N; i++) port[i] = w[i];
}
template <typename T>
static void get(const T &port, uint32_t *w) {
  if constexpr (sizeof(T) > 4) {
    w[0] = (uint32_t)port;
    w[1] = (uint32_t)((uint64_t)port >> 32);
  } else {
    w[0] = (uint32_t)port;
  }
}
template <std::size_t N>
static void get(const VlWide<N> &port, uint32_t *w) {
  for (std::size_t i = 0; i < N; i++) w[i] = port[i];
}

static uint32_t state;
static uint32_t next_random() {
  state ^= state << 13;
  state ^= state >> 17;
  state ^= state << 5;
  return state;
}

int main(int argc, char **argv) {
  if (argc != 16) {
    std::fprintf(stderr, "usage: %s IN.bin N_IN IN_WORDS OUT.bin N_OUT OUT_WORDS VALID_PCT READY_PCT SEED "
                         "CYCLES.bin PROBES.txt N_PROBES MAX_IDLE FRAME_BEATS PERIOD\n", argv[0]);
    return 2;
  }
  const size_t n_in = std::strtoull(argv[2], nullptr, 10), in_words = std::strtoull(argv[3], nullptr, 10);
  const size_t n_out = std::strtoull(argv[5], nullptr, 10), out_words = std::strtoull(argv[6], nullptr, 10);
  const uint32_t valid_pct = std::strtoul(argv[7], nullptr, 10), ready_pct = std::strtoul(argv[8], nullptr, 10);
  state = std::strtoul(argv[9], nullptr, 10) | 1u;
  const size_t n_probes = std::strtoull(argv[12], nullptr, 10);
  const uint64_t max_idle = std::strtoull(argv[13], nullptr, 10);
  const uint64_t frame_beats = std::strtoull(argv[14], nullptr, 10), period = std::strtoull(argv[15], nullptr, 10);
  std::vector<uint32_t> in(n_in * in_words + 2, 0), out(n_out * out_words + 2, 0);
  std::vector<uint64_t> cycles(n_out, 0);
  FILE *f = std::fopen(argv[1], "rb");
  if (!f || std::fread(in.data(), 4, n_in * in_words, f) != n_in * in_words) {
    std::fprintf(stderr, "cannot read %s\n", argv[1]);
    return 2;
  }
  std::fclose(f);

  auto ctx = std::make_unique<VerilatedContext>();
  auto top = std::make_unique<Vtb>(ctx.get());
  top->clk = 0;
  top->rst_n = 0;
  top->in_tvalid = 0;
  top->out_tready = 0;
  top->probe = 0;
  top->frames = frame_beats ? n_in / frame_beats : 1;
  top->eval();
  for (int i = 0; i < 8; i++) {
    top->clk = 1;
    top->eval();
    top->clk = 0;
    top->eval();
  }
  top->rst_n = 1;
  uint64_t cycle = 0, idle = 0, first_in = 0;
  size_t i = 0, o = 0;
  bool offer = false;
  uint64_t extra = 0;  // cycles after the last output beat, for the isolated layer copies
  while (o < n_out || !top->iso_done) {
    if (o == n_out && ++extra > max_idle) break;
    const bool due = frame_beats == 0 || cycle >= (i / frame_beats) * period;
    if (!offer) offer = i < n_in && due && next_random() % 100 < valid_pct;  // a beat offered stays offered
    top->in_tvalid = offer;
    put(top->in_tdata, &in[(i < n_in ? i : 0) * in_words]);
    top->out_tready = next_random() % 100 < ready_pct;
    top->eval();
    const bool in_fire = top->in_tvalid && top->in_tready;
    const bool out_fire = top->out_tvalid && top->out_tready;
    if (out_fire) {
      get(top->out_tdata, &out[o * out_words]);
      cycles[o++] = cycle;
    }
    if (in_fire) {
      if (i == 0) first_in = cycle;
      i++;
      offer = false;
    }
    top->clk = 1;
    top->eval();
    top->clk = 0;
    top->eval();
    cycle++;
    idle = (in_fire || out_fire || !due || o == n_out) ? 0 : idle + 1;
    if (idle > max_idle) {
      std::fprintf(stderr, "no beat moved for %llu cycles (a deadlock): %zu of %zu input beats, %zu of %zu output beats\n",
                   (unsigned long long)idle, i, n_in, o, n_out);
      return 3;
    }
  }
  f = std::fopen(argv[4], "wb");
  std::fwrite(out.data(), 4, n_out * out_words, f);
  std::fclose(f);
  f = std::fopen(argv[10], "wb");
  std::fwrite(cycles.data(), 8, n_out, f);
  std::fclose(f);
  f = std::fopen(argv[11], "w");
  std::fprintf(f, "%llu %llu\n", (unsigned long long)first_in, (unsigned long long)cycles[n_out ? n_out - 1 : 0]);
  for (size_t p = 0; p < n_probes; p++) {
    top->probe = p;
    top->eval();
    std::fprintf(f, "%llu\n", (unsigned long long)top->probe_value);
  }
  std::fclose(f);
  top->final();
  return 0;
}
