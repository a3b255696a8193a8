"""Benchmarks run from a source checkout: ``python -m bench.run --n 1000``."""
