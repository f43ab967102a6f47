"""Multiple-choice tasks: one right option, and an explanation for every wrong one.

The wrong options are misconceptions a student may really hold, so each one's
explanation says why it is wrong; choosing it shows that sentence.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from crmsim.exercises.feedback import Verdict, as_key, judge


@dataclass(frozen=True)
class Option:
    """One option of a multiple-choice task.

    Parameters
    ----------
    text : str
        The option as the student reads it.
    explanation : str
        Why it is wrong (for the right option: why it is right; shown in the
        solution, not in the verdict).
    """

    text: str
    explanation: str


@dataclass(frozen=True)
class MultipleChoice:
    """A task answered with the key of one option (``"a"``, ``"b"`` …).

    Parameters
    ----------
    title : str
        The task's title as in the notebook heading.
    options : mapping of str to Option
        Options by key, in the order shown.
    correct : str
        The key of the right option.

    Raises
    ------
    ValueError
        When ``correct`` is not a key, there are fewer than two options, or a wrong
        option has no explanation.

    Examples
    --------
    >>> task = MultipleChoice("Task 7 · Pooling", {
    ...     "a": Option("Random peaks even out in a larger group", "right"),
    ...     "b": Option("Agents in a larger group work faster", "handle times stay the same"),
    ... }, correct="a")
    >>> task.check("b")
    Task 7 · Pooling: not yet: (b) is not it: handle times stay the same
    """

    title: str
    options: Mapping[str, Option]
    correct: str

    def __post_init__(self) -> None:
        if self.correct not in self.options:
            raise ValueError(f"{self.title}: the correct key {self.correct!r} is not an option")
        if len(self.options) < 2:
            raise ValueError(f"{self.title}: a multiple-choice task needs at least two options")
        for key, option in self.options.items():
            if not option.explanation.strip():
                raise ValueError(f"{self.title}: option {key!r} has no explanation")

    def check(self, answer: Any) -> Verdict:
        """Judge the chosen key; ``...`` is "not answered yet"."""
        return judge(self.title, answer, self._evaluate)

    __call__ = check

    def _evaluate(self, answer: Any) -> str | None:
        key = as_key(answer, list(self.options), "option")
        if key == self.correct:
            return None
        return f"({key}) is not it: {self.options[key].explanation}"

    def markdown(self) -> str:
        """The options as a Markdown list, for the task's text in the notebook."""
        return "\n".join(f"- **({key})** {option.text}" for key, option in self.options.items())
