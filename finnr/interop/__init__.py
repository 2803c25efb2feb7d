"""Exchange with other tools: FINN's node names and folding configs
(:mod:`finnr.interop.finn`)."""
