"""finnr's flows: what the commands do, apart from their argument parsing
(build, design-space exploration, verification, roofline, study), and the
stage pipeline they share (:mod:`finnr.flows.pipeline`). Flows never import
the driver."""
