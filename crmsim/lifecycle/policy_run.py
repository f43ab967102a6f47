"""Campaigns as a policy: run a customer base quarter by quarter with a caller's targeting policy.

At every quarter start the policy sees what the company knows so far
(:class:`~crmsim.lifecycle.policy_knowledge.CompanyKnowledge`, never the truth)
and decides, for each campaign of the quarter, who is selected, the channel, the
offer and the control share (:class:`CampaignDecision`). Buying, service,
complaints and churn run exactly as in the generator. Responses use common
random numbers (:mod:`crmsim.lifecycle.policy_market`), so two policies are
compared on the same customers and the same luck. The generator's fixed plan is
one policy among others (:func:`crmsim.lifecycle.policies.fixed_plan`); the
committed dataset is made without this module and does not change.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd
import simpy

from crmsim.errors import InputError, require
from crmsim.lifecycle.behaviour import Process
from crmsim.lifecycle.campaign_run import CAMPAIGN_HOUR, responder
from crmsim.lifecycle.campaigns import COST_PER_CONTACT_EUR, OFFER, RESPONSE_WINDOW_DAYS, Campaign
from crmsim.lifecycle.params import LifecycleParameters
from crmsim.lifecycle.policy_knowledge import CompanyKnowledge, LogFrames, company_knowledge
from crmsim.lifecycle.policy_market import (
    CONTACT_FATIGUE_REASON,
    common_uniforms,
    customer_value,
    margin_share,
    propensities,
    response_value,
    unit_costs,
)
from crmsim.lifecycle.policy_outcomes import quarter_table, value_selections
from crmsim.lifecycle.records import CampaignContactRecord
from crmsim.lifecycle.shard import simulate_shard
from crmsim.lifecycle.state import ShardState
from crmsim.time_units import MINUTES_PER_DAY

QUARTER_DAYS = 91
#: Largest offer a decision may make: discount share, or voucher in EUR for retention.
MAX_OFFER = {"retention": 100.0}
MAX_DISCOUNT = 0.5


@dataclass(frozen=True)
class CampaignDecision:
    """A policy's decision for one campaign of the quarter.

    Attributes
    ----------
    campaign_id
        The planned campaign it is for.
    customer_ids
        Who is selected (treatment and control together).
    channel
        Channel code: letter, email, phone, mobile or web.
    offer
        Discount share (0.15 = 15 % off), or the voucher in EUR for retention.
    control_share
        Share of the selected people held back as control group (0 to 0.9).
    """

    campaign_id: int
    customer_ids: np.ndarray
    channel: str
    offer: float
    control_share: float = 0.15


@dataclass(frozen=True)
class QuarterView:
    """What a policy is shown at a quarter start.

    Attributes
    ----------
    quarter
        Quarter of the run (0 for the first).
    campaigns
        The quarter's planned campaigns: campaign_id, campaign_type, channel_code
        (the plan's channel), start_day, product_line (None when none), offer
        (the plan's offer).
    knowledge
        The company's tables now.
    products
        ``dim_product`` of the catalogue.
    seed
        The run's seed (for a policy's own random choices).
    """

    quarter: int
    campaigns: pd.DataFrame
    knowledge: CompanyKnowledge
    products: pd.DataFrame
    seed: int


Policy = Callable[[QuarterView], list[CampaignDecision]]


@dataclass
class PolicyRunResult:
    """The outcome of one run under one policy.

    Attributes
    ----------
    knowledge
        The company's tables at the end of the run.
    selections
        One row per selected person and campaign, with the hidden truth:
        campaign_id, quarter, campaign_type, channel, offer, customer_id,
        is_control, cost_eur, p_respond, p_leave, p_buy_without (hidden
        propensities), responded, left_by_contact, bought_if_contacted,
        bought_if_not_contacted (potential outcomes drawn from the propensities; an
        accepted retention voucher is no purchase),
        customer_type (persuadable, sure thing, lost cause, sleeping dog) and the
        valuation columns of :func:`~crmsim.lifecycle.policy_outcomes.value_selections`
        ending in incremental_contribution_eur, the true effect of the contact.
    quarters
        One row per quarter: quarter, contacted, cost_eur, responses,
        incremental_contribution_eur, contribution_eur (all orders' revenue − cost of
        goods − campaign cost − incentives − complaint cost, EUR), and their
        cumulative sums ``cumulative_incremental_eur`` and ``cumulative_contribution_eur``.
    people
        The population with its hidden parameters.
    """

    knowledge: CompanyKnowledge
    selections: pd.DataFrame
    quarters: pd.DataFrame
    people: pd.DataFrame

    @property
    def total_contribution_eur(self) -> float:
        """Contribution (EUR) of the whole run: margin − campaign, incentive, complaint cost."""
        return float(self.quarters["contribution_eur"].sum())

    @property
    def incremental_contribution_eur(self) -> float:
        """True incremental contribution (EUR) of all campaign contacts of the run."""
        return float(self.selections["incremental_contribution_eur"].sum())


@dataclass
class _Recorder:
    """Rows gathered while the campaigns run (one dict per selected person)."""

    rows: list[dict] = field(default_factory=list)
    campaigns: list[dict] = field(default_factory=list)
    shard: ShardState | None = None
    logs: LogFrames | None = None
    annoyed: set[int] = field(default_factory=set)


def campaign_frame(rows: list[dict]) -> pd.DataFrame:
    """The campaigns run so far (columns as in :class:`CompanyKnowledge`)."""
    columns = [
        "campaign_id",
        "quarter",
        "campaign_type",
        "channel_code",
        "start_date",
        "end_date",
        "product_line",
        "offer_share",
        "cost_per_contact_eur",
        "control_share",
    ]
    return pd.DataFrame(rows, columns=columns)


def planned_quarters(plan: list[Campaign]) -> dict[int, list[Campaign]]:
    """The plan's campaigns grouped by quarter (start day // 91)."""
    quarters: dict[int, list[Campaign]] = {}
    for campaign in plan:
        quarters.setdefault(campaign.start_day // QUARTER_DAYS, []).append(campaign)
    return quarters


def _plan_table(campaigns: list[Campaign], line_names: list[str]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "campaign_id": [c.campaign_id for c in campaigns],
            "campaign_type": [c.campaign_type for c in campaigns],
            "channel_code": [c.channel for c in campaigns],
            "start_day": [c.start_day for c in campaigns],
            "product_line": [line_names[c.line] if c.line >= 0 else None for c in campaigns],
            "offer": [OFFER[c.campaign_type][1] for c in campaigns],
        }
    )


def check_decision(decision: CampaignDecision, campaign: Campaign, known: np.ndarray) -> None:
    """Refuse a decision with an unknown channel, offer, control share or customer id."""
    where = f"campaign {campaign.campaign_id} ({campaign.campaign_type})"
    require(
        decision.channel in COST_PER_CONTACT_EUR,
        f'{where}: channel must be one of {sorted(COST_PER_CONTACT_EUR)}, got "{decision.channel}"',
    )
    top = MAX_OFFER.get(campaign.campaign_type, MAX_DISCOUNT)
    require(
        0.0 <= decision.offer <= top,
        f"{where}: offer must be from 0 to {top}, got {decision.offer}",
    )
    require(
        0.0 <= decision.control_share <= 0.9,
        f"{where}: control_share must be from 0 to 0.9, got {decision.control_share}",
    )
    unknown = np.setdiff1d(decision.customer_ids, known)
    require(
        len(unknown) == 0,
        f"{where}: {len(unknown)} customer ids are not in the base, e.g. {unknown[:3].tolist()}",
    )


def _campaign_process(
    policy: Policy, seed: int, recorder: _Recorder
) -> Callable[[simpy.Environment, ShardState, list[Campaign]], Process]:
    def process(env: simpy.Environment, shard: ShardState, plan: list[Campaign]) -> Process:
        recorder.shard = shard
        recorder.logs = LogFrames(shard)
        line_names = shard.catalogue.products.drop_duplicates("product_line")
        names = line_names[line_names["tier"].notna()]["product_line"].tolist()
        share = margin_share(shard)
        for quarter, campaigns in planned_quarters(plan).items():
            start = quarter * QUARTER_DAYS * MINUTES_PER_DAY + CAMPAIGN_HOUR * 60.0
            if start > env.now:
                yield env.timeout(start - env.now)
            view = QuarterView(
                quarter,
                _plan_table(campaigns, names),
                company_knowledge(shard, campaign_frame(recorder.campaigns), recorder.logs),
                shard.catalogue.products,
                seed,
            )
            decisions = {d.campaign_id: d for d in policy(view)}
            for campaign in campaigns:
                decision = decisions.get(campaign.campaign_id)
                begin = campaign.start_day * MINUTES_PER_DAY + CAMPAIGN_HOUR * 60.0
                if begin > env.now:
                    yield env.timeout(begin - env.now)
                if decision is None:
                    continue
                check_decision(decision, campaign, shard.ids)
                run_decision(env, shard, campaign, decision, seed, quarter, share, recorder)

    return process


def run_decision(
    env: simpy.Environment,
    shard: ShardState,
    campaign: Campaign,
    decision: CampaignDecision,
    seed: int,
    quarter: int,
    share: float,
    recorder: _Recorder,
) -> None:
    """Select, split by common random numbers, contact, and start responders and leavers."""
    channel = decision.channel
    actual = Campaign(
        campaign.campaign_id, campaign.campaign_type, channel, campaign.start_day, campaign.line
    )
    kind = campaign.campaign_type
    ids = np.unique(np.asarray(decision.customer_ids, dtype=np.int64))
    indices = ids - shard.ids[0]
    if channel in ("email", "phone", "mobile"):  # opt-in needed (UWG §7)
        indices = indices[shard.consent[indices]]
    ids = shard.ids[indices]

    def uniforms(purpose: str) -> np.ndarray:
        return common_uniforms(seed, quarter, kind, ids, purpose)

    is_control = uniforms("control") < decision.control_share
    hidden = propensities(shard, actual, decision.offer, indices)
    if kind == "win_back":  # whoever a campaign drove away is not won back within the run
        hidden["p_respond"][np.isin(indices, list(recorder.annoyed))] = 0.0
    responds = uniforms("respond") < hidden["p_respond"]
    leaves = uniforms("leave") < hidden["p_leave"]
    buys_anyway = uniforms("buy_without") < hidden["p_buy_without"]
    delays = uniforms("delay")
    now = env.now
    years_left = (shard.horizon_min - now) / MINUTES_PER_DAY / 365.0
    cost = COST_PER_CONTACT_EUR[channel]
    end = pd.Timestamp(shard.params.start_date) + pd.Timedelta(
        days=campaign.start_day + RESPONSE_WINDOW_DAYS - 1
    )
    costs = unit_costs(shard)
    recorder.campaigns.append(
        {
            "campaign_id": campaign.campaign_id,
            "quarter": quarter,
            "campaign_type": kind,
            "channel_code": channel,
            "start_date": pd.Timestamp(shard.params.start_date)
            + pd.Timedelta(days=campaign.start_day),
            "end_date": end,
            "product_line": campaign.line,
            "offer_share": decision.offer,
            "cost_per_contact_eur": cost,
            "control_share": decision.control_share,
        }
    )
    log = shard.log.campaign_contacts
    for k, index in enumerate(indices.tolist()):
        control = bool(is_control[k])
        alive = bool(shard.alive[index])
        value_leave = customer_value(shard, index, years_left, share) if alive else 0.0
        value_respond = response_value(
            shard, actual, index, decision.offer, years_left, share, costs
        )
        contact_index = len(log)  # responders point to their contact by this position
        paid = 0.0 if control else cost
        log.append(
            CampaignContactRecord(
                campaign.campaign_id, shard.id_list[index], now, channel, control, paid
            )
        )
        if not control:
            if leaves[k]:
                shard.end_relationship(index, CONTACT_FATIGUE_REASON)
                recorder.annoyed.add(index)
            elif responds[k]:
                delay = (0.5 + (RESPONSE_WINDOW_DAYS - 1.0) * delays[k] ** 2) * MINUTES_PER_DAY
                env.process(
                    responder(env, shard, actual, index, contact_index, delay, decision.offer)
                )
        recorder.rows.append(
            {
                "campaign_id": campaign.campaign_id,
                "quarter": quarter,
                "campaign_type": kind,
                "channel": channel,
                "offer": decision.offer,
                "customer_id": shard.id_list[index],
                "is_control": control,
                "cost_eur": 0.0 if control else cost,
                "p_respond": hidden["p_respond"][k],
                "p_leave": hidden["p_leave"][k],
                "p_buy_without": hidden["p_buy_without"][k],
                "responded": bool(responds[k] and not leaves[k] and not control),
                "left_by_contact": bool(leaves[k] and not control),
                "bought_if_contacted": bool(
                    not leaves[k] and (buys_anyway[k] or (responds[k] and kind != "retention"))
                ),
                "bought_if_not_contacted": bool(buys_anyway[k]),
                "value_if_responding_eur": value_respond,
                "value_if_leaving_eur": value_leave,
            }
        )


def run_with_policy(
    policy: Policy,
    customers: int = 2000,
    years: int = 1,
    seed: int = 1,
    params: LifecycleParameters | None = None,
) -> PolicyRunResult:
    """Run ``customers`` people for ``years`` years, asking ``policy`` every quarter.

    Parameters
    ----------
    policy
        Called at every quarter start with a :class:`QuarterView`; returns a
        :class:`CampaignDecision` per campaign to run (campaigns without one are skipped).
    customers
        People in the base (customers and prospects), 100 to 50,000.
    years
        Length of the run in years (four quarters each).
    seed
        Seed of the run: same seed, same policy, same result.
    params
        Model parameters (``years`` is taken from the argument).

    Returns
    -------
    PolicyRunResult
    """
    if not 100 <= customers <= 50_000:
        raise InputError(f'"customers" must be from 100 to 50,000, got {customers}')
    params = replace(params or LifecycleParameters(), years=years)
    recorder = _Recorder()
    result = simulate_shard(
        0, 1, customers, params, seed, campaign_process=_campaign_process(policy, seed, recorder)
    )
    assert recorder.shard is not None
    knowledge = company_knowledge(recorder.shard, campaign_frame(recorder.campaigns), recorder.logs)
    selections = value_selections(pd.DataFrame(recorder.rows))
    return PolicyRunResult(
        knowledge, selections, quarter_table(knowledge, selections, params), result.people
    )
