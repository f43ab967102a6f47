"""Ready-made targeting policies for :func:`~crmsim.lifecycle.policy_run.run_with_policy`.

A policy is a callable that takes a :class:`~crmsim.lifecycle.policy_run.QuarterView`
and returns a :class:`~crmsim.lifecycle.policy_run.CampaignDecision` per campaign.
All policies run acquisition as planned (prospects have no history to learn
from) and differ in whom they select for cross-selling, up-selling, retention
and win-back:

- :func:`fixed_plan`: the generator's plan (a random part of the segment);
- :func:`contact_everybody`: the whole segment;
- :func:`random_targeting`: a random share of the segment;
- :func:`rfm_targeting`: customers in chosen RFM segments;
- :class:`ResponseModelPolicy`: whoever's predicted response pays the contact,
  learned from earlier quarters;
- :class:`UpliftModelPolicy`: whoever's predicted uplift pays the contact (two
  models on earlier treatment and control groups); never a sleeping dog.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from crmsim.lifecycle.campaigns import CONTROL_SHARE, COST_PER_CONTACT_EUR, REACH
from crmsim.lifecycle.policy_run import CampaignDecision, Policy, QuarterView
from crmsim.lifecycle.policy_targeting import (
    FEATURES,
    campaign_outcomes_known,
    customer_features,
    eligible_customers,
)

#: Fewest earlier contacts (treated and control each) before a model is trusted.
MIN_TRAINING = 30


def _rng(view: QuarterView, campaign_id: int) -> np.random.Generator:
    return np.random.default_rng([view.seed, view.quarter, campaign_id, 7])


def _decide(
    view: QuarterView,
    choose: Callable[[pd.Series, np.ndarray], np.ndarray],
    control_share: Callable[[int], float] = lambda campaign_id: CONTROL_SHARE,
) -> list[CampaignDecision]:
    """One decision per planned campaign: plan channel and offer, ``choose`` picks from the segment.

    Acquisition always follows the plan (a random half of the prospects).
    """
    decisions = []
    for _, campaign in view.campaigns.iterrows():
        segment = eligible_customers(
            view.knowledge, campaign["campaign_type"], campaign["product_line"], view.products
        )
        if campaign["campaign_type"] == "acquisition":
            rng = _rng(view, int(campaign["campaign_id"]))
            chosen = segment[rng.random(len(segment)) < REACH["acquisition"]]
        else:
            chosen = choose(campaign, segment)
        decisions.append(
            CampaignDecision(
                int(campaign["campaign_id"]),
                np.asarray(chosen, dtype=np.int64),
                str(campaign["channel_code"]),
                float(campaign["offer"]),
                control_share(int(campaign["campaign_id"])),
            )
        )
    return decisions


def fixed_plan(view: QuarterView) -> list[CampaignDecision]:
    """The generator's plan: a random share (``REACH``) of each campaign's segment."""

    def choose(campaign: pd.Series, segment: np.ndarray) -> np.ndarray:
        rng = _rng(view, int(campaign["campaign_id"]))
        return segment[rng.random(len(segment)) < REACH[campaign["campaign_type"]]]

    return _decide(view, choose)


def contact_everybody(view: QuarterView) -> list[CampaignDecision]:
    """Everybody in each campaign's segment (15 % of them held back as control)."""
    return _decide(view, lambda campaign, segment: segment)


def random_targeting(share: float = 0.5) -> Policy:
    """A policy that selects a random ``share`` of each segment."""
    if not 0.0 < share <= 1.0:
        raise ValueError(f"share must be in (0, 1], got {share}")

    def policy(view: QuarterView) -> list[CampaignDecision]:
        def choose(campaign: pd.Series, segment: np.ndarray) -> np.ndarray:
            rng = _rng(view, int(campaign["campaign_id"]))
            return segment[rng.random(len(segment)) < share]

        return _decide(view, choose)

    return policy


def rfm_targeting(segments: tuple[str, ...] = ("champions", "loyal", "promising")) -> Policy:
    """A policy that selects the segment's customers in the given RFM segments.

    Win-back keeps the whole segment (cancelled customers have no current RFM value).
    """
    from crmsim.analytics.rfm import rfm_scores, rfm_table

    def policy(view: QuarterView) -> list[CampaignDecision]:
        orders = view.knowledge.orders
        if orders.empty:
            return contact_everybody(view)
        scored = rfm_scores(rfm_table(orders, view.knowledge.as_of))
        wanted = scored.index[scored["segment"].isin(segments)].to_numpy()

        def choose(campaign: pd.Series, segment: np.ndarray) -> np.ndarray:
            if campaign["campaign_type"] == "win_back":
                return segment
            return segment[np.isin(segment, wanted)]

        return _decide(view, choose)

    return policy


def success_value(view: QuarterView, campaign_type: str) -> float:
    """What the company thinks one success of a campaign type is worth (EUR), from its own data.

    For retention (success: the customer stays) a customer's contribution per
    year; otherwise the mean contribution of an order (revenue − cost of goods).
    """
    orders = view.knowledge.orders
    if orders.empty:
        return 0.0
    per_order = (orders["revenue_eur"] - orders["cost_eur"]).groupby(orders["order_id"]).sum()
    if campaign_type != "retention":
        return float(per_order.mean())
    elapsed_years = max((view.knowledge.as_of - orders["order_ts"].min()).days / 365.0, 0.25)
    buyers = orders["customer_id"].nunique()
    return float(per_order.sum() / buyers / elapsed_years)


def expected_incentive(view: QuarterView, campaign: pd.Series) -> float:
    """Incentive (EUR) paid per contact without an order: the voucher × the known response rate.

    Only retention offers are vouchers; discounts are netted out of the order.
    """
    if campaign["campaign_type"] != "retention":
        return 0.0
    known = view.knowledge
    past = known.campaigns.loc[known.campaigns["campaign_type"] == "retention", "campaign_id"]
    contacts = known.campaign_contacts
    treated = contacts[contacts["campaign_id"].isin(past) & ~contacts["is_control"].astype(bool)]
    answers = known.campaign_responses["campaign_id"].isin(past).sum()
    rate = answers / len(treated) if len(treated) else 0.1
    return float(campaign["offer"]) * float(rate)


@dataclass
class _LearningPolicy(ABC):
    """A policy that learns from its own earlier campaigns (the closed loop).

    It remembers the features every selected person had when chosen, joins them
    with what the company saw afterwards, fits a model per campaign type, and
    contacts whoever's expected gain is positive:
    score × value of a success (:func:`success_value`) − contact cost − expected
    incentive (:func:`expected_incentive`). Until a campaign type has enough
    history it contacts a random ``explore_share`` of the segment and holds back
    ``explore_control_share`` of them as control, to learn.
    """

    seed: int = 0
    explore_share: float = 0.5
    explore_control_share: float = 0.3
    history: dict[int, pd.DataFrame] = field(default_factory=dict)
    campaign_types: dict[int, str] = field(default_factory=dict)
    exploring: set[int] = field(default_factory=set)

    def training_data(self, view: QuarterView, campaign_type: str) -> pd.DataFrame:
        """Earlier campaigns of the type: features at selection time joined with what happened."""
        frames = []
        run = set(view.knowledge.campaigns["campaign_id"].tolist())
        for campaign_id, features in self.history.items():
            if self.campaign_types[campaign_id] != campaign_type or campaign_id not in run:
                continue
            seen = campaign_outcomes_known(view.knowledge, campaign_id).set_index("customer_id")
            frames.append(features.join(seen, how="inner"))
        return pd.concat(frames) if frames else pd.DataFrame()

    @abstractmethod
    def score(self, training: pd.DataFrame, features: pd.DataFrame) -> np.ndarray | None:
        """Score per person of ``features``; None while there is too little to learn from."""

    def __call__(self, view: QuarterView) -> list[CampaignDecision]:
        def choose(campaign: pd.Series, segment: np.ndarray) -> np.ndarray:
            channel = str(campaign["channel_code"])
            kind = str(campaign["campaign_type"])
            features = customer_features(view.knowledge, channel).loc[segment]
            campaign_id = int(campaign["campaign_id"])
            self.history[campaign_id] = features
            self.campaign_types[campaign_id] = kind
            training = self.training_data(view, kind)
            scores = self.score(training, features) if len(segment) else None
            if scores is None:  # nothing to learn from yet: explore a random part of the segment
                self.exploring.add(campaign_id)
                rng = _rng(view, campaign_id)
                return segment[rng.random(len(segment)) < self.explore_share]
            cost = COST_PER_CONTACT_EUR[channel] + expected_incentive(view, campaign)
            gain = scores * success_value(view, kind) - cost
            return segment[gain > 0]

        def control_share(campaign_id: int) -> float:
            return self.explore_control_share if campaign_id in self.exploring else CONTROL_SHARE

        return _decide(view, choose, control_share)


class ResponseModelPolicy(_LearningPolicy):
    """Scores by predicted response (logistic regression on earlier contacted people).

    It treats every response as gained business, so it also contacts people
    who would have bought anyway.
    """

    def score(self, training: pd.DataFrame, features: pd.DataFrame) -> np.ndarray | None:
        """Predicted chance to respond if contacted."""
        treated = training[training["treated"]] if len(training) else training
        if len(treated) < MIN_TRAINING or treated["responded"].nunique() < 2:
            return None
        from sklearn.linear_model import LogisticRegression
        from sklearn.pipeline import make_pipeline
        from sklearn.preprocessing import StandardScaler

        model = make_pipeline(StandardScaler(), LogisticRegression(max_iter=1000))
        model.fit(treated[FEATURES].to_numpy(float), treated["responded"].to_numpy(bool))
        return model.predict_proba(features[FEATURES].to_numpy(float))[:, 1]


class UpliftModelPolicy(_LearningPolicy):
    """Scores by predicted uplift in success (two-model approach on treatment and control).

    Success is buying in the response window and staying (for retention: staying).
    Negative uplift (sleeping dogs) means a negative gain: those are left alone.
    """

    def score(self, training: pd.DataFrame, features: pd.DataFrame) -> np.ndarray | None:
        """Predicted uplift: P(success | contacted) − P(success | not contacted)."""
        if len(training) == 0:
            return None
        groups = training.groupby("treated")["success"]
        if len(groups) < 2 or groups.size().min() < MIN_TRAINING or (groups.nunique() < 2).any():
            return None
        from crmsim.analytics.uplift import fit_two_model_uplift

        model = fit_two_model_uplift(
            training.assign(treated=training["treated"].astype(bool)),
            FEATURES,
            outcome="success",
            seed=self.seed,
        )
        return model.predict(features)


def ready_made_policies(names: tuple[str, ...] | None = None) -> dict[str, Policy]:
    """Fresh instances of the ready-made policies by display name (all, or those in ``names``).

    The names are "fixed plan", "contact everybody", "random half", "RFM best
    segments", "response model" and "uplift model". Learning policies start empty.
    """
    every: dict[str, Callable[[], Policy]] = {
        "fixed plan": lambda: fixed_plan,
        "contact everybody": lambda: contact_everybody,
        "random half": lambda: random_targeting(0.5),
        "RFM best segments": rfm_targeting,
        "response model": ResponseModelPolicy,
        "uplift model": UpliftModelPolicy,
    }
    chosen = list(every) if names is None else list(names)
    unknown = [name for name in chosen if name not in every]
    if unknown:
        raise ValueError(f"unknown policy {unknown[0]!r}; known: {', '.join(every)}")
    return {name: every[name]() for name in chosen}
