"""The complaint-policy panel: the policy mix and the value class on controls, profit at once.

The model is :mod:`crmsim.analytics.policy_mix`: a vectorised month-by-month simulation
of a customer base under a mix of the three complaint policies, with common random
numbers, so every change of a control shows the effect of the policy, not of chance.
"""

from __future__ import annotations

from html import escape
from typing import Any

import ipywidgets as widgets
import pandas as pd

from crmsim.analytics.policy_mix import (
    POLICIES,
    PolicyEffect,
    break_even_margin,
    class_base,
    pure_policy_table,
    simulate_policy_mix,
)
from crmsim.widgets.controlled_panel import ControlledPanel

_STYLE = {"description_width": "170px"}
_LAYOUT = widgets.Layout(width="440px")


class ComplaintPolicyPanel(ControlledPanel):
    """Controls for the policy mix and the value class; profit over two years at once.

    Parameters
    ----------
    effects
        Policy effects measured in the experiment (see :func:`effects_from_comparison`).
    classes
        Value-class economics (see :func:`break_even_by_class`).
    mix
        Starting shares of (none, standardised, personal).
    customers, years, seed
        Size and length of the simulated base; the seed of every run.
    """

    def __init__(
        self,
        effects: dict[str, PolicyEffect],
        classes: pd.DataFrame,
        mix: tuple[float, float, float] = (0.25, 0.45, 0.30),
        customers: int = 2000,
        years: int = 2,
        seed: int = 1,
    ) -> None:
        self.effects = effects
        self.classes = classes.set_index("value_class")
        self.customers, self.years, self.seed = customers, years, seed
        slider = {"style": _STYLE, "layout": _LAYOUT, "continuous_update": False}
        self.controls: dict[str, widgets.ValueWidget] = {
            "standardised": widgets.FloatSlider(
                mix[1],
                min=0,
                max=1,
                step=0.05,
                description="Share standardised",
                readout_format=".0%",
                **slider,
            ),
            "personal": widgets.FloatSlider(
                mix[2],
                min=0,
                max=1,
                step=0.05,
                description="Share personal",
                readout_format=".0%",
                **slider,
            ),
            "value_class": widgets.ToggleButtons(
                options=list(self.classes.index), description="Value class", style=_STYLE
            ),
        }
        self.result_html = widgets.HTML()
        self.widget = widgets.VBox([widgets.VBox(list(self.controls.values())), self.result_html])
        self._holding = False
        for control in self.controls.values():
            control.observe(self._changed, names="value")
        self.update()

    @property
    def mix(self) -> tuple[float, float, float]:
        """(none, standardised, personal): personal as set, standardised at most what is left."""
        personal = float(self.controls["personal"].value)
        standardised = min(float(self.controls["standardised"].value), 1.0 - personal)
        return (max(0.0, 1.0 - personal - standardised), standardised, personal)

    def update(self) -> None:
        """Simulate the mix and the three pure policies for the chosen class; show the table."""
        row = self.classes.loc[self.controls["value_class"].value]
        self.base = class_base(row, self.customers, self.years)
        self.result = simulate_policy_mix(self.mix, self.effects, self.base, self.seed)
        self.pure = pure_policy_table(self.effects, self.base, self.seed)
        self.break_even = break_even_margin(self.effects, self.base, seed=self.seed)
        self.result_html.value = self._markup()

    def _markup(self) -> str:
        options = {"your mix": self.result._asdict()} | {
            f"only {p}": self.pure.loc[p].to_dict() for p in POLICIES
        }
        top = max(abs(o["profit_eur"]) for o in options.values()) or 1.0
        rows = "".join(
            f"<tr><td>{escape(name)}</td>"
            f'<td style="text-align:right"><span data-kpi="profit {escape(name)}">'
            f"{o['profit_eur']:,.0f} EUR</span></td>"
            f'<td><div style="background:#3a6ea5;height:10px;'
            f'width:{max(0.0, o["profit_eur"]) / top * 220:.0f}px"></div></td>'
            f'<td style="text-align:right">{o["complaint_cost_eur"]:,.0f} EUR</td>'
            f'<td style="text-align:right">{o["customers_lost"]:,.0f}</td></tr>'
            for name, o in options.items()
        )
        none, standardised, personal = self.mix
        chosen = escape(str(self.controls["value_class"].value))
        return (
            f"<p>Mix: {none:.0%} none, {standardised:.0%} standardised, {personal:.0%} personal · "
            f"{self.base.customers:,} customers of class {chosen}, "
            f"margin {self.base.margin_per_customer_year_eur:,.0f} EUR per customer-year</p>"
            f"<table><tr><th>policy</th><th>profit over {self.base.years} years</th><th></th>"
            "<th>complaint cost</th><th>customers lost</th></tr>"
            f"{rows}</table>"
            f'<p>Personal handling beats standardised from a margin of <span data-kpi="break_even">'
            f"{self.break_even:,.0f} EUR</span> per customer-year.</p>"
        )

    def __repr__(self) -> str:
        return (
            f"ComplaintPolicyPanel(mix={tuple(round(s, 2) for s in self.mix)}, "
            f"profit_eur={self.result.profit_eur:,.0f}, break_even_eur={self.break_even:,.0f})"
        )

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        bundle = self.widget._repr_mimebundle_(**kwargs)
        bundle["text/plain"] = repr(self)
        return bundle
