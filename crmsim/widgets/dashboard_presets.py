"""The dashboard's presets and knobs: a shipped or lecturer's scenario, turned by a few sliders.

A preset is a whole scenario (shifts, channels, reasons). The dashboard turns only
the phone side of it with a handful of knobs (:class:`Knobs`): agents on the phone
groups, calls per hour, handling time, patience, call-back, VIP routing and the
service-level target. :func:`knobs_of` reads the knobs' starting values from a
scenario; :func:`apply_knobs` writes changed knobs back into a copy of it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from pathlib import Path

from crmsim.errors import InputError
from crmsim.scenario.classroom import CALLBACK_POLICY
from crmsim.scenario.loading import load_scenario
from crmsim.scenario.model import AgentGroup, Scenario
from crmsim.time_units import HOURS_PER_DAY

__all__ = [
    "PRESETS",
    "Knobs",
    "apply_knobs",
    "knobs_of",
    "phone_agents",
    "phone_open_hours",
    "preset_scenario",
    "scenario_from_path",
]

#: The dashboard's presets: shown name → shipped scenario (``scenarios/<name>.yaml``).
PRESETS = {
    "Textbook M/M/14": "mmc-textbook",
    "ADAC telematics center": "adac-telematics",
    "Multichannel CIC": "multichannel-cic",
}


@dataclass(frozen=True)
class Knobs:
    """The settings a lecturer turns on the dashboard.

    Attributes
    ----------
    agents:
        Agents in the groups that take phone calls (all shifts together).
    calls_per_hour:
        Mean phone calls per opening hour on the simulated day.
    aht_min:
        Mean talk time of a call (minutes), before reason factors and after-call work.
    patience_min:
        Mean patience of waiting callers (minutes); 0 means callers never hang up.
    callback:
        Offer waiting callers a call-back.
    vip_routing:
        Serve A customers before B before C.
    sl_threshold_s:
        Service-level threshold T (seconds), the 20 of "80/20".
    sl_target:
        Service-level target (share), the 80 % of "80/20".
    """

    agents: int
    calls_per_hour: float
    aht_min: float
    patience_min: float
    callback: bool
    vip_routing: bool
    sl_threshold_s: float = 20.0
    sl_target: float = 0.8


def preset_scenario(name: str) -> Scenario:
    """The scenario of a preset, by its shown name or its shipped file name.

    Raises
    ------
    crmsim.errors.InputError
        If ``name`` is neither.

    Examples
    --------
    >>> preset_scenario("Textbook M/M/14").name
    'Textbook M/M/14'
    """
    shipped = PRESETS.get(name, name)
    if shipped not in PRESETS.values():
        raise InputError(f"preset {name!r} unknown; presets: {', '.join(PRESETS)}")
    return load_scenario(shipped)


def scenario_from_path(path: str | Path) -> Scenario:
    """A lecturer's scenario YAML, validated like ``crmsim callcenter`` does.

    Raises
    ------
    crmsim.errors.InputError
        With the command line's message (field, file and line, what is allowed), or when
        the scenario has no phone channel for the dashboard's knobs.
    """
    text = str(path).strip()
    if not text:
        raise InputError("scenario file: give the path of a YAML file")
    scenario = load_scenario(Path(text).expanduser())
    phone_agents(scenario)
    return scenario


def phone_agents(scenario: Scenario) -> int:
    """Agents in all groups that take phone calls.

    Raises
    ------
    crmsim.errors.InputError
        If the scenario has no phone channel or no agent takes phone calls.
    """
    if "phone" not in scenario.channels:
        raise InputError(
            f'scenario "{scenario.name}": the dashboard needs a "phone" channel under "channels"'
        )
    return sum(group.count for group in _phone_groups(scenario))


def phone_open_hours(scenario: Scenario) -> float:
    """Hours of the day in which phone calls arrive (from the intraday profile)."""
    profile = scenario.channels["phone"].intraday_profile
    open_slots = sum(1 for weight in profile if weight > 0)
    return HOURS_PER_DAY * open_slots / len(profile)


def _first_day_factor(scenario: Scenario) -> float:
    factor = scenario.channels["phone"].weekday_factors[scenario.start_weekday % 7]
    return factor if factor > 0 else 1.0


def _phone_groups(scenario: Scenario) -> list[AgentGroup]:
    return [group for group in scenario.agents if "phone" in group.channels]


def knobs_of(scenario: Scenario) -> Knobs:
    """The knobs' values that reproduce ``scenario`` unchanged.

    Examples
    --------
    >>> knobs = knobs_of(preset_scenario("mmc-textbook"))
    >>> knobs.agents, knobs.calls_per_hour, knobs.aht_min, knobs.patience_min
    (14, 200.0, 3.0, 0.0)
    """
    phone = scenario.channels["phone"]
    volume = phone.daily_volume * _first_day_factor(scenario)
    return Knobs(
        agents=phone_agents(scenario),
        calls_per_hour=float(round(volume / phone_open_hours(scenario))),
        aht_min=phone.aht_min,
        patience_min=phone.patience_min or 0.0,
        callback=phone.callback is not None,
        vip_routing=scenario.vip_routing,
        sl_threshold_s=phone.sl_threshold_s,
        sl_target=phone.sl_target,
    )


def apply_knobs(scenario: Scenario, knobs: Knobs) -> Scenario:
    """A copy of ``scenario`` with the knobs' values on its phone channel and phone groups.

    The agents are shared out over the phone groups in proportion to their sizes in
    ``scenario`` (largest remainders), each group keeping at least one agent.

    Raises
    ------
    crmsim.errors.InputError
        If there are fewer agents than phone groups, or a knob is out of range.

    Examples
    --------
    >>> adac = preset_scenario("adac-telematics")
    >>> more = apply_knobs(adac, replace(knobs_of(adac), agents=18))
    >>> [group.count for group in more.agents]
    [6, 5, 4, 3]
    """
    groups = _phone_groups(scenario)
    if knobs.agents < len(groups):
        raise InputError(
            f'"agents" must be at least {len(groups)} (one per phone group), got {knobs.agents}'
        )
    if not knobs.calls_per_hour > 0 or not knobs.aht_min > 0 or knobs.patience_min < 0:
        raise InputError(
            '"calls_per_hour" and "aht_min" must be > 0 and "patience_min" ≥ 0, got '
            f"{knobs.calls_per_hour}, {knobs.aht_min} and {knobs.patience_min}"
        )
    phone = scenario.channels["phone"]
    callback = (phone.callback or CALLBACK_POLICY) if knobs.callback else None
    volume = knobs.calls_per_hour * phone_open_hours(scenario) / _first_day_factor(scenario)
    new_phone = replace(
        phone,
        daily_volume=volume,
        aht_min=knobs.aht_min,
        patience_min=knobs.patience_min or None,
        callback=callback,
        sl_threshold_s=knobs.sl_threshold_s,
        sl_target=knobs.sl_target,
    )
    counts = _share_out(knobs.agents, [group.count for group in groups])
    new_count = dict(zip((group.name for group in groups), counts, strict=True))
    agents = tuple(
        replace(group, count=new_count[group.name]) if group.name in new_count else group
        for group in scenario.agents
    )
    return replace(
        scenario,
        channels={**scenario.channels, "phone": new_phone},
        agents=agents,
        vip_routing=knobs.vip_routing,
    )


def _share_out(total: int, weights: list[int]) -> list[int]:
    """``total`` split over ``weights`` by largest remainders, each part at least one."""
    basis = sum(weights) or 1
    exact = [total * weight / basis for weight in weights]
    parts = [math.floor(value) for value in exact]
    order = sorted(range(len(weights)), key=lambda i: (parts[i] - exact[i], i))
    for i in order[: total - sum(parts)]:
        parts[i] += 1
    while min(parts) < 1:
        parts[parts.index(max(parts))] -= 1
        parts[parts.index(min(parts))] += 1
    return parts
