"""The key figures of the classroom control panel: phone service, self-service and cost."""

from __future__ import annotations

import math

import pandas as pd

from crmsim.time_units import MINUTES_PER_HOUR, SECONDS_PER_MINUTE

#: Cost of one self-service session (EUR): hosting and upkeep of the knowledge base.
SELF_SERVICE_COST_EUR = 0.5
#: The panel's KPI keys in display order (labels and units in the glossary).
PANEL_KPIS = (
    "service_level",
    "asa_s",
    "abandon_rate",
    "occupancy",
    "callback_share",
    "deflection",
    "asa_a_s",
    "asa_c_s",
    "cost_per_contact_eur",
)


def panel_kpis(
    contacts: pd.DataFrame,
    duty: pd.DataFrame,
    kpis: pd.DataFrame,
    agent_cost_eur_per_hour: float = 30.0,
) -> pd.Series:
    """The panel's KPIs of a run.

    Parameters
    ----------
    contacts, duty
        The run's contact table and duty log (:mod:`crmsim.sim.results`).
    kpis
        The run's KPI summary per channel (:func:`crmsim.analytics.kpi_summary`);
        its ``phone`` row gives the phone figures.
    agent_cost_eur_per_hour
        Cost of one agent hour logged on (EUR).

    Returns
    -------
    pandas.Series
        Index :data:`PANEL_KPIS`: ``service_level``, ``abandon_rate``,
        ``occupancy``, ``callback_share`` (shares of the phone channel);
        ``asa_s``, ``asa_a_s``, ``asa_c_s`` (seconds, phone); ``deflection``
        (share of new contacts whose concern self-service solved);
        ``cost_per_contact_eur`` (agent hours logged on × hourly cost +
        self-service sessions × 0.50 EUR, divided by the concerns handled by an
        agent or by self-service).
    """
    phone = kpis.loc["phone"]
    answered = contacts[(contacts["channel"] == "phone") & (contacts["agent_id"] >= 0)]
    waits = answered.groupby("value_class", observed=True)["wait_min"].mean()
    by_class = waits * SECONDS_PER_MINUTE
    new = contacts[contacts["kind"] == "new"]
    self_served = int((contacts["outcome"] == "self_served").sum())
    sessions = int((contacts["channel"] == "self_service").sum())
    on_duty = duty.loc[duty["state"] == "on_duty"]
    agent_hours = float((on_duty["end_min"] - on_duty["start_min"]).sum() / MINUTES_PER_HOUR)
    handled = int((contacts["agent_id"] >= 0).sum()) + self_served
    cost = agent_hours * agent_cost_eur_per_hour + sessions * SELF_SERVICE_COST_EUR
    values = {
        "service_level": float(phone["service_level"]),
        "asa_s": float(phone["asa_s"]),
        "abandon_rate": float(phone["abandon_rate"]),
        "occupancy": float(phone["occupancy"]),
        "callback_share": float(phone["callback_share"]),
        "deflection": self_served / len(new) if len(new) else math.nan,
        "asa_a_s": float(by_class.get("A", math.nan)),
        "asa_c_s": float(by_class.get("C", math.nan)),
        "cost_per_contact_eur": cost / handled if handled else math.nan,
    }
    return pd.Series(values, index=list(PANEL_KPIS), dtype=float, name="kpi")
