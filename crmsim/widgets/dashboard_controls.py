"""The dashboard's knobs as ipywidgets: built once, ranged per preset, relabelled per language.

:func:`knob_widgets` builds one slider or checkbox per field of
:class:`~crmsim.widgets.dashboard_presets.Knobs`; :func:`fit_to_knobs` gives the
sliders ranges that suit a preset (a center with 12 agents and one with 40 need
different scales) and sets their values; :func:`knobs_from_widgets` reads them back.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from crmsim.widgets.dashboard_presets import Knobs
from crmsim.widgets.dashboard_texts import text

__all__ = ["fit_to_knobs", "knob_widgets", "knobs_from_widgets", "relabel"]

_STYLE = {"description_width": "210px"}
_SLIDER = {
    "style": _STYLE,
    "layout": widgets.Layout(width="100%", max_width="560px"),
    "continuous_update": False,
}


def knob_widgets(language: str = "en") -> dict[str, Any]:
    """One control per knob, by knob name (ranges are set by :func:`fit_to_knobs`)."""
    controls: dict[str, Any] = {
        "agents": widgets.IntSlider(14, 1, 60, **_SLIDER),
        "calls_per_hour": widgets.IntSlider(200, 1, 800, **_SLIDER),
        "aht_min": widgets.FloatSlider(3.0, min=0.5, max=20.0, step=0.1, **_SLIDER),
        "patience_min": widgets.FloatSlider(0.0, min=0.0, max=15.0, step=0.5, **_SLIDER),
        "sl_threshold_s": widgets.IntSlider(20, 5, 120, 5, **_SLIDER),
        "sl_target": widgets.IntSlider(80, 50, 99, 1, **_SLIDER),
        "callback": widgets.Checkbox(False, indent=False),
        "vip_routing": widgets.Checkbox(False, indent=False),
    }
    relabel(controls, language)
    return controls


def relabel(controls: dict[str, Any], language: str) -> None:
    """Give every control its description in ``language``."""
    for name, control in controls.items():
        control.description = text(name, language)


def _set_range(slider: Any, low: float, high: float, value: float) -> None:
    """Set a slider's range and value in an order that never clamps the value."""
    slider.min = min(slider.min, low)
    slider.max = max(slider.max, high)
    slider.value = value
    slider.min = low
    slider.max = high


def fit_to_knobs(controls: dict[str, Any], knobs: Knobs, minimum_agents: int = 1) -> None:
    """Range the sliders around ``knobs`` (the preset's values) and set them to those values.

    Agents run from ``minimum_agents`` (one per phone group) to at least twice the preset's
    staff; calls per hour to three times the preset's rate.
    """
    agents = int(knobs.agents)
    calls = round(knobs.calls_per_hour)
    _set_range(controls["agents"], minimum_agents, max(2 * agents, agents + 10), agents)
    _set_range(controls["calls_per_hour"], 1, max(50, 3 * calls), calls)
    _set_range(controls["aht_min"], 0.5, max(20.0, 2 * knobs.aht_min), knobs.aht_min)
    _set_range(controls["patience_min"], 0.0, max(15.0, knobs.patience_min), knobs.patience_min)
    threshold = round(knobs.sl_threshold_s)
    _set_range(controls["sl_threshold_s"], 5, max(120, threshold), threshold)
    controls["sl_target"].value = round(knobs.sl_target * 100)
    controls["callback"].value = bool(knobs.callback)
    controls["vip_routing"].value = bool(knobs.vip_routing)


def knobs_from_widgets(controls: dict[str, Any]) -> Knobs:
    """The knobs the controls show now (the target slider is in percent)."""
    return Knobs(
        agents=int(controls["agents"].value),
        calls_per_hour=float(controls["calls_per_hour"].value),
        aht_min=round(float(controls["aht_min"].value), 2),
        patience_min=float(controls["patience_min"].value),
        callback=bool(controls["callback"].value),
        vip_routing=bool(controls["vip_routing"].value),
        sl_threshold_s=float(controls["sl_threshold_s"].value),
        sl_target=controls["sl_target"].value / 100.0,
    )
