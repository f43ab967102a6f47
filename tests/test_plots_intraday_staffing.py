"""``plot_intraday`` draws only the staff of the channel it plots."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest

from crmsim import plots
from crmsim.scenario import load_scenario
from crmsim.sim import simulate

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def cic_monday():
    return simulate(load_scenario(ROOT / "scenarios" / "multichannel-cic.yaml"), seed=1, days=1)


def staff_by_hand(result, channel: str, start_min: float, width_min: float = 30.0) -> float:
    """Mean agents serving ``channel`` logged on in one interval, from the duty log."""
    serving = {
        row.agent_id for row in result.agents.itertuples() if channel in row.channels.split(",")
    }
    on = result.duty[(result.duty["state"] == "on_duty") & result.duty["agent_id"].isin(serving)]
    overlap = np.clip(
        np.minimum(on["end_min"], start_min + width_min) - np.maximum(on["start_min"], start_min),
        0,
        None,
    )
    return float(overlap.sum() / width_min)


def plotted_staff(result, channel: str) -> tuple[np.ndarray, np.ndarray]:
    ax = plots.plot_intraday(result, channel=channel)
    line = ax.figure.axes[1].lines[0]
    hours, staff = np.asarray(line.get_xdata()), np.asarray(line.get_ydata())
    plt.close("all")
    return hours, staff


@pytest.mark.parametrize("channel", ["phone", "chat"])
def test_the_staff_line_counts_the_agents_of_the_channel(cic_monday, channel: str) -> None:
    hours, staff = plotted_staff(cic_monday, channel)
    expected = [staff_by_hand(cic_monday, channel, h * 60.0) for h in hours]
    assert staff == pytest.approx(expected)


def test_at_seven_only_the_early_voice_team_is_phone_staff(cic_monday) -> None:
    """At 07:00 the 14 early voice agents start; the 5 early chat agents and the 4 in the
    back office, logged on too, are not phone staff (all 23 were drawn before)."""
    hours, staff = plotted_staff(cic_monday, "phone")
    assert staff[list(hours).index(7.0)] == pytest.approx(14.0)
    everyone = cic_monday.duty[cic_monday.duty["state"] == "on_duty"]
    at_seven = everyone[(everyone["start_min"] <= 7 * 60) & (everyone["end_min"] >= 7.5 * 60)]
    assert at_seven["agent_id"].nunique() == 23


def test_the_legend_names_the_channel(cic_monday) -> None:
    ax = plots.plot_intraday(cic_monday, channel="chat")
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels == ["chat contacts offered", "chat agents logged on"]
    plt.close("all")
