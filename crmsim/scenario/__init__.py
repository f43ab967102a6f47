"""Scenarios: every parameter of a customer interaction center, validated once at the edge."""

from __future__ import annotations

from crmsim.scenario.classroom import classroom_scenario
from crmsim.scenario.loading import load_scenario, scenario_from_dict
from crmsim.scenario.model import (
    CHANNELS,
    AgentGroup,
    Break,
    CallbackPolicy,
    CampaignSpike,
    Channel,
    Reason,
    Scenario,
    SelfServiceConfig,
    ValueClass,
)
from crmsim.scenario.profiles import NAMED_PROFILES, intraday_profile
from crmsim.scenario.quick import mmc_scenario
from crmsim.scenario.shipped import SCENARIO_FOLDER, scenario_file, shipped_scenarios

__all__ = [
    "CHANNELS",
    "NAMED_PROFILES",
    "SCENARIO_FOLDER",
    "AgentGroup",
    "Break",
    "CallbackPolicy",
    "CampaignSpike",
    "Channel",
    "Reason",
    "Scenario",
    "SelfServiceConfig",
    "ValueClass",
    "classroom_scenario",
    "intraday_profile",
    "load_scenario",
    "mmc_scenario",
    "scenario_file",
    "scenario_from_dict",
    "shipped_scenarios",
]
