"""finnr: a compiler from quantized neural networks to FPGA dataflow
accelerators, after FINN-R, built on xDSL."""

__version__ = "0.1.0"
