"""Learning progress in a SQLite file: one card state per learner and card, plus a review log.

Every answer is written in one transaction (review log row and new card state
together), so a process killed mid-session loses at most the answer being given.
A file that is not a readable SQLite database is renamed aside
(``progress.sqlite.corrupt-<UTC timestamp>``) and reported through
:attr:`ProgressStore.notice`; a file written by a newer schema version is refused.
"""

from __future__ import annotations

import functools
import json
import os
import re
import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

import fsrs
import platformdirs

from crmsim.errors import InputError

SCHEMA_VERSION = 1
STORE_FILENAME = "progress.sqlite"
DATA_DIR_VARIABLE = "CRMSIM_DATA_DIR"
LEARNER_PATTERN = re.compile(r"^[\w .@-]{1,64}$")

_SCHEMA = """
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


_Method = TypeVar("_Method", bound=Callable[..., Any])


def _locked(method: _Method) -> _Method:
    """Run a store method while holding the store's lock (one thread at a time)."""

    @functools.wraps(method)
    def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
        with self._lock:
            return method(self, *args, **kwargs)

    return wrapper  # type: ignore[return-value]


def default_data_dir() -> Path:
    """``$CRMSIM_DATA_DIR`` if set, else the platform's user data folder for ``crmsim``."""
    override = os.environ.get(DATA_DIR_VARIABLE)
    if override:
        return Path(override)
    return Path(platformdirs.user_data_dir("crmsim", appauthor=False))


def default_store_path() -> Path:
    """The progress file in :func:`default_data_dir`."""
    return default_data_dir() / STORE_FILENAME


def require_learner(name: str) -> str:
    """Return ``name`` if it is a valid learner profile name, else raise :class:`InputError`."""
    if not LEARNER_PATTERN.match(name or ""):
        raise InputError(
            f"learner name {name!r} must be 1-64 letters, digits, spaces or . @ - _ characters"
        )
    return name


@dataclass(frozen=True)
class Review:
    """One stored answer: who rated which card how (1 Again … 4 Easy) and when (UTC)."""

    learner: str
    card_id: str
    rating: int
    reviewed_at: datetime
    first_review: bool


class ProgressStore:
    """A SQLite progress file.

    Parameters
    ----------
    path
        The file; default :func:`default_store_path`. Its folder is created if needed.

    Attributes
    ----------
    notice
        ``None``, or a message saying that a corrupt file was moved aside and where to.
    """

    def __init__(self, path: str | Path | None = None) -> None:
        self.path = Path(path) if path is not None else default_store_path()
        self.notice: str | None = None
        # Notebook widgets call back from another thread than the one that opened the store.
        self._lock = threading.RLock()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._connection = self._open()
        except sqlite3.OperationalError as error:
            raise InputError(
                f"{self.path}: cannot open the progress file ({error}); nothing was changed"
            ) from error
        except sqlite3.DatabaseError as error:
            if not self.path.is_file():
                raise InputError(f"{self.path}: not a progress file ({error})") from error
            self._move_aside(error)
            self._connection = self._open()

    def _open(self) -> sqlite3.Connection:
        connection = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        try:
            connection.execute("PRAGMA foreign_keys = ON")
            result = connection.execute("PRAGMA quick_check").fetchone()
            if result is None or result[0] != "ok":
                raise _CorruptStore(f"integrity check failed: {result}")
            tables = {r[0] for r in connection.execute("SELECT name FROM sqlite_master")}
            if "schema_version" in tables:
                row = connection.execute("SELECT MAX(version) FROM schema_version").fetchone()
                version = row[0] if row else None
                if version is not None and version > SCHEMA_VERSION:
                    raise InputError(
                        f"{self.path}: progress store has schema version {version}, this crmsim "
                        f"reads up to version {SCHEMA_VERSION}; upgrade crmsim (the file is "
                        "left unchanged)"
                    )
            elif tables - {"sqlite_sequence"}:
                raise _CorruptStore(f"unexpected tables {sorted(tables)}")
            with _transaction(connection):
                for statement in _SCHEMA.split(";"):
                    if statement.strip():
                        connection.execute(statement)
                if connection.execute("SELECT COUNT(*) FROM schema_version").fetchone()[0] == 0:
                    connection.execute(
                        "INSERT INTO schema_version (version) VALUES (?)", (SCHEMA_VERSION,)
                    )
        except BaseException:
            connection.close()
            raise
        return connection

    def _move_aside(self, error: Exception) -> None:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
        aside = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
        for suffix in ("-journal", "-wal", "-shm"):
            companion = self.path.with_name(self.path.name + suffix)
            if companion.exists():
                companion.rename(aside.with_name(aside.name + suffix))
        self.path.rename(aside)
        self.notice = (
            f"progress file {self.path} was unreadable ({error}); it was moved to {aside} "
            "and a new, empty progress file was started"
        )

    @_locked
    def close(self) -> None:
        """Close the database connection."""
        self._connection.close()

    def __enter__(self) -> ProgressStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @_locked
    def ensure_learner(self, learner: str, now: datetime) -> None:
        """Create the learner profile ``learner`` if it does not exist yet."""
        require_learner(learner)
        with _transaction(self._connection):
            self._connection.execute(
                "INSERT OR IGNORE INTO learners (name, created_at) VALUES (?, ?)",
                (learner, _stamp(now)),
            )

    @_locked
    def learners(self) -> list[str]:
        """Names of all learner profiles, sorted."""
        rows = self._connection.execute("SELECT name FROM learners ORDER BY name")
        return [row[0] for row in rows]

    @_locked
    def card_states(self, learner: str) -> dict[str, fsrs.Card]:
        """Card id → FSRS card state for every card ``learner`` has seen."""
        rows = self._connection.execute(
            "SELECT card_id, fsrs_card FROM card_states WHERE learner = ?", (learner,)
        )
        return {card_id: fsrs.Card.from_dict(json.loads(state)) for card_id, state in rows}

    @_locked
    def record_review(
        self, learner: str, card_id: str, rating: int, card_state: fsrs.Card, now: datetime
    ) -> None:
        """Store one answer and the card's new state in a single transaction."""
        state_json = json.dumps(card_state.to_dict(), sort_keys=True)
        with _transaction(self._connection):
            seen = self._connection.execute(
                "SELECT 1 FROM card_states WHERE learner = ? AND card_id = ?", (learner, card_id)
            ).fetchone()
            self._connection.execute(
                "INSERT INTO reviews (learner, card_id, rating, reviewed_at, first_review) "
                "VALUES (?, ?, ?, ?, ?)",
                (learner, card_id, int(rating), _stamp(now), int(seen is None)),
            )
            self._connection.execute(
                "INSERT OR REPLACE INTO card_states (learner, card_id, fsrs_card, due_at, state) "
                "VALUES (?, ?, ?, ?, ?)",
                (learner, card_id, state_json, _stamp(card_state.due), int(card_state.state)),
            )

    @_locked
    def reviews(self, learner: str) -> list[Review]:
        """All answers of ``learner``, oldest first."""
        rows = self._connection.execute(
            "SELECT learner, card_id, rating, reviewed_at, first_review FROM reviews "
            "WHERE learner = ? ORDER BY review_id",
            (learner,),
        )
        return [
            Review(name, card_id, rating, datetime.fromisoformat(at), bool(first))
            for name, card_id, rating, at, first in rows
        ]

    @_locked
    def new_cards_since(self, learner: str, since: datetime) -> int:
        """Number of cards ``learner`` saw for the first time at or after ``since``."""
        row = self._connection.execute(
            "SELECT COUNT(*) FROM reviews WHERE learner = ? AND first_review = 1 "
            "AND reviewed_at >= ?",
            (learner, _stamp(since)),
        ).fetchone()
        return int(row[0])


class _CorruptStore(sqlite3.DatabaseError):
    """A readable SQLite file that is not (or no longer) a crmsim progress file."""


def _stamp(moment: datetime) -> str:
    """A sortable UTC text stamp with fixed width (microseconds always present)."""
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


class _transaction:
    """``BEGIN IMMEDIATE`` … ``COMMIT``, or ``ROLLBACK`` on any exception."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection

    def __enter__(self) -> sqlite3.Connection:
        self.connection.execute("BEGIN IMMEDIATE")
        return self.connection

    def __exit__(self, exc_type: object, *rest: object) -> None:
        self.connection.execute("ROLLBACK" if exc_type else "COMMIT")
