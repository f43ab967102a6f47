"""Multiple-choice questions built from a card's distractors or from related cards."""

from __future__ import annotations

import zlib
from dataclasses import dataclass

import numpy as np

from crmsim.learn.deck import Deck, Flashcard


@dataclass(frozen=True)
class MultipleChoice:
    """Answer options for one card; ``options[correct_index]`` is the card's back."""

    card_id: str
    options: tuple[str, ...]
    correct_index: int

    def is_correct(self, chosen_index: int) -> bool:
        """Whether the option at ``chosen_index`` (0-based) is the right answer."""
        return chosen_index == self.correct_index


def build_choice(
    card: Flashcard, deck: Deck, lang: str, *, seed: int = 0, n_options: int = 4
) -> MultipleChoice:
    """Options for ``card`` in ``lang``: its back plus up to ``n_options - 1`` wrong answers.

    Wrong answers come first from the card's own distractors, then from the backs
    of other cards of the same topic, then from the rest of the deck. The order is
    shuffled by a generator seeded from ``seed`` and the card id, so the same card
    always gets the same options for the same seed.
    """
    deck.require_language(lang)
    right = card.side(lang).back
    wrong: list[str] = []

    def add(text: str) -> None:
        if text != right and text not in wrong and len(wrong) < n_options - 1:
            wrong.append(text)

    rng = np.random.default_rng(np.random.SeedSequence([seed, zlib.crc32(card.card_id.encode())]))
    for text in card.side(lang).distractors:
        add(text)
    same_topic = [c for c in deck if c.topic == card.topic and c.card_id != card.card_id]
    others = [c for c in deck if c.topic != card.topic]
    for pool in (same_topic, others):
        for index in rng.permutation(len(pool)):
            add(pool[int(index)].side(lang).back)
    options = [right, *wrong]
    order = rng.permutation(len(options))
    shuffled = tuple(options[int(i)] for i in order)
    return MultipleChoice(card.card_id, shuffled, shuffled.index(right))
