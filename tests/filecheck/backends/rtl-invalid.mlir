// rtl: what the RTL backend refuses, with one message naming the problem: a
// stream has one consumer, so a value that two layers read needs a fork
// (dataflow-insert-duplicate makes it).
// RUN: not finnr-opt %s -t rtl 2>&1 | filecheck %s

// CHECK: rtl: partition 'two_readers_top': input #0 (%a) has 2 consumers; fork it with a dataflow.duplicate (run dataflow-insert-duplicate)
func.func @two_readers(%x: tensor<1x4x!qnn.int<2>>) -> (tensor<1x4x!qnn.int<2>>, tensor<1x4x!qnn.int<2>>) {
  %y:2 = dataflow.partition "two_readers" (%a = %x : tensor<1x4x!qnn.int<2>>) -> (tensor<1x4x!qnn.int<2>>, tensor<1x4x!qnn.int<2>>) {
    %b = dataflow.fifo %a {depth = 2 : i64} : (tensor<1x4x!qnn.int<2>>) -> tensor<1x4x!qnn.int<2>>
    %c = dataflow.fifo %a {depth = 2 : i64} : (tensor<1x4x!qnn.int<2>>) -> tensor<1x4x!qnn.int<2>>
    dataflow.yield %b, %c : tensor<1x4x!qnn.int<2>>, tensor<1x4x!qnn.int<2>>
  }
  func.return %y#0, %y#1 : tensor<1x4x!qnn.int<2>>, tensor<1x4x!qnn.int<2>>
}
