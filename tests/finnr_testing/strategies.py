"""Hypothesis strategies of the tests' generated inputs."""

from hypothesis import strategies as st

from finnr.examples.networks import NetSpec

net_specs = st.builds(
    NetSpec,
    wbits=st.sampled_from([1, 2, 4]),
    abits=st.sampled_from([1, 2, 3]),
    relu=st.booleans(),
    per_channel=st.booleans(),
    negative_bn=st.booleans(),
    seed=st.integers(0, 2**16),
)
"""Hypothesis strategy of network descriptions."""
