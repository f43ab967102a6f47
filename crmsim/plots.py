"""Plots of the workbook, all in one house theme (seaborn).

Call :func:`use_house_theme` once per notebook; every function here takes an
optional matplotlib ``ax`` and returns it, so notebooks can assign the result
(``ax = plot_intraday(result)``) and nbval sees no stray output.
"""

from __future__ import annotations

from typing import Any

import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns

from crmsim.sim.results import SimulationResult
from crmsim.time_units import MINUTES_PER_DAY, MINUTES_PER_HOUR

#: The workbook's colours: calm blue for demand, green for good service, red for misses.
PALETTE = {
    "demand": "#3a6ea5",
    "capacity": "#7a7a7a",
    "good": "#3c9d5d",
    "miss": "#c8553d",
    "theory": "#222222",
    "A": "#3a6ea5",
    "B": "#8fb3d9",
    "C": "#c9d6e3",
}


def use_house_theme(font_scale: float = 1.0) -> None:
    """Apply the workbook's seaborn theme (white grid, readable fonts, muted colours)."""
    sns.set_theme(
        context="notebook",
        style="whitegrid",
        palette=[PALETTE["demand"], PALETTE["good"], PALETTE["miss"], PALETTE["capacity"]],
        font_scale=font_scale,
        rc={"figure.figsize": (8.0, 4.0), "axes.titleweight": "bold", "figure.dpi": 100},
    )


def _axes(ax: Any | None) -> Any:
    if ax is None:
        _, ax = plt.subplots()
    return ax


def _one_day(result: SimulationResult, channel: str, interval_min: float, day: int) -> pd.DataFrame:
    table = result.intervals(interval_min)
    return table[(table["channel"] == channel) & (table["day"] == day)]


def plot_intraday(
    result: SimulationResult,
    channel: str = "phone",
    interval_min: float = 30.0,
    day: int = 0,
    ax: Any = None,
) -> Any:
    """Contacts offered per interval (bars) against the channel's agents logged on (line).

    The x axis is the time of day; where the bars rise above what the agents can
    handle, the service level drops. Only agents who serve ``channel`` count
    (:func:`crmsim.analytics.interval_table`): the chat team is not phone staff.
    """
    ax = _axes(ax)
    table = _one_day(result, channel, interval_min, day)
    hours = table["interval_start_min"] % MINUTES_PER_DAY / MINUTES_PER_HOUR
    ax.bar(hours, table["offered"], width=interval_min / 60.0 * 0.9, align="edge",
           color=PALETTE["demand"], label=f"{channel} contacts offered")  # fmt: skip
    ax.set_xlabel("time of day (hours)")
    ax.set_ylabel(f"contacts per {interval_min:g} minutes")
    twin = ax.twinx()
    twin.step(hours, table["agents_on_duty"], where="post", color=PALETTE["capacity"],
              linewidth=2, label=f"{channel} agents logged on")  # fmt: skip
    twin.set_ylabel(f"{channel} agents logged on")
    twin.set_ylim(bottom=0)
    twin.grid(False)
    handles = ax.get_legend_handles_labels()[0] + twin.get_legend_handles_labels()[0]
    ax.legend(handles=handles, loc="upper left")
    ax.set_title(f"Demand over day {day} against staffing")
    return ax


def plot_service_level_by_interval(
    result: SimulationResult,
    channel: str = "phone",
    interval_min: float = 30.0,
    day: int = 0,
    ax: Any = None,
) -> Any:
    """Service level per interval of one day, with the target as a dashed line."""
    ax = _axes(ax)
    table = _one_day(result, channel, interval_min, day)
    hours = table["interval_start_min"] % MINUTES_PER_DAY / MINUTES_PER_HOUR
    config = result.scenario.channels.get(channel)
    target = config.sl_target if config else 0.8
    colours = [PALETTE["good"] if v >= target else PALETTE["miss"] for v in table["service_level"]]
    ax.bar(hours, table["service_level"], width=interval_min / 60.0 * 0.9, align="edge",
           color=colours)  # fmt: skip
    ax.axhline(target, color=PALETTE["theory"], linestyle="--", label=f"target {target:.0%}")
    ax.set_ylim(0, 1.05)
    ax.set_xlabel("time of day (hours)")
    ax.set_ylabel("service level")
    ax.legend(loc="lower left")
    ax.set_title("Service level per interval")
    return ax


def plot_wait_distribution(
    result: SimulationResult, channel: str = "phone", ax: Any = None, max_wait_s: float = 300.0
) -> Any:
    """Histogram of waits of answered contacts (seconds) with the service-level threshold."""
    ax = _axes(ax)
    contacts = result.contacts
    answered = contacts[(contacts["channel"] == channel) & (contacts["agent_id"] >= 0)]
    waits = (answered["wait_min"] * 60.0).clip(upper=max_wait_s)
    ax.hist(waits, bins=30, range=(0, max_wait_s), color=PALETTE["demand"], edgecolor="white")
    config = result.scenario.channels.get(channel)
    threshold = config.sl_threshold_s if config else 20.0
    ax.axvline(threshold, color=PALETTE["miss"], linestyle="--", label=f"{threshold:g} s")
    ax.set_xlabel(f"wait of answered contacts (seconds, capped at {max_wait_s:g})")
    ax.set_ylabel("contacts")
    ax.legend()
    ax.set_title("How long customers waited")
    return ax


def plot_staffing_curve(curve: pd.DataFrame, target: float = 0.8, ax: Any = None) -> Any:
    """Service level against agents: simulation (points, ±2 SE) beside the Erlang formula (line)."""
    ax = _axes(ax)
    ax.plot(curve["agents"], curve["sl_erlang"], color=PALETTE["theory"], marker="",
            label="Erlang formula")  # fmt: skip
    ax.errorbar(curve["agents"], curve["sl_simulated"], yerr=2 * curve["sl_se"], fmt="o",
                color=PALETTE["demand"], capsize=3, label="simulation (mean ± 2 SE)")  # fmt: skip
    ax.axhline(target, color=PALETTE["miss"], linestyle="--", label=f"target {target:.0%}")
    ax.set_xlabel("agents")
    ax.set_ylabel("service level")
    ax.set_ylim(0, 1.02)
    ax.legend(loc="lower right")
    ax.set_title("Staffing curve")
    return ax


def plot_asa_by_class(result: SimulationResult, channel: str = "phone", ax: Any = None) -> Any:
    """Average speed of answer (seconds) per customer value class."""
    ax = _axes(ax)
    contacts = result.contacts
    answered = contacts[(contacts["channel"] == channel) & (contacts["agent_id"] >= 0)]
    asa = (answered.groupby("value_class", observed=True)["wait_min"].mean() * 60.0).reset_index()
    sns.barplot(data=asa, x="value_class", y="wait_min", hue="value_class", legend=False,
                palette=PALETTE, ax=ax)  # fmt: skip
    ax.set_xlabel("customer value class")
    ax.set_ylabel("ASA (seconds)")
    ax.set_title("Who waits how long")
    return ax
