// The report of a multi-layer-offload accelerator: the layers run one after
// the other on the shared engine (frame = the sum of their cycles), each
// bound by its compute (padded tiles: ceil(10/4) * ceil(12/8) = 6 cycles)
// or its off-chip traffic (weights 12*10*2/8 = 30 bytes plus activations
// (12*2 + 10*8)/8 = 13 bytes at 4.2 GB/s / 100 MHz = 42 bytes a cycle:
// 1.02 cycles); the resources are the engine's.
// RUN: finnr-opt %s -t 'report{device=pynq-z1}' | filecheck %s
// RUN: finnr-opt %s -t 'report{device=pynq-z1 format=json}' | filecheck %s --check-prefix=JSON

// CHECK:      # finnr estimate on pynq-z1 at 100 MHz
// CHECK:      - throughput: **{{[0-9.]+}} FPS** at 100 MHz, bound by compute (f_clk / the sum of the layers' cycles: they run one after the other on the shared engines; off-chip memory at 4.2 GB/s)
// CHECK-NEXT: - host link: 3 bytes in, 3 bytes out per frame {{.*}}: at most 400000000.0 FPS
// CHECK:      | layer | kind | engine | cycles | bound by | off-chip bytes |
// CHECK-NEXT: |---|---|---|---:|---|---:|
// CHECK-NEXT: | MVAU_hls_0 (slowest) | mvau | mvau_engine | 6 | compute | 43 |
// CHECK-NEXT: | Thresholding_rtl_0 | thresholding | - | {{[0-9]+}} | memory | {{[0-9]+}} |
// CHECK:      | engine | kind | PE | SIMD | weight bits | input bits | output bits | LUT | FF | BRAM18 | URAM | DSP |
// CHECK-NEXT: |---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|
// CHECK-NEXT: | mvau_engine | mvau | 4 | 8 | 2 | 2 | - |
// CHECK-NEXT: | **total** |

// JSON: "arch": "offload",
// JSON: "dram_gbps": 4.2,
// JSON: "engines": [
// JSON-NEXT: {
// JSON-NEXT: "name": "mvau_engine",
// JSON-NEXT: "kind": "mvau",
// JSON-NEXT: "pe": 4,
// JSON-NEXT: "simd": 8,

func.func @mo(%x: tensor<1x12x!qnn.uint<2>>) -> tensor<1x10x!qnn.uint<2>> {
  %y = dataflow.offload "accel" (%a = %x : tensor<1x12x!qnn.uint<2>>) -> (tensor<1x10x!qnn.uint<2>>) {
    dataflow.engine @mvau_engine {pe = 4 : i64, simd = 8 : i64, wbits = 2 : i64, abits = 2 : i64}
    %h = dataflow.mvau %a {weights = dense<1> : tensor<12x10xi8>, weight_dtype = !qnn.int<2>, pe = 4 : i64, simd = 8 : i64, mem_mode = "external", engine = @mvau_engine} : (tensor<1x12x!qnn.uint<2>>) -> tensor<1x10x!qnn.int<8>>
    %t = dataflow.thresholding %h {thresholds = dense<[[0, 2, 4]]> : tensor<1x3xi8>} : (tensor<1x10x!qnn.int<8>>) -> tensor<1x10x!qnn.uint<2>>
    dataflow.yield %t : tensor<1x10x!qnn.uint<2>>
  }
  func.return %y : tensor<1x10x!qnn.uint<2>>
}
