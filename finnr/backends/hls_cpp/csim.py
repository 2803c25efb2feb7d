"""C-simulation of the generated HLS C++ with g++ (``finnr csim``).

The testbench of each hls.top is compiled once (``HLS_DIR/csim/TOP_csim``,
rebuilt when the sources, headers or compiler change) against finnr's stream
model (``include/hls_stream.h``) and the ``ap_int`` headers of the hls4ml
package. A precompiled header of the ap_int headers and the kernel library,
shared by all builds, lives in the user's cache directory.

A module after ``convert-dataflow-to-hls`` runs in the reference
interpreter as usual, except that each ``func.call`` of an accelerator (an
external ``func.func`` with an ``hls.top`` attribute) streams its integer
operands through the C-simulated top function and takes its results from
there: the host pre- and post-processing stay in the interpreter."""

from __future__ import annotations

import hashlib
import importlib.util
import math
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from xdsl.dialects import func
from xdsl.dialects.builtin import ModuleOp, SymbolRefAttr, TensorType
from xdsl.interpreter import Interpreter, InterpreterFunctions, impl, register_impls
from xdsl.traits import SymbolTable

from finnr.backends.hls_cpp import INCLUDE_DIR, library_headers
from finnr.diagnostics import FinnrError

HLS4ML_VERSION = "1.3.0"
"""The hls4ml release whose ap_int headers finnr is tested with."""

CXXFLAGS = ("-std=c++14", "-O1", "-DAP_INT_MAX_W=32768", "-w")
TOP_ATTR = "hls.top"
HLS_IR = "06-hls.mlir"
"""The IR ``finnr build`` writes after convert-dataflow-to-hls (next to hls/)."""


# --- toolchain ---------------------------------------------------------------


def find_compiler() -> str | None:
    """The C++ compiler: $CXX, else g++, c++ or clang++ on the PATH."""
    candidates = [os.environ["CXX"]] if os.environ.get("CXX") else ["g++", "c++", "clang++"]
    for c in candidates:
        path = shutil.which(c)
        if path:
            return path
    return None


def ap_types_dir() -> Path:
    """Where ``ap_int.h`` lives: $FINNR_AP_TYPES, else the hls4ml package."""
    env = os.environ.get("FINNR_AP_TYPES")
    if env:
        d = Path(env)
    else:
        spec = importlib.util.find_spec("hls4ml")  # locates, does not import
        if spec is None or not spec.submodule_search_locations:
            raise FinnrError(
                "C-simulation needs the ap_int headers of the hls4ml package: "
                f"pip install --no-deps hls4ml=={HLS4ML_VERSION} (or set FINNR_AP_TYPES to a "
                "directory holding ap_int.h)"
            )
        d = Path(next(iter(spec.submodule_search_locations))) / "templates" / "vivado" / "ap_types"
    if not (d / "ap_int.h").is_file():
        raise FinnrError(f"{d}: no ap_int.h there (C-simulation needs the ap_int headers)")
    return d


def _compiler() -> str:
    cxx = find_compiler()
    if cxx is None:
        raise FinnrError("C-simulation needs a C++ compiler: none found (install g++ or set CXX)")
    return cxx


def _compiler_id(cxx: str) -> str:
    try:
        out = subprocess.run([cxx, "--version"], capture_output=True, text=True, check=False).stdout
    except OSError:
        out = ""
    return f"{cxx}\n{out}"


def _digest(*parts: bytes | str) -> str:
    h = hashlib.sha256()
    for p in parts:
        h.update(p.encode() if isinstance(p, str) else p)
        h.update(b"\0")
    return h.hexdigest()[:20]


def _headers_digest() -> str:
    return _digest(*(p.read_bytes() for p in [*library_headers(), INCLUDE_DIR / "hls_stream.h"]))


def _cache_root() -> Path:
    env = os.environ.get("FINNR_CACHE_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "finnr"


def _include_flags(ap: Path) -> list[str]:
    # finnr's include directory first: its hls_stream.h (the stream model)
    # must win over the one of the ap_types directory
    return ["-I", str(INCLUDE_DIR), "-I", str(ap)]


def precompiled_header(cxx: str, ap: Path) -> Path | None:
    """A precompiled header of the ap_int headers and the kernel library
    (built once per compiler and header version); None when the compiler
    cannot make one (the builds then parse the headers themselves)."""
    if Path(cxx).name.startswith("clang"):
        return None  # clang needs -include-pch; keep it simple
    key = _digest(_compiler_id(cxx), " ".join(CXXFLAGS), str(ap), _headers_digest())
    d = _cache_root() / f"pch-{key}"
    header = d / "finnr_csim_pch.h"
    gch = d / "finnr_csim_pch.h.gch"
    if gch.is_file() and header.is_file():
        return header
    try:
        d.mkdir(parents=True, exist_ok=True)
        tmp_header = d / f"finnr_csim_pch.h.tmp{os.getpid()}"
        tmp_header.write_text(
            "#include <ap_int.h>\n#include <hls_stream.h>\n"
            '#include "finnr/kernels.h"\n#include "finnr/testbench.h"\n'
        )
        os.replace(tmp_header, header)  # concurrent builds never see half a file
        tmp = d / f"finnr_csim_pch.h.gch.tmp{os.getpid()}"
        r = subprocess.run(
            [cxx, *CXXFLAGS, *_include_flags(ap), "-x", "c++-header", str(header), "-o", str(tmp)],
            capture_output=True, text=True, check=False,
        )
        if r.returncode != 0:
            tmp.unlink(missing_ok=True)
            return None
        os.replace(tmp, gch)
    except OSError:
        return None
    return header


def compile_testbench(hls_dir: str | Path, name: str, *, force: bool = False,
                      progress: Callable[[str], None] = lambda message: None) -> Path:
    """Build (or reuse) the C-simulation binary ``HLS_DIR/csim/NAME_csim``
    of ``HLS_DIR/NAME.cpp`` and ``HLS_DIR/NAME_tb.cpp``; ``progress`` hears
    about a (re)build."""
    d = Path(hls_dir)
    sources = [d / f"{name}.cpp", d / f"{name}_tb.cpp"]
    for s in sources:
        if not s.is_file():
            raise FinnrError(f"{s}: missing (write the HLS project with `finnr build` first)")
    cxx = _compiler()
    ap = ap_types_dir()
    out_dir = d / "csim"
    binary = out_dir / f"{name}_csim"
    stamp = out_dir / f"{name}_csim.key"
    key = _digest(_compiler_id(cxx), " ".join(CXXFLAGS), str(ap), _headers_digest(),
                  *(p.read_bytes() for p in sources))
    if not force and binary.is_file() and stamp.is_file() and stamp.read_text() == key:
        return binary
    out_dir.mkdir(parents=True, exist_ok=True)
    progress(f"compiling {sources[0]} and its testbench with {Path(cxx).name} (once; cached in {out_dir})")
    pch = precompiled_header(cxx, ap)
    pch_flags = ["-include", str(pch), "-Winvalid-pch"] if pch is not None else []
    objects = []
    procs = []
    for s in sources:  # the two translation units compile in parallel
        obj = out_dir / f"{s.stem}.o"
        objects.append(obj)
        cmd = [cxx, *CXXFLAGS, *_include_flags(ap), *pch_flags, "-I", str(d), "-c", str(s), "-o", str(obj)]
        procs.append((s, subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)))
    errors = []
    for s, p in procs:
        _, err = p.communicate()
        if p.returncode != 0:
            errors.append(f"{s.name}:\n{err.strip()[-4000:]}")
    if errors:
        raise FinnrError(f"C-simulation: compiling the HLS C++ of '{name}' failed:\n" + "\n".join(errors))
    r = subprocess.run([cxx, *map(str, objects), "-o", str(binary), "-lpthread"],
                       capture_output=True, text=True, check=False)
    if r.returncode != 0:
        raise FinnrError(f"C-simulation: linking '{name}' failed:\n{r.stderr.strip()[-4000:]}")
    stamp.write_text(key)
    return binary


def run_testbench(binary: str | Path, top: str, inputs: Sequence[np.ndarray], output_sizes: Sequence[int],
                  frames: int) -> list[np.ndarray]:
    """Run the testbench binary's top function ``top`` (its C++ name) on
    integer ``inputs`` (every frame's elements in stream order); returns one
    flat int64 array per output port, checked to hold ``frames * size``
    elements."""
    with tempfile.TemporaryDirectory(prefix="finnr-csim-") as tmp:
        t = Path(tmp)
        in_files = []
        for i, x in enumerate(inputs):
            p = t / f"in{i}.bin"
            np.ascontiguousarray(x, dtype="<i8").tofile(p)
            in_files.append(p)
        out_files = [t / f"out{j}.bin" for j in range(len(output_sizes))]
        r = subprocess.run([str(binary), top, str(frames), *map(str, in_files), *map(str, out_files)],
                           capture_output=True, text=True, check=False)
        if r.returncode != 0:
            raise FinnrError(
                f"C-simulation of {top} failed (exit code {r.returncode}):\n"
                + (r.stderr.strip()[-4000:] or "(no message)")
            )
        outs = []
        for j, (p, size) in enumerate(zip(out_files, output_sizes)):
            y = np.fromfile(p, dtype="<i8")
            if y.size != frames * size:
                raise FinnrError(
                    f"C-simulation of {top}: output port #{j} produced {y.size} values, "
                    f"expected {frames} frame(s) of {size}"
                )
            outs.append(y)
        return outs


# --- running a module ---------------------------------------------------------


def _as_integers(x: Any, what: str) -> np.ndarray:
    a = np.asarray(x, dtype=np.float64)
    r = np.rint(a)
    if not np.array_equal(a, r):
        raise FinnrError(f"C-simulation: {what} holds non-integer values")
    return r.astype(np.int64)


@register_impls
class CsimFunctions(InterpreterFunctions):
    """``func.call`` of an accelerator runs its C-simulation; every other
    call runs in the interpreter."""

    def __init__(self, simulate: Callable[[str, tuple[Any, ...], list[TensorType]], tuple[np.ndarray, ...]]):
        super().__init__()
        self.simulate = simulate

    @impl(func.CallOp)
    def run_call(self, interpreter: Interpreter, op: func.CallOp, args: tuple[Any, ...]):
        callee = SymbolTable.lookup_symbol(op, op.callee)
        if isinstance(callee, func.FuncOp):
            top = callee.attributes.get(TOP_ATTR)
            if isinstance(top, SymbolRefAttr):
                return self.simulate(top.root_reference.data, args, list(op.result_types))
        return interpreter.call_op(op.callee, args)


class Simulator:
    """Runs modules whose accelerators are C-simulated from ``hls_dir``."""

    def __init__(self, module: ModuleOp, hls_dir: str | Path,
                 progress: Callable[[str], None] = lambda message: None):
        from finnr.backends.hls_cpp.printer import CppPrinter

        self.module = module
        self.hls_dir = Path(hls_dir)
        printer = CppPrinter(module)
        # the C++ names of the tops, as the printer gives them
        self.tops = {top.sym_name.data: (top, printer.top_names[top]) for top in printer.tops}
        self.project = printer.project_name
        self.progress = progress
        self._binary: Path | None = None

    def binary(self) -> Path:
        """The testbench binary (compiled on first use)."""
        if self._binary is None:
            self._binary = compile_testbench(self.hls_dir, self.project, progress=self.progress)
        return self._binary

    def compile_all(self) -> None:
        self.binary()

    def simulate(self, name: str, args: tuple[Any, ...], result_types: list) -> tuple[np.ndarray, ...]:
        from finnr.interpreter.qnn import repr_dtype

        if name not in self.tops:
            raise FinnrError(f"C-simulation: no hls.top named '{name}' in the module")
        top, cpp_name = self.tops[name]
        if len(args) != len(top.inputs):
            raise FinnrError(f"C-simulation: '{name}' takes {len(top.inputs)} input(s), got {len(args)}")
        ins = [_as_integers(a, f"input #{i} of '{name}'").reshape(-1) for i, a in enumerate(args)]
        sizes = [math.prod(t.get_shape()) for t in result_types]
        outs = run_testbench(self.binary(), cpp_name, ins, sizes, 1)
        return tuple(
            np.asarray(y, dtype=repr_dtype(t)).reshape(t.get_shape()) for y, t in zip(outs, result_types)
        )

    def interpreter(self) -> Interpreter:
        from finnr.interpreter import make_interpreter

        interp = make_interpreter(self.module)
        interp.register_implementations(CsimFunctions(self.simulate), override=True)
        return interp

    def run(self, inputs: Sequence[np.ndarray], name: str | None = None) -> list[np.ndarray]:
        """Run the entry function once (as :func:`finnr.interpreter.run`),
        the accelerators C-simulated."""
        from finnr.interpreter import run

        self.compile_all()
        return run(self.module, inputs, name, self.interpreter())

    def run_batch(self, batch: np.ndarray, name: str | None = None) -> list[np.ndarray]:
        """As :func:`finnr.interpreter.run_batch`: every chunk of the batch
        runs through the host code and the C-simulated accelerators."""
        from finnr.interpreter import run_batch

        self.compile_all()
        return run_batch(self.module, batch, name, self.interpreter())
