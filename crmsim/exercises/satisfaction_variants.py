"""The numbers of the chapter 06 exercises, per variant (class variant or a student's).

A student's variant changes the survey answers of tasks 3 and 4: twenty answers to
the recommendation question (0–10) for the NPS, and twelve CSAT ratings (1–5) for the
top-2-box. They are drawn with the frequencies of the class variant's answers, so
every variant has promoters, passives and detractors. The class variant holds the
answers printed in the exercise notebook.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from functools import cache

from crmsim.exercises.variants import Variant, active_variant


@dataclass(frozen=True)
class SatisfactionParameters:
    """The numbers of one variant of the chapter 06 exercises.

    Attributes
    ----------
    nps_answers : tuple of int
        Twenty answers to "How likely are you to recommend us?" (0–10), task 3.
    csat_answers : tuple of int
        Twelve CSAT ratings (1 very dissatisfied … 5 very satisfied), task 4.
    """

    nps_answers: tuple[int, ...]
    csat_answers: tuple[int, ...]

    def as_dict(self) -> dict[str, tuple[int, ...]]:
        """The parameters by name, for tables and the lecturer's key."""
        return asdict(self)

    def _repr_markdown_(self) -> str:
        rows = [
            ("Task 3: recommendation answers (0–10)", ", ".join(map(str, self.nps_answers))),
            ("Task 4: CSAT ratings (1–5)", ", ".join(map(str, self.csat_answers))),
        ]
        lines = ["| Your numbers | |", "|:--|--:|"]
        lines += [f"| {name} | {value} |" for name, value in rows]
        return "\n".join(lines)


#: The class variant: the answers printed in the exercise notebook.
CLASS_PARAMETERS = SatisfactionParameters(
    nps_answers=(10, 9, 8, 7, 9, 10, 6, 3, 8, 9, 7, 10, 5, 9, 8, 2, 10, 9, 7, 6),
    csat_answers=(5, 4, 3, 4, 2, 5, 1, 4, 3, 5, 4, 3),
)


@cache
def parameters_of(variant: Variant) -> SatisfactionParameters:
    """The chapter 06 numbers of ``variant`` (the class variant's are :data:`CLASS_PARAMETERS`)."""
    if variant.is_class_variant:
        return CLASS_PARAMETERS
    rng = variant.rng("satisfaction")
    # One answer of each group for sure, the rest drawn from the class's answers.
    nps = [int(rng.integers(9, 11)), int(rng.integers(7, 9)), int(rng.integers(0, 7))]
    nps += [int(answer) for answer in rng.choice(CLASS_PARAMETERS.nps_answers, 17)]
    csat = [int(rng.integers(4, 6)), int(rng.integers(1, 4))]
    csat += [int(answer) for answer in rng.choice(CLASS_PARAMETERS.csat_answers, 10)]
    return SatisfactionParameters(
        nps_answers=tuple(int(answer) for answer in rng.permutation(nps)),
        csat_answers=tuple(int(answer) for answer in rng.permutation(csat)),
    )


def parameters() -> SatisfactionParameters:
    """The chapter 06 numbers of the active variant (see :func:`crmsim.exercises.start`)."""
    return parameters_of(active_variant())
