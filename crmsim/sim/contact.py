"""One customer contact as it travels through the interaction center, and its outcomes."""

from __future__ import annotations

from typing import Any, NamedTuple

# Outcomes of a contact (one per row of the contact table).
RESOLVED = "resolved"  # handled, concern solved
UNRESOLVED = "unresolved"  # handled, concern not solved: the customer may come back
TRANSFERRED = "transferred"  # handled, then passed to agents of another reason
ABANDONED = "abandoned"  # the customer gave up while waiting
BLOCKED = "blocked"  # busy signal: all phone lines were taken
CALLBACK_REQUESTED = "callback_requested"  # the caller chose a call-back instead of waiting
NOT_REACHED = "not_reached"  # the agent dialled back but the customer did not answer
SELF_SERVED = "self_served"  # solved in self-service without an agent
ESCALATED = "escalated"  # self-service did not solve it; passed on to chat or phone
OPEN = "open"  # still waiting or being handled when the run ended

OUTCOMES: tuple[str, ...] = (
    RESOLVED,
    UNRESOLVED,
    TRANSFERRED,
    ABANDONED,
    BLOCKED,
    CALLBACK_REQUESTED,
    NOT_REACHED,
    SELF_SERVED,
    ESCALATED,
    OPEN,
)
#: Handled (bearbeitet): an agent worked on the customer's concern. The denominator of
#: first-contact resolution and of the handling time; a call-back nobody picked up is
#: answered by an agent but not handled.
HANDLED: frozenset[str] = frozenset({RESOLVED, UNRESOLVED, TRANSFERRED})
#: Outcomes of contacts an agent took (``agent_id >= 0`` once the contact has ended).
ANSWERED: frozenset[str] = HANDLED | {NOT_REACHED}
#: Outcomes that solved the customer's concern (the ``resolved`` flag of an outcome).
RESOLVING: frozenset[str] = frozenset({RESOLVED, SELF_SERVED})

# How a contact came about.
KINDS: tuple[str, ...] = ("new", "repeat", "transfer", "escalation", "callback")


class Contact:
    """A contact in flight. Times are minutes since the start of the run.

    Attributes are filled in as the contact moves on: ``answer_min`` when an
    agent takes it, ``end_min`` when it leaves (handled, abandoned, …).
    """

    __slots__ = (
        "acw_min",
        "agent_id",
        "answer_min",
        "arrival_min",
        "channel",
        "customer_id",
        "decisions",
        "end_min",
        "handle_min",
        "id",
        "kind",
        "notify",
        "outcome",
        "parent_id",
        "patience_min",
        "priority",
        "reason",
        "value_class",
    )

    def __init__(
        self,
        id: int,
        customer_id: int,
        channel: str,
        reason: int,
        value_class: int,
        priority: int,
        kind: str,
        parent_id: int,
        arrival_min: float,
        handle_min: float,
        patience_min: float,
        decisions: Any,
        notify: Any = None,
    ) -> None:
        self.id = id
        self.customer_id = customer_id
        self.channel = channel
        self.reason = reason
        self.value_class = value_class
        self.priority = priority
        self.kind = kind
        self.parent_id = parent_id
        self.arrival_min = arrival_min
        self.answer_min = float("nan")
        self.end_min = float("nan")
        self.handle_min = handle_min
        self.acw_min = 0.0
        self.patience_min = patience_min
        self.agent_id = -1
        self.outcome = ""
        self.decisions = decisions
        self.notify = notify


class ContactOutcome(NamedTuple):
    """What a customer learns when a submitted contact is over (minutes since start)."""

    contact_id: int
    channel: str
    reason: str
    outcome: str
    resolved: bool
    arrival_min: float
    answer_min: float
    end_min: float
    wait_min: float
    handle_min: float
    agent_id: int


def outcome_of(contact: Contact, reason_name: str) -> ContactOutcome:
    """The customer's view of a finished contact (``reason_name``: the name of its reason)."""
    waited = contact.answer_min if contact.agent_id >= 0 else contact.end_min
    return ContactOutcome(
        contact.id,
        contact.channel,
        reason_name,
        contact.outcome,
        contact.outcome in RESOLVING,
        contact.arrival_min,
        contact.answer_min,
        contact.end_min,
        waited - contact.arrival_min,
        contact.handle_min if contact.agent_id >= 0 else 0.0,
        contact.agent_id,
    )
