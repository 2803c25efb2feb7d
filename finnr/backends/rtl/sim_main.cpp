// finnr rtlsim harness: streams input beats into the Verilated testbench
// `tb` (the accelerator plus activity counters), takes output beats with a
// given TREADY probability, and writes the output beats, the cycle of each
// output beat and the counters.
//
// usage: Vtb CONFIG, a text file of whitespace-separated fields:
//   N_INPUTS   then per input:  IN.bin N_BEATS WORDS FRAME_BEATS
//   N_OUTPUTS  then per output: OUT.bin N_BEATS WORDS CYCLES.bin
//   VALID_PCT READY_PCT SEED PERIOD MAX_IDLE PROBES.txt N_PROBES
// The testbench's TDATA ports are the streams concatenated, each from a
// 32-bit word boundary (WORDS words, stream 0 lowest); TVALID/TREADY one bit
// per stream. Beat i of an input is offered from cycle (i / FRAME_BEATS) *
// PERIOD on (PERIOD 0: at once), so frames can be paced at a given rate.
// Beats are little-endian 32-bit words.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
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

struct Stream {
  std::string file, cycles_file;
  uint64_t n = 0, words = 0, frame_beats = 0, at = 0, i = 0;  // at: first word in the TDATA port
  std::vector<uint32_t> beats;
  std::vector<uint64_t> cycles;
  bool offer = false;
};

static bool read_streams(FILE *cfg, std::vector<Stream> &streams, bool inputs, uint64_t &total_words) {
  unsigned long long count;
  if (std::fscanf(cfg, "%llu", &count) != 1) return false;
  streams.resize(count);
  total_words = 0;
  char name[4096], extra[4096];
  for (Stream &s : streams) {
    unsigned long long n, words;
    if (std::fscanf(cfg, "%4095s %llu %llu %4095s", name, &n, &words, extra) != 4) return false;
    s.file = name;
    s.n = n;
    s.words = words;
    if (inputs) s.frame_beats = std::strtoull(extra, nullptr, 10);
    else s.cycles_file = extra;
    s.at = total_words;
    total_words += words;
    s.beats.assign(s.n * s.words + 2, 0);
    s.cycles.assign(s.n, 0);
  }
  return true;
}

int main(int argc, char **argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s CONFIG\n", argv[0]);
    return 2;
  }
  FILE *cfg = std::fopen(argv[1], "r");
  std::vector<Stream> ins, outs;
  uint64_t in_words = 0, out_words = 0;
  unsigned valid_pct, ready_pct, seed, n_probes;
  unsigned long long period, max_idle;
  char probes_file[4096];
  if (!cfg || !read_streams(cfg, ins, true, in_words) || !read_streams(cfg, outs, false, out_words) ||
      std::fscanf(cfg, "%u %u %u %llu %llu %4095s %u", &valid_pct, &ready_pct, &seed, &period, &max_idle,
                  probes_file, &n_probes) != 7) {
    std::fprintf(stderr, "cannot read the configuration %s\n", argv[1]);
    return 2;
  }
  std::fclose(cfg);
  for (Stream &s : ins) {
    FILE *f = std::fopen(s.file.c_str(), "rb");
    if (!f || std::fread(s.beats.data(), 4, s.n * s.words, f) != s.n * s.words) {
      std::fprintf(stderr, "cannot read %s\n", s.file.c_str());
      return 2;
    }
    std::fclose(f);
  }
  state = seed | 1u;
  std::vector<uint32_t> in_port(in_words + 2, 0), out_port(out_words + 2, 0);

  auto ctx = std::make_unique<VerilatedContext>();
  auto top = std::make_unique<Vtb>(ctx.get());
  top->clk = 0;
  top->rst_n = 0;
  top->in_tvalid = 0;
  top->out_tready = 0;
  top->probe = 0;
  top->frames = ins[0].frame_beats ? ins[0].n / ins[0].frame_beats : 1;
  top->eval();
  auto tick = [&]() {
    top->clk = 1;
    top->eval();
    top->clk = 0;
    top->eval();
  };
  for (int i = 0; i < 8; i++) tick();
  top->rst_n = 1;
  tick();  // each layer's registered copy of the reset follows,
  tick();  // then its engine's registered copy for the issue logic
  uint64_t cycle = 0, idle = 0, first_in = 0, last_out = 0;
  bool started = false;
  uint64_t extra = 0;  // cycles after the last output beat, for the isolated layer copies
  auto outputs_done = [&]() {
    for (const Stream &s : outs)
      if (s.i < s.n) return false;
    return true;
  };
  while (!outputs_done() || !top->iso_done) {
    const bool done = outputs_done();
    if (done && ++extra > max_idle) break;
    bool waiting = false;  // an input not yet due
    uint64_t valid = 0;
    for (std::size_t k = 0; k < ins.size(); k++) {
      Stream &s = ins[k];
      const bool due = s.frame_beats == 0 || cycle >= (s.i / s.frame_beats) * period;
      waiting |= s.i < s.n && !due;
      if (!s.offer) s.offer = s.i < s.n && due && next_random() % 100 < valid_pct;  // a beat offered stays offered
      valid |= (uint64_t)s.offer << k;
      for (uint64_t w = 0; w < s.words; w++) in_port[s.at + w] = s.beats[(s.i < s.n ? s.i : 0) * s.words + w];
    }
    uint64_t ready = 0;
    for (std::size_t k = 0; k < outs.size(); k++) ready |= (uint64_t)(next_random() % 100 < ready_pct) << k;
    top->in_tvalid = valid;
    put(top->in_tdata, in_port.data());
    top->out_tready = ready;
    top->eval();
    bool moved = false;
    const uint64_t in_ready = top->in_tready, out_valid = top->out_tvalid;
    get(top->out_tdata, out_port.data());
    for (std::size_t k = 0; k < outs.size(); k++) {
      Stream &s = outs[k];
      if ((out_valid >> k & 1) && (ready >> k & 1) && s.i < s.n) {
        for (uint64_t w = 0; w < s.words; w++) s.beats[s.i * s.words + w] = out_port[s.at + w];
        s.cycles[s.i++] = cycle;
        last_out = cycle;
        moved = true;
      }
    }
    for (std::size_t k = 0; k < ins.size(); k++) {
      Stream &s = ins[k];
      if (s.offer && (in_ready >> k & 1)) {
        if (!started) first_in = cycle;
        started = true;
        s.i++;
        s.offer = false;
        moved = true;
      }
    }
    top->clk = 1;
    top->eval();
    top->clk = 0;
    top->eval();
    cycle++;
    idle = (moved || waiting || done) ? 0 : idle + 1;
    if (idle > max_idle) {
      std::fprintf(stderr, "no beat moved for %llu cycles (a deadlock):", (unsigned long long)idle);
      for (std::size_t k = 0; k < ins.size(); k++)
        std::fprintf(stderr, " input %zu: %llu of %llu beats;", k, (unsigned long long)ins[k].i,
                     (unsigned long long)ins[k].n);
      for (std::size_t k = 0; k < outs.size(); k++)
        std::fprintf(stderr, " output %zu: %llu of %llu beats;", k, (unsigned long long)outs[k].i,
                     (unsigned long long)outs[k].n);
      std::fprintf(stderr, "\n");
      return 3;
    }
  }
  for (const Stream &s : outs) {
    FILE *f = std::fopen(s.file.c_str(), "wb");
    std::fwrite(s.beats.data(), 4, s.n * s.words, f);
    std::fclose(f);
    f = std::fopen(s.cycles_file.c_str(), "wb");
    std::fwrite(s.cycles.data(), 8, s.n, f);
    std::fclose(f);
  }
  FILE *f = std::fopen(probes_file, "w");
  std::fprintf(f, "%llu %llu\n", (unsigned long long)first_in, (unsigned long long)last_out);
  for (unsigned p = 0; p < n_probes; p++) {
    top->probe = p;
    top->eval();
    std::fprintf(f, "%llu\n", (unsigned long long)top->probe_value);
  }
  std::fclose(f);
  top->final();
  return 0;
}
