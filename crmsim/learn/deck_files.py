"""Read, check and write deck YAML files, with file and line in every problem.

Deck files are composed into YAML nodes (not plain objects) so that each
problem can point at the line where it sits. A deck file looks like::

    languages: [de, en]
    cards:
      - id: crm-definition
        topic: foundations
        curriculum: [crm-definition]
        de: {front: "…", back: "…", distractors: ["…"]}
        en: {front: "…", back: "…"}
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

from crmsim import safe_yaml
from crmsim._data import shipped_folder
from crmsim.errors import InputError
from crmsim.learn.deck import LANGUAGES, TOPICS, CardSide, Deck, Flashcard, merge_decks

CARD_ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
DECK_KEYS = ("title", "languages", "cards")
CARD_KEYS = ("id", "topic", "curriculum", *LANGUAGES)
SIDE_KEYS = ("front", "back", "distractors")
STR_TAG = "tag:yaml.org,2002:str"


@dataclass(frozen=True)
class DeckProblem:
    """One problem in a deck file: where it is and what is wrong."""

    path: Path
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


class _FileChecker:
    """Walks the node tree of one deck file and collects cards and problems."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.problems: list[DeckProblem] = []

    def problem(self, node: yaml.Node | None, message: str, line: int = 1) -> None:
        if node is not None:
            line = node.start_mark.line + 1
        self.problems.append(DeckProblem(self.path, line, message))

    def text(self, node: yaml.Node, what: str) -> str | None:
        if not isinstance(node, yaml.ScalarNode) or node.tag != STR_TAG:
            self.problem(node, f"{what} must be text (quote it if it looks like a number)")
            return None
        value = node.value.strip()
        if not value:
            self.problem(node, f"{what} is empty")
            return None
        return value

    def text_list(self, node: yaml.Node, what: str) -> list[str]:
        if not isinstance(node, yaml.SequenceNode):
            self.problem(node, f"{what} must be a list of texts")
            return []
        values = [self.text(item, f"{what} entry") for item in node.value]
        return [v for v in values if v is not None]

    def mapping(self, node: yaml.Node, what: str, allowed: Iterable[str]) -> dict[str, yaml.Node]:
        if not isinstance(node, yaml.MappingNode):
            self.problem(node, f"{what} must be a mapping")
            return {}
        allowed = tuple(allowed)
        result: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key not in allowed and what == "a card" and re.fullmatch("[a-z]{2}", key):
                self.problem(key_node, f"unknown language {key!r}; allowed: {', '.join(LANGUAGES)}")
            elif key not in allowed:
                self.problem(
                    key_node, f"unknown key {key!r} in {what}; allowed: {', '.join(allowed)}"
                )
            elif key in result:
                self.problem(key_node, f"key {key!r} appears twice in {what}")
            else:
                result[key] = value_node
        return result

    def check(self, root: yaml.Node | None) -> Deck | None:
        if root is None:
            self.problem(None, "the file is empty; a deck needs a 'cards' list")
            return None
        top = self.mapping(root, "the deck", DECK_KEYS)
        languages = LANGUAGES
        if "languages" in top:
            declared = self.text_list(top["languages"], "languages")
            unknown = [lang for lang in declared if lang not in LANGUAGES]
            if unknown or not declared:
                self.problem(
                    top["languages"],
                    f"unknown language(s) {unknown}; allowed: {', '.join(LANGUAGES)}"
                    if unknown
                    else "languages must name at least one language",
                )
            else:
                languages = tuple(lang for lang in LANGUAGES if lang in declared)
        if "cards" not in top:
            if isinstance(root, yaml.MappingNode):
                self.problem(root, "the deck has no 'cards' list")
            return None
        if not isinstance(top["cards"], yaml.SequenceNode):
            self.problem(top["cards"], "'cards' must be a list of cards")
            return None
        cards = [self.card(node, languages) for node in top["cards"].value]
        seen: dict[str, Flashcard] = {}
        for card in cards:
            if card is None:
                continue
            if card.card_id in seen:
                line = int(card.source.rsplit(":", 1)[1])
                first = seen[card.card_id].source
                self.problem(None, f"duplicate card id {card.card_id!r}, first at {first}", line)
            else:
                seen[card.card_id] = card
        if self.problems:
            return None
        return Deck(tuple(seen.values()), languages)

    def card(self, node: yaml.Node, languages: tuple[str, ...]) -> Flashcard | None:
        before = len(self.problems)
        fields = self.mapping(node, "a card", CARD_KEYS)
        if not isinstance(node, yaml.MappingNode):
            return None
        card_id = self.text(fields["id"], "id") if "id" in fields else None
        if "id" not in fields:
            self.problem(node, "card has no 'id'")
        elif card_id is not None and not CARD_ID_PATTERN.match(card_id):
            self.problem(fields["id"], f"id {card_id!r} must be lower-case words joined by '-'")
        label = f"card {card_id!r}" if card_id else "card"
        topic = self.text(fields["topic"], "topic") if "topic" in fields else None
        if "topic" not in fields:
            self.problem(node, f"{label} has no 'topic'; allowed: {', '.join(TOPICS)}")
        elif topic is not None and topic not in TOPICS:
            self.problem(fields["topic"], f"unknown topic {topic!r}; allowed: {', '.join(TOPICS)}")
        curriculum = (
            self.text_list(fields["curriculum"], "curriculum") if "curriculum" in fields else []
        )
        sides: dict[str, CardSide] = {}
        for lang in LANGUAGES:
            if lang not in fields:
                if lang in languages:
                    self.problem(node, f"{label} is missing language {lang!r}")
                continue
            if lang not in languages:
                self.problem(
                    fields[lang], f"{label} has language {lang!r} the deck does not declare"
                )
                continue
            side = self.side(fields[lang], f"{label} [{lang}]")
            if side is not None:
                sides[lang] = side
        if len(self.problems) > before or card_id is None or topic is None:
            return None
        source = f"{self.path}:{node.start_mark.line + 1}"
        return Flashcard(card_id, topic, sides, tuple(curriculum), source)

    def side(self, node: yaml.Node, label: str) -> CardSide | None:
        fields = self.mapping(node, label, SIDE_KEYS)
        texts = {}
        for key in ("front", "back"):
            if key not in fields:
                self.problem(node, f"{label} has no {key!r} side")
            else:
                texts[key] = self.text(fields[key], f"{label} {key}")
        distractors = (
            self.text_list(fields["distractors"], f"{label} distractors")
            if "distractors" in fields
            else []
        )
        if texts.get("back") and texts["back"] in distractors:
            self.problem(fields["distractors"], f"{label}: a distractor repeats the right answer")
        front, back = texts.get("front"), texts.get("back")
        if not front or not back:
            return None
        return CardSide(front, back, tuple(distractors))


def check_deck_file(path: str | Path) -> tuple[Deck | None, list[DeckProblem]]:
    """Read one deck file; return the deck (``None`` if it has problems) and the problems."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        return None, [DeckProblem(path, 1, f"cannot read the file: {error}")]
    try:
        root = safe_yaml.compose(text, str(path))
    except safe_yaml.YamlProblem as error:
        return None, [DeckProblem(path, error.line or 1, f"malformed YAML: {error.reason}")]
    checker = _FileChecker(path)
    deck = checker.check(root)
    return deck, checker.problems


def deck_file_paths(path: str | Path) -> list[Path]:
    """The deck files at ``path``: the file itself, or every ``*.yaml``/``*.yml`` in a folder."""
    path = Path(path)
    if path.is_dir():
        files = sorted([*path.glob("*.yaml"), *path.glob("*.yml")])
        if not files:
            raise InputError(f"{path}: no deck files (*.yaml) in this folder")
        return files
    if not path.exists():
        raise InputError(f"{path}: no such deck file or folder")
    return [path]


def check_decks(paths: Iterable[str | Path]) -> tuple[Deck | None, list[DeckProblem]]:
    """Check deck files and folders together, including ids repeated across files."""
    decks: list[Deck] = []
    problems: list[DeckProblem] = []
    for path in paths:
        for file in deck_file_paths(path):
            deck, file_problems = check_deck_file(file)
            problems.extend(file_problems)
            if deck is not None:
                decks.append(deck)
    first_seen: dict[str, Flashcard] = {}
    for deck in decks:
        for card in deck:
            if card.card_id in first_seen:
                card_file, line = card.source.rsplit(":", 1)
                where = first_seen[card.card_id].source
                message = f"duplicate card id {card.card_id!r}, first at {where}"
                problems.append(DeckProblem(Path(card_file), int(line), message))
            else:
                first_seen[card.card_id] = card
    if problems:
        return None, problems
    return merge_decks(decks), []


def load_deck(*paths: str | Path) -> Deck:
    """Load deck files or folders into one :class:`Deck`.

    Raises
    ------
    InputError
        With every problem as ``file:line: message``, joined on one line.
    """
    deck, problems = check_decks(paths or [default_deck_path()])
    if deck is None:
        shown = "; ".join(str(p) for p in problems[:5])
        more = f" (and {len(problems) - 5} more)" if len(problems) > 5 else ""
        raise InputError(f"{shown}{more}")
    return deck


def default_deck_path() -> Path:
    """The workbook's deck: ``flashcards/`` in the repository, installed as package data."""
    return shipped_folder("flashcards")


def deck_to_yaml(deck: Deck, title: str | None = None) -> str:
    """Serialise ``deck`` as deck YAML text that :func:`load_deck` reads back unchanged."""
    cards = []
    for card in deck:
        entry: dict[str, object] = {"id": card.card_id, "topic": card.topic}
        if card.curriculum:
            entry["curriculum"] = list(card.curriculum)
        for lang, side in card.sides.items():
            side_entry: dict[str, object] = {"front": side.front, "back": side.back}
            if side.distractors:
                side_entry["distractors"] = list(side.distractors)
            entry[lang] = side_entry
        cards.append(entry)
    document: dict[str, object] = {}
    if title:
        document["title"] = title
    document["languages"] = list(deck.languages)
    document["cards"] = cards
    return yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=100)
