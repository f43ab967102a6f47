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
