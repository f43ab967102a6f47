"""Build a validated :class:`~crmsim.scenario.model.Scenario` from YAML or a dict.

The YAML layout mirrors the dataclasses; ``scenarios/README.md`` documents it with
an example. Every problem is reported as :class:`~crmsim.errors.InputError` naming
the field (``channels.phone.aht_min``), the file and line, and what is allowed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from crmsim.errors import InputError, shorten
from crmsim.limits import MAX_AGENTS, MAX_DAILY_VOLUME, MAX_DAYS
from crmsim.scenario.fields import FieldReader, load_yaml_with_lines
from crmsim.scenario.model import (
    CHANNELS,
    LIVE_CHANNELS,
    WEEKDAYS,
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
from crmsim.scenario.profiles import intraday_profile
from crmsim.scenario.runnable import check_run_size, check_shift_meets_opening_hours
from crmsim.scenario.shipped import scenario_file

#: Default routing tier per channel: live media before call-backs before the backlog.
DEFAULT_PRIORITY = {"phone": 1, "chat": 1, "callback": 2, "email": 3, "letter_fax": 3}
#: Default response-time targets (hours): written media within a day, call-backs within an hour.
DEFAULT_RESPONSE_TARGET_H = {"email": 24.0, "letter_fax": 24.0, "callback": 1.0}


def load_scenario(path: str | Path) -> Scenario:
    """Read and validate a scenario YAML file, or a shipped scenario given by name.

    ``path`` is a file, or the name of a shipped scenario such as ``"adac-telematics"``
    (see :func:`~crmsim.scenario.shipped.scenario_file`).

    Raises
    ------
    crmsim.errors.InputError
        If the file is missing, is not valid YAML, or a setting is wrong.
    """
    path = scenario_file(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"scenario file not found: {path}") from None
    except (IsADirectoryError, PermissionError, UnicodeDecodeError) as error:
        raise InputError(f"cannot read scenario file {path}: {error}") from None
    return scenario_from_dict(load_yaml_with_lines(text, str(path)), source=str(path))


def scenario_from_dict(data: Mapping[str, Any], source: str = "") -> Scenario:
    """Validate a scenario given as nested dicts (the parsed YAML)."""
    top = FieldReader(data, "", source)
    name = top.text("name")
    description = top.text("description", "")
    days = top.integer("days", 1, low=1)
    if days > MAX_DAYS:
        raise top.fail("days", f"must be at most {MAX_DAYS} (the limit of crmsim), got {days}")
    start_weekday = WEEKDAYS.index(top.choice("start_weekday", WEEKDAYS, "mon"))
    interval_min = top.integer("interval_min", 15, low=1)
    vip_routing = top.flag("vip_routing", False)
    raw_channels = top.raw("channels")
    if raw_channels is None:
        raise InputError(f"{top.where('channels')} is required: name at least one channel")
    channels_reader = top.child("channels", raw_channels)
    channels = {}
    for channel_name in list(raw_channels):
        if channel_name not in CHANNELS:
            channels_reader.raw(channel_name)
            raise InputError(
                f"{channels_reader.where(str(channel_name))}: unknown channel "
                f"{channel_name!r}; allowed: {', '.join(CHANNELS)}"
            )
        value = channels_reader.raw(channel_name)
        reader = channels_reader.child(channel_name, value if value is not None else {})
        channels[channel_name] = _channel(channel_name, reader, interval_min)
    reasons = _reasons(top)
    value_classes = _value_classes(top)
    agents = _agent_groups(top, channels, {r.name for r in reasons})
    spikes = _campaign_spikes(top, channels, days)
    top.finish()
    _check_escalation_targets(channels, source)
    scenario = Scenario(
        name=name,
        description=description,
        days=days,
        start_weekday=start_weekday,
        channels=channels,
        reasons=reasons,
        value_classes=value_classes,
        vip_routing=vip_routing,
        agents=agents,
        campaign_spikes=spikes,
    )
    check_run_size(scenario, days, source)
    return scenario


def _channel(name: str, r: FieldReader, interval_min: int) -> Channel:
    open_h = r.raw("open_h", [0, 24])
    if not (isinstance(open_h, list | tuple) and len(open_h) == 2):
        raise r.fail("open_h", f"must be [start_hour, end_hour], got {shorten(repr(open_h))}")
    profile = intraday_profile(
        r.raw("intraday_profile", "flat"), interval_min, tuple(open_h), r.where("intraday_profile")
    )
    weekday = _weekday_factors(r)
    is_phone = name == "phone"
    callback = None
    if r.has("callback"):
        if not is_phone:
            raise r.fail("callback", "is a phone setting (call-back offered to waiting callers)")
        cb = r.child("callback", r.raw("callback") or {})
        callback = CallbackPolicy(
            offer_when_wait_min=cb.number("offer_when_wait_min", 2.0, low=0),
            accept_share=cb.number("accept_share", 0.5, low=0, high=1),
            reach_share=cb.number("reach_share", 0.9, low=0, high=1),
        )
        cb.finish()
    self_service = None
    if name == "self_service":
        escalate = r.raw("escalate_to", None)
        self_service = SelfServiceConfig(
            solve_share=r.number("solve_share", 0.5, low=0, high=1),
            escalate_to=()
            if escalate is None
            else _shares(escalate, r.where("escalate_to"), LIVE_CHANNELS),
        )
    channel = Channel(
        name=name,
        daily_volume=r.number("daily_volume", 0.0, low=0, high=MAX_DAILY_VOLUME),
        intraday_profile=profile,
        weekday_factors=weekday,
        aht_min=r.number("aht_min", 5.0, low=0, low_open=True),
        handle_time_cv=r.number("handle_time_cv", 1.0, low=0, high=5),
        acw_min=r.number("acw_min", 0.0, low=0),
        patience_min=r.number("patience_min", None, low=0, low_open=True, optional=True),
        lines=r.integer("lines", low=1) if r.has("lines") else None,
        sl_threshold_s=r.number("sl_threshold_s", 20.0, low=0),
        sl_target=r.number("sl_target", 0.8, low=0, high=1, low_open=True),
        response_target_h=r.number(
            "response_target_h", DEFAULT_RESPONSE_TARGET_H.get(name), low=0, optional=True
        ),
        max_concurrent=r.integer("max_concurrent", 1, low=1),
        priority=r.integer("priority", DEFAULT_PRIORITY.get(name, 1), low=0),
        callback=callback,
        self_service=self_service,
    )
    r.finish()
    if channel.patience_min is not None and name not in LIVE_CHANNELS | {"callback"}:
        raise InputError(f"{r.where('patience_min')} applies to phone and chat only")
    if channel.max_concurrent > 1 and name != "chat":
        raise InputError(f"{r.where('max_concurrent')} above 1 is allowed for chat only")
    return channel


def _weekday_factors(r: FieldReader) -> tuple[float, ...]:
    raw = r.raw("weekday_factors", None)
    if raw is None:
        return (1.0,) * 7
    reader = r.child("weekday_factors", raw)
    factors = tuple(reader.number(day, 1.0, low=0) for day in WEEKDAYS)
    reader.finish()
    return factors


def _shares(raw: Any, where: str, allowed: frozenset[str]) -> tuple[tuple[str, float], ...]:
    if not isinstance(raw, Mapping) or not raw:
        raise InputError(f"{where} must map channels to shares, got {shorten(repr(raw))}")
    pairs = []
    for key, value in raw.items():
        if key not in allowed:
            raise InputError(f"{where}: {key!r} is not allowed; use {', '.join(sorted(allowed))}")
        if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
            raise InputError(f"{where}.{key} must be a share ≥ 0, got {shorten(repr(value))}")
        pairs.append((str(key), float(value)))
    total = sum(v for _, v in pairs)
    if abs(total - 1) > 1e-6:
        raise InputError(f"{where}: shares must sum to 1, got {total:g}")
    return tuple(pairs)


def _reasons(top: FieldReader) -> tuple[Reason, ...]:
    raw = top.raw("reasons", {"general": {}})
    outer = top.child("reasons", raw)
    reasons = []
    for name in list(raw):
        r = outer.child(str(name), outer.raw(name) or {})
        reasons.append(
            Reason(
                name=str(name),
                share=r.number("share", 1.0, low=0, high=1),
                fcr=r.number("fcr", 1.0, low=0, high=1),
                aht_factor=r.number("aht_factor", 1.0, low=0, low_open=True),
                repeat_share=r.number("repeat_share", 0.0, low=0, high=1),
                repeat_after_h=r.number("repeat_after_h", 24.0, low=0, low_open=True),
                transfer_share=r.number("transfer_share", 0.0, low=0, high=1),
                transfer_to=r.text("transfer_to") if r.has("transfer_to") else None,
            )
        )
        r.finish()
    _check_sum([x.share for x in reasons], top.where("reasons"))
    names = {x.name for x in reasons}
    for reason in reasons:
        if reason.transfer_share > 0 and reason.transfer_to not in names:
            raise InputError(
                f"{top.where('reasons')}.{reason.name}.transfer_to must name another reason "
                f"({', '.join(sorted(names))}), got {reason.transfer_to!r}"
            )
    return tuple(reasons)


def _value_classes(top: FieldReader) -> tuple[ValueClass, ...]:
    raw = top.raw("value_classes", {"A": {"share": 1.0}})
    outer = top.child("value_classes", raw)
    classes = []
    for rank, name in enumerate(list(raw)):
        r = outer.child(str(name), outer.raw(name) or {})
        classes.append(
            ValueClass(
                str(name), r.number("share", 1.0, low=0, high=1), r.integer("rank", rank, low=0)
            )
        )
        r.finish()
    _check_sum([c.share for c in classes], top.where("value_classes"))
    return tuple(classes)


def _check_sum(shares: list[float], where: str) -> None:
    if not shares:
        raise InputError(f"{where} must list at least one entry")
    if abs(sum(shares) - 1) > 1e-6:
        raise InputError(f"{where}: shares must sum to 1, got {sum(shares):g}")


def _agent_groups(
    top: FieldReader, channels: dict[str, Channel], reasons: set[str]
) -> tuple[AgentGroup, ...]:
    raw = top.raw("agents")
    if not isinstance(raw, list) or not raw:
        raise InputError(f"{top.where('agents')} must be a list of agent groups (at least one)")
    groups = []
    staffed = {"self_service"}
    for index, item in enumerate(raw):
        r = FieldReader(item, f"agents[{index}]", top.source)
        name = r.text("name", f"group{index + 1}")
        skills = r.raw("channels", sorted(set(channels) - {"self_service"}))
        if not isinstance(skills, list) or not all(s in channels for s in skills):
            raise r.fail("channels", f"must list channels of this scenario ({', '.join(channels)})")
        skill_reasons = r.raw("reasons", None)
        if skill_reasons is not None and not (
            isinstance(skill_reasons, list) and set(skill_reasons) <= reasons
        ):
            raise r.fail("reasons", f"must list reasons of this scenario ({', '.join(reasons)})")
        shift = r.raw("shift_h", [0, 24])
        if not (
            isinstance(shift, list)
            and len(shift) == 2
            and all(isinstance(h, int | float) and not isinstance(h, bool) for h in shift)
            and 0 <= shift[0] < 24
            and 0 < shift[1] <= 24
            and shift[0] != shift[1]
        ):
            raise r.fail(
                "shift_h",
                "must be [start_hour, end_hour] with hours in 0..24 "
                f"(end before start means overnight), got {shorten(repr(shift))}",
            )
        overnight = shift[1] <= shift[0]
        workdays = r.raw("workdays", list(WEEKDAYS))
        if not isinstance(workdays, list) or not set(workdays) <= set(WEEKDAYS) or not workdays:
            raise r.fail(
                "workdays",
                f"must list at least one day from {', '.join(WEEKDAYS)}, got "
                f"{shorten(repr(workdays))}",
            )
        check_shift_meets_opening_hours(r, shift, skills, channels)
        breaks = []
        for b_index, b in enumerate(r.raw("breaks", []) or []):
            br = FieldReader(b, f"agents[{index}].breaks[{b_index}]", top.source)
            brk = Break(
                br.number("start_h", low=0, high=24, high_open=True),
                br.number("duration_min", low=0, low_open=True),
            )
            inside = (
                (brk.start_h >= shift[0] or brk.start_h < shift[1])
                if overnight
                else shift[0] <= brk.start_h < shift[1]
            )
            if not inside:
                raise br.fail("start_h", f"must lie inside the shift {shift}, got {brk.start_h}")
            breaks.append(brk)
            br.finish()
        count = r.integer("count", low=1)
        if count > MAX_AGENTS:
            raise r.fail(
                "count", f"must be at most {MAX_AGENTS:,} (the limit of crmsim), got {count}"
            )
        groups.append(
            AgentGroup(
                name=name,
                count=count,
                channels=tuple(skills),
                reasons=tuple(skill_reasons) if skill_reasons is not None else None,
                shift_start_h=float(shift[0]),
                shift_end_h=float(shift[1]),
                workdays=tuple(WEEKDAYS.index(d) for d in workdays),
                breaks=tuple(sorted(breaks, key=lambda x: x.start_h)),
            )
        )
        r.finish()
        staffed |= set(skills) | ({"callback"} if "phone" in skills else set())
    missing = sorted(set(channels) - staffed)
    if missing:
        raise InputError(f"{top.where('agents')}: no agent group handles {', '.join(missing)}")
    return tuple(groups)


def _campaign_spikes(
    top: FieldReader, channels: dict[str, Channel], days: int
) -> tuple[CampaignSpike, ...]:
    spikes = []
    for index, item in enumerate(top.raw("campaign_spikes", []) or []):
        r = FieldReader(item, f"campaign_spikes[{index}]", top.source)
        spike = CampaignSpike(
            channel=r.choice("channel", channels),
            day=r.integer("day", 0, low=0),
            start_h=r.number("start_h", low=0, high=24),
            end_h=r.number("end_h", low=0, high=24),
            factor=r.number("factor", low=0),
        )
        r.finish()
        if spike.end_h <= spike.start_h:
            raise r.fail("end_h", f"must be after start_h ({spike.start_h}), got {spike.end_h}")
        spikes.append(spike)
    return tuple(spikes)


def _check_escalation_targets(channels: dict[str, Channel], source: str) -> None:
    """Check where self-service escalates to; by default, evenly to the live channels present."""
    service = channels.get("self_service")
    if service is None or service.self_service is None:
        return
    if not service.self_service.escalate_to:
        live = [name for name in ("phone", "chat") if name in channels]
        if not live:
            raise InputError(
                f'{source + ": " if source else ""}"channels.self_service" needs a phone or chat '
                "channel for the sessions it cannot solve"
            )
        escalate = tuple((name, 1.0 / len(live)) for name in live)
        config = replace(service.self_service, escalate_to=escalate)
        channels["self_service"] = replace(service, self_service=config)
        return
    for target, share in service.self_service.escalate_to:
        if share > 0 and target not in channels:
            raise InputError(
                f'{source + ": " if source else ""}"channels.self_service.escalate_to" '
                f"sends contacts to {target}, which is not a channel of this scenario"
            )
