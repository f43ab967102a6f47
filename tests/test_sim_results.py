"""Result tables, reproducibility and common random numbers."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from crmsim.scenario import load_scenario, mmc_scenario
from crmsim.sim import OUTCOMES, simulate

SCENARIOS = Path(__file__).resolve().parents[1] / "scenarios"


@pytest.fixture(scope="module")
def cic_day():
    return simulate(load_scenario(SCENARIOS / "multichannel-cic.yaml"), seed=3, days=1)


def test_same_seed_gives_identical_tables(cic_day) -> None:
    again = simulate(load_scenario(SCENARIOS / "multichannel-cic.yaml"), seed=3, days=1)
    assert_frame_equal(cic_day.contacts, again.contacts)
    assert_frame_equal(cic_day.duty, again.duty)
    assert_frame_equal(cic_day.kpis(), again.kpis())


def test_other_seed_gives_other_contacts(cic_day) -> None:
    other = simulate(load_scenario(SCENARIOS / "multichannel-cic.yaml"), seed=4, days=1)
    assert (
        not cic_day.contacts["arrival_min"].head(50).equals(other.contacts["arrival_min"].head(50))
    )


def test_common_random_numbers_keep_arrivals_when_staffing_changes() -> None:
    few = simulate(mmc_scenario(agents=12, calls_per_hour=200, aht_min=3), seed=9, days=1)
    many = simulate(mmc_scenario(agents=16, calls_per_hour=200, aht_min=3), seed=9, days=1)
    # Calls still in hand at the end have their handling time cut short; compare the rest.
    done = (few.contacts["outcome"] != "open") & (many.contacts["outcome"] != "open")
    assert done.sum() > 4000
    columns = ["arrival_min", "handle_min", "customer_id"]
    assert_frame_equal(few.contacts.loc[done, columns], many.contacts.loc[done, columns])
    assert many.contacts["wait_min"].mean() < few.contacts["wait_min"].mean()


def test_contact_table_has_the_documented_columns_and_types(cic_day) -> None:
    contacts = cic_day.contacts
    assert list(contacts.columns) == [
        "contact_id", "customer_id", "channel", "reason", "value_class", "priority", "kind",
        "parent_id", "arrival_min", "answer_min", "end_min", "wait_min", "handle_min", "acw_min",
        "agent_id", "agent", "outcome", "day",
    ]  # fmt: skip
    assert contacts["contact_id"].is_unique
    assert set(contacts["outcome"].unique()) <= set(OUTCOMES)
    assert contacts["arrival_min"].dtype == float
    handled = contacts[contacts["agent_id"] >= 0]
    assert (handled["agent"] != "").all()
    assert (contacts.loc[contacts["agent_id"] < 0, "agent"] == "").all()


def test_interval_table_adds_up_to_the_summary(cic_day) -> None:
    intervals = cic_day.intervals(30)
    kpis = cic_day.kpis()
    per_channel = intervals.groupby("channel")[["offered", "answered", "abandoned"]].sum()
    for channel in per_channel.index:
        assert per_channel.loc[channel, "offered"] == kpis.loc[channel, "offered"]
        assert per_channel.loc[channel, "answered"] == kpis.loc[channel, "answered"]
    assert intervals["time"].str.match(r"^\d\d:\d\d$").all()
    assert intervals["occupancy"].dropna().between(0, 1 + 1e-9).all()


def test_agent_states_never_overlap_for_phone_work(cic_day) -> None:
    states = cic_day.agent_states()
    assert set(states["state"].astype(str)) <= {
        "on_duty",
        "break",
        "handling",
        "after_contact_work",
    }
    work = states[states["state"].isin(["handling", "after_contact_work"])]
    contacts = cic_day.contacts.set_index("contact_id")
    voice = work[contacts.loc[work["contact_id"], "channel"].to_numpy() != "chat"]
    for _, spells in voice.sort_values("start_min").groupby("agent_id"):
        assert (
            spells["start_min"].to_numpy()[1:] >= spells["end_min"].to_numpy()[:-1] - 1e-9
        ).all()


def test_agent_summary_occupancy_matches_its_parts(cic_day) -> None:
    summary = cic_day.agent_summary()
    assert len(summary) == cic_day.scenario.agent_count
    working = summary[summary["on_duty_min"] > 0]
    assert np.allclose(working["occupancy"], working["busy_min"] / working["on_duty_min"])
    assert summary["contacts"].sum() == (cic_day.contacts["agent_id"] >= 0).sum()


def test_kpis_for_every_channel_of_the_multichannel_center(cic_day) -> None:
    kpis = cic_day.kpis()
    assert list(kpis.index) == ["phone", "chat", "email", "letter_fax", "callback", "self_service"]
    assert 0 < kpis.loc["self_service", "self_service_share"] < 1
    assert kpis.loc["email", "response_time_h"] > 0
    assert np.isnan(kpis.loc["email", "asa_s"])
    assert kpis.loc["phone", "callback_share"] >= 0
    # Occupancy per channel is that of the agents who serve it, not one figure repeated.
    summary = cic_day.agent_summary().merge(cic_day.agents[["agent_id", "channels"]])
    for channel in ["phone", "chat", "letter_fax"]:
        serving = summary[[channel in c.split(",") for c in summary["channels"]]]
        expected = serving["busy_min"].sum() / serving["on_duty_min"].sum()
        assert kpis.loc[channel, "occupancy"] == pytest.approx(expected, rel=1e-9)
    assert kpis.loc["phone", "occupancy"] != kpis.loc["chat", "occupancy"]
    assert np.isnan(kpis.loc["self_service", "occupancy"])  # no agent serves self-service


def test_warmup_leaves_out_early_contacts() -> None:
    result = simulate(mmc_scenario(agents=5, calls_per_hour=60, aht_min=4), seed=2, days=1)
    assert (
        result.kpis(warmup_min=720).loc["phone", "offered"]
        == (result.contacts["arrival_min"] >= 720).sum()
    )


def test_simulate_rejects_bad_days() -> None:
    from crmsim.errors import InputError

    with pytest.raises(InputError, match='"days" must be an integer ≥ 1, got 0'):
        simulate(mmc_scenario(agents=1, calls_per_hour=1, aht_min=1), days=0)


def test_adac_day_has_lecture_call_volumes() -> None:
    """The ADAC scenario stays within the lecture's 100 to 700 calls a day."""
    result = simulate(load_scenario(SCENARIOS / "adac-telematics.yaml"), seed=1, days=7)
    new_calls = result.contacts[result.contacts["kind"] == "new"]
    per_day = new_calls.groupby("day").size()
    assert len(per_day) == 7
    assert per_day.between(100, 700).all()
    assert result.scenario.agent_count == 12


def test_results_are_dataframes_not_lists(cic_day) -> None:
    assert isinstance(cic_day.contacts, pd.DataFrame)
    assert isinstance(cic_day.intervals(), pd.DataFrame)
    assert isinstance(cic_day.agent_states(), pd.DataFrame)
