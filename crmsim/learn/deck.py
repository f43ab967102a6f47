"""The flashcard deck model: cards with German and English sides, grouped by topic.

A :class:`Flashcard` is immutable and already validated; reading and checking
deck files happens at the edge in :mod:`crmsim.learn.deck_files`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

import pandas as pd

from crmsim.errors import InputError

LANGUAGES: tuple[str, ...] = ("de", "en")
"""Languages a card side can be written in: German and English."""

TOPICS: dict[str, dict[str, str]] = {
    "foundations": {"en": "CRM foundations", "de": "CRM-Grundlagen"},
    "analytical": {"en": "Analytical CRM", "de": "Analytisches CRM"},
    "operational": {"en": "Operational CRM", "de": "Operatives CRM"},
    "collaborative-ecrm": {"en": "Collaborative CRM and eCRM", "de": "Kollaboratives CRM und eCRM"},
    "closed-loop": {"en": "Closed-loop CRM", "de": "Closed-Loop-CRM"},
    "satisfaction-complaints": {
        "en": "Satisfaction and complaints",
        "de": "Zufriedenheit und Beschwerden",
    },
}
"""Topic keys with their display names per language, in teaching order."""


def require_language(lang: str) -> str:
    """Return ``lang`` if it is a known language, else raise :class:`InputError`."""
    if lang not in LANGUAGES:
        raise InputError(f"unknown language {lang!r}; allowed: {', '.join(LANGUAGES)}")
    return lang


def require_topic(topic: str) -> str:
    """Return ``topic`` if it is a known topic key, else raise :class:`InputError`."""
    if topic not in TOPICS:
        raise InputError(f"unknown topic {topic!r}; allowed: {', '.join(TOPICS)}")
    return topic


@dataclass(frozen=True)
class CardSide:
    """One language version of a card: question, answer and optional wrong answers."""

    front: str
    back: str
    distractors: tuple[str, ...] = ()


@dataclass(frozen=True)
class Flashcard:
    """A flashcard with a stable id, a topic and one :class:`CardSide` per language.

    Parameters
    ----------
    card_id
        Stable identifier (lower-case letters, digits and hyphens); progress and
        Anki note GUIDs are keyed by it.
    topic
        One of :data:`TOPICS`.
    sides
        Mapping language code → :class:`CardSide`.
    curriculum
        Keys of the curriculum rows the card covers (see :mod:`crmsim.learn.curriculum`).
    source
        ``"file:line"`` where the card was defined, for messages.
    """

    card_id: str
    topic: str
    sides: dict[str, CardSide]
    curriculum: tuple[str, ...] = ()
    source: str = ""

    def side(self, lang: str) -> CardSide:
        """The :class:`CardSide` in ``lang``; :class:`InputError` if the card lacks it."""
        require_language(lang)
        if lang not in self.sides:
            raise InputError(
                f"card {self.card_id!r} has no {lang!r} side; it has: {', '.join(self.sides)}"
            )
        return self.sides[lang]


@dataclass(frozen=True)
class Deck:
    """An ordered collection of flashcards with unique ids.

    ``languages`` lists the languages every card of the deck carries.
    """

    cards: tuple[Flashcard, ...]
    languages: tuple[str, ...] = LANGUAGES
    _index: dict[str, Flashcard] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        index: dict[str, Flashcard] = {}
        for card in self.cards:
            if card.card_id in index:
                raise InputError(f"duplicate card id {card.card_id!r} in deck")
            index[card.card_id] = card
        object.__setattr__(self, "_index", index)

    def __len__(self) -> int:
        return len(self.cards)

    def __iter__(self) -> Iterator[Flashcard]:
        return iter(self.cards)

    def __contains__(self, card_id: object) -> bool:
        return card_id in self._index

    def card(self, card_id: str) -> Flashcard:
        """The card with ``card_id``; :class:`KeyError` if absent."""
        return self._index[card_id]

    def filter(self, topics: Iterable[str] | None = None) -> Deck:
        """A deck with only the cards of ``topics`` (all cards if ``None``)."""
        if topics is None:
            return self
        wanted = {require_topic(topic) for topic in topics}
        return Deck(tuple(c for c in self.cards if c.topic in wanted), self.languages)

    def require_language(self, lang: str) -> str:
        """Return ``lang`` if every card of the deck has it, else raise :class:`InputError`."""
        require_language(lang)
        if lang not in self.languages:
            raise InputError(
                f"the deck has no {lang!r} sides; its languages: {', '.join(self.languages)}"
            )
        return lang

    def to_frame(self, lang: str = "en") -> pd.DataFrame:
        """One row per card.

        Columns: ``card_id``, ``topic``, ``front``, ``back`` (text in ``lang``),
        ``distractors`` (count of wrong answers) and ``curriculum`` (comma-joined keys).
        """
        self.require_language(lang)
        rows = [
            {
                "card_id": c.card_id,
                "topic": c.topic,
                "front": c.sides[lang].front,
                "back": c.sides[lang].back,
                "distractors": len(c.sides[lang].distractors),
                "curriculum": ", ".join(c.curriculum),
            }
            for c in self.cards
        ]
        columns = ["card_id", "topic", "front", "back", "distractors", "curriculum"]
        return pd.DataFrame(rows, columns=columns)

    def topic_counts(self) -> pd.Series:
        """Number of cards per topic key, in :data:`TOPICS` order (zeros included)."""
        counts = pd.Series(0, index=pd.Index(list(TOPICS), name="topic"), name="cards")
        for card in self.cards:
            counts[card.topic] += 1
        return counts


def merge_decks(decks: Sequence[Deck]) -> Deck:
    """Concatenate decks; the result keeps only the languages all of them share."""
    if not decks:
        return Deck(())
    languages = tuple(lang for lang in LANGUAGES if all(lang in d.languages for d in decks))
    seen: dict[str, Flashcard] = {}
    for deck in decks:
        for card in deck.cards:
            if card.card_id in seen:
                raise InputError(
                    f"{card.source}: duplicate card id {card.card_id!r}, "
                    f"first defined at {seen[card.card_id].source}"
                )
            seen[card.card_id] = card
    return Deck(tuple(seen.values()), languages)
