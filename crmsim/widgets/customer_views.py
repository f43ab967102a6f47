"""Panels of the customer-database chapter: one customer's 360° page, the portfolio thresholds.

:class:`Customer360Panel` shows the page of the customer picked in a box;
:class:`PortfolioPanel` moves the two thresholds of the value × satisfaction
portfolio and updates the counts and the recommended actions.
Both only look up or count precomputed tables, so they answer in well under
0.3 s.
"""

from __future__ import annotations

from html import escape
from typing import Any

import ipywidgets as widgets
import pandas as pd

from crmsim.analytics.customer360 import Customer360, customer_360
from crmsim.analytics.portfolio import portfolio_summary, value_satisfaction_portfolio


def _table(frame: pd.DataFrame, rows: int = 8) -> str:
    if frame.empty:
        return "<p><i>none</i></p>"
    return frame.tail(rows).to_html(index=False, border=0, float_format=lambda v: f"{v:,.2f}")


def customer_360_html(view: Customer360) -> str:
    """The 360° page of one customer as HTML: the four data kinds, newest rows last."""
    figures = "".join(
        f"<li>{escape(name)}: {escape(str(value))}</li>" for name, value in view.key_figures.items()
    )
    master = ", ".join(f"{k}: {escape(str(v))}" for k, v in view.master.items())
    potential = ", ".join(f"{k}: {escape(str(v))}" for k, v in view.potential.items())
    return (
        f"<h4>Customer {view.customer_id}</h4><ul>{figures}</ul>"
        f"<p><b>Master data (Grunddaten)</b>: {master}</p>"
        f"<p><b>Potential data (Potenzialdaten)</b>: {potential}</p>"
        f"<p><b>Action data (Aktionsdaten): campaign contacts</b></p>{_table(view.campaigns)}"
        f"<p><b>Reaction data (Reaktionsdaten): orders</b></p>{_table(view.orders)}"
        f"<p><b>Service contacts</b></p>{_table(view.contacts)}"
        f"<p><b>Complaints</b></p>{_table(view.complaints)}"
        f"<p><b>Survey answers</b></p>{_table(view.surveys)}"
    )


class Customer360Panel:
    """A box to type a customer number and that customer's 360° page.

    Parameters
    ----------
    tables
        Warehouse tables (:func:`crmsim.warehouse.read_tables`).
    customer_id
        The customer shown first.
    """

    def __init__(self, tables: dict[str, pd.DataFrame], customer_id: int) -> None:
        self.tables = tables
        known = tables["dim_customer"]["customer_id"]
        self.picker = widgets.BoundedIntText(
            value=customer_id, min=int(known.min()), max=int(known.max()), description="customer"
        )
        self.page = widgets.HTML()
        self.picker.observe(lambda change: self.update(), names="value")
        self.widget = widgets.VBox([self.picker, self.page])
        self.update()

    def update(self) -> None:
        """Show the page of the customer in the box."""
        self.page.value = customer_360_html(customer_360(self.tables, int(self.picker.value)))

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        return self.widget._repr_mimebundle_(**kwargs)


class PortfolioPanel:
    """Two sliders for the portfolio thresholds, and the field counts with their actions.

    Parameters
    ----------
    value
        Customer value in EUR per customer.
    satisfaction
        Satisfaction (0–10) per customer.
    value_threshold, satisfaction_threshold
        Starting thresholds (EUR, 0–10).
    """

    def __init__(
        self,
        value: pd.Series,
        satisfaction: pd.Series,
        value_threshold: float,
        satisfaction_threshold: float = 7.0,
    ) -> None:
        self.value = value
        self.satisfaction = satisfaction
        top = float(value.quantile(0.99))
        self.value_slider = widgets.FloatSlider(
            value=value_threshold, min=0.0, max=round(top, -1), step=10.0,
            description="value ≥ (EUR)", style={"description_width": "120px"},
        )  # fmt: skip
        self.satisfaction_slider = widgets.FloatSlider(
            value=satisfaction_threshold, min=0.0, max=10.0, step=0.5,
            description="satisfied ≥", style={"description_width": "120px"},
        )  # fmt: skip
        self.table = widgets.HTML()
        for slider in (self.value_slider, self.satisfaction_slider):
            slider.observe(lambda change: self.update(), names="value")
        self.widget = widgets.VBox([self.value_slider, self.satisfaction_slider, self.table])
        self.portfolio = pd.DataFrame()
        self.update()

    def update(self) -> None:
        """Reclassify the customers and refresh the counts, actions and plot."""
        self.portfolio = value_satisfaction_portfolio(
            self.value, self.satisfaction, self.value_slider.value, self.satisfaction_slider.value
        )
        summary = portfolio_summary(self.portfolio)
        self.table.value = summary.to_html(border=0, formatters={"value_share": "{:.1%}".format})

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        return self.widget._repr_mimebundle_(**kwargs)
