// Default-valued properties (quant signed/narrow/rounding_mode, trunc
// rounding_mode, multithreshold out_scale/out_bias/data_layout, conv
// group/data_layout, pool ceil_mode/count_include_pad/data_layout, batchnorm
// epsilon, pad value, topk axis/largest) are elided from the custom form even
// when written out, and present in the generic form even when left out.
// Other values are printed in both.
// RUN: finnr-opt %s | filecheck %s --check-prefix=CUSTOM
// RUN: finnr-opt %s | finnr-opt --print-op-generic | filecheck %s --check-prefix=GENERIC

func.func @defaults(%x: tensor<1x4x4x4xf32>, %w: tensor<4x4x1x1xf32>, %t: tensor<1x3xf32>, %p: tensor<4xf32>, %v: tensor<1x8xf32>) {
  %q = qnn.quant %x {bitwidth = 4 : i64, scale = dense<1.0> : tensor<f32>, zeropt = dense<0.0> : tensor<f32>, signed = true, narrow = false, rounding_mode = "ROUND"} : (tensor<1x4x4x4xf32>) -> tensor<1x4x4x4xf32>
  %tr = qnn.trunc %x {scale = dense<1.0> : tensor<f32>, zeropt = dense<0.0> : tensor<f32>, in_bitwidth = 8 : i64, out_bitwidth = 4 : i64, rounding_mode = "FLOOR"} : (tensor<1x4x4x4xf32>) -> tensor<1x4x4x4xf32>
  %mt = qnn.multithreshold %x, %t {out_dtype = !qnn.uint<2>, out_scale = 1.0 : f32, out_bias = 0.0 : f32, data_layout = "NCHW"} : (tensor<1x4x4x4xf32>, tensor<1x3xf32>) -> tensor<1x4x4x4x!qnn.uint<2>>
  %c = qnn.conv %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, group = 1 : i64, data_layout = "NCHW"} : (tensor<1x4x4x4xf32>, tensor<4x4x1x1xf32>) -> tensor<1x4x4x4xf32>
  %mp = qnn.maxpool %x {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, ceil_mode = false, data_layout = "NCHW"} : (tensor<1x4x4x4xf32>) -> tensor<1x4x2x2xf32>
  %ap = qnn.avgpool %x {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, ceil_mode = false, count_include_pad = false, data_layout = "NCHW"} : (tensor<1x4x4x4xf32>) -> tensor<1x4x2x2xf32>
  %bn = qnn.batchnorm %x, %p, %p, %p, %p {epsilon = 1.0e-05 : f32} : (tensor<1x4x4x4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<1x4x4x4xf32>
  %pd = qnn.pad %x {pads = array<i64: 0, 0, 1, 1, 0, 0, 1, 1>, value = 0.0 : f32} : (tensor<1x4x4x4xf32>) -> tensor<1x4x6x6xf32>
  %tv, %ti = qnn.topk %v {k = 3 : i64, axis = -1 : i64, largest = true} : (tensor<1x8xf32>) -> (tensor<1x3xf32>, tensor<1x3xi64>)
  func.return
}

func.func @non_defaults(%x: tensor<1x4x4x4xf32>, %w: tensor<4x2x1x1xf32>, %t: tensor<4x1xf32>, %p: tensor<4xf32>, %v: tensor<1x8xf32>) {
  %q = qnn.quant %x {bitwidth = 4 : i64, scale = dense<1.0> : tensor<f32>, zeropt = dense<0.0> : tensor<f32>, signed = false, narrow = true, rounding_mode = "FLOOR"} : (tensor<1x4x4x4xf32>) -> tensor<1x4x4x4xf32>
  %tr = qnn.trunc %x {scale = dense<1.0> : tensor<f32>, zeropt = dense<0.0> : tensor<f32>, in_bitwidth = 8 : i64, out_bitwidth = 4 : i64, rounding_mode = "ROUND"} : (tensor<1x4x4x4xf32>) -> tensor<1x4x4x4xf32>
  %mt = qnn.multithreshold %x, %t {out_dtype = !qnn.bipolar, out_scale = 2.0 : f32, out_bias = -1.0 : f32, data_layout = "NHWC"} : (tensor<1x4x4x4xf32>, tensor<4x1xf32>) -> tensor<1x4x4x4x!qnn.bipolar>
  %c = qnn.conv %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, group = 2 : i64, data_layout = "NHWC"} : (tensor<1x4x4x4xf32>, tensor<4x2x1x1xf32>) -> tensor<1x4x4x4xf32>
  %mp = qnn.maxpool %x {kernel_shape = array<i64: 3, 3>, strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, ceil_mode = true, data_layout = "NHWC"} : (tensor<1x4x4x4xf32>) -> tensor<1x2x2x4xf32>
  %ap = qnn.avgpool %x {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, count_include_pad = true} : (tensor<1x4x4x4xf32>) -> tensor<1x4x2x2xf32>
  %bn = qnn.batchnorm %x, %p, %p, %p, %p {epsilon = 1.0e-03 : f32} : (tensor<1x4x4x4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<1x4x4x4xf32>
  %pd = qnn.pad %x {pads = array<i64: 0, 0, 1, 1, 0, 0, 1, 1>, value = -1.0 : f32} : (tensor<1x4x4x4xf32>) -> tensor<1x4x6x6xf32>
  %tv, %ti = qnn.topk %v {k = 1 : i64, axis = 0 : i64, largest = false} : (tensor<1x8xf32>) -> (tensor<1x8xf32>, tensor<1x8xi64>)
  func.return
}

// CUSTOM-LABEL: func.func @defaults
// CUSTOM-SAME:  (%[[X:.*]]: tensor<1x4x4x4xf32>, %[[W:.*]]: tensor<4x4x1x1xf32>, %[[T:.*]]: tensor<1x3xf32>, %[[P:.*]]: tensor<4xf32>, %[[V:.*]]: tensor<1x8xf32>) {
// CUSTOM-NEXT:  %[[Q:.*]] = qnn.quant %[[X]] {bitwidth = 4 : i64, scale = dense<1.000000e+00> : tensor<f32>, zeropt = dense<0.000000e+00> : tensor<f32>} : (tensor<1x4x4x4xf32>) -> tensor<1x4x4x4xf32>
// CUSTOM-NEXT:  %[[TR:.*]] = qnn.trunc %[[X]] {scale = dense<1.000000e+00> : tensor<f32>, zeropt = dense<0.000000e+00> : tensor<f32>, in_bitwidth = 8 : i64, out_bitwidth = 4 : i64} : (tensor<1x4x4x4xf32>) -> tensor<1x4x4x4xf32>
// CUSTOM-NEXT:  %[[MT:.*]] = qnn.multithreshold %[[X]], %[[T]] {out_dtype = !qnn.uint<2>} : (tensor<1x4x4x4xf32>, tensor<1x3xf32>) -> tensor<1x4x4x4x!qnn.uint<2>>
// CUSTOM-NEXT:  %[[C:.*]] = qnn.conv %[[X]], %[[W]] {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x4x4x4xf32>, tensor<4x4x1x1xf32>) -> tensor<1x4x4x4xf32>
// CUSTOM-NEXT:  %[[MP:.*]] = qnn.maxpool %[[X]] {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x4x4x4xf32>) -> tensor<1x4x2x2xf32>
// CUSTOM-NEXT:  %[[AP:.*]] = qnn.avgpool %[[X]] {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x4x4x4xf32>) -> tensor<1x4x2x2xf32>
// CUSTOM-NEXT:  %[[BN:.*]] = qnn.batchnorm %[[X]], %[[P]], %[[P]], %[[P]], %[[P]] : (tensor<1x4x4x4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<1x4x4x4xf32>
// CUSTOM-NEXT:  %[[PD:.*]] = qnn.pad %[[X]] {pads = array<i64: 0, 0, 1, 1, 0, 0, 1, 1>} : (tensor<1x4x4x4xf32>) -> tensor<1x4x6x6xf32>
// CUSTOM-NEXT:  %[[TV:.*]], %[[TI:.*]] = qnn.topk %[[V]] {k = 3 : i64} : (tensor<1x8xf32>) -> (tensor<1x3xf32>, tensor<1x3xi64>)
// CUSTOM-NEXT:  func.return
// CUSTOM-LABEL: func.func @non_defaults
// CUSTOM-SAME:  (%[[X:.*]]: tensor<1x4x4x4xf32>, %[[W:.*]]: tensor<4x2x1x1xf32>, %[[T:.*]]: tensor<4x1xf32>, %[[P:.*]]: tensor<4xf32>, %[[V:.*]]: tensor<1x8xf32>) {
// CUSTOM-NEXT:  %[[Q:.*]] = qnn.quant %[[X]] {bitwidth = 4 : i64, scale = dense<1.000000e+00> : tensor<f32>, zeropt = dense<0.000000e+00> : tensor<f32>, signed = false, narrow = true, rounding_mode = "FLOOR"} : (tensor<1x4x4x4xf32>) -> tensor<1x4x4x4xf32>
// CUSTOM-NEXT:  %[[TR:.*]] = qnn.trunc %[[X]] {scale = dense<1.000000e+00> : tensor<f32>, zeropt = dense<0.000000e+00> : tensor<f32>, in_bitwidth = 8 : i64, out_bitwidth = 4 : i64, rounding_mode = "ROUND"} : (tensor<1x4x4x4xf32>) -> tensor<1x4x4x4xf32>
// CUSTOM-NEXT:  %[[MT:.*]] = qnn.multithreshold %[[X]], %[[T]] {out_dtype = !qnn.bipolar, out_scale = 2.000000e+00 : f32, out_bias = -1.000000e+00 : f32, data_layout = "NHWC"} : (tensor<1x4x4x4xf32>, tensor<4x1xf32>) -> tensor<1x4x4x4x!qnn.bipolar>
// CUSTOM-NEXT:  %[[C:.*]] = qnn.conv %[[X]], %[[W]] {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, group = 2 : i64, data_layout = "NHWC"} : (tensor<1x4x4x4xf32>, tensor<4x2x1x1xf32>) -> tensor<1x4x4x4xf32>
// CUSTOM-NEXT:  %[[MP:.*]] = qnn.maxpool %[[X]] {kernel_shape = array<i64: 3, 3>, strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, ceil_mode = true, data_layout = "NHWC"} : (tensor<1x4x4x4xf32>) -> tensor<1x2x2x4xf32>
// CUSTOM-NEXT:  %[[AP:.*]] = qnn.avgpool %[[X]] {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, count_include_pad = true} : (tensor<1x4x4x4xf32>) -> tensor<1x4x2x2xf32>
// CUSTOM-NEXT:  %[[BN:.*]] = qnn.batchnorm %[[X]], %[[P]], %[[P]], %[[P]], %[[P]] {epsilon = 1.000000e-03 : f32} : (tensor<1x4x4x4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<1x4x4x4xf32>
// CUSTOM-NEXT:  %[[PD:.*]] = qnn.pad %[[X]] {pads = array<i64: 0, 0, 1, 1, 0, 0, 1, 1>, value = -1.000000e+00 : f32} : (tensor<1x4x4x4xf32>) -> tensor<1x4x6x6xf32>
// CUSTOM-NEXT:  %[[TV:.*]], %[[TI:.*]] = qnn.topk %[[V]] {k = 1 : i64, axis = 0 : i64, largest = false} : (tensor<1x8xf32>) -> (tensor<1x8xf32>, tensor<1x8xi64>)
// CUSTOM-NEXT:  func.return

// GENERIC-LABEL: "func.func"() <{sym_name = "defaults", function_type = (tensor<1x4x4x4xf32>, tensor<4x4x1x1xf32>, tensor<1x3xf32>, tensor<4xf32>, tensor<1x8xf32>) -> ()}> ({
// GENERIC-NEXT:  ^bb0(%[[X:.*]]: tensor<1x4x4x4xf32>, %[[W:.*]]: tensor<4x4x1x1xf32>, %[[T:.*]]: tensor<1x3xf32>, %[[P:.*]]: tensor<4xf32>, %[[V:.*]]: tensor<1x8xf32>):
// GENERIC-NEXT:  %[[Q:.*]] = "qnn.quant"(%[[X]]) <{bitwidth = 4 : i64, scale = dense<1.000000e+00> : tensor<f32>, zeropt = dense<0.000000e+00> : tensor<f32>, signed = true, narrow = false, rounding_mode = "ROUND"}> : (tensor<1x4x4x4xf32>) -> tensor<1x4x4x4xf32>
// GENERIC-NEXT:  %[[TR:.*]] = "qnn.trunc"(%[[X]]) <{scale = dense<1.000000e+00> : tensor<f32>, zeropt = dense<0.000000e+00> : tensor<f32>, in_bitwidth = 8 : i64, out_bitwidth = 4 : i64, rounding_mode = "FLOOR"}> : (tensor<1x4x4x4xf32>) -> tensor<1x4x4x4xf32>
// GENERIC-NEXT:  %[[MT:.*]] = "qnn.multithreshold"(%[[X]], %[[T]]) <{out_dtype = !qnn.uint<2>, out_scale = 1.000000e+00 : f32, out_bias = 0.000000e+00 : f32, data_layout = "NCHW"}> : (tensor<1x4x4x4xf32>, tensor<1x3xf32>) -> tensor<1x4x4x4x!qnn.uint<2>>
// GENERIC-NEXT:  %[[C:.*]] = "qnn.conv"(%[[X]], %[[W]]) <{strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, group = 1 : i64, data_layout = "NCHW"}> : (tensor<1x4x4x4xf32>, tensor<4x4x1x1xf32>) -> tensor<1x4x4x4xf32>
// GENERIC-NEXT:  %[[MP:.*]] = "qnn.maxpool"(%[[X]]) <{kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, ceil_mode = false, data_layout = "NCHW"}> : (tensor<1x4x4x4xf32>) -> tensor<1x4x2x2xf32>
// GENERIC-NEXT:  %[[AP:.*]] = "qnn.avgpool"(%[[X]]) <{kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, count_include_pad = false, ceil_mode = false, data_layout = "NCHW"}> : (tensor<1x4x4x4xf32>) -> tensor<1x4x2x2xf32>
// GENERIC-NEXT:  %[[BN:.*]] = "qnn.batchnorm"(%[[X]], %[[P]], %[[P]], %[[P]], %[[P]]) <{epsilon = 1.000000e-05 : f32}> : (tensor<1x4x4x4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<1x4x4x4xf32>
// GENERIC-NEXT:  %[[PD:.*]] = "qnn.pad"(%[[X]]) <{pads = array<i64: 0, 0, 1, 1, 0, 0, 1, 1>, value = 0.000000e+00 : f32}> : (tensor<1x4x4x4xf32>) -> tensor<1x4x6x6xf32>
// GENERIC-NEXT:  %[[TV:.*]], %[[TI:.*]] = "qnn.topk"(%[[V]]) <{k = 3 : i64, axis = -1 : i64, largest = true}> : (tensor<1x8xf32>) -> (tensor<1x3xf32>, tensor<1x3xi64>)
// GENERIC-NEXT:  "func.return"() : () -> ()
// GENERIC-LABEL: "func.func"() <{sym_name = "non_defaults", function_type = (tensor<1x4x4x4xf32>, tensor<4x2x1x1xf32>, tensor<4x1xf32>, tensor<4xf32>, tensor<1x8xf32>) -> ()}> ({
// GENERIC-NEXT:  ^bb0(%[[X:.*]]: tensor<1x4x4x4xf32>, %[[W:.*]]: tensor<4x2x1x1xf32>, %[[T:.*]]: tensor<4x1xf32>, %[[P:.*]]: tensor<4xf32>, %[[V:.*]]: tensor<1x8xf32>):
// GENERIC-NEXT:  %[[Q:.*]] = "qnn.quant"(%[[X]]) <{bitwidth = 4 : i64, scale = dense<1.000000e+00> : tensor<f32>, zeropt = dense<0.000000e+00> : tensor<f32>, signed = false, narrow = true, rounding_mode = "FLOOR"}> : (tensor<1x4x4x4xf32>) -> tensor<1x4x4x4xf32>
// GENERIC-NEXT:  %[[TR:.*]] = "qnn.trunc"(%[[X]]) <{scale = dense<1.000000e+00> : tensor<f32>, zeropt = dense<0.000000e+00> : tensor<f32>, in_bitwidth = 8 : i64, out_bitwidth = 4 : i64, rounding_mode = "ROUND"}> : (tensor<1x4x4x4xf32>) -> tensor<1x4x4x4xf32>
// GENERIC-NEXT:  %[[MT:.*]] = "qnn.multithreshold"(%[[X]], %[[T]]) <{out_dtype = !qnn.bipolar, out_scale = 2.000000e+00 : f32, out_bias = -1.000000e+00 : f32, data_layout = "NHWC"}> : (tensor<1x4x4x4xf32>, tensor<4x1xf32>) -> tensor<1x4x4x4x!qnn.bipolar>
// GENERIC-NEXT:  %[[C:.*]] = "qnn.conv"(%[[X]], %[[W]]) <{strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, group = 2 : i64, data_layout = "NHWC"}> : (tensor<1x4x4x4xf32>, tensor<4x2x1x1xf32>) -> tensor<1x4x4x4xf32>
// GENERIC-NEXT:  %[[MP:.*]] = "qnn.maxpool"(%[[X]]) <{kernel_shape = array<i64: 3, 3>, strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, ceil_mode = true, data_layout = "NHWC"}> : (tensor<1x4x4x4xf32>) -> tensor<1x2x2x4xf32>
// GENERIC-NEXT:  %[[AP:.*]] = "qnn.avgpool"(%[[X]]) <{kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, count_include_pad = true, ceil_mode = false, data_layout = "NCHW"}> : (tensor<1x4x4x4xf32>) -> tensor<1x4x2x2xf32>
// GENERIC-NEXT:  %[[BN:.*]] = "qnn.batchnorm"(%[[X]], %[[P]], %[[P]], %[[P]], %[[P]]) <{epsilon = 1.000000e-03 : f32}> : (tensor<1x4x4x4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<1x4x4x4xf32>
// GENERIC-NEXT:  %[[PD:.*]] = "qnn.pad"(%[[X]]) <{pads = array<i64: 0, 0, 1, 1, 0, 0, 1, 1>, value = -1.000000e+00 : f32}> : (tensor<1x4x4x4xf32>) -> tensor<1x4x6x6xf32>
// GENERIC-NEXT:  %[[TV:.*]], %[[TI:.*]] = "qnn.topk"(%[[V]]) <{k = 1 : i64, axis = 0 : i64, largest = false}> : (tensor<1x8xf32>) -> (tensor<1x8xf32>, tensor<1x8xi64>)
// GENERIC-NEXT:  "func.return"() : () -> ()
