"""The contact-center control panel: turn a knob, see the KPIs and plots change at once.

:class:`ContactCenterPanel` simulates the classroom contact center
(:func:`crmsim.scenario.classroom.classroom_scenario`) for one day whenever a
control moves, with the same seed each time (common random numbers), so what
changes on screen is the effect of the knob, not chance. The KPIs come first,
the plots after, so the numbers answer within a fraction of a second.
"""

from __future__ import annotations

import base64
import io
from html import escape
from typing import Any

import ipywidgets as widgets
import matplotlib.pyplot as plt

from crmsim.plots import plot_service_level_by_interval, plot_wait_distribution
from crmsim.scenario.classroom import classroom_scenario
from crmsim.sim.run import simulate
from crmsim.widgets.controlled_panel import ControlledPanel
from crmsim.widgets.panel_figures import KPI_LABELS, format_kpi, panel_kpis

_STYLE = {"description_width": "150px"}
#: Large type for the projector: the Voila dashboard (notebooks/dashboards/) shows the panel
#: inside an element of class ``crm-dashboard`` after this style block.
DASHBOARD_CSS = """
body[data-voila] .jp-RenderedMarkdown h1 { font-size: 40px; }
body[data-voila] .jp-RenderedMarkdown p { font-size: 22px; line-height: 1.5; }
.crm-dashboard { --jp-widgets-font-size: 20px; --jp-widgets-inline-height: 40px; }
.crm-dashboard .widget-label, .crm-dashboard .widget-readout { font-size: 20px; }
.crm-dashboard .widget-slider .widget-label { width: 210px !important; }
.crm-dashboard .widget-slider, .crm-dashboard .widget-checkbox { width: 640px !important; }
.crm-dashboard .crm-kpis { font-size: 26px; line-height: 1.6; }
.crm-dashboard .crm-kpi { font-weight: bold; }
"""
_LAYOUT = widgets.Layout(width="420px")


class ContactCenterPanel(ControlledPanel):
    """Sliders and switches for a contact center, live KPIs and two plots.

    Parameters
    ----------
    agents, calls_per_hour, aht_min, patience_min, callback, self_service_share, vip_routing:
        Starting values of the controls (see :func:`classroom_scenario`).
    open_hours:
        Length of the simulated opening day (hours from 8:00).
    agent_cost_eur_per_hour:
        Loaded cost of one agent hour (EUR), for the cost per contact.
    seed:
        Seed of every run (the same customers each time).
    show_plots:
        Draw the two plots below the KPIs.

    Attributes
    ----------
    widget:
        The ipywidgets container to display.
    kpis:
        The current KPIs as a dict (see :func:`crmsim.widgets.panel_figures.panel_kpis`).
    result:
        The current :class:`~crmsim.sim.SimulationResult`.
    """

    def __init__(
        self,
        agents: int = 14,
        calls_per_hour: float = 200.0,
        aht_min: float = 3.0,
        patience_min: float = 3.0,
        callback: bool = False,
        self_service_share: float = 0.0,
        vip_routing: bool = False,
        open_hours: float = 8.0,
        agent_cost_eur_per_hour: float = 30.0,
        seed: int = 1,
        show_plots: bool = True,
    ) -> None:
        self.open_hours = open_hours
        self.agent_cost_eur_per_hour = agent_cost_eur_per_hour
        self.seed = seed
        self.show_plots = show_plots
        slider = {"style": _STYLE, "layout": _LAYOUT, "continuous_update": False}
        self.controls: dict[str, widgets.ValueWidget] = {
            "agents": widgets.IntSlider(agents, 1, 60, description="Agents", **slider),
            "calls_per_hour": widgets.IntSlider(
                int(calls_per_hour), 20, 800, 10, description="Calls per hour", **slider
            ),
            "aht_min": widgets.FloatSlider(
                aht_min, min=1.0, max=12.0, step=0.5, description="AHT (min)", **slider
            ),
            "patience_min": widgets.FloatSlider(
                patience_min, min=0.5, max=15.0, step=0.5, description="Patience (min)", **slider
            ),
            "self_service_share": widgets.FloatSlider(
                self_service_share,
                min=0.0,
                max=0.9,
                step=0.05,
                description="Self-service share",
                readout_format=".0%",
                **slider,
            ),
            "callback": widgets.Checkbox(callback, description="Call-back service", indent=False),
            "vip_routing": widgets.Checkbox(
                vip_routing, description="VIP routing (A customers first)", indent=False
            ),
        }
        self.kpi_html = widgets.HTML(layout=widgets.Layout(min_width="320px"))
        self.plots = widgets.Output()
        self.widget = widgets.VBox(
            [
                widgets.HBox(
                    [widgets.VBox(list(self.controls.values())), self.kpi_html],
                    layout=widgets.Layout(flex_flow="row wrap", grid_gap="24px"),
                ),
                self.plots,
            ]
        )
        for control in self.controls.values():
            control.observe(self._changed, names="value")
        self.update()

    # -- reading and changing the controls -----------------------------------------------
    @property
    def settings(self) -> dict[str, Any]:
        """The controls' current values, by parameter name."""
        return {name: control.value for name, control in self.controls.items()}

    # -- computing and showing ---------------------------------------------------------------
    def update(self) -> None:
        """Simulate with the current settings and refresh the KPIs, then the plots."""
        scenario = classroom_scenario(open_hours=self.open_hours, **self.settings)
        self.result = simulate(scenario, seed=self.seed, days=1)
        self.kpis = panel_kpis(self.result, self.agent_cost_eur_per_hour)
        self.kpi_html.value = self._kpi_markup()
        if self.show_plots:
            self._draw()

    def _kpi_markup(self) -> str:
        rows = "".join(
            f'<tr><td style="padding-right:1em">{escape(label)}</td>'
            f'<td style="text-align:right"><span class="crm-kpi" data-kpi="{key}">'
            f"{escape(format_kpi(key, self.kpis[key]))}</span></td></tr>"
            for key, label in KPI_LABELS.items()
        )
        return f'<table class="crm-kpis">{rows}</table>'

    def _draw(self) -> None:
        figure, (left, right) = plt.subplots(1, 2, figsize=(11, 3.4))
        plot_service_level_by_interval(self.result, ax=left)
        plot_wait_distribution(self.result, ax=right)
        figure.subplots_adjust(left=0.07, right=0.98, bottom=0.2, top=0.88, wspace=0.25)
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=80)
        plt.close(figure)
        # Set the output directly (not through a display hook) so that it works the same in
        # JupyterLab, in Voila and outside a kernel.
        self.plots.outputs = (
            {
                "output_type": "display_data",
                "data": {
                    "image/png": base64.b64encode(buffer.getvalue()).decode("ascii"),
                    "text/plain": "service level per interval and waiting times",
                },
                "metadata": {},
            },
        )

    # -- display ----------------------------------------------------------------------------
    def dashboard(self) -> widgets.VBox:
        """The panel in large type for a projector or the Voila dashboard.

        Returns
        -------
        ipywidgets.VBox
            The style block (:data:`DASHBOARD_CSS`) followed by the panel, marked with
            the class ``crm-dashboard``.
        """
        self.widget.add_class("crm-dashboard")
        return widgets.VBox([widgets.HTML(f"<style>{DASHBOARD_CSS}</style>"), self.widget])

    def __repr__(self) -> str:
        shown = ", ".join(f"{key}={format_kpi(key, self.kpis[key])}" for key in KPI_LABELS)
        return f"ContactCenterPanel({shown})"

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        bundle = self.widget._repr_mimebundle_(**kwargs)
        bundle["text/plain"] = repr(self)
        return bundle
