// RUN: finnr-opt %s | filecheck %s
// RUN: finnr-opt %s --print-op-generic | finnr-opt | filecheck %s

// Streams of every finnr datatype: f32, int, uint, bipolar, binary, ternary
// and fixed point, through data-movement layers (which keep the type), an
// MVAU per weight datatype and add_streams ranges across signedness.

%f = "test.op"() : () -> tensor<1x4x4x2xf32>
%i = "test.op"() : () -> tensor<1x4x4x2x!qnn.int<32>>
%b = "test.op"() : () -> tensor<1x4x4x2x!qnn.bipolar>
%n = "test.op"() : () -> tensor<1x4x4x2x!qnn.binary>
%t = "test.op"() : () -> tensor<1x4x4x2x!qnn.ternary>
%x = "test.op"() : () -> tensor<1x4x4x2x!qnn.fixed<6, 3>>
dataflow.partition (%af = %f : tensor<1x4x4x2xf32>, %ai = %i : tensor<1x4x4x2x!qnn.int<32>>, %ab = %b : tensor<1x4x4x2x!qnn.bipolar>, %an = %n : tensor<1x4x4x2x!qnn.binary>, %at = %t : tensor<1x4x4x2x!qnn.ternary>, %ax = %x : tensor<1x4x4x2x!qnn.fixed<6, 3>>) -> () {
  %s0 = dataflow.swu %af {kernel = array<i64: 2, 2>} : (tensor<1x4x4x2xf32>) -> tensor<1x3x3x8xf32>
  %s1 = dataflow.maxpool %ai {kernel = array<i64: 2, 2>, stride = array<i64: 2, 2>} : (tensor<1x4x4x2x!qnn.int<32>>) -> tensor<1x2x2x2x!qnn.int<32>>
  %s2 = dataflow.fifo %ab {elems = 2 : i64} : (tensor<1x4x4x2x!qnn.bipolar>) -> tensor<1x4x4x2x!qnn.bipolar>
  %s3 = dataflow.dwc %an {in_elems = 1 : i64, out_elems = 2 : i64} : (tensor<1x4x4x2x!qnn.binary>) -> tensor<1x4x4x2x!qnn.binary>
  %s4:2 = dataflow.duplicate %at : (tensor<1x4x4x2x!qnn.ternary>) -> (tensor<1x4x4x2x!qnn.ternary>, tensor<1x4x4x2x!qnn.ternary>)
  %s5 = dataflow.pad %ax {pads = array<i64: 1, 1, 1, 1>, value = -4.0 : f32} : (tensor<1x4x4x2x!qnn.fixed<6, 3>>) -> tensor<1x6x6x2x!qnn.fixed<6, 3>>
  // an MVAU per weight datatype, raw accumulators of any datatype
  %m0 = dataflow.mvau %af {weights = dense<[[-128, 127], [0, 1]]> : tensor<2x2xi8>, weight_dtype = !qnn.int<8>} : (tensor<1x4x4x2xf32>) -> tensor<1x4x4x2xf32>
  %m1 = dataflow.mvau %ab {weights = dense<[[255, 0], [1, 2]]> : tensor<2x2xi16>, weight_dtype = !qnn.uint<8>} : (tensor<1x4x4x2x!qnn.bipolar>) -> tensor<1x4x4x2x!qnn.int<10>>
  %m2 = dataflow.mvau %an {weights = dense<[[0, 1], [1, 0]]> : tensor<2x2xi8>, weight_dtype = !qnn.binary} : (tensor<1x4x4x2x!qnn.binary>) -> tensor<1x4x4x2x!qnn.uint<2>>
  %m3 = dataflow.mvau %at {weights = dense<[[-1, 0], [0, 1]]> : tensor<2x2xi8>, weight_dtype = !qnn.ternary} : (tensor<1x4x4x2x!qnn.ternary>) -> tensor<1x4x4x2x!qnn.int<3>>
  %m4 = dataflow.mvau %ax {weights = dense<[[3, -4], [1, 0]]> : tensor<2x2xi8>, weight_dtype = !qnn.int<3>} : (tensor<1x4x4x2x!qnn.fixed<6, 3>>) -> tensor<1x4x4x2x!qnn.fixed<12, 7>>
  // sums: bipolar + bipolar = -2..2, binary + ternary = -1..2
  %a0 = dataflow.add_streams %ab, %ab : (tensor<1x4x4x2x!qnn.bipolar>, tensor<1x4x4x2x!qnn.bipolar>) -> tensor<1x4x4x2x!qnn.int<3>>
  %a1 = dataflow.add_streams %an, %at : (tensor<1x4x4x2x!qnn.binary>, tensor<1x4x4x2x!qnn.ternary>) -> tensor<1x4x4x2x!qnn.int<3>>
  %a2 = dataflow.add_streams %ax, %ax : (tensor<1x4x4x2x!qnn.fixed<6, 3>>, tensor<1x4x4x2x!qnn.fixed<6, 3>>) -> tensor<1x4x4x2x!qnn.fixed<7, 4>>
  dataflow.yield
}

// CHECK:      dataflow.swu %{{.*}} {kernel = array<i64: 2, 2>} : (tensor<1x4x4x2xf32>) -> tensor<1x3x3x8xf32>
// CHECK-NEXT: dataflow.maxpool %{{.*}} : (tensor<1x4x4x2x!qnn.int<32>>) -> tensor<1x2x2x2x!qnn.int<32>>
// CHECK-NEXT: dataflow.fifo %{{.*}} {elems = 2 : i64} : (tensor<1x4x4x2x!qnn.bipolar>) -> tensor<1x4x4x2x!qnn.bipolar>
// CHECK-NEXT: dataflow.dwc %{{.*}} : (tensor<1x4x4x2x!qnn.binary>) -> tensor<1x4x4x2x!qnn.binary>
// CHECK-NEXT: dataflow.duplicate %{{.*}} : (tensor<1x4x4x2x!qnn.ternary>) -> (tensor<1x4x4x2x!qnn.ternary>, tensor<1x4x4x2x!qnn.ternary>)
// CHECK-NEXT: dataflow.pad %{{.*}} {pads = array<i64: 1, 1, 1, 1>, value = -4.000000e+00 : f32} : (tensor<1x4x4x2x!qnn.fixed<6, 3>>) -> tensor<1x6x6x2x!qnn.fixed<6, 3>>
// CHECK-NEXT: dataflow.mvau %{{.*}} {weights = dense<{{\[}}[-128, 127], [0, 1]]> : tensor<2x2xi8>, weight_dtype = !qnn.int<8>} : (tensor<1x4x4x2xf32>) -> tensor<1x4x4x2xf32>
// CHECK-NEXT: dataflow.mvau %{{.*}} {weights = dense<{{\[}}[255, 0], [1, 2]]> : tensor<2x2xi16>, weight_dtype = !qnn.uint<8>} : (tensor<1x4x4x2x!qnn.bipolar>) -> tensor<1x4x4x2x!qnn.int<10>>
// CHECK-NEXT: dataflow.mvau %{{.*}} weight_dtype = !qnn.binary} : (tensor<1x4x4x2x!qnn.binary>) -> tensor<1x4x4x2x!qnn.uint<2>>
// CHECK-NEXT: dataflow.mvau %{{.*}} weight_dtype = !qnn.ternary} : (tensor<1x4x4x2x!qnn.ternary>) -> tensor<1x4x4x2x!qnn.int<3>>
// CHECK-NEXT: dataflow.mvau %{{.*}} weight_dtype = !qnn.int<3>} : (tensor<1x4x4x2x!qnn.fixed<6, 3>>) -> tensor<1x4x4x2x!qnn.fixed<12, 7>>
// CHECK-NEXT: dataflow.add_streams %{{.*}} : (tensor<1x4x4x2x!qnn.bipolar>, tensor<1x4x4x2x!qnn.bipolar>) -> tensor<1x4x4x2x!qnn.int<3>>
// CHECK-NEXT: dataflow.add_streams %{{.*}} : (tensor<1x4x4x2x!qnn.binary>, tensor<1x4x4x2x!qnn.ternary>) -> tensor<1x4x4x2x!qnn.int<3>>
// CHECK-NEXT: dataflow.add_streams %{{.*}} : (tensor<1x4x4x2x!qnn.fixed<6, 3>>, tensor<1x4x4x2x!qnn.fixed<6, 3>>) -> tensor<1x4x4x2x!qnn.fixed<7, 4>>
