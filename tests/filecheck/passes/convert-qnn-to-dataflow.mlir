// convert-qnn-to-dataflow: every maximal run of integer NHWC qnn ops with a
// hardware counterpart becomes one dataflow.partition ("dataflow_<i>");
// float pre/post-processing, transposes and anything without a counterpart
// stay on the host, outside.
// RUN: finnr-opt %s --split-input-file -p convert-qnn-to-dataflow | filecheck %s

// A matmul with constant integer weights and the multithreshold that is its
// only user fuse into one mvau: out_scale 1 with out_bias -2 is act_bias -2
// and the thresholds move along. The last matmul has no activation: its mvau
// outputs the raw accumulator. Both layers share one partition.
// CHECK-LABEL: func.func @mlp(
// CHECK-SAME:    %[[X:[^:]*]]: tensor<1x4x!qnn.uint<2>>) -> tensor<1x2x!qnn.int<4>> {
// CHECK-NEXT:    %[[P:[^ ]*]] = dataflow.partition "dataflow_0" (%[[A:[^ ]*]] = %[[X]] : tensor<1x4x!qnn.uint<2>>) -> (tensor<1x2x!qnn.int<4>>) {
// CHECK-NEXT:      %[[H:[^ ]*]] = dataflow.mvau %[[A]] {weights = dense<{{\[\[}}1, -1, 0], [0, 1, 1], [-2, 1, 0], [1, 0, -1{{\]\]}}> : tensor<4x3xi8>, weight_dtype = !qnn.int<2>, act_bias = -2 : i64, thresholds = dense<{{\[\[}}-1, 0, 2], [0, 1, 3], [-2, 0, 1{{\]\]}}> : tensor<3x3xi8>} : (tensor<1x4x!qnn.uint<2>>) -> tensor<1x3x!qnn.int<2>>
// CHECK-NEXT:      %[[O:[^ ]*]] = dataflow.mvau %[[H]] {weights = dense<{{\[\[}}1, 0], [-1, 1], [0, -2{{\]\]}}> : tensor<3x2xi8>, weight_dtype = !qnn.int<2>} : (tensor<1x3x!qnn.int<2>>) -> tensor<1x2x!qnn.int<4>>
// CHECK-NEXT:      dataflow.yield %[[O]] : tensor<1x2x!qnn.int<4>>
// CHECK-NEXT:    }
// CHECK-NEXT:    func.return %[[P]] : tensor<1x2x!qnn.int<4>>
// CHECK-NEXT:  }
func.func @mlp(%x: tensor<1x4x!qnn.uint<2>>) -> tensor<1x2x!qnn.int<4>> {
  %w0 = qnn.constant dense<[[1, -1, 0], [0, 1, 1], [-2, 1, 0], [1, 0, -1]]> : tensor<4x3xi8> -> tensor<4x3x!qnn.int<2>>
  %m0 = qnn.matmul %x, %w0 : (tensor<1x4x!qnn.uint<2>>, tensor<4x3x!qnn.int<2>>) -> tensor<1x3x!qnn.int<6>>
  %t0 = qnn.constant dense<[[-1, 0, 2], [0, 1, 3], [-2, 0, 1]]> : tensor<3x3xi8> -> tensor<3x3x!qnn.int<3>>
  %a0 = qnn.multithreshold %m0, %t0 {out_dtype = !qnn.int<2>, out_bias = -2.0 : f32} : (tensor<1x3x!qnn.int<6>>, tensor<3x3x!qnn.int<3>>) -> tensor<1x3x!qnn.int<2>>
  %w1 = qnn.constant dense<[[1, 0], [-1, 1], [0, -2]]> : tensor<3x2xi8> -> tensor<3x2x!qnn.int<2>>
  %m1 = qnn.matmul %a0, %w1 : (tensor<1x3x!qnn.int<2>>, tensor<3x2x!qnn.int<2>>) -> tensor<1x2x!qnn.int<4>>
  func.return %m1 : tensor<1x2x!qnn.int<4>>
}

// -----

// A bipolar activation (one threshold, out_scale 2, out_bias -1) fuses with
// act_bias 0, the default, which is not printed: the threshold count is the
// bipolar bit.
// CHECK-LABEL: func.func @bipolar(
// CHECK-NEXT:    %[[P:[^ ]*]] = dataflow.partition "dataflow_0" (%[[A:[^ ]*]] = %{{[^ ]*}} : tensor<1x4x!qnn.bipolar>) -> (tensor<1x2x!qnn.bipolar>) {
// CHECK-NEXT:      %[[H:[^ ]*]] = dataflow.mvau %[[A]] {weights = dense<{{\[\[}}1, -1], [-1, 1], [-1, -1], [1, 1{{\]\]}}> : tensor<4x2xi8>, weight_dtype = !qnn.bipolar, thresholds = dense<0> : tensor<1x1xi8>} : (tensor<1x4x!qnn.bipolar>) -> tensor<1x2x!qnn.bipolar>
// CHECK-NEXT:      dataflow.yield %[[H]] : tensor<1x2x!qnn.bipolar>
// CHECK-NEXT:    }
// CHECK-NEXT:    func.return %[[P]] : tensor<1x2x!qnn.bipolar>
func.func @bipolar(%x: tensor<1x4x!qnn.bipolar>) -> tensor<1x2x!qnn.bipolar> {
  %w = qnn.constant dense<[[1, -1], [-1, 1], [-1, -1], [1, 1]]> : tensor<4x2xi8> -> tensor<4x2x!qnn.bipolar>
  %m = qnn.matmul %x, %w : (tensor<1x4x!qnn.bipolar>, tensor<4x2x!qnn.bipolar>) -> tensor<1x2x!qnn.int<4>>
  %t = qnn.constant dense<[[0]]> : tensor<1x1xi8> -> tensor<1x1x!qnn.int<2>>
  %a = qnn.multithreshold %m, %t {out_dtype = !qnn.bipolar, out_scale = 2.0 : f32, out_bias = -1.0 : f32} : (tensor<1x2x!qnn.int<4>>, tensor<1x1x!qnn.int<2>>) -> tensor<1x2x!qnn.bipolar>
  func.return %a : tensor<1x2x!qnn.bipolar>
}

// -----

// A multithreshold with a float output scale has no act_bias form: the
// matmul becomes an mvau with the raw accumulator and the multithreshold
// stays on the host.
// CHECK-LABEL: func.func @unfusable_activation(
// CHECK:         %[[P:[^ ]*]] = dataflow.partition "dataflow_0"
// CHECK-NEXT:      %[[H:[^ ]*]] = dataflow.mvau %{{[^ ]*}} {weights = dense<1> : tensor<4x2xi8>, weight_dtype = !qnn.int<2>} : (tensor<1x4x!qnn.uint<2>>) -> tensor<1x2x!qnn.int<6>>
// CHECK-NEXT:      dataflow.yield %[[H]] : tensor<1x2x!qnn.int<6>>
// CHECK-NEXT:    }
// CHECK-NEXT:    %[[T:[^ ]*]] = qnn.constant
// CHECK-NEXT:    %{{[^ ]*}} = qnn.multithreshold %[[P]], %[[T]] {out_dtype = !qnn.uint<1>, out_scale = 5.000000e-01 : f32}
// CHECK-NOT:     dataflow.
func.func @unfusable_activation(%x: tensor<1x4x!qnn.uint<2>>) -> tensor<1x2xf32> {
  %w = qnn.constant dense<1> : tensor<4x2xi8> -> tensor<4x2x!qnn.int<2>>
  %m = qnn.matmul %x, %w : (tensor<1x4x!qnn.uint<2>>, tensor<4x2x!qnn.int<2>>) -> tensor<1x2x!qnn.int<6>>
  %t = qnn.constant dense<[[0]]> : tensor<1x1xi8> -> tensor<1x1x!qnn.uint<1>>
  %a = qnn.multithreshold %m, %t {out_dtype = !qnn.uint<1>, out_scale = 0.5 : f32} : (tensor<1x2x!qnn.int<6>>, tensor<1x1x!qnn.uint<1>>) -> tensor<1x2xf32>
  func.return %a : tensor<1x2xf32>
}

// -----

// A host op between a matmul and its multithreshold (block order from an
// importer need not follow the stream) does not keep them apart.
// CHECK-LABEL: func.func @interleaved(
// CHECK-SAME:    %[[X:[^:]*]]: tensor<1x4x!qnn.uint<2>>, %[[F:[^:]*]]: tensor<1x4xf32>)
// CHECK-NEXT:    %[[P:[^ ]*]] = dataflow.partition "dataflow_0" (%[[A:[^ ]*]] = %[[X]] : tensor<1x4x!qnn.uint<2>>) -> (tensor<1x2x!qnn.uint<2>>) {
// CHECK-NEXT:      %[[M:[^ ]*]] = dataflow.mvau %[[A]] {weights = dense<1> : tensor<4x2xi8>, weight_dtype = !qnn.int<2>, thresholds = dense<{{\[\[}}0, 1, 2{{\]\]}}> : tensor<1x3xi8>} : (tensor<1x4x!qnn.uint<2>>) -> tensor<1x2x!qnn.uint<2>>
// CHECK-NEXT:      dataflow.yield %[[M]] : tensor<1x2x!qnn.uint<2>>
// CHECK-NEXT:    }
// CHECK-NEXT:    %[[R:[^ ]*]] = qnn.relu %[[F]]
// CHECK-NEXT:    func.return %[[P]], %[[R]]
func.func @interleaved(%x: tensor<1x4x!qnn.uint<2>>, %f: tensor<1x4xf32>) -> (tensor<1x2x!qnn.uint<2>>, tensor<1x4xf32>) {
  %w = qnn.constant dense<1> : tensor<4x2xi8> -> tensor<4x2x!qnn.int<2>>
  %m = qnn.matmul %x, %w : (tensor<1x4x!qnn.uint<2>>, tensor<4x2x!qnn.int<2>>) -> tensor<1x2x!qnn.int<6>>
  %r = qnn.relu %f : (tensor<1x4xf32>) -> tensor<1x4xf32>
  %t = qnn.constant dense<[[0, 1, 2]]> : tensor<1x3xi8> -> tensor<1x3x!qnn.int<3>>
  %a = qnn.multithreshold %m, %t {out_dtype = !qnn.uint<2>} : (tensor<1x2x!qnn.int<6>>, tensor<1x3x!qnn.int<3>>) -> tensor<1x2x!qnn.uint<2>>
  func.return %a, %r : tensor<1x2x!qnn.uint<2>>, tensor<1x4xf32>
}

// -----

// A standalone multithreshold on the last axis of an integer stream is a
// dataflow.thresholding (out_bias -2 -> act_bias -2).
// CHECK-LABEL: func.func @thresholding(
// CHECK-NEXT:    %[[P:[^ ]*]] = dataflow.partition "dataflow_0" (%[[A:[^ ]*]] = %{{[^ ]*}} : tensor<1x4x!qnn.int<4>>) -> (tensor<1x4x!qnn.int<2>>) {
// CHECK-NEXT:      %[[T:[^ ]*]] = dataflow.thresholding %[[A]] {thresholds = dense<{{\[\[}}-3, 0, 3{{\]\]}}> : tensor<1x3xi8>, act_bias = -2 : i64} : (tensor<1x4x!qnn.int<4>>) -> tensor<1x4x!qnn.int<2>>
// CHECK-NEXT:      dataflow.yield %[[T]] : tensor<1x4x!qnn.int<2>>
// CHECK-NEXT:    }
func.func @thresholding(%x: tensor<1x4x!qnn.int<4>>) -> tensor<1x4x!qnn.int<2>> {
  %t = qnn.constant dense<[[-3, 0, 3]]> : tensor<1x3xi8> -> tensor<1x3x!qnn.int<3>>
  %a = qnn.multithreshold %x, %t {out_dtype = !qnn.int<2>, out_bias = -2.0 : f32} : (tensor<1x4x!qnn.int<4>>, tensor<1x3x!qnn.int<3>>) -> tensor<1x4x!qnn.int<2>>
  func.return %a : tensor<1x4x!qnn.int<2>>
}

// -----

// A lowered convolution: pad of the spatial axes (ONNX begin/end order
// N,H,W,C) -> dataflow.pad (top, left, bottom, right), im2col -> swu, the
// matmul + NHWC multithreshold -> mvau, NHWC maxpool -> dataflow.maxpool.
// CHECK-LABEL: func.func @conv(
// CHECK-NEXT:    %[[P:[^ ]*]] = dataflow.partition "dataflow_0" (%[[A:[^ ]*]] = %{{[^ ]*}} : tensor<1x4x4x2x!qnn.uint<2>>) -> (tensor<1x3x2x3x!qnn.uint<2>>) {
// CHECK-NEXT:      %[[PAD:[^ ]*]] = dataflow.pad %[[A]] {pads = array<i64: 1, 1, 2, 1>} : (tensor<1x4x4x2x!qnn.uint<2>>) -> tensor<1x7x6x2x!qnn.uint<2>>
// CHECK-NEXT:      %[[WIN:[^ ]*]] = dataflow.swu %[[PAD]] {kernel = array<i64: 3, 3>, stride = array<i64: 2, 1>} : (tensor<1x7x6x2x!qnn.uint<2>>) -> tensor<1x3x4x18x!qnn.uint<2>>
// CHECK-NEXT:      %[[MV:[^ ]*]] = dataflow.mvau %[[WIN]] {weights = dense<1> : tensor<18x3xi8>, weight_dtype = !qnn.int<2>, thresholds = dense<{{\[\[}}1, 5, 9{{\]\]}}> : tensor<1x3xi8>} : (tensor<1x3x4x18x!qnn.uint<2>>) -> tensor<1x3x4x3x!qnn.uint<2>>
// CHECK-NEXT:      %[[MP:[^ ]*]] = dataflow.maxpool %[[MV]] {kernel = array<i64: 1, 2>, stride = array<i64: 1, 2>} : (tensor<1x3x4x3x!qnn.uint<2>>) -> tensor<1x3x2x3x!qnn.uint<2>>
// CHECK-NEXT:      dataflow.yield %[[MP]] : tensor<1x3x2x3x!qnn.uint<2>>
// CHECK-NEXT:    }
// CHECK-NEXT:    func.return %[[P]] : tensor<1x3x2x3x!qnn.uint<2>>
func.func @conv(%x: tensor<1x4x4x2x!qnn.uint<2>>) -> tensor<1x3x2x3x!qnn.uint<2>> {
  %p = qnn.pad %x {pads = array<i64: 0, 1, 1, 0, 0, 2, 1, 0>} : (tensor<1x4x4x2x!qnn.uint<2>>) -> tensor<1x7x6x2x!qnn.uint<2>>
  %c = qnn.im2col %p {kernel_shape = array<i64: 3, 3>, strides = array<i64: 2, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, data_layout = "NHWC"} : (tensor<1x7x6x2x!qnn.uint<2>>) -> tensor<1x3x4x18x!qnn.uint<2>>
  %w = qnn.constant dense<1> : tensor<18x3xi8> -> tensor<18x3x!qnn.int<2>>
  %m = qnn.matmul %c, %w : (tensor<1x3x4x18x!qnn.uint<2>>, tensor<18x3x!qnn.int<2>>) -> tensor<1x3x4x3x!qnn.int<8>>
  %t = qnn.constant dense<[[1, 5, 9]]> : tensor<1x3xi8> -> tensor<1x3x!qnn.int<5>>
  %a = qnn.multithreshold %m, %t {out_dtype = !qnn.uint<2>, data_layout = "NHWC"} : (tensor<1x3x4x3x!qnn.int<8>>, tensor<1x3x!qnn.int<5>>) -> tensor<1x3x4x3x!qnn.uint<2>>
  %mp = qnn.maxpool %a {kernel_shape = array<i64: 1, 2>, strides = array<i64: 1, 2>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, data_layout = "NHWC"} : (tensor<1x3x4x3x!qnn.uint<2>>) -> tensor<1x3x2x3x!qnn.uint<2>>
  func.return %mp : tensor<1x3x2x3x!qnn.uint<2>>
}

// -----

// The add of two integer streams joins them: dataflow.add_streams, both
// operands partition inputs.
// CHECK-LABEL: func.func @add(
// CHECK-SAME:    %[[X:[^:]*]]: tensor<1x2x2x4x!qnn.uint<2>>, %[[Y:[^:]*]]: tensor<1x2x2x4x!qnn.int<3>>)
// CHECK-NEXT:    %[[P:[^ ]*]] = dataflow.partition "dataflow_0" (%[[A:[^ ]*]] = %[[X]] : tensor<1x2x2x4x!qnn.uint<2>>, %[[B:[^ ]*]] = %[[Y]] : tensor<1x2x2x4x!qnn.int<3>>) -> (tensor<1x2x2x4x!qnn.int<4>>) {
// CHECK-NEXT:      %[[S:[^ ]*]] = dataflow.add_streams %[[A]], %[[B]] : (tensor<1x2x2x4x!qnn.uint<2>>, tensor<1x2x2x4x!qnn.int<3>>) -> tensor<1x2x2x4x!qnn.int<4>>
// CHECK-NEXT:      dataflow.yield %[[S]] : tensor<1x2x2x4x!qnn.int<4>>
// CHECK-NEXT:    }
func.func @add(%x: tensor<1x2x2x4x!qnn.uint<2>>, %y: tensor<1x2x2x4x!qnn.int<3>>) -> tensor<1x2x2x4x!qnn.int<4>> {
  %s = qnn.add %x, %y : (tensor<1x2x2x4x!qnn.uint<2>>, tensor<1x2x2x4x!qnn.int<3>>) -> tensor<1x2x2x4x!qnn.int<4>>
  func.return %s : tensor<1x2x2x4x!qnn.int<4>>
}

// -----

// A reshape that keeps the last dimension is free on a stream: it
// disappears inside (the second thresholding sees the 1x2x2x4 stream) and
// a host-side reshape after the partition restores the 1x4x4 shape.
// CHECK-LABEL: func.func @reshape_kept(
// CHECK-NEXT:    %[[P:[^ ]*]] = dataflow.partition "dataflow_0" (%[[A:[^ ]*]] = %{{[^ ]*}} : tensor<1x2x2x4x!qnn.uint<2>>) -> (tensor<1x2x2x4x!qnn.uint<1>>) {
// CHECK-NEXT:      %[[T:[^ ]*]] = dataflow.thresholding %[[A]] {thresholds = dense<{{\[\[}}1, 2, 3{{\]\]}}> : tensor<1x3xi8>} : (tensor<1x2x2x4x!qnn.uint<2>>) -> tensor<1x2x2x4x!qnn.uint<2>>
// CHECK-NEXT:      %[[U:[^ ]*]] = dataflow.thresholding %[[T]] {thresholds = dense<2> : tensor<1x1xi8>} : (tensor<1x2x2x4x!qnn.uint<2>>) -> tensor<1x2x2x4x!qnn.uint<1>>
// CHECK-NEXT:      dataflow.yield %[[U]] : tensor<1x2x2x4x!qnn.uint<1>>
// CHECK-NEXT:    }
// CHECK-NEXT:    %[[R:[^ ]*]] = qnn.reshape %[[P]] : (tensor<1x2x2x4x!qnn.uint<1>>) -> tensor<1x4x4x!qnn.uint<1>>
// CHECK-NEXT:    func.return %[[R]] : tensor<1x4x4x!qnn.uint<1>>
func.func @reshape_kept(%x: tensor<1x2x2x4x!qnn.uint<2>>) -> tensor<1x4x4x!qnn.uint<1>> {
  %t = qnn.constant dense<[[1, 2, 3]]> : tensor<1x3xi8> -> tensor<1x3x!qnn.uint<2>>
  %a = qnn.multithreshold %x, %t {out_dtype = !qnn.uint<2>, data_layout = "NHWC"} : (tensor<1x2x2x4x!qnn.uint<2>>, tensor<1x3x!qnn.uint<2>>) -> tensor<1x2x2x4x!qnn.uint<2>>
  %r = qnn.reshape %a : (tensor<1x2x2x4x!qnn.uint<2>>) -> tensor<1x4x4x!qnn.uint<2>>
  %t2 = qnn.constant dense<[[2]]> : tensor<1x1xi8> -> tensor<1x1x!qnn.uint<2>>
  %b = qnn.multithreshold %r, %t2 {out_dtype = !qnn.uint<1>, data_layout = "NHWC"} : (tensor<1x4x4x!qnn.uint<2>>, tensor<1x1x!qnn.uint<2>>) -> tensor<1x4x4x!qnn.uint<1>>
  func.return %b : tensor<1x4x4x!qnn.uint<1>>
}

// -----

// A chain of reshapes counts by its net effect: CNV's flatten of a 1x1
// feature map (1x1x1x4 -> 1x4x1x1 -> 1x4) keeps the stream, so the layers
// before and after it stay in one partition.
// CHECK-LABEL: func.func @flatten_chain(
// CHECK-NEXT:    %[[P:[^ ]*]] = dataflow.partition "dataflow_0" (%[[A:[^ ]*]] = %{{[^ ]*}} : tensor<1x1x1x4x!qnn.int<4>>) -> (tensor<1x1x1x2x!qnn.int<5>>) {
// CHECK-NEXT:      %[[T:[^ ]*]] = dataflow.thresholding %[[A]] {thresholds = dense<{{\[\[}}-1, 0, 1{{\]\]}}> : tensor<1x3xi8>} : (tensor<1x1x1x4x!qnn.int<4>>) -> tensor<1x1x1x4x!qnn.uint<2>>
// CHECK-NEXT:      %[[M:[^ ]*]] = dataflow.mvau %[[T]] {weights = dense<{{\[\[}}1, -1], [0, 1], [-2, 1], [1, 0{{\]\]}}> : tensor<4x2xi8>, weight_dtype = !qnn.int<2>} : (tensor<1x1x1x4x!qnn.uint<2>>) -> tensor<1x1x1x2x!qnn.int<5>>
// CHECK-NEXT:      dataflow.yield %[[M]] : tensor<1x1x1x2x!qnn.int<5>>
// CHECK-NEXT:    }
// CHECK-NEXT:    %[[R:[^ ]*]] = qnn.reshape %[[P]] : (tensor<1x1x1x2x!qnn.int<5>>) -> tensor<1x2x!qnn.int<5>>
// CHECK-NEXT:    func.return %[[R]] : tensor<1x2x!qnn.int<5>>
func.func @flatten_chain(%x: tensor<1x1x1x4x!qnn.int<4>>) -> tensor<1x2x!qnn.int<5>> {
  %t = qnn.constant dense<[[-1, 0, 1]]> : tensor<1x3xi8> -> tensor<1x3x!qnn.int<2>>
  %a = qnn.multithreshold %x, %t {out_dtype = !qnn.uint<2>, data_layout = "NHWC"} : (tensor<1x1x1x4x!qnn.int<4>>, tensor<1x3x!qnn.int<2>>) -> tensor<1x1x1x4x!qnn.uint<2>>
  %r1 = qnn.reshape %a : (tensor<1x1x1x4x!qnn.uint<2>>) -> tensor<1x4x1x1x!qnn.uint<2>>
  %r2 = qnn.reshape %r1 : (tensor<1x4x1x1x!qnn.uint<2>>) -> tensor<1x4x!qnn.uint<2>>
  %w = qnn.constant dense<[[1, -1], [0, 1], [-2, 1], [1, 0]]> : tensor<4x2xi8> -> tensor<4x2x!qnn.int<2>>
  %m = qnn.matmul %r2, %w : (tensor<1x4x!qnn.uint<2>>, tensor<4x2x!qnn.int<2>>) -> tensor<1x2x!qnn.int<5>>
  func.return %m : tensor<1x2x!qnn.int<5>>
}

// -----

// A reshape that changes the last dimension (a flatten of a 2x2 feature
// map) stays inside the partition as a width converter whose result views
// the stream in the new shape (its widths follow the folding later).
// CHECK-LABEL: func.func @flatten(
// CHECK-NEXT:    %[[P0:[^ ]*]] = dataflow.partition "dataflow_0" (%[[A:[^ ]*]] = %{{[^ ]*}} : tensor<1x2x2x1x!qnn.int<4>>) -> (tensor<1x2x!qnn.int<5>>) {
// CHECK-NEXT:      %[[T:[^ ]*]] = dataflow.thresholding %[[A]]
// CHECK-NEXT:      %[[D:[^ ]*]] = dataflow.dwc %[[T]] {in_elems = 1 : i64, out_elems = 1 : i64} : (tensor<1x2x2x1x!qnn.uint<2>>) -> tensor<1x4x!qnn.uint<2>>
// CHECK-NEXT:      %[[M:[^ ]*]] = dataflow.mvau %[[D]]
// CHECK-NEXT:      dataflow.yield %[[M]] : tensor<1x2x!qnn.int<5>>
// CHECK-NEXT:    }
// CHECK-NEXT:    func.return %[[P0]]
func.func @flatten(%x: tensor<1x2x2x1x!qnn.int<4>>) -> tensor<1x2x!qnn.int<5>> {
  %t = qnn.constant dense<[[-1, 0, 1]]> : tensor<1x3xi8> -> tensor<1x3x!qnn.int<2>>
  %a = qnn.multithreshold %x, %t {out_dtype = !qnn.uint<2>, data_layout = "NHWC"} : (tensor<1x2x2x1x!qnn.int<4>>, tensor<1x3x!qnn.int<2>>) -> tensor<1x2x2x1x!qnn.uint<2>>
  %r = qnn.reshape %a : (tensor<1x2x2x1x!qnn.uint<2>>) -> tensor<1x4x!qnn.uint<2>>
  %w = qnn.constant dense<[[1, -1], [0, 1], [-2, 1], [1, 0]]> : tensor<4x2xi8> -> tensor<4x2x!qnn.int<2>>
  %m = qnn.matmul %r, %w : (tensor<1x4x!qnn.uint<2>>, tensor<4x2x!qnn.int<2>>) -> tensor<1x2x!qnn.int<5>>
  func.return %m : tensor<1x2x!qnn.int<5>>
}

// -----

// A reshape that keeps the last dimension but changes the spatial shape
// cannot be dropped before a window layer, which needs the actual NHWC
// frame: a width converter re-views the stream in the 4x4 frame.
// CHECK-LABEL: func.func @reshape_then_window(
// CHECK-NEXT:    %[[P0:[^ ]*]] = dataflow.partition "dataflow_0" (%[[A:[^ ]*]] = %{{[^ ]*}} : tensor<1x16x2x!qnn.int<4>>) -> (tensor<1x3x3x8x!qnn.uint<2>>) {
// CHECK-NEXT:      %[[T:[^ ]*]] = dataflow.thresholding %[[A]]
// CHECK-NEXT:      %[[D:[^ ]*]] = dataflow.dwc %[[T]] {in_elems = 1 : i64, out_elems = 1 : i64} : (tensor<1x16x2x!qnn.uint<2>>) -> tensor<1x4x4x2x!qnn.uint<2>>
// CHECK-NEXT:      %[[W:[^ ]*]] = dataflow.swu %[[D]] {kernel = array<i64: 2, 2>} : (tensor<1x4x4x2x!qnn.uint<2>>) -> tensor<1x3x3x8x!qnn.uint<2>>
// CHECK-NEXT:      dataflow.yield %[[W]]
// CHECK-NEXT:    }
// CHECK-NEXT:    func.return %[[P0]]
func.func @reshape_then_window(%x: tensor<1x16x2x!qnn.int<4>>) -> tensor<1x3x3x8x!qnn.uint<2>> {
  %t = qnn.constant dense<[[0, 1, 2]]> : tensor<1x3xi8> -> tensor<1x3x!qnn.int<3>>
  %a = qnn.multithreshold %x, %t {out_dtype = !qnn.uint<2>, data_layout = "NHWC"} : (tensor<1x16x2x!qnn.int<4>>, tensor<1x3x!qnn.int<3>>) -> tensor<1x16x2x!qnn.uint<2>>
  %r = qnn.reshape %a : (tensor<1x16x2x!qnn.uint<2>>) -> tensor<1x4x4x2x!qnn.uint<2>>
  %c = qnn.im2col %r {kernel_shape = array<i64: 2, 2>, strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, data_layout = "NHWC"} : (tensor<1x4x4x2x!qnn.uint<2>>) -> tensor<1x3x3x8x!qnn.uint<2>>
  func.return %c : tensor<1x3x3x8x!qnn.uint<2>>
}

// -----

// Host work stays outside: the multithreshold quantizing the float input,
// the layout transposes around the hardware and the final float mul; only
// the matmul with its (bipolar) activation becomes a layer.
// CHECK-LABEL: func.func @host_ops(
// CHECK-SAME:    %[[X:[^:]*]]: tensor<1x2x2x2xf32>) -> tensor<1x3x2x2xf32> {
// CHECK-NEXT:    %[[T0:[^ ]*]] = qnn.constant
// CHECK-NEXT:    %[[Q:[^ ]*]] = qnn.multithreshold %[[X]], %[[T0]] {out_dtype = !qnn.int<2>, out_bias = -2.000000e+00 : f32} : (tensor<1x2x2x2xf32>, tensor<2x3xf32>) -> tensor<1x2x2x2x!qnn.int<2>>
// CHECK-NEXT:    %[[N:[^ ]*]] = qnn.transpose %[[Q]] {perm = array<i64: 0, 2, 3, 1>}
// CHECK-NEXT:    %[[P:[^ ]*]] = dataflow.partition "dataflow_0" (%[[A:[^ ]*]] = %[[N]] : tensor<1x2x2x2x!qnn.int<2>>) -> (tensor<1x2x2x3x!qnn.bipolar>) {
// CHECK-NEXT:      %[[M:[^ ]*]] = dataflow.mvau %[[A]] {weights = dense<{{\[\[}}1, -1, 0], [0, 1, 1{{\]\]}}> : tensor<2x3xi8>, weight_dtype = !qnn.int<2>, thresholds = dense<0> : tensor<1x1xi8>} : (tensor<1x2x2x2x!qnn.int<2>>) -> tensor<1x2x2x3x!qnn.bipolar>
// CHECK-NEXT:      dataflow.yield %[[M]] : tensor<1x2x2x3x!qnn.bipolar>
// CHECK-NEXT:    }
// CHECK-NEXT:    %[[C:[^ ]*]] = qnn.transpose %[[P]] {perm = array<i64: 0, 3, 1, 2>}
// CHECK-NEXT:    %[[S:[^ ]*]] = qnn.constant dense<5.000000e-01>
// CHECK-NEXT:    %[[Y:[^ ]*]] = qnn.mul %[[C]], %[[S]] : (tensor<1x3x2x2x!qnn.bipolar>, tensor<f32>) -> tensor<1x3x2x2xf32>
// CHECK-NEXT:    func.return %[[Y]] : tensor<1x3x2x2xf32>
func.func @host_ops(%x: tensor<1x2x2x2xf32>) -> tensor<1x3x2x2xf32> {
  %t0 = qnn.constant dense<[[-0.5, 0.5, 1.5], [0.0, 1.0, 2.0]]> : tensor<2x3xf32> -> tensor<2x3xf32>
  %q = qnn.multithreshold %x, %t0 {out_dtype = !qnn.int<2>, out_bias = -2.0 : f32} : (tensor<1x2x2x2xf32>, tensor<2x3xf32>) -> tensor<1x2x2x2x!qnn.int<2>>
  %n = qnn.transpose %q {perm = array<i64: 0, 2, 3, 1>} : (tensor<1x2x2x2x!qnn.int<2>>) -> tensor<1x2x2x2x!qnn.int<2>>
  %w = qnn.constant dense<[[1, -1, 0], [0, 1, 1]]> : tensor<2x3xi8> -> tensor<2x3x!qnn.int<2>>
  %m = qnn.matmul %n, %w : (tensor<1x2x2x2x!qnn.int<2>>, tensor<2x3x!qnn.int<2>>) -> tensor<1x2x2x3x!qnn.int<4>>
  %t1 = qnn.constant dense<[[0]]> : tensor<1x1xi8> -> tensor<1x1x!qnn.int<1>>
  %a = qnn.multithreshold %m, %t1 {out_dtype = !qnn.bipolar, out_scale = 2.0 : f32, out_bias = -1.0 : f32, data_layout = "NHWC"} : (tensor<1x2x2x3x!qnn.int<4>>, tensor<1x1x!qnn.int<1>>) -> tensor<1x2x2x3x!qnn.bipolar>
  %c = qnn.transpose %a {perm = array<i64: 0, 3, 1, 2>} : (tensor<1x2x2x3x!qnn.bipolar>) -> tensor<1x3x2x2x!qnn.bipolar>
  %s = qnn.constant dense<0.5> : tensor<f32> -> tensor<f32>
  %y = qnn.mul %c, %s : (tensor<1x3x2x2x!qnn.bipolar>, tensor<f32>) -> tensor<1x3x2x2xf32>
  func.return %y : tensor<1x3x2x2xf32>
}

// -----

// A host op between two hardware layers splits them into two partitions,
// numbered in order.
// CHECK-LABEL: func.func @two_partitions(
// CHECK-NEXT:    %[[P0:[^ ]*]] = dataflow.partition "dataflow_0" (%{{[^ ]*}} = %{{[^ ]*}} : tensor<1x2x2x2x!qnn.int<4>>) -> (tensor<1x2x2x2x!qnn.uint<2>>) {
// CHECK-NEXT:      %[[T:[^ ]*]] = dataflow.thresholding
// CHECK-NEXT:      dataflow.yield %[[T]]
// CHECK-NEXT:    }
// CHECK-NEXT:    %[[H:[^ ]*]] = qnn.transpose %[[P0]] {perm = array<i64: 0, 2, 1, 3>}
// CHECK-NEXT:    %[[P1:[^ ]*]] = dataflow.partition "dataflow_1" (%{{[^ ]*}} = %[[H]] : tensor<1x2x2x2x!qnn.uint<2>>) -> (tensor<1x2x2x2x!qnn.uint<1>>) {
// CHECK-NEXT:      %[[U:[^ ]*]] = dataflow.thresholding
// CHECK-NEXT:      dataflow.yield %[[U]]
// CHECK-NEXT:    }
// CHECK-NEXT:    func.return %[[P1]]
func.func @two_partitions(%x: tensor<1x2x2x2x!qnn.int<4>>) -> tensor<1x2x2x2x!qnn.uint<1>> {
  %t = qnn.constant dense<[[0, 2, 4]]> : tensor<1x3xi8> -> tensor<1x3x!qnn.uint<3>>
  %a = qnn.multithreshold %x, %t {out_dtype = !qnn.uint<2>, data_layout = "NHWC"} : (tensor<1x2x2x2x!qnn.int<4>>, tensor<1x3x!qnn.uint<3>>) -> tensor<1x2x2x2x!qnn.uint<2>>
  %p = qnn.transpose %a {perm = array<i64: 0, 2, 1, 3>} : (tensor<1x2x2x2x!qnn.uint<2>>) -> tensor<1x2x2x2x!qnn.uint<2>>
  %t2 = qnn.constant dense<[[2]]> : tensor<1x1xi8> -> tensor<1x1x!qnn.uint<2>>
  %b = qnn.multithreshold %p, %t2 {out_dtype = !qnn.uint<1>, data_layout = "NHWC"} : (tensor<1x2x2x2x!qnn.uint<2>>, tensor<1x1x!qnn.uint<2>>) -> tensor<1x2x2x2x!qnn.uint<1>>
  func.return %b : tensor<1x2x2x2x!qnn.uint<1>>
}

// -----

// Refused: a float matmul.
// CHECK-LABEL: func.func @float_matmul(
// CHECK-NOT:     dataflow.
// CHECK:         qnn.matmul
// CHECK-NOT:     dataflow.
func.func @float_matmul(%x: tensor<1x4xf32>) -> tensor<1x2xf32> {
  %w = qnn.constant dense<1.0> : tensor<4x2xf32> -> tensor<4x2xf32>
  %m = qnn.matmul %x, %w : (tensor<1x4xf32>, tensor<4x2xf32>) -> tensor<1x2xf32>
  func.return %m : tensor<1x2xf32>
}

// -----

// Refused: weights that are not a constant.
// CHECK-LABEL: func.func @dynamic_weights(
// CHECK-NOT:     dataflow.
// CHECK:         qnn.matmul
// CHECK-NOT:     dataflow.
func.func @dynamic_weights(%x: tensor<1x4x!qnn.uint<2>>, %w: tensor<4x2x!qnn.int<2>>) -> tensor<1x2x!qnn.int<6>> {
  %m = qnn.matmul %x, %w : (tensor<1x4x!qnn.uint<2>>, tensor<4x2x!qnn.int<2>>) -> tensor<1x2x!qnn.int<6>>
  func.return %m : tensor<1x2x!qnn.int<6>>
}

// -----

// Refused: a multithreshold on axis 1 of an NCHW tensor (streams fold over
// the last axis).
// CHECK-LABEL: func.func @nchw_thresholds(
// CHECK-NOT:     dataflow.
// CHECK:         qnn.multithreshold
// CHECK-NOT:     dataflow.
func.func @nchw_thresholds(%x: tensor<1x2x3x3x!qnn.int<4>>) -> tensor<1x2x3x3x!qnn.uint<1>> {
  %t = qnn.constant dense<[[0], [1]]> : tensor<2x1xi8> -> tensor<2x1x!qnn.uint<1>>
  %a = qnn.multithreshold %x, %t {out_dtype = !qnn.uint<1>} : (tensor<1x2x3x3x!qnn.int<4>>, tensor<2x1x!qnn.uint<1>>) -> tensor<1x2x3x3x!qnn.uint<1>>
  func.return %a : tensor<1x2x3x3x!qnn.uint<1>>
}

// -----

// Refused: an NCHW maxpool.
// CHECK-LABEL: func.func @nchw_maxpool(
// CHECK-NOT:     dataflow.
// CHECK:         qnn.maxpool
// CHECK-NOT:     dataflow.
func.func @nchw_maxpool(%x: tensor<1x2x4x4x!qnn.uint<2>>) -> tensor<1x2x2x2x!qnn.uint<2>> {
  %mp = qnn.maxpool %x {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x2x4x4x!qnn.uint<2>>) -> tensor<1x2x2x2x!qnn.uint<2>>
  func.return %mp : tensor<1x2x2x2x!qnn.uint<2>>
}

// -----

// Refused: a maxpool padded by as much as its kernel (a window of padding
// alone has no real value; a padded one becomes pad + maxpool, see
// convert-qnn-to-dataflow-branches.mlir).
// CHECK-LABEL: func.func @padded_maxpool(
// CHECK-NOT:     dataflow.
// CHECK:         qnn.maxpool
// CHECK-NOT:     dataflow.
func.func @padded_maxpool(%x: tensor<1x4x4x2x!qnn.uint<2>>) -> tensor<1x4x4x2x!qnn.uint<2>> {
  %mp = qnn.maxpool %x {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>, pads = array<i64: 2, 2, 2, 2>, dilations = array<i64: 1, 1>, data_layout = "NHWC"} : (tensor<1x4x4x2x!qnn.uint<2>>) -> tensor<1x4x4x2x!qnn.uint<2>>
  func.return %mp : tensor<1x4x4x2x!qnn.uint<2>>
}

// -----

// A depthwise layer: im2col whose only user is a depthwise_dot with constant
// integer weights becomes a depthwise dataflow.swu, and the depthwise_dot a
// dataflow.vvau (kernel from the im2col) fused with its multithreshold.
// CHECK-LABEL: func.func @depthwise(
// CHECK-SAME:    %[[X:[^:]*]]: tensor<1x3x3x2x!qnn.uint<2>>) -> tensor<1x2x2x2x!qnn.uint<2>> {
// CHECK-NEXT:    %[[P:[^ ]*]] = dataflow.partition "dataflow_0" (%[[A:[^ ]*]] = %[[X]] : tensor<1x3x3x2x!qnn.uint<2>>) -> (tensor<1x2x2x2x!qnn.uint<2>>) {
// CHECK-NEXT:      %[[S:[^ ]*]] = dataflow.swu %[[A]] {kernel = array<i64: 2, 2>, depthwise = true} : (tensor<1x3x3x2x!qnn.uint<2>>) -> tensor<1x2x2x8x!qnn.uint<2>>
// CHECK-NEXT:      %[[V:[^ ]*]] = dataflow.vvau %[[S]] {weights = dense<{{\[\[}}1, -1, 0, 1], [1, 0, -1, 1{{\]\]}}> : tensor<2x4xi8>, weight_dtype = !qnn.int<2>, kernel = array<i64: 2, 2>, thresholds = dense<{{\[\[}}-1, 0, 2], [0, 1, 3{{\]\]}}> : tensor<2x3xi8>} : (tensor<1x2x2x8x!qnn.uint<2>>) -> tensor<1x2x2x2x!qnn.uint<2>>
// CHECK-NEXT:      dataflow.yield %[[V]] : tensor<1x2x2x2x!qnn.uint<2>>
// CHECK-NEXT:    }
// CHECK-NEXT:    func.return %[[P]] : tensor<1x2x2x2x!qnn.uint<2>>
// CHECK-NEXT:  }
func.func @depthwise(%x: tensor<1x3x3x2x!qnn.uint<2>>) -> tensor<1x2x2x2x!qnn.uint<2>> {
  %c = qnn.im2col %x {kernel_shape = array<i64: 2, 2>, strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, data_layout = "NHWC"} : (tensor<1x3x3x2x!qnn.uint<2>>) -> tensor<1x2x2x8x!qnn.uint<2>>
  %w = qnn.constant dense<[[1, -1, 0, 1], [1, 0, -1, 1]]> : tensor<2x4xi8> -> tensor<2x4x!qnn.int<2>>
  %d = qnn.depthwise_dot %c, %w : (tensor<1x2x2x8x!qnn.uint<2>>, tensor<2x4x!qnn.int<2>>) -> tensor<1x2x2x2x!qnn.int<5>>
  %t = qnn.constant dense<[[-1, 0, 2], [0, 1, 3]]> : tensor<2x3xi8> -> tensor<2x3x!qnn.int<3>>
  %a = qnn.multithreshold %d, %t {out_dtype = !qnn.uint<2>, data_layout = "NHWC"} : (tensor<1x2x2x2x!qnn.int<5>>, tensor<2x3x!qnn.int<3>>) -> tensor<1x2x2x2x!qnn.uint<2>>
  func.return %a : tensor<1x2x2x2x!qnn.uint<2>>
}

// -----

// Refused: a depthwise_dot with non-constant weights stays on the host (the
// im2col before it still becomes a plain swu).
// CHECK-LABEL: func.func @depthwise_dynamic_stays(
// CHECK-SAME:    %[[X:[^:]*]]: tensor<1x3x3x2x!qnn.uint<2>>, %[[W:[^:]*]]: tensor<2x4x!qnn.int<2>>) -> tensor<1x2x2x2x!qnn.int<5>> {
// CHECK-NEXT:    %[[P:[^ ]*]] = dataflow.partition "dataflow_0" (%[[A:[^ ]*]] = %[[X]] : tensor<1x3x3x2x!qnn.uint<2>>) -> (tensor<1x2x2x8x!qnn.uint<2>>) {
// CHECK-NEXT:      %[[S:[^ ]*]] = dataflow.swu %[[A]] {kernel = array<i64: 2, 2>} : (tensor<1x3x3x2x!qnn.uint<2>>) -> tensor<1x2x2x8x!qnn.uint<2>>
// CHECK-NEXT:      dataflow.yield %[[S]] : tensor<1x2x2x8x!qnn.uint<2>>
// CHECK-NEXT:    }
// CHECK-NEXT:    %[[D:[^ ]*]] = qnn.depthwise_dot %[[P]], %[[W]] : (tensor<1x2x2x8x!qnn.uint<2>>, tensor<2x4x!qnn.int<2>>) -> tensor<1x2x2x2x!qnn.int<5>>
// CHECK-NEXT:    func.return %[[D]] : tensor<1x2x2x2x!qnn.int<5>>
// CHECK-NEXT:  }
func.func @depthwise_dynamic_stays(%x: tensor<1x3x3x2x!qnn.uint<2>>, %w: tensor<2x4x!qnn.int<2>>) -> tensor<1x2x2x2x!qnn.int<5>> {
  %c = qnn.im2col %x {kernel_shape = array<i64: 2, 2>, strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, data_layout = "NHWC"} : (tensor<1x3x3x2x!qnn.uint<2>>) -> tensor<1x2x2x8x!qnn.uint<2>>
  %d = qnn.depthwise_dot %c, %w : (tensor<1x2x2x8x!qnn.uint<2>>, tensor<2x4x!qnn.int<2>>) -> tensor<1x2x2x2x!qnn.int<5>>
  func.return %d : tensor<1x2x2x2x!qnn.int<5>>
}

// -----

// Refused: a depthwise_dot whose input is not an im2col's windows (no
// kernel for a vvau) stays on the host.
// CHECK-LABEL: func.func @depthwise_no_window_stays(
// CHECK-SAME:    %[[X:[^:]*]]: tensor<1x8x!qnn.uint<2>>) -> tensor<1x2x!qnn.int<5>> {
// CHECK-NEXT:    %[[W:[^ ]*]] = qnn.constant dense<{{\[\[}}1, -1, 0, 1], [1, 0, -1, 1{{\]\]}}> : tensor<2x4xi8> -> tensor<2x4x!qnn.int<2>>
// CHECK-NEXT:    %[[D:[^ ]*]] = qnn.depthwise_dot %[[X]], %[[W]] : (tensor<1x8x!qnn.uint<2>>, tensor<2x4x!qnn.int<2>>) -> tensor<1x2x!qnn.int<5>>
// CHECK-NEXT:    func.return %[[D]] : tensor<1x2x!qnn.int<5>>
// CHECK-NEXT:  }
func.func @depthwise_no_window_stays(%x: tensor<1x8x!qnn.uint<2>>) -> tensor<1x2x!qnn.int<5>> {
  %w = qnn.constant dense<[[1, -1, 0, 1], [1, 0, -1, 1]]> : tensor<2x4xi8> -> tensor<2x4x!qnn.int<2>>
  %d = qnn.depthwise_dot %x, %w : (tensor<1x8x!qnn.uint<2>>, tensor<2x4x!qnn.int<2>>) -> tensor<1x2x!qnn.int<5>>
  func.return %d : tensor<1x2x!qnn.int<5>>
}
