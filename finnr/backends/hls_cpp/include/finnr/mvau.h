// finnr HLS kernel library: matrix-vector(-threshold) unit and
// vector-vector(-threshold) unit.
#ifndef FINNR_MVAU_H
#define FINNR_MVAU_H

#include <hls_stream.h>

#include "finnr/mac.h"
#include "finnr/types.h"

namespace finnr {

// MVAU core: VECS input vectors of MW elements (SIMD per beat) times the
// MW x MH weight matrix, MH outputs per vector (PE per beat), each through
// ACT. The weight ROM is PE x (MH/PE * MW/SIMD) words of SIMD weights: lane
// p holds matrix rows p, p + PE, ...; word nf * SF + sf holds inputs
// sf * SIMD .. of row nf * PE + p. The input vector is buffered during the
// first row fold and replayed for the others. One iteration per cycle.
// With MMV > 1 (FINN's MMV) a beat carries MMV vectors (vector m at bits
// [m * SIMD * TI::width, ...) in, [m * PE * TO::width, ...) out), computed
// by MMV copies of the datapath from the same weights.
template <unsigned MW, unsigned MH, unsigned SIMD, unsigned PE, unsigned VECS, typename TI,
          typename TW, typename TO, typename TA, unsigned MMV = 1, typename WROM, typename ACT>
void mvau_core(hls::stream<ap_uint<MMV * SIMD * TI::width> > &in,
               hls::stream<ap_uint<MMV * PE * TO::width> > &out, const WROM &weights, const ACT &act) {
  typedef Mac<TI, TW, TA, SIMD> mac;
  const unsigned SF = MW / SIMD;
  const unsigned NF = MH / PE;
  const unsigned XW = SIMD * TI::width;  // a vector's bits of a beat
  ap_uint<MMV * XW> inbuf[SF];
  typename mac::acc_type acc[MMV][PE];
#pragma HLS ARRAY_PARTITION variable=acc complete dim=0
  unsigned sf = 0, nf = 0;
  for (unsigned i = 0; i < VECS / MMV * NF * SF; i++) {
#pragma HLS PIPELINE II=1
    ap_uint<MMV * XW> x;
    if (nf == 0) {
      x = in.read();
      inbuf[sf] = x;
    } else {
      x = inbuf[sf];
    }
    for (unsigned p = 0; p < PE; p++) {
#pragma HLS UNROLL
      const ap_uint<SIMD * TW::width> w = rom_word<SIMD * TW::width>(weights[p][nf * SF + sf]);
      for (unsigned m = 0; m < MMV; m++) {
#pragma HLS UNROLL
        const ap_uint<XW> xm = x.range((m + 1) * XW - 1, m * XW);
        acc[m][p] = mac::step(sf == 0 ? mac::init() : acc[m][p], xm, w);
      }
    }
    if (++sf == SF) {
      ap_uint<MMV * PE * TO::width> y;
      for (unsigned m = 0; m < MMV; m++) {
#pragma HLS UNROLL
        for (unsigned p = 0; p < PE; p++) {
#pragma HLS UNROLL
          set_bits<TO>(y, m * PE + p, act(mac::finish(acc[m][p], MW), nf, p));
        }
      }
      out.write(y);
      sf = 0;
      if (++nf == NF) nf = 0;
    }
  }
}

// MVAU with multi-threshold activation (NT thresholds per output channel,
// ROM PE x MH/PE x NT of TT, output TO::from_count(count, ACT_BIAS)).
template <unsigned MW, unsigned MH, unsigned SIMD, unsigned PE, unsigned VECS, typename TI,
          typename TW, typename TO, typename TA, unsigned NT, typename TT, int ACT_BIAS, typename WROM,
          typename TROM>
void mvau(hls::stream<ap_uint<SIMD * TI::width> > &in, hls::stream<ap_uint<PE * TO::width> > &out,
          const WROM &weights, const TROM &thresholds) {
  mvau_core<MW, MH, SIMD, PE, VECS, TI, TW, TO, TA>(in, out, weights,
                                                    Thresholds<NT, TT, TO, ACT_BIAS, TROM>(thresholds));
}

// MVAU without activation: the accumulator leaves as an element of TO
// (NT must be 0).
template <unsigned MW, unsigned MH, unsigned SIMD, unsigned PE, unsigned VECS, typename TI,
          typename TW, typename TO, typename TA, unsigned NT, typename TT, int ACT_BIAS, typename WROM>
void mvau(hls::stream<ap_uint<SIMD * TI::width> > &in, hls::stream<ap_uint<PE * TO::width> > &out,
          const WROM &weights) {
  mvau_core<MW, MH, SIMD, PE, VECS, TI, TW, TO, TA>(in, out, weights, PassThrough<TO>());
}

// VVAU core (depthwise convolution): every vector is one window of K
// positions x C channels, ordered (k, c), arriving SIMD * PE elements per
// beat. Channel c of the output is the dot product of the K window values of
// channel c with row c of the C x K weights, then ACT; PE channels per beat.
// The weight ROM is PE x (C/PE * K/SIMD) words of SIMD weights: lane p holds
// channels p, p + PE, ...; word nf * SF + sf holds positions sf * SIMD ..
// of channel nf * PE + p. The windows are double-buffered: while vector v
// is computed (C/PE * K/SIMD steps) vector v + 1 arrives (as many beats), so
// a frame takes (VECS + 1) * K/SIMD * C/PE cycles, one vector more than the
// VECS * K/SIMD * C/PE of the model's steady state.
template <unsigned C, unsigned K, unsigned SIMD, unsigned PE, unsigned VECS, typename TI,
          typename TW, typename TO, typename TA, typename WROM, typename ACT>
void vvau_core(hls::stream<ap_uint<SIMD * PE * TI::width> > &in, hls::stream<ap_uint<PE * TO::width> > &out,
               const WROM &weights, const ACT &act) {
  typedef Mac<TI, TW, TA, SIMD> mac;
  const unsigned IN_ELEMS = SIMD * PE;
  const unsigned SF = K / SIMD;
  const unsigned NF = C / PE;
  const unsigned STEPS = SF * NF;  // = K * C / IN_ELEMS: beats per window
  ap_uint<TI::width> window[2][K][C];
#pragma HLS ARRAY_PARTITION variable=window dim=1 complete
#pragma HLS ARRAY_PARTITION variable=window dim=2 cyclic factor=SIMD
#pragma HLS ARRAY_PARTITION variable=window dim=3 cyclic factor=PE
  typename mac::acc_type acc[PE];
#pragma HLS ARRAY_PARTITION variable=acc complete
  for (unsigned v = 0; v <= VECS; v++) {
    for (unsigned i = 0; i < STEPS; i++) {
#pragma HLS PIPELINE II=1
      if (v < VECS) {  // beat i of window v
        const ap_uint<SIMD * PE * TI::width> x = in.read();
        for (unsigned e = 0; e < IN_ELEMS; e++) {
#pragma HLS UNROLL
          const unsigned idx = i * IN_ELEMS + e;
          window[v % 2][idx / C][idx % C] = get_bits<TI>(x, e);
        }
      }
      if (v > 0) {  // step i of window v - 1
        const unsigned nf = i / SF, sf = i % SF, b = (v - 1) % 2;
        for (unsigned p = 0; p < PE; p++) {
#pragma HLS UNROLL
          ap_uint<SIMD * TI::width> xw;
          for (unsigned s = 0; s < SIMD; s++) {
#pragma HLS UNROLL
            set_bits<TI>(xw, s, window[b][sf * SIMD + s][nf * PE + p]);
          }
          const ap_uint<SIMD * TW::width> w = rom_word<SIMD * TW::width>(weights[p][nf * SF + sf]);
          acc[p] = mac::step(sf == 0 ? mac::init() : acc[p], xw, w);
        }
        if (sf == SF - 1) {
          ap_uint<PE * TO::width> y;
          for (unsigned p = 0; p < PE; p++) {
#pragma HLS UNROLL
            set_bits<TO>(y, p, act(mac::finish(acc[p], K), nf, p));
          }
          out.write(y);
        }
      }
    }
  }
}

// MVAU over MMV vectors per beat (mvau_mmv), with and without activation.
template <unsigned MW, unsigned MH, unsigned SIMD, unsigned PE, unsigned VECS, typename TI,
          typename TW, typename TO, typename TA, unsigned NT, typename TT, int ACT_BIAS, unsigned MMV,
          typename WROM, typename TROM>
void mvau_mmv(hls::stream<ap_uint<MMV * SIMD * TI::width> > &in, hls::stream<ap_uint<MMV * PE * TO::width> > &out,
              const WROM &weights, const TROM &thresholds) {
  mvau_core<MW, MH, SIMD, PE, VECS, TI, TW, TO, TA, MMV>(in, out, weights,
                                                         Thresholds<NT, TT, TO, ACT_BIAS, TROM>(thresholds));
}

template <unsigned MW, unsigned MH, unsigned SIMD, unsigned PE, unsigned VECS, typename TI,
          typename TW, typename TO, typename TA, unsigned NT, typename TT, int ACT_BIAS, unsigned MMV,
          typename WROM>
void mvau_mmv(hls::stream<ap_uint<MMV * SIMD * TI::width> > &in, hls::stream<ap_uint<MMV * PE * TO::width> > &out,
              const WROM &weights) {
  mvau_core<MW, MH, SIMD, PE, VECS, TI, TW, TO, TA, MMV>(in, out, weights, PassThrough<TO>());
}

template <unsigned C, unsigned K, unsigned SIMD, unsigned PE, unsigned VECS, typename TI, typename TW,
          typename TO, typename TA, unsigned NT, typename TT, int ACT_BIAS, typename WROM, typename TROM>
void vvau(hls::stream<ap_uint<SIMD * PE * TI::width> > &in, hls::stream<ap_uint<PE * TO::width> > &out,
          const WROM &weights, const TROM &thresholds) {
  vvau_core<C, K, SIMD, PE, VECS, TI, TW, TO, TA>(in, out, weights,
                                                  Thresholds<NT, TT, TO, ACT_BIAS, TROM>(thresholds));
}

template <unsigned C, unsigned K, unsigned SIMD, unsigned PE, unsigned VECS, typename TI, typename TW,
          typename TO, typename TA, unsigned NT, typename TT, int ACT_BIAS, typename WROM>
void vvau(hls::stream<ap_uint<SIMD * PE * TI::width> > &in, hls::stream<ap_uint<PE * TO::width> > &out,
          const WROM &weights) {
  vvau_core<C, K, SIMD, PE, VECS, TI, TW, TO, TA>(in, out, weights, PassThrough<TO>());
}

}  // namespace finnr

#endif  // FINNR_MVAU_H
