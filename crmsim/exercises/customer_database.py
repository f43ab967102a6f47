"""Checks for the exercises of chapter 02 (the customer database and analytical CRM).

Thirteen tasks: the four data kinds, a SQL query on the warehouse, the top-20 %
revenue share, a customer's ABC class, an RFM segment rule, a customer in the
value × satisfaction portfolio, the meaning of a BG/NBD parameter, P(alive) of
two customers and why they differ, the churn model's top-decile lift, a leaking
feature, the profiling cycle, and an open task checked against the hidden truth.
Expected values are computed from the committed warehouse in ``data/`` when a
check runs; the parameters are those of the active variant (:func:`parameters`, see
:mod:`crmsim.exercises.customer_database_variants`); the class variant's are the
constants below, which the exercise notebook states in its text.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd

from crmsim.analytics import (
    abc_classes,
    churn_features,
    churn_labels,
    customer_value,
    fit_churn_models,
    probability_alive,
    top_decile_lift,
    top_share,
)
from crmsim.analytics.clv_simulation import CDNOW_PARAMETERS
from crmsim.exercises.choice import MultipleChoice, Option
from crmsim.exercises.customer_database_variants import CLASS_PARAMETERS, parameters
from crmsim.exercises.feedback import Verdict, judge
from crmsim.exercises.matching import Matching
from crmsim.exercises.numeric import Mistake, NumericTask
from crmsim.exercises.ordering import Ordering

#: Task 4 of the class variant: the customer whose ABC class is asked.
ABC_CUSTOMER = CLASS_PARAMETERS.abc_customer
#: Tasks 8-9 of the class variant: two customers of the CDNOW cohort, in weeks.
FREQUENCY, RECENCY_A, RECENCY_B, AGE_T = 4, 32.0, 8.0, 39.0
#: Task 10: the churn model of the chapter (the seed is the class variant's).
CHURN_CUTOFF, CHURN_MONTHS, CHURN_SEED = "2025-01-01", 6, CLASS_PARAMETERS.churn_seed
#: Task 13: how many suspects, and the precision against the truth they must reach.
SUSPECTS, MIN_PRECISION = 50, 0.8


def __getattr__(name: str) -> Path:
    """``DATA``: the warehouse of the active variant. For the class variant the committed
    warehouse (``crmsim generate --customers 3000 --years 2 --seed 2024``), the folder
    ``data`` in the working folder or the nearest folder above it; for a student their own
    small warehouse (:func:`crmsim.exercises.student_data.student_dataset`)."""
    if name == "DATA":
        from crmsim.exercises.student_data import student_dataset

        return student_dataset()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _tables() -> dict[str, pd.DataFrame]:
    return _tables_in(__getattr__("DATA"))


@cache
def _tables_in(folder: Path) -> dict[str, pd.DataFrame]:
    from crmsim.warehouse.reading import read_table

    names = ("fact_order", "dim_customer", "truth_customer", "fact_interaction",
             "fact_complaint", "fact_survey_response", "fact_customer_month")  # fmt: skip
    return {name: read_table(name, folder) for name in names}


def revenue_by_region() -> pd.DataFrame:
    """Task 2's expected result: revenue (EUR) per region, largest first."""
    return _revenue_by_region(__getattr__("DATA"))


@cache
def _revenue_by_region(folder: Path) -> pd.DataFrame:
    tables = _tables_in(folder)
    region = tables["dim_customer"].set_index("customer_id")["region"]
    orders = tables["fact_order"]
    revenue = orders["revenue_eur"].groupby(orders["customer_id"].map(region)).sum()
    frame = revenue.sort_values(ascending=False).rename("revenue_eur").reset_index()
    return frame.rename(columns={"customer_id": "region", "index": "region"})


@dataclass(frozen=True)
class FrameTask:
    """A task answered with a DataFrame, compared column by column with the expected one."""

    title: str
    expected: Callable[[], pd.DataFrame] = field(compare=False)
    tolerance: float

    def check(self, answer: Any) -> Verdict:
        """Judge ``answer``; ``...`` is "not answered yet"."""
        return judge(self.title, answer, self._evaluate)

    __call__ = check

    def _evaluate(self, answer: Any) -> str | None:
        expected = self.expected()
        if not isinstance(answer, pd.DataFrame):
            raise ValueError(
                f"expected a DataFrame (the query's .df()), got {type(answer).__name__}"
            )
        missing = [column for column in expected.columns if column not in answer.columns]
        if missing:
            return f"the result needs the columns {', '.join(expected.columns)}; missing {missing}"
        if len(answer) != len(expected):
            return f"expected one row per region ({len(expected)} rows), got {len(answer)}"
        got = answer[list(expected.columns)].reset_index(drop=True)
        if set(got.iloc[:, 0]) != set(expected.iloc[:, 0]):
            return "the regions differ: group by dim_customer.region after joining on customer_id"
        if not (got.iloc[:, 0] == expected.iloc[:, 0]).all():
            return "sort the rows by revenue_eur, largest first (ORDER BY revenue_eur DESC)"
        if (got["revenue_eur"] - expected["revenue_eur"]).abs().max() > self.tolerance:
            return "the sums differ: add up fact_order.revenue_eur (all order lines) per region"
        return None


@dataclass(frozen=True)
class LabelTask:
    """A task answered with one label out of a few (an ABC class, a field name)."""

    title: str
    expected: Callable[[], str] = field(compare=False)
    labels: tuple[str, ...]
    hints: dict[str, str]

    def check(self, answer: Any) -> Verdict:
        """Judge ``answer``; ``...`` is "not answered yet"."""
        return judge(self.title, answer, self._evaluate)

    __call__ = check

    def _evaluate(self, answer: Any) -> str | None:
        if not isinstance(answer, str) or answer.strip().upper() not in self.labels:
            raise ValueError(f"give one of {', '.join(self.labels)} as a string, got {answer!r}")
        label = answer.strip().upper()
        if label == self.expected():
            return None
        return self.hints.get(label, "look the customer up in the table of abc_classes")


@dataclass(frozen=True)
class SuspectsTask:
    """The open task: name customers who have left; graded by precision against the truth."""

    title: str
    count: int
    min_precision: float

    def check(self, answer: Any) -> Verdict:
        """Judge ``answer``; ``...`` is "not answered yet"."""
        return judge(self.title, answer, self._evaluate)

    __call__ = check

    def _evaluate(self, answer: Any) -> str | None:
        if isinstance(answer, pd.Index | pd.Series):
            answer = answer.tolist()
        if not isinstance(answer, list | tuple):
            raise ValueError(
                f"give a list of {self.count} customer ids, got {type(answer).__name__}"
            )
        ids = {int(item) for item in answer}
        if len(ids) != self.count or len(answer) != self.count:
            return f"name exactly {self.count} different customers, got {len(ids)}"
        truth = _tables()["truth_customer"].set_index("customer_id")
        unknown = ids - set(truth.index)
        if unknown:
            return f"customer ids not in the data: {sorted(unknown)[:5]}"
        precision = float((~truth.loc[sorted(ids), "is_active_at_end"]).mean())
        if precision >= self.min_precision:
            return None
        return (
            f"{precision:.0%} of your customers have really left, {self.min_precision:.0%} needed; "
            "a long silence means more from a customer who used to buy often"
        )


task_1_data_kinds = Matching(
    "Task 1 · Four kinds of customer data",
    terms={
        "1": "Grunddaten (master data)",
        "2": "Potenzialdaten (potential data)",
        "3": "Aktionsdaten (action data)",
        "4": "Reaktionsdaten (reaction data)",
    },
    candidates={
        "a": "the customer was sent the spring cross-selling mailing",
        "b": "the customer's estimated yearly spend on electronics at all sellers",
        "c": "the customer's postcode and date of acquisition",
        "d": "the customer ordered a laptop after the mailing",
        "e": "the average order value of all customers in the region",
    },
    pairs={"1": "c", "2": "b", "3": "a", "4": "d"},
    reasons={
        "1": "who the customer is: name, address, type, when won",
        "2": "what the customer could spend, often an estimate bought from outside",
        "3": "what the company did to the customer",
        "4": "what the customer did in return",
    },
)

task_2_sql_revenue_by_region = FrameTask(
    "Task 2 · SQL: revenue per region", expected=revenue_by_region, tolerance=0.01
)


def _revenue() -> pd.Series:
    return customer_value(_tables()["fact_order"], "revenue")


def _top20_with_non_buyers() -> float:
    everyone = _tables()["dim_customer"]["customer_id"]
    return top_share(_revenue().reindex(everyone, fill_value=0.0), 0.2)


task_3_top20_share = NumericTask(
    "Task 3 · The top 20 %",
    expected=lambda: top_share(_revenue(), 0.2),
    # Shares of different students' data can lie within 0.0001 of each other, so only
    # the computed (unrounded) share passes; a neighbour's almost never lies that close.
    tolerance=1e-6,
    what="the revenue share of the top 20 % of buyers (as computed, not rounded)",
    hint="sort the buyers by revenue, take the top 20 % and divide their revenue by the total",
    bounds=(0.0, 1.0),
    mistakes=(
        Mistake(0.8, "0.8 is the Pareto rule's claim, not what the data say: measure it"),
        Mistake(
            lambda: 1 - top_share(_revenue(), 0.8),
            "that is the share of the *bottom* 20 %: sort from the highest revenue down",
        ),
        Mistake(
            _top20_with_non_buyers,
            "count buyers only: people without any order are not part of the 100 %",
        ),
    ),
)


def _abc_class() -> str:
    return str(abc_classes(_revenue()).loc[parameters().abc_customer, "abc_class"])


task_4_abc_class = LabelTask(
    "Task 4 · The ABC class of one customer",
    expected=_abc_class,
    labels=("A", "B", "C"),
    hints={
        "A": "A ends where the cumulative share passes 80 %; this customer comes later",
        "C": "C starts only after 95 % of the revenue; this customer comes earlier",
    },
)

task_5_rfm_rule = MultipleChoice(
    "Task 5 · An RFM segment rule",
    {
        "a": Option(
            "champions, because F and M are high",
            "champions also need a recent order: R ≥ 4",
        ),
        "b": Option(
            "loyal, because FM is at least 3",
            "loyal needs R ≥ 3; this customer's last order is long ago (R = 2)",
        ),
        "c": Option(
            "at risk: a valuable customer who has gone quiet",
            "right: R ≤ 2 and FM = round(4.5) = 5 ≥ 3",
        ),
        "d": Option(
            "hibernating, because R = 2",
            "hibernating is R = 2 with FM ≤ 2; this customer bought often and much",
        ),
    },
    correct="c",
)

task_6_portfolio = MultipleChoice(
    "Task 6 · Place a customer in the portfolio",
    {
        "a": Option(
            "Key customer: keep and develop with personal contact",
            "the value is high, but satisfaction 3.5 is below the threshold of 7",
        ),
        "b": Option(
            "Risk customer: find and fix the cause, personal retention offer",
            "right: high value, low satisfaction; act here first",
        ),
        "c": Option(
            "Ballast customer: serve efficiently, no over-servicing",
            "ballast customers are satisfied but of low value; this one is valuable and unhappy",
        ),
        "d": Option(
            "Critical customer: standard service, accept that some leave",
            "critical customers are of low value; 4,800 EUR is above the threshold",
        ),
    },
    correct="b",
)

task_7_bgnbd_parameter = MultipleChoice(
    "Task 7 · What a/(a + b) means",
    {
        "a": Option(
            "A quarter of the customers are already inactive.",
            "that would be a share of customers; a/(a+b) is a mean probability per purchase",
        ),
        "b": Option(
            "After a purchase, a customer drops out with probability 0.25 on average.",
            "right: p ~ Beta(a, b) is the drop-out chance after each purchase; its mean is a/(a+b)",
        ),
        "c": Option(
            "An active customer buys 0.25 times per week.",
            "the purchase rate is described by r and alpha (mean r/alpha ≈ 0.055 a week)",
        ),
        "d": Option(
            "A quarter of all purchases are repeat purchases.",
            "the model says nothing about that share directly",
        ),
    },
    correct="b",
)


def _p_alive(recency: float) -> float:
    my = parameters()
    return float(probability_alive(CDNOW_PARAMETERS, my.frequency, recency, my.age_t))


def p_alive_gap() -> float:
    """P(alive) of customer A (recent last purchase) minus that of customer B."""
    return _p_alive(parameters().recency_a) - _p_alive(parameters().recency_b)


task_8_p_alive = NumericTask(
    "Task 8 · P(alive) of two customers",
    expected=p_alive_gap,
    tolerance=0.002,
    what="P(alive) of A minus P(alive) of B",
    hint="compute P(alive) of each with crmsim.analytics.probability_alive and subtract B from A",
    bounds=(-1.0, 1.0),
    mistakes=(
        Mistake(lambda: -p_alive_gap(), "the sign is reversed: A minus B"),
        Mistake(
            lambda: _p_alive(parameters().recency_a),
            "that is P(alive) of A alone; subtract P(alive) of B",
        ),
    ),
)

task_9_why_p_alive = MultipleChoice(
    "Task 9 · Why they differ",
    {
        "a": Option(
            "B bought less often, so B is less valuable.",
            "both made the same number of repeat purchases: the frequency is the same",
        ),
        "b": Option(
            "B's purchases came early and then nothing for many weeks; for a customer who "
            "bought that often, such a silence is unlikely unless B has dropped out.",
            "right: the same frequency makes the long silence since the last purchase telling",
        ),
        "c": Option(
            "B is older (larger T), and older customers are more likely to have left.",
            "both have the same age T",
        ),
        "d": Option(
            "P(alive) is random; with other data the order could flip.",
            "P(alive) is a formula of x, t_x and T given the fitted parameters; nothing is drawn",
        ),
    },
    correct="b",
)


def chapter_lift() -> float:
    """The top-decile lift of the chapter's logistic churn model (the active variant's seed)."""
    return _lift(parameters().churn_seed, __getattr__("DATA"))


@cache
def _lift(seed: int, folder: Path) -> float:
    tables = _tables_in(folder)
    features = churn_features(tables, CHURN_CUTOFF)
    labels = churn_labels(tables, features.index, CHURN_CUTOFF, CHURN_MONTHS)
    models = fit_churn_models(features, labels, seed=seed)
    return float(top_decile_lift(models.test["churned"], models.test["logistic_score"]))


task_10_top_decile_lift = NumericTask(
    "Task 10 · Top-decile lift",
    expected=chapter_lift,
    tolerance=0.01,
    what="the top-decile lift",
    hint="lift = churn rate among the 10 % highest scores ÷ churn rate of all held-out customers",
    mistakes=(
        Mistake(
            lambda: chapter_lift() / 10,
            "that is the share of all churners in the top decile; divide by 0.1",
        ),
    ),
    advise=lambda value: (
        "a lift below 1 would be worse than random: did you sort the lowest scores first?"
        if value < 1
        else None
    ),
)

task_11_leaking_feature = MultipleChoice(
    "Task 11 · Spot the leaking feature",
    {
        "a": Option(
            "tenure: days from acquisition to 1 January 2025",
            "known at the cut-off; it uses nothing later",
        ),
        "b": Option(
            "mean CSAT of the survey answers given in 2024",
            "answers before the cut-off are fair game",
        ),
        "c": Option(
            "total revenue of the customer over both years, 2024 and 2025",
            "right: 2025 is after the cut-off; whoever churns buys less in 2025, so the "
            "feature knows the label",
        ),
        "d": Option(
            "the last NPS answer before 1 January 2025",
            "known at the cut-off; missing answers get a neutral default",
        ),
    },
    correct="c",
)

task_12_profiling_cycle = Ordering(
    "Task 12 · The profiling cycle",
    steps={
        "s": "select the data (Datenauswahl)",
        "p": "prepare (Aufbereitung)",
        "a": "analyse (Analyse)",
        "n": "new actions (neue Aktionen)",
        "r": "results (Ergebnisse)",
        "f": "feedback (Feedback)",
    },
    reasons={
        "s": "the question decides which customers, period and tables",
        "p": "join and clean before any analysis",
        "a": "only prepared data can be analysed",
        "n": "the analysis leads to an action: a campaign, an offer",
        "r": "the action's results are measured",
        "f": "the reactions flow back and start the next cycle",
    },
)

task_13_find_churners = SuspectsTask(
    "Task 13 · Open task: find customers who have left",
    count=SUSPECTS,
    min_precision=MIN_PRECISION,
)

TASKS = [
    task_1_data_kinds,
    task_2_sql_revenue_by_region,
    task_3_top20_share,
    task_4_abc_class,
    task_5_rfm_rule,
    task_6_portfolio,
    task_7_bgnbd_parameter,
    task_8_p_alive,
    task_9_why_p_alive,
    task_10_top_decile_lift,
    task_11_leaking_feature,
    task_12_profiling_cycle,
    task_13_find_churners,
]
