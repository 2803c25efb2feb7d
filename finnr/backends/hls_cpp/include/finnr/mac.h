// finnr HLS kernel library: dot products of SIMD-element words and the
// activations behind an accumulator (thresholds or pass-through).
#ifndef FINNR_MAC_H
#define FINNR_MAC_H

#include "finnr/types.h"

namespace finnr {

// Number of ones of a word.
template <int W>
inline ap_uint<16> popcount(const ap_uint<W> &x) {
#pragma HLS INLINE
#ifndef __SYNTHESIS__
  unsigned n = 0;
  for (int lo = 0; lo < W; lo += 64) {
    const int hi = (lo + 64 < W ? lo + 64 : W) - 1;
    n += __builtin_popcountll(x.range(hi, lo).to_uint64());
  }
  return n;
#else
  ap_uint<16> n = 0;
  for (int i = 0; i < W; i++) {
#pragma HLS UNROLL
    n += x[i];
  }
  return n;
#endif
}

// The accumulation of an MVAU/VVAU: acc = init(); acc = step(acc, x, w) per
// SIMD word; finish(acc, MW) is the exact integer sum of x[i] * w[i] over the
// MW inputs. TA is the accumulator datatype (wide enough for every partial
// sum, chosen by convert-dataflow-to-hls).
template <typename TI, typename TW, typename TA, unsigned SIMD>
struct Mac {
  typedef typename TA::value_type acc_type;
  static acc_type init() { return 0; }
  static acc_type step(acc_type acc, const ap_uint<SIMD * TI::width> &x, const ap_uint<SIMD * TW::width> &w) {
#pragma HLS INLINE
    for (unsigned s = 0; s < SIMD; s++) {
#pragma HLS UNROLL
      acc += get<TI>(x, s) * get<TW>(w, s);
    }
    return acc;
  }
  static acc_type finish(acc_type acc, unsigned) { return acc; }
};

// Bipolar x bipolar: XNOR and popcount. With n inputs of which m agree in
// sign, the sum of the products is m - (n - m) = 2m - n.
template <typename TA, unsigned SIMD>
struct Mac<Bipolar, Bipolar, TA, SIMD> {
  typedef ap_int<TA::width + 2> acc_type;
  static acc_type init() { return 0; }
  static acc_type step(acc_type acc, const ap_uint<SIMD> &x, const ap_uint<SIMD> &w) {
#pragma HLS INLINE
    ap_uint<SIMD> agree = ~(x ^ w);
    return acc + popcount<SIMD>(agree);
  }
  static acc_type finish(acc_type matches, unsigned n) { return 2 * matches - acc_type(n); }
};

// The raw accumulator leaves as an element of TO.
template <typename TO>
struct PassThrough {
  template <typename A>
  ap_uint<TO::width> operator()(const A &acc, unsigned /*nf*/, unsigned /*pe*/) const {
#pragma HLS INLINE
    return TO::encode(acc);
  }
};

// Multi-threshold activation: the output of channel nf * PE + pe is
// TO::from_count(number of its NT thresholds t with acc >= t, BIAS). The ROM
// is PE x NF x NT elements of TT (one word of NT thresholds per channel).
template <unsigned NT, typename TT, typename TO, int BIAS, typename TROM>
struct Thresholds {
  const TROM &rom;
  explicit Thresholds(const TROM &t) : rom(t) {}
  template <typename A>
  ap_uint<TO::width> operator()(const A &acc, unsigned nf, unsigned pe) const {
#pragma HLS INLINE
    ap_uint<NT * TT::width> word = rom_word<NT * TT::width>(rom[pe][nf]);
    int count = 0;
    for (unsigned t = 0; t < NT; t++) {
#pragma HLS UNROLL
      count += (acc >= get<TT>(word, t)) ? 1 : 0;
    }
    return TO::from_count(count, BIAS);
  }
};

}  // namespace finnr

#endif  // FINNR_MAC_H
