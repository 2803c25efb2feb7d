// dataflow-set-folding and the one fit rule (finnr.models.fit): each of
// LUT, FF, BRAM18, URAM and DSP within utilization (default 80%) of the
// device. maximize finds designs whose layers keep their weights in
// different memories (MIXED); a budget that no folding fits is refused,
// naming every resource's use and budget (TIGHT); the cheapest folding for
// a target that does not fit is built, with a warning naming them (OVER).
// RUN: finnr-opt %s -p 'dataflow-set-folding{maximize=true device=pynq-z1}' | filecheck %s --check-prefix=MIXED
// RUN: not finnr-opt %s -p 'dataflow-set-folding{maximize=true device=pynq-z1 utilization=0.5}' 2>&1 | filecheck %s --check-prefix=TIGHT
// RUN: finnr-opt %s -p 'dataflow-set-folding{target-fps=100000 device=pynq-z1}' 2>&1 >/dev/null | filecheck %s --check-prefix=OVER
// RUN: not finnr-opt %s -p 'dataflow-set-folding{maximize=true device=pynq-z1 clock-mhz=-1}' 2>&1 | filecheck %s --check-prefix=CLOCK

// Four identical MVAUs, 512 x 512 weights of 4 bits (1 Mbit each), 4-bit
// thresholded outputs. 80% of pynq-z1: 42,560 LUT, 224 BRAM18, no URAM.
// With PE x SIMD = 64 (4096 cycles) a layer costs 5,800 LUT and 60 BRAM18
// with its weights in BRAM, or 22,184 LUT in LUTRAM; with 128 (2048
// cycles) 8,616 LUT and 58 BRAM18, or 25,000 LUT. BRAM never holds all four
// (at least 57 BRAM18 each at any folding), LUTRAM never two (at least
// 19,412 LUT each): every design that fits mixes them. The
// fastest: three layers in BRAM and one in LUTRAM at 4096 cycles (3 x 5,800
// + 22,184 = 39,584 LUT, 180 BRAM18); at 2048 cycles one LUTRAM layer
// already needs 25,000 + 3 x 8,616 = 50,848 LUT. (Fixed relative prices of
// BRAM and LUTs send all four layers to the same memory: "does not fit".)
// MIXED: dataflow.mvau %a0 {{.*}}simd = 64 : i64, ram_style = "distributed", res_type = "lut"
// MIXED: dataflow.mvau %a1 {{.*}}simd = 64 : i64, ram_style = "block", res_type = "lut"
// MIXED: dataflow.mvau %a2 {{.*}}simd = 64 : i64, ram_style = "block", res_type = "lut"
// MIXED: dataflow.mvau %a3 {{.*}}simd = 64 : i64, ram_style = "block", res_type = "lut"

// TIGHT, 50% (26,600 LUT, 140 BRAM18): a layer in BRAM needs at least 57
// BRAM18 at any folding, so two at most; a layer in LUTRAM at least 19,412
// LUT, so one at most.
// TIGHT: error: the network does not fit 50% of pynq-z1 at any folding (LUT {{[0-9]+}}/26600, FF {{[0-9]+}}/53200, BRAM18 {{[0-9]+}}/140, URAM 0/0, DSP {{[0-9]+}}/110)

// OVER, 1e5 FPS: 1000 cycles, PE x SIMD >= 263 per layer, four times the
// fastest design that fits.
// OVER: OverBudgetWarning: the cheapest folding for 100000 FPS does not fit 80% of pynq-z1 (LUT {{[0-9]+}}/42560, FF {{[0-9]+}}/85120, BRAM18 {{[0-9]+}}/224, URAM 0/0, DSP {{[0-9]+}}/176)

// CLOCK: clock-mhz must be a positive number of MHz, got -1

func.func @net(%x: tensor<1x512x!qnn.uint<4>>) -> tensor<1x512x!qnn.uint<4>> {
  %y = dataflow.partition "net" (%a0 = %x : tensor<1x512x!qnn.uint<4>>) -> (tensor<1x512x!qnn.uint<4>>) {
    %a1 = dataflow.mvau %a0 {weights = dense<1> : tensor<512x512xi8>, weight_dtype = !qnn.int<4>, thresholds = dense<0> : tensor<512x15xi32>} : (tensor<1x512x!qnn.uint<4>>) -> tensor<1x512x!qnn.uint<4>>
    %a2 = dataflow.mvau %a1 {weights = dense<1> : tensor<512x512xi8>, weight_dtype = !qnn.int<4>, thresholds = dense<0> : tensor<512x15xi32>} : (tensor<1x512x!qnn.uint<4>>) -> tensor<1x512x!qnn.uint<4>>
    %a3 = dataflow.mvau %a2 {weights = dense<1> : tensor<512x512xi8>, weight_dtype = !qnn.int<4>, thresholds = dense<0> : tensor<512x15xi32>} : (tensor<1x512x!qnn.uint<4>>) -> tensor<1x512x!qnn.uint<4>>
    %a4 = dataflow.mvau %a3 {weights = dense<1> : tensor<512x512xi8>, weight_dtype = !qnn.int<4>, thresholds = dense<0> : tensor<512x15xi32>} : (tensor<1x512x!qnn.uint<4>>) -> tensor<1x512x!qnn.uint<4>>
    dataflow.yield %a4 : tensor<1x512x!qnn.uint<4>>
  }
  func.return %y : tensor<1x512x!qnn.uint<4>>
}
