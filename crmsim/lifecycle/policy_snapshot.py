"""One campaign from a cached quarter start: fast enough for a planning widget.

:func:`market_snapshot` runs the base under a policy up to a quarter start,
stops, and keeps for every person what the market model needs: the hidden
propensities for every campaign type and channel at the plan's offer, the value
of a response and of a lost customer, and what the company knows (segment,
status, RFM segment). :func:`simulate_campaign` then plays one campaign of that
quarter in milliseconds with the same response model and the same common random
numbers as a full run (:mod:`crmsim.lifecycle.policy_market`): who responds, who
buys in the response window, who leaves because of the contact. What happens
after the window (further purchases, service, churn) needs the full run,
:func:`~crmsim.lifecycle.policy_run.run_with_policy`.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass

import numpy as np
import pandas as pd
import simpy

from crmsim.errors import InputError, require
from crmsim.lifecycle.behaviour import Process
from crmsim.lifecycle.campaigns import (
    CAMPAIGN_TYPES,
    CONSENT_CHANNELS,
    COST_PER_CONTACT_EUR,
    OFFER,
    Campaign,
)
from crmsim.lifecycle.params import LifecycleParameters
from crmsim.lifecycle.policy_knowledge import CompanyKnowledge
from crmsim.lifecycle.policy_market import (
    common_uniforms,
    customer_value,
    margin_share,
    offer_factor,
    propensities,
    response_value,
    unit_costs,
)
from crmsim.lifecycle.policy_run import (
    QUARTER_DAYS,
    Policy,
    QuarterView,
    _campaign_process,
    _Recorder,
)
from crmsim.lifecycle.policy_targeting import eligible_customers
from crmsim.lifecycle.shard import simulate_shard
from crmsim.lifecycle.state import ShardState
from crmsim.time_units import MINUTES_PER_DAY

CHANNELS = tuple(COST_PER_CONTACT_EUR)


class _Stop(Exception):
    """Raised inside the run to stop it once the snapshot is taken."""


@dataclass(frozen=True)
class MarketSnapshot:
    """The base at a quarter start, ready to play one campaign.

    Attributes
    ----------
    quarter, seed
        The quarter (0 = first) and the run's seed.
    knowledge
        The company's tables at that moment.
    people
        One row per person: customer_id, segment (value segment), status, consent;
        per campaign type ``eligible_<type>``, ``buy_without_<type>``,
        ``value_<type>`` (value of a response at no offer, EUR) and
        ``offer_slope_<type>`` (EUR the value drops per unit of offer); per type
        and channel ``respond_<type>_<channel>`` (chance at the plan's offer);
        per channel ``leave_<channel>``; and ``customer_value_eur`` (a lost customer).
    product_lines
        The product line offered by cross- and up-selling this quarter.
    """

    quarter: int
    seed: int
    knowledge: CompanyKnowledge
    people: pd.DataFrame
    product_lines: dict[str, str]


def _take(shard: ShardState, view: QuarterView, plan: list[Campaign]) -> pd.DataFrame:
    lines = {c.campaign_type: c.line for c in plan}
    names = view.campaigns.set_index("campaign_type")["product_line"].to_dict()
    everyone = np.arange(len(shard.ids))
    people = range(len(shard.ids))  # the same positions as Python ints
    years_left = (shard.horizon_min - shard.env.now) / MINUTES_PER_DAY / 365.0
    share = margin_share(shard)
    costs = unit_costs(shard)
    table = pd.DataFrame({"customer_id": shard.ids, "segment": shard.segment})
    table["status"] = view.knowledge.customers["status"].to_numpy()
    table["consent"] = shard.consent.astype(bool)
    table["customer_value_eur"] = [
        customer_value(shard, i, years_left, share) if shard.alive[i] else 0.0 for i in people
    ]
    for kind in CAMPAIGN_TYPES:
        line = lines.get(kind, 0 if kind in ("cross_sell", "up_sell") else -1)
        segment = eligible_customers(view.knowledge, kind, names.get(kind), view.products)
        table[f"eligible_{kind}"] = np.isin(shard.ids, segment)
        base = Campaign(0, kind, "letter", 0, line)
        zero = [response_value(shard, base, i, 0.0, years_left, share, costs) for i in people]
        one = [response_value(shard, base, i, 1.0, years_left, share, costs) for i in people]
        table[f"value_{kind}"] = zero
        table[f"offer_slope_{kind}"] = np.asarray(zero) - np.asarray(one)
        for channel in CHANNELS:
            hidden = propensities(
                shard, Campaign(0, kind, channel, 0, line), OFFER[kind][1], everyone
            )
            table[f"respond_{kind}_{channel}"] = hidden["p_respond"]
            if kind == "cross_sell":
                table[f"leave_{channel}"] = hidden["p_leave"]
        table[f"buy_without_{kind}"] = hidden["p_buy_without"]
    return table


def market_snapshot(
    policy: Policy, customers: int = 2000, years: int = 1, seed: int = 1, quarter: int = 2
) -> MarketSnapshot:
    """Run ``policy`` up to the start of ``quarter`` and keep the base's state (see above)."""
    params = LifecycleParameters(years=years)
    quarters = params.horizon_days // QUARTER_DAYS
    require(
        1 <= quarter < quarters,
        f'"quarter" must be from 1 to {quarters - 1} for {years} year(s), got {quarter}',
    )
    if not 100 <= customers <= 50_000:
        raise InputError(f'"customers" must be from 100 to 50,000, got {customers}')
    recorder = _Recorder()
    taken: list[MarketSnapshot] = []

    def snapping(view: QuarterView) -> list:
        if view.quarter < quarter:
            return policy(view)
        plan = [c for c in recorder_plan if c.start_day // QUARTER_DAYS == quarter]
        assert recorder.shard is not None
        lines = view.campaigns.set_index("campaign_type")["product_line"].dropna().to_dict()
        people = _take(recorder.shard, view, plan)
        taken.append(MarketSnapshot(quarter, seed, view.knowledge, people, lines))
        raise _Stop

    recorder_plan: list[Campaign] = []
    inner = _campaign_process(snapping, seed, recorder)

    def process(env: simpy.Environment, shard: ShardState, plan: list[Campaign]) -> Process:
        recorder_plan.extend(plan)
        yield from inner(env, shard, plan)

    with contextlib.suppress(_Stop):  # the snapshot stops the run at the quarter start
        simulate_shard(0, 1, customers, params, seed, campaign_process=process)
    return taken[0]


@dataclass(frozen=True)
class CampaignPlan:
    """One campaign as a planner sets it up.

    Attributes
    ----------
    campaign_type
        acquisition, cross_sell, up_sell, retention or win_back.
    channel
        letter, email, phone, mobile or web.
    offer
        Discount share (0.15 = 15 % off), or the voucher in EUR for retention.
    budget_eur
        Most the contacts may cost (EUR); the planner contacts as many as it pays for.
    control_share
        Share of the selected people held back (0 to 0.9).
    segment
        A value segment of ``dim_customer`` to restrict to, or "all".
    """

    campaign_type: str = "cross_sell"
    channel: str = "email"
    offer: float = 0.15
    budget_eur: float = 500.0
    control_share: float = 0.15
    segment: str = "all"


def simulate_campaign(snapshot: MarketSnapshot, plan: CampaignPlan) -> pd.DataFrame:
    """Play one campaign from the snapshot: one row per selected person.

    Returns
    -------
    pandas.DataFrame
        customer_id, is_control, cost_eur, responded, left_by_contact, bought
        (in the response window; an accepted retention voucher is no purchase), and
        effect_eur (true incremental contribution of the contact: response value − lost
        customer − cost; 0 for the control group).
    """
    kind, channel = plan.campaign_type, plan.channel
    require(kind in CAMPAIGN_TYPES, f"campaign_type must be one of {CAMPAIGN_TYPES}, got {kind!r}")
    require(channel in CHANNELS, f"channel must be one of {CHANNELS}, got {channel!r}")
    require(plan.budget_eur >= 0, f"budget_eur must be >= 0, got {plan.budget_eur}")
    require(
        0 <= plan.control_share <= 0.9, f"control_share must be 0-0.9, got {plan.control_share}"
    )
    factor = offer_factor(kind, plan.offer)
    people = snapshot.people
    chosen = people[f"eligible_{kind}"].to_numpy().copy()
    if plan.segment != "all":
        chosen &= (people["segment"] == plan.segment).to_numpy()
    if channel in CONSENT_CHANNELS:
        chosen &= people["consent"].to_numpy()
    group = people[chosen]
    ids = group["customer_id"].to_numpy()

    def uniforms(purpose: str) -> np.ndarray:
        return common_uniforms(snapshot.seed, snapshot.quarter, kind, ids, purpose)

    is_control = uniforms("control") < plan.control_share
    cost = COST_PER_CONTACT_EUR[channel]
    # The budget pays the contacts; who is selected first is a fixed random order.
    order = np.argsort(uniforms("delay"), kind="stable")
    paid = np.cumsum(~is_control[order]) * cost
    keep = np.zeros(len(ids), dtype=bool)
    keep[order[paid <= plan.budget_eur + 1e-9]] = True
    respond = np.minimum(0.95, group[f"respond_{kind}_{channel}"].to_numpy() * factor)
    leave = group[f"leave_{channel}"].to_numpy() if kind != "acquisition" else np.zeros(len(ids))
    responds = uniforms("respond") < respond
    leaves = uniforms("leave") < leave
    anyway = uniforms("buy_without") < group[f"buy_without_{kind}"].to_numpy()
    orders = kind != "retention"  # an accepted retention voucher is not a purchase
    treated = ~is_control
    value = group[f"value_{kind}"].to_numpy() - plan.offer * group[f"offer_slope_{kind}"].to_numpy()
    responded = treated & responds & ~leaves
    left = treated & leaves
    effect = responded * value - left * group["customer_value_eur"].to_numpy() - treated * cost
    table = pd.DataFrame(
        {
            "customer_id": ids,
            "is_control": is_control,
            "cost_eur": treated * cost,
            "responded": responded,
            "left_by_contact": left,
            "bought": np.where(treated, ~leaves & (anyway | (responds & orders)), anyway),
            "effect_eur": effect,
        }
    )
    return table[keep].reset_index(drop=True)
