"""FSRS scheduling: due queue, new cards per day, ratings, learned counts, injected time."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import fsrs
import pytest

from crmsim.errors import InputError
from crmsim.learn.deck import CardSide, Deck, Flashcard
from crmsim.learn.scheduler import QueueCounts, StudySession, as_utc, parse_rating
from crmsim.learn.store import ProgressStore

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def small_deck(n: int = 4) -> Deck:
    topics = ["foundations", "analytical"]
    return Deck(
        tuple(
            Flashcard(
                f"card-{i}",
                topics[i % 2],
                {"de": CardSide(f"Frage {i}", f"Antwort {i}"), "en": CardSide(f"Q {i}", f"A {i}")},
            )
            for i in range(n)
        )
    )


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, start: datetime = T0) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def store(tmp_path: Path):
    with ProgressStore(tmp_path / "progress.sqlite") as opened:
        yield opened


def test_fresh_learner_sees_everything_new(store) -> None:
    session = StudySession(small_deck(), store, "ana", clock=Clock())
    assert session.counts() == QueueCounts(due=0, new=4, learned=0, total=4, new_left_today=4)
    assert session.counts().label == "due 0 · new 4 · learned 0"
    assert session.next_card().card_id == "card-0"


def test_good_moves_through_learning_steps_to_review(store) -> None:
    clock = Clock()
    session = StudySession(small_deck(), store, "ana", clock=clock)
    state = session.rate("card-0", "good")
    assert state.state == fsrs.State.Learning
    assert state.due == T0 + timedelta(minutes=10)
    assert session.next_card().card_id == "card-1"
    clock.advance(minutes=10)
    assert [c.card_id for c in session.due_cards()] == ["card-0"]
    assert session.next_card().card_id == "card-0"
    state = session.rate("card-0", "good")
    assert state.state == fsrs.State.Review
    assert state.due - clock.now >= timedelta(days=1)
    assert session.counts().learned == 1
    assert session.counts().due == 0


def test_again_comes_back_within_minutes_and_counts_in_summary(store) -> None:
    clock = Clock()
    session = StudySession(small_deck(), store, "ana", clock=clock)
    state = session.rate("card-0", "again")
    assert state.due == T0 + timedelta(minutes=1)
    session.rate("card-1", "easy")
    assert session.summary.ratings == {"again": 1, "easy": 1}
    assert session.summary.new_cards == 2
    assert session.summary.recalled_share == 0.5
    assert "2 answers (2 new cards)" in session.summary.text()


def test_review_intervals_grow_with_good_answers(store) -> None:
    clock = Clock()
    session = StudySession(small_deck(), store, "ana", clock=clock)
    session.rate("card-0", "easy")
    intervals = []
    for _ in range(4):
        state = session.state("card-0")
        clock.now = state.due
        new_state = session.rate("card-0", "good")
        intervals.append(new_state.due - clock.now)
    assert intervals == sorted(intervals)
    assert intervals[-1] > intervals[0] * 2


def test_most_overdue_card_comes_first(store) -> None:
    clock = Clock()
    session = StudySession(small_deck(), store, "ana", clock=clock)
    session.rate("card-0", "good")
    clock.advance(minutes=2)
    session.rate("card-1", "again")
    clock.advance(hours=1)
    assert [c.card_id for c in session.due_cards()] == ["card-1", "card-0"]


def test_new_card_limit_applies_per_utc_day(store) -> None:
    clock = Clock()
    session = StudySession(small_deck(), store, "ana", new_cards_per_day=2, clock=clock)
    session.rate(session.next_card().card_id, "easy")
    session.rate(session.next_card().card_id, "easy")
    assert session.counts().new_left_today == 0
    assert session.next_card() is None
    clock.now = datetime(2026, 3, 3, 0, 0, tzinfo=UTC)
    assert session.counts().new_left_today == 2
    assert session.next_card().card_id == "card-2"


def test_progress_survives_a_new_session_and_learners_are_separate(store) -> None:
    clock = Clock()
    StudySession(small_deck(), store, "ana", clock=clock).rate("card-0", "easy")
    again = StudySession(small_deck(), store, "ana", clock=clock)
    assert again.state("card-0") is not None
    assert again.counts().new == 3
    other = StudySession(small_deck(), store, "ben", clock=clock)
    assert other.counts().new == 4


def test_topic_filter_restricts_the_queue(store) -> None:
    session = StudySession(small_deck(), store, "ana", topics=["analytical"], clock=Clock())
    assert session.counts().total == 2
    assert session.next_card().card_id == "card-1"
    session.set_topics(None)
    assert session.counts().total == 4
    with pytest.raises(InputError, match="unknown topic 'astrology'"):
        session.set_topics(["astrology"])
    with pytest.raises(InputError, match="no cards for topic"):
        session.set_topics(["closed-loop"])


def test_retrievability_falls_with_time(store) -> None:
    clock = Clock()
    session = StudySession(small_deck(), store, "ana", clock=clock)
    assert session.retrievability("card-0") == 0.0
    session.rate("card-0", "easy")
    soon = session.retrievability("card-0", T0 + timedelta(days=1))
    later = session.retrievability("card-0", T0 + timedelta(days=30))
    assert 0 < later < soon <= 1


def test_bad_input_is_refused(store) -> None:
    session = StudySession(small_deck(), store, "ana", clock=Clock())
    with pytest.raises(InputError, match="card 'nope' is not in the deck"):
        session.rate("nope", "good")
    with pytest.raises(InputError, match="unknown rating 'great'"):
        session.rate("card-0", "great")
    with pytest.raises(InputError, match="has no time zone"):
        session.next_card(datetime(2026, 3, 2, 9, 0))
    with pytest.raises(InputError, match="new cards per day must be ≥ 0"):
        StudySession(small_deck(), store, "ana", new_cards_per_day=-1)
    assert store.reviews("ana") == []


@pytest.mark.parametrize(
    ("given", "expected"),
    [("again", 1), ("HARD", 2), (" good ", 3), ("4", 4), (3, 3), (fsrs.Rating.Easy, 4)],
)
def test_parse_rating(given, expected) -> None:
    assert parse_rating(given) == fsrs.Rating(expected)


def test_as_utc_converts_other_zones() -> None:
    from datetime import timezone

    berlin_winter = timezone(timedelta(hours=1))
    assert as_utc(datetime(2026, 3, 2, 10, 0, tzinfo=berlin_winter)) == T0
    assert as_utc(datetime(2026, 3, 2, 10, 0, tzinfo=berlin_winter)).tzinfo is UTC


def test_manual_clock_moves_only_forward() -> None:
    from crmsim.learn.scheduler import ManualClock

    clock = ManualClock(T0)
    clock.advance(days=1, minutes=30)
    assert clock() == T0 + timedelta(days=1, minutes=30)
    with pytest.raises(InputError, match="only moves forward"):
        clock.advance(hours=-1)
    with pytest.raises(InputError, match="has no time zone"):
        ManualClock(datetime(2026, 1, 1))
