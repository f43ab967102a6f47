"""Ordering tasks: put steps (of the closed loop, of a complaint process …) in order.

The notebook shows the steps under letters in a shuffled order; the student
answers with the letters in the right order. A wrong order is answered with the
first step out of place and why it belongs elsewhere.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from crmsim.exercises.feedback import Verdict, as_key, judge


@dataclass(frozen=True)
class Ordering:
    """A task answered with a list of step keys in the right order.

    Parameters
    ----------
    title : str
        The task's title as in the notebook heading.
    steps : mapping of str to str
        Key → step text, **in the right order** (the notebook shows them shuffled).
    reasons : mapping of str to str
        Key → why the step comes where it does; shown when it is out of place.
    shown : tuple of str
        The order in which the notebook lists the keys (default: sorted keys).

    Examples
    --------
    >>> task = Ordering("Task 8 · Closed loop",
    ...     {"b": "collect data", "a": "analyse", "c": "act"},
    ...     {"a": "analysis needs the collected data first"})
    >>> task.check(["a", "b", "c"])
    Task 8 · Closed loop: not yet: 1 of 3 in place; step 1 is not (a) analyse: \
analysis needs the collected data first
    """

    title: str
    steps: Mapping[str, str]
    reasons: Mapping[str, str] = field(default_factory=dict)
    shown: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if len(self.steps) < 2:
            raise ValueError(f"{self.title}: an ordering task needs at least two steps")
        unknown = set(self.reasons) - set(self.steps)
        if unknown:
            raise ValueError(f"{self.title}: reasons for unknown steps {sorted(unknown)}")
        if self.shown and sorted(self.shown) != sorted(self.steps):
            raise ValueError(f"{self.title}: 'shown' must list every step key once")

    def check(self, answer: Any) -> Verdict:
        """Judge a list (or tuple) of keys; ``...`` is "not answered yet"."""
        return judge(self.title, answer, self._evaluate)

    __call__ = check

    def _evaluate(self, answer: Any) -> str | None:
        known = list(self.shown or sorted(self.steps))
        if isinstance(answer, str) or not isinstance(answer, list | tuple):
            raise ValueError(f"give a list of the {len(known)} letters in order, e.g. {known!r}")
        keys = [as_key(item, known, "step") for item in answer]
        repeated = sorted({key for key in keys if keys.count(key) > 1})
        if repeated:
            return f"each step comes once; ({repeated[0]}) appears more than once"
        missing = [key for key in known if key not in keys]
        if missing:
            return f"all {len(known)} steps belong in the list; ({missing[0]}) is missing"
        right = list(self.steps)
        if keys == right:
            return None
        in_place = sum(mine == theirs for mine, theirs in zip(keys, right, strict=True))
        position = next(i for i, (a, b) in enumerate(zip(keys, right, strict=True)) if a != b)
        wrong = keys[position]
        reason = self.reasons.get(wrong, f"it is step {right.index(wrong) + 1}")
        return (
            f"{in_place} of {len(right)} in place; step {position + 1} is not "
            f"({wrong}) {self.steps[wrong]}: {reason}"
        )

    def markdown(self) -> str:
        """The steps in the shown order, as a Markdown list."""
        keys = self.shown or tuple(sorted(self.steps))
        return "\n".join(f"- **({key})** {self.steps[key]}" for key in keys)
