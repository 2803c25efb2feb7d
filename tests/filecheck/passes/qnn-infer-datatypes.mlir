// qnn-infer-datatypes: a forward range analysis gives every integer-valued
// tensor the narrowest !qnn.int/!qnn.uint/!qnn.bipolar holding it; float
// values and function results keep their types.
// RUN: finnr-opt %s --split-input-file -p qnn-infer-datatypes | filecheck %s

// A unit-scale quantizer gives int<3> ([-4, 3]); the matmul with constant
// weights accumulates per output channel: column 0 ([1, 2, 0, -2]) spans
// [-18, 17], column 1 ([-1, 0, 1, 1]) [-11, 10], so int<6>; relu clips to
// [0, 17]: uint<5>. The scaled output stays f32.
// CHECK-LABEL: func.func @quant_matmul_relu(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x4xf32>) -> tensor<1x2xf32> {
// CHECK-NEXT:  %[[Q:[^ ,]*]] = qnn.quant %[[X]] {bitwidth = 3 : i64, scale = dense<1.000000e+00> : tensor<f32>, zeropt = dense<0.000000e+00> : tensor<f32>} : (tensor<1x4xf32>) -> tensor<1x4x!qnn.int<3>>
// CHECK-NEXT:  %[[W:[^ ,]*]] = qnn.constant dense<{{\[\[}}1, -1], [2, 0], [0, 1], [-2, 1{{\]\]}}> : tensor<4x2xi8> -> tensor<4x2x!qnn.int<3>>
// CHECK-NEXT:  %[[Y:[^ ,]*]] = qnn.matmul %[[Q]], %[[W]] : (tensor<1x4x!qnn.int<3>>, tensor<4x2x!qnn.int<3>>) -> tensor<1x2x!qnn.int<6>>
// CHECK-NEXT:  %[[R:[^ ,]*]] = qnn.relu %[[Y]] : (tensor<1x2x!qnn.int<6>>) -> tensor<1x2x!qnn.uint<5>>
// CHECK-NEXT:  %[[S:[^ ,]*]] = qnn.constant dense<5.000000e-01> : tensor<f32> -> tensor<f32>
// CHECK-NEXT:  %[[O:[^ ,]*]] = qnn.mul %[[R]], %[[S]] : (tensor<1x2x!qnn.uint<5>>, tensor<f32>) -> tensor<1x2xf32>
// CHECK-NEXT:  func.return %[[O]] : tensor<1x2xf32>
// CHECK-NEXT:  }
func.func @quant_matmul_relu(%x: tensor<1x4xf32>) -> tensor<1x2xf32> {
  %q = qnn.quant %x {bitwidth = 3 : i64, scale = dense<1.0> : tensor<f32>, zeropt = dense<0.0> : tensor<f32>} : (tensor<1x4xf32>) -> tensor<1x4xf32>
  %w = qnn.constant dense<[[1, -1], [2, 0], [0, 1], [-2, 1]]> : tensor<4x2xi8> -> tensor<4x2x!qnn.int<3>>
  %y = qnn.matmul %q, %w : (tensor<1x4xf32>, tensor<4x2x!qnn.int<3>>) -> tensor<1x2xf32>
  %r = qnn.relu %y : (tensor<1x2xf32>) -> tensor<1x2xf32>
  %s = qnn.constant dense<0.5> : tensor<f32> -> tensor<f32>
  %o = qnn.mul %r, %s : (tensor<1x2xf32>, tensor<f32>) -> tensor<1x2xf32>
  func.return %o : tensor<1x2xf32>
}

// -----

// A quantizer with a non-unit scale is not integer: everything stays f32.
// CHECK-LABEL: func.func @scaled_quant_stays(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x4xf32>) -> tensor<1x4xf32> {
// CHECK-NEXT:  %[[Q:[^ ,]*]] = qnn.quant %[[X]] {bitwidth = 3 : i64, scale = dense<5.000000e-01> : tensor<f32>, zeropt = dense<0.000000e+00> : tensor<f32>} : (tensor<1x4xf32>) -> tensor<1x4xf32>
// CHECK-NEXT:  %[[R:[^ ,]*]] = qnn.relu %[[Q]] : (tensor<1x4xf32>) -> tensor<1x4xf32>
// CHECK-NEXT:  %[[S:[^ ,]*]] = qnn.constant dense<5.000000e-01> : tensor<f32> -> tensor<f32>
// CHECK-NEXT:  %[[O:[^ ,]*]] = qnn.mul %[[R]], %[[S]] : (tensor<1x4xf32>, tensor<f32>) -> tensor<1x4xf32>
// CHECK-NEXT:  func.return %[[O]] : tensor<1x4xf32>
// CHECK-NEXT:  }
func.func @scaled_quant_stays(%x: tensor<1x4xf32>) -> tensor<1x4xf32> {
  %q = qnn.quant %x {bitwidth = 3 : i64, scale = dense<0.5> : tensor<f32>, zeropt = dense<0.0> : tensor<f32>} : (tensor<1x4xf32>) -> tensor<1x4xf32>
  %r = qnn.relu %q : (tensor<1x4xf32>) -> tensor<1x4xf32>
  %s = qnn.constant dense<0.5> : tensor<f32> -> tensor<f32>
  %o = qnn.mul %r, %s : (tensor<1x4xf32>, tensor<f32>) -> tensor<1x4xf32>
  func.return %o : tensor<1x4xf32>
}

// -----

// Bipolar activations and weights: the dot product of 4 is in [-4, 4]
// (int<4>); a multithreshold with scale 2, bias -1 and one threshold is
// bipolar, and transpose/reshape keep it.
// CHECK-LABEL: func.func @bipolar(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x4xf32>) -> tensor<1x2xf32> {
// CHECK-NEXT:  %[[Q:[^ ,]*]] = qnn.bipolar_quant %[[X]] {scale = dense<1.000000e+00> : tensor<f32>} : (tensor<1x4xf32>) -> tensor<1x4x!qnn.bipolar>
// CHECK-NEXT:  %[[W:[^ ,]*]] = qnn.constant dense<{{\[\[}}1, -1], [1, 1], [-1, 1], [-1, -1{{\]\]}}> : tensor<4x2xi8> -> tensor<4x2x!qnn.bipolar>
// CHECK-NEXT:  %[[Y:[^ ,]*]] = qnn.matmul %[[Q]], %[[W]] : (tensor<1x4x!qnn.bipolar>, tensor<4x2x!qnn.bipolar>) -> tensor<1x2x!qnn.int<4>>
// CHECK-NEXT:  %[[T:[^ ,]*]] = qnn.constant dense<{{\[\[}}0], [1{{\]\]}}> : tensor<2x1xi8> -> tensor<2x1x!qnn.int<2>>
// CHECK-NEXT:  %[[A:[^ ,]*]] = qnn.multithreshold %[[Y]], %[[T]] {out_dtype = !qnn.bipolar, out_scale = 2.000000e+00 : f32, out_bias = -1.000000e+00 : f32} : (tensor<1x2x!qnn.int<4>>, tensor<2x1x!qnn.int<2>>) -> tensor<1x2x!qnn.bipolar>
// CHECK-NEXT:  %[[TR:[^ ,]*]] = qnn.transpose %[[A]] {perm = array<i64: 1, 0>} : (tensor<1x2x!qnn.bipolar>) -> tensor<2x1x!qnn.bipolar>
// CHECK-NEXT:  %[[O:[^ ,]*]] = qnn.reshape %[[TR]] : (tensor<2x1x!qnn.bipolar>) -> tensor<1x2x!qnn.bipolar>
// CHECK-NEXT:  %[[S:[^ ,]*]] = qnn.constant dense<5.000000e-01> : tensor<f32> -> tensor<f32>
// CHECK-NEXT:  %[[M:[^ ,]*]] = qnn.mul %[[O]], %[[S]] : (tensor<1x2x!qnn.bipolar>, tensor<f32>) -> tensor<1x2xf32>
// CHECK-NEXT:  func.return %[[M]] : tensor<1x2xf32>
// CHECK-NEXT:  }
func.func @bipolar(%x: tensor<1x4xf32>) -> tensor<1x2xf32> {
  %q = qnn.bipolar_quant %x {scale = dense<1.0> : tensor<f32>} : (tensor<1x4xf32>) -> tensor<1x4xf32>
  %w = qnn.constant dense<[[1, -1], [1, 1], [-1, 1], [-1, -1]]> : tensor<4x2xi8> -> tensor<4x2x!qnn.bipolar>
  %y = qnn.matmul %q, %w : (tensor<1x4xf32>, tensor<4x2x!qnn.bipolar>) -> tensor<1x2xf32>
  %t = qnn.constant dense<[[0], [1]]> : tensor<2x1xi8> -> tensor<2x1x!qnn.int<2>>
  %a = qnn.multithreshold %y, %t {out_dtype = !qnn.bipolar, out_scale = 2.0 : f32, out_bias = -1.0 : f32} : (tensor<1x2xf32>, tensor<2x1x!qnn.int<2>>) -> tensor<1x2xf32>
  %tr = qnn.transpose %a {perm = array<i64: 1, 0>} : (tensor<1x2xf32>) -> tensor<2x1xf32>
  %o = qnn.reshape %tr : (tensor<2x1xf32>) -> tensor<1x2xf32>
  %s = qnn.constant dense<0.5> : tensor<f32> -> tensor<f32>
  %m = qnn.mul %o, %s : (tensor<1x2xf32>, tensor<f32>) -> tensor<1x2xf32>
  func.return %m : tensor<1x2xf32>
}

// -----

// Integer multithreshold scale and bias: 2 * [0, 2] - 3 = [-3, 1], int<3>.
// CHECK-LABEL: func.func @multithreshold_scale_bias(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x2xf32>) -> tensor<1x2xf32> {
// CHECK-NEXT:  %[[T:[^ ,]*]] = qnn.constant dense<{{\[\[}}5.000000e-01, 1.500000e+00{{\]\]}}> : tensor<1x2xf32> -> tensor<1x2xf32>
// CHECK-NEXT:  %[[A:[^ ,]*]] = qnn.multithreshold %[[X]], %[[T]] {out_dtype = !qnn.uint<2>, out_scale = 2.000000e+00 : f32, out_bias = -3.000000e+00 : f32} : (tensor<1x2xf32>, tensor<1x2xf32>) -> tensor<1x2x!qnn.int<3>>
// CHECK-NEXT:  %[[S:[^ ,]*]] = qnn.constant dense<5.000000e-01> : tensor<f32> -> tensor<f32>
// CHECK-NEXT:  %[[M:[^ ,]*]] = qnn.mul %[[A]], %[[S]] : (tensor<1x2x!qnn.int<3>>, tensor<f32>) -> tensor<1x2xf32>
// CHECK-NEXT:  func.return %[[M]] : tensor<1x2xf32>
// CHECK-NEXT:  }
func.func @multithreshold_scale_bias(%x: tensor<1x2xf32>) -> tensor<1x2xf32> {
  %t = qnn.constant dense<[[0.5, 1.5]]> : tensor<1x2xf32> -> tensor<1x2xf32>
  %a = qnn.multithreshold %x, %t {out_dtype = !qnn.uint<2>, out_scale = 2.0 : f32, out_bias = -3.0 : f32} : (tensor<1x2xf32>, tensor<1x2xf32>) -> tensor<1x2xf32>
  %s = qnn.constant dense<0.5> : tensor<f32> -> tensor<f32>
  %m = qnn.mul %a, %s : (tensor<1x2xf32>, tensor<f32>) -> tensor<1x2xf32>
  func.return %m : tensor<1x2xf32>
}

// -----

// Declared types: int<3> + uint<3> ([1, 4]) is [-3, 7], as narrow as the
// declared int<4>, which is kept; the sub's declared int<16> narrows to
// [-7, 6] = int<4>.
// CHECK-LABEL: func.func @declared_types(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x4x!qnn.int<3>>) -> tensor<1x4xf32> {
// CHECK-NEXT:  %[[C:[^ ,]*]] = qnn.constant dense<{{\[\[}}1, 2, 3, 4{{\]\]}}> : tensor<1x4xi8> -> tensor<1x4x!qnn.uint<3>>
// CHECK-NEXT:  %[[A:[^ ,]*]] = qnn.add %[[X]], %[[C]] : (tensor<1x4x!qnn.int<3>>, tensor<1x4x!qnn.uint<3>>) -> tensor<1x4x!qnn.int<4>>
// CHECK-NEXT:  %[[B:[^ ,]*]] = qnn.sub %[[A]], %[[C]] : (tensor<1x4x!qnn.int<4>>, tensor<1x4x!qnn.uint<3>>) -> tensor<1x4x!qnn.int<4>>
// CHECK-NEXT:  %[[S:[^ ,]*]] = qnn.constant dense<5.000000e-01> : tensor<f32> -> tensor<f32>
// CHECK-NEXT:  %[[O:[^ ,]*]] = qnn.mul %[[B]], %[[S]] : (tensor<1x4x!qnn.int<4>>, tensor<f32>) -> tensor<1x4xf32>
// CHECK-NEXT:  func.return %[[O]] : tensor<1x4xf32>
// CHECK-NEXT:  }
func.func @declared_types(%x: tensor<1x4x!qnn.int<3>>) -> tensor<1x4xf32> {
  %c = qnn.constant dense<[[1, 2, 3, 4]]> : tensor<1x4xi8> -> tensor<1x4x!qnn.uint<3>>
  %a = qnn.add %x, %c : (tensor<1x4x!qnn.int<3>>, tensor<1x4x!qnn.uint<3>>) -> tensor<1x4x!qnn.int<4>>
  %b = qnn.sub %a, %c : (tensor<1x4x!qnn.int<4>>, tensor<1x4x!qnn.uint<3>>) -> tensor<1x4x!qnn.int<16>>
  %s = qnn.constant dense<0.5> : tensor<f32> -> tensor<f32>
  %o = qnn.mul %b, %s : (tensor<1x4x!qnn.int<16>>, tensor<f32>) -> tensor<1x4xf32>
  func.return %o : tensor<1x4xf32>
}

// -----

// A function result keeps its type even when it holds integers.
// CHECK-LABEL: func.func @returned_keeps_type(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x4x!qnn.int<3>>) -> tensor<1x4xf32> {
// CHECK-NEXT:  %[[R:[^ ,]*]] = qnn.relu %[[X]] : (tensor<1x4x!qnn.int<3>>) -> tensor<1x4xf32>
// CHECK-NEXT:  func.return %[[R]] : tensor<1x4xf32>
// CHECK-NEXT:  }
func.func @returned_keeps_type(%x: tensor<1x4x!qnn.int<3>>) -> tensor<1x4xf32> {
  %r = qnn.relu %x : (tensor<1x4x!qnn.int<3>>) -> tensor<1x4xf32>
  func.return %r : tensor<1x4xf32>
}

// -----

// An f32 constant holding integers becomes an integer constant (and stores
// integers); uint<2> * [-1, 2] is [-3, 6]: int<4>.
// CHECK-LABEL: func.func @integer_f32_constant(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x2x!qnn.uint<2>>) -> tensor<1x2xf32> {
// CHECK-NEXT:  %[[C:[^ ,]*]] = qnn.constant dense<{{\[\[}}-1, 2{{\]\]}}> : tensor<1x2xi8> -> tensor<1x2x!qnn.int<3>>
// CHECK-NEXT:  %[[M:[^ ,]*]] = qnn.mul %[[X]], %[[C]] : (tensor<1x2x!qnn.uint<2>>, tensor<1x2x!qnn.int<3>>) -> tensor<1x2x!qnn.int<4>>
// CHECK-NEXT:  %[[S:[^ ,]*]] = qnn.constant dense<5.000000e-01> : tensor<f32> -> tensor<f32>
// CHECK-NEXT:  %[[O:[^ ,]*]] = qnn.mul %[[M]], %[[S]] : (tensor<1x2x!qnn.int<4>>, tensor<f32>) -> tensor<1x2xf32>
// CHECK-NEXT:  func.return %[[O]] : tensor<1x2xf32>
// CHECK-NEXT:  }
func.func @integer_f32_constant(%x: tensor<1x2x!qnn.uint<2>>) -> tensor<1x2xf32> {
  %c = qnn.constant dense<[[-1.0, 2.0]]> : tensor<1x2xf32> -> tensor<1x2xf32>
  %m = qnn.mul %x, %c : (tensor<1x2x!qnn.uint<2>>, tensor<1x2xf32>) -> tensor<1x2xf32>
  %s = qnn.constant dense<0.5> : tensor<f32> -> tensor<f32>
  %o = qnn.mul %m, %s : (tensor<1x2xf32>, tensor<f32>) -> tensor<1x2xf32>
  func.return %o : tensor<1x2xf32>
}

// -----

// Padding with 3 keeps uint<2>; the conv with four unit weights and bias -1
// spans [-1, 11] (int<5>), and the maxpool keeps it.
// CHECK-LABEL: func.func @pad_conv_maxpool(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x1x3x3x!qnn.uint<2>>) -> tensor<1x1x3x3xf32> {
// CHECK-NEXT:  %[[W:[^ ,]*]] = qnn.constant dense<1> : tensor<1x1x2x2xi8> -> tensor<1x1x2x2x!qnn.uint<1>>
// CHECK-NEXT:  %[[B:[^ ,]*]] = qnn.constant dense<-1> : tensor<1xi8> -> tensor<1x!qnn.int<1>>
// CHECK-NEXT:  %[[P:[^ ,]*]] = qnn.pad %[[X]] {pads = array<i64: 0, 0, 1, 1, 0, 0, 0, 0>, value = 3.000000e+00 : f32} : (tensor<1x1x3x3x!qnn.uint<2>>) -> tensor<1x1x4x4x!qnn.uint<2>>
// CHECK-NEXT:  %[[C:[^ ,]*]] = qnn.conv %[[P]], %[[W]], %[[B]] {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x1x4x4x!qnn.uint<2>>, tensor<1x1x2x2x!qnn.uint<1>>, tensor<1x!qnn.int<1>>) -> tensor<1x1x3x3x!qnn.int<5>>
// CHECK-NEXT:  %[[MP:[^ ,]*]] = qnn.maxpool %[[C]] {kernel_shape = array<i64: 1, 1>, strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x1x3x3x!qnn.int<5>>) -> tensor<1x1x3x3x!qnn.int<5>>
// CHECK-NEXT:  %[[S:[^ ,]*]] = qnn.constant dense<5.000000e-01> : tensor<f32> -> tensor<f32>
// CHECK-NEXT:  %[[O:[^ ,]*]] = qnn.mul %[[MP]], %[[S]] : (tensor<1x1x3x3x!qnn.int<5>>, tensor<f32>) -> tensor<1x1x3x3xf32>
// CHECK-NEXT:  func.return %[[O]] : tensor<1x1x3x3xf32>
// CHECK-NEXT:  }
func.func @pad_conv_maxpool(%x: tensor<1x1x3x3x!qnn.uint<2>>) -> tensor<1x1x3x3xf32> {
  %w = qnn.constant dense<[[[[1, 1], [1, 1]]]]> : tensor<1x1x2x2xi8> -> tensor<1x1x2x2x!qnn.uint<1>>
  %b = qnn.constant dense<[-1]> : tensor<1xi8> -> tensor<1x!qnn.int<1>>
  %p = qnn.pad %x {pads = array<i64: 0, 0, 1, 1, 0, 0, 0, 0>, value = 3.0 : f32} : (tensor<1x1x3x3x!qnn.uint<2>>) -> tensor<1x1x4x4xf32>
  %c = qnn.conv %p, %w, %b {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x1x4x4xf32>, tensor<1x1x2x2x!qnn.uint<1>>, tensor<1x!qnn.int<1>>) -> tensor<1x1x3x3xf32>
  %mp = qnn.maxpool %c {kernel_shape = array<i64: 1, 1>, strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x1x3x3xf32>) -> tensor<1x1x3x3xf32>
  %s = qnn.constant dense<0.5> : tensor<f32> -> tensor<f32>
  %o = qnn.mul %mp, %s : (tensor<1x1x3x3xf32>, tensor<f32>) -> tensor<1x1x3x3xf32>
  func.return %o : tensor<1x1x3x3xf32>
}

// -----

// Concat joins the ranges: [0, 3] and [-2, 1] give [-2, 3], int<3>.
// CHECK-LABEL: func.func @concat(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x2x!qnn.uint<2>>, %[[Y:[^:]*]]: tensor<1x2x!qnn.int<2>>) -> tensor<1x4xf32> {
// CHECK-NEXT:  %[[C:[^ ,]*]] = qnn.concat %[[X]], %[[Y]] {axis = 1 : i64} : (tensor<1x2x!qnn.uint<2>>, tensor<1x2x!qnn.int<2>>) -> tensor<1x4x!qnn.int<3>>
// CHECK-NEXT:  %[[S:[^ ,]*]] = qnn.constant dense<5.000000e-01> : tensor<f32> -> tensor<f32>
// CHECK-NEXT:  %[[O:[^ ,]*]] = qnn.mul %[[C]], %[[S]] : (tensor<1x4x!qnn.int<3>>, tensor<f32>) -> tensor<1x4xf32>
// CHECK-NEXT:  func.return %[[O]] : tensor<1x4xf32>
// CHECK-NEXT:  }
func.func @concat(%x: tensor<1x2x!qnn.uint<2>>, %y: tensor<1x2x!qnn.int<2>>) -> tensor<1x4xf32> {
  %c = qnn.concat %x, %y {axis = 1 : i64} : (tensor<1x2x!qnn.uint<2>>, tensor<1x2x!qnn.int<2>>) -> tensor<1x4xf32>
  %s = qnn.constant dense<0.5> : tensor<f32> -> tensor<f32>
  %o = qnn.mul %c, %s : (tensor<1x4xf32>, tensor<f32>) -> tensor<1x4xf32>
  func.return %o : tensor<1x4xf32>
}

// -----

// Anything touching a float stays f32: a float operand, a fractional
// multithreshold scale (and its fractional threshold), a division.
// CHECK-LABEL: func.func @floats_stay(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x2xf32>, %[[Y:[^:]*]]: tensor<1x2x!qnn.int<4>>) -> tensor<1x2xf32> {
// CHECK-NEXT:  %[[A:[^ ,]*]] = qnn.add %[[X]], %[[Y]] : (tensor<1x2xf32>, tensor<1x2x!qnn.int<4>>) -> tensor<1x2xf32>
// CHECK-NEXT:  %[[T:[^ ,]*]] = qnn.constant dense<5.000000e-01> : tensor<1x1xf32> -> tensor<1x1xf32>
// CHECK-NEXT:  %[[M:[^ ,]*]] = qnn.multithreshold %[[Y]], %[[T]] {out_dtype = !qnn.uint<1>, out_scale = 5.000000e-01 : f32} : (tensor<1x2x!qnn.int<4>>, tensor<1x1xf32>) -> tensor<1x2xf32>
// CHECK-NEXT:  %[[D:[^ ,]*]] = qnn.div %[[Y]], %[[Y]] : (tensor<1x2x!qnn.int<4>>, tensor<1x2x!qnn.int<4>>) -> tensor<1x2xf32>
// CHECK-NEXT:  %[[O:[^ ,]*]] = qnn.add %[[M]], %[[D]] : (tensor<1x2xf32>, tensor<1x2xf32>) -> tensor<1x2xf32>
// CHECK-NEXT:  %[[O2:[^ ,]*]] = qnn.add %[[O]], %[[A]] : (tensor<1x2xf32>, tensor<1x2xf32>) -> tensor<1x2xf32>
// CHECK-NEXT:  func.return %[[O2]] : tensor<1x2xf32>
// CHECK-NEXT:  }
func.func @floats_stay(%x: tensor<1x2xf32>, %y: tensor<1x2x!qnn.int<4>>) -> tensor<1x2xf32> {
  %a = qnn.add %x, %y : (tensor<1x2xf32>, tensor<1x2x!qnn.int<4>>) -> tensor<1x2xf32>
  %t = qnn.constant dense<[[0.5]]> : tensor<1x1xf32> -> tensor<1x1xf32>
  %m = qnn.multithreshold %y, %t {out_dtype = !qnn.uint<1>, out_scale = 0.5 : f32} : (tensor<1x2x!qnn.int<4>>, tensor<1x1xf32>) -> tensor<1x2xf32>
  %d = qnn.div %y, %y : (tensor<1x2x!qnn.int<4>>, tensor<1x2x!qnn.int<4>>) -> tensor<1x2xf32>
  %o = qnn.add %m, %d : (tensor<1x2xf32>, tensor<1x2xf32>) -> tensor<1x2xf32>
  %o2 = qnn.add %o, %a : (tensor<1x2xf32>, tensor<1x2xf32>) -> tensor<1x2xf32>
  func.return %o2 : tensor<1x2xf32>
}

// -----

// A range wider than 32 bits is left alone: int<32> * int<32>.
// CHECK-LABEL: func.func @too_wide_stays(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x2x!qnn.int<32>>) -> tensor<1x2xf32> {
// CHECK-NEXT:  %[[M:[^ ,]*]] = qnn.mul %[[X]], %[[X]] : (tensor<1x2x!qnn.int<32>>, tensor<1x2x!qnn.int<32>>) -> tensor<1x2xf32>
// CHECK-NEXT:  %[[S:[^ ,]*]] = qnn.constant dense<5.000000e-01> : tensor<f32> -> tensor<f32>
// CHECK-NEXT:  %[[O:[^ ,]*]] = qnn.mul %[[M]], %[[S]] : (tensor<1x2xf32>, tensor<f32>) -> tensor<1x2xf32>
// CHECK-NEXT:  func.return %[[O]] : tensor<1x2xf32>
// CHECK-NEXT:  }
func.func @too_wide_stays(%x: tensor<1x2x!qnn.int<32>>) -> tensor<1x2xf32> {
  %m = qnn.mul %x, %x : (tensor<1x2x!qnn.int<32>>, tensor<1x2x!qnn.int<32>>) -> tensor<1x2xf32>
  %s = qnn.constant dense<0.5> : tensor<f32> -> tensor<f32>
  %o = qnn.mul %m, %s : (tensor<1x2xf32>, tensor<f32>) -> tensor<1x2xf32>
  func.return %o : tensor<1x2xf32>
}
