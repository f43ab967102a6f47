"""Checks for the exercises of chapter 01 (CRM foundations).

Eleven tasks: sorting statements to CRM or traditional marketing, the definition,
the goal hierarchy, the acquisition/retention ratio from given figures, the leaky
bucket (predict, then compute; why it settles; which lever pays), the components
of a CRM system, xRM against CEM, the core elements, and reading a measured ratio
with its interval. Numbers are computed with ``crmsim`` when a check runs; the
parameters are the constants below, which the exercise notebook states in its text.
"""

from __future__ import annotations

from crmsim.analytics import (
    BucketSettings,
    CostComparison,
    cost_comparison,
    leaky_bucket,
    lever_comparison,
)
from crmsim.exercises.choice import MultipleChoice, Option
from crmsim.exercises.classification import Classification
from crmsim.exercises.foundations_variants import CLASS_PARAMETERS, parameters
from crmsim.exercises.matching import Matching
from crmsim.exercises.numeric import Mistake, NumericTask
from crmsim.exercises.ordering import Ordering
from crmsim.exercises.prediction import PredictThenSimulate

task_1_crm_or_traditional = Classification(
    "Task 1 · CRM or traditional marketing?",
    items={
        "1": "The aim is to win as many new customers as possible.",
        "2": "Marketing, sales and service look after the customer after the sale too.",
        "3": "Success is judged by this quarter's sales.",
        "4": "Seller and buyer are in a dialogue.",
        "5": "Each sale is a closed episode; afterwards the contact ends.",
        "6": "The company and the customer pursue common goals.",
        "7": "Contact with the customer is rare.",
        "8": "The relationship is a continuous process with frequent contact.",
    },
    groups={"c": "CRM", "t": "traditional marketing"},
    answers={"1": "t", "2": "c", "3": "t", "4": "c", "5": "t", "6": "c", "7": "t", "8": "c"},
    reasons={
        "1": "acquisition of new customers is the traditional strategy; CRM retains and extends",
        "2": "CRM covers the whole buying process, increasingly after-sales",
        "3": "a short time horizon is traditional; CRM thinks long-term",
        "4": "dialogue is CRM's way of influence; traditionally it runs one way",
        "5": "episodic transfer is traditional; in CRM the service is a continuous process",
        "6": "common goals are CRM's; traditional marketing pushes its own goals",
        "7": "low contact intensity is traditional; CRM's is high",
        "8": "a continuous process with high contact intensity is CRM",
    },
)

task_2_tries = MultipleChoice(
    "Task 2 · Why 'versucht' matters",
    {
        "a": Option(
            "CRM is a philosophy whose success is not guaranteed; whether it works must be "
            "measured.",
            "right: the definition promises an attempt, not a result",
        ),
        "b": Option(
            "CRM is a trial phase that ends when the company buys a CRM system.",
            "the system only maps the approach; buying one ends nothing and guarantees nothing",
        ),
        "c": Option(
            "CRM tries to replace marketing, sales and service by software.",
            "the definition names marketing, sales and service concepts as CRM's means",
        ),
        "d": Option(
            "CRM only tries to win new customers and leaves existing ones alone.",
            "CRM builds and strengthens relationships; retention comes before acquisition",
        ),
    },
    correct="a",
)

task_3_goal_order = Ordering(
    "Task 3 · The goal hierarchy",
    {
        "p": "profit",
        "s": "customer selection and retention",
        "a": "acquisition of new customers",
    },
    reasons={
        "p": "profit is the primary goal; the others serve it",
        "s": "selecting and keeping the right customers is the secondary goal",
        "a": "acquisition comes third: it is the dearest way to grow",
    },
    shown=("a", "p", "s"),
)

#: Task 4: a retailer's year in totals (EUR, customers, customer-years) in the class variant;
#: a student's own are :func:`parameters` (see :mod:`crmsim.exercises.foundations_variants`).
ACQUISITION_SPEND_EUR = CLASS_PARAMETERS.acquisition_spend_eur
CUSTOMERS_WON = CLASS_PARAMETERS.customers_won
RETENTION_SPEND_EUR = CLASS_PARAMETERS.retention_spend_eur
CUSTOMER_YEARS_KEPT = CLASS_PARAMETERS.customer_years_kept


def _costs() -> CostComparison:
    my = parameters()
    return cost_comparison(
        my.acquisition_spend_eur, my.customers_won, my.retention_spend_eur, my.customer_years_kept
    )


task_4_cost_ratio = NumericTask(
    "Task 4 · Acquisition against retention cost",
    expected=lambda: _costs().ratio,
    tolerance=0.01,
    what="the ratio (how many times dearer)",
    hint="divide the cost per customer won by the cost per customer-year kept",
    mistakes=(
        Mistake(lambda: 1.0 / _costs().ratio, "the ratio is upside down: acquisition cost on top"),
        Mistake(
            lambda: parameters().acquisition_spend_eur / parameters().retention_spend_eur,
            "compare costs per customer, not the two totals: divide each by its customers",
        ),
        Mistake(
            lambda: _costs().acquisition_cost_per_customer_eur,
            "that is the cost per customer won; divide it by the cost per customer-year",
        ),
    ),
)

#: Task 5: a small base under the leaky bucket.
BUCKET = BucketSettings(start_customers=1000, churn_rate=0.25, new_customers_per_year=150)


def bucket_customers_after_five_years() -> float:
    """Customers at the end of year 5 for :data:`BUCKET`."""
    return float(leaky_bucket(BUCKET).iloc[-1]["customers"])


task_5_bucket_prediction = PredictThenSimulate(
    "Task 5 · Predict, then compute: the leaky bucket",
    quantity="customers after five years",
    simulated=bucket_customers_after_five_years,
    tolerance=1.0,
    bounds=(0.0, 10_000.0),
)

task_6_why_it_settles = MultipleChoice(
    "Task 6 · Why the bucket settles",
    {
        "a": Option(
            "The churn rate falls as the base shrinks, so fewer customers leave.",
            "the rate stays 25 %; only the number lost falls, because it is 25 % of fewer",
        ),
        "b": Option(
            "At W / c customers the yearly loss c·N equals the yearly gain W.",
            "right: 0.25 × 600 = 150 lost, 150 won; the base drifts towards that level",
        ),
        "c": Option(
            "The acquisition cost limits how many customers can be won.",
            "the cost changes the profit, not the number of customers won (fixed at 150)",
        ),
        "d": Option(
            "Five years are too short for customers to leave.",
            "a quarter of the base leaves every year; in five years most have left once",
        ),
    },
    correct="b",
)


def lever_gap_eur() -> float:
    """Extra five-year profit (EUR) of halving churn over halving acquisition cost, for the
    customer base of the active variant (``BucketSettings()`` in the class variant)."""
    levers = lever_comparison(parameters().lever_settings)
    return float(
        levers.loc["churn halved", "cumulative_profit_eur"]
        - levers.loc["acquisition cost halved", "cumulative_profit_eur"]
    )


task_7_which_lever = NumericTask(
    "Task 7 · Which lever pays more?",
    expected=lever_gap_eur,
    tolerance=1.0,
    what="the difference in EUR",
    hint="take lever_comparison(my.lever_settings) and subtract the two cumulative profits",
    mistakes=(
        Mistake(lambda: -lever_gap_eur(), "the sign is reversed: churn halved minus cost halved"),
    ),
)

task_8_components = Matching(
    "Task 8 · A component for each function",
    terms={
        "1": "stock, delivery and invoice of an order",
        "2": "a technician repairs a device at the customer's site",
        "3": "planning and steering a mailing to 5,000 customers",
        "4": "ordering goods from suppliers in time",
        "5": "an agent solves a complaint on the phone",
    },
    candidates={
        "a": "ERP (back office)",
        "b": "SCM (back office)",
        "c": "customer service (front office)",
        "d": "field service (mobile office)",
        "e": "campaign management (mobile office)",
        "f": "email (customer interaction)",
    },
    pairs={"1": "a", "2": "d", "3": "e", "4": "b", "5": "c"},
    reasons={
        "1": "order processing and billing are the ERP's, the internal backbone",
        "2": "work at the customer's site is field service, part of the mobile office",
        "3": "planning and steering campaigns is campaign management",
        "4": "the supply chain with suppliers is SCM",
        "5": "solving a customer's concern is customer service in the front office",
    },
)

task_9_xrm_or_cem = MultipleChoice(
    "Task 9 · xRM or CEM?",
    {
        "a": Option(
            "xRM builds an emotional bond; CEM integrates ERP and CRM data.",
            "the two are swapped: integration is xRM, the emotional bond is CEM",
        ),
        "b": Option(
            "xRM widens the view by integrating systems; CEM seeks an emotional bond and "
            "ambassadors.",
            "right: x for anything or extended; CEM turns customers into multipliers",
        ),
        "c": Option(
            "Both are product names of CRM suites by the big vendors.",
            "they are approaches, not products; any vendor may support them",
        ),
        "d": Option(
            "xRM is the back office and CEM the front office of a CRM system.",
            "those are components of a system; xRM and CEM are wider approaches",
        ),
    },
    correct="b",
)

task_10_core_elements = MultipleChoice(
    "Task 10 · The three core elements",
    {
        "a": Option(
            "collaborative, operational, collaborative",
            "that is the old deck's slip: collaborative appears twice, analytical is missing",
        ),
        "b": Option(
            "individualisation, one-stop, multi-channel",
            "those are the three core ideas (Kernideen), not the core elements",
        ),
        "c": Option(
            "analytical, operational, collaborative",
            "right: analyse the data, run the contact processes, coordinate the channels",
        ),
        "d": Option(
            "back office, front office, mobile office",
            "those are component groups of a CRM system",
        ),
    },
    correct="c",
)

task_11_reading_the_interval = MultipleChoice(
    "Task 11 · Reading the measured ratio",
    {
        "a": Option(
            "The rule is refuted: the default dataset gave 12.5, above 10.",
            "one dataset is one draw of chance; 12.5 lies in the spread of the seeds",
        ),
        "b": Option(
            "In the simulated retailer acquiring costs about 9 to 12 times as much as keeping "
            "a customer a year: the upper end of the rule, or a little above.",
            "right: the interval describes the mean ratio over simulated years of the company",
        ),
        "c": Option(
            "95 % of the customers cost between 9 and 12 times as much to win as to keep.",
            "the interval is about the mean ratio, not about single customers",
        ),
        "d": Option(
            "The rule holds exactly, because the model was built with a ratio of 10.",
            "no ratio is typed into the model; it follows from contact costs and responses",
        ),
    },
    correct="b",
)

TASKS = [
    task_1_crm_or_traditional,
    task_2_tries,
    task_3_goal_order,
    task_4_cost_ratio,
    task_5_bucket_prediction,
    task_6_why_it_settles,
    task_7_which_lever,
    task_8_components,
    task_9_xrm_or_cem,
    task_10_core_elements,
    task_11_reading_the_interval,
]
