// finnr C-simulation testbench helpers (not for synthesis): binary files of
// little-endian int64 element values <-> streams of packed beats.
#ifndef FINNR_TESTBENCH_H
#define FINNR_TESTBENCH_H

#include <pthread.h>

#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string>
#include <vector>

#include <hls_stream.h>

#include "finnr/types.h"

namespace finnr {
namespace tb {

inline void fail(const std::string &message) {
  std::fprintf(stderr, "finnr csim: %s\n", message.c_str());
  std::exit(3);
}

inline std::vector<long long> read_values(const char *path) {
  std::FILE *f = std::fopen(path, "rb");
  if (!f) fail(std::string("cannot open ") + path);
  std::vector<long long> values;
  long long v;
  while (std::fread(&v, sizeof v, 1, f) == 1) values.push_back(v);
  std::fclose(f);
  return values;
}

// Bounds of the values of a datatype, to check the input file.
template <typename T>
inline bool representable(long long v) {
  typename T::value_type d = T::decode(T::encode(ap_int<64>(v)));
  return d.to_int64() == v;
}

// Fill `port` with the values of `path`, ELEMS elements of T per beat; the
// file must hold a whole number of beats for each of the `frames` frames.
template <typename T, unsigned ELEMS>
void load(const char *path, hls::stream<ap_uint<ELEMS * T::width> > &port, const char *name,
          unsigned long long frames) {
  std::vector<long long> values = read_values(path);
  if (frames == 0 || values.size() % (ELEMS * frames) != 0)
    fail(std::string(name) + ": " + path + " holds " + std::to_string(values.size()) +
         " values, not a whole number of " + std::to_string(ELEMS) + "-element beats for each of " +
         std::to_string(frames) + " frames");
  for (std::size_t i = 0; i < values.size(); i += ELEMS) {
    ap_uint<ELEMS * T::width> beat = 0;
    for (unsigned e = 0; e < ELEMS; e++) {
      const long long v = values[i + e];
      if (!representable<T>(v))
        fail(std::string(name) + ": value " + std::to_string(v) + " at index " + std::to_string(i + e) +
             " is not representable in the port's datatype");
      set_bits<T>(beat, e, T::encode(ap_int<64>(v)));
    }
    port.write(beat);
  }
}

// Drain `port` into `path`, ELEMS elements of T per beat.
template <typename T, unsigned ELEMS>
void store(const char *path, hls::stream<ap_uint<ELEMS * T::width> > &port, const char *name) {
  std::vector<long long> values;
  while (!port.empty()) {
    const ap_uint<ELEMS * T::width> beat = port.read();
    for (unsigned e = 0; e < ELEMS; e++) values.push_back(get<T>(beat, e).to_int64());
  }
  std::FILE *f = std::fopen(path, "wb");
  if (!f) fail(std::string("cannot write ") + path);
  if (!values.empty() && std::fwrite(values.data(), sizeof(long long), values.size(), f) != values.size())
    fail(std::string("cannot write ") + path);
  std::fclose(f);
}

template <typename S>
void expect_consumed(S &port, const char *name) {
  if (!port.empty())
    fail(std::string(name) + ": " + std::to_string(port.size()) + " input beats were not consumed");
}

inline void *run_thunk(void *arg) {
  (*static_cast<std::function<void()> *>(arg))();
  return 0;
}

// Run `body` on a thread with a large stack (kernels keep their line
// buffers and weight words in local arrays, as in hardware).
inline void run_with_stack(std::function<void()> body, std::size_t bytes = std::size_t(1) << 30) {
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, bytes);
  pthread_t thread;
  if (pthread_create(&thread, &attr, run_thunk, &body) != 0) {
    body();  // fall back to the main thread
  } else {
    pthread_join(thread, 0);
  }
  pthread_attr_destroy(&attr);
}

}  // namespace tb
}  // namespace finnr

#endif  // FINNR_TESTBENCH_H
