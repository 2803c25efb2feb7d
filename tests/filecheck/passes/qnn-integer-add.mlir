// qnn-integer-add: a residual join of two integer tensors times positive
// scales becomes an integer add at the smaller scale (the ratio, an integer,
// absorbed into the producing multithreshold's out_scale). Before a
// multithreshold the thresholds are recomputed exactly over every input pair;
// elsewhere the scale moves past the add. Adds that cannot be made integer
// stay (and are reported as a warning).
// RUN: finnr-opt %s --split-input-file -p qnn-integer-add | filecheck %s

// Equal scales: 0.5*x + 0.5*y >= [0.25, 0.75, 1.25] is x + y >= [1, 2, 3].
// CHECK-LABEL: func.func @same_scale(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x2x!qnn.uint<2>>, %[[Y:[^:]*]]: tensor<1x2x!qnn.uint<2>>) -> tensor<1x2x!qnn.uint<2>> {
// CHECK-NEXT:  %[[S:[^ ,]*]] = qnn.add %[[X]], %[[Y]] : (tensor<1x2x!qnn.uint<2>>, tensor<1x2x!qnn.uint<2>>) -> tensor<1x2x!qnn.uint<3>>
// CHECK-NEXT:  %[[T:[^ ,]*]] = qnn.constant dense<{{\[\[}}1, 2, 3{{\]\]}}> : tensor<1x3xi8> -> tensor<1x3x!qnn.uint<2>>
// CHECK-NEXT:  %[[M:[^ ,]*]] = qnn.multithreshold %[[S]], %[[T]] {out_dtype = !qnn.uint<2>} : (tensor<1x2x!qnn.uint<3>>, tensor<1x3x!qnn.uint<2>>) -> tensor<1x2x!qnn.uint<2>>
// CHECK-NEXT:  func.return %[[M]] : tensor<1x2x!qnn.uint<2>>
// CHECK-NEXT:  }

func.func @same_scale(%x: tensor<1x2x!qnn.uint<2>>, %y: tensor<1x2x!qnn.uint<2>>) -> tensor<1x2x!qnn.uint<2>> {
  %s = qnn.constant dense<0.5> : tensor<f32> -> tensor<f32>
  %a = qnn.mul %x, %s : (tensor<1x2x!qnn.uint<2>>, tensor<f32>) -> tensor<1x2xf32>
  %b = qnn.mul %y, %s : (tensor<1x2x!qnn.uint<2>>, tensor<f32>) -> tensor<1x2xf32>
  %z = qnn.add %a, %b : (tensor<1x2xf32>, tensor<1x2xf32>) -> tensor<1x2xf32>
  %t = qnn.constant dense<[[0.25, 0.75, 1.25]]> : tensor<1x3xf32> -> tensor<1x3xf32>
  %m = qnn.multithreshold %z, %t {out_dtype = !qnn.uint<2>} : (tensor<1x2xf32>, tensor<1x3xf32>) -> tensor<1x2x!qnn.uint<2>>
  func.return %m : tensor<1x2x!qnn.uint<2>>
}

// -----

// Scales 0.5 and 0.25: the 0.5 branch's multithreshold counts twice
// (out_scale 2, uint<3>), the join is 2*qx + y at scale 0.25, and the
// thresholds [0, 0.5, 1] become [0, 2, 4].
// CHECK-LABEL: func.func @ratio(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x2xf32>, %[[Y:[^:]*]]: tensor<1x2x!qnn.int<2>>) -> tensor<1x2x!qnn.uint<2>> {
// CHECK-NEXT:  %[[TX:[^ ,]*]] = qnn.constant dense<{{\[\[}}0.000000e+00, 1.000000e+00, 2.000000e+00{{\]\]}}> : tensor<1x3xf32> -> tensor<1x3xf32>
// CHECK-NEXT:  %[[QX:[^ ,]*]] = qnn.multithreshold %[[X]], %[[TX]] {out_dtype = !qnn.uint<3>, out_scale = 2.000000e+00 : f32} : (tensor<1x2xf32>, tensor<1x3xf32>) -> tensor<1x2x!qnn.uint<3>>
// CHECK-NEXT:  %[[S:[^ ,]*]] = qnn.add %[[QX]], %[[Y]] : (tensor<1x2x!qnn.uint<3>>, tensor<1x2x!qnn.int<2>>) -> tensor<1x2x!qnn.int<4>>
// CHECK-NEXT:  %[[T:[^ ,]*]] = qnn.constant dense<{{\[\[}}0, 2, 4{{\]\]}}> : tensor<1x3xi8> -> tensor<1x3x!qnn.uint<3>>
// CHECK-NEXT:  %[[M:[^ ,]*]] = qnn.multithreshold %[[S]], %[[T]] {out_dtype = !qnn.uint<2>} : (tensor<1x2x!qnn.int<4>>, tensor<1x3x!qnn.uint<3>>) -> tensor<1x2x!qnn.uint<2>>
// CHECK-NEXT:  func.return %[[M]] : tensor<1x2x!qnn.uint<2>>
// CHECK-NEXT:  }

func.func @ratio(%x: tensor<1x2xf32>, %y: tensor<1x2x!qnn.int<2>>) -> tensor<1x2x!qnn.uint<2>> {
  %tx = qnn.constant dense<[[0.0, 1.0, 2.0]]> : tensor<1x3xf32> -> tensor<1x3xf32>
  %qx = qnn.multithreshold %x, %tx {out_dtype = !qnn.uint<2>} : (tensor<1x2xf32>, tensor<1x3xf32>) -> tensor<1x2x!qnn.uint<2>>
  %s2 = qnn.constant dense<0.5> : tensor<f32> -> tensor<f32>
  %s1 = qnn.constant dense<0.25> : tensor<f32> -> tensor<f32>
  %a = qnn.mul %qx, %s2 : (tensor<1x2x!qnn.uint<2>>, tensor<f32>) -> tensor<1x2xf32>
  %b = qnn.mul %y, %s1 : (tensor<1x2x!qnn.int<2>>, tensor<f32>) -> tensor<1x2xf32>
  %z = qnn.add %a, %b : (tensor<1x2xf32>, tensor<1x2xf32>) -> tensor<1x2xf32>
  %t = qnn.constant dense<[[0.0, 0.5, 1.0]]> : tensor<1x3xf32> -> tensor<1x3xf32>
  %m = qnn.multithreshold %z, %t {out_dtype = !qnn.uint<2>} : (tensor<1x2xf32>, tensor<1x3xf32>) -> tensor<1x2x!qnn.uint<2>>
  func.return %m : tensor<1x2x!qnn.uint<2>>
}

// -----

// No multithreshold after the add (a float tail): the common scale moves
// past the integer add.
// CHECK-LABEL: func.func @tail(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x2x!qnn.int<2>>, %[[Y:[^:]*]]: tensor<1x2x!qnn.int<2>>) -> tensor<1x2xf32> {
// CHECK-NEXT:  %[[S:[^ ,]*]] = qnn.add %[[X]], %[[Y]] : (tensor<1x2x!qnn.int<2>>, tensor<1x2x!qnn.int<2>>) -> tensor<1x2x!qnn.int<3>>
// CHECK-NEXT:  %[[K:[^ ,]*]] = qnn.constant dense<5.000000e-01> : tensor<f32> -> tensor<f32>
// CHECK-NEXT:  %[[M:[^ ,]*]] = qnn.mul %[[S]], %[[K]] : (tensor<1x2x!qnn.int<3>>, tensor<f32>) -> tensor<1x2xf32>
// CHECK-NEXT:  func.return %[[M]] : tensor<1x2xf32>
// CHECK-NEXT:  }

func.func @tail(%x: tensor<1x2x!qnn.int<2>>, %y: tensor<1x2x!qnn.int<2>>) -> tensor<1x2xf32> {
  %s = qnn.constant dense<0.5> : tensor<f32> -> tensor<f32>
  %a = qnn.mul %x, %s : (tensor<1x2x!qnn.int<2>>, tensor<f32>) -> tensor<1x2xf32>
  %b = qnn.mul %y, %s : (tensor<1x2x!qnn.int<2>>, tensor<f32>) -> tensor<1x2xf32>
  %z = qnn.add %a, %b : (tensor<1x2xf32>, tensor<1x2xf32>) -> tensor<1x2xf32>
  func.return %z : tensor<1x2xf32>
}

// -----

// Refused: scales 0.5 and 0.75 have no integer ratio (and no multithreshold
// follows to check a rational one against).
// CHECK-LABEL: func.func @non_integer_ratio(
// CHECK:       qnn.add %{{.*}} : (tensor<1x2xf32>, tensor<1x2xf32>) -> tensor<1x2xf32>

func.func @non_integer_ratio(%x: tensor<1x2x!qnn.int<2>>, %y: tensor<1x2x!qnn.int<2>>) -> tensor<1x2xf32> {
  %s = qnn.constant dense<0.5> : tensor<f32> -> tensor<f32>
  %s3 = qnn.constant dense<0.75> : tensor<f32> -> tensor<f32>
  %a = qnn.mul %x, %s : (tensor<1x2x!qnn.int<2>>, tensor<f32>) -> tensor<1x2xf32>
  %b = qnn.mul %y, %s3 : (tensor<1x2x!qnn.int<2>>, tensor<f32>) -> tensor<1x2xf32>
  %z = qnn.add %a, %b : (tensor<1x2xf32>, tensor<1x2xf32>) -> tensor<1x2xf32>
  func.return %z : tensor<1x2xf32>
}

// -----

// Refused: one branch is float.
// CHECK-LABEL: func.func @float_branch(
// CHECK:       qnn.add %{{.*}} : (tensor<1x2xf32>, tensor<1x2xf32>) -> tensor<1x2xf32>
// CHECK-NEXT:  qnn.constant
// CHECK-NEXT:  qnn.multithreshold %{{.*}} : (tensor<1x2xf32>, tensor<1x3xf32>)

func.func @float_branch(%x: tensor<1x2xf32>, %y: tensor<1x2x!qnn.int<2>>) -> tensor<1x2x!qnn.uint<2>> {
  %s = qnn.constant dense<0.5> : tensor<f32> -> tensor<f32>
  %b = qnn.mul %y, %s : (tensor<1x2x!qnn.int<2>>, tensor<f32>) -> tensor<1x2xf32>
  %z = qnn.add %x, %b : (tensor<1x2xf32>, tensor<1x2xf32>) -> tensor<1x2xf32>
  %t = qnn.constant dense<[[0.0, 0.5, 1.0]]> : tensor<1x3xf32> -> tensor<1x3xf32>
  %m = qnn.multithreshold %z, %t {out_dtype = !qnn.uint<2>} : (tensor<1x2xf32>, tensor<1x3xf32>) -> tensor<1x2x!qnn.uint<2>>
  func.return %m : tensor<1x2x!qnn.uint<2>>
}

// -----

// Scales 0.5 and 0.75 (ratio 2/3, as ONNX Runtime QDQ adds have): before a
// multithreshold, the convergents of the ratio are tried; n = 2*qx + 3*qy
// (both multithresholds count 2 and 3 times) is z * 4, and the exact check
// over all pairs passes: z >= [0.6, 1.4, 2.6] is n >= [3, 6, 11].
// CHECK-LABEL: func.func @convergent(
// CHECK-SAME:  %[[X:[^:]*]]: tensor<1x2xf32>, %[[Y:[^:]*]]: tensor<1x2xf32>) -> tensor<1x2x!qnn.uint<2>> {
// CHECK-NEXT:  %[[T0:[^ ,]*]] = qnn.constant
// CHECK-NEXT:  %[[QX:[^ ,]*]] = qnn.multithreshold %[[X]], %[[T0]] {out_dtype = !qnn.uint<3>, out_scale = 2.000000e+00 : f32} : (tensor<1x2xf32>, tensor<1x3xf32>) -> tensor<1x2x!qnn.uint<3>>
// CHECK-NEXT:  %[[QY:[^ ,]*]] = qnn.multithreshold %[[Y]], %[[T0]] {out_dtype = !qnn.uint<4>, out_scale = 3.000000e+00 : f32} : (tensor<1x2xf32>, tensor<1x3xf32>) -> tensor<1x2x!qnn.uint<4>>
// CHECK-NEXT:  %[[S:[^ ,]*]] = qnn.add %[[QX]], %[[QY]] : (tensor<1x2x!qnn.uint<3>>, tensor<1x2x!qnn.uint<4>>) -> tensor<1x2x!qnn.uint<4>>
// CHECK-NEXT:  %[[T:[^ ,]*]] = qnn.constant dense<{{\[\[}}3, 6, 11{{\]\]}}> : tensor<1x3xi8> -> tensor<1x3x!qnn.uint<4>>
// CHECK-NEXT:  %[[M:[^ ,]*]] = qnn.multithreshold %[[S]], %[[T]] {out_dtype = !qnn.uint<2>} : (tensor<1x2x!qnn.uint<4>>, tensor<1x3x!qnn.uint<4>>) -> tensor<1x2x!qnn.uint<2>>
// CHECK-NEXT:  func.return %[[M]] : tensor<1x2x!qnn.uint<2>>
func.func @convergent(%x: tensor<1x2xf32>, %y: tensor<1x2xf32>) -> tensor<1x2x!qnn.uint<2>> {
  %t0 = qnn.constant dense<[[0.0, 1.0, 2.0]]> : tensor<1x3xf32> -> tensor<1x3xf32>
  %qx = qnn.multithreshold %x, %t0 {out_dtype = !qnn.uint<2>} : (tensor<1x2xf32>, tensor<1x3xf32>) -> tensor<1x2x!qnn.uint<2>>
  %qy = qnn.multithreshold %y, %t0 {out_dtype = !qnn.uint<2>} : (tensor<1x2xf32>, tensor<1x3xf32>) -> tensor<1x2x!qnn.uint<2>>
  %s1 = qnn.constant dense<0.5> : tensor<f32> -> tensor<f32>
  %s2 = qnn.constant dense<0.75> : tensor<f32> -> tensor<f32>
  %a = qnn.mul %qx, %s1 : (tensor<1x2x!qnn.uint<2>>, tensor<f32>) -> tensor<1x2xf32>
  %b = qnn.mul %qy, %s2 : (tensor<1x2x!qnn.uint<2>>, tensor<f32>) -> tensor<1x2xf32>
  %z = qnn.add %a, %b : (tensor<1x2xf32>, tensor<1x2xf32>) -> tensor<1x2xf32>
  %t = qnn.constant dense<[[0.6, 1.4, 2.6]]> : tensor<1x3xf32> -> tensor<1x3xf32>
  %m = qnn.multithreshold %z, %t {out_dtype = !qnn.uint<2>} : (tensor<1x2xf32>, tensor<1x3xf32>) -> tensor<1x2x!qnn.uint<2>>
  func.return %m : tensor<1x2x!qnn.uint<2>>
}
