"""Benchmarks (not part of the pass/fail suite): python -m bench."""
