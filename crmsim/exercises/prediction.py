"""Predict, then simulate: commit to a guess, run the model, explain the gap.

A prediction is only worth something when it is written down before the model
runs. The task has three cells in the notebook:

1. ``prediction = ...`` and ``task.record(prediction)``: the prediction is
   stored in the notebook (any sensible number is accepted, nothing is graded);
2. a cell that runs the model (given, or written by the student);
3. ``gap = ...`` and ``task.check_gap(prediction, gap)``: the student computes
   *simulated − predicted* and this check grades it. Authors follow it with a
   :class:`~crmsim.exercises.choice.MultipleChoice` on *why* the gap exists.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from crmsim.exercises.feedback import Verdict, as_number, close, judge

RECORDED = "prediction recorded"


@dataclass(frozen=True)
class PredictThenSimulate:
    """A prediction, the model's value, and a checked question about the gap.

    Parameters
    ----------
    title : str
        The task's title as in the notebook heading.
    quantity : str
        What is predicted, with its unit ("the service level as a share").
    simulated : callable
        Computes the model's value (cache it if slow); the gap is measured to it.
    tolerance : float
        Absolute tolerance for the gap, in the unit of ``quantity``.
    bounds : tuple of float, optional
        ``(low, high)`` a sensible prediction lies in, e.g. ``(0, 1)`` for a share.

    Examples
    --------
    >>> task = PredictThenSimulate("Task 7 · Pooling", "agents", lambda: 23.0, 0.5)
    >>> task.record(30)
    Task 7 · Pooling: prediction recorded (30); now run the model
    >>> task.check_gap(30, 7)
    Task 7 · Pooling: not yet: the sign is reversed: the gap is simulated − predicted
    """

    title: str
    quantity: str
    simulated: Callable[[], float] = field(compare=False)
    tolerance: float
    bounds: tuple[float, float] | None = None

    def _prediction(self, value: Any) -> float:
        number = as_number(value, f"your prediction of {self.quantity}")
        if self.bounds is not None and not self.bounds[0] <= number <= self.bounds[1]:
            low, high = self.bounds
            raise ValueError(f"{self.quantity} lies between {low:g} and {high:g}, got {number:g}")
        return number

    def record(self, prediction: Any) -> Verdict:
        """Accept any sensible prediction; ``...`` is "not answered yet".

        The verdict's ``passed`` is True once a usable prediction is written down;
        record cells are not graded, so their output is not compared.
        """
        if prediction is Ellipsis:
            return judge(self.title, prediction, lambda _: None)
        try:
            number = self._prediction(prediction)
        except ValueError as error:
            return Verdict(self.title, False, f"not yet: could not use your prediction ({error})")
        return Verdict(self.title, True, f"{RECORDED} ({number:g}); now run the model")

    def check_gap(self, prediction: Any, gap: Any) -> Verdict:
        """Grade ``gap`` = simulated − ``prediction``; either ``...`` is "not answered yet"."""
        if prediction is Ellipsis:
            return judge(self.title, prediction, lambda _: None)

        def evaluate(value: Any) -> str | None:
            predicted = self._prediction(prediction)
            difference = as_number(value, f"the gap in {self.quantity}")
            expected = float(self.simulated()) - predicted
            if close(difference, expected, self.tolerance):
                return None
            if close(difference, -expected, self.tolerance):
                return "the sign is reversed: the gap is simulated − predicted"
            if close(difference, float(self.simulated()), self.tolerance):
                return "that is the simulated value itself; subtract your prediction from it"
            return f"subtract your prediction ({predicted:g}) from the value the model gave"

        return judge(self.title, gap, evaluate)
