// LeakyRelu, Clip (bounds as inputs, one bound missing; and as attributes
// before opset 11), Sigmoid, Tanh, HardSigmoid import as qnn activations;
// a negative LeakyRelu slope (not monotonic) is refused.
// RUN: python %S/Inputs/zoo_models.py activations %t.onnx && finnr import %t.onnx | filecheck %s
// RUN: python %S/Inputs/zoo_models.py leaky_relu_negative %tn.onnx && not finnr import %tn.onnx 2>&1 | filecheck %s --check-prefix=ERR
// RUN: python %S/Inputs/zoo_models.py clip_opset6 %t6.onnx && finnr import %t6.onnx | filecheck %s --check-prefix=OLD

// CHECK:      %[[Q:.*]] = qnn.quant %x
// CHECK-NEXT: qnn.leaky_relu %[[Q]] {alpha = 2.500000e-01 : f32} : (tensor<1x4xf32>) -> tensor<1x4xf32>
// CHECK-NEXT: qnn.clip %[[Q]] {min = -1.000000e+00 : f32, max = 1.000000e+00 : f32}
// CHECK-NEXT: qnn.clip %[[Q]] {max = 6.000000e+00 : f32}
// CHECK-NEXT: qnn.sigmoid %[[Q]]
// CHECK-NEXT: qnn.tanh %[[Q]]
// CHECK-NEXT: qnn.hard_sigmoid %[[Q]] {alpha = 5.000000e-01 : f32}

// OLD: qnn.clip %x {min = -1.000000e+00 : f32, max = 1.000000e+00 : f32}

// ERR: finnr: error: node 'my_lrelu' (LeakyRelu): alpha = -0.5 is not supported (finnr takes finite parameters and alpha >= 0)
