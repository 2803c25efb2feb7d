"""Whether the tests can C-simulate: a C++ compiler and the ap_int headers
(Verilator: ``finnr.backends.rtl.sim.verilator_command``)."""

from __future__ import annotations

from finnr.backends.hls_cpp.csim import ap_types_dir, find_compiler
from finnr.diagnostics import FinnrError


def csim_toolchain_missing() -> str | None:
    """Why C-simulation cannot run here, or None when it can."""
    if find_compiler() is None:
        return "no C++ compiler found"
    try:
        ap_types_dir()
    except FinnrError as e:
        return str(e)
    return None


def run_lib_module(tmp_path, files, top: str, driver: str, params: dict[str, int]) -> str:
    """Verilate ``files`` (finnr RTL library files) with ``top`` as the top
    module at ``params`` and the C++ ``driver`` (its main), run it, and
    return what it printed (the test asserts the build and the run worked)."""
    import subprocess

    from finnr.backends.rtl.sim import verilator_command

    (tmp_path / "main.cpp").write_text(driver)
    r = subprocess.run([*verilator_command(), "--cc", "--exe", "--build", "-Wno-fatal", "-Wno-lint", "-Wno-style",
                        "--top-module", top, *(f"-G{k}={v}" for k, v in params.items()),
                        "-CFLAGS", "-O0", "-MAKEFLAGS", "CFG_CXXFLAGS_PCH_I=-include", "--Mdir", "obj",
                        *map(str, files), "main.cpp"], cwd=tmp_path, capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    run = subprocess.run([str(tmp_path / "obj" / f"V{top}")], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    return run.stdout
