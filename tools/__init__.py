"""Thin command-line entry points; the code lives in the finnr package."""
