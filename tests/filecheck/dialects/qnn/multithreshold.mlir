// qnn.multithreshold: thresholds shared by all channels (1 row) or one row
// per channel, with the channel axis given by data_layout; out_dtype bounds
// the number of thresholds; a bipolar activation is one threshold with scale 2
// and bias -1.
// RUN: finnr-opt %s --print-op-generic | finnr-opt | filecheck %s

// CHECK-LABEL: func.func @shared_nchw
// CHECK-SAME:    (%[[X:.*]]: tensor<1x4x8x8xf32>)
// CHECK-NEXT:    %[[T:.*]] = qnn.constant dense<{{\[\[}}5.000000e-01, 1.500000e+00, 2.500000e+00{{\]\]}}> : tensor<1x3xf32> -> tensor<1x3xf32>
// CHECK-NEXT:    %[[Y:.*]] = qnn.multithreshold %[[X]], %[[T]] {out_dtype = !qnn.uint<2>} : (tensor<1x4x8x8xf32>, tensor<1x3xf32>) -> tensor<1x4x8x8x!qnn.uint<2>>
// CHECK-NEXT:    func.return %[[Y]]
func.func @shared_nchw(%x: tensor<1x4x8x8xf32>) -> tensor<1x4x8x8x!qnn.uint<2>> {
  %t = qnn.constant dense<[[0.5, 1.5, 2.5]]> : tensor<1x3xf32> -> tensor<1x3xf32>
  %y = qnn.multithreshold %x, %t {out_dtype = !qnn.uint<2>} : (tensor<1x4x8x8xf32>, tensor<1x3xf32>) -> tensor<1x4x8x8x!qnn.uint<2>>
  func.return %y : tensor<1x4x8x8x!qnn.uint<2>>
}

// NCHW: channels are axis 1 (4 rows); NHWC: the last axis (16 rows).
// CHECK-LABEL: func.func @per_channel
// CHECK-NEXT:    qnn.multithreshold %{{.*}}, %{{.*}} {out_dtype = !qnn.uint<4>} : (tensor<1x4x8x16xf32>, tensor<4x15xf32>) -> tensor<1x4x8x16x!qnn.uint<4>>
// CHECK-NEXT:    qnn.multithreshold %{{.*}}, %{{.*}} {out_dtype = !qnn.uint<4>, data_layout = "NHWC"} : (tensor<1x4x8x16xf32>, tensor<16x15xf32>) -> tensor<1x4x8x16x!qnn.uint<4>>
func.func @per_channel(%x: tensor<1x4x8x16xf32>, %tc: tensor<4x15xf32>, %tl: tensor<16x15xf32>) -> (tensor<1x4x8x16x!qnn.uint<4>>, tensor<1x4x8x16x!qnn.uint<4>>) {
  %a = qnn.multithreshold %x, %tc {out_dtype = !qnn.uint<4>} : (tensor<1x4x8x16xf32>, tensor<4x15xf32>) -> tensor<1x4x8x16x!qnn.uint<4>>
  %b = qnn.multithreshold %x, %tl {out_dtype = !qnn.uint<4>, data_layout = "NHWC"} : (tensor<1x4x8x16xf32>, tensor<16x15xf32>) -> tensor<1x4x8x16x!qnn.uint<4>>
  func.return %a, %b : tensor<1x4x8x16x!qnn.uint<4>>, tensor<1x4x8x16x!qnn.uint<4>>
}

// After a fully connected layer: NC, channels last; also 1-D layouts.
// CHECK-LABEL: func.func @nc_and_1d
// CHECK-NEXT:    qnn.multithreshold %{{.*}}, %{{.*}} {out_dtype = !qnn.uint<2>, data_layout = "NC"} : (tensor<1x64x!qnn.int<12>>, tensor<64x3x!qnn.int<12>>) -> tensor<1x64x!qnn.uint<2>>
// CHECK-NEXT:    qnn.multithreshold %{{.*}}, %{{.*}} {out_dtype = !qnn.uint<2>, data_layout = "NCW"} : (tensor<1x5x7xf32>, tensor<5x3xf32>) -> tensor<1x5x7x!qnn.uint<2>>
// CHECK-NEXT:    qnn.multithreshold %{{.*}}, %{{.*}} {out_dtype = !qnn.uint<2>, data_layout = "NWC"} : (tensor<1x5x7xf32>, tensor<7x3xf32>) -> tensor<1x5x7x!qnn.uint<2>>
func.func @nc_and_1d(%x: tensor<1x64x!qnn.int<12>>, %t: tensor<64x3x!qnn.int<12>>, %s: tensor<1x5x7xf32>, %tw: tensor<5x3xf32>, %tc: tensor<7x3xf32>) -> (tensor<1x64x!qnn.uint<2>>, tensor<1x5x7x!qnn.uint<2>>, tensor<1x5x7x!qnn.uint<2>>) {
  %y = qnn.multithreshold %x, %t {out_dtype = !qnn.uint<2>, data_layout = "NC"} : (tensor<1x64x!qnn.int<12>>, tensor<64x3x!qnn.int<12>>) -> tensor<1x64x!qnn.uint<2>>
  %a = qnn.multithreshold %s, %tw {out_dtype = !qnn.uint<2>, data_layout = "NCW"} : (tensor<1x5x7xf32>, tensor<5x3xf32>) -> tensor<1x5x7x!qnn.uint<2>>
  %b = qnn.multithreshold %s, %tc {out_dtype = !qnn.uint<2>, data_layout = "NWC"} : (tensor<1x5x7xf32>, tensor<7x3xf32>) -> tensor<1x5x7x!qnn.uint<2>>
  func.return %y, %a, %b : tensor<1x64x!qnn.uint<2>>, tensor<1x5x7x!qnn.uint<2>>, tensor<1x5x7x!qnn.uint<2>>
}

// A sign activation: x >= 0 gives 2 * 1 - 1 = +1, otherwise 2 * 0 - 1 = -1.
// CHECK-LABEL: func.func @bipolar
// CHECK-NEXT:    %[[T:.*]] = qnn.constant dense<0.000000e+00> : tensor<1x1xf32> -> tensor<1x1xf32>
// CHECK-NEXT:    qnn.multithreshold %{{.*}}, %[[T]] {out_dtype = !qnn.bipolar, out_scale = 2.000000e+00 : f32, out_bias = -1.000000e+00 : f32, data_layout = "NC"} : (tensor<1x64xf32>, tensor<1x1xf32>) -> tensor<1x64x!qnn.bipolar>
func.func @bipolar(%x: tensor<1x64xf32>) -> tensor<1x64x!qnn.bipolar> {
  %t = qnn.constant dense<0.0> : tensor<1x1xf32> -> tensor<1x1xf32>
  %y = qnn.multithreshold %x, %t {out_dtype = !qnn.bipolar, out_scale = 2.0 : f32, out_bias = -1.0 : f32, data_layout = "NC"} : (tensor<1x64xf32>, tensor<1x1xf32>) -> tensor<1x64x!qnn.bipolar>
  func.return %y : tensor<1x64x!qnn.bipolar>
}

// Signed outputs: a 2-bit signed identity quantizer has 3 thresholds and bias
// -2; ternary holds 3 values, so 2 thresholds; binary 1.
// CHECK-LABEL: func.func @signed_outputs
// CHECK-NEXT:    qnn.multithreshold %{{.*}}, %{{.*}} {out_dtype = !qnn.int<2>, out_bias = -2.000000e+00 : f32, data_layout = "NC"} : (tensor<1x8xf32>, tensor<1x3xf32>) -> tensor<1x8x!qnn.int<2>>
// CHECK-NEXT:    qnn.multithreshold %{{.*}}, %{{.*}} {out_dtype = !qnn.ternary, out_bias = -1.000000e+00 : f32, data_layout = "NC"} : (tensor<1x8xf32>, tensor<8x2xf32>) -> tensor<1x8x!qnn.ternary>
// CHECK-NEXT:    qnn.multithreshold %{{.*}}, %{{.*}} {out_dtype = !qnn.binary, data_layout = "NC"} : (tensor<1x8xf32>, tensor<1x1xf32>) -> tensor<1x8x!qnn.binary>
func.func @signed_outputs(%x: tensor<1x8xf32>, %t3: tensor<1x3xf32>, %t2: tensor<8x2xf32>, %t1: tensor<1x1xf32>) -> (tensor<1x8x!qnn.int<2>>, tensor<1x8x!qnn.ternary>, tensor<1x8x!qnn.binary>) {
  %a = qnn.multithreshold %x, %t3 {out_dtype = !qnn.int<2>, out_bias = -2.0 : f32, data_layout = "NC"} : (tensor<1x8xf32>, tensor<1x3xf32>) -> tensor<1x8x!qnn.int<2>>
  %b = qnn.multithreshold %x, %t2 {out_dtype = !qnn.ternary, out_bias = -1.0 : f32, data_layout = "NC"} : (tensor<1x8xf32>, tensor<8x2xf32>) -> tensor<1x8x!qnn.ternary>
  %c = qnn.multithreshold %x, %t1 {out_dtype = !qnn.binary, data_layout = "NC"} : (tensor<1x8xf32>, tensor<1x1xf32>) -> tensor<1x8x!qnn.binary>
  func.return %a, %b, %c : tensor<1x8x!qnn.int<2>>, tensor<1x8x!qnn.ternary>, tensor<1x8x!qnn.binary>
}

// A float result: the levels scaled by out_scale (a 4-bit unsigned ReLU of scale 0.5).
// CHECK-LABEL: func.func @scaled_float_result
// CHECK-NEXT:    qnn.multithreshold %{{.*}}, %{{.*}} {out_dtype = !qnn.uint<4>, out_scale = 5.000000e-01 : f32} : (tensor<1x2x3x3xf32>, tensor<2x15xf32>) -> tensor<1x2x3x3xf32>
func.func @scaled_float_result(%x: tensor<1x2x3x3xf32>, %t: tensor<2x15xf32>) -> tensor<1x2x3x3xf32> {
  %y = qnn.multithreshold %x, %t {out_dtype = !qnn.uint<4>, out_scale = 0.5 : f32} : (tensor<1x2x3x3xf32>, tensor<2x15xf32>) -> tensor<1x2x3x3xf32>
  func.return %y : tensor<1x2x3x3xf32>
}
