// RUN: finnr-opt %s | filecheck %s
// RUN: finnr-opt %s --print-op-generic | filecheck %s --check-prefix=GENERIC
// RUN: finnr-opt %s | finnr-opt --print-op-generic | filecheck %s --check-prefix=GENERIC

// Properties spelled with their default values are elided by the custom
// printer (pe = 1, simd = 1, act_bias = 0, mem_mode = "internal_embedded",
// ram_style = "auto", res_type = "auto", stride/dilation = [1, 1],
// depthwise = false, value = 0.0, depth = 2, elems = 1): the first op of each
// pair spells every default, the second only what is required, and both print
// the same. Parsing materializes the defaults, so in the generic form (which
// passes and printers see) both spellings carry every property.

%x = "test.op"() : () -> tensor<1x4x!qnn.uint<2>>
%img = "test.op"() : () -> tensor<1x4x4x2x!qnn.uint<2>>
dataflow.partition (%a = %x : tensor<1x4x!qnn.uint<2>>, %i = %img : tensor<1x4x4x2x!qnn.uint<2>>) -> () {
  %m0 = dataflow.mvau %a {weights = dense<1> : tensor<4x2xi8>, weight_dtype = !qnn.int<2>, act_bias = 0 : i64, pe = 1 : i64, simd = 1 : i64, mem_mode = "internal_embedded", ram_style = "auto", res_type = "auto"} : (tensor<1x4x!qnn.uint<2>>) -> tensor<1x2x!qnn.int<5>>
  %m1 = dataflow.mvau %a {weights = dense<1> : tensor<4x2xi8>, weight_dtype = !qnn.int<2>} : (tensor<1x4x!qnn.uint<2>>) -> tensor<1x2x!qnn.int<5>>
  %t0 = dataflow.thresholding %a {thresholds = dense<1> : tensor<1x1xi8>, act_bias = 0 : i64, pe = 1 : i64} : (tensor<1x4x!qnn.uint<2>>) -> tensor<1x4x!qnn.binary>
  %t1 = dataflow.thresholding %a {thresholds = dense<1> : tensor<1x1xi8>} : (tensor<1x4x!qnn.uint<2>>) -> tensor<1x4x!qnn.binary>
  %s0 = dataflow.swu %i {kernel = array<i64: 3, 3>, stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>, simd = 1 : i64, depthwise = false} : (tensor<1x4x4x2x!qnn.uint<2>>) -> tensor<1x2x2x18x!qnn.uint<2>>
  %s1 = dataflow.swu %i {kernel = array<i64: 3, 3>} : (tensor<1x4x4x2x!qnn.uint<2>>) -> tensor<1x2x2x18x!qnn.uint<2>>
  %p0 = dataflow.maxpool %i {kernel = array<i64: 2, 2>, stride = array<i64: 1, 1>, pe = 1 : i64} : (tensor<1x4x4x2x!qnn.uint<2>>) -> tensor<1x3x3x2x!qnn.uint<2>>
  %p1 = dataflow.maxpool %i {kernel = array<i64: 2, 2>} : (tensor<1x4x4x2x!qnn.uint<2>>) -> tensor<1x3x3x2x!qnn.uint<2>>
  %d0 = dataflow.pad %i {pads = array<i64: 1, 1, 1, 1>, value = 0.0 : f32, simd = 1 : i64} : (tensor<1x4x4x2x!qnn.uint<2>>) -> tensor<1x6x6x2x!qnn.uint<2>>
  %d1 = dataflow.pad %i {pads = array<i64: 1, 1, 1, 1>} : (tensor<1x4x4x2x!qnn.uint<2>>) -> tensor<1x6x6x2x!qnn.uint<2>>
  %l0 = dataflow.label_select %a {k = 2 : i64, pe = 1 : i64} : (tensor<1x4x!qnn.uint<2>>) -> tensor<1x2x!qnn.uint<2>>
  %l1 = dataflow.label_select %a {k = 2 : i64} : (tensor<1x4x!qnn.uint<2>>) -> tensor<1x2x!qnn.uint<2>>
  %f0 = dataflow.fifo %a {depth = 2 : i64, ram_style = "auto", elems = 1 : i64} : (tensor<1x4x!qnn.uint<2>>) -> tensor<1x4x!qnn.uint<2>>
  %f1 = dataflow.fifo %a : (tensor<1x4x!qnn.uint<2>>) -> tensor<1x4x!qnn.uint<2>>
  %u0:2 = dataflow.duplicate %a {pe = 1 : i64} : (tensor<1x4x!qnn.uint<2>>) -> (tensor<1x4x!qnn.uint<2>>, tensor<1x4x!qnn.uint<2>>)
  %u1:2 = dataflow.duplicate %a : (tensor<1x4x!qnn.uint<2>>) -> (tensor<1x4x!qnn.uint<2>>, tensor<1x4x!qnn.uint<2>>)
  %e0 = dataflow.add_streams %a, %a {pe = 1 : i64} : (tensor<1x4x!qnn.uint<2>>, tensor<1x4x!qnn.uint<2>>) -> tensor<1x4x!qnn.uint<3>>
  %e1 = dataflow.add_streams %a, %a : (tensor<1x4x!qnn.uint<2>>, tensor<1x4x!qnn.uint<2>>) -> tensor<1x4x!qnn.uint<3>>
  // a non-default value next to defaults: only it is printed
  %m2 = dataflow.mvau %a {weights = dense<1> : tensor<4x2xi8>, weight_dtype = !qnn.int<2>, pe = 1 : i64, simd = 4 : i64, ram_style = "auto", res_type = "dsp"} : (tensor<1x4x!qnn.uint<2>>) -> tensor<1x2x!qnn.int<5>>
  dataflow.yield
}

// CHECK:      %[[M0:.*]] = dataflow.mvau %[[A:.*]] {weights = dense<1> : tensor<4x2xi8>, weight_dtype = !qnn.int<2>} : (tensor<1x4x!qnn.uint<2>>) -> tensor<1x2x!qnn.int<5>>
// CHECK-NEXT: %[[M1:.*]] = dataflow.mvau %[[A]] {weights = dense<1> : tensor<4x2xi8>, weight_dtype = !qnn.int<2>} : (tensor<1x4x!qnn.uint<2>>) -> tensor<1x2x!qnn.int<5>>
// CHECK-NEXT: dataflow.thresholding %[[A]] {thresholds = dense<1> : tensor<1x1xi8>} : (tensor<1x4x!qnn.uint<2>>) -> tensor<1x4x!qnn.binary>
// CHECK-NEXT: dataflow.thresholding %[[A]] {thresholds = dense<1> : tensor<1x1xi8>} : (tensor<1x4x!qnn.uint<2>>) -> tensor<1x4x!qnn.binary>
// CHECK-NEXT: dataflow.swu %[[I:.*]] {kernel = array<i64: 3, 3>} : (tensor<1x4x4x2x!qnn.uint<2>>) -> tensor<1x2x2x18x!qnn.uint<2>>
// CHECK-NEXT: dataflow.swu %[[I]] {kernel = array<i64: 3, 3>} : (tensor<1x4x4x2x!qnn.uint<2>>) -> tensor<1x2x2x18x!qnn.uint<2>>
// CHECK-NEXT: dataflow.maxpool %[[I]] {kernel = array<i64: 2, 2>} : (tensor<1x4x4x2x!qnn.uint<2>>) -> tensor<1x3x3x2x!qnn.uint<2>>
// CHECK-NEXT: dataflow.maxpool %[[I]] {kernel = array<i64: 2, 2>} : (tensor<1x4x4x2x!qnn.uint<2>>) -> tensor<1x3x3x2x!qnn.uint<2>>
// CHECK-NEXT: dataflow.pad %[[I]] {pads = array<i64: 1, 1, 1, 1>} : (tensor<1x4x4x2x!qnn.uint<2>>) -> tensor<1x6x6x2x!qnn.uint<2>>
// CHECK-NEXT: dataflow.pad %[[I]] {pads = array<i64: 1, 1, 1, 1>} : (tensor<1x4x4x2x!qnn.uint<2>>) -> tensor<1x6x6x2x!qnn.uint<2>>
// CHECK-NEXT: dataflow.label_select %[[A]] {k = 2 : i64} : (tensor<1x4x!qnn.uint<2>>) -> tensor<1x2x!qnn.uint<2>>
// CHECK-NEXT: dataflow.label_select %[[A]] {k = 2 : i64} : (tensor<1x4x!qnn.uint<2>>) -> tensor<1x2x!qnn.uint<2>>
// CHECK-NEXT: dataflow.fifo %[[A]] : (tensor<1x4x!qnn.uint<2>>) -> tensor<1x4x!qnn.uint<2>>
// CHECK-NEXT: dataflow.fifo %[[A]] : (tensor<1x4x!qnn.uint<2>>) -> tensor<1x4x!qnn.uint<2>>
// CHECK-NEXT: dataflow.duplicate %[[A]] : (tensor<1x4x!qnn.uint<2>>) -> (tensor<1x4x!qnn.uint<2>>, tensor<1x4x!qnn.uint<2>>)
// CHECK-NEXT: dataflow.duplicate %[[A]] : (tensor<1x4x!qnn.uint<2>>) -> (tensor<1x4x!qnn.uint<2>>, tensor<1x4x!qnn.uint<2>>)
// CHECK-NEXT: dataflow.add_streams %[[A]], %[[A]] : (tensor<1x4x!qnn.uint<2>>, tensor<1x4x!qnn.uint<2>>) -> tensor<1x4x!qnn.uint<3>>
// CHECK-NEXT: dataflow.add_streams %[[A]], %[[A]] : (tensor<1x4x!qnn.uint<2>>, tensor<1x4x!qnn.uint<2>>) -> tensor<1x4x!qnn.uint<3>>
// CHECK-NEXT: dataflow.mvau %[[A]] {weights = dense<1> : tensor<4x2xi8>, weight_dtype = !qnn.int<2>, simd = 4 : i64, res_type = "dsp"} : (tensor<1x4x!qnn.uint<2>>) -> tensor<1x2x!qnn.int<5>>

// (mmv, MVAUOp's own property, is filled in before or after its base's)
// GENERIC:      %m0 = "dataflow.mvau"(%a) <{weights = dense<1> : tensor<4x2xi8>, weight_dtype = !qnn.int<2>, {{(mmv = 1 : i64, )?}}act_bias = 0 : i64, pe = 1 : i64, simd = 1 : i64, mem_mode = "internal_embedded", ram_style = "auto", res_type = "auto"{{(, mmv = 1 : i64)?}}}>
// GENERIC-NEXT: %m1 = "dataflow.mvau"(%a) <{weights = dense<1> : tensor<4x2xi8>, weight_dtype = !qnn.int<2>, {{(mmv = 1 : i64, )?}}act_bias = 0 : i64, pe = 1 : i64, simd = 1 : i64, mem_mode = "internal_embedded", ram_style = "auto", res_type = "auto"{{(, mmv = 1 : i64)?}}}>
// GENERIC-NEXT: %t0 = "dataflow.thresholding"(%a) <{thresholds = dense<1> : tensor<1x1xi8>, act_bias = 0 : i64, pe = 1 : i64}>
// GENERIC-NEXT: %t1 = "dataflow.thresholding"(%a) <{thresholds = dense<1> : tensor<1x1xi8>, act_bias = 0 : i64, pe = 1 : i64}>
// GENERIC-NEXT: %s0 = "dataflow.swu"(%i) <{kernel = array<i64: 3, 3>,
// GENERIC-SAME:   stride = array<i64: 1, 1>
// GENERIC-NEXT: %s1 = "dataflow.swu"(%i) <{kernel = array<i64: 3, 3>,
// GENERIC-SAME:   stride = array<i64: 1, 1>
// GENERIC-NEXT: %p0 = "dataflow.maxpool"(%i) <{kernel = array<i64: 2, 2>,
// GENERIC-SAME:   stride = array<i64: 1, 1>
// GENERIC-NEXT: %p1 = "dataflow.maxpool"(%i) <{kernel = array<i64: 2, 2>,
// GENERIC-SAME:   stride = array<i64: 1, 1>
// GENERIC-NEXT: %d0 = "dataflow.pad"(%i) <{pads = array<i64: 1, 1, 1, 1>, {{.*}}value = 0.000000e+00 : f32
// GENERIC-NEXT: %d1 = "dataflow.pad"(%i) <{pads = array<i64: 1, 1, 1, 1>, {{.*}}value = 0.000000e+00 : f32
// GENERIC-NEXT: %l0 = "dataflow.label_select"(%a) <{k = 2 : i64, pe = 1 : i64}>
// GENERIC-NEXT: %l1 = "dataflow.label_select"(%a) <{k = 2 : i64, pe = 1 : i64}>
// GENERIC-NEXT: %f0 = "dataflow.fifo"(%a) <{depth = 2 : i64, ram_style = "auto", elems = 1 : i64}>
// GENERIC-NEXT: %f1 = "dataflow.fifo"(%a) <{depth = 2 : i64, ram_style = "auto", elems = 1 : i64}>
// GENERIC-NEXT: %u0, %u0_1 = "dataflow.duplicate"(%a) <{pe = 1 : i64}>
// GENERIC-NEXT: %u1, %u1_1 = "dataflow.duplicate"(%a) <{pe = 1 : i64}>
// GENERIC-NEXT: %e0 = "dataflow.add_streams"(%a, %a) <{pe = 1 : i64}>
// GENERIC-NEXT: %e1 = "dataflow.add_streams"(%a, %a) <{pe = 1 : i64}>
