"""The lecturer's dashboard as a widget: presets, seed, new day, reset, a scenario file,
A/B comparison and the language switch, driven from code as a lecturer would with the mouse."""

from __future__ import annotations

import pytest

from crmsim.widgets import StaffingDashboard
from crmsim.widgets.dashboard_presets import knobs_of, preset_scenario

ADAC = "ADAC telematics center"


@pytest.fixture
def adac() -> StaffingDashboard:
    return StaffingDashboard(preset=ADAC, seed=5)


def kpi_cell(dashboard: StaffingDashboard, css: str, key: str) -> str:
    markup = dashboard.kpi_html.value
    start = markup.index(f'<span class="{css}" data-kpi="{key}">')
    return markup[markup.index(">", start) + 1 : markup.index("</span>", start)]


def test_the_preset_sets_the_knobs_and_the_seed(adac):
    assert adac.knobs == knobs_of(preset_scenario(ADAC))
    assert adac.controls["seed"].value == 5
    assert adac.controls["agents"].min == 4  # one per shift group
    assert adac.run.seed == 5 and adac.run.knobs == adac.knobs
    assert adac.kpis["service_level"] == adac.run.result.kpis().loc["phone", "service_level"]


def test_new_day_draws_new_callers_and_reset_returns_to_the_preset(adac):
    first = adac.run.result.contacts["arrival_min"].to_numpy()
    adac.new_day()
    assert adac.controls["seed"].value == 6 and adac.run.seed == 6
    assert (
        len(adac.run.result.contacts) != len(first)
        or (adac.run.result.contacts["arrival_min"].to_numpy() != first).any()
    )
    adac.set(agents=9, callback=True)
    assert adac.knobs.agents == 9 and adac.run.knobs.callback
    adac.reset()
    assert adac.knobs == knobs_of(preset_scenario(ADAC))
    assert adac.controls["seed"].value == 5


def test_seed_is_settable_and_the_same_seed_gives_the_same_day(adac):
    before = dict(adac.kpis)
    adac.set(seed=11)
    assert adac.run.seed == 11
    adac.set(seed=5)
    assert adac.kpis == before


def test_more_agents_raise_the_service_level_and_the_curve_covers_them(adac):
    before = adac.kpis["service_level"]
    adac.set(agents=6)
    assert adac.kpis["service_level"] < before
    assert 6 in set(adac.curve["agents"])
    assert 'data-plot="curve"' in adac.plot_views["curve"].value
    assert "<svg" in adac.plot_views["day"].value


def test_switching_preset_rescales_the_sliders():
    dashboard = StaffingDashboard(preset=ADAC)
    dashboard.preset.value = "Textbook M/M/14"
    assert dashboard.knobs.agents == 14 and dashboard.knobs.calls_per_hour == 200
    assert dashboard.controls["calls_per_hour"].max == 600
    assert dashboard.kpis["sl_erlang"] == pytest.approx(0.88835, abs=1e-5)


def test_a_lecturers_file_loads_and_a_bad_one_shows_the_message(adac, tmp_path):
    good = tmp_path / "small.yaml"
    good.write_text(
        "name: Small hotline\nchannels:\n  phone: {daily_volume: 240, aht_min: 4}\n"
        "agents:\n  - {name: desk, count: 3, channels: [phone]}\n",
        encoding="utf-8",
    )
    assert adac.load_file(str(good))
    assert "Loaded: Small hotline" in adac.message.value
    assert adac.knobs.agents == 3 and adac.knobs.calls_per_hour == 10
    bad = tmp_path / "bad.yaml"
    bad.write_text(good.read_text().replace("count: 3", "count: zero"), encoding="utf-8")
    assert not adac.load_file(str(bad))
    assert 'class="crm-error"' in adac.message.value and "line 5" in adac.message.value
    assert adac.scenario.name == "Small hotline"  # the loaded scenario stays
    adac.reset()
    assert adac.knobs.agents == 3
    adac.preset.value = "Multichannel CIC"
    assert adac.message.value == "" and adac.knobs.agents == 36


def test_freeze_as_a_then_change_b_shows_both_and_the_difference(adac):
    adac.freeze()
    a_level = kpi_cell(adac, "crm-kpi", "service_level")
    adac.set(agents=7)
    assert kpi_cell(adac, "crm-kpi-a", "service_level") == a_level
    assert kpi_cell(adac, "crm-kpi", "service_level") != a_level
    difference = adac.kpis["service_level"] - adac.frozen.kpis["service_level"]
    assert kpi_cell(adac, "crm-kpi-diff", "service_level") == (
        f"{difference * 100:+.1f} pp".replace("-", "−")
    )
    shown = [view.value for view in adac.plots]
    assert len(shown) == 4 and 'data-plot="curve-a"' in shown[0] and ">A<" in shown[0]
    a_plot = adac.plot_views["day-a"].value
    adac.set(agents=8)
    assert adac.plot_views["day-a"].value == a_plot  # A stays as frozen
    adac.language_switch.value = "de"
    assert "Personalbedarfskurve" in adac.plot_views["curve-a"].value
    adac.clear_comparison()
    assert len(adac.plots) == 2 and "crm-kpi-a" not in adac.kpi_html.value
    assert list(adac.row.children[2:]) == adac.plots


def test_the_language_switch_changes_labels_explanations_and_plots(adac):
    adac.language_switch.value = "de"
    assert adac.controls["agents"].description == "Agenten"
    assert adac.new_day_button.description == "Neuer Tag"
    assert '>Servicegrad<span class="crm-term"> (Service level)</span>' in adac.kpi_html.value
    assert "Was die Kennzahlen bedeuten" in adac.explain_html.value
    assert "Personalbedarfskurve" in adac.plot_views["curve"].value
    adac.language_switch.value = "en"
    assert '>Service level<span class="crm-term"> (Servicegrad)</span>' in adac.kpi_html.value
    assert adac.controls["agents"].description == "Agents"


def test_dashboard_view_carries_its_style(adac):
    style, shown = adac.dashboard().children
    assert style.value.startswith("<style>") and ".crm-dash" in style.value
    assert shown is adac.widget and "crm-dash" in adac.widget._dom_classes
    assert repr(adac) == "StaffingDashboard('ADAC telematics call center', seed=5)"
