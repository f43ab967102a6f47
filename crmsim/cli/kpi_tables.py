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


def _format(key: str, value: float) -> str:
    """A value as the glossary formats it; a mean count over runs keeps one decimal."""
    from crmsim.analytics.glossary import GLOSSARY, format_value

    if GLOSSARY[key].unit == "contacts" and not math.isnan(value) and value != round(value):
        return f"{value:,.1f}"
    return format_value(key, value)


def _cell(key: str, value: float, low: float | None = None, high: float | None = None) -> str:
    """One cell: the formatted value, with its interval when the bounds are known."""
    text = _format(key, value)
    if low is None or high is None or math.isnan(low) or math.isnan(high) or low == high:
        return text
    return f"{text} [{_format(key, low)}, {_format(key, high)}]"


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


def _signed(key: str, change: float) -> str:
    """A difference in the KPI's unit with its sign: shares in percentage points."""
    from crmsim.analytics.glossary import GLOSSARY

    sign = "" if change == 0 else "+" if change > 0 else "−"
    if GLOSSARY[key].unit == _POINTS:
        return f"{sign}{abs(change) * 100:.1f} pp"
    return sign + _format(key, abs(change))


def _difference(key: str, change: float, low: float = math.nan, high: float = math.nan) -> str:
    """A difference of two runs, with its interval where known (and not a single point)."""
    if math.isnan(change):
        return "–"
    text = _signed(key, change)
    if math.isnan(low) or math.isnan(high) or low == high:
        return text
    return f"{text} [{_signed(key, low)}, {_signed(key, high)}]"


def format_comparison(
    runs: dict[str, pd.DataFrame],
    difference: tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame] | None = None,
) -> str:
    """KPIs of several runs side by side: one block per channel, one column per run.

    Parameters
    ----------
    runs
        KPI summaries (:func:`crmsim.analytics.kpi_summary`) by the name of their run,
        in the order to show. With exactly two runs a last column gives the second
        minus the first (shares in percentage points).
    difference
        Mean, low and high bound of that difference over replications
        (:func:`crmsim.cli.replicated_kpis.paired_difference`); shown as
        ``change [low, high]``. Without it the difference of the two columns is shown.

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
            cells[f"{names[1]} − {names[0]}"] = _difference_cells(
                channel, keys, values[names[0]], values[names[1]], difference
            )
        shown = pd.DataFrame(cells, index=[label(key) for key in keys])
        shown.index.name = channel
        blocks.append(shown.to_string())
    return "\n\n".join(blocks)


def _difference_cells(
    channel: str,
    keys: list[str],
    first: list[float],
    second: list[float],
    difference: tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame] | None,
) -> list[str]:
    """The difference column of one channel's block."""
    if difference is None:
        pairs = zip(keys, first, second, strict=True)
        return [_difference(k, float(b) - float(a)) for k, a, b in pairs]
    mean, low, high = difference
    if channel not in mean.index:
        return ["–"] * len(keys)
    return [
        _difference(k, mean.loc[channel, k], low.loc[channel, k], high.loc[channel, k])
        if k in mean.columns
        else "–"
        for k in keys
    ]
