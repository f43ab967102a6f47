"""Checks for the exercises of chapter 04 (collaborative CRM and eCRM).

Each ``task_*`` object checks an answer against a value computed with ``crmsim``
(nothing typed in by hand). The parameters are those of the active variant
(:func:`parameters`, see :mod:`crmsim.exercises.collaborative_variants`) where a task
has personal numbers, else the constants below; the exercise notebook states the
class variant's numbers in its text. Tasks on the warehouse read the
committed dataset ``data/`` (found from the working folder upwards, see
:func:`data_folder`).
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path

import pandas as pd

from crmsim.analytics.clickstream import visit_table
from crmsim.analytics.media_pooling import design_summary, pooling_comparison
from crmsim.analytics.recommendations import hit_rate_at_k
from crmsim.errors import InputError
from crmsim.exercises.choice import MultipleChoice, Option
from crmsim.exercises.collaborative_variants import CLASS_PARAMETERS, parameters
from crmsim.exercises.matching import Matching
from crmsim.exercises.numeric import Mistake, NumericTask
from crmsim.exercises.prediction import PredictThenSimulate
from crmsim.warehouse.reading import read_tables
from crmsim.widgets.self_service import SelfServiceCase, self_service_break_even

#: Tasks 1–3 of the class variant: twenty orders of a small shop (counts of baskets).
BASKETS, LAPTOP = CLASS_PARAMETERS.baskets, CLASS_PARAMETERS.laptop
MOUSE, LAPTOP_AND_MOUSE = CLASS_PARAMETERS.mouse, CLASS_PARAMETERS.laptop_and_mouse
CABLE, LAPTOP_AND_CABLE = CLASS_PARAMETERS.cable, CLASS_PARAMETERS.laptop_and_cable
#: Task 4: hold-out evaluation of the recommendations (the class variant's cut-off and k).
CUTOFF = CLASS_PARAMETERS.cutoff
K = CLASS_PARAMETERS.k
#: Tasks 5–6: the pooling experiment (seeds 0 … 9, one day each, default designs).
POOLING_SEEDS = range(10)
#: Task 7: the self-service case of the class variant.
SELF_SERVICE: SelfServiceCase = CLASS_PARAMETERS.self_service_case
#: Task 12: one customer's share of wallet (the class variant's customer).
REVENUE_EUR = CLASS_PARAMETERS.revenue_eur
WALLET_EUR_PER_YEAR = CLASS_PARAMETERS.wallet_eur_per_year
YEARS = 2.0


def data_folder(start: Path | None = None) -> Path:
    """The dataset folder ``data`` in the working folder or the nearest folder above it."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "data" / "crmsim-dataset.json").is_file():
            return folder / "data"
    raise InputError(f"no data folder with crmsim-dataset.json in {here} or above it")


@cache
def warehouse() -> dict[str, pd.DataFrame]:
    """The committed dataset's tables (read once)."""
    return read_tables(data_folder())


task_1_confidence = NumericTask(
    "Task 1 · Confidence by hand",
    expected=lambda: _both() / _laptop(),
    tolerance=0.0005,
    what="the confidence of laptop → mouse as a share",
    hint="confidence = baskets with laptop and mouse ÷ baskets with a laptop",
    mistakes=(
        Mistake(lambda: _both() / _baskets(), "that is the support: divide by the laptop baskets"),
        Mistake(
            lambda: _both() / parameters().mouse,
            "that is mouse → laptop: divide by the laptop baskets",
        ),
        Mistake(lambda: 100 * _both() / _laptop(), "give a share between 0 and 1, not percent"),
    ),
    bounds=(0.0, 100.0),
)


def _both() -> int:
    return parameters().laptop_and_mouse


def _laptop() -> int:
    return parameters().laptop


def _baskets() -> int:
    return parameters().baskets


def _lift() -> float:
    return (_both() / _laptop()) / (parameters().mouse / _baskets())


task_2_lift = NumericTask(
    "Task 2 · Lift by hand",
    expected=_lift,
    tolerance=0.0005,
    what="the lift of laptop → mouse",
    hint="lift = confidence ÷ share of all baskets with a mouse",
    mistakes=(
        Mistake(lambda: _both() / _laptop(), "that is the confidence; divide it by P(mouse)"),
        Mistake(lambda: 1 / _lift(),
                "upside down: confidence ÷ P(mouse), not P(mouse) ÷ confidence"),
        Mistake(lambda: (_both() / _laptop()) / (_laptop() / _baskets()),
                "divide by the share of mouse baskets, not of laptop baskets"),
    ),
)  # fmt: skip

task_3_rule_to_act_on = MultipleChoice(
    "Task 3 · Which rule to act on?",
    {
        "a": Option(
            "laptop → cable, because its confidence (0.75) is the higher one.",
            "the cable is in 75 % of all baskets anyway: lift 1.0, the laptop adds nothing",
        ),
        "b": Option(
            "laptop → mouse, because a laptop makes a mouse about twice as likely.",
            "right: a lift of about 2 means the laptop changes the odds; cue the mouse at checkout",
        ),
        "c": Option(
            "Neither, because both rules have a support below one half.",
            "support says how often a rule applies, not whether it is worth acting on",
        ),
        "d": Option(
            "laptop → cable, because more baskets contain a cable than a mouse.",
            "frequent items score high confidence with anything; compare lift instead",
        ),
    },
    correct="b",
)


def cf_gain() -> float:
    """Hit rate at K of item-to-item minus popularity on the hold-out purchases after the
    active variant's cut-off date."""
    return _cf_gain(parameters().cutoff, parameters().k)


@cache
def _cf_gain(cutoff: dt.date, k: int) -> float:
    tables = warehouse()
    table = hit_rate_at_k(tables["fact_order"], tables["dim_product"], cutoff, ks=(k,))
    rates = table.set_index("method")["hit_rate"]
    return float(rates["item-to-item"] - rates["popularity"])


task_4_beat_popularity = NumericTask(
    "Task 4 · Beat the popularity baseline",
    expected=cf_gain,
    tolerance=0.0001,
    what="hit rate at k of item-to-item minus popularity, as a share",
    hint="hit_rate_at_k(orders, products, my.cutoff, ks=(my.k,)): subtract the two hit rates",
    mistakes=(
        Mistake(lambda: -cf_gain(), "the sign is reversed: item-to-item minus popularity"),
        Mistake(lambda: 100 * cf_gain(), "give a share between 0 and 1, not percentage points"),
    ),
)


@cache
def pooling() -> pd.DataFrame:
    """Mean KPIs per design over :data:`POOLING_SEEDS` (see :func:`pooling_comparison`)."""
    return design_summary(pooling_comparison(POOLING_SEEDS).runs)


task_5_pooling_prediction = PredictThenSimulate(
    "Task 5 · Predict, then simulate: the media-neutral pool",
    "the service level of the pooled design as a share",
    lambda: float(pooling().loc["pooled", "service_level"]),
    tolerance=0.002,
    bounds=(0.0, 1.0),
)

task_6_pooling_reason = MultipleChoice(
    "Task 6 · Reading the pooling result",
    {
        "a": Option(
            "Pooled agents handle phone calls and chats faster than specialists.",
            "the handling times are the same in both designs; only the queues differ",
        ),
        "b": Option(
            "No agent idles while the other medium waits, and the interval excludes zero.",
            "right: one queue uses every free agent, and ten paired seeds agree on the sign",
        ),
        "c": Option(
            "The pool had more agents on duty than the two teams together.",
            "both designs have 5 + 4 = 9 agents: the comparison is at the same staff",
        ),
        "d": Option(
            "One lucky seed: with ten seeds the gain would disappear.",
            "the gain is the mean of ten paired runs, and its interval lies above zero",
        ),
    },
    correct="b",
)


def break_even_solve() -> float:
    """Solve share at which the active variant's self-service case breaks even."""
    return self_service_break_even(parameters().self_service_case).break_even_solve


def _sessions() -> float:
    return parameters().requests * parameters().tried


def _fixed_eur() -> float:
    return parameters().upkeep_eur + parameters().licence_eur


task_7_break_even = NumericTask(
    "Task 7 · Self-service break-even",
    expected=break_even_solve,
    tolerance=0.0005,
    what="the solve share at which self-service pays, as a share",
    hint="p* = (fixed cost ÷ sessions + cost per session) ÷ cost per agent contact",
    mistakes=(
        Mistake(lambda: _fixed_eur() / _sessions() / parameters().assisted_cost_eur,
                "the sessions cost money too: add the cost per session before dividing"),
        Mistake(lambda: (_fixed_eur() / parameters().requests + parameters().session_cost_eur)
                / parameters().assisted_cost_eur,
                "spread the fixed cost over the sessions (requests × share tried)"),
        Mistake(lambda: 100 * break_even_solve(), "give a share between 0 and 1, not percent",
                tolerance=0.05),
    ),
)  # fmt: skip


def _in_window(stamps: pd.Series) -> pd.Series:
    my = parameters()
    days = stamps.dt.date
    return (days >= my.visits_from) & (days <= my.visits_until)


def campaign_visit_share() -> float:
    """Share of the visits starting in the active variant's days (the whole log in the class
    variant) whose entry referrer is a newsletter or a campaign link."""
    my = parameters()
    return _campaign_visit_share(my.visits_from, my.visits_until)


@cache
def _visits() -> pd.DataFrame:
    visits = visit_table(warehouse()["fact_web_visit"])
    return visits.assign(day=visits["start_ts"].dt.date)


@cache
def _campaign_visit_share(first: dt.date, last: dt.date) -> float:
    visits = _visits()
    chosen = visits[(visits["day"] >= first) & (visits["day"] <= last)]
    return float(chosen["referrer"].isin(["newsletter", "campaign"]).mean())


def _page_view_share() -> float:
    views = warehouse()["fact_web_visit"]
    views = views[_in_window(views["view_ts"])]
    return float(views["referrer"].isin(["newsletter", "campaign"]).mean())


task_8_campaign_visits = NumericTask(
    "Task 8 · A log-file question: campaign visits",
    expected=campaign_visit_share,
    tolerance=0.000001,
    what="the share of visits that came from a newsletter or campaign link",
    hint="count visits (visit_id), not page views, that start on your days; the referrer of a "
    "visit is its first page's",
    mistakes=(
        Mistake(
            _page_view_share,
            "that is a share of page views: count each visit once, by its entry page",
        ),
        Mistake(
            lambda: 100 * campaign_visit_share(), "give a share, not percent", tolerance=0.0001
        ),
    ),
)

task_9_communities = Matching(
    "Task 9 · Four virtual communities",
    {
        "1": "A forum where residents of one city district discuss local events",
        "2": "A platform for students starting their first job",
        "3": "A marketplace where clinics and medical suppliers trade",
        "4": "A forum where hobby photographers share tips on lenses",
    },
    {"a": "geographic", "b": "demographic", "c": "industry (B2B)", "d": "topic / leisure"},
    {"1": "a", "2": "b", "3": "c", "4": "d"},
    {
        "1": "a community of a place: information and discussion about one area",
        "2": "a community of people in the same stage of life",
        "3": "a platform of one industry between companies, with a market place",
        "4": "a community around a shared hobby or topic",
    },
)

task_10_ecrm_functions = Matching(
    "Task 10 · eCRM functions of a website",
    {
        "1": "a call-back button next to the product",
        "2": "order tracking",
        "3": "the online shop's checkout",
        "4": "a newsletter with a sweepstake",
        "5": '"customers who bought this also bought …"',
    },
    {"a": "communication", "b": "service", "c": "shopping", "d": "marketing",
     "e": "personalisation"},
    {"1": "a", "2": "b", "3": "c", "4": "d", "5": "e"},
    {
        "1": "a way for the customer to talk to the company",
        "2": "help after the purchase, without an agent",
        "3": "selling over the internet",
        "4": "reaching customers with offers and games",
        "5": "content chosen for this customer from the behaviour of others",
    },
)  # fmt: skip

task_11_callback_forms = Matching(
    "Task 11 · The three forms of call-back service",
    {"1": "scheduled call-back", "2": "call-back button", "3": "call-back messaging"},
    {
        "a": "the customer asks by email for information or a call at a chosen time",
        "b": "the customer and the company agree a fixed time for the call",
        "c": "the customer clicks on the website, leaves a number and is called at once",
    },
    {"1": "b", "2": "c", "3": "a"},
    {
        "1": "a call at an agreed time",
        "2": "a click on the website that triggers the call",
        "3": "the request comes by email",
    },
)

task_12_share_of_wallet = NumericTask(
    "Task 12 · Share of wallet",
    expected=lambda: parameters().revenue_eur / (parameters().wallet_eur_per_year * YEARS),
    tolerance=0.001,
    what="the share of wallet as a share",
    hint="share of wallet = revenue ÷ (wallet per year × years)",
    mistakes=(
        Mistake(
            lambda: parameters().revenue_eur / parameters().wallet_eur_per_year,
            "the wallet is per year: multiply by 2 years",
        ),
        Mistake(
            lambda: parameters().wallet_eur_per_year * YEARS / parameters().revenue_eur,
            "upside down: revenue ÷ wallet",
        ),
    ),
)

#: Every task of chapter 04, in the notebook's order.
TASKS = (
    task_1_confidence,
    task_2_lift,
    task_3_rule_to_act_on,
    task_4_beat_popularity,
    task_5_pooling_prediction,
    task_6_pooling_reason,
    task_7_break_even,
    task_8_campaign_visits,
    task_9_communities,
    task_10_ecrm_functions,
    task_11_callback_forms,
    task_12_share_of_wallet,
)

__all__ = [
    "TASKS",
    "break_even_solve",
    "campaign_visit_share",
    "cf_gain",
    "data_folder",
    "pooling",
    "task_1_confidence",
    "task_2_lift",
    "task_3_rule_to_act_on",
    "task_4_beat_popularity",
    "task_5_pooling_prediction",
    "task_6_pooling_reason",
    "task_7_break_even",
    "task_8_campaign_visits",
    "task_9_communities",
    "task_10_ecrm_functions",
    "task_11_callback_forms",
    "task_12_share_of_wallet",
    "warehouse",
]
