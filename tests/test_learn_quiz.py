"""The terminal quiz, driven with piped text."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path

import pytest

from crmsim.errors import InputError
from crmsim.learn.choices import build_choice
from crmsim.learn.deck import CardSide, Deck, Flashcard
from crmsim.learn.quiz import run_quiz
from crmsim.learn.scheduler import StudySession
from crmsim.learn.store import ProgressStore

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
DECK = Deck(
    tuple(
        Flashcard(
            f"card-{i}",
            "operational",
            {"de": CardSide(f"Frage {i}?", f"Antwort {i}."), "en": CardSide(f"Q {i}?", f"A {i}.")},
        )
        for i in range(5)
    )
)


@pytest.fixture
def session(tmp_path: Path):
    with ProgressStore(tmp_path / "p.sqlite") as store:
        yield StudySession(DECK, store, "ana", clock=lambda: T0)


def quiz(session: StudySession, answers: str, **options) -> tuple[str, object]:
    output = io.StringIO()
    summary = run_quiz(session, io.StringIO(answers), output, **options)
    return output.getvalue(), summary


def test_flip_mode_flips_rates_and_summarises(session) -> None:
    text, summary = quiz(session, "f\n3\n\nagain\nf\nfoo\n4\n", lang="en", limit=3)
    assert "Q 0?" in text and "A 0." in text and "Q 2?" in text
    assert "Please answer with one of the choices shown." in text
    assert summary.ratings == {"good": 1, "again": 1, "easy": 1}
    assert "3 answers (3 new cards): again 1 · hard 0 · good 1 · easy 1; recalled 67%" in text
    assert text.rstrip().endswith("due 0 · new 2 · learned 1")
    assert [r.rating for r in session.store.reviews("ana")] == [3, 1, 4]


def test_quit_and_end_of_input_keep_earlier_answers(session) -> None:
    text, summary = quiz(session, "f\n2\nq\n", lang="de")
    assert summary.reviewed == 1
    assert "F: Frage 1?" in text
    _, summary = quiz(session, "f\n")
    assert summary.reviewed == 1
    assert len(session.store.reviews("ana")) == 1


def test_choice_mode_rates_right_good_and_wrong_again(session) -> None:
    first = build_choice(DECK.card("card-0"), DECK, "en", seed=5)
    second = build_choice(DECK.card("card-1"), DECK, "en", seed=5)
    wrong = (second.correct_index + 1) % len(second.options)
    answers = f"{first.correct_index + 1}\n9\n{wrong + 1}\n"
    text, summary = quiz(session, answers, lang="en", mode="choice", seed=5, limit=2)
    assert "  1) " in text and "  4) " in text
    assert "Right." in text
    assert "Not quite. The answer is: A 1." in text
    assert summary.ratings == {"good": 1, "again": 1}


def test_nothing_to_do_is_said_plainly(session) -> None:
    session.new_cards_per_day = 0
    text, summary = quiz(session, "", lang="en")
    assert "Nothing to study right now" in text
    assert summary.reviewed == 0


def test_bad_options_are_refused(session) -> None:
    with pytest.raises(InputError, match="unknown quiz mode 'cloze'"):
        quiz(session, "", mode="cloze")
    with pytest.raises(InputError, match="limit must be ≥ 1"):
        quiz(session, "", limit=0)
    with pytest.raises(InputError, match="unknown language 'fr'"):
        quiz(session, "", lang="fr")


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_text_wraps_to_the_width_and_prompts_stay_whole(session, monkeypatch) -> None:
    text, _ = quiz(session, "f\n3\n", lang="en", limit=1, width=24)
    # lines with " > " are prompts, echoed with the piped answer: prompts are not wrapped
    finished = [line for line in text.split("\n") if " > " not in line]
    assert all(len(line) <= 24 for line in finished if " " in line.strip())
    assert "rate: 1 again · 2 hard · 3 good · 4 easy · [q] quit > " in text
    assert "3 answers" not in text and "1 answer (1 new card)" in text.replace("\n   ", " ")


def test_a_terminal_sets_the_width_and_a_pipe_does_not_wrap(session, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "30")
    terminal = _Terminal()
    run_quiz(session, io.StringIO("f\n3\n"), terminal, lang="en", limit=1)
    lines = [line for line in terminal.getvalue().split("\n") if " > " not in line]
    assert max(len(line) for line in lines if " " in line.strip()) <= 30
    piped, _ = quiz(session, "f\n3\n", lang="en", limit=1)
    assert max(len(line) for line in piped.split("\n") if " > " not in line) > 30
