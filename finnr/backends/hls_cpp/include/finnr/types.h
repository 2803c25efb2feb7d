// finnr HLS kernel library: datatypes, stream beats and ROM words.
//
// A finnr datatype is a tag type: Int<N>, UInt<N>, Bipolar, Binary, Ternary.
// Each gives
//   width              bits of one element in a stream beat or a ROM word;
//   value_type         a signed ap_int holding every value exactly;
//   decode(bits)       the value of an element's bits;
//   encode(value)      the bits of a value (the low `width` bits of its
//                      two's complement; Bipolar: 1 for +1, 0 for -1);
//   from_count(c, b)   the output of a threshold activation that counted c
//                      thresholds with activation bias b (Bipolar: the count
//                      0/1 is the bit itself).
//
// A beat of a stream carrying N elements of T is an ap_uint<N * T::width>
// with element i in bits [i * width, (i + 1) * width): element 0 in the least
// significant bits. ROM words are packed the same way (see rom_word).
#ifndef FINNR_TYPES_H
#define FINNR_TYPES_H

#include <ap_int.h>
#include <stdint.h>

namespace finnr {

template <int W>
struct Int {
  static const int width = W;
  typedef ap_int<W> value_type;
  static value_type decode(const ap_uint<W> &bits) {
    value_type v;
    v.range(W - 1, 0) = bits;
    return v;
  }
  template <typename V>
  static ap_uint<W> encode(const V &v) {
    ap_int<W> t = v;  // two's complement, truncated to W bits
    ap_uint<W> bits;
    bits.range(W - 1, 0) = t.range(W - 1, 0);
    return bits;
  }
  static ap_uint<W> from_count(int count, int bias) { return encode(count + bias); }
};

template <int W>
struct UInt {
  static const int width = W;
  typedef ap_int<W + 1> value_type;
  static value_type decode(const ap_uint<W> &bits) { return value_type(bits); }
  template <typename V>
  static ap_uint<W> encode(const V &v) {
    ap_int<W + 1> t = v;
    ap_uint<W> bits;
    bits.range(W - 1, 0) = t.range(W - 1, 0);
    return bits;
  }
  static ap_uint<W> from_count(int count, int bias) { return encode(count + bias); }
};

struct Bipolar {
  static const int width = 1;
  typedef ap_int<2> value_type;
  static value_type decode(const ap_uint<1> &bits) { return bits[0] ? value_type(1) : value_type(-1); }
  template <typename V>
  static ap_uint<1> encode(const V &v) {
    return v > 0 ? ap_uint<1>(1) : ap_uint<1>(0);
  }
  static ap_uint<1> from_count(int count, int /*bias*/) { return ap_uint<1>(count); }
};

typedef UInt<1> Binary;
typedef Int<2> Ternary;

// Element i of a beat (or ROM word) holding elements of T.
template <typename T, int BW>
inline typename T::value_type get(const ap_uint<BW> &beat, unsigned i) {
#pragma HLS INLINE
  ap_uint<T::width> bits = beat.range((i + 1) * T::width - 1, i * T::width);
  return T::decode(bits);
}

// Raw bits of element i of a beat.
template <typename T, int BW>
inline ap_uint<T::width> get_bits(const ap_uint<BW> &beat, unsigned i) {
#pragma HLS INLINE
  return beat.range((i + 1) * T::width - 1, i * T::width);
}

// Store the bits of element i of a beat.
template <typename T, int BW>
inline void set_bits(ap_uint<BW> &beat, unsigned i, const ap_uint<T::width> &bits) {
#pragma HLS INLINE
  beat.range((i + 1) * T::width - 1, i * T::width) = bits;
}

// --- ROM words -------------------------------------------------------------
//
// A ROM (weights PE x WMEM x SIMD, thresholds PE x TMEM x T) is printed as a
// C array [A][B][L]: every word of K elements (K * width bits) split into L
// limbs of LW = ceil(K * width / L) <= 64 bits, limb 0 the least significant.
// In synthesis a limb is an ap_uint<LW>; in C-simulation the smallest native
// unsigned integer holding it, which keeps g++ fast on large ROMs.

template <int LW, int NATIVE = (LW <= 8 ? 8 : LW <= 16 ? 16 : LW <= 32 ? 32 : 64)>
struct native_limb;
template <int LW>
struct native_limb<LW, 8> { typedef uint8_t type; };
template <int LW>
struct native_limb<LW, 16> { typedef uint16_t type; };
template <int LW>
struct native_limb<LW, 32> { typedef uint32_t type; };
template <int LW>
struct native_limb<LW, 64> { typedef uint64_t type; };

template <int LW>
struct rom_limb {
#ifdef __SYNTHESIS__
  typedef ap_uint<LW> type;
#else
  typedef typename native_limb<LW>::type type;
#endif
};

// The W-bit word made of the L limbs of a ROM entry.
template <int W, typename LIMB, int L>
inline ap_uint<W> rom_word(const LIMB (&limbs)[L]) {
#pragma HLS INLINE
  const int LW = (W + L - 1) / L;
  ap_uint<LW * L> word;
  for (int l = 0; l < L; l++) {
#pragma HLS UNROLL
    word.range((l + 1) * LW - 1, l * LW) = ap_uint<LW>(limbs[l]);
  }
  return word.range(W - 1, 0);
}

}  // namespace finnr

#endif  // FINNR_TYPES_H
