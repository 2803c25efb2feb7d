// finnr HLS kernel library: the layers that work element by element or move
// beats: thresholding, label select, data-width converter, FIFO copy,
// duplicate, add_streams, concat.
#ifndef FINNR_ELEMENTWISE_H
#define FINNR_ELEMENTWISE_H

#include <hls_stream.h>

#include "finnr/mac.h"
#include "finnr/types.h"

namespace finnr {

// Multi-threshold activation: VECS vectors of C channels (PE per beat);
// element c becomes TO::from_count(number of the NT thresholds of channel c
// it reaches, ACT_BIAS). ROM: PE x C/PE x NT of TT (lane p holds channels
// p, p + PE, ...).
template <unsigned C, unsigned PE, unsigned VECS, typename TI, typename TO, unsigned NT, typename TT,
          int ACT_BIAS, typename TROM>
void thresholding(hls::stream<ap_uint<PE * TI::width> > &in, hls::stream<ap_uint<PE * TO::width> > &out,
                  const TROM &thresholds) {
  const unsigned NF = C / PE;
  const Thresholds<NT, TT, TO, ACT_BIAS, TROM> act(thresholds);
  unsigned nf = 0;
  for (unsigned i = 0; i < VECS * NF; i++) {
#pragma HLS PIPELINE II=1
    const ap_uint<PE * TI::width> x = in.read();
    ap_uint<PE * TO::width> y;
    for (unsigned p = 0; p < PE; p++) {
#pragma HLS UNROLL
      set_bits<TO>(y, p, act(get<TI>(x, p), nf, p));
    }
    out.write(y);
    if (++nf == NF) nf = 0;
  }
}

// Label select (top-K): VECS vectors of L scores (PE per beat) become the
// indices of the K largest, largest first, ties to the lower index; one index
// (of TO) per output beat.
template <unsigned L, unsigned K, unsigned PE, unsigned VECS, typename TI, typename TO>
void label_select(hls::stream<ap_uint<PE * TI::width> > &in, hls::stream<ap_uint<TO::width> > &out) {
  typename TI::value_type top_value[K];
  ap_uint<32> top_index[K];
#pragma HLS ARRAY_PARTITION variable=top_value complete
#pragma HLS ARRAY_PARTITION variable=top_index complete
  for (unsigned v = 0; v < VECS; v++) {
    unsigned filled = 0;
    for (unsigned lf = 0; lf < L / PE; lf++) {
      const ap_uint<PE * TI::width> x = in.read();
      for (unsigned p = 0; p < PE; p++) {
        const typename TI::value_type value = get<TI>(x, p);
        // the first place holding a strictly smaller score (or free)
        unsigned pos = filled;
        for (unsigned j = filled; j > 0; j--) {
          if (top_value[j - 1] < value) pos = j - 1;
        }
        if (pos < K) {
          for (unsigned j = K - 1; j > pos; j--) {
            top_value[j] = top_value[j - 1];
            top_index[j] = top_index[j - 1];
          }
          top_value[pos] = value;
          top_index[pos] = lf * PE + p;
          if (filled < K) filled++;
        }
      }
    }
    for (unsigned k = 0; k < K; k++) {
#pragma HLS PIPELINE II=1
      out.write(TO::encode(top_index[k]));
    }
  }
}

// Data-width converter: a frame of TOTAL elements of T arriving IN per beat
// leaves OUT per beat (any IN, OUT dividing TOTAL). A buffer of IN + OUT
// elements: each cycle either emits OUT buffered elements or takes a beat.
template <unsigned IN, unsigned OUT, unsigned TOTAL, typename T>
void dwc(hls::stream<ap_uint<IN * T::width> > &in, hls::stream<ap_uint<OUT * T::width> > &out) {
  const int EB = T::width;
  ap_uint<(IN + OUT) * EB> buf = 0;
  unsigned have = 0;
  for (unsigned i = 0; i < TOTAL / IN + TOTAL / OUT; i++) {
#pragma HLS PIPELINE II=1
    if (have >= OUT) {
      out.write(buf.range(OUT * EB - 1, 0));
      buf = buf >> (OUT * EB);
      have -= OUT;
    } else {
      ap_uint<(IN + OUT) * EB> x = in.read();
      buf |= x << (have * EB);
      have += IN;
    }
  }
}

// A plain copy of BEATS beats (a FIFO stage between two ports).
template <unsigned ELEMS, unsigned BEATS, typename T>
void fifo(hls::stream<ap_uint<ELEMS * T::width> > &in, hls::stream<ap_uint<ELEMS * T::width> > &out) {
  for (unsigned i = 0; i < BEATS; i++) {
#pragma HLS PIPELINE II=1
    out.write(in.read());
  }
}

template <typename B>
inline void write_all(const B &) {}

template <typename B, typename S, typename... Rest>
inline void write_all(const B &beat, S &first, Rest &... rest) {
#pragma HLS INLINE
  first.write(beat);
  write_all(beat, rest...);
}

// Duplicate: every one of the BEATS beats (ELEMS elements of T) of the input
// is written to each output.
template <unsigned ELEMS, unsigned BEATS, typename T, typename... OUTS>
void duplicate(hls::stream<ap_uint<ELEMS * T::width> > &in, OUTS &... outs) {
  for (unsigned i = 0; i < BEATS; i++) {
#pragma HLS PIPELINE II=1
    const ap_uint<ELEMS * T::width> x = in.read();
    write_all(x, outs...);
  }
}

// Elementwise sum of two streams of BEATS beats of PE elements (TA + TB -> TO).
template <unsigned PE, unsigned BEATS, typename TA, typename TB, typename TO>
void add_streams(hls::stream<ap_uint<PE * TA::width> > &a, hls::stream<ap_uint<PE * TB::width> > &b,
                 hls::stream<ap_uint<PE * TO::width> > &out) {
  for (unsigned i = 0; i < BEATS; i++) {
#pragma HLS PIPELINE II=1
    const ap_uint<PE * TA::width> x = a.read();
    const ap_uint<PE * TB::width> y = b.read();
    ap_uint<PE * TO::width> z;
    for (unsigned p = 0; p < PE; p++) {
#pragma HLS UNROLL
      ap_int<TA::width + TB::width + 2> sum = get<TA>(x, p);
      sum += get<TB>(y, p);
      set_bits<TO>(z, p, TO::encode(sum));
    }
    out.write(z);
  }
}

// The last stream of a pack (a kernel's output after its inputs).
template <typename S>
inline S &last_of(S &s) {
#pragma HLS INLINE
  return s;
}

template <typename S, typename... Rest>
inline auto &last_of(S &, Rest &... rest) {
#pragma HLS INLINE
  return last_of(rest...);
}

// A beat read from stream k of a pack (k below the pack's size minus one:
// the last stream, the output, is never read).
template <typename B, typename S>
inline B read_nth(unsigned, S &) {
#pragma HLS INLINE
  return B(0);
}

template <typename B, typename S, typename... Rest>
inline B read_nth(unsigned k, S &first, Rest &... rest) {
#pragma HLS INLINE
  return k == 0 ? B(first.read()) : read_nth<B>(k - 1, rest...);
}

// Concatenation along the channels (the last dimension): each of the VECS
// output vectors holds the C0 channels of input 0's vector, then the C1 of
// input 1's, and so on; SIMD channels per beat, in and out (SIMD divides
// every Ci). Streams: the inputs in order, then the output.
template <unsigned SIMD, unsigned VECS, typename T, unsigned... C, typename... S>
void concat(S &... streams) {
  typedef ap_uint<SIMD * T::width> beat;
  const unsigned NI = sizeof...(C);
  static_assert(sizeof...(S) == NI + 1, "concat: one channel count per input stream");
  const unsigned F[NI] = {(C / SIMD)...};
  unsigned per_vector = 0;
  for (unsigned j = 0; j < NI; j++) per_vector += F[j];
  unsigned k = 0, f = 0;  // the input being read and its beats read in this vector
  for (unsigned i = 0; i < VECS * per_vector; i++) {
#pragma HLS PIPELINE II=1
    last_of(streams...).write(read_nth<beat>(k, streams...));
    if (++f == F[k]) {
      f = 0;
      k = k + 1 == NI ? 0 : k + 1;
    }
  }
}

}  // namespace finnr

#endif  // FINNR_ELEMENTWISE_H
