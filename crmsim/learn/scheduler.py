"""Spaced repetition with FSRS: what is due now, what is new today, and rating answers.

:class:`StudySession` joins a :class:`~crmsim.learn.deck.Deck`, a
:class:`~crmsim.learn.store.ProgressStore` and the FSRS scheduler for one
learner. Time comes from an injectable clock (timezone-aware UTC datetimes), so
a test can replay a week of study in microseconds.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import fsrs

from crmsim.errors import InputError
from crmsim.learn.deck import Deck, Flashcard
from crmsim.learn.store import ProgressStore, require_learner

RATING_NAMES: dict[str, fsrs.Rating] = {
    "again": fsrs.Rating.Again,
    "hard": fsrs.Rating.Hard,
    "good": fsrs.Rating.Good,
    "easy": fsrs.Rating.Easy,
}
DEFAULT_NEW_CARDS_PER_DAY = 20


def parse_rating(value: str | int | fsrs.Rating) -> fsrs.Rating:
    """A rating from ``"again"``/``"hard"``/``"good"``/``"easy"``, ``1``-``4`` or a Rating."""
    if isinstance(value, fsrs.Rating):
        return value
    text = str(value).strip().lower()
    if text in RATING_NAMES:
        return RATING_NAMES[text]
    if text in {"1", "2", "3", "4"}:
        return fsrs.Rating(int(text))
    raise InputError(f"unknown rating {value!r}; allowed: again, hard, good, easy or 1-4")


def as_utc(moment: datetime) -> datetime:
    """``moment`` converted to UTC; naive datetimes are refused."""
    if moment.tzinfo is None:
        raise InputError(f"time {moment.isoformat()} has no time zone; pass a UTC datetime")
    return moment.astimezone(UTC)


def utc_now() -> datetime:
    """The current time in UTC (the default clock)."""
    return datetime.now(UTC)


class ManualClock:
    """A clock that stands still until moved: for demos, tests and replaying study days.

    Examples
    --------
    >>> from datetime import UTC, datetime, timedelta
    >>> clock = ManualClock(datetime(2026, 3, 2, 9, 0, tzinfo=UTC))
    >>> clock.advance(days=1, hours=2)
    >>> clock().isoformat()
    '2026-03-03T11:00:00+00:00'
    """

    def __init__(self, start: datetime) -> None:
        self.now = as_utc(start)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        """Move forward by ``timedelta(**delta)``, e.g. ``advance(days=3)``."""
        step = timedelta(**delta)
        if step < timedelta(0):
            raise InputError(f"a clock only moves forward, got {step}")
        self.now += step


@dataclass(frozen=True)
class QueueCounts:
    """Cards due for review now, never seen, learned (in FSRS review state), and in total.

    ``new_left_today`` is how many of the new cards may still be introduced today.
    """

    due: int
    new: int
    learned: int
    total: int
    new_left_today: int

    @property
    def label(self) -> str:
        """The counts as one line, e.g. ``"due 12 · new 80 · learned 0"``."""
        return f"due {self.due} · new {self.new} · learned {self.learned}"


@dataclass
class SessionSummary:
    """Answers given in this session, per rating name."""

    ratings: Counter[str] = field(default_factory=Counter)
    new_cards: int = 0

    @property
    def reviewed(self) -> int:
        """Number of answers."""
        return sum(self.ratings.values())

    @property
    def recalled_share(self) -> float:
        """Share of answers not rated Again (0-1; 0 when nothing was answered)."""
        return 1 - self.ratings["again"] / self.reviewed if self.reviewed else 0.0

    def text(self) -> str:
        """A one-line summary for people."""
        parts = " · ".join(f"{name} {self.ratings[name]}" for name in RATING_NAMES)
        return (
            f"{self.reviewed} answer{'' if self.reviewed == 1 else 's'} "
            f"({self.new_cards} new card{'' if self.new_cards == 1 else 's'}): {parts}; "
            f"recalled {self.recalled_share:.0%}"
        )


class StudySession:
    """Schedule one learner's study of a deck.

    Parameters
    ----------
    deck
        The cards to study.
    store
        Where progress is read and written.
    learner
        Profile name; created on first use.
    topics
        Restrict the queue to these topic keys (``None``: all).
    new_cards_per_day
        At most this many never-seen cards are introduced per UTC calendar day.
    clock
        Returns the current time as a UTC datetime (default: the system clock).
    """

    def __init__(
        self,
        deck: Deck,
        store: ProgressStore,
        learner: str = "default",
        *,
        topics: Iterable[str] | None = None,
        new_cards_per_day: int = DEFAULT_NEW_CARDS_PER_DAY,
        clock: Callable[[], datetime] = utc_now,
    ) -> None:
        if new_cards_per_day < 0:
            raise InputError(f"new cards per day must be ≥ 0, got {new_cards_per_day}")
        self.full_deck = deck
        self.store = store
        self.learner = require_learner(learner)
        self.new_cards_per_day = new_cards_per_day
        self.clock = clock
        self.scheduler = fsrs.Scheduler(enable_fuzzing=False)
        self.summary = SessionSummary()
        self.deck = deck
        self.set_topics(topics)
        self.store.ensure_learner(self.learner, self.now())
        self._states = self.store.card_states(self.learner)

    def now(self, now: datetime | None = None) -> datetime:
        """``now`` in UTC, or the clock's current time."""
        return as_utc(now if now is not None else self.clock())

    def set_topics(self, topics: Iterable[str] | None) -> None:
        """Restrict the queue to ``topics`` (``None`` or empty: the whole deck)."""
        topics = list(topics) if topics is not None else []
        self.deck = self.full_deck.filter(topics or None)
        if not len(self.deck):
            raise InputError(f"no cards for topic(s) {', '.join(topics)}")

    def state(self, card_id: str) -> fsrs.Card | None:
        """The FSRS state of a card, or ``None`` if the learner never saw it."""
        return self._states.get(card_id)

    def due_cards(self, now: datetime | None = None) -> list[Flashcard]:
        """Seen cards whose due time has come, most overdue first."""
        moment = self.now(now)
        due = [
            (self._states[card.card_id].due, index, card)
            for index, card in enumerate(self.deck)
            if card.card_id in self._states and self._states[card.card_id].due <= moment
        ]
        return [card for _, _, card in sorted(due, key=lambda item: item[:2])]

    def new_cards(self) -> list[Flashcard]:
        """Never-seen cards, in deck order."""
        return [card for card in self.deck if card.card_id not in self._states]

    def new_left_today(self, now: datetime | None = None) -> int:
        """How many new cards may still be introduced on the current UTC day."""
        moment = self.now(now)
        day_start = moment.replace(hour=0, minute=0, second=0, microsecond=0)
        introduced = self.store.new_cards_since(self.learner, day_start)
        return max(0, self.new_cards_per_day - introduced)

    def counts(self, now: datetime | None = None) -> QueueCounts:
        """Due, new and learned counts for the current topic selection."""
        moment = self.now(now)
        learned = sum(
            1
            for card in self.deck
            if card.card_id in self._states
            and self._states[card.card_id].state == fsrs.State.Review
        )
        new = len(self.new_cards())
        return QueueCounts(
            due=len(self.due_cards(moment)),
            new=new,
            learned=learned,
            total=len(self.deck),
            new_left_today=min(new, self.new_left_today(moment)),
        )

    def next_card(self, now: datetime | None = None) -> Flashcard | None:
        """The card to study next: the most overdue card, else a new card if today allows."""
        moment = self.now(now)
        due = self.due_cards(moment)
        if due:
            return due[0]
        new = self.new_cards()
        if new and self.new_left_today(moment) > 0:
            return new[0]
        return None

    def rate(
        self, card_id: str, rating: str | int | fsrs.Rating, now: datetime | None = None
    ) -> fsrs.Card:
        """Record an answer for ``card_id`` and return the card's new FSRS state."""
        if card_id not in self.full_deck:
            raise InputError(f"card {card_id!r} is not in the deck")
        rating = parse_rating(rating)
        moment = self.now(now)
        is_new = card_id not in self._states
        previous = self._states.get(card_id) or fsrs.Card(card_id=0, due=moment)
        updated, _ = self.scheduler.review_card(previous, rating, review_datetime=moment)
        self.store.record_review(self.learner, card_id, int(rating), updated, moment)
        self._states[card_id] = updated
        self.summary.ratings[rating.name.lower()] += 1
        self.summary.new_cards += int(is_new)
        return updated

    def retrievability(self, card_id: str, now: datetime | None = None) -> float:
        """FSRS-predicted probability (0-1) of recalling ``card_id`` now (0 if never seen)."""
        state = self._states.get(card_id)
        if state is None:
            return 0.0
        return float(self.scheduler.get_card_retrievability(state, self.now(now)))
