"""Import flashcards from the text formats learners already have.

Two formats:

``lines``
    A question line followed by its answer line, again and again (blank lines
    are ignored). An optional title line at the top is skipped with
    ``skip_title=True``.
``tsv``
    One card per line, ``front<TAB>back`` (as Anki and Quizlet export text);
    lines starting with ``#`` are comments (a ``#`` line with a tab is refused:
    it could be a card whose question starts with ``#``).

Imported cards get ids derived from their question text, so importing the
same file twice gives the same ids. Every problem names the line.
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from pathlib import Path

from crmsim.errors import InputError, shorten
from crmsim.learn.deck import CardSide, Deck, Flashcard, require_language, require_topic

FORMATS = ("lines", "tsv")
MAX_QUESTION_CHARS = 200
MAX_IMPORT_BYTES = 5_000_000
"""Largest file ``import_file`` reads (bytes): far more than any card list."""


def card_id_from_text(text: str, prefix: str = "") -> str:
    """A stable card id: a short slug of ``text`` plus a checksum of the full text.

    Examples
    --------
    >>> card_id_from_text("Drei Kernideen CRM")
    'drei-kernideen-crm-0e8995de'
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())[:6]
    checksum = f"{zlib.crc32(text.strip().encode('utf-8')):08x}"
    return "-".join([*([prefix] if prefix else []), *words, checksum])


def _numbered_lines(text: str) -> list[tuple[int, str]]:
    return list(enumerate(text.splitlines(), start=1))


def parse_question_answer_lines(
    text: str, *, lang: str, topic: str, skip_title: bool = False, source: str = "<text>"
) -> Deck:
    """Cards from alternating question and answer lines.

    Raises
    ------
    InputError
        If a question has no answer (odd number of lines), if a "question" is
        longer than :data:`MAX_QUESTION_CHARS` characters (the pairing has
        slipped, usually because of a title line), or if a question repeats.
    """
    require_language(lang)
    require_topic(topic)
    lines = [(n, line.strip()) for n, line in _numbered_lines(text) if line.strip()]
    if skip_title and lines:
        lines = lines[1:]
    if not lines:
        raise InputError(f"{source}: no question/answer lines found")
    hint = ""
    if not skip_title:
        hint = f"; if line {lines[0][0]} ({lines[0][1][:40]!r}) is a title, skip it (--skip-title)"
    for (n, question), _ in zip(lines[0::2], lines[1::2], strict=False):
        if len(question) > MAX_QUESTION_CHARS:
            raise InputError(
                f"{source}:{n}: expected a question but found a {len(question)}-character line "
                f"(questions have at most {MAX_QUESTION_CHARS}); question and answer lines are "
                f"out of step{hint}"
            )
    if len(lines) % 2:
        n, last = lines[-1]
        raise InputError(
            f"{source}:{n}: question {last[:60]!r} has no answer line (odd number of "
            f"non-blank lines){hint}"
        )
    pairs = [(n, q, a) for (n, q), (_, a) in zip(lines[0::2], lines[1::2], strict=True)]
    return _deck_from_pairs(pairs, lang=lang, topic=topic, source=source)


def parse_tab_separated(text: str, *, lang: str, topic: str, source: str = "<text>") -> Deck:
    """Cards from ``front<TAB>back`` lines.

    Raises
    ------
    InputError
        If a line does not have exactly two tab-separated fields or a side is empty.
    """
    require_language(lang)
    require_topic(topic)
    pairs = []
    for n, line in _numbered_lines(text):
        if not line.strip():
            continue
        if line.startswith("#"):
            if "\t" in line:
                raise InputError(
                    f"{source}:{n}: {shorten(line.split(chr(9))[0], 60)!r} starts with '#', which "
                    "marks a comment, but the line has a tab like a card; remove the '#' to "
                    "import it as a card, or the tab to keep it as a comment"
                )
            continue
        fields = line.split("\t")
        if len(fields) != 2:
            raise InputError(
                f"{source}:{n}: expected 'front<TAB>back' (2 fields), found {len(fields)} "
                f"field(s) in {line[:60]!r}"
            )
        front, back = (field.strip() for field in fields)
        if not front or not back:
            side = "front" if not front else "back"
            raise InputError(f"{source}:{n}: the {side} is empty")
        pairs.append((n, front, back))
    if not pairs:
        raise InputError(f"{source}: no 'front<TAB>back' lines found")
    return _deck_from_pairs(pairs, lang=lang, topic=topic, source=source)


def _deck_from_pairs(
    pairs: list[tuple[int, str, str]], *, lang: str, topic: str, source: str
) -> Deck:
    cards: list[Flashcard] = []
    first_line: dict[str, int] = {}
    for n, question, answer in pairs:
        card_id = card_id_from_text(question)
        if card_id in first_line:
            raise InputError(
                f"{source}:{n}: question {question[:60]!r} repeats line {first_line[card_id]}"
            )
        first_line[card_id] = n
        side = CardSide(question, answer)
        cards.append(Flashcard(card_id, topic, {lang: side}, (), f"{source}:{n}"))
    return Deck(tuple(cards), (lang,))


def import_file(
    path: str | Path, *, fmt: str, lang: str, topic: str, skip_title: bool = False
) -> Deck:
    """Read an import file in ``fmt`` (``"lines"`` or ``"tsv"``) as a one-language deck."""
    path = Path(path)
    if fmt not in FORMATS:
        raise InputError(f"unknown import format {fmt!r}; allowed: {', '.join(FORMATS)}")
    if path.is_dir():
        raise InputError(f"{path} is a folder; give the text file to import")
    if path.is_file() and path.stat().st_size > MAX_IMPORT_BYTES:
        raise InputError(
            f"{path}: {path.stat().st_size:,} bytes; import files up to {MAX_IMPORT_BYTES:,} "
            "bytes are read"
        )
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError as error:
        raise InputError(f"{path}: no such file") from error
    except OSError as error:
        raise InputError(f"{path}: cannot read the file ({error.strerror})") from error
    except UnicodeDecodeError as error:
        raise InputError(f"{path}: not UTF-8 text ({error.reason})") from error
    if fmt == "lines":
        return parse_question_answer_lines(
            text, lang=lang, topic=topic, skip_title=skip_title, source=str(path)
        )
    if skip_title:
        raise InputError("skip-title applies only to the 'lines' format")
    return parse_tab_separated(text, lang=lang, topic=topic, source=str(path))
