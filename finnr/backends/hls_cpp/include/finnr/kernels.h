// finnr HLS kernel library: every kernel an hls.kernel op can call.
//
//   mvau, vvau            finnr/mvau.h
//   swu, maxpool, pad, upsample, depth_to_space
//                         finnr/window.h
//   thresholding, label_select, dwc, fifo, duplicate, add_streams, concat
//                         finnr/elementwise.h
//
// Each kernel processes one frame per call; beats are ap_uint words of
// elements of a finnr datatype (finnr/types.h), element 0 in the least
// significant bits, frames in NHWC order. Loops are pipelined at II=1.
#ifndef FINNR_KERNELS_H
#define FINNR_KERNELS_H

#include "finnr/types.h"
#include "finnr/mac.h"
#include "finnr/mvau.h"
#include "finnr/window.h"
#include "finnr/elementwise.h"

#endif  // FINNR_KERNELS_H
