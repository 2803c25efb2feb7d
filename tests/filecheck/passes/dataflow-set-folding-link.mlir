// dataflow-set-folding and the host link: maximize buys no throughput the
// host link cannot feed (the cheapest folding reaching the link's rate
// instead of the fastest that fits); it keeps the fastest folding when
// compute binds; a target-fps above the link's rate warns, naming it, and
// still folds for the target.
// RUN: finnr-opt %s -p 'dataflow-set-folding{maximize=true device=pynq-z1}' | filecheck %s --check-prefix=LINK
// RUN: finnr-opt %s -p 'dataflow-set-folding{maximize=true device=pynq-z1 clock-mhz=0.5}' | filecheck %s --check-prefix=COMPUTE
// RUN: finnr-opt %s -p 'dataflow-set-folding{target-fps=2000000 device=pynq-z1}' 2>/dev/null | filecheck %s --check-prefix=TARGET
// RUN: finnr-opt %s -p 'dataflow-set-folding{target-fps=2000000 device=pynq-z1}' 2>&1 >/dev/null | filecheck %s --check-prefix=WARN

// One MVAU, MW 1200, MH 2: the input row is 1200 x 8 bits = 1200 bytes, the
// output 2 x 20 bits = 40 bits = 5 bytes. pynq-z1's link carries 1.2e9 B/s
// each way: 1.2e9 / 1200 = 1e6 FPS (the input binds), 100 cycles per frame
// at 100 MHz.
// LINK, the cheapest folding with at most 100 cycles: (2 / PE)(1200 / SIMD)
//   <= 100 needs PE x SIMD >= 24 multipliers; PE 1, SIMD 24: 100 cycles
//   (the fastest that fits 80% of the device has 600 x more parallelism).
// LINK: dataflow.mvau %{{[^ ]*}} {weights = dense<1> : tensor<1200x2xi8>, weight_dtype = !qnn.int<2>, simd = 24 : i64,
// COMPUTE, at 0.5 MHz even 1 cycle per frame is 5e5 FPS < 1e6: compute
//   binds and maximize keeps the fastest folding that fits (SIMD 600: 2
//   cycles).
// COMPUTE: dataflow.mvau %{{[^ ]*}} {weights = dense<1> : tensor<1200x2xi8>, weight_dtype = !qnn.int<2>, simd = 600 : i64,
// TARGET, 2e6 FPS (50 cycles: PE x SIMD >= 48) is above the link's 1e6 FPS.
// WARN: UserWarning: 2e+06 FPS is above what the host link of pynq-z1 carries (1000000.0 FPS, one 64-bit AXI HP port at 150 MHz); the design is built for the target, but runs at most at the link's rate
// TARGET: dataflow.mvau %{{[^ ]*}} {weights = dense<1> : tensor<1200x2xi8>, weight_dtype = !qnn.int<2>, simd = 48 : i64,

func.func @wide(%x: tensor<1x1200x!qnn.uint<8>>) -> tensor<1x2x!qnn.int<20>> {
  %y = dataflow.partition "wide" (%a = %x : tensor<1x1200x!qnn.uint<8>>) -> (tensor<1x2x!qnn.int<20>>) {
    %o = dataflow.mvau %a {weights = dense<1> : tensor<1200x2xi8>, weight_dtype = !qnn.int<2>} : (tensor<1x1200x!qnn.uint<8>>) -> tensor<1x2x!qnn.int<20>>
    dataflow.yield %o : tensor<1x2x!qnn.int<20>>
  }
  func.return %y : tensor<1x2x!qnn.int<20>>
}
