// Softmax before opset 13 coerces its input to 2-D at axis (a reshape
// around the op); LogSoftmax along the last axis stays as it is; ArgMax
// gives i64 indices.
// RUN: python %S/Inputs/zoo_models.py tails %t.onnx && finnr import %t.onnx | filecheck %s

// CHECK:      %[[R:.*]] = qnn.reshape %x : (tensor<1x3x4xf32>) -> tensor<1x12xf32>
// CHECK-NEXT: %[[S:.*]] = qnn.softmax %[[R]] {axis = 1 : i64} : (tensor<1x12xf32>) -> tensor<1x12xf32>
// CHECK-NEXT: qnn.reshape %[[S]] : (tensor<1x12xf32>) -> tensor<1x3x4xf32>
// CHECK-NEXT: qnn.log_softmax %x {axis = 2 : i64} : (tensor<1x3x4xf32>) -> tensor<1x3x4xf32>
// CHECK-NEXT: qnn.argmax %x {axis = 2 : i64, keepdims = false} : (tensor<1x3x4xf32>) -> tensor<1x3xi64>
