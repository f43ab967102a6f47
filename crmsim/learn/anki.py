"""Export a deck as an Anki package (``.apkg``) with genanki.

Model and deck ids are fixed constants and note GUIDs derive from card ids, so
re-importing an updated export into Anki updates the notes instead of
duplicating them and keeps the learner's Anki history.
"""

from __future__ import annotations

import html
import itertools
import json
import os
import sqlite3
import tempfile
import time
import zipfile
from pathlib import Path

import genanki

from crmsim.errors import InputError
from crmsim.learn.deck import LANGUAGES, TOPICS, Deck

ANKI_DECK_ID = 1_742_118_001
"""Anki deck id of the CRM Workbook deck (a fixed constant, never change it)."""
ANKI_MODEL_IDS = {"de": 1_742_118_101, "en": 1_742_118_102, "both": 1_742_118_103}
"""Anki note type ids per language choice (fixed constants)."""
EXPORT_LANGUAGES = (*LANGUAGES, "both")
_CARD_CSS = ".card { font-family: sans-serif; font-size: 20px; text-align: left; }"


def _model(lang: str) -> genanki.Model:
    if lang == "both":
        fields = ["CardId", "FrontDE", "BackDE", "FrontEN", "BackEN"]
        front = '{{FrontDE}}<hr><span class="en">{{FrontEN}}</span>'
        back = '{{FrontDE}}<hr id="answer">{{BackDE}}<hr><span class="en">{{BackEN}}</span>'
    else:
        fields = ["CardId", "Front", "Back"]
        front = "{{Front}}"
        back = '{{FrontSide}}<hr id="answer">{{Back}}'
    return genanki.Model(
        ANKI_MODEL_IDS[lang],
        f"CRM Workbook card ({lang})",
        fields=[{"name": name} for name in fields],
        templates=[{"name": "Card 1", "qfmt": front, "afmt": back}],
        css=_CARD_CSS,
    )


def build_anki_deck(deck: Deck, lang: str = "both") -> genanki.Deck:
    """One Anki note per card, tagged with its topic; ``lang`` is ``de``, ``en`` or ``both``."""
    if lang not in EXPORT_LANGUAGES:
        raise InputError(f"unknown language {lang!r}; allowed: {', '.join(EXPORT_LANGUAGES)}")
    for needed in LANGUAGES if lang == "both" else (lang,):
        deck.require_language(needed)
    model = _model(lang)
    anki_deck = genanki.Deck(ANKI_DECK_ID, "CRM Workbook")
    for card in deck:
        if lang == "both":
            de, en = card.sides["de"], card.sides["en"]
            texts = [de.front, de.back, en.front, en.back]
        else:
            texts = [card.sides[lang].front, card.sides[lang].back]
        fields = [card.card_id, *(html.escape(text) for text in texts)]
        tags = [card.topic] if card.topic in TOPICS else []
        anki_deck.add_note(
            genanki.Note(model=model, fields=fields, guid=genanki.guid_for(card.card_id), tags=tags)
        )
    return anki_deck


def export_anki(deck: Deck, out: str | Path, lang: str = "both") -> int:
    """Write ``deck`` to the Anki package ``out``; return the number of notes written."""
    out = Path(out)
    if out.suffix != ".apkg":
        raise InputError(f"{out}: an Anki package file name must end in .apkg")
    if out.is_dir():
        raise InputError(f"{out} is a folder; give the .apkg file to write")
    anki_deck = build_anki_deck(deck, lang)
    out.parent.mkdir(parents=True, exist_ok=True)
    write_package(genanki.Package(anki_deck), out)
    return len(anki_deck.notes)


def write_package(package: genanki.Package, out: Path) -> None:
    """Write ``package`` to ``out`` and leave no temporary file behind.

    ``genanki.Package.write_to_file`` builds the collection in a temporary file that
    it never removes; here the collection lives in a temporary folder that is
    always deleted, and the package appears under its name only when complete.
    """
    now = time.time()
    with tempfile.TemporaryDirectory(prefix="crmsim-anki-") as work:
        collection = Path(work) / "collection.anki2"
        connection = sqlite3.connect(collection)
        try:
            package.write_to_db(connection.cursor(), now, itertools.count(int(now * 1000)))
            connection.commit()
        finally:
            connection.close()
        partial = out.with_name(f".{out.name}.partial")
        try:
            with zipfile.ZipFile(partial, "w") as archive:
                archive.write(collection, "collection.anki2")
                archive.writestr("media", json.dumps({}))
            os.replace(partial, out)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
