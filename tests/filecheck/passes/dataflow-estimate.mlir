// dataflow-estimate: every layer gets a `cost` attribute with its cycles
// per frame and its LUT, FF, BRAM18, URAM and DSP estimates at its current
// folding (finnr.models.cost, rounded up). Running it again refreshes the
// figures instead of adding to them.
// RUN: finnr-opt %s --split-input-file -p dataflow-estimate | filecheck %s
// RUN: finnr-opt %s --split-input-file -p dataflow-estimate,dataflow-estimate | filecheck %s

// An MVAU, MW 8, MH 4, one vector, W = A = 2 bits (unsigned input), three
// thresholds, PE 2, SIMD 4, weights in 'auto' memory, LUT multipliers:
//   cycles = (MH/PE)(MW/SIMD) = 2 * 2 = 4
//   mult   = SIMD (2 ceil((W+A)/6) - 1)(W+A) = 4 * 1 * 4 = 16
//   adders = (W+A)(2 SIMD - 1) = 4 * 7 = 28
//   alpha  = log2(MW) + W + A - 1 = 6; acc = ceil(alpha + log2(1 + 2^-6) + 1) = 8
//   thr    = 3 * acc * ceil((MH/PE)/64) = 24; cmp = 3 * acc = 24
//   weight memory: MW MH/(PE SIMD) = 4 words of SIMD W = 8 bits per PE,
//   <= 128 words: LUTRAM, 8 ceil(4/64) = 8 LUTs per PE
//   LUT = 300 + 1.1 * PE * (16 + 28 + 8 + 24 + 24) + 2 * 8 = 536
//   FF  = PE (SIMD (W+A) + acc + O) = 2 (16 + 8 + 2) = 52
// The FIFO after it: 2 beats of 2 elements of 2 bits: LUT 20 + 4 ceil(2/64)
// = 24, FF 2*4 + 20 = 28, 4 elements / 2 per beat = 2 cycles.
// The thresholding: 4 channels of 2 bits, PE 2, three thresholds: 4/2 = 2
// cycles; LUT 100 + PE*3*2 (comparators) + PE*6 ceil(2/64) (a table of
// 2 words of 3*2 bits per PE) = 124; FF PE (2 + 2) = 8.
// CHECK-LABEL: func.func @mlp(
// CHECK:         dataflow.mvau %{{[^ ]*}} {cost = {cycles = 4 : i64, lut = 536 : i64, ff = 52 : i64, bram18 = 0 : i64, uram = 0 : i64, dsp = 0 : i64}, weights = {{.*}} : (tensor<1x8x!qnn.uint<2>>) -> tensor<1x4x!qnn.uint<2>>
// CHECK-NEXT:    dataflow.fifo %{{[^ ]*}} {cost = {cycles = 2 : i64, lut = 24 : i64, ff = 28 : i64, bram18 = 0 : i64, uram = 0 : i64, dsp = 0 : i64}, elems = 2 : i64}
// CHECK-NEXT:    dataflow.thresholding %{{[^ ]*}} {cost = {cycles = 2 : i64, lut = 124 : i64, ff = 8 : i64, bram18 = 0 : i64, uram = 0 : i64, dsp = 0 : i64}, thresholds
func.func @mlp(%x: tensor<1x8x!qnn.uint<2>>) -> tensor<1x4x!qnn.uint<2>> {
  %y = dataflow.partition (%a = %x : tensor<1x8x!qnn.uint<2>>) -> (tensor<1x4x!qnn.uint<2>>) {
    %h = dataflow.mvau %a {weights = dense<1> : tensor<8x4xi8>, weight_dtype = !qnn.int<2>, thresholds = dense<[[0, 4, 8]]> : tensor<1x3xi8>, pe = 2 : i64, simd = 4 : i64} : (tensor<1x8x!qnn.uint<2>>) -> tensor<1x4x!qnn.uint<2>>
    %f = dataflow.fifo %h {elems = 2 : i64} : (tensor<1x4x!qnn.uint<2>>) -> tensor<1x4x!qnn.uint<2>>
    %t = dataflow.thresholding %f {thresholds = dense<[[1, 2, 3]]> : tensor<1x3xi8>, pe = 2 : i64} : (tensor<1x4x!qnn.uint<2>>) -> tensor<1x4x!qnn.uint<2>>
    dataflow.yield %t : tensor<1x4x!qnn.uint<2>>
  }
  func.return %y : tensor<1x4x!qnn.uint<2>>
}

// -----

// The same MVAU unfolded (PE = SIMD = 1) with its weights in BRAM and DSP
// multipliers: 4 * 8 = 32 cycles; no multiplier LUTs, adders (W+A) = 4,
// acc 8, thr = 3 * 8 * ceil(4/64) = 24, cmp 24: LUT 300 + 1.1 * 60 = 366;
// 32 words of 2 bits: one RAMB18 (8K x 2); DSP = PE SIMD ceil((W+A)/48) = 1;
// FF = 1 (4 + 8 + 2) = 14.
// CHECK-LABEL: func.func @bram_dsp(
// CHECK:         dataflow.mvau %{{[^ ]*}} {cost = {cycles = 32 : i64, lut = 366 : i64, ff = 14 : i64, bram18 = 1 : i64, uram = 0 : i64, dsp = 1 : i64}, weights
func.func @bram_dsp(%x: tensor<1x8x!qnn.uint<2>>) -> tensor<1x4x!qnn.uint<2>> {
  %y = dataflow.partition (%a = %x : tensor<1x8x!qnn.uint<2>>) -> (tensor<1x4x!qnn.uint<2>>) {
    %h = dataflow.mvau %a {weights = dense<1> : tensor<8x4xi8>, weight_dtype = !qnn.int<2>, thresholds = dense<[[0, 4, 8]]> : tensor<1x3xi8>, ram_style = "block", res_type = "dsp"} : (tensor<1x8x!qnn.uint<2>>) -> tensor<1x4x!qnn.uint<2>>
    dataflow.yield %h : tensor<1x4x!qnn.uint<2>>
  }
  func.return %y : tensor<1x4x!qnn.uint<2>>
}

// -----

// A deep weight memory, MW 256, MH 64, W 2, SIMD 2: 8192 words of 4 bits.
// 'auto' puts it in BRAM: ceil(8192/4096) * ceil(4/4) = 2 RAMB18 (4K x 4);
// 'ultra' in URAM: ceil(4/72) * ceil(8192/4096) = 2; 'external' weights
// stream in and cost no memory. cycles = 64 * 128 = 8192.
// CHECK-LABEL: func.func @memories(
// CHECK:         dataflow.mvau %{{[^ ]*}} {cost = {cycles = 8192 : i64, lut = {{[0-9]+}} : i64, ff = {{[0-9]+}} : i64, bram18 = 2 : i64, uram = 0 : i64, dsp = 0 : i64}, weights
// CHECK-NEXT:    dataflow.mvau %{{[^ ]*}} {cost = {cycles = 8192 : i64, lut = {{[0-9]+}} : i64, ff = {{[0-9]+}} : i64, bram18 = 0 : i64, uram = 2 : i64, dsp = 0 : i64}, weights
// CHECK-NEXT:    dataflow.mvau %{{[^ ]*}} {cost = {cycles = 8192 : i64, lut = {{[0-9]+}} : i64, ff = {{[0-9]+}} : i64, bram18 = 0 : i64, uram = 0 : i64, dsp = 0 : i64}, weights
func.func @memories(%x: tensor<1x256x!qnn.uint<2>>) -> tensor<1x64x!qnn.int<12>> {
  %y = dataflow.partition (%a = %x : tensor<1x256x!qnn.uint<2>>) -> (tensor<1x64x!qnn.int<12>>) {
    %h = dataflow.mvau %a {weights = dense<1> : tensor<256x64xi8>, weight_dtype = !qnn.int<2>, simd = 2 : i64} : (tensor<1x256x!qnn.uint<2>>) -> tensor<1x64x!qnn.int<12>>
    %u = dataflow.mvau %a {weights = dense<1> : tensor<256x64xi8>, weight_dtype = !qnn.int<2>, simd = 2 : i64, ram_style = "ultra"} : (tensor<1x256x!qnn.uint<2>>) -> tensor<1x64x!qnn.int<12>>
    %e = dataflow.mvau %a {weights = dense<1> : tensor<256x64xi8>, weight_dtype = !qnn.int<2>, simd = 2 : i64, mem_mode = "external", ram_style = "block"} : (tensor<1x256x!qnn.uint<2>>) -> tensor<1x64x!qnn.int<12>>
    dataflow.yield %h : tensor<1x64x!qnn.int<12>>
  }
  func.return %y : tensor<1x64x!qnn.int<12>>
}

// -----

// Window layers (the line-buffer engine of finnr.models.cost.window_cycles):
// an SWU (4x4x2 input, 2x2 kernel, stride 1, SIMD 1):
// max(IFM_H IFM_W C, OFM_H max(OFM_W K K C, STRIDE IFM_W C) + FILL IFM_W C)
// = max(32, 3 * max(24, 8) + 1 * 8) = 80 cycles (FILL: one row of the next
// frame's first window cannot be written during the last output row);
// a pad to 5x5 (C/SIMD * OH * OW = 2 * 25 = 50); a 2x2, stride 2 maxpool of
// the 4x4x2 frame: max(32, 2 * max(16, 16) + 0) = 32.
// CHECK-LABEL: func.func @windows(
// CHECK:         dataflow.swu %{{[^ ]*}} {cost = {cycles = 80 : i64,
// CHECK-NEXT:    dataflow.pad %{{[^ ]*}} {cost = {cycles = 50 : i64,
// CHECK-NEXT:    dataflow.maxpool %{{[^ ]*}} {cost = {cycles = 32 : i64,
func.func @windows(%x: tensor<1x4x4x2x!qnn.uint<2>>) -> tensor<1x3x3x8x!qnn.uint<2>> {
  %y = dataflow.partition (%a = %x : tensor<1x4x4x2x!qnn.uint<2>>) -> (tensor<1x3x3x8x!qnn.uint<2>>) {
    %w = dataflow.swu %a {kernel = array<i64: 2, 2>} : (tensor<1x4x4x2x!qnn.uint<2>>) -> tensor<1x3x3x8x!qnn.uint<2>>
    %p = dataflow.pad %a {pads = array<i64: 0, 0, 1, 1>} : (tensor<1x4x4x2x!qnn.uint<2>>) -> tensor<1x5x5x2x!qnn.uint<2>>
    %m = dataflow.maxpool %a {kernel = array<i64: 2, 2>, stride = array<i64: 2, 2>} : (tensor<1x4x4x2x!qnn.uint<2>>) -> tensor<1x2x2x2x!qnn.uint<2>>
    dataflow.yield %w : tensor<1x3x3x8x!qnn.uint<2>>
  }
  func.return %y : tensor<1x3x3x8x!qnn.uint<2>>
}
