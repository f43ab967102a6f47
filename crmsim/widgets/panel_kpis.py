"""The handful of KPIs the control panel shows, with their labels and formats."""

from __future__ import annotations

import math

from crmsim.sim.results import SimulationResult

#: Cost of one self-service session (EUR): hosting and upkeep of the knowledge base.
SELF_SERVICE_COST_EUR = 0.5

#: KPI keys in display order, with labels (English with the German term).
KPI_LABELS = {
    "service_level": "Service level (Servicegrad)",
    "asa_s": "ASA, average speed of answer",
    "abandon_rate": "Abandonment rate (Abbruchquote)",
    "occupancy": "Occupancy (Auslastung)",
    "callback_share": "Callers taking a call-back",
    "deflection": "Solved in self-service",
    "asa_a_s": "ASA of A customers",
    "asa_c_s": "ASA of C customers",
    "cost_per_contact_eur": "Cost per contact",
}
_SHARES = {"service_level", "abandon_rate", "occupancy", "callback_share", "deflection"}


def panel_kpis(result: SimulationResult, agent_cost_eur_per_hour: float = 30.0) -> dict[str, float]:
    """The panel's KPIs for a classroom run.

    Returns
    -------
    dict
        ``service_level``, ``abandon_rate``, ``occupancy``, ``callback_share`` (shares);
        ``asa_s``, ``asa_a_s``, ``asa_c_s`` (seconds); ``deflection`` (share of all
        customers whose concern self-service solved); ``cost_per_contact_eur`` (agent
        hours logged on × hourly cost + self-service sessions × 0.50 EUR, divided by
        the concerns handled by an agent or by self-service).
    """
    kpis = result.kpis()
    phone = kpis.loc["phone"]
    contacts = result.contacts
    answered = contacts[(contacts["channel"] == "phone") & (contacts["agent_id"] >= 0)]
    by_class = answered.groupby("value_class", observed=True)["wait_min"].mean() * 60.0
    new = contacts[contacts["kind"] == "new"]
    self_served = int((contacts["outcome"] == "self_served").sum())
    sessions = int((contacts["channel"] == "self_service").sum())
    on_duty = result.duty.loc[result.duty["state"] == "on_duty"]
    agent_hours = float((on_duty["end_min"] - on_duty["start_min"]).sum() / 60.0)
    handled = int((contacts["agent_id"] >= 0).sum()) + self_served
    cost = agent_hours * agent_cost_eur_per_hour + sessions * SELF_SERVICE_COST_EUR
    return {
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


def format_kpi(key: str, value: float) -> str:
    """A KPI as shown on screen: shares in percent, times in seconds, money in EUR."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if key in _SHARES:
        return f"{value:.1%}".replace("%", " %")
    if key.endswith("_eur"):
        return f"{value:.2f} EUR"
    return f"{value:.1f} s"
