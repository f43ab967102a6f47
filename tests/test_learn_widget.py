"""The notebook widget, driven from Python without a browser."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from crmsim.errors import InputError
from crmsim.learn import ManualClock, ProgressStore, StudySession, load_deck
from crmsim.learn.deck import CardSide, Deck, Flashcard
from crmsim.learn.widget import FlashcardTrainer, open_trainer

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
REPO = Path(__file__).resolve().parents[1]
DECK = Deck(
    tuple(
        Flashcard(
            f"card-{i}",
            ["foundations", "analytical"][i % 2],
            {
                "de": CardSide(f"Frage {i}?", f"Antwort {i}.", (f"Falsch {i}.",)),
                "en": CardSide(f"Question {i}?", f"Answer {i}.", (f"Wrong {i}.",)),
            },
        )
        for i in range(6)
    )
)


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def trainer(tmp_path: Path, clock: Clock) -> Iterator[FlashcardTrainer]:
    opened = open_trainer(
        DECK, store_path=tmp_path / "p.sqlite", learner="ana", lang="en", clock=clock
    )
    yield opened
    opened.close()


def test_buttons_have_the_expected_descriptions(trainer: FlashcardTrainer) -> None:
    assert trainer.flip_button.description == "Flip"
    assert [b.description for b in trainer.rating_buttons.values()] == [
        "Again",
        "Hard",
        "Good",
        "Easy",
    ]
    assert trainer.counts_label.value == "due 0 · new 6 · learned 0"
    assert trainer.progress_bar.max == 6 and trainer.progress_bar.value == 0


def test_flip_then_rate_moves_on_and_updates_counts(trainer: FlashcardTrainer) -> None:
    assert trainer.front_text == "Question 0?"
    assert trainer.back_text == ""
    assert all(b.disabled for b in trainer.rating_buttons.values())
    trainer.flip_button.click()
    assert trainer.flipped and trainer.back_text == "Answer 0."
    assert "Answer 0." in trainer.card_view.value
    assert not any(b.disabled for b in trainer.rating_buttons.values())
    trainer.rating_buttons["easy"].click()
    assert trainer.front_text == "Question 1?"
    assert trainer.counts_text == "due 0 · new 5 · learned 1"
    assert trainer.counts_label.value == trainer.counts_text
    assert trainer.progress_bar.value == 1
    assert trainer.summary_label.value.startswith("1 answer (1 new card)")


def test_rating_before_flipping_is_refused(trainer: FlashcardTrainer) -> None:
    with pytest.raises(InputError, match="flip the card before rating it"):
        trainer.rate("good")
    assert trainer.session.summary.reviewed == 0


def test_language_switch_shows_german(trainer: FlashcardTrainer) -> None:
    trainer.language_toggle.value = "de"
    assert trainer.lang == "de"
    assert trainer.front_text == "Frage 0?"
    trainer.flip()
    assert trainer.back_text == "Antwort 0."
    with pytest.raises(InputError, match="unknown language 'fr'"):
        trainer.set_language("fr")


def test_topic_filter_offers_only_topics_of_the_deck(trainer: FlashcardTrainer) -> None:
    assert [value for _, value in trainer.topic_dropdown.options] == [
        "all",
        "foundations",
        "analytical",
    ]


def test_topic_filter_limits_cards(trainer: FlashcardTrainer) -> None:
    trainer.topic_dropdown.value = "analytical"
    assert trainer.front_text == "Question 1?"
    assert trainer.counts_text == "due 0 · new 3 · learned 0"
    trainer.set_topic(None)
    assert trainer.topic_dropdown.value == "all"
    assert trainer.counts_text == "due 0 · new 6 · learned 0"


def test_multiple_choice_mode(trainer: FlashcardTrainer) -> None:
    trainer.mode_toggle.value = "choice"
    assert trainer.choice is not None
    assert len(trainer.choice_box.children) == 4
    assert trainer.flip_button.disabled
    options = trainer.choice.options
    assert "Answer 0." in options and "Wrong 0." in options
    assert trainer.choose(trainer.choice.correct_index) is True
    assert trainer.feedback_label.value == "✓ right"
    wrong = (trainer.choice.correct_index + 1) % 4
    trainer.choice_box.children[wrong].click()
    assert trainer.feedback_label.value == "✗ the answer was: Answer 1."
    assert trainer.session.summary.ratings == {"good": 1, "again": 1}
    with pytest.raises(InputError, match="option 7 does not exist"):
        trainer.choose(7)


def test_nothing_due_and_coming_back_later(tmp_path: Path, clock: Clock) -> None:
    trainer = open_trainer(
        DECK, store_path=tmp_path / "p.sqlite", lang="en", clock=clock, new_cards_per_day=1
    )
    trainer.flip()
    trainer.rate("good")
    assert trainer.current_card is None
    assert "Nothing due right now" in trainer.card_view.value
    assert trainer.flip_button.disabled
    with pytest.raises(InputError, match="no card to flip"):
        trainer.flip()
    clock.now = T0 + timedelta(minutes=10)
    trainer.reload_button.click()
    assert trainer.current_card is not None
    assert trainer.front_text == "Question 0?"
    assert trainer.counts_label.value == "due 1 · new 5 · learned 0"


def test_statistics_panel_and_plain_text_repr(trainer: FlashcardTrainer) -> None:
    trainer.flip()
    trainer.rate("good")
    text = trainer.show_stats()
    assert text.startswith("learner ana: 1 answer on 1 of 6 cards")
    assert "weakest topics" in trainer.stats_view.value
    assert repr(trainer) == "FlashcardTrainer(learner='ana', due 0 · new 5 · learned 0)"
    bundle = trainer._repr_mimebundle_()
    assert bundle["text/plain"] == repr(trainer)
    assert "application/vnd.jupyter.widget-view+json" in bundle


def test_corrupt_store_notice_is_shown(tmp_path: Path, clock: Clock) -> None:
    import sqlite3

    from crmsim.learn.store import ProgressStore

    with ProgressStore(tmp_path / "p.sqlite") as store:
        store.ensure_learner("default", clock())
    with sqlite3.connect(tmp_path / "p.sqlite") as raw:  # a damaged crmsim progress file
        raw.execute("INSERT INTO card_states VALUES ('default', 'x', '{broken', '', 0)")
    raw.close()
    trainer = open_trainer(DECK, store_path=tmp_path / "p.sqlite", clock=clock)
    assert "moved to" in trainer.notice_label.value


def test_a_file_that_is_not_a_store_is_refused_and_kept(tmp_path: Path, clock: Clock) -> None:
    (tmp_path / "p.sqlite").write_bytes(b"garbage" * 50)
    with pytest.raises(InputError, match="not a crmsim progress file"):
        open_trainer(DECK, store_path=tmp_path / "p.sqlite", clock=clock)
    assert (tmp_path / "p.sqlite").read_bytes() == b"garbage" * 50


def test_default_deck_is_the_workbook_deck(tmp_path: Path) -> None:
    trainer = open_trainer(store_path=tmp_path / "p.sqlite", lang="de", mode="choice")
    assert trainer.session.counts().total >= 80
    assert trainer.choice is not None
    with pytest.raises(InputError, match="unknown mode 'cloze'"):
        trainer.set_mode("cloze")


def test_plurals_follow_the_count() -> None:
    from crmsim.learn.stats import plural

    assert plural(1, "answer") == "1 answer"
    assert plural(0, "answer") == "0 answers"
    assert plural(2, "card") == "2 cards"


def test_choice_buttons_wrap_long_options_instead_of_cutting_them(tmp_path) -> None:
    from crmsim.learn.widget import WRAP_CLASS, WRAP_CSS

    deck = load_deck()
    store = ProgressStore(tmp_path / "progress.sqlite")
    clock = ManualClock(datetime(2026, 3, 2, 9, 0, tzinfo=UTC))
    session = StudySession(deck, store, "wrap", clock=clock)
    trainer = FlashcardTrainer(session, lang="de", mode="choice", seed=1)
    buttons = trainer.choice_box.children
    assert buttons
    for button, option in zip(buttons, trainer.choice.options, strict=True):
        assert button.description.endswith(option)  # the whole option, not cut at 120
        assert WRAP_CLASS in button._dom_classes
        assert button.layout.height == "auto"
    assert "white-space: normal" in WRAP_CSS
    assert any(WRAP_CSS in getattr(child, "value", "") for child in trainer.view.children)
    trainer.close()


def test_replay_is_a_demonstration_on_its_own_clock(tmp_path) -> None:
    from crmsim.learn import replay_study_days

    deck = load_deck()
    store = ProgressStore(tmp_path / "progress.sqlite")
    clock = ManualClock(datetime(2026, 3, 2, 9, 0, tzinfo=UTC))
    session = StudySession(deck, store, "week", topics=["closed-loop"], clock=clock)
    days = replay_study_days(session, clock, 3, lambda card, day: "again" if day == 1 else "good")
    assert list(days.columns) == ["day", "answers", "again"]
    assert days["answers"].iloc[0] > 0 and days["again"].iloc[0] == 0
    assert days["again"].iloc[1] == days["answers"].iloc[1] > 0
    with pytest.raises(InputError, match="must be an integer ≥ 1"):
        replay_study_days(session, clock, 0, lambda card, day: "good")
    other = ManualClock(datetime(2026, 3, 2, 9, 0, tzinfo=UTC))
    with pytest.raises(InputError, match="the session must run on the clock"):
        replay_study_days(session, other, 1, lambda card, day: "good")
