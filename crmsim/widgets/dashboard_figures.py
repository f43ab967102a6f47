"""The dashboard's plots as inline SVG, with text large enough for the back of a lecture hall.

The plots are drawn with matplotlib and sent as SVG with real text elements
(``svg.fonttype = none``), so the browser draws the letters sharply at any size and a
browser check can measure them. At its natural size an SVG point is 4/3 of a CSS pixel:
the smallest text here, 14 points, is 18.7 pixels on screen.
"""

from __future__ import annotations

import io
import re
from typing import Any

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.ticker import PercentFormatter

from crmsim.plots import PALETTE
from crmsim.widgets.dashboard_texts import text

__all__ = ["FIGURE_SIZE_IN", "SMALLEST_FONT_PT", "day_svg", "staffing_curve_svg", "svg_markup"]

#: Size of each plot (inches); at 72 points per inch and 4/3 pixel per point 614 × 384 px.
FIGURE_SIZE_IN = (6.4, 4.0)
#: The smallest type in the plots (points): 18.7 CSS pixels at natural size.
SMALLEST_FONT_PT = 14.0
_RC: Any = {
    "svg.fonttype": "none",
    "font.size": SMALLEST_FONT_PT,
    "axes.titlesize": SMALLEST_FONT_PT + 2,
    "axes.labelsize": SMALLEST_FONT_PT + 1,
    "xtick.labelsize": SMALLEST_FONT_PT,
    "ytick.labelsize": SMALLEST_FONT_PT,
    "legend.fontsize": SMALLEST_FONT_PT,
}
#: Fixed margins (fractions of the figure): faster than a layout pass, room for the labels.
_MARGINS = {"left": 0.15, "right": 0.97, "bottom": 0.17, "top": 0.9}
_PROLOGUE = re.compile(r"^.*?(?=<svg)", re.DOTALL)
_METADATA = re.compile(r"<metadata>.*?</metadata>", re.DOTALL)


def svg_markup(figure: plt.Figure, title: str = "") -> str:
    """The figure as an ``<svg>`` element for an HTML page (no XML prologue, no metadata).

    The figure is closed afterwards. ``title`` becomes the SVG's accessible name.
    """
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg")
    plt.close(figure)
    svg = _METADATA.sub("", _PROLOGUE.sub("", buffer.getvalue(), count=1), count=1)
    if title:
        svg = svg.replace("<svg ", f'<svg role="img" aria-label="{title}" ', 1)
    return svg


def staffing_curve_svg(
    points: pd.DataFrame, agents: int, target: float, language: str = "en"
) -> str:
    """Simulated service level against agents, the Erlang values beside it, and the target.

    Parameters
    ----------
    points:
        :func:`crmsim.widgets.dashboard_day.staffing_points` (``agents``,
        ``sl_simulated``, ``sl_erlang``).
    agents:
        The current staffing, marked by a vertical line.
    target:
        The service-level target (share), drawn as the 80/20 line.
    language:
        "en" or "de".
    """
    with plt.rc_context(_RC):
        figure, ax = plt.subplots(figsize=FIGURE_SIZE_IN)
        ax.plot(points["agents"], points["sl_erlang"], color=PALETTE["theory"], linewidth=2.5,
                label=text("erlang", language))  # fmt: skip
        ax.plot(points["agents"], points["sl_simulated"], "o", color=PALETTE["demand"],
                markersize=9, label=text("simulated", language))  # fmt: skip
        ax.axhline(target, color=PALETTE["miss"], linestyle="--", linewidth=2,
                   label=f"{text('target_line', language)} {target:.0%}")  # fmt: skip
        ax.axvline(agents, color="grey", linestyle=":", linewidth=2)
        ax.set_xlabel(text("curve_x", language))
        ax.set_ylabel(text("curve_y", language))
        ax.set_ylim(0, 1.02)
        ax.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
        ax.set_title(text("curve_title", language))
        ax.legend(loc="lower right")
        figure.subplots_adjust(**_MARGINS)
        return svg_markup(figure, text("curve_title", language))


def day_svg(timeline: pd.DataFrame, language: str = "en") -> str:
    """Queue length, agents busy and agents logged on over the day (step lines per slot).

    Parameters
    ----------
    timeline:
        :func:`crmsim.widgets.dashboard_day.day_timeline`.
    language:
        "en" or "de".
    """
    with plt.rc_context(_RC):
        figure, ax = plt.subplots(figsize=FIGURE_SIZE_IN)
        hours = timeline["hour"]
        ax.step(hours, timeline["agents_on_duty"], where="post", color="grey", linewidth=2,
                label=text("agents_on_duty", language))  # fmt: skip
        ax.step(hours, timeline["agents_busy"], where="post", color=PALETTE["theory"],
                linewidth=2.5, label=text("agents_busy", language))  # fmt: skip
        ax.step(hours, timeline["queue_length"], where="post", color=PALETTE["miss"],
                linewidth=2.5, label=text("queue_length", language))  # fmt: skip
        ax.set_xlim(0, 24)
        ax.set_xticks(range(0, 25, 4))
        # Head room above the busiest slot for the legend.
        ax.set_ylim(
            0, 1.7 * max(1.0, float(timeline[["agents_on_duty", "queue_length"]].max().max()))
        )
        ax.set_xlabel(text("day_x", language))
        ax.set_ylabel(text("day_y", language))
        ax.set_title(text("day_title", language))
        ax.legend(loc="upper left", framealpha=0.9)
        figure.subplots_adjust(**_MARGINS)
        return svg_markup(figure, text("day_title", language))
