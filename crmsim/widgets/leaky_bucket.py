"""The "leaky bucket" panel: churn rate and acquisition cost on sliders, the base over five years.

The model is :func:`crmsim.analytics.customer_base.leaky_bucket`; a projection is a few
lines of arithmetic, so the key figures change at once and the plot follows.
"""

from __future__ import annotations

import base64
import io
from dataclasses import asdict, replace
from html import escape
from typing import Any

import ipywidgets as widgets
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from crmsim.analytics.customer_base import BucketSettings, leaky_bucket
from crmsim.widgets.controlled_panel import ControlledPanel

_STYLE = {"description_width": "190px"}
_LAYOUT = widgets.Layout(width="460px")
_KPIS = {
    "customers": ("Customers after {years} years", "{:,.0f}"),
    "cumulative_profit_eur": ("Profit over {years} years", "{:,.0f} EUR"),
    "base_value_eur": ("Value of the base at the end", "{:,.0f} EUR"),
    "steady_state": ("Base the bucket drifts to (W / c)", "{:,.0f}"),
}


class LeakyBucketPanel(ControlledPanel):
    """Sliders for churn rate and acquisition cost; the base, its value and profit at once.

    Parameters
    ----------
    settings
        Starting figures (see :class:`BucketSettings`); the sliders change churn rate,
        acquisition cost and new customers per year.
    show_plot
        Draw customers and cumulative profit per year below the key figures.

    Attributes
    ----------
    widget
        The ipywidgets container to display.
    table
        The current projection (see :func:`leaky_bucket`).
    """

    def __init__(self, settings: BucketSettings | None = None, show_plot: bool = True) -> None:
        self.base_settings = settings or BucketSettings()
        self.show_plot = show_plot
        self._figure: Figure | None = None
        s = self.base_settings
        slider = {"style": _STYLE, "layout": _LAYOUT, "continuous_update": False}
        self.controls: dict[str, widgets.ValueWidget] = {
            "churn_rate": widgets.FloatSlider(
                s.churn_rate,
                min=0.02,
                max=0.6,
                step=0.01,
                description="Churn rate per year",
                readout_format=".0%",
                **slider,
            ),
            "acquisition_cost_eur": widgets.FloatSlider(
                s.acquisition_cost_eur,
                min=0.0,
                max=2000.0,
                step=10.0,
                description="Acquisition cost (EUR)",
                readout_format=".0f",
                **slider,
            ),
            "new_customers_per_year": widgets.IntSlider(
                s.new_customers_per_year,
                0,
                1000,
                10,
                description="New customers per year",
                **slider,
            ),
        }
        self.kpi_html = widgets.HTML(layout=widgets.Layout(min_width="340px"))
        self.plot = widgets.Output()
        self.widget = widgets.VBox(
            [
                widgets.HBox(
                    [widgets.VBox(list(self.controls.values())), self.kpi_html],
                    layout=widgets.Layout(flex_flow="row wrap", grid_gap="24px"),
                ),
                self.plot,
            ]
        )
        for control in self.controls.values():
            control.observe(self._changed, names="value")
        self.update()

    @property
    def settings(self) -> BucketSettings:
        """The figures with the sliders' current values."""
        values = {name: control.value for name, control in self.controls.items()}
        return replace(self.base_settings, **values)

    def update(self) -> None:
        """Project with the current settings, refresh the key figures, then the plot."""
        settings = self.settings
        self.table = leaky_bucket(settings)
        last = self.table.iloc[-1]
        churn = settings.churn_rate
        self.kpis = {
            "customers": float(last["customers"]),
            "cumulative_profit_eur": float(last["cumulative_profit_eur"]),
            "base_value_eur": float(last["base_value_eur"]),
            "steady_state": settings.new_customers_per_year / churn if churn else float("inf"),
        }
        rows = "".join(
            f'<tr><td style="padding-right:1em">{escape(label.format(years=settings.years))}</td>'
            f'<td style="text-align:right"><span data-kpi="{key}">'
            f"{escape(form.format(self.kpis[key]))}</span></td></tr>"
            for key, (label, form) in _KPIS.items()
        )
        self.kpi_html.value = f"<table>{rows}</table>"
        if self.show_plot:
            self._draw()

    def _draw(self) -> None:
        table = self.table
        if self._figure is None:
            self._figure = Figure(figsize=(10, 3.2))
            FigureCanvasAgg(self._figure)
            left, right = self._figure.subplots(1, 2)
            self._bars = left.bar(table["year"], table["customers"], color="#3a6ea5")
            left.set(xlabel="year", ylabel="customers at the year's end", title="The bucket")
            (self._line,) = right.plot(
                table["year"], table["cumulative_profit_eur"] / 1000, marker="o", color="#3c9d5d"
            )
            right.axhline(0, color="#7a7a7a", linewidth=0.8)
            right.set(xlabel="year", ylabel="thousand EUR", title="Cumulative profit")
            self._axes = (left, right)
            self._figure.subplots_adjust(left=0.08, right=0.98, bottom=0.2, top=0.88, wspace=0.3)
        for bar, height in zip(self._bars, table["customers"], strict=True):
            bar.set_height(height)
        self._line.set_ydata(table["cumulative_profit_eur"] / 1000)
        left, right = self._axes
        left.set_ylim(0, max(1.0, float(table["customers"].max())) * 1.1)
        profit = table["cumulative_profit_eur"] / 1000
        span = max(1.0, float(profit.max() - min(0.0, profit.min())))
        right.set_ylim(
            min(0.0, float(profit.min())) - 0.05 * span, float(profit.max()) + 0.1 * span
        )
        buffer = io.BytesIO()
        self._figure.savefig(buffer, format="png", dpi=72)
        self.plot.outputs = (
            {
                "output_type": "display_data",
                "data": {
                    "image/png": base64.b64encode(buffer.getvalue()).decode("ascii"),
                    "text/plain": "customers and cumulative profit per year",
                },
                "metadata": {},
            },
        )

    def __repr__(self) -> str:
        shown = ", ".join(f"{key}={value:,.0f}" for key, value in self.kpis.items())
        return f"LeakyBucketPanel({shown})"

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        bundle = self.widget._repr_mimebundle_(**kwargs)
        bundle["text/plain"] = repr(self)
        return bundle

    def as_dict(self) -> dict[str, Any]:
        """The current settings as a plain dict."""
        return asdict(self.settings)
