"""The numbers of the chapter 06 exercises, per variant (class variant or a student's).

A student's variant changes the survey answers of tasks 3 and 4: 40 to 99 answers to
the recommendation question (0–10) for the NPS, and 30 to 149 CSAT ratings (1–5) for
the top-2-box. They are drawn with the frequencies of the class variant's answers
(the CSAT ratings with frequencies tilted a little for each student), and every
variant has promoters, passives and detractors, satisfied and dissatisfied customers.
It also changes the complaint figures of task 9 (the cost of standardised handling,
the churn after standardised and after personal handling, a kept customer's value),
drawn from a stream of their own. The class variant holds the numbers printed in the
exercise notebook (twenty and twelve answers; 25 EUR, 39 %, 28 %, 800 EUR).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from functools import cache

import numpy as np

from crmsim.exercises.variants import Variant, active_variant


@dataclass(frozen=True)
class SatisfactionParameters:
    """The numbers of one variant of the chapter 06 exercises.

    Attributes
    ----------
    nps_answers : tuple of int
        Answers to "How likely are you to recommend us?" (0–10), task 3.
    csat_answers : tuple of int
        CSAT ratings (1 very dissatisfied … 5 very satisfied), task 4.
    standardised_cost_eur : float
        Task 9: cost of standardised complaint handling, EUR per complaint.
    standardised_churn : float
        Task 9: share of complainers who leave within a year after standardised handling.
    personal_churn : float
        Task 9: the same share after personal handling.
    customer_value_eur : float
        Task 9: what a kept customer is worth (margin of the rest of the relationship), EUR.
    """

    nps_answers: tuple[int, ...]
    csat_answers: tuple[int, ...]
    standardised_cost_eur: float = 25.0
    standardised_churn: float = 0.39
    personal_churn: float = 0.28
    customer_value_eur: float = 800.0

    def as_dict(self) -> dict[str, tuple[int, ...]]:
        """The parameters by name, for tables and the lecturer's key."""
        return asdict(self)

    def _repr_markdown_(self) -> str:
        rows = [
            ("Task 3: recommendation answers (0–10)", ", ".join(map(str, self.nps_answers))),
            ("Task 4: CSAT ratings (1–5)", ", ".join(map(str, self.csat_answers))),
            ("Task 9: standardised handling", f"{self.standardised_cost_eur:g} EUR a complaint"),
            ("Task 9: leave after standardised handling", f"{self.standardised_churn:.0%}"),
            ("Task 9: leave after personal handling", f"{self.personal_churn:.0%}"),
            ("Task 9: value of a kept customer", f"{self.customer_value_eur:,.0f} EUR"),
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
    more = int(rng.integers(37, 97))
    nps += [int(answer) for answer in rng.choice(CLASS_PARAMETERS.nps_answers, more)]
    csat = [int(rng.integers(4, 6)), int(rng.integers(1, 4))]
    more = int(rng.integers(28, 148))
    # Each student's contact center is rated a little better or worse than the class's:
    # rating frequencies drawn around the class's (a Dirichlet with 20 answers' weight).
    counts = np.bincount(CLASS_PARAMETERS.csat_answers, minlength=6)[1:]
    weights = rng.dirichlet(20 * counts / counts.sum() + 0.5)
    csat += [int(answer) for answer in rng.choice(np.arange(1, 6), more, p=weights)]
    complaints = variant.rng("satisfaction-complaints")
    return SatisfactionParameters(
        nps_answers=tuple(int(answer) for answer in rng.permutation(nps)),
        csat_answers=tuple(int(answer) for answer in rng.permutation(csat)),
        standardised_cost_eur=float(complaints.integers(15, 41)),
        standardised_churn=int(complaints.integers(33, 46)) / 100,
        personal_churn=int(complaints.integers(20, 31)) / 100,
        customer_value_eur=float(complaints.integers(50, 121)) * 10.0,
    )


def parameters() -> SatisfactionParameters:
    """The chapter 06 numbers of the active variant (see :func:`crmsim.exercises.start`)."""
    return parameters_of(active_variant())
