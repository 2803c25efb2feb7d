// rtl: what the RTL backend refuses, with one message naming the problem.
// RUN: not finnr-opt %s -t rtl 2>&1 | filecheck %s

// CHECK: rtl: no RTL engine for 'dataflow.duplicate'
func.func @fork(%x: tensor<1x4x!qnn.int<2>>) -> (tensor<1x4x!qnn.int<2>>, tensor<1x4x!qnn.int<2>>) {
  %y:2 = dataflow.partition "fork" (%a = %x : tensor<1x4x!qnn.int<2>>) -> (tensor<1x4x!qnn.int<2>>, tensor<1x4x!qnn.int<2>>) {
    %b:2 = dataflow.duplicate %a : (tensor<1x4x!qnn.int<2>>) -> (tensor<1x4x!qnn.int<2>>, tensor<1x4x!qnn.int<2>>)
    dataflow.yield %b#0, %b#1 : tensor<1x4x!qnn.int<2>>, tensor<1x4x!qnn.int<2>>
  }
  func.return %y#0, %y#1 : tensor<1x4x!qnn.int<2>>, tensor<1x4x!qnn.int<2>>
}
