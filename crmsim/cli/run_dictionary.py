"""The data dictionary (``README.md``) of a ``crmsim callcenter --out`` folder.

The three CSV tables of a run are declared here with the building blocks that
declare the warehouse (:class:`crmsim.warehouse.schema.Column` and ``Table``):
name, logical type, whether values may be missing, and meaning. The contact
table holds the fields of the contact log (:class:`crmsim.sim.contact_log.ContactRecord`)
plus three derived columns; a test keeps the declarations equal to the columns
written. KPI columns and the keys of ``kpis.json`` take their meaning, unit and
German term from the KPI glossary, the one place where the key figures are defined.
"""

from __future__ import annotations

from typing import Any

from crmsim.analytics.glossary import GLOSSARY
from crmsim.warehouse.schema import Column, Table

_TIME = "minutes since the start of the run (day 0, 00:00)"


def _kpi(name: str, dtype: str = "float64", nullable: bool = True) -> Column:
    """A KPI column described by its glossary entry."""
    entry = GLOSSARY[name]
    text = f"{entry.label} ({entry.german}), {entry.unit}: {entry.definition}"
    if entry.denominator:
        text += f" Divides by {entry.denominator.rstrip('.')}."
    return Column(name, dtype, text, nullable=nullable)


CONTACTS = Table(
    "contacts",
    "One row per contact that arrived, including those still open when the run ended.",
    (
        Column("contact_id", "int64", "Running number of the contact"),
        Column("customer_id", "int64", "The customer; repeat contacts keep it"),
        Column("channel", "string", "phone, chat, email, letter_fax, callback or self_service"),
        Column("reason", "string", "Contact reason (Kontaktanlass) from the scenario"),
        Column("value_class", "string", "Customer value class (A/B/C) used for routing"),
        Column("priority", "int64", "Routing priority: channel tier × 1000 + value rank"),
        Column("kind", "string", "new, repeat, transfer, escalation or callback"),
        Column("parent_id", "int64", "The contact this one follows from, −1 for none"),
        Column("arrival_min", "float64", f"Arrival, {_TIME}"),
        Column("answer_min", "float64", f"An agent took the contact, {_TIME}", nullable=True),
        Column(
            "end_min",
            "float64",
            f"End of handling, abandonment or self-service, {_TIME}; empty if still open",
            nullable=True,
        ),
        Column(
            "wait_min",
            "float64",
            "answer − arrival, or end − arrival if never answered (minutes); empty for "
            "contacts still waiting at the end",
            nullable=True,
        ),
        Column("handle_min", "float64", "Handling time: talk or writing time (minutes)"),
        Column("acw_min", "float64", "After-contact work (minutes)"),
        Column("agent_id", "int64", "Agent who took the contact, −1 for none"),
        Column("agent", "string", "The agent's name; empty for none", nullable=True),
        Column(
            "outcome",
            "string",
            "resolved, unresolved, transferred, abandoned, blocked, callback_requested, "
            "not_reached, self_served, escalated, or open (still waiting or in hand at the end)",
        ),
        Column("day", "int64", "Day of arrival, from 0"),
    ),
    ("contact_id",),
)

INTERVALS = Table(
    "intervals",
    "One row per interval (30 minutes) and channel in which contacts arrived; contacts "
    "count in the interval of their arrival.",
    (
        Column("interval_start_min", "float64", f"Start of the interval, {_TIME}"),
        Column("day", "int64", "Day of the interval, from 0"),
        Column("time", "string", "Time of day of the start, hh:mm"),
        Column("channel", "string", "The channel"),
        _kpi("offered", "int64", False),
        _kpi("answered", "int64", False),
        _kpi("abandoned", "int64", False),
        _kpi("blocked", "int64", False),
        _kpi("service_level"),
        _kpi("asa_s"),
        _kpi("p_wait"),
        _kpi("abandon_rate"),
        _kpi("aht_min"),
        _kpi("agents_on_duty"),
        _kpi("occupancy"),
    ),
    ("interval_start_min", "channel"),
)

AGENT_STATES = Table(
    "agent_states",
    "One row per spell of an agent: on duty, on a break, handling a contact or in "
    "after-contact work. An agent is idle while on duty and neither handling nor in "
    "after-contact work.",
    (
        Column("agent_id", "int64", "The agent"),
        Column("agent", "string", "The agent's name: group and number"),
        Column("group", "string", "The agent group (skill group) from the scenario"),
        Column("state", "string", "on_duty, break, handling or after_contact_work"),
        Column("start_min", "float64", f"Start of the spell, {_TIME}"),
        Column("end_min", "float64", f"End of the spell, {_TIME}"),
        Column("contact_id", "int64", "The contact handled, −1 for duty and break spells"),
    ),
    ("agent_id", "start_min", "state"),
)

#: The CSV tables of a result folder, by file name.
RUN_TABLES: dict[str, Table] = {
    "contacts.csv": CONTACTS,
    "intervals.csv": INTERVALS,
    "agent_states.csv": AGENT_STATES,
}

#: Keys of ``kpis.json`` that are not KPIs or glossary inputs, and what they hold.
REPORT_KEYS: dict[str, str] = {
    "scenario": "Name of the scenario",
    "file": "The scenario file or shipped name as given",
    "model": "erlang_c (callers wait patiently) or erlang_a (callers hang up): the "
    "textbook queue that was simulated",
    "days": "Simulated days",
    "hours": "Hours the counts and KPIs cover (after the warm-up)",
    "warmup_min": "Minutes simulated first and left out of the KPIs (empty start)",
    "simulated_hours": "Hours simulated in all, the warm-up included",
    "seed": "Seed of the first run; the tables in this folder are that run's",
    "replications": "Runs with the seeds seed, seed + 1, …; KPIs are their means",
    "inputs": "Per channel, the scenario's settings: daily_volume (contacts per day before "
    "weekday factors), aht_min, acw_min, patience_min (minutes), lines, sl_threshold_s "
    "(seconds), sl_target (share), response_target_h (hours); and the load offered over the "
    "run: handle_min (expected handling time with the reasons' factors and after-contact "
    "work), calls_per_hour and offered_load_erl (means over the intervals with arrivals), "
    "peak_calls_per_hour and peak_offered_load_erl (the busiest interval)",
    "kpis": "Per channel, the KPIs listed below",
    "ci95": "Per KPI (and channel), [low, high] of the 95 % confidence interval of the mean "
    "over the replications (Student t)",
}


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def table_markdown(file: str, table: Table) -> list[str]:
    """The section of one CSV table: what a row is, then one line per column."""
    lines = ["", f"## {file}", "", table.description, ""]
    lines += ["| column | type | empty allowed | description |", "|---|---|---|---|"]
    for column in table.columns:
        empty = "yes" if column.nullable else ""
        lines.append(
            f"| `{column.name}` | {column.dtype} | {empty} | {_cell(column.description)} |"
        )
    return lines


def _kpi_keys(report: dict[str, Any]) -> list[str]:
    """The KPI keys of a report, in glossary order (per-channel or flat reports)."""
    found = set(report)
    for row in (report.get("kpis") or {}).values():
        found |= set(row)
    return [key for key in GLOSSARY if key in found]


def run_readme(report: dict[str, Any], command: str) -> str:
    """The Markdown text of the folder's ``README.md``.

    Parameters
    ----------
    report
        The JSON object written to ``kpis.json`` (what ``--json`` prints).
    command
        The command line that made the folder, quoted in the text.
    """
    lines = [
        "# Contact-center run (data dictionary)",
        "",
        "Simulated with `crmsim`; this file is generated with the tables.",
        "",
        "```",
        command,
        "```",
        "",
        "Times are minutes since the start of the run unless the name says otherwise",
        "(`_s` seconds, `_h` hours); shares are between 0 and 1. Empty CSV fields are",
        "missing values. Read the tables with pandas (`pd.read_csv`) or DuckDB.",
    ]
    for file, table in RUN_TABLES.items():
        lines += table_markdown(file, table)
    lines += ["", "## kpis.json", "", "The run's inputs and KPIs as one JSON object.", ""]
    lines += ["| key | meaning |", "|---|---|"]
    for key in report:
        if key in REPORT_KEYS:
            lines.append(f"| `{key}` | {_cell(REPORT_KEYS[key])} |")
    lines += ["", "### KPIs and inputs", ""]
    lines += [
        "| key | label | German | unit | definition | divides by |",
        "|---|---|---|---|---|---|",
    ]
    for key in _kpi_keys(report):
        entry = GLOSSARY[key]
        lines.append(
            f"| `{key}` | {entry.label} | {entry.german} | {entry.unit} | "
            f"{_cell(entry.definition)} | {_cell(entry.denominator)} |"
        )
    return "\n".join(lines) + "\n"
