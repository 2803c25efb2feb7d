"""legalize-names: write every C++ and Verilog identifier the backends print
into the IR, before any printer (as CIRCT's LegalizeNames).

On ``hls.top``/``hls.kernel``/``hls.stream`` ops (the ``hls-cpp`` and
``verilog`` targets) and on ``dataflow.partition`` ops and their layers
(the ``rtl`` target) it sets the discardable attributes ``finnr.cpp_*`` and
``finnr.verilog_*`` listed in :mod:`finnr.names`, and ``finnr.cpp_project``
on the module. Every name is the sanitizer's (:func:`finnr.names.sanitize`),
unique in its scope and never a C++ or Verilog keyword or a name of the
kernel or engine libraries. The names follow from the IR's own names only,
so a second run changes nothing. It refuses nothing: the targets check the
IR they print.

The targets run it themselves on a module that lacks the names.
"""

from dataclasses import dataclass

from xdsl.context import Context
from xdsl.dialects.builtin import ModuleOp
from xdsl.passes import ModulePass

from finnr.names import legalize


@dataclass(frozen=True)
class LegalizeNames(ModulePass):
    """Write every generated C++ and Verilog identifier into the IR."""

    name = "legalize-names"

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        legalize(op)
