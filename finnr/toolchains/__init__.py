"""External tools that finnr runs on generated code: yosys (:mod:`finnr.toolchains.synth`).
(The C-simulation with g++ and the Verilator simulation live beside their
backends, in ``finnr.backends.hls_cpp.csim`` and ``finnr.backends.rtl.sim``.)"""
