"""ONNX, QONNX and QDQ import into the qnn dialect."""
