// RUN: finnr-opt %s --split-input-file --verify-diagnostics --parsing-diagnostics | filecheck %s

// Template parameters of hls.kernel: integers of any width, booleans and
// finnr datatypes (the T* parameters of the header library) are accepted and
// keep their order; anything else (floats, strings, arrays, builtin integer
// types) is refused, naming the parameter. (Which parameters a kernel takes
// is its schema: invalid.mlir.)

hls.top @params(%in0 : !hls.stream<!qnn.int<4>, 1>) -> (%out0 : !hls.stream<!qnn.int<4>, 1>) {
  %w = hls.rom "w" dense<1> : tensor<1x1x1xi8> -> tensor<1x1x1x!qnn.bipolar>
  hls.kernel "mvau" "k" ins(%in0 : !hls.stream<!qnn.int<4>, 1>) outs(%out0 : !hls.stream<!qnn.int<4>, 1>) roms(%w : tensor<1x1x1x!qnn.bipolar>) params {MW = 784 : i64, MH = 64 : i32, SIMD = 7 : index, VECS = true, PE = 1 : i64, TI = !qnn.int<4>, TW = !qnn.bipolar, TO = !qnn.binary, TA = !qnn.ternary, NT = false, TT = !qnn.uint<3>, ACT_BIAS = -3 : i8}
  hls.yield
}
// CHECK: hls.kernel "mvau" "k" ins(%in0 : !hls.stream<!qnn.int<4>, 1>) outs(%out0 : !hls.stream<!qnn.int<4>, 1>) roms(%w : tensor<1x1x1x!qnn.bipolar>) params {MW = 784 : i64, MH = 64 : i32, SIMD = 7 : index, VECS = true, PE = 1 : i64, TI = !qnn.int<4>, TW = !qnn.bipolar, TO = !qnn.binary, TA = !qnn.ternary, NT = false, TT = !qnn.uint<3>, ACT_BIAS = -3 : i8}

// -----

hls.top @float_param(%in0 : !hls.stream<!qnn.int<4>, 1>) -> (%out0 : !hls.stream<!qnn.int<4>, 1>) {
  hls.kernel "mvau" "k" ins(%in0 : !hls.stream<!qnn.int<4>, 1>) outs(%out0 : !hls.stream<!qnn.int<4>, 1>) params {Scale = 1.5 : f64}
  hls.yield
}
// CHECK: 'hls.kernel' parameter 'Scale' must be an integer, a boolean or a finnr datatype, got 1.500000e+00 : f64

// -----

hls.top @string_param(%in0 : !hls.stream<!qnn.int<4>, 1>) -> (%out0 : !hls.stream<!qnn.int<4>, 1>) {
  hls.kernel "mvau" "k" ins(%in0 : !hls.stream<!qnn.int<4>, 1>) outs(%out0 : !hls.stream<!qnn.int<4>, 1>) params {MW = 4 : i64, Style = "lut"}
  hls.yield
}
// CHECK: 'hls.kernel' parameter 'Style' must be an integer, a boolean or a finnr datatype, got "lut"

// -----

hls.top @array_param(%in0 : !hls.stream<!qnn.int<4>, 1>) -> (%out0 : !hls.stream<!qnn.int<4>, 1>) {
  hls.kernel "mvau" "k" ins(%in0 : !hls.stream<!qnn.int<4>, 1>) outs(%out0 : !hls.stream<!qnn.int<4>, 1>) params {Dims = [1, 2]}
  hls.yield
}
// CHECK: 'hls.kernel' parameter 'Dims' must be an integer, a boolean or a finnr datatype, got [1 : i64, 2 : i64]

// -----

hls.top @builtin_int_type(%in0 : !hls.stream<!qnn.int<4>, 1>) -> (%out0 : !hls.stream<!qnn.int<4>, 1>) {
  hls.kernel "mvau" "k" ins(%in0 : !hls.stream<!qnn.int<4>, 1>) outs(%out0 : !hls.stream<!qnn.int<4>, 1>) params {TI = i8}
  hls.yield
}
// CHECK: 'hls.kernel' parameter 'TI' must be an integer, a boolean or a finnr datatype, got i8
