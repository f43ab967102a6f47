"""The parameters of a customer interaction center, as frozen dataclasses.

A :class:`Scenario` is everything the simulator needs: channels with their
arrival volumes and handling times, contact reasons, customer value classes,
agent groups with skills and shifts, and campaign spikes. Objects are built and
validated by :mod:`crmsim.scenario.loading` (from YAML or a dict); inside the
simulator they are trusted.

Units: time in minutes unless a field name says otherwise (``_s`` seconds,
``_h`` hours); shares are fractions between 0 and 1.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from crmsim.errors import InputError
from crmsim.time_units import MINUTES_PER_DAY

#: The media a customer can use, in the order used for tables and plots.
CHANNELS: tuple[str, ...] = ("phone", "chat", "email", "letter_fax", "callback", "self_service")
#: Channels handled live (the customer waits on the line or in the chat window).
LIVE_CHANNELS: frozenset[str] = frozenset({"phone", "chat"})
#: Channels worked off a backlog with a response-time target.
BACKLOG_CHANNELS: frozenset[str] = frozenset({"email", "letter_fax"})
WEEKDAYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass(frozen=True)
class CallbackPolicy:
    """Call-back service (Rückrufservice) offered to phone callers facing a long wait.

    Attributes
    ----------
    offer_when_wait_min:
        Offer a call-back when the expected wait exceeds this many minutes.
    accept_share:
        Share of callers offered a call-back who accept it instead of waiting.
    reach_share:
        Share of call-backs in which the customer answers when the agent dials.
    """

    offer_when_wait_min: float = 2.0
    accept_share: float = 0.5
    reach_share: float = 0.9


@dataclass(frozen=True)
class SelfServiceConfig:
    """Self-service, FAQ or virtual assistant (virtueller Assistent) in front of the agents.

    Attributes
    ----------
    solve_share:
        Share of self-service sessions that solve the customer's concern. The mean
        session length is the channel's ``aht_min``.
    escalate_to:
        Where the unsolved sessions go, as shares per live channel (sum 1); by
        default evenly to the scenario's phone and chat channels.
    """

    solve_share: float = 0.5
    escalate_to: tuple[tuple[str, float], ...] = (("chat", 0.5), ("phone", 0.5))


@dataclass(frozen=True)
class Channel:
    """One medium of the interaction center and the contacts arriving through it.

    Attributes
    ----------
    name:
        One of :data:`CHANNELS`.
    daily_volume:
        Mean contacts arriving per day before weekday factors and campaign spikes.
    intraday_profile:
        Share of the daily volume in each interval of the day (sums to 1).
    weekday_factors:
        Multiplier on ``daily_volume`` for Monday … Sunday.
    aht_min:
        Mean handling time (talk or writing time, Gesprächszeit) in minutes, before the
        reason's factor; after-contact work comes on top.
    handle_time_cv:
        Coefficient of variation of handling times: 1 gives the exponential distribution,
        0 a fixed time, anything else a lognormal distribution.
    acw_min:
        After-contact work (Nachbearbeitung) per contact, in minutes.
    patience_min:
        Mean time a waiting customer stays before giving up (exponential), or ``None``
        for customers who never abandon.
    lines:
        Phone lines (trunks): calls in the system (talking or waiting) beyond this number
        hear a busy signal. ``None`` means unlimited.
    sl_threshold_s:
        Service-level threshold in seconds (the X of "X % within Y seconds").
    sl_target:
        Service-level goal as a share (the X of "X % within Y seconds").
    response_target_h:
        Response-time target in hours for backlog channels (email, letter/fax).
    max_concurrent:
        Contacts an agent may handle at once on this channel (chat: several).
    priority:
        Routing tier: lower numbers are served first. Live channels usually come first.
    callback:
        Call-back offer to waiting callers (phone only).
    self_service:
        Behaviour of the self-service channel.
    """

    name: str
    daily_volume: float = 0.0
    intraday_profile: tuple[float, ...] = (1.0,)
    weekday_factors: tuple[float, ...] = (1.0,) * 7
    aht_min: float = 5.0
    handle_time_cv: float = 1.0
    acw_min: float = 0.0
    patience_min: float | None = None
    lines: int | None = None
    sl_threshold_s: float = 20.0
    sl_target: float = 0.8
    response_target_h: float | None = None
    max_concurrent: int = 1
    priority: int = 1
    callback: CallbackPolicy | None = None
    self_service: SelfServiceConfig | None = None

    @property
    def interval_min(self) -> float:
        """Length of one interval of the intraday profile (minutes)."""
        return MINUTES_PER_DAY / len(self.intraday_profile)


@dataclass(frozen=True)
class Reason:
    """A contact reason (Kontaktanlass) such as order status or complaint.

    Attributes
    ----------
    name:
        Identifier used in skills and result tables.
    share:
        Share of contacts with this reason (the shares of all reasons sum to 1).
    fcr:
        First-contact resolution: probability that handling solves the concern.
    aht_factor:
        Multiplier on the channel's mean handling time.
    repeat_share:
        Share of unresolved contacts whose customer gets in touch again.
    repeat_after_h:
        Mean time until that repeat contact, in hours (exponential).
    transfer_share:
        Share of handled contacts passed on to another reason's agents.
    transfer_to:
        The reason that receives transferred contacts.
    """

    name: str
    share: float = 1.0
    fcr: float = 1.0
    aht_factor: float = 1.0
    repeat_share: float = 0.0
    repeat_after_h: float = 24.0
    transfer_share: float = 0.0
    transfer_to: str | None = None


@dataclass(frozen=True)
class ValueClass:
    """A customer value class (A, B, C from the ABC analysis) and its routing rank.

    Attributes
    ----------
    name:
        Class label, for example ``"A"``.
    share:
        Share of customers in this class.
    rank:
        Routing rank when VIP routing is on: lower ranks are served first.
    """

    name: str
    share: float = 1.0
    rank: int = 0


@dataclass(frozen=True)
class Break:
    """A break inside a shift, taken as soon as the current contact is finished."""

    start_h: float
    duration_min: float


@dataclass(frozen=True)
class AgentGroup:
    """Agents with the same skills and shift.

    Attributes
    ----------
    name:
        Group label; agents are called ``<name>-<number>``.
    count:
        Number of agents in the group.
    channels:
        Channels the agents are skilled for.
    reasons:
        Contact reasons the agents are skilled for; ``None`` means all reasons.
    shift_start_h, shift_end_h:
        Daily shift in hours of the day; an end at or before the start means the
        shift runs overnight (22 to 6).
    workdays:
        Days of the week the group works (0 = Monday).
    breaks:
        Breaks inside each shift.
    """

    name: str
    count: int
    channels: tuple[str, ...]
    reasons: tuple[str, ...] | None = None
    shift_start_h: float = 0.0
    shift_end_h: float = 24.0
    workdays: tuple[int, ...] = (0, 1, 2, 3, 4, 5, 6)
    breaks: tuple[Break, ...] = ()


@dataclass(frozen=True)
class CampaignSpike:
    """Extra arrivals caused by a campaign: a multiplier on a channel's rate for a while.

    Attributes
    ----------
    channel:
        Channel that receives the extra contacts.
    day:
        Day of the simulation (0 = first day).
    start_h, end_h:
        Hours of that day during which the spike lasts.
    factor:
        Multiplier on the arrival rate during the spike (2 doubles it).
    """

    channel: str
    day: int
    start_h: float
    end_h: float
    factor: float


@dataclass(frozen=True)
class Scenario:
    """A complete customer interaction center.

    Attributes
    ----------
    name, description:
        Shown in reports.
    days:
        Days simulated by default.
    start_weekday:
        Weekday of day 0 (0 = Monday).
    channels:
        The media in use, keyed by name.
    reasons:
        Contact reasons; at least one.
    value_classes:
        Customer value classes; at least one.
    vip_routing:
        Serve better value classes first within a channel's routing tier.
    agents:
        Agent groups.
    campaign_spikes:
        Campaign-driven peaks of arrivals.
    """

    name: str
    channels: dict[str, Channel]
    agents: tuple[AgentGroup, ...]
    reasons: tuple[Reason, ...] = (Reason("general"),)
    value_classes: tuple[ValueClass, ...] = (ValueClass("A"),)
    description: str = ""
    days: int = 1
    start_weekday: int = 0
    vip_routing: bool = False
    campaign_spikes: tuple[CampaignSpike, ...] = field(default=())

    def __post_init__(self) -> None:
        """Refuse a center where some reason on some channel has no agent to go to.

        This is the one check that needs the whole scenario; the loader checks
        every field as it reads it (:mod:`crmsim.scenario.loading`). Agents who
        take phone calls also dial call-backs.
        """
        for channel in self.channels:
            if channel == "self_service":
                continue
            for reason in self.reasons:
                if not any(
                    (
                        channel in group.channels
                        or (channel == "callback" and "phone" in group.channels)
                    )
                    and (group.reasons is None or reason.name in group.reasons)
                    for group in self.agents
                ):
                    raise InputError(
                        f'"agents": no agent group handles reason "{reason.name}" on channel '
                        f"\"{channel}\"; add the reason (or leave out 'reasons' for all) in a "
                        "group with that channel"
                    )

    @property
    def agent_count(self) -> int:
        """All agents of all groups."""
        return sum(group.count for group in self.agents)
