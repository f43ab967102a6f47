"""Multiple-choice options and learning statistics."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from crmsim.errors import InputError
from crmsim.learn.choices import build_choice
from crmsim.learn.deck import CardSide, Deck, Flashcard
from crmsim.learn.scheduler import StudySession
from crmsim.learn.stats import (
    overall_retention,
    review_frame,
    stats_text,
    topic_report,
    weakest_topics,
)
from crmsim.learn.store import ProgressStore

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def card(card_id: str, topic: str, back: str, distractors: tuple[str, ...] = ()) -> Flashcard:
    return Flashcard(
        card_id,
        topic,
        {
            "de": CardSide(
                f"Frage {card_id}", f"{back} (de)", tuple(f"{d} (de)" for d in distractors)
            ),
            "en": CardSide(f"Question {card_id}", back, distractors),
        },
    )


DECK = Deck(
    (
        card("a", "foundations", "right A", ("wrong 1", "wrong 2")),
        card("b", "foundations", "right B"),
        card("c", "foundations", "right C"),
        card("d", "analytical", "right D"),
        card("e", "analytical", "right E"),
    )
)


def test_choice_uses_own_distractors_first_then_same_topic() -> None:
    choice = build_choice(DECK.card("a"), DECK, "en", seed=1)
    assert {"right A", "wrong 1", "wrong 2"} < set(choice.options)
    [filler] = set(choice.options) - {"right A", "wrong 1", "wrong 2"}
    assert filler in {"right B", "right C"}
    assert choice.options[choice.correct_index] == "right A"
    assert choice.is_correct(choice.correct_index)
    assert not choice.is_correct((choice.correct_index + 1) % 4)


def test_choice_without_distractors_prefers_the_same_topic() -> None:
    choice = build_choice(DECK.card("d"), DECK, "en", seed=3, n_options=3)
    assert len(choice.options) == 3
    assert "right E" in choice.options
    assert choice.options[choice.correct_index] == "right D"


def test_choice_is_reproducible_per_seed_and_language() -> None:
    first = build_choice(DECK.card("b"), DECK, "en", seed=7)
    assert build_choice(DECK.card("b"), DECK, "en", seed=7) == first
    orders = {build_choice(DECK.card("b"), DECK, "en", seed=s).options for s in range(20)}
    assert len(orders) > 1
    german = build_choice(DECK.card("b"), DECK, "de", seed=7)
    assert all(option.endswith("(de)") for option in german.options)
    assert len(set(first.options)) == 4


def test_choice_refuses_a_missing_language() -> None:
    with pytest.raises(InputError, match="unknown language"):
        build_choice(DECK.card("a"), DECK, "fr")


@pytest.fixture
def studied(tmp_path: Path):
    clock = [T0]
    with ProgressStore(tmp_path / "p.sqlite") as store:
        session = StudySession(DECK, store, "ana", clock=lambda: clock[0])
        for card_id in "abde":
            session.rate(card_id, "good")
        clock[0] += timedelta(minutes=10)
        for card_id, rating in zip("abde", ["good", "good", "again", "hard"], strict=True):
            session.rate(card_id, rating)
        yield store


def test_review_frame_columns_and_first_reviews(studied) -> None:
    frame = review_frame(studied, "ana", DECK)
    assert list(frame.columns) == [
        "card_id",
        "topic",
        "rating",
        "reviewed_at",
        "first_review",
        "recalled",
    ]
    assert len(frame) == 8
    assert frame["first_review"].sum() == 4
    assert str(frame["reviewed_at"].dt.tz) == "UTC"
    assert frame["recalled"].sum() == 7


def test_topic_report_retention_and_weakest(studied) -> None:
    report = topic_report(studied, "ana", DECK).set_index("topic")
    assert report.loc["foundations", "cards"] == 3
    assert report.loc["foundations", "seen"] == 2
    assert report.loc["foundations", "retention"] == 1.0
    assert report.loc["analytical", "retention"] == 0.5
    assert weakest_topics(report.reset_index(), n=1) == ["analytical"]
    assert overall_retention(report) == pytest.approx(0.75)


def test_empty_history_has_no_retention(tmp_path: Path) -> None:
    with ProgressStore(tmp_path / "p.sqlite") as store:
        store.ensure_learner("new", T0)
        report = topic_report(store, "new", DECK)
        assert report["reviews"].sum() == 0
        assert math.isnan(overall_retention(report))
        assert weakest_topics(report) == []
        text = stats_text(store, "new", DECK)
        assert "retention n/a (no repeat answers yet)" in text
        assert "weakest topics: none yet" in text


def test_stats_text_in_both_languages(studied) -> None:
    english = stats_text(studied, "ana", DECK, "en")
    assert english.splitlines()[0] == "learner ana: 8 answers on 4 of 5 cards; retention 75%"
    # CRM foundations is at 100 % retention: not a weak topic.
    assert "CRM foundations" in english and "retention 100%" in english
    assert english.splitlines()[-1] == "weakest topics: Analytical CRM"
    german = stats_text(studied, "ana", DECK, "de")
    assert "Analytisches CRM" in german
