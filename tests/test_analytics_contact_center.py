"""Contact-center KPIs of the analytics layer, on hand-checkable tables and on runs."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from crmsim.analytics import (
    GLOSSARY,
    PANEL_KPIS,
    agent_summary,
    channel_targets,
    format_value,
    glossary_table,
    interval_table,
    kpi_summary,
    label,
    panel_kpis,
)
from crmsim.scenario import mmc_scenario
from crmsim.scenario.classroom import classroom_scenario
from crmsim.sim import simulate

NAN = math.nan


def contact(channel, outcome, arrival, wait, handle=3.0, agent=0, acw=0.0, kind="new", cls="A"):
    """One row of a contact table; wait and handle in minutes, agent −1 for nobody."""
    answered = agent >= 0
    answer = arrival + wait if answered else NAN
    end = answer + handle if answered else arrival + wait
    return {
        "channel": channel,
        "outcome": outcome,
        "kind": kind,
        "value_class": cls,
        "arrival_min": arrival,
        "answer_min": answer,
        "end_min": end,
        "wait_min": wait,
        "handle_min": handle if answered else 0.0,
        "acw_min": acw,
        "agent_id": agent,
    }


#: Ten phone calls: 6 answered (4 within 20 s), 2 abandoned, 1 blocked, 1 call-back request.
PHONE = [
    contact("phone", "resolved", 0.0, 0.0),
    contact("phone", "resolved", 5.0, 0.2),
    contact("phone", "unresolved", 10.0, 0.3),
    contact("phone", "transferred", 15.0, 0.1),
    contact("phone", "resolved", 20.0, 1.0),
    contact("phone", "unresolved", 25.0, 2.0),
    contact("phone", "abandoned", 30.0, 1.5, agent=-1),
    contact("phone", "abandoned", 35.0, 0.5, agent=-1),
    contact("phone", "blocked", 40.0, 0.0, agent=-1),
    contact("phone", "callback_requested", 45.0, 0.0, agent=-1),
]
#: Two emails, one answered within the 24-hour target, one after it; one call-back nobody took.
OTHERS = [
    contact("email", "resolved", 0.0, 600.0, handle=5.0),
    contact("email", "resolved", 0.0, 1500.0, handle=5.0),
    contact("callback", "not_reached", 45.0, 30.0, handle=0.5),
]
HORIZON = 2000.0
DUTY = pd.DataFrame(
    {"agent_id": [0], "state": ["on_duty"], "start_min": [0.0], "end_min": [HORIZON]}
)


@pytest.fixture
def contacts() -> pd.DataFrame:
    return pd.DataFrame(PHONE + OTHERS)


@pytest.fixture
def targets() -> pd.DataFrame:
    scenario = mmc_scenario(agents=1, calls_per_hour=10, aht_min=3)
    frame = channel_targets(scenario, ["phone", "email", "callback"])
    frame.loc["email"] = [NAN, NAN, NAN]  # not in the scenario: the defaults apply
    return frame


def test_channel_targets_leave_unconfigured_channels_empty():
    scenario = mmc_scenario(agents=1, calls_per_hour=10, aht_min=3, sl_threshold_s=15)
    frame = channel_targets(scenario, ["phone", "callback"])
    assert frame.loc["phone", "sl_threshold_s"] == 15.0
    assert frame.loc["callback"].isna().all()
    assert list(frame.columns) == ["sl_threshold_s", "sl_target", "response_target_h"]


def test_the_service_level_divides_by_answered_plus_abandoned(contacts, targets):
    kpis = kpi_summary(contacts, DUTY, targets, HORIZON)
    phone = kpis.loc["phone"]
    assert phone["offered"] == 10 and phone["answered"] == 6 and phone["abandoned"] == 2
    assert phone["blocked"] == 1 and phone["callback_requested"] == 1
    # within 20 s: waits 0, 0.2 min = 12 s, 0.3 min = 18 s, 0.1 min = 6 s → 4 of 6 + 2
    assert phone["service_level"] == pytest.approx(4 / 8)
    assert phone["abandon_rate"] == pytest.approx(2 / 10)
    assert phone["callback_share"] == pytest.approx(1 / 10)
    assert phone["fcr"] == pytest.approx(3 / 6)  # resolved ÷ handled
    assert phone["asa_s"] == pytest.approx(np.mean([0, 0.2, 0.3, 0.1, 1.0, 2.0]) * 60)
    assert phone["p_wait"] == pytest.approx(7 / 9)  # waited, of offered minus blocked
    assert phone["aht_min"] == pytest.approx(3.0)


def test_written_media_and_call_backs_meet_response_targets(contacts, targets):
    kpis = kpi_summary(contacts, DUTY, targets, HORIZON)
    assert kpis.loc["email", "service_level"] == pytest.approx(1 / 2)  # 24-hour default
    assert kpis.loc["email", "response_time_h"] == pytest.approx((605 + 1505) / 2 / 60)
    assert math.isnan(kpis.loc["email", "asa_s"])
    # a call-back dialled after 30 minutes is on time (1 hour); nobody picked up: not handled
    assert kpis.loc["callback", "service_level"] == 1.0
    assert math.isnan(kpis.loc["callback", "fcr"])


def test_occupancy_counts_busy_minutes_of_logged_on_minutes(contacts, targets):
    kpis = kpi_summary(contacts, DUTY, targets, HORIZON)
    busy = 6 * 3.0 + 2 * 5.0 + 0.5  # six calls, two emails and one dial attempt (minutes)
    assert kpis["occupancy"].iloc[0] == pytest.approx(busy / HORIZON)
    summary = agent_summary(
        contacts, DUTY, pd.DataFrame({"agent_id": [0], "agent": ["a"], "group": ["g"]}), HORIZON
    )
    assert summary.loc[0, "on_duty_min"] == HORIZON and summary.loc[0, "contacts"] == 9
    assert summary.loc[0, "occupancy"] == pytest.approx(busy / HORIZON)


def test_a_warm_up_leaves_out_early_arrivals(contacts, targets):
    kpis = kpi_summary(contacts, DUTY, targets, HORIZON, warmup_min=12.0)
    assert kpis.loc["phone", "offered"] == 7


def test_intervals_add_up_to_the_summary():
    result = simulate(mmc_scenario(agents=4, calls_per_hour=60, aht_min=3.5), seed=3, days=1)
    targets = result.channel_targets()
    table = interval_table(result.contacts, result.duty, targets, result.horizon_min, 60.0)
    summary = kpi_summary(result.contacts, result.duty, targets, result.horizon_min)
    assert table["offered"].sum() == summary.loc["phone", "offered"]
    assert table["answered"].sum() == summary.loc["phone", "answered"]
    assert list(table["time"].head(2)) == ["00:00", "01:00"]
    assert (table["agents_on_duty"] <= 4 + 1e-9).all()


def test_the_result_methods_are_the_analytics_functions():
    result = simulate(mmc_scenario(agents=3, calls_per_hour=40, aht_min=4), seed=2, days=1)
    targets = result.channel_targets()
    expected = kpi_summary(result.contacts, result.duty, targets, result.horizon_min, 30.0)
    pd.testing.assert_frame_equal(result.kpis(30.0), expected)


def test_panel_kpis_of_a_classroom_day():
    result = simulate(classroom_scenario(agents=9, self_service_share=0.3, callback=True), seed=1)
    figures = panel_kpis(result.contacts, result.duty, result.kpis(), agent_cost_eur_per_hour=30.0)
    assert list(figures.index) == list(PANEL_KPIS)
    phone = result.kpis().loc["phone"]
    assert figures["service_level"] == phone["service_level"]
    contacts = result.contacts
    solved = (contacts["outcome"] == "self_served").sum()
    assert figures["deflection"] == pytest.approx(solved / (contacts["kind"] == "new").sum())
    assert 0 < figures["deflection"] < 1 and figures["callback_share"] > 0
    on = result.duty[result.duty["state"] == "on_duty"]
    hours = (on["end_min"] - on["start_min"]).sum() / 60
    sessions = (contacts["channel"] == "self_service").sum()
    concerns = (contacts["agent_id"] >= 0).sum() + solved
    assert figures["cost_per_contact_eur"] == pytest.approx(
        (hours * 30 + sessions * 0.5) / concerns
    )


def test_every_kpi_column_has_one_glossary_entry():
    result = simulate(mmc_scenario(agents=3, calls_per_hour=40, aht_min=4), seed=2, days=1)
    columns = set(result.kpis().columns) | set(result.intervals().columns) | set(PANEL_KPIS)
    columns -= {"interval_start_min", "day", "time", "channel"}
    assert columns <= set(GLOSSARY)
    table = glossary_table()
    assert list(table.columns) == ["label", "german", "unit", "definition", "denominator"]
    assert (table["german"].str.len() > 0).all() and (table["definition"].str.len() > 10).all()
    shares = table[table["unit"] == "share"].drop(["sl_target"])
    assert (shares["denominator"].str.len() > 0).all(), "every share says what it divides by"
    assert "answered + abandoned" in GLOSSARY["service_level"].denominator
    assert "Erlang" in GLOSSARY["service_level"].denominator


def test_values_are_formatted_by_their_unit():
    assert format_value("service_level", 0.8123) == "81.2 %"
    assert format_value("asa_s", 12.34) == "12.3 s"
    assert format_value("aht_min", 4.5) == "4.50 min"
    assert format_value("response_time_h", 2.0) == "2.00 h"
    assert format_value("cost_per_contact_eur", 2.5) == "2.50 EUR"
    assert format_value("offered", 12345.0) == "12,345"
    assert format_value("asa_s", NAN) == "–" and format_value("fcr", None) == "–"
    assert label("occupancy") == "Occupancy (Auslastung)"
    assert label("occupancy", german=False) == "Occupancy"
