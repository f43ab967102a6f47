"""Setting A against setting B: both KPI sets side by side with their differences.

A lecturer freezes the current setting as A, turns a knob ("one more agent",
"call-back on") and reads B − A in the units a class understands: percentage
points for shares, seconds for waits, euros for cost.
"""

from __future__ import annotations

import math
from html import escape

import pandas as pd

from crmsim.analytics.glossary import GLOSSARY
from crmsim.widgets.dashboard_texts import DASHBOARD_KPIS, explanation, kpi_terms, kpi_text, text

__all__ = ["difference_text", "kpi_comparison", "kpi_table_markup"]


def _unit(key: str) -> str:
    return "share" if key == "sl_erlang" else GLOSSARY[key].unit


def difference_text(key: str, difference: float) -> str:
    """A difference B − A with its sign: shares in percentage points, times and money in units.

    Examples
    --------
    >>> difference_text("service_level", 0.0412), difference_text("asa_s", -3.25)
    ('+4.1 pp', '−3.2 s')
    >>> difference_text("cost_per_contact_eur", 0.105)
    '+0.10 EUR'
    """
    if math.isnan(difference):
        return "–"
    unit = _unit(key)
    if unit == "share":
        shown = f"{difference * 100:+.1f} pp"
    elif unit == "EUR":
        shown = f"{difference:+.2f} EUR"
    else:
        shown = f"{difference:+.1f} s"
    return shown.replace("-", "−")


def kpi_comparison(a: dict[str, float], b: dict[str, float]) -> pd.DataFrame:
    """Both KPI sets and their difference, one row per dashboard KPI.

    Parameters
    ----------
    a, b:
        KPIs of setting A (frozen) and B (current), by key (see
        :data:`crmsim.widgets.dashboard_texts.DASHBOARD_KPIS`).

    Returns
    -------
    pandas.DataFrame
        Index ``kpi``; columns ``a``, ``b`` and ``difference`` (B − A, in the KPI's unit;
        NaN where either side is missing).
    """
    rows = [(key, a.get(key, math.nan), b.get(key, math.nan)) for key in DASHBOARD_KPIS]
    table = pd.DataFrame(rows, columns=["kpi", "a", "b"]).set_index("kpi")
    table["difference"] = table["b"] - table["a"]
    return table


def kpi_table_markup(
    current: dict[str, float], frozen: dict[str, float] | None = None, language: str = "en"
) -> str:
    """The KPI table as HTML: label, value, and with a frozen A the columns A and B − A.

    Each current value sits in ``<span class="crm-kpi" data-kpi="KEY">``, A's value in
    ``crm-kpi-a`` and the difference in ``crm-kpi-diff``; a label's tooltip explains it, and
    the term in the other language follows in a ``crm-term`` span (a line of its own on screen).
    """
    head = ""
    if frozen is not None:
        head = (
            f"<tr><th>{escape(text('kpi', language))}</th><th>A</th><th>B</th>"
            f"<th>{escape(text('difference', language))}</th></tr>"
        )
        comparison = kpi_comparison(frozen, current)
    rows = []
    for key in DASHBOARD_KPIS:
        value = current.get(key, math.nan)
        name, other = kpi_terms(key, language)
        cells = [
            f'<td title="{escape(explanation(key, language))}">{escape(name)}'
            f'<span class="crm-term"> ({escape(other)})</span></td>'
        ]
        if frozen is not None:
            a_value = frozen.get(key, math.nan)
            cells.append(
                f'<td class="crm-num"><span class="crm-kpi-a" data-kpi="{key}">'
                f"{escape(kpi_text(key, a_value))}</span></td>"
            )
        cells.append(
            f'<td class="crm-num"><span class="crm-kpi" data-kpi="{key}">'
            f"{escape(kpi_text(key, value))}</span></td>"
        )
        if frozen is not None:
            diff = difference_text(key, float(comparison.loc[key, "difference"]))
            cells.append(
                f'<td class="crm-num"><span class="crm-kpi-diff" data-kpi="{key}">'
                f"{escape(diff)}</span></td>"
            )
        rows.append(f"<tr>{''.join(cells)}</tr>")
    return f'<table class="crm-kpis">{head}{"".join(rows)}</table>'
