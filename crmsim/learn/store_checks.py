"""The file-level checks of the progress store, and its transactions.

Kept apart from :class:`~crmsim.learn.store.ProgressStore` itself: how a file is
recognised as a crmsim progress file (the SQLite header and the
``schema_version`` marker), how a damaged one is recognised (a card state that is
not valid JSON), and a transaction that reports the real cause when a write fails.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import fsrs

from crmsim.errors import InputError

SCHEMA_VERSION = 1
"""The layout version this crmsim writes; files of a newer one are refused."""
SQLITE_HEADER = b"SQLite format 3\x00"
"""The first 16 bytes of every SQLite database file."""

SCHEMA_SQL = """
CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS learners (
    name TEXT PRIMARY KEY,
    created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS card_states (
    learner TEXT NOT NULL REFERENCES learners(name),
    card_id TEXT NOT NULL,
    fsrs_card TEXT NOT NULL,
    due_at TEXT NOT NULL,
    state INTEGER NOT NULL,
    PRIMARY KEY (learner, card_id)
);
CREATE TABLE IF NOT EXISTS reviews (
    review_id INTEGER PRIMARY KEY AUTOINCREMENT,
    learner TEXT NOT NULL REFERENCES learners(name),
    card_id TEXT NOT NULL,
    rating INTEGER NOT NULL,
    reviewed_at TEXT NOT NULL,
    first_review INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS reviews_by_learner ON reviews (learner, reviewed_at);
"""
"""The tables of a progress file (statements separated by ``;``)."""


class DamagedStore(sqlite3.DatabaseError):
    """A crmsim progress file (it has the schema marker) whose content is damaged."""


def move_aside(path: Path) -> Path:
    """Rename a damaged progress file (and its journal files) aside; return the new name.

    The new name is ``<name>.corrupt-<UTC timestamp>`` beside the file.
    """
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    aside = path.with_name(f"{path.name}.corrupt-{stamp}")
    for suffix in ("-journal", "-wal", "-shm"):
        companion = path.with_name(path.name + suffix)
        if companion.exists():
            companion.rename(aside.with_name(aside.name + suffix))
    path.rename(aside)
    return aside


def require_store_file(path: Path, read_only: bool) -> None:
    """Refuse a path that cannot be, or is not, a crmsim progress file; never change it."""
    if path.is_dir():
        raise InputError(f"{path} is a folder, not a progress file; nothing was changed")
    parent = path.parent
    if not read_only:
        try:
            parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            reason = error.strerror or str(error)
            raise InputError(f"{path}: cannot create the folder {parent} ({reason})") from None
    if not path.is_file() or path.stat().st_size == 0:
        if read_only:
            raise InputError(f"no progress recorded in {path} yet; study first with 'crmsim quiz'")
        return
    with path.open("rb") as handle:
        header = handle.read(len(SQLITE_HEADER))
    if header != SQLITE_HEADER:
        raise InputError(
            f"{path} is not a crmsim progress file (not an SQLite database); it was left "
            "unchanged: choose another --store, or move the file away"
        )


def check_schema(connection: sqlite3.Connection, path: Path) -> bool:
    """Refuse a database without crmsim's schema marker or from a newer crmsim.

    Returns whether the database is still empty (a new progress file).
    """
    tables = {r[0] for r in connection.execute("SELECT name FROM sqlite_master")}
    if "schema_version" not in tables:
        if tables - {"sqlite_sequence"}:
            shown = ", ".join(sorted(tables)[:5])
            raise InputError(
                f"{path} is an SQLite database of another program (tables {shown}), not a "
                "crmsim progress file; it was left unchanged: choose another --store"
            )
        return True
    row = connection.execute("SELECT MAX(version) FROM schema_version").fetchone()
    version = row[0] if row else None
    if version is not None and version > SCHEMA_VERSION:
        raise InputError(
            f"{path}: progress store has schema version {version}, this crmsim "
            f"reads up to version {SCHEMA_VERSION}; upgrade crmsim (the file is "
            "left unchanged)"
        )
    return False


def card_from_json(text: str) -> fsrs.Card | None:
    try:
        return fsrs.Card.from_dict(json.loads(text))
    except (ValueError, TypeError, KeyError, AttributeError):
        return None


def first_broken_row(connection: sqlite3.Connection) -> str | None:
    """The card id of the first card state that cannot be read, or ``None``."""
    tables = {r[0] for r in connection.execute("SELECT name FROM sqlite_master")}
    if "card_states" not in tables:
        return None
    for card_id, state in connection.execute("SELECT card_id, fsrs_card FROM card_states"):
        if card_from_json(state) is None:
            return str(card_id)
    return None


def is_busy(error: sqlite3.OperationalError) -> bool:
    text = str(error).lower()
    return "locked" in text or "busy" in text


class Transaction:
    """``BEGIN IMMEDIATE`` … ``COMMIT``, or ``ROLLBACK`` on any exception."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection

    def __enter__(self) -> sqlite3.Connection:
        self.connection.execute("BEGIN IMMEDIATE")
        return self.connection

    def __exit__(self, exc_type: object, *rest: object) -> None:
        if exc_type is None:
            try:
                self.connection.execute("COMMIT")
                return
            except sqlite3.Error:
                self._rollback()
                raise
        self._rollback()

    def _rollback(self) -> None:
        """Undo the open transaction; SQLite may already have undone it (full disk, I/O)."""
        if self.connection.in_transaction:
            with contextlib.suppress(sqlite3.Error):
                self.connection.execute("ROLLBACK")
