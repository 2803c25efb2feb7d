// The `report` target: per-layer cycles and resources of a folded dataflow
// module, with totals, utilization of a device, throughput (f_clk / the
// slowest layer), latency and compute, as Markdown (the default) or JSON;
// every throughput at its clock, and whether the design fits judged by the
// one fit rule: each of LUT, FF, BRAM18, URAM and DSP within the budget
// (utilization, default 80%) of the device, FIFOs and converters included.
// RUN: finnr-opt %s -t report | filecheck %s --check-prefix=MD
// RUN: finnr-opt %s -t 'report{format="json" device=zcu104 clock-mhz=200}' | filecheck %s --check-prefix=JSON
// RUN: finnr-opt %s -t 'report{clock-mhz=10000}' | filecheck %s --check-prefix=LINK
// RUN: finnr-opt %s -t 'report{utilization=0.01}' | filecheck %s --check-prefix=OVER
// RUN: finnr-opt %s -t 'report{format="json" utilization=0.01}' | filecheck %s --check-prefix=OVERJSON
// RUN: not finnr-opt %s -t 'report{clock-mhz=0}' 2>&1 | filecheck %s --check-prefix=CLOCK
// RUN: not finnr-opt %s -t 'report{utilization=1.5}' 2>&1 | filecheck %s --check-prefix=BUDGET
// RUN: not finnr-opt %s -t 'report{format="xml"}' 2>&1 | filecheck %s --check-prefix=FMT
// RUN: not finnr-opt %s -t 'report{device=zcu014}' 2>&1 | filecheck %s --check-prefix=DEV

// The layers, by hand (REFERENCE.md's formulas, finnr.models.cost):
// MVAU_hls_0: MW 8, MH 4, W = A = 2 (unsigned input), 3 thresholds, PE 2,
//   SIMD 4: (4/2)(8/4) = 4 cycles; mult 4*1*4 = 16, adders 4*7 = 28,
//   acc ceil(6 + log2(1 + 2^-6) + 1) = 8, thr 24, cmp 24, LUTRAM weights
//   2 PE * 8 bits * ceil(4/64) = 16: LUT 300 + 1.1*2*100 + 16 = 536;
//   FF 2 (16 + 8 + 2) = 52.
// StreamingFIFO_rtl_0: 4 elements, 2 per beat: 2 cycles; LUT 20 + 4 = 24,
//   FF 2*4 + 20 = 28.
// StreamingDataWidthConverter_hls_0: 2 -> 4 elements of 2 bits: 4/2 = 2
//   cycles; LUT 2*8 + 50 = 66, FF 16.
// MVAU_hls_1: MW 4, MH 2, no thresholds (acc = the 5-bit result), PE 1,
//   SIMD 4: 2 cycles; LUT 300 + 1.1 (16 + 28 + 5) + 8 ceil(2/64) = 361.9;
//   FF 16 + 5 + 5 = 26.
// report.json counts whole resources (LUT 361.9 -> 362); the totals are the
// sums of the layers' counts: LUT 536 + 24 + 66 + 362 = 988, FF 122. The slowest layer is MVAU_hls_0 (4 cycles):
// 100 MHz / 4 = 25e6 FPS on pynq-z1, 200 MHz / 4 = 5e7 with clock-mhz=200.
// 8*4 + 4*2 = 40 MACs per frame: 2 * 40 * 25e6 = 2 GOp/s (4 at 200 MHz).
// Latency, from the engines' schedules (finnr.models.schedule), input back
// to back from cycle 0: MVAU_hls_0 (SF 2, NF 2) reads its 2 beats at 0 and
// 1 and offers its outputs finnr.hw.pipeline.mvau_latency = 2 (weight ROM)
// + 2 (products, a tree of 4) + 1 (accumulate) + 2 (compares, a tree of
// 3) + 1 (output) = 8 cycles after steps 1 and 3: 9, 11; the FIFO offers
// them a cycle later: 10, 12; the converter's output needs both: 13;
// MVAU_hls_1 (SF 1, NF 2, no thresholds: 2 + 2 + 1 + 0 + 1 = 6) issues
// steps 0 and 1 at 13 and 14, its outputs leave at 19 and 20: 20 - 0 + 1 =
// 21 cycles.
// LUT utilization 987.9 / 53200 = 1.9% (pynq-z1), / 230400 = 0.0043 (zcu104).
// Host link: the input is one row of 8 x 2 bits = 2 bytes, the output one
// row of 2 x 5 bits = 10 bits, padded to 2 bytes. pynq-z1: 1.2e9 B/s each
// way / 2 = 6e8 FPS, above 2.5e7: compute binds; at 10 GHz (4 cycles:
// 2.5e9 FPS) the link binds at 6e8 FPS, 2 * 40 * 6e8 = 48 GOp/s. zcu104:
// 16 B x 333 MHz = 5.328e9 B/s, / 2 = 2.664e9 FPS.

// MD:      # finnr estimate on pynq-z1 at 100 MHz
// MD-EMPTY:
// MD-NEXT: - cost model: **finn-r** (finnr's own engines, FINN-R's 2018 cost functions (finnr.models.cost))
// MD-NEXT: - throughput: **25000000.0 FPS** at 100 MHz, bound by compute (f_clk / the slowest layer, MVAU_hls_0)
// MD-NEXT: - host link: 2 bytes in, 2 bytes out per frame (rows of elements packed to whole bytes) over one 64-bit AXI HP port at 150 MHz (1.2 GB/s in, 1.2 GB/s out): at most 600000000.0 FPS
// MD-NEXT: - latency: 21 cycles (0.2 us; first frame, stages overlapping)
// MD-NEXT: - compute: 2.000 GOp/s at 100 MHz (2 ops per multiply-accumulate)
// MD-NEXT: - fits 80% of pynq-z1: yes (each of LUT, FF, BRAM18, URAM, DSP <= 80% of the device)
// MD-NEXT: - on the FPGA: 40 multiply-accumulates per frame in 1 accelerator partition(s); on the host: 0
// MD-NEXT: - also on the host (no multiply-accumulates): nothing
// MD-EMPTY:
// MD-NEXT: | layer | kind | PE | SIMD | mode | cycles | LUT | FF | BRAM18 | URAM | DSP |
// MD-NEXT: |---|---|---:|---:|---|---:|---:|---:|---:|---:|---:|
// MD-NEXT: | MVAU_hls_0 (bottleneck) | mvau | 2 | 4 | - | 4 | 536 | 52 | 0 | 0 | 0 |
// MD-NEXT: | StreamingFIFO_rtl_0 | fifo | 1 | 1 | - | 2 | 24 | 28 | 0 | 0 | 0 |
// MD-NEXT: | StreamingDataWidthConverter_hls_0 | dwc | 1 | 1 | - | 2 | 66 | 16 | 0 | 0 | 0 |
// MD-NEXT: | MVAU_hls_1 | mvau | 1 | 4 | - | 2 | 362 | 26 | 0 | 0 | 0 |
// MD-NEXT: | **total** | | | | | | 988 | 122 | 0 | 0 | 0 |
// MD-NEXT: | **% of device** | | | | | | 1.9% | 0.1% | 0.0% | 0.0% | 0.0% |
// Each layer's datatypes, weight memory (8 words of 8 bits per PE: LUTRAM)
// and stream widths (SIMD x 2 bits in, PE x output bits out):
// MD-EMPTY:
// MD-NEXT: | layer | input | output | weights | weight memory | in stream (bits) | out stream (bits) |
// MD-NEXT: |---|---|---|---|---|---:|---:|
// MD-NEXT: | MVAU_hls_0 | UINT2 | UINT2 | INT2 | LUTRAM | 8 | 4 |
// MD-NEXT: | StreamingFIFO_rtl_0 | UINT2 | UINT2 | - | - | 4 | 4 |
// MD-NEXT: | StreamingDataWidthConverter_hls_0 | UINT2 | UINT2 | - | - | 4 | 8 |
// MD-NEXT: | MVAU_hls_1 | UINT2 | INT5 | INT2 | LUTRAM | 8 | 5 |

// JSON:      {
// JSON-NEXT:   "arch": "dataflow",
// JSON-NEXT:   "device": "zcu104",
// JSON-NEXT:   "clock_mhz": 200,
// JSON-NEXT:   "fps": 50000000.0,
// JSON-NEXT:   "latency_cycles": 21,
// JSON-NEXT:   "tops": 0.004,
// JSON-NEXT:   "fits": true,
// JSON-NEXT:   "fit_utilization": 0.8,
// JSON-NEXT:   "fit_rule": "each of LUT, FF, BRAM18, URAM, DSP <= 80% of the device",
// JSON-NEXT:   "over_budget": [],
// JSON-NEXT:   "bottleneck": "MVAU_hls_0",
// JSON-NEXT:   "layers": [
// JSON-NEXT:     {
// JSON-NEXT:       "name": "MVAU_hls_0",
// JSON-NEXT:       "kind": "mvau",
// JSON-NEXT:       "pe": 2,
// JSON-NEXT:       "simd": 4,
// JSON-NEXT:       "mode": "",
// JSON-NEXT:       "cycles": 4,
// JSON-NEXT:       "lut": 536,
// JSON-NEXT:       "ff": 52,
// JSON-NEXT:       "bram18": 0,
// JSON-NEXT:       "uram": 0,
// JSON-NEXT:       "dsp": 0,
// JSON-NEXT:       "input_dtype": "UINT2",
// JSON-NEXT:       "output_dtype": "UINT2",
// JSON-NEXT:       "weight_dtype": "INT2",
// JSON-NEXT:       "weight_memory": "LUTRAM",
// JSON-NEXT:       "in_stream_bits": 8,
// JSON-NEXT:       "out_stream_bits": 4
// JSON-NEXT:     },
// JSON:          "name": "StreamingFIFO_rtl_0",
// JSON:          "name": "StreamingDataWidthConverter_hls_0",
// JSON:          "name": "MVAU_hls_1",
// JSON-NEXT:     "kind": "mvau",
// JSON-NEXT:     "pe": 1,
// JSON-NEXT:     "simd": 4,
// JSON-NEXT:     "mode": "",
// JSON-NEXT:     "cycles": 2,
// JSON-NEXT:     "lut": 362,
// JSON-NEXT:     "ff": 26,
// JSON:        "total": {
// JSON-NEXT:     "lut": 988,
// JSON-NEXT:     "ff": 122,
// JSON-NEXT:     "bram18": 0,
// JSON-NEXT:     "uram": 0,
// JSON-NEXT:     "dsp": 0
// JSON-NEXT:   },
// JSON-NEXT:   "utilization": {
// JSON-NEXT:     "lut": 0.0043,
// JSON:          "compute_fps": 50000000.0,
// JSON-NEXT:     "bound": "compute",
// JSON-NEXT:     "io": {
// JSON-NEXT:       "bandwidth_bytes_per_s": {
// JSON-NEXT:         "in": 5328000000.0,
// JSON-NEXT:         "out": 5328000000.0
// JSON-NEXT:       },
// JSON-NEXT:       "link": "one 128-bit AXI HP port at 333 MHz",
// JSON-NEXT:       "in_bytes_per_frame": 2,
// JSON-NEXT:       "out_bytes_per_frame": 2,
// JSON-NEXT:       "fps_bound": 2664000000.0
// JSON-NEXT:     }

// LINK:      # finnr estimate on pynq-z1 at 10000 MHz
// LINK:      - throughput: **600000000.0 FPS** at 10000 MHz, bound by the host link (compute alone: 2500000000.0 FPS, f_clk / the slowest layer, MVAU_hls_0)
// LINK-NEXT: - host link: 2 bytes in, 2 bytes out per frame {{.*}}: at most 600000000.0 FPS
// LINK:      - compute: 48.000 GOp/s at 10000 MHz (2 ops per multiply-accumulate)

// A budget of 1% of pynq-z1 (532 LUT, 1,064 FF, 2.8 BRAM18, 0 URAM, 2.2 DSP):
// the 988 LUTs are over it, the rest within; one verdict, naming the
// resource with its use, budget and what the device has.
// OVER:      - fits 1% of pynq-z1: NO: LUT 988 used / 532 budget / 53,200 available (each of LUT, FF, BRAM18, URAM, DSP <= 1% of the device)
// OVERJSON:      "fits": false,
// OVERJSON-NEXT: "fit_utilization": 0.01,
// OVERJSON-NEXT: "fit_rule": "each of LUT, FF, BRAM18, URAM, DSP <= 1% of the device",
// OVERJSON-NEXT: "over_budget": [
// OVERJSON-NEXT:   {
// OVERJSON-NEXT:     "resource": "lut",
// OVERJSON-NEXT:     "used": 987.9,
// OVERJSON-NEXT:     "budget": 532.0,
// OVERJSON-NEXT:     "available": 53200
// OVERJSON-NEXT:   }
// OVERJSON-NEXT: ],
// CLOCK: report: clock-mhz must be a positive number of MHz, got 0
// BUDGET: report: utilization must be in (0, 1], got 1.5

// FMT: report: unknown format 'xml' (formats: markdown, json)
// DEV: report: unknown device 'zcu014'; did you mean zcu104

func.func @mlp(%x: tensor<1x8x!qnn.uint<2>>) -> tensor<1x2x!qnn.int<5>> {
  %y = dataflow.partition "mlp" (%a = %x : tensor<1x8x!qnn.uint<2>>) -> (tensor<1x2x!qnn.int<5>>) {
    %h = dataflow.mvau %a {weights = dense<1> : tensor<8x4xi8>, weight_dtype = !qnn.int<2>, thresholds = dense<[[0, 4, 8]]> : tensor<1x3xi8>, pe = 2 : i64, simd = 4 : i64} : (tensor<1x8x!qnn.uint<2>>) -> tensor<1x4x!qnn.uint<2>>
    %f = dataflow.fifo %h {elems = 2 : i64} : (tensor<1x4x!qnn.uint<2>>) -> tensor<1x4x!qnn.uint<2>>
    %d = dataflow.dwc %f {in_elems = 2 : i64, out_elems = 4 : i64} : (tensor<1x4x!qnn.uint<2>>) -> tensor<1x4x!qnn.uint<2>>
    %o = dataflow.mvau %d {weights = dense<[[1, 0], [0, 1], [1, 1], [-1, 1]]> : tensor<4x2xi8>, weight_dtype = !qnn.int<2>, simd = 4 : i64} : (tensor<1x4x!qnn.uint<2>>) -> tensor<1x2x!qnn.int<5>>
    dataflow.yield %o : tensor<1x2x!qnn.int<5>>
  }
  func.return %y : tensor<1x2x!qnn.int<5>>
}
