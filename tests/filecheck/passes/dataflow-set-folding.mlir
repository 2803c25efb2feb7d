// dataflow-set-folding: FINN's SetFolding heuristic for a target FPS (the
// target in cycles per frame is f_clk / FPS, f_clk from the device or from
// clock-mhz), or a folding config in FINN's JSON format.
// RUN: finnr-opt %s --split-input-file -p 'dataflow-set-folding{target-fps=10000000 device=pynq-z1 heuristic="setfolding"}' | filecheck %s --check-prefix=DEV
// RUN: finnr-opt %s --split-input-file -p 'dataflow-set-folding{target-fps=4000000 clock-mhz=200 heuristic="setfolding"}' | filecheck %s --check-prefix=CLK
// RUN: finnr-opt %s --split-input-file -p 'dataflow-set-folding{config="%S/Inputs/folding_config.json"}' 2>/dev/null | filecheck %s --check-prefix=CFG
// RUN: not finnr-opt %s --split-input-file -p 'dataflow-set-folding{config="%S/Inputs/folding_config_bad.json"}' 2>&1 | filecheck %s --check-prefix=BAD
// RUN: not finnr-opt %s -p 'dataflow-set-folding{target-fps=1000 device=pynqz1}' 2>&1 | filecheck %s --check-prefix=TYPO
// RUN: not finnr-opt %s -p 'dataflow-set-folding' 2>&1 | filecheck %s --check-prefix=NONE
// RUN: not finnr-opt %s --split-input-file -p 'dataflow-set-folding{target-fps=1000000000 device=pynq-z1}' 2>&1 | filecheck %s --check-prefix=REACH
// RUN: not finnr-opt %s --split-input-file -p 'dataflow-set-folding{maximize=true utilization=0.001 device=pynq-z1}' 2>&1 | filecheck %s --check-prefix=TIGHT

// BAD: folding config 'MVAU_hls_0' does not fit dataflow.mvau: 'dataflow.mvau' pe (3) must divide MH (64)
// TYPO: unknown device 'pynqz1'; did you mean pynq-z1, pynq-z2?
// NONE: dataflow-set-folding needs target-fps=F, maximize=true or config=PATH

// The optimizer (the default) refuses a target no folding reaches, naming
// the slowest layer at full parallelism: in @mlp every layer can go down to
// 1 cycle, 1e9 FPS at 100 MHz needs 0.1 (REACH); maximize refuses a budget
// that no folding fits, naming every resource's use and budget (TIGHT).
// REACH: error: 1e+09 FPS is out of reach at 100 MHz: layer MVAU_hls_0 (mvau) needs at least 1 cycles per frame at full parallelism; the best reachable is 100000000.0 FPS
// REACH-NEXT: also too slow: Thresholding_rtl_0
// REACH-NEXT: also too slow: MVAU_hls_1
// TIGHT: error: the network does not fit 0% of pynq-z1 at any folding (LUT {{[0-9]+}}/53, FF {{[0-9]+}}/106, BRAM18 0/0, URAM 0/0, DSP 0/0)

// An MLP: L1 (MW 16, MH 64, 4-bit weights), a thresholding of 64 channels,
// L2 (MW 64, MH 2, 16-bit weights).
//
// DEV, pynq-z1 at 100 MHz, 1e7 FPS: target 10 cycles.
//   L1: SIMD 1, 2, 4, 8 give 1024, 512, 256, 128 cycles; SIMD 16 (64 cycles)
//       misses the target and makes SIMD*W = 64 > 36 bits: back to 8. PE 16
//       gives 64*16/(16*8) = 8 < 10.
//   thresholding: PE 8 gives 64/8 = 8 < 10.
//   L2: SIMD 2 (32 bits) gives 64 cycles, SIMD 4 (64 bits) 32 without
//       meeting the target: back to 2. PE 2 (all rows): 32 cycles, missed.
//   The slowest layer, L2, has 32 cycles > 10: the second pass folds for
//   32 cycles (strictly below, as FINN): L1 PE 8 (16 cycles, PE 4 gives 32),
//   thresholding PE 4 (16), L2 unchanged (SIMD 4 gives 32, not below 32).
//
// CLK, 200 MHz, 4e6 FPS: target 50 cycles.
//   L1: SIMD 8 (128 cycles), then PE 4: 32 < 50.   thresholding: PE 2: 32.
//   L2: SIMD 2 gives 64; SIMD 4 gives 32 < 50, which FINN keeps although
//   SIMD*W = 64 bits: it checks the target before the width.
//
// With the config file, FINN names are matched by kind and index (the file lists MVAU_hls_1
// first); the SWU entry and Reshape_0 have no counterpart here.

// DEV-LABEL: func.func @mlp(
// DEV:         dataflow.mvau %{{[^ ]*}} {weights = dense<1> : tensor<16x64xi8>, weight_dtype = !qnn.int<4>, thresholds = dense<{{\[\[}}0, 4, 8{{\]\]}}> : tensor<1x3xi8>, pe = 8 : i64, simd = 8 : i64}
// DEV-NEXT:    dataflow.thresholding %{{[^ ]*}} {thresholds = dense<{{\[\[}}1, 2, 3{{\]\]}}> : tensor<1x3xi8>, pe = 4 : i64}
// DEV-NEXT:    dataflow.mvau %{{[^ ]*}} {weights = dense<1000> : tensor<64x2xi16>, weight_dtype = !qnn.int<16>, pe = 2 : i64, simd = 2 : i64}

// CLK-LABEL: func.func @mlp(
// CLK:         dataflow.mvau %{{[^ ]*}} {weights = dense<1> : tensor<16x64xi8>, weight_dtype = !qnn.int<4>, thresholds = dense<{{\[\[}}0, 4, 8{{\]\]}}> : tensor<1x3xi8>, pe = 4 : i64, simd = 8 : i64}
// CLK-NEXT:    dataflow.thresholding %{{[^ ]*}} {thresholds = dense<{{\[\[}}1, 2, 3{{\]\]}}> : tensor<1x3xi8>, pe = 2 : i64}
// CLK-NEXT:    dataflow.mvau %{{[^ ]*}} {weights = dense<1000> : tensor<64x2xi16>, weight_dtype = !qnn.int<16>, simd = 4 : i64}

// CFG-LABEL: func.func @mlp(
// CFG:         dataflow.mvau %{{[^ ]*}} {weights = dense<1> : tensor<16x64xi8>, weight_dtype = !qnn.int<4>, thresholds = dense<{{\[\[}}0, 4, 8{{\]\]}}> : tensor<1x3xi8>, pe = 4 : i64, simd = 4 : i64, mem_mode = "internal_decoupled", ram_style = "distributed", res_type = "dsp"}
// CFG-NEXT:    dataflow.thresholding %{{[^ ]*}} {thresholds = dense<{{\[\[}}1, 2, 3{{\]\]}}> : tensor<1x3xi8>}
// CFG-NEXT:    dataflow.mvau %{{[^ ]*}} {weights = dense<1000> : tensor<64x2xi16>, weight_dtype = !qnn.int<16>, pe = 2 : i64, simd = 2 : i64, ram_style = "block"}
func.func @mlp(%x: tensor<1x16x!qnn.uint<2>>) -> tensor<1x2x!qnn.int<24>> {
  %y = dataflow.partition "mlp" (%a = %x : tensor<1x16x!qnn.uint<2>>) -> (tensor<1x2x!qnn.int<24>>) {
    %h = dataflow.mvau %a {weights = dense<1> : tensor<16x64xi8>, weight_dtype = !qnn.int<4>, thresholds = dense<[[0, 4, 8]]> : tensor<1x3xi8>} : (tensor<1x16x!qnn.uint<2>>) -> tensor<1x64x!qnn.uint<2>>
    %t = dataflow.thresholding %h {thresholds = dense<[[1, 2, 3]]> : tensor<1x3xi8>} : (tensor<1x64x!qnn.uint<2>>) -> tensor<1x64x!qnn.uint<2>>
    %o = dataflow.mvau %t {weights = dense<1000> : tensor<64x2xi16>, weight_dtype = !qnn.int<16>} : (tensor<1x64x!qnn.uint<2>>) -> tensor<1x2x!qnn.int<24>>
    dataflow.yield %o : tensor<1x2x!qnn.int<24>>
  }
  func.return %y : tensor<1x2x!qnn.int<24>>
}

// -----

// A convolution: SWU (4x4x2 input, 2x2 kernel: 3x3 output of 8 values),
// mvau (MW 8, MH 4, 9 vectors), a 1x1 mvau (MW 4, MH 2, 9 vectors).
// SWU cycles = IFM_W*K*(C/SIMD) + OFM_H*max(OFM_W*K*K*C/SIMD, IFM_W*C/SIMD)
//            = 16/SIMD + 3*24/SIMD = 88/SIMD.
//
// DEV, target 10: SWU SIMD 2 (all channels): 44, missed; mvau SIMD 8
//   (36), PE 4 (9); 1x1 mvau SIMD 4 (18), PE 2 (9). The second pass, for
//   44 cycles: SWU SIMD 2; mvau SIMD 8 (36 < 44); 1x1 mvau SIMD 2 (36).
// CLK, target 50: SWU SIMD 2 (44); mvau SIMD 8 (36); 1x1 mvau SIMD 2 (36).

// DEV-LABEL: func.func @conv(
// DEV:         dataflow.swu %{{[^ ]*}} {kernel = array<i64: 2, 2>, simd = 2 : i64}
// DEV-NEXT:    dataflow.mvau %{{[^ ]*}} {weights = dense<1> : tensor<8x4xi8>, weight_dtype = !qnn.int<2>, thresholds = dense<{{\[\[}}0, 4, 8{{\]\]}}> : tensor<1x3xi8>, simd = 8 : i64}
// DEV-NEXT:    dataflow.mvau %{{[^ ]*}} {weights = dense<1> : tensor<4x2xi8>, weight_dtype = !qnn.int<2>, simd = 2 : i64}

// CLK-LABEL: func.func @conv(
// CLK:         dataflow.swu %{{[^ ]*}} {kernel = array<i64: 2, 2>, simd = 2 : i64}
// CLK-NEXT:    dataflow.mvau %{{[^ ]*}} {weights = dense<1> : tensor<8x4xi8>, weight_dtype = !qnn.int<2>, thresholds = dense<{{\[\[}}0, 4, 8{{\]\]}}> : tensor<1x3xi8>, simd = 8 : i64}
// CLK-NEXT:    dataflow.mvau %{{[^ ]*}} {weights = dense<1> : tensor<4x2xi8>, weight_dtype = !qnn.int<2>, simd = 2 : i64}

// CFG-LABEL: func.func @conv(
// CFG:         dataflow.swu %{{[^ ]*}} {kernel = array<i64: 2, 2>, simd = 2 : i64}
// CFG-NEXT:    dataflow.mvau %{{[^ ]*}} {weights = dense<1> : tensor<8x4xi8>, weight_dtype = !qnn.int<2>, thresholds = dense<{{\[\[}}0, 4, 8{{\]\]}}> : tensor<1x3xi8>, pe = 4 : i64, simd = 4 : i64, mem_mode = "internal_decoupled", ram_style = "distributed", res_type = "dsp"}
// CFG-NEXT:    dataflow.mvau %{{[^ ]*}} {weights = dense<1> : tensor<4x2xi8>, weight_dtype = !qnn.int<2>, pe = 2 : i64, simd = 2 : i64, ram_style = "block"}
func.func @conv(%x: tensor<1x4x4x2x!qnn.uint<2>>) -> tensor<1x3x3x2x!qnn.int<8>> {
  %y = dataflow.partition "conv" (%a = %x : tensor<1x4x4x2x!qnn.uint<2>>) -> (tensor<1x3x3x2x!qnn.int<8>>) {
    %w = dataflow.swu %a {kernel = array<i64: 2, 2>} : (tensor<1x4x4x2x!qnn.uint<2>>) -> tensor<1x3x3x8x!qnn.uint<2>>
    %h = dataflow.mvau %w {weights = dense<1> : tensor<8x4xi8>, weight_dtype = !qnn.int<2>, thresholds = dense<[[0, 4, 8]]> : tensor<1x3xi8>} : (tensor<1x3x3x8x!qnn.uint<2>>) -> tensor<1x3x3x4x!qnn.uint<2>>
    %o = dataflow.mvau %h {weights = dense<1> : tensor<4x2xi8>, weight_dtype = !qnn.int<2>} : (tensor<1x3x3x4x!qnn.uint<2>>) -> tensor<1x3x3x2x!qnn.int<8>>
    dataflow.yield %o : tensor<1x3x3x2x!qnn.int<8>>
  }
  func.return %y : tensor<1x3x3x2x!qnn.int<8>>
}

// -----

// Width converters and FIFOs already present are left alone (they are
// not folded; dataflow-insert-dwc/-fifo are run after this pass).
// DEV-LABEL: func.func @fifo_untouched(
// DEV:         dataflow.thresholding %{{[^ ]*}} {thresholds = dense<{{\[\[}}1, 2, 3{{\]\]}}> : tensor<1x3xi8>, pe = 2 : i64}
// DEV-NEXT:    dataflow.fifo %{{[^ ]*}} {depth = 4 : i64} :
// DEV-NEXT:    dataflow.dwc %{{[^ ]*}} {in_elems = 1 : i64, out_elems = 2 : i64} :
func.func @fifo_untouched(%x: tensor<1x16x!qnn.uint<2>>) -> tensor<1x16x!qnn.uint<2>> {
  %y = dataflow.partition (%a = %x : tensor<1x16x!qnn.uint<2>>) -> (tensor<1x16x!qnn.uint<2>>) {
    %t = dataflow.thresholding %a {thresholds = dense<[[1, 2, 3]]> : tensor<1x3xi8>} : (tensor<1x16x!qnn.uint<2>>) -> tensor<1x16x!qnn.uint<2>>
    %f = dataflow.fifo %t {depth = 4 : i64} : (tensor<1x16x!qnn.uint<2>>) -> tensor<1x16x!qnn.uint<2>>
    %d = dataflow.dwc %f {in_elems = 1 : i64, out_elems = 2 : i64} : (tensor<1x16x!qnn.uint<2>>) -> tensor<1x16x!qnn.uint<2>>
    dataflow.yield %d : tensor<1x16x!qnn.uint<2>>
  }
  func.return %y : tensor<1x16x!qnn.uint<2>>
}
