// qnn-quantize-input: the declared datatype of the accelerator's input (as
// FINN's annotation of the global input) becomes a quantizer on every float
// function input; without a datatype the pass does nothing, and a datatype
// that is not an integer is an error.
// RUN: finnr-opt %s --split-input-file -p 'qnn-quantize-input{datatype="UINT8" scale=0.00392156862745098}' | filecheck %s
// RUN: finnr-opt %s --split-input-file -p qnn-quantize-input | filecheck %s --check-prefix=NONE
// RUN: not finnr-opt %s --split-input-file -p 'qnn-quantize-input{datatype="FLOAT32"}' 2>&1 | filecheck %s --check-prefix=ERR

// NONE-LABEL: func.func @image(
// NONE-NEXT:  qnn.relu %x
// ERR: finnr-opt: error: qnn-quantize-input: datatype must be INTn or UINTn, got 'FLOAT32'

// A float input gets an unsigned 8-bit quantizer with the declared scale.
// CHECK-LABEL: func.func @image(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x3x2x2xf32>) -> tensor<1x3x2x2xf32> {
// CHECK-NEXT:  %[[Q:[^ ,]*]] = qnn.quant %[[X]] {scale = dense<0.00392156886> : tensor<f32>, zeropt = dense<0.000000e+00> : tensor<f32>, bitwidth = 8 : i64, signed = false} : (tensor<1x3x2x2xf32>) -> tensor<1x3x2x2xf32>
// CHECK-NEXT:  %[[R:[^ ,]*]] = qnn.relu %[[Q]]
// CHECK-NEXT:  func.return %[[R]]
func.func @image(%x: tensor<1x3x2x2xf32>) -> tensor<1x3x2x2xf32> {
  %r = qnn.relu %x : (tensor<1x3x2x2xf32>) -> tensor<1x3x2x2xf32>
  func.return %r : tensor<1x3x2x2xf32>
}

// -----

// Refused: an input whose only user is a quantizer already, and an integer input.
// CHECK-LABEL: func.func @already_quantized(
// CHECK-NEXT:  %[[Q:[^ ,]*]] = qnn.quant %x {scale = dense<5.000000e-01>
// CHECK-NEXT:  func.return %[[Q]]
func.func @already_quantized(%x: tensor<1x4xf32>, %y: tensor<1x4x!qnn.uint<2>>) -> tensor<1x4xf32> {
  %q = qnn.quant %x {scale = dense<5.000000e-01> : tensor<f32>, zeropt = dense<0.000000e+00> : tensor<f32>, bitwidth = 4 : i64} : (tensor<1x4xf32>) -> tensor<1x4xf32>
  func.return %q : tensor<1x4xf32>
}
