// DepthToSpace (CRD: PixelShuffle), SpaceToDepth, Resize (nearest: scales
// and sizes forms), Upsample, Split, Slice and Concat of activations. Refused:
// an unknown DepthToSpace mode, a non-nearest Resize, a downsampling
// Upsample, an empty slice.
// RUN: python %S/Inputs/zoo_models.py rearrange %t1.onnx && finnr import %t1.onnx | filecheck %s --check-prefix=D2S
// RUN: python %S/Inputs/zoo_models.py resize %t2.onnx && finnr import %t2.onnx | filecheck %s --check-prefix=RESIZE
// RUN: python %S/Inputs/zoo_models.py upsample %t3.onnx && finnr import %t3.onnx | filecheck %s --check-prefix=UP
// RUN: python %S/Inputs/zoo_models.py split_slice_concat %t4.onnx && finnr import %t4.onnx | filecheck %s --check-prefix=SPLIT
// RUN: python %S/Inputs/zoo_models.py rearrange_bad_mode %t5.onnx && not finnr import %t5.onnx 2>&1 | filecheck %s --check-prefix=ERR-D2S
// RUN: python %S/Inputs/zoo_models.py resize_linear %t6.onnx && not finnr import %t6.onnx 2>&1 | filecheck %s --check-prefix=ERR-RESIZE
// RUN: python %S/Inputs/zoo_models.py upsample_down %t7.onnx && not finnr import %t7.onnx 2>&1 | filecheck %s --check-prefix=ERR-UP
// RUN: python %S/Inputs/zoo_models.py slice_empty %t8.onnx && not finnr import %t8.onnx 2>&1 | filecheck %s --check-prefix=ERR-SLICE

// D2S:      %[[D:.*]] = qnn.depth_to_space %x {blocksize = 2 : i64, mode = "CRD"} : (tensor<1x8x3x3xf32>) -> tensor<1x2x6x6xf32>
// D2S-NEXT: qnn.space_to_depth %[[D]] {blocksize = 2 : i64} : (tensor<1x2x6x6xf32>) -> tensor<1x8x3x3xf32>

// RESIZE:      qnn.resize %x {scales = dense<[1.000000e+00, 1.000000e+00, 2.000000e+00, 2.000000e+00]> : tensor<4xf32>} : (tensor<1x2x2x2xf32>) -> tensor<1x2x4x4xf32>
// RESIZE-NEXT: qnn.resize %x {scales = dense<[1.000000e+00, 1.000000e+00, 1.500000e+00, 2.500000e+00]> : tensor<4xf32>, coordinate_transformation_mode = "asymmetric", nearest_mode = "floor"} : (tensor<1x2x2x2xf32>) -> tensor<1x2x3x5xf32>

// UP: qnn.resize %x {scales = dense<[1.000000e+00, 1.000000e+00, 2.000000e+00, 2.000000e+00]> : tensor<4xf32>, coordinate_transformation_mode = "asymmetric", nearest_mode = "floor"} : (tensor<1x2x2x2xf32>) -> tensor<1x2x4x4xf32>

// SPLIT:      %[[A:.*]], %[[B:.*]] = qnn.split %relu {axis = 1 : i64} : (tensor<1x4x2xf32>) -> (tensor<1x1x2xf32>, tensor<1x3x2xf32>)
// SPLIT-NEXT: %[[S:.*]] = qnn.slice %[[B]] {starts = array<i64: 0, 2, 0>, steps = array<i64: 1, -2, 1>} : (tensor<1x3x2xf32>) -> tensor<1x2x2xf32>
// SPLIT-NEXT: qnn.concat %[[A]], %[[S]] {axis = 1 : i64}

// ERR-D2S: finnr: error: node 'my_d2s' (DepthToSpace): mode 'XYZ' is not supported
// ERR-RESIZE: finnr: error: node 'my_resize' (Resize): mode 'linear' is not supported (only nearest)
// ERR-UP: finnr: error: node 'my_upsample' (Upsample): only upsampling (scales >= 1) is supported in this form
// ERR-SLICE: finnr: error: node 'my_slice' (Slice): the slice of axis 1 is empty
