// Every verifier rule of the qnn dialect, one chunk each, with its message.
// RUN: finnr-opt %s --split-input-file --verify-diagnostics --parsing-diagnostics | filecheck %s

// --- rules shared by every qnn op -------------------------------------------

func.func @operand_not_datatype(%x: tensor<4xi32>) {
  %r = qnn.relu %x : (tensor<4xi32>) -> tensor<4xf32>
  func.return
}
// CHECK: 'qnn.relu' operand #0 must have a finnr datatype as element type (f32, !qnn.int<n>, !qnn.uint<n>, ...), got i32

// -----

func.func @result_not_datatype(%x: tensor<4xf32>) {
  %r = qnn.relu %x : (tensor<4xf32>) -> tensor<4xi8>
  func.return
}
// CHECK: 'qnn.relu' result #0 must have a finnr datatype as element type (f32, !qnn.int<n>, !qnn.uint<n>, ...), got i8

// -----

// Only the indices of topk may be builtin integers, not its values.
func.func @topk_values_not_datatype(%x: tensor<1x8xf32>) {
  %v, %i = qnn.topk %x {k = 2 : i64} : (tensor<1x8xf32>) -> (tensor<1x2xi64>, tensor<1x2xi64>)
  func.return
}
// CHECK: 'qnn.topk' result #0 must have a finnr datatype as element type (f32, !qnn.int<n>, !qnn.uint<n>, ...), got i64

// -----

func.func @dynamic_shape(%x: tensor<?x4xf32>) {
  %r = qnn.relu %x : (tensor<?x4xf32>) -> tensor<?x4xf32>
  func.return
}
// CHECK: 'qnn.relu' operand #0 must have a static shape, got tensor<?x4xf32>

// -----

func.func @dynamic_result(%x: tensor<2x4xf32>) {
  %r = qnn.reshape %x : (tensor<2x4xf32>) -> tensor<?xf32>
  func.return
}
// CHECK: 'qnn.reshape' result #0 must have a static shape, got tensor<?xf32>

// --- qnn.constant -------------------------------------------------------------

// -----

%c = qnn.constant dense<1> : tensor<4xi8> -> tensor<2x2x!qnn.int<2>>
// CHECK: 'qnn.constant' value shape [4] must equal the result shape [2, 2]

// -----

%c = qnn.constant dense<1> : tensor<4xi8> -> tensor<4xf32>
// CHECK: 'qnn.constant' of element type f32 must store f32 values, got i8

// -----

%c = qnn.constant dense<1.0> : tensor<4xf64> -> tensor<4x!qnn.fixed<8, 4>>
// CHECK: 'qnn.constant' of element type !qnn.fixed<8, 4> must store f32 values, got f64

// -----

%c = qnn.constant dense<1.0> : tensor<4xf32> -> tensor<4x!qnn.int<4>>
// CHECK: 'qnn.constant' of integer datatype !qnn.int<4> must store integer values, got f32

// -----

%c = qnn.constant dense<[0, 1, 8]> : tensor<3xi8> -> tensor<3x!qnn.int<4>>
// CHECK: 'qnn.constant' values must lie in !qnn.int<4> ([-8, 7])

// -----

%c = qnn.constant dense<[1, 0, -1]> : tensor<3xi8> -> tensor<3x!qnn.bipolar>
// CHECK: 'qnn.constant' values must lie in !qnn.bipolar ([-1, 1])

// -----

// 200 stored as ui8 is 200, not -56: it fits uint<8> but not int<8>.
%c = qnn.constant dense<[200, 1]> : tensor<2xui8> -> tensor<2x!qnn.int<8>>
// CHECK: 'qnn.constant' values must lie in !qnn.int<8> ([-128, 127])

// -----

%c = qnn.constant dense<[0.5, 0.25, 0.125]> : tensor<3xf32> -> tensor<3x!qnn.fixed<4, 2>>
// CHECK: 'qnn.constant' values must lie in !qnn.fixed<4, 2> ([-2, 1.75])

// --- qnn.quant ----------------------------------------------------------------

// -----

func.func @quant_shape(%x: tensor<2x3xf32>) {
  %q = qnn.quant %x {bitwidth = 4 : i64, scale = dense<1.0> : tensor<f32>, zeropt = dense<0.0> : tensor<f32>} : (tensor<2x3xf32>) -> tensor<3x2xf32>
  func.return
}
// CHECK: 'qnn.quant' result shape [3, 2] must equal the input shape [2, 3]

// -----

func.func @quant_scale_int(%x: tensor<2x3xf32>) {
  %q = qnn.quant %x {bitwidth = 4 : i64, scale = dense<1> : tensor<i32>, zeropt = dense<0.0> : tensor<f32>} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  func.return
}
// CHECK: 'qnn.quant' scale must be an f32 dense attribute

// -----

// (In xDSL 0.74 `dense<0x7F800000>` reads the hex as an integer value, so
// non-finite dense values are written as raw little-endian bytes.)
func.func @quant_scale_inf(%x: tensor<2x3xf32>) {
  %q = qnn.quant %x {bitwidth = 4 : i64, scale = dense<"0x0000807F"> : tensor<f32>, zeropt = dense<0.0> : tensor<f32>} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  func.return
}
// CHECK: 'qnn.quant' scale must be finite

// -----

func.func @quant_scale_zero(%x: tensor<2x3xf32>) {
  %q = qnn.quant %x {bitwidth = 4 : i64, scale = dense<[[1.0], [0.0]]> : tensor<2x1xf32>, zeropt = dense<0.0> : tensor<f32>} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  func.return
}
// CHECK: 'qnn.quant' scale must be positive

// -----

func.func @quant_scale_broadcast(%x: tensor<2x3xf32>) {
  %q = qnn.quant %x {bitwidth = 4 : i64, scale = dense<1.0> : tensor<2xf32>, zeropt = dense<0.0> : tensor<f32>} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  func.return
}
// CHECK: 'qnn.quant' scale of shape [2] does not broadcast to the input shape [2, 3]

// -----

// A parameter may not broadcast the input to a larger shape.
func.func @quant_zeropt_broadcast(%x: tensor<2x3xf32>) {
  %q = qnn.quant %x {bitwidth = 4 : i64, scale = dense<1.0> : tensor<f32>, zeropt = dense<0.0> : tensor<4x2x3xf32>} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  func.return
}
// CHECK: 'qnn.quant' zeropt of shape [4, 2, 3] does not broadcast to the input shape [2, 3]

// -----

func.func @quant_zeropt_nan(%x: tensor<2x3xf32>) {
  %q = qnn.quant %x {bitwidth = 4 : i64, scale = dense<1.0> : tensor<f32>, zeropt = dense<"0x0000C07F"> : tensor<f32>} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  func.return
}
// CHECK: 'qnn.quant' zeropt must be finite

// -----

func.func @quant_bitwidth_zero(%x: tensor<2x3xf32>) {
  %q = qnn.quant %x {bitwidth = 0 : i64, scale = dense<1.0> : tensor<f32>, zeropt = dense<0.0> : tensor<f32>} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  func.return
}
// CHECK: 'qnn.quant' bitwidth must be in 1..32, got 0

// -----

func.func @quant_bitwidth_wide(%x: tensor<2x3xf32>) {
  %q = qnn.quant %x {bitwidth = 33 : i64, scale = dense<1.0> : tensor<f32>, zeropt = dense<0.0> : tensor<f32>} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  func.return
}
// CHECK: 'qnn.quant' bitwidth must be in 1..32, got 33

// -----

func.func @quant_unsigned_narrow_1bit(%x: tensor<2x3xf32>) {
  %q = qnn.quant %x {bitwidth = 1 : i64, scale = dense<1.0> : tensor<f32>, zeropt = dense<0.0> : tensor<f32>, signed = false, narrow = true} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  func.return
}
// CHECK: 'qnn.quant' an unsigned narrow 1-bit quantizer has a single value (0)

// -----

func.func @quant_rounding(%x: tensor<2x3xf32>) {
  %q = qnn.quant %x {bitwidth = 4 : i64, scale = dense<1.0> : tensor<f32>, zeropt = dense<0.0> : tensor<f32>, rounding_mode = "NEAREST"} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  func.return
}
// CHECK: 'qnn.quant' rounding_mode must be one of ROUND, HALF_EVEN, CEIL, FLOOR, UP, DOWN, ROUND_TO_ZERO, HALF_UP, HALF_DOWN, got 'NEAREST'

// -----

func.func @quant_missing_bitwidth(%x: tensor<2x3xf32>) {
  %q = qnn.quant %x {scale = dense<1.0> : tensor<f32>, zeropt = dense<0.0> : tensor<f32>} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  func.return
}
// CHECK: property 'bitwidth' expected

// --- qnn.bipolar_quant ----------------------------------------------------------

// -----

func.func @bipolar_shape(%x: tensor<2x3xf32>) {
  %q = qnn.bipolar_quant %x {scale = dense<1.0> : tensor<f32>} : (tensor<2x3xf32>) -> tensor<6xf32>
  func.return
}
// CHECK: 'qnn.bipolar_quant' result shape [6] must equal the input shape [2, 3]

// -----

func.func @bipolar_scale(%x: tensor<2x3xf32>) {
  %q = qnn.bipolar_quant %x {scale = dense<-1.0> : tensor<f32>} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  func.return
}
// CHECK: 'qnn.bipolar_quant' scale must be positive

// -----

func.func @bipolar_scale_broadcast(%x: tensor<2x3xf32>) {
  %q = qnn.bipolar_quant %x {scale = dense<1.0> : tensor<1x2xf32>} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  func.return
}
// CHECK: 'qnn.bipolar_quant' scale of shape [1, 2] does not broadcast to the input shape [2, 3]

// --- qnn.trunc ----------------------------------------------------------------

// -----

func.func @trunc_shape(%x: tensor<2x3xf32>) {
  %t = qnn.trunc %x {scale = dense<1.0> : tensor<f32>, zeropt = dense<0.0> : tensor<f32>, in_bitwidth = 8 : i64, out_bitwidth = 4 : i64} : (tensor<2x3xf32>) -> tensor<2x4xf32>
  func.return
}
// CHECK: 'qnn.trunc' result shape [2, 4] must equal the input shape [2, 3]

// -----

func.func @trunc_scale(%x: tensor<2x3xf32>) {
  %t = qnn.trunc %x {scale = dense<0.0> : tensor<f32>, zeropt = dense<0.0> : tensor<f32>, in_bitwidth = 8 : i64, out_bitwidth = 4 : i64} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  func.return
}
// CHECK: 'qnn.trunc' scale must be positive

// -----

func.func @trunc_zeropt_broadcast(%x: tensor<2x3xf32>) {
  %t = qnn.trunc %x {scale = dense<1.0> : tensor<f32>, zeropt = dense<0.0> : tensor<3x1xf32>, in_bitwidth = 8 : i64, out_bitwidth = 4 : i64} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  func.return
}
// CHECK: 'qnn.trunc' zeropt of shape [3, 1] does not broadcast to the input shape [2, 3]

// -----

func.func @trunc_in_bitwidth(%x: tensor<2x3xf32>) {
  %t = qnn.trunc %x {scale = dense<1.0> : tensor<f32>, zeropt = dense<0.0> : tensor<f32>, in_bitwidth = 40 : i64, out_bitwidth = 4 : i64} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  func.return
}
// CHECK: 'qnn.trunc' in_bitwidth must be in 1..32, got 40

// -----

func.func @trunc_out_bitwidth(%x: tensor<2x3xf32>) {
  %t = qnn.trunc %x {scale = dense<1.0> : tensor<f32>, zeropt = dense<0.0> : tensor<f32>, in_bitwidth = 8 : i64, out_bitwidth = 0 : i64} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  func.return
}
// CHECK: 'qnn.trunc' out_bitwidth must be in 1..32, got 0

// -----

func.func @trunc_widens(%x: tensor<2x3xf32>) {
  %t = qnn.trunc %x {scale = dense<1.0> : tensor<f32>, zeropt = dense<0.0> : tensor<f32>, in_bitwidth = 4 : i64, out_bitwidth = 8 : i64} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  func.return
}
// CHECK: 'qnn.trunc' out_bitwidth (8) must not exceed in_bitwidth (4)

// -----

func.func @trunc_rounding(%x: tensor<2x3xf32>) {
  %t = qnn.trunc %x {scale = dense<1.0> : tensor<f32>, zeropt = dense<0.0> : tensor<f32>, in_bitwidth = 8 : i64, out_bitwidth = 4 : i64, rounding_mode = "floor"} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  func.return
}
// CHECK: 'qnn.trunc' rounding_mode must be one of ROUND, HALF_EVEN, CEIL, FLOOR, UP, DOWN, ROUND_TO_ZERO, HALF_UP, HALF_DOWN, got 'floor'

// --- qnn.multithreshold ------------------------------------------------------------

// -----

func.func @mt_shape(%x: tensor<1x4xf32>, %t: tensor<4x3xf32>) {
  %y = qnn.multithreshold %x, %t {out_dtype = !qnn.uint<2>} : (tensor<1x4xf32>, tensor<4x3xf32>) -> tensor<1x3x!qnn.uint<2>>
  func.return
}
// CHECK: 'qnn.multithreshold' result shape [1, 3] must equal the input shape [1, 4]

// -----

func.func @mt_layout(%x: tensor<1x4xf32>, %t: tensor<4x3xf32>) {
  %y = qnn.multithreshold %x, %t {out_dtype = !qnn.uint<2>, data_layout = "CN"} : (tensor<1x4xf32>, tensor<4x3xf32>) -> tensor<1x4x!qnn.uint<2>>
  func.return
}
// CHECK: 'qnn.multithreshold' data_layout must be one of NCHW, NHWC, NC, NCW, NWC, got 'CN'

// -----

func.func @mt_thresholds_rank(%x: tensor<1x4xf32>, %t: tensor<3xf32>) {
  %y = qnn.multithreshold %x, %t {out_dtype = !qnn.uint<2>} : (tensor<1x4xf32>, tensor<3xf32>) -> tensor<1x4x!qnn.uint<2>>
  func.return
}
// CHECK: 'qnn.multithreshold' thresholds must have rank 2 (channels, steps), got shape [3]

// -----

func.func @mt_input_rank(%x: tensor<f32>, %t: tensor<1x3xf32>) {
  %y = qnn.multithreshold %x, %t {out_dtype = !qnn.uint<2>} : (tensor<f32>, tensor<1x3xf32>) -> tensor<!qnn.uint<2>>
  func.return
}
// CHECK: 'qnn.multithreshold' input must have rank >= 1

// -----

// NHWC: the channels are the last axis (8), not axis 1 (4).
func.func @mt_rows(%x: tensor<1x4x4x8xf32>, %t: tensor<4x3xf32>) {
  %y = qnn.multithreshold %x, %t {out_dtype = !qnn.uint<2>, data_layout = "NHWC"} : (tensor<1x4x4x8xf32>, tensor<4x3xf32>) -> tensor<1x4x4x8x!qnn.uint<2>>
  func.return
}
// CHECK: 'qnn.multithreshold' thresholds must have 1 or 8 rows (one per channel), got 4

// -----

func.func @mt_out_dtype_float(%x: tensor<1x4xf32>, %t: tensor<4x3xf32>) {
  %y = qnn.multithreshold %x, %t {out_dtype = f32} : (tensor<1x4xf32>, tensor<4x3xf32>) -> tensor<1x4xf32>
  func.return
}
// CHECK: 'qnn.multithreshold' out_dtype must be an integer datatype, got f32

// -----

func.func @mt_out_dtype_builtin(%x: tensor<1x4xf32>, %t: tensor<4x3xf32>) {
  %y = qnn.multithreshold %x, %t {out_dtype = i8} : (tensor<1x4xf32>, tensor<4x3xf32>) -> tensor<1x4xf32>
  func.return
}
// CHECK: 'qnn.multithreshold' out_dtype must be an integer datatype, got i8

// -----

func.func @mt_too_many(%x: tensor<1x4xf32>, %t: tensor<4x4xf32>) {
  %y = qnn.multithreshold %x, %t {out_dtype = !qnn.uint<2>} : (tensor<1x4xf32>, tensor<4x4xf32>) -> tensor<1x4x!qnn.uint<2>>
  func.return
}
// CHECK: 'qnn.multithreshold' 4 thresholds give 5 levels, more than !qnn.uint<2> holds (4)

// -----

// Ternary holds three values: at most two thresholds, though it has two bits.
func.func @mt_ternary(%x: tensor<1x4xf32>, %t: tensor<1x3xf32>) {
  %y = qnn.multithreshold %x, %t {out_dtype = !qnn.ternary, out_bias = -1.0 : f32} : (tensor<1x4xf32>, tensor<1x3xf32>) -> tensor<1x4x!qnn.ternary>
  func.return
}
// CHECK: 'qnn.multithreshold' 3 thresholds give 4 levels, more than !qnn.ternary holds (3)

// -----

func.func @mt_bipolar(%x: tensor<1x4xf32>, %t: tensor<1x2xf32>) {
  %y = qnn.multithreshold %x, %t {out_dtype = !qnn.bipolar, out_scale = 2.0 : f32, out_bias = -1.0 : f32} : (tensor<1x4xf32>, tensor<1x2xf32>) -> tensor<1x4x!qnn.bipolar>
  func.return
}
// CHECK: 'qnn.multithreshold' 2 thresholds give 3 levels, more than !qnn.bipolar holds (2)

// -----

func.func @mt_scale_inf(%x: tensor<1x4xf32>, %t: tensor<1x3xf32>) {
  %y = qnn.multithreshold %x, %t {out_dtype = !qnn.uint<2>, out_scale = 0x7F800000 : f32} : (tensor<1x4xf32>, tensor<1x3xf32>) -> tensor<1x4xf32>
  func.return
}
// CHECK: 'qnn.multithreshold' out_scale and out_bias must be finite

// --- qnn.matmul -----------------------------------------------------------------

// -----

func.func @matmul_inner(%a: tensor<1x8xf32>, %b: tensor<6x4xf32>) {
  %y = qnn.matmul %a, %b : (tensor<1x8xf32>, tensor<6x4xf32>) -> tensor<1x4xf32>
  func.return
}
// CHECK: 'qnn.matmul' operand shapes [1, 8] and [6, 4] do not match

// -----

func.func @matmul_batch(%a: tensor<2x1x8xf32>, %b: tensor<3x8x4xf32>) {
  %y = qnn.matmul %a, %b : (tensor<2x1x8xf32>, tensor<3x8x4xf32>) -> tensor<3x1x4xf32>
  func.return
}
// CHECK: 'qnn.matmul' operand shapes [2, 1, 8] and [3, 8, 4] do not match

// -----

func.func @matmul_result(%a: tensor<1x8xf32>, %b: tensor<8x4xf32>) {
  %y = qnn.matmul %a, %b : (tensor<1x8xf32>, tensor<8x4xf32>) -> tensor<4xf32>
  func.return
}
// CHECK: 'qnn.matmul' result shape must be [1, 4], got [4]

// --- qnn.conv -------------------------------------------------------------------

// -----

func.func @conv_rank(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3xf32>) {
  %y = qnn.conv %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x3x8x8xf32>, tensor<4x3x3xf32>) -> tensor<1x4x6x6xf32>
  func.return
}
// CHECK: 'qnn.conv' input and weights must have the same rank >= 3, got shapes [1, 3, 8, 8] and [4, 3, 3]

// -----

func.func @conv_layout(%x: tensor<1x8x8x3xf32>, %w: tensor<4x3x3x3xf32>) {
  %y = qnn.conv %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, data_layout = "nhwc"} : (tensor<1x8x8x3xf32>, tensor<4x3x3x3xf32>) -> tensor<1x6x6x4xf32>
  func.return
}
// CHECK: 'qnn.conv' data_layout must be NCHW or NHWC, got 'nhwc'

// -----

func.func @conv_kernel_zero(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x0x3xf32>) {
  %y = qnn.conv %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x3x8x8xf32>, tensor<4x3x0x3xf32>) -> tensor<1x4x9x6xf32>
  func.return
}
// CHECK: 'qnn.conv' kernel dimensions [0, 3] must be >= 1

// -----

func.func @conv_group(%x: tensor<1x6x8x8xf32>, %w: tensor<4x2x3x3xf32>) {
  %y = qnn.conv %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, group = 3 : i64} : (tensor<1x6x8x8xf32>, tensor<4x2x3x3xf32>) -> tensor<1x4x6x6xf32>
  func.return
}
// CHECK: 'qnn.conv' group (3) must divide the input channels (6) and output channels (4)

// -----

func.func @conv_group_zero(%x: tensor<1x6x8x8xf32>, %w: tensor<4x2x3x3xf32>) {
  %y = qnn.conv %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, group = 0 : i64} : (tensor<1x6x8x8xf32>, tensor<4x2x3x3xf32>) -> tensor<1x4x6x6xf32>
  func.return
}
// CHECK: 'qnn.conv' group (0) must divide the input channels (6) and output channels (4)

// -----

func.func @conv_channels(%x: tensor<1x6x8x8xf32>, %w: tensor<4x2x3x3xf32>) {
  %y = qnn.conv %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, group = 2 : i64} : (tensor<1x6x8x8xf32>, tensor<4x2x3x3xf32>) -> tensor<1x4x6x6xf32>
  func.return
}
// CHECK: 'qnn.conv' weights have 2 input channels per group, expected 3

// -----

func.func @conv_bias(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>, %b: tensor<3xf32>) {
  %y = qnn.conv %x, %w, %b {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>, tensor<3xf32>) -> tensor<1x4x6x6xf32>
  func.return
}
// CHECK: 'qnn.conv' bias must have shape [4], got [3]

// -----

func.func @conv_attr_counts(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) {
  %y = qnn.conv %x, %w {strides = array<i64: 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32>
  func.return
}
// CHECK: 'qnn.conv' needs 2 strides, 2 dilations and 4 pads for 2 spatial axes, got 1, 2 and 4

// -----

func.func @conv_stride_zero(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) {
  %y = qnn.conv %x, %w {strides = array<i64: 0, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32>
  func.return
}
// CHECK: 'qnn.conv' strides and dilations must be >= 1

// -----

func.func @conv_negative_pad(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) {
  %y = qnn.conv %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, -1, 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x6x5xf32>
  func.return
}
// CHECK: 'qnn.conv' pads must be >= 0

// -----

func.func @conv_window_too_big(%x: tensor<1x3x4x4xf32>, %w: tensor<4x3x3x3xf32>) {
  %y = qnn.conv %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 2, 2>} : (tensor<1x3x4x4xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x1x1xf32>
  func.return
}
// CHECK: 'qnn.conv' window [3, 3] does not fit the input [4, 4]

// -----

func.func @conv_result(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) {
  %y = qnn.conv %x, %w {strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x3x3xf32>
  func.return
}
// CHECK: 'qnn.conv' result shape must be [1, 4, 4, 4], got [1, 4, 3, 3]

// -----

func.func @conv_float_strides(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) {
  %y = "qnn.conv"(%x, %w) <{strides = array<f32: 1.0, 1.0>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>}> : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32>
  func.return
}
// CHECK: Expected attribute i64 but got f32

// --- qnn.maxpool / qnn.avgpool ----------------------------------------------------

// -----

func.func @pool_kernel_rank(%x: tensor<1x3x8x8xf32>) {
  %y = qnn.maxpool %x {kernel_shape = array<i64: 2>, strides = array<i64: 2>, pads = array<i64: 0, 0>, dilations = array<i64: 1>} : (tensor<1x3x8x8xf32>) -> tensor<1x3x4x4xf32>
  func.return
}
// CHECK: 'qnn.maxpool' kernel_shape [2] does not match an input of rank 4

// -----

func.func @pool_kernel_zero(%x: tensor<1x3x8x8xf32>) {
  %y = qnn.avgpool %x {kernel_shape = array<i64: 2, 0>, strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x3x8x8xf32>) -> tensor<1x3x4x4xf32>
  func.return
}
// CHECK: 'qnn.avgpool' kernel_shape entries must be >= 1

// -----

func.func @pool_layout(%x: tensor<1x3x8x8xf32>) {
  %y = qnn.maxpool %x {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, data_layout = "NC"} : (tensor<1x3x8x8xf32>) -> tensor<1x3x4x4xf32>
  func.return
}
// CHECK: 'qnn.maxpool' data_layout must be NCHW or NHWC, got 'NC'

// -----

func.func @pool_dilation_zero(%x: tensor<1x3x8x8xf32>) {
  %y = qnn.maxpool %x {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 0>} : (tensor<1x3x8x8xf32>) -> tensor<1x3x4x4xf32>
  func.return
}
// CHECK: 'qnn.maxpool' strides and dilations must be >= 1

// -----

func.func @pool_result(%x: tensor<1x3x7x7xf32>) {
  %y = qnn.maxpool %x {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, ceil_mode = true} : (tensor<1x3x7x7xf32>) -> tensor<1x3x3x3xf32>
  func.return
}
// CHECK: 'qnn.maxpool' result shape must be [1, 3, 4, 4], got [1, 3, 3, 3]

// -----

func.func @pool_window_too_big(%x: tensor<1x3x2x2xf32>) {
  %y = qnn.avgpool %x {kernel_shape = array<i64: 3, 3>, strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x3x2x2xf32>) -> tensor<1x3x1x1xf32>
  func.return
}
// CHECK: 'qnn.avgpool' window [3, 3] does not fit the input [2, 2]

// --- qnn.im2col -------------------------------------------------------------------

// -----

func.func @im2col_layout(%x: tensor<1x3x8x8xf32>) {
  %y = qnn.im2col %x {kernel_shape = array<i64: 3, 3>, strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x3x8x8xf32>) -> tensor<1x1x6x72xf32>
  func.return
}
// CHECK: 'qnn.im2col' works on NHWC tensors only

// -----

func.func @im2col_rank(%x: tensor<1x8x8x3xf32>) {
  %y = qnn.im2col %x {kernel_shape = array<i64: 3>, strides = array<i64: 1>, pads = array<i64: 0, 0>, dilations = array<i64: 1>, data_layout = "NHWC"} : (tensor<1x8x8x3xf32>) -> tensor<1x6x27xf32>
  func.return
}
// CHECK: 'qnn.im2col' kernel_shape [3] does not match an input of rank 4

// -----

func.func @im2col_pads(%x: tensor<1x8x8x3xf32>) {
  %y = qnn.im2col %x {kernel_shape = array<i64: 3, 3>, strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, data_layout = "NHWC"} : (tensor<1x8x8x3xf32>) -> tensor<1x8x8x27xf32>
  func.return
}
// CHECK: 'qnn.im2col' pads must be zero (use qnn.pad)

// -----

func.func @im2col_result(%x: tensor<1x8x8x3xf32>) {
  %y = qnn.im2col %x {kernel_shape = array<i64: 3, 3>, strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, data_layout = "NHWC"} : (tensor<1x8x8x3xf32>) -> tensor<1x6x6x9xf32>
  func.return
}
// CHECK: 'qnn.im2col' result shape must be [1, 6, 6, 27], got [1, 6, 6, 9]

// --- qnn.batchnorm ----------------------------------------------------------------

// -----

func.func @bn_shape(%x: tensor<1x4x2x2xf32>, %p: tensor<4xf32>) {
  %y = qnn.batchnorm %x, %p, %p, %p, %p : (tensor<1x4x2x2xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<1x4x4xf32>
  func.return
}
// CHECK: 'qnn.batchnorm' result shape [1, 4, 4] must equal the input shape [1, 4, 2, 2]

// -----

func.func @bn_rank(%x: tensor<4xf32>, %p: tensor<4xf32>) {
  %y = qnn.batchnorm %x, %p, %p, %p, %p : (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  func.return
}
// CHECK: 'qnn.batchnorm' input must have rank >= 2 (N, C, ...)

// -----

func.func @bn_param(%x: tensor<1x4x2x2xf32>, %p: tensor<4xf32>, %m: tensor<2xf32>) {
  %y = qnn.batchnorm %x, %p, %p, %m, %p : (tensor<1x4x2x2xf32>, tensor<4xf32>, tensor<4xf32>, tensor<2xf32>, tensor<4xf32>) -> tensor<1x4x2x2xf32>
  func.return
}
// CHECK: 'qnn.batchnorm' mean must have shape [4], got [2]

// -----

func.func @bn_epsilon(%x: tensor<1x4x2x2xf32>, %p: tensor<4xf32>) {
  %y = qnn.batchnorm %x, %p, %p, %p, %p {epsilon = -1.0e-05 : f32} : (tensor<1x4x2x2xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<1x4x2x2xf32>
  func.return
}
// CHECK: 'qnn.batchnorm' epsilon must be >= 0

// --- elementwise --------------------------------------------------------------------

// -----

func.func @add_broadcast(%a: tensor<2x3xf32>, %b: tensor<2xf32>) {
  %y = qnn.add %a, %b : (tensor<2x3xf32>, tensor<2xf32>) -> tensor<2x3xf32>
  func.return
}
// CHECK: 'qnn.add' operand shapes [2, 3] and [2] do not broadcast

// -----

func.func @mul_result(%a: tensor<2x1xf32>, %b: tensor<3xf32>) {
  %y = qnn.mul %a, %b : (tensor<2x1xf32>, tensor<3xf32>) -> tensor<2x1xf32>
  func.return
}
// CHECK: 'qnn.mul' result shape must be [2, 3], got [2, 1]

// -----

func.func @relu_shape(%a: tensor<2x3xf32>) {
  %y = qnn.relu %a : (tensor<2x3xf32>) -> tensor<3x2xf32>
  func.return
}
// CHECK: 'qnn.relu' result shape [3, 2] must equal the input shape [2, 3]

// --- data movement -------------------------------------------------------------------

// -----

func.func @reshape(%a: tensor<2x3xf32>) {
  %y = qnn.reshape %a : (tensor<2x3xf32>) -> tensor<4xf32>
  func.return
}
// CHECK: 'qnn.reshape' cannot reshape [2, 3] (6 elements) into [4] (4 elements)

// -----

func.func @transpose_perm(%a: tensor<2x3xf32>) {
  %y = qnn.transpose %a {perm = array<i64: 0, 0>} : (tensor<2x3xf32>) -> tensor<2x2xf32>
  func.return
}
// CHECK: 'qnn.transpose' perm [0, 0] is not a permutation of 2 axes

// -----

func.func @transpose_result(%a: tensor<2x3x4xf32>) {
  %y = qnn.transpose %a {perm = array<i64: 2, 0, 1>} : (tensor<2x3x4xf32>) -> tensor<4x3x2xf32>
  func.return
}
// CHECK: 'qnn.transpose' result shape must be [4, 2, 3], got [4, 3, 2]

// -----

// A float perm is rejected by the property's type, not by a crash.
func.func @transpose_float_perm(%a: tensor<2x3xf32>) {
  %y = "qnn.transpose"(%a) <{perm = array<f32: 1.0, 0.0>}> : (tensor<2x3xf32>) -> tensor<3x2xf32>
  func.return
}
// CHECK: Expected attribute i64 but got f32

// -----

func.func @pad_count(%a: tensor<2x3xf32>) {
  %y = qnn.pad %a {pads = array<i64: 1, 1>} : (tensor<2x3xf32>) -> tensor<3x4xf32>
  func.return
}
// CHECK: 'qnn.pad' needs 4 pads for rank 2, got 2

// -----

func.func @pad_negative(%a: tensor<2x3xf32>) {
  %y = qnn.pad %a {pads = array<i64: 0, -1, 0, 0>} : (tensor<2x3xf32>) -> tensor<2x2xf32>
  func.return
}
// CHECK: 'qnn.pad' pads must be >= 0

// -----

func.func @pad_result(%a: tensor<2x3xf32>) {
  %y = qnn.pad %a {pads = array<i64: 1, 0, 0, 2>} : (tensor<2x3xf32>) -> tensor<3x3xf32>
  func.return
}
// CHECK: 'qnn.pad' result shape must be [3, 5], got [3, 3]

// -----

func.func @pad_value(%a: tensor<2x3x!qnn.uint<4>>) {
  %y = qnn.pad %a {pads = array<i64: 1, 1, 1, 1>, value = -1.0 : f32} : (tensor<2x3x!qnn.uint<4>>) -> tensor<4x5x!qnn.uint<4>>
  func.return
}
// CHECK: 'qnn.pad' pad value -1 is not in !qnn.uint<4>

// -----

func.func @concat_empty() {
  %y = "qnn.concat"() <{axis = 0 : i64}> : () -> tensor<0xf32>
  func.return
}
// CHECK: 'qnn.concat' needs at least one input

// -----

func.func @concat_axis(%a: tensor<2x3xf32>) {
  %y = qnn.concat %a, %a {axis = 2 : i64} : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x6xf32>
  func.return
}
// CHECK: 'qnn.concat' axis 2 is out of range for rank 2

// -----

func.func @concat_shapes(%a: tensor<2x3xf32>, %b: tensor<3x3xf32>) {
  %y = qnn.concat %a, %b {axis = 1 : i64} : (tensor<2x3xf32>, tensor<3x3xf32>) -> tensor<2x6xf32>
  func.return
}
// CHECK: 'qnn.concat' input shapes {{\[\[}}2, 3], [3, 3{{\]\]}} differ outside axis 1

// -----

func.func @concat_result(%a: tensor<2x3xf32>, %b: tensor<2x1xf32>) {
  %y = qnn.concat %a, %b {axis = 1 : i64} : (tensor<2x3xf32>, tensor<2x1xf32>) -> tensor<2x3xf32>
  func.return
}
// CHECK: 'qnn.concat' result shape must be [2, 4], got [2, 3]

// --- qnn.topk -------------------------------------------------------------------

// -----

func.func @topk_axis(%a: tensor<1x8xf32>) {
  %v, %i = qnn.topk %a {k = 2 : i64, axis = 2 : i64} : (tensor<1x8xf32>) -> (tensor<1x2xf32>, tensor<1x2xi64>)
  func.return
}
// CHECK: 'qnn.topk' axis 2 is out of range for rank 2

// -----

func.func @topk_k(%a: tensor<1x8xf32>) {
  %v, %i = qnn.topk %a {k = 9 : i64} : (tensor<1x8xf32>) -> (tensor<1x9xf32>, tensor<1x9xi64>)
  func.return
}
// CHECK: 'qnn.topk' k must be in 1..8, got 9

// -----

func.func @topk_values_shape(%a: tensor<4x8xf32>) {
  %v, %i = qnn.topk %a {k = 2 : i64, axis = -2 : i64} : (tensor<4x8xf32>) -> (tensor<4x2xf32>, tensor<2x8xi64>)
  func.return
}
// CHECK: 'qnn.topk' values shape must be [2, 8], got [4, 2]

// -----

func.func @topk_indices_shape(%a: tensor<1x8xf32>) {
  %v, %i = qnn.topk %a {k = 2 : i64} : (tensor<1x8xf32>) -> (tensor<1x2xf32>, tensor<2xi64>)
  func.return
}
// CHECK: 'qnn.topk' indices shape must be [1, 2], got [2]

// -----

func.func @topk_indices_type(%a: tensor<1x8xf32>) {
  %v, %i = qnn.topk %a {k = 2 : i64} : (tensor<1x8xf32>) -> (tensor<1x2xf32>, tensor<1x2xi32>)
  func.return
}
// CHECK: 'qnn.topk' indices must be i64, got i32

// -----

// --- activations --------------------------------------------------------------

func.func @leaky_relu_negative_alpha(%x: tensor<4xf32>) {
  %r = qnn.leaky_relu %x {alpha = -0.5 : f32} : (tensor<4xf32>) -> tensor<4xf32>
  func.return
}
// CHECK: 'qnn.leaky_relu' alpha must be >= 0, got -0.5

// -----

func.func @clip_min_above_max(%x: tensor<4xf32>) {
  %r = qnn.clip %x {min = 2.0 : f32, max = 1.0 : f32} : (tensor<4xf32>) -> tensor<4xf32>
  func.return
}
// CHECK: 'qnn.clip' min (2) must not exceed max (1)

// -----

func.func @hard_sigmoid_negative_alpha(%x: tensor<4xf32>) {
  %r = qnn.hard_sigmoid %x {alpha = -0.2 : f32} : (tensor<4xf32>) -> tensor<4xf32>
  func.return
}
// CHECK: 'qnn.hard_sigmoid' alpha must be >= 0, got -0.2

// -----

func.func @sigmoid_shape(%x: tensor<4xf32>) {
  %r = qnn.sigmoid %x : (tensor<4xf32>) -> tensor<2x2xf32>
  func.return
}
// CHECK: 'qnn.sigmoid' result shape [2, 2] must equal the input shape [4]

// -----

func.func @trunc_v1_signed(%x: tensor<2x3xf32>) {
  %t = qnn.trunc %x {scale = dense<1.0> : tensor<f32>, zeropt = dense<0.0> : tensor<f32>, in_bitwidth = 8 : i64, out_bitwidth = 4 : i64, signed = false} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  func.return
}
// CHECK: 'qnn.trunc' signed and narrow need out_scale (Trunc v2)

// -----

func.func @trunc_v2_out_scale(%x: tensor<2x3xf32>) {
  %t = qnn.trunc %x {scale = dense<1.0> : tensor<f32>, zeropt = dense<0.0> : tensor<f32>, in_bitwidth = 8 : i64, out_bitwidth = 4 : i64, out_scale = dense<-1.0> : tensor<f32>} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  func.return
}
// CHECK: 'qnn.trunc' out_scale must be positive

// -----

func.func @trunc_v1_widens(%x: tensor<2x3xf32>) {
  %t = qnn.trunc %x {scale = dense<1.0> : tensor<f32>, zeropt = dense<0.0> : tensor<f32>, in_bitwidth = 4 : i64, out_bitwidth = 8 : i64} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  func.return
}
// CHECK: 'qnn.trunc' out_bitwidth (8) must not exceed in_bitwidth (4)

// -----

// --- model-zoo data movement -------------------------------------------------------

func.func @depth_to_space_channels(%x: tensor<1x6x2x2xf32>) {
  %r = qnn.depth_to_space %x {blocksize = 2 : i64} : (tensor<1x6x2x2xf32>) -> tensor<1x1x4x4xf32>
  func.return
}
// CHECK: 'qnn.depth_to_space' channels (6) must be a multiple of blocksize^2 (4)

// -----

func.func @depth_to_space_mode(%x: tensor<1x8x2x2xf32>) {
  %r = qnn.depth_to_space %x {blocksize = 2 : i64, mode = "RDC"} : (tensor<1x8x2x2xf32>) -> tensor<1x2x4x4xf32>
  func.return
}
// CHECK: 'qnn.depth_to_space' mode must be DCR or CRD, got 'RDC'

// -----

func.func @space_to_depth_shape(%x: tensor<1x2x4x4xf32>) {
  %r = qnn.space_to_depth %x {blocksize = 2 : i64} : (tensor<1x2x4x4xf32>) -> tensor<1x8x4x4xf32>
  func.return
}
// CHECK: 'qnn.space_to_depth' result shape must be [1, 8, 2, 2], got [1, 8, 4, 4]

// -----

func.func @resize_size(%x: tensor<1x2x4x4xf32>) {
  %r = qnn.resize %x {scales = dense<[1.0, 1.0, 2.0, 2.0]> : tensor<4xf32>} : (tensor<1x2x4x4xf32>) -> tensor<1x2x8x9xf32>
  func.return
}
// CHECK: 'qnn.resize' axis 3: 4 elements scaled by 2 cannot give 9

// -----

func.func @resize_mode(%x: tensor<1x2x4x4xf32>) {
  %r = qnn.resize %x {scales = dense<[1.0, 1.0, 2.0, 2.0]> : tensor<4xf32>, nearest_mode = "nearest"} : (tensor<1x2x4x4xf32>) -> tensor<1x2x8x8xf32>
  func.return
}
// CHECK: 'qnn.resize' nearest_mode must be one of round_prefer_floor, round_prefer_ceil, floor, ceil, got 'nearest'

// -----

func.func @slice_out_of_range(%x: tensor<1x6xf32>) {
  %r = qnn.slice %x {starts = array<i64: 0, 4>, steps = array<i64: 1, 2>} : (tensor<1x6xf32>) -> tensor<1x2xf32>
  func.return
}
// CHECK: 'qnn.slice' axis 1: 2 elements from 4 in steps of 2 do not fit in 6

// -----

func.func @split_sizes(%x: tensor<1x6xf32>) {
  %a, %b = qnn.split %x {axis = 1 : i64} : (tensor<1x6xf32>) -> (tensor<1x2xf32>, tensor<1x3xf32>)
  func.return
}
// CHECK: 'qnn.split' result sizes along axis 1 sum to 5, not 6

// -----

func.func @softmax_axis(%x: tensor<1x6xf32>) {
  %r = qnn.softmax %x {axis = 2 : i64} : (tensor<1x6xf32>) -> tensor<1x6xf32>
  func.return
}
// CHECK: 'qnn.softmax' axis 2 is out of range for rank 2

// -----

func.func @argmax_type(%x: tensor<1x6xf32>) {
  %r = qnn.argmax %x : (tensor<1x6xf32>) -> tensor<1x1xi32>
  func.return
}
// CHECK: 'qnn.argmax' result must be i64, got i32
