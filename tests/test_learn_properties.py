"""Invariants over generated text: imports and deck YAML keep every card's text intact."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from crmsim.learn.deck import CardSide, Deck, Flashcard
from crmsim.learn.deck_files import deck_to_yaml, load_deck
from crmsim.learn.importers import parse_question_answer_lines, parse_tab_separated

# Card texts: printable, no line breaks or tabs, not blank, no '#' at the start.
texts = (
    st.text(
        alphabet=st.characters(
            blacklist_categories=("Cc", "Cs", "Zl", "Zp"), blacklist_characters="\t\r\n\x85"
        ),
        min_size=1,
        max_size=60,
    )
    .map(str.strip)
    .filter(lambda text: bool(text) and not text.startswith("#"))
)
pairs = st.lists(st.tuples(texts, texts), min_size=1, max_size=8, unique_by=lambda p: p[0])


@settings(max_examples=40, deadline=None)
@given(pairs)
def test_tab_separated_import_keeps_every_pair(cards: list[tuple[str, str]]) -> None:
    text = "".join(f"{front}\t{back}\n" for front, back in cards)
    deck = parse_tab_separated(text, lang="en", topic="analytical")
    assert [(c.sides["en"].front, c.sides["en"].back) for c in deck] == cards
    assert len({c.card_id for c in deck}) == len(cards)


@settings(max_examples=40, deadline=None)
@given(pairs)
def test_line_import_keeps_every_pair(cards: list[tuple[str, str]]) -> None:
    short = [(q[:200], a) for q, a in cards]
    text = "".join(f"{front}\n{back}\n\n" for front, back in short)
    deck = parse_question_answer_lines(text, lang="de", topic="operational")
    assert [(c.sides["de"].front, c.sides["de"].back) for c in deck] == short


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(texts, texts, st.lists(texts, max_size=2)), min_size=1, max_size=5))
def test_deck_yaml_round_trip_keeps_text(rows: list[tuple[str, str, list[str]]]) -> None:
    cards = []
    for index, (front, back, wrong) in enumerate(rows):
        distractors = tuple(dict.fromkeys(w for w in wrong if w != back))
        side = CardSide(front, back, distractors)
        cards.append(Flashcard(f"card-{index}", "closed-loop", {"de": side, "en": side}))
    deck = Deck(tuple(cards))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "deck.yaml"
        path.write_text(deck_to_yaml(deck), encoding="utf-8")
        again = load_deck(path)
    assert [c.sides for c in again] == [c.sides for c in deck]
