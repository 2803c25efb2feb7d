// convert-dataflow-to-hls: every dataflow.partition becomes an hls.top
// (ports = partition inputs/outputs as streams, one kernel per layer, a
// stream per connection with the FIFO depths, ROMs for weights and
// thresholds); the host calls it through an external declaration.
// RUN: finnr-opt %s --split-input-file -p convert-dataflow-to-hls | filecheck %s
// RUN: finnr-opt %s --split-input-file -p convert-dataflow-to-hls | finnr-opt --split-input-file | filecheck %s
// RUN: sed -n 's/^\/\/ FLOAT-IR: //p' %s | not finnr-opt -p convert-dataflow-to-hls 2>&1 | filecheck %s --check-prefix=FLOAT
// RUN: sed -n 's/^\/\/ UNUSED-IR: //p' %s | not finnr-opt -p convert-dataflow-to-hls 2>&1 | filecheck %s --check-prefix=UNUSED
// RUN: sed -n 's/^\/\/ FORK-IR: //p' %s | not finnr-opt -p convert-dataflow-to-hls 2>&1 | filecheck %s --check-prefix=FORK
// RUN: sed -n 's/^\/\/ FORK-IR: //p' %s | finnr-opt -p dataflow-insert-duplicate,dataflow-insert-dwc,convert-dataflow-to-hls | filecheck %s --check-prefix=FORKED
// RUN: sed -n 's/^\/\/ WIDTH-IR: //p' %s | not finnr-opt -p convert-dataflow-to-hls 2>&1 | filecheck %s --check-prefix=WIDTH

// What the pass refuses (the IR is in comments, extracted by the RUN lines
// above, so that the other RUN lines do not see it).
// A layer on f32 streams: the HLS kernels take integer datatypes only.
// FLOAT: convert-dataflow-to-hls: 'dataflow.dwc' operand #0 has element type f32; the HLS kernels handle integer datatypes only
// FLOAT-IR: func.func @f32(%x: tensor<1x4xf32>) -> tensor<1x4xf32> {
// FLOAT-IR:   %y = dataflow.partition (%a = %x : tensor<1x4xf32>) -> (tensor<1x4xf32>) {
// FLOAT-IR:     %d = dataflow.dwc %a {in_elems = 1 : i64, out_elems = 2 : i64} : (tensor<1x4xf32>) -> tensor<1x4xf32>
// FLOAT-IR:     dataflow.yield %d : tensor<1x4xf32>
// FLOAT-IR:   }
// FLOAT-IR:   func.return %y : tensor<1x4xf32>
// FLOAT-IR: }
// A stream without a reader: the second output of a duplicate.
// UNUSED: convert-dataflow-to-hls: partition 'dataflow_0': the result #1 of 'dataflow.duplicate' is never read (a stream needs a consumer)
// UNUSED-IR: func.func @unused(%x: tensor<1x4x!qnn.uint<2>>) -> tensor<1x4x!qnn.uint<2>> {
// UNUSED-IR:   %y = dataflow.partition (%a = %x : tensor<1x4x!qnn.uint<2>>) -> (tensor<1x4x!qnn.uint<2>>) {
// UNUSED-IR:     %d:2 = dataflow.duplicate %a : (tensor<1x4x!qnn.uint<2>>) -> (tensor<1x4x!qnn.uint<2>>, tensor<1x4x!qnn.uint<2>>)
// UNUSED-IR:     dataflow.yield %d#0 : tensor<1x4x!qnn.uint<2>>
// UNUSED-IR:   }
// UNUSED-IR:   func.return %y : tensor<1x4x!qnn.uint<2>>
// UNUSED-IR: }
// A value read twice (or by an output port too): the fork is
// dataflow-insert-duplicate's job. After it, the partition converts.
// FORK: convert-dataflow-to-hls: partition 'dataflow_0': the result #0 of 'dataflow.thresholding' has 2 readers; a stream has one (run dataflow-insert-duplicate first)
// FORKED: hls.kernel "duplicate" "DuplicateStreams_hls_0" ins(%{{[^ ]+}} : !hls.stream<!qnn.uint<1>, 2>) outs(%{{[^ ]+}}, %{{[^ ]+}} : !hls.stream<!qnn.uint<1>, 2>, !hls.stream<!qnn.uint<1>, 2>)
// FORK-IR: func.func @fork(%x: tensor<1x4x!qnn.int<3>>) -> (tensor<1x4x!qnn.uint<1>>, tensor<1x4x!qnn.uint<1>>) {
// FORK-IR:   %y:2 = dataflow.partition (%a = %x : tensor<1x4x!qnn.int<3>>) -> (tensor<1x4x!qnn.uint<1>>, tensor<1x4x!qnn.uint<1>>) {
// FORK-IR:     %t = dataflow.thresholding %a {thresholds = dense<[[0.5]]> : tensor<1x1xf32>, pe = 2 : i64} : (tensor<1x4x!qnn.int<3>>) -> tensor<1x4x!qnn.uint<1>>
// FORK-IR:     dataflow.yield %t, %t : tensor<1x4x!qnn.uint<1>>, tensor<1x4x!qnn.uint<1>>
// FORK-IR:   }
// FORK-IR:   func.return %y#0, %y#1 : tensor<1x4x!qnn.uint<1>>, tensor<1x4x!qnn.uint<1>>
// FORK-IR: }
// Widths that differ: the converter is dataflow-insert-dwc's job.
// WIDTH: convert-dataflow-to-hls: partition 'dataflow_0': the result #0 of 'dataflow.thresholding' carries 2 element(s) per beat but 'dataflow.mvau' reads 4 (run dataflow-insert-dwc first)
// WIDTH-IR: func.func @width(%x: tensor<1x4x!qnn.int<3>>) -> tensor<1x2x!qnn.int<6>> {
// WIDTH-IR:   %y = dataflow.partition (%a = %x : tensor<1x4x!qnn.int<3>>) -> (tensor<1x2x!qnn.int<6>>) {
// WIDTH-IR:     %t = dataflow.thresholding %a {thresholds = dense<[[0.5]]> : tensor<1x1xf32>, pe = 2 : i64} : (tensor<1x4x!qnn.int<3>>) -> tensor<1x4x!qnn.uint<1>>
// WIDTH-IR:     %f = dataflow.fifo %t {depth = 4 : i64, elems = 2 : i64} : (tensor<1x4x!qnn.uint<1>>) -> tensor<1x4x!qnn.uint<1>>
// WIDTH-IR:     %m = dataflow.mvau %f {weights = dense<1> : tensor<4x2xi8>, weight_dtype = !qnn.int<2>, simd = 4 : i64} : (tensor<1x4x!qnn.uint<1>>) -> tensor<1x2x!qnn.int<6>>
// WIDTH-IR:     dataflow.yield %m : tensor<1x2x!qnn.int<6>>
// WIDTH-IR:   }
// WIDTH-IR:   func.return %y : tensor<1x2x!qnn.int<6>>
// WIDTH-IR: }

// An MLP: MVAU (PE 2, SIMD 4) -> FIFO 16 -> DWC 2->4 -> FIFO 4 -> MVAU.
// The FIFOs become the depths of the streams they sit on. The weights are
// the PE x WMEM x SIMD memory (lane 0 holds outputs 0 and 2, inputs 0..3 of
// output 0 first); the thresholds are PE x TMEM x T integers: ceil(t),
// clipped to the accumulator range [-12, 12] plus one (100 -> 13,
// -100 -> -12). The top is named after the partition, made unique among
// the module's symbols (@mlp is the function).
// CHECK-LABEL: func.func @mlp(
// CHECK-SAME:    %[[X:[^:]+]]: tensor<1x8x!qnn.uint<2>>) -> tensor<1x4x!qnn.int<6>> {
// CHECK-NEXT:    %[[Y:[^ ]+]] = func.call @mlp_1_accel(%[[X]]) : (tensor<1x8x!qnn.uint<2>>) -> tensor<1x4x!qnn.int<6>>
// CHECK-NEXT:    func.return %[[Y]] : tensor<1x4x!qnn.int<6>>
// CHECK-NEXT:  }
// CHECK-NEXT:  func.func private @mlp_1_accel(tensor<1x8x!qnn.uint<2>>) -> tensor<1x4x!qnn.int<6>> attributes {hls.top = @mlp_1}
// CHECK-NEXT:  hls.top @mlp_1(%[[IN:[^ ]+]] : !hls.stream<!qnn.uint<2>, 4>) -> (%[[OUT:[^ ]+]] : !hls.stream<!qnn.int<6>, 1>) {
// CHECK-NEXT:    %[[S0:[^ ]+]] = hls.stream {depth = 16 : i64, name = "MVAU_hls_0_out"} : !hls.stream<!qnn.int<2>, 2>
// CHECK-NEXT:    %[[W0:[^ ]+]] = hls.rom "MVAU_hls_0_weights" dense<{{\[\[\[}}1, 0, -2, 1], [1, 0, -1, 1], [0, 1, 0, -1], [1, 0, 1, 1{{\]\]}}, {{\[\[}}-1, 1, 1, 0], [1, 0, -1, -2], [1, -2, 0, 1], [1, 0, 1, -2{{\]\]\]}}> : tensor<2x4x4xi8> {storage = "block"} -> tensor<2x4x4x!qnn.int<2>>
// CHECK-NEXT:    %[[T0:[^ ]+]] = hls.rom "MVAU_hls_0_thresholds" dense<{{\[\[\[}}-1, 0, 3], [-2, 0, 13{{\]\]}}, {{\[\[}}0, 1, 3], [-12, 1, 1{{\]\]\]}}> : tensor<2x2x3xi8> -> tensor<2x2x3x!qnn.int<5>>
// CHECK-NEXT:    hls.kernel "mvau" "MVAU_hls_0" ins(%[[IN]] : !hls.stream<!qnn.uint<2>, 4>) outs(%[[S0]] : !hls.stream<!qnn.int<2>, 2>) roms(%[[W0]], %[[T0]] : tensor<2x4x4x!qnn.int<2>>, tensor<2x2x3x!qnn.int<5>>) params {MW = 8 : i64, MH = 4 : i64, SIMD = 4 : i64, PE = 2 : i64, VECS = 1 : i64, TI = !qnn.uint<2>, TW = !qnn.int<2>, TO = !qnn.int<2>, TA = !qnn.int<5>, NT = 3 : i64, TT = !qnn.int<5>, ACT_BIAS = -2 : i64}
// CHECK-NEXT:    %[[S1:[^ ]+]] = hls.stream {depth = 4 : i64, name = "StreamingDataWidthConverter_hls_0_out"} : !hls.stream<!qnn.int<2>, 4>
// CHECK-NEXT:    hls.kernel "dwc" "StreamingDataWidthConverter_hls_0" ins(%[[S0]] : !hls.stream<!qnn.int<2>, 2>) outs(%[[S1]] : !hls.stream<!qnn.int<2>, 4>) params {IN = 2 : i64, OUT = 4 : i64, TOTAL = 4 : i64, T = !qnn.int<2>}
// CHECK-NEXT:    %[[W1:[^ ]+]] = hls.rom "MVAU_hls_1_weights" dense<1> : tensor<1x4x4xi8> -> tensor<1x4x4x!qnn.int<2>>
// CHECK-NEXT:    hls.kernel "mvau" "MVAU_hls_1" ins(%[[S1]] : !hls.stream<!qnn.int<2>, 4>) outs(%[[OUT]] : !hls.stream<!qnn.int<6>, 1>) roms(%[[W1]] : tensor<1x4x4x!qnn.int<2>>) params {MW = 4 : i64, MH = 4 : i64, SIMD = 4 : i64, PE = 1 : i64, VECS = 1 : i64, TI = !qnn.int<2>, TW = !qnn.int<2>, TO = !qnn.int<6>, TA = !qnn.int<4>, NT = 0 : i64, TT = !qnn.int<4>, ACT_BIAS = 0 : i64}
// CHECK-NEXT:    hls.yield
// CHECK-NEXT:  }
// CHECK-NOT:   dataflow.
func.func @mlp(%x: tensor<1x8x!qnn.uint<2>>) -> tensor<1x4x!qnn.int<6>> {
  %y = dataflow.partition "mlp" (%a = %x : tensor<1x8x!qnn.uint<2>>) -> (tensor<1x4x!qnn.int<6>>) {
    %h = dataflow.mvau %a {weights = dense<[[1, -1, 0, 1], [0, 1, 1, -2], [-2, 1, 0, 0], [1, 0, -1, 1], [1, 1, 1, 1], [0, 0, 0, 0], [-1, -1, 1, 1], [1, -2, 1, -2]]> : tensor<8x4xi8>, weight_dtype = !qnn.int<2>, thresholds = dense<[[-1.5, 0.0, 2.5], [0.0, 1.0, 3.0], [-2.0, 0.0, 100.0], [-100.0, 0.5, 1.0]]> : tensor<4x3xf32>, act_bias = -2 : i64, pe = 2 : i64, simd = 4 : i64, ram_style = "block"} : (tensor<1x8x!qnn.uint<2>>) -> tensor<1x4x!qnn.int<2>>
    %f = dataflow.fifo %h {depth = 16 : i64, elems = 2 : i64} : (tensor<1x4x!qnn.int<2>>) -> tensor<1x4x!qnn.int<2>>
    %d = dataflow.dwc %f {in_elems = 2 : i64, out_elems = 4 : i64} : (tensor<1x4x!qnn.int<2>>) -> tensor<1x4x!qnn.int<2>>
    %g = dataflow.fifo %d {depth = 4 : i64, elems = 4 : i64} : (tensor<1x4x!qnn.int<2>>) -> tensor<1x4x!qnn.int<2>>
    %o = dataflow.mvau %g {weights = dense<1> : tensor<4x4xi8>, weight_dtype = !qnn.int<2>, pe = 1 : i64, simd = 4 : i64} : (tensor<1x4x!qnn.int<2>>) -> tensor<1x4x!qnn.int<6>>
    dataflow.yield %o : tensor<1x4x!qnn.int<6>>
  }
  func.return %y : tensor<1x4x!qnn.int<6>>
}

// -----

// The plumbing a partition may need, as dataflow-insert-duplicate and
// dataflow-insert-dwc make it explicit: input #0 feeds a thresholding (2
// elements per beat), an MVAU (SIMD 4, through a 2 -> 4 converter) and
// output #2, through a duplicate; input #1 is output #3 as it is, so a fifo
// kernel copies it. Ports take the widths of their reader and of their
// writer. A hostile partition name is sanitized.
// CHECK-LABEL: func.func @fork(
// CHECK:         func.call @dataflow_1_bad_name_accel(
// CHECK:       func.func private @dataflow_1_bad_name_accel({{.*}}) attributes {hls.top = @dataflow_1_bad_name}
// CHECK-NEXT:  hls.top @dataflow_1_bad_name(%[[IN0:[^ ]+]] : !hls.stream<!qnn.int<3>, 2>, %[[IN1:[^ ]+]] : !hls.stream<!qnn.uint<4>, 1>) -> (%[[OUT0:[^ ]+]] : !hls.stream<!qnn.uint<1>, 2>, %[[OUT1:[^ ]+]] : !hls.stream<!qnn.int<6>, 1>, %[[OUT2:[^ ]+]] : !hls.stream<!qnn.int<3>, 2>, %[[OUT3:[^ ]+]] : !hls.stream<!qnn.uint<4>, 1>) {
// CHECK-NEXT:    hls.kernel "fifo" "in1_copy" ins(%[[IN1]] : !hls.stream<!qnn.uint<4>, 1>) outs(%[[OUT3]] : !hls.stream<!qnn.uint<4>, 1>) params {ELEMS = 1 : i64, BEATS = 6 : i64, T = !qnn.uint<4>}
// CHECK-NEXT:    %[[F0:[^ ]+]] = hls.stream {name = "DuplicateStreams_hls_0_0_out"} : !hls.stream<!qnn.int<3>, 2>
// CHECK-NEXT:    %[[F1:[^ ]+]] = hls.stream {name = "DuplicateStreams_hls_0_1_out"} : !hls.stream<!qnn.int<3>, 2>
// CHECK-NEXT:    hls.kernel "duplicate" "DuplicateStreams_hls_0" ins(%[[IN0]] : !hls.stream<!qnn.int<3>, 2>) outs(%[[F0]], %[[F1]], %[[OUT2]] : !hls.stream<!qnn.int<3>, 2>, !hls.stream<!qnn.int<3>, 2>, !hls.stream<!qnn.int<3>, 2>) params {ELEMS = 2 : i64, BEATS = 2 : i64, T = !qnn.int<3>}
// CHECK-NEXT:    %[[T:[^ ]+]] = hls.rom "Thresholding_rtl_0_thresholds" dense<1> : tensor<2x2x1xi8> -> tensor<2x2x1x!qnn.uint<1>>
// CHECK-NEXT:    hls.kernel "thresholding" "Thresholding_rtl_0" ins(%[[F0]] : !hls.stream<!qnn.int<3>, 2>) outs(%[[OUT0]] : !hls.stream<!qnn.uint<1>, 2>) roms(%[[T]] : tensor<2x2x1x!qnn.uint<1>>) params {C = 4 : i64, PE = 2 : i64, VECS = 1 : i64, TI = !qnn.int<3>, TO = !qnn.uint<1>, NT = 1 : i64, TT = !qnn.uint<1>, ACT_BIAS = 0 : i64}
// CHECK-NEXT:    %[[D:[^ ]+]] = hls.stream {name = "StreamingDataWidthConverter_hls_0_out"} : !hls.stream<!qnn.int<3>, 4>
// CHECK-NEXT:    hls.kernel "dwc" "StreamingDataWidthConverter_hls_0" ins(%[[F1]] : !hls.stream<!qnn.int<3>, 2>) outs(%[[D]] : !hls.stream<!qnn.int<3>, 4>) params {IN = 2 : i64, OUT = 4 : i64, TOTAL = 4 : i64, T = !qnn.int<3>}
// CHECK-NEXT:    %[[W:[^ ]+]] = hls.rom "MVAU_hls_0_weights" dense<1> : tensor<1x2x4xi8> -> tensor<1x2x4x!qnn.int<2>>
// CHECK-NEXT:    hls.kernel "mvau" "MVAU_hls_0" ins(%[[D]] : !hls.stream<!qnn.int<3>, 4>) outs(%[[OUT1]] : !hls.stream<!qnn.int<6>, 1>) roms(%[[W]] : tensor<1x2x4x!qnn.int<2>>)
// CHECK-NEXT:    hls.yield
func.func @fork(%x: tensor<1x4x!qnn.int<3>>, %z: tensor<1x6x!qnn.uint<4>>) -> (tensor<1x4x!qnn.uint<1>>, tensor<1x2x!qnn.int<6>>, tensor<1x4x!qnn.int<3>>, tensor<1x6x!qnn.uint<4>>) {
  %r:4 = dataflow.partition "1 bad/name" (%a = %x : tensor<1x4x!qnn.int<3>>, %b = %z : tensor<1x6x!qnn.uint<4>>) -> (tensor<1x4x!qnn.uint<1>>, tensor<1x2x!qnn.int<6>>, tensor<1x4x!qnn.int<3>>, tensor<1x6x!qnn.uint<4>>) {
    %d:3 = dataflow.duplicate %a {pe = 2 : i64} : (tensor<1x4x!qnn.int<3>>) -> (tensor<1x4x!qnn.int<3>>, tensor<1x4x!qnn.int<3>>, tensor<1x4x!qnn.int<3>>)
    %t = dataflow.thresholding %d#0 {thresholds = dense<[[0.5]]> : tensor<1x1xf32>, pe = 2 : i64} : (tensor<1x4x!qnn.int<3>>) -> tensor<1x4x!qnn.uint<1>>
    %w = dataflow.dwc %d#1 {in_elems = 2 : i64, out_elems = 4 : i64} : (tensor<1x4x!qnn.int<3>>) -> tensor<1x4x!qnn.int<3>>
    %m = dataflow.mvau %w {weights = dense<1> : tensor<4x2xi8>, weight_dtype = !qnn.int<2>, simd = 4 : i64} : (tensor<1x4x!qnn.int<3>>) -> tensor<1x2x!qnn.int<6>>
    dataflow.yield %t, %m, %d#2, %b : tensor<1x4x!qnn.uint<1>>, tensor<1x2x!qnn.int<6>>, tensor<1x4x!qnn.int<3>>, tensor<1x6x!qnn.uint<4>>
  }
  func.return %r#0, %r#1, %r#2, %r#3 : tensor<1x4x!qnn.uint<1>>, tensor<1x2x!qnn.int<6>>, tensor<1x4x!qnn.int<3>>, tensor<1x6x!qnn.uint<4>>
}

// -----

// A conv chain: pad (value 3), dilated depthwise SWU, VVAU (weights C x K
// folded as PE x C/PE*K/SIMD x SIMD), max-pool, label select, with the
// width converters dataflow-insert-dwc gives it (SWU 2 -> VVAU 6, VVAU 2 ->
// max-pool 1 -> label select 2).
// CHECK-LABEL: hls.top @cnv_1(
// CHECK:         hls.kernel "pad" "FMPadding_rtl_0" {{.*}} params {N = 1 : i64, H = 6 : i64, W = 6 : i64, C = 2 : i64, TOP = 1 : i64, LEFT = 1 : i64, BOTTOM = 1 : i64, RIGHT = 1 : i64, SIMD = 2 : i64, T = !qnn.uint<4>, VALUE = 3 : i64}
// CHECK:         hls.kernel "swu" "ConvolutionInputGenerator_rtl_0" {{.*}} params {N = 1 : i64, H = 8 : i64, W = 8 : i64, C = 2 : i64, KH = 3 : i64, KW = 3 : i64, SH = 1 : i64, SW = 1 : i64, DH = 2 : i64, DW = 2 : i64, OH = 4 : i64, OW = 4 : i64, SIMD = 2 : i64, T = !qnn.uint<4>}
// CHECK-NEXT:    hls.stream {name = "StreamingDataWidthConverter_hls_0_out"}
// CHECK-NEXT:    hls.kernel "dwc" "StreamingDataWidthConverter_hls_0" {{.*}} params {IN = 2 : i64, OUT = 6 : i64, TOTAL = 288 : i64, T = !qnn.uint<4>}
// CHECK:         hls.rom "VVAU_hls_0_weights" dense<{{\[\[\[}}1, 0, -1], [1, 0, -1], [1, 0, -1{{\]\]}}, {{\[\[}}1, 1, 1], [1, 1, 1], [1, 1, 1{{\]\]\]}}> : tensor<2x3x3xi8> -> tensor<2x3x3x!qnn.int<2>>
// CHECK-NEXT:    hls.rom "VVAU_hls_0_thresholds" dense<{{\[\[\[}}0, 8, 16{{\]\]}}, {{\[\[}}20, 40, 80{{\]\]\]}}> : tensor<2x1x3xi8> -> tensor<2x1x3x!qnn.uint<7>>
// CHECK-NEXT:    hls.kernel "vvau" "VVAU_hls_0" {{.*}} params {C = 2 : i64, K = 9 : i64, SIMD = 3 : i64, PE = 2 : i64, VECS = 16 : i64, TI = !qnn.uint<4>, TW = !qnn.int<2>, TO = !qnn.uint<2>, TA = !qnn.int<9>, NT = 3 : i64, TT = !qnn.uint<7>, ACT_BIAS = 0 : i64}
// CHECK-NEXT:    hls.stream {name = "StreamingDataWidthConverter_hls_1_out"}
// CHECK-NEXT:    hls.kernel "dwc" "StreamingDataWidthConverter_hls_1"
// CHECK:         hls.kernel "maxpool" "StreamingMaxPool_hls_0" {{.*}} params {N = 1 : i64, H = 4 : i64, W = 4 : i64, C = 2 : i64, KH = 2 : i64, KW = 2 : i64, SH = 2 : i64, SW = 2 : i64, OH = 2 : i64, OW = 2 : i64, PE = 1 : i64, T = !qnn.uint<2>}
// CHECK-NEXT:    hls.stream {name = "StreamingDataWidthConverter_hls_2_out"}
// CHECK-NEXT:    hls.kernel "dwc" "StreamingDataWidthConverter_hls_2"
// CHECK-NEXT:    hls.kernel "label_select" "LabelSelect_hls_0" ins(%{{[^ ]+}} : !hls.stream<!qnn.uint<2>, 2>) outs(%{{[^ ]+}} : !hls.stream<!qnn.uint<1>, 1>) params {L = 2 : i64, K = 2 : i64, PE = 2 : i64, VECS = 4 : i64, TI = !qnn.uint<2>, TO = !qnn.uint<1>}
// CHECK-NEXT:    hls.yield
func.func @cnv(%x: tensor<1x6x6x2x!qnn.uint<4>>) -> tensor<1x2x2x2x!qnn.uint<1>> {
  %y = dataflow.partition "cnv" (%a = %x : tensor<1x6x6x2x!qnn.uint<4>>) -> (tensor<1x2x2x2x!qnn.uint<1>>) {
    %p = dataflow.pad %a {pads = array<i64: 1, 1, 1, 1>, value = 3.0 : f32, simd = 2 : i64} : (tensor<1x6x6x2x!qnn.uint<4>>) -> tensor<1x8x8x2x!qnn.uint<4>>
    %s = dataflow.swu %p {kernel = array<i64: 3, 3>, stride = array<i64: 1, 1>, dilation = array<i64: 2, 2>, simd = 2 : i64, depthwise = true} : (tensor<1x8x8x2x!qnn.uint<4>>) -> tensor<1x4x4x18x!qnn.uint<4>>
    %s2 = dataflow.dwc %s {in_elems = 2 : i64, out_elems = 6 : i64} : (tensor<1x4x4x18x!qnn.uint<4>>) -> tensor<1x4x4x18x!qnn.uint<4>>
    %v = dataflow.vvau %s2 {kernel = array<i64: 3, 3>, weights = dense<[[1, 0, -1, 1, 0, -1, 1, 0, -1], [1, 1, 1, 1, 1, 1, 1, 1, 1]]> : tensor<2x9xi8>, weight_dtype = !qnn.int<2>, thresholds = dense<[[0, 8, 16], [20, 40, 80]]> : tensor<2x3xi8>, pe = 2 : i64, simd = 3 : i64} : (tensor<1x4x4x18x!qnn.uint<4>>) -> tensor<1x4x4x2x!qnn.uint<2>>
    %v2 = dataflow.dwc %v {in_elems = 2 : i64, out_elems = 1 : i64} : (tensor<1x4x4x2x!qnn.uint<2>>) -> tensor<1x4x4x2x!qnn.uint<2>>
    %q = dataflow.maxpool %v2 {kernel = array<i64: 2, 2>, stride = array<i64: 2, 2>} : (tensor<1x4x4x2x!qnn.uint<2>>) -> tensor<1x2x2x2x!qnn.uint<2>>
    %q2 = dataflow.dwc %q {in_elems = 1 : i64, out_elems = 2 : i64} : (tensor<1x2x2x2x!qnn.uint<2>>) -> tensor<1x2x2x2x!qnn.uint<2>>
    %l = dataflow.label_select %q2 {k = 2 : i64, pe = 2 : i64} : (tensor<1x2x2x2x!qnn.uint<2>>) -> tensor<1x2x2x2x!qnn.uint<1>>
    dataflow.yield %l : tensor<1x2x2x2x!qnn.uint<1>>
  }
  func.return %y : tensor<1x2x2x2x!qnn.uint<1>>
}

// -----

// A module without partitions is left alone.
// CHECK-LABEL: func.func @host(
// CHECK-NEXT:    func.return
// CHECK-NOT:   hls.top
func.func @host(%x: tensor<1x4xf32>) -> tensor<1x4xf32> {
  func.return %x : tensor<1x4xf32>
}
