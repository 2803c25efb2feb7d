// RUN: finnr-opt %s --split-input-file --verify-diagnostics --parsing-diagnostics | filecheck %s

// One case per verifier rule of the dataflow dialect, each with its message
// (anchored at the start of a line: the diagnostic's first line, not the copy
// inside the annotated IR).

// operands must have finnr datatypes
%x0 = "test.op"() : () -> tensor<1x8xi8>
dataflow.partition (%a = %x0 : tensor<1x8xi8>) -> () {
  %y = dataflow.fifo %a : (tensor<1x8xi8>) -> tensor<1x8xi8>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.fifo' operand #0 must have a finnr datatype as element type (f32, !qnn.int<n>, !qnn.uint<n>, ...), got i8

// -----

// results must have finnr datatypes
%x0 = "test.op"() : () -> tensor<1x8x!qnn.uint<2>>
dataflow.partition (%a = %x0 : tensor<1x8x!qnn.uint<2>>) -> () {
  %y = dataflow.mvau %a {weights = dense<1> : tensor<8x4xi8>, weight_dtype = !qnn.int<2>} : (tensor<1x8x!qnn.uint<2>>) -> tensor<1x4xi32>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.mvau' result #0 must have a finnr datatype as element type (f32, !qnn.int<n>, !qnn.uint<n>, ...), got i32

// -----

// mvau: pe >= 1
%x0 = "test.op"() : () -> tensor<1x8x!qnn.uint<2>>
dataflow.partition (%a = %x0 : tensor<1x8x!qnn.uint<2>>) -> () {
  %y = dataflow.mvau %a {weights = dense<1> : tensor<8x4xi8>, weight_dtype = !qnn.int<2>, pe = 0 : i64} : (tensor<1x8x!qnn.uint<2>>) -> tensor<1x4x!qnn.uint<2>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.mvau' pe must be >= 1, got 0

// -----

// mvau: simd >= 1
%x0 = "test.op"() : () -> tensor<1x8x!qnn.uint<2>>
dataflow.partition (%a = %x0 : tensor<1x8x!qnn.uint<2>>) -> () {
  %y = dataflow.mvau %a {weights = dense<1> : tensor<8x4xi8>, weight_dtype = !qnn.int<2>, simd = -1 : i64} : (tensor<1x8x!qnn.uint<2>>) -> tensor<1x4x!qnn.uint<2>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.mvau' simd must be >= 1, got -1

// -----

// mvau: input rank >= 2
%x0 = "test.op"() : () -> tensor<8x!qnn.uint<2>>
dataflow.partition (%a = %x0 : tensor<8x!qnn.uint<2>>) -> () {
  %y = dataflow.mvau %a {weights = dense<1> : tensor<8x4xi8>, weight_dtype = !qnn.int<2>} : (tensor<8x!qnn.uint<2>>) -> tensor<4x!qnn.uint<2>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.mvau' input must have rank >= 2, got shape [8]

// -----

// mvau: leading dimensions kept
%x0 = "test.op"() : () -> tensor<2x8x!qnn.uint<2>>
dataflow.partition (%a = %x0 : tensor<2x8x!qnn.uint<2>>) -> () {
  %y = dataflow.mvau %a {weights = dense<1> : tensor<8x4xi8>, weight_dtype = !qnn.int<2>} : (tensor<2x8x!qnn.uint<2>>) -> tensor<1x4x!qnn.uint<2>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.mvau' result shape [1, 4] must keep the leading dimensions of the input shape [2, 8]

// -----

// mvau: weights (MW, MH)
%x0 = "test.op"() : () -> tensor<1x8x!qnn.uint<2>>
dataflow.partition (%a = %x0 : tensor<1x8x!qnn.uint<2>>) -> () {
  %y = dataflow.mvau %a {weights = dense<1> : tensor<4x8xi8>, weight_dtype = !qnn.int<2>} : (tensor<1x8x!qnn.uint<2>>) -> tensor<1x4x!qnn.uint<2>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.mvau' weights must have shape [MW, MH] = [8, 4], got [4, 8]

// -----

// mvau: pe divides MH
%x0 = "test.op"() : () -> tensor<1x8x!qnn.uint<2>>
dataflow.partition (%a = %x0 : tensor<1x8x!qnn.uint<2>>) -> () {
  %y = dataflow.mvau %a {weights = dense<1> : tensor<8x4xi8>, weight_dtype = !qnn.int<2>, pe = 3 : i64} : (tensor<1x8x!qnn.uint<2>>) -> tensor<1x4x!qnn.uint<2>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.mvau' pe (3) must divide MH (4)

// -----

// mvau: simd divides MW
%x0 = "test.op"() : () -> tensor<1x8x!qnn.uint<2>>
dataflow.partition (%a = %x0 : tensor<1x8x!qnn.uint<2>>) -> () {
  %y = dataflow.mvau %a {weights = dense<1> : tensor<8x4xi8>, weight_dtype = !qnn.int<2>, simd = 3 : i64} : (tensor<1x8x!qnn.uint<2>>) -> tensor<1x4x!qnn.uint<2>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.mvau' simd (3) must divide MW (8)

// -----

// mvau: weight_dtype is an integer datatype
%x0 = "test.op"() : () -> tensor<1x8x!qnn.uint<2>>
dataflow.partition (%a = %x0 : tensor<1x8x!qnn.uint<2>>) -> () {
  %y = dataflow.mvau %a {weights = dense<1> : tensor<8x4xi8>, weight_dtype = f32} : (tensor<1x8x!qnn.uint<2>>) -> tensor<1x4x!qnn.uint<2>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.mvau' weight_dtype must be an integer datatype, got f32

// -----

// mvau: weights store integers
%x0 = "test.op"() : () -> tensor<1x8x!qnn.uint<2>>
dataflow.partition (%a = %x0 : tensor<1x8x!qnn.uint<2>>) -> () {
  %y = dataflow.mvau %a {weights = dense<1.0> : tensor<8x4xf32>, weight_dtype = !qnn.int<2>} : (tensor<1x8x!qnn.uint<2>>) -> tensor<1x4x!qnn.uint<2>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.mvau' weights must store integers, got f32

// -----

// mvau: weights lie in weight_dtype
%x0 = "test.op"() : () -> tensor<1x8x!qnn.uint<2>>
dataflow.partition (%a = %x0 : tensor<1x8x!qnn.uint<2>>) -> () {
  %y = dataflow.mvau %a {weights = dense<2> : tensor<8x4xi8>, weight_dtype = !qnn.int<2>} : (tensor<1x8x!qnn.uint<2>>) -> tensor<1x4x!qnn.uint<2>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.mvau' weight values must lie in weight_dtype !qnn.int<2> ([-2, 1])

// -----

// mvau: bipolar weights are -1 or +1
%x0 = "test.op"() : () -> tensor<1x8x!qnn.uint<2>>
dataflow.partition (%a = %x0 : tensor<1x8x!qnn.uint<2>>) -> () {
  %y = dataflow.mvau %a {weights = dense<0> : tensor<8x4xi8>, weight_dtype = !qnn.bipolar} : (tensor<1x8x!qnn.uint<2>>) -> tensor<1x4x!qnn.uint<2>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.mvau' weight values must lie in weight_dtype !qnn.bipolar ([-1, 1])

// -----

// mvau: thresholds store integers or f32
%x0 = "test.op"() : () -> tensor<1x8x!qnn.uint<2>>
dataflow.partition (%a = %x0 : tensor<1x8x!qnn.uint<2>>) -> () {
  %y = dataflow.mvau %a {weights = dense<1> : tensor<8x4xi8>, weight_dtype = !qnn.int<2>, thresholds = dense<[[0.0]]> : tensor<1x1xf64>} : (tensor<1x8x!qnn.uint<2>>) -> tensor<1x4x!qnn.uint<2>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.mvau' thresholds must store integers or f32, got f64

// -----

// mvau: thresholds rank 2
%x0 = "test.op"() : () -> tensor<1x8x!qnn.uint<2>>
dataflow.partition (%a = %x0 : tensor<1x8x!qnn.uint<2>>) -> () {
  %y = dataflow.mvau %a {weights = dense<1> : tensor<8x4xi8>, weight_dtype = !qnn.int<2>, thresholds = dense<[0, 1]> : tensor<2xi8>} : (tensor<1x8x!qnn.uint<2>>) -> tensor<1x4x!qnn.uint<2>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.mvau' thresholds must have rank 2 (channels, steps), got shape [2]

// -----

// mvau: thresholds rows
%x0 = "test.op"() : () -> tensor<1x8x!qnn.uint<2>>
dataflow.partition (%a = %x0 : tensor<1x8x!qnn.uint<2>>) -> () {
  %y = dataflow.mvau %a {weights = dense<1> : tensor<8x4xi8>, weight_dtype = !qnn.int<2>, thresholds = dense<0> : tensor<2x3xi8>} : (tensor<1x8x!qnn.uint<2>>) -> tensor<1x4x!qnn.uint<2>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.mvau' thresholds must have 1 or 4 rows (one per channel), got 2

// -----

// mvau: at least one threshold step
%x0 = "test.op"() : () -> tensor<1x8x!qnn.uint<2>>
dataflow.partition (%a = %x0 : tensor<1x8x!qnn.uint<2>>) -> () {
  %y = dataflow.mvau %a {weights = dense<1> : tensor<8x4xi8>, weight_dtype = !qnn.int<2>, thresholds = dense<> : tensor<4x0xi8>} : (tensor<1x8x!qnn.uint<2>>) -> tensor<1x4x!qnn.uint<2>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.mvau' thresholds must have at least one step

// -----

// mvau: finite thresholds
%x0 = "test.op"() : () -> tensor<1x8x!qnn.uint<2>>
dataflow.partition (%a = %x0 : tensor<1x8x!qnn.uint<2>>) -> () {
  %y = dataflow.mvau %a {weights = dense<1> : tensor<8x4xi8>, weight_dtype = !qnn.int<2>, thresholds = dense<"0x0000807F"> : tensor<1x1xf32>} : (tensor<1x8x!qnn.uint<2>>) -> tensor<1x4x!qnn.uint<2>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.mvau' thresholds must be finite

// -----

// mvau: thresholded result is an integer datatype
%x0 = "test.op"() : () -> tensor<1x8x!qnn.uint<2>>
dataflow.partition (%a = %x0 : tensor<1x8x!qnn.uint<2>>) -> () {
  %y = dataflow.mvau %a {weights = dense<1> : tensor<8x4xi8>, weight_dtype = !qnn.int<2>, thresholds = dense<0> : tensor<1x3xi8>} : (tensor<1x8x!qnn.uint<2>>) -> tensor<1x4xf32>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.mvau' result element type must be an integer datatype when thresholds are present, got f32

// -----

// mvau: T <= 2^bits(out) - 1
%x0 = "test.op"() : () -> tensor<1x8x!qnn.uint<2>>
dataflow.partition (%a = %x0 : tensor<1x8x!qnn.uint<2>>) -> () {
  %y = dataflow.mvau %a {weights = dense<1> : tensor<8x4xi8>, weight_dtype = !qnn.int<2>, thresholds = dense<0> : tensor<1x4xi8>} : (tensor<1x8x!qnn.uint<2>>) -> tensor<1x4x!qnn.uint<2>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.mvau' 4 thresholds give 5 levels, more than !qnn.uint<2> holds (4)

// -----

// mvau: act_bias + 0..T fits the result
%x0 = "test.op"() : () -> tensor<1x8x!qnn.uint<2>>
dataflow.partition (%a = %x0 : tensor<1x8x!qnn.uint<2>>) -> () {
  %y = dataflow.mvau %a {weights = dense<1> : tensor<8x4xi8>, weight_dtype = !qnn.int<2>, thresholds = dense<0> : tensor<4x3xi8>, act_bias = -1 : i64} : (tensor<1x8x!qnn.uint<2>>) -> tensor<1x4x!qnn.uint<2>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.mvau' outputs act_bias + 0..3 = [-1, 2] do not fit in !qnn.uint<2>

// -----

// mvau: bipolar result has act_bias 0
%x0 = "test.op"() : () -> tensor<1x8x!qnn.uint<2>>
dataflow.partition (%a = %x0 : tensor<1x8x!qnn.uint<2>>) -> () {
  %y = dataflow.mvau %a {weights = dense<1> : tensor<8x4xi8>, weight_dtype = !qnn.int<2>, thresholds = dense<0> : tensor<1x1xi8>, act_bias = -1 : i64} : (tensor<1x8x!qnn.uint<2>>) -> tensor<1x4x!qnn.bipolar>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.mvau' act_bias must be 0 for a !qnn.bipolar result (the threshold count is the bipolar bit), got -1

// -----

// mvau: act_bias needs thresholds
%x0 = "test.op"() : () -> tensor<1x8x!qnn.uint<2>>
dataflow.partition (%a = %x0 : tensor<1x8x!qnn.uint<2>>) -> () {
  %y = dataflow.mvau %a {weights = dense<1> : tensor<8x4xi8>, weight_dtype = !qnn.int<2>, act_bias = 1 : i64} : (tensor<1x8x!qnn.uint<2>>) -> tensor<1x4x!qnn.int<8>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.mvau' act_bias needs thresholds

// -----

// mvau: mem_mode
%x0 = "test.op"() : () -> tensor<1x8x!qnn.uint<2>>
dataflow.partition (%a = %x0 : tensor<1x8x!qnn.uint<2>>) -> () {
  %y = dataflow.mvau %a {weights = dense<1> : tensor<8x4xi8>, weight_dtype = !qnn.int<2>, mem_mode = "decoupled"} : (tensor<1x8x!qnn.uint<2>>) -> tensor<1x4x!qnn.uint<2>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.mvau' mem_mode must be one of internal_embedded, internal_decoupled, external, got 'decoupled'

// -----

// mvau: ram_style
%x0 = "test.op"() : () -> tensor<1x8x!qnn.uint<2>>
dataflow.partition (%a = %x0 : tensor<1x8x!qnn.uint<2>>) -> () {
  %y = dataflow.mvau %a {weights = dense<1> : tensor<8x4xi8>, weight_dtype = !qnn.int<2>, ram_style = "bram"} : (tensor<1x8x!qnn.uint<2>>) -> tensor<1x4x!qnn.uint<2>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.mvau' ram_style must be one of auto, block, distributed, ultra, got 'bram'

// -----

// mvau: res_type
%x0 = "test.op"() : () -> tensor<1x8x!qnn.uint<2>>
dataflow.partition (%a = %x0 : tensor<1x8x!qnn.uint<2>>) -> () {
  %y = dataflow.mvau %a {weights = dense<1> : tensor<8x4xi8>, weight_dtype = !qnn.int<2>, res_type = "bram"} : (tensor<1x8x!qnn.uint<2>>) -> tensor<1x4x!qnn.uint<2>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.mvau' res_type must be one of auto, lut, dsp, got 'bram'

// -----

// vvau: kernel has 2 entries
%x0 = "test.op"() : () -> tensor<1x2x2x18x!qnn.uint<2>>
dataflow.partition (%a = %x0 : tensor<1x2x2x18x!qnn.uint<2>>) -> () {
  %y = dataflow.vvau %a {kernel = array<i64: 3>, weights = dense<1> : tensor<2x9xi8>, weight_dtype = !qnn.int<2>} : (tensor<1x2x2x18x!qnn.uint<2>>) -> tensor<1x2x2x2x!qnn.int<8>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.vvau' kernel must have 2 entries (height, width), got [3]

// -----

// vvau: kernel entries >= 1
%x0 = "test.op"() : () -> tensor<1x2x2x18x!qnn.uint<2>>
dataflow.partition (%a = %x0 : tensor<1x2x2x18x!qnn.uint<2>>) -> () {
  %y = dataflow.vvau %a {kernel = array<i64: 0, 3>, weights = dense<1> : tensor<2x9xi8>, weight_dtype = !qnn.int<2>} : (tensor<1x2x2x18x!qnn.uint<2>>) -> tensor<1x2x2x2x!qnn.int<8>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.vvau' kernel entries must be >= 1, got [0, 3]

// -----

// vvau: input rank 4
%x0 = "test.op"() : () -> tensor<4x18x!qnn.uint<2>>
dataflow.partition (%a = %x0 : tensor<4x18x!qnn.uint<2>>) -> () {
  %y = dataflow.vvau %a {kernel = array<i64: 3, 3>, weights = dense<1> : tensor<2x9xi8>, weight_dtype = !qnn.int<2>} : (tensor<4x18x!qnn.uint<2>>) -> tensor<1x2x2x2x!qnn.int<8>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.vvau' input must have rank 4 (N, OH, OW, KH*KW*C), got shape [4, 18]

// -----

// vvau: result rank 4
%x0 = "test.op"() : () -> tensor<1x2x2x18x!qnn.uint<2>>
dataflow.partition (%a = %x0 : tensor<1x2x2x18x!qnn.uint<2>>) -> () {
  %y = dataflow.vvau %a {kernel = array<i64: 3, 3>, weights = dense<1> : tensor<2x9xi8>, weight_dtype = !qnn.int<2>} : (tensor<1x2x2x18x!qnn.uint<2>>) -> tensor<4x2x!qnn.int<8>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.vvau' result must have rank 4 (N, OH, OW, C), got shape [4, 2]

// -----

// vvau: result keeps N, OH, OW
%x0 = "test.op"() : () -> tensor<1x2x2x18x!qnn.uint<2>>
dataflow.partition (%a = %x0 : tensor<1x2x2x18x!qnn.uint<2>>) -> () {
  %y = dataflow.vvau %a {kernel = array<i64: 3, 3>, weights = dense<1> : tensor<2x9xi8>, weight_dtype = !qnn.int<2>} : (tensor<1x2x2x18x!qnn.uint<2>>) -> tensor<1x2x1x2x!qnn.int<8>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.vvau' result shape [1, 2, 1, 2] must keep N, OH, OW of the input shape [1, 2, 2, 18]

// -----

// vvau: input vectors hold KH*KW*C elements
%x0 = "test.op"() : () -> tensor<1x2x2x18x!qnn.uint<2>>
dataflow.partition (%a = %x0 : tensor<1x2x2x18x!qnn.uint<2>>) -> () {
  %y = dataflow.vvau %a {kernel = array<i64: 2, 2>, weights = dense<1> : tensor<2x9xi8>, weight_dtype = !qnn.int<2>} : (tensor<1x2x2x18x!qnn.uint<2>>) -> tensor<1x2x2x2x!qnn.int<8>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.vvau' input vectors must have KH*KW*C = 2*2*2 = 8 elements, got 18

// -----

// vvau: weights (C, KH*KW)
%x0 = "test.op"() : () -> tensor<1x2x2x18x!qnn.uint<2>>
dataflow.partition (%a = %x0 : tensor<1x2x2x18x!qnn.uint<2>>) -> () {
  %y = dataflow.vvau %a {kernel = array<i64: 3, 3>, weights = dense<1> : tensor<9x2xi8>, weight_dtype = !qnn.int<2>} : (tensor<1x2x2x18x!qnn.uint<2>>) -> tensor<1x2x2x2x!qnn.int<8>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.vvau' weights must have shape [C, KH*KW] = [2, 9], got [9, 2]

// -----

// vvau: pe divides C
%x0 = "test.op"() : () -> tensor<1x2x2x18x!qnn.uint<2>>
dataflow.partition (%a = %x0 : tensor<1x2x2x18x!qnn.uint<2>>) -> () {
  %y = dataflow.vvau %a {kernel = array<i64: 3, 3>, pe = 4 : i64, weights = dense<1> : tensor<2x9xi8>, weight_dtype = !qnn.int<2>} : (tensor<1x2x2x18x!qnn.uint<2>>) -> tensor<1x2x2x2x!qnn.int<8>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.vvau' pe (4) must divide C (2)

// -----

// vvau: simd divides KH*KW
%x0 = "test.op"() : () -> tensor<1x2x2x18x!qnn.uint<2>>
dataflow.partition (%a = %x0 : tensor<1x2x2x18x!qnn.uint<2>>) -> () {
  %y = dataflow.vvau %a {kernel = array<i64: 3, 3>, simd = 2 : i64, weights = dense<1> : tensor<2x9xi8>, weight_dtype = !qnn.int<2>} : (tensor<1x2x2x18x!qnn.uint<2>>) -> tensor<1x2x2x2x!qnn.int<8>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.vvau' simd (2) must divide KH*KW (9)

// -----

// vvau: weights lie in weight_dtype
%x0 = "test.op"() : () -> tensor<1x2x2x18x!qnn.uint<2>>
dataflow.partition (%a = %x0 : tensor<1x2x2x18x!qnn.uint<2>>) -> () {
  %y = dataflow.vvau %a {kernel = array<i64: 3, 3>, weights = dense<-3> : tensor<2x9xi8>, weight_dtype = !qnn.int<2>} : (tensor<1x2x2x18x!qnn.uint<2>>) -> tensor<1x2x2x2x!qnn.int<8>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.vvau' weight values must lie in weight_dtype !qnn.int<2> ([-2, 1])

// -----

// vvau: thresholds rows are C or 1
%x0 = "test.op"() : () -> tensor<1x2x2x18x!qnn.uint<2>>
dataflow.partition (%a = %x0 : tensor<1x2x2x18x!qnn.uint<2>>) -> () {
  %y = dataflow.vvau %a {kernel = array<i64: 3, 3>, thresholds = dense<0> : tensor<3x1xi8>, weights = dense<1> : tensor<2x9xi8>, weight_dtype = !qnn.int<2>} : (tensor<1x2x2x18x!qnn.uint<2>>) -> tensor<1x2x2x2x!qnn.uint<2>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.vvau' thresholds must have 1 or 2 rows (one per channel), got 3

// -----

// swu: input rank 4
%x0 = "test.op"() : () -> tensor<5x5x4x!qnn.uint<4>>
dataflow.partition (%a = %x0 : tensor<5x5x4x!qnn.uint<4>>) -> () {
  %y = dataflow.swu %a {kernel = array<i64: 3, 3>} : (tensor<5x5x4x!qnn.uint<4>>) -> tensor<3x3x36x!qnn.uint<4>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.swu' input must have rank 4 (N, H, W, C), got shape [5, 5, 4]

// -----

// swu: the window fits the input
%x0 = "test.op"() : () -> tensor<1x5x5x4x!qnn.uint<4>>
dataflow.partition (%a = %x0 : tensor<1x5x5x4x!qnn.uint<4>>) -> () {
  %y = dataflow.swu %a {kernel = array<i64: 3, 3>, dilation = array<i64: 3, 3>} : (tensor<1x5x5x4x!qnn.uint<4>>) -> tensor<1x0x0x36x!qnn.uint<4>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.swu' window [3, 3] (dilation [3, 3]) does not fit the input [5, 5]

// -----

// swu: stride has 2 entries
%x0 = "test.op"() : () -> tensor<1x5x5x4x!qnn.uint<4>>
dataflow.partition (%a = %x0 : tensor<1x5x5x4x!qnn.uint<4>>) -> () {
  %y = dataflow.swu %a {kernel = array<i64: 3, 3>, stride = array<i64: 1, 1, 1>} : (tensor<1x5x5x4x!qnn.uint<4>>) -> tensor<1x3x3x36x!qnn.uint<4>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.swu' stride must have 2 entries (height, width), got [1, 1, 1]

// -----

// swu: stride entries >= 1
%x0 = "test.op"() : () -> tensor<1x5x5x4x!qnn.uint<4>>
dataflow.partition (%a = %x0 : tensor<1x5x5x4x!qnn.uint<4>>) -> () {
  %y = dataflow.swu %a {kernel = array<i64: 3, 3>, stride = array<i64: 0, 1>} : (tensor<1x5x5x4x!qnn.uint<4>>) -> tensor<1x3x3x36x!qnn.uint<4>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.swu' stride entries must be >= 1, got [0, 1]

// -----

// swu: dilation entries >= 1
%x0 = "test.op"() : () -> tensor<1x5x5x4x!qnn.uint<4>>
dataflow.partition (%a = %x0 : tensor<1x5x5x4x!qnn.uint<4>>) -> () {
  %y = dataflow.swu %a {kernel = array<i64: 3, 3>, dilation = array<i64: 1, 0>} : (tensor<1x5x5x4x!qnn.uint<4>>) -> tensor<1x3x3x36x!qnn.uint<4>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.swu' dilation entries must be >= 1, got [1, 0]

// -----

// swu: result shape from the window formula
%x0 = "test.op"() : () -> tensor<1x5x5x4x!qnn.uint<4>>
dataflow.partition (%a = %x0 : tensor<1x5x5x4x!qnn.uint<4>>) -> () {
  %y = dataflow.swu %a {kernel = array<i64: 3, 3>, stride = array<i64: 2, 2>} : (tensor<1x5x5x4x!qnn.uint<4>>) -> tensor<1x3x3x36x!qnn.uint<4>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.swu' result shape must be [1, 2, 2, 36], got [1, 3, 3, 36]

// -----

// swu: result element type is the input's
%x0 = "test.op"() : () -> tensor<1x5x5x4x!qnn.uint<4>>
dataflow.partition (%a = %x0 : tensor<1x5x5x4x!qnn.uint<4>>) -> () {
  %y = dataflow.swu %a {kernel = array<i64: 3, 3>} : (tensor<1x5x5x4x!qnn.uint<4>>) -> tensor<1x3x3x36x!qnn.uint<8>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.swu' result element type !qnn.uint<8> must equal the input type !qnn.uint<4>

// -----

// swu: simd divides C
%x0 = "test.op"() : () -> tensor<1x5x5x4x!qnn.uint<4>>
dataflow.partition (%a = %x0 : tensor<1x5x5x4x!qnn.uint<4>>) -> () {
  %y = dataflow.swu %a {kernel = array<i64: 3, 3>, simd = 3 : i64} : (tensor<1x5x5x4x!qnn.uint<4>>) -> tensor<1x3x3x36x!qnn.uint<4>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.swu' simd (3) must divide the channels (4)

// -----

// thresholding: input rank >= 1
%x0 = "test.op"() : () -> tensor<!qnn.int<8>>
dataflow.partition (%a = %x0 : tensor<!qnn.int<8>>) -> () {
  %y = dataflow.thresholding %a {thresholds = dense<0> : tensor<1x1xi8>} : (tensor<!qnn.int<8>>) -> tensor<!qnn.uint<2>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.thresholding' input must have rank >= 1, got shape []

// -----

// thresholding: shape kept
%x0 = "test.op"() : () -> tensor<1x4x!qnn.int<8>>
dataflow.partition (%a = %x0 : tensor<1x4x!qnn.int<8>>) -> () {
  %y = dataflow.thresholding %a {thresholds = dense<0> : tensor<1x3xi8>} : (tensor<1x4x!qnn.int<8>>) -> tensor<1x2x!qnn.uint<2>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.thresholding' result shape must be [1, 4], got [1, 2]

// -----

// thresholding: pe divides C
%x0 = "test.op"() : () -> tensor<1x4x!qnn.int<8>>
dataflow.partition (%a = %x0 : tensor<1x4x!qnn.int<8>>) -> () {
  %y = dataflow.thresholding %a {thresholds = dense<0> : tensor<1x3xi8>, pe = 3 : i64} : (tensor<1x4x!qnn.int<8>>) -> tensor<1x4x!qnn.uint<2>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.thresholding' pe (3) must divide the channels (4)

// -----

// thresholding: thresholds rows are C or 1
%x0 = "test.op"() : () -> tensor<1x4x!qnn.int<8>>
dataflow.partition (%a = %x0 : tensor<1x4x!qnn.int<8>>) -> () {
  %y = dataflow.thresholding %a {thresholds = dense<0> : tensor<2x3xi8>} : (tensor<1x4x!qnn.int<8>>) -> tensor<1x4x!qnn.uint<2>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.thresholding' thresholds must have 1 or 4 rows (one per channel), got 2

// -----

// thresholding: integer result
%x0 = "test.op"() : () -> tensor<1x4x!qnn.int<8>>
dataflow.partition (%a = %x0 : tensor<1x4x!qnn.int<8>>) -> () {
  %y = dataflow.thresholding %a {thresholds = dense<0.5> : tensor<1x3xf32>} : (tensor<1x4x!qnn.int<8>>) -> tensor<1x4x!qnn.fixed<4, 2>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.thresholding' result element type must be an integer datatype when thresholds are present, got !qnn.fixed<4, 2>

// -----

// thresholding: levels fit the result
%x0 = "test.op"() : () -> tensor<1x4x!qnn.int<8>>
dataflow.partition (%a = %x0 : tensor<1x4x!qnn.int<8>>) -> () {
  %y = dataflow.thresholding %a {thresholds = dense<0> : tensor<4x2xi8>} : (tensor<1x4x!qnn.int<8>>) -> tensor<1x4x!qnn.binary>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.thresholding' 2 thresholds give 3 levels, more than !qnn.binary holds (2)

// -----

// thresholding: act_bias + levels fit the result
%x0 = "test.op"() : () -> tensor<1x4x!qnn.int<8>>
dataflow.partition (%a = %x0 : tensor<1x4x!qnn.int<8>>) -> () {
  %y = dataflow.thresholding %a {thresholds = dense<0> : tensor<4x3xi8>, act_bias = -3 : i64} : (tensor<1x4x!qnn.int<8>>) -> tensor<1x4x!qnn.int<2>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.thresholding' outputs act_bias + 0..3 = [-3, 0] do not fit in !qnn.int<2>

// -----

// maxpool: input rank 4
%x0 = "test.op"() : () -> tensor<4x4x8x!qnn.int<4>>
dataflow.partition (%a = %x0 : tensor<4x4x8x!qnn.int<4>>) -> () {
  %y = dataflow.maxpool %a {kernel = array<i64: 2, 2>, stride = array<i64: 2, 2>} : (tensor<4x4x8x!qnn.int<4>>) -> tensor<2x2x8x!qnn.int<4>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.maxpool' input must have rank 4 (N, H, W, C), got shape [4, 4, 8]

// -----

// maxpool: the window fits
%x0 = "test.op"() : () -> tensor<1x4x4x8x!qnn.int<4>>
dataflow.partition (%a = %x0 : tensor<1x4x4x8x!qnn.int<4>>) -> () {
  %y = dataflow.maxpool %a {kernel = array<i64: 5, 5>} : (tensor<1x4x4x8x!qnn.int<4>>) -> tensor<1x1x1x8x!qnn.int<4>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.maxpool' window [5, 5] (dilation [1, 1]) does not fit the input [4, 4]

// -----

// maxpool: kernel has 2 entries
%x0 = "test.op"() : () -> tensor<1x4x4x8x!qnn.int<4>>
dataflow.partition (%a = %x0 : tensor<1x4x4x8x!qnn.int<4>>) -> () {
  %y = dataflow.maxpool %a {kernel = array<i64: 2, 2, 2>} : (tensor<1x4x4x8x!qnn.int<4>>) -> tensor<1x2x2x8x!qnn.int<4>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.maxpool' kernel must have 2 entries (height, width), got [2, 2, 2]

// -----

// maxpool: result shape
%x0 = "test.op"() : () -> tensor<1x4x4x8x!qnn.int<4>>
dataflow.partition (%a = %x0 : tensor<1x4x4x8x!qnn.int<4>>) -> () {
  %y = dataflow.maxpool %a {kernel = array<i64: 2, 2>, stride = array<i64: 2, 2>} : (tensor<1x4x4x8x!qnn.int<4>>) -> tensor<1x3x3x8x!qnn.int<4>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.maxpool' result shape must be [1, 2, 2, 8], got [1, 3, 3, 8]

// -----

// maxpool: element type kept
%x0 = "test.op"() : () -> tensor<1x4x4x8x!qnn.int<4>>
dataflow.partition (%a = %x0 : tensor<1x4x4x8x!qnn.int<4>>) -> () {
  %y = dataflow.maxpool %a {kernel = array<i64: 2, 2>, stride = array<i64: 2, 2>} : (tensor<1x4x4x8x!qnn.int<4>>) -> tensor<1x2x2x8x!qnn.int<8>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.maxpool' result element type !qnn.int<8> must equal the input type !qnn.int<4>

// -----

// maxpool: pe divides C
%x0 = "test.op"() : () -> tensor<1x4x4x8x!qnn.int<4>>
dataflow.partition (%a = %x0 : tensor<1x4x4x8x!qnn.int<4>>) -> () {
  %y = dataflow.maxpool %a {kernel = array<i64: 2, 2>, stride = array<i64: 2, 2>, pe = 3 : i64} : (tensor<1x4x4x8x!qnn.int<4>>) -> tensor<1x2x2x8x!qnn.int<4>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.maxpool' pe (3) must divide the channels (8)

// -----

// pad: input rank 4
%x0 = "test.op"() : () -> tensor<4x4x2x!qnn.uint<4>>
dataflow.partition (%a = %x0 : tensor<4x4x2x!qnn.uint<4>>) -> () {
  %y = dataflow.pad %a {pads = array<i64: 1, 1, 1, 1>} : (tensor<4x4x2x!qnn.uint<4>>) -> tensor<6x6x2x!qnn.uint<4>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.pad' input must have rank 4 (N, H, W, C), got shape [4, 4, 2]

// -----

// pad: four pads
%x0 = "test.op"() : () -> tensor<1x4x4x2x!qnn.uint<4>>
dataflow.partition (%a = %x0 : tensor<1x4x4x2x!qnn.uint<4>>) -> () {
  %y = dataflow.pad %a {pads = array<i64: 1, 1>} : (tensor<1x4x4x2x!qnn.uint<4>>) -> tensor<1x5x5x2x!qnn.uint<4>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.pad' pads must have 4 entries (top, left, bottom, right), got [1, 1]

// -----

// pad: pads >= 0
%x0 = "test.op"() : () -> tensor<1x4x4x2x!qnn.uint<4>>
dataflow.partition (%a = %x0 : tensor<1x4x4x2x!qnn.uint<4>>) -> () {
  %y = dataflow.pad %a {pads = array<i64: 1, -1, 1, 1>} : (tensor<1x4x4x2x!qnn.uint<4>>) -> tensor<1x6x4x2x!qnn.uint<4>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.pad' pads must be >= 0, got [1, -1, 1, 1]

// -----

// pad: result shape
%x0 = "test.op"() : () -> tensor<1x4x4x2x!qnn.uint<4>>
dataflow.partition (%a = %x0 : tensor<1x4x4x2x!qnn.uint<4>>) -> () {
  %y = dataflow.pad %a {pads = array<i64: 1, 0, 2, 0>} : (tensor<1x4x4x2x!qnn.uint<4>>) -> tensor<1x6x4x2x!qnn.uint<4>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.pad' result shape must be [1, 7, 4, 2], got [1, 6, 4, 2]

// -----

// pad: element type kept
%x0 = "test.op"() : () -> tensor<1x4x4x2x!qnn.uint<4>>
dataflow.partition (%a = %x0 : tensor<1x4x4x2x!qnn.uint<4>>) -> () {
  %y = dataflow.pad %a {pads = array<i64: 1, 1, 1, 1>} : (tensor<1x4x4x2x!qnn.uint<4>>) -> tensor<1x6x6x2x!qnn.uint<8>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.pad' result element type !qnn.uint<8> must equal the input type !qnn.uint<4>

// -----

// pad: value representable
%x0 = "test.op"() : () -> tensor<1x4x4x2x!qnn.uint<4>>
dataflow.partition (%a = %x0 : tensor<1x4x4x2x!qnn.uint<4>>) -> () {
  %y = dataflow.pad %a {pads = array<i64: 1, 1, 1, 1>, value = -1.0 : f32} : (tensor<1x4x4x2x!qnn.uint<4>>) -> tensor<1x6x6x2x!qnn.uint<4>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.pad' pad value -1 is not in !qnn.uint<4>

// -----

// pad: simd divides C
%x0 = "test.op"() : () -> tensor<1x4x4x2x!qnn.uint<4>>
dataflow.partition (%a = %x0 : tensor<1x4x4x2x!qnn.uint<4>>) -> () {
  %y = dataflow.pad %a {pads = array<i64: 1, 1, 1, 1>, simd = 4 : i64} : (tensor<1x4x4x2x!qnn.uint<4>>) -> tensor<1x6x6x2x!qnn.uint<4>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.pad' simd (4) must divide the channels (2)

// -----

// label_select: input rank >= 2
%x0 = "test.op"() : () -> tensor<10x!qnn.int<8>>
dataflow.partition (%a = %x0 : tensor<10x!qnn.int<8>>) -> () {
  %y = dataflow.label_select %a {k = 1 : i64} : (tensor<10x!qnn.int<8>>) -> tensor<1x!qnn.uint<4>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.label_select' input must have rank >= 2, got shape [10]

// -----

// label_select: k >= 1
%x0 = "test.op"() : () -> tensor<1x10x!qnn.int<8>>
dataflow.partition (%a = %x0 : tensor<1x10x!qnn.int<8>>) -> () {
  %y = dataflow.label_select %a {k = 0 : i64} : (tensor<1x10x!qnn.int<8>>) -> tensor<1x0x!qnn.uint<4>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.label_select' k must be in 1..10, got 0

// -----

// label_select: k <= L
%x0 = "test.op"() : () -> tensor<1x10x!qnn.int<8>>
dataflow.partition (%a = %x0 : tensor<1x10x!qnn.int<8>>) -> () {
  %y = dataflow.label_select %a {k = 11 : i64} : (tensor<1x10x!qnn.int<8>>) -> tensor<1x11x!qnn.uint<4>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.label_select' k must be in 1..10, got 11

// -----

// label_select: result shape (N, k)
%x0 = "test.op"() : () -> tensor<1x10x!qnn.int<8>>
dataflow.partition (%a = %x0 : tensor<1x10x!qnn.int<8>>) -> () {
  %y = dataflow.label_select %a {k = 2 : i64} : (tensor<1x10x!qnn.int<8>>) -> tensor<1x3x!qnn.uint<4>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.label_select' result shape must be [1, 2], got [1, 3]

// -----

// label_select: pe divides L
%x0 = "test.op"() : () -> tensor<1x10x!qnn.int<8>>
dataflow.partition (%a = %x0 : tensor<1x10x!qnn.int<8>>) -> () {
  %y = dataflow.label_select %a {k = 1 : i64, pe = 3 : i64} : (tensor<1x10x!qnn.int<8>>) -> tensor<1x1x!qnn.uint<4>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.label_select' pe (3) must divide the labels (10)

// -----

// label_select: result holds the indices
%x0 = "test.op"() : () -> tensor<1x10x!qnn.int<8>>
dataflow.partition (%a = %x0 : tensor<1x10x!qnn.int<8>>) -> () {
  %y = dataflow.label_select %a {k = 1 : i64} : (tensor<1x10x!qnn.int<8>>) -> tensor<1x1x!qnn.uint<3>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.label_select' result element type must be an integer datatype holding the indices 0..9, got !qnn.uint<3>

// -----

// label_select: result is an integer datatype
%x0 = "test.op"() : () -> tensor<1x10x!qnn.int<8>>
dataflow.partition (%a = %x0 : tensor<1x10x!qnn.int<8>>) -> () {
  %y = dataflow.label_select %a {k = 1 : i64} : (tensor<1x10x!qnn.int<8>>) -> tensor<1x1xf32>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.label_select' result element type must be an integer datatype holding the indices 0..9, got f32

// -----

// dwc: type kept
%x0 = "test.op"() : () -> tensor<1x12x!qnn.uint<2>>
dataflow.partition (%a = %x0 : tensor<1x12x!qnn.uint<2>>) -> () {
  %y = dataflow.dwc %a {in_elems = 2 : i64, out_elems = 4 : i64} : (tensor<1x12x!qnn.uint<2>>) -> tensor<1x12x!qnn.uint<3>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.dwc' result element type !qnn.uint<3> must equal the input type !qnn.uint<2>

// -----

// dwc: a re-view keeps the number of elements and the batch
%x0 = "test.op"() : () -> tensor<1x12x!qnn.uint<2>>
dataflow.partition (%a = %x0 : tensor<1x12x!qnn.uint<2>>) -> () {
  %y = dataflow.dwc %a {in_elems = 2 : i64, out_elems = 4 : i64} : (tensor<1x12x!qnn.uint<2>>) -> tensor<1x2x8x!qnn.uint<2>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.dwc' result shape [1, 2, 8] must hold the input's 12 elements (shape [1, 12]) with the same batch size

// -----

// dwc: out_elems divides the result's last dimension
%x0 = "test.op"() : () -> tensor<1x12x!qnn.uint<2>>
dataflow.partition (%a = %x0 : tensor<1x12x!qnn.uint<2>>) -> () {
  %y = dataflow.dwc %a {in_elems = 2 : i64, out_elems = 4 : i64} : (tensor<1x12x!qnn.uint<2>>) -> tensor<1x2x6x!qnn.uint<2>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.dwc' out_elems (4) must divide the result's last dimension (6)

// -----

// dwc: input rank >= 1
%x0 = "test.op"() : () -> tensor<!qnn.uint<2>>
dataflow.partition (%a = %x0 : tensor<!qnn.uint<2>>) -> () {
  %y = dataflow.dwc %a {in_elems = 1 : i64, out_elems = 1 : i64} : (tensor<!qnn.uint<2>>) -> tensor<!qnn.uint<2>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.dwc' input must have rank >= 1, got shape []

// -----

// dwc: in_elems divides the last dimension
%x0 = "test.op"() : () -> tensor<1x12x!qnn.uint<2>>
dataflow.partition (%a = %x0 : tensor<1x12x!qnn.uint<2>>) -> () {
  %y = dataflow.dwc %a {in_elems = 5 : i64, out_elems = 4 : i64} : (tensor<1x12x!qnn.uint<2>>) -> tensor<1x12x!qnn.uint<2>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.dwc' in_elems (5) must divide the last dimension (12)

// -----

// dwc: out_elems >= 1
%x0 = "test.op"() : () -> tensor<1x12x!qnn.uint<2>>
dataflow.partition (%a = %x0 : tensor<1x12x!qnn.uint<2>>) -> () {
  %y = dataflow.dwc %a {in_elems = 2 : i64, out_elems = 0 : i64} : (tensor<1x12x!qnn.uint<2>>) -> tensor<1x12x!qnn.uint<2>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.dwc' out_elems must be >= 1, got 0

// -----

// dwc: out_elems divides the last dimension
%x0 = "test.op"() : () -> tensor<1x12x!qnn.uint<2>>
dataflow.partition (%a = %x0 : tensor<1x12x!qnn.uint<2>>) -> () {
  %y = dataflow.dwc %a {in_elems = 2 : i64, out_elems = 8 : i64} : (tensor<1x12x!qnn.uint<2>>) -> tensor<1x12x!qnn.uint<2>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.dwc' out_elems (8) must divide the result's last dimension (12)

// -----

// fifo: type kept
%x0 = "test.op"() : () -> tensor<1x12x!qnn.uint<2>>
dataflow.partition (%a = %x0 : tensor<1x12x!qnn.uint<2>>) -> () {
  %y = dataflow.fifo %a : (tensor<1x12x!qnn.uint<2>>) -> tensor<1x6x!qnn.uint<2>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.fifo' result type tensor<1x6x!qnn.uint<2>> must equal the input type tensor<1x12x!qnn.uint<2>>

// -----

// fifo: input rank >= 1
%x0 = "test.op"() : () -> tensor<!qnn.uint<2>>
dataflow.partition (%a = %x0 : tensor<!qnn.uint<2>>) -> () {
  %y = dataflow.fifo %a : (tensor<!qnn.uint<2>>) -> tensor<!qnn.uint<2>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.fifo' input must have rank >= 1, got shape []

// -----

// fifo: depth >= 1
%x0 = "test.op"() : () -> tensor<1x12x!qnn.uint<2>>
dataflow.partition (%a = %x0 : tensor<1x12x!qnn.uint<2>>) -> () {
  %y = dataflow.fifo %a {depth = 0 : i64} : (tensor<1x12x!qnn.uint<2>>) -> tensor<1x12x!qnn.uint<2>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.fifo' depth must be >= 1, got 0

// -----

// fifo: ram_style
%x0 = "test.op"() : () -> tensor<1x12x!qnn.uint<2>>
dataflow.partition (%a = %x0 : tensor<1x12x!qnn.uint<2>>) -> () {
  %y = dataflow.fifo %a {ram_style = "lut"} : (tensor<1x12x!qnn.uint<2>>) -> tensor<1x12x!qnn.uint<2>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.fifo' ram_style must be one of auto, block, distributed, ultra, got 'lut'

// -----

// fifo: elems divides the last dimension
%x0 = "test.op"() : () -> tensor<1x12x!qnn.uint<2>>
dataflow.partition (%a = %x0 : tensor<1x12x!qnn.uint<2>>) -> () {
  %y = dataflow.fifo %a {elems = 5 : i64} : (tensor<1x12x!qnn.uint<2>>) -> tensor<1x12x!qnn.uint<2>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.fifo' elems (5) must divide the last dimension (12)

// -----

// duplicate: at least 2 results
%x0 = "test.op"() : () -> tensor<1x12x!qnn.uint<2>>
dataflow.partition (%a = %x0 : tensor<1x12x!qnn.uint<2>>) -> () {
  %y = dataflow.duplicate %a : (tensor<1x12x!qnn.uint<2>>) -> tensor<1x12x!qnn.uint<2>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.duplicate' needs at least 2 results, got 1

// -----

// duplicate: results have the input type
%x0 = "test.op"() : () -> tensor<1x12x!qnn.uint<2>>
dataflow.partition (%a = %x0 : tensor<1x12x!qnn.uint<2>>) -> () {
  %y:2 = dataflow.duplicate %a : (tensor<1x12x!qnn.uint<2>>) -> (tensor<1x12x!qnn.uint<2>>, tensor<1x12x!qnn.int<2>>)
  dataflow.yield
}

// CHECK: {{^}}'dataflow.duplicate' result #1 type tensor<1x12x!qnn.int<2>> must equal the input type tensor<1x12x!qnn.uint<2>>

// -----

// duplicate: input rank >= 1
%x0 = "test.op"() : () -> tensor<!qnn.uint<2>>
dataflow.partition (%a = %x0 : tensor<!qnn.uint<2>>) -> () {
  %y:2 = dataflow.duplicate %a : (tensor<!qnn.uint<2>>) -> (tensor<!qnn.uint<2>>, tensor<!qnn.uint<2>>)
  dataflow.yield
}

// CHECK: {{^}}'dataflow.duplicate' input must have rank >= 1, got shape []

// -----

// duplicate: pe divides the last dimension
%x0 = "test.op"() : () -> tensor<1x12x!qnn.uint<2>>
dataflow.partition (%a = %x0 : tensor<1x12x!qnn.uint<2>>) -> () {
  %y:3 = dataflow.duplicate %a {pe = 5 : i64} : (tensor<1x12x!qnn.uint<2>>) -> (tensor<1x12x!qnn.uint<2>>, tensor<1x12x!qnn.uint<2>>, tensor<1x12x!qnn.uint<2>>)
  dataflow.yield
}

// CHECK: {{^}}'dataflow.duplicate' pe (5) must divide the last dimension (12)

// -----

// add_streams: operand shapes equal
%x0 = "test.op"() : () -> tensor<1x12x!qnn.uint<2>>
%x1 = "test.op"() : () -> tensor<1x6x!qnn.uint<2>>
dataflow.partition (%a = %x0 : tensor<1x12x!qnn.uint<2>>, %b = %x1 : tensor<1x6x!qnn.uint<2>>) -> () {
  %y = dataflow.add_streams %a, %b : (tensor<1x12x!qnn.uint<2>>, tensor<1x6x!qnn.uint<2>>) -> tensor<1x12x!qnn.uint<3>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.add_streams' operand shapes [1, 12] and [1, 6] must be equal

// -----

// add_streams: result shape
%x0 = "test.op"() : () -> tensor<1x12x!qnn.uint<2>>
%x1 = "test.op"() : () -> tensor<1x12x!qnn.uint<2>>
dataflow.partition (%a = %x0 : tensor<1x12x!qnn.uint<2>>, %b = %x1 : tensor<1x12x!qnn.uint<2>>) -> () {
  %y = dataflow.add_streams %a, %b : (tensor<1x12x!qnn.uint<2>>, tensor<1x12x!qnn.uint<2>>) -> tensor<12x!qnn.uint<3>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.add_streams' result shape must be [1, 12], got [12]

// -----

// add_streams: input rank >= 1
%x0 = "test.op"() : () -> tensor<!qnn.uint<2>>
%x1 = "test.op"() : () -> tensor<!qnn.uint<2>>
dataflow.partition (%a = %x0 : tensor<!qnn.uint<2>>, %b = %x1 : tensor<!qnn.uint<2>>) -> () {
  %y = dataflow.add_streams %a, %b : (tensor<!qnn.uint<2>>, tensor<!qnn.uint<2>>) -> tensor<!qnn.uint<3>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.add_streams' input must have rank >= 1, got shape []

// -----

// add_streams: pe divides the last dimension
%x0 = "test.op"() : () -> tensor<1x12x!qnn.uint<2>>
%x1 = "test.op"() : () -> tensor<1x12x!qnn.uint<2>>
dataflow.partition (%a = %x0 : tensor<1x12x!qnn.uint<2>>, %b = %x1 : tensor<1x12x!qnn.uint<2>>) -> () {
  %y = dataflow.add_streams %a, %b {pe = 8 : i64} : (tensor<1x12x!qnn.uint<2>>, tensor<1x12x!qnn.uint<2>>) -> tensor<1x12x!qnn.uint<3>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.add_streams' pe (8) must divide the last dimension (12)

// -----

// add_streams: result holds every sum
%x0 = "test.op"() : () -> tensor<1x12x!qnn.uint<2>>
%x1 = "test.op"() : () -> tensor<1x12x!qnn.int<2>>
dataflow.partition (%a = %x0 : tensor<1x12x!qnn.uint<2>>, %b = %x1 : tensor<1x12x!qnn.int<2>>) -> () {
  %y = dataflow.add_streams %a, %b : (tensor<1x12x!qnn.uint<2>>, tensor<1x12x!qnn.int<2>>) -> tensor<1x12x!qnn.uint<3>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.add_streams' result element type !qnn.uint<3> does not hold the sums of !qnn.uint<2> and !qnn.int<2> ([-2, 4])

// -----

// layers live in a partition
%x = "test.op"() : () -> tensor<1x8x!qnn.uint<2>>
%y = dataflow.fifo %x : (tensor<1x8x!qnn.uint<2>>) -> tensor<1x8x!qnn.uint<2>>

// CHECK: {{^}}'dataflow.fifo' expects parent op to be one of 'dataflow.partition', 'dataflow.offload'

// -----

// layers sit directly in a partition, not deeper
func.func @f(%x: tensor<1x8x!qnn.uint<2>>) -> tensor<1x8x!qnn.uint<2>> {
  %y = dataflow.fifo %x : (tensor<1x8x!qnn.uint<2>>) -> tensor<1x8x!qnn.uint<2>>
  func.return %y : tensor<1x8x!qnn.uint<2>>
}

// CHECK: {{^}}'dataflow.fifo' expects parent op to be one of 'dataflow.partition', 'dataflow.offload'

// -----

// yield lives in a partition
func.func @f() {
  dataflow.yield
}

// CHECK: {{^}}'dataflow.yield' expects parent op to be one of 'dataflow.partition', 'dataflow.offload'

// -----

// partition operands have finnr datatypes
%x = "test.op"() : () -> tensor<1x8xi8>
dataflow.partition (%a = %x : tensor<1x8xi8>) -> () {
  dataflow.yield
}

// CHECK: {{^}}'dataflow.partition' operand #0 must have a finnr datatype as element type (f32, !qnn.int<n>, !qnn.uint<n>, ...), got i8

// -----

// partition results have finnr datatypes
%x = "test.op"() : () -> tensor<1x8x!qnn.uint<2>>
%r = "dataflow.partition"(%x) ({
^bb0(%a: tensor<1x8x!qnn.uint<2>>):
  "dataflow.yield"(%a) : (tensor<1x8x!qnn.uint<2>>) -> ()
}) : (tensor<1x8x!qnn.uint<2>>) -> tensor<1x8xi8>

// CHECK: {{^}}'dataflow.partition' result #0 must have a finnr datatype as element type (f32, !qnn.int<n>, !qnn.uint<n>, ...), got i8

// -----

// partition block arguments match the operands
%x = "test.op"() : () -> tensor<1x8x!qnn.uint<2>>
"dataflow.partition"(%x) ({
^bb0(%a: tensor<1x8x!qnn.uint<4>>):
  "dataflow.yield"() : () -> ()
}) : (tensor<1x8x!qnn.uint<2>>) -> ()

// CHECK: {{^}}'dataflow.partition' block argument types (tensor<1x8x!qnn.uint<4>>) must equal the operand types (tensor<1x8x!qnn.uint<2>>)

// -----

// partition block arguments: as many as operands
%x = "test.op"() : () -> tensor<1x8x!qnn.uint<2>>
"dataflow.partition"(%x) ({
  "dataflow.yield"() : () -> ()
}) : (tensor<1x8x!qnn.uint<2>>) -> ()

// CHECK: {{^}}'dataflow.partition' block argument types () must equal the operand types (tensor<1x8x!qnn.uint<2>>)

// -----

// partition body ends with dataflow.yield
dataflow.partition () -> () {
  "test.termop"() : () -> ()
}

// CHECK: {{^}}'dataflow.partition' body must end with a 'dataflow.yield'

// -----

// partition body needs a terminator
dataflow.partition () -> () {
}

// CHECK: {{^}}Operation dataflow.partition contains empty block in single-block region that expects at least a terminator

// -----

// partition body holds dataflow layers only
dataflow.partition () -> () {
  %c = "test.op"() : () -> tensor<1x8x!qnn.uint<2>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.partition' body may only contain dataflow layer ops, got 'test.op'

// -----

// partitions do not nest
dataflow.partition () -> () {
  dataflow.partition () -> () {
    dataflow.yield
  }
  dataflow.yield
}

// CHECK: {{^}}'dataflow.partition' body may only contain dataflow layer ops, got 'dataflow.partition'

// -----

// partition yields its result types
%x = "test.op"() : () -> tensor<1x8x!qnn.uint<2>>
%r = dataflow.partition (%a = %x : tensor<1x8x!qnn.uint<2>>) -> (tensor<1x8x!qnn.uint<4>>) {
  dataflow.yield %a : tensor<1x8x!qnn.uint<2>>
}

// CHECK: {{^}}'dataflow.partition' yielded types (tensor<1x8x!qnn.uint<2>>) must equal the result types (tensor<1x8x!qnn.uint<4>>)

// -----

// partition yields as many values as it has results
%x = "test.op"() : () -> tensor<1x8x!qnn.uint<2>>
%r = dataflow.partition (%a = %x : tensor<1x8x!qnn.uint<2>>) -> (tensor<1x8x!qnn.uint<2>>) {
  dataflow.yield
}

// CHECK: {{^}}'dataflow.partition' yielded types () must equal the result types (tensor<1x8x!qnn.uint<2>>)

// -----

// partition is isolated from above: host values enter as operands
%x = "test.op"() : () -> tensor<1x8x!qnn.uint<2>>
dataflow.partition () -> () {
  %y = dataflow.fifo %x : (tensor<1x8x!qnn.uint<2>>) -> tensor<1x8x!qnn.uint<2>>
  dataflow.yield
}

// CHECK: {{^}}Operation using value defined out of its IsolatedFromAbove parent: FIFOOp(%y = dataflow.fifo %x

// -----

// partition body is a single block
"dataflow.partition"() ({
  "dataflow.yield"() : () -> ()
^bb1:
  "dataflow.yield"() : () -> ()
}) : () -> ()

// CHECK: {{^}}Region 'body' at position 0 expected a single block, but got 2 blocks

// -----

// yield terminates the partition body
%x = "test.op"() : () -> tensor<1x8x!qnn.uint<2>>
dataflow.partition (%a = %x : tensor<1x8x!qnn.uint<2>>) -> () {
  "dataflow.yield"() : () -> ()
  %y = dataflow.fifo %a : (tensor<1x8x!qnn.uint<2>>) -> tensor<1x8x!qnn.uint<2>>
}

// CHECK: {{^}}'dataflow.yield' must be the last operation in its parent block

// -----

// custom syntax: the result types are a parenthesized list
%x = "test.op"() : () -> tensor<1x8x!qnn.uint<2>>
%r = dataflow.partition (%a = %x : tensor<1x8x!qnn.uint<2>>) -> tensor<1x8x!qnn.uint<2>> {
  dataflow.yield %a : tensor<1x8x!qnn.uint<2>>
}

// CHECK: '(' expected

// -----

// custom syntax: inputs are typed assignments
%x = "test.op"() : () -> tensor<1x8x!qnn.uint<2>>
dataflow.partition (%a = %x) -> () {
  dataflow.yield
}

// CHECK: Expected ':'

// -----

// offload: weighted layers name their engine
%x0 = "test.op"() : () -> tensor<1x8x!qnn.uint<2>>
dataflow.offload (%a = %x0 : tensor<1x8x!qnn.uint<2>>) -> () {
  %y = dataflow.mvau %a {weights = dense<1> : tensor<8x4xi8>, weight_dtype = !qnn.int<2>, mem_mode = "external"} : (tensor<1x8x!qnn.uint<2>>) -> tensor<1x4x!qnn.int<8>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.mvau' in a 'dataflow.offload' must name its shared engine (engine = @...)

// -----

// offload: the engine a layer names exists
%x0 = "test.op"() : () -> tensor<1x8x!qnn.uint<2>>
dataflow.offload (%a = %x0 : tensor<1x8x!qnn.uint<2>>) -> () {
  %y = dataflow.mvau %a {weights = dense<1> : tensor<8x4xi8>, weight_dtype = !qnn.int<2>, mem_mode = "external", engine = @nowhere} : (tensor<1x8x!qnn.uint<2>>) -> tensor<1x4x!qnn.int<8>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.mvau' names the engine @nowhere, which this 'dataflow.offload' does not define

// -----

// offload: engines are defined once
%x0 = "test.op"() : () -> tensor<1x8x!qnn.uint<2>>
dataflow.offload (%a = %x0 : tensor<1x8x!qnn.uint<2>>) -> () {
  dataflow.engine @e {pe = 1 : i64, simd = 1 : i64, wbits = 2 : i64, abits = 2 : i64}
  dataflow.engine @e {pe = 2 : i64, simd = 1 : i64, wbits = 2 : i64, abits = 2 : i64}
  dataflow.yield
}

// CHECK: {{^}}'dataflow.offload' defines the engine @e twice

// -----

// offload: no FIFOs or width converters (activations go through memory)
%x0 = "test.op"() : () -> tensor<1x8x!qnn.uint<2>>
dataflow.offload (%a = %x0 : tensor<1x8x!qnn.uint<2>>) -> () {
  %f = dataflow.fifo %a : (tensor<1x8x!qnn.uint<2>>) -> tensor<1x8x!qnn.uint<2>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.offload' layers exchange activations through off-chip memory; 'dataflow.fifo' has no place in it

// -----

// offload: a layer takes its engine's pe/simd
%x0 = "test.op"() : () -> tensor<1x8x!qnn.uint<2>>
dataflow.offload (%a = %x0 : tensor<1x8x!qnn.uint<2>>) -> () {
  dataflow.engine @e {pe = 4 : i64, simd = 8 : i64, wbits = 2 : i64, abits = 2 : i64}
  %y = dataflow.mvau %a {weights = dense<1> : tensor<8x4xi8>, weight_dtype = !qnn.int<2>, pe = 2 : i64, simd = 8 : i64, mem_mode = "external", engine = @e} : (tensor<1x8x!qnn.uint<2>>) -> tensor<1x4x!qnn.int<8>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.mvau' on engine @e: its pe/simd (2, 8) must be the engine's (4, 8)

// -----

// offload: an engine is wide enough for its layers
%x0 = "test.op"() : () -> tensor<1x8x!qnn.uint<4>>
dataflow.offload (%a = %x0 : tensor<1x8x!qnn.uint<4>>) -> () {
  dataflow.engine @e {pe = 1 : i64, simd = 1 : i64, wbits = 2 : i64, abits = 2 : i64}
  %y = dataflow.mvau %a {weights = dense<1> : tensor<8x4xi8>, weight_dtype = !qnn.int<2>, mem_mode = "external", engine = @e} : (tensor<1x8x!qnn.uint<4>>) -> tensor<1x4x!qnn.int<8>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.mvau' on engine @e: its 2-bit weights and 4-bit inputs exceed the engine's 2 and 2 bits

// -----

// offload: an engine runs layers of its kind
%x0 = "test.op"() : () -> tensor<1x8x!qnn.uint<2>>
dataflow.offload (%a = %x0 : tensor<1x8x!qnn.uint<2>>) -> () {
  dataflow.engine @e {kind = "vvau", pe = 1 : i64, simd = 1 : i64, wbits = 2 : i64, abits = 2 : i64}
  %y = dataflow.mvau %a {weights = dense<1> : tensor<8x4xi8>, weight_dtype = !qnn.int<2>, mem_mode = "external", engine = @e} : (tensor<1x8x!qnn.uint<2>>) -> tensor<1x4x!qnn.int<8>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.mvau' on engine @e: a vvau engine cannot run it

// -----

// offload: shared engines stream their weights from off-chip memory
%x0 = "test.op"() : () -> tensor<1x8x!qnn.uint<2>>
dataflow.offload (%a = %x0 : tensor<1x8x!qnn.uint<2>>) -> () {
  dataflow.engine @e {pe = 1 : i64, simd = 1 : i64, wbits = 2 : i64, abits = 2 : i64}
  %y = dataflow.mvau %a {weights = dense<1> : tensor<8x4xi8>, weight_dtype = !qnn.int<2>, engine = @e} : (tensor<1x8x!qnn.uint<2>>) -> tensor<1x4x!qnn.int<8>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.mvau' on engine @e: weights of a shared engine are streamed from off-chip memory (mem_mode = "external")

// -----

// engine: kind is mvau or vvau
%x0 = "test.op"() : () -> tensor<1x8x!qnn.uint<2>>
dataflow.offload (%a = %x0 : tensor<1x8x!qnn.uint<2>>) -> () {
  dataflow.engine @e {kind = "gpu", pe = 1 : i64, simd = 1 : i64, wbits = 2 : i64, abits = 2 : i64}
  dataflow.yield
}

// CHECK: {{^}}'dataflow.engine' kind must be one of

// -----

// engine: pe >= 1
%x0 = "test.op"() : () -> tensor<1x8x!qnn.uint<2>>
dataflow.offload (%a = %x0 : tensor<1x8x!qnn.uint<2>>) -> () {
  dataflow.engine @e {pe = 0 : i64, simd = 1 : i64, wbits = 2 : i64, abits = 2 : i64}
  dataflow.yield
}

// CHECK: {{^}}'dataflow.engine' pe must be

// -----

// engine: only inside an offload op
%x0 = "test.op"() : () -> tensor<1x8x!qnn.uint<2>>
dataflow.partition (%a = %x0 : tensor<1x8x!qnn.uint<2>>) -> () {
  dataflow.engine @e {pe = 1 : i64, simd = 1 : i64, wbits = 2 : i64, abits = 2 : i64}
  dataflow.yield
}

// CHECK: {{^}}'dataflow.engine' expects parent op 'dataflow.offload'

// -----

// partition: layers bind to no shared engine
%x0 = "test.op"() : () -> tensor<1x8x!qnn.uint<2>>
dataflow.partition (%a = %x0 : tensor<1x8x!qnn.uint<2>>) -> () {
  %y = dataflow.mvau %a {weights = dense<1> : tensor<8x4xi8>, weight_dtype = !qnn.int<2>, engine = @e} : (tensor<1x8x!qnn.uint<2>>) -> tensor<1x4x!qnn.int<8>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.partition' layers have engines of their own; 'dataflow.mvau' names the shared engine @e (shared engines belong in a 'dataflow.offload')

// -----

// offload: an engine's output stage is wide enough for its thresholded layers
%x0 = "test.op"() : () -> tensor<1x8x!qnn.uint<2>>
dataflow.offload (%a = %x0 : tensor<1x8x!qnn.uint<2>>) -> () {
  dataflow.engine @e {pe = 1 : i64, simd = 1 : i64, wbits = 2 : i64, abits = 2 : i64, obits = 1 : i64}
  %y = dataflow.mvau %a {weights = dense<1> : tensor<8x4xi8>, weight_dtype = !qnn.int<2>, thresholds = dense<[[0, 2, 4]]> : tensor<1x3xi8>, mem_mode = "external", engine = @e} : (tensor<1x8x!qnn.uint<2>>) -> tensor<1x4x!qnn.uint<2>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.mvau' on engine @e: its 2-bit thresholded outputs exceed the engine's 1-bit output stage
