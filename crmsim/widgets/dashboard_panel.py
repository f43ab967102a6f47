"""The lecturer's live dashboard: presets, the staffing story, and A/B comparison.

:class:`StaffingDashboard` simulates one day of a preset (or of a lecturer's own
scenario file) whenever a knob moves, with the seed shown on screen. The KPIs are
refreshed first, then the staffing curve (simulated service level against agents,
Erlang C/A beside it, the target line) and the day plot (queue length and agents busy).
"Freeze as A" keeps the current setting; the next changes are B, and the KPI table
shows A, B and B − A while the plots of A and B stand side by side.
"""

from __future__ import annotations

from dataclasses import replace
from html import escape
from typing import Any

import ipywidgets as widgets

from crmsim.errors import InputError, one_line
from crmsim.widgets.controlled_panel import ControlledPanel
from crmsim.widgets.dashboard_compare import kpi_table_markup
from crmsim.widgets.dashboard_controls import (
    fit_to_knobs,
    knob_widgets,
    knobs_from_widgets,
    relabel,
)
from crmsim.widgets.dashboard_day import DayRun, curve_levels, curve_points, run_day
from crmsim.widgets.dashboard_figures import day_svg, staffing_curve_svg
from crmsim.widgets.dashboard_presets import (
    PRESETS,
    Knobs,
    knobs_of,
    preset_scenario,
    scenario_from_path,
)
from crmsim.widgets.dashboard_style import STAFFING_DASHBOARD_CSS
from crmsim.widgets.dashboard_texts import LANGUAGES, explanations_markup, text

__all__ = ["StaffingDashboard"]

_WIDE = {
    "layout": widgets.Layout(width="100%", max_width="560px"),
    "style": {"description_width": "130px"},
}
_BUTTON = {"layout": widgets.Layout(width="auto", min_width="120px")}
_ROW = widgets.Layout(flex_flow="row wrap", max_width="100%")
_FIT = widgets.Layout(max_width="100%")
_CACHE_SIZE = 32


class StaffingDashboard(ControlledPanel):
    """Presets, seed, knobs, KPIs with their German terms, the staffing story and A/B.

    Parameters
    ----------
    preset:
        Shown name of a preset (see :data:`crmsim.widgets.dashboard_presets.PRESETS`).
    seed:
        Seed of the simulated day; "new day" adds one, "reset" returns to this seed.
    language:
        "en" or "de"; the switch on screen changes it.
    curve_levels_count:
        Staffing levels on the staffing curve (each one simulated day).

    Attributes
    ----------
    widget:
        The ipywidgets container to display (see :meth:`dashboard`).
    run, frozen:
        The current :class:`~crmsim.widgets.dashboard_day.DayRun`, and the one frozen as A.
    """

    def __init__(
        self,
        preset: str = "Textbook M/M/14",
        seed: int = 1,
        language: str = "en",
        curve_levels_count: int = 5,
    ) -> None:
        self.language = language
        self.start_seed = seed
        self.curve_levels_count = curve_levels_count
        self.frozen: DayRun | None = None
        self._runs: dict[tuple[Any, ...], DayRun] = {}
        self._curves: dict[tuple[Any, ...], Any] = {}
        self.preset = widgets.Dropdown(options=list(PRESETS), value=preset, **_WIDE)
        self.path = widgets.Text(placeholder="my-center.yaml", **_WIDE)
        self.load_button = widgets.Button(icon="folder-open", **_BUTTON)
        self.message = widgets.HTML()
        self.new_day_button = widgets.Button(icon="forward", **_BUTTON)
        self.reset_button = widgets.Button(icon="undo", **_BUTTON)
        self.language_switch = widgets.ToggleButtons(
            options=[(name, code) for code, name in LANGUAGES.items()], value=language
        )
        self.freeze_button = widgets.Button(icon="snowflake-o", **_BUTTON)
        self.clear_button = widgets.Button(icon="times", disabled=True, **_BUTTON)
        self.controls = {
            "seed": widgets.BoundedIntText(
                seed, 0, 2**31 - 1, style=_WIDE["style"], layout=widgets.Layout(width="260px")
            ),
            **knob_widgets(language),
        }
        self.kpi_html = widgets.HTML()
        self.explain_html = widgets.HTML()
        self.plot_views = {
            name: widgets.HTML(layout=_FIT, _dom_classes=["crm-plot-box"])
            for name in ("curve-a", "curve", "day-a", "day")
        }
        self.row = widgets.Box(layout=_ROW, _dom_classes=["crm-row", "crm-dash"])
        self.widget = self._assemble()
        self._relabel()
        self.preset.observe(lambda change: self.choose_preset(change["new"]), "value")
        self.load_button.on_click(lambda _: self.load_file(self.path.value))
        self.new_day_button.on_click(lambda _: self.new_day())
        self.reset_button.on_click(lambda _: self.reset())
        self.freeze_button.on_click(lambda _: self.freeze())
        self.clear_button.on_click(lambda _: self.clear_comparison())
        self.language_switch.observe(lambda change: self.switch_language(change["new"]), "value")
        for control in self.controls.values():
            control.observe(self._changed, names="value")
        self.load(preset_scenario(preset))

    # -- building ---------------------------------------------------------------------------
    def _assemble(self) -> widgets.Box:
        c = self.controls
        controls = widgets.VBox(
            [
                self.language_switch,
                self.preset,
                widgets.HBox([self.path, self.load_button]),
                self.message,
                widgets.HBox([c["seed"], self.new_day_button, self.reset_button]),
                *(c[name] for name in Knobs.__dataclass_fields__),
                widgets.HBox([self.freeze_button, self.clear_button]),
            ],
            _dom_classes=["crm-controls"],
        )
        kpis = widgets.VBox([self.kpi_html, self.explain_html], _dom_classes=["crm-kpi-box"])
        self._fixed = [controls, kpis]
        return self.row

    def _relabel(self) -> None:
        words = {
            self.preset: "preset",
            self.load_button: "load",
            self.new_day_button: "new_day",
            self.reset_button: "reset",
            self.freeze_button: "freeze",
            self.clear_button: "clear",
        }
        for control, key in words.items():
            control.description = text(key, self.language)
        self.path.description = text("scenario_file", self.language)
        relabel(self.controls, self.language)

    # -- the lecturer's actions ---------------------------------------------------------------
    @property
    def knobs(self) -> Knobs:
        """The knobs as the controls show them now."""
        return knobs_from_widgets(self.controls)

    def load(self, scenario: Any) -> None:
        """Make ``scenario`` the preset: knobs to its values, seed to the start seed, update."""
        self.scenario = scenario
        self._runs.clear()
        self._curves.clear()
        self._holding = True
        try:
            groups = sum(1 for g in scenario.agents if "phone" in g.channels)
            fit_to_knobs(self.controls, knobs_of(scenario), minimum_agents=max(1, groups))
            self.controls["seed"].value = self.start_seed
        finally:
            self._holding = False
        self.update()

    def choose_preset(self, name: str) -> None:
        """Switch to the preset shown as ``name``; a loaded file's message goes."""
        self.message.value = ""
        self.load(preset_scenario(name))

    def load_file(self, path: str) -> bool:
        """Load a lecturer's scenario YAML; on a bad file show the command line's message."""
        try:
            scenario = scenario_from_path(path)
        except InputError as error:
            self.message.value = f'<span class="crm-error">{escape(one_line(error))}</span>'
            return False
        self.message.value = f"{escape(text('loaded', self.language))}: {escape(scenario.name)}"
        self.load(scenario)
        return True

    def new_day(self) -> None:
        """Draw a new day: the next seed."""
        self.controls["seed"].value += 1

    def reset(self) -> None:
        """Return to the preset's knobs and the start seed."""
        self.load(self.scenario)

    def freeze(self) -> None:
        """Keep the current setting as A; later changes are B."""
        self.frozen = self.run
        self.frozen_curve, self._a_language = self.curve, ""
        self.clear_button.disabled = False
        self._render()

    def clear_comparison(self) -> None:
        """End the A/B comparison."""
        self.frozen = None
        self.clear_button.disabled = True
        self._render()

    def switch_language(self, language: str) -> None:
        """Show labels, explanations and plots in ``language`` ("en" or "de")."""
        self.language = language
        self._holding = True
        try:
            self._relabel()
        finally:
            self._holding = False
        self._render()

    # -- computing and showing --------------------------------------------------------------
    def update(self) -> None:
        """Simulate the day with the current knobs and seed; show the KPIs, then the plots."""
        knobs, seed = self.knobs, int(self.controls["seed"].value)
        self.run = self._day(knobs, seed)
        self.kpis = self.run.kpis
        self._render_kpis()
        self._show_plot(
            "day", day_svg(self.run.timeline, self.language), "B" if self.frozen else ""
        )
        self.curve = self._curve(knobs, seed)
        self._render_plots(day_drawn=True)

    def _day(self, knobs: Knobs, seed: int) -> DayRun:
        key = (knobs, seed)
        if key not in self._runs:
            if len(self._runs) >= _CACHE_SIZE:
                self._runs.pop(next(iter(self._runs)))
            self._runs[key] = run_day(self.scenario, knobs, seed)
        return self._runs[key]

    def _curve(self, knobs: Knobs, seed: int) -> Any:
        key = (replace(knobs, agents=0), seed)
        cached = self._curves.get(key)
        if cached is not None and knobs.agents in set(cached["agents"]):
            return cached
        levels = curve_levels(knobs.agents, self.controls["agents"].min, self.curve_levels_count)
        runs = [self._day(replace(knobs, agents=level), seed) for level in levels]
        self._curves[key] = curve_points(runs)
        return self._curves[key]

    def _render(self) -> None:
        self._render_kpis()
        self._render_plots()

    def _render_kpis(self) -> None:
        frozen = self.frozen.kpis if self.frozen is not None else None
        self.kpi_html.value = kpi_table_markup(self.kpis, frozen, self.language)
        self.explain_html.value = explanations_markup(self.language)

    def _show_plot(self, name: str, svg: str, caption: str = "") -> None:
        head = f'<div class="crm-plot-caption">{escape(caption)}</div>' if caption else ""
        self.plot_views[name].value = f'<div class="crm-plot" data-plot="{name}">{head}{svg}</div>'

    def _render_plots(self, day_drawn: bool = False) -> None:
        language, knobs, b = self.language, self.knobs, "B" if self.frozen else ""
        if not day_drawn:
            self._show_plot("day", day_svg(self.run.timeline, language), b)
        curve = staffing_curve_svg(self.curve, knobs.agents, knobs.sl_target, language)
        self._show_plot("curve", curve, b)
        names = ["curve", "day"]
        if self.frozen is not None:
            a = self.frozen
            if self._a_language != language:  # A's plots change only with the language
                a_curve = staffing_curve_svg(
                    self.frozen_curve, a.knobs.agents, a.knobs.sl_target, language
                )
                self._show_plot("curve-a", a_curve, "A")
                self._show_plot("day-a", day_svg(a.timeline, language), "A")
                self._a_language = language
            names = ["curve-a", "curve", "day-a", "day"]
        self.plots = [self.plot_views[name] for name in names]
        if list(self.row.children) != [*self._fixed, *self.plots]:
            self.row.children = [*self._fixed, *self.plots]

    # -- display ----------------------------------------------------------------------------
    def dashboard(self) -> widgets.VBox:
        """The style block followed by the dashboard, for Voila or a projector."""
        return widgets.VBox([widgets.HTML(f"<style>{STAFFING_DASHBOARD_CSS}</style>"), self.widget])

    def __repr__(self) -> str:
        return f"StaffingDashboard({self.scenario.name!r}, seed={self.controls['seed'].value})"

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        bundle = self.widget._repr_mimebundle_(**kwargs)
        bundle["text/plain"] = repr(self)
        return bundle
