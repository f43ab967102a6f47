"""The scenarios behind the one-day timings: the ADAC case and a 50-agent center.

The notebooks re-run one simulated day each time a slider moves, so these two
days have time budgets: the ADAC telematics center (12 agents, a few hundred
calls) and a larger center with 50 agents and about 10,000 contacts. The
ADAC day is the scenario file shipped in ``scenarios/``. For the large day,
``scenarios/multichannel-cic.yaml`` is used when it has that size (45–55
agents, 9,000–11,000 contacts expected on its first day); otherwise
:func:`fifty_agent_phone_day` builds a phone-only center of that size.
"""

from __future__ import annotations

from pathlib import Path

from crmsim.scenario import Scenario, load_scenario, scenario_from_dict

SCENARIO_DIR = Path(__file__).resolve().parents[1] / "scenarios"
ADAC_FILE = SCENARIO_DIR / "adac-telematics.yaml"
MULTICHANNEL_FILE = SCENARIO_DIR / "multichannel-cic.yaml"
#: Accepted size of the shipped multichannel scenario for the 50-agent timing.
AGENT_RANGE = (45, 55)
CONTACT_RANGE = (9_000.0, 11_000.0)


def expected_first_day_contacts(scenario: Scenario) -> float:
    """Contacts expected on day 0: each channel's daily volume × its weekday factor."""
    weekday = scenario.start_weekday
    return sum(ch.daily_volume * ch.weekday_factors[weekday] for ch in scenario.channels.values())


def fits_fifty_agent_day(scenario: Scenario) -> bool:
    """Whether ``scenario`` has about 50 agents and about 10,000 contacts on its first day."""
    contacts = expected_first_day_contacts(scenario)
    agents_ok = AGENT_RANGE[0] <= scenario.agent_count <= AGENT_RANGE[1]
    return agents_ok and CONTACT_RANGE[0] <= contacts <= CONTACT_RANGE[1]


def fifty_agent_phone_day(calls: float = 10_000.0, agents: int = 50) -> Scenario:
    """A phone-only center: ``agents`` agents from 6 to 22 h, ``calls`` calls a business day.

    The calls follow the ``business_day`` profile (15-minute intervals), so the
    peak hour brings about 1,050 calls; with a handling time of 2.2 minutes plus
    0.3 minutes of after-contact work the peak load is about 44 Erlang, close to
    but below the 50 agents. Callers hang up after 2 minutes on average.
    """
    return scenario_from_dict(
        {
            "name": f"{agents} agents, {calls:,.0f} calls",
            "description": "Phone-only center sized for the notebooks' time budget",
            "interval_min": 15,
            "channels": {
                "phone": {
                    "daily_volume": calls,
                    "intraday_profile": "business_day",
                    "open_h": [6, 22],
                    "aht_min": 2.2,
                    "acw_min": 0.3,
                    "patience_min": 2.0,
                }
            },
            "agents": [
                {
                    "name": "agent",
                    "count": agents,
                    "channels": ["phone"],
                    "shift_h": [6, 22],
                    "breaks": [{"start_h": 12, "duration_min": 30}],
                }
            ],
        },
        source="benchmarks.day_scenarios",
    )


def adac_day_scenario() -> tuple[str, Scenario]:
    """The ADAC telematics scenario file and a label for the table."""
    return "ADAC telematics, 1 day", load_scenario(ADAC_FILE)


def large_day_scenario() -> tuple[str, Scenario]:
    """The shipped multichannel scenario if it has the size, else the built phone center."""
    if MULTICHANNEL_FILE.exists():
        scenario = load_scenario(MULTICHANNEL_FILE)
        if fits_fifty_agent_day(scenario):
            return f"{MULTICHANNEL_FILE.name}, 1 day", scenario
    return "50 agents, 10,000 calls, 1 day", fifty_agent_phone_day()
