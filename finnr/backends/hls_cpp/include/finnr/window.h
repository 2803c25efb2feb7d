// finnr HLS kernel library: the layers that move windows over an NHWC frame:
// sliding window unit, max-pool, padding, and the row-buffered layers that
// rearrange pixels: upsample, depth-to-space.
#ifndef FINNR_WINDOW_H
#define FINNR_WINDOW_H

#include <hls_stream.h>

#include "finnr/types.h"

namespace finnr {

// Sliding window unit: N images of H x W pixels of C channels (SIMD channels
// per beat, NHWC order) become, for each of the OH x OW output pixels, the
// KH x KW window at (oy * SH + kh * DH, ox * SW + kw * DW), ordered
// (kh, kw, c), SIMD channels per beat. A circular buffer keeps the last
// DH * (KH - 1) + 1 input rows; rows are read as the output rows need them.
template <unsigned N, unsigned H, unsigned W, unsigned C, unsigned KH, unsigned KW, unsigned SH,
          unsigned SW, unsigned DH, unsigned DW, unsigned OH, unsigned OW, unsigned SIMD, typename T>
void swu(hls::stream<ap_uint<SIMD * T::width> > &in, hls::stream<ap_uint<SIMD * T::width> > &out) {
  const unsigned CF = C / SIMD;
  const unsigned ROWS = DH * (KH - 1) + 1;
  ap_uint<SIMD * T::width> buf[ROWS][W][CF];
  for (unsigned n = 0; n < N; n++) {
    unsigned next = 0;  // the next input row to read
    for (unsigned oy = 0; oy < OH; oy++) {
      const unsigned need = oy * SH + ROWS;  // rows [0, need) must have been read
      for (; next < need; next++) {
        for (unsigned i = 0; i < W * CF; i++) {
#pragma HLS PIPELINE II=1
          buf[next % ROWS][i / CF][i % CF] = in.read();
        }
      }
      for (unsigned i = 0; i < OW * KH * KW * CF; i++) {
#pragma HLS PIPELINE II=1
        const unsigned cf = i % CF;
        const unsigned kw = (i / CF) % KW;
        const unsigned kh = (i / (CF * KW)) % KH;
        const unsigned ox = i / (CF * KW * KH);
        out.write(buf[(oy * SH + kh * DH) % ROWS][ox * SW + kw * DW][cf]);
      }
    }
    for (; next < H; next++) {  // rows below the last window
      for (unsigned i = 0; i < W * CF; i++) {
#pragma HLS PIPELINE II=1
        in.read();
      }
    }
  }
}

// Sliding window unit in parallel-window mode: the same windows as swu, each
// as one beat of KH * KW * C elements ordered (kh, kw, c), element 0 in the
// low bits; a whole pixel per input beat (SIMD = C). One window per cycle:
// the rows are separate memories, and the KW columns of a window row are
// read from KW copies of them (here a partitioned array the tool
// replicates).
// With MMV pixels per beat (swu_mmv; FINN's MMV): an input beat carries MMV
// consecutive pixels of a row and an output beat the MMV windows of MMV
// consecutive output pixels of a row, window m at bits [m * KH * KW * PX,
// ...); MMV divides W and OW. One beat of MMV windows per cycle.
template <unsigned N, unsigned H, unsigned W, unsigned C, unsigned KH, unsigned KW, unsigned SH,
          unsigned SW, unsigned DH, unsigned DW, unsigned OH, unsigned OW, unsigned MMV, typename T>
void swu_mmv(hls::stream<ap_uint<MMV * C * T::width> > &in,
             hls::stream<ap_uint<MMV * KH * KW * C * T::width> > &out) {
  const unsigned ROWS = DH * (KH - 1) + 1;
  const unsigned PX = C * T::width;  // bits of a pixel
  const unsigned WIN = KH * KW * PX;  // bits of a window
  ap_uint<PX> buf[ROWS][W];
#pragma HLS ARRAY_PARTITION variable=buf dim=1 complete
#pragma HLS ARRAY_PARTITION variable=buf dim=2 cyclic factor=MMV
  for (unsigned n = 0; n < N; n++) {
    unsigned next = 0;  // the next input row to read
    for (unsigned oy = 0; oy < OH; oy++) {
      const unsigned need = oy * SH + ROWS;
      for (; next < need; next++) {
        for (unsigned x = 0; x < W; x += MMV) {
#pragma HLS PIPELINE II=1
          const ap_uint<MMV * PX> beat = in.read();
          for (unsigned m = 0; m < MMV; m++) {
#pragma HLS UNROLL
            buf[next % ROWS][x + m] = beat.range((m + 1) * PX - 1, m * PX);
          }
        }
      }
      for (unsigned ox = 0; ox < OW; ox += MMV) {
#pragma HLS PIPELINE II=1
        ap_uint<MMV * WIN> y;
        for (unsigned m = 0; m < MMV; m++) {
#pragma HLS UNROLL
          for (unsigned kh = 0; kh < KH; kh++) {
#pragma HLS UNROLL
            for (unsigned kw = 0; kw < KW; kw++) {
#pragma HLS UNROLL
              const unsigned k = m * KH * KW + kh * KW + kw;
              y.range((k + 1) * PX - 1, k * PX) = buf[(oy * SH + kh * DH) % ROWS][(ox + m) * SW + kw * DW];
            }
          }
        }
        out.write(y);
      }
    }
    for (; next < H; next++) {  // rows below the last window
      for (unsigned x = 0; x < W; x += MMV) {
#pragma HLS PIPELINE II=1
        in.read();
      }
    }
  }
}

template <unsigned N, unsigned H, unsigned W, unsigned C, unsigned KH, unsigned KW, unsigned SH,
          unsigned SW, unsigned DH, unsigned DW, unsigned OH, unsigned OW, typename T>
void swu_pw(hls::stream<ap_uint<C * T::width> > &in, hls::stream<ap_uint<KH * KW * C * T::width> > &out) {
  swu_mmv<N, H, W, C, KH, KW, SH, SW, DH, DW, OH, OW, 1, T>(in, out);
}

// Max-pool: N images of H x W x C (PE channels per beat) to OH x OW x C, the
// maximum of each KH x KW window at (oy * SH, ox * SW).
template <unsigned N, unsigned H, unsigned W, unsigned C, unsigned KH, unsigned KW, unsigned SH,
          unsigned SW, unsigned OH, unsigned OW, unsigned PE, typename T>
void maxpool(hls::stream<ap_uint<PE * T::width> > &in, hls::stream<ap_uint<PE * T::width> > &out) {
  const unsigned CF = C / PE;
  ap_uint<PE * T::width> buf[KH][W][CF];
  typename T::value_type best[PE];
#pragma HLS ARRAY_PARTITION variable=best complete
  for (unsigned n = 0; n < N; n++) {
    unsigned next = 0;
    for (unsigned oy = 0; oy < OH; oy++) {
      const unsigned need = oy * SH + KH;
      for (; next < need; next++) {
        for (unsigned i = 0; i < W * CF; i++) {
#pragma HLS PIPELINE II=1
          buf[next % KH][i / CF][i % CF] = in.read();
        }
      }
      for (unsigned i = 0; i < OW * CF * KH * KW; i++) {
#pragma HLS PIPELINE II=1
        const unsigned k = i % (KH * KW);
        const unsigned cf = (i / (KH * KW)) % CF;
        const unsigned ox = i / (KH * KW * CF);
        const unsigned kh = k / KW, kw = k % KW;
        const ap_uint<PE * T::width> x = buf[(oy * SH + kh) % KH][ox * SW + kw][cf];
        for (unsigned p = 0; p < PE; p++) {
#pragma HLS UNROLL
          const typename T::value_type v = get<T>(x, p);
          if (k == 0 || v > best[p]) best[p] = v;
        }
        if (k == KH * KW - 1) {
          ap_uint<PE * T::width> y;
          for (unsigned p = 0; p < PE; p++) {
#pragma HLS UNROLL
            set_bits<T>(y, p, T::encode(best[p]));
          }
          out.write(y);
        }
      }
    }
    for (; next < H; next++) {
      for (unsigned i = 0; i < W * CF; i++) {
#pragma HLS PIPELINE II=1
        in.read();
      }
    }
  }
}

// Max-pool of MMV pixels per beat (issue 22's MMV): the windows of maxpool,
// each beat MMV consecutive pixels of a row (all C channels), in and out.
// The output beat's MMV windows start at a beat of the input row (ox * SW
// with ox a multiple of MMV) and span (MMV - 1) * SW + KW columns, NW beats:
// KH x NW reads per output beat, merged into MMV maxima at once.
template <unsigned N, unsigned H, unsigned W, unsigned C, unsigned KH, unsigned KW, unsigned SH,
          unsigned SW, unsigned OH, unsigned OW, unsigned MMV, typename T>
void maxpool_mmv(hls::stream<ap_uint<MMV * C * T::width> > &in, hls::stream<ap_uint<MMV * C * T::width> > &out) {
  const unsigned WB = W / MMV, OB = OW / MMV;
  const unsigned NW = ((MMV - 1) * SW + KW + MMV - 1) / MMV;
  ap_uint<MMV * C * T::width> buf[KH][WB];
  typename T::value_type best[MMV][C];
#pragma HLS ARRAY_PARTITION variable=best complete dim=0
  for (unsigned n = 0; n < N; n++) {
    unsigned next = 0;
    for (unsigned oy = 0; oy < OH; oy++) {
      for (; next < oy * SH + KH; next++) {
        for (unsigned i = 0; i < WB; i++) {
#pragma HLS PIPELINE II=1
          buf[next % KH][i] = in.read();
        }
      }
      for (unsigned i = 0; i < OB * KH * NW; i++) {
#pragma HLS PIPELINE II=1
        const unsigned nw = i % NW;
        const unsigned kh = (i / NW) % KH;
        const unsigned ob = i / (NW * KH);
        const ap_uint<MMV * C * T::width> x = buf[(oy * SH + kh) % KH][ob * SW + nw];
        for (unsigned j = 0; j < MMV; j++) {
#pragma HLS UNROLL
          for (unsigned p = 0; p < MMV; p++) {
#pragma HLS UNROLL
            const unsigned col = nw * MMV + p;  // from the beat's first column
            if (col < j * SW || col >= j * SW + KW) continue;
            for (unsigned c = 0; c < C; c++) {
#pragma HLS UNROLL
              const typename T::value_type v = get<T>(x, p * C + c);
              if ((kh == 0 && col == j * SW) || v > best[j][c]) best[j][c] = v;
            }
          }
        }
        if (i % (KH * NW) == KH * NW - 1) {
          ap_uint<MMV * C * T::width> y;
          for (unsigned j = 0; j < MMV; j++) {
#pragma HLS UNROLL
            for (unsigned c = 0; c < C; c++) {
#pragma HLS UNROLL
              set_bits<T>(y, j * C + c, T::encode(best[j][c]));
            }
          }
          out.write(y);
        }
      }
    }
    for (; next < H; next++) {
      for (unsigned i = 0; i < WB; i++) {
#pragma HLS PIPELINE II=1
        in.read();
      }
    }
  }
}

// Padding: N images of H x W x C (SIMD channels per beat) to
// (TOP + H + BOTTOM) x (LEFT + W + RIGHT) x C, the new pixels holding VALUE.
template <unsigned N, unsigned H, unsigned W, unsigned C, unsigned TOP, unsigned LEFT, unsigned BOTTOM,
          unsigned RIGHT, unsigned SIMD, typename T, int VALUE>
void pad(hls::stream<ap_uint<SIMD * T::width> > &in, hls::stream<ap_uint<SIMD * T::width> > &out) {
  const unsigned CF = C / SIMD;
  const unsigned OH = TOP + H + BOTTOM;
  const unsigned OW = LEFT + W + RIGHT;
  ap_uint<SIMD * T::width> fill;
  for (unsigned s = 0; s < SIMD; s++) {
#pragma HLS UNROLL
    set_bits<T>(fill, s, T::encode(VALUE));
  }
  for (unsigned i = 0; i < N * OH * OW * CF; i++) {
#pragma HLS PIPELINE II=1
    const unsigned x = (i / CF) % OW;
    const unsigned y = (i / (CF * OW)) % OH;
    const bool inside = y >= TOP && y < TOP + H && x >= LEFT && x < LEFT + W;
    out.write(inside ? in.read() : fill);
  }
}

// Padding of MMV pixels per beat (issue 22's MMV): the frames of pad, each
// beat MMV consecutive pixels of a row (all C channels), in and out. Output
// beat b of a row reads input beat b - LEFT / MMV when the row has one; its
// first LEFT % MMV pixels come from the beat read before.
template <unsigned N, unsigned H, unsigned W, unsigned C, unsigned TOP, unsigned LEFT, unsigned BOTTOM,
          unsigned RIGHT, unsigned MMV, typename T, int VALUE>
void pad_mmv(hls::stream<ap_uint<MMV * C * T::width> > &in, hls::stream<ap_uint<MMV * C * T::width> > &out) {
  const unsigned OH = TOP + H + BOTTOM;
  const unsigned OB = (LEFT + W + RIGHT) / MMV;
  const unsigned S = LEFT % MMV;
  const unsigned PB = C * T::width;
  ap_uint<PB> fill;
  for (unsigned c = 0; c < C; c++) {
#pragma HLS UNROLL
    set_bits<T>(fill, c, T::encode(VALUE));
  }
  ap_uint<MMV * PB> last = 0;
  for (unsigned i = 0; i < N * OH * OB; i++) {
#pragma HLS PIPELINE II=1
    const unsigned b = i % OB;
    const unsigned y = (i / OB) % OH;
    const bool row = y >= TOP && y < TOP + H;
    const bool reads = row && b >= LEFT / MMV && b < LEFT / MMV + W / MMV;
    const ap_uint<MMV * PB> word = reads ? in.read() : ap_uint<MMV * PB>(0);
    ap_uint<MMV * PB> beat;
    for (unsigned j = 0; j < MMV; j++) {
#pragma HLS UNROLL
      const unsigned x = b * MMV + j;
      const unsigned k = j + MMV - S;  // in (word, last), last the low half
      const ap_uint<PB> pixel = k >= MMV ? ap_uint<PB>(word.range((k - MMV + 1) * PB - 1, (k - MMV) * PB))
                                         : ap_uint<PB>(last.range((k + 1) * PB - 1, k * PB));
      beat.range((j + 1) * PB - 1, j * PB) = row && x >= LEFT && x < LEFT + W ? pixel : fill;
    }
    if (reads) last = word;
    out.write(beat);
  }
}

// Nearest-neighbour upsampling: N images of H x W pixels of C channels (SIMD
// per beat) become (H * SH) x (W * SW) pixels, output pixel (y, x) being
// input pixel (y / SH, x / SW). One output beat per cycle: an input row is
// read while its first copy leaves, and kept in a row buffer for the others.
template <unsigned N, unsigned H, unsigned W, unsigned C, unsigned SH, unsigned SW, unsigned SIMD, typename T>
void upsample(hls::stream<ap_uint<SIMD * T::width> > &in, hls::stream<ap_uint<SIMD * T::width> > &out) {
  const unsigned CF = C / SIMD;
  const unsigned OW = W * SW;
  ap_uint<SIMD * T::width> row[W][CF];
  for (unsigned i = 0; i < N * H * SH * OW * CF; i++) {
#pragma HLS PIPELINE II=1
    const unsigned cf = i % CF;
    const unsigned ox = (i / CF) % OW;
    const unsigned oy = (i / (CF * OW)) % (H * SH);
    const unsigned x = ox / SW;
    ap_uint<SIMD * T::width> beat;
    if (oy % SH == 0 && ox % SW == 0) {
      beat = in.read();
      row[x][cf] = beat;
    } else {
      beat = row[x][cf];
    }
    out.write(beat);
  }
}

// Depth to space (pixel shuffle) on NHWC: N images of H x W pixels of
// B * B * C channels become (H * B) x (W * B) pixels of C channels; output
// pixel (y * B + bh, x * B + bw) channel c is input pixel (y, x) channel
// (bh * B + bw) * C + c (DCR order, CRD = 0) or c * B * B + bh * B + bw
// (CRD = 1). SIMD channels per beat, in and out (SIMD divides C).
// Two input rows, ping-pong: input row y + 1 is written while the B output
// rows of row y leave, one beat of each per cycle, (H + 1) * W * B * B * C /
// SIMD cycles a frame. The buffer is banked by (bh * B + bw, c % SIMD): any
// SIMD consecutive input channels, and any SIMD consecutive output channels,
// lie in SIMD different banks, in either order.
template <unsigned N, unsigned H, unsigned W, unsigned C, unsigned B, unsigned CRD, unsigned SIMD, typename T>
void depth_to_space(hls::stream<ap_uint<SIMD * T::width> > &in, hls::stream<ap_uint<SIMD * T::width> > &out) {
  const unsigned CF = C / SIMD;
  const unsigned BB = B * B;
  const unsigned ROW = W * BB * CF;  // the beats of an input row, and of its B output rows
  ap_uint<T::width> buf[2][BB][SIMD][W * CF];
#pragma HLS ARRAY_PARTITION variable=buf dim=1 complete
#pragma HLS ARRAY_PARTITION variable=buf dim=2 complete
#pragma HLS ARRAY_PARTITION variable=buf dim=3 complete
  for (unsigned n = 0; n < N; n++) {
    for (unsigned step = 0; step <= H; step++) {
      for (unsigned i = 0; i < ROW; i++) {
#pragma HLS PIPELINE II=1
        if (step < H) {  // beat i of input row `step`
          const ap_uint<SIMD * T::width> x = in.read();
          const unsigned px = i / (BB * CF);
          const unsigned first = (i % (BB * CF)) * SIMD;  // the beat's first input channel
          for (unsigned s = 0; s < SIMD; s++) {
#pragma HLS UNROLL
            const unsigned ci = first + s;
            const unsigned r = CRD ? ci % BB : ci / C;
            const unsigned c = CRD ? ci / BB : ci % C;
            buf[step % 2][r][c % SIMD][px * CF + c / SIMD] = get_bits<T>(x, s);
          }
        }
        if (step > 0) {  // beat i of the output rows of input row step - 1
          const unsigned cf = i % CF;
          const unsigned ox = (i / CF) % (W * B);
          const unsigned bh = i / (CF * W * B);
          ap_uint<SIMD * T::width> y;
          for (unsigned s = 0; s < SIMD; s++) {
#pragma HLS UNROLL
            set_bits<T>(y, s, buf[(step - 1) % 2][bh * B + ox % B][s][(ox / B) * CF + cf]);
          }
          out.write(y);
        }
      }
    }
  }
}

}  // namespace finnr

#endif  // FINNR_WINDOW_H
