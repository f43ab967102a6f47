"""Anki export: open the package (zip → SQLite) and count the notes."""

from __future__ import annotations

import sqlite3
import zipfile
from pathlib import Path

import genanki
import pytest

from crmsim.errors import InputError
from crmsim.learn.anki import ANKI_MODEL_IDS, export_anki
from crmsim.learn.deck import CardSide, Deck, Flashcard
from crmsim.learn.deck_files import load_deck

REPO = Path(__file__).resolve().parents[1]


def notes_in(package: Path, tmp_path: Path) -> list[tuple[str, int, str, str]]:
    """(guid, model id, fields, tags) of every note in an .apkg file."""
    with zipfile.ZipFile(package) as archive:
        name = next(n for n in archive.namelist() if n.startswith("collection.anki2"))
        archive.extract(name, tmp_path / "unpacked")
    connection = sqlite3.connect(tmp_path / "unpacked" / name)
    try:
        return connection.execute("SELECT guid, mid, flds, tags FROM notes ORDER BY id").fetchall()
    finally:
        connection.close()


@pytest.fixture(scope="module")
def deck() -> Deck:
    return load_deck(REPO / "flashcards")


def test_both_languages_give_one_note_per_card(deck: Deck, tmp_path: Path) -> None:
    out = tmp_path / "crm.apkg"
    assert export_anki(deck, out, "both") == len(deck)
    notes = notes_in(out, tmp_path)
    assert len(notes) == len(deck)
    assert {guid for guid, *_ in notes} == {genanki.guid_for(c.card_id) for c in deck}
    assert {mid for _, mid, *_ in notes} == {ANKI_MODEL_IDS["both"]}
    first = deck.cards[0]
    fields = next(f for g, _, f, _ in notes if g == genanki.guid_for(first.card_id)).split("\x1f")
    assert fields[0] == first.card_id
    assert len(fields) == 5
    assert "Frielitz" in fields[1] and "Frielitz" in fields[3]
    assert {tags.strip() for *_, tags in notes} >= {"foundations", "closed-loop"}


def test_single_language_and_stable_guids(deck: Deck, tmp_path: Path) -> None:
    small = deck.filter(["closed-loop"])
    export_anki(small, tmp_path / "a" / "en.apkg", "en")
    export_anki(small, tmp_path / "b" / "en.apkg", "en")
    first = notes_in(tmp_path / "a" / "en.apkg", tmp_path / "a")
    second = notes_in(tmp_path / "b" / "en.apkg", tmp_path / "b")
    assert len(first) == len(small)
    assert [g for g, *_ in first] == [g for g, *_ in second]
    assert all(len(flds.split("\x1f")) == 3 for _, _, flds, _ in first)
    assert all(mid == ANKI_MODEL_IDS["en"] for _, mid, *_ in first)


def test_html_is_escaped(tmp_path: Path) -> None:
    side = CardSide("Is 3 < 4 & 5 > 4?", "Yes <b>both</b>")
    deck = Deck((Flashcard("html-card", "foundations", {"de": side, "en": side}),))
    export_anki(deck, tmp_path / "x.apkg", "de")
    [(_, _, fields, _)] = notes_in(tmp_path / "x.apkg", tmp_path)
    assert "3 &lt; 4 &amp; 5 &gt; 4" in fields
    assert "&lt;b&gt;both&lt;/b&gt;" in fields


def test_bad_requests_are_refused(deck: Deck, tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"must end in \.apkg"):
        export_anki(deck, tmp_path / "crm.zip")
    with pytest.raises(InputError, match="unknown language 'fr'; allowed: de, en, both"):
        export_anki(deck, tmp_path / "crm.apkg", "fr")
    german_only = Deck(deck.cards[:2], ("de",))
    with pytest.raises(InputError, match="the deck has no 'en' sides"):
        export_anki(german_only, tmp_path / "crm.apkg", "both")
    assert not (tmp_path / "crm.apkg").exists()
