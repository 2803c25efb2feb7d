"""finnr's defaults, each defined once: the command line, the flows and the
pass options all take them from here. Imports nothing of finnr."""

DEFAULT_DEVICE = "pynq-z1"
"""The target device (see ``finnr devices``)."""

DEFAULT_UTILIZATION = 0.8
"""The share of a device's LUT/BRAM18/URAM/DSP a design may use."""

DEFAULT_FIFO_DEPTH = 2
"""The depth of the FIFOs ``dataflow-insert-fifo`` puts between layers."""

DEFAULT_HEURISTIC = "optimizer"
"""The folding search for a target FPS: finnr's optimizer (or FINN's ``setfolding``)."""

DEFAULT_ARCH = "auto"
"""The architecture: dataflow when it fits the device, else multi-layer offload."""

DEFAULT_BACKEND = "hls"
"""What a build's last stage writes: HLS C++ (or ``rtl``, finnr's own RTL)."""

DEFAULT_PRECISIONS = ("w1a1", "w2a2", "w4a4", "w8a8")
"""The precisions of a roofline and of ``finnr dse``."""
