"""The statements of chapter 03 (notebooks/03-contact-center.ipynb), checked with crmsim.

Every number the chapter's prose states about queueing is computed here again, from
Erlang's formulas or from seeded simulations averaged over seeds, so a change in the
model or in the text that breaks a statement fails a test.
"""

from __future__ import annotations

import math
from pathlib import Path

import nbformat
import numpy as np
import pandas as pd
import pytest

import crmsim
from crmsim.analytics import staffing_curve
from crmsim.scenario import SCENARIO_FOLDER, load_scenario
from crmsim.scenario.classroom import classroom_scenario
from crmsim.widgets import panel_kpis

ROOT = Path(__file__).resolve().parents[1]
CHAPTER = ROOT / "notebooks" / "03-contact-center.ipynb"


@pytest.fixture(scope="module")
def text() -> str:
    notebook = nbformat.read(CHAPTER, as_version=4)
    return "\n".join(cell.source for cell in notebook.cells if cell.cell_type == "markdown")


def test_the_chapter_states_definitions_with_assumptions_and_denominators(text: str) -> None:
    assert "Verkehrslast" not in text
    assert text.count("Verkehrsangebot") >= 2
    assert "average number of calls in progress at once" in text
    assert "busy all the time" not in text and "never drains" not in text
    assert "no steady state" in text
    for assumption in ("Poisson arrivals", "exponential handling times", "identical agents",
                       "first come, first served", "infinite patience"):  # fmt: skip
        assert assumption in text
    assert r"\text{ASA} = P_W" in text and r"\text{SL}(T) = 1 - P_W" in text
    assert "answered within\n  $T$ ÷ (answered + abandoned)" in text
    assert "exponential" in text.split("## When callers hang up")[1][:600]
    assert "service level of those who stay" not in text
    assert "talk + ACW" in text
    assert "scheduled for that hour" in text
    assert "iNCCA" in text and "## Sources" in text


def test_large_centers_reach_80_20_at_93_percent_occupancy() -> None:
    agents = crmsim.agents_for_service_level(2000, 3.0, 0.8)  # 100 Erlang
    assert agents == 107
    assert 100 / agents == pytest.approx(0.935, abs=0.001)
    assert crmsim.erlang_c_metrics(agents, 2000, 3.0).service_level >= 0.8
    assert crmsim.erlang_c_metrics(agents - 1, 2000, 3.0).service_level < 0.8
    small = crmsim.agents_for_service_level(200, 3.0, 0.8)
    assert 10 / small == pytest.approx(0.714, abs=0.001)


@pytest.mark.parametrize("load", [5, 10, 20, 50, 100])
def test_square_root_staffing_is_a_close_first_estimate(load: int) -> None:
    exact = crmsim.agents_for_service_level(load * 20, 3.0, 0.8)
    estimate = load + math.sqrt(load)
    assert abs(estimate - exact) <= 3.5
    assert 0.6 <= (exact - load) / math.sqrt(load) <= 1.4  # beta as stated in the text


def test_pooling_two_small_hotlines_saves_agents() -> None:
    separate = 2 * crmsim.agents_for_service_level(100, 3.0, 0.8)
    shared = crmsim.agents_for_service_level(200, 3.0, 0.8)
    assert (separate, shared) == (16, 14)


def test_erlang_a_counts_every_hang_up_as_a_miss_and_still_rises() -> None:
    patient = crmsim.erlang_c_metrics(12, 200, 3.0)
    impatient = crmsim.erlang_a_metrics(12, 200, 3.0, patience_min=5.0)
    assert patient.service_level == pytest.approx(0.64, abs=0.005)
    assert impatient.service_level == pytest.approx(0.77, abs=0.005)
    assert impatient.abandon_rate == pytest.approx(1 / 25, abs=0.005)
    # Answered within 20 s plus hang-ups cannot exceed the calls offered.
    assert impatient.service_level + impatient.abandon_rate <= 1.0


def test_the_email_service_level_hides_a_backlog() -> None:
    cic = crmsim.simulate(load_scenario(SCENARIO_FOLDER / "multichannel-cic.yaml"), seed=1, days=1)
    email = cic.kpis().loc["email"]
    assert email["service_level"] == 1.0
    assert email["open"] / email["offered"] == pytest.approx(0.17, abs=0.01)


def test_the_adac_friday_gap_is_the_day_shift_end_and_the_late_break() -> None:
    week = crmsim.simulate(load_scenario(SCENARIO_FOLDER / "adac-telematics.yaml"), seed=1, days=7)
    table = week.intervals(30)
    friday = table[(table["channel"] == "phone") & (table["day"] == 4)].set_index("time")
    assert friday.loc["17:30", "agents_on_duty"] == pytest.approx(6.0)
    assert friday.loc["18:30", "agents_on_duty"] == pytest.approx(3.0)
    assert friday.loc["19:00", "agents_on_duty"] < 1.5
    assert friday["service_level"].idxmin() == "19:00"
    assert friday.loc["17:30", "offered"] >= friday.loc["19:00", "offered"]  # not more demand


@pytest.mark.slow
def test_vip_routing_over_20_seeds_raises_the_overall_service_level() -> None:
    rows = []
    for seed in range(1, 21):
        for vip in (False, True):
            kpis = panel_kpis(
                crmsim.simulate(classroom_scenario(agents=12, vip_routing=vip), seed=seed)
            )
            rows.append({"seed": seed, "vip": vip, **kpis})
    runs = pd.DataFrame(rows).pivot_table(index="seed", columns="vip")
    gain = runs["service_level"][True] - runs["service_level"][False]
    assert gain.mean() == pytest.approx(0.028, abs=0.006)
    assert gain.mean() - 2 * gain.sem() > 0 and (gain > 0).all()
    abandon = runs["abandon_rate"][True] - runs["abandon_rate"][False]
    assert abs(abandon.mean()) < 0.005
    assert runs["asa_a_s"][True].mean() < 0.6 * runs["asa_a_s"][False].mean()
    assert runs["asa_c_s"][True].mean() > runs["asa_c_s"][False].mean()


@pytest.mark.slow
def test_the_staffing_curve_with_independent_seeds_scatters_around_erlang() -> None:
    curve = pd.concat(
        staffing_curve(200, 3.0, agents=[n], hours=8, replications=8, seed=100 * n)
        for n in range(11, 19)
    )
    z = (curve["sl_simulated"] - curve["sl_erlang"]) / curve["sl_se"].clip(lower=0.002)
    assert (np.abs(z) < 3.5).all(), curve
    assert (z > 0).any() and (z < 0).any()  # not all on one side, as with shared seeds
