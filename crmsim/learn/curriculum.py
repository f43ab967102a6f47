"""The curriculum map as a table, and which flashcards cover which concept.

The map is a Markdown file with one table per section (``## A. CRM foundations``)
and the columns ``concept | facts | where``. Cards name the rows they cover by
:func:`concept_key`, a short slug of the concept column. The workbook ships the map's
index (section, concept, key) as ``flashcards/curriculum.csv``, installed with the decks.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pandas as pd

from crmsim._data import shipped_folder
from crmsim.errors import InputError
from crmsim.learn.deck import Deck

CURRICULUM_COLUMNS = ["section", "concept", "key", "facts", "where"]


def concept_key(concept: str) -> str:
    """A stable slug for a curriculum concept: parentheses dropped, words joined by ``-``.

    Examples
    --------
    >>> concept_key("Churn analysis (Abwanderungsanalyse)")
    'churn-analysis'
    >>> concept_key("ERP, xCRM/XRM, CEM")
    'erp-xcrm-xrm-cem'
    """
    without_notes = re.sub(r"\([^)]*\)", " ", concept)
    ascii_text = unicodedata.normalize("NFKD", without_notes).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    return "-".join(words)


#: The concepts of the curriculum map as shipped with the workbook (section, concept, key),
#: so that the deck's coverage can be shown without the course's own files.
CURRICULUM_INDEX = shipped_folder("flashcards") / "curriculum.csv"
INDEX_COLUMNS = ["section", "concept", "key"]


def read_curriculum(path: str | Path | None = None) -> pd.DataFrame:
    """The curriculum: the shipped index by default, or a curriculum map (Markdown) or index (CSV).

    Returns
    -------
    pandas.DataFrame
        One row per concept with columns ``section`` (heading text), ``concept`` and
        ``key`` (see :func:`concept_key`); read from a Markdown map also ``facts``
        and ``where``.
    """
    path = Path(path) if path is not None else CURRICULUM_INDEX
    if path.suffix == ".csv":
        if not path.is_file():
            raise InputError(f"{path}: curriculum index not found")
        return pd.read_csv(path, dtype=str, keep_default_na=False)[INDEX_COLUMNS]
    if not path.is_file():
        raise InputError(f"{path}: curriculum map not found")
    rows = []
    section = ""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            section = line[3:].strip()
            continue
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if not line.startswith("|") or len(cells) < 3:
            continue
        if cells[0] == "concept" or set(cells[0]) <= {"-", ":"}:
            continue
        concept, facts, where = cells[0], "|".join(cells[1:-1]), cells[-1]
        rows.append([section, concept, concept_key(concept), facts, where])
    if not rows:
        raise InputError(f"{path}: no '| concept | facts | where |' table rows found")
    return pd.DataFrame(rows, columns=CURRICULUM_COLUMNS)


def curriculum_coverage(deck: Deck, curriculum: pd.DataFrame) -> pd.DataFrame:
    """Cards per curriculum row.

    Returns
    -------
    pandas.DataFrame
        The curriculum columns plus ``cards`` (number of cards listing the key)
        and ``card_ids`` (comma-joined).
    """
    ids_by_key: dict[str, list[str]] = {}
    for card in deck:
        for key in card.curriculum:
            ids_by_key.setdefault(key, []).append(card.card_id)
    table = curriculum.copy()
    table["cards"] = [len(ids_by_key.get(key, [])) for key in table["key"]]
    table["card_ids"] = [", ".join(ids_by_key.get(key, [])) for key in table["key"]]
    return table


def unknown_curriculum_keys(deck: Deck, curriculum: pd.DataFrame) -> dict[str, list[str]]:
    """Card id → curriculum keys it lists that are not rows of ``curriculum``."""
    known = set(curriculum["key"])
    unknown = {c.card_id: [k for k in c.curriculum if k not in known] for c in deck}
    return {card_id: keys for card_id, keys in unknown.items() if keys}


def write_curriculum_index(map_path: str | Path, out: str | Path) -> pd.DataFrame:
    """Write an index (section, concept, key) of the curriculum map ``map_path`` to ``out``.

    The shipped index is made this way from the course's map::

        write_curriculum_index("CURRICULUM.md", "flashcards/curriculum.csv")

    Returns
    -------
    pandas.DataFrame
        The index as written, columns as in :data:`INDEX_COLUMNS`.
    """
    index = read_curriculum(map_path)[INDEX_COLUMNS]
    index.to_csv(out, index=False, lineterminator="\n")
    return index
