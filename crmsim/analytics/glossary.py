"""The bilingual glossary of the contact-center key figures: one entry per KPI column.

Every table, widget, command and exercise that names a contact-center KPI
takes its label, German term, unit and definition from :data:`GLOSSARY`, and
formats its value with :func:`format_value`. The definitions are the ones
:mod:`crmsim.analytics.contact_center` computes.

The service level (Servicegrad) is a share whose denominator differs between
sources, so each entry says what it divides by:

* the simulator: contacts answered within the threshold ``T`` ÷ (answered +
  abandoned). Blocked calls (busy signal) and call-back requests never waited
  in the queue and are left out; they count as offered, so they lower the
  abandonment rate's share, and a call-back request reappears as a contact of
  the call-back channel, measured against its response-time target.
* Erlang C and Erlang A (:mod:`crmsim.queueing`): P(answered within ``T``),
  i.e. calls answered within ``T`` ÷ all offered calls. In a queue without
  busy signals and call-backs, offered = answered + abandoned, so the two
  agree.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    import pandas as pd


class GlossaryEntry(NamedTuple):
    """One key figure: how it is called, in which unit, and how it is computed."""

    label: str
    german: str
    unit: str  # "contacts", "share", "seconds", "minutes", "hours", "agents", "EUR"
    definition: str
    denominator: str  # what a share divides by; "" for counts and means


#: The contact-center key figures and the queue's inputs, by column name.
GLOSSARY: dict[str, GlossaryEntry] = {
    "agents": GlossaryEntry(
        "Agents",
        "Agenten",
        "agents",
        "Agents on duty (taking calls) in the period.",
        "",
    ),
    "calls_per_hour": GlossaryEntry(
        "Calls per hour",
        "Anrufe pro Stunde",
        "contacts per hour",
        "Mean arrival rate of calls, λ.",
        "",
    ),
    "patience_min": GlossaryEntry(
        "Mean patience",
        "Mittlere Geduld",
        "minutes",
        "Mean time a caller waits before hanging up (exponential in Erlang A).",
        "",
    ),
    "offered_load_erl": GlossaryEntry(
        "Offered load",
        "Verkehrsangebot",
        "Erlang",
        "Average number of calls in progress at once if none were lost: λ × AHT.",
        "",
    ),
    "lines": GlossaryEntry(
        "Telephone lines",
        "Leitungen",
        "lines",
        "Calls the center can hold at once, talking or waiting; one more hears the busy signal.",
        "",
    ),
    "p_blocked": GlossaryEntry(
        "Probability of a busy signal",
        "Blockierwahrscheinlichkeit",
        "share",
        "Calls that found every line taken (M/M/c/K: the share of time all K lines are busy).",
        "offered calls",
    ),
    "offered": GlossaryEntry(
        "Offered",
        "Angebotene Kontakte",
        "contacts",
        "Contacts that arrived, blocked calls and call-back requests included.",
        "",
    ),
    "answered": GlossaryEntry(
        "Answered",
        "Angenommene Kontakte",
        "contacts",
        "Contacts an agent took, call-backs nobody picked up included.",
        "",
    ),
    "abandoned": GlossaryEntry(
        "Abandoned",
        "Abgebrochene Kontakte",
        "contacts",
        "Customers who gave up waiting before an agent answered.",
        "",
    ),
    "blocked": GlossaryEntry(
        "Blocked, busy signal",
        "Besetztzeichen",
        "contacts",
        "Calls refused because every phone line was taken.",
        "",
    ),
    "callback_requested": GlossaryEntry(
        "Call-back requested",
        "Rückrufwunsch",
        "contacts",
        "Callers who took the call-back offer instead of waiting.",
        "",
    ),
    "self_served": GlossaryEntry(
        "Solved in self-service",
        "Im Self-Service gelöst",
        "contacts",
        "Self-service sessions that solved the concern without an agent.",
        "",
    ),
    "open": GlossaryEntry(
        "Still waiting at the end",
        "Am Ende noch wartend",
        "contacts",
        "Contacts no agent had taken when the run ended; for email and letter/fax the "
        "backlog (Rückstand).",
        "",
    ),
    "in_hand": GlossaryEntry(
        "In hand at the end",
        "Am Ende in Bearbeitung",
        "contacts",
        "Contacts still being handled when the run ended: by an agent, or a self-service "
        "session in progress.",
        "",
    ),
    "oldest_open_h": GlossaryEntry(
        "Oldest still waiting",
        "Ältester offener Kontakt",
        "hours",
        "How long the oldest contact still waiting at the end had waited.",
        "",
    ),
    "service_level": GlossaryEntry(
        "Service level",
        "Servicegrad",
        "share",
        "Live channels: contacts answered within the threshold T. Email and letter/fax: "
        "handled contacts answered within the response-time target. Call-backs: answered "
        "call-backs dialled within the response-time target.",
        "Live channels: answered + abandoned (blocked calls and call-back requests left "
        "out); Erlang C/A: all offered calls. Email and letter/fax: handled contacts. "
        "Call-backs: answered call-backs.",
    ),
    "sl_threshold_s": GlossaryEntry(
        "Service-level threshold",
        "Servicezeit",
        "seconds",
        "The T of the service level: an answer within T seconds counts as on time.",
        "",
    ),
    "sl_target": GlossaryEntry(
        "Service-level target",
        "Servicegrad-Ziel",
        "share",
        "The service level the center aims for, e.g. 0.8 in '80/20'.",
        "",
    ),
    "asa_s": GlossaryEntry(
        "ASA, average speed of answer",
        "Mittlere Wartezeit",
        "seconds",
        "Mean wait of the answered contacts (live channels and call-backs).",
        "",
    ),
    "p_wait": GlossaryEntry(
        "Probability of waiting",
        "Wartewahrscheinlichkeit",
        "share",
        "Contacts that found no free agent and had to wait.",
        "offered contacts minus blocked calls",
    ),
    "abandon_rate": GlossaryEntry(
        "Abandonment rate",
        "Abbruchquote",
        "share",
        "Contacts whose customer gave up waiting.",
        "offered contacts",
    ),
    "aht_min": GlossaryEntry(
        "AHT, average handling time",
        "Mittlere Bearbeitungszeit",
        "minutes",
        "Mean talk or writing time plus after-contact work of the handled contacts.",
        "",
    ),
    "fcr": GlossaryEntry(
        "First-contact resolution",
        "Erstlösungsquote",
        "share",
        "Handled contacts whose concern was solved in that contact.",
        "handled contacts (resolved, unresolved or transferred by an agent)",
    ),
    "callback_share": GlossaryEntry(
        "Callers taking a call-back",
        "Rückrufquote",
        "share",
        "Phone calls that took the call-back offer.",
        "offered phone calls",
    ),
    "self_service_share": GlossaryEntry(
        "Self-service solution rate",
        "Self-Service-Lösungsquote",
        "share",
        "Self-service sessions that solved the concern.",
        "self-service sessions",
    ),
    "deflection": GlossaryEntry(
        "Solved in self-service",
        "Im Self-Service gelöst",
        "share",
        "Customers whose concern self-service solved, of all customers who got in touch.",
        "new contacts (repeats, transfers, escalations and call-backs left out)",
    ),
    "response_time_h": GlossaryEntry(
        "Response time",
        "Antwortzeit",
        "hours",
        "Mean time from arrival to the end of handling of handled email and letters.",
        "",
    ),
    "occupancy": GlossaryEntry(
        "Occupancy",
        "Auslastung",
        "share",
        "Time the agents spent handling contacts or in after-contact work; per channel, "
        "over the agents who serve it (on any of their channels).",
        "minutes logged on (on duty, breaks left out)",
    ),
    "agents_on_duty": GlossaryEntry(
        "Agents logged on",
        "Angemeldete Agenten",
        "agents",
        "Mean number of agents on duty in the interval.",
        "",
    ),
    "asa_a_s": GlossaryEntry(
        "ASA of A customers",
        "Wartezeit der A-Kunden",
        "seconds",
        "Mean wait of answered phone calls of value class A.",
        "",
    ),
    "asa_c_s": GlossaryEntry(
        "ASA of C customers",
        "Wartezeit der C-Kunden",
        "seconds",
        "Mean wait of answered phone calls of value class C.",
        "",
    ),
    "cost_per_contact_eur": GlossaryEntry(
        "Cost per contact",
        "Kosten pro Kontakt",
        "EUR",
        "Agent hours logged on × hourly cost plus self-service sessions × their cost.",
        "concerns handled by an agent or solved in self-service",
    ),
}


def label(key: str, german: bool = True) -> str:
    """The display label of a KPI, with the German term in brackets unless ``german=False``.

    Examples
    --------
    >>> label("service_level")
    'Service level (Servicegrad)'
    """
    entry = GLOSSARY[key]
    return f"{entry.label} ({entry.german})" if german else entry.label


def format_value(key: str, value: float | None) -> str:
    """A KPI value as shown on screen: shares in percent, times and money with their unit.

    Counts get thousands separators; a missing value (None or NaN) shows as "–".

    Examples
    --------
    >>> format_value("service_level", 0.8123), format_value("asa_s", 12.34)
    ('81.2 %', '12.3 s')
    >>> format_value("cost_per_contact_eur", 2.5), format_value("offered", 12345)
    ('2.50 EUR', '12,345')
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    unit = GLOSSARY[key].unit
    if unit == "share":
        return f"{value:.1%}".replace("%", " %")
    if unit == "EUR":
        return f"{value:.2f} EUR"
    if unit == "seconds":
        return f"{value:.1f} s"
    if unit == "minutes":
        return f"{value:.2f} min"
    if unit == "hours":
        return f"{value:.2f} h"
    if unit == "agents":
        return f"{value:.1f}"
    if unit == "Erlang":
        return f"{value:.3f} Erlang"
    if unit == "contacts per hour":
        return f"{value:g}"
    return f"{int(value):,}"


def glossary_table() -> pd.DataFrame:
    """The glossary as a table.

    Returns
    -------
    pandas.DataFrame
        Index ``kpi`` (the column name in the KPI tables); columns ``label``,
        ``german``, ``unit``, ``definition``, ``denominator``.
    """
    import pandas as pd  # only here: the command line reads labels without loading pandas

    frame = pd.DataFrame.from_records(
        list(GLOSSARY.values()), columns=list(GlossaryEntry._fields), index=list(GLOSSARY)
    )
    frame.index.name = "kpi"
    return frame
