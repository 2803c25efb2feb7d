// RUN: finnr-opt %s --split-input-file --verify-diagnostics --parsing-diagnostics | filecheck %s

// One chunk per verifier rule of the hls dialect, each with its message.

// --- !hls.stream -------------------------------------------------------------

%x = "test.op"() : () -> !hls.stream<i32, 2>
// CHECK: !hls.stream element type must be a finnr datatype (f32, !qnn.int<n>, !qnn.uint<n>, ...), got i32

// -----

%x = "test.op"() : () -> !hls.stream<!qnn.int<2>, 0>
// CHECK: !hls.stream must carry at least one element per beat, got 0

// --- hls.top -----------------------------------------------------------------

// -----

hls.top @no_input() -> (%out0 : !hls.stream<!qnn.int<2>, 1>) {
  hls.yield
}
// CHECK: 'hls.top' needs at least one input port, got num_inputs = 0

// -----

hls.top @no_output(%in0 : !hls.stream<!qnn.int<2>, 1>) -> () {
  hls.yield
}
// CHECK: 'hls.top' needs at least one output port, got 1 ports with num_inputs = 1

// -----

"hls.top"() <{sym_name = "too_many_inputs", num_inputs = 3 : i64}> ({
^bb0(%in0 : !hls.stream<!qnn.int<2>, 1>, %in1 : !hls.stream<!qnn.int<2>, 1>):
  "hls.yield"() : () -> ()
}) : () -> ()
// CHECK: 'hls.top' needs at least one output port, got 2 ports with num_inputs = 3

// -----

hls.top @not_a_stream(%in0 : tensor<4xi8>) -> (%out0 : !hls.stream<!qnn.int<2>, 1>) {
  hls.yield
}
// CHECK: 'hls.top' input port #0 must be an !hls.stream, got tensor<4xi8>

// -----

hls.top @foreign_op(%in0 : !hls.stream<!qnn.int<2>, 1>) -> (%out0 : !hls.stream<!qnn.int<2>, 1>) {
  %c = arith.constant 0 : i32
  hls.kernel "fifo" "f" ins(%in0 : !hls.stream<!qnn.int<2>, 1>) outs(%out0 : !hls.stream<!qnn.int<2>, 1>) params {ELEMS = 1 : i64, BEATS = 1 : i64, T = !qnn.int<2>}
  hls.yield
}
// CHECK: 'hls.top' body may only hold hls.stream, hls.rom, hls.kernel and hls.yield ops, got 'arith.constant'

// -----

hls.top @outer(%in0 : !hls.stream<!qnn.int<2>, 1>) -> (%out0 : !hls.stream<!qnn.int<2>, 1>) {
  hls.top @inner(%a : !hls.stream<!qnn.int<2>, 1>) -> (%b : !hls.stream<!qnn.int<2>, 1>) {
    hls.kernel "fifo" "f" ins(%a : !hls.stream<!qnn.int<2>, 1>) outs(%b : !hls.stream<!qnn.int<2>, 1>) params {ELEMS = 1 : i64, BEATS = 1 : i64, T = !qnn.int<2>}
    hls.yield
  }
  hls.kernel "fifo" "f" ins(%in0 : !hls.stream<!qnn.int<2>, 1>) outs(%out0 : !hls.stream<!qnn.int<2>, 1>) params {ELEMS = 1 : i64, BEATS = 1 : i64, T = !qnn.int<2>}
  hls.yield
}
// CHECK: 'hls.top' body may only hold hls.stream, hls.rom, hls.kernel and hls.yield ops, got 'hls.top'

// -----

hls.top @no_yield(%in0 : !hls.stream<!qnn.int<2>, 1>) -> (%out0 : !hls.stream<!qnn.int<2>, 1>) {
}
// CHECK: Operation hls.top contains empty block in single-block region that expects at least a terminator

// -----

hls.top @no_yield_after_kernel(%in0 : !hls.stream<!qnn.int<2>, 1>) -> (%out0 : !hls.stream<!qnn.int<2>, 1>) {
  hls.kernel "fifo" "a" ins(%in0 : !hls.stream<!qnn.int<2>, 1>) outs(%out0 : !hls.stream<!qnn.int<2>, 1>) params {ELEMS = 1 : i64, BEATS = 1 : i64, T = !qnn.int<2>}
}
// CHECK: Operation hls.kernel terminates block in single-block region but is not a terminator

// -----

hls.top @input_written(%in0 : !hls.stream<!qnn.int<2>, 1>) -> (%out0 : !hls.stream<!qnn.int<2>, 1>) {
  hls.kernel "fifo" "a" ins(%in0 : !hls.stream<!qnn.int<2>, 1>) outs(%out0 : !hls.stream<!qnn.int<2>, 1>) params {ELEMS = 1 : i64, BEATS = 1 : i64, T = !qnn.int<2>}
  %s = hls.stream : !hls.stream<!qnn.int<2>, 1>
  hls.kernel "fifo" "b" ins(%s : !hls.stream<!qnn.int<2>, 1>) outs(%in0 : !hls.stream<!qnn.int<2>, 1>) params {ELEMS = 1 : i64, BEATS = 1 : i64, T = !qnn.int<2>}
  hls.yield
}
// CHECK: 'hls.top' input port #0 (%in0) is written by 1 kernel(s); input ports are read-only

// -----

hls.top @output_read(%in0 : !hls.stream<!qnn.int<2>, 1>) -> (%out0 : !hls.stream<!qnn.int<2>, 1>) {
  %s = hls.stream : !hls.stream<!qnn.int<2>, 1>
  hls.kernel "fifo" "a" ins(%in0 : !hls.stream<!qnn.int<2>, 1>) outs(%out0 : !hls.stream<!qnn.int<2>, 1>) params {ELEMS = 1 : i64, BEATS = 1 : i64, T = !qnn.int<2>}
  hls.kernel "fifo" "b" ins(%out0 : !hls.stream<!qnn.int<2>, 1>) outs(%s : !hls.stream<!qnn.int<2>, 1>) params {ELEMS = 1 : i64, BEATS = 1 : i64, T = !qnn.int<2>}
  hls.yield
}
// CHECK: 'hls.top' output port #0 (%out0) is read by 1 kernel(s); output ports are write-only

// -----

hls.top @input_unread(%in0 : !hls.stream<!qnn.int<2>, 1>, %in1 : !hls.stream<!qnn.int<2>, 1>) -> (%out0 : !hls.stream<!qnn.int<2>, 1>) {
  hls.kernel "fifo" "a" ins(%in0 : !hls.stream<!qnn.int<2>, 1>) outs(%out0 : !hls.stream<!qnn.int<2>, 1>) params {ELEMS = 1 : i64, BEATS = 1 : i64, T = !qnn.int<2>}
  hls.yield
}
// CHECK: 'hls.top' input port #1 (%in1) must be read by exactly one kernel, got 0

// -----

hls.top @output_written_twice(%in0 : !hls.stream<!qnn.int<2>, 1>, %in1 : !hls.stream<!qnn.int<2>, 1>) -> (%out0 : !hls.stream<!qnn.int<2>, 1>) {
  hls.kernel "fifo" "a" ins(%in0 : !hls.stream<!qnn.int<2>, 1>) outs(%out0 : !hls.stream<!qnn.int<2>, 1>) params {ELEMS = 1 : i64, BEATS = 1 : i64, T = !qnn.int<2>}
  hls.kernel "fifo" "b" ins(%in1 : !hls.stream<!qnn.int<2>, 1>) outs(%out0 : !hls.stream<!qnn.int<2>, 1>) params {ELEMS = 1 : i64, BEATS = 1 : i64, T = !qnn.int<2>}
  hls.yield
}
// CHECK: 'hls.top' output port #0 (%out0) must be written by exactly one kernel, got 2

// -----

hls.top @stream_read_twice(%in0 : !hls.stream<!qnn.int<2>, 1>) -> (%out0 : !hls.stream<!qnn.int<2>, 1>, %out1 : !hls.stream<!qnn.int<2>, 1>) {
  %s = hls.stream {name = "fanout"} : !hls.stream<!qnn.int<2>, 1>
  hls.kernel "fifo" "a" ins(%in0 : !hls.stream<!qnn.int<2>, 1>) outs(%s : !hls.stream<!qnn.int<2>, 1>) params {ELEMS = 1 : i64, BEATS = 1 : i64, T = !qnn.int<2>}
  hls.kernel "fifo" "b" ins(%s : !hls.stream<!qnn.int<2>, 1>) outs(%out0 : !hls.stream<!qnn.int<2>, 1>) params {ELEMS = 1 : i64, BEATS = 1 : i64, T = !qnn.int<2>}
  hls.kernel "fifo" "c" ins(%s : !hls.stream<!qnn.int<2>, 1>) outs(%out1 : !hls.stream<!qnn.int<2>, 1>) params {ELEMS = 1 : i64, BEATS = 1 : i64, T = !qnn.int<2>}
  hls.yield
}
// CHECK: 'hls.top' stream "fanout" (%s) must be read by exactly one kernel, got 2

// -----

hls.top @stream_unwritten(%in0 : !hls.stream<!qnn.int<2>, 1>) -> (%out0 : !hls.stream<!qnn.int<2>, 1>) {
  %s = hls.stream : !hls.stream<!qnn.int<2>, 1>
  hls.kernel "add_streams" "a" ins(%in0, %s : !hls.stream<!qnn.int<2>, 1>, !hls.stream<!qnn.int<2>, 1>) outs(%out0 : !hls.stream<!qnn.int<2>, 1>) params {PE = 1 : i64, BEATS = 1 : i64, TA = !qnn.int<2>, TB = !qnn.int<2>, TO = !qnn.int<2>}
  hls.yield
}
// CHECK: 'hls.top' stream %s must be written by exactly one kernel, got 0

// -----

hls.top @duplicate_instance(%in0 : !hls.stream<!qnn.int<2>, 1>) -> (%out0 : !hls.stream<!qnn.int<2>, 1>) {
  %s = hls.stream : !hls.stream<!qnn.int<2>, 1>
  hls.kernel "fifo" "layer" ins(%in0 : !hls.stream<!qnn.int<2>, 1>) outs(%s : !hls.stream<!qnn.int<2>, 1>) params {ELEMS = 1 : i64, BEATS = 1 : i64, T = !qnn.int<2>}
  hls.kernel "fifo" "layer" ins(%s : !hls.stream<!qnn.int<2>, 1>) outs(%out0 : !hls.stream<!qnn.int<2>, 1>) params {ELEMS = 1 : i64, BEATS = 1 : i64, T = !qnn.int<2>}
  hls.yield
}
// CHECK: 'hls.top' kernel instance "layer" is not unique

// -----

hls.top @duplicate_rom(%in0 : !hls.stream<!qnn.int<2>, 1>) -> (%out0 : !hls.stream<!qnn.int<2>, 1>) {
  %a = hls.rom "w" dense<1> : tensor<1x1x2xi8> -> tensor<1x1x2x!qnn.int<2>>
  %b = hls.rom "w" dense<0> : tensor<1x1x1xi8> -> tensor<1x1x1x!qnn.int<2>>
  hls.kernel "mvau" "layer" ins(%in0 : !hls.stream<!qnn.int<2>, 1>) outs(%out0 : !hls.stream<!qnn.int<2>, 1>) roms(%a, %b : tensor<1x1x2x!qnn.int<2>>, tensor<1x1x1x!qnn.int<2>>) params {MW = 2 : i64, MH = 1 : i64, SIMD = 2 : i64, PE = 1 : i64, VECS = 1 : i64, TI = !qnn.int<2>, TW = !qnn.int<2>, TO = !qnn.int<2>, TA = !qnn.int<4>, NT = 1 : i64, TT = !qnn.int<2>, ACT_BIAS = 0 : i64}
  hls.yield
}
// CHECK: 'hls.top' rom name "w" is not unique

// --- hls.stream --------------------------------------------------------------

// -----

hls.top @bad_depth(%in0 : !hls.stream<!qnn.int<2>, 1>) -> (%out0 : !hls.stream<!qnn.int<2>, 1>) {
  %s = hls.stream {depth = 0 : i64} : !hls.stream<!qnn.int<2>, 1>
  hls.kernel "fifo" "a" ins(%in0 : !hls.stream<!qnn.int<2>, 1>) outs(%s : !hls.stream<!qnn.int<2>, 1>) params {ELEMS = 1 : i64, BEATS = 1 : i64, T = !qnn.int<2>}
  hls.kernel "fifo" "b" ins(%s : !hls.stream<!qnn.int<2>, 1>) outs(%out0 : !hls.stream<!qnn.int<2>, 1>) params {ELEMS = 1 : i64, BEATS = 1 : i64, T = !qnn.int<2>}
  hls.yield
}
// CHECK: 'hls.stream' depth must be >= 1, got 0

// -----

%s = hls.stream : !hls.stream<!qnn.int<2>, 1>
// CHECK: 'hls.stream' expects parent op 'hls.top'

// --- hls.rom -----------------------------------------------------------------

// -----

%w = hls.rom "w" dense<1> : tensor<2xi8> -> tensor<2x!qnn.int<2>>
// CHECK: 'hls.rom' expects parent op 'hls.top'

// -----

hls.top @rom_storage(%in0 : !hls.stream<!qnn.int<2>, 1>) -> (%out0 : !hls.stream<!qnn.int<2>, 1>) {
  %w = hls.rom "w" dense<1> : tensor<2xi8> {storage = "flash"} -> tensor<2x!qnn.int<2>>
  hls.kernel "mvau" "a" ins(%in0 : !hls.stream<!qnn.int<2>, 1>) outs(%out0 : !hls.stream<!qnn.int<2>, 1>) roms(%w : tensor<2x!qnn.int<2>>)
  hls.yield
}
// CHECK: 'hls.rom' storage must be one of auto, block, distributed, ultra, got 'flash'

// -----

hls.top @rom_empty_name(%in0 : !hls.stream<!qnn.int<2>, 1>) -> (%out0 : !hls.stream<!qnn.int<2>, 1>) {
  %w = hls.rom "" dense<1> : tensor<2xi8> -> tensor<2x!qnn.int<2>>
  hls.kernel "mvau" "a" ins(%in0 : !hls.stream<!qnn.int<2>, 1>) outs(%out0 : !hls.stream<!qnn.int<2>, 1>) roms(%w : tensor<2x!qnn.int<2>>)
  hls.yield
}
// CHECK: 'hls.rom' name must not be empty

// -----

hls.top @rom_elt(%in0 : !hls.stream<!qnn.int<2>, 1>) -> (%out0 : !hls.stream<!qnn.int<2>, 1>) {
  %w = hls.rom "w" dense<1> : tensor<2xi8> -> tensor<2xi8>
  hls.kernel "mvau" "a" ins(%in0 : !hls.stream<!qnn.int<2>, 1>) outs(%out0 : !hls.stream<!qnn.int<2>, 1>) roms(%w : tensor<2xi8>)
  hls.yield
}
// CHECK: 'hls.rom' result must have a finnr datatype as element type (f32, !qnn.int<n>, !qnn.uint<n>, ...), got i8

// -----

hls.top @rom_shape(%in0 : !hls.stream<!qnn.int<2>, 1>) -> (%out0 : !hls.stream<!qnn.int<2>, 1>) {
  %w = hls.rom "w" dense<1> : tensor<2x3xi8> -> tensor<3x2x!qnn.int<2>>
  hls.kernel "mvau" "a" ins(%in0 : !hls.stream<!qnn.int<2>, 1>) outs(%out0 : !hls.stream<!qnn.int<2>, 1>) roms(%w : tensor<3x2x!qnn.int<2>>)
  hls.yield
}
// CHECK: 'hls.rom' value shape [2, 3] must equal the result shape [3, 2]

// -----

hls.top @rom_int_storage(%in0 : !hls.stream<!qnn.int<2>, 1>) -> (%out0 : !hls.stream<!qnn.int<2>, 1>) {
  %w = hls.rom "w" dense<1.0> : tensor<2xf32> -> tensor<2x!qnn.int<2>>
  hls.kernel "mvau" "a" ins(%in0 : !hls.stream<!qnn.int<2>, 1>) outs(%out0 : !hls.stream<!qnn.int<2>, 1>) roms(%w : tensor<2x!qnn.int<2>>)
  hls.yield
}
// CHECK: 'hls.rom' of integer datatype !qnn.int<2> must store integer values, got f32

// -----

hls.top @rom_float_storage(%in0 : !hls.stream<!qnn.int<2>, 1>) -> (%out0 : !hls.stream<!qnn.int<2>, 1>) {
  %w = hls.rom "w" dense<1> : tensor<2xi8> -> tensor<2x!qnn.fixed<8, 4>>
  hls.kernel "mvau" "a" ins(%in0 : !hls.stream<!qnn.int<2>, 1>) outs(%out0 : !hls.stream<!qnn.int<2>, 1>) roms(%w : tensor<2x!qnn.fixed<8, 4>>)
  hls.yield
}
// CHECK: 'hls.rom' of element type !qnn.fixed<8, 4> must store f32 values, got i8

// -----

hls.top @rom_range(%in0 : !hls.stream<!qnn.int<2>, 1>) -> (%out0 : !hls.stream<!qnn.int<2>, 1>) {
  %w = hls.rom "w" dense<[1, 2]> : tensor<2xi8> -> tensor<2x!qnn.int<2>>
  hls.kernel "mvau" "a" ins(%in0 : !hls.stream<!qnn.int<2>, 1>) outs(%out0 : !hls.stream<!qnn.int<2>, 1>) roms(%w : tensor<2x!qnn.int<2>>)
  hls.yield
}
// CHECK: 'hls.rom' values must lie in !qnn.int<2> ([-2, 1])

// --- hls.kernel --------------------------------------------------------------

// -----

hls.top @unknown_kernel(%in0 : !hls.stream<!qnn.int<2>, 1>) -> (%out0 : !hls.stream<!qnn.int<2>, 1>) {
  hls.kernel "conv" "a" ins(%in0 : !hls.stream<!qnn.int<2>, 1>) outs(%out0 : !hls.stream<!qnn.int<2>, 1>)
  hls.yield
}
// CHECK: 'hls.kernel' unknown kernel 'conv', expected one of mvau, vvau, swu, thresholding, maxpool, pad, label_select, dwc, fifo, duplicate, add_streams

// -----

hls.top @empty_instance(%in0 : !hls.stream<!qnn.int<2>, 1>) -> (%out0 : !hls.stream<!qnn.int<2>, 1>) {
  hls.kernel "fifo" "" ins(%in0 : !hls.stream<!qnn.int<2>, 1>) outs(%out0 : !hls.stream<!qnn.int<2>, 1>) params {ELEMS = 1 : i64, BEATS = 1 : i64, T = !qnn.int<2>}
  hls.yield
}
// CHECK: 'hls.kernel' instance name must not be empty

// -----

hls.top @no_ins(%in0 : !hls.stream<!qnn.int<2>, 1>) -> (%out0 : !hls.stream<!qnn.int<2>, 1>) {
  hls.kernel "fifo" "a" outs(%out0 : !hls.stream<!qnn.int<2>, 1>) params {ELEMS = 1 : i64, BEATS = 1 : i64, T = !qnn.int<2>}
  hls.yield
}
// CHECK: 'hls.kernel' needs at least one input stream

// -----

hls.top @no_outs(%in0 : !hls.stream<!qnn.int<2>, 1>) -> (%out0 : !hls.stream<!qnn.int<2>, 1>) {
  hls.kernel "fifo" "a" ins(%in0 : !hls.stream<!qnn.int<2>, 1>) params {ELEMS = 1 : i64, BEATS = 1 : i64, T = !qnn.int<2>}
  hls.yield
}
// CHECK: 'hls.kernel' needs at least one output stream

// -----

hls.top @self_loop(%in0 : !hls.stream<!qnn.int<2>, 1>) -> (%out0 : !hls.stream<!qnn.int<2>, 1>) {
  %s = hls.stream : !hls.stream<!qnn.int<2>, 1>
  hls.kernel "add_streams" "a" ins(%in0, %s : !hls.stream<!qnn.int<2>, 1>, !hls.stream<!qnn.int<2>, 1>) outs(%s, %out0 : !hls.stream<!qnn.int<2>, 1>, !hls.stream<!qnn.int<2>, 1>)
  hls.yield
}
// CHECK: 'hls.kernel' cannot read and write the same stream

// -----

hls.top @rom_not_rom(%in0 : !hls.stream<!qnn.int<2>, 1>) -> (%out0 : !hls.stream<!qnn.int<2>, 1>) {
  %c = arith.constant dense<1> : tensor<2xi8>
  hls.kernel "mvau" "a" ins(%in0 : !hls.stream<!qnn.int<2>, 1>) outs(%out0 : !hls.stream<!qnn.int<2>, 1>) roms(%c : tensor<2xi8>)
  hls.yield
}
// CHECK: 'hls.kernel' rom operand #0 must be the result of an hls.rom

// -----

hls.top @bad_param(%in0 : !hls.stream<!qnn.int<2>, 1>) -> (%out0 : !hls.stream<!qnn.int<2>, 1>) {
  hls.kernel "mvau" "a" ins(%in0 : !hls.stream<!qnn.int<2>, 1>) outs(%out0 : !hls.stream<!qnn.int<2>, 1>) params {MW = 4 : i64, scale = 0.5 : f32}
  hls.yield
}
// CHECK: 'hls.kernel' parameter 'scale' must be an integer, a boolean or a finnr datatype, got 5.000000e-01 : f32

// The kernel's schema (hls.KERNELS): every template parameter of the
// kernel, no other, datatypes where the template takes a type (integer
// datatypes only), integers elsewhere, its numbers of streams and ROMs, ROMs
// of rank 3. What verifies is what the C++ printer can print.

// -----

hls.top @missing_params(%in0 : !hls.stream<!qnn.uint<2>, 1>) -> (%out0 : !hls.stream<!qnn.uint<2>, 2>) {
  hls.kernel "dwc" "k" ins(%in0 : !hls.stream<!qnn.uint<2>, 1>) outs(%out0 : !hls.stream<!qnn.uint<2>, 2>) params {IN = 1 : i64, OUT = 2 : i64}
  hls.yield
}
// CHECK: 'hls.kernel' instance 'k' (dwc) lacks template parameter(s) TOTAL, T

// -----

hls.top @unknown_param(%in0 : !hls.stream<!qnn.int<2>, 1>) -> (%out0 : !hls.stream<!qnn.int<2>, 1>) {
  hls.kernel "fifo" "k" ins(%in0 : !hls.stream<!qnn.int<2>, 1>) outs(%out0 : !hls.stream<!qnn.int<2>, 1>) params {ELEMS = 1 : i64, BEATS = 1 : i64, T = !qnn.int<2>, DEPTH = 3 : i64}
  hls.yield
}
// CHECK: 'hls.kernel' instance 'k' (fifo) has no template parameter(s) DEPTH; fifo takes ELEMS, BEATS, T

// -----

hls.top @type_param_integer(%in0 : !hls.stream<!qnn.int<2>, 1>) -> (%out0 : !hls.stream<!qnn.int<2>, 1>) {
  hls.kernel "fifo" "k" ins(%in0 : !hls.stream<!qnn.int<2>, 1>) outs(%out0 : !hls.stream<!qnn.int<2>, 1>) params {ELEMS = 1 : i64, BEATS = 1 : i64, T = 2 : i64}
  hls.yield
}
// CHECK: 'hls.kernel' instance 'k' (fifo) parameter T must be a datatype

// -----

hls.top @integer_param_type(%in0 : !hls.stream<!qnn.int<2>, 1>) -> (%out0 : !hls.stream<!qnn.int<2>, 1>) {
  hls.kernel "fifo" "k" ins(%in0 : !hls.stream<!qnn.int<2>, 1>) outs(%out0 : !hls.stream<!qnn.int<2>, 1>) params {ELEMS = !qnn.int<2>, BEATS = 1 : i64, T = !qnn.int<2>}
  hls.yield
}
// CHECK: 'hls.kernel' instance 'k' (fifo) parameter ELEMS must be an integer

// -----

hls.top @float_datatype(%in0 : !hls.stream<f32, 1>) -> (%out0 : !hls.stream<f32, 1>) {
  hls.kernel "fifo" "k" ins(%in0 : !hls.stream<f32, 1>) outs(%out0 : !hls.stream<f32, 1>) params {ELEMS = 1 : i64, BEATS = 2 : i64, T = f32}
  hls.yield
}
// CHECK: 'hls.kernel' instance 'k' (fifo) parameter T has datatype f32; the HLS kernels handle integer datatypes only

// -----

hls.top @fixed_datatype(%in0 : !hls.stream<!qnn.int<2>, 1>) -> (%out0 : !hls.stream<!qnn.int<2>, 1>) {
  hls.kernel "fifo" "k" ins(%in0 : !hls.stream<!qnn.int<2>, 1>) outs(%out0 : !hls.stream<!qnn.int<2>, 1>) params {ELEMS = 1 : i64, BEATS = 1 : i64, T = !qnn.fixed<8, 4>}
  hls.yield
}
// CHECK: 'hls.kernel' instance 'k' (fifo) parameter T has datatype !qnn.fixed<8, 4>; the HLS kernels handle integer datatypes only

// -----

hls.top @join_one_input(%in0 : !hls.stream<!qnn.int<2>, 1>) -> (%out0 : !hls.stream<!qnn.int<2>, 1>) {
  hls.kernel "add_streams" "k" ins(%in0 : !hls.stream<!qnn.int<2>, 1>) outs(%out0 : !hls.stream<!qnn.int<2>, 1>) params {PE = 1 : i64, BEATS = 1 : i64, TA = !qnn.int<2>, TB = !qnn.int<2>, TO = !qnn.int<2>}
  hls.yield
}
// CHECK: 'hls.kernel' instance 'k' (add_streams) takes 2 input stream(s), 1..1 output stream(s) and 0..0 ROM(s), got 1, 1 and 0

// -----

hls.top @fifo_with_rom(%in0 : !hls.stream<!qnn.int<2>, 1>) -> (%out0 : !hls.stream<!qnn.int<2>, 1>) {
  %w = hls.rom "w" dense<1> : tensor<1x1x1xi8> -> tensor<1x1x1x!qnn.int<2>>
  hls.kernel "fifo" "k" ins(%in0 : !hls.stream<!qnn.int<2>, 1>) outs(%out0 : !hls.stream<!qnn.int<2>, 1>) roms(%w : tensor<1x1x1x!qnn.int<2>>) params {ELEMS = 1 : i64, BEATS = 1 : i64, T = !qnn.int<2>}
  hls.yield
}
// CHECK: 'hls.kernel' instance 'k' (fifo) takes 1 input stream(s), 1..1 output stream(s) and 0..0 ROM(s), got 1, 1 and 1

// -----

hls.top @mvau_without_weights(%in0 : !hls.stream<!qnn.int<2>, 1>) -> (%out0 : !hls.stream<!qnn.int<2>, 1>) {
  hls.kernel "mvau" "k" ins(%in0 : !hls.stream<!qnn.int<2>, 1>) outs(%out0 : !hls.stream<!qnn.int<2>, 1>) params {MW = 2 : i64, MH = 1 : i64, SIMD = 2 : i64, PE = 1 : i64, VECS = 1 : i64, TI = !qnn.int<2>, TW = !qnn.int<2>, TO = !qnn.int<2>, TA = !qnn.int<4>, NT = 0 : i64, TT = !qnn.int<4>, ACT_BIAS = 0 : i64}
  hls.yield
}
// CHECK: 'hls.kernel' instance 'k' (mvau) takes 1 input stream(s), 1..1 output stream(s) and 1..2 ROM(s), got 1, 1 and 0

// -----

hls.top @rom_rank(%in0 : !hls.stream<!qnn.int<2>, 1>) -> (%out0 : !hls.stream<!qnn.int<2>, 1>) {
  %w = hls.rom "w" dense<1> : tensor<1x2xi8> -> tensor<1x2x!qnn.int<2>>
  hls.kernel "mvau" "k" ins(%in0 : !hls.stream<!qnn.int<2>, 1>) outs(%out0 : !hls.stream<!qnn.int<2>, 1>) roms(%w : tensor<1x2x!qnn.int<2>>) params {MW = 2 : i64, MH = 1 : i64, SIMD = 2 : i64, PE = 1 : i64, VECS = 1 : i64, TI = !qnn.int<2>, TW = !qnn.int<2>, TO = !qnn.int<2>, TA = !qnn.int<4>, NT = 0 : i64, TT = !qnn.int<4>, ACT_BIAS = 0 : i64}
  hls.yield
}
// CHECK: 'hls.kernel' instance 'k' (mvau) ROM #0 must have rank 3 (lanes, depth, word), got shape [1, 2]

// -----

%s = "test.op"() : () -> !hls.stream<!qnn.int<2>, 1>
%t = "test.op"() : () -> !hls.stream<!qnn.int<2>, 1>
hls.kernel "fifo" "a" ins(%s : !hls.stream<!qnn.int<2>, 1>) outs(%t : !hls.stream<!qnn.int<2>, 1>) params {ELEMS = 1 : i64, BEATS = 1 : i64, T = !qnn.int<2>}
// CHECK: 'hls.kernel' expects parent op 'hls.top'

// --- hls.yield ---------------------------------------------------------------

// -----

hls.yield
// CHECK: 'hls.yield' expects parent op 'hls.top'

// -----

hls.top @yield_not_last(%in0 : !hls.stream<!qnn.int<2>, 1>) -> (%out0 : !hls.stream<!qnn.int<2>, 1>) {
  hls.yield
  hls.kernel "fifo" "a" ins(%in0 : !hls.stream<!qnn.int<2>, 1>) outs(%out0 : !hls.stream<!qnn.int<2>, 1>) params {ELEMS = 1 : i64, BEATS = 1 : i64, T = !qnn.int<2>}
}
// CHECK: 'hls.yield' must be the last operation in its parent block
