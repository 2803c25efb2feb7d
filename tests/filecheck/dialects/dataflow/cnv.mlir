// RUN: finnr-opt %s | filecheck %s
// RUN: finnr-opt %s --print-op-generic | finnr-opt | filecheck %s

// A CNV-W1A1-like CIFAR-10 classifier as one hardware partition: the layer
// sequence of FINN's cnv_w1a1 after streamlining and HW conversion, at a
// quarter of its width (to keep the test fast): six 3x3 convolutions
// (sliding window unit + MVAU) with two 2x2 max pools, three fully connected
// MVAUs working on the 1x1 pixel left over, and a top-1 label select. Shapes
// follow the window formula (32 -> 30 -> 28 -> 14 -> 12 -> 10 -> 5 -> 3 -> 1).
// Weights are splats to keep the file readable (hex_weights.mlir covers real
// data).

func.func @cnv_w1a1(%img: tensor<1x32x32x3x!qnn.uint<8>>) -> tensor<1x1x1x1x!qnn.uint<4>> {
  %top = dataflow.partition "cnv_w1a1" (%x = %img : tensor<1x32x32x3x!qnn.uint<8>>) -> (tensor<1x1x1x1x!qnn.uint<4>>) {
    %w0 = dataflow.swu %x {kernel = array<i64: 3, 3>, simd = 3 : i64} : (tensor<1x32x32x3x!qnn.uint<8>>) -> tensor<1x30x30x27x!qnn.uint<8>>
    %c0 = dataflow.mvau %w0 {weights = dense<1> : tensor<27x16xi8>, weight_dtype = !qnn.bipolar, thresholds = dense<0> : tensor<16x1xi16>, pe = 16 : i64, simd = 3 : i64} : (tensor<1x30x30x27x!qnn.uint<8>>) -> tensor<1x30x30x16x!qnn.bipolar>
    %w1 = dataflow.swu %c0 {kernel = array<i64: 3, 3>, simd = 16 : i64} : (tensor<1x30x30x16x!qnn.bipolar>) -> tensor<1x28x28x144x!qnn.bipolar>
    %c1 = dataflow.mvau %w1 {weights = dense<-1> : tensor<144x16xi8>, weight_dtype = !qnn.bipolar, thresholds = dense<1> : tensor<16x1xi16>, pe = 16 : i64, simd = 16 : i64} : (tensor<1x28x28x144x!qnn.bipolar>) -> tensor<1x28x28x16x!qnn.bipolar>
    %p1 = dataflow.maxpool %c1 {kernel = array<i64: 2, 2>, stride = array<i64: 2, 2>} : (tensor<1x28x28x16x!qnn.bipolar>) -> tensor<1x14x14x16x!qnn.bipolar>
    %w2 = dataflow.swu %p1 {kernel = array<i64: 3, 3>, simd = 16 : i64} : (tensor<1x14x14x16x!qnn.bipolar>) -> tensor<1x12x12x144x!qnn.bipolar>
    %c2 = dataflow.mvau %w2 {weights = dense<1> : tensor<144x32xi8>, weight_dtype = !qnn.bipolar, thresholds = dense<2> : tensor<32x1xi16>, pe = 8 : i64, simd = 16 : i64} : (tensor<1x12x12x144x!qnn.bipolar>) -> tensor<1x12x12x32x!qnn.bipolar>
    %w3 = dataflow.swu %c2 {kernel = array<i64: 3, 3>, simd = 32 : i64} : (tensor<1x12x12x32x!qnn.bipolar>) -> tensor<1x10x10x288x!qnn.bipolar>
    %c3 = dataflow.mvau %w3 {weights = dense<1> : tensor<288x32xi8>, weight_dtype = !qnn.bipolar, thresholds = dense<0> : tensor<32x1xi16>, pe = 8 : i64, simd = 32 : i64} : (tensor<1x10x10x288x!qnn.bipolar>) -> tensor<1x10x10x32x!qnn.bipolar>
    %p3 = dataflow.maxpool %c3 {kernel = array<i64: 2, 2>, stride = array<i64: 2, 2>} : (tensor<1x10x10x32x!qnn.bipolar>) -> tensor<1x5x5x32x!qnn.bipolar>
    %w4 = dataflow.swu %p3 {kernel = array<i64: 3, 3>, simd = 32 : i64} : (tensor<1x5x5x32x!qnn.bipolar>) -> tensor<1x3x3x288x!qnn.bipolar>
    %c4 = dataflow.mvau %w4 {weights = dense<1> : tensor<288x64xi8>, weight_dtype = !qnn.bipolar, thresholds = dense<0> : tensor<64x1xi16>, pe = 4 : i64, simd = 32 : i64} : (tensor<1x3x3x288x!qnn.bipolar>) -> tensor<1x3x3x64x!qnn.bipolar>
    %w5 = dataflow.swu %c4 {kernel = array<i64: 3, 3>, simd = 32 : i64} : (tensor<1x3x3x64x!qnn.bipolar>) -> tensor<1x1x1x576x!qnn.bipolar>
    %c5 = dataflow.mvau %w5 {weights = dense<1> : tensor<576x64xi8>, weight_dtype = !qnn.bipolar, thresholds = dense<0> : tensor<64x1xi16>, simd = 32 : i64, mem_mode = "internal_decoupled"} : (tensor<1x1x1x576x!qnn.bipolar>) -> tensor<1x1x1x64x!qnn.bipolar>
    %f0 = dataflow.mvau %c5 {weights = dense<1> : tensor<64x128xi8>, weight_dtype = !qnn.bipolar, thresholds = dense<0> : tensor<128x1xi16>, simd = 4 : i64, mem_mode = "internal_decoupled"} : (tensor<1x1x1x64x!qnn.bipolar>) -> tensor<1x1x1x128x!qnn.bipolar>
    %f1 = dataflow.mvau %f0 {weights = dense<1> : tensor<128x128xi8>, weight_dtype = !qnn.bipolar, thresholds = dense<0> : tensor<128x1xi16>, simd = 8 : i64, mem_mode = "internal_decoupled"} : (tensor<1x1x1x128x!qnn.bipolar>) -> tensor<1x1x1x128x!qnn.bipolar>
    %f2 = dataflow.mvau %f1 {weights = dense<1> : tensor<128x10xi8>, weight_dtype = !qnn.bipolar} : (tensor<1x1x1x128x!qnn.bipolar>) -> tensor<1x1x1x10x!qnn.int<9>>
    %lbl = dataflow.label_select %f2 {k = 1 : i64} : (tensor<1x1x1x10x!qnn.int<9>>) -> tensor<1x1x1x1x!qnn.uint<4>>
    dataflow.yield %lbl : tensor<1x1x1x1x!qnn.uint<4>>
  }
  func.return %top : tensor<1x1x1x1x!qnn.uint<4>>
}

// CHECK:      func.func @cnv_w1a1(%[[IMG:.*]]: tensor<1x32x32x3x!qnn.uint<8>>) -> tensor<1x1x1x1x!qnn.uint<4>> {
// CHECK-NEXT:   %[[TOP:.*]] = dataflow.partition "cnv_w1a1" (%[[X:.*]] = %[[IMG]] : tensor<1x32x32x3x!qnn.uint<8>>) -> (tensor<1x1x1x1x!qnn.uint<4>>) {
// CHECK-NEXT:     %[[W0:.*]] = dataflow.swu %[[X]] {kernel = array<i64: 3, 3>, simd = 3 : i64} : (tensor<1x32x32x3x!qnn.uint<8>>) -> tensor<1x30x30x27x!qnn.uint<8>>
// CHECK-NEXT:     %[[C0:.*]] = dataflow.mvau %[[W0]] {weights = dense<1> : tensor<27x16xi8>, weight_dtype = !qnn.bipolar, thresholds = dense<0> : tensor<16x1xi16>, pe = 16 : i64, simd = 3 : i64} : (tensor<1x30x30x27x!qnn.uint<8>>) -> tensor<1x30x30x16x!qnn.bipolar>
// CHECK-NEXT:     %[[W1:.*]] = dataflow.swu %[[C0]] {kernel = array<i64: 3, 3>, simd = 16 : i64} : (tensor<1x30x30x16x!qnn.bipolar>) -> tensor<1x28x28x144x!qnn.bipolar>
// CHECK-NEXT:     %[[C1:.*]] = dataflow.mvau %[[W1]] {{.*}}pe = 16 : i64, simd = 16 : i64} : (tensor<1x28x28x144x!qnn.bipolar>) -> tensor<1x28x28x16x!qnn.bipolar>
// CHECK-NEXT:     %[[P1:.*]] = dataflow.maxpool %[[C1]] {kernel = array<i64: 2, 2>, stride = array<i64: 2, 2>} : (tensor<1x28x28x16x!qnn.bipolar>) -> tensor<1x14x14x16x!qnn.bipolar>
// CHECK-NEXT:     %[[W2:.*]] = dataflow.swu %[[P1]] {{.*}} -> tensor<1x12x12x144x!qnn.bipolar>
// CHECK-NEXT:     %[[C2:.*]] = dataflow.mvau %[[W2]] {{.*}} -> tensor<1x12x12x32x!qnn.bipolar>
// CHECK-NEXT:     %[[W3:.*]] = dataflow.swu %[[C2]] {{.*}} -> tensor<1x10x10x288x!qnn.bipolar>
// CHECK-NEXT:     %[[C3:.*]] = dataflow.mvau %[[W3]] {{.*}} -> tensor<1x10x10x32x!qnn.bipolar>
// CHECK-NEXT:     %[[P3:.*]] = dataflow.maxpool %[[C3]] {{.*}} -> tensor<1x5x5x32x!qnn.bipolar>
// CHECK-NEXT:     %[[W4:.*]] = dataflow.swu %[[P3]] {{.*}} -> tensor<1x3x3x288x!qnn.bipolar>
// CHECK-NEXT:     %[[C4:.*]] = dataflow.mvau %[[W4]] {{.*}}pe = 4 : i64, simd = 32 : i64} : (tensor<1x3x3x288x!qnn.bipolar>) -> tensor<1x3x3x64x!qnn.bipolar>
// CHECK-NEXT:     %[[W5:.*]] = dataflow.swu %[[C4]] {{.*}} -> tensor<1x1x1x576x!qnn.bipolar>
// CHECK-NEXT:     %[[C5:.*]] = dataflow.mvau %[[W5]] {weights = dense<1> : tensor<576x64xi8>, weight_dtype = !qnn.bipolar, thresholds = dense<0> : tensor<64x1xi16>, simd = 32 : i64, mem_mode = "internal_decoupled"} : (tensor<1x1x1x576x!qnn.bipolar>) -> tensor<1x1x1x64x!qnn.bipolar>
// CHECK-NEXT:     %[[F0:.*]] = dataflow.mvau %[[C5]] {{.*}} -> tensor<1x1x1x128x!qnn.bipolar>
// CHECK-NEXT:     %[[F1:.*]] = dataflow.mvau %[[F0]] {{.*}} -> tensor<1x1x1x128x!qnn.bipolar>
// CHECK-NEXT:     %[[F2:.*]] = dataflow.mvau %[[F1]] {weights = dense<1> : tensor<128x10xi8>, weight_dtype = !qnn.bipolar} : (tensor<1x1x1x128x!qnn.bipolar>) -> tensor<1x1x1x10x!qnn.int<9>>
// CHECK-NEXT:     %[[LBL:.*]] = dataflow.label_select %[[F2]] {k = 1 : i64} : (tensor<1x1x1x10x!qnn.int<9>>) -> tensor<1x1x1x1x!qnn.uint<4>>
// CHECK-NEXT:     dataflow.yield %[[LBL]] : tensor<1x1x1x1x!qnn.uint<4>>
// CHECK-NEXT:   }
// CHECK-NEXT:   func.return %[[TOP]] : tensor<1x1x1x1x!qnn.uint<4>>
// CHECK-NEXT: }
