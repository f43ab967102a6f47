"""Open contacts, the written backlog and occupancy per channel: computed in
:mod:`crmsim.analytics`, shown by ``crmsim callcenter``."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from crmsim.analytics import kpi_summary
from crmsim.cli import main

ROOT = Path(__file__).resolve().parents[1]
CIC = str(ROOT / "scenarios" / "multichannel-cic.yaml")
NAN = math.nan


def tiny_run() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Two agents (phone; email) logged on 0-100 min, five contacts worked out by hand."""
    rows = [  # channel, outcome, agent, arrival, answer, end
        ("phone", "resolved", 0, 0.0, 0.0, 50.0),
        ("email", "resolved", 1, 10.0, 10.0, 30.0),
        ("email", "open", -1, 20.0, NAN, NAN),  # backlog: waiting since minute 20
        ("email", "open", 1, 40.0, 90.0, NAN),  # in hand when the run ends
        ("self_service", "open", -1, 95.0, NAN, NAN),  # a session still running
    ]
    contacts = pd.DataFrame(
        rows, columns=["channel", "outcome", "agent_id", "arrival_min", "answer_min", "end_min"]
    )
    answered = contacts["agent_id"] >= 0
    contacts["wait_min"] = np.where(answered, contacts["answer_min"] - contacts["arrival_min"], NAN)
    contacts["handle_min"] = (contacts["end_min"] - contacts["answer_min"]).fillna(0.0)
    contacts["acw_min"] = 0.0
    duty = pd.DataFrame(
        {"agent_id": [0, 1], "state": "on_duty", "start_min": 0.0, "end_min": 100.0}
    )
    agents = pd.DataFrame(
        {"agent_id": [0, 1], "agent": ["a", "b"], "group": ["voice", "back"],
         "channels": ["callback,phone", "email,letter_fax"]}
    )  # fmt: skip
    targets = pd.DataFrame(
        {"sl_threshold_s": 20.0, "sl_target": 0.8, "response_target_h": NAN},
        index=pd.Index(["phone", "email", "self_service"], name="channel"),
    )
    return contacts, duty, agents, targets


def test_open_in_hand_and_the_oldest_waiting_contact() -> None:
    contacts, duty, agents, targets = tiny_run()
    kpis = kpi_summary(contacts, duty, targets, horizon_min=100.0, agents=agents)
    assert kpis.loc["email", ["offered", "answered", "open", "in_hand"]].tolist() == [3, 2, 1, 1]
    assert kpis.loc["email", "oldest_open_h"] == pytest.approx(80 / 60)
    assert kpis.loc["self_service", ["open", "in_hand"]].tolist() == [0, 1]
    assert np.isnan(kpis.loc["phone", "oldest_open_h"])


def test_occupancy_is_that_of_the_agents_serving_each_channel() -> None:
    contacts, duty, agents, targets = tiny_run()
    kpis = kpi_summary(contacts, duty, targets, horizon_min=100.0, agents=agents)
    assert kpis.loc["phone", "occupancy"] == pytest.approx(50 / 100)
    assert kpis.loc["email", "occupancy"] == pytest.approx((20 + 10) / 100)
    assert np.isnan(kpis.loc["self_service", "occupancy"])
    pooled = kpi_summary(contacts, duty, targets, horizon_min=100.0)  # no agent table
    assert pooled["occupancy"].tolist() == pytest.approx([0.4, 0.4, 0.4])


def test_the_table_shows_backlog_and_occupancy_per_channel(capsys) -> None:
    assert main(["callcenter", CIC, "--days", "1", "--json"]) == 0
    kpis = json.loads(capsys.readouterr().out)["kpis"]
    assert main(["callcenter", CIC, "--days", "1"]) == 0
    lines = capsys.readouterr().out.splitlines()
    header = lines[1].split()
    assert header == ["phone", "chat", "email", "letter_fax", "callback", "self_service"]

    def row(start: str) -> list[str]:
        line = next(line for line in lines if line.startswith(start))
        return line.split(")", 1)[1].split()

    assert row("Still waiting at the end")[2] == f"{kpis['email']['open']:,}"
    assert kpis["email"]["open"] > 0  # a day's email is not all answered by the evening
    assert row("In hand at the end")[5] == f"{kpis['self_service']['in_hand']:,}"
    assert row("Oldest still waiting")[2] == f"{kpis['email']['oldest_open_h']:.2f}"
    occupancy = row("Occupancy (Auslastung)")
    assert occupancy[-1] == "–"  # self-service has no agents
    shown = {occupancy[i] for i in range(0, len(occupancy) - 1, 2)}
    assert len(shown) >= 3, occupancy  # not one figure repeated
