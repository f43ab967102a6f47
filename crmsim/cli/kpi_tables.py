"""The text tables of ``crmsim callcenter``: KPIs of one run, and runs side by side.

Labels (with the German terms), units and number formats come from the KPI
glossary (:mod:`crmsim.analytics.glossary`); the figures come from
:func:`crmsim.analytics.kpi_summary`. Nothing is computed here except the
difference of two runs in a comparison.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

#: The KPI rows of the table, in the order shown.
TABLE_KPIS = (
    "offered",
    "answered",
    "abandoned",
    "blocked",
    "callback_requested",
    "self_served",
    "open",
    "in_hand",
    "oldest_open_h",
    "service_level",
    "asa_s",
    "abandon_rate",
    "aht_min",
    "fcr",
    "response_time_h",
    "occupancy",
)
#: Units whose difference is shown in percentage points rather than per cent.
_POINTS = "share"


def _cell(key: str, value: float, low: float | None = None, high: float | None = None) -> str:
    """One cell: the formatted value, with its interval when the bounds are known."""
    from crmsim.analytics.glossary import format_value

    text = format_value(key, value)
    if low is None or high is None or math.isnan(low) or math.isnan(high) or low == high:
        return text
    return f"{text} [{format_value(key, low)}, {format_value(key, high)}]"


def table_keys(kpis: pd.DataFrame) -> list[str]:
    """The rows of :data:`TABLE_KPIS` that the KPI summary holds."""
    return [key for key in TABLE_KPIS if key in kpis.columns]


def format_kpis(
    kpis: pd.DataFrame, low: pd.DataFrame | None = None, high: pd.DataFrame | None = None
) -> str:
    """The KPI summary as an aligned text table, one column per channel.

    Parameters
    ----------
    kpis
        KPIs per channel (:func:`crmsim.analytics.kpi_summary`), or their means over
        replications.
    low, high
        Bounds of the 95 % confidence intervals, same shape as ``kpis``; shown as
        ``value [low, high]`` where given.
    """
    import pandas as pd

    from crmsim.analytics.glossary import label

    keys = table_keys(kpis)
    cells = {
        channel: [
            _cell(
                key,
                kpis.loc[channel, key],
                None if low is None else low.loc[channel, key],
                None if high is None else high.loc[channel, key],
            )
            for key in keys
        ]
        for channel in kpis.index
    }
    return pd.DataFrame(cells, index=[label(key) for key in keys]).to_string()


def _difference(key: str, first: float, second: float) -> str:
    """``second − first`` in the KPI's unit: shares in percentage points."""
    from crmsim.analytics.glossary import GLOSSARY, format_value

    if math.isnan(first) or math.isnan(second):
        return "–"
    change = second - first
    sign = "+" if change >= 0 else "−"
    if GLOSSARY[key].unit == _POINTS:
        return f"{sign}{abs(change) * 100:.1f} pp"
    return sign + format_value(key, abs(change))


def format_comparison(runs: dict[str, pd.DataFrame]) -> str:
    """KPIs of several runs side by side: one block per channel, one column per run.

    Parameters
    ----------
    runs
        KPI summaries (:func:`crmsim.analytics.kpi_summary`) by the name of their run,
        in the order to show. With exactly two runs a last column gives the second
        minus the first (shares in percentage points).

    Returns
    -------
    str
        The blocks of every channel that any run has, separated by blank lines; a run
        without the channel shows "–".
    """
    import pandas as pd

    from crmsim.analytics.glossary import label

    names = list(runs)
    channels: list[str] = []
    for kpis in runs.values():
        channels += [str(c) for c in kpis.index if str(c) not in channels]
    blocks = []
    for channel in channels:
        keys = [key for key in TABLE_KPIS if any(key in k.columns for k in runs.values())]
        values = {
            name: [kpis.loc[channel, key] if channel in kpis.index else math.nan for key in keys]
            for name, kpis in runs.items()
        }
        cells = {
            name: [_cell(key, value) for key, value in zip(keys, values[name], strict=True)]
            for name in names
        }
        if len(names) == 2:
            first, second = (values[name] for name in names)
            cells[f"{names[1]} − {names[0]}"] = [
                _difference(key, float(a), float(b))
                for key, a, b in zip(keys, first, second, strict=True)
            ]
        shown = pd.DataFrame(cells, index=[label(key) for key in keys])
        shown.index.name = channel
        blocks.append(shown.to_string())
    return "\n\n".join(blocks)
