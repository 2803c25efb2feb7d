// RUN: finnr-opt %s --split-input-file --verify-diagnostics --parsing-diagnostics | filecheck %s

// One case per verifier rule of the stream layers of issue 17 (concat,
// upsample, depth_to_space), each with its message.

// concat: at least two inputs
%x0 = "test.op"() : () -> tensor<1x4x!qnn.uint<2>>
dataflow.partition (%a0 = %x0 : tensor<1x4x!qnn.uint<2>>) -> () {
  %y = dataflow.concat %a0 : (tensor<1x4x!qnn.uint<2>>) -> tensor<1x4x!qnn.uint<2>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.concat' needs at least 2 inputs, got 1

// -----

// concat: inputs agree outside the last dimension
%x0 = "test.op"() : () -> tensor<1x2x4x!qnn.uint<2>>
%x1 = "test.op"() : () -> tensor<1x3x4x!qnn.uint<2>>
dataflow.partition (%a0 = %x0 : tensor<1x2x4x!qnn.uint<2>>, %a1 = %x1 : tensor<1x3x4x!qnn.uint<2>>) -> () {
  %y = dataflow.concat %a0, %a1 : (tensor<1x2x4x!qnn.uint<2>>, tensor<1x3x4x!qnn.uint<2>>) -> tensor<1x2x8x!qnn.uint<2>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.concat' input #1 shape [1, 3, 4] must agree with input #0 shape [1, 2, 4] outside the last dimension

// -----

// concat: the result holds every channel
%x0 = "test.op"() : () -> tensor<1x4x!qnn.uint<2>>
%x1 = "test.op"() : () -> tensor<1x2x!qnn.uint<2>>
dataflow.partition (%a0 = %x0 : tensor<1x4x!qnn.uint<2>>, %a1 = %x1 : tensor<1x2x!qnn.uint<2>>) -> () {
  %y = dataflow.concat %a0, %a1 : (tensor<1x4x!qnn.uint<2>>, tensor<1x2x!qnn.uint<2>>) -> tensor<1x4x!qnn.uint<2>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.concat' result shape must be [1, 6], got [1, 4]

// -----

// concat: one element type
%x0 = "test.op"() : () -> tensor<1x4x!qnn.uint<2>>
%x1 = "test.op"() : () -> tensor<1x2x!qnn.uint<3>>
dataflow.partition (%a0 = %x0 : tensor<1x4x!qnn.uint<2>>, %a1 = %x1 : tensor<1x2x!qnn.uint<3>>) -> () {
  %y = dataflow.concat %a0, %a1 : (tensor<1x4x!qnn.uint<2>>, tensor<1x2x!qnn.uint<3>>) -> tensor<1x6x!qnn.uint<3>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.concat' input #0 element type !qnn.uint<2> must equal the result's !qnn.uint<3>

// -----

// concat: simd divides every input's channels
%x0 = "test.op"() : () -> tensor<1x4x!qnn.uint<2>>
%x1 = "test.op"() : () -> tensor<1x2x!qnn.uint<2>>
dataflow.partition (%a0 = %x0 : tensor<1x4x!qnn.uint<2>>, %a1 = %x1 : tensor<1x2x!qnn.uint<2>>) -> () {
  %y = dataflow.concat %a0, %a1 {simd = 4 : i64} : (tensor<1x4x!qnn.uint<2>>, tensor<1x2x!qnn.uint<2>>) -> tensor<1x6x!qnn.uint<2>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.concat' simd (4) must divide the channels of input #1 (2)

// -----

// upsample: NHWC input
%x0 = "test.op"() : () -> tensor<1x4x!qnn.uint<2>>
dataflow.partition (%a0 = %x0 : tensor<1x4x!qnn.uint<2>>) -> () {
  %y = dataflow.upsample %a0 {scale = array<i64: 2, 2>} : (tensor<1x4x!qnn.uint<2>>) -> tensor<1x4x!qnn.uint<2>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.upsample' input must have rank 4 (N, H, W, C), got shape [1, 4]

// -----

// upsample: two factors
%x0 = "test.op"() : () -> tensor<1x2x2x4x!qnn.uint<2>>
dataflow.partition (%a0 = %x0 : tensor<1x2x2x4x!qnn.uint<2>>) -> () {
  %y = dataflow.upsample %a0 {scale = array<i64: 2>} : (tensor<1x2x2x4x!qnn.uint<2>>) -> tensor<1x4x4x4x!qnn.uint<2>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.upsample' scale must have 2 entries (height, width), got [2]

// -----

// upsample: factors >= 1
%x0 = "test.op"() : () -> tensor<1x2x2x4x!qnn.uint<2>>
dataflow.partition (%a0 = %x0 : tensor<1x2x2x4x!qnn.uint<2>>) -> () {
  %y = dataflow.upsample %a0 {scale = array<i64: 0, 2>} : (tensor<1x2x2x4x!qnn.uint<2>>) -> tensor<1x0x4x4x!qnn.uint<2>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.upsample' scale entries must be >= 1, got [0, 2]

// -----

// upsample: the result shape
%x0 = "test.op"() : () -> tensor<1x2x2x4x!qnn.uint<2>>
dataflow.partition (%a0 = %x0 : tensor<1x2x2x4x!qnn.uint<2>>) -> () {
  %y = dataflow.upsample %a0 {scale = array<i64: 2, 3>} : (tensor<1x2x2x4x!qnn.uint<2>>) -> tensor<1x4x4x4x!qnn.uint<2>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.upsample' result shape must be [1, 4, 6, 4], got [1, 4, 4, 4]

// -----

// upsample: the element type kept
%x0 = "test.op"() : () -> tensor<1x2x2x4x!qnn.uint<2>>
dataflow.partition (%a0 = %x0 : tensor<1x2x2x4x!qnn.uint<2>>) -> () {
  %y = dataflow.upsample %a0 {scale = array<i64: 2, 2>} : (tensor<1x2x2x4x!qnn.uint<2>>) -> tensor<1x4x4x4x!qnn.uint<3>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.upsample' result element type !qnn.uint<3> must equal the input type !qnn.uint<2>

// -----

// upsample: simd divides the channels
%x0 = "test.op"() : () -> tensor<1x2x2x4x!qnn.uint<2>>
dataflow.partition (%a0 = %x0 : tensor<1x2x2x4x!qnn.uint<2>>) -> () {
  %y = dataflow.upsample %a0 {scale = array<i64: 2, 2>, simd = 3 : i64} : (tensor<1x2x2x4x!qnn.uint<2>>) -> tensor<1x4x4x4x!qnn.uint<2>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.upsample' simd (3) must divide the channels (4)

// -----

// depth_to_space: NHWC input
%x0 = "test.op"() : () -> tensor<1x8x!qnn.uint<2>>
dataflow.partition (%a0 = %x0 : tensor<1x8x!qnn.uint<2>>) -> () {
  %y = dataflow.depth_to_space %a0 {blocksize = 2 : i64} : (tensor<1x8x!qnn.uint<2>>) -> tensor<1x2x!qnn.uint<2>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.depth_to_space' input must have rank 4 (N, H, W, C), got shape [1, 8]

// -----

// depth_to_space: blocksize >= 1
%x0 = "test.op"() : () -> tensor<1x2x2x8x!qnn.uint<2>>
dataflow.partition (%a0 = %x0 : tensor<1x2x2x8x!qnn.uint<2>>) -> () {
  %y = dataflow.depth_to_space %a0 {blocksize = 0 : i64} : (tensor<1x2x2x8x!qnn.uint<2>>) -> tensor<1x2x2x8x!qnn.uint<2>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.depth_to_space' blocksize must be >= 1, got 0

// -----

// depth_to_space: DCR or CRD
%x0 = "test.op"() : () -> tensor<1x2x2x8x!qnn.uint<2>>
dataflow.partition (%a0 = %x0 : tensor<1x2x2x8x!qnn.uint<2>>) -> () {
  %y = dataflow.depth_to_space %a0 {blocksize = 2 : i64, mode = "RDC"} : (tensor<1x2x2x8x!qnn.uint<2>>) -> tensor<1x4x4x2x!qnn.uint<2>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.depth_to_space' mode must be one of DCR, CRD, got 'RDC'

// -----

// depth_to_space: channels a multiple of blocksize^2
%x0 = "test.op"() : () -> tensor<1x2x2x6x!qnn.uint<2>>
dataflow.partition (%a0 = %x0 : tensor<1x2x2x6x!qnn.uint<2>>) -> () {
  %y = dataflow.depth_to_space %a0 {blocksize = 2 : i64} : (tensor<1x2x2x6x!qnn.uint<2>>) -> tensor<1x4x4x1x!qnn.uint<2>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.depth_to_space' input channels (6) must be a multiple of blocksize^2 (4)

// -----

// depth_to_space: the result shape
%x0 = "test.op"() : () -> tensor<1x2x2x8x!qnn.uint<2>>
dataflow.partition (%a0 = %x0 : tensor<1x2x2x8x!qnn.uint<2>>) -> () {
  %y = dataflow.depth_to_space %a0 {blocksize = 2 : i64} : (tensor<1x2x2x8x!qnn.uint<2>>) -> tensor<1x2x2x8x!qnn.uint<2>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.depth_to_space' result shape must be [1, 4, 4, 2], got [1, 2, 2, 8]

// -----

// depth_to_space: the element type kept
%x0 = "test.op"() : () -> tensor<1x2x2x8x!qnn.uint<2>>
dataflow.partition (%a0 = %x0 : tensor<1x2x2x8x!qnn.uint<2>>) -> () {
  %y = dataflow.depth_to_space %a0 {blocksize = 2 : i64} : (tensor<1x2x2x8x!qnn.uint<2>>) -> tensor<1x4x4x2x!qnn.int<2>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.depth_to_space' result element type !qnn.int<2> must equal the input type !qnn.uint<2>

// -----

// depth_to_space: simd divides the output channels
%x0 = "test.op"() : () -> tensor<1x2x2x8x!qnn.uint<2>>
dataflow.partition (%a0 = %x0 : tensor<1x2x2x8x!qnn.uint<2>>) -> () {
  %y = dataflow.depth_to_space %a0 {blocksize = 2 : i64, simd = 4 : i64} : (tensor<1x2x2x8x!qnn.uint<2>>) -> tensor<1x4x4x2x!qnn.uint<2>>
  dataflow.yield
}

// CHECK: {{^}}'dataflow.depth_to_space' simd (4) must divide the output channels (2)
