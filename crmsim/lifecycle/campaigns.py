"""The cross-media campaign cycle: segment → plan → execute → responses → success analysis.

Every quarter the company runs five campaigns, each over one channel (letter,
email, phone, mobile messages or personalised offers on the website), with a
random control group that is selected but not contacted, so success can be
measured as uplift against the control. Some responses to cross- and
up-selling offers are leads (interest, advice wanted) rather than orders.

- acquisition (Neukundengewinnung) of prospects from bought address lists,
- cross-selling of an add-on to owners of a device line,
- up-selling of the next tier to owners of a basic or plus device,
- retention (Kundenbindung) of customers at risk,
- win-back (Rückgewinnung) of customers who cancelled in the last year.

The plan is the same for every shard (it depends on the calendar, not on the
seed); which customers are selected and who responds is drawn per shard.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from crmsim.lifecycle.params import LifecycleParameters

CAMPAIGN_TYPES = ("acquisition", "cross_sell", "up_sell", "retention", "win_back")
#: Cost of one contact per channel, in EUR (printing and postage, call minutes, sending).
COST_PER_CONTACT_EUR = {"letter": 1.20, "email": 0.05, "phone": 6.50, "mobile": 0.15, "web": 0.40}
#: Channels that need marketing consent (opt-in) under German competition law (UWG §7).
CONSENT_CHANNELS = frozenset({"email", "phone", "mobile"})
#: Channel per campaign type, alternating by quarter.
CHANNEL_PLAN = {
    "acquisition": ("letter", "letter"),
    "cross_sell": ("email", "mobile"),
    "up_sell": ("phone", "web"),
    "retention": ("phone", "letter"),
    "win_back": ("letter", "email"),
}
#: Day of the quarter on which each campaign type starts.
START_DAY = {"acquisition": 10, "cross_sell": 25, "up_sell": 40, "retention": 55, "win_back": 70}
#: Base chance that a contacted, well-fitting customer responds within the campaign window.
BASE_RESPONSE = {
    "acquisition": 0.015,
    "cross_sell": 0.08,
    "up_sell": 0.05,
    "retention": 0.12,
    "win_back": 0.06,
}
#: Discount on the offered product, or the voucher value in EUR for retention offers.
OFFER = {
    "acquisition": ("welcome discount 10 %", 0.10),
    "cross_sell": ("add-on at 15 % off", 0.15),
    "up_sell": ("next tier at 10 % off", 0.10),
    "retention": ("loyalty voucher 20 EUR", 20.0),
    "win_back": ("come-back discount 20 %", 0.20),
}
RESPONSE_WINDOW_DAYS = 30
CONTROL_SHARE = 0.15
#: Share of the eligible target group that a campaign contacts (budget limit).
REACH = {"acquisition": 0.5, "cross_sell": 0.6, "up_sell": 0.5, "retention": 0.6, "win_back": 1.0}
#: Inactivity (days without a purchase) that marks a customer as at risk.
AT_RISK_DAYS = 240


@dataclass(frozen=True)
class Campaign:
    """One planned campaign; ``line`` is the device line offered (-1 when none)."""

    campaign_id: int
    campaign_type: str
    channel: str
    start_day: int
    line: int


def plan_campaigns(params: LifecycleParameters, line_count: int) -> list[Campaign]:
    """The campaign plan for the whole period, ordered by start day then type.

    Parameters
    ----------
    params
        Model parameters (start date and length of the period).
    line_count
        Number of device lines that cross- and up-selling campaigns rotate through.
    """
    campaigns: list[Campaign] = []
    quarter = 0
    while quarter * 91 < params.horizon_days:
        for kind in CAMPAIGN_TYPES:
            day = quarter * 91 + START_DAY[kind]
            if day + RESPONSE_WINDOW_DAYS >= params.horizon_days:
                continue
            channel = CHANNEL_PLAN[kind][quarter % 2]
            line = (quarter * 3 + CAMPAIGN_TYPES.index(kind)) % line_count
            uses_line = kind in ("cross_sell", "up_sell")
            campaigns.append(
                Campaign(len(campaigns) + 1, kind, channel, day, line if uses_line else -1)
            )
        quarter += 1
    return campaigns


def campaign_table(
    campaigns: list[Campaign], params: LifecycleParameters, line_names: list[str]
) -> pd.DataFrame:
    """``dim_campaign`` rows for the plan (see the warehouse schema for the columns)."""
    start = params.start_date
    rows = []
    for campaign in campaigns:
        begins = start + dt.timedelta(days=campaign.start_day)
        offer, _ = OFFER[campaign.campaign_type]
        line = line_names[campaign.line] if campaign.line >= 0 else None
        name = f"{begins:%Y-Q}{(begins.month - 1) // 3 + 1} {campaign.campaign_type}"
        rows.append(
            (
                campaign.campaign_id,
                name + (f" {line}" if line else ""),
                campaign.campaign_type,
                campaign.channel,
                pd.Timestamp(begins),
                pd.Timestamp(begins + dt.timedelta(days=RESPONSE_WINDOW_DAYS - 1)),
                line,
                offer,
                COST_PER_CONTACT_EUR[campaign.channel],
                CONTROL_SHARE,
            )
        )
    return pd.DataFrame(
        rows,
        columns=[
            "campaign_id",
            "campaign_name",
            "campaign_type",
            "channel_code",
            "start_date",
            "end_date",
            "product_line",
            "offer",
            "cost_per_contact_eur",
            "control_share",
        ],
    )


def channel_fit(channel: str, preferred: str, consent: bool, age_band: str | None) -> float:
    """How much more likely a response is on this channel for this person (1 = neutral)."""
    if channel in CONSENT_CHANNELS and not consent:
        return 0.0
    fit = 1.5 if channel == preferred else 1.0
    if channel == "letter" and age_band in ("45-59", "60+"):
        fit *= 1.3
    if channel in ("email", "mobile", "web") and age_band == "18-29":
        fit *= 1.3
    return fit


def split_control(
    candidates: np.ndarray, reach: float, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """Select ``reach`` of the candidates, then split them into treatment and control groups.

    Returns
    -------
    tuple of numpy.ndarray
        Local indices of the treatment group and of the control group, each sorted.
    """
    chosen = candidates[rng.random(len(candidates)) < reach]
    is_control = rng.random(len(chosen)) < CONTROL_SHARE
    return np.sort(chosen[~is_control]), np.sort(chosen[is_control])
