"""Edge validation for the queueing formulas.

Every public function of :mod:`crmsim.queueing` checks its inputs with the
functions below, so a wrong value is reported as :class:`~crmsim.errors.InputError`
naming the parameter, the allowed range and the value received. Booleans,
NaN, infinities and non-numbers are rejected everywhere.
"""

from __future__ import annotations

import math
from numbers import Integral, Real

from crmsim.errors import InputError


def agent_count(name: str, value: object, minimum: int = 1) -> int:
    """Return ``value`` as ``int`` if it is an integer ≥ ``minimum``."""
    if isinstance(value, bool) or not isinstance(value, Integral) or value < minimum:
        raise InputError(f'"{name}" must be an integer ≥ {minimum}, got {value!r}')
    return int(value)


def real_number(
    name: str,
    value: object,
    *,
    low: float | None = None,
    high: float | None = None,
    low_open: bool = False,
    high_open: bool = False,
) -> float:
    """Return ``value`` as ``float`` if it is a finite real number within the bounds.

    Parameters
    ----------
    name : str
        Parameter name used in the error message.
    value : object
        The value to check.
    low, high : float or None
        Bounds; ``None`` means unbounded on that side.
    low_open, high_open : bool
        ``True`` excludes the bound itself (``<`` instead of ``≤``).
    """
    allowed = _describe_range(low, high, low_open, high_open)
    if isinstance(value, bool) or not isinstance(value, Real):
        raise InputError(f'"{name}" must be a number {allowed}, got {value!r}')
    number = float(value)
    if not math.isfinite(number):
        raise InputError(f'"{name}" must be a finite number {allowed}, got {value!r}')
    too_low = low is not None and (number <= low if low_open else number < low)
    too_high = high is not None and (number >= high if high_open else number > high)
    if too_low or too_high:
        raise InputError(f'"{name}" must be a number {allowed}, got {value!r}')
    return number


def _describe_range(low: float | None, high: float | None, low_open: bool, high_open: bool) -> str:
    low_sign = "<" if low_open else "≤"
    high_sign = "<" if high_open else "≤"
    if low is not None and high is not None:
        return f"with {low:g} {low_sign} value {high_sign} {high:g}"
    if low is not None:
        return f"{'>' if low_open else '≥'} {low:g}"
    if high is not None:
        return f"{high_sign} {high:g}"
    return "(any finite value)"


def calls_per_hour(value: object) -> float:
    """Arrival rate in calls per hour: finite and ≥ 0 (an empty hour is allowed)."""
    return real_number("calls_per_hour", value, low=0.0)


def aht_min(value: object) -> float:
    """Average handling time (talk plus wrap-up) in minutes: finite and > 0."""
    return real_number("aht_min", value, low=0.0, low_open=True)


def patience_min(value: object) -> float:
    """Mean caller patience in minutes: finite and > 0."""
    return real_number("patience_min", value, low=0.0, low_open=True)


def sl_threshold_s(value: object) -> float:
    """Service-level threshold in seconds: finite and ≥ 0."""
    return real_number("sl_threshold_s", value, low=0.0)


def offered_load_erl(value: object) -> float:
    """Offered load in Erlang: finite and ≥ 0."""
    return real_number("offered_load_erl", value, low=0.0)
