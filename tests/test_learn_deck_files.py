"""Deck YAML reading: every problem carries file and line; valid decks round-trip."""

from __future__ import annotations

from pathlib import Path

import pytest

from crmsim.errors import InputError
from crmsim.learn.deck import Deck, Flashcard, merge_decks
from crmsim.learn.deck_files import check_deck_file, check_decks, deck_to_yaml, load_deck

GOOD = """\
languages: [de, en]
cards:
  - id: first-card
    topic: foundations
    curriculum: [crm-definition]
    de: {front: "Frage eins?", back: "Antwort eins.", distractors: ["Falsch."]}
    en: {front: "Question one?", back: "Answer one."}
  - id: second-card
    topic: analytical
    de: {front: "Frage zwei?", back: "Antwort zwei."}
    en: {front: "Question two?", back: "Answer two."}
"""


def write(tmp_path: Path, text: str, name: str = "deck.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def problems_of(tmp_path: Path, text: str) -> list[str]:
    deck, problems = check_deck_file(write(tmp_path, text))
    assert deck is None
    return [str(p) for p in problems]


def test_valid_deck_loads_with_sides_and_sources(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD)
    deck = load_deck(path)
    assert [c.card_id for c in deck] == ["first-card", "second-card"]
    first = deck.card("first-card")
    assert first.side("de").distractors == ("Falsch.",)
    assert first.side("en").back == "Answer one."
    assert first.curriculum == ("crm-definition",)
    assert first.source == f"{path}:3"


def test_duplicate_id_names_both_lines(tmp_path: Path) -> None:
    text = GOOD.replace("id: second-card", "id: first-card")
    [problem] = problems_of(tmp_path, text)
    path = tmp_path / "deck.yaml"
    assert problem == f"{path}:8: duplicate card id 'first-card', first at {path}:3"


def test_missing_language_is_reported_at_the_card(tmp_path: Path) -> None:
    text = GOOD.replace('    en: {front: "Question two?", back: "Answer two."}\n', "")
    [problem] = problems_of(tmp_path, text)
    assert ":8: card 'second-card' is missing language 'en'" in problem


def test_empty_side_is_reported_at_its_line(tmp_path: Path) -> None:
    text = GOOD.replace('back: "Answer two."', 'back: "  "')
    [problem] = problems_of(tmp_path, text)
    assert ":11: card 'second-card' [en] back is empty" in problem


def test_unknown_topic_lists_allowed_topics(tmp_path: Path) -> None:
    text = GOOD.replace("topic: analytical", "topic: astrology")
    [problem] = problems_of(tmp_path, text)
    assert ":9: unknown topic 'astrology'; allowed: foundations, analytical" in problem


def test_unknown_language_key_and_undeclared_language(tmp_path: Path) -> None:
    text = GOOD.replace('    en: {front: "Question two?"', '    fr: {front: "Question deux?"')
    problems = problems_of(tmp_path, text)
    assert any(":11: unknown language 'fr'; allowed: de, en" in p for p in problems)
    assert any(":8: card 'second-card' is missing language 'en'" in p for p in problems)
    only_de = GOOD.replace("languages: [de, en]", "languages: [de]")
    problems = problems_of(tmp_path, only_de)
    assert any(
        ":7: card 'first-card' has language 'en' the deck does not declare" in p for p in problems
    )


def test_malformed_yaml_reports_line(tmp_path: Path) -> None:
    text = GOOD.replace('back: "Answer two."}', 'back: "Answer two."')
    [problem] = problems_of(tmp_path, text)
    assert "malformed YAML" in problem
    assert ":11:" in problem or ":12:" in problem


def test_non_text_values_and_bad_ids(tmp_path: Path) -> None:
    text = GOOD.replace("id: second-card", "id: Second Card").replace('"Frage zwei?"', "42")
    problems = problems_of(tmp_path, text)
    assert any(":8: id 'Second Card' must be lower-case words" in p for p in problems)
    assert any(":10: card 'Second Card' [de] front must be text" in p for p in problems)


def test_distractor_equal_to_answer_is_refused(tmp_path: Path) -> None:
    text = GOOD.replace('distractors: ["Falsch."]', 'distractors: ["Antwort eins."]')
    [problem] = problems_of(tmp_path, text)
    assert ":6: card 'first-card' [de]: a distractor repeats the right answer" in problem


def test_empty_file_and_missing_cards(tmp_path: Path) -> None:
    assert problems_of(tmp_path, "")[0].endswith(
        ":1: the file is empty; a deck needs a 'cards' list"
    )
    assert "the deck has no 'cards' list" in problems_of(tmp_path, "title: x\n")[0]


def test_ids_repeated_across_files_are_found(tmp_path: Path) -> None:
    write(tmp_path, GOOD, "a.yaml")
    write(tmp_path, GOOD.replace("second-card", "third-card"), "b.yaml")
    deck, problems = check_decks([tmp_path])
    assert deck is None
    assert [p.path.name for p in problems] == ["b.yaml"]
    assert problems[0].line == 3
    assert "first at" in problems[0].message and "a.yaml:3" in problems[0].message


def test_load_deck_raises_one_line_input_error(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD.replace("topic: analytical", "topic: nope"))
    with pytest.raises(InputError, match=r"deck\.yaml:9: unknown topic 'nope'") as info:
        load_deck(path)
    assert "\n" not in str(info.value)
    with pytest.raises(InputError, match="no such deck file"):
        load_deck(tmp_path / "missing.yaml")
    (tmp_path / "empty-folder").mkdir()
    with pytest.raises(InputError, match="no deck files"):
        load_deck(tmp_path / "empty-folder")


def test_yaml_round_trip(tmp_path: Path) -> None:
    deck = load_deck(write(tmp_path, GOOD))
    again = load_deck(write(tmp_path, deck_to_yaml(deck, title="Copy"), "copy.yaml"))
    assert [(c.card_id, c.topic, c.sides, c.curriculum) for c in again] == [
        (c.card_id, c.topic, c.sides, c.curriculum) for c in deck
    ]


def test_deck_filter_frame_and_language_checks(tmp_path: Path) -> None:
    deck = load_deck(write(tmp_path, GOOD))
    assert [c.card_id for c in deck.filter(["analytical"])] == ["second-card"]
    frame = deck.to_frame("de")
    assert list(frame.columns) == ["card_id", "topic", "front", "back", "distractors", "curriculum"]
    assert frame["distractors"].tolist() == [1, 0]
    assert deck.topic_counts()["foundations"] == 1
    with pytest.raises(InputError, match="unknown topic"):
        deck.filter(["astrology"])
    with pytest.raises(InputError, match="unknown language 'fr'"):
        deck.to_frame("fr")
    german_only = Deck(deck.cards, ("de",))
    with pytest.raises(InputError, match="has no 'en' sides"):
        german_only.require_language("en")


def test_merge_refuses_duplicates_and_keeps_shared_languages() -> None:
    from crmsim.learn.deck import CardSide

    de_card = Flashcard("a", "foundations", {"de": CardSide("F", "A")}, source="x.yaml:3")
    both = Flashcard(
        "b", "foundations", {"de": CardSide("F", "A"), "en": CardSide("Q", "A")}, source="y:1"
    )
    merged = merge_decks([Deck((de_card,), ("de",)), Deck((both,))])
    assert merged.languages == ("de",)
    with pytest.raises(InputError, match=r"duplicate card id .a., first defined at x\.yaml:3"):
        merge_decks([Deck((de_card,), ("de",)), Deck((de_card,), ("de",))])
