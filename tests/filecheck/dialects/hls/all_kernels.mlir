// RUN: finnr-opt %s | filecheck %s
// RUN: finnr-opt %s --print-op-generic | finnr-opt | filecheck %s

// Every kernel of finnr's header library is a valid hls.kernel, chained into
// one CNV-like dataflow graph with a fork and a join:
// pad -> swu -> vvau -> thresholding -> maxpool -> dwc -> duplicate
//   -> (mvau | fifo) -> add_streams -> label_select.

hls.top @cnv(%img : !hls.stream<!qnn.uint<8>, 3>) -> (%label : !hls.stream<!qnn.uint<4>, 1>) {
  %padded = hls.stream : !hls.stream<!qnn.uint<8>, 3>
  %windows = hls.stream : !hls.stream<!qnn.uint<8>, 3>
  %w_dw = hls.rom "w_dw" dense<1> : tensor<3x9x1xi8> -> tensor<3x9x1x!qnn.int<4>>
  %acc = hls.stream : !hls.stream<!qnn.int<16>, 3>
  %t = hls.rom "t" dense<[[[0]], [[1]], [[2]]]> : tensor<3x1x1xi8> -> tensor<3x1x1x!qnn.int<16>>
  %act = hls.stream : !hls.stream<!qnn.binary, 3>
  %pooled = hls.stream : !hls.stream<!qnn.binary, 3>
  %wide = hls.stream : !hls.stream<!qnn.binary, 6>
  %left = hls.stream : !hls.stream<!qnn.binary, 6>
  %right = hls.stream : !hls.stream<!qnn.binary, 6>
  %w_fc = hls.rom "w_fc" dense<1> : tensor<6x1x6xi8> -> tensor<6x1x6x!qnn.bipolar>
  %fc = hls.stream : !hls.stream<!qnn.int<8>, 6>
  %delayed = hls.stream {depth = 64 : i64} : !hls.stream<!qnn.binary, 6>
  %sum = hls.stream : !hls.stream<!qnn.int<9>, 6>
  hls.kernel "pad" "pad0" ins(%img : !hls.stream<!qnn.uint<8>, 3>) outs(%padded : !hls.stream<!qnn.uint<8>, 3>) params {N = 1 : i64, H = 32 : i64, W = 32 : i64, C = 3 : i64, TOP = 1 : i64, LEFT = 1 : i64, BOTTOM = 1 : i64, RIGHT = 1 : i64, SIMD = 3 : i64, T = !qnn.uint<8>, VALUE = 0 : i64}
  hls.kernel "swu" "swu0" ins(%padded : !hls.stream<!qnn.uint<8>, 3>) outs(%windows : !hls.stream<!qnn.uint<8>, 3>) params {N = 1 : i64, H = 34 : i64, W = 34 : i64, C = 3 : i64, KH = 3 : i64, KW = 3 : i64, SH = 1 : i64, SW = 1 : i64, DH = 1 : i64, DW = 1 : i64, OH = 32 : i64, OW = 32 : i64, SIMD = 3 : i64, T = !qnn.uint<8>}
  hls.kernel "vvau" "dw0" ins(%windows : !hls.stream<!qnn.uint<8>, 3>) outs(%acc : !hls.stream<!qnn.int<16>, 3>) roms(%w_dw : tensor<3x9x1x!qnn.int<4>>) params {C = 3 : i64, K = 9 : i64, SIMD = 1 : i64, PE = 3 : i64, VECS = 1024 : i64, TI = !qnn.uint<8>, TW = !qnn.int<4>, TO = !qnn.int<16>, TA = !qnn.int<16>, NT = 0 : i64, TT = !qnn.int<16>, ACT_BIAS = 0 : i64}
  hls.kernel "thresholding" "th0" ins(%acc : !hls.stream<!qnn.int<16>, 3>) outs(%act : !hls.stream<!qnn.binary, 3>) roms(%t : tensor<3x1x1x!qnn.int<16>>) params {C = 3 : i64, PE = 3 : i64, VECS = 1024 : i64, TI = !qnn.int<16>, TO = !qnn.binary, NT = 1 : i64, TT = !qnn.int<16>, ACT_BIAS = 0 : i64}
  hls.kernel "maxpool" "pool0" ins(%act : !hls.stream<!qnn.binary, 3>) outs(%pooled : !hls.stream<!qnn.binary, 3>) params {N = 1 : i64, H = 32 : i64, W = 32 : i64, C = 3 : i64, KH = 2 : i64, KW = 2 : i64, SH = 2 : i64, SW = 2 : i64, OH = 16 : i64, OW = 16 : i64, PE = 3 : i64, T = !qnn.binary}
  hls.kernel "dwc" "dwc0" ins(%pooled : !hls.stream<!qnn.binary, 3>) outs(%wide : !hls.stream<!qnn.binary, 6>) params {IN = 3 : i64, OUT = 6 : i64, TOTAL = 768 : i64, T = !qnn.binary}
  hls.kernel "duplicate" "fork0" ins(%wide : !hls.stream<!qnn.binary, 6>) outs(%left, %right : !hls.stream<!qnn.binary, 6>, !hls.stream<!qnn.binary, 6>) params {ELEMS = 6 : i64, BEATS = 128 : i64, T = !qnn.binary}
  hls.kernel "mvau" "fc0" ins(%left : !hls.stream<!qnn.binary, 6>) outs(%fc : !hls.stream<!qnn.int<8>, 6>) roms(%w_fc : tensor<6x1x6x!qnn.bipolar>) params {MW = 6 : i64, MH = 6 : i64, SIMD = 6 : i64, PE = 6 : i64, VECS = 128 : i64, TI = !qnn.binary, TW = !qnn.bipolar, TO = !qnn.int<8>, TA = !qnn.int<8>, NT = 0 : i64, TT = !qnn.int<8>, ACT_BIAS = 0 : i64}
  hls.kernel "fifo" "skip0" ins(%right : !hls.stream<!qnn.binary, 6>) outs(%delayed : !hls.stream<!qnn.binary, 6>) params {ELEMS = 6 : i64, BEATS = 128 : i64, T = !qnn.binary}
  hls.kernel "add_streams" "join0" ins(%fc, %delayed : !hls.stream<!qnn.int<8>, 6>, !hls.stream<!qnn.binary, 6>) outs(%sum : !hls.stream<!qnn.int<9>, 6>) params {PE = 6 : i64, BEATS = 128 : i64, TA = !qnn.int<8>, TB = !qnn.binary, TO = !qnn.int<9>}
  hls.kernel "label_select" "top1" ins(%sum : !hls.stream<!qnn.int<9>, 6>) outs(%label : !hls.stream<!qnn.uint<4>, 1>) params {L = 6 : i64, K = 1 : i64, PE = 6 : i64, VECS = 128 : i64, TI = !qnn.int<9>, TO = !qnn.uint<4>}
  hls.yield
}

// CHECK: hls.kernel "pad" "pad0"
// CHECK: hls.kernel "swu" "swu0"
// CHECK: hls.kernel "vvau" "dw0"
// CHECK: hls.kernel "thresholding" "th0"
// CHECK: hls.kernel "maxpool" "pool0"
// CHECK: hls.kernel "dwc" "dwc0"
// CHECK: hls.kernel "duplicate" "fork0" ins(%{{[^ ]+}} : !hls.stream<!qnn.binary, 6>) outs(%{{[^ ]+}}, %{{[^ ]+}} : !hls.stream<!qnn.binary, 6>, !hls.stream<!qnn.binary, 6>) params {ELEMS = 6 : i64, BEATS = 128 : i64, T = !qnn.binary}{{$}}
// CHECK: hls.kernel "mvau" "fc0"
// CHECK: hls.kernel "fifo" "skip0"
// CHECK: hls.kernel "add_streams" "join0" ins(%{{[^ ]+}}, %{{[^ ]+}} : !hls.stream<!qnn.int<8>, 6>, !hls.stream<!qnn.binary, 6>) outs(%{{[^ ]+}} : !hls.stream<!qnn.int<9>, 6>) params {PE = 6 : i64, BEATS = 128 : i64, TA = !qnn.int<8>, TB = !qnn.binary, TO = !qnn.int<9>}{{$}}
// CHECK: hls.kernel "label_select" "top1"
// CHECK-NEXT: hls.yield
