"""Helpers shared by finnr's tests, importable as ``finnr_testing`` (pytest
puts tests/ on sys.path: ``pythonpath`` in pyproject.toml). Test modules
import these, never each other."""
