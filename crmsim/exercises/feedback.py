"""Feedback lines for exercise checks: one line per check, the same words every time.

A check returns a :class:`Verdict` whose text form is exactly one line, so that
nbval can compare it with the line stored in the solution notebook. The line
starts with the task's title ("Task 3 · Agents for 80/20") and says
``correct ✔``, ``not answered yet …``, or ``not yet: …`` with what is off.
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
    """The outcome of one check.

    Attributes
    ----------
    task : str
        The task's title, e.g. ``"Task 3 · Agents for 80/20"``.
    passed : bool
        Whether the answer is right.
    message : str
        The sentence shown after the title (``correct ✔``, ``not answered yet …``,
        ``not yet: <hint>``); never contains a line break.
    """

    task: str
    passed: bool
    message: str

    def line(self) -> str:
        """The feedback as one line: task title, a colon, then the message."""
        return f"{self.task}: {self.message}"

    def __repr__(self) -> str:
        return self.line()


def judge(task: str, answer: Any, evaluate: Callable[[Any], str | None]) -> Verdict:
    """Check ``answer`` with ``evaluate`` and turn the outcome into a verdict.

    Parameters
    ----------
    task : str
        The task's title, the start of the feedback line.
    answer : Any
        What the student stored; ``...`` (the placeholder of the student version)
        means "not answered yet".
    evaluate : callable
        Returns ``None`` when the answer is right, otherwise a one-line hint. It may
        raise ``TypeError`` or ``ValueError`` for an answer of the wrong kind; the
        message of that error becomes the hint.

    Returns
    -------
    Verdict
        Passed with ``correct ✔``, or not passed with a hint or "not answered yet".
    """
    if answer is Ellipsis:
        return Verdict(task, False, NOT_ANSWERED)
    try:
        hint = evaluate(answer)
    except (TypeError, ValueError) as error:
        hint = f"could not use your answer ({error})"
    if hint is None:
        return Verdict(task, True, CORRECT)
    return Verdict(task, False, "not yet: " + " ".join(hint.split()))


def as_number(answer: Any, what: str) -> float:
    """The answer as a float, or a ``ValueError`` that says what was expected.

    Parameters
    ----------
    answer : Any
        The student's answer; ``bool`` is refused even though it is an ``int``.
    what : str
        What the number is, for the message ("the offered load in Erlang").
    """
    is_plain = isinstance(answer, int | float) and not isinstance(answer, bool)
    if not is_plain and type(answer).__module__ == "numpy" and hasattr(answer, "__float__"):
        answer = float(answer)  # numpy scalars (np.float64, np.int64)
    if isinstance(answer, bool) or not isinstance(answer, int | float):
        raise ValueError(f"expected {what} as a number, got {answer!r}")
    value = float(answer)
    if not math.isfinite(value):
        raise ValueError(f"expected {what} as a finite number, got {answer!r}")
    return value


def close(answer: float, expected: float, tolerance: float) -> bool:
    """True when ``answer`` is within ``tolerance`` of ``expected`` (absolute difference)."""
    return abs(answer - expected) <= tolerance


def as_key(answer: Any, known: list[str], what: str) -> str:
    """One option key out of the answer (``"b"``, ``"B"``, ``" b) "``), or a ``ValueError``.

    Parameters
    ----------
    answer : Any
        The student's answer.
    known : list of str
        The keys that exist, in the order shown.
    what : str
        What a key names ("option", "step"), for the message.
    """
    listed = ", ".join(repr(key) for key in known)
    if not isinstance(answer, str):
        raise ValueError(f"give the {what} as a string, one of {listed}; got {answer!r}")
    key = answer.strip().rstrip(").").strip()
    for candidate in known:
        if key.lower() == candidate.lower():
            return candidate
    raise ValueError(f"there is no {what} {answer!r}; choose one of {listed}")
