"""Argument types for the command line: numbers with ranges, read as people write them.

``5e3`` is read as 5000 and ``1_000`` as 1000; infinities and NaN are refused.
A value outside its range is refused by argparse with one line naming the
option, the allowed range and, for upper limits from :mod:`crmsim.limits`, that
the limit is crmsim's own.
"""

from __future__ import annotations

import argparse
import math
from collections.abc import Callable

from crmsim.errors import shorten
from crmsim.limits import MAX_SEED


def _number(text: str) -> float:
    try:
        value = float(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a number, got {shorten(text)!r}") from None
    if not math.isfinite(value):
        raise argparse.ArgumentTypeError(f"must be a finite number, got {shorten(text)!r}")
    return value


def _plain(number: float) -> str:
    """``1000000`` as ``1,000,000``, ``0.5`` as ``0.5``."""
    return f"{int(number):,}" if float(number).is_integer() else f"{number:g}"


def whole_number(low: int, high: int | None = None, limit: bool = True) -> Callable[[str], int]:
    """An argparse type: a whole number from ``low`` to ``high`` (``5e3`` is 5000).

    ``limit`` says that ``high`` is one of crmsim's size limits (named as such).
    """

    def parse(text: str) -> int:
        try:
            value = int(text.strip().replace("_", ""))
        except ValueError:
            number = _number(text)
            if not number.is_integer():
                raise argparse.ArgumentTypeError(
                    f"must be a whole number, got {shorten(text)!r}"
                ) from None
            value = int(number)
        if value < low or (high is not None and value > high):
            bounded = high is not None and high < MAX_SEED
            span = f"from {low:,} to {high:,}" if bounded else f"≥ {low:,}"
            note = " (the limit of crmsim)" if high is not None and limit and value > high else ""
            raise argparse.ArgumentTypeError(
                f"must be a whole number {span}{note}, got {shorten(text)}"
            )
        return value

    parse.__name__ = "whole number"
    return parse


def real_number(
    low: float, high: float | None = None, *, low_open: bool = False, limit: bool = True
) -> Callable[[str], float]:
    """An argparse type: a finite number ≥ ``low`` (> with ``low_open``) and ≤ ``high``."""

    def parse(text: str) -> float:
        value = _number(text)
        too_low = value <= low if low_open else value < low
        if too_low or (high is not None and value > high):
            lower = f"> {_plain(low)}" if low_open else f"≥ {_plain(low)}"
            span = lower if high is None else f"{lower} and ≤ {_plain(high)}"
            note = " (the limit of crmsim)" if high is not None and limit and value > high else ""
            raise argparse.ArgumentTypeError(f"must be a number {span}{note}, got {shorten(text)}")
        return value

    parse.__name__ = "number"
    return parse


seed = whole_number(0, MAX_SEED, limit=False)
"""A random seed: a whole number ≥ 0."""
