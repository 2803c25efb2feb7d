// Every finnr datatype parses and prints, as a function argument type's
// element type, inside tensors of any rank, in attributes (out_dtype) and in
// a generic op's types; integer and fixed-point widths span 1..32.
// RUN: finnr-opt %s --print-op-generic | finnr-opt | filecheck %s

func.func @types(%i1: tensor<4x!qnn.int<1>>, %i4: tensor<2x3x!qnn.int<4>>, %i32: tensor<!qnn.int<32>>, %u1: tensor<1x!qnn.uint<1>>, %u8: tensor<1x2x3x4x!qnn.uint<8>>, %u32: tensor<5x!qnn.uint<32>>, %bp: tensor<8x!qnn.bipolar>, %bn: tensor<8x!qnn.binary>, %t: tensor<8x!qnn.ternary>, %fx: tensor<8x!qnn.fixed<8, 4>>, %fx2: tensor<8x!qnn.fixed<2, 1>>, %fx32: tensor<8x!qnn.fixed<32, 31>>, %f: tensor<8xf32>) {
  func.return
}

func.func @datatypes_flow_through_ops(%bp: tensor<8x!qnn.bipolar>, %fx: tensor<8x!qnn.fixed<8, 4>>, %t: tensor<8x!qnn.ternary>) -> (tensor<8x!qnn.fixed<8, 4>>, tensor<8x!qnn.bipolar>) {
  %r = qnn.relu %fx : (tensor<8x!qnn.fixed<8, 4>>) -> tensor<8x!qnn.fixed<8, 4>>
  %m = qnn.mul %bp, %t : (tensor<8x!qnn.bipolar>, tensor<8x!qnn.ternary>) -> tensor<8x!qnn.ternary>
  %th = qnn.constant dense<0.0> : tensor<1x1xf32> -> tensor<1x1xf32>
  %s = qnn.multithreshold %fx, %th {out_dtype = !qnn.bipolar, out_scale = 2.0 : f32, out_bias = -1.0 : f32} : (tensor<8x!qnn.fixed<8, 4>>, tensor<1x1xf32>) -> tensor<8x!qnn.bipolar>
  func.return %r, %s : tensor<8x!qnn.fixed<8, 4>>, tensor<8x!qnn.bipolar>
}

func.func @out_dtypes(%x: tensor<1x2xf32>, %t1: tensor<1x1xf32>) {
  %a = qnn.multithreshold %x, %t1 {out_dtype = !qnn.int<1>, out_bias = -1.0 : f32} : (tensor<1x2xf32>, tensor<1x1xf32>) -> tensor<1x2x!qnn.int<1>>
  %b = qnn.multithreshold %x, %t1 {out_dtype = !qnn.uint<32>} : (tensor<1x2xf32>, tensor<1x1xf32>) -> tensor<1x2x!qnn.uint<32>>
  %c = qnn.multithreshold %x, %t1 {out_dtype = !qnn.int<32>} : (tensor<1x2xf32>, tensor<1x1xf32>) -> tensor<1x2x!qnn.int<32>>
  %d = qnn.multithreshold %x, %t1 {out_dtype = !qnn.binary} : (tensor<1x2xf32>, tensor<1x1xf32>) -> tensor<1x2x!qnn.binary>
  %e = qnn.multithreshold %x, %t1 {out_dtype = !qnn.ternary} : (tensor<1x2xf32>, tensor<1x1xf32>) -> tensor<1x2x!qnn.ternary>
  func.return
}

"test.op"() {types = [!qnn.int<7>, !qnn.uint<3>, !qnn.bipolar, !qnn.binary, !qnn.ternary, !qnn.fixed<16, 6>, f32]} : () -> ()

// CHECK-LABEL: func.func @types
// CHECK-SAME:  (%[[I1:.*]]: tensor<4x!qnn.int<1>>, %[[I4:.*]]: tensor<2x3x!qnn.int<4>>, %[[I32:.*]]: tensor<!qnn.int<32>>, %[[U1:.*]]: tensor<1x!qnn.uint<1>>, %[[U8:.*]]: tensor<1x2x3x4x!qnn.uint<8>>, %[[U32:.*]]: tensor<5x!qnn.uint<32>>, %[[BP:.*]]: tensor<8x!qnn.bipolar>, %[[BN:.*]]: tensor<8x!qnn.binary>, %[[T:.*]]: tensor<8x!qnn.ternary>, %[[FX:.*]]: tensor<8x!qnn.fixed<8, 4>>, %[[FX2:.*]]: tensor<8x!qnn.fixed<2, 1>>, %[[FX32:.*]]: tensor<8x!qnn.fixed<32, 31>>, %[[F:.*]]: tensor<8xf32>) {
// CHECK-NEXT:  func.return
// CHECK-NEXT:  }
// CHECK-LABEL: func.func @datatypes_flow_through_ops
// CHECK-SAME:  (%[[BP:.*]]: tensor<8x!qnn.bipolar>, %[[FX:.*]]: tensor<8x!qnn.fixed<8, 4>>, %[[T:.*]]: tensor<8x!qnn.ternary>) -> (tensor<8x!qnn.fixed<8, 4>>, tensor<8x!qnn.bipolar>) {
// CHECK-NEXT:  %[[R:.*]] = qnn.relu %[[FX]] : (tensor<8x!qnn.fixed<8, 4>>) -> tensor<8x!qnn.fixed<8, 4>>
// CHECK-NEXT:  %[[M:.*]] = qnn.mul %[[BP]], %[[T]] : (tensor<8x!qnn.bipolar>, tensor<8x!qnn.ternary>) -> tensor<8x!qnn.ternary>
// CHECK-NEXT:  %[[TH:.*]] = qnn.constant dense<0.000000e+00> : tensor<1x1xf32> -> tensor<1x1xf32>
// CHECK-NEXT:  %[[S:.*]] = qnn.multithreshold %[[FX]], %[[TH]] {out_dtype = !qnn.bipolar, out_scale = 2.000000e+00 : f32, out_bias = -1.000000e+00 : f32} : (tensor<8x!qnn.fixed<8, 4>>, tensor<1x1xf32>) -> tensor<8x!qnn.bipolar>
// CHECK-NEXT:  func.return %[[R]], %[[S]] : tensor<8x!qnn.fixed<8, 4>>, tensor<8x!qnn.bipolar>
// CHECK-NEXT:  }
// CHECK-LABEL: func.func @out_dtypes
// CHECK-SAME:  (%[[X:.*]]: tensor<1x2xf32>, %[[T1:.*]]: tensor<1x1xf32>) {
// CHECK-NEXT:  %[[A:.*]] = qnn.multithreshold %[[X]], %[[T1]] {out_dtype = !qnn.int<1>, out_bias = -1.000000e+00 : f32} : (tensor<1x2xf32>, tensor<1x1xf32>) -> tensor<1x2x!qnn.int<1>>
// CHECK-NEXT:  %[[B:.*]] = qnn.multithreshold %[[X]], %[[T1]] {out_dtype = !qnn.uint<32>} : (tensor<1x2xf32>, tensor<1x1xf32>) -> tensor<1x2x!qnn.uint<32>>
// CHECK-NEXT:  %[[C:.*]] = qnn.multithreshold %[[X]], %[[T1]] {out_dtype = !qnn.int<32>} : (tensor<1x2xf32>, tensor<1x1xf32>) -> tensor<1x2x!qnn.int<32>>
// CHECK-NEXT:  %[[D:.*]] = qnn.multithreshold %[[X]], %[[T1]] {out_dtype = !qnn.binary} : (tensor<1x2xf32>, tensor<1x1xf32>) -> tensor<1x2x!qnn.binary>
// CHECK-NEXT:  %[[E:.*]] = qnn.multithreshold %[[X]], %[[T1]] {out_dtype = !qnn.ternary} : (tensor<1x2xf32>, tensor<1x1xf32>) -> tensor<1x2x!qnn.ternary>
// CHECK-NEXT:  func.return
// CHECK-NEXT:  }
// CHECK-NEXT:  "test.op"() {types = [!qnn.int<7>, !qnn.uint<3>, !qnn.bipolar, !qnn.binary, !qnn.ternary, !qnn.fixed<16, 6>, f32]} : () -> ()
