// A two-layer MLP in qnn IR (2-bit weights and activations): the input of
// the target tests, lowered by each test's RUN line to the level it needs.
func.func @mlp(%x: tensor<1x8xf32>) -> tensor<1x4xf32> {
  %xq = qnn.quant %x {bitwidth = 2 : i64, scale = dense<0.5> : tensor<f32>, zeropt = dense<0.0> : tensor<f32>} : (tensor<1x8xf32>) -> tensor<1x8xf32>
  %w0 = qnn.constant dense<[[1, -2, 0, 1, 1, -1], [0, 1, -1, -2, 1, 0], [1, 1, 1, 0, -1, -1], [-2, 0, 1, 1, 0, 1], [0, -1, 1, 1, 1, -2], [1, 0, 0, -1, 1, 1], [-1, 1, -2, 0, 0, 1], [1, 1, 0, 1, -1, 0]]> : tensor<8x6xi8> -> tensor<8x6x!qnn.int<2>>
  %h0 = qnn.matmul %xq, %w0 : (tensor<1x8xf32>, tensor<8x6x!qnn.int<2>>) -> tensor<1x6xf32>
  %t0 = qnn.constant dense<[[-0.25, 0.25, 0.75]]> : tensor<1x3xf32> -> tensor<1x3xf32>
  %a0 = qnn.multithreshold %h0, %t0 {out_dtype = !qnn.uint<2>, data_layout = "NC"} : (tensor<1x6xf32>, tensor<1x3xf32>) -> tensor<1x6x!qnn.uint<2>>
  %w1 = qnn.constant dense<[[1, 0, -1, 1], [-2, 1, 1, 0], [0, 1, -1, 1], [1, -1, 0, -2], [1, 1, 1, 0], [-1, 0, 1, 1]]> : tensor<6x4xi8> -> tensor<6x4x!qnn.int<2>>
  %h1 = qnn.matmul %a0, %w1 : (tensor<1x6x!qnn.uint<2>>, tensor<6x4x!qnn.int<2>>) -> tensor<1x4x!qnn.int<6>>
  %s = qnn.constant dense<0.125> : tensor<1x4xf32> -> tensor<1x4xf32>
  %y = qnn.mul %h1, %s : (tensor<1x4x!qnn.int<6>>, tensor<1x4xf32>) -> tensor<1x4xf32>
  func.return %y : tensor<1x4xf32>
}
