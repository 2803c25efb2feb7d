// A module without any of finnr's dialects.
func.func @id(%x: tensor<4xf32>) -> tensor<4xf32> {
  func.return %x : tensor<4xf32>
}
