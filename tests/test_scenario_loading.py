"""Scenario files: the shipped ones load, and every kind of mistake gets one clear message."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from crmsim.errors import InputError
from crmsim.scenario import (
    CHANNELS,
    intraday_profile,
    load_scenario,
    mmc_scenario,
    scenario_from_dict,
)

SCENARIOS = Path(__file__).resolve().parents[1] / "scenarios"
MINIMAL = """\
name: test
channels:
  phone:
    aht_min: 4
agents:
  - name: a
    count: 2
    channels: [phone]
"""


@pytest.mark.parametrize("path", sorted(SCENARIOS.glob("*.yaml")), ids=lambda p: p.name)
def test_shipped_scenarios_load(path: Path) -> None:
    scenario = load_scenario(path)
    assert scenario.name
    assert scenario.agent_count >= 1
    assert set(scenario.channels) <= set(CHANNELS)


def test_required_scenarios_are_shipped() -> None:
    names = {p.stem for p in SCENARIOS.glob("*.yaml")}
    assert {"adac-telematics", "mmc-textbook", "multichannel-cic"} <= names
    cic = load_scenario(SCENARIOS / "multichannel-cic.yaml")
    assert {"phone", "chat", "email", "callback", "self_service"} <= set(cic.channels)
    assert cic.channels["phone"].callback is not None


def test_textbook_file_equals_the_quick_scenario() -> None:
    from_file = load_scenario(SCENARIOS / "mmc-textbook.yaml")
    quick = mmc_scenario(agents=14, calls_per_hour=200, aht_min=3)
    assert from_file.channels["phone"].daily_volume == quick.channels["phone"].daily_volume
    assert from_file.channels["phone"].aht_min == quick.channels["phone"].aht_min
    assert from_file.agent_count == quick.agent_count


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "scenario.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def error_for(tmp_path: Path, text: str) -> str:
    with pytest.raises(InputError) as info:
        load_scenario(write(tmp_path, text))
    message = str(info.value)
    assert "\n" not in message
    return message


def test_minimal_scenario_gets_defaults(tmp_path: Path) -> None:
    scenario = load_scenario(write(tmp_path, MINIMAL))
    phone = scenario.channels["phone"]
    assert phone.aht_min == 4.0 and phone.sl_threshold_s == 20.0 and phone.patience_min is None
    assert len(phone.intraday_profile) == 96
    assert scenario.reasons[0].name == "general"


def test_misspelt_key_names_the_line_and_suggests_the_right_one(tmp_path: Path) -> None:
    message = error_for(tmp_path, MINIMAL.replace("aht_min: 4", "aht_mins: 4"))
    assert "line 4" in message
    assert '"channels.phone.aht_mins" is not a known setting' in message
    assert 'did you mean "aht_min"' in message


def test_unknown_channel_lists_the_allowed_ones(tmp_path: Path) -> None:
    message = error_for(tmp_path, MINIMAL.replace("  phone:", "  telefax:"))
    assert "unknown channel 'telefax'" in message
    assert "phone, chat, email, letter_fax, callback, self_service" in message


def test_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="scenario file not found: .*nope.yaml"):
        load_scenario(tmp_path / "nope.yaml")


def test_broken_yaml_reports_the_line(tmp_path: Path) -> None:
    message = error_for(tmp_path, MINIMAL + "  - [unclosed\n")
    assert "not valid YAML" in message and "line" in message


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("aht_min: 4", "aht_min: 0"), r'"channels.phone.aht_min" must be in \(0, ∞\], got 0'),
        (("aht_min: 4", "aht_min: fast"), r'"channels.phone.aht_min" must be a number'),
        (("count: 2", "count: 0"), r'"agents\[0\].count" must be a whole number ≥ 1, got 0'),
        (("count: 2", "count: 2.5"), r"must be a whole number ≥ 1, got 2.5"),
        (("channels: [phone]", "channels: [chat]"), r"must list channels of this scenario"),
        (
            ("name: a", "name: a\n    shift_h: [9, 9]"),
            r"shift_h.* must be \[start_hour, end_hour\]",
        ),
        (("aht_min: 4", "aht_min: 4\n    max_concurrent: 3"), r"above 1 is allowed for chat only"),
        (("aht_min: 4", "aht_min: 4\n    intraday_profile: lunch"), r'unknown profile "lunch"'),
        (("aht_min: 4", "aht_min: 4\n    intraday_profile: [1, 2, 3]"), r"24 hourly weights"),
        (("aht_min: 4", "aht_min: 4\n    patience_min: -1"), r"patience_min.* must be in \(0"),
        (("name: test", "name: test\ndays: 0"), r'"days" must be a whole number ≥ 1'),
        (("name: test", "name: test\nstart_weekday: funday"), r"must be one of mon, tue"),
    ],
)
def test_bad_values_are_reported_with_field_and_allowed_range(
    tmp_path: Path, change: tuple[str, str], expected: str
) -> None:
    old, new = change
    assert old in MINIMAL
    message = error_for(tmp_path, MINIMAL.replace(old, new, 1))
    assert re.search(expected, message), message


def base() -> dict:
    return yaml.safe_load(MINIMAL)


def test_shares_of_reasons_must_sum_to_one() -> None:
    data = base() | {"reasons": {"a": {"share": 0.5}, "b": {"share": 0.4}}}
    with pytest.raises(InputError, match='"reasons": shares must sum to 1, got 0.9'):
        scenario_from_dict(data)


def test_transfer_target_must_be_a_known_reason() -> None:
    data = base() | {"reasons": {"a": {"transfer_share": 0.1, "transfer_to": "nowhere"}}}
    with pytest.raises(InputError, match="transfer_to must name another reason"):
        scenario_from_dict(data)


def test_every_reason_on_every_channel_needs_an_agent() -> None:
    from crmsim.sim import simulate

    data = base() | {"reasons": {"a": {"share": 0.5}, "b": {"share": 0.5}}}
    data["agents"][0]["reasons"] = ["a"]
    with pytest.raises(InputError, match='no agent group handles reason "b" on channel "phone"'):
        simulate(scenario_from_dict(data))


def test_channel_without_agents_is_refused() -> None:
    data = base()
    data["channels"]["email"] = {"aht_min": 5}
    with pytest.raises(InputError, match="no agent group handles email"):
        scenario_from_dict(data)


def test_break_outside_the_shift_is_refused() -> None:
    data = base()
    data["agents"][0] |= {"shift_h": [8, 16], "breaks": [{"start_h": 17, "duration_min": 30}]}
    with pytest.raises(InputError, match=r"must lie inside the shift \[8, 16\], got 17"):
        scenario_from_dict(data)


def test_overnight_shift_with_a_break_after_midnight_is_accepted() -> None:
    data = base()
    data["agents"][0] |= {"shift_h": [22, 6], "breaks": [{"start_h": 2, "duration_min": 30}]}
    group = scenario_from_dict(data).agents[0]
    assert (group.shift_start_h, group.shift_end_h) == (22.0, 6.0)


def test_campaign_spike_must_end_after_it_starts() -> None:
    data = base() | {
        "campaign_spikes": [{"channel": "phone", "day": 0, "start_h": 12, "end_h": 10, "factor": 2}]
    }
    with pytest.raises(InputError, match="end_h.* must be after start_h"):
        scenario_from_dict(data)


def test_call_back_policy_belongs_to_the_phone() -> None:
    data = base()
    data["channels"]["chat"] = {"callback": {"accept_share": 0.5}}
    data["agents"][0]["channels"] = ["phone", "chat"]
    with pytest.raises(InputError, match="is a phone setting"):
        scenario_from_dict(data)


def test_self_service_escalates_evenly_to_the_live_channels_present() -> None:
    data = base()
    data["channels"]["self_service"] = {"solve_share": 0.6}
    scenario = scenario_from_dict(data)
    assert scenario.channels["self_service"].self_service.escalate_to == (("phone", 1.0),)


def test_intraday_profile_expands_hours_and_respects_opening_hours() -> None:
    shares = intraday_profile("business_day", interval_min=30, open_h=(8, 18))
    assert len(shares) == 48
    assert sum(shares) == pytest.approx(1.0)
    assert all(s == 0 for s in shares[:16]) and all(s == 0 for s in shares[36:])
    assert shares[20] > shares[16]  # 10:00 is busier than 08:00


def test_intraday_profile_rejects_an_unknown_interval() -> None:
    with pytest.raises(InputError, match='"interval_min" must be one of 15, 30, 60'):
        intraday_profile("flat", interval_min=20)


def test_quick_scenario_validates_its_numbers() -> None:
    with pytest.raises(InputError, match='"aht_min" must be a number > 0, got 0'):
        mmc_scenario(agents=3, calls_per_hour=10, aht_min=0)
    with pytest.raises(InputError, match='"agents" must be an integer ≥ 1, got True'):
        mmc_scenario(agents=True, calls_per_hour=10, aht_min=1)
