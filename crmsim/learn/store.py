"""Learning progress in a SQLite file: one card state per learner and card, plus a review log.

Every answer is written in one transaction (review log row and new card state
together), so a process killed mid-session loses at most the answer being given.

Files are never lost:

* a file that is not a crmsim progress file (not SQLite, or SQLite without the
  ``schema_version`` marker) is refused and left as it is;
* a crmsim progress file that is damaged (failed integrity check, a card state
  that is not valid JSON) is renamed aside (``progress.sqlite.corrupt-<UTC
  timestamp>``) and reported through :attr:`ProgressStore.notice`;
* a file written by a newer schema version is refused;
* read-only use (``crmsim flashcards stats``) never writes, creates or moves a file;
* while another program holds the file's lock, an answer is retried with a
  growing pause, and if the lock stays, kept beside the file until the next start;
* a write that fails (full disk) is rolled back and reported with its real cause.
"""

from __future__ import annotations

import functools
import json
import os
import re
import sqlite3
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

import fsrs
import platformdirs

from crmsim.errors import InputError
from crmsim.learn.store_checks import (
    SCHEMA_SQL,
    SCHEMA_VERSION,
    DamagedStore,
    Transaction,
    card_from_json,
    check_schema,
    first_broken_row,
    is_busy,
    move_aside,
    require_store_file,
)

STORE_FILENAME = "progress.sqlite"
DATA_DIR_VARIABLE = "CRMSIM_DATA_DIR"
LEARNER_PATTERN = re.compile(r"^[\w .@-]{1,64}$")
BUSY_WAIT_S = 30.0
"""How long an answer waits for a progress file locked by another program (seconds)."""
LOCK_TRY_S = 0.5
"""How long SQLite itself waits for the lock on each try (seconds)."""
FIRST_PAUSE_S, MAX_PAUSE_S = 0.25, 4.0
"""Pause after the first busy try, doubled after each further one up to the maximum."""

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
        The file; default :func:`default_store_path`. Its folder is created if needed
        (not with ``read_only``).
    read_only
        Only read: the file must exist and is never written, created or moved
        (``crmsim flashcards stats``).
    on_wait
        Called with a message for the learner when the file is busy and the store
        waits to save an answer.
    busy_wait_s
        How long (seconds) to keep retrying, with a growing pause, while another
        program holds the file's write lock.

    Attributes
    ----------
    notice
        ``None``, or a message for the learner: a damaged progress file was moved
        aside (and where to), or answers kept while the file was locked were saved.
    """

    def __init__(
        self,
        path: str | Path | None = None,
        *,
        read_only: bool = False,
        on_wait: Callable[[str], None] | None = None,
        busy_wait_s: float = BUSY_WAIT_S,
    ) -> None:
        self.path = Path(path) if path is not None else default_store_path()
        self.read_only = read_only
        self.on_wait = on_wait
        self.busy_wait_s = busy_wait_s
        self.notice: str | None = None
        # Notebook widgets call back from another thread than the one that opened the store.
        self._lock = threading.RLock()
        require_store_file(self.path, read_only)
        if read_only:
            self._connection = self._open_read_only()
            return
        try:
            self._connection = self._open()
        except DamagedStore as error:
            self._move_aside(error)
            self._connection = self._open()
        except sqlite3.DatabaseError as error:
            raise InputError(
                f"{self.path}: cannot open the progress file ({error}); nothing was changed"
            ) from error
        self._save_pending()

    def _connect(self, uri: str | None = None) -> sqlite3.Connection:
        target = uri if uri is not None else self.path
        return sqlite3.connect(
            target,
            isolation_level=None,
            check_same_thread=False,
            timeout=LOCK_TRY_S,
            uri=uri is not None,
        )

    def _open_read_only(self) -> sqlite3.Connection:
        connection = self._connect(f"{self.path.resolve().as_uri()}?mode=ro")
        try:
            check_schema(connection, self.path)
            broken = first_broken_row(connection)
            if broken is not None:
                raise InputError(
                    f"{self.path}: the saved state of card {broken!r} is damaged; run "
                    "'crmsim quiz' once to set the file aside and start afresh"
                )
        except sqlite3.DatabaseError as error:
            connection.close()
            raise InputError(f"{self.path}: cannot read the progress file ({error})") from error
        except BaseException:
            connection.close()
            raise
        return connection

    def _open(self) -> sqlite3.Connection:
        connection = self._connect()
        try:
            connection.execute("PRAGMA foreign_keys = ON")
            is_new = check_schema(connection, self.path)
            if not is_new:
                try:
                    result = connection.execute("PRAGMA quick_check").fetchone()
                    broken = first_broken_row(connection)
                except sqlite3.DatabaseError as error:
                    raise DamagedStore(str(error)) from error
                if result is None or result[0] != "ok":
                    raise DamagedStore(f"integrity check failed: {result}")
                if broken is not None:
                    raise DamagedStore(f"the saved state of card {broken!r} is not valid")
            with Transaction(connection):
                for statement in SCHEMA_SQL.split(";"):
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
        aside = move_aside(self.path)
        self.notice = (
            f"progress file {self.path} was damaged ({error}); it was moved to {aside} "
            "and a new, empty progress file was started"
        )

    @property
    def pending_path(self) -> Path:
        """Where answers are kept while the progress file stays locked (JSON lines)."""
        return self.path.with_name(self.path.name + ".pending.jsonl")

    def _save_pending(self) -> None:
        """Move answers kept in :attr:`pending_path` into the store, then remove that file."""
        if not self.pending_path.is_file():
            return
        rows = []
        for line in self.pending_path.read_text(encoding="utf-8").splitlines():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError:
                continue
        for row in rows:
            state = fsrs.Card.from_dict(row["card_state"])
            self._write_review(
                row["learner"], row["card_id"], row["rating"], state, row["reviewed_at"]
            )
        self.pending_path.unlink()
        message = f"{len(rows)} answer(s) kept while the progress file was busy are now saved"
        self.notice = f"{self.notice}; {message}" if self.notice else message

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
        if self.read_only:
            return
        self._write(
            lambda connection: connection.execute(
                "INSERT OR IGNORE INTO learners (name, created_at) VALUES (?, ?)",
                (learner, _stamp(now)),
            )
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
        states = {}
        for card_id, state in rows:
            card = card_from_json(state)
            if card is None:
                raise InputError(f"{self.path}: the saved state of card {card_id!r} is damaged")
            states[card_id] = card
        return states

    @_locked
    def record_review(
        self, learner: str, card_id: str, rating: int, card_state: fsrs.Card, now: datetime
    ) -> None:
        """Store one answer and the card's new state in a single transaction.

        While another program holds the file's lock, the store retries with a
        growing pause for up to :attr:`busy_wait_s` seconds (telling the learner
        through ``on_wait``). If the lock is still held, the answer is kept in
        :attr:`pending_path` and saved the next time the store opens.

        Raises
        ------
        crmsim.errors.InputError
            If the answer could not be saved (locked file, full disk); the message
            says whether and where it was kept. The progress file is left unchanged.
        """
        try:
            self._write_review(learner, card_id, rating, card_state, _stamp(now))
        except StoreBusy as busy:
            record = {
                "learner": learner,
                "card_id": card_id,
                "rating": int(rating),
                "card_state": card_state.to_dict(),
                "reviewed_at": _stamp(now),
            }
            try:
                with self.pending_path.open("a", encoding="utf-8") as pending:
                    pending.write(json.dumps(record, sort_keys=True) + "\n")
            except OSError as error:
                raise InputError(f"{busy}; the answer could not be kept either ({error})") from None
            raise InputError(
                f"{busy}; your answer was kept in {self.pending_path} and is saved "
                "the next time the quiz or the widget opens the progress file"
            ) from None

    def _write_review(
        self, learner: str, card_id: str, rating: int, card_state: fsrs.Card, stamp: str
    ) -> None:
        state_json = json.dumps(card_state.to_dict(), sort_keys=True)

        def write(connection: sqlite3.Connection) -> None:
            seen = connection.execute(
                "SELECT 1 FROM card_states WHERE learner = ? AND card_id = ?", (learner, card_id)
            ).fetchone()
            connection.execute(
                "INSERT OR IGNORE INTO learners (name, created_at) VALUES (?, ?)",
                (learner, stamp),
            )
            connection.execute(
                "INSERT INTO reviews (learner, card_id, rating, reviewed_at, first_review) "
                "VALUES (?, ?, ?, ?, ?)",
                (learner, card_id, int(rating), stamp, int(seen is None)),
            )
            connection.execute(
                "INSERT OR REPLACE INTO card_states (learner, card_id, fsrs_card, due_at, state) "
                "VALUES (?, ?, ?, ?, ?)",
                (learner, card_id, state_json, _stamp(card_state.due), int(card_state.state)),
            )

        self._write(write)

    def _write(self, action: Callable[[sqlite3.Connection], object]) -> None:
        """Run ``action`` in one transaction, retrying with backoff while the file is locked."""
        if self.read_only:
            raise InputError(f"{self.path} was opened read-only; nothing is written")
        deadline = time.monotonic() + self.busy_wait_s
        pause = FIRST_PAUSE_S
        told = False
        while True:
            try:
                with Transaction(self._connection):
                    action(self._connection)
                return
            except sqlite3.OperationalError as error:
                if not is_busy(error):
                    raise InputError(
                        f"cannot save to the progress file {self.path}: {error} (the file is "
                        "unchanged)"
                    ) from None
                if time.monotonic() + pause > deadline:
                    raise StoreBusy(
                        f"the progress file {self.path} stayed locked by another program "
                        f"for {self.busy_wait_s:g} s"
                    ) from None
                if not told and self.on_wait is not None:
                    self.on_wait(
                        f"the progress file {self.path} is in use by another program (a second "
                        f"quiz or a notebook?); retrying for up to {self.busy_wait_s:g} s"
                    )
                    told = True
                time.sleep(pause)
                pause = min(pause * 2, MAX_PAUSE_S)

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


class StoreBusy(InputError):
    """The progress file stayed locked by another program longer than the store waits."""


def _stamp(moment: datetime) -> str:
    """A sortable UTC text stamp with fixed width (microseconds always present)."""
    return moment.astimezone(UTC).isoformat(timespec="microseconds")
