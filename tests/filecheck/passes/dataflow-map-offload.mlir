// dataflow-map-offload: a partition with weighted layers becomes a
// dataflow.offload with one shared engine per weighted kind (as wide as the
// widest weights and inputs of its layers); every weighted layer names its
// engine, takes the engine's PE/SIMD (no divisibility needed: tiles are
// padded) and streams its weights from off-chip memory; FIFOs and width
// converters go (activations travel through off-chip memory). Running it
// twice changes nothing more.
// RUN: finnr-opt %s --split-input-file -p 'dataflow-map-offload{pe=3 simd=5}' | filecheck %s --check-prefixes=CHECK,FIXED
// RUN: finnr-opt %s --split-input-file -p 'dataflow-map-offload{pe=3 simd=5},dataflow-map-offload{pe=3 simd=5}' | filecheck %s --check-prefixes=CHECK,FIXED
// RUN: finnr-opt %s --split-input-file -p 'dataflow-map-offload{device=pynq-z1}' | filecheck %s --check-prefixes=CHECK,CHOSEN
// RUN: not finnr-opt %s -p 'dataflow-map-offload{pe=4}' 2>&1 | filecheck %s --check-prefix=HALF
// RUN: not finnr-opt %s -p 'dataflow-map-offload{device=pynq-z1 utilization=0.0001}' 2>&1 | filecheck %s --check-prefix=NOFIT
// RUN: not finnr-opt %s -p 'dataflow-map-offload{device=pynq-z1 clock-mhz=0}' 2>&1 | filecheck %s --check-prefix=CLOCK
// RUN: not finnr-opt %s -p 'dataflow-map-offload{device=pynq-z1 utilization=2}' 2>&1 | filecheck %s --check-prefix=BUDGET

// HALF: dataflow-map-offload: give both pe and simd, or neither
// NOFIT: finnr-opt: error: mlp: not even a 1x1 shared engine fits 0% of pynq-z1
// CLOCK: finnr-opt: error: clock-mhz must be a positive number of MHz, got 0
// BUDGET: finnr-opt: error: utilization must be in (0, 1], got 2

// CHECK-LABEL: func.func @mlp(
// CHECK:         %{{.*}} = dataflow.offload "mlp" (%{{.*}} = %{{.*}} : tensor<1x8x!qnn.uint<2>>) -> (tensor<1x4x!qnn.int<8>>) {
// FIXED-NEXT:      dataflow.engine @mvau_engine {pe = 3 : i64, simd = 5 : i64, wbits = 3 : i64, abits = 2 : i64, obits = 2 : i64}
// CHOSEN-NEXT:     dataflow.engine @mvau_engine {pe = [[PE:[0-9]+]] : i64, simd = [[SIMD:[0-9]+]] : i64, wbits = 3 : i64, abits = 2 : i64, obits = 2 : i64}
// CHECK-NOT:       dataflow.engine
// FIXED-NEXT:      %[[H:[^ ]*]] = dataflow.mvau %{{[^ ]*}} {{{.*}}weight_dtype = !qnn.int<2>, {{.*}}pe = 3 : i64, simd = 5 : i64, mem_mode = "external", engine = @mvau_engine}
// CHOSEN-NEXT:     %[[H:[^ ]*]] = dataflow.mvau %{{[^ ]*}} {{{.*}}pe = [[PE]] : i64, simd = [[SIMD]] : i64, mem_mode = "external", engine = @mvau_engine}
// CHECK-NEXT:      %[[O:[^ ]*]] = dataflow.mvau %[[H]] {{{.*}}weight_dtype = !qnn.int<3>, {{.*}}mem_mode = "external", engine = @mvau_engine}
// CHECK-NEXT:      dataflow.yield %[[O]]
func.func @mlp(%x: tensor<1x8x!qnn.uint<2>>) -> tensor<1x4x!qnn.int<8>> {
  %y = dataflow.partition "mlp" (%a = %x : tensor<1x8x!qnn.uint<2>>) -> (tensor<1x4x!qnn.int<8>>) {
    %h = dataflow.mvau %a {weights = dense<1> : tensor<8x8xi8>, weight_dtype = !qnn.int<2>, thresholds = dense<[[0, 4, 8]]> : tensor<1x3xi8>, pe = 2 : i64, simd = 4 : i64} : (tensor<1x8x!qnn.uint<2>>) -> tensor<1x8x!qnn.uint<2>>
    %f = dataflow.fifo %h {elems = 2 : i64} : (tensor<1x8x!qnn.uint<2>>) -> tensor<1x8x!qnn.uint<2>>
    %d = dataflow.dwc %f {in_elems = 2 : i64, out_elems = 4 : i64} : (tensor<1x8x!qnn.uint<2>>) -> tensor<1x8x!qnn.uint<2>>
    %o = dataflow.mvau %d {weights = dense<1> : tensor<8x4xi8>, weight_dtype = !qnn.int<3>, pe = 4 : i64, simd = 4 : i64} : (tensor<1x8x!qnn.uint<2>>) -> tensor<1x4x!qnn.int<8>>
    dataflow.yield %o : tensor<1x4x!qnn.int<8>>
  }
  func.return %y : tensor<1x4x!qnn.int<8>>
}

// -----

// A conv layer: the sliding window and the pooling stay (they are the
// address generation around the engine), the MVAU is bound.
// CHECK-LABEL: func.func @conv(
// CHECK:         dataflow.offload (
// CHECK-NEXT:      dataflow.engine @mvau_engine
// CHECK-NEXT:      dataflow.swu
// CHECK-NEXT:      dataflow.mvau {{.*}}engine = @mvau_engine
// CHECK-NEXT:      dataflow.maxpool
// CHECK-NEXT:      dataflow.yield
func.func @conv(%x: tensor<1x4x4x3x!qnn.uint<2>>) -> tensor<1x1x1x4x!qnn.int<8>> {
  %y = dataflow.partition (%a = %x : tensor<1x4x4x3x!qnn.uint<2>>) -> (tensor<1x1x1x4x!qnn.int<8>>) {
    %w = dataflow.swu %a {kernel = array<i64: 3, 3>} : (tensor<1x4x4x3x!qnn.uint<2>>) -> tensor<1x2x2x27x!qnn.uint<2>>
    %h = dataflow.mvau %w {weights = dense<1> : tensor<27x4xi8>, weight_dtype = !qnn.int<2>} : (tensor<1x2x2x27x!qnn.uint<2>>) -> tensor<1x2x2x4x!qnn.int<8>>
    %p = dataflow.maxpool %h {kernel = array<i64: 2, 2>, stride = array<i64: 2, 2>} : (tensor<1x2x2x4x!qnn.int<8>>) -> tensor<1x1x1x4x!qnn.int<8>>
    dataflow.yield %p : tensor<1x1x1x4x!qnn.int<8>>
  }
  func.return %y : tensor<1x1x1x4x!qnn.int<8>>
}

// -----

// Refused: a partition without weighted layers has nothing to share and
// stays a dataflow partition, FIFO included.
// CHECK-LABEL: func.func @no_weights(
// CHECK:         dataflow.partition (
// CHECK-NEXT:      dataflow.thresholding
// CHECK-NEXT:      dataflow.fifo
// CHECK-NOT:     dataflow.offload
// CHECK-NOT:     dataflow.engine
func.func @no_weights(%x: tensor<1x4x!qnn.int<8>>) -> tensor<1x4x!qnn.uint<2>> {
  %y = dataflow.partition (%a = %x : tensor<1x4x!qnn.int<8>>) -> (tensor<1x4x!qnn.uint<2>>) {
    %t = dataflow.thresholding %a {thresholds = dense<[[0, 2, 4]]> : tensor<1x3xi8>} : (tensor<1x4x!qnn.int<8>>) -> tensor<1x4x!qnn.uint<2>>
    %f = dataflow.fifo %t : (tensor<1x4x!qnn.uint<2>>) -> tensor<1x4x!qnn.uint<2>>
    dataflow.yield %f : tensor<1x4x!qnn.uint<2>>
  }
  func.return %y : tensor<1x4x!qnn.uint<2>>
}
