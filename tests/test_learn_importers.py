"""Importing question/answer lines and tab-separated text."""

from __future__ import annotations

from pathlib import Path

import pytest

from crmsim.errors import InputError
from crmsim.learn.deck_files import deck_to_yaml, load_deck
from crmsim.learn.importers import (
    card_id_from_text,
    import_file,
    parse_question_answer_lines,
    parse_tab_separated,
)

LINES = "Was ist CRM?\nEine Herangehensweise.\n\nWas ist ERP?\nDas Integrations-Backbone.\n"


def test_lines_pair_up_and_ignore_blank_lines() -> None:
    deck = parse_question_answer_lines(LINES, lang="de", topic="foundations", source="q.txt")
    assert deck.languages == ("de",)
    assert [(c.sides["de"].front, c.sides["de"].back) for c in deck] == [
        ("Was ist CRM?", "Eine Herangehensweise."),
        ("Was ist ERP?", "Das Integrations-Backbone."),
    ]
    assert [c.source for c in deck] == ["q.txt:1", "q.txt:4"]
    assert all(c.topic == "foundations" for c in deck)


def test_ids_are_stable_and_derived_from_the_question() -> None:
    first = parse_question_answer_lines(LINES, lang="de", topic="foundations")
    second = parse_question_answer_lines(LINES + "\n", lang="de", topic="analytical")
    assert [c.card_id for c in first] == [c.card_id for c in second]
    assert first.cards[0].card_id == card_id_from_text("Was ist CRM?")
    assert first.cards[0].card_id.startswith("was-ist-crm-")
    assert card_id_from_text("Über Kunden") != card_id_from_text("Uber Kunden")


def test_odd_line_count_names_the_unanswered_line() -> None:
    with pytest.raises(InputError, match=r"q\.txt:4: question 'Was ist ERP\?' has no answer"):
        parse_question_answer_lines(LINES[:-27], lang="de", topic="foundations", source="q.txt")


def test_title_line_is_reported_and_can_be_skipped() -> None:
    text = "CRM Flashcards\n" + LINES
    with pytest.raises(InputError, match=r"line 1 \('CRM Flashcards'\) is a title, skip it"):
        parse_question_answer_lines(text, lang="de", topic="foundations")
    deck = parse_question_answer_lines(text, lang="de", topic="foundations", skip_title=True)
    assert len(deck) == 2


def test_long_line_in_question_position_reports_slipped_pairing() -> None:
    text = "Titel\nFrage?\n" + "Eine sehr lange Antwort. " * 12 + "\nNächste Frage?\n"
    with pytest.raises(InputError, match=r"<text>:3: expected a question but found a 299-char"):
        parse_question_answer_lines(text, lang="de", topic="foundations")


def test_repeated_question_is_refused_with_both_lines() -> None:
    with pytest.raises(InputError, match=r":3: question 'A\?' repeats line 1"):
        parse_question_answer_lines("A?\nx\nA?\ny\n", lang="en", topic="operational")


def test_tab_separated_lines_and_comments() -> None:
    text = "#separator:tab\nFront one\tBack one\n\nFront two\tBack two\n"
    deck = parse_tab_separated(text, lang="en", topic="analytical", source="e.txt")
    assert [(c.sides["en"].front, c.sides["en"].back) for c in deck] == [
        ("Front one", "Back one"),
        ("Front two", "Back two"),
    ]
    assert [c.source for c in deck] == ["e.txt:2", "e.txt:4"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("ok\tfine\nno tab here\n", r"x:2: expected 'front<TAB>back' \(2 fields\), found 1"),
        ("a\tb\tc\n", r"x:1: expected 'front<TAB>back' \(2 fields\), found 3"),
        ("\tback\n", r"x:1: the front is empty"),
        ("front\t \n", r"x:1: the back is empty"),
        ("# only a comment\n", r"x: no 'front<TAB>back' lines found"),
    ],
)
def test_tab_separated_problems_name_the_line(text: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        parse_tab_separated(text, lang="en", topic="analytical", source="x")


def test_unknown_topic_language_and_format_are_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="unknown topic 'misc'"):
        parse_tab_separated("a\tb\n", lang="en", topic="misc")
    with pytest.raises(InputError, match="unknown language 'fr'"):
        parse_tab_separated("a\tb\n", lang="fr", topic="analytical")
    path = tmp_path / "cards.txt"
    path.write_text("a\tb\n", encoding="utf-8")
    with pytest.raises(InputError, match="unknown import format 'csv'"):
        import_file(path, fmt="csv", lang="en", topic="analytical")
    with pytest.raises(InputError, match="no such file"):
        import_file(tmp_path / "missing.txt", fmt="tsv", lang="en", topic="analytical")
    path.write_bytes(b"\xff\xfe broken")
    with pytest.raises(InputError, match="not UTF-8 text"):
        import_file(path, fmt="tsv", lang="en", topic="analytical")


def test_imported_deck_writes_valid_yaml(tmp_path: Path) -> None:
    path = tmp_path / "cards.tsv"
    path.write_text("\ufeffFrage\tAntwort mit Ümlaut\n", encoding="utf-8")
    deck = import_file(path, fmt="tsv", lang="de", topic="operational")
    out = tmp_path / "deck.yaml"
    out.write_text(deck_to_yaml(deck), encoding="utf-8")
    again = load_deck(out)
    assert again.languages == ("de",)
    assert again.cards[0].sides["de"].back == "Antwort mit Ümlaut"


def test_deck_file_with_a_title_line_needs_it_skipped(tmp_path: Path) -> None:
    """The shape of the old course deck: a title line, then question and answer lines."""
    long_answer = "Vorher ein Call Center, heute ein Kontaktzentrum für alle Kanäle. " * 4
    lines = ["CRM Flashcards"]
    for number in range(1, 7):
        lines += [f"Frage {number}?", long_answer if number == 4 else f"Antwort {number}"]
    path = tmp_path / "000_deck.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"000_deck\.txt:9: expected a question .* line 1 \('CRM"):
        import_file(path, fmt="lines", lang="de", topic="foundations")
    deck = import_file(path, fmt="lines", lang="de", topic="foundations", skip_title=True)
    assert len(deck) == 6
    assert deck.cards[3].sides["de"].back == long_answer.strip()
    assert deck.cards[-1].sides["de"].back == "Antwort 6"
