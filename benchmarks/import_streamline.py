"""Benchmark (issue 16): `import` and `qnn-streamline` of the model-zoo
networks mobilenet_v1_w4a4 and resnet18_w4a4. Goal: under 5 s each on this
machine.

    .venv/bin/python benchmarks/import_streamline.py [MODEL.onnx ...]

Prints the best of 3 wall-clock times of the import (ONNX file to qnn IR)
and of the streamlining pipeline (on a fresh import each time), in process.
It reports whatever streamlining does today: when the pipeline raises, the
error is printed instead of a time (the benchmark itself does not fail)."""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from common import SHARED_MODELS, best_of

DEFAULTS = [SHARED_MODELS / "mobilenet_v1_w4a4.onnx", SHARED_MODELS / "resnet18_w4a4.onnx"]


def _streamline_seconds(path: Path) -> str:
    from finnr.flows import pipeline
    from finnr.frontend.onnx_import import import_model

    times = []
    for _ in range(3):
        module = import_model(path)
        t = time.perf_counter()
        try:
            pipeline.run(module, pipeline.STREAMLINE)
        except Exception as e:  # report, do not fail: streamlining is work in progress
            return f"failed ({type(e).__name__}: {str(e).splitlines()[0][:200] if str(e) else ''})"
        times.append(time.perf_counter() - t)
    return f"{min(times):.2f} s"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("models", nargs="*", type=Path, default=DEFAULTS)
    args = ap.parse_args()
    from finnr.frontend.onnx_import import import_model

    for path in args.models:
        if not path.is_file():
            print(f"{path.stem}: model not found at {path}")
            continue
        t_import = best_of(3, lambda p=path: import_model(p))
        print(f"{path.stem}: import {t_import:.2f} s, qnn-streamline {_streamline_seconds(path)}", flush=True)


if __name__ == "__main__":
    main()
