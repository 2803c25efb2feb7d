// legalize-names: every C++ and Verilog identifier the backends print,
// written into the IR as finnr.cpp_* / finnr.verilog_* attributes (see
// finnr/names.py), which the printers only read. Names are sanitized, unique
// in their scope (case-insensitively), never a C++ keyword or library name
// (int, main) for C++ nor a Verilog keyword (module, wire) for Verilog; an
// already-legal module keeps its names. It refuses nothing; a second run
// changes nothing. The targets run it on a module that lacks the names and
// print the names a module carries (READ).
// RUN: finnr-opt %s --split-input-file -p legalize-names | filecheck %s
// RUN: finnr-opt %s --split-input-file -p legalize-names,legalize-names | filecheck %s
// RUN: finnr-opt %s --split-input-file -p legalize-names > %t.once.mlir
// RUN: finnr-opt %t.once.mlir --split-input-file -p legalize-names > %t.twice.mlir
// RUN: diff %t.once.mlir %t.twice.mlir
// RUN: sed -n 's/^\/\/ READ-IR: //p' %s | finnr-opt -t hls-cpp | filecheck %s --check-prefix=READ
// RUN: sed -n 's/^\/\/ READ-IR: //p' %s | sed 's/"my_port"/"my port"/' | finnr-opt -t hls-cpp | filecheck %s --check-prefix=RENAMED

// Hostile names: a C++ keyword as the top (int), library names as kernels
// (main, Main: case-insensitive), a kernel taking the wrapper's name
// (int_1_top), a stream named as a port (x), a Verilog keyword as a stream
// (wire), quotes, newlines and a leading digit.
// CHECK:      builtin.module attributes {finnr.cpp_project = "int_1"} {
// CHECK-NEXT:   hls.top @int({{.*}}) attributes {finnr.cpp_name = "int_1", finnr.cpp_ports = ["x", "out"], finnr.cpp_tb_ports = ["x", "out"], finnr.cpp_runner = "run_int_1", finnr.verilog_name = "int_1_top_1", finnr.verilog_fifo = "int_1_axis_fifo", finnr.verilog_ports = ["s_axis_x", "m_axis_out"]} {
// CHECK-NEXT:     %s = hls.stream {finnr.cpp_name = "x_1", finnr.verilog_wires = ["x_1_w", "x_1_r"], finnr.verilog_inst = "fifo_x_1", {{.*}}name = "x"}
// CHECK-NEXT:     %t = hls.stream {finnr.cpp_name = "wire", finnr.verilog_wires = ["wire_w", "wire_r"], finnr.verilog_inst = "fifo_wire", name = "wire"}
// CHECK-NEXT:     %u = hls.stream {finnr.cpp_name = "a_system_rm", finnr.verilog_wires = ["a_system_rm_w", "a_system_rm_r"], finnr.verilog_inst = "fifo_a_system_rm",
// CHECK-NEXT:     hls.kernel "fifo" "main" {{.*}} {finnr.cpp_name = "main_1", finnr.cpp_ports = ["in0", "out0"], finnr.cpp_roms = [], finnr.verilog_inst = "u_main_1"}
// CHECK-NEXT:     hls.kernel "fifo" "int_1_top" {{.*}} {finnr.cpp_name = "int_1_top", finnr.cpp_ports = ["in0", "out0"], finnr.cpp_roms = [], finnr.verilog_inst = "u_int_1_top"}
// CHECK-NEXT:     hls.kernel "fifo" "9 lives\0A*/" {{.*}} {finnr.cpp_name = "kernel_9_lives", finnr.cpp_ports = ["in0", "out0"], finnr.cpp_roms = [], finnr.verilog_inst = "u_kernel_9_lives"}
// CHECK-NEXT:     %w = hls.rom "int"
// CHECK-NEXT:     hls.kernel "mvau" "Main" {{.*}} {finnr.cpp_name = "Main_2", finnr.cpp_ports = ["in0", "out0"], finnr.cpp_roms = ["int_2"], finnr.verilog_inst = "u_Main_2"}

hls.top @"int"(%x : !hls.stream<!qnn.uint<8>, 2>) -> (%out : !hls.stream<!qnn.uint<8>, 2>) {
  %s = hls.stream {depth = 4 : i64, name = "x"} : !hls.stream<!qnn.uint<8>, 2>
  %t = hls.stream {name = "wire"} : !hls.stream<!qnn.uint<8>, 2>
  %u = hls.stream {name = "a\"; system(\"rm\"); //"} : !hls.stream<!qnn.uint<8>, 2>
  hls.kernel "fifo" "main" ins(%x : !hls.stream<!qnn.uint<8>, 2>) outs(%s : !hls.stream<!qnn.uint<8>, 2>) params {ELEMS = 2 : i64, BEATS = 1 : i64, T = !qnn.uint<8>}
  hls.kernel "fifo" "int_1_top" ins(%s : !hls.stream<!qnn.uint<8>, 2>) outs(%t : !hls.stream<!qnn.uint<8>, 2>) params {ELEMS = 2 : i64, BEATS = 1 : i64, T = !qnn.uint<8>}
  hls.kernel "fifo" "9 lives\n*/" ins(%t : !hls.stream<!qnn.uint<8>, 2>) outs(%u : !hls.stream<!qnn.uint<8>, 2>) params {ELEMS = 2 : i64, BEATS = 1 : i64, T = !qnn.uint<8>}
  %w = hls.rom "int" dense<1> : tensor<1x2x1xi8> -> tensor<1x2x1x!qnn.int<2>>
  hls.kernel "mvau" "Main" ins(%u : !hls.stream<!qnn.uint<8>, 2>) outs(%out : !hls.stream<!qnn.uint<8>, 2>) roms(%w : tensor<1x2x1x!qnn.int<2>>) params {MW = 2 : i64, MH = 1 : i64, SIMD = 1 : i64, PE = 1 : i64, VECS = 1 : i64, TI = !qnn.uint<8>, TW = !qnn.int<2>, TO = !qnn.int<8>, TA = !qnn.int<17>, NT = 0 : i64, TT = !qnn.int<17>, ACT_BIAS = 0 : i64}
  hls.yield
}

// -----

// Already legal: every name stays as the IR has it. Two tops: the project
// is "accelerators".
// CHECK:      builtin.module attributes {finnr.cpp_project = "accelerators"} {
// CHECK-NEXT:   hls.top @accel({{.*}}) attributes {finnr.cpp_name = "accel", finnr.cpp_ports = ["a", "b"], finnr.cpp_tb_ports = ["a", "b"], finnr.cpp_runner = "run_accel", finnr.verilog_name = "accel_top", finnr.verilog_fifo = "accel_axis_fifo", finnr.verilog_ports = ["s_axis_a", "m_axis_b"]} {
// CHECK-NEXT:     %s0 = hls.stream {finnr.cpp_name = "s0", finnr.verilog_wires = ["s0_w", "s0_r"], finnr.verilog_inst = "fifo_s0", name = "s0"}
// CHECK-NEXT:     hls.kernel "fifo" "f0" {{.*}} {finnr.cpp_name = "f0", finnr.cpp_ports = ["in0", "out0"], finnr.cpp_roms = [], finnr.verilog_inst = "u_f0"}
// CHECK-NEXT:     hls.kernel "fifo" "f1" {{.*}} {finnr.cpp_name = "f1", finnr.cpp_ports = ["in0", "out0"], finnr.cpp_roms = [], finnr.verilog_inst = "u_f1"}
// CHECK:        hls.top @other({{.*}}) attributes {finnr.cpp_name = "other", finnr.cpp_ports = ["in0", "out0"], finnr.cpp_tb_ports = ["p0", "p1"], finnr.cpp_runner = "run_other", finnr.verilog_name = "other_top", finnr.verilog_fifo = "other_axis_fifo", finnr.verilog_ports = ["s_axis_in0", "m_axis_out0"]} {

hls.top @accel(%a : !hls.stream<!qnn.uint<8>, 2>) -> (%b : !hls.stream<!qnn.uint<8>, 2>) {
  %s0 = hls.stream {name = "s0"} : !hls.stream<!qnn.uint<8>, 2>
  hls.kernel "fifo" "f0" ins(%a : !hls.stream<!qnn.uint<8>, 2>) outs(%s0 : !hls.stream<!qnn.uint<8>, 2>) params {ELEMS = 2 : i64, BEATS = 1 : i64, T = !qnn.uint<8>}
  hls.kernel "fifo" "f1" ins(%s0 : !hls.stream<!qnn.uint<8>, 2>) outs(%b : !hls.stream<!qnn.uint<8>, 2>) params {ELEMS = 2 : i64, BEATS = 1 : i64, T = !qnn.uint<8>}
  hls.yield
}
hls.top @other(%0 : !hls.stream<!qnn.uint<8>, 2>) -> (%1 : !hls.stream<!qnn.uint<8>, 2>) {
  hls.kernel "fifo" "g0" ins(%0 : !hls.stream<!qnn.uint<8>, 2>) outs(%1 : !hls.stream<!qnn.uint<8>, 2>) params {ELEMS = 2 : i64, BEATS = 1 : i64, T = !qnn.uint<8>}
  hls.yield
}

// -----

// The rtl target's names: top and layer modules unique across the
// partitions (and never a library module's), ports and wires local to a
// partition's top (the port hint 'module' is a Verilog keyword).
// CHECK:      dataflow.partition "my \22accel\22; wire" {{.*}} attributes {finnr.verilog_name = "my_accel_wire_top", finnr.verilog_ports = ["s_axis_module_1", "m_axis_out0"], finnr.verilog_wires = ["module_1"]} {
// CHECK-NEXT:   dataflow.fifo %module {finnr.verilog_name = "my_accel_wire_StreamingFIFO_rtl_0", finnr.verilog_wire = "StreamingFIFO_rtl_0", finnr.verilog_inst = "u_StreamingFIFO_rtl_0",
// CHECK-NEXT:   dataflow.dwc %{{.*}} {finnr.verilog_name = "my_accel_wire_StreamingDataWidthConverter_hls_0", finnr.verilog_wire = "StreamingDataWidthConverter_hls_0", finnr.verilog_inst = "u_StreamingDataWidthConverter_hls_0",
// CHECK:      dataflow.partition "my_accel_wire" {{.*}} attributes {finnr.verilog_name = "my_accel_wire_top_1", finnr.verilog_ports = ["s_axis_x", "m_axis_out0"], finnr.verilog_wires = ["x"]} {
// CHECK-NEXT:   dataflow.dwc %x {finnr.verilog_name = "my_accel_wire_StreamingDataWidthConverter_hls_1", finnr.verilog_wire = "StreamingDataWidthConverter_hls_1", finnr.verilog_inst = "u_StreamingDataWidthConverter_hls_1",

builtin.module {
  func.func @main(%0: tensor<1x4x!qnn.int<3>>) -> tensor<1x4x!qnn.int<3>> {
    %1 = dataflow.partition "my \22accel\22; wire" (%module = %0 : tensor<1x4x!qnn.int<3>>) -> (tensor<1x4x!qnn.int<3>>) {
      %2 = dataflow.fifo %module {depth = 4 : i64, elems = 2 : i64} : (tensor<1x4x!qnn.int<3>>) -> tensor<1x4x!qnn.int<3>>
      %3 = dataflow.dwc %2 {in_elems = 2 : i64, out_elems = 4 : i64} : (tensor<1x4x!qnn.int<3>>) -> tensor<1x4x!qnn.int<3>>
      dataflow.yield %3 : tensor<1x4x!qnn.int<3>>
    }
    %4 = dataflow.partition "my_accel_wire" (%x = %1 : tensor<1x4x!qnn.int<3>>) -> (tensor<1x4x!qnn.int<3>>) {
      %5 = dataflow.dwc %x {in_elems = 4 : i64, out_elems = 2 : i64} : (tensor<1x4x!qnn.int<3>>) -> tensor<1x4x!qnn.int<3>>
      dataflow.yield %5 : tensor<1x4x!qnn.int<3>>
    }
    func.return %4 : tensor<1x4x!qnn.int<3>>
  }
}

// -----

// Nothing to name: the module is unchanged.
// CHECK:      func.func @f(%x: i32) -> i32 {
// CHECK-NOT:  finnr.
// CHECK:      func.return %x : i32

func.func @f(%x: i32) -> i32 {
  func.return %x : i32
}

// A target prints the names a module carries (my_fn, my_port); a name that
// is not an identifier counts as missing, and the target legalizes the
// module again (accel, in0).
// READ:        void my_fn(hls::stream<ap_uint<16> > &my_port, hls::stream<ap_uint<16> > &out0) {
// READ:        void my_top(hls::stream<ap_uint<16> > &a, hls::stream<ap_uint<16> > &b) {
// READ-NEXT:   #pragma HLS INTERFACE axis port=a
// READ:          my_fn(a, b);
// RENAMED:     void f0(hls::stream<ap_uint<16> > &in0, hls::stream<ap_uint<16> > &out0) {
// RENAMED:     void accel(hls::stream<ap_uint<16> > &a, hls::stream<ap_uint<16> > &b) {
// RENAMED:       f0(a, b);
// READ-IR: builtin.module attributes {finnr.cpp_project = "my_project"} {
// READ-IR: hls.top @accel(%a : !hls.stream<!qnn.uint<8>, 2>) -> (%b : !hls.stream<!qnn.uint<8>, 2>) attributes {finnr.cpp_name = "my_top", finnr.cpp_ports = ["a", "b"], finnr.cpp_tb_ports = ["a", "b"], finnr.cpp_runner = "run_my_top", finnr.verilog_name = "my_top_top", finnr.verilog_fifo = "my_top_axis_fifo", finnr.verilog_ports = ["s_axis_a", "m_axis_b"]} {
// READ-IR:   hls.kernel "fifo" "f0" ins(%a : !hls.stream<!qnn.uint<8>, 2>) outs(%b : !hls.stream<!qnn.uint<8>, 2>) params {ELEMS = 2 : i64, BEATS = 1 : i64, T = !qnn.uint<8>} {finnr.cpp_name = "my_fn", finnr.cpp_ports = ["my_port", "out0"], finnr.cpp_roms = [], finnr.verilog_inst = "u_my_fn"}
// READ-IR:   hls.yield
// READ-IR: }
// READ-IR: }
