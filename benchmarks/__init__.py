"""Speed and memory measurements, run with ``make bench`` (``python -m benchmarks``).

Every module ``bench_*.py`` in this folder exposes ``main() -> None`` which
prints its figures and the ratios against named peers or targets. Nothing here
is asserted in the test suite: the targets are printed beside the figures.
"""
