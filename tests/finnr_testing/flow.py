"""Passes applied to a test's module, and random legal foldings."""

from __future__ import annotations

import numpy as np

from finnr.dialects.utils import i64_attr
from finnr.flows import pipeline
from finnr.models import layers as lm
from finnr.models.folding import divisors
from finnr.models.registry import model_of


def apply(module, *specs: str) -> None:
    """Run pass-pipeline specs (pass names, or stages of
    :mod:`finnr.flows.pipeline`) on ``module``, then verify it."""
    for spec in specs:
        pipeline.run(module, spec)
    module.verify()


def random_folding(module, rng: np.random.Generator) -> None:
    """A random legal folding: every compute layer's PE and SIMD each a
    random divisor of the dimension its layer model says it folds
    (``LayerModel.folded_dims``; FIFOs and width converters follow)."""
    for op in lm.compute_layers(list(module.walk())):
        props = type(op).get_irdl_definition().properties
        dims = model_of(op).folded_dims(lm.spec_of(op))
        for name, dim in zip(("pe", "simd"), dims, strict=True):
            if dim is not None and name in props:
                op.properties[name] = i64_attr(int(rng.choice(divisors(dim))))
    module.verify()
