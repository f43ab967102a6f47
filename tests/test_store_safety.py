"""The progress store never loses a learner's files or answers.

Read-only commands never write; files that are not progress stores are refused
and left as they are; a locked store is retried and the answer kept; a full
disk is reported with its real cause and the store stays intact.
"""

from __future__ import annotations

import io
import sqlite3
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

import fsrs
import pytest

from crmsim.cli import main
from crmsim.errors import InputError
from crmsim.learn.store import ProgressStore

T0 = datetime(2026, 3, 2, 8, 30, tzinfo=UTC)
REPO = Path(__file__).resolve().parents[1]
DECK = REPO / "flashcards"


def reviewed_card() -> fsrs.Card:
    scheduler = fsrs.Scheduler(enable_fuzzing=False)
    card, _ = scheduler.review_card(
        fsrs.Card(card_id=0, due=T0), fsrs.Rating.Good, review_datetime=T0
    )
    return card


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file in ``folder`` with its bytes and modification time (ns)."""
    return {
        path.name: (path.read_bytes(), path.stat().st_mtime_ns)
        for path in sorted(folder.iterdir())
        if path.is_file()
    }


def store_with_answers(path: Path, answers: int = 2) -> None:
    with ProgressStore(path) as store:
        for number in range(answers):
            store.record_review("ana", f"card-{number}", 3, reviewed_card(), T0)


@pytest.mark.parametrize("name", ["notes.txt", "other.sqlite", "empty.sqlite"])
def test_stats_on_a_file_that_is_not_a_store_changes_nothing(
    tmp_path: Path, name: str, capsys
) -> None:
    path = tmp_path / name
    if name == "other.sqlite":
        with sqlite3.connect(path) as other:
            other.execute("CREATE TABLE invoices (amount_eur REAL)")
        other.close()
    elif name == "notes.txt":
        path.write_text("my lecture notes\n", encoding="utf-8")
    else:
        path.write_bytes(b"")
    before = snapshot(tmp_path)
    assert main(["flashcards", "stats", "--store", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert snapshot(tmp_path) == before


def test_stats_on_a_real_store_reads_without_writing(tmp_path: Path, capsys) -> None:
    path = tmp_path / "progress.sqlite"
    store_with_answers(path)
    before = snapshot(tmp_path)
    time.sleep(0.01)
    assert main(["flashcards", "stats", "--store", str(path), "--learner", "ana"]) == 0
    assert capsys.readouterr().out.strip()
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("name", ["notes.txt", "other.sqlite"])
def test_quiz_refuses_a_foreign_file_instead_of_setting_it_aside(
    tmp_path: Path, name: str, capsys, monkeypatch
) -> None:
    path = tmp_path / name
    if name == "other.sqlite":
        with sqlite3.connect(path) as other:
            other.execute("CREATE TABLE customers (name TEXT)")
        other.close()
    else:
        path.write_text("not a store", encoding="utf-8")
    before = snapshot(tmp_path)
    monkeypatch.setattr(sys, "stdin", io.StringIO("f\n3\nq\n"))
    assert main(["quiz", "--store", str(path), "--lang", "en"]) == 2
    assert "not a crmsim progress file" in capsys.readouterr().err
    assert snapshot(tmp_path) == before


def test_quiz_store_under_a_file_is_refused_in_one_line(tmp_path: Path, capsys) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    assert main(["quiz", "--store", str(blocker / "p.sqlite")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "cannot create the folder" in err
    assert blocker.read_text(encoding="utf-8") == "x"


def test_a_broken_json_row_is_reported_by_stats_and_set_aside_by_the_quiz(
    tmp_path: Path, capsys, monkeypatch
) -> None:
    path = tmp_path / "progress.sqlite"
    store_with_answers(path)
    with sqlite3.connect(path) as raw:
        raw.execute("UPDATE card_states SET fsrs_card = 'not json' WHERE card_id = 'card-1'")
    raw.close()
    before = snapshot(tmp_path)
    assert main(["flashcards", "stats", "--store", str(path), "--learner", "ana"]) == 2
    assert "card 'card-1' is damaged" in capsys.readouterr().err
    assert snapshot(tmp_path) == before
    monkeypatch.setattr(sys, "stdin", io.StringIO("q\n"))
    assert main(["quiz", "--store", str(path), "--lang", "en"]) == 0
    assert "was damaged" in capsys.readouterr().err
    [aside] = tmp_path.glob("progress.sqlite.corrupt-*")
    assert aside.read_bytes() == before["progress.sqlite"][0]


def hold_write_lock(path: Path, seconds: float) -> threading.Thread:
    """Another program's write transaction on ``path`` for ``seconds``."""
    ready = threading.Event()

    def hold() -> None:
        other = sqlite3.connect(path, isolation_level=None)
        other.execute("BEGIN EXCLUSIVE")
        ready.set()
        time.sleep(seconds)
        other.execute("COMMIT")
        other.close()

    thread = threading.Thread(target=hold)
    thread.start()
    ready.wait(5)
    return thread


def test_a_briefly_locked_store_is_retried_and_the_learner_told(tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite"
    store_with_answers(path, 1)
    messages: list[str] = []
    with ProgressStore(path, on_wait=messages.append, busy_wait_s=20) as store:
        holder = hold_write_lock(path, 1.5)
        store.record_review("ana", "card-9", 4, reviewed_card(), T0)
        holder.join()
        assert [r.card_id for r in store.reviews("ana")] == ["card-0", "card-9"]
    assert len(messages) == 1 and "in use by another program" in messages[0]


def test_a_store_locked_too_long_keeps_the_answer_for_the_next_start(tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite"
    store_with_answers(path, 1)
    with ProgressStore(path, busy_wait_s=1.0) as store:
        holder = hold_write_lock(path, 3.0)
        started = time.monotonic()
        with pytest.raises(InputError, match="stayed locked.*kept in"):
            store.record_review("ana", "card-7", 2, reviewed_card(), T0)
        assert time.monotonic() - started < 2.5
        holder.join()
    assert store.pending_path.is_file()
    with ProgressStore(path) as store:
        assert "now saved" in (store.notice or "")
        assert [(r.card_id, r.rating) for r in store.reviews("ana")] == [
            ("card-0", 3),
            ("card-7", 2),
        ]
    assert not store.pending_path.exists()


def test_a_full_disk_is_reported_with_its_cause_and_the_store_stays_intact(
    tmp_path: Path,
) -> None:
    path = tmp_path / "progress.sqlite"
    store_with_answers(path, 1)
    with ProgressStore(path) as store:
        pages = store._connection.execute("PRAGMA page_count").fetchone()[0]
        store._connection.execute(f"PRAGMA max_page_count = {pages}")
        long_state = reviewed_card()
        with pytest.raises(InputError) as caught:
            for number in range(200):  # fill the last free page, then one more
                store.record_review("ana", f"card-x{number:04d}" * 40, 3, long_state, T0)
        message = str(caught.value)
        assert "database or disk is full" in message
        assert "rollback" not in message
        assert "\n" not in message
    with ProgressStore(path) as store:
        assert store.notice is None
        assert store.reviews("ana")[0].card_id == "card-0"


def test_read_only_store_refuses_to_write(tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite"
    store_with_answers(path, 1)
    before = path.read_bytes()
    with ProgressStore(path, read_only=True) as store, pytest.raises(InputError, match="read-only"):
        store.record_review("ana", "card-5", 3, reviewed_card(), T0)
    assert path.read_bytes() == before
