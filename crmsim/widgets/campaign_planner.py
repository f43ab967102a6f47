"""The campaign planning panel: segment, channel, offer, budget and control share → one campaign.

The panel plays one campaign of a quarter from a cached quarter start
(:func:`crmsim.lifecycle.policy_snapshot.simulate_campaign`, a few milliseconds) and
shows the treatment group beside the control group: responses, buy rates,
uplift with its interval, cost, incremental contribution and ROI.
"""

from __future__ import annotations

from html import escape
from typing import NamedTuple

import ipywidgets as widgets
import pandas as pd

from crmsim.analytics.estimates import Estimate
from crmsim.analytics.group_differences import share_difference
from crmsim.lifecycle.campaigns import CAMPAIGN_TYPES, COST_PER_CONTACT_EUR
from crmsim.lifecycle.policy_snapshot import CampaignPlan, MarketSnapshot, simulate_campaign
from crmsim.widgets.controlled_panel import ControlledPanel

_STYLE = {"description_width": "150px"}
_LAYOUT = widgets.Layout(width="400px")


class CampaignSummary(NamedTuple):
    """Key figures of one campaign (money in EUR; rates and uplift as shares).

    ``incremental_contribution_eur`` is the true effect before contact cost, known
    only in the simulation; ``uplift`` is what the control group lets a company
    measure (buy rate treatment − control, with Newcombe's 95 % interval).
    """

    treated: int
    control: int
    responses: int
    response_rate: float
    buyers_treatment: int
    buyers_control: int
    buy_rate_treatment: float
    buy_rate_control: float
    uplift: Estimate
    left_by_contact: int
    cost_eur: float
    incremental_contribution_eur: float
    roi: float


def campaign_summary(table: pd.DataFrame) -> CampaignSummary:
    """Summarise :func:`~crmsim.lifecycle.policy_snapshot.simulate_campaign`'s rows.

    Examples
    --------
    >>> rows = pd.DataFrame({"is_control": [False, False, True, True],
    ...     "responded": [True, False, False, False], "bought": [True, False, False, True],
    ...     "left_by_contact": [False, False, False, False], "cost_eur": [1.0, 1.0, 0.0, 0.0],
    ...     "effect_eur": [9.0, -1.0, 0.0, 0.0]})
    >>> s = campaign_summary(rows)
    >>> s.response_rate, s.cost_eur, s.incremental_contribution_eur, s.roi
    (0.5, 2.0, 10.0, 4.0)
    """
    treated = table[~table["is_control"]]
    held = table[table["is_control"]]
    cost = float(treated["cost_eur"].sum())
    gained = float(table["effect_eur"].sum()) + cost
    n_t, n_c = len(treated), len(held)
    b_t, b_c = int(treated["bought"].sum()), int(held["bought"].sum())
    nan = float("nan")
    uplift = (
        share_difference(b_t, n_t, b_c, n_c) if n_t and n_c else Estimate(nan, nan, nan, n_t + n_c)
    )
    return CampaignSummary(
        n_t,
        n_c,
        int(treated["responded"].sum()),
        float(treated["responded"].mean()) if n_t else nan,
        b_t,
        b_c,
        b_t / n_t if n_t else nan,
        b_c / n_c if n_c else nan,
        uplift,
        int(treated["left_by_contact"].sum()),
        cost,
        gained,
        (gained - cost) / cost if cost else nan,
    )


def _pct(value: float) -> str:
    return "–" if value != value else f"{100 * value:.1f} %"


def summary_html(summary: CampaignSummary) -> str:
    """The treatment group beside the control group, then the money, as an HTML table."""
    s = summary
    rows = [
        ("People", f"{s.treated:,}", f"{s.control:,}"),
        ("Responses", f"{s.responses:,}", "none (not contacted)"),
        ("Response rate", _pct(s.response_rate), "–"),
        ("Bought in the window", f"{s.buyers_treatment:,}", f"{s.buyers_control:,}"),
        ("Buy rate", _pct(s.buy_rate_treatment), _pct(s.buy_rate_control)),
        ("Left because contacted", f"{s.left_by_contact:,}", "–"),
    ]
    body = "".join(
        f"<tr><td>{escape(a)}</td><td style='text-align:right'>{escape(b)}</td>"
        f"<td style='text-align:right'>{escape(c)}</td></tr>"
        for a, b, c in rows
    )
    u = s.uplift
    money = [
        ("Uplift (buy rate T − C)", f"{_pct(u.value)} [{_pct(u.low)}, {_pct(u.high)}]"),
        ("Contact cost", f"{s.cost_eur:,.0f} EUR"),
        ("Incremental contribution (true)", f"{s.incremental_contribution_eur:,.0f} EUR"),
        ("ROI", "–" if s.roi != s.roi else f"{s.roi:+.2f}"),
    ]
    tail = "".join(
        f"<tr><td>{escape(a)}</td><td colspan=2 style='text-align:right'>"
        f"<span data-kpi='{escape(a)}'>{escape(b)}</span></td></tr>"
        for a, b in money
    )
    head = "<tr><th></th><th>treatment</th><th>control</th></tr>"
    return f"<table>{head}{body}{tail}</table>"


class CampaignPlannerPanel(ControlledPanel):
    """Controls for one campaign and its result, from a cached quarter start.

    Parameters
    ----------
    snapshot
        The base at a quarter start (:func:`~crmsim.lifecycle.policy_snapshot.market_snapshot`).
    plan
        The starting settings.

    Attributes
    ----------
    widget
        The ipywidgets container to display.
    table, summary
        The last campaign's rows and key figures.
    """

    def __init__(self, snapshot: MarketSnapshot, plan: CampaignPlan | None = None) -> None:
        self.snapshot = snapshot
        plan = plan or CampaignPlan()
        segments = ["all", *sorted(snapshot.people["segment"].unique())]
        slider = {"style": _STYLE, "layout": _LAYOUT, "continuous_update": False}
        dropdown = widgets.Dropdown
        self.controls: dict[str, widgets.ValueWidget] = {
            "campaign_type": dropdown(
                options=list(CAMPAIGN_TYPES), value=plan.campaign_type, description="Campaign"
            ),
            "segment": dropdown(options=segments, value=plan.segment, description="Segment"),
            "channel": dropdown(
                options=list(COST_PER_CONTACT_EUR), value=plan.channel, description="Channel"
            ),
            "offer": widgets.FloatSlider(
                min=0.0, max=0.5, step=0.01, description="Offer (share)", **slider
            ),
            "budget_eur": widgets.FloatSlider(
                min=0.0, max=10_000.0, step=50.0, description="Budget (EUR)", **slider
            ),
            "control_share": widgets.FloatSlider(
                min=0.0, max=0.9, step=0.05, description="Control share", **slider
            ),
        }
        for name in ("campaign_type", "segment", "channel"):
            self.controls[name].style = _STYLE
            self.controls[name].layout = _LAYOUT
        offer = plan.offer / 100.0 if plan.campaign_type == "retention" else plan.offer
        self.controls["offer"].value = offer
        self.controls["budget_eur"].value = plan.budget_eur
        self.controls["control_share"].value = plan.control_share
        self.result_html = widgets.HTML()
        self.widget = widgets.HBox(
            [widgets.VBox(list(self.controls.values())), self.result_html],
            layout=widgets.Layout(flex_flow="row wrap", grid_gap="24px"),
        )
        self._holding = False
        for control in self.controls.values():
            control.observe(self._changed, names="value")
        self.update()

    @property
    def plan(self) -> CampaignPlan:
        """The campaign with the controls' current values."""
        values = {name: control.value for name, control in self.controls.items()}
        if values["campaign_type"] == "retention":  # the offer is a voucher: 0-50 EUR (x 100)
            values["offer"] = round(values["offer"] * 100.0, 2)
        return CampaignPlan(**values)

    def update(self) -> None:
        """Play the campaign with the current settings and show the result."""
        self.table = simulate_campaign(self.snapshot, self.plan)
        self.summary = campaign_summary(self.table)
        note = ""
        if self.plan.campaign_type == "retention":
            note = f"<p>Retention offer: a voucher of {self.plan.offer:.0f} EUR.</p>"
        self.result_html.value = summary_html(self.summary) + note
