"""The workbook's own deck: valid, large enough, bilingual, and covering the curriculum."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from crmsim.errors import InputError
from crmsim.learn.curriculum import (
    CURRICULUM_INDEX,
    INDEX_COLUMNS,
    concept_key,
    curriculum_coverage,
    read_curriculum,
    unknown_curriculum_keys,
    write_curriculum_index,
)
from crmsim.learn.deck import TOPICS
from crmsim.learn.deck_files import check_decks, load_deck

REPO = Path(__file__).resolve().parents[1]
DECK_DIR = REPO / "flashcards"


@pytest.fixture(scope="module")
def deck():
    return load_deck(DECK_DIR)


@pytest.fixture(scope="module")
def curriculum():
    """The curriculum index shipped in flashcards/curriculum.csv."""
    return read_curriculum()


def test_deck_validates_without_problems() -> None:
    deck, problems = check_decks([DECK_DIR])
    assert problems == []
    assert deck is not None


def test_at_least_80_cards_in_every_topic_and_both_languages(deck) -> None:
    assert len(deck) >= 80
    assert deck.languages == ("de", "en")
    counts = deck.topic_counts()
    assert set(counts.index) == set(TOPICS)
    assert (counts >= 5).all(), counts.to_dict()
    for card in deck:
        assert set(card.sides) == {"de", "en"}, card.card_id


def test_every_curriculum_row_has_a_card(deck, curriculum) -> None:
    assert len(curriculum) >= 30
    coverage = curriculum_coverage(deck, curriculum)
    uncovered = coverage.loc[coverage["cards"] == 0, "concept"].tolist()
    assert uncovered == []
    assert unknown_curriculum_keys(deck, curriculum) == {}
    assert all(card.curriculum for card in deck)


def test_curriculum_parsing_and_keys(curriculum) -> None:
    assert curriculum["key"].is_unique
    assert set(curriculum["section"].str[:1]) == {"A", "B", "C", "D", "E"}
    assert concept_key("Three core elements (Kernelemente)") == "three-core-elements"
    assert concept_key("360° customer view, star schema") == "360-customer-view-star-schema"


def test_german_is_written_with_umlauts_and_english_has_none(deck) -> None:
    german = " ".join(s.front + s.back for c in deck for s in [c.sides["de"]])
    english = " ".join(s.front + s.back for c in deck for s in [c.sides["en"]])
    assert re.search("[äöüß]", german)
    for transliteration in ("fuer", "ueber", "koenn", "Loesung", "Beduerfnis", "Kundenwuensch"):
        assert transliteration not in german
    assert not re.search("[äöüÄÖÜß]", english)


def test_source_deck_errors_are_corrected(deck) -> None:
    everything = " ".join(s.front + " " + s.back for c in deck for s in c.sides.values())
    for typo in ("Hans)", "aus einer Hans", "enything", "Micorsoft", "Umsatzer"):
        assert typo not in everything
    elements = deck.card("core-elements-three")
    assert "Analytisches CRM" in elements.sides["de"].back
    assert elements.sides["de"].back.count("ollaborativ") == 1
    assert "Analytical" in elements.sides["en"].back
    assert "aus einer Hand" in deck.card("core-idea-one-stop").sides["de"].front


def test_distractors_are_paired_across_languages(deck) -> None:
    with_distractors = [c for c in deck if c.sides["de"].distractors]
    assert len(with_distractors) >= 40
    for card in deck:
        assert len(card.sides["de"].distractors) == len(card.sides["en"].distractors), card.card_id


def test_shipped_curriculum_index_is_the_repository_file(curriculum) -> None:
    """The package reads flashcards/curriculum.csv itself (installed as package data)."""
    assert CURRICULUM_INDEX.samefile(DECK_DIR / "curriculum.csv")
    assert list(curriculum.columns) == INDEX_COLUMNS
    assert (curriculum["key"] == curriculum["concept"].map(concept_key)).all()


MAP = """# Curriculum

## A. CRM foundations

| concept | facts | where |
|---|---|---|
| Goals of CRM | retention | 001 |
| Churn analysis (Abwanderungsanalyse) | a | b | 002 p. 4 |

## B. Analytical CRM

| concept | facts | where |
| :-- | :-- | :-- |
| Data mining | CRISP | 002 |
"""


def test_index_written_from_a_curriculum_map_reads_back(tmp_path: Path) -> None:
    (tmp_path / "map.md").write_text(MAP, encoding="utf-8")
    full = read_curriculum(tmp_path / "map.md")
    assert full["key"].tolist() == ["goals-of-crm", "churn-analysis", "data-mining"]
    assert full["section"].tolist() == ["A. CRM foundations"] * 2 + ["B. Analytical CRM"]
    assert full.loc[1, "facts"] == "a|b" and full.loc[1, "where"] == "002 p. 4"
    written = write_curriculum_index(tmp_path / "map.md", tmp_path / "index.csv")
    assert read_curriculum(tmp_path / "index.csv").equals(written.reset_index(drop=True))


def test_missing_or_empty_curriculum_files_are_named(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"gone\.csv: curriculum index not found"):
        read_curriculum(tmp_path / "gone.csv")
    (tmp_path / "empty.md").write_text("# nothing here\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"empty\.md: no '\| concept \| facts"):
        read_curriculum(tmp_path / "empty.md")


# -- card quality: options that do not give the answer away, short answers, fixed facts ----------
OWN_FILES = [
    "01-foundations.yaml",
    "02-analytical.yaml",
    "03-operational.yaml",
    "04-collaborative-ecrm.yaml",
    "05-closed-loop.yaml",
    "06-satisfaction-complaints.yaml",
]


def correct_is_longest(side) -> bool:
    return len(side.back) > max(len(option) for option in side.distractors)


def test_the_correct_option_is_rarely_the_longest(deck) -> None:
    with_options = [card for card in deck if card.sides["de"].distractors]
    sides = [side for card in with_options for side in card.sides.values()]
    longest_sides = sum(correct_is_longest(side) for side in sides)
    longest_cards = sum(
        any(correct_is_longest(side) for side in card.sides.values()) for card in with_options
    )
    assert longest_sides <= 0.40 * len(sides), f"{longest_sides} of {len(sides)} sides"
    assert longest_cards <= 0.40 * len(with_options), f"{longest_cards} of {len(with_options)}"


def test_the_length_check_would_catch_a_giveaway_deck(deck) -> None:
    card = deck.card("cc-pooling")
    side = card.sides["en"]
    assert not correct_is_longest(side)
    assert correct_is_longest(type(side)(side.front, side.back, ("No.", "Yes.")))


@pytest.mark.parametrize("name", OWN_FILES)
def test_answers_ask_one_thing_in_at_most_30_words(name: str) -> None:
    own = load_deck(DECK_DIR / name)
    long = [
        (card.card_id, lang, len(side.back.split()))
        for card in own
        for lang, side in card.sides.items()
        if len(side.back.split()) > 30
    ]
    assert long == []


def test_queueing_and_contact_center_cards(deck) -> None:
    queueing = [card for card in deck if card.card_id.startswith("cc-")]
    assert len(queueing) >= 12
    assert all(card.topic == "operational" and card.sides["de"].distractors for card in queueing)
    text = " ".join(
        side.front + " " + side.back for card in queueing for side in card.sides.values()
    )
    for term in ("Verkehrsangebot", "Erlang", "(answered + abandoned", "exponential",
                 "square root", "Little", "20 scheduled"):  # fmt: skip
        assert term in text, term
    assert "Verkehrslast" not in text


def test_near_duplicates_are_merged(deck) -> None:
    ids = {card.card_id for card in deck}
    assert "collaborative-multichannel" not in ids
    assert "Multi-Channel-Management" in deck.card("core-element-collaborative").sides["de"].back
    rules = deck.card("ccm-rules").sides["en"].back
    assert len(rules.split()) <= 30 and "Convenience creates loyalty" in rules
    own = [card for name in OWN_FILES for card in load_deck(DECK_DIR / name)]
    seven_to_ten = [c.card_id for c in own if "zehnmal" in c.sides["de"].back]
    assert seven_to_ten == ["crm-acquisition-cost"]


def test_german_and_facts_are_fixed(deck) -> None:
    de = {card.card_id: card.sides["de"] for card in deck}
    en = {card.card_id: card.sides["en"] for card in deck}
    assert de["crm-goals-hierarchy"].front.startswith("Welches primäre Ziel und welche sekundären")
    assert de["operational-sales-cycle"].front.startswith("Entlang welches Zyklus")
    assert "des Sales Cycles" in de["operational-sales-cycle"].back
    assert "E-Sales-Cycles" in de["ecrm-vs-crm"].back
    clubs = de["crm-instruments-clubs"].front + en["crm-instruments-clubs"].front
    assert not re.search("vertrag|contract|club", clubs, re.I)
    assert "versucht" in de["crm-definition"].back and "tries" in en["crm-definition"].back
    assert de["crm-acquisition-cost"].back == "Als Faustregel sieben- bis zehnmal so teuer."
    assert "rule of thumb" in en["crm-acquisition-cost"].back
    for card_id in ("software-market-players", "software-market-oracle", "software-market-suites"):
        assert "2001" in de[card_id].front and "2001" in en[card_id].front
    assert "Software Union Syseca" in de["satisfaction-drivers"].front
    assert "beide" in de["crm-vs-marketing-dialogue"].back
    assert "both concentrate" in en["crm-vs-marketing-dialogue"].back
    german = " ".join(side.front + " " + side.back + " " + " ".join(side.distractors)
                      for side in de.values())  # fmt: skip
    assert "Call Center" not in german and not re.search(r"\bAgents\b", german)
