"""RFM analysis: recency, frequency and monetary value at a cut-off date.

Each buyer gets three figures from the orders before the cut-off, three scores
from 1 to 5 (quintiles; 5 is best: most recent, most frequent, highest
spend), and one named segment. The segment rules read the recency score R and
the rounded mean of the frequency and monetary scores, FM = round((F + M) / 2);
the first rule that matches wins (see :data:`SEGMENT_RULES`).
"""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np
import pandas as pd

from crmsim.errors import InputError


class SegmentRule(NamedTuple):
    """One named RFM segment: the rule on R and FM, and what marketing does with it."""

    name: str
    rule: str
    r_range: tuple[int, int]
    fm_range: tuple[int, int]
    action: str


#: The segments in the order they are tested; together they cover every (R, FM) pair.
SEGMENT_RULES: tuple[SegmentRule, ...] = (
    SegmentRule("champions", "R ≥ 4 and FM ≥ 4", (4, 5), (4, 5), "reward, ask for referrals"),
    SegmentRule("loyal", "R ≥ 3 and FM ≥ 3", (3, 5), (3, 5), "cross- and up-sell, loyalty club"),
    SegmentRule("promising", "R ≥ 4 and FM ≤ 2", (4, 5), (1, 2), "welcome series, 2nd order"),
    SegmentRule("at risk", "R ≤ 2 and FM ≥ 3", (1, 2), (3, 5), "personal retention offer"),
    SegmentRule("need attention", "R = 3 and FM ≤ 2", (3, 3), (1, 2), "reactivation reminder"),
    SegmentRule("hibernating", "R = 2 and FM ≤ 2", (2, 2), (1, 2), "cheap win-back mailing"),
    SegmentRule("lost", "R = 1 and FM ≤ 2", (1, 1), (1, 2), "no spend beyond the newsletter"),
)


def order_totals(orders: pd.DataFrame) -> pd.DataFrame:
    """One row per order: customer, time and value (sum of its lines).

    Parameters
    ----------
    orders
        Order lines (``fact_order``) with ``order_id``, ``customer_id``,
        ``order_ts`` and ``revenue_eur``.

    Returns
    -------
    pandas.DataFrame
        Columns ``order_id``, ``customer_id``, ``order_ts``, ``order_value_eur``,
        sorted by time.
    """
    totals = orders.groupby("order_id", sort=False).agg(
        customer_id=("customer_id", "first"),
        order_ts=("order_ts", "first"),
        order_value_eur=("revenue_eur", "sum"),
    )
    return totals.reset_index().sort_values(["order_ts", "order_id"], ignore_index=True)


def rfm_table(orders: pd.DataFrame, cutoff: str | pd.Timestamp) -> pd.DataFrame:
    """Recency, frequency and monetary value per buyer from the orders before ``cutoff``.

    Parameters
    ----------
    orders
        Order lines (``fact_order``).
    cutoff
        The analysis date; orders at or after it are ignored.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``customer_id``: ``recency_days`` (days from the last order to
        the cut-off), ``frequency`` (orders), ``monetary_eur`` (revenue in EUR).

    Examples
    --------
    >>> lines = pd.DataFrame({"order_id": [1, 1, 2, 3], "customer_id": [7, 7, 7, 8],
    ...     "order_ts": pd.to_datetime(["2024-01-01", "2024-01-01", "2024-03-01", "2024-02-01"]),
    ...     "revenue_eur": [100.0, 20.0, 30.0, 500.0]})
    >>> rfm_table(lines, "2024-04-01").to_dict("index")[7]
    {'recency_days': 31.0, 'frequency': 2, 'monetary_eur': 150.0}
    """
    cutoff = pd.Timestamp(cutoff)
    before = order_totals(orders[orders["order_ts"] < cutoff])
    grouped = before.groupby("customer_id")
    table = pd.DataFrame(
        {
            "recency_days": (cutoff - grouped["order_ts"].max()).dt.total_seconds() / 86400.0,
            "frequency": grouped.size(),
            "monetary_eur": grouped["order_value_eur"].sum(),
        }
    )
    table["recency_days"] = table["recency_days"].round(3)
    return table


def quintile_score(values: pd.Series, higher_is_better: bool = True) -> pd.Series:
    """Scores 1–5 by percentile rank; tied values share a score.

    A value's score is ceil(5 × its average percentile rank), so the best
    fifth gets 5. Many buyers with exactly one order tie, and share one score.

    Examples
    --------
    >>> quintile_score(pd.Series([10, 20, 30, 40, 50])).tolist()
    [1, 2, 3, 4, 5]
    >>> quintile_score(pd.Series([1, 1, 1, 1, 9])).tolist()
    [3, 3, 3, 3, 5]
    """
    ranked = values.rank(method="average", pct=True, ascending=higher_is_better)
    return np.ceil(ranked * 5).clip(1, 5).astype(int)


def rfm_scores(table: pd.DataFrame) -> pd.DataFrame:
    """Add the scores ``r_score``, ``f_score``, ``m_score``, ``fm_score`` and ``segment``.

    Parameters
    ----------
    table
        The result of :func:`rfm_table`.

    Returns
    -------
    pandas.DataFrame
        A copy with the scores (integers 1–5; R is 5 for the most recent) and the
        segment name from :data:`SEGMENT_RULES`.

    Examples
    --------
    >>> t = pd.DataFrame({"recency_days": [5.0, 300.0, 10.0, 200.0, 100.0],
    ...                   "frequency": [9, 8, 1, 1, 3], "monetary_eur": [900.0, 700, 50, 40, 200]})
    >>> rfm_scores(t)["segment"].tolist()
    ['champions', 'at risk', 'promising', 'hibernating', 'loyal']
    """
    if table.empty:
        raise InputError("no buyers before the cut-off: choose a later cut-off date")
    scored = table.copy()
    scored["r_score"] = quintile_score(table["recency_days"], higher_is_better=False)
    scored["f_score"] = quintile_score(table["frequency"])
    scored["m_score"] = quintile_score(table["monetary_eur"])
    scored["fm_score"] = [
        math.floor((f + m) / 2 + 0.5)
        for f, m in zip(scored["f_score"], scored["m_score"], strict=True)
    ]
    scored["segment"] = [
        segment_of(r, fm) for r, fm in zip(scored["r_score"], scored["fm_score"], strict=True)
    ]
    return scored


def segment_of(r_score: int, fm_score: int) -> str:
    """The name of the first rule in :data:`SEGMENT_RULES` that (R, FM) satisfies.

    Examples
    --------
    >>> segment_of(5, 5), segment_of(2, 4), segment_of(1, 1)
    ('champions', 'at risk', 'lost')
    """
    for rule in SEGMENT_RULES:
        in_r = rule.r_range[0] <= r_score <= rule.r_range[1]
        if in_r and rule.fm_range[0] <= fm_score <= rule.fm_range[1]:
            return rule.name
    raise InputError(f"scores must be integers from 1 to 5, got R={r_score}, FM={fm_score}")


def segment_sizes(scored: pd.DataFrame) -> pd.DataFrame:
    """Buyers, revenue share and the rule per segment, in the order of :data:`SEGMENT_RULES`.

    Returns
    -------
    pandas.DataFrame
        Indexed by segment: ``customers``, ``customer_share``, ``revenue_share``,
        ``mean_recency_days``, ``rule``, ``action``.
    """
    names = [rule.name for rule in SEGMENT_RULES]
    grouped = scored.groupby("segment")
    sizes = pd.DataFrame(
        {
            "customers": grouped.size(),
            "revenue_share": grouped["monetary_eur"].sum() / scored["monetary_eur"].sum(),
            "mean_recency_days": grouped["recency_days"].mean(),
        }
    ).reindex(names)
    sizes["customers"] = sizes["customers"].fillna(0).astype(int)
    sizes["revenue_share"] = sizes["revenue_share"].fillna(0.0)
    sizes.insert(1, "customer_share", sizes["customers"] / len(scored))
    sizes["rule"] = [rule.rule for rule in SEGMENT_RULES]
    sizes["action"] = [rule.action for rule in SEGMENT_RULES]
    sizes.index.name = "segment"
    return sizes
