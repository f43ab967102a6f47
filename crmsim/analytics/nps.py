"""Survey key figures: the Net Promoter Score and the CSAT top-2-box, each with its interval.

**NPS** (Reichheld 2003) asks once a year "How likely are you to recommend us
to a friend?" on a scale from 0 to 10. Promoters answer 9 or 10, detractors 0
to 6, passives 7 or 8:

.. math:: \\mathrm{NPS} = 100 \\cdot (p_{\\text{promoters}} - p_{\\text{detractors}})

in points from -100 to +100. Each answer counts as +1, 0 or -1, so the NPS is a
mean and its standard error follows from the variance of that score,
:math:`\\sigma^2 = p_P + p_D - (p_P - p_D)^2`.

**CSAT** asks after a contact "How satisfied were you?" on 1 (very
dissatisfied) to 5 (very satisfied). Its usual summary, the *top-2-box*, is the
share of answers 4 or 5.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import NamedTuple

import numpy as np
import pandas as pd
from scipy import stats

from crmsim.analytics.estimates import Estimate, share_estimate

PROMOTER_MIN = 9
DETRACTOR_MAX = 6
TOP_BOX_MIN = 4


class NpsResult(NamedTuple):
    """A Net Promoter Score in points (-100..100) with its interval and the group shares (0..1)."""

    nps: float
    low: float
    high: float
    promoters: float
    passives: float
    detractors: float
    n: int


def _scores(scores: Iterable[int], low: int, high: int, what: str) -> np.ndarray:
    array = np.asarray(list(scores), dtype=float)
    bad = array[(array < low) | (array > high) | (array != np.round(array))]
    if len(bad):
        raise ValueError(
            f"{what} answers must be whole numbers from {low} to {high}, got {bad[0]:g}"
        )
    return array


def net_promoter_score(scores: Iterable[int], confidence: float = 0.95) -> NpsResult:
    """The NPS of a set of answers on the 0..10 scale, with a normal-approximation interval.

    Parameters
    ----------
    scores
        Answers to "How likely are you to recommend us?", whole numbers 0..10.
    confidence
        Confidence level of the interval.

    Returns
    -------
    NpsResult
        ``nps``, ``low``, ``high`` in points; shares of the three groups from 0 to 1.

    Examples
    --------
    >>> result = net_promoter_score([10, 9, 9, 10, 9, 8, 7, 7, 3, 6])
    >>> result.nps, result.promoters, result.detractors
    (30.0, 0.5, 0.2)
    >>> round(result.low, 1), round(result.high, 1)
    (-18.4, 78.4)
    """
    array = _scores(scores, 0, 10, "NPS")
    n = len(array)
    if n == 0:
        return NpsResult(math.nan, math.nan, math.nan, math.nan, math.nan, math.nan, 0)
    promoters = float(np.mean(array >= PROMOTER_MIN))
    detractors = float(np.mean(array <= DETRACTOR_MAX))
    nps = promoters - detractors
    variance = promoters + detractors - nps * nps
    half = float(stats.norm.ppf(0.5 + confidence / 2.0)) * math.sqrt(variance / n)
    return NpsResult(
        100 * nps,
        100 * max(-1.0, nps - half),
        100 * min(1.0, nps + half),
        promoters,
        1.0 - promoters - detractors,
        detractors,
        n,
    )


def csat_top2_box(scores: Iterable[int], confidence: float = 0.95) -> Estimate:
    """Share of CSAT answers 4 or 5 (1..5 scale), with its Wilson interval.

    Examples
    --------
    >>> top = csat_top2_box([5, 4, 4, 3, 2, 5, 4, 1])
    >>> top.value, top.n
    (0.625, 8)
    """
    array = _scores(scores, 1, 5, "CSAT")
    return share_estimate(int(np.sum(array >= TOP_BOX_MIN)), len(array), confidence)


def survey_summary(surveys: pd.DataFrame, by: str | None = "year") -> pd.DataFrame:
    """NPS and CSAT top-2-box per year (or overall) from ``fact_survey_response``.

    Parameters
    ----------
    surveys
        The table ``fact_survey_response`` (columns ``survey_type``, ``score``, ``response_ts``).
    by
        ``"year"`` for one row per calendar year and survey, ``None`` for one row per survey.

    Returns
    -------
    pandas.DataFrame
        Columns ``survey`` (``nps`` or ``csat``), ``year`` (if ``by``), ``measure``
        (``NPS (points)`` or ``CSAT top-2-box``), ``value``, ``low``, ``high`` (points for
        NPS, shares for CSAT), ``n`` (answers).
    """
    if by not in ("year", None):
        raise ValueError(f'"by" must be "year" or None, got {by!r}')
    frame = surveys.assign(year=surveys["response_ts"].dt.year)
    keys = ["survey_type", "year"] if by else ["survey_type"]
    rows = []
    for key, group in frame.groupby(keys, sort=True):
        kind = key[0] if isinstance(key, tuple) else key
        if kind == "nps":
            r = net_promoter_score(group["score"])
            values = ("NPS (points)", r.nps, r.low, r.high, r.n)
        else:
            e = csat_top2_box(group["score"])
            values = ("CSAT top-2-box", e.value, e.low, e.high, e.n)
        row = {"survey": kind}
        if by:
            row["year"] = int(key[1])
        rows.append(row | dict(zip(("measure", "value", "low", "high", "n"), values, strict=True)))
    return pd.DataFrame(rows)
