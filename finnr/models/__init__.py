"""Cost and performance models, device database: pure functions, no IR mutation."""
