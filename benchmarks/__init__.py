"""Benchmarks: each runs as `python -m benchmarks.NAME [--size N]` and prints a table."""
