// qnn-activation-to-thresholds: quantized activations become exact
// multithresholds (then the scale). Each threshold is the smallest input,
// a float32 (or an integer for integer inputs), at which the quantizer as
// computed in float32 reaches the next level.
// RUN: finnr-opt %s --split-input-file -p qnn-activation-to-thresholds | filecheck %s
// RUN: finnr-opt %s --split-input-file -p 'qnn-activation-to-thresholds{max-bits=2}' | filecheck %s --check-prefix=MAXBITS

// Signed 2 bits, scale 1, ROUND (half to even): levels -2..1 are reached at
// x > -1.5 (round(-1.5) = -2: the next float32 up, -1.49999988), at
// x >= -0.5 (round(-0.5) = -0, already level 0) and at x > 0.5
// (0.50000006); bias -2. The scale 0.5 downstream is untouched.
// CHECK-LABEL: func.func @signed_2bit(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x4xf32>) -> tensor<1x4xf32> {
// CHECK-NEXT:  %[[Q:[^ ,]*]] = qnn.constant dense<{{\[\[}}-1.49999988, -5.000000e-01, 0.50000006{{\]\]}}> : tensor<1x3xf32> -> tensor<1x3xf32>
// CHECK-NEXT:  %[[Q_1:[^ ,]*]] = qnn.multithreshold %[[X]], %[[Q]] {out_dtype = !qnn.int<2>, out_bias = -2.000000e+00 : f32} : (tensor<1x4xf32>, tensor<1x3xf32>) -> tensor<1x4x!qnn.int<2>>
// CHECK-NEXT:  %[[S:[^ ,]*]] = qnn.constant dense<5.000000e-01> : tensor<f32> -> tensor<f32>
// CHECK-NEXT:  %[[O:[^ ,]*]] = qnn.mul %[[Q_1]], %[[S]] : (tensor<1x4x!qnn.int<2>>, tensor<f32>) -> tensor<1x4xf32>
// CHECK-NEXT:  func.return %[[O]] : tensor<1x4xf32>
// CHECK-NEXT:  }
func.func @signed_2bit(%x: tensor<1x4xf32>) -> tensor<1x4xf32> {
  %q = qnn.quant %x {bitwidth = 2 : i64, scale = dense<1.0> : tensor<f32>, zeropt = dense<0.0> : tensor<f32>} : (tensor<1x4xf32>) -> tensor<1x4xf32>
  %s = qnn.constant dense<0.5> : tensor<f32> -> tensor<f32>
  %o = qnn.mul %q, %s : (tensor<1x4xf32>, tensor<f32>) -> tensor<1x4xf32>
  func.return %o : tensor<1x4xf32>
}

// -----

// Unsigned 2 bits, scale 0.5: x/0.5 must round to 1, 2, 3: x > 0.25,
// x >= 0.75 (1.5 rounds to 2), x > 1.25; then the multiply by 0.5.
// CHECK-LABEL: func.func @unsigned_scaled(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x4xf32>) -> tensor<1x4xf32> {
// CHECK-NEXT:  %[[Q:[^ ,]*]] = qnn.constant dense<{{\[\[}}0.25000003, 7.500000e-01, 1.25000012{{\]\]}}> : tensor<1x3xf32> -> tensor<1x3xf32>
// CHECK-NEXT:  %[[Q_1:[^ ,]*]] = qnn.multithreshold %[[X]], %[[Q]] {out_dtype = !qnn.uint<2>} : (tensor<1x4xf32>, tensor<1x3xf32>) -> tensor<1x4x!qnn.uint<2>>
// CHECK-NEXT:  %[[Q_2:[^ ,]*]] = qnn.constant dense<5.000000e-01> : tensor<f32> -> tensor<f32>
// CHECK-NEXT:  %[[Q_3:[^ ,]*]] = qnn.mul %[[Q_1]], %[[Q_2]] : (tensor<1x4x!qnn.uint<2>>, tensor<f32>) -> tensor<1x4xf32>
// CHECK-NEXT:  func.return %[[Q_3]] : tensor<1x4xf32>
// CHECK-NEXT:  }
func.func @unsigned_scaled(%x: tensor<1x4xf32>) -> tensor<1x4xf32> {
  %q = qnn.quant %x {bitwidth = 2 : i64, scale = dense<0.5> : tensor<f32>, zeropt = dense<0.0> : tensor<f32>, signed = false} : (tensor<1x4xf32>) -> tensor<1x4xf32>
  func.return %q : tensor<1x4xf32>
}

// -----

// Narrow signed 2 bits ([-1, 1]) with FLOOR: thresholds 0 and 1, bias -1.
// Unit scale and a returned result: the multithreshold keeps the f32 type.
// CHECK-LABEL: func.func @narrow_floor(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x4xf32>) -> tensor<1x4xf32> {
// CHECK-NEXT:  %[[Q:[^ ,]*]] = qnn.constant dense<{{\[\[}}0.000000e+00, 1.000000e+00{{\]\]}}> : tensor<1x2xf32> -> tensor<1x2xf32>
// CHECK-NEXT:  %[[Q_1:[^ ,]*]] = qnn.multithreshold %[[X]], %[[Q]] {out_dtype = !qnn.int<2>, out_bias = -1.000000e+00 : f32} : (tensor<1x4xf32>, tensor<1x2xf32>) -> tensor<1x4xf32>
// CHECK-NEXT:  func.return %[[Q_1]] : tensor<1x4xf32>
// CHECK-NEXT:  }
func.func @narrow_floor(%x: tensor<1x4xf32>) -> tensor<1x4xf32> {
  %q = qnn.quant %x {bitwidth = 2 : i64, scale = dense<1.0> : tensor<f32>, zeropt = dense<0.0> : tensor<f32>, narrow = true, rounding_mode = "FLOOR"} : (tensor<1x4xf32>) -> tensor<1x4xf32>
  func.return %q : tensor<1x4xf32>
}

// -----

// An integer input gets integer thresholds: int<4> / 2 rounds to 1 at 2
// (1 -> 0.5 -> 0), to 2 at 3 (1.5 -> 2), to 3 at 6 (5 -> 2.5 -> 2).
// CHECK-LABEL: func.func @integer_input(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x4x!qnn.int<4>>) -> tensor<1x4xf32> {
// CHECK-NEXT:  %[[Q:[^ ,]*]] = qnn.constant dense<{{\[\[}}2, 3, 6{{\]\]}}> : tensor<1x3xi8> -> tensor<1x3x!qnn.uint<3>>
// CHECK-NEXT:  %[[Q_1:[^ ,]*]] = qnn.multithreshold %[[X]], %[[Q]] {out_dtype = !qnn.uint<2>} : (tensor<1x4x!qnn.int<4>>, tensor<1x3x!qnn.uint<3>>) -> tensor<1x4x!qnn.uint<2>>
// CHECK-NEXT:  %[[Q_2:[^ ,]*]] = qnn.constant dense<2.000000e+00> : tensor<f32> -> tensor<f32>
// CHECK-NEXT:  %[[Q_3:[^ ,]*]] = qnn.mul %[[Q_1]], %[[Q_2]] : (tensor<1x4x!qnn.uint<2>>, tensor<f32>) -> tensor<1x4xf32>
// CHECK-NEXT:  func.return %[[Q_3]] : tensor<1x4xf32>
// CHECK-NEXT:  }
func.func @integer_input(%x: tensor<1x4x!qnn.int<4>>) -> tensor<1x4xf32> {
  %q = qnn.quant %x {bitwidth = 2 : i64, scale = dense<2.0> : tensor<f32>, zeropt = dense<0.0> : tensor<f32>, signed = false} : (tensor<1x4x!qnn.int<4>>) -> tensor<1x4xf32>
  func.return %q : tensor<1x4xf32>
}

// -----

// A 1-bit signed quantizer is a sign: threshold 0, bipolar out (scale 2,
// bias -1).
// CHECK-LABEL: func.func @one_bit(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x4xf32>) -> tensor<1x4xf32> {
// CHECK-NEXT:  %[[Q:[^ ,]*]] = qnn.constant dense<0.000000e+00> : tensor<1x1xf32> -> tensor<1x1xf32>
// CHECK-NEXT:  %[[Q_1:[^ ,]*]] = qnn.multithreshold %[[X]], %[[Q]] {out_dtype = !qnn.bipolar, out_scale = 2.000000e+00 : f32, out_bias = -1.000000e+00 : f32} : (tensor<1x4xf32>, tensor<1x1xf32>) -> tensor<1x4x!qnn.bipolar>
// CHECK-NEXT:  %[[S:[^ ,]*]] = qnn.constant dense<5.000000e-01> : tensor<f32> -> tensor<f32>
// CHECK-NEXT:  %[[O:[^ ,]*]] = qnn.mul %[[Q_1]], %[[S]] : (tensor<1x4x!qnn.bipolar>, tensor<f32>) -> tensor<1x4xf32>
// CHECK-NEXT:  func.return %[[O]] : tensor<1x4xf32>
// CHECK-NEXT:  }
func.func @one_bit(%x: tensor<1x4xf32>) -> tensor<1x4xf32> {
  %q = qnn.quant %x {bitwidth = 1 : i64, scale = dense<1.0> : tensor<f32>, zeropt = dense<0.0> : tensor<f32>} : (tensor<1x4xf32>) -> tensor<1x4xf32>
  %s = qnn.constant dense<0.5> : tensor<f32> -> tensor<f32>
  %o = qnn.mul %q, %s : (tensor<1x4xf32>, tensor<f32>) -> tensor<1x4xf32>
  func.return %o : tensor<1x4xf32>
}

// -----

// ... with zero point -1: sign(x - 1) - (-1) is 0 or 2, reached at x >= 1:
// uint<2>, scale 2, bias 0.
// CHECK-LABEL: func.func @one_bit_zeropt(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x2xf32>) -> tensor<1x2xf32> {
// CHECK-NEXT:  %[[Q:[^ ,]*]] = qnn.constant dense<1.000000e+00> : tensor<1x1xf32> -> tensor<1x1xf32>
// CHECK-NEXT:  %[[Q_1:[^ ,]*]] = qnn.multithreshold %[[X]], %[[Q]] {out_dtype = !qnn.uint<2>, out_scale = 2.000000e+00 : f32} : (tensor<1x2xf32>, tensor<1x1xf32>) -> tensor<1x2x!qnn.uint<2>>
// CHECK-NEXT:  %[[S:[^ ,]*]] = qnn.constant dense<5.000000e-01> : tensor<f32> -> tensor<f32>
// CHECK-NEXT:  %[[O:[^ ,]*]] = qnn.mul %[[Q_1]], %[[S]] : (tensor<1x2x!qnn.uint<2>>, tensor<f32>) -> tensor<1x2xf32>
// CHECK-NEXT:  func.return %[[O]] : tensor<1x2xf32>
// CHECK-NEXT:  }
func.func @one_bit_zeropt(%x: tensor<1x2xf32>) -> tensor<1x2xf32> {
  %q = qnn.quant %x {bitwidth = 1 : i64, scale = dense<1.0> : tensor<f32>, zeropt = dense<-1.0> : tensor<f32>} : (tensor<1x2xf32>) -> tensor<1x2xf32>
  %s = qnn.constant dense<0.5> : tensor<f32> -> tensor<f32>
  %o = qnn.mul %q, %s : (tensor<1x2xf32>, tensor<f32>) -> tensor<1x2xf32>
  func.return %o : tensor<1x2xf32>
}

// -----

// Unsigned 2 bits with zero point 1: levels round(clip(x + 1, 0, 3)) - 1 in
// [-1, 2] (int<3>, bias -1). In float32, x + 1 rounds: -0.49999997 + 1 is a
// tie that goes to 0.5 (rounds to 0), so the first threshold is -0.49999994;
// likewise 0.49999994 + 1 rounds to 1.5 (level 2) and the last threshold is
// the float after 1.5, where x + 1 exceeds 2.5.
// CHECK-LABEL: func.func @zeropt(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x4xf32>) -> tensor<1x4xf32> {
// CHECK-NEXT:  %[[Q:[^ ,]*]] = qnn.constant dense<{{\[\[}}-0.49999994, 0.49999994, 1.50000024{{\]\]}}> : tensor<1x3xf32> -> tensor<1x3xf32>
// CHECK-NEXT:  %[[Q_1:[^ ,]*]] = qnn.multithreshold %[[X]], %[[Q]] {out_dtype = !qnn.int<3>, out_bias = -1.000000e+00 : f32} : (tensor<1x4xf32>, tensor<1x3xf32>) -> tensor<1x4x!qnn.int<3>>
// CHECK-NEXT:  %[[S:[^ ,]*]] = qnn.constant dense<5.000000e-01> : tensor<f32> -> tensor<f32>
// CHECK-NEXT:  %[[O:[^ ,]*]] = qnn.mul %[[Q_1]], %[[S]] : (tensor<1x4x!qnn.int<3>>, tensor<f32>) -> tensor<1x4xf32>
// CHECK-NEXT:  func.return %[[O]] : tensor<1x4xf32>
// CHECK-NEXT:  }
func.func @zeropt(%x: tensor<1x4xf32>) -> tensor<1x4xf32> {
  %q = qnn.quant %x {bitwidth = 2 : i64, scale = dense<1.0> : tensor<f32>, zeropt = dense<1.0> : tensor<f32>, signed = false} : (tensor<1x4xf32>) -> tensor<1x4xf32>
  %s = qnn.constant dense<0.5> : tensor<f32> -> tensor<f32>
  %o = qnn.mul %q, %s : (tensor<1x4xf32>, tensor<f32>) -> tensor<1x4xf32>
  func.return %o : tensor<1x4xf32>
}

// -----

// A per-channel scale along axis 1 (NCHW) gives one threshold row per
// channel: scale 1 -> [0.5+, 1.5, 2.5+], scale 0.5 -> [0.25+, 0.75, 1.25+].
// CHECK-LABEL: func.func @per_channel_nchw(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32> {
// CHECK-NEXT:  %[[Q:[^ ,]*]] = qnn.constant dense<{{\[\[}}0.50000006, 1.500000e+00, 2.50000024], [0.25000003, 7.500000e-01, 1.25000012{{\]\]}}> : tensor<2x3xf32> -> tensor<2x3xf32>
// CHECK-NEXT:  %[[Q_1:[^ ,]*]] = qnn.multithreshold %[[X]], %[[Q]] {out_dtype = !qnn.uint<2>} : (tensor<1x2x2x2xf32>, tensor<2x3xf32>) -> tensor<1x2x2x2x!qnn.uint<2>>
// CHECK-NEXT:  %[[Q_2:[^ ,]*]] = qnn.constant dense<{{\[\[}}[1.000000e+00{{\]\]}}, {{\[\[}}5.000000e-01{{\]\]}}]> : tensor<2x1x1xf32> -> tensor<2x1x1xf32>
// CHECK-NEXT:  %[[Q_3:[^ ,]*]] = qnn.mul %[[Q_1]], %[[Q_2]] : (tensor<1x2x2x2x!qnn.uint<2>>, tensor<2x1x1xf32>) -> tensor<1x2x2x2xf32>
// CHECK-NEXT:  func.return %[[Q_3]] : tensor<1x2x2x2xf32>
// CHECK-NEXT:  }
func.func @per_channel_nchw(%x: tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32> {
  %q = qnn.quant %x {bitwidth = 2 : i64, scale = dense<[[[1.0]], [[0.5]]]> : tensor<2x1x1xf32>, zeropt = dense<0.0> : tensor<f32>, signed = false} : (tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32>
  func.return %q : tensor<1x2x2x2xf32>
}

// -----

// ... along the last axis: an NHWC multithreshold.
// CHECK-LABEL: func.func @per_channel_nhwc(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32> {
// CHECK-NEXT:  %[[Q:[^ ,]*]] = qnn.constant dense<{{\[\[}}0.50000006, 1.500000e+00, 2.50000024], [0.25000003, 7.500000e-01, 1.25000012{{\]\]}}> : tensor<2x3xf32> -> tensor<2x3xf32>
// CHECK-NEXT:  %[[Q_1:[^ ,]*]] = qnn.multithreshold %[[X]], %[[Q]] {out_dtype = !qnn.uint<2>, data_layout = "NHWC"} : (tensor<1x2x2x2xf32>, tensor<2x3xf32>) -> tensor<1x2x2x2x!qnn.uint<2>>
// CHECK-NEXT:  %[[Q_2:[^ ,]*]] = qnn.constant dense<[1.000000e+00, 5.000000e-01]> : tensor<2xf32> -> tensor<2xf32>
// CHECK-NEXT:  %[[Q_3:[^ ,]*]] = qnn.mul %[[Q_1]], %[[Q_2]] : (tensor<1x2x2x2x!qnn.uint<2>>, tensor<2xf32>) -> tensor<1x2x2x2xf32>
// CHECK-NEXT:  func.return %[[Q_3]] : tensor<1x2x2x2xf32>
// CHECK-NEXT:  }
func.func @per_channel_nhwc(%x: tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32> {
  %q = qnn.quant %x {bitwidth = 2 : i64, scale = dense<[1.0, 0.5]> : tensor<2xf32>, zeropt = dense<0.0> : tensor<f32>, signed = false} : (tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32>
  func.return %q : tensor<1x2x2x2xf32>
}

// -----

// bipolar_quant: threshold 0 (x >= 0 gives +1), bipolar, then the scale.
// CHECK-LABEL: func.func @bipolar_quant(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x4xf32>) -> tensor<1x4xf32> {
// CHECK-NEXT:  %[[Q:[^ ,]*]] = qnn.constant dense<0.000000e+00> : tensor<1x1xf32> -> tensor<1x1xf32>
// CHECK-NEXT:  %[[Q_1:[^ ,]*]] = qnn.multithreshold %[[X]], %[[Q]] {out_dtype = !qnn.bipolar, out_scale = 2.000000e+00 : f32, out_bias = -1.000000e+00 : f32} : (tensor<1x4xf32>, tensor<1x1xf32>) -> tensor<1x4x!qnn.bipolar>
// CHECK-NEXT:  %[[Q_2:[^ ,]*]] = qnn.constant dense<2.500000e-01> : tensor<f32> -> tensor<f32>
// CHECK-NEXT:  %[[Q_3:[^ ,]*]] = qnn.mul %[[Q_1]], %[[Q_2]] : (tensor<1x4x!qnn.bipolar>, tensor<f32>) -> tensor<1x4xf32>
// CHECK-NEXT:  func.return %[[Q_3]] : tensor<1x4xf32>
// CHECK-NEXT:  }
func.func @bipolar_quant(%x: tensor<1x4xf32>) -> tensor<1x4xf32> {
  %q = qnn.bipolar_quant %x {scale = dense<0.25> : tensor<f32>} : (tensor<1x4xf32>) -> tensor<1x4xf32>
  func.return %q : tensor<1x4xf32>
}

// -----

// sign of an integer: -1 below 0, 0 at 0, +1 from 1: thresholds [0, 1],
// bias -1.
// CHECK-LABEL: func.func @sign_integer(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x4x!qnn.int<4>>) -> tensor<1x4xf32> {
// CHECK-NEXT:  %[[Q:[^ ,]*]] = qnn.constant dense<{{\[\[}}0, 1{{\]\]}}> : tensor<1x2xi8> -> tensor<1x2x!qnn.uint<1>>
// CHECK-NEXT:  %[[Q_1:[^ ,]*]] = qnn.multithreshold %[[X]], %[[Q]] {out_dtype = !qnn.int<2>, out_bias = -1.000000e+00 : f32} : (tensor<1x4x!qnn.int<4>>, tensor<1x2x!qnn.uint<1>>) -> tensor<1x4x!qnn.int<2>>
// CHECK-NEXT:  %[[S:[^ ,]*]] = qnn.constant dense<5.000000e-01> : tensor<f32> -> tensor<f32>
// CHECK-NEXT:  %[[O:[^ ,]*]] = qnn.mul %[[Q_1]], %[[S]] : (tensor<1x4x!qnn.int<2>>, tensor<f32>) -> tensor<1x4xf32>
// CHECK-NEXT:  func.return %[[O]] : tensor<1x4xf32>
// CHECK-NEXT:  }
func.func @sign_integer(%x: tensor<1x4x!qnn.int<4>>) -> tensor<1x4xf32> {
  %q = qnn.sign %x : (tensor<1x4x!qnn.int<4>>) -> tensor<1x4xf32>
  %s = qnn.constant dense<0.5> : tensor<f32> -> tensor<f32>
  %o = qnn.mul %q, %s : (tensor<1x4xf32>, tensor<f32>) -> tensor<1x4xf32>
  func.return %o : tensor<1x4xf32>
}

// -----

// sign of a float: +1 from the smallest positive float32 (a denormal).
// CHECK-LABEL: func.func @sign_float(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x4xf32>) -> tensor<1x4xf32> {
// CHECK-NEXT:  %[[Q:[^ ,]*]] = qnn.constant dense<{{\[\[}}0.000000e+00, 1.401300e-45{{\]\]}}> : tensor<1x2xf32> -> tensor<1x2xf32>
// CHECK-NEXT:  %[[Q_1:[^ ,]*]] = qnn.multithreshold %[[X]], %[[Q]] {out_dtype = !qnn.int<2>, out_bias = -1.000000e+00 : f32} : (tensor<1x4xf32>, tensor<1x2xf32>) -> tensor<1x4xf32>
// CHECK-NEXT:  func.return %[[Q_1]] : tensor<1x4xf32>
// CHECK-NEXT:  }
func.func @sign_float(%x: tensor<1x4xf32>) -> tensor<1x4xf32> {
  %q = qnn.sign %x : (tensor<1x4xf32>) -> tensor<1x4xf32>
  func.return %q : tensor<1x4xf32>
}

// -----

// Chained quantizers: the second reads the first's int<3> result and gets
// integer thresholds. With max-bits=2 the 3-bit quantizer stays and the
// 2-bit one gets float thresholds.
// MAXBITS-LABEL: func.func @max_bits(
// MAXBITS-NEXT:  %[[Q:[^ ]*]] = qnn.quant %{{.*}} {bitwidth = 3 : i64
// MAXBITS-NEXT:  %[[T:[^ ]*]] = qnn.constant dense<{{\[\[}}-1.49999988, -5.000000e-01, 0.50000006{{\]\]}}> : tensor<1x3xf32> -> tensor<1x3xf32>
// MAXBITS-NEXT:  %[[M:[^ ]*]] = qnn.multithreshold %[[Q]], %[[T]] {out_dtype = !qnn.int<2>, out_bias = -2.000000e+00 : f32} : (tensor<1x4xf32>, tensor<1x3xf32>) -> tensor<1x4xf32>
// MAXBITS-NEXT:  func.return %[[M]] : tensor<1x4xf32>
// CHECK-LABEL: func.func @max_bits(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x4xf32>) -> tensor<1x4xf32> {
// CHECK-NEXT:  %[[Q:[^ ,]*]] = qnn.constant dense<{{\[\[}}-3.49999976, -2.500000e+00, -1.49999988, -5.000000e-01, 0.50000006, 1.500000e+00, 2.50000024{{\]\]}}> : tensor<1x7xf32> -> tensor<1x7xf32>
// CHECK-NEXT:  %[[Q_1:[^ ,]*]] = qnn.multithreshold %[[X]], %[[Q]] {out_dtype = !qnn.int<3>, out_bias = -4.000000e+00 : f32} : (tensor<1x4xf32>, tensor<1x7xf32>) -> tensor<1x4x!qnn.int<3>>
// CHECK-NEXT:  %[[P:[^ ,]*]] = qnn.constant dense<{{\[\[}}-1, 0, 1{{\]\]}}> : tensor<1x3xi8> -> tensor<1x3x!qnn.int<2>>
// CHECK-NEXT:  %[[P_1:[^ ,]*]] = qnn.multithreshold %[[Q_1]], %[[P]] {out_dtype = !qnn.int<2>, out_bias = -2.000000e+00 : f32} : (tensor<1x4x!qnn.int<3>>, tensor<1x3x!qnn.int<2>>) -> tensor<1x4xf32>
// CHECK-NEXT:  func.return %[[P_1]] : tensor<1x4xf32>
// CHECK-NEXT:  }
func.func @max_bits(%x: tensor<1x4xf32>) -> tensor<1x4xf32> {
  %q = qnn.quant %x {bitwidth = 3 : i64, scale = dense<1.0> : tensor<f32>, zeropt = dense<0.0> : tensor<f32>} : (tensor<1x4xf32>) -> tensor<1x4xf32>
  %p = qnn.quant %q {bitwidth = 2 : i64, scale = dense<1.0> : tensor<f32>, zeropt = dense<0.0> : tensor<f32>} : (tensor<1x4xf32>) -> tensor<1x4xf32>
  func.return %p : tensor<1x4xf32>
}

// -----

// Refused: a scale varying along axis 2 (neither channel layout).
// CHECK-LABEL: func.func @non_channel_scale_stays(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32> {
// CHECK-NEXT:  %[[Q:[^ ,]*]] = qnn.quant %[[X]] {bitwidth = 2 : i64, scale = dense<{{\[\[}}1.000000e+00], [5.000000e-01{{\]\]}}> : tensor<2x1xf32>, zeropt = dense<0.000000e+00> : tensor<f32>, signed = false} : (tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32>
// CHECK-NEXT:  func.return %[[Q]] : tensor<1x2x2x2xf32>
// CHECK-NEXT:  }
func.func @non_channel_scale_stays(%x: tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32> {
  %q = qnn.quant %x {bitwidth = 2 : i64, scale = dense<[[1.0], [0.5]]> : tensor<2x1xf32>, zeropt = dense<0.0> : tensor<f32>, signed = false} : (tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32>
  func.return %q : tensor<1x2x2x2xf32>
}

// -----

// Refused: more bits than max-bits (8 by default).
// CHECK-LABEL: func.func @too_wide_stays(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x4xf32>) -> tensor<1x4xf32> {
// CHECK-NEXT:  %[[Q:[^ ,]*]] = qnn.quant %[[X]] {bitwidth = 9 : i64, scale = dense<1.000000e+00> : tensor<f32>, zeropt = dense<0.000000e+00> : tensor<f32>} : (tensor<1x4xf32>) -> tensor<1x4xf32>
// CHECK-NEXT:  func.return %[[Q]] : tensor<1x4xf32>
// CHECK-NEXT:  }
func.func @too_wide_stays(%x: tensor<1x4xf32>) -> tensor<1x4xf32> {
  %q = qnn.quant %x {bitwidth = 9 : i64, scale = dense<1.0> : tensor<f32>, zeropt = dense<0.0> : tensor<f32>} : (tensor<1x4xf32>) -> tensor<1x4xf32>
  func.return %q : tensor<1x4xf32>
}

// -----

// Refused: a fractional zero point, and zero points that differ between
// channels.
// CHECK-LABEL: func.func @zeropt_stays(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x2xf32>) -> (tensor<1x2xf32>, tensor<1x2xf32>) {
// CHECK-NEXT:  %[[Q:[^ ,]*]] = qnn.quant %[[X]] {bitwidth = 2 : i64, scale = dense<1.000000e+00> : tensor<f32>, zeropt = dense<5.000000e-01> : tensor<f32>} : (tensor<1x2xf32>) -> tensor<1x2xf32>
// CHECK-NEXT:  %[[P:[^ ,]*]] = qnn.quant %[[X]] {bitwidth = 2 : i64, scale = dense<1.000000e+00> : tensor<f32>, zeropt = dense<[0.000000e+00, 1.000000e+00]> : tensor<2xf32>, signed = false} : (tensor<1x2xf32>) -> tensor<1x2xf32>
// CHECK-NEXT:  func.return %[[Q]], %[[P]] : tensor<1x2xf32>, tensor<1x2xf32>
// CHECK-NEXT:  }
func.func @zeropt_stays(%x: tensor<1x2xf32>) -> (tensor<1x2xf32>, tensor<1x2xf32>) {
  %q = qnn.quant %x {bitwidth = 2 : i64, scale = dense<1.0> : tensor<f32>, zeropt = dense<0.5> : tensor<f32>} : (tensor<1x2xf32>) -> tensor<1x2xf32>
  %p = qnn.quant %x {bitwidth = 2 : i64, scale = dense<1.0> : tensor<f32>, zeropt = dense<[0.0, 1.0]> : tensor<2xf32>, signed = false} : (tensor<1x2xf32>) -> tensor<1x2xf32>
  func.return %q, %p : tensor<1x2xf32>, tensor<1x2xf32>
}

// -----

// Refused: quantizers of constants (qnn-fold-quant-weights).
// CHECK-LABEL: func.func @weights_stay(
// CHECK-SAME:  ) -> (tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) {
// CHECK-NEXT:  %[[W:[^ ,]*]] = qnn.constant dense<[5.000000e-01, -1.500000e+00]> : tensor<2xf32> -> tensor<2xf32>
// CHECK-NEXT:  %[[Q:[^ ,]*]] = qnn.quant %[[W]] {bitwidth = 2 : i64, scale = dense<1.000000e+00> : tensor<f32>, zeropt = dense<0.000000e+00> : tensor<f32>} : (tensor<2xf32>) -> tensor<2xf32>
// CHECK-NEXT:  %[[B:[^ ,]*]] = qnn.bipolar_quant %[[W]] {scale = dense<1.000000e+00> : tensor<f32>} : (tensor<2xf32>) -> tensor<2xf32>
// CHECK-NEXT:  %[[S:[^ ,]*]] = qnn.sign %[[W]] : (tensor<2xf32>) -> tensor<2xf32>
// CHECK-NEXT:  func.return %[[Q]], %[[B]], %[[S]] : tensor<2xf32>, tensor<2xf32>, tensor<2xf32>
// CHECK-NEXT:  }
func.func @weights_stay() -> (tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) {
  %w = qnn.constant dense<[0.5, -1.5]> : tensor<2xf32> -> tensor<2xf32>
  %q = qnn.quant %w {bitwidth = 2 : i64, scale = dense<1.0> : tensor<f32>, zeropt = dense<0.0> : tensor<f32>} : (tensor<2xf32>) -> tensor<2xf32>
  %b = qnn.bipolar_quant %w {scale = dense<1.0> : tensor<f32>} : (tensor<2xf32>) -> tensor<2xf32>
  %s = qnn.sign %w : (tensor<2xf32>) -> tensor<2xf32>
  func.return %q, %b, %s : tensor<2xf32>, tensor<2xf32>, tensor<2xf32>
}
