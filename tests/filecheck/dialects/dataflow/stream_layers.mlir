// RUN: finnr-opt %s | filecheck %s
// RUN: finnr-opt %s --print-op-generic | finnr-opt | filecheck %s

// The stream layers of issue 17: concat along the channels (two or more
// inputs of one datatype), nearest upsampling by integer factors, and
// depth-to-space in both channel orders; each with SIMD channels per beat.

%a = "test.op"() : () -> tensor<1x3x4x4x!qnn.uint<3>>
%b = "test.op"() : () -> tensor<1x3x4x2x!qnn.uint<3>>
%v = "test.op"() : () -> tensor<1x6x!qnn.int<4>>
dataflow.partition (%xa = %a : tensor<1x3x4x4x!qnn.uint<3>>, %xb = %b : tensor<1x3x4x2x!qnn.uint<3>>, %xv = %v : tensor<1x6x!qnn.int<4>>) -> () {
  // concat of two frames, SIMD 2 divides 4 and 2; of three (one stream twice); of vectors
  %c0 = dataflow.concat %xa, %xb {simd = 2 : i64} : (tensor<1x3x4x4x!qnn.uint<3>>, tensor<1x3x4x2x!qnn.uint<3>>) -> tensor<1x3x4x6x!qnn.uint<3>>
  %c1 = dataflow.concat %xb, %xa, %xb : (tensor<1x3x4x2x!qnn.uint<3>>, tensor<1x3x4x4x!qnn.uint<3>>, tensor<1x3x4x2x!qnn.uint<3>>) -> tensor<1x3x4x8x!qnn.uint<3>>
  %c2 = dataflow.concat %xv, %xv {simd = 3 : i64} : (tensor<1x6x!qnn.int<4>>, tensor<1x6x!qnn.int<4>>) -> tensor<1x12x!qnn.int<4>>
  // upsampling: square, rectangular, by 1 (a copy)
  %u0 = dataflow.upsample %c0 {scale = array<i64: 2, 2>, simd = 3 : i64} : (tensor<1x3x4x6x!qnn.uint<3>>) -> tensor<1x6x8x6x!qnn.uint<3>>
  %u1 = dataflow.upsample %xb {scale = array<i64: 1, 3>} : (tensor<1x3x4x2x!qnn.uint<3>>) -> tensor<1x3x12x2x!qnn.uint<3>>
  %u2 = dataflow.upsample %xb {scale = array<i64: 1, 1>, simd = 2 : i64} : (tensor<1x3x4x2x!qnn.uint<3>>) -> tensor<1x3x4x2x!qnn.uint<3>>
  // depth-to-space: DCR (the default) and CRD, block 2 of 8 channels, block 1
  %d0 = dataflow.depth_to_space %c1 {blocksize = 2 : i64, simd = 2 : i64} : (tensor<1x3x4x8x!qnn.uint<3>>) -> tensor<1x6x8x2x!qnn.uint<3>>
  %d1 = dataflow.depth_to_space %c1 {blocksize = 2 : i64, mode = "CRD"} : (tensor<1x3x4x8x!qnn.uint<3>>) -> tensor<1x6x8x2x!qnn.uint<3>>
  %d2 = dataflow.depth_to_space %xa {blocksize = 1 : i64, mode = "CRD", simd = 4 : i64} : (tensor<1x3x4x4x!qnn.uint<3>>) -> tensor<1x3x4x4x!qnn.uint<3>>
  dataflow.yield
}

// CHECK:      %{{.*}} = dataflow.concat %{{.*}}, %{{.*}} {simd = 2 : i64} : (tensor<1x3x4x4x!qnn.uint<3>>, tensor<1x3x4x2x!qnn.uint<3>>) -> tensor<1x3x4x6x!qnn.uint<3>>
// CHECK-NEXT: %{{.*}} = dataflow.concat %{{.*}}, %{{.*}}, %{{.*}} : (tensor<1x3x4x2x!qnn.uint<3>>, tensor<1x3x4x4x!qnn.uint<3>>, tensor<1x3x4x2x!qnn.uint<3>>) -> tensor<1x3x4x8x!qnn.uint<3>>
// CHECK-NEXT: %{{.*}} = dataflow.concat %{{.*}}, %{{.*}} {simd = 3 : i64} : (tensor<1x6x!qnn.int<4>>, tensor<1x6x!qnn.int<4>>) -> tensor<1x12x!qnn.int<4>>
// CHECK-NEXT: %{{.*}} = dataflow.upsample %{{.*}} {scale = array<i64: 2, 2>, simd = 3 : i64} : (tensor<1x3x4x6x!qnn.uint<3>>) -> tensor<1x6x8x6x!qnn.uint<3>>
// CHECK-NEXT: %{{.*}} = dataflow.upsample %{{.*}} {scale = array<i64: 1, 3>} : (tensor<1x3x4x2x!qnn.uint<3>>) -> tensor<1x3x12x2x!qnn.uint<3>>
// CHECK-NEXT: %{{.*}} = dataflow.upsample %{{.*}} {scale = array<i64: 1, 1>, simd = 2 : i64} : (tensor<1x3x4x2x!qnn.uint<3>>) -> tensor<1x3x4x2x!qnn.uint<3>>
// CHECK-NEXT: %{{.*}} = dataflow.depth_to_space %{{.*}} {blocksize = 2 : i64, simd = 2 : i64} : (tensor<1x3x4x8x!qnn.uint<3>>) -> tensor<1x6x8x2x!qnn.uint<3>>
// CHECK-NEXT: %{{.*}} = dataflow.depth_to_space %{{.*}} {blocksize = 2 : i64, mode = "CRD"} : (tensor<1x3x4x8x!qnn.uint<3>>) -> tensor<1x6x8x2x!qnn.uint<3>>
// CHECK-NEXT: %{{.*}} = dataflow.depth_to_space %{{.*}} {blocksize = 1 : i64, mode = "CRD", simd = 4 : i64} : (tensor<1x3x4x4x!qnn.uint<3>>) -> tensor<1x3x4x4x!qnn.uint<3>>
