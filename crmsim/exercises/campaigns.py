"""Checks for the exercises of chapter 05 (closed-loop campaign management).

Eleven tasks: uplift and its interval from a treatment/control table, the ROI of a
campaign, whether a response rate proves success, the order of the cross-media
campaign cycle, the four customer types, whom to leave alone, predicting the
uplift of a retention call campaign, the acquisition/retention cost ratio of the
committed dataset, the five CCM rules, and a targeting policy of one's own that
has to beat "contact everybody" over four quarters. Numbers are computed with
``crmsim`` when a check runs; the parameters are the constants below, which the
exercise notebook states in its text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

from crmsim.analytics import acquisition_vs_retention, share_difference
from crmsim.exercises.campaigns_variants import CLASS_PARAMETERS, parameters
from crmsim.exercises.choice import MultipleChoice, Option
from crmsim.exercises.collaborative import data_folder
from crmsim.exercises.feedback import Verdict, judge
from crmsim.exercises.matching import Matching
from crmsim.exercises.numeric import Mistake, NumericTask
from crmsim.exercises.ordering import Ordering
from crmsim.exercises.prediction import PredictThenSimulate
from crmsim.lifecycle import (
    CampaignPlan,
    contact_everybody,
    fixed_plan,
    market_snapshot,
    run_with_policy,
    simulate_campaign,
)

#: Task 1 and 2: contacted people and buyers among them; held back and buyers among them
#: (class variant; a student's own are :func:`parameters`, see
#: :mod:`crmsim.exercises.campaigns_variants`).
TREATED, TREATED_BUYERS = CLASS_PARAMETERS.treated, CLASS_PARAMETERS.treated_buyers
CONTROL, CONTROL_BUYERS = CLASS_PARAMETERS.control, CLASS_PARAMETERS.control_buyers
#: Task 3: mean contribution per person in the window (EUR) and the letter's cost (EUR).
MEAN_TREATED_EUR = CLASS_PARAMETERS.mean_treated_eur
MEAN_CONTROL_EUR = CLASS_PARAMETERS.mean_control_eur
COST_PER_LETTER_EUR = CLASS_PARAMETERS.cost_per_letter_eur
#: Task 7: the planner's base and campaign (as in chapter 05).
PLANNER_BASE = {"customers": 1000, "years": 1, "seed": 7, "quarter": 2}
RETENTION_CALLS = CampaignPlan("retention", "phone", 20.0, 3000.0, 0.3)
#: Task 11: the base on which a policy has to beat "contact everybody".
CHALLENGE: dict[str, Any] = {"customers": 600, "years": 1, "seed": 11}


def uplift_expected() -> float:
    """Task 1: buy rate of the contacted minus buy rate of the control group."""
    my = parameters()
    return my.treated_buyers / my.treated - my.control_buyers / my.control


def _interval() -> Any:
    my = parameters()
    return share_difference(my.treated_buyers, my.treated, my.control_buyers, my.control)


def uplift_low_expected() -> float:
    """Task 2: the lower end of Newcombe's 95 % interval of the uplift."""
    return float(_interval().low)


def _gain_eur() -> float:
    my = parameters()
    return my.treated * (my.mean_treated_eur - my.mean_control_eur)


def _cost_eur() -> float:
    return parameters().treated * parameters().cost_per_letter_eur


def roi_expected() -> float:
    """Task 3: (incremental contribution − cost) / cost."""
    return (_gain_eur() - _cost_eur()) / _cost_eur()


task_1_uplift = NumericTask(
    "Task 1 · Uplift from a treatment/control table",
    expected=uplift_expected,
    tolerance=0.00005,
    what="the uplift as a share (0.01 = one percentage point)",
    hint="buyers / contacted minus buyers / held back",
    mistakes=(
        Mistake(
            lambda: parameters().treated_buyers / parameters().treated,
            "that is the treatment's buy rate; subtract the control's",
        ),
        Mistake(lambda: 100 * uplift_expected(), "give a share, not percentage points"),
        Mistake(
            lambda: (
                (parameters().treated_buyers - parameters().control_buyers) / parameters().treated
            ),
            "the groups differ in size: compare rates, not buyer counts",
        ),
    ),
)

task_2_uplift_interval = NumericTask(
    "Task 2 · The uplift's interval",
    expected=uplift_low_expected,
    tolerance=0.00005,
    what="the lower end of the 95 % interval as a share",
    hint="use share_difference(buyers_t, n_t, buyers_c, n_c) and take .low",
    mistakes=(
        Mistake(
            lambda: float(_interval().high),
            "that is the upper end; the lower end decides whether zero is excluded",
        ),
        Mistake(uplift_expected, "that is the estimate itself, not its lower end"),
    ),
)

task_3_roi = NumericTask(
    "Task 3 · ROI of a campaign",
    expected=roi_expected,
    tolerance=0.005,
    what="the ROI as a ratio (1.0 = the net gain equals the cost)",
    hint="gain = contacted × (mean treated − mean control); ROI = (gain − cost) / cost",
    mistakes=(
        Mistake(
            lambda: _gain_eur() / _cost_eur(),
            "subtract the cost from the gain before dividing by the cost",
        ),
        Mistake(
            lambda: (
                (parameters().treated * parameters().mean_treated_eur - _cost_eur()) / _cost_eur()
            ),
            "the treated group's whole contribution is not the campaign's doing: subtract the "
            "control group's mean",
        ),
    ),
)

task_4_response_rate = MultipleChoice(
    "Task 4 · Does a response rate prove success?",
    options={
        "a": Option(
            "Yes: 12 % of the customers called accepted the voucher, so the calls kept them.",
            "A response shows interest, not a change: many responders would have stayed anyway.",
        ),
        "b": Option(
            "No: only the gap to an uncontacted control group shows what the calls caused.",
            "Right: the control group shows what the same customers do without the call.",
        ),
        "c": Option(
            "Yes, if the response rate is above the industry average for the channel.",
            "A benchmark says nothing about what these customers would have done without the call.",
        ),
        "d": Option(
            "No: response rates are only valid when measured over a whole year of campaigns.",
            "Time is not the problem; the missing comparison with an uncontacted group is.",
        ),
    },
    correct="b",
)

task_5_campaign_cycle = Ordering(
    "Task 5 · The cross-media campaign cycle",
    steps={
        "s": "segment the customer base",
        "p": "develop and plan the campaign",
        "e": "execute over several media (in person, phone, letter/fax, internet, mobile)",
        "r": "handle responses and generate leads",
        "k": "analyse campaign success",
        "m": "analyse customer action patterns",
    },
    reasons={
        "s": "a campaign starts with whom to address: the segment",
        "p": "offer, channel and budget are planned for the segment",
        "e": "only a planned campaign can be executed",
        "r": "responses arrive after the contact",
        "k": "success is measured once responses (and control groups) are in",
        "m": "action patterns come from the analysed results and feed the next segmentation",
    },
)

task_6_customer_types = Matching(
    "Task 6 · The four customer types",
    terms={
        "1": "persuadable (Überzeugbare)",
        "2": "sure thing (sichere Käufer)",
        "3": "lost cause (hoffnungsloser Fall)",
        "4": "sleeping dog (schlafender Hund)",
    },
    candidates={
        "a": "buys only if contacted",
        "b": "buys whether contacted or not",
        "c": "buys neither way",
        "d": "buys only if not contacted",
    },
    pairs={"1": "a", "2": "b", "3": "c", "4": "d"},
    reasons={
        "1": "the contact creates the purchase: the only source of uplift",
        "2": "the contact changes nothing but costs money",
        "3": "the contact changes nothing either",
        "4": "the contact drives the customer away",
    },
)

task_7_leave_alone = MultipleChoice(
    "Task 7 · Whom to leave alone",
    options={
        "a": Option(
            "Customers with a high predicted response rate and a recent order.",
            "They are likely sure things: a contact wastes money but does not harm.",
        ),
        "b": Option(
            "Customers with an open complaint whose predicted uplift of a call is negative.",
            "Right: these are the sleeping dogs a call would wake; leave them alone.",
        ),
        "c": Option(
            "Customers who never answered a mailing in the last two quarters.",
            "Lost causes cost only the contact; they are not harmed by it.",
        ),
        "d": Option(
            "Customers in last quarter's retention control group, who were chosen at random.",
            "A control group is chosen at random: being in it says nothing about the customer.",
        ),
    },
    correct="b",
)


@cache
def retention_call_uplift() -> float:
    """Task 8: uplift of the retention call campaign in the planner (buy rate T − C)."""
    from crmsim.widgets import campaign_summary

    snapshot = market_snapshot(fixed_plan, **PLANNER_BASE)
    return float(campaign_summary(simulate_campaign(snapshot, RETENTION_CALLS)).uplift.value)


task_8_retention_prediction = PredictThenSimulate(
    "Task 8 · Predict, then simulate: the uplift of retention calls",
    quantity="the uplift in buy rate as a share",
    simulated=retention_call_uplift,
    tolerance=0.0005,
    bounds=(-1.0, 1.0),
)


@cache
def cost_ratio_of_the_dataset(folder: str | None = None) -> float:
    """Task 9: cost per acquired customer / cost per retained customer-year in ``data/``.

    ``folder`` defaults to the dataset folder found from the working folder upwards
    (:func:`~crmsim.exercises.collaborative.data_folder`).
    """
    folder = folder or str(data_folder())
    from crmsim.warehouse import read_table

    names = (
        "dim_campaign",
        "fact_campaign_contact",
        "fact_campaign_response",
        "fact_complaint",
        "fact_customer_month",
    )
    return acquisition_vs_retention({name: read_table(name, folder) for name in names}).ratio


@dataclass(frozen=True)
class DatasetRatioTask:
    """A numeric task whose expected value is measured in the dataset when it is checked."""

    title: str
    tolerance: float
    what: str
    hint: str

    def check(self, answer: Any) -> Verdict:
        """Compare ``answer`` with the ratio measured in the committed dataset."""
        if answer is Ellipsis:
            return judge(self.title, answer, lambda _: None)
        expected = cost_ratio_of_the_dataset()
        slips = (
            Mistake(1 / expected, "upside down: acquisition cost divided by retention cost"),
            Mistake(expected * 12, "customer-years are active customer-months divided by 12"),
        )
        task = NumericTask(self.title, expected, self.tolerance, self.what, self.hint, slips)
        return task.check(answer)

    __call__ = check


task_9_cost_ratio = DatasetRatioTask(
    "Task 9 · Acquisition against retention in the data",
    tolerance=0.05,
    what="the ratio (cost per customer won / cost per customer-year kept)",
    hint="acquisition_vs_retention(tables).ratio, or divide the two costs yourself",
)

task_10_ccm_rules = Matching(
    "Task 10 · The five CCM rules and what the simulation showed",
    terms={
        "1": "interactions are at the centre of the relationship",
        "2": "customers want their needs met, not a relationship",
        "3": "build a learning relationship",
        "4": "convenience drives loyalty",
        "5": "find the right products for each customer",
    },
    candidates={
        "a": "the learning policies improved only from their own contacts and control groups",
        "b": "a 12 % response rate earned nothing when the contact met no need",
        "c": "the uplift model learned whom a contact helps and whom it harms",
        "d": "unwelcome calls to customers with open complaints drove them away",
        "e": "cross-selling to owners of a device line paid better than broad mailings",
    },
    pairs={"1": "a", "2": "b", "3": "c", "4": "d", "5": "e"},
    reasons={
        "1": "the relationship grows out of interactions: they are the data of the loop",
        "2": "a response without a need met is interest, not business",
        "3": "learning means meeting needs faster and cheaper round after round",
        "4": "an intrusive contact is the opposite of convenience",
        "5": "the right product for the right customer, not more customers",
    },
)


@cache
def baseline_contribution_eur() -> float:
    """Task 11: true incremental contribution of "contact everybody" on the challenge base."""
    return run_with_policy(contact_everybody, **CHALLENGE).incremental_contribution_eur


@dataclass(frozen=True)
class PolicyChallenge:
    """A targeting policy that has to earn more than "contact everybody" on a fixed base.

    The check runs the policy with :func:`crmsim.lifecycle.run_with_policy` on
    :data:`CHALLENGE` and compares the true incremental contribution of its campaigns.
    """

    title: str
    baseline: Any = field(default=baseline_contribution_eur, compare=False)

    def check(self, answer: Any) -> Verdict:
        """Run the policy ``answer`` (a function of the quarter view) and compare."""

        def evaluate(policy: Any) -> str | None:
            if not callable(policy):
                raise TypeError(f"expected a policy function, got {policy!r}")
            mine = run_with_policy(policy, **CHALLENGE).incremental_contribution_eur
            theirs = self.baseline()
            if mine > theirs:
                return None
            return (
                f"your policy added {mine:,.0f} EUR, contact everybody {theirs:,.0f} EUR; "
                "look at which campaigns lose money and whom they contact"
            )

        return judge(self.title, answer, evaluate)

    __call__ = check


task_11_beat_everybody = PolicyChallenge("Task 11 · Beat contact everybody")

TASKS = [
    task_1_uplift,
    task_2_uplift_interval,
    task_3_roi,
    task_4_response_rate,
    task_5_campaign_cycle,
    task_6_customer_types,
    task_7_leave_alone,
    task_8_retention_prediction,
    task_9_cost_ratio,
    task_10_ccm_rules,
    task_11_beat_everybody,
]
