"""Feedback lines for exercise checks: one line per check, the same words every time.

A check returns a :class:`Verdict` whose text form is exactly one line, so that
nbval can compare it with the line stored in the exercise notebook. The line
starts with the task's title and says ``correct ✔``, ``not answered yet``, or
what is off.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

CORRECT = "correct ✔"
NOT_ANSWERED = "not answered yet: replace ... with your answer and run the cell again"


@dataclass(frozen=True, repr=False)
class Verdict:
    """The outcome of one check: passed or not, and the sentence shown."""

    task: str
    passed: bool
    message: str

    def line(self) -> str:
        """The feedback as one line: task title, then the message."""
        return f"{self.task}: {self.message}"

    def __repr__(self) -> str:
        return self.line()


def judge(task: str, answer: Any, evaluate: Callable[[Any], str | None]) -> Verdict:
    """Check ``answer`` with ``evaluate`` (returns ``None`` when right, else a hint).

    ``...`` (the placeholder of the student version) is "not answered yet"; an answer
    of the wrong kind gets a hint instead of an exception.
    """
    if answer is Ellipsis:
        return Verdict(task, False, NOT_ANSWERED)
    try:
        hint = evaluate(answer)
    except (TypeError, ValueError) as error:
        hint = f"could not use your answer ({error})"
    return Verdict(task, hint is None, CORRECT if hint is None else f"not yet: {hint}")


def as_number(answer: Any, what: str) -> float:
    """The answer as a float, or a ValueError that says what was expected."""
    if isinstance(answer, bool) or not isinstance(answer, int | float):
        raise ValueError(f"expected {what} as a number, got {answer!r}")
    value = float(answer)
    if not math.isfinite(value):
        raise ValueError(f"expected {what} as a finite number, got {answer!r}")
    return value


def close(answer: float, expected: float, tolerance: float) -> bool:
    """True when ``answer`` is within ``tolerance`` of ``expected`` (absolute)."""
    return abs(answer - expected) <= tolerance
