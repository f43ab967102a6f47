"""Matching tasks: pair terms with definitions, or German terms with English ones.

The notebook lists the terms under numbers and the candidates under letters
(there may be more candidates than terms, as distractors). The student answers
with a dict ``{"1": "c", "2": "a", …}``. A wrong pairing is answered with the
first wrong pair and why it does not fit.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from crmsim.exercises.feedback import Verdict, as_key, judge


@dataclass(frozen=True)
class Matching:
    """A task answered with a dict from term keys to candidate keys.

    Parameters
    ----------
    title : str
        The task's title as in the notebook heading.
    terms : mapping of str to str
        Term key (``"1"``, ``"2"`` …) → term.
    candidates : mapping of str to str
        Candidate key (``"a"``, ``"b"`` …) → definition or translation.
    pairs : mapping of str to str
        Term key → the key of its candidate.
    reasons : mapping of str to str
        Term key → what the term means, shown when its pair is wrong.

    Examples
    --------
    >>> task = Matching("Task 9 · German and English",
    ...     {"1": "Verkehrsangebot", "2": "Erreichbarkeit"},
    ...     {"a": "offered load", "b": "service level"}, {"1": "a", "2": "b"},
    ...     {"1": "the calls in progress at once, on average"})
    >>> task.check({"1": "b", "2": "a"})
    Task 9 · German and English: not yet: 0 of 2 pairs right; Verkehrsangebot is not \
'service level': it is the calls in progress at once, on average
    """

    title: str
    terms: Mapping[str, str]
    candidates: Mapping[str, str]
    pairs: Mapping[str, str]
    reasons: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if sorted(self.pairs) != sorted(self.terms):
            raise ValueError(f"{self.title}: 'pairs' must give a candidate for every term")
        if not set(self.pairs.values()) <= set(self.candidates):
            raise ValueError(f"{self.title}: 'pairs' names a candidate that does not exist")

    def check(self, answer: Any) -> Verdict:
        """Judge a dict term key → candidate key; ``...`` is "not answered yet"."""
        return judge(self.title, answer, self._evaluate)

    __call__ = check

    def _evaluate(self, answer: Any) -> str | None:
        if not isinstance(answer, Mapping):
            example = {key: "…" for key in list(self.terms)[:2]}
            raise ValueError(f"give a dict from term numbers to letters, e.g. {example}")
        given = {
            as_key(str(term), list(self.terms), "term"): as_key(
                choice, list(self.candidates), "letter"
            )
            for term, choice in answer.items()
        }
        missing = [key for key in self.terms if key not in given]
        if missing:
            return f"pair every term; {self.terms[missing[0]]} ({missing[0]}) has no letter yet"
        chosen = list(given.values())
        twice = next((key for key in chosen if chosen.count(key) > 1), None)
        if twice is not None:
            return f"each letter fits one term only; ({twice}) is used more than once"
        wrong = [key for key in self.terms if given[key] != self.pairs[key]]
        if not wrong:
            return None
        first = wrong[0]
        meaning = self.reasons.get(first)
        reason = f"it is {meaning}" if meaning else "look again at what it means"
        right = len(self.terms) - len(wrong)
        return (
            f"{right} of {len(self.terms)} pairs right; {self.terms[first]} is not "
            f"{self.candidates[given[first]]!r}: {reason}"
        )

    def markdown(self) -> str:
        """Terms and candidates as two Markdown lists, for the task's text."""
        terms = "\n".join(f"- **{key}** {text}" for key, text in self.terms.items())
        options = "\n".join(f"- **({key})** {text}" for key, text in self.candidates.items())
        return f"{terms}\n\n{options}"
