// The Verilog wrapper names each core's kernel instance in a comment; an
// instance name from hand-written IR with a newline (and a "*/") is escaped
// there, so it cannot end the comment and inject Verilog. Names from ONNX
// never reach here unsanitized (convert-dataflow-to-hls names instances).
// RUN: finnr-opt %s -t verilog | filecheck %s
// RUN: finnr-opt %s -t 'verilog{stubs=true}' | filecheck %s --check-prefix=STUB

// CHECK:      // kernel fifo: 9 lives\n*/
// CHECK-NEXT: kernel_9_lives u_kernel_9_lives (
// CHECK-NOT:  {{^}}*/
// STUB:       // stub of the Vitis HLS core kernel_9_lives (kernel fifo "9 lives\n*/")
// STUB-NEXT:  module kernel_9_lives (

hls.top @t(%x : !hls.stream<!qnn.uint<8>, 2>) -> (%out : !hls.stream<!qnn.uint<8>, 2>) {
  hls.kernel "fifo" "9 lives\n*/" ins(%x : !hls.stream<!qnn.uint<8>, 2>) outs(%out : !hls.stream<!qnn.uint<8>, 2>) params {ELEMS = 2 : i64, BEATS = 1 : i64, T = !qnn.uint<8>}
  hls.yield
}
