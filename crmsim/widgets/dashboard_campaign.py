"""The campaign planner of chapter 05 as a live dashboard, with campaign A beside campaign B.

:class:`CampaignDashboard` builds the quarter start once (a market of customers
simulated up to the start of a quarter) and shows the chapter's campaign planner
(:class:`~crmsim.widgets.campaign_planner.CampaignPlannerPanel`) in large type.
"Freeze as A" keeps the current campaign; after a change (another segment, a larger
budget, a bigger control group) the table shows A, B and B − A, so a class sees what
the change buys: responses, measured uplift, cost and the true contribution.
"""

from __future__ import annotations

import math
from html import escape
from typing import Any

import ipywidgets as widgets
import pandas as pd

from crmsim.lifecycle.policies import fixed_plan
from crmsim.lifecycle.policy_snapshot import market_snapshot
from crmsim.widgets.campaign_planner import CampaignPlannerPanel, CampaignSummary

__all__ = ["CAMPAIGN_FIGURES", "CampaignDashboard", "campaign_comparison"]

#: The compared figures: summary field → (label with the German term, unit).
CAMPAIGN_FIGURES = {
    "treated": ("People contacted (Angeschriebene)", "count"),
    "response_rate": ("Response rate (Rücklaufquote)", "share"),
    "buy_rate_treatment": ("Buy rate, contacted (Kaufquote Testgruppe)", "share"),
    "buy_rate_control": ("Buy rate, control group (Kaufquote Kontrollgruppe)", "share"),
    "uplift": ("Measured uplift (gemessener Uplift)", "share"),
    "cost_eur": ("Contact cost (Kontaktkosten)", "EUR"),
    "incremental_contribution_eur": (
        "True incremental contribution (zusätzlicher Deckungsbeitrag)",
        "EUR",
    ),
    "roi": ("ROI (Kapitalrendite)", "ratio"),
}

_CSS = """
.crm-campaign { --jp-widgets-font-size: 18px; --jp-widgets-inline-height: 36px; }
.crm-campaign .widget-label, .crm-campaign .widget-readout, .crm-campaign select,
.crm-campaign .widget-button { font-size: 18px; }
.crm-campaign table { font-size: 22px; line-height: 1.45; }
.crm-campaign td, .crm-campaign th { padding: 2px 10px; }
.crm-campaign .crm-num { text-align: right; white-space: nowrap; }
"""


def _figure(summary: CampaignSummary, field: str) -> float:
    value = getattr(summary, field)
    return float(value.value if field == "uplift" else value)


def _shown(value: float, unit: str, signed: bool = False) -> str:
    if math.isnan(value):
        return "–"
    sign = "+" if signed else ""
    if unit == "share":
        shown = f"{value * 100:{sign}.1f} pp" if signed else f"{value * 100:.1f} %"
    elif unit == "EUR":
        shown = f"{value:{sign},.0f} EUR"
    elif unit == "ratio":
        shown = f"{value:+.2f}"
    else:
        shown = f"{value:{sign},.0f}"
    return shown.replace("-", "−")


def campaign_comparison(a: CampaignSummary, b: CampaignSummary) -> pd.DataFrame:
    """Campaign A beside campaign B and the difference, one row per compared figure.

    Returns
    -------
    pandas.DataFrame
        Index ``figure`` (the keys of :data:`CAMPAIGN_FIGURES`); columns ``a``, ``b`` and
        ``difference`` (B − A; shares as shares, money in EUR, the uplift's point value).
    """
    rows = [(field, _figure(a, field), _figure(b, field)) for field in CAMPAIGN_FIGURES]
    table = pd.DataFrame(rows, columns=["figure", "a", "b"]).set_index("figure")
    table["difference"] = table["b"] - table["a"]
    return table


def comparison_markup(table: pd.DataFrame) -> str:
    """:func:`campaign_comparison` as an HTML table (values in ``data-figure`` cells)."""
    head = "<tr><th></th><th>A</th><th>B</th><th>B − A</th></tr>"
    rows = []
    for field, row in table.iterrows():
        label, unit = CAMPAIGN_FIGURES[str(field)]
        cells = [_shown(row["a"], unit), _shown(row["b"], unit)]
        cells.append(_shown(row["difference"], unit, signed=True))
        rows.append(
            f'<tr data-figure="{field}"><td>{escape(label)}</td>'
            + "".join(f'<td class="crm-num">{escape(cell)}</td>' for cell in cells)
            + "</tr>"
        )
    return f'<table class="crm-campaign-ab">{head}{"".join(rows)}</table>'


class CampaignDashboard:
    """The campaign planner on a quarter start, with A/B comparison, for Voila.

    Parameters
    ----------
    customers:
        People in the simulated market.
    seed:
        Seed of the market (the same seed gives the same customers).
    quarter:
        The quarter whose start the campaign is planned at (1 = after the first quarter).

    Attributes
    ----------
    planner:
        The :class:`~crmsim.widgets.campaign_planner.CampaignPlannerPanel`.
    frozen:
        The summary frozen as A, or ``None``.
    widget:
        The ipywidgets container to display.
    """

    def __init__(self, customers: int = 1000, seed: int = 7, quarter: int = 2) -> None:
        snapshot = market_snapshot(
            fixed_plan, customers=customers, years=1, seed=seed, quarter=quarter
        )
        self.planner = CampaignPlannerPanel(snapshot)
        self.frozen: CampaignSummary | None = None
        self.freeze_button = widgets.Button(description="Freeze as A", icon="snowflake-o")
        self.clear_button = widgets.Button(description="End comparison", disabled=True)
        self.freeze_button.on_click(lambda _: self.freeze())
        self.clear_button.on_click(lambda _: self.clear_comparison())
        self.comparison_html = widgets.HTML()
        planner_update = self.planner.update

        def update() -> None:  # the planner's update, then the comparison with A
            planner_update()
            self.show_comparison()

        self.planner.update = update  # type: ignore[method-assign]
        self.widget = widgets.VBox(
            [
                self.planner.widget,
                widgets.HBox([self.freeze_button, self.clear_button]),
                self.comparison_html,
            ]
        )
        self.widget.add_class("crm-campaign")

    def freeze(self) -> None:
        """Keep the current campaign as A."""
        self.frozen = self.planner.summary
        self.clear_button.disabled = False
        self.show_comparison()

    def clear_comparison(self) -> None:
        """End the A/B comparison."""
        self.frozen = None
        self.clear_button.disabled = True
        self.show_comparison()

    def show_comparison(self) -> None:
        """Show A, B and B − A (nothing while no campaign is frozen)."""
        if self.frozen is None:
            self.comparison_html.value = ""
            return
        table = campaign_comparison(self.frozen, self.planner.summary)
        self.comparison_html.value = comparison_markup(table)

    def dashboard(self) -> widgets.VBox:
        """The style block followed by the dashboard."""
        return widgets.VBox([widgets.HTML(f"<style>{_CSS}</style>"), self.widget])

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        return self.widget._repr_mimebundle_(**kwargs)
