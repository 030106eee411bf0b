"""Benchmarks for pieces_os_client, run by ``make bench`` and ``make bench-compare``.

Scripts, not tests: pytest does not collect them. `benchmarks.run` is the entry point; it starts the
loopback server (`benchmarks._server`) in its own process, drives measurement workers
(`benchmarks._worker`) in fresh processes and prints one table of medians and ratios.
"""
