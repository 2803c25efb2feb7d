"""The subcommands of ``finnr``, one module each. Every module has
``add_parser(sub)``, which adds its subparser with ``fn=run``, and
``run(args) -> int``. Commands never import each other; what they share
lives below them (:mod:`finnr.driver.arrays`, :mod:`finnr.ir_io`, the flows)."""

from finnr.driver.commands import bitstream, board, build, csim, devices, dse, import_, roofline, rtlsim, run, study, synth

COMMANDS = (import_, run, devices, build, csim, roofline, synth, bitstream, board, study, rtlsim, dse)
"""In the order of ``finnr --help``."""
