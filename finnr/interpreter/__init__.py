"""Reference semantics (numpy) of every op of every finnr dialect."""
