"""Checks for the exercises of chapter 06 (satisfaction and complaint management).

Eleven tasks: needs against expectations, the three kinds of satisfaction, the NPS
and the CSAT top-2-box from raw answers, reading two NPS intervals, the Fraunhofer
IAO gap and what a learning company does about it, choosing the complaint policy
for A customers from the experiment, the break-even cost of personal handling,
predicting the break-even margin, and the service recovery paradox. Numbers are
computed with ``crmsim`` when a check runs; the parameters are the constants below,
which the exercise notebook states in its text.
"""

from __future__ import annotations

from functools import cache

from crmsim.analytics import (
    CustomerBase,
    PolicyEffect,
    break_even_handling_cost,
    break_even_margin,
    csat_top2_box,
    net_promoter_score,
    self_assessment_gaps,
)
from crmsim.exercises.choice import MultipleChoice, Option
from crmsim.exercises.classification import Classification
from crmsim.exercises.matching import Matching
from crmsim.exercises.numeric import Mistake, NumericTask
from crmsim.exercises.prediction import PredictThenSimulate
from crmsim.exercises.satisfaction_variants import CLASS_PARAMETERS, parameters

task_1_needs_or_expectations = Classification(
    "Task 1 · Need or expectation?",
    items={
        "1": "to be treated fairly when a parcel is lost",
        "2": "a check-in that takes less than ten minutes",
        "3": "to know that one's payment data are safe",
        "4": "an answer to an email within 24 hours",
        "5": "to be taken seriously when complaining",
        "6": "a comfortable seat on the flight",
        "7": "to pay the same price as everyone else for the same service",
        "8": "a hotline that answers within 20 seconds",
    },
    groups={"n": "need (Bedürfnis)", "e": "expectation (Erwartung)"},
    answers={"1": "n", "2": "e", "3": "n", "4": "e", "5": "n", "6": "e", "7": "n", "8": "e"},
    reasons={
        "1": "fairness is a deep, long-term need; violated, it costs the customer",
        "2": "a specific, conscious, short-term wish: an expectation",
        "3": "security is a need the customer rarely states but never gives up",
        "4": "a response time is a concrete, conscious expectation",
        "5": "appreciation is a need; a complaint is where it is tested",
        "6": "comfort on one flight is a specific, short-term expectation",
        "7": "fairness again: a need, even if nobody says it aloud",
        "8": "a waiting-time target is a specific expectation (chapter 03)",
    },
)

task_2_kinds_of_satisfaction = Matching(
    "Task 2 · Three kinds of satisfaction",
    terms={
        "1": "Produktzufriedenheit (product satisfaction)",
        "2": "Servicezufriedenheit (service satisfaction)",
        "3": "Beschwerdezufriedenheit (complaint satisfaction)",
    },
    candidates={
        "a": "the manual explains every function of the new camera clearly",
        "b": "the broken laptop was replaced two days after the customer complained",
        "c": "the old fridge was taken away for disposal when the new one came",
        "d": "the price was lower than at the competitor",
    },
    pairs={"1": "a", "2": "c", "3": "b"},
    reasons={
        "1": "the products as such and their documentation (Draeger 1999)",
        "2": "services around the product, including supply and disposal",
        "3": "how a complaint is handled and how fast",
    },
)

#: Task 3: twenty answers to "How likely are you to recommend us?" (0-10), class variant;
#: a student's own are :func:`parameters` (:mod:`crmsim.exercises.satisfaction_variants`).
NPS_ANSWERS = CLASS_PARAMETERS.nps_answers


def _nps() -> tuple[int, ...]:
    return parameters().nps_answers


def _csat() -> tuple[int, ...]:
    return parameters().csat_answers


def _share(answers: tuple[int, ...], low: int, high: int) -> float:
    return sum(low <= a <= high for a in answers) / len(answers)


task_3_nps = NumericTask(
    "Task 3 · NPS from raw answers",
    expected=lambda: net_promoter_score(_nps()).nps,
    tolerance=0.01,
    what="the NPS in points",
    hint="NPS = 100 × (share of 9–10 answers − share of 0–6 answers)",
    mistakes=(
        Mistake(
            lambda: net_promoter_score(_nps()).nps / 100,
            "give points from -100 to 100 (write 20, not 0.2)",
            tolerance=0.0001,
        ),
        Mistake(
            lambda: 100 * (_share(_nps(), 7, 10) - _share(_nps(), 0, 6)),
            "7 and 8 are passives, not promoters: promoters answer 9 or 10",
        ),
        Mistake(
            lambda: 100 * (_share(_nps(), 9, 10) - _share(_nps(), 0, 5)),
            "detractors answer 0 to 6, so the 6s count as detractors",
        ),
        Mistake(
            lambda: 100 * _share(_nps(), 9, 10),
            "that is the share of promoters; subtract the share of detractors",
        ),
        Mistake(lambda: 10 * sum(_nps()) / len(_nps()), "the NPS is not a mean score"),
    ),
)

#: Task 4: CSAT answers after twelve contacts (1-5), class variant.
CSAT_ANSWERS = CLASS_PARAMETERS.csat_answers

task_4_top2 = NumericTask(
    "Task 4 · CSAT top-2-box",
    expected=lambda: csat_top2_box(_csat()).value,
    tolerance=0.001,
    what="the top-2-box as a share",
    hint="count the answers 4 and 5 and divide by all answers",
    bounds=(0.0, 1.0),
    mistakes=(
        Mistake(lambda: _share(_csat(), 3, 5), "3 is neutral: the top two boxes are 4 and 5"),
        Mistake(lambda: _share(_csat(), 5, 5), "that is the top box only; count 4 and 5"),
        Mistake(lambda: sum(_csat()) / len(_csat()) / 5, "not the mean score ÷ 5"),
    ),
)

task_5_two_years = MultipleChoice(
    "Task 5 · Did satisfaction fall?",
    {
        "a": Option(
            "Yes: the NPS fell by one point, so customers recommend the company less.",
            "one point is far inside the intervals; with about 550 answers a year, chance alone "
            "moves the NPS by several points",
        ),
        "b": Option(
            "No evidence either way: the intervals overlap almost completely.",
            "right: report the NPS with its interval and compare intervals, not points",
        ),
        "c": Option(
            "Yes: the lower bound of the interval fell from 6.5 to 5.0.",
            "the bounds move with chance just like the estimate",
        ),
        "d": Option(
            "NPS values of different years cannot be compared at all.",
            "they can, with their intervals; here the difference is just too small to tell",
        ),
    },
    correct="b",
)


def largest_gap_pp() -> float:
    """The largest gap (percentage points) of the Fraunhofer IAO 1999 survey."""
    return float(self_assessment_gaps().iloc[0]["gap_pp"])


task_6_iao_gap = NumericTask(
    "Task 6 · The largest IAO gap",
    expected=largest_gap_pp,
    tolerance=0.01,
    what="the gap in percentage points",
    hint="the gap is the firms' self-assessment minus the customers' rating",
    mistakes=(
        Mistake(0.32, "give percentage points (32), not a share", tolerance=0.001),
        Mistake(74.0, "that is the firms' self-assessment; subtract the customers' 42 %"),
        Mistake(42.0, "that is the customers' rating; subtract it from the self-assessment"),
        Mistake(-32.0, "the sign is reversed: self-assessment minus customers' view"),
        Mistake(29.0, "openness to suggestions has a large gap, but not the largest"),
    ),
)

task_7_learning_company = MultipleChoice(
    "Task 7 · What a learning company does",
    {
        "a": Option(
            "Improve product quality first, because products matter most.",
            "product quality is where firms and customers agree (89 % and 88 %)",
        ),
        "b": Option(
            "Trust the self-assessment: managers know the processes better than customers.",
            "the gap shows exactly that the self-image is not what customers experience",
        ),
        "c": Option(
            "Feed the customers' experience of the processes back and change the processes.",
            "right: the feedback loop (IFH 2001) is the precondition of a learning company",
        ),
        "d": Option(
            "Run an image campaign to raise the customers' rating.",
            "a campaign changes no process; the experience stays the same",
        ),
    },
    correct="c",
)

task_8_policy_for_a = MultipleChoice(
    "Task 8 · A complaint policy for A customers",
    {
        "a": Option(
            "Personal handling, because its churn estimate is the lowest.",
            "the goal is profit: at an A margin of about 410 EUR a year the extra cost per "
            "complaint is not earned back within two years",
        ),
        "b": Option(
            "Doing nothing, because all A-customer intervals overlap.",
            "doing nothing loses clearly more A customers: its interval lies above the "
            "personal one",
        ),
        "c": Option(
            "Standardised handling: it keeps far more A customers than doing nothing and costs "
            "much less than personal handling, whose extra effect does not pay at this margin.",
            "right: read the intervals, then weigh the customers kept against the cost",
        ),
        "d": Option(
            "No conclusion: the policy was not drawn at random within the value classes.",
            "it was drawn for every complaint, so within each class the groups are random too",
        ),
    },
    correct="c",
)

#: Task 9 of the class variant: effects of the policies (rounded from the pooled experiment)
#: and a customer's value; a student's own are in :func:`parameters`.
STANDARDISED_COST_EUR = CLASS_PARAMETERS.standardised_cost_eur
STANDARDISED_CHURN = CLASS_PARAMETERS.standardised_churn
PERSONAL_CHURN = CLASS_PARAMETERS.personal_churn
CUSTOMER_VALUE_EUR = CLASS_PARAMETERS.customer_value_eur


def break_even_cost_eur() -> float:
    """Highest cost per complaint at which personal handling pays against standardised, with
    the active variant's figures."""
    my = parameters()
    return break_even_handling_cost(
        my.standardised_cost_eur, my.standardised_churn, my.personal_churn, my.customer_value_eur
    )


def _kept_value_eur() -> float:
    my = parameters()
    return (my.standardised_churn - my.personal_churn) * my.customer_value_eur


task_9_break_even_cost = NumericTask(
    "Task 9 · Break-even cost of personal handling",
    expected=break_even_cost_eur,
    tolerance=0.05,
    what="the cost per complaint in EUR",
    hint="cost of standardised handling + (churn standardised − churn personal) × customer value",
    mistakes=(
        Mistake(
            _kept_value_eur,
            "that is what personal handling may cost *more*; add the standardised cost",
        ),
        Mistake(
            lambda: parameters().standardised_cost_eur + 100 * _kept_value_eur(),
            "use the churn difference as a share (such as 0.11), not in points",
            tolerance=1.0,
        ),
        Mistake(
            lambda: parameters().standardised_cost_eur - _kept_value_eur(),
            "keeping more customers is worth money, so it raises the affordable cost",
        ),
    ),
)

#: Task 10: policy effects and a customer base for the break-even margin.
EFFECTS = {
    "none": PolicyEffect(2.0, 0.54),
    "standardised": PolicyEffect(25.0, 0.39),
    "personal": PolicyEffect(83.0, 0.28),
}
BASE = CustomerBase(
    customers=2000,
    margin_per_customer_year_eur=300.0,
    complaints_per_customer_year=0.15,
    churn_per_year=0.18,
    years=2,
)


@cache
def simulated_break_even_eur() -> float:
    """Break-even margin (EUR per customer-year) of personal against standardised handling."""
    return break_even_margin(EFFECTS, BASE, seed=1)


task_10_break_even_prediction = PredictThenSimulate(
    "Task 10 · Predict, then simulate: the break-even margin",
    quantity="the break-even margin in EUR per customer-year",
    simulated=simulated_break_even_eur,
    tolerance=0.5,
    bounds=(0.0, 100_000.0),
)

task_11_service_recovery = MultipleChoice(
    "Task 11 · Service recovery",
    {
        "a": Option(
            "The paradox holds: personally recovered customers churn less than customers "
            "without a problem.",
            "they churn more (about 24 % against 16 % a year); recovery repairs, it does not "
            "improve",
        ),
        "b": Option(
            "Recovered customers churn less than unresolved ones but more than customers "
            "without a problem.",
            "right: good handling repairs most of the damage, and the model gives no lasting bonus",
        ),
        "c": Option(
            "Resolved and unresolved complaints end in the same churn.",
            "unresolved complaints double the churn (about 49 % a year)",
        ),
        "d": Option(
            "The simulation proves that real customers show no paradox.",
            "the model cannot produce a paradox by design; the data only echo its assumptions",
        ),
    },
    correct="b",
)

TASKS = [
    task_1_needs_or_expectations,
    task_2_kinds_of_satisfaction,
    task_3_nps,
    task_4_top2,
    task_5_two_years,
    task_6_iao_gap,
    task_7_learning_company,
    task_8_policy_for_a,
    task_9_break_even_cost,
    task_10_break_even_prediction,
    task_11_service_recovery,
]
