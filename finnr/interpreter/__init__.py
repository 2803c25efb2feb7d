"""Reference semantics (numpy) of every op of every finnr dialect, as xDSL
interpreter functions, and helpers to run a module on numpy inputs."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from xdsl.dialects import func
from xdsl.dialects.builtin import ModuleOp
from xdsl.interpreter import Interpreter

from finnr.diagnostics import FinnrError
from finnr.interpreter.func_calls import FuncFunctions


def entry_function(module: ModuleOp, name: str | None = None) -> func.FuncOp:
    """The function to run: ``name``, or the module's only function with a
    body (declarations, such as the C-simulated accelerators of an hls
    module, do not count)."""
    funcs = [op for op in module.ops if isinstance(op, func.FuncOp) and op.body.blocks]
    if name is not None:
        funcs = [f for f in funcs if f.sym_name.data == name]
        if not funcs:
            raise FinnrError(f"no function named '{name}' in the module")
    if len(funcs) != 1:
        raise FinnrError(
            f"the module has {len(funcs)} functions; name the one to run"
            if funcs
            else "the module has no function to run"
        )
    return funcs[0]


def make_interpreter(module: ModuleOp) -> Interpreter:
    from finnr.interpreter.dataflow import DataflowFunctions
    from finnr.interpreter.qnn import QnnFunctions

    interpreter = Interpreter(module)
    interpreter.register_implementations(FuncFunctions())
    interpreter.register_implementations(QnnFunctions())
    interpreter.register_implementations(DataflowFunctions())
    return interpreter


def run(module: ModuleOp, inputs: Sequence[np.ndarray], name: str | None = None, interpreter: Interpreter | None = None) -> list[np.ndarray]:
    """Run the entry function once on ``inputs`` (shaped as its arguments),
    with ``interpreter`` (default: :func:`make_interpreter`)."""
    from finnr.interpreter.qnn import repr_dtype

    fn = entry_function(module, name)
    arg_types = fn.function_type.inputs.data
    if len(inputs) != len(arg_types):
        raise FinnrError(f"@{fn.sym_name.data} takes {len(arg_types)} inputs, got {len(inputs)}")
    args = []
    for i, (x, t) in enumerate(zip(inputs, arg_types)):
        shape = t.get_shape()
        x = np.asarray(x)
        if x.size != int(np.prod(shape)):
            raise FinnrError(
                f"input #{i} has shape {list(x.shape)}, @{fn.sym_name.data} expects {list(shape)}"
            )
        args.append(x.astype(repr_dtype(t)).reshape(shape))
    if interpreter is None:
        if any(op.name == "hls.top" for op in module.ops):
            raise FinnrError(
                "this module calls HLS accelerators (hls.top), which only C-simulation runs: "
                "use `finnr csim` on the build directory, or `finnr run` on an earlier stage"
            )
        interpreter = make_interpreter(module)
    return list(interpreter.call_op(fn.sym_name.data, tuple(args)))


def run_batch(module: ModuleOp, batch: np.ndarray, name: str | None = None, interpreter: Interpreter | None = None) -> list[np.ndarray]:
    """Run a single-input function over a batch: ``batch`` is split into
    chunks of the function's input shape (batch dimension 1 for models
    imported with a symbolic batch), each chunk is run, and every output is
    concatenated along its first axis."""
    fn = entry_function(module, name)
    arg_types = fn.function_type.inputs.data
    if len(arg_types) != 1:
        raise FinnrError(f"@{fn.sym_name.data} takes {len(arg_types)} inputs; run_batch needs one")
    shape = arg_types[0].get_shape()
    batch = np.asarray(batch)
    if batch.ndim == len(shape) and batch.shape[1:] == tuple(shape[1:]) and shape[0] >= 1 and batch.shape[0] % shape[0] == 0:
        chunks = batch.reshape(-1, *shape)
    else:
        raise FinnrError(
            f"input of shape {list(batch.shape)} is not a batch of inputs of shape {list(shape)}"
        )
    results = [run(module, [chunk], fn.sym_name.data, interpreter) for chunk in chunks]
    return [np.concatenate([r[i] for r in results], axis=0) for i in range(len(results[0]))]
