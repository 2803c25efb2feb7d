// finnr's C-simulation model of the Vitis HLS stream API (hls::stream).
//
// Used only by g++ C-simulation (`finnr csim`); Vitis HLS uses its own
// hls_stream.h. Supports `hls::stream<T>` and `hls::stream<T, DEPTH>`,
// read/write (also as >> and <<), read_nb/write_nb, empty/full/size.
//
// As in Vitis HLS C-simulation, a stream is an unbounded FIFO (DEPTH only
// matters in hardware) and the functions of a DATAFLOW region run one after
// the other. A read from an empty stream is what a deadlock looks like in
// that model: it prints the stream's name and aborts.
#ifndef FINNR_HLS_STREAM_SIM_H
#define FINNR_HLS_STREAM_SIM_H

#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <string>

namespace hls {

template <typename T, int DEPTH = 0>
class stream;

// The stream of unspecified depth; `stream<T, DEPTH>` derives from it (as in
// Vitis HLS), so kernels taking `hls::stream<T> &` accept both.
template <typename T>
class stream<T, 0> {
 public:
  stream() : name_("hls::stream") {}
  explicit stream(const char *name) : name_(name ? name : "hls::stream") {}

  // Streams are channels, not values.
  stream(const stream &) = delete;
  stream &operator=(const stream &) = delete;

  bool empty() const { return data_.empty(); }
  // Unbounded in C-simulation, as in Vitis HLS.
  bool full() const { return false; }
  std::size_t size() const { return data_.size(); }
  const std::string &name() const { return name_; }

  T read() {
    if (data_.empty()) {
      std::fprintf(stderr,
                   "finnr csim: read from empty hls::stream '%s' (in hardware this "
                   "is a deadlock: a producer wrote fewer beats than its consumer "
                   "reads)\n",
                   name_.c_str());
      std::fflush(stderr);
      std::abort();
    }
    T value = data_.front();
    data_.pop_front();
    return value;
  }
  void read(T &value) { value = read(); }
  bool read_nb(T &value) {
    if (data_.empty()) return false;
    value = read();
    return true;
  }
  void operator>>(T &value) { value = read(); }

  void write(const T &value) { data_.push_back(value); }
  bool write_nb(const T &value) {
    write(value);
    return true;
  }
  void operator<<(const T &value) { write(value); }

 private:
  std::string name_;
  std::deque<T> data_;
};

template <typename T, int DEPTH>
class stream : public stream<T, 0> {
 public:
  stream() : stream<T, 0>() {}
  explicit stream(const char *name) : stream<T, 0>(name) {}
};

}  // namespace hls

#endif  // FINNR_HLS_STREAM_SIM_H
