"""Passes applied to a test's module, and random legal foldings."""

from __future__ import annotations

import numpy as np

from finnr.dialects import dataflow as df
from finnr.dialects.utils import i64_attr
from finnr.flows import pipeline
from finnr.models import layers as lm
from finnr.models.folding import divisors


def apply(module, *specs: str) -> None:
    """Run pass-pipeline specs (pass names, or stages of
    :mod:`finnr.flows.pipeline`) on ``module``, then verify it."""
    for spec in specs:
        pipeline.run(module, spec)
    module.verify()


def random_folding(module, rng: np.random.Generator) -> None:
    """Random legal PE/SIMD for every layer."""
    for op in module.walk():
        k = lm.kind(op)
        if k is None:
            continue
        props = type(op).get_irdl_definition().properties
        xs, ys = op.operands[0].type.get_shape(), op.results[0].type.get_shape()
        if k == "mvau":
            op.properties["pe"] = i64_attr(int(rng.choice(divisors(ys[-1]))))
            op.properties["simd"] = i64_attr(int(rng.choice(divisors(xs[-1]))))
        elif "simd" in props:
            op.properties["simd"] = i64_attr(int(rng.choice(divisors(xs[-1]))))
        elif "pe" in props and not isinstance(op, df.LabelSelectOp):
            op.properties["pe"] = i64_attr(int(rng.choice(divisors(xs[-1]))))
    module.verify()
