"""Classification tasks: sort several items into a few groups (several items per group).

Unlike :class:`~crmsim.exercises.matching.Matching`, where every candidate fits one term
only, a classification puts many items into each group: statements to "CRM" or
"traditional marketing", wishes to "need" or "expectation". Each item carries the reason
shown when it is sorted wrongly.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from crmsim.exercises.feedback import Verdict, as_key, judge


@dataclass(frozen=True)
class Classification:
    """A task answered with a dict from item keys to group letters (several items per group).

    Parameters
    ----------
    title : str
        The task's title as in the notebook heading.
    items : mapping of str to str
        Item key (``"1"``, ``"2"`` …) → statement.
    groups : mapping of str to str
        Group letter → group name (e.g. ``"c"`` → ``"CRM"``).
    answers : mapping of str to str
        Item key → its group letter.
    reasons : mapping of str to str
        Item key → why it belongs where it does; shown when it is sorted wrongly.

    Examples
    --------
    >>> task = Classification("Task 1 · Sort", {"1": "dialogue", "2": "one-way"},
    ...     {"c": "CRM", "t": "traditional"}, {"1": "c", "2": "t"},
    ...     {"2": "influence runs from seller to buyer only"})
    >>> task.check({"1": "c", "2": "c"})
    Task 1 · Sort: not yet: 1 of 2 right; one-way is not CRM: influence runs from seller \
to buyer only
    """

    title: str
    items: Mapping[str, str]
    groups: Mapping[str, str]
    answers: Mapping[str, str]
    reasons: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if sorted(self.answers) != sorted(self.items):
            raise ValueError(f"{self.title}: 'answers' must give a group for every item")
        if not set(self.answers.values()) <= set(self.groups):
            raise ValueError(f"{self.title}: 'answers' names a group that does not exist")

    def check(self, answer: Any) -> Verdict:
        """Judge a dict item key → group letter; ``...`` is "not answered yet"."""
        return judge(self.title, answer, self._evaluate)

    __call__ = check

    def _evaluate(self, answer: Any) -> str | None:
        if not isinstance(answer, Mapping):
            example = {key: next(iter(self.groups)) for key in list(self.items)[:2]}
            raise ValueError(f"give a dict from item numbers to letters, e.g. {example}")
        given = {
            as_key(str(item), list(self.items), "item"): as_key(group, list(self.groups), "letter")
            for item, group in answer.items()
        }
        missing = [key for key in self.items if key not in given]
        if missing:
            return f"sort every item; ({missing[0]}) {self.items[missing[0]]} has no letter yet"
        wrong = [key for key in self.items if given[key] != self.answers[key]]
        if not wrong:
            return None
        first = wrong[0]
        reason = self.reasons.get(first, "look at the chapter's table again")
        right = len(self.items) - len(wrong)
        return (
            f"{right} of {len(self.items)} right; {self.items[first]} is not "
            f"{self.groups[given[first]]}: {reason}"
        )

    def markdown(self) -> str:
        """Items and groups as two Markdown lists, for the task's text."""
        items = "\n".join(f"- **{key}** {text}" for key, text in self.items.items())
        groups = "\n".join(f"- **({key})** {text}" for key, text in self.groups.items())
        return f"{items}\n\n{groups}"
