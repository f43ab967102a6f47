"""Numeric tasks: a number within a tolerance, with hints for the typical mistakes.

The expected value is computed by ``crmsim`` when the check runs (a callable), or
given as a constant for a pure formula. Each typical mistake is a value the
student gets by a known slip (minutes for hours, percent for shares, Erlang B for
Erlang C); an answer near it gets that mistake's hint instead of a generic one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from crmsim.exercises.feedback import Verdict, as_number, close, judge

#: A number, or a function without arguments that computes it when the check runs.
Value = float | Callable[[], float]


def _value(value: Value) -> float:
    return float(value()) if callable(value) else float(value)


@dataclass(frozen=True)
class Mistake:
    """A typical wrong answer and the hint it earns.

    Parameters
    ----------
    value : float or callable
        The wrong value a known slip produces (or a function computing it).
    hint : str
        What to say, one sentence, naming the slip ("give the rate as a share …").
    tolerance : float, optional
        Absolute tolerance around ``value``; ``None`` uses the task's tolerance.
    """

    value: Value
    hint: str
    tolerance: float | None = None


@dataclass(frozen=True)
class NumericTask:
    """A task whose answer is one number.

    Parameters
    ----------
    title : str
        The task's title as in the notebook heading, e.g. ``"Task 1 · Offered load"``.
    expected : float or callable
        The right value (a callable is evaluated at every check, cache it if slow).
    tolerance : float
        Absolute tolerance, in the unit of the answer.
    what : str
        What the number is, for messages ("the offered load in Erlang").
    hint : str
        The hint for a wrong answer that matches no typical mistake.
    mistakes : tuple of Mistake
        Typical mistakes, tried in order.
    whole : bool
        The answer must be a whole number (agents, calls).
    bounds : tuple of float, optional
        ``(low, high)`` the answer must lie in, e.g. ``(0, 1)`` for a share.
    advise : callable, optional
        ``advise(answer) -> str | None``: a hint computed from the answer (e.g. the
        service level that the student's number of agents would reach), tried after
        the typical mistakes.

    Examples
    --------
    >>> task = NumericTask("Task 1 · Offered load", 18.0, 0.01, "the load in Erlang",
    ...     "calls per hour × AHT in hours", (Mistake(1080.0, "turn minutes into hours"),))
    >>> task.check(18)
    Task 1 · Offered load: correct ✔
    >>> task.check(1080)
    Task 1 · Offered load: not yet: turn minutes into hours
    """

    title: str
    expected: Value
    tolerance: float
    what: str
    hint: str
    mistakes: tuple[Mistake, ...] = ()
    whole: bool = False
    bounds: tuple[float, float] | None = None
    advise: Callable[[float], str | None] | None = field(default=None, compare=False)

    def check(self, answer: Any) -> Verdict:
        """Judge ``answer``; ``...`` is "not answered yet"."""
        return judge(self.title, answer, self._evaluate)

    __call__ = check

    def _evaluate(self, answer: Any) -> str | None:
        value = as_number(answer, self.what)
        if self.whole and value != int(value):
            return f"{self.what} is a whole number"
        if self.bounds is not None and not self.bounds[0] <= value <= self.bounds[1]:
            low, high = self.bounds
            return f"{self.what} lies between {low:g} and {high:g}"
        if close(value, _value(self.expected), self.tolerance):
            return None
        for mistake in self.mistakes:
            tolerance = self.tolerance if mistake.tolerance is None else mistake.tolerance
            if close(value, _value(mistake.value), tolerance):
                return mistake.hint
        if self.advise is not None:
            advice = self.advise(value)
            if advice is not None:
                return advice
        return self.hint
