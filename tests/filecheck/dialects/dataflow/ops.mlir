// RUN: finnr-opt %s | finnr-opt | filecheck %s
// RUN: finnr-opt %s --print-op-generic | finnr-opt | filecheck %s

// Every dataflow op in its custom form; both the custom and the generic form
// must print back to exactly this.

%x = "test.op"() : () -> tensor<1x8x!qnn.uint<2>>
%img = "test.op"() : () -> tensor<1x6x6x4x!qnn.uint<4>>
%s = "test.op"() : () -> tensor<1x10xf32>

// CHECK:      %[[X:.*]] = "test.op"() : () -> tensor<1x8x!qnn.uint<2>>
// CHECK-NEXT: %[[IMG:.*]] = "test.op"() : () -> tensor<1x6x6x4x!qnn.uint<4>>
// CHECK-NEXT: %[[S:.*]] = "test.op"() : () -> tensor<1x10xf32>

%fc = dataflow.partition "fc" (%a = %x : tensor<1x8x!qnn.uint<2>>) -> (tensor<1x4x!qnn.int<2>>) {
  %h = dataflow.mvau %a {pe = 2 : i64, simd = 4 : i64, weights = dense<[[1, -2, 0, 1], [0, 1, -1, -2], [1, 1, 1, 0], [-2, 0, 1, 1], [0, -1, 1, 1], [1, 0, 0, -1], [-1, 1, -2, 0], [1, 1, 0, 1]]> : tensor<8x4xi8>, weight_dtype = !qnn.int<2>, thresholds = dense<[[-1, 0, 2]]> : tensor<1x3xi8>} : (tensor<1x8x!qnn.uint<2>>) -> tensor<1x4x!qnn.uint<2>>
  %t = dataflow.thresholding %h {thresholds = dense<[[1, 2, 3], [0, 1, 2], [1, 1, 1], [0, 2, 3]]> : tensor<4x3xi8>, pe = 2 : i64} : (tensor<1x4x!qnn.uint<2>>) -> tensor<1x4x!qnn.uint<2>>
  %d = dataflow.dwc %t {in_elems = 2 : i64, out_elems = 4 : i64} : (tensor<1x4x!qnn.uint<2>>) -> tensor<1x4x!qnn.uint<2>>
  %f = dataflow.fifo %d {depth = 16 : i64, ram_style = "distributed", elems = 4 : i64} : (tensor<1x4x!qnn.uint<2>>) -> tensor<1x4x!qnn.uint<2>>
  %p:2 = dataflow.duplicate %f {pe = 2 : i64} : (tensor<1x4x!qnn.uint<2>>) -> (tensor<1x4x!qnn.uint<2>>, tensor<1x4x!qnn.uint<2>>)
  %sum = dataflow.add_streams %p#0, %p#1 {pe = 4 : i64} : (tensor<1x4x!qnn.uint<2>>, tensor<1x4x!qnn.uint<2>>) -> tensor<1x4x!qnn.uint<3>>
  %r = dataflow.mvau %sum {weights = dense<[[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]]> : tensor<4x4xi8>, weight_dtype = !qnn.binary, thresholds = dense<[[1, 2, 3]]> : tensor<1x3xi8>, act_bias = -2 : i64} : (tensor<1x4x!qnn.uint<3>>) -> tensor<1x4x!qnn.int<2>>
  dataflow.yield %r : tensor<1x4x!qnn.int<2>>
}

// CHECK-NEXT: %[[FC:.*]] = dataflow.partition "fc" (%[[A:.*]] = %[[X]] : tensor<1x8x!qnn.uint<2>>) -> (tensor<1x4x!qnn.int<2>>) {
// CHECK-NEXT:   %[[H:.*]] = dataflow.mvau %[[A]] {pe = 2 : i64, simd = 4 : i64, weights = dense<{{\[}}[1, -2, 0, 1], [0, 1, -1, -2], [1, 1, 1, 0], [-2, 0, 1, 1], [0, -1, 1, 1], [1, 0, 0, -1], [-1, 1, -2, 0], [1, 1, 0, 1]]> : tensor<8x4xi8>, weight_dtype = !qnn.int<2>, thresholds = dense<{{\[}}[-1, 0, 2]]> : tensor<1x3xi8>} : (tensor<1x8x!qnn.uint<2>>) -> tensor<1x4x!qnn.uint<2>>
// CHECK-NEXT:   %[[T:.*]] = dataflow.thresholding %[[H]] {thresholds = dense<{{\[}}[1, 2, 3], [0, 1, 2], [1, 1, 1], [0, 2, 3]]> : tensor<4x3xi8>, pe = 2 : i64} : (tensor<1x4x!qnn.uint<2>>) -> tensor<1x4x!qnn.uint<2>>
// CHECK-NEXT:   %[[D:.*]] = dataflow.dwc %[[T]] {in_elems = 2 : i64, out_elems = 4 : i64} : (tensor<1x4x!qnn.uint<2>>) -> tensor<1x4x!qnn.uint<2>>
// CHECK-NEXT:   %[[F:.*]] = dataflow.fifo %[[D]] {depth = 16 : i64, ram_style = "distributed", elems = 4 : i64} : (tensor<1x4x!qnn.uint<2>>) -> tensor<1x4x!qnn.uint<2>>
// CHECK-NEXT:   %[[P:.*]], %[[Q:.*]] = dataflow.duplicate %[[F]] {pe = 2 : i64} : (tensor<1x4x!qnn.uint<2>>) -> (tensor<1x4x!qnn.uint<2>>, tensor<1x4x!qnn.uint<2>>)
// CHECK-NEXT:   %[[SUM:.*]] = dataflow.add_streams %[[P]], %[[Q]] {pe = 4 : i64} : (tensor<1x4x!qnn.uint<2>>, tensor<1x4x!qnn.uint<2>>) -> tensor<1x4x!qnn.uint<3>>
// CHECK-NEXT:   %[[R:.*]] = dataflow.mvau %[[SUM]] {weights = dense<{{\[}}[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]]> : tensor<4x4xi8>, weight_dtype = !qnn.binary, thresholds = dense<{{\[}}[1, 2, 3]]> : tensor<1x3xi8>, act_bias = -2 : i64} : (tensor<1x4x!qnn.uint<3>>) -> tensor<1x4x!qnn.int<2>>
// CHECK-NEXT:   dataflow.yield %[[R]] : tensor<1x4x!qnn.int<2>>
// CHECK-NEXT: }

%conv:2 = dataflow.partition (%i = %img : tensor<1x6x6x4x!qnn.uint<4>>) -> (tensor<1x2x2x4x!qnn.int<8>>, tensor<1x3x3x4x!qnn.uint<4>>) {
  %pad = dataflow.pad %i {pads = array<i64: 1, 1, 1, 1>, simd = 2 : i64} : (tensor<1x6x6x4x!qnn.uint<4>>) -> tensor<1x8x8x4x!qnn.uint<4>>
  %win = dataflow.swu %pad {kernel = array<i64: 3, 3>, stride = array<i64: 2, 2>, simd = 4 : i64, depthwise = true} : (tensor<1x8x8x4x!qnn.uint<4>>) -> tensor<1x3x3x36x!qnn.uint<4>>
  %dw = dataflow.vvau %win {kernel = array<i64: 3, 3>, weights = dense<[[1, 0, -1, 1, 0, -1, 1, 0, -1], [0, 1, 0, 1, -1, 1, 0, 1, 0], [1, 1, 1, 1, 1, 1, 1, 1, 1], [-1, -1, 0, 0, 1, 1, 0, 0, -1]]> : tensor<4x9xi8>, weight_dtype = !qnn.ternary, pe = 2 : i64, simd = 3 : i64, mem_mode = "internal_decoupled", ram_style = "block", res_type = "dsp"} : (tensor<1x3x3x36x!qnn.uint<4>>) -> tensor<1x3x3x4x!qnn.int<8>>
  %mp = dataflow.maxpool %dw {kernel = array<i64: 2, 2>, stride = array<i64: 1, 1>, pe = 4 : i64} : (tensor<1x3x3x4x!qnn.int<8>>) -> tensor<1x2x2x4x!qnn.int<8>>
  %w2 = dataflow.swu %i {kernel = array<i64: 2, 2>, dilation = array<i64: 2, 2>} : (tensor<1x6x6x4x!qnn.uint<4>>) -> tensor<1x4x4x16x!qnn.uint<4>>
  %mp2 = dataflow.maxpool %i {kernel = array<i64: 2, 2>, stride = array<i64: 2, 2>} : (tensor<1x6x6x4x!qnn.uint<4>>) -> tensor<1x3x3x4x!qnn.uint<4>>
  dataflow.yield %mp, %mp2 : tensor<1x2x2x4x!qnn.int<8>>, tensor<1x3x3x4x!qnn.uint<4>>
}

// CHECK-NEXT: %[[CONV:.*]], %[[CONV1:.*]] = dataflow.partition (%[[I:.*]] = %[[IMG]] : tensor<1x6x6x4x!qnn.uint<4>>) -> (tensor<1x2x2x4x!qnn.int<8>>, tensor<1x3x3x4x!qnn.uint<4>>) {
// CHECK-NEXT:   %[[PAD:.*]] = dataflow.pad %[[I]] {pads = array<i64: 1, 1, 1, 1>, simd = 2 : i64} : (tensor<1x6x6x4x!qnn.uint<4>>) -> tensor<1x8x8x4x!qnn.uint<4>>
// CHECK-NEXT:   %[[WIN:.*]] = dataflow.swu %[[PAD]] {kernel = array<i64: 3, 3>, stride = array<i64: 2, 2>, simd = 4 : i64, depthwise = true} : (tensor<1x8x8x4x!qnn.uint<4>>) -> tensor<1x3x3x36x!qnn.uint<4>>
// CHECK-NEXT:   %[[DW:.*]] = dataflow.vvau %[[WIN]] {kernel = array<i64: 3, 3>, weights = dense<{{\[}}[1, 0, -1, 1, 0, -1, 1, 0, -1], [0, 1, 0, 1, -1, 1, 0, 1, 0], [1, 1, 1, 1, 1, 1, 1, 1, 1], [-1, -1, 0, 0, 1, 1, 0, 0, -1]]> : tensor<4x9xi8>, weight_dtype = !qnn.ternary, pe = 2 : i64, simd = 3 : i64, mem_mode = "internal_decoupled", ram_style = "block", res_type = "dsp"} : (tensor<1x3x3x36x!qnn.uint<4>>) -> tensor<1x3x3x4x!qnn.int<8>>
// CHECK-NEXT:   %[[MP:.*]] = dataflow.maxpool %[[DW]] {kernel = array<i64: 2, 2>, pe = 4 : i64} : (tensor<1x3x3x4x!qnn.int<8>>) -> tensor<1x2x2x4x!qnn.int<8>>
// CHECK-NEXT:   %[[W2:.*]] = dataflow.swu %[[I]] {kernel = array<i64: 2, 2>, dilation = array<i64: 2, 2>} : (tensor<1x6x6x4x!qnn.uint<4>>) -> tensor<1x4x4x16x!qnn.uint<4>>
// CHECK-NEXT:   %[[MP2:.*]] = dataflow.maxpool %[[I]] {kernel = array<i64: 2, 2>, stride = array<i64: 2, 2>} : (tensor<1x6x6x4x!qnn.uint<4>>) -> tensor<1x3x3x4x!qnn.uint<4>>
// CHECK-NEXT:   dataflow.yield %[[MP]], %[[MP2]] : tensor<1x2x2x4x!qnn.int<8>>, tensor<1x3x3x4x!qnn.uint<4>>
// CHECK-NEXT: }

%top = dataflow.partition "top" (%sc = %s : tensor<1x10xf32>) -> (tensor<1x3x!qnn.uint<4>>) {
  %k = dataflow.label_select %sc {k = 3 : i64, pe = 5 : i64} : (tensor<1x10xf32>) -> tensor<1x3x!qnn.uint<4>>
  dataflow.yield %k : tensor<1x3x!qnn.uint<4>>
}

// CHECK-NEXT: %[[TOP:.*]] = dataflow.partition "top" (%[[SC:.*]] = %[[S]] : tensor<1x10xf32>) -> (tensor<1x3x!qnn.uint<4>>) {
// CHECK-NEXT:   %[[K:.*]] = dataflow.label_select %[[SC]] {k = 3 : i64, pe = 5 : i64} : (tensor<1x10xf32>) -> tensor<1x3x!qnn.uint<4>>
// CHECK-NEXT:   dataflow.yield %[[K]] : tensor<1x3x!qnn.uint<4>>
// CHECK-NEXT: }

dataflow.partition () -> () {
  dataflow.yield
}

// CHECK-NEXT: dataflow.partition () -> () {
// CHECK-NEXT:   dataflow.yield
// CHECK-NEXT: }
