"""The ``hls-cpp`` target: Vitis HLS C++ of hls IR, with finnr's own kernel
header library (``include/finnr/``), a C-simulation testbench, Vitis HLS Tcl
scripts and a C-simulation model of ``hls::stream`` (``include/hls_stream.h``,
for g++ only).

- ``finnr-opt -t hls-cpp`` prints the C++ file of a module's hls.top ops;
- :func:`write_hls_project` writes a directory a hardware engineer takes to
  Vitis HLS (what ``finnr build`` puts in ``DIR/hls/``);
- :mod:`finnr.backends.hls_cpp.csim` compiles and runs it with g++.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from xdsl.context import Context
from xdsl.dialects.builtin import ModuleOp
from xdsl.utils.target import Target

from finnr.diagnostics import FinnrError

INCLUDE_DIR = Path(__file__).resolve().parent / "include"
"""finnr's headers: ``finnr/*.h`` (the kernel library) and ``hls_stream.h``
(the C-simulation stream model)."""


def library_headers() -> list[Path]:
    """The kernel library's headers (``include/finnr/*.h``)."""
    return sorted((INCLUDE_DIR / "finnr").glob("*.h"))


@dataclass(frozen=True)
class HlsCppTarget(Target):
    """Vitis HLS C++ of the module's hls.top ops (kernel functions with their ROMs, DATAFLOW tops)."""

    name = "hls-cpp"

    def emit(self, ctx: Context, module: ModuleOp, output: IO[str]) -> None:
        from finnr.backends.hls_cpp.printer import emit_cpp

        output.write(emit_cpp(module))


def write_hls_project(module: ModuleOp, directory: str | Path, *, part: str = "xc7z020clg400-1",
                      clock_mhz: float = 100.0) -> list[Path]:
    """Write the HLS project of the hls.top ops of ``module`` into
    ``directory``. With NAME the top's name (``accelerators`` when there are
    several tops):

    - ``NAME.cpp``: the kernel instance functions and the DATAFLOW top
      function(s);
    - ``NAME_tb.cpp``: the C-simulation testbench (binary int64 files in and
      out; ``NAME_csim TOP FRAMES IN.. OUT..``);
    - ``TOP.tcl``: Vitis HLS synthesis of each top (run in ``directory``);
    - ``kernels/INSTANCE.tcl``: out-of-context synthesis of each kernel;
    - ``include/finnr/*.h``: the kernel library;
    - ``csim/include/hls_stream.h``: the stream model for g++ C-simulation.

    Returns the files written."""
    from finnr.backends.hls_cpp.printer import CppPrinter
    from finnr.dialects import hls

    d = Path(directory)
    printer = CppPrinter(module)
    name = printer.project_name
    files: dict[Path, str] = {
        d / f"{name}.cpp": printer.cpp(),
        d / f"{name}_tb.cpp": printer.testbench(),
    }
    for top in printer.tops:
        files[d / f"{printer.top_names[top]}.tcl"] = printer.tcl(top, part, clock_mhz)
        for op in top.body_block.ops:
            if isinstance(op, hls.KernelOp):
                files[d / "kernels" / f"{printer.kernel_names[op]}.tcl"] = printer.tcl(top, part, clock_mhz, op)
    copies = {h: d / "include" / "finnr" / h.name for h in library_headers()}
    copies[INCLUDE_DIR / "hls_stream.h"] = d / "csim" / "include" / "hls_stream.h"
    try:
        for sub in ("kernels", "include/finnr", "csim/include"):
            (d / sub).mkdir(parents=True, exist_ok=True)
        for path, text in files.items():
            path.write_text(text)
        for src, dst in copies.items():
            shutil.copyfile(src, dst)
    except OSError as e:
        raise FinnrError(f"{d}: cannot write the HLS project ({e.strerror})") from None
    return [*files, *copies.values()]
