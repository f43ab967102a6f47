"""The lecturer's dashboard logic: presets and knobs, the simulated day beside Erlang,
the staffing curve, A/B differences, the two languages and the plots' type size."""

from __future__ import annotations

import re
from dataclasses import replace

import numpy as np
import pytest

from crmsim.cli import main as cli_main
from crmsim.errors import InputError
from crmsim.queueing import erlang_a_metrics, erlang_c_metrics
from crmsim.sim.run import simulate
from crmsim.widgets.dashboard_compare import difference_text, kpi_comparison, kpi_table_markup
from crmsim.widgets.dashboard_day import (
    curve_levels,
    day_timeline,
    erlang_service_level,
    handling_time_min,
    run_day,
    staffing_points,
)
from crmsim.widgets.dashboard_figures import SMALLEST_FONT_PT, day_svg, staffing_curve_svg
from crmsim.widgets.dashboard_presets import (
    PRESETS,
    Knobs,
    apply_knobs,
    knobs_of,
    preset_scenario,
    scenario_from_path,
)
from crmsim.widgets.dashboard_style import STAFFING_DASHBOARD_CSS
from crmsim.widgets.dashboard_texts import DASHBOARD_KPIS, explanation, kpi_label, text

TEXTBOOK = "Textbook M/M/14"


@pytest.fixture(scope="module")
def textbook_day():
    scenario = preset_scenario(TEXTBOOK)
    return run_day(scenario, knobs_of(scenario), seed=1)


# -- presets and knobs ----------------------------------------------------------------------
@pytest.mark.parametrize("name", list(PRESETS))
def test_each_preset_round_trips_through_its_knobs(name):
    scenario = preset_scenario(name)
    knobs = knobs_of(scenario)
    again = apply_knobs(scenario, knobs)
    assert [g.count for g in again.agents] == [g.count for g in scenario.agents]
    assert again.channels["phone"].aht_min == scenario.channels["phone"].aht_min
    assert again.channels["phone"].daily_volume == pytest.approx(
        scenario.channels["phone"].daily_volume, rel=0.01
    )
    assert knobs_of(again) == knobs


def test_textbook_knobs_are_the_erlang_c_reference_case():
    knobs = knobs_of(preset_scenario(TEXTBOOK))
    assert (knobs.agents, knobs.calls_per_hour, knobs.aht_min) == (14, 200.0, 3.0)
    assert knobs.patience_min == 0.0 and not knobs.callback
    assert (knobs.sl_threshold_s, knobs.sl_target) == (20.0, 0.8)


def test_agents_are_shared_over_the_phone_groups_in_proportion():
    cic = preset_scenario("Multichannel CIC")
    knobs = knobs_of(cic)
    assert knobs.agents == 36
    fewer = apply_knobs(cic, replace(knobs, agents=18))
    counts = {g.name: g.count for g in fewer.agents}
    assert counts["voice-early"] == 7 and counts["voice-late"] == 5
    assert counts["voice-mid"] + counts["complaints-desk"] == 6
    assert counts["chat-early"] == 5 and counts["back-office"] == 4  # no phone: untouched
    minimum = apply_knobs(cic, replace(knobs, agents=4))
    assert all(g.count >= 1 for g in minimum.agents)
    with pytest.raises(InputError, match=r'"agents" must be at least 4 \(one per phone group\)'):
        apply_knobs(cic, replace(knobs, agents=3))


def test_knobs_change_the_phone_channel_and_routing():
    adac = preset_scenario("ADAC telematics center")
    knobs = Knobs(12, 28.0, 5.0, 0.0, callback=True, vip_routing=True, sl_threshold_s=30)
    changed = apply_knobs(adac, knobs)
    phone = changed.channels["phone"]
    assert phone.patience_min is None and phone.callback is not None
    assert phone.aht_min == 5.0 and phone.sl_threshold_s == 30 and changed.vip_routing
    assert knobs_of(changed).calls_per_hour == 28.0
    with pytest.raises(InputError, match='"calls_per_hour" and "aht_min" must be > 0'):
        apply_knobs(adac, replace(knobs, aht_min=0.0))


def test_unknown_preset_names_the_presets():
    with pytest.raises(InputError, match="Textbook M/M/14, ADAC telematics center"):
        preset_scenario("nope")


def cli_message(path, capsys) -> str:
    assert cli_main(["callcenter", str(path)]) != 0
    return capsys.readouterr().err.strip().removeprefix("crmsim callcenter: error: ")


@pytest.mark.parametrize(
    "content",
    [
        "name: x\nchannels:\n  phone:\n    aht_min: -1\nagents:\n  - {name: a, count: 2}\n",
        "name: x\nchannels: [phone\n",
        None,
    ],
)
def test_a_lecturers_file_fails_with_the_command_lines_message(tmp_path, capsys, content):
    path = tmp_path / "center.yaml"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        scenario_from_path(path)
    assert str(caught.value) == cli_message(path, capsys)


def test_a_file_without_phone_channel_is_refused(tmp_path):
    path = tmp_path / "mail.yaml"
    path.write_text(
        "name: Mail only\nchannels:\n  email: {daily_volume: 50}\n"
        "agents:\n  - {name: desk, count: 2, channels: [email]}\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError, match='needs a "phone" channel'):
        scenario_from_path(path)
    with pytest.raises(InputError, match="give the path"):
        scenario_from_path("  ")


# -- the day beside Erlang ------------------------------------------------------------------
def test_erlang_value_of_the_textbook_day_is_erlang_c(textbook_day):
    exact = erlang_c_metrics(14, calls_per_hour=200, aht_min=3).service_level
    assert textbook_day.kpis["sl_erlang"] == pytest.approx(exact, abs=1e-9)
    assert abs(textbook_day.kpis["service_level"] - exact) < 0.05


def test_erlang_value_with_patience_is_erlang_a():
    scenario = preset_scenario(TEXTBOOK)
    knobs = replace(knobs_of(scenario), agents=12, patience_min=2.0)
    result = simulate(apply_knobs(scenario, knobs), seed=3, days=1)
    exact = erlang_a_metrics(12, 200, 3.0, 2.0, 20).service_level
    assert erlang_service_level(result) == pytest.approx(exact, abs=1e-9)


def test_handling_time_includes_reason_factors_and_after_call_work():
    adac = preset_scenario("ADAC telematics center")
    factor = 0.35 * 0.6 + 0.25 * 1.2 + 0.25 * 1.3 + 0.05 * 1.8 + 0.10 * 1.1
    assert handling_time_min(adac) == pytest.approx(4.0 * factor + 0.5)


def test_timeline_adds_up_to_the_waits_and_the_staff(textbook_day):
    timeline = textbook_day.timeline
    phone = textbook_day.result.contacts.query("channel == 'phone'")
    waited = np.minimum(phone["arrival_min"] + phone["wait_min"], 1440.0) - phone["arrival_min"]
    assert (timeline["queue_length"] * 30.0).sum() == pytest.approx(waited.sum(), rel=1e-9)
    assert (timeline["agents_on_duty"] == 14).all()
    assert (timeline["agents_busy"] <= timeline["agents_on_duty"] + 1e-9).all()
    assert 0.6 < timeline["agents_busy"].mean() / 14 < 0.8  # occupancy near 10/14


def test_shift_center_has_agents_logged_on_by_shift():
    adac = preset_scenario("ADAC telematics center")
    timeline = day_timeline(simulate(adac, seed=1, days=1))
    by_hour = timeline.set_index("hour")["agents_on_duty"]
    assert by_hour[3.0] == pytest.approx(2.0)  # night shift
    assert by_hour[11.0] == pytest.approx(7.0)  # early and day shift
    assert len(timeline) == 48


def test_staffing_curve_rises_with_agents_beside_erlang():
    scenario = preset_scenario(TEXTBOOK)
    points = staffing_points(scenario, knobs_of(scenario), [12, 14, 16], seed=1)
    assert list(points["agents"]) == [12, 14, 16]
    assert points["sl_simulated"].is_monotonic_increasing
    for row in points.itertuples():
        assert row.sl_erlang == pytest.approx(erlang_c_metrics(row.agents, 200, 3).service_level)
    assert curve_levels(14) == [11, 12, 13, 14, 15, 16, 17]
    assert curve_levels(3, minimum=2, count=5) == [2, 3, 4, 5, 6]


# -- A/B, words and plots -------------------------------------------------------------------
def test_differences_are_b_minus_a_in_the_kpis_units():
    a = {"service_level": 0.80, "asa_s": 20.0, "cost_per_contact_eur": 2.0}
    b = {"service_level": 0.85, "asa_s": 12.5, "cost_per_contact_eur": 2.3}
    table = kpi_comparison(a, b)
    assert table.loc["service_level", "difference"] == pytest.approx(0.05)
    assert np.isnan(table.loc["occupancy", "difference"])
    assert difference_text("service_level", 0.05) == "+5.0 pp"
    assert difference_text("asa_s", -7.5) == "−7.5 s"
    assert difference_text("cost_per_contact_eur", 0.3) == "+0.30 EUR"
    markup = kpi_table_markup(b, a)
    assert '<span class="crm-kpi-a" data-kpi="asa_s">20.0 s</span>' in markup
    assert '<span class="crm-kpi" data-kpi="asa_s">12.5 s</span>' in markup
    assert '<span class="crm-kpi-diff" data-kpi="service_level">+5.0 pp</span>' in markup
    assert "crm-kpi-a" not in kpi_table_markup(b)


@pytest.mark.parametrize("key", DASHBOARD_KPIS)
def test_every_kpi_label_carries_the_german_term_in_both_languages(key):
    english, german = kpi_label(key, "en"), kpi_label(key, "de")
    assert english != german
    inner = re.fullmatch(r"(.+) \((.+)\)", english)
    assert inner, english
    assert german == f"{inner.group(2)} ({inner.group(1)})"
    assert explanation(key, "en") != explanation(key, "de")


def test_unknown_language_is_refused():
    with pytest.raises(KeyError, match="languages: en, de"):
        text("reset", "fr")


def test_plots_are_svg_with_text_of_at_least_18_pixels(textbook_day):
    scenario = preset_scenario(TEXTBOOK)
    points = staffing_points(scenario, knobs_of(scenario), [13, 14], seed=1)
    for svg in (staffing_curve_svg(points, 14, 0.8), day_svg(textbook_day.timeline, "de")):
        assert svg.startswith("<svg ") and "<metadata>" not in svg
        sizes = [float(size) for size in re.findall(r"font-size: ([\d.]+)px", svg)]
        assert sizes and min(sizes) >= SMALLEST_FONT_PT
        assert min(sizes) * 4 / 3 >= 18  # points to CSS pixels at natural size
    assert "Warteschlange (queue length)" in day_svg(textbook_day.timeline, "de")
    assert "target 80%" in staffing_curve_svg(points, 14, 0.8, "en")


def test_style_wraps_rows_and_keeps_large_kpis():
    assert "flex-flow: row wrap" in STAFFING_DASHBOARD_CSS
    assert ".crm-kpis { font-size: 24px" in STAFFING_DASHBOARD_CSS
    assert "svg { display: block; max-width: 100%" in STAFFING_DASHBOARD_CSS
