"""Plots draw what they claim; the staffing curve follows Erlang."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pytest

from crmsim import plots
from crmsim.analytics import staffing_curve
from crmsim.errors import InputError
from crmsim.scenario.classroom import classroom_scenario
from crmsim.sim import simulate


@pytest.fixture(scope="module")
def day():
    plots.use_house_theme()
    return simulate(classroom_scenario(agents=12, vip_routing=True), seed=2, days=1)


def test_intraday_plot_shows_demand_and_staffing(day) -> None:
    ax = plots.plot_intraday(day)
    assert len(ax.patches) == 16  # eight opening hours in half-hour bars
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels == ["phone contacts offered", "phone agents logged on"]
    plt.close("all")


def test_service_level_bars_are_coloured_against_the_target(day) -> None:
    ax = plots.plot_service_level_by_interval(day)
    table = day.intervals(30)
    colours = {tuple(round(c, 3) for c in p.get_facecolor()[:3]) for p in ax.patches}
    assert len(ax.patches) == len(table)
    assert len(colours) >= 1
    assert ax.get_ylim()[1] == pytest.approx(1.05)
    plt.close("all")


def test_wait_histogram_and_class_bars(day) -> None:
    ax = plots.plot_wait_distribution(day)
    heights = sum(p.get_height() for p in ax.patches)
    assert heights == (day.contacts["agent_id"] >= 0).sum()
    ax = plots.plot_asa_by_class(day)
    bars = [p.get_height() for p in ax.patches]
    assert bars[0] < bars[-1]  # A customers wait less under VIP routing
    plt.close("all")


def test_staffing_curve_follows_erlang_c() -> None:
    curve = staffing_curve(200, 3.0, agents=[11, 13, 15], hours=16, replications=4)
    assert list(curve["agents"]) == [11, 13, 15]
    assert curve["sl_simulated"].is_monotonic_increasing
    assert curve["sl_erlang"].is_monotonic_increasing
    within = (curve["sl_simulated"] - curve["sl_erlang"]).abs() <= 4 * curve["sl_se"] + 0.01
    assert within.all(), curve
    ax = plots.plot_staffing_curve(curve)
    assert len(ax.lines) >= 2
    plt.close("all")


def test_staffing_curve_with_patience_uses_erlang_a() -> None:
    curve = staffing_curve(200, 3.0, agents=[9], patience_min=2.0, hours=8, replications=3)
    assert 0 < curve.loc[0, "abandon_rate_erlang"] < 1
    assert curve.loc[0, "abandon_rate_simulated"] == pytest.approx(
        curve.loc[0, "abandon_rate_erlang"], abs=0.05
    )


def test_staffing_curve_needs_two_replications() -> None:
    with pytest.raises(InputError, match="at least 2"):
        staffing_curve(100, 3.0, agents=[6], replications=1)
