"""Satisfaction in the data: CSAT against waiting and resolution; self-image against customers.

Two views of the same question, "how satisfied are our customers?":

- :func:`csat_by_service` links every CSAT answer to the contact it rates
  (``fact_survey_response.interaction_id`` → ``fact_interaction``) and shows how
  the answers move with the wait (minutes) and with whether the concern was solved,
  the operational levers of chapter 03;
- :func:`self_assessment_gaps` holds the Fraunhofer IAO (1999) survey in which
  firms rated their own customer orientation far better than their customers did.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence

import pandas as pd

from crmsim.analytics.estimates import share_estimate
from crmsim.analytics.nps import TOP_BOX_MIN

#: Wait bands (minutes) for live channels: at once, under 2, under 5, 5 minutes and more.
WAIT_EDGES_MIN: tuple[float, ...] = (0.0, 0.5, 2.0, 5.0, math.inf)

#: Fraunhofer IAO 1999: share of positive ratings (%) by customers and by the firms themselves.
IAO_1999: tuple[tuple[str, str, float, float], ...] = (
    ("product quality", "Produktqualität", 88.0, 89.0),
    ("service quality", "Dienstleistungsqualität", 63.0, 79.0),
    ("flexibility of delivery", "Flexibilität der Leistungserbringung", 47.0, 72.0),
    ("quality of customer processes", "Qualität der kundenbezogenen Prozesse", 42.0, 74.0),
    ("openness to customer suggestions", "Offenheit gegenüber Anregungen vom Kunden", 53.0, 82.0),
)


def self_assessment_gaps() -> pd.DataFrame:
    """The five dimensions of the Fraunhofer IAO (1999) survey, largest gap first.

    Returns
    -------
    pandas.DataFrame
        Columns ``dimension`` (English), ``dimension_de`` (German), ``customers_pct`` (the
        customers' rating, %), ``self_pct`` (the firms' self-assessment, %), ``gap_pp``
        (self minus customers, percentage points).

    Examples
    --------
    >>> gaps = self_assessment_gaps()
    >>> largest = gaps.iloc[0]
    >>> largest["dimension"], float(largest["customers_pct"]), float(largest["gap_pp"])
    ('quality of customer processes', 42.0, 32.0)
    """
    frame = pd.DataFrame(
        IAO_1999, columns=["dimension", "dimension_de", "customers_pct", "self_pct"]
    )
    frame["gap_pp"] = frame["self_pct"] - frame["customers_pct"]
    return frame.sort_values("gap_pp", ascending=False, ignore_index=True)


def csat_with_contacts(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Every CSAT answer with the contact it rates.

    Returns
    -------
    pandas.DataFrame
        ``fact_survey_response`` rows of ``survey_type == "csat"`` with the contact's
        ``channel_code``, ``reason``, ``wait_min`` (minutes) and ``resolved`` added.
    """
    surveys = tables["fact_survey_response"]
    csat = surveys[surveys["survey_type"] == "csat"]
    contacts = tables["fact_interaction"][
        ["interaction_id", "channel_id", "reason", "wait_min", "resolved"]
    ]
    channels = tables["dim_channel"][["channel_id", "channel_code"]]
    merged = csat.merge(contacts, on="interaction_id", how="inner").merge(channels, on="channel_id")
    return merged.drop(columns="channel_id")


def csat_by_service(
    tables: dict[str, pd.DataFrame],
    by: str = "wait",
    channels: Sequence[str] = ("phone", "chat"),
    wait_edges_min: Sequence[float] = WAIT_EDGES_MIN,
) -> pd.DataFrame:
    """CSAT answers grouped by the wait before the contact or by its resolution.

    Parameters
    ----------
    tables
        Warehouse tables (``fact_survey_response``, ``fact_interaction``, ``dim_channel``).
    by
        ``"wait"`` (bands of ``wait_edges_min``) or ``"resolved"``.
    channels
        Channel codes to include; waits of live channels (phone, chat) are minutes,
        those of written media are response times of hours and are better left out.
    wait_edges_min
        Edges of the wait bands in minutes, left-closed.

    Returns
    -------
    pandas.DataFrame
        One row per group: ``group``, ``answers``, ``mean_csat`` (1..5), ``top2``,
        ``top2_low``, ``top2_high`` (share of answers 4 or 5 with its 95 % Wilson interval).
    """
    if by not in ("wait", "resolved"):
        raise ValueError(f'"by" must be "wait" or "resolved", got {by!r}')
    answers = csat_with_contacts(tables)
    answers = answers[answers["channel_code"].isin(list(channels))]
    if by == "wait":
        edges = list(wait_edges_min)
        labels = [_band(low, high) for low, high in itertools.pairwise(edges)]
        groups = pd.cut(answers["wait_min"], edges, right=False, labels=labels)
    else:
        groups = answers["resolved"].map({True: "resolved", False: "not resolved"})
    rows = []
    for name, group in answers.groupby(groups, observed=False, sort=True):
        top = share_estimate(int((group["score"] >= TOP_BOX_MIN).sum()), len(group))
        rows.append(
            {
                "group": str(name),
                "answers": len(group),
                "mean_csat": float(group["score"].mean()) if len(group) else math.nan,
                "top2": top.value,
                "top2_low": top.low,
                "top2_high": top.high,
            }
        )
    return pd.DataFrame(rows)


def _band(low: float, high: float) -> str:
    if math.isinf(high):
        return f"{low:g} min and more"
    return f"{low:g} to under {high:g} min"


def satisfaction_model_effects() -> pd.DataFrame:
    """What the simulator assumes: the change of the latent satisfaction score per experience.

    Returns
    -------
    pandas.DataFrame
        Columns ``kind`` (``experience`` or ``complaint handled``), ``event`` (e.g.
        ``product_failure`` or ``personal, resolved``) and ``points`` (immediate change on the
        0..10 scale; the score then drifts back to the customer's baseline).

    Examples
    --------
    >>> effects = satisfaction_model_effects().set_index("event")["points"]
    >>> float(effects["product_failure"]), float(effects["personal, resolved"])
    (-2.0, 1.4)
    """
    from crmsim.lifecycle.satisfaction import COMPLAINT_EFFECTS, EXPERIENCE_EFFECTS

    rows = [("experience", event, points) for event, points in EXPERIENCE_EFFECTS.items()]
    rows += [
        ("complaint handled", f"{policy}, {'resolved' if resolved else 'not resolved'}", points)
        for (policy, resolved), points in COMPLAINT_EFFECTS.items()
    ]
    return pd.DataFrame(rows, columns=["kind", "event", "points"])
