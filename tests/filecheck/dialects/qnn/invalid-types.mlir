// The datatypes' own rules: widths in 1..32, and for fixed point an integer
// width of at least 1 and less than the width (as FINN's FIXED<w,i>).
// RUN: finnr-opt %s --split-input-file --verify-diagnostics --parsing-diagnostics | filecheck %s

func.func @f(%x: tensor<4x!qnn.int<0>>) {
  func.return
}
// CHECK: qnn.int width must be in 1..32, got 0

// -----

func.func @f(%x: tensor<4x!qnn.int<33>>) {
  func.return
}
// CHECK: qnn.int width must be in 1..32, got 33

// -----

func.func @f(%x: tensor<4x!qnn.uint<0>>) {
  func.return
}
// CHECK: qnn.uint width must be in 1..32, got 0

// -----

func.func @f(%x: tensor<4x!qnn.uint<64>>) {
  func.return
}
// CHECK: qnn.uint width must be in 1..32, got 64

// -----

func.func @f(%x: tensor<4x!qnn.fixed<0, 0>>) {
  func.return
}
// CHECK: qnn.fixed width must be in 1..32, got 0

// -----

func.func @f(%x: tensor<4x!qnn.fixed<40, 8>>) {
  func.return
}
// CHECK: qnn.fixed width must be in 1..32, got 40

// -----

func.func @f(%x: tensor<4x!qnn.fixed<8, 0>>) {
  func.return
}
// CHECK: qnn.fixed integer width must be >= 1 and < width (8), got 0

// -----

// fixed<8, 8> has no fractional bits: it is int<8>, and FINN rejects it.
func.func @f(%x: tensor<4x!qnn.fixed<8, 8>>) {
  func.return
}
// CHECK: qnn.fixed integer width must be >= 1 and < width (8), got 8

// -----

func.func @f(%x: tensor<4x!qnn.fixed<8, 9>>) {
  func.return
}
// CHECK: qnn.fixed integer width must be >= 1 and < width (8), got 9

// -----

// Invalid widths are caught wherever a type appears, e.g. as out_dtype.
func.func @f(%x: tensor<1x4xf32>, %t: tensor<1x3xf32>) {
  %y = qnn.multithreshold %x, %t {out_dtype = !qnn.uint<0>} : (tensor<1x4xf32>, tensor<1x3xf32>) -> tensor<1x4xf32>
  func.return
}
// CHECK: qnn.uint width must be in 1..32, got 0

// -----

// A fixed-point type with no fractional bits cannot even be an element type
// of a constant.
%c = qnn.constant dense<1.0> : tensor<2xf32> -> tensor<2x!qnn.fixed<4, 4>>
// CHECK: qnn.fixed integer width must be >= 1 and < width (4), got 4

// --- syntax ------------------------------------------------------------------

// -----

func.func @f(%x: tensor<4x!qnn.int<-4>>) {
  func.return
}
// CHECK: Expected integer literal

// -----

func.func @f(%x: tensor<4x!qnn.int<4, 2>>) {
  func.return
}
// CHECK: '>' expected

// -----

func.func @f(%x: tensor<4x!qnn.fixed<8>>) {
  func.return
}
// CHECK: Expected ','

// -----

func.func @f(%x: tensor<4x!qnn.int>) {
  func.return
}
// CHECK: '<' expected

// -----

func.func @f(%x: tensor<4x!qnn.int<true>>) {
  func.return
}
// CHECK: Expected integer literal

// -----

func.func @f(%x: tensor<4x!qnn.int8>) {
  func.return
}
// CHECK: 'qnn.int8' is not registered
