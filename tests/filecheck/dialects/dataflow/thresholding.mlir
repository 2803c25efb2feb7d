// RUN: finnr-opt %s | filecheck %s
// RUN: finnr-opt %s --print-op-generic | finnr-opt | filecheck %s

// Standalone thresholding: one threshold row per channel (the last
// dimension) or one row shared by all; T thresholds give T+1 levels, shifted
// by act_bias, which must fit the result datatype.

%x = "test.op"() : () -> tensor<1x2x2x4x!qnn.int<8>>
%f = "test.op"() : () -> tensor<3x4xf32>
dataflow.partition (%a = %x : tensor<1x2x2x4x!qnn.int<8>>, %b = %f : tensor<3x4xf32>) -> () {
  // per channel, integer thresholds on an integer stream: 3 steps, uint<2>
  %t0 = dataflow.thresholding %a {thresholds = dense<[[-10, 0, 10], [-5, 5, 15], [0, 1, 2], [-128, 0, 127]]> : tensor<4x3xi8>, pe = 4 : i64} : (tensor<1x2x2x4x!qnn.int<8>>) -> tensor<1x2x2x4x!qnn.uint<2>>
  // shared row, wider storage than needed, uint<4> with room to spare
  %t1 = dataflow.thresholding %a {thresholds = dense<[[-64, -32, 0, 32, 64]]> : tensor<1x5xi16>, pe = 2 : i64} : (tensor<1x2x2x4x!qnn.int<8>>) -> tensor<1x2x2x4x!qnn.uint<4>>
  // signed output: 3 steps with act_bias = -2 give -2..1, exactly int<2>
  %t2 = dataflow.thresholding %a {thresholds = dense<[[-1, 0, 1]]> : tensor<1x3xi8>, act_bias = -2 : i64} : (tensor<1x2x2x4x!qnn.int<8>>) -> tensor<1x2x2x4x!qnn.int<2>>
  // a positive act_bias: 1..4 in uint<3>
  %t3 = dataflow.thresholding %a {thresholds = dense<[[-1, 0, 1]]> : tensor<1x3xi8>, act_bias = 1 : i64} : (tensor<1x2x2x4x!qnn.int<8>>) -> tensor<1x2x2x4x!qnn.uint<3>>
  // float stream and float thresholds, per channel, to a bipolar sign
  %t4 = dataflow.thresholding %b {thresholds = dense<[[0.0], [0.25], [-0.25], [1.0e+03]]> : tensor<4x1xf32>, pe = 4 : i64} : (tensor<3x4xf32>) -> tensor<3x4x!qnn.bipolar>
  // 255 thresholds: the full uint<8> range
  %t5 = dataflow.thresholding %b {thresholds = dense<0.5> : tensor<1x255xf32>} : (tensor<3x4xf32>) -> tensor<3x4x!qnn.uint<8>>
  // a binary output from one threshold
  %t6 = dataflow.thresholding %b {thresholds = dense<[[0.5]]> : tensor<1x1xf32>} : (tensor<3x4xf32>) -> tensor<3x4x!qnn.binary>
  dataflow.yield
}

// CHECK:      dataflow.thresholding %[[A:.*]] {thresholds = dense<{{\[}}[-10, 0, 10], [-5, 5, 15], [0, 1, 2], [-128, 0, 127]]> : tensor<4x3xi8>, pe = 4 : i64} : (tensor<1x2x2x4x!qnn.int<8>>) -> tensor<1x2x2x4x!qnn.uint<2>>
// CHECK-NEXT: dataflow.thresholding %[[A]] {thresholds = dense<{{\[}}[-64, -32, 0, 32, 64]]> : tensor<1x5xi16>, pe = 2 : i64} : (tensor<1x2x2x4x!qnn.int<8>>) -> tensor<1x2x2x4x!qnn.uint<4>>
// CHECK-NEXT: dataflow.thresholding %[[A]] {thresholds = dense<{{\[}}[-1, 0, 1]]> : tensor<1x3xi8>, act_bias = -2 : i64} : (tensor<1x2x2x4x!qnn.int<8>>) -> tensor<1x2x2x4x!qnn.int<2>>
// CHECK-NEXT: dataflow.thresholding %[[A]] {thresholds = dense<{{\[}}[-1, 0, 1]]> : tensor<1x3xi8>, act_bias = 1 : i64} : (tensor<1x2x2x4x!qnn.int<8>>) -> tensor<1x2x2x4x!qnn.uint<3>>
// CHECK-NEXT: dataflow.thresholding %[[B:.*]] {thresholds = dense<{{\[}}[0.000000e+00], [2.500000e-01], [-2.500000e-01], [1.000000e+03]]> : tensor<4x1xf32>, pe = 4 : i64} : (tensor<3x4xf32>) -> tensor<3x4x!qnn.bipolar>
// CHECK-NEXT: dataflow.thresholding %[[B]] {thresholds = dense<5.000000e-01> : tensor<1x255xf32>} : (tensor<3x4xf32>) -> tensor<3x4x!qnn.uint<8>>
// CHECK-NEXT: dataflow.thresholding %[[B]] {thresholds = dense<5.000000e-01> : tensor<1x1xf32>} : (tensor<3x4xf32>) -> tensor<3x4x!qnn.binary>
